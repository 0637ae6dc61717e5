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
