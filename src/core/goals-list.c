/* SPDX-License-Identifier: MIT */
/*
 * Listing goals: one person's or everyone's, filtered and ordered, held
 * one person at a time (the walk hands a person's goals together).
 */
#include "devplan/goals-list.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/record.h"
#include "devplan/store.h"
#include "devplan/banned.h"

/* The goals of the person being read: rows with owned strings. */
struct person_rows {
	struct dp_goal_row *items;
	size_t len, alloc;
};

struct lister {
	const struct dp_goal_query *q;
	struct person_rows rows;
	int ret; /* what a row callback returned */
};

static char *dup_or_null(const char *s)
{
	return s ? dp_xstrdup(s) : NULL;
}

static void row_release(struct dp_goal_row *r)
{
	free((char *)r->person);
	free((char *)r->slug);
	free((char *)r->path);
	free((char *)r->title);
	free((char *)r->status);
	free((char *)r->type);
	free((char *)r->due);
	dp_strlist_release(&r->competencies);
}

static int is_closed(const char *status)
{
	return status &&
	       (!strcmp(status, "done") || !strcmp(status, "dropped"));
}

int dp_goal_status_known(const char *status)
{
	for (size_t i = 0; status && dp_goal_statuses[i]; i++)
		if (!strcmp(status, dp_goal_statuses[i]))
			return 1;
	return 0;
}

void dp_goal_statuses_join(struct dp_buf *out)
{
	for (size_t i = 0; dp_goal_statuses[i]; i++)
		dp_buf_addf(out, "%s%s", i ? ", " : "", dp_goal_statuses[i]);
}

/* Due date (goals without one last), then slug: one person's order. */
static int row_cmp(const void *pa, const void *pb)
{
	const struct dp_goal_row *a = pa, *b = pb;
	int c;

	if (a->has_due != b->has_due)
		return a->has_due ? -1 : 1;
	if (a->has_due && (c = dp_date_cmp(&a->due_date, &b->due_date)))
		return c;
	return strcmp(a->slug, b->slug);
}

static void fill_row(struct dp_goal_row *r, const struct dp_doc *doc,
		     const struct dp_date *today)
{
	const char *due = dp_doc_str(doc, "due");
	const char *progress = dp_doc_str(doc, "progress");
	struct dp_node *actions = dp_doc_lookup(doc, "actions");
	struct dp_node *comps = dp_doc_lookup(doc, "competencies");

	r->title = dup_or_null(dp_doc_str(doc, "title"));
	r->status = dup_or_null(dp_doc_str(doc, "status"));
	r->type = dup_or_null(dp_doc_str(doc, "type"));
	if (due && *due) {
		r->due = dp_xstrdup(due);
		r->has_due = dp_date_parse(&r->due_date, due) == 0;
	}
	r->overdue = r->has_due && dp_date_cmp(&r->due_date, today) < 0 &&
		     !is_closed(r->status);
	if (!progress || dp_parse_long(progress, 0, 100, &r->progress) < 0)
		r->progress = -1;
	if (actions && actions->type == DP_SEQ) {
		r->actions_total = actions->n;
		for (size_t i = 0; i < actions->n; i++) {
			struct dp_node *d =
			    dp_node_get(actions->items[i], "done");

			if (d && d->type == DP_SCALAR &&
			    !strcmp(d->str, "true"))
				r->actions_done++;
		}
	}
	if (comps && comps->type == DP_SEQ)
		for (size_t i = 0; i < comps->n; i++)
			if (comps->items[i]->type == DP_SCALAR)
				dp_strlist_push(&r->competencies,
						comps->items[i]->str);
}

/* Hands on the goals held, in order, and forgets them. */
static int flush(struct lister *l)
{
	struct person_rows *p = &l->rows;
	int ret = 0;

	if (p->len > 1)
		qsort(p->items, p->len, sizeof(*p->items), row_cmp);
	for (size_t i = 0; i < p->len; i++) {
		if (ret == 0)
			ret = l->q->row(&p->items[i], l->q->data);
		row_release(&p->items[i]);
	}
	p->len = 0;
	return ret;
}

static int wanted(const struct dp_goal_query *q, const char *status)
{
	if (q->status)
		return status && !strcmp(status, q->status);
	/* Finished goals are history: shown when asked for. */
	return q->all_status || !is_closed(status);
}

static int on_goal(const struct dp_ref *ref, const struct dp_doc *doc,
		   void *data)
{
	struct lister *l = data;
	struct person_rows *p = &l->rows;
	struct dp_goal_row *r;
	int ret;

	if (p->len && strcmp(p->items[0].person, ref->person) &&
	    (ret = flush(l)) < 0)
		return l->ret = ret;
	if (!doc) {
		if (l->q->bad)
			l->q->bad(ref, dp_error_last(), l->q->data);
		return 0;
	}
	if (!wanted(l->q, dp_doc_str(doc, "status")))
		return 0;
	if (p->len == p->alloc) {
		p->alloc = p->alloc ? p->alloc * 2 : 16;
		p->items = dp_xrealloc(p->items, p->alloc * sizeof(*p->items));
	}
	r = &p->items[p->len++];
	memset(r, 0, sizeof(*r));
	r->person = dp_xstrdup(ref->person);
	r->slug = dp_xstrdup(ref->name);
	r->path = dp_xstrdup(ref->path);
	fill_row(r, doc, &l->q->today);
	return 0;
}

/*
 * The people to walk one by one, in id order, when the walk's own order
 * is not that: grouped, the walk goes group by group. Every folder two
 * levels down is a candidate; the walk of one person then reads only
 * the folder where that person belongs, as the walk of everyone does.
 */
static int grouped_people(struct dp_strlist *out, struct dp_store *st)
{
	struct dp_strlist groups = DP_STRLIST_INIT, ids = DP_STRLIST_INIT;
	struct dp_buf dir = DP_BUF_INIT;
	int ret;

	if ((ret = dp_store_list(&groups, st, DP_DIR_PEOPLE)) < 0)
		goto out;
	for (size_t i = 0; i < groups.len; i++) {
		dp_buf_reset(&dir);
		dp_buf_addf(&dir, "%s/%s", DP_DIR_PEOPLE, groups.items[i]);
		if (!dp_store_isdir(st, dir.ptr))
			continue;
		dp_strlist_release(&ids);
		if ((ret = dp_store_list(&ids, st, dir.ptr)) < 0)
			goto out;
		for (size_t k = 0; k < ids.len; k++)
			dp_strlist_push(out, ids.items[k]);
	}
	dp_strlist_sort(out);
out:
	dp_strlist_release(&ids);
	dp_strlist_release(&groups);
	dp_buf_release(&dir);
	return ret;
}

int dp_goals_list(struct dp_plan *plan, const struct dp_goal_query *q)
{
	struct lister l = { q, { NULL, 0, 0 }, 0 };
	struct dp_walk w = {
		1u << DP_KIND_GOAL, q->person, NULL, on_goal, NULL, &l
	};
	struct dp_strlist people = DP_STRLIST_INIT;
	int ret;

	if (q->person || !dp_plan_layout(plan)->grouped) {
		ret = dp_plan_walk(plan, &w);
	} else {
		ret = grouped_people(&people, dp_plan_store(plan));
		for (size_t i = 0; i < people.len && ret == 0; i++) {
			if (i && !strcmp(people.items[i], people.items[i - 1]))
				continue;
			w.person = people.items[i];
			ret = dp_plan_walk(plan, &w);
		}
	}
	if (l.ret < 0)
		ret = l.ret;
	if (ret == 0)
		ret = flush(&l);
	for (size_t i = 0; i < l.rows.len; i++)
		row_release(&l.rows.items[i]);
	free(l.rows.items);
	dp_strlist_release(&people);
	return ret;
}

struct dp_json *dp_goal_row_json(const struct dp_goal_row *r)
{
	struct dp_json *o = dp_json_object(), *comps = dp_json_array();

	/* dp_json_string gives null for NULL: title, status, type, due. */
	dp_json_set(o, "person", dp_json_string(r->person));
	dp_json_set(o, "slug", dp_json_string(r->slug));
	dp_json_set(o, "path", dp_json_string(r->path));
	dp_json_set(o, "title", dp_json_string(r->title));
	dp_json_set(o, "status", dp_json_string(r->status));
	dp_json_set(o, "type", dp_json_string(r->type));
	dp_json_set(o, "progress",
		    r->progress >= 0 ? dp_json_int(r->progress)
				     : dp_json_null());
	dp_json_set(o, "due", dp_json_string(r->due));
	dp_json_set(o, "overdue", dp_json_bool(r->overdue));
	dp_json_set(o, "actions_done", dp_json_int((long long)r->actions_done));
	dp_json_set(o, "actions_total",
		    dp_json_int((long long)r->actions_total));
	for (size_t k = 0; k < r->competencies.len; k++)
		dp_json_push(comps, dp_json_string(r->competencies.items[k]));
	dp_json_set(o, "competencies", comps);
	return o;
}
