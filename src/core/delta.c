/* SPDX-License-Identifier: MIT */
#include "devplan/delta.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/* Rendering a collection stops growing past this many bytes. */
#define RENDER_MAX 512
/* The body's line diff gives up finding a shortest diff past this size. */
#define LCS_MAX_CELLS (1024 * 1024)

/* ---- the list ---- */

static char *dup_or_null(const char *s)
{
	return s ? dp_xstrdup(s) : NULL;
}

static void push(struct dp_delta *d, enum dp_delta_op op, const char *field,
		 const char *old_value, const char *new_value, const char *text)
{
	struct dp_delta_item *it;

	if (d->len == d->alloc) {
		d->alloc = d->alloc ? 2 * d->alloc : 8;
		d->items = dp_xrealloc(d->items, d->alloc * sizeof(*d->items));
	}
	it = &d->items[d->len++];
	it->op = op;
	it->field = dp_xstrdup(field);
	it->old_value = dup_or_null(old_value);
	it->new_value = dup_or_null(new_value);
	it->text = dp_xstrdup(text);
}

void dp_delta_release(struct dp_delta *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->len; i++) {
		free(d->items[i].field);
		free(d->items[i].old_value);
		free(d->items[i].new_value);
		free(d->items[i].text);
	}
	free(d->items);
	d->items = NULL;
	d->len = d->alloc = 0;
}

/* ---- showing values ---- */

/* Bytes of the UTF-8 sequence starting at `s` (1 for a stray byte). */
static size_t seq_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4, i;

	for (i = 1; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			return i;
	return n;
}

/* Columns `c` takes when shown: two for an escaped line break. */
static size_t cols_of(char c, int escape)
{
	return escape && (c == '\n' || c == '\r') ? 2 : 1;
}

static size_t columns(const char *s, int escape)
{
	size_t cols = 0;

	for (; *s; s += seq_len(s))
		cols += cols_of(*s, escape);
	return cols;
}

/*
 * Appends `s` cut to `max` columns ending in "..." when longer (never
 * inside a UTF-8 sequence). With `escape`, line breaks are written "\n" and
 * "\r".
 */
static void add_cut(struct dp_buf *out, const char *s, size_t max, int escape)
{
	size_t keep = columns(s, escape) <= max ? (size_t)-1
		      : max > 3                 ? max - 3
						: 0;
	size_t cols = 0, n;

	for (; *s; s += n) {
		n = seq_len(s);
		if (cols + cols_of(*s, escape) > keep)
			break;
		cols += cols_of(*s, escape);
		if (escape && *s == '\n')
			dp_buf_adds(out, "\\n");
		else if (escape && *s == '\r')
			dp_buf_adds(out, "\\r");
		else
			dp_buf_add(out, s, n);
	}
	if (*s)
		dp_buf_add(out, "...", max < 3 ? max : 3);
}

/* Appends `n` in flow style: a scalar as it is, [a, b], {k: v}. */
static void render(struct dp_buf *out, const struct dp_node *n)
{
	size_t i;

	if (n->type == DP_SCALAR) {
		dp_buf_adds(out, n->str);
		return;
	}
	dp_buf_addch(out, n->type == DP_SEQ ? '[' : '{');
	for (i = 0; i < n->n && out->len < RENDER_MAX; i++) {
		if (i)
			dp_buf_adds(out, ", ");
		if (n->type == DP_MAP) {
			dp_buf_adds(out, n->keys[i]->str);
			dp_buf_adds(out, ": ");
		}
		render(out, n->items[i]);
	}
	if (i < n->n)
		dp_buf_adds(out, "...");
	dp_buf_addch(out, n->type == DP_SEQ ? ']' : '}');
}

/* The value kept in an item: rendered and cut, line breaks as they are. */
static char *shown(const struct dp_node *n)
{
	struct dp_buf raw = DP_BUF_INIT, cut = DP_BUF_INIT;

	if (!n)
		return NULL;
	render(&raw, n);
	add_cut(&cut, raw.ptr, DP_DELTA_VALUE_COLS, 0);
	dp_buf_release(&raw);
	return dp_buf_detach(&cut, NULL);
}

/* Appends a string to a sentence: cut, escaped, "" when empty. */
static void add_str(struct dp_buf *out, const char *s, int quote)
{
	if (quote || !*s)
		dp_buf_addch(out, '"');
	add_cut(out, s, DP_DELTA_VALUE_COLS, 1);
	if (quote || !*s)
		dp_buf_addch(out, '"');
}

/* Appends a value to a sentence. */
static void add_value(struct dp_buf *out, const struct dp_node *n, int quote)
{
	struct dp_buf raw = DP_BUF_INIT;

	render(&raw, n);
	add_str(out, raw.ptr, quote && n->type == DP_SCALAR);
	dp_buf_release(&raw);
}

/* ---- comparing values ---- */

static int equal(const struct dp_node *a, const struct dp_node *b)
{
	size_t i;

	if (a->type != b->type || a->n != b->n)
		return 0;
	if (a->type == DP_SCALAR)
		return !strcmp(a->str, b->str);
	for (i = 0; i < a->n; i++) {
		const struct dp_node *other =
		    a->type == DP_SEQ ? b->items[i]
				      : dp_node_get(b, a->keys[i]->str);

		if (!other || !equal(a->items[i], other))
			return 0;
	}
	return 1;
}

/* The scalar `key` of mapping `map`, or NULL. */
static const char *get_str(const struct dp_node *map, const char *key)
{
	const struct dp_node *n = dp_node_get(map, key);

	return n && n->type == DP_SCALAR ? n->str : NULL;
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Two titles name the same thing: ASCII case and outer blanks ignored. */
static int same_title(const char *a, const char *b)
{
	size_t la, lb;

	while (is_space(*a))
		a++;
	while (is_space(*b))
		b++;
	la = strlen(a);
	lb = strlen(b);
	while (la && is_space(a[la - 1]))
		la--;
	while (lb && is_space(b[lb - 1]))
		lb--;
	if (la != lb)
		return 0;
	for (; la; la--, a++, b++)
		if (lower((unsigned char)*a) != lower((unsigned char)*b))
			return 0;
	return 1;
}

static int is_true(const char *s)
{
	return s && same_title(s, "true");
}

/* ---- the differ ---- */

static void diff_node(struct dp_delta *d, const char *field,
		      const struct dp_node *b, const struct dp_node *a);

static void join_field(struct dp_buf *out, const char *prefix, const char *key)
{
	dp_buf_reset(out);
	if (*prefix) {
		dp_buf_adds(out, prefix);
		dp_buf_addch(out, '.');
	}
	dp_buf_adds(out, key);
}

/* Keys of `a` in order, then the keys only `b` has, in theirs. */
static void diff_map(struct dp_delta *d, const char *prefix,
		     const struct dp_node *b, const struct dp_node *a)
{
	struct dp_buf field = DP_BUF_INIT;
	size_t i;

	for (i = 0; a && i < a->n; i++) {
		join_field(&field, prefix, a->keys[i]->str);
		diff_node(d, field.ptr, dp_node_get(b, a->keys[i]->str),
			  a->items[i]);
	}
	for (i = 0; b && i < b->n; i++) {
		if (dp_node_get(a, b->keys[i]->str))
			continue;
		join_field(&field, prefix, b->keys[i]->str);
		diff_node(d, field.ptr, b->items[i], NULL);
	}
	dp_buf_release(&field);
}

static int all_of(const struct dp_node *seq, enum dp_node_type type)
{
	size_t i;

	for (i = 0; seq && i < seq->n; i++)
		if (seq->items[i]->type != type)
			return 0;
	return 1;
}

/* "competencies: added rust, go; removed c": a multiset difference. */
static void diff_scalars(struct dp_delta *d, const char *field,
			 const struct dp_node *b, const struct dp_node *a)
{
	size_t nb = b ? b->n : 0, na = a ? a->n : 0, i, j;
	char *used = dp_xcalloc(nb + 1, 1);
	char *kept = dp_xcalloc(na + 1, 1);
	struct dp_buf text = DP_BUF_INIT, olds = DP_BUF_INIT,
		      news = DP_BUF_INIT;
	size_t added = 0, removed = 0;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (!used[j] && equal(a->items[i], b->items[j])) {
				used[j] = kept[i] = 1;
				break;
			}
	dp_buf_adds(&text, field);
	dp_buf_addch(&text, ':');
	for (i = 0; i < na; i++) {
		if (kept[i])
			continue;
		dp_buf_adds(&text, added ? ", " : " added ");
		add_value(&text, a->items[i], 0);
		if (added++)
			dp_buf_adds(&news, ", ");
		add_cut(&news, a->items[i]->str, DP_DELTA_VALUE_COLS, 0);
	}
	for (j = 0; j < nb; j++) {
		if (used[j])
			continue;
		dp_buf_adds(&text, removed ? ", "
				   : added ? "; removed "
					   : " removed ");
		add_value(&text, b->items[j], 0);
		if (removed++)
			dp_buf_adds(&olds, ", ");
		add_cut(&olds, b->items[j]->str, DP_DELTA_VALUE_COLS, 0);
	}
	if (added || removed)
		push(d,
		     !removed ? DP_DELTA_ADD
		     : !added ? DP_DELTA_REMOVE
			      : DP_DELTA_CHANGE,
		     field, removed ? olds.ptr : NULL, added ? news.ptr : NULL,
		     text.ptr);
	dp_buf_release(&text);
	dp_buf_release(&olds);
	dp_buf_release(&news);
	free(used);
	free(kept);
}

/* The word for one item of a list: "actions" -> "action". */
static void add_singular(struct dp_buf *out, const char *field)
{
	static const char *const table[][2] = {
		{ "actions", "action" },
		{ "aspirations", "aspiration" },
		{ "barriers", "barrier" },
		{ "comments", "comment" },
		{ "competencies", "competency" },
		{ "conversations", "conversation" },
		{ "directions", "direction" },
		{ "entries", "entry" },
		{ "goals", "goal" },
		{ "levels", "level" },
		{ "milestones", "milestone" },
		{ "notes", "note" },
		{ "opportunities", "opportunity" },
		{ "resources", "resource" },
		{ "roles", "role" },
		{ "steps", "step" },
		{ "strengths", "strength" },
		{ "threats", "threat" },
		{ "weaknesses", "weakness" },
	};
	const char *dot = strrchr(field, '.');
	const char *last = dot ? dot + 1 : field;
	size_t i;

	dp_buf_add(out, field, (size_t)(last - field));
	for (i = 0; i < DP_ARRAY_SIZE(table); i++)
		if (!strcmp(table[i][0], last)) {
			dp_buf_adds(out, table[i][1]);
			return;
		}
	dp_buf_adds(out, last);
}

/*
 * An item's name: its title, name, text (a SWOT entry), role or idea (a
 * career-map direction), else its id; NULL when it has none.
 */
static const char *item_name(const struct dp_node *item)
{
	static const char *const keys[] = { "title", "name", "text", "role",
					    "idea",  "id",   NULL };
	const char *s = NULL;

	for (size_t i = 0; !s && keys[i]; i++)
		s = get_str(item, keys[i]);
	return s;
}

/* Appends an item's name, quoted, or its whole value. */
static void add_item_name(struct dp_buf *out, const struct dp_node *item)
{
	const char *name = item_name(item);

	if (name)
		add_str(out, name, 1);
	else
		add_value(out, item, 0);
}

static char *item_shown(const struct dp_node *item)
{
	const char *name = item_name(item);
	struct dp_buf cut = DP_BUF_INIT;

	if (!name)
		return shown(item);
	add_cut(&cut, name, DP_DELTA_VALUE_COLS, 0);
	return dp_buf_detach(&cut, NULL);
}

/* Appends "key old -> new", "key set to new" or "key removed (was old)". */
static void add_phrase(struct dp_buf *out, const char *key,
		       const struct dp_node *b, const struct dp_node *a,
		       int quote)
{
	dp_buf_adds(out, key);
	if (b && a) {
		dp_buf_addch(out, ' ');
		add_value(out, b, quote);
		dp_buf_adds(out, " -> ");
		add_value(out, a, quote);
	} else if (a) {
		dp_buf_adds(out, " set to ");
		add_value(out, a, quote);
	} else {
		dp_buf_adds(out, " removed (was ");
		add_value(out, b, quote);
		dp_buf_addch(out, ')');
	}
}

/* Two matched items of a list of mappings. */
static void diff_item(struct dp_delta *d, const char *field, const char *noun,
		      const struct dp_node *b, const struct dp_node *a)
{
	const char *bdone = get_str(b, "done"), *adone = get_str(a, "done");
	int flipped = is_true(bdone) != is_true(adone);
	const struct dp_node *btitle = dp_node_get(b, "title"),
			     *atitle = dp_node_get(a, "title");
	int renamed =
	    !btitle || !atitle ? btitle != atitle : !equal(btitle, atitle);
	struct dp_buf text = DP_BUF_INIT;
	size_t phrases = 0, i;
	char *olds, *news;

	if (flipped) {
		dp_buf_adds(&text, noun);
		dp_buf_adds(&text, is_true(adone) ? " done: " : " reopened: ");
		add_item_name(&text, a);
		push(d, DP_DELTA_CHANGE, field, bdone ? bdone : "false",
		     adone ? adone : "false", text.ptr);
		dp_buf_reset(&text);
	}
	dp_buf_adds(&text, noun);
	dp_buf_adds(&text, " changed:");
	if (renamed) {
		dp_buf_addch(&text, ' ');
		add_phrase(&text, "title", btitle, atitle, 1);
		phrases++;
	} else {
		dp_buf_addch(&text, ' ');
		add_item_name(&text, a);
	}
	for (i = 0; i < a->n + b->n; i++) {
		int in_a = i < a->n;
		const char *key =
		    in_a ? a->keys[i]->str : b->keys[i - a->n]->str;
		const struct dp_node *bv = dp_node_get(b, key),
				     *av = dp_node_get(a, key);

		if (!in_a && av)
			continue; /* seen with `a`'s keys */
		if (!strcmp(key, "title") || (flipped && !strcmp(key, "done")))
			continue;
		if (bv && av && equal(bv, av))
			continue;
		dp_buf_adds(&text, phrases++ ? ", " : " ");
		add_phrase(&text, key, bv, av, 0);
	}
	if (phrases) {
		olds = shown(b);
		news = shown(a);
		push(d, DP_DELTA_CHANGE, field, olds, news, text.ptr);
		free(olds);
		free(news);
	}
	dp_buf_release(&text);
}

struct ident {
	const char *id, *title;
};

static struct ident *idents_of(const struct dp_node *seq)
{
	size_t n = seq ? seq->n : 0, i;
	struct ident *k = dp_xcalloc(n + 1, sizeof(*k));

	for (i = 0; i < n; i++) {
		k[i].id = get_str(seq->items[i], "id");
		k[i].title = get_str(seq->items[i], "title");
	}
	return k;
}

static int named(const struct ident *k)
{
	return k->id || k->title;
}

/* Pass `pass` of match_items: do a's item i and b's item j match? */
static int matches(int pass, const struct dp_node *b, const struct ident *kb,
		   size_t j, const struct dp_node *a, const struct ident *ka,
		   size_t i)
{
	if (pass == 0)
		return ka[i].id && kb[j].id && !strcmp(ka[i].id, kb[j].id);
	if (pass == 1)
		return ka[i].title && kb[j].title && !(ka[i].id && kb[j].id) &&
		       same_title(ka[i].title, kb[j].title);
	return !named(&ka[i]) && !named(&kb[j]) &&
	       equal(a->items[i], b->items[j]);
}

/*
 * Matches the items of `a` to those of `b`: by id, by title when not both
 * have an id, an unnamed item to an identical one, then the unnamed items
 * left in the order they come; an item identical to the one at its place
 * first, so that a long list that only grew is matched in one pass.
 * match[i] is the index in `b` of a's item i, or (size_t)-1.
 */
static void match_items(size_t *match, const struct dp_node *b,
			const struct dp_node *a)
{
	size_t nb = b ? b->n : 0, na = a ? a->n : 0, i, j;
	char *used = dp_xcalloc(nb + 1, 1);
	struct ident *kb = idents_of(b), *ka = idents_of(a);
	int pass;

	for (i = 0; i < na; i++) {
		match[i] = (size_t)-1;
		if (i < nb && equal(a->items[i], b->items[i])) {
			match[i] = i;
			used[i] = 1;
		}
	}
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < na; i++)
			for (j = 0; match[i] == (size_t)-1 && j < nb; j++)
				if (!used[j] &&
				    matches(pass, b, kb, j, a, ka, i)) {
					match[i] = j;
					used[j] = 1;
				}
	for (i = 0, j = 0; i < na; i++) {
		if (match[i] != (size_t)-1 || named(&ka[i]))
			continue;
		while (j < nb && (used[j] || named(&kb[j])))
			j++;
		if (j == nb)
			break;
		match[i] = j;
		used[j] = 1;
	}
	free(used);
	free(kb);
	free(ka);
}

/* A list of mappings: items added, removed, done, reopened, changed. */
static void diff_items(struct dp_delta *d, const char *field,
		       const struct dp_node *b, const struct dp_node *a)
{
	size_t nb = b ? b->n : 0, na = a ? a->n : 0, i, j;
	size_t *match = dp_xcalloc(na + 1, sizeof(*match));
	char *used = dp_xcalloc(nb + 1, 1);
	struct dp_buf noun = DP_BUF_INIT, text = DP_BUF_INIT;
	char *name;

	add_singular(&noun, field);
	match_items(match, b, a);
	for (i = 0; i < na; i++) {
		if (match[i] != (size_t)-1) {
			used[match[i]] = 1;
			diff_item(d, field, noun.ptr, b->items[match[i]],
				  a->items[i]);
			continue;
		}
		dp_buf_reset(&text);
		dp_buf_adds(&text, noun.ptr);
		dp_buf_adds(&text, " added: ");
		add_item_name(&text, a->items[i]);
		name = item_shown(a->items[i]);
		push(d, DP_DELTA_ADD, field, NULL, name, text.ptr);
		free(name);
	}
	for (j = 0; j < nb; j++) {
		if (used[j])
			continue;
		dp_buf_reset(&text);
		dp_buf_adds(&text, noun.ptr);
		dp_buf_adds(&text, " removed: ");
		add_item_name(&text, b->items[j]);
		name = item_shown(b->items[j]);
		push(d, DP_DELTA_REMOVE, field, name, NULL, text.ptr);
		free(name);
	}
	dp_buf_release(&noun);
	dp_buf_release(&text);
	free(match);
	free(used);
}

/* A whole value that changed, was set or was removed. */
static void diff_whole(struct dp_delta *d, const char *field,
		       const struct dp_node *b, const struct dp_node *a)
{
	struct dp_buf text = DP_BUF_INIT;
	char *olds = shown(b), *news = shown(a);

	add_phrase(&text, field, b, a, 0);
	push(d,
	     !b   ? DP_DELTA_SET
	     : !a ? DP_DELTA_REMOVE
		  : DP_DELTA_CHANGE,
	     field, olds, news, text.ptr);
	free(olds);
	free(news);
	dp_buf_release(&text);
}

/* `b` NULL: added; `a` NULL: removed. */
static void diff_node(struct dp_delta *d, const char *field,
		      const struct dp_node *b, const struct dp_node *a)
{
	const struct dp_node *one = a ? a : b;

	if (!a && !b)
		return;
	if (a && b && equal(a, b))
		return;
	if ((a && b && a->type != b->type) || one->type == DP_SCALAR ||
	    (!(a && b) && !one->n))
		diff_whole(d, field, b, a); /* also "next set to []" */
	else if (one->type == DP_MAP)
		diff_map(d, field, b, a);
	else if (all_of(a, DP_SCALAR) && all_of(b, DP_SCALAR))
		diff_scalars(d, field, b, a);
	else if (all_of(a, DP_MAP) && all_of(b, DP_MAP))
		diff_items(d, field, b, a);
	else
		diff_whole(d, field, b, a);
}

/* ---- the body ---- */

struct lines {
	const char **ptr;
	size_t *len;
	size_t n;
};

/* Splits into lines without their "\n" or "\r\n". */
static void split_lines(struct lines *out, const char *s, size_t len)
{
	size_t i, start = 0, alloc = 0;

	out->ptr = NULL;
	out->len = NULL;
	out->n = 0;
	for (i = 0; i <= len; i++) {
		size_t end = i;

		if (i < len && s[i] != '\n')
			continue;
		if (i == len && start == len)
			break;
		if (end > start && s[end - 1] == '\r')
			end--;
		if (out->n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			out->ptr =
			    dp_xrealloc(out->ptr, alloc * sizeof(*out->ptr));
			out->len =
			    dp_xrealloc(out->len, alloc * sizeof(*out->len));
		}
		out->ptr[out->n] = s + start;
		out->len[out->n++] = end - start;
		start = i + 1;
	}
}

static int same_line(const struct lines *x, size_t i, const struct lines *y,
		     size_t j)
{
	return x->len[i] == y->len[j] &&
	       !memcmp(x->ptr[i], y->ptr[j], x->len[i]);
}

struct excerpt {
	struct dp_buf buf;
	size_t lines, plus, minus;
};

static void excerpt_add(struct excerpt *e, char sign, const char *line,
			size_t len)
{
	char *copy;

	if (sign == '+')
		e->plus++;
	else
		e->minus++;
	if (e->lines > DP_DELTA_EXCERPT_LINES)
		return;
	if (e->lines++ == DP_DELTA_EXCERPT_LINES) {
		dp_buf_adds(&e->buf, "...\n");
		return;
	}
	copy = dp_xstrndup(line, len);
	dp_buf_addch(&e->buf, sign);
	add_cut(&e->buf, copy, DP_DELTA_VALUE_COLS, 0);
	dp_buf_addch(&e->buf, '\n');
	free(copy);
}

/*
 * The changed lines between x[lo..xn) and y[lo..yn): a longest common
 * subsequence when the table fits in LCS_MAX_CELLS, else every line.
 */
static void diff_middle(struct excerpt *e, const struct lines *x,
			const struct lines *y, size_t lo, size_t xn, size_t yn)
{
	size_t n = xn - lo, m = yn - lo, i, j, w = m + 1;
	uint32_t *t;

	if (n && m && (n + 1) > LCS_MAX_CELLS / (m + 1)) {
		for (i = lo; i < xn; i++)
			excerpt_add(e, '-', x->ptr[i], x->len[i]);
		for (j = lo; j < yn; j++)
			excerpt_add(e, '+', y->ptr[j], y->len[j]);
		return;
	}
	/* t[i][j]: the LCS of x[lo+i..xn) and y[lo+j..yn). */
	t = dp_xcalloc((n + 1) * w, sizeof(*t));
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			t[i * w + j] = same_line(x, lo + i, y, lo + j)
					   ? t[(i + 1) * w + j + 1] + 1
				       : t[(i + 1) * w + j] >= t[i * w + j + 1]
					   ? t[(i + 1) * w + j]
					   : t[i * w + j + 1];
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && same_line(x, lo + i, y, lo + j)) {
			i++;
			j++;
		} else if (j == m ||
			   (i < n && t[(i + 1) * w + j] >= t[i * w + j + 1])) {
			excerpt_add(e, '-', x->ptr[lo + i], x->len[lo + i]);
			i++;
		} else {
			excerpt_add(e, '+', y->ptr[lo + j], y->len[lo + j]);
			j++;
		}
	}
	free(t);
}

static void diff_body(struct dp_delta *d, const struct dp_doc *b,
		      const struct dp_doc *a)
{
	struct lines x, y;
	struct excerpt e = { DP_BUF_INIT, 0, 0, 0 };
	struct dp_buf text = DP_BUF_INIT;
	size_t blen, alen, lo = 0, xn, yn;
	const char *bs = dp_doc_body(b, &blen), *as = dp_doc_body(a, &alen);

	split_lines(&x, bs, blen);
	split_lines(&y, as, alen);
	xn = x.n;
	yn = y.n;
	while (lo < xn && lo < yn && same_line(&x, lo, &y, lo))
		lo++;
	while (xn > lo && yn > lo && same_line(&x, xn - 1, &y, yn - 1)) {
		xn--;
		yn--;
	}
	diff_middle(&e, &x, &y, lo, xn, yn);
	if (e.plus || e.minus) {
		dp_buf_addf(&text, "body changed: +%zu -%zu lines", e.plus,
			    e.minus);
		push(d, DP_DELTA_BODY, "body", NULL, e.buf.ptr, text.ptr);
	}
	dp_buf_release(&text);
	dp_buf_release(&e.buf);
	free(x.ptr);
	free(x.len);
	free(y.ptr);
	free(y.len);
}

/* ---- records ---- */

/* The record's title, name, or the id its path gives. */
static void add_title(struct dp_buf *out, enum dp_kind kind,
		      const struct dp_doc *doc)
{
	const char *s = get_str(doc->root, "title");
	const char *path = doc->path ? doc->path : "", *base, *dot;

	if (!s || !*s)
		s = get_str(doc->root, "name");
	if (s && *s) {
		dp_buf_adds(out, s);
		return;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (kind == DP_KIND_PROFILE && base > path) {
		/* people/[<group>/]<person>/profile.md: the person */
		const char *end = base - 1, *start = end;

		while (start > path && start[-1] != '/')
			start--;
		dp_buf_add(out, start, (size_t)(end - start));
		return;
	}
	dot = strrchr(base, '.');
	dp_buf_add(out, base, dot ? (size_t)(dot - base) : strlen(base));
}

static void whole_record(struct dp_delta *d, enum dp_kind kind,
			 const struct dp_doc *doc, int created)
{
	struct dp_buf title = DP_BUF_INIT, text = DP_BUF_INIT,
		      cut = DP_BUF_INIT;

	add_title(&title, kind, doc);
	add_cut(&cut, title.ptr, DP_DELTA_VALUE_COLS, 0);
	if (created)
		dp_buf_addf(&text, "new %s: ", dp_kind_name(kind));
	else
		dp_buf_addf(&text, "%s deleted: ", dp_kind_name(kind));
	add_str(&text, title.ptr, 1);
	push(d, created ? DP_DELTA_CREATE : DP_DELTA_DELETE, "",
	     created ? NULL : cut.ptr, created ? cut.ptr : NULL, text.ptr);
	dp_buf_release(&title);
	dp_buf_release(&text);
	dp_buf_release(&cut);
}

static const struct dp_node *root_of(const struct dp_doc *doc)
{
	return doc->root && doc->root->type == DP_MAP ? doc->root : NULL;
}

int dp_delta_diff(struct dp_delta *out, enum dp_kind kind,
		  const struct dp_doc *before, const struct dp_doc *after)
{
	if (!before && !after)
		return 0;
	if (!before || !after) {
		whole_record(out, kind, before ? before : after, !before);
		return 0;
	}
	diff_map(out, "", root_of(before), root_of(after));
	if (before->mode == DP_DOC_FRONT_MATTER &&
	    after->mode == DP_DOC_FRONT_MATTER)
		diff_body(out, before, after);
	return 0;
}

void dp_delta_summary(struct dp_buf *out, const struct dp_delta *d, size_t max)
{
	struct dp_buf all = DP_BUF_INIT;
	size_t i;

	for (i = 0; i < d->len; i++) {
		if (i)
			dp_buf_adds(&all, ", ");
		dp_buf_adds(&all, d->items[i].text);
	}
	if (max)
		add_cut(out, all.ptr, max, 0);
	else
		dp_buf_add(out, all.ptr, all.len);
	dp_buf_release(&all);
}
