/* SPDX-License-Identifier: MIT */
/* devplan new-goal: add a development goal (or propose one to someone). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/date.h"
#include "devplan/draft.h"
#include "devplan/goal.h"
#include "devplan/slug.h"
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

static int goal_exists(const char *slug, void *data)
{
	return dp_strlist_has(data, slug);
}

/*
 * Lets the user edit the new goal; `doc` is replaced by what they saved.
 * The text is a draft (draft.h) kept when it does not parse, so nothing
 * typed is lost: `devplan edit --continue` takes it up again.
 */
static int edit_first(struct dp_ctx *ctx, struct dp_draft *d,
		      struct dp_doc *doc, const struct dp_ref *ref)
{
	struct dp_buf text = DP_BUF_INIT;
	struct dp_doc edited = DP_DOC_INIT;
	int ret;

	dp_buf_add(&text, doc->text.ptr, doc->text.len);
	if ((ret = dp_draft_create(d, ctx->plan, ref, &text, NULL)) < 0 ||
	    (ret = dp_launch_editor(ctx, d->file.ptr)) < 0 ||
	    (ret = dp_draft_read(&text, d)) < 0)
		goto out;
	if (strspn(text.ptr, " \t\r\n") == text.len) {
		dp_draft_remove(d);
		dp_error_set("aborted: the goal is empty; nothing was changed");
		ret = DP_EINVALID;
		goto out;
	}
	ret = dp_doc_parse(&edited, ref->path, text.ptr, text.len,
			   DP_DOC_FRONT_MATTER);
	if (ret < 0) {
		char *msg = dp_xstrdup(dp_error_last());

		dp_error_set("%s (your text is kept: 'devplan edit --continue' "
			     "takes it up again)",
			     msg);
		free(msg);
		goto out;
	}
	dp_doc_release(doc);
	*doc = edited;
	edited = (struct dp_doc)DP_DOC_INIT;
out:
	dp_doc_release(&edited);
	dp_buf_release(&text);
	return ret;
}

/* A proposal edited in the editor must stay one. */
static int still_proposed(const struct dp_doc *doc, const char *owner,
			  const char *me)
{
	const char *st = dp_doc_str(doc, "status");
	const char *by = dp_doc_str(doc, "proposed-by");

	if (!st || strcmp(st, "proposed")) {
		dp_error_set("a goal for '%s' stays proposed until they accept "
			     "it; nothing was changed",
			     owner);
		return DP_EINVALID;
	}
	if (!by || strcmp(by, me)) {
		dp_error_set("proposed-by: must stay '%s'; nothing was changed",
			     me);
		return DP_EINVALID;
	}
	return 0;
}

int cmd_new_goal(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf title = DP_BUF_INIT, base = DP_BUF_INIT;
	struct dp_buf slug = DP_BUF_INIT, joined = DP_BUF_INIT;
	struct dp_strlist goals = DP_STRLIST_INIT;
	struct dp_goal_new g = { 0 };
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	struct dp_draft draft;
	struct dp_date today;
	char today_s[11];
	const char *me, *final_title;
	char **args;
	int n, ret = 0, locked = 0, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0)
		return dp_usage_error(&spec, "what is the goal? give a title");
	dp_draft_init(&draft);
	for (int i = 0; i < n; i++)
		dp_buf_addf(&joined, "%s%s", i ? " " : "", args[i]);
	if ((ret = dp_title_clean(&title, joined.ptr, "title")) < 0 ||
	    (ret = dp_plan_whoami(ctx->plan, &me)) < 0)
		goto out;
	g.title = title.ptr;
	g.owner = for_person ? for_person : me;
	g.proposer = strcmp(g.owner, me) ? me : NULL;
	g.type = type;
	g.due = due;
	g.success = success;
	g.competencies = &competencies;
	g.actions = &actions;
	if ((ret = dp_plan_person_check(ctx->plan, g.owner)) < 0)
		goto out;
	/* Refuse a title that cannot name a file before anything else. */
	if ((ret = dp_slugify(&base, title.ptr)) < 0 ||
	    (ret = dp_layout_ref(&ref, dp_plan_layout(ctx->plan), DP_KIND_GOAL,
				 g.owner, base.ptr)) < 0 ||
	    (ret = dp_plan_may(ctx->plan,
			       g.proposer ? DP_RIGHT_PROPOSE : DP_RIGHT_WRITE,
			       &ref)) < 0)
		goto out;
	if ((ret = dp_date_today(&today)) < 0)
		goto out;
	dp_date_format(today_s, &today);
	if ((ret = dp_plan_template(ctx->plan, &doc, &ref)) < 0 ||
	    (ret = dp_goal_fill(&doc, &g, today_s)) < 0)
		goto out;
	final_title = title.ptr;
	if (edit) {
		if ((ret = edit_first(ctx, &draft, &doc, &ref)) < 0 ||
		    (g.proposer &&
		     (ret = still_proposed(&doc, g.owner, me)) < 0))
			goto out;
		final_title = dp_doc_str(&doc, "title");
		dp_buf_reset(&base);
		if (!final_title || !*final_title) {
			dp_error_set("the goal has no title; nothing was "
				     "changed");
			ret = DP_EINVALID;
			goto out;
		}
		if ((ret = dp_slugify(&base, final_title)) < 0)
			goto out;
	}

	/* The name is chosen under the lock, so two new goals never clash. */
	if ((ret = dp_plan_lock(ctx->plan)) < 0)
		goto out;
	locked = 1;
	if ((ret = dp_layout_list_goals(
		 &goals, ctx->store, dp_plan_layout(ctx->plan), g.owner)) < 0 ||
	    (ret = dp_slug_unique(&slug, base.ptr, goal_exists, &goals)) < 0 ||
	    (ret = dp_layout_ref(&ref, dp_plan_layout(ctx->plan), DP_KIND_GOAL,
				 g.owner, slug.ptr)) < 0)
		goto out;
	dp_goal_new_message(&msg, &ref, &g, final_title);
	status = dp_run_create(ctx, &ref, &doc, &msg,
			       g.proposer ? DP_RIGHT_PROPOSE : DP_RIGHT_WRITE);
	if (status == 0) {
		dp_draft_remove(&draft);
		printf("%s %s/%s (%s)\n", g.proposer ? "Proposed" : "Added",
		       g.owner, slug.ptr, ref.path);
	}
out:
	if (locked)
		dp_plan_unlock(ctx->plan);
	if (ret < 0)
		status = dp_fail(ret);
	dp_draft_release(&draft);
	dp_strlist_release(&goals);
	dp_strlist_release(&competencies);
	dp_strlist_release(&actions);
	dp_doc_release(&doc);
	dp_msg_release(&msg);
	dp_buf_release(&joined);
	dp_buf_release(&slug);
	dp_buf_release(&base);
	dp_buf_release(&title);
	return status;
}
