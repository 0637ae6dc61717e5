/* SPDX-License-Identifier: MIT */
#include "devplan/error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/*
 * Each thread has its own last error (the walk parses on two); a thread
 * that may have set one calls dp_error_clear before it ends.
 */
static _Thread_local struct dp_buf last = DP_BUF_INIT;
/* Where the last error was, when set with dp_error_set_at. */
static _Thread_local struct {
	int set;
	unsigned line, col;
	size_t msg_off; /* the message proper starts at last.ptr + msg_off */
} last_at;

void dp_error_set(const char *fmt, ...)
{
	va_list ap;

	dp_buf_reset(&last);
	last_at.set = 0;
	va_start(ap, fmt);
	dp_buf_vaddf(&last, fmt, ap);
	va_end(ap);
}

void dp_error_set_at(const char *path, unsigned line, unsigned col,
		     const char *fmt, ...)
{
	va_list ap;

	dp_buf_reset(&last);
	dp_buf_addf(&last, "%s:%u:%u: ", path, line, col);
	last_at.set = 1;
	last_at.line = line;
	last_at.col = col;
	last_at.msg_off = last.len;
	va_start(ap, fmt);
	dp_buf_vaddf(&last, fmt, ap);
	va_end(ap);
}

int dp_error_last_at(unsigned *line, unsigned *col, const char **msg)
{
	if (!last_at.set)
		return 0;
	*line = last_at.line;
	*col = last_at.col;
	*msg = last.ptr + last_at.msg_off;
	return 1;
}

void dp_error_set_errno(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	dp_buf_reset(&last);
	last_at.set = 0;
	va_start(ap, fmt);
	dp_buf_vaddf(&last, fmt, ap);
	va_end(ap);
	dp_buf_addf(&last, ": %s", strerror(err));
}

void dp_error_clear(void)
{
	last_at.set = 0;
	dp_buf_release(&last);
}

const char *dp_error_last(void)
{
	return last.ptr;
}

int dp_error_exit_code(int code)
{
	switch (code) {
	case DP_OK:
		return 0;
	case DP_EUSAGE:
		return 2;
	case DP_ENOREPO:
	case DP_ELOCKED:
	case DP_EIO:
	case DP_ENOIDENT:
		return 3;
	default:
		return 1;
	}
}

void dp_findings_add(struct dp_findings *f, enum dp_severity sev,
		     const char *path, unsigned line, unsigned col,
		     const char *fmt, ...)
{
	struct dp_finding *it;
	struct dp_buf msg = DP_BUF_INIT;
	va_list ap;

	if (f->len == f->alloc) {
		f->alloc = f->alloc ? f->alloc * 2 : 8;
		f->items = dp_xrealloc(f->items, f->alloc * sizeof(*f->items));
	}
	va_start(ap, fmt);
	dp_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	it = &f->items[f->len++];
	it->path = dp_xstrdup(path ? path : "");
	it->line = line;
	it->col = col;
	it->severity = sev;
	it->message = dp_buf_detach(&msg, NULL);
	if (sev == DP_SEV_ERROR)
		f->errors++;
}

void dp_findings_release(struct dp_findings *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->len; i++) {
		free(f->items[i].path);
		free(f->items[i].message);
	}
	free(f->items);
	f->items = NULL;
	f->len = f->alloc = f->errors = 0;
}

void dp_finding_format(struct dp_buf *out, const struct dp_finding *f)
{
	dp_buf_adds(out, f->path);
	if (f->line) {
		dp_buf_addf(out, ":%u", f->line);
		if (f->col)
			dp_buf_addf(out, ":%u", f->col);
	}
	dp_buf_addf(out, ": %s%s",
		    f->severity == DP_SEV_WARNING ? "warning: " : "",
		    f->message);
}
