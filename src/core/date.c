/* SPDX-License-Identifier: MIT */
#include "devplan/date.h"

#include <stdlib.h>
#include <string.h>
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

/* ---- dates as git takes them ------------------------------------------ */

static int all_digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return n > 0 && i == n;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* "+0100", "+01:00", "+01", "Z": advances *s; -1 when there is none. */
static int parse_tz(const char **s, int *minutes)
{
	const char *p = *s;
	int sign = 1, h = 0, m = 0, rc = -1;

	if (*p == 'Z' || *p == 'z') {
		p++;
		goto done;
	}
	if (*p != '+' && *p != '-')
		goto out;
	sign = *p++ == '-' ? -1 : 1;
	if (!all_digits(p, 2))
		goto out;
	h = num(p, 2);
	p += 2;
	if (*p == ':')
		p++;
	if (all_digits(p, 2)) {
		m = num(p, 2);
		p += 2;
	}
	if (h > 23 || m > 59)
		goto out;
done:
	*minutes = sign * (h * 60 + m);
	*s = p;
	rc = 0;
out:
	return rc;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The offset of local time from UTC at `t`, in minutes. */
static int local_offset(time_t t)
{
	struct tm lt, gt;
	long long l, g;
	int ret = 0;

	if (localtime_r(&t, &lt) && gmtime_r(&t, &gt)) {
		l = days_from_civil(lt.tm_year + 1900LL, lt.tm_mon + 1,
				    lt.tm_mday) *
			86400 +
		    lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec;
		g = days_from_civil(gt.tm_year + 1900LL, gt.tm_mon + 1,
				    gt.tm_mday) *
			86400 +
		    gt.tm_hour * 3600 + gt.tm_min * 60 + gt.tm_sec;
		ret = (int)((l - g) / 60);
	}
	return ret;
}

/* 1..12 for an English month abbreviation at `p`, else 0. */
static int month_number(const char *p)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int ret = 0;

	for (int i = 0; i < 12 && !ret; i++)
		if ((p[0] | 0x20) == names[3 * i] &&
		    (p[1] | 0x20) == names[3 * i + 1] &&
		    (p[2] | 0x20) == names[3 * i + 2])
			ret = i + 1;
	return ret;
}

/* A calendar date and time of day, as written. */
struct civil {
	int y, mo, d, h, mi, sec;
};

/* "2026-11-22", then "T10:00", "T10:00:00" or " 10:00:00.5". */
static const char *parse_iso(const char *p, struct civil *c)
{
	const char *q;

	c->y = num(p, 4);
	c->mo = num(p + 5, 2);
	c->d = num(p + 8, 2);
	p += 10;
	q = p + 1;
	if ((*p == 'T' || *p == 't' || *p == ' ') && all_digits(q, 2) &&
	    q[2] == ':' && all_digits(q + 3, 2)) {
		c->h = num(q, 2);
		c->mi = num(q + 3, 2);
		q += 5;
		if (*q == ':' && all_digits(q + 1, 2)) {
			c->sec = num(q + 1, 2);
			q += 3;
		}
		if (*q == '.' || *q == ',')
			for (q++; *q >= '0' && *q <= '9'; q++)
				;
		p = q;
	}
	return p;
}

/* "Sun, 22 Nov 2026 10:00:00" or "22 Nov 2026 10:00"; NULL if not. */
static const char *parse_rfc2822(const char *p, struct civil *c)
{
	const char *ret = NULL;

	if (p[0] && p[1] && p[2] && p[3] == ',')
		p = skip_spaces(p + 4);
	if (!all_digits(p, 1))
		goto out;
	c->d = *p++ - '0';
	if (all_digits(p, 1))
		c->d = c->d * 10 + (*p++ - '0');
	p = skip_spaces(p);
	c->mo = month_number(p);
	if (!c->mo)
		goto out;
	p = skip_spaces(p + 3);
	if (!all_digits(p, 4))
		goto out;
	c->y = num(p, 4);
	p = skip_spaces(p + 4);
	if (!all_digits(p, 2) || p[2] != ':' || !all_digits(p + 3, 2))
		goto out;
	c->h = num(p, 2);
	c->mi = num(p + 3, 2);
	p += 5;
	if (*p == ':' && all_digits(p + 1, 2)) {
		c->sec = num(p + 1, 2);
		p += 3;
	}
	ret = p;
out:
	return ret;
}

/* "1795000000 +0000" or "@1795000000 +0000"; NULL if not. */
static const char *parse_epoch(const char *p, long long *when)
{
	const char *ret = NULL;
	int digits = 0;

	if (*p == '@')
		p++;
	for (*when = 0; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
		*when = *when * 10 + (*p - '0');
	if (digits && !(*p >= '0' && *p <= '9'))
		ret = p;
	return ret;
}

/*
 * Dates as git takes them in GIT_AUTHOR_DATE: "1795000000 +0000",
 * "@1795000000 +0000", ISO 8601 "2026-11-22T10:00:00+01:00" or
 * "2026-11-22 10:00:00 +0100" (local time without a zone), and RFC 2822
 * "Sun, 22 Nov 2026 10:00:00 +0100".
 */
int dp_date_parse_git(long long *when, int *offset, const char *s)
{
	const char *p = skip_spaces(s), *after;
	struct civil c;
	int tz = 0, have_tz = 0, epoch = 0, rc = -1;

	memset(&c, 0, sizeof(c));
	if (all_digits(p, 4) && p[4] == '-' && all_digits(p + 5, 2) &&
	    p[7] == '-' && all_digits(p + 8, 2)) {
		p = parse_iso(p, &c);
	} else if ((after = parse_epoch(p, when)) &&
		   (*p == '@' || !month_number(skip_spaces(after)))) {
		p = after;
		epoch = 1;
	} else {
		p = parse_rfc2822(p, &c);
	}
	if (!p)
		goto out;
	p = skip_spaces(p);
	if (*p) {
		if (parse_tz(&p, &tz) < 0)
			goto out;
		have_tz = 1;
	}
	if (*skip_spaces(p))
		goto out;
	if (epoch) {
		*offset = tz;
		rc = 0;
		goto out;
	}
	if (c.y < 1970 || c.mo < 1 || c.mo > 12 || c.d < 1 ||
	    c.d > dp_date_days_in_month(c.y, c.mo) || c.h > 23 || c.mi > 59 ||
	    c.sec > 60)
		goto out;
	if (have_tz) {
		*when = days_from_civil(c.y, c.mo, c.d) * 86400 + c.h * 3600 +
			c.mi * 60 + c.sec - tz * 60LL;
		*offset = tz;
	} else {
		struct tm tm;
		time_t t;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = c.y - 1900;
		tm.tm_mon = c.mo - 1;
		tm.tm_mday = c.d;
		tm.tm_hour = c.h;
		tm.tm_min = c.mi;
		tm.tm_sec = c.sec;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			goto out;
		*when = (long long)t;
		*offset = local_offset(t);
	}
	rc = 0;
out:
	return rc;
}
