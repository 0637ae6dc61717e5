/* SPDX-License-Identifier: MIT */
/* The agenda of a 1:1 development conversation, drawn from the plan. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/agenda.h"
#include "devplan/career.h"
#include "devplan/error.h"
#include "devplan/item.h"
#include "devplan/layout.h"
#include "devplan/person.h"
#include "devplan/review.h"
#include "devplan/skills.h"
#include "devplan/views.h"
#include "devplan/banned.h"

/* At most this many gaps: the largest ones are what a 1:1 has time for. */
#define AGENDA_GAPS 3
/* A comment is quoted up to this many bytes (never inside a character). */
#define AGENDA_QUOTE 80

static const char *const section_titles[] = {
	[DP_AGENDA_CARRIED] = "Carried over from the last conversation",
	[DP_AGENDA_RECENT] = "Recent changes and comments",
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
	memset(&a->items[a->n], 0, sizeof(a->items[a->n]));
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

/* ---- recent changes and comments ---- */

/* "goal alice/learn-rust", "skills alice": a record named for a reader. */
static void record_label(struct dp_buf *out, struct dp_plan *plan,
			 const char *path)
{
	struct dp_ref ref;

	if (dp_layout_parse(&ref, dp_plan_layout(plan), path) <= 0 ||
	    !*ref.person) {
		dp_error_clear();
		dp_buf_adds(out, path);
		return;
	}
	dp_buf_addf(out, "%s %s", dp_kind_name(ref.kind), ref.person);
	if (*ref.name)
		dp_buf_addf(out, "/%s", ref.name);
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/*
 * Appends `s` quoted on one line, each run of white space one space, cut
 * to AGENDA_QUOTE bytes with "..." (never inside a UTF-8 sequence).
 */
static void add_quote(struct dp_buf *out, const char *s)
{
	size_t n = 0, i;

	dp_buf_addch(out, '"');
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_space(s[i]) && i > 0 && is_space(s[i - 1]))
			continue;
		if (n >= AGENDA_QUOTE && (c & 0xC0) != 0x80) {
			dp_buf_adds(out, "...");
			break;
		}
		dp_buf_addch(out, is_space(s[i]) ? ' ' : s[i]);
		n++;
	}
	dp_buf_addch(out, '"');
}

static void add_recent(struct dp_agenda *a, const char *text, const char *who,
		       const char *when, const char *record)
{
	struct dp_agenda_item *it;

	if (a->n == a->alloc) {
		a->alloc = a->alloc ? 2 * a->alloc : 16;
		a->items = dp_xrealloc(a->items, a->alloc * sizeof(*a->items));
	}
	it = &a->items[a->n++];
	memset(it, 0, sizeof(*it));
	it->section = DP_AGENDA_RECENT;
	it->text = dp_xstrdup(text);
	it->who = dp_xstrdup(who);
	snprintf(it->when, sizeof(it->when), "%s", when);
	it->record = dp_xstrdup(record);
}

/* One change or comment of the window, to be put in day order. */
struct recent {
	const char *date;
	size_t order; /* records in path order, each one's changes in turn */
	const struct dp_review_record *rec;
	const struct dp_review_change *ch;
	const struct dp_review_comment *com;
};

static int recent_cmp(const void *pa, const void *pb)
{
	const struct recent *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);

	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The window: the last conversation's day, else DP_AGENDA_RECENT_DAYS. */
static void recent_since(struct dp_agenda *a, const struct dp_date *today)
{
	struct dp_date d;

	if (*a->previous && dp_date_parse(&d, a->previous) == 0) {
		dp_date_format(a->since, &d);
		return;
	}
	dp_error_clear();
	dp_date_from_days(&d, dp_date_to_days(today) - DP_AGENDA_RECENT_DAYS);
	dp_date_format(a->since, &d);
}

static int add_recent_changes(struct dp_agenda *a, struct dp_plan *plan)
{
	struct dp_review r;
	struct recent *list = NULL;
	struct dp_buf text = DP_BUF_INIT, label = DP_BUF_INIT;
	size_t n = 0, alloc = 0, i, j;
	int ret;

	memset(&r, 0, sizeof(r));
	if ((ret = dp_review_build(plan, &r, a->person, a->since)) < 0)
		goto out;
	for (i = 0; i < r.len; i++) {
		/* the conversations are the agendas themselves */
		if (r.records[i].kind == DP_KIND_CONVERSATION)
			continue;
		for (j = 0; j < r.records[i].len; j++) {
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 16;
				list = dp_xrealloc(list, alloc * sizeof(*list));
			}
			list[n] =
			    (struct recent){ r.records[i].changes[j].date, n,
					     &r.records[i],
					     &r.records[i].changes[j], NULL };
			n++;
		}
	}
	for (i = 0; i < r.ncomments; i++) {
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			list = dp_xrealloc(list, alloc * sizeof(*list));
		}
		list[n] = (struct recent){ r.comments[i].date, n, NULL, NULL,
					   &r.comments[i] };
		n++;
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), recent_cmp);
	/* the newest are what the conversation has not seen yet */
	i = n > DP_AGENDA_RECENT_MAX ? n - DP_AGENDA_RECENT_MAX : 0;
	a->recent_more = i;
	for (; i < n; i++) {
		const struct recent *e = &list[i];

		dp_buf_reset(&text);
		dp_buf_reset(&label);
		if (e->ch) {
			record_label(&label, plan, e->rec->path);
			dp_buf_addf(&text, "%s: ", label.ptr);
			dp_delta_summary(&text, &e->ch->delta, 0);
			add_recent(a, text.ptr, e->ch->author, e->date,
				   e->rec->path);
		} else {
			record_label(&label, plan, e->com->on);
			dp_buf_addf(&text, "comment on %s: ", label.ptr);
			add_quote(&text, e->com->text);
			/* the commenter as the comment names them */
			dp_buf_reset(&label);
			dp_buf_addf(&label, "%s (%s)", e->com->author,
				    e->com->role);
			add_recent(a, text.ptr, label.ptr, e->date, e->com->on);
		}
	}
	ret = 0;
out:
	free(list);
	dp_buf_release(&text);
	dp_buf_release(&label);
	dp_review_release(&r);
	return ret;
}

size_t dp_agenda_todo_count(const struct dp_agenda *a)
{
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++)
		n += a->items[i].section != DP_AGENDA_RECENT;
	return n;
}

void dp_agenda_recent_markdown(struct dp_buf *out, const struct dp_agenda *a)
{
	size_t shown = 0;

	for (size_t i = 0; i < a->n; i++) {
		const struct dp_agenda_item *it = &a->items[i];

		if (it->section != DP_AGENDA_RECENT)
			continue;
		if (!shown++)
			dp_buf_addf(out, "## %s\n\nSince %s%s.\n\n",
				    section_titles[DP_AGENDA_RECENT], a->since,
				    *a->previous ? ", the last conversation"
						 : "");
		dp_buf_addf(out, "- %s, %s: %s\n", it->when, it->who, it->text);
	}
	if (shown && a->recent_more)
		dp_buf_addf(out,
			    "- and %zu earlier: devplan review %s --since "
			    "%s\n",
			    a->recent_more, a->person, a->since);
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
	recent_since(out, today);
	if ((ret = add_recent_changes(out, plan)) < 0)
		goto out;
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
	for (size_t i = 0; i < a->n; i++) {
		free(a->items[i].text);
		free(a->items[i].who);
		free(a->items[i].record);
	}
	free(a->items);
	a->items = NULL;
	a->n = a->alloc = 0;
}

int dp_agenda_fill(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const struct dp_agenda *a,
		   const char *with, const char *notes)
{
	struct dp_buf body = DP_BUF_INIT;
	size_t todo = dp_agenda_todo_count(a);
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

		if (a->items[i].section == DP_AGENDA_RECENT)
			continue;
		dp_item_id(id, a->items[i].text, a->date,
			   dp_doc_lookup(doc, "items"));
		vals[0] = DP_VTEXT(id);
		vals[1] = DP_VTEXT(a->items[i].text);
		vals[2] = DP_VTYPED("false");
		item = (struct dp_value){ DP_MAP, NULL, 0, 3, keys, vals };
		if ((ret = dp_doc_append(doc, "items", &item)) < 0)
			return ret;
	}
	dp_buf_addch(&body, '\n');
	dp_agenda_recent_markdown(&body, a);
	if (body.len > 1)
		dp_buf_addch(&body, '\n');
	dp_buf_adds(&body, notes ? notes : "");
	ret = dp_doc_set_body(doc, body.ptr, body.len);
	dp_buf_release(&body);
	if (ret < 0)
		return ret;
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": agenda for %s (%zu item%s)", a->date, todo,
			todo == 1 ? "" : "s");
	return 0;
}

int dp_agenda_save(struct dp_ref *out, struct dp_plan *plan,
		   const struct dp_agenda *a, const char *notes,
		   struct dp_findings *findings)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	char *manager = dp_person_manager(plan, a->person);
	int ret;

	if ((ret = dp_layout_ref(out, dp_plan_layout(plan),
				 DP_KIND_CONVERSATION, a->person, a->date)) <
		0 ||
	    (ret = dp_plan_template(plan, &doc, out)) < 0 ||
	    (ret = dp_agenda_fill(&doc, &msg, out, a, manager, notes)) < 0)
		goto out;
	ret = dp_plan_create(plan, out, &doc, &msg, DP_RIGHT_CREATE, findings);
out:
	free(manager);
	dp_msg_release(&msg);
	dp_doc_release(&doc);
	return ret;
}
