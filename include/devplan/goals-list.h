/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_GOALS_LIST_H
#define DEVPLAN_GOALS_LIST_H

#include "devplan/buf.h"
#include "devplan/date.h"
#include "devplan/json.h"
#include "devplan/kind.h"
#include "devplan/plan.h"
#include "devplan/util.h"

/*
 * Listing goals (devplan goals, and anything else that wants the same
 * rows): the goals of one person or of everyone, filtered by status, in
 * the order person, due date (goals without one last), slug. Streamed
 * over the plan's record walk: only the goals of the person being read
 * are held at a time, whatever the size of the organisation.
 */

/* One goal, as listed. Every string is owned by the list (valid during
 * the callback only). */
struct dp_goal_row {
	const char *person, *slug, *path;
	const char *title, *status, *type; /* NULL when absent */
	const char *due; /* as written; NULL when absent or empty */
	int has_due;     /* due parses as a date: due_date */
	struct dp_date due_date;
	long progress; /* 0..100, -1 when absent or not such an integer */
	int overdue;   /* due before today and neither done nor dropped */
	size_t actions_done, actions_total;
	struct dp_strlist competencies;
};

struct dp_goal_query {
	const char *person; /* only this person's goals; NULL: everyone's */
	/*
	 * Only goals with this status; NULL: every goal but the finished
	 * ones (done, dropped), or every goal when all_status is set.
	 */
	const char *status;
	int all_status;
	struct dp_date today; /* what is overdue */
	/* Each goal, in order; returning < 0 stops with that code. */
	int (*row)(const struct dp_goal_row *row, void *data);
	/* A goal that could not be read or parsed (`message` says why). */
	void (*bad)(const struct dp_ref *ref, const char *message, void *data);
	void *data;
};

/*
 * Calls q->row for every goal q selects, in order. Returns 0, a code
 * from q->row, or an error (dp_error_last()). A person asked for must
 * exist (the caller checks it with dp_plan_person_check).
 */
int dp_goals_list(struct dp_plan *plan, const struct dp_goal_query *q);

/* 1 if `status` is a goal status (dp_goal_statuses). */
int dp_goal_status_known(const char *status);
/* Appends the goal statuses as "proposed, draft, ...". */
void dp_goal_statuses_join(struct dp_buf *out);

/*
 * The row as a JSON object (person, slug, path, title, status, type,
 * progress, due, overdue, actions_done, actions_total, competencies);
 * absent values are null. The caller frees it (dp_json_free).
 */
struct dp_json *dp_goal_row_json(const struct dp_goal_row *row);

#endif
