/* SPDX-License-Identifier: MIT */
/* devplan init: create a plan repository. */
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

static const char *org, *layout;
static struct dp_strlist admins = DP_STRLIST_INIT;
static const struct dp_option opts[] = {
	OPT_STRING(0, "org", &org, "name",
		   "organisation name (default: the folder's name)"),
	OPT_STRING(0, "layout", &layout, "flat|grouped",
		   "people/<id>/ (default), or people/<nn>/<id>/ for big "
		   "organisations"),
	OPT_LIST(0, "admin", &admins, "person",
		 "an admin: owns the framework and may change any record"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"init",
	"[<dir>] [--org <name>] [--layout flat|grouped] [--admin <id>]...",
	"Create a plan repository (or make an existing git repository one).",
	opts,
	0,
	1
};

int cmd_init(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_init in = { 0 };
	struct dp_findings f = DP_FINDINGS_INIT;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if (layout && strcmp(layout, "flat") && strcmp(layout, "grouped"))
		return dp_usage_error(
		    &spec, "unknown layout '%s': use flat or grouped", layout);
	in.dir = n ? args[0] : ".";
	in.org = org;
	in.layout = layout;
	in.admins = &admins;
	ret = dp_plan_init(&ctx->plan, &in, &f);
	dp_print_findings(&f);
	dp_findings_release(&f);
	dp_strlist_release(&admins);
	if (ret < 0)
		return dp_fail(ret);
	printf("Initialized plan repository for \"%s\" in %s\n", in.org_out,
	       dp_store_workdir(dp_plan_store(ctx->plan)));
	return 0;
}
