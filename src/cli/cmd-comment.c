/* SPDX-License-Identifier: MIT */
/* devplan comment: one commit adding one comment file (dp_comment_add). */
#include "cli.h"
#include "devplan/comment.h"
#include "devplan/banned.h"

static const char *text, *reply_to;
static int kudos;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &text, "text", "the comment"),
	OPT_BOOL(0, "kudos", &kudos,
		 "recognise a goal or action done (shown under it)"),
	OPT_STRING(0, "reply-to", &reply_to, "comment",
		   "answer a comment (its name, as 'devplan show' lists it)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"comment",
	"<record> -m <text> [--kudos] [--reply-to <comment>]",
	"Comment on a record: one commit adding one comment file.",
	opts,
	1,
	1
};

int cmd_comment(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_comment_new c = { 0 };
	struct dp_ref on;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec, "name one record to comment on");
	if (!text)
		return dp_usage_error(&spec, "give the comment with -m");
	if ((ret = dp_run_resolve(ctx, &on, args[0], DP_KIND_UNKNOWN)) != 0)
		return ret;
	c.text = text;
	c.reply_to = reply_to;
	c.kudos = kudos;
	c.findings = (struct dp_findings)DP_FINDINGS_INIT;
	ret = dp_comment_add(ctx->plan, &on, &c);
	dp_print_findings(&c.findings);
	dp_findings_release(&c.findings);
	if (ret < 0)
		return dp_fail(ret);
	printf("%s\n", c.out.path);
	return 0;
}
