/* SPDX-License-Identifier: MIT */
/* devplan accept / decline: the owner answers a goal proposed to them. */
#include <string.h>

#include "cli.h"
#include "devplan/goal.h"
#include "devplan/banned.h"

static const struct dp_option accept_opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec accept_spec = {
	"accept",
	"<goal>",
	"Accept a goal proposed to you: its status becomes active.",
	accept_opts,
	1,
	1
};

static const char *reason;
static const struct dp_option decline_opts[] = {
	OPT_STRING('m', "message", &reason, "reason",
		   "why, for the proposer (required)"),
	OPT_END(),
};
static const struct dp_cmd_spec decline_spec = {
	"decline",
	"<goal> -m <reason>",
	"Decline a goal proposed to you: it is dropped, with your reason.",
	decline_opts,
	1,
	1
};

static int accept_goal(struct dp_plan *plan, const struct dp_ref *ref,
		       struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	(void)plan;
	(void)data;
	return dp_goal_accept(doc, msg, ref);
}

static int decline_goal(struct dp_plan *plan, const struct dp_ref *ref,
			struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	(void)plan;
	(void)data;
	return dp_goal_decline(doc, msg, ref, reason);
}

static int answer(int argc, char **argv, struct dp_ctx *ctx,
		  const struct dp_cmd_spec *spec, struct dp_edit *e)
{
	char **args;
	int n, ret;

	n = dp_opt_parse(spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(spec,
				      n ? "too many arguments" : "which goal?");
	if (spec == &decline_spec && (!reason || !*reason))
		return dp_usage_error(spec, "say why, with -m <reason>");
	if ((ret = dp_run_resolve(ctx, &e->ref, args[0], DP_KIND_GOAL)) != 0 ||
	    (ret = dp_run_edit(ctx, e)) != 0)
		return ret;
	printf("%s %s\n", spec == &decline_spec ? "Declined" : "Accepted",
	       e->ref.path);
	return 0;
}

int cmd_accept(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_edit e = { .right = DP_RIGHT_OWNER, .edit = accept_goal };

	return answer(argc, argv, ctx, &accept_spec, &e);
}

int cmd_decline(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_edit e = { .right = DP_RIGHT_OWNER, .edit = decline_goal };

	return answer(argc, argv, ctx, &decline_spec, &e);
}
