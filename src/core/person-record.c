/* SPDX-License-Identifier: MIT */
/* A person's single-file record, when there is one. */
#include "devplan/person-record.h"

#include "devplan/layout.h"
#include "devplan/store.h"
#include "devplan/banned.h"

int dp_person_record_load(struct dp_doc *out, struct dp_ref *ref,
			  struct dp_plan *plan, enum dp_kind kind,
			  const char *person)
{
	int ret;

	if ((ret = dp_layout_ref(ref, dp_plan_layout(plan), kind, person,
				 NULL)) < 0)
		return ret;
	if (!dp_store_exists(dp_plan_store(plan), ref->path))
		return 1;
	return dp_plan_load(plan, out, ref);
}
