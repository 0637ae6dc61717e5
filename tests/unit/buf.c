/* SPDX-License-Identifier: MIT */
/* Unit tests of the string buffer and the small utilities. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/util.h"

#include "test.h"

static void test_init_and_add(void)
{
	struct dp_buf b = DP_BUF_INIT;

	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	dp_buf_adds(&b, "abc");
	dp_buf_addch(&b, 'd');
	dp_buf_add(&b, "ef\0g", 4);
	CHECK_INT(b.len, 8);
	CHECK(!memcmp(b.ptr, "abcdef\0g", 9));
	dp_buf_reset(&b);
	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	dp_buf_release(&b);
	CHECK(b.ptr == dp_buf_slop);
	dp_buf_release(NULL);

	/* An empty, never-allocated buffer can be reset and released. */
	dp_buf_reset(&b);
	dp_buf_release(&b);
	CHECK_INT(b.alloc, 0);
}

static void test_addf(void)
{
	struct dp_buf b = DP_BUF_INIT;
	char big[1000];

	dp_buf_addf(&b, "%s=%d", "progress", 30);
	CHECK_STR(b.ptr, "progress=30");
	dp_buf_addf(&b, "%s", "");
	CHECK_STR(b.ptr, "progress=30");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	dp_buf_addf(&b, "[%s]", big);
	CHECK_INT(b.len, 11 + 2 + 999);
	CHECK(b.ptr[11] == '[' && b.ptr[b.len - 1] == ']');
	CHECK(b.ptr[b.len] == '\0');
	dp_buf_release(&b);
}

static void test_splice(void)
{
	struct dp_buf b = DP_BUF_INIT;

	dp_buf_adds(&b, "status: draft\n");
	/* replace a value by a longer one */
	dp_buf_splice(&b, 8, 5, "active", 6);
	CHECK_STR(b.ptr, "status: active\n");
	/* by a shorter one */
	dp_buf_splice(&b, 8, 6, "done", 4);
	CHECK_STR(b.ptr, "status: done\n");
	/* pure insertion at the start and at the end */
	dp_buf_splice(&b, 0, 0, "# ", 2);
	CHECK_STR(b.ptr, "# status: done\n");
	dp_buf_splice(&b, b.len, 0, "x", 1);
	CHECK_STR(b.ptr, "# status: done\nx");
	/* pure removal */
	dp_buf_splice(&b, 0, 2, NULL, 0);
	CHECK_STR(b.ptr, "status: done\nx");
	dp_buf_splice(&b, 0, b.len, NULL, 0);
	CHECK_STR(b.ptr, "");
	CHECK_INT(b.len, 0);
	dp_buf_release(&b);

	/* splicing into an empty buffer */
	dp_buf_splice(&b, 0, 0, "new", 3);
	CHECK_STR(b.ptr, "new");
	dp_buf_release(&b);
	dp_buf_splice(&b, 0, 0, NULL, 0);
	CHECK_STR(b.ptr, "");
}

static void test_setlen_detach(void)
{
	struct dp_buf b = DP_BUF_INIT;
	size_t len = 99;
	char *s;

	dp_buf_adds(&b, "hello world");
	dp_buf_setlen(&b, 5);
	CHECK_STR(b.ptr, "hello");
	s = dp_buf_detach(&b, &len);
	CHECK_STR(s, "hello");
	CHECK_INT(len, 5);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.ptr, "");
	free(s);

	/* detaching an empty buffer gives a heap "" */
	s = dp_buf_detach(&b, &len);
	CHECK_STR(s, "");
	CHECK_INT(len, 0);
	free(s);

	dp_buf_init(&b, 100);
	CHECK(b.alloc >= 101);
	CHECK_STR(b.ptr, "");
	dp_buf_release(&b);
}

static void test_strlist(void)
{
	struct dp_strlist l = DP_STRLIST_INIT;
	char name[16];

	dp_strlist_push(&l, "carol");
	dp_strlist_push(&l, "alice");
	dp_strlist_push(&l, "bob");
	CHECK_INT(l.len, 3);
	CHECK(dp_strlist_has(&l, "bob"));
	CHECK(!dp_strlist_has(&l, "bo"));
	dp_strlist_sort(&l);
	CHECK_STR(l.items[0], "alice");
	CHECK_STR(l.items[1], "bob");
	CHECK_STR(l.items[2], "carol");
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "p%02d", 19 - i);
		dp_strlist_push(&l, name);
	}
	CHECK_INT(l.len, 23);
	dp_strlist_sort(&l);
	CHECK_STR(l.items[3], "p00");
	CHECK_STR(l.items[22], "p19");
	dp_strlist_release(&l);
	CHECK_INT(l.len, 0);
	CHECK(l.items == NULL);
	dp_strlist_release(NULL);
	dp_strlist_sort(&l);
}

static void test_parse_long(void)
{
	long v = -7;

	CHECK_INT(dp_parse_long("42", 0, 100, &v), 0);
	CHECK_INT(v, 42);
	CHECK_INT(dp_parse_long("0", 0, 100, &v), 0);
	CHECK_INT(v, 0);
	CHECK_INT(dp_parse_long("100", 0, 100, &v), 0);
	CHECK_INT(dp_parse_long("-5", -10, 10, &v), 0);
	CHECK_INT(v, -5);
	v = 1234;
	CHECK_INT(dp_parse_long("101", 0, 100, &v), -1);
	CHECK_INT(v, 1234);
	CHECK_INT(dp_parse_long("-1", 0, 100, &v), -1);
	CHECK_INT(dp_parse_long("", 0, 100, &v), -1);
	CHECK_INT(dp_parse_long(NULL, 0, 100, &v), -1);
	CHECK_INT(dp_parse_long("12abc", 0, 100, &v), -1);
	CHECK_INT(dp_parse_long("12 ", 0, 100, &v), -1);
	CHECK_INT(dp_parse_long(" 12", 0, 100, &v), -1);
	CHECK_INT(dp_parse_long("+12", 0, 100, &v), -1);
	CHECK_INT(dp_parse_long("0x10", 0, 100, &v), -1);
	CHECK_INT(
	    dp_parse_long("99999999999999999999999", LONG_MIN, LONG_MAX, &v),
	    -1);
	CHECK_INT(v, 1234);
}

static void test_affixes(void)
{
	CHECK(dp_starts_with("people/alice", "people/"));
	CHECK(!dp_starts_with("peop", "people/"));
	CHECK(dp_starts_with("x", ""));
	CHECK(dp_ends_with("goal.md", ".md"));
	CHECK(!dp_ends_with("md", ".md"));
	CHECK(dp_ends_with("", ""));
}

int main(void)
{
	test_init_and_add();
	test_addf();
	test_splice();
	test_setlen_detach();
	test_strlist();
	test_parse_long();
	test_affixes();
	return test_done();
}
