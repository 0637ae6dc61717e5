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

#include <jansson.h>

#include "cli.h"
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

void dp_pager_start(void)
{
	const char *pager = getenv("DEVPLAN_PAGER");
	int fds[2];
	pid_t pid;

	if (!isatty(STDOUT_FILENO) || pager_pid != -1)
		return;
	if (!pager)
		pager = getenv("PAGER");
	if (!pager || !*pager)
		pager = "less";
	if (!strcmp(pager, "cat"))
		return;
	if (pipe(fds) < 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
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

void dp_errorf(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("devplan: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void dp_warnf(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("devplan: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int dp_fail(int code)
{
	const char *msg = dp_error_last();

	dp_errorf("%s", *msg ? msg : "unknown failure");
	return dp_error_exit_code(code);
}

void dp_print_findings(const struct dp_findings *f)
{
	struct dp_buf line = DP_BUF_INIT;

	fflush(stdout);
	for (size_t i = 0; i < f->len; i++) {
		dp_buf_reset(&line);
		dp_finding_format(&line, &f->items[i]);
		fprintf(stderr, "%s\n", line.ptr);
	}
	dp_buf_release(&line);
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

void dp_table_init(struct dp_table *t, size_t cols)
{
	t->cols = cols;
	t->cells = (struct dp_strlist)DP_STRLIST_INIT;
}

void dp_table_add(struct dp_table *t, const char *cell)
{
	dp_strlist_push(&t->cells, cell ? cell : "");
}

void dp_table_print(const struct dp_table *t, FILE *fp)
{
	size_t *width = dp_xcalloc(t->cols, sizeof(*width));

	for (size_t i = 0; i < t->cells.len; i++) {
		size_t w = dp_text_width(t->cells.items[i]);

		if (w > width[i % t->cols])
			width[i % t->cols] = w;
	}
	for (size_t i = 0; i < t->cells.len; i++) {
		size_t col = i % t->cols;
		const char *cell = t->cells.items[i];

		fputs(cell, fp);
		if (col + 1 == t->cols || i + 1 == t->cells.len) {
			fputc('\n', fp);
			continue;
		}
		for (size_t pad = dp_text_width(cell); pad < width[col] + 2;
		     pad++)
			fputc(' ', fp);
	}
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
}

void dp_json_print(void *root)
{
	json_dumpf((json_t *)root, stdout,
		   JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
}
