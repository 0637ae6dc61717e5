/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_JOURNAL_H
#define DEVPLAN_JOURNAL_H

#include <stddef.h>

#include "devplan/fm.h"
#include "devplan/json.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/plan.h"

/*
 * The learning journal (people/<p>/journal.md). Entries are sections of
 * the Markdown body, read with cmark-gfm, so a journal kept for years
 * never meets the front matter's size limit:
 *
 *   ## 2026-11-29
 *
 *   hours: 2 · goal: learn-rust
 *
 *   Read chapter 9 of the Rust book.
 *
 * Hours are kept in tenths (15 is 1.5 hours) to stay clear of floats.
 */
struct dp_journal_entry {
	char date[11];
	long tenths; /* -1: no hours given */
	char *goal;  /* NULL when none */
	char *text; /* the entry's text, its paragraphs joined by blank lines */
};

struct dp_journal {
	struct dp_journal_entry *items;
	size_t n;
};

/*
 * Reads the entries of a journal's body in the order written. Sections
 * whose heading is not a date are skipped. Release with
 * dp_journal_release.
 */
int dp_journal_parse(struct dp_journal *out, const char *body, size_t len);
void dp_journal_release(struct dp_journal *j);

/* Parses "2", "1.5", "0.25"-style hours (0..24, tenths) into `out`. */
int dp_journal_hours(long *out, const char *s);

/*
 * Appends an entry to the journal's body: `date` (YYYY-MM-DD), `text`
 * (lines starting with '#' are escaped so they never start a section),
 * optional goal slug and hours (tenths, -1 for none). Subject:
 * journal(alice): 2026-11-29 "Read chapter 9..." (2h).
 */
int dp_journal_add(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const char *date, const char *text,
		   const char *goal, long tenths);

/*
 * The journal of `person`, its entries by date; empty when the person
 * keeps none yet. Release with dp_journal_release.
 */
int dp_journal_read(struct dp_journal *out, struct dp_plan *plan,
		    const char *person);

/* Hours set aside for development in one month ("2026-11"). */
struct dp_journal_month {
	char month[8];
	long tenths;
};
/*
 * The months of `j` (entries by date) with their hours, in order, into
 * `out` (the caller frees it). Returns how many.
 */
size_t dp_journal_months(struct dp_journal_month **out,
			 const struct dp_journal *j);

/* The entries as a JSON array of {date, hours, goal, text}; caller frees. */
struct dp_json *dp_journal_json(const struct dp_journal *j);

/* An entry to add through the plan's edit transaction. */
struct dp_journal_new {
	const char *date, *text; /* date: YYYY-MM-DD */
	const char *goal;        /* the goal's slug, or NULL */
	long tenths;             /* -1: no hours */
	struct dp_ref goal_ref;
};
/*
 * Fills `out` for the entry `text` of `person`: `hours` ("1.5") checked,
 * `goal` (a slug or a unique start of one, of the person's goals)
 * resolved, `date` defaulting to `today`. NULL options are not given.
 */
int dp_journal_new_init(struct dp_journal_new *out, struct dp_plan *plan,
			const char *person, const char *text, const char *goal,
			const char *hours, const char *date, const char *today);
/* An edit callback (struct dp_edit): dp_journal_add of `data`. */
int dp_journal_edit_add(struct dp_plan *plan, const struct dp_ref *ref,
			struct dp_doc *doc, struct dp_msg *msg, void *data);

#endif
