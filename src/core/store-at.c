/* SPDX-License-Identifier: MIT */
/* Trees of past commits: did a folder change between two of them. */
#include <string.h>

#include "devplan/error.h"
#include "devplan/store-at.h"
#include "store-priv.h"
#include "devplan/banned.h"

/* The tree id of `path` in commit `hex`: 1, 0 when absent, or < 0. */
static int subtree_id(git_oid *out, git_repository *repo, const char *hex,
		      const char *path)
{
	git_oid id;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int ret = 0;

	if (git_oid_fromstr(&id, hex) < 0) {
		dp_error_set("'%s' is not a commit id", hex);
		ret = DP_EINVALID;
		goto out;
	}
	if (git_commit_lookup(&commit, repo, &id) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		ret = dp_store__git_error(-1, "cannot read a commit");
		goto out;
	}
	if (git_tree_entry_bypath(&entry, tree, path) == 0 &&
	    git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
		git_oid_cpy(out, git_tree_entry_id(entry));
		ret = 1;
	}
out:
	git_error_clear();
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return ret;
}

int dp_store_subtree_same(struct dp_store *st, const char *a, const char *b,
			  const char *path)
{
	git_repository *repo = dp_store_git_repository(st);
	git_oid ia, ib;
	int ra, rb;

	if ((ra = subtree_id(&ia, repo, a, path)) <= 0)
		return ra;
	if ((rb = subtree_id(&ib, repo, b, path)) <= 0)
		return rb;
	return git_oid_equal(&ia, &ib);
}
