/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_MESSAGE_H
#define DEVPLAN_MESSAGE_H

#include "devplan/buf.h"
#include "devplan/kind.h"
#include "devplan/util.h"

/*
 * Commit messages, built and read back in one place: a subject a reader
 * of `git log --oneline` understands, an optional body, and trailers that
 * tools read (git interpret-trailers style, "Key: value"):
 *
 *   goal(alice): add "Become fluent in Rust"
 *
 *   Devplan-Person: alice
 *   Devplan-Record: people/alice/goals/become-fluent-in-rust.md
 *
 * Record text is untrusted: the subject and trailer values never hold a
 * control character (a newline or tab becomes a space, runs of spaces
 * fold into one), so a title cannot forge a trailer or a second line.
 */
struct dp_msg {
	struct dp_buf subject;
	struct dp_buf body;
	struct dp_strlist trailers; /* "Key: value" */
};
#define DP_MSG_INIT                                                            \
	{                                                                      \
		DP_BUF_INIT, DP_BUF_INIT, DP_STRLIST_INIT                      \
	}

#define DP_TRAILER_PERSON "Devplan-Person"
#define DP_TRAILER_RECORD "Devplan-Record"
#define DP_TRAILER_PROPOSED_BY "Devplan-Proposed-By"

void dp_msg_release(struct dp_msg *m);
/* Appends to the subject, folding control characters and blank runs. */
void dp_msg_subjectf(struct dp_msg *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends a quoted title ("...") to the subject, folded like the rest. */
void dp_msg_subject_title(struct dp_msg *m, const char *title);
/* "goal(alice)", "person(alice)", "role(engineer)", "framework", "config". */
void dp_msg_subject_prefix(struct dp_msg *m, const struct dp_ref *ref);
/* Adds a trailer; the value is folded onto one line. */
void dp_msg_add_trailer(struct dp_msg *m, const char *key, const char *value);
/* The Devplan-Person (person records) and Devplan-Record trailers. */
void dp_msg_add_record(struct dp_msg *m, const struct dp_ref *ref);
/* The first value of trailer `key`, or NULL. Owned by `m`. */
const char *dp_msg_trailer(const struct dp_msg *m, const char *key);

/* The whole message: subject, blank line, body, blank line, trailers. */
void dp_msg_format(struct dp_buf *out, const struct dp_msg *m);
/*
 * Reads a commit message back: the first line is the subject, the last
 * paragraph is the trailers when every line of it is "Key: value", the
 * rest the body. `out` must be DP_MSG_INIT; release it with
 * dp_msg_release.
 */
void dp_msg_parse(struct dp_msg *out, const char *text);

/* Folds `s` onto one line as the subject does, appending to `out`. */
void dp_msg_fold(struct dp_buf *out, const char *s);

#endif
