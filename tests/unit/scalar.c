/* SPDX-License-Identifier: MIT */
/* Unit tests of scalar typing, quoting and canonical numbers. */
#include "devplan/scalar.h"

#include <stdio.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "test.h"
#include "devplan/banned.h"

#define S DP_SCALAR_STR
#define N DP_SCALAR_NULL
#define B DP_SCALAR_BOOL
#define I DP_SCALAR_INT
#define F DP_SCALAR_FLOAT
#define D DP_SCALAR_DATE

/*
 * How each reader types a plain scalar (t12: YAML 1.2 core schema, t11:
 * YAML 1.1 as PyYAML reads it, with y/n), and whether devplan quotes it
 * as text: always when either reader does not read the string back.
 */
static const struct {
	const char *s;
	enum dp_scalar_type t12, t11;
	int quote;
} cases[] = {
	{ "hello", S, S, 0 },
	{ "Become fluent in Rust", S, S, 0 },
	{ "", N, N, 1 },
	{ "~", N, N, 1 },
	{ "null", N, N, 1 },
	{ "NULL", N, N, 1 },
	{ "nULL", S, S, 1 }, /* any case: some reader may fold it */
	{ "true", B, B, 1 },
	{ "False", B, B, 1 },
	{ "yes", S, B, 1 },
	{ "No", S, B, 1 },
	{ "on", S, B, 1 },
	{ "OFF", S, B, 1 },
	{ "y", S, B, 1 },
	{ "N", S, B, 1 },
	{ "yEs", S, S, 1 },
	{ "10", I, I, 1 },
	{ "-3", I, I, 1 },
	{ "+5", I, I, 1 },
	{ "010", I, I, 1 }, /* 10 in 1.2, 8 in 1.1 */
	{ "0o17", I, S, 1 },
	{ "0x1F", I, I, 1 },
	{ "0b101", S, I, 1 },
	{ "1_000", S, I, 1 },
	{ "12:30:00", S, I, 1 }, /* sexagesimal 45000 in 1.1 */
	{ "1:20.5", S, F, 1 },
	{ "1.5", F, F, 1 },
	{ "1.", F, F, 1 },
	{ ".5", F, F, 1 },
	{ "1e3", F, S, 1 },
	{ "1.0e+3", F, F, 1 },
	{ ".inf", F, F, 1 },
	{ "-.Inf", F, F, 1 },
	{ ".NaN", F, F, 1 },
	{ "inf", S, S, 1 },
	{ "2027-06-30", D, D, 1 },
	{ "2001-12-14t21:59:43.10-05:00", D, D, 1 },
	{ "2001-12-14 21:59:43.10 -5", D, D, 1 },
	{ "1st", S, S, 1 },   /* numeric-looking: quoted to be safe */
	{ "1,000", S, S, 1 }, /* Ruby's Psych reads 1000 */
	{ "1.2.3", S, S, 1 }, /* quoted to be safe */
	{ "3 apples", S, S, 0 },
	{ "v1.2", S, S, 0 },
	{ "<<", S, S, 1 }, /* YAML 1.1 merge key */
	{ "=", S, S, 1 },  /* YAML 1.1 value key */
	{ " lead", S, S, 1 },
	{ "trail ", S, S, 1 },
	{ "a: b", S, S, 1 },
	{ "a:b", S, S, 0 },
	{ "a #b", S, S, 1 },
	{ "a#b", S, S, 0 },
	{ "ends:", S, S, 1 },
	{ "- item", S, S, 1 },
	{ "-item", S, S, 1 },
	{ "#x", S, S, 1 },
	{ "&a", S, S, 1 },
	{ "*a", S, S, 1 },
	{ "!x", S, S, 1 },
	{ "%x", S, S, 1 },
	{ "@x", S, S, 1 },
	{ "`x", S, S, 1 },
	{ "|", S, S, 1 },
	{ ">", S, S, 1 },
	{ "'x'", S, S, 1 },
	{ "\"x\"", S, S, 1 },
	{ "[a]", S, S, 1 },
	{ "{a}", S, S, 1 },
	{ "two\nlines", S, S, 1 },
	{ "tab\there", S, S, 1 },
	{ "caf\xc3\xa9", S, S, 0 },
};

static void test_types(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *s = cases[i].s;
		int ok12 = dp_scalar_type(s, DP_STYLE_PLAIN) == cases[i].t12;
		int ok11 = dp_scalar_type11(s) == cases[i].t11;
		int okq = !!dp_scalar_needs_quotes(s, 0) == cases[i].quote;

		test_point(ok12 && ok11 && okq, __FILE__, __LINE__,
			   "typing and quoting of cases[i]");
		if (!(ok12 && ok11 && okq))
			printf("# cases[%zu]: 1.2 %d, 1.1 %d, quote %d\n", i,
			       (int)dp_scalar_type(s, DP_STYLE_PLAIN),
			       (int)dp_scalar_type11(s),
			       dp_scalar_needs_quotes(s, 0));
	}
	/* quoted and block scalars are strings, whatever they say */
	CHECK_INT(dp_scalar_type("10", DP_STYLE_DOUBLE), S);
	CHECK_INT(dp_scalar_type("true", DP_STYLE_SINGLE), S);
	CHECK_INT(dp_scalar_type("", DP_STYLE_LITERAL), S);
	/* flow context forbids more */
	CHECK(!dp_scalar_needs_quotes("a,b", 0));
	CHECK(dp_scalar_needs_quotes("a,b", 1));
	CHECK(dp_scalar_needs_quotes("x]", 1));
	/* ambiguity, as validation sees it: no safety margin */
	CHECK(dp_scalar_ambiguous("010"));
	CHECK(dp_scalar_ambiguous("yes"));
	CHECK(!dp_scalar_ambiguous("1st"));
	CHECK(!dp_scalar_ambiguous("hello"));
}

static void test_write(void)
{
	static const struct {
		const char *s;
		int typed;
		enum dp_style style;
		const char *want;
	} w[] = {
		{ "hello", 0, DP_STYLE_PLAIN, "hello" },
		{ "yes", 0, DP_STYLE_PLAIN, "\"yes\"" },
		{ "0o17", 0, DP_STYLE_PLAIN, "\"0o17\"" },
		{ "12:30:00", 0, DP_STYLE_PLAIN, "\"12:30:00\"" },
		{ "1_000", 0, DP_STYLE_PLAIN, "\"1_000\"" },
		{ "it's", 0, DP_STYLE_SINGLE, "'it''s'" },
		{ "a\"b\\", 0, DP_STYLE_DOUBLE, "\"a\\\"b\\\\\"" },
		{ "x\ny", 0, DP_STYLE_SINGLE, "\"x\\ny\"" },
		{ "yes", 0, DP_STYLE_SINGLE, "'yes'" },
		{ "40", 1, DP_STYLE_PLAIN, "40" },
		{ "2027-06-30", 1, DP_STYLE_DOUBLE, "2027-06-30" },
	};
	struct dp_buf b = DP_BUF_INIT;

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		dp_buf_reset(&b);
		CHECK_INT(
		    dp_scalar_write(&b, w[i].s, w[i].typed, w[i].style, 0), 0);
		CHECK_STR(b.ptr, w[i].want);
	}
	dp_buf_reset(&b);
	CHECK_INT(dp_scalar_write(&b, "a: b", 1, DP_STYLE_PLAIN, 0), -1);
	dp_buf_release(&b);
}

static void test_numbers(void)
{
	static const struct {
		const char *in, *want_int, *want_float;
	} n[] = {
		{ "010", "10", "10.0" },
		{ "+5", "5", "5.0" },
		{ "-0", "0", "-0.0" },
		{ "0", "0", "0.0" },
		{ "1.50", NULL, "1.5" },
		{ "1.0", NULL, "1.0" },
		{ ".25", NULL, "0.25" },
		{ "0.1", NULL, "0.1" },
		{ "1e3", NULL, "1000.0" },
		{ "1e20", NULL, "1.0e+20" },
		{ "2.5e-7", NULL, "2.5e-07" },
		{ "0.001", NULL, "0.001" },
		{ "0x1F", NULL, NULL },
		{ "0o17", NULL, NULL },
		{ "1_000", NULL, NULL },
		{ "12:30", NULL, NULL },
		{ " 5", NULL, NULL },
		{ "5 ", NULL, NULL },
		{ "", NULL, NULL },
		{ "+", NULL, NULL },
		{ ".", NULL, NULL },
		{ ".inf", NULL, NULL },
		{ "nan", NULL, NULL },
		{ "1e999", NULL, NULL },
		{ "99999999999999999999", NULL, "1.0e+20" },
	};
	struct dp_buf b = DP_BUF_INIT;
	long v;
	long long ll;

	for (size_t i = 0; i < sizeof(n) / sizeof(n[0]); i++) {
		dp_buf_reset(&b);
		if (dp_scalar_canonical_int(&b, n[i].in, &v) < 0)
			CHECK_STR(NULL, n[i].want_int);
		else
			CHECK_STR(b.ptr, n[i].want_int);
		dp_buf_reset(&b);
		if (dp_scalar_canonical_float(&b, n[i].in, NULL) < 0)
			CHECK_STR(NULL, n[i].want_float);
		else
			CHECK_STR(b.ptr, n[i].want_float);
	}
	CHECK(dp_scalar_canonical_int(&b, "42", &v) == 0 && v == 42);
	CHECK(dp_scalar_int_value("0x1F", &ll) == 0 && ll == 31);
	CHECK(dp_scalar_int_value("0o17", &ll) == 0 && ll == 15);
	CHECK(dp_scalar_int_value("-010", &ll) == 0 && ll == -10);
	CHECK(dp_scalar_int_value("+7", &ll) == 0 && ll == 7);
	CHECK(dp_scalar_int_value("99999999999999999999", &ll) < 0);
	CHECK(dp_scalar_int_value("1.5", &ll) < 0);
	dp_buf_release(&b);
}

/* Explicit tags are honoured (!!str 12 is text) or refused, not ignored. */
static void test_tags(void)
{
	static const char text[] = "---\n"
				   "a: !!str 12\n"
				   "b: 12\n"
				   "c: !!int \"0x1F\"\n"
				   "d: !!float 1\n"
				   "e: !!null\n"
				   "f: !!bool true\n"
				   "---\n";
	static const char *const bad[] = {
		"---\na: !!int abc\n---\n", "---\na: !!bool yes\n---\n",
		"---\na: !!null x\n---\n",  "---\na: !!seq x\n---\n",
		"---\na: !!map [x]\n---\n", "---\na: !!seq {x: 1}\n---\n",
	};
	struct dp_doc d = DP_DOC_INIT;

	CHECK_INT(
	    dp_doc_parse(&d, "x.md", text, strlen(text), DP_DOC_FRONT_MATTER),
	    0);
	CHECK_INT(dp_node_scalar_type(dp_doc_lookup(&d, "a")), S);
	CHECK_INT(dp_node_scalar_type(dp_doc_lookup(&d, "b")), I);
	CHECK_INT(dp_node_scalar_type(dp_doc_lookup(&d, "c")), I);
	CHECK_INT(dp_node_scalar_type(dp_doc_lookup(&d, "d")), F);
	CHECK_INT(dp_node_scalar_type(dp_doc_lookup(&d, "e")), N);
	CHECK_INT(dp_node_scalar_type(dp_doc_lookup(&d, "f")), B);
	CHECK_STR(dp_doc_lookup(&d, "a")->tag, "tag:yaml.org,2002:str");
	CHECK(dp_doc_lookup(&d, "b")->tag == NULL);
	dp_doc_release(&d);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(dp_doc_parse(&d, "x.md", bad[i], strlen(bad[i]),
				       DP_DOC_FRONT_MATTER),
			  DP_EINVALID);
		dp_doc_release(&d);
	}
	dp_doc_parse(&d, "x.md", bad[0], strlen(bad[0]), DP_DOC_FRONT_MATTER);
	CHECK_STR(dp_error_last(), "x.md:2:4: 'abc' is not a valid !!int");
	dp_doc_parse(&d, "x.md", bad[3], strlen(bad[3]), DP_DOC_FRONT_MATTER);
	CHECK_STR(dp_error_last(), "x.md:2:4: 'x' is not a valid !!seq");
	dp_doc_parse(&d, "x.md", bad[4], strlen(bad[4]), DP_DOC_FRONT_MATTER);
	CHECK_STR(dp_error_last(), "x.md:2:4: a list cannot be tagged !!map");
}

int main(void)
{
	test_types();
	test_write();
	test_numbers();
	test_tags();
	return test_done();
}
