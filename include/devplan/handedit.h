/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_HANDEDIT_H
#define DEVPLAN_HANDEDIT_H

#include "devplan/plan.h"

/*
 * Records edited by hand, committed the devplan way (`devplan commit`):
 * each is parsed and validated like any devplan change and checked
 * against the acting person's rights; the commit message says what
 * changed, field by field, in the words review uses (delta.h), with the
 * record trailers. One commit for all of them; none when any is invalid.
 */
struct dp_handedit {
	size_t records;              /* out: records committed */
	struct dp_findings findings; /* out: validation findings */
	struct dp_buf summary;       /* out: one line a record, for the user */
	char commit[41];             /* out: the new commit */
};

/*
 * Commits the records `names` names (record names or paths, a deleted
 * record by its path), or with n == 0 every record that differs from
 * HEAD. DP_EINVALID when a record is invalid (findings say why),
 * DP_EDENIED when the acting person may not change one; 0 with
 * out->records == 0 when there is nothing to commit.
 */
int dp_handedit_commit(struct dp_plan *plan, struct dp_handedit *out,
		       char **names, size_t n);
void dp_handedit_release(struct dp_handedit *h);

#endif
