/* SPDX-License-Identifier: MIT */
#include "devplan/date.h"

#include <stdlib.h>
#include <time.h>

#include "devplan/error.h"
#include "devplan/banned.h"

int dp_date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int dp_date_days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && dp_date_is_leap(year))
		return 29;
	return days[month - 1];
}

/* The value of `n` ASCII digits at `s`, or -1 if one of them is not one. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int dp_date_parse(struct dp_date *out, const char *s)
{
	int y, m, d;

	/*
	 * Checked left to right, so a short string stops at its NUL before
	 * anything past it is read.
	 */
	if (!s || (y = digits(s, 4)) < 0 || s[4] != '-' ||
	    (m = digits(s + 5, 2)) < 0 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) < 0 || s[10] != '\0')
		return DP_EINVALID;
	if (y < 1000 || m < 1 || m > 12 || d < 1 ||
	    d > dp_date_days_in_month(y, m))
		return DP_EINVALID;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

/* Writes the last `n` decimal digits of `v` (taken as positive). */
static void put_digits(char *out, int v, int n)
{
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	while (n-- > 0) {
		out[n] = (char)('0' + u % 10);
		u /= 10;
	}
}

void dp_date_format(char out[11], const struct dp_date *d)
{
	put_digits(out, d->y, 4);
	out[4] = '-';
	put_digits(out + 5, d->m, 2);
	out[7] = '-';
	put_digits(out + 8, d->d, 2);
	out[10] = '\0';
}

/*
 * Howard Hinnant's days_from_civil / civil_from_days: eras of 400 years
 * (146097 days) starting on March 1st, so the leap day ends each year.
 */
long dp_date_to_days(const struct dp_date *d)
{
	long y = d->y - (d->m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (d->m + 9) % 12; /* March is 0 */
	long doy = (153 * mp + 2) / 5 + d->d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void dp_date_from_days(struct dp_date *out, long days)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp < 10 ? mp + 3 : mp - 9;

	out->y = (int)(yoe + era * 400 + (m <= 2));
	out->m = (int)m;
	out->d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int dp_date_cmp(const struct dp_date *a, const struct dp_date *b)
{
	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

int dp_date_today(struct dp_date *out)
{
	const char *env = getenv("DEVPLAN_TODAY");
	struct tm tm;
	time_t now;
	int ret = 0;

	if (env && *env) {
		ret = dp_date_parse(out, env);
		if (ret < 0)
			dp_error_set("DEVPLAN_TODAY: '%s' is not a date "
				     "(YYYY-MM-DD)",
				     env);
		goto out;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !localtime_r(&now, &tm)) {
		dp_error_set("cannot read the current date");
		ret = DP_ERROR;
		goto out;
	}
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
out:
	return ret;
}
