/* SPDX-License-Identifier: MIT */
/*
 * devplan gap: what a target role requires, against the person's own
 * assessment, largest gap first. Unassessed is unknown, never zero.
 */
#include <string.h>

#include "devplan/json.h"

#include "cli.h"
#include "devplan/skills.h"
#include "devplan/banned.h"

static const char *role, *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "role", &role, "role",
		   "the target role (default: your career map's 'up' "
		   "directions, else your role's next)"),
	OPT_STRING(0, "format", &format, "format", "table (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"gap",
	"[<person>] [--role <role>] [--format table|json]",
	"Show the skills gap to a target role: required level against your "
	"own.",
	opts,
	0,
	0
};

static void print_table(const struct dp_gap *g, size_t idx)
{
	struct dp_table t;
	struct dp_buf line = DP_BUF_INIT;
	char num[24];

	dp_buf_adds(&line, g->role);
	if (g->title) {
		dp_buf_adds(&line, " (");
		dp_buf_add_safe(&line, g->title);
		dp_buf_adds(&line, ")");
	}
	printf("%sgap to %s\n", idx ? "\n" : "", line.ptr);
	if (!g->n) {
		puts("  the role requires no competencies");
		goto out;
	}
	dp_table_init(&t, 5);
	dp_table_add(&t, "COMPETENCY");
	dp_table_add(&t, "REQUIRED");
	dp_table_add(&t, "SELF");
	dp_table_add(&t, "TARGET");
	dp_table_add(&t, "GAP");
	for (size_t i = 0; i < g->n; i++) {
		const struct dp_gap_row *r = &g->rows[i];

		dp_table_add(&t, r->competency);
		snprintf(num, sizeof(num), "%ld", r->required);
		dp_table_add(&t, num);
		snprintf(num, sizeof(num), "%ld", r->level);
		dp_table_add(&t, r->level ? num : "unknown");
		snprintf(num, sizeof(num), "%ld", r->target);
		dp_table_add(&t, r->target ? num : "-");
		snprintf(num, sizeof(num), "%ld", r->gap > 0 ? r->gap : 0);
		dp_table_add(&t, !r->level    ? "unknown"
				 : r->gap > 0 ? num
					      : "met");
	}
	dp_table_print(&t, stdout);
	dp_table_release(&t);
out:
	dp_buf_release(&line);
}

static struct dp_json *gap_json(const struct dp_gap *g)
{
	struct dp_json *o = dp_json_object(), *rows = dp_json_array();

	dp_json_set(o, "role", dp_json_string(g->role));
	dp_json_set(o, "title",
		    g->title ? dp_json_string(g->title) : dp_json_null());
	for (size_t i = 0; i < g->n; i++) {
		const struct dp_gap_row *r = &g->rows[i];
		struct dp_json *row = dp_json_object();

		dp_json_set(row, "competency", dp_json_string(r->competency));
		dp_json_set(row, "required", dp_json_int(r->required));
		dp_json_set(row, "level",
			    r->level ? dp_json_int(r->level) : dp_json_null());
		dp_json_set(row, "target",
			    r->target ? dp_json_int(r->target)
				      : dp_json_null());
		dp_json_set(row, "gap",
			    r->level ? dp_json_int(r->gap) : dp_json_null());
		dp_json_push(rows, row);
	}
	dp_json_set(o, "competencies", rows);
	return o;
}

int cmd_gap(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_strlist targets = DP_STRLIST_INIT;
	const char *person = NULL;
	struct dp_json *all = NULL;
	char **args;
	int n, ret, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((ret = dp_format_json(&spec, format, "table", &json)) != 0)
		return ret;
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if ((ret = dp_run_person(ctx, &person, n ? args[0] : NULL)) != 0)
		return ret;
	if ((ret = dp_gap_targets(&targets, ctx->plan, person, role)) < 0) {
		ret = dp_fail(ret);
		goto out;
	}
	if (json)
		all = dp_json_array();
	for (size_t i = 0; i < targets.len; i++) {
		struct dp_gap g;

		if ((ret = dp_gap_compute(&g, ctx->plan, person,
					  targets.items[i])) < 0) {
			ret = dp_fail(ret);
			goto out;
		}
		if (json)
			dp_json_push(all, gap_json(&g));
		else
			print_table(&g, i);
		dp_gap_release(&g);
	}
	if (json)
		dp_json_print(all);
	ret = 0;
out:
	dp_json_free(all);
	dp_strlist_release(&targets);
	return ret;
}
