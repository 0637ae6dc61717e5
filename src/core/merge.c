/* SPDX-License-Identifier: MIT */
/*
 * Three-way merge of records: front matter by key, lists by item identity,
 * the body by lines (diff3). THEIR changes are spliced onto OURS with the
 * front-matter edits, so what neither side changed keeps its bytes.
 */
#include "devplan/merge.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/* Largest LCS table of the line merge (cells); past it: one hunk. */
#define MAX_LCS_CELLS ((size_t)4 * 1024 * 1024)
/* Display values are cut to this many bytes. */
#define SHOW_MAX 200

/* ---- conflicts ---- */

static void add_conflict(struct dp_merge *m, const char *field,
			 const char *base, const char *ours, const char *theirs)
{
	struct dp_merge_conflict *c;

	if (m->nconflicts == m->alloc) {
		m->alloc = m->alloc ? m->alloc * 2 : 4;
		m->conflicts =
		    dp_xrealloc(m->conflicts, m->alloc * sizeof(*m->conflicts));
	}
	c = &m->conflicts[m->nconflicts++];
	c->field = dp_xstrdup(field);
	c->base = base ? dp_xstrdup(base) : NULL;
	c->ours = ours ? dp_xstrdup(ours) : NULL;
	c->theirs = theirs ? dp_xstrdup(theirs) : NULL;
}

void dp_merge_release(struct dp_merge *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nconflicts; i++) {
		free(m->conflicts[i].field);
		free(m->conflicts[i].base);
		free(m->conflicts[i].ours);
		free(m->conflicts[i].theirs);
	}
	free(m->conflicts);
	dp_buf_release(&m->text);
	m->conflicts = NULL;
	m->nconflicts = m->alloc = 0;
	m->lines = 0;
}

/* ---- showing values ---- */

static int needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (; *s; s++)
		if (strchr(",[]{}:#\"'\n\r\t", *s))
			return 1;
	return 0;
}

static void show_node(struct dp_buf *b, const struct dp_node *n)
{
	size_t i;

	if (b->len > SHOW_MAX)
		return;
	if (n->type == DP_SCALAR) {
		if (!needs_quotes(n->str)) {
			dp_buf_adds(b, n->str);
			return;
		}
		dp_buf_addch(b, '"');
		for (const char *s = n->str; *s; s++) {
			if (*s == '"' || *s == '\\')
				dp_buf_addch(b, '\\');
			if (*s == '\n')
				dp_buf_adds(b, "\\n");
			else if (*s == '\r')
				dp_buf_adds(b, "\\r");
			else if (*s == '\t')
				dp_buf_adds(b, "\\t");
			else
				dp_buf_addch(b, *s);
		}
		dp_buf_addch(b, '"');
		return;
	}
	dp_buf_addch(b, n->type == DP_MAP ? '{' : '[');
	for (i = 0; i < n->n; i++) {
		if (i)
			dp_buf_adds(b, ", ");
		if (n->type == DP_MAP) {
			show_node(b, n->keys[i]);
			dp_buf_adds(b, ": ");
		}
		show_node(b, n->items[i]);
	}
	dp_buf_addch(b, n->type == DP_MAP ? '}' : ']');
}

/* A heap string showing `n`, or NULL when absent. */
static char *show(const struct dp_node *n)
{
	struct dp_buf b = DP_BUF_INIT;

	if (!n)
		return NULL;
	show_node(&b, n);
	if (b.len > SHOW_MAX) {
		size_t cut = SHOW_MAX;

		while (cut > 0 && ((unsigned char)b.ptr[cut] & 0xC0) == 0x80)
			cut--;
		dp_buf_setlen(&b, cut);
		dp_buf_adds(&b, "...");
	}
	return dp_buf_detach(&b, NULL);
}

/* ---- comparing nodes ---- */

static int node_eq(const struct dp_node *a, const struct dp_node *b)
{
	size_t i;

	if (!a || !b)
		return a == b;
	if (a->type != b->type)
		return 0;
	if (a->type == DP_SCALAR)
		return !strcmp(a->str, b->str);
	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (a->type == DP_SEQ) {
			if (!node_eq(a->items[i], b->items[i]))
				return 0;
		} else if (!node_eq(a->items[i],
				    dp_node_get(b, a->keys[i]->str))) {
			return 0;
		}
	}
	return 1;
}

/* ---- node -> value, to write THEIR value into OURS ---- */

static int looks_typed(const char *s)
{
	static const char *const words[] = { "true",  "false", "null", "~",
					     "True",  "False", "Null", "TRUE",
					     "FALSE", "NULL" };
	size_t i;

	for (i = 0; i < DP_ARRAY_SIZE(words); i++)
		if (!strcmp(s, words[i]))
			return 1;
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && !strchr("+-.:TZeE_", *s))
			return 0;
	return 1;
}

static void to_value(struct dp_value *v, const struct dp_node *n)
{
	struct dp_value *items;
	const char **keys = NULL;
	size_t i;

	memset(v, 0, sizeof(*v));
	v->type = n->type;
	if (n->type == DP_SCALAR) {
		v->str = n->str;
		v->typed = n->style == DP_STYLE_PLAIN && looks_typed(n->str);
		return;
	}
	v->n = n->n;
	items = dp_xcalloc(n->n ? n->n : 1, sizeof(*items));
	if (n->type == DP_MAP)
		keys = dp_xcalloc(n->n ? n->n : 1, sizeof(*keys));
	for (i = 0; i < n->n; i++) {
		to_value(&items[i], n->items[i]);
		if (keys)
			keys[i] = n->keys[i]->str;
	}
	v->items = items;
	v->keys = keys;
}

static void value_free(struct dp_value *v)
{
	size_t i;

	if (v->type == DP_SCALAR)
		return;
	for (i = 0; i < v->n; i++)
		value_free((struct dp_value *)&v->items[i]);
	free((void *)v->items);
	free((void *)v->keys);
}

/* ---- the front matter ---- */

struct mctx {
	struct dp_doc *work; /* OURS, receiving THEIR changes */
	struct dp_merge *out;
};

/* Can `key` be named in a dp_doc path? */
static int key_ok(const char *key)
{
	return *key && !strpbrk(key, ".[]");
}

static void join(struct dp_buf *b, const char *prefix, const char *key)
{
	dp_buf_reset(b);
	dp_buf_adds(b, prefix);
	if (*prefix)
		dp_buf_addch(b, '.');
	dp_buf_adds(b, key);
}

static void conflict_nodes(struct mctx *c, const char *field,
			   const struct dp_node *b, const struct dp_node *o,
			   const struct dp_node *t)
{
	char *sb = show(b), *so = show(o), *st = show(t);

	add_conflict(c->out, field, sb, so, st);
	free(sb);
	free(so);
	free(st);
}

/* Writes THEIR value `t` (NULL: removed) at `epath` of OURS. */
static void apply_theirs(struct mctx *c, const char *epath, const char *disp,
			 const struct dp_node *o, const struct dp_node *t)
{
	struct dp_value v;
	int ret;

	if (!t) {
		ret = dp_doc_remove(c->work, epath);
	} else {
		to_value(&v, t);
		ret = dp_doc_set(c->work, epath, &v);
		value_free(&v);
	}
	if (ret < 0)
		conflict_nodes(c, disp, NULL, o, t);
}

static void merge_map(struct mctx *c, const char *epath, const char *disp,
		      const struct dp_node *b, const struct dp_node *o,
		      const struct dp_node *t);
static void merge_seq(struct mctx *c, const char *epath, const char *disp,
		      const struct dp_node *b, const struct dp_node *o,
		      const struct dp_node *t);

static void merge_value(struct mctx *c, const char *epath, const char *disp,
			const struct dp_node *b, const struct dp_node *o,
			const struct dp_node *t)
{
	if (node_eq(t, b) || node_eq(o, t))
		return;
	if (o && t && o->type == t->type && (!b || b->type == o->type) &&
	    o->type != DP_SCALAR) {
		if (o->type == DP_MAP)
			merge_map(c, epath, disp, b, o, t);
		else
			merge_seq(c, epath, disp, b, o, t);
		return;
	}
	if (node_eq(o, b)) {
		apply_theirs(c, epath, disp, o, t);
		return;
	}
	conflict_nodes(c, disp, b, o, t);
}

static void merge_map(struct mctx *c, const char *epath, const char *disp,
		      const struct dp_node *b, const struct dp_node *o,
		      const struct dp_node *t)
{
	struct dp_buf ep = DP_BUF_INIT, dn = DP_BUF_INIT;
	size_t i, pass;

	/* THEIR keys, then the keys they removed. */
	for (pass = 0; pass < 2; pass++) {
		const struct dp_node *m = pass ? b : t;

		for (i = 0; m && i < m->n; i++) {
			const char *k = m->keys[i]->str;
			const struct dp_node *bv = dp_node_get(b, k);
			const struct dp_node *ov = dp_node_get(o, k);
			const struct dp_node *tv = dp_node_get(t, k);

			if (pass && tv)
				continue;
			join(&dn, disp, k);
			if (!key_ok(k)) {
				if (!node_eq(tv, bv) && !node_eq(ov, tv))
					conflict_nodes(c, dn.ptr, bv, ov, tv);
				continue;
			}
			join(&ep, epath, k);
			merge_value(c, ep.ptr, dn.ptr, bv, ov, tv);
		}
	}
	dp_buf_release(&ep);
	dp_buf_release(&dn);
}

/* ---- lists: items matched by identity ---- */

static void trim_lower(struct dp_buf *b, const char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	for (; n; n--, s++)
		dp_buf_addch(b, tolower((unsigned char)*s));
}

/* The identity of an item: "i:<id>", "t:<title>" or "v:<value>". */
static void identity(struct dp_buf *b, const struct dp_node *n)
{
	const struct dp_node *k;
	char *s;

	dp_buf_reset(b);
	if ((k = dp_node_get(n, "id")) && k->type == DP_SCALAR) {
		dp_buf_adds(b, "i:");
		dp_buf_adds(b, k->str);
	} else if ((k = dp_node_get(n, "title")) && k->type == DP_SCALAR) {
		dp_buf_adds(b, "t:");
		trim_lower(b, k->str);
	} else {
		dp_buf_adds(b, "v:");
		s = show(n);
		dp_buf_adds(b, s);
		free(s);
	}
}

/* How an item is named in a conflict: its title, id, name or value. */
static void item_name(struct dp_buf *b, const char *disp,
		      const struct dp_node *n)
{
	static const char *const keys[] = { "title", "id", "name" };
	const struct dp_node *k = NULL;
	size_t i;
	char *s;

	dp_buf_reset(b);
	dp_buf_adds(b, disp);
	dp_buf_addch(b, '[');
	for (i = 0; i < DP_ARRAY_SIZE(keys) && !k; i++) {
		k = dp_node_get(n, keys[i]);
		if (k && k->type != DP_SCALAR)
			k = NULL;
	}
	s = show(k ? k : n);
	dp_buf_adds(b, s);
	free(s);
	dp_buf_addch(b, ']');
}

/* Identities of every item, each made unique by its occurrence. */
static char **identities(const struct dp_node *seq)
{
	struct dp_buf b = DP_BUF_INIT;
	size_t i, j, n = seq ? seq->n : 0, seen;
	char **ids = dp_xcalloc(n ? n : 1, sizeof(*ids));

	for (i = 0; i < n; i++) {
		identity(&b, seq->items[i]);
		ids[i] = dp_xstrdup(b.ptr);
	}
	for (i = 0; i < n; i++) {
		seen = 0;
		for (j = 0; j < i; j++)
			if (!strncmp(ids[j], ids[i], strlen(ids[i])) &&
			    (ids[j][strlen(ids[i])] == '\0' ||
			     ids[j][strlen(ids[i])] == '\x1f'))
				seen++;
		if (seen) {
			dp_buf_reset(&b);
			dp_buf_addf(&b, "%s\x1f%zu", ids[i], seen);
			free(ids[i]);
			ids[i] = dp_xstrdup(b.ptr);
		}
	}
	dp_buf_release(&b);
	return ids;
}

static void ids_free(char **ids, const struct dp_node *seq)
{
	size_t i;

	for (i = 0; seq && i < seq->n; i++)
		free(ids[i]);
	free(ids);
}

static size_t find_id(char **ids, const struct dp_node *seq, const char *id)
{
	size_t i;

	for (i = 0; seq && i < seq->n; i++)
		if (!strcmp(ids[i], id))
			return i;
	return (size_t)-1;
}

static void merge_seq(struct mctx *c, const char *epath, const char *disp,
		      const struct dp_node *b, const struct dp_node *o,
		      const struct dp_node *t)
{
	char **bid = identities(b), **oid = identities(o),
	     **tid = identities(t);
	unsigned char *drop = dp_xcalloc(o->n ? o->n : 1, 1);
	struct dp_buf ep = DP_BUF_INIT, dn = DP_BUF_INIT;
	size_t i, bi, oi;

	for (i = 0; i < t->n; i++) {
		const struct dp_node *tv = t->items[i];

		bi = find_id(bid, b, tid[i]);
		oi = find_id(oid, o, tid[i]);
		item_name(&dn, disp, tv);
		if (bi == (size_t)-1 && oi == (size_t)-1) {
			struct dp_value v;

			to_value(&v, tv);
			if (dp_doc_append(c->work, epath, &v) < 0)
				conflict_nodes(c, dn.ptr, NULL, NULL, tv);
			value_free(&v);
			continue;
		}
		if (oi == (size_t)-1) {
			/* we removed it: fine unless they changed it */
			if (!node_eq(tv, b->items[bi]))
				conflict_nodes(c, dn.ptr, b->items[bi], NULL,
					       tv);
			continue;
		}
		dp_buf_reset(&ep);
		dp_buf_addf(&ep, "%s[%zu]", epath, oi);
		merge_value(c, ep.ptr, dn.ptr,
			    bi == (size_t)-1 ? NULL : b->items[bi],
			    o->items[oi], tv);
	}
	for (bi = 0; b && bi < b->n; bi++) {
		if (find_id(tid, t, bid[bi]) != (size_t)-1)
			continue;
		oi = find_id(oid, o, bid[bi]);
		if (oi == (size_t)-1)
			continue; /* removed on both sides */
		if (node_eq(o->items[oi], b->items[bi])) {
			drop[oi] = 1;
		} else {
			item_name(&dn, disp, b->items[bi]);
			conflict_nodes(c, dn.ptr, b->items[bi], o->items[oi],
				       NULL);
		}
	}
	/* Removals last, from the end: earlier indices stay valid. */
	for (oi = o->n; oi-- > 0;) {
		if (!drop[oi])
			continue;
		dp_buf_reset(&ep);
		dp_buf_addf(&ep, "%s[%zu]", epath, oi);
		if (dp_doc_remove(c->work, ep.ptr) < 0) {
			item_name(&dn, disp, o->items[oi]);
			conflict_nodes(c, dn.ptr, o->items[oi], o->items[oi],
				       NULL);
		}
	}
	free(drop);
	ids_free(bid, b);
	ids_free(oid, o);
	ids_free(tid, t);
	dp_buf_release(&ep);
	dp_buf_release(&dn);
}

/* ---- lines: diff3 ---- */

struct lines {
	const char **at;
	size_t *len;
	size_t n;
};

static void split_lines(struct lines *l, const char *t, size_t len)
{
	size_t i, start = 0, alloc = 16;

	l->n = 0;
	l->at = dp_xmalloc(alloc * sizeof(*l->at));
	l->len = dp_xmalloc(alloc * sizeof(*l->len));
	for (i = 0; i <= len; i++) {
		if (i < len && t[i] != '\n')
			continue;
		if (i == len && start == len)
			break;
		if (l->n == alloc) {
			alloc *= 2;
			l->at = dp_xrealloc(l->at, alloc * sizeof(*l->at));
			l->len = dp_xrealloc(l->len, alloc * sizeof(*l->len));
		}
		l->at[l->n] = t + start;
		l->len[l->n++] = (i < len ? i + 1 : i) - start;
		start = i + 1;
	}
}

static void lines_free(struct lines *l)
{
	free(l->at);
	free(l->len);
}

static int line_eq(const struct lines *a, size_t i, const struct lines *b,
		   size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->at[i], b->at[j], a->len[i]);
}

/*
 * match[i] = the line of `x` matched to base line i by a longest common
 * subsequence, or -1. Common ends first; the middle by dynamic
 * programming, or not at all when it is too big.
 */
static void lcs_match(long *match, const struct lines *base,
		      const struct lines *x)
{
	size_t n = base->n, m = x->n, pre = 0, suf = 0, i, j, rn, rm;
	uint32_t *tab;

	for (i = 0; i < n; i++)
		match[i] = -1;
	while (pre < n && pre < m && line_eq(base, pre, x, pre)) {
		match[pre] = (long)pre;
		pre++;
	}
	while (suf < n - pre && suf < m - pre &&
	       line_eq(base, n - 1 - suf, x, m - 1 - suf)) {
		match[n - 1 - suf] = (long)(m - 1 - suf);
		suf++;
	}
	rn = n - pre - suf;
	rm = m - pre - suf;
	if (!rn || !rm || (rn + 1) > MAX_LCS_CELLS / (rm + 1))
		return;
	tab = dp_xcalloc((rn + 1) * (rm + 1), sizeof(*tab));
#define T(a, b) tab[(a) * (rm + 1) + (b)]
	for (i = rn; i-- > 0;)
		for (j = rm; j-- > 0;)
			T(i, j) = line_eq(base, pre + i, x, pre + j)
				      ? T(i + 1, j + 1) + 1
				  : T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j)
							       : T(i, j + 1);
	for (i = 0, j = 0; i < rn && j < rm;) {
		if (line_eq(base, pre + i, x, pre + j)) {
			match[pre + i] = (long)(pre + j);
			i++;
			j++;
		} else if (T(i + 1, j) >= T(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
#undef T
	free(tab);
}

static int range_eq(const struct lines *a, size_t a0, size_t a1,
		    const struct lines *b, size_t b0, size_t b1)
{
	if (a1 - a0 != b1 - b0)
		return 0;
	for (; a0 < a1; a0++, b0++)
		if (!line_eq(a, a0, b, b0))
			return 0;
	return 1;
}

static void put_range(struct dp_buf *out, const struct lines *l, size_t a,
		      size_t b)
{
	for (; a < b; a++)
		dp_buf_add(out, l->at[a], l->len[a]);
}

static char *range_str(const struct lines *l, size_t a, size_t b)
{
	struct dp_buf s = DP_BUF_INIT;

	put_range(&s, l, a, b);
	return dp_buf_detach(&s, NULL);
}

/*
 * Merges lines into `out`; returns the number of conflicting hunks, each
 * added to `m` as `field`.
 */
static size_t merge_lines(struct dp_buf *out, struct dp_merge *m,
			  const char *field, const char *bt, size_t bl,
			  const char *ot, size_t ol, const char *tt, size_t tl)
{
	struct lines B, O, T;
	long *mo, *mt;
	size_t o = 0, a = 0, b = 0, j, aend, bend, bad = 0;

	split_lines(&B, bt, bl);
	split_lines(&O, ot, ol);
	split_lines(&T, tt, tl);
	mo = dp_xcalloc(B.n ? B.n : 1, sizeof(*mo));
	mt = dp_xcalloc(B.n ? B.n : 1, sizeof(*mt));
	lcs_match(mo, &B, &O);
	lcs_match(mt, &B, &T);
	for (;;) {
		/* a stable run: the same lines in all three */
		while (o < B.n && mo[o] == (long)a && mt[o] == (long)b) {
			dp_buf_add(out, B.at[o], B.len[o]);
			o++;
			a++;
			b++;
		}
		if (o == B.n && a == O.n && b == T.n)
			break;
		for (j = o; j < B.n && (mo[j] < 0 || mt[j] < 0); j++)
			;
		aend = j < B.n ? (size_t)mo[j] : O.n;
		bend = j < B.n ? (size_t)mt[j] : T.n;
		if (range_eq(&O, a, aend, &B, o, j)) {
			put_range(out, &T, b, bend);
		} else if (range_eq(&T, b, bend, &B, o, j) ||
			   range_eq(&O, a, aend, &T, b, bend)) {
			put_range(out, &O, a, aend);
		} else {
			char *sb = range_str(&B, o, j);
			char *so = range_str(&O, a, aend);
			char *st = range_str(&T, b, bend);

			add_conflict(m, field, sb, so, st);
			free(sb);
			free(so);
			free(st);
			put_range(out, &O, a, aend);
			bad++;
		}
		o = j;
		a = aend;
		b = bend;
	}
	free(mo);
	free(mt);
	lines_free(&B);
	lines_free(&O);
	lines_free(&T);
	return bad;
}

/* ---- the whole file ---- */

static int same(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && (!al || !memcmp(a, b, al));
}

static int finish(struct dp_merge *out, const char *ours, size_t ours_len)
{
	if (!out->nconflicts)
		return 0;
	dp_buf_reset(&out->text);
	dp_buf_add(&out->text, ours, ours_len);
	return 1;
}

static int merge_as_lines(struct dp_merge *out, const char *base,
			  size_t base_len, const char *ours, size_t ours_len,
			  const char *theirs, size_t theirs_len)
{
	out->lines = 1;
	merge_lines(&out->text, out, "", base, base_len, ours, ours_len, theirs,
		    theirs_len);
	return finish(out, ours, ours_len);
}

int dp_merge_text(struct dp_merge *out, const char *path, const char *base,
		  size_t base_len, const char *ours, size_t ours_len,
		  const char *theirs, size_t theirs_len)
{
	struct dp_doc B = DP_DOC_INIT, O = DP_DOC_INIT, T = DP_DOC_INIT;
	struct dp_doc W = DP_DOC_INIT;
	struct dp_buf body = DP_BUF_INIT;
	enum dp_doc_mode mode = DP_DOC_FRONT_MATTER;
	const char *bb, *ob, *tb;
	size_t bbl, obl, tbl;
	struct mctx c;
	int ret, have_base;

	if (path && (dp_ends_with(path, ".yaml") || dp_ends_with(path, ".yml")))
		mode = DP_DOC_YAML;
	/* The easy cases, byte for byte. */
	if (same(ours, ours_len, theirs, theirs_len) ||
	    same(base, base_len, theirs, theirs_len)) {
		dp_buf_add(&out->text, ours, ours_len);
		return 0;
	}
	if (same(base, base_len, ours, ours_len)) {
		dp_buf_add(&out->text, theirs, theirs_len);
		return 0;
	}
	have_base = base_len > 0;
	if ((have_base && dp_doc_parse(&B, path, base, base_len, mode) < 0) ||
	    dp_doc_parse(&O, path, ours, ours_len, mode) < 0 ||
	    dp_doc_parse(&T, path, theirs, theirs_len, mode) < 0 ||
	    dp_doc_parse(&W, path, ours, ours_len, mode) < 0) {
		dp_error_clear();
		ret = merge_as_lines(out, base, base_len, ours, ours_len,
				     theirs, theirs_len);
		goto out;
	}
	c.work = &W;
	c.out = out;
	merge_value(&c, "", "", have_base ? B.root : NULL, O.root, T.root);
	if (mode == DP_DOC_FRONT_MATTER) {
		bb = have_base ? dp_doc_body(&B, &bbl) : "";
		if (!have_base)
			bbl = 0;
		ob = dp_doc_body(&O, &obl);
		tb = dp_doc_body(&T, &tbl);
		merge_lines(&body, out, "body", bb, bbl, ob, obl, tb, tbl);
		if (!out->nconflicts && !same(body.ptr, body.len, ob, obl) &&
		    dp_doc_set_body(&W, body.ptr, body.len) < 0) {
			dp_error_clear();
			add_conflict(out, "body", NULL, NULL, NULL);
		}
	}
	dp_buf_add(&out->text, W.text.ptr, W.text.len);
	ret = finish(out, ours, ours_len);
out:
	dp_buf_release(&body);
	dp_doc_release(&B);
	dp_doc_release(&O);
	dp_doc_release(&T);
	dp_doc_release(&W);
	return ret;
}

/* ---- the report ---- */

static void report_value(struct dp_buf *out, const char *label, const char *v,
			 int lines)
{
	dp_buf_addf(out, "  %-8s", label);
	if (!v) {
		dp_buf_adds(out, "(absent)\n");
		return;
	}
	if (!lines) {
		dp_buf_addf(out, "%s\n", v);
		return;
	}
	if (!*v) {
		dp_buf_adds(out, "(no lines)\n");
		return;
	}
	dp_buf_addch(out, '\n');
	for (const char *p = v; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		dp_buf_adds(out, "    | ");
		dp_buf_add(out, p, n);
		dp_buf_addch(out, '\n');
		p += n + (nl ? 1 : 0);
	}
}

void dp_merge_report(struct dp_buf *out, const char *path,
		     const struct dp_merge *m)
{
	size_t i;

	for (i = 0; i < m->nconflicts; i++) {
		const struct dp_merge_conflict *k = &m->conflicts[i];
		int lines = !*k->field || !strcmp(k->field, "body");

		if (*k->field)
			dp_buf_addf(out, "%s: conflict in '%s'\n", path,
				    k->field);
		else
			dp_buf_addf(out, "%s: conflicting lines\n", path);
		if (k->base || !lines)
			report_value(out, "base:", k->base, lines);
		report_value(out, "ours:", k->ours, lines);
		report_value(out, "theirs:", k->theirs, lines);
	}
}
