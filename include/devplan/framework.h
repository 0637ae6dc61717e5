/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_FRAMEWORK_H
#define DEVPLAN_FRAMEWORK_H

#include "devplan/plan.h"
#include "devplan/util.h"

/*
 * Growing the framework: a new role profile (framework/roles/<id>.md)
 * and a new competency in the catalog (framework/competencies.yaml).
 * The core checks what is asked, builds the record and commits it; a
 * command passes on its options as they were given.
 */

/* A new role. NULL and empty lists are left as the template has them. */
struct dp_role_new {
	const char *id;
	const char *title; /* required */
	const char *track, *level;
	const struct dp_strlist *requires; /* "<competency>=<level 1-10>" */
	const struct dp_strlist *next;     /* role ids */
};

/*
 * Checks `r` (a valid id, each requirement well formed and named once),
 * builds the role from its template and commits it (dp_plan_create,
 * with the organisation's create right and validation: findings go to
 * `findings`). Fills `out` with where the role is. DP_EUSAGE when a
 * requirement is not <competency>=<level>; DP_EEXISTS when the role
 * exists; else as dp_plan_create.
 */
int dp_role_create(struct dp_ref *out, struct dp_plan *plan,
		   const struct dp_role_new *r, struct dp_findings *findings);

/* A new competency of the catalog. */
struct dp_competency_new {
	const char *id;
	const char *name, *category;     /* required */
	const char *description;         /* may be NULL */
	const struct dp_strlist *levels; /* "<n 1-10>=<text>", may be NULL */
};

/*
 * Checks `c` (a valid id, each level well formed and given once) and
 * appends it to the catalog through the plan's edit transaction, `e`
 * being filled and run (e->findings must be initialised; the caller
 * reports and releases them). DP_EUSAGE when a level has no '=';
 * DP_EEXISTS when the catalog has the id already.
 */
int dp_competency_create(struct dp_edit *e, struct dp_plan *plan,
			 const struct dp_competency_new *c);

/*
 * The ids of the catalog's competencies (the "id" of each entry of
 * framework/competencies.yaml), appended to `out` in the catalog's order.
 * Returns 0 or the error of loading the catalog.
 */
int dp_competency_ids(struct dp_strlist *out, struct dp_plan *plan);

/*
 * The ids of the role profiles (framework/roles/<id>.md), appended to
 * `out` in the store's order. Returns 0 or the store's error (then `out`
 * is left as it was).
 */
int dp_role_ids(struct dp_strlist *out, struct dp_plan *plan);

#endif
