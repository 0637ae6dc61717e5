/* SPDX-License-Identifier: MIT */
/*
 * devplan edit: open a record in the user's editor, check what comes
 * back, and commit it.
 *
 * The editor works on a draft in the git directory (draft.h), so the work
 * tree only ever sees a complete, valid record. The repository lock is
 * taken only to commit, not while the editor is open, and the record is
 * compared with what the draft started from before the commit, so a
 * change made in between is never overwritten. A rejected draft is kept:
 * `devplan edit --continue` opens it again.
 */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/editing.h"
#include "devplan/banned.h"

static int resume;
static const struct dp_option opts[] = {
	OPT_BOOL(0, "continue", &resume,
		 "take up a draft that was not valid (the only one, or the "
		 "record's)"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"edit",
	"<record>\n"
	"--continue [<record>]",
	"Edit a record in your editor; it is checked and committed when you "
	"quit.",
	opts,
	0,
	0,
};

/* "Edit again? [Y/n]" on a terminal; 1 for yes. */
static int ask_again(void)
{
	char answer[64];

	if (!isatty(STDIN_FILENO))
		return 0;
	fputs("Edit again? [Y/n] ", stderr);
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), stdin))
		return 0;
	return answer[0] != 'n' && answer[0] != 'N';
}

/* Edits until the text is valid; 1 when there is something to commit. */
static int edit_loop(struct dp_ctx *ctx, struct dp_draft *d,
		     struct dp_buf *text)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	int ret;

	for (;;) {
		if ((ret = dp_launch_editor(ctx, d->file.ptr)) < 0 ||
		    (ret = dp_draft_read(text, d)) < 0)
			return ret;
		if ((ret = dp_editing_changed(d, text)) <= 0) {
			if (ret == 0)
				fputs("nothing changed\n", stderr);
			return ret;
		}
		ret = dp_draft_check(ctx->plan, d, text, &f);
		dp_print_findings(&f);
		dp_findings_release(&f);
		if (ret == 0)
			return 1;
		if (!ask_again()) {
			dp_editing_kept(d);
			return DP_EINVALID;
		}
	}
}

/* Edits the draft until valid, then commits it; 0 or an error. */
static int run(struct dp_ctx *ctx, struct dp_draft *d)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_buf text = DP_BUF_INIT;
	int ret = edit_loop(ctx, d, &text);

	if (ret > 0) {
		ret = dp_editing_commit(ctx->plan, d, &text, &f);
		dp_print_findings(&f);
		if (ret == 0)
			printf("%s %s\n", d->is_new ? "Added" : "Edited",
			       d->ref.path);
	}
	dp_findings_release(&f);
	dp_buf_release(&text);
	return ret < 0 ? ret : 0;
}

int dp_edit_in_editor(struct dp_ctx *ctx, const struct dp_ref *ref, int create)
{
	struct dp_draft d;
	int ret;

	dp_draft_init(&d);
	ret = dp_editing_start(&d, ctx->plan, ref, create);
	if (ret == 0)
		ret = run(ctx, &d);
	dp_draft_release(&d);
	return ret < 0 ? dp_fail(ret) : 0;
}

int cmd_edit(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_draft d;
	struct dp_ref ref;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0 && !resume)
		return dp_usage_error(&spec, "which record? name one");
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	dp_draft_init(&d);
	if (resume)
		ret = dp_editing_resume(&d, ctx->plan, n ? args[0] : NULL);
	else if ((ret = dp_plan_resolve(ctx->plan, &ref, args[0],
					DP_KIND_UNKNOWN)) == 0)
		ret = dp_editing_start(&d, ctx->plan, &ref, 0);
	if (ret == 0)
		ret = run(ctx, &d);
	dp_draft_release(&d);
	return ret < 0 ? dp_fail(ret) : 0;
}
