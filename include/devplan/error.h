/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_ERROR_H
#define DEVPLAN_ERROR_H

#include <stddef.h>

/*
 * Error handling in the core (libgit2 docs/error-handling.md): functions
 * return 0 on success or a negative dp_err code, and describe the failure
 * with dp_error_set(). The CLI prints dp_error_last() as
 * "devplan: error: <message>" and maps the code to an exit status with
 * dp_error_exit_code(). Messages are lowercase, the problem first, the
 * subject quoted, no final full stop.
 */
enum dp_err {
	DP_OK = 0,
	DP_ERROR = -1,      /* generic failure (exit 1) */
	DP_ENOTFOUND = -2,  /* unknown person, record, field (exit 1) */
	DP_EEXISTS = -3,    /* already exists (exit 1) */
	DP_EINVALID = -4,   /* invalid data or input (exit 1) */
	DP_EAMBIGUOUS = -5, /* a prefix names several records (exit 1) */
	DP_EDIRTY = -6,     /* record has uncommitted edits (exit 1) */
	DP_ETOOBIG = -7,    /* over a size or depth limit (exit 1) */
	DP_EUSAGE = -8,     /* bad command line (exit 2) */
	DP_ENOREPO = -9,    /* not in a plan repository (exit 3) */
	DP_ELOCKED = -10,   /* a lock stayed held (exit 3) */
	DP_EIO = -11,       /* file system or git failure (exit 3) */
	DP_ENOIDENT = -12,  /* cannot tell who the user is (exit 3) */
	DP_EDENIED = -13,   /* the policy does not allow it (exit 1) */
};

void dp_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like dp_error_set, followed by ": " and strerror(errno). */
void dp_error_set_errno(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/*
 * Like dp_error_set, for a problem at a place in a file: the message reads
 * "path:line:col: message", and dp_error_last_at gives the parts back.
 */
void dp_error_set_at(const char *path, unsigned line, unsigned col,
		     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/*
 * When the last error was set with dp_error_set_at: 1, with its line,
 * column and message (without "path:line:col: "); else 0.
 */
int dp_error_last_at(unsigned *line, unsigned *col, const char **msg);
/* Forgets the last error (each thread has its own): frees its memory. */
void dp_error_clear(void);
/* The last message, "" when none. Valid until the next dp_error_set. */
const char *dp_error_last(void);
/* 1 for data problems, 2 for usage, 3 for the environment. */
int dp_error_exit_code(int code);

/*
 * Validation findings, printed like a compiler's:
 *   people/alice/goals/x.md:7:6: due: '2027-13-45' is not a date
 * line and col are 1-based; 0 means unknown (then left out of the text).
 */
enum dp_severity { DP_SEV_ERROR, DP_SEV_WARNING };

struct dp_finding {
	char *path;
	unsigned line;
	unsigned col;
	enum dp_severity severity;
	char *message;
};

struct dp_findings {
	struct dp_finding *items;
	size_t len;
	size_t alloc;
	size_t errors; /* how many have DP_SEV_ERROR */
};
#define DP_FINDINGS_INIT                                                       \
	{                                                                      \
		NULL, 0, 0, 0                                                  \
	}

void dp_findings_add(struct dp_findings *f, enum dp_severity sev,
		     const char *path, unsigned line, unsigned col,
		     const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void dp_findings_release(struct dp_findings *f);
struct dp_buf;
/* Appends "path:line:col: message" (no newline) to `out`. */
void dp_finding_format(struct dp_buf *out, const struct dp_finding *f);

#endif
