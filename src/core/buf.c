/* SPDX-License-Identifier: MIT */
#include "devplan/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/util.h"
#include "devplan/banned.h"

char dp_buf_slop[1];

void dp_buf_init(struct dp_buf *buf, size_t hint)
{
	buf->ptr = dp_buf_slop;
	buf->len = 0;
	buf->alloc = 0;
	if (hint)
		dp_buf_grow(buf, hint);
}

void dp_buf_release(struct dp_buf *buf)
{
	if (!buf)
		return;
	if (buf->alloc)
		free(buf->ptr);
	dp_buf_init(buf, 0);
}

void dp_buf_reset(struct dp_buf *buf)
{
	dp_buf_setlen(buf, 0);
}

void dp_buf_grow(struct dp_buf *buf, size_t extra)
{
	size_t want;

	if (extra > (size_t)-1 / 2 - buf->len - 1)
		abort();
	want = buf->len + extra + 1;
	if (want <= buf->alloc)
		return;
	if (want < buf->alloc + buf->alloc / 2)
		want = buf->alloc + buf->alloc / 2;
	if (want < 64)
		want = 64;
	if (!buf->alloc) {
		buf->ptr = dp_xmalloc(want);
		buf->ptr[0] = '\0';
	} else {
		buf->ptr = dp_xrealloc(buf->ptr, want);
	}
	buf->alloc = want;
}

void dp_buf_setlen(struct dp_buf *buf, size_t len)
{
	if (!buf->alloc) {
		if (len)
			abort();
		return;
	}
	if (len >= buf->alloc)
		abort();
	buf->len = len;
	buf->ptr[len] = '\0';
}

void dp_buf_add(struct dp_buf *buf, const void *data, size_t len)
{
	if (!len)
		return;
	dp_buf_grow(buf, len);
	memcpy(buf->ptr + buf->len, data, len);
	dp_buf_setlen(buf, buf->len + len);
}

void dp_buf_adds(struct dp_buf *buf, const char *s)
{
	dp_buf_add(buf, s, strlen(s));
}

void dp_buf_addch(struct dp_buf *buf, int c)
{
	dp_buf_grow(buf, 1);
	buf->ptr[buf->len] = (char)c;
	dp_buf_setlen(buf, buf->len + 1);
}

void dp_buf_vaddf(struct dp_buf *buf, const char *fmt, va_list ap)
{
	char small[256];
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		abort();
	if ((size_t)n < sizeof(small)) {
		dp_buf_add(buf, small, (size_t)n);
		return;
	}
	dp_buf_grow(buf, (size_t)n);
	vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	dp_buf_setlen(buf, buf->len + (size_t)n);
}

void dp_buf_addf(struct dp_buf *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dp_buf_vaddf(buf, fmt, ap);
	va_end(ap);
}

void dp_buf_splice(struct dp_buf *buf, size_t pos, size_t remove,
		   const void *data, size_t len)
{
	if (pos > buf->len || remove > buf->len - pos)
		abort();
	if (len > remove)
		dp_buf_grow(buf, len - remove);
	if (!buf->alloc)
		return; /* empty buffer, nothing removed or added */
	memmove(buf->ptr + pos + len, buf->ptr + pos + remove,
		buf->len - pos - remove);
	if (len)
		memcpy(buf->ptr + pos, data, len);
	dp_buf_setlen(buf, buf->len - remove + len);
}

char *dp_buf_detach(struct dp_buf *buf, size_t *len_out)
{
	char *ret;

	if (!buf->alloc)
		dp_buf_grow(buf, 0);
	ret = buf->ptr;
	if (len_out)
		*len_out = buf->len;
	dp_buf_init(buf, 0);
	return ret;
}
