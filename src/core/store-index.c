/* SPDX-License-Identifier: MIT */
/* Content ids as git computes them, for caches keyed by blob id. */
#include <stdio.h>

#include "devplan/error.h"
#include "devplan/sha1.h"
#include "devplan/store-index.h"
#include "devplan/banned.h"

/*
 * git's blob id: the SHA-1 of "blob <size>\0" and the bytes, with
 * devplan's SHA-1 (SHA-NI where the processor has it), several times
 * faster than libgit2's collision-detecting one on every record a check
 * or render reads.
 */
int dp_store_blob_id(unsigned char out[DP_BLOB_ID_LEN], const void *data,
		     size_t len)
{
	struct dp_sha1 sha;
	char head[32];
	int n = snprintf(head, sizeof(head), "blob %zu", len);

	dp_sha1_init(&sha);
	dp_sha1_update(&sha, head, (size_t)n + 1);
	dp_sha1_update(&sha, data, len);
	dp_sha1_final(&sha, out);
	return 0;
}
