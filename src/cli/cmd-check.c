/* SPDX-License-Identifier: MIT */
/*
 * devplan check: validate every record of the repository, or the ones
 * named, and print the findings like a compiler (path:line:col: message).
 * The checking is the core's (dp_plan_check); this prints it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/check.h"
#include "devplan/check-report.h"
#include "devplan/merge.h"
#include "devplan/banned.h"

static const char *format;

static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format",
		   "text (default), json, github or codequality"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"check",
	"[--format text|json|github|codequality] [<path>...]",
	"Validate records: all of them, or the records and folders named.",
	opts,
	0,
	DP_ARGS_ANY,
};

/* The findings in the format asked for, on stdout. */
static void print(const struct dp_findings *f, const char *fmt)
{
	struct dp_json *doc = NULL;
	struct dp_buf out = DP_BUF_INIT;

	if (!strcmp(fmt, "json")) {
		doc = dp_findings_json(f);
	} else if (!strcmp(fmt, "codequality")) {
		doc = dp_findings_codequality(f);
	} else if (!strcmp(fmt, "github")) {
		dp_findings_github(&out, f);
		fwrite(out.ptr, 1, out.len, stdout);
	} else {
		dp_print_findings_to(stdout, f);
	}
	if (doc) {
		dp_json_print(doc);
		dp_json_free(doc);
	}
	dp_buf_release(&out);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_check(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	size_t warnings, records = 0;
	char **args;
	int n, ret, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (!format)
		format = "text";
	if (strcmp(format, "text") && strcmp(format, "json") &&
	    strcmp(format, "github") && strcmp(format, "codequality"))
		return dp_usage_error(&spec, "unknown format '%s'", format);
	for (int i = 0; i < n; i++)
		if (!*args[i]) /* as git: not "everything" */
			return dp_usage_error(&spec, "an empty path names no "
						     "record or folder");

	ret = dp_plan_check(ctx->plan, &f, args, (size_t)n, &records);
	if (ret < 0) {
		status = dp_fail(ret);
		goto out;
	}
	print(&f, format);
	warnings = f.len - f.errors;
	fflush(stdout);
	fprintf(stderr, "checked %zu %s: %zu %s, %zu %s\n", records,
		plural(records, "record", "records"), f.errors,
		plural(f.errors, "error", "errors"), warnings,
		plural(warnings, "warning", "warnings"));
	if (!dp_merge_driver_installed(ctx->store))
		fprintf(stderr,
			"hint: the devplan merge driver is not registered in "
			"this clone: run 'devplan merge-file --install'\n");
	status = f.errors ? 1 : 0;
out:
	dp_findings_release(&f);
	return status;
}
