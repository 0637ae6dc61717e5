/* SPDX-License-Identifier: MIT */
/*
 * devplan swot: show a SWOT as a 2x2 grid that fits the terminal, add an
 * entry to a quadrant, or remove one.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/career.h"
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

struct swot_data {
	const char *verb, *quadrant, *text;
	char today[11];
};

static int edit_swot(struct dp_plan *plan, const struct dp_ref *ref,
		     struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct swot_data *s = data;

	(void)plan;
	if (!strcmp(s->verb, "add"))
		return dp_swot_add(doc, msg, ref, s->quadrant, s->text,
				   s->today);
	return dp_swot_remove(doc, msg, ref, s->quadrant, s->text);
}

/* Bytes of the UTF-8 character at `p`. */
static size_t char_len(const char *p)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;

	for (size_t i = 1; i < n; i++)
		if (!p[i])
			return i;
	return n;
}

static size_t span_width(const char *p, size_t len)
{
	char *s = dp_xstrndup(p, len);
	size_t w = dp_text_width(s);

	free(s);
	return w;
}

/* Wraps `text` (already escaped) into lines of at most `width` columns. */
static void wrap(struct dp_strlist *out, const char *text, size_t width)
{
	struct dp_buf line = DP_BUF_INIT;
	size_t lw = 0;
	const char *p = text;

	while (*p) {
		size_t wl = strcspn(p, " "), ww = span_width(p, wl);

		if (lw && lw + 1 + ww > width) {
			dp_strlist_push(out, line.ptr);
			dp_buf_reset(&line);
			lw = 0;
		}
		while (ww > width) { /* a word longer than the line */
			size_t b = 0, w = 0;

			while (b < wl) {
				size_t cl = char_len(p + b),
				       cw = span_width(p + b, cl);

				if (w + cw > width)
					break;
				b += cl;
				w += cw;
			}
			dp_buf_add(&line, p, b);
			dp_strlist_push(out, line.ptr);
			dp_buf_reset(&line);
			p += b;
			wl -= b;
			ww = span_width(p, wl);
		}
		if (lw) {
			dp_buf_addch(&line, ' ');
			lw++;
		}
		dp_buf_add(&line, p, wl);
		lw += ww;
		p += wl;
		while (*p == ' ')
			p++;
	}
	if (line.len)
		dp_strlist_push(out, line.ptr);
	dp_buf_release(&line);
}

/* The lines of one quadrant: a heading, then numbered entries. */
static void quadrant_lines(struct dp_strlist *out, const struct dp_doc *doc,
			   const char *q, size_t width)
{
	const struct dp_node *list = dp_doc_lookup(doc, q);
	struct dp_buf b = DP_BUF_INIT, pad = DP_BUF_INIT;
	struct dp_strlist lines = DP_STRLIST_INIT;

	for (const char *p = q; *p; p++)
		dp_buf_addch(&b, *p >= 'a' && *p <= 'z' ? *p - 32 : *p);
	dp_strlist_push(out, b.ptr);
	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++) {
		const struct dp_node *t = dp_node_get(list->items[i], "text");
		char num[24];
		size_t nw;

		if (!t || t->type != DP_SCALAR)
			continue;
		snprintf(num, sizeof(num), "%zu. ", i + 1);
		nw = strlen(num);
		dp_buf_reset(&b);
		dp_buf_add_safe(&b, t->str);
		dp_strlist_release(&lines);
		wrap(&lines, b.ptr, width > nw + 4 ? width - nw : 4);
		for (size_t k = 0; k < lines.len; k++) {
			dp_buf_reset(&pad);
			dp_buf_addf(&pad, "%*s%s", (int)nw, k ? "" : num,
				    lines.items[k]);
			dp_strlist_push(out, pad.ptr);
		}
	}
	if (!list || list->type != DP_SEQ || !list->n)
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

static void print_grid(const struct dp_doc *doc, size_t cols)
{
	/* "| " cell " | " cell " |": 7 columns of borders. */
	size_t w = cols > 27 ? (cols - 7) / 2 : 10;

	rule(w);
	for (size_t row = 0; row < 2; row++) {
		struct dp_strlist a = DP_STRLIST_INIT, b = DP_STRLIST_INIT;
		size_t n;

		quadrant_lines(&a, doc, dp_swot_quadrants[row * 2], w);
		quadrant_lines(&b, doc, dp_swot_quadrants[row * 2 + 1], w);
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
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	int ret;

	if ((ret = dp_layout_ref(&ref, dp_plan_layout(ctx->plan), DP_KIND_SWOT,
				 person, NULL)) < 0)
		return dp_fail(ret);
	if (!dp_store_exists(ctx->store, ref.path)) {
		fprintf(stderr,
			"%s has no SWOT yet; start one with 'devplan swot "
			"add'\n",
			person);
		return 0;
	}
	if ((ret = dp_plan_load(ctx->plan, &doc, &ref)) < 0)
		return dp_fail(ret);
	dp_pager_start();
	print_grid(&doc, dp_term_width());
	dp_doc_release(&doc);
	return 0;
}

int cmd_swot(int argc, char **argv, struct dp_ctx *ctx)
{
	struct swot_data s = { NULL, NULL, NULL, "" };
	const char *person = NULL;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n >= 1 && (!strcmp(args[0], "add") || !strcmp(args[0], "remove"))) {
		s.verb = args[0];
		if (n != 3)
			return dp_usage_error(
			    &spec, "%s takes a quadrant and %s", s.verb,
			    !strcmp(s.verb, "add")
				? "a text"
				: "an entry's number or text");
		s.quadrant = dp_swot_quadrant(args[1]);
		if (!s.quadrant)
			return dp_usage_error(
			    &spec,
			    "'%s' is not a quadrant: strength, "
			    "weakness, opportunity or threat",
			    args[1]);
		s.text = args[2];
		if ((ret = dp_run_person(ctx, &person, NULL)) != 0 ||
		    (ret = dp_run_today(s.today)) != 0)
			return ret;
		return dp_run_person_edit(ctx, DP_KIND_SWOT, person, edit_swot,
					  &s);
	}
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if ((ret = dp_run_person(ctx, &person, n ? args[0] : NULL)) != 0)
		return ret;
	return show(ctx, person);
}
