/* SPDX-License-Identifier: MIT */
/* Comments: one file and one commit each; threads read back for show. */
#include "devplan/comment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devplan/date.h"
#include "devplan/plan.h"
#include "devplan/record.h"
#include "devplan/util.h"
#include "devplan/banned.h"

const char *dp_comment_role(struct dp_plan *plan, const char *author,
			    const char *owner)
{
	if (!strcmp(author, owner))
		return "self";
	if (dp_plan_manages(plan, author, owner))
		return "manager";
	if (dp_plan_is_admin(plan, author))
		return "admin";
	return "peer";
}

static int blank(const char *s)
{
	return strspn(s, " \t\r\n") == strlen(s);
}

/* Does comment `name` exist on `on`'s owner and comment on `on`? */
static int reply_ok(struct dp_plan *plan, const struct dp_ref *on,
		    const char *name)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref r;
	const char *rec;
	int ret;

	if ((ret = dp_layout_ref(&r, dp_plan_layout(plan), DP_KIND_COMMENT,
				 on->person, name)) < 0)
		return ret;
	if ((ret = dp_plan_load(plan, &doc, &r)) < 0) {
		dp_error_set("reply-to: no comment '%s' on %s's records", name,
			     on->person);
		return DP_ENOTFOUND;
	}
	rec = dp_doc_str(&doc, "record");
	if (!rec || strcmp(rec, on->path)) {
		dp_error_set("reply-to: comment '%s' is not about '%s'", name,
			     on->path);
		ret = DP_EINVALID;
	}
	dp_doc_release(&doc);
	return ret;
}

/* A name not taken yet: <date>-<author>-<4 hex, rising through the day>. */
static int pick_name(struct dp_plan *plan, struct dp_ref *out,
		     const char *owner, const char *date, const char *me)
{
	time_t now = time(NULL);
	struct tm tm;
	unsigned id, tries;
	char name[DP_ID_MAX + 1];
	int ret;

	gmtime_r(&now, &tm);
	id = (unsigned)((tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) *
			65535L / 86400L);
	for (tries = 0; tries < 4096; tries++, id = (id + 1) & 0xffff) {
		if ((size_t)snprintf(name, sizeof(name), "%s-%s-%04x", date, me,
				     id) >= sizeof(name)) {
			dp_error_set("person id '%s' is too long for a comment "
				     "name",
				     me);
			return DP_EINVALID;
		}
		if ((ret = dp_layout_ref(out, dp_plan_layout(plan),
					 DP_KIND_COMMENT, owner, name)) < 0)
			return ret;
		if (!dp_store_exists(dp_plan_store(plan), out->path))
			return 0;
	}
	dp_error_set("too many comments by '%s' on %s today", me, date);
	return DP_EEXISTS;
}

int dp_comment_add(struct dp_plan *plan, const struct dp_ref *on,
		   struct dp_comment_new *c)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_buf body = DP_BUF_INIT;
	struct dp_date today;
	const char *me, *role;
	char date[11];
	int ret, locked = 0;

	if (!on->person[0]) {
		dp_error_set("'%s' is not a person's record: comments are on "
			     "people's goals and records",
			     on->path);
		return DP_EINVALID;
	}
	if (!c->text || blank(c->text)) {
		dp_error_set("empty comment: say something with -m");
		return DP_EINVALID;
	}
	if ((ret = dp_plan_whoami(plan, &me)) < 0 ||
	    (ret = dp_date_today(&today)) < 0)
		return ret;
	if (!dp_store_exists(dp_plan_store(plan), on->path)) {
		dp_error_set("'%s' does not exist", on->path);
		return DP_ENOTFOUND;
	}
	if (c->reply_to && (ret = reply_ok(plan, on, c->reply_to)) < 0)
		return ret;
	dp_date_format(date, &today);
	role = dp_comment_role(plan, me, on->person);
	if ((ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	if ((ret = pick_name(plan, &c->out, on->person, date, me)) < 0 ||
	    (ret = dp_plan_template(plan, &doc, &c->out)) < 0 ||
	    (ret = dp_doc_set_text(&doc, "record", on->path)) < 0 ||
	    (ret = dp_doc_set_text(&doc, "author", me)) < 0 ||
	    (ret = dp_doc_set_text(&doc, "role", role)) < 0 ||
	    (ret = dp_doc_set_typed(&doc, "date", date)) < 0)
		goto out;
	if (c->reply_to &&
	    (ret = dp_doc_set_text(&doc, "reply-to", c->reply_to)) < 0)
		goto out;
	if (c->kudos && (ret = dp_doc_set_typed(&doc, "kudos", "true")) < 0)
		goto out;
	dp_buf_adds(&body, c->text);
	while (body.len && strchr(" \t\r\n", body.ptr[body.len - 1]))
		dp_buf_setlen(&body, body.len - 1);
	dp_buf_addch(&body, '\n');
	if ((ret = dp_doc_set_body(&doc, body.ptr, body.len)) < 0)
		goto out;

	dp_buf_addf(&msg.subject, "comment(%s): ", on->person);
	dp_msg_subjectf(&msg, "%s %s on %s", me,
			c->kudos      ? "gives kudos"
			: c->reply_to ? "replies"
				      : "comments",
			on->name[0] ? on->name : dp_kind_name(on->kind));
	dp_buf_adds(&msg.body, body.ptr);
	while (msg.body.len && msg.body.ptr[msg.body.len - 1] == '\n')
		dp_buf_setlen(&msg.body, msg.body.len - 1);
	dp_msg_add_trailer(&msg, DP_TRAILER_COMMENT_ON, on->path);
	dp_msg_add_trailer(&msg, DP_TRAILER_ROLE, role);
	if (c->kudos)
		dp_msg_add_trailer(&msg, DP_TRAILER_KUDOS, "yes");
	ret = dp_plan_create(plan, &c->out, &doc, &msg, DP_RIGHT_COMMENT,
			     &c->findings);
out:
	if (locked)
		dp_plan_unlock(plan);
	dp_buf_release(&body);
	dp_msg_release(&msg);
	dp_doc_release(&doc);
	return ret;
}

/* ---- threads ---- */

struct collect {
	const char *path;
	struct dp_thread *t;
};

static char *dup_or_null(const char *s)
{
	return s && *s ? dp_xstrdup(s) : NULL;
}

static int collect_one(const struct dp_ref *ref, const struct dp_doc *doc,
		       void *data)
{
	struct collect *k = data;
	struct dp_comment *c;
	const char *rec, *body, *kudos;
	size_t len;

	if (!doc || ref->kind != DP_KIND_COMMENT)
		return 0;
	rec = dp_doc_str(doc, "record");
	if (!rec || strcmp(rec, k->path))
		return 0;
	if (k->t->len == k->t->alloc) {
		k->t->alloc = k->t->alloc ? k->t->alloc * 2 : 8;
		k->t->items = dp_xrealloc(k->t->items,
					  k->t->alloc * sizeof(*k->t->items));
	}
	c = &k->t->items[k->t->len++];
	memset(c, 0, sizeof(*c));
	c->name = dp_xstrdup(ref->name);
	c->author = dp_xstrdup(
	    dp_doc_str(doc, "author") ? dp_doc_str(doc, "author") : "");
	c->role =
	    dp_xstrdup(dp_doc_str(doc, "role") ? dp_doc_str(doc, "role") : "");
	c->date =
	    dp_xstrdup(dp_doc_str(doc, "date") ? dp_doc_str(doc, "date") : "");
	c->reply_to = dup_or_null(dp_doc_str(doc, "reply-to"));
	kudos = dp_doc_str(doc, "kudos");
	c->kudos = kudos && !strcmp(kudos, "true");
	body = dp_doc_body(doc, &len);
	while (len && strchr(" \t\r\n", body[len - 1]))
		len--;
	while (len && (*body == '\n' || *body == '\r')) {
		body++;
		len--;
	}
	c->text = dp_xstrndup(body, len);
	return 0;
}

static int by_date(const void *a, const void *b)
{
	const struct dp_comment *x = a, *y = b;
	int r = strcmp(x->date, y->date);

	return r ? r : strcmp(x->name, y->name);
}

/* Appends to `out` the comments answering `parent` (NULL: top level). */
static void place(struct dp_thread *out, struct dp_comment *all, size_t n,
		  unsigned char *used, const char *parent, size_t depth)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct dp_comment *c = &all[i];
		int top = !c->reply_to;
		size_t j;

		if (used[i])
			continue;
		if (!parent) {
			/* top level, or answering a comment not in this thread */
			for (j = 0; !top && j < n; j++)
				if (!strcmp(all[j].name, c->reply_to))
					break;
			if (!top && j < n)
				continue;
		} else if (!c->reply_to || strcmp(c->reply_to, parent)) {
			continue;
		}
		used[i] = 1;
		c->depth = depth;
		out->items[out->len++] = *c;
		place(out, all, n, used, c->name, depth + 1);
	}
}

int dp_comment_thread(struct dp_plan *plan, const struct dp_ref *on,
		      struct dp_thread *out)
{
	struct dp_thread all = DP_THREAD_INIT;
	struct collect k = { on->path, &all };
	struct dp_walk w = { 1u << DP_KIND_COMMENT, on->person, NULL,
			     collect_one,           NULL,       &k };
	unsigned char *used;
	size_t i;
	int ret;

	if (!on->person[0])
		return 0;
	if ((ret = dp_plan_walk(plan, &w)) < 0) {
		dp_thread_release(&all);
		return ret;
	}
	if (all.len > 1)
		qsort(all.items, all.len, sizeof(*all.items), by_date);
	out->alloc = all.len;
	out->items = dp_xcalloc(all.len ? all.len : 1, sizeof(*out->items));
	used = dp_xcalloc(all.len ? all.len : 1, 1);
	place(out, all.items, all.len, used, NULL, 0);
	/* Replies in a loop (a answers b answers a): shown at the end. */
	for (i = 0; i < all.len; i++)
		if (!used[i])
			out->items[out->len++] = all.items[i];
	free(used);
	free(all.items); /* the strings moved to `out` */
	return 0;
}

void dp_thread_release(struct dp_thread *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->len; i++) {
		free(t->items[i].name);
		free(t->items[i].author);
		free(t->items[i].role);
		free(t->items[i].date);
		free(t->items[i].reply_to);
		free(t->items[i].text);
	}
	free(t->items);
	t->items = NULL;
	t->len = t->alloc = 0;
}
