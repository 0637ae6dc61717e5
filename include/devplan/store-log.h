/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_LOG_H
#define DEVPLAN_STORE_LOG_H

#include <stddef.h>

#include "devplan/util.h"

struct dp_store;

/*
 * Commits that touched `path` (a file or a folder prefix), newest first,
 * at most `max` (0: all): used by log/review later. Each item is
 * "<hex oid>" appended to `out`.
 */
int dp_store_log_path(struct dp_strlist *out, struct dp_store *st,
		      const char *path, size_t max);

#endif
