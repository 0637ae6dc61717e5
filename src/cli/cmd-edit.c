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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/draft.h"
#include "devplan/template.h"
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

static int only_space(const struct dp_buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (!strchr(" \t\r\n\f\v", b->ptr[i]) || !b->ptr[i])
			return 0;
	return 1;
}

static int same(const struct dp_buf *a, const struct dp_buf *b)
{
	return a->len == b->len && !memcmp(a->ptr, b->ptr, a->len);
}

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

/*
 * A new draft of `ref` from its current text; with `create`, a record not
 * written yet (a career map, a SWOT) starts from its template.
 */
static int start(struct dp_ctx *ctx, struct dp_draft *d,
		 const struct dp_ref *ref, int create)
{
	struct dp_buf orig = DP_BUF_INIT;
	int fresh = create && !dp_store_exists(ctx->store, ref->path);
	int ret;

	/* Refuse before the user spends time in the editor. */
	if ((ret = dp_plan_may(ctx->plan,
			       fresh ? DP_RIGHT_CREATE : DP_RIGHT_WRITE, ref)) <
		0 ||
	    (ret = dp_store_check_clean(ctx->store, ref->path)) < 0)
		goto out;
	ret = fresh
		  ? dp_template_load(&orig, ctx->store,
				     dp_kind_def(ref->kind)->tmpl)
		  : dp_store_read(&orig, ctx->store, ref->path, DP_FM_MAX_FILE);
	if (ret == DP_ENOTFOUND)
		dp_error_set("cannot read '%s': no such record", ref->path);
	if (ret == 0)
		ret = dp_draft_create(d, ctx->plan, ref, &orig,
				      fresh ? NULL : &orig);
out:
	dp_buf_release(&orig);
	return ret;
}

/* The draft to continue: the record's, or the only one. */
static int find(struct dp_ctx *ctx, struct dp_draft *d, const char *name)
{
	struct dp_ref ref;
	int ret = 0;

	if (name &&
	    (ret = dp_plan_resolve(ctx->plan, &ref, name, DP_KIND_UNKNOWN)) <
		0 &&
	    dp_layout_parse(&ref, dp_plan_layout(ctx->plan), name) > 0)
		ret = 0; /* a new record's draft: not in the tree yet */
	if (ret == 0)
		ret = dp_draft_find(d, ctx->plan, name ? &ref : NULL);
	if (ret == 0)
		ret = dp_plan_may(ctx->plan,
				  d->is_new ? DP_RIGHT_CREATE : DP_RIGHT_WRITE,
				  &d->ref);
	return ret;
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
		if (only_space(text)) {
			dp_draft_remove(d);
			dp_error_set("aborted: empty file; nothing changed");
			return DP_EINVALID;
		}
		if (!d->is_new && same(text, &d->orig)) {
			dp_draft_remove(d);
			fputs("nothing changed\n", stderr);
			return 0;
		}
		ret = dp_draft_check(ctx->plan, d, text, &f);
		dp_print_findings(&f);
		dp_findings_release(&f);
		if (ret == 0)
			return 1;
		if (!ask_again()) {
			dp_error_set("'%s' is not valid; nothing changed (your "
				     "edit is kept: 'devplan edit --continue' "
				     "takes it up again)",
				     d->ref.path);
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
		ret = dp_draft_commit(
		    ctx->plan, d, &text, NULL,
		    d->is_new ? DP_RIGHT_CREATE : DP_RIGHT_WRITE, &f);
		dp_print_findings(&f);
		if (ret == 0) {
			dp_draft_remove(d);
			printf("%s %s\n", d->is_new ? "Added" : "Edited",
			       d->ref.path);
		} else {
			char *msg = dp_xstrdup(dp_error_last());

			dp_error_set("%s; nothing changed (your edit is kept: "
				     "'devplan edit --continue' takes it up "
				     "again)",
				     msg);
			free(msg);
		}
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
	ret = start(ctx, &d, ref, create);
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
		ret = find(ctx, &d, n ? args[0] : NULL);
	else if ((ret = dp_plan_resolve(ctx->plan, &ref, args[0],
					DP_KIND_UNKNOWN)) == 0)
		ret = start(ctx, &d, &ref, 0);
	if (ret == 0)
		ret = run(ctx, &d);
	dp_draft_release(&d);
	return ret < 0 ? dp_fail(ret) : 0;
}
