/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_SCALAR_H
#define DEVPLAN_SCALAR_H

#include <stddef.h>
#include <stdint.h>

#include "devplan/buf.h"
#include "devplan/fm.h"

/*
 * How a YAML scalar is typed, quoted and written: the one place that
 * knows. Plan files are read by other tools too (Hugo, Jekyll, PyYAML,
 * Ruby's Psych, GitHub's front-matter view), most of them YAML 1.1, so a
 * value devplan writes plain must read as the same thing in YAML 1.1 and
 * in YAML 1.2, and anything else is quoted.
 */
enum dp_scalar_type {
	DP_SCALAR_STR,
	DP_SCALAR_NULL,
	DP_SCALAR_BOOL,
	DP_SCALAR_INT,
	DP_SCALAR_FLOAT,
	DP_SCALAR_DATE, /* a YAML 1.1 timestamp (2027-06-30, ...T12:30:00Z) */
};

/*
 * The type YAML 1.2's core schema gives `s` written in `style`: quoted
 * and block scalars are strings; plain ones may be null (~, null, ""),
 * booleans (true, False), integers (10, -3, 0o17, 0x1F), floats (1.5,
 * 1e3, .inf, .nan) or else strings, except that dates and timestamps
 * (which YAML 1.2 leaves strings) are DP_SCALAR_DATE.
 */
enum dp_scalar_type dp_scalar_type(const char *s, enum dp_style style);

/* The same for YAML 1.1 (PyYAML's resolver with y/n): yes, 010, 1_000... */
enum dp_scalar_type dp_scalar_type11(const char *s);

/*
 * The type of a parsed scalar node: its explicit core tag when it has one
 * (!!str 12 is a string), else dp_scalar_type(). dp_doc_parse refuses a
 * tag the value does not fit (!!int abc).
 */
enum dp_scalar_type dp_node_scalar_type(const struct dp_node *n);

/*
 * Does scalar text `s` fit explicit tag `tag` (as libyaml reports it,
 * "tag:yaml.org,2002:int")? 0 if so or when `tag` is NULL or !!str; -1
 * for "!!int abc", "!!bool yes", or a collection tag on a scalar.
 */
int dp_scalar_tag_check(const char *tag, const char *s);

/*
 * Does a plain scalar read differently in YAML 1.1 and 1.2, or as
 * something other than the string in either? ("yes", "010", "12:30:00",
 * "1e3"): the same test validation uses to warn about text fields.
 */
int dp_scalar_ambiguous(const char *s);

/*
 * Must text `s` be quoted to be read back as that same string, by a YAML
 * 1.1 or 1.2 reader, in block context (or inside a flow collection when
 * `flow`)? True for every value dp_scalar_ambiguous() flags, for syntax
 * (": ", " #", leading indicators, leading or trailing blanks, "", line
 * breaks, control characters) and, to be safe with other readers, for
 * any word that is special in some case ("yEs") or that starts like a
 * number and has only number characters ("1,000", "1st").
 */
int dp_scalar_needs_quotes(const char *s, int flow);

/*
 * Can `s` be written plain at all (in flow context when `flow`), leaving
 * its typing aside? A typed value (a number, a date) must pass this.
 */
int dp_scalar_plain_syntax_ok(const char *s, int flow);

/*
 * Appends scalar `s` to `out` as YAML. A `typed` value (a number, a date,
 * a boolean) is written plain in its canonical form (dp_scalar_canonical:
 * 010 -> 10), or -1 is returned when it cannot be.
 * Text is written in `style` when the value allows it: double quotes
 * always do, single quotes unless it has line breaks or controls, plain
 * unless dp_scalar_needs_quotes(); else in double quotes. Returns 0.
 */
int dp_scalar_write(struct dp_buf *out, const char *s, int typed,
		    enum dp_style style, int flow);

/*
 * Does `s` hold invalid UTF-8, or characters that must be escaped in YAML
 * (controls, C1, BOM, U+2028/9) other than the ASCII ones in `allowed`?
 */
int dp_scalar_has_nonprintable(const char *s, const char *allowed);

/*
 * Decodes one UTF-8 sequence of at most `len` bytes into *cp; returns its
 * length, or 0 when it is invalid (overlong, surrogate, beyond U+10FFFF).
 */
size_t dp_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * Canonical numbers. dp_scalar_canonical_int reads a decimal integer with
 * an optional sign and leading zeros ("010", "+5", "-0") and writes its
 * canonical form ("10", "5", "0") to `out` (appended); the float version
 * reads [+-]digits[.digits][e[+-]digits] and writes the shortest text
 * that reads back the same and is a float in YAML 1.1 and 1.2 alike
 * ("1.50" -> "1.5", "2" -> "2.0", "1e3" -> "1000.0", "1e20" -> "1.0e+20").
 * Both return 0, or -1 (nothing written) when `s` is not such a number or
 * is out of range; *value_out, when not NULL, gets the value.
 */
int dp_scalar_canonical_int(struct dp_buf *out, const char *s, long *value_out);
int dp_scalar_canonical_float(struct dp_buf *out, const char *s,
			      double *value_out);

/*
 * Appends the canonical text of typed value `s`: a number as above, any
 * other value (a date, true) as it is. dp_scalar_write writes typed
 * values so, and a typed dp_value reads back as this text.
 */
void dp_scalar_canonical(struct dp_buf *out, const char *s);

/*
 * Reads a plain YAML 1.2 integer (decimal, 0o octal, 0x hex) into
 * *value_out; -1 when `s` is not one or does not fit a long long.
 */
int dp_scalar_int_value(const char *s, long long *value_out);

#endif
