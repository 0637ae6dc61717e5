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

/*
 * A cache file written as it is made, for one too big to hold in memory:
 * created as a temporary file in the store's temporary folder (beside
 * `name` when it cannot be there), written in pieces, renamed
 * over `name` by dp_cache_file_commit. Nothing is fsynced: the file must
 * carry its own checksum, so that one cut short by a crash is ignored.
 * A write that fails drops the file (later writes fail at once);
 * dp_cache_file_drop removes a file not committed. The functions return
 * 0, or DP_EINVALID or DP_EIO with the error set.
 */
struct dp_cache_file {
	int dfd, tdfd,
	    fd; /* the cache folder, the temporary file's, the file */
	char *tmp, *name;
};
int dp_cache_file_create(struct dp_cache_file *f, struct dp_store *st,
			 const char *name);
int dp_cache_file_write(struct dp_cache_file *f, const void *data, size_t len);
int dp_cache_file_commit(struct dp_cache_file *f);
void dp_cache_file_drop(struct dp_cache_file *f);

#endif
