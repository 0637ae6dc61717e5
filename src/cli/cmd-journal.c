/* SPDX-License-Identifier: MIT */
/*
 * devplan journal: log what you learned (-m), or list the entries with
 * the hours set aside for development each month.
 */
#include <stdlib.h>
#include <string.h>

#include "devplan/json.h"

#include "cli.h"
#include "devplan/journal.h"
#include "devplan/banned.h"

static const char *message, *goal, *hours, *date, *format;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &message, "text",
		   "the entry: what you learned"),
	OPT_STRING(0, "goal", &goal, "goal", "the goal it served (its slug)"),
	OPT_STRING(0, "hours", &hours, "hours", "time spent: 2, 1.5"),
	OPT_STRING(0, "date", &date, "date", "the day (default: today)"),
	OPT_STRING(0, "format", &format, "format",
		   "table (default) or json (listing)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"journal",
	"[<person>] -m <text> [--goal <goal>] [--hours <hours>] [--date "
	"<date>]\n"
	"[<person>] [--format table|json]",
	"Log what you learned, or list your learning journal with hours per "
	"month.",
	opts,
	0,
	0
};

static void add_tenths(struct dp_buf *out, long t)
{
	if (t % 10)
		dp_buf_addf(out, "%ld.%ld", t / 10, t % 10);
	else
		dp_buf_addf(out, "%ld", t / 10);
}

static void print_table(const struct dp_journal *j)
{
	struct dp_table t;
	struct dp_buf cell = DP_BUF_INIT;
	struct dp_journal_month *months;
	size_t nm;

	dp_table_init(&t, 4);
	dp_table_add(&t, "DATE");
	dp_table_add(&t, "HOURS");
	dp_table_add(&t, "GOAL");
	dp_table_add(&t, "ENTRY");
	for (size_t i = 0; i < j->n; i++) {
		const struct dp_journal_entry *e = &j->items[i];
		const char *nl = e->text ? strchr(e->text, '\n') : NULL;

		dp_table_add(&t, e->date);
		dp_buf_reset(&cell);
		if (e->tenths >= 0)
			add_tenths(&cell, e->tenths);
		else
			dp_buf_adds(&cell, "-");
		dp_table_add(&t, cell.ptr);
		dp_table_add_text(&t, e->goal ? e->goal : "-");
		dp_buf_reset(&cell);
		if (e->text)
			dp_buf_add(&cell, e->text,
				   nl ? (size_t)(nl - e->text)
				      : strlen(e->text));
		dp_table_add_text(&t, cell.ptr);
	}
	dp_table_print(&t, stdout);
	dp_table_release(&t);
	/* Hours per month: time set aside for development, made visible. */
	dp_table_init(&t, 2);
	dp_table_add(&t, "MONTH");
	dp_table_add(&t, "HOURS");
	nm = dp_journal_months(&months, j);
	for (size_t i = 0; i < nm; i++) {
		dp_table_add(&t, months[i].month);
		dp_buf_reset(&cell);
		add_tenths(&cell, months[i].tenths);
		dp_table_add(&t, cell.ptr);
	}
	fputc('\n', stdout);
	dp_table_print(&t, stdout);
	dp_table_release(&t);
	dp_buf_release(&cell);
	free(months);
}

static int list(struct dp_ctx *ctx, const char *person, int json)
{
	struct dp_journal j = { NULL, 0 };
	int ret;

	if ((ret = dp_journal_read(&j, ctx->plan, person)) < 0)
		return dp_fail(ret);
	if (json) {
		struct dp_json *arr = dp_journal_json(&j);

		dp_json_print(arr);
		dp_json_free(arr);
	} else if (j.n) {
		dp_pager_start();
		print_table(&j);
	} else {
		fprintf(stderr, "no journal entries for %s\n", person);
	}
	dp_journal_release(&j);
	return 0;
}

int cmd_journal(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_journal_new e;
	const char *person = NULL;
	char today[11];
	char **args;
	int n, ret, json = 0;
	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if (format && !strcmp(format, "json"))
		json = 1;
	else if (format && strcmp(format, "table"))
		return dp_usage_error(&spec, "unknown format '%s'", format);
	if (!message && (goal || hours || date))
		return dp_usage_error(&spec,
				      "--goal, --hours and --date go with -m");
	if (message && format)
		return dp_usage_error(&spec, "--format goes with listing");
	if ((ret = dp_run_person(ctx, &person, n ? args[0] : NULL)) != 0)
		return ret;
	if (!message)
		return list(ctx, person, json);
	if ((ret = dp_run_today(today)) != 0)
		return ret;
	if ((ret = dp_journal_new_init(&e, ctx->plan, person, message, goal,
				       hours, date, today)) < 0)
		return dp_fail(ret);
	return dp_run_person_edit(ctx, DP_KIND_JOURNAL, person,
				  dp_journal_edit_add, &e);
}
