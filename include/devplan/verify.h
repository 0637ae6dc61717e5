/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_VERIFY_H
#define DEVPLAN_VERIFY_H

#include <stddef.h>

#include "devplan/buf.h"

/*
 * Verifies a commit signature as git does, running the tools without a
 * shell (fork and exec, arguments as a vector):
 *   SSH ("-----BEGIN SSH SIGNATURE-----"): ssh-keygen -Y verify -n git
 *       -f <allowed_signers> -I <principal> -s <sig>, the data on stdin;
 *       the key must be allowed for `principal` (the committer's email).
 *   OpenPGP: gpgv <sig> <data> (gpgv's trusted keyring).
 * Returns 1 when it verifies, 0 when it does not (`why` says why), < 0
 * when the tool cannot be run. `allowed_signers` NULL: SSH signatures
 * cannot verify.
 */
int dp_verify_signature(struct dp_buf *why, const char *sig, size_t sig_len,
			const char *data, size_t data_len,
			const char *principal, const char *allowed_signers);

#endif
