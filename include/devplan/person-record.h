/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_PERSON_RECORD_H
#define DEVPLAN_PERSON_RECORD_H

#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/plan.h"

/*
 * The single-file record of `kind` of `person` (career map, SWOT,
 * skills, journal): fills `ref` with where it is and, when it exists,
 * loads it into `out` (release it with dp_doc_release either way).
 * Returns 0 when loaded, 1 when the person has none yet, or an error.
 */
int dp_person_record_load(struct dp_doc *out, struct dp_ref *ref,
			  struct dp_plan *plan, enum dp_kind kind,
			  const char *person);

#endif
