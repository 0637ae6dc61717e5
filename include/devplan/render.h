/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_RENDER_H
#define DEVPLAN_RENDER_H

#include <stddef.h>

#include "devplan/error.h"
#include "devplan/plan.h"

/*
 * The static site (`devplan render`): plain HTML and inline SVG, no
 * script, relative links only, the same bytes for the same commit.
 *
 *   index.html                       people by team and manager
 *   style.css                        templates/style.css or the override
 *   people/<id>/index.html           a person: one section per record kind
 *   people/<id>/goals/<slug>.html    a goal, with its progress over time
 *   framework/competencies.html      competencies by category, levels
 *   framework/roles.html             roles, what they require, next roles
 *   framework/lattice.html           the career lattice as a graph
 *
 * Incremental: the render keeps what it knew in
 * .git/devplan/render-cache-<hash of the folder> (the commit rendered,
 * "today", the people: what the index and links show, the goal pages
 * written, whom each person's pages name). The next render into the
 * same folder, when only people's records changed in new commits on top
 * of that one, renders the pages of the people those commits touched, of
 * the people whose pages name someone renamed, added or removed, and
 * the index; removes the pages of deleted goals and people; and writes
 * only files whose bytes changed. Anything else (a framework or
 * devplan.yaml change, another day, rewritten history, a history longer
 * than history_commits, over 256 people changed, edits not committed in
 * the records of someone to render again, a last render that saw edits)
 * renders everything, still writing only changed files. Either way the
 * folder ends up byte for byte what a full render of the commit into an
 * empty folder writes. A plain render renders commits: edits not
 * committed elsewhere are seen by a full render only (opts->full).
 *
 * "Today" (for overdue marks) is DEVPLAN_TODAY when set, else the date
 * of HEAD's commit: never the clock. Every value from a record is
 * escaped for its context (devplan/html.h) and bodies go through the
 * Markdown module's limits and link rules.
 */
struct dp_render_opts {
	const char *outdir; /* created when missing */
	/*
	 * Commits read from HEAD for progress over time and "last update"
	 * (0: the history is not read).
	 */
	size_t history_commits;
	/* 1: render every page, whatever the cache says (--full) */
	int full;
};
#define DP_RENDER_HISTORY_DEFAULT 5000
/* Points drawn per goal: its newest versions. */
#define DP_RENDER_CHART_POINTS 50

struct dp_render_stats {
	size_t pages;    /* HTML pages rendered */
	size_t written;  /* files written (their bytes changed) */
	size_t removed;  /* pages removed (deleted goals, people) */
	size_t records;  /* records read */
	size_t skipped;  /* records that could not be read or rendered */
	int incremental; /* 1: only what changed was rendered */
};

/*
 * Renders the plan into opts->outdir. Records that cannot be read, or
 * whose body is over the Markdown limits, are reported in `problems` as
 * warnings (the body is then shown as plain text) and the rest is
 * rendered. Returns 0, or an error (DP_EIO writing) with a message.
 */
int dp_render_site(struct dp_plan *plan, const struct dp_render_opts *opts,
		   struct dp_render_stats *out, struct dp_findings *problems);

/*
 * Appends the HTML that `len` bytes of `text`, read as the record at
 * `path` ("people/alice/goals/x.md", flat layout), get on the site: its
 * section of the person's page and, for a goal, its own page; for the
 * framework, its page or section. Without a plan: names are not
 * resolved, no history, no comments, today is 2026-01-01. For tests and
 * the fuzz target. DP_EINVALID when the path is not a record's or the
 * text does not parse (nothing appended).
 */
int dp_render_record(struct dp_buf *out, const char *path, const char *text,
		     size_t len);

#endif
