/* SPDX-License-Identifier: MIT */
/*
 * libgit2's floor for one devplan mutation, for bench/mutation.sh: open
 * the repository, write one blob, build the tree from HEAD's tree with
 * git_tree_create_updated, commit, move HEAD, update and write the index.
 * No locks, no checks, no work-tree file: what no commit can go below.
 *   floor REPO PATH TEXT
 */
#include <git2.h>
#include <stdio.h>
#include <string.h>

#define CHECK(x)                                                               \
	do {                                                                   \
		if ((x) < 0) {                                                 \
			const git_error *e = git_error_last();                 \
			fprintf(stderr, "floor: %s: %s\n", #x,                 \
				e ? e->message : "?");                         \
			return 1;                                              \
		}                                                              \
	} while (0)

int main(int argc, char **argv)
{
	git_repository *repo;
	git_reference *head;
	git_commit *parent;
	git_tree *base, *tree;
	git_signature *sig;
	git_index *idx;
	git_tree_update up;
	git_index_entry e;
	git_oid blob, tree_id, commit;
	const git_commit *parents[1];

	if (argc != 4) {
		fprintf(stderr, "usage: floor REPO PATH TEXT\n");
		return 2;
	}
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
	CHECK(git_repository_open(&repo, argv[1]));
	CHECK(
	    git_blob_create_from_buffer(&blob, repo, argv[3], strlen(argv[3])));
	CHECK(git_repository_head(&head, repo));
	CHECK(git_commit_lookup(&parent, repo, git_reference_target(head)));
	CHECK(git_commit_tree(&base, parent));
	memset(&up, 0, sizeof(up));
	up.action = GIT_TREE_UPDATE_UPSERT;
	up.filemode = GIT_FILEMODE_BLOB;
	up.path = argv[2];
	git_oid_cpy(&up.id, &blob);
	CHECK(git_tree_create_updated(&tree_id, repo, base, 1, &up));
	CHECK(git_tree_lookup(&tree, repo, &tree_id));
	CHECK(git_signature_now(&sig, "Floor", "floor@example.com"));
	parents[0] = parent;
	CHECK(git_commit_create(&commit, repo, "HEAD", sig, sig, NULL,
				"floor\n", tree, 1, parents));
	CHECK(git_repository_index(&idx, repo));
	memset(&e, 0, sizeof(e));
	e.mode = GIT_FILEMODE_BLOB;
	e.path = argv[2];
	git_oid_cpy(&e.id, &blob);
	CHECK(git_index_add(idx, &e));
	CHECK(git_index_write(idx));
	git_libgit2_shutdown();
	return 0;
}
