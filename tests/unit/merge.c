/* SPDX-License-Identifier: MIT */
/* Unit tests of the three-way record merge (src/core/merge.c). */
#include <stdlib.h>
#include <string.h>

#include "devplan/merge.h"
#include "test.h"

static const char base_goal[] = "---\n"
				"title: Learn Rust   # in my own words\n"
				"status: active\n"
				"progress: 30\n"
				"due: 2027-06-30\n"
				"competencies: [systems]\n"
				"actions:\n"
				"  - title: Read the book\n"
				"    done: false\n"
				"  - title: Pair on the parser\n"
				"    done: false\n"
				"---\n"
				"Why this matters.\n"
				"\n"
				"Second paragraph.\n";

/* Replaces the first `from` in `s` with `to`; the caller frees. */
static char *subst(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *r = malloc(n);

	if (!at) {
		free(r);
		return strdup(s);
	}
	memcpy(r, s, (size_t)(at - s));
	strcpy(r + (at - s), to);
	strcat(r, at + strlen(from));
	return r;
}

static int merge(struct dp_merge *m, const char *b, const char *o,
		 const char *t)
{
	return dp_merge_text(m, "people/alice/goals/learn-rust.md", b,
			     strlen(b), o, strlen(o), t, strlen(t));
}

static void test_different_keys(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *o = subst(base_goal, "progress: 30", "progress: 60");
	char *t = subst(base_goal, "due: 2027-06-30", "due: 2027-09-30");
	char *want = subst(o, "due: 2027-06-30", "due: 2027-09-30");

	CHECK_INT(merge(&m, base_goal, o, t), 0);
	CHECK_STR(m.text.ptr, want);
	dp_merge_release(&m);
	free(o);
	free(t);
	free(want);
}

static void test_same_key_conflicts(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *o = subst(base_goal, "progress: 30", "progress: 40");
	char *t = subst(base_goal, "progress: 30", "progress: 60");
	struct dp_buf r = DP_BUF_INIT;

	CHECK_INT(merge(&m, base_goal, o, t), 1);
	CHECK_STR(m.text.ptr, o);
	CHECK_INT(m.nconflicts, 1);
	CHECK_STR(m.conflicts[0].field, "progress");
	CHECK_STR(m.conflicts[0].base, "30");
	CHECK_STR(m.conflicts[0].ours, "40");
	CHECK_STR(m.conflicts[0].theirs, "60");
	dp_merge_report(&r, "x.md", &m);
	CHECK_STR(r.ptr, "x.md: conflict in 'progress'\n"
			 "  base:   30\n"
			 "  ours:   40\n"
			 "  theirs: 60\n");
	CHECK(!strstr(m.text.ptr, "<<<<"));
	dp_buf_release(&r);
	dp_merge_release(&m);
	free(o);
	free(t);
}

static void test_actions_added_both(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *o = subst(base_goal, "---\nWhy",
			"  - title: Write a CLI\n    done: false\n---\nWhy");
	char *t = subst(base_goal, "---\nWhy",
			"  - title: Give a talk\n    done: false\n---\nWhy");
	char *want = subst(o, "---\nWhy",
			   "  - title: Give a talk\n    done: false\n---\nWhy");

	CHECK_INT(merge(&m, base_goal, o, t), 0);
	CHECK_STR(m.text.ptr, want);
	dp_merge_release(&m);
	free(o);
	free(t);
	free(want);
}

static void test_item_changed_one_side(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	/* ours ticks the first action, theirs the second and adds one */
	char *o =
	    subst(base_goal, "book\n    done: false", "book\n    done: true");
	char *t1 = subst(base_goal, "parser\n    done: false",
			 "parser\n    done: true");
	char *t = subst(t1, "competencies: [systems]",
			"competencies: [systems, rust]");
	char *w1 =
	    subst(o, "parser\n    done: false", "parser\n    done: true");
	char *want = subst(w1, "competencies: [systems]",
			   "competencies: [systems, rust]");

	CHECK_INT(merge(&m, base_goal, o, t), 0);
	CHECK_STR(m.text.ptr, want);
	dp_merge_release(&m);
	free(o);
	free(t1);
	free(t);
	free(w1);
	free(want);
}

static void test_removal_honoured(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *o = subst(base_goal, "progress: 30", "progress: 50");
	char *t =
	    subst(base_goal, "  - title: Read the book\n    done: false\n", "");
	char *want =
	    subst(o, "  - title: Read the book\n    done: false\n", "");

	CHECK_INT(merge(&m, base_goal, o, t), 0);
	CHECK_STR(m.text.ptr, want);
	dp_merge_release(&m);
	free(o);
	free(t);
	free(want);
}

static void test_removed_and_changed_conflicts(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *o =
	    subst(base_goal, "book\n    done: false", "book\n    done: true");
	char *t =
	    subst(base_goal, "  - title: Read the book\n    done: false\n", "");

	CHECK_INT(merge(&m, base_goal, o, t), 1);
	CHECK_INT(m.nconflicts, 1);
	CHECK_STR(m.conflicts[0].field, "actions[Read the book]");
	CHECK(m.conflicts[0].theirs == NULL);
	dp_merge_release(&m);
	free(o);
	free(t);
}

static void test_body(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *o =
	    subst(base_goal, "Why this matters.", "Why this matters a lot.");
	char *t = subst(base_goal, "Second paragraph.", "Second, revised.");
	char *t2 = subst(base_goal, "Why this matters.", "Why it matters.");
	char *want = subst(o, "Second paragraph.", "Second, revised.");

	CHECK_INT(merge(&m, base_goal, o, t), 0);
	CHECK_STR(m.text.ptr, want);
	dp_merge_release(&m);
	CHECK_INT(merge(&m, base_goal, o, t2), 1);
	CHECK_INT(m.nconflicts, 1);
	CHECK_STR(m.conflicts[0].field, "body");
	CHECK_STR(m.conflicts[0].ours, "Why this matters a lot.\n");
	CHECK_STR(m.conflicts[0].theirs, "Why it matters.\n");
	dp_merge_release(&m);
	free(o);
	free(t);
	free(t2);
	free(want);
}

static void test_identity_by_id_and_both_added(void)
{
	static const char b[] = "---\n"
				"entries:\n"
				"  - id: a1\n"
				"    text: one\n"
				"---\n";
	struct dp_merge m = DP_MERGE_INIT;
	char *o = subst(b, "text: one", "text: uno");
	char *t = subst(b, "---\n", "---\nname: x\n");

	/* the first "---\n" is the opening line: add a key after it */
	CHECK_INT(dp_merge_text(&m, "people/a/journal.md", b, strlen(b), o,
				strlen(o), t, strlen(t)),
		  0);
	CHECK_STR(m.text.ptr, "---\n"
			      "entries:\n"
			      "  - id: a1\n"
			      "    text: uno\n"
			      "name: x\n"
			      "---\n");
	dp_merge_release(&m);
	/* both add the same key with the same value: once */
	CHECK_INT(dp_merge_text(&m, "p.md", "", 0, t, strlen(t), t, strlen(t)),
		  0);
	CHECK_STR(m.text.ptr, t);
	dp_merge_release(&m);
	free(o);
	free(t);
}

static void test_not_a_record_merges_lines(void)
{
	static const char b[] = "one\ntwo\nthree\n";
	static const char o[] = "one!\ntwo\nthree\n";
	static const char t[] = "one\ntwo\nthree!\n";
	struct dp_merge m = DP_MERGE_INIT;

	CHECK_INT(dp_merge_text(&m, "README", b, strlen(b), o, strlen(o), t,
				strlen(t)),
		  0);
	CHECK_STR(m.text.ptr, "one!\ntwo\nthree!\n");
	CHECK(m.lines);
	dp_merge_release(&m);
}

static void test_yaml_file(void)
{
	static const char b[] = "org: Acme\npolicy:\n  admins: [bob]\n";
	static const char o[] = "org: Acme Ltd\npolicy:\n  admins: [bob]\n";
	static const char t[] = "org: Acme\npolicy:\n  admins: [bob, carol]\n";
	struct dp_merge m = DP_MERGE_INIT;

	CHECK_INT(dp_merge_text(&m, "devplan.yaml", b, strlen(b), o, strlen(o),
				t, strlen(t)),
		  0);
	CHECK_STR(m.text.ptr,
		  "org: Acme Ltd\npolicy:\n  admins: [bob, carol]\n");
	dp_merge_release(&m);
}

static void test_self_merge(void)
{
	struct dp_merge m = DP_MERGE_INIT;
	char *x = subst(base_goal, "progress: 30", "progress: 99");

	CHECK_INT(merge(&m, "garbage", x, x), 0);
	CHECK_STR(m.text.ptr, x);
	dp_merge_release(&m);
	free(x);
}

int main(void)
{
	test_different_keys();
	test_same_key_conflicts();
	test_actions_added_both();
	test_item_changed_one_side();
	test_removal_honoured();
	test_removed_and_changed_conflicts();
	test_body();
	test_identity_by_id_and_both_added();
	test_not_a_record_merges_lines();
	test_yaml_file();
	test_self_merge();
	return test_done();
}
