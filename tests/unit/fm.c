/* SPDX-License-Identifier: MIT */
/* Unit tests of the front-matter module: parsing, spans, limits, edits. */
#include "devplan/fm.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/util.h"
#include "test.h"
#include "../../src/core/fm-fast.h"
#include "devplan/banned.h"

#define FM DP_DOC_FRONT_MATTER
#define YM DP_DOC_YAML

static int parse(struct dp_doc *d, const char *text, enum dp_doc_mode mode)
{
	return dp_doc_parse(d, "x.md", text, strlen(text), mode);
}

/* The error message of parsing `text`, or "ok". */
static const char *parse_err(const char *text, enum dp_doc_mode mode, int *code)
{
	struct dp_doc d = DP_DOC_INIT;
	int ret = parse(&d, text, mode);

	if (code)
		*code = ret;
	dp_doc_release(&d);
	return ret ? dp_error_last() : "ok";
}

/* ---- table of edits ---- */

enum op {
	TEXT,   /* dp_doc_set_text(path, arg) */
	TYPED,  /* dp_doc_set_typed(path, arg) */
	LIST,   /* dp_doc_set(path, [arg split at '|']) ("" = []) */
	MAP,    /* dp_doc_set(path, {name: arg, level: 3}) */
	APPEND, /* dp_doc_append(path, text arg) */
	ACTION, /* dp_doc_append(path, {title: arg, due: 2027-03-01, done: false}) */
	REMOVE, /* dp_doc_remove(path) */
	BODY,   /* dp_doc_set_body(arg) */
};

struct edit_case {
	const char *name;
	enum dp_doc_mode mode;
	const char *in;
	enum op op;
	const char *path;
	const char *arg;
	const char *want; /* NULL: the edit fails with `code` */
	int code;
};

#define GOAL_HEAD "---\ntitle: Become fluent in Rust for systems work\n"
#define GOAL_STATUS                                                            \
	"status: active          # proposed | draft | active | blocked | "     \
	"done "                                                                \
	"| dropped\n"
#define GOAL_MID                                                               \
	"type: skill             # knowledge | skill | competency | "          \
	"experience | career\n"                                                \
	"created: 2026-11-22\n"                                                \
	"due: 2027-06-30\n"
#define GOAL_PROGRESS "progress: 30            # 0..100\n"
#define GOAL_COMPS "competencies: [systems-programming]\n"
#define GOAL_ACT0                                                              \
	"  - title: Read the Rust book, chapters 1-8\n"                        \
	"    due: 2027-01-31\n"                                                \
	"    resource: https://doc.rust-lang.org/book/\n"                      \
	"    done: true\n"
#define GOAL_ACT1                                                              \
	"  - title: Pair on the parser rewrite\n"                              \
	"    due: 2027-03-15\n"                                                \
	"    done: false\n"
#define GOAL_TAIL                                                              \
	"success: Ship one production feature in Rust\n"                       \
	"---\n"                                                                \
	"Why this matters to me, in my own words.\n"
#define GOAL                                                                   \
	GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS                \
	    "actions:\n" GOAL_ACT0 GOAL_ACT1 GOAL_TAIL

static const struct edit_case cases[] = {
	/* the goal of the product brief */
	{ "goal: set status", FM, GOAL, TEXT, "status", "done",
	  GOAL_HEAD
	  "status: done          # proposed | draft | active | "
	  "blocked | done | dropped\n" GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: set progress", FM, GOAL, TYPED, "progress", "60",
	  GOAL_HEAD GOAL_STATUS GOAL_MID
	  "progress: 60            # 0..100\n" GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: append an action", FM, GOAL, ACTION, "actions",
	  "Write a blog post",
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_ACT1 "  - title: Write a blog post\n"
	  "    due: 2027-03-01\n"
	  "    done: false\n" GOAL_TAIL,
	  0 },
	{ "goal: actions[1].done=true", FM, GOAL, TYPED, "actions[1].done",
	  "true",
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 "  - title: Pair on the parser rewrite\n"
	  "    due: 2027-03-15\n"
	  "    done: true\n" GOAL_TAIL,
	  0 },
	{ "goal: actions[0].done=false", FM, GOAL, TYPED, "actions[0].done",
	  "false",
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n"
	  "  - title: Read the Rust book, chapters 1-8\n"
	  "    due: 2027-01-31\n"
	  "    resource: https://doc.rust-lang.org/book/\n"
	  "    done: false\n" GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: remove actions[1]", FM, GOAL, REMOVE, "actions[1]", NULL,
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_TAIL,
	  0 },
	{ "goal: remove actions[0]", FM, GOAL, REMOVE, "actions[0]", NULL,
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: remove actions[0].resource", FM, GOAL, REMOVE,
	  "actions[0].resource", NULL,
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n"
	  "  - title: Read the Rust book, chapters 1-8\n"
	  "    due: 2027-01-31\n"
	  "    done: true\n" GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: add a missing key", FM, GOAL, TEXT, "mentor", "bob",
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_ACT1
	  "success: Ship one production feature in Rust\n"
	  "mentor: bob\n"
	  "---\n"
	  "Why this matters to me, in my own words.\n",
	  0 },
	{ "goal: append a competency", FM, GOAL, APPEND, "competencies", "rust",
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS
	  "competencies: [systems-programming, rust]\n"
	  "actions:\n" GOAL_ACT0 GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: set competencies", FM, GOAL, LIST, "competencies", "a|b c",
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS
	  "competencies: [a, b c]\n"
	  "actions:\n" GOAL_ACT0 GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: title needing quotes", FM, GOAL, TEXT, "title",
	  "Rust: the hard parts",
	  "---\ntitle: \"Rust: the hard parts\"\n" GOAL_STATUS GOAL_MID
	      GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_ACT1 GOAL_TAIL,
	  0 },
	{ "goal: remove success", FM, GOAL, REMOVE, "success", NULL,
	  GOAL_HEAD GOAL_STATUS GOAL_MID GOAL_PROGRESS GOAL_COMPS
	  "actions:\n" GOAL_ACT0 GOAL_ACT1
	  "---\nWhy this matters to me, in my own words.\n",
	  0 },

	/* scalars keep their style */
	{ "plain", FM, "---\ntitle: Old\n---\nbody\n", TEXT, "title",
	  "New title", "---\ntitle: New title\n---\nbody\n", 0 },
	{ "trailing comment", FM, "---\nstatus: active   # one of\nx: 1\n---\n",
	  TEXT, "status", "done", "---\nstatus: done   # one of\nx: 1\n---\n",
	  0 },
	{ "double stays double", FM, "---\ntitle: \"Old\" # c\n---\n", TEXT,
	  "title", "New \"q\" \\ x",
	  "---\ntitle: \"New \\\"q\\\" \\\\ x\" # c\n---\n", 0 },
	{ "double, plain-safe value", FM, "---\ntitle: \"Old\"\n---\n", TEXT,
	  "title", "New", "---\ntitle: \"New\"\n---\n", 0 },
	{ "single stays single", FM, "---\ntitle: 'Old'\n---\n", TEXT, "title",
	  "it's", "---\ntitle: 'it''s'\n---\n", 0 },
	{ "single with a newline", FM, "---\ntitle: 'Old'\n---\n", TEXT,
	  "title", "a\nb", "---\ntitle: \"a\\nb\"\n---\n", 0 },
	{ "plain with a newline", FM, "---\nnote: x\n---\n", TEXT, "note",
	  "line 1\nline 2\n", "---\nnote: \"line 1\\nline 2\\n\"\n---\n", 0 },
	{ "yes", FM, "---\nk: v\n---\n", TEXT, "k", "yes",
	  "---\nk: \"yes\"\n---\n", 0 },
	{ "12", FM, "---\nk: v\n---\n", TEXT, "k", "12",
	  "---\nk: \"12\"\n---\n", 0 },
	{ "a: b", FM, "---\nk: v\n---\n", TEXT, "k", "a: b",
	  "---\nk: \"a: b\"\n---\n", 0 },
	{ "#x", FM, "---\nk: v\n---\n", TEXT, "k", "#x",
	  "---\nk: \"#x\"\n---\n", 0 },
	{ "empty", FM, "---\nk: v\n---\n", TEXT, "k", "", "---\nk: \"\"\n---\n",
	  0 },
	{ "leading space", FM, "---\nk: v\n---\n", TEXT, "k", " x",
	  "---\nk: \" x\"\n---\n", 0 },
	{ "tab", FM, "---\nk: v\n---\n", TEXT, "k", "a\tb",
	  "---\nk: \"a\\tb\"\n---\n", 0 },
	{ "control character", FM, "---\nk: v\n---\n", TEXT, "k", "a\x01z",
	  "---\nk: \"a\\x01z\"\n---\n", 0 },
	{ "line separator", FM, "---\nk: v\n---\n", TEXT, "k", "a\xE2\x80\xA8z",
	  "---\nk: \"a\\Lz\"\n---\n", 0 },
	{ "non-ASCII is plain", FM, "---\nk: v\n---\n", TEXT, "k",
	  "Ünïcødé 🛠️", "---\nk: Ünïcødé 🛠️\n---\n", 0 },
	{ "typed number", FM, "---\nprogress: \"30\"\n---\n", TYPED, "progress",
	  "40", "---\nprogress: 40\n---\n", 0 },
	{ "typed negative", FM, "---\nk: 1\n---\n", TYPED, "k", "-5",
	  "---\nk: -5\n---\n", 0 },
	{ "typed date", FM, "---\ndue: 2027-01-01 # when\n---\n", TYPED, "due",
	  "2027-06-30", "---\ndue: 2027-06-30 # when\n---\n", 0 },
	{ "typed refuses what is not plain", FM, "---\nk: 1\n---\n", TYPED, "k",
	  "a: b", NULL, DP_EINVALID },
	{ "typed refuses a newline", FM, "---\nk: 1\n---\n", TYPED, "k", "1\n2",
	  NULL, DP_EINVALID },
	{ "multi-line plain scalar", FM,
	  "---\ntitle: a long\n  plain text\nnext: 1\n---\n", TEXT, "title",
	  "short", "---\ntitle: short\nnext: 1\n---\n", 0 },
	{ "empty value", FM, "---\ntitle:\nnext: 1\n---\n", TEXT, "title", "x",
	  "---\ntitle: x\nnext: 1\n---\n", 0 },
	{ "empty value and a comment", FM, "---\ntitle:   # todo\n---\n", TEXT,
	  "title", "x", "---\ntitle: x   # todo\n---\n", 0 },
	{ "block list item", FM, "---\ntags:\n  - a\n  - b\n---\n", TEXT,
	  "tags[1]", "c", "---\ntags:\n  - a\n  - c\n---\n", 0 },
	{ "flow list item needing quotes", FM, "---\ntags: [a, b]\n---\n", TEXT,
	  "tags[1]", "x, y", "---\ntags: [a, \"x, y\"]\n---\n", 0 },
	{ "flow list item: brackets", FM, "---\ntags: [a, b]\n---\n", TEXT,
	  "tags[0]", "a[1]", "---\ntags: [\"a[1]\", b]\n---\n", 0 },
	{ "flow map value", FM, "---\nm: {a: 1, b: x}\n---\n", TEXT, "m.b", "z",
	  "---\nm: {a: 1, b: z}\n---\n", 0 },

	/* literal and folded block scalars */
	{ "literal, multi-line", FM,
	  "---\nlit: |\n  one\n  two\nnext: 1\n---\n", TEXT, "lit",
	  "three\nfour\n", "---\nlit: |\n  three\n  four\nnext: 1\n---\n", 0 },
	{ "literal, strip", FM, "---\nlit: |\n  one\nnext: 1\n---\n", TEXT,
	  "lit", "x\ny", "---\nlit: |-\n  x\n  y\nnext: 1\n---\n", 0 },
	{ "literal, one line", FM, "---\nlit: |\n  one\n  two\n---\n", TEXT,
	  "lit", "short", "---\nlit: |-\n  short\n---\n", 0 },
	{ "literal, comments and blank lines", FM,
	  "---\nlit: | # note\n    a\n\n    b\n\n# c\nnext: 1\n---\n", TEXT,
	  "lit", "x\n\ny\n",
	  "---\nlit: | # note\n    x\n\n    y\n\n# c\nnext: 1\n---\n", 0 },
	{ "literal, leading space", FM, "---\nlit: |\n  a\nnext: 1\n---\n",
	  TEXT, "lit", " x\ny", "---\nlit: \" x\\ny\"\nnext: 1\n---\n", 0 },
	{ "literal, typed", FM, "---\nlit: |\n  a\n  b\nnext: 1\n---\n", TYPED,
	  "lit", "5", "---\nlit: 5\nnext: 1\n---\n", 0 },
	{ "literal in a list", FM, "---\nl:\n  - |\n    a\n  - b\n---\n", TEXT,
	  "l[0]", "c\nd\n", "---\nl:\n  - |\n    c\n    d\n  - b\n---\n", 0 },
	{ "folded, one paragraph", FM, "---\nf: >\n  one\n  two\n---\n", TEXT,
	  "f", "alpha beta\n", "---\nf: >\n  alpha beta\n---\n", 0 },
	{ "folded, two lines", FM, "---\nf: >\n  one\n  two\n---\n", TEXT, "f",
	  "a\nb", "---\nf: >-\n  a\n\n  b\n---\n", 0 },

	/* line endings */
	{ "CRLF: set", FM, "---\r\na: 1\r\nb: 2\r\n---\r\nbody\r\n", TEXT, "a",
	  "x", "---\r\na: x\r\nb: 2\r\n---\r\nbody\r\n", 0 },
	{ "CRLF: insert", FM, "---\r\na: 1\r\nb: 2\r\n---\r\nbody\r\n", TEXT,
	  "c", "v", "---\r\na: 1\r\nb: 2\r\nc: v\r\n---\r\nbody\r\n", 0 },
	{ "CRLF: literal", FM, "---\r\nlit: |\r\n  a\r\n---\r\n", TEXT, "lit",
	  "b\nc\n", "---\r\nlit: |\r\n  b\r\n  c\r\n---\r\n", 0 },
	{ "CRLF: append a mapping", FM,
	  "---\r\nactions:\r\n  - title: a\r\n---\r\n", ACTION, "actions", "b",
	  "---\r\nactions:\r\n  - title: a\r\n  - title: b\r\n"
	  "    due: 2027-03-01\r\n    done: false\r\n---\r\n",
	  0 },
	{ "CRLF: remove", FM, "---\r\na: 1\r\nb: 2\r\n---\r\n", REMOVE, "a",
	  NULL, "---\r\nb: 2\r\n---\r\n", 0 },
	{ "CRLF: set a mapping", FM, "---\r\na: 1\r\n---\r\n", MAP, "m", "x",
	  "---\r\na: 1\r\nm:\r\n  name: x\r\n  level: 3\r\n---\r\n", 0 },
	{ "no final newline: set", YM, "a: 1\nb: 2", TYPED, "b", "3",
	  "a: 1\nb: 3", 0 },
	{ "no final newline: insert", YM, "a: 1\nb: 2", TEXT, "c", "x",
	  "a: 1\nb: 2\nc: x", 0 },
	{ "no final newline: remove", YM, "a: 1\nb: 2", REMOVE, "b", NULL,
	  "a: 1", 0 },
	{ "no final newline after ---", FM, "---\na: 1\n---", TYPED, "a", "2",
	  "---\na: 2\n---", 0 },

	/* missing keys */
	{ "insert after a trailing comment", FM, "---\na: 1 # c\n---\n", TEXT,
	  "b", "x", "---\na: 1 # c\nb: x\n---\n", 0 },
	{ "insert into a nested map", FM,
	  "---\nrequires:\n  rust: 3\n  go: 2\nnext: x\n---\n", TYPED,
	  "requires.c", "1",
	  "---\nrequires:\n  rust: 3\n  go: 2\n  c: 1\nnext: x\n---\n", 0 },
	{ "insert into empty front matter", FM, "---\n---\nbody\n", TEXT, "key",
	  "v", "---\nkey: v\n---\nbody\n", 0 },
	{ "insert into comment-only front matter", FM, "---\n# c\n---\n", TEXT,
	  "key", "v", "---\n# c\nkey: v\n---\n", 0 },
	{ "insert into an empty YAML file", YM, "", TEXT, "key", "v",
	  "key: v\n", 0 },
	{ "insert under a null key", FM, "---\nrequires:\nnext: x\n---\n",
	  TYPED, "requires.rust", "3",
	  "---\nrequires:\n  rust: 3\nnext: x\n---\n", 0 },
	{ "insert into a flow map", FM, "---\nm: {a: 1}\n---\n", TEXT, "m.b",
	  "x", "---\nm: {a: 1, b: x}\n---\n", 0 },
	{ "insert into {}", FM, "---\nm: {}\n---\n", TEXT, "m.b", "x",
	  "---\nm: {b: x}\n---\n", 0 },
	{ "insert a key needing quotes", FM, "---\na: 1\n---\n", TEXT, "yes",
	  "v", "---\na: 1\n\"yes\": v\n---\n", 0 },
	{ "a key of digits is a number", FM, "---\na: 1\n---\n", TEXT, "12",
	  "v", "---\na: 1\n12: v\n---\n", 0 },
	{ "an empty quoted value takes a fresh style", FM,
	  "---\nname: \"\"\nrole: ''\n---\n", TEXT, "name", "Ann Lee",
	  "---\nname: Ann Lee\nrole: ''\n---\n", 0 },
	{ "insert into a list item", FM,
	  "---\nactions:\n  - title: a\n    due: 2027-01-01\nnext: 1\n---\n",
	  TYPED, "actions[0].done", "false",
	  "---\nactions:\n  - title: a\n    due: 2027-01-01\n    done: false\n"
	  "next: 1\n---\n",
	  0 },
	{ "insert after a literal", FM, "---\nlit: |\n  a\n\n---\n", TEXT, "b",
	  "x", "---\nlit: |\n  a\nb: x\n\n---\n", 0 },
	{ "insert after a literal ending in blanks", FM,
	  "---\ns: |\n  a\n\n    \n---\n", TEXT, "b", "x",
	  "---\ns: |\n  a\n\n    \nb: x\n---\n", 0 },
	{ "insert after a |+ literal", FM, "---\ns: |+\n  a\n\n---\n", TEXT,
	  "b", "x", "---\ns: |+\n  a\n\nb: x\n---\n", 0 },
	{ "append after a |+ literal", FM,
	  "---\nl:\n  - |+\n    a\n\nn: 1\n---\n", APPEND, "l", "x",
	  "---\nl:\n  - |+\n    a\n\n  - x\nn: 1\n---\n", 0 },
	{ "insert, missing parent", FM, "---\na: 1\n---\n", TEXT, "x.y", "1",
	  NULL, DP_ENOTFOUND },
	{ "insert under a scalar", FM, "---\na: 1\n---\n", TEXT, "a.b", "1",
	  NULL, DP_EINVALID },

	/* lists and mappings */
	{ "new key, list", FM, "---\na: 1\n---\n", LIST, "competencies",
	  "rust|go", "---\na: 1\ncompetencies: [rust, go]\n---\n", 0 },
	{ "flow list, quoting, comment", FM, "---\ntags: [a, b] # c\n---\n",
	  LIST, "tags", "x|yes", "---\ntags: [x, \"yes\"] # c\n---\n", 0 },
	{ "block list stays block", FM,
	  "---\ntags:\n  - a\n  - b\nnext: 1\n---\n", LIST, "tags", "a|c|d",
	  "---\ntags:\n  - a\n  - c\n  - d\nnext: 1\n---\n", 0 },
	{ "block list keeps item styles", FM,
	  "---\ntags:\n- \"a\"\n- 'b'\n---\n", LIST, "tags", "a|c|d",
	  "---\ntags:\n- \"a\"\n- 'c'\n- 'd'\n---\n", 0 },
	{ "block list emptied", FM, "---\ntags:\n  - a\nnext: 1\n---\n", LIST,
	  "tags", "", "---\ntags: []\nnext: 1\n---\n", 0 },
	{ "new key, mapping", FM, "---\na: 1\n---\n", MAP, "meta", "x",
	  "---\na: 1\nmeta:\n  name: x\n  level: 3\n---\n", 0 },
	{ "scalar becomes a mapping", FM, "---\nmeta: old # c\nnext: 1\n---\n",
	  MAP, "meta", "x",
	  "---\nmeta: # c\n  name: x\n  level: 3\nnext: 1\n---\n", 0 },
	{ "mapping keeps its indentation", FM,
	  "---\nmeta:\n    name: a\n    level: 1\n---\n", MAP, "meta", "b",
	  "---\nmeta:\n    name: b\n    level: 3\n---\n", 0 },
	{ "mapping becomes a scalar", FM, "---\nmeta:\n  a: 1\nnext: 2\n---\n",
	  TEXT, "meta", "none", "---\nmeta: none\nnext: 2\n---\n", 0 },
	{ "list item becomes a mapping", FM, "---\nl:\n  - x\n  - y\n---\n",
	  MAP, "l[1]", "nm",
	  "---\nl:\n  - x\n  - name: nm\n    level: 3\n---\n", 0 },
	{ "nested mapping in a list item", FM,
	  "---\nl:\n  - a: 1\n    m:\n      x: 1\n---\n", MAP, "l[0].m", "nm",
	  "---\nl:\n  - a: 1\n    m:\n      name: nm\n      level: 3\n---\n",
	  0 },

	/* appending */
	{ "append to a flow list", FM, "---\ntags: [a, b]\n---\n", APPEND,
	  "tags", "c", "---\ntags: [a, b, c]\n---\n", 0 },
	{ "append to []", FM, "---\ntags: []\n---\n", APPEND, "tags", "c",
	  "---\ntags: [c]\n---\n", 0 },
	{ "append to a multi-line flow list", FM,
	  "---\ntags: [\n  a,\n  b\n]\n---\n", APPEND, "tags", "c",
	  "---\ntags: [\n  a,\n  b, c\n]\n---\n", 0 },
	{ "append keeps single quotes", FM, "---\ntags: ['a']\n---\n", APPEND,
	  "tags", "b", "---\ntags: ['a', 'b']\n---\n", 0 },
	{ "append a quoted value", FM, "---\ntags: [a]\n---\n", APPEND, "tags",
	  "no", "---\ntags: [a, \"no\"]\n---\n", 0 },
	{ "append a mapping to []", FM, "---\nactions: []\nnext: 1\n---\n",
	  ACTION, "actions", "T",
	  "---\nactions:\n  - title: T\n    due: 2027-03-01\n    done: false\n"
	  "next: 1\n---\n",
	  0 },
	{ "append a mapping to [] with a comment", FM,
	  "---\nactions: [] # todo\n---\n", ACTION, "actions", "T",
	  "---\nactions: # todo\n  - title: T\n    due: 2027-03-01\n"
	  "    done: false\n---\n",
	  0 },
	{ "append to a missing key", FM, "---\na: 1\n---\n", APPEND, "tags",
	  "x", "---\na: 1\ntags: [x]\n---\n", 0 },
	{ "append a mapping to a missing key", FM, "---\na: 1\n---\n", ACTION,
	  "actions", "T",
	  "---\na: 1\nactions:\n  - title: T\n    due: 2027-03-01\n"
	  "    done: false\n---\n",
	  0 },
	{ "append a mapping to a null key", FM, "---\nactions:\nnext: 1\n---\n",
	  ACTION, "actions", "T",
	  "---\nactions:\n  - title: T\n    due: 2027-03-01\n    done: false\n"
	  "next: 1\n---\n",
	  0 },
	{ "append to an indentless list", FM,
	  "---\ntags:\n- a\n- b\nnext: 1\n---\n", APPEND, "tags", "c",
	  "---\ntags:\n- a\n- b\n- c\nnext: 1\n---\n", 0 },
	{ "append keeps double quotes", FM, "---\ntags:\n  - \"a\"\n---\n",
	  APPEND, "tags", "b", "---\ntags:\n  - \"a\"\n  - \"b\"\n---\n", 0 },
	{ "append after a trailing comment", FM,
	  "---\ntags:\n  - a # first\nnext: 1\n---\n", APPEND, "tags", "b",
	  "---\ntags:\n  - a # first\n  - b\nnext: 1\n---\n", 0 },
	{ "append after comments and blank lines", FM,
	  "---\ntags:\n  - a\n\n  # old: b\nnext: 1\n---\n", APPEND, "tags",
	  "c", "---\ntags:\n  - a\n  - c\n\n  # old: b\nnext: 1\n---\n", 0 },
	{ "append a mapping like its siblings", FM,
	  "---\nactions:\n  - title: \"a\"\n    done: true\n---\n", ACTION,
	  "actions", "b",
	  "---\nactions:\n  - title: \"a\"\n    done: true\n"
	  "  - title: \"b\"\n    due: 2027-03-01\n    done: false\n---\n",
	  0 },
	{ "append a mapping to a flow list", FM, "---\nl: [a]\n---\n", ACTION,
	  "l", "T",
	  "---\nl: [a, {title: T, due: 2027-03-01, done: false}]\n---\n", 0 },
	{ "append to a scalar", FM, "---\na: 1\n---\n", APPEND, "a", "x", NULL,
	  DP_EINVALID },
	{ "append, missing parent", FM, "---\na: 1\n---\n", APPEND, "x.y", "1",
	  NULL, DP_ENOTFOUND },

	/* removing */
	{ "remove a middle line", FM, "---\na: 1\nb: 2 # c\nc: 3\n---\n",
	  REMOVE, "b", NULL, "---\na: 1\nc: 3\n---\n", 0 },
	{ "remove nested lines", FM,
	  "---\na: 1\nmeta:\n  x: 1\n  y: [1,\n    2]\nb: 2\n---\n", REMOVE,
	  "meta", NULL, "---\na: 1\nb: 2\n---\n", 0 },
	{ "remove keeps comments", FM,
	  "---\n# head\na: 1\n# about b\nb: 2\n# tail\n---\n", REMOVE, "a",
	  NULL, "---\n# head\n# about b\nb: 2\n# tail\n---\n", 0 },
	{ "remove a literal", FM, "---\nlit: |\n  a\n  b\nnext: 1\n---\n",
	  REMOVE, "lit", NULL, "---\nnext: 1\n---\n", 0 },
	{ "remove flow item 0", FM, "---\nt: [a, b, c]\n---\n", REMOVE, "t[0]",
	  NULL, "---\nt: [b, c]\n---\n", 0 },
	{ "remove flow item 1", FM, "---\nt: [a, b, c]\n---\n", REMOVE, "t[1]",
	  NULL, "---\nt: [a, c]\n---\n", 0 },
	{ "remove flow item 2", FM, "---\nt: [a, b, c]\n---\n", REMOVE, "t[2]",
	  NULL, "---\nt: [a, b]\n---\n", 0 },
	{ "remove the only flow item", FM, "---\nt: [a]\n---\n", REMOVE, "t[0]",
	  NULL, "---\nt: []\n---\n", 0 },
	{ "remove a flow map entry", FM, "---\nm: {a: 1, b: 2}\n---\n", REMOVE,
	  "m.a", NULL, "---\nm: {b: 2}\n---\n", 0 },
	{ "remove the last flow map entry", FM, "---\nm: {a: 1, b: 2}\n---\n",
	  REMOVE, "m.b", NULL, "---\nm: {a: 1}\n---\n", 0 },
	{ "remove the only block item", FM, "---\ntags:\n  - a\nnext: 1\n---\n",
	  REMOVE, "tags[0]", NULL, "---\ntags: []\nnext: 1\n---\n", 0 },
	{ "remove the only nested key", FM, "---\nmeta:\n  a: 1\n---\n", REMOVE,
	  "meta.a", NULL, "---\nmeta: {}\n---\n", 0 },
	{ "remove the first key of a list item", FM,
	  "---\nl:\n  - a: 1\n    b: 2\n---\n", REMOVE, "l[0].a", NULL,
	  "---\nl:\n  - b: 2\n---\n", 0 },
	{ "remove the only key", FM, "---\na: 1\n---\nbody\n", REMOVE, "a",
	  NULL, "---\n---\nbody\n", 0 },
	{ "remove a block item with a comment", FM,
	  "---\nt:\n  - a # x\n  - b\n---\n", REMOVE, "t[0]", NULL,
	  "---\nt:\n  - b\n---\n", 0 },
	{ "remove a missing key", FM, "---\na: 1\n---\n", REMOVE, "b", NULL,
	  NULL, DP_ENOTFOUND },
	{ "remove a missing item", FM, "---\nt: [a]\n---\n", REMOVE, "t[1]",
	  NULL, NULL, DP_ENOTFOUND },

	/* the body */
	{ "body", FM, "---\na: 1\n---\nold\n", BODY, NULL, "New body\n",
	  "---\na: 1\n---\nNew body\n", 0 },
	{ "body after a --- with no newline", FM, "---\na: 1\n---", BODY, NULL,
	  "New\n", "---\na: 1\n---\nNew\n", 0 },
	{ "body emptied", FM, "---\na: 1\n---\nold\n", BODY, NULL, "",
	  "---\na: 1\n---\n", 0 },
	{ "body, CRLF", FM, "---\r\na: 1\r\n---", BODY, NULL, "x\r\n",
	  "---\r\na: 1\r\n---\r\nx\r\n", 0 },
	{ "body of a YAML file", YM, "a: 1\n", BODY, NULL, "x", NULL,
	  DP_EINVALID },
	{ "body with invalid UTF-8", FM, "---\na: 1\n---\n", BODY, NULL,
	  "bad \xC3\x28\n", NULL, DP_EINVALID },

	/* bad paths */
	{ "index out of range", FM, "---\ntags: [a]\n---\n", TEXT, "tags[5]",
	  "x", NULL, DP_ENOTFOUND },
	{ "index into a map", FM, "---\nm: {a: 1}\n---\n", TEXT, "m[0]", "x",
	  NULL, DP_EINVALID },
	{ "empty path segment", FM, "---\na: 1\n---\n", TEXT, "a..b", "x", NULL,
	  DP_EINVALID },
	{ "empty path", FM, "---\na: 1\n---\n", TEXT, "", "x", NULL,
	  DP_EINVALID },
};

static void run_case(const struct edit_case *c)
{
	static const char *const akeys[] = { "title", "due", "done" };
	static const char *const mkeys[] = { "name", "level" };
	struct dp_value items[16], avals[3], mvals[2], v;
	struct dp_buf before = DP_BUF_INIT;
	struct dp_doc d = DP_DOC_INIT;
	char *copy = NULL;
	const struct dp_node *root;
	size_t n = 0;
	int ret;

	if (parse(&d, c->in, c->mode)) {
		printf("# %s: input does not parse: %s\n", c->name,
		       dp_error_last());
		CHECK(!"input parses");
		return;
	}
	dp_buf_add(&before, d.text.ptr, d.text.len);
	root = d.root;
	switch (c->op) {
	case TEXT:
		ret = dp_doc_set_text(&d, c->path, c->arg);
		break;
	case TYPED:
		ret = dp_doc_set_typed(&d, c->path, c->arg);
		break;
	case LIST:
		copy = dp_xstrdup(c->arg);
		for (char *p = copy; *p && n < 16;) {
			char *bar = strchr(p, '|');

			if (bar)
				*bar = '\0';
			items[n++] = DP_VTEXT(p);
			if (!bar)
				break;
			p = bar + 1;
		}
		v = (struct dp_value){ DP_SEQ, NULL, 0, n, NULL, items };
		ret = dp_doc_set(&d, c->path, &v);
		break;
	case MAP:
		mvals[0] = DP_VTEXT(c->arg);
		mvals[1] = DP_VTYPED("3");
		v = (struct dp_value){ DP_MAP, NULL, 0, 2, mkeys, mvals };
		ret = dp_doc_set(&d, c->path, &v);
		break;
	case APPEND:
		v = DP_VTEXT(c->arg);
		ret = dp_doc_append(&d, c->path, &v);
		break;
	case ACTION:
		avals[0] = DP_VTEXT(c->arg);
		avals[1] = DP_VTYPED("2027-03-01");
		avals[2] = DP_VTYPED("false");
		v = (struct dp_value){ DP_MAP, NULL, 0, 3, akeys, avals };
		ret = dp_doc_append(&d, c->path, &v);
		break;
	case REMOVE:
		ret = dp_doc_remove(&d, c->path);
		break;
	default:
		ret = dp_doc_set_body(&d, c->arg, strlen(c->arg));
		break;
	}
	if (c->want) {
		test_point(ret == 0, __FILE__, __LINE__, c->name);
		if (ret)
			printf("# error: %s\n", dp_error_last());
		CHECK_STR(d.text.ptr, c->want);
	} else {
		/* a refused edit leaves the document exactly as it was */
		test_point(ret == c->code && d.root == root &&
			       d.text.len == before.len &&
			       !memcmp(d.text.ptr, before.ptr, before.len),
			   __FILE__, __LINE__, c->name);
		if (ret != c->code)
			printf("# got %d, want %d (%s)\n", ret, c->code,
			       dp_error_last());
		CHECK(!strncmp(dp_error_last(), "x.md:", 5));
	}
	free(copy);
	dp_buf_release(&before);
	dp_doc_release(&d);
}

static void test_edit_table(void)
{
	for (size_t i = 0; i < DP_ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
}

/* ---- quoting rules, one value at a time ---- */

static void check_written(const char *value, int typed, const char *want)
{
	struct dp_doc d = DP_DOC_INIT;
	struct dp_buf exp = DP_BUF_INIT;
	int ret;

	parse(&d, "---\nk: v\n---\n", FM);
	ret = typed ? dp_doc_set_typed(&d, "k", value)
		    : dp_doc_set_text(&d, "k", value);
	dp_buf_addf(&exp, "---\nk: %s\n---\n", want);
	if (ret)
		printf("# %s: %s\n", value, dp_error_last());
	CHECK_STR(d.text.ptr, exp.ptr);
	CHECK_STR(dp_doc_str(&d, "k"), value);
	dp_buf_release(&exp);
	dp_doc_release(&d);
}

static void test_quoting(void)
{
	static const char *const quoted[] = {
		"yes",        "no",
		"on",         "off",
		"true",       "True",
		"FALSE",      "y",
		"~",          "null",
		"Null",       "12",
		"1.5",        "-1",
		"+3",         ".5",
		"0x1f",       "0o17",
		"1e3",        "1_000",
		"2027-01-01", "2027-01-01 10:00:00",
		"12:30",      ".inf",
		".NaN",       "- x",
		"-x",         "?x",
		":x",         ",x",
		"[x",         "]x",
		"{x",         "}x",
		"&x",         "*x",
		"!x",         "|x",
		">x",         "'x",
		"%x",         "@x",
		"`x",         "#x",
		"a: b",       "a #b",
		"x ",         " x",
		"a:",         "",
	};
	static const char *const plain[] = {
		"x",     "hello world",  "x#y",
		"a:b",   "http://x.y/z", "12 angry men",
		"it's",  "say \"hi\"",   "Ünïcødé 🛠️",
		"a - b", "C++ & Go",     "50%",
	};
	struct dp_buf want = DP_BUF_INIT;

	for (size_t i = 0; i < DP_ARRAY_SIZE(quoted); i++) {
		dp_buf_reset(&want);
		dp_buf_addf(&want, "\"%s\"", quoted[i]);
		check_written(quoted[i], 0, want.ptr);
	}
	for (size_t i = 0; i < DP_ARRAY_SIZE(plain); i++)
		check_written(plain[i], 0, plain[i]);
	check_written("\"x", 0, "\"\\\"x\"");
	check_written("a\\b\"c", 0, "a\\b\"c");
	check_written("a\x7f", 0, "\"a\\x7F\"");
	check_written("\xEF\xBB\xBFx", 0, "\"\\uFEFFx\"");
	check_written("true", 1, "true");
	check_written("2027-06-30", 1, "2027-06-30");
	check_written("~", 1, "~");
	dp_buf_release(&want);
}

/* ---- parsing ---- */

static const struct dp_node *key_node(const struct dp_node *map,
				      const char *key)
{
	for (size_t i = 0; map && i < map->n; i++)
		if (!strcmp(map->keys[i]->str, key))
			return map->keys[i];
	return NULL;
}

static int span_is(const struct dp_doc *d, const struct dp_node *n,
		   const char *text)
{
	return n && n->end - n->start == strlen(text) &&
	       !memcmp(d->text.ptr + n->start, text, strlen(text));
}

static void test_parse_goal(void)
{
	struct dp_doc d = DP_DOC_INIT;
	const struct dp_node *n, *a;
	const char *body;
	size_t len;

	CHECK_INT(parse(&d, GOAL, FM), 0);
	CHECK_INT(d.yaml_start, 4);
	CHECK(!strncmp(d.text.ptr + d.yaml_end, "---\nWhy", 7));
	CHECK_INT(d.crlf, 0);
	body = dp_doc_body(&d, &len);
	CHECK_STR(body, "Why this matters to me, in my own words.\n");
	CHECK_INT(len, strlen(body));
	CHECK(d.root->type == DP_MAP && d.root->style == DP_STYLE_BLOCK);
	CHECK_INT(d.root->n, 9);
	CHECK_INT(d.root->line, 2);
	CHECK_INT(d.root->col, 1);
	CHECK(span_is(&d, d.root->keys[0], "title"));

	n = dp_doc_lookup(&d, "title");
	CHECK(span_is(&d, n, "Become fluent in Rust for systems work"));
	CHECK_INT(n->line, 2);
	CHECK_INT(n->col, 8);
	CHECK(n->style == DP_STYLE_PLAIN);

	n = dp_doc_lookup(&d, "status");
	CHECK(span_is(&d, n, "active")); /* the comment is not in the span */
	CHECK_INT(n->line, 3);
	CHECK_INT(n->col, 9);
	CHECK_STR(dp_doc_str(&d, "progress"), "30");
	CHECK_STR(dp_doc_str(&d, "due"), "2027-06-30");

	n = dp_doc_lookup(&d, "competencies");
	CHECK(n->type == DP_SEQ && n->style == DP_STYLE_FLOW && n->n == 1);
	CHECK(span_is(&d, n, "[systems-programming]"));
	CHECK_STR(dp_doc_str(&d, "competencies[0]"), "systems-programming");

	a = dp_doc_lookup(&d, "actions");
	CHECK(a->type == DP_SEQ && a->style == DP_STYLE_BLOCK && a->n == 2);
	CHECK_INT(a->line, 10);
	CHECK_INT(a->col, 3); /* the first dash */
	CHECK(d.text.ptr[a->start] == '-');
	/* a block collection ends with its last scalar */
	CHECK(!strncmp(d.text.ptr + a->end - 5, "false\nsuccess", 13));
	n = a->items[0];
	CHECK(n->type == DP_MAP && n->style == DP_STYLE_BLOCK && n->n == 4);
	CHECK_INT(n->line, 10);
	CHECK_INT(n->col, 5);
	CHECK(!strncmp(d.text.ptr + n->end - 4, "true\n", 5));
	CHECK_STR(dp_doc_str(&d, "actions[1].title"),
		  "Pair on the parser rewrite");
	CHECK_STR(dp_doc_str(&d, "actions[1].done"), "false");
	n = dp_doc_lookup(&d, "actions[0].resource");
	CHECK_INT(n->line, 12);
	CHECK_INT(n->col, 15);
	CHECK(key_node(a->items[0], "resource")->col == 5);
	CHECK(dp_doc_lookup(&d, "actions[2]") == NULL);
	CHECK(dp_doc_lookup(&d, "actions[0].nope") == NULL);
	CHECK(dp_doc_lookup(&d, "title.x") == NULL);
	CHECK(dp_doc_lookup(&d, "title[0]") == NULL);
	CHECK(dp_doc_str(&d, "actions") == NULL);
	CHECK(dp_node_get(d.root, "success") != NULL);
	CHECK(dp_node_get(n, "x") == NULL);
	CHECK(dp_node_get(NULL, "x") == NULL);
	dp_doc_release(&d);
	dp_doc_release(&d); /* twice is fine */
	dp_doc_release(NULL);
}

static void test_parse_spans(void)
{
	struct dp_doc d = DP_DOC_INIT;
	const struct dp_node *n;

	/* columns count characters; offsets count bytes */
	CHECK_INT(parse(&d,
			"---\nt: [é, x] # ü\n"
			"q: \"a\\tb\"\n"
			"s: 'it''s'\n"
			"lit: |-\n  one\n  two\n\n# after\n"
			"f: >\n  a\n  b\n"
			"e:\n"
			"m:\n  k: {a: 1}\n  # end of m\n"
			"---\nbody",
			FM),
		  0);
	n = dp_doc_lookup(&d, "t[1]");
	CHECK(span_is(&d, n, "x"));
	CHECK_INT(n->line, 2);
	CHECK_INT(n->col, 8);
	CHECK_INT(n->start, 4 + 8);
	n = dp_doc_lookup(&d, "q");
	CHECK(span_is(&d, n, "\"a\\tb\""));
	CHECK_STR(n->str, "a\tb");
	CHECK(n->style == DP_STYLE_DOUBLE);
	n = dp_doc_lookup(&d, "s");
	CHECK(span_is(&d, n, "'it''s'") && n->style == DP_STYLE_SINGLE);
	CHECK_STR(n->str, "it's");
	n = dp_doc_lookup(&d, "lit");
	CHECK(span_is(&d, n, "|-\n  one\n  two"));
	CHECK(n->style == DP_STYLE_LITERAL);
	CHECK_STR(n->str, "one\ntwo");
	n = dp_doc_lookup(&d, "f");
	CHECK(span_is(&d, n, ">\n  a\n  b") && n->style == DP_STYLE_FOLDED);
	CHECK_STR(n->str, "a b\n");
	n = dp_doc_lookup(&d, "e");
	CHECK(n && n->type == DP_SCALAR && n->start == n->end);
	CHECK_STR(n->str, "");
	n = dp_doc_lookup(&d, "m");
	CHECK(span_is(&d, n, "k: {a: 1}")); /* not the comment after it */
	CHECK_INT(n->line, 15);
	CHECK_INT(n->col, 3);
	n = dp_doc_lookup(&d, "m.k");
	CHECK(n->type == DP_MAP && n->style == DP_STYLE_FLOW);
	CHECK(span_is(&d, n, "{a: 1}"));
	CHECK_INT(d.root->end, dp_doc_lookup(&d, "m")->end);
	CHECK_STR(dp_doc_body(&d, NULL), "body");
	dp_doc_release(&d);

	/* CRLF */
	CHECK_INT(parse(&d, "---\r\na: 1\r\nb:\r\n  - x\r\n---\r\nB\r\n", FM),
		  0);
	CHECK_INT(d.crlf, 1);
	n = dp_doc_lookup(&d, "b[0]");
	CHECK(span_is(&d, n, "x"));
	CHECK_INT(n->line, 4);
	CHECK_INT(n->col, 5);
	CHECK(span_is(&d, dp_doc_lookup(&d, "b"), "- x"));
	CHECK_STR(dp_doc_body(&d, NULL), "B\r\n");
	dp_doc_release(&d);

	/* "..." also closes; a UTF-8 byte order mark is skipped */
	CHECK_INT(parse(&d, "\xEF\xBB\xBF---\na: 1\n...\nrest\n", FM), 0);
	CHECK_STR(dp_doc_str(&d, "a"), "1");
	CHECK_STR(dp_doc_body(&d, NULL), "rest\n");
	dp_doc_release(&d);

	/* YAML mode: the whole file */
	CHECK_INT(parse(&d, "org: Acme\npolicy:\n  admins: [ann]\n", YM), 0);
	CHECK_INT(d.yaml_start, 0);
	CHECK_INT(d.yaml_end, d.text.len);
	CHECK_STR(dp_doc_str(&d, "policy.admins[0]"), "ann");
	CHECK_STR(dp_doc_body(&d, NULL), "");
	dp_doc_release(&d);

	/* core tags are fine */
	CHECK_INT(parse(&d, "---\na: !!str 12\nb: !!int \"3\"\n---\n", FM), 0);
	CHECK_STR(dp_doc_str(&d, "a"), "12");
	dp_doc_release(&d);

	/* a tab after "- " (valid YAML that libyaml refuses) */
	CHECK_INT(parse(&d, "---\nl:\n  -\t\"x\"\n  - y\n---\n", FM), 0);
	CHECK_STR(dp_doc_str(&d, "l[0]"), "x");
	CHECK(span_is(&d, dp_doc_lookup(&d, "l[0]"), "\"x\""));
	dp_doc_release(&d);
}

static void test_empty(void)
{
	struct dp_doc d = DP_DOC_INIT;

	CHECK_INT(parse(&d, "---\n---\nbody\n", FM), 0);
	CHECK(d.root && d.root->type == DP_MAP && d.root->n == 0);
	CHECK_STR(dp_doc_body(&d, NULL), "body\n");
	dp_doc_release(&d);
	CHECK_INT(parse(&d, "---\n# only a comment\n\n---\n", FM), 0);
	CHECK(d.root && d.root->type == DP_MAP && d.root->n == 0);
	dp_doc_release(&d);
	CHECK_INT(parse(&d, "", YM), 0);
	CHECK(d.root && d.root->type == DP_MAP && d.root->n == 0);
	dp_doc_release(&d);
	CHECK_INT(parse(&d, "---\n", YM), 0);
	CHECK(d.root && d.root->type == DP_MAP && d.root->n == 0);
	dp_doc_release(&d);
}

/* ---- errors and limits ---- */

static void check_err(const char *text, enum dp_doc_mode mode, int code,
		      const char *want)
{
	int got;
	const char *msg = parse_err(text, mode, &got);

	CHECK_INT(got, code);
	CHECK_STR(msg, want);
}

static void test_errors(void)
{
	check_err("# title\n", FM, DP_EINVALID,
		  "x.md:1:1: no front matter (a record starts with a '---' "
		  "line)");
	check_err("---\na: 1\nb: 2\n", FM, DP_EINVALID,
		  "x.md:1:1: front matter never ends");
	check_err("---\n- a\n- b\n---\n", FM, DP_EINVALID,
		  "x.md:2:1: front matter is not a mapping");
	check_err("---\njust text\n---\n", FM, DP_EINVALID,
		  "x.md:2:1: front matter is not a mapping");
	check_err("[1, 2]\n", YM, DP_EINVALID,
		  "x.md:1:1: the YAML document is not a mapping");
	check_err("---\na: 1\nb: 2\na: 3\n---\n", FM, DP_EINVALID,
		  "x.md:4:1: duplicate key 'a' (first on line 2)");
	check_err("---\nm:\n  x: 1\n  'x': 2\n---\n", FM, DP_EINVALID,
		  "x.md:4:3: duplicate key 'x' (first on line 3)");
	check_err("---\na: &x 1\nb: 2\n---\n", FM, DP_EINVALID,
		  "x.md:2:4: anchors are not allowed ('&x')");
	check_err("---\na: *x\n---\n", FM, DP_EINVALID,
		  "x.md:2:4: aliases are not allowed ('*x')");
	check_err("---\na: &a [\"lol\",\"lol\",\"lol\"]\n"
		  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
		  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\n",
		  FM, DP_EINVALID, "x.md:2:4: anchors are not allowed ('&a')");
	check_err("---\na: !!python/object:os.system x\n---\n", FM, DP_EINVALID,
		  "x.md:2:4: tag 'tag:yaml.org,2002:python/object:os.system' "
		  "is not allowed");
	check_err("---\na: !custom x\n---\n", FM, DP_EINVALID,
		  "x.md:2:4: tag '!custom' is not allowed");
	check_err("---\n? [a, b]\n: 1\n---\n", FM, DP_EINVALID,
		  "x.md:2:3: a key must be a scalar, not a list");
	check_err("---\na: \"x\\0y\"\n---\n", FM, DP_EINVALID,
		  "x.md:2:4: a value holds a NUL character");
	check_err("a: 1\n---\nb: 2\n", YM, DP_EINVALID,
		  "x.md:2:1: more than one YAML document");
	check_err("---\na: 1\nb: [x\n---\n", FM, DP_EINVALID,
		  "x.md:4:1: invalid YAML: did not find expected ',' or ']' "
		  "(while parsing a flow sequence)");
	check_err("---\na: b: c\n---\n", FM, DP_EINVALID,
		  "x.md:2:5: invalid YAML: mapping values are not allowed in "
		  "this context");
	check_err("---\na: 1\n\x01: 2\n---\n", FM, DP_EINVALID,
		  "x.md:3:1: invalid YAML: control characters are not allowed");
	/* a tab inside a literal is content: it is not read as a space */
	check_err("---\nlit: |\n  -\tx\nl:\n  -\ty\n---\n", FM, DP_EINVALID,
		  "x.md:5:4: invalid YAML: found character that cannot start "
		  "any token (while scanning for the next token)");
}

static void test_utf8(void)
{
	unsigned line = 0;

	CHECK_INT(dp_utf8_check("a\nb\xC3\xA9\n", 6, &line), 0);
	CHECK_INT(dp_utf8_check("a\nb\n\xC3\x28", 6, &line), DP_EINVALID);
	CHECK_INT(line, 3);
	CHECK_INT(dp_utf8_check("a\0b", 3, &line), DP_EINVALID);
	CHECK_INT(line, 1);
	CHECK_INT(dp_utf8_check("\xC0\xAF", 2, &line),
		  DP_EINVALID); /* overlong */
	CHECK_INT(dp_utf8_check("\xED\xA0\x80", 3, &line),
		  DP_EINVALID); /* surrogate */
	CHECK_INT(dp_utf8_check("\xF4\x90\x80\x80", 4, &line), DP_EINVALID);
	CHECK_INT(dp_utf8_check("\xE2\x82", 2, &line), DP_EINVALID); /* cut */
	CHECK_INT(dp_utf8_check("\xF0\x9F\x9B\xA0", 4, &line), 0);

	check_err("---\na: 1\nb: \xFF\n---\n", FM, DP_EINVALID,
		  "x.md:3:4: invalid UTF-8");
	check_err("---\na: 1\n---\nbody\n\nbad \xC3\x28\n", FM, DP_EINVALID,
		  "x.md:6:5: invalid UTF-8");
	{
		struct dp_doc d = DP_DOC_INIT;
		static const char nul[] = "---\na: 1\n---\nbo\0dy\n";
		int ret = dp_doc_parse(&d, "x.md", nul, sizeof(nul) - 1, FM);

		CHECK_INT(ret, DP_EINVALID);
		CHECK_STR(dp_error_last(), "x.md:4:3: NUL byte");
		dp_doc_release(&d);
	}
}

/*
 * Front matter on one very long line (a 64 KiB flow list): it parses, and
 * the positions of its items are right at the far end (bench/ times it).
 */
static void test_long_line(void)
{
	struct dp_buf b = DP_BUF_INIT;
	struct dp_doc d = DP_DOC_INIT;
	const struct dp_node *list, *last;
	size_t n = 0;

	dp_buf_adds(&b, "---\nlist: [");
	while (b.len < DP_FM_MAX_YAML - 16) {
		dp_buf_addf(&b, "%sitem%zu", n ? ", " : "", n);
		n++;
	}
	dp_buf_adds(&b, "]\n\xc3\xa9: x\n---\n");
	CHECK_INT(dp_doc_parse(&d, "x.md", b.ptr, b.len, FM), 0);
	list = dp_doc_lookup(&d, "list");
	CHECK(list && list->type == DP_SEQ && list->n == n);
	if (list && list->n == n) {
		last = list->items[n - 1];
		CHECK_INT(last->line, 2);
		CHECK_INT(last->col, last->start - 4 + 1);
	}
	last = d.root ? d.root->keys[1] : NULL;
	CHECK(last && last->line == 3 && last->col == 1);
	last = dp_doc_lookup(&d, "\xc3\xa9");
	CHECK(last && last->line == 3 && last->col == 4);
	dp_doc_release(&d);
	dp_buf_release(&b);
}

static void test_limits(void)
{
	struct dp_buf b = DP_BUF_INIT;
	struct dp_doc d = DP_DOC_INIT;
	int ret;

	/* 1 MiB file: the limit itself is fine, one byte more is not */
	dp_buf_adds(&b, "---\na: 1\n---\n");
	while (b.len < DP_FM_MAX_FILE)
		dp_buf_addch(&b, b.len % 64 ? 'x' : '\n');
	CHECK_INT(dp_doc_parse(&d, "x.md", b.ptr, b.len, FM), 0);
	dp_doc_release(&d);
	dp_buf_addch(&b, 'x');
	ret = dp_doc_parse(&d, "x.md", b.ptr, b.len, FM);
	CHECK_INT(ret, DP_ETOOBIG);
	CHECK_STR(dp_error_last(),
		  "x.md:1:1: file is too big (1048577 bytes, limit 1048576)");
	CHECK(d.root == NULL && d.text.len == 0);

	/* 64 KiB of front matter */
	dp_buf_reset(&b);
	dp_buf_adds(&b, "---\n");
	for (int i = 0; b.len < 4 + DP_FM_MAX_YAML - 40; i++)
		dp_buf_addf(&b, "k%05d: value\n", i);
	dp_buf_adds(&b, "---\n");
	CHECK_INT(dp_doc_parse(&d, "x.md", b.ptr, b.len, FM), 0);
	dp_doc_release(&d);
	dp_buf_setlen(&b, b.len - 4);
	while (b.len < 4 + DP_FM_MAX_YAML + 1)
		dp_buf_adds(&b, "# padding\n");
	dp_buf_adds(&b, "---\nbody\n");
	ret = dp_doc_parse(&d, "x.md", b.ptr, b.len, FM);
	CHECK_INT(ret, DP_ETOOBIG);
	CHECK(strstr(dp_error_last(), "x.md:2:1: front matter is too big") ==
	      dp_error_last());

	/* a plain YAML document (the catalog) is bounded by the file limit */
	dp_buf_reset(&b);
	for (int i = 0; b.len < DP_FM_MAX_YAML + 4096; i++)
		dp_buf_addf(&b, "k%05d: value\n", i);
	CHECK_INT(dp_doc_parse(&d, "c.yaml", b.ptr, b.len, DP_DOC_YAML), 0);
	dp_doc_release(&d);

	/* depth: the root is level 1; 32 levels pass, 33 do not */
	dp_buf_reset(&b);
	dp_buf_adds(&b, "---\na: ");
	for (int i = 0; i < 31; i++)
		dp_buf_addch(&b, '[');
	for (int i = 0; i < 31; i++)
		dp_buf_addch(&b, ']');
	dp_buf_adds(&b, "\n---\n");
	CHECK_INT(dp_doc_parse(&d, "x.md", b.ptr, b.len, FM), 0);
	dp_doc_release(&d);
	dp_buf_reset(&b);
	dp_buf_adds(&b, "---\na: ");
	for (int i = 0; i < 32; i++)
		dp_buf_adds(&b, "[x, ");
	dp_buf_adds(&b, "\n---\n");
	ret = dp_doc_parse(&d, "x.md", b.ptr, b.len, FM);
	CHECK_INT(ret, DP_ETOOBIG);
	CHECK_STR(dp_error_last(), "x.md:2:128: nesting deeper than 32 levels");
	/* the pre-scan refuses 33 brackets before libyaml sees them */
	dp_buf_reset(&b);
	for (int i = 0; i < 50000; i++)
		dp_buf_addch(&b, i % 2 ? '[' : '{');
	ret = dp_doc_parse(&d, "x.yaml", b.ptr, b.len, YM);
	CHECK_INT(ret, DP_ETOOBIG);
	CHECK_STR(dp_error_last(),
		  "x.yaml:1:33: nesting deeper than 32 levels");
	/* brackets in quotes, comments and plain text do not count */
	dp_buf_reset(&b);
	dp_buf_adds(&b, "---\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n");
	dp_buf_adds(&b, "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n");
	dp_buf_adds(&b, "b: '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'\n");
	dp_buf_adds(&b, "c: it's [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n");
	dp_buf_adds(&b, "---\n");
	CHECK_INT(dp_doc_parse(&d, "x.md", b.ptr, b.len, FM), 0);
	dp_doc_release(&d);

	/* block nesting: 31 nested keys under the root pass, 32 do not */
	for (int depth = 31; depth <= 32; depth++) {
		dp_buf_reset(&b);
		dp_buf_adds(&b, "---\n");
		for (int i = 0; i < depth; i++) {
			for (int j = 0; j < i; j++)
				dp_buf_adds(&b, "  ");
			dp_buf_addf(&b, "k%d:\n", i);
		}
		for (int j = 0; j < depth; j++)
			dp_buf_adds(&b, "  ");
		dp_buf_adds(&b, "leaf: 1\n---\n");
		ret = dp_doc_parse(&d, "x.md", b.ptr, b.len, FM);
		if (depth == 31) {
			CHECK_INT(ret, 0);
		} else {
			CHECK_INT(ret, DP_ETOOBIG);
			CHECK_STR(dp_error_last(),
				  "x.md:34:65: nesting deeper than 32 levels");
		}
		dp_doc_release(&d);
	}
	dp_buf_release(&b);
}

/* An edit that would break the file is refused and changes nothing. */
static void test_failures_keep_doc(void)
{
	static const char in[] = "---\na: 1 # c\nl: [x]\n---\nbody\n";
	struct dp_doc d = DP_DOC_INIT;
	struct dp_value bad = { DP_MAP, NULL, 0, 1, NULL, NULL };
	static const char *const dupk[] = { "k", "k" };
	struct dp_value two[2] = { DP_VTEXT("1"), DP_VTEXT("2") };
	struct dp_value dup = { DP_MAP, NULL, 0, 2, dupk, two };
	struct dp_buf big = DP_BUF_INIT;
	const struct dp_node *root;
	int ret;

	parse(&d, in, FM);
	root = d.root;
	CHECK_INT(dp_doc_set(&d, "a", &bad), DP_EINVALID); /* no keys */
	CHECK_INT(dp_doc_set_text(&d, "a", "bad \xC3\x28"), DP_EINVALID);
	CHECK_INT(dp_doc_set_typed(&d, "a", "x # y"), DP_EINVALID);
	ret = dp_doc_set(&d, "m", &dup);
	CHECK_INT(ret, DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "x.md:2:1: cannot change 'm' without breaking the file");
	CHECK_INT(dp_doc_set_text(&d, "l[1]", "y"), DP_ENOTFOUND);
	CHECK_INT(dp_doc_remove(&d, "l[0].x"), DP_ENOTFOUND);
	while (big.len < DP_FM_MAX_YAML)
		dp_buf_adds(&big, "lorem ipsum ");
	CHECK_INT(dp_doc_set_text(&d, "a", big.ptr), DP_ETOOBIG);
	CHECK(d.root == root);
	CHECK_STR(d.text.ptr, in);
	CHECK_STR(dp_doc_str(&d, "a"), "1");
	dp_buf_release(&big);
	dp_doc_release(&d);
}

/* Edits compose, and an append undone by a remove restores the bytes. */
static void test_sequences_of_edits(void)
{
	static const char *const keys[] = { "title", "done" };
	struct dp_value vals[2] = { DP_VTEXT("Ship it: v2"),
				    DP_VTYPED("false") };
	struct dp_value act = { DP_MAP, NULL, 0, 2, keys, vals };
	struct dp_doc d = DP_DOC_INIT;

	parse(&d, GOAL, FM);
	CHECK_INT(dp_doc_append(&d, "actions", &act), 0);
	CHECK_STR(dp_doc_str(&d, "actions[2].title"), "Ship it: v2");
	CHECK(strstr(d.text.ptr, "  - title: \"Ship it: v2\"\n    done: false\n"
				 "success:") != NULL);
	CHECK_INT(dp_doc_set_typed(&d, "actions[2].done", "true"), 0);
	CHECK_STR(dp_doc_str(&d, "actions[2].done"), "true");
	CHECK_INT(dp_doc_remove(&d, "actions[2]"), 0);
	CHECK_STR(d.text.ptr, GOAL);
	CHECK_INT(dp_doc_append(&d, "competencies", &vals[0]), 0);
	CHECK_INT(dp_doc_remove(&d, "competencies[1]"), 0);
	CHECK_STR(d.text.ptr, GOAL);
	CHECK_INT(dp_doc_set_text(&d, "mentor", "bob"), 0);
	CHECK_INT(dp_doc_remove(&d, "mentor"), 0);
	CHECK_STR(d.text.ptr, GOAL);
	dp_doc_release(&d);
}

/* ---- real files ---- */

/* Is `got` equal to `orig` with line `line` (1-based) replaced by `repl`? */
static int same_but_line(const char *orig, const char *got, unsigned line,
			 const char *repl)
{
	struct dp_buf want = DP_BUF_INIT;
	const char *p = orig, *e;
	unsigned l = 1;
	int ok;

	while (l < line && (e = strchr(p, '\n'))) {
		p = e + 1;
		l++;
	}
	e = strchr(p, '\n');
	dp_buf_add(&want, orig, (size_t)(p - orig));
	dp_buf_adds(&want, repl);
	dp_buf_adds(&want, e ? e : "");
	ok = !strcmp(want.ptr, got);
	dp_buf_release(&want);
	return ok;
}

static void test_fixture(const char *path, const char *text, size_t len)
{
	struct dp_doc d = DP_DOC_INIT;
	const struct dp_node *n;
	struct dp_buf line = DP_BUF_INIT;
	char *orig;
	int ret = dp_doc_parse(&d, path, text, len, FM);

	if (len < 3 || memcmp(text, "---", 3)) {
		/* README.md, SOURCE.md: plain Markdown */
		CHECK_INT(ret, DP_EINVALID);
		CHECK(strstr(dp_error_last(), ":1:1: no front matter") != NULL);
		return;
	}
	test_point(ret == 0, __FILE__, __LINE__, path);
	if (ret) {
		printf("# %s\n", dp_error_last());
		return;
	}
	CHECK(dp_doc_str(&d, "title") != NULL);
	CHECK(dp_doc_lookup(&d, "topics[0].content[0].criteria[0]") != NULL);
	orig = dp_xstrndup(d.text.ptr, d.text.len);

	/* every top-level scalar set to its own value: not a byte moves */
	for (size_t i = 0; i < d.root->n; i++) {
		char *key = dp_xstrdup(d.root->keys[i]->str);

		n = d.root->items[i];
		if (n->type == DP_SCALAR && n->start < n->end) {
			char *val = dp_xstrdup(n->str);

			/* plain values such as 6 or true are typed */
			ret = n->style == DP_STYLE_PLAIN
				  ? dp_doc_set_typed(&d, key, val)
				  : dp_doc_set_text(&d, key, val);
			if (ret)
				printf("# %s: %s\n", key, dp_error_last());
			free(val);
		}
		free(key);
	}
	test_point(!strcmp(d.text.ptr, orig), __FILE__, __LINE__,
		   "fixture unchanged by setting each key to its value");

	/* a new title changes that line alone */
	n = dp_doc_lookup(&d, "title");
	CHECK(n && n->line == 3);
	dp_buf_adds(&line, "title: \"A new: title\"");
	CHECK_INT(dp_doc_set_text(&d, "title", "A new: title"), 0);
	CHECK(same_but_line(orig, d.text.ptr, 3, line.ptr));

	/* a deep criterion, appended then removed */
	{
		struct dp_value v = DP_VTEXT("Writes tests: always");
		const struct dp_node *c =
		    dp_doc_lookup(&d, "topics[0].content[0].criteria");
		size_t cn = c ? c->n : 0;
		struct dp_buf p = DP_BUF_INIT;

		CHECK_INT(
		    dp_doc_append(&d, "topics[0].content[0].criteria", &v), 0);
		dp_buf_addf(&p, "topics[0].content[0].criteria[%zu]", cn);
		CHECK_STR(dp_doc_str(&d, p.ptr), "Writes tests: always");
		CHECK_INT(dp_doc_remove(&d, p.ptr), 0);
		CHECK_INT(dp_doc_set_text(&d, "title", dp_doc_str(&d, "title")),
			  0);
		CHECK(same_but_line(orig, d.text.ptr, 3, line.ptr));
		dp_buf_release(&p);
	}
	free(orig);
	dp_buf_release(&line);
	dp_doc_release(&d);
}

static void test_fixtures(void)
{
	const char *dir = FIXTURES "/monzo-progression-framework";
	DIR *dh = opendir(dir);
	struct dirent *ent;
	struct dp_strlist files = DP_STRLIST_INIT;
	size_t with_fm = 0;

	CHECK(dh != NULL);
	if (!dh)
		return;
	while ((ent = readdir(dh)))
		if (dp_ends_with(ent->d_name, ".md"))
			dp_strlist_push(&files, ent->d_name);
	closedir(dh);
	dp_strlist_sort(&files);
	CHECK(files.len >= 5);
	for (size_t i = 0; i < files.len; i++) {
		struct dp_buf path = DP_BUF_INIT, text = DP_BUF_INIT;
		char chunk[4096];
		size_t got;
		FILE *f;

		dp_buf_addf(&path, "%s/%s", dir, files.items[i]);
		f = fopen(path.ptr, "rb");
		CHECK(f != NULL);
		while (f && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
			dp_buf_add(&text, chunk, got);
		if (f)
			fclose(f);
		if (text.len >= 3 && !memcmp(text.ptr, "---", 3))
			with_fm++;
		test_fixture(path.ptr, text.ptr, text.len);
		dp_buf_release(&path);
		dp_buf_release(&text);
	}
	CHECK_INT(with_fm, 5);
	dp_strlist_release(&files);
}

/* ---- the reader of fm-fast.c against libyaml ---- */

/* A node tree as text, positions and all, to compare two parses. */
static void dump_node(struct dp_buf *b, const struct dp_node *n)
{
	dp_buf_addf(b, "(%d %d %zu-%zu %u:%u", (int)n->type, (int)n->style,
		    n->start, n->end, n->line, n->col);
	if (n->type == DP_SCALAR)
		dp_buf_addf(b, " [%s] %s", n->str, n->tag ? n->tag : "-");
	for (size_t i = 0; i < n->n; i++) {
		if (n->keys)
			dump_node(b, n->keys[i]);
		dump_node(b, n->items[i]);
	}
	dp_buf_addch(b, ')');
}

/* What parsing `text` gives (code, then the tree or the error), `fast`. */
static void dump_parse(struct dp_buf *b, const char *text, size_t len,
		       enum dp_doc_mode mode, int fast)
{
	struct dp_doc d = DP_DOC_INIT;
	int ret;

	dp_fm_fast(fast);
	ret = dp_doc_parse(&d, "x.md", text, len, mode);
	dp_buf_addf(b, "%d ", ret);
	if (ret < 0)
		dp_buf_adds(b, dp_error_last());
	else
		dump_node(b, d.root);
	dp_doc_release(&d);
	dp_error_clear();
	dp_fm_fast(1);
}

static int fast_accepted, fast_compared, fast_differ;

/* 1 if `text` parses the same with and without fm-fast.c. */
static int same_both_ways(const char *text, size_t len, enum dp_doc_mode mode)
{
	struct dp_buf a = DP_BUF_INIT, b = DP_BUF_INIT, y = DP_BUF_INIT;
	struct dp_doc d = DP_DOC_INIT;
	struct dp_fm_events *evs = dp_xmalloc(sizeof(*evs));
	int same;

	dump_parse(&a, text, len, mode, 1);
	dump_parse(&b, text, len, mode, 0);
	same = !strcmp(a.ptr, b.ptr);
	/* Did fm-fast.c read it? (split as dp_doc_parse does) */
	dp_fm_fast(0);
	if (dp_doc_parse(&d, "x.md", text, len, mode) == 0 &&
	    dp_fm_fast_scan(d.text.ptr + d.yaml_start,
			    d.yaml_end - d.yaml_start, evs))
		fast_accepted++;
	dp_fm_fast(1);
	dp_doc_release(&d);
	dp_error_clear();
	fast_compared++;
	if (!same && fast_differ++ < 5) {
		dp_buf_add(&y, text, len);
		printf("# input: [%s]\n# fast:    %s\n# libyaml: %s\n", y.ptr,
		       a.ptr, b.ptr);
	}
	free(evs);
	dp_buf_release(&a);
	dp_buf_release(&b);
	dp_buf_release(&y);
	return same;
}

static const char *const fast_seeds[] = {
	"---\ntitle: \"Goal 3 of p09175\"\nstatus: active   # proposed | "
	"draft | active | blocked | done | dropped\ntype: skill\ncreated: "
	"2026-01-04\ndue: 2027-04-15\nprogress: 30\ncompetencies: "
	"[systems-programming]\nactions:\n  - title: First step for goal "
	"3\n    due: 2027-01-31\n    done: true\n  - title: Second step for "
	"goal 3\n    done: false\nsuccess: Something shipped\n---\nWhy.\n",
	"---\nname: Person 9175\nemail: p09175@example.com\nrole: "
	"engineer\nmanager: p00917\nmentor: \"\"\nteam: team-917\n---\nBody\n",
	"---\n# a comment first\ntitle: 'single quoted'\n\n  # indented "
	"comment\ntags: [a, b.c, d-e , f_g,h]\nempty: []\nspaced: [ ]\n"
	"nested:\n  deeper:\n    deepest: x\n  back: y\nlist:\n- "
	"unindented\n---\n",
	"---\nk: v  \nk2: \"q\"  # c\nk3: a b  c\nseq:\n  -   spaced: 1\n"
	"      more: 2\n  - plain item\n  - \"quoted item\"\n  - [x, y]\n"
	"trail: ~\n---\n",
	"---\ndup: 1\ndup: 2\n---\n",
	"---\na:\n  - x\n  -\n    y: 1\nb: c # d\ne: f#g\nh: i:j\n---\n",
	"---\nkey:\nnext: 1\n---\n",
	"---\nkey:\n  - a\n - b\n---\n",
	"---\nt: it's fine, really (no) +1 $5 ~x /p .q\nu: \"a 'b' c\"\n---\n",
};

static const char *const fast_yaml_seeds[] = {
	"org: Bench Corp\nschema: 1\npolicy:\n  admins: []\n  review: goals\n",
	"competencies:\n  - id: systems-programming\n    name: Systems\n"
	"    levels: [1, 2, 3]\n",
};

static unsigned long fast_rng = 2463534242UL;

static unsigned fast_rand(unsigned n)
{
	fast_rng ^= fast_rng << 13;
	fast_rng ^= fast_rng >> 7;
	fast_rng ^= fast_rng << 17;
	return (unsigned)(fast_rng % n);
}

/* A seed changed in a few places, with characters YAML cares about. */
static void mutate(struct dp_buf *out, const char *seed, int yaml)
{
	static const char alphabet[] = " -:#\"'[],\n\tab1{}|>&*!?%@`\\.~";
	size_t start = yaml ? 0 : 4, edits = 1 + fast_rand(3);

	dp_buf_reset(out);
	dp_buf_adds(out, seed);
	for (size_t e = 0; e < edits; e++) {
		size_t len = out->len, body = len;
		const char *end = yaml ? NULL : strstr(out->ptr + 4, "\n---");
		size_t at;
		char c = alphabet[fast_rand(sizeof(alphabet) - 1)];

		if (end)
			body = (size_t)(end - out->ptr) + 1;
		if (body <= start)
			break;
		at = start + fast_rand((unsigned)(body - start));
		switch (fast_rand(3)) {
		case 0: /* replace */
			out->ptr[at] = c;
			break;
		case 1: /* insert */
			dp_buf_addch(out, ' ');
			memmove(out->ptr + at + 1, out->ptr + at, len - at);
			out->ptr[at] = c;
			break;
		default: /* delete */
			memmove(out->ptr + at, out->ptr + at + 1, len - at - 1);
			dp_buf_setlen(out, len - 1);
			break;
		}
	}
}

static void test_fast_reader(void)
{
	size_t nseeds = sizeof(fast_seeds) / sizeof(*fast_seeds);
	size_t nyaml = sizeof(fast_yaml_seeds) / sizeof(*fast_yaml_seeds);
	struct dp_buf m = DP_BUF_INIT;
	int all = 1, seeds_read;

	for (size_t i = 0; i < nseeds; i++)
		all &= same_both_ways(fast_seeds[i], strlen(fast_seeds[i]), FM);
	for (size_t i = 0; i < nyaml; i++)
		all &= same_both_ways(fast_yaml_seeds[i],
				      strlen(fast_yaml_seeds[i]), YM);
	seeds_read = fast_accepted;
	CHECK(all);
	/* The records devplan writes are read without libyaml. */
	CHECK(seeds_read >= 6);
	for (int round = 0; round < 20000; round++) {
		int yaml = round % 5 == 4;
		const char *seed =
		    yaml ? fast_yaml_seeds[fast_rand((unsigned)nyaml)]
			 : fast_seeds[fast_rand((unsigned)nseeds)];

		mutate(&m, seed, yaml);
		all &= same_both_ways(m.ptr, m.len, yaml ? YM : FM);
	}
	printf("# fm-fast.c read %d of %d inputs; %d differed\n", fast_accepted,
	       fast_compared, fast_differ);
	CHECK(all);
	CHECK_INT(fast_differ, 0);
	/* Many of the changed ones are still read without libyaml. */
	CHECK(fast_accepted > 2000);
	dp_buf_release(&m);
}

int main(void)
{
	test_parse_goal();
	test_parse_spans();
	test_empty();
	test_errors();
	test_utf8();
	test_limits();
	test_long_line();
	test_edit_table();
	test_quoting();
	test_failures_keep_doc();
	test_sequences_of_edits();
	test_fixtures();
	test_fast_reader();
	dp_error_clear();
	return test_done();
}
