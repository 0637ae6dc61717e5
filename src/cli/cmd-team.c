/* SPDX-License-Identifier: MIT */
/*
 * devplan team: a manager's direct reports at a glance: active goals,
 * their progress, overdue actions, proposals waiting, changes not yet
 * reviewed (since the manager's last approval), the last update.
 */
#include <string.h>

#include "cli.h"
#include "devplan/json.h"
#include "devplan/views.h"
#include "devplan/banned.h"

static const char *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format", "table (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"team",
	"[<manager>] [--format table|json]",
	"Show a manager's direct reports: active goals, progress, overdue "
	"actions, proposals waiting, changes to review, last update.",
	opts,
	0,
	1,
};

static int has_reviews(const struct dp_team *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->rows[i].reviews >= 0)
			return 1;
	return 0;
}

static void print_table(const struct dp_team *t, int color)
{
	struct dp_table tb;
	char num[64];
	int reviews = has_reviews(t);

	dp_table_init(&tb, reviews ? 8 : 7);
	dp_table_set_max_width(&tb, 1, 30);
	dp_table_add(&tb, "PERSON");
	dp_table_add(&tb, "NAME");
	dp_table_add(&tb, "ACTIVE");
	dp_table_add(&tb, "PROGRESS");
	dp_table_add(&tb, "OVERDUE");
	dp_table_add(&tb, "PROPOSED");
	if (reviews)
		dp_table_add(&tb, "TO REVIEW");
	dp_table_add(&tb, "UPDATED");
	for (size_t i = 0; i < t->n; i++) {
		const struct dp_team_row *r = &t->rows[i];

		dp_table_add(&tb, r->person);
		dp_table_add(&tb, r->name ? r->name : "");
		snprintf(num, sizeof(num), "%zu", r->active);
		dp_table_add(&tb, num);
		if (r->progress >= 0)
			snprintf(num, sizeof(num), "%ld%%", r->progress);
		else
			snprintf(num, sizeof(num), "-");
		dp_table_add(&tb, num);
		snprintf(num, sizeof(num), "%zu", r->overdue);
		dp_table_add_color(&tb, r->overdue && color ? "31" : NULL, num);
		snprintf(num, sizeof(num), "%zu", r->proposals);
		dp_table_add(&tb, num);
		if (reviews) {
			if (r->reviews > 0 && *r->review_since)
				snprintf(num, sizeof(num), "%ld since %s",
					 r->reviews, r->review_since);
			else
				snprintf(num, sizeof(num), "%ld", r->reviews);
			dp_table_add(&tb, r->reviews >= 0 ? num : "-");
		}
		dp_table_add(&tb, *r->last_update ? r->last_update : "-");
	}
	dp_pager_start();
	dp_table_print(&tb, stdout);
	dp_table_release(&tb);
}

static void print_json(const struct dp_team *t)
{
	struct dp_json *o = dp_json_object(), *arr = dp_json_array();

	dp_json_set(o, "manager", dp_json_string(t->manager));
	for (size_t i = 0; i < t->n; i++) {
		const struct dp_team_row *r = &t->rows[i];
		struct dp_json *p = dp_json_object();

		dp_json_set(p, "person", dp_json_string(r->person));
		dp_json_set(p, "name", dp_json_string(r->name));
		dp_json_set(p, "active_goals",
			    dp_json_int((long long)r->active));
		dp_json_set(p, "progress",
			    r->progress >= 0 ? dp_json_int(r->progress)
					     : dp_json_null());
		dp_json_set(p, "overdue", dp_json_int((long long)r->overdue));
		dp_json_set(p, "proposals",
			    dp_json_int((long long)r->proposals));
		dp_json_set(p, "to_review",
			    r->reviews >= 0 ? dp_json_int(r->reviews)
					    : dp_json_null());
		dp_json_set(
		    p, "to_review_since",
		    dp_json_string(*r->review_since ? r->review_since : NULL));
		dp_json_set(
		    p, "last_update",
		    dp_json_string(*r->last_update ? r->last_update : NULL));
		dp_json_push(arr, p);
	}
	dp_json_set(o, "reports", arr);
	dp_json_print(o);
	dp_json_free(o);
}

int cmd_team(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_team t = { .n = 0 };
	struct dp_date today;
	const char *manager;
	int ret, json;

	if (dp_run_view_head(ctx, &spec, argc, argv, &format, "table", &json,
			     &manager, &ret) < 0)
		return ret;
	if ((ret = dp_date_today(&today)) < 0)
		return dp_fail(ret);
	if ((ret = dp_team_collect(&t, ctx->plan, manager, &today)) < 0)
		return dp_fail(ret);
	if (json) {
		print_json(&t);
	} else if (t.n) {
		print_table(&t, ctx->color);
	} else {
		struct dp_buf who = DP_BUF_INIT;

		dp_term_escape(&who, manager);
		fprintf(stderr, "%s has no direct reports\n", who.ptr);
		dp_buf_release(&who);
	}
	dp_team_release(&t);
	return 0;
}
