/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_SHA1_H
#define DEVPLAN_SHA1_H

/*
 * Plain SHA-1, for the checksum that closes git's index file (libgit2 has
 * no public call for it). Not for anything that needs collision
 * resistance. Uses the CPU's SHA instructions where there are some.
 */
#include <stddef.h>
#include <stdint.h>

#define DP_SHA1_LEN 20

struct dp_sha1 {
	uint32_t h[5];
	uint64_t total;          /* bytes hashed so far */
	unsigned char block[64]; /* a partial block */
	size_t fill;             /* bytes in `block` */
};

void dp_sha1_init(struct dp_sha1 *c);
void dp_sha1_update(struct dp_sha1 *c, const void *data, size_t len);
void dp_sha1_final(struct dp_sha1 *c, unsigned char out[DP_SHA1_LEN]);
/* For the tests: 1 while the portable code is forced (off = 0). */
int dp_sha1__portable(int force);

#endif
