/* SPDX-License-Identifier: MIT */
/*
 * The history of a path: the commits that changed it, from the history
 * cache (store-logcache.c); git's objects are read only for a root or a
 * merge, or when there is no cache (an unborn branch, a shallow clone).
 */
#include "store-logcache.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/banned.h"

/* The id of `path` in `commit`'s tree; 0 when absent. */
static int id_at(git_oid *out, git_commit *commit, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int found = 0;

	if (git_commit_tree(&tree, commit) < 0)
		goto out;
	if (!*path) {
		git_oid_cpy(out, git_tree_id(tree));
		found = 1;
		goto out;
	}
	if (git_tree_entry_bypath(&e, tree, path) < 0)
		goto out;
	git_oid_cpy(out, git_tree_entry_id(e));
	found = 1;
out:
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_error_clear();
	return found;
}

/*
 * Whether commit `id` changed `p` against its first parent (a root: has
 * it); < 0 when it cannot be read.
 */
static int touched_direct(git_repository *repo, const git_oid *id,
			  const char *p)
{
	git_commit *c = NULL, *parent = NULL;
	git_oid mine, theirs;
	int have, had = 0, rc;

	if (git_commit_lookup(&c, repo, id) < 0)
		return -1;
	have = id_at(&mine, c, p);
	if (git_commit_parentcount(c) > 0) {
		if (git_commit_parent(&parent, c, 0) < 0) {
			git_commit_free(c);
			return -1;
		}
		had = id_at(&theirs, parent, p);
	}
	rc = have != had || (have && !git_oid_equal(&mine, &theirs));
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

static int log_cached(struct dp_strlist *out, struct dp_store *st,
		      struct dp_logcache *lc, const char *p, size_t max)
{
	size_t i, count = 0, len = strlen(p);
	char hex[GIT_OID_HEXSZ + 1];

	for (i = 0; i < lc->n && (!max || count < max); i++) {
		const struct dp_lc_commit *c = &lc->c[i];
		int t;

		if (!(c->flags & DP_LC_DIRECT))
			t = dp_store__logcache_touches(lc, i, p, len);
		else if ((t = touched_direct(st->repo, &c->id, p)) < 0) {
			dp_error_set("cannot read commit: %s",
				     dp_store__git_msg());
			return DP_EIO;
		}
		if (t) {
			git_oid_tostr(hex, sizeof(hex), &c->id);
			dp_strlist_push(out, hex);
			count++;
		}
	}
	return 0;
}

int dp_store_log_path(struct dp_strlist *out, struct dp_store *st,
		      const char *path, size_t max)
{
	struct dp_logcache *lc = NULL;
	git_revwalk *walk = NULL;
	char *p = dp_xstrdup(path ? path : "");
	size_t len = strlen(p), count = 0;
	git_oid id;
	int rc;

	while (len && p[len - 1] == '/')
		p[--len] = '\0';
	if (*p) {
		rc = dp_fs_path_check(p);
		if (rc < 0)
			goto out;
	}
	rc = dp_store__logcache_get(&lc, st);
	if (rc < 0 || lc) {
		if (lc)
			rc = log_cached(out, st, lc, p, max);
		goto out;
	}
	if (git_revwalk_new(&walk, st->repo) < 0) {
		dp_error_set("cannot read the history: %s",
			     dp_store__git_msg());
		rc = DP_EIO;
		goto out;
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	rc = git_repository_head_unborn(st->repo) == 1
		 ? GIT_EUNBORNBRANCH
		 : git_revwalk_push_head(walk);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0) {
		dp_error_set("cannot read the history: %s",
			     dp_store__git_msg());
		rc = DP_EIO;
		goto out;
	}
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_oid mine, theirs;
		int have, had = 0;
		char hex[GIT_OID_HEXSZ + 1];

		if (git_commit_lookup(&c, st->repo, &id) < 0) {
			dp_error_set("cannot read commit: %s",
				     dp_store__git_msg());
			rc = DP_EIO;
			goto out;
		}
		have = id_at(&mine, c, p);
		if (git_commit_parentcount(c) > 0) {
			if (git_commit_parent(&parent, c, 0) < 0) {
				git_commit_free(c);
				dp_error_set("cannot read commit: %s",
					     dp_store__git_msg());
				rc = DP_EIO;
				goto out;
			}
			had = id_at(&theirs, parent, p);
		}
		if (have != had || (have && !git_oid_equal(&mine, &theirs))) {
			git_oid_tostr(hex, sizeof(hex), &id);
			dp_strlist_push(out, hex);
			count++;
		}
		git_commit_free(parent);
		git_commit_free(c);
		if (max && count >= max)
			break;
	}
	if (rc == GIT_ITEROVER)
		git_error_clear();
	rc = rc == GIT_ITEROVER || rc == 0 ? 0 : DP_EIO;
	if (rc < 0)
		dp_error_set("cannot read the history: %s",
			     dp_store__git_msg());
out:
	git_revwalk_free(walk);
	free(p);
	return rc;
}
