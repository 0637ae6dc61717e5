/* SPDX-License-Identifier: MIT */
/*
 * devplan render: write the plan as a static site (dp_render_site) and
 * say where to open it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/render.h"
#include "devplan/banned.h"

static const char *outdir;
static const char *history;
static int full;

static const struct dp_option opts[] = {
	OPT_STRING('o', "output", &outdir, "dir",
		   "write the site into this folder (default: site)"),
	OPT_STRING(0, "history", &history, "n",
		   "commits read for progress over time (default 5000, "
		   "0: none)"),
	OPT_BOOL(0, "full", &full,
		 "render every page, not only what changed since the last "
		 "render"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"render",
	"[-o <dir>] [--history <n>] [--full]",
	"Write the plans as a static HTML site.",
	opts,
	0,
	0,
};

int cmd_render(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_findings problems = DP_FINDINGS_INIT;
	struct dp_render_opts ro = { "site", DP_RENDER_HISTORY_DEFAULT, 0 };
	struct dp_render_stats stats;
	char **args;
	long n_hist;
	int n, ret, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n > 0)
		return dp_usage_error(&spec, "too many arguments");
	if (outdir) {
		if (!*outdir)
			return dp_usage_error(&spec, "the folder is empty");
		ro.outdir = outdir;
	}
	if (history) {
		if (dp_parse_long(history, 0, 1000000, &n_hist) < 0)
			return dp_usage_error(&spec,
					      "--history: '%s' is not a number "
					      "in 0..1000000",
					      history);
		ro.history_commits = (size_t)n_hist;
	}
	ro.full = full;
	ret = dp_render_site(ctx->plan, &ro, &stats, &problems);
	dp_print_findings(&problems);
	if (ret < 0) {
		status = dp_fail(ret);
		goto out;
	}
	printf("rendered %zu pages from %zu records into %s/\n", stats.pages,
	       stats.records, ro.outdir);
	printf("%s: %zu files written, %zu removed\n",
	       stats.incremental ? "only what changed" : "every page",
	       stats.written, stats.removed);
	printf("open %s/index.html\n", ro.outdir);
	if (fflush(stdout) || ferror(stdout)) {
		dp_errorf("cannot write the output");
		status = 3;
	}
out:
	dp_findings_release(&problems);
	return status;
}
