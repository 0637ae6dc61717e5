/* SPDX-License-Identifier: MIT */
/*
 * Scalars: how YAML 1.2 and YAML 1.1 readers type a plain scalar, when
 * text must be quoted to survive both, how a scalar is written, and the
 * canonical text of numbers. Matching is by hand, one small function per
 * pattern of the two specifications (and PyYAML's resolver for 1.1).
 */
#include "devplan/scalar.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

/* ---- small matchers: each returns the end of what it matched ---- */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/*
 * Character classes of the matchers' sets, so a set is a bit mask
 * rather than a string strspn() scans for every character.
 */
#define C_DIG 0x01u   /* 0-9 */
#define C_OCT 0x02u   /* 0-7 */
#define C_BIN 0x04u   /* 0-1 */
#define C_HEXL 0x08u  /* a-f A-F */
#define C_UND 0x10u   /* _ */
#define C_BLANK 0x20u /* space, tab */

#define DIGITS C_DIG
#define HEX (C_DIG | C_HEXL)

static unsigned char_class(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return C_DIG | (c <= '7' ? C_OCT : 0u) |
		       (c <= '1' ? C_BIN : 0u);
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return C_HEXL;
	if (c == '_')
		return C_UND;
	if (c == ' ' || c == '\t')
		return C_BLANK;
	return 0;
}

/* Skips characters of the classes `set`; *n gets how many. */
static const char *span(const char *p, unsigned set, size_t *n)
{
	size_t k = 0;

	while (char_class((unsigned char)p[k]) & set)
		k++;
	if (n)
		*n = k;
	return p + k;
}

static const char *skip_sign(const char *p)
{
	return *p == '+' || *p == '-' ? p + 1 : p;
}

static int one_of(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (s[0] == words[i][0] && !strcmp(s, words[i]))
			return 1;
	return 0;
}

static const char *const nulls[] = { "", "~", "null", "Null", "NULL", NULL };
static const char *const bools12[] = { "true",  "True",  "TRUE", "false",
				       "False", "FALSE", NULL };
static const char *const bools11[] = {
	"y",  "Y",  "yes",  "Yes",  "YES",  "n",     "N",     "no",
	"No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
	"on", "On", "ON",   "off",  "Off",  "OFF",   NULL,
};
static const char *const infs[] = { ".inf", ".Inf", ".INF", NULL };
static const char *const nans[] = { ".nan", ".NaN", ".NAN", NULL };

/* [eE][-+]?[0-9]+ (the sign required when `sign`), or nothing. */
static const char *exponent(const char *p, int sign)
{
	const char *q;
	size_t n;

	if (*p != 'e' && *p != 'E')
		return p;
	q = p + 1;
	if (*q == '+' || *q == '-')
		q++;
	else if (sign)
		return p;
	q = span(q, DIGITS, &n);
	return n ? q : p;
}

static int int12(const char *s)
{
	size_t n;

	if ((s[0] == '0' && s[1] == 'o'))
		return *span(s + 2, C_OCT, &n) == '\0' && n;
	if ((s[0] == '0' && s[1] == 'x'))
		return *span(s + 2, HEX, &n) == '\0' && n;
	return *span(skip_sign(s), DIGITS, &n) == '\0' && n;
}

static int float12(const char *s)
{
	const char *p = skip_sign(s);
	size_t whole, frac = 0;
	int dot = 0;

	if (one_of(p, infs) || one_of(s, nans))
		return 1;
	p = span(p, DIGITS, &whole);
	if (*p == '.') {
		dot = 1;
		p = span(p + 1, DIGITS, &frac);
	}
	if (!whole && !(dot && frac))
		return 0;
	return *exponent(p, 0) == '\0';
}

/* (:[0-5]?[0-9])+ */
static const char *sexagesimal(const char *p)
{
	const char *start = p;

	while (*p == ':' && is_digit((unsigned char)p[1])) {
		if (is_digit((unsigned char)p[2])) {
			if (p[1] > '5')
				break;
			p += 3;
		} else {
			p += 2;
		}
	}
	return p > start ? p : start;
}

static int int11(const char *s)
{
	const char *p = skip_sign(s), *q;
	size_t n;

	if (p[0] == '0' && p[1] == 'b')
		return *span(p + 2, C_BIN | C_UND, &n) == '\0' && n;
	if (p[0] == '0' && p[1] == 'x')
		return *span(p + 2, HEX | C_UND, &n) == '\0' && n;
	if (p[0] == '0')
		return *span(p + 1, C_OCT | C_UND, NULL) == '\0';
	if (p[0] < '1' || p[0] > '9')
		return 0;
	q = span(p + 1, DIGITS | C_UND, NULL);
	if (!*q)
		return 1;
	q = sexagesimal(q);
	return *q == '\0' && q[-1] != '_';
}

static int float11(const char *s)
{
	const char *p = skip_sign(s), *q;

	if (one_of(p, infs) || one_of(s, nans))
		return 1;
	if (*p == '.') { /* \.[0-9_]+ with an optional exponent */
		size_t n;

		q = span(p + 1, DIGITS | C_UND, &n);
		return n && *exponent(q, 1) == '\0';
	}
	if (!is_digit((unsigned char)*p))
		return 0;
	q = span(p, DIGITS | C_UND, NULL);
	if (*q == ':') {
		q = sexagesimal(q);
		if (*q != '.')
			return 0;
		return *span(q + 1, DIGITS | C_UND, NULL) == '\0';
	}
	if (*q != '.')
		return 0;
	q = span(q + 1, DIGITS | C_UND, NULL);
	return *exponent(q, 1) == '\0';
}

/* [0-9]{lo,hi} */
static const char *digits(const char *p, size_t lo, size_t hi)
{
	size_t n = 0;

	while (n < hi && is_digit((unsigned char)p[n]))
		n++;
	return n >= lo ? p + n : NULL;
}

/* YAML 1.1's timestamp: 2027-06-30, 2001-12-14t21:59:43.10-05:00 ... */
static int timestamp(const char *s)
{
	const char *p = digits(s, 4, 4);

	if (!p || *p != '-' || !(p = digits(p + 1, 1, 2)) || *p != '-' ||
	    !(p = digits(p + 1, 1, 2)))
		return 0;
	if (!*p)
		return 1;
	if (*p == 'T' || *p == 't')
		p++;
	else if (*p == ' ' || *p == '\t')
		p = span(p, C_BLANK, NULL);
	else
		return 0;
	if (!(p = digits(p, 1, 2)) || *p != ':' || !(p = digits(p + 1, 2, 2)) ||
	    *p != ':' || !(p = digits(p + 1, 2, 2)))
		return 0;
	if (*p == '.')
		p = span(p + 1, DIGITS, NULL);
	p = span(p, C_BLANK, NULL);
	if (*p == 'Z')
		return p[1] == '\0';
	if (*p == '+' || *p == '-') {
		if (!(p = digits(p + 1, 1, 2)))
			return 0;
		if (*p == ':' && !(p = digits(p + 1, 2, 2)))
			return 0;
	}
	return *p == '\0';
}

/* ---- typing ---- */

/*
 * Can a YAML 1.2 matcher below (nulls, bools12, int12, float12,
 * timestamp) match a scalar starting with `c`? A quick way out for text.
 */
static int may_type12(unsigned char c)
{
	switch (c) {
	case '\0':
	case '~':
	case 'n':
	case 'N':
	case 't':
	case 'T':
	case 'f':
	case 'F':
	case '+':
	case '-':
	case '.':
		return 1;
	default:
		return is_digit(c);
	}
}

/* The same for YAML 1.1 (nulls, bools11, int11, float11, timestamp). */
static int may_type11(unsigned char c)
{
	switch (c) {
	case 'y':
	case 'Y':
	case 'o':
	case 'O':
		return 1;
	default:
		return may_type12(c);
	}
}

enum dp_scalar_type dp_scalar_type(const char *s, enum dp_style style)
{
	if (style != DP_STYLE_PLAIN || !may_type12((unsigned char)s[0]))
		return DP_SCALAR_STR;
	if (one_of(s, nulls))
		return DP_SCALAR_NULL;
	if (one_of(s, bools12))
		return DP_SCALAR_BOOL;
	if (int12(s))
		return DP_SCALAR_INT;
	if (float12(s))
		return DP_SCALAR_FLOAT;
	if (timestamp(s))
		return DP_SCALAR_DATE;
	return DP_SCALAR_STR;
}

enum dp_scalar_type dp_scalar_type11(const char *s)
{
	if (!may_type11((unsigned char)s[0]))
		return DP_SCALAR_STR;
	if (one_of(s, nulls))
		return DP_SCALAR_NULL;
	if (one_of(s, bools11))
		return DP_SCALAR_BOOL;
	if (int11(s))
		return DP_SCALAR_INT;
	if (float11(s))
		return DP_SCALAR_FLOAT;
	if (timestamp(s))
		return DP_SCALAR_DATE;
	return DP_SCALAR_STR;
}

static int tag_is(const char *tag, const char *name)
{
	return !strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) &&
	       !strcmp(tag + strlen(TAG_PREFIX), name);
}

int dp_scalar_tag_check(const char *tag, const char *s)
{
	enum dp_scalar_type t;

	if (!tag || tag_is(tag, "str"))
		return 0;
	t = dp_scalar_type(s, DP_STYLE_PLAIN);
	if (tag_is(tag, "null"))
		return t == DP_SCALAR_NULL ? 0 : -1;
	if (tag_is(tag, "bool"))
		return t == DP_SCALAR_BOOL ? 0 : -1;
	if (tag_is(tag, "int"))
		return t == DP_SCALAR_INT ? 0 : -1;
	if (tag_is(tag, "float"))
		return t == DP_SCALAR_FLOAT || t == DP_SCALAR_INT ? 0 : -1;
	return -1; /* !!seq or !!map on a scalar */
}

enum dp_scalar_type dp_node_scalar_type(const struct dp_node *n)
{
	if (!n || n->type != DP_SCALAR)
		return DP_SCALAR_STR;
	if (n->tag) {
		if (tag_is(n->tag, "null"))
			return DP_SCALAR_NULL;
		if (tag_is(n->tag, "bool"))
			return DP_SCALAR_BOOL;
		if (tag_is(n->tag, "int"))
			return DP_SCALAR_INT;
		if (tag_is(n->tag, "float"))
			return DP_SCALAR_FLOAT;
		return DP_SCALAR_STR;
	}
	return dp_scalar_type(n->str, n->style);
}

/* "<<" (merge) and "=" (value) are YAML 1.1 types of their own. */
static int special11(const char *s)
{
	return (s[0] == '<' && !strcmp(s, "<<")) ||
	       (s[0] == '=' && !strcmp(s, "="));
}

int dp_scalar_ambiguous(const char *s)
{
	return dp_scalar_type(s, DP_STYLE_PLAIN) != DP_SCALAR_STR ||
	       dp_scalar_type11(s) != DP_SCALAR_STR || special11(s);
}

/* ---- quoting ---- */

size_t dp_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c;
	size_t n, i;

	if (!len)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* Characters that need escaping: controls, C1, BOM, line separators. */
static int nonprintable(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
	       c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0xFFFE ||
	       c == 0xFFFF;
}

int dp_scalar_has_nonprintable(const char *s, const char *allowed)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	uint32_t c;

	while (i < len) {
		n = dp_utf8_decode(p + i, len - i, &c);
		if (!n)
			return 1;
		if (nonprintable(c) &&
		    !(c && c < 0x80 && strchr(allowed, (int)c)))
			return 1;
		i += n;
	}
	return 0;
}

/* Special words in any case ("yEs", "NuLL"): some reader may fold case. */
static int special_word(const char *s)
{
	static const char *const words[] = {
		"y",   "n",    "yes",   "no",    "true", "false",
		"on",  "off",  "null",  "~",     "nan",  ".nan",
		"inf", ".inf", "-.inf", "+.inf", "=",    "<<",
	};
	size_t i, j, len = strlen(s);

	for (i = 0; i < DP_ARRAY_SIZE(words); i++) {
		if (strlen(words[i]) != len)
			continue;
		for (j = 0; j < len; j++) {
			char c = s[j];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != words[i][j])
				break;
		}
		if (j == len)
			return 1;
	}
	return 0;
}

/*
 * Starts like a number and holds only characters of numbers, dates and
 * times ("1st", "1,000", "3-4"): some reader may take it for one.
 */
static int looks_numeric(const char *s)
{
	const char *p = skip_sign(s);

	if (!(is_digit((unsigned char)*p) ||
	      (*p == '.' && is_digit((unsigned char)p[1]))))
		return 0;
	if (digits(s, 4, 4) && s[4] == '-')
		return 1; /* a date or a timestamp */
	for (; *p; p++)
		if (!(is_digit((unsigned char)*p) || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || strchr("._:+-,", *p)))
			return 0;
	return 1;
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int dp_scalar_plain_syntax_ok(const char *s, int flow)
{
	size_t len = strlen(s);

	if (!len || is_ws((unsigned char)s[0]) ||
	    is_ws((unsigned char)s[len - 1]))
		return 0;
	if (dp_scalar_has_nonprintable(s, ""))
		return 0;
	if (strstr(s, ": ") || strstr(s, " #") || s[len - 1] == ':')
		return 0;
	if (strchr("#&*!|>'\"%@`[]{},", s[0]))
		return 0;
	if (strchr("-?:", s[0]) && (len == 1 || s[1] == ' ' || s[1] == '\t'))
		return 0;
	if (flow && strpbrk(s, ",[]{}"))
		return 0;
	return 1;
}

int dp_scalar_needs_quotes(const char *s, int flow)
{
	if (!dp_scalar_plain_syntax_ok(s, flow))
		return 1;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return 1;
	return special_word(s) || looks_numeric(s) || dp_scalar_ambiguous(s);
}

/* ---- writing ---- */

static void put_double(struct dp_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;
	uint32_t c;

	dp_buf_addch(b, '"');
	while (i < len) {
		n = dp_utf8_decode(p + i, len - i, &c);
		if (!n) { /* not reached: values are checked first */
			i++;
			continue;
		}
		switch (c) {
		case '"':
			dp_buf_adds(b, "\\\"");
			break;
		case '\\':
			dp_buf_adds(b, "\\\\");
			break;
		case '\n':
			dp_buf_adds(b, "\\n");
			break;
		case '\t':
			dp_buf_adds(b, "\\t");
			break;
		case '\r':
			dp_buf_adds(b, "\\r");
			break;
		case 0x2028:
			dp_buf_adds(b, "\\L");
			break;
		case 0x2029:
			dp_buf_adds(b, "\\P");
			break;
		default:
			if (c <= 0xFF && nonprintable(c))
				dp_buf_addf(b, "\\x%02X", (unsigned)c);
			else if (nonprintable(c))
				dp_buf_addf(b, "\\u%04X", (unsigned)c);
			else
				dp_buf_add(b, p + i, n);
			break;
		}
		i += n;
	}
	dp_buf_addch(b, '"');
}

static void put_single(struct dp_buf *b, const char *s)
{
	dp_buf_addch(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			dp_buf_addch(b, '\'');
		dp_buf_addch(b, *s);
	}
	dp_buf_addch(b, '\'');
}

int dp_scalar_write(struct dp_buf *out, const char *s, int typed,
		    enum dp_style style, int flow)
{
	if (typed) {
		if (!dp_scalar_plain_syntax_ok(s, flow))
			return -1;
		dp_scalar_canonical(out, s);
	} else if (style == DP_STYLE_DOUBLE) {
		put_double(out, s);
	} else if (style == DP_STYLE_SINGLE &&
		   !dp_scalar_has_nonprintable(s, "\t")) {
		put_single(out, s);
	} else if (style != DP_STYLE_SINGLE &&
		   !dp_scalar_needs_quotes(s, flow)) {
		dp_buf_adds(out, s);
	} else {
		put_double(out, s);
	}
	return 0;
}

/* ---- numbers ---- */

/* dp_buf_addf(out, "%ld", v) without printf, which is slow. */
static void add_long(struct dp_buf *out, long v)
{
	char d[24];
	size_t n = sizeof(d);
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		d[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		d[--n] = '-';
	dp_buf_add(out, d + n, sizeof(d) - n);
}

int dp_scalar_canonical_int(struct dp_buf *out, const char *s, long *value_out)
{
	const char *p = skip_sign(s);
	char *end;
	size_t n;
	long v;

	if (*span(p, DIGITS, &n) || !n)
		return -1;
	errno = 0;
	v = strtol(s[0] == '+' ? s + 1 : s, &end, 10);
	if (errno || *end)
		return -1;
	add_long(out, v);
	if (value_out)
		*value_out = v;
	return 0;
}

int dp_scalar_canonical_float(struct dp_buf *out, const char *s,
			      double *value_out)
{
	struct dp_buf text = DP_BUF_INIT;
	const char *p = skip_sign(s);
	size_t whole, frac = 0;
	char *end, *e;
	double v;
	long prec, exp10;
	int ret = -1;

	p = span(p, DIGITS, &whole);
	if (*p == '.')
		p = span(p + 1, DIGITS, &frac);
	if ((!whole && !frac) || *exponent(p, 0))
		goto out;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v))
		goto out;
	/* the fewest digits that read back as the same double */
	for (prec = 1;; prec++) {
		dp_buf_reset(&text);
		dp_buf_addf(&text, "%.*e", (int)prec - 1, v);
		if (prec == 17 || strtod(text.ptr, NULL) == v)
			break;
	}
	/* positional unless the exponent is far out: 1000.0, 0.001, 1.0e+20 */
	exp10 = strtol(strchr(text.ptr, 'e') + 1, NULL, 10);
	dp_buf_reset(&text);
	if (exp10 >= -5 && exp10 < 17)
		dp_buf_addf(&text, "%.*f",
			    prec - 1 - exp10 > 0 ? (int)(prec - 1 - exp10) : 0,
			    v);
	else
		dp_buf_addf(&text, "%.*g", (int)prec, v);
	/* YAML 1.1 floats need a '.', and a sign in the exponent (%g's) */
	e = strchr(text.ptr, 'e');
	if (!strchr(text.ptr, '.'))
		dp_buf_splice(&text, e ? (size_t)(e - text.ptr) : text.len, 0,
			      ".0", 2);
	dp_buf_adds(out, text.ptr);
	if (value_out)
		*value_out = v;
	ret = 0;
out:
	dp_buf_release(&text);
	return ret;
}

void dp_scalar_canonical(struct dp_buf *out, const char *s)
{
	if (dp_scalar_canonical_int(out, s, NULL) < 0 &&
	    dp_scalar_canonical_float(out, s, NULL) < 0)
		dp_buf_adds(out, s);
}

int dp_scalar_int_value(const char *s, long long *value_out)
{
	const char *p = s;
	int base = 10;
	char *end;
	long long v;

	if (!int12(s))
		return -1;
	if (s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
		base = s[1] == 'o' ? 8 : 16;
		p = s + 2;
	} else if (*p == '+') {
		p++;
	}
	errno = 0;
	v = strtoll(p, &end, base);
	if (errno || *end)
		return -1;
	*value_out = v;
	return 0;
}
