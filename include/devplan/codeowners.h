/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CODEOWNERS_H
#define DEVPLAN_CODEOWNERS_H

#include "devplan/buf.h"
#include "devplan/util.h"

struct dp_plan;

#define DP_CODEOWNERS_PATH "CODEOWNERS"

/*
 * The CODEOWNERS text (GitHub and GitLab syntax) from the profiles: one
 * line per person with a `handle`, "/people/<p>/ @p-handle
 * @manager-handle", in person order, after a header saying it is
 * generated. People without a handle are appended to `missing` (may be
 * NULL) and left out; a manager without one is left off the line.
 */
int dp_codeowners_text(struct dp_buf *out, struct dp_strlist *missing,
		       struct dp_plan *plan);

/*
 * Writes CODEOWNERS at the top of the work tree in one commit as the
 * acting person (the admins' when devplan.yaml names any). *changed is 0
 * (nothing committed) when it already says the same.
 */
int dp_codeowners_write(struct dp_plan *plan, struct dp_strlist *missing,
			int *changed, char *out_oid);

#endif
