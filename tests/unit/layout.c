/* SPDX-License-Identifier: MIT */
/* Unit tests of the record layout and of name resolution. */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/store.h"
#include "devplan/template.h"
#include "devplan/util.h"

#include "test.h"
#include "test-sh.h"

static struct dp_layout lo;

static char root[256];

static void test_paths(void)
{
	struct dp_buf b = DP_BUF_INIT;
	char long_id[DP_ID_MAX + 2];
	static const char *bad[] = {
		"", "Alice", "../x", "a/b", "-a", "a-", ".", "..", "a b", "_a",
	};

	CHECK_INT(dp_layout_person_dir(&b, &lo, "alice"), 0);
	CHECK_STR(b.ptr, "people/alice");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_profile(&b, &lo, "alice"), 0);
	CHECK_STR(b.ptr, "people/alice/profile.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_goals_dir(&b, &lo, "alice"), 0);
	CHECK_STR(b.ptr, "people/alice/goals");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_goal(&b, &lo, "alice", "learn-rust"), 0);
	CHECK_STR(b.ptr, "people/alice/goals/learn-rust.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_role(&b, "senior-dev"), 0);
	CHECK_STR(b.ptr, "framework/roles/senior-dev.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_person_dir(&b, &lo, "0x_1-b"), 0);
	CHECK_STR(b.ptr, "people/0x_1-b");
	dp_buf_reset(&b);

	for (size_t i = 0; i < DP_ARRAY_SIZE(bad); i++) {
		CHECK_INT(dp_layout_person_dir(&b, &lo, bad[i]), DP_EINVALID);
		CHECK_INT(dp_layout_goal(&b, &lo, "alice", bad[i]),
			  DP_EINVALID);
		CHECK_INT(dp_layout_role(&b, bad[i]), DP_EINVALID);
		CHECK_STR(b.ptr, "");
	}
	CHECK_INT(dp_layout_profile(&b, &lo, NULL), DP_EINVALID);
	CHECK_INT(dp_layout_goal(&b, &lo, "../x", "g"), DP_EINVALID);
	CHECK_INT(dp_layout_goals_dir(&b, &lo, "a/../b"), DP_EINVALID);
	CHECK_STR(b.ptr, "");
	memset(long_id, 'a', sizeof(long_id) - 1);
	long_id[sizeof(long_id) - 1] = '\0';
	CHECK_INT(dp_layout_person_dir(&b, &lo, long_id), DP_EINVALID);
	long_id[DP_ID_MAX] = '\0';
	CHECK_INT(dp_layout_person_dir(&b, &lo, long_id), 0);
	dp_buf_reset(&b);

	CHECK_INT(dp_layout_person_of(&b, &lo, "people/alice/goals/x.md"), 0);
	CHECK_STR(b.ptr, "alice");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/bob"), 0);
	CHECK_STR(b.ptr, "bob");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_person_of(&b, &lo, "framework/roles/x.md"),
		  DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/"), DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people"), DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/Bad/x.md"),
		  DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "peoplex/a/b"), DP_ENOTFOUND);
	CHECK_STR(b.ptr, "");
	dp_buf_release(&b);
}

/* The grouped layout: people/<first two characters of the id>/<id>/. */
static void test_grouped_paths(void)
{
	struct dp_buf b = DP_BUF_INIT;

	CHECK_INT(dp_layout_group(&b, "alice"), 0);
	CHECK_STR(b.ptr, "79");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_group(&b, "x"), 0);
	CHECK_STR(b.ptr, "95");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_group(&b, "a-b"), 0);
	CHECK_STR(b.ptr, "91");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_group(&b, "../x"), DP_EINVALID);
	CHECK_STR(b.ptr, "");

	CHECK_INT(lo.grouped, 0);
	lo.grouped = 1;
	CHECK_INT(lo.grouped, 1);
	CHECK_INT(dp_layout_person_dir(&b, &lo, "alice"), 0);
	CHECK_STR(b.ptr, "people/79/alice");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_profile(&b, &lo, "alice"), 0);
	CHECK_STR(b.ptr, "people/79/alice/profile.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_profile(&b, &lo, "x"), 0);
	CHECK_STR(b.ptr, "people/95/x/profile.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_goals_dir(&b, &lo, "alice"), 0);
	CHECK_STR(b.ptr, "people/79/alice/goals");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_goal(&b, &lo, "alice", "learn-rust"), 0);
	CHECK_STR(b.ptr, "people/79/alice/goals/learn-rust.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_goal(&b, &lo, "x", "g"), 0);
	CHECK_STR(b.ptr, "people/95/x/goals/g.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_role(&b, "dev"), 0);
	CHECK_STR(b.ptr, "framework/roles/dev.md");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_profile(&b, &lo, "../x"), DP_EINVALID);
	CHECK_INT(dp_layout_goal(&b, &lo, "alice", "a/b"), DP_EINVALID);
	CHECK_STR(b.ptr, "");

	CHECK_INT(dp_layout_person_of(&b, &lo, "people/79/alice/goals/x.md"),
		  0);
	CHECK_STR(b.ptr, "alice");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/79/alice"), 0);
	CHECK_STR(b.ptr, "alice");
	dp_buf_reset(&b);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/95/x/profile.md"), 0);
	CHECK_STR(b.ptr, "x");
	dp_buf_reset(&b);
	/* The flat shape, a wrong group, a group alone: nobody's. */
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/alice/goals/x.md"),
		  DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/00/alice/profile.md"),
		  DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/x/x/profile.md"),
		  DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/79"), DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/79/"), DP_ENOTFOUND);
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/Al/Alice"),
		  DP_ENOTFOUND);
	CHECK_STR(b.ptr, "");
	lo.grouped = 0;
	CHECK_INT(dp_layout_person_of(&b, &lo, "people/79/alice/goals/x.md"),
		  0);
	CHECK_STR(b.ptr, "79");
	dp_buf_release(&b);
}

static void test_lists(struct dp_store *st)
{
	struct dp_strlist l = DP_STRLIST_INIT;

	CHECK_INT(dp_layout_list_people(&l, st, &lo), 0);
	CHECK_INT(l.len, 2);
	if (l.len == 2) {
		CHECK_STR(l.items[0], "alice");
		CHECK_STR(l.items[1], "bob");
	}
	dp_strlist_release(&l);

	CHECK_INT(dp_layout_list_goals(&l, st, &lo, "alice"), 0);
	/* Names only: the link is listed, reading it is refused. */
	CHECK_INT(l.len, 5);
	if (l.len == 5) {
		CHECK_STR(l.items[0], "learn");
		CHECK_STR(l.items[1], "learn-go");
		CHECK_STR(l.items[2], "learn-rust");
		CHECK_STR(l.items[3], "ln");
		CHECK_STR(l.items[4], "speak");
	}
	dp_strlist_release(&l);
	CHECK_INT(dp_layout_list_goals(&l, st, &lo, "carol"), 0);
	CHECK_INT(l.len, 0);
	CHECK_INT(dp_layout_list_goals(&l, st, &lo, "../alice"), DP_EINVALID);
	CHECK_INT(l.len, 0);
	dp_strlist_release(&l);
}

struct resolve_case {
	const char *name;
	const char *self;
	int rc;
	const char *want; /* the path, or the start of the message */
};

static void check_resolve(struct dp_store *st, const struct resolve_case *c,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct dp_ref out;
		int rc = dp_layout_resolve(&out, st, &lo, c[i].name, c[i].self);
		const char *got = rc == 0 ? out.path : dp_error_last();
		int ok = rc == c[i].rc &&
			 !strncmp(got, c[i].want, strlen(c[i].want));

		test_point(ok, __FILE__, __LINE__, c[i].name);
		if (!ok)
			printf("# resolve [%s] (self %s): got %d [%s], want %d "
			       "[%s]\n",
			       c[i].name, c[i].self ? c[i].self : "-", rc, got,
			       c[i].rc, c[i].want);
	}
}

static void test_resolve(struct dp_store *st, const char *dir)
{
	struct dp_buf abs = DP_BUF_INIT;
	static const struct resolve_case top[] = {
		/* person/goal */
		{ "alice/learn-rust", NULL, 0,
		  "people/alice/goals/learn-rust.md" },
		{ "alice/learn-r", NULL, 0,
		  "people/alice/goals/learn-rust.md" },
		{ "alice/learn", NULL, 0, "people/alice/goals/learn.md" },
		{ "alice/learn-", NULL, DP_EAMBIGUOUS,
		  "'alice/learn-' is ambiguous: alice/learn-go, "
		  "alice/learn-rust" },
		{ "alice/le", NULL, DP_EAMBIGUOUS,
		  "'alice/le' is ambiguous: alice/learn, alice/learn-go, "
		  "alice/learn-rust" },
		{ "alice/sp", "bob", 0, "people/alice/goals/speak.md" },
		{ "alice/x", NULL, DP_ENOTFOUND, "no goal 'x' for alice" },
		{ "alice/X", NULL, DP_ENOTFOUND, "no goal 'X' for alice" },
		{ "bob/learn", NULL, DP_ENOTFOUND, "no goal 'learn' for bob" },
		{ "zed/x", NULL, DP_ENOTFOUND, "unknown person 'zed'" },
		{ "carol/x", NULL, DP_ENOTFOUND,
		  "unknown person 'carol'" }, /* no profile */
		/* person */
		{ "alice", NULL, 0, "people/alice/profile.md" },
		{ "alice/", NULL, 0, "people/alice/profile.md" },
		{ "alice", "bob", 0, "people/alice/profile.md" },
		{ "zed", NULL, DP_ENOTFOUND, "unknown person 'zed'" },
		{ "Alice", NULL, DP_ENOTFOUND, "unknown person 'Alice'" },
		{ "link", NULL, DP_ENOTFOUND, "unknown person 'link'" },
		/* goal of self */
		{ "speak", "alice", 0, "people/alice/goals/speak.md" },
		{ "learn-g", "alice", 0, "people/alice/goals/learn-go.md" },
		{ "learn", "alice", 0, "people/alice/goals/learn.md" },
		{ "learn-", "alice", DP_EAMBIGUOUS,
		  "'learn-' is ambiguous: alice/learn-go, alice/learn-rust" },
		{ "speak", NULL, DP_ENOTFOUND, "unknown person 'speak'" },
		{ "nothing", "alice", DP_ENOTFOUND,
		  "unknown person or goal 'nothing'" },
		{ "speak", "zed", DP_ENOTFOUND,
		  "unknown person or goal 'speak'" },
		/* paths */
		{ "people/alice/goals/learn-rust.md", NULL, 0,
		  "people/alice/goals/learn-rust.md" },
		{ "./people/alice/profile.md", NULL, 0,
		  "people/alice/profile.md" },
		{ "people/alice/", NULL, 0, "people/alice/profile.md" },
		{ "people/alice", NULL, 0, "people/alice/profile.md" },
		{ "people//alice/./goals/speak.md", NULL, 0,
		  "people/alice/goals/speak.md" },
		{ "people/bob/../alice/profile.md", NULL, 0,
		  "people/alice/profile.md" },
		{ "devplan.yaml", NULL, 0, "devplan.yaml" },
		{ "framework/roles/dev.md", NULL, 0, "framework/roles/dev.md" },
		{ "framework/roles/none.md", NULL, DP_ENOTFOUND,
		  "no record at 'framework/roles/none.md'" },
		{ "people/alice/goals/none.md", NULL, DP_ENOTFOUND,
		  "no record at 'people/alice/goals/none.md'" },
		{ "people/carol", NULL, DP_ENOTFOUND,
		  "no record at 'people/carol/profile.md'" },
		{ "people/alice/goals", NULL, DP_EINVALID, "cannot read" },
		/* what must never resolve */
		{ "", NULL, DP_EINVALID, "empty record name" },
		{ "README.md", NULL, DP_EINVALID,
		  "'README.md' is not a record" },
		{ "../../etc/passwd", NULL, DP_EINVALID,
		  "'../../etc/passwd' is outside the repository" },
		{ "..", NULL, DP_EINVALID, "'..' is outside the repository" },
		{ ".", NULL, DP_EINVALID, "'.' is not a record" },
		{ "people/../x", NULL, DP_EINVALID,
		  "'people/../x' is not a record" },
		{ "people/../../x", NULL, DP_EINVALID,
		  "'people/../../x' is outside" },
		{ "people/../.git/config", NULL, DP_EINVALID,
		  "'people/../.git/config' is not a record" },
		{ "people/.git/config", NULL, DP_EINVALID, "invalid path" },
		{ "people/alice/../../.git/config", NULL, DP_EINVALID, "'" },
		{ "/etc/passwd", NULL, DP_EINVALID,
		  "'/etc/passwd' is outside the repository" },
		{ "people\\alice", NULL, DP_ENOTFOUND, "unknown person" },
		{ "people/link/profile.md", NULL, DP_EINVALID,
		  "refusing to follow symbolic link 'people/link'" },
		{ "people/alice/goals/ln.md", NULL, DP_EINVALID,
		  "refusing to follow symbolic link "
		  "'people/alice/goals/ln.md'" },
		{ "alice/l", NULL, DP_EAMBIGUOUS,
		  "'alice/l' is ambiguous: alice/learn, alice/learn-go, "
		  "alice/learn-rust, alice/ln" },
	};

	check_resolve(st, top, DP_ARRAY_SIZE(top));

	/* An absolute path inside the work tree. */
	dp_buf_addf(&abs, "%speople/bob/profile.md", dp_store_workdir(st));
	{
		struct resolve_case c[] = {
			{ abs.ptr, NULL, 0, "people/bob/profile.md" },
		};

		check_resolve(st, c, 1);
	}
	dp_buf_release(&abs);

	/* From a folder below the top, paths are relative to it first. */
	{
		struct dp_store *sub = NULL;
		struct dp_buf path = DP_BUF_INIT;
		static const struct resolve_case below[] = {
			{ "goals/learn-rust.md", NULL, 0,
			  "people/alice/goals/learn-rust.md" },
			{ "profile.md", NULL, 0, "people/alice/profile.md" },
			{ "../bob/profile.md", NULL, 0,
			  "people/bob/profile.md" },
			{ ".", NULL, 0, "people/alice/profile.md" },
			{ "people/bob/profile.md", NULL, 0,
			  "people/bob/profile.md" },
			{ "alice/learn-go", NULL, 0,
			  "people/alice/goals/learn-go.md" },
			{ "../../devplan.yaml", NULL, 0, "devplan.yaml" },
			{ "../../../x", NULL, DP_EINVALID, "'../../../x' is " },
			{ "../../../../etc/passwd", NULL, DP_EINVALID, "'" },
		};

		dp_buf_addf(&path, "%s/people/alice", dir);
		CHECK_INT(dp_store_open(&sub, path.ptr), 0);
		CHECK_STR(sub ? dp_store_prefix(sub) : NULL, "people/alice/");
		if (sub)
			check_resolve(sub, below, DP_ARRAY_SIZE(below));
		dp_store_free(sub);
		dp_buf_release(&path);
	}
}

static void test_templates(struct dp_store *st, const char *dir)
{
	struct dp_buf b = DP_BUF_INIT;
	const char *goal = dp_template_builtin("goal.md");

	CHECK(goal != NULL);
	CHECK(dp_template_builtin("profile.md") != NULL);
	CHECK(dp_template_builtin("devplan.yaml") != NULL);
	CHECK(dp_template_builtin("gitattributes") != NULL);
	CHECK(dp_template_builtin("nope.md") == NULL);
	CHECK(dp_template_builtin(NULL) == NULL);

	CHECK_INT(dp_template_load(&b, st, "goal.md"), 0);
	CHECK_STR(b.ptr, goal);
	dp_buf_reset(&b);
	CHECK_INT(dp_template_load(&b, NULL, "role.md"), 0);
	CHECK_STR(b.ptr, dp_template_builtin("role.md"));
	dp_buf_reset(&b);
	CHECK_INT(dp_template_load(&b, st, "nope.md"), DP_ENOTFOUND);
	CHECK_STR(dp_error_last(), "unknown template 'nope.md'");
	CHECK_INT(dp_template_load(&b, st, "../goal.md"), DP_ENOTFOUND);

	test_sh("mkdir -p '%s/.devplan/templates' && printf 'mine\\n' > "
		"'%s/.devplan/templates/goal.md'",
		dir, dir);
	CHECK_INT(dp_template_load(&b, st, "goal.md"), 0);
	CHECK_STR(b.ptr, "mine\n");
	dp_buf_reset(&b);
	CHECK_INT(dp_template_load(&b, st, "profile.md"), 0);
	CHECK_STR(b.ptr, dp_template_builtin("profile.md"));
	dp_buf_release(&b);
}

/* A grouped repository: listing two levels down, resolving names. */
static void test_grouped_repo(const char *dir)
{
	struct dp_store *st = NULL;
	struct dp_strlist l = DP_STRLIST_INIT;
	static const struct resolve_case cases[] = {
		{ "alice", NULL, 0, "people/79/alice/profile.md" },
		{ "alice/learn", NULL, 0,
		  "people/79/alice/goals/learn-rust.md" },
		{ "learn", "alice", 0, "people/79/alice/goals/learn-rust.md" },
		{ "x", NULL, 0, "people/95/x/profile.md" },
		{ "people/79/alice", NULL, 0, "people/79/alice/profile.md" },
		{ "people/95/x/goals/g.md", NULL, 0, "people/95/x/goals/g.md" },
		/* In the wrong group, or left flat: not a person. */
		{ "bob", NULL, DP_ENOTFOUND, "unknown person 'bob'" },
		{ "carol", NULL, DP_ENOTFOUND, "unknown person 'carol'" },
	};

	test_sh(
	    "git init -q '%s' && cd '%s' && "
	    "mkdir -p people/79/alice/goals people/95/x/goals people/17/x-a "
	    "people/00/bob people/carol people/bo && "
	    "touch devplan.yaml people/79/alice/profile.md "
	    "people/79/alice/goals/learn-rust.md people/95/x/profile.md "
	    "people/95/x/goals/g.md people/17/x-a/profile.md "
	    "people/00/bob/profile.md people/carol/profile.md",
	    dir, dir);
	lo.grouped = 1;
	CHECK_INT(dp_store_open(&st, dir), 0);
	if (st) {
		CHECK_INT(dp_layout_list_people(&l, st, &lo), 0);
		CHECK_INT(l.len, 3);
		if (l.len == 3) {
			CHECK_STR(l.items[0], "alice");
			CHECK_STR(l.items[1], "x");
			CHECK_STR(l.items[2], "x-a");
		}
		dp_strlist_release(&l);
		CHECK(dp_layout_person_exists(st, &lo, "x"));
		CHECK(!dp_layout_person_exists(st, &lo, "bob"));
		CHECK_INT(dp_layout_list_goals(&l, st, &lo, "alice"), 0);
		CHECK_INT(l.len, 1);
		dp_strlist_release(&l);
		check_resolve(st, cases, DP_ARRAY_SIZE(cases));
	}
	lo.grouped = 0;
	dp_store_free(st);
}

int main(void)
{
	struct dp_store *st = NULL;
	struct dp_buf dir = DP_BUF_INIT;

	if (test_sandbox(root, sizeof(root), "layout") < 0)
		return 1;

	test_paths();
	test_grouped_paths();

	dp_buf_addf(&dir, "%s/repo", root);
	test_sh(
	    "git init -q '%s' && cd '%s' && "
	    "mkdir -p people/alice/goals people/bob/goals people/carol/goals "
	    "people/Bad people/.hidden framework/roles && "
	    "touch devplan.yaml README.md framework/roles/dev.md "
	    "people/alice/profile.md people/bob/profile.md "
	    "people/Bad/profile.md people/.hidden/profile.md "
	    "people/alice/goals/learn.md people/alice/goals/learn-go.md "
	    "people/alice/goals/learn-rust.md people/alice/goals/speak.md "
	    "people/alice/goals/notes.txt people/alice/goals/.x.md "
	    "people/alice/goals/Upper.md people/bob/goals/read.md && "
	    "ln -s alice people/link && "
	    "ln -s speak.md people/alice/goals/ln.md",
	    dir.ptr, dir.ptr);
	CHECK_INT(dp_store_open(&st, dir.ptr), 0);
	if (st) {
		test_lists(st);
		test_resolve(st, dir.ptr);
		test_templates(st, dir.ptr);
	}
	dp_store_free(st);
	dp_buf_reset(&dir);
	dp_buf_addf(&dir, "%s/grouped", root);
	test_grouped_repo(dir.ptr);
	dp_buf_release(&dir);
	if (!getenv("DEVPLAN_KEEP_TMP"))
		test_sh("rm -rf '%s'", root);
	return test_done();
}
