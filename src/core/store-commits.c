/* SPDX-License-Identifier: MIT */
/*
 * History (devplan/history.h): commits without file changes, reading
 * commits back, walking a prefix's history (through the history cache,
 * store-logcache.c, for HEAD's).
 */
#include "devplan/history.h"

#include <stdlib.h>
#include <string.h>

#include "store-logcache.h"

#include "devplan/error.h"
#include "devplan/message.h"
#include "devplan/util.h"
#include "devplan/banned.h"

static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

int dp_history_head(struct dp_store *st, char *out)
{
	git_repository *repo = dp_store_git_repository(st);
	git_oid oid;

	if (git_reference_name_to_id(&oid, repo, "HEAD") < 0) {
		git_error_clear();
		dp_error_set("the repository has no commits yet");
		return DP_ENOTFOUND;
	}
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, &oid);
	return 0;
}

static int resolve_repo(git_repository *repo, const char *spec, char *out)
{
	git_object *obj = NULL;

	if (git_revparse_single(&obj, repo, spec) < 0) {
		git_error_clear();
		dp_error_set("unknown revision '%s'", spec);
		return DP_ENOTFOUND;
	}
	git_object *commit = NULL;
	int rc = git_object_peel(&commit, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0) {
		git_error_clear();
		dp_error_set("'%s' is not a commit", spec);
		return DP_ENOTFOUND;
	}
	git_oid_tostr(out, GIT_OID_HEXSZ + 1, git_object_id(commit));
	git_object_free(commit);
	return 0;
}

static int read_repo(struct dp_buf *out, git_repository *repo, const char *rev,
		     const char *path)
{
	git_object *obj = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *ent = NULL;
	git_blob *blob = NULL;
	int ret = DP_ENOTFOUND;

	if (git_revparse_single(&obj, repo, rev) < 0 ||
	    git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT) <
		0) {
		dp_error_set("unknown revision '%s'", rev);
		goto out;
	}
	if (git_commit_tree(&tree, commit) < 0 ||
	    git_tree_entry_bypath(&ent, tree, path) < 0 ||
	    git_tree_entry_type(ent) != GIT_OBJECT_BLOB ||
	    git_blob_lookup(&blob, repo, git_tree_entry_id(ent)) < 0) {
		dp_error_set("'%s' does not exist in %.7s", path, rev);
		goto out;
	}
	dp_buf_add(out, git_blob_rawcontent(blob),
		   (size_t)git_blob_rawsize(blob));
	ret = 0;
out:
	git_error_clear();
	git_blob_free(blob);
	git_tree_entry_free(ent);
	git_tree_free(tree);
	git_commit_free(commit);
	git_object_free(obj);
	return ret;
}

#define HISTORY_MAX_BLOB (1024 * 1024)
/* Files a DP_HISTORY_CHUNKS callback gets at once. */
#define HISTORY_CHUNK 256

/* The id of `prefix` in `commit`'s tree into `out`; 0 when absent. */
static int prefix_id(git_oid *out, git_commit *commit, const char *prefix)
{
	git_tree_entry *ent = NULL;
	char path[4096];
	size_t len = strlen(prefix);

	if (!len) {
		git_oid_cpy(out, git_commit_tree_id(commit));
		return 1;
	}
	if (len >= sizeof(path))
		return 0;
	memcpy(path, prefix, len + 1);
	if (path[len - 1] == '/')
		path[len - 1] = '\0';
	git_tree *tree = NULL;
	if (git_commit_tree(&tree, commit) < 0)
		return 0;
	int found = git_tree_entry_bypath(&ent, tree, path) == 0;
	if (found)
		git_oid_cpy(out, git_tree_entry_id(ent));
	git_error_clear();
	git_tree_entry_free(ent);
	git_tree_free(tree);
	return found;
}

static int same_prefix(git_commit *a, int a_has, const git_oid *a_id,
		       git_commit *b, const char *prefix)
{
	git_oid b_id;
	int b_has = prefix_id(&b_id, b, prefix);

	(void)a;
	if (a_has != b_has)
		return 0;
	return !a_has || git_oid_equal(a_id, &b_id);
}

static void blob_text(git_repository *repo, const git_oid *id, git_blob **blob,
		      const char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	if (git_oid_is_zero(id) || git_blob_lookup(blob, repo, id) < 0)
		return;
	if (git_blob_rawsize(*blob) > HISTORY_MAX_BLOB)
		return;
	*text = git_blob_rawcontent(*blob);
	*len = (size_t)git_blob_rawsize(*blob);
}

/*
 * What `path` ("" the root) is in `root` (NULL: nothing): 0 absent,
 * 1 a folder (*sub), 2 something else (*id, *mode).
 */
static int entry_at(git_repository *repo, git_tree *root, const char *path,
		    git_tree **sub, git_oid *id, git_filemode_t *mode)
{
	git_tree_entry *e = NULL;
	int kind = 0;

	*sub = NULL;
	if (!root)
		return 0;
	if (!*path)
		return git_tree_dup(sub, root) == 0 ? 1 : 0;
	if (git_tree_entry_bypath(&e, root, path) < 0) {
		git_error_clear();
		return 0;
	}
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		if (git_tree_lookup(sub, repo, git_tree_entry_id(e)) == 0)
			kind = 1;
	} else {
		git_oid_cpy(id, git_tree_entry_id(e));
		*mode = git_tree_entry_filemode(e);
		kind = 2;
	}
	git_tree_entry_free(e);
	git_error_clear();
	return kind;
}

/* The changes between `old_tree` and `new_tree` limited to `prefix`. */
static int diff_prefix(git_diff **diff, git_repository *repo,
		       git_tree *old_tree, git_tree *new_tree,
		       const char *prefix)
{
	git_diff_options opts;
	char *spec = (char *)prefix;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	if (*prefix) {
		opts.pathspec.strings = &spec;
		opts.pathspec.count = 1;
		opts.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	}
	return git_diff_tree_to_tree(diff, repo, old_tree, new_tree, &opts);
}

struct changes {
	git_diff *diff;
	struct dp_history_file *files;
	git_blob **blobs;
	char **paths; /* full paths when the diff was of a folder's trees */
	size_t n;
};

static void changes_release(struct changes *ch)
{
	size_t i;

	for (i = 0; ch->blobs && i < 2 * ch->n; i++)
		git_blob_free(ch->blobs[i]);
	for (i = 0; ch->paths && i < ch->n; i++)
		free(ch->paths[i]);
	free(ch->paths);
	free(ch->blobs);
	free(ch->files);
	git_diff_free(ch->diff);
}

static void changes_alloc(struct changes *ch, size_t n)
{
	ch->n = n;
	ch->files = dp_xcalloc(n ? n : 1, sizeof(*ch->files));
	ch->blobs = dp_xcalloc(n ? 2 * n : 1, sizeof(*ch->blobs));
}

/* Reads the two texts of files [from, to) of a diff (blobs held). */
static void texts_load(struct changes *ch, git_repository *repo, size_t from,
		       size_t to)
{
	for (size_t i = from; ch->diff && i < to; i++) {
		const git_diff_delta *d = git_diff_get_delta(ch->diff, i);

		blob_text(repo, &d->old_file.id, &ch->blobs[2 * i],
			  &ch->files[i].old_text, &ch->files[i].old_len);
		blob_text(repo, &d->new_file.id, &ch->blobs[2 * i + 1],
			  &ch->files[i].new_text, &ch->files[i].new_len);
	}
}

/* Lets go of the texts of files [from, to) of a diff. */
static void texts_drop(struct changes *ch, size_t from, size_t to)
{
	for (size_t i = from; ch->diff && i < to; i++) {
		git_blob_free(ch->blobs[2 * i]);
		git_blob_free(ch->blobs[2 * i + 1]);
		ch->blobs[2 * i] = ch->blobs[2 * i + 1] = NULL;
		ch->files[i].old_text = ch->files[i].new_text = NULL;
	}
}

/*
 * The files under `prefix` that differ between the two trees: the two
 * versions of the prefix's folder are diffed (or its one file compared),
 * so the rest of a large tree is never read.
 */
static int changes_get(struct changes *ch, git_repository *repo,
		       git_tree *old_root, git_tree *new_root,
		       const char *prefix)
{
	git_tree *old_sub = NULL, *new_sub = NULL;
	git_oid old_id, new_id;
	git_filemode_t old_mode = 0, new_mode = 0;
	struct dp_buf p = DP_BUF_INIT;
	int ko, kn, rc = 0;
	size_t i;

	memset(ch, 0, sizeof(*ch));
	dp_buf_adds(&p, prefix);
	while (p.len && p.ptr[p.len - 1] == '/')
		dp_buf_setlen(&p, p.len - 1);
	memset(&old_id, 0, sizeof(old_id));
	memset(&new_id, 0, sizeof(new_id));
	ko = entry_at(repo, old_root, p.ptr, &old_sub, &old_id, &old_mode);
	kn = entry_at(repo, new_root, p.ptr, &new_sub, &new_id, &new_mode);
	if (ko * kn == 2 || (p.len < strlen(prefix) && (ko == 2 || kn == 2))) {
		/* a file became a folder, or the other way: ask git */
		rc = diff_prefix(&ch->diff, repo, old_root, new_root, prefix);
	} else if (ko == 2 || kn == 2) {
		if (ko == kn && git_oid_equal(&old_id, &new_id) &&
		    old_mode == new_mode)
			goto out;
		changes_alloc(ch, 1);
		ch->files[0].path = prefix;
		blob_text(repo, &old_id, &ch->blobs[0], &ch->files[0].old_text,
			  &ch->files[0].old_len);
		blob_text(repo, &new_id, &ch->blobs[1], &ch->files[0].new_text,
			  &ch->files[0].new_len);
		goto out;
	} else if ((ko || kn) && !(ko && kn &&
				   git_oid_equal(git_tree_id(old_sub),
						 git_tree_id(new_sub)))) {
		rc = git_diff_tree_to_tree(&ch->diff, repo, old_sub, new_sub,
					   NULL);
		if (rc == 0 && p.len) {
			size_t nd = git_diff_num_deltas(ch->diff);

			ch->paths = dp_xcalloc(nd ? nd : 1, sizeof(*ch->paths));
			for (i = 0; i < nd; i++) {
				const git_diff_delta *d =
				    git_diff_get_delta(ch->diff, i);
				struct dp_buf full = DP_BUF_INIT;

				dp_buf_addf(&full, "%s/%s", p.ptr,
					    d->new_file.path
						? d->new_file.path
						: d->old_file.path);
				ch->paths[i] = dp_buf_detach(&full, NULL);
			}
		}
	}
	if (rc < 0 || !ch->diff)
		goto out;
	changes_alloc(ch, git_diff_num_deltas(ch->diff));
	for (i = 0; i < ch->n; i++) {
		const git_diff_delta *d = git_diff_get_delta(ch->diff, i);

		ch->files[i].path = ch->paths          ? ch->paths[i]
				    : d->new_file.path ? d->new_file.path
						       : d->old_file.path;
	}
out:
	git_tree_free(old_sub);
	git_tree_free(new_sub);
	dp_buf_release(&p);
	return rc;
}

static int report(git_repository *repo, git_commit *commit, git_commit *parent,
		  const char *prefix, unsigned flags, dp_history_commit_fn fn,
		  void *data)
{
	git_tree *old_tree = NULL, *new_tree = NULL;
	struct changes ch;
	struct dp_history_commit c;
	const git_signature *a = git_commit_author(commit);
	const git_signature *cm = git_commit_committer(commit);
	int ret;

	memset(&ch, 0, sizeof(ch));
	if ((parent && git_commit_tree(&old_tree, parent) < 0) ||
	    git_commit_tree(&new_tree, commit) < 0) {
		dp_error_set("cannot read a commit's tree: %s", git_msg());
		ret = DP_EIO;
		goto out;
	}
	if (changes_get(&ch, repo, old_tree, new_tree, prefix) < 0) {
		dp_error_set("cannot diff a commit: %s", git_msg());
		ret = DP_EIO;
		goto out;
	}
	memset(&c, 0, sizeof(c));
	git_oid_tostr(c.id, sizeof(c.id), git_commit_id(commit));
	c.author_name = a->name;
	c.author_email = a->email;
	c.committer_name = cm->name;
	c.committer_email = cm->email;
	c.time = (long long)a->when.time;
	c.offset = a->when.offset;
	c.message = git_commit_message(commit);
	c.parents = git_commit_parentcount(commit);
	if (!(flags & DP_HISTORY_CHUNKS) || ch.n <= HISTORY_CHUNK) {
		texts_load(&ch, repo, 0, ch.n);
		ret = fn(&c, ch.files, ch.n, data);
		goto out;
	}
	ret = 0;
	for (size_t i = 0; ret == 0 && i < ch.n; i += HISTORY_CHUNK) {
		size_t to = i + HISTORY_CHUNK < ch.n ? i + HISTORY_CHUNK : ch.n;

		texts_load(&ch, repo, i, to);
		ret = fn(&c, ch.files + i, to - i, data);
		texts_drop(&ch, i, to);
	}
out:
	changes_release(&ch);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	git_error_clear();
	return ret;
}

/* 1 when empty commit `c` may be reported: its Devplan-Person is `person`. */
static int person_ok(git_commit *c, const char *person)
{
	struct dp_msg m = DP_MSG_INIT;
	const char *p;
	int ok;

	if (!person)
		return 1;
	dp_msg_parse(&m, git_commit_message(c));
	p = dp_msg_trailer(&m, DP_TRAILER_PERSON);
	ok = p && !strcmp(p, person);
	dp_msg_release(&m);
	return ok;
}

/*
 * Whether `commit` changed `prefix` (as in none of its parents; a root:
 * present) and whether it has its one parent's tree, asking git.
 */
static void changed_direct(git_commit *commit, const char *prefix, int *changed,
			   int *empty)
{
	unsigned np = git_commit_parentcount(commit), i;
	git_oid pid;
	int has = prefix_id(&pid, commit, prefix);

	*changed = 1;
	*empty = 0;
	for (i = 0; i < np && *changed; i++) {
		git_commit *p = NULL;

		if (git_commit_parent(&p, commit, i) < 0)
			continue;
		if (same_prefix(commit, has, &pid, p, prefix))
			*changed = 0;
		if (i == 0 && np == 1)
			*empty = git_oid_equal(git_commit_tree_id(p),
					       git_commit_tree_id(commit));
		git_commit_free(p);
	}
	git_error_clear();
	if (!np && !has)
		*changed = 0;
}

/* Reports commit `id` (its files under the prefix when `changed`). */
static int report_id(git_repository *repo, const git_oid *id, int changed,
		     const char *prefix, unsigned flags,
		     dp_history_commit_fn fn, void *data)
{
	git_commit *commit = NULL, *parent = NULL;
	int ret;

	if (git_commit_lookup(&commit, repo, id) < 0) {
		dp_error_set("cannot read a commit: %s", git_msg());
		return DP_EIO;
	}
	if (git_commit_parentcount(commit))
		git_commit_parent(&parent, commit, 0);
	ret = report(repo, commit, parent, changed ? prefix : "", flags, fn,
		     data);
	git_commit_free(parent);
	git_commit_free(commit);
	return ret;
}

static int walk_repo(git_repository *repo, const char *tip, const char *since,
		     const char *prefix, const char *person, unsigned flags,
		     dp_history_commit_fn fn, void *data)
{
	git_revwalk *walk = NULL;
	git_object *obj = NULL;
	git_oid id;
	int ret = 0;

	if (git_revwalk_new(&walk, repo) < 0) {
		dp_error_set("cannot walk the history: %s", git_msg());
		ret = DP_EIO;
		goto out;
	}
	git_revwalk_sorting(
	    walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
		      ((flags & DP_HISTORY_REVERSE) ? GIT_SORT_REVERSE : 0));
	if (!tip) {
		if (git_revwalk_push_head(walk) < 0)
			goto out; /* unborn: nothing */
	} else if (git_revparse_single(&obj, repo, tip) < 0 ||
		   git_revwalk_push(walk, git_object_id(obj)) < 0) {
		dp_error_set("unknown revision '%s'", tip);
		ret = DP_ENOTFOUND;
		goto out;
	}
	git_object_free(obj);
	obj = NULL;
	if (since && (git_revparse_single(&obj, repo, since) < 0 ||
		      git_revwalk_hide(walk, git_object_id(obj)) < 0)) {
		dp_error_set("unknown revision '%s'", since);
		ret = DP_ENOTFOUND;
		goto out;
	}
	while (ret == 0 && git_revwalk_next(&id, walk) == 0) {
		git_commit *commit = NULL;
		int changed, empty;

		if (git_commit_lookup(&commit, repo, &id) < 0) {
			dp_error_set("cannot read a commit: %s", git_msg());
			ret = DP_EIO;
			break;
		}
		changed_direct(commit, prefix, &changed, &empty);
		if (changed || (empty && (flags & DP_HISTORY_EMPTY) &&
				person_ok(commit, person)))
			ret = report_id(repo, &id, changed, prefix, flags, fn,
					data);
		git_commit_free(commit);
	}
	if (ret > 0)
		ret = 0;
out:
	git_error_clear();
	git_object_free(obj);
	git_revwalk_free(walk);
	return ret;
}

/* Marks `from` and its ancestors in the cache. */
static void mark_ancestors(unsigned char *mark, const struct dp_logcache *lc,
			   size_t from)
{
	size_t *stack = dp_xcalloc(lc->n + 1, sizeof(*stack)), top = 0;

	stack[top++] = from;
	mark[from] = 1;
	while (top) {
		const struct dp_lc_commit *c = &lc->c[stack[--top]];
		uint32_t j;

		for (j = 0; j < c->nparents; j++) {
			uint32_t p = lc->par[c->parents + j];

			if (p != UINT32_MAX && !mark[p]) {
				mark[p] = 1;
				stack[top++] = p;
			}
		}
	}
	free(stack);
}

/*
 * HEAD's history through the cache: the same commits, in the same order,
 * as walk_repo, with a tree diff only for the commits it reports. A
 * `since` outside HEAD's history walks without the cache.
 */
static int walk_cached(struct dp_store *st, const char *since,
		       const char *prefix, const char *person, unsigned flags,
		       dp_history_commit_fn fn, void *data)
{
	git_repository *repo = st->repo;
	struct dp_logcache *lc = NULL;
	unsigned char *hidden = NULL;
	size_t *list = NULL, *chg = NULL, nlist = 0, i, len = strlen(prefix);
	git_object *obj = NULL;
	int ret;

	if ((ret = dp_store__logcache_get(&lc, st)) < 0)
		return ret;
	if (!lc)
		return walk_repo(repo, NULL, since, prefix, person, flags, fn,
				 data);
	if (len && prefix[len - 1] == '/')
		len--;
	hidden = dp_xcalloc(lc->n + 1, 1);
	if (since) {
		long k = -1;

		if (git_revparse_single(&obj, repo, since) == 0) {
			git_object *c = NULL;

			if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) == 0)
				k = dp_store__logcache_find(lc,
							    git_object_id(c));
			git_object_free(c);
		}
		git_error_clear();
		if (k < 0) {
			ret = walk_repo(repo, NULL, since, prefix, person,
					flags, fn, data);
			goto out;
		}
		mark_ancestors(hidden, lc, (size_t)k);
	}
	list = dp_xcalloc(lc->n + 1, sizeof(*list));
	chg = dp_xcalloc(lc->n + 1, sizeof(*chg));
	for (i = 0; i < lc->n; i++) {
		const struct dp_lc_commit *c = &lc->c[i];
		int changed, empty;

		if (hidden[i])
			continue;
		if (c->flags & DP_LC_DIRECT) {
			git_commit *commit = NULL;

			if (git_commit_lookup(&commit, repo, &c->id) < 0) {
				dp_error_set("cannot read a commit: %s",
					     git_msg());
				ret = DP_EIO;
				goto out;
			}
			changed_direct(commit, prefix, &changed, &empty);
			empty = empty && person_ok(commit, person);
			git_commit_free(commit);
		} else {
			const char *p = dp_store__logcache_person(lc, i);

			changed =
			    dp_store__logcache_touches(lc, i, prefix, len);
			empty = (c->flags & DP_LC_EMPTY) &&
				(!person || (p && !strcmp(p, person)));
		}
		if (changed || (empty && (flags & DP_HISTORY_EMPTY))) {
			chg[nlist] = (size_t)changed;
			list[nlist++] = i;
		}
	}
	for (i = 0; ret == 0 && i < nlist; i++) {
		size_t k = (flags & DP_HISTORY_REVERSE) ? nlist - 1 - i : i;

		ret = report_id(repo, &lc->c[list[k]].id, (int)chg[k], prefix,
				flags, fn, data);
	}
	if (ret > 0)
		ret = 0;
out:
	git_error_clear();
	git_object_free(obj);
	free(list);
	free(chg);
	free(hidden);
	return ret;
}

int dp_history_resolve(struct dp_store *st, const char *spec, char *out)
{
	return resolve_repo(dp_store_git_repository(st), spec, out);
}

int dp_history_read(struct dp_buf *out, struct dp_store *st, const char *rev,
		    const char *path)
{
	return read_repo(out, dp_store_git_repository(st), rev, path);
}

int dp_history_walk(struct dp_store *st, const char *tip, const char *since,
		    const char *prefix, unsigned flags, dp_history_commit_fn fn,
		    void *data)
{
	if (!tip)
		return walk_cached(st, since, prefix ? prefix : "", NULL, flags,
				   fn, data);
	return walk_repo(st->repo, tip, since, prefix ? prefix : "", NULL,
			 flags, fn, data);
}

int dp_history_walk_person(struct dp_store *st, const char *since,
			   const char *prefix, const char *person,
			   unsigned flags, dp_history_commit_fn fn, void *data)
{
	return walk_cached(st, since, prefix ? prefix : "", person, flags, fn,
			   data);
}

/* ---- a repository opened for its history only (bare or not) ---- */

struct dp_history {
	git_repository *repo;
};

int dp_history_open(struct dp_history **out, const char *dir)
{
	git_repository *repo = NULL;
	const char *path = dir ? dir : ".";
	unsigned flags = 0;

	*out = NULL;
	git_libgit2_init();
	if (!dir && getenv("GIT_DIR")) {
		flags = GIT_REPOSITORY_OPEN_FROM_ENV;
		path = NULL;
	}
	if (git_repository_open_ext(&repo, path, flags,
				    getenv("GIT_CEILING_DIRECTORIES")) < 0) {
		dp_error_set("not a git repository (or any of the parent "
			     "directories): '%s'",
			     dir ? dir : ".");
		git_error_clear();
		git_libgit2_shutdown();
		return DP_ENOREPO;
	}
	*out = dp_xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	return 0;
}

void dp_history_free(struct dp_history *h)
{
	if (!h)
		return;
	git_repository_free(h->repo);
	git_libgit2_shutdown();
	free(h);
}

int dp_history_resolve_h(struct dp_history *h, const char *spec, char *out)
{
	return resolve_repo(h->repo, spec, out);
}

int dp_history_read_h(struct dp_buf *out, struct dp_history *h, const char *rev,
		      const char *path)
{
	return read_repo(out, h->repo, rev, path);
}

int dp_history_walk_h(struct dp_history *h, const char *tip, const char *since,
		      const char *prefix, unsigned flags,
		      dp_history_commit_fn fn, void *data)
{
	return walk_repo(h->repo, tip, since, prefix, NULL, flags, fn, data);
}

struct tree_files {
	git_repository *repo;
	const char *dir;
	const char *name;
	dp_history_file_fn fn;
	void *data;
	int ret;
	struct dp_buf path;
};

static int tree_files_cb(const char *root, const git_tree_entry *ent,
			 void *payload)
{
	struct tree_files *t = payload;
	git_blob *blob = NULL;

	if (git_tree_entry_type(ent) != GIT_OBJECT_BLOB ||
	    strcmp(git_tree_entry_name(ent), t->name))
		return 0;
	if (git_blob_lookup(&blob, t->repo, git_tree_entry_id(ent)) < 0)
		return 0;
	dp_buf_reset(&t->path);
	dp_buf_addf(&t->path, "%s/%s%s", t->dir, root,
		    git_tree_entry_name(ent));
	if (git_blob_rawsize(blob) <= HISTORY_MAX_BLOB)
		t->ret = t->fn(t->path.ptr, git_blob_rawcontent(blob),
			       (size_t)git_blob_rawsize(blob), t->data);
	git_blob_free(blob);
	return t->ret < 0 ? -1 : 0;
}

int dp_history_files_h(struct dp_history *h, const char *rev, const char *dir,
		       const char *name, dp_history_file_fn fn, void *data)
{
	struct tree_files t = { h->repo, dir, name, fn, data, 0, DP_BUF_INIT };
	git_object *obj = NULL;
	git_tree *tree = NULL;
	git_tree_entry *ent = NULL;
	git_tree *sub = NULL;

	if (git_revparse_single(&obj, h->repo, rev) < 0 ||
	    git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) < 0) {
		dp_error_set("unknown revision '%s'", rev);
		t.ret = DP_ENOTFOUND;
		goto out;
	}
	if (git_tree_entry_bypath(&ent, tree, dir) < 0 ||
	    git_tree_entry_type(ent) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&sub, h->repo, git_tree_entry_id(ent)) < 0)
		goto out; /* no such folder: nothing */
	git_tree_walk(sub, GIT_TREEWALK_PRE, tree_files_cb, &t);
out:
	git_error_clear();
	git_tree_free(sub);
	git_tree_entry_free(ent);
	git_tree_free(tree);
	git_object_free(obj);
	dp_buf_release(&t.path);
	return t.ret < 0 ? t.ret : 0;
}

int dp_history_signature_h(struct dp_history *h, const char *id,
			   struct dp_buf *sig, struct dp_buf *data)
{
	git_buf s = { NULL, 0, 0 }, d = { NULL, 0, 0 };
	git_oid oid;
	int ret = 0;

	if (git_oid_fromstr(&oid, id) < 0 ||
	    git_commit_extract_signature(&s, &d, h->repo, &oid, NULL) < 0) {
		git_error_clear();
		return DP_ENOTFOUND;
	}
	dp_buf_add(sig, s.ptr, s.size);
	dp_buf_add(data, d.ptr, d.size);
	git_buf_dispose(&s);
	git_buf_dispose(&d);
	return ret;
}

int dp_history_config_path_h(struct dp_buf *out, struct dp_history *h,
			     const char *name)
{
	git_config *cfg = NULL;
	git_buf b = { NULL, 0, 0 };
	int ret = DP_ENOTFOUND;

	if (git_repository_config_snapshot(&cfg, h->repo) == 0 &&
	    git_config_get_path(&b, cfg, name) == 0) {
		dp_buf_add(out, b.ptr, b.size);
		ret = 0;
	}
	git_error_clear();
	git_buf_dispose(&b);
	git_config_free(cfg);
	return ret;
}
