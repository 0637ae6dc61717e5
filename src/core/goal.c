/* SPDX-License-Identifier: MIT */
/* What can happen to a goal: progress, done, accept, actions. */
#include "devplan/goal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/error.h"
#include "devplan/record.h"
#include "devplan/banned.h"

int dp_title_clean(struct dp_buf *out, const char *title, const char *what)
{
	size_t start = out->len;

	dp_msg_fold(out, title ? title : "");
	if (out->len > start && out->ptr[start] == ' ')
		dp_buf_splice(out, start, 1, "", 0);
	while (out->len > start && out->ptr[out->len - 1] == ' ')
		dp_buf_setlen(out, out->len - 1);
	if (out->len == start) {
		dp_error_set("%s: the text is empty", what);
		return DP_EINVALID;
	}
	return 0;
}

static const char *status_of(const struct dp_doc *doc)
{
	const char *s = dp_doc_str(doc, "status");

	return s ? s : "missing";
}

/* "goal(alice): learn-rust: " */
static void subject_start(struct dp_msg *msg, const struct dp_ref *ref)
{
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": %s: ", ref->name);
}

static void add_note(struct dp_msg *msg, const char *note)
{
	if (note && *note)
		dp_buf_adds(&msg->body, note);
}

int dp_goal_fill(struct dp_doc *doc, const struct dp_goal_new *g,
		 const char *today)
{
	int ret;

	if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "title", g->title)) <
		0 ||
	    (ret = dp_record_set_field(doc, DP_KIND_GOAL, "created", today)) <
		0)
		return ret;
	if (g->proposer &&
	    ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "status",
					"proposed")) < 0 ||
	     (ret = dp_doc_set_text(doc, "proposed-by", g->proposer)) < 0))
		return ret;
	if (g->type &&
	    (ret = dp_record_set_field(doc, DP_KIND_GOAL, "type", g->type)) < 0)
		return ret;
	if (g->due) {
		if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "due",
					       g->due)) < 0)
			return ret;
	} else if (dp_doc_str(doc, "due") && !*dp_doc_str(doc, "due")) {
		/* No date given: drop the template's empty placeholder. */
		if ((ret = dp_doc_remove(doc, "due")) < 0)
			return ret;
	}
	if (g->success && (ret = dp_record_set_field(
			       doc, DP_KIND_GOAL, "success", g->success)) < 0)
		return ret;
	if (g->competencies && g->competencies->len) {
		size_t n = g->competencies->len;
		struct dp_value *items = dp_xcalloc(n, sizeof(*items));
		struct dp_value seq = { DP_SEQ, NULL, 0, n, NULL, items };

		for (size_t i = 0; i < n; i++)
			items[i] = DP_VTEXT(g->competencies->items[i]);
		ret = dp_doc_set(doc, "competencies", &seq);
		free(items);
		if (ret < 0)
			return ret;
	}
	for (size_t i = 0; g->actions && i < g->actions->len; i++) {
		static const char *const keys[] = { "title", "done" };
		struct dp_buf title = DP_BUF_INIT;
		struct dp_value vals[2];
		struct dp_value item = { DP_MAP, NULL, 0, 2, keys, vals };

		ret = dp_title_clean(&title, g->actions->items[i], "--action");
		if (ret == 0) {
			vals[0] = DP_VTEXT(title.ptr);
			vals[1] = DP_VTYPED("false");
			ret = dp_doc_append(doc, "actions", &item);
		}
		dp_buf_release(&title);
		if (ret < 0)
			return ret;
	}
	return 0;
}

void dp_goal_new_message(struct dp_msg *msg, const struct dp_ref *ref,
			 const struct dp_goal_new *g, const char *title)
{
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": %s ", g->proposer ? "propose" : "add");
	dp_msg_subject_title(msg, title);
	if (g->proposer)
		dp_msg_add_trailer(msg, DP_TRAILER_PROPOSED_BY, g->proposer);
}

int dp_goal_progress(struct dp_doc *doc, struct dp_msg *msg,
		     const struct dp_ref *ref, long pct, const char *note)
{
	const char *status = status_of(doc);
	const char *old = dp_doc_str(doc, "progress");
	char value[24];

	if (!strcmp(status, "done") || !strcmp(status, "dropped") ||
	    !strcmp(status, "proposed")) {
		dp_error_set("'%s' is %s: %s", ref->path, status,
			     !strcmp(status, "proposed")
				 ? "its owner accepts it first ('devplan "
				   "accept')"
				 : "reopen it first ('devplan set <goal> "
				   "status=active')");
		return DP_EINVALID;
	}
	snprintf(value, sizeof(value), "%ld", pct);
	subject_start(msg, ref);
	dp_msg_subjectf(msg, "progress %s -> %s", old && *old ? old : "0",
			value);
	add_note(msg, note);
	return dp_record_set_field(doc, DP_KIND_GOAL, "progress", value);
}

/* The titles of the actions not done, "a", "b" (0 when none). */
static size_t open_actions(struct dp_buf *out, const struct dp_doc *doc)
{
	const struct dp_node *list = dp_doc_lookup(doc, "actions");
	size_t n = 0;

	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++) {
		const struct dp_node *d = dp_node_get(list->items[i], "done");
		const struct dp_node *t = dp_node_get(list->items[i], "title");

		if (d && d->type == DP_SCALAR && !strcmp(d->str, "true"))
			continue;
		dp_buf_addf(out, "%s%zu \"%s\"", n ? ", " : "", i + 1,
			    t && t->type == DP_SCALAR ? t->str : "");
		n++;
	}
	return n;
}

int dp_goal_done(struct dp_doc *doc, struct dp_msg *msg,
		 const struct dp_ref *ref, int force, const char *note)
{
	const char *status = status_of(doc);
	struct dp_buf open = DP_BUF_INIT;
	size_t n;
	int ret = DP_EINVALID;

	if (!strcmp(status, "proposed")) {
		dp_error_set("'%s' is proposed: its owner accepts it first "
			     "('devplan accept')",
			     ref->path);
		goto out;
	}
	if (!strcmp(status, "done")) {
		ret = 0; /* already done: nothing to change */
		goto out;
	}
	if (!force && (n = open_actions(&open, doc)) > 0) {
		dp_error_set("'%s' has %zu open action%s: %s; tick them off "
			     "with 'devplan action done', or use --force",
			     ref->path, n, n == 1 ? "" : "s", open.ptr);
		goto out;
	}
	subject_start(msg, ref);
	dp_msg_subjectf(msg, "done");
	add_note(msg, note);
	if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "status", "done")) ==
	    0)
		ret = dp_record_set_field(doc, DP_KIND_GOAL, "progress", "100");
out:
	dp_buf_release(&open);
	return ret;
}

static int must_be_proposed(const struct dp_doc *doc, const struct dp_ref *ref)
{
	const char *status = status_of(doc);

	if (strcmp(status, "proposed")) {
		dp_error_set("'%s' is not a proposed goal (its status is %s)",
			     ref->path, status);
		return DP_EINVALID;
	}
	return 0;
}

int dp_goal_accept(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref)
{
	int ret;

	if ((ret = must_be_proposed(doc, ref)) < 0)
		return ret;
	/* The subject first: an edit re-parses the doc and frees its nodes. */
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": accept ");
	dp_msg_subject_title(msg, dp_doc_str(doc, "title"));
	return dp_record_set_field(doc, DP_KIND_GOAL, "status", "active");
}

int dp_goal_decline(struct dp_doc *doc, struct dp_msg *msg,
		    const struct dp_ref *ref, const char *reason)
{
	const char *by = dp_doc_str(doc, "proposed-by");
	int ret;

	if ((ret = must_be_proposed(doc, ref)) < 0)
		return ret;
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": decline ");
	dp_msg_subject_title(msg, dp_doc_str(doc, "title"));
	add_note(msg, reason);
	if (by && *by)
		dp_msg_add_trailer(msg, DP_TRAILER_PROPOSED_BY, by);
	if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "status",
				       "dropped")) == 0)
		ret = dp_doc_set_text(doc, "declined", reason);
	return ret;
}

int dp_goal_action_add(struct dp_doc *doc, struct dp_msg *msg,
		       const struct dp_ref *ref, const char *title,
		       const char *due, const char *resource)
{
	const char *keys[4];
	struct dp_value vals[4], item;
	struct dp_buf clean = DP_BUF_INIT;
	size_t nk = 0;
	int ret;

	if ((ret = dp_title_clean(&clean, title, "action")) < 0)
		goto out;
	keys[nk] = "title";
	vals[nk++] = DP_VTEXT(clean.ptr);
	if (due) {
		keys[nk] = "due";
		vals[nk++] = DP_VTYPED(due);
	}
	if (resource) {
		keys[nk] = "resource";
		vals[nk++] = DP_VTEXT(resource);
	}
	keys[nk] = "done";
	vals[nk++] = DP_VTYPED("false");
	item = (struct dp_value){ DP_MAP, NULL, 0, nk, keys, vals };
	subject_start(msg, ref);
	dp_msg_subjectf(msg, "add action ");
	dp_msg_subject_title(msg, clean.ptr);
	ret = dp_doc_append(doc, "actions", &item);
out:
	dp_buf_release(&clean);
	return ret;
}

static int action_is_done(const struct dp_node *item)
{
	const struct dp_node *d = dp_node_get(item, "done");

	return d && d->type == DP_SCALAR && !strcmp(d->str, "true");
}

/*
 * The action `which` names: its 1-based number or a title prefix (any
 * case). Among several matches, an exact title wins, then the only one
 * whose done state is not `done` already.
 */
static int find_action(const struct dp_node *list, const char *which,
		       int want_done, size_t *out)
{
	long num;
	size_t hits = 0, exact = 0, fit = 0, ex_i = 0, fit_i = 0, any_i = 0;
	size_t len = strlen(which);

	if (!list || list->type != DP_SEQ || !list->n) {
		dp_error_set("the goal has no actions");
		return DP_ENOTFOUND;
	}
	if (dp_parse_long(which, 1, (long)list->n, &num) == 0) {
		*out = (size_t)num - 1;
		return 0;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct dp_node *t = dp_node_get(list->items[i], "title");
		int useful = want_done < 0 ||
			     action_is_done(list->items[i]) != want_done;

		if (!t || t->type != DP_SCALAR ||
		    strncasecmp(t->str, which, len))
			continue;
		hits++;
		any_i = i;
		if (useful) {
			fit++;
			fit_i = i;
		}
		if (!strcasecmp(t->str, which) && useful) {
			exact++;
			ex_i = i;
		}
	}
	if (exact == 1 || fit == 1 || hits == 1) {
		*out = exact == 1 ? ex_i : fit == 1 ? fit_i : any_i;
		return 0;
	}
	dp_error_set(hits ? "'%s' names several actions; use its number "
			    "('devplan show' lists them)"
			  : "no action '%s' (give its number, 1 to %zu, or "
			    "the start of its title)",
		     which, list->n);
	return hits ? DP_EAMBIGUOUS : DP_ENOTFOUND;
}

int dp_goal_action_edit(struct dp_doc *doc, struct dp_msg *msg,
			const struct dp_ref *ref, enum dp_action_op op,
			const char *which)
{
	const struct dp_node *list = dp_doc_lookup(doc, "actions");
	const struct dp_node *t;
	struct dp_buf field = DP_BUF_INIT;
	size_t idx;
	int ret, want = op == DP_ACTION_DONE   ? 1
			: op == DP_ACTION_UNDO ? 0
					       : -1;

	if ((ret = find_action(list, which, want, &idx)) < 0)
		goto out;
	t = dp_node_get(list->items[idx], "title");
	subject_start(msg, ref);
	dp_msg_subjectf(msg, "%s ",
			op == DP_ACTION_DONE   ? "action done"
			: op == DP_ACTION_UNDO ? "action reopened"
					       : "remove action");
	dp_msg_subject_title(msg, t && t->type == DP_SCALAR ? t->str : "");
	if (op == DP_ACTION_REMOVE) {
		dp_buf_addf(&field, "actions[%zu]", idx);
		ret = dp_doc_remove(doc, field.ptr);
		goto out;
	}
	if (action_is_done(list->items[idx]) == (op == DP_ACTION_DONE))
		goto out; /* already so: nothing to change */
	dp_buf_addf(&field, "actions[%zu].done", idx);
	ret = dp_record_set_field(doc, DP_KIND_GOAL, field.ptr,
				  op == DP_ACTION_DONE ? "true" : "false");
out:
	dp_buf_release(&field);
	return ret;
}

size_t dp_goal_action_count(const struct dp_doc *doc)
{
	const struct dp_node *list = dp_doc_lookup(doc, "actions");

	return list && list->type == DP_SEQ ? list->n : 0;
}

void dp_goal_action_get(const struct dp_doc *doc, size_t i,
			struct dp_goal_action *out)
{
	const struct dp_node *it = dp_doc_lookup(doc, "actions")->items[i];
	const struct dp_node *d = dp_node_get(it, "done");
	const struct dp_node *dd = dp_node_get(it, "due");
	const struct dp_node *ti = dp_node_get(it, "title");

	out->done = d && d->type == DP_SCALAR && !strcmp(d->str, "true");
	out->due = dd && dd->type == DP_SCALAR && *dd->str ? dd->str : NULL;
	out->title = ti && ti->type == DP_SCALAR ? ti->str : "";
}
