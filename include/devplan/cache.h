/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CACHE_H
#define DEVPLAN_CACHE_H

#include <stddef.h>

#include "devplan/buf.h"

struct dp_store;

/*
 * A cache file in the git directory ("devplan/<name>"), for data that can
 * be rebuilt (e.g. email -> person). Missing: DP_ENOTFOUND.
 */
int dp_store_cache_read(struct dp_buf *out, struct dp_store *st,
			const char *name);
/*
 * Maps cache file `name` read-only into *data (*len bytes), for a file
 * too big to copy; the mapping outlives the file being replaced. Undone
 * by dp_store_cache_unmap.
 */
int dp_store_cache_map(const char **data, size_t *len, struct dp_store *st,
		       const char *name);
void dp_store_cache_unmap(const char *data, size_t len);
/* The absolute path of cache file `name`, for a program (an editor) to open. */
void dp_store_cache_path(struct dp_buf *out, const struct dp_store *st,
			 const char *name);
int dp_store_cache_write(struct dp_store *st, const char *name,
			 const char *data, size_t len);

#endif
