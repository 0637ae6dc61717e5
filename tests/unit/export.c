/* SPDX-License-Identifier: MIT */
/* Unit tests of the export module: RFC 4180 quoting. */
#include "devplan/export.h"
#include "test.h"

static const char *csv(const char *s)
{
	static struct dp_buf b = DP_BUF_INIT;

	dp_buf_reset(&b);
	dp_csv_field(&b, s);
	return b.ptr;
}

int main(void)
{
	CHECK_STR(csv("plain"), "plain");
	CHECK_STR(csv(""), "");
	CHECK_STR(csv(NULL), "");
	CHECK_STR(csv("a,b"), "\"a,b\"");
	CHECK_STR(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(csv("two\nlines"), "\"two\nlines\"");
	CHECK_STR(csv("cr\rhere"), "\"cr\rhere\"");
	CHECK_STR(csv("'=1+1"), "'=1+1");
	CHECK_STR(csv("caf\xc3\xa9"), "caf\xc3\xa9");
	return test_done();
}
