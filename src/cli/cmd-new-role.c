/* SPDX-License-Identifier: MIT */
/* devplan new-role: add a role profile to the framework. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/template.h"
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

/* Splits "id=level" into the two parts, checking both. */
static int parse_require(const char *spec_text, char **id_out,
			 const char **level_out)
{
	const char *eq = strchr(spec_text, '=');
	long lv;

	if (!eq || eq == spec_text) {
		dp_error_set("--require '%s': expected <competency>=<level>",
			     spec_text);
		return DP_EUSAGE;
	}
	*id_out = dp_xstrndup(spec_text, (size_t)(eq - spec_text));
	*level_out = eq + 1;
	if (!dp_id_valid(*id_out)) {
		dp_error_set(
		    "--require '%s': '%s' is not a valid competency id",
		    spec_text, *id_out);
		return DP_EINVALID;
	}
	if (dp_parse_long(eq + 1, 1, 10, &lv) < 0) {
		dp_error_set("--require '%s': level '%s' is not in 1..10",
			     spec_text, eq + 1);
		return DP_EINVALID;
	}
	return 0;
}

int cmd_new_role(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	char **keys = NULL;
	struct dp_value *vals = NULL, *nextv = NULL;
	const char *id;
	char **args;
	int n, ret = 0, locked = 0, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec, n ? "too many arguments"
					       : "which role? give an id");
	if (!title)
		return dp_usage_error(&spec, "--title is required");
	id = args[0];
	if (!dp_id_valid(id)) {
		dp_error_set("'%s' is not a valid role id (use 1-64 of a-z, "
			     "0-9, '-' and '_')",
			     id);
		ret = DP_EINVALID;
		goto out;
	}
	keys = dp_xcalloc(requires.len + 1, sizeof(*keys));
	vals = dp_xcalloc(requires.len + 1, sizeof(*vals));
	for (size_t i = 0; i < requires.len; i++) {
		const char *lv;

		if ((ret = parse_require(requires.items[i], &keys[i], &lv)) < 0)
			goto out;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(keys[j], keys[i])) {
				dp_error_set("--require names '%s' twice",
					     keys[i]);
				ret = DP_EINVALID;
				goto out;
			}
		vals[i] = DP_VTYPED(lv);
	}
	nextv = dp_xcalloc(next.len + 1, sizeof(*nextv));
	for (size_t i = 0; i < next.len; i++)
		nextv[i] = DP_VTEXT(next.items[i]);

	if ((ret = dp_layout_ref(&ref, dp_plan_layout(ctx->plan), DP_KIND_ROLE,
				 NULL, id)) < 0 ||
	    (ret = dp_plan_may(ctx->plan, DP_RIGHT_CREATE, &ref)) < 0 ||
	    (ret = dp_plan_lock(ctx->plan)) < 0)
		goto out;
	locked = 1;
	if (dp_store_exists(ctx->store, ref.path)) {
		dp_error_set("role '%s' already exists (%s)", id, ref.path);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = dp_plan_template(ctx->plan, &doc, &ref)) < 0 ||
	    (ret = dp_record_set_field(&doc, DP_KIND_ROLE, "title", title)) < 0)
		goto out;
	if (track &&
	    (ret = dp_record_set_field(&doc, DP_KIND_ROLE, "track", track)) < 0)
		goto out;
	if (level &&
	    (ret = dp_record_set_field(&doc, DP_KIND_ROLE, "level", level)) < 0)
		goto out;
	if (requires.len) {
		struct dp_value map = { DP_MAP,
					NULL,
					0,
					requires.len,
					(const char *const *)keys,
					vals };

		if ((ret = dp_doc_set(&doc, "requires", &map)) < 0)
			goto out;
	}
	if (next.len) {
		struct dp_value seq = {
			DP_SEQ, NULL, 0, next.len, NULL, nextv
		};

		if ((ret = dp_doc_set(&doc, "next", &seq)) < 0)
			goto out;
	}
	dp_msg_subject_prefix(&msg, &ref);
	dp_msg_subjectf(&msg, ": add ");
	dp_msg_subject_title(&msg, title);
	status = dp_run_create(ctx, &ref, &doc, &msg, DP_RIGHT_CREATE);
	if (status == 0)
		printf("Added role %s (%s)\n", title, ref.path);
out:
	if (locked)
		dp_plan_unlock(ctx->plan);
	if (keys)
		for (size_t i = 0; i < requires.len; i++)
			free(keys[i]);
	free(keys);
	free(vals);
	free(nextv);
	dp_strlist_release(&requires);
	dp_strlist_release(&next);
	dp_doc_release(&doc);
	dp_msg_release(&msg);
	return ret == DP_EUSAGE ? dp_usage_error(&spec, "%s", dp_error_last())
	       : ret < 0        ? dp_fail(ret)
				: status;
}
