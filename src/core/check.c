/* SPDX-License-Identifier: MIT */
/*
 * Checking a plan: every record (or the ones and folders named) read
 * once through the walk, validated against its schema and references,
 * then the rules across records (one email per person, manager chains
 * that end). Findings come back; nothing is printed here.
 */
#include <stdlib.h>
#include <string.h>

#include "devplan/check.h"
#include "devplan/markdown.h"
#include "devplan/banned.h"

struct checker {
	struct dp_plan *plan;
	struct dp_findings *findings;
	size_t records;
	/* "email\tpath\tline\tcol" of every profile, to find shared emails. */
	struct dp_strlist emails;
	/* "person\tmanager\tline\tcol" of every profile, to find cycles. */
	struct dp_strlist managers;
};

/*
 * Turns the last core error into a finding about `path`, at the line and
 * column the core gave when it gave one (a parse error), else whole.
 */
static void add_error(struct checker *c, const char *path)
{
	unsigned line = 0, col = 0;
	const char *msg = dp_error_last();

	if (!dp_error_last_at(&line, &col, &msg))
		line = col = 0;
	dp_findings_add(c->findings, DP_SEV_ERROR, path, line, col, "%s",
			*msg ? msg : "cannot be read");
}

/* Remembers a profile's email: devplan tells people apart by it. */
static void note_email(struct checker *c, const char *path,
		       const struct dp_doc *doc)
{
	const struct dp_node *e = dp_doc_lookup(doc, "email");
	struct dp_buf key = DP_BUF_INIT;

	if (!e || e->type != DP_SCALAR || !*e->str)
		return;
	for (const char *p = e->str; *p; p++)
		dp_buf_addch(&key,
			     *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	dp_buf_addf(&key, "\t%s\t%u\t%u", path, e->line, e->col);
	dp_strlist_push(&c->emails, key.ptr);
	dp_buf_reset(&key);
	e = dp_doc_lookup(doc, "manager");
	if (e && e->type == DP_SCALAR && *e->str &&
	    dp_layout_person_of(&key, dp_plan_layout(c->plan), path) == 0) {
		dp_buf_addf(&key, "\t%s\t%u\t%u", e->str, e->line, e->col);
		dp_strlist_push(&c->managers, key.ptr);
	}
	dp_buf_release(&key);
}

static int cmp_person(const void *key, const void *item)
{
	const char *k = key, *it = *(char *const *)item;
	size_t len = strcspn(it, "\t");
	int r = strncmp(k, it, len);

	return r ? r : (unsigned char)k[len];
}

/* The index of `person` in the sorted managers list, or -1. */
static long person_index(const struct checker *c, const char *person)
{
	char **hit = bsearch(person, c->managers.items, c->managers.len,
			     sizeof(*c->managers.items), cmp_person);

	return hit ? (long)(hit - c->managers.items) : -1;
}

/* "alice -> bob -> alice", long loops shortened in the middle. */
static void describe_loop(struct checker *c, struct dp_buf *out,
			  const long *next, long start)
{
	size_t len = 1, k = 0;

	for (long j = next[start]; j != start; j = next[j])
		len++;
	dp_buf_reset(out);
	for (long j = start;; j = next[j], k++) {
		const char *it = c->managers.items[j];

		if (k < 8 || k == len) {
			dp_buf_addf(out, "%s%.*s", k ? " -> " : "",
				    (int)strcspn(it, "\t"), it);
		} else if (k == 8) {
			dp_buf_addf(out, " -> ... (%zu people)", len);
			k = len - 1;
			j = start;
			while (next[j] != start)
				j = next[j];
		}
		if (k == len)
			break;
	}
}

/*
 * A manager chain that comes back to where it started has no top. Each
 * profile's manager is followed once (a walk that meets a profile it has
 * already settled stops), so loops of any length are found in linear time.
 */
static void check_manager_cycles(struct checker *c)
{
	struct dp_buf chain = DP_BUF_INIT, mgr = DP_BUF_INIT;
	struct dp_buf path = DP_BUF_INIT;
	size_t n;
	long *next;
	unsigned char *state; /* 0 new, 1 on the current walk, 2 settled */

	dp_strlist_sort(&c->managers);
	n = c->managers.len;
	next = dp_xcalloc(n + 1, sizeof(*next));
	state = dp_xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		const char *it = c->managers.items[i];
		const char *m = it + strcspn(it, "\t") + 1;

		dp_buf_reset(&mgr);
		dp_buf_add(&mgr, m, strcspn(m, "\t"));
		next[i] = person_index(c, mgr.ptr);
	}
	for (size_t i = 0; i < n; i++) {
		long j = (long)i, cyc;

		while (j >= 0 && state[j] == 0) {
			state[j] = 1;
			j = next[j];
		}
		cyc = j >= 0 && state[j] == 1 ? j : -1;
		/* Report each member of a loop just found, from itself. */
		for (long k = cyc; k >= 0;) {
			const char *it = c->managers.items[k];
			const char *rest =
			    strchr(strchr(it, '\t') + 1, '\t') + 1;
			unsigned line = (unsigned)strtoul(rest, NULL, 10);
			unsigned col =
			    (unsigned)strtoul(strchr(rest, '\t') + 1, NULL, 10);

			describe_loop(c, &chain, next, k);
			dp_buf_reset(&mgr);
			dp_buf_add(&mgr, it, strcspn(it, "\t"));
			dp_buf_reset(&path);
			dp_layout_profile(&path, dp_plan_layout(c->plan),
					  mgr.ptr);
			dp_findings_add(c->findings, DP_SEV_ERROR, path.ptr,
					line, col,
					"manager: the chain comes back round: "
					"%s",
					chain.ptr);
			state[k] = 2;
			k = next[k];
			if (k == cyc)
				break;
		}
		for (j = (long)i; j >= 0 && state[j] == 1; j = next[j])
			state[j] = 2;
	}
	free(state);
	free(next);
	dp_buf_release(&path);
	dp_buf_release(&mgr);
	dp_buf_release(&chain);
}

/* Two profiles with one email: whose is `git config user.email`? */
static void check_emails(struct checker *c)
{
	dp_strlist_sort(&c->emails);
	for (size_t i = 1; i < c->emails.len; i++) {
		const char *prev = c->emails.items[i - 1];
		char *cur = c->emails.items[i];
		size_t len = strcspn(cur, "\t");
		char *path, *line, *col;

		if (strncmp(prev, cur, len) || prev[len] != '\t')
			continue;
		path = cur + len + 1;
		line = strchr(path, '\t');
		*line++ = '\0';
		col = strchr(line, '\t');
		*col++ = '\0';
		dp_findings_add(
		    c->findings, DP_SEV_ERROR, path,
		    (unsigned)strtoul(line, NULL, 10),
		    (unsigned)strtoul(col, NULL, 10),
		    "email: '%.*s' is also the email of %.*s", (int)len, cur,
		    (int)strcspn(prev + len + 1, "\t"), prev + len + 1);
	}
}

/*
 * The repository folder `name` names, typed relative to the current
 * folder, into `out` ("" for the top); 0 when it names no folder.
 */
static int folder_of(struct dp_buf *out, struct dp_store *st, const char *name)
{
	const char *top = dp_store_workdir(st);
	size_t toplen = strlen(top);
	struct dp_buf joined = DP_BUF_INIT;
	const char *p;
	int ret = 0;

	if (name[0] == '/') {
		if (!strncmp(name, top, toplen))
			dp_buf_adds(&joined, name + toplen);
		else if (!strncmp(name, top, toplen - 1) && !name[toplen - 1])
			dp_buf_adds(&joined, "");
		else
			goto out;
	} else {
		dp_buf_addf(&joined, "%s%s", dp_store_prefix(st), name);
	}
	/* Fold "." and ".." lexically, as git does with pathspecs. */
	dp_buf_reset(out);
	for (p = joined.ptr; *p;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);

		if (len == 2 && !strncmp(p, "..", 2)) {
			char *up = strrchr(out->ptr, '/');

			if (!out->len)
				goto out; /* above the top */
			dp_buf_setlen(out, up ? (size_t)(up - out->ptr) : 0);
		} else if (len && !(len == 1 && *p == '.')) {
			if (out->len)
				dp_buf_addch(out, '/');
			dp_buf_add(out, p, len);
		}
		p += len + (slash ? 1 : 0);
	}
	ret = !out->len || dp_store_isdir(st, out->ptr);
out:
	dp_buf_release(&joined);
	return ret;
}

static void on_problem(const char *path, const char *msg, void *data)
{
	struct checker *c = data;

	dp_findings_add(c->findings, DP_SEV_ERROR, path, 0, 0, "%s", msg);
}

/* The Markdown body within the limits the renderer keeps (markdown.h). */
static void check_body(struct checker *c, const struct dp_ref *ref,
		       const struct dp_doc *doc)
{
	unsigned line = 1, col = 1;
	const char *body, *msg;
	size_t len;

	if (doc->mode != DP_DOC_FRONT_MATTER)
		return;
	body = dp_doc_body(doc, &len);
	for (size_t i = 0; i < doc->body_start; i++)
		line += doc->text.ptr[i] == '\n';
	if (dp_markdown_check(ref->path, line, body, len) == 0)
		return;
	if (!dp_error_last_at(&line, &col, &msg))
		msg = dp_error_last();
	dp_findings_add(c->findings, DP_SEV_ERROR, ref->path, line, col, "%s",
			msg);
}

static int on_record(const struct dp_ref *ref, const struct dp_doc *doc,
		     void *data)
{
	struct checker *c = data;

	c->records++;
	if (!doc) {
		add_error(c, ref->path);
		return 0;
	}
	dp_record_validate(c->findings, ref, doc, dp_plan_refs(c->plan));
	check_body(c, ref, doc);
	if (ref->kind == DP_KIND_PROFILE)
		note_email(c, ref->path, doc);
	return 0;
}

int dp_plan_check(struct dp_plan *plan, struct dp_findings *out, char **names,
		  size_t n, size_t *records)
{
	struct checker c = { plan, out, 0, DP_STRLIST_INIT, DP_STRLIST_INIT };
	struct dp_strlist folders = DP_STRLIST_INIT;
	struct dp_walk w = { 0, NULL, NULL, on_record, on_problem, &c };
	struct dp_store *st = dp_plan_store(plan);
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	/* Records named are checked first; folders are swept after. */
	for (size_t i = 0; i < n; i++) {
		struct dp_doc doc = DP_DOC_INIT;
		struct dp_ref ref;

		if (folder_of(&path, st, names[i])) {
			dp_strlist_push(&folders, path.ptr);
			continue;
		}
		c.records++;
		if ((ret = dp_layout_resolve(&ref, st, dp_plan_layout(plan),
					     names[i], NULL)) < 0) {
			dp_findings_add(out, DP_SEV_ERROR, names[i], 0, 0, "%s",
					dp_error_last());
			continue;
		}
		c.records--;
		ret = dp_plan_load(plan, &doc, &ref);
		on_record(&ref, ret < 0 ? NULL : &doc, &c);
		dp_doc_release(&doc);
	}
	ret = 0;
	w.folders = &folders;
	if (!n || folders.len)
		ret = dp_plan_walk(plan, &w);
	if (ret == 0) {
		check_emails(&c);
		check_manager_cycles(&c);
	}
	*records = c.records;
	dp_buf_release(&path);
	dp_strlist_release(&folders);
	dp_strlist_release(&c.emails);
	dp_strlist_release(&c.managers);
	return ret;
}
