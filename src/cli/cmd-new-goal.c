/* SPDX-License-Identifier: MIT */
/* devplan new-goal: add a development goal (or propose one to someone). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/date.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/template.h"
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
	const struct dp_strlist *goals = data;

	return dp_strlist_has(goals, slug);
}

/* Fills the template with what the command line said. */
static int fill(struct dp_doc *doc, const char *title, const char *owner,
		const char *me)
{
	struct dp_date today;
	char today_s[11];
	int ret;

	if ((ret = dp_date_today(&today)) < 0) {
		dp_error_set("DEVPLAN_TODAY is not a date (YYYY-MM-DD)");
		return ret;
	}
	dp_date_format(today_s, &today);
	if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "title", title)) <
		0 ||
	    (ret = dp_record_set_field(doc, DP_KIND_GOAL, "created", today_s)) <
		0)
		return ret;
	if (strcmp(owner, me)) {
		if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "status",
					       "proposed")) < 0 ||
		    (ret = dp_doc_set_text(doc, "proposed-by", me)) < 0)
			return ret;
	}
	if (type &&
	    (ret = dp_record_set_field(doc, DP_KIND_GOAL, "type", type)) < 0)
		return ret;
	if (due) {
		if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "due", due)) <
		    0)
			return ret;
	} else if (dp_doc_lookup(doc, "due") && dp_doc_str(doc, "due") &&
		   !*dp_doc_str(doc, "due")) {
		/* No date given: drop the template's empty placeholder. */
		if ((ret = dp_doc_remove(doc, "due")) < 0)
			return ret;
	}
	if (success && (ret = dp_record_set_field(doc, DP_KIND_GOAL, "success",
						  success)) < 0)
		return ret;
	if (competencies.len) {
		struct dp_value *items =
		    dp_xcalloc(competencies.len, sizeof(*items));
		struct dp_value seq = { DP_SEQ,           NULL, 0,
					competencies.len, NULL, items };

		for (size_t i = 0; i < competencies.len; i++)
			items[i] = DP_VTEXT(competencies.items[i]);
		ret = dp_doc_set(doc, "competencies", &seq);
		free(items);
		if (ret < 0)
			return ret;
	}
	for (size_t i = 0; i < actions.len; i++) {
		static const char *const keys[] = { "title", "done" };
		struct dp_value vals[2];
		struct dp_value item = { DP_MAP, NULL, 0, 2, keys, vals };

		if (!actions.items[i][strspn(actions.items[i], " \t")]) {
			dp_error_set("--action: the text is empty");
			return DP_EINVALID;
		}
		vals[0] = DP_VTEXT(actions.items[i]);
		vals[1] = DP_VTYPED("false");
		if ((ret = dp_doc_append(doc, "actions", &item)) < 0)
			return ret;
	}
	return 0;
}

/* Lets the user edit the new goal; `doc` is replaced by what they saved. */
static int edit_first(struct dp_ctx *ctx, struct dp_doc *doc, const char *path)
{
	struct dp_buf file = DP_BUF_INIT, text = DP_BUF_INIT;
	struct dp_doc edited = DP_DOC_INIT;
	int ret;

	/* The cache file, so an interrupted edit is not lost. */
	if (dp_store_cache_write(ctx->store, "NEW_GOAL.md", doc->text.ptr,
				 doc->text.len) < 0) {
		ret = DP_EIO;
		goto out;
	}
	dp_store_cache_path(&file, ctx->store, "NEW_GOAL.md");
	if ((ret = dp_launch_editor(ctx, file.ptr)) < 0 ||
	    (ret = dp_store_cache_read(&text, ctx->store, "NEW_GOAL.md")) < 0)
		goto out;
	if (strspn(text.ptr, " \t\r\n") == text.len) {
		dp_error_set("aborted: the goal is empty; nothing was changed");
		ret = DP_EINVALID;
		goto out;
	}
	ret = dp_doc_parse(&edited, path, text.ptr, text.len,
			   DP_DOC_FRONT_MATTER);
	if (ret < 0) {
		char *msg = dp_xstrdup(dp_error_last());

		dp_error_set("%s (your text is kept in %s)", msg, file.ptr);
		free(msg);
		goto out;
	}
	dp_doc_release(doc);
	*doc = edited;
	edited = (struct dp_doc)DP_DOC_INIT;
out:
	dp_doc_release(&edited);
	dp_buf_release(&text);
	dp_buf_release(&file);
	return ret;
}

int cmd_new_goal(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf title = DP_BUF_INIT, me = DP_BUF_INIT;
	struct dp_buf text = DP_BUF_INIT, path = DP_BUF_INIT;
	struct dp_buf slug = DP_BUF_INIT, base = DP_BUF_INIT;
	struct dp_buf subject = DP_BUF_INIT, extra = DP_BUF_INIT;
	struct dp_strlist goals = DP_STRLIST_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	const char *owner, *final_title;
	char **args;
	int n, ret = 0, locked = 0, proposed;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0)
		return dp_usage_error(&spec, "what is the goal? give a title");
	for (int i = 0; i < n; i++) {
		if (i)
			dp_buf_addch(&title, ' ');
		dp_buf_adds(&title, args[i]);
	}
	if ((ret = dp_whoami(&me, ctx)) < 0)
		goto out;
	owner = for_person ? for_person : me.ptr;
	if ((ret = dp_person_check(ctx, owner)) < 0)
		goto out;
	proposed = strcmp(owner, me.ptr) != 0;
	/* Refuse a title that cannot name a file before anything else. */
	if ((ret = dp_slugify(&base, title.ptr)) < 0)
		goto out;
	dp_layout_goal(&path, owner, base.ptr);

	if ((ret = dp_template_load(&text, ctx->store, "goal.md")) < 0 ||
	    (ret = dp_doc_parse(&doc, path.ptr, text.ptr, text.len,
				DP_DOC_FRONT_MATTER)) < 0 ||
	    (ret = fill(&doc, title.ptr, owner, me.ptr)) < 0)
		goto out;
	if (edit) {
		if ((ret = edit_first(ctx, &doc, path.ptr)) < 0)
			goto out;
		if (proposed) {
			/* Only the owner makes a proposed goal theirs. */
			const char *st = dp_doc_str(&doc, "status");
			const char *by = dp_doc_str(&doc, "proposed-by");

			if (!st || strcmp(st, "proposed")) {
				dp_error_set("a goal for '%s' stays proposed "
					     "until they accept it; nothing "
					     "was changed",
					     owner);
				ret = DP_EINVALID;
				goto out;
			}
			if (!by || strcmp(by, me.ptr)) {
				dp_error_set("proposed-by: must stay '%s'; "
					     "nothing was changed",
					     me.ptr);
				ret = DP_EINVALID;
				goto out;
			}
		}
		final_title = dp_doc_str(&doc, "title");
		if (!final_title || !*final_title) {
			dp_error_set("the goal has no title; nothing was "
				     "changed");
			ret = DP_EINVALID;
			goto out;
		}
		dp_buf_reset(&base);
		if ((ret = dp_slugify(&base, final_title)) < 0)
			goto out;
	} else {
		final_title = title.ptr;
	}

	if ((ret = dp_store_lock(ctx->store)) < 0)
		goto out;
	locked = 1;
	if ((ret = dp_layout_list_goals(&goals, ctx->store, owner)) < 0 ||
	    (ret = dp_slug_unique(&slug, base.ptr, goal_exists, &goals)) < 0)
		goto out;
	dp_buf_reset(&path);
	dp_layout_goal(&path, owner, slug.ptr);
	dp_buf_addf(&subject, "goal(%s): %s \"%s\"", owner,
		    proposed ? "propose" : "add", final_title);
	if (proposed)
		dp_buf_addf(&extra, "Devplan-Proposed-By: %s\n", me.ptr);
	ret = dp_commit_new_record(ctx, path.ptr, &doc, subject.ptr, owner,
				   extra.ptr);
	if (ret < 0)
		goto out;
	printf("%s %s/%s (%s)\n", proposed ? "Proposed" : "Added", owner,
	       slug.ptr, path.ptr);
out:
	if (locked)
		dp_store_unlock(ctx->store);
	dp_strlist_release(&goals);
	dp_strlist_release(&competencies);
	dp_strlist_release(&actions);
	dp_doc_release(&doc);
	dp_buf_release(&extra);
	dp_buf_release(&subject);
	dp_buf_release(&base);
	dp_buf_release(&slug);
	dp_buf_release(&path);
	dp_buf_release(&text);
	dp_buf_release(&me);
	dp_buf_release(&title);
	return ret < 0 ? dp_fail(ret) : 0;
}
