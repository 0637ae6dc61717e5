/* SPDX-License-Identifier: MIT */
/*
 * devplan stats: how the development programme is doing, for the talent
 * team. Figures over everyone or one team, never about anyone.
 */
#include <string.h>

#include "cli.h"
#include "devplan/json.h"
#include "devplan/stats.h"
#include "devplan/banned.h"

static const char *team, *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "team", &team, "team", "only the people of this team"),
	OPT_STRING(0, "format", &format, "format", "table (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"stats",
	"[--team <team>] [--format table|json]",
	"Show how the development programme is doing: figures over everyone "
	"or one team, never about anyone.",
	opts,
	0,
	DP_ARGS_NONE,
};

#define NAME_WIDTH 24 /* team names and competency ids are cut there */

/* "75.0%": count over total, which is not 0. */
static void pct(struct dp_buf *b, size_t count, size_t total)
{
	size_t permille = (count * 1000 + total / 2) / total;

	dp_buf_addf(b, "%zu.%zu%%", permille / 10, permille % 10);
}

static void row(struct dp_table *t, struct dp_buf *b, const char *what,
		size_t count, size_t total, const char *of)
{
	dp_table_add(t, what);
	dp_buf_reset(b);
	dp_buf_addf(b, "%zu", count);
	if (of && total) {
		dp_buf_adds(b, " (");
		pct(b, count, total);
		dp_buf_addf(b, " of %s)", of);
	}
	dp_table_add(t, b->ptr);
}

static void print_table(const struct dp_stats *s)
{
	struct dp_table t;
	struct dp_buf b = DP_BUF_INIT;

	dp_pager_start();
	printf("%s as of %s\n\n", s->team ? "Team" : "Organisation", s->today);
	dp_table_init(&t, 2);
	row(&t, &b, "people", s->people, 0, NULL);
	row(&t, &b, "with an active plan", s->active, s->people, "people");
	if (s->history)
		row(&t, &b, "not updated for 90 days", s->stale, s->active,
		    "active plans");
	row(&t, &b, "proposals waiting", s->proposals, 0, NULL);
	dp_table_print(&t, stdout);
	dp_table_release(&t);
	if (s->history) {
		dp_table_init(&t, 2);
		dp_table_add(&t, "QUARTER");
		dp_table_add(&t, "GOALS DONE");
		for (size_t i = 0; i < DP_STATS_QUARTERS; i++) {
			dp_table_add(&t, s->quarters[i].label);
			dp_buf_reset(&b);
			dp_buf_addf(&b, "%zu", s->quarters[i].done);
			dp_table_add(&t, b.ptr);
		}
		fputc('\n', stdout);
		dp_table_print(&t, stdout);
		dp_table_release(&t);
	}
	dp_table_init(&t, 3);
	dp_table_add(&t, "MONTH");
	dp_table_add(&t, "LEARNING HOURS");
	dp_table_add(&t, "JOURNAL ENTRIES");
	for (size_t i = 0; i < DP_STATS_MONTHS; i++) {
		const struct dp_stats_month *m = &s->months[i];

		dp_table_add(&t, m->label);
		dp_buf_reset(&b);
		dp_buf_addf(&b, "%ld.%ld", m->tenths / 10, m->tenths % 10);
		dp_table_add(&t, b.ptr);
		dp_buf_reset(&b);
		dp_buf_addf(&b, "%zu", m->entries);
		dp_table_add(&t, b.ptr);
	}
	fputc('\n', stdout);
	dp_table_print(&t, stdout);
	dp_table_release(&t);
	if (s->nteams) {
		dp_table_init(&t, 5);
		dp_table_set_max_width(&t, 0, NAME_WIDTH);
		dp_table_add(&t, "TEAM");
		dp_table_add(&t, "PEOPLE");
		dp_table_add(&t, "ACTIVE PLANS");
		dp_table_add(&t, s->history ? "NOT UPDATED" : "");
		dp_table_add(&t, "PROPOSALS");
		for (size_t i = 0; i < s->nteams; i++) {
			const struct dp_stats_team *tm = &s->teams[i];
			size_t v[4] = { tm->people, tm->active, tm->stale,
					tm->proposals };

			dp_table_add(&t, !tm->name   ? "(smaller teams)"
					 : *tm->name ? tm->name
						     : "(no team)");
			for (int k = 0; k < 4; k++) {
				dp_buf_reset(&b);
				if (k != 2 || s->history)
					dp_buf_addf(&b, "%zu", v[k]);
				dp_table_add(&t, b.ptr);
			}
		}
		fputc('\n', stdout);
		dp_table_print(&t, stdout);
		dp_table_release(&t);
	}
	if (s->nlevels) {
		dp_table_init(&t, 4);
		dp_table_set_max_width(&t, 0, NAME_WIDTH);
		dp_table_add(&t, "COMPETENCY");
		dp_table_add(&t, "LEVEL");
		dp_table_add(&t, "DEMAND");
		dp_table_add(&t, "SUPPLY");
		for (size_t i = 0; i < s->nlevels; i++) {
			const struct dp_stats_level *l = &s->levels[i];

			dp_table_add(&t, l->competency);
			dp_buf_reset(&b);
			dp_buf_addf(&b, "%ld", l->level);
			dp_table_add(&t, b.ptr);
			dp_buf_reset(&b);
			dp_buf_addf(&b, "%zu", l->demand);
			dp_table_add(&t, b.ptr);
			dp_buf_reset(&b);
			dp_buf_addf(&b, "%zu", l->supply);
			dp_table_add(&t, b.ptr);
		}
		fputc('\n', stdout);
		dp_table_print(&t, stdout);
		dp_table_release(&t);
	}
	dp_buf_release(&b);
}

int cmd_stats(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_stats s;
	struct dp_date today;
	char **args;
	int n, ret, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((ret = dp_format_json(&spec, format, "table", &json)) != 0)
		return ret;
	if (team && !*team)
		return dp_usage_error(&spec, "--team: give a team's name");
	if ((ret = dp_date_today(&today)) < 0)
		return dp_fail(ret);
	if ((ret = dp_stats_collect(&s, ctx->plan, team, &today, 0)) < 0) {
		dp_stats_release(&s);
		return dp_fail(ret);
	}
	if (json) {
		struct dp_json *o = dp_stats_json(&s);

		dp_json_print(o);
		dp_json_free(o);
	} else {
		print_table(&s);
	}
	dp_stats_release(&s);
	return 0;
}
