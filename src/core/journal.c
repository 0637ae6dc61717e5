/* SPDX-License-Identifier: MIT */
/*
 * The learning journal: dated sections of the Markdown body, read
 * through the Markdown module's walk over its blocks.
 */
#include "devplan/journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/date.h"
#include "devplan/error.h"
#include "devplan/markdown.h"
#include "devplan/person-record.h"
#include "devplan/slug.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define FACT_SEP " \xc2\xb7 " /* " · " */

int dp_journal_hours(long *out, const char *s)
{
	long whole = 0, frac = 0;
	const char *dot = s ? strchr(s, '.') : NULL;
	char *w = NULL;
	int ret = DP_EINVALID;

	if (!s || !*s)
		goto bad;
	w = dot ? dp_xstrndup(s, (size_t)(dot - s)) : dp_xstrdup(s);
	if (dp_parse_long(*w ? w : "0", 0, 24, &whole) < 0)
		goto bad;
	if (dot) {
		/* One or two decimals: 1.5, 0.25 (rounded to tenths). */
		size_t fl = strlen(dot + 1);

		if (!fl || fl > 2 || strspn(dot + 1, "0123456789") != fl ||
		    dp_parse_long(dot + 1, 0, 99, &frac) < 0)
			goto bad;
		frac = fl == 1 ? frac : (frac + 5) / 10;
	}
	*out = whole * 10 + frac;
	if (*out > 240 || *out <= 0)
		goto bad;
	ret = 0;
	goto out;
bad:
	dp_error_set("--hours: '%s' is not a number of hours (0.1 to 24)",
		     s ? s : "");
out:
	free(w);
	return ret;
}

/* Reads "hours: 2 · goal: learn-rust"; 0 if `line` is such a line. */
static int parse_facts(struct dp_journal_entry *e, const char *line)
{
	const char *p = line;

	if (!dp_starts_with(p, "hours: ") && !dp_starts_with(p, "goal: "))
		return -1;
	while (*p) {
		const char *end = strstr(p, FACT_SEP);
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *fact = dp_xstrndup(p, len);

		if (dp_starts_with(fact, "hours: "))
			dp_journal_hours(&e->tenths, fact + 7);
		else if (dp_starts_with(fact, "goal: ") && !e->goal)
			e->goal = dp_xstrdup(fact + 6);
		free(fact);
		p += len;
		if (end)
			p += strlen(FACT_SEP);
	}
	dp_error_clear();
	return 0;
}

/* The walk over the body's blocks: the entry being read and its text. */
struct parse {
	struct dp_journal *out;
	struct dp_journal_entry *cur;
	struct dp_buf text;
	size_t alloc;
};

/* Ends the entry being read, if any. */
static void end_entry(struct parse *p)
{
	if (p->cur) {
		p->cur->text = dp_buf_detach(&p->text, NULL);
		dp_buf_init(&p->text, 0);
	}
	p->cur = NULL;
}

static int on_block(const struct dp_md_block *blk, void *data)
{
	struct parse *p = data;
	struct dp_journal *out = p->out;
	struct dp_journal_entry *cur;
	const char *para;
	struct dp_date d;

	if (blk->heading && blk->heading <= 2) {
		end_entry(p);
		if (blk->heading != 2 || dp_date_parse(&d, blk->text) < 0)
			return 0;
		if (out->n == p->alloc) {
			p->alloc = p->alloc ? p->alloc * 2 : 16;
			out->items = dp_xrealloc(
			    out->items, p->alloc * sizeof(*out->items));
		}
		cur = p->cur = &out->items[out->n++];
		memset(cur, 0, sizeof(*cur));
		dp_date_format(cur->date, &d);
		cur->tenths = -1;
		return 0;
	}
	if (!(cur = p->cur))
		return 0;
	para = blk->paragraph ? blk->text : blk->markdown;
	if (!p->text.len && cur->tenths < 0 && !cur->goal &&
	    parse_facts(cur, para) == 0)
		return 0;
	if (p->text.len)
		dp_buf_adds(&p->text, "\n\n");
	dp_buf_adds(&p->text, para);
	return 0;
}

int dp_journal_parse(struct dp_journal *out, const char *body, size_t len)
{
	struct parse p = { out, NULL, DP_BUF_INIT, 0 };
	int ret;

	memset(out, 0, sizeof(*out));
	if ((ret = dp_markdown_blocks(body, len, on_block, &p)) < 0) {
		dp_error_set("cannot parse the journal's Markdown");
		dp_buf_release(&p.text);
		return ret;
	}
	end_entry(&p);
	dp_buf_release(&p.text);
	return 0;
}

void dp_journal_release(struct dp_journal *j)
{
	if (!j)
		return;
	for (size_t i = 0; i < j->n; i++) {
		free(j->items[i].goal);
		free(j->items[i].text);
	}
	free(j->items);
	memset(j, 0, sizeof(*j));
}

static void add_hours(struct dp_buf *out, long tenths)
{
	if (tenths % 10)
		dp_buf_addf(out, "%ld.%ld", tenths / 10, tenths % 10);
	else
		dp_buf_addf(out, "%ld", tenths / 10);
}

int dp_journal_add(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const char *date, const char *text,
		   const char *goal, long tenths)
{
	struct dp_buf body = DP_BUF_INIT, clean = DP_BUF_INIT;
	const char *nl = doc->crlf ? "\r\n" : "\n", *old, *p;
	size_t len;
	struct dp_date d;
	int ret = DP_EINVALID, shortened = 0;

	if (dp_date_parse(&d, date) < 0) {
		dp_error_set("--date: '%s' is not a date (YYYY-MM-DD)", date);
		goto out;
	}
	if (goal && !dp_id_valid(goal)) {
		dp_error_set("--goal: '%s' is not a goal slug", goal);
		goto out;
	}
	/* The text: trimmed, control characters dropped, no '#' headings. */
	for (p = text ? text : ""; *p == ' ' || *p == '\n' || *p == '\t'; p++)
		;
	for (; *p; p++) {
		if (*p == '\n') {
			dp_buf_adds(&clean, nl);
			while (p[1] == ' ' || p[1] == '\t')
				p++;
			if (p[1] == '#')
				dp_buf_addch(&clean, '\\');
		} else if ((unsigned char)*p >= 0x20 && *p != 0x7f) {
			if (!clean.len && *p == '#')
				dp_buf_addch(&clean, '\\');
			dp_buf_addch(&clean, *p);
		} else if (*p == '\t') {
			dp_buf_addch(&clean, ' ');
		}
	}
	while (clean.len && strchr(" \r\n", clean.ptr[clean.len - 1]))
		dp_buf_setlen(&clean, clean.len - 1);
	if (!clean.len) {
		dp_error_set("-m: the text is empty");
		goto out;
	}
	old = dp_doc_body(doc, &len);
	dp_buf_add(&body, old, len);
	while (body.len && strchr(" \r\n", body.ptr[body.len - 1]))
		dp_buf_setlen(&body, body.len - 1);
	if (body.len)
		dp_buf_addf(&body, "%s%s", nl, nl);
	dp_buf_addf(&body, "## %s%s%s", date, nl, nl);
	if (tenths >= 0 || goal) {
		if (tenths >= 0) {
			dp_buf_adds(&body, "hours: ");
			add_hours(&body, tenths);
		}
		if (goal)
			dp_buf_addf(&body, "%sgoal: %s",
				    tenths >= 0 ? FACT_SEP : "", goal);
		dp_buf_addf(&body, "%s%s", nl, nl);
	}
	dp_buf_addf(&body, "%s%s", clean.ptr, nl);
	if ((ret = dp_doc_set_body(doc, body.ptr, body.len)) < 0)
		goto out;
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": %s ", date);
	dp_buf_reset(&body);
	dp_msg_fold(&body, clean.ptr);
	if (body.len > 60 || strchr(clean.ptr, '\n')) {
		shortened = 1;
	}
	if (body.len > 60) {
		dp_buf_setlen(&body, 57);
		while (body.len && (body.ptr[body.len - 1] & 0xC0) == 0x80)
			dp_buf_setlen(&body, body.len - 1);
		if (body.len && (unsigned char)body.ptr[body.len - 1] >= 0xC0)
			dp_buf_setlen(&body, body.len - 1);
		dp_buf_adds(&body, "...");
	}
	dp_msg_subject_title(msg, body.ptr);
	if (tenths >= 0) {
		dp_buf_reset(&body);
		add_hours(&body, tenths);
		dp_msg_subjectf(msg, " (%sh)", body.ptr);
	}
	if (shortened) /* the whole text, when the subject has a part */
		dp_buf_adds(&msg->body, text);
out:
	dp_buf_release(&body);
	dp_buf_release(&clean);
	return ret;
}

static int date_cmp(const void *pa, const void *pb)
{
	const struct dp_journal_entry *a = pa, *b = pb;

	return strcmp(a->date, b->date);
}

int dp_journal_read(struct dp_journal *out, struct dp_plan *plan,
		    const char *person)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	const char *body;
	size_t len;
	int ret;

	out->items = NULL;
	out->n = 0;
	ret = dp_person_record_load(&doc, &ref, plan, DP_KIND_JOURNAL, person);
	if (ret == 0) {
		body = dp_doc_body(&doc, &len);
		ret = dp_journal_parse(out, body, len);
	}
	dp_doc_release(&doc);
	if (ret < 0)
		return ret;
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), date_cmp);
	return 0;
}

size_t dp_journal_months(struct dp_journal_month **out,
			 const struct dp_journal *j)
{
	size_t n = 0;

	*out = dp_xcalloc(j->n + 1, sizeof(**out));
	for (size_t i = 0; i < j->n; i++) {
		if (!n || strncmp((*out)[n - 1].month, j->items[i].date, 7)) {
			memcpy((*out)[n].month, j->items[i].date, 7);
			(*out)[n++].month[7] = '\0';
		}
		if (j->items[i].tenths > 0)
			(*out)[n - 1].tenths += j->items[i].tenths;
	}
	return n;
}

struct dp_json *dp_journal_json(const struct dp_journal *j)
{
	struct dp_json *arr = dp_json_array();

	for (size_t i = 0; i < j->n; i++) {
		const struct dp_journal_entry *e = &j->items[i];
		struct dp_json *o = dp_json_object();

		dp_json_set(o, "date", dp_json_string(e->date));
		dp_json_set(o, "hours",
			    e->tenths >= 0
				? dp_json_real((double)e->tenths / 10.0)
				: dp_json_null());
		dp_json_set(o, "goal", dp_json_string(e->goal));
		dp_json_set(o, "text", dp_json_string(e->text ? e->text : ""));
		dp_json_push(arr, o);
	}
	return arr;
}

int dp_journal_new_init(struct dp_journal_new *out, struct dp_plan *plan,
			const char *person, const char *text, const char *goal,
			const char *hours, const char *date, const char *today)
{
	struct dp_buf name = DP_BUF_INIT;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	out->text = text;
	out->tenths = -1;
	out->date = date ? date : today;
	if (hours && (ret = dp_journal_hours(&out->tenths, hours)) < 0)
		return ret;
	if (goal) {
		/* The person's goal, by slug or a unique prefix. */
		dp_buf_addf(&name, "%s/%s", person, goal);
		ret = dp_plan_resolve(plan, &out->goal_ref, name.ptr,
				      DP_KIND_GOAL);
		dp_buf_release(&name);
		out->goal = out->goal_ref.name;
	}
	return ret < 0 ? ret : 0;
}

int dp_journal_edit_add(struct dp_plan *plan, const struct dp_ref *ref,
			struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct dp_journal_new *e = data;

	(void)plan;
	return dp_journal_add(doc, msg, ref, e->date, e->text, e->goal,
			      e->tenths);
}
