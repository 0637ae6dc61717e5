/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_MARKDOWN_H
#define DEVPLAN_MARKDOWN_H

#include <stddef.h>

#include "devplan/buf.h"

/*
 * Markdown bodies to HTML (the only module that includes cmark-gfm), as
 * git hosts render them: CommonMark plus GFM tables, strikethrough and
 * task lists. The autolink extension stays off (Debian's 0.29.0.gfm.6
 * reads out of bounds on ":@a.com").
 *
 * Safety: CMARK_OPT_UNSAFE is never set, raw HTML is shown as text
 * (escaped), and links and images whose target dp_html_url_ok refuses
 * (javascript:, vbscript:, data: ...) lose their target.
 *
 * Bounded work: cmark-gfm is quadratic on wide tables and on some deep
 * nesting, so a body over these limits is refused before cmark sees it
 * (and `devplan check` reports the same limits at the line):
 *   DP_MD_MAX_BODY     bytes of body text
 *   DP_MD_MAX_COLUMNS  table cells ('|' separated) on one line
 *   DP_MD_MAX_NESTING  block quotes and list levels on one line
 *   DP_MD_MAX_BRACKETS open '[' not yet closed (nested link text)
 */
#define DP_MD_MAX_BODY (256 * 1024)
#define DP_MD_MAX_COLUMNS 100
#define DP_MD_MAX_NESTING 32
#define DP_MD_MAX_BRACKETS 32

/*
 * Checks `len` bytes of `text` against the limits. `path` and
 * `first_line` (the file line of the body's first line) place the
 * problem. Returns 0, or DP_ETOOBIG with dp_error_set_at(path, line,
 * col, ...) saying which limit ("table row has more than 100 cells").
 */
int dp_markdown_check(const char *path, unsigned first_line, const char *text,
		      size_t len);

/*
 * Appends the HTML of `len` bytes of Markdown to `out`, headings moved
 * down so that "#" becomes <h`top`> (2..6; deeper ones stay <h6>), to
 * keep the page's headings in order. Refuses what dp_markdown_check
 * refuses (DP_ETOOBIG, nothing appended).
 */
int dp_markdown_html(struct dp_buf *out, const char *text, size_t len, int top);

/*
 * A top-level block of a Markdown text, as dp_markdown_blocks reports
 * it. Strings are owned by the walk and valid during the call only.
 */
struct dp_md_block {
	int heading;   /* 1..6: a heading of that level, 0: not a heading */
	int paragraph; /* 1: a paragraph */
	/*
	 * A heading's or paragraph's plain text: the text of its inline
	 * children, line breaks as '\n', markup dropped ("" otherwise).
	 */
	const char *text;
	/* Any other block (a heading too) as CommonMark, without the final
	 * newlines; NULL for a paragraph. */
	const char *markdown;
};
typedef int (*dp_md_block_fn)(const struct dp_md_block *b, void *data);
/*
 * Calls `fn` for each top-level block of `len` bytes of `text` in order
 * (CommonMark, no extensions: what sections and their text are does
 * not depend on them). `fn` returning non-zero stops the walk with that
 * value. Returns 0, the value `fn` stopped with, or DP_EINVALID with a
 * message when the text cannot be parsed.
 */
int dp_markdown_blocks(const char *text, size_t len, dp_md_block_fn fn,
		       void *data);

#endif
