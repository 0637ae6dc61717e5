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
};
#define DP_RENDER_HISTORY_DEFAULT 5000
/* Points drawn per goal: its newest versions. */
#define DP_RENDER_CHART_POINTS 50

struct dp_render_stats {
	size_t pages;   /* HTML files written */
	size_t records; /* records read */
	size_t skipped; /* records that could not be read or rendered */
};

/*
 * Renders the plan into opts->outdir. Records that cannot be read, or
 * whose body is over the Markdown limits, are reported in `problems` as
 * warnings (the body is then shown as plain text) and the rest is
 * rendered. Returns 0, or an error (DP_EIO writing) with a message.
 */
int dp_render_site(struct dp_plan *plan, const struct dp_render_opts *opts,
		   struct dp_render_stats *out, struct dp_findings *problems);

#endif
