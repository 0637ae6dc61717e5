/* SPDX-License-Identifier: MIT */
/* Content ids as git computes them, for caches keyed by blob id. */
#include "store-priv.h"

#include <string.h>

#include "devplan/error.h"
#include "devplan/store-index.h"
#include "devplan/banned.h"

int dp_store_blob_id(unsigned char out[DP_BLOB_ID_LEN], const void *data,
		     size_t len)
{
	git_oid oid;

	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0)
		return DP_EIO;
	memcpy(out, oid.id, DP_BLOB_ID_LEN);
	return 0;
}
