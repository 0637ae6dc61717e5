/* SPDX-License-Identifier: MIT */
/* New roles and competencies: checked, built and committed. */
#include "devplan/framework.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/layout.h"
#include "devplan/record.h"
#include "devplan/slug.h"
#include "devplan/store.h"
#include "devplan/banned.h"

/* Splits "id=level" into the two parts, checking both. */
static int parse_require(const char *text, char **id_out,
			 const char **level_out)
{
	const char *eq = strchr(text, '=');
	long lv;

	if (!eq || eq == text) {
		dp_error_set("--require '%s': expected <competency>=<level>",
			     text);
		return DP_EUSAGE;
	}
	*id_out = dp_xstrndup(text, (size_t)(eq - text));
	*level_out = eq + 1;
	if (!dp_id_valid(*id_out)) {
		dp_error_set(
		    "--require '%s': '%s' is not a valid competency id", text,
		    *id_out);
		return DP_EINVALID;
	}
	if (dp_parse_long(eq + 1, 1, 10, &lv) < 0) {
		dp_error_set("--require '%s': level '%s' is not in 1..10", text,
			     eq + 1);
		return DP_EINVALID;
	}
	return 0;
}

static int id_check(const char *id, const char *what)
{
	if (dp_id_valid(id))
		return 0;
	dp_error_set("'%s' is not a valid %s id (use 1-64 of a-z, 0-9, '-' "
		     "and '_')",
		     id, what);
	return DP_EINVALID;
}

/* The role's fields into its template. */
static int role_fill(struct dp_doc *doc, const struct dp_role_new *r,
		     char **keys, struct dp_value *vals)
{
	size_t nreq = r->requires ? r->requires->len : 0;
	size_t nnext = r->next ? r->next->len : 0;
	struct dp_value *nextv = dp_xcalloc(nnext + 1, sizeof(*nextv));
	struct dp_value map = {
		DP_MAP, NULL, 0, nreq, (const char *const *)keys, vals
	};
	struct dp_value seq = { DP_SEQ, NULL, 0, nnext, NULL, nextv };
	int ret;

	for (size_t i = 0; i < nnext; i++)
		nextv[i] = DP_VTEXT(r->next->items[i]);
	if ((ret = dp_record_set_field(doc, DP_KIND_ROLE, "title", r->title)) <
		0 ||
	    (r->track && (ret = dp_record_set_field(doc, DP_KIND_ROLE, "track",
						    r->track)) < 0) ||
	    (r->level && (ret = dp_record_set_field(doc, DP_KIND_ROLE, "level",
						    r->level)) < 0) ||
	    (nreq && (ret = dp_doc_set(doc, "requires", &map)) < 0) ||
	    (nnext && (ret = dp_doc_set(doc, "next", &seq)) < 0))
		goto out;
	ret = 0;
out:
	free(nextv);
	return ret;
}

int dp_role_create(struct dp_ref *out, struct dp_plan *plan,
		   const struct dp_role_new *r, struct dp_findings *findings)
{
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	size_t nreq = r->requires ? r->requires->len : 0;
	char **keys = dp_xcalloc(nreq + 1, sizeof(*keys));
	struct dp_value *vals = dp_xcalloc(nreq + 1, sizeof(*vals));
	int ret, locked = 0;

	if ((ret = id_check(r->id, "role")) < 0)
		goto out;
	for (size_t i = 0; i < nreq; i++) {
		const char *lv;

		if ((ret = parse_require(r->requires->items[i], &keys[i],
					 &lv)) < 0)
			goto out;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(keys[j], keys[i])) {
				dp_error_set("--require names '%s' twice",
					     keys[i]);
				ret = DP_EINVALID;
				goto out;
			}
		vals[i] = DP_VTYPED(lv);
	}
	if ((ret = dp_layout_ref(out, dp_plan_layout(plan), DP_KIND_ROLE, NULL,
				 r->id)) < 0 ||
	    (ret = dp_plan_may(plan, DP_RIGHT_CREATE, out)) < 0 ||
	    (ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	if (dp_store_exists(dp_plan_store(plan), out->path)) {
		dp_error_set("role '%s' already exists (%s)", r->id, out->path);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = dp_plan_template(plan, &doc, out)) < 0 ||
	    (ret = role_fill(&doc, r, keys, vals)) < 0)
		goto out;
	dp_msg_subject_prefix(&msg, out);
	dp_msg_subjectf(&msg, ": add ");
	dp_msg_subject_title(&msg, r->title);
	ret = dp_plan_create(plan, out, &doc, &msg, DP_RIGHT_CREATE, findings);
out:
	if (locked)
		dp_plan_unlock(plan);
	for (size_t i = 0; i < nreq; i++)
		free(keys[i]);
	free(keys);
	free(vals);
	dp_doc_release(&doc);
	dp_msg_release(&msg);
	return ret;
}

struct new_comp {
	const struct dp_competency_new *c;
	const struct dp_value *item;
};

static int add_item(struct dp_plan *plan, const struct dp_ref *ref,
		    struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	struct new_comp *nc = data;
	struct dp_node *list = dp_node_get(doc->root, "competencies");

	(void)plan;
	(void)ref;
	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++) {
		const struct dp_node *idn = dp_node_get(list->items[i], "id");

		if (idn && idn->type == DP_SCALAR &&
		    !strcmp(idn->str, nc->c->id)) {
			dp_error_set("competency '%s' already exists (%s:%u)",
				     nc->c->id, DP_PATH_COMPETENCIES,
				     idn->line);
			return DP_EEXISTS;
		}
	}
	dp_msg_subjectf(msg, "competency(%s): add ", nc->c->id);
	dp_msg_subject_title(msg, nc->c->name);
	return dp_doc_append(doc, "competencies", nc->item);
}

/* "n=text" levels: their numbers (owned) into nums, texts into vals. */
static int parse_levels(char **nums, struct dp_value *vals,
			const struct dp_strlist *levels)
{
	for (size_t i = 0; levels && i < levels->len; i++) {
		const char *eq = strchr(levels->items[i], '=');
		long lv;

		nums[i] = dp_xstrndup(levels->items[i],
				      eq ? (size_t)(eq - levels->items[i]) : 0);
		if (!eq || dp_parse_long(nums[i], 1, 10, &lv) < 0 || !eq[1]) {
			dp_error_set("--level '%s': expected <n>=<text> with n "
				     "in 1..10",
				     levels->items[i]);
			return eq ? DP_EINVALID : DP_EUSAGE;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(nums[j], nums[i])) {
				dp_error_set("--level %s is given twice",
					     nums[i]);
				return DP_EINVALID;
			}
		vals[i] = DP_VTEXT(eq + 1);
	}
	return 0;
}

int dp_competency_create(struct dp_edit *e, struct dp_plan *plan,
			 const struct dp_competency_new *c)
{
	size_t nl = c->levels ? c->levels->len : 0, nk = 0;
	char **nums = dp_xcalloc(nl + 1, sizeof(*nums));
	struct dp_value *lvals = dp_xcalloc(nl + 1, sizeof(*lvals));
	const char *keys[5];
	struct dp_value vals[5], item;
	struct new_comp nc = { c, &item };
	int ret;

	if ((ret = id_check(c->id, "competency")) < 0 ||
	    (ret = parse_levels(nums, lvals, c->levels)) < 0)
		goto out;
	keys[nk] = "id";
	vals[nk++] = DP_VTEXT(c->id);
	keys[nk] = "name";
	vals[nk++] = DP_VTEXT(c->name);
	keys[nk] = "category";
	vals[nk++] = DP_VTEXT(c->category);
	if (c->description) {
		keys[nk] = "description";
		vals[nk++] = DP_VTEXT(c->description);
	}
	if (nl) {
		keys[nk] = "levels";
		vals[nk++] = (struct dp_value){
			DP_MAP, NULL, 0, nl, (const char *const *)nums, lvals
		};
	}
	item = (struct dp_value){ DP_MAP, NULL, 0, nk, keys, vals };
	if ((ret = dp_layout_ref(&e->ref, dp_plan_layout(plan),
				 DP_KIND_COMPETENCIES, NULL, NULL)) < 0)
		goto out;
	e->right = DP_RIGHT_WRITE;
	e->edit = add_item;
	e->data = &nc;
	ret = dp_plan_edit(plan, e);
	e->data = NULL;
out:
	for (size_t i = 0; i < nl; i++)
		free(nums[i]);
	free(nums);
	free(lvals);
	return ret;
}

int dp_competency_ids(struct dp_strlist *out, struct dp_plan *plan)
{
	struct dp_doc doc = DP_DOC_INIT;
	const struct dp_node *seq;
	struct dp_ref ref;
	int r;

	dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_COMPETENCIES, NULL,
		      NULL);
	if ((r = dp_plan_load(plan, &doc, &ref)) < 0)
		goto out;
	seq = dp_doc_lookup(&doc, "competencies");
	for (size_t i = 0; seq && seq->type == DP_SEQ && i < seq->n; i++) {
		const struct dp_node *id =
		    seq->items[i]->type == DP_MAP
			? dp_node_get(seq->items[i], "id")
			: NULL;

		if (id && id->type == DP_SCALAR)
			dp_strlist_push(out, id->str);
	}
out:
	dp_doc_release(&doc);
	return r;
}

int dp_role_ids(struct dp_strlist *out, struct dp_plan *plan)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	int r = dp_store_list(&names, dp_plan_store(plan), "framework/roles");

	for (size_t i = 0; r >= 0 && i < names.len; i++) {
		const char *n = names.items[i];
		size_t len = strlen(n);
		char *id;

		if (len <= 3 || strcmp(n + len - 3, ".md"))
			continue;
		id = dp_xstrndup(n, len - 3);
		dp_strlist_push(out, id);
		free(id);
	}
	dp_strlist_release(&names);
	return r < 0 ? r : 0;
}
