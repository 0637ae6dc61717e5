/* SPDX-License-Identifier: MIT */
/*
 * devplan goals: list development goals of the current user, of one
 * person or of everyone, as an aligned table or as JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/date.h"
#include "devplan/json.h"
#include "devplan/banned.h"

static const char *status_filter;
static int all_status;
static const char *format;
static int all;

static const struct dp_option opts[] = {
	OPT_STRING(0, "status", &status_filter, "status",
		   "only goals with this status"),
	OPT_BOOL(0, "all", &all, "list the goals of everyone"),
	OPT_BOOL(0, "all-status", &all_status,
		 "also list goals done or dropped"),
	OPT_STRING(0, "format", &format, "format", "table (default) or json"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"goals",
	"[<person>] [--status <status>] [--all] [--all-status] "
	"[--format table|json]",
	"List development goals: yours, one person's, or everyone's (--all).",
	opts,
	0,
	1,
};

/* One goal, as listed. Strings are owned. */
struct goal_row {
	char *person;
	char *slug;
	char *path;
	char *title;
	char *status;
	char *type;
	char *due;   /* as written, NULL when absent or empty */
	int has_due; /* due parses as a date */
	struct dp_date due_date;
	long progress; /* -1 when absent or not an integer */
	int overdue;
	size_t actions_done, actions_total;
	struct dp_strlist competencies;
};

struct goal_list {
	struct goal_row *items;
	size_t len, alloc;
};

static char *dup_or_null(const char *s)
{
	return s ? dp_xstrdup(s) : NULL;
}

static void row_release(struct goal_row *r)
{
	free(r->person);
	free(r->slug);
	free(r->path);
	free(r->title);
	free(r->status);
	free(r->type);
	free(r->due);
	dp_strlist_release(&r->competencies);
}

static struct goal_row *list_add(struct goal_list *l)
{
	struct goal_row *r;

	if (l->len == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 16;
		l->items = dp_xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	r = &l->items[l->len++];
	memset(r, 0, sizeof(*r));
	return r;
}

static void list_release(struct goal_list *l)
{
	for (size_t i = 0; i < l->len; i++)
		row_release(&l->items[i]);
	free(l->items);
	l->items = NULL;
	l->len = l->alloc = 0;
}

/* Person, then due date (goals without one last), then slug. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct goal_row *a = pa, *b = pb;
	int c = strcmp(a->person, b->person);

	if (c)
		return c;
	if (a->has_due != b->has_due)
		return a->has_due ? -1 : 1;
	if (a->has_due && (c = dp_date_cmp(&a->due_date, &b->due_date)))
		return c;
	return strcmp(a->slug, b->slug);
}

static int is_closed(const char *status)
{
	return status &&
	       (!strcmp(status, "done") || !strcmp(status, "dropped"));
}

static void fill_row(struct goal_row *r, const struct dp_doc *doc,
		     const struct dp_date *today)
{
	const char *due = dp_doc_str(doc, "due");
	const char *progress = dp_doc_str(doc, "progress");
	struct dp_node *actions = dp_doc_lookup(doc, "actions");
	struct dp_node *comps = dp_doc_lookup(doc, "competencies");

	r->title = dup_or_null(dp_doc_str(doc, "title"));
	r->status = dup_or_null(dp_doc_str(doc, "status"));
	r->type = dup_or_null(dp_doc_str(doc, "type"));
	if (due && *due) {
		r->due = dp_xstrdup(due);
		r->has_due = dp_date_parse(&r->due_date, due) == 0;
	}
	r->overdue = r->has_due && dp_date_cmp(&r->due_date, today) < 0 &&
		     !is_closed(r->status);
	if (!progress || dp_parse_long(progress, 0, 100, &r->progress) < 0)
		r->progress = -1;
	if (actions && actions->type == DP_SEQ) {
		r->actions_total = actions->n;
		for (size_t i = 0; i < actions->n; i++) {
			struct dp_node *d =
			    dp_node_get(actions->items[i], "done");

			if (d && d->type == DP_SCALAR &&
			    !strcmp(d->str, "true"))
				r->actions_done++;
		}
	}
	if (comps && comps->type == DP_SEQ)
		for (size_t i = 0; i < comps->n; i++)
			if (comps->items[i]->type == DP_SCALAR)
				dp_strlist_push(&r->competencies,
						comps->items[i]->str);
}

struct collect {
	struct goal_list *out;
	const struct dp_date *today;
	int bad;
};

/*
 * Adds a goal matching the status filter. A goal that cannot be read or
 * parsed is reported and counted.
 */
static int collect_goal(const struct dp_ref *ref, const struct dp_doc *doc,
			void *data)
{
	struct collect *c = data;
	struct goal_row *r;
	const char *status;

	if (!doc) {
		dp_errorf("%s", dp_error_last());
		c->bad++;
		return 0;
	}
	status = dp_doc_str(doc, "status");
	if (status_filter && (!status || strcmp(status, status_filter)))
		return 0;
	/* Finished goals are history: shown when asked for. */
	if (!status_filter && !all_status && status &&
	    (!strcmp(status, "done") || !strcmp(status, "dropped")))
		return 0;
	r = list_add(c->out);
	r->person = dp_xstrdup(ref->person);
	r->slug = dp_xstrdup(ref->name);
	r->path = dp_xstrdup(ref->path);
	fill_row(r, doc, c->today);
	return 0;
}

static void print_table(const struct goal_list *l, int color)
{
	struct dp_table t;
	struct dp_buf cell = DP_BUF_INIT;

	dp_table_init(&t, 5);
	dp_table_set_max_width(&t, 4, 60); /* TITLE */
	dp_table_add(&t, "GOAL");
	dp_table_add(&t, "STATUS");
	dp_table_add(&t, "PROGRESS");
	dp_table_add(&t, "DUE");
	dp_table_add(&t, "TITLE");
	for (size_t i = 0; i < l->len; i++) {
		const struct goal_row *r = &l->items[i];

		dp_buf_reset(&cell);
		dp_buf_addf(&cell, "%s/%s", r->person, r->slug);
		dp_table_add(&t, cell.ptr);
		dp_table_add(&t, !r->status                       ? "-"
				 : !strcmp(r->status, "proposed") ? "proposed*"
								  : r->status);
		dp_buf_reset(&cell);
		if (r->progress >= 0)
			dp_buf_addf(&cell, "%ld%%", r->progress);
		else
			dp_buf_adds(&cell, "-");
		dp_table_add(&t, cell.ptr);
		dp_buf_reset(&cell);
		if (!r->due)
			dp_buf_adds(&cell, "-");
		else if (r->overdue)
			dp_buf_addf(&cell, "%s (overdue)", r->due);
		else
			dp_buf_adds(&cell, r->due);
		dp_table_add_color(&t, r->overdue && color ? "31" : NULL,
				   cell.ptr);
		dp_table_add(&t, r->title ? r->title : "");
	}
	dp_pager_start();
	dp_table_print(&t, stdout);
	for (size_t i = 0; i < l->len; i++)
		if (l->items[i].status &&
		    !strcmp(l->items[i].status, "proposed")) {
			fputs("* proposed: waiting for its owner to accept or "
			      "decline it\n",
			      stdout);
			break;
		}
	dp_table_release(&t);
	dp_buf_release(&cell);
}

/* dp_json_string gives null for NULL: title, status, type and due. */
static struct dp_json *row_json(const struct goal_row *r)
{
	struct dp_json *o = dp_json_object(), *comps = dp_json_array();

	dp_json_set(o, "person", dp_json_string(r->person));
	dp_json_set(o, "slug", dp_json_string(r->slug));
	dp_json_set(o, "path", dp_json_string(r->path));
	dp_json_set(o, "title", dp_json_string(r->title));
	dp_json_set(o, "status", dp_json_string(r->status));
	dp_json_set(o, "type", dp_json_string(r->type));
	dp_json_set(o, "progress",
		    r->progress >= 0 ? dp_json_int(r->progress)
				     : dp_json_null());
	dp_json_set(o, "due", dp_json_string(r->due));
	dp_json_set(o, "overdue", dp_json_bool(r->overdue));
	dp_json_set(o, "actions_done", dp_json_int((long long)r->actions_done));
	dp_json_set(o, "actions_total",
		    dp_json_int((long long)r->actions_total));
	for (size_t k = 0; k < r->competencies.len; k++)
		dp_json_push(comps, dp_json_string(r->competencies.items[k]));
	dp_json_set(o, "competencies", comps);
	return o;
}

/*
 * The same text dp_json_print gives for the whole array, written one
 * object at a time: a company's goals need not all be JSON trees at once.
 * JSON is indented by depth alone, so an object dumped on its own and
 * shifted by one level reads exactly as it would inside the array.
 */
static void print_json(const struct goal_list *l)
{
	if (!l->len) {
		fputs("[]\n", stdout);
		return;
	}
	fputs("[\n", stdout);
	for (size_t i = 0; i < l->len; i++) {
		struct dp_json *o = row_json(&l->items[i]);
		struct dp_buf text = DP_BUF_INIT;
		const char *p;

		dp_json_dump(&text, o, 0);
		dp_buf_setlen(&text, text.len - 1); /* its final newline */
		p = text.ptr;

		while (p && *p) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);

			fputs("  ", stdout);
			fwrite(p, 1, len, stdout);
			p += len;
			if (*p)
				fputc(*p++, stdout);
		}
		fputs(i + 1 < l->len ? ",\n" : "\n", stdout);
		dp_buf_release(&text);
		dp_json_free(o);
	}
	fputs("]\n", stdout);
}

static int status_known(const char *s)
{
	for (size_t i = 0; dp_goal_statuses[i]; i++)
		if (!strcmp(s, dp_goal_statuses[i]))
			return 1;
	return 0;
}

int cmd_goals(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf statuses = DP_BUF_INIT;
	struct goal_list goals = { 0 };
	struct dp_date today;
	struct collect c = { &goals, &today, 0 };
	struct dp_walk w = { 1u << DP_KIND_GOAL, NULL, NULL,
			     collect_goal,       NULL, &c };
	char **args;
	int n, ret, status = 0, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (format && !strcmp(format, "json")) {
		json = 1;
	} else if (format && strcmp(format, "table")) {
		status = dp_usage_error(&spec, "unknown format '%s'", format);
		goto out;
	}
	if (status_filter && !status_known(status_filter)) {
		for (size_t i = 0; dp_goal_statuses[i]; i++)
			dp_buf_addf(&statuses, "%s%s", i ? ", " : "",
				    dp_goal_statuses[i]);
		status =
		    dp_usage_error(&spec, "unknown status '%s' (one of %s)",
				   status_filter, statuses.ptr);
		goto out;
	}
	if (n > 1) {
		status = dp_usage_error(&spec, "too many arguments");
		goto out;
	}
	if (n == 1 && all) {
		status = dp_usage_error(
		    &spec, "a person and --all cannot go together");
		goto out;
	}
	if ((ret = dp_date_today(&today)) < 0) {
		status = dp_fail(ret);
		goto out;
	}

	if (n == 1) {
		if ((ret = dp_plan_person_check(ctx->plan, args[0])) < 0) {
			status = dp_fail(ret);
			goto out;
		}
		w.person = args[0];
	} else if (!all && (ret = dp_plan_whoami(ctx->plan, &w.person)) < 0) {
		status = dp_fail(ret);
		goto out;
	}
	if ((ret = dp_plan_walk(ctx->plan, &w)) < 0) {
		status = dp_fail(ret);
		goto out;
	}
	if (goals.len > 1)
		qsort(goals.items, goals.len, sizeof(*goals.items), row_cmp);

	if (json)
		print_json(&goals);
	else if (goals.len)
		print_table(&goals, ctx->color);
	else
		fputs("no goals\n", stderr);
	status = c.bad ? 1 : 0;
out:
	list_release(&goals);
	dp_buf_release(&statuses);
	return status;
}
