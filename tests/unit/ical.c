/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the iCalendar module: write a calendar, check the lines
 * against RFC 5545 (CRLF, at most 75 octets, folds never inside a UTF-8
 * sequence), then parse it back with libical and compare.
 */
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/ical.h"
#include "test.h"

/* Every line ends in CRLF, is at most 75 octets, and no fold splits a
 * UTF-8 sequence (a continuation line never starts with a 10xxxxxx byte
 * after its leading space). */
static int lines_ok(const char *t)
{
	const char *p = t;

	while (*p) {
		const char *end = strstr(p, "\r\n");

		if (!end || end - p > 75)
			return 0;
		if (*p == ' ' && ((unsigned char)p[1] & 0xc0) == 0x80)
			return 0;
		if (memchr(p, '\n', (size_t)(end - p)))
			return 0;
		p = end + 2;
	}
	return 1;
}

static void test_round_trip(void)
{
	struct dp_ical *cal = dp_ical_new("-//devplan//test//EN", "Plans");
	struct dp_buf out = DP_BUF_INIT, uid = DP_BUF_INIT, uid2 = DP_BUF_INIT;
	struct dp_ical_event *ev;
	size_t n;
	/* Long, with , ; \ and a newline, and multibyte text near the folds. */
	const char *summary =
	    "alice: Write, test; ship \\ the \xc3\xa9\xc3\xa9\xc3\xa9 parser "
	    "\xe2\x80\x94 \xf0\x9f\xa6\x80\xf0\x9f\xa6\x80\xf0\x9f\xa6\x80 "
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8"
	    "\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e end";

	dp_ical_uid(&uid, "people/alice/goals/x.md", "goal");
	dp_ical_uid(&uid2, "people/alice/goals/x.md", "action:Read");
	CHECK(strcmp(uid.ptr, uid2.ptr) != 0);
	CHECK_INT(strlen(uid.ptr), 16 + strlen("@devplan"));
	CHECK_INT(dp_ical_add_day(cal, uid.ptr, "2027-06-30", 1795000000LL,
				  summary, "line one\nline two"),
		  0);
	CHECK_INT(dp_ical_add_day(cal, uid2.ptr, "2027-12-31", 1795000000LL,
				  "plain", NULL),
		  0);
	CHECK_INT(dp_ical_add_day(cal, "u", "2027-02-30", 0, "bad", NULL),
		  DP_EINVALID);
	CHECK_INT(dp_ical_write(&out, cal), 0);
	CHECK(strncmp(out.ptr, "BEGIN:VCALENDAR\r\n", 17) == 0);
	CHECK(strstr(out.ptr, "\r\nVERSION:2.0\r\n") != NULL);
	CHECK(strstr(out.ptr, "\r\nDTSTART;VALUE=DATE:20270630\r\n") != NULL);
	CHECK(strstr(out.ptr, "\r\nDTEND;VALUE=DATE:20270701\r\n") != NULL);
	CHECK(strstr(out.ptr, "\r\nDTEND;VALUE=DATE:20280101\r\n") != NULL);
	CHECK(strstr(out.ptr, "Write\\, test\\; ship \\\\ the") != NULL);
	CHECK(strstr(out.ptr, "line one\\nline two") != NULL);
	CHECK(strstr(out.ptr, "\r\n ") != NULL); /* something was folded */
	CHECK(lines_ok(out.ptr));

	CHECK_INT(dp_ical_parse(&ev, &n, out.ptr), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(ev[0].uid, uid.ptr);
		CHECK_STR(ev[0].date, "2027-06-30");
		CHECK_INT(ev[0].all_day, 1);
		CHECK_STR(ev[0].summary, summary);
		CHECK_STR(ev[0].description, "line one\nline two");
		CHECK_STR(ev[1].uid, uid2.ptr);
		CHECK_STR(ev[1].date, "2027-12-31");
		CHECK_STR(ev[1].summary, "plain");
		CHECK_STR(ev[1].description, "");
	}
	dp_ical_events_free(ev, n);
	CHECK_INT(dp_ical_parse(&ev, &n, "not a calendar"), DP_EINVALID);
	dp_ical_events_free(ev, n);
	dp_buf_release(&out);
	dp_buf_release(&uid);
	dp_buf_release(&uid2);
	dp_ical_free(cal);
}

static void test_uid_stable(void)
{
	struct dp_buf a = DP_BUF_INIT, b = DP_BUF_INIT;

	dp_ical_uid(&a, "p", "goal");
	dp_ical_uid(&b, "p", "goal");
	CHECK_STR(a.ptr, b.ptr);
	/* The NUL between path and item: "ab"+"c" is not "a"+"bc". */
	dp_buf_reset(&a);
	dp_buf_reset(&b);
	dp_ical_uid(&a, "ab", "c");
	dp_ical_uid(&b, "a", "bc");
	CHECK(strcmp(a.ptr, b.ptr) != 0);
	dp_buf_release(&a);
	dp_buf_release(&b);
}

int main(void)
{
	test_round_trip();
	test_uid_stable();
	return test_done();
}
