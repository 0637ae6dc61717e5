/* SPDX-License-Identifier: MIT */
/* devplan new-goal: add a development goal (or propose one to someone). */
#include <stdio.h>

#include "cli.h"
#include "devplan/goal.h"
#include "devplan/banned.h"

static const char *for_person, *due, *type, *success;
static int edit;
static struct dp_strlist competencies = DP_STRLIST_INIT;
static struct dp_strlist actions = DP_STRLIST_INIT;
static const struct dp_option opts[] = {
	OPT_STRING(0, "for", &for_person, "person",
		   "propose the goal to someone else"),
	OPT_STRING(0, "due", &due, "date", "target date, YYYY-MM-DD"),
	OPT_STRING(0, "type", &type, "type",
		   "knowledge, skill, competency, experience or career"),
	OPT_LIST(0, "competency", &competencies, "id",
		 "a competency the goal develops"),
	OPT_LIST(0, "action", &actions, "text", "a first action"),
	OPT_STRING(0, "success", &success, "text", "what success looks like"),
	OPT_BOOL(0, "edit", &edit, "open the new goal in your editor first"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"new-goal",
	"[--for <person>] [--due <date>] [--type <type>] [--competency "
	"<id>]...\n"
	"    [--action <text>]... [--success <text>] [--edit] <title>",
	"Add a development goal: people/<person>/goals/<slug>.md.",
	opts,
	1,
	DP_ARGS_ANY
};

int cmd_new_goal(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_goal_new asked = { .competencies = &competencies,
				     .actions = &actions };
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_goal_create c;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0)
		return dp_usage_error(&spec, "what is the goal? give a title");
	asked.owner = for_person;
	asked.type = type;
	asked.due = due;
	asked.success = success;
	dp_goal_create_init(&c);
	if ((ret = dp_goal_create_start(&c, ctx->plan, &asked, args,
					(size_t)n)) < 0)
		goto out;
	/* The text is a draft, kept when it does not parse: nothing is lost. */
	if (edit && ((ret = dp_goal_create_draft(&c, ctx->plan)) < 0 ||
		     (ret = dp_launch_editor(ctx, c.draft.file.ptr)) < 0 ||
		     (ret = dp_goal_create_edited(&c)) < 0))
		goto out;
	ret = dp_goal_create_commit(&c, ctx->plan, &f);
	dp_print_findings(&f);
	if (ret == 0)
		printf("%s %s/%s (%s)\n", c.g.proposer ? "Proposed" : "Added",
		       c.g.owner, c.slug.ptr, c.ref.path);
out:
	dp_findings_release(&f);
	dp_goal_create_release(&c);
	dp_strlist_release(&competencies);
	dp_strlist_release(&actions);
	return ret < 0 ? dp_fail(ret) : 0;
}
