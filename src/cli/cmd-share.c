/* SPDX-License-Identifier: MIT */
/*
 * devplan share: moves a private note into the plan, in one commit.
 */
#include "cli.h"
#include "devplan/note.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"share",
	"<note>",
	"Share a private note: move it into the plan in one commit.",
	opts,
	1,
	1,
};

int cmd_share(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_buf path = DP_BUF_INIT;
	char today[11];
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((ret = dp_run_today(today)) != 0)
		return ret;
	ret = dp_note_share(&path, ctx->plan, args[0], today, &f);
	dp_print_findings(&f);
	dp_findings_release(&f);
	if (ret < 0)
		ret = dp_fail(
		    ret); /* after the commit: the private copy stayed */
	else
		fprintf(stderr, "shared as %s\n", path.ptr);
	dp_buf_release(&path);
	return ret;
}
