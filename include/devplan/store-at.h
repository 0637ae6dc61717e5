/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_AT_H
#define DEVPLAN_STORE_AT_H

struct dp_store;

/*
 * Whether a folder changed between two commits, by comparing the ids of
 * its trees (no diff, nothing read but the trees on the way).
 * 1 if folder `path` is the same tree in commits `a` and `b` (40 hex
 * digits each), 0 if it differs or is missing from either, DP_EINVALID /
 * DP_EIO (with a message) when a commit cannot be read.
 */
int dp_store_subtree_same(struct dp_store *st, const char *a, const char *b,
			  const char *path);

#endif
