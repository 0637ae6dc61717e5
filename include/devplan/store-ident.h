/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_IDENT_H
#define DEVPLAN_STORE_IDENT_H

#include "devplan/buf.h"

struct dp_store;

/* A name and an email, as a commit's author or committer. */
struct dp_ident {
	const char *name;
	const char *email;
};

/*
 * What git's environment and config say about the user as an author:
 * name from GIT_AUTHOR_NAME, else user.name; email from GIT_AUTHOR_EMAIL,
 * else user.email, else EMAIL. Appended to `name` and `email`; either
 * may come back empty (the caller decides the fallback and the "who are
 * you" error). `st` NULL: outside any repository (global and system
 * config). Never fails for missing values; DP_EIO when the config cannot
 * be read.
 */
int dp_store_identity(struct dp_store *st, struct dp_buf *name,
		      struct dp_buf *email);
/* The same for the committer: GIT_COMMITTER_NAME/EMAIL, user.*, EMAIL. */
int dp_store_committer(struct dp_store *st, struct dp_buf *name,
		       struct dp_buf *email);
/*
 * The user's email as dp_store_identity finds it; DP_ENOIDENT with a
 * message saying how to set it when there is none.
 */
int dp_store_user_email(struct dp_buf *out, struct dp_store *st);

/* A config string (e.g. "core.editor") into `out`; DP_ENOTFOUND if unset. */
int dp_store_config_get(struct dp_buf *out, struct dp_store *st,
			const char *name);
/* Sets a config string in the repository's own config (.git/config). */
int dp_store_config_set(struct dp_store *st, const char *name,
			const char *value);

#endif
