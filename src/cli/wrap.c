/* SPDX-License-Identifier: MIT */
/* Text wrapped to a width in terminal columns (dp_term_wrap). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

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

void dp_term_wrap(struct dp_strlist *out, const char *text, size_t width)
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
