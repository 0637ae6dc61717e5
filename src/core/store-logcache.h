/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_LOGCACHE_H
#define DEVPLAN_STORE_LOGCACHE_H

/*
 * The history cache (store family only: it sees <git2.h>). For every
 * commit reachable from HEAD, in the order of a topological, time-sorted
 * walk from HEAD (newest first, as git_revwalk gives it): its parents,
 * whether its tree is its parent's, and the files it changed against its
 * one parent, found once by comparing the two trees (descending only into
 * subtrees whose ids differ). Kept in .git/devplan/history and brought up
 * to date on use: commits on top of the cached tip are added; anything
 * else (reset, amend, rebase) re-walks the order, reusing what it knows
 * of each commit by id. A missing, unreadable or corrupt file is rebuilt;
 * one that cannot be written is only kept in memory.
 */
#include <stdint.h>

#include "store-priv.h"

enum {
	DP_LC_DIRECT = 1 << 0, /* a root, a merge, a missing parent: ask git */
	DP_LC_EMPTY = 1 << 1,  /* one parent, the same tree */
};

struct dp_lc_commit {
	git_oid id;
	uint32_t flags;
	uint32_t nparents, parents; /* into dp_logcache.par */
	uint32_t npaths, paths;     /* consecutive strings in the pool */
	uint32_t person;            /* empty commits: 1 + pool offset, or 0 */
};

struct dp_logcache {
	git_oid tip;
	struct dp_lc_commit *c;
	size_t n, alloc;
	uint32_t *par;
	size_t npar, par_alloc;
	const char *strs; /* the strings: the pool's, or the file's */
	size_t strs_len;
	struct dp_buf pool; /* strings while building */
	struct dp_buf raw;  /* the file read: c, par and strs point in it */
	uint32_t *hash; /* oid -> 1 + index, open addressing; NULL until used */
	size_t hash_size;
};

/*
 * The cache for HEAD, up to date; *out NULL (and 0) on an unborn branch
 * or in a shallow repository (walk without it). Owned by this module:
 * valid until the next call.
 */
int dp_store__logcache_get(struct dp_logcache **out, struct dp_store *st);
void dp_store__logcache_free(struct dp_logcache *lc);

/* The index of commit `id`, or -1. */
long dp_store__logcache_find(struct dp_logcache *lc, const git_oid *id);

/*
 * 1 when commit `i` (not DP_LC_DIRECT) changed `path` ("" everything, a
 * folder or a file, no trailing '/') against its parent: the entry's id
 * differs. A file whose mode alone changed does not count for the file
 * itself, only for the folders above it (their ids change).
 */
int dp_store__logcache_touches(const struct dp_logcache *lc, size_t i,
			       const char *path, size_t len);

/* The Devplan-Person trailer of empty commit `i`, or NULL. */
const char *dp_store__logcache_person(const struct dp_logcache *lc, size_t i);

#endif
