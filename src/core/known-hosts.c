/* SPDX-License-Identifier: MIT */
/* Host keys against OpenSSH's known_hosts, hashed names included. */
#include "devplan/known-hosts.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/banned.h"

/* ---- SHA-1 (FIPS 180-4) and HMAC (RFC 2104) ---- */

struct sha1 {
	uint32_t h[5];
	unsigned char block[64];
	size_t used;
	uint64_t bytes;
};

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0];
	b = s->h[1];
	c = s->h[2];
	d = s->h[3];
	e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999u;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1u;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdcu;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6u;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = rol(b, 30);
		b = a;
		a = t;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
}

static void sha1_init(struct sha1 *s)
{
	static const uint32_t h0[5] = { 0x67452301u, 0xefcdab89u, 0x98badcfeu,
					0x10325476u, 0xc3d2e1f0u };

	memset(s, 0, sizeof(*s));
	memcpy(s->h, h0, sizeof(h0));
}

static void sha1_update(struct sha1 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->bytes += len;
	while (len) {
		size_t n = 64 - s->used < len ? 64 - s->used : len;

		memcpy(s->block + s->used, p, n);
		s->used += n;
		p += n;
		len -= n;
		if (s->used == 64) {
			sha1_block(s, s->block);
			s->used = 0;
		}
	}
}

static void sha1_final(struct sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->bytes * 8;
	unsigned char pad = 0x80, len[8];
	int i;

	sha1_update(s, &pad, 1);
	pad = 0;
	while (s->used != 56)
		sha1_update(s, &pad, 1);
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

void dp_hmac_sha1(unsigned char out[20], const void *key, size_t key_len,
		  const void *data, size_t len)
{
	unsigned char k[64], pad[64], inner[20];
	struct sha1 s;
	int i;

	memset(k, 0, sizeof(k));
	if (key_len > 64) {
		sha1_init(&s);
		sha1_update(&s, key, key_len);
		sha1_final(&s, k);
	} else if (key_len) {
		memcpy(k, key, key_len);
	}
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha1_init(&s);
	sha1_update(&s, pad, 64);
	sha1_update(&s, data, len);
	sha1_final(&s, inner);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha1_init(&s);
	sha1_update(&s, pad, 64);
	sha1_update(&s, inner, 20);
	sha1_final(&s, out);
}

/* ---- base64 ---- */

static int b64_value(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int dp_base64_decode(struct dp_buf *out, const char *s, size_t len)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t i;

	while (len && s[len - 1] == '=')
		len--;
	for (i = 0; i < len; i++) {
		int v = b64_value((unsigned char)s[i]);
		unsigned char c;

		if (v < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			c = (unsigned char)(acc >> bits);
			dp_buf_add(out, &c, 1);
		}
	}
	return bits >= 6 ? -1 : 0; /* a lone trailing character */
}

/* ---- patterns ---- */

/* OpenSSH's match_pattern: '*' and '?', case-insensitive. */
static int glob_match(const char *s, const char *p, size_t plen)
{
	if (!plen)
		return !*s;
	if (*p == '*') {
		for (;;) {
			if (glob_match(s, p + 1, plen - 1))
				return 1;
			if (!*s)
				return 0;
			s++;
		}
	}
	if (!*s)
		return 0;
	if (*p != '?' &&
	    tolower((unsigned char)*p) != tolower((unsigned char)*s))
		return 0;
	return glob_match(s + 1, p + 1, plen - 1);
}

/* "|1|salt|hash": 1 when it hashes `name`; 0 otherwise or malformed. */
static int hashed_match(const char *name, const char *p, size_t plen)
{
	struct dp_buf salt = DP_BUF_INIT, hash = DP_BUF_INIT;
	const char *bar = memchr(p + 3, '|', plen - 3);
	unsigned char mac[20];
	int ok = 0;

	if (bar && dp_base64_decode(&salt, p + 3, (size_t)(bar - p - 3)) == 0 &&
	    dp_base64_decode(&hash, bar + 1, plen - (size_t)(bar + 1 - p)) ==
		0 &&
	    hash.len == 20) {
		dp_hmac_sha1(mac, salt.ptr, salt.len, name, strlen(name));
		ok = !memcmp(mac, hash.ptr, 20);
	}
	dp_buf_release(&salt);
	dp_buf_release(&hash);
	return ok;
}

/* 1 when the comma-separated `patterns` name `name`, no '!' excluding. */
static int host_match(const char *name, const char *patterns, size_t len)
{
	int matched = 0;
	size_t i = 0;

	while (i < len) {
		size_t j = i;
		int neg = 0;

		while (j < len && patterns[j] != ',')
			j++;
		if (patterns[i] == '!') {
			neg = 1;
			i++;
		}
		if (j > i) {
			int m = j - i > 3 && !strncmp(patterns + i, "|1|", 3)
				    ? hashed_match(name, patterns + i, j - i)
				    : glob_match(name, patterns + i, j - i);

			if (m && neg)
				return 0;
			if (m)
				matched = 1;
		}
		i = j + 1;
	}
	return matched;
}

/* The key type a key blob starts with (a uint32 length, the name). */
static size_t blob_type(const unsigned char *b, size_t len,
			const unsigned char **type)
{
	size_t n;

	if (len < 4)
		return 0;
	n = (size_t)b[0] << 24 | (size_t)b[1] << 16 | (size_t)b[2] << 8 | b[3];
	if (n > len - 4)
		return 0;
	*type = b + 4;
	return n;
}

static int same_type(const unsigned char *a, size_t alen,
		     const unsigned char *b, size_t blen)
{
	const unsigned char *ta = NULL, *tb = NULL;
	size_t na = blob_type(a, alen, &ta), nb = blob_type(b, blen, &tb);

	return na == nb && (!na || !memcmp(ta, tb, na));
}

/* The next whitespace-separated field of *s, its length in *len. */
static const char *field(const char **s, size_t *len)
{
	const char *p = *s, *start;

	while (*p == ' ' || *p == '\t')
		p++;
	start = p;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
		p++;
	*len = (size_t)(p - start);
	*s = p;
	return *len ? start : NULL;
}

enum dp_hostkey dp_known_hosts_check(const char *host, int port,
				     const unsigned char *key, size_t len,
				     const char *const files[],
				     struct dp_buf *where)
{
	struct dp_buf name = DP_BUF_INIT, blob = DP_BUF_INIT;
	enum dp_hostkey ret = DP_HOSTKEY_UNKNOWN;
	int revoked = 0;
	size_t i;

	if (port > 0 && port != 22)
		dp_buf_addf(&name, "[%s]:%d", host, port);
	else
		dp_buf_adds(&name, host);
	for (i = 0; files && files[i]; i++) {
		FILE *f = fopen(files[i], "r");
		char *line = NULL;
		size_t cap = 0;
		long lineno = 0;

		if (!f)
			continue;
		while (getline(&line, &cap, f) >= 0) {
			const char *s = line, *pat, *b64;
			size_t plen, tlen, blen;
			int marker_revoked = 0, same;

			lineno++;
			pat = field(&s, &plen);
			if (!pat || *pat == '#')
				continue;
			if (*pat == '@') {
				if (plen == 8 && !strncmp(pat, "@revoked", 8))
					marker_revoked = 1;
				else
					continue; /* @cert-authority */
				pat = field(&s, &plen);
			}
			if (!pat || !field(&s, &tlen) ||
			    !(b64 = field(&s, &blen)) ||
			    !host_match(name.ptr, pat, plen))
				continue;
			dp_buf_reset(&blob);
			if (dp_base64_decode(&blob, b64, blen) < 0 ||
			    !same_type((const unsigned char *)blob.ptr,
				       blob.len, key, len))
				continue; /* another type: not this key's */
			same = blob.len == len && !memcmp(blob.ptr, key, len);
			if (marker_revoked) {
				revoked |= same;
			} else if (same) {
				ret = DP_HOSTKEY_OK;
			} else if (ret == DP_HOSTKEY_UNKNOWN) {
				ret = DP_HOSTKEY_CHANGED;
				if (where)
					dp_buf_addf(where, "%s:%ld", files[i],
						    lineno);
			}
		}
		free(line);
		fclose(f);
	}
	dp_buf_release(&name);
	dp_buf_release(&blob);
	return revoked ? DP_HOSTKEY_REVOKED : ret;
}
