/* SPDX-License-Identifier: MIT */
/*
 * test_sh: runs a printf-formatted shell command for the unit tests that
 * build their fixtures with the real git; its exit status, -1 when it
 * did not exit.
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

#endif
