/* SPDX-License-Identifier: MIT */
/* Self-assessment and the skills gap to a role. */
#include "devplan/skills.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

int dp_assessment_parse(struct dp_assessment *out, const char *arg)
{
	const char *eq = strchr(arg, '='), *slash;
	char *id = NULL, *lvl = NULL;
	int ret = DP_EINVALID;

	memset(out, 0, sizeof(*out));
	if (!eq) {
		dp_error_set("'%s': expected <competency>=<level>[/<target>]",
			     arg);
		goto out;
	}
	id = dp_xstrndup(arg, (size_t)(eq - arg));
	if (!dp_id_valid(id)) {
		dp_error_set("'%s' is not a valid competency id", id);
		goto out;
	}
	slash = strchr(eq + 1, '/');
	lvl = slash ? dp_xstrndup(eq + 1, (size_t)(slash - eq - 1))
		    : dp_xstrdup(eq + 1);
	if (dp_parse_long(lvl, 1, 10, &out->level) < 0) {
		dp_error_set("%s: level '%s' is not a whole number in 1..10",
			     id, lvl);
		goto out;
	}
	if (slash && dp_parse_long(slash + 1, 1, 10, &out->target) < 0) {
		dp_error_set("%s: target '%s' is not a whole number in 1..10",
			     id, slash + 1);
		goto out;
	}
	memcpy(out->competency, id, strlen(id) + 1);
	ret = 0;
out:
	free(id);
	free(lvl);
	return ret;
}

static int set_number(struct dp_doc *doc, const char *path, long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%ld", v);
	return dp_doc_set_typed(doc, path, num);
}

/* Adds competencies.<id> as a new mapping entry. */
static int add_assessment(struct dp_doc *doc, const struct dp_assessment *a,
			  const char *today)
{
	const char *keys[3] = { "level", "target", "date" };
	char lvl[24], tgt[24];
	struct dp_value vals[3], item;
	struct dp_buf path = DP_BUF_INIT;
	const struct dp_node *table = dp_doc_lookup(doc, "competencies");
	size_t n = 0;
	int ret;

	snprintf(lvl, sizeof(lvl), "%ld", a->level);
	snprintf(tgt, sizeof(tgt), "%ld", a->target);
	vals[n++] = DP_VTYPED(lvl);
	if (a->target)
		vals[n++] = DP_VTYPED(tgt);
	else
		keys[1] = "date";
	vals[n++] = DP_VTYPED(today);
	item = (struct dp_value){ DP_MAP, NULL, 0, n, keys, vals };
	if (!table || table->type != DP_MAP || !table->n) {
		/* The first one: the whole table, in block style. */
		const char *const k[] = { a->competency };
		struct dp_value tv = { DP_MAP, NULL, 0, 1, k, &item };

		ret = dp_doc_set(doc, "competencies", &tv);
	} else {
		dp_buf_addf(&path, "competencies.%s", a->competency);
		ret = dp_doc_set(doc, path.ptr, &item);
	}
	dp_buf_release(&path);
	return ret;
}

int dp_skills_assess(struct dp_doc *doc, struct dp_msg *msg,
		     const struct dp_ref *ref, const struct dp_assessment *a,
		     size_t n, const char *today, const struct dp_refs *refs)
{
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": assess ");
	for (size_t i = 0; i < n && ret == 0; i++) {
		const char *id = a[i].competency;
		long old = dp_skills_level(doc, id);

		if (refs && refs->competency_exists &&
		    !refs->competency_exists(id, refs->data)) {
			dp_error_set("unknown competency '%s' (see "
				     "framework/competencies.yaml)",
				     id);
			ret = DP_ENOTFOUND;
			break;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(a[j].competency, id)) {
				dp_error_set("'%s' is assessed twice", id);
				ret = DP_EINVALID;
			}
		if (ret < 0)
			break;
		dp_msg_subjectf(msg, "%s%s ", i ? ", " : "", id);
		if (old && old != a[i].level)
			dp_msg_subjectf(msg, "%ld -> ", old);
		dp_msg_subjectf(msg, "%ld", a[i].level);
		if (a[i].target)
			dp_msg_subjectf(msg, " (target %ld)", a[i].target);
		dp_buf_reset(&path);
		dp_buf_addf(&path, "competencies.%s", id);
		if (!dp_doc_lookup(doc, path.ptr)) {
			ret = add_assessment(doc, &a[i], today);
			continue;
		}
		dp_buf_addf(&path, ".level");
		ret = set_number(doc, path.ptr, a[i].level);
		if (ret == 0 && a[i].target) {
			dp_buf_reset(&path);
			dp_buf_addf(&path, "competencies.%s.target", id);
			ret = set_number(doc, path.ptr, a[i].target);
		}
		if (ret == 0) {
			dp_buf_reset(&path);
			dp_buf_addf(&path, "competencies.%s.date", id);
			ret = dp_doc_set_typed(doc, path.ptr, today);
		}
	}
	dp_buf_release(&path);
	return ret;
}

static long level_of(const struct dp_node *n)
{
	long v;

	if (!n || n->type != DP_SCALAR || dp_parse_long(n->str, 1, 10, &v) < 0)
		return 0;
	return v;
}

long dp_skills_level(const struct dp_doc *skills, const char *competency)
{
	const struct dp_node *t =
	    skills ? dp_doc_lookup(skills, "competencies") : NULL;

	return level_of(dp_node_get(dp_node_get(t, competency), "level"));
}

static long target_of(const struct dp_doc *skills, const char *competency)
{
	const struct dp_node *t =
	    skills ? dp_doc_lookup(skills, "competencies") : NULL;

	return level_of(dp_node_get(dp_node_get(t, competency), "target"));
}

/* Loads `person`'s record of `kind` into `doc`: 1, 0 when absent, or < 0. */
static int load_person(struct dp_doc *doc, struct dp_plan *plan,
		       enum dp_kind kind, const char *person)
{
	struct dp_ref ref;
	int ret;

	if ((ret = dp_layout_ref(&ref, dp_plan_layout(plan), kind, person,
				 NULL)) < 0)
		return ret;
	if (!dp_store_exists(dp_plan_store(plan), ref.path))
		return 0;
	ret = dp_plan_load(plan, doc, &ref);
	return ret < 0 ? ret : 1;
}

static int load_role(struct dp_doc *doc, struct dp_plan *plan, const char *role)
{
	struct dp_ref ref;
	int ret;

	if ((ret = dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_ROLE, NULL,
				 role)) < 0)
		return ret;
	if (!dp_store_exists(dp_plan_store(plan), ref.path)) {
		dp_error_set("unknown role '%s' (no %s)", role, ref.path);
		return DP_ENOTFOUND;
	}
	return dp_plan_load(plan, doc, &ref);
}

int dp_gap_targets(struct dp_strlist *out, struct dp_plan *plan,
		   const char *person, const char *role)
{
	struct dp_doc map = DP_DOC_INIT, prof = DP_DOC_INIT, cur = DP_DOC_INIT;
	const struct dp_node *dirs, *next;
	const char *current = NULL;
	int ret;

	if (role) {
		dp_strlist_push(out, role);
		return 0;
	}
	if ((ret = load_person(&map, plan, DP_KIND_CAREER_MAP, person)) < 0)
		goto out;
	dirs = ret ? dp_doc_lookup(&map, "directions") : NULL;
	for (size_t i = 0; dirs && dirs->type == DP_SEQ && i < dirs->n; i++) {
		const char *t = dp_node_get(dirs->items[i], "type")
				    ? dp_node_get(dirs->items[i], "type")->str
				    : NULL;
		const struct dp_node *r = dp_node_get(dirs->items[i], "role");

		if (t && !strcmp(t, "up") && r && r->type == DP_SCALAR &&
		    dp_id_valid(r->str) && !dp_strlist_has(out, r->str))
			dp_strlist_push(out, r->str);
	}
	ret = 0;
	if (out->len)
		goto out;
	current = dp_doc_str(&map, "role");
	if (!current || !*current) {
		if ((ret = load_person(&prof, plan, DP_KIND_PROFILE, person)) <
		    0)
			goto out;
		current = dp_doc_str(&prof, "role");
	}
	ret = DP_ENOTFOUND;
	if (!current || !*current) {
		dp_error_set("%s has no role and no 'up' direction in their "
			     "career map: give --role <role>",
			     person);
		goto out;
	}
	if ((ret = load_role(&cur, plan, current)) < 0)
		goto out;
	next = dp_doc_lookup(&cur, "next");
	for (size_t i = 0; next && next->type == DP_SEQ && i < next->n; i++)
		if (next->items[i]->type == DP_SCALAR &&
		    dp_id_valid(next->items[i]->str))
			dp_strlist_push(out, next->items[i]->str);
	ret = 0;
	if (!out->len) {
		dp_error_set("role '%s' names no next role and %s's career "
			     "map no 'up' direction: give --role <role>",
			     current, person);
		ret = DP_ENOTFOUND;
	}
out:
	dp_doc_release(&map);
	dp_doc_release(&prof);
	dp_doc_release(&cur);
	return ret;
}

/* Largest gap first, then unknown, then met; ties by competency. */
static int rank(const struct dp_gap_row *r)
{
	return r->level && r->gap > 0 ? 0 : !r->level ? 1 : 2;
}

static int row_cmp(const void *pa, const void *pb)
{
	const struct dp_gap_row *a = pa, *b = pb;
	int ra = rank(a), rb = rank(b);

	if (ra != rb)
		return ra - rb;
	if (ra == 0 && a->gap != b->gap)
		return a->gap > b->gap ? -1 : 1;
	if (a->required != b->required)
		return a->required > b->required ? -1 : 1;
	return strcmp(a->competency, b->competency);
}

int dp_gap_compute(struct dp_gap *out, struct dp_plan *plan, const char *person,
		   const char *role)
{
	struct dp_doc rdoc = DP_DOC_INIT, skills = DP_DOC_INIT;
	const struct dp_node *req;
	const char *title;
	int ret, have;

	memset(out, 0, sizeof(*out));
	if (!dp_id_valid(role)) {
		dp_error_set("'%s' is not a valid role id", role);
		return DP_EINVALID;
	}
	memcpy(out->role, role, strlen(role) + 1);
	if ((ret = load_role(&rdoc, plan, role)) < 0)
		goto out;
	if ((have = load_person(&skills, plan, DP_KIND_SKILLS, person)) < 0) {
		ret = have;
		goto out;
	}
	title = dp_doc_str(&rdoc, "title");
	out->title = title ? dp_xstrdup(title) : NULL;
	req = dp_doc_lookup(&rdoc, "requires");
	if (req && req->type == DP_MAP && req->n) {
		out->rows = dp_xcalloc(req->n, sizeof(*out->rows));
		for (size_t i = 0; i < req->n; i++) {
			struct dp_gap_row *r = &out->rows[out->n];
			const char *id = req->keys[i]->str;

			if (!dp_id_valid(id) || !level_of(req->items[i]))
				continue;
			memcpy(r->competency, id, strlen(id) + 1);
			r->required = level_of(req->items[i]);
			r->level = have ? dp_skills_level(&skills, id) : 0;
			r->target = have ? target_of(&skills, id) : 0;
			r->gap = r->level ? r->required - r->level : 0;
			out->n++;
		}
		qsort(out->rows, out->n, sizeof(*out->rows), row_cmp);
	}
	ret = 0;
out:
	dp_doc_release(&rdoc);
	dp_doc_release(&skills);
	return ret;
}

void dp_gap_release(struct dp_gap *g)
{
	if (!g)
		return;
	free(g->title);
	free(g->rows);
	memset(g, 0, sizeof(*g));
}
