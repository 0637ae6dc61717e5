/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the store: throw-away repositories under a temporary
 * folder, changed through the store and checked with the real git.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "devplan/buf.h"
#include "devplan/store-index.h"
#include "devplan/error.h"
#include "devplan/store.h"
#include "devplan/util.h"

#include "test.h"
#include "test-sh.h"

static char root[256];

/* ---- helpers ------------------------------------------------------------ */

/* The standard output of a shell command (valid until the next call). */
__attribute__((format(printf, 1, 2))) static const char *run(const char *fmt,
							     ...)
{
	static struct dp_buf out = DP_BUF_INIT;
	struct dp_buf cmd = DP_BUF_INIT;
	char chunk[4096];
	va_list ap;
	FILE *p;
	size_t n;

	dp_buf_reset(&out);
	va_start(ap, fmt);
	dp_buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	fflush(stdout);
	p = popen(cmd.ptr, "r");
	if (p) {
		while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
			dp_buf_add(&out, chunk, n);
		pclose(p);
	}
	dp_buf_release(&cmd);
	return out.ptr;
}

static void put(const char *dir, const char *path, const char *text)
{
	struct dp_buf full = DP_BUF_INIT;
	FILE *f;

	dp_buf_addf(&full, "%s/%s", dir, path);
	f = fopen(full.ptr, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	dp_buf_release(&full);
}

static int file_exists(const char *dir, const char *path)
{
	struct dp_buf full = DP_BUF_INIT;
	struct stat sb;
	int ret;

	dp_buf_addf(&full, "%s/%s", dir, path);
	ret = lstat(full.ptr, &sb) == 0;
	dp_buf_release(&full);
	return ret;
}

static char *repo_path(const char *name)
{
	struct dp_buf b = DP_BUF_INIT;

	dp_buf_addf(&b, "%s/%s", root, name);
	return dp_buf_detach(&b, NULL);
}

/* A new repository made by the store, with one commit of a.md and b.md. */
static struct dp_store *new_repo(const char *name, char **dir_out)
{
	struct dp_store *st = NULL;
	char *dir = repo_path(name);
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "alpha\n", .len = 6 },
		{ .path = "b.md", .content = "beta\n", .len = 5 },
	};

	if (dp_store_init(&st, dir) < 0 ||
	    dp_store_commit(st, ch, 2, "initial", NULL, NULL, NULL) < 0) {
		printf("# cannot set up %s: %s\n", name, dp_error_last());
		dp_store_free(st);
		st = NULL;
	}
	*dir_out = dir;
	return st;
}

static int contains(const char *haystack, const char *needle)
{
	int ok = haystack && strstr(haystack, needle) != NULL;

	if (!ok)
		printf("# [%s] does not contain [%s]\n",
		       haystack ? haystack : "(null)", needle);
	return ok;
}

static long long elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long long)(t1.tv_sec - t0->tv_sec) * 1000 +
	       (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void set_identity(void)
{
	setenv("GIT_AUTHOR_NAME", "A U Thor", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.com", 1);
	setenv("GIT_AUTHOR_DATE", "1795000000 +0000", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.com", 1);
	setenv("GIT_COMMITTER_DATE", "1795000000 +0000", 1);
}

static void unset_identity(void)
{
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	unsetenv("GIT_AUTHOR_DATE");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	unsetenv("GIT_COMMITTER_DATE");
}

/* ---- paths and opening ---------------------------------------------------- */

static void test_path_check(void)
{
	static const char *good[] = {
		"people/alice/profile.md",
		"devplan.yaml",
		"a",
		".devplan/templates/goal.md",
		"people/a.b/x.md",
		"people/..x/y",
		".gitattributes",
		"x/.gitignore",
	};
	static const char *bad[] = {
		"",
		"/etc/passwd",
		"../x",
		"..",
		".",
		"a/../b",
		"a/..",
		"./a",
		"a/./b",
		"a//b",
		"a/",
		"/",
		".git",
		".git/config",
		".git/",
		".GIT/config",
		"a/.git/config",
		"a\\b",
		"people\\..\\x",
		"a\nb",
		"a\tb",
	};

	for (size_t i = 0; i < DP_ARRAY_SIZE(good); i++) {
		int rc = dp_store_path_check(good[i]);

		CHECK_INT(rc, 0);
		if (rc)
			printf("# path [%s]: %s\n", good[i], dp_error_last());
	}
	for (size_t i = 0; i < DP_ARRAY_SIZE(bad); i++) {
		int rc = dp_store_path_check(bad[i]);

		CHECK_INT(rc, DP_EINVALID);
		if (rc != DP_EINVALID)
			printf("# path [%s] accepted\n", bad[i]);
	}
	CHECK_INT(dp_store_path_check(NULL), DP_EINVALID);
	dp_store_path_check("/etc/passwd");
	CHECK_STR(dp_error_last(),
		  "invalid path '/etc/passwd': absolute paths are not allowed");
	dp_store_path_check("people/../x");
	CHECK(contains(dp_error_last(), "'people/../x'"));
}

static void test_no_repo(void)
{
	struct dp_store *st = NULL;
	char *dir = repo_path("plain");

	mkdir(dir, 0777);
	CHECK_INT(dp_store_open(&st, dir), DP_ENOREPO);
	CHECK(st == NULL);
	CHECK(contains(dp_error_last(), "not a git repository"));
	CHECK(contains(dp_error_last(), "plain"));
	free(dir);

	test_sh("git init -q --bare '%s/bare.git'", root);
	dir = repo_path("bare.git");
	CHECK_INT(dp_store_open(&st, dir), DP_ENOREPO);
	CHECK(contains(dp_error_last(), "bare"));
	free(dir);
}

static void test_init(void)
{
	struct dp_store *st = NULL, *again = NULL;
	char *dir = repo_path("init/sub");
	struct dp_buf want = DP_BUF_INIT;

	CHECK_INT(dp_store_init(&st, dir), 0);
	CHECK_STR(run("git -C '%s' symbolic-ref HEAD", dir),
		  "refs/heads/main\n");
	dp_buf_addf(&want, "%s/", dir);
	CHECK_STR(st ? dp_store_workdir(st) : NULL, want.ptr);
	dp_buf_adds(&want, ".git/");
	CHECK_STR(st ? dp_store_gitdir(st) : NULL, want.ptr);
	CHECK_STR(st ? dp_store_prefix(st) : NULL, "");
	/* Again on the same folder: opens it. */
	CHECK_INT(dp_store_init(&again, dir), 0);
	CHECK(again != NULL);
	dp_store_free(again);
	dp_store_free(st);
	free(dir);

	/* init.defaultBranch is honoured. */
	test_sh("git config --global init.defaultBranch trunk");
	dir = repo_path("init-trunk");
	st = NULL;
	CHECK_INT(dp_store_init(&st, dir), 0);
	CHECK_STR(run("git -C '%s' symbolic-ref HEAD", dir),
		  "refs/heads/trunk\n");
	dp_store_free(st);
	test_sh("git config --global --unset init.defaultBranch");
	free(dir);
	dp_buf_release(&want);
}

static void test_prefix(void)
{
	struct dp_store *st, *sub = NULL;
	struct dp_buf path = DP_BUF_INIT;
	char *dir;

	st = new_repo("prefix", &dir);
	CHECK(st != NULL);
	dp_buf_addf(&path, "%s/people/alice", dir);
	test_sh("mkdir -p '%s'", path.ptr);
	CHECK_INT(dp_store_open(&sub, path.ptr), 0);
	CHECK_STR(sub ? dp_store_prefix(sub) : NULL, "people/alice/");
	CHECK_STR(sub ? dp_store_workdir(sub) : NULL,
		  st ? dp_store_workdir(st) : NULL);
	dp_store_free(sub);
	dp_store_free(st);
	dp_buf_release(&path);
	free(dir);
}

/* ---- committing ----------------------------------------------------------- */

static void test_first_commit(void)
{
	struct dp_store *st = NULL;
	char *dir = repo_path("unborn");
	struct dp_buf want = DP_BUF_INIT;
	char oid[41] = "";
	static const char msg[] =
	    "goal(alice): add \"Learn Rust\"\n"
	    "\n"
	    "Devplan-Person: alice\n"
	    "Devplan-Record: people/alice/goals/learn-rust.md\n";
	struct dp_change ch[] = {
		{ .path = "people/alice/profile.md",
		  .content = "---\nname: Alice\n---\n",
		  .len = 20 },
		{ .path = "people/alice/goals/learn-rust.md",
		  .content = "---\ntitle: R\n---\n",
		  .len = 17 },
	};

	CHECK_INT(dp_store_init(&st, dir), 0);
	CHECK_INT(dp_store_commit(st, ch, 2, msg, NULL, NULL, oid), 0);
	dp_buf_addf(&want, "%s\n", oid);
	CHECK_INT(strlen(oid), 40);
	CHECK_STR(run("git -C '%s' rev-parse HEAD", dir), want.ptr);
	CHECK_STR(run("git -C '%s' rev-list --count HEAD", dir), "1\n");
	CHECK_STR(run("git -C '%s' log -1 --format=%%B HEAD", dir),
		  "goal(alice): add \"Learn Rust\"\n\nDevplan-Person: alice\n"
		  "Devplan-Record: people/alice/goals/learn-rust.md\n\n");
	CHECK_STR(run("git -C '%s' cat-file commit HEAD | sed '1,/^$/d'", dir),
		  msg);
	CHECK_STR(run("git -C '%s' ls-tree -r --name-only HEAD", dir),
		  "people/alice/goals/learn-rust.md\n"
		  "people/alice/profile.md\n");
	CHECK_STR(run("git -C '%s' show HEAD:people/alice/profile.md", dir),
		  "---\nname: Alice\n---\n");
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");
	CHECK_STR(run("git -C '%s' reflog -1 --format=%%gs", dir),
		  "commit (initial): goal(alice): add \"Learn Rust\"\n");
	CHECK_STR(run("git -C '%s' log -1 --format=%%an/%%ae/%%at/%%cn/%%ce/"
		      "%%ct",
		      dir),
		  "A U Thor/author@example.com/1795000000/"
		  "C O Mitter/committer@example.com/1795000000\n");
	CHECK_STR(run("cat '%s/people/alice/goals/learn-rust.md'", dir),
		  "---\ntitle: R\n---\n");
	/* No temporary files left behind. */
	CHECK_STR(run("cd '%s' && find . -path ./.git -prune -o -name '.*' "
		      "-print",
		      dir),
		  ".\n");
	dp_store_free(st);
	dp_buf_release(&want);
	free(dir);
}

static void test_commit_leaves_other_work(void)
{
	struct dp_store *st;
	char *dir;
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "alpha 2\n", .len = 8 },
		{ .path = "people/x/goals/g.md",
		  .content = "goal\n",
		  .len = 5 },
	};
	struct dp_buf before = DP_BUF_INIT;

	st = new_repo("other-work", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	put(dir, "c.md", "gamma\n");
	test_sh("git -C '%s' add c.md && git -C '%s' commit -q -m c", dir, dir);
	/* staged b.md, unstaged c.md, untracked u.txt */
	put(dir, "b.md", "beta staged\n");
	test_sh("git -C '%s' add b.md", dir);
	put(dir, "c.md", "gamma unstaged\n");
	put(dir, "u.txt", "untracked\n");
	dp_buf_adds(&before, run("git -C '%s' rev-parse HEAD", dir));

	CHECK_INT(dp_store_commit(st, ch, 2, "two files", NULL, NULL, NULL), 0);
	CHECK_STR(run("git -C '%s' diff-tree --no-commit-id --name-status -r "
		      "HEAD",
		      dir),
		  "M\ta.md\nA\tpeople/x/goals/g.md\n");
	CHECK_STR(run("git -C '%s' rev-parse HEAD^", dir), before.ptr);
	CHECK_STR(run("git -C '%s' status --porcelain", dir),
		  "M  b.md\n M c.md\n?? u.txt\n");
	CHECK_STR(run("git -C '%s' diff --cached --name-only", dir), "b.md\n");
	CHECK_STR(run("git -C '%s' show :b.md", dir), "beta staged\n");
	CHECK_STR(run("git -C '%s' show :c.md", dir), "gamma\n");
	CHECK_STR(run("cat '%s/c.md'", dir), "gamma unstaged\n");
	CHECK_STR(run("git -C '%s' reflog -1 --format=%%gs", dir),
		  "commit: two files\n");

	/* An empty message and no changes are refused. */
	CHECK_INT(dp_store_commit(st, ch, 2, "", NULL, NULL, NULL),
		  DP_EINVALID);
	CHECK_INT(dp_store_commit(st, ch, 0, "x", NULL, NULL, NULL),
		  DP_EINVALID);
	{
		struct dp_change twice[] = {
			{ .path = "a.md", .content = "1", .len = 1 },
			{ .path = "a.md", .content = "2", .len = 1 }
		};
		struct dp_change bad[] = {
			{ .path = "../evil", .content = "1", .len = 1 }
		};

		CHECK_INT(dp_store_commit(st, twice, 2, "x", NULL, NULL, NULL),
			  DP_EINVALID);
		CHECK_INT(dp_store_commit(st, bad, 1, "x", NULL, NULL, NULL),
			  DP_EINVALID);
		CHECK(!file_exists(root, "evil"));
	}
	dp_store_free(st);
out:
	dp_buf_release(&before);
	free(dir);
}

static void test_delete(void)
{
	struct dp_store *st;
	char *dir;
	struct dp_change add[] = {
		{ .path = "people/z/goals/g.md", .content = "g\n", .len = 2 },
		{ .path = "people/y/profile.md", .content = "y\n", .len = 2 },
	};
	struct dp_change del[] = {
		{ .path = "people/z/goals/g.md", .content = NULL, .len = 0 },
		{ .path = "people/nobody/x.md", .content = NULL, .len = 0 },
	};

	st = new_repo("delete", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	CHECK_INT(dp_store_commit(st, add, 2, "add", NULL, NULL, NULL), 0);
	CHECK_INT(dp_store_commit(st, del, 2, "delete", NULL, NULL, NULL), 0);
	CHECK(!file_exists(dir, "people/z/goals/g.md"));
	CHECK(!file_exists(dir, "people/z"));
	CHECK(file_exists(dir, "people/y/profile.md"));
	CHECK_STR(run("git -C '%s' ls-tree -r --name-only HEAD", dir),
		  "a.md\nb.md\npeople/y/profile.md\n");
	CHECK_STR(run("git -C '%s' ls-files people/z", dir), "");
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");
	dp_store_free(st);
out:
	free(dir);
}

static void test_identity(void)
{
	struct dp_store *st;
	char *dir;
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "x\n", .len = 2 }
	};
	struct dp_buf email = DP_BUF_INIT;
	static const struct {
		const char *date;
		const char *want; /* %at %ai */
	} dates[] = {
		{ "1795000000 +0000", "1795000000 2026-11-18 11:06:40 +0000" },
		{ "@1795000000 +0200", "1795000000 2026-11-18 13:06:40 +0200" },
		{ "2026-11-22T10:00:00+01:00",
		  "1795338000 2026-11-22 10:00:00 +0100" },
		{ "2026-11-22 10:00:00 +0100",
		  "1795338000 2026-11-22 10:00:00 +0100" },
		{ "2026-11-22T09:00:00Z",
		  "1795338000 2026-11-22 09:00:00 +0000" },
		{ "2026-11-22 04:30:00 -0430",
		  "1795338000 2026-11-22 04:30:00 -0430" },
		{ "Sun, 22 Nov 2026 10:00:00 +0100",
		  "1795338000 2026-11-22 10:00:00 +0100" },
		{ "2026-11-22 09:00:00",
		  "1795338000 2026-11-22 09:00:00 +0000" },
		{ "22 Nov 2026 10:00 +0100",
		  "1795338000 2026-11-22 10:00:00 +0100" },
		{ "@1795338000", "1795338000 2026-11-22 09:00:00 +0000" },
		{ "2026-11-22T10:00:00.123+01:00",
		  "1795338000 2026-11-22 10:00:00 +0100" },
	};

	static const char *bad_dates[] = {
		"2026-02-30 10:00:00 +0000",
		"2026-11-22 25:00 +0000",
		"1795000000 +99",
		"1795000000 x",
		"22 Foo 2026 10:00 +0000",
		"@",
		"1795000000 +0000 extra",
		"2026-11-22Tfoo",
	};

	st = new_repo("ident", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	for (size_t i = 0; i < DP_ARRAY_SIZE(dates); i++) {
		char text[8];

		snprintf(text, sizeof(text), "%zu\n", i);
		ch[0].content = text;
		ch[0].len = strlen(text);
		setenv("GIT_AUTHOR_DATE", dates[i].date, 1);
		CHECK_INT(dp_store_commit(st, ch, 1, "date", NULL, NULL, NULL),
			  0);
		CHECK_STR(run("git -C '%s' log -1 --format='%%at %%ai'", dir),
			  run("echo '%s'", dates[i].want));
	}
	setenv("GIT_AUTHOR_DATE", "next tuesday", 1);
	CHECK_INT(dp_store_commit(st, ch, 1, "date", NULL, NULL, NULL),
		  DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "invalid date format 'next tuesday' in GIT_AUTHOR_DATE");
	for (size_t i = 0; i < DP_ARRAY_SIZE(bad_dates); i++) {
		setenv("GIT_AUTHOR_DATE", bad_dates[i], 1);
		CHECK_INT(dp_store_commit(st, ch, 1, "date", NULL, NULL, NULL),
			  DP_EINVALID);
	}
	set_identity();

	/* The committer is separate from the author. */
	setenv("GIT_COMMITTER_NAME", "Rev Iewer", 1);
	setenv("GIT_COMMITTER_EMAIL", "rev@example.com", 1);
	setenv("GIT_COMMITTER_DATE", "@1795000100 +0100", 1);
	ch[0].content = "committer\n";
	ch[0].len = 10;
	CHECK_INT(dp_store_commit(st, ch, 1, "who", NULL, NULL, NULL), 0);
	CHECK_STR(run("git -C '%s' log -1 --format='%%an <%%ae> %%at|%%cn "
		      "<%%ce> %%ct %%ci'",
		      dir),
		  "A U Thor <author@example.com> 1795000000|Rev Iewer "
		  "<rev@example.com> 1795000100 2026-11-18 12:08:20 +0100\n");

	/* Without the environment: user.name and user.email. */
	unset_identity();
	ch[0].content = "config\n";
	ch[0].len = 7;
	CHECK_INT(dp_store_commit(st, ch, 1, "config", NULL, NULL, NULL), 0);
	CHECK_STR(
	    run("git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", dir),
	    "Conf User <conf@example.com>|Conf User <conf@example.com>\n");
	CHECK_INT(dp_store_user_email(&email, st), 0);
	CHECK_STR(email.ptr, "conf@example.com");
	setenv("GIT_AUTHOR_EMAIL", "env@example.com", 1);
	dp_buf_reset(&email);
	CHECK_INT(dp_store_user_email(&email, st), 0);
	CHECK_STR(email.ptr, "env@example.com");
	unsetenv("GIT_AUTHOR_EMAIL");

	/* Nobody at all. */
	test_sh("git -C '%s' config user.name ''", dir);
	CHECK_INT(dp_store_commit(st, ch, 1, "nobody", NULL, NULL, NULL),
		  DP_ENOIDENT);
	CHECK(contains(dp_error_last(), "git config --global user.name"));
	test_sh("git -C '%s' config user.name 'Conf User'", dir);
	test_sh("git -C '%s' config user.email ''", dir);
	unsetenv("EMAIL");
	CHECK_INT(dp_store_commit(st, ch, 1, "nobody", NULL, NULL, NULL),
		  DP_ENOIDENT);
	CHECK(contains(dp_error_last(), "git config --global user.email"));
	dp_buf_reset(&email);
	CHECK_INT(dp_store_user_email(&email, st), DP_ENOIDENT);
	CHECK(contains(dp_error_last(), "user.email"));
	test_sh("git -C '%s' config --unset user.email", dir);
	test_sh("git -C '%s' config --unset user.name", dir);
	set_identity();
	dp_store_free(st);
out:
	dp_buf_release(&email);
	free(dir);
}

static void test_external_commit(void)
{
	struct dp_store *st;
	char *dir;
	struct dp_buf ext = DP_BUF_INIT;
	struct dp_change ch[] = {
		{ .path = "people/p/profile.md", .content = "p\n", .len = 2 }
	};

	st = new_repo("external", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	/* Someone commits with git while the store is open. */
	put(dir, "ext.md", "external\n");
	test_sh("git -C '%s' add ext.md && git -C '%s' commit -q -m ext", dir,
		dir);
	dp_buf_adds(&ext, run("git -C '%s' rev-parse HEAD", dir));
	CHECK_INT(
	    dp_store_commit(st, ch, 1, "after external", NULL, NULL, NULL), 0);
	CHECK_STR(run("git -C '%s' rev-parse HEAD^", dir), ext.ptr);
	CHECK_STR(run("git -C '%s' ls-tree -r --name-only HEAD", dir),
		  "a.md\nb.md\next.md\npeople/p/profile.md\n");
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");

	/* A detached HEAD moves on, leaving the branch alone. */
	test_sh("git -C '%s' checkout -q --detach", dir);
	dp_buf_reset(&ext);
	dp_buf_adds(&ext, run("git -C '%s' rev-parse main", dir));
	ch[0].content = "detached\n";
	ch[0].len = 9;
	CHECK_INT(dp_store_commit(st, ch, 1, "detached", NULL, NULL, NULL), 0);
	CHECK_STR(run("git -C '%s' rev-parse main", dir), ext.ptr);
	CHECK_STR(run("git -C '%s' log -1 --format=%%s HEAD", dir),
		  "detached\n");
	CHECK_STR(run("git -C '%s' rev-parse HEAD^", dir), ext.ptr);
	dp_store_free(st);
out:
	dp_buf_release(&ext);
	free(dir);
}

/* ---- reading ---------------------------------------------------------- */

static void test_read(void)
{
	struct dp_store *st;
	struct dp_strlist list = DP_STRLIST_INIT;
	struct dp_buf b = DP_BUF_INIT;
	char *dir;

	st = new_repo("read", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	dp_buf_adds(&b, ">");
	CHECK_INT(dp_store_read(&b, st, "a.md", 100), 0);
	CHECK_STR(b.ptr, ">alpha\n");
	CHECK_INT(dp_store_read(&b, st, "a.md", 6), 0);
	CHECK_INT(dp_store_read(&b, st, "a.md", 5), DP_ETOOBIG);
	CHECK_STR(dp_error_last(), "'a.md' is larger than 5 bytes");
	CHECK_STR(b.ptr, ">alpha\nalpha\n");
	CHECK_INT(dp_store_read(&b, st, "nope.md", 100), DP_ENOTFOUND);
	CHECK_INT(dp_store_read(&b, st, "no/such/dir.md", 100), DP_ENOTFOUND);
	CHECK_INT(dp_store_read(&b, st, "../x", 100), DP_EINVALID);
	test_sh("mkdir -p '%s/people/bob/goals' '%s/people/alice' "
		"'%s/people/.hidden'",
		dir, dir, dir);
	put(dir, "people/carol", "file\n");
	put(dir, "people/.dot", "dot\n");
	CHECK_INT(dp_store_read(&b, st, "people", 100), DP_EINVALID);

	CHECK_INT(dp_store_list(&list, st, "people"), 0);
	CHECK_INT(list.len, 3);
	if (list.len == 3) {
		CHECK_STR(list.items[0], "alice");
		CHECK_STR(list.items[1], "bob");
		CHECK_STR(list.items[2], "carol");
	}
	dp_strlist_release(&list);
	CHECK_INT(dp_store_list(&list, st, "missing/dir"), 0);
	CHECK_INT(list.len, 0);
	CHECK_INT(dp_store_list(&list, st, ""), 0);
	CHECK_INT(list.len, 3); /* a.md b.md people; not .git */
	dp_strlist_release(&list);
	CHECK_INT(dp_store_list(&list, st, "a.md"), DP_EINVALID);
	dp_strlist_release(&list);

	CHECK_INT(dp_store_exists(st, "a.md"), 1);
	CHECK_INT(dp_store_exists(st, "people"), 0);
	CHECK_INT(dp_store_exists(st, "nope"), 0);
	CHECK_INT(dp_store_exists(st, "../read/a.md"), 0);
	CHECK_INT(dp_store_isdir(st, "people"), 1);
	CHECK_INT(dp_store_isdir(st, "people/bob/goals"), 1);
	CHECK_INT(dp_store_isdir(st, "a.md"), 0);
	CHECK_INT(dp_store_isdir(st, "nope"), 0);

	/* HEAD versus the work tree. */
	put(dir, "a.md", "edited\n");
	dp_buf_reset(&b);
	CHECK_INT(dp_store_read_head(&b, st, "a.md"), 0);
	CHECK_STR(b.ptr, "alpha\n");
	CHECK_INT(dp_store_read_head(&b, st, "people/carol"), DP_ENOTFOUND);
	CHECK(contains(dp_error_last(), "'people/carol'"));
	dp_store_free(st);
	free(dir);

	dir = repo_path("read-unborn");
	CHECK_INT(dp_store_init(&st, dir), 0);
	CHECK_INT(dp_store_read_head(&b, st, "a.md"), DP_ENOTFOUND);
	CHECK_INT(dp_store_log_path(&list, st, "a.md", 0), 0);
	CHECK_INT(list.len, 0);
	dp_store_free(st);
out:
	dp_strlist_release(&list);
	dp_buf_release(&b);
	free(dir);
}

static void test_symlinks(void)
{
	struct dp_store *st;
	struct dp_strlist list = DP_STRLIST_INIT;
	struct dp_buf b = DP_BUF_INIT;
	char *dir;
	struct dp_change via_dir[] = {
		{ .path = "people/x/goals/g.md", .content = "g\n", .len = 2 }
	};
	struct dp_change link_file[] = {
		{ .path = "people/l.md", .content = "l\n", .len = 2 }
	};

	st = new_repo("links", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	test_sh("mkdir -p '%s/outside' '%s/people' && echo secret > "
		"'%s/outside/s.md'",
		root, dir, root);
	test_sh("ln -s '%s/outside' '%s/people/x'", root, dir);
	test_sh("ln -s ../a.md '%s/people/l.md'", dir);

	CHECK_INT(dp_store_read(&b, st, "people/x/s.md", 100), DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "refusing to follow symbolic link 'people/x'");
	CHECK_INT(dp_store_read(&b, st, "people/l.md", 100), DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "refusing to follow symbolic link 'people/l.md'");
	CHECK_STR(b.ptr, "");
	CHECK_INT(dp_store_exists(st, "people/l.md"), 0);
	CHECK_INT(dp_store_exists(st, "people/x/s.md"), 0);
	CHECK_INT(dp_store_isdir(st, "people/x"), 0);
	CHECK_INT(dp_store_list(&list, st, "people/x"), DP_EINVALID);
	CHECK_INT(list.len, 0);

	CHECK_INT(dp_store_commit(st, via_dir, 1, "via link", NULL, NULL, NULL),
		  DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "refusing to follow symbolic link 'people/x'");
	CHECK(!file_exists(root, "outside/goals"));
	CHECK_INT(dp_store_commit(st, link_file, 1, "link", NULL, NULL, NULL),
		  DP_EINVALID);
	CHECK_STR(run("cat '%s/a.md'", dir), "alpha\n");
	link_file[0].content = NULL;
	CHECK_INT(dp_store_commit(st, link_file, 1, "unlink", NULL, NULL, NULL),
		  DP_EINVALID);
	CHECK(file_exists(dir, "people/l.md"));
	CHECK_STR(run("git -C '%s' rev-list --count HEAD", dir), "1\n");
	dp_store_free(st);
out:
	dp_strlist_release(&list);
	dp_buf_release(&b);
	free(dir);
}

static void test_check_clean(void)
{
	struct dp_store *st;
	char *dir;

	st = new_repo("clean", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	CHECK_INT(dp_store_check_clean(st, "a.md"), 0);
	CHECK_INT(dp_store_check_clean(st, "people/nobody/x.md"), 0);

	put(dir, "a.md", "unstaged\n");
	CHECK_INT(dp_store_check_clean(st, "a.md"), DP_EDIRTY);
	CHECK_STR(dp_error_last(),
		  "'a.md' has uncommitted changes; commit or stash them first");
	CHECK_INT(dp_store_check_clean(st, "b.md"), 0);
	test_sh("git -C '%s' add a.md", dir);
	CHECK_INT(dp_store_check_clean(st, "a.md"), DP_EDIRTY);
	test_sh("git -C '%s' reset -q --hard", dir);
	CHECK_INT(dp_store_check_clean(st, "a.md"), 0);

	test_sh("mkdir -p '%s/people/n'", dir);
	put(dir, "people/n/new.md", "untracked\n");
	CHECK_INT(dp_store_check_clean(st, "people/n/new.md"), DP_EDIRTY);
	CHECK_INT(dp_store_check_clean(st, "people/n"), DP_EDIRTY);
	CHECK_INT(dp_store_check_clean(st, "people"), DP_EDIRTY);
	test_sh("rm -r '%s/people'", dir);

	/* Deleted in the work tree, staged deletion. */
	test_sh("rm '%s/b.md'", dir);
	CHECK_INT(dp_store_check_clean(st, "b.md"), DP_EDIRTY);
	test_sh("git -C '%s' rm -q --cached b.md", dir);
	CHECK_INT(dp_store_check_clean(st, "b.md"), DP_EDIRTY);
	test_sh("git -C '%s' reset -q --hard", dir);
	CHECK_INT(dp_store_check_clean(st, "b.md"), 0);
	CHECK_INT(dp_store_check_clean(st, ".git/config"), DP_EINVALID);
	dp_store_free(st);
out:
	free(dir);
}

/* ---- config, cache, history ------------------------------------------- */

static void test_config_cache(void)
{
	struct dp_store *st;
	struct dp_buf b = DP_BUF_INIT;
	char *dir;

	st = new_repo("config", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	CHECK_INT(dp_store_config_set(st, "devplan.test", "x y"), 0);
	CHECK_INT(dp_store_config_get(&b, st, "devplan.test"), 0);
	CHECK_STR(b.ptr, "x y");
	CHECK_STR(run("git -C '%s' config --local devplan.test", dir), "x y\n");
	dp_buf_reset(&b);
	CHECK_INT(dp_store_config_get(&b, st, "devplan.missing"), DP_ENOTFOUND);
	/* From the global config. */
	CHECK_INT(dp_store_config_get(&b, st, "user.email"), 0);
	CHECK_STR(b.ptr, "conf@example.com");
	/* Changed by git behind the store's back. */
	test_sh("git -C '%s' config devplan.test changed", dir);
	dp_buf_reset(&b);
	CHECK_INT(dp_store_config_get(&b, st, "devplan.test"), 0);
	CHECK_STR(b.ptr, "changed");

	dp_buf_reset(&b);
	CHECK_INT(dp_store_cache_read(&b, st, "emails"), DP_ENOTFOUND);
	CHECK_INT(dp_store_cache_write(st, "emails", "a@x alice\n", 10), 0);
	CHECK_INT(dp_store_cache_read(&b, st, "emails"), 0);
	CHECK_STR(b.ptr, "a@x alice\n");
	CHECK_STR(run("cat '%s/.git/devplan/emails'", dir), "a@x alice\n");
	CHECK_INT(dp_store_cache_write(st, "emails", "b\n", 2), 0);
	dp_buf_reset(&b);
	CHECK_INT(dp_store_cache_read(&b, st, "emails"), 0);
	CHECK_STR(b.ptr, "b\n");
	/* tmp/ holds the temporary files of commits, nothing else. */
	CHECK_STR(run("ls -A '%s/.git/devplan'", dir), "emails\ntmp\n");
	CHECK_INT(dp_store_cache_write(st, "../evil", "x", 1), DP_EINVALID);
	CHECK_INT(dp_store_cache_read(&b, st, "a/b"), DP_EINVALID);
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");
	dp_store_free(st);
out:
	dp_buf_release(&b);
	free(dir);
}

static void test_log_path(void)
{
	struct dp_store *st;
	struct dp_strlist list = DP_STRLIST_INIT;
	char *dir, c1[41], c2[41], c3[41], c0[41];
	struct dp_change a1[] = {
		{ .path = "people/a/goals/g.md", .content = "1\n", .len = 2 }
	};
	struct dp_change b1[] = {
		{ .path = "people/b/profile.md", .content = "1\n", .len = 2 }
	};
	struct dp_change a2[] = {
		{ .path = "people/a/goals/g.md", .content = "2\n", .len = 2 }
	};

	st = new_repo("log", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	snprintf(c0, sizeof(c0), "%.40s",
		 run("git -C '%s' rev-parse HEAD", dir));
	CHECK_INT(dp_store_commit(st, a1, 1, "a1", NULL, NULL, c1), 0);
	CHECK_INT(dp_store_commit(st, b1, 1, "b1", NULL, NULL, c2), 0);
	CHECK_INT(dp_store_commit(st, a2, 1, "a2", NULL, NULL, c3), 0);

	CHECK_INT(dp_store_log_path(&list, st, "people/a/goals/g.md", 0), 0);
	CHECK_INT(list.len, 2);
	if (list.len == 2) {
		CHECK_STR(list.items[0], c3);
		CHECK_STR(list.items[1], c1);
	}
	dp_strlist_release(&list);
	CHECK_INT(dp_store_log_path(&list, st, "people/a/", 1), 0);
	CHECK_INT(list.len, 1);
	if (list.len == 1)
		CHECK_STR(list.items[0], c3);
	dp_strlist_release(&list);
	CHECK_INT(dp_store_log_path(&list, st, "people", 0), 0);
	CHECK_INT(list.len, 3);
	dp_strlist_release(&list);
	CHECK_INT(dp_store_log_path(&list, st, "a.md", 0), 0);
	CHECK_INT(list.len, 1);
	if (list.len == 1)
		CHECK_STR(list.items[0], c0);
	dp_strlist_release(&list);
	CHECK_INT(dp_store_log_path(&list, st, "people/zed", 0), 0);
	CHECK_INT(list.len, 0);
	CHECK_INT(dp_store_log_path(&list, st, "../x", 0), DP_EINVALID);
	CHECK_STR(run("git -C '%s' log --format=%%H -- people/a", dir),
		  run("printf '%%s\\n%%s\\n' %s %s", c3, c1));
	dp_store_free(st);
out:
	dp_strlist_release(&list);
	free(dir);
}

/* ---- locks and concurrency ---------------------------------------------- */

/* A child that takes the devplan lock, says so, and holds it until told. */
static pid_t hold_devplan_lock(const char *dir, int *release_fd)
{
	int ready[2], release[2];
	pid_t pid;
	char c;

	if (pipe(ready) < 0 || pipe(release) < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct dp_store *st = NULL;

		close(ready[0]);
		close(release[1]);
		if (dp_store_open(&st, dir) < 0 || dp_store_lock(st) < 0)
			_exit(1);
		if (write(ready[1], "x", 1) != 1)
			_exit(1);
		/* Until the parent closes its end (or dies). */
		if (read(release[0], &c, 1) < 0)
			_exit(1);
		_exit(0); /* no unlock: the kernel drops the lock */
	}
	close(ready[1]);
	close(release[0]);
	if (read(ready[0], &c, 1) != 1)
		pid = -1;
	close(ready[0]);
	*release_fd = release[1];
	return pid;
}

/* dp_store_lock's result in another process. */
static int try_lock_in_child(const char *dir)
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct dp_store *st = NULL;
		int rc = dp_store_open(&st, dir);

		if (rc == 0)
			rc = dp_store_lock(st);
		dp_store_free(st);
		_exit(-rc);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return -WEXITSTATUS(status);
}

static void test_devplan_lock(void)
{
	struct dp_store *st, *other = NULL;
	struct timespec t0;
	char *dir;
	int release = -1, status = -1;
	long long ms;
	pid_t pid;

	st = new_repo("lock", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "300"), 0);
	pid = hold_devplan_lock(dir, &release);
	CHECK(pid > 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(dp_store_lock(st), DP_ELOCKED);
	ms = elapsed_ms(&t0);
	CHECK(ms >= 250 && ms < 3000);
	CHECK(contains(dp_error_last(), ".git/devplan.lock': another devplan "
					"command is running"));
	CHECK(contains(dp_error_last(), "cannot lock '/"));
	/* The holder dies without unlocking: nothing stale remains. */
	close(release);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_INT(dp_store_lock(st), 0);
	CHECK_INT(dp_store_lock(st), 0); /* nested */
	dp_store_unlock(st);
	/* Another store of the same repository in this process. */
	CHECK_INT(dp_store_open(&other, dir), 0);
	CHECK_INT(dp_store_lock(other), DP_ELOCKED);
	CHECK(contains(dp_error_last(), "already locked by this process"));
	dp_store_free(other);
	other = NULL;
	/* ... and the lock still holds against other processes. */
	CHECK_INT(try_lock_in_child(dir), DP_ELOCKED);
	dp_store_unlock(st);
	CHECK_INT(try_lock_in_child(dir), 0);

	/* A second process gets the lock once the first lets go. */
	pid = hold_devplan_lock(dir, &release);
	CHECK(pid > 0);
	/* A helper keeps the holder's pipe open for 150 ms. */
	fflush(stdout);
	if (fork() == 0) {
		sleep_ms(150);
		_exit(0);
	}
	close(release);
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "5000"), 0);
	CHECK_INT(dp_store_open(&other, dir), 0);
	CHECK_INT(dp_store_lock(other), 0);
	dp_store_free(other); /* releases the lock */
	waitpid(pid, &status, 0);
	while (wait(NULL) > 0)
		;
	dp_store_free(st);
out:
	free(dir);
}

/*
 * One process holding the locks of two repositories: a third store of the
 * second one (also reached through a symbolic link) must be refused, not
 * "share" the process's lock and drop it when it lets go.
 */
static void test_devplan_lock_two_repos(void)
{
	struct dp_store *a, *b1, *b2 = NULL, *b3 = NULL;
	char *dir_a, *dir_b, *link_b = repo_path("lock2-b-link");

	a = new_repo("lock2-a", &dir_a);
	b1 = new_repo("lock2-b", &dir_b);
	CHECK(a != NULL && b1 != NULL);
	if (!a || !b1)
		goto out;
	CHECK_INT(dp_store_config_set(a, "devplan.lockTimeout", "300"), 0);
	CHECK_INT(dp_store_config_set(b1, "devplan.lockTimeout", "300"), 0);
	test_sh("ln -s '%s' '%s'", dir_b, link_b);
	CHECK_INT(dp_store_lock(a), 0);
	CHECK_INT(dp_store_lock(b1), 0);
	CHECK_INT(dp_store_open(&b2, dir_b), 0);
	CHECK_INT(dp_store_lock(b2), DP_ELOCKED);
	CHECK(contains(dp_error_last(), "already locked by this process"));
	CHECK_INT(dp_store_open(&b3, link_b), 0);
	CHECK_INT(dp_store_lock(b3), DP_ELOCKED);
	CHECK(contains(dp_error_last(), "already locked by this process"));
	dp_store_free(b2);
	dp_store_free(b3);
	b2 = b3 = NULL;
	/* b1 still holds its lock against other processes. */
	CHECK_INT(try_lock_in_child(dir_b), DP_ELOCKED);
	dp_store_unlock(b1);
	CHECK_INT(try_lock_in_child(dir_b), 0);
	CHECK_INT(try_lock_in_child(dir_a), DP_ELOCKED);
	dp_store_unlock(a);
	CHECK_INT(try_lock_in_child(dir_a), 0);
out:
	dp_store_free(a);
	dp_store_free(b1);
	free(dir_a);
	free(dir_b);
	free(link_b);
}

/*
 * Holds the branch's lock now; 200 ms later a child commits `path` with
 * git's plumbing, moves the branch and lets the lock go.
 */
static pid_t move_head_later(const char *dir, const char *path,
			     const char *text)
{
	pid_t pid;

	put(dir, ".git/refs/heads/main.lock", "");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int rc;

		sleep_ms(200);
		rc = test_sh(
		    "cd '%s' && export GIT_INDEX_FILE=.git/tmp-index && "
		    "git read-tree HEAD && "
		    "blob=$(printf '%s' | git hash-object -w --stdin) && "
		    "git update-index --add --cacheinfo 100644,$blob,%s && "
		    "c=$(git commit-tree $(git write-tree) -p HEAD -m ext) "
		    "&& rm .git/tmp-index && echo $c > .git/refs/heads/main "
		    "&& rm .git/refs/heads/main.lock",
		    dir, text, path);
		_exit(rc);
	}
	return pid;
}

static void test_git_locks(void)
{
	struct dp_store *st;
	struct timespec t0;
	struct dp_buf lock = DP_BUF_INIT;
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "changed\n", .len = 8 }
	};
	char *dir;
	long long ms;
	pid_t pid;

	st = new_repo("git-locks", &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "300"), 0);

	/* git's index.lock, held for good: nothing is written. */
	put(dir, ".git/index.lock", "");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(dp_store_commit(st, ch, 1, "held", NULL, NULL, NULL),
		  DP_ELOCKED);
	ms = elapsed_ms(&t0);
	CHECK(ms >= 250 && ms < 3000);
	CHECK(contains(dp_error_last(), ".git/index.lock'"));
	CHECK_STR(run("cat '%s/a.md'", dir), "alpha\n");
	CHECK_STR(run("git -C '%s' rev-list --count HEAD", dir), "1\n");

	/* ... and released while the store waits. */
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "10000"), 0);
	dp_buf_addf(&lock, "%s/.git/index.lock", dir);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sleep_ms(200);
		unlink(lock.ptr);
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(dp_store_commit(st, ch, 1, "waited", NULL, NULL, NULL), 0);
	CHECK(elapsed_ms(&t0) >= 150);
	waitpid(pid, NULL, 0);
	CHECK_STR(run("git -C '%s' rev-list --count HEAD", dir), "2\n");
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");

	/* The branch's lock. */
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "300"), 0);
	put(dir, ".git/refs/heads/main.lock", "");
	ch[0].content = "again\n";
	ch[0].len = 6;
	CHECK_INT(dp_store_commit(st, ch, 1, "ref held", NULL, NULL, NULL),
		  DP_ELOCKED);
	CHECK(contains(dp_error_last(), ".git/refs/heads/main.lock'"));
	CHECK_STR(run("git -C '%s' rev-list --count HEAD", dir), "2\n");
	/* The failed commit put the work tree back. */
	CHECK_STR(run("cat '%s/a.md'", dir), "changed\n");
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "10000"), 0);
	dp_buf_reset(&lock);
	dp_buf_addf(&lock, "%s/.git/refs/heads/main.lock", dir);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sleep_ms(200);
		unlink(lock.ptr);
		_exit(0);
	}
	CHECK_INT(dp_store_commit(st, ch, 1, "ref waited", NULL, NULL, NULL),
		  0);
	waitpid(pid, NULL, 0);
	CHECK_STR(run("git -C '%s' log --format=%%s", dir),
		  "ref waited\nwaited\ninitial\n");
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");

	/*
	 * HEAD moves while the store waits for the branch's lock: built
	 * again on the new HEAD when the other commit touched other files,
	 * refused when it changed the same file.
	 */
	CHECK(move_head_later(dir, "ext.md", "ext\n") > 0);
	ch[0].content = "rebuilt\n";
	ch[0].len = 8;
	CHECK_INT(dp_store_commit(st, ch, 1, "rebuilt", NULL, NULL, NULL), 0);
	while (wait(NULL) > 0)
		;
	CHECK_STR(run("git -C '%s' log --format=%%s", dir),
		  "rebuilt\next\nref waited\nwaited\ninitial\n");
	CHECK_STR(run("git -C '%s' ls-tree -r --name-only HEAD", dir),
		  "a.md\nb.md\next.md\n");
	CHECK_STR(run("git -C '%s' show HEAD:a.md", dir), "rebuilt\n");
	/* (the plumbing left the index alone: ext.md looks deleted) */
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "D  ext.md\n");
	test_sh(
	    "git -C '%s' reset -q -- ext.md && git -C '%s' checkout -q ext.md",
	    dir, dir);

	CHECK(move_head_later(dir, "a.md", "theirs\n") > 0);
	ch[0].content = "ours\n";
	ch[0].len = 5;
	CHECK_INT(dp_store_commit(st, ch, 1, "lost?", NULL, NULL, NULL),
		  DP_EDIRTY);
	CHECK_STR(dp_error_last(), "'a.md' was changed by another commit in "
				   "the meantime; run the command again");
	while (wait(NULL) > 0)
		;
	CHECK_STR(run("git -C '%s' log -1 --format=%%s", dir), "ext\n");
	CHECK_STR(run("git -C '%s' show HEAD:a.md", dir), "theirs\n");
	CHECK_STR(run("cat '%s/a.md'", dir), "rebuilt\n");
	dp_store_free(st);
out:
	dp_buf_release(&lock);
	free(dir);
}

#define CHILDREN 3
#define COMMITS 6

/* One of the concurrent processes: COMMITS commits of its own files. */
static int child_commits(const char *dir, int who, int use_lock)
{
	struct dp_store *st = NULL;
	struct dp_buf path = DP_BUF_INIT, text = DP_BUF_INIT, msg = DP_BUF_INIT;
	int rc = 0;

	if (dp_store_open(&st, dir) < 0) {
		rc = 1;
		goto out;
	}
	for (int i = 0; i < COMMITS && !rc; i++) {
		struct dp_change ch;

		dp_buf_reset(&path);
		dp_buf_reset(&text);
		dp_buf_reset(&msg);
		dp_buf_addf(&path, "people/p%d/goals/g%d.md", who, i);
		dp_buf_addf(&text, "child %d, goal %d\n", who, i);
		dp_buf_addf(&msg, "goal(p%d): add g%d", who, i);
		ch.path = path.ptr;
		ch.content = text.ptr;
		ch.len = text.len;
		if (use_lock && dp_store_lock(st) < 0)
			rc = 2;
		else if (dp_store_check_clean(st, path.ptr) < 0)
			rc = 3;
		else if (dp_store_commit(st, &ch, 1, msg.ptr, NULL, NULL,
					 NULL) < 0)
			rc = 4;
		if (use_lock)
			dp_store_unlock(st);
	}
	if (rc)
		fprintf(stderr, "child %d: %s\n", who, dp_error_last());
out:
	dp_store_free(st);
	dp_buf_release(&path);
	dp_buf_release(&text);
	dp_buf_release(&msg);
	return rc;
}

static void test_concurrent(const char *name, int use_lock)
{
	struct dp_store *st;
	pid_t pids[CHILDREN];
	char *dir;

	st = new_repo(name, &dir);
	CHECK(st != NULL);
	if (!st)
		goto out;
	CHECK_INT(dp_store_config_set(st, "devplan.lockTimeout", "60000"), 0);
	dp_store_free(st);
	fflush(stdout);
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		if (pids[c] == 0)
			_exit(child_commits(dir, c, use_lock));
	}
	for (int c = 0; c < CHILDREN; c++) {
		int status = -1;

		CHECK(pids[c] > 0 && waitpid(pids[c], &status, 0) == pids[c]);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	CHECK_STR(run("git -C '%s' rev-list --count HEAD", dir), "19\n");
	CHECK_STR(run("git -C '%s' ls-tree -r --name-only HEAD | grep -c "
		      "'^people/p[0-2]/goals/g[0-5].md$'",
		      dir),
		  "18\n");
	/* Every commit adds exactly one file to its parent's tree. */
	CHECK_STR(
	    run("git -C '%s' log --format= --name-status | sort | uniq -c "
		"| awk '{print $1, $2}' | sort | uniq -c",
		dir),
	    "     20 1 A\n");
	if (use_lock) {
		CHECK_INT(
		    test_sh("git -C '%s' fsck --strict --no-progress", dir), 0);
		CHECK_STR(
		    run("git -C '%s' fsck --strict --no-progress 2>&1", dir),
		    "");
		CHECK_STR(run("git -C '%s' status --porcelain", dir), "");
		CHECK_STR(run("git -C '%s' reflog | wc -l", dir), "19\n");
	} else {
		CHECK_INT(test_sh("git -C '%s' fsck --strict --no-progress "
				  "--no-dangling",
				  dir),
			  0);
	}
out:
	free(dir);
}

/* ---- attribution, guards and bases ------------------------------------- */

static void test_attribution(void)
{
	struct dp_store *st;
	char *dir;
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "1\n", .len = 2 }
	};
	struct dp_ident alice = { "Alice Smith", "alice@example.com" };
	struct dp_ident bob = { "Bob Manager", "bob@example.com" };
	struct dp_ident noname = { "", "x@example.com" };
	struct dp_buf name = DP_BUF_INIT, email = DP_BUF_INIT;

	st = new_repo("attrib", &dir);
	if (!st)
		goto out;
	/* The caller names both. */
	CHECK_INT(dp_store_commit(st, ch, 1, "both", &alice, &bob, NULL), 0);
	CHECK_STR(
	    run("git -C '%s' log -1 --format='%%an <%%ae>|%%cn <%%ce>'", dir),
	    "Alice Smith <alice@example.com>|Bob Manager "
	    "<bob@example.com>\n");
	/* Author NULL: git's own author, as git commit does. */
	ch[0].content = "2\n";
	CHECK_INT(dp_store_commit(st, ch, 1, "committer", NULL, &bob, NULL), 0);
	CHECK_STR(run("git -C '%s' log -1 --format='%%an|%%cn'", dir),
		  "A U Thor|Bob Manager\n");
	/* Committer NULL: git's environment and config. */
	ch[0].content = "3\n";
	CHECK_INT(dp_store_commit(st, ch, 1, "env", &alice, NULL, NULL), 0);
	CHECK_STR(run("git -C '%s' log -1 --format='%%an|%%cn <%%ce>'", dir),
		  "Alice Smith|C O Mitter <committer@example.com>\n");
	/* The dates still come from GIT_*_DATE. */
	CHECK_STR(run("git -C '%s' log -1 --format='%%at %%ct'", dir),
		  "1795000000 1795000000\n");
	ch[0].content = "4\n";
	CHECK_INT(dp_store_commit(st, ch, 1, "bad", &noname, NULL, NULL),
		  DP_ENOIDENT);

	/* What git says about the user, either part possibly empty. */
	CHECK_INT(dp_store_identity(st, &name, &email), 0);
	CHECK_STR(name.ptr, "A U Thor");
	CHECK_STR(email.ptr, "author@example.com");
	unset_identity();
	test_sh(
	    "git -C '%s' config user.name '' && git -C '%s' config user.email "
	    "only@example.com",
	    dir, dir);
	dp_buf_reset(&name);
	dp_buf_reset(&email);
	CHECK_INT(dp_store_identity(st, &name, &email), 0);
	CHECK_STR(name.ptr, "");
	CHECK_STR(email.ptr, "only@example.com");
	test_sh("git -C '%s' config user.email ''", dir);
	dp_buf_reset(&email);
	CHECK_INT(dp_store_identity(st, &name, &email), 0);
	CHECK_STR(email.ptr, "");
	set_identity();
	dp_store_free(st);
out:
	dp_buf_release(&name);
	dp_buf_release(&email);
	free(dir);
}

static void test_state(void)
{
	static const struct {
		const char *make;
		const char *what;
		const char *hint;
	} states[] = {
		{ "touch .git/MERGE_HEAD", "a merge", "git merge --abort" },
		{ "mkdir .git/rebase-merge", "a rebase", "git rebase --abort" },
		{ "mkdir .git/rebase-apply", "a rebase", "git rebase --abort" },
		{ "touch .git/CHERRY_PICK_HEAD", "a cherry-pick",
		  "git cherry-pick --abort" },
		{ "touch .git/REVERT_HEAD", "a revert", "git revert --abort" },
		{ "touch .git/BISECT_LOG", "a bisect", "git bisect reset" },
	};
	struct dp_store *st;
	char *dir, head[64];
	const char *what = "x";
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "s\n", .len = 2 }
	};

	st = new_repo("state", &dir);
	if (!st)
		goto out;
	CHECK_INT(dp_store_state(st, &what), 0);
	CHECK(what == NULL);
	CHECK_INT(dp_store_head_detached(st), 0);
	snprintf(head, sizeof(head), "%s",
		 run("git -C '%s' rev-parse HEAD", dir));
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		test_sh("cd '%s' && %s", dir, states[i].make);
		CHECK_INT(dp_store_state(st, &what), 1);
		CHECK_STR(what, states[i].what);
		CHECK_INT(dp_store_commit(st, ch, 1, "no", NULL, NULL, NULL),
			  DP_EIO);
		CHECK(contains(dp_error_last(), states[i].what));
		CHECK(contains(dp_error_last(), "in progress"));
		CHECK(contains(dp_error_last(), states[i].hint));
		CHECK_STR(run("git -C '%s' rev-parse HEAD", dir), head);
		CHECK_STR(run("cat '%s/a.md'", dir), "alpha\n");
		test_sh(
		    "cd '%s' && rm -rf .git/MERGE_HEAD .git/rebase-merge "
		    ".git/rebase-apply .git/CHERRY_PICK_HEAD .git/REVERT_HEAD "
		    ".git/BISECT_LOG",
		    dir);
	}
	CHECK_INT(dp_store_state(st, &what), 0);
	test_sh("git -C '%s' checkout -q --detach", dir);
	CHECK_INT(dp_store_head_detached(st), 1);
	dp_store_free(st);
out:
	free(dir);
}

static void test_base(void)
{
	struct dp_store *st;
	char *dir, head[64];
	struct dp_change ch[] = { { .path = "a.md",
				    .content = "new\n",
				    .len = 4,
				    .base = DP_BASE_TEXT,
				    .base_text = "alpha\n",
				    .base_len = 6 } };
	struct dp_change add[] = { { .path = "c.md",
				     .content = "c\n",
				     .len = 2,
				     .base = DP_BASE_ABSENT } };

	st = new_repo("base", &dir);
	if (!st)
		goto out;
	snprintf(head, sizeof(head), "%s",
		 run("git -C '%s' rev-parse HEAD", dir));
	/* Someone changed the file after it was read. */
	put(dir, "a.md", "alpha!\n");
	CHECK_INT(dp_store_commit(st, ch, 1, "lost?", NULL, NULL, NULL),
		  DP_EDIRTY);
	CHECK_STR(dp_error_last(),
		  "'a.md' changed since it was read; nothing was changed");
	CHECK_STR(run("cat '%s/a.md'", dir), "alpha!\n");
	CHECK_STR(run("git -C '%s' rev-parse HEAD", dir), head);
	put(dir, "a.md", "alpha\n");
	CHECK_INT(dp_store_commit(st, ch, 1, "ok", NULL, NULL, NULL), 0);
	CHECK_STR(run("cat '%s/a.md'", dir), "new\n");
	/* A file that should not be there yet. */
	put(dir, "c.md", "mine\n");
	CHECK_INT(dp_store_commit(st, add, 1, "add", NULL, NULL, NULL),
		  DP_EDIRTY);
	CHECK_STR(run("cat '%s/c.md'", dir), "mine\n");
	test_sh("rm '%s/c.md'", dir);
	CHECK_INT(dp_store_commit(st, add, 1, "add", NULL, NULL, NULL), 0);
	CHECK_STR(run("git -C '%s' status --porcelain", dir), "");
	/* Nothing is left in the temporary folder. */
	CHECK_STR(
	    run("ls -A '%s/.git/devplan/tmp' | grep -v '^.index.tmp-'", dir),
	    "");
	dp_store_free(st);
	CHECK_STR(run("ls -A '%s/.git/devplan/tmp'", dir), "");
out:
	free(dir);
}

static void test_bare(void)
{
	struct dp_store *st, *bare = NULL;
	struct dp_buf b = DP_BUF_INIT;
	struct dp_strlist log = DP_STRLIST_INIT;
	struct dp_change ch[] = {
		{ .path = "a.md", .content = "b\n", .len = 2 }
	};
	char *dir, *bdir;

	st = new_repo("bare-src", &dir);
	if (!st)
		goto out;
	dp_store_free(st);
	bdir = repo_path("history-only.git");
	test_sh("git clone -q --bare '%s' '%s'", dir, bdir);
	CHECK_INT(dp_store_open(&bare, bdir), DP_ENOREPO);
	CHECK(contains(dp_error_last(), "bare repository"));
	CHECK_INT(dp_store_open_ext(&bare, bdir, DP_STORE_OPEN_BARE), 0);
	if (!bare)
		goto free_bdir;
	CHECK(dp_store_workdir(bare) == NULL);
	CHECK_INT(dp_store_read_head(&b, bare, "a.md"), 0);
	CHECK_STR(b.ptr, "alpha\n");
	CHECK_INT(dp_store_log_path(&log, bare, "a.md", 0), 0);
	CHECK_INT(log.len, 1);
	CHECK_INT(dp_store_read(&b, bare, "a.md", 100), DP_ENOREPO);
	CHECK(contains(dp_error_last(), "bare repository has no work tree"));
	CHECK_INT(dp_store_exists(bare, "a.md"), 0);
	CHECK_INT(dp_store_check_clean(bare, "a.md"), DP_ENOREPO);
	CHECK_INT(dp_store_commit(bare, ch, 1, "no", NULL, NULL, NULL),
		  DP_ENOREPO);
	dp_store_free(bare);
free_bdir:
	free(bdir);
out:
	dp_strlist_release(&log);
	dp_buf_release(&b);
	free(dir);
}

/* Blob ids are git's: the same as git hash-object, empty or not. */
static void test_blob_id(void)
{
	static const char *texts[] = { "", "hello\n", "---\ntitle: x\n---\n" };
	unsigned char id[DP_BLOB_ID_LEN];
	char hex[2 * DP_BLOB_ID_LEN + 1];

	for (size_t t = 0; t < sizeof(texts) / sizeof(*texts); t++) {
		CHECK_INT(dp_store_blob_id(id, texts[t], strlen(texts[t])), 0);
		for (size_t i = 0; i < DP_BLOB_ID_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", id[i]);
		CHECK_STR(run("printf '%%s' '%s' | git hash-object --stdin | "
			      "tr -d '\\n'",
			      texts[t]),
			  hex);
	}
}

int main(void)
{
	int keep = getenv("DEVPLAN_KEEP_TMP") != NULL;

	if (test_sandbox(root, sizeof(root), "store") < 0)
		return 1;
	setenv("TZ", "UTC", 1);
	tzset();
	unsetenv("EMAIL");
	test_sh("git config --global user.name 'Conf User' && "
		"git config --global user.email conf@example.com");
	set_identity();

	test_path_check();
	test_blob_id();
	test_no_repo();
	test_init();
	test_prefix();
	test_first_commit();
	test_commit_leaves_other_work();
	test_delete();
	test_identity();
	test_attribution();
	test_state();
	test_base();
	test_bare();
	test_external_commit();
	test_read();
	test_symlinks();
	test_check_clean();
	test_config_cache();
	test_log_path();
	test_devplan_lock();
	test_devplan_lock_two_repos();
	test_git_locks();
	test_concurrent("concurrent-locked", 1);
	test_concurrent("concurrent-unlocked", 0);

	if (!keep)
		test_sh("rm -rf '%s'", root);
	else
		printf("# kept %s\n", root);
	return test_done();
}
