/* SPDX-License-Identifier: MIT */
/* Unit tests of the CSV module. */
#include <stdlib.h>
#include <string.h>

#include "devplan/csv.h"
#include "devplan/error.h"
#include "test.h"

static void test_basic(void)
{
	struct dp_csv c = DP_CSV_INIT;
	const char *t = "\xef\xbb\xbf"
			"a,b\r\n"
			"\"x, y\",\"two\nlines\"\r\n"
			"\r\n"
			"\"q \"\"z\"\"\",\xf0\x9f\xa6\x80\n";

	CHECK_INT(dp_csv_parse(&c, "t.csv", t, strlen(t), ','), 0);
	CHECK_INT(c.n, 3);
	CHECK_STR(c.rows[0].cells[0], "a");
	CHECK_INT(c.rows[0].line, 1);
	CHECK_STR(c.rows[1].cells[0], "x, y");
	CHECK_STR(c.rows[1].cells[1], "two\nlines");
	CHECK_INT(c.rows[1].line, 2);
	CHECK_INT(c.rows[2].line, 5);
	CHECK_STR(c.rows[2].cells[0], "q \"z\"");
	CHECK_STR(c.rows[2].cells[1], "\xf0\x9f\xa6\x80");
	dp_csv_release(&c);
}

static void test_sniff_and_errors(void)
{
	struct dp_csv c = DP_CSV_INIT;
	const char *tsv = "role\tskill\nA\tB\n";

	CHECK_INT(dp_csv_sniff("x.csv", tsv, strlen(tsv)), '\t');
	CHECK_INT(dp_csv_sniff("x.tsv", "a,b", 3), '\t');
	CHECK_INT(dp_csv_sniff("x.csv", "a,b\tc", 5), ',');
	CHECK_INT(dp_csv_parse(&c, "t.tsv", tsv, strlen(tsv), '\t'), 0);
	CHECK_INT(c.n, 2);
	CHECK_STR(c.rows[1].cells[1], "B");
	dp_csv_release(&c);

	CHECK_INT(dp_csv_parse(&c, "t.csv", "a,\"b\nc", 6, ','), DP_EINVALID);
	CHECK(strstr(dp_error_last(), "t.csv:1:1:") != NULL);
	dp_csv_release(&c);
	CHECK_INT(dp_csv_parse(&c, "t.csv", "a\nb\xff\n", 5, ','), DP_EINVALID);
	CHECK(strstr(dp_error_last(), "t.csv:2:1:") != NULL);
	dp_csv_release(&c);
}

int main(void)
{
	test_basic();
	test_sniff_and_errors();
	return test_done();
}
