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
 * proposals waiting for their answer, goals due or overdue, goals not
 * updated for long, their largest gaps, their career directions and a
 * couple of forward-looking questions. Talent development, not
 * performance management: nothing here rates anyone.
 */

enum dp_agenda_section {
	DP_AGENDA_CARRIED,   /* unchecked items of the last conversation */
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
};

struct dp_agenda {
	char person[DP_ID_MAX + 1];
	char date[11];
	char previous[DP_ID_MAX + 1]; /* the last conversation's name, or "" */
	struct dp_agenda_item *items;
	size_t n, alloc;
};

/* "Carried over", "Proposals waiting for me", ... */
const char *dp_agenda_section_title(enum dp_agenda_section s);

/*
 * Builds the agenda of `person` for `today` from their records (one
 * walk of them, and the gap to their target roles). Release with
 * dp_agenda_release.
 */
int dp_agenda_build(struct dp_agenda *out, struct dp_plan *plan,
		    const char *person, const struct dp_date *today);
void dp_agenda_release(struct dp_agenda *a);

/*
 * Fills a parsed conversation template with the agenda: its date, `with`
 * (the manager, or NULL) and every item, unchecked. Writes the subject:
 * conversation(alice): agenda for 2026-11-22 (7 items).
 */
int dp_agenda_fill(struct dp_doc *doc, struct dp_msg *msg,
		   const struct dp_ref *ref, const struct dp_agenda *a,
		   const char *with);

#endif
