/* SPDX-License-Identifier: MIT */
/* The career map: adding directions; role titles. */
#include "devplan/career.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/error.h"
#include "devplan/goal.h"
#include "devplan/item.h"
#include "devplan/layout.h"
#include "devplan/person-record.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

static int same_target(const struct dp_node *item, const char *type,
		       const char *key, const char *value)
{
	const struct dp_node *t = dp_node_get(item, "type");
	const struct dp_node *v = dp_node_get(item, key);

	return t && t->type == DP_SCALAR && !strcmp(t->str, type) && v &&
	       v->type == DP_SCALAR && !strcasecmp(v->str, value);
}

int dp_career_add(struct dp_doc *doc, struct dp_msg *msg,
		  const struct dp_ref *ref, const struct dp_direction_new *d,
		  const char *today, const struct dp_refs *refs)
{
	const char *keys[7];
	struct dp_value vals[7], item;
	struct dp_buf idea = DP_BUF_INIT, horizon = DP_BUF_INIT,
		      why = DP_BUF_INIT;
	const struct dp_node *dirs = dp_doc_lookup(doc, "directions");
	const char *key, *value;
	char id[DP_ITEM_ID_LEN + 1];
	size_t n = 0;
	int ret = DP_EINVALID, is_role;

	size_t k = 0;

	while (d->type && dp_direction_types[k] &&
	       strcmp(dp_direction_types[k], d->type))
		k++;
	if (!d->type || !dp_direction_types[k]) {
		dp_error_set("'%s' is not a direction: up, lateral or explore",
			     d->type ? d->type : "");
		goto out;
	}
	is_role = dp_id_valid(d->target) && refs && refs->role_exists &&
		  refs->role_exists(d->target, refs->data);
	if (is_role) {
		key = "role";
		value = d->target;
	} else {
		if ((ret = dp_title_clean(&idea, d->target, "idea")) < 0)
			goto out;
		key = "idea";
		value = idea.ptr;
		ret = DP_EINVALID;
	}
	for (size_t i = 0; dirs && dirs->type == DP_SEQ && i < dirs->n; i++)
		if (same_target(dirs->items[i], d->type, key, value)) {
			dp_error_set("'%s' is already a direction %s in '%s'",
				     value, d->type, ref->path);
			ret = DP_EEXISTS;
			goto out;
		}
	dp_item_id(id, value, today, dirs);
	keys[n] = "id";
	vals[n++] = DP_VTEXT(id);
	keys[n] = "type";
	vals[n++] = DP_VTEXT(d->type);
	keys[n] = key;
	vals[n++] = DP_VTEXT(value);
	if (d->horizon) {
		if ((ret = dp_title_clean(&horizon, d->horizon, "--horizon")) <
		    0)
			goto out;
		keys[n] = "horizon";
		vals[n++] = DP_VTEXT(horizon.ptr);
	}
	if (d->why) {
		if ((ret = dp_title_clean(&why, d->why, "--why")) < 0)
			goto out;
		keys[n] = "why";
		vals[n++] = DP_VTEXT(why.ptr);
	}
	keys[n] = "added";
	vals[n++] = DP_VTYPED(today);
	item = (struct dp_value){ DP_MAP, NULL, 0, n, keys, vals };
	if ((ret = dp_doc_append(doc, "directions", &item)) < 0)
		goto out;
	dp_msg_subject_prefix(msg, ref);
	dp_msg_subjectf(msg, ": add %s ", d->type);
	dp_msg_subject_title(msg, value);
out:
	dp_buf_release(&idea);
	dp_buf_release(&horizon);
	dp_buf_release(&why);
	return ret;
}

int dp_role_title(struct dp_buf *out, struct dp_plan *plan, const char *role)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	const char *title;

	if (!dp_id_valid(role) ||
	    dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_ROLE, NULL,
			  role) < 0 ||
	    !dp_store_exists(dp_plan_store(plan), ref.path) ||
	    dp_plan_load(plan, &doc, &ref) < 0) {
		dp_error_clear();
		return 0;
	}
	title = dp_doc_str(&doc, "title");
	if (title)
		dp_buf_adds(out, title);
	dp_doc_release(&doc);
	return 0;
}

int dp_career_edit_add(struct dp_plan *plan, const struct dp_ref *ref,
		       struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct dp_career_change *c = data;

	return dp_career_add(doc, msg, ref, &c->d, c->today,
			     dp_plan_refs(plan));
}

static const char *scalar(const struct dp_node *map, const char *key)
{
	const struct dp_node *n = dp_node_get(map, key);

	return n && n->type == DP_SCALAR && *n->str ? n->str : NULL;
}

/* The scalar entries of a list of barriers; 1 if it has any entry. */
static int barriers(struct dp_strlist *out, const struct dp_node *list)
{
	if (!list || list->type != DP_SEQ)
		return 0;
	for (size_t i = 0; i < list->n; i++)
		if (list->items[i]->type == DP_SCALAR)
			dp_strlist_push(out, list->items[i]->str);
	return list->n > 0;
}

int dp_career_view_load(struct dp_career_view *out, struct dp_plan *plan,
			const char *person)
{
	const struct dp_node *dirs;
	struct dp_ref ref;
	int ret;

	memset(out, 0, sizeof(*out));
	out->map = (struct dp_doc)DP_DOC_INIT;
	out->profile = (struct dp_doc)DP_DOC_INIT;
	out->internal = (struct dp_strlist)DP_STRLIST_INIT;
	out->external = (struct dp_strlist)DP_STRLIST_INIT;
	if ((ret = dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_PROFILE,
				 person, NULL)) < 0 ||
	    (ret = dp_plan_load(plan, &out->profile, &ref)) < 0 ||
	    (ret = dp_person_record_load(&out->map, &ref, plan,
					 DP_KIND_CAREER_MAP, person)) != 0)
		return ret;
	out->name = dp_doc_str(&out->profile, "name");
	if (!out->name)
		out->name = person;
	out->role = scalar(out->map.root, "role");
	if (!out->role)
		out->role = scalar(out->profile.root, "role");
	out->aspirations = scalar(out->map.root, "aspirations");
	out->buddy = scalar(out->map.root, "buddy");
	dirs = dp_doc_lookup(&out->map, "directions");
	if (dirs && dirs->type == DP_SEQ && dirs->n) {
		out->directions = dp_xcalloc(dirs->n, sizeof(*out->directions));
		for (size_t i = 0; i < dirs->n; i++) {
			struct dp_direction *d =
			    &out->directions[out->n_directions++];
			const struct dp_node *m = dirs->items[i];

			d->type = scalar(m, "type");
			d->role = scalar(m, "role");
			d->idea = scalar(m, "idea");
			d->horizon = scalar(m, "horizon");
			d->why = scalar(m, "why");
		}
	}
	out->barriers =
	    barriers(&out->internal,
		     dp_doc_lookup(&out->map, "barriers.internal")) |
	    barriers(&out->external,
		     dp_doc_lookup(&out->map, "barriers.external"));
	return 0;
}

void dp_career_view_release(struct dp_career_view *v)
{
	if (!v)
		return;
	dp_doc_release(&v->map);
	dp_doc_release(&v->profile);
	free(v->directions);
	v->directions = NULL;
	v->n_directions = 0;
	dp_strlist_release(&v->internal);
	dp_strlist_release(&v->external);
}
