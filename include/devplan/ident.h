/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_IDENT_H
#define DEVPLAN_IDENT_H

#include "devplan/buf.h"
#include "devplan/store.h"

struct dp_plan;

/*
 * Who people are: the git user (committer), the acting person (author),
 * and the email -> person index that ties git identities to profiles.
 * The index is a cache under .git/devplan/, checked against the profile
 * it names, so finding a known user reads one profile however large
 * the organisation.
 */

/*
 * The person whose profile has `email` (case-insensitive) into `out`.
 * DP_ENOTFOUND when nobody has it.
 */
int dp_ident_lookup(struct dp_buf *out, struct dp_plan *plan,
		    const char *email);
/*
 * The person the git user is (their user.email) into `out`. DP_ENOIDENT
 * when git has no email; DP_ENOIDENT when no profile has it, saying to
 * use --as or add a profile.
 */
int dp_ident_find(struct dp_buf *out, struct dp_plan *plan);
/*
 * The committer: git's user.name and user.email (or GIT_COMMITTER_*).
 * With only the email set, the name of the profile with that email
 * serves, as git falls back rather than refuse. `plan` may be NULL (no
 * profiles yet). DP_ENOIDENT naming every missing setting, with git's
 * hint, when it cannot be told.
 */
int dp_ident_committer(struct dp_buf *name, struct dp_buf *email,
		       struct dp_store *st, struct dp_plan *plan);
/*
 * The author: the acting person's name and email from their profile, or
 * nothing (the committer is the author) when the acting person has no
 * profile yet.
 */
int dp_ident_author(struct dp_buf *name, struct dp_buf *email,
		    struct dp_plan *plan);

#endif
