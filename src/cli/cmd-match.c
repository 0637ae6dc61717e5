/* SPDX-License-Identifier: MIT */
/*
 * devplan match: colleagues whose own levels (and SWOT strengths) cover
 * a person's largest gaps, as career-buddy or mentor suggestions.
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
	"match",
	"[<person>] [--format table|json]",
	"Suggest colleagues strong where a person wants to grow: career "
	"buddies and mentors, with the reason.",
	opts,
	0,
	1,
};

static void reason_text(struct dp_buf *out, const struct dp_match_reason *r)
{
	if (r->level)
		dp_buf_addf(out, "%s %ld (needs %ld)", r->competency, r->level,
			    r->required);
	else
		dp_buf_addf(out, "%s", r->competency);
	if (r->strength)
		dp_buf_addf(out, ", strength \"%s\"", r->strength);
}

static void print_table(const struct dp_matches *m)
{
	struct dp_table t;
	struct dp_buf cell = DP_BUF_INIT;

	dp_buf_adds(&cell, "gaps of ");
	dp_buf_adds(&cell, m->person);
	dp_buf_adds(&cell, ":");
	for (size_t g = 0; g < m->ngaps; g++) {
		const struct dp_gap_row *r = &m->gaps[g];

		if (r->level)
			dp_buf_addf(&cell, " %s %ld/%ld", r->competency,
				    r->level, r->required);
		else
			dp_buf_addf(&cell, " %s ?/%ld", r->competency,
				    r->required);
		dp_buf_adds(&cell, g + 1 < m->ngaps ? "," : "");
	}
	dp_term_puts(stdout, cell.ptr);
	if (!m->n) {
		puts("nobody's own levels cover these gaps yet");
		goto out;
	}
	dp_table_init(&t, 3);
	dp_table_set_max_width(&t, 1, 24);
	dp_table_add(&t, "COLLEAGUE");
	dp_table_add(&t, "NAME");
	dp_table_add(&t, "WHY");
	for (size_t i = 0; i < m->n; i++) {
		const struct dp_match *mt = &m->items[i];

		dp_table_add(&t, mt->person);
		dp_table_add(&t, mt->name ? mt->name : "");
		dp_buf_reset(&cell);
		for (size_t k = 0; k < mt->n; k++) {
			dp_buf_adds(&cell, k ? "; " : "");
			reason_text(&cell, &mt->reasons[k]);
		}
		if (mt->manager)
			dp_buf_adds(&cell, " (your manager chain)");
		dp_table_add(&t, cell.ptr);
	}
	dp_table_print(&t, stdout);
	dp_table_release(&t);
out:
	dp_buf_release(&cell);
}

static void print_json(const struct dp_matches *m)
{
	struct dp_json *o = dp_json_object(), *gaps = dp_json_array();
	struct dp_json *arr = dp_json_array();

	dp_json_set(o, "person", dp_json_string(m->person));
	for (size_t g = 0; g < m->ngaps; g++) {
		struct dp_json *j = dp_json_object();

		dp_json_set(j, "competency",
			    dp_json_string(m->gaps[g].competency));
		dp_json_set(j, "required", dp_json_int(m->gaps[g].required));
		dp_json_set(j, "level",
			    m->gaps[g].level ? dp_json_int(m->gaps[g].level)
					     : dp_json_null());
		dp_json_push(gaps, j);
	}
	for (size_t i = 0; i < m->n; i++) {
		const struct dp_match *mt = &m->items[i];
		struct dp_json *j = dp_json_object(), *rs = dp_json_array();

		dp_json_set(j, "person", dp_json_string(mt->person));
		dp_json_set(j, "name", dp_json_string(mt->name));
		dp_json_set(j, "manager_chain", dp_json_bool(mt->manager));
		for (size_t k = 0; k < mt->n; k++) {
			const struct dp_match_reason *r = &mt->reasons[k];
			struct dp_json *rj = dp_json_object();

			dp_json_set(rj, "competency",
				    dp_json_string(r->competency));
			dp_json_set(rj, "level",
				    r->level ? dp_json_int(r->level)
					     : dp_json_null());
			dp_json_set(rj, "required", dp_json_int(r->required));
			dp_json_set(rj, "strength",
				    dp_json_string(r->strength));
			dp_json_push(rs, rj);
		}
		dp_json_set(j, "reasons", rs);
		dp_json_push(arr, j);
	}
	dp_json_set(o, "gaps", gaps);
	dp_json_set(o, "suggestions", arr);
	dp_json_print(o);
	dp_json_free(o);
}

int cmd_match(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_matches m = { .n = 0 };
	const char *person;
	int ret, json;

	if (dp_run_view_head(ctx, &spec, argc, argv, &format, "table", &json,
			     &person, &ret) < 0)
		return ret;
	if ((ret = dp_match_collect(&m, ctx->plan, person)) < 0)
		return dp_fail(ret);
	if (json)
		print_json(&m);
	else if (!m.ngaps)
		fprintf(stderr,
			"no gaps to the target roles: nothing to match\n");
	else
		print_table(&m);
	dp_matches_release(&m);
	return 0;
}
