/* SPDX-License-Identifier: MIT */
/* devplan sync: fetch, integrate, push (dp_store_sync). */
#include <string.h>

#include "cli.h"
#include "devplan/merge.h"
#include "devplan/sync.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"sync",
	"",
	"Fetch from the upstream remote, integrate (fast-forward, else a "
	"merge that merges records field by field) and push.",
	opts,
	0,
	DP_ARGS_NONE
};

int cmd_sync(int argc, char **argv, struct dp_ctx *ctx)
{
	static const char *const all[] = { "", NULL };
	struct dp_sync s = DP_SYNC_INIT;
	struct dp_strlist changed = DP_STRLIST_INIT;
	char **args;
	size_t i;
	int n, ret, status = 0, locked = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((ret = dp_plan_lock(ctx->plan)) < 0) {
		status = dp_fail(ret);
		goto out;
	}
	locked = 1;
	if ((ret = dp_store_changed_paths(&changed, ctx->store, all)) < 0) {
		status = dp_fail(ret);
		goto out;
	}
	if (changed.len) {
		dp_errorf("'%s' has uncommitted edits: commit them (devplan "
			  "commit) or stash them before syncing",
			  changed.items[0]);
		status = 1;
		goto out;
	}
	if (!dp_merge_driver_installed(ctx->store))
		dp_warnf("the records' merge driver is not registered in this "
			 "clone: run 'devplan merge-file --install' so that "
			 "'git pull' merges records too");
	ret = dp_store_sync(ctx->store, &s);
	if (ret < 0) {
		if (s.conflicts.len)
			fputs(s.conflicts.ptr, stderr);
		status = dp_fail(ret);
		goto out;
	}
	switch (s.action) {
	case DP_SYNC_FAST_FORWARD:
		printf("fast-forwarded to %s (%.7s)\n", s.upstream, s.head);
		break;
	case DP_SYNC_MERGED:
		printf("merged %s (%.7s)\n", s.upstream, s.head);
		for (i = 0; i < s.merged.len; i++) {
			fputs("  merged field by field: ", stdout);
			dp_term_puts(stdout, s.merged.items[i]);
		}
		break;
	default:
		break;
	}
	if (s.retried)
		printf("the push was rejected (the remote moved): fetched and "
		       "retried\n");
	if (s.pushed)
		printf("pushed to %s\n", s.upstream);
	else if (s.action == DP_SYNC_UP_TO_DATE)
		printf("up to date with %s\n", s.upstream);
	if (fflush(stdout) || ferror(stdout)) {
		dp_errorf("cannot write the output");
		status = 3;
	}
out:
	if (locked)
		dp_plan_unlock(ctx->plan);
	dp_strlist_release(&changed);
	dp_sync_release(&s);
	return status;
}
