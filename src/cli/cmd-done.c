/* SPDX-License-Identifier: MIT */
/* devplan done: mark a goal done. */
#include "cli.h"
#include "devplan/goal.h"
#include "devplan/banned.h"

static const char *note;
static int force;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &note, "note",
		   "what was achieved (goes in the commit)"),
	OPT_BOOL('f', "force", &force, "done even with actions still open"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"done",
	"<goal> [-m <note>] [--force]",
	"Mark a goal done: status done, progress 100.",
	opts,
	1,
	1
};

static int mark_done(struct dp_plan *plan, const struct dp_ref *ref,
		     struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	(void)plan;
	(void)data;
	return dp_goal_done(doc, msg, ref, force, note);
}

int cmd_done(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_edit e = { .right = DP_RIGHT_WRITE, .edit = mark_done };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec,
				      n ? "too many arguments" : "which goal?");
	if ((ret = dp_run_resolve(ctx, &e.ref, args[0], DP_KIND_GOAL)) != 0)
		return ret;
	return dp_run_edit(ctx, &e);
}
