/* SPDX-License-Identifier: MIT */
/* What differs between HEAD and the work tree (git status, for records). */
#include "store-priv.h"
#include <string.h>

#include "devplan/error.h"
#include "devplan/store.h"
#include "devplan/banned.h"

int dp_store_changed_paths(struct dp_strlist *out, struct dp_store *st,
			   const char *const *prefixes)
{
	git_repository *repo = dp_store_git_repository(st);
	git_status_options opts;
	git_status_list *list = NULL;
	struct dp_strlist seen = DP_STRLIST_INIT;
	size_t n = 0;
	int rc;

	while (prefixes && prefixes[n])
		n++;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
		     GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	opts.pathspec.strings = (char **)prefixes;
	opts.pathspec.count = n;
	if (git_status_list_new(&list, repo, &opts) < 0) {
		const git_error *e = git_error_last();

		dp_error_set("cannot read the status of the work tree: %s",
			     e && e->message ? e->message : "unknown error");
		rc = DP_EIO;
		goto out;
	}
	for (size_t i = 0; i < git_status_list_entrycount(list); i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->index_to_workdir
					      ? e->index_to_workdir
					      : e->head_to_index;
		const char *path;

		if (!d || e->status == GIT_STATUS_CURRENT ||
		    (e->status & GIT_STATUS_IGNORED))
			continue;
		path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (path && !dp_strlist_has(&seen, path))
			dp_strlist_push(&seen, path);
	}
	dp_strlist_sort(&seen);
	for (size_t i = 0; i < seen.len; i++)
		dp_strlist_push(out, seen.items[i]);
	rc = 0;
out:
	dp_strlist_release(&seen);
	git_status_list_free(list);
	return rc;
}
