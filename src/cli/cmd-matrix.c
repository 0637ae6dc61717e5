/* SPDX-License-Identifier: MIT */
/*
 * devplan matrix: the competency x person matrix of self-assessed levels
 * (the KSA matrix), as a table that fits the terminal, CSV or JSON.
 */
#include <string.h>

#include "cli.h"
#include "devplan/export.h"
#include "devplan/json.h"
#include "devplan/views.h"
#include "devplan/banned.h"

static const char *team, *role, *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "team", &team, "team", "only the people of this team"),
	OPT_STRING(0, "role", &role, "role",
		   "only the people in this role; its competencies first"),
	OPT_STRING(0, "format", &format, "format",
		   "table (default), csv or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"matrix",
	"[--team <team>] [--role <role>] [--format table|csv|json]",
	"Show the competency x person matrix of self-assessed levels.",
	opts,
	0,
	DP_ARGS_NONE,
};

#define MIN_COL 3    /* a person's column is never narrower than this */
#define GUTTER 2     /* the space dp_table puts between columns */
#define MAX_FIRST 24 /* competency ids longer than this are cut */

/*
 * How many people fit the terminal, and how wide their columns may be:
 * names are cut (to MIN_COL at least) before people are left out.
 */
static size_t fit(const struct dp_matrix *m, size_t *col_width,
		  size_t *first_width)
{
	size_t width = dp_term_width(), first = strlen("COMPETENCY");
	size_t widest = MIN_COL, shown;

	for (size_t r = 0; r < m->competencies.len; r++)
		if (dp_text_width(m->competencies.items[r]) > first)
			first = dp_text_width(m->competencies.items[r]);
	for (size_t c = 0; c < m->people.len; c++)
		if (dp_text_width(m->people.items[c]) > widest)
			widest = dp_text_width(m->people.items[c]);
	if (first > MAX_FIRST)
		first = MAX_FIRST;
	*first_width = first;
	for (*col_width = widest; *col_width > MIN_COL; (*col_width)--) {
		size_t need = first;

		for (size_t c = 0; c < m->people.len; c++) {
			size_t w = dp_text_width(m->people.items[c]);

			need += GUTTER + (w < *col_width ? w : *col_width);
		}
		if (need <= width)
			return m->people.len;
	}
	shown = width > first ? (width - first) / (MIN_COL + GUTTER) : 0;
	return shown < m->people.len ? shown : m->people.len;
}

static void print_table(const struct dp_matrix *m)
{
	struct dp_table t;
	size_t col_width, first, shown = fit(m, &col_width, &first);
	char num[24];

	dp_table_init(&t, shown + 1);
	dp_table_set_max_width(&t, 0, first);
	dp_table_add(&t, "COMPETENCY");
	for (size_t c = 0; c < shown; c++) {
		dp_table_set_max_width(&t, c + 1, col_width);
		dp_table_add(&t, m->people.items[c]);
	}
	for (size_t r = 0; r < m->competencies.len; r++) {
		dp_table_add(&t, m->competencies.items[r]);
		for (size_t c = 0; c < shown; c++) {
			long v = m->levels[r * m->people.len + c];

			snprintf(num, sizeof(num), "%ld", v);
			dp_table_add(&t, v ? num : "-");
		}
	}
	dp_pager_start();
	dp_table_print(&t, stdout);
	dp_table_release(&t);
	if (shown < m->people.len)
		fprintf(stderr,
			"%zu more people do not fit the terminal: use "
			"--format csv, or --team or --role\n",
			m->people.len - shown);
}

static void print_csv(const struct dp_matrix *m)
{
	struct dp_buf out = DP_BUF_INIT;

	dp_buf_adds(&out, "competency");
	for (size_t c = 0; c < m->people.len; c++) {
		dp_buf_addch(&out, ',');
		dp_csv_field(&out, m->people.items[c]);
	}
	dp_buf_adds(&out, "\r\n");
	for (size_t r = 0; r < m->competencies.len; r++) {
		dp_csv_field(&out, m->competencies.items[r]);
		for (size_t c = 0; c < m->people.len; c++) {
			long v = m->levels[r * m->people.len + c];

			dp_buf_addch(&out, ',');
			if (v)
				dp_buf_addf(&out, "%ld", v);
		}
		dp_buf_adds(&out, "\r\n");
	}
	fwrite(out.ptr, 1, out.len, stdout);
	dp_buf_release(&out);
}

static void print_json(const struct dp_matrix *m)
{
	struct dp_json *o = dp_json_object(), *people = dp_json_array();
	struct dp_json *comps = dp_json_array();

	for (size_t c = 0; c < m->people.len; c++) {
		struct dp_json *p = dp_json_object();

		dp_json_set(p, "person", dp_json_string(m->people.items[c]));
		dp_json_set(p, "name", dp_json_string(m->names.items[c]));
		dp_json_push(people, p);
	}
	for (size_t r = 0; r < m->competencies.len; r++) {
		struct dp_json *row = dp_json_object(), *lv = dp_json_object();

		dp_json_set(row, "competency",
			    dp_json_string(m->competencies.items[r]));
		for (size_t c = 0; c < m->people.len; c++) {
			long v = m->levels[r * m->people.len + c];

			dp_json_set(lv, m->people.items[c],
				    v ? dp_json_int(v) : dp_json_null());
		}
		dp_json_set(row, "levels", lv);
		dp_json_push(comps, row);
	}
	dp_json_set(o, "people", people);
	dp_json_set(o, "competencies", comps);
	dp_json_print(o);
	dp_json_free(o);
}

int cmd_matrix(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_matrix m = { .levels = NULL };
	char **args;
	int n, ret, fmt = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (format && !strcmp(format, "csv"))
		fmt = 1;
	else if (format && !strcmp(format, "json"))
		fmt = 2;
	else if (format && strcmp(format, "table"))
		return dp_usage_error(&spec, "unknown format '%s'", format);
	if ((ret = dp_matrix_collect(&m, ctx->plan, team, role, 0)) < 0)
		return dp_fail(ret);
	if (fmt == 1)
		print_csv(&m);
	else if (fmt == 2)
		print_json(&m);
	else if (m.people.len)
		print_table(&m);
	else
		fputs("nobody matches\n", stderr);
	dp_matrix_release(&m);
	return 0;
}
