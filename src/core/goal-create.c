/* SPDX-License-Identifier: MIT */
/* A new goal: checked, built from its template, maybe edited, committed. */
#include "devplan/goal.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/date.h"
#include "devplan/error.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

void dp_goal_create_init(struct dp_goal_create *c)
{
	memset(c, 0, sizeof(*c));
	c->title = (struct dp_buf)DP_BUF_INIT;
	c->base = (struct dp_buf)DP_BUF_INIT;
	c->slug = (struct dp_buf)DP_BUF_INIT;
	c->doc = (struct dp_doc)DP_DOC_INIT;
	dp_draft_init(&c->draft);
}

void dp_goal_create_release(struct dp_goal_create *c)
{
	if (!c)
		return;
	dp_buf_release(&c->title);
	dp_buf_release(&c->base);
	dp_buf_release(&c->slug);
	dp_doc_release(&c->doc);
	dp_draft_release(&c->draft);
}

static enum dp_right right_of(const struct dp_goal_create *c)
{
	return c->g.proposer ? DP_RIGHT_PROPOSE : DP_RIGHT_WRITE;
}

int dp_goal_create_start(struct dp_goal_create *c, struct dp_plan *plan,
			 const struct dp_goal_new *opts, char **words, size_t n)
{
	struct dp_buf joined = DP_BUF_INIT;
	struct dp_date today;
	int ret;

	for (size_t i = 0; i < n; i++)
		dp_buf_addf(&joined, "%s%s", i ? " " : "", words[i]);
	if ((ret = dp_title_clean(&c->title, joined.ptr, "title")) < 0 ||
	    (ret = dp_plan_whoami(plan, &c->me)) < 0)
		goto out;
	c->g = *opts;
	c->g.title = c->final_title = c->title.ptr;
	if (!c->g.owner)
		c->g.owner = c->me;
	c->g.proposer = strcmp(c->g.owner, c->me) ? c->me : NULL;
	if ((ret = dp_plan_person_check(plan, c->g.owner)) < 0)
		goto out;
	/* Refuse a title that cannot name a file before anything else. */
	if ((ret = dp_slugify(&c->base, c->title.ptr)) < 0 ||
	    (ret = dp_layout_ref(&c->ref, dp_plan_layout(plan), DP_KIND_GOAL,
				 c->g.owner, c->base.ptr)) < 0 ||
	    (ret = dp_plan_may(plan, right_of(c), &c->ref)) < 0 ||
	    (ret = dp_date_today(&today)) < 0)
		goto out;
	dp_date_format(c->today, &today);
	if ((ret = dp_plan_template(plan, &c->doc, &c->ref)) < 0)
		goto out;
	ret = dp_goal_fill(&c->doc, &c->g, c->today);
out:
	dp_buf_release(&joined);
	return ret;
}

int dp_goal_create_draft(struct dp_goal_create *c, struct dp_plan *plan)
{
	struct dp_buf text = DP_BUF_INIT;
	int ret;

	dp_buf_add(&text, c->doc.text.ptr, c->doc.text.len);
	ret = dp_draft_create(&c->draft, plan, &c->ref, &text, NULL);
	dp_buf_release(&text);
	return ret;
}

/* A proposal edited in the editor must stay one. */
static int still_proposed(const struct dp_goal_create *c)
{
	const char *st = dp_doc_str(&c->doc, "status");
	const char *by = dp_doc_str(&c->doc, "proposed-by");

	if (!st || strcmp(st, "proposed")) {
		dp_error_set("a goal for '%s' stays proposed until they accept "
			     "it; nothing was changed",
			     c->g.owner);
		return DP_EINVALID;
	}
	if (!by || strcmp(by, c->me)) {
		dp_error_set("proposed-by: must stay '%s'; nothing was changed",
			     c->me);
		return DP_EINVALID;
	}
	return 0;
}

int dp_goal_create_edited(struct dp_goal_create *c)
{
	struct dp_buf text = DP_BUF_INIT;
	struct dp_doc edited = DP_DOC_INIT;
	char *msg;
	int ret;

	if ((ret = dp_draft_read(&text, &c->draft)) < 0)
		goto out;
	if (strspn(text.ptr, " \t\r\n") == text.len) {
		dp_draft_remove(&c->draft);
		dp_error_set("aborted: the goal is empty; nothing was changed");
		ret = DP_EINVALID;
		goto out;
	}
	ret = dp_doc_parse(&edited, c->ref.path, text.ptr, text.len,
			   DP_DOC_FRONT_MATTER);
	if (ret < 0) {
		msg = dp_xstrdup(dp_error_last());
		dp_error_set("%s (your text is kept: 'devplan edit --continue' "
			     "takes it up again)",
			     msg);
		free(msg);
		goto out;
	}
	dp_doc_release(&c->doc);
	c->doc = edited;
	edited = (struct dp_doc)DP_DOC_INIT;
	if (c->g.proposer && (ret = still_proposed(c)) < 0)
		goto out;
	c->final_title = dp_doc_str(&c->doc, "title");
	dp_buf_reset(&c->base);
	if (!c->final_title || !*c->final_title) {
		dp_error_set("the goal has no title; nothing was changed");
		ret = DP_EINVALID;
		goto out;
	}
	ret = dp_slugify(&c->base, c->final_title);
out:
	dp_doc_release(&edited);
	dp_buf_release(&text);
	return ret;
}

static int goal_exists(const char *slug, void *data)
{
	return dp_strlist_has(data, slug);
}

int dp_goal_create_commit(struct dp_goal_create *c, struct dp_plan *plan,
			  struct dp_findings *f)
{
	struct dp_strlist goals = DP_STRLIST_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	int ret;

	/* The name is chosen under the lock, so two new goals never clash. */
	if ((ret = dp_plan_lock(plan)) < 0)
		goto out;
	if ((ret = dp_layout_list_goals(&goals, dp_plan_store(plan),
					dp_plan_layout(plan), c->g.owner)) <
		0 ||
	    (ret = dp_slug_unique(&c->slug, c->base.ptr, goal_exists, &goals)) <
		0 ||
	    (ret = dp_layout_ref(&c->ref, dp_plan_layout(plan), DP_KIND_GOAL,
				 c->g.owner, c->slug.ptr)) < 0)
		goto unlock;
	dp_goal_new_message(&msg, &c->ref, &c->g, c->final_title);
	ret = dp_plan_create(plan, &c->ref, &c->doc, &msg, right_of(c), f);
	if (ret == 0)
		dp_draft_remove(&c->draft);
unlock:
	dp_plan_unlock(plan);
out:
	dp_strlist_release(&goals);
	dp_msg_release(&msg);
	return ret;
}
