/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_WALK_H
#define DEVPLAN_WALK_H

#include <sys/stat.h>

#include "devplan/plan.h"

/*
 * What a cache of per-record results (check) adds to a walk (plan.h):
 *   known  asked first, with the record's lstat; a record it answers 1
 *          for is neither read nor handed to the walk's `record`, but to
 *          `reuse`. It may be called on another thread than the caller's
 *          and ahead of `record` and `reuse`: it must only read what
 *          nothing changes during the walk
 *   reuse  called, in the walk's order and on the caller's thread, for
 *          each record `known` answered 1 for, with the same lstat
 *   folder called with the lstat of every folder the walk opens (the
 *          top as "", then each folder it lists or looks a name up in),
 *          taken before it is listed, so that a folder whose lstat is
 *          unchanged later holds the same names. It is called on the
 *          walk's reader thread when there is one, in the walk's order
 *   work   when set, each record read (or that could not be read) is
 *          parsed and handed to `work` instead of the walk's `record`,
 *          on whichever thread has time for it (`thread` 0 is the
 *          caller's, 1 the reader's): it must write nothing but `out`
 *          (empty when called) and what is the thread's own. `doc` is
 *          NULL when the record could not be read or parsed, and
 *          dp_error_last says why (on that thread); `text` is NULL when
 *          it could not be read
 *   done   with `work`: called on the caller's thread, in the walk's
 *          order, with the record's lstat and what `work` put in `out`;
 *          nonzero stops the walk, as `record`'s does
 *   st, text, len
 *          filled before each call of `record` with the lstat and the
 *          bytes read (text NULL when the file could not be read); valid
 *          during that call only
 */
struct dp_walk_hooks {
	int (*known)(const struct dp_ref *ref, const struct stat *st,
		     void *data);
	void (*reuse)(const struct dp_ref *ref, const struct stat *st,
		      void *data);
	void (*folder)(const char *path, const struct stat *st, void *data);
	void (*work)(const struct dp_ref *ref, const struct dp_doc *doc,
		     const char *text, size_t len, int thread,
		     struct dp_buf *out, void *data);
	int (*done)(const struct dp_ref *ref, const struct stat *st,
		    const char *res, size_t len, void *data);
	struct stat st;
	const char *text;
	size_t len;
};

/* dp_plan_walk with `hooks` (NULL: none). */
int dp_plan_walk_hooked(struct dp_plan *plan, const struct dp_walk *w,
			struct dp_walk_hooks *hooks);

#endif
