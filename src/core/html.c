/* SPDX-License-Identifier: MIT */
/* HTML escaping for text, attribute and URL contexts. */
#include <string.h>

#include "devplan/html.h"
#include "devplan/util.h"
#include "devplan/banned.h"

void dp_html_textn(struct dp_buf *out, const char *s, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '\0':
			rep = "";
			break;
		default:
			/* Control characters are not text: U+FFFD in their place. */
			if (((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
			     s[i] != '\n' && s[i] != '\r') ||
			    s[i] == 0x7f) {
				rep = "\xef\xbf\xbd";
				break;
			}
			continue;
		}
		dp_buf_add(out, s + run, i - run);
		dp_buf_adds(out, rep);
		run = i + 1;
	}
	dp_buf_add(out, s + run, len - run);
}

void dp_html_text(struct dp_buf *out, const char *s)
{
	if (s)
		dp_html_textn(out, s, strlen(s));
}

void dp_html_attr(struct dp_buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			dp_buf_adds(out, "&amp;");
			break;
		case '<':
			dp_buf_adds(out, "&lt;");
			break;
		case '>':
			dp_buf_adds(out, "&gt;");
			break;
		case '"':
			dp_buf_adds(out, "&quot;");
			break;
		case '\'':
			dp_buf_adds(out, "&#39;");
			break;
		case '`':
			dp_buf_adds(out, "&#96;");
			break;
		default:
			dp_buf_addch(out, *s);
		}
	}
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int scheme_is(const char *url, size_t len, const char *want)
{
	if (len != strlen(want))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (lower((unsigned char)url[i]) != want[i])
			return 0;
	return 1;
}

int dp_html_url_ok(const char *url)
{
	size_t i;

	if (!url)
		return 0;
	for (i = 0; url[i]; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c <= 0x20 || c == 0x7f)
			return 0;
	}
	/* A scheme is letters, digits, + - . before the first ':'. */
	for (i = 0; url[i]; i++) {
		char c = url[i];

		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (c == ':')
			return scheme_is(url, i, "http") ||
			       scheme_is(url, i, "https") ||
			       scheme_is(url, i, "mailto");
	}
	return 1;
}

int dp_html_url(struct dp_buf *out, const char *url)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!dp_html_url_ok(url))
		return -1;
	for (; *url; url++) {
		unsigned char c = (unsigned char)*url;

		if (c == '&')
			dp_buf_adds(out, "&amp;");
		else if (c < 0x21 || c > 0x7e || strchr("\"'<>`\\", c)) {
			dp_buf_addch(out, '%');
			dp_buf_addch(out, hex[c >> 4]);
			dp_buf_addch(out, hex[c & 15]);
		} else
			dp_buf_addch(out, c);
	}
	return 0;
}
