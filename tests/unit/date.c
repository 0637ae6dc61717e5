/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "devplan/date.h"
#include "devplan/error.h"
#include "test.h"

static const struct {
	const char *text;
	int ok;
} parse_cases[] = {
	{ "2027-01-01", 1 },
	{ "2027-12-31", 1 },
	{ "1000-01-01", 1 },
	{ "9999-12-31", 1 },
	{ "2024-02-29", 1 }, /* divisible by 4 */
	{ "2000-02-29", 1 }, /* divisible by 400 */
	{ "2100-02-29", 0 }, /* divisible by 100 only */
	{ "2027-02-29", 0 },
	{ "2027-02-28", 1 },
	{ "2027-02-30", 0 },
	{ "2027-04-31", 0 },
	{ "2027-04-30", 1 },
	{ "2027-13-01", 0 },
	{ "2027-00-10", 0 },
	{ "2027-01-00", 0 },
	{ "2027-01-32", 0 },
	{ "2027-1-1", 0 },
	{ "2027-01-1", 0 },
	{ "27-01-01", 0 },
	{ "02027-01-01", 0 },
	{ "0999-12-31", 0 },
	{ "2027-01-01x", 0 },
	{ "2027-01-01 ", 0 },
	{ " 2027-01-01", 0 },
	{ "2027/01/01", 0 },
	{ "2027-01-01T00:00", 0 },
	{ "+027-01-01", 0 },
	{ "2027-0a-01", 0 },
	{ "", 0 },
	{ "2027", 0 },
	{ "2027-01-", 0 },
};

static void test_parse(void)
{
	for (size_t i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]);
	     i++) {
		struct dp_date d = { 0, 0, 0 };
		int ret = dp_date_parse(&d, parse_cases[i].text);

		test_point(parse_cases[i].ok ? ret == 0 : ret == DP_EINVALID,
			   __FILE__, __LINE__, parse_cases[i].text);
		if (parse_cases[i].ok && !ret) {
			char buf[11];

			dp_date_format(buf, &d);
			CHECK_STR(buf, parse_cases[i].text);
		}
	}
	CHECK(dp_date_parse(&(struct dp_date){ 0, 0, 0 }, NULL) == DP_EINVALID);
}

static void test_fields(void)
{
	struct dp_date d = { 0, 0, 0 };

	CHECK_INT(dp_date_parse(&d, "2026-11-22"), 0);
	CHECK_INT(d.y, 2026);
	CHECK_INT(d.m, 11);
	CHECK_INT(d.d, 22);
	CHECK_INT(dp_date_is_leap(2024), 1);
	CHECK_INT(dp_date_is_leap(2000), 1);
	CHECK_INT(dp_date_is_leap(2100), 0);
	CHECK_INT(dp_date_is_leap(2027), 0);
	CHECK_INT(dp_date_days_in_month(2024, 2), 29);
	CHECK_INT(dp_date_days_in_month(2027, 2), 28);
	CHECK_INT(dp_date_days_in_month(2027, 12), 31);
	CHECK_INT(dp_date_days_in_month(2027, 13), 0);
}

static void test_days(void)
{
	static const struct {
		const char *text;
		long days;
	} cases[] = {
		{ "1970-01-01", 0 },       { "1970-01-02", 1 },
		{ "1969-12-31", -1 },      { "2000-03-01", 11017 },
		{ "2024-02-29", 19782 },   { "2027-01-01", 20819 },
		{ "1000-01-01", -354285 }, { "9999-12-31", 2932896 },
	};
	struct dp_date d, back;
	char buf[11];
	int ok = 1;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(dp_date_parse(&d, cases[i].text), 0);
		CHECK_INT(dp_date_to_days(&d), cases[i].days);
		dp_date_from_days(&back, cases[i].days);
		dp_date_format(buf, &back);
		CHECK_STR(buf, cases[i].text);
	}

	/* Every day of years 1000..9999 goes there and back, in order. */
	dp_date_parse(&d, "1000-01-01");
	for (long n = dp_date_to_days(&d); ok; n++) {
		struct dp_date next;

		dp_date_from_days(&back, n);
		if (dp_date_to_days(&back) != n || back.d < 1 ||
		    back.d > dp_date_days_in_month(back.y, back.m))
			ok = 0;
		if (back.y == 9999 && back.m == 12 && back.d == 31)
			break;
		dp_date_from_days(&next, n + 1);
		if (dp_date_cmp(&back, &next) >= 0)
			ok = 0;
	}
	CHECK(ok);
}

static void test_cmp(void)
{
	struct dp_date a, b;

	dp_date_parse(&a, "2027-01-31");
	dp_date_parse(&b, "2027-02-01");
	CHECK(dp_date_cmp(&a, &b) < 0);
	CHECK(dp_date_cmp(&b, &a) > 0);
	CHECK(dp_date_cmp(&a, &a) == 0);
	dp_date_parse(&b, "2026-12-31");
	CHECK(dp_date_cmp(&a, &b) > 0);
	dp_date_parse(&b, "2027-01-30");
	CHECK(dp_date_cmp(&a, &b) > 0);
}

static void test_today(void)
{
	struct dp_date d;
	char buf[11];

	setenv("DEVPLAN_TODAY", "2027-03-04", 1);
	CHECK_INT(dp_date_today(&d), 0);
	dp_date_format(buf, &d);
	CHECK_STR(buf, "2027-03-04");

	setenv("DEVPLAN_TODAY", "2027-02-30", 1);
	CHECK_INT(dp_date_today(&d), DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "DEVPLAN_TODAY: '2027-02-30' is not a date (YYYY-MM-DD)");

	unsetenv("DEVPLAN_TODAY");
	CHECK_INT(dp_date_today(&d), 0);
	CHECK(d.y >= 2024 && d.m >= 1 && d.m <= 12 && d.d >= 1 &&
	      d.d <= dp_date_days_in_month(d.y, d.m));
}

int main(void)
{
	test_parse();
	test_fields();
	test_days();
	test_cmp();
	test_today();
	return test_done();
}
