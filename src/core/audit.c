/* SPDX-License-Identifier: MIT */
/* The audit: every commit checked against the policy of its time. */
#include "devplan/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/approve.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/message.h"
#include "devplan/util.h"
#include "devplan/verify.h"
#include "devplan/banned.h"

struct audit_person {
	char *id;
	char *email;
	char *manager;
};

/* devplan.yaml and the profiles as they stood at one commit. */
struct policy {
	char rev[41];
	struct audit_person *people;
	size_t len, alloc;
	struct dp_strlist admins;
	int grouped;
};

static void policy_release(struct policy *p)
{
	size_t i;

	for (i = 0; i < p->len; i++) {
		free(p->people[i].id);
		free(p->people[i].email);
		free(p->people[i].manager);
	}
	free(p->people);
	dp_strlist_release(&p->admins);
	memset(p, 0, sizeof(*p));
}

static int add_profile(const char *path, const char *text, size_t len,
		       void *data)
{
	struct policy *p = data;
	struct dp_doc doc = DP_DOC_INIT;
	struct audit_person *ap;
	const char *end = strrchr(path, '/'), *start = end;
	const char *v;

	if (!end)
		return 0;
	while (start > path && start[-1] != '/')
		start--;
	if (dp_doc_parse(&doc, path, text, len, DP_DOC_FRONT_MATTER) < 0) {
		dp_error_clear();
		return 0;
	}
	if (p->len == p->alloc) {
		p->alloc = p->alloc ? 2 * p->alloc : 16;
		p->people =
		    dp_xrealloc(p->people, p->alloc * sizeof(*p->people));
	}
	ap = &p->people[p->len++];
	ap->id = dp_xstrndup(start, (size_t)(end - start));
	v = dp_doc_str(&doc, "email");
	ap->email = dp_xstrdup(v ? v : "");
	v = dp_doc_str(&doc, "manager");
	ap->manager = v && *v ? dp_xstrdup(v) : NULL;
	dp_doc_release(&doc);
	return 0;
}

static int policy_load(struct policy *p, struct dp_history *h, const char *rev)
{
	struct dp_buf text = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	const struct dp_node *n;
	const char *v;
	size_t i;

	policy_release(p);
	snprintf(p->rev, sizeof(p->rev), "%s", rev);
	if (dp_history_read_h(&text, h, rev, "devplan.yaml") == 0 &&
	    dp_doc_parse(&doc, "devplan.yaml", text.ptr, text.len,
			 DP_DOC_YAML) == 0) {
		v = dp_doc_str(&doc, "layout");
		p->grouped = v && !strcmp(v, "grouped");
		n = dp_doc_lookup(&doc, "policy.admins");
		for (i = 0; n && n->type == DP_SEQ && i < n->n; i++)
			if (n->items[i]->type == DP_SCALAR)
				dp_strlist_push(&p->admins, n->items[i]->str);
		dp_doc_release(&doc);
	}
	dp_error_clear();
	dp_buf_release(&text);
	return dp_history_files_h(h, rev, "people", "profile.md", add_profile,
				  p);
}

static const struct audit_person *by_email(const struct policy *p,
					   const char *email)
{
	size_t i;

	for (i = 0; email && i < p->len; i++)
		if (*p->people[i].email &&
		    !strcasecmp(p->people[i].email, email))
			return &p->people[i];
	return NULL;
}

static const struct audit_person *by_id(const struct policy *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->len; i++)
		if (!strcmp(p->people[i].id, id))
			return &p->people[i];
	return NULL;
}

/* 1 if `manager` is above `person` in the chain; a loop ends it. */
static int manages(const struct policy *p, const char *manager,
		   const char *person)
{
	const struct audit_person *ap = by_id(p, person);
	size_t steps;

	for (steps = 0; ap && ap->manager && steps <= p->len; steps++) {
		if (!strcmp(ap->manager, manager))
			return 1;
		ap = by_id(p, ap->manager);
	}
	return 0;
}

/* The owner's id of a path under people/ into `out`; 0 when none. */
static int owner_of(char *out, size_t size, const struct policy *p,
		    const char *path)
{
	const char *s = path + strlen("people/"), *e;

	if (p->grouped) {
		s = strchr(s, '/');
		if (!s)
			return 0;
		s++;
	}
	e = strchr(s, '/');
	if (!e || (size_t)(e - s) >= size)
		return 0;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 1;
}

static void add_finding(struct dp_audit *a, const struct dp_history_commit *c,
			const char *rule)
{
	struct dp_audit_finding *f;
	struct dp_buf who = DP_BUF_INIT;
	size_t i;

	for (i = 0; i < a->len; i++)
		if (!strcmp(a->items[i].commit, c->id) &&
		    !strcmp(a->items[i].rule, rule))
			return;
	if (a->len == a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 8;
		a->items = dp_xrealloc(a->items, a->alloc * sizeof(*a->items));
	}
	f = &a->items[a->len++];
	memcpy(f->commit, c->id, sizeof(c->id));
	dp_buf_addf(&who, "%s <%s>", c->author_name, c->author_email);
	f->author = dp_buf_detach(&who, NULL);
	f->rule = dp_xstrdup(rule);
}

/* Checks what `email` (the author or the committer) did in commit `c`. */
static void check_actor(struct dp_audit *a, const struct policy *p,
			const struct dp_history_commit *c,
			const struct dp_history_file *files, size_t n,
			const struct dp_msg *msg, const char *role,
			const char *email)
{
	const struct audit_person *actor = by_email(p, email);
	const char *me = actor ? actor->id : NULL;
	int admin = me && dp_strlist_has(&p->admins, me);
	int open = p->admins.len == 0;
	struct dp_buf rule = DP_BUF_INIT;
	char owner[256];
	size_t i;

	if (!n) {
		const char *who = dp_msg_trailer(msg, DP_TRAILER_PERSON);

		if (!dp_msg_trailer(msg, DP_TRAILER_APPROVES) || !who)
			goto out;
		if (admin || (me && strcmp(me, who) && manages(p, me, who)))
			goto out;
		dp_buf_addf(&rule,
			    "%s %s may not approve %s's plan (only "
			    "their manager chain or an admin)",
			    role, me ? me : email, who);
		add_finding(a, c, rule.ptr);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct dp_history_file *f = &files[i];
		const char *path = f->path;
		int added = !f->old_text && f->new_text;

		dp_buf_reset(&rule);
		if (!strncmp(path, "framework/", 10) ||
		    !strcmp(path, "devplan.yaml")) {
			if (open || admin)
				continue;
			dp_buf_addf(&rule,
				    "%s %s: only the admins may change the "
				    "framework and devplan.yaml",
				    role, me ? me : email);
		} else if (!strncmp(path, "people/", 7)) {
			if (!owner_of(owner, sizeof(owner), p, path) || admin)
				continue;
			if (!by_id(p, owner)) {
				/* a new person's folder: the admins' */
				if (open)
					continue;
				dp_buf_addf(&rule,
					    "%s %s: only the admins may add "
					    "a person (%s)",
					    role, me ? me : email, path);
			} else if (!me) {
				dp_buf_addf(&rule,
					    "%s %s is no person in the plan "
					    "and changed %s",
					    role, email, path);
			} else if (!strcmp(me, owner)) {
				continue;
			} else if (added && strstr(path, "/comments/")) {
				continue; /* anyone with a profile comments */
			} else if (added && strstr(path, "/goals/") &&
				   manages(p, me, owner) &&
				   dp_msg_trailer(msg,
						  DP_TRAILER_PROPOSED_BY)) {
				continue; /* a proposal */
			} else {
				dp_buf_addf(&rule,
					    "%s %s may not change %s's "
					    "records (%s): only %s, their "
					    "manager chain by proposals and "
					    "comments, or an admin",
					    role, me, owner, path, owner);
			}
		} else {
			continue;
		}
		add_finding(a, c, rule.ptr);
	}
out:
	dp_buf_release(&rule);
}

struct audit_walk {
	struct dp_audit *a;
	struct dp_history *h;
	struct policy policy;
	unsigned flags;
	const char *allowed; /* gpg.ssh.allowedSignersFile, or NULL */
};

/* 1 when the commit's signature verifies; else a finding (0), or < 0. */
static int check_signed(struct audit_walk *w, const struct dp_history_commit *c)
{
	struct dp_buf sig = DP_BUF_INIT, data = DP_BUF_INIT, why = DP_BUF_INIT;
	int ret;

	if (dp_history_signature_h(w->h, c->id, &sig, &data) < 0) {
		dp_error_clear();
		add_finding(w->a, c,
			    "unsigned, and --require-signed counts only "
			    "commits whose signature verifies");
		ret = 0;
		goto out;
	}
	ret = dp_verify_signature(&why, sig.ptr, sig.len, data.ptr, data.len,
				  c->committer_email, w->allowed);
	if (ret == 0)
		add_finding(w->a, c, why.ptr);
out:
	dp_buf_release(&sig);
	dp_buf_release(&data);
	dp_buf_release(&why);
	return ret;
}

static int audit_fn(const struct dp_history_commit *c,
		    const struct dp_history_file *files, size_t n, void *data)
{
	struct audit_walk *w = data;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_buf base = DP_BUF_INIT;
	char parent[41];
	int ret = 0;

	if (c->parents > 1)
		return 0;
	w->a->checked++;
	if (w->flags & DP_AUDIT_REQUIRE_SIGNED) {
		ret = check_signed(w, c);
		if (ret <= 0)
			return ret;
		ret = 0;
	}
	if (c->parents == 1) {
		dp_buf_addf(&base, "%s^", c->id);
		ret = dp_history_resolve_h(w->h, base.ptr, parent);
	} else {
		memcpy(parent, c->id, sizeof(parent));
	}
	if (ret == 0 && strcmp(w->policy.rev, parent))
		ret = policy_load(&w->policy, w->h, parent);
	if (ret < 0)
		goto out;
	dp_msg_parse(&msg, c->message);
	check_actor(w->a, &w->policy, c, files, n, &msg, "author",
		    c->author_email);
	if (strcasecmp(c->author_email, c->committer_email))
		check_actor(w->a, &w->policy, c, files, n, &msg, "committer",
			    c->committer_email);
out:
	dp_msg_release(&msg);
	dp_buf_release(&base);
	return ret;
}

int dp_audit_run(struct dp_audit *out, struct dp_history *h, const char *range,
		 unsigned flags)
{
	struct dp_buf allowed = DP_BUF_INIT;
	struct audit_walk w;
	char *tip = NULL, *since = NULL;
	const char *dots = range ? strstr(range, "..") : NULL;
	int ret;

	memset(&w, 0, sizeof(w));
	w.a = out;
	w.h = h;
	w.flags = flags;
	if (dp_history_config_path_h(&allowed, h,
				     "gpg.ssh.allowedSignersFile") == 0)
		w.allowed = allowed.ptr;
	if (dots) {
		since = dp_xstrndup(range, (size_t)(dots - range));
		tip = dp_xstrdup(dots + 2);
		if (!*tip) {
			free(tip);
			tip = NULL;
		}
	} else if (range) {
		tip = dp_xstrdup(range);
	}
	ret = dp_history_walk_h(h, tip, since && *since ? since : NULL, "",
				DP_HISTORY_REVERSE | DP_HISTORY_EMPTY, audit_fn,
				&w);
	policy_release(&w.policy);
	dp_buf_release(&allowed);
	free(tip);
	free(since);
	return ret;
}

void dp_audit_release(struct dp_audit *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->len; i++) {
		free(a->items[i].author);
		free(a->items[i].rule);
	}
	free(a->items);
	memset(a, 0, sizeof(*a));
}
