/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_PERSON_H
#define DEVPLAN_PERSON_H

#include "devplan/plan.h"

/*
 * People's profiles (people/<id>/profile.md): a new person, checked,
 * built and committed by the core; a command passes on its options as
 * they were given.
 */

/* A new person. NULL fields are left as the template has them. */
struct dp_person_new {
	const char *id;
	const char *name, *email; /* required */
	const char *role, *manager, *mentor, *team;
};

/*
 * Checks `p` (a valid id, no such person yet), builds the profile from
 * its template and commits it (dp_plan_create, with the create right and
 * validation: findings go to `findings`). Fills `out` with where the
 * profile is. DP_EINVALID for a bad id; DP_EEXISTS when the person
 * exists; else as dp_plan_create.
 */
int dp_person_create(struct dp_ref *out, struct dp_plan *plan,
		     const struct dp_person_new *p,
		     struct dp_findings *findings);

/*
 * The manager of `person` from their profile's "manager" field, as a new
 * string to free, or NULL when the profile cannot be read or names none.
 */
char *dp_person_manager(struct dp_plan *plan, const char *person);

#endif
