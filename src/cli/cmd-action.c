/* SPDX-License-Identifier: MIT */
/* devplan action add|done|undo|remove: a goal's actions. */
#include <string.h>

#include "cli.h"
#include "devplan/goal.h"
#include "devplan/banned.h"

static const char *due, *resource;
static const struct dp_option opts[] = {
	OPT_STRING(0, "due", &due, "date", "when the action is due (add)"),
	OPT_STRING(0, "resource", &resource, "url",
		   "a book, course or link that helps (add)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"action",
	"add <goal> <text> [--due <date>] [--resource <url>]\n"
	"done|undo|remove <goal> <n|text>\n"
	"list <goal>",
	"Add an action to a goal, tick one off, untick or remove it (n counts "
	"from 1).",
	opts,
	0,
	0
};

struct action_data {
	const char *verb;
	const char *text; /* add: the title; else number or title prefix */
};

static int edit_actions(struct dp_plan *plan, const struct dp_ref *ref,
			struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct action_data *ad = data;

	(void)plan;
	if (!strcmp(ad->verb, "add"))
		return dp_goal_action_add(doc, msg, ref, ad->text, due,
					  resource);
	return dp_goal_action_edit(doc, msg, ref,
				   !strcmp(ad->verb, "done") ? DP_ACTION_DONE
				   : !strcmp(ad->verb, "undo")
				       ? DP_ACTION_UNDO
				       : DP_ACTION_REMOVE,
				   ad->text);
}

/* The actions with the numbers done, undo and remove take. */
static int list_actions(struct dp_ctx *ctx, const struct dp_ref *ref)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_table t;
	char num[24];
	int ret;

	if ((ret = dp_plan_load(ctx->plan, &doc, ref)) < 0)
		return dp_fail(ret);
	dp_table_init(&t, 4);
	dp_table_add(&t, "#");
	dp_table_add(&t, "DONE");
	dp_table_add(&t, "DUE");
	dp_table_add(&t, "ACTION");
	for (size_t i = 0; i < dp_goal_action_count(&doc); i++) {
		struct dp_goal_action ga;

		dp_goal_action_get(&doc, i, &ga);
		snprintf(num, sizeof(num), "%zu", i + 1);
		dp_table_add(&t, num);
		dp_table_add(&t, ga.done ? "yes" : "no");
		dp_table_add(&t, ga.due ? ga.due : "-");
		dp_table_add(&t, ga.title);
	}
	if (t.cells.len > 4)
		dp_table_print(&t, stdout);
	else
		fprintf(stderr, "no actions in '%s'\n", ref->path);
	dp_table_release(&t);
	dp_doc_release(&doc);
	return 0;
}

int cmd_action(int argc, char **argv, struct dp_ctx *ctx)
{
	static const char *const verbs[] = { "add", "done", "undo", "remove",
					     "list" };
	struct action_data ad = { NULL, NULL };
	struct dp_edit e = { .right = DP_RIGHT_WRITE, .edit = edit_actions };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n < 1)
		return dp_usage_error(&spec,
				      "add, done, undo, remove or list?");
	for (size_t i = 0; i < DP_ARRAY_SIZE(verbs); i++)
		if (!strcmp(args[0], verbs[i]))
			ad.verb = verbs[i];
	if (!ad.verb)
		return dp_usage_error(&spec, "unknown subcommand '%s'",
				      args[0]);
	if (!strcmp(ad.verb, "list")) {
		if (n != 2)
			return dp_usage_error(&spec, "list takes one goal");
		if ((ret = dp_run_resolve(ctx, &e.ref, args[1],
					  DP_KIND_GOAL)) != 0)
			return ret;
		return list_actions(ctx, &e.ref);
	}
	if (n != 3)
		return dp_usage_error(&spec, strcmp(ad.verb, "add")
						 ? "give a goal and the "
						   "action's number"
						 : "give a goal and the "
						   "action's text");
	if (strcmp(ad.verb, "add") && (due || resource))
		return dp_usage_error(&spec,
				      "--due and --resource go with add");
	if ((ret = dp_run_resolve(ctx, &e.ref, args[1], DP_KIND_GOAL)) != 0)
		return ret;
	ad.text = args[2];
	e.data = &ad;
	return dp_run_edit(ctx, &e);
}
