/* SPDX-License-Identifier: MIT */
/* devplan new-competency: add a competency to the catalog. */
#include "cli.h"
#include "devplan/framework.h"
#include "devplan/banned.h"

static const char *name, *category, *description;
static struct dp_strlist levels = DP_STRLIST_INIT;
static const struct dp_option opts[] = {
	OPT_STRING(0, "name", &name, "name", "display name (required)"),
	OPT_STRING(0, "category", &category, "category",
		   "core, technical or specialised (required)"),
	OPT_STRING(0, "description", &description, "text",
		   "what the competency covers"),
	OPT_LIST(0, "level", &levels, "n=text",
		 "what level n (1-10) looks like"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"new-competency",
	"<id> --name <name> --category core|technical|specialised\n"
	"    [--description <text>] [--level <n>=<text>]...",
	"Add a competency to framework/competencies.yaml.",
	opts,
	1,
	1
};

int cmd_new_competency(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_competency_new c = { .levels = &levels };
	struct dp_edit e = { .findings = DP_FINDINGS_INIT };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec,
				      n ? "too many arguments"
					: "which competency? give an id");
	if (!name || !category)
		return dp_usage_error(&spec,
				      "--name and --category are required");
	c.id = args[0];
	c.name = name;
	c.category = category;
	c.description = description;
	ret = dp_competency_create(&e, ctx->plan, &c);
	dp_print_findings(&e.findings);
	dp_findings_release(&e.findings);
	dp_strlist_release(&levels);
	if (ret < 0)
		return dp_fail(ret);
	printf("Added competency %s (%s)\n", name, e.ref.path);
	return 0;
}
