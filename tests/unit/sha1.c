/* SPDX-License-Identifier: MIT */
/* Unit tests of SHA-1: the standard's vectors, both implementations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/sha1.h"

#include "test.h"

static void hex(char out[41], const unsigned char *d)
{
	for (int i = 0; i < DP_SHA1_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* The digest of `data`, fed in pieces of `step` bytes (0: at once). */
static void digest(char out[41], const void *data, size_t len, size_t step)
{
	struct dp_sha1 c;
	unsigned char d[DP_SHA1_LEN];
	const char *p = data;

	dp_sha1_init(&c);
	if (!step)
		step = len ? len : 1;
	for (size_t off = 0; off < len; off += step)
		dp_sha1_update(&c, p + off,
			       len - off < step ? len - off : step);
	dp_sha1_final(&c, d);
	hex(out, d);
}

static void test_vectors(void)
{
	char got[41], *million = malloc(1000000);

	digest(got, "", 0, 0);
	CHECK_STR(got, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	digest(got, "abc", 3, 0);
	CHECK_STR(got, "a9993e364706816aba3e25717850c26c9cd0d89d");
	digest(got, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	       56, 0);
	CHECK_STR(got, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	memset(million, 'a', 1000000);
	digest(got, million, 1000000, 0);
	CHECK_STR(got, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	digest(got, million, 1000000, 7);
	CHECK_STR(got, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
	free(million);
}

/* Every length up to three blocks, in pieces, agrees with the portable. */
static void test_against_portable(void)
{
	unsigned char data[200];
	int same = 1;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof(data); len++) {
		char a[41], b[41];

		digest(a, data, len, len % 5 + 1);
		dp_sha1__portable(1);
		digest(b, data, len, 0);
		dp_sha1__portable(0);
		if (strcmp(a, b)) {
			printf("# length %zu: %s != %s\n", len, a, b);
			same = 0;
		}
	}
	CHECK(same);
	dp_sha1__portable(1);
	test_vectors();
	dp_sha1__portable(0);
}

int main(void)
{
	test_vectors();
	test_against_portable();
	return test_done();
}
