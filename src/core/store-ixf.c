/* SPDX-License-Identifier: MIT */
/*
 * The index without libgit2's index, for the two things every mutation
 * does: check that the record is clean, and stage the commit's changes.
 * index-file.c reads .git/index (once, kept while the file stays the
 * same) and splices the new one; here is what needs the repository: HEAD,
 * the work tree, blob ids,
 * the cache tree (store-cachetree.c). Only the plain case is done here:
 * the index holds HEAD's tree exactly (its cache tree's root says so).
 * Anything else returns DP_IXF_DECLINE and the caller goes through
 * libgit2 (git_status_list_new, git_index_add, git_index_write), which
 * also repairs an index left one commit behind by a crash.
 */
#include "store-priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index-file.h"

#include "devplan/error.h"
#include "devplan/banned.h"

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

void dp_store__ixf_forget(struct dp_store *st)
{
	if (!st->ixf)
		return;
	dp_ixf_release(st->ixf);
	free(st->ixf);
	st->ixf = NULL;
}

/* .git/index as index-file.c reads it: 0, or DP_IXF_DECLINE. */
static int get_ixf(struct dp_store *st, struct dp_ixf **out)
{
	struct dp_buf path = DP_BUF_INIT;
	struct stat sb;
	int rc = 0;

	dp_store__index_path(&path, st);
	if (st->ixf && lstat(path.ptr, &sb) == 0 &&
	    same_file(&sb, &st->ixf->sb))
		goto out;
	dp_store__ixf_forget(st);
	st->ixf = dp_xcalloc(1, sizeof(*st->ixf));
	if (dp_ixf_read(st->ixf, path.ptr) != 0) {
		/* Even an unreadable file: libgit2 says what is wrong. */
		dp_store__ixf_forget(st);
		dp_error_clear();
		rc = DP_IXF_DECLINE;
	}
out:
	*out = st->ixf;
	dp_buf_release(&path);
	return rc;
}

/* HEAD's tree id; 0 when there is none (unborn, broken). */
static int head_tree(struct dp_store *st, git_oid *out)
{
	git_reference *ref = NULL;
	git_commit *commit = NULL;
	int ok = 0;

	if (git_repository_head(&ref, st->repo) == 0 &&
	    git_reference_target(ref) &&
	    git_commit_lookup(&commit, st->repo, git_reference_target(ref)) ==
		0) {
		git_oid_cpy(out, git_commit_tree_id(commit));
		ok = 1;
	}
	git_commit_free(commit);
	git_reference_free(ref);
	git_error_clear();
	return ok;
}

/*
 * Whether the work-tree file of entry i holds what the entry says: its
 * stat data equal and not racily clean, else its blob id and mode. `stat_ok`: the stat data alone may prove it.
 */
static int file_matches(struct dp_store *st, const struct dp_ixf *ix,
			uint32_t i, const char *path, int stat_ok)
{
	struct dp_ixf_stat want, have;
	struct dp_buf text = DP_BUF_INIT;
	struct stat sb;
	git_oid id;
	int ok;

	if (dp_fs_stat(&st->fs, path, &sb) < 0) {
		dp_error_clear();
		return 0;
	}
	dp_ixf_get_stat(ix, i, &want);
	if (!S_ISREG(sb.st_mode) ||
	    want.mode != (sb.st_mode & S_IXUSR ? 0100755u : 0100644u))
		return 0;
	dp_ixf_stat_from(&have, &sb);
	have.mode = want.mode;
	if (stat_ok && !memcmp(&have, &want, sizeof(have)) &&
	    !dp_ixf_racy(ix, i))
		return 1;
	/*
	 * The bytes as they are, as devplan commits them (no filters:
	 * git_repository_hashfile's attribute lookup reads the whole index
	 * through libgit2). A filter that would clean them into the same blob
	 * only makes this say "changed": the caller then takes libgit2's path.
	 */
	ok = dp_fs_read(&text, &st->fs, path, DP_STORE_SAVED_MAX) == 0 &&
	     git_odb_hash(&id, text.ptr, text.len, GIT_OBJECT_BLOB) == 0 &&
	     !memcmp(id.id, dp_ixf_oid(ix, i), GIT_OID_RAWSZ);
	git_error_clear();
	dp_error_clear();
	dp_buf_release(&text);
	return ok;
}

int dp_store__ixf_clean(struct dp_store *st, const char *path)
{
	struct dp_ixf *ix;
	unsigned char root[DP_IXF_OID_LEN];
	size_t len = strlen(path);
	struct stat sb;
	git_oid head;
	uint32_t i;
	int found, rc;

	if (get_ixf(st, &ix) || !dp_ixf_root(ix, root) ||
	    !head_tree(st, &head) || memcmp(root, head.id, GIT_OID_RAWSZ))
		return DP_IXF_DECLINE;
	/* The index holds HEAD: only the work tree can differ. */
	if (dp_ixf_has_dir(ix, path, len))
		return DP_IXF_DECLINE;
	i = dp_ixf_find(ix, path, len, &found);
	if (!found) {
		/* Nothing there, or something untracked (maybe ignored). */
		rc = dp_fs_stat(&st->fs, path, &sb);
		dp_error_clear();
		return rc == DP_ENOTFOUND ? 0 : DP_IXF_DECLINE;
	}
	if (dp_ixf_flags(ix, i) & ~0x0fffu)
		return DP_IXF_DECLINE;
	return file_matches(st, ix, i, path, 1) ? 0 : DP_IXF_DECLINE;
}

static int cmp_edit(const void *a, const void *b)
{
	return strcmp(((const struct dp_ixf_edit *)a)->path,
		      ((const struct dp_ixf_edit *)b)->path);
}

/*
 * git's and libgit2's racy-git rule: an entry changed in the same instant
 * the old index was written or later gets its size zeroed in the new
 * index when its file differs, since the new index's later time would
 * make its stat data look valid. The entries being replaced are new.
 */
static void find_smudged(struct dp_store *st, const struct dp_ixf *ix,
			 const struct dp_ixf_edit *edits, size_t n,
			 uint32_t **out, size_t *nout)
{
	size_t alloc = 0;

	for (uint32_t i = 0; i < ix->n; i++) {
		struct dp_ixf_stat s;
		const char *path;
		int edited = 0;

		if (!dp_ixf_racy(ix, i))
			continue;
		dp_ixf_get_stat(ix, i, &s);
		if ((s.mode & 0170000u) == 0160000u) /* a submodule */
			continue;
		path = dp_ixf_path(ix, i, NULL);
		for (size_t j = 0; !edited && j < n; j++)
			edited = !strcmp(edits[j].path, path);
		if (edited || file_matches(st, ix, i, path, 0))
			continue;
		if (*nout == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			*out = dp_xrealloc(*out, alloc * sizeof(**out));
		}
		(*out)[(*nout)++] = i;
	}
}

static int write_fd(void *ctx, const void *data, size_t len)
{
	const char *p = data;
	int fd = *(int *)ctx;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (!n)
				errno = EIO;
			return DP_EIO;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Writes the spliced index to st->index_tmp. */
static int write_index(struct dp_store *st, const struct dp_ixf *ix,
		       const struct dp_ixf_edit *edits, size_t n,
		       const uint32_t *smudge, size_t nsmudge,
		       const struct dp_buf *ext)
{
	int fd, rc;

	dp_store__index_tmp_name(st);
	unlink(st->index_tmp);
	errno = 0;
	fd = open(st->index_tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		rc = DP_EIO;
		goto fail;
	}
	rc = dp_ixf_splice(ix, edits, n, smudge, nsmudge, ext->ptr, ext->len,
			   write_fd, &fd);
	if (rc == 0 && dp_store__fsync_gitdir && fsync(fd) < 0)
		rc = DP_EIO;
	if (close(fd) < 0 && rc == 0)
		rc = DP_EIO;
	if (rc == 0)
		return 0;
	unlink(st->index_tmp);
	if (rc == DP_IXF_DECLINE)
		return rc;
fail:
	if (!errno)
		errno = EIO;
	dp_error_set("cannot write the index: %s", strerror(errno));
	return DP_EIO;
}

int dp_store__ixf_stage(struct dp_store *st, const char *const *paths,
			const git_oid *const *ids, size_t n,
			const git_oid *base, const git_oid *tree)
{
	struct dp_ixf *ix;
	struct dp_ixf_edit *edits = NULL;
	struct dp_buf ext = DP_BUF_INIT;
	unsigned char root[DP_IXF_OID_LEN];
	uint32_t *smudge = NULL, entries;
	size_t nsmudge = 0;
	long count = -1;
	int rc = DP_IXF_DECLINE;

	if (!base || get_ixf(st, &ix) || !dp_ixf_root(ix, root) ||
	    memcmp(root, base->id, GIT_OID_RAWSZ))
		goto out;
	edits = dp_xcalloc(n ? n : 1, sizeof(*edits));
	for (size_t i = 0; i < n; i++) {
		struct stat sb;

		edits[i].path = paths[i];
		edits[i].oid = ids[i] ? ids[i]->id : NULL;
		/* As libgit2's path: no stat data when the file is gone. */
		if (ids[i] && dp_fs_stat(&st->fs, paths[i], &sb) == 0)
			dp_ixf_stat_from(&edits[i].st, &sb);
		dp_error_clear();
	}
	qsort(edits, n, sizeof(*edits), cmp_edit);
	if (dp_ixf_splice_check(ix, edits, n, &entries)) {
		dp_error_clear();
		goto out;
	}
	if (dp_store__cache_tree_ext(&ext, st->repo, ix->data + ix->tree_off,
				     ix->tree_len, tree, &count) < 0 ||
	    count != (long)entries) {
		git_error_clear();
		goto out;
	}
	find_smudged(st, ix, edits, n, &smudge, &nsmudge);
	rc = write_index(st, ix, edits, n, smudge, nsmudge, &ext);
	if (rc == DP_IXF_DECLINE)
		dp_error_clear();
out:
	free(edits);
	free(smudge);
	dp_buf_release(&ext);
	return rc;
}
