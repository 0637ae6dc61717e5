/* SPDX-License-Identifier: MIT */
/* The views of the whole repository: due, team (matrix and match too). */
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/layout.h"
#include "devplan/skills.h"
#include "devplan/views.h"
#include "devplan/banned.h"

static int goal_closed(const char *status)
{
	return status &&
	       (!strcmp(status, "done") || !strcmp(status, "dropped"));
}

static int is_true(const struct dp_node *n)
{
	return n && n->type == DP_SCALAR && !strcmp(n->str, "true");
}

/* Days from `date` (a string) to today; 0 with *ok 0 when not a date. */
static long days_since(const char *s, const struct dp_date *today, int *ok)
{
	struct dp_date d;

	*ok = s && dp_date_parse(&d, s) == 0;
	return *ok ? dp_date_to_days(today) - dp_date_to_days(&d) : 0;
}

/* The date a goal last changed as it says: `updated`, else `created`. */
static const char *goal_updated(const struct dp_doc *doc)
{
	const char *u = dp_doc_str(doc, "updated");
	struct dp_date d;

	if (u && dp_date_parse(&d, u) == 0)
		return u;
	u = dp_doc_str(doc, "created");
	return u && dp_date_parse(&d, u) == 0 ? u : NULL;
}

/* ---- due ---- */

struct due_walk {
	struct dp_due_list *out;
	const struct dp_date *today;
	long within;
};

static struct dp_due_item *due_add(struct dp_due_list *l,
				   const struct dp_ref *ref,
				   enum dp_due_what what, const char *title,
				   const char *date, long days)
{
	struct dp_due_item *it;

	if (l->n == l->alloc) {
		l->alloc = l->alloc ? 2 * l->alloc : 16;
		l->items = dp_xrealloc(l->items, l->alloc * sizeof(*l->items));
	}
	it = &l->items[l->n++];
	memset(it, 0, sizeof(*it));
	it->what = what;
	memcpy(it->person, ref->person, sizeof(it->person));
	memcpy(it->goal, ref->name, sizeof(it->goal));
	it->title = title ? dp_xstrdup(title) : NULL;
	memcpy(it->date, date, 10);
	it->days = days;
	it->overdue = what != DP_DUE_STALE && days > 0;
	return it;
}

static int due_goal(const struct dp_ref *ref, const struct dp_doc *doc,
		    void *data)
{
	struct due_walk *w = data;
	const char *status, *title, *due, *upd;
	struct dp_node *actions;
	long days;
	int ok;

	if (!doc) {
		w->out->bad++;
		return 0;
	}
	status = dp_doc_str(doc, "status");
	if (goal_closed(status) || (status && !strcmp(status, "proposed")))
		return 0;
	title = dp_doc_str(doc, "title");
	due = dp_doc_str(doc, "due");
	days = days_since(due, w->today, &ok);
	if (ok && days >= -w->within)
		due_add(w->out, ref, DP_DUE_GOAL, title, due, days);
	actions = dp_doc_lookup(doc, "actions");
	for (size_t i = 0; actions && actions->type == DP_SEQ && i < actions->n;
	     i++) {
		const struct dp_node *a = actions->items[i];
		const struct dp_node *ad = dp_node_get(a, "due");
		const struct dp_node *at = dp_node_get(a, "title");

		if (is_true(dp_node_get(a, "done")) || !ad ||
		    ad->type != DP_SCALAR)
			continue;
		days = days_since(ad->str, w->today, &ok);
		if (ok && days >= -w->within)
			due_add(w->out, ref, DP_DUE_ACTION, title, ad->str,
				days)
			    ->action = dp_xstrdup(
			    at && at->type == DP_SCALAR ? at->str : "");
	}
	upd = goal_updated(doc);
	days = days_since(upd, w->today, &ok);
	if (status && !strcmp(status, "active") && ok && days >= DP_STALE_DAYS)
		due_add(w->out, ref, DP_DUE_STALE, title, upd, days);
	return 0;
}

static int due_cmp(const void *pa, const void *pb)
{
	const struct dp_due_item *a = pa, *b = pb;
	int c;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if ((a->what == DP_DUE_STALE) != (b->what == DP_DUE_STALE))
		return a->what == DP_DUE_STALE ? 1 : -1;
	if ((c = strcmp(a->date, b->date)))
		return c;
	if ((c = strcmp(a->person, b->person)))
		return c;
	if ((c = strcmp(a->goal, b->goal)))
		return c;
	return (int)a->what - (int)b->what;
}

int dp_due_collect(struct dp_due_list *out, struct dp_plan *plan,
		   const char *person, const struct dp_date *today, long within)
{
	struct due_walk dw = { out, today, within };
	struct dp_walk w = { 1u << DP_KIND_GOAL, person, NULL,
			     due_goal,           NULL,   &dw };
	int ret;

	memset(out, 0, sizeof(*out));
	if ((ret = dp_plan_walk(plan, &w)) < 0) {
		dp_due_release(out);
		return ret;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), due_cmp);
	return 0;
}

void dp_due_release(struct dp_due_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].title);
		free(l->items[i].action);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

size_t dp_due_overdue(const struct dp_due_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += l->items[i].overdue != 0;
	return n;
}

/* ---- team ---- */

struct team_walk {
	struct dp_team *t;
	const struct dp_date *today;
	long progress_sum, progress_n;
	struct dp_team_row *cur; /* the report whose records come now */
};

static void team_finish(struct team_walk *tw)
{
	if (tw->cur && tw->progress_n)
		tw->cur->progress = tw->progress_sum / tw->progress_n;
	tw->cur = NULL;
	tw->progress_sum = tw->progress_n = 0;
}

static void team_goal(struct team_walk *tw, const struct dp_doc *doc)
{
	struct dp_team_row *r = tw->cur;
	const char *status = dp_doc_str(doc, "status");
	const char *upd = goal_updated(doc), *p;
	struct dp_node *actions = dp_doc_lookup(doc, "actions");
	long v;
	int ok;

	if (upd && strcmp(upd, r->last_update) > 0)
		memcpy(r->last_update, upd, 11);
	if (status && !strcmp(status, "proposed")) {
		r->proposals++;
		return;
	}
	if (goal_closed(status))
		return;
	if (status && !strcmp(status, "active")) {
		r->active++;
		p = dp_doc_str(doc, "progress");
		if (p && dp_parse_long(p, 0, 100, &v) == 0) {
			tw->progress_sum += v;
			tw->progress_n++;
		}
	}
	if (days_since(dp_doc_str(doc, "due"), tw->today, &ok) > 0 && ok)
		r->overdue++;
	for (size_t i = 0; actions && actions->type == DP_SEQ && i < actions->n;
	     i++) {
		const struct dp_node *a = actions->items[i];
		const struct dp_node *ad = dp_node_get(a, "due");

		if (is_true(dp_node_get(a, "done")) || !ad ||
		    ad->type != DP_SCALAR)
			continue;
		if (days_since(ad->str, tw->today, &ok) > 0 && ok)
			r->overdue++;
	}
}

static int team_record(const struct dp_ref *ref, const struct dp_doc *doc,
		       void *data)
{
	struct team_walk *tw = data;
	struct dp_team *t = tw->t;
	struct dp_team_row *r;
	const char *m, *name;

	if (ref->kind == DP_KIND_PROFILE) {
		m = doc ? dp_doc_str(doc, "manager") : NULL;
		if (!m || strcmp(m, t->manager))
			return 0;
		if (t->n == t->alloc) {
			t->alloc = t->alloc ? 2 * t->alloc : 8;
			t->rows =
			    dp_xrealloc(t->rows, t->alloc * sizeof(*t->rows));
		}
		r = &t->rows[t->n++];
		memset(r, 0, sizeof(*r));
		memcpy(r->person, ref->person, sizeof(r->person));
		name = dp_doc_str(doc, "name");
		r->name = name ? dp_xstrdup(name) : NULL;
		r->progress = -1;
		r->reviews = -1;
		return 0;
	}
	if (!tw->cur || strcmp(tw->cur->person, ref->person) || !doc)
		return 0;
	team_goal(tw, doc);
	return 0;
}

int dp_team_collect(struct dp_team *out, struct dp_plan *plan,
		    const char *manager, const struct dp_date *today)
{
	struct team_walk tw = { out, today, 0, 0, NULL };
	struct dp_walk w = { 1u << DP_KIND_PROFILE, NULL, NULL,
			     team_record,           NULL, &tw };
	int ret;

	memset(out, 0, sizeof(*out));
	if (strlen(manager) > DP_ID_MAX) {
		dp_error_set("'%s' is not a person", manager);
		return DP_EINVALID;
	}
	memcpy(out->manager, manager, strlen(manager) + 1);
	/* Every profile, to find the reports; then the reports' goals
	 * alone: the rest of the organisation's goals are never read. */
	if ((ret = dp_plan_walk(plan, &w)) < 0)
		goto fail;
	w.kinds = 1u << DP_KIND_GOAL;
	for (size_t i = 0; i < out->n; i++) {
		w.person = out->rows[i].person;
		tw.cur = &out->rows[i];
		ret = dp_plan_walk(plan, &w);
		team_finish(&tw);
		if (ret < 0)
			goto fail;
	}
	for (size_t i = 0; i < out->n; i++) {
		struct dp_team_row *r = &out->rows[i];
		long n;

		ret = dp_review_pending(plan, manager, r->person, &n,
					r->review_since);
		if (ret < 0) {
			dp_team_release(out);
			return ret;
		}
		if (ret == 1)
			r->reviews = n;
	}
	return 0;
fail:
	dp_team_release(out);
	return ret;
}

void dp_team_release(struct dp_team *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->rows[i].name);
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* ---- the competency matrix ---- */

struct cell {
	size_t person;
	char *competency;
	long level;
};

struct matrix_walk {
	struct dp_matrix *m;
	const char *team, *role;
	unsigned flags;
	int role_found;
	int cur; /* the current person is in the matrix */
	struct cell *cells;
	size_t n, alloc;
	struct dp_strlist required; /* the role's, in its order */
};

static void matrix_skills(struct matrix_walk *w, const struct dp_doc *doc)
{
	const struct dp_node *comps = dp_doc_lookup(doc, "competencies");

	for (size_t i = 0; comps && comps->type == DP_MAP && i < comps->n;
	     i++) {
		const char *id = comps->keys[i]->str;
		long level = dp_skills_level(doc, id);

		if (!level)
			continue;
		if (w->n == w->alloc) {
			w->alloc = w->alloc ? 2 * w->alloc : 64;
			w->cells =
			    dp_xrealloc(w->cells, w->alloc * sizeof(*w->cells));
		}
		w->cells[w->n].person = w->m->people.len - 1;
		w->cells[w->n].competency = dp_xstrdup(id);
		w->cells[w->n].level = level;
		w->n++;
	}
}

static void matrix_swot(struct matrix_walk *w, const struct dp_doc *doc)
{
	const struct dp_node *st = dp_doc_lookup(doc, "strengths");
	struct dp_buf b = DP_BUF_INIT;
	size_t last = w->m->strengths.len - 1;

	dp_buf_adds(&b, w->m->strengths.items[last]);
	for (size_t i = 0; st && st->type == DP_SEQ && i < st->n; i++) {
		const struct dp_node *t = dp_node_get(st->items[i], "text");

		if (t && t->type == DP_SCALAR)
			dp_buf_addf(&b, "%s\n", t->str);
	}
	free(w->m->strengths.items[last]);
	w->m->strengths.items[last] = dp_buf_detach(&b, NULL);
}

static int matrix_record(const struct dp_ref *ref, const struct dp_doc *doc,
			 void *data)
{
	struct matrix_walk *w = data;
	const char *v;

	if (!doc)
		return 0;
	if (ref->kind == DP_KIND_ROLE) {
		const struct dp_node *req = dp_doc_lookup(doc, "requires");

		if (!w->role || strcmp(ref->name, w->role))
			return 0;
		w->role_found = 1;
		for (size_t i = 0; req && req->type == DP_MAP && i < req->n;
		     i++)
			dp_strlist_push(&w->required, req->keys[i]->str);
		return 0;
	}
	if (ref->kind == DP_KIND_PROFILE) {
		w->cur = 0;
		v = dp_doc_str(doc, "team");
		if (w->team && (!v || strcmp(v, w->team)))
			return 0;
		v = dp_doc_str(doc, "role");
		if (w->role && (!v || strcmp(v, w->role)))
			return 0;
		w->cur = 1;
		dp_strlist_push(&w->m->people, ref->person);
		v = dp_doc_str(doc, "name");
		dp_strlist_push(&w->m->names, v ? v : "");
		v = dp_doc_str(doc, "manager");
		dp_strlist_push(&w->m->managers, v ? v : "");
		dp_strlist_push(&w->m->strengths, "");
		return 0;
	}
	if (!w->cur || !w->m->people.len ||
	    strcmp(w->m->people.items[w->m->people.len - 1], ref->person))
		return 0;
	if (ref->kind == DP_KIND_SKILLS)
		matrix_skills(w, doc);
	else if (ref->kind == DP_KIND_SWOT)
		matrix_swot(w, doc);
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int dp_matrix_collect(struct dp_matrix *out, struct dp_plan *plan,
		      const char *team, const char *role, unsigned flags)
{
	struct matrix_walk mw = {
		.m = out, .team = team, .role = role, .flags = flags
	};
	struct dp_walk w = { (1u << DP_KIND_ROLE) | (1u << DP_KIND_PROFILE) |
				 (1u << DP_KIND_SKILLS),
			     NULL,
			     NULL,
			     matrix_record,
			     NULL,
			     &mw };
	struct dp_strlist others = DP_STRLIST_INIT;
	size_t rows, cols;
	int ret;

	memset(out, 0, sizeof(*out));
	if (flags & DP_MATRIX_STRENGTHS)
		w.kinds |= 1u << DP_KIND_SWOT;
	if ((ret = dp_plan_walk(plan, &w)) < 0)
		goto out;
	if (role && !mw.role_found) {
		dp_error_set("unknown role '%s'", role);
		ret = DP_ENOTFOUND;
		goto out;
	}
	for (size_t i = 0; i < mw.required.len; i++)
		if (!dp_strlist_has(&out->competencies, mw.required.items[i]))
			dp_strlist_push(&out->competencies,
					mw.required.items[i]);
	for (size_t i = 0; i < mw.n; i++)
		if (!dp_strlist_has(&out->competencies,
				    mw.cells[i].competency) &&
		    !dp_strlist_has(&others, mw.cells[i].competency))
			dp_strlist_push(&others, mw.cells[i].competency);
	if (others.len > 1)
		qsort(others.items, others.len, sizeof(*others.items), str_cmp);
	for (size_t i = 0; i < others.len; i++)
		dp_strlist_push(&out->competencies, others.items[i]);
	rows = out->competencies.len;
	cols = out->people.len;
	out->levels = dp_xcalloc(rows * cols + 1, sizeof(*out->levels));
	for (size_t i = 0; i < mw.n; i++)
		for (size_t r = 0; r < rows; r++)
			if (!strcmp(out->competencies.items[r],
				    mw.cells[i].competency)) {
				out->levels[r * cols + mw.cells[i].person] =
				    mw.cells[i].level;
				break;
			}
	ret = 0;
out:
	for (size_t i = 0; i < mw.n; i++)
		free(mw.cells[i].competency);
	free(mw.cells);
	dp_strlist_release(&mw.required);
	dp_strlist_release(&others);
	if (ret < 0)
		dp_matrix_release(out);
	return ret;
}

void dp_matrix_release(struct dp_matrix *m)
{
	if (!m)
		return;
	dp_strlist_release(&m->people);
	dp_strlist_release(&m->names);
	dp_strlist_release(&m->managers);
	dp_strlist_release(&m->strengths);
	dp_strlist_release(&m->competencies);
	free(m->levels);
	m->levels = NULL;
}

long dp_matrix_level(const struct dp_matrix *m, const char *comp, size_t col)
{
	for (size_t r = 0; r < m->competencies.len; r++)
		if (!strcmp(m->competencies.items[r], comp))
			return m->levels[r * m->people.len + col];
	return 0;
}

/* ---- match ---- */

/* 1 if `text` holds `word`, ignoring case; '-' in `word` matches ' '. */
static int mentions(const char *text, const char *word)
{
	size_t wl = strlen(word);

	for (const char *p = text; wl && *p; p++) {
		size_t i = 0;

		while (i < wl && p[i]) {
			int a = (unsigned char)p[i], b = (unsigned char)word[i];

			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b && !(b == '-' && a == ' '))
				break;
			i++;
		}
		if (i == wl)
			return 1;
	}
	return 0;
}

/* The line of `text` (lines end in '\n') that mentions `word`. */
static char *strength_line(const char *text, const char *word)
{
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char *line = dp_xstrndup(text, len);

		if (mentions(line, word))
			return line;
		free(line);
		text += len + (nl != NULL);
	}
	return NULL;
}

static int gap_row_cmp(const void *pa, const void *pb)
{
	const struct dp_gap_row *a = pa, *b = pb;
	long ga = a->level ? a->gap : 0, gb = b->level ? b->gap : 0;

	if (ga != gb)
		return ga > gb ? -1 : 1;
	if (a->required != b->required)
		return a->required > b->required ? -1 : 1;
	return strcmp(a->competency, b->competency);
}

/* The gaps of `person` over every target role, each competency once. */
static int match_gaps(struct dp_matches *out, struct dp_plan *plan,
		      const char *person)
{
	struct dp_strlist targets = DP_STRLIST_INIT;
	size_t alloc = 0;
	int ret;

	if ((ret = dp_gap_targets(&targets, plan, person, NULL)) < 0)
		goto out;
	for (size_t t = 0; t < targets.len; t++) {
		struct dp_gap g;

		if ((ret = dp_gap_compute(&g, plan, person, targets.items[t])) <
		    0)
			goto out;
		for (size_t i = 0; i < g.n; i++) {
			size_t k;

			if (g.rows[i].level && g.rows[i].gap <= 0)
				continue;
			for (k = 0; k < out->ngaps; k++)
				if (!strcmp(out->gaps[k].competency,
					    g.rows[i].competency))
					break;
			if (k < out->ngaps) {
				if (g.rows[i].required > out->gaps[k].required)
					out->gaps[k] = g.rows[i];
				continue;
			}
			if (out->ngaps == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				out->gaps = dp_xrealloc(
				    out->gaps, alloc * sizeof(*out->gaps));
			}
			out->gaps[out->ngaps] = g.rows[i];
			out->ngaps++;
		}
		dp_gap_release(&g);
	}
	if (out->ngaps > 1)
		qsort(out->gaps, out->ngaps, sizeof(*out->gaps), gap_row_cmp);
	if (out->ngaps > DP_MATCH_GAPS)
		out->ngaps = DP_MATCH_GAPS;
	ret = 0;
out:
	dp_strlist_release(&targets);
	return ret;
}

static int match_cmp(const void *pa, const void *pb)
{
	const struct dp_match *a = pa, *b = pb;

	if (a->manager != b->manager)
		return a->manager ? 1 : -1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return strcmp(a->person, b->person);
}

/*
 * The managers above `person` (their manager, that one's, ...), each
 * profile read once: asking dp_plan_manages for every colleague would
 * read the chain again for each.
 */
static void manager_chain(struct dp_strlist *out, struct dp_plan *plan,
			  const char *person)
{
	struct dp_buf cur = DP_BUF_INIT;

	dp_buf_adds(&cur, person);
	for (;;) {
		struct dp_doc doc = DP_DOC_INIT;
		struct dp_ref ref;
		const char *m;
		int stop;

		if (dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_PROFILE,
				  cur.ptr, NULL) < 0 ||
		    dp_plan_load(plan, &doc, &ref) < 0) {
			dp_error_clear();
			break;
		}
		m = dp_doc_str(&doc, "manager");
		/* a loop ends the chain, as in dp_plan_manages */
		stop =
		    !m || !*m || !strcmp(m, person) || dp_strlist_has(out, m);
		if (!stop) {
			dp_strlist_push(out, m);
			dp_buf_reset(&cur);
			dp_buf_adds(&cur, m);
		}
		dp_doc_release(&doc);
		if (stop)
			break;
	}
	dp_buf_release(&cur);
}

static void match_person(struct dp_matches *out, const struct dp_matrix *m,
			 size_t c, const struct dp_strlist *chain)
{
	struct dp_match mt;

	memset(&mt, 0, sizeof(mt));
	for (size_t g = 0; g < out->ngaps; g++) {
		const struct dp_gap_row *gap = &out->gaps[g];
		long level = dp_matrix_level(m, gap->competency, c);
		char *strength =
		    strength_line(m->strengths.items[c], gap->competency);

		if (level < gap->required)
			level = 0;
		if (!level && !strength)
			continue;
		mt.reasons =
		    dp_xrealloc(mt.reasons, (mt.n + 1) * sizeof(*mt.reasons));
		memcpy(mt.reasons[mt.n].competency, gap->competency,
		       sizeof(gap->competency));
		mt.reasons[mt.n].level = level;
		mt.reasons[mt.n].required = gap->required;
		mt.reasons[mt.n].strength = strength;
		mt.n++;
		/* the larger the gap they cover, the better the match */
		mt.score += (level ? 2 : 0) + (strength ? 1 : 0) +
			    (gap->level ? gap->gap : 1);
	}
	if (!mt.n)
		return;
	memcpy(mt.person, m->people.items[c], strlen(m->people.items[c]) + 1);
	mt.name = *m->names.items[c] ? dp_xstrdup(m->names.items[c]) : NULL;
	mt.manager = dp_strlist_has(chain, mt.person);
	out->items =
	    dp_xrealloc(out->items, (out->n + 1) * sizeof(*out->items));
	out->items[out->n++] = mt;
}

int dp_match_collect(struct dp_matches *out, struct dp_plan *plan,
		     const char *person)
{
	struct dp_matrix m = { .levels = NULL };
	struct dp_strlist chain = DP_STRLIST_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	if (strlen(person) > DP_ID_MAX) {
		dp_error_set("'%s' is not a person", person);
		return DP_EINVALID;
	}
	memcpy(out->person, person, strlen(person) + 1);
	if ((ret = match_gaps(out, plan, person)) < 0)
		goto fail;
	if (!out->ngaps)
		return 0;
	if ((ret = dp_matrix_collect(&m, plan, NULL, NULL,
				     DP_MATRIX_STRENGTHS)) < 0)
		goto fail;
	manager_chain(&chain, plan, person);
	for (size_t c = 0; c < m.people.len; c++)
		if (strcmp(m.people.items[c], person))
			match_person(out, &m, c, &chain);
	dp_strlist_release(&chain);
	dp_matrix_release(&m);
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), match_cmp);
	return 0;
fail:
	dp_matches_release(out);
	return ret;
}

void dp_matches_release(struct dp_matches *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		for (size_t k = 0; k < m->items[i].n; k++)
			free(m->items[i].reasons[k].strength);
		free(m->items[i].reasons);
		free(m->items[i].name);
	}
	free(m->items);
	free(m->gaps);
	memset(m, 0, sizeof(*m));
}
