/* SPDX-License-Identifier: MIT */
/* devplan new-person: add a person's profile. */
#include "cli.h"
#include "devplan/person.h"
#include "devplan/banned.h"

static const char *name, *email, *role, *manager, *mentor, *team;
static const struct dp_option opts[] = {
	OPT_STRING(0, "name", &name, "name", "full name (required)"),
	OPT_STRING(0, "email", &email, "email",
		   "email, matched to git's user.email (required)"),
	OPT_STRING(0, "role", &role, "role", "current role id"),
	OPT_STRING(0, "manager", &manager, "person", "manager's id"),
	OPT_STRING(0, "mentor", &mentor, "person", "mentor or career buddy"),
	OPT_STRING(0, "team", &team, "team", "team name"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"new-person",
	"<id> --name <name> --email <email> [--role <role>] [--manager <id>]",
	"Add a person: people/<id>/profile.md.",
	opts,
	1,
	1
};

int cmd_new_person(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_person_new p = { .name = NULL };
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_ref ref;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec, n ? "too many arguments"
					       : "which person? give an id");
	if (!name || !email)
		return dp_usage_error(&spec, "--name and --email are required");
	p.id = args[0];
	p.name = name;
	p.email = email;
	p.role = role;
	p.manager = manager;
	p.mentor = mentor;
	p.team = team;
	ret = dp_person_create(&ref, ctx->plan, &p, &f);
	dp_print_findings(&f);
	dp_findings_release(&f);
	if (ret < 0)
		return dp_fail(ret);
	printf("Added %s (%s)\n", name, ref.path);
	return 0;
}
