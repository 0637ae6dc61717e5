/* SPDX-License-Identifier: MIT */
/*
 * devplan due: goals and actions due or overdue, and goals not updated
 * for a long time, across the repository. Exit 1 when anything is
 * overdue, so a scheduled CI job can notify.
 */
#include <string.h>

#include "cli.h"
#include "devplan/json.h"
#include "devplan/views.h"
#include "devplan/banned.h"

static const char *within_arg, *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "within", &within_arg, "days",
		   "also what falls due in the next <days> days (default 14)"),
	OPT_STRING(0, "format", &format, "format", "table (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"due",
	"[--within <days>] [--format table|json]",
	"List goals and actions due or overdue, and goals not updated for a "
	"long time; exit 1 when anything is overdue.",
	opts,
	0,
	DP_ARGS_NONE,
};

static const char *what_name(enum dp_due_what w)
{
	return w == DP_DUE_GOAL     ? "goal"
	       : w == DP_DUE_ACTION ? "action"
				    : "stale";
}

static void state_text(struct dp_buf *out, const struct dp_due_item *it)
{
	if (it->what == DP_DUE_STALE)
		dp_buf_addf(out, "not updated for %ld days", it->days);
	else if (it->days > 0)
		dp_buf_addf(out, "overdue by %ld day%s", it->days,
			    it->days == 1 ? "" : "s");
	else if (it->days == 0)
		dp_buf_adds(out, "due today");
	else
		dp_buf_addf(out, "due in %ld day%s", -it->days,
			    it->days == -1 ? "" : "s");
}

static void print_table(const struct dp_due_list *l, int color)
{
	struct dp_table t;
	struct dp_buf cell = DP_BUF_INIT;

	dp_table_init(&t, 4);
	dp_table_set_max_width(&t, 3, 60);
	dp_table_add(&t, "DATE");
	dp_table_add(&t, "STATE");
	dp_table_add(&t, "GOAL");
	dp_table_add(&t, "WHAT");
	for (size_t i = 0; i < l->n; i++) {
		const struct dp_due_item *it = &l->items[i];

		dp_table_add(&t, it->date);
		dp_buf_reset(&cell);
		state_text(&cell, it);
		dp_table_add_color(&t, it->overdue && color ? "31" : NULL,
				   cell.ptr);
		dp_buf_reset(&cell);
		dp_buf_addf(&cell, "%s/%s", it->person, it->goal);
		dp_table_add(&t, cell.ptr);
		dp_buf_reset(&cell);
		if (it->what == DP_DUE_ACTION)
			dp_buf_addf(&cell, "action: %s", it->action);
		else
			dp_buf_adds(&cell, it->title ? it->title : "");
		dp_table_add(&t, cell.ptr);
	}
	dp_pager_start();
	dp_table_print(&t, stdout);
	dp_table_release(&t);
	dp_buf_release(&cell);
}

static void print_json(const struct dp_due_list *l)
{
	struct dp_json *arr = dp_json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct dp_due_item *it = &l->items[i];
		struct dp_json *o = dp_json_object();

		dp_json_set(o, "kind", dp_json_string(what_name(it->what)));
		dp_json_set(o, "person", dp_json_string(it->person));
		dp_json_set(o, "goal", dp_json_string(it->goal));
		dp_json_set(o, "title", dp_json_string(it->title));
		dp_json_set(o, "action", dp_json_string(it->action));
		dp_json_set(o, it->what == DP_DUE_STALE ? "updated" : "due",
			    dp_json_string(it->date));
		dp_json_set(o, "days", dp_json_int(it->days));
		dp_json_set(o, "overdue", dp_json_bool(it->overdue));
		dp_json_push(arr, o);
	}
	dp_json_print(arr);
	dp_json_free(arr);
}

int cmd_due(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_due_list l = { 0 };
	struct dp_date today;
	long within = 14;
	char **args;
	int n, ret, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((ret = dp_format_json(&spec, format, "table", &json)) != 0)
		return ret;
	if (within_arg && dp_parse_long(within_arg, 0, 3650, &within) < 0)
		return dp_usage_error(&spec,
				      "--within: '%s' is not a number of days "
				      "(0 to 3650)",
				      within_arg);
	if ((ret = dp_date_today(&today)) < 0)
		return dp_fail(ret);
	if ((ret = dp_due_collect(&l, ctx->plan, NULL, &today, within)) < 0)
		return dp_fail(ret);
	if (l.bad)
		dp_warnf("%zu goal%s could not be read (see devplan check)",
			 l.bad, l.bad == 1 ? "" : "s");
	if (json)
		print_json(&l);
	else if (l.n)
		print_table(&l, ctx->color);
	else
		fputs("nothing due\n", stderr);
	ret = dp_due_overdue(&l) ? 1 : 0;
	dp_due_release(&l);
	return ret;
}
