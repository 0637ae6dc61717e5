/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CHECK_CACHE_H
#define DEVPLAN_CHECK_CACHE_H

#include <stddef.h>
#include <sys/stat.h>

#include "devplan/store-index.h"

struct dp_store;

/*
 * What check found in each record on its own, kept in the git directory
 * (devplan/check-cache) by path, with the file's lstat and blob id, for
 * the next check to take instead of reading the record again. The
 * results are opaque bytes here (check.c says what they mean). The file
 * carries the validator's version (the program's build id), so that a
 * cache from another devplan is never believed; a file corrupt or cut
 * short is ignored and replaced.
 *
 * A record is believed unchanged when its lstat (size, mtime, ctime,
 * inode, device, mode) is the one recorded and both times are older than
 * the start of the check that recorded it (git's "racily clean" rule):
 * else it is read, and results are still reused when its blob id is the
 * one recorded.
 */
struct dp_check_cache;

/*
 * Loads the cache (empty when missing or unusable); never fails. Only a
 * check of the `whole` repository uses it: else it is left alone (the
 * records named are simply read, which costs less than listing the cache
 * of a whole repository), looks up nothing and saves nothing. For a whole
 * check the new file is written while the entries are put (a temporary
 * file, renamed over the cache by dp_check_cache_save): memory stays
 * flat.
 */
struct dp_check_cache *dp_check_cache_open(struct dp_store *st,
					   const char *salt, int whole);

/*
 * Builds the table that the lookups below use: once, before the first
 * (and before any thread calls dp_check_cache_known).
 */
void dp_check_cache_index(struct dp_check_cache *cc);

/* 1 if the cache has no entry at all (a first check). */
int dp_check_cache_empty(const struct dp_check_cache *cc);

/*
 * 1 if dp_check_cache_lookup would give results for `path` and `sb`.
 * Only reads: safe on another thread while the caller looks up.
 */
int dp_check_cache_known(const struct dp_check_cache *cc, const char *path,
			 const struct stat *sb);

/* The results for `path` if its lstat `sb` is known and safe, or NULL. */
const char *dp_check_cache_lookup(struct dp_check_cache *cc, const char *path,
				  const struct stat *sb, size_t *len);

/* The results for `path` if they were for blob `id`, or NULL. */
const char *dp_check_cache_lookup_id(struct dp_check_cache *cc,
				     const char *path,
				     const unsigned char id[DP_BLOB_ID_LEN],
				     size_t *len);

/*
 * The walk's own shape, for a check of the whole repository that changed
 * nothing: every folder the walk opened with its lstat (taken before it
 * was listed); the records are the entries, kept in the walk's order.
 * When all those lstats are the ones recorded (and older than the check
 * that recorded them), no folder gained or lost a name and no record
 * changed, and the results can be taken in order without walking.
 *   walk_folder  a folder opened, with its lstat (from one thread only)
 *   walk_void    something the table cannot say happened (a problem
 *                with a folder, a record not put nor looked up): no
 *                table is written
 */
void dp_check_cache_walk_folder(struct dp_check_cache *cc, const char *path,
				const struct stat *sb);
void dp_check_cache_walk_void(struct dp_check_cache *cc);

/*
 * If the table written by the last whole check holds (every lstat of the
 * folders and records under work tree `top` as recorded), calls `each`
 * with every record's path and results in the walk's order and gives
 * how many; else -1 and nothing called. The lstats are taken on two
 * threads where the machine has two processors.
 */
long dp_check_cache_fast(struct dp_check_cache *cc, int top,
			 void (*each)(const char *path, const char *res,
				      size_t len, void *data),
			 void *data);

/* Records the results for `path` as read with lstat `sb`, blob `id`. */
void dp_check_cache_put(struct dp_check_cache *cc, const char *path,
			const struct stat *sb,
			const unsigned char id[DP_BLOB_ID_LEN], const char *res,
			size_t len);

/*
 * Puts the new file in place when it changed and every record was seen
 * this time, else removes it; a failure is silent: the cache only saves
 * time.
 */
void dp_check_cache_save(struct dp_check_cache *cc, int complete);

void dp_check_cache_free(struct dp_check_cache *cc);

#endif
