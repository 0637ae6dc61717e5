/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of index-file.c: index files written by the real git, parsed,
 * spliced and compared byte for byte with what git writes for the same
 * change; the files it must decline.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "../../src/core/index-file.h"
#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fs.h"

#include "test.h"
#include "test-sh.h"

static char root[256];

/* The bytes of file `name` under the test's folder. */
static unsigned char *slurp(const char *name, size_t *len)
{
	struct dp_buf path = DP_BUF_INIT, data = DP_BUF_INIT;
	FILE *f;
	char chunk[65536];
	size_t n;

	dp_buf_addf(&path, "%s/%s", root, name);
	f = fopen(path.ptr, "rb");
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		dp_buf_add(&data, chunk, n);
	if (f)
		fclose(f);
	dp_buf_release(&path);
	return (unsigned char *)dp_buf_detach(&data, len);
}

/* Parses file `name`: what dp_ixf_parse returns. */
static int parse(struct dp_ixf *ix, const char *name)
{
	size_t len;
	unsigned char *data = slurp(name, &len);

	memset(ix, 0, sizeof(*ix));
	return dp_ixf_parse(ix, data, len);
}

static int add_out(void *ctx, const void *data, size_t len)
{
	dp_buf_add(ctx, data, len);
	return 0;
}

/* A repository "r" with a few files in folders, committed by git. */
static void setup(void)
{
	test_sh("cd %s && git init -q r && cd r && mkdir -p a/b c && "
		"echo 1 >a/b/one && echo 2 >a/two && echo 3 >c/three && "
		"echo 4 >top && echo 5 >a.b && git add . && "
		"git commit -q -m one && cp .git/index ../plain",
		root);
}

static void test_parse(void)
{
	struct dp_ixf ix;
	unsigned char root_oid[DP_IXF_OID_LEN];
	size_t len;
	uint32_t at;
	int found;

	CHECK_INT(parse(&ix, "plain"), 0);
	CHECK_INT(ix.version, 2);
	CHECK_INT(ix.n, 5);
	/* git's order: "a.b" before "a/..." ('.' < '/'). */
	CHECK_STR(dp_ixf_path(&ix, 0, &len), "a.b");
	CHECK_INT(len, 3);
	CHECK_STR(dp_ixf_path(&ix, 1, NULL), "a/b/one");
	at = dp_ixf_find(&ix, "c/three", 7, &found);
	CHECK(found && at == 3);
	at = dp_ixf_find(&ix, "b", 1, &found);
	CHECK(!found && at == 3);
	CHECK(dp_ixf_has_dir(&ix, "a", 1));
	CHECK(dp_ixf_has_dir(&ix, "a/b", 3));
	CHECK(!dp_ixf_has_dir(&ix, "a/two", 5));
	CHECK(!dp_ixf_has_dir(&ix, "a.", 2));
	/* git commit leaves a fully valid cache tree: the root is HEAD's. */
	CHECK(dp_ixf_root(&ix, root_oid));
	CHECK(ix.tree_len > 0);
	dp_ixf_release(&ix);
}

/*
 * Splices `edits` into the "plain" index and compares the result with the
 * index git writes after `git_cmd` (run in "r" on a copy of "plain"),
 * without its TREE extension (git invalidates it along the change; the
 * store rebuilds it).
 */
static void check_splice(const char *what, const struct dp_ixf_edit *edits,
			 size_t n, const char *git_cmd)
{
	struct dp_ixf ix;
	struct dp_buf got = DP_BUF_INIT;
	unsigned char *want;
	size_t want_len;
	int rc;

	test_sh("cd %s/r && cp ../plain .git/index && %s && "
		"python3 %s/../index-file.py strip-tree .git/index && "
		"cp .git/index ../want",
		root, git_cmd, FIXTURES);
	want = slurp("want", &want_len);
	CHECK_INT(parse(&ix, "plain"), 0);
	rc = dp_ixf_splice(&ix, edits, n, NULL, 0, NULL, 0, add_out, &got);
	CHECK_INT(rc, 0);
	printf("# %s\n", what);
	CHECK(got.len == want_len && !memcmp(got.ptr, want, want_len));
	dp_ixf_release(&ix);
	dp_buf_release(&got);
	free(want);
}

static const unsigned char blob[DP_IXF_OID_LEN] = {
	0xd0, 0x0d, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11,
};
#define BLOB "d00d000102030405060708090a0b0c0d0e0f1011"

static void test_splice(void)
{
	struct dp_ixf_edit e[3];

	memset(e, 0, sizeof(e));
	e[0].path = "a/two";
	e[0].oid = blob;
	check_splice("replace", e, 1,
		     "git update-index --cacheinfo 100644," BLOB ",a/two");
	e[0].path = "a/b/new";
	check_splice("insert inside", e, 1,
		     "git update-index --add --cacheinfo 100644," BLOB
		     ",a/b/new");
	e[0].path = "0first";
	e[1].path = "zlast";
	e[1].oid = blob;
	check_splice("insert first and last", e, 2,
		     "git update-index --add --cacheinfo 100644," BLOB
		     ",0first --cacheinfo 100644," BLOB ",zlast");
	e[0].path = "a.b";
	e[0].oid = NULL;
	e[1].path = "c/three";
	e[1].oid = NULL;
	e[2].path = "top";
	e[2].oid = blob;
	check_splice("remove two, replace one", e, 3,
		     "git update-index --force-remove a.b c/three && "
		     "git update-index --cacheinfo 100644," BLOB ",top");
	/* Removing what is not there changes nothing but the cache tree. */
	e[0].path = "nothere";
	check_splice("remove a missing path", e, 1, "true");
}

static void test_splice_stat(void)
{
	struct dp_ixf ix, back;
	struct dp_ixf_edit e;
	struct dp_ixf_stat st;
	struct dp_buf got = DP_BUF_INIT;
	uint32_t smudge[] = { 1 };
	size_t len;
	int found;
	uint32_t at;

	memset(&e, 0, sizeof(e));
	e.path = "top";
	e.oid = blob;
	e.st.mtime_s = 1234567890;
	e.st.mtime_ns = 42;
	e.st.size = 77;
	e.st.ino = 0xfedcba98u;
	CHECK_INT(parse(&ix, "plain"), 0);
	CHECK_INT(dp_ixf_splice(&ix, &e, 1, smudge, 1, NULL, 0, add_out, &got),
		  0);
	memset(&back, 0, sizeof(back));
	len = got.len;
	CHECK_INT(dp_ixf_parse(&back,
			       (unsigned char *)dp_buf_detach(&got, NULL), len),
		  0);
	at = dp_ixf_find(&back, "top", 3, &found);
	CHECK(found);
	dp_ixf_get_stat(&back, at, &st);
	CHECK(st.mtime_s == 1234567890 && st.mtime_ns == 42 && st.size == 77 &&
	      st.ino == 0xfedcba98u && st.mode == 0100644);
	CHECK(!memcmp(dp_ixf_oid(&back, at), blob, DP_IXF_OID_LEN));
	/* The smudged entry: its size zeroed, nothing else. */
	dp_ixf_get_stat(&back, 1, &st);
	CHECK_INT(st.size, 0);
	dp_ixf_get_stat(&ix, 1, &st);
	CHECK(st.size != 0);
	dp_ixf_release(&back);
	dp_ixf_release(&ix);
}

static void test_splice_declines(void)
{
	struct dp_ixf ix;
	struct dp_ixf_edit e[2];
	uint32_t n;

	memset(e, 0, sizeof(e));
	e[0].oid = blob;
	CHECK_INT(parse(&ix, "plain"), 0);
	e[0].path = "a";
	CHECK_INT(dp_ixf_splice_check(&ix, e, 1, &n), DP_IXF_DECLINE);
	e[0].path = "top/x";
	CHECK_INT(dp_ixf_splice_check(&ix, e, 1, &n), DP_IXF_DECLINE);
	e[0].path = "new";
	e[1].path = "new/x";
	e[1].oid = blob;
	CHECK_INT(dp_ixf_splice_check(&ix, e, 2, &n), DP_IXF_DECLINE);
	e[0].path = "z";
	e[1].path = "b";
	CHECK_INT(dp_ixf_splice_check(&ix, e, 2, &n), DP_IXF_DECLINE);
	e[0].path = "b";
	e[1].path = "z";
	CHECK_INT(dp_ixf_splice_check(&ix, e, 2, &n), 0);
	CHECK_INT(n, 7);
	dp_ixf_release(&ix);
}

/* Index `name`, made by `cmd` in "r" from the plain one, is declined. */
static void check_declined(const char *name, const char *cmd)
{
	struct dp_ixf ix;

	test_sh(
	    "cd %s/r && cp ../plain .git/index && %s && cp .git/index ../%s",
	    root, cmd, name);
	printf("# %s\n", name);
	CHECK_INT(parse(&ix, name), DP_IXF_DECLINE);
	dp_ixf_release(&ix);
}

static void test_declines(void)
{
	struct dp_ixf ix;
	unsigned char oid[DP_IXF_OID_LEN];

	check_declined("v4", "git update-index --index-version 4");
	check_declined("unmerged",
		       "printf '100644 " BLOB " 1\\tu\\n100644 " BLOB
		       " 2\\tu\\n' | git update-index --index-info");
	check_declined("split", "git update-index --split-index");
	/* index.skipHash: zeros where the checksum goes. */
	check_declined("skiphash",
		       "dd if=/dev/zero of=.git/index bs=1 count=20 "
		       "seek=$(($(wc -c <.git/index) - 20)) conv=notrunc "
		       "2>/dev/null");
	/* A byte changed: the checksum no longer matches. */
	check_declined("corrupt", "printf x | dd of=.git/index bs=1 seek=100 "
				  "conv=notrunc 2>/dev/null");
	check_declined("truncated", "head -c 200 ../plain >.git/index");
	/* Version 3: an entry with extended flags (skip-worktree). */
	test_sh("cd %s/r && cp ../plain .git/index && "
		"git update-index --skip-worktree a.b && cp .git/index ../v3",
		root);
	CHECK_INT(parse(&ix, "v3"), 0);
	CHECK_INT(ix.version, 3);
	CHECK_INT(ix.n, 5);
	CHECK_INT(ix.extended, 1);
	CHECK_STR(dp_ixf_path(&ix, 0, NULL), "a.b");
	CHECK_STR(dp_ixf_path(&ix, 1, NULL), "a/b/one");
	dp_ixf_release(&ix);
	/* git add leaves the cache tree's root invalid. */
	test_sh("cd %s/r && cp ../plain .git/index && echo 6 >>top && "
		"git add top && cp .git/index ../added && git checkout -q top",
		root);
	CHECK_INT(parse(&ix, "added"), 0);
	CHECK(!dp_ixf_root(&ix, oid));
	dp_ixf_release(&ix);
}

int main(void)
{
	if (test_sandbox(root, sizeof(root), "ixf") < 0)
		return 1;
	test_sh("git config --global user.name T && "
		"git config --global user.email t@example.com && "
		"git config --global init.defaultBranch main");
	setup();
	test_parse();
	test_splice();
	test_splice_stat();
	test_splice_declines();
	test_declines();
	if (!getenv("DEVPLAN_KEEP_TMP"))
		test_sh("rm -rf %s", root);
	return test_done();
}
