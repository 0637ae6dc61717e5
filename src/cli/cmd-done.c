/* SPDX-License-Identifier: MIT */
/* devplan done: mark a goal done. */
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

static const char *note;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &note, "note",
		   "what was achieved (goes in the commit)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"done",
	"<goal> [-m <note>]",
	"Mark a goal done: status done, progress 100.",
	opts,
	1,
	1
};

static int mark_done(struct dp_doc *doc, struct dp_buf *subject,
		     struct dp_buf *body, void *data)
{
	const char *path = data;
	struct dp_buf label = DP_BUF_INIT;
	int ret;

	dp_subject_prefix(subject, path);
	dp_record_label(&label, path);
	dp_buf_addf(subject, ": %s: done", label.ptr);
	dp_buf_release(&label);
	if ((ret = dp_record_set_field(doc, DP_KIND_GOAL, "status", "done")) <
		0 ||
	    (ret = dp_record_set_field(doc, DP_KIND_GOAL, "progress", "100")) <
		0)
		return ret;
	if (note)
		dp_buf_adds(body, note);
	return 0;
}

int cmd_done(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf path = DP_BUF_INIT;
	struct dp_edit_req req = { NULL, mark_done, NULL, NULL };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec,
				      n ? "too many arguments" : "which goal?");
	if ((ret = dp_resolve(&path, ctx, args[0], DP_KIND_GOAL)) < 0)
		goto out;
	req.path = path.ptr;
	req.data = path.ptr;
	ret = dp_edit_record(ctx, &req);
out:
	dp_buf_release(&path);
	return ret < 0 ? dp_fail(ret) : 0;
}
