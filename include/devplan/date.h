/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_DATE_H
#define DEVPLAN_DATE_H

/* Calendar dates, ISO 8601 YYYY-MM-DD only (proleptic Gregorian). */
struct dp_date {
	int y, m, d;
};

/*
 * Parses exactly "YYYY-MM-DD" (year 1000..9999) naming a real day:
 * 2027-02-30 and 2027-13-01 are refused. Returns 0 or DP_EINVALID (no
 * message set: callers say which field it was).
 */
int dp_date_parse(struct dp_date *out, const char *s);
/* Writes "YYYY-MM-DD" and a NUL into `out`. */
void dp_date_format(char out[11], const struct dp_date *d);
/* Days since 1970-01-01 (negative before). */
long dp_date_to_days(const struct dp_date *d);
void dp_date_from_days(struct dp_date *out, long days);
/* <0, 0, >0 like strcmp. */
int dp_date_cmp(const struct dp_date *a, const struct dp_date *b);
/*
 * Today in local time, or DEVPLAN_TODAY (YYYY-MM-DD) when set, so tests
 * and scripts can pin the date. DP_EINVALID if DEVPLAN_TODAY is bad.
 */
int dp_date_today(struct dp_date *out);
int dp_date_is_leap(int year);
int dp_date_days_in_month(int year, int month);

/*
 * A date and time as git takes it in GIT_AUTHOR_DATE and
 * GIT_COMMITTER_DATE: "1795000000 +0000", "@1795000000 +0000", ISO 8601
 * "2026-11-22T10:00:00+01:00" or "2026-11-22 10:00:00 +0100" (local time
 * without a zone) and RFC 2822 "Sun, 22 Nov 2026 10:00:00 +0100".
 * `*when` gets seconds since the epoch, `*offset` the zone in minutes east
 * of UTC. 0, or -1 when `s` is none of these (no message set).
 */
int dp_date_parse_git(long long *when, int *offset, const char *s);

#endif
