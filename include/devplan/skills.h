/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_SKILLS_H
#define DEVPLAN_SKILLS_H

#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/plan.h"
#include "devplan/record.h"
#include "devplan/util.h"

/*
 * Self-assessment (people/<p>/skills.md) and the skills gap to a role.
 * Levels are the person's own view of a competency, 1..10, with the level
 * they aim for; the history of assessments is git's. Nobody rates anyone.
 *
 *   competencies:
 *     rust:
 *       level: 3
 *       target: 5
 *       date: 2026-11-29
 */

/* One "competency=level[/target]" the user typed. */
struct dp_assessment {
	char competency[DP_ID_MAX + 1];
	long level;
	long target; /* 0: not given (an earlier target is kept) */
};

/*
 * Parses "rust=3" or "rust=3/5". DP_EINVALID with a message for a bad
 * id or a level outside 1..10.
 */
int dp_assessment_parse(struct dp_assessment *out, const char *arg);

/*
 * Records the assessments in a parsed skills.md, dated `today`: each
 * competency's level, target (when given) and date change in place, a
 * new one is added at the end. Competencies unknown to the catalog are
 * refused (when `refs` can tell). The subject reads
 * "skills(alice): assess rust 2 -> 3, go 4 (target 6)".
 */
int dp_skills_assess(struct dp_doc *doc, struct dp_msg *msg,
		     const struct dp_ref *ref, const struct dp_assessment *a,
		     size_t n, const char *today, const struct dp_refs *refs);

/* One competency a role requires, against the self-assessment. */
struct dp_gap_row {
	char competency[DP_ID_MAX + 1];
	long required;
	long level;  /* 0: not assessed (unknown, never zero) */
	long target; /* 0: none */
	long gap;    /* required - level when assessed, else 0 */
};

/* The gap to one role. */
struct dp_gap {
	char role[DP_ID_MAX + 1];
	char *title; /* the role's title, or NULL */
	struct dp_gap_row *rows;
	size_t n;
};

/*
 * The roles `person` looks at: `role` when not NULL; else the role ids of
 * the career map's `up` directions; else the `next` roles of their
 * current role (the career map's `role`, else the profile's). DP_ENOTFOUND
 * with a message saying what to do when there is none.
 */
int dp_gap_targets(struct dp_strlist *out, struct dp_plan *plan,
		   const char *person, const char *role);

/*
 * The gap of `person` to `role`: every competency the role requires,
 * largest gap first, then the unassessed ones (by required level), then
 * those already met. Release with dp_gap_release.
 */
int dp_gap_compute(struct dp_gap *out, struct dp_plan *plan, const char *person,
		   const char *role);
void dp_gap_release(struct dp_gap *g);

/*
 * The self-assessed level of `competency` in a parsed skills.md, or 0
 * when it is not assessed (or not a number 1..10).
 */
long dp_skills_level(const struct dp_doc *skills, const char *competency);

#endif
