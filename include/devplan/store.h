/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_H
#define DEVPLAN_STORE_H

#include <stddef.h>

#include "devplan/buf.h"
#include "devplan/util.h"

/*
 * The plan repository. The store family (store, commit, ident, cache,
 * history) are the only modules that include <git2.h>; work-tree files go
 * through fs (devplan/fs.h), locks through lock (devplan/lock.h).
 *
 * Paths given to and returned by the store are relative to the top of the
 * work tree, with '/' separators ("people/alice/goals/learn-rust.md"). The
 * store refuses paths that are absolute, contain "." or ".." components,
 * empty components or backslashes, and never follows a symbolic link: a
 * record that is a link, or sits below one, is refused (DP_EINVALID).
 *
 * A mutating command runs:
 *   dp_store_lock        take .git/devplan.lock (waits up to ~10 s)
 *   dp_store_check_clean refuse records with uncommitted edits
 *   ... read, edit, validate ...
 *   dp_store_commit      write files atomically, commit, update the index
 *   dp_store_unlock
 * so that several devplan processes at once serialise and lose nothing.
 */
struct dp_store;

/*
 * Finds the repository like git: from `start_dir` (NULL: the current
 * directory) upward. DP_ENOREPO when there is none or it is bare.
 * The caller frees the store with dp_store_free.
 */
int dp_store_open(struct dp_store **out, const char *start_dir);
/*
 * dp_store_open with flags: DP_STORE_OPEN_BARE also opens a bare
 * repository, for reading history (dp_store_read_head, dp_store_log_path,
 * config, cache); then dp_store_workdir is NULL, work-tree reads,
 * dp_store_check_clean and dp_store_commit fail with DP_ENOREPO, and
 * dp_store_exists / dp_store_isdir say 0.
 */
#define DP_STORE_OPEN_BARE 1u
int dp_store_open_ext(struct dp_store **out, const char *start_dir,
		      unsigned flags);
/* Creates a repository (git init) at `dir` when there is none, and opens it. */
int dp_store_init(struct dp_store **out, const char *dir);
void dp_store_free(struct dp_store *st);

/*
 * Absolute path of the work tree, ending in '/' (NULL for a bare store).
 * Owned by the store.
 */
const char *dp_store_workdir(const struct dp_store *st);
/* Absolute path of the git directory, ending in '/'. Owned by the store. */
const char *dp_store_gitdir(const struct dp_store *st);
/*
 * The current directory relative to the work tree top ("" at the top,
 * "people/alice/" below it), for resolving paths the user typed.
 */
const char *dp_store_prefix(const struct dp_store *st);

/* 0 when `path` is acceptable to the store, else DP_EINVALID with a message. */
int dp_store_path_check(const char *path);

/*
 * Reads a work-tree file into `out` (appended). DP_ENOTFOUND when missing,
 * DP_ETOOBIG over `max` bytes, DP_EINVALID for links or bad paths.
 */
int dp_store_read(struct dp_buf *out, struct dp_store *st, const char *path,
		  size_t max);
/* 1 if a regular file exists at `path` in the work tree, else 0. */
int dp_store_exists(struct dp_store *st, const char *path);
/* 1 if a directory exists at `path` in the work tree, else 0. */
int dp_store_isdir(struct dp_store *st, const char *path);
/*
 * Writes (atomically, no link followed) or deletes a file under
 * DP_STORE_PRIVATE, the git-ignored folder of private notes: nothing is
 * staged or committed. DP_EINVALID for a path outside it.
 */
#define DP_STORE_PRIVATE ".devplan/private/"
int dp_store_write_private(struct dp_store *st, const char *path,
			   const char *data, size_t len);
int dp_store_delete_private(struct dp_store *st, const char *path);

/*
 * Appends the names of the entries of work-tree directory `dir` to `out`,
 * sorted, without "." and ".." and hidden names. A missing directory is an
 * empty list.
 */
int dp_store_list(struct dp_strlist *out, struct dp_store *st, const char *dir);

/*
 * Reads `path` as committed in HEAD. DP_ENOTFOUND when HEAD or the path
 * does not exist.
 */
int dp_store_read_head(struct dp_buf *out, struct dp_store *st,
		       const char *path);

/* Serialise mutating commands (see above). DP_ELOCKED naming the lock. */
int dp_store_lock(struct dp_store *st);
void dp_store_unlock(struct dp_store *st);

/*
 * DP_EDIRTY when `path` differs between HEAD, the index and the work tree
 * (staged or unstaged edits, or untracked), naming the file and saying
 * to commit or stash the edits first. A path absent everywhere is clean.
 * An index left one commit behind by a crash between a commit and its
 * index update (HEAD and the work tree new, the index entry HEAD^'s) is
 * not an edit: the entry is refreshed from HEAD (under .git/index.lock)
 * and the path is clean.
 */
int dp_store_check_clean(struct dp_store *st, const char *path);

/*
 * What is in progress in the repository, like git's guards: returns 1 with
 * `*what` = "a merge", "a rebase", "a cherry-pick", "a revert" or "a
 * bisect" (static text) when MERGE_HEAD, rebase-merge/, rebase-apply/,
 * CHERRY_PICK_HEAD, REVERT_HEAD or BISECT_LOG is there, else 0 with
 * `*what` = NULL. dp_store_commit refuses to commit while one is.
 */
int dp_store_state(struct dp_store *st, const char **what);
/* 1 when HEAD points at a commit rather than a branch, else 0. */
int dp_store_head_detached(struct dp_store *st);

/* The rest of the store's API, one header per module. */
#include "devplan/cache.h"
#include "devplan/commit.h"
#include "devplan/store-log.h"
#include "devplan/store-ident.h"

/*
 * The libgit2 repository (a git_repository *), for the store-family
 * modules (store-*.c, history.c) that live beside store.c. Nothing else
 * may use it: libgit2 stays behind the store's door.
 */
void *dp_store_git_repository(struct dp_store *st);

/*
 * Paths under `prefixes` (NULL-terminated list of folder or file paths,
 * "" for everything) whose work-tree content differs from HEAD:
 * modified, new (untracked or staged) or deleted, sorted. Ignored files
 * are left out.
 */
int dp_store_changed_paths(struct dp_strlist *out, struct dp_store *st,
			   const char *const *prefixes);

/* ---- history (store-history.c) ---- */

/*
 * The committer time of HEAD in seconds since the epoch and its offset
 * from UTC in minutes. DP_ENOTFOUND on an unborn branch.
 */
int dp_store_head_time(struct dp_store *st, long long *out, int *offset);

/*
 * Called by dp_store_history for each version of a file: its path, the
 * time and offset (minutes) of the commit that wrote it, and its text.
 * Returning < 0 stops the walk with that code.
 */
typedef int (*dp_history_fn)(const char *path, long long time, int offset,
			     const char *text, size_t len, void *data);
/*
 * Walks the history from HEAD, newest first (first parents only), over
 * at most `max_commits` commits (0: all), and for every file under
 * `prefix` ("people/") that a commit added or changed calls `fn` with
 * the new text. Deleted files are not reported; files over 1 MiB are
 * skipped. One diff of trees per commit: bound the work with
 * `max_commits`.
 */
int dp_store_history(struct dp_store *st, const char *prefix,
		     size_t max_commits, dp_history_fn fn, void *data);

/*
 * The id of folder `path` in HEAD's tree (40 hex digits into `hex`).
 * DP_ENOTFOUND when HEAD or the folder does not exist.
 */
int dp_store_head_subtree(struct dp_store *st, const char *path, char hex[41]);

/* A file of a tree that changed: its text, or NULL when deleted. */
typedef int (*dp_tree_change_fn)(const char *path, const char *text, size_t len,
				 void *data);
/*
 * Calls `fn` for every file whose path ends in `suffix` that differs
 * between trees `old_hex` (NULL or "": none, so every file) and
 * `new_hex`, with paths relative to those trees. Unchanged subtrees are
 * skipped by their ids, so the work follows what changed.
 */
int dp_store_tree_changes(struct dp_store *st, const char *old_hex,
			  const char *new_hex, const char *suffix,
			  dp_tree_change_fn fn, void *data);

#endif
