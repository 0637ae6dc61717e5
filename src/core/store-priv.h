/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_STORE_PRIV_H
#define DEVPLAN_STORE_PRIV_H

/*
 * What the store-family modules (store-*.c, ident, cache, commit) share,
 * and the one file that includes <git2.h>: libgit2 is theirs alone. Not
 * installed, not for the rest of the core.
 */
#include <git2.h>
#include <git2/sys/repository.h>
#include <sys/stat.h>

#include "devplan/fs.h"
#include "devplan/lock.h"
#include "devplan/store.h"

#define DP_STORE_LOCK_TIMEOUT_MS 10000L
#define DP_STORE_SAVED_MAX (1024L * 1024 * 1024)

struct dp_store {
	git_repository *repo;
	char *workdir;       /* absolute, ends in '/'; NULL when bare */
	char *gitdir;        /* absolute, ends in '/' */
	char *commondir;     /* shared by all work trees, ends in '/' */
	char *prefix;        /* "" or "people/alice/" */
	struct dp_lock lock; /* devplan.lock */
	struct dp_fs fs;     /* the work tree */
	/*
	 * The index, read from a link to (or a copy of) .git/index in the
	 * temporary folder, so that a commit can write the new one while
	 * holding .git/index.lock and rename it over .git/index. Set as the
	 * repository's index; NULL until first used.
	 */
	git_index *index;
	char *index_tmp;      /* its file */
	struct stat index_sb; /* .git/index when read */
	/*
	 * The same file read by index-file.c, without libgit2 (NULL until
	 * used); store-ixf.c.
	 */
	struct dp_ixf *ixf;
};

/* Whether core.fsync asks for the git directory's files to be fsynced. */
extern int dp_store__fsync_gitdir;

/* The last libgit2 message, "unknown error" when none. */
const char *dp_store__git_msg(void);
/*
 * Sets "<what>: <reason>" for a failed libgit2 call and returns our code:
 * a full disk or file-size limit reads "No space left on device", never
 * libgit2's own wording; otherwise libgit2's message.
 */
int dp_store__git_error(int code, const char *what);
/* devplan.lockTimeout (milliseconds), like git's core.filesRefLockTimeout. */
long dp_store__lock_timeout(struct dp_store *st);
/* HEAD's tree; DP_ENOTFOUND (no message) on an unborn branch. */
int dp_store__head_tree(git_tree **out, struct dp_store *st);
/* DP_ENOREPO with a message when the repository has no work tree. */
int dp_store__need_workdir(struct dp_store *st, const char *what);
/* The absolute path of the index file and of its lock ("<index>.lock"). */
void dp_store__index_path(struct dp_buf *out, struct dp_store *st);

/*
 * The repository's index, up to date with .git/index (re-read when that
 * was replaced since). The caller holds .git/index.lock when it means to
 * write it with dp_store__index_write.
 */
int dp_store__index(git_index **out, struct dp_store *st);
/*
 * Writing the index while holding .git/index.lock: dp_store__index_write
 * writes the new index to its own file (nothing else changes; a full disk
 * leaves .git/index as it was); dp_store__index_install renames it over
 * .git/index, keeping the old one under a second name and the lock held;
 * dp_store__index_restore puts the old one back; dp_store__index_unlock
 * removes the lock and the old index. The index is installed before the
 * branch moves: git reads HEAD and then the index without the lock, so
 * a new HEAD must never be seen with the old index (a git commit -a would
 * build its tree from it and drop what devplan committed).
 */
int dp_store__index_write(struct dp_store *st);
int dp_store__index_install(struct dp_store *st);
void dp_store__index_restore(struct dp_store *st);
/* Names st->index_tmp (nothing is created) when it has no name yet. */
void dp_store__index_tmp_name(struct dp_store *st);
/* Creates .git/index.lock (waiting with backoff); 0, DP_ELOCKED, DP_EIO. */
int dp_store__index_lock(struct dp_store *st);
/* Removes .git/index.lock (and the old index's second name). */
void dp_store__index_unlock(struct dp_store *st);
/*
 * Sets the entry of `path` in the index to blob `id` (NULL: removes it),
 * with the stat data of the work-tree file as it is now. libgit2's code.
 */
int dp_store__index_set(struct dp_store *st, const char *path,
			const git_oid *id);
/*
 * Rewrites the index file that dp_store__index_write wrote, whose entries
 * are those of tree `tree` (the index equalled the commit's parent tree
 * before the commit's changes), so that its cache tree (TREE extension)
 * is fully valid for `tree`: the subtrees libgit2 kept valid are copied,
 * only the trees that changed are read. DP_ENOTFOUND (no message) when the
 * file holds no cache tree or one that does not add up: the caller then
 * uses git_index_write_tree. store-cachetree.c.
 */
int dp_store__index_fix_cache_tree(struct dp_store *st, const git_oid *tree);
/*
 * Appends to `ext` a whole TREE extension fully valid for tree `tree`,
 * from the old extension's data (`data`, `len`): its fully valid subtrees
 * whose trees did not change are copied, the others built from the trees.
 * `*count` is the number of index entries it covers. DP_ENOTFOUND (no
 * message) when the old data does not parse or a tree cannot be read.
 */
int dp_store__cache_tree_ext(struct dp_buf *ext, git_repository *repo,
			     const unsigned char *data, size_t len,
			     const git_oid *tree, long *count);

/*
 * The index without libgit2 (store-ixf.c, index-file.c). Each returns
 * DP_IXF_DECLINE (1) when the index or the change is one it leaves to
 * libgit2's index, and the caller takes that path.
 *
 * dp_store__ixf_clean: 0 when `path` (a file) is proven clean: HEAD,
 * index and work tree agree and nothing untracked is there.
 *
 * dp_store__ixf_stage: writes to st->index_tmp the index with the
 * changes' entries (`ids[i]` their blobs, NULL: removed; stat data from
 * the work tree), for a commit whose parent's tree is `base` (NULL: none)
 * and whose tree is `tree`; only when the index held `base` exactly. The
 * caller holds .git/index.lock. dp_store__ixf_forget drops what was read.
 */
int dp_store__ixf_clean(struct dp_store *st, const char *path);
int dp_store__ixf_stage(struct dp_store *st, const char *const *paths,
			const git_oid *const *ids, size_t n,
			const git_oid *base, const git_oid *tree);
void dp_store__ixf_forget(struct dp_store *st);

/*
 * A signature for the commit: `who` is "AUTHOR" or "COMMITTER" (naming
 * GIT_<who>_DATE); `id` NULL takes name and email from git's environment
 * and config like git.
 */
int dp_store__signature(git_signature **out, struct dp_store *st,
			const char *who, const struct dp_ident *id);

/* How to get out of what dp_store_state found ("a merge"...): "finish it
 * with 'git commit' or abort it with 'git merge --abort'". */
const char *dp_store__state_hint(const char *what);

#endif
