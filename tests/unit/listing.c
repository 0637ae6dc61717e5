/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of what the commands ask the core for: the goal listing
 * (goals-list.c), the JSON writer, the SWOT and the journal as read, the
 * framework's new roles and competencies, the editing rules and a new
 * goal, on a throw-away plan repository.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv, open_memstream */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "devplan/buf.h"
#include "devplan/editing.h"
#include "devplan/error.h"
#include "devplan/framework.h"
#include "devplan/goal.h"
#include "devplan/goals-list.h"
#include "devplan/journal.h"
#include "devplan/json.h"
#include "devplan/plan.h"
#include "devplan/swot.h"
#include "devplan/util.h"

#include "test.h"
#include "test-sh.h"

static char root[256];

/* ---- the JSON writer ---------------------------------------------------- */

static void test_json_writer(void)
{
	struct dp_json_writer w;
	struct dp_json *arr, *o;
	struct dp_buf whole = DP_BUF_INIT;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	dp_json_writer_init(&w, fp, 0);
	CHECK_INT(dp_json_writer_finish(&w), 0);
	fflush(fp);
	CHECK_STR(text, "[]\n");

	rewind(fp);
	dp_json_writer_init(&w, fp, 0);
	for (int i = 0; i < 3; i++) {
		o = dp_json_object();
		dp_json_set(o, "n", dp_json_int(i));
		dp_json_set(o, "list", dp_json_array());
		dp_json_set(o, "text", dp_json_string("a\nb"));
		dp_json_writer_push(&w, o);
	}
	CHECK_INT(dp_json_writer_finish(&w), 0);
	fclose(fp);
	/* what one tree of the same array dumps */
	arr = dp_json_array();
	for (int i = 0; i < 3; i++) {
		o = dp_json_object();
		dp_json_set(o, "n", dp_json_int(i));
		dp_json_set(o, "list", dp_json_array());
		dp_json_set(o, "text", dp_json_string("a\nb"));
		dp_json_push(arr, o);
	}
	dp_json_dump(&whole, arr, 0);
	CHECK_STR(text, whole.ptr);
	dp_json_free(arr);
	dp_buf_release(&whole);
	free(text);
}

/* ---- the goal listing --------------------------------------------------- */

struct seen {
	struct dp_buf order; /* "person/slug;" for each row */
	struct dp_buf bad;
	struct dp_goal_row last_b; /* copy of numbers for alice/b */
	int stop_after;
};

static int on_row(const struct dp_goal_row *r, void *data)
{
	struct seen *s = data;

	dp_buf_addf(&s->order, "%s/%s%s;", r->person, r->slug,
		    r->overdue ? "!" : "");
	if (!strcmp(r->slug, "b")) {
		s->last_b.progress = r->progress;
		s->last_b.actions_done = r->actions_done;
		s->last_b.actions_total = r->actions_total;
		s->last_b.competencies.len = r->competencies.len;
		s->last_b.has_due = r->has_due;
	}
	if (s->stop_after && !--s->stop_after)
		return DP_EIO;
	return 0;
}

static void on_bad(const struct dp_ref *ref, const char *message, void *data)
{
	struct seen *s = data;

	(void)message;
	dp_buf_addf(&s->bad, "%s;", ref->path);
}

static const char *list(struct dp_plan *plan, struct dp_goal_query *q,
			struct seen *s)
{
	dp_buf_reset(&s->order);
	dp_buf_reset(&s->bad);
	dp_buf_adds(&s->order, "");
	q->row = on_row;
	q->bad = on_bad;
	q->data = s;
	CHECK_INT(dp_goals_list(plan, q), 0);
	return s->order.ptr;
}

static void test_goals_list(struct dp_plan *plan)
{
	struct dp_goal_query q = { 0 };
	struct seen s = { DP_BUF_INIT, DP_BUF_INIT, { 0 }, 0 };
	struct dp_buf b = DP_BUF_INIT;

	dp_date_parse(&q.today, "2027-02-01");
	/* person, then due (none last), then slug; done/dropped left out */
	CHECK_STR(list(plan, &q, &s),
		  "alice/a!;alice/b;alice/c;alice/e;bob/z;");
	CHECK_STR(s.bad.ptr, "people/carol/goals/broken.md;");
	CHECK_INT(s.last_b.progress, -1); /* progress: lots */
	CHECK_INT(s.last_b.actions_done, 1);
	CHECK_INT(s.last_b.actions_total, 2);
	CHECK_INT(s.last_b.competencies.len, 2);
	CHECK_INT(s.last_b.has_due, 1);

	q.all_status = 1;
	CHECK_STR(list(plan, &q, &s),
		  "alice/a!;alice/d;alice/b;alice/c;alice/e;alice/f;bob/z;");
	q.all_status = 0;
	q.status = "done";
	CHECK_STR(list(plan, &q, &s), "alice/d;");
	q.status = NULL;
	q.person = "bob";
	CHECK_STR(list(plan, &q, &s), "bob/z;");
	CHECK_STR(s.bad.ptr, "");
	q.person = NULL;

	/* a row callback's error stops the listing */
	s.stop_after = 2;
	dp_buf_reset(&s.order);
	q.row = on_row;
	CHECK_INT(dp_goals_list(plan, &q), DP_EIO);
	CHECK_STR(s.order.ptr, "alice/a!;alice/b;");
	s.stop_after = 0;

	CHECK(dp_goal_status_known("blocked"));
	CHECK(!dp_goal_status_known("Blocked"));
	CHECK(!dp_goal_status_known(NULL));
	dp_goal_statuses_join(&b);
	CHECK_STR(b.ptr, "proposed, draft, active, blocked, done, dropped");
	dp_buf_release(&b);
	dp_buf_release(&s.order);
	dp_buf_release(&s.bad);
}

/* grouped: people/<group>/<id>/, listed by id all the same */
static void test_goals_list_grouped(void)
{
	struct dp_plan *plan = NULL;
	struct dp_goal_query q = { 0 };
	struct seen s = { DP_BUF_INIT, DP_BUF_INIT, { 0 }, 0 };
	struct dp_buf dir = DP_BUF_INIT;

	dp_buf_addf(&dir, "%s/grouped", root);
	/*
	 * Groups: bob and zed 44, alice 79, x 95; carol belongs in 62, not
	 * 12, and is not read. The walk goes by group; the list by id.
	 */
	CHECK_INT(
	    test_sh("set -e; mkdir -p '%s' && cd '%s' && git init -q && "
		    "printf 'org: T\\nschema: 1\\nlayout: grouped\\n' "
		    ">devplan.yaml && "
		    "for p in 79/alice 44/bob 44/zed 95/x 12/carol; do mkdir "
		    "-p people/$p/goals "
		    "&& printf -- '---\\nname: P\\n---\\n' "
		    ">people/$p/profile.md && printf -- "
		    "'---\\ntitle: G\\nstatus: active\\n---\\n' "
		    ">people/$p/goals/g.md; done",
		    dir.ptr, dir.ptr),
	    0);
	CHECK_INT(dp_plan_open(&plan, dir.ptr, 0), 0);
	if (plan)
		CHECK_STR(list(plan, &q, &s), "alice/g;bob/g;x/g;zed/g;");
	dp_plan_free(plan);
	dp_buf_release(&dir);
	dp_buf_release(&s.order);
	dp_buf_release(&s.bad);
}

static void test_goal_row_json(void)
{
	struct dp_goal_row r = { 0 };
	struct dp_buf out = DP_BUF_INIT;
	struct dp_json *j;

	r.person = "alice";
	r.slug = "x";
	r.path = "people/alice/goals/x.md";
	r.progress = -1;
	r.competencies = (struct dp_strlist)DP_STRLIST_INIT;
	j = dp_goal_row_json(&r);
	dp_json_dump(&out, j, 0);
	CHECK_STR(out.ptr, "{\n"
			   "  \"person\": \"alice\",\n"
			   "  \"slug\": \"x\",\n"
			   "  \"path\": \"people/alice/goals/x.md\",\n"
			   "  \"title\": null,\n"
			   "  \"status\": null,\n"
			   "  \"type\": null,\n"
			   "  \"progress\": null,\n"
			   "  \"due\": null,\n"
			   "  \"overdue\": false,\n"
			   "  \"actions_done\": 0,\n"
			   "  \"actions_total\": 0,\n"
			   "  \"competencies\": []\n"
			   "}\n");
	dp_json_free(j);
	dp_buf_release(&out);
}

/* ---- SWOT, journal ------------------------------------------------------ */

static void test_swot(struct dp_plan *plan)
{
	struct dp_swot sw;
	const char *q = NULL;

	CHECK_INT(dp_swot_quadrant_parse(&q, "Threat"), 0);
	CHECK_STR(q, "threats");
	CHECK_INT(dp_swot_quadrant_parse(&q, "risk"), DP_EINVALID);
	CHECK_STR(dp_error_last(), "'risk' is not a quadrant: strength, "
				   "weakness, opportunity or threat");

	CHECK_INT(dp_swot_read(&sw, plan, "bob"), 1);
	CHECK(sw.quadrant[0].empty && !sw.quadrant[0].n);
	dp_swot_release(&sw);

	CHECK_INT(dp_swot_read(&sw, plan, "alice"), 0);
	CHECK_STR(sw.quadrant[0].key, "strengths");
	CHECK_INT(sw.quadrant[0].n, 2);
	CHECK_STR(sw.quadrant[0].items[1].text, "Patience");
	CHECK_INT(sw.quadrant[1].n, 1); /* an entry without text: not shown */
	CHECK_INT(sw.quadrant[1].items[0].number, 2);
	CHECK(!sw.quadrant[1].empty);
	CHECK(sw.quadrant[2].empty);
	CHECK(sw.quadrant[3].empty);
	dp_swot_release(&sw);
	dp_swot_release(NULL);
}

static void test_journal(struct dp_plan *plan)
{
	struct dp_journal j;
	struct dp_journal_month *m;
	struct dp_journal_new e;
	size_t n;

	CHECK_INT(dp_journal_read(&j, plan, "bob"), 0);
	CHECK_INT(j.n, 0);
	n = dp_journal_months(&m, &j);
	CHECK_INT(n, 0);
	free(m);
	dp_journal_release(&j);

	CHECK_INT(dp_journal_read(&j, plan, "alice"), 0);
	CHECK_INT(j.n, 4);
	if (j.n == 4) {
		/* by date, whatever the order written */
		CHECK_STR(j.items[0].date, "2026-10-30");
		CHECK_STR(j.items[3].date, "2026-11-29");
	}
	n = dp_journal_months(&m, &j);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(m[0].month, "2026-10");
		CHECK_INT(m[0].tenths, 10);
		CHECK_STR(m[1].month, "2026-11");
		CHECK_INT(m[1].tenths,
			  35); /* an entry without hours adds none */
	}
	free(m);
	dp_journal_release(&j);

	CHECK_INT(dp_journal_new_init(&e, plan, "alice", "x", NULL, "1.5", NULL,
				      "2026-12-01"),
		  0);
	CHECK_STR(e.date, "2026-12-01");
	CHECK_INT(e.tenths, 15);
	CHECK(e.goal == NULL);
	CHECK_INT(dp_journal_new_init(&e, plan, "alice", "x", "c", NULL,
				      "2026-11-02", "2026-12-01"),
		  0);
	CHECK_STR(e.goal, "c");
	CHECK_STR(e.date, "2026-11-02");
	CHECK(dp_journal_new_init(&e, plan, "alice", "x", "nope", NULL, NULL,
				  "2026-12-01") < 0);
	CHECK(dp_journal_new_init(&e, plan, "alice", "x", NULL, "99", NULL,
				  "2026-12-01") < 0);
}

/* ---- new roles, competencies, goals; editing ---------------------------- */

static void test_framework(struct dp_plan *plan)
{
	struct dp_strlist req = DP_STRLIST_INIT, levels = DP_STRLIST_INIT;
	struct dp_role_new r = { "Bad!", "Staff", NULL, NULL, &req, NULL };
	struct dp_competency_new c = { "c1", "C one", "core", NULL, &levels };
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_edit e = { .findings = DP_FINDINGS_INIT };
	struct dp_ref ref;

	dp_strlist_push(&levels, "3");
	CHECK_INT(dp_competency_create(&e, plan, &c), DP_EUSAGE);
	dp_strlist_release(&levels);
	dp_strlist_push(&levels, "3=Leads");
	dp_strlist_push(&levels, "3=Again");
	CHECK_INT(dp_competency_create(&e, plan, &c), DP_EINVALID);
	CHECK_STR(dp_error_last(), "--level 3 is given twice");
	dp_strlist_release(&levels);
	dp_strlist_push(&levels, "3=Leads");
	CHECK_INT(dp_competency_create(&e, plan, &c), 0);
	CHECK_STR(e.ref.path, "framework/competencies.yaml");
	CHECK_INT(test_sh("cd '%s/plan' && git log -1 --format=%%s | "
			  "grep -q '^competency(c1): add \"C one\"$'",
			  root),
		  0);
	CHECK_INT(dp_competency_create(&e, plan, &c), DP_EEXISTS);
	CHECK_INT(dp_role_create(&ref, plan, &r, &f), DP_EINVALID);
	r.id = "staff";
	dp_strlist_push(&req, "rust");
	CHECK_INT(dp_role_create(&ref, plan, &r, &f), DP_EUSAGE);
	CHECK_STR(dp_error_last(),
		  "--require 'rust': expected <competency>=<level>");
	dp_strlist_release(&req);
	dp_strlist_push(&req, "rust=11");
	CHECK_INT(dp_role_create(&ref, plan, &r, &f), DP_EINVALID);
	dp_strlist_release(&req);
	dp_strlist_push(&req, "rust=3");
	dp_strlist_push(&req, "rust=4");
	CHECK_INT(dp_role_create(&ref, plan, &r, &f), DP_EINVALID);
	CHECK_STR(dp_error_last(), "--require names 'rust' twice");
	dp_strlist_release(&req);
	dp_strlist_push(&req, "c1=3");
	CHECK_INT(dp_role_create(&ref, plan, &r, &f), 0);
	CHECK_STR(ref.path, "framework/roles/staff.md");
	CHECK_INT(
	    test_sh("cd '%s/plan' && git show HEAD:framework/roles/staff.md | "
		    "grep -q '^  c1: 3$' && git log -1 --format=%%s | "
		    "grep -q 'add \"Staff\"'",
		    root),
	    0);
	CHECK_INT(dp_role_create(&ref, plan, &r, &f), DP_EEXISTS);

	dp_findings_release(&e.findings);
	dp_findings_release(&f);
	dp_strlist_release(&req);
	dp_strlist_release(&levels);
}

static void test_goal_create(struct dp_plan *plan)
{
	struct dp_goal_new asked = { 0 };
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_goal_create c;
	char *words[] = { "Learn", " Go " };

	dp_goal_create_init(&c);
	asked.due = "2027-05-01";
	CHECK_INT(dp_goal_create_start(&c, plan, &asked, words, 2), 0);
	CHECK_STR(c.g.title, "Learn Go");
	CHECK_STR(c.g.owner, "alice");
	CHECK(c.g.proposer == NULL);
	CHECK_INT(dp_goal_create_commit(&c, plan, &f), 0);
	CHECK_STR(c.ref.path, "people/alice/goals/learn-go.md");
	dp_goal_create_release(&c);

	/* the same title again: the next free slug */
	dp_goal_create_init(&c);
	CHECK_INT(dp_goal_create_start(&c, plan, &asked, words, 2), 0);
	CHECK_INT(dp_goal_create_commit(&c, plan, &f), 0);
	CHECK_STR(c.slug.ptr, "learn-go-2");
	dp_goal_create_release(&c);

	dp_goal_create_init(&c);
	asked.owner = "nobody";
	CHECK(dp_goal_create_start(&c, plan, &asked, words, 2) < 0);
	dp_goal_create_release(&c);
	dp_findings_release(&f);
}

static void test_editing(struct dp_plan *plan)
{
	struct dp_draft d;
	struct dp_buf text = DP_BUF_INIT;
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_ref ref;

	CHECK_INT(dp_plan_resolve(plan, &ref, "alice/e", DP_KIND_GOAL), 0);
	dp_draft_init(&d);
	CHECK_INT(dp_editing_start(&d, plan, &ref, 0), 0);
	dp_buf_add(&text, d.orig.ptr, d.orig.len);
	CHECK_INT(dp_editing_changed(&d, &text), 0); /* unchanged */
	dp_draft_release(&d);

	dp_draft_init(&d);
	CHECK_INT(dp_editing_start(&d, plan, &ref, 0), 0);
	dp_buf_reset(&text);
	dp_buf_adds(&text, " \n\t\n");
	CHECK_INT(dp_editing_changed(&d, &text), DP_EINVALID);
	CHECK_STR(dp_error_last(), "aborted: empty file; nothing changed");
	dp_draft_release(&d);

	dp_draft_init(&d);
	CHECK_INT(dp_editing_start(&d, plan, &ref, 0), 0);
	dp_buf_reset(&text);
	dp_buf_add(&text, d.orig.ptr, d.orig.len);
	dp_buf_splice(&text, 0, strlen("---\ntitle: E"), "---\ntitle: E again",
		      strlen("---\ntitle: E again"));
	CHECK_INT(dp_editing_changed(&d, &text), 1);
	dp_editing_kept(&d);
	CHECK(
	    strstr(dp_error_last(), "'people/alice/goals/e.md' is not valid"));
	/* kept: resumed by name */
	dp_draft_release(&d);
	dp_draft_init(&d);
	CHECK_INT(dp_editing_resume(&d, plan, "alice/e"), 0);
	CHECK_STR(d.ref.path, "people/alice/goals/e.md");
	CHECK_INT(dp_editing_commit(plan, &d, &text, &f), 0);
	CHECK_INT(
	    test_sh("cd '%s/plan' && git show HEAD:people/alice/goals/e.md | "
		    "grep -q '^title: E again$'",
		    root),
	    0);
	dp_draft_release(&d);
	/* a career map not written yet starts from its template */
	CHECK_INT(dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_CAREER_MAP,
				"alice", NULL),
		  0);
	dp_draft_init(&d);
	CHECK_INT(dp_editing_start(&d, plan, &ref, 0), DP_ENOTFOUND);
	CHECK_INT(dp_editing_start(&d, plan, &ref, 1), 0);
	CHECK(d.is_new);
	dp_draft_remove(&d);
	dp_draft_release(&d);
	dp_findings_release(&f);
	dp_buf_release(&text);
}

static void make_plan(const char *dir)
{
	CHECK_INT(
	    test_sh(
		"set -e; mkdir -p '%s' && cd '%s' && git init -q -b main && "
		"git config user.name Alice && "
		"git config user.email alice@example.com && "
		"printf 'org: T\\nschema: 1\\n' >devplan.yaml && "
		"mkdir -p framework/roles && "
		"printf 'competencies: []\\n' >framework/competencies.yaml && "
		"for p in alice bob carol; do mkdir -p people/$p/goals && "
		"printf -- '---\\nname: %%s\\nemail: %%s@example.com\\n---\\n' "
		"$p $p >people/$p/profile.md; done && "
		"g() { printf -- \"---\\ntitle: $2\\nstatus: $3\\n$4---\\n\" "
		">people/alice/goals/$1.md; } && "
		"g a A active 'due: 2027-01-01\\n' && "
		"g b B active 'due: 2027-03-01\\nprogress: lots\\n"
		"competencies: [x, y]\\nactions:\\n  - title: one\\n"
		"    done: true\\n  - title: two\\n    done: false\\n' && "
		"g c C blocked '' && g d D done 'due: 2027-02-01\\n' && "
		"g e E draft 'created: 2026-01-01\\n' && g f F dropped '' && "
		"printf -- '---\\ntitle: Z\\nstatus: active\\n---\\n' "
		">people/bob/goals/z.md && "
		"printf -- '---\\ntitle: [\\n---\\n' "
		">people/carol/goals/broken.md && "
		"printf -- '---\\nstrengths:\\n  - id: a1\\n    text: Calm\\n"
		"  - id: a2\\n    text: Patience\\nweaknesses:\\n  - id: b1\\n"
		"  - id: b2\\n    text: Haste\\nopportunities: []\\n---\\n' "
		">people/alice/swot.md && "
		"printf -- '---\\n---\\n## 2026-11-29\\n\\nhours: "
		"2\\n\\nA\\n\\n"
		"## 2026-10-30\\n\\nhours: 1\\n\\nB\\n\\n## 2026-11-02\\n\\n"
		"hours: 1.5\\n\\nC\\n\\n## 2026-11-03\\n\\nD\\n' "
		">people/alice/journal.md && "
		"git add -A && git commit -q -m init",
		dir, dir),
	    0);
}

int main(void)
{
	struct dp_plan *plan = NULL;
	struct dp_buf dir = DP_BUF_INIT;

	if (test_sandbox(root, sizeof(root), "listing") < 0)
		return 1;
	setenv("DEVPLAN_TODAY", "2026-12-01", 1);

	test_json_writer();
	test_goal_row_json();
	dp_buf_addf(&dir, "%s/plan", root);
	make_plan(dir.ptr);
	CHECK_INT(dp_plan_open(&plan, dir.ptr, 0), 0);
	if (plan) {
		dp_plan_set_as(plan, "alice");
		test_goals_list(plan);
		test_swot(plan);
		test_journal(plan);
		/* the broken goal stays out of the commits that follow */
		test_sh(
		    "rm -f '%s/people/carol/goals/broken.md' && cd '%s' && git "
		    "commit -q -am 'no broken goal'",
		    dir.ptr, dir.ptr);
		test_framework(plan);
		test_goal_create(plan);
		test_editing(plan);
	}
	test_goals_list_grouped();
	dp_plan_free(plan);
	dp_buf_release(&dir);
	test_sh("rm -rf '%s'", root);
	return test_done();
}
