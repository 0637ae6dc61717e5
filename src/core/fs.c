/* SPDX-License-Identifier: MIT */
/*
 * Work-tree files without git: paths are checked, folders are opened one
 * component at a time with openat(O_NOFOLLOW), so that no symbolic link is
 * ever followed, and files are replaced atomically (temporary file, fsync,
 * rename, fsync the folder).
 */
#include "devplan/fs.h"

#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/banned.h"

#define PATH_MAX_LEN 4096

void dp_fs_init(struct dp_fs *fs, const char *top)
{
	fs->top = dp_xstrdup(top);
	dp_buf_init(&fs->pdir, 0);
	fs->pdir_fd = -1;
	fs->tmpdir = NULL;
}

static void pdir_drop(struct dp_fs *fs)
{
	if (fs->pdir_fd >= 0)
		close(fs->pdir_fd);
	fs->pdir_fd = -1;
	dp_buf_release(&fs->pdir);
}

void dp_fs_release(struct dp_fs *fs)
{
	pdir_drop(fs);
	free(fs->top);
	free(fs->tmpdir);
	fs->top = NULL;
	fs->tmpdir = NULL;
}

/* ---- paths ------------------------------------------------------------ */

static int is_dotgit(const char *s, size_t len)
{
	return len == 4 && s[0] == '.' && (s[1] == 'g' || s[1] == 'G') &&
	       (s[2] == 'i' || s[2] == 'I') && (s[3] == 't' || s[3] == 'T');
}

int dp_fs_path_check(const char *path)
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
static int open_parent(struct dp_fs *fs, const char *path, int create, int *dfd,
		       const char **base)
{
	struct dp_buf comp = DP_BUF_INIT;
	const char *p, *slash, *last = strrchr(path, '/');
	size_t plen = last ? (size_t)(last - path) + 1 : 0;
	int fd, rc = 0;

	*dfd = -1;
	if (create) {
		pdir_drop(fs);
	} else if (fs->pdir_fd >= 0 && fs->pdir.len == plen &&
		   !strncmp(fs->pdir.ptr, path, plen)) {
		fd = fcntl(fs->pdir_fd, F_DUPFD_CLOEXEC, 0);
		if (fd >= 0) {
			*base = path + plen;
			*dfd = fd;
			return 0;
		}
	}
	fd = open(fs->top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		dp_error_set_errno("cannot open '%s'", fs->top);
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
		pdir_drop(fs);
		fs->pdir_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
		if (fs->pdir_fd >= 0)
			dp_buf_add(&fs->pdir, path, plen);
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
int dp_fs_stat(struct dp_fs *fs, const char *path, struct stat *sb)
{
	const char *base;
	int dfd = -1, rc;

	if (!*path) {
		rc = stat(fs->top, sb) < 0 ? DP_EIO : 0;
		goto out;
	}
	rc = open_parent(fs, path, 0, &dfd, &base);
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

/* A file-size limit reads as a full disk: the user's remedy is the same. */
static void no_space_errno(void)
{
	if (errno == EFBIG)
		errno = ENOSPC;
}

int dp_fs_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Reads an open file into `out`; DP_ETOOBIG past `max` bytes (`out` is
 * then left as it was).
 */
int dp_fs_read_fd(struct dp_buf *out, int fd, const char *display, size_t max)
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

/* Creates a new, unique temporary file for `base` in folder `tdfd`. */
int dp_fs_temp_at(int tdfd, const char *base, struct dp_buf *tmp)
{
	static unsigned counter;
	int fd = -1;

	for (unsigned tries = 0; tries < 100; tries++) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		dp_buf_reset(tmp);
		dp_buf_addf(tmp, ".%.100s.tmp-%ld-%u-%lx", base, (long)getpid(),
			    counter++, (unsigned long)ts.tv_nsec);
		fd = openat(
		    tdfd, tmp->ptr,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	return fd;
}

static void staged_init(struct dp_fs_staged *s)
{
	memset(s, 0, sizeof(*s));
	s->dfd = s->tdfd = -1;
}

/*
 * Creates and fills the temporary file that will replace `base` in folder
 * `dfd`: in folder `tdfd` when that is on the same file system, else
 * beside the target. Written and fsynced; removed again on failure.
 */
static int stage_at(struct dp_fs_staged *s, int dfd, int tdfd, const char *base,
		    const char *display, const void *data, size_t len)
{
	struct dp_buf tmp = DP_BUF_INIT;
	struct stat sb, tsb;
	int fd = -1, rc = DP_EIO;

	staged_init(s);
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
		s->existed = 1;
	}
	if (tdfd < 0 || fstat(dfd, &sb) < 0 || fstat(tdfd, &tsb) < 0 ||
	    sb.st_dev != tsb.st_dev)
		tdfd = dfd;
	fd = dp_fs_temp_at(tdfd, base, &tmp);
	if (fd < 0) {
		no_space_errno();
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	s->dfd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	s->tdfd = fcntl(tdfd, F_DUPFD_CLOEXEC, 0);
	s->tmp = dp_buf_detach(&tmp, NULL);
	s->base = dp_xstrdup(base);
	s->display = dp_xstrdup(display);
	if (s->dfd < 0 || s->tdfd < 0) {
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	if (dp_fs_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		no_space_errno();
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		no_space_errno();
		dp_error_set_errno("cannot write '%s'", display);
		goto out;
	}
	fd = -1;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		dp_fs_staged_drop(s);
	dp_buf_release(&tmp);
	return rc;
}

void dp_fs_staged_drop(struct dp_fs_staged *s)
{
	if (s->tmp && s->tdfd >= 0)
		unlinkat(s->tdfd, s->tmp, 0);
	if (s->backup && s->tdfd >= 0)
		unlinkat(s->tdfd, s->backup, 0);
	if (s->dfd >= 0)
		close(s->dfd);
	if (s->tdfd >= 0)
		close(s->tdfd);
	free(s->tmp);
	free(s->backup);
	free(s->base);
	free(s->display);
	staged_init(s);
}

/* A name for the old file beside the temporary ones: no space needed. */
static void backup_name(struct dp_fs_staged *s)
{
	struct dp_buf b = DP_BUF_INIT;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	dp_buf_addf(&b, ".%.100s.tmp-%ld-old-%lx", s->base, (long)getpid(),
		    (unsigned long)ts.tv_nsec);
	s->backup = dp_buf_detach(&b, NULL);
}

int dp_fs_staged_finish(struct dp_fs_staged *s)
{
	int rc = DP_EIO;

	if (s->is_delete && !s->existed)
		return 0; /* nothing there to delete */

	if (s->existed) {
		backup_name(s);
		/* A second name for the old file, so undo needs no space. */
		if (s->is_delete
			? renameat(s->dfd, s->base, s->tdfd, s->backup) < 0
			: linkat(s->dfd, s->base, s->tdfd, s->backup, 0) < 0) {
			free(s->backup);
			s->backup = NULL;
			if (s->is_delete) {
				dp_error_set_errno("cannot delete '%s'",
						   s->display);
				goto out;
			}
		}
	}
	if (!s->is_delete && renameat(s->tdfd, s->tmp, s->dfd, s->base) < 0) {
		dp_error_set_errno("cannot write '%s'", s->display);
		goto out;
	}
	free(s->tmp);
	s->tmp = NULL;
	s->done = 1;
	if (fsync(s->dfd) < 0 && errno != EINVAL) {
		dp_error_set_errno("cannot write '%s'", s->display);
		goto out;
	}
	rc = 0;
out:
	return rc;
}

int dp_fs_staged_undo(struct dp_fs_staged *s)
{
	int rc = 0;

	if (!s->done)
		goto out;
	if (s->backup) {
		if (renameat(s->tdfd, s->backup, s->dfd, s->base) < 0)
			rc = DP_EIO;
		else {
			free(s->backup);
			s->backup = NULL;
		}
	} else if (!s->existed) {
		if (unlinkat(s->dfd, s->base, 0) < 0 && errno != ENOENT)
			rc = DP_EIO;
	} else {
		rc = DP_EIO; /* no second name: the caller rewrites it */
	}
	if (rc == 0) {
		s->done = 0;
		fsync(s->dfd);
	}
out:
	return rc;
}

static int write_at(int dfd, int tdfd, const char *base, const char *display,
		    const void *data, size_t len)
{
	struct dp_fs_staged s;
	int rc;

	rc = stage_at(&s, dfd, tdfd, base, display, data, len);
	if (rc == 0)
		rc = dp_fs_staged_finish(&s);
	dp_fs_staged_drop(&s);
	return rc;
}

int dp_fs_write_at(int dfd, const char *base, const char *display,
		   const void *data, size_t len)
{
	return write_at(dfd, -1, base, display, data, len);
}

void dp_fs_set_tmpdir(struct dp_fs *fs, const char *dir)
{
	free(fs->tmpdir);
	fs->tmpdir = dir ? dp_xstrdup(dir) : NULL;
}

void dp_fs_make_tmpdir(struct dp_fs *fs)
{
	char *slash;

	if (!fs->tmpdir || mkdir(fs->tmpdir, 0777) == 0 || errno != ENOENT)
		return;
	slash = strrchr(fs->tmpdir, '/');
	if (!slash)
		return;
	*slash = '\0';
	mkdir(fs->tmpdir, 0777);
	*slash = '/';
	mkdir(fs->tmpdir, 0777);
}

int dp_fs_open_tmpdir(struct dp_fs *fs)
{
	int fd;

	if (!fs->tmpdir)
		return -1;
	fd = open(fs->tmpdir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		dp_fs_make_tmpdir(fs);
		fd = open(fs->tmpdir,
			  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	return fd;
}

/* 1 when a temporary file's name says a dead process made it. */
static int stale_temp(const char *name)
{
	const char *p = strstr(name, ".tmp-");
	char *end;
	long pid;

	if (name[0] != '.' || !p)
		return 0;
	errno = 0;
	pid = strtol(p + 5, &end, 10);
	if (errno || end == p + 5 || *end != '-' || pid <= 0 ||
	    pid == (long)getpid())
		return 0;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

void dp_fs_clean_stale(struct dp_fs *fs, const char *dir)
{
	DIR *d;
	struct dirent *de;
	int fd;

	if (dir)
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	else
		fd = dp_fs_open_tmpdir(fs);
	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (stale_temp(de->d_name))
			unlinkat(dirfd(d), de->d_name, 0);
	closedir(d);
}

int dp_fs_stage(struct dp_fs_staged *out, struct dp_fs *fs, const char *path,
		const char *data, size_t len)
{
	const char *base;
	int dfd = -1, tdfd = -1, rc;

	staged_init(out);
	rc = open_parent(fs, path, 1, &dfd, &base);
	if (rc < 0)
		goto out;
	tdfd = dp_fs_open_tmpdir(fs);
	rc = stage_at(out, dfd, tdfd, base, path, data, len);
out:
	if (tdfd >= 0)
		close(tdfd);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int dp_fs_write(struct dp_fs *fs, const char *path, const char *data,
		size_t len)
{
	struct dp_fs_staged s;
	int rc;

	rc = dp_fs_stage(&s, fs, path, data, len);
	if (rc == 0)
		rc = dp_fs_staged_finish(&s);
	dp_fs_staged_drop(&s);
	return rc;
}

/* Removes the empty folders that held `path`, deepest first. */
void dp_fs_prune(struct dp_fs *fs, const char *path)
{
	char *dir = dp_xstrdup(path);
	char *slash;

	while ((slash = strrchr(dir, '/'))) {
		const char *base;
		int dfd, rc;

		*slash = '\0';
		if (open_parent(fs, dir, 0, &dfd, &base) < 0)
			break;
		rc = unlinkat(dfd, base, AT_REMOVEDIR);
		pdir_drop(fs);
		if (!rc)
			fsync(dfd);
		close(dfd);
		if (rc < 0)
			break;
	}
	free(dir);
}

int dp_fs_stage_delete(struct dp_fs_staged *out, struct dp_fs *fs,
		       const char *path)
{
	const char *base;
	struct stat sb;
	int dfd = -1, tdfd = -1, rc;

	staged_init(out);
	out->is_delete = 1;
	rc = open_parent(fs, path, 0, &dfd, &base);
	if (rc == DP_ENOTFOUND) {
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto out;
	if (fstatat(dfd, base, &sb, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno != ENOENT) {
			dp_error_set_errno("cannot delete '%s'", path);
			rc = DP_EIO;
		}
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
	tdfd = dp_fs_open_tmpdir(fs);
	if (tdfd >= 0) {
		struct stat tsb;

		if (fstat(dfd, &sb) < 0 || fstat(tdfd, &tsb) < 0 ||
		    sb.st_dev != tsb.st_dev) {
			close(tdfd);
			tdfd = -1;
		}
	}
	out->existed = 1;
	out->dfd = fcntl(dfd, F_DUPFD_CLOEXEC, 0);
	out->tdfd = fcntl(tdfd >= 0 ? tdfd : dfd, F_DUPFD_CLOEXEC, 0);
	out->base = dp_xstrdup(base);
	out->display = dp_xstrdup(path);
	if (out->dfd < 0 || out->tdfd < 0) {
		dp_error_set_errno("cannot delete '%s'", path);
		rc = DP_EIO;
		dp_fs_staged_drop(out);
		out->is_delete = 1;
	}
out:
	if (tdfd >= 0)
		close(tdfd);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int dp_fs_delete(struct dp_fs *fs, const char *path)
{
	const char *base;
	struct stat sb;
	int dfd = -1, rc;

	rc = open_parent(fs, path, 0, &dfd, &base);
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
	dp_fs_prune(fs, path);
out:
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int dp_fs_read(struct dp_buf *out, struct dp_fs *fs, const char *path,
	       size_t max)
{
	const char *base;
	struct stat sb;
	int dfd = -1, fd = -1, rc;

	rc = dp_fs_path_check(path);
	if (rc < 0)
		goto out;
	rc = open_parent(fs, path, 0, &dfd, &base);
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
	rc = dp_fs_read_fd(out, fd, path, max);
out:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

int dp_fs_exists(struct dp_fs *fs, const char *path)
{
	struct stat sb;

	if (dp_fs_path_check(path) < 0)
		return 0;
	return dp_fs_stat(fs, path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int dp_fs_isdir(struct dp_fs *fs, const char *path)
{
	struct stat sb;

	if (*path && dp_fs_path_check(path) < 0)
		return 0;
	return dp_fs_stat(fs, path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int dp_fs_list(struct dp_strlist *out, struct dp_fs *fs, const char *dir)
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
		fd = open(fs->top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else {
		rc = dp_fs_path_check(path);
		if (rc < 0)
			goto out;
		rc = open_parent(fs, path, 0, &dfd, &base);
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
