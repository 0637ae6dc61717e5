/* SPDX-License-Identifier: MIT */
/*
 * devplan goals: list development goals of the current user, of one
 * person or of everyone, as an aligned table or as JSON. The core lists
 * the goals (devplan/goals-list.h) one at a time; nothing here holds
 * them all: JSON is written element by element, and the table's rows
 * wait in a temporary file until the widths of its columns are known.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/goals-list.h"
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

static const char *const heads[] = { "GOAL", "STATUS", "PROGRESS", "DUE",
				     "TITLE" };

/* What is being printed: the JSON array, or the table. */
struct out {
	struct dp_json_writer json;
	struct dp_stream_table table;
	int color, proposed, bad;
};

static int table_row(const struct dp_goal_row *r, struct out *o)
{
	struct dp_buf goal = DP_BUF_INIT, pct = DP_BUF_INIT, due = DP_BUF_INIT;
	const char *cell[5], *colors[5] = { 0 };
	int ret;

	dp_buf_addf(&goal, "%s/%s", r->person, r->slug);
	if (r->progress >= 0)
		dp_buf_addf(&pct, "%ld%%", r->progress);
	else
		dp_buf_adds(&pct, "-");
	if (!r->due)
		dp_buf_adds(&due, "-");
	else
		dp_buf_addf(&due, "%s%s", r->due,
			    r->overdue ? " (overdue)" : "");
	cell[0] = goal.ptr;
	cell[1] = !r->status                       ? "-"
		  : !strcmp(r->status, "proposed") ? "proposed*"
						   : r->status;
	cell[2] = pct.ptr;
	cell[3] = due.ptr;
	cell[4] = r->title ? r->title : "";
	colors[3] = r->overdue && o->color ? "31" : NULL;
	ret = dp_stream_table_add(&o->table, colors, cell);
	o->proposed |= r->status && !strcmp(r->status, "proposed");
	dp_buf_release(&goal);
	dp_buf_release(&pct);
	dp_buf_release(&due);
	return ret;
}

static int on_row(const struct dp_goal_row *r, void *data)
{
	struct out *o = data;

	if (o->table.spill)
		return table_row(r, o);
	if (dp_json_writer_push(&o->json, dp_goal_row_json(r)) == 0)
		return 0;
	dp_error_set_errno("cannot write the goals");
	return DP_EIO;
}

static void on_bad(const struct dp_ref *ref, const char *message, void *data)
{
	(void)ref;
	dp_errorf("%s", message);
	((struct out *)data)->bad++;
}

/* The options as a query: 0, or an exit status (reported). */
static int query_of(struct dp_goal_query *q, struct dp_ctx *ctx, int n,
		    char **args)
{
	struct dp_buf statuses = DP_BUF_INIT;
	int ret = 0;

	if (format && strcmp(format, "json") && strcmp(format, "table")) {
		ret = dp_usage_error(&spec, "unknown format '%s'", format);
	} else if (status_filter && !dp_goal_status_known(status_filter)) {
		dp_goal_statuses_join(&statuses);
		ret = dp_usage_error(&spec, "unknown status '%s' (one of %s)",
				     status_filter, statuses.ptr);
	} else if (n > 1) {
		ret = dp_usage_error(&spec, "too many arguments");
	} else if (n == 1 && all) {
		ret = dp_usage_error(&spec,
				     "a person and --all cannot go together");
	} else if ((ret = dp_date_today(&q->today)) < 0 ||
		   (n == 1 &&
		    (ret = dp_plan_person_check(ctx->plan, args[0])) < 0) ||
		   (n == 0 && !all &&
		    (ret = dp_plan_whoami(ctx->plan, &q->person)) < 0)) {
		ret = dp_fail(ret);
	} else if (n == 1) {
		q->person = args[0];
	}
	q->status = status_filter;
	q->all_status = all_status;
	dp_buf_release(&statuses);
	return ret;
}

int cmd_goals(int argc, char **argv, struct dp_ctx *ctx)
{
	struct out o = { .color = ctx->color };
	struct dp_goal_query q = { .row = on_row, .bad = on_bad, .data = &o };
	char **args;
	int n, ret, json, status;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((status = query_of(&q, ctx, n, args)))
		return status;
	json = format && !strcmp(format, "json");
	if (json) {
		dp_json_writer_init(&o.json, stdout, 0);
	} else {
		if ((ret = dp_stream_table_init(&o.table, 5)) < 0)
			return dp_fail(ret);
		o.table.max_width[4] = 60; /* TITLE */
		dp_stream_table_add(&o.table, NULL, heads);
	}
	if ((ret = dp_goals_list(ctx->plan, &q)) < 0) {
		status = dp_fail(ret);
		goto out;
	}
	if (json) {
		dp_json_writer_finish(&o.json);
	} else if (o.table.rows > 1) {
		dp_pager_start();
		dp_stream_table_print(&o.table, stdout);
		if (o.proposed)
			fputs("* proposed: waiting for its owner to accept or "
			      "decline it\n",
			      stdout);
	} else {
		fputs("no goals\n", stderr);
	}
	status = o.bad ? 1 : 0;
out:
	dp_stream_table_release(&o.table);
	return status;
}
