/* SPDX-License-Identifier: MIT */
/* Markdown to HTML through cmark-gfm, with limits and safe links. */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "devplan/error.h"
#include "devplan/html.h"
#include "devplan/markdown.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/* Per-line state of the limit scan. */
struct scan {
	const char *path;
	unsigned line;
	size_t brackets; /* open '[' since the last blank line */
};

/* Block quotes and list markers at the start of a line, and indentation. */
static size_t line_nesting(const char *p, const char *end)
{
	size_t depth = 0, indent = 0;

	while (p < end) {
		if (*p == ' ') {
			indent++;
			p++;
		} else if (*p == '\t') {
			indent += 4;
			p++;
		} else if (*p == '>') {
			depth++;
			p++;
		} else if ((*p == '-' || *p == '*' || *p == '+') &&
			   p + 1 < end && (p[1] == ' ' || p[1] == '\t')) {
			depth++;
			p += 2;
		} else if (*p >= '0' && *p <= '9') {
			const char *q = p;

			while (q < end && *q >= '0' && *q <= '9')
				q++;
			if (q + 1 < end && (*q == '.' || *q == ')') &&
			    (q[1] == ' ' || q[1] == '\t')) {
				depth++;
				p = q + 2;
			} else
				break;
		} else
			break;
	}
	return depth + indent / 2;
}

static int scan_line(struct scan *s, const char *p, const char *end)
{
	size_t pipes = 0, blank = 1;

	if (line_nesting(p, end) > DP_MD_MAX_NESTING) {
		dp_error_set_at(s->path, s->line, 1,
				"body: nesting deeper than %d levels",
				DP_MD_MAX_NESTING);
		return DP_ETOOBIG;
	}
	for (const char *q = p; q < end; q++) {
		if (*q == '\\' && q + 1 < end) {
			q++;
			blank = 0;
			continue;
		}
		if (*q != ' ' && *q != '\t' && *q != '\r')
			blank = 0;
		/* n cells take n + 1 pipes with the ones at the edges. */
		if (*q == '|' && ++pipes > DP_MD_MAX_COLUMNS + 1) {
			dp_error_set_at(s->path, s->line, (unsigned)(q - p) + 1,
					"body: table row has more than %d "
					"cells",
					DP_MD_MAX_COLUMNS);
			return DP_ETOOBIG;
		}
		if (*q == '[' && ++s->brackets > DP_MD_MAX_BRACKETS) {
			dp_error_set_at(s->path, s->line, (unsigned)(q - p) + 1,
					"body: brackets nested deeper than %d",
					DP_MD_MAX_BRACKETS);
			return DP_ETOOBIG;
		}
		if (*q == ']' && s->brackets)
			s->brackets--;
	}
	if (blank)
		s->brackets = 0;
	return 0;
}

int dp_markdown_check(const char *path, unsigned first_line, const char *text,
		      size_t len)
{
	struct scan s = { path ? path : "body", first_line ? first_line : 1,
			  0 };
	const char *p = text, *end = text + len;
	int ret;

	if (len > DP_MD_MAX_BODY) {
		dp_error_set_at(s.path, s.line, 1, "body: larger than %d KiB",
				DP_MD_MAX_BODY / 1024);
		return DP_ETOOBIG;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		if ((ret = scan_line(&s, p, eol)) < 0)
			return ret;
		s.line++;
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* Raw HTML becomes text: a block a paragraph, inline HTML a text node. */
static void html_to_text(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	char *copy = dp_xstrdup(lit ? lit : "");
	size_t n = strlen(copy);
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);

	while (n && (copy[n - 1] == '\n' || copy[n - 1] == '\r'))
		copy[--n] = '\0';
	cmark_node_set_literal(text, copy);
	free(copy);
	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
		cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);

		cmark_node_append_child(para, text);
		text = para;
	}
	cmark_node_replace(node, text);
	cmark_node_free(node);
}

/* Makes the tree safe: raw HTML as text, unsafe link targets emptied. */
static void sanitize(cmark_node *root, int shift)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_node **raw = NULL;
	size_t n = 0, alloc = 0;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(node) + shift;

			cmark_node_set_heading_level(node,
						     level > 6 ? 6 : level);
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			if (!dp_html_url_ok(cmark_node_get_url(node)))
				cmark_node_set_url(node, "");
		} else if (t == CMARK_NODE_HTML_BLOCK ||
			   t == CMARK_NODE_HTML_INLINE) {
			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 8;
				raw = dp_xrealloc(raw, alloc * sizeof(*raw));
			}
			raw[n++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n; i++)
		html_to_text(raw[i]);
	free(raw);
}

static const char *const extensions[] = { "table", "strikethrough",
					  "tasklist" };

int dp_markdown_html(struct dp_buf *out, const char *text, size_t len, int top)
{
	int options = CMARK_OPT_DEFAULT | CMARK_OPT_GITHUB_PRE_LANG;
	cmark_parser *parser;
	cmark_node *doc;
	char *html;
	int ret;

	if ((ret = dp_markdown_check(NULL, 1, text, len)) < 0)
		return ret;
	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(options);
	for (size_t i = 0; i < DP_ARRAY_SIZE(extensions); i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extensions[i]);

		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	sanitize(doc, top < 1 ? 0 : top > 6 ? 5 : top - 1);
	html = cmark_render_html(doc, options,
				 cmark_parser_get_syntax_extensions(parser));
	dp_buf_adds(out, html);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return 0;
}

/* The plain text of `node`'s inline children, appended to `out`. */
static void inline_text(struct dp_buf *out, cmark_node *node)
{
	for (cmark_node *c = cmark_node_first_child(node); c;
	     c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		const char *lit = cmark_node_get_literal(c);

		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			dp_buf_addch(out, '\n');
		else if (lit)
			dp_buf_adds(out, lit);
		else
			inline_text(out, c);
	}
}

int dp_markdown_blocks(const char *text, size_t len, dp_md_block_fn fn,
		       void *data)
{
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	struct dp_buf b = DP_BUF_INIT, md = DP_BUF_INIT;
	int ret = 0;

	if (!doc) {
		dp_error_set("cannot parse the Markdown text");
		return DP_EINVALID;
	}
	for (cmark_node *n = cmark_node_first_child(doc); n && !ret;
	     n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		struct dp_md_block blk = { 0, 0, "", NULL };

		dp_buf_reset(&b);
		dp_buf_reset(&md);
		if (t == CMARK_NODE_HEADING || t == CMARK_NODE_PARAGRAPH) {
			if (t == CMARK_NODE_HEADING)
				blk.heading = cmark_node_get_heading_level(n);
			else
				blk.paragraph = 1;
			inline_text(&b, n);
			blk.text = b.ptr;
		}
		if (t != CMARK_NODE_PARAGRAPH) {
			char *cm =
			    cmark_render_commonmark(n, CMARK_OPT_DEFAULT, 0);

			dp_buf_adds(&md, cm);
			free(cm);
			while (md.len && md.ptr[md.len - 1] == '\n')
				dp_buf_setlen(&md, md.len - 1);
			blk.markdown = md.ptr;
		}
		ret = fn(&blk, data);
	}
	cmark_node_free(doc);
	dp_buf_release(&b);
	dp_buf_release(&md);
	return ret;
}
