/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_SWOT_H
#define DEVPLAN_SWOT_H

#include <stddef.h>

#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/plan.h"
#include "devplan/record.h"

/*
 * The SWOT (people/<p>/swot.md): four lists of short entries, the
 * quadrants of dp_swot_quadrants (strengths, weaknesses, opportunities,
 * threats). What can happen to it, and what showing it needs.
 */

/* "strength" or "strengths" (any case) -> "strengths"; NULL if neither. */
const char *dp_swot_quadrant(const char *name);
/* The same, or DP_EINVALID with a message naming the four. */
int dp_swot_quadrant_parse(const char **out, const char *name);

/* Appends an entry to `quadrant` (a key from dp_swot_quadrant). */
int dp_swot_add(struct dp_doc *doc, struct dp_msg *msg,
		const struct dp_ref *ref, const char *quadrant,
		const char *text, const char *today);

/* Removes the entry `which` names: its number (from 1), id or text start. */
int dp_swot_remove(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const char *quadrant,
		   const char *which);

/* A change to make through the plan's edit transaction (dp_swot_edit). */
struct dp_swot_change {
	int remove;           /* 0: add `text`; 1: remove the entry `text` */
	const char *quadrant; /* from dp_swot_quadrant */
	const char *text;
	char today[11]; /* YYYY-MM-DD: the date of an entry added */
};
/* An edit callback (struct dp_edit) doing the dp_swot_change `data`. */
int dp_swot_edit(struct dp_plan *plan, const struct dp_ref *ref,
		 struct dp_doc *doc, struct dp_msg *msg, void *data);

/* An entry as shown: its number (from 1) and its text. */
struct dp_swot_entry {
	size_t number;
	char *text;
};

/* The four quadrants, in the order of dp_swot_quadrants. */
struct dp_swot {
	struct {
		const char *key;             /* "strengths" */
		struct dp_swot_entry *items; /* entries with a text */
		size_t n;
		int empty; /* no entry at all (not even one without text) */
	} quadrant[4];
};

/*
 * Reads the SWOT of `person` into `out` (release it with
 * dp_swot_release). Returns 0, 1 when the person has none yet (`out`
 * empty), or an error.
 */
int dp_swot_read(struct dp_swot *out, struct dp_plan *plan, const char *person);
void dp_swot_release(struct dp_swot *s);

#endif
