/* SPDX-License-Identifier: MIT */
/* Review and log: what changed in a person's records, from the history. */
#include "devplan/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "devplan/approve.h"
#include "devplan/comment.h"
#include "devplan/date.h"
#include "devplan/history.h"
#include "devplan/layout.h"
#include "devplan/message.h"
#include "devplan/plan.h"
#include "devplan/views.h"
#include "devplan/banned.h"

static void commit_date(char out[11], long long t, int offset)
{
	struct dp_date d;
	long long secs = t + (long long)offset * 60;
	long days =
	    (long)(secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400));

	dp_date_from_days(&d, days);
	dp_date_format(out, &d);
}

/* Parses a version of a record, NULL when absent or unreadable. */
static struct dp_doc *parse_version(struct dp_doc *doc, const char *path,
				    enum dp_kind kind, const char *text,
				    size_t len)
{
	if (!text)
		return NULL;
	if (dp_doc_parse(doc, path, text, len, dp_kind_mode(kind)) < 0) {
		dp_error_clear();
		return NULL;
	}
	return doc;
}

static void diff_texts(struct dp_delta *out, const char *path,
		       enum dp_kind kind, const char *old_text, size_t old_len,
		       const char *new_text, size_t new_len)
{
	struct dp_doc a = DP_DOC_INIT, b = DP_DOC_INIT;
	struct dp_doc *pa = parse_version(&a, path, kind, old_text, old_len);
	struct dp_doc *pb = parse_version(&b, path, kind, new_text, new_len);

	dp_delta_diff(out, kind, pa, pb);
	if (pa)
		dp_doc_release(pa);
	if (pb)
		dp_doc_release(pb);
}

/* 1 if a commit message approves `person` with a Reviewed-by naming `email`. */
static int approves(const struct dp_msg *m, const char *person,
		    const char *email, const char **rb_out)
{
	const char *p = dp_msg_trailer(m, DP_TRAILER_PERSON);
	const char *rb = dp_msg_trailer(m, DP_TRAILER_REVIEWED_BY);
	const char *lt, *gt;

	if (!p || !rb || !dp_msg_trailer(m, DP_TRAILER_APPROVES) ||
	    (person && strcmp(p, person)))
		return 0;
	if (rb_out)
		*rb_out = rb;
	if (!email)
		return 1;
	lt = strrchr(rb, '<');
	gt = lt ? strchr(lt, '>') : NULL;
	return gt && (size_t)(gt - lt - 1) == strlen(email) &&
	       !strncasecmp(lt + 1, email, strlen(email));
}

/* ---- review ---- */

struct find_base {
	const char *person;
	const char *email;
	long long before; /* a date: the newest commit before it; else -1 */
	struct dp_review *r;
};

static int find_base_fn(const struct dp_history_commit *c,
			const struct dp_history_file *files, size_t n,
			void *data)
{
	struct find_base *f = data;
	struct dp_msg m = DP_MSG_INIT;
	int found = 0;

	(void)files;
	if (f->before >= 0) {
		if (n && c->time < f->before) {
			memcpy(f->r->base, c->id, sizeof(c->id));
			return 1;
		}
		return 0;
	}
	if (n)
		return 0;
	dp_msg_parse(&m, c->message);
	if (approves(&m, f->person, f->email, NULL)) {
		const char *base = dp_msg_trailer(&m, DP_TRAILER_APPROVES);

		snprintf(f->r->base, sizeof(f->r->base), "%s", base);
		memcpy(f->r->approval, c->id, sizeof(c->id));
		commit_date(f->r->approval_date, c->time, c->offset);
		found = 1;
	}
	dp_msg_release(&m);
	return found;
}

static struct dp_review_record *record_for(struct dp_review *r,
					   const char *path, enum dp_kind kind)
{
	size_t i;

	for (i = 0; i < r->len; i++)
		if (!strcmp(r->records[i].path, path))
			return &r->records[i];
	if (r->len == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 8;
		r->records =
		    dp_xrealloc(r->records, r->alloc * sizeof(*r->records));
	}
	memset(&r->records[r->len], 0, sizeof(r->records[0]));
	r->records[r->len].path = dp_xstrdup(path);
	r->records[r->len].kind = kind;
	r->records[r->len].delta = (struct dp_delta)DP_DELTA_INIT;
	return &r->records[r->len++];
}

static void add_comment(struct dp_review *r, const struct dp_history_commit *c,
			const struct dp_history_file *f)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_review_comment *rc;
	const char *body, *v;
	size_t blen;

	if (!parse_version(&doc, f->path, DP_KIND_COMMENT, f->new_text,
			   f->new_len))
		return;
	if (r->ncomments == r->comments_alloc) {
		r->comments_alloc =
		    r->comments_alloc ? 2 * r->comments_alloc : 8;
		r->comments = dp_xrealloc(
		    r->comments, r->comments_alloc * sizeof(*r->comments));
	}
	rc = &r->comments[r->ncomments++];
	memset(rc, 0, sizeof(*rc));
	memcpy(rc->commit, c->id, sizeof(c->id));
	commit_date(rc->date, c->time, c->offset);
	rc->path = dp_xstrdup(f->path);
	v = dp_doc_str(&doc, "author");
	rc->author = dp_xstrdup(v ? v : "");
	v = dp_doc_str(&doc, "role");
	rc->role = dp_xstrdup(v ? v : "");
	v = dp_doc_str(&doc, "record");
	rc->on = dp_xstrdup(v ? v : "");
	body = dp_doc_body(&doc, &blen);
	while (blen && (*body == '\n' || *body == '\r')) {
		body++;
		blen--;
	}
	while (blen && (body[blen - 1] == '\n' || body[blen - 1] == '\r' ||
			body[blen - 1] == ' '))
		blen--;
	rc->text = dp_xstrndup(body ? body : "", blen);
	dp_doc_release(&doc);
}

struct collect {
	struct dp_plan *plan;
	struct dp_review *r;
};

static int collect_fn(const struct dp_history_commit *c,
		      const struct dp_history_file *files, size_t n, void *data)
{
	struct collect *co = data;
	const struct dp_layout *lo = dp_plan_layout(co->plan);
	size_t i;

	for (i = 0; i < n; i++) {
		const struct dp_history_file *f = &files[i];
		enum dp_kind kind = dp_kind_from_path(lo, f->path);
		struct dp_review_record *rec;
		struct dp_review_change *ch;

		if (kind == DP_KIND_UNKNOWN)
			continue;
		if (kind == DP_KIND_COMMENT) {
			if (!f->old_text && f->new_text)
				add_comment(co->r, c, f);
			continue;
		}
		rec = record_for(co->r, f->path, kind);
		if (rec->len == rec->alloc) {
			rec->alloc = rec->alloc ? 2 * rec->alloc : 4;
			rec->changes = dp_xrealloc(
			    rec->changes, rec->alloc * sizeof(*rec->changes));
		}
		ch = &rec->changes[rec->len];
		memset(ch, 0, sizeof(*ch));
		ch->delta = (struct dp_delta)DP_DELTA_INIT;
		diff_texts(&ch->delta, f->path, kind, f->old_text, f->old_len,
			   f->new_text, f->new_len);
		if (!ch->delta.len) {
			dp_delta_release(&ch->delta);
			continue;
		}
		memcpy(ch->commit, c->id, sizeof(c->id));
		ch->author = dp_xstrdup(c->author_name);
		commit_date(ch->date, c->time, c->offset);
		rec->len++;
	}
	return 0;
}

static int cmp_record(const void *a, const void *b)
{
	return strcmp(((const struct dp_review_record *)a)->path,
		      ((const struct dp_review_record *)b)->path);
}

static int reviewer_email(struct dp_buf *out, struct dp_plan *plan)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	const char *me, *email;
	int ret;

	if ((ret = dp_plan_whoami(plan, &me)) < 0 ||
	    (ret = dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_PROFILE,
				 me, NULL)) < 0 ||
	    (ret = dp_plan_load(plan, &doc, &ref)) < 0)
		return ret;
	email = dp_doc_str(&doc, "email");
	dp_buf_adds(out, email ? email : "");
	dp_doc_release(&doc);
	return 0;
}

int dp_review_build(struct dp_plan *plan, struct dp_review *out,
		    const char *person, const char *since)
{
	struct dp_store *st = dp_plan_store(plan);
	struct dp_buf dir = DP_BUF_INIT, email = DP_BUF_INIT;
	struct dp_buf before = DP_BUF_INIT, now = DP_BUF_INIT;
	struct find_base fb;
	struct collect co;
	struct dp_date date;
	size_t i;
	int ret;

	if ((ret = dp_plan_person_check(plan, person)) < 0 ||
	    (ret = dp_layout_person_dir(&dir, dp_plan_layout(plan), person)) <
		0)
		goto out;
	dp_buf_addch(&dir, '/');
	snprintf(out->person, sizeof(out->person), "%s", person);
	fb = (struct find_base){ person, NULL, -1, out };
	if (since && dp_date_parse(&date, since) == 0) {
		fb.before = (long long)dp_date_to_days(&date) * 86400;
		ret = dp_history_walk(st, NULL, NULL, dir.ptr, 0, find_base_fn,
				      &fb);
	} else if (since) {
		ret = dp_history_resolve(st, since, out->base);
	} else {
		if ((ret = reviewer_email(&email, plan)) < 0)
			goto out;
		fb.email = email.ptr;
		ret =
		    dp_history_walk_person(st, NULL, dir.ptr, person,
					   DP_HISTORY_EMPTY, find_base_fn, &fb);
	}
	if (ret < 0)
		goto out;
	co = (struct collect){ plan, out };
	ret = dp_history_walk(st, NULL, out->base[0] ? out->base : NULL,
			      dir.ptr, DP_HISTORY_REVERSE, collect_fn, &co);
	if (ret < 0)
		goto out;
	for (i = 0; i < out->len; i++) {
		struct dp_review_record *rec = &out->records[i];
		int had, has;

		dp_buf_reset(&before);
		dp_buf_reset(&now);
		had = out->base[0] &&
		      dp_history_read(&before, st, out->base, rec->path) == 0;
		has = dp_history_read(&now, st, "HEAD", rec->path) == 0;
		dp_error_clear();
		diff_texts(&rec->delta, rec->path, rec->kind,
			   had ? before.ptr : NULL, before.len,
			   has ? now.ptr : NULL, now.len);
	}
	if (out->len > 1)
		qsort(out->records, out->len, sizeof(*out->records),
		      cmp_record);
	ret = 0;
out:
	dp_buf_release(&dir);
	dp_buf_release(&email);
	dp_buf_release(&before);
	dp_buf_release(&now);
	return ret;
}

void dp_review_release(struct dp_review *r)
{
	size_t i, j;

	if (!r)
		return;
	for (i = 0; i < r->len; i++) {
		for (j = 0; j < r->records[i].len; j++) {
			free(r->records[i].changes[j].author);
			dp_delta_release(&r->records[i].changes[j].delta);
		}
		free(r->records[i].changes);
		free(r->records[i].path);
		dp_delta_release(&r->records[i].delta);
	}
	free(r->records);
	for (i = 0; i < r->ncomments; i++) {
		free(r->comments[i].path);
		free(r->comments[i].author);
		free(r->comments[i].role);
		free(r->comments[i].on);
		free(r->comments[i].text);
	}
	free(r->comments);
	memset(r, 0, sizeof(*r));
}

/* ---- what waits for review (devplan team) ---- */

struct pending {
	const struct dp_layout *layout;
	const char *person;
	const char *email;
	long count;
	char *oldest;
};

/* Newest first: counts record changes until the reviewer's approval. */
static int pending_fn(const struct dp_history_commit *c,
		      const struct dp_history_file *files, size_t n, void *data)
{
	struct pending *p = data;
	struct dp_msg m = DP_MSG_INIT;
	int found;
	size_t i;

	if (!n) {
		dp_msg_parse(&m, c->message);
		found = approves(&m, p->person, p->email, NULL);
		dp_msg_release(&m);
		return found;
	}
	for (i = 0; i < n; i++) {
		enum dp_kind kind = dp_kind_from_path(p->layout, files[i].path);

		if (kind != DP_KIND_UNKNOWN && kind != DP_KIND_COMMENT)
			break;
	}
	if (i < n) {
		p->count++;
		commit_date(p->oldest, c->time, c->offset);
	}
	return 0;
}

static int profile_email(struct dp_buf *out, struct dp_plan *plan,
			 const char *id)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	const char *email;
	int ret;

	if ((ret = dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_PROFILE,
				 id, NULL)) < 0 ||
	    (ret = dp_plan_load(plan, &doc, &ref)) < 0)
		return ret;
	email = dp_doc_str(&doc, "email");
	dp_buf_adds(out, email ? email : "");
	dp_doc_release(&doc);
	return 0;
}

int dp_review_pending(struct dp_plan *plan, const char *manager,
		      const char *person, long *out, char oldest[11])
{
	struct dp_buf dir = DP_BUF_INIT, email = DP_BUF_INIT;
	struct pending p;
	int ret;

	*out = -1;
	oldest[0] = '\0';
	if ((ret = dp_layout_person_dir(&dir, dp_plan_layout(plan), person)) <
		0 ||
	    (ret = profile_email(&email, plan, manager)) < 0)
		goto out;
	dp_buf_addch(&dir, '/');
	p = (struct pending){ dp_plan_layout(plan), person, email.ptr, 0,
			      oldest };
	ret = dp_history_walk(dp_plan_store(plan), NULL, NULL, dir.ptr,
			      DP_HISTORY_EMPTY, pending_fn, &p);
	if (ret < 0)
		goto out;
	*out = p.count;
	ret = 1;
out:
	dp_buf_release(&dir);
	dp_buf_release(&email);
	return ret;
}

/* ---- log ---- */

struct log_walk {
	struct dp_plan *plan;
	const char *person;
	int (*fn)(const struct dp_log_entry *e, void *data);
	void *data;
};

static int log_fn(const struct dp_history_commit *c,
		  const struct dp_history_file *files, size_t n, void *data)
{
	struct log_walk *w = data;
	const struct dp_layout *lo = dp_plan_layout(w->plan);
	struct dp_msg m = DP_MSG_INIT;
	struct dp_log_file *lf = NULL;
	struct dp_log_entry e;
	struct dp_doc *docs = NULL;
	size_t i;
	int ret = 0;

	memset(&e, 0, sizeof(e));
	dp_msg_parse(&m, c->message);
	if (!n) {
		if (!w->person ||
		    !approves(&m, w->person, NULL, &e.reviewed_by))
			goto out;
		e.type = DP_LOG_APPROVAL;
	}
	lf = dp_xcalloc(n ? n : 1, sizeof(*lf));
	docs = dp_xcalloc(n ? n : 1, sizeof(*docs));
	for (i = 0; i < n; i++) {
		const struct dp_history_file *f = &files[i];

		lf[i].path = f->path;
		lf[i].kind = dp_kind_from_path(lo, f->path);
		lf[i].delta = (struct dp_delta)DP_DELTA_INIT;
		if (lf[i].kind == DP_KIND_COMMENT && !f->old_text &&
		    f->new_text) {
			e.type = DP_LOG_COMMENT;
			docs[i] = (struct dp_doc)DP_DOC_INIT;
			if (parse_version(&docs[i], f->path, DP_KIND_COMMENT,
					  f->new_text, f->new_len))
				lf[i].comment_on =
				    dp_doc_str(&docs[i], "record");
			continue;
		}
		if (lf[i].kind == DP_KIND_UNKNOWN)
			continue;
		diff_texts(&lf[i].delta, f->path, lf[i].kind, f->old_text,
			   f->old_len, f->new_text, f->new_len);
	}
	memcpy(e.commit, c->id, sizeof(c->id));
	e.author_name = c->author_name;
	e.author_email = c->author_email;
	commit_date(e.date, c->time, c->offset);
	e.subject = m.subject.ptr ? m.subject.ptr : "";
	e.files = lf;
	e.nfiles = n;
	ret = w->fn(&e, w->data);
out:
	for (i = 0; lf && i < n; i++) {
		dp_delta_release(&lf[i].delta);
		if (lf[i].kind == DP_KIND_COMMENT && docs[i].root)
			dp_doc_release(&docs[i]);
	}
	free(lf);
	free(docs);
	dp_msg_release(&m);
	return ret;
}

int dp_log_walk(struct dp_plan *plan, const char *prefix, const char *person,
		int (*fn)(const struct dp_log_entry *e, void *data), void *data)
{
	struct log_walk w = { plan, person, fn, data };

	return dp_history_walk_person(dp_plan_store(plan), NULL, prefix, person,
				      person ? DP_HISTORY_EMPTY : 0, log_fn,
				      &w);
}
