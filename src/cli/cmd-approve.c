/* SPDX-License-Identifier: MIT */
/* devplan approve: a commit with a Reviewed-by: trailer (dp_approve). */
#include "cli.h"
#include "devplan/approve.h"
#include "devplan/banned.h"

static const char *note;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &note, "text",
		   "what you say with the approval (the commit body)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"approve",
	"<person> [-m <text>]",
	"Approve a person's plan as it is now: a commit with a Reviewed-by: "
	"trailer.",
	opts,
	1,
	1
};

int cmd_approve(int argc, char **argv, struct dp_ctx *ctx)
{
	char oid[41], approved[41];
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec, "name the person to approve");
	ret = dp_approve(ctx->plan, args[0], note, oid, approved);
	if (ret < 0)
		return dp_fail(ret);
	printf("approved %s's plan at %.7s (commit %.7s)\n", args[0], approved,
	       oid);
	return 0;
}
