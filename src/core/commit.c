/* SPDX-License-Identifier: MIT */
/*
 * Making a commit the way `git commit` does, so that nothing is lost when
 * git runs beside devplan: .git/index.lock is taken before the index and
 * HEAD are read; the tree is HEAD's tree with the changes
 * (git_tree_create_updated), so its cost does not grow with the number of
 * records; the new index replaces .git/index before the branch moves by
 * compare-and-swap (git reads HEAD, then the index, without the lock: it
 * must never see the new HEAD with the old index), and the lock is
 * dropped last.
 *
 * Everything that can fail for want of space (blobs, tree, commit, the
 * work-tree files' temporary copies, the new index) is written before
 * anything the user sees changes; the visible steps are renames.
 */
#include "store-priv.h"
#include "index-file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devplan/error.h"
#include "devplan/banned.h"

#define MAX_COMMIT_ATTEMPTS 1000

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

/* One attempt: the commit built on HEAD as it was read. */
struct attempt {
	struct dp_buf refname; /* the branch HEAD names, or "HEAD" */
	git_oid old;           /* zeros on an unborn branch */
	int unborn;
	git_oid base_tree; /* HEAD's tree, unless unborn */
	git_oid tree;      /* the commit's */
	git_oid commit;
};

/*
 * Reads HEAD, builds the tree and writes the commit, without moving
 * anything. Returns libgit2's code. The first attempt notes in `seen` what
 * HEAD held at each path; when a later attempt finds that another commit
 * changed one of them, it returns GIT_EUSER with `*conflict` set, rather
 * than overwrite that change.
 */
static int build(struct dp_store *st, const git_tree_update *updates, size_t n,
		 const char *message, const git_signature *author,
		 const git_signature *committer, struct base_entry *seen,
		 int *seen_valid, const char **conflict, struct attempt *at)
{
	git_reference *ref = NULL, *next = NULL;
	git_commit *parent = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_tree_update *todo = dp_xcalloc(n, sizeof(*todo));
	git_oid tree_id;
	size_t m = 0;
	int rc, depth;

	memset(&at->old, 0, sizeof(at->old));
	at->unborn = 0;
	dp_buf_reset(&at->refname);
	dp_buf_adds(&at->refname, "HEAD");
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
		dp_buf_reset(&at->refname);
		dp_buf_adds(&at->refname, target);
		rc = git_reference_lookup(&next, st->repo, target);
		if (rc == GIT_ENOTFOUND) {
			at->unborn = 1;
			break;
		}
		if (rc < 0)
			goto out;
		git_reference_free(ref);
		ref = next;
		next = NULL;
	}
	if (!at->unborn) {
		git_oid_cpy(&at->old, git_reference_target(ref));
		rc = git_commit_lookup(&parent, st->repo, &at->old);
		if (rc == 0)
			rc = git_commit_tree(&base, parent);
		if (rc < 0)
			goto out;
		git_oid_cpy(&at->base_tree, git_tree_id(base));
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
	errno = 0;
	rc = git_tree_create_updated(&tree_id, st->repo, base, m, todo);
	if (rc == 0)
		rc = git_tree_lookup(&tree, st->repo, &tree_id);
	if (rc == 0) {
		const git_commit *parents[1];

		git_oid_cpy(&at->tree, &tree_id);
		parents[0] = parent;
		rc = git_commit_create(&at->commit, st->repo, NULL, author,
				       committer, NULL, message, tree,
				       parent ? 1 : 0, parents);
	}
out:
	git_reference_free(next);
	git_reference_free(ref);
	git_commit_free(parent);
	git_tree_free(base);
	git_tree_free(tree);
	free(todo);
	return rc;
}

/* Moves the branch to the commit if it still is where it was read. */
static int move(struct dp_store *st, const struct attempt *at,
		const char *message)
{
	git_reference *newref = NULL;
	struct dp_buf log = DP_BUF_INIT;
	int rc;

	dp_buf_adds(&log, at->unborn ? "commit (initial): " : "commit: ");
	add_subject(&log, message);
	errno = 0;
	/* All zeros: fails with GIT_EMODIFIED if the branch now exists. */
	rc = git_reference_create_matching(&newref, st->repo, at->refname.ptr,
					   &at->commit, 1, &at->old, log.ptr);
	git_reference_free(newref);
	dp_buf_release(&log);
	return rc;
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
		rc = dp_fs_path_check(changes[i].path);
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

/* A work-tree file as it was before the commit, and its new version. */
struct file {
	struct dp_buf old;
	int existed;
	struct stat sb; /* the file when it was read (existed) */
	struct dp_fs_staged staged;
};

/* 1 when the file at `path` is no longer the one read_bases read. */
static int replaced(struct dp_store *st, const char *path, const struct file *f)
{
	struct stat sb;

	if (!f->existed)
		return dp_fs_stat(&st->fs, path, &sb) == 0;
	if (dp_fs_stat(&st->fs, path, &sb) < 0)
		return 1;
	return sb.st_ino != f->sb.st_ino || sb.st_dev != f->sb.st_dev ||
	       sb.st_size != f->sb.st_size ||
	       sb.st_mtim.tv_sec != f->sb.st_mtim.tv_sec ||
	       sb.st_mtim.tv_nsec != f->sb.st_mtim.tv_nsec ||
	       sb.st_ctim.tv_sec != f->sb.st_ctim.tv_sec ||
	       sb.st_ctim.tv_nsec != f->sb.st_ctim.tv_nsec;
}

/*
 * Reads each file as it is now, checks it against the change's base and
 * refuses links and folders before anything is written.
 */
static int read_bases(struct dp_store *st, const struct dp_change *changes,
		      size_t n, struct file *files)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const struct dp_change *c = &changes[i];
		int differs = 0;

		/* Its stat first: a change after it shows before the rename. */
		if (dp_fs_stat(&st->fs, c->path, &files[i].sb) < 0)
			memset(&files[i].sb, 0, sizeof(files[i].sb));
		dp_error_clear();
		rc = dp_fs_read(&files[i].old, &st->fs, c->path,
				DP_STORE_SAVED_MAX);
		files[i].existed = rc == 0;
		if (rc == DP_ENOTFOUND)
			rc = 0;
		if (rc < 0)
			goto out;
		if (c->base == DP_BASE_ABSENT)
			differs = files[i].existed;
		else if (c->base == DP_BASE_TEXT)
			differs =
			    !files[i].existed ||
			    files[i].old.len != c->base_len ||
			    (c->base_len && memcmp(files[i].old.ptr,
						   c->base_text, c->base_len));
		if (differs) {
			dp_error_set("'%s' changed since it was read; nothing "
				     "was changed",
				     c->path);
			rc = DP_EDIRTY;
			goto out;
		}
	}
out:
	return rc;
}

/*
 * Puts back the files written so far (renaming the old ones back, which
 * needs no space; rewriting them should that fail), keeping the failure's
 * message.
 */
static void restore_files(struct dp_store *st, const struct dp_change *changes,
			  struct file *files, size_t n)
{
	struct dp_buf msg = DP_BUF_INIT;

	dp_buf_adds(&msg, dp_error_last());
	for (size_t i = n; i-- > 0;) {
		if (!files[i].staged.done ||
		    dp_fs_staged_undo(&files[i].staged) == 0)
			continue;
		if (files[i].existed)
			dp_fs_write(&st->fs, changes[i].path, files[i].old.ptr,
				    files[i].old.len);
		else
			dp_fs_delete(&st->fs, changes[i].path);
	}
	dp_error_set("%s", msg.ptr);
	dp_buf_release(&msg);
}

/* The blobs, from the text in memory: what was validated is committed. */
static int make_blobs(struct dp_store *st, const struct dp_change *changes,
		      size_t n, git_tree_update *updates)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		updates[i].path = changes[i].path;
		if (!changes[i].content) {
			updates[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		errno = 0;
		if (git_blob_create_from_buffer(&updates[i].id, st->repo,
						changes[i].content,
						changes[i].len) < 0) {
			struct dp_buf what = DP_BUF_INIT;

			dp_buf_addf(&what, "cannot add '%s'", changes[i].path);
			rc = dp_store__git_error(-1, what.ptr);
			dp_buf_release(&what);
			goto out;
		}
	}
out:
	return rc;
}

/*
 * Writes the files: every temporary copy first (a full disk stops here
 * with nothing changed), then the renames and deletions.
 */
static int write_files(struct dp_store *st, const struct dp_change *changes,
		       size_t n, struct file *files)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = changes[i].content
			 ? dp_fs_stage(&files[i].staged, &st->fs,
				       changes[i].path, changes[i].content,
				       changes[i].len)
			 : dp_fs_stage_delete(&files[i].staged, &st->fs,
					      changes[i].path);
	/* Saved by hand (an editor's rename) since read_bases: keep it. */
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (replaced(st, changes[i].path, &files[i])) {
			dp_error_set("'%s' changed since it was read; nothing "
				     "was changed",
				     changes[i].path);
			rc = DP_EDIRTY;
		}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = dp_fs_staged_finish(&files[i].staged);
	return rc;
}

/*
 * The new index: these paths' entries, the others as they were, and a
 * fully valid cache tree (git's TREE extension): git commit's "as is"
 * path rewrites the index it read before taking index.lock when the cache
 * tree is not fully valid, which would put back an index without these
 * changes. When the index held HEAD's tree (its cache tree's root says
 * so), it now holds the commit's: store-ixf.c splices the file's bytes
 * and builds the cache tree from the trees the commit changed, and
 * `*spliced` is set. Otherwise (or when the index is one store-ixf.c
 * leaves alone) libgit2's index does it; its cache tree is patched the
 * same way when it held HEAD's tree, else rebuilt reading every tree.
 */
static int stage_index(struct dp_store *st, const struct dp_change *changes,
		       const git_tree_update *updates, size_t n,
		       const struct attempt *at, int *spliced)
{
	const char **paths = dp_xcalloc(n, sizeof(*paths));
	const git_oid **ids = dp_xcalloc(n, sizeof(*ids));
	git_index *idx = NULL;
	git_oid tree;
	int rc, same;

	for (size_t i = 0; i < n; i++) {
		paths[i] = changes[i].path;
		ids[i] = changes[i].content ? &updates[i].id : NULL;
	}
	rc = dp_store__ixf_stage(st, paths, ids, n,
				 at->unborn ? NULL : &at->base_tree, &at->tree);
	free(paths);
	free(ids);
	*spliced = rc == 0;
	if (rc != DP_IXF_DECLINE)
		return rc;
	rc = dp_store__index(&idx, st);
	if (rc < 0)
		return rc;
	/* Free when the cache tree is valid; it is, after a commit. */
	same = !at->unborn && git_index_write_tree(&tree, st->index) == 0 &&
	       git_oid_equal(&tree, &at->base_tree);
	git_error_clear();
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (dp_store__index_set(st, changes[i].path,
					changes[i].content ? &updates[i].id
							   : NULL) < 0)
			rc = dp_store__git_error(-1, "cannot update the index");
	if (rc == 0 && same) {
		rc = dp_store__index_write(st);
		if (rc == 0)
			rc = dp_store__index_fix_cache_tree(st, &at->tree);
		if (rc != DP_ENOTFOUND)
			return rc;
		rc = 0;
	}
	if (rc == 0 && git_index_write_tree(&tree, st->index) < 0)
		rc = dp_store__git_error(-1, "cannot update the index");
	if (rc == 0)
		rc = dp_store__index_write(st);
	return rc;
}

/* Our error for a failed attempt at building or moving. */
static int attempt_error(struct dp_store *st, int rc, const struct attempt *at,
			 const char *conflict)
{
	if (rc == GIT_ELOCKED) {
		dp_error_set(
		    "cannot lock '%s%s.lock': File exists; another git "
		    "process seems to be running in this repository; "
		    "make sure no git or devplan process is running, "
		    "then, if it still fails, a process may have "
		    "crashed in this repository earlier: remove the "
		    "file manually to continue",
		    strcmp(at->refname.ptr, "HEAD") ? st->commondir
						    : st->gitdir,
		    at->refname.ptr);
		return DP_ELOCKED;
	}
	if (rc == GIT_EUSER) {
		dp_error_set("'%s' was changed by another commit in the "
			     "meantime; run the command again",
			     conflict);
		return DP_EDIRTY;
	}
	return dp_store__git_error(rc, "cannot commit");
}

int dp_store_commit(struct dp_store *st, const struct dp_change *changes,
		    size_t n, const char *message,
		    const struct dp_ident *author,
		    const struct dp_ident *committer, char *out_oid)
{
	git_signature *asig = NULL, *csig = NULL;
	git_tree_update *updates = NULL;
	struct file *files = NULL;
	struct dp_buf msg = DP_BUF_INIT;
	struct base_entry *seen = NULL;
	struct attempt at;
	struct dp_backoff b;
	const char *what, *conflict = NULL;
	git_oid oid;
	int rc, locked = 0, installed = 0, moved = 0, seen_valid = 0,
		attempts = 0, spliced = 0;

	if (out_oid)
		out_oid[0] = '\0';
	memset(&at, 0, sizeof(at));
	dp_buf_init(&at.refname, 0);
	rc = check_changes(changes, n, message);
	if (rc == 0)
		rc = dp_store__need_workdir(st, "commit");
	if (rc < 0)
		goto out;
	if (dp_store_state(st, &what)) {
		dp_error_set("cannot commit: %s is in progress; %s first", what,
			     dp_store__state_hint(what));
		rc = DP_EIO;
		goto out;
	}
	dp_buf_adds(&msg, message);
	if (msg.ptr[msg.len - 1] != '\n')
		dp_buf_addch(&msg, '\n');
	rc = dp_store__signature(&csig, st, "COMMITTER", committer);
	/* No author given: git's own (GIT_AUTHOR_*, user.*), as git commit. */
	if (rc == 0)
		rc = dp_store__signature(&asig, st, "AUTHOR", author);
	if (rc == DP_ENOIDENT && !author && committer)
		rc = dp_store__signature(&asig, st, "AUTHOR", committer);
	if (rc < 0)
		goto out;

	dp_fs_clean_stale(&st->fs, NULL);
	rc = dp_store__index_lock(st);
	if (rc < 0)
		goto out;
	locked = 1;
	files = dp_xcalloc(n, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		dp_buf_init(&files[i].old, 0);
		files[i].staged.dfd = files[i].staged.tdfd = -1;
	}
	updates = dp_xcalloc(n, sizeof(*updates));
	seen = dp_xcalloc(n, sizeof(*seen));
	rc = read_bases(st, changes, n, files);
	if (rc == 0)
		rc = make_blobs(st, changes, n, updates);
	if (rc < 0)
		goto out;
	/* Commit, files, index: all written before the branch moves. */
	rc = build(st, updates, n, msg.ptr, asig, csig, seen, &seen_valid,
		   &conflict, &at);
	if (rc < 0) {
		rc = attempt_error(st, rc, &at, conflict);
		goto out;
	}
	rc = write_files(st, changes, n, files);
	if (rc == 0)
		rc = stage_index(st, changes, updates, n, &at, &spliced);
	if (rc == 0)
		rc = dp_store__index_install(st);
	if (rc < 0)
		goto out;
	installed = 1;
	if (spliced) {
		/* libgit2's index, if read, is not the new file's. */
		memset(&st->index_sb, 0, sizeof(st->index_sb));
		dp_store__ixf_forget(st);
	}
	dp_backoff_start(&b, dp_store__lock_timeout(st));
	while ((rc = move(st, &at, msg.ptr)) < 0) {
		if (rc == GIT_ELOCKED && dp_backoff_wait(&b) == 0)
			continue;
		if (rc != GIT_EMODIFIED && rc != GIT_EEXISTS)
			break;
		/* HEAD moved under us (not by git commit: we hold the index). */
		if (++attempts >= MAX_COMMIT_ATTEMPTS) {
			git_error_set_str(GIT_ERROR_REFERENCE,
					  "the branch keeps moving");
			break;
		}
		dp_sleep_ms(attempts > 3 ? 1 : 0);
		rc = build(st, updates, n, msg.ptr, asig, csig, seen,
			   &seen_valid, &conflict, &at);
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		rc = attempt_error(st, rc, &at, conflict);
		goto out;
	}
	moved = 1;
	git_oid_cpy(&oid, &at.commit);
	if (out_oid)
		git_oid_tostr(out_oid, GIT_OID_HEXSZ + 1, &oid);
out:
	if (rc < 0 && installed && !moved)
		dp_store__index_restore(st);
	if (rc < 0 && files && !moved)
		restore_files(st, changes, files, n);
	for (size_t i = 0; files && i < n; i++) {
		int deleted = files[i].staged.is_delete && files[i].staged.done;

		dp_fs_staged_drop(&files[i].staged);
		if (deleted)
			dp_fs_prune(&st->fs, changes[i].path);
	}
	if (locked) {
		/* The index read is stale now; read it again next time. */
		if (rc < 0 && st->index)
			memset(&st->index_sb, 0, sizeof(st->index_sb));
		if (rc < 0)
			dp_store__ixf_forget(st);
		dp_store__index_unlock(st);
	}
	for (size_t i = 0; files && i < n; i++)
		dp_buf_release(&files[i].old);
	free(files);
	free(seen);
	dp_buf_release(&at.refname);
	git_signature_free(asig);
	git_signature_free(csig);
	free(updates);
	dp_buf_release(&msg);
	return rc;
}
