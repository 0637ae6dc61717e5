/* SPDX-License-Identifier: MIT */
/* devplan codeowners: CODEOWNERS from the profiles (dp_codeowners_write). */
#include "cli.h"
#include "devplan/codeowners.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"codeowners",
	"",
	"Write CODEOWNERS so that git hosts route each person's changes to "
	"them and their manager (from the profiles' handle field).",
	opts,
	0,
	DP_ARGS_NONE
};

int cmd_codeowners(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_strlist missing = DP_STRLIST_INIT;
	char oid[41];
	char **args;
	size_t i;
	int n, ret, changed = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	ret = dp_codeowners_write(ctx->plan, &missing, &changed, oid);
	if (ret < 0) {
		dp_strlist_release(&missing);
		return dp_fail(ret);
	}
	for (i = 0; i < missing.len; i++)
		dp_warnf("'%s' has no handle in their profile: left out",
			 missing.items[i]);
	if (changed)
		printf("wrote %s (commit %.7s)\n", DP_CODEOWNERS_PATH, oid);
	else
		printf("%s is up to date\n", DP_CODEOWNERS_PATH);
	dp_strlist_release(&missing);
	return 0;
}
