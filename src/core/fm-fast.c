/* SPDX-License-Identifier: MIT */
/*
 * The front matter that devplan itself writes, read without libyaml
 * (fm-fast.h): a line at a time, in a strict subset of YAML where every
 * event and its position are plain to see. Anything else, down to a tab,
 * a byte past ASCII or a colon inside a value, is refused at once, and
 * fm.c hands the text to libyaml as before; nothing is half-read. The
 * events are those libyaml gives for the same text, positions included
 * (tests/unit/fm.c compares the two on every input it has).
 *
 *   document   a block mapping at column 0; blank lines and lines that
 *              hold only a comment anywhere between
 *   entry      KEY ":" (" " VALUE)? comment?   with KEY [A-Za-z_][A-Za-z0-9_-]*
 *              no VALUE: a block mapping or a "- " list, indented more,
 *              follows on the next line
 *   list item  "- " (KEY ":" ... the first entry of a mapping | VALUE)
 *   VALUE      a plain scalar on one line (no ':', '#' only as a comment
 *              after a space, no brackets or braces, not starting with an
 *              indicator), "double-quoted" without '\', 'single-quoted'
 *              without a doubled quote, or [a, b] of plain words
 */
#include "fm-fast.h"

#include <string.h>

#include "devplan/fm.h"
#include "devplan/banned.h"

#define KEY_MAX 1000 /* libyaml looks no further than 1024 for a ':' */

struct scan {
	const char *y;
	size_t n;
	struct dp_fm_events *out;
	size_t indent[DP_FM_MAX_DEPTH];
	unsigned char is_map[DP_FM_MAX_DEPTH];
	int depth;
};

static int emit(struct scan *s, enum dp_fm_ev type, enum dp_fm_ev_style style,
		size_t start, size_t end, size_t vstart, size_t vlen)
{
	struct dp_fm_event *e;

	if (s->out->n == DP_FM_FAST_EVENTS)
		return -1;
	e = &s->out->ev[s->out->n++];
	e->type = type;
	e->style = style;
	e->start = start;
	e->end = end;
	e->vstart = vstart;
	e->vlen = vlen;
	return 0;
}

static int push(struct scan *s, int map, size_t indent, size_t at)
{
	if (s->depth == DP_FM_MAX_DEPTH)
		return -1;
	s->indent[s->depth] = indent;
	s->is_map[s->depth++] = (unsigned char)map;
	return emit(s, map ? DP_FM_EV_MAP : DP_FM_EV_SEQ, DP_FM_EV_BLOCK, at,
		    at, 0, 0);
}

static int pop(struct scan *s, size_t at)
{
	s->depth--;
	return emit(s, DP_FM_EV_END, DP_FM_EV_BLOCK, at, at, 0, 0);
}

static size_t eol(const struct scan *s, size_t p)
{
	const char *nl = memchr(s->y + p, '\n', s->n - p);

	return nl ? (size_t)(nl - s->y) : s->n;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int key_char(char c)
{
	return is_alnum(c) || c == '_' || c == '-';
}

/* The end of the key at `p` (at its ':'), or 0 when there is none. */
static size_t key_end(const struct scan *s, size_t p, size_t end)
{
	size_t k = p;

	if (!is_alpha(s->y[p]) && s->y[p] != '_')
		return 0;
	while (k < end && key_char(s->y[k]))
		k++;
	if (k == end || s->y[k] != ':' || k - p > KEY_MAX)
		return 0;
	if (k + 1 < end && s->y[k + 1] != ' ')
		return 0;
	return k;
}

/* After a value at `p`: nothing but blanks, maybe then a comment. */
static int rest_ok(const struct scan *s, size_t p, size_t end)
{
	size_t q = p;

	while (q < end && s->y[q] == ' ')
		q++;
	return q == end || (s->y[q] == '#' && q > p);
}

/* A quoted scalar at `p` ('"' or '\''), ending on its line. */
static int quoted(struct scan *s, size_t p, size_t end)
{
	char q = s->y[p];
	size_t i;

	for (i = p + 1; i < end && s->y[i] != q; i++)
		if (s->y[i] == '\\' && q == '"')
			return -1;
	/* A doubled '\'' inside is not for us: rest_ok() refuses it. */
	if (i == end)
		return -1;
	if (emit(s, DP_FM_EV_SCALAR,
		 q == '"' ? DP_FM_EV_DOUBLE : DP_FM_EV_SINGLE, p, i + 1, p + 1,
		 i - p - 1) < 0)
		return -1;
	return rest_ok(s, i + 1, end) ? 0 : -1;
}

static int word_first(char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == '/';
}

static int word_char(char c)
{
	return word_first(c) || c == '-' || c == '+';
}

/* [a, b-c, d.e] on one line. */
static int flow_list(struct scan *s, size_t p, size_t end)
{
	size_t i = p + 1;

	if (emit(s, DP_FM_EV_SEQ, DP_FM_EV_FLOW, p, p, 0, 0) < 0)
		return -1;
	while (i < end && s->y[i] == ' ')
		i++;
	if (i < end && s->y[i] != ']') {
		for (;;) {
			size_t w = i;

			if (i == end || !word_first(s->y[i]))
				return -1;
			while (i < end && word_char(s->y[i]))
				i++;
			if (emit(s, DP_FM_EV_SCALAR, DP_FM_EV_PLAIN, w, i, w,
				 i - w) < 0)
				return -1;
			while (i < end && s->y[i] == ' ')
				i++;
			if (i < end && s->y[i] == ',') {
				for (i++; i < end && s->y[i] == ' '; i++)
					;
				continue;
			}
			break;
		}
	}
	if (i == end || s->y[i] != ']')
		return -1;
	if (emit(s, DP_FM_EV_END, DP_FM_EV_FLOW, i, i + 1, 0, 0) < 0)
		return -1;
	return rest_ok(s, i + 1, end) ? 0 : -1;
}

static int plain_first(char c)
{
	return is_alnum(c) || c == '_' || c == '.' || c == '/' || c == '(' ||
	       c == '+' || c == '~' || c == '$';
}

/* A plain scalar from `p` to the end of the line or a comment. */
static int plain(struct scan *s, size_t p, size_t end)
{
	size_t i, last = p;

	if (!plain_first(s->y[p]))
		return -1;
	for (i = p; i < end; i++) {
		char c = s->y[i];

		if (c == '#') {
			if (s->y[i - 1] != ' ')
				return -1;
			break;
		}
		if (c < ' ' || c > '~' || c == ':' || c == '[' || c == ']' ||
		    c == '{' || c == '}')
			return -1;
		if (c != ' ')
			last = i + 1;
	}
	return emit(s, DP_FM_EV_SCALAR, DP_FM_EV_PLAIN, p, last, p, last - p);
}

static int value(struct scan *s, size_t p, size_t end)
{
	char c = s->y[p];

	if (c == '"' || c == '\'')
		return quoted(s, p, end);
	if (c == '[')
		return flow_list(s, p, end);
	return plain(s, p, end);
}

/*
 * The entry whose key starts at `p`; 1 when its value is a block that
 * the next lines hold, 0 when it was on the line, -1: not for us.
 */
static int entry(struct scan *s, size_t p, size_t end)
{
	size_t k = key_end(s, p, end), v;

	if (!k || emit(s, DP_FM_EV_SCALAR, DP_FM_EV_PLAIN, p, k, p, k - p) < 0)
		return -1;
	for (v = k + 1; v < end && s->y[v] == ' '; v++)
		;
	if (v == end || s->y[v] == '#')
		return 1;
	return value(s, v, end) < 0 ? -1 : 0;
}

/* The list item whose "-" is at `p`, on the line at `line`: as entry(). */
static int item(struct scan *s, size_t line, size_t p, size_t end)
{
	size_t v = p + 1;

	if (v == end || s->y[v] != ' ')
		return -1;
	while (v < end && s->y[v] == ' ')
		v++;
	if (v == end || s->y[v] == '#')
		return -1;
	if (key_end(s, v, end)) {
		if (push(s, 1, v - line, v) < 0)
			return -1;
		return entry(s, v, end);
	}
	return value(s, v, end) < 0 ? -1 : 0;
}

int dp_fm_fast_scan(const char *y, size_t n, struct dp_fm_events *out)
{
	struct scan s;
	size_t p = 0;
	int pending = 0; /* the last entry's value is the block to come */

	memset(&s, 0, sizeof(s));
	s.y = y;
	s.n = n;
	s.out = out;
	out->n = 0;
	for (size_t i = 0; i < n; i++)
		if ((y[i] < ' ' && y[i] != '\n') || y[i] > '~')
			return 0;
	while (p < n) {
		size_t end = eol(&s, p), q = p, ind;
		int r;

		while (q < end && y[q] == ' ')
			q++;
		if (q == end || y[q] == '#') {
			p = end + 1; /* blank, or only a comment */
			continue;
		}
		ind = q - p;
		if (pending) {
			if (s.depth && ind <= s.indent[s.depth - 1])
				return 0; /* an empty value, or "-" unindented */
			if (push(&s, y[q] != '-', ind, q) < 0)
				return 0;
			pending = 0;
		} else if (!s.depth) {
			if (ind || push(&s, 1, 0, q) < 0)
				return 0;
		} else {
			while (s.depth && ind < s.indent[s.depth - 1])
				if (pop(&s, q) < 0)
					return 0;
			if (!s.depth || ind != s.indent[s.depth - 1])
				return 0;
		}
		if (s.is_map[s.depth - 1])
			r = y[q] == '-' ? -1 : entry(&s, q, end);
		else
			r = y[q] == '-' ? item(&s, p, q, end) : -1;
		if (r < 0)
			return 0;
		pending = r;
		p = end + 1;
	}
	if (pending || !s.depth)
		return 0;
	while (s.depth)
		if (pop(&s, n) < 0)
			return 0;
	return 1;
}
