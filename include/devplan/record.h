/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_RECORD_H
#define DEVPLAN_RECORD_H

#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"

/*
 * Record kinds, their fields, and validation. A record is a dp_doc plus
 * the knowledge of what its fields mean. No I/O here: references to other
 * records are checked through the callbacks in struct dp_refs.
 */
/* Goal statuses and types, NULL-terminated lists in their documented order. */
extern const char *const dp_goal_statuses[];
extern const char *const dp_goal_types[];
extern const char *const dp_competency_categories[];
extern const char *const dp_role_tracks[];
/* devplan.yaml's `layout`: where people's folders are (devplan/layout.h). */
extern const char *const dp_layouts[];
/* A career map's directions: up, lateral, explore. */
extern const char *const dp_direction_types[];
/* A SWOT's quadrants, as its keys: strengths, weaknesses, ... */
extern const char *const dp_swot_quadrants[];

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
 * Validates a parsed record `ref` names, adding findings with
 * line and column of the offending value: required fields present, dates
 * real (2027-02-30 is not one), status/type/category/track from their
 * lists, progress an integer 0..100, booleans true/false, levels 1..10,
 * references that exist, a proposed goal naming proposed-by, ids valid.
 * Unknown keys are allowed (kept, not reported).
 * Returns 0 if no error finding was added, else DP_EINVALID.
 */
int dp_record_validate(struct dp_findings *out, const struct dp_ref *ref,
		       const struct dp_doc *doc, const struct dp_refs *refs);

/*
 * dp_record_validate without looking references up: each reference to
 * another record ("person", "role" or "competency" `what`, its `id`, where
 * it is and the field it is in) goes to `defer` instead, in the order
 * validation meets it, for the caller to look up later. The finding it
 * would give when missing is "<field>: unknown <what> '<id>'" at line:col.
 * A cache of findings (check) keeps references so.
 */
typedef void dp_ref_defer_fn(const char *what, const char *id, unsigned line,
			     unsigned col, const char *field, void *data);
int dp_record_validate_deferred(struct dp_findings *out,
				const struct dp_ref *ref,
				const struct dp_doc *doc,
				dp_ref_defer_fn *defer, void *data);

/*
 * Sets field `field` (a dp_doc path such as "progress" or "actions[0].done")
 * of a record of `kind` from text the user typed, converting it for the
 * field's type: integers, booleans (true/false/yes/no), dates and list
 * fields ("a,b" -> [a, b]) are written typed, text is quoted as needed.
 * DP_EINVALID with a message such as "progress: '140' is not in 0..100" or
 * "due: '2027-02-30' is not a date" when the value does not fit; the doc is
 * then unchanged. A field the kind does not have is refused, with the
 * nearest known field suggested ("'stauts' is not a field of a goal; did
 * you mean 'status'?"), unless the record already has that key (a key
 * added by hand is kept and may be set, as text).
 */
int dp_record_set_field(struct dp_doc *doc, enum dp_kind kind,
			const char *field, const char *value);

/*
 * Sets each of the `n` "<field>=<value>" `assignments` (each has an '='
 * after at least one character) with dp_record_set_field, stopping at the
 * first error, and writes the commit subject of `devplan set` to `msg`:
 * "<prefix>[: <goal>]: set <field>=<value>, ...".
 */
int dp_record_set_fields(struct dp_doc *doc, struct dp_msg *msg,
			 const struct dp_ref *ref, char *const *assignments,
			 size_t n);

#endif
