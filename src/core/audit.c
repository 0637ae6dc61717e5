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
#include "devplan/merge.h"
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
	struct dp_strlist trusted; /* policy.trusted-committers: emails */
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
	dp_strlist_release(&p->trusted);
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
		n = dp_doc_lookup(&doc, "policy.trusted-committers");
		for (i = 0; n && n->type == DP_SEQ && i < n->n; i++)
			if (n->items[i]->type == DP_SCALAR)
				dp_strlist_push(&p->trusted, n->items[i]->str);
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

/* 1 when devplan.yaml lists `email` in policy.trusted-committers. */
static int trusted_committer(const struct policy *p, const char *email)
{
	size_t i;

	for (i = 0; email && i < p->trusted.len; i++)
		if (!strcasecmp(p->trusted.items[i], email))
			return 1;
	return 0;
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

/*
 * While no admin has a profile, an admin's own profile is anyone's to add
 * (devplan-init(1)): otherwise a plan made with --admin could never start.
 */
static int admin_bootstrap(const struct policy *p, const char *owner,
			   const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!dp_strlist_has(&p->admins, owner) || !slash ||
	    strcmp(slash, "/profile.md"))
		return 0;
	for (size_t i = 0; i < p->admins.len; i++)
		if (by_id(p, p->admins.items[i]))
			return 0;
	return 1;
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
				if (open || admin_bootstrap(p, owner, path))
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

/* ---- merges: what a merge brings of its own ---- */

struct side_base {
	int found;
	int absent; /* the file did not exist at the base */
	struct dp_buf text;
};

/* The first commit of the side (oldest first): its parent's version. */
static int side_base_fn(const struct dp_history_commit *c,
			const struct dp_history_file *files, size_t n,
			void *data)
{
	struct side_base *b = data;

	(void)c;
	if (!n)
		return 0;
	b->found = 1;
	b->absent = !files[0].old_text;
	if (files[0].old_text)
		dp_buf_add(&b->text, files[0].old_text, files[0].old_len);
	return 1;
}

static int same_text(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && (!alen || !memcmp(a, b, alen));
}

/*
 * 1 when the merge's version of `f` is what merging the parents gives:
 * the second parent's version (the first's is f->old_text, and `f` is
 * only reported when the merge differs from it), or the records' merge
 * of both sides over the version the second side started from. 0: the
 * merge's own change (an "evil merge"). < 0: the history is unreadable.
 */
static int merge_explains(struct audit_walk *w, const char *p1, const char *p2,
			  const struct dp_history_file *f)
{
	struct dp_buf theirs = DP_BUF_INIT;
	struct side_base b = { 0, 0, DP_BUF_INIT };
	struct dp_merge m = DP_MERGE_INIT;
	int rc, has2, ret = 0;

	rc = dp_history_read_h(&theirs, w->h, p2, f->path);
	if (rc < 0 && rc != DP_ENOTFOUND)
		goto out_err;
	dp_error_clear();
	has2 = rc == 0;
	if (!f->new_text && !f->old_text) {
		ret = 0; /* too big to compare: its own, to be safe */
		goto out;
	}
	if (!f->new_text || !has2) {
		ret = !f->new_text && !has2; /* deleted as on the other side */
		goto out;
	}
	if (same_text(f->new_text, f->new_len, theirs.ptr, theirs.len)) {
		ret = 1;
		goto out;
	}
	if (!f->old_text)
		goto out; /* added by the merge, unlike the second side's */
	rc = dp_history_walk_h(w->h, p2, p1, f->path, DP_HISTORY_REVERSE,
			       side_base_fn, &b);
	if (rc < 0)
		goto out_err;
	if (!b.found)
		goto out; /* the second side left it alone: the first's wins */
	if (dp_merge_text(&m, f->path, b.text.ptr, b.text.len, f->old_text,
			  f->old_len, theirs.ptr, theirs.len) == 0 &&
	    same_text(m.text.ptr, m.text.len, f->new_text, f->new_len)) {
		ret = 1;
		goto out;
	}
	dp_merge_release(&m);
	m = (struct dp_merge)DP_MERGE_INIT;
	if (dp_merge_text(&m, f->path, b.text.ptr, b.text.len, theirs.ptr,
			  theirs.len, f->old_text, f->old_len) == 0 &&
	    same_text(m.text.ptr, m.text.len, f->new_text, f->new_len))
		ret = 1;
	goto out;
out_err:
	ret = rc;
out:
	dp_merge_release(&m);
	dp_buf_release(&b.text);
	dp_buf_release(&theirs);
	return ret;
}

/*
 * A merge: the files whose merged version comes from neither parent are
 * held to the merge's author's and committer's rights, like a commit's.
 */
static int audit_merge(struct audit_walk *w, const struct dp_history_commit *c,
		       const struct dp_history_file *files, size_t n)
{
	struct dp_history_file *own = NULL;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_buf rev = DP_BUF_INIT;
	char p1[41], p2[41];
	size_t i, nown = 0;
	int ret;

	w->a->checked++;
	dp_buf_addf(&rev, "%s^1", c->id);
	if ((ret = dp_history_resolve_h(w->h, rev.ptr, p1)) < 0)
		goto out;
	dp_buf_reset(&rev);
	dp_buf_addf(&rev, "%s^2", c->id);
	if ((ret = dp_history_resolve_h(w->h, rev.ptr, p2)) < 0)
		goto out;
	own = dp_xcalloc(n ? n : 1, sizeof(*own));
	for (i = 0; i < n; i++) {
		ret = c->parents == 2 ? merge_explains(w, p1, p2, &files[i])
				      : 0; /* octopus: judged whole */
		if (ret < 0)
			goto out;
		if (!ret)
			own[nown++] = files[i];
	}
	ret = 0;
	if (!nown)
		goto out; /* a clean merge brings nothing of its own */
	if (w->flags & DP_AUDIT_REQUIRE_SIGNED) {
		ret = check_signed(w, c);
		if (ret <= 0)
			goto out;
		ret = 0;
	}
	if (strcmp(w->policy.rev, p1) &&
	    (ret = policy_load(&w->policy, w->h, p1)) < 0)
		goto out;
	dp_msg_parse(&msg, c->message);
	check_actor(w->a, &w->policy, c, own, nown, &msg, "merge author",
		    c->author_email);
	if (strcasecmp(c->author_email, c->committer_email) &&
	    !trusted_committer(&w->policy, c->committer_email))
		check_actor(w->a, &w->policy, c, own, nown, &msg,
			    "merge committer", c->committer_email);
out:
	free(own);
	dp_msg_release(&msg);
	dp_buf_release(&rev);
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
		return audit_merge(w, c, files, n);
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
	if (c->parents == 0) {
		/* The first commit has no earlier policy: it makes one. */
		policy_release(&w->policy);
		snprintf(w->policy.rev, sizeof(w->policy.rev), "%s", "root");
	} else if (ret == 0 && strcmp(w->policy.rev, parent)) {
		ret = policy_load(&w->policy, w->h, parent);
	}
	if (ret < 0)
		goto out;
	dp_msg_parse(&msg, c->message);
	check_actor(w->a, &w->policy, c, files, n, &msg, "author",
		    c->author_email);
	/* A trusted committer (a git host's web UI) records the author. */
	if (strcasecmp(c->author_email, c->committer_email) &&
	    !trusted_committer(&w->policy, c->committer_email))
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
