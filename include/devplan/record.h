/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_RECORD_H
#define DEVPLAN_RECORD_H

#include "devplan/error.h"
#include "devplan/fm.h"

/*
 * Record kinds, their fields, and validation. A record is a dp_doc plus
 * the knowledge of what its fields mean. No I/O here: references to other
 * records are checked through the callbacks in struct dp_refs.
 */
enum dp_kind {
	DP_KIND_UNKNOWN = 0,
	DP_KIND_CONFIG,       /* devplan.yaml */
	DP_KIND_COMPETENCIES, /* framework/competencies.yaml */
	DP_KIND_ROLE,         /* framework/roles/<role>.md */
	DP_KIND_PROFILE,      /* people/<p>/profile.md */
	DP_KIND_GOAL,         /* people/<p>/goals/<slug>.md */
};

/*
 * The kind a repository-relative path names, from its place in the layout
 * (people/<g>/<p>/... when dp_layout_grouped()).
 */
enum dp_kind dp_kind_from_path(const char *path);
/* "goal", "profile", "role", "competencies", "config", "record". */
const char *dp_kind_name(enum dp_kind kind);
/* DP_DOC_YAML for config and competencies, else DP_DOC_FRONT_MATTER. */
enum dp_doc_mode dp_kind_mode(enum dp_kind kind);

/* Goal statuses and types, NULL-terminated lists in their documented order. */
extern const char *const dp_goal_statuses[];
extern const char *const dp_goal_types[];
extern const char *const dp_competency_categories[];
extern const char *const dp_role_tracks[];
/* devplan.yaml's `layout`: where people's folders are (devplan/layout.h). */
extern const char *const dp_layouts[];

/*
 * Lookups validation needs, each returning 1 if the thing exists. Any of
 * them may be NULL: that kind of reference is then not checked.
 */
struct dp_refs {
	int (*person_exists)(const char *id, void *data);
	int (*role_exists)(const char *id, void *data);
	int (*competency_exists)(const char *id, void *data);
	void *data;
};

/*
 * Validates a parsed record of `kind` at `path`, adding findings with
 * line and column of the offending value: required fields present, dates
 * real (2027-02-30 is not one), status/type/category/track from their
 * lists, progress an integer 0..100, booleans true/false, levels 1..10,
 * references that exist, a proposed goal naming proposed-by, ids valid.
 * Unknown keys are allowed (kept, not reported).
 * Returns 0 if no error finding was added, else DP_EINVALID.
 */
int dp_record_validate(struct dp_findings *out, const char *path,
		       const struct dp_doc *doc, enum dp_kind kind,
		       const struct dp_refs *refs);

/*
 * Sets field `field` (a dp_doc path such as "progress" or "actions[0].done")
 * of a record of `kind` from text the user typed, converting it for the
 * field's type: integers, booleans (true/false/yes/no), dates and list
 * fields ("a,b" -> [a, b]) are written typed, text is quoted as needed.
 * DP_EINVALID with a message such as "progress: '140' is not in 0..100" or
 * "due: '2027-02-30' is not a date" when the value does not fit; the doc is
 * then unchanged. Unknown fields are set as text.
 */
int dp_record_set_field(struct dp_doc *doc, enum dp_kind kind,
			const char *field, const char *value);

#endif
