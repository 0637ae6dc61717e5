/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_RENDER_ORG_H
#define DEVPLAN_RENDER_ORG_H

#include "devplan/buf.h"
#include "devplan/date.h"
#include "devplan/plan.h"
#include "devplan/stats.h"

/*
 * The organisation page of the site (org.html): how the development
 * programme is doing, as `devplan stats` computes it (devplan/stats.h),
 * in tables and inline SVG bar charts whose numbers are also written
 * out. Figures only: no name, no link to anyone's page.
 *
 * Appends the page's content (what goes inside <main>) to `out`, at the
 * top of the site (links are relative to it). `history` 0 leaves out
 * the figures read from the history (the site was rendered without it).
 */
int dp_render_org(struct dp_buf *out, struct dp_plan *plan,
		  const struct dp_date *today, int history);
/* The same page's content from figures already collected. */
void dp_render_org_stats(struct dp_buf *out, const struct dp_stats *s);

#endif
