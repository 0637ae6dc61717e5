/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CREDENTIAL_H
#define DEVPLAN_CREDENTIAL_H

#include "devplan/buf.h"

/*
 * git's credential helpers, as `git credential fill|approve|reject` runs
 * them (gitcredentials(7)): git is run without a shell (execvp), the
 * description goes to its stdin ("protocol=https", "host=...",
 * "path=...", "username=..."), and `fill` answers "username=" and
 * "password=" lines. git's stderr is the user's (its prompts, when no
 * helper answers and a terminal is there; GIT_TERMINAL_PROMPT=0 stops
 * them).
 */
struct dp_credential {
	struct dp_buf protocol, host, path, username, password;
};

#define DP_CREDENTIAL_INIT                                                     \
	{                                                                      \
		DP_BUF_INIT, DP_BUF_INIT, DP_BUF_INIT, DP_BUF_INIT,            \
		    DP_BUF_INIT                                                \
	}

/*
 * Sets protocol, host (with ":port" when the URL has one), path and the
 * username from a URL "proto://[user@]host[:port]/path". -1 when it is
 * not such a URL.
 */
int dp_credential_from_url(struct dp_credential *c, const char *url);

/*
 * `git credential fill`: fills username and password. 0; DP_ENOTFOUND
 * when git gives no password (no helper, prompts off); DP_EIO when git
 * cannot run; DP_EINVALID for a value with a newline.
 */
int dp_credential_fill(struct dp_credential *c);

/* `git credential approve` (it worked) or `reject` (it was refused). */
void dp_credential_approve(const struct dp_credential *c);
void dp_credential_reject(const struct dp_credential *c);

void dp_credential_release(struct dp_credential *c);

#endif
