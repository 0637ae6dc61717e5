/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_HISTORY_H
#define DEVPLAN_HISTORY_H

#include "devplan/store.h"

/*
 * The repository's history (a libgit2 user beside the store): commits
 * that change no file, and reading commits back.
 */

/* HEAD's commit id in hex into `out` (41 bytes). DP_ENOTFOUND: unborn. */
int dp_history_head(struct dp_store *st, char *out);

/*
 * Makes a commit on HEAD with HEAD's tree (no file changes): an
 * approval. `author` and `committer` must both be given. The caller
 * holds the store's lock. `out_oid` (may be NULL) gets the new id.
 */
int dp_history_commit_empty(struct dp_store *st, const char *message,
			    const struct dp_ident *author,
			    const struct dp_ident *committer, char *out_oid);

#endif
