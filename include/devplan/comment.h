/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_COMMENT_H
#define DEVPLAN_COMMENT_H

#include <stddef.h>

#include "devplan/error.h"
#include "devplan/kind.h"

struct dp_plan;

/*
 * Comments: one file each, people/<p>/comments/<date>-<author>-<id>.md,
 * added by one commit and never edited. Front matter: record (the path
 * commented on), author, role (the author relative to the owner: self,
 * manager, peer, admin), date, reply-to (the name of the comment
 * answered), kudos (recognition of a goal or action done). The body is
 * the comment's text.
 */

#define DP_TRAILER_COMMENT_ON "Devplan-Comment-On"
#define DP_TRAILER_ROLE "Devplan-Role"
#define DP_TRAILER_KUDOS "Devplan-Kudos"

/* "self", "manager", "admin" or "peer": `author` relative to `owner`. */
const char *dp_comment_role(struct dp_plan *plan, const char *author,
			    const char *owner);

struct dp_comment_new {
	const char *text;     /* the comment (required, not blank) */
	const char *reply_to; /* a comment's name, or NULL */
	int kudos;
	struct dp_ref out;           /* out: the comment file */
	char commit[41];             /* out: the new commit id */
	struct dp_findings findings; /* out: validation */
};

/*
 * Comments on record `on` as the acting person: one commit adding one
 * comment file, its message the comment with the trailers
 * Devplan-Comment-On, Devplan-Role (and Devplan-Kudos). Anyone with a
 * profile may comment (the role says how they stand to the owner).
 * A reply-to must name an existing comment on the same record.
 */
int dp_comment_add(struct dp_plan *plan, const struct dp_ref *on,
		   struct dp_comment_new *c);

/* One comment of a thread, in reading order. */
struct dp_comment {
	char *name;     /* "2026-11-22-bob-a1b2" */
	char *author;   /* person id */
	char *role;     /* self, manager, peer, admin */
	char *date;     /* YYYY-MM-DD */
	char *reply_to; /* NULL for a top-level comment */
	int kudos;
	char *text;   /* the body, trailing blank lines removed */
	size_t depth; /* 0 top level, 1 a reply, ... */
};

struct dp_thread {
	struct dp_comment *items;
	size_t len;
	size_t alloc;
};
#define DP_THREAD_INIT                                                         \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * The comments on `on` (from its owner's comments folder), each reply
 * after what it answers, in date (then name) order. `out` is
 * DP_THREAD_INIT; release it with dp_thread_release.
 */
int dp_comment_thread(struct dp_plan *plan, const struct dp_ref *on,
		      struct dp_thread *out);
void dp_thread_release(struct dp_thread *t);

#endif
