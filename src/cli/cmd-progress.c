/* SPDX-License-Identifier: MIT */
/* devplan progress: record how far a goal has come. */
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

static const char *note;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &note, "note",
		   "what moved it on (goes in the commit)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"progress",
	"<goal> <0-100> [-m <note>]",
	"Set a goal's progress, with an optional note.",
	opts,
	2,
	2
};

struct progress_data {
	const char *path;
	const char *value;
};

static int set_progress(struct dp_doc *doc, struct dp_buf *subject,
			struct dp_buf *body, void *data)
{
	struct progress_data *pd = data;
	const char *old = dp_doc_str(doc, "progress");
	struct dp_buf label = DP_BUF_INIT;
	int ret;

	dp_subject_prefix(subject, pd->path);
	dp_record_label(&label, pd->path);
	dp_buf_addf(subject, ": %s: progress %s -> %s", label.ptr,
		    old ? old : "0", pd->value);
	dp_buf_release(&label);
	ret = dp_record_set_field(doc, DP_KIND_GOAL, "progress", pd->value);
	if (ret == 0 && note)
		dp_buf_adds(body, note);
	return ret;
}

int cmd_progress(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf path = DP_BUF_INIT;
	struct progress_data pd;
	struct dp_edit_req req = { NULL, set_progress, &pd, NULL };
	char **args, value[8];
	long v;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 2)
		return dp_usage_error(&spec, "give a goal and a percentage");
	if (dp_parse_long(args[1], 0, 100, &v) < 0) {
		dp_errorf("progress: '%s' is not a whole number in 0..100",
			  args[1]);
		return 1;
	}
	if ((ret = dp_resolve(&path, ctx, args[0], DP_KIND_GOAL)) < 0)
		goto out;
	pd.path = path.ptr;
	/* "050" is written 50: say so in the subject too. */
	snprintf(value, sizeof(value), "%ld", v);
	pd.value = value;
	req.path = path.ptr;
	ret = dp_edit_record(ctx, &req);
out:
	dp_buf_release(&path);
	return ret < 0 ? dp_fail(ret) : 0;
}
