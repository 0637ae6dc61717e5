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

/* One commit as dp_history_walk reports it; strings owned by the walk. */
struct dp_history_commit {
	char id[41];
	const char *author_name;
	const char *author_email;
	const char *committer_name;
	const char *committer_email;
	long long time; /* the author's date, seconds since the epoch */
	int offset;     /* its offset from UTC in minutes */
	const char *message;
	unsigned parents;
};

/* A file a commit changed: text NULL on the side where it is absent. */
struct dp_history_file {
	const char *path;
	const char *old_text;
	size_t old_len;
	const char *new_text;
	size_t new_len;
};

/*
 * Called for each commit dp_history_walk reports, with the files under
 * the prefix that it changed (`n` 0 for an empty commit). Returning < 0
 * stops the walk with that code, > 0 stops it with 0.
 */
typedef int (*dp_history_commit_fn)(const struct dp_history_commit *c,
				    const struct dp_history_file *files,
				    size_t n, void *data);

enum {
	DP_HISTORY_REVERSE = 1 << 0, /* oldest first (default newest first) */
	DP_HISTORY_EMPTY = 1 << 1,   /* also report commits changing nothing */
	/*
	 * A commit changing many files may be reported in several calls,
	 * each with a share of its files, so that their texts are never
	 * all held at once (a first commit of 110,000 records).
	 */
	DP_HISTORY_CHUNKS = 1 << 2,
};

/*
 * Walks the commits reachable from `tip` (NULL: HEAD) and not from
 * `since` (NULL: all of history) in topological, time order, and reports
 * each one that changed something under `prefix` (a folder ending in '/'
 * or one file; "" for everything): the prefix's tree entry differs from
 * its parent's (a merge: from every parent's; a root: it exists). A
 * changed one is diffed against its first parent for the prefix only.
 * Files over 1 MiB are reported with their text NULL on both sides.
 * An unborn HEAD reports nothing.
 */
int dp_history_walk(struct dp_store *st, const char *tip, const char *since,
		    const char *prefix, unsigned flags, dp_history_commit_fn fn,
		    void *data);
/*
 * dp_history_walk of HEAD's history for one person's records: with
 * DP_HISTORY_EMPTY, only the empty commits whose Devplan-Person trailer
 * names `person` (NULL: all) are reported.
 *
 * HEAD's history (`tip` NULL) is read through a cache under
 * .git/devplan/ of what each commit changed, kept up to date as HEAD
 * moves (commits on top are added; a reset, amend or rebase re-reads the
 * order and reuses what it knows of each commit). Then the walk costs a
 * scan of the cache and a diff of the commits reported, whatever the size
 * of the tree. A `since` outside HEAD's history, a shallow repository or
 * a cache that cannot be written fall back to walking git's objects.
 */
int dp_history_walk_person(struct dp_store *st, const char *since,
			   const char *prefix, const char *person,
			   unsigned flags, dp_history_commit_fn fn, void *data);

/*
 * Resolves a revision ("HEAD~2", an id, a branch) to a commit id (hex,
 * 41 bytes into `out`). DP_ENOTFOUND naming it when there is none.
 */
int dp_history_resolve(struct dp_store *st, const char *spec, char *out);

/*
 * Appends the text of `path` as committed in `rev` to `out`.
 * DP_ENOTFOUND when the commit has no such file.
 */
int dp_history_read(struct dp_buf *out, struct dp_store *st, const char *rev,
		    const char *path);

/*
 * A repository opened for reading its history only: bare or not (a
 * server's pre-receive hook), found from `dir` (NULL: the current folder,
 * or GIT_DIR) upward. DP_ENOREPO when there is none. Free with
 * dp_history_free (NULL is fine).
 */
struct dp_history;
int dp_history_open(struct dp_history **out, const char *dir);
void dp_history_free(struct dp_history *h);

/* dp_history_resolve, _read and _walk on such a repository. */
int dp_history_resolve_h(struct dp_history *h, const char *spec, char *out);
int dp_history_read_h(struct dp_buf *out, struct dp_history *h, const char *rev,
		      const char *path);
int dp_history_walk_h(struct dp_history *h, const char *tip, const char *since,
		      const char *prefix, unsigned flags,
		      dp_history_commit_fn fn, void *data);

/* Called with each file's path and text; < 0 stops with that code. */
typedef int (*dp_history_file_fn)(const char *path, const char *text,
				  size_t len, void *data);
/*
 * Calls `fn` for every file named `name` ("profile.md") at any depth
 * under folder `dir` ("people") in the tree of `rev`. A missing folder
 * calls nothing. Files over 1 MiB are skipped.
 */
int dp_history_files_h(struct dp_history *h, const char *rev, const char *dir,
		       const char *name, dp_history_file_fn fn, void *data);

/*
 * The signature of commit `id` (hex) and the data it signs, appended to
 * `sig` and `data`. DP_ENOTFOUND when the commit is not signed.
 */
int dp_history_signature_h(struct dp_history *h, const char *id,
			   struct dp_buf *sig, struct dp_buf *data);
/* A config value of path type ("~/" expanded). DP_ENOTFOUND: unset. */
int dp_history_config_path_h(struct dp_buf *out, struct dp_history *h,
			     const char *name);

#endif
