/* SPDX-License-Identifier: MIT */
/* People's profiles: a new person, checked, built and committed. */
#include "devplan/person.h"

#include <stdlib.h>

#include "devplan/error.h"
#include "devplan/layout.h"
#include "devplan/message.h"
#include "devplan/record.h"
#include "devplan/slug.h"
#include "devplan/store.h"
#include "devplan/banned.h"

/* The given fields into the profile's template. */
static int person_fill(struct dp_doc *doc, const struct dp_person_new *p)
{
	static const char *const fields[] = { "name",    "email",  "role",
					      "manager", "mentor", "team" };
	const char *values[DP_ARRAY_SIZE(fields)];
	int ret;

	values[0] = p->name;
	values[1] = p->email;
	values[2] = p->role;
	values[3] = p->manager;
	values[4] = p->mentor;
	values[5] = p->team;
	for (size_t i = 0; i < DP_ARRAY_SIZE(fields); i++) {
		if (!values[i])
			continue;
		ret = dp_record_set_field(doc, DP_KIND_PROFILE, fields[i],
					  values[i]);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int dp_person_create(struct dp_ref *out, struct dp_plan *plan,
		     const struct dp_person_new *p,
		     struct dp_findings *findings)
{
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	int ret, locked = 0;

	if (!dp_id_valid(p->id)) {
		dp_error_set("'%s' is not a valid person id (use 1-64 of "
			     "a-z, 0-9, '-' and '_')",
			     p->id);
		return DP_EINVALID;
	}
	if ((ret = dp_layout_ref(out, dp_plan_layout(plan), DP_KIND_PROFILE,
				 p->id, NULL)) < 0 ||
	    (ret = dp_plan_may(plan, DP_RIGHT_CREATE, out)) < 0 ||
	    (ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	if (dp_store_exists(dp_plan_store(plan), out->path)) {
		dp_error_set("person '%s' already exists (%s)", p->id,
			     out->path);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = dp_plan_template(plan, &doc, out)) < 0 ||
	    (ret = person_fill(&doc, p)) < 0)
		goto out;
	dp_msg_subject_prefix(&msg, out);
	dp_msg_subjectf(&msg, ": add ");
	dp_msg_subject_title(&msg, p->name);
	ret = dp_plan_create(plan, out, &doc, &msg, DP_RIGHT_CREATE, findings);
out:
	if (locked)
		dp_plan_unlock(plan);
	dp_doc_release(&doc);
	dp_msg_release(&msg);
	return ret;
}

char *dp_person_manager(struct dp_plan *plan, const char *person)
{
	struct dp_ref ref;
	struct dp_doc doc = DP_DOC_INIT;
	const char *m;
	char *ret = NULL;

	if (dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_PROFILE, person,
			  NULL) < 0 ||
	    dp_plan_load(plan, &doc, &ref) < 0)
		return NULL;
	m = dp_doc_str(&doc, "manager");
	if (m && *m)
		ret = dp_xstrdup(m);
	dp_doc_release(&doc);
	return ret;
}
