/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_FS_H
#define DEVPLAN_FS_H

#include <stddef.h>
#include <sys/stat.h>

#include "devplan/buf.h"
#include "devplan/util.h"

/*
 * Files below one folder (the work tree), without git. Paths are relative
 * to that folder with '/' separators; absolute paths, "." and ".."
 * components, empty components, backslashes, control characters and
 * ".git" are refused, and no symbolic link is ever followed: a file that
 * is a link, or sits below one, is refused (DP_EINVALID).
 */
struct dp_fs {
	char *top; /* absolute, ends in '/' */
	/*
	 * The folder opened last for reading, kept open: a command that
	 * reads many files of one folder walks it once. Dropped whenever a
	 * folder is created or removed.
	 */
	struct dp_buf pdir; /* "people/alice/goals/", "" for the top */
	int pdir_fd;        /* -1 when none */
	char *tmpdir;       /* temporary files go here (NULL: beside) */
};

/* `top` is copied; dp_fs_release frees what the dp_fs holds. */
void dp_fs_init(struct dp_fs *fs, const char *top);
void dp_fs_release(struct dp_fs *fs);

/*
 * Makes dp_fs_write create its temporary files in folder `dir` (made on
 * first use) rather than beside the file, so that a crash leaves nothing
 * in the work tree. Must be on the same file system; NULL: beside.
 */
void dp_fs_set_tmpdir(struct dp_fs *fs, const char *dir);
/* Creates the temporary folder (and its parent) if missing. */
void dp_fs_make_tmpdir(struct dp_fs *fs);

/* 0 when `path` is acceptable, else DP_EINVALID with a message. */
int dp_fs_path_check(const char *path);

/*
 * Reads a file into `out` (appended). DP_ENOTFOUND when missing,
 * DP_ETOOBIG over `max` bytes, DP_EINVALID for links or bad paths.
 */
int dp_fs_read(struct dp_buf *out, struct dp_fs *fs, const char *path,
	       size_t max);
/* 1 if a regular file exists at `path`, else 0. */
int dp_fs_exists(struct dp_fs *fs, const char *path);
/* 1 if a directory exists at `path` ("" is the top), else 0. */
int dp_fs_isdir(struct dp_fs *fs, const char *path);
/*
 * lstat() of `path` without following links anywhere along it. 0,
 * DP_ENOTFOUND (no message), DP_EINVALID for a link on the way, DP_EIO.
 */
int dp_fs_stat(struct dp_fs *fs, const char *path, struct stat *sb);
/* Sorted entry names of folder `dir`, hidden ones left out; missing: none. */
int dp_fs_list(struct dp_strlist *out, struct dp_fs *fs, const char *dir);

/*
 * Replaces `path` atomically, creating its folders: a unique temporary
 * file (".<name>.tmp-<pid>-...", see dp_fs_set_tmpdir), written and fsynced, renamed
 * over it, the folder fsynced. On failure (a full disk: "No space left on
 * device") the temporary file is removed and the old file left as it was.
 */
int dp_fs_write(struct dp_fs *fs, const char *path, const char *data,
		size_t len);
/*
 * The same in steps, so that several files change together or not at all:
 * dp_fs_stage creates the folders and writes and fsyncs the temporary file
 * (nothing else changes; on failure it is gone again), dp_fs_stage_delete
 * checks a file to delete (missing is fine). dp_fs_staged_finish renames
 * the new file over `path` (or moves the deleted one away), keeping the
 * old file under a second name in the temporary folder, so that
 * dp_fs_staged_undo can put it back without needing any space.
 * dp_fs_staged_drop removes what is left (temporary file, old file) and
 * releases `s`; call it in every case.
 */
struct dp_fs_staged {
	int dfd, tdfd; /* the target's folder, the temporary file's */
	char *tmp, *backup, *base, *display;
	int existed, is_delete, done;
};
int dp_fs_stage(struct dp_fs_staged *out, struct dp_fs *fs, const char *path,
		const char *data, size_t len);
int dp_fs_stage_delete(struct dp_fs_staged *out, struct dp_fs *fs,
		       const char *path);
int dp_fs_staged_finish(struct dp_fs_staged *s);
/* DP_EIO when the old file has no second name (rewrite it instead). */
int dp_fs_staged_undo(struct dp_fs_staged *s);
void dp_fs_staged_drop(struct dp_fs_staged *s);
/*
 * The folder for temporary files (dp_fs_set_tmpdir), made on first use:
 * a descriptor, or -1 when there is none.
 */
int dp_fs_open_tmpdir(struct dp_fs *fs);
/* Writes all `len` bytes to `fd` (again after EINTR): 0, or -1 and errno. */
int dp_fs_write_all(int fd, const void *data, size_t len);
/*
 * Creates a new temporary file for `base` in folder `dfd`, named
 * ".<base>.tmp-<pid>-..." (its name in `tmp`) so that dp_fs_clean_stale
 * knows it: a descriptor open for writing, or -1 with errno set.
 */
int dp_fs_temp_at(int dfd, const char *base, struct dp_buf *tmp);
/* Removes the folders that held `path` while they are empty. */
void dp_fs_prune(struct dp_fs *fs, const char *path);

/* Deletes `path` and the folders it leaves empty; missing is not an error. */
int dp_fs_delete(struct dp_fs *fs, const char *path);

/* The same as dp_fs_write, for `base` in the open folder `dfd`. */
int dp_fs_write_at(int dfd, const char *base, const char *display,
		   const void *data, size_t len);
/*
 * Reads an open file into `out`; DP_ETOOBIG past `max` bytes (`out` is
 * then left as it was). `display` names it in messages.
 */
int dp_fs_read_fd(struct dp_buf *out, int fd, const char *display, size_t max);

/*
 * Removes the temporary files a process left when it died between
 * creating and renaming them (".<name>.tmp-<pid>-...", no process <pid>
 * running any more) from folder `dir` (NULL: the temporary folder).
 */
void dp_fs_clean_stale(struct dp_fs *fs, const char *dir);

#endif
