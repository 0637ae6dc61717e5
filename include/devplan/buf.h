/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_BUF_H
#define DEVPLAN_BUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * A growable, always NUL-terminated byte string (git's strbuf).
 * `ptr` is never NULL: an empty buffer points at a shared empty string, so
 * a freshly initialised buffer can be read as "". Allocation failures abort.
 */
struct dp_buf {
	char *ptr;
	size_t len;
	size_t alloc;
};

extern char dp_buf_slop[1];
#define DP_BUF_INIT                                                            \
	{                                                                      \
		dp_buf_slop, 0, 0                                              \
	}

void dp_buf_init(struct dp_buf *buf, size_t hint);
/* Frees the memory; the buffer is left empty and reusable. NULL is fine. */
void dp_buf_release(struct dp_buf *buf);
void dp_buf_reset(struct dp_buf *buf);
void dp_buf_grow(struct dp_buf *buf, size_t extra);
void dp_buf_add(struct dp_buf *buf, const void *data, size_t len);
void dp_buf_adds(struct dp_buf *buf, const char *s);
void dp_buf_addch(struct dp_buf *buf, int c);
void dp_buf_addf(struct dp_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dp_buf_vaddf(struct dp_buf *buf, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void dp_buf_setlen(struct dp_buf *buf, size_t len);
/* Replaces `remove` bytes at `pos` with `len` bytes of `data`. */
void dp_buf_splice(struct dp_buf *buf, size_t pos, size_t remove,
		   const void *data, size_t len);
/* Returns the heap string (caller frees) and leaves the buffer empty. */
char *dp_buf_detach(struct dp_buf *buf, size_t *len_out);

#endif
