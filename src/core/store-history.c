/* SPDX-License-Identifier: MIT */
/*
 * The store's history readers: HEAD's time, and the versions of files
 * commit by commit (progress over time on the rendered site).
 */
#include <string.h>

#include "store-priv.h"

#include "devplan/error.h"
#include "devplan/store.h"
#include "devplan/banned.h"

#define MAX_VERSION_SIZE (1024 * 1024)

static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

int dp_store_head_time(struct dp_store *st, long long *out, int *offset)
{
	git_repository *repo = dp_store_git_repository(st);
	git_reference *head = NULL;
	git_commit *c = NULL;
	int rc;

	*out = 0;
	*offset = 0;
	rc = git_repository_head(&head, repo);
	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
		git_error_clear();
		dp_error_set("the repository has no commit yet");
		return DP_ENOTFOUND;
	}
	if (rc < 0 || git_commit_lookup(&c, repo, git_reference_target(head))) {
		dp_error_set("cannot read HEAD: %s", git_msg());
		git_reference_free(head);
		return DP_EIO;
	}
	*out = (long long)git_commit_time(c);
	*offset = git_commit_time_offset(c);
	git_commit_free(c);
	git_reference_free(head);
	return 0;
}

struct version_cb {
	git_repository *repo;
	long long time;
	int offset;
	dp_history_fn fn;
	void *data;
	int ret;
};

static int on_delta(const git_diff_delta *d, float progress, void *payload)
{
	struct version_cb *v = payload;
	git_blob *blob = NULL;
	git_object_size_t size;

	(void)progress;
	if (d->status != GIT_DELTA_ADDED && d->status != GIT_DELTA_MODIFIED)
		return 0;
	if (git_blob_lookup(&blob, v->repo, &d->new_file.id) < 0) {
		dp_error_set("cannot read '%s' in the history: %s",
			     d->new_file.path, git_msg());
		v->ret = DP_EIO;
		return -1;
	}
	size = git_blob_rawsize(blob);
	if (size <= MAX_VERSION_SIZE)
		v->ret =
		    v->fn(d->new_file.path, v->time, v->offset,
			  git_blob_rawcontent(blob), (size_t)size, v->data);
	git_blob_free(blob);
	return v->ret < 0 ? -1 : 0;
}

int dp_store_history(struct dp_store *st, const char *prefix,
		     size_t max_commits, dp_history_fn fn, void *data)
{
	git_repository *repo = dp_store_git_repository(st);
	git_diff_options opts;
	char *spec[1] = { (char *)(prefix ? prefix : "") };
	struct version_cb v = { repo, 0, 0, fn, data, 0 };
	git_revwalk *walk = NULL;
	size_t count = 0;
	git_oid id;
	int rc;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = spec;
	opts.pathspec.count = spec[0][0] ? 1 : 0;
	opts.flags = GIT_DIFF_SKIP_BINARY_CHECK;
	if (git_revwalk_new(&walk, repo) < 0)
		goto fail;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	git_revwalk_simplify_first_parent(walk);
	rc = git_revwalk_push_head(walk);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		git_error_clear();
		rc = 0;
		goto out;
	}
	if (rc < 0)
		goto fail;
	while ((!max_commits || count < max_commits) &&
	       (rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL, *parent = NULL;
		git_tree *tree = NULL, *old = NULL;
		git_diff *diff = NULL;

		count++;
		rc = git_commit_lookup(&c, repo, &id);
		if (!rc)
			rc = git_commit_tree(&tree, c);
		if (!rc && git_commit_parentcount(c) > 0 &&
		    !(rc = git_commit_parent(&parent, c, 0)))
			rc = git_commit_tree(&old, parent);
		if (!rc)
			rc = git_diff_tree_to_tree(&diff, repo, old, tree,
						   &opts);
		if (!rc) {
			v.time = (long long)git_commit_time(c);
			v.offset = git_commit_time_offset(c);
			rc = git_diff_foreach(diff, on_delta, NULL, NULL, NULL,
					      &v);
		}
		git_diff_free(diff);
		git_tree_free(old);
		git_tree_free(tree);
		git_commit_free(parent);
		git_commit_free(c);
		if (v.ret < 0) {
			rc = v.ret;
			goto out;
		}
		if (rc < 0)
			goto fail;
	}
	rc = rc == GIT_ITEROVER ? 0 : rc;
	if (rc < 0)
		goto fail;
	goto out;
fail:
	dp_error_set("cannot read the history: %s", git_msg());
	rc = DP_EIO;
out:
	git_revwalk_free(walk);
	return rc;
}
