/* SPDX-License-Identifier: MIT */
/*
 * Locks without git: the backoff every retry loop uses, the devplan lock
 * and git-style lock files.
 */
#include "devplan/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/banned.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void dp_sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

void dp_backoff_start(struct dp_backoff *b, long timeout_ms)
{
	b->deadline = now_ms() + timeout_ms;
	b->delay = 1;
	b->attempt = 0;
}

/*
 * Sleeps a little longer each time (exponential, capped, with jitter so
 * that processes started together drift apart). Returns -1 once the
 * deadline has passed.
 */
int dp_backoff_wait(struct dp_backoff *b)
{
	long long left = b->deadline - now_ms();
	long ms;

	if (left <= 0)
		return -1;
	ms = b->delay +
	     (long)(((unsigned)getpid() * 2654435761u + b->attempt * 40503u) %
		    (unsigned)(b->delay / 2 + 1));
	if (ms > left)
		ms = (long)left;
	dp_sleep_ms(ms);
	b->attempt++;
	if (b->delay < 256)
		b->delay *= 2;
	return 0;
}

/* ---- record locks ------------------------------------------------------ */

/*
 * POSIX record locks belong to the process, and closing any descriptor of
 * the file drops them: a second owner of the same lock file in this
 * process must neither "share" the lock nor open the file and close it.
 * The held locks are listed here, and a lock file is known by its device
 * and inode, however its path is spelled.
 */
static struct dp_lock *lock_holders;
static pid_t lock_holders_pid;

static int held_here(const char *path)
{
	struct stat sb;

	if (lock_holders_pid != getpid()) {
		/* A child of fork() holds none of its parent's locks. */
		lock_holders = NULL;
		lock_holders_pid = getpid();
	}
	if (stat(path, &sb) < 0)
		return 0;
	for (struct dp_lock *h = lock_holders; h; h = h->next)
		if (h->dev == sb.st_dev && h->ino == sb.st_ino)
			return 1;
	return 0;
}

void dp_lock_init(struct dp_lock *l)
{
	memset(l, 0, sizeof(*l));
	l->fd = -1;
}

int dp_lock_acquire(struct dp_lock *l, const char *path, long timeout_ms)
{
	struct dp_backoff b;
	struct stat sb;
	int fd = -1, rc = 0;

	if (l->fd >= 0) {
		l->depth++;
		goto out;
	}
	if (held_here(path)) {
		dp_error_set("cannot lock '%s': already locked by this process",
			     path);
		rc = DP_ELOCKED;
		goto out;
	}
	/*
	 * A persistent file with a POSIX record lock: the kernel drops the
	 * lock when its holder exits, so a crash leaves nothing stale.
	 */
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 || fstat(fd, &sb) < 0) {
		dp_error_set_errno("cannot lock '%s'", path);
		rc = DP_EIO;
		goto out;
	}
	dp_backoff_start(&b, timeout_ms);
	for (;;) {
		struct flock fl;

		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_SETLK, &fl) == 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno != EACCES && errno != EAGAIN) {
			dp_error_set_errno("cannot lock '%s'", path);
			rc = DP_EIO;
			goto out;
		}
		if (dp_backoff_wait(&b) < 0) {
			dp_error_set("cannot lock '%s': another devplan "
				     "command is running",
				     path);
			rc = DP_ELOCKED;
			goto out;
		}
	}
	l->fd = fd;
	l->depth = 1;
	l->dev = sb.st_dev;
	l->ino = sb.st_ino;
	l->next = lock_holders;
	lock_holders = l;
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

void dp_lock_release(struct dp_lock *l)
{
	struct flock fl;

	if (!l || l->fd < 0)
		return;
	if (--l->depth > 0)
		return;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fcntl(l->fd, F_SETLK, &fl);
	close(l->fd);
	l->fd = -1;
	l->depth = 0;
	if (lock_holders_pid == getpid()) {
		for (struct dp_lock **h = &lock_holders; *h; h = &(*h)->next) {
			if (*h == l) {
				*h = l->next;
				break;
			}
		}
	}
	l->next = NULL;
}

/* ---- lock files -------------------------------------------------------- */

int dp_lockfile_create(const char *path, long timeout_ms)
{
	struct dp_backoff b;
	int fd;

	dp_backoff_start(&b, timeout_ms);
	for (;;) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno != EEXIST) {
			dp_error_set_errno("cannot create '%s'", path);
			fd = DP_EIO;
			break;
		}
		if (dp_backoff_wait(&b) < 0) {
			dp_error_set(
			    "cannot lock '%s': File exists; another git "
			    "process seems to be running in this repository; "
			    "make sure no git or devplan process is running, "
			    "then, if it still fails, a process may have "
			    "crashed in this repository earlier: remove the "
			    "file manually to continue",
			    path);
			fd = DP_ELOCKED;
			break;
		}
	}
	return fd;
}
