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

/* The manager of `person` as noted ("" when none), into `out`. */
static const char *manager_of(const struct checker *c, const char *person,
			      struct dp_buf *out)
{
	char **hit = bsearch(person, c->managers.items, c->managers.len,
			     sizeof(*c->managers.items), cmp_person);

	dp_buf_reset(out);
	if (hit) {
		const char *m = strchr(*hit, '\t') + 1;

		dp_buf_add(out, m, strcspn(m, "\t"));
	}
	return out->ptr;
}

/* A manager chain that comes back to where it started has no top. */
static void check_manager_cycles(struct checker *c)
{
	struct dp_buf chain = DP_BUF_INIT, cur = DP_BUF_INIT;
	struct dp_buf next = DP_BUF_INIT;

	dp_strlist_sort(&c->managers);
	for (size_t i = 0; i < c->managers.len; i++) {
		const char *item = c->managers.items[i];
		size_t len = strcspn(item, "\t");
		const char *rest = item + len + 1;
		unsigned line, col;
		int steps;

		dp_buf_reset(&chain);
		dp_buf_add(&chain, item, len);
		dp_buf_reset(&cur);
		dp_buf_add(&cur, item, len);
		for (steps = 0; steps < 1000; steps++) {
			manager_of(c, cur.ptr, &next);
			if (!next.len)
				break;
			dp_buf_addf(&chain, " -> %s", next.ptr);
			if (next.len == len && !strncmp(next.ptr, item, len))
				break;
			dp_buf_reset(&cur);
			dp_buf_add(&cur, next.ptr, next.len);
		}
		if (!next.len || steps == 1000)
			continue;
		rest = strchr(rest, '\t') + 1;
		line = (unsigned)strtoul(rest, NULL, 10);
		col = (unsigned)strtoul(strchr(rest, '\t') + 1, NULL, 10);
		dp_buf_reset(&cur);
		dp_buf_add(&cur, item, len);
		dp_buf_reset(&next);
		dp_layout_profile(&next, dp_plan_layout(c->plan), cur.ptr);
		dp_findings_add(c->findings, DP_SEV_ERROR, next.ptr, line, col,
				"manager: the chain comes back round: %s",
				chain.ptr);
	}
	dp_buf_release(&next);
	dp_buf_release(&cur);
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
