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
	struct stat st;
	const char *text;
	size_t len;
};

/* dp_plan_walk with `hooks` (NULL: none). */
int dp_plan_walk_hooked(struct dp_plan *plan, const struct dp_walk *w,
			struct dp_walk_hooks *hooks);

#endif
