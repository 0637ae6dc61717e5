/* SPDX-License-Identifier: MIT */
/*
 * Exports: the plan as one JSON document (built with json.h), as CSV
 * rows, or as an iCalendar of due dates (written by ical.h).
 */
#include <stdlib.h>
#include <string.h>

#include "devplan/json.h"

#include "devplan/export.h"
#include "devplan/ical.h"
#include "devplan/store.h"
#include "devplan/util.h"
#include "devplan/banned.h"

void dp_csv_field(struct dp_buf *out, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		dp_buf_adds(out, s);
		return;
	}
	dp_buf_addch(out, '"');
	for (; *s; s++) {
		if (*s == '"')
			dp_buf_addch(out, '"');
		dp_buf_addch(out, *s);
	}
	dp_buf_addch(out, '"');
}

static struct dp_json *scalar_json(const struct dp_node *n)
{
	long v;

	if (n->style == DP_STYLE_PLAIN) {
		if (!strcmp(n->str, "true") || !strcmp(n->str, "false"))
			return dp_json_bool(!strcmp(n->str, "true"));
		if (!strcmp(n->str, "null") || !strcmp(n->str, "~"))
			return dp_json_null();
		if (!dp_parse_long(n->str, -1000000000L, 1000000000L, &v))
			return dp_json_int(v);
	}
	return dp_json_string(n->str);
}

static struct dp_json *node_json(const struct dp_node *n)
{
	struct dp_json *j;

	if (!n)
		return dp_json_null();
	switch (n->type) {
	case DP_SEQ:
		j = dp_json_array();
		for (size_t i = 0; i < n->n; i++)
			dp_json_push(j, node_json(n->items[i]));
		return j;
	case DP_MAP:
		j = dp_json_object();
		for (size_t i = 0; i < n->n; i++)
			dp_json_set(j, n->keys[i]->str, node_json(n->items[i]));
		return j;
	default:
		return scalar_json(n);
	}
}

/*
 * A record: "id" and "path" when given, its fields, then "body" for
 * Markdown records.
 */
static struct dp_json *record_json(const struct dp_doc *doc, const char *id,
				   const char *path)
{
	struct dp_json *o = dp_json_object(), *fields = node_json(doc->root);
	size_t len;
	const char *body;

	if (id)
		dp_json_set(o, "id", dp_json_string(id));
	if (path)
		dp_json_set(o, "path", dp_json_string(path));
	if (dp_json_is_object(fields))
		dp_json_update(o, fields);
	dp_json_free(fields);
	if (doc->mode == DP_DOC_FRONT_MATTER) {
		body = dp_doc_body(doc, &len);
		dp_json_set(o, "body", dp_json_stringn(body, len));
	}
	return o;
}

struct exporter {
	enum dp_export_format format;
	struct dp_findings *problems;
	struct dp_json *root, *roles, *people, *person;
	struct dp_buf *out;
	struct dp_ical *cal; /* ics */
	long long stamp;     /* ics: DTSTAMP, the time of HEAD */
};

static void csv_row(struct dp_buf *out, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			dp_buf_addch(out, ',');
		dp_csv_field(out, cells[i]);
	}
	dp_buf_adds(out, "\r\n");
}

static const char *str_of(const struct dp_node *n)
{
	return n && n->type == DP_SCALAR ? n->str : "";
}

static void goal_csv(struct exporter *e, const struct dp_ref *ref,
		     const struct dp_doc *doc)
{
	const struct dp_node *actions = dp_doc_lookup(doc, "actions");
	const char *row[9] = { ref->person,
			       ref->name,
			       "goal",
			       str_of(dp_doc_lookup(doc, "title")),
			       str_of(dp_doc_lookup(doc, "status")),
			       str_of(dp_doc_lookup(doc, "progress")),
			       str_of(dp_doc_lookup(doc, "due")),
			       "",
			       ref->path };
	struct dp_buf label = DP_BUF_INIT;

	csv_row(e->out, row, DP_ARRAY_SIZE(row));
	for (size_t i = 0; actions && actions->type == DP_SEQ && i < actions->n;
	     i++) {
		const struct dp_node *a = actions->items[i];

		dp_buf_reset(&label);
		dp_buf_addf(&label, "action %zu", i + 1);
		row[2] = label.ptr;
		row[3] = str_of(dp_node_get(a, "title"));
		row[4] = "";
		row[5] = "";
		row[6] = str_of(dp_node_get(a, "due"));
		row[7] = !strcmp(str_of(dp_node_get(a, "done")), "true")
			     ? "true"
			     : "false";
		csv_row(e->out, row, DP_ARRAY_SIZE(row));
	}
	dp_buf_release(&label);
}

/* A goal's due date and its actions' as all-day events. */
static void goal_ics(struct exporter *e, const struct dp_ref *ref,
		     const struct dp_doc *doc)
{
	const struct dp_node *actions = dp_doc_lookup(doc, "actions");
	const char *title = str_of(dp_doc_lookup(doc, "title"));
	const char *due = str_of(dp_doc_lookup(doc, "due"));
	const char *status = str_of(dp_doc_lookup(doc, "status"));
	const char *progress = str_of(dp_doc_lookup(doc, "progress"));
	struct dp_buf uid = DP_BUF_INIT, sum = DP_BUF_INIT, desc = DP_BUF_INIT;
	struct dp_buf item = DP_BUF_INIT;

	if (!*title)
		title = ref->name;
	if (*due) {
		dp_ical_uid(&uid, ref->path, "goal");
		dp_buf_addf(&sum, "%s: %s", ref->person, title);
		dp_buf_addf(&desc, "Goal of %s (%s%s%s%s).\n%s", ref->person,
			    *status ? status : "no status",
			    *progress ? ", " : "", progress,
			    *progress ? "% done" : "", ref->path);
		if (dp_ical_add_day(e->cal, uid.ptr, due, e->stamp, sum.ptr,
				    desc.ptr) < 0)
			dp_findings_add(e->problems, DP_SEV_WARNING, ref->path,
					0, 0, "due: %s (left out)",
					dp_error_last());
	}
	for (size_t i = 0; actions && actions->type == DP_SEQ && i < actions->n;
	     i++) {
		const struct dp_node *a = actions->items[i];
		const char *atitle = str_of(dp_node_get(a, "title"));
		const char *adue = str_of(dp_node_get(a, "due"));
		int done = !strcmp(str_of(dp_node_get(a, "done")), "true");

		if (!*adue)
			continue;
		dp_buf_reset(&uid);
		dp_buf_reset(&sum);
		dp_buf_reset(&desc);
		dp_buf_reset(&item);
		dp_buf_addf(&item, "action:%s", atitle);
		dp_ical_uid(&uid, ref->path, item.ptr);
		dp_buf_addf(&sum, "%s: %s%s", ref->person, atitle,
			    done ? " (done)" : "");
		dp_buf_addf(&desc, "Action %zu of the goal \"%s\" of %s.\n%s",
			    i + 1, title, ref->person, ref->path);
		if (dp_ical_add_day(e->cal, uid.ptr, adue, e->stamp, sum.ptr,
				    desc.ptr) < 0)
			dp_findings_add(e->problems, DP_SEV_WARNING, ref->path,
					0, 0, "actions[%zu].due: %s (left out)",
					i, dp_error_last());
	}
	dp_buf_release(&uid);
	dp_buf_release(&sum);
	dp_buf_release(&desc);
	dp_buf_release(&item);
}

static void add_person_record(struct exporter *e, const struct dp_ref *ref,
			      const struct dp_doc *doc)
{
	struct dp_json *rec, *list;
	const char *id;
	struct dp_buf key = DP_BUF_INIT;

	id = e->person ? dp_json_string_value(dp_json_get(e->person, "id"))
		       : NULL;
	if (!id || strcmp(id, ref->person)) {
		e->person = dp_json_object();
		dp_json_set(e->person, "id", dp_json_string(ref->person));
		dp_json_push(e->people, e->person);
	}
	if (ref->kind == DP_KIND_PROFILE) {
		rec = record_json(doc, NULL, NULL);
		dp_json_set(e->person, "path", dp_json_string(ref->path));
		dp_json_set(e->person, "profile", rec);
		return;
	}
	dp_buf_addf(&key, "%ss", dp_kind_name(ref->kind));
	list = dp_json_get(e->person, key.ptr);
	if (!list) {
		list = dp_json_array();
		dp_json_set(e->person, key.ptr, list);
	}
	dp_json_push(list, record_json(doc, ref->name, ref->path));
	dp_buf_release(&key);
}

static int on_record(const struct dp_ref *ref, const struct dp_doc *doc,
		     void *data)
{
	struct exporter *e = data;

	if (!doc) {
		dp_findings_add(e->problems, DP_SEV_WARNING, ref->path, 0, 0,
				"%s (left out)", dp_error_last());
		return 0;
	}
	if (e->format == DP_EXPORT_ICS) {
		if (ref->kind == DP_KIND_GOAL)
			goal_ics(e, ref, doc);
		return 0;
	}
	if (e->format == DP_EXPORT_CSV) {
		if (ref->kind == DP_KIND_GOAL)
			goal_csv(e, ref, doc);
		return 0;
	}
	switch (ref->kind) {
	case DP_KIND_CONFIG:
		dp_json_set(e->root, "org",
			    dp_json_string(dp_doc_str(doc, "org")
					       ? dp_doc_str(doc, "org")
					       : ""));
		break;
	case DP_KIND_COMPETENCIES:
		dp_json_set(dp_json_get(e->root, "framework"), "competencies",
			    node_json(dp_doc_lookup(doc, "competencies")));
		break;
	case DP_KIND_ROLE:
		dp_json_push(e->roles, record_json(doc, ref->name, ref->path));
		break;
	default:
		if (ref->person[0])
			add_person_record(e, ref, doc);
	}
	return 0;
}

int dp_export(struct dp_buf *out, struct dp_plan *plan,
	      enum dp_export_format format, struct dp_findings *problems)
{
	struct exporter e = { format, problems, NULL, NULL, NULL,
			      NULL,   out,      NULL, 0 };
	struct dp_walk w = { 0, NULL, NULL, on_record, NULL, &e };
	static const char *const header[] = { "person", "goal",   "row",
					      "title",  "status", "progress",
					      "due",    "done",   "path" };
	struct dp_json *fw;
	int ret;

	if (format == DP_EXPORT_ICS) {
		long long stamp = 0;
		int offset;

		if ((ret = dp_store_head_time(dp_plan_store(plan), &stamp,
					      &offset)) < 0)
			return ret;
		w.kinds = 1u << DP_KIND_GOAL;
		e.stamp = stamp;
		e.cal = dp_ical_new("-//devplan//devplan export//EN",
				    "Development plans");
		if (!e.cal)
			return DP_EIO;
		if (!(ret = dp_plan_walk(plan, &w)))
			ret = dp_ical_write(out, e.cal);
		dp_ical_free(e.cal);
		return ret;
	}
	if (format == DP_EXPORT_CSV) {
		w.kinds = 1u << DP_KIND_GOAL;
		csv_row(out, header, DP_ARRAY_SIZE(header));
		return dp_plan_walk(plan, &w);
	}
	e.root = dp_json_object();
	dp_json_set(e.root, "schema", dp_json_string("devplan-export/1"));
	dp_json_set(e.root, "org", dp_json_string(""));
	fw = dp_json_object();
	dp_json_set(fw, "competencies", dp_json_array());
	e.roles = dp_json_array();
	dp_json_set(fw, "roles", e.roles);
	dp_json_set(e.root, "framework", fw);
	e.people = dp_json_array();
	dp_json_set(e.root, "people", e.people);
	ret = dp_plan_walk(plan, &w);
	if (!ret) {
		dp_json_dump(out, e.root, 0);
	}
	dp_json_free(e.root);
	return ret;
}
