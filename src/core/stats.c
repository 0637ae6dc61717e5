/* SPDX-License-Identifier: MIT */
/*
 * How the development programme is doing: one pass over the history
 * (goals made done, and the commit as of DP_STATS_STALE_DAYS ago), then
 * one walk over the records holding the current person only. What is
 * kept is counts: per team, quarter, month and competency level.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/history.h"
#include "devplan/journal.h"
#include "devplan/slug.h"
#include "devplan/stats.h"
#include "devplan/store-at.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/* A role of the framework: its next roles and what it requires. */
struct req {
	char competency[DP_ID_MAX + 1];
	long level;
};

struct role {
	char id[DP_ID_MAX + 1];
	struct dp_strlist next;
	struct req *reqs;
	size_t nreqs;
};

/* The person whose records the walk is in: nothing outlives them. */
struct person {
	char id[DP_ID_MAX + 1];
	int on; /* has a profile, and is of the team asked for */
	char *team, *role, *map_role;
	int active;
	size_t proposals;
	struct dp_strlist ups; /* the career map's `up` roles */
	struct req *skills;    /* self-assessed levels */
	size_t nskills, askills;
	long tenths[DP_STATS_MONTHS]; /* their journals' hours per month */
	size_t entries[DP_STATS_MONTHS];
};

/*
 * What one person adds to the figures (dp_stats_feed_person keeps it as
 * text for a cache; dp_stats_feed_part adds it back).
 */
struct part {
	char *team; /* owned; NULL for none */
	int active, stale;
	size_t proposals;
	struct req *demand, *supply;
	size_t ndemand, nsupply, ademand, asupply;
	long tenths[DP_STATS_MONTHS];
	size_t entries[DP_STATS_MONTHS];
};

struct collect {
	struct dp_stats *out;
	struct dp_plan *plan;
	const char *team;
	unsigned flags;
	long today;          /* days since the epoch */
	long first_month;    /* months since year 0 of months[0] */
	long first_quarter;  /* quarters since year 0 of quarters[0] */
	long quarters_start; /* the day quarters[0] starts */
	char head[41], base[41];
	struct role *roles;
	size_t nroles, aroles;
	int levels_ready;
	size_t ateams;
	struct person cur;
	struct dp_buf buf;
	int lost;    /* a person was counted without their part kept */
	int unusual; /* dp_stats_feed_resume: a new commit it cannot add */
};

struct dp_stats_feed {
	struct collect c;
};

/* The records the figures read. */
#define STATS_KINDS                                                            \
	((1u << DP_KIND_ROLE) | (1u << DP_KIND_PROFILE) |                      \
	 (1u << DP_KIND_GOAL) | (1u << DP_KIND_CAREER_MAP) |                   \
	 (1u << DP_KIND_SKILLS) | (1u << DP_KIND_JOURNAL))

#define GROW(arr, n, alloc)                                                    \
	do {                                                                   \
		if ((n) == (alloc)) {                                          \
			(alloc) = (alloc) ? (alloc)*2 : 8;                     \
			(arr) = dp_xrealloc((arr), (alloc) * sizeof(*(arr)));  \
		}                                                              \
	} while (0)

double dp_stats_share(size_t count, size_t total)
{
	if (!total)
		return 0;
	return (double)((count * 1000 + total / 2) / total) / 1000.0;
}

static int copy_id(char out[DP_ID_MAX + 1], const char *id)
{
	size_t n = id ? strlen(id) : 0;

	if (!n || n > DP_ID_MAX || !dp_id_valid(id))
		return -1;
	memcpy(out, id, n + 1);
	return 0;
}

static long level_of(const struct dp_node *n)
{
	long v;

	if (!n || n->type != DP_SCALAR || dp_parse_long(n->str, 1, 10, &v) < 0)
		return 0;
	return v;
}

/* ---- the windows: quarters and months up to today's ---- */

static long month_of(const struct dp_date *d)
{
	return (long)d->y * 12 + d->m - 1;
}

static void windows_init(struct collect *c, const struct dp_date *today)
{
	struct dp_stats *out = c->out;
	long q = month_of(today) / 3 - (DP_STATS_QUARTERS - 1);
	struct dp_date first = { (int)(q / 4), (int)(q % 4) * 3 + 1, 1 };

	c->today = dp_date_to_days(today);
	c->first_month = month_of(today) - (DP_STATS_MONTHS - 1);
	c->first_quarter = q;
	c->quarters_start = dp_date_to_days(&first);
	for (int i = 0; i < DP_STATS_QUARTERS; i++)
		snprintf(out->quarters[i].label, sizeof(out->quarters[i].label),
			 "%04ld-Q%ld", (q + i) / 4 % 10000, (q + i) % 4 + 1);
	for (int i = 0; i < DP_STATS_MONTHS; i++) {
		long m = c->first_month + i;

		snprintf(out->months[i].label, sizeof(out->months[i].label),
			 "%04ld-%02ld", m / 12 % 10000, m % 12 + 1);
	}
}

/* The day of a commit's date in its own time zone. */
static long commit_day(long long time, int offset)
{
	long long t = time + (long long)offset * 60;

	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

/* ---- the history: goals made done, the commit as of the stale date ---- */

/* 1 for the characters of a plain word ("active", "in-review"). */
static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * 0 when the line "status: <value>" of `text` gives a value without
 * "done" in it: the goal is not done, no need to parse it (most goals of
 * a large history). A comment after a plain word ("active   # proposed
 * | done") ends the value, as in YAML. 1 when it may be done, or the
 * line is not plain.
 */
static int may_be_done(const char *text, size_t len)
{
	const char *end = text + len, *p = text, *eol;
	int value = 0, word = 1;

	for (; p < end; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if ((size_t)(eol - p) >= 7 && !memcmp(p, "status:", 7))
			break;
	}
	if (p >= end)
		return 1;
	for (p += 7; p < eol; p++) {
		if (*p == '#') {
			/* a comment after one plain word: the word is all */
			if (value && word && (p[-1] == ' ' || p[-1] == '\t'))
				break;
			return 1; /* else let the parser decide */
		}
		if (*p != ' ' && *p != '\t' && *p != '\r') {
			/* one word, no space within it */
			if (value && (p[-1] == ' ' || p[-1] == '\t'))
				word = 0;
			if (!word_char(*p))
				word = 0;
			value = 1;
		}
		if ((size_t)(eol - p) >= 4 && !memcmp(p, "done", 4))
			return 1;
	}
	return !value;
}

static const char *status_in(struct dp_doc *doc, const char *path,
			     const char *text, size_t len)
{
	if (!text || !may_be_done(text, len) ||
	    dp_doc_parse(doc, path, text, len, DP_DOC_FRONT_MATTER) < 0) {
		dp_error_clear();
		return NULL;
	}
	return dp_doc_str(doc, "status");
}

/* 1 if `person`'s profile (as it is now) names the team asked for. */
static int of_team(struct collect *c, const char *person)
{
	struct dp_ref ref;
	struct dp_doc doc = DP_DOC_INIT;
	const char *t;
	int yes = 0;

	if (dp_layout_ref(&ref, dp_plan_layout(c->plan), DP_KIND_PROFILE,
			  person, NULL) == 0 &&
	    dp_plan_load(c->plan, &doc, &ref) == 0) {
		t = dp_doc_str(&doc, "team");
		yes = t && !strcmp(t, c->team);
	}
	dp_error_clear();
	dp_doc_release(&doc);
	return yes;
}

static void count_done(struct collect *c, const struct dp_history_file *f,
		       long quarter)
{
	struct dp_doc old = DP_DOC_INIT, new = DP_DOC_INIT;
	struct dp_ref ref;
	const char *was, *is;

	if (dp_layout_parse(&ref, dp_plan_layout(c->plan), f->path) !=
	    DP_KIND_GOAL)
		return;
	is = status_in(&new, f->path, f->new_text, f->new_len);
	if (is && !strcmp(is, "done")) {
		was = status_in(&old, f->path, f->old_text, f->old_len);
		if ((!was || strcmp(was, "done")) &&
		    (!c->team || of_team(c, ref.person)))
			c->out->quarters[quarter - c->first_quarter].done++;
	}
	dp_doc_release(&old);
	dp_doc_release(&new);
}

static int on_commit(const struct dp_history_commit *cm,
		     const struct dp_history_file *files, size_t n, void *data)
{
	struct collect *c = data;
	long day = commit_day(cm->time, cm->offset);
	struct dp_date d;
	long quarter;

	if (!c->base[0] && day <= c->today - DP_STATS_STALE_DAYS)
		memcpy(c->base, cm->id, sizeof(c->base));
	if (day < c->quarters_start)
		return c->base[0] ? 1 : 0;
	/* A merge repeats what its branch did: that was counted there. */
	if (day > c->today || cm->parents > 1)
		return 0;
	dp_date_from_days(&d, day);
	quarter = month_of(&d) / 3;
	for (size_t i = 0; i < n; i++)
		count_done(c, &files[i], quarter);
	return 0;
}

static int read_history(struct collect *c)
{
	struct dp_store *st = dp_plan_store(c->plan);
	int ret = dp_history_head(st, c->head);

	if (ret == DP_ENOTFOUND) {
		dp_error_clear();
		c->out->history = 1;
		return 0; /* no commit yet: nothing done, nobody stale */
	}
	if (ret < 0)
		return ret;
	/* on_commit counts file by file: a commit may come in shares. */
	ret = dp_history_walk(st, NULL, NULL, "people/", DP_HISTORY_CHUNKS,
			      on_commit, c);
	if (ret == 0)
		c->out->history = 1;
	return ret;
}

/* ---- the framework ---- */

static void add_role(struct collect *c, const struct dp_ref *ref,
		     const struct dp_doc *doc)
{
	const struct dp_node *next = dp_doc_lookup(doc, "next");
	const struct dp_node *req = dp_doc_lookup(doc, "requires");
	struct role *r;

	GROW(c->roles, c->nroles, c->aroles);
	r = &c->roles[c->nroles];
	memset(r, 0, sizeof(*r));
	if (copy_id(r->id, ref->name) < 0)
		return;
	c->nroles++;
	for (size_t i = 0; next && next->type == DP_SEQ && i < next->n; i++)
		if (next->items[i]->type == DP_SCALAR &&
		    dp_id_valid(next->items[i]->str))
			dp_strlist_push(&r->next, next->items[i]->str);
	if (!req || req->type != DP_MAP || !req->n)
		return;
	r->reqs = dp_xcalloc(req->n, sizeof(*r->reqs));
	for (size_t i = 0; i < req->n; i++) {
		long level = level_of(req->items[i]);

		if (level && copy_id(r->reqs[r->nreqs].competency,
				     req->keys[i]->str) == 0)
			r->reqs[r->nreqs++].level = level;
	}
}

static const struct role *find_role(const struct collect *c, const char *id)
{
	for (size_t i = 0; id && i < c->nroles; i++)
		if (!strcmp(c->roles[i].id, id))
			return &c->roles[i];
	return NULL;
}

static int level_cmp(const void *pa, const void *pb)
{
	const struct dp_stats_level *a = pa, *b = pb;
	int r = strcmp(a->competency, b->competency);

	return r ? r : (a->level > b->level) - (a->level < b->level);
}

/* Every level of a competency some role requires, once: the rows. */
static void levels_init(struct collect *c)
{
	struct dp_stats *out = c->out;
	size_t alloc = 0;

	if (c->levels_ready)
		return;
	c->levels_ready = 1;
	for (size_t i = 0; i < c->nroles; i++)
		for (size_t k = 0; k < c->roles[i].nreqs; k++) {
			const struct req *q = &c->roles[i].reqs[k];
			size_t j;

			for (j = 0; j < out->nlevels; j++)
				if (out->levels[j].level == q->level &&
				    !strcmp(out->levels[j].competency,
					    q->competency))
					break;
			if (j < out->nlevels)
				continue;
			GROW(out->levels, out->nlevels, alloc);
			memset(&out->levels[j], 0, sizeof(out->levels[j]));
			memcpy(out->levels[j].competency, q->competency,
			       sizeof(q->competency));
			out->levels[j].level = q->level;
			out->nlevels++;
		}
	if (out->nlevels > 1)
		qsort(out->levels, out->nlevels, sizeof(*out->levels),
		      level_cmp);
}

static struct dp_stats_level *find_level(struct dp_stats *out, const char *comp,
					 long level)
{
	struct dp_stats_level key;

	memset(&key, 0, sizeof(key));
	if (copy_id(key.competency, comp) < 0)
		return NULL;
	key.level = level;
	return out->nlevels ? bsearch(&key, out->levels, out->nlevels,
				      sizeof(key), level_cmp)
			    : NULL;
}

/* ---- a person ---- */

static struct dp_stats_team *team_row(struct collect *c, const char *name)
{
	struct dp_stats *out = c->out;
	struct dp_stats_team *t;

	for (size_t i = 0; i < out->nteams; i++)
		if (!strcmp(out->teams[i].name, name))
			return &out->teams[i];
	GROW(out->teams, out->nteams, c->ateams);
	t = &out->teams[out->nteams++];
	memset(t, 0, sizeof(*t));
	t->name = dp_xstrdup(name);
	return t;
}

/* Demand: the highest level of each competency the targets need. */
static void person_demand(struct collect *c, const struct person *p,
			  struct part *out)
{
	const struct role *cur;
	const struct dp_strlist *targets = &p->ups;
	struct req *need = NULL;
	size_t n = 0, alloc = 0, i, k;

	if (!targets->len) {
		cur = find_role(c, p->map_role && *p->map_role ? p->map_role
							       : p->role);
		if (!cur)
			return;
		targets = &cur->next;
	}
	for (size_t t = 0; t < targets->len; t++) {
		const struct role *r = find_role(c, targets->items[t]);

		for (k = 0; r && k < r->nreqs; k++) {
			for (i = 0; i < n; i++)
				if (!strcmp(need[i].competency,
					    r->reqs[k].competency))
					break;
			if (i == n) {
				GROW(need, n, alloc);
				need[n++] = r->reqs[k];
			} else if (r->reqs[k].level > need[i].level) {
				need[i].level = r->reqs[k].level;
			}
		}
	}
	out->demand = need;
	out->ndemand = n;
	out->ademand = alloc;
}

static void part_release(struct part *t)
{
	free(t->team);
	free(t->demand);
	free(t->supply);
	memset(t, 0, sizeof(*t));
}

/* Adds a person's part to the figures. */
static void part_apply(struct collect *c, const struct part *t)
{
	struct dp_stats *out = c->out;
	struct dp_stats_team *row = NULL;

	levels_init(c);
	if (!c->team)
		row = team_row(c, t->team ? t->team : "");
	out->people++;
	out->active += t->active != 0;
	out->stale += (size_t)t->stale;
	out->proposals += t->proposals;
	if (row) {
		row->people++;
		row->active += t->active != 0;
		row->stale += (size_t)t->stale;
		row->proposals += t->proposals;
	}
	/* Demand: the highest level of each competency the targets need. */
	for (size_t i = 0; i < t->ndemand; i++) {
		struct dp_stats_level *l = find_level(
		    out, t->demand[i].competency, t->demand[i].level);

		if (l)
			l->demand++;
	}
	/* Supply: every required level at or below a self-assessed one. */
	for (size_t i = 0; i < t->nsupply; i++)
		for (size_t j = 0; j < out->nlevels; j++)
			if (out->levels[j].level <= t->supply[i].level &&
			    !strcmp(out->levels[j].competency,
				    t->supply[i].competency))
				out->levels[j].supply++;
	for (size_t m = 0; m < DP_STATS_MONTHS; m++) {
		out->months[m].entries += t->entries[m];
		out->months[m].tenths += t->tenths[m];
	}
}

static int person_stale(struct collect *c, const struct person *p)
{
	int ret;

	if (!c->base[0])
		return 0;
	dp_buf_reset(&c->buf);
	if (dp_layout_person_dir(&c->buf, dp_plan_layout(c->plan), p->id) < 0)
		return 0;
	ret = dp_store_subtree_same(dp_plan_store(c->plan), c->base, c->head,
				    c->buf.ptr);
	return ret;
}

static void person_clear(struct person *p)
{
	free(p->team);
	free(p->role);
	free(p->map_role);
	dp_strlist_release(&p->ups);
	free(p->skills);
	memset(p, 0, sizeof(*p));
}

/* The current person's part of the figures. */
static int person_part(struct collect *c, struct part *t)
{
	struct person *p = &c->cur;
	int stale = 0;

	memset(t, 0, sizeof(*t));
	if (p->active && c->out->history && (stale = person_stale(c, p)) < 0)
		return stale;
	t->team = p->team ? dp_xstrdup(p->team) : NULL;
	t->active = p->active != 0;
	t->stale = stale;
	t->proposals = p->proposals;
	person_demand(c, p, t);
	if (p->nskills) {
		t->supply = dp_xcalloc(p->nskills, sizeof(*t->supply));
		memcpy(t->supply, p->skills, p->nskills * sizeof(*t->supply));
		t->nsupply = t->asupply = p->nskills;
	}
	memcpy(t->tenths, p->tenths, sizeof(t->tenths));
	memcpy(t->entries, p->entries, sizeof(t->entries));
	return 0;
}

/* Adds the current person to the counts, then forgets them. */
static int person_finish(struct collect *c)
{
	struct person *p = &c->cur;
	struct part t;
	int ret;

	if (!p->on)
		goto out;
	if ((ret = person_part(c, &t)) < 0)
		return ret;
	part_apply(c, &t);
	part_release(&t);
	c->lost = 1; /* counted, and nobody asked for their part */
out:
	person_clear(p);
	return 0;
}

static void on_profile(struct collect *c, const struct dp_ref *ref,
		       const struct dp_doc *doc)
{
	struct person *p = &c->cur;
	const char *team = dp_doc_str(doc, "team");
	const char *role = dp_doc_str(doc, "role");

	if (c->team && (!team || strcmp(team, c->team)))
		return;
	p->on = 1;
	memcpy(p->id, ref->person, sizeof(p->id));
	p->team = team ? dp_xstrdup(team) : NULL;
	p->role = role ? dp_xstrdup(role) : NULL;
}

static void on_goal(struct collect *c, const struct dp_doc *doc)
{
	const char *status = dp_doc_str(doc, "status");

	if (!status)
		return;
	if (!strcmp(status, "active"))
		c->cur.active = 1;
	else if (!strcmp(status, "proposed"))
		c->cur.proposals++;
}

static void on_career_map(struct collect *c, const struct dp_doc *doc)
{
	const struct dp_node *dirs = dp_doc_lookup(doc, "directions");
	const char *role = dp_doc_str(doc, "role");

	if (role) {
		free(c->cur.map_role);
		c->cur.map_role = dp_xstrdup(role);
	}
	for (size_t i = 0; dirs && dirs->type == DP_SEQ && i < dirs->n; i++) {
		const struct dp_node *t = dp_node_get(dirs->items[i], "type");
		const struct dp_node *r = dp_node_get(dirs->items[i], "role");

		if (t && t->type == DP_SCALAR && !strcmp(t->str, "up") && r &&
		    r->type == DP_SCALAR && dp_id_valid(r->str) &&
		    !dp_strlist_has(&c->cur.ups, r->str))
			dp_strlist_push(&c->cur.ups, r->str);
	}
}

static void on_skills(struct collect *c, const struct dp_doc *doc)
{
	const struct dp_node *comps = dp_doc_lookup(doc, "competencies");
	struct person *p = &c->cur;

	for (size_t i = 0; comps && comps->type == DP_MAP && i < comps->n;
	     i++) {
		long level = level_of(dp_node_get(comps->items[i], "level"));

		if (!level)
			continue;
		GROW(p->skills, p->nskills, p->askills);
		if (copy_id(p->skills[p->nskills].competency,
			    comps->keys[i]->str) < 0)
			continue;
		p->skills[p->nskills++].level = level;
	}
}

static void on_journal(struct collect *c, const struct dp_doc *doc)
{
	struct dp_journal j = { NULL, 0 };
	struct dp_date d;
	size_t len;
	const char *body = dp_doc_body(doc, &len);

	if (!body || dp_journal_parse(&j, body, len) < 0) {
		dp_error_clear();
		return;
	}
	for (size_t i = 0; i < j.n; i++) {
		long m;

		if (dp_date_parse(&d, j.items[i].date) < 0 ||
		    dp_date_to_days(&d) > c->today)
			continue;
		m = month_of(&d) - c->first_month;
		if (m < 0 || m >= DP_STATS_MONTHS)
			continue;
		c->cur.entries[m]++;
		if (j.items[i].tenths > 0)
			c->cur.tenths[m] += j.items[i].tenths;
	}
	dp_journal_release(&j);
}

static int on_record(const struct dp_ref *ref, const struct dp_doc *doc,
		     void *data)
{
	struct collect *c = data;
	int ret;

	if (!doc)
		return 0; /* unreadable: `devplan check` says why */
	if (ref->kind == DP_KIND_ROLE) {
		add_role(c, ref, doc);
		return 0;
	}
	if (!ref->person[0])
		return 0;
	levels_init(c);
	if (ref->kind == DP_KIND_PROFILE) {
		if ((ret = person_finish(c)) < 0)
			return ret;
		on_profile(c, ref, doc);
		return 0;
	}
	if (!c->cur.on || strcmp(c->cur.id, ref->person))
		return 0;
	switch (ref->kind) {
	case DP_KIND_GOAL:
		on_goal(c, doc);
		break;
	case DP_KIND_CAREER_MAP:
		on_career_map(c, doc);
		break;
	case DP_KIND_SKILLS:
		on_skills(c, doc);
		break;
	case DP_KIND_JOURNAL:
		on_journal(c, doc);
		break;
	default:
		break;
	}
	return 0;
}

/* ---- the figures ---- */

static int team_cmp(const void *pa, const void *pb)
{
	const struct dp_stats_team *a = pa, *b = pb;

	/* The summed small teams last, people without a team before. */
	if (!a->name != !b->name)
		return a->name ? -1 : 1;
	if (!a->name)
		return 0;
	if (!*a->name != !*b->name)
		return *a->name ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Sums the teams too small to show apart into one row (name NULL). */
static void teams_fold(struct dp_stats *out)
{
	struct dp_stats_team small;
	size_t kept = 0, folded = 0;

	memset(&small, 0, sizeof(small));
	for (size_t i = 0; i < out->nteams; i++) {
		struct dp_stats_team *t = &out->teams[i];

		if (t->people >= DP_STATS_MIN_TEAM) {
			out->teams[kept++] = *t;
			continue;
		}
		small.people += t->people;
		small.active += t->active;
		small.stale += t->stale;
		small.proposals += t->proposals;
		free(t->name);
		folded++;
	}
	out->nteams = kept;
	/* Summed, they are shown only when they are enough people too. */
	if (folded && small.people >= DP_STATS_MIN_TEAM)
		out->teams[out->nteams++] = small;
	if (out->nteams > 1)
		qsort(out->teams, out->nteams, sizeof(*out->teams), team_cmp);
	/* One row would only repeat the totals. */
	if (out->nteams == 1) {
		free(out->teams[0].name);
		out->nteams = 0;
	}
}

static void collect_init(struct collect *c, struct dp_stats *out,
			 struct dp_plan *plan, const char *team,
			 const struct dp_date *today, unsigned flags)
{
	memset(out, 0, sizeof(*out));
	memset(c, 0, sizeof(*c));
	dp_buf_init(&c->buf, 0);
	c->out = out;
	c->plan = plan;
	c->team = team;
	c->flags = flags;
	dp_date_format(out->today, today);
	out->team = team ? dp_xstrdup(team) : NULL;
	windows_init(c, today);
}

static void collect_release(struct collect *c)
{
	person_clear(&c->cur);
	for (size_t i = 0; i < c->nroles; i++) {
		dp_strlist_release(&c->roles[i].next);
		free(c->roles[i].reqs);
	}
	free(c->roles);
	dp_buf_release(&c->buf);
}

/* The last person, then the teams. */
static int collect_end(struct collect *c)
{
	int ret;

	levels_init(c);
	if ((ret = person_finish(c)) < 0)
		return ret;
	teams_fold(c->out);
	return 0;
}

int dp_stats_collect(struct dp_stats *out, struct dp_plan *plan,
		     const char *team, const struct dp_date *today,
		     unsigned flags)
{
	struct collect c;
	struct dp_walk w = { STATS_KINDS, NULL, NULL, on_record, NULL, &c };
	int ret;

	collect_init(&c, out, plan, team, today, flags);
	if (!(flags & DP_STATS_NO_HISTORY) && (ret = read_history(&c)) < 0)
		goto out;
	if ((ret = dp_plan_walk(plan, &w)) < 0 || (ret = collect_end(&c)) < 0)
		goto out;
	if (team && !out->people) {
		dp_error_set("no profile names team '%s'", team);
		ret = DP_ENOTFOUND;
	} else if (team && out->people < DP_STATS_MIN_TEAM) {
		dp_error_set("team '%s' has fewer than %d people: its figures "
			     "would be about individuals",
			     team, DP_STATS_MIN_TEAM);
		ret = DP_EDENIED;
	}
out:
	collect_release(&c);
	return ret;
}

/* ---- fed by another walk (the site), with parts kept in a cache ---- */

int dp_stats_feed_new(struct dp_stats_feed **out, struct dp_stats *stats,
		      struct dp_plan *plan, const struct dp_date *today,
		      unsigned flags)
{
	struct dp_stats_feed *f = dp_xcalloc(1, sizeof(*f));
	int ret = 0;

	collect_init(&f->c, stats, plan, NULL, today, flags);
	if (!(flags & DP_STATS_NO_HISTORY) && (ret = read_history(&f->c)) < 0) {
		dp_stats_feed_free(f);
		f = NULL;
	}
	*out = f;
	return ret;
}

/* A commit since the cached state: goals it made done, else unusual. */
static int on_new_commit(const struct dp_history_commit *cm,
			 const struct dp_history_file *files, size_t n,
			 void *data)
{
	struct collect *c = data;
	long day = commit_day(cm->time, cm->offset);
	struct dp_date d;

	/* It could move the stale date's commit or fall out of the window. */
	if (cm->parents > 1 || day <= c->today - DP_STATS_STALE_DAYS ||
	    day < c->quarters_start) {
		c->unusual = 1;
		return 1;
	}
	if (day > c->today)
		return 0;
	dp_date_from_days(&d, day);
	for (size_t i = 0; i < n; i++)
		count_done(c, &files[i], month_of(&d) / 3);
	return 0;
}

int dp_stats_feed_resume(struct dp_stats_feed **out, struct dp_stats *stats,
			 struct dp_plan *plan, const struct dp_date *today,
			 unsigned flags, const char *state)
{
	struct dp_stats_feed *f = dp_xcalloc(1, sizeof(*f));
	struct collect *c = &f->c;
	char head[41], base[41];
	unsigned long q[DP_STATS_QUARTERS];
	int history;

	*out = NULL;
	collect_init(c, stats, plan, NULL, today, flags);
	if (!state ||
	    sscanf(state, "%40s %40s %d %lu %lu %lu %lu", head, base, &history,
		   &q[0], &q[1], &q[2], &q[3]) != 7 ||
	    history != !(flags & DP_STATS_NO_HISTORY))
		goto fail;
	for (int i = 0; i < DP_STATS_QUARTERS; i++)
		stats->quarters[i].done = q[i];
	if (history) {
		stats->history = 1;
		if (strcmp(base, "-"))
			memcpy(c->base, base, sizeof(c->base));
		if (dp_history_head(dp_plan_store(plan), c->head) < 0) {
			dp_error_clear();
			goto fail;
		}
	}
	*out = f;
	return 0;
fail:
	dp_stats_feed_free(f);
	return 1;
}

int dp_stats_feed_commit(struct dp_stats_feed *f,
			 const struct dp_history_commit *cm,
			 const struct dp_history_file *files, size_t n)
{
	if (!f->c.out->history)
		return 0;
	on_new_commit(cm, files, n, &f->c);
	return f->c.unusual ? 1 : 0;
}

int dp_stats_feed_record(struct dp_stats_feed *f, const struct dp_ref *ref,
			 const struct dp_doc *doc)
{
	if ((unsigned)ref->kind >= 32 || !(STATS_KINDS & (1u << ref->kind)))
		return 0;
	return on_record(ref, doc, &f->c);
}

/* Escapes tabs, line ends and backslashes of `v` into `b`. */
static void part_esc(struct dp_buf *b, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\' || *v == '\t' || *v == '\n' || *v == '\r') {
			dp_buf_addch(b, '\\');
			dp_buf_addch(b, *v == '\t'   ? 't'
					: *v == '\n' ? 'n'
					: *v == '\r' ? 'r'
						     : '\\');
		} else {
			dp_buf_addch(b, *v);
		}
	}
}

static void reqs_text(struct dp_buf *b, const struct req *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dp_buf_addf(b, "%s%s:%ld", i ? "," : "", r[i].competency,
			    r[i].level);
	dp_buf_addch(b, '\t');
}

int dp_stats_feed_person(struct dp_stats_feed *f, const char *person,
			 struct dp_buf *part)
{
	struct collect *c = &f->c;
	struct part t;
	int ret;

	if (!c->cur.on || strcmp(c->cur.id, person))
		return 0;
	levels_init(c);
	if ((ret = person_part(c, &t)) < 0)
		return ret;
	part_apply(c, &t);
	dp_buf_adds(part, t.team ? "=" : "-");
	if (t.team)
		part_esc(part, t.team);
	dp_buf_addf(part, "\t%d\t%d\t%zu\t", t.active, t.stale, t.proposals);
	reqs_text(part, t.demand, t.ndemand);
	reqs_text(part, t.supply, t.nsupply);
	for (size_t m = 0, k = 0; m < DP_STATS_MONTHS; m++)
		if (t.entries[m] || t.tenths[m])
			dp_buf_addf(part, "%s%zu:%zu:%ld", k++ ? "," : "", m,
				    t.entries[m], t.tenths[m]);
	part_release(&t);
	person_clear(&c->cur);
	return 1;
}

/* Reads "comp:level,..." up to a tab into `*r`; -1 when malformed. */
static int reqs_parse(const char **pos, struct req **r, size_t *n,
		      size_t *alloc)
{
	const char *p = *pos;

	while (*p && *p != '\t') {
		const char *colon = strchr(p, ':');
		char *end;
		size_t len = colon ? (size_t)(colon - p) : 0;
		struct req q;

		if (!len || len > DP_ID_MAX)
			return -1;
		memset(&q, 0, sizeof(q));
		memcpy(q.competency, p, len);
		q.level = strtol(colon + 1, &end, 10);
		if (end == colon + 1 || !dp_id_valid(q.competency))
			return -1;
		GROW(*r, *n, *alloc);
		(*r)[(*n)++] = q;
		p = end;
		if (*p == ',')
			p++;
		else if (*p && *p != '\t')
			return -1;
	}
	if (*p != '\t')
		return -1;
	*pos = p + 1;
	return 0;
}

int dp_stats_feed_part(struct dp_stats_feed *f, const char *text)
{
	struct part t;
	const char *p = text;
	struct dp_buf team = DP_BUF_INIT;
	char *end;
	int ok = 0;

	memset(&t, 0, sizeof(t));
	if (*p != '=' && *p != '-')
		goto out;
	if (*p++ == '=') {
		for (; *p && *p != '\t'; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				dp_buf_addch(&team, *p == 't'   ? '\t'
						    : *p == 'n' ? '\n'
						    : *p == 'r' ? '\r'
								: *p);
			} else {
				dp_buf_addch(&team, *p);
			}
		}
		t.team = dp_xstrdup(team.len ? team.ptr : "");
	}
	if (sscanf(p, "\t%d\t%d\t%zu\t", &t.active, &t.stale, &t.proposals) !=
	    3)
		goto out;
	for (int tabs = 0; tabs < 4; p++)
		if (!*p)
			goto out;
		else if (*p == '\t')
			tabs++;
	if (reqs_parse(&p, &t.demand, &t.ndemand, &t.ademand) < 0 ||
	    reqs_parse(&p, &t.supply, &t.nsupply, &t.asupply) < 0)
		goto out;
	while (*p) {
		unsigned long m = strtoul(p, &end, 10);

		if (end == p || *end != ':' || m >= DP_STATS_MONTHS)
			goto out;
		p = end + 1;
		t.entries[m] = strtoul(p, &end, 10);
		if (end == p || *end != ':')
			goto out;
		p = end + 1;
		t.tenths[m] = strtol(p, &end, 10);
		if (end == p || (*end && *end != ','))
			goto out;
		p = *end ? end + 1 : end;
	}
	part_apply(&f->c, &t);
	ok = 1;
out:
	part_release(&t);
	dp_buf_release(&team);
	if (ok)
		return 0;
	dp_error_set("a cached part of the figures is malformed");
	return DP_EINVALID;
}

int dp_stats_feed_state(const struct dp_stats_feed *f, struct dp_buf *out)
{
	const struct collect *c = &f->c;
	const struct dp_stats *s = c->out;

	if (c->lost || (s->history && !c->head[0]))
		return -1;
	dp_buf_addf(out, "%s %s %d", s->history ? c->head : "-",
		    c->base[0] ? c->base : "-", s->history);
	for (int i = 0; i < DP_STATS_QUARTERS; i++)
		dp_buf_addf(out, " %zu", s->quarters[i].done);
	return 0;
}

int dp_stats_feed_finish(struct dp_stats_feed *f)
{
	int ret = collect_end(&f->c);

	return ret;
}

void dp_stats_feed_free(struct dp_stats_feed *f)
{
	if (!f)
		return;
	collect_release(&f->c);
	free(f);
}

void dp_stats_release(struct dp_stats *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nteams; i++)
		free(s->teams[i].name);
	free(s->teams);
	free(s->levels);
	free(s->team);
	memset(s, 0, sizeof(*s));
}

/* ---- JSON ---- */

static struct dp_json *share_json(size_t count, size_t total)
{
	struct dp_json *o = dp_json_object();

	dp_json_set(o, "count", dp_json_int((long long)count));
	dp_json_set(o, "of", dp_json_int((long long)total));
	dp_json_set(o, "share", dp_json_real(dp_stats_share(count, total)));
	return o;
}

struct dp_json *dp_stats_json(const struct dp_stats *s)
{
	struct dp_json *o = dp_json_object(), *a;

	dp_json_set(o, "schema", dp_json_int(DP_STATS_SCHEMA));
	dp_json_set(o, "today", dp_json_string(s->today));
	dp_json_set(o, "team", dp_json_string(s->team));
	dp_json_set(o, "history", dp_json_bool(s->history));
	dp_json_set(o, "people", dp_json_int((long long)s->people));
	dp_json_set(o, "active_plans", share_json(s->active, s->people));
	dp_json_set(o, "stale_days", dp_json_int(DP_STATS_STALE_DAYS));
	dp_json_set(o, "stale_plans",
		    s->history ? share_json(s->stale, s->active)
			       : dp_json_null());
	dp_json_set(o, "proposals_waiting",
		    dp_json_int((long long)s->proposals));
	a = s->history ? dp_json_array() : dp_json_null();
	for (size_t i = 0; s->history && i < DP_STATS_QUARTERS; i++) {
		struct dp_json *q = dp_json_object();

		dp_json_set(q, "quarter", dp_json_string(s->quarters[i].label));
		dp_json_set(q, "done",
			    dp_json_int((long long)s->quarters[i].done));
		dp_json_push(a, q);
	}
	dp_json_set(o, "goals_done", a);
	a = dp_json_array();
	for (size_t i = 0; i < DP_STATS_MONTHS; i++) {
		struct dp_json *m = dp_json_object();

		dp_json_set(m, "month", dp_json_string(s->months[i].label));
		dp_json_set(m, "hours",
			    dp_json_real((double)s->months[i].tenths / 10.0));
		dp_json_set(m, "entries",
			    dp_json_int((long long)s->months[i].entries));
		dp_json_push(a, m);
	}
	dp_json_set(o, "learning", a);
	a = dp_json_array();
	for (size_t i = 0; i < s->nteams; i++) {
		const struct dp_stats_team *t = &s->teams[i];
		struct dp_json *m = dp_json_object();

		dp_json_set(m, "team", dp_json_string(t->name));
		dp_json_set(m, "people", dp_json_int((long long)t->people));
		dp_json_set(m, "active_plans",
			    dp_json_int((long long)t->active));
		dp_json_set(m, "stale_plans",
			    s->history ? dp_json_int((long long)t->stale)
				       : dp_json_null());
		dp_json_set(m, "proposals_waiting",
			    dp_json_int((long long)t->proposals));
		dp_json_push(a, m);
	}
	dp_json_set(o, "teams", a);
	a = dp_json_array();
	for (size_t i = 0; i < s->nlevels; i++) {
		const struct dp_stats_level *l = &s->levels[i];
		struct dp_json *m = dp_json_object();

		dp_json_set(m, "competency", dp_json_string(l->competency));
		dp_json_set(m, "level", dp_json_int(l->level));
		dp_json_set(m, "demand", dp_json_int((long long)l->demand));
		dp_json_set(m, "supply", dp_json_int((long long)l->supply));
		dp_json_push(a, m);
	}
	dp_json_set(o, "competencies", a);
	return o;
}
