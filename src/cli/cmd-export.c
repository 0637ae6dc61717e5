/* SPDX-License-Identifier: MIT */
/*
 * devplan export: the whole plan as JSON, CSV or iCalendar (dp_export) on
 * stdout.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/export.h"
#include "devplan/banned.h"

static const char *format;

static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format",
		   "json (default), csv or ics"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"export",
	"[--format json|csv|ics]",
	"Export every record as one JSON document or CSV rows, or due dates as "
	"iCalendar.",
	opts,
	0,
	0,
};

int cmd_export(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_findings problems = DP_FINDINGS_INIT;
	struct dp_buf out = DP_BUF_INIT;
	enum dp_export_format fmt = DP_EXPORT_JSON;
	char **args;
	int n, ret, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n > 0)
		return dp_usage_error(&spec, "too many arguments");
	if (format && !strcmp(format, "csv"))
		fmt = DP_EXPORT_CSV;
	else if (format && !strcmp(format, "ics"))
		fmt = DP_EXPORT_ICS;
	else if (format && strcmp(format, "json"))
		return dp_usage_error(&spec, "unknown format '%s'", format);
	ret = dp_export(&out, ctx->plan, fmt, &problems);
	dp_print_findings(&problems);
	if (ret < 0) {
		status = dp_fail(ret);
		goto out;
	}
	fwrite(out.ptr, 1, out.len, stdout);
	if (fflush(stdout) || ferror(stdout)) {
		dp_errorf("cannot write the output");
		status = 3;
	}
out:
	dp_buf_release(&out);
	dp_findings_release(&problems);
	return status;
}
