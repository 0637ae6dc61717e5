/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_KNOWN_HOSTS_H
#define DEVPLAN_KNOWN_HOSTS_H

#include <stddef.h>

#include "devplan/buf.h"

/*
 * Host keys checked against OpenSSH's known_hosts files (pure: no git, no
 * network). A line is "[marker] patterns keytype base64-key [comment]":
 * patterns are comma-separated host names with '*' and '?' wildcards, a
 * leading '!' negating, "[host]:port" for a port other than 22, or a
 * hashed name "|1|base64-salt|base64-HMAC-SHA1(salt, name)" (ssh-keygen
 * -H). A line marked @revoked revokes its key for every host it names;
 * @cert-authority lines are skipped (certificates are not supported).
 * Only lines with a key of the same type as the server's count, as
 * OpenSSH does: a host known by another key type is unknown for this one.
 */

enum dp_hostkey {
	DP_HOSTKEY_OK = 0,      /* a line names the host with this key */
	DP_HOSTKEY_UNKNOWN = 1, /* no line names the host */
	DP_HOSTKEY_CHANGED = 2, /* lines name the host, none with this key */
	DP_HOSTKEY_REVOKED = 3, /* the key is marked @revoked */
};

/*
 * Checks the raw key blob `key` (as sent by the server: the base64-decoded
 * third field of a line) of `host` on `port` (22: the plain name, else
 * "[host]:port") against `files` (NULL-terminated; missing files are
 * skipped). On DP_HOSTKEY_CHANGED, `where` (may be NULL) gets the first
 * file:line that names the host.
 */
enum dp_hostkey dp_known_hosts_check(const char *host, int port,
				     const unsigned char *key, size_t len,
				     const char *const files[],
				     struct dp_buf *where);

/* Decodes base64 (RFC 4648, '=' padding optional). 0, or -1 if invalid. */
int dp_base64_decode(struct dp_buf *out, const char *s, size_t len);

/* HMAC-SHA1 of `data` with `key` into `out` (20 bytes). */
void dp_hmac_sha1(unsigned char out[20], const void *key, size_t key_len,
		  const void *data, size_t len);

#endif
