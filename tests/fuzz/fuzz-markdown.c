/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the Markdown module and the site's page writer:
 * an arbitrary record (front matter and body) rendered as the site
 * renders it (dp_render_record), and an arbitrary body through
 * dp_markdown_html. The first input byte picks the record's kind and
 * the heading level. Checks that nothing crashes and that the HTML
 * holds no markup a record could have smuggled in: every tag is one the
 * renderer writes, no "<script", no href or src with a scheme other than
 * http:, https: or mailto: (so no javascript:).
 *   meson setup build-fuzz -Dfuzz=true (with CC=clang)
 *   ninja -C build-fuzz tests/fuzz/fuzz-markdown
 *   ./build-fuzz/tests/fuzz/fuzz-markdown -timeout=5 tests/fuzz/corpus-markdown
 * The test suite runs the seed corpus and fixed mutations of it through
 * the standalone driver (standalone.c): test `fuzz-markdown`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/markdown.h"
#include "devplan/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const paths[] = {
	"people/alice/goals/g.md",
	"people/alice/profile.md",
	"people/alice/career-map.md",
	"people/alice/swot.md",
	"people/alice/skills.md",
	"people/alice/journal.md",
	"people/alice/conversations/2026-01-01.md",
	"people/alice/notes/n.md",
	"framework/roles/r.md",
	"framework/competencies.yaml",
};

/* Tags the renderer and cmark-gfm write (lower case, as they write them). */
static const char *const tags[] = {
	"!DOCTYPE", "a",      "article", "blockquote", "body",       "br",
	"caption",  "circle", "code",    "dd",         "defs",       "del",
	"div",      "dl",     "dt",      "em",         "figcaption", "figure",
	"footer",   "g",      "h1",      "h2",         "h3",         "h4",
	"h5",       "h6",     "head",    "header",     "hr",         "html",
	"img",      "input",  "li",      "line",       "link",       "main",
	"marker",   "meta",   "nav",     "ol",         "p",          "path",
	"polyline", "pre",    "rect",    "section",    "span",       "strong",
	"svg",      "table",  "tbody",   "td",         "text",       "th",
	"thead",    "time",   "title",   "tr",         "ul",
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int starts_nocase(const char *p, const char *end, const char *word)
{
	for (; *word; word++, p++)
		if (p >= end || lower((unsigned char)*p) != *word)
			return 0;
	return 1;
}

static int known_tag(const char *p, const char *end)
{
	size_t n = 0;

	while (p + n < end &&
	       ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') ||
		p[n] == '!' || (p[n] >= 'A' && p[n] <= 'Z')))
		n++;
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i]) == n && !memcmp(tags[i], p, n))
			return 1;
	return 0;
}

/* The scheme of a quoted attribute value (before its ':') is safe. */
static int url_ok(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q != '"' && *q != ':' && *q != '/' && *q != '?' &&
	       *q != '#')
		q++;
	if (q == end || *q != ':')
		return 1;
	return starts_nocase(p, end, "http:") ||
	       starts_nocase(p, end, "https:") ||
	       starts_nocase(p, end, "mailto:");
}

/*
 * Scans the HTML: outside tags anything goes (it was escaped); a tag
 * must be a known one, and its href and src values must be safe.
 */
static void check_html(const struct dp_buf *b)
{
	const char *p = b->ptr, *end = b->ptr + b->len;

	while (p < end) {
		const char *t;

		if (*p != '<') {
			p++;
			continue;
		}
		t = p + 1;
		if (t < end && *t == '/')
			t++;
		if (!known_tag(t, end) || starts_nocase(t, end, "script"))
			abort();
		/* Attributes up to the tag's end, values quoted. */
		for (p = t; p < end && *p != '>'; p++) {
			if (*p == '<')
				abort(); /* a '<' inside a tag: not ours */
			if (*p != '"')
				continue;
			if (p - t >= 5 &&
			    (starts_nocase(p - 5, end, "href=") ||
			     starts_nocase(p - 4, end, "src=")) &&
			    !url_ok(p + 1, end))
				abort();
			for (p++; p < end && *p != '"'; p++)
				;
		}
		if (p == end)
			abort(); /* a tag never closed */
		p++;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dp_buf out = DP_BUF_INIT;
	const char *text = (const char *)data + (size ? 1 : 0);
	size_t len = size ? size - 1 : 0;
	unsigned pick = size ? data[0] : 0;

	if (dp_render_record(&out,
			     paths[pick % (sizeof(paths) / sizeof(paths[0]))],
			     text, len) == 0)
		check_html(&out);
	dp_error_clear();
	dp_buf_reset(&out);
	if (dp_markdown_html(&out, text, len, 1 + (int)(pick % 7)) == 0)
		check_html(&out);
	dp_error_clear();
	dp_buf_release(&out);
	return 0;
}
