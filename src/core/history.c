/* SPDX-License-Identifier: MIT */
/* History: commits without file changes, reading commits back. */
#include "devplan/history.h"

#include <git2.h>

#include "devplan/error.h"
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

int dp_history_commit_empty(struct dp_store *st, const char *message,
			    const struct dp_ident *author,
			    const struct dp_ident *committer, char *out_oid)
{
	git_repository *repo = dp_store_git_repository(st);
	git_signature *a = NULL, *c = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid head_id, id;
	int rc, tries;

	if (git_signature_now(&a, author->name, author->email) < 0 ||
	    git_signature_now(&c, committer->name, committer->email) < 0) {
		dp_error_set("invalid identity: %s", git_msg());
		rc = DP_ENOIDENT;
		goto out;
	}
	for (tries = 0; tries < 2; tries++) {
		git_commit_free(head);
		git_tree_free(tree);
		head = NULL;
		tree = NULL;
		if (git_reference_name_to_id(&head_id, repo, "HEAD") < 0 ||
		    git_commit_lookup(&head, repo, &head_id) < 0 ||
		    git_commit_tree(&tree, head) < 0) {
			dp_error_set("cannot read HEAD: %s", git_msg());
			rc = DP_EIO;
			goto out;
		}
		rc = git_commit_create(&id, repo, "HEAD", a, c, NULL, message,
				       tree, 1, (const git_commit **)&head);
		if (rc != GIT_EMODIFIED && rc != GIT_ELOCKED)
			break;
	}
	if (rc < 0) {
		dp_error_set("cannot commit: %s", git_msg());
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
