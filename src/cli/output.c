/* SPDX-License-Identifier: MIT */
/* Terminal output: colour, the pager, aligned tables, errors, JSON. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/json.h"
#include "devplan/banned.h"

int dp_want_color(FILE *fp)
{
	const char *term = getenv("TERM");
	const char *nc = getenv("NO_COLOR");

	if (nc && *nc)
		return 0;
	if (term && !strcmp(term, "dumb"))
		return 0;
	return isatty(fileno(fp));
}

static pid_t pager_pid = -1;
static struct dp_store *pager_store;

void dp_pager_use_store(struct dp_store *st)
{
	pager_store = st;
}

/*
 * The pager command like git's: DEVPLAN_PAGER, core.pager, PAGER, less.
 * The first one set decides; an empty one or "cat" means no pager.
 * Returns NULL for no pager; `buf` holds core.pager's value.
 */
static const char *pager_command(struct dp_buf *buf)
{
	const char *pager = getenv("DEVPLAN_PAGER");

	if (!pager && pager_store &&
	    dp_store_config_get(buf, pager_store, "core.pager") == 0)
		pager = buf->ptr;
	dp_error_clear();
	if (!pager)
		pager = getenv("PAGER");
	if (!pager)
		pager = "less";
	if (!*pager || !strcmp(pager, "cat"))
		return NULL;
	return pager;
}

void dp_pager_start(void)
{
	struct dp_buf buf = DP_BUF_INIT;
	const char *pager;
	int fds[2];
	pid_t pid;

	if (!isatty(STDOUT_FILENO) || pager_pid != -1)
		return;
	pager = pager_command(&buf);
	if (!pager || pipe(fds) < 0)
		goto out;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		goto out;
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		if (!getenv("LV"))
			setenv("LV", "-c", 1);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	dup2(fds[1], STDOUT_FILENO);
	close(fds[0]);
	close(fds[1]);
	pager_pid = pid;
	signal(SIGPIPE, SIG_IGN);
out:
	dp_buf_release(&buf);
}

void dp_pager_finish(void)
{
	int status;

	if (pager_pid == -1)
		return;
	fflush(stdout);
	fclose(stdout);
	close(STDOUT_FILENO);
	while (waitpid(pager_pid, &status, 0) < 0 && errno == EINTR)
		;
	pager_pid = -1;
}

/* "devplan: <label>: <message>" on stderr, the message escaped. */
static void vmessage(const char *label, const char *fmt, va_list ap)
{
	struct dp_buf msg = DP_BUF_INIT, line = DP_BUF_INIT;

	dp_buf_vaddf(&msg, fmt, ap);
	dp_buf_addf(&line, "devplan: %s: ", label);
	dp_term_escape(&line, msg.ptr);
	dp_buf_addch(&line, '\n');
	fflush(stdout);
	fputs(line.ptr, stderr);
	dp_buf_release(&msg);
	dp_buf_release(&line);
}

void dp_errorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("error", fmt, ap);
	va_end(ap);
}

void dp_warnf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("warning", fmt, ap);
	va_end(ap);
}

int dp_fail(int code)
{
	const char *msg = dp_error_last();

	dp_errorf("%s", *msg ? msg : "unknown failure");
	return dp_error_exit_code(code);
}

void dp_print_findings_to(FILE *fp, const struct dp_findings *f)
{
	struct dp_buf raw = DP_BUF_INIT, line = DP_BUF_INIT;

	fflush(stdout);
	for (size_t i = 0; i < f->len; i++) {
		dp_buf_reset(&raw);
		dp_buf_reset(&line);
		dp_finding_format(&raw, &f->items[i]);
		dp_term_escape(&line, raw.ptr);
		dp_buf_addch(&line, '\n');
		fwrite(line.ptr, 1, line.len, fp);
	}
	dp_buf_release(&raw);
	dp_buf_release(&line);
}

void dp_print_findings(const struct dp_findings *f)
{
	dp_print_findings_to(stderr, f);
}

static int wide(unsigned long c)
{
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
	       (c >= 0x20000 && c <= 0x3FFFD);
}

size_t dp_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		unsigned long c = *p;
		int extra = 0;

		if (c == 0x1B && p[1] == '[') { /* skip SGR colour codes */
			p += 2;
			while (*p && *p != 'm')
				p++;
			if (*p)
				p++;
			continue;
		}
		if (c >= 0xF0) {
			c &= 0x07;
			extra = 3;
		} else if (c >= 0xE0) {
			c &= 0x0F;
			extra = 2;
		} else if (c >= 0xC0) {
			c &= 0x1F;
			extra = 1;
		}
		p++;
		while (extra-- > 0 && (*p & 0xC0) == 0x80)
			c = (c << 6) | (*p++ & 0x3F);
		if (c >= 0x0300 && c <= 0x036F)
			continue; /* combining marks */
		w += wide(c) ? 2 : 1;
	}
	return w;
}

/*
 * Decodes one UTF-8 character at `p` (strict: no overlong forms, no
 * surrogates, nothing above U+10FFFF). Returns its length in bytes and
 * sets *cp, or 0 when the bytes at `p` are not valid UTF-8.
 */
static size_t utf8_decode(const unsigned char *p, unsigned long *cp)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len;
	unsigned long c;

	if (*p < 0x80) {
		*cp = *p;
		return 1;
	}
	if (*p >= 0xC2 && *p <= 0xDF) {
		len = 2;
		c = *p & 0x1F;
	} else if (*p >= 0xE0 && *p <= 0xEF) {
		len = 3;
		c = *p & 0x0F;
		if (*p == 0xE0)
			lo = 0xA0;
		else if (*p == 0xED)
			hi = 0x9F;
	} else if (*p >= 0xF0 && *p <= 0xF4) {
		len = 4;
		c = *p & 0x07;
		if (*p == 0xF0)
			lo = 0x90;
		else if (*p == 0xF4)
			hi = 0x8F;
	} else {
		return 0;
	}
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	*cp = c;
	return len;
}

/*
 * Appends one unit of `*sp` (a character, or the escape of a control
 * character or of an invalid byte) to `out`, advances `*sp` past it and
 * returns its width in columns.
 */
static size_t escape_unit(struct dp_buf *out, const char **sp)
{
	const unsigned char *p = (const unsigned char *)*sp;
	unsigned long c;
	size_t len = utf8_decode(p, &c), before = out->len;
	static const char named[] = "\a\b\t\n\v\f\r\033";
	static const char names[] = "abtnvfre";
	const char *n;

	if (!len) { /* not UTF-8: the byte, visibly */
		dp_buf_addf(out, "\\x%02x", *p);
		*sp += 1;
		return out->len - before;
	}
	*sp += len;
	if (c < 0x20 && c && (n = strchr(named, (int)c)) != NULL)
		dp_buf_addf(out, "\\%c", names[n - named]);
	else if (c < 0x20 || c == 0x7F)
		dp_buf_addf(out, "\\x%02lx", c);
	else if ((c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
		 (c >= 0x2066 && c <= 0x2069))
		/* C1 controls (0x9b is CSI) and bidirectional overrides */
		dp_buf_addf(out, "\\u{%lx}", c);
	else {
		dp_buf_add(out, p, len);
		if (c >= 0x0300 && c <= 0x036F)
			return 0; /* combining marks */
		return wide(c) ? 2 : 1;
	}
	return out->len - before;
}

void dp_term_escape(struct dp_buf *out, const char *s)
{
	while (s && *s)
		escape_unit(out, &s);
}

size_t dp_term_escape_width(struct dp_buf *out, const char *s, size_t max)
{
	struct dp_buf full = DP_BUF_INIT;
	const char *p = s;
	size_t w = 0, uw;

	while (p && *p)
		w += escape_unit(&full, &p);
	if (!max || w <= max) {
		dp_buf_add(out, full.ptr, full.len);
		goto out;
	}
	/* Too wide: whole units up to max - 1 columns, then "…". */
	w = 0;
	p = s;
	for (;;) {
		size_t len = out->len;

		uw = escape_unit(out, &p);
		if (w + uw > max - 1) {
			dp_buf_setlen(out, len);
			break;
		}
		w += uw;
	}
	dp_buf_adds(out, "\xe2\x80\xa6");
	w++;
out:
	dp_buf_release(&full);
	return w;
}

void dp_term_puts(FILE *fp, const char *s)
{
	struct dp_buf line = DP_BUF_INIT;

	dp_term_escape(&line, s);
	dp_buf_addch(&line, '\n');
	fflush(stdout);
	fwrite(line.ptr, 1, line.len, fp);
	dp_buf_release(&line);
}

void dp_print_text(FILE *fp, const char *s, size_t len)
{
	if (!isatty(fileno(fp)) && !(fp == stdout && pager_pid != -1)) {
		fwrite(s, 1, len, fp);
		return;
	}
	dp_print_escaped(fp, s, len);
}

void dp_print_escaped(FILE *fp, const char *s, size_t len)
{
	struct dp_buf copy = DP_BUF_INIT, out = DP_BUF_INIT;
	const char *p, *end;

	dp_buf_add(&copy, s, len); /* NUL-terminated: escape_unit reads ahead */
	for (p = copy.ptr, end = copy.ptr + copy.len; p < end;) {
		if (*p == '\n' || *p == '\t')
			dp_buf_addch(&out, *p++);
		else
			escape_unit(&out, &p); /* a NUL byte becomes \x00 */
	}
	fwrite(out.ptr, 1, out.len, fp);
	dp_buf_release(&copy);
	dp_buf_release(&out);
}

void dp_table_init(struct dp_table *t, size_t cols)
{
	t->cols = cols;
	t->cells = (struct dp_strlist)DP_STRLIST_INIT;
	t->colors = (struct dp_strlist)DP_STRLIST_INIT;
	t->max_width = dp_xcalloc(cols, sizeof(*t->max_width));
}

void dp_table_add(struct dp_table *t, const char *cell)
{
	dp_table_add_color(t, NULL, cell);
}

void dp_table_add_color(struct dp_table *t, const char *color, const char *cell)
{
	dp_strlist_push(&t->cells, cell ? cell : "");
	dp_strlist_push(&t->colors, color ? color : "");
}

void dp_table_set_max_width(struct dp_table *t, size_t col, size_t width)
{
	if (col < t->cols)
		t->max_width[col] = width;
}

void dp_table_print(const struct dp_table *t, FILE *fp)
{
	size_t n = t->cells.len;
	size_t *width = dp_xcalloc(t->cols, sizeof(*width));
	size_t *cw = dp_xcalloc(n ? n : 1, sizeof(*cw));
	struct dp_buf *shown = dp_xcalloc(n ? n : 1, sizeof(*shown));

	for (size_t i = 0; i < n; i++) {
		size_t col = i % t->cols;

		shown[i] = (struct dp_buf)DP_BUF_INIT;
		cw[i] = dp_term_escape_width(&shown[i], t->cells.items[i],
					     t->max_width[col]);
		if (cw[i] > width[col])
			width[col] = cw[i];
	}
	for (size_t i = 0; i < n; i++) {
		size_t col = i % t->cols;
		const char *color = t->colors.items[i];

		if (*color)
			fprintf(fp, "\033[%sm%s\033[m", color, shown[i].ptr);
		else
			fputs(shown[i].ptr, fp);
		if (col + 1 == t->cols || i + 1 == n) {
			fputc('\n', fp);
			continue;
		}
		for (size_t pad = cw[i]; pad < width[col] + 2; pad++)
			fputc(' ', fp);
	}
	for (size_t i = 0; i < n; i++)
		dp_buf_release(&shown[i]);
	free(shown);
	free(cw);
	free(width);
}

void dp_buf_add_safe(struct dp_buf *out, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\n')
			dp_buf_adds(out, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			dp_buf_addf(out, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			dp_buf_addf(out, "\\x%02x", *++p); /* C1 controls */
		else
			dp_buf_addch(out, *p);
	}
}

void dp_table_add_text(struct dp_table *t, const char *text)
{
	struct dp_buf b = DP_BUF_INIT;

	dp_buf_add_safe(&b, text ? text : "");
	dp_table_add(t, b.ptr ? b.ptr : "");
	dp_buf_release(&b);
}

size_t dp_term_width(void)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;
	long v;

	if (cols && dp_parse_long(cols, 20, 10000, &v) == 0)
		return (size_t)v;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

void dp_table_release(struct dp_table *t)
{
	dp_strlist_release(&t->cells);
	dp_strlist_release(&t->colors);
	free(t->max_width);
	t->max_width = NULL;
}

void dp_json_print(void *root)
{
	dp_json_dumpf(stdout, root, 0);
}
