/* SPDX-License-Identifier: MIT */
/* Unit tests of the JSON module: builders, typed scalars, dumps. */
#include "devplan/json.h"

#include <stdio.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/fm.h"
#include "test.h"
#include "devplan/banned.h"

/* The dump of `v` (freed), in a static buffer for CHECK_STR. */
static const char *dump(struct dp_json *v, unsigned flags)
{
	static struct dp_buf b = DP_BUF_INIT;

	dp_buf_reset(&b);
	dp_json_dump(&b, v, flags);
	dp_json_free(v);
	return b.ptr;
}

static void test_builders(void)
{
	struct dp_json *o = dp_json_object(), *a = dp_json_array();

	dp_json_set(o, "z", dp_json_string("last"));
	dp_json_set(o, "a", dp_json_int(-42));
	dp_json_push(a, dp_json_bool(1));
	dp_json_push(a, dp_json_null());
	dp_json_push(a, dp_json_string(NULL));
	dp_json_push(a, dp_json_real(1.5));
	dp_json_push(a, dp_json_real(0.1));
	dp_json_push(a, dp_json_stringn("a\0b", 3));
	dp_json_set(o, "list", a);
	dp_json_set(o, "esc", dp_json_string("\"\\\n\x01 caf\xc3\xa9"));
	dp_json_set(o, "bad", dp_json_string("x\xff"));
	CHECK_STR(dump(o, 0), "{\n"
			      "  \"z\": \"last\",\n"
			      "  \"a\": -42,\n"
			      "  \"list\": [\n"
			      "    true,\n"
			      "    null,\n"
			      "    null,\n"
			      "    1.5,\n"
			      "    0.1,\n"
			      "    \"a\\u0000b\"\n"
			      "  ],\n"
			      "  \"esc\": \"\\\"\\\\\\n\\u0001 caf\xc3\xa9\",\n"
			      "  \"bad\": \"x\xef\xbf\xbd\"\n"
			      "}\n");

	o = dp_json_object();
	dp_json_set(o, "b", dp_json_int(2));
	dp_json_set(o, "a", dp_json_int(1));
	dp_json_set(o, "b", dp_json_int(3)); /* replaces, keeps its place */
	CHECK_STR(dump(o, DP_JSON_SORT_KEYS),
		  "{\n  \"a\": 1,\n  \"b\": 3\n}\n");
	CHECK_STR(dump(dp_json_object(), 0), "{}\n");
	CHECK_STR(dump(dp_json_array(), 0), "[]\n");
	CHECK_STR(dump(dp_json_int(7), 0), "7\n");
	CHECK_STR(dump(dp_json_real(1.0 / 0.0), 0), "null\n");
}

/* Front matter to JSON: scalars typed as YAML 1.2 reads them. */
static void test_nodes(void)
{
	static const char text[] = "---\n"
				   "int: 30\n"
				   "lead: 010\n"
				   "hex: 0x1F\n"
				   "oct: 0o17\n"
				   "neg: -3\n"
				   "float: 1.50\n"
				   "exp: 1e3\n"
				   "inf: .inf\n"
				   "big: 99999999999999999999\n"
				   "t: true\n"
				   "f: False\n"
				   "yes: yes\n"
				   "null: ~\n"
				   "empty:\n"
				   "date: 2027-06-30\n"
				   "quoted: \"30\"\n"
				   "single: 'true'\n"
				   "tagged: !!str 12\n"
				   "tagint: !!int \"0x10\"\n"
				   "tagfloat: !!float 2\n"
				   "sexa: 12:30:00\n"
				   "under: 1_000\n"
				   "list: [1, a, null]\n"
				   "map: {k: v}\n"
				   "---\n";
	struct dp_doc d = DP_DOC_INIT;

	CHECK_INT(
	    dp_doc_parse(&d, "x.md", text, strlen(text), DP_DOC_FRONT_MATTER),
	    0);
	CHECK_STR(dump(dp_json_node(d.root), 0),
		  "{\n"
		  "  \"int\": 30,\n"
		  "  \"lead\": 10,\n"
		  "  \"hex\": 31,\n"
		  "  \"oct\": 15,\n"
		  "  \"neg\": -3,\n"
		  "  \"float\": 1.5,\n"
		  "  \"exp\": 1000.0,\n"
		  "  \"inf\": \".inf\",\n"
		  "  \"big\": \"99999999999999999999\",\n"
		  "  \"t\": true,\n"
		  "  \"f\": false,\n"
		  "  \"yes\": \"yes\",\n"
		  "  \"null\": null,\n"
		  "  \"empty\": null,\n"
		  "  \"date\": \"2027-06-30\",\n"
		  "  \"quoted\": \"30\",\n"
		  "  \"single\": \"true\",\n"
		  "  \"tagged\": \"12\",\n"
		  "  \"tagint\": 16,\n"
		  "  \"tagfloat\": 2.0,\n"
		  "  \"sexa\": \"12:30:00\",\n"
		  "  \"under\": \"1_000\",\n"
		  "  \"list\": [\n"
		  "    1,\n"
		  "    \"a\",\n"
		  "    null\n"
		  "  ],\n"
		  "  \"map\": {\n"
		  "    \"k\": \"v\"\n"
		  "  }\n"
		  "}\n");
	CHECK_STR(dump(dp_json_scalar(dp_doc_lookup(&d, "int")), 0), "30\n");
	CHECK_STR(dump(dp_json_node(NULL), 0), "null\n");
	dp_doc_release(&d);
}

int main(void)
{
	test_builders();
	test_nodes();
	return test_done();
}
