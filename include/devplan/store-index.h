/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_INDEX_H
#define DEVPLAN_STORE_INDEX_H

#include <stddef.h>

#define DP_BLOB_ID_LEN 20

/* The id git gives `data` as a blob (git hash-object), raw; 0. */
int dp_store_blob_id(unsigned char out[DP_BLOB_ID_LEN], const void *data,
		     size_t len);

#endif
