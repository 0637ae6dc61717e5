/* SPDX-License-Identifier: MIT */
/*
 * devplan check: validate every record of the repository, or the ones
 * named, and print the findings like a compiler (path:line:col: message).
 * Each record is read once; references are looked up through one shared
 * dp_refs, so the work grows linearly with the number of records.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

static const char *format;

static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format", "text (default) or json"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"check",
	"[--format text|json] [<path>...]",
	"Validate records: all of them, or the records and folders named.",
	opts,
	0,
	DP_ARGS_ANY,
};

struct checker {
	struct dp_ctx *ctx;
	struct dp_refs refs;
	struct dp_findings findings;
	size_t records;
	/* Folders named on the command line; empty: the whole repository. */
	struct dp_strlist folders;
	/* "email\tpath\tline\tcol" of every profile, to find shared emails. */
	struct dp_strlist emails;
	/* "person\tmanager\tline\tcol" of every profile, to find cycles. */
	struct dp_strlist managers;
};

/* 1 if `a` is `b` or a folder above it ("" is the top, above all). */
static int path_within(const char *a, const char *b)
{
	size_t la = strlen(a);

	return !la || (!strncmp(a, b, la) && (b[la] == '/' || !b[la]));
}

/* 1 if `path` (a record or a folder) is in a folder named, or holds one. */
static int in_scope(const struct checker *c, const char *path, int holds)
{
	if (!c->folders.len)
		return 1;
	for (size_t i = 0; i < c->folders.len; i++)
		if (path_within(c->folders.items[i], path) ||
		    (holds && path_within(path, c->folders.items[i])))
			return 1;
	return 0;
}

/* A finding about `path`, unless it lies outside the folders named. */
static void add_finding(struct checker *c, const char *path, const char *msg)
{
	if (in_scope(c, path, 0))
		dp_findings_add(&c->findings, DP_SEV_ERROR, path, 0, 0, "%s",
				msg);
}

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
	dp_findings_add(&c->findings, DP_SEV_ERROR, path, line, col, "%s",
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
	    dp_layout_person_of(&key, path) == 0) {
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
		dp_layout_profile(&next, cur.ptr);
		dp_findings_add(&c->findings, DP_SEV_ERROR, next.ptr, line, col,
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
		    &c->findings, DP_SEV_ERROR, path,
		    (unsigned)strtoul(line, NULL, 10),
		    (unsigned)strtoul(col, NULL, 10),
		    "email: '%.*s' is also the email of %.*s", (int)len, cur,
		    (int)strcspn(prev + len + 1, "\t"), prev + len + 1);
	}
}

/*
 * 1 if `dir` is to be checked and is a folder; a file or a symbolic link
 * where a folder should be is a finding.
 */
static int folder_in_scope(struct checker *c, const char *dir)
{
	if (!in_scope(c, dir, 1))
		return 0;
	if (!dp_store_isdir(c->ctx->store, dir)) {
		add_finding(c, dir,
			    "not a folder (symbolic links are never followed)");
		return 0;
	}
	return 1;
}

/*
 * Reads, parses and validates one record. A missing file is a finding
 * only when `missing` says what to tell the user; else it is skipped.
 */
static void check_one(struct checker *c, const char *path, const char *missing)
{
	struct dp_doc doc = DP_DOC_INIT;
	int ret;

	if (!in_scope(c, path, 0))
		return;
	ret = dp_record_load(&doc, c->ctx, path);
	if (ret == DP_ENOTFOUND && !missing)
		goto out;
	c->records++;
	if (ret == DP_ENOTFOUND) {
		dp_findings_add(&c->findings, DP_SEV_ERROR, path, 0, 0, "%s",
				missing);
		goto out;
	}
	if (ret < 0) {
		add_error(c, path);
		goto out;
	}
	dp_record_validate(&c->findings, path, &doc, dp_kind_from_path(path),
			   &c->refs);
	if (dp_kind_from_path(path) == DP_KIND_PROFILE)
		note_email(c, path, &doc);
out:
	dp_doc_release(&doc);
}

/* The goals of `person`, and any file there that cannot be one. */
static int check_goals(struct checker *c, const char *person)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf dir = DP_BUF_INIT, path = DP_BUF_INIT;
	struct dp_buf msg = DP_BUF_INIT;
	int ret;

	dp_layout_goals_dir(&dir, person);
	if (!in_scope(c, dir.ptr, 1)) {
		ret = 0;
		goto out;
	}
	if ((ret = dp_store_list(&names, c->ctx->store, dir.ptr)) < 0) {
		/* One unreadable folder (say, a link) is a finding, not the end. */
		if (ret == DP_EINVALID) {
			add_finding(c, dir.ptr, dp_error_last());
			ret = 0;
		}
		goto out;
	}
	for (size_t i = 0; i < names.len; i++) {
		char *name = names.items[i];

		if (!dp_ends_with(name, ".md"))
			continue;
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir.ptr, name);
		name[strlen(name) - 3] = '\0';
		if (!dp_id_valid(name)) {
			dp_buf_reset(&msg);
			dp_buf_addf(&msg,
				    "'%s' is not a valid goal name (a-z, 0-9, "
				    "'-' and '_')",
				    name);
			add_finding(c, path.ptr, msg.ptr);
			continue;
		}
		check_one(c, path.ptr, NULL);
	}
out:
	dp_buf_release(&msg);
	dp_buf_release(&path);
	dp_buf_release(&dir);
	dp_strlist_release(&names);
	return ret;
}

/*
 * The person folder `dir` (a folder found under people/, named `person`):
 * its profile and goals, or what is wrong with it.
 */
static int check_person(struct checker *c, const char *dir, const char *person)
{
	struct dp_buf want = DP_BUF_INIT, msg = DP_BUF_INIT;
	int ret = 0;

	if (!folder_in_scope(c, dir))
		goto out;
	if (!dp_id_valid(person)) {
		add_finding(c, dir, "not a valid person id");
		goto out;
	}
	dp_layout_person_dir(&want, person);
	if (strcmp(want.ptr, dir)) {
		/* Grouped: people/zz/alice, or a flat people/alice. */
		dp_buf_addf(&msg, "belongs in %s", want.ptr);
		add_finding(c, dir, msg.ptr);
		goto out;
	}
	dp_buf_reset(&want);
	dp_layout_profile(&want, person);
	check_one(c, want.ptr,
		  "missing: every person needs a profile (see "
		  "'devplan new-person')");
	ret = check_goals(c, person);
out:
	dp_buf_release(&msg);
	dp_buf_release(&want);
	return ret;
}

/* 1 if `name` may be a group folder: two characters an id may start. */
static int group_name_ok(const char *name)
{
	char id[3] = { 0 };

	if (strlen(name) != 2)
		return 0;
	/* "a-" is the group of "a-b": an id does not end in '-'. */
	id[0] = name[0];
	id[1] = name[1] == '-' ? '_' : name[1];
	return dp_id_valid(id);
}

/*
 * Grouped: the group folder people/<group>, and every person in it.
 * A person's folder left flat (people/alice/) gets told where it belongs.
 */
static int check_group(struct checker *c, const char *dir, const char *group)
{
	struct dp_store *st = c->ctx->store;
	struct dp_strlist ids = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (!folder_in_scope(c, dir))
		goto out;
	dp_buf_addf(&path, "%s/profile.md", dir);
	if (dp_id_valid(group) &&
	    (!group_name_ok(group) || dp_store_exists(st, path.ptr))) {
		/* A person's folder left flat: people/alice/. */
		ret = check_person(c, dir, group);
		goto out;
	}
	if (!group_name_ok(group)) {
		add_finding(c, dir,
			    "not a group folder (people/<the first two "
			    "characters of the id>/<id>/)");
		goto out;
	}
	if ((ret = dp_store_list(&ids, st, dir)) < 0)
		goto out;
	for (size_t i = 0; i < ids.len; i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir, ids.items[i]);
		if ((ret = check_person(c, path.ptr, ids.items[i])) < 0)
			goto out;
	}
out:
	dp_buf_release(&path);
	dp_strlist_release(&ids);
	return ret;
}

/* Every record in the layout, in a stable order. */
static int check_all(struct checker *c)
{
	struct dp_store *st = c->ctx->store;
	struct dp_strlist names = DP_STRLIST_INIT, people = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	int ret;

	check_one(c, DP_PATH_CONFIG,
		  "missing: not a plan repository? (see 'devplan init')");
	check_one(c, DP_PATH_COMPETENCIES, NULL);

	if (in_scope(c, DP_DIR_ROLES, 1) &&
	    (ret = dp_store_list(&names, st, DP_DIR_ROLES)) < 0)
		goto out;
	for (size_t i = 0; i < names.len; i++) {
		if (!dp_ends_with(names.items[i], ".md"))
			continue;
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", DP_DIR_ROLES, names.items[i]);
		check_one(c, path.ptr, NULL);
	}

	/*
	 * Every folder under people/ (and, grouped, under each group), so
	 * that a broken or misplaced one is noticed too.
	 */
	if (in_scope(c, DP_DIR_PEOPLE, 1) &&
	    (ret = dp_store_list(&people, st, DP_DIR_PEOPLE)) < 0)
		goto out;
	for (size_t i = 0; i < people.len; i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", DP_DIR_PEOPLE, people.items[i]);
		ret = dp_layout_grouped()
			  ? check_group(c, path.ptr, people.items[i])
			  : check_person(c, path.ptr, people.items[i]);
		if (ret < 0)
			goto out;
	}
	ret = 0;
out:
	dp_buf_release(&path);
	dp_strlist_release(&people);
	dp_strlist_release(&names);
	return ret;
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

/*
 * The records named: folders are swept like the whole repository, within
 * them; anything else is resolved as a record name.
 */
static int check_named(struct checker *c, char **names, int n)
{
	struct dp_strlist folders = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	for (int i = 0; i < n; i++) {
		if (folder_of(&path, c->ctx->store, names[i])) {
			dp_strlist_push(&folders, path.ptr);
			continue;
		}
		dp_buf_reset(&path);
		ret = dp_layout_resolve(&path, c->ctx->store, names[i], NULL);
		if (ret < 0) {
			c->records++;
			dp_findings_add(&c->findings, DP_SEV_ERROR, names[i], 0,
					0, "%s", dp_error_last());
			continue;
		}
		check_one(c, path.ptr, "no such record");
	}
	/* The folders last: until then every record named is in scope. */
	c->folders = folders;
	ret = c->folders.len ? check_all(c) : 0;
	dp_buf_release(&path);
	return ret;
}

static void print_text(const struct dp_findings *f)
{
	dp_print_findings_to(stdout, f);
}

static json_t *uint_or_null(unsigned v)
{
	return v ? json_integer(v) : json_null();
}

static void print_json(const struct dp_findings *f)
{
	json_t *root = json_array();

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];
		json_t *o = json_object();

		json_object_set_new(o, "path", json_string(it->path));
		json_object_set_new(o, "line", uint_or_null(it->line));
		json_object_set_new(o, "column", uint_or_null(it->col));
		json_object_set_new(o, "severity",
				    json_string(it->severity == DP_SEV_ERROR
						    ? "error"
						    : "warning"));
		json_object_set_new(o, "message", json_string(it->message));
		json_array_append_new(root, o);
	}
	dp_json_print(root);
	json_decref(root);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_check(int argc, char **argv, struct dp_ctx *ctx)
{
	struct checker c = { 0 };
	size_t warnings;
	char **args;
	int n, ret, status = 0, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (format && !strcmp(format, "json"))
		json = 1;
	else if (format && strcmp(format, "text"))
		return dp_usage_error(&spec, "unknown format '%s'", format);

	c.ctx = ctx;
	c.findings = (struct dp_findings)DP_FINDINGS_INIT;
	dp_refs_init(&c.refs, ctx);
	ret = n ? check_named(&c, args, n) : check_all(&c);
	if (ret < 0) {
		status = dp_fail(ret);
		goto out;
	}
	check_emails(&c);
	check_manager_cycles(&c);
	if (json)
		print_json(&c.findings);
	else
		print_text(&c.findings);
	warnings = c.findings.len - c.findings.errors;
	fflush(stdout);
	fprintf(stderr, "checked %zu %s: %zu %s, %zu %s\n", c.records,
		plural(c.records, "record", "records"), c.findings.errors,
		plural(c.findings.errors, "error", "errors"), warnings,
		plural(warnings, "warning", "warnings"));
	status = c.findings.errors ? 1 : 0;
out:
	dp_strlist_release(&c.emails);
	dp_strlist_release(&c.managers);
	dp_strlist_release(&c.folders);
	dp_findings_release(&c.findings);
	dp_refs_release(&c.refs);
	return status;
}
