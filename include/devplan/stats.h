/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STATS_H
#define DEVPLAN_STATS_H

#include <stddef.h>

#include "devplan/date.h"
#include "devplan/history.h"
#include "devplan/json.h"
#include "devplan/plan.h"

/*
 * How the development programme is doing, for the talent team: figures
 * over everyone (or one team), never about anyone. Nothing here names a
 * person, ranks people or keeps a figure per person: one walk over the
 * records (dp_plan_walk) holds the current person only, and what is kept
 * is counts per team, quarter, month and competency level.
 *
 *   people      profiles (of the team)
 *   active      people with an active plan: at least one goal `active`
 *   stale       of those, people whose folder no commit changed in the
 *               DP_STATS_STALE_DAYS before today (read from the history:
 *               their folder's tree at HEAD against the one as of then)
 *   proposals   goals `proposed`, waiting for their owner
 *   quarters    goals done per quarter: commits (merges aside) that made
 *               a goal `done`, by the author date, in the last
 *               DP_STATS_QUARTERS quarters up to today's
 *   months      learning hours per month: journal entries by their date,
 *               in the last DP_STATS_MONTHS months up to today's
 *   levels      for every level of a competency a role requires: demand
 *               (people whose target role needs that level: the highest
 *               their targets need; targets as `devplan gap` finds them,
 *               the career map's `up` roles, else the current role's
 *               `next`) against supply (people self-assessed at or
 *               above it)
 */

#define DP_STATS_SCHEMA 1      /* the JSON's "schema": bumped on change */
#define DP_STATS_STALE_DAYS 90 /* a plan no commit changed for this long */
#define DP_STATS_QUARTERS 4
#define DP_STATS_MONTHS 12
/* Teams smaller than this are not shown apart (their figures would
 * be about one or two people); they are summed in one row. */
#define DP_STATS_MIN_TEAM 3

struct dp_stats_team {
	char *name; /* owned; "" for people without a team, NULL for the
		     * teams too small to show apart, summed */
	size_t people, active, stale, proposals;
};

struct dp_stats_quarter {
	char label[16]; /* "2026-Q4" */
	size_t done;
};

struct dp_stats_month {
	char label[16]; /* "2026-11" */
	long tenths;    /* hours, in tenths */
	size_t entries;
};

struct dp_stats_level {
	char competency[DP_ID_MAX + 1];
	long level;
	size_t demand, supply;
};

struct dp_stats {
	char today[11];
	char *team; /* owned: the team asked for, or NULL for everyone */
	size_t people, active, proposals;
	size_t stale;
	int history; /* 1 when the history was read (stale, quarters) */
	struct dp_stats_quarter quarters[DP_STATS_QUARTERS]; /* oldest first */
	struct dp_stats_month months[DP_STATS_MONTHS];       /* oldest first */
	/*
	 * By name, "" then NULL last. Teams under DP_STATS_MIN_TEAM people
	 * are summed into one row named NULL, left out when that is under
	 * DP_STATS_MIN_TEAM people too. Empty when a team was asked for, or
	 * when one row would only repeat the totals.
	 */
	struct dp_stats_team *teams;
	size_t nteams;
	/* By competency id, then level. */
	struct dp_stats_level *levels;
	size_t nlevels;
};

enum {
	DP_STATS_NO_HISTORY = 1 << 0, /* leave out what needs the history */
};

/*
 * Computes the figures of `team` (NULL: everyone) as of `today`. A team
 * nobody is in is DP_ENOTFOUND; one under DP_STATS_MIN_TEAM people is
 * DP_EDENIED (its figures would be about individuals). Release with
 * dp_stats_release (also after a failure).
 */
int dp_stats_collect(struct dp_stats *out, struct dp_plan *plan,
		     const char *team, const struct dp_date *today,
		     unsigned flags);
void dp_stats_release(struct dp_stats *s);

/*
 * The same figures fed by another walk over the records (the site's),
 * with each person's part kept as text so that a later run can add it
 * back instead of reading their records again. Everyone, no team.
 *
 *   dp_stats_feed_new     reads the history (unless DP_STATS_NO_HISTORY)
 *   dp_stats_feed_resume  starts from a state dp_stats_feed_state gave
 *                         (1, and no feed, when it is not one)
 *   dp_stats_feed_commit  a commit since that state, on top of it (no
 *                         merge: the caller makes sure), with the goals
 *                         it changed (others may be left out); 1 when it
 *                         cannot be added (dated into the stale window
 *                         or before the quarters): start anew then
 *   dp_stats_feed_record  every record of the walk (in its order: roles,
 *                         then each person's profile first)
 *   dp_stats_feed_person  after `person`'s records: adds them to the
 *                         figures and appends their part (one line, no
 *                         newline) to `part`; 1, or 0 when the feed has
 *                         no such current person (nothing to keep)
 *   dp_stats_feed_part    adds a part kept before (DP_EINVALID if not one)
 *   dp_stats_feed_state   what a resume needs (one line); -1 when a
 *                         person was counted whose part nobody kept
 *   dp_stats_feed_finish  the figures are complete in `stats`
 * Free the feed with dp_stats_feed_free, and `stats` with
 * dp_stats_release.
 */
struct dp_stats_feed;
int dp_stats_feed_new(struct dp_stats_feed **out, struct dp_stats *stats,
		      struct dp_plan *plan, const struct dp_date *today,
		      unsigned flags);
int dp_stats_feed_resume(struct dp_stats_feed **out, struct dp_stats *stats,
			 struct dp_plan *plan, const struct dp_date *today,
			 unsigned flags, const char *state);
int dp_stats_feed_commit(struct dp_stats_feed *f,
			 const struct dp_history_commit *cm,
			 const struct dp_history_file *files, size_t n);
int dp_stats_feed_record(struct dp_stats_feed *f, const struct dp_ref *ref,
			 const struct dp_doc *doc);
int dp_stats_feed_person(struct dp_stats_feed *f, const char *person,
			 struct dp_buf *part);
int dp_stats_feed_part(struct dp_stats_feed *f, const char *part);
int dp_stats_feed_state(const struct dp_stats_feed *f, struct dp_buf *out);
int dp_stats_feed_finish(struct dp_stats_feed *f);
void dp_stats_feed_free(struct dp_stats_feed *f);

/*
 * The figures as JSON (devplan-stats(1) documents the keys; "schema" is
 * DP_STATS_SCHEMA). The caller frees it with dp_json_free.
 */
struct dp_json *dp_stats_json(const struct dp_stats *s);

/* count / total, rounded to three decimals; 0 when total is 0. */
double dp_stats_share(size_t count, size_t total);

#endif
