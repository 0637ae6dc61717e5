/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_REVIEW_H
#define DEVPLAN_REVIEW_H

#include <stddef.h>

#include "devplan/delta.h"
#include "devplan/kind.h"

struct dp_plan;

/*
 * What changed in a person's records, read from the history: `devplan
 * review` (since the reviewer's last approval) and `devplan log` (commit
 * by commit). The words are dp_delta_diff's, the same `devplan commit`
 * writes for hand edits.
 */

/* One commit's change to one record. */
struct dp_review_change {
	char commit[41];
	char *author; /* the author's name */
	char date[11];
	struct dp_delta delta;
};

/* One record: the net change from the base to HEAD, and who made it. */
struct dp_review_record {
	char *path;
	enum dp_kind kind;
	struct dp_delta delta;
	struct dp_review_change *changes;
	size_t len, alloc;
};

/* A comment added since the base. */
struct dp_review_comment {
	char commit[41];
	char *path;
	char *author; /* person id (front matter) */
	char *role;
	char date[11];
	char *on; /* the record commented on */
	char *text;
};

struct dp_review {
	char person[65];
	char base[41];     /* "" when since the plan began */
	char approval[41]; /* the reviewer's last approval, or "" */
	char approval_date[11];
	struct dp_review_record *records;
	size_t len, alloc;
	struct dp_review_comment *comments;
	size_t ncomments, comments_alloc;
};

/*
 * Fills `out` (zeroed by the caller, released with dp_review_release)
 * with what changed in `person`'s records since `since` (a revision, or
 * a date YYYY-MM-DD: the commits made that day or later), else since
 * the acting person's newest approval of `person` (a commit whose
 * Devplan-Person names them and whose Reviewed-by names the acting
 * person's email; its Devplan-Approves is the base), else since the
 * plan began. Records in path order; changes oldest first.
 */
int dp_review_build(struct dp_plan *plan, struct dp_review *out,
		    const char *person, const char *since);
void dp_review_release(struct dp_review *r);

enum dp_log_type {
	DP_LOG_CHANGE,   /* records changed */
	DP_LOG_COMMENT,  /* a comment was added */
	DP_LOG_APPROVAL, /* Reviewed-by: an approval */
};

/* One file of a log entry and what changed in it. */
struct dp_log_file {
	const char *path;
	enum dp_kind kind;
	struct dp_delta delta;
	const char *comment_on; /* DP_LOG_COMMENT: the record, else NULL */
};

/* One commit of `devplan log`; everything is owned by the walk. */
struct dp_log_entry {
	enum dp_log_type type;
	char commit[41];
	const char *author_name;
	const char *author_email;
	char date[11];
	const char *subject;
	const char *reviewed_by; /* DP_LOG_APPROVAL */
	const struct dp_log_file *files;
	size_t nfiles;
};

/*
 * Calls `fn` for each commit, newest first, that changed `prefix` (a
 * person's folder ending in '/', or one record's path), and for each
 * approval of `person` (may be NULL: none). Returning < 0 stops with
 * that code.
 */
int dp_log_walk(struct dp_plan *plan, const char *prefix, const char *person,
		int (*fn)(const struct dp_log_entry *e, void *data),
		void *data);

#endif
