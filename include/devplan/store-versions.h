/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_VERSIONS_H
#define DEVPLAN_STORE_VERSIONS_H

#include <stddef.h>

#include "devplan/store.h"

/*
 * The versions of files commit by commit, for the rendered site's
 * progress over time and its incremental re-render: one walk of the
 * history from HEAD, newest first (first parents only, as
 * dp_store_history), comparing each commit's tree with its first
 * parent's by tree ids, so unchanged folders cost nothing and no
 * per-file work (attributes, diff drivers) is done.
 */

/* The length of a blob id (raw bytes, not hex). */
#define DP_BLOB_ID_LEN 20

/* The commit a version belongs to. */
struct dp_version_commit {
	char id[41];
	long long time; /* the committer's date, seconds since the epoch */
	int offset;     /* its offset from UTC in minutes */
	size_t seq;     /* 0 for HEAD, 1 for its first parent, ... */
	long long author_time; /* the author's date */
	int author_offset;
	unsigned parents;
	/* the blob id of the version reported (zeros for a deletion) */
	unsigned char blob[DP_BLOB_ID_LEN];
};

/*
 * Called for each file under the prefix that a commit added or changed,
 * with its new text, and (with DP_VERSIONS_DELETED) for each it deleted,
 * with `text` NULL. Files over 1 MiB are reported with `text` NULL and
 * `len` 1 (their text is not read). Returning < 0 stops the walk with
 * that code.
 */
typedef int (*dp_version_fn)(const struct dp_version_commit *c,
			     const char *path, const char *text, size_t len,
			     void *data);

enum {
	DP_VERSIONS_DELETED = 1 << 0, /* report deleted files too */
	DP_VERSIONS_NO_TEXT = 1 << 1, /* paths only: text NULL, len 0 */
	/* with DP_VERSIONS_NO_TEXT: `len` is the file's size (text NULL) */
	DP_VERSIONS_SIZES = 1 << 2,
};

struct dp_versions {
	const char *prefix; /* a folder ending in '/', or "" for all */
	size_t max_commits; /* commits walked at most (0: all) */
	const char *stop;   /* NULL, or a commit (hex) where the walk stops,
			       not reported */
	/*
	 * NULL, or only the entries of the prefix's folder named `from` <=
	 * name < `to` (strcmp) are looked into: a share of people/.
	 */
	const char *from, *to;
	unsigned flags;
	/* out */
	size_t commits; /* commits walked (the stop commit not counted) */
	int stopped;    /* 1: the walk met `stop` */
	int truncated;  /* 1: max_commits was reached with history left */
	size_t merges;  /* commits walked with more than one parent */
};

/*
 * Walks as `v` says and calls `fn` for each version, commit by commit.
 * An unborn HEAD reports nothing. DP_EIO with a message on a git error.
 */
int dp_store_versions(struct dp_store *st, struct dp_versions *v,
		      dp_version_fn fn, void *data);

/*
 * Appends the text of blob `id` (as dp_version_commit.blob) to `out` and
 * returns 1 when it is at most `max` bytes; 0 (nothing appended) when it
 * is larger. DP_EIO with a message when it cannot be read.
 */
int dp_store_blob_text(struct dp_buf *out, struct dp_store *st,
		       const unsigned char id[DP_BLOB_ID_LEN], size_t max);
/* 1 when `text` is the content of blob `id`, by its hash. */
int dp_store_blob_same(const unsigned char id[DP_BLOB_ID_LEN], const char *text,
		       size_t len);

/*
 * 1 when the work tree's file or folder `path` ("people/alice",
 * "devplan.yaml") holds exactly what HEAD has there: the same names
 * (hidden ones aside) with the same contents, compared by blob ids; 0
 * when anything differs (an edit, a new or a missing file, a link); both
 * missing match. Reads only that folder: a cheap status of a few
 * folders. < 0 on a git error.
 */
int dp_store_matches_head(struct dp_store *st, const char *path);

/*
 * The files a walk read from the work tree, compared with HEAD's blobs
 * as they come, so that a walk that reads every record anyway tells
 * whether they are all as committed (no status of the work tree).
 *
 *   dp_head_match_new   DP_ENOTFOUND (and no match) when HEAD is unborn
 *   dp_head_match_file  1 when HEAD has `path` (from the top of the work
 *                       tree) as a blob of exactly these bytes; 0 when
 *                       not (and every later call is 0)
 *   dp_head_match_all   1 when every file so far matched and HEAD has no
 *                       other file (blob or submodule) under `paths`
 *                       (folders or files, NULL-terminated), so that the
 *                       files given were exactly HEAD's there; 0 if not
 *                       (what it does not know, such as a file the walk
 *                       skipped, is 0: ask git's status then)
 */
struct dp_head_match;
int dp_head_match_new(struct dp_head_match **out, struct dp_store *st);
int dp_head_match_file(struct dp_head_match *m, const char *path,
		       const char *text, size_t len);
int dp_head_match_all(struct dp_head_match *m, const char *const *paths);
void dp_head_match_free(struct dp_head_match *m);
/*
 * 1 with the blob id of the text the last dp_head_match_file hashed
 * into `out`; 0 when it hashed none (it knew the answer without, or `m`
 * is NULL).
 */
int dp_head_match_last_id(const struct dp_head_match *m,
			  unsigned char out[DP_BLOB_ID_LEN]);
/* What another process's match found (files matched, one differed). */
void dp_head_match_add(struct dp_head_match *m, size_t matched, int differs);
size_t dp_head_match_count(const struct dp_head_match *m, int *differs);

#endif
