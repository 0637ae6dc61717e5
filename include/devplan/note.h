/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_NOTE_H
#define DEVPLAN_NOTE_H

#include "devplan/buf.h"
#include "devplan/kind.h"
#include "devplan/plan.h"
#include "devplan/util.h"

/*
 * Notes: a person's own notes. A private one lives in the work tree under
 * .devplan/private/<person>/<date>-<slug>.md, which git ignores: it is
 * never staged, committed, rendered, exported or pushed. Sharing it moves
 * it into the plan as people/<person>/notes/<date>-<slug>.md (a note
 * record) in one commit. A person's notes are theirs (admins' too).
 */

/*
 * Writes a note of `person` holding `text`, dated `today`: private (under
 * .devplan/private/, no commit) or shared (one commit). The note's name,
 * "<date>-<slug of its first line>", is written into `name_out`, and its
 * path into `path_out`. Returns 0 or an error (with its message);
 * validation findings go to `findings`.
 */
int dp_note_add(struct dp_buf *name_out, struct dp_buf *path_out,
		struct dp_plan *plan, const char *person, const char *text,
		const char *today, int private_note,
		struct dp_findings *findings);

/*
 * The private notes of `person` (NULL: everyone's in this work tree),
 * as "person/name", sorted.
 */
int dp_note_list_private(struct dp_strlist *out, struct dp_plan *plan,
			 const char *person);

/*
 * Shares the private note `which` names ("person/name", or a name of
 * the acting person's, or the unique start of one) dated `today`: one
 * commit adds it to the plan, then the private file is deleted. The
 * record's path goes into `path_out`.
 */
int dp_note_share(struct dp_buf *path_out, struct dp_plan *plan,
		  const char *which, const char *today,
		  struct dp_findings *findings);

#endif
