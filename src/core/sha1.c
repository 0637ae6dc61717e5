/* SPDX-License-Identifier: MIT */
/*
 * SHA-1 (FIPS 180-4): the portable version, and the x86 SHA extensions'
 * where the CPU has them (the index checksum of a 10,000-person plan is
 * 11 MB; the instructions hash it about four times faster).
 */
#include "devplan/sha1.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#include "devplan/banned.h"

typedef void blocks_fn(uint32_t h[5], const unsigned char *p, size_t n);

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void blocks_portable(uint32_t h[5], const unsigned char *p, size_t n)
{
	for (; n; n--, p += 64) {
		uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3],
				e = h[4];

		for (int i = 0; i < 16; i++)
			w[i] = be32(p + 4 * i);
		for (int i = 16; i < 80; i++)
			w[i] =
			    rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
		for (int i = 0; i < 80; i++) {
			uint32_t f, k, t;

			if (i < 20) {
				f = (b & c) | (~b & d);
				k = 0x5a827999;
			} else if (i < 40) {
				f = b ^ c ^ d;
				k = 0x6ed9eba1;
			} else if (i < 60) {
				f = (b & c) | (b & d) | (c & d);
				k = 0x8f1bbcdc;
			} else {
				f = b ^ c ^ d;
				k = 0xca62c1d6;
			}
			t = rol(a, 5) + f + e + k + w[i];
			e = d;
			d = c;
			c = rol(b, 30);
			b = a;
			a = t;
		}
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	}
}

#ifdef HAVE_SHA_NI
/*
 * Four rounds at a time: group k uses message words 4k..4k+3, computed
 * from the four groups before it once k >= 4.
 */
__attribute__((target("sha,sse4.1,ssse3"))) static void
blocks_sha_ni(uint32_t h[5], const unsigned char *p, size_t n)
{
	const __m128i mask =
	    _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd, e0;

	abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1b);
	e0 = _mm_set_epi32((int)h[4], 0, 0, 0);
	for (; n; n--, p += 64) {
		__m128i abcd_save = abcd, e0_save = e0, m[4], e[2];

		e[0] = e0;
		e[1] = abcd;
		for (int k = 0; k < 20; k++) {
			if (k < 4)
				m[k] = _mm_shuffle_epi8(
				    _mm_loadu_si128(
					(const __m128i *)(p + 16 * k)),
				    mask);
			else
				m[k & 3] = _mm_sha1msg2_epu32(
				    _mm_xor_si128(_mm_sha1msg1_epu32(
						      m[k & 3], m[(k + 1) & 3]),
						  m[(k + 2) & 3]),
				    m[(k + 3) & 3]);
			if (k == 0)
				e[0] = _mm_add_epi32(e[0], m[0]);
			else
				e[k & 1] =
				    _mm_sha1nexte_epu32(e[k & 1], m[k & 3]);
			e[(k + 1) & 1] = abcd;
			switch (k / 5) {
			case 0:
				abcd = _mm_sha1rnds4_epu32(abcd, e[k & 1], 0);
				break;
			case 1:
				abcd = _mm_sha1rnds4_epu32(abcd, e[k & 1], 1);
				break;
			case 2:
				abcd = _mm_sha1rnds4_epu32(abcd, e[k & 1], 2);
				break;
			default:
				abcd = _mm_sha1rnds4_epu32(abcd, e[k & 1], 3);
				break;
			}
		}
		e0 = _mm_sha1nexte_epu32(e[0], e0_save);
		abcd = _mm_add_epi32(abcd, abcd_save);
	}
	_mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1b));
	h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

static int cpu_has_sha(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) ||
	    !(c & bit_SSE4_1))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return !!(b & bit_SHA);
}
#endif

static int force_portable;

int dp_sha1__portable(int force)
{
	int was = force_portable;

	force_portable = force;
	return was;
}

static blocks_fn *blocks(void)
{
#ifdef HAVE_SHA_NI
	/* Asked once; threads that race to ask all get the same answer. */
	static int has = -1;
	int known = __atomic_load_n(&has, __ATOMIC_RELAXED);

	if (known < 0) {
		known = cpu_has_sha();
		__atomic_store_n(&has, known, __ATOMIC_RELAXED);
	}
	if (known && !force_portable)
		return blocks_sha_ni;
#endif
	return blocks_portable;
}

void dp_sha1_init(struct dp_sha1 *c)
{
	static const uint32_t h0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
					0x10325476, 0xc3d2e1f0 };

	memcpy(c->h, h0, sizeof(h0));
	c->total = 0;
	c->fill = 0;
}

void dp_sha1_update(struct dp_sha1 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	blocks_fn *fn = blocks();

	c->total += len;
	if (c->fill) {
		size_t take = 64 - c->fill < len ? 64 - c->fill : len;

		memcpy(c->block + c->fill, p, take);
		c->fill += take;
		p += take;
		len -= take;
		if (c->fill < 64)
			return;
		fn(c->h, c->block, 1);
		c->fill = 0;
	}
	if (len >= 64) {
		fn(c->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	memcpy(c->block, p, len);
	c->fill = len;
}

void dp_sha1_final(struct dp_sha1 *c, unsigned char out[DP_SHA1_LEN])
{
	uint64_t bits = c->total * 8;
	unsigned char pad[72];
	size_t n = (c->fill < 56 ? 56 : 120) - c->fill;

	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (int i = 0; i < 8; i++)
		pad[n + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	dp_sha1_update(c, pad, n + 8);
	for (int i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}
