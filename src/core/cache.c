/* SPDX-License-Identifier: MIT */
/* Cache files under the git directory ("devplan/<name>"): rebuildable data. */
#include "store-priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h> /* renameat */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define CACHE_DIR "devplan"
#define CACHE_MAX (64L * 1024 * 1024)

static int cache_name_check(const char *name)
{
	if (!name || !*name || name[0] == '.' || strchr(name, '/') ||
	    dp_fs_path_check(name) < 0) {
		dp_error_set("invalid cache name '%s'", name ? name : "");
		return DP_EINVALID;
	}
	return 0;
}

/*
 * Opens cache file `name` for reading (its path in `path`): a descriptor,
 * or DP_ENOTFOUND, DP_EINVALID or DP_EIO with the error set.
 */
static int cache_open(struct dp_buf *path, struct dp_store *st,
		      const char *name)
{
	int fd, rc = cache_name_check(name);

	if (rc < 0)
		return rc;
	dp_store_cache_path(path, st, name);
	fd = open(path->ptr, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		rc = errno == ENOENT ? DP_ENOTFOUND : DP_EIO;
		dp_error_set_errno("cannot read '%s'", path->ptr);
		return rc;
	}
	return fd;
}

int dp_store_cache_read(struct dp_buf *out, struct dp_store *st,
			const char *name)
{
	struct dp_buf path = DP_BUF_INIT;
	int fd = cache_open(&path, st, name), rc = fd;

	if (fd >= 0) {
		rc = dp_fs_read_fd(out, fd, path.ptr, CACHE_MAX);
		close(fd);
	}
	dp_buf_release(&path);
	return rc;
}

int dp_store_cache_map(const char **data, size_t *len, struct dp_store *st,
		       const char *name)
{
	struct dp_buf path = DP_BUF_INIT;
	struct stat sb;
	void *map;
	int fd = cache_open(&path, st, name), rc = 0;

	if (fd < 0) {
		rc = fd;
	} else if (fstat(fd, &sb) < 0) {
		dp_error_set_errno("cannot read '%s'", path.ptr);
		rc = DP_EIO;
	} else if (!S_ISREG(sb.st_mode) || sb.st_size <= 0 ||
		   sb.st_size > CACHE_MAX) {
		dp_error_set("cannot map '%s': not a file of a sane size",
			     path.ptr);
		rc = DP_EINVALID;
	} else if ((map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE,
			       fd, 0)) == MAP_FAILED) {
		dp_error_set_errno("cannot map '%s'", path.ptr);
		rc = DP_EIO;
	} else {
		*data = map;
		*len = (size_t)sb.st_size;
	}
	if (fd >= 0)
		close(fd);
	dp_buf_release(&path);
	return rc;
}

void dp_store_cache_unmap(const char *data, size_t len)
{
	if (data)
		munmap((void *)(uintptr_t)data, len);
}

void dp_store_cache_path(struct dp_buf *out, const struct dp_store *st,
			 const char *name)
{
	dp_buf_addf(out, "%s%s/%s", st->commondir, CACHE_DIR, name);
}

/*
 * Opens the cache folder, made if missing, its path in `dir`: a
 * descriptor, or DP_EINVALID or DP_EIO with the error set.
 */
static int cache_dir(struct dp_buf *dir, struct dp_store *st, const char *name)
{
	int dfd, rc = cache_name_check(name);

	if (rc < 0)
		return rc;
	dp_buf_addf(dir, "%s%s", st->commondir, CACHE_DIR);
	if (mkdir(dir->ptr, 0777) < 0 && errno != EEXIST) {
		dp_error_set_errno("cannot create '%s'", dir->ptr);
		return DP_EIO;
	}
	dfd = open(dir->ptr, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		dp_error_set_errno("cannot open '%s'", dir->ptr);
		return DP_EIO;
	}
	return dfd;
}

int dp_store_cache_write(struct dp_store *st, const char *name,
			 const char *data, size_t len)
{
	struct dp_buf dir = DP_BUF_INIT, display = DP_BUF_INIT;
	int dfd = cache_dir(&dir, st, name), rc = dfd;

	if (dfd >= 0) {
		dp_buf_addf(&display, "%s/%s", dir.ptr, name);
		rc = dp_fs_write_at(dfd, name, display.ptr, data, len);
		close(dfd);
	}
	dp_buf_release(&dir);
	dp_buf_release(&display);
	return rc;
}

int dp_cache_file_create(struct dp_cache_file *f, struct dp_store *st,
			 const char *name)
{
	struct dp_buf dir = DP_BUF_INIT, tmp = DP_BUF_INIT;
	int rc;

	memset(f, 0, sizeof(*f));
	f->fd = f->tdfd = -1;
	f->dfd = rc = cache_dir(&dir, st, name);
	if (rc >= 0) {
		struct stat a, b;

		/*
		 * In the store's temporary folder, with every other temporary
		 * file: those of a process killed meanwhile are cleaned there
		 * (now, and at every commit). Beside the cache if that folder
		 * is missing or on another file system.
		 */
		dp_fs_clean_stale(&st->fs, NULL);
		f->tdfd = dp_fs_open_tmpdir(&st->fs);
		if (f->tdfd >= 0 &&
		    (fstat(f->tdfd, &a) < 0 || fstat(f->dfd, &b) < 0 ||
		     a.st_dev != b.st_dev)) {
			close(f->tdfd);
			f->tdfd = -1;
		}
		if (f->tdfd < 0)
			f->tdfd = fcntl(f->dfd, F_DUPFD_CLOEXEC, 0);
		if (f->tdfd >= 0)
			f->fd = dp_fs_temp_at(f->tdfd, name, &tmp);
		if (f->fd < 0) {
			dp_error_set_errno("cannot write in '%s'", dir.ptr);
			dp_cache_file_drop(f);
			rc = DP_EIO;
		} else {
			f->tmp = dp_buf_detach(&tmp, NULL);
			f->name = dp_xstrdup(name);
			rc = 0;
		}
	}
	dp_buf_release(&dir);
	dp_buf_release(&tmp);
	return rc;
}

int dp_cache_file_write(struct dp_cache_file *f, const void *data, size_t len)
{
	if (f->fd < 0)
		return DP_EIO;
	if (dp_fs_write_all(f->fd, data, len) < 0) {
		dp_error_set_errno("cannot write cache '%s'", f->name);
		dp_cache_file_drop(f);
		return DP_EIO;
	}
	return 0;
}

int dp_cache_file_commit(struct dp_cache_file *f)
{
	int rc = DP_EIO;

	if (f->fd >= 0) {
		if (close(f->fd) == 0 &&
		    renameat(f->tdfd, f->tmp, f->dfd, f->name) == 0) {
			free(f->tmp);
			f->tmp = NULL; /* it has the cache's name now */
			rc = 0;
		} else {
			dp_error_set_errno("cannot write cache '%s'", f->name);
		}
		f->fd = -1;
	}
	dp_cache_file_drop(f);
	return rc;
}

void dp_cache_file_drop(struct dp_cache_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp && f->tdfd >= 0)
		unlinkat(f->tdfd, f->tmp, 0);
	if (f->tdfd >= 0)
		close(f->tdfd);
	if (f->dfd >= 0)
		close(f->dfd);
	free(f->tmp);
	free(f->name);
	memset(f, 0, sizeof(*f));
	f->fd = f->dfd = f->tdfd = -1;
}
