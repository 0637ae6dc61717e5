/* SPDX-License-Identifier: MIT */
/* devplan new-person: add a person's profile. */
#include <string.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/template.h"
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
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	const char *id;
	char **args;
	int n, ret, locked = 0, status = 0;
	static const char *const fields[] = { "name",    "email",  "role",
					      "manager", "mentor", "team" };
	const char *values[DP_ARRAY_SIZE(fields)];

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec, n ? "too many arguments"
					       : "which person? give an id");
	if (!name || !email)
		return dp_usage_error(&spec, "--name and --email are required");
	id = args[0];
	values[0] = name;
	values[1] = email;
	values[2] = role;
	values[3] = manager;
	values[4] = mentor;
	values[5] = team;
	if (!dp_id_valid(id)) {
		dp_error_set("'%s' is not a valid person id (use 1-64 of "
			     "a-z, 0-9, '-' and '_')",
			     id);
		ret = DP_EINVALID;
		goto out;
	}
	if ((ret = dp_layout_ref(&ref, dp_plan_layout(ctx->plan),
				 DP_KIND_PROFILE, id, NULL)) < 0 ||
	    (ret = dp_plan_may(ctx->plan, DP_RIGHT_CREATE, &ref)) < 0 ||
	    (ret = dp_plan_lock(ctx->plan)) < 0)
		goto out;
	locked = 1;
	if (dp_store_exists(ctx->store, ref.path)) {
		dp_error_set("person '%s' already exists (%s)", id, ref.path);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = dp_plan_template(ctx->plan, &doc, &ref)) < 0)
		goto out;
	for (size_t i = 0; i < DP_ARRAY_SIZE(fields); i++) {
		if (!values[i])
			continue;
		ret = dp_record_set_field(&doc, DP_KIND_PROFILE, fields[i],
					  values[i]);
		if (ret < 0)
			goto out;
	}
	dp_msg_subject_prefix(&msg, &ref);
	dp_msg_subjectf(&msg, ": add ");
	dp_msg_subject_title(&msg, name);
	status = dp_run_create(ctx, &ref, &doc, &msg, DP_RIGHT_CREATE);
	if (status == 0)
		printf("Added %s (%s)\n", name, ref.path);
out:
	if (locked)
		dp_plan_unlock(ctx->plan);
	dp_doc_release(&doc);
	dp_msg_release(&msg);
	return ret < 0 ? dp_fail(ret) : status;
}
