/* SPDX-License-Identifier: MIT */
/*
 * Importing a framework: sources -> a model of roles and competencies ->
 * edits spliced into framework/ -> validation -> one commit.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devplan/csv.h"
#include "devplan/import.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

#define LEVEL_MAX 10      /* competency levels, as record.c checks */
#define ROLE_LEVEL_MAX 20 /* role levels */
#define MAX_FOLDER_DEPTH 4
#define MAX_SOURCES 4096

/* ---- the model ---- */

struct comp {
	char *id, *name, *category, *group, *desc;
	char *levels[LEVEL_MAX + 1]; /* what each level looks like */
};

struct req {
	char *comp;
	long level;
	int optional;
	struct dp_buf expect; /* what this role expects (the row's text) */
	int pending;          /* text from the file being read */
};

struct role {
	char *id, *title, *track, *family;
	long level;
	struct req *reqs;
	size_t nreq, areq;
	struct dp_strlist next;
	int has_next;
	int expectations; /* the role keeps per-competency expectations */
};

struct model {
	struct comp *comps;
	size_t ncomp, acomp;
	struct role *roles;
	size_t nrole, arole;
};

static struct comp *comp_get(struct model *m, const char *id)
{
	for (size_t i = 0; i < m->ncomp; i++)
		if (!strcmp(m->comps[i].id, id))
			return &m->comps[i];
	if (m->ncomp == m->acomp) {
		m->acomp = m->acomp ? 2 * m->acomp : 32;
		m->comps = dp_xrealloc(m->comps, m->acomp * sizeof(*m->comps));
	}
	memset(&m->comps[m->ncomp], 0, sizeof(*m->comps));
	m->comps[m->ncomp].id = dp_xstrdup(id);
	return &m->comps[m->ncomp++];
}

static struct role *role_get(struct model *m, const char *id)
{
	struct role *r;

	for (size_t i = 0; i < m->nrole; i++)
		if (!strcmp(m->roles[i].id, id))
			return &m->roles[i];
	if (m->nrole == m->arole) {
		m->arole = m->arole ? 2 * m->arole : 32;
		m->roles = dp_xrealloc(m->roles, m->arole * sizeof(*m->roles));
	}
	r = &m->roles[m->nrole++];
	memset(r, 0, sizeof(*r));
	r->id = dp_xstrdup(id);
	return r;
}

static struct req *req_get(struct role *r, const char *comp)
{
	for (size_t i = 0; i < r->nreq; i++)
		if (!strcmp(r->reqs[i].comp, comp))
			return &r->reqs[i];
	if (r->nreq == r->areq) {
		r->areq = r->areq ? 2 * r->areq : 16;
		r->reqs = dp_xrealloc(r->reqs, r->areq * sizeof(*r->reqs));
	}
	memset(&r->reqs[r->nreq], 0, sizeof(*r->reqs));
	r->reqs[r->nreq].comp = dp_xstrdup(comp);
	dp_buf_init(&r->reqs[r->nreq].expect, 0);
	return &r->reqs[r->nreq++];
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? dp_xstrdup(s) : NULL;
}

static void model_release(struct model *m)
{
	for (size_t i = 0; i < m->ncomp; i++) {
		struct comp *c = &m->comps[i];

		free(c->id);
		free(c->name);
		free(c->category);
		free(c->group);
		free(c->desc);
		for (size_t l = 0; l <= LEVEL_MAX; l++)
			free(c->levels[l]);
	}
	for (size_t i = 0; i < m->nrole; i++) {
		struct role *r = &m->roles[i];

		free(r->id);
		free(r->title);
		free(r->track);
		free(r->family);
		for (size_t j = 0; j < r->nreq; j++) {
			free(r->reqs[j].comp);
			dp_buf_release(&r->reqs[j].expect);
		}
		free(r->reqs);
		dp_strlist_release(&r->next);
	}
	free(m->comps);
	free(m->roles);
}

/* ---- text ---- */

/* Trims `s` in place and folds white space runs (newlines too) into one. */
static void fold_line(struct dp_buf *out, const char *s)
{
	int space = 0;

	dp_buf_reset(out);
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space)
			dp_buf_addch(out, ' ');
		space = 0;
		dp_buf_addch(out, *s);
	}
}

/* Trims white space at both ends and drops '\r' (CRLF cells). */
static char *trim_text(const char *s)
{
	struct dp_buf b = DP_BUF_INIT;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (; *s; s++)
		if (*s != '\r')
			dp_buf_addch(&b, *s);
	while (b.len && (b.ptr[b.len - 1] == ' ' || b.ptr[b.len - 1] == '\t' ||
			 b.ptr[b.len - 1] == '\n'))
		b.len--;
	dp_buf_setlen(&b, b.len);
	return dp_buf_detach(&b, NULL);
}

/* The first control character of `s` other than tab and newline, or 0. */
static int bad_control(const char *s, int allow_newline)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\t' || c == '\r' || (allow_newline && c == '\n'))
			continue;
		if (c < 0x20 || c == 0x7f)
			return c;
	}
	return 0;
}

/* An id from a name (dp_slugify), or the name when it already is one. */
static int make_id(struct dp_buf *out, const char *name)
{
	dp_buf_reset(out);
	if (dp_id_valid(name) && strlen(name) <= DP_SLUG_MAX) {
		dp_buf_adds(out, name);
		return 0;
	}
	return dp_slugify(out, name);
}

/* ---- header matching ---- */

struct synonym {
	enum dp_import_col col;
	const char *words; /* normalised: lowercase words, one space apart */
};

static const struct synonym synonyms[] = {
	{ DP_COL_TRACK, "track" },
	{ DP_COL_TRACK, "path" },
	{ DP_COL_TRACK, "career path" },
	{ DP_COL_TRACK, "career track" },
	{ DP_COL_TRACK, "job family" },
	{ DP_COL_TRACK, "role family" },
	{ DP_COL_TRACK, "family" },
	{ DP_COL_TRACK, "ladder" },
	{ DP_COL_TRACK, "discipline" },
	{ DP_COL_ROLE, "role" },
	{ DP_COL_ROLE, "role name" },
	{ DP_COL_ROLE, "role title" },
	{ DP_COL_ROLE, "job title" },
	{ DP_COL_ROLE, "job" },
	{ DP_COL_ROLE, "title" },
	{ DP_COL_ROLE, "position" },
	{ DP_COL_ROLE, "level name" },
	{ DP_COL_ROLE_ID, "role id" },
	{ DP_COL_ROLE_ID, "job id" },
	{ DP_COL_ROLE_ID, "position id" },
	{ DP_COL_LEVEL, "level" },
	{ DP_COL_LEVEL, "role level" },
	{ DP_COL_LEVEL, "job level" },
	{ DP_COL_LEVEL, "grade" },
	{ DP_COL_LEVEL, "seniority" },
	{ DP_COL_LEVEL_RANK, "rank" },
	{ DP_COL_LEVEL_RANK, "level rank" },
	{ DP_COL_LEVEL_RANK, "level number" },
	{ DP_COL_LEVEL_RANK, "grade rank" },
	{ DP_COL_LEVEL_RANK, "seniority rank" },
	{ DP_COL_LEVEL_RANK, "role order" },
	{ DP_COL_LEVEL_RANK, "role rank" },
	{ DP_COL_LEVEL_RANK, "level order" },
	{ DP_COL_LEVEL_RANK, "order" },
	{ DP_COL_COMPETENCY, "competency" },
	{ DP_COL_COMPETENCY, "competency name" },
	{ DP_COL_COMPETENCY, "competence" },
	{ DP_COL_COMPETENCY, "skill" },
	{ DP_COL_COMPETENCY, "skill name" },
	{ DP_COL_COMPETENCY, "theme" },
	{ DP_COL_COMPETENCY, "area" },
	{ DP_COL_COMPETENCY, "attribute" },
	{ DP_COL_COMPETENCY, "topic" },
	{ DP_COL_COMPETENCY_ID, "competency id" },
	{ DP_COL_COMPETENCY_ID, "skill id" },
	{ DP_COL_COMPETENCY_ID, "theme id" },
	{ DP_COL_COMPETENCY_DESC, "competency description" },
	{ DP_COL_COMPETENCY_DESC, "competency summary" },
	{ DP_COL_COMPETENCY_DESC, "skill description" },
	{ DP_COL_COMPETENCY_DESC, "theme summary" },
	{ DP_COL_CATEGORY, "category" },
	{ DP_COL_CATEGORY, "competency category" },
	{ DP_COL_CATEGORY, "skill category" },
	{ DP_COL_CATEGORY, "type" },
	{ DP_COL_CATEGORY, "competency type" },
	{ DP_COL_CATEGORY, "pillar" },
	{ DP_COL_CATEGORY_LEVEL, "category level" },
	{ DP_COL_CATEGORY_LEVEL, "pillar level" },
	{ DP_COL_CATEGORY_RANK, "category level rank" },
	{ DP_COL_CATEGORY_RANK, "pillar level rank" },
	{ DP_COL_REQUIRED, "required level" },
	{ DP_COL_REQUIRED, "expected level" },
	{ DP_COL_REQUIRED, "target level" },
	{ DP_COL_REQUIRED, "target" },
	{ DP_COL_REQUIRED, "proficiency" },
	{ DP_COL_REQUIRED, "proficiency level" },
	{ DP_COL_REQUIRED, "required proficiency" },
	{ DP_COL_REQUIRED, "level required" },
	{ DP_COL_REQUIRED_RANK, "required level rank" },
	{ DP_COL_REQUIRED_RANK, "required rank" },
	{ DP_COL_REQUIRED_RANK, "expected level rank" },
	{ DP_COL_REQUIRED_RANK, "target rank" },
	{ DP_COL_REQUIRED_RANK, "proficiency rank" },
	{ DP_COL_REQUIREMENT, "requirement" },
	{ DP_COL_REQUIREMENT, "required or optional" },
	{ DP_COL_DESCRIPTION, "description" },
	{ DP_COL_DESCRIPTION, "details" },
	{ DP_COL_DESCRIPTION, "criteria" },
	{ DP_COL_DESCRIPTION, "expectations" },
	{ DP_COL_DESCRIPTION, "expectation" },
	{ DP_COL_DESCRIPTION, "level description" },
	{ DP_COL_NEXT, "next" },
	{ DP_COL_NEXT, "next role" },
	{ DP_COL_NEXT, "next role id" },
	{ DP_COL_NEXT, "next roles" },
	{ DP_COL_NEXT, "promotes to" },
};

static const char *const col_names[DP_COL_COUNT] = {
	[DP_COL_NONE] = "none",
	[DP_COL_TRACK] = "track",
	[DP_COL_ROLE] = "role",
	[DP_COL_ROLE_ID] = "role id",
	[DP_COL_LEVEL] = "level",
	[DP_COL_LEVEL_RANK] = "level rank",
	[DP_COL_COMPETENCY] = "competency",
	[DP_COL_COMPETENCY_ID] = "competency id",
	[DP_COL_COMPETENCY_DESC] = "competency description",
	[DP_COL_CATEGORY] = "category",
	[DP_COL_CATEGORY_LEVEL] = "category level",
	[DP_COL_CATEGORY_RANK] = "category level rank",
	[DP_COL_REQUIRED] = "required level",
	[DP_COL_REQUIRED_RANK] = "required level rank",
	[DP_COL_REQUIREMENT] = "requirement",
	[DP_COL_DESCRIPTION] = "description",
	[DP_COL_NEXT] = "next role",
};

const char *dp_import_column_name(enum dp_import_col col)
{
	return col < DP_COL_COUNT ? col_names[col] : "none";
}

/* Lowercase ASCII words one space apart; other bytes end a word. */
static void normalise_header(struct dp_buf *out, const char *s)
{
	int space = 0;

	dp_buf_reset(out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) && c < 0x80) {
			if (space && out->len)
				dp_buf_addch(out, ' ');
			space = 0;
			dp_buf_addch(out, tolower(c));
		} else {
			space = 1;
		}
	}
}

enum dp_import_col dp_import_column(const char *header)
{
	struct dp_buf n = DP_BUF_INIT;
	enum dp_import_col col = DP_COL_NONE;

	normalise_header(&n, header);
	for (size_t i = 0; i < DP_ARRAY_SIZE(synonyms); i++)
		if (!strcmp(n.ptr, synonyms[i].words)) {
			col = synonyms[i].col;
			break;
		}
	dp_buf_release(&n);
	return col;
}

/* ---- levels ---- */

/*
 * Named steps of one column, numbered in the order they first appear
 * ("Awareness" 1, "Foundational" 2, ...), unless a rank column says.
 */
struct steps {
	struct dp_strlist names;
};

/*
 * The number a level cell stands for: the rank cell when there is one,
 * else the cell itself when it is a number, else its named step's
 * position. -1 when empty.
 */
static int level_of(long *out, struct steps *st, const char *cell,
		    const char *rank, const char *path, unsigned line,
		    size_t col, size_t rank_col, long max)
{
	const char *s = rank && *rank ? rank : cell;
	size_t c = rank && *rank ? rank_col : col;

	if (!s || !*s)
		return -1;
	if (isdigit((unsigned char)*s) || *s == '-' || *s == '+') {
		if (dp_parse_long(s, 0, max, out) < 0) {
			dp_error_set_at(path, line, (unsigned)c,
					"level '%s' is not a number in 0..%ld",
					s, max);
			return DP_EINVALID;
		}
		return 0;
	}
	for (size_t i = 0; i < st->names.len; i++)
		if (!strcmp(st->names.items[i], s)) {
			*out = (long)i + 1;
			return 0;
		}
	if ((long)st->names.len >= max) {
		dp_error_set_at(path, line, (unsigned)c,
				"level '%s' would be step %zu: at most %ld "
				"named levels",
				s, st->names.len + 1, max);
		return DP_EINVALID;
	}
	dp_strlist_push(&st->names, s);
	*out = (long)st->names.len;
	return 0;
}

/* core, technical, specialised: from what a category cell says. */
static const char *category_of(const char *cell)
{
	struct dp_buf n = DP_BUF_INIT;
	const char *cat = NULL;

	normalise_header(&n, cell);
	if (!strcmp(n.ptr, "core") || dp_ends_with(n.ptr, " core") ||
	    dp_starts_with(n.ptr, "core "))
		cat = "core";
	else if (!strcmp(n.ptr, "technical") || !strcmp(n.ptr, "tech") ||
		 dp_starts_with(n.ptr, "technical "))
		cat = "technical";
	else if (!strcmp(n.ptr, "specialised") ||
		 !strcmp(n.ptr, "specialized") || !strcmp(n.ptr, "specialist"))
		cat = "specialised";
	dp_buf_release(&n);
	return cat;
}

/* ic or management, when the track says so clearly; else NULL. */
static const char *track_of(const char *cell)
{
	struct dp_buf n = DP_BUF_INIT;
	const char *t = NULL;

	normalise_header(&n, cell);
	if (!strcmp(n.ptr, "ic") || !strcmp(n.ptr, "individual contributor") ||
	    !strcmp(n.ptr, "ic track"))
		t = "ic";
	else if (!strcmp(n.ptr, "management") || !strcmp(n.ptr, "manager") ||
		 !strcmp(n.ptr, "manager track") ||
		 !strcmp(n.ptr, "management track"))
		t = "management";
	dp_buf_release(&n);
	return t;
}

/* ---- reading sources ---- */

static int read_file(struct dp_buf *out, const char *path, size_t max)
{
	struct stat stt;
	int fd, ret = 0;

	fd = open(path, O_RDONLY | O_NOCTTY);
	if (fd < 0) {
		dp_error_set_errno("cannot read '%s'", path);
		return errno == ENOENT ? DP_ENOTFOUND : DP_EIO;
	}
	if (fstat(fd, &stt) < 0 || !S_ISREG(stt.st_mode)) {
		dp_error_set("'%s' is not a regular file", path);
		ret = DP_EINVALID;
		goto out;
	}
	if ((unsigned long long)stt.st_size > max) {
		dp_error_set("'%s' is too large (%lld bytes; at most %zu)",
			     path, (long long)stt.st_size, max);
		ret = DP_ETOOBIG;
		goto out;
	}
	dp_buf_grow(out, (size_t)stt.st_size + 1);
	for (;;) {
		char chunk[8192];
		ssize_t got = read(fd, chunk, sizeof(chunk));

		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			dp_error_set_errno("cannot read '%s'", path);
			ret = DP_EIO;
			goto out;
		}
		if (got == 0)
			break;
		if (out->len + (size_t)got > max) {
			dp_error_set("'%s' is too large (at most %zu bytes)",
				     path, max);
			ret = DP_ETOOBIG;
			goto out;
		}
		dp_buf_add(out, chunk, (size_t)got);
	}
out:
	close(fd);
	return ret;
}

/* ---- CSV ---- */

struct sheet {
	const char *path;
	const struct dp_csv_row *row;
	int col[DP_COL_COUNT]; /* 0-based column index, -1 when absent */
};

static const char *cell(const struct sheet *s, enum dp_import_col c)
{
	int i = s->col[c];

	if (i < 0 || (size_t)i >= s->row->n)
		return NULL;
	return s->row->cells[i];
}

static void header_text(struct dp_buf *out, const struct dp_csv_row *h)
{
	struct dp_buf f = DP_BUF_INIT;

	dp_buf_addch(out, '"');
	for (size_t i = 0; i < h->n; i++) {
		fold_line(&f, h->cells[i]);
		dp_buf_addf(out, "%s%s", i ? "," : "", f.ptr);
		if (out->len > 200) {
			dp_buf_adds(out, ",...");
			break;
		}
	}
	dp_buf_addch(out, '"');
	dp_buf_release(&f);
}

static int read_header(struct sheet *s, const struct dp_csv_row *h)
{
	struct dp_buf text = DP_BUF_INIT;
	int ret = 0;

	for (size_t c = 0; c < DP_COL_COUNT; c++)
		s->col[c] = -1;
	header_text(&text, h);
	for (size_t i = 0; i < h->n; i++) {
		enum dp_import_col c = dp_import_column(h->cells[i]);

		if (c == DP_COL_NONE)
			continue;
		if (s->col[c] >= 0) {
			dp_error_set_at(s->path, h->line, (unsigned)i + 1,
					"columns %d and %zu both name the %s "
					"(header: %s); rename one",
					s->col[c] + 1, i + 1,
					dp_import_column_name(c), text.ptr);
			ret = DP_EINVALID;
			goto out;
		}
		s->col[c] = (int)i;
	}
	if (s->col[DP_COL_COMPETENCY] < 0 && s->col[DP_COL_COMPETENCY_ID] < 0) {
		dp_error_set_at(s->path, h->line, 1,
				"no competency column (competency, skill, "
				"theme, area or attribute) in the header %s",
				text.ptr);
		ret = DP_EINVALID;
		goto out;
	}
	if ((s->col[DP_COL_ROLE] >= 0 || s->col[DP_COL_ROLE_ID] >= 0) &&
	    s->col[DP_COL_REQUIRED] < 0 && s->col[DP_COL_REQUIRED_RANK] < 0 &&
	    s->col[DP_COL_CATEGORY_LEVEL] < 0 &&
	    s->col[DP_COL_CATEGORY_RANK] < 0) {
		dp_error_set_at(s->path, h->line, 1,
				"no required-level column (required level, "
				"expected level, target or proficiency) in "
				"the header %s: the file does not say what "
				"level each role needs",
				text.ptr);
		ret = DP_EINVALID;
	}
out:
	dp_buf_release(&text);
	return ret;
}

/* A name cell: trimmed, folded onto one line, no control characters. */
static int name_cell(char **out, const struct sheet *s, enum dp_import_col c)
{
	const char *v = cell(s, c);
	struct dp_buf f = DP_BUF_INIT;
	int bad;

	*out = NULL;
	if (!v)
		return 0;
	if ((bad = bad_control(v, 1))) {
		dp_error_set_at(s->path, s->row->line, (unsigned)s->col[c] + 1,
				"%s: a control character (0x%02x) in a name",
				dp_import_column_name(c), bad);
		return DP_EINVALID;
	}
	fold_line(&f, v);
	if (f.len)
		*out = dp_buf_detach(&f, NULL);
	dp_buf_release(&f);
	return 0;
}

static int text_cell(char **out, const struct sheet *s, enum dp_import_col c)
{
	const char *v = cell(s, c);
	int bad;

	*out = NULL;
	if (!v)
		return 0;
	if ((bad = bad_control(v, 1))) {
		dp_error_set_at(s->path, s->row->line, (unsigned)s->col[c] + 1,
				"%s: a control character (0x%02x)",
				dp_import_column_name(c), bad);
		return DP_EINVALID;
	}
	*out = trim_text(v);
	if (!**out) {
		free(*out);
		*out = NULL;
	}
	return 0;
}

static int id_for(struct dp_buf *out, const struct sheet *s,
		  enum dp_import_col idcol, const char *name,
		  enum dp_import_col namecol)
{
	const char *v = cell(s, idcol);
	enum dp_import_col c = v && *v ? idcol : namecol;

	if (!(v && *v))
		v = name;
	if (!v || make_id(out, v) < 0) {
		dp_error_set_at(s->path, s->row->line, (unsigned)s->col[c] + 1,
				"%s '%s' gives no usable id",
				dp_import_column_name(c), v ? v : "");
		return DP_EINVALID;
	}
	return 0;
}

struct csv_state {
	struct steps role_steps, req_steps, cat_steps;
};

static int import_row(struct model *m, struct sheet *s, struct csv_state *cs,
		      int has_role)
{
	struct dp_buf id = DP_BUF_INIT, rid = DP_BUF_INIT;
	char *name = NULL, *title = NULL, *desc = NULL, *cdesc = NULL;
	char *track = NULL, *cat = NULL;
	struct comp *c;
	long lv;
	int ret = 0, r;
	unsigned line = s->row->line;

	if ((ret = name_cell(&name, s, DP_COL_COMPETENCY)) < 0 ||
	    (ret = name_cell(&title, s, DP_COL_ROLE)) < 0 ||
	    (ret = name_cell(&track, s, DP_COL_TRACK)) < 0 ||
	    (ret = name_cell(&cat, s, DP_COL_CATEGORY)) < 0 ||
	    (ret = text_cell(&desc, s, DP_COL_DESCRIPTION)) < 0 ||
	    (ret = text_cell(&cdesc, s, DP_COL_COMPETENCY_DESC)) < 0)
		goto out;
	if (!name && !(cell(s, DP_COL_COMPETENCY_ID) &&
		       *cell(s, DP_COL_COMPETENCY_ID))) {
		int col = s->col[DP_COL_COMPETENCY] >= 0
			      ? s->col[DP_COL_COMPETENCY]
			      : s->col[DP_COL_COMPETENCY_ID];

		dp_error_set_at(s->path, line, (unsigned)col + 1,
				"the row names no competency");
		ret = DP_EINVALID;
		goto out;
	}
	if ((ret = id_for(&id, s, DP_COL_COMPETENCY_ID, name,
			  DP_COL_COMPETENCY)) < 0)
		goto out;
	c = comp_get(m, id.ptr);
	if (!c->name)
		set_str(&c->name, name ? name : id.ptr);
	if (cdesc && !c->desc)
		set_str(&c->desc, cdesc);
	if (cat && !c->category) {
		const char *k = category_of(cat);

		set_str(&c->category, k ? k : "core");
		if (!k)
			set_str(&c->group, cat);
	}
	if (!has_role) {
		/* A catalog: the level is the competency's. */
		r = level_of(&lv, &cs->role_steps, cell(s, DP_COL_LEVEL),
			     cell(s, DP_COL_LEVEL_RANK), s->path, line,
			     (size_t)s->col[DP_COL_LEVEL] + 1,
			     (size_t)s->col[DP_COL_LEVEL_RANK] + 1, LEVEL_MAX);
		if (r < -1) {
			ret = r;
			goto out;
		}
		if (r == 0 && lv >= 1 && desc) {
			if (c->levels[lv] && strcmp(c->levels[lv], desc)) {
				struct dp_buf j = DP_BUF_INIT;

				dp_buf_addf(&j, "%s\n%s", c->levels[lv], desc);
				free(c->levels[lv]);
				c->levels[lv] = dp_buf_detach(&j, NULL);
			} else if (!c->levels[lv]) {
				set_str(&c->levels[lv], desc);
			}
		} else if (r != 0 && desc && !c->desc) {
			set_str(&c->desc, desc);
		}
		goto out;
	}

	/* A role matrix: one row per role and competency. */
	{
		struct role *ro;
		struct req *rq;
		const char *req = cell(s, DP_COL_REQUIRED);
		const char *rrank = cell(s, DP_COL_REQUIRED_RANK);
		const char *kind = cell(s, DP_COL_REQUIREMENT);
		const char *next = cell(s, DP_COL_NEXT);
		size_t qcol = (size_t)s->col[DP_COL_REQUIRED] + 1;
		size_t qrcol = (size_t)s->col[DP_COL_REQUIRED_RANK] + 1;
		struct steps *qsteps = &cs->req_steps;
		long rl;

		if (!title &&
		    !(cell(s, DP_COL_ROLE_ID) && *cell(s, DP_COL_ROLE_ID))) {
			int col = s->col[DP_COL_ROLE] >= 0
				      ? s->col[DP_COL_ROLE]
				      : s->col[DP_COL_ROLE_ID];

			dp_error_set_at(s->path, line, (unsigned)col + 1,
					"the row names no role");
			ret = DP_EINVALID;
			goto out;
		}
		if ((ret = id_for(&rid, s, DP_COL_ROLE_ID, title,
				  DP_COL_ROLE)) < 0)
			goto out;
		ro = role_get(m, rid.ptr);
		if (!ro->title)
			set_str(&ro->title, title ? title : rid.ptr);
		if (track && !ro->family) {
			set_str(&ro->family, track);
			set_str(&ro->track, track_of(track));
		}
		r = level_of(&lv, &cs->role_steps, cell(s, DP_COL_LEVEL),
			     cell(s, DP_COL_LEVEL_RANK), s->path, line,
			     (size_t)s->col[DP_COL_LEVEL] + 1,
			     (size_t)s->col[DP_COL_LEVEL_RANK] + 1,
			     ROLE_LEVEL_MAX);
		if (r < -1) {
			ret = r;
			goto out;
		}
		if (r == 0 && lv >= 1 && !ro->level)
			ro->level = lv;
		if (next && *next) {
			struct dp_buf nid = DP_BUF_INIT;

			if (make_id(&nid, next) == 0 &&
			    !dp_strlist_has(&ro->next, nid.ptr))
				dp_strlist_push(&ro->next, nid.ptr);
			dp_buf_release(&nid);
		}
		ro->has_next |= s->col[DP_COL_NEXT] >= 0;
		if (!req && !rrank) {
			/* The grade of the competency's category. */
			req = cell(s, DP_COL_CATEGORY_LEVEL);
			rrank = cell(s, DP_COL_CATEGORY_RANK);
			qcol = (size_t)s->col[DP_COL_CATEGORY_LEVEL] + 1;
			qrcol = (size_t)s->col[DP_COL_CATEGORY_RANK] + 1;
			qsteps = &cs->cat_steps;
		}
		r = level_of(&rl, qsteps, req, rrank, s->path, line, qcol,
			     qrcol, LEVEL_MAX);
		if (r < -1) {
			ret = r;
			goto out;
		}
		/* No level, or level 0: the row states no requirement. */
		if (r != 0 || rl == 0)
			goto out;
		rq = req_get(ro, c->id);
		if (rq->level && rq->level != rl) {
			dp_error_set_at(s->path, line, (unsigned)qrcol,
					"role '%s' requires '%s' at level %ld "
					"here but at %ld on an earlier row",
					ro->title, c->name, rl, rq->level);
			ret = DP_EINVALID;
			goto out;
		}
		rq->level = rl;
		rq->optional = kind && !strcmp(kind, "optional");
		if (desc) {
			if (rq->expect.len)
				dp_buf_addch(&rq->expect, '\n');
			dp_buf_adds(&rq->expect, desc);
			rq->pending = 1;
		}
	}
out:
	free(name);
	free(title);
	free(desc);
	free(cdesc);
	free(track);
	free(cat);
	dp_buf_release(&id);
	dp_buf_release(&rid);
	return ret;
}

/*
 * Where a role matrix's descriptions go. When every role that needs a
 * competency at a level says the same about it, the text describes the
 * level: the catalog keeps it. When roles say different things about
 * the same level (FT's, inDrive's), the text is what that role expects:
 * the role keeps it under `expectations`.
 */
static void place_descriptions(struct model *m)
{
	int per_level = 1;

	for (size_t i = 0; i < m->nrole && per_level; i++)
		for (size_t j = 0; j < m->roles[i].nreq && per_level; j++) {
			const struct req *a = &m->roles[i].reqs[j];

			if (!a->pending)
				continue;
			for (size_t k = i; k < m->nrole && per_level; k++)
				for (size_t l = 0; l < m->roles[k].nreq; l++) {
					const struct req *b =
					    &m->roles[k].reqs[l];

					if (b->pending &&
					    !strcmp(a->comp, b->comp) &&
					    a->level == b->level &&
					    strcmp(a->expect.ptr,
						   b->expect.ptr)) {
						per_level = 0;
						break;
					}
				}
		}
	for (size_t i = 0; i < m->nrole; i++)
		for (size_t j = 0; j < m->roles[i].nreq; j++) {
			struct req *q = &m->roles[i].reqs[j];

			if (!q->pending)
				continue;
			q->pending = 0;
			if (per_level) {
				struct comp *c = comp_get(m, q->comp);

				set_str(&c->levels[q->level], q->expect.ptr);
				dp_buf_reset(&q->expect);
			} else {
				m->roles[i].expectations = 1;
			}
		}
}

static int import_csv(struct model *m, const char *path, const char *text,
		      size_t len)
{
	struct dp_csv csv = DP_CSV_INIT;
	struct csv_state cs = { { DP_STRLIST_INIT },
				{ DP_STRLIST_INIT },
				{ DP_STRLIST_INIT } };
	struct sheet s = { path, NULL, { 0 } };
	int ret, has_role;

	ret =
	    dp_csv_parse(&csv, path, text, len, dp_csv_sniff(path, text, len));
	if (ret < 0)
		goto out;
	if (csv.n == 0) {
		dp_error_set_at(path, 1, 1, "the file is empty: no header row");
		ret = DP_EINVALID;
		goto out;
	}
	if ((ret = read_header(&s, &csv.rows[0])) < 0)
		goto out;
	has_role = s.col[DP_COL_ROLE] >= 0 || s.col[DP_COL_ROLE_ID] >= 0;
	for (size_t i = 1; i < csv.n; i++) {
		int empty = 1;

		for (size_t j = 0; j < csv.rows[i].n && empty; j++)
			empty = !csv.rows[i].cells[j][0];
		if (empty)
			continue;
		s.row = &csv.rows[i];
		if ((ret = import_row(m, &s, &cs, has_role)) < 0)
			goto out;
	}
	if (csv.n < 2) {
		dp_error_set_at(path, csv.rows[0].line, 1,
				"no rows below the header: nothing to import");
		ret = DP_EINVALID;
		goto out;
	}
	place_descriptions(m);
out:
	dp_strlist_release(&cs.role_steps.names);
	dp_strlist_release(&cs.req_steps.names);
	dp_strlist_release(&cs.cat_steps.names);
	dp_csv_release(&csv);
	return ret;
}

/* ---- Markdown with `levels` and `topics` ---- */

/* The discipline a framework file is about: "🛠️ Backend" -> "Backend". */
static void discipline_of(struct dp_buf *out, const struct dp_doc *doc,
			  const char *stem)
{
	const char *t = dp_doc_str(doc, "sidebarTitle");

	if (!t || !*t)
		t = dp_doc_str(doc, "title");
	if (!t)
		t = stem;
	while (*t && !isalnum((unsigned char)*t))
		t++;
	fold_line(out, *t ? t : stem);
}

static int import_markdown(struct model *m, const char *path, const char *text,
			   size_t len, struct dp_findings *warn)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_buf stem = DP_BUF_INIT, disc = DP_BUF_INIT, id = DP_BUF_INIT;
	struct dp_buf b = DP_BUF_INIT;
	const struct dp_node *topics, *lv;
	char *cids[64] = { NULL };
	int used[LEVEL_MAX + 2] = { 0 };
	const char *base = strrchr(path, '/');
	const char *family;
	int ret;

	if (len < 4 ||
	    (strncmp(text, "---\n", 4) && strncmp(text, "---\r", 4))) {
		dp_error_set_at(path, 1, 1,
				"no front matter: not a framework file (one "
				"with `levels` and `topics`)");
		ret = DP_ENOTFOUND;
		goto out;
	}
	if ((ret = dp_doc_parse(&doc, path, text, len, DP_DOC_FRONT_MATTER)) <
	    0)
		goto out;
	topics = dp_node_get(doc.root, "topics");
	if (!topics || topics->type != DP_SEQ || topics->n == 0) {
		dp_error_set_at(path, 1, 1,
				"no competencies found: the front matter has "
				"no `topics` with criteria per level");
		ret = DP_EINVALID;
		goto out;
	}
	if (topics->n > DP_ARRAY_SIZE(cids)) {
		dp_error_set_at(path, topics->line, topics->col,
				"more than %zu topics", DP_ARRAY_SIZE(cids));
		ret = DP_ETOOBIG;
		goto out;
	}
	base = base ? base + 1 : path;
	dp_buf_add(&stem, base,
		   dp_ends_with(base, ".md") ? strlen(base) - 3 : strlen(base));
	if ((ret = make_id(&b, stem.ptr)) < 0)
		goto out;
	dp_buf_reset(&stem);
	dp_buf_adds(&stem, b.ptr);
	discipline_of(&disc, &doc, stem.ptr);
	family = dp_doc_str(&doc, "sidebarGroup");
	for (size_t t = 0; t < topics->n; t++) {
		const struct dp_node *tp = topics->items[t];
		const struct dp_node *nm = dp_node_get(tp, "name");
		const struct dp_node *content = dp_node_get(tp, "content");
		struct comp *c;

		if (!nm || nm->type != DP_SCALAR || !*nm->str ||
		    bad_control(nm->str, 0)) {
			dp_error_set_at(path, tp->line, tp->col,
					"a topic without a usable `name`");
			ret = DP_EINVALID;
			goto out;
		}
		dp_buf_reset(&b);
		dp_buf_addf(&b, "%s %s", stem.ptr, nm->str);
		dp_buf_reset(&id);
		if ((ret = dp_slugify(&id, b.ptr)) < 0)
			goto out;
		c = comp_get(m, id.ptr);
		cids[t] = c->id;
		fold_line(&b, nm->str);
		dp_buf_splice(&b, 0, 0, ": ", 2);
		dp_buf_splice(&b, 0, 0, disc.ptr, disc.len);
		set_str(&c->name, b.ptr);
		set_str(&c->category, "core");
		set_str(&c->group, disc.ptr);
		for (size_t k = 0;
		     content && content->type == DP_SEQ && k < content->n;
		     k++) {
			const struct dp_node *it = content->items[k];
			const struct dp_node *ln = dp_node_get(it, "level");
			const struct dp_node *cr = dp_node_get(it, "criteria");
			long l;

			if (!ln || ln->type != DP_SCALAR ||
			    dp_parse_long(ln->str, 1, LEVEL_MAX, &l) < 0) {
				dp_error_set_at(path, ln ? ln->line : it->line,
						ln ? ln->col : it->col,
						"level: expected a number in "
						"1..%d",
						LEVEL_MAX);
				ret = DP_EINVALID;
				goto out;
			}
			dp_buf_reset(&b);
			for (size_t q = 0;
			     cr && cr->type == DP_SEQ && q < cr->n; q++)
				if (cr->items[q]->type == DP_SCALAR &&
				    *cr->items[q]->str)
					dp_buf_addf(&b, "%s%s",
						    b.len ? "\n" : "",
						    cr->items[q]->str);
			if (!b.len)
				continue;
			set_str(&c->levels[l], b.ptr);
			used[l] = 1;
		}
	}
	/* Each level a topic describes is a role needing every such topic. */
	for (long l = 1; l <= LEVEL_MAX; l++) {
		struct role *ro;
		long nx;

		if (!used[l])
			continue;
		dp_buf_reset(&b);
		dp_buf_addf(&b, "%s-%ld", stem.ptr, l);
		ro = role_get(m, b.ptr);
		dp_buf_reset(&b);
		dp_buf_addf(&b, "%s level %ld", disc.ptr, l);
		set_str(&ro->title, b.ptr);
		ro->level = l;
		if (family && *family && !bad_control(family, 0))
			set_str(&ro->family, family);
		for (size_t t = 0; t < topics->n; t++)
			if (comp_get(m, cids[t])->levels[l])
				req_get(ro, cids[t])->level = l;
		for (nx = l + 1; nx <= LEVEL_MAX && !used[nx]; nx++)
			;
		ro->has_next = 1;
		dp_strlist_release(&ro->next);
		if (nx <= LEVEL_MAX) {
			dp_buf_reset(&b);
			dp_buf_addf(&b, "%s-%ld", stem.ptr, nx);
			dp_strlist_push(&ro->next, b.ptr);
		}
	}
	/* `levels` is a count for display; the topics say which exist. */
	lv = dp_node_get(doc.root, "levels");
	if (lv && lv->type == DP_SCALAR && *lv->str) {
		long declared, top = 0, low = 0;

		for (long l = LEVEL_MAX; l >= 1; l--)
			if (used[l]) {
				top = top ? top : l;
				low = l;
			}
		if (dp_parse_long(lv->str, 0, 1000, &declared) == 0 &&
		    declared != top)
			dp_findings_add(warn, DP_SEV_WARNING, path, lv->line,
					lv->col,
					"levels: %ld, but the topics describe "
					"levels %ld-%ld; importing those",
					declared, low, top);
	}
out:
	dp_doc_release(&doc);
	dp_buf_release(&stem);
	dp_buf_release(&disc);
	dp_buf_release(&id);
	dp_buf_release(&b);
	return ret;
}

/* ---- sources: files and folders ---- */

static int is_csv(const char *p)
{
	return dp_ends_with(p, ".csv") || dp_ends_with(p, ".tsv") ||
	       dp_ends_with(p, ".CSV") || dp_ends_with(p, ".TSV");
}

static int is_md(const char *p)
{
	return dp_ends_with(p, ".md") || dp_ends_with(p, ".markdown");
}

static int import_file(struct model *m, const char *path,
		       struct dp_findings *warn)
{
	struct dp_buf text = DP_BUF_INIT;
	int ret;

	ret = read_file(&text, path,
			is_csv(path) ? DP_CSV_MAX_FILE : DP_FM_MAX_FILE);
	if (ret == 0)
		ret = is_csv(path)
			  ? import_csv(m, path, text.ptr, text.len)
			  : import_markdown(m, path, text.ptr, text.len, warn);
	dp_buf_release(&text);
	return ret;
}

static int list_folder(struct dp_strlist *out, const char *dir, int depth)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf p = DP_BUF_INIT;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (depth > MAX_FOLDER_DEPTH)
		return 0;
	if (!(d = opendir(dir))) {
		dp_error_set_errno("cannot read folder '%s'", dir);
		return DP_EIO;
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			dp_strlist_push(&names, de->d_name);
	closedir(d);
	dp_strlist_sort(&names);
	for (size_t i = 0; i < names.len && ret == 0; i++) {
		struct stat stt;

		dp_buf_reset(&p);
		dp_buf_addf(&p, "%s%s%s", dir,
			    dp_ends_with(dir, "/") ? "" : "/", names.items[i]);
		if (lstat(p.ptr, &stt) < 0 || S_ISLNK(stt.st_mode))
			continue;
		if (S_ISDIR(stt.st_mode))
			ret = list_folder(out, p.ptr, depth + 1);
		else if (S_ISREG(stt.st_mode) &&
			 (is_csv(p.ptr) || is_md(p.ptr))) {
			if (out->len >= MAX_SOURCES) {
				dp_error_set("'%s': more than %d files", dir,
					     MAX_SOURCES);
				ret = DP_ETOOBIG;
			} else {
				dp_strlist_push(out, p.ptr);
			}
		}
	}
	dp_strlist_release(&names);
	dp_buf_release(&p);
	return ret;
}

/*
 * A folder imports what it can: a file that is not a framework (no front
 * matter, no topics, front matter that does not parse) is skipped with a
 * warning. A folder where nothing imports is refused with the first
 * file's reason.
 */
static int import_folder(struct model *m, const char *dir,
			 struct dp_findings *warn)
{
	struct dp_strlist files = DP_STRLIST_INIT;
	struct dp_buf first = DP_BUF_INIT;
	size_t imported = 0;
	int ret, first_code = DP_EINVALID;

	if ((ret = list_folder(&files, dir, 0)) < 0)
		goto out;
	for (size_t i = 0; i < files.len; i++) {
		int r = import_file(m, files.items[i], warn);
		unsigned line, col;
		const char *what;

		if (r == 0) {
			imported++;
			continue;
		}
		if (r == DP_ENOTFOUND)
			continue; /* not a framework file: no front matter */
		if (r != DP_EINVALID && r != DP_ETOOBIG) {
			ret = r;
			goto out;
		}
		if (!first.len) {
			dp_buf_adds(&first, dp_error_last());
			dp_buf_setlen(&first, first.len);
			first_code = r;
		}
		if (dp_error_last_at(&line, &col, &what))
			dp_findings_add(warn, DP_SEV_WARNING, files.items[i],
					line, col, "skipped: %s", what);
		else
			dp_findings_add(warn, DP_SEV_WARNING, files.items[i], 0,
					0, "skipped: %s", dp_error_last());
	}
	if (!imported) {
		if (first.len)
			dp_error_set("%s", first.ptr);
		else
			dp_error_set("'%s': no competencies found (no *.md, "
				     "*.csv or *.tsv files)",
				     dir);
		ret = first.len ? first_code : DP_EINVALID;
	}
out:
	dp_strlist_release(&files);
	dp_buf_release(&first);
	return ret;
}

static int import_source(struct model *m, const char *src,
			 struct dp_findings *warn)
{
	struct stat stt;

	if (stat(src, &stt) < 0) {
		dp_error_set_errno("cannot read '%s'", src);
		return errno == ENOENT ? DP_ENOTFOUND : DP_EIO;
	}
	if (S_ISDIR(stt.st_mode))
		return import_folder(m, src, warn);
	if (!is_csv(src) && !is_md(src)) {
		/* what it holds is not a framework we read: say where */
		dp_error_set("%s:1:1: not a spreadsheet (.csv, .tsv) or "
			     "Markdown role file (.md)",
			     src);
		return DP_EINVALID;
	}
	return import_file(m, src, warn);
}

/* ---- applying the model to the framework's files ---- */

struct target {
	struct dp_ref ref;
	struct dp_doc doc;
	struct dp_buf before; /* the text as read ("" for a new file) */
	int exists;
};

struct apply {
	struct dp_plan *plan;
	struct model *m;
	struct dp_import_result *res;
	struct dp_buf line;
};

/* A value for a report line: folded, cut at 60 bytes, quoted. */
static void show_value(struct dp_buf *out, const char *s)
{
	struct dp_buf f = DP_BUF_INIT;

	fold_line(&f, s ? s : "");
	if (f.len > 60) {
		size_t n = 57;

		while (n > 0 && ((unsigned char)f.ptr[n] & 0xc0) == 0x80)
			n--;
		dp_buf_setlen(&f, n);
		dp_buf_adds(&f, "...");
	}
	dp_buf_addf(out, "\"%s\"", f.ptr);
	dp_buf_release(&f);
}

static void report_field(struct apply *a, const char *field, const char *old,
			 const char *new)
{
	dp_buf_reset(&a->line);
	dp_buf_addf(&a->line, "  %s: ", field);
	if (old) {
		show_value(&a->line, old);
		dp_buf_adds(&a->line, " -> ");
	}
	show_value(&a->line, new);
	dp_strlist_push(&a->res->report, a->line.ptr);
}

/*
 * Sets a scalar at `path` unless it already holds `value`; reports the
 * change under `label` when `report` is set (a new record is reported as
 * one line).
 */
static int set_scalar(struct apply *a, struct dp_doc *doc, const char *path,
		      const char *label, const char *value, int typed,
		      int report)
{
	const struct dp_node *n = dp_doc_lookup(doc, path);
	char *old = n && n->type == DP_SCALAR ? dp_xstrdup(n->str) : NULL;
	int ret = 0;

	if (old && !strcmp(old, value))
		goto out;
	ret = typed ? dp_doc_set_typed(doc, path, value)
		    : dp_doc_set_text(doc, path, value);
	if (ret == 0 && report)
		report_field(a, label, old, value);
out:
	free(old);
	return ret;
}

/* Sets map entries `prefix.key` one by one, creating the map if needed. */
static int set_entries(struct apply *a, struct dp_doc *doc, const char *map,
		       const char *const *keys, const char *const *vals,
		       size_t n, int typed, int report)
{
	const struct dp_node *node = dp_doc_lookup(doc, map);
	struct dp_buf p = DP_BUF_INIT, label = DP_BUF_INIT;
	const char *dot = strrchr(map, '.');
	int ret = 0;

	if (!n)
		return 0;
	if (!node || node->type != DP_MAP || node->n == 0) {
		struct dp_value *v = dp_xcalloc(n, sizeof(*v));
		struct dp_value mv = { DP_MAP, NULL, 0, n, keys, v };

		for (size_t i = 0; i < n; i++)
			v[i] = typed ? DP_VTYPED(vals[i]) : DP_VTEXT(vals[i]);
		ret = dp_doc_set(doc, map, &mv);
		for (size_t i = 0; ret == 0 && report && i < n; i++) {
			dp_buf_reset(&label);
			dp_buf_addf(&label, "%s.%s", dot ? dot + 1 : map,
				    keys[i]);
			report_field(a, label.ptr, NULL, vals[i]);
		}
		free(v);
		dp_buf_release(&label);
		return ret;
	}
	for (size_t i = 0; i < n && ret == 0; i++) {
		dp_buf_reset(&p);
		dp_buf_addf(&p, "%s.%s", map, keys[i]);
		dp_buf_reset(&label);
		dp_buf_addf(&label, "%s.%s", dot ? dot + 1 : map, keys[i]);
		ret = set_scalar(a, doc, p.ptr, label.ptr, vals[i], typed,
				 report);
	}
	dp_buf_release(&p);
	dp_buf_release(&label);
	return ret;
}

static void level_keys(const struct comp *c, const char **keys,
		       const char **vals, size_t *n, char (*num)[4])
{
	*n = 0;
	for (int l = 1; l <= LEVEL_MAX; l++)
		if (c->levels[l]) {
			snprintf(num[*n], sizeof(num[*n]), "%d", l);
			keys[*n] = num[*n];
			vals[(*n)++] = c->levels[l];
		}
}

/* Adds or updates one competency of the catalog. */
static int apply_comp(struct apply *a, struct dp_doc *doc, const struct comp *c)
{
	const struct dp_node *list = dp_node_get(doc->root, "competencies");
	const char *keys[LEVEL_MAX], *vals[LEVEL_MAX];
	char num[LEVEL_MAX][4];
	struct dp_buf p = DP_BUF_INIT, lp = DP_BUF_INIT;
	const char *cat = c->category ? c->category : "core";
	size_t idx = (size_t)-1, nl;
	int ret = 0;

	level_keys(c, keys, vals, &nl, num);
	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++) {
		const struct dp_node *idn = dp_node_get(list->items[i], "id");

		if (idn && idn->type == DP_SCALAR && !strcmp(idn->str, c->id))
			idx = i;
	}
	if (idx == (size_t)-1) {
		const char *ik[6];
		struct dp_value iv[6], item;
		struct dp_value *lv = dp_xcalloc(nl + 1, sizeof(*lv));
		size_t k = 0;

		ik[k] = "id";
		iv[k++] = DP_VTEXT(c->id);
		ik[k] = "name";
		iv[k++] = DP_VTEXT(c->name);
		ik[k] = "category";
		iv[k++] = DP_VTEXT(cat);
		if (c->group) {
			ik[k] = "group";
			iv[k++] = DP_VTEXT(c->group);
		}
		if (c->desc) {
			ik[k] = "description";
			iv[k++] = DP_VTEXT(c->desc);
		}
		for (size_t i = 0; i < nl; i++)
			lv[i] = DP_VTEXT(vals[i]);
		if (nl) {
			ik[k] = "levels";
			iv[k++] =
			    (struct dp_value){ DP_MAP, NULL, 0, nl, keys, lv };
		}
		item = (struct dp_value){ DP_MAP, NULL, 0, k, ik, iv };
		ret = dp_doc_append(doc, "competencies", &item);
		free(lv);
		if (ret == 0) {
			a->res->comps_added++;
			dp_buf_reset(&a->line);
			dp_buf_addf(&a->line, "%s: add competency %s ",
				    DP_PATH_COMPETENCIES, c->id);
			show_value(&a->line, c->name);
			dp_strlist_push(&a->res->report, a->line.ptr);
		}
		goto out;
	}
	{
		size_t mark = a->res->report.len;
		struct dp_buf head = DP_BUF_INIT;
		struct {
			const char *key;
			const char *val;
		} f[] = { { "name", c->name },
			  { "category", c->category },
			  { "group", c->group },
			  { "description", c->desc } };

		dp_buf_addf(&head, "%s: update competency %s",
			    DP_PATH_COMPETENCIES, c->id);
		dp_strlist_push(&a->res->report, head.ptr);
		dp_buf_release(&head);
		for (size_t i = 0; i < DP_ARRAY_SIZE(f) && ret == 0; i++) {
			if (!f[i].val)
				continue;
			dp_buf_reset(&p);
			dp_buf_addf(&p, "competencies[%zu].%s", idx, f[i].key);
			ret =
			    set_scalar(a, doc, p.ptr, f[i].key, f[i].val, 0, 1);
		}
		dp_buf_addf(&lp, "competencies[%zu].levels", idx);
		if (ret == 0)
			ret = set_entries(a, doc, lp.ptr, keys, vals, nl, 0, 1);
		if (a->res->report.len == mark + 1) {
			/* Nothing changed: drop the heading. */
			free(a->res->report.items[mark]);
			a->res->report.len = mark;
		} else {
			a->res->comps_updated++;
		}
	}
out:
	dp_buf_release(&p);
	dp_buf_release(&lp);
	return ret;
}

/* Writes a role's fields into `doc` (its template or the file as it is). */
static int apply_role(struct apply *a, struct target *t, const struct role *r)
{
	struct dp_doc *doc = &t->doc;
	const char **keys = dp_xcalloc(r->nreq + 1, sizeof(*keys));
	const char **vals = dp_xcalloc(r->nreq + 1, sizeof(*vals));
	const char **okeys = dp_xcalloc(r->nreq + 1, sizeof(*okeys));
	const char **ovals = dp_xcalloc(r->nreq + 1, sizeof(*ovals));
	const char **ekeys = dp_xcalloc(r->nreq + 1, sizeof(*ekeys));
	const char **evals = dp_xcalloc(r->nreq + 1, sizeof(*evals));
	char(*nums)[24] = dp_xcalloc(r->nreq + 1, sizeof(*nums));
	char lvl[24];
	size_t nk = 0, no = 0, ne = 0;
	int rep = t->exists, ret = 0;

	for (size_t i = 0; i < r->nreq; i++) {
		const struct req *q = &r->reqs[i];

		snprintf(nums[i], sizeof(nums[i]), "%ld", q->level);
		if (q->optional) {
			okeys[no] = q->comp;
			ovals[no++] = nums[i];
		} else {
			keys[nk] = q->comp;
			vals[nk++] = nums[i];
		}
		if (r->expectations && q->expect.len) {
			ekeys[ne] = q->comp;
			evals[ne++] = q->expect.ptr;
		}
	}
	if ((ret = set_scalar(a, doc, "title", "title", r->title, 0, rep)) < 0)
		goto out;
	if (r->track &&
	    (ret = set_scalar(a, doc, "track", "track", r->track, 0, rep)) < 0)
		goto out;
	if (r->family && (ret = set_scalar(a, doc, "family", "family",
					   r->family, 0, rep)) < 0)
		goto out;
	if (r->level) {
		snprintf(lvl, sizeof(lvl), "%ld", r->level);
		if ((ret = set_scalar(a, doc, "level", "level", lvl, 1, rep)) <
		    0)
			goto out;
	}
	if ((ret = set_entries(a, doc, "requires", keys, vals, nk, 1, rep)) <
		0 ||
	    (ret = set_entries(a, doc, "optional", okeys, ovals, no, 1, rep)) <
		0 ||
	    (ret = set_entries(a, doc, "expectations", ekeys, evals, ne, 0,
			       rep)) < 0)
		goto out;
	if (r->has_next) {
		const struct dp_node *n = dp_node_get(doc->root, "next");
		int same = n && n->type == DP_SEQ && n->n == r->next.len;

		for (size_t i = 0; same && i < n->n; i++)
			same = n->items[i]->type == DP_SCALAR &&
			       !strcmp(n->items[i]->str, r->next.items[i]);
		if (!same) {
			struct dp_value *v =
			    dp_xcalloc(r->next.len + 1, sizeof(*v));
			struct dp_value sv = { DP_SEQ,      NULL, 0,
					       r->next.len, NULL, v };

			for (size_t i = 0; i < r->next.len; i++)
				v[i] = DP_VTEXT(r->next.items[i]);
			ret = dp_doc_set(doc, "next", &sv);
			free(v);
			if (ret == 0 && rep) {
				struct dp_buf s = DP_BUF_INIT;

				for (size_t i = 0; i < r->next.len; i++)
					dp_buf_addf(&s, "%s%s", i ? ", " : "",
						    r->next.items[i]);
				report_field(a, "next", NULL, s.ptr);
				dp_buf_release(&s);
			}
		}
	}
out:
	free(keys);
	free(vals);
	free(okeys);
	free(ovals);
	free(ekeys);
	free(evals);
	free(nums);
	return ret;
}

/* References resolve against the plan and what this import adds. */
struct import_refs {
	const struct dp_refs *plan;
	const struct model *m;
};

static int ref_role(const char *id, void *data)
{
	const struct import_refs *ir = data;

	for (size_t i = 0; i < ir->m->nrole; i++)
		if (!strcmp(ir->m->roles[i].id, id))
			return 1;
	return ir->plan->role_exists &&
	       ir->plan->role_exists(id, ir->plan->data);
}

static int ref_competency(const char *id, void *data)
{
	const struct import_refs *ir = data;

	for (size_t i = 0; i < ir->m->ncomp; i++)
		if (!strcmp(ir->m->comps[i].id, id))
			return 1;
	return ir->plan->competency_exists &&
	       ir->plan->competency_exists(id, ir->plan->data);
}

static int ref_person(const char *id, void *data)
{
	const struct import_refs *ir = data;

	return ir->plan->person_exists &&
	       ir->plan->person_exists(id, ir->plan->data);
}

static void source_names(struct dp_buf *out, const char *const *sources,
			 size_t n)
{
	for (size_t i = 0; i < n && i < 3; i++) {
		const char *s = sources[i];
		size_t len = strlen(s);
		const char *b;

		while (len > 1 && s[len - 1] == '/')
			len--;
		b = s + len;
		while (b > s && b[-1] != '/')
			b--;
		dp_buf_addf(out, "%s%.*s", i ? ", " : "", (int)(s + len - b),
			    b);
	}
	if (n > 3)
		dp_buf_addf(out, " and %zu more", n - 3);
}

void dp_import_result_release(struct dp_import_result *res)
{
	if (!res)
		return;
	dp_strlist_release(&res->report);
	dp_findings_release(&res->findings);
}

static void target_release(struct target *t)
{
	dp_doc_release(&t->doc);
	dp_buf_release(&t->before);
}

int dp_import_framework(struct dp_plan *plan, const char *const *sources,
			size_t n, int dry_run, struct dp_import_result *res)
{
	struct model m = { NULL, 0, 0, NULL, 0, 0 };
	struct apply a = { plan, &m, res, DP_BUF_INIT };
	struct target cat = { { 0 }, DP_DOC_INIT, DP_BUF_INIT, 1 };
	struct target *roles = NULL;
	struct dp_change *changes = NULL;
	struct dp_msg msg = DP_MSG_INIT;
	struct import_refs ir = { dp_plan_refs(plan), &m };
	struct dp_refs refs = { ref_person, ref_role, ref_competency, &ir };
	size_t nchanges = 0, nroles = 0;
	int ret = 0, locked = 0;

	res->commit[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((ret = import_source(&m, sources[i], &res->findings)) < 0)
			goto out;
	if (!dry_run) {
		if ((ret = dp_plan_lock(plan)) < 0)
			goto out;
		locked = 1;
	}
	/* The catalog. */
	dp_layout_ref(&cat.ref, dp_plan_layout(plan), DP_KIND_COMPETENCIES,
		      NULL, NULL);
	if ((ret = dp_plan_load(plan, &cat.doc, &cat.ref)) < 0)
		goto out;
	dp_buf_add(&cat.before, cat.doc.text.ptr, cat.doc.text.len);
	for (size_t i = 0; i < m.ncomp; i++)
		if ((ret = apply_comp(&a, &cat.doc, &m.comps[i])) < 0) {
			char *why = dp_xstrdup(dp_error_last());

			dp_error_set("%s: competency '%s': %s",
				     DP_PATH_COMPETENCIES, m.comps[i].id, why);
			free(why);
			goto out;
		}
	/* The roles. */
	roles = dp_xcalloc(m.nrole + 1, sizeof(*roles));
	for (size_t i = 0; i < m.nrole; i++, nroles++) {
		struct target *t = &roles[i];
		size_t mark = res->report.len;

		t->doc = (struct dp_doc)DP_DOC_INIT;
		dp_buf_init(&t->before, 0);
		if ((ret = dp_layout_ref(&t->ref, dp_plan_layout(plan),
					 DP_KIND_ROLE, NULL, m.roles[i].id)) <
		    0)
			goto out;
		t->exists = dp_store_exists(dp_plan_store(plan), t->ref.path);
		ret = t->exists ? dp_plan_load(plan, &t->doc, &t->ref)
				: dp_plan_template(plan, &t->doc, &t->ref);
		if (ret < 0)
			goto out;
		if (t->exists)
			dp_buf_add(&t->before, t->doc.text.ptr,
				   t->doc.text.len);
		dp_buf_reset(&a.line);
		dp_buf_addf(&a.line, "%s: %s role ", t->ref.path,
			    t->exists ? "update" : "add");
		show_value(&a.line, m.roles[i].title);
		dp_strlist_push(&res->report, a.line.ptr);
		if ((ret = apply_role(&a, t, &m.roles[i])) < 0) {
			char *why = dp_xstrdup(dp_error_last());

			dp_error_set("%s: %s", t->ref.path, why);
			free(why);
			goto out;
		}
		if (t->exists &&
		    (t->doc.text.len != t->before.len ||
		     memcmp(t->doc.text.ptr, t->before.ptr, t->before.len))) {
			res->roles_updated++;
		} else if (t->exists) {
			free(res->report.items[mark]);
			res->report.len = mark;
		} else {
			res->roles_added++;
		}
	}
	/* Validate everything that changes, then commit it at once. */
	changes = dp_xcalloc(m.nrole + 2, sizeof(*changes));
	for (size_t i = 0; i <= m.nrole; i++) {
		struct target *t = i < m.nrole ? &roles[i] : &cat;
		struct dp_change *c;

		if (t->exists && t->doc.text.len == t->before.len &&
		    !memcmp(t->doc.text.ptr, t->before.ptr, t->before.len))
			continue;
		dp_record_validate(&res->findings, &t->ref, &t->doc, &refs);
		c = &changes[nchanges++];
		c->path = t->ref.path;
		c->content = t->doc.text.ptr;
		c->len = t->doc.text.len;
		c->base = t->exists ? DP_BASE_TEXT : DP_BASE_ABSENT;
		c->base_text = t->before.ptr;
		c->base_len = t->before.len;
	}
	res->changed = nchanges > 0;
	if (res->findings.errors) {
		dp_error_set("the import would make invalid records; nothing "
			     "was written");
		ret = DP_EINVALID;
		goto out;
	}
	if (dry_run || !nchanges)
		goto out;
	for (size_t i = 0; i < nchanges; i++) {
		struct dp_ref r;

		dp_layout_parse(&r, dp_plan_layout(plan), changes[i].path);
		if ((ret = dp_plan_may(plan,
				       r.kind == DP_KIND_ROLE &&
					       changes[i].base == DP_BASE_ABSENT
					   ? DP_RIGHT_CREATE
					   : DP_RIGHT_WRITE,
				       &r)) < 0 ||
		    (ret = dp_store_check_clean(dp_plan_store(plan),
						changes[i].path)) < 0)
			goto out;
	}
	{
		struct dp_buf names = DP_BUF_INIT;
		size_t nr = res->roles_added + res->roles_updated;
		size_t nc = res->comps_added + res->comps_updated;

		source_names(&names, sources, n);
		dp_msg_subjectf(&msg, "framework: import ");
		if (nr)
			dp_msg_subjectf(&msg, "%zu role%s", nr,
					nr == 1 ? "" : "s");
		if (nc)
			dp_msg_subjectf(&msg, "%s%zu competenc%s",
					nr ? ", " : "", nc,
					nc == 1 ? "y" : "ies");
		dp_msg_subjectf(&msg, " from %s", names.ptr);
		dp_buf_release(&names);
		for (size_t i = 0; i < n; i++)
			dp_msg_add_trailer(&msg, "Devplan-Import-Source",
					   sources[i]);
		for (size_t i = 0; i < nchanges; i++)
			dp_msg_add_trailer(&msg, DP_TRAILER_RECORD,
					   changes[i].path);
	}
	ret = dp_plan_commit(plan, changes, nchanges, &msg, res->commit);
out:
	if (locked)
		dp_plan_unlock(plan);
	for (size_t i = 0; i < nroles; i++)
		target_release(&roles[i]);
	free(roles);
	free(changes);
	target_release(&cat);
	dp_msg_release(&msg);
	dp_buf_release(&a.line);
	model_release(&m);
	return ret;
}
