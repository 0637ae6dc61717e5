/* SPDX-License-Identifier: MIT */
/*
 * Versions of files commit by commit (devplan/store-versions.h): a
 * first-parent walk comparing trees by their ids.
 */
#include <string.h>

#include "devplan/error.h"
#include "devplan/store-versions.h"
#include "store-priv.h"
#include "devplan/banned.h"

#define MAX_VERSION_SIZE (1024 * 1024)

struct walk {
	git_repository *repo;
	git_odb *odb; /* for DP_VERSIONS_SIZES */
	struct dp_versions *v;
	dp_version_fn fn;
	void *data;
	struct dp_version_commit c;
	struct dp_buf path;
	size_t top; /* the length of the prefix in `path` */
};

static int is_blob(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB;
}

static int is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static int report(struct walk *w, const git_tree_entry *e, int deleted)
{
	git_blob *blob = NULL;
	git_object_size_t size;
	int ret;

	if (deleted) {
		memset(w->c.blob, 0, sizeof(w->c.blob));
		return (w->v->flags & DP_VERSIONS_DELETED)
			   ? w->fn(&w->c, w->path.ptr, NULL, 0, w->data)
			   : 0;
	}
	memcpy(w->c.blob, git_tree_entry_id(e)->id, sizeof(w->c.blob));
	if ((w->v->flags & DP_VERSIONS_NO_TEXT) &&
	    (w->v->flags & DP_VERSIONS_SIZES)) {
		size_t hsize;
		git_object_t type;

		if (git_odb_read_header(&hsize, &type, w->odb,
					git_tree_entry_id(e)) < 0)
			return dp_store__git_error(DP_EIO,
						   "cannot read the history");
		return w->fn(&w->c, w->path.ptr, NULL, hsize, w->data);
	}
	if (w->v->flags & DP_VERSIONS_NO_TEXT)
		return w->fn(&w->c, w->path.ptr, NULL, 0, w->data);
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(e)) < 0)
		return dp_store__git_error(DP_EIO, "cannot read the history");
	size = git_blob_rawsize(blob);
	ret = size > MAX_VERSION_SIZE
		  ? w->fn(&w->c, w->path.ptr, NULL, 1, w->data)
		  : w->fn(&w->c, w->path.ptr, git_blob_rawcontent(blob),
			  (size_t)size, w->data);
	git_blob_free(blob);
	return ret;
}

static int compare(struct walk *w, git_tree *a, git_tree *b);

/* Goes into the folder entries `ea` (old) and `eb` (new), either NULL. */
static int descend(struct walk *w, const git_tree_entry *ea,
		   const git_tree_entry *eb)
{
	git_tree *ta = NULL, *tb = NULL;
	int ret = 0;

	if ((ea && git_tree_lookup(&ta, w->repo, git_tree_entry_id(ea)) < 0) ||
	    (eb && git_tree_lookup(&tb, w->repo, git_tree_entry_id(eb)) < 0))
		ret = dp_store__git_error(DP_EIO, "cannot read the history");
	else
		ret = compare(w, ta, tb);
	git_tree_free(ta);
	git_tree_free(tb);
	return ret;
}

/* One side of an entry that is only in the old tree or only in the new. */
static int one_side(struct walk *w, const git_tree_entry *e, int deleted)
{
	if (is_tree(e)) {
		if (deleted && !(w->v->flags & DP_VERSIONS_DELETED))
			return 0;
		return deleted ? descend(w, e, NULL) : descend(w, NULL, e);
	}
	return is_blob(e) ? report(w, e, deleted) : 0;
}

/* 1 when the prefix's entry `name` is in the range asked for. */
static int in_range(const struct walk *w, const char *name)
{
	return (!w->v->from || strcmp(name, w->v->from) >= 0) &&
	       (!w->v->to || strcmp(name, w->v->to) < 0);
}

static int compare(struct walk *w, git_tree *a, git_tree *b)
{
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0, base = w->path.len;
	int ret = 0;

	while (ret == 0 && (i < na || j < nb)) {
		const git_tree_entry *ea =
		    i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *eb =
		    j < nb ? git_tree_entry_byindex(b, j) : NULL;
		int c = !ea ? 1 : !eb ? -1 : git_tree_entry_cmp(ea, eb);
		const git_tree_entry *e = c > 0 ? eb : ea;

		if (base == w->top && (w->v->from || w->v->to) &&
		    !in_range(w, git_tree_entry_name(e))) {
			i += c <= 0;
			j += c >= 0;
			continue;
		}
		dp_buf_setlen(&w->path, base);
		dp_buf_adds(&w->path, git_tree_entry_name(e));
		if (is_tree(e))
			dp_buf_addch(&w->path, '/');
		if (c < 0) {
			ret = one_side(w, ea, 1);
			i++;
		} else if (c > 0) {
			ret = one_side(w, eb, 0);
			j++;
		} else {
			if (git_oid_cmp(git_tree_entry_id(ea),
					git_tree_entry_id(eb)) ||
			    git_tree_entry_filemode(ea) !=
				git_tree_entry_filemode(eb)) {
				if (is_tree(ea) && is_tree(eb))
					ret = descend(w, ea, eb);
				else if (is_blob(ea) && is_blob(eb))
					ret = report(w, eb, 0);
				else if ((ret = one_side(w, ea, 1)) == 0)
					ret = one_side(w, eb, 0);
			}
			i++;
			j++;
		}
	}
	dp_buf_setlen(&w->path, base);
	return ret;
}

/* The folder `prefix` of commit `c` (NULL when it has none). */
static int prefix_tree(git_tree **out, struct walk *w, git_commit *c)
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	const char *prefix = w->v->prefix ? w->v->prefix : "";
	size_t len = strlen(prefix);
	int ret = 0;

	*out = NULL;
	if (git_commit_tree(&root, c) < 0)
		return dp_store__git_error(DP_EIO, "cannot read the history");
	if (!len) {
		*out = root;
		return 0;
	}
	{
		char *dir =
		    dp_xstrndup(prefix, prefix[len - 1] == '/' ? len - 1 : len);

		if (git_tree_entry_bypath(&e, root, dir) == 0 && is_tree(e) &&
		    git_tree_lookup(out, w->repo, git_tree_entry_id(e)) < 0)
			ret = dp_store__git_error(DP_EIO,
						  "cannot read the history");
		git_error_clear();
		free(dir);
	}
	git_tree_entry_free(e);
	git_tree_free(root);
	return ret;
}

int dp_store_versions(struct dp_store *st, struct dp_versions *v,
		      dp_version_fn fn, void *data)
{
	struct walk w;
	git_revwalk *rw = NULL;
	git_oid id, stop, next;
	git_tree *kept = NULL; /* the prefix's tree in commit `next` */
	int rc, have_stop = 0, have_next = 0;

	memset(&w, 0, sizeof(w));
	w.repo = st->repo;
	w.v = v;
	w.fn = fn;
	w.data = data;
	dp_buf_init(&w.path, 0);
	v->commits = 0;
	v->stopped = v->truncated = 0;
	v->merges = 0;
	if (v->stop && *v->stop && git_oid_fromstr(&stop, v->stop) == 0)
		have_stop = 1;
	if (((v->flags & DP_VERSIONS_SIZES) &&
	     git_repository_odb(&w.odb, w.repo) < 0) ||
	    git_revwalk_new(&rw, w.repo) < 0) {
		rc = dp_store__git_error(DP_EIO, "cannot read the history");
		goto out;
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	git_revwalk_simplify_first_parent(rw);
	rc = git_revwalk_push_head(rw);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0) {
		rc = dp_store__git_error(DP_EIO, "cannot read the history");
		goto out;
	}
	while ((rc = git_revwalk_next(&id, rw)) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *new = NULL, *old = NULL;

		if (have_stop && !git_oid_cmp(&id, &stop)) {
			v->stopped = 1;
			break;
		}
		if (v->max_commits && v->commits == v->max_commits) {
			v->truncated = 1;
			break;
		}
		if (git_commit_lookup(&c, w.repo, &id) < 0) {
			rc = dp_store__git_error(DP_EIO,
						 "cannot read the history");
			break;
		}
		git_oid_tostr(w.c.id, sizeof(w.c.id), &id);
		w.c.time = (long long)git_commit_time(c);
		w.c.offset = git_commit_time_offset(c);
		w.c.seq = v->commits++;
		w.c.author_time = (long long)git_commit_author(c)->when.time;
		w.c.author_offset = git_commit_author(c)->when.offset;
		w.c.parents = git_commit_parentcount(c);
		if (w.c.parents > 1)
			v->merges++;
		/* The first parent's tree, looked up last time, is this one. */
		if (have_next && !git_oid_cmp(&id, &next)) {
			new = kept;
			kept = NULL;
		} else {
			rc = prefix_tree(&new, &w, c);
		}
		have_next = 0;
		if (!rc && git_commit_parentcount(c) > 0) {
			if (git_commit_parent(&parent, c, 0) < 0)
				rc = dp_store__git_error(
				    DP_EIO, "cannot read the history");
			else
				rc = prefix_tree(&old, &w, parent);
		}
		if (!rc && (!old || !new ||
			    git_oid_cmp(git_tree_id(old), git_tree_id(new)))) {
			dp_buf_reset(&w.path);
			dp_buf_adds(&w.path, v->prefix ? v->prefix : "");
			if (w.path.len && w.path.ptr[w.path.len - 1] != '/')
				dp_buf_addch(&w.path, '/');
			w.top = w.path.len;
			rc = compare(&w, old, new);
		}
		git_tree_free(kept);
		kept = NULL;
		if (!rc && parent) {
			git_oid_cpy(&next, git_commit_id(parent));
			have_next = 1;
			kept = old;
			old = NULL;
		}
		git_tree_free(old);
		git_tree_free(new);
		git_commit_free(parent);
		git_commit_free(c);
		if (rc < 0)
			break;
	}
	if (rc == GIT_ITEROVER)
		rc = 0;
	else if (rc > 0)
		rc = 0;
out:
	git_tree_free(kept);
	git_error_clear();
	git_revwalk_free(rw);
	git_odb_free(w.odb);
	dp_buf_release(&w.path);
	return rc;
}

int dp_store_blob_text(struct dp_buf *out, struct dp_store *st,
		       const unsigned char id[DP_BLOB_ID_LEN], size_t max)
{
	git_blob *blob = NULL;
	git_oid oid;
	int ret = 0;

	git_oid_fromraw(&oid, id);
	if (git_blob_lookup(&blob, st->repo, &oid) < 0)
		return dp_store__git_error(DP_EIO, "cannot read the history");
	if ((size_t)git_blob_rawsize(blob) <= max) {
		dp_buf_add(out, git_blob_rawcontent(blob),
			   (size_t)git_blob_rawsize(blob));
		ret = 1;
	}
	git_blob_free(blob);
	return ret;
}

int dp_store_blob_same(const unsigned char id[DP_BLOB_ID_LEN], const char *text,
		       size_t len)
{
	git_oid got;

	if (git_odb_hash(&got, text, len, GIT_OBJECT_BLOB) < 0) {
		git_error_clear();
		return 0;
	}
	return !memcmp(got.id, id, DP_BLOB_ID_LEN);
}

/* 1 if work-tree file `path` has the blob id `want`. */
static int file_matches(struct dp_store *st, const char *path,
			const git_oid *want)
{
	struct dp_buf text = DP_BUF_INIT;
	git_oid got;
	int same = 0;

	if (dp_store_read(&text, st, path, 64 * 1024 * 1024) == 0 &&
	    git_odb_hash(&got, text.ptr, text.len, GIT_OBJECT_BLOB) == 0)
		same = !git_oid_cmp(&got, want);
	dp_error_clear();
	dp_buf_release(&text);
	return same;
}

static int folder_matches(struct dp_store *st, const char *dir, git_tree *tree)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	size_t n = git_tree_entrycount(tree), seen = 0;
	int same = 1;

	if (dp_store_list(&names, st, dir) < 0) {
		dp_error_clear();
		same = 0;
	}
	for (size_t i = 0; same && i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);

		if (name[0] == '.')
			continue;
		seen++;
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir, name);
		if (!dp_strlist_has(&names, name) ||
		    git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ||
		    git_tree_entry_type(e) == GIT_OBJECT_COMMIT) {
			same = 0;
		} else if (is_tree(e)) {
			git_tree *sub = NULL;

			if (!dp_store_isdir(st, path.ptr) ||
			    git_tree_lookup(&sub, st->repo,
					    git_tree_entry_id(e)) < 0)
				same = 0;
			else
				same = folder_matches(st, path.ptr, sub);
			git_tree_free(sub);
		} else {
			same = !dp_store_isdir(st, path.ptr) &&
			       file_matches(st, path.ptr, git_tree_entry_id(e));
		}
	}
	same = same && seen == names.len;
	git_error_clear();
	dp_buf_release(&path);
	dp_strlist_release(&names);
	return same;
}

int dp_store_matches_head(struct dp_store *st, const char *path)
{
	git_tree *root = NULL, *tree = NULL;
	git_tree_entry *e = NULL;
	int same;

	if (dp_store__head_tree(&root, st) < 0) {
		dp_error_clear();
		return !dp_store_exists(st, path) && !dp_store_isdir(st, path);
	}
	if (git_tree_entry_bypath(&e, root, path) < 0) {
		git_error_clear();
		same = !dp_store_exists(st, path) && !dp_store_isdir(st, path);
	} else if (is_tree(e)) {
		same = dp_store_isdir(st, path) &&
		       git_tree_lookup(&tree, st->repo, git_tree_entry_id(e)) ==
			   0 &&
		       folder_matches(st, path, tree);
	} else {
		same = is_blob(e) &&
		       git_tree_entry_filemode(e) != GIT_FILEMODE_LINK &&
		       dp_store_exists(st, path) &&
		       file_matches(st, path, git_tree_entry_id(e));
	}
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_tree_free(root);
	return same;
}

/* ---- the work tree's records against HEAD's blobs ---- */

/*
 * The folders of the last file, from the top: git keeps no large tree
 * (people/ of a big plan) in its object cache, so each is looked up
 * once here and kept while the walk is in it.
 */
#define MATCH_DEPTH 8

struct dp_head_match {
	struct dp_store *st;
	git_tree *root;
	git_tree *trees[MATCH_DEPTH]; /* trees[i]: the first i+1 folders */
	size_t ends[MATCH_DEPTH];     /* their paths' lengths in `dir` */
	size_t depth;                 /* folders kept */
	struct dp_buf dir;
	size_t matched;
	int differs;
	unsigned char last[DP_BLOB_ID_LEN]; /* the last text's blob id */
	int last_ok;                        /* 1: `last` was computed */
};

int dp_head_match_new(struct dp_head_match **out, struct dp_store *st)
{
	struct dp_head_match *m = dp_xcalloc(1, sizeof(*m));
	int ret;

	*out = NULL;
	if ((ret = dp_store__head_tree(&m->root, st)) < 0) {
		free(m);
		return ret;
	}
	m->st = st;
	dp_buf_init(&m->dir, 0);
	*out = m;
	return 0;
}

static void match_pop(struct dp_head_match *m, size_t depth)
{
	while (m->depth > depth)
		git_tree_free(m->trees[--m->depth]);
}

/* The tree of folder path[0..len) (no trailing '/'), or NULL. */
static git_tree *match_dir(struct dp_head_match *m, const char *path,
			   size_t len)
{
	size_t keep = 0;

	if (!len)
		return m->root;
	/* The folders kept that `path` is in. */
	while (keep < m->depth && m->ends[keep] <= len &&
	       !memcmp(m->dir.ptr, path, m->ends[keep]) &&
	       (m->ends[keep] == len || path[m->ends[keep]] == '/'))
		keep++;
	match_pop(m, keep);
	dp_buf_setlen(&m->dir, keep ? m->ends[keep - 1] : 0);
	while (!keep || m->ends[keep - 1] < len) {
		size_t start = keep ? m->ends[keep - 1] + 1 : 0;
		const char *slash = memchr(path + start, '/', len - start);
		size_t end = slash ? (size_t)(slash - path) : len;
		git_tree *parent = keep ? m->trees[keep - 1] : m->root;
		const git_tree_entry *e;
		char *name;

		if (keep == MATCH_DEPTH)
			return NULL;
		name = dp_xstrndup(path + start, end - start);
		e = git_tree_entry_byname(parent, name);
		free(name);
		if (!is_tree(e) || git_tree_lookup(&m->trees[keep], m->st->repo,
						   git_tree_entry_id(e)) < 0) {
			git_error_clear();
			return NULL;
		}
		if (keep)
			dp_buf_addch(&m->dir, '/');
		dp_buf_add(&m->dir, path + start, end - start);
		m->ends[keep] = end;
		m->depth = ++keep;
	}
	return m->trees[keep - 1];
}

int dp_head_match_file(struct dp_head_match *m, const char *path,
		       const char *text, size_t len)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	git_tree *dir;
	const git_tree_entry *e;
	git_oid got;

	m->last_ok = 0;
	if (m->differs)
		return 0;
	dir = match_dir(m, path, slash ? (size_t)(slash - path) : 0);
	e = dir ? git_tree_entry_byname(dir, name) : NULL;
	if (is_blob(e) && git_tree_entry_filemode(e) != GIT_FILEMODE_LINK &&
	    git_odb_hash(&got, text, len, GIT_OBJECT_BLOB) == 0) {
		memcpy(m->last, got.id, sizeof(m->last));
		m->last_ok = 1;
	}
	if (!m->last_ok || git_oid_cmp(&got, git_tree_entry_id(e))) {
		git_error_clear();
		m->differs = 1;
		return 0;
	}
	m->matched++;
	return 1;
}

static int count_blob(const char *root, const git_tree_entry *e, void *data)
{
	size_t *n = data;

	(void)root;
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB ||
	    git_tree_entry_type(e) == GIT_OBJECT_COMMIT)
		(*n)++;
	return 0;
}

int dp_head_match_all(struct dp_head_match *m, const char *const *paths)
{
	size_t n = 0;

	if (m->differs)
		return 0;
	for (size_t i = 0; paths[i]; i++) {
		git_tree_entry *e = NULL;
		git_tree *t = NULL;

		if (git_tree_entry_bypath(&e, m->root, paths[i]) < 0) {
			git_error_clear();
			continue;
		}
		if (is_tree(e)) {
			if (git_tree_lookup(&t, m->st->repo,
					    git_tree_entry_id(e)) < 0 ||
			    git_tree_walk(t, GIT_TREEWALK_PRE, count_blob, &n) <
				0)
				n = (size_t)-1;
		} else {
			n++;
		}
		git_tree_free(t);
		git_tree_entry_free(e);
		git_error_clear();
		if (n == (size_t)-1)
			return 0;
	}
	return n == m->matched;
}

void dp_head_match_free(struct dp_head_match *m)
{
	if (!m)
		return;
	match_pop(m, 0);
	git_tree_free(m->root);
	dp_buf_release(&m->dir);
	free(m);
}

int dp_head_match_last_id(const struct dp_head_match *m,
			  unsigned char out[DP_BLOB_ID_LEN])
{
	if (!m || !m->last_ok)
		return 0;
	memcpy(out, m->last, DP_BLOB_ID_LEN);
	return 1;
}

void dp_head_match_add(struct dp_head_match *m, size_t matched, int differs)
{
	m->matched += matched;
	m->differs |= differs;
}

size_t dp_head_match_count(const struct dp_head_match *m, int *differs)
{
	*differs = m->differs;
	return m->matched;
}
