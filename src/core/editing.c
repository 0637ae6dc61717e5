/* SPDX-License-Identifier: MIT */
/* Editing a record in an editor: start, resume, what came back, commit. */
#include "devplan/editing.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/template.h"
#include "devplan/banned.h"

static enum dp_right right_of(const struct dp_draft *d)
{
	return d->is_new ? DP_RIGHT_CREATE : DP_RIGHT_WRITE;
}

int dp_editing_start(struct dp_draft *d, struct dp_plan *plan,
		     const struct dp_ref *ref, int create)
{
	struct dp_store *st = dp_plan_store(plan);
	struct dp_buf orig = DP_BUF_INIT;
	int fresh = create && !dp_store_exists(st, ref->path);
	int ret;

	if ((ret = dp_plan_may(plan, fresh ? DP_RIGHT_CREATE : DP_RIGHT_WRITE,
			       ref)) < 0 ||
	    (ret = dp_store_check_clean(st, ref->path)) < 0)
		goto out;
	ret = fresh ? dp_template_load(&orig, st, dp_kind_def(ref->kind)->tmpl)
		    : dp_store_read(&orig, st, ref->path, DP_FM_MAX_FILE);
	if (ret == DP_ENOTFOUND)
		dp_error_set("cannot read '%s': no such record", ref->path);
	if (ret == 0)
		ret =
		    dp_draft_create(d, plan, ref, &orig, fresh ? NULL : &orig);
out:
	dp_buf_release(&orig);
	return ret;
}

int dp_editing_resume(struct dp_draft *d, struct dp_plan *plan,
		      const char *name)
{
	struct dp_ref ref;
	int ret = 0;

	if (name &&
	    (ret = dp_plan_resolve(plan, &ref, name, DP_KIND_UNKNOWN)) < 0 &&
	    dp_layout_parse(&ref, dp_plan_layout(plan), name) > 0)
		ret = 0; /* a new record's draft: not in the tree yet */
	if (ret == 0)
		ret = dp_draft_find(d, plan, name ? &ref : NULL);
	if (ret == 0)
		ret = dp_plan_may(plan, right_of(d), &d->ref);
	return ret;
}

static int only_space(const struct dp_buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (!strchr(" \t\r\n\f\v", b->ptr[i]) || !b->ptr[i])
			return 0;
	return 1;
}

int dp_editing_changed(struct dp_draft *d, const struct dp_buf *text)
{
	if (only_space(text)) {
		dp_draft_remove(d);
		dp_error_set("aborted: empty file; nothing changed");
		return DP_EINVALID;
	}
	if (!d->is_new && text->len == d->orig.len &&
	    !memcmp(text->ptr, d->orig.ptr, text->len)) {
		dp_draft_remove(d);
		return 0;
	}
	return 1;
}

void dp_editing_kept(const struct dp_draft *d)
{
	dp_error_set("'%s' is not valid; nothing changed (your edit is kept: "
		     "'devplan edit --continue' takes it up again)",
		     d->ref.path);
}

int dp_editing_commit(struct dp_plan *plan, struct dp_draft *d,
		      const struct dp_buf *text, struct dp_findings *f)
{
	int ret = dp_draft_commit(plan, d, text, NULL, right_of(d), f);
	char *msg;

	if (ret == 0) {
		dp_draft_remove(d);
		return 0;
	}
	msg = dp_xstrdup(dp_error_last());
	dp_error_set("%s; nothing changed (your edit is kept: 'devplan edit "
		     "--continue' takes it up again)",
		     msg);
	free(msg);
	return ret;
}
