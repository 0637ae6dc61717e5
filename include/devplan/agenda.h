/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_AGENDA_H
#define DEVPLAN_AGENDA_H

#include "devplan/buf.h"
#include "devplan/date.h"
#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/message.h"
#include "devplan/plan.h"

/*
 * The agenda of a 1:1 development conversation, drawn from the person's
 * plan and led by them: what they carry over from the last conversation,
 * what changed in their records since then and the comments on them,
 * proposals waiting for their answer, goals due or overdue, goals not
 * updated for long, their largest gaps, their career directions and a
 * couple of forward-looking questions. Talent development, not
 * performance management: nothing here rates anyone.
 */

enum dp_agenda_section {
	DP_AGENDA_CARRIED,   /* unchecked items of the last conversation */
	DP_AGENDA_RECENT,    /* changes and comments since then: not to-dos */
	DP_AGENDA_PROPOSALS, /* goals proposed to them, waiting */
	DP_AGENDA_DUE,       /* goals and actions due or overdue */
	DP_AGENDA_STALE,     /* goals not updated for long */
	DP_AGENDA_GAPS,      /* the largest gaps to their target roles */
	DP_AGENDA_CAREER,    /* career-map directions */
	DP_AGENDA_QUESTIONS, /* forward-looking questions */
	DP_AGENDA_SECTIONS
};

struct dp_agenda_item {
	enum dp_agenda_section section;
	char *text; /* owned; plain text, from records: untrusted */
	/* DP_AGENDA_RECENT only (else NULL / ""): */
	char *who;     /* owned: the author's name; "bob (manager)" for a
			* comment: its author's id and role */
	char when[11]; /* the day of the commit */
	char *record;  /* owned: the path of the record changed or commented */
};

struct dp_agenda {
	char person[DP_ID_MAX + 1];
	char date[11];
	char previous[DP_ID_MAX + 1]; /* the last conversation's name, or "" */
	/* DP_AGENDA_RECENT covers the commits of this day and later: the
	 * last conversation's date, else DP_AGENDA_RECENT_DAYS ago. */
	char since[11];
	size_t recent_more; /* changes left out past DP_AGENDA_RECENT_MAX */
	struct dp_agenda_item *items;
	size_t n, alloc;
};

/* Without an earlier conversation, the changes of this many days. */
#define DP_AGENDA_RECENT_DAYS 30
/* At most this many changes and comments: `devplan review` has them all. */
#define DP_AGENDA_RECENT_MAX 25

/* "Carried over", "Proposals waiting for me", ... */
const char *dp_agenda_section_title(enum dp_agenda_section s);

/*
 * Builds the agenda of `person` for `today` from their records (one
 * walk of them, the gap to their target roles, and the history of their
 * folder since `since` through dp_review_build: each commit's change to
 * a record in dp_delta_diff's words, with its author and day, and each
 * comment added, oldest first; the conversations themselves are left
 * out). Release with dp_agenda_release.
 */
int dp_agenda_build(struct dp_agenda *out, struct dp_plan *plan,
		    const char *person, const struct dp_date *today);
void dp_agenda_release(struct dp_agenda *a);

/* The number of items to talk about: every section but DP_AGENDA_RECENT. */
size_t dp_agenda_todo_count(const struct dp_agenda *a);

/*
 * Appends the DP_AGENDA_RECENT section as Markdown: a "## Recent changes
 * and comments" heading, the window, and one "- " line per change (facts,
 * not to-dos: no checkbox). Appends nothing when the agenda has none.
 */
void dp_agenda_recent_markdown(struct dp_buf *out, const struct dp_agenda *a);

/*
 * Fills a parsed conversation template with the agenda: its date, `with`
 * (the manager, or NULL), every item but the recent changes, unchecked,
 * and a body of the recent changes (dp_agenda_recent_markdown) followed
 * by `notes`. Writes the subject:
 * conversation(alice): agenda for 2026-11-22 (7 items).
 */
int dp_agenda_fill(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const struct dp_agenda *a,
		   const char *with, const char *notes);

/*
 * Records the agenda as the person's conversation of its date
 * (people/<p>/conversations/<date>.md): the template filled by
 * dp_agenda_fill, with the manager from the person's profile and `notes`,
 * committed with dp_plan_create (create right; findings to `findings`).
 * Fills `out` with where it is. Returns 0 or an error.
 */
int dp_agenda_save(struct dp_ref *out, struct dp_plan *plan,
		   const struct dp_agenda *a, const char *notes,
		   struct dp_findings *findings);

#endif
