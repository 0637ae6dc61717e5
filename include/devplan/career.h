/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CAREER_H
#define DEVPLAN_CAREER_H

#include "devplan/buf.h"
#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/plan.h"
#include "devplan/record.h"

/*
 * The career map (people/<p>/career-map.md): what can happen to it
 * (the SWOT is devplan/swot.h). Each operation edits the parsed record in place and
 * writes the commit subject; no I/O.
 */

/* A direction to add: up, lateral or explore; a role id or an idea. */
struct dp_direction_new {
	const char *type;   /* "up", "lateral", "explore" */
	const char *target; /* a role id of the framework, or free text */
	const char *horizon, *why; /* may be NULL */
};

/*
 * Appends a direction dated `today`, with a new item id. `target` is a
 * role when it is a role id `refs` knows, else an idea (cleaned like a
 * title). The same role or idea twice in one direction is refused.
 * Subject: career-map(alice): add up "Senior Engineer".
 */
int dp_career_add(struct dp_doc *doc, struct dp_msg *msg,
		  const struct dp_ref *ref, const struct dp_direction_new *d,
		  const char *today, const struct dp_refs *refs);

/*
 * Appends the title of `role` to `out` ("" when the role has none or
 * does not exist; 0 then, with nothing appended).
 */
int dp_role_title(struct dp_buf *out, struct dp_plan *plan, const char *role);

/* A direction to add through the plan's edit transaction. */
struct dp_career_change {
	struct dp_direction_new d;
	char today[11]; /* YYYY-MM-DD */
};
/* An edit callback (struct dp_edit): dp_career_add of the change `data`. */
int dp_career_edit_add(struct dp_plan *plan, const struct dp_ref *ref,
		       struct dp_doc *doc, struct dp_msg *msg, void *data);

/* A direction as written; NULL for what is absent or empty. */
struct dp_direction {
	const char *type, *role, *idea, *horizon, *why;
};

/*
 * What showing a career map needs. Strings are owned by the docs.
 */
struct dp_career_view {
	struct dp_doc map, profile;
	const char *name; /* the profile's name, else the person's id */
	const char *role; /* the map's role, else the profile's; NULL */
	const char *aspirations, *buddy;
	struct dp_direction *directions; /* in the order written */
	size_t n_directions;
	int barriers; /* 1 when either list of barriers has an entry */
	struct dp_strlist internal, external; /* the barriers' texts */
};

/*
 * Reads the career map of `person` (and the profile, which must exist)
 * into `out`; release with dp_career_view_release. Returns 0, 1 when the
 * person has no career map yet, or an error.
 */
int dp_career_view_load(struct dp_career_view *out, struct dp_plan *plan,
			const char *person);
void dp_career_view_release(struct dp_career_view *v);

#endif
