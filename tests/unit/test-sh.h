/* SPDX-License-Identifier: MIT */
/*
 * For the unit tests that build their fixtures with the real git.
 * test_sh: runs a printf-formatted shell command; its exit status, -1
 * when it did not exit.
 */
#ifndef DEVPLAN_TEST_SH_H
#define DEVPLAN_TEST_SH_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "devplan/buf.h"

__attribute__((format(printf, 1, 2))) static inline int test_sh(const char *fmt,
								...)
{
	struct dp_buf cmd = DP_BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	dp_buf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	fflush(stdout);
	rc = system(cmd.ptr);
	dp_buf_release(&cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/*
 * A throw-away folder under $TMPDIR (or /tmp), named after `name`, into
 * `root`, made HOME and the ceiling for git, with git's system config
 * and any GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE from outside left
 * out: 0, or -1 (said on stderr) when it cannot be made.
 */
static inline int test_sandbox(char *root, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(root, size, "%s/devplan-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp",
		 name);
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return -1;
	}
	setenv("HOME", root, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CEILING_DIRECTORIES", root, 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	return 0;
}

#endif
