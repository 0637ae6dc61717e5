/* SPDX-License-Identifier: MIT */
/* A commit that changes no file (an approval), dated like every commit. */
#include "devplan/commit.h"

#include <string.h>

#include "devplan/error.h"
#include "store-priv.h"
#include "devplan/banned.h"

int dp_store_commit_empty(struct dp_store *st, const char *message,
			  const struct dp_ident *author,
			  const struct dp_ident *committer, char *out_oid)
{
	git_repository *repo = dp_store_git_repository(st);
	git_signature *a = NULL, *c = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid head_id, id;
	int rc, tries;

	if (out_oid)
		out_oid[0] = '\0';
	/* The one path of dp_store_commit: GIT_{AUTHOR,COMMITTER}_DATE. */
	if ((rc = dp_store__signature(&c, st, "COMMITTER", committer)) < 0 ||
	    (rc = dp_store__signature(&a, st, "AUTHOR",
				      author ? author : committer)) < 0)
		goto out;
	for (tries = 0; tries < 2; tries++) {
		git_commit_free(head);
		git_tree_free(tree);
		head = NULL;
		tree = NULL;
		if (git_reference_name_to_id(&head_id, repo, "HEAD") < 0 ||
		    git_commit_lookup(&head, repo, &head_id) < 0 ||
		    git_commit_tree(&tree, head) < 0) {
			dp_error_set("cannot read HEAD: %s",
				     dp_store__git_msg());
			rc = DP_EIO;
			goto out;
		}
		rc = git_commit_create(&id, repo, "HEAD", a, c, NULL, message,
				       tree, 1, (const git_commit **)&head);
		if (rc != GIT_EMODIFIED && rc != GIT_ELOCKED)
			break;
	}
	if (rc < 0) {
		dp_error_set("cannot commit: %s", dp_store__git_msg());
		rc = rc == GIT_ELOCKED ? DP_ELOCKED : DP_EIO;
		goto out;
	}
	if (out_oid)
		git_oid_tostr(out_oid, GIT_OID_HEXSZ + 1, &id);
	rc = 0;
out:
	git_error_clear();
	git_commit_free(head);
	git_tree_free(tree);
	git_signature_free(a);
	git_signature_free(c);
	return rc;
}
