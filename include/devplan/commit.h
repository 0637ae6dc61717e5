/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_COMMIT_H
#define DEVPLAN_COMMIT_H

#include <stddef.h>

#include "devplan/store-ident.h"

struct dp_store;

/* What a change expects to find in the work tree before it is written. */
enum dp_base {
	DP_BASE_ANY = 0, /* no check */
	DP_BASE_ABSENT,  /* no file at the path */
	DP_BASE_TEXT,    /* exactly base_text (base_len bytes) */
};

/*
 * One file a commit writes (content != NULL) or deletes (content == NULL),
 * and the base the edit was made from. Zero-initialised fields after
 * `len` mean "no check".
 */
struct dp_change {
	const char *path;
	const char *content;
	size_t len;
	enum dp_base base;
	const char *base_text;
	size_t base_len;
};

/*
 * Makes one commit on HEAD whose tree is HEAD's tree with exactly these
 * files changed, writes them to the work tree and updates the index for
 * these paths only (other staged or unstaged work is left as it was), the
 * way `git commit` does:
 *   - refuses while a merge, rebase, cherry-pick, revert or bisect is in
 *     progress (DP_EIO, saying how to finish or abort it);
 *   - takes .git/index.lock first (waiting with backoff, ~10 s, then
 *     DP_ELOCKED naming it), then reads the index and HEAD;
 *   - checks each change's base against the work tree (DP_EDIRTY "'path'
 *     changed since it was read; nothing was changed");
 *   - makes the blobs from `content` in memory, the tree from HEAD's tree
 *     plus the changes, the commit, and the new index (entries with the
 *     stat data of the files as written) in a temporary file; writes the
 *     files (temporary file, fsync, rename); renames the new index over
 *     .git/index; moves the branch by compare-and-swap (rebuilding on a
 *     HEAD that moved); only then drops index.lock. The index goes in
 *     before HEAD moves because git reads HEAD and then the index without
 *     the lock: a new HEAD seen with the old index would let a concurrent
 *     `git commit -a` drop what devplan committed. The new index carries
 *     a fully valid cache tree (git's TREE extension): otherwise a `git
 *     commit` that read the index before devplan's commit rewrites it
 *     once it gets the lock, putting back an index without these files.
 * A failure before the branch moves leaves files, index and HEAD as they
 * were; a full disk says "No space left on device".
 *
 * `message` is the whole commit message (subject, blank line, body,
 * trailers). `committer` NULL: git's identity from GIT_COMMITTER_NAME/
 * EMAIL, else user.name/user.email (DP_ENOIDENT when missing). `author`
 * NULL: git's author identity (GIT_AUTHOR_NAME/EMAIL, else the same
 * config), as git commit; `committer` when that cannot be told. Dates come from
 * GIT_AUTHOR_DATE and GIT_COMMITTER_DATE when set, like git. Works on an
 * unborn branch. `out_oid` (may be NULL) receives the new commit id in
 * hex (41 bytes).
 */
int dp_store_commit(struct dp_store *st, const struct dp_change *changes,
		    size_t n, const char *message,
		    const struct dp_ident *author,
		    const struct dp_ident *committer, char *out_oid);

/*
 * A commit on HEAD with HEAD's tree (no file changes: an approval), its
 * signatures made like dp_store_commit's (GIT_AUTHOR_DATE and
 * GIT_COMMITTER_DATE honoured). `committer` must be given; `author` NULL
 * takes the committer. The caller holds the plan's lock.
 */
int dp_store_commit_empty(struct dp_store *st, const char *message,
			  const struct dp_ident *author,
			  const struct dp_ident *committer, char *out_oid);

#endif
