/* SPDX-License-Identifier: MIT */
/* devplan import-framework: roles and competencies from CSV or Markdown. */
#include <stdio.h>

#include "cli.h"
#include "devplan/import.h"
#include "devplan/banned.h"

static int dry_run;
static const struct dp_option opts[] = {
	OPT_BOOL('n', "dry-run", &dry_run,
		 "show what would change, write nothing"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"import-framework",
	"[--dry-run] <file|folder>...",
	"Import role profiles and competencies from CSV/TSV files or "
	"Markdown files with `levels` and `topics`.",
	opts,
	1,
	DP_ARGS_ANY
};

int cmd_import_framework(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_import_result res = DP_IMPORT_RESULT_INIT;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0)
		return dp_usage_error(&spec, "what to import? give a file or "
					     "a folder");
	ret = dp_import_framework(ctx->plan, (const char *const *)args,
				  (size_t)n, dry_run, &res);
	dp_print_findings(&res.findings);
	if (ret < 0) {
		ret = dp_fail(ret);
		goto out;
	}
	if (!res.changed) {
		printf("nothing to import: the framework already says what "
		       "the sources say\n");
		goto out;
	}
	if (dry_run) {
		for (size_t i = 0; i < res.report.len; i++)
			printf("%s\n", res.report.items[i]);
	}
	printf("%s %zu role%s (%zu added, %zu updated), %zu competenc%s "
	       "(%zu added, %zu updated)\n",
	       dry_run ? "Would import" : "Imported",
	       res.roles_added + res.roles_updated,
	       res.roles_added + res.roles_updated == 1 ? "" : "s",
	       res.roles_added, res.roles_updated,
	       res.comps_added + res.comps_updated,
	       res.comps_added + res.comps_updated == 1 ? "y" : "ies",
	       res.comps_added, res.comps_updated);
out:
	dp_import_result_release(&res);
	return ret;
}
