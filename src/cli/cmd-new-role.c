/* SPDX-License-Identifier: MIT */
/* devplan new-role: add a role profile to the framework. */
#include "cli.h"
#include "devplan/framework.h"
#include "devplan/banned.h"

static const char *title, *track, *level;
static struct dp_strlist requires = DP_STRLIST_INIT, next = DP_STRLIST_INIT;
static const struct dp_option opts[] = {
	OPT_STRING(0, "title", &title, "title", "the role's title (required)"),
	OPT_STRING(0, "track", &track, "track", "ic or management"),
	OPT_STRING(0, "level", &level, "n", "level on its track (1-20)"),
	OPT_LIST(0, "require", &requires, "competency=level",
		 "a competency the role needs, at a level 1-10"),
	OPT_LIST(0, "next", &next, "role", "a role that can follow this one"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"new-role",
	"<id> --title <title> [--track ic|management] [--level <n>]\n"
	"    [--require <competency>=<level>]... [--next <role>]...",
	"Add a role profile: framework/roles/<id>.md.",
	opts,
	1,
	1
};

int cmd_new_role(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_role_new r = { .requires = &requires, .next = &next };
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_ref ref;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec, n ? "too many arguments"
					       : "which role? give an id");
	if (!title)
		return dp_usage_error(&spec, "--title is required");
	r.id = args[0];
	r.title = title;
	r.track = track;
	r.level = level;
	ret = dp_role_create(&ref, ctx->plan, &r, &f);
	dp_print_findings(&f);
	dp_findings_release(&f);
	dp_strlist_release(&requires);
	dp_strlist_release(&next);
	if (ret == DP_EUSAGE)
		return dp_usage_error(&spec, "%s", dp_error_last());
	if (ret < 0)
		return dp_fail(ret);
	printf("Added role %s (%s)\n", title, ref.path);
	return 0;
}
