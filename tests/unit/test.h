/* SPDX-License-Identifier: MIT */
/*
 * A tiny TAP assertion header for the unit tests. Each CHECK is one TAP
 * test point; main() calls test_done() which prints the plan and returns
 * the exit status.
 */
#ifndef DEVPLAN_TEST_H
#define DEVPLAN_TEST_H

#include <stdio.h>
#include <string.h>

static int test_count, test_failed;

static void test_point(int ok, const char *file, int line, const char *expr)
{
	test_count++;
	if (!ok)
		test_failed++;
	printf("%sok %d - %s:%d: %s\n", ok ? "" : "not ", test_count, file,
	       line, expr);
}

#define CHECK(expr) test_point(!!(expr), __FILE__, __LINE__, #expr)

/* Compares two strings; on a mismatch prints both as TAP diagnostics. */
#define CHECK_STR(got, want)                                                   \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		int ok_ = g_ && w_ ? !strcmp(g_, w_) : g_ == w_;               \
		test_point(ok_, __FILE__, __LINE__, #got " == " #want);        \
		if (!ok_)                                                      \
			printf("# got:  [%s]\n# want: [%s]\n",                 \
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");        \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	do {                                                                   \
		long g_ = (long)(got), w_ = (long)(want);                      \
		test_point(g_ == w_, __FILE__, __LINE__, #got " == " #want);   \
		if (g_ != w_)                                                  \
			printf("# got: %ld, want: %ld\n", g_, w_);             \
	} while (0)

static inline int test_done(void)
{
	printf("1..%d\n", test_count);
	return test_failed ? 1 : 0;
}

#endif
