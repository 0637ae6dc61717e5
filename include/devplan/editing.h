/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_EDITING_H
#define DEVPLAN_EDITING_H

#include "devplan/buf.h"
#include "devplan/draft.h"
#include "devplan/plan.h"

/*
 * Editing a record in the user's editor (devplan edit, career-map edit):
 * the rules around a draft (draft.h) that do not need a terminal. The
 * command launches the editor and asks "edit again?"; the core decides
 * who may, what the editor starts from, what came back and what is kept.
 */

/*
 * A new draft of `ref` from its current text; with `create`, a record
 * not written yet (a career map, a SWOT) starts from its template. The
 * acting person's right and uncommitted edits are checked first, before
 * anyone spends time in the editor.
 */
int dp_editing_start(struct dp_draft *d, struct dp_plan *plan,
		     const struct dp_ref *ref, int create);

/*
 * The kept draft to continue: the one of the record `name` names (which
 * may be a new record's path, not in the tree yet), or with `name` NULL
 * the only one; the acting person's right is checked.
 */
int dp_editing_resume(struct dp_draft *d, struct dp_plan *plan,
		      const char *name);

/*
 * What came back from the editor: 1 when it is to be checked and
 * committed, 0 when nothing changed (the draft is removed), or
 * DP_EINVALID "aborted: empty file; nothing changed" (removed too).
 */
int dp_editing_changed(struct dp_draft *d, const struct dp_buf *text);

/* Sets the error for a draft left invalid: it is kept for --continue. */
void dp_editing_kept(const struct dp_draft *d);

/*
 * Commits `text` (dp_draft_commit with the right a new or an existing
 * record needs) and removes the draft; on failure the draft is kept and
 * the error says so. Findings into `f`.
 */
int dp_editing_commit(struct dp_plan *plan, struct dp_draft *d,
		      const struct dp_buf *text, struct dp_findings *f);

#endif
