/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_SYNC_H
#define DEVPLAN_SYNC_H

#include "devplan/buf.h"
#include "devplan/store.h"
#include "devplan/util.h"

/*
 * devplan sync (store-sync.c, a libgit2 user beside the store): fetch the
 * current branch's upstream, integrate it (fast-forward, else a merge
 * commit in which every file both sides changed that git cannot merge
 * line by line is merged by the records' merge, dp_merge_text), and push.
 * A push the remote rejects (it moved meanwhile) is fetched, integrated
 * and pushed once more. On a true conflict nothing is committed or
 * pushed and the work tree is left as it was.
 */

enum dp_sync_action {
	DP_SYNC_UP_TO_DATE,   /* nothing to integrate */
	DP_SYNC_FAST_FORWARD, /* moved to the upstream */
	DP_SYNC_MERGED,       /* a merge commit */
};

struct dp_sync {
	enum dp_sync_action action;
	char remote[256];         /* "origin" */
	char upstream[256];       /* "origin/main" */
	char head[41];            /* HEAD after the sync */
	struct dp_strlist merged; /* records merged by the records' merge */
	int pushed;               /* 1 when the remote was updated */
	int retried;              /* 1 when a rejected push was retried */
	struct dp_buf conflicts;  /* a true conflict, field by field */
};
#define DP_SYNC_INIT                                                           \
	{                                                                      \
		DP_SYNC_UP_TO_DATE, "", "", "", DP_STRLIST_INIT, 0, 0,         \
		    DP_BUF_INIT                                                \
	}

/*
 * Syncs the current branch with its upstream. The caller holds the
 * store's lock and has checked that the work tree has no uncommitted
 * record edits. DP_ENOTFOUND: no upstream (the message says how to set
 * one); DP_ERROR: a true conflict (out->conflicts says where, nothing
 * changed); DP_EIO: the remote could not be reached or refused the push
 * twice. `out` is DP_SYNC_INIT; release with dp_sync_release.
 */
int dp_store_sync(struct dp_store *st, struct dp_sync *out);
void dp_sync_release(struct dp_sync *s);

#endif
