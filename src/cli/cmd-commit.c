/* SPDX-License-Identifier: MIT */
/* devplan commit: validate and commit records edited by hand. */
#include <string.h>

#include "cli.h"
#include "devplan/handedit.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"commit",
	"[<record>...]",
	"Check and commit records you edited by hand, saying what changed.",
	opts,
	0,
	DP_ARGS_ANY
};

int cmd_commit(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_handedit h = { 0 };
	char **args;
	int n, ret, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	h.findings = (struct dp_findings)DP_FINDINGS_INIT;
	dp_buf_init(&h.summary, 0);
	ret = dp_handedit_commit(ctx->plan, &h, args, (size_t)n);
	dp_print_findings(&h.findings);
	if (ret < 0) {
		status = dp_fail(ret);
	} else if (!h.records) {
		fputs("nothing to commit: no record differs from HEAD\n",
		      stderr);
	} else {
		printf("[%.7s] committed %zu record%s\n", h.commit, h.records,
		       h.records == 1 ? "" : "s");
		for (char *l = h.summary.ptr; *l;) {
			char *nl = strchr(l, '\n');

			if (nl)
				*nl = '\0';
			dp_term_puts(stdout, l);
			if (!nl)
				break;
			l = nl + 1;
		}
	}
	dp_handedit_release(&h);
	return status;
}
