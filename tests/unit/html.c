/* SPDX-License-Identifier: MIT */
/* Unit tests of the HTML escaper. */
#include "devplan/html.h"
#include "test.h"

static const char *text(const char *s)
{
	static struct dp_buf b = DP_BUF_INIT;

	dp_buf_reset(&b);
	dp_html_text(&b, s);
	return b.ptr;
}

static const char *attr(const char *s)
{
	static struct dp_buf b = DP_BUF_INIT;

	dp_buf_reset(&b);
	dp_html_attr(&b, s);
	return b.ptr;
}

static const char *url(const char *s)
{
	static struct dp_buf b = DP_BUF_INIT;

	dp_buf_reset(&b);
	if (dp_html_url(&b, s) < 0)
		return "(refused)";
	return b.ptr;
}

int main(void)
{
	struct dp_buf b = DP_BUF_INIT;

	CHECK_STR(text("plain"), "plain");
	CHECK_STR(text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
	CHECK_STR(text("\"'"), "\"'");
	CHECK_STR(text("<script>"), "&lt;script&gt;");
	CHECK_STR(text(""), "");
	dp_html_textn(&b, "a\0<", 3);
	CHECK_STR(b.ptr, "a&lt;");
	dp_buf_release(&b);

	CHECK_STR(attr("\"><script>"), "&quot;&gt;&lt;script&gt;");
	CHECK_STR(attr("it's `x` & y"), "it&#39;s &#96;x&#96; &amp; y");
	CHECK_STR(attr("café"), "café");

	CHECK(dp_html_url_ok("https://example.com/"));
	CHECK(dp_html_url_ok("HTTP://example.com/"));
	CHECK(dp_html_url_ok("mailto:a@example.com"));
	CHECK(dp_html_url_ok("goals/x.html"));
	CHECK(dp_html_url_ok("../x.html#top"));
	CHECK(dp_html_url_ok("#top"));
	CHECK(dp_html_url_ok("//host/path"));
	CHECK(dp_html_url_ok("x.html?a=b:c"));
	CHECK(!dp_html_url_ok("javascript:alert(1)"));
	CHECK(!dp_html_url_ok("JaVaScRiPt:alert(1)"));
	CHECK(!dp_html_url_ok("vbscript:msgbox(1)"));
	CHECK(!dp_html_url_ok("data:text/html,x"));
	CHECK(!dp_html_url_ok("file:///etc/passwd"));
	CHECK(!dp_html_url_ok("java\tscript:alert(1)"));
	CHECK(!dp_html_url_ok(" javascript:alert(1)"));
	CHECK(!dp_html_url_ok("java\nscript:x"));
	CHECK(!dp_html_url_ok("javascript&colon;x:y"));
	CHECK(!dp_html_url_ok(NULL));

	CHECK_STR(url("https://e.com/a?b=1&c=2"),
		  "https://e.com/a?b=1&amp;c=2");
	CHECK_STR(url("x\"onmouseover=y"), "x%22onmouseover=y");
	CHECK_STR(url("a'<>`\\b"), "a%27%3C%3E%60%5Cb");
	CHECK_STR(url("caf\xc3\xa9"), "caf%C3%A9");
	CHECK_STR(url("javascript:alert(1)"), "(refused)");
	return test_done();
}
