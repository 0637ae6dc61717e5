/* SPDX-License-Identifier: MIT */
/*
 * The static site. Three passes over the plan: the profiles (names for
 * links and the index), the history (progress over time, last update),
 * then every record once, streaming: a person's page is assembled from
 * one section per record kind and written when the walk moves on to the
 * next person. Framework pages and the index are written at the end.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "devplan/comment.h"
#include "devplan/date.h"
#include "devplan/fs.h"
#include "devplan/history.h"
#include "devplan/html.h"
#include "devplan/journal.h"
#include "devplan/layout.h"
#include "devplan/markdown.h"
#include "devplan/record.h"
#include "devplan/render.h"
#include "devplan/render-org.h"
#include "devplan/skills.h"
#include "devplan/stats.h"
#include "devplan/slug.h"
#include "devplan/store-versions.h"
#include "devplan/template.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/* A competency of the catalog. */
struct comp {
	char *id, *name;
};

/* A role of the framework. */
struct role {
	char *id, *title, *track;
	long level;
	struct dp_strlist next;
};

/* A person, from their profile; the index and links use it. */
struct person {
	char *id, *name, *team, *manager, *role;
	struct dp_strlist active; /* "slug\ttitle" of active goals */
	long long last;           /* newest commit time seen, 0: none */
	int last_offset;
	/* For the incremental render (the cache keeps them): */
	struct dp_strlist goals; /* slugs of the goal pages written */
	struct dp_strlist links; /* people their pages name (person_link) */
	int comments;            /* 1: a comments folder, 0: none, -1: ? */
	int redo;                /* 1: this render renders their pages */
	char *part; /* their part of the org page's figures (dp_stats_feed_
		       person), "" for none; NULL: not known */
};

/* A goal's progress at one commit. */
struct point {
	char *path;
	long long time;
	int offset;
	long progress; /* -1: none (no point); POINT_UNREAD: not read yet */
	size_t seq;    /* order found: newest first */
	unsigned char blob[DP_BLOB_ID_LEN]; /* the goal's version */
};

#define POINT_UNREAD (-2L)
/* Versions larger than this have no point (their text is not read). */
#define HISTORY_MAX_TEXT (1024 * 1024)

struct site {
	struct dp_plan *plan;
	struct dp_store *st;
	const struct dp_render_opts *opts;
	struct dp_render_stats *stats;
	struct dp_findings *problems;
	struct dp_date today;
	char *org;
	struct comp *comps;
	size_t ncomps, acomps;
	struct role *roles;
	size_t nroles, aroles;
	struct person *people;
	size_t npeople, apeople;
	struct point *points;
	size_t npoints, apoints;
	struct point *chart;                  /* points_of's answer */
	struct dp_buf chart_head, chart_grid; /* the same in every chart */
	/* the blob id of the record on_record is in, when doc_id_ok */
	unsigned char doc_id[DP_BLOB_ID_LEN];
	int doc_id_ok;
	size_t achart;
	int chart_err; /* < 0: a version could not be read (its message) */
	/* The person whose records the walk is in, and their sections. */
	struct person *cur;
	struct dp_buf sections[DP_KIND_COUNT];
	size_t counts[DP_KIND_COUNT];
	struct dp_buf roles_html;
	struct dp_buf page, path;
	int have_competencies; /* the competencies page is written */
	/* The org page's figures, fed by the walk; the state for the cache. */
	struct dp_stats_feed *feed;
	struct dp_stats figures;
	struct dp_buf state;
	/* The records read, against HEAD's (the cache's dirty flag). */
	struct dp_head_match *match;
	int unmatched; /* a record that could not be compared */
	char lastdir[DP_REF_PATH_MAX + 256]; /* the folder made last */
	char refused[DP_REF_PATH_MAX];       /* the last body over the limits */
};

#define GROW(arr, n, alloc)                                                    \
	do {                                                                   \
		if ((n) == (alloc)) {                                          \
			(alloc) = (alloc) ? (alloc)*2 : 16;                    \
			(arr) = dp_xrealloc((arr), (alloc) * sizeof(*(arr)));  \
		}                                                              \
	} while (0)

static char *dup_str(const char *s)
{
	return dp_xstrdup(s ? s : "");
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* ---- files ---- */

/* Makes folder `path` and what is missing above it. */
static int mkdirs(const char *path)
{
	char *parent, *slash;
	int ret = 0;

	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || !(slash = strrchr(path, '/')) || slash == path)
		goto fail;
	parent = dp_xstrndup(path, (size_t)(slash - path));
	ret = mkdirs(parent);
	free(parent);
	if (ret < 0)
		return ret;
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
fail:
	dp_error_set_errno("cannot create '%s'", path);
	return DP_EIO;
}

/* 1 if the file at `path` holds exactly the bytes of `b`. */
static int same_bytes(const char *path, const struct dp_buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char chunk[16384];
	size_t off = 0;
	struct stat sb;
	int same;

	if (fd < 0)
		return 0;
	/* Another size (or not a file): not the same, nothing to read. */
	same = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	       (size_t)sb.st_size == b->len;
	while (same) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			same = n == 0 && off == b->len;
			break;
		}
		same = off + (size_t)n <= b->len &&
		       !memcmp(chunk, b->ptr + off, (size_t)n);
		off += (size_t)n;
	}
	close(fd);
	return same;
}

/*
 * Writes `b` to outdir/rel, creating folders; a file that already holds
 * those bytes is left as it is.
 */
static int write_file(struct site *s, const char *rel, const struct dp_buf *b)
{
	const char *slash;
	int fd, ret;

	dp_buf_reset(&s->path);
	dp_buf_addf(&s->path, "%s/%s", s->opts->outdir, rel);
	if (dp_ends_with(rel, ".html"))
		s->stats->pages++;
	slash = strrchr(s->path.ptr, '/');
	if (slash &&
	    ((size_t)(slash - s->path.ptr) >= sizeof(s->lastdir) ||
	     strncmp(s->lastdir, s->path.ptr, (size_t)(slash - s->path.ptr)) ||
	     s->lastdir[slash - s->path.ptr])) {
		char *dir =
		    dp_xstrndup(s->path.ptr, (size_t)(slash - s->path.ptr));

		ret = mkdirs(dir);
		if (ret == 0 && strlen(dir) < sizeof(s->lastdir))
			memcpy(s->lastdir, dir, strlen(dir) + 1);
		free(dir);
		if (ret < 0)
			return ret;
	}
	/* The same bytes already there: leave the file (and its mtime). */
	if (same_bytes(s->path.ptr, b))
		return 0;
	s->stats->written++;
	fd = open(s->path.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		dp_error_set_errno("cannot write '%s'", s->path.ptr);
		return DP_EIO;
	}
	if ((dp_fs_write_all(fd, b->ptr, b->len) < 0) | (close(fd) != 0)) {
		dp_error_set_errno("cannot write '%s'", s->path.ptr);
		return DP_EIO;
	}
	return 0;
}

/* ---- page parts ---- */

static void page_begin(struct site *s, struct dp_buf *b, const char *root,
		       const char *title)
{
	dp_buf_reset(b);
	dp_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		       "<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, "
		       "initial-scale=1\">\n<title>");
	dp_html_text(b, title);
	if (s->org && *s->org) {
		dp_buf_adds(b, " \xe2\x80\x94 ");
		dp_html_text(b, s->org);
	}
	dp_buf_addf(b,
		    "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n"
		    "</head>\n<body>\n<header class=\"site\">\n"
		    "<a class=\"org\" href=\"%sindex.html\">",
		    root, root);
	dp_html_text(b, s->org && *s->org ? s->org : "Development plans");
	dp_buf_addf(b,
		    "</a>\n<nav aria-label=\"Site\"><ul>"
		    "<li><a href=\"%sindex.html\">People</a></li>"
		    "<li><a href=\"%sframework/competencies.html\">"
		    "Competencies</a></li>"
		    "<li><a href=\"%sframework/roles.html\">Roles</a></li>"
		    "<li><a href=\"%sframework/lattice.html\">Career "
		    "lattice</a></li>"
		    "<li><a href=\"%sorg.html\">Programme</a></li>"
		    "</ul></nav>\n</header>\n<main>\n",
		    root, root, root, root, root);
}

static void page_end(struct site *s, struct dp_buf *b)
{
	char day[11];

	dp_date_format(day, &s->today);
	dp_buf_addf(b,
		    "</main>\n<footer class=\"site\"><p>Rendered by devplan "
		    "as of <time datetime=\"%s\">%s</time>.</p></footer>\n"
		    "</body>\n</html>\n",
		    day, day);
}

/* The body of a record as HTML; over the limits, as plain text. */
static void body_html(struct site *s, struct dp_buf *b,
		      const struct dp_ref *ref, const struct dp_doc *doc,
		      int top)
{
	size_t len;
	const char *body;
	unsigned line = 1;

	if (doc->mode != DP_DOC_FRONT_MATTER)
		return;
	body = dp_doc_body(doc, &len);
	while (len && (*body == '\n' || *body == '\r')) {
		body++;
		len--;
	}
	if (!len)
		return;
	dp_buf_adds(b, "<div class=\"body\">\n");
	if (dp_markdown_html(b, body, len, top) < 0) {
		unsigned col = 1;
		const char *msg;

		for (size_t i = 0; i < doc->body_start; i++)
			line += doc->text.ptr[i] == '\n';
		dp_markdown_check(ref->path, line, body, len);
		if (!dp_error_last_at(&line, &col, &msg))
			msg = dp_error_last();
		/* A body shows on two pages: say it once. */
		if (strcmp(s->refused, ref->path)) {
			dp_findings_add(s->problems, DP_SEV_WARNING, ref->path,
					line, col, "%s (shown as plain text)",
					msg);
			snprintf(s->refused, sizeof(s->refused), "%s",
				 ref->path);
		}
		dp_buf_adds(b, "<pre class=\"refused\">");
		dp_html_textn(b, body, len > 4096 ? 4096 : len);
		dp_buf_adds(b, "</pre>\n");
	}
	dp_buf_adds(b, "</div>\n");
}

/* An id a page may use in a file name: valid ids only. */
static int id_ok(const char *id)
{
	return id && *id && dp_id_valid(id);
}

static int person_cmp(const void *key, const void *item)
{
	return strcmp(key, ((const struct person *)item)->id);
}

static struct person *find_person(struct site *s, const char *id)
{
	if (!id || !s->npeople)
		return NULL;
	return bsearch(id, s->people, s->npeople, sizeof(*s->people),
		       person_cmp);
}

static const struct role *find_role(const struct site *s, const char *id)
{
	for (size_t i = 0; id && i < s->nroles; i++)
		if (!strcmp(s->roles[i].id, id))
			return &s->roles[i];
	return NULL;
}

static const char *comp_name(const struct site *s, const char *id)
{
	for (size_t i = 0; i < s->ncomps; i++)
		if (!strcmp(s->comps[i].id, id))
			return s->comps[i].name;
	return id;
}

/* A link to a person's page, their name as text. */
static void person_link(struct site *s, struct dp_buf *b, const char *root,
			const char *id)
{
	const struct person *p = find_person(s, id);

	/* A page of s->cur names `id`: it changes when their name does. */
	if (s->cur && id && *id && strcmp(id, s->cur->id) &&
	    !dp_strlist_has(&s->cur->links, id))
		dp_strlist_push(&s->cur->links, id);

	if (!p) {
		dp_html_text(b, id);
		return;
	}
	dp_buf_addf(b, "<a href=\"%speople/", root);
	dp_html_attr(b, p->id);
	dp_buf_adds(b, "/index.html\">");
	dp_html_text(b, *p->name ? p->name : p->id);
	dp_buf_adds(b, "</a>");
}

static void role_link(struct site *s, struct dp_buf *b, const char *root,
		      const char *id)
{
	const struct role *r = find_role(s, id);

	if (!r) {
		dp_html_text(b, id);
		return;
	}
	dp_buf_addf(b, "<a href=\"%sframework/roles.html#role-", root);
	dp_html_attr(b, r->id);
	dp_buf_adds(b, "\">");
	dp_html_text(b, *r->title ? r->title : r->id);
	dp_buf_adds(b, "</a>");
}

static void date_of(char out[11], long long time, int offset)
{
	struct dp_date d;
	long long t = time + (long long)offset * 60;
	long days = (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));

	dp_date_from_days(&d, days);
	dp_date_format(out, &d);
}

/* ---- small pictures ---- */

/* A progress bar: the number is written next to it, not only drawn. */
static void progress_bar(struct dp_buf *b, long pct)
{
	dp_buf_addf(b,
		    "<span class=\"progress\"><svg class=\"bar\" "
		    "width=\"120\" height=\"12\" viewBox=\"0 0 100 12\" "
		    "role=\"img\" aria-label=\"%ld%% done\">"
		    "<title>%ld%% done</title>"
		    "<rect class=\"track\" width=\"100\" height=\"12\" "
		    "rx=\"3\"/><rect class=\"fill\" width=\"%ld\" "
		    "height=\"12\" rx=\"3\"/></svg> "
		    "<span class=\"pct\">%ld%%</span></span>",
		    pct, pct, pct, pct);
}

static int point_cmp(const void *pa, const void *pb)
{
	const struct point *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->seq > b->seq ? -1 : a->seq < b->seq;
}

static long goal_progress(const struct dp_doc *doc);

/*
 * The progress of `pt`, a version of the goal the walk read as `doc`:
 * from `doc` itself when it has the same bytes, else from the version's
 * blob, parsed as the goal is. -1 when it has none.
 */
static long point_progress(struct site *s, struct point *pt,
			   const struct dp_doc *doc)
{
	struct dp_doc old = DP_DOC_INIT;
	struct dp_buf text = DP_BUF_INIT;
	int ret;

	if (pt->progress != POINT_UNREAD)
		return pt->progress;
	pt->progress = -1;
	if (doc->text.len <= HISTORY_MAX_TEXT &&
	    (s->doc_id_ok ? !memcmp(pt->blob, s->doc_id, sizeof(s->doc_id))
			  : dp_store_blob_same(
				pt->blob, doc->text.ptr ? doc->text.ptr : "",
				doc->text.len)))
		return pt->progress = goal_progress(doc);
	ret = dp_store_blob_text(&text, s->st, pt->blob, HISTORY_MAX_TEXT);
	if (ret < 0 && !s->chart_err)
		s->chart_err = ret;
	if (ret == 1) {
		if (dp_doc_parse(&old, pt->path, text.ptr ? text.ptr : "",
				 text.len, DP_DOC_FRONT_MATTER) == 0)
			pt->progress = goal_progress(&old);
		else
			dp_error_clear();
		dp_doc_release(&old);
	}
	dp_buf_release(&text);
	return pt->progress;
}

/*
 * The points of `path` (sorted by time) that have a progress, at most
 * DP_RENDER_CHART_POINTS; `doc` is the goal as the walk read it.
 */
static const struct point *points_of(struct site *s, const char *path,
				     const struct dp_doc *doc, size_t *n)
{
	size_t lo = 0, hi = s->npoints, end, kept = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(s->points[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < s->npoints && !strcmp(s->points[end].path, path);
	     end++) {
		if (point_progress(s, &s->points[end], doc) < 0)
			continue;
		GROW(s->chart, kept, s->achart);
		s->chart[kept++] = s->points[end];
	}
	*n = kept > DP_RENDER_CHART_POINTS ? DP_RENDER_CHART_POINTS : kept;
	return s->chart ? s->chart + (kept - *n) : NULL;
}

/* Progress over time: a line chart, and the same numbers as a list. */
static void progress_chart(struct site *s, struct dp_buf *b,
			   const struct dp_ref *ref, const struct dp_doc *doc)
{
	const double w = 320, h = 120, left = 34, right = 10, top = 10,
		     bottom = 22;
	size_t n;
	const struct point *pt = points_of(s, ref->path, doc, &n);
	long long t0, t1;
	char day[11];

	dp_buf_adds(b, "<section class=\"history\">\n"
		       "<h2>Progress over time</h2>\n");
	if (!n) {
		dp_buf_adds(b, "<p>No history yet.</p>\n</section>\n");
		return;
	}
	t0 = pt[0].time;
	t1 = pt[n - 1].time;
	/* What every chart has, formatted once (number formatting is slow). */
	if (!s->chart_head.len) {
		dp_buf_addf(&s->chart_head,
			    "<figure>\n<svg class=\"chart\" width=\"%.0f\" "
			    "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
			    "role=\"img\" ",
			    w, h, w, h);
		for (int pct = 0; pct <= 100; pct += 50) {
			double y =
			    top + (h - top - bottom) * (100 - pct) / 100.0;

			dp_buf_addf(&s->chart_grid,
				    "<line class=\"grid\" x1=\"%.0f\" "
				    "y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>"
				    "<text class=\"axis\" x=\"%.0f\" "
				    "y=\"%.1f\">%d%%</text>\n",
				    left, y, w - right, y, left - 4, y + 4,
				    pct);
		}
	}
	dp_buf_add(b, s->chart_head.ptr, s->chart_head.len);
	dp_buf_addf(b,
		    "aria-label=\"Progress at each of %zu commits\">"
		    "<title>Progress at each of %zu commits</title>\n",
		    n, n);
	dp_buf_add(b, s->chart_grid.ptr, s->chart_grid.len);
	dp_buf_adds(b, "<polyline class=\"line\" points=\"");
	for (size_t i = 0; i < n; i++) {
		double x = n == 1 || t1 == t0
			       ? left + (w - left - right) / 2
			       : left + (w - left - right) *
					    (double)(pt[i].time - t0) /
					    (double)(t1 - t0);
		double y =
		    top + (h - top - bottom) * (100 - pt[i].progress) / 100.0;

		dp_buf_addf(b, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	dp_buf_adds(b, "\"/>\n");
	date_of(day, t0, pt[0].offset);
	dp_buf_addf(b,
		    "<text class=\"axis start\" x=\"%.0f\" y=\"%.0f\">%s"
		    "</text>\n",
		    left, h - 6, day);
	date_of(day, t1, pt[n - 1].offset);
	dp_buf_addf(b,
		    "<text class=\"axis end\" x=\"%.0f\" y=\"%.0f\">%s"
		    "</text>\n</svg>\n",
		    w - right, h - 6, day);
	dp_buf_adds(b, "<figcaption>Progress at each commit that changed "
		       "this goal:</figcaption>\n<ol class=\"points\">");
	for (size_t i = 0; i < n; i++) {
		date_of(day, pt[i].time, pt[i].offset);
		dp_buf_addf(b,
			    "<li><time datetime=\"%s\">%s</time>: %ld%%</li>",
			    day, day, pt[i].progress);
	}
	dp_buf_adds(b, "</ol>\n</figure>\n</section>\n");
}

/* ---- front matter as a definition list (kinds without a renderer) ---- */

static void node_html(struct dp_buf *b, const struct dp_node *n)
{
	if (!n)
		return;
	switch (n->type) {
	case DP_SCALAR:
		dp_html_text(b, n->str);
		break;
	case DP_SEQ:
		dp_buf_adds(b, "<ul>");
		for (size_t i = 0; i < n->n; i++) {
			dp_buf_adds(b, "<li>");
			node_html(b, n->items[i]);
			dp_buf_adds(b, "</li>");
		}
		dp_buf_adds(b, "</ul>");
		break;
	case DP_MAP:
		dp_buf_adds(b, "<dl>");
		for (size_t i = 0; i < n->n; i++) {
			dp_buf_adds(b, "<dt>");
			dp_html_text(b, n->keys[i]->str);
			dp_buf_adds(b, "</dt><dd>");
			node_html(b, n->items[i]);
			dp_buf_adds(b, "</dd>");
		}
		dp_buf_adds(b, "</dl>");
		break;
	}
}

/* ---- sections of a person's page, one renderer per kind ---- */

static int goal_closed(const char *status)
{
	return status &&
	       (!strcmp(status, "done") || !strcmp(status, "dropped"));
}

static long goal_progress(const struct dp_doc *doc)
{
	const char *p = dp_doc_str(doc, "progress");
	long v;

	return p && !dp_parse_long(p, 0, 100, &v) ? v : -1;
}

static void actions_html(struct dp_buf *b, const struct dp_doc *doc)
{
	const struct dp_node *actions = dp_doc_lookup(doc, "actions");

	if (!actions || actions->type != DP_SEQ || !actions->n)
		return;
	dp_buf_adds(b, "<ul class=\"actions\">\n");
	for (size_t i = 0; i < actions->n; i++) {
		const struct dp_node *a = actions->items[i];
		const struct dp_node *done = dp_node_get(a, "done");
		const struct dp_node *t = dp_node_get(a, "title");
		const struct dp_node *due = dp_node_get(a, "due");
		const struct dp_node *res = dp_node_get(a, "resource");
		int on = done && done->type == DP_SCALAR &&
			 !strcmp(done->str, "true");

		dp_buf_addf(b,
			    "<li class=\"%s\"><span class=\"box\" "
			    "aria-hidden=\"true\">%s</span> "
			    "<span class=\"sr\">%s: </span>",
			    on ? "done" : "open",
			    on ? "\xe2\x98\x91" : "\xe2\x98\x90",
			    on ? "Done" : "To do");
		if (t && t->type == DP_SCALAR)
			dp_html_text(b, t->str);
		if (due && due->type == DP_SCALAR && *due->str) {
			dp_buf_adds(b, " <span class=\"due\">due <time>");
			dp_html_text(b, due->str);
			dp_buf_adds(b, "</time></span>");
		}
		if (res && res->type == DP_SCALAR && *res->str) {
			dp_buf_adds(b, " \xe2\x80\x94 ");
			if (strstr(res->str, "://") &&
			    dp_html_url_ok(res->str)) {
				dp_buf_adds(b, "<a href=\"");
				dp_html_url(b, res->str);
				dp_buf_adds(b, "\">");
				dp_html_text(b, res->str);
				dp_buf_adds(b, "</a>");
			} else
				dp_html_text(b, res->str);
		}
		dp_buf_adds(b, "</li>\n");
	}
	dp_buf_adds(b, "</ul>\n");
}

/*
 * What a goal says: status, due date and overdue mark, progress bar,
 * competencies, actions. `root` leads back to the top of the site.
 */
static void goal_facts(struct site *s, struct dp_buf *b, const char *root,
		       const struct dp_doc *doc)
{
	const char *status = dp_doc_str(doc, "status");
	const char *type = dp_doc_str(doc, "type");
	const char *due = dp_doc_str(doc, "due");
	const struct dp_node *comps = dp_doc_lookup(doc, "competencies");
	long pct = goal_progress(doc);
	struct dp_date d;

	dp_buf_adds(b, "<p class=\"meta\"><span class=\"status status-");
	dp_html_attr(b, or_empty(status));
	dp_buf_adds(b, "\">");
	dp_html_text(b, status ? status : "no status");
	dp_buf_adds(b, "</span>");
	if (type && *type) {
		dp_buf_adds(b, " \xc2\xb7 ");
		dp_html_text(b, type);
	}
	if (due && *due) {
		dp_buf_adds(b, " \xc2\xb7 due <time datetime=\"");
		dp_html_attr(b, due);
		dp_buf_adds(b, "\">");
		dp_html_text(b, due);
		dp_buf_adds(b, "</time>");
		if (!dp_date_parse(&d, due) && dp_date_cmp(&d, &s->today) < 0 &&
		    !goal_closed(status))
			dp_buf_adds(b, " <strong class=\"overdue\">"
				       "\xe2\x9a\xa0 overdue</strong>");
	}
	dp_buf_adds(b, "</p>\n");
	if (pct >= 0) {
		dp_buf_adds(b, "<p>");
		progress_bar(b, pct);
		dp_buf_adds(b, "</p>\n");
	}
	if (comps && comps->type == DP_SEQ && comps->n) {
		dp_buf_adds(b, "<p class=\"competencies\">Competencies: ");
		for (size_t i = 0; i < comps->n; i++) {
			const struct dp_node *c = comps->items[i];

			if (c->type != DP_SCALAR)
				continue;
			dp_buf_addf(b,
				    "%s<a href=\"%sframework/"
				    "competencies.html#c-",
				    i ? ", " : "", root);
			dp_html_attr(b, c->str);
			dp_buf_adds(b, "\">");
			dp_html_text(b, comp_name(s, c->str));
			dp_buf_adds(b, "</a>");
		}
		dp_buf_adds(b, "</p>\n");
	}
	actions_html(b, doc);
}

static void section_profile(struct site *s, struct dp_buf *b,
			    const struct dp_ref *ref, const struct dp_doc *doc)
{
	static const char *const fields[] = { "email", "role", "team",
					      "manager", "mentor" };
	static const char *const labels[] = { "Email", "Role", "Team",
					      "Manager", "Mentor" };

	dp_buf_adds(b, "<dl class=\"profile\">\n");
	for (size_t i = 0; i < DP_ARRAY_SIZE(fields); i++) {
		const char *v = dp_doc_str(doc, fields[i]);

		if (!v || !*v)
			continue;
		dp_buf_addf(b, "<dt>%s</dt><dd>", labels[i]);
		if (i == 0) {
			struct dp_buf url = DP_BUF_INIT;

			dp_buf_addf(&url, "mailto:%s", v);
			dp_buf_adds(b, "<a href=\"");
			dp_html_url(b, url.ptr);
			dp_buf_adds(b, "\">");
			dp_html_text(b, v);
			dp_buf_adds(b, "</a>");
			dp_buf_release(&url);
		} else if (i == 1) {
			role_link(s, b, "../../", v);
		} else if (i == 2) {
			dp_html_text(b, v);
		} else {
			person_link(s, b, "../../", v);
		}
		dp_buf_adds(b, "</dd>\n");
	}
	dp_buf_adds(b, "</dl>\n");
	body_html(s, b, ref, doc, 3);
}

static void section_goal(struct site *s, struct dp_buf *b,
			 const struct dp_ref *ref, const struct dp_doc *doc)
{
	const char *title = dp_doc_str(doc, "title");

	dp_buf_adds(b, "<article class=\"goal\" id=\"goal-");
	dp_html_attr(b, ref->name);
	dp_buf_adds(b, "\">\n<h3><a href=\"goals/");
	dp_html_attr(b, ref->name);
	dp_buf_adds(b, ".html\">");
	dp_html_text(b, title && *title ? title : ref->name);
	dp_buf_adds(b, "</a></h3>\n");
	goal_facts(s, b, "../../", doc);
	body_html(s, b, ref, doc, 4);
	dp_buf_adds(b, "</article>\n");
}

/* Any other kind: its fields as a definition list, then its body. */
static void section_fields(struct site *s, struct dp_buf *b,
			   const struct dp_ref *ref, const struct dp_doc *doc)
{
	const char *title = dp_doc_str(doc, "title");

	dp_buf_adds(b, "<article class=\"record\">\n<h3>");
	dp_html_text(b, title && *title ? title
			: *ref->name    ? ref->name
					: dp_kind_name(ref->kind));
	dp_buf_adds(b, "</h3>\n");
	node_html(b, doc->root);
	dp_buf_adds(b, "\n");
	body_html(s, b, ref, doc, 4);
	dp_buf_adds(b, "</article>\n");
}

/* ---- career map, SWOT, skills gap, journal, conversations, notes ---- */

static void short_text(struct dp_buf *b, const char *s, size_t max);

/* A role's title when the framework knows it, else the id itself. */
static const char *role_title(const struct site *s, const char *id)
{
	const struct role *r = find_role(s, id);

	return r && *r->title ? r->title : id;
}

/* What a direction leads to: a role's title or the idea in words. */
static const char *direction_label(const struct site *s,
				   const struct dp_node *d)
{
	const struct dp_node *role = dp_node_get(d, "role");
	const struct dp_node *idea = dp_node_get(d, "idea");

	if (role && role->type == DP_SCALAR && *role->str)
		return role_title(s, role->str);
	if (idea && idea->type == DP_SCALAR && *idea->str)
		return idea->str;
	return "(unnamed)";
}

static const char *node_str(const struct dp_node *map, const char *key)
{
	const struct dp_node *n = dp_node_get(map, key);

	return n && n->type == DP_SCALAR ? n->str : NULL;
}

/* One box of the career-map diagram, its kind written in words too. */
static void career_box(struct dp_buf *b, int x, int y, const char *cls,
		       const char *kind, const char *label)
{
	dp_buf_addf(b,
		    "<g class=\"%s\"><rect class=\"node\" x=\"%d\" y=\"%d\" "
		    "width=\"170\" height=\"40\" rx=\"6\"/>"
		    "<text class=\"sub\" x=\"%d\" y=\"%d\">%s</text>"
		    "<text x=\"%d\" y=\"%d\">",
		    cls, x - 85, y - 20, x, y - 6, kind, x, y + 12);
	short_text(b, label, 24);
	dp_buf_adds(b, "</text></g>\n");
}

/*
 * The directions as a small diagram: the current role in the middle, the
 * `up` directions above it, `lateral` beside it, `explore` below, each
 * box labelled with its kind (and dashed for ideas), then the same as a
 * list.
 */
static void career_diagram(struct site *s, struct dp_buf *b,
			   const char *current, const struct dp_node *dirs)
{
	static const char *const types[] = { "up", "lateral", "explore" };
	const int colw = 190, rowh = 70;
	size_t count[3] = { 0, 0, 0 }, seen[3] = { 0, 0, 0 }, cols;
	int width;

	for (size_t i = 0; dirs && i < dirs->n; i++)
		for (int t = 0; t < 3; t++)
			if (!strcmp(or_empty(node_str(dirs->items[i], "type")),
				    types[t]))
				count[t]++;
	cols = count[0] > count[2] ? count[0] : count[2];
	if (count[1] + 1 > cols)
		cols = count[1] + 1;
	width = (int)cols * colw + 20;
	if (width < 380)
		width = 380;
	dp_buf_addf(
	    b,
	    "<figure>\n<svg class=\"career\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Career "
	    "directions: %zu up, %zu lateral, %zu to explore\">"
	    "<title>Career directions: %zu up, %zu lateral, %zu to "
	    "explore</title>\n",
	    width, 3 * rowh + 10, width, 3 * rowh + 10, count[0], count[1],
	    count[2], count[0], count[1], count[2]);
	/* The current role's slot in the middle row. */
	{
		size_t n = count[1] + 1, mid = count[1] / 2;
		int cx = (int)(width * (2 * mid + 1) / (2 * n));
		int cy = rowh + rowh / 2 + 5;

		for (size_t i = 0; dirs && i < dirs->n; i++) {
			const struct dp_node *d = dirs->items[i];
			const char *type = or_empty(node_str(d, "type"));
			int t, x, y;
			size_t slot;

			for (t = 0; t < 3 && strcmp(type, types[t]); t++)
				;
			if (t == 3)
				continue;
			slot = seen[t]++;
			if (t == 1) {
				slot += slot >= mid;
				x = (int)(width * (2 * slot + 1) / (2 * n));
				y = cy;
			} else {
				x = (int)(width * (2 * slot + 1) /
					  (2 * count[t]));
				y = t == 0 ? rowh / 2 + 5
					   : 2 * rowh + rowh / 2 + 5;
			}
			dp_buf_addf(b,
				    "<line class=\"edge %s\" x1=\"%d\" "
				    "y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
				    types[t], cx, cy, x, y);
		}
		memset(seen, 0, sizeof(seen));
		career_box(b, cx, cy, "current", "now", current);
		for (size_t i = 0; dirs && i < dirs->n; i++) {
			const struct dp_node *d = dirs->items[i];
			const char *type = or_empty(node_str(d, "type"));
			int t, x, y;
			size_t slot;
			char cls[32];

			for (t = 0; t < 3 && strcmp(type, types[t]); t++)
				;
			if (t == 3)
				continue;
			slot = seen[t]++;
			if (t == 1) {
				slot += slot >= mid;
				x = (int)(width * (2 * slot + 1) / (2 * n));
				y = cy;
			} else {
				x = (int)(width * (2 * slot + 1) /
					  (2 * count[t]));
				y = t == 0 ? rowh / 2 + 5
					   : 2 * rowh + rowh / 2 + 5;
			}
			snprintf(cls, sizeof(cls), "dir %s%s", types[t],
				 node_str(d, "role") ? " role" : " idea");
			career_box(b, x, y, cls, types[t],
				   direction_label(s, d));
		}
	}
	dp_buf_adds(b, "</svg>\n</figure>\n");
}

static void section_career(struct site *s, struct dp_buf *b,
			   const struct dp_ref *ref, const struct dp_doc *doc)
{
	const char *role = dp_doc_str(doc, "role");
	const char *aspirations = dp_doc_str(doc, "aspirations");
	const struct dp_node *dirs = dp_doc_lookup(doc, "directions");
	const struct dp_node *barriers = dp_doc_lookup(doc, "barriers");
	const char *buddy = dp_doc_str(doc, "buddy");

	if (!role || !*role)
		role = s->cur ? s->cur->role : "";
	if (dirs && dirs->type != DP_SEQ)
		dirs = NULL;
	if (aspirations && *aspirations) {
		dp_buf_adds(b, "<p class=\"aspirations\">");
		dp_html_text(b, aspirations);
		dp_buf_adds(b, "</p>\n");
	}
	career_diagram(s, b, *role ? role_title(s, role) : "Current role",
		       dirs);
	if (dirs && dirs->n) {
		dp_buf_adds(b, "<ul class=\"directions\">\n");
		for (size_t i = 0; i < dirs->n; i++) {
			const struct dp_node *d = dirs->items[i];
			const char *rid = node_str(d, "role");
			const char *horizon = node_str(d, "horizon");
			const char *why = node_str(d, "why");

			dp_buf_adds(b, "<li><span class=\"dirtype\">");
			dp_html_text(b, or_empty(node_str(d, "type")));
			dp_buf_adds(b, "</span> ");
			if (rid && *rid && find_role(s, rid))
				role_link(s, b, "../../", rid);
			else
				dp_html_text(b, direction_label(s, d));
			if (horizon && *horizon) {
				dp_buf_adds(b, " <span class=\"meta\">(");
				dp_html_text(b, horizon);
				dp_buf_adds(b, ")</span>");
			}
			if (why && *why) {
				dp_buf_adds(b, ": ");
				dp_html_text(b, why);
			}
			dp_buf_adds(b, "</li>\n");
		}
		dp_buf_adds(b, "</ul>\n");
	} else {
		dp_buf_adds(b, "<p class=\"none\">No directions yet.</p>\n");
	}
	for (int k = 0; k < 2; k++) {
		const char *key = k ? "external" : "internal";
		const struct dp_node *l = dp_node_get(barriers, key);

		if (!l || l->type != DP_SEQ || !l->n)
			continue;
		dp_buf_addf(b, "<p><strong>%s barriers:</strong></p>\n<ul>",
			    k ? "External" : "Internal");
		for (size_t i = 0; i < l->n; i++) {
			dp_buf_adds(b, "<li>");
			node_html(b, l->items[i]);
			dp_buf_adds(b, "</li>");
		}
		dp_buf_adds(b, "</ul>\n");
	}
	if (buddy && *buddy) {
		dp_buf_adds(b, "<p><strong>Buddy:</strong> ");
		person_link(s, b, "../../", buddy);
		dp_buf_adds(b, "</p>\n");
	}
	body_html(s, b, ref, doc, 3);
}

static void section_swot(struct site *s, struct dp_buf *b,
			 const struct dp_ref *ref, const struct dp_doc *doc)
{
	static const char *const keys[] = { "strengths", "weaknesses",
					    "opportunities", "threats" };
	static const char *const names[] = { "Strengths", "Weaknesses",
					     "Opportunities", "Threats" };

	dp_buf_adds(b, "<div class=\"swot\">\n");
	for (size_t q = 0; q < DP_ARRAY_SIZE(keys); q++) {
		const struct dp_node *l = dp_doc_lookup(doc, keys[q]);

		dp_buf_addf(b, "<div class=\"quadrant %s\">\n<h3>%s</h3>\n",
			    keys[q], names[q]);
		if (!l || l->type != DP_SEQ || !l->n) {
			dp_buf_adds(b, "<p class=\"none\">None yet.</p>\n");
		} else {
			dp_buf_adds(b, "<ul>");
			for (size_t i = 0; i < l->n; i++) {
				const char *t = node_str(l->items[i], "text");

				dp_buf_adds(b, "<li>");
				if (t)
					dp_html_text(b, t);
				else
					node_html(b, l->items[i]);
				dp_buf_adds(b, "</li>");
			}
			dp_buf_adds(b, "</ul>\n");
		}
		dp_buf_adds(b, "</div>\n");
	}
	dp_buf_adds(b, "</div>\n");
	body_html(s, b, ref, doc, 3);
}

/*
 * The gap to one target role as a bar chart: for each competency the
 * role requires, a bar for the required level and one for the person's
 * own; an unassessed competency is drawn as an outlined "unknown", never
 * as zero. A table below holds the same numbers.
 */
static void gap_chart(struct site *s, struct dp_buf *b, const struct dp_gap *g)
{
	const int left = 170, unit = 36, rowh = 34, top = 24;
	const int width = left + 10 * unit + 20;
	const int height = top + (int)g->n * rowh + 10;

	dp_buf_adds(b, "<h3>Gap to ");
	if (find_role(s, g->role))
		role_link(s, b, "../../", g->role);
	else
		dp_html_text(b, g->title ? g->title : g->role);
	dp_buf_adds(b, "</h3>\n");
	if (!g->n) {
		dp_buf_adds(b, "<p class=\"none\">The role requires no "
			       "competencies.</p>\n");
		return;
	}
	dp_buf_addf(b,
		    "<figure>\n<svg class=\"gap\" width=\"%d\" height=\"%d\" "
		    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Required "
		    "against self-assessed level for %zu competencies\">"
		    "<title>Required against self-assessed level for %zu "
		    "competencies</title>\n"
		    "<rect class=\"req\" x=\"%d\" y=\"4\" width=\"12\" "
		    "height=\"8\"/><text class=\"key\" x=\"%d\" y=\"12\">"
		    "required</text>"
		    "<rect class=\"self\" x=\"%d\" y=\"4\" width=\"12\" "
		    "height=\"8\"/><text class=\"key\" x=\"%d\" y=\"12\">"
		    "self-assessed</text>\n",
		    width, height, width, height, g->n, g->n, left, left + 16,
		    left + 90, left + 106);
	for (int l = 0; l <= 10; l += 5)
		dp_buf_addf(b,
			    "<line class=\"grid\" x1=\"%d\" y1=\"%d\" "
			    "x2=\"%d\" y2=\"%d\"/>\n",
			    left + l * unit, top - 4, left + l * unit,
			    height - 6);
	for (size_t i = 0; i < g->n; i++) {
		const struct dp_gap_row *r = &g->rows[i];
		int y = top + (int)i * rowh;

		dp_buf_addf(b, "<text class=\"label\" x=\"%d\" y=\"%d\">",
			    left - 6, y + 18);
		short_text(b, comp_name(s, r->competency), 24);
		dp_buf_addf(b,
			    "</text><rect class=\"req\" x=\"%d\" y=\"%d\" "
			    "width=\"%ld\" height=\"12\"/><text class=\"val\" "
			    "x=\"%ld\" y=\"%d\">%ld</text>\n",
			    left, y + 2, r->required * unit,
			    left + r->required * unit + 4, y + 12, r->required);
		if (r->level > 0)
			dp_buf_addf(b,
				    "<rect class=\"self\" x=\"%d\" y=\"%d\" "
				    "width=\"%ld\" height=\"12\"/><text "
				    "class=\"val\" x=\"%ld\" y=\"%d\">%ld"
				    "</text>\n",
				    left, y + 16, r->level * unit,
				    left + r->level * unit + 4, y + 26,
				    r->level);
		else
			dp_buf_addf(b,
				    "<rect class=\"unknown\" x=\"%d\" "
				    "y=\"%d\" width=\"%d\" height=\"12\"/>"
				    "<text class=\"val\" x=\"%d\" y=\"%d\">"
				    "unknown</text>\n",
				    left, y + 16, 10 * unit, left + 4, y + 26);
	}
	dp_buf_adds(b, "</svg>\n<figcaption>Required level against the "
		       "person's own assessment (1 to 10):</figcaption>\n"
		       "<table class=\"gap\"><thead><tr><th scope=\"col\">"
		       "Competency</th><th scope=\"col\">Required</th>"
		       "<th scope=\"col\">Self-assessed</th><th scope=\"col\">"
		       "Gap</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->n; i++) {
		const struct dp_gap_row *r = &g->rows[i];

		dp_buf_adds(b, "<tr><th scope=\"row\">");
		dp_html_text(b, comp_name(s, r->competency));
		dp_buf_addf(b, "</th><td>%ld</td>", r->required);
		if (r->level > 0)
			dp_buf_addf(b, "<td>%ld</td><td>%ld</td></tr>\n",
				    r->level, r->gap > 0 ? r->gap : 0);
		else
			dp_buf_adds(b, "<td class=\"unknown\">unknown</td>"
				       "<td>unknown</td></tr>\n");
	}
	dp_buf_adds(b, "</tbody></table>\n</figure>\n");
}

static void section_skills(struct site *s, struct dp_buf *b,
			   const struct dp_ref *ref, const struct dp_doc *doc)
{
	const struct dp_node *c = dp_doc_lookup(doc, "competencies");
	struct dp_strlist targets = DP_STRLIST_INIT;

	if (c && c->type == DP_MAP && c->n) {
		dp_buf_adds(b, "<table class=\"requires\"><caption>Own "
			       "assessment</caption><thead><tr><th "
			       "scope=\"col\">Competency</th><th scope=\"col\">"
			       "Level</th><th scope=\"col\">Aiming for</th>"
			       "<th scope=\"col\">Assessed</th></tr></thead>\n"
			       "<tbody>\n");
		for (size_t i = 0; i < c->n; i++) {
			dp_buf_adds(b, "<tr><th scope=\"row\">");
			dp_html_text(b, comp_name(s, c->keys[i]->str));
			dp_buf_adds(b, "</th><td>");
			dp_html_text(b,
				     or_empty(node_str(c->items[i], "level")));
			dp_buf_adds(b, "</td><td>");
			dp_html_text(b,
				     or_empty(node_str(c->items[i], "target")));
			dp_buf_adds(b, "</td><td>");
			dp_html_text(b,
				     or_empty(node_str(c->items[i], "date")));
			dp_buf_adds(b, "</td></tr>\n");
		}
		dp_buf_adds(b, "</tbody></table>\n");
	}
	if (s->plan &&
	    dp_gap_targets(&targets, s->plan, ref->person, NULL) == 0) {
		for (size_t i = 0; i < targets.len && i < 3; i++) {
			struct dp_gap g;

			if (dp_gap_compute(&g, s->plan, ref->person,
					   targets.items[i]) < 0)
				continue;
			gap_chart(s, b, &g);
			dp_gap_release(&g);
		}
	}
	dp_error_clear();
	dp_strlist_release(&targets);
	body_html(s, b, ref, doc, 3);
}

/* Learning hours per month, from the journal's dated entries. */
static void section_journal(struct site *s, struct dp_buf *b,
			    const struct dp_ref *ref, const struct dp_doc *doc)
{
	struct dp_journal j = { NULL, 0 };
	size_t len, nmonths = 0;
	const char *body = dp_doc_body(doc, &len);
	char(*month)[8] = NULL;
	long *tenths = NULL, max = 1;

	(void)s;
	(void)ref;
	if (dp_journal_parse(&j, body, len) < 0 || !j.n) {
		dp_error_clear();
		dp_buf_adds(b, "<p class=\"none\">No entries yet.</p>\n");
		dp_journal_release(&j);
		return;
	}
	month = dp_xcalloc(j.n, sizeof(*month));
	tenths = dp_xcalloc(j.n, sizeof(*tenths));
	for (size_t i = 0; i < j.n; i++) {
		size_t m;

		for (m = 0; m < nmonths && memcmp(month[m], j.items[i].date, 7);
		     m++)
			;
		if (m == nmonths) {
			memcpy(month[m], j.items[i].date, 7);
			month[m][7] = '\0';
			nmonths++;
		}
		if (j.items[i].tenths > 0)
			tenths[m] += j.items[i].tenths;
	}
	/* Months in order (insertion sort: a journal has few months). */
	for (size_t i = 1; i < nmonths; i++)
		for (size_t k = i; k && strcmp(month[k - 1], month[k]) > 0;
		     k--) {
			char t[8];
			long h = tenths[k];

			memcpy(t, month[k], 8);
			memcpy(month[k], month[k - 1], 8);
			memcpy(month[k - 1], t, 8);
			tenths[k] = tenths[k - 1];
			tenths[k - 1] = h;
		}
	if (nmonths > 12) { /* the last twelve */
		memmove(month, month + nmonths - 12, 12 * sizeof(*month));
		memmove(tenths, tenths + nmonths - 12, 12 * sizeof(*tenths));
		nmonths = 12;
	}
	for (size_t m = 0; m < nmonths; m++)
		if (tenths[m] > max)
			max = tenths[m];
	{
		const int bw = 40, gap = 12, h = 100, top = 16, bottom = 20;
		int width = (int)nmonths * (bw + gap) + gap;

		dp_buf_addf(b,
			    "<figure>\n<svg class=\"hours\" width=\"%d\" "
			    "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
			    "aria-label=\"Learning hours per month\">"
			    "<title>Learning hours per month</title>\n",
			    width, h + top + bottom, width, h + top + bottom);
		for (size_t m = 0; m < nmonths; m++) {
			int x = gap + (int)m * (bw + gap);
			long bh = tenths[m] * h / max;

			dp_buf_addf(b,
				    "<rect class=\"fill\" x=\"%d\" y=\"%ld\" "
				    "width=\"%d\" height=\"%ld\"/><text "
				    "class=\"val\" x=\"%d\" y=\"%ld\">%ld.%ld"
				    "</text><text class=\"axis\" x=\"%d\" "
				    "y=\"%d\">%s</text>\n",
				    x, top + h - bh, bw, bh, x + bw / 2,
				    top + h - bh - 3, tenths[m] / 10,
				    tenths[m] % 10, x + bw / 2,
				    top + h + bottom - 6, month[m]);
		}
		dp_buf_adds(b, "</svg>\n<figcaption>Hours of learning per "
			       "month:</figcaption>\n<ul class=\"months\">");
		for (size_t m = 0; m < nmonths; m++)
			dp_buf_addf(b, "<li>%s: %ld.%ld h</li>", month[m],
				    tenths[m] / 10, tenths[m] % 10);
		dp_buf_adds(b, "</ul>\n</figure>\n");
	}
	dp_buf_adds(b, "<h3>Latest entries</h3>\n<ul class=\"journal\">\n");
	for (size_t n = 0; n < j.n && n < 5; n++) {
		const struct dp_journal_entry *e = &j.items[j.n - 1 - n];

		dp_buf_addf(b, "<li><time datetime=\"%s\">%s</time>", e->date,
			    e->date);
		if (e->tenths >= 0)
			dp_buf_addf(b, " (%ld.%ld h)", e->tenths / 10,
				    e->tenths % 10);
		dp_buf_adds(b, ": ");
		short_text(b, or_empty(e->text), 200);
		dp_buf_adds(b, "</li>\n");
	}
	dp_buf_adds(b, "</ul>\n");
	free(month);
	free(tenths);
	dp_journal_release(&j);
}

static void section_conversation(struct site *s, struct dp_buf *b,
				 const struct dp_ref *ref,
				 const struct dp_doc *doc)
{
	const char *date = dp_doc_str(doc, "date");
	const struct dp_node *with = dp_doc_lookup(doc, "with");
	const struct dp_node *items = dp_doc_lookup(doc, "items");

	dp_buf_adds(b, "<article class=\"record\">\n<h3>");
	dp_html_text(b, date && *date ? date : ref->name);
	if (with && with->type == DP_SEQ && with->n) {
		dp_buf_adds(b, " with ");
		for (size_t i = 0; i < with->n; i++) {
			if (i)
				dp_buf_adds(b, ", ");
			if (with->items[i]->type == DP_SCALAR)
				person_link(s, b, "../../",
					    with->items[i]->str);
		}
	}
	dp_buf_adds(b, "</h3>\n");
	if (items && items->type == DP_SEQ && items->n) {
		dp_buf_adds(b, "<ul class=\"actions\">\n");
		for (size_t i = 0; i < items->n; i++) {
			const char *done = node_str(items->items[i], "done");
			int d = done && !strcmp(done, "true");

			dp_buf_addf(b,
				    "<li%s><span class=\"box\" "
				    "aria-hidden=\"true\">%s</span><span "
				    "class=\"sr\">%s: </span>",
				    d ? " class=\"done\"" : "",
				    d ? "\xe2\x98\x91" : "\xe2\x98\x90",
				    d ? "Done" : "Open");
			dp_html_text(
			    b, or_empty(node_str(items->items[i], "text")));
			dp_buf_adds(b, "</li>\n");
		}
		dp_buf_adds(b, "</ul>\n");
	}
	body_html(s, b, ref, doc, 4);
	dp_buf_adds(b, "</article>\n");
}

static void section_note(struct site *s, struct dp_buf *b,
			 const struct dp_ref *ref, const struct dp_doc *doc)
{
	const char *title = dp_doc_str(doc, "title");
	const char *created = dp_doc_str(doc, "created");
	const char *shared = dp_doc_str(doc, "shared");

	dp_buf_adds(b, "<article class=\"record\">\n<h3>");
	dp_html_text(b, title && *title ? title : ref->name);
	dp_buf_adds(b, "</h3>\n<p class=\"meta\">");
	if (created && *created) {
		dp_buf_adds(b, "Written ");
		dp_html_text(b, created);
	}
	if (shared && *shared) {
		dp_buf_adds(b, created && *created ? ", shared " : "Shared ");
		dp_html_text(b, shared);
	}
	dp_buf_adds(b, "</p>\n");
	body_html(s, b, ref, doc, 4);
	dp_buf_adds(b, "</article>\n");
}

/*
 * The comments on a record, under it: replies indented, kudos marked in
 * words and with a star, the author's standing (manager, peer) named.
 */
static void thread_html(struct site *s, struct dp_buf *b,
			const struct dp_ref *ref, const char *root)
{
	struct dp_thread t = DP_THREAD_INIT;
	struct person *p = find_person(s, ref->person);

	/* Most people have no comments: look for the folder once. */
	if (p && p->comments < 0) {
		struct dp_buf dir = DP_BUF_INIT;

		dp_layout_person_dir(&dir, dp_plan_layout(s->plan), p->id);
		dp_buf_addf(&dir, "/%s", dp_kind_def(DP_KIND_COMMENT)->dir);
		p->comments = dp_store_isdir(s->st, dir.ptr);
		dp_buf_release(&dir);
	}
	if ((p && !p->comments) || !s->plan)
		return;
	if (dp_comment_thread(s->plan, ref, &t) < 0) {
		dp_error_clear();
		return;
	}
	if (t.len) {
		dp_buf_addf(
		    b,
		    "<section class=\"thread\" aria-label=\"Comments\">"
		    "\n<h4>Comments (%zu)</h4>\n<ol class=\"thread\">\n",
		    t.len);
		for (size_t i = 0; i < t.len; i++) {
			const struct dp_comment *c = &t.items[i];

			dp_buf_addf(b, "<li class=\"comment depth-%zu%s\">",
				    c->depth > 3 ? (size_t)3 : c->depth,
				    c->kudos ? " kudos" : "");
			if (c->kudos)
				dp_buf_adds(b, "<span class=\"badge\">"
					       "\xe2\x98\x85 Kudos</span> ");
			dp_buf_adds(b, "<span class=\"who\">");
			person_link(s, b, root, or_empty(c->author));
			if (c->role && *c->role) {
				dp_buf_adds(b, " <span class=\"meta\">(");
				dp_html_text(b, c->role);
				dp_buf_adds(b, ")</span>");
			}
			dp_buf_adds(b, "</span> <time datetime=\"");
			dp_html_attr(b, or_empty(c->date));
			dp_buf_adds(b, "\">");
			dp_html_text(b, or_empty(c->date));
			dp_buf_adds(b, "</time>");
			if (c->reply_to)
				dp_buf_adds(b, " <span class=\"meta\">reply"
					       "</span>");
			dp_buf_adds(b, "<p>");
			dp_html_text(b, or_empty(c->text));
			dp_buf_adds(b, "</p></li>\n");
		}
		dp_buf_adds(b, "</ol>\n</section>\n");
	}
	dp_thread_release(&t);
}

struct section_def {
	enum dp_kind kind;
	const char *heading;
	void (*render)(struct site *s, struct dp_buf *b,
		       const struct dp_ref *ref, const struct dp_doc *doc);
};

/* In page order; a kind not listed gets section_fields after these. */
static const struct section_def sections[] = {
	{ DP_KIND_PROFILE, "Profile", section_profile },
	{ DP_KIND_CAREER_MAP, "Career map", section_career },
	{ DP_KIND_SWOT, "SWOT", section_swot },
	{ DP_KIND_GOAL, "Goals", section_goal },
	{ DP_KIND_SKILLS, "Skills and the gap to the next role",
	  section_skills },
	{ DP_KIND_JOURNAL, "Learning journal", section_journal },
	{ DP_KIND_CONVERSATION, "Conversations", section_conversation },
	{ DP_KIND_NOTE, "Notes", section_note },
};

static const struct section_def *section_of(enum dp_kind kind)
{
	for (size_t i = 0; i < DP_ARRAY_SIZE(sections); i++)
		if (sections[i].kind == kind)
			return &sections[i];
	return NULL;
}

/* The goal's own page, into s->page. */
static void goal_page_html(struct site *s, const struct dp_ref *ref,
			   const struct dp_doc *doc)
{
	struct dp_buf *b = &s->page;
	const char *title = dp_doc_str(doc, "title");
	const char *success = dp_doc_str(doc, "success");

	if (!title || !*title)
		title = ref->name;
	page_begin(s, b, "../../../", title);
	dp_buf_adds(b, "<nav class=\"crumbs\" aria-label=\"Breadcrumb\">");
	person_link(s, b, "../../../", ref->person);
	dp_buf_adds(b, "</nav>\n<h1>");
	dp_html_text(b, title);
	dp_buf_adds(b, "</h1>\n<section class=\"facts\">\n<h2>Status</h2>\n");
	goal_facts(s, b, "../../../", doc);
	if (success && *success) {
		dp_buf_adds(b, "<p class=\"success\"><strong>Success looks "
			       "like:</strong> ");
		dp_html_text(b, success);
		dp_buf_adds(b, "</p>\n");
	}
	dp_buf_adds(b, "</section>\n");
	progress_chart(s, b, ref, doc);
	thread_html(s, b, ref, "../../../"); /* people/<p>/goals/<g>.html */
	if (doc->body_start < doc->text.len) {
		struct dp_buf body = DP_BUF_INIT;

		body_html(s, &body, ref, doc, 3);
		if (body.len)
			dp_buf_addf(b,
				    "<section>\n<h2>Why</h2>\n%s</section>\n",
				    body.ptr);
		dp_buf_release(&body);
	}
	page_end(s, b);
}

/* The goal's own page, written. */
static int goal_page(struct site *s, const struct dp_ref *ref,
		     const struct dp_doc *doc)
{
	struct dp_buf rel = DP_BUF_INIT;
	int ret;

	goal_page_html(s, ref, doc);
	if (s->chart_err < 0)
		return s->chart_err;
	dp_buf_addf(&rel, "people/%s/goals/%s.html", ref->person, ref->name);
	ret = write_file(s, rel.ptr, &s->page);
	dp_buf_release(&rel);
	return ret;
}

/* Writes the page of the person the walk was in, and resets sections. */
static int finish_person(struct site *s)
{
	struct person *p = s->cur;
	struct dp_buf *b = &s->page;
	struct dp_buf rel = DP_BUF_INIT;
	const struct role *r;
	int ret;

	if (!p)
		return 0;
	page_begin(s, b, "../../", *p->name ? p->name : p->id);
	dp_buf_adds(b, "<h1>");
	dp_html_text(b, *p->name ? p->name : p->id);
	dp_buf_adds(b, "</h1>\n");
	r = find_role(s, p->role);
	if (r || *p->team) {
		dp_buf_adds(b, "<p class=\"lede\">");
		if (r)
			dp_html_text(b, *r->title ? r->title : r->id);
		if (r && *p->team)
			dp_buf_adds(b, " \xc2\xb7 ");
		dp_html_text(b, p->team);
		dp_buf_adds(b, "</p>\n");
	}
	/* Known kinds in their order, then the others by kind number. */
	for (size_t i = 0; i < DP_ARRAY_SIZE(sections); i++) {
		enum dp_kind k = sections[i].kind;

		if (!s->counts[k])
			continue;
		dp_buf_addf(b,
			    "<section class=\"kind-%s\" id=\"%s\">\n<h2>%s"
			    "</h2>\n%s</section>\n",
			    dp_kind_name(k), dp_kind_name(k),
			    sections[i].heading, s->sections[k].ptr);
	}
	for (int k = 0; k < DP_KIND_COUNT; k++) {
		const char *name = dp_kind_name((enum dp_kind)k);

		if (!s->counts[k] || section_of((enum dp_kind)k))
			continue;
		dp_buf_addf(b, "<section class=\"kind-%s\">\n<h2>", name);
		dp_buf_addch(b, name[0] >= 'a' && name[0] <= 'z'
				    ? name[0] - 'a' + 'A'
				    : name[0]);
		dp_html_text(b, name + 1);
		dp_buf_addf(b, "</h2>\n%s</section>\n", s->sections[k].ptr);
	}
	page_end(s, b);
	if (s->feed) {
		dp_buf_reset(&rel);
		if ((ret = dp_stats_feed_person(s->feed, p->id, &rel)) < 0) {
			dp_buf_release(&rel);
			return ret;
		}
		free(p->part);
		p->part = dp_xstrdup(rel.len ? rel.ptr : "");
		dp_buf_reset(&rel);
	}
	dp_buf_addf(&rel, "people/%s/index.html", p->id);
	ret = write_file(s, rel.ptr, b);
	dp_buf_release(&rel);
	for (int k = 0; k < DP_KIND_COUNT; k++) {
		dp_buf_reset(&s->sections[k]);
		s->counts[k] = 0;
	}
	s->cur = NULL;
	return ret;
}

/* ---- framework ---- */

static void competencies_page(struct site *s, const struct dp_ref *ref,
			      const struct dp_doc *doc)
{
	const struct dp_node *list = dp_doc_lookup(doc, "competencies");
	struct dp_buf *b = &s->page;
	struct dp_strlist cats = DP_STRLIST_INIT;

	for (size_t i = 0; dp_competency_categories[i]; i++)
		dp_strlist_push(&cats, dp_competency_categories[i]);
	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++) {
		const struct dp_node *c = list->items[i];
		const struct dp_node *n = dp_node_get(c, "id");

		if (!n || n->type != DP_SCALAR)
			continue;
		GROW(s->comps, s->ncomps, s->acomps);
		s->comps[s->ncomps].id = dp_xstrdup(n->str);
		n = dp_node_get(c, "name");
		s->comps[s->ncomps].name =
		    dup_str(n && n->type == DP_SCALAR && *n->str
				? n->str
				: s->comps[s->ncomps].id);
		s->ncomps++;
		n = dp_node_get(c, "category");
		if (n && n->type == DP_SCALAR && !dp_strlist_has(&cats, n->str))
			dp_strlist_push(&cats, n->str);
	}
	page_begin(s, b, "../", "Competencies");
	dp_buf_adds(b, "<h1>Competencies</h1>\n");
	for (size_t k = 0; k < cats.len; k++) {
		int any = 0;

		for (size_t i = 0; list && list->type == DP_SEQ && i < list->n;
		     i++) {
			const struct dp_node *c = list->items[i];
			const struct dp_node *id = dp_node_get(c, "id");
			const struct dp_node *cat = dp_node_get(c, "category");
			const struct dp_node *name = dp_node_get(c, "name");
			const struct dp_node *desc =
			    dp_node_get(c, "description");
			const struct dp_node *levels = dp_node_get(c, "levels");

			if (!id || id->type != DP_SCALAR || !cat ||
			    cat->type != DP_SCALAR ||
			    strcmp(cat->str, cats.items[k]))
				continue;
			if (!any++) {
				dp_buf_adds(b, "<section class=\"category\">\n"
					       "<h2>");
				dp_buf_addch(b, cats.items[k][0] >= 'a' &&
							cats.items[k][0] <= 'z'
						    ? cats.items[k][0] - 32
						    : cats.items[k][0]);
				dp_html_text(b, cats.items[k] + 1);
				dp_buf_adds(b, "</h2>\n");
			}
			dp_buf_adds(b, "<article class=\"competency\" id=\"c-");
			dp_html_attr(b, id->str);
			dp_buf_adds(b, "\">\n<h3>");
			dp_html_text(b, name && name->type == DP_SCALAR
					    ? name->str
					    : id->str);
			dp_buf_adds(b, "</h3>\n");
			if (desc && desc->type == DP_SCALAR && *desc->str) {
				dp_buf_adds(b, "<p>");
				dp_html_text(b, desc->str);
				dp_buf_adds(b, "</p>\n");
			}
			if (levels && levels->type == DP_MAP && levels->n) {
				dp_buf_adds(b, "<dl class=\"levels\">\n");
				for (size_t l = 0; l < levels->n; l++) {
					dp_buf_adds(b, "<dt>Level ");
					dp_html_text(b, levels->keys[l]->str);
					dp_buf_adds(b, "</dt><dd>");
					node_html(b, levels->items[l]);
					dp_buf_adds(b, "</dd>\n");
				}
				dp_buf_adds(b, "</dl>\n");
			}
			dp_buf_adds(b, "</article>\n");
		}
		if (any)
			dp_buf_adds(b, "</section>\n");
	}
	if (!s->ncomps)
		dp_buf_adds(b, "<p>The catalog has no competencies yet.</p>\n");
	page_end(s, b);
	(void)ref;
	dp_strlist_release(&cats);
}

static void add_role(struct site *s, const struct dp_ref *ref,
		     const struct dp_doc *doc)
{
	struct dp_buf *b = &s->roles_html;
	const struct dp_node *req = dp_doc_lookup(doc, "requires");
	const struct dp_node *next = dp_doc_lookup(doc, "next");
	const char *level = dp_doc_str(doc, "level");
	struct role *r;

	GROW(s->roles, s->nroles, s->aroles);
	r = &s->roles[s->nroles++];
	memset(r, 0, sizeof(*r));
	r->id = dp_xstrdup(ref->name);
	r->title = dup_str(dp_doc_str(doc, "title"));
	r->track = dup_str(dp_doc_str(doc, "track"));
	if (!level || dp_parse_long(level, 1, 20, &r->level) < 0)
		r->level = 1;
	for (size_t i = 0; next && next->type == DP_SEQ && i < next->n; i++)
		if (next->items[i]->type == DP_SCALAR)
			dp_strlist_push(&r->next, next->items[i]->str);

	dp_buf_adds(b, "<section class=\"role\" id=\"role-");
	dp_html_attr(b, r->id);
	dp_buf_adds(b, "\">\n<h2>");
	dp_html_text(b, *r->title ? r->title : r->id);
	dp_buf_adds(b, "</h2>\n<p class=\"meta\">");
	dp_html_text(b, *r->track ? r->track : "no track");
	dp_buf_addf(b, " track \xc2\xb7 level %ld</p>\n", r->level);
	if (req && req->type == DP_MAP && req->n) {
		dp_buf_adds(b, "<table class=\"requires\">\n<caption>Requires"
			       "</caption>\n<thead><tr><th scope=\"col\">"
			       "Competency</th><th scope=\"col\">Level</th>"
			       "</tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < req->n; i++) {
			dp_buf_adds(b,
				    "<tr><td><a href=\"competencies.html#c-");
			dp_html_attr(b, req->keys[i]->str);
			dp_buf_adds(b, "\">");
			dp_html_text(b, comp_name(s, req->keys[i]->str));
			dp_buf_adds(b, "</a></td><td>");
			node_html(b, req->items[i]);
			dp_buf_adds(b, "</td></tr>\n");
		}
		dp_buf_adds(b, "</tbody>\n</table>\n");
	}
	if (r->next.len) {
		dp_buf_adds(b, "<p class=\"next\">Next: ");
		for (size_t i = 0; i < r->next.len; i++) {
			dp_buf_adds(b, i ? ", " : "");
			dp_buf_adds(b, "<a href=\"#role-");
			dp_html_attr(b, r->next.items[i]);
			dp_buf_adds(b, "\">");
			dp_html_text(b, r->next.items[i]);
			dp_buf_adds(b, "</a>");
		}
		dp_buf_adds(b, "</p>\n");
	}
	body_html(s, b, ref, doc, 3);
	dp_buf_adds(b, "</section>\n");
}

static int role_pos_cmp(const void *pa, const void *pb)
{
	const struct role *a = *(const struct role *const *)pa;
	const struct role *b = *(const struct role *const *)pb;
	int c = strcmp(a->track, b->track);

	if (c)
		return c;
	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Truncates `s` to at most `max` bytes on a UTF-8 boundary, with "…". */
static void short_text(struct dp_buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max) {
		dp_html_text(b, s);
		return;
	}
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	dp_html_textn(b, s, max);
	dp_buf_adds(b, "\xe2\x80\xa6");
}

/*
 * The lattice: a column per track, roles upward by level, an arrow for
 * each `next`. The roles page holds the same facts as text.
 */
static int lattice_page(struct site *s)
{
	const int bw = 150, bh = 36, gx = 30, gy = 44, pad = 20;
	struct dp_buf *b = &s->page;
	const struct role **order;
	long maxlevel = 1;
	int *x, *y, col = -1, width, height;
	const char *track = NULL;
	long level = 0;

	order = dp_xcalloc(s->nroles + 1, sizeof(*order));
	x = dp_xcalloc(s->nroles + 1, sizeof(*x));
	y = dp_xcalloc(s->nroles + 1, sizeof(*y));
	for (size_t i = 0; i < s->nroles; i++) {
		order[i] = &s->roles[i];
		if (s->roles[i].level > maxlevel)
			maxlevel = s->roles[i].level;
	}
	qsort(order, s->nroles, sizeof(*order), role_pos_cmp);
	/* Same track, same level: side by side; a new track: new column. */
	for (size_t i = 0, track_col = 0; i < s->nroles; i++) {
		if (!track || strcmp(track, order[i]->track)) {
			track_col = (size_t)(col + 1);
			track = order[i]->track;
			level = -1;
		}
		x[i] = order[i]->level == level ? x[i - 1] + 1 : (int)track_col;
		level = order[i]->level;
		if (x[i] > col)
			col = x[i];
		y[i] = (int)(maxlevel - order[i]->level);
	}
	width = pad * 2 + (col + 1) * (bw + gx) - gx;
	height = pad * 2 + (int)maxlevel * (bh + gy) - gy;
	if (width < 200)
		width = 200;
	page_begin(s, b, "../", "Career lattice");
	dp_buf_adds(b, "<h1>Career lattice</h1>\n");
	if (!s->nroles) {
		dp_buf_adds(b, "<p>The framework has no roles yet.</p>\n");
		goto end;
	}
	dp_buf_addf(b,
		    "<figure>\n<svg class=\"lattice\" width=\"%d\" "
		    "height=\"%d\" viewBox=\"0 0 %d %d\" "
		    "role=\"img\" aria-label=\"Career lattice\">\n"
		    "<title>Roles by track and level, "
		    "with an arrow to each next role</title>\n"
		    "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" "
		    "refX=\"10\" refY=\"5\" markerWidth=\"8\" "
		    "markerHeight=\"8\" orient=\"auto-start-reverse\">"
		    "<path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n",
		    width, height, width, height);
	for (size_t i = 0; i < s->nroles; i++) {
		for (size_t n = 0; n < order[i]->next.len; n++) {
			size_t j;

			for (j = 0; j < s->nroles; j++)
				if (!strcmp(order[j]->id,
					    order[i]->next.items[n]))
					break;
			if (j == s->nroles || j == i)
				continue;
			{
				int x1 = pad + x[i] * (bw + gx) + bw / 2;
				int y1 = pad + y[i] * (bh + gy);
				int x2 = pad + x[j] * (bw + gx) + bw / 2;
				int y2 = pad + y[j] * (bh + gy) + bh;

				if (y[j] >= y[i]) { /* across or down */
					y1 += bh / 2;
					y2 = pad + y[j] * (bh + gy) + bh / 2;
					x1 += x2 > x1 ? bw / 2 : -bw / 2;
					x2 += x2 > x1 ? -bw / 2 : bw / 2;
				}
				dp_buf_addf(b,
					    "<line class=\"edge\" x1=\"%d\" "
					    "y1=\"%d\" x2=\"%d\" y2=\"%d\" "
					    "marker-end=\"url(#arrow)\"/>\n",
					    x1, y1, x2, y2);
			}
		}
	}
	for (size_t i = 0; i < s->nroles; i++) {
		int rx = pad + x[i] * (bw + gx), ry = pad + y[i] * (bh + gy);
		const struct role *r = order[i];

		dp_buf_addf(b,
			    "<g><rect class=\"node\" x=\"%d\" y=\"%d\" "
			    "width=\"%d\" height=\"%d\" rx=\"6\"/>"
			    "<text x=\"%d\" y=\"%d\">",
			    rx, ry, bw, bh, rx + bw / 2, ry + 15);
		short_text(b, *r->title ? r->title : r->id, 22);
		dp_buf_addf(b, "</text><text class=\"sub\" x=\"%d\" y=\"%d\">",
			    rx + bw / 2, ry + 29);
		short_text(b, *r->track ? r->track : "-", 12);
		dp_buf_addf(b, " L%ld</text></g>\n", r->level);
	}
	dp_buf_adds(b, "</svg>\n<figcaption>Each box is a role (its track "
		       "and level below the title); arrows lead to the roles "
		       "that can follow it. The <a href=\"roles.html\">roles "
		       "page</a> lists the same paths as text.</figcaption>\n"
		       "</figure>\n");
end:
	page_end(s, b);
	free(order);
	free(x);
	free(y);
	return write_file(s, "framework/lattice.html", b);
}

/* ---- index ---- */

static int index_cmp(const void *pa, const void *pb)
{
	const struct person *a = *(const struct person *const *)pa;
	const struct person *b = *(const struct person *const *)pb;
	int c;

	/* People without a team after the teams. */
	if (!*a->team != !*b->team)
		return *a->team ? -1 : 1;
	if ((c = strcmp(a->team, b->team)))
		return c;
	if ((c = strcmp(a->manager, b->manager)))
		return c;
	return strcmp(a->id, b->id);
}

static int index_page(struct site *s)
{
	struct dp_buf *b = &s->page;
	const struct person **order;
	const char *team = NULL, *manager = NULL;

	order = dp_xcalloc(s->npeople + 1, sizeof(*order));
	for (size_t i = 0; i < s->npeople; i++)
		order[i] = &s->people[i];
	qsort(order, s->npeople, sizeof(*order), index_cmp);
	page_begin(s, b, "", "People");
	dp_buf_adds(b, "<h1>People</h1>\n");
	if (!s->npeople)
		dp_buf_adds(b, "<p>Nobody has a plan here yet.</p>\n");
	for (size_t i = 0; i < s->npeople; i++) {
		const struct person *p = order[i];

		if (!team || strcmp(team, p->team)) {
			if (team)
				dp_buf_adds(b, "</ul>\n</section>\n");
			dp_buf_adds(b, "<section class=\"team\">\n<h2>");
			dp_html_text(b, *p->team ? p->team : "No team");
			dp_buf_adds(b, "</h2>\n");
			team = p->team;
			manager = NULL;
		}
		if (!manager || strcmp(manager, p->manager)) {
			if (manager)
				dp_buf_adds(b, "</ul>\n");
			dp_buf_adds(b, "<h3>");
			if (*p->manager) {
				dp_buf_adds(b, "Reporting to ");
				person_link(s, b, "", p->manager);
			} else {
				dp_buf_adds(b, "No manager");
			}
			dp_buf_adds(b, "</h3>\n<ul class=\"people\">\n");
			manager = p->manager;
		}
		dp_buf_adds(b, "<li class=\"card\">");
		person_link(s, b, "", p->id);
		if (find_role(s, p->role)) {
			dp_buf_adds(b, " <span class=\"role\">");
			dp_html_text(b, find_role(s, p->role)->title);
			dp_buf_adds(b, "</span>");
		}
		if (p->active.len) {
			dp_buf_adds(b, "\n<ul class=\"goals\">");
			for (size_t g = 0; g < p->active.len; g++) {
				const char *e = p->active.items[g];
				const char *tab = strchr(e, '\t');
				char *slug = dp_xstrndup(e, (size_t)(tab - e));

				dp_buf_adds(b, "<li><a href=\"people/");
				dp_html_attr(b, p->id);
				dp_buf_adds(b, "/goals/");
				dp_html_attr(b, slug);
				dp_buf_adds(b, ".html\">");
				dp_html_text(b, tab + 1);
				dp_buf_adds(b, "</a></li>");
				free(slug);
			}
			dp_buf_adds(b, "</ul>");
		} else {
			dp_buf_adds(b, " <span class=\"none\">no active "
				       "goals</span>");
		}
		if (p->last) {
			char day[11];

			date_of(day, p->last, p->last_offset);
			dp_buf_addf(b,
				    "\n<p class=\"updated\">Last update "
				    "<time datetime=\"%s\">%s</time></p>",
				    day, day);
		}
		dp_buf_adds(b, "</li>\n");
	}
	if (team)
		dp_buf_adds(b, "</ul>\n</section>\n");
	page_end(s, b);
	free(order);
	return write_file(s, "index.html", b);
}

/* The organisation's figures (render-org.c) in the site's frame. */
static int org_page(struct site *s)
{
	int ret;

	page_begin(s, &s->page, "", "Programme");
	dp_buf_reset(&s->state);
	if (s->feed) {
		if ((ret = dp_stats_feed_finish(s->feed)) < 0)
			return ret;
		if (dp_stats_feed_state(s->feed, &s->state) < 0)
			dp_buf_reset(&s->state);
		dp_render_org_stats(&s->page, &s->figures);
	} else if ((ret = dp_render_org(&s->page, s->plan, &s->today,
					s->opts->history_commits != 0)) < 0) {
		return ret;
	}
	page_end(s, &s->page);
	return write_file(s, "org.html", &s->page);
}

/* ---- passes ---- */

static int on_profile(const struct dp_ref *ref, const struct dp_doc *doc,
		      void *data)
{
	struct site *s = data;
	struct person *p;

	if (!doc || !id_ok(ref->person))
		return 0;
	GROW(s->people, s->npeople, s->apeople);
	p = &s->people[s->npeople++];
	memset(p, 0, sizeof(*p));
	p->id = dp_xstrdup(ref->person);
	p->name = dup_str(dp_doc_str(doc, "name"));
	p->team = dup_str(dp_doc_str(doc, "team"));
	p->manager = dup_str(dp_doc_str(doc, "manager"));
	p->role = dup_str(dp_doc_str(doc, "role"));
	p->comments = -1;
	p->redo = 1;
	return 0;
}

/*
 * A version of a file (its size in `len`, no text): the person's last
 * update and, for a goal, a point whose progress is read when its page
 * is rendered (point_progress).
 */
static int on_version(const struct dp_version_commit *c, const char *path,
		      const char *text, size_t len, void *data)
{
	struct site *s = data;
	struct dp_ref ref;
	struct person *p;
	long long time = c->time;
	int offset = c->offset;

	(void)text;
	if (len > HISTORY_MAX_TEXT ||
	    dp_layout_parse(&ref, dp_plan_layout(s->plan), path) <= 0)
		return 0;
	p = find_person(s, ref.person);
	if (!p || !p->redo)
		return 0;
	if (time > p->last) {
		p->last = time;
		p->last_offset = offset;
	}
	if (ref.kind != DP_KIND_GOAL)
		return 0;
	GROW(s->points, s->npoints, s->apoints);
	s->points[s->npoints].path = dp_xstrdup(path);
	s->points[s->npoints].time = time;
	s->points[s->npoints].offset = offset;
	s->points[s->npoints].progress = POINT_UNREAD;
	s->points[s->npoints].seq = c->seq;
	memcpy(s->points[s->npoints].blob, c->blob, sizeof(c->blob));
	s->npoints++;
	return 0;
}

/* The places whose changes make a render one of edits (worktree_dirty). */
static const char *const tracked[] = { DP_DIR_PEOPLE "/", "framework/",
				       DP_PATH_CONFIG, NULL };

static int record_tracked(const char *path)
{
	for (size_t i = 0; tracked[i]; i++)
		if (dp_starts_with(path, tracked[i]) &&
		    (path[strlen(tracked[i])] == '\0' ||
		     tracked[i][strlen(tracked[i]) - 1] == '/'))
			return 1;
	return 0;
}

static int on_record(const struct dp_ref *ref, const struct dp_doc *doc,
		     void *data)
{
	struct site *s = data;
	const struct section_def *sec;
	int ret = 0;

	s->stats->records++;
	s->doc_id_ok = 0;
	if (s->match && record_tracked(ref->path) &&
	    (!doc || !dp_head_match_file(s->match, ref->path, doc->text.ptr,
					 doc->text.len)))
		s->unmatched = 1;
	/* The record's blob id, if hashed: its chart's points need it. */
	if (s->match && doc)
		s->doc_id_ok = dp_head_match_last_id(s->match, s->doc_id);
	if (!doc) {
		dp_findings_add(s->problems, DP_SEV_WARNING, ref->path, 0, 0,
				"%s (not rendered)", dp_error_last());
		s->stats->skipped++;
		return 0;
	}
	/* The walk moves on to another person: theirs is done. */
	if (ref->person[0] && s->cur && strcmp(s->cur->id, ref->person) &&
	    (ret = finish_person(s)) < 0)
		return ret;
	if (s->feed && (ret = dp_stats_feed_record(s->feed, ref, doc)) < 0)
		return ret;
	switch (ref->kind) {
	case DP_KIND_CONFIG:
		free(s->org);
		s->org = dup_str(dp_doc_str(doc, "org"));
		return 0;
	case DP_KIND_COMPETENCIES:
		competencies_page(s, ref, doc);
		s->have_competencies = 1;
		return write_file(s, "framework/competencies.html", &s->page);
	case DP_KIND_ROLE:
		if (id_ok(ref->name))
			add_role(s, ref, doc);
		return 0;
	default:
		break;
	}
	if (!ref->person[0])
		return 0;
	if (!s->cur && !(s->cur = find_person(s, ref->person))) {
		s->stats->skipped++;
		return 0;
	}
	if ((unsigned)ref->kind >= DP_KIND_COUNT ||
	    (ref->kind != DP_KIND_PROFILE && !id_ok(ref->name) &&
	     ref->name[0])) {
		s->stats->skipped++;
		return 0;
	}
	/* Comments are shown in the thread under the record they are on. */
	if (ref->kind == DP_KIND_COMMENT)
		return 0;
	sec = section_of(ref->kind);
	(sec ? sec->render : section_fields)(s, &s->sections[ref->kind], ref,
					     doc);
	thread_html(s, &s->sections[ref->kind], ref, "../../");
	s->counts[ref->kind]++;
	if (ref->kind == DP_KIND_GOAL) {
		const char *status = dp_doc_str(doc, "status");
		const char *title = dp_doc_str(doc, "title");
		struct dp_buf e = DP_BUF_INIT;

		if (status && !strcmp(status, "active")) {
			dp_buf_addf(&e, "%s\t", ref->name);
			dp_buf_adds(&e, title && *title ? title : ref->name);
			for (char *c = e.ptr + strlen(ref->name) + 1; *c; c++)
				if (*c == '\t')
					*c = ' ';
			dp_strlist_push(&s->cur->active, e.ptr);
			dp_buf_release(&e);
		}
		if (!dp_strlist_has(&s->cur->goals, ref->name))
			dp_strlist_push(&s->cur->goals, ref->name);
		ret = goal_page(s, ref, doc);
	}
	return ret;
}

static int today_of(struct site *s)
{
	long long t;
	int offset, ret;
	char day[11];
	struct dp_date d;

	if (getenv("DEVPLAN_TODAY")) {
		if ((ret = dp_date_today(&s->today)) < 0)
			dp_error_set(
			    "DEVPLAN_TODAY is not a date (YYYY-MM-DD)");
		return ret;
	}
	if ((ret = dp_store_head_time(s->st, &t, &offset)) < 0)
		return ret;
	date_of(day, t, offset);
	ret = dp_date_parse(&d, day);
	s->today = d;
	return ret;
}

static int write_style(struct site *s)
{
	struct dp_buf css = DP_BUF_INIT;
	int ret = dp_template_load(&css, s->st, "style.css");

	if (!ret)
		ret = write_file(s, "style.css", &css);
	dp_buf_release(&css);
	return ret;
}

static void site_release(struct site *s)
{
	for (size_t i = 0; i < s->ncomps; i++) {
		free(s->comps[i].id);
		free(s->comps[i].name);
	}
	free(s->comps);
	for (size_t i = 0; i < s->nroles; i++) {
		free(s->roles[i].id);
		free(s->roles[i].title);
		free(s->roles[i].track);
		dp_strlist_release(&s->roles[i].next);
	}
	free(s->roles);
	for (size_t i = 0; i < s->npeople; i++) {
		struct person *p = &s->people[i];

		free(p->id);
		free(p->name);
		free(p->team);
		free(p->manager);
		free(p->role);
		dp_strlist_release(&p->active);
		dp_strlist_release(&p->goals);
		dp_strlist_release(&p->links);
		free(p->part);
	}
	free(s->people);
	dp_stats_feed_free(s->feed);
	dp_stats_release(&s->figures);
	dp_buf_release(&s->state);
	dp_head_match_free(s->match);
	for (size_t i = 0; i < s->npoints; i++)
		free(s->points[i].path);
	free(s->points);
	free(s->chart);
	dp_buf_release(&s->chart_head);
	dp_buf_release(&s->chart_grid);
	for (int k = 0; k < DP_KIND_COUNT; k++)
		dp_buf_release(&s->sections[k]);
	dp_buf_release(&s->roles_html);
	dp_buf_release(&s->page);
	dp_buf_release(&s->path);
	free(s->org);
}

static void person_release(struct person *p)
{
	free(p->id);
	free(p->name);
	free(p->team);
	free(p->manager);
	free(p->role);
	dp_strlist_release(&p->active);
	dp_strlist_release(&p->goals);
	dp_strlist_release(&p->links);
	free(p->part);
}

static int person_sort_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct person *)pa)->id,
		      ((const struct person *)pb)->id);
}

/* ---- the cache of the last render (.git/devplan/render-cache) ---- */

/*
 * What the last render into a folder knew, so that the next one renders
 * only what changed: the commit, "today", the people (what the index and
 * links show, the goal pages written, whom their pages name). Text, one
 * fact a line, fields separated by tabs; \ tab CR LF escaped.
 */
#define CACHE_PREFIX "render-cache-"
#define CACHE_MAGIC "devplan-render-cache 1"
/* More people changed than this: render everything. */
#define INCREMENTAL_MAX_PEOPLE 256
/* New commits looked at for the last render's commit, at most. */
#define INCREMENTAL_MAX_COMMITS 1000

static int parse_ll(const char *str, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(str, &end, 10);
	return errno || end == str || *end ? -1 : 0;
}

static void esc(struct dp_buf *b, const char *v)
{
	for (; v && *v; v++) {
		if (*v == '\\')
			dp_buf_adds(b, "\\\\");
		else if (*v == '\t')
			dp_buf_adds(b, "\\t");
		else if (*v == '\n')
			dp_buf_adds(b, "\\n");
		else if (*v == '\r')
			dp_buf_adds(b, "\\r");
		else
			dp_buf_addch(b, *v);
	}
}

/* Splits `line` at tabs into at most `max` unescaped fields (in place). */
static size_t fields(char *line, char **out, size_t max)
{
	size_t n = 0;
	char *r = line, *w = line;

	out[n++] = w;
	for (; *r; r++) {
		if (*r == '\t') {
			*w++ = '\0';
			if (n == max)
				return 0;
			out[n++] = w;
		} else if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't'   ? '\t'
			       : *r == 'n' ? '\n'
			       : *r == 'r' ? '\r'
					   : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return n;
}

struct cache_info {
	char head[41];
	size_t commits; /* commits the history window holds */
	int truncated;  /* the history was longer than the window */
	int dirty;      /* the work tree had edits when rendered */
};

/* The output folder as an absolute path, as the cache names it. */
static void outdir_abs(struct dp_buf *out, const char *dir)
{
	char cwd[4096];

	if (dir[0] != '/' && getcwd(cwd, sizeof(cwd)))
		dp_buf_addf(out, "%s/", cwd);
	dp_buf_adds(out, dir);
}

/* One cache per output folder: render-cache-<FNV-1a of its path>. */
static void cache_name(struct dp_buf *out, const char *outdir)
{
	struct dp_buf abs = DP_BUF_INIT;

	outdir_abs(&abs, outdir);
	dp_buf_addf(out, "%s%016llx", CACHE_PREFIX,
		    (unsigned long long)dp_fnv1a(abs.ptr, abs.len));
	dp_buf_release(&abs);
}

/*
 * A person's active goals (A), goals (G), links (L) and org-page part (S),
 * one escaped line each, as the render cache and a worker's report
 * carry them.
 */
static void put_person_lines(struct dp_buf *b, const struct person *p)
{
	const struct dp_strlist *lists[] = { &p->active, &p->goals, &p->links };
	const char *tags[] = { "A\t", "G\t", "L\t" };

	for (size_t l = 0; l < DP_ARRAY_SIZE(lists); l++) {
		for (size_t g = 0; g < lists[l]->len; g++) {
			dp_buf_adds(b, tags[l]);
			esc(b, lists[l]->items[g]);
			dp_buf_addch(b, '\n');
		}
	}
	if (p->part) {
		dp_buf_adds(b, "S\t");
		esc(b, p->part);
		dp_buf_addch(b, '\n');
	}
}

/* Takes line `f` (tag, value) written by put_person_lines; 0 if not one. */
static int take_person_line(struct person *p, char **f)
{
	if (!strcmp(f[0], "A")) {
		dp_strlist_push(&p->active, f[1]);
	} else if (!strcmp(f[0], "G")) {
		dp_strlist_push(&p->goals, f[1]);
	} else if (!strcmp(f[0], "L")) {
		dp_strlist_push(&p->links, f[1]);
	} else if (!strcmp(f[0], "S")) {
		free(p->part);
		p->part = dp_xstrdup(f[1]);
	} else {
		return 0;
	}
	return 1;
}

static int cache_save(struct site *s, const struct cache_info *ci)
{
	struct dp_buf b = DP_BUF_INIT, abs = DP_BUF_INIT;
	char day[11];
	int ret;

	dp_date_format(day, &s->today);
	dp_buf_addf(&b, "%s\nout\t", CACHE_MAGIC);
	outdir_abs(&abs, s->opts->outdir);
	esc(&b, abs.ptr);
	dp_buf_addf(&b,
		    "\nhead\t%s\ntoday\t%s\nhistory\t%zu\ncommits\t%zu\n"
		    "truncated\t%d\ndirty\t%d\n",
		    ci->head, day, s->opts->history_commits, ci->commits,
		    ci->truncated, ci->dirty);
	if (s->state.len) {
		dp_buf_adds(&b, "figures\t");
		esc(&b, s->state.ptr);
		dp_buf_addch(&b, '\n');
	}
	for (size_t i = 0; i < s->npeople; i++) {
		const struct person *p = &s->people[i];

		dp_buf_adds(&b, "P\t");
		esc(&b, p->id);
		dp_buf_addch(&b, '\t');
		esc(&b, p->name);
		dp_buf_addch(&b, '\t');
		esc(&b, p->team);
		dp_buf_addch(&b, '\t');
		esc(&b, p->manager);
		dp_buf_addch(&b, '\t');
		esc(&b, p->role);
		dp_buf_addf(&b, "\t%lld\t%d\t%d\n", p->last, p->last_offset,
			    p->comments);
		put_person_lines(&b, p);
	}
	dp_buf_reset(&abs);
	cache_name(&abs, s->opts->outdir);
	ret = dp_store_cache_write(s->st, abs.ptr, b.ptr, b.len);
	dp_buf_release(&b);
	dp_buf_release(&abs);
	return ret;
}

/*
 * Reads the cache into `ci` and s->people when it was written for this
 * folder, history setting and day. 0 when usable, 1 when not (render
 * everything).
 */
static int cache_load(struct site *s, struct cache_info *ci)
{
	struct dp_buf b = DP_BUF_INIT, abs = DP_BUF_INIT;
	char day[11], *line, *next, *f[9];
	struct person *p = NULL;
	int ret = 1, header = 0;
	long long v;

	dp_date_format(day, &s->today);
	cache_name(&abs, s->opts->outdir);
	if (dp_store_cache_read(&b, s->st, abs.ptr) < 0) {
		dp_error_clear();
		goto out;
	}
	dp_buf_reset(&abs);
	outdir_abs(&abs, s->opts->outdir);
	for (line = b.ptr; line && *line; line = next) {
		size_t n;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!header++) {
			if (strcmp(line, CACHE_MAGIC))
				goto out;
			continue;
		}
		n = fields(line, f, DP_ARRAY_SIZE(f));
		if (n == 2 && !strcmp(f[0], "out")) {
			if (strcmp(f[1], abs.ptr))
				goto out;
		} else if (n == 2 && !strcmp(f[0], "head")) {
			snprintf(ci->head, sizeof(ci->head), "%s", f[1]);
		} else if (n == 2 && !strcmp(f[0], "today")) {
			if (strcmp(f[1], day))
				goto out;
		} else if (n == 2 && !strcmp(f[0], "history")) {
			if (parse_ll(f[1], &v) < 0 ||
			    (size_t)v != s->opts->history_commits)
				goto out;
		} else if (n == 2 && !strcmp(f[0], "commits")) {
			if (parse_ll(f[1], &v) < 0)
				goto out;
			ci->commits = (size_t)v;
		} else if (n == 2 && !strcmp(f[0], "truncated")) {
			ci->truncated = !strcmp(f[1], "1");
		} else if (n == 2 && !strcmp(f[0], "dirty")) {
			ci->dirty = !strcmp(f[1], "1");
		} else if (n == 2 && !strcmp(f[0], "figures")) {
			dp_buf_reset(&s->state);
			dp_buf_adds(&s->state, f[1]);
		} else if (n == 2 && p && take_person_line(p, f)) {
			/* A person's list or part, taken. */
		} else if (n == 9 && !strcmp(f[0], "P")) {
			GROW(s->people, s->npeople, s->apeople);
			p = &s->people[s->npeople++];
			memset(p, 0, sizeof(*p));
			p->id = dp_xstrdup(f[1]);
			p->name = dp_xstrdup(f[2]);
			p->team = dp_xstrdup(f[3]);
			p->manager = dp_xstrdup(f[4]);
			p->role = dp_xstrdup(f[5]);
			if (parse_ll(f[6], &p->last) < 0 ||
			    parse_ll(f[7], &v) < 0)
				goto out;
			p->last_offset = (int)v;
			if (parse_ll(f[8], &v) < 0)
				goto out;
			p->comments = (int)v;
			if (s->npeople > 1 &&
			    strcmp(s->people[s->npeople - 2].id, p->id) >= 0)
				goto out;
		} else {
			goto out;
		}
	}
	ret = ci->head[0] && !ci->truncated && !ci->dirty ? 0 : 1;
out:
	dp_buf_release(&b);
	dp_buf_release(&abs);
	return ret;
}

/* ---- the two ways to render ---- */

/* 1 when the work tree's records differ from HEAD's (a render of edits). */
static int worktree_dirty(struct site *s)
{
	static const char *const heads[] = { DP_DIR_PEOPLE, "framework",
					     DP_PATH_CONFIG, NULL };
	struct dp_strlist changed = DP_STRLIST_INIT;
	int dirty;

	/*
	 * The full walk read every record: when each was HEAD's blob and
	 * HEAD has no other file there, nothing was edited (what git's
	 * status would also say, but for untracked files that are not
	 * records, which no page shows). Else git's status.
	 */
	if (s->match && !s->unmatched && dp_head_match_all(s->match, heads))
		return 0;
	dirty = dp_store_changed_paths(&changed, s->st, tracked) < 0 ||
		changed.len > 0;

	dp_error_clear();
	dp_strlist_release(&changed);
	return dirty;
}

/*
 * 1 when the records of anyone to render again, the framework or
 * devplan.yaml differ from HEAD's: files compared with HEAD's blobs in
 * those folders only, not a status of the whole work tree.
 */
static int redo_dirty(struct site *s)
{
	struct dp_buf dir = DP_BUF_INIT;
	int dirty = dp_store_matches_head(s->st, "framework") != 1 ||
		    dp_store_matches_head(s->st, DP_PATH_CONFIG) != 1;

	for (size_t i = 0; !dirty && i < s->npeople; i++) {
		if (!s->people[i].redo)
			continue;
		dp_buf_reset(&dir);
		dp_layout_person_dir(&dir, dp_plan_layout(s->plan),
				     s->people[i].id);
		dirty = dp_store_matches_head(s->st, dir.ptr) != 1;
	}
	dp_buf_release(&dir);
	return dirty;
}

/*
 * The history of `prefix` into the points and people's last update; only
 * of its entries named `from` <= name < `to` (NULL: no bound).
 */
static int read_history(struct site *s, const char *prefix, const char *from,
			const char *to, struct cache_info *ci)
{
	struct dp_versions v;
	int ret;

	memset(&v, 0, sizeof(v));
	v.prefix = prefix;
	v.from = from;
	v.to = to;
	v.max_commits = s->opts->history_commits;
	v.flags = DP_VERSIONS_NO_TEXT | DP_VERSIONS_SIZES;
	if ((ret = dp_store_versions(s->st, &v, on_version, s)) < 0)
		return ret;
	if (ci) {
		ci->commits = v.commits;
		ci->truncated = v.truncated;
	}
	return 0;
}

/*
 * The people's history (entries of people/ from <= name < to; NULL: no
 * bound), its points sorted for points_of.
 */
static int people_history(struct site *s, const char *from, const char *to,
			  struct cache_info *ci)
{
	int ret;

	if (s->opts->history_commits &&
	    (ret = read_history(s, DP_DIR_PEOPLE "/", from, to, ci)) < 0)
		return ret;
	if (s->npoints > 1)
		qsort(s->points, s->npoints, sizeof(*s->points), point_cmp);
	return 0;
}

/* The framework pages, from the roles and competencies read. */
static int framework_pages(struct site *s)
{
	int ret;

	if (!s->have_competencies) {
		struct dp_doc empty = DP_DOC_INIT;
		struct dp_ref none;

		memset(&none, 0, sizeof(none));
		competencies_page(s, &none, &empty);
		if ((ret = write_file(s, "framework/competencies.html",
				      &s->page)) < 0)
			return ret;
	}
	page_begin(s, &s->page, "../", "Roles");
	dp_buf_adds(&s->page, "<h1>Roles</h1>\n");
	dp_buf_add(&s->page, s->roles_html.ptr, s->roles_html.len);
	if (!s->nroles)
		dp_buf_adds(&s->page,
			    "<p>The framework has no roles yet.</p>\n");
	page_end(s, &s->page);
	if ((ret = write_file(s, "framework/roles.html", &s->page)) < 0)
		return ret;
	return lattice_page(s);
}

/* ---- the people's pages on both cores ---- */

/* Plans under this many people are rendered by one process. */
#define SPLIT_MIN_PEOPLE 2

/* The people's records, one walk over people/. */
static int walk_all_people(struct site *s)
{
	static const char *const people[] = { DP_DIR_PEOPLE };
	struct dp_strlist l = { (char **)people, 1, 0 };
	struct dp_walk w = { 0, NULL, &l, on_record, NULL, s };

	return dp_plan_walk(s->plan, &w);
}

/* The records of people/<names[from..to)>, one person at a time. */
static int walk_share(struct site *s, const struct dp_strlist *names,
		      size_t from, size_t to)
{
	int ret = 0;

	for (size_t i = from; i < to && ret == 0; i++) {
		struct dp_walk w = { 0, names->items[i], NULL, on_record, NULL,
				     s };

		ret = dp_plan_walk(s->plan, &w);
	}
	return ret;
}

/* What the child's share changed, for the parent (fields as the cache). */
static void share_report(struct site *s, struct dp_buf *b, size_t nfindings,
			 size_t matched0)
{
	const struct dp_render_stats *st = s->stats;
	size_t matched = 0;
	int differs = 0;

	if (s->match)
		matched = dp_head_match_count(s->match, &differs) - matched0;
	dp_buf_addf(b, "C\t%zu\t%zu\t%zu\t%zu\t%zu\t%d\t%d\n", st->pages,
		    st->written, st->records, st->skipped, matched, differs,
		    s->unmatched);
	for (size_t i = nfindings; i < s->problems->len; i++) {
		const struct dp_finding *f = &s->problems->items[i];

		dp_buf_addf(b, "F\t%d\t%u\t%u\t", (int)f->severity, f->line,
			    f->col);
		esc(b, f->path);
		dp_buf_addch(b, '\t');
		esc(b, f->message);
		dp_buf_addch(b, '\n');
	}
	for (size_t i = 0; i < s->npeople; i++) {
		const struct person *p = &s->people[i];

		if (!p->redo)
			continue;
		dp_buf_adds(b, "P\t");
		esc(b, p->id);
		dp_buf_addf(b, "\t%d\t%lld\t%d\n", p->comments, p->last,
			    p->last_offset);
		put_person_lines(b, p);
	}
}

/* Takes in what the child reported; DP_EIO when it is not whole. */
static int share_take(struct site *s, char *text)
{
	struct person *p = NULL;
	char *line, *next, *f[8];
	long long v[8];
	int counted = 0;

	for (line = text; line && *line; line = next) {
		size_t n;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		n = fields(line, f, DP_ARRAY_SIZE(f));
		if (n == 8 && !strcmp(f[0], "C")) {
			for (size_t i = 1; i < 8; i++)
				if (parse_ll(f[i], &v[i]) < 0)
					goto bad;
			s->stats->pages += (size_t)v[1];
			s->stats->written += (size_t)v[2];
			s->stats->records += (size_t)v[3];
			s->stats->skipped += (size_t)v[4];
			if (s->match)
				dp_head_match_add(s->match, (size_t)v[5],
						  v[6] != 0);
			s->unmatched |= v[7] != 0;
			counted = 1;
		} else if (n == 6 && !strcmp(f[0], "F")) {
			if (parse_ll(f[1], &v[1]) < 0 ||
			    parse_ll(f[2], &v[2]) < 0 ||
			    parse_ll(f[3], &v[3]) < 0)
				goto bad;
			dp_findings_add(s->problems, (enum dp_severity)v[1],
					f[4], (unsigned)v[2], (unsigned)v[3],
					"%s", f[5]);
		} else if (n == 5 && !strcmp(f[0], "P")) {
			if (!(p = find_person(s, f[1])) ||
			    parse_ll(f[2], &v[2]) < 0 ||
			    parse_ll(f[3], &p->last) < 0 ||
			    parse_ll(f[4], &v[4]) < 0)
				goto bad;
			p->comments = (int)v[2];
			p->last_offset = (int)v[4];
		} else if (n == 2 && p && take_person_line(p, f)) {
			if (!strcmp(f[0], "S") && *p->part && s->feed &&
			    dp_stats_feed_part(s->feed, p->part) < 0)
				goto bad;
		} else {
			goto bad;
		}
	}
	if (counted)
		return 0;
bad:
	dp_error_set("rendering the people's pages: a worker's report is "
		     "not whole");
	return DP_EIO;
}

/*
 * The child: its share of the people (their history too), then its
 * report on `fd`.
 */
static void share_child(struct site *s, const struct dp_strlist *names,
			size_t from, int fd)
{
	struct dp_buf b = DP_BUF_INIT;
	size_t nfindings = s->problems->len, matched0 = 0;
	int differs = 0, ret;

	if (s->match)
		matched0 = dp_head_match_count(s->match, &differs);
	memset(s->stats, 0, sizeof(*s->stats));
	s->unmatched = 0;
	for (size_t i = 0; i < s->npeople; i++)
		s->people[i].redo = 0;
	for (size_t i = from; i < names->len; i++) {
		struct person *p = find_person(s, names->items[i]);

		if (p)
			p->redo = 1;
	}
	ret = people_history(s, names->items[from], NULL, NULL);
	if (ret == 0)
		ret = walk_share(s, names, from, names->len);
	if (ret == 0)
		ret = finish_person(s);
	if (ret == 0)
		share_report(s, &b, nfindings, matched0);
	else
		dp_buf_addf(&b, "E\t%s\n", dp_error_last());
	_exit(dp_fs_write_all(fd, b.ptr, b.len) == 0 && ret == 0 ? 0 : 1);
}

/*
 * The people's history, records and pages: with the flat layout, the
 * people split in two halves by folder name, the second rendered by a
 * child process (the shared state is read already) while this one
 * renders the first, each reading the history of its own half;
 * then the child's report is taken in (what the index, the org page and
 * the cache need of its people, its counts and warnings, in the order
 * one walk would give them).
 */
static int walk_people(struct site *s, struct cache_info *ci)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf rep = DP_BUF_INIT;
	size_t half;
	int fds[2], ret, status = 0, ok;
	pid_t pid;

	ok = !dp_plan_layout(s->plan)->grouped &&
	     dp_store_list(&names, s->st, DP_DIR_PEOPLE) == 0 &&
	     names.len >= SPLIT_MIN_PEOPLE;
	dp_error_clear();
	/* Sorted as strcmp: the halves of the history are name ranges. */
	for (size_t i = 0; ok && i < names.len; i++)
		ok = id_ok(names.items[i]) &&
		     (!i || strcmp(names.items[i - 1], names.items[i]) < 0);
	if (!ok) {
		dp_strlist_release(&names);
		if ((ret = people_history(s, NULL, NULL, ci)) < 0)
			return ret;
		return walk_all_people(s);
	}
	half = names.len / 2;
	if (pipe(fds) < 0) {
		if ((ret = people_history(s, NULL, NULL, ci)) == 0)
			ret = walk_share(s, &names, 0, names.len);
		goto out;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		share_child(s, &names, half, fds[1]);
	}
	close(fds[1]);
	if (pid < 0) { /* one process, then */
		close(fds[0]);
		if ((ret = people_history(s, NULL, NULL, ci)) == 0)
			ret = walk_share(s, &names, 0, names.len);
		goto out;
	}
	ret = people_history(s, NULL, names.items[half], ci);
	if (ret == 0)
		ret = walk_share(s, &names, 0, half);
	if (ret == 0)
		ret = finish_person(s);
	/* The report, whatever happened here: the child must not block. */
	for (;;) {
		char chunk[65536];
		ssize_t n = read(fds[0], chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		dp_buf_add(&rep, chunk, (size_t)n);
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (ret < 0)
		goto out;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (dp_starts_with(rep.ptr ? rep.ptr : "", "E\t")) {
			char *nl = strchr(rep.ptr, '\n');

			if (nl)
				*nl = '\0';
			dp_error_set("%s", rep.ptr + 2);
		} else {
			dp_error_set("rendering the people's pages: a worker "
				     "failed");
		}
		ret = DP_EIO;
		goto out;
	}
	ret = share_take(s, rep.len ? rep.ptr : (char *)"");
out:
	dp_buf_release(&rep);
	dp_strlist_release(&names);
	return ret;
}

static int render_full(struct site *s, struct cache_info *ci)
{
	struct dp_walk profiles = {
		1u << DP_KIND_PROFILE, NULL, NULL, on_profile, NULL, s
	};
	static const char *const top[] = { DP_PATH_CONFIG, "framework" };
	struct dp_strlist fwl = { (char **)top, 2, 0 };
	struct dp_walk fw = { 0, NULL, &fwl, on_record, NULL, s };
	int ret;

	if ((ret = dp_plan_walk(s->plan, &profiles)) < 0)
		return ret;
	/* Grouped layouts walk people by group: find_person needs ids. */
	if (s->npeople > 1)
		qsort(s->people, s->npeople, sizeof(*s->people),
		      person_sort_cmp);
	if ((ret = dp_stats_feed_new(
		 &s->feed, &s->figures, s->plan, &s->today,
		 s->opts->history_commits ? 0 : DP_STATS_NO_HISTORY)) < 0)
		return ret;
	if (dp_head_match_new(&s->match, s->st) < 0)
		dp_error_clear(); /* no HEAD: git's status says */
	if ((ret = dp_plan_walk(s->plan, &fw)) < 0 ||
	    (ret = walk_people(s, ci)) < 0 || (ret = finish_person(s)) < 0 ||
	    (ret = framework_pages(s)) < 0)
		return ret;
	return 0;
}

/* What the new commits changed: people by id, and anything else. */
struct news {
	struct site *s;
	struct dp_strlist people;
	int other; /* a file outside people/ changed */
	/* The commits, newest first, and the goals each changed. */
	struct news_commit {
		struct dp_history_commit c;
		struct dp_strlist goals;
	} * commits;
	size_t ncommits, acommits;
};

static int on_news(const struct dp_version_commit *c, const char *path,
		   const char *text, size_t len, void *data)
{
	struct news *n = data;
	struct dp_ref ref;

	(void)text;
	(void)len;
	if (!dp_starts_with(path, DP_DIR_PEOPLE "/")) {
		n->other = 1;
		return 0;
	}
	/* Any file in a person's folder, even one that is not a record. */
	if (!n->ncommits || strcmp(n->commits[n->ncommits - 1].c.id, c->id)) {
		struct news_commit *nc;

		GROW(n->commits, n->ncommits, n->acommits);
		nc = &n->commits[n->ncommits++];
		memset(nc, 0, sizeof(*nc));
		memcpy(nc->c.id, c->id, sizeof(nc->c.id));
		nc->c.time = c->author_time;
		nc->c.offset = c->author_offset;
		nc->c.parents = c->parents;
	}
	if (dp_layout_parse(&ref, dp_plan_layout(n->s->plan), path) >= 0 &&
	    ref.person[0]) {
		if (!dp_strlist_has(&n->people, ref.person))
			dp_strlist_push(&n->people, ref.person);
		if (ref.kind == DP_KIND_GOAL)
			dp_strlist_push(&n->commits[n->ncommits - 1].goals,
					path);
	} else {
		n->other = 1;
	}
	dp_error_clear();
	return 0;
}

/* A changed person's profile, read again (see update_person). */
struct reread {
	struct site *s;
	int found;
	char *name, *team, *manager, *role;
};

static int on_reread(const struct dp_ref *ref, const struct dp_doc *doc,
		     void *data)
{
	struct reread *r = data;

	if (!doc || !id_ok(ref->person))
		return 0;
	r->found = 1;
	r->name = dup_str(dp_doc_str(doc, "name"));
	r->team = dup_str(dp_doc_str(doc, "team"));
	r->manager = dup_str(dp_doc_str(doc, "manager"));
	r->role = dup_str(dp_doc_str(doc, "role"));
	return 0;
}

static void remove_page(struct site *s, const char *rel)
{
	struct dp_buf path = DP_BUF_INIT;

	dp_buf_addf(&path, "%s/%s", s->opts->outdir, rel);
	if (remove(path.ptr) == 0)
		s->stats->removed++;
	dp_buf_release(&path);
}

/* Removes the pages of `p` and their folders (when empty). */
static void remove_person_pages(struct site *s, const struct person *p,
				const struct dp_strlist *goals)
{
	struct dp_buf rel = DP_BUF_INIT;

	for (size_t g = 0; g < goals->len; g++) {
		dp_buf_reset(&rel);
		dp_buf_addf(&rel, "people/%s/goals/%s.html", p->id,
			    goals->items[g]);
		remove_page(s, rel.ptr);
	}
	if (!p->redo) {
		dp_buf_reset(&rel);
		dp_buf_addf(&rel, "people/%s/index.html", p->id);
		remove_page(s, rel.ptr);
		dp_buf_reset(&rel);
		dp_buf_addf(&rel, "%s/people/%s/goals", s->opts->outdir, p->id);
		rmdir(rel.ptr);
		dp_buf_reset(&rel);
		dp_buf_addf(&rel, "%s/people/%s", s->opts->outdir, p->id);
		rmdir(rel.ptr);
	}
	s->lastdir[0] = '\0';
	dp_buf_release(&rel);
}

/*
 * Reads the profile of changed person `id` again. Returns 1 when what
 * other pages show of them (their name, or whether they exist) changed.
 */
static int update_person(struct site *s, const char *id)
{
	struct reread r = { s, 0, NULL, NULL, NULL, NULL };
	struct dp_walk w = {
		1u << DP_KIND_PROFILE, id, NULL, on_reread, NULL, &r
	};
	struct person *p = find_person(s, id);
	int renamed = 0, ret;

	if ((ret = dp_plan_walk(s->plan, &w)) < 0)
		return ret;
	if (!r.found) {
		if (p) { /* gone: their pages too */
			size_t i = (size_t)(p - s->people);

			p->redo = 0;
			remove_person_pages(s, p, &p->goals);
			person_release(p);
			memmove(p, p + 1, (s->npeople - i - 1) * sizeof(*p));
			s->npeople--;
			renamed = 1;
		}
		return renamed;
	}
	if (!p) {
		size_t i = 0;

		while (i < s->npeople && strcmp(s->people[i].id, id) < 0)
			i++;
		GROW(s->people, s->npeople, s->apeople);
		memmove(&s->people[i + 1], &s->people[i],
			(s->npeople - i) * sizeof(*s->people));
		s->npeople++;
		p = &s->people[i];
		memset(p, 0, sizeof(*p));
		p->id = dp_xstrdup(id);
		renamed = 1;
	} else {
		renamed = strcmp(p->name, r.name) != 0;
		free(p->name);
		free(p->team);
		free(p->manager);
		free(p->role);
	}
	p->name = r.name;
	p->team = r.team;
	p->manager = r.manager;
	p->role = r.role;
	p->comments = -1;
	p->redo = 1;
	return renamed;
}

/* The goals the new commits made done, for the org page's figures. */
static int news_figures(struct site *s, const struct news *n)
{
	struct dp_buf parent = DP_BUF_INIT;
	int ret = 0;

	for (size_t i = 0; i < n->ncommits && ret == 0; i++) {
		const struct news_commit *nc = &n->commits[i];
		struct dp_history_file *files =
		    dp_xcalloc(nc->goals.len + 1, sizeof(*files));
		struct dp_buf *texts =
		    dp_xcalloc(2 * nc->goals.len + 1, sizeof(*texts));

		dp_buf_reset(&parent);
		dp_buf_addf(&parent, "%s^", nc->c.id);
		for (size_t g = 0; g < nc->goals.len; g++) {
			struct dp_buf *t = &texts[2 * g];

			dp_buf_init(&t[0], 0);
			dp_buf_init(&t[1], 0);
			files[g].path = nc->goals.items[g];
			if (dp_history_read(&t[0], s->st, nc->c.id,
					    files[g].path) == 0) {
				files[g].new_text = t[0].ptr ? t[0].ptr : "";
				files[g].new_len = t[0].len;
			}
			if (dp_history_read(&t[1], s->st, parent.ptr,
					    files[g].path) == 0) {
				files[g].old_text = t[1].ptr ? t[1].ptr : "";
				files[g].old_len = t[1].len;
			}
			dp_error_clear();
		}
		ret =
		    dp_stats_feed_commit(s->feed, &nc->c, files, nc->goals.len);
		for (size_t g = 0; g < 2 * nc->goals.len; g++)
			dp_buf_release(&texts[g]);
		free(texts);
		free(files);
	}
	dp_buf_release(&parent);
	return ret;
}

/*
 * Renders only what changed since the cached render: the pages of the
 * people the new commits touched and of those whose pages name someone
 * renamed, added or removed; then the index. Returns 1 when it cannot
 * (render everything instead).
 */
static int render_changes(struct site *s, struct cache_info *ci)
{
	struct news n = { s, DP_STRLIST_INIT, 0, NULL, 0, 0 };
	struct dp_strlist renamed = DP_STRLIST_INIT, fw = DP_STRLIST_INIT;
	struct dp_strlist *old = NULL;
	struct dp_versions v;
	struct dp_walk framework = { 0, NULL, &fw, on_record, NULL, s };
	int ret = 1;

	memset(&v, 0, sizeof(v));
	v.stop = ci->head;
	v.max_commits = INCREMENTAL_MAX_COMMITS;
	v.flags = DP_VERSIONS_DELETED | DP_VERSIONS_NO_TEXT;
	if (dp_store_versions(s->st, &v, on_news, &n) < 0 || !v.stopped ||
	    n.other || v.merges || n.people.len > INCREMENTAL_MAX_PEOPLE ||
	    (s->opts->history_commits &&
	     ci->commits + v.commits > s->opts->history_commits)) {
		dp_error_clear();
		goto out;
	}
	/* The org page's figures: the cached ones and the new commits'. */
	if (!s->state.len ||
	    (ret = dp_stats_feed_resume(
		 &s->feed, &s->figures, s->plan, &s->today,
		 s->opts->history_commits ? 0 : DP_STATS_NO_HISTORY,
		 s->state.ptr)) != 0 ||
	    news_figures(s, &n) != 0) {
		dp_error_clear();
		ret = 1;
		goto out;
	}
	ci->commits += v.commits;
	s->stats->incremental = 1;
	for (size_t i = 0; i < s->npeople; i++)
		s->people[i].redo = 0;
	for (size_t i = 0; i < n.people.len; i++) {
		if ((ret = update_person(s, n.people.items[i])) < 0)
			goto out;
		if (ret)
			dp_strlist_push(&renamed, n.people.items[i]);
	}
	for (size_t i = 0; renamed.len && i < s->npeople; i++)
		for (size_t k = 0; k < renamed.len && !s->people[i].redo; k++)
			if (dp_strlist_has(&s->people[i].links,
					   renamed.items[k]))
				s->people[i].redo = 1;
	/* What is rendered again must be what was committed. */
	if (redo_dirty(s)) {
		ret = 1;
		goto out;
	}
	/* The framework, for names and titles (its pages are unchanged). */
	dp_strlist_push(&fw, DP_PATH_CONFIG);
	dp_strlist_push(&fw, "framework");
	if ((ret = dp_plan_walk(s->plan, &framework)) < 0)
		goto out;
	s->stats->records = 0;
	/* Those rendered again: what their pages showed is read again. */
	old = dp_xcalloc(s->npeople + 1, sizeof(*old));
	for (size_t i = 0; i < s->npeople; i++) {
		struct person *p = &s->people[i];
		struct dp_buf prefix = DP_BUF_INIT;

		if (!p->redo)
			continue;
		old[i] = p->goals;
		memset(&p->goals, 0, sizeof(p->goals));
		p->comments = -1;
		dp_strlist_release(&p->active);
		dp_strlist_release(&p->links);
		p->last = 0;
		p->last_offset = 0;
		if (s->opts->history_commits) {
			dp_layout_person_dir(&prefix, dp_plan_layout(s->plan),
					     p->id);
			dp_buf_addch(&prefix, '/');
			ret = read_history(s, prefix.ptr, NULL, NULL, NULL);
		}
		dp_buf_release(&prefix);
		if (ret < 0)
			goto out;
	}
	if (s->npoints > 1)
		qsort(s->points, s->npoints, sizeof(*s->points), point_cmp);
	for (size_t i = 0; i < s->npeople; i++) {
		struct person *p = &s->people[i];
		struct dp_walk one = { 0, p->id, NULL, on_record, NULL, s };
		struct dp_strlist stale = DP_STRLIST_INIT;

		if (!p->redo)
			continue;
		if ((ret = dp_plan_walk(s->plan, &one)) < 0 ||
		    (ret = finish_person(s)) < 0)
			goto out;
		p = &s->people[i];
		for (size_t g = 0; g < old[i].len; g++)
			if (!dp_strlist_has(&p->goals, old[i].items[g]))
				dp_strlist_push(&stale, old[i].items[g]);
		remove_person_pages(s, p, &stale);
		dp_strlist_release(&stale);
	}
	/* Everyone else's part of the figures, as cached. */
	for (size_t i = 0; i < s->npeople; i++) {
		const struct person *p = &s->people[i];

		if (p->redo)
			continue;
		if (!p->part) {
			ret = 1;
			goto out;
		}
		if (*p->part && dp_stats_feed_part(s->feed, p->part) < 0) {
			dp_error_clear(); /* a cache gone wrong: render all */
			ret = 1;
			goto out;
		}
	}
	ret = 0;
out:
	for (size_t i = 0; old && i < s->npeople; i++)
		dp_strlist_release(&old[i]);
	free(old);
	dp_strlist_release(&n.people);
	for (size_t i = 0; i < n.ncommits; i++)
		dp_strlist_release(&n.commits[i].goals);
	free(n.commits);
	dp_strlist_release(&renamed);
	dp_strlist_release(&fw);
	return ret;
}

/* Forgets what a failed incremental attempt loaded. */
static void site_reset_people(struct site *s)
{
	for (size_t i = 0; i < s->npeople; i++)
		person_release(&s->people[i]);
	s->npeople = 0;
	for (size_t i = 0; i < s->npoints; i++)
		free(s->points[i].path);
	s->npoints = 0;
	dp_stats_feed_free(s->feed);
	s->feed = NULL;
	dp_stats_release(&s->figures);
	dp_buf_reset(&s->state);
}

/* Folds "." and ".." of an absolute path (of folders that do not exist). */
static void lexical_path(struct dp_buf *path)
{
	char *w = path->ptr, *r = path->ptr;

	while (*r) {
		while (*r == '/')
			r++;
		if (!*r)
			break;
		if (r[0] == '.' && (!r[1] || r[1] == '/')) {
			r++;
		} else if (r[0] == '.' && r[1] == '.' &&
			   (!r[2] || r[2] == '/')) {
			r += 2;
			while (w > path->ptr && *--w != '/')
				;
		} else {
			*w++ = '/';
			while (*r && *r != '/')
				*w++ = *r++;
		}
	}
	if (w == path->ptr)
		*w++ = '/';
	*w = '\0';
	path->len = (size_t)(w - path->ptr);
}

/*
 * The site is never written over the records: not the top of the work
 * tree, nor into people/, framework/, .git/ or .devplan/ (the folder is
 * compared as an absolute path, `..` and symbolic links resolved as far
 * as the folder exists).
 */
static int outdir_allowed(struct site *s, const char *outdir)
{
	static const char *const kept[] = { "people", "framework", ".git",
					    ".devplan", NULL };
	const char *wd = dp_store_workdir(s->st);
	struct dp_buf abs = DP_BUF_INIT, top = DP_BUF_INIT;
	char *real, *cut;
	int ret = 0;

	if (!wd)
		return 0;
	if (*outdir != '/') {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			return 0;
		dp_buf_addf(&abs, "%s/", cwd);
		free(cwd);
	}
	dp_buf_adds(&abs, outdir);
	/* Resolve the deepest part that exists; keep the rest as written. */
	for (cut = abs.ptr + abs.len;;) {
		char keep = *cut;

		*cut = '\0';
		real = realpath(abs.ptr, NULL);
		*cut = keep;
		if (real || cut == abs.ptr)
			break;
		while (cut > abs.ptr && *--cut != '/')
			;
	}
	if (real) {
		dp_buf_addf(&top, "%s%s", real, cut);
		free(real);
		lexical_path(&top);
	}
	real = realpath(wd, NULL);
	if (real && top.len) {
		size_t n = strlen(real);
		const char *rest = top.ptr + n;

		while (top.len > 1 && top.ptr[top.len - 1] == '/')
			top.ptr[--top.len] = '\0';
		if (!strncmp(top.ptr, real, n) && (!*rest || *rest == '/')) {
			while (*rest == '/' ||
			       (rest[0] == '.' && rest[1] == '/'))
				rest++;
			if (!*rest || !strcmp(rest, "."))
				ret = -1;
			for (size_t i = 0; !ret && kept[i]; i++) {
				size_t k = strlen(kept[i]);

				if (!strncmp(rest, kept[i], k) &&
				    (!rest[k] || rest[k] == '/'))
					ret = -1;
			}
		}
	}
	if (ret < 0) {
		dp_error_set("'%s' holds the plan's own files: render into "
			     "a folder of its own (for example site/)",
			     outdir);
		ret = DP_EUSAGE;
	}
	free(real);
	dp_buf_release(&abs);
	dp_buf_release(&top);
	return ret;
}

int dp_render_site(struct dp_plan *plan, const struct dp_render_opts *opts,
		   struct dp_render_stats *out, struct dp_findings *problems)
{
	struct site s;
	struct cache_info ci;
	int ret, done = 0;

	memset(&s, 0, sizeof(s));
	memset(&ci, 0, sizeof(ci));
	memset(out, 0, sizeof(*out));
	s.plan = plan;
	s.st = dp_plan_store(plan);
	s.opts = opts;
	s.stats = out;
	s.problems = problems;
	for (int k = 0; k < DP_KIND_COUNT; k++)
		dp_buf_init(&s.sections[k], 0);
	if ((ret = outdir_allowed(&s, opts->outdir)) < 0 ||
	    (ret = today_of(&s)) < 0)
		goto out;
	if ((ret = mkdirs(opts->outdir)) < 0)
		goto out;
	if (!opts->full && cache_load(&s, &ci) == 0) {
		struct dp_buf index = DP_BUF_INIT;

		/* The folder must still hold the last render. */
		dp_buf_addf(&index, "%s/index.html", opts->outdir);
		if (access(index.ptr, F_OK) == 0 &&
		    (ret = render_changes(&s, &ci)) <= 0)
			done = 1;
		dp_buf_release(&index);
		if (ret < 0)
			goto out;
	}
	if (!done) {
		site_reset_people(&s);
		memset(&ci, 0, sizeof(ci));
		out->incremental = 0;
		if ((ret = render_full(&s, &ci)) == 0)
			ci.dirty = worktree_dirty(&s);
	}
	if (ret < 0 || (ret = index_page(&s)) < 0 || (ret = org_page(&s)) < 0 ||
	    (ret = write_style(&s)) < 0)
		goto out;
	if (dp_history_head(s.st, ci.head) < 0)
		ci.head[0] = '\0';
	dp_error_clear();
	if (cache_save(&s, &ci) < 0)
		dp_error_clear(); /* a cache that cannot be written: no matter */
out:
	site_release(&s);
	return ret;
}

int dp_render_record(struct dp_buf *out, const char *path, const char *text,
		     size_t len)
{
	static const struct dp_layout flat = DP_LAYOUT_FLAT;
	struct dp_findings problems = DP_FINDINGS_INIT;
	struct dp_render_opts opts = { "", 0, 0 };
	struct dp_render_stats stats;
	struct dp_doc doc = DP_DOC_INIT;
	const struct section_def *sec;
	struct dp_ref ref;
	struct site s;
	int ret;

	memset(&s, 0, sizeof(s));
	memset(&stats, 0, sizeof(stats));
	s.opts = &opts;
	s.stats = &stats;
	s.problems = &problems;
	for (int k = 0; k < DP_KIND_COUNT; k++)
		dp_buf_init(&s.sections[k], 0);
	dp_date_parse(&s.today, "2026-01-01");
	if (dp_layout_parse(&ref, &flat, path) <= 0 ||
	    (unsigned)ref.kind >= DP_KIND_COUNT) {
		dp_error_set("'%s' is not a record's path", path);
		ret = DP_EINVALID;
		goto out;
	}
	if ((ret = dp_doc_parse(&doc, path, text, len,
				dp_kind_mode(ref.kind))) < 0)
		goto out;
	switch (ref.kind) {
	case DP_KIND_COMPETENCIES:
		competencies_page(&s, &ref, &doc);
		dp_buf_add(out, s.page.ptr, s.page.len);
		break;
	case DP_KIND_ROLE:
		add_role(&s, &ref, &doc);
		dp_buf_add(out, s.roles_html.ptr, s.roles_html.len);
		break;
	case DP_KIND_CONFIG:
		break;
	default:
		sec = section_of(ref.kind);
		(sec ? sec->render : section_fields)(&s, out, &ref, &doc);
		if (ref.kind == DP_KIND_GOAL) {
			goal_page_html(&s, &ref, &doc);
			dp_buf_add(out, s.page.ptr, s.page.len);
		}
	}
out:
	dp_doc_release(&doc);
	dp_findings_release(&problems);
	site_release(&s);
	return ret;
}
