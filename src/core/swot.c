/* SPDX-License-Identifier: MIT */
/* The SWOT: adding entries, removing them, reading the four quadrants. */
#include "devplan/swot.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/error.h"
#include "devplan/goal.h"
#include "devplan/item.h"
#include "devplan/person-record.h"
#include "devplan/banned.h"

static const char *const singulars[] = { "strength", "weakness", "opportunity",
					 "threat", NULL };

const char *dp_swot_quadrant(const char *name)
{
	for (size_t i = 0; name && dp_swot_quadrants[i]; i++)
		if (!strcasecmp(name, dp_swot_quadrants[i]) ||
		    !strcasecmp(name, singulars[i]))
			return dp_swot_quadrants[i];
	return NULL;
}

/* "strength", "weakness", ... for subjects. */
static void add_singular(struct dp_msg *msg, const char *quadrant)
{
	for (size_t i = 0; dp_swot_quadrants[i] && singulars[i]; i++)
		if (!strcmp(quadrant, dp_swot_quadrants[i]))
			dp_msg_subjectf(msg, "%s", singulars[i]);
}

int dp_swot_add(struct dp_doc *doc, struct dp_msg *msg,
		const struct dp_ref *ref, const char *quadrant,
		const char *text, const char *today)
{
	static const char *const keys[] = { "id", "text", "added" };
	const struct dp_node *list = dp_doc_lookup(doc, quadrant);
	struct dp_buf clean = DP_BUF_INIT;
	struct dp_value vals[3], item;
	char id[DP_ITEM_ID_LEN + 1];
	int ret;

	if ((ret = dp_title_clean(&clean, text, quadrant)) < 0)
		goto out;
	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++) {
		const struct dp_node *t = dp_node_get(list->items[i], "text");

		if (t && t->type == DP_SCALAR && !strcmp(t->str, clean.ptr)) {
			dp_error_set("'%s' is already among the %s", clean.ptr,
				     quadrant);
			ret = DP_EEXISTS;
			goto out;
		}
	}
	dp_item_id(id, clean.ptr, today, list);
	vals[0] = DP_VTEXT(id);
	vals[1] = DP_VTEXT(clean.ptr);
	vals[2] = DP_VTYPED(today);
	item = (struct dp_value){ DP_MAP, NULL, 0, 3, keys, vals };
	if ((ret = dp_doc_append(doc, quadrant, &item)) < 0)
		goto out;
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": add ");
	add_singular(msg, quadrant);
	dp_msg_subjectf(msg, " ");
	dp_msg_subject_title(msg, clean.ptr);
out:
	dp_buf_release(&clean);
	return ret;
}

int dp_swot_remove(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const char *quadrant,
		   const char *which)
{
	const struct dp_node *list = dp_doc_lookup(doc, quadrant);
	const struct dp_node *t;
	struct dp_buf path = DP_BUF_INIT;
	char *text = NULL;
	size_t idx;
	int ret;

	if ((ret = dp_item_find(&idx, list, "text", which, quadrant)) < 0)
		goto out;
	t = dp_node_get(list->items[idx], "text");
	text = dp_xstrdup(t && t->type == DP_SCALAR ? t->str : "");
	dp_buf_addf(&path, "%s[%zu]", quadrant, idx);
	if ((ret = dp_doc_remove(doc, path.ptr)) < 0)
		goto out;
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": remove ");
	add_singular(msg, quadrant);
	dp_msg_subjectf(msg, " ");
	dp_msg_subject_title(msg, text);
out:
	free(text);
	dp_buf_release(&path);
	return ret;
}

int dp_swot_quadrant_parse(const char **out, const char *name)
{
	if ((*out = dp_swot_quadrant(name)))
		return 0;
	dp_error_set("'%s' is not a quadrant: strength, weakness, opportunity "
		     "or threat",
		     name);
	return DP_EINVALID;
}

int dp_swot_edit(struct dp_plan *plan, const struct dp_ref *ref,
		 struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct dp_swot_change *c = data;

	(void)plan;
	if (c->remove)
		return dp_swot_remove(doc, msg, ref, c->quadrant, c->text);
	return dp_swot_add(doc, msg, ref, c->quadrant, c->text, c->today);
}

int dp_swot_read(struct dp_swot *out, struct dp_plan *plan, const char *person)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	int ret;

	memset(out, 0, sizeof(*out));
	for (size_t q = 0; q < 4; q++) {
		out->quadrant[q].key = dp_swot_quadrants[q];
		out->quadrant[q].empty = 1;
	}
	if ((ret = dp_person_record_load(&doc, &ref, plan, DP_KIND_SWOT,
					 person)) != 0)
		goto out;
	for (size_t q = 0; q < 4; q++) {
		const struct dp_node *list =
		    dp_doc_lookup(&doc, dp_swot_quadrants[q]);

		if (!list || list->type != DP_SEQ || !list->n)
			continue;
		out->quadrant[q].empty = 0;
		out->quadrant[q].items =
		    dp_xcalloc(list->n, sizeof(*out->quadrant[q].items));
		for (size_t i = 0; i < list->n; i++) {
			const struct dp_node *t =
			    dp_node_get(list->items[i], "text");
			struct dp_swot_entry *e;

			if (!t || t->type != DP_SCALAR)
				continue;
			e = &out->quadrant[q].items[out->quadrant[q].n++];
			e->number = i + 1;
			e->text = dp_xstrdup(t->str);
		}
	}
out:
	dp_doc_release(&doc);
	return ret;
}

void dp_swot_release(struct dp_swot *s)
{
	if (!s)
		return;
	for (size_t q = 0; q < 4; q++) {
		for (size_t i = 0; i < s->quadrant[q].n; i++)
			free(s->quadrant[q].items[i].text);
		free(s->quadrant[q].items);
		s->quadrant[q].items = NULL;
		s->quadrant[q].n = 0;
	}
}
