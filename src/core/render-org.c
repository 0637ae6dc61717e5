/* SPDX-License-Identifier: MIT */
/*
 * The organisation page (org.html): dp_stats as tables and bar charts,
 * in the site's stylesheet. Every chart has a title and a caption, and
 * its numbers are written beside it: nothing is told by colour alone.
 */
#include <string.h>

#include "devplan/html.h"
#include "devplan/render-org.h"
#include "devplan/stats.h"
#include "devplan/banned.h"

/* "75.0% of people"; nothing when `total` is 0. */
static void share(struct dp_buf *b, size_t count, size_t total, const char *of)
{
	size_t permille;

	if (!total)
		return;
	permille = (count * 1000 + total / 2) / total;
	dp_buf_addf(
	    b,
	    "<span class=\"progress\"><svg class=\"bar\" width=\"120\" "
	    "height=\"12\" viewBox=\"0 0 100 12\" aria-hidden=\"true\">"
	    "<rect class=\"track\" width=\"100\" height=\"12\" "
	    "rx=\"3\"/><rect class=\"fill\" width=\"%zu\" height=\"12\" "
	    "rx=\"3\"/></svg> <span class=\"pct\">%zu.%zu%%</span> of "
	    "%s</span>",
	    (permille + 5) / 10, permille / 10, permille % 10, of);
}

static void figure_row(struct dp_buf *b, const char *what, size_t count,
		       size_t total, const char *of)
{
	dp_buf_addf(b, "<tr><th scope=\"row\">%s</th><td>%zu</td><td>", what,
		    count);
	if (of)
		share(b, count, total, of);
	dp_buf_adds(b, "</td></tr>\n");
}

static void plans(struct dp_buf *b, const struct dp_stats *s)
{
	dp_buf_adds(b, "<section class=\"plans\">\n<h2>Plans</h2>\n"
		       "<table class=\"gap\"><caption>People, their plans and "
		       "the proposals waiting for them</caption>\n<thead><tr>"
		       "<th scope=\"col\">Figure</th><th scope=\"col\">Count"
		       "</th><th scope=\"col\">Share</th></tr></thead>\n"
		       "<tbody>\n");
	figure_row(b, "People", s->people, 0, NULL);
	figure_row(b, "With an active plan (an active goal)", s->active,
		   s->people, "people");
	if (s->history)
		figure_row(b, "Plans no commit changed for 90 days", s->stale,
			   s->active, "active plans");
	figure_row(b, "Goals proposed, waiting for their owner", s->proposals,
		   0, NULL);
	dp_buf_adds(b, "</tbody></table>\n</section>\n");
}

/* A bar chart of `n` values (tenths when `tenths`), labelled below. */
static void bars(struct dp_buf *b, const char *title, size_t n,
		 const char *const *labels, const long *v, int tenths)
{
	const int bw = 48, gap = 12, h = 100, top = 16, bottom = 20;
	int width = (int)n * (bw + gap) + gap;
	long max = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	dp_buf_addf(b,
		    "<figure>\n<svg class=\"hours\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">"
		    "<title>%s</title>\n",
		    width, h + top + bottom, width, h + top + bottom, title,
		    title);
	for (size_t i = 0; i < n; i++) {
		int x = gap + (int)i * (bw + gap);
		long bh = max ? v[i] * h / max : 0;

		dp_buf_addf(b,
			    "<rect class=\"fill\" x=\"%d\" y=\"%ld\" "
			    "width=\"%d\" height=\"%ld\"/><text class=\"val\" "
			    "x=\"%d\" y=\"%ld\">",
			    x, top + h - bh, bw, bh, x + bw / 2,
			    top + h - bh - 3);
		if (tenths)
			dp_buf_addf(b, "%ld.%ld", v[i] / 10, v[i] % 10);
		else
			dp_buf_addf(b, "%ld", v[i]);
		dp_buf_addf(b,
			    "</text><text class=\"axis\" x=\"%d\" y=\"%d\">%s"
			    "</text>\n",
			    x + bw / 2, top + h + bottom - 6, labels[i]);
	}
	dp_buf_addf(b,
		    "</svg>\n<figcaption>%s:</figcaption>\n"
		    "<ul class=\"months\">",
		    title);
	for (size_t i = 0; i < n; i++) {
		if (tenths)
			dp_buf_addf(b, "<li>%s: %ld.%ld h</li>", labels[i],
				    v[i] / 10, v[i] % 10);
		else
			dp_buf_addf(b, "<li>%s: %ld</li>", labels[i], v[i]);
	}
	dp_buf_adds(b, "</ul>\n</figure>\n");
}

static void done_and_hours(struct dp_buf *b, const struct dp_stats *s)
{
	const char *labels[DP_STATS_MONTHS];
	long v[DP_STATS_MONTHS];

	dp_buf_adds(b, "<section class=\"done\">\n<h2>Goals done per "
		       "quarter</h2>\n");
	if (s->history) {
		for (size_t i = 0; i < DP_STATS_QUARTERS; i++) {
			labels[i] = s->quarters[i].label;
			v[i] = (long)s->quarters[i].done;
		}
		bars(b, "Goals made done per quarter", DP_STATS_QUARTERS,
		     labels, v, 0);
	} else {
		dp_buf_adds(b, "<p class=\"none\">Not known: the site was "
			       "rendered without the history.</p>\n");
	}
	dp_buf_adds(b, "</section>\n<section class=\"learning\">\n"
		       "<h2>Learning hours per month</h2>\n");
	for (size_t i = 0; i < DP_STATS_MONTHS; i++) {
		labels[i] = s->months[i].label;
		v[i] = s->months[i].tenths;
	}
	bars(b, "Hours logged in the learning journals per month",
	     DP_STATS_MONTHS, labels, v, 1);
	dp_buf_adds(b, "</section>\n");
}

static void teams(struct dp_buf *b, const struct dp_stats *s)
{
	if (!s->nteams)
		return;
	dp_buf_addf(b,
		    "<section class=\"teams\">\n<h2>Teams</h2>\n"
		    "<table class=\"gap\"><caption>The same figures by team "
		    "(teams of fewer than %d people together)</caption>\n"
		    "<thead><tr><th scope=\"col\">Team</th><th scope=\"col\">"
		    "People</th><th scope=\"col\">Active plans</th>%s"
		    "<th scope=\"col\">Proposals waiting</th></tr></thead>\n"
		    "<tbody>\n",
		    DP_STATS_MIN_TEAM,
		    s->history ? "<th scope=\"col\">Not updated for 90 days"
				 "</th>"
			       : "");
	for (size_t i = 0; i < s->nteams; i++) {
		const struct dp_stats_team *t = &s->teams[i];

		dp_buf_adds(b, "<tr><th scope=\"row\">");
		if (!t->name)
			dp_buf_adds(b, "Smaller teams");
		else if (!*t->name)
			dp_buf_adds(b, "No team");
		else
			dp_html_text(b, t->name);
		dp_buf_addf(b, "</th><td>%zu</td><td>%zu</td>", t->people,
			    t->active);
		if (s->history)
			dp_buf_addf(b, "<td>%zu</td>", t->stale);
		dp_buf_addf(b, "<td>%zu</td></tr>\n", t->proposals);
	}
	dp_buf_adds(b, "</tbody></table>\n</section>\n");
}

static void levels(struct dp_buf *b, const struct dp_stats *s)
{
	dp_buf_adds(b, "<section class=\"supply\">\n<h2>Competencies: demand "
		       "and supply</h2>\n");
	if (!s->nlevels) {
		dp_buf_adds(b, "<p class=\"none\">No role requires a "
			       "competency yet.</p>\n</section>\n");
		return;
	}
	dp_buf_adds(b, "<table class=\"gap\"><caption>For each level of a "
		       "competency a role requires: demand, the people whose "
		       "target role needs that level; supply, the people who "
		       "assess themselves at or above it</caption>\n<thead>"
		       "<tr><th scope=\"col\">Competency</th><th scope=\"col\">"
		       "Level</th><th scope=\"col\">Demand</th><th "
		       "scope=\"col\">Supply</th><th scope=\"col\">Short by"
		       "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s->nlevels; i++) {
		const struct dp_stats_level *l = &s->levels[i];

		dp_buf_adds(b, "<tr><th scope=\"row\"><a "
			       "href=\"framework/competencies.html#c-");
		dp_html_attr(b, l->competency);
		dp_buf_adds(b, "\">");
		dp_html_text(b, l->competency);
		dp_buf_addf(b,
			    "</a></th><td>%ld</td><td>%zu</td><td>%zu</td>"
			    "<td>%zu</td></tr>\n",
			    l->level, l->demand, l->supply,
			    l->demand > l->supply ? l->demand - l->supply : 0);
	}
	dp_buf_adds(b, "</tbody></table>\n</section>\n");
}

void dp_render_org_stats(struct dp_buf *out, const struct dp_stats *s)
{
	dp_buf_addf(out,
		    "<h1>How the programme is doing</h1>\n<p class=\"lede\">"
		    "Figures over everyone, as of <time datetime=\"%s\">%s"
		    "</time>: they count people and goals, and none of them "
		    "is about anyone.</p>\n",
		    s->today, s->today);
	plans(out, s);
	done_and_hours(out, s);
	teams(out, s);
	levels(out, s);
}

int dp_render_org(struct dp_buf *out, struct dp_plan *plan,
		  const struct dp_date *today, int history)
{
	struct dp_stats s;
	int ret = dp_stats_collect(&s, plan, NULL, today,
				   history ? 0 : DP_STATS_NO_HISTORY);

	if (ret == 0)
		dp_render_org_stats(out, &s);
	dp_stats_release(&s);
	return ret;
}
