/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_ICAL_H
#define DEVPLAN_ICAL_H

#include <stddef.h>

#include "devplan/buf.h"

/*
 * iCalendar (RFC 5545) through libical: the only module that includes
 * <libical/ical.h>, so folding at 75 octets, escaping of , ; \ and
 * newlines, and UTF-8 boundaries are libical's, not ours.
 */

struct dp_ical; /* a VCALENDAR being built */

/*
 * A new calendar with PRODID `prodid`, VERSION 2.0 and X-WR-CALNAME
 * `name` (when not NULL or empty). Free with dp_ical_free. NULL, with
 * the error set, when libical cannot be loaded (it is loaded on first
 * use; dp_ical_parse then returns DP_EIO).
 */
struct dp_ical *dp_ical_new(const char *prodid, const char *name);
void dp_ical_free(struct dp_ical *cal);

/*
 * Adds an all-day VEVENT on `date` (YYYY-MM-DD; DTEND the next day) with
 * `uid`, DTSTAMP `stamp` (seconds since the epoch, written in UTC), and
 * SUMMARY `summary`; DESCRIPTION when `description` is not NULL or
 * empty. DP_EINVALID with a message when `date` is not a date.
 */
int dp_ical_add_day(struct dp_ical *cal, const char *uid, const char *date,
		    long long stamp, const char *summary,
		    const char *description);

/* Appends the calendar as text (CRLF line ends, folded lines) to `out`. */
int dp_ical_write(struct dp_buf *out, struct dp_ical *cal);

/* One event read back from a calendar's text. */
struct dp_ical_event {
	char *uid;
	char date[11];     /* DTSTART as YYYY-MM-DD */
	int all_day;       /* DTSTART is a DATE */
	char *summary;     /* unescaped and unfolded; "" when none */
	char *description; /* as summary */
};

/*
 * Parses iCalendar `text` with libical and returns its VEVENTs in order
 * in `*out` (`*n` of them); free with dp_ical_events_free. DP_EINVALID
 * when the text is not a VCALENDAR.
 */
int dp_ical_parse(struct dp_ical_event **out, size_t *n, const char *text);
void dp_ical_events_free(struct dp_ical_event *ev, size_t n);

/*
 * A stable UID: 16 hex digits of a hash (FNV-1a, 64 bits) of `path`, a
 * NUL and `item`, then "@devplan". Appended to `out`.
 */
void dp_ical_uid(struct dp_buf *out, const char *path, const char *item);

#endif
