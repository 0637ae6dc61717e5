/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_LOCK_H
#define DEVPLAN_LOCK_H

#include <sys/types.h>

/*
 * Locks and waiting for them, without git: a backoff for retries, the
 * devplan lock (a POSIX record lock on a persistent file, dropped by the
 * kernel when its holder dies) and git-style lock files ("<file>.lock"
 * created with O_EXCL, left behind by a crash).
 */

/* Retrying with growing, jittered sleeps until a deadline. */
struct dp_backoff {
	long long deadline;
	long delay;
	unsigned attempt;
};

void dp_backoff_start(struct dp_backoff *b, long timeout_ms);
/* Sleeps a little longer each time; -1 once the deadline has passed. */
int dp_backoff_wait(struct dp_backoff *b);
void dp_sleep_ms(long ms);

/* A record lock on a file, held by one owner in this process. */
struct dp_lock {
	int fd; /* -1 when not held */
	int depth;
	dev_t dev;
	ino_t ino;
	struct dp_lock *next; /* other locks held by this process */
};

void dp_lock_init(struct dp_lock *l);
/*
 * Takes the lock on the file at `path` (created when missing), waiting up
 * to `timeout_ms`. Nested calls on a held lock count. DP_ELOCKED naming
 * `path` when another process (or another dp_lock of this process) holds
 * it, DP_EIO when the file cannot be opened.
 */
int dp_lock_acquire(struct dp_lock *l, const char *path, long timeout_ms);
void dp_lock_release(struct dp_lock *l);

/*
 * Creates the lock file `path` ("<file>.lock") exclusively, waiting up to
 * `timeout_ms` while another process holds it. Returns its descriptor, or
 * DP_ELOCKED with git's message naming the file and how to remove it
 * after a crash, or DP_EIO. The caller renames or unlinks the file.
 */
int dp_lockfile_create(const char *path, long timeout_ms);

#endif
