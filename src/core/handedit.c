/* SPDX-License-Identifier: MIT */
/* `devplan commit`: hand-edited records, validated and committed. */
#include "devplan/handedit.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/delta.h"
#include "devplan/banned.h"

#define SUBJECT_COLS 72

struct edited {
	struct dp_ref ref;
	struct dp_buf before, after;
	int had, has; /* in HEAD, in the work tree */
	struct dp_delta delta;
};

void dp_handedit_release(struct dp_handedit *h)
{
	if (!h)
		return;
	dp_findings_release(&h->findings);
	dp_buf_release(&h->summary);
}

/* The record paths to look at: those named, or every changed one. */
static int paths_to_commit(struct dp_plan *plan, struct dp_strlist *out,
			   char **names, size_t n)
{
	static const char *const areas[] = { DP_PATH_CONFIG, "framework",
					     DP_DIR_PEOPLE, NULL };
	struct dp_buf head = DP_BUF_INIT;
	int ret = 0;

	if (!n)
		return dp_store_changed_paths(out, dp_plan_store(plan), areas);
	for (size_t i = 0; i < n && ret == 0; i++) {
		struct dp_ref ref;

		ret = dp_plan_resolve(plan, &ref, names[i], DP_KIND_UNKNOWN);
		if (ret == DP_ENOTFOUND) {
			char *why = dp_xstrdup(dp_error_last());

			if (dp_layout_parse(&ref, dp_plan_layout(plan),
					    names[i]) > 0 &&
			    dp_store_read_head(&head, dp_plan_store(plan),
					       names[i]) == 0)
				ret = 0; /* a record deleted by hand */
			else
				dp_error_set("%s", why);
			free(why);
		}
		dp_buf_reset(&head);
		if (ret == 0 && !dp_strlist_has(out, ref.path))
			dp_strlist_push(out, ref.path);
	}
	dp_buf_release(&head);
	if (ret == 0)
		dp_error_clear();
	return ret;
}

/* Reads both versions; 1 when they differ, 0 when not, or an error. */
static int read_versions(struct dp_plan *plan, struct edited *e)
{
	struct dp_store *st = dp_plan_store(plan);
	int ret;

	ret = dp_store_read_head(&e->before, st, e->ref.path);
	if (ret < 0 && ret != DP_ENOTFOUND)
		return ret;
	e->had = ret == 0;
	ret = dp_store_read(&e->after, st, e->ref.path, DP_FM_MAX_FILE);
	if (ret < 0 && ret != DP_ENOTFOUND)
		return ret;
	e->has = ret == 0;
	dp_error_clear();
	return e->had != e->has ||
	       (e->had && (e->before.len != e->after.len ||
			   memcmp(e->before.ptr, e->after.ptr, e->after.len)));
}

/* Parses, validates and describes one changed record. */
static int examine(struct dp_plan *plan, struct dp_handedit *h,
		   struct edited *e)
{
	struct dp_doc before = DP_DOC_INIT, after = DP_DOC_INIT;
	enum dp_doc_mode mode = dp_kind_mode(e->ref.kind);
	int ret;

	if (e->had && dp_doc_parse(&before, e->ref.path, e->before.ptr,
				   e->before.len, mode) < 0)
		dp_doc_release(&before); /* a broken HEAD: describe as new */
	if (e->has) {
		ret = dp_doc_parse(&after, e->ref.path, e->after.ptr,
				   e->after.len, mode);
		if (ret < 0) {
			unsigned line = 0, col = 0;
			const char *msg = dp_error_last();

			dp_error_last_at(&line, &col, &msg);
			dp_findings_add(&h->findings, DP_SEV_ERROR, e->ref.path,
					line, col, "%s", msg);
			ret = 0; /* a finding: the others are checked too */
			goto out;
		}
		if (dp_plan_validate(plan, &h->findings, &e->ref, &after) < 0) {
			ret = 0;
			goto out;
		}
	}
	ret = dp_plan_may(plan, e->had ? DP_RIGHT_WRITE : DP_RIGHT_CREATE,
			  &e->ref);
	if (ret == 0 && e->has)
		ret = dp_plan_may_change(plan, &e->ref,
					 before.root ? &before : NULL, &after);
	if (ret == 0)
		dp_delta_diff(&e->delta, e->ref.kind,
			      before.root ? &before : NULL,
			      e->has ? &after : NULL);
out:
	dp_doc_release(&after);
	dp_doc_release(&before);
	return ret;
}

static void describe(struct dp_msg *msg, struct dp_handedit *h,
		     struct edited *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct edited *e = &list[i];

		dp_buf_addf(&h->summary, "%s: ", e->ref.path);
		dp_delta_summary(&h->summary, &e->delta, 0);
		dp_buf_addch(&h->summary, '\n');
		if (n > 1)
			dp_buf_addf(&msg->body, "%s:\n", e->ref.path);
		for (size_t k = 0; k < e->delta.len; k++)
			dp_buf_addf(&msg->body, "%s%s\n", n > 1 ? "  " : "",
				    e->delta.items[k].text);
	}
	if (n == 1) {
		struct dp_buf line = DP_BUF_INIT;

		dp_msg_subject_prefix(msg, &list[0].ref);
		if (list[0].ref.kind != DP_KIND_GOAL ||
		    list[0].delta.len != 1 ||
		    list[0].delta.items[0].op != DP_DELTA_CREATE)
			if (list[0].ref.name[0])
				dp_msg_subjectf(msg, ": %s", list[0].ref.name);
		dp_msg_subjectf(msg, ": ");
		dp_delta_summary(&line, &list[0].delta,
				 SUBJECT_COLS > msg->subject.len
				     ? SUBJECT_COLS - msg->subject.len
				     : 20);
		dp_msg_subjectf(msg, "%s", line.ptr);
		dp_buf_release(&line);
		dp_msg_add_record(msg, &list[0].ref);
		return;
	}
	dp_msg_subjectf(msg, "hand edits to %zu records", n);
	for (size_t i = 0; i < n; i++)
		dp_msg_add_trailer(msg, DP_TRAILER_RECORD, list[i].ref.path);
}

int dp_handedit_commit(struct dp_plan *plan, struct dp_handedit *h,
		       char **names, size_t n)
{
	struct dp_strlist paths = DP_STRLIST_INIT;
	struct edited *list = NULL;
	struct dp_change *changes = NULL;
	struct dp_msg msg = DP_MSG_INIT;
	size_t count = 0;
	int ret, locked = 0;

	h->records = 0;
	h->commit[0] = '\0';
	if ((ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	if ((ret = paths_to_commit(plan, &paths, names, n)) < 0)
		goto out;
	list = dp_xcalloc(paths.len + 1, sizeof(*list));
	for (size_t i = 0; i < paths.len; i++) {
		struct edited *e = &list[count];

		dp_buf_init(&e->before, 0);
		dp_buf_init(&e->after, 0);
		e->delta = (struct dp_delta)DP_DELTA_INIT;
		if (dp_layout_parse(&e->ref, dp_plan_layout(plan),
				    paths.items[i]) <= 0) {
			if (n) {
				dp_error_set("'%s' is not a record",
					     paths.items[i]);
				ret = DP_EINVALID;
				goto out;
			}
			continue; /* not a record: git's business */
		}
		if ((ret = read_versions(plan, e)) < 0)
			goto out;
		count++;
		if (ret == 0) {
			count--;
			dp_buf_release(&e->before);
			dp_buf_release(&e->after);
			continue;
		}
		if ((ret = examine(plan, h, e)) < 0)
			goto out;
	}
	ret = 0;
	if (h->findings.errors) {
		dp_error_set("%zu error%s in the edited records; nothing was "
			     "committed",
			     h->findings.errors,
			     h->findings.errors == 1 ? "" : "s");
		ret = DP_EINVALID;
		goto out;
	}
	if (!count)
		goto out;
	changes = dp_xcalloc(count, sizeof(*changes));
	for (size_t i = 0; i < count; i++) {
		changes[i].path = list[i].ref.path;
		changes[i].content = list[i].has ? list[i].after.ptr : NULL;
		changes[i].len = list[i].after.len;
		changes[i].base = list[i].has ? DP_BASE_TEXT : DP_BASE_ABSENT;
		changes[i].base_text = list[i].after.ptr;
		changes[i].base_len = list[i].after.len;
	}
	describe(&msg, h, list, count);
	if ((ret = dp_plan_commit(plan, changes, count, &msg, h->commit)) == 0)
		h->records = count;
out:
	if (locked)
		dp_plan_unlock(plan);
	for (size_t i = 0; list && i < paths.len; i++) {
		dp_buf_release(&list[i].before);
		dp_buf_release(&list[i].after);
		dp_delta_release(&list[i].delta);
	}
	free(list);
	free(changes);
	dp_msg_release(&msg);
	dp_strlist_release(&paths);
	return ret;
}
