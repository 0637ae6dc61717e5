/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_VIEWS_H
#define DEVPLAN_VIEWS_H

#include <stddef.h>

#include "devplan/date.h"
#include "devplan/kind.h"
#include "devplan/plan.h"
#include "devplan/skills.h"
#include "devplan/util.h"

/*
 * The manager's and the talent team's views of the whole repository:
 * what is due, a manager's team, the competency matrix and colleagues
 * who could help. Each reads every record once (dp_plan_walk). Nothing
 * here rates a person: levels are only the people's own assessments.
 */

/* A goal not updated for this many days is stale. */
#define DP_STALE_DAYS 90

/* ---- due ---- */

enum dp_due_what {
	DP_DUE_GOAL,   /* a goal's due date */
	DP_DUE_ACTION, /* an open action's due date */
	DP_DUE_STALE,  /* an active goal not updated for DP_STALE_DAYS */
};

/* One thing due. Strings are owned by the list. */
struct dp_due_item {
	enum dp_due_what what;
	char person[DP_ID_MAX + 1];
	char goal[DP_ID_MAX + 1]; /* the goal's slug */
	char *title;              /* the goal's title, or NULL */
	char *action;             /* DP_DUE_ACTION: the action's title */
	char date[11]; /* the due date; DP_DUE_STALE: the last update */
	long days;     /* days past `date` (negative: days to go) */
	int overdue;   /* due before today (never for DP_DUE_STALE) */
};

struct dp_due_list {
	struct dp_due_item *items;
	size_t n, alloc;
	size_t bad; /* goals that could not be read */
};

/*
 * Every goal (not done, dropped or proposed) and open action of `person`
 * (NULL: everyone) due before `today` + `within` days, and every active
 * goal whose `updated` (else `created`) date is DP_STALE_DAYS or more
 * before today. Sorted: overdue first (oldest first), then by date,
 * person and goal. Release with dp_due_release.
 */
int dp_due_collect(struct dp_due_list *out, struct dp_plan *plan,
		   const char *person, const struct dp_date *today,
		   long within);
void dp_due_release(struct dp_due_list *l);
/* The number of overdue items. */
size_t dp_due_overdue(const struct dp_due_list *l);

/* ---- team ---- */

/* One direct report of a manager. */
struct dp_team_row {
	char person[DP_ID_MAX + 1];
	char *name;            /* owned; NULL when the profile has none */
	size_t active;         /* goals with status active */
	long progress;         /* their average progress, -1 when none */
	size_t overdue;        /* open actions (and goals) past due */
	size_t proposals;      /* goals waiting for their acceptance */
	char last_update[11];  /* latest goal updated/created date, or "" */
	long reviews;          /* changes waiting for review, -1 unknown */
	char review_since[11]; /* the oldest of them (date), or "" */
};

struct dp_team {
	char manager[DP_ID_MAX + 1];
	struct dp_team_row *rows;
	size_t n, alloc;
};

/*
 * The direct reports of `manager` (profiles whose `manager` is them), by
 * id, with their goals summed up. Release with dp_team_release.
 */
int dp_team_collect(struct dp_team *out, struct dp_plan *plan,
		    const char *manager, const struct dp_date *today);
void dp_team_release(struct dp_team *t);

/*
 * The review module (review.c): the number of commits that changed
 * `person`'s records (comments aside) since `manager`'s last approval of
 * them (a Reviewed-by: naming the manager's email; none: all of history),
 * into *out, and the date of the oldest into `oldest` ("" when none).
 * Walks the history newest first and stops at that approval. Returns 1
 * with *out set, 0 when it cannot tell (*out -1), < 0 on an error.
 */
int dp_review_pending(struct dp_plan *plan, const char *manager,
		      const char *person, long *out, char oldest[11]);

/* ---- the competency matrix (KSA) ---- */

/*
 * Self-assessed levels, competency by person. levels[r * people.len + c]
 * is the level person c gives themself in competency r; 0: not assessed.
 */
struct dp_matrix {
	struct dp_strlist people;       /* ids, by id */
	struct dp_strlist names;        /* their names ("" when none) */
	struct dp_strlist managers;     /* their managers ("" when none) */
	struct dp_strlist strengths;    /* DP_MATRIX_STRENGTHS: SWOT text */
	struct dp_strlist competencies; /* the role's first, then by id */
	long *levels;
};

#define DP_MATRIX_STRENGTHS 0x1u /* also gather SWOT strengths */

/*
 * The matrix of the people in `team` (the profile's team; NULL: any)
 * and `role` (the profile's role; NULL: any). With a role, its required
 * competencies come first, each a row even when nobody assessed it.
 * DP_ENOTFOUND for a role that does not exist. Release with
 * dp_matrix_release.
 */
int dp_matrix_collect(struct dp_matrix *out, struct dp_plan *plan,
		      const char *team, const char *role, unsigned flags);
void dp_matrix_release(struct dp_matrix *m);
/* The level of person `col` in competency `comp`; 0 when not assessed. */
long dp_matrix_level(const struct dp_matrix *m, const char *comp, size_t col);

/* ---- match: colleagues strong where a person is weak ---- */

/* Why a colleague is suggested for one gap. */
struct dp_match_reason {
	char competency[DP_ID_MAX + 1];
	long level;     /* their own level, 0 when only a SWOT strength */
	long required;  /* what the target role needs */
	char *strength; /* owned: the SWOT strength that names it, or NULL */
};

struct dp_match {
	char person[DP_ID_MAX + 1];
	char *name;  /* owned, or NULL */
	int manager; /* in the person's manager chain: never first */
	long score;
	struct dp_match_reason *reasons;
	size_t n;
};

struct dp_matches {
	char person[DP_ID_MAX + 1];
	struct dp_gap_row *gaps; /* the largest, at most DP_MATCH_GAPS */
	size_t ngaps;
	struct dp_match *items; /* best first; the manager chain last */
	size_t n;
};

#define DP_MATCH_GAPS 5

/*
 * Colleagues whose self-assessed levels reach what the target roles of
 * `person` need where they fall short (or whose SWOT strengths name
 * those competencies), as career-buddy or mentor suggestions. Never the
 * person themself; their manager chain after everyone else. The targets
 * are dp_gap_targets's (DP_ENOTFOUND with its message when there are
 * none). Release with dp_matches_release.
 */
int dp_match_collect(struct dp_matches *out, struct dp_plan *plan,
		     const char *person);
void dp_matches_release(struct dp_matches *m);

#endif
