/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_GOAL_H
#define DEVPLAN_GOAL_H

#include "devplan/buf.h"
#include "devplan/draft.h"
#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/plan.h"
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

/*
 * A new goal on its way (devplan new-goal): checked and built, perhaps
 * edited by its author in a draft, then committed under a name chosen
 * under the lock so that two new goals never clash (goal-create.c).
 *   dp_goal_create_init(&c);
 *   dp_goal_create_start(&c, plan, &opts, words, n);
 *   [dp_goal_create_draft(&c, plan); editor on c.draft.file;
 *    dp_goal_create_edited(&c);]
 *   dp_goal_create_commit(&c, plan, &findings);
 *   dp_goal_create_release(&c);
 */
struct dp_goal_create {
	struct dp_goal_new g; /* as asked; g.title cleaned, g.owner set */
	const char *me;       /* the acting person (owned by the plan) */
	struct dp_buf title, base, slug; /* title, the slug it gives, final */
	const char *final_title;         /* the title, or as edited */
	struct dp_ref ref;               /* where the goal is (final after
					    commit) */
	struct dp_doc doc;
	struct dp_draft draft; /* when edited first */
	char today[11];
};
void dp_goal_create_init(struct dp_goal_create *c);
void dp_goal_create_release(struct dp_goal_create *c);
/*
 * The words of the title joined by spaces and cleaned; `opts` gives the
 * fields (owner NULL: the acting person; another owner makes it a
 * proposal). Checks the owner, that the title can name a file and the
 * acting person's right, then fills the goal from its template.
 */
int dp_goal_create_start(struct dp_goal_create *c, struct dp_plan *plan,
			 const struct dp_goal_new *opts, char **words,
			 size_t n);
/* Writes the goal into a draft (c->draft.file) for the editor. */
int dp_goal_create_draft(struct dp_goal_create *c, struct dp_plan *plan);
/*
 * Takes the draft back: refused when empty (the draft removed) or when
 * it does not parse (the draft kept for 'devplan edit --continue'); a
 * proposal must stay one; the title may have changed, and the slug.
 */
int dp_goal_create_edited(struct dp_goal_create *c);
/*
 * Chooses the slug under the lock and commits the goal (findings into
 * `f`); a draft is removed once committed. c->ref and c->slug say where.
 */
int dp_goal_create_commit(struct dp_goal_create *c, struct dp_plan *plan,
			  struct dp_findings *f);

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

/* One entry of a goal's "actions", pointing into the doc it was read from. */
struct dp_goal_action {
	int done;          /* done: true */
	const char *due;   /* NULL when none */
	const char *title; /* "" when none */
};

/* How many entries the goal's "actions" list has (0 when it has none). */
size_t dp_goal_action_count(const struct dp_doc *doc);

/* Entry `i` (below dp_goal_action_count) of the goal's "actions". */
void dp_goal_action_get(const struct dp_doc *doc, size_t i,
			struct dp_goal_action *out);

#endif
