/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_DRAFT_H
#define DEVPLAN_DRAFT_H

#include "devplan/buf.h"
#include "devplan/kind.h"
#include "devplan/plan.h"

/*
 * Drafts: a record being edited in the user's editor, kept in a folder of
 * its own under .git/devplan/drafts/ (never in the work tree, so git
 * status stays clean) with the record's path and the text the edit
 * started from. A draft that was rejected stays, and `devplan edit
 * --continue` takes it up again; a new record's draft (new-goal --edit)
 * has no starting text and becomes a new record when committed.
 */
struct dp_draft {
	struct dp_ref ref;
	struct dp_buf dir;  /* the draft's folder, absolute */
	struct dp_buf file; /* the file the editor opens */
	struct dp_buf orig; /* the text it started from */
	int is_new;         /* a record that does not exist yet */
};

void dp_draft_init(struct dp_draft *d);
void dp_draft_release(struct dp_draft *d);

/* A new draft of `ref` holding `text`; `orig` NULL for a new record. */
int dp_draft_create(struct dp_draft *out, struct dp_plan *plan,
		    const struct dp_ref *ref, const struct dp_buf *text,
		    const struct dp_buf *orig);
/*
 * The kept draft of `ref` (NULL: the only draft there is). DP_ENOTFOUND
 * when there is none; DP_EAMBIGUOUS listing them when there are several.
 */
int dp_draft_find(struct dp_draft *out, struct dp_plan *plan,
		  const struct dp_ref *ref);
/* The draft's current text into `out` (reset first). */
int dp_draft_read(struct dp_buf *out, const struct dp_draft *d);
/* Deletes the draft's files. */
void dp_draft_remove(struct dp_draft *d);

/*
 * Parses and validates `text` as the draft's record, findings into `f`.
 * 0 when it may be committed.
 */
int dp_draft_check(struct dp_plan *plan, const struct dp_draft *d,
		   const struct dp_buf *text, struct dp_findings *f);
/*
 * Commits `text` as the record: an edit (refused when the record changed
 * since the draft began) or, for a new record, a creation with `msg`
 * (NULL: "<kind>(<person>): add ..."). Findings into `f`.
 */
int dp_draft_commit(struct dp_plan *plan, const struct dp_draft *d,
		    const struct dp_buf *text, struct dp_msg *msg,
		    enum dp_right right, struct dp_findings *f);

#endif
