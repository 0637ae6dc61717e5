/* SPDX-License-Identifier: MIT */
/* Unit tests of the delta module: what changed between two records. */
#include "devplan/delta.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/record.h"
#include "devplan/util.h"
#include "test.h"
#include "devplan/banned.h"

static const char goal_path[] = "people/alice/goals/learn-rust.md";

#define GOAL_HEAD                                                              \
	"---\n"                                                                \
	"title: Become fluent in Rust\n"                                       \
	"status: active          # a comment\n"                                \
	"type: skill\n"                                                        \
	"created: 2026-11-22\n"

static const char goal[] = GOAL_HEAD "due: 2027-06-30\n"
				     "progress: 30\n"
				     "competencies: [systems-programming, c]\n"
				     "actions:\n"
				     "  - title: Read the Rust book\n"
				     "    due: 2027-01-31\n"
				     "    done: true\n"
				     "  - title: Pair on the parser rewrite\n"
				     "    due: 2027-03-15\n"
				     "    done: false\n"
				     "success: Ship one production feature\n"
				     "---\n"
				     "Why this matters to me.\n"
				     "\n"
				     "Second paragraph.\n";

/* Parses two texts (NULL: absent) and diffs them into `out`. */
static void diff_texts(struct dp_delta *out, enum dp_kind kind,
		       const char *path, const char *before, const char *after)
{
	struct dp_doc b = DP_DOC_INIT, a = DP_DOC_INIT;
	enum dp_doc_mode mode = dp_kind_mode(kind);
	int ret = 0;

	if (before && dp_doc_parse(&b, path, before, strlen(before), mode))
		ret = -1;
	if (after && dp_doc_parse(&a, path, after, strlen(after), mode))
		ret = -1;
	if (ret)
		printf("# parse: %s\n", dp_error_last());
	CHECK_INT(ret, 0);
	CHECK_INT(
	    dp_delta_diff(out, kind, before ? &b : NULL, after ? &a : NULL), 0);
	dp_doc_release(&b);
	dp_doc_release(&a);
}

/* The texts of a goal's delta, joined with " | ". Caller frees. */
static char *texts(enum dp_kind kind, const char *before, const char *after)
{
	struct dp_delta d = DP_DELTA_INIT;
	struct dp_buf out = DP_BUF_INIT;
	size_t i;

	diff_texts(&d, kind, goal_path, before, after);
	for (i = 0; i < d.len; i++) {
		if (i)
			dp_buf_adds(&out, " | ");
		dp_buf_adds(&out, d.items[i].text);
	}
	dp_delta_release(&d);
	return dp_buf_detach(&out, NULL);
}

/* `goal` with the first `from` replaced by `to`. Caller frees. */
static char *edit(const char *from, const char *to)
{
	const char *at = strstr(goal, from);
	struct dp_buf out = DP_BUF_INIT;

	if (!at) {
		printf("# not in the goal: %s\n", from);
		return dp_xstrdup(goal);
	}
	dp_buf_add(&out, goal, (size_t)(at - goal));
	dp_buf_adds(&out, to);
	dp_buf_adds(&out, at + strlen(from));
	return dp_buf_detach(&out, NULL);
}

struct edit_case {
	const char *name;
	const char *from, *to;
	const char *want; /* the texts, " | "-joined */
};

static const struct edit_case edits[] = {
	{ "scalar changed", "progress: 30", "progress: 60",
	  "progress 30 -> 60" },
	{ "status changed", "status: active ", "status: done   ",
	  "status active -> done" },
	{ "date changed", "due: 2027-06-30", "due: 2027-05-31",
	  "due 2027-06-30 -> 2027-05-31" },
	{ "quoting is not a change", "progress: 30", "progress: \"30\"", "" },
	{ "comments are not a change", "type: skill", "type: skill # why", "" },
	{ "key added",
	  "success:", "mentor: bob\nsuccess:", "mentor set to bob" },
	{ "key removed", "due: 2027-06-30\n", "",
	  "due removed (was 2027-06-30)" },
	{ "key order is not a change", "due: 2027-06-30\nprogress: 30\n",
	  "progress: 30\ndue: 2027-06-30\n", "" },
	{ "list item added", "c]", "c, rust]", "competencies: added rust" },
	{ "list item removed", ", c]", "]", "competencies: removed c" },
	{ "list added and removed", "[systems-programming, c]",
	  "[rust, systems-programming, go]",
	  "competencies: added rust, go; removed c" },
	{ "list reordered", "[systems-programming, c]",
	  "[c, systems-programming]", "" },
	{ "flow list as block", "competencies: [systems-programming, c]",
	  "competencies:\n  - systems-programming\n  - c", "" },
	{ "empty list set",
	  "success:", "next: []\nsuccess:", "next set to []" },
	{ "action added", "success:",
	  "  - title: Write a CLI in Rust\n    done: false\nsuccess:",
	  "action added: \"Write a CLI in Rust\"" },
	{ "action removed",
	  "  - title: Read the Rust book\n    due: 2027-01-31\n    done: "
	  "true\n",
	  "", "action removed: \"Read the Rust book\"" },
	{ "action done", "2027-03-15\n    done: false",
	  "2027-03-15\n    done: true",
	  "action done: \"Pair on the parser rewrite\"" },
	{ "action reopened", "2027-01-31\n    done: true",
	  "2027-01-31\n    done: false",
	  "action reopened: \"Read the Rust book\"" },
	{ "action changed", "due: 2027-03-15", "due: 2027-04-01",
	  "action changed: \"Pair on the parser rewrite\" due 2027-03-15 -> "
	  "2027-04-01" },
	{ "action changed, several fields", "due: 2027-03-15\n    done: false",
	  "due: 2027-04-01\n    done: false\n    resource: pairing.md",
	  "action changed: \"Pair on the parser rewrite\" due 2027-03-15 -> "
	  "2027-04-01, resource set to pairing.md" },
	{ "action done and changed", "due: 2027-03-15\n    done: false",
	  "due: 2027-04-01\n    done: true",
	  "action done: \"Pair on the parser rewrite\" | action changed: "
	  "\"Pair on the parser rewrite\" due 2027-03-15 -> 2027-04-01" },
	{ "action title in another case and blanks",
	  "title: Pair on the parser rewrite\n    due: 2027-03-15",
	  "title: \"pair on the PARSER rewrite \"\n    due: 2027-04-01",
	  "action changed: title \"Pair on the parser rewrite\" -> \"pair on "
	  "the PARSER rewrite \", due 2027-03-15 -> 2027-04-01" },
	{ "renamed action without id", "Read the Rust book", "Read the book",
	  "action added: \"Read the book\" | action removed: \"Read the Rust "
	  "book\"" },
	{ "actions reordered",
	  "  - title: Read the Rust book\n    due: 2027-01-31\n    done: true\n"
	  "  - title: Pair on the parser rewrite\n    due: 2027-03-15\n"
	  "    done: false\n",
	  "  - title: Pair on the parser rewrite\n    due: 2027-03-15\n"
	  "    done: false\n"
	  "  - title: Read the Rust book\n    due: 2027-01-31\n    done: "
	  "true\n",
	  "" },
	{ "nested map added",
	  "success:", "requires:\n  rust: 2\n  c: 1\nsuccess:",
	  "requires.rust set to 2 | requires.c set to 1" },
	{ "scalar to list", "progress: 30", "progress: [30]",
	  "progress 30 -> [30]" },
	{ "body changed", "Why this matters to me.\n",
	  "Why this matters to me, today.\nA new line.\nAnd one more.\n",
	  "body changed: +3 -1 lines" },
	{ "body line removed", "\nSecond paragraph.\n", "",
	  "body changed: +0 -2 lines" },
	{ "missing final newline is not a change", "Second paragraph.\n",
	  "Second paragraph.", "" },
	{ "newline in a value", "success: Ship one production feature",
	  "success: \"Ship one\\nproduction feature\"",
	  "success Ship one production feature -> Ship one\\nproduction "
	  "feature" },
	{ "empty value", "success: Ship one production feature",
	  "success: \"\"", "success Ship one production feature -> \"\"" },
};

static void test_edits(void)
{
	size_t i;

	for (i = 0; i < DP_ARRAY_SIZE(edits); i++) {
		char *after = edit(edits[i].from, edits[i].to);
		char *got = texts(DP_KIND_GOAL, goal, after);

		printf("# %s\n", edits[i].name);
		CHECK_STR(got, edits[i].want);
		free(got);
		free(after);
	}
}

static void test_unchanged(void)
{
	struct dp_delta d = DP_DELTA_INIT;

	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, goal);
	CHECK_INT(d.len, 0);
	dp_delta_release(&d);
	dp_delta_release(&d);
	dp_delta_release(NULL);
	diff_texts(&d, DP_KIND_GOAL, goal_path, NULL, NULL);
	CHECK_INT(d.len, 0);
}

static void test_crlf(void)
{
	struct dp_buf crlf = DP_BUF_INIT;
	const char *p;
	char *got;

	for (p = goal; *p; p++) {
		if (*p == '\n')
			dp_buf_addch(&crlf, '\r');
		dp_buf_addch(&crlf, *p);
	}
	got = texts(DP_KIND_GOAL, goal, crlf.ptr);
	CHECK_STR(got, "");
	free(got);
	got = texts(DP_KIND_GOAL, crlf.ptr, goal);
	CHECK_STR(got, "");
	free(got);
	dp_buf_release(&crlf);
}

/* The fields and values each item carries. */
static void test_items(void)
{
	struct dp_delta d = DP_DELTA_INIT;
	char *after = edit("progress: 30\n", "progress: 60\nmentor: bob\n");
	const struct dp_delta_item *it;

	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, after);
	free(after);
	CHECK_INT(d.len, 2);
	if (d.len == 2) {
		it = &d.items[0];
		CHECK_INT(it->op, DP_DELTA_CHANGE);
		CHECK_STR(it->field, "progress");
		CHECK_STR(it->old_value, "30");
		CHECK_STR(it->new_value, "60");
		it = &d.items[1];
		CHECK_INT(it->op, DP_DELTA_SET);
		CHECK_STR(it->field, "mentor");
		CHECK_STR(it->old_value, NULL);
		CHECK_STR(it->new_value, "bob");
	}
	dp_delta_release(&d);

	after = edit("due: 2027-06-30\n", "");
	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, after);
	free(after);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_REMOVE);
		CHECK_STR(d.items[0].old_value, "2027-06-30");
		CHECK_STR(d.items[0].new_value, NULL);
	}
	dp_delta_release(&d);

	after = edit("[systems-programming, c]", "[rust, systems-programming]");
	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, after);
	free(after);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_CHANGE);
		CHECK_STR(d.items[0].field, "competencies");
		CHECK_STR(d.items[0].old_value, "c");
		CHECK_STR(d.items[0].new_value, "rust");
	}
	dp_delta_release(&d);

	after = edit("success:", "  - title: Write a CLI\nsuccess:");
	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, after);
	free(after);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_ADD);
		CHECK_STR(d.items[0].field, "actions");
		CHECK_STR(d.items[0].new_value, "Write a CLI");
	}
	dp_delta_release(&d);

	after =
	    edit("2027-03-15\n    done: false", "2027-03-15\n    done: true");
	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, after);
	free(after);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_CHANGE);
		CHECK_STR(d.items[0].old_value, "false");
		CHECK_STR(d.items[0].new_value, "true");
	}
	dp_delta_release(&d);
}

/* Actions with ids: matched by id whatever their title or place. */
static void test_ids(void)
{
	static const char before[] = "---\n"
				     "title: Ids\n"
				     "actions:\n"
				     "  - id: a1\n"
				     "    title: Read the book\n"
				     "  - id: a2\n"
				     "    title: Pair on the parser\n"
				     "    done: false\n"
				     "---\n";
	static const char renamed[] = "---\n"
				      "title: Ids\n"
				      "actions:\n"
				      "  - id: a2\n"
				      "    title: Pair on the parser\n"
				      "    done: false\n"
				      "  - id: a1\n"
				      "    title: Read the whole book\n"
				      "---\n";
	static const char same_title[] = "---\n"
					 "title: Ids\n"
					 "actions:\n"
					 "  - id: a1\n"
					 "    title: Read the book\n"
					 "  - id: a3\n"
					 "    title: Pair on the parser\n"
					 "    done: false\n"
					 "---\n";
	struct dp_delta d = DP_DELTA_INIT;
	char *got;

	got = texts(DP_KIND_GOAL, before, renamed);
	CHECK_STR(got, "action changed: title \"Read the book\" -> \"Read the "
		       "whole book\"");
	free(got);
	/* Another id with the same title is another action. */
	got = texts(DP_KIND_GOAL, before, same_title);
	CHECK_STR(got, "action added: \"Pair on the parser\" | action removed: "
		       "\"Pair on the parser\"");
	free(got);

	diff_texts(&d, DP_KIND_GOAL, goal_path, before, renamed);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_CHANGE);
		CHECK_STR(d.items[0].field, "actions");
		CHECK_STR(d.items[0].old_value,
			  "{id: a1, title: Read the book}");
		CHECK_STR(d.items[0].new_value,
			  "{id: a1, title: Read the whole book}");
	}
	dp_delta_release(&d);
}

/* Other lists of mappings: the item's noun, names and positions. */
static void test_nouns(void)
{
	static const char before[] = "---\n"
				     "title: Map\n"
				     "directions:\n"
				     "  - title: Staff engineer\n"
				     "entries:\n"
				     "  - date: 2027-01-02\n"
				     "    text: Read\n"
				     "widgets:\n"
				     "  - name: One\n"
				     "---\n";
	static const char after[] = "---\n"
				    "title: Map\n"
				    "directions:\n"
				    "  - title: Staff engineer\n"
				    "  - title: Engineering manager\n"
				    "entries:\n"
				    "  - date: 2027-01-01\n"
				    "    text: Wrote\n"
				    "  - date: 2027-01-02\n"
				    "    text: Read\n"
				    "widgets:\n"
				    "  - name: One\n"
				    "    size: 2\n"
				    "---\n";
	static const char strengths[] = "---\n"
					"strengths:\n"
					"  - title: Patient\n"
					"---\n";
	char *got = texts(DP_KIND_GOAL, before, after);

	CHECK_STR(got, "direction added: \"Engineering manager\" | entry "
		       "added: \"Wrote\" | widgets "
		       "changed: \"One\" size set to 2");
	free(got);
	got = texts(DP_KIND_GOAL, "---\n---\n", strengths);
	CHECK_STR(got, "strength added: \"Patient\"");
	free(got);
	got = texts(DP_KIND_GOAL, strengths, "---\n---\n");
	CHECK_STR(got, "strength removed: \"Patient\"");
	free(got);
	/* A SWOT entry and a direction are named by their words, not ids. */
	got = texts(DP_KIND_SWOT, "---\n---\n",
		    "---\nstrengths:\n  - {id: f1b7df, text: Patient}\n---\n");
	CHECK_STR(got, "strength added: \"Patient\"");
	free(got);
	got =
	    texts(DP_KIND_CAREER_MAP, "---\n---\n",
		  "---\nexplore:\n  - {id: 1a8e82, idea: Open source}\n---\n");
	CHECK_STR(got, "explore added: \"Open source\"");
	free(got);
}

/* Items with neither id nor title: an identical one, else by position. */
static void test_positions(void)
{
	static const char before[] = "---\n"
				     "entries:\n"
				     "  - {date: 2027-01-02, text: Read}\n"
				     "  - {date: 2027-01-03, text: Wrote}\n"
				     "---\n";
	static const char after[] = "---\n"
				    "entries:\n"
				    "  - {date: 2027-01-03, text: Wrote}\n"
				    "  - {date: 2027-01-02, text: Read more}\n"
				    "---\n";
	struct dp_buf big = DP_BUF_INIT, bigger = DP_BUF_INIT;
	char *got = texts(DP_KIND_GOAL, before, after);
	int i;

	CHECK_STR(got, "entry changed: \"Read more\" text Read -> Read more");
	free(got);
	got = texts(DP_KIND_GOAL, "---\nnext: []\n---\n", "---\n---\n");
	CHECK_STR(got, "next removed (was [])");
	free(got);

	/* A long journal that grew by one entry at its start. */
	dp_buf_adds(&big, "---\nentries:\n");
	dp_buf_adds(&bigger, "---\nentries:\n  - {text: new}\n");
	for (i = 0; i < 1500; i++) {
		dp_buf_addf(&big, "  - {date: 2027-01-01, hours: %d}\n", i);
		dp_buf_addf(&bigger, "  - {date: 2027-01-01, hours: %d}\n", i);
	}
	dp_buf_adds(&big, "---\n");
	dp_buf_adds(&bigger, "---\n");
	got = texts(DP_KIND_GOAL, big.ptr, bigger.ptr);
	CHECK_STR(got, "entry added: \"new\"");
	free(got);
	dp_buf_release(&big);
	dp_buf_release(&bigger);
}

static void test_nested(void)
{
	static const char role[] = "---\n"
				   "title: Senior engineer\n"
				   "requires: {rust: 2, c: 2}\n"
				   "next: [staff-engineer]\n"
				   "---\n";
	static const char role2[] = "---\n"
				    "title: Senior engineer\n"
				    "requires:\n"
				    "  rust: 3\n"
				    "  go: 1\n"
				    "next: [staff-engineer]\n"
				    "---\n";
	char *got = texts(DP_KIND_ROLE, role, role2);

	CHECK_STR(got, "requires.rust 2 -> 3 | requires.go set to 1 | "
		       "requires.c removed (was 2)");
	free(got);
	got = texts(DP_KIND_ROLE, role2, role);
	CHECK_STR(got, "requires.rust 3 -> 2 | requires.c set to 2 | "
		       "requires.go removed (was 1)");
	free(got);
}

static void test_body_excerpt(void)
{
	struct dp_delta d = DP_DELTA_INIT;
	struct dp_buf after = DP_BUF_INIT;
	int i;

	diff_texts(&d, DP_KIND_GOAL, goal_path, "---\n---\none\ntwo\nthree\n",
		   "---\n---\none\n2\nthree\nfour\n");
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_BODY);
		CHECK_STR(d.items[0].field, "body");
		CHECK_STR(d.items[0].text, "body changed: +2 -1 lines");
		CHECK_STR(d.items[0].old_value, NULL);
		CHECK_STR(d.items[0].new_value, "-two\n+2\n+four\n");
	}
	dp_delta_release(&d);

	dp_buf_adds(&after, "---\n---\n");
	for (i = 0; i < 25; i++)
		dp_buf_addf(&after, "line %d\n", i);
	diff_texts(&d, DP_KIND_GOAL, goal_path, "---\n---\n", after.ptr);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_STR(d.items[0].text, "body changed: +25 -0 lines");
		CHECK_STR(d.items[0].new_value,
			  "+line 0\n+line 1\n+line 2\n+line 3\n+line 4\n"
			  "+line 5\n+line 6\n+line 7\n+line 8\n+line 9\n"
			  "...\n");
	}
	dp_delta_release(&d);
	dp_buf_release(&after);
}

static void test_long_values(void)
{
	struct dp_buf before = DP_BUF_INIT, after = DP_BUF_INIT;
	struct dp_delta d = DP_DELTA_INIT;
	int i;

	/* 70 two-byte characters: cut after 57 of them, never mid-way. */
	dp_buf_adds(&before, "---\nsuccess: ");
	for (i = 0; i < 70; i++)
		dp_buf_adds(&before, "\xc3\xa9");
	dp_buf_adds(&before, "\n---\n");
	dp_buf_adds(&after, "---\nsuccess: short\n---\n");
	diff_texts(&d, DP_KIND_GOAL, goal_path, before.ptr, after.ptr);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(strlen(d.items[0].old_value), 57 * 2 + 3);
		CHECK(dp_ends_with(d.items[0].old_value, "\xc3\xa9..."));
		CHECK(dp_ends_with(d.items[0].text, "\xc3\xa9... -> short"));
	}
	dp_delta_release(&d);

	/* A literal block: the value keeps its line break, the text not. */
	diff_texts(&d, DP_KIND_GOAL, goal_path, after.ptr,
		   "---\nsuccess: |\n  two\n  lines\n---\n");
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_STR(d.items[0].new_value, "two\nlines\n");
		CHECK_STR(d.items[0].text, "success short -> two\\nlines\\n");
		CHECK(!strchr(d.items[0].text, '\n'));
	}
	dp_delta_release(&d);
	dp_buf_release(&before);
	dp_buf_release(&after);
}

static void test_create_delete(void)
{
	struct dp_delta d = DP_DELTA_INIT;
	char *got;

	diff_texts(&d, DP_KIND_GOAL, goal_path, NULL, goal);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_CREATE);
		CHECK_STR(d.items[0].field, "");
		CHECK_STR(d.items[0].text,
			  "new goal: \"Become fluent in Rust\"");
		CHECK_STR(d.items[0].old_value, NULL);
		CHECK_STR(d.items[0].new_value, "Become fluent in Rust");
	}
	dp_delta_release(&d);

	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, NULL);
	CHECK_INT(d.len, 1);
	if (d.len == 1) {
		CHECK_INT(d.items[0].op, DP_DELTA_DELETE);
		CHECK_STR(d.items[0].text,
			  "goal deleted: \"Become fluent in Rust\"");
		CHECK_STR(d.items[0].old_value, "Become fluent in Rust");
		CHECK_STR(d.items[0].new_value, NULL);
	}
	dp_delta_release(&d);

	diff_texts(&d, DP_KIND_PROFILE, "people/alice/profile.md", NULL,
		   "---\nname: Alice Example\n---\n");
	diff_texts(&d, DP_KIND_PROFILE, "people/team-a/bob/profile.md", NULL,
		   "---\nname: \"\"\n---\n");
	diff_texts(&d, DP_KIND_COMPETENCIES, "framework/competencies.yaml",
		   NULL, "competencies: []\n");
	diff_texts(&d, DP_KIND_ROLE, "framework/roles/staff.md",
		   "---\ntitle: \"\"\n---\n", NULL);
	CHECK_INT(d.len, 4);
	if (d.len == 4) {
		CHECK_STR(d.items[0].text, "new profile: \"Alice Example\"");
		CHECK_STR(d.items[1].text, "new profile: \"bob\"");
		CHECK_STR(d.items[2].text,
			  "new competencies: \"competencies\"");
		CHECK_STR(d.items[3].text, "role deleted: \"staff\"");
	}
	dp_delta_release(&d);

	got = texts(DP_KIND_CONFIG, "org: Acme\npolicy:\n  admins: []\n",
		    "org: Acme Inc\npolicy:\n  admins: [alice]\n");
	CHECK_STR(got, "org Acme -> Acme Inc | policy.admins: added alice");
	free(got);
}

static void test_competencies(void)
{
	static const char before[] = "competencies:\n"
				     "  - id: rust\n"
				     "    name: Rust\n"
				     "    category: technical\n"
				     "  - id: c\n"
				     "    name: C\n"
				     "    category: technical\n";
	static const char after[] = "competencies:\n"
				    "  - id: c\n"
				    "    name: C\n"
				    "    category: core\n"
				    "  - id: go\n"
				    "    name: Go\n"
				    "    category: technical\n";
	char *got = texts(DP_KIND_COMPETENCIES, before, after);

	CHECK_STR(got, "competency changed: \"C\" category technical -> core | "
		       "competency added: \"Go\" | competency removed: "
		       "\"Rust\"");
	free(got);
}

static void test_summary(void)
{
	struct dp_delta d = DP_DELTA_INIT;
	struct dp_buf out = DP_BUF_INIT;
	char *after = edit("progress: 30\n", "progress: 60\n");
	char *both = NULL;
	const char *at = strstr(after, "success:");
	struct dp_buf b = DP_BUF_INIT;

	dp_delta_summary(&out, &d, 72);
	CHECK_STR(out.ptr, "");

	dp_buf_add(&b, after, (size_t)(at - after));
	dp_buf_adds(&b, "  - title: Pair on the parser\nsuccess:");
	dp_buf_adds(&b, at + strlen("success:"));
	both = dp_buf_detach(&b, NULL);
	diff_texts(&d, DP_KIND_GOAL, goal_path, goal, both);
	dp_delta_summary(&out, &d, 0);
	CHECK_STR(out.ptr,
		  "progress 30 -> 60, action added: \"Pair on the parser\"");
	dp_buf_reset(&out);
	dp_delta_summary(&out, &d, 53);
	CHECK_STR(out.ptr,
		  "progress 30 -> 60, action added: \"Pair on the parser\"");
	dp_buf_reset(&out);
	dp_delta_summary(&out, &d, 52);
	CHECK_STR(out.ptr,
		  "progress 30 -> 60, action added: \"Pair on the par...");
	dp_buf_reset(&out);
	dp_delta_summary(&out, &d, 30);
	CHECK_STR(out.ptr, "progress 30 -> 60, action a...");
	dp_buf_reset(&out);
	dp_delta_summary(&out, &d, 2);
	CHECK_STR(out.ptr, "..");
	dp_delta_release(&d);
	dp_buf_release(&out);
	free(after);
	free(both);
}

int main(void)
{
	test_edits();
	test_unchanged();
	test_crlf();
	test_items();
	test_ids();
	test_nouns();
	test_positions();
	test_nested();
	test_body_excerpt();
	test_long_values();
	test_create_delete();
	test_competencies();
	test_summary();
	return test_done();
}
