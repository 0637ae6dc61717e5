/* SPDX-License-Identifier: MIT */
/* Notes: private ones under .devplan/private/, shared ones in the plan. */
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/goal.h"
#include "devplan/layout.h"
#include "devplan/message.h"
#include "devplan/note.h"
#include "devplan/slug.h"
#include "devplan/store.h"
#include "devplan/banned.h"

/* A note's title: its first line, cleaned, at most this many bytes. */
#define NOTE_TITLE_MAX 72

static void private_path(struct dp_buf *out, const char *person,
			 const char *name)
{
	dp_buf_reset(out);
	dp_buf_addf(out, "%s%s/%s.md", DP_STORE_PRIVATE, person, name);
}

struct exists_data {
	struct dp_plan *plan;
	const char *person;
};

/* A name taken by a private or a shared note of the person. */
static int note_exists(const char *name, void *data)
{
	struct exists_data *d = data;
	struct dp_buf path = DP_BUF_INIT;
	struct dp_ref ref;
	int taken;

	private_path(&path, d->person, name);
	taken = dp_store_exists(dp_plan_store(d->plan), path.ptr);
	if (!taken && dp_layout_ref(&ref, dp_plan_layout(d->plan), DP_KIND_NOTE,
				    d->person, name) == 0)
		taken = dp_store_exists(dp_plan_store(d->plan), ref.path);
	dp_buf_release(&path);
	return taken;
}

static int note_title(struct dp_buf *out, const char *text)
{
	const char *nl = strchr(text, '\n');
	char *first =
	    dp_xstrndup(text, nl ? (size_t)(nl - text) : strlen(text));
	int ret = dp_title_clean(out, first, "note");

	free(first);
	if (ret < 0)
		return ret;
	if (out->len > NOTE_TITLE_MAX) {
		size_t cut = NOTE_TITLE_MAX;

		/* between two characters of UTF-8 */
		while (cut > 0 && ((unsigned char)out->ptr[cut] & 0xC0) == 0x80)
			cut--;
		dp_buf_setlen(out, cut);
		dp_buf_adds(out, "\xe2\x80\xa6"); /* … */
	}
	return 0;
}

int dp_note_add(struct dp_buf *name_out, struct dp_buf *path_out,
		struct dp_plan *plan, const char *person, const char *text,
		const char *today, int private_note,
		struct dp_findings *findings)
{
	struct dp_buf title = DP_BUF_INIT, base = DP_BUF_INIT,
		      body = DP_BUF_INIT, path = DP_BUF_INIT;
	struct exists_data ed = { plan, person };
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_ref ref;
	int ret, locked = 0;

	if ((ret = note_title(&title, text)) < 0)
		goto out;
	dp_buf_addf(&base, "%s-", today);
	if ((ret = dp_slugify(&base, title.ptr)) < 0)
		goto out;
	if (base.len > DP_ID_MAX)
		dp_buf_setlen(&base, DP_ID_MAX - 4);
	while (base.len && base.ptr[base.len - 1] == '-')
		dp_buf_setlen(&base, base.len - 1);
	if ((ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	dp_buf_reset(name_out);
	if ((ret = dp_slug_unique(name_out, base.ptr, note_exists, &ed)) < 0 ||
	    (ret = dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_NOTE,
				 person, name_out->ptr)) < 0 ||
	    (ret = dp_plan_may(plan, DP_RIGHT_CREATE, &ref)) < 0 ||
	    (ret = dp_plan_template(plan, &doc, &ref)) < 0 ||
	    (ret = dp_doc_set_text(&doc, "title", title.ptr)) < 0 ||
	    (ret = dp_doc_set_typed(&doc, "created", today)) < 0)
		goto out;
	dp_buf_addf(&body, "\n%s", text);
	if (!dp_ends_with(text, "\n"))
		dp_buf_addch(&body, '\n');
	if ((ret = dp_doc_set_body(&doc, body.ptr, body.len)) < 0)
		goto out;
	if (private_note) {
		private_path(&path, person, name_out->ptr);
		ret = dp_store_write_private(dp_plan_store(plan), path.ptr,
					     doc.text.ptr, doc.text.len);
	} else {
		dp_buf_adds(&path, ref.path);
		if ((ret = dp_doc_set_typed(&doc, "shared", today)) < 0)
			goto out;
		dp_msg_subject_prefix(&msg, &ref);
		dp_msg_subjectf(&msg, ": add ");
		dp_msg_subject_title(&msg, title.ptr);
		ret = dp_plan_create(plan, &ref, &doc, &msg, DP_RIGHT_CREATE,
				     findings);
	}
	if (ret == 0) {
		dp_buf_reset(path_out);
		dp_buf_adds(path_out, path.ptr);
	}
out:
	if (locked)
		dp_plan_unlock(plan);
	dp_msg_release(&msg);
	dp_doc_release(&doc);
	dp_buf_release(&title);
	dp_buf_release(&base);
	dp_buf_release(&body);
	dp_buf_release(&path);
	return ret;
}

static int list_person(struct dp_strlist *out, struct dp_store *st,
		       const char *person)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf dir = DP_BUF_INIT, item = DP_BUF_INIT;
	int ret;

	dp_buf_addf(&dir, "%s%s", DP_STORE_PRIVATE, person);
	if ((ret = dp_store_list(&names, st, dir.ptr)) < 0)
		goto out;
	for (size_t i = 0; i < names.len; i++) {
		if (!dp_ends_with(names.items[i], ".md"))
			continue;
		dp_buf_reset(&item);
		dp_buf_addf(&item, "%s/%.*s", person,
			    (int)(strlen(names.items[i]) - 3), names.items[i]);
		dp_strlist_push(out, item.ptr);
	}
out:
	dp_strlist_release(&names);
	dp_buf_release(&dir);
	dp_buf_release(&item);
	return ret;
}

int dp_note_list_private(struct dp_strlist *out, struct dp_plan *plan,
			 const char *person)
{
	struct dp_strlist people = DP_STRLIST_INIT;
	struct dp_store *st = dp_plan_store(plan);
	int ret = 0;

	if (person)
		return list_person(out, st, person);
	if ((ret = dp_store_list(&people, st, ".devplan/private")) < 0)
		goto out;
	for (size_t i = 0; i < people.len && ret == 0; i++)
		if (dp_id_valid(people.items[i]))
			ret = list_person(out, st, people.items[i]);
out:
	dp_strlist_release(&people);
	return ret;
}

/* Resolves `which` to "person/name" among the private notes. */
static int share_resolve(struct dp_buf *out, struct dp_plan *plan,
			 const char *which)
{
	struct dp_strlist notes = DP_STRLIST_INIT;
	struct dp_buf want = DP_BUF_INIT;
	const char *me = NULL;
	size_t found = 0, at = 0;
	int ret;

	if (dp_ends_with(which, ".md") && strrchr(which, '/')) {
		/* a path: .devplan/private/alice/x.md */
		const char *name = strrchr(which, '/');
		const char *p = name;

		while (p > which && p[-1] != '/')
			p--;
		dp_buf_addf(&want, "%.*s/%.*s", (int)(name - p), p,
			    (int)(strlen(name + 1) - 3), name + 1);
	} else if (strchr(which, '/')) {
		dp_buf_adds(&want, which);
	} else {
		if ((ret = dp_plan_whoami(plan, &me)) < 0)
			goto out;
		dp_buf_addf(&want, "%s/%s", me, which);
	}
	if ((ret = dp_note_list_private(&notes, plan, NULL)) < 0)
		goto out;
	for (size_t i = 0; i < notes.len; i++) {
		if (!strcmp(notes.items[i], want.ptr)) {
			found = 1;
			at = i;
			break;
		}
		if (dp_starts_with(notes.items[i], want.ptr)) {
			found++;
			at = i;
		}
	}
	if (!found) {
		dp_error_set("no private note '%s' (see devplan note --list)",
			     which);
		ret = DP_ENOTFOUND;
		goto out;
	}
	if (found > 1) {
		dp_error_set("'%s' names %zu private notes: say which "
			     "(devplan note --list)",
			     which, found);
		ret = DP_EAMBIGUOUS;
		goto out;
	}
	dp_buf_adds(out, notes.items[at]);
	ret = 0;
out:
	dp_strlist_release(&notes);
	dp_buf_release(&want);
	return ret;
}

int dp_note_share(struct dp_buf *path_out, struct dp_plan *plan,
		  const char *which, const char *today,
		  struct dp_findings *findings)
{
	struct dp_buf id = DP_BUF_INIT, path = DP_BUF_INIT, text = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_ref ref;
	const char *title;
	char *slash;
	int ret;

	if ((ret = share_resolve(&id, plan, which)) < 0)
		goto out;
	slash = strchr(id.ptr, '/');
	*slash = '\0';
	private_path(&path, id.ptr, slash + 1);
	if ((ret = dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_NOTE,
				 id.ptr, slash + 1)) < 0 ||
	    (ret = dp_plan_may(plan, DP_RIGHT_CREATE, &ref)) < 0 ||
	    (ret = dp_store_read(&text, dp_plan_store(plan), path.ptr,
				 DP_FM_MAX_FILE)) < 0 ||
	    (ret = dp_doc_parse(&doc, path.ptr, text.ptr, text.len,
				DP_DOC_FRONT_MATTER)) < 0 ||
	    (ret = dp_doc_set_typed(&doc, "shared", today)) < 0)
		goto out;
	title = dp_doc_str(&doc, "title");
	dp_msg_subject_prefix(&msg, &ref);
	dp_msg_subjectf(&msg, ": share ");
	dp_msg_subject_title(&msg, title ? title : ref.name);
	if ((ret = dp_plan_create(plan, &ref, &doc, &msg, DP_RIGHT_CREATE,
				  findings)) < 0)
		goto out;
	dp_buf_reset(path_out);
	dp_buf_adds(path_out, ref.path);
	ret = dp_store_delete_private(dp_plan_store(plan), path.ptr);
out:
	dp_msg_release(&msg);
	dp_doc_release(&doc);
	dp_buf_release(&id);
	dp_buf_release(&path);
	dp_buf_release(&text);
	return ret;
}
