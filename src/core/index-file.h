/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_INDEX_FILE_H
#define DEVPLAN_INDEX_FILE_H

/*
 * git's index file (.git/index), read and rewritten by splicing its bytes,
 * for the store's commit path and its "is this record clean" check; the
 * rest of git (objects, refs) stays with libgit2. Private to the store
 * modules; index-file.c tells what it handles. Anything it does not fully
 * understand makes it decline (DP_IXF_DECLINE), and the caller goes
 * through libgit2's index instead.
 */
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define DP_IXF_DECLINE 1
#define DP_IXF_OID_LEN 20

struct dp_ixf {
	unsigned char *data; /* the whole file */
	size_t size;
	uint32_t version;  /* 2 or 3 */
	uint32_t n;        /* entries */
	uint32_t *off;     /* entry i at data + off[i]; off[n]: their end */
	uint32_t extended; /* entries with extended flags (version 3) */
	size_t tree_off;   /* the TREE extension's data, when tree_len */
	size_t tree_len;
	struct stat sb; /* the file as read (dp_ixf_read) */
	int mapped;     /* data is mmap'd */
};

/* One entry's stat data, as git keeps it (each truncated to 32 bits). */
struct dp_ixf_stat {
	uint32_t ctime_s, ctime_ns, mtime_s, mtime_ns, dev, ino, mode, uid, gid,
	    size;
};

/* A change to splice in: `oid` NULL removes the path's entry. */
struct dp_ixf_edit {
	const char *path;
	const unsigned char *oid;
	struct dp_ixf_stat st; /* mode 0: S_IFREG | 0644 */
};

/*
 * Reads and checks the file at `path`: 0; DP_ENOTFOUND when there is
 * none; DP_IXF_DECLINE (a message in dp_error_last) for a file this
 * module does not handle; DP_EIO. dp_ixf_parse does the same on bytes
 * that `ix` then owns (malloc'd).
 */
int dp_ixf_read(struct dp_ixf *ix, const char *path);
int dp_ixf_parse(struct dp_ixf *ix, unsigned char *data, size_t size);
void dp_ixf_release(struct dp_ixf *ix);

/* Entry i's fields. */
const char *dp_ixf_path(const struct dp_ixf *ix, uint32_t i, size_t *len);
const unsigned char *dp_ixf_oid(const struct dp_ixf *ix, uint32_t i);
void dp_ixf_get_stat(const struct dp_ixf *ix, uint32_t i,
		     struct dp_ixf_stat *out);
/* The 16-bit flags (assume-valid, extended, stage, name length). */
unsigned dp_ixf_flags(const struct dp_ixf *ix, uint32_t i);
/* The first entry not before `path` (a full path, `len` bytes). */
uint32_t dp_ixf_find(const struct dp_ixf *ix, const char *path, size_t len,
		     int *found);
/* Whether some entry's path starts with `dir` + "/". */
int dp_ixf_has_dir(const struct dp_ixf *ix, const char *dir, size_t len);
/*
 * The cache tree's root: 1 and its tree id in `oid` when it is valid and
 * covers every entry, else 0.
 */
int dp_ixf_root(const struct dp_ixf *ix, unsigned char oid[DP_IXF_OID_LEN]);
/*
 * Whether entry i is racily clean: changed in the same second the file
 * was written or later, so that its stat data proves nothing (git's
 * is_racy_timestamp without USE_NSEC, git's default build; libgit2
 * compares nanoseconds, which misses what such a git misses).
 */
int dp_ixf_racy(const struct dp_ixf *ix, uint32_t i);
/* The stat data git stores for `sb`. */
void dp_ixf_stat_from(struct dp_ixf_stat *out, const struct stat *sb);

/*
 * The new file: `ix` with `edits` (sorted by path, no path twice), the
 * entries listed in `smudge` (ascending) with their size zeroed (git's
 * racily clean entries whose file changed), the extension `tree` (a
 * whole "TREE" record, NULL: none) as the only extension, the checksum.
 * Passes it in pieces to `out`, which returns 0 or a negative code.
 * DP_IXF_DECLINE when an edit is one this module does not do (a path
 * that is a folder in the index or has one as a leading folder, an entry
 * with flags).
 */
typedef int dp_ixf_out_fn(void *ctx, const void *data, size_t len);
int dp_ixf_splice(const struct dp_ixf *ix, const struct dp_ixf_edit *edits,
		  size_t nedits, const uint32_t *smudge, size_t nsmudge,
		  const void *tree, size_t tree_len, dp_ixf_out_fn *out,
		  void *ctx);
/* The version and entry count the spliced file will have. */
int dp_ixf_splice_check(const struct dp_ixf *ix,
			const struct dp_ixf_edit *edits, size_t nedits,
			uint32_t *entries);

#endif
