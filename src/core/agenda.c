/* SPDX-License-Identifier: MIT */
/* The agenda of a 1:1 development conversation, drawn from the plan. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/agenda.h"
#include "devplan/career.h"
#include "devplan/error.h"
#include "devplan/item.h"
#include "devplan/skills.h"
#include "devplan/views.h"
#include "devplan/banned.h"

/* At most this many gaps: the largest ones are what a 1:1 has time for. */
#define AGENDA_GAPS 3

static const char *const section_titles[] = {
	[DP_AGENDA_CARRIED] = "Carried over from the last conversation",
	[DP_AGENDA_PROPOSALS] = "Proposals waiting for my answer",
	[DP_AGENDA_DUE] = "Due or overdue",
	[DP_AGENDA_STALE] = "Not updated for a long time",
	[DP_AGENDA_GAPS] = "My largest gaps",
	[DP_AGENDA_CAREER] = "Where I want to go",
	[DP_AGENDA_QUESTIONS] = "Looking ahead",
};

const char *dp_agenda_section_title(enum dp_agenda_section s)
{
	return s < DP_AGENDA_SECTIONS ? section_titles[s] : "";
}

static void add(struct dp_agenda *a, enum dp_agenda_section s, const char *fmt,
		...) __attribute__((format(printf, 3, 4)));
static void add(struct dp_agenda *a, enum dp_agenda_section s, const char *fmt,
		...)
{
	struct dp_buf b = DP_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	/* Carried over already: not twice. */
	for (size_t i = 0; s != DP_AGENDA_CARRIED && i < a->n; i++)
		if (a->items[i].section == DP_AGENDA_CARRIED &&
		    !strcmp(a->items[i].text, b.ptr)) {
			dp_buf_release(&b);
			return;
		}
	if (a->n == a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 16;
		a->items = dp_xrealloc(a->items, a->alloc * sizeof(*a->items));
	}
	a->items[a->n].section = s;
	a->items[a->n].text = dp_xstrdup(b.ptr);
	a->n++;
	dp_buf_release(&b);
}

static int is_true(const struct dp_node *n)
{
	return n && n->type == DP_SCALAR && !strcmp(n->str, "true");
}

static const char *scalar(const struct dp_node *n)
{
	return n && n->type == DP_SCALAR ? n->str : NULL;
}

/* What one walk of the person's records gathers. */
struct agenda_walk {
	struct dp_agenda *a;
	struct dp_plan *plan;
	struct dp_strlist carried; /* of the latest conversation so far */
	struct dp_strlist career;
};

static void walk_conversation(struct agenda_walk *w, const struct dp_ref *ref,
			      const struct dp_doc *doc)
{
	const struct dp_node *items = dp_doc_lookup(doc, "items");

	/* The latest before today: names are dates, compared as text. */
	if (strcmp(ref->name, w->a->date) >= 0 ||
	    strcmp(ref->name, w->a->previous) <= 0)
		return;
	memcpy(w->a->previous, ref->name, sizeof(w->a->previous));
	dp_strlist_release(&w->carried);
	for (size_t i = 0; items && items->type == DP_SEQ && i < items->n;
	     i++) {
		const char *text = scalar(dp_node_get(items->items[i], "text"));

		if (text && *text &&
		    !is_true(dp_node_get(items->items[i], "done")))
			dp_strlist_push(&w->carried, text);
	}
}

static void walk_career(struct agenda_walk *w, const struct dp_doc *doc)
{
	const struct dp_node *dirs = dp_doc_lookup(doc, "directions");
	struct dp_buf b = DP_BUF_INIT, title = DP_BUF_INIT;

	for (size_t i = 0; dirs && dirs->type == DP_SEQ && i < dirs->n; i++) {
		const struct dp_node *d = dirs->items[i];
		const char *type = scalar(dp_node_get(d, "type"));
		const char *role = scalar(dp_node_get(d, "role"));
		const char *idea = scalar(dp_node_get(d, "idea"));
		const char *horizon = scalar(dp_node_get(d, "horizon"));

		if (!role && !idea)
			continue;
		dp_buf_reset(&b);
		dp_buf_reset(&title);
		if (role)
			dp_role_title(&title, w->plan, role);
		dp_buf_addf(&b, "%s: ", type ? type : "direction");
		if (role && title.len)
			dp_buf_addf(&b, "%s (%s)", title.ptr, role);
		else
			dp_buf_adds(&b, role ? role : idea);
		if (horizon && *horizon)
			dp_buf_addf(&b, ", %s", horizon);
		dp_buf_adds(&b, ": what is my next step?");
		dp_strlist_push(&w->career, b.ptr);
	}
	dp_buf_release(&b);
	dp_buf_release(&title);
}

static int agenda_record(const struct dp_ref *ref, const struct dp_doc *doc,
			 void *data)
{
	struct agenda_walk *w = data;
	const char *status, *title, *by;

	if (!doc)
		return 0;
	switch (ref->kind) {
	case DP_KIND_GOAL:
		status = dp_doc_str(doc, "status");
		if (!status || strcmp(status, "proposed"))
			return 0;
		title = dp_doc_str(doc, "title");
		by = dp_doc_str(doc, "proposed-by");
		add(w->a, DP_AGENDA_PROPOSALS,
		    "\"%s\" (%s/%s)%s%s: accept or decline",
		    title ? title : ref->name, ref->person, ref->name,
		    by ? ", proposed by " : "", by ? by : "");
		break;
	case DP_KIND_CONVERSATION:
		walk_conversation(w, ref, doc);
		break;
	case DP_KIND_CAREER_MAP:
		walk_career(w, doc);
		break;
	default:
		break;
	}
	return 0;
}

static void add_due(struct dp_agenda *a, struct dp_plan *plan,
		    const struct dp_date *today)
{
	struct dp_due_list l = { .n = 0 };

	if (dp_due_collect(&l, plan, a->person, today, 14) < 0)
		return;
	for (size_t i = 0; i < l.n; i++) {
		const struct dp_due_item *it = &l.items[i];
		const char *title = it->title ? it->title : it->goal;

		if (it->what == DP_DUE_STALE)
			add(a, DP_AGENDA_STALE,
			    "\"%s\" (%s/%s): not updated since %s; still "
			    "what I want?",
			    title, it->person, it->goal, it->date);
		else if (it->what == DP_DUE_ACTION)
			add(a, DP_AGENDA_DUE,
			    "action \"%s\" of \"%s\" (%s/%s): %s %s",
			    it->action, title, it->person, it->goal,
			    it->overdue ? "overdue since" : "due on", it->date);
		else
			add(a, DP_AGENDA_DUE, "\"%s\" (%s/%s): %s %s", title,
			    it->person, it->goal,
			    it->overdue ? "overdue since" : "due on", it->date);
	}
	dp_due_release(&l);
}

struct gap_pick {
	char role[DP_ID_MAX + 1];
	struct dp_gap_row row;
};

static int gap_cmp(const void *pa, const void *pb)
{
	const struct gap_pick *a = pa, *b = pb;

	if (a->row.gap != b->row.gap)
		return a->row.gap > b->row.gap ? -1 : 1;
	return strcmp(a->row.competency, b->row.competency);
}

/* The largest gaps over every target role, each competency once. */
static void add_gaps(struct dp_agenda *a, struct dp_plan *plan)
{
	struct dp_strlist targets = DP_STRLIST_INIT, seen = DP_STRLIST_INIT;
	struct gap_pick *picks = NULL;
	size_t n = 0, alloc = 0;

	if (dp_gap_targets(&targets, plan, a->person, NULL) < 0) {
		dp_error_clear();
		goto out;
	}
	for (size_t t = 0; t < targets.len; t++) {
		struct dp_gap g;

		if (dp_gap_compute(&g, plan, a->person, targets.items[t]) < 0)
			continue;
		for (size_t i = 0; i < g.n; i++) {
			if (g.rows[i].level && g.rows[i].gap <= 0)
				continue;
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				picks =
				    dp_xrealloc(picks, alloc * sizeof(*picks));
			}
			memcpy(picks[n].role, g.role, sizeof(picks[n].role));
			picks[n].row = g.rows[i];
			/* unknown sorts after every known gap */
			if (!g.rows[i].level)
				picks[n].row.gap = 0;
			n++;
		}
		dp_gap_release(&g);
	}
	if (n > 1)
		qsort(picks, n, sizeof(*picks), gap_cmp);
	for (size_t i = 0, shown = 0; i < n && shown < AGENDA_GAPS; i++) {
		const struct dp_gap_row *r = &picks[i].row;

		if (dp_strlist_has(&seen, r->competency))
			continue;
		dp_strlist_push(&seen, r->competency);
		shown++;
		if (r->level)
			add(a, DP_AGENDA_GAPS,
			    "%s: I see myself at %ld, %s needs %ld: how could "
			    "I close the gap?",
			    r->competency, r->level, picks[i].role,
			    r->required);
		else
			add(a, DP_AGENDA_GAPS,
			    "%s: not assessed yet, %s needs %ld: where do I "
			    "stand?",
			    r->competency, picks[i].role, r->required);
	}
out:
	free(picks);
	dp_strlist_release(&targets);
	dp_strlist_release(&seen);
}

int dp_agenda_build(struct dp_agenda *out, struct dp_plan *plan,
		    const char *person, const struct dp_date *today)
{
	struct agenda_walk aw = { out, plan, DP_STRLIST_INIT, DP_STRLIST_INIT };
	struct dp_walk w = { (1u << DP_KIND_GOAL) |
				 (1u << DP_KIND_CONVERSATION) |
				 (1u << DP_KIND_CAREER_MAP),
			     person,
			     NULL,
			     agenda_record,
			     NULL,
			     &aw };
	int ret;

	memset(out, 0, sizeof(*out));
	if (strlen(person) > DP_ID_MAX) {
		dp_error_set("'%s' is not a person", person);
		return DP_EINVALID;
	}
	memcpy(out->person, person, strlen(person) + 1);
	dp_date_format(out->date, today);
	if ((ret = dp_plan_walk(plan, &w)) < 0)
		goto out;
	for (size_t i = 0; i < aw.carried.len; i++)
		add(out, DP_AGENDA_CARRIED, "%s", aw.carried.items[i]);
	add_due(out, plan, today);
	add_gaps(out, plan);
	for (size_t i = 0; i < aw.career.len; i++)
		add(out, DP_AGENDA_CAREER, "%s", aw.career.items[i]);
	if (!aw.career.len)
		add(out, DP_AGENDA_QUESTIONS,
		    "Where would I like my career to go: up, sideways, or "
		    "somewhere new to explore?");
	add(out, DP_AGENDA_QUESTIONS,
	    "What would I like to be able to do a year from now that I cannot "
	    "do today?");
	add(out, DP_AGENDA_QUESTIONS,
	    "What one thing could we change before we next meet to make "
	    "time for learning?");
	/* Keep the sections in order: items were added section by section
	 * except the proposals found during the walk. */
	for (size_t i = 1; i < out->n; i++) {
		struct dp_agenda_item it = out->items[i];
		size_t j = i;

		while (j > 0 && out->items[j - 1].section > it.section) {
			out->items[j] = out->items[j - 1];
			j--;
		}
		out->items[j] = it;
	}
	ret = 0;
out:
	dp_strlist_release(&aw.carried);
	dp_strlist_release(&aw.career);
	if (ret < 0)
		dp_agenda_release(out);
	return ret;
}

void dp_agenda_release(struct dp_agenda *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		free(a->items[i].text);
	free(a->items);
	a->items = NULL;
	a->n = a->alloc = 0;
}

int dp_agenda_fill(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const struct dp_agenda *a,
		   const char *with)
{
	int ret;

	if ((ret = dp_doc_set_typed(doc, "date", a->date)) < 0)
		return ret;
	if (with) {
		struct dp_value v = DP_VTEXT(with);

		if ((ret = dp_doc_append(doc, "with", &v)) < 0)
			return ret;
	}
	for (size_t i = 0; i < a->n; i++) {
		static const char *const keys[] = { "id", "text", "done" };
		char id[DP_ITEM_ID_LEN + 1];
		struct dp_value vals[3], item;

		dp_item_id(id, a->items[i].text, a->date,
			   dp_doc_lookup(doc, "items"));
		vals[0] = DP_VTEXT(id);
		vals[1] = DP_VTEXT(a->items[i].text);
		vals[2] = DP_VTYPED("false");
		item = (struct dp_value){ DP_MAP, NULL, 0, 3, keys, vals };
		if ((ret = dp_doc_append(doc, "items", &item)) < 0)
			return ret;
	}
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": agenda for %s (%zu item%s)", a->date, a->n,
			a->n == 1 ? "" : "s");
	return 0;
}
