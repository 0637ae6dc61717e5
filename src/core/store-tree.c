/* SPDX-License-Identifier: MIT */
/* Trees of HEAD: a folder's id, and what changed between two of them. */
#include <string.h>

#include "devplan/error.h"
#include "store-priv.h"
#include "devplan/banned.h"

int dp_store_head_subtree(struct dp_store *st, const char *path, char hex[41])
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int rc;

	hex[0] = '\0';
	if ((rc = dp_store__head_tree(&tree, st)) < 0)
		return rc;
	if (git_tree_entry_bypath(&entry, tree, path) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
		git_error_clear();
		rc = DP_ENOTFOUND;
	} else {
		git_oid_tostr(hex, 41, git_tree_entry_id(entry));
	}
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return rc;
}

struct changes {
	git_repository *repo;
	const char *suffix;
	dp_tree_change_fn fn;
	void *data;
	int rc;
};

static int on_delta(const git_diff_delta *d, float progress, void *payload)
{
	struct changes *c = payload;
	const char *path =
	    d->new_file.path ? d->new_file.path : d->old_file.path;
	git_blob *blob = NULL;
	size_t plen = strlen(path), slen = strlen(c->suffix);

	(void)progress;
	if (plen < slen || strcmp(path + plen - slen, c->suffix))
		return 0;
	if (d->status == GIT_DELTA_DELETED) {
		c->rc = c->fn(path, NULL, 0, c->data);
	} else if (git_blob_lookup(&blob, c->repo, &d->new_file.id) == 0) {
		c->rc = c->fn(path, git_blob_rawcontent(blob),
			      (size_t)git_blob_rawsize(blob), c->data);
		git_blob_free(blob);
	}
	return c->rc < 0 ? -1 : 0;
}

int dp_store_tree_changes(struct dp_store *st, const char *old_hex,
			  const char *new_hex, const char *suffix,
			  dp_tree_change_fn fn, void *data)
{
	struct changes c = { st->repo, suffix, fn, data, 0 };
	git_tree *old = NULL, *new = NULL;
	git_diff *diff = NULL;
	git_oid oid;
	int rc = 0;

	if (old_hex && *old_hex &&
	    (git_oid_fromstr(&oid, old_hex) < 0 ||
	     git_tree_lookup(&old, st->repo, &oid) < 0))
		old = NULL; /* gone (gc): everything is new */
	if (git_oid_fromstr(&oid, new_hex) < 0 ||
	    git_tree_lookup(&new, st->repo, &oid) < 0 ||
	    git_diff_tree_to_tree(&diff, st->repo, old, new, NULL) < 0) {
		rc = dp_store__git_error(-1, "cannot compare trees");
		goto out;
	}
	if (git_diff_foreach(diff, on_delta, NULL, NULL, NULL, &c) < 0 &&
	    c.rc == 0)
		rc = dp_store__git_error(-1, "cannot compare trees");
	if (c.rc < 0)
		rc = c.rc;
out:
	git_error_clear();
	git_diff_free(diff);
	git_tree_free(old);
	git_tree_free(new);
	return rc;
}
