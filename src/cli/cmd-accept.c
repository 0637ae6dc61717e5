/* SPDX-License-Identifier: MIT */
/* devplan accept: the owner accepts a goal proposed to them. */
#include <string.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"accept",
	"<goal>",
	"Accept a goal proposed to you: its status becomes active.",
	opts,
	1,
	1
};

static int accept_goal(struct dp_doc *doc, struct dp_buf *subject,
		       struct dp_buf *body, void *data)
{
	const char *path = data;
	const char *status = dp_doc_str(doc, "status");
	const char *title = dp_doc_str(doc, "title");

	(void)body;
	if (!status || strcmp(status, "proposed")) {
		dp_error_set("'%s' is not a proposed goal (its status is %s)",
			     path, status ? status : "missing");
		return DP_EINVALID;
	}
	/* The subject first: an edit re-parses the doc and frees its nodes. */
	dp_subject_prefix(subject, path);
	dp_buf_addf(subject, ": accept \"%s\"", title ? title : "");
	return dp_record_set_field(doc, DP_KIND_GOAL, "status", "active");
}

int cmd_accept(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf path = DP_BUF_INIT, me = DP_BUF_INIT;
	struct dp_buf owner = DP_BUF_INIT;
	struct dp_edit_req req = { NULL, accept_goal, NULL, NULL };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec,
				      n ? "too many arguments" : "which goal?");
	if ((ret = dp_resolve(&path, ctx, args[0], DP_KIND_GOAL)) < 0 ||
	    (ret = dp_whoami(&me, ctx)) < 0)
		goto out;
	dp_layout_person_of(&owner, path.ptr);
	if (strcmp(owner.ptr, me.ptr)) {
		dp_error_set("only '%s' can accept '%s' (you are '%s')",
			     owner.ptr, path.ptr, me.ptr);
		ret = DP_EINVALID;
		goto out;
	}
	req.path = path.ptr;
	req.data = path.ptr;
	if ((ret = dp_edit_record(ctx, &req)) < 0)
		goto out;
	printf("Accepted %s\n", path.ptr);
out:
	dp_buf_release(&owner);
	dp_buf_release(&me);
	dp_buf_release(&path);
	return ret < 0 ? dp_fail(ret) : 0;
}
