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

#endif
