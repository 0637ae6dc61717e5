/* SPDX-License-Identifier: MIT */
/*
 * The plan repository: opening it, reading the work tree and HEAD, the
 * devplan lock, the index the commit module writes, and the guards
 * (status, operations in progress). Work-tree files go through fs.c, which
 * never follows a symbolic link; commits are made in commit.c.
 */
/* realpath() is in POSIX 2008's XSI option. */
#define _XOPEN_SOURCE 700

#include "store-priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/banned.h"

#define LOCK_FILE "devplan.lock"

/* ---- errors ----------------------------------------------------------- */

const char *dp_store__git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

static int no_space(int err)
{
	return err == ENOSPC || err == EFBIG
#ifdef EDQUOT
	       || err == EDQUOT
#endif
	    ;
}

int dp_store__git_error(int code, const char *what)
{
	const char *msg = dp_store__git_msg();
	int err = errno;

	if (no_space(err) || strstr(msg, "No space left on device") ||
	    strstr(msg, "File too large") || strstr(msg, "quota exceeded")) {
		dp_error_set("%s: %s", what, strerror(ENOSPC));
		return DP_EIO;
	}
	dp_error_set("%s: %s", what, msg);
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

long dp_store__lock_timeout(struct dp_store *st)
{
	git_config *cfg = NULL;
	int32_t v;
	long ret = DP_STORE_LOCK_TIMEOUT_MS;

	if (git_repository_config_snapshot(&cfg, st->repo) < 0)
		goto out;
	if (git_config_get_int32(&v, cfg, "devplan.locktimeout") == 0 &&
	    v >= 0 && v <= 600000)
		ret = v;
out:
	git_config_free(cfg);
	git_error_clear();
	return ret;
}

int dp_store__need_workdir(struct dp_store *st, const char *what)
{
	if (st->workdir)
		return 0;
	dp_error_set("cannot %s in '%s': a bare repository has no work tree",
		     what, st->gitdir);
	return DP_ENOREPO;
}

/* ---- the work tree ---------------------------------------------------- */

int dp_store_path_check(const char *path)
{
	return dp_fs_path_check(path);
}

int dp_store_read(struct dp_buf *out, struct dp_store *st, const char *path,
		  size_t max)
{
	int rc = dp_store__need_workdir(st, "read files");

	return rc < 0 ? rc : dp_fs_read(out, &st->fs, path, max);
}

int dp_store_exists(struct dp_store *st, const char *path)
{
	return st->workdir && dp_fs_exists(&st->fs, path);
}

int dp_store_isdir(struct dp_store *st, const char *path)
{
	return st->workdir && dp_fs_isdir(&st->fs, path);
}

int dp_store_list(struct dp_strlist *out, struct dp_store *st, const char *dir)
{
	int rc = dp_store__need_workdir(st, "list files");

	return rc < 0 ? rc : dp_fs_list(out, &st->fs, dir);
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

int dp_store__fsync_gitdir;

static void lib_init(void)
{
	git_libgit2_init();
	dp_store__fsync_gitdir = 0;
	/* Like git's default: objects, refs and the index are not fsynced. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
}

/*
 * Asking git to fsync (core.fsync, core.fsyncObjectFiles) asks libgit2
 * too, for everything it writes in the git directory.
 */
static void fsync_config(git_repository *repo)
{
	git_config *cfg = NULL;
	git_buf val = { 0 };
	int on = 0;

	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    ((git_config_get_bool(&on, cfg, "core.fsyncobjectfiles") == 0 &&
	      on) ||
	     git_config_get_string_buf(&val, cfg, "core.fsync") == 0)) {
		git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
		dp_store__fsync_gitdir = 1;
	}
	git_buf_dispose(&val);
	git_config_free(cfg);
	git_error_clear();
}

/* Folder for temporary files: in the git directory, unseen by git status. */
static char *tmp_dir(const char *commondir)
{
	struct dp_buf b = DP_BUF_INIT;

	dp_buf_addf(&b, "%sdevplan/tmp", commondir);
	return dp_buf_detach(&b, NULL);
}

int dp_store_open(struct dp_store **out, const char *start_dir)
{
	return dp_store_open_ext(out, start_dir, 0);
}

int dp_store_open_ext(struct dp_store **out, const char *start_dir,
		      unsigned flags_in)
{
	struct dp_store *st = NULL;
	git_repository *repo = NULL;
	const char *start = start_dir ? start_dir : ".";
	const char *path = start;
	unsigned flags = 0;
	char *tmp;
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
			     dp_store__git_msg());
		rc = DP_ENOREPO;
		goto out;
	}
	if ((git_repository_is_bare(repo) || !git_repository_workdir(repo)) &&
	    !(flags_in & DP_STORE_OPEN_BARE)) {
		dp_error_set("'%s' is a bare repository: devplan needs a work "
			     "tree",
			     git_repository_path(repo));
		rc = DP_ENOREPO;
		goto out;
	}
	fsync_config(repo);
	st = dp_xcalloc(1, sizeof(*st));
	st->repo = repo;
	repo = NULL;
	dp_lock_init(&st->lock);
	st->gitdir = with_slash(git_repository_path(st->repo));
	st->commondir = with_slash(git_repository_commondir(st->repo));
	if (git_repository_workdir(st->repo)) {
		st->workdir = with_slash(git_repository_workdir(st->repo));
		st->prefix = compute_prefix(st->workdir, start);
	} else {
		st->prefix = dp_xstrdup("");
	}
	/* A bare store has no work tree: fs refuses everything (see below). */
	dp_fs_init(&st->fs, st->workdir ? st->workdir : "/nonexistent/");
	tmp = tmp_dir(st->commondir);
	dp_fs_set_tmpdir(&st->fs, tmp);
	free(tmp);
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
			     dp_store__git_msg());
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
	if (st->lock.fd >= 0) {
		st->lock.depth = 1;
		dp_lock_release(&st->lock);
	}
	dp_fs_release(&st->fs);
	if (st->index_tmp)
		unlink(st->index_tmp);
	free(st->index_tmp);
	dp_store__ixf_forget(st);
	git_index_free(st->index);
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

const char *dp_store_prefix(const struct dp_store *st)
{
	return st->prefix;
}

/* ---- HEAD ------------------------------------------------------------- */

int dp_store__head_tree(git_tree **out, struct dp_store *st)
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
		dp_error_set("cannot read HEAD: %s", dp_store__git_msg());
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

	rc = dp_fs_path_check(path);
	if (rc < 0)
		goto out;
	rc = dp_store__head_tree(&tree, st);
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
		dp_error_set("cannot read '%s' from HEAD: %s", path,
			     dp_store__git_msg());
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
		dp_error_set("cannot read '%s' from HEAD: %s", path,
			     dp_store__git_msg());
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

int dp_store_lock(struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT;
	int rc;

	dp_buf_addf(&path, "%s%s", st->commondir, LOCK_FILE);
	rc = dp_lock_acquire(&st->lock, path.ptr, dp_store__lock_timeout(st));
	dp_buf_release(&path);
	return rc;
}

void dp_store_unlock(struct dp_store *st)
{
	if (st)
		dp_lock_release(&st->lock);
}

/* ---- the index -------------------------------------------------------- */

void dp_store__index_path(struct dp_buf *out, struct dp_store *st)
{
	dp_buf_addf(out, "%sindex", st->gitdir);
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Copies file `from` to `to` (for file systems without hard links). */
static int copy_file(const char *from, const char *to)
{
	struct dp_buf data = DP_BUF_INIT;
	int fd, out = -1, rc = -1;

	fd = open(from, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || dp_fs_read_fd(&data, fd, from, SIZE_MAX / 2) < 0)
		goto out;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (out < 0)
		goto out;
	for (size_t done = 0; done < data.len;) {
		ssize_t n = write(out, data.ptr + done, data.len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		done += (size_t)n;
	}
	rc = 0;
out:
	if (out >= 0 && close(out) < 0)
		rc = -1;
	if (fd >= 0)
		close(fd);
	dp_buf_release(&data);
	return rc;
}

void dp_store__index_tmp_name(struct dp_store *st)
{
	static unsigned counter;
	struct dp_buf tmp = DP_BUF_INIT;

	if (st->index_tmp)
		return;
	dp_fs_make_tmpdir(&st->fs);
	dp_buf_addf(&tmp, "%s", st->fs.tmpdir);
	dp_buf_addf(&tmp, "/.index.tmp-%ld-%u", (long)getpid(), counter++);
	st->index_tmp = dp_buf_detach(&tmp, NULL);
}

/*
 * Points the index file `st->index_tmp` at the current .git/index: a hard
 * link (a copy where links do not work); none when there is no index.
 * Fills `st->index_sb` with what it links to.
 */
static int link_index(struct dp_store *st, const char *path)
{
	int rc = 0;

	dp_store__index_tmp_name(st);
	unlink(st->index_tmp);
	memset(&st->index_sb, 0, sizeof(st->index_sb));
	if (link(path, st->index_tmp) == 0)
		goto done;
	if (errno == ENOENT)
		goto out; /* no index yet */
	if (lstat(path, &st->index_sb) < 0 ||
	    copy_file(path, st->index_tmp) < 0) {
		dp_error_set_errno("cannot read '%s'", path);
		unlink(st->index_tmp);
		rc = DP_EIO;
	}
	goto out;
done:
	if (lstat(st->index_tmp, &st->index_sb) < 0) {
		dp_error_set_errno("cannot read '%s'", st->index_tmp);
		rc = DP_EIO;
	}
out:
	return rc;
}

int dp_store__index(git_index **out, struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT;
	git_index *idx = NULL;
	struct stat sb;
	int rc = 0, have;

	*out = NULL;
	dp_store__index_path(&path, st);
	have = lstat(path.ptr, &sb) == 0;
	if (st->index &&
	    (have ? same_file(&sb, &st->index_sb) : st->index_sb.st_ino == 0)) {
		*out = st->index;
		goto out;
	}
	rc = link_index(st, path.ptr);
	if (rc < 0)
		goto out;
	if (git_index_open(&idx, st->index_tmp) < 0 ||
	    git_repository_set_index(st->repo, idx) < 0 ||
	    git_index_set_caps(idx, GIT_INDEX_CAPABILITY_FROM_OWNER) < 0) {
		rc = dp_store__git_error(-1, "cannot read the index");
		if (strstr(dp_error_last(), "extension: 'link'"))
			dp_error_set("cannot read the index: it is split "
				     "(core.splitIndex), which devplan cannot "
				     "read; run 'git update-index "
				     "--no-split-index' (and unset "
				     "core.splitIndex), then try again");
		git_index_free(idx);
		goto out;
	}
	git_index_free(st->index);
	st->index = idx;
	*out = idx;
out:
	dp_buf_release(&path);
	return rc;
}

int dp_store__index_lock(struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT;
	int fd;

	dp_store__index_path(&path, st);
	dp_buf_adds(&path, ".lock");
	fd = dp_lockfile_create(path.ptr, dp_store__lock_timeout(st));
	if (fd >= 0)
		close(fd);
	dp_buf_release(&path);
	return fd < 0 ? fd : 0;
}

/* The old index's second name while a new one is installed. */
static void backup_path(struct dp_buf *out, struct dp_store *st)
{
	dp_buf_addf(out, "%s.old", st->index_tmp);
}

void dp_store__index_unlock(struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT;

	dp_store__index_path(&path, st);
	dp_buf_adds(&path, ".lock");
	unlink(path.ptr);
	if (st->index_tmp) {
		dp_buf_reset(&path);
		backup_path(&path, st);
		unlink(path.ptr);
	}
	dp_buf_release(&path);
}

int dp_store__index_write(struct dp_store *st)
{
	int rc = 0;

	errno = 0;
	if (git_index_write(st->index) < 0)
		rc = dp_store__git_error(-1, "cannot write the index");
	return rc;
}

int dp_store__index_install(struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT, old = DP_BUF_INIT;
	int rc = 0;

	dp_store__index_path(&path, st);
	backup_path(&old, st);
	unlink(old.ptr);
	if ((link(path.ptr, old.ptr) < 0 && errno != ENOENT) ||
	    rename(st->index_tmp, path.ptr) < 0) {
		dp_error_set_errno("cannot write '%s'", path.ptr);
		unlink(old.ptr);
		rc = DP_EIO;
		goto out;
	}
	/* The index read is the new .git/index again. */
	if (link_index(st, path.ptr) < 0)
		memset(&st->index_sb, 0, sizeof(st->index_sb));
out:
	dp_buf_release(&path);
	dp_buf_release(&old);
	return rc;
}

void dp_store__index_restore(struct dp_store *st)
{
	struct dp_buf path = DP_BUF_INIT, old = DP_BUF_INIT;

	dp_store__index_path(&path, st);
	backup_path(&old, st);
	if (rename(old.ptr, path.ptr) < 0 && errno == ENOENT)
		unlink(path.ptr); /* there was no index before */
	memset(&st->index_sb, 0, sizeof(st->index_sb));
	dp_buf_release(&path);
	dp_buf_release(&old);
}

/* ---- guards ------------------------------------------------------------ */

static const struct {
	const char *file;
	const char *what;
} states[] = {
	{ "rebase-merge", "a rebase" }, { "rebase-apply", "a rebase" },
	{ "MERGE_HEAD", "a merge" },    { "CHERRY_PICK_HEAD", "a cherry-pick" },
	{ "REVERT_HEAD", "a revert" },  { "BISECT_LOG", "a bisect" },
};

int dp_store_state(struct dp_store *st, const char **what)
{
	struct dp_buf path = DP_BUF_INIT;
	struct stat sb;
	int ret = 0;

	*what = NULL;
	for (size_t i = 0; !ret && i < sizeof(states) / sizeof(states[0]);
	     i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s%s", st->gitdir, states[i].file);
		if (lstat(path.ptr, &sb) == 0) {
			*what = states[i].what;
			ret = 1;
		}
	}
	dp_buf_release(&path);
	return ret;
}

/* How to get out of what dp_store_state found. */
const char *dp_store__state_hint(const char *what)
{
	if (!strcmp(what, "a merge"))
		return "finish it with 'git commit' or abort it with 'git "
		       "merge --abort'";
	if (!strcmp(what, "a rebase"))
		return "finish it with 'git rebase --continue' or abort it "
		       "with 'git rebase --abort'";
	if (!strcmp(what, "a cherry-pick"))
		return "finish it with 'git cherry-pick --continue' or abort "
		       "it with 'git cherry-pick --abort'";
	if (!strcmp(what, "a revert"))
		return "finish it with 'git revert --continue' or abort it "
		       "with 'git revert --abort'";
	return "end it with 'git bisect reset'";
}

int dp_store_head_detached(struct dp_store *st)
{
	int rc = git_repository_head_detached(st->repo);

	git_error_clear();
	return rc == 1;
}

/* ---- status ----------------------------------------------------------- */

/* The blob at `path` in `tree`; 0 when there is none. */
static int blob_at(git_oid *out, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	int found = 0;

	if (tree && git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_tree_entry_free(e);
	git_error_clear();
	return found;
}

static int same_blob(int have_a, const git_oid *a, int have_b, const git_oid *b)
{
	return have_a == have_b && (!have_a || git_oid_equal(a, b));
}

/*
 * Whether `path`'s index entry is one commit behind: HEAD and the work
 * tree agree, the index still holds what HEAD's parent held. That is what
 * a crash between a commit and its index update leaves. `*head_id` and
 * `*in_head` say what the entry must become.
 */
static int index_lags(struct dp_store *st, git_index *idx, const char *path,
		      git_oid *head_id, int *in_head)
{
	git_reference *ref = NULL;
	git_commit *head = NULL, *parent = NULL;
	git_tree *htree = NULL, *ptree = NULL;
	struct dp_buf text = DP_BUF_INIT;
	const git_index_entry *e;
	git_oid pid, wid;
	int in_parent, in_work, ret = 0, rc;

	if (git_repository_head(&ref, st->repo) < 0 ||
	    git_reference_peel((git_object **)&head, ref, GIT_OBJECT_COMMIT) <
		0 ||
	    git_commit_parentcount(head) != 1 ||
	    git_commit_parent(&parent, head, 0) < 0 ||
	    git_commit_tree(&htree, head) < 0 ||
	    git_commit_tree(&ptree, parent) < 0)
		goto out;
	*in_head = blob_at(head_id, htree, path);
	in_parent = blob_at(&pid, ptree, path);
	if (same_blob(*in_head, head_id, in_parent, &pid))
		goto out;
	e = git_index_get_bypath(idx, path, 0);
	if (!same_blob(e != NULL, e ? &e->id : NULL, in_parent, &pid))
		goto out;
	rc = dp_fs_read(&text, &st->fs, path, DP_STORE_SAVED_MAX);
	in_work = rc == 0;
	if (rc < 0 && rc != DP_ENOTFOUND)
		goto out;
	if (in_work &&
	    git_odb_hash(&wid, text.ptr, text.len, GIT_OBJECT_BLOB) < 0)
		goto out;
	ret = same_blob(in_work, &wid, *in_head, head_id);
out:
	git_error_clear();
	dp_error_clear();
	dp_buf_release(&text);
	git_tree_free(htree);
	git_tree_free(ptree);
	git_commit_free(parent);
	git_commit_free(head);
	git_reference_free(ref);
	return ret;
}

/* Sets the index entry of `path` to blob `id` with the file's stat data. */
int dp_store__index_set(struct dp_store *st, const char *path,
			const git_oid *id)
{
	git_index_entry e;
	struct stat sb;
	int rc;

	if (!id)
		return git_index_remove_bypath(st->index, path);
	memset(&e, 0, sizeof(e));
	if (dp_fs_stat(&st->fs, path, &sb) == 0) {
		e.ctime.seconds = (int32_t)sb.st_ctim.tv_sec;
		e.ctime.nanoseconds = (uint32_t)sb.st_ctim.tv_nsec;
		e.mtime.seconds = (int32_t)sb.st_mtim.tv_sec;
		e.mtime.nanoseconds = (uint32_t)sb.st_mtim.tv_nsec;
		e.dev = (uint32_t)sb.st_dev;
		e.ino = (uint32_t)sb.st_ino;
		e.uid = (uint32_t)sb.st_uid;
		e.gid = (uint32_t)sb.st_gid;
		e.file_size = (uint32_t)sb.st_size;
	}
	dp_error_clear();
	e.mode = GIT_FILEMODE_BLOB;
	git_oid_cpy(&e.id, id);
	e.path = path;
	rc = git_index_add(st->index, &e);
	return rc;
}

/* Refreshes the lagging index entries of `paths` from HEAD. */
static int repair_index(struct dp_store *st, const struct dp_strlist *paths)
{
	git_index *idx = NULL;
	git_oid id;
	int rc, in_head;

	rc = dp_store__index_lock(st);
	if (rc < 0)
		return rc;
	rc = dp_store__index(&idx, st);
	for (size_t i = 0; rc == 0 && i < paths->len; i++) {
		if (!index_lags(st, idx, paths->items[i], &id, &in_head)) {
			rc = 1; /* changed under us: leave it be */
			break;
		}
		if (dp_store__index_set(st, paths->items[i],
					in_head ? &id : NULL) < 0)
			rc = dp_store__git_error(-1, "cannot update the index");
	}
	if (rc == 0)
		rc = dp_store__index_write(st);
	if (rc == 0)
		rc = dp_store__index_install(st);
	if (rc != 0)
		memset(&st->index_sb, 0, sizeof(st->index_sb));
	dp_store__index_unlock(st);
	return rc;
}

/*
 * Whether `path` (a file or a folder) has staged, unstaged or untracked
 * changes: a status limited to that path, so its cost does not grow with
 * the rest of the repository. An index entry left behind by a crash is
 * repaired rather than reported.
 */
static int is_dirty(struct dp_store *st, const char *path, int *dirty)
{
	git_status_options opts;
	git_status_list *list = NULL;
	struct dp_strlist lagging = DP_STRLIST_INIT;
	git_index *idx = NULL;
	char *spec = NULL;
	size_t n;
	int rc;

	/* The plain case, without reading the index into libgit2. */
	if (dp_store__ixf_clean(st, path) == 0) {
		*dirty = 0;
		return 0;
	}
	spec = dp_xstrdup(path);
	rc = dp_store__index(&idx, st);
	if (rc < 0)
		goto out;
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
			     dp_store__git_msg());
		rc = DP_EIO;
		goto out;
	}
	n = git_status_list_entrycount(list);
	for (size_t i = 0; i < n; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d =
		    e->head_to_index ? e->head_to_index : e->index_to_workdir;
		git_oid id;
		int in_head;

		if (!d || !index_lags(st, idx, d->new_file.path, &id, &in_head))
			break;
		dp_strlist_push(&lagging, d->new_file.path);
	}
	*dirty = n > 0;
	if (n && lagging.len == n)
		*dirty = repair_index(st, &lagging) != 0;
out:
	git_status_list_free(list);
	dp_strlist_release(&lagging);
	free(spec);
	return rc;
}

int dp_store_check_clean(struct dp_store *st, const char *path)
{
	int rc, dirty = 0;

	rc = dp_fs_path_check(path);
	if (rc == 0)
		rc = dp_store__need_workdir(st, "check for changes");
	if (rc == 0)
		rc = is_dirty(st, path, &dirty);
	if (rc == 0 && dirty) {
		const char *what;

		if (dp_store_state(st, &what))
			dp_error_set("'%s' has uncommitted changes: %s is in "
				     "progress; %s first",
				     path, what, dp_store__state_hint(what));
		else
			dp_error_set("'%s' has uncommitted changes; commit or "
				     "stash them first",
				     path);
		rc = DP_EDIRTY;
	}
	return rc;
}

void *dp_store_git_repository(struct dp_store *st)
{
	return st ? st->repo : NULL;
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

	return rc < 0 ? rc : dp_fs_write(&st->fs, path, data, len);
}

int dp_store_delete_private(struct dp_store *st, const char *path)
{
	int rc = private_check(path);

	return rc < 0 ? rc : dp_fs_delete(&st->fs, path);
}
