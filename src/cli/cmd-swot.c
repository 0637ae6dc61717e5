/* SPDX-License-Identifier: MIT */
/*
 * devplan swot: show a SWOT as a 2x2 grid that fits the terminal, add an
 * entry to a quadrant, or remove one.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/swot.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"swot",
	"[<person>]\n"
	"add strength|weakness|opportunity|threat <text>\n"
	"remove <quadrant> <n|text>",
	"Show your SWOT as a 2x2 grid, add an entry to it, or remove one.",
	opts,
	0,
	0
};

/* The lines of one quadrant: a heading, then numbered entries. */
static void quadrant_lines(struct dp_strlist *out, const struct dp_swot *sw,
			   size_t q, size_t width)
{
	struct dp_buf b = DP_BUF_INIT, pad = DP_BUF_INIT;
	struct dp_strlist lines = DP_STRLIST_INIT;

	for (const char *p = sw->quadrant[q].key; *p; p++)
		dp_buf_addch(&b, *p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	dp_strlist_push(out, b.ptr);
	for (size_t i = 0; i < sw->quadrant[q].n; i++) {
		const struct dp_swot_entry *e = &sw->quadrant[q].items[i];
		char num[24];
		size_t nw;

		snprintf(num, sizeof(num), "%zu. ", e->number);
		nw = strlen(num);
		dp_buf_reset(&b);
		dp_buf_add_safe(&b, e->text);
		dp_strlist_release(&lines);
		dp_term_wrap(&lines, b.ptr, width > nw + 4 ? width - nw : 4);
		for (size_t k = 0; k < lines.len; k++) {
			dp_buf_reset(&pad);
			dp_buf_addf(&pad, "%*s%s", (int)nw, k ? "" : num,
				    lines.items[k]);
			dp_strlist_push(out, pad.ptr);
		}
	}
	if (sw->quadrant[q].empty)
		dp_strlist_push(out, "-");
	dp_strlist_release(&lines);
	dp_buf_release(&pad);
	dp_buf_release(&b);
}

static void rule(size_t w)
{
	fputc('+', stdout);
	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; i < w + 2; i++)
			fputc('-', stdout);
		fputc('+', stdout);
	}
	fputc('\n', stdout);
}

static void cell(const struct dp_strlist *l, size_t i, size_t w)
{
	const char *s = i < l->len ? l->items[i] : "";

	fputs(" ", stdout);
	fputs(s, stdout);
	for (size_t k = dp_text_width(s); k < w; k++)
		fputc(' ', stdout);
	fputs(" |", stdout);
}

static void print_grid(const struct dp_swot *sw, size_t cols)
{
	/* "| " cell " | " cell " |": 7 columns of borders. */
	size_t w = cols > 27 ? (cols - 7) / 2 : 10;

	rule(w);
	for (size_t row = 0; row < 2; row++) {
		struct dp_strlist a = DP_STRLIST_INIT, b = DP_STRLIST_INIT;
		size_t n;

		quadrant_lines(&a, sw, row * 2, w);
		quadrant_lines(&b, sw, row * 2 + 1, w);
		n = a.len > b.len ? a.len : b.len;
		for (size_t i = 0; i < n; i++) {
			fputc('|', stdout);
			cell(&a, i, w);
			cell(&b, i, w);
			fputc('\n', stdout);
		}
		rule(w);
		dp_strlist_release(&a);
		dp_strlist_release(&b);
	}
}

static int show(struct dp_ctx *ctx, const char *person)
{
	struct dp_swot sw;
	int ret = dp_swot_read(&sw, ctx->plan, person);

	if (ret < 0)
		return dp_fail(ret);
	if (ret == 1)
		fprintf(stderr,
			"%s has no SWOT yet; start one with 'devplan swot "
			"add'\n",
			person);
	if (ret == 0) {
		dp_pager_start();
		print_grid(&sw, dp_term_width());
	}
	dp_swot_release(&sw);
	return 0;
}

int cmd_swot(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_swot_change c = { 0 };
	const char *person = NULL;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n >= 1 && (!strcmp(args[0], "add") || !strcmp(args[0], "remove"))) {
		c.remove = !strcmp(args[0], "remove");
		if (n != 3)
			return dp_usage_error(
			    &spec, "%s takes a quadrant and %s", args[0],
			    c.remove ? "an entry's number or text" : "a text");
		if (dp_swot_quadrant_parse(&c.quadrant, args[1]) < 0)
			return dp_usage_error(&spec, "%s", dp_error_last());
		c.text = args[2];
		if ((ret = dp_run_person(ctx, &person, NULL)) != 0 ||
		    (ret = dp_run_today(c.today)) != 0)
			return ret;
		return dp_run_person_edit(ctx, DP_KIND_SWOT, person,
					  dp_swot_edit, &c);
	}
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if ((ret = dp_run_person(ctx, &person, n ? args[0] : NULL)) != 0)
		return ret;
	return show(ctx, person);
}
