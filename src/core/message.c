/* SPDX-License-Identifier: MIT */
/* Commit messages: subjects and trailers, built and parsed. */
#include "devplan/message.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/banned.h"

void dp_msg_release(struct dp_msg *m)
{
	if (!m)
		return;
	dp_buf_release(&m->subject);
	dp_buf_release(&m->body);
	dp_strlist_release(&m->trailers);
}

void dp_msg_fold(struct dp_buf *out, const char *s)
{
	int space = out->len && out->ptr[out->len - 1] == ' ';

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == ' ') {
			if (!space && out->len)
				dp_buf_addch(out, ' ');
			space = 1;
			continue;
		}
		dp_buf_addch(out, *p);
		space = 0;
	}
}

void dp_msg_subjectf(struct dp_msg *m, const char *fmt, ...)
{
	struct dp_buf tmp = DP_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dp_buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	dp_msg_fold(&m->subject, tmp.ptr);
	dp_buf_release(&tmp);
}

void dp_msg_subject_title(struct dp_msg *m, const char *title)
{
	struct dp_buf tmp = DP_BUF_INIT;

	dp_msg_fold(&tmp, title ? title : "");
	while (tmp.len && tmp.ptr[tmp.len - 1] == ' ')
		dp_buf_setlen(&tmp, tmp.len - 1);
	dp_buf_addf(&m->subject, "\"%s\"", tmp.ptr + (tmp.ptr[0] == ' '));
	dp_buf_release(&tmp);
}

void dp_msg_subject_prefix(struct dp_msg *m, const struct dp_ref *ref)
{
	switch (ref->kind) {
	case DP_KIND_GOAL:
		dp_buf_addf(&m->subject, "goal(%s)", ref->person);
		break;
	case DP_KIND_PROFILE:
		dp_buf_addf(&m->subject, "person(%s)", ref->person);
		break;
	case DP_KIND_ROLE:
		dp_buf_addf(&m->subject, "role(%s)", ref->name);
		break;
	case DP_KIND_COMPETENCIES:
		dp_buf_adds(&m->subject, "framework");
		break;
	case DP_KIND_CONFIG:
		dp_buf_adds(&m->subject, "config");
		break;
	default:
		if (ref->person[0])
			dp_buf_addf(&m->subject, "%s(%s)",
				    dp_kind_name(ref->kind), ref->person);
		else
			dp_buf_adds(&m->subject, "record");
		break;
	}
}

void dp_msg_add_trailer(struct dp_msg *m, const char *key, const char *value)
{
	struct dp_buf line = DP_BUF_INIT;

	dp_buf_addf(&line, "%s: ", key);
	dp_msg_fold(&line, value ? value : "");
	dp_strlist_push(&m->trailers, line.ptr);
	dp_buf_release(&line);
}

void dp_msg_add_record(struct dp_msg *m, const struct dp_ref *ref)
{
	struct dp_strlist rest = m->trailers;

	/* The record's trailers come first: they say what the commit is. */
	m->trailers = (struct dp_strlist)DP_STRLIST_INIT;
	if (ref->person[0])
		dp_msg_add_trailer(m, DP_TRAILER_PERSON, ref->person);
	dp_msg_add_trailer(m, DP_TRAILER_RECORD, ref->path);
	for (size_t i = 0; i < rest.len; i++)
		dp_strlist_push(&m->trailers, rest.items[i]);
	dp_strlist_release(&rest);
}

const char *dp_msg_trailer(const struct dp_msg *m, const char *key)
{
	size_t len = strlen(key);

	for (size_t i = 0; i < m->trailers.len; i++) {
		const char *t = m->trailers.items[i];

		if (!strncmp(t, key, len) && t[len] == ':')
			return t + len + 1 + (t[len + 1] == ' ');
	}
	return NULL;
}

/*
 * Appends `len` bytes of body text with every control character but
 * newline and tab (C0, DEL, and C1 as UTF-8) written as a visible
 * "\xNN": record text and notes are untrusted, and git log shows the
 * message raw on a terminal.
 */
static void add_clean(struct dp_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			dp_buf_addf(out, "\\x%02x", c);
		} else if (c == 0xc2 && i + 1 < len &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9f) {
			dp_buf_addf(out, "\\u%04x", (unsigned char)s[++i]);
		} else {
			dp_buf_addch(out, c);
		}
	}
}

void dp_msg_format(struct dp_buf *out, const struct dp_msg *m)
{
	add_clean(out, m->subject.ptr, m->subject.len);
	dp_buf_addch(out, '\n');
	if (m->body.len) {
		dp_buf_addch(out, '\n');
		add_clean(out, m->body.ptr, m->body.len);
		if (out->ptr[out->len - 1] != '\n')
			dp_buf_addch(out, '\n');
	}
	if (m->trailers.len)
		dp_buf_addch(out, '\n');
	for (size_t i = 0; i < m->trailers.len; i++) {
		add_clean(out, m->trailers.items[i],
			  strlen(m->trailers.items[i]));
		dp_buf_addch(out, '\n');
	}
}

/* 1 if the line [p, end) reads "Key: value" with a token key. */
static int is_trailer(const char *p, const char *end)
{
	const char *q = p;

	while (q < end &&
	       (*q == '-' || (*q >= 'a' && *q <= 'z') ||
		(*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9')))
		q++;
	return q > p && q < end && *q == ':';
}

void dp_msg_parse(struct dp_msg *out, const char *text)
{
	const char *nl = strchr(text, '\n');
	const char *rest, *last, *end, *p;
	int all = 1;

	dp_buf_add(&out->subject, text,
		   nl ? (size_t)(nl - text) : strlen(text));
	if (!nl)
		return;
	rest = nl + 1;
	while (*rest == '\n')
		rest++;
	end = rest + strlen(rest);
	while (end > rest && end[-1] == '\n')
		end--;
	/* The last paragraph: after the last blank line. */
	last = rest;
	for (p = rest; p + 1 < end; p++)
		if (p[0] == '\n' && p[1] == '\n')
			last = p + 2;
	for (p = last; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		if (!e)
			e = end;
		if (!is_trailer(p, e))
			all = 0;
		p = e + 1;
	}
	if (!all || last == end)
		last = end;
	for (p = last; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		char *line;

		if (!e)
			e = end;
		line = dp_xstrndup(p, (size_t)(e - p));
		dp_strlist_push(&out->trailers, line);
		free(line);
		p = e + 1;
	}
	p = last;
	while (p > rest && p[-1] == '\n')
		p--;
	if (p > rest) {
		dp_buf_add(&out->body, rest, (size_t)(p - rest));
		dp_buf_addch(&out->body, '\n');
	}
}
