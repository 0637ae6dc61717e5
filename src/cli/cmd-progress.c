/* SPDX-License-Identifier: MIT */
/* devplan progress: set a goal's progress, with a note. */
#include "cli.h"
#include "devplan/goal.h"
#include "devplan/banned.h"

static const char *note;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &note, "note",
		   "what moved it on (goes in the commit)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"progress",
	"<goal> <0-100> [-m <note>]",
	"Set a goal's progress, with an optional note.",
	opts,
	2,
	2
};

static int set_progress(struct dp_plan *plan, const struct dp_ref *ref,
			struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	(void)plan;
	return dp_goal_progress(doc, msg, ref, *(long *)data, note);
}

int cmd_progress(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_edit e = { .right = DP_RIGHT_WRITE, .edit = set_progress };
	char **args;
	long v;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 2)
		return dp_usage_error(&spec, "give a goal and a percentage");
	if (dp_parse_long(args[1], 0, 100, &v) < 0) {
		dp_errorf("progress: '%s' is not a whole number in 0..100",
			  args[1]);
		return 1;
	}
	if ((ret = dp_run_resolve(ctx, &e.ref, args[0], DP_KIND_GOAL)) != 0)
		return ret;
	e.data = &v;
	return dp_run_edit(ctx, &e);
}
