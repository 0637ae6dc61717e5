/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_GOAL_H
#define DEVPLAN_GOAL_H

#include "devplan/buf.h"
#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/util.h"

/*
 * What can happen to a goal. Each operation edits the parsed goal in
 * place (splicing only the bytes it changes) and writes the commit
 * subject (and body) into `msg`; when the goal's state does not allow it
 * (progress on a done goal, done on a proposal, done with open actions)
 * it returns DP_EINVALID with a message saying what to do, and the doc
 * is as it was. No I/O: the plan's edit transaction loads and commits.
 */

/*
 * A title as it is stored: surrounding white space trimmed, every run of
 * white space or control characters (a newline, a tab) folded into one
 * space. DP_EINVALID "<what>: the text is empty" when nothing is left.
 */
int dp_title_clean(struct dp_buf *out, const char *title, const char *what);

/* What a new goal says; NULL fields are left as the template has them. */
struct dp_goal_new {
	const char *title; /* cleaned */
	const char *owner;
	const char *proposer; /* not NULL: a proposal by this person */
	const char *type, *due, *success;
	const struct dp_strlist *competencies;
	const struct dp_strlist *actions;
};
/* Fills a parsed goal template; `today` is YYYY-MM-DD. */
int dp_goal_fill(struct dp_doc *doc, const struct dp_goal_new *g,
		 const char *today);
/* goal(alice): add "Title" / goal(alice): propose "Title" + trailers. */
void dp_goal_new_message(struct dp_msg *msg, const struct dp_ref *ref,
			 const struct dp_goal_new *g, const char *title);

int dp_goal_progress(struct dp_doc *doc, struct dp_msg *msg,
		     const struct dp_ref *ref, long pct, const char *note);
/* `force`: done even with open actions. */
int dp_goal_done(struct dp_doc *doc, struct dp_msg *msg,
		 const struct dp_ref *ref, int force, const char *note);
int dp_goal_accept(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref);
int dp_goal_decline(struct dp_doc *doc, struct dp_msg *msg,
		    const struct dp_ref *ref, const char *reason);

int dp_goal_action_add(struct dp_doc *doc, struct dp_msg *msg,
		       const struct dp_ref *ref, const char *title,
		       const char *due, const char *resource);

enum dp_action_op { DP_ACTION_DONE, DP_ACTION_UNDO, DP_ACTION_REMOVE };
/*
 * Ticks, unticks or removes the action `which` names: its number (from
 * 1, as `devplan show` prints them) or the start of its title, matched
 * without regard to case; for done, an open action is preferred over a
 * done one of the same name (and the reverse for undo).
 */
int dp_goal_action_edit(struct dp_doc *doc, struct dp_msg *msg,
			const struct dp_ref *ref, enum dp_action_op op,
			const char *which);

#endif
