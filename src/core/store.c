/* SPDX-License-Identifier: MIT */
/*
 * The plan repository, through libgit2 (the only module that includes it).
 *
 * Files are written below the work tree one directory at a time with
 * openat(O_NOFOLLOW), so that no symbolic link is ever followed, and
 * replaced atomically (temporary file, fsync, rename, fsync the folder).
 * A commit builds its tree from HEAD's tree with git_tree_create_updated,
 * moves the branch with a compare-and-swap (git_reference_create_matching)
 * and then updates the index entries of the paths it wrote, and nothing
 * else: its cost does not grow with the number of records.
 */
/* realpath() is in POSIX 2008's XSI option. */
#define _XOPEN_SOURCE 700

#include "devplan/store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "devplan/error.h"
#include "devplan/banned.h"

#define PATH_MAX_LEN 4096
#define LOCK_TIMEOUT_MS 10000L
#define LOCK_FILE "devplan.lock"
#define CACHE_DIR "devplan"
#define CACHE_MAX (64L * 1024 * 1024)
#define MAX_COMMIT_ATTEMPTS 1000
#define SAVED_MAX (1024L * 1024 * 1024)

struct dp_store {
	git_repository *repo;
	char *workdir;   /* absolute, ends in '/' */
	char *gitdir;    /* absolute, ends in '/' */
	char *commondir; /* shared by all work trees, ends in '/' */
	char *prefix;    /* "" or "people/alice/" */
	int lock_fd;     /* devplan.lock while held, else -1 */
	int lock_depth;
	dev_t lock_dev; /* the lock file while held */
	ino_t lock_ino;
	struct dp_store *lock_next; /* other stores holding a lock */
	/*
	 * The folder open_parent() opened last for reading, kept open: a
	 * command that reads many records of one folder walks it once.
	 * Dropped whenever devplan creates or removes a folder.
	 */
	struct dp_buf pdir; /* "people/alice/goals/", "" for the top */
	int pdir_fd;        /* -1 when none */
};

static void pdir_drop(struct dp_store *st)
{
	if (st->pdir_fd >= 0)
		close(st->pdir_fd);
	st->pdir_fd = -1;
	dp_buf_release(&st->pdir);
}

/* ---- errors ----------------------------------------------------------- */

static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

/* Maps a libgit2 error code to ours; the message is set by the caller. */
static int map_git(int code)
{
	switch (code) {
	case GIT_ENOTFOUND:
		return DP_ENOTFOUND;
	case GIT_ELOCKED:
		return DP_ELOCKED;
	case GIT_EINVALIDSPEC:
		return DP_EINVALID;
	default:
		return DP_EIO;
	}
}

/* ---- time and backoff ------------------------------------------------- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

struct backoff {
	long long deadline;
	long delay;
	unsigned attempt;
};

static void backoff_start(struct backoff *b, long timeout_ms)
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
static int backoff_wait(struct backoff *b)
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
	sleep_ms(ms);
	b->attempt++;
	if (b->delay < 256)
		b->delay *= 2;
	return 0;
}

/* devplan.lockTimeout (milliseconds), like git's core.filesRefLockTimeout. */
static long lock_timeout(struct dp_store *st)
{
	git_config *cfg = NULL;
	int32_t v;
	long ret = LOCK_TIMEOUT_MS;

	if (git_repository_config(&cfg, st->repo) < 0)
		goto out;
	if (git_config_get_int32(&v, cfg, "devplan.locktimeout") == 0 &&
	    v >= 0 && v <= 600000)
		ret = v;
out:
	git_config_free(cfg);
	git_error_clear();
	return ret;
}

/* ---- paths ------------------------------------------------------------ */

static int is_dotgit(const char *s, size_t len)
{
	return len == 4 && s[0] == '.' && (s[1] == 'g' || s[1] == 'G') &&
	       (s[2] == 'i' || s[2] == 'I') && (s[3] == 't' || s[3] == 'T');
}

int dp_store_path_check(const char *path)
{
	const char *p, *c;
	int rc = DP_EINVALID;

	if (!path || !*path) {
		dp_error_set("invalid path '': empty path");
		goto out;
	}
	if (strlen(path) > PATH_MAX_LEN) {
		dp_error_set("invalid path '%.40s...': too long", path);
		goto out;
	}
	if (path[0] == '/') {
		dp_error_set(
		    "invalid path '%s': absolute paths are not allowed", path);
		goto out;
	}
	for (p = path; *p; p++) {
		if (*p == '\\') {
			dp_error_set("invalid path '%s': backslashes are not "
				     "allowed",
				     path);
			goto out;
		}
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			dp_error_set("invalid path '%s': control characters "
				     "are not allowed",
				     path);
			goto out;
		}
	}
	for (p = path;; p = c + 1) {
		size_t len;

		c = strchr(p, '/');
		len = c ? (size_t)(c - p) : strlen(p);
		if (!len) {
			dp_error_set("invalid path '%s': empty component",
				     path);
			goto out;
		}
		if ((len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.')) {
			dp_error_set("invalid path '%s': '.' and '..' are not "
				     "allowed",
				     path);
			goto out;
		}
		if (is_dotgit(p, len)) {
			dp_error_set("invalid path '%s': paths inside '.git' "
				     "are not allowed",
				     path);
			goto out;
		}
		if (!c)
			break;
	}
	rc = 0;
out:
	return rc;
}

/*
 * Opens the folder that holds `path` (relative to the work tree), one
 * component at a time and never through a symbolic link, creating
 * missing folders when `create` is set. Returns the folder's descriptor
 * in `*dfd` and the last component in `*base`. DP_ENOTFOUND when a folder
 * is missing (no message), DP_EINVALID for a link, DP_EIO otherwise.
 */
static int open_parent(struct dp_store *st, const char *path, int create,
		       int *dfd, const char **base)
{
	struct dp_buf comp = DP_BUF_INIT;
	const char *p, *slash, *last = strrchr(path, '/');
	size_t plen = last ? (size_t)(last - path) + 1 : 0;
	int fd, rc = 0;

	*dfd = -1;
	if (create) {
		pdir_drop(st);
	} else if (st->pdir_fd >= 0 && st->pdir.len == plen &&
		   !strncmp(st->pdir.ptr, path, plen)) {
		fd = fcntl(st->pdir_fd, F_DUPFD_CLOEXEC, 0);
		if (fd >= 0) {
			*base = path + plen;
			*dfd = fd;
			return 0;
		}
	}
	fd = open(st->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		dp_error_set_errno("cannot open '%s'", st->workdir);
		rc = DP_EIO;
		goto out;
	}
	for (p = path; (slash = strchr(p, '/')); p = slash + 1) {
		struct stat sb;
		int nfd;

		dp_buf_reset(&comp);
		dp_buf_add(&comp, p, (size_t)(slash - p));
		if (fstatat(fd, comp.ptr, &sb, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno != ENOENT) {
				dp_error_set_errno("cannot read '%.*s'",
						   (int)(slash - path), path);
				rc = DP_EIO;
				goto out;
			}
			if (!create) {
				rc = DP_ENOTFOUND;
				goto out;
			}
			if (mkdirat(fd, comp.ptr, 0777) < 0 &&
			    errno != EEXIST) {
				dp_error_set_errno("cannot create '%.*s'",
						   (int)(slash - path), path);
				rc = DP_EIO;
				goto out;
			}
			fsync(fd);
			if (fstatat(fd, comp.ptr, &sb, AT_SYMLINK_NOFOLLOW) <
			    0) {
				dp_error_set_errno("cannot read '%.*s'",
						   (int)(slash - path), path);
				rc = DP_EIO;
				goto out;
			}
		}
		if (S_ISLNK(sb.st_mode)) {
			dp_error_set("refusing to follow symbolic link '%.*s'",
				     (int)(slash - path), path);
			rc = DP_EINVALID;
			goto out;
		}
		if (!S_ISDIR(sb.st_mode)) {
			if (!create) {
				rc = DP_ENOTFOUND;
				goto out;
			}
			dp_error_set("cannot create '%s': '%.*s' is not a "
				     "directory",
				     path, (int)(slash - path), path);
			rc = DP_EIO;
			goto out;
		}
		nfd = openat(fd, comp.ptr,
			     O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (nfd < 0) {
			if (errno == ELOOP || errno == ENOTDIR) {
				dp_error_set("refusing to follow symbolic link "
					     "'%.*s'",
					     (int)(slash - path), path);
				rc = DP_EINVALID;
			} else {
				dp_error_set_errno("cannot open '%.*s'",
						   (int)(slash - path), path);
				rc = DP_EIO;
			}
			goto out;
		}
		close(fd);
		fd = nfd;
	}
	*base = p;
	*dfd = fd;
	if (!create) {
		pdir_drop(st);
		st->pdir_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
		if (st->pdir_fd >= 0)
			dp_buf_add(&st->pdir, path, plen);
	}
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	dp_buf_release(&comp);
	return rc;
}

/*
 * lstat() of a work-tree path without following links anywhere along it.
 * "" is the top. 0, DP_ENOTFOUND (no message), DP_EINVALID for a link on
 * the way (not the last component), DP_EIO.
 */
static int stat_path(struct dp_store *st, const char *path, struct stat *sb)
{
	const char *base;
	int dfd = -1, rc;

	if (!*path) {
		rc = stat(st->workdir, sb) < 0 ? DP_EIO : 0;
		goto out;
	}
	rc = open_parent(st, path, 0, &dfd, &base);
	if (rc < 0)
		goto out;
	if (fstatat(dfd, base, sb, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			rc = DP_ENOTFOUND;
		} else {
			dp_error_set_errno("cannot read '%s'", path);
			rc = DP_EIO;
		}
	}
out:
	if (dfd >= 0)
		close(dfd);
	return rc;
}

/* ---- files ------------------------------------------------------------ */

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Reads an open file into `out`; DP_ETOOBIG past `max` bytes (`out` is
 * then left as it was).
 */
static int read_fd(struct dp_buf *out, int fd, const char *display, size_t max)
{
	size_t start = out->len, total = 0;
	struct stat sb;
	int rc = 0;

	if (fstat(fd, &sb) == 0 && sb.st_size > 0) {
		if ((unsigned long long)sb.st_size > max) {
			dp_error_set("'%s' is larger than %zu bytes", display,
				     max);
			rc = DP_ETOOBIG;
			goto out;
		}
		dp_buf_grow(out, (size_t)sb.st_size);
	}
	for (;;) {
		ssize_t n;

		dp_buf_grow(out, 8192);
		n = read(fd, out->ptr + out->len, out->alloc - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			dp_error_set_errno("cannot read '%s'", display);
			rc = DP_EIO;
			goto out;
		}
		if (!n)
			break;
		total += (size_t)n;
		dp_buf_setlen(out, out->len + (size_t)n);
		if (total > max) {
			dp_error_set("'%s' is larger than %zu bytes", display,
				     max);
			rc = DP_ETOOBIG;
			goto out;
		}
	}
out:
	if (rc < 0 && out->alloc)
		dp_buf_setlen(out, start);
	return rc;
}

/*
 * Replaces `base` in folder `dfd` atomically: a new, unique temporary file
 * beside it, written and fsynced, renamed over it, the folder fsynced.
 */
static int atomic_write_at(int dfd, const char *base, const char *display,
			   const void *data, size_t len)
{
	static unsigned counter;
	struct dp_buf tmp = DP_BUF_INIT;
	struct stat sb;
	int fd = -1, rc = DP_EIO, made = 0;

	if (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(sb.st_mode)) {
			dp_error_set("refusing to follow symbolic link '%s'",
				     display);
			rc = DP_EINVALID;
			goto out;
		}
		if (S_ISDIR(sb.st_mode)) {
			dp_error_set("cannot write '%s': Is a directory",
				     display);
			goto out;
		}
	}
	for (unsigned tries = 0; tries < 100; tries++) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		dp_buf_reset(&tmp);
		dp_buf_addf(&tmp, ".%.100s.tmp-%ld-%u-%lx", base,
			    (long)getpid(), counter++,
			    (unsigned long)ts.tv_nsec);
		fd = openat(
		    dfd, tmp.ptr,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd < 0) {
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	made = 1;
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	fd = -1;
	if (renameat(dfd, tmp.ptr, dfd, base) < 0) {
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	made = 0;
	if (fsync(dfd) < 0 && errno != EINVAL) {
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (made)
		unlinkat(dfd, tmp.ptr, 0);
	dp_buf_release(&tmp);
	return rc;
}

static int write_file(struct dp_store *st, const char *path, const char *data,
		      size_t len)
{
	const char *base;
	int dfd = -1, rc;

	rc = open_parent(st, path, 1, &dfd, &base);
	if (rc < 0)
		goto out;
	rc = atomic_write_at(dfd, base, path, data, len);
out:
	if (dfd >= 0)
		close(dfd);
	return rc;
}

/* Removes the empty folders that held `path`, deepest first. */
static void prune_parents(struct dp_store *st, const char *path)
{
	char *dir = dp_xstrdup(path);
	char *slash;

	while ((slash = strrchr(dir, '/'))) {
		const char *base;
		int dfd, rc;

		*slash = '\0';
		if (open_parent(st, dir, 0, &dfd, &base) < 0)
			break;
		rc = unlinkat(dfd, base, AT_REMOVEDIR);
		pdir_drop(st);
		if (!rc)
			fsync(dfd);
		close(dfd);
		if (rc < 0)
			break;
	}
	free(dir);
}

static int delete_file(struct dp_store *st, const char *path)
{
	const char *base;
	struct stat sb;
	int dfd = -1, rc;

	rc = open_parent(st, path, 0, &dfd, &base);
	if (rc == DP_ENOTFOUND) {
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	if (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			goto out;
		dp_error_set_errno("cannot delete '%s'", path);
		rc = DP_EIO;
		goto out;
	}
	if (S_ISLNK(sb.st_mode)) {
		dp_error_set("refusing to follow symbolic link '%s'", path);
		rc = DP_EINVALID;
		goto out;
	}
	if (S_ISDIR(sb.st_mode)) {
		dp_error_set("cannot delete '%s': Is a directory", path);
		rc = DP_EINVALID;
		goto out;
	}
	if (unlinkat(dfd, base, 0) < 0) {
		dp_error_set_errno("cannot delete '%s'", path);
		rc = DP_EIO;
		goto out;
	}
	fsync(dfd);
	close(dfd);
	dfd = -1;
	prune_parents(st, path);
out:
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int dp_store_read(struct dp_buf *out, struct dp_store *st, const char *path,
		  size_t max)
{
	const char *base;
	struct stat sb;
	int dfd = -1, fd = -1, rc;

	rc = dp_store_path_check(path);
	if (rc < 0)
		goto out;
	rc = open_parent(st, path, 0, &dfd, &base);
	if (rc == DP_ENOTFOUND)
		dp_error_set("cannot read '%s': No such file or directory",
			     path);
	if (rc < 0)
		goto out;
	if (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) < 0) {
		rc = errno == ENOENT ? DP_ENOTFOUND : DP_EIO;
		dp_error_set_errno("cannot read '%s'", path);
		goto out;
	}
	if (S_ISLNK(sb.st_mode)) {
		dp_error_set("refusing to follow symbolic link '%s'", path);
		rc = DP_EINVALID;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		dp_error_set("cannot read '%s': not a regular file", path);
		rc = DP_EINVALID;
		goto out;
	}
	/*
	 * O_NONBLOCK: should a FIFO replace the file after the check above,
	 * opening it must not hang (with the devplan lock held).
	 */
	fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP) {
			dp_error_set("refusing to follow symbolic link '%s'",
				     path);
			rc = DP_EINVALID;
		} else {
			rc = errno == ENOENT ? DP_ENOTFOUND : DP_EIO;
			dp_error_set_errno("cannot read '%s'", path);
		}
		goto out;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		dp_error_set("cannot read '%s': not a regular file", path);
		rc = DP_EINVALID;
		goto out;
	}
	rc = read_fd(out, fd, path, max);
out:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int dp_store_exists(struct dp_store *st, const char *path)
{
	struct stat sb;

	if (dp_store_path_check(path) < 0)
		return 0;
	return stat_path(st, path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int dp_store_isdir(struct dp_store *st, const char *path)
{
	struct stat sb;

	if (*path && dp_store_path_check(path) < 0)
		return 0;
	return stat_path(st, path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int dp_store_list(struct dp_strlist *out, struct dp_store *st, const char *dir)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	char *path = dp_xstrdup(dir ? dir : "");
	const char *base;
	struct dirent *de;
	struct stat sb;
	DIR *d = NULL;
	int dfd = -1, fd = -1, rc = 0;
	size_t len = strlen(path);

	if (len && path[len - 1] == '/')
		path[len - 1] = '\0';
	if (!*path) {
		fd = open(st->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else {
		rc = dp_store_path_check(path);
		if (rc < 0)
			goto out;
		rc = open_parent(st, path, 0, &dfd, &base);
		if (rc == DP_ENOTFOUND) {
			rc = 0;
			goto out;
		}
		if (rc < 0)
			goto out;
		if (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) < 0) {
			if (errno != ENOENT) {
				dp_error_set_errno("cannot list '%s'", path);
				rc = DP_EIO;
			}
			goto out;
		}
		if (S_ISLNK(sb.st_mode)) {
			dp_error_set("refusing to follow symbolic link '%s'",
				     path);
			rc = DP_EINVALID;
			goto out;
		}
		if (!S_ISDIR(sb.st_mode)) {
			dp_error_set("cannot list '%s': Not a directory", path);
			rc = DP_EINVALID;
			goto out;
		}
		fd = openat(dfd, base,
			    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0) {
		dp_error_set_errno("cannot list '%s'", path);
		rc = DP_EIO;
		goto out;
	}
	d = fdopendir(fd);
	if (!d) {
		dp_error_set_errno("cannot list '%s'", path);
		rc = DP_EIO;
		goto out;
	}
	fd = -1; /* owned by d now */
	errno = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] != '.')
			dp_strlist_push(&names, de->d_name);
		errno = 0;
	}
	if (errno) {
		dp_error_set_errno("cannot list '%s'", path);
		rc = DP_EIO;
		goto out;
	}
	dp_strlist_sort(&names);
	for (size_t i = 0; i < names.len; i++)
		dp_strlist_push(out, names.items[i]);
out:
	if (d)
		closedir(d);
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	dp_strlist_release(&names);
	free(path);
	return rc;
}

/* ---- opening ---------------------------------------------------------- */

static char *with_slash(const char *s)
{
	struct dp_buf b = DP_BUF_INIT;

	dp_buf_adds(&b, s);
	if (!b.len || b.ptr[b.len - 1] != '/')
		dp_buf_addch(&b, '/');
	return dp_buf_detach(&b, NULL);
}

/* Where `start` lies in the work tree: "" or "people/alice/". */
static char *compute_prefix(const char *workdir, const char *start)
{
	struct dp_buf b = DP_BUF_INIT;
	char *real_start = realpath(start, NULL);
	char *real_top = realpath(workdir, NULL);
	size_t n;

	if (!real_start || !real_top)
		goto out;
	n = strlen(real_top);
	while (n > 1 && real_top[n - 1] == '/')
		n--;
	if (strncmp(real_start, real_top, n) || real_start[n] != '/')
		goto out;
	dp_buf_adds(&b, real_start + n + 1);
	if (b.len && b.ptr[b.len - 1] != '/')
		dp_buf_addch(&b, '/');
	/* Inside the git directory there is no prefix. */
	if (dp_starts_with(b.ptr, ".git/"))
		dp_buf_reset(&b);
out:
	free(real_start);
	free(real_top);
	return dp_buf_detach(&b, NULL);
}

static void lib_init(void)
{
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
}

int dp_store_open(struct dp_store **out, const char *start_dir)
{
	struct dp_store *st = NULL;
	git_repository *repo = NULL;
	const char *start = start_dir ? start_dir : ".";
	const char *path = start;
	unsigned flags = 0;
	int rc;

	*out = NULL;
	lib_init();
	if (!start_dir && getenv("GIT_DIR")) {
		flags = GIT_REPOSITORY_OPEN_FROM_ENV;
		path = NULL;
	}
	rc = git_repository_open_ext(&repo, path, flags,
				     getenv("GIT_CEILING_DIRECTORIES"));
	if (rc == GIT_ENOTFOUND) {
		char *abs = realpath(start, NULL);

		dp_error_set("not a git repository (or any of the parent "
			     "directories): '%s'",
			     abs ? abs : start);
		free(abs);
		rc = DP_ENOREPO;
		goto out;
	}
	if (rc < 0) {
		dp_error_set("cannot open the repository at '%s': %s", start,
			     git_msg());
		rc = DP_ENOREPO;
		goto out;
	}
	if (git_repository_is_bare(repo) || !git_repository_workdir(repo)) {
		dp_error_set("'%s' is a bare repository: devplan needs a work "
			     "tree",
			     git_repository_path(repo));
		rc = DP_ENOREPO;
		goto out;
	}
	st = dp_xcalloc(1, sizeof(*st));
	st->repo = repo;
	repo = NULL;
	st->lock_fd = -1;
	st->pdir_fd = -1;
	dp_buf_init(&st->pdir, 0);
	st->workdir = with_slash(git_repository_workdir(st->repo));
	st->gitdir = with_slash(git_repository_path(st->repo));
	st->commondir = with_slash(git_repository_commondir(st->repo));
	st->prefix = compute_prefix(st->workdir, start);
	*out = st;
	st = NULL;
	rc = 0;
out:
	git_repository_free(repo);
	if (rc < 0)
		git_libgit2_shutdown();
	return rc;
}

/* init.defaultBranch from the user's config, else "main". */
static int default_branch(struct dp_buf *out)
{
	git_config *cfg = NULL;
	git_buf val = { 0 };
	struct dp_buf ref = DP_BUF_INIT;
	int valid = 0, rc = 0;

	if (git_config_open_default(&cfg) == 0 &&
	    git_config_get_string_buf(&val, cfg, "init.defaultbranch") == 0 &&
	    val.ptr && *val.ptr)
		dp_buf_adds(out, val.ptr);
	else
		dp_buf_adds(out, "main");
	git_error_clear();
	dp_buf_addf(&ref, "refs/heads/%s", out->ptr);
	if (git_reference_name_is_valid(&valid, ref.ptr) < 0 || !valid) {
		dp_error_set("invalid branch name '%s' in init.defaultBranch",
			     out->ptr);
		rc = DP_EINVALID;
	}
	git_buf_dispose(&val);
	git_config_free(cfg);
	dp_buf_release(&ref);
	return rc;
}

int dp_store_init(struct dp_store **out, const char *dir)
{
	git_repository_init_options opts;
	git_repository *repo = NULL;
	struct dp_buf branch = DP_BUF_INIT;
	const char *d = dir ? dir : ".";
	int rc;

	*out = NULL;
	lib_init();
	if (git_repository_open_ext(NULL, d, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) == 0)
		goto open;
	git_error_clear();
	rc = default_branch(&branch);
	if (rc < 0)
		goto out;
	git_repository_init_options_init(&opts,
					 GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	opts.initial_head = branch.ptr;
	if (git_repository_init_ext(&repo, d, &opts) < 0) {
		dp_error_set("cannot create a repository at '%s': %s", d,
			     git_msg());
		rc = DP_EIO;
		goto out;
	}
open:
	rc = dp_store_open(out, d);
out:
	git_repository_free(repo);
	dp_buf_release(&branch);
	git_libgit2_shutdown();
	return rc;
}

void dp_store_free(struct dp_store *st)
{
	if (!st)
		return;
	if (st->lock_fd >= 0) {
		st->lock_depth = 0;
		dp_store_unlock(st);
	}
	pdir_drop(st);
	git_repository_free(st->repo);
	free(st->workdir);
	free(st->gitdir);
	free(st->commondir);
	free(st->prefix);
	free(st);
	git_libgit2_shutdown();
}

const char *dp_store_workdir(const struct dp_store *st)
{
	return st->workdir;
}

const char *dp_store_gitdir(const struct dp_store *st)
{
	return st->gitdir;
}

void *dp_store_git_repository(struct dp_store *st)
{
	return st ? st->repo : NULL;
}

const char *dp_store_prefix(const struct dp_store *st)
{
	return st->prefix;
}

/* ---- HEAD ------------------------------------------------------------- */

static int head_tree(git_tree **out, struct dp_store *st)
{
	git_reference *head = NULL;
	git_object *obj = NULL;
	int rc;

	*out = NULL;
	rc = git_repository_head(&head, st->repo);
	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
		rc = DP_ENOTFOUND;
		goto out;
	}
	if (rc < 0 || (rc = git_reference_peel(&obj, head, GIT_OBJECT_TREE))) {
		dp_error_set("cannot read HEAD: %s", git_msg());
		rc = DP_EIO;
		goto out;
	}
	*out = (git_tree *)obj;
	obj = NULL;
out:
	git_object_free(obj);
	git_reference_free(head);
	return rc;
}

int dp_store_read_head(struct dp_buf *out, struct dp_store *st,
		       const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int rc;

	rc = dp_store_path_check(path);
	if (rc < 0)
		goto out;
	rc = head_tree(&tree, st);
	if (rc == DP_ENOTFOUND)
		dp_error_set("'%s' does not exist in HEAD", path);
	if (rc < 0)
		goto out;
	rc = git_tree_entry_bypath(&entry, tree, path);
	if (rc == GIT_ENOTFOUND) {
		dp_error_set("'%s' does not exist in HEAD", path);
		rc = DP_ENOTFOUND;
		goto out;
	}
	if (rc < 0) {
		dp_error_set("cannot read '%s' from HEAD: %s", path, git_msg());
		rc = DP_EIO;
		goto out;
	}
	if (git_tree_entry_filemode(entry) != GIT_FILEMODE_BLOB &&
	    git_tree_entry_filemode(entry) != GIT_FILEMODE_BLOB_EXECUTABLE) {
		dp_error_set("'%s' is not a regular file in HEAD", path);
		rc = DP_EINVALID;
		goto out;
	}
	if (git_blob_lookup(&blob, st->repo, git_tree_entry_id(entry)) < 0) {
		dp_error_set("cannot read '%s' from HEAD: %s", path, git_msg());
		rc = DP_EIO;
		goto out;
	}
	dp_buf_add(out, git_blob_rawcontent(blob),
		   (size_t)git_blob_rawsize(blob));
	rc = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return rc;
}

/* ---- the devplan lock ------------------------------------------------- */

/*
 * POSIX record locks belong to the process, and closing any descriptor of
 * the file drops them: a second store of the same repository in this
 * process must neither "share" the lock nor open the file and close it.
 * The stores holding a lock are listed here, and a lock file is known by
 * its device and inode, however its path is spelled.
 */
static struct dp_store *lock_holders;
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
	for (struct dp_store *h = lock_holders; h; h = h->lock_next)
		if (h->lock_dev == sb.st_dev && h->lock_ino == sb.st_ino)
			return 1;
	return 0;
}

int dp_store_lock(struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT;
	struct backoff b;
	struct stat sb;
	int fd = -1, rc = 0;

	if (st->lock_fd >= 0) {
		st->lock_depth++;
		goto out;
	}
	dp_buf_addf(&path, "%s%s", st->commondir, LOCK_FILE);
	if (held_here(path.ptr)) {
		dp_error_set("cannot lock '%s': already locked by this process",
			     path.ptr);
		rc = DP_ELOCKED;
		goto out;
	}
	/*
	 * A persistent file with a POSIX record lock: the kernel drops the
	 * lock when its holder exits, so a crash leaves nothing stale.
	 */
	fd = open(path.ptr, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0 || fstat(fd, &sb) < 0) {
		dp_error_set_errno("cannot lock '%s'", path.ptr);
		rc = DP_EIO;
		goto out;
	}
	backoff_start(&b, lock_timeout(st));
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
			dp_error_set_errno("cannot lock '%s'", path.ptr);
			rc = DP_EIO;
			goto out;
		}
		if (backoff_wait(&b) < 0) {
			dp_error_set("cannot lock '%s': another devplan "
				     "command is running",
				     path.ptr);
			rc = DP_ELOCKED;
			goto out;
		}
	}
	st->lock_fd = fd;
	st->lock_depth = 1;
	st->lock_dev = sb.st_dev;
	st->lock_ino = sb.st_ino;
	st->lock_next = lock_holders;
	lock_holders = st;
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	dp_buf_release(&path);
	return rc;
}

void dp_store_unlock(struct dp_store *st)
{
	struct flock fl;

	if (!st || st->lock_fd < 0)
		return;
	if (--st->lock_depth > 0)
		return;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	fcntl(st->lock_fd, F_SETLK, &fl);
	close(st->lock_fd);
	st->lock_fd = -1;
	st->lock_depth = 0;
	if (lock_holders_pid == getpid()) {
		for (struct dp_store **h = &lock_holders; *h;
		     h = &(*h)->lock_next) {
			if (*h == st) {
				*h = st->lock_next;
				break;
			}
		}
	}
	st->lock_next = NULL;
}

/* ---- status ----------------------------------------------------------- */

/*
 * Whether `path` (a file or a folder) has staged, unstaged or untracked
 * changes: a status limited to that path, so its cost does not grow with
 * the rest of the repository.
 */
static int is_dirty(struct dp_store *st, const char *path, int *dirty)
{
	git_status_options opts;
	git_status_list *list = NULL;
	char *spec = dp_xstrdup(path);
	int rc = 0;

	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES |
		     GIT_STATUS_OPT_DISABLE_PATHSPEC_MATCH;
	opts.pathspec.strings = &spec;
	opts.pathspec.count = 1;
	if (git_status_list_new(&list, st->repo, &opts) < 0) {
		dp_error_set("cannot read the status of '%s': %s", path,
			     git_msg());
		rc = DP_EIO;
		goto out;
	}
	*dirty = git_status_list_entrycount(list) > 0;
out:
	git_status_list_free(list);
	free(spec);
	return rc;
}

int dp_store_check_clean(struct dp_store *st, const char *path)
{
	int rc, dirty = 0;

	rc = dp_store_path_check(path);
	if (rc == 0)
		rc = is_dirty(st, path, &dirty);
	if (rc == 0 && dirty) {
		dp_error_set("'%s' has uncommitted changes; commit or stash "
			     "them first",
			     path);
		rc = DP_EDIRTY;
	}
	return rc;
}

/* ---- identity --------------------------------------------------------- */

static int getenv_nonempty(const char *name, const char **out)
{
	const char *v = getenv(name);

	*out = v && *v ? v : NULL;
	return !!*out;
}

static void lib_init(void);

static int config_string(struct dp_buf *out, struct dp_store *st,
			 const char *name)
{
	git_config *cfg = NULL;
	git_buf val = { 0 };
	int rc;

	if (st) {
		rc = git_repository_config(&cfg, st->repo);
	} else {
		lib_init();
		rc = git_config_open_default(&cfg);
	}
	if (rc == 0)
		rc = git_config_get_string_buf(&val, cfg, name);
	if (rc == 0)
		dp_buf_adds(out, val.ptr ? val.ptr : "");
	git_buf_dispose(&val);
	git_config_free(cfg);
	return rc;
}

static int all_digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return n > 0 && i == n;
}

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100) || y % 400 == 0;

	return days[m - 1] + (m == 2 && leap);
}

/* "+0100", "+01:00", "+01", "Z": advances *s; -1 when there is none. */
static int parse_tz(const char **s, int *minutes)
{
	const char *p = *s;
	int sign = 1, h = 0, m = 0, rc = -1;

	if (*p == 'Z' || *p == 'z') {
		p++;
		goto done;
	}
	if (*p != '+' && *p != '-')
		goto out;
	sign = *p++ == '-' ? -1 : 1;
	if (!all_digits(p, 2))
		goto out;
	h = num(p, 2);
	p += 2;
	if (*p == ':')
		p++;
	if (all_digits(p, 2)) {
		m = num(p, 2);
		p += 2;
	}
	if (h > 23 || m > 59)
		goto out;
done:
	*minutes = sign * (h * 60 + m);
	*s = p;
	rc = 0;
out:
	return rc;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The offset of local time from UTC at `t`, in minutes. */
static int local_offset(time_t t)
{
	struct tm lt, gt;
	long long l, g;
	int ret = 0;

	if (localtime_r(&t, &lt) && gmtime_r(&t, &gt)) {
		l = days_from_civil(lt.tm_year + 1900LL, lt.tm_mon + 1,
				    lt.tm_mday) *
			86400 +
		    lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec;
		g = days_from_civil(gt.tm_year + 1900LL, gt.tm_mon + 1,
				    gt.tm_mday) *
			86400 +
		    gt.tm_hour * 3600 + gt.tm_min * 60 + gt.tm_sec;
		ret = (int)((l - g) / 60);
	}
	return ret;
}

/* 1..12 for an English month abbreviation at `p`, else 0. */
static int month_number(const char *p)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int ret = 0;

	for (int i = 0; i < 12 && !ret; i++)
		if ((p[0] | 0x20) == names[3 * i] &&
		    (p[1] | 0x20) == names[3 * i + 1] &&
		    (p[2] | 0x20) == names[3 * i + 2])
			ret = i + 1;
	return ret;
}

/* A calendar date and time of day, as written. */
struct civil {
	int y, mo, d, h, mi, sec;
};

/* "2026-11-22", then "T10:00", "T10:00:00" or " 10:00:00.5". */
static const char *parse_iso(const char *p, struct civil *c)
{
	const char *q;

	c->y = num(p, 4);
	c->mo = num(p + 5, 2);
	c->d = num(p + 8, 2);
	p += 10;
	q = p + 1;
	if ((*p == 'T' || *p == 't' || *p == ' ') && all_digits(q, 2) &&
	    q[2] == ':' && all_digits(q + 3, 2)) {
		c->h = num(q, 2);
		c->mi = num(q + 3, 2);
		q += 5;
		if (*q == ':' && all_digits(q + 1, 2)) {
			c->sec = num(q + 1, 2);
			q += 3;
		}
		if (*q == '.' || *q == ',')
			for (q++; *q >= '0' && *q <= '9'; q++)
				;
		p = q;
	}
	return p;
}

/* "Sun, 22 Nov 2026 10:00:00" or "22 Nov 2026 10:00"; NULL if not. */
static const char *parse_rfc2822(const char *p, struct civil *c)
{
	const char *ret = NULL;

	if (p[0] && p[1] && p[2] && p[3] == ',')
		p = skip_spaces(p + 4);
	if (!all_digits(p, 1))
		goto out;
	c->d = *p++ - '0';
	if (all_digits(p, 1))
		c->d = c->d * 10 + (*p++ - '0');
	p = skip_spaces(p);
	c->mo = month_number(p);
	if (!c->mo)
		goto out;
	p = skip_spaces(p + 3);
	if (!all_digits(p, 4))
		goto out;
	c->y = num(p, 4);
	p = skip_spaces(p + 4);
	if (!all_digits(p, 2) || p[2] != ':' || !all_digits(p + 3, 2))
		goto out;
	c->h = num(p, 2);
	c->mi = num(p + 3, 2);
	p += 5;
	if (*p == ':' && all_digits(p + 1, 2)) {
		c->sec = num(p + 1, 2);
		p += 3;
	}
	ret = p;
out:
	return ret;
}

/* "1795000000 +0000" or "@1795000000 +0000"; NULL if not. */
static const char *parse_epoch(const char *p, long long *when)
{
	const char *ret = NULL;
	int digits = 0;

	if (*p == '@')
		p++;
	for (*when = 0; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
		*when = *when * 10 + (*p - '0');
	if (digits && !(*p >= '0' && *p <= '9'))
		ret = p;
	return ret;
}

/*
 * Dates as git takes them in GIT_AUTHOR_DATE: "1795000000 +0000",
 * "@1795000000 +0000", ISO 8601 "2026-11-22T10:00:00+01:00" or
 * "2026-11-22 10:00:00 +0100" (local time without a zone), and RFC 2822
 * "Sun, 22 Nov 2026 10:00:00 +0100".
 */
static int parse_git_date(const char *s, long long *when, int *offset)
{
	const char *p = skip_spaces(s), *after;
	struct civil c;
	int tz = 0, have_tz = 0, epoch = 0, rc = -1;

	memset(&c, 0, sizeof(c));
	if (all_digits(p, 4) && p[4] == '-' && all_digits(p + 5, 2) &&
	    p[7] == '-' && all_digits(p + 8, 2)) {
		p = parse_iso(p, &c);
	} else if ((after = parse_epoch(p, when)) &&
		   (*p == '@' || !month_number(skip_spaces(after)))) {
		p = after;
		epoch = 1;
	} else {
		p = parse_rfc2822(p, &c);
	}
	if (!p)
		goto out;
	p = skip_spaces(p);
	if (*p) {
		if (parse_tz(&p, &tz) < 0)
			goto out;
		have_tz = 1;
	}
	if (*skip_spaces(p))
		goto out;
	if (epoch) {
		*offset = tz;
		rc = 0;
		goto out;
	}
	if (c.y < 1970 || c.mo < 1 || c.mo > 12 || c.d < 1 ||
	    c.d > days_in_month(c.y, c.mo) || c.h > 23 || c.mi > 59 ||
	    c.sec > 60)
		goto out;
	if (have_tz) {
		*when = days_from_civil(c.y, c.mo, c.d) * 86400 + c.h * 3600 +
			c.mi * 60 + c.sec - tz * 60LL;
		*offset = tz;
	} else {
		struct tm tm;
		time_t t;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = c.y - 1900;
		tm.tm_mon = c.mo - 1;
		tm.tm_mday = c.d;
		tm.tm_hour = c.h;
		tm.tm_min = c.mi;
		tm.tm_sec = c.sec;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			goto out;
		*when = (long long)t;
		*offset = local_offset(t);
	}
	rc = 0;
out:
	return rc;
}

/* The identity git would use: `who` is "AUTHOR" or "COMMITTER". */
static int signature(git_signature **out, struct dp_store *st, const char *who,
		     const struct dp_ident *ident)
{
	struct dp_buf var = DP_BUF_INIT, name = DP_BUF_INIT,
		      email = DP_BUF_INIT;
	const char *v;
	long long when;
	int offset, rc = 0;

	*out = NULL;
	if (ident && ident->name && ident->email) {
		dp_buf_adds(&name, ident->name);
		dp_buf_adds(&email, ident->email);
		goto date;
	}
	dp_buf_addf(&var, "GIT_%s_NAME", who);
	if (getenv_nonempty(var.ptr, &v))
		dp_buf_adds(&name, v);
	else if (config_string(&name, st, "user.name") < 0 || !name.len) {
		git_error_clear();
		dp_error_set("cannot tell who you are: user.name is not set; "
			     "run git config --global user.name 'Your Name'");
		rc = DP_ENOIDENT;
		goto out;
	}
	dp_buf_reset(&var);
	dp_buf_addf(&var, "GIT_%s_EMAIL", who);
	if (getenv_nonempty(var.ptr, &v))
		dp_buf_adds(&email, v);
	else if ((config_string(&email, st, "user.email") < 0 || !email.len) &&
		 getenv_nonempty("EMAIL", &v))
		dp_buf_adds(&email, v);
	git_error_clear();
	if (!email.len) {
		dp_error_set("cannot tell who you are: user.email is not set; "
			     "run git config --global user.email "
			     "'you@example.com'");
		rc = DP_ENOIDENT;
		goto out;
	}
date:
	dp_buf_reset(&var);
	dp_buf_addf(&var, "GIT_%s_DATE", who);
	if (getenv_nonempty(var.ptr, &v)) {
		if (parse_git_date(v, &when, &offset) < 0) {
			dp_error_set("invalid date format '%s' in %s", v,
				     var.ptr);
			rc = DP_EINVALID;
			goto out;
		}
		rc = git_signature_new(out, name.ptr, email.ptr,
				       (git_time_t)when, offset);
	} else {
		rc = git_signature_now(out, name.ptr, email.ptr);
	}
	if (rc < 0) {
		dp_error_set("invalid identity '%s <%s>': %s", name.ptr,
			     email.ptr, git_msg());
		rc = DP_ENOIDENT;
	}
out:
	dp_buf_release(&var);
	dp_buf_release(&name);
	dp_buf_release(&email);
	return rc;
}

int dp_store_user_email(struct dp_buf *out, struct dp_store *st)
{
	const char *v;
	int rc = 0;

	if (getenv_nonempty("GIT_AUTHOR_EMAIL", &v)) {
		dp_buf_adds(out, v);
		goto out;
	}
	{
		struct dp_buf email = DP_BUF_INIT;

		if (config_string(&email, st, "user.email") == 0 && email.len)
			dp_buf_add(out, email.ptr, email.len);
		else if (getenv_nonempty("EMAIL", &v))
			dp_buf_adds(out, v);
		else
			rc = DP_ENOIDENT;
		git_error_clear();
		dp_buf_release(&email);
	}
	if (rc < 0)
		dp_error_set("cannot tell who you are: user.email is not set; "
			     "run git config --global user.email "
			     "'you@example.com'");
out:
	return rc;
}

/* ---- config ----------------------------------------------------------- */

int dp_store_config_get(struct dp_buf *out, struct dp_store *st,
			const char *name)
{
	int rc = config_string(out, st, name);

	if (rc == GIT_ENOTFOUND) {
		dp_error_set("'%s' is not set", name);
		rc = DP_ENOTFOUND;
	} else if (rc < 0) {
		dp_error_set("cannot read config '%s': %s", name, git_msg());
		rc = rc == GIT_EINVALIDSPEC ? DP_EINVALID : DP_EIO;
	}
	git_error_clear();
	return rc;
}

int dp_store_config_set(struct dp_store *st, const char *name,
			const char *value)
{
	git_config *cfg = NULL, *local = NULL;
	struct backoff b;
	int rc;

	rc = git_repository_config(&cfg, st->repo);
	if (rc == 0)
		rc = git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL);
	if (rc < 0) {
		dp_error_set("cannot set '%s': %s", name, git_msg());
		rc = DP_EIO;
		goto out;
	}
	backoff_start(&b, lock_timeout(st));
	while ((rc = git_config_set_string(local, name, value)) ==
	       GIT_ELOCKED) {
		if (backoff_wait(&b) < 0)
			break;
	}
	if (rc < 0) {
		dp_error_set("cannot set '%s': %s", name, git_msg());
		rc = rc == GIT_ELOCKED        ? DP_ELOCKED
		     : rc == GIT_EINVALIDSPEC ? DP_EINVALID
					      : DP_EIO;
	}
out:
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

/* ---- cache ------------------------------------------------------------ */

static int cache_name_check(const char *name)
{
	if (!name || !*name || name[0] == '.' || strchr(name, '/') ||
	    dp_store_path_check(name) < 0) {
		dp_error_set("invalid cache name '%s'", name ? name : "");
		return DP_EINVALID;
	}
	return 0;
}

int dp_store_cache_read(struct dp_buf *out, struct dp_store *st,
			const char *name)
{
	struct dp_buf path = DP_BUF_INIT;
	int fd = -1, rc;

	rc = cache_name_check(name);
	if (rc < 0)
		goto out;
	dp_store_cache_path(&path, st, name);
	fd = open(path.ptr, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		rc = errno == ENOENT ? DP_ENOTFOUND : DP_EIO;
		dp_error_set_errno("cannot read '%s'", path.ptr);
		goto out;
	}
	rc = read_fd(out, fd, path.ptr, CACHE_MAX);
out:
	if (fd >= 0)
		close(fd);
	dp_buf_release(&path);
	return rc;
}

void dp_store_cache_path(struct dp_buf *out, const struct dp_store *st,
			 const char *name)
{
	dp_buf_addf(out, "%s%s/%s", st->commondir, CACHE_DIR, name);
}

int dp_store_cache_write(struct dp_store *st, const char *name,
			 const char *data, size_t len)
{
	struct dp_buf dir = DP_BUF_INIT, display = DP_BUF_INIT;
	int dfd = -1, rc;

	rc = cache_name_check(name);
	if (rc < 0)
		goto out;
	dp_buf_addf(&dir, "%s%s", st->commondir, CACHE_DIR);
	dp_buf_addf(&display, "%s/%s", dir.ptr, name);
	if (mkdir(dir.ptr, 0777) < 0 && errno != EEXIST) {
		dp_error_set_errno("cannot create '%s'", dir.ptr);
		rc = DP_EIO;
		goto out;
	}
	dfd = open(dir.ptr, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		dp_error_set_errno("cannot open '%s'", dir.ptr);
		rc = DP_EIO;
		goto out;
	}
	rc = atomic_write_at(dfd, name, display.ptr, data, len);
out:
	if (dfd >= 0)
		close(dfd);
	dp_buf_release(&dir);
	dp_buf_release(&display);
	return rc;
}

/* ---- commit ----------------------------------------------------------- */

/* Waits while git's index.lock is held, before touching anything. */
static int wait_index_lock(struct dp_store *st, git_index *idx,
			   struct backoff *b)
{
	struct dp_buf lock = DP_BUF_INIT;
	struct stat sb;
	int rc = 0;

	if (!git_index_path(idx))
		goto out;
	dp_buf_addf(&lock, "%s.lock", git_index_path(idx));
	while (lstat(lock.ptr, &sb) == 0) {
		if (backoff_wait(b) < 0) {
			dp_error_set("cannot lock '%s': File exists; another "
				     "git process seems to be running in this "
				     "repository",
				     lock.ptr);
			rc = DP_ELOCKED;
			goto out;
		}
	}
out:
	dp_buf_release(&lock);
	return rc;
}

static void add_subject(struct dp_buf *out, const char *message)
{
	size_t n = strcspn(message, "\n");

	dp_buf_add(out, message, n);
}

/* What HEAD's tree held at one of the paths when the commit started. */
struct base_entry {
	git_oid id;
	int present;
};

/*
 * One attempt at committing on HEAD: reads HEAD, builds the tree, writes
 * the commit and moves the branch if it still points where it did.
 * Returns libgit2's code (GIT_EMODIFIED, GIT_ELOCKED: try again) and the
 * name of the reference in `refname`. The first attempt notes in `seen`
 * what HEAD held at each path; when a later attempt finds that another
 * commit changed one of them, it returns GIT_EUSER with `*conflict` set,
 * rather than overwrite that change.
 */
static int commit_once(struct dp_store *st, const git_tree_update *updates,
		       size_t n, const char *message,
		       const git_signature *author,
		       const git_signature *committer, struct base_entry *seen,
		       int *seen_valid, const char **conflict, git_oid *out,
		       struct dp_buf *refname)
{
	git_reference *ref = NULL, *next = NULL, *newref = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_tree_update *todo = dp_xcalloc(n, sizeof(*todo));
	struct dp_buf log = DP_BUF_INIT;
	git_oid old, tree_id;
	size_t m = 0;
	int rc, unborn = 0, depth;

	memset(&old, 0, sizeof(old));
	dp_buf_reset(refname);
	dp_buf_adds(refname, "HEAD");
	rc = git_reference_lookup(&ref, st->repo, "HEAD");
	if (rc < 0)
		goto out;
	for (depth = 0; git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC;
	     depth++) {
		const char *target = git_reference_symbolic_target(ref);

		if (depth > 5) {
			git_error_set_str(GIT_ERROR_REFERENCE,
					  "HEAD: too many symbolic references");
			rc = -1;
			goto out;
		}
		dp_buf_reset(refname);
		dp_buf_adds(refname, target);
		rc = git_reference_lookup(&next, st->repo, target);
		if (rc == GIT_ENOTFOUND) {
			unborn = 1;
			break;
		}
		if (rc < 0)
			goto out;
		git_reference_free(ref);
		ref = next;
		next = NULL;
	}
	if (!unborn) {
		git_oid_cpy(&old, git_reference_target(ref));
		rc = git_commit_lookup(&parent, st->repo, &old);
		if (rc == 0)
			rc = git_commit_tree(&base, parent);
		if (rc < 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		git_tree_entry *e = NULL;
		struct base_entry now;

		memset(&now, 0, sizeof(now));
		if (base && !git_tree_entry_bypath(&e, base, updates[i].path)) {
			now.present = 1;
			git_oid_cpy(&now.id, git_tree_entry_id(e));
			git_tree_entry_free(e);
		}
		if (!*seen_valid) {
			seen[i] = now;
		} else if (now.present != seen[i].present ||
			   (now.present &&
			    !git_oid_equal(&now.id, &seen[i].id))) {
			*conflict = updates[i].path;
			rc = GIT_EUSER;
			goto out;
		}
		/* Removing what is not there is a no-op. */
		if (updates[i].action != GIT_TREE_UPDATE_REMOVE || now.present)
			todo[m++] = updates[i];
	}
	*seen_valid = 1;
	git_error_clear();
	rc = git_tree_create_updated(&tree_id, st->repo, base, m, todo);
	if (rc == 0)
		rc = git_tree_lookup(&tree, st->repo, &tree_id);
	if (rc == 0) {
		const git_commit *parents[1];

		parents[0] = parent;
		rc = git_commit_create(out, st->repo, NULL, author, committer,
				       NULL, message, tree, parent ? 1 : 0,
				       parents);
	}
	if (rc < 0)
		goto out;
	dp_buf_adds(&log, unborn ? "commit (initial): " : "commit: ");
	add_subject(&log, message);
	/* All zeros: fails with GIT_EMODIFIED if the branch now exists. */
	rc = git_reference_create_matching(&newref, st->repo, refname->ptr, out,
					   1, &old, log.ptr);
out:
	git_reference_free(newref);
	git_reference_free(next);
	git_reference_free(ref);
	git_commit_free(parent);
	git_tree_free(base);
	git_tree_free(tree);
	free(todo);
	dp_buf_release(&log);
	return rc;
}

/* Updates the index entries of the committed paths and no others. */
/* A work-tree file as it was before the commit touched it. */
struct saved_file {
	struct dp_buf text;
	int existed;
	int touched;
	struct stat written; /* the file as the commit wrote it */
};

/*
 * The index entry of a file the commit wrote: the committed blob with the
 * file's stat data as written. Should the file change again before the
 * index is updated, git then sees an unstaged change instead of staging
 * an edit nobody committed.
 */
static int index_add_written(git_index *idx, const char *path,
			     const git_oid *id, const struct stat *sb)
{
	git_index_entry e;

	memset(&e, 0, sizeof(e));
	e.ctime.seconds = (int32_t)sb->st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)sb->st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)sb->st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)sb->st_mtim.tv_nsec;
	e.dev = (uint32_t)sb->st_dev;
	e.ino = (uint32_t)sb->st_ino;
	e.mode = GIT_FILEMODE_BLOB;
	e.uid = (uint32_t)sb->st_uid;
	e.gid = (uint32_t)sb->st_gid;
	e.file_size = (uint32_t)sb->st_size;
	git_oid_cpy(&e.id, id);
	e.path = path;
	return git_index_add(idx, &e);
}

static int update_index(struct dp_store *st, git_index *idx,
			const struct dp_change *changes,
			const git_tree_update *updates,
			const struct saved_file *saved, size_t n,
			struct backoff *b)
{
	int rc;

	for (;;) {
		rc = git_index_read(idx, 0);
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc =
			    changes[i].content
				? index_add_written(idx, changes[i].path,
						    &updates[i].id,
						    &saved[i].written)
				: git_index_remove_bypath(idx, changes[i].path);
		if (rc == 0)
			rc = git_index_write(idx);
		if (rc != GIT_ELOCKED || backoff_wait(b) < 0)
			break;
	}
	if (rc == GIT_ELOCKED) {
		dp_error_set("cannot lock '%s.lock': File exists; another git "
			     "process seems to be running in this repository",
			     git_index_path(idx));
		rc = DP_ELOCKED;
	} else if (rc < 0) {
		dp_error_set("cannot update the index: %s", git_msg());
		rc = DP_EIO;
	}
	return rc;
}

/*
 * Puts back the files a failed commit wrote, keeping the error message
 * of the failure.
 */
static void restore_files(struct dp_store *st, const struct dp_change *changes,
			  struct saved_file *saved, size_t n)
{
	struct dp_buf msg = DP_BUF_INIT;

	dp_buf_adds(&msg, dp_error_last());
	for (size_t i = n; i-- > 0;) {
		if (!saved[i].touched)
			continue;
		if (saved[i].existed)
			write_file(st, changes[i].path, saved[i].text.ptr,
				   saved[i].text.len);
		else
			delete_file(st, changes[i].path);
	}
	dp_error_set("%s", msg.ptr);
	dp_buf_release(&msg);
}

static int check_changes(const struct dp_change *changes, size_t n,
			 const char *message)
{
	int rc = 0;

	if (!n) {
		dp_error_set("nothing to commit");
		rc = DP_EINVALID;
		goto out;
	}
	if (!message || !*message) {
		dp_error_set("empty commit message");
		rc = DP_EINVALID;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		rc = dp_store_path_check(changes[i].path);
		if (rc < 0)
			goto out;
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(changes[i].path, changes[j].path)) {
				dp_error_set("'%s' is changed twice in one "
					     "commit",
					     changes[i].path);
				rc = DP_EINVALID;
				goto out;
			}
		}
	}
out:
	return rc;
}

/*
 * Writes the changes to the work tree and makes their blobs. What each
 * file held before goes to `saved`, so that a failure can be undone.
 */
static int write_changes(struct dp_store *st, const struct dp_change *changes,
			 size_t n, struct saved_file *saved,
			 git_tree_update *updates)
{
	int rc = 0;

	/* Read everything first: a link or a folder stops us early. */
	for (size_t i = 0; i < n; i++) {
		rc = dp_store_read(&saved[i].text, st, changes[i].path,
				   SAVED_MAX);
		saved[i].existed = rc == 0;
		if (rc == DP_ENOTFOUND)
			rc = 0;
		if (rc < 0)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		updates[i].path = changes[i].path;
		saved[i].touched = 1;
		if (!changes[i].content) {
			updates[i].action = GIT_TREE_UPDATE_REMOVE;
			rc = delete_file(st, changes[i].path);
			if (rc < 0)
				goto out;
			continue;
		}
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		rc = write_file(st, changes[i].path, changes[i].content,
				changes[i].len);
		if (rc == 0)
			rc = stat_path(st, changes[i].path, &saved[i].written);
		if (rc < 0)
			goto out;
		/* Through git's filters, exactly as `git add` would. */
		if (git_blob_create_from_workdir(&updates[i].id, st->repo,
						 changes[i].path) < 0) {
			dp_error_set("cannot add '%s': %s", changes[i].path,
				     git_msg());
			rc = DP_EIO;
			goto out;
		}
	}
out:
	return rc;
}

int dp_store_identity(struct dp_store *st, struct dp_buf *name,
		      struct dp_buf *email)
{
	const char *v;

	lib_init();
	if (getenv_nonempty("GIT_COMMITTER_NAME", &v))
		dp_buf_adds(name, v);
	else if (config_string(name, st, "user.name") < 0)
		dp_buf_reset(name);
	if (getenv_nonempty("GIT_COMMITTER_EMAIL", &v))
		dp_buf_adds(email, v);
	else if (config_string(email, st, "user.email") < 0 || !email->len) {
		dp_buf_reset(email);
		if (getenv_nonempty("EMAIL", &v))
			dp_buf_adds(email, v);
	}
	git_error_clear();
	return 0;
}

int dp_store_commit(struct dp_store *st, const struct dp_change *changes,
		    size_t n, const char *message, const struct dp_ident *aut,
		    const struct dp_ident *com, char *out_oid)
{
	git_signature *author = NULL, *committer = NULL;
	git_tree_update *updates = NULL;
	git_index *idx = NULL;
	struct saved_file *saved = NULL;
	struct base_entry *seen = NULL;
	struct dp_buf msg = DP_BUF_INIT, refname = DP_BUF_INIT;
	const char *conflict = NULL;
	struct backoff b;
	git_oid oid;
	int rc, attempts = 0, seen_valid = 0, committed = 0;

	if (out_oid)
		out_oid[0] = '\0';
	rc = check_changes(changes, n, message);
	if (rc < 0)
		goto out;
	dp_buf_adds(&msg, message);
	if (msg.ptr[msg.len - 1] != '\n')
		dp_buf_addch(&msg, '\n');

	rc = signature(&author, st, "AUTHOR", aut);
	if (rc == DP_ENOIDENT && !aut && com) /* as git: fall back */
		rc = signature(&author, st, "AUTHOR", com);
	if (rc == 0)
		rc = signature(&committer, st, "COMMITTER", com);
	if (rc < 0)
		goto out;
	if (git_repository_index(&idx, st->repo) < 0) {
		dp_error_set("cannot read the index: %s", git_msg());
		rc = DP_EIO;
		goto out;
	}
	backoff_start(&b, lock_timeout(st));
	rc = wait_index_lock(st, idx, &b);
	if (rc < 0)
		goto out;

	saved = dp_xcalloc(n, sizeof(*saved));
	for (size_t i = 0; i < n; i++)
		dp_buf_init(&saved[i].text, 0);
	updates = dp_xcalloc(n, sizeof(*updates));
	seen = dp_xcalloc(n, sizeof(*seen));
	rc = write_changes(st, changes, n, saved, updates);
	if (rc < 0)
		goto out;

	backoff_start(&b, lock_timeout(st));
	for (;;) {
		rc = commit_once(st, updates, n, msg.ptr, author, committer,
				 seen, &seen_valid, &conflict, &oid, &refname);
		if (rc == 0)
			break;
		if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
			/* HEAD moved under us: rebuild on the new HEAD. */
			if (++attempts < MAX_COMMIT_ATTEMPTS) {
				sleep_ms(attempts > 3 ? 1 : 0);
				continue;
			}
			dp_error_set("cannot update '%s': it keeps moving",
				     refname.ptr);
			rc = DP_ELOCKED;
			goto out;
		}
		if (rc == GIT_ELOCKED) {
			if (backoff_wait(&b) == 0)
				continue;
			dp_error_set("cannot lock '%s%s.lock': File exists; "
				     "another git process seems to be running "
				     "in this repository",
				     strcmp(refname.ptr, "HEAD") ? st->commondir
								 : st->gitdir,
				     refname.ptr);
			rc = DP_ELOCKED;
			goto out;
		}
		if (rc == GIT_EUSER) {
			dp_error_set(
			    "'%s' was changed by another commit in the "
			    "meantime; run the command again",
			    conflict);
			rc = DP_EDIRTY;
			goto out;
		}
		dp_error_set("cannot commit: %s", git_msg());
		rc = map_git(rc);
		goto out;
	}
	committed = 1;
	if (out_oid)
		git_oid_tostr(out_oid, GIT_OID_HEXSZ + 1, &oid);

	backoff_start(&b, lock_timeout(st));
	rc = update_index(st, idx, changes, updates, saved, n, &b);
	if (rc < 0) {
		/* The commit stands: say so, or the user would make it again. */
		char *why = dp_xstrdup(dp_error_last());
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &oid);
		dp_error_set("committed %.12s, but the index was not updated "
			     "(%s); 'git status' may show the change as "
			     "staged until 'git reset -q'",
			     hex, why);
		free(why);
	}
out:
	if (rc < 0 && saved && !committed)
		restore_files(st, changes, saved, n);
	for (size_t i = 0; saved && i < n; i++)
		dp_buf_release(&saved[i].text);
	free(saved);
	free(seen);
	git_index_free(idx);
	git_signature_free(author);
	git_signature_free(committer);
	free(updates);
	dp_buf_release(&msg);
	dp_buf_release(&refname);
	return rc;
}

/* ---- history ---------------------------------------------------------- */

/* The id of `path` in `commit`'s tree; 0 when absent. */
static int id_at(git_oid *out, git_commit *commit, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int found = 0;

	if (git_commit_tree(&tree, commit) < 0)
		goto out;
	if (!*path) {
		git_oid_cpy(out, git_tree_id(tree));
		found = 1;
		goto out;
	}
	if (git_tree_entry_bypath(&e, tree, path) < 0)
		goto out;
	git_oid_cpy(out, git_tree_entry_id(e));
	found = 1;
out:
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_error_clear();
	return found;
}

int dp_store_log_path(struct dp_strlist *out, struct dp_store *st,
		      const char *path, size_t max)
{
	git_revwalk *walk = NULL;
	char *p = dp_xstrdup(path ? path : "");
	size_t len = strlen(p), count = 0;
	git_oid id;
	int rc;

	while (len && p[len - 1] == '/')
		p[--len] = '\0';
	if (*p) {
		rc = dp_store_path_check(p);
		if (rc < 0)
			goto out;
	}
	if (git_revwalk_new(&walk, st->repo) < 0) {
		dp_error_set("cannot read the history: %s", git_msg());
		rc = DP_EIO;
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	rc = git_repository_head_unborn(st->repo) == 1
		 ? GIT_EUNBORNBRANCH
		 : git_revwalk_push_head(walk);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0) {
		dp_error_set("cannot read the history: %s", git_msg());
		rc = DP_EIO;
		goto out;
	}
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_oid mine, theirs;
		int have, had = 0;
		char hex[GIT_OID_HEXSZ + 1];

		if (git_commit_lookup(&c, st->repo, &id) < 0) {
			dp_error_set("cannot read commit: %s", git_msg());
			rc = DP_EIO;
			goto out;
		}
		have = id_at(&mine, c, p);
		if (git_commit_parentcount(c) > 0) {
			if (git_commit_parent(&parent, c, 0) < 0) {
				git_commit_free(c);
				dp_error_set("cannot read commit: %s",
					     git_msg());
				rc = DP_EIO;
				goto out;
			}
			had = id_at(&theirs, parent, p);
		}
		if (have != had || (have && !git_oid_equal(&mine, &theirs))) {
			git_oid_tostr(hex, sizeof(hex), &id);
			dp_strlist_push(out, hex);
			count++;
		}
		git_commit_free(parent);
		git_commit_free(c);
		if (max && count >= max)
			break;
	}
	if (rc == GIT_ITEROVER)
		git_error_clear();
	rc = rc == GIT_ITEROVER || rc == 0 ? 0 : DP_EIO;
	if (rc < 0)
		dp_error_set("cannot read the history: %s", git_msg());
out:
	git_revwalk_free(walk);
	free(p);
	return rc;
}

/* ---- private notes: work-tree files git never sees -------------------- */

static int private_check(const char *path)
{
	int rc = dp_store_path_check(path);

	if (rc < 0)
		return rc;
	if (!dp_starts_with(path, DP_STORE_PRIVATE)) {
		dp_error_set("invalid path '%s': not under %s", path,
			     DP_STORE_PRIVATE);
		return DP_EINVALID;
	}
	return 0;
}

int dp_store_write_private(struct dp_store *st, const char *path,
			   const char *data, size_t len)
{
	int rc = private_check(path);

	return rc < 0 ? rc : write_file(st, path, data, len);
}

int dp_store_delete_private(struct dp_store *st, const char *path)
{
	int rc = private_check(path);

	return rc < 0 ? rc : delete_file(st, path);
}
