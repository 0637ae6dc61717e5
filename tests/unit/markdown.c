/* SPDX-License-Identifier: MIT */
/* Unit tests of the Markdown module: extensions, safety, limits. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devplan/error.h"
#include "devplan/markdown.h"
#include "test.h"

static struct dp_buf out = DP_BUF_INIT;

static int md(const char *s)
{
	dp_buf_reset(&out);
	return dp_markdown_html(&out, s, strlen(s), 1);
}

static int has(const char *needle)
{
	int ok = strstr(out.ptr, needle) != NULL;

	if (!ok)
		printf("# not in: %s\n", out.ptr);
	return ok;
}

/* dp_markdown_blocks' report, one line a block: "h2 text", "p text", "- md". */
static int on_block(const struct dp_md_block *b, void *data)
{
	struct dp_buf *log = data;

	if (b->heading)
		dp_buf_addf(log, "h%d %s|%s\n", b->heading, b->text,
			    b->markdown);
	else if (b->paragraph)
		dp_buf_addf(log, "p %s|%s\n", b->text,
			    b->markdown ? b->markdown : "(null)");
	else
		dp_buf_addf(log, "- [%s]|%s\n", b->text, b->markdown);
	return 0;
}

static int stop_at_two(const struct dp_md_block *b, void *data)
{
	int *n = data;

	(void)b;
	return ++*n == 2 ? 7 : 0;
}

/* `n` copies of `unit` joined, then `tail`. */
static char *repeat(const char *unit, size_t n, const char *tail)
{
	struct dp_buf b = DP_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		dp_buf_adds(&b, unit);
	dp_buf_adds(&b, tail);
	return dp_buf_detach(&b, NULL);
}

int main(void)
{
	unsigned line, col;
	const char *msg;
	char *s;
	clock_t t0;

	CHECK_INT(md("# Title\n\n*em* **strong**\n"), 0);
	CHECK(has("<h1>Title</h1>"));
	CHECK(has("<em>em</em> <strong>strong</strong>"));
	CHECK_INT(dp_markdown_html(&out, "# T\n", 4, 3), 0);
	CHECK(has("<h3>T</h3>"));
	dp_buf_reset(&out);
	CHECK_INT(dp_markdown_html(&out, "#### T\n", 7, 4), 0);
	CHECK(has("<h6>T</h6>"));

	CHECK_INT(md("| a | b |\n|---|---|\n| 1 | 2 |\n"), 0);
	CHECK(has("<table>"));
	CHECK_INT(md("~~gone~~\n"), 0);
	CHECK(has("<del>gone</del>"));
	CHECK_INT(md("- [x] done\n- [ ] open\n"), 0);
	CHECK(has("checked"));
	/* Autolink is off, and its out-of-bounds input is plain text. */
	CHECK_INT(md(":@a.com www.example.com\n"), 0);
	CHECK(!strstr(out.ptr, "<a "));

	CHECK_INT(md("<script>alert(1)</script>\n"), 0);
	CHECK(has("&lt;script&gt;alert(1)&lt;/script&gt;"));
	CHECK(!strstr(out.ptr, "<script"));
	CHECK_INT(md("a <b onclick=\"x\">b</b>\n"), 0);
	CHECK(!strstr(out.ptr, "<b "));
	CHECK_INT(md("[x](javascript:alert(1)) [y](vbscript:x)\n"), 0);
	CHECK(!strstr(out.ptr, "script:"));
	CHECK_INT(
	    md("[x](https://example.com) [m](mailto:a@b.c) [r](a.html)\n"), 0);
	CHECK(has("href=\"https://example.com\""));
	CHECK(has("href=\"mailto:a@b.c\""));
	CHECK(has("href=\"a.html\""));
	CHECK_INT(md("![i](javascript:alert(1))\n"), 0);
	CHECK(has("src=\"\""));

	/* Limits, reported with their place. */
	s = repeat("a|", 150, "a\n");
	CHECK_INT(dp_markdown_check("x.md", 7, s, strlen(s)), DP_ETOOBIG);
	CHECK(dp_error_last_at(&line, &col, &msg));
	CHECK_INT(line, 7);
	CHECK_STR(msg, "body: table row has more than 100 cells");
	CHECK_INT(md(s), DP_ETOOBIG);
	free(s);
	s = repeat("a|", 99, "a\n");
	CHECK_INT(dp_markdown_check("x.md", 1, s, strlen(s)), 0);
	free(s);
	s = repeat("\\|", 500, "a\n");
	CHECK_INT(dp_markdown_check("x.md", 1, s, strlen(s)), 0);
	free(s);

	s = repeat("> ", 40, "deep\n");
	CHECK_INT(dp_markdown_check("x.md", 2, s, strlen(s)), DP_ETOOBIG);
	CHECK(dp_error_last_at(&line, &col, &msg));
	CHECK_STR(msg, "body: nesting deeper than 32 levels");
	free(s);
	s = repeat("[", 100, "x\n");
	CHECK_INT(dp_markdown_check("x.md", 1, s, strlen(s)), DP_ETOOBIG);
	free(s);
	s = repeat("x", DP_MD_MAX_BODY + 1, "");
	CHECK_INT(dp_markdown_check("x.md", 1, s, strlen(s)), DP_ETOOBIG);
	free(s);

	/* What is allowed renders fast: 100-cell rows, long bodies. */
	s = repeat("| a ", 99, "|\n");
	{
		char *t = repeat("|---", 99, "|\n");
		char *u = repeat(s, 1, "");
		struct dp_buf all = DP_BUF_INIT;

		dp_buf_adds(&all, u);
		dp_buf_adds(&all, t);
		for (int i = 0; i < 200; i++)
			dp_buf_adds(&all, s);
		t0 = clock();
		CHECK_INT(dp_markdown_html(&out, all.ptr, all.len, 1), 0);
		CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
		dp_buf_release(&all);
		free(t);
		free(u);
	}
	free(s);
	{
		struct dp_buf log = DP_BUF_INIT;
		const char *text = "## 2026-11-29\n\n*Read* a\nbook.\n\n"
				   "- one\n- two\n\n### Sub *x*\n";
		int n = 0;

		CHECK_INT(
		    dp_markdown_blocks(text, strlen(text), on_block, &log), 0);
		CHECK_STR(log.ptr, "h2 2026-11-29|## 2026-11-29\n"
				   "p Read a\nbook.|(null)\n"
				   "- []|  - one\n  - two\n"
				   "h3 Sub x|### Sub *x*\n");
		CHECK_INT(
		    dp_markdown_blocks(text, strlen(text), stop_at_two, &n), 7);
		CHECK_INT(n, 2);
		dp_buf_release(&log);
	}
	s = repeat("[a](b) *c* `d` ", 10000, "\n");
	t0 = clock();
	CHECK_INT(md(s), 0);
	CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
	free(s);
	dp_buf_release(&out);
	return test_done();
}
