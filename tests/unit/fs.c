/* SPDX-License-Identifier: MIT */
/* Unit tests of fs: atomic writes, staged writes and their undo, cleanup. */
#define _XOPEN_SOURCE 700 /* mkdtemp */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fs.h"
#include "devplan/util.h"

#include "test.h"

static char root[256];

/* The standard output of a shell command (valid until the next call). */
static const char *run(const char *cmd)
{
	static struct dp_buf out = DP_BUF_INIT;
	char chunk[4096];
	FILE *p;
	size_t n;

	dp_buf_reset(&out);
	fflush(stdout);
	p = popen(cmd, "r");
	if (p) {
		while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
			dp_buf_add(&out, chunk, n);
		pclose(p);
	}
	return out.ptr ? out.ptr : "";
}

static const char *ls(const char *sub)
{
	struct dp_buf cmd = DP_BUF_INIT;
	const char *ret;

	dp_buf_addf(&cmd, "cd '%s' && ls -A %s | tr '\\n' ' '", root, sub);
	ret = run(cmd.ptr);
	dp_buf_release(&cmd);
	return ret;
}

static const char *cat(const char *sub)
{
	struct dp_buf cmd = DP_BUF_INIT;
	const char *ret;

	dp_buf_addf(&cmd, "cat '%s/%s'", root, sub);
	ret = run(cmd.ptr);
	dp_buf_release(&cmd);
	return ret;
}

static void test_write_and_undo(void)
{
	struct dp_fs fs;
	struct dp_fs_staged a, b, d;
	struct dp_buf top = DP_BUF_INIT, tmp = DP_BUF_INIT, text = DP_BUF_INIT;

	dp_buf_addf(&top, "%s/wt/", root);
	dp_buf_addf(&tmp, "%s/tmp", root);
	mkdir(top.ptr, 0777);
	dp_fs_init(&fs, top.ptr);
	dp_fs_set_tmpdir(&fs, tmp.ptr);

	CHECK_INT(dp_fs_write(&fs, "x/a.md", "one\n", 4), 0);
	CHECK_STR(cat("wt/x/a.md"), "one\n");
	CHECK_STR(ls("wt/x"), "a.md ");
	CHECK_STR(ls("tmp"), "");
	CHECK_INT(dp_fs_read(&text, &fs, "x/a.md", 100), 0);
	CHECK_STR(text.ptr, "one\n");
	CHECK_INT(dp_fs_write(&fs, "x/del.md", "gone\n", 5), 0);

	/* Staged: nothing visible until finished. */
	CHECK_INT(dp_fs_stage(&a, &fs, "x/a.md", "two\n", 4), 0);
	CHECK_INT(dp_fs_stage(&b, &fs, "x/new.md", "new\n", 4), 0);
	CHECK_INT(dp_fs_stage_delete(&d, &fs, "x/del.md"), 0);
	CHECK_STR(cat("wt/x/a.md"), "one\n");
	CHECK_STR(ls("wt/x"), "a.md del.md ");
	CHECK_INT(dp_fs_staged_finish(&a), 0);
	CHECK_INT(dp_fs_staged_finish(&b), 0);
	CHECK_INT(dp_fs_staged_finish(&d), 0);
	CHECK_STR(cat("wt/x/a.md"), "two\n");
	CHECK_STR(ls("wt/x"), "a.md new.md ");
	/* Undone by renames: the old files come back. */
	CHECK_INT(dp_fs_staged_undo(&d), 0);
	CHECK_INT(dp_fs_staged_undo(&b), 0);
	CHECK_INT(dp_fs_staged_undo(&a), 0);
	CHECK_STR(cat("wt/x/a.md"), "one\n");
	CHECK_STR(cat("wt/x/del.md"), "gone\n");
	CHECK_STR(ls("wt/x"), "a.md del.md ");
	dp_fs_staged_drop(&a);
	dp_fs_staged_drop(&b);
	dp_fs_staged_drop(&d);
	CHECK_STR(ls("tmp"), "");

	/* Kept: drop removes the old file's second name. */
	CHECK_INT(dp_fs_stage(&a, &fs, "x/a.md", "three\n", 6), 0);
	CHECK_INT(dp_fs_staged_finish(&a), 0);
	dp_fs_staged_drop(&a);
	CHECK_STR(cat("wt/x/a.md"), "three\n");
	CHECK_STR(ls("tmp"), "");
	CHECK_INT(dp_fs_stage(&a, &fs, "x/a.md", "x", 1), 0);
	dp_fs_staged_drop(&a);
	CHECK_STR(cat("wt/x/a.md"), "three\n");
	CHECK_STR(ls("tmp"), "");

	/* Deleting what is not there is fine; folders left empty go. */
	CHECK_INT(dp_fs_stage_delete(&d, &fs, "y/none.md"), 0);
	CHECK_INT(dp_fs_staged_finish(&d), 0);
	dp_fs_staged_drop(&d);
	CHECK_INT(dp_fs_delete(&fs, "x/a.md"), 0);
	CHECK_INT(dp_fs_delete(&fs, "x/del.md"), 0);
	CHECK_STR(ls("wt"), "");

	/* Refusals. */
	CHECK_INT(dp_fs_path_check("../x"), DP_EINVALID);
	CHECK_INT(dp_fs_path_check(".git/config"), DP_EINVALID);
	dp_buf_reset(&text);
	dp_buf_addf(&text, "ln -s /etc '%s/wt/link'", root);
	CHECK_INT(system(text.ptr), 0);
	CHECK_INT(dp_fs_write(&fs, "link/passwd", "x", 1), DP_EINVALID);
	CHECK_INT(dp_fs_write(&fs, "link", "x", 1), DP_EINVALID);
	CHECK_STR(ls("tmp"), "");

	dp_fs_release(&fs);
	dp_buf_release(&top);
	dp_buf_release(&tmp);
	dp_buf_release(&text);
}

static void test_clean_stale(void)
{
	struct dp_fs fs;
	struct dp_buf tmp = DP_BUF_INIT, cmd = DP_BUF_INIT;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	dp_buf_addf(&tmp, "%s/tmp", root);
	dp_fs_init(&fs, root);
	dp_fs_set_tmpdir(&fs, tmp.ptr);
	dp_buf_addf(&cmd,
		    "cd '%s' && touch .a.md.tmp-%ld-0-1 .index.tmp-%ld-0 "
		    ".b.md.tmp-%ld-0-1 other .c.tmp-x",
		    tmp.ptr, (long)pid, (long)pid, (long)getppid());
	CHECK_INT(system(cmd.ptr), 0);
	dp_fs_clean_stale(&fs, NULL);
	dp_buf_reset(&cmd);
	dp_buf_addf(&cmd, ".b.md.tmp-%ld-0-1 .c.tmp-x other ", (long)getppid());
	CHECK_STR(ls("tmp"), cmd.ptr);
	dp_fs_release(&fs);
	dp_buf_release(&tmp);
	dp_buf_release(&cmd);
}

int main(void)
{
	const char *t = getenv("TMPDIR");
	struct dp_buf cmd = DP_BUF_INIT;

	snprintf(root, sizeof(root), "%s/devplan-fs-XXXXXX",
		 t && *t ? t : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	test_write_and_undo();
	test_clean_stale();
	dp_buf_addf(&cmd, "rm -rf '%s'", root);
	if (system(cmd.ptr) != 0)
		printf("# cannot remove %s\n", root);
	dp_buf_release(&cmd);
	return test_done();
}
