/* SPDX-License-Identifier: MIT */
/*
 * Front matter: libyaml's event API builds a tree of nodes that remember
 * where they are written; edits splice new bytes into the text over the
 * span of the node they change, re-parse the result, check that it reads
 * back as the old tree with just that change (and the same body), and only
 * then replace the document.
 */
#include "devplan/fm.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/scalar.h"
#include "devplan/util.h"
#include "fm-fast.h"
#include "devplan/banned.h"

#define ARENA_CHUNK 992
#define MAX_SEGS 64

/* ---- arena: every node and string of one parse, freed at once ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
};

static void *arena_alloc(struct arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	struct arena_chunk *c = a->head;
	void *p;

	size = size ? (size + align - 1) / align * align : align;
	if (!c || c->size - c->used < size) {
		size_t cap = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = dp_xmalloc(sizeof(*c) + cap);
		c->next = a->head;
		c->used = 0;
		c->size = cap;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

/* Frees a list of chunks (what dp_doc.arena holds). */
static void arena_free(struct arena_chunk *head)
{
	struct arena_chunk *c, *next;

	for (c = head; c; c = next) {
		next = c->next;
		free(c);
	}
}

/* ---- text helpers ---- */

static const char *doc_path(const struct dp_doc *doc)
{
	return doc->path ? doc->path : "-";
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Line and column (1-based, in characters) of byte `off`. */
static void text_pos(const char *t, size_t len, size_t off, unsigned *line,
		     unsigned *col)
{
	size_t i, ls = 0;
	unsigned l = 1, c = 1;

	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (t[i] == '\n') {
			l++;
			ls = i + 1;
		}
	}
	for (i = ls; i < off; i++)
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			c++;
	*line = l;
	*col = c;
}

static size_t line_start(const char *t, size_t p)
{
	while (p > 0 && t[p - 1] != '\n')
		p--;
	return p;
}

/* Position of the line break ("\r\n" or "\n") ending the line of `p`. */
static size_t line_end(const char *t, size_t len, size_t p)
{
	size_t q = p;

	while (q < len && t[q] != '\n')
		q++;
	if (q < len && q > p && t[q - 1] == '\r')
		q--;
	return q;
}

/* First byte of the line after the one holding `p`, or `len`. */
static size_t next_line(const char *t, size_t len, size_t p)
{
	const char *nl = p < len ? memchr(t + p, '\n', len - p) : NULL;

	return nl ? (size_t)(nl - t) + 1 : len;
}

static size_t col_of(const char *t, size_t p)
{
	return p - line_start(t, p);
}

static void put_spaces(struct dp_buf *b, size_t n)
{
	while (n--)
		dp_buf_addch(b, ' ');
}

__attribute__((format(printf, 4, 5))) static int
fail_at(const struct dp_doc *doc, size_t off, int code, const char *fmt, ...)
{
	struct dp_buf msg = DP_BUF_INIT;
	unsigned line = 1, col = 1;
	va_list ap;

	if (off)
		text_pos(doc->text.ptr, doc->text.len, off, &line, &col);
	va_start(ap, fmt);
	dp_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	dp_error_set_at(doc_path(doc), line, col, "%s", msg.ptr);
	dp_buf_release(&msg);
	return code;
}

/* ---- UTF-8 ---- */

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/*
 * Offset of the first NUL or invalid byte, or `len` when all is well;
 * *high (if not NULL) gets the offset of the first byte >= 0x80 before
 * that, or the return value when there is none. Eight bytes at a time
 * while they are ASCII without NUL.
 */
static size_t utf8_scan(const char *text, size_t len, size_t *high)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, n, first_high = (size_t)-1;
	uint32_t cp;
	uint64_t v;

	while (i < len) {
		if (len - i >= 8) {
			memcpy(&v, s + i, 8);
			if (!(v & HIGHS) && !((v - ONES) & ~v & HIGHS)) {
				i += 8;
				continue;
			}
		}
		if (s[i] && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0x80 && first_high == (size_t)-1)
			first_high = i;
		n = dp_utf8_decode(s + i, len - i, &cp);
		if (!n || !cp)
			break;
		i += n;
	}
	if (high)
		*high = first_high < i ? first_high : i;
	return i < len ? i : len;
}

/* Offset of the first NUL or invalid byte, or `len` when all is well. */
static size_t utf8_find_bad(const char *text, size_t len)
{
	return utf8_scan(text, len, NULL);
}

int dp_utf8_check(const char *text, size_t len, unsigned *bad_line)
{
	size_t bad = utf8_find_bad(text, len), i;
	unsigned line = 1;

	if (bad == len)
		return 0;
	for (i = 0; i < bad; i++)
		if (text[i] == '\n')
			line++;
	if (bad_line)
		*bad_line = line;
	return DP_EINVALID;
}

/* ---- parsing ---- */

/*
 * An open collection. Its children so far are pend[base, base + count)
 * (for a mapping key, value, key, value ...): the children of a nested
 * collection sit above them until it closes and moves them to the arena.
 */
struct frame {
	struct dp_node *node;
	size_t base, count;
};

#define PEND_SMALL 128

struct parse {
	struct dp_doc *doc;
	struct arena arena;
	struct dp_node **pend; /* pend_small or the heap */
	size_t npend, pend_alloc;
	uint32_t *cmap; /* libyaml character index -> byte offset, */
	size_t nchars;  /* or NULL when the text is ASCII: the same */
	int ascii;      /* the text up to yaml_end is ASCII */
	size_t pos_off; /* node_pos: the last offset asked for, */
	unsigned pos_line, pos_col; /* and its position */
	int depth;
	struct dp_node *root;
	int docs;
	size_t syntax_at; /* where libyaml gave up, or -1 */
	/* last: parse_doc zeroes the fields above only */
	struct frame stack[DP_FM_MAX_DEPTH];
	struct dp_node *pend_small[PEND_SMALL];
};

static size_t mark_off(const struct parse *ps, size_t index)
{
	if (index > ps->nchars)
		index = ps->nchars;
	return ps->doc->yaml_start + (ps->cmap ? ps->cmap[index] : index);
}

/*
 * Line and column of byte `off`. Nodes arrive in text order, so the walk
 * goes on from the last position asked for: linear in the text overall,
 * however long its lines. (Going back, which no event does, restarts.)
 */
static void node_pos(struct parse *ps, size_t off, unsigned *line,
		     unsigned *col)
{
	const char *t = ps->doc->text.ptr;
	size_t i;

	if (off < ps->pos_off) {
		ps->pos_off = 0;
		ps->pos_line = ps->pos_col = 1;
	}
	if (ps->ascii && off <= ps->doc->yaml_end) {
		/* one byte per column: count the lines only */
		const char *p = t + ps->pos_off, *end = t + off, *nl;

		while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
			ps->pos_line++;
			ps->pos_col = 1;
			p = nl + 1;
		}
		ps->pos_col += (unsigned)(end - p);
		ps->pos_off = off;
		*line = ps->pos_line;
		*col = ps->pos_col;
		return;
	}
	for (i = ps->pos_off; i < off; i++) {
		if (t[i] == '\n') {
			ps->pos_line++;
			ps->pos_col = 1;
		} else if (((unsigned char)t[i] & 0xC0) != 0x80) {
			ps->pos_col++;
		}
	}
	ps->pos_off = off;
	*line = ps->pos_line;
	*col = ps->pos_col;
}

static struct dp_node *new_node(struct parse *ps, enum dp_node_type type,
				enum dp_style style, size_t start)
{
	struct dp_node *n = arena_alloc(&ps->arena, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = type;
	n->style = style;
	n->start = n->end = start;
	node_pos(ps, start, &n->line, &n->col);
	return n;
}

static const char *arena_strdup(struct arena *a, const char *s)
{
	size_t len;
	char *p;

	if (!s)
		return NULL;
	len = strlen(s);
	p = arena_alloc(a, len + 1);
	memcpy(p, s, len + 1);
	return p;
}

/* "int" for "tag:yaml.org,2002:int" (to print after "!!"), else NULL. */
static const char *core_tag_name(const char *tag)
{
	static const char prefix[] = "tag:yaml.org,2002:";

	if (strncmp(tag, prefix, sizeof(prefix) - 1))
		return NULL;
	return tag + sizeof(prefix) - 1;
}

static void push_node(struct parse *ps, struct dp_node *node)
{
	if (ps->npend == ps->pend_alloc) {
		size_t alloc = ps->pend_alloc * 2;

		if (ps->pend == ps->pend_small) {
			ps->pend = dp_xmalloc(alloc * sizeof(*ps->pend));
			memcpy(ps->pend, ps->pend_small,
			       ps->npend * sizeof(*ps->pend));
		} else {
			ps->pend =
			    dp_xrealloc(ps->pend, alloc * sizeof(*ps->pend));
		}
		ps->pend_alloc = alloc;
	}
	ps->pend[ps->npend++] = node;
}

static int tag_ok(const yaml_char_t *tag)
{
	static const char *const core[] = {
		"tag:yaml.org,2002:str",   "tag:yaml.org,2002:int",
		"tag:yaml.org,2002:bool",  "tag:yaml.org,2002:null",
		"tag:yaml.org,2002:float", "tag:yaml.org,2002:seq",
		"tag:yaml.org,2002:map",
	};
	size_t i;

	if (!tag)
		return 1;
	for (i = 0; i < DP_ARRAY_SIZE(core); i++)
		if (!strcmp((const char *)tag, core[i]))
			return 1;
	return 0;
}

static int check_props(struct parse *ps, size_t off, const yaml_char_t *anchor,
		       const yaml_char_t *tag)
{
	if (anchor)
		return fail_at(ps->doc, off, DP_EINVALID,
			       "anchors are not allowed ('&%s')",
			       (const char *)anchor);
	if (!tag_ok(tag))
		return fail_at(ps->doc, off, DP_EINVALID,
			       "tag '%s' is not allowed", (const char *)tag);
	return 0;
}

static int attach(struct parse *ps, struct dp_node *node)
{
	struct frame *f;

	if (!ps->depth) {
		ps->root = node;
		return 0;
	}
	f = &ps->stack[ps->depth - 1];
	if (f->node->type == DP_MAP && !(f->count & 1) &&
	    node->type != DP_SCALAR)
		return fail_at(ps->doc, node->start, DP_EINVALID,
			       "a key must be a scalar, not a %s",
			       node->type == DP_MAP ? "mapping" : "list");
	push_node(ps, node);
	f->count++;
	return 0;
}

/*
 * libyaml ends a block scalar where the next token starts; the span of
 * the node ends with its last content line instead: the last line with
 * text, or with blanks beyond the content's indentation (they are part
 * of the value), or with "|+" the last blank line.
 */
static size_t block_scalar_end(const struct dp_doc *doc, size_t start,
			       size_t end)
{
	const char *t = doc->text.ptr;
	size_t h = start + 1, ret, p, q, le, indent = (size_t)-1;
	int keep = 0;

	while (h < end &&
	       (t[h] == '+' || t[h] == '-' || (t[h] >= '0' && t[h] <= '9')))
		keep |= t[h++] == '+';
	ret = h;
	for (p = next_line(t, end, start); p < end; p = next_line(t, end, p)) {
		le = line_end(t, end, p);
		for (q = p; q < le && t[q] == ' '; q++)
			;
		if (indent == (size_t)-1 && q < le)
			indent = q - p;
		if (q < le || (indent != (size_t)-1 && le - p > indent) ||
		    (keep && le < end))
			ret = le; /* "|+" keeps its trailing blank lines */
	}
	return ret;
}

static int cmp_keys(const void *a, const void *b)
{
	const struct dp_node *x = *(struct dp_node *const *)a;
	const struct dp_node *y = *(struct dp_node *const *)b;
	int c = strcmp(x->str, y->str);

	if (c)
		return c;
	return x->start < y->start ? -1 : x->start > y->start;
}

#define DUPS_SMALL 32

/*
 * The first key (in text order) equal to an earlier one, and the first
 * of those. Keys come in text order: a small mapping compares each key
 * with those before it; a big one sorts a copy.
 */
static int check_dups(struct parse *ps, struct dp_node *const *keys, size_t n)
{
	struct dp_node *first = NULL, *dup = NULL, **sorted;
	size_t i, j, run = 0;

	if (n < 2)
		return 0;
	if (n <= DUPS_SMALL) {
		for (i = 1; i < n && !dup; i++) {
			for (j = 0; j < i; j++) {
				if (keys[i]->str[0] == keys[j]->str[0] &&
				    !strcmp(keys[i]->str, keys[j]->str)) {
					dup = keys[i];
					first = keys[j];
					break;
				}
			}
		}
		goto out;
	}
	sorted = dp_xmalloc(n * sizeof(*sorted));
	memcpy(sorted, keys, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_keys);
	for (i = 1; i < n; i++) {
		if (strcmp(sorted[i]->str, sorted[i - 1]->str)) {
			run = i;
			continue;
		}
		if (!dup || sorted[i]->start < dup->start) {
			dup = sorted[i];
			first = sorted[run];
		}
	}
	free(sorted);
out:
	if (!dup)
		return 0;
	return fail_at(ps->doc, dup->start, DP_EINVALID,
		       "duplicate key '%s' (first on line %u)", dup->str,
		       first->line);
}

static int close_collection(struct parse *ps, const yaml_event_t *ev)
{
	struct frame *f = &ps->stack[--ps->depth];
	struct dp_node *node = f->node, **kids = ps->pend + f->base;
	size_t i, n = node->type == DP_MAP ? f->count / 2 : f->count;
	int ret = 0;

	node->n = n;
	node->items = arena_alloc(&ps->arena, n * sizeof(*node->items));
	if (node->type == DP_MAP) {
		node->keys = arena_alloc(&ps->arena, n * sizeof(*node->keys));
		for (i = 0; i < n; i++) {
			node->keys[i] = kids[2 * i];
			node->items[i] = kids[2 * i + 1];
		}
	} else if (n) {
		memcpy(node->items, kids, n * sizeof(*node->items));
	}
	if (node->style == DP_STYLE_FLOW)
		node->end = mark_off(ps, ev->end_mark.index);
	else if (n)
		node->end = node->items[n - 1]->end;
	if (node->type == DP_MAP)
		ret = check_dups(ps, node->keys, n);
	ps->npend = f->base;
	memset(f, 0, sizeof(*f));
	return ret;
}

static int open_collection(struct parse *ps, const yaml_event_t *ev)
{
	int is_map = ev->type == YAML_MAPPING_START_EVENT;
	size_t off = mark_off(ps, ev->start_mark.index);
	const yaml_char_t *anchor = is_map ? ev->data.mapping_start.anchor
					   : ev->data.sequence_start.anchor;
	const yaml_char_t *tag =
	    is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
	int flow =
	    is_map ? ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
		   : ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	struct dp_node *node;
	struct frame *f;
	int ret;

	if ((ret = check_props(ps, off, anchor, tag)) < 0)
		return ret;
	if (tag && strcmp((const char *)tag, is_map ? "tag:yaml.org,2002:map"
						    : "tag:yaml.org,2002:seq"))
		return fail_at(ps->doc, off, DP_EINVALID,
			       "a %s cannot be tagged !!%s",
			       is_map ? "mapping" : "list",
			       core_tag_name((const char *)tag));
	if (ps->depth >= DP_FM_MAX_DEPTH)
		return fail_at(ps->doc, off, DP_ETOOBIG,
			       "nesting deeper than %d levels",
			       DP_FM_MAX_DEPTH);
	node = new_node(ps, is_map ? DP_MAP : DP_SEQ,
			flow ? DP_STYLE_FLOW : DP_STYLE_BLOCK, off);
	if ((ret = attach(ps, node)) < 0)
		return ret;
	f = &ps->stack[ps->depth++];
	f->node = node;
	f->base = ps->npend;
	f->count = 0;
	return 0;
}

static int add_scalar(struct parse *ps, const yaml_event_t *ev)
{
	size_t start = mark_off(ps, ev->start_mark.index);
	size_t end = mark_off(ps, ev->end_mark.index);
	size_t len = ev->data.scalar.length;
	enum dp_style style;
	struct dp_node *node;
	int ret;

	if ((ret = check_props(ps, start, ev->data.scalar.anchor,
			       ev->data.scalar.tag)) < 0)
		return ret;
	/* the text holds no NUL (parse_doc): only an escape makes one */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(ev->data.scalar.value, '\0', len))
		return fail_at(ps->doc, start, DP_EINVALID,
			       "a value holds a NUL character");
	if (ev->data.scalar.tag &&
	    dp_scalar_tag_check((const char *)ev->data.scalar.tag,
				(const char *)ev->data.scalar.value) < 0)
		return fail_at(
		    ps->doc, start, DP_EINVALID, "'%s' is not a valid !!%s",
		    (const char *)ev->data.scalar.value,
		    core_tag_name((const char *)ev->data.scalar.tag));
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		style = DP_STYLE_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		style = DP_STYLE_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
		style = DP_STYLE_LITERAL;
		break;
	case YAML_FOLDED_SCALAR_STYLE:
		style = DP_STYLE_FOLDED;
		break;
	default:
		style = DP_STYLE_PLAIN;
		break;
	}
	if (style == DP_STYLE_LITERAL || style == DP_STYLE_FOLDED) {
		/* the span starts at the indicator, after any tag */
		while (start < end && ps->doc->text.ptr[start] != '|' &&
		       ps->doc->text.ptr[start] != '>')
			start++;
		end = block_scalar_end(ps->doc, start, end);
	}
	node = new_node(ps, DP_SCALAR, style, start);
	node->end = end;
	node->str = arena_alloc(&ps->arena, len + 1);
	memcpy(node->str, ev->data.scalar.value, len);
	node->str[len] = '\0';
	node->tag = arena_strdup(&ps->arena, (const char *)ev->data.scalar.tag);
	return attach(ps, node);
}

static int yaml_fail(struct parse *ps, const yaml_parser_t *p)
{
	size_t off;

	if (p->error == YAML_MEMORY_ERROR)
		abort();
	if (p->error == YAML_READER_ERROR)
		off = ps->doc->yaml_start + p->problem_offset;
	else
		off = mark_off(ps, p->problem_mark.index);
	if (off > ps->doc->yaml_end)
		off = ps->doc->yaml_end;
	ps->syntax_at = off;
	if (p->context)
		return fail_at(
		    ps->doc, off, DP_EINVALID, "invalid YAML: %s (%s)",
		    p->problem ? p->problem : "syntax error", p->context);
	return fail_at(ps->doc, off, DP_EINVALID, "invalid YAML: %s",
		       p->problem ? p->problem : "syntax error");
}

/*
 * libyaml cannot reset a parser, and setting one up (64 KiB of buffers)
 * costs about as much as parsing a small record. So each thread keeps the
 * parser of its last clean parse (one that reached the end of the stream,
 * its token queue and tag directives empty) and resets it by hand: all
 * zero but its allocations, emptied, which is what yaml_parser_initialize
 * leaves. The thread's parser is freed when the thread ends.
 */
static pthread_once_t parser_once = PTHREAD_ONCE_INIT;
static pthread_key_t parser_key;
static int parser_key_ok;
static _Thread_local yaml_parser_t *parser_cache;

static void parser_free(void *p)
{
	yaml_parser_delete(p);
	free(p);
}

static void parser_key_init(void)
{
	parser_key_ok = !pthread_key_create(&parser_key, parser_free);
}

static yaml_parser_t *parser_get(void)
{
	yaml_parser_t *p = parser_cache;

	if (p) {
		parser_cache = NULL;
		pthread_setspecific(parser_key, NULL);
		return p;
	}
	p = dp_xmalloc(sizeof(*p));
	if (!yaml_parser_initialize(p))
		abort();
	return p;
}

static void parser_put(yaml_parser_t *p, int clean)
{
	yaml_parser_t keep = *p;

	pthread_once(&parser_once, parser_key_init);
	if (!clean || parser_cache || !parser_key_ok ||
	    keep.tokens.head != keep.tokens.tail ||
	    keep.tag_directives.top != keep.tag_directives.start ||
	    keep.aliases.start || keep.document) {
		parser_free(p);
		return;
	}
	memset(p, 0, sizeof(*p));
	p->raw_buffer.start = p->raw_buffer.pointer = p->raw_buffer.last =
	    keep.raw_buffer.start;
	p->raw_buffer.end = keep.raw_buffer.end;
	p->buffer.start = p->buffer.pointer = p->buffer.last =
	    keep.buffer.start;
	p->buffer.end = keep.buffer.end;
	p->tokens.start = p->tokens.head = p->tokens.tail = keep.tokens.start;
	p->tokens.end = keep.tokens.end;
	p->indents.start = p->indents.top = keep.indents.start;
	p->indents.end = keep.indents.end;
	p->simple_keys.start = p->simple_keys.top = keep.simple_keys.start;
	p->simple_keys.end = keep.simple_keys.end;
	p->states.start = p->states.top = keep.states.start;
	p->states.end = keep.states.end;
	p->marks.start = p->marks.top = keep.marks.start;
	p->marks.end = keep.marks.end;
	p->tag_directives.start = p->tag_directives.top =
	    keep.tag_directives.start;
	p->tag_directives.end = keep.tag_directives.end;
	if (pthread_setspecific(parser_key, p)) {
		parser_free(p);
		return;
	}
	parser_cache = p;
}

/* -1: not asked yet; DEVPLAN_YAML_FAST=0 says 0 (dp_fm_fast). */
static int fast_state = -1;

void dp_fm_fast(int on)
{
	__atomic_store_n(&fast_state, on, __ATOMIC_RELAXED);
}

static int fast_on(void)
{
	int on = __atomic_load_n(&fast_state, __ATOMIC_RELAXED);

	if (on < 0) {
		const char *env = getenv("DEVPLAN_YAML_FAST");

		on = !env || strcmp(env, "0");
		dp_fm_fast(on);
	}
	return on;
}

/* Nothing built yet: before the first event of a parse. */
static void events_start(struct parse *ps)
{
	ps->root = NULL;
	ps->docs = ps->depth = 0;
	ps->npend = 0;
	ps->pos_off = 0;
	ps->pos_line = ps->pos_col = 1;
}

/*
 * Builds the nodes from the events of fm-fast.c when it reads `y`: 0,
 * else 1 with nothing built (libyaml is to read it, and say what is
 * wrong, if anything is).
 */
static int run_fast(struct parse *ps, const char *y, size_t ylen)
{
	struct dp_fm_events evs;
	int ret = 0;

	if (!ps->ascii || !fast_on() || !dp_fm_fast_scan(y, ylen, &evs))
		return 1;
	ps->docs = 1;
	for (size_t i = 0; i < evs.n && !ret; i++) {
		const struct dp_fm_event *e = &evs.ev[i];
		yaml_event_t ev;

		memset(&ev, 0, sizeof(ev));
		ev.start_mark.index = e->start;
		ev.end_mark.index = e->end;
		switch (e->type) {
		case DP_FM_EV_SCALAR:
			ev.type = YAML_SCALAR_EVENT;
			ev.data.scalar.value =
			    (yaml_char_t *)(uintptr_t)(y + e->vstart);
			ev.data.scalar.length = e->vlen;
			ev.data.scalar.style =
			    e->style == DP_FM_EV_DOUBLE
				? YAML_DOUBLE_QUOTED_SCALAR_STYLE
			    : e->style == DP_FM_EV_SINGLE
				? YAML_SINGLE_QUOTED_SCALAR_STYLE
				: YAML_PLAIN_SCALAR_STYLE;
			ret = add_scalar(ps, &ev);
			break;
		case DP_FM_EV_MAP:
			ev.type = YAML_MAPPING_START_EVENT;
			ev.data.mapping_start.style = YAML_BLOCK_MAPPING_STYLE;
			ret = open_collection(ps, &ev);
			break;
		case DP_FM_EV_SEQ:
			ev.type = YAML_SEQUENCE_START_EVENT;
			ev.data.sequence_start.style =
			    e->style == DP_FM_EV_FLOW
				? YAML_FLOW_SEQUENCE_STYLE
				: YAML_BLOCK_SEQUENCE_STYLE;
			ret = open_collection(ps, &ev);
			break;
		case DP_FM_EV_END:
			ev.type = YAML_SEQUENCE_END_EVENT;
			ret = close_collection(ps, &ev);
			break;
		}
	}
	if (!ret)
		return 0;
	/* A rule broken (a key twice, say): libyaml's events say it again. */
	dp_error_clear();
	events_start(ps);
	return 1;
}

/* Runs libyaml over `y`, the YAML text or a copy of the same length. */
static int run_events(struct parse *ps, const char *y)
{
	struct dp_doc *doc = ps->doc;
	size_t ylen = doc->yaml_end - doc->yaml_start;
	yaml_parser_t *parser;
	yaml_event_t ev;
	int ret = 0, done = 0;

	events_start(ps);
	ps->syntax_at = (size_t)-1;
	if (!run_fast(ps, y, ylen))
		return 0;
	parser = parser_get();
	yaml_parser_set_input_string(
	    parser, (const unsigned char *)(ylen ? y : ""), ylen);
	yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING);
	while (!done && !ret) {
		if (!yaml_parser_parse(parser, &ev)) {
			ret = yaml_fail(ps, parser);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ps->docs > 1)
				ret = fail_at(
				    doc, mark_off(ps, ev.start_mark.index),
				    DP_EINVALID, "more than one YAML document");
			break;
		case YAML_ALIAS_EVENT:
			ret = fail_at(doc, mark_off(ps, ev.start_mark.index),
				      DP_EINVALID,
				      "aliases are not allowed ('*%s')",
				      (const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
			ret = add_scalar(ps, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			ret = open_collection(ps, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			ret = close_collection(ps, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	ps->depth = 0;
	ps->npend = 0;
	parser_put(parser, done && !ret && parser->error == YAML_NO_ERROR);
	return ret;
}

/*
 * libyaml 0.2.5 slows down quadratically with flow nesting, so flow
 * brackets are counted before it sees the text. Brackets in quoted
 * scalars and comments do not count, nor do those inside plain text.
 */
struct tabs {
	char *fix;  /* a copy of the YAML text to patch, or NULL */
	size_t *at; /* offsets of the tabs replaced in it */
	size_t n, alloc;
};

/* The characters prescan() looks at; any other one ends a node start. */
static const unsigned char prescan_special[256] = {
	['\n'] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['#'] = 1, ['\''] = 1,
	['"'] = 1,  ['!'] = 1, ['&'] = 1,  ['*'] = 1,  ['['] = 1, ['{'] = 1,
	[']'] = 1,  ['}'] = 1, [','] = 1,  [':'] = 1,  ['-'] = 1, ['?'] = 1,
};

static int prescan(const char *y, size_t n, size_t *bad, struct tabs *tabs)
{
	size_t i = 0, j;
	int depth = 0, node_start = 1;

	while (i < n) {
		unsigned char c = (unsigned char)y[i];

		if (!prescan_special[c]) {
			/* a run of plain text */
			do
				i++;
			while (i < n && !prescan_special[(unsigned char)y[i]]);
			node_start = 0;
		} else if (c == '\n') {
			node_start = 1;
			i++;
		} else if (is_blank(c) || c == '\r') {
			i++;
		} else if (c == '#' &&
			   (i == 0 || is_ws((unsigned char)y[i - 1]))) {
			while (i < n && y[i] != '\n')
				i++;
		} else if (node_start && c == '\'') {
			for (i++; i < n; i++) {
				if (y[i] != '\'')
					continue;
				if (i + 1 < n && y[i + 1] == '\'')
					i++;
				else
					break;
			}
			i++;
			node_start = 0;
		} else if (node_start && c == '"') {
			for (i++; i < n && y[i] != '"'; i++)
				if (y[i] == '\\')
					i++;
			i++;
			node_start = 0;
		} else if (node_start && (c == '!' || c == '&' || c == '*')) {
			while (i < n && !is_ws((unsigned char)y[i]) &&
			       !(depth && strchr(",[]{}", y[i])))
				i++;
		} else if (c == '[' || c == '{') {
			if (depth || node_start) {
				if (++depth > DP_FM_MAX_DEPTH) {
					*bad = i;
					return -1;
				}
				node_start = 1;
			} else {
				node_start = 0;
			}
			i++;
		} else if (c == ']' || c == '}') {
			if (depth)
				depth--;
			node_start = 0;
			i++;
		} else if (depth && (c == ',' || c == ':')) {
			node_start = 1;
			i++;
		} else if ((c == '-' || c == '?' || c == ':') &&
			   (i + 1 == n || is_ws((unsigned char)y[i + 1]))) {
			/* libyaml wants spaces after "- " and "? " */
			for (j = i + 1; tabs && tabs->fix && !depth && j < n &&
					is_blank((unsigned char)y[j]);
			     j++) {
				if (y[j] != '\t')
					continue;
				tabs->fix[j] = ' ';
				if (tabs->n == tabs->alloc) {
					tabs->alloc =
					    tabs->alloc ? 2 * tabs->alloc : 16;
					tabs->at = dp_xrealloc(
					    tabs->at,
					    tabs->alloc * sizeof(*tabs->at));
				}
				tabs->at[tabs->n++] = j;
			}
			node_start = 1;
			i++;
		} else {
			node_start = 0;
			i++;
		}
	}
	return 0;
}

/*
 * Nesting only deepens at '[' or '{': with no more of them than the
 * limit, prescan() cannot find the text too deep, and need not run.
 */
static int few_brackets(const char *y, size_t n)
{
	const char *p, *end = y + n;
	size_t count = 0;

	for (p = y; (p = memchr(p, '[', (size_t)(end - p))); p++)
		if (++count > DP_FM_MAX_DEPTH)
			return 0;
	for (p = y; (p = memchr(p, '{', (size_t)(end - p))); p++)
		if (++count > DP_FM_MAX_DEPTH)
			return 0;
	return 1;
}

/* Does a scalar in `n` cover one of the sorted offsets `at`? */
static int covers(const struct dp_node *n, const size_t *at, size_t nat)
{
	size_t lo = 0, hi = nat, i;

	if (n->type != DP_SCALAR) {
		for (i = 0; i < n->n; i++)
			if ((n->keys && covers(n->keys[i], at, nat)) ||
			    covers(n->items[i], at, nat))
				return 1;
		return 0;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (at[mid] < n->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nat && at[lo] < n->end;
}

/*
 * YAML allows a tab after "- " where libyaml 0.2.5 does not (real files,
 * such as monzo's progression framework, have them). When libyaml stops
 * at such a tab, parse again with those tabs read as spaces: offsets do
 * not move, and the result stands only if no value contains one of them.
 */
static int retry_tabs(struct parse *ps, int first)
{
	struct dp_doc *doc = ps->doc;
	size_t ylen = doc->yaml_end - doc->yaml_start, bad, i;
	struct tabs tabs = { NULL, NULL, 0, 0 };
	struct dp_buf saved = DP_BUF_INIT;
	int ret = first;

	dp_buf_adds(&saved, dp_error_last());
	tabs.fix = dp_xstrndup(doc->text.ptr + doc->yaml_start, ylen);
	prescan(doc->text.ptr + doc->yaml_start, ylen, &bad, &tabs);
	for (i = 0; i < tabs.n; i++)
		tabs.at[i] += doc->yaml_start;
	if (!tabs.n)
		goto out;
	ret = run_events(ps, tabs.fix);
	if (!ret && ps->root && covers(ps->root, tabs.at, tabs.n)) {
		dp_error_set("%s", saved.ptr);
		ret = first;
	}
out:
	free(tabs.fix);
	free(tabs.at);
	dp_buf_release(&saved);
	return ret;
}

/* Is the line at `p` exactly `delim`, maybe with trailing blanks? */
static int delim_line(const char *t, size_t len, size_t p, const char *delim,
		      size_t *after)
{
	size_t i = p + 3;

	if (len - p < 3 || memcmp(t + p, delim, 3))
		return 0;
	while (i < len && is_blank((unsigned char)t[i]))
		i++;
	if (i == len) {
		*after = len;
		return 1;
	}
	if (t[i] == '\n') {
		*after = i + 1;
		return 1;
	}
	if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n') {
		*after = i + 2;
		return 1;
	}
	return 0;
}

static int split_doc(struct dp_doc *doc)
{
	const char *t = doc->text.ptr;
	size_t len = doc->text.len, p, after;
	size_t bom = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
	const char *nl = memchr(t, '\n', len);

	doc->crlf = nl && nl > t && nl[-1] == '\r';
	if (doc->mode == DP_DOC_YAML) {
		doc->yaml_start = bom;
		doc->yaml_end = doc->body_start = len;
		return 0;
	}
	if (!delim_line(t, len, bom, "---", &after))
		return fail_at(doc, 0, DP_EINVALID,
			       "no front matter (a record starts with a '---' "
			       "line)");
	doc->yaml_start = after;
	for (p = after; p < len; p = next_line(t, len, p)) {
		if ((t[p] == '-' || t[p] == '.') &&
		    (delim_line(t, len, p, "---", &after) ||
		     delim_line(t, len, p, "...", &after))) {
			doc->yaml_end = p;
			doc->body_start = after;
			return 0;
		}
	}
	return fail_at(doc, 0, DP_EINVALID, "front matter never ends");
}

static int parse_doc(struct dp_doc *doc)
{
	struct parse ps;
	size_t len = doc->text.len, bad, i, ylen, high;
	const char *t = doc->text.ptr;
	int ret;

	memset(&ps, 0, offsetof(struct parse, stack));
	ps.doc = doc;
	ps.pend = ps.pend_small;
	ps.pend_alloc = PEND_SMALL;
	if (len > DP_FM_MAX_FILE) {
		ret = fail_at(doc, 0, DP_ETOOBIG,
			      "file is too big (%zu bytes, limit %d)", len,
			      DP_FM_MAX_FILE);
		goto out;
	}
	bad = utf8_scan(t, len, &high);
	if (bad < len) {
		ret = fail_at(doc, bad, DP_EINVALID, "%s",
			      t[bad] ? "invalid UTF-8" : "NUL byte");
		goto out;
	}
	if ((ret = split_doc(doc)) < 0)
		goto out;
	ylen = doc->yaml_end - doc->yaml_start;
	/* A YAML document is the whole file: the file limit bounds it. */
	if (doc->mode == DP_DOC_FRONT_MATTER && ylen > DP_FM_MAX_YAML) {
		ret = fail_at(doc, doc->yaml_start, DP_ETOOBIG,
			      "front matter is too big (%zu bytes, limit %d)",
			      ylen, DP_FM_MAX_YAML);
		goto out;
	}
	if (!few_brackets(t + doc->yaml_start, ylen) &&
	    prescan(t + doc->yaml_start, ylen, &bad, NULL) < 0) {
		ret = fail_at(doc, doc->yaml_start + bad, DP_ETOOBIG,
			      "nesting deeper than %d levels", DP_FM_MAX_DEPTH);
		goto out;
	}

	ps.ascii = high >= doc->yaml_end;
	if (!ps.ascii) {
		ps.cmap = dp_xmalloc((ylen + 1) * sizeof(*ps.cmap));
		for (i = 0; i < ylen; i++)
			if (((unsigned char)t[doc->yaml_start + i] & 0xC0) !=
			    0x80)
				ps.cmap[ps.nchars++] = (uint32_t)i;
		ps.cmap[ps.nchars] = (uint32_t)ylen;
	} else {
		ps.nchars = ylen; /* ASCII: one byte per character */
	}

	ret = run_events(&ps, t + doc->yaml_start);
	if (ret == DP_EINVALID && ps.syntax_at < len && t[ps.syntax_at] == '\t')
		ret = retry_tabs(&ps, ret);
	if (ret < 0)
		goto out;
	if (ps.root && ps.root->type == DP_SCALAR &&
	    ps.root->style == DP_STYLE_PLAIN && ps.root->start == ps.root->end)
		ps.root = NULL; /* "---" alone: an empty document */
	if (!ps.root) {
		ps.root =
		    new_node(&ps, DP_MAP, DP_STYLE_BLOCK, doc->yaml_start);
		ps.root->items = ps.root->keys =
		    arena_alloc(&ps.arena, sizeof(*ps.root->items));
	}
	if (ps.root->type != DP_MAP) {
		ret = fail_at(doc, ps.root->start, DP_EINVALID,
			      "%s is not a mapping",
			      doc->mode == DP_DOC_YAML ? "the YAML document"
						       : "front matter");
		goto out;
	}
	doc->root = ps.root;
	doc->arena = ps.arena.head;
	ps.arena.head = NULL;
out:
	arena_free(ps.arena.head);
	free(ps.cmap);
	if (ps.pend != ps.pend_small)
		free(ps.pend);
	return ret;
}

/* Parses doc->text (already set, with path and mode); releases on error. */
static int parse_take(struct dp_doc *out, const char *path, struct dp_buf *text,
		      enum dp_doc_mode mode)
{
	int ret;

	memset(out, 0, sizeof(*out));
	out->text = *text;
	dp_buf_init(text, 0);
	out->mode = mode;
	out->path = path ? dp_xstrdup(path) : NULL;
	if ((ret = parse_doc(out)) < 0)
		dp_doc_release(out);
	return ret;
}

int dp_doc_parse(struct dp_doc *out, const char *path, const char *text,
		 size_t len, enum dp_doc_mode mode)
{
	struct dp_buf buf = DP_BUF_INIT;

	dp_buf_grow(&buf, len);
	if (len)
		dp_buf_add(&buf, text, len);
	return parse_take(out, path, &buf, mode);
}

void dp_doc_release(struct dp_doc *doc)
{
	if (!doc)
		return;
	dp_buf_release(&doc->text);
	free(doc->path);
	arena_free(doc->arena);
	doc->path = NULL;
	doc->arena = NULL;
	doc->root = NULL;
	doc->yaml_start = doc->yaml_end = doc->body_start = 0;
	doc->crlf = 0;
}

/* ---- lookups ---- */

struct seg {
	const char *key;
	size_t keylen;
	size_t index;
	int is_index;
	size_t at; /* offset of the segment in the path */
};

static int path_parse(const char *path, struct seg *segs, size_t *nsegs)
{
	const char *p = path;
	size_t n = 0;

	if (!path || !*path)
		return -1;
	while (*p) {
		struct seg *s;

		if (n == MAX_SEGS)
			return -1;
		s = &segs[n];
		memset(s, 0, sizeof(*s));
		s->at = (size_t)(p - path);
		if (*p == '[') {
			size_t v = 0, digits = 0;

			if (!n)
				return -1;
			for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
				if (digits >= 9)
					return -1;
				v = v * 10 + (size_t)(*p - '0');
			}
			if (!digits || *p != ']')
				return -1;
			p++;
			s->is_index = 1;
			s->index = v;
		} else {
			s->key = p;
			while (*p && *p != '.' && *p != '[')
				p++;
			s->keylen = (size_t)(p - s->key);
			if (!s->keylen)
				return -1;
		}
		n++;
		if (*p == '.') {
			p++;
			if (!*p || *p == '.' || *p == '[')
				return -1;
		} else if (*p && *p != '[') {
			return -1;
		}
	}
	*nsegs = n;
	return 0;
}

static size_t map_find(const struct dp_node *map, const char *key,
		       size_t keylen)
{
	size_t i;

	/* keys hold no NUL (add_scalar refuses them) */
	for (i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->str;

		if ((keylen ? k[0] == key[0] : !k[0]) &&
		    !strncmp(k, key, keylen) && !k[keylen])
			return i;
	}
	return (size_t)-1;
}

static struct dp_node *seg_get(const struct dp_node *node, const struct seg *s)
{
	size_t i;

	if (!node)
		return NULL;
	if (s->is_index)
		return node->type == DP_SEQ && s->index < node->n
			   ? node->items[s->index]
			   : NULL;
	if (node->type != DP_MAP)
		return NULL;
	i = map_find(node, s->key, s->keylen);
	return i == (size_t)-1 ? NULL : node->items[i];
}

struct dp_node *dp_node_get(const struct dp_node *map, const char *key)
{
	size_t i;

	if (!map || map->type != DP_MAP || !key)
		return NULL;
	/* map_find without strlen: keys hold no NUL */
	for (i = 0; i < map->n; i++)
		if (map->keys[i]->str[0] == key[0] &&
		    !strcmp(map->keys[i]->str, key))
			return map->items[i];
	return NULL;
}

struct dp_node *dp_doc_lookup(const struct dp_doc *doc, const char *path)
{
	struct seg segs[MAX_SEGS];
	struct dp_node *node;
	size_t n, i;

	if (!doc || !doc->root || path_parse(path, segs, &n) < 0)
		return NULL;
	node = doc->root;
	for (i = 0; i < n && node; i++)
		node = seg_get(node, &segs[i]);
	return node;
}

const char *dp_doc_str(const struct dp_doc *doc, const char *path)
{
	const struct dp_node *node = dp_doc_lookup(doc, path);

	return node && node->type == DP_SCALAR ? node->str : NULL;
}

const char *dp_doc_body(const struct dp_doc *doc, size_t *len_out)
{
	size_t start =
	    doc->body_start <= doc->text.len ? doc->body_start : doc->text.len;

	if (len_out)
		*len_out = doc->text.len - start;
	return doc->text.ptr + start;
}

/* ---- writing scalars ---- */

/* Keys made of digits (levels: {1: ...}) are written as numbers. */
static int key_typed(const char *key)
{
	size_t n = strspn(key, "0123456789");

	return n > 0 && n < 10 && !key[n];
}

/* Can `s` be written as a literal (or folded) block scalar? */
static int block_ok(const char *s, int folded)
{
	size_t len = strlen(s);
	const char *line, *nl;

	if (!len || s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
		return 0;
	if (len >= 2 && s[len - 1] == '\n' && s[len - 2] == '\n')
		return 0;
	if (strchr(s, '\r'))
		return 0;
	for (line = s; *line; line = nl ? nl + 1 : line + strlen(line)) {
		size_t n, i;

		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		for (i = 0; i < n && is_blank((unsigned char)line[i]); i++)
			;
		if (n && i == n)
			return 0; /* a line of blanks only */
		if (folded && i)
			return 0; /* more-indented lines do not fold */
		if (!nl)
			break;
	}
	/* tabs and line breaks are fine inside block scalars */
	return !dp_scalar_has_nonprintable(s, "\t\n");
}

/*
 * Writes a literal or folded block scalar: the indicator, `rest` (the
 * remainder of the old header line: a comment), then the content lines.
 */
static void put_block_scalar(struct dp_buf *b, const char *s, int folded,
			     size_t indent, const char *eol, const char *rest,
			     size_t restlen)
{
	size_t len = strlen(s), i, start;
	int clip = len && s[len - 1] == '\n';
	int first = 1;

	if (clip)
		len--;
	dp_buf_addch(b, folded ? '>' : '|');
	if (!clip)
		dp_buf_addch(b, '-');
	dp_buf_add(b, rest, restlen);
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		if (folded && !first)
			dp_buf_adds(b, eol);
		if (i > start) {
			dp_buf_adds(b, eol);
			put_spaces(b, indent);
			dp_buf_add(b, s + start, i - start);
		} else if (!folded) {
			dp_buf_adds(b, eol);
		}
		first = 0;
		start = i + 1;
	}
}

/* ---- writing collections ---- */

struct emit {
	struct dp_buf *out;
	const char *eol;
};

static enum dp_style tmpl_style(const struct dp_node *tmpl)
{
	if (tmpl && tmpl->type == DP_SCALAR && tmpl->str[0] &&
	    (tmpl->style == DP_STYLE_SINGLE || tmpl->style == DP_STYLE_DOUBLE))
		return tmpl->style;
	return DP_STYLE_PLAIN;
}

static const struct dp_node *tmpl_item(const struct dp_node *tmpl, size_t i)
{
	if (!tmpl || tmpl->type != DP_SEQ || !tmpl->n)
		return NULL;
	return tmpl->items[i < tmpl->n ? i : tmpl->n - 1];
}

static int all_scalars(const struct dp_value *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->items[i].type != DP_SCALAR)
			return 0;
	return 1;
}

static int put_inline(struct dp_buf *b, const struct dp_value *v,
		      const struct dp_node *tmpl);

static int put_flow(struct dp_buf *b, const struct dp_value *v,
		    const struct dp_node *tmpl)
{
	size_t i;

	if (v->type == DP_SCALAR)
		return dp_scalar_write(b, v->str, v->typed, tmpl_style(tmpl),
				       1);
	dp_buf_addch(b, v->type == DP_SEQ ? '[' : '{');
	for (i = 0; i < v->n; i++) {
		if (i)
			dp_buf_adds(b, ", ");
		if (v->type == DP_MAP) {
			dp_scalar_write(b, v->keys[i], key_typed(v->keys[i]),
					DP_STYLE_PLAIN, 1);
			dp_buf_adds(b, ": ");
			if (put_flow(b, &v->items[i],
				     dp_node_get(tmpl, v->keys[i])) < 0)
				return -1;
		} else if (put_flow(b, &v->items[i], tmpl_item(tmpl, i)) < 0) {
			return -1;
		}
	}
	dp_buf_addch(b, v->type == DP_SEQ ? ']' : '}');
	return 0;
}

static int put_block_seq(struct emit *em, const struct dp_value *v,
			 size_t indent, int first_inline,
			 const struct dp_node *tmpl);

/* A block mapping; `indent` is the column of its keys. */
static int put_block_map(struct emit *em, const struct dp_value *v,
			 size_t indent, int first_inline,
			 const struct dp_node *tmpl)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		const struct dp_value *item = &v->items[i];
		const struct dp_node *t = dp_node_get(tmpl, v->keys[i]);

		if (i || !first_inline) {
			dp_buf_adds(em->out, em->eol);
			put_spaces(em->out, indent);
		}
		dp_scalar_write(em->out, v->keys[i], key_typed(v->keys[i]),
				DP_STYLE_PLAIN, 0);
		dp_buf_addch(em->out, ':');
		if (item->type == DP_MAP && item->n) {
			if (put_block_map(em, item, indent + 2, 0, t) < 0)
				return -1;
		} else if (item->type == DP_SEQ && !all_scalars(item)) {
			if (put_block_seq(em, item, indent + 2, 0, t) < 0)
				return -1;
		} else {
			dp_buf_addch(em->out, ' ');
			if (put_inline(em->out, item, t) < 0)
				return -1;
		}
	}
	return 0;
}

/* One "- item" of a block sequence whose dashes are at `indent`. */
/*
 * A value on the line of its key or dash in block context: a scalar there
 * may hold ',' '[' ']' '{' '}', which only flow collections forbid.
 */
static int put_inline(struct dp_buf *b, const struct dp_value *v,
		      const struct dp_node *tmpl)
{
	if (v->type == DP_SCALAR)
		return dp_scalar_write(b, v->str, v->typed, tmpl_style(tmpl),
				       0);
	return put_flow(b, v, tmpl);
}

static int put_seq_item(struct emit *em, const struct dp_value *item,
			size_t indent, const struct dp_node *tmpl)
{
	dp_buf_adds(em->out, "- ");
	if (item->type == DP_MAP && item->n)
		return put_block_map(em, item, indent + 2, 1, tmpl);
	if (item->type == DP_SEQ && !all_scalars(item))
		return put_block_seq(em, item, indent + 2, 1, tmpl);
	return put_inline(em->out, item, tmpl);
}

/* A block sequence; `indent` is the column of its dashes. */
static int put_block_seq(struct emit *em, const struct dp_value *v,
			 size_t indent, int first_inline,
			 const struct dp_node *tmpl)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (i || !first_inline) {
			dp_buf_adds(em->out, em->eol);
			put_spaces(em->out, indent);
		}
		if (put_seq_item(em, &v->items[i], indent, tmpl_item(tmpl, i)) <
		    0)
			return -1;
	}
	return 0;
}

/* Does `v` need block lines (a non-empty mapping, or maps in a list)? */
static int needs_block(const struct dp_value *v)
{
	if (v->type == DP_MAP)
		return v->n > 0;
	if (v->type == DP_SEQ)
		return !all_scalars(v);
	return 0;
}

static int value_ok(const struct dp_value *v, int depth)
{
	size_t i;

	if (!v || depth > DP_FM_MAX_DEPTH)
		return 0;
	if (v->type == DP_SCALAR)
		return v->str &&
		       utf8_find_bad(v->str, strlen(v->str)) == strlen(v->str);
	if (v->type != DP_SEQ && v->type != DP_MAP)
		return 0;
	if (v->n && !v->items)
		return 0;
	if (v->type == DP_MAP && v->n && !v->keys)
		return 0;
	for (i = 0; i < v->n; i++) {
		if (v->type == DP_MAP &&
		    (!v->keys[i] ||
		     utf8_find_bad(v->keys[i], strlen(v->keys[i])) !=
			 strlen(v->keys[i])))
			return 0;
		if (!value_ok(&v->items[i], depth + 1))
			return 0;
	}
	return 1;
}

/* Does `str` read back from writing `s` (typed: in canonical form)? */
static int reads_back(const char *str, const char *s, int typed)
{
	struct dp_buf canon = DP_BUF_INIT;
	int same;

	if (!typed)
		return !strcmp(str, s);
	dp_scalar_canonical(&canon, s);
	same = !strcmp(str, canon.ptr);
	dp_buf_release(&canon);
	return same;
}

static int value_matches(const struct dp_node *node, const struct dp_value *v)
{
	size_t i;

	if (!node || node->type != v->type)
		return 0;
	if (v->type == DP_SCALAR)
		return reads_back(node->str, v->str, v->typed);
	if (node->n != v->n)
		return 0;
	for (i = 0; i < v->n; i++) {
		if (v->type == DP_MAP &&
		    !reads_back(node->keys[i]->str, v->keys[i],
				key_typed(v->keys[i])))
			return 0;
		if (!value_matches(node->items[i], &v->items[i]))
			return 0;
	}
	return 1;
}

/* ---- locating what an edit changes ---- */

struct target {
	struct dp_node *parent; /* the map or sequence holding the node */
	size_t i;               /* its index there (map: when found) */
	struct dp_node *node;   /* NULL when the key is missing */
	const struct seg *last;
	int flow; /* the parent or an ancestor is a flow */
};

/*
 * Resolves every segment but the last, which may name a missing key.
 * Returns 0, or an error (set) when the parent is missing or wrong.
 */
static int resolve(const struct dp_doc *doc, const char *path, struct seg *segs,
		   size_t *nsegs, struct target *t)
{
	struct dp_node *node = doc->root;
	size_t n, k;

	memset(t, 0, sizeof(*t));
	if (!doc->root)
		return fail_at(doc, 0, DP_EINVALID, "no parsed document");
	if (path_parse(path, segs, &n) < 0)
		return fail_at(doc, 0, DP_EINVALID, "invalid field path '%s'",
			       path ? path : "");
	*nsegs = n;
	for (k = 0; k + 1 < n; k++) {
		if (node->style == DP_STYLE_FLOW)
			t->flow = 1;
		if (!seg_get(node, &segs[k]))
			return fail_at(
			    doc, node->start, DP_ENOTFOUND,
			    "'%.*s' does not exist",
			    (int)(segs[k + 1].at - (segs[k + 1].key ? 1 : 0)),
			    path);
		node = seg_get(node, &segs[k]);
	}
	if (node->style == DP_STYLE_FLOW)
		t->flow = 1;
	t->parent = node;
	t->last = &segs[n - 1];
	if (t->last->is_index) {
		if (node->type != DP_SEQ)
			return fail_at(doc, node->start, DP_EINVALID,
				       "'%.*s' is not a list", (int)t->last->at,
				       path);
		if (t->last->index >= node->n)
			return fail_at(doc, node->start, DP_ENOTFOUND,
				       "'%s' does not exist", path);
		t->i = t->last->index;
		t->node = node->items[t->i];
		return 0;
	}
	if (node->type != DP_MAP)
		return 0; /* the caller decides: a null can become a map */
	t->i = map_find(node, t->last->key, t->last->keylen);
	if (t->i != (size_t)-1)
		t->node = node->items[t->i];
	return 0;
}

static int is_null(const struct dp_node *n)
{
	return n && n->type == DP_SCALAR && n->style == DP_STYLE_PLAIN &&
	       n->start == n->end;
}

/* ---- checking an edit did what it meant and nothing else ---- */

enum vop { V_SET, V_APPEND, V_REMOVE };

static int tree_equal(const struct dp_node *a, const struct dp_node *b)
{
	size_t i;

	if (a->type != b->type)
		return 0;
	if (a->type == DP_SCALAR)
		return !strcmp(a->str, b->str);
	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (a->keys && strcmp(a->keys[i]->str, b->keys[i]->str))
			return 0;
		if (!tree_equal(a->items[i], b->items[i]))
			return 0;
	}
	return 1;
}

/* Are the entries of `a` but `skip` (or all) the first ones of `b`? */
static int entries_equal(const struct dp_node *a, const struct dp_node *b,
			 size_t skip)
{
	size_t i, j = 0;

	for (i = 0; i < a->n; i++) {
		if (i == skip)
			continue;
		if (j >= b->n ||
		    (a->keys && strcmp(a->keys[i]->str, b->keys[j]->str)) ||
		    !tree_equal(a->items[i], b->items[j]))
			return 0;
		j++;
	}
	return 1;
}

static int key_is(const struct dp_node *k, const struct seg *s)
{
	return strlen(k->str) == s->keylen &&
	       !memcmp(k->str, s->key, s->keylen);
}

/*
 * Is the new tree `b` the old tree `a` with the edit at `segs` applied,
 * and nothing else changed? `a` is NULL where the edit adds an entry.
 */
static int edited(const struct dp_node *a, const struct dp_node *b,
		  const struct seg *segs, size_t nseg, enum vop op,
		  const struct dp_value *v)
{
	size_t i, j;

	if (!b)
		return 0;
	if (!nseg) {
		if (op == V_SET)
			return value_matches(b, v);
		if (!a || is_null(a))
			return b->type == DP_SEQ && b->n == 1 &&
			       value_matches(b->items[0], v);
		return a->type == DP_SEQ && b->type == DP_SEQ &&
		       b->n == a->n + 1 && entries_equal(a, b, (size_t)-1) &&
		       value_matches(b->items[a->n], v);
	}
	if (!a)
		return 0;
	if (is_null(a) && !segs->is_index && nseg == 1 && op != V_REMOVE)
		/* "key:" with no value took its first entry */
		return b->type == DP_MAP && b->n == 1 &&
		       key_is(b->keys[0], segs) &&
		       edited(NULL, b->items[0], segs + 1, 0, op, v);
	if (a->type != b->type || a->type == DP_SCALAR)
		return 0;
	if (segs->is_index)
		i = segs->index < a->n ? segs->index : (size_t)-1;
	else
		i = a->type == DP_MAP ? map_find(a, segs->key, segs->keylen)
				      : (size_t)-1;
	if (i == (size_t)-1) {
		/* a new entry at the end of a mapping */
		return !segs->is_index && a->type == DP_MAP && nseg == 1 &&
		       op != V_REMOVE && b->n == a->n + 1 &&
		       entries_equal(a, b, (size_t)-1) &&
		       key_is(b->keys[a->n], segs) &&
		       edited(NULL, b->items[a->n], segs + 1, 0, op, v);
	}
	if (nseg == 1 && op == V_REMOVE)
		return b->n + 1 == a->n && entries_equal(a, b, i);
	if (b->n != a->n)
		return 0;
	for (j = 0; j < a->n; j++) {
		if (a->keys && strcmp(a->keys[j]->str, b->keys[j]->str))
			return 0;
		if (j != i && !tree_equal(a->items[j], b->items[j]))
			return 0;
	}
	return edited(a->items[i], b->items[i], segs + 1, nseg - 1, op, v);
}

/* Did `path` change as `op` says, and the rest (body too) stay put? */
static int verify(const struct dp_doc *old, const struct dp_doc *out,
		  const char *path, enum vop op, const struct dp_value *v)
{
	struct seg segs[MAX_SEGS];
	size_t n, ob, nb;
	const char *obody = dp_doc_body(old, &ob),
		   *nbody = dp_doc_body(out, &nb);

	if (ob != nb || memcmp(obody, nbody, ob))
		return 0;
	if (path_parse(path, segs, &n) < 0)
		return 0;
	return edited(old->root, out->root, segs, n, op, v);
}

/* ---- planning edits: which bytes go where ---- */

/* The ':' after key `k`, or -1. */
static size_t find_colon(const struct dp_doc *doc, const struct dp_node *k)
{
	const char *t = doc->text.ptr;
	size_t p = k->end;

	while (p < doc->text.len && is_blank((unsigned char)t[p]))
		p++;
	return p < doc->text.len && t[p] == ':' ? p : (size_t)-1;
}

/* The '-' of item `i` of block sequence `seq`, or -1. */
static size_t find_dash(const struct dp_doc *doc, const struct dp_node *seq,
			size_t i)
{
	const char *t = doc->text.ptr;
	size_t len = doc->text.len, p = seq->start, col, ls, stop, j;

	if (t[p] == '!') { /* a tag before the first dash */
		while (p < len && !is_ws((unsigned char)t[p]))
			p++;
		while (p < len && is_ws((unsigned char)t[p]))
			p++;
	}
	if (p >= len || t[p] != '-')
		return (size_t)-1;
	if (!i)
		return p;
	col = col_of(t, p);
	stop = line_start(t, seq->items[i - 1]->end);
	ls = line_start(t, seq->items[i]->start);
	for (;;) {
		if (ls + col < len && ls + col <= seq->items[i]->start &&
		    t[ls + col] == '-' &&
		    (ls + col + 1 == len ||
		     is_ws((unsigned char)t[ls + col + 1]))) {
			for (j = ls; j < ls + col && t[j] == ' '; j++)
				;
			if (j == ls + col)
				return ls + col;
		}
		if (ls <= stop || ls == 0)
			break;
		ls = line_start(t, ls - 1);
	}
	return (size_t)-1;
}

/* Column of the keys of a block map, or of the dashes of a block seq. */
static size_t block_indent(const struct dp_doc *doc, const struct dp_node *n)
{
	size_t p;

	if (n->type == DP_MAP)
		return n->n ? col_of(doc->text.ptr, n->keys[0]->start) : 0;
	p = find_dash(doc, n, 0);
	return p == (size_t)-1 ? col_of(doc->text.ptr, n->start)
			       : col_of(doc->text.ptr, p);
}

/* Where the value of entry `i` of `parent` is introduced: ':' or '-'. */
static size_t indicator(const struct dp_doc *doc, const struct dp_node *parent,
			size_t i)
{
	if (parent->type == DP_MAP)
		return find_colon(doc, parent->keys[i]);
	return find_dash(doc, parent, i);
}

struct edit {
	size_t pos, rm;
	struct dp_buf ins;
};

/*
 * The comment on the line of indicator `ind`, outside node `n`:
 * sets [*cs, *ce) to it and returns 1, or returns 0.
 */
static int line_comment(const struct dp_doc *doc, size_t ind,
			const struct dp_node *n, size_t *cs, size_t *ce)
{
	const char *t = doc->text.ptr;
	size_t le = line_end(t, doc->text.len, ind), s;

	for (s = ind + 1; s < le; s++) {
		if (n && s >= n->start && s < n->end)
			continue;
		if (t[s] == '#' && is_blank((unsigned char)t[s - 1])) {
			*cs = s;
			*ce = le;
			while (*ce > s && is_blank((unsigned char)t[*ce - 1]))
				(*ce)--;
			return 1;
		}
	}
	return 0;
}

/*
 * Replaces node `n` (entry `i` of block `parent`) with `text` written on
 * the indicator's line, or, when `block`, with lines that start with a
 * line break. A comment on the indicator's line is kept.
 */
static int edit_after_indicator(const struct dp_doc *doc,
				const struct dp_node *parent, size_t i,
				const struct dp_node *n, const char *text,
				size_t len, int block, struct edit *e)
{
	size_t ind = indicator(doc, parent, i), cs, ce;
	int has_comment;

	if (ind == (size_t)-1)
		return fail_at(doc, n->start, DP_EINVALID,
			       "cannot edit a value written this way");
	has_comment = line_comment(doc, ind, n, &cs, &ce);
	e->pos = ind + 1;
	e->rm = n->end - e->pos;
	if (has_comment && cs >= n->end)
		e->rm = ce - e->pos;
	if (block) {
		if (has_comment) {
			dp_buf_addch(&e->ins, ' ');
			dp_buf_add(&e->ins, doc->text.ptr + cs, ce - cs);
		}
		dp_buf_add(&e->ins, text, len);
	} else {
		dp_buf_addch(&e->ins, ' ');
		dp_buf_add(&e->ins, text, len);
		if (has_comment) {
			dp_buf_addch(&e->ins, ' ');
			dp_buf_add(&e->ins, doc->text.ptr + cs, ce - cs);
		}
	}
	return 0;
}

/* Replaces node `n` in place with `text` (scalars, flows). */
static void edit_in_place(const struct dp_doc *doc, const struct dp_node *n,
			  const char *text, size_t len, struct edit *e)
{
	e->pos = n->start;
	e->rm = n->end - n->start;
	if (n->start == n->end && n->start > 0 &&
	    !is_ws((unsigned char)doc->text.ptr[n->start - 1]))
		dp_buf_addch(&e->ins, ' ');
	dp_buf_add(&e->ins, text, len);
}

/* Indentation for the content of a block scalar replacing `n`. */
static size_t block_scalar_indent(const struct dp_doc *doc,
				  const struct target *t)
{
	const char *s = doc->text.ptr;
	size_t p = next_line(s, doc->text.len, t->node->start), q;

	while (p < t->node->end) {
		for (q = p; q < t->node->end && s[q] == ' '; q++)
			;
		if (q < t->node->end && s[q] != '\n' && s[q] != '\r')
			return q - p;
		p = next_line(s, doc->text.len, p);
	}
	if (t->parent->type == DP_MAP)
		return col_of(s, t->parent->keys[t->i]->start) + 2;
	return block_indent(doc, t->parent) + 2;
}

static int plan_scalar(const struct dp_doc *doc, const struct target *t,
		       const struct dp_value *v, struct edit *e)
{
	const struct dp_node *n = t->node;
	const char *eol = doc->crlf ? "\r\n" : "\n";
	struct dp_buf text = DP_BUF_INIT;
	int ret = 0;

	if (n->type == DP_SCALAR && !v->typed &&
	    (n->style == DP_STYLE_LITERAL || n->style == DP_STYLE_FOLDED) &&
	    block_ok(v->str, n->style == DP_STYLE_FOLDED)) {
		const char *s = doc->text.ptr;
		size_t h = n->start + 1, le;

		while (h < n->end && (s[h] == '+' || s[h] == '-' ||
				      (s[h] >= '0' && s[h] <= '9')))
			h++;
		le = line_end(s, doc->text.len, h);
		put_block_scalar(&text, v->str, n->style == DP_STYLE_FOLDED,
				 block_scalar_indent(doc, t), eol, s + h,
				 le - h);
		edit_in_place(doc, n, text.ptr, text.len, e);
		if (le >
		    n->end) /* no content: the header's comment is outside */
			e->rm = le - n->start;
		goto out;
	}
	/* An empty "" (a template's blank) says nothing about style. */
	if (dp_scalar_write(&text, v->str, v->typed,
			    n->type == DP_SCALAR && n->str[0] ? n->style
							      : DP_STYLE_PLAIN,
			    t->flow) < 0) {
		ret =
		    fail_at(doc, n->start, DP_EINVALID,
			    "'%s' cannot be written as a plain value", v->str);
		goto out;
	}
	if (n->type != DP_SCALAR && n->style == DP_STYLE_BLOCK)
		ret = edit_after_indicator(doc, t->parent, t->i, n, text.ptr,
					   text.len, 0, e);
	else
		edit_in_place(doc, n, text.ptr, text.len, e);
out:
	dp_buf_release(&text);
	return ret;
}

/* Replaces existing node t->node with collection `v`. */
static int plan_collection(const struct dp_doc *doc, const struct target *t,
			   const struct dp_value *v, struct edit *e)
{
	const struct dp_node *n = t->node;
	struct dp_buf text = DP_BUF_INIT;
	struct emit em = { &text, doc->crlf ? "\r\n" : "\n" };
	int ret = 0, same_block;

	same_block = n->style == DP_STYLE_BLOCK && n->type == v->type && v->n;
	if (t->flow ||
	    (!needs_block(v) && !(same_block && v->type == DP_SEQ))) {
		/* flow text in place, or after the indicator of a block */
		if ((t->flow ? put_flow(&text, v, n)
			     : put_inline(&text, v, n)) < 0)
			goto bad;
		if (n->style == DP_STYLE_BLOCK && n->type != DP_SCALAR)
			ret = edit_after_indicator(doc, t->parent, t->i, n,
						   text.ptr, text.len, 0, e);
		else
			edit_in_place(doc, n, text.ptr, text.len, e);
		goto out;
	}
	if (same_block) {
		/* rewrite the lines of a block collection at its indentation */
		size_t start = v->type == DP_MAP ? n->keys[0]->start
						 : find_dash(doc, n, 0);
		size_t ind = block_indent(doc, n);

		if (start == (size_t)-1)
			goto layout;
		if ((v->type == DP_MAP ? put_block_map(&em, v, ind, 1, n)
				       : put_block_seq(&em, v, ind, 1, n)) < 0)
			goto bad;
		e->pos = start;
		e->rm = n->end - start;
		dp_buf_add(&e->ins, text.ptr, text.len);
		goto out;
	}
	if (t->parent->type == DP_MAP) {
		size_t ind =
		    col_of(doc->text.ptr, t->parent->keys[t->i]->start);

		if ((v->type == DP_MAP
			 ? put_block_map(&em, v, ind + 2, 0, n)
			 : put_block_seq(&em, v, ind + 2, 0, n)) < 0)
			goto bad;
		ret = edit_after_indicator(doc, t->parent, t->i, n, text.ptr,
					   text.len, 1, e);
		goto out;
	}
	{
		/* an item of a block sequence: "- k: v" lines */
		size_t dash = find_dash(doc, t->parent, t->i);

		if (dash == (size_t)-1)
			goto layout;
		if ((v->type == DP_MAP
			 ? put_block_map(&em, v,
					 col_of(doc->text.ptr, dash) + 2, 1, n)
			 : put_block_seq(&em, v,
					 col_of(doc->text.ptr, dash) + 2, 1,
					 n)) < 0)
			goto bad;
		e->pos = dash + 1;
		e->rm = n->end - e->pos;
		dp_buf_addch(&e->ins, ' ');
		dp_buf_add(&e->ins, text.ptr, text.len);
		goto out;
	}
layout:
	ret = fail_at(doc, n->start, DP_EINVALID,
		      "cannot edit a value written this way");
	goto out;
bad:
	ret = fail_at(doc, n->start, DP_EINVALID,
		      "a typed value cannot be written as a plain value");
out:
	dp_buf_release(&text);
	return ret;
}

/* Adds entry `key` = `v` at the end of mapping `map`. */
static int plan_insert(const struct dp_doc *doc, const struct dp_node *map,
		       int flow, const char *key, size_t keylen,
		       const struct dp_value *v, struct edit *e)
{
	const char *eol = doc->crlf ? "\r\n" : "\n";
	const char *t = doc->text.ptr;
	char *k = dp_xstrndup(key, keylen);
	struct dp_buf text = DP_BUF_INIT;
	struct emit em = { &text, eol };
	struct dp_value one = { DP_MAP, NULL, 0, 1, NULL, v };
	const char *keys[1];
	int ret = 0;

	keys[0] = k;
	one.keys = keys;
	if (flow || map->style == DP_STYLE_FLOW) {
		if (map->style != DP_STYLE_FLOW) {
			ret = fail_at(doc, map->start, DP_EINVALID,
				      "cannot edit a value written this way");
			goto out;
		}
		if (put_flow(&text, &one, NULL) < 0)
			goto bad;
		/* drop the braces of the one-entry map */
		if (map->n) {
			e->pos = map->items[map->n - 1]->end;
			dp_buf_adds(&e->ins, ", ");
		} else {
			e->pos =
			    map->end - 1; /* before "}": "{" may follow a tag */
		}
		dp_buf_add(&e->ins, text.ptr + 1, text.len - 2);
		goto out;
	}
	if (!map->n) {
		/* the empty root: a new line just before the closing "---" */
		size_t p, after;

		if (put_block_map(&em, &one, 0, 1, NULL) < 0)
			goto bad;
		e->pos = doc->yaml_end;
		for (p = doc->yaml_start; p < doc->yaml_end;
		     p = next_line(t, doc->yaml_end, p)) {
			if (delim_line(t, doc->yaml_end, p, "...", &after)) {
				e->pos = p; /* before a YAML document end */
				break;
			}
		}
		if (e->pos > doc->yaml_start && t[e->pos - 1] != '\n')
			dp_buf_adds(&e->ins, eol);
		dp_buf_add(&e->ins, text.ptr, text.len);
		dp_buf_adds(&e->ins, eol);
		goto out;
	}
	if (put_block_map(&em, &one, block_indent(doc, map), 0, NULL) < 0)
		goto bad;
	e->pos = line_end(t, doc->text.len, map->end);
	dp_buf_add(&e->ins, text.ptr, text.len);
	goto out;
bad:
	ret = fail_at(doc, map->start, DP_EINVALID,
		      "a typed value cannot be written as a plain value");
out:
	free(k);
	dp_buf_release(&text);
	return ret;
}

/* Appends item `v` to sequence t->node. */
static int plan_append(const struct dp_doc *doc, const struct target *t,
		       const struct dp_value *v, struct edit *e)
{
	const struct dp_node *seq = t->node;
	const struct dp_node *last = seq->n ? seq->items[seq->n - 1] : NULL;
	const char *eol = doc->crlf ? "\r\n" : "\n";
	struct dp_buf text = DP_BUF_INIT;
	struct emit em = { &text, eol };
	struct dp_value one = { DP_SEQ, NULL, 0, 1, NULL, v };
	int ret = 0;

	if (seq->style == DP_STYLE_BLOCK) {
		size_t ind = block_indent(doc, seq);

		dp_buf_adds(&text, eol);
		put_spaces(&text, ind);
		if (put_seq_item(&em, v, ind, last) < 0)
			goto bad;
		e->pos = line_end(doc->text.ptr, doc->text.len, seq->end);
		dp_buf_add(&e->ins, text.ptr, text.len);
		goto out;
	}
	if (!seq->n && !t->flow && needs_block(v) &&
	    t->parent->type == DP_MAP) {
		/* [] takes a mapping: it becomes a block list under its key */
		size_t ind =
		    col_of(doc->text.ptr, t->parent->keys[t->i]->start);

		if (put_block_seq(&em, &one, ind + 2, 0, NULL) < 0)
			goto bad;
		ret = edit_after_indicator(doc, t->parent, t->i, seq, text.ptr,
					   text.len, 1, e);
		goto out;
	}
	if (put_flow(&text, v, last) < 0)
		goto bad;
	if (last) {
		e->pos = last->end;
		dp_buf_adds(&e->ins, ", ");
	} else {
		e->pos = seq->end - 1; /* before "]" */
	}
	dp_buf_add(&e->ins, text.ptr, text.len);
	goto out;
bad:
	ret = fail_at(doc, seq->start, DP_EINVALID,
		      "a typed value cannot be written as a plain value");
out:
	dp_buf_release(&text);
	return ret;
}

/* Removes entry t->i of t->parent. */
static int plan_remove(const struct dp_doc *doc, const struct target *t,
		       struct edit *e)
{
	const struct dp_node *p = t->parent, *n = t->node;
	const char *s = doc->text.ptr;
	size_t len = doc->text.len, i = t->i, a, b, ls, j;
	int is_map = p->type == DP_MAP;

	if (p->style == DP_STYLE_FLOW) {
		a = is_map ? p->keys[i]->start : n->start;
		if (i + 1 < p->n) {
			e->pos = a;
			e->rm = (is_map ? p->keys[i + 1]->start
					: p->items[i + 1]->start) -
				a;
		} else if (i > 0) {
			e->pos = p->items[i - 1]->end;
			e->rm = n->end - e->pos;
		} else {
			e->pos = a;
			e->rm = n->end - a;
		}
		return 0;
	}
	a = is_map ? p->keys[i]->start : find_dash(doc, p, i);
	if (a == (size_t)-1)
		goto layout;
	ls = line_start(s, a);
	for (j = ls; j < a && is_blank((unsigned char)s[j]); j++)
		;
	if (j == a) {
		/* whole lines, from the key or dash to the end of the value */
		b = next_line(s, len, n->end);
		if (b == len && (len == 0 || s[len - 1] != '\n') && ls > 0) {
			/* the last line has no line break: drop the one before */
			ls--;
			if (ls > 0 && s[ls - 1] == '\r')
				ls--;
		}
		e->pos = ls;
		e->rm = b - ls;
		return 0;
	}
	/* the first entry of a compact "- k: v": up to the next entry */
	if (i + 1 < p->n) {
		b = is_map ? p->keys[i + 1]->start : find_dash(doc, p, i + 1);
		if (b == (size_t)-1)
			goto layout;
		e->pos = a;
		e->rm = b - a;
		return 0;
	}
layout:
	return fail_at(doc, n->start, DP_EINVALID,
		       "cannot edit a value written this way");
}

/* ---- applying edits ---- */

static int apply(struct dp_doc *doc, const struct edit *e, struct dp_doc *out)
{
	struct dp_buf text = DP_BUF_INIT;

	dp_buf_grow(&text, doc->text.len - e->rm + e->ins.len);
	dp_buf_add(&text, doc->text.ptr, e->pos);
	dp_buf_add(&text, e->ins.ptr, e->ins.len);
	dp_buf_add(&text, doc->text.ptr + e->pos + e->rm,
		   doc->text.len - e->pos - e->rm);
	return parse_take(out, doc->path, &text, doc->mode);
}

/* Swaps in `out` when it parsed; otherwise `doc` stays as it was. */
static int finish(struct dp_doc *doc, struct dp_doc *out, int ret, int ok,
		  const char *path, size_t where)
{
	if (ret == DP_ETOOBIG)
		return ret;
	if (ret < 0 || !ok) {
		if (!ret)
			dp_doc_release(out);
		return fail_at(doc, where, DP_EINVALID,
			       "cannot change '%s' without breaking the file",
			       path);
	}
	dp_doc_release(doc);
	*doc = *out;
	return 0;
}

static int do_set(struct dp_doc *doc, const char *path,
		  const struct dp_value *v, int append)
{
	struct seg segs[MAX_SEGS];
	struct edit e = { 0, 0, DP_BUF_INIT };
	struct dp_doc out;
	struct dp_value wrap = { DP_SEQ, NULL, 0, 1, NULL, v };
	struct dp_value map = { DP_MAP, NULL, 0, 1, NULL, NULL };
	const struct dp_value *want = v;
	const char *keys[1] = { NULL };
	char *key = NULL, *ppath = NULL;
	struct target t;
	size_t nsegs, where = 0;
	int ret, ok;

	if (!value_ok(v, 0)) {
		ret = fail_at(doc, 0, DP_EINVALID,
			      "invalid value for '%s' (bad UTF-8 or structure)",
			      path ? path : "");
		goto out;
	}
	if ((ret = resolve(doc, path, segs, &nsegs, &t)) < 0)
		goto out;
	if (append && t.node && !is_null(t.node)) {
		if (t.node->type != DP_SEQ) {
			ret = fail_at(doc, t.node->start, DP_EINVALID,
				      "'%s' is not a list", path);
			goto out;
		}
		where = t.node->start;
		ret = plan_append(doc, &t, v, &e);
	} else {
		if (append)
			v = &wrap; /* a missing or empty list: set it to [v] */
		if (t.node) {
			where = t.node->start;
			ret = v->type == DP_SCALAR
				  ? plan_scalar(doc, &t, v, &e)
				  : plan_collection(doc, &t, v, &e);
		} else if (t.parent->type == DP_MAP) {
			where = t.parent->start;
			ret = plan_insert(doc, t.parent, t.flow, t.last->key,
					  t.last->keylen, v, &e);
		} else if (is_null(t.parent) && nsegs > 1) {
			/* "key:" with no value takes its first entry */
			struct target pt;
			size_t pn;

			key = dp_xstrndup(t.last->key, t.last->keylen);
			keys[0] = key;
			map.keys = keys;
			map.items = v;
			ppath = dp_xstrndup(path, t.last->at - 1);
			if ((ret = resolve(doc, ppath, segs, &pn, &pt)) < 0)
				goto out;
			where = pt.node->start;
			ret = plan_collection(doc, &pt, &map, &e);
		} else {
			ret = fail_at(doc, t.parent->start, DP_EINVALID,
				      "'%.*s' is not a mapping",
				      (int)(t.last->at ? t.last->at - 1 : 0),
				      path);
		}
	}
	if (ret < 0)
		goto out;
	ret = apply(doc, &e, &out);
	ok = !ret && verify(doc, &out, path, append ? V_APPEND : V_SET, want);
	ret = finish(doc, &out, ret, ok, path, where);
out:
	free(key);
	free(ppath);
	dp_buf_release(&e.ins);
	return ret;
}

int dp_doc_set(struct dp_doc *doc, const char *path, const struct dp_value *v)
{
	return do_set(doc, path, v, 0);
}

int dp_doc_set_text(struct dp_doc *doc, const char *path, const char *s)
{
	struct dp_value v = DP_VTEXT(s);

	return do_set(doc, path, &v, 0);
}

int dp_doc_set_typed(struct dp_doc *doc, const char *path, const char *s)
{
	struct dp_value v = DP_VTYPED(s);

	return do_set(doc, path, &v, 0);
}

int dp_doc_append(struct dp_doc *doc, const char *path,
		  const struct dp_value *v)
{
	return do_set(doc, path, v, 1);
}

int dp_doc_remove(struct dp_doc *doc, const char *path)
{
	struct seg segs[MAX_SEGS];
	struct edit e = { 0, 0, DP_BUF_INIT };
	struct dp_value empty = { DP_MAP, NULL, 0, 0, NULL, NULL };
	struct dp_doc out;
	struct target t;
	char *ppath = NULL;
	size_t nsegs, old_n;
	int ret, ok = 0;

	if ((ret = resolve(doc, path, segs, &nsegs, &t)) < 0)
		goto out;
	if (!t.node) {
		ret = fail_at(doc, t.parent->start, DP_ENOTFOUND,
			      "'%s' does not exist", path);
		goto out;
	}
	old_n = t.parent->n;
	ppath = nsegs > 1
		    ? dp_xstrndup(path, t.last->at - (t.last->is_index ? 0 : 1))
		    : NULL;
	if (old_n == 1 && ppath && t.parent->style == DP_STYLE_BLOCK) {
		/* the last entry of a nested block: it becomes {} or [] */
		struct target pt;
		size_t pn;

		empty.type = t.parent->type;
		if ((ret = resolve(doc, ppath, segs, &pn, &pt)) < 0)
			goto out;
		ret = plan_collection(doc, &pt, &empty, &e);
	} else {
		ret = plan_remove(doc, &t, &e);
	}
	if (ret < 0)
		goto out;
	ret = apply(doc, &e, &out);
	ok = !ret && verify(doc, &out, path, V_REMOVE, NULL);
	ret = finish(doc, &out, ret, ok, path, t.node->start);
out:
	free(ppath);
	dp_buf_release(&e.ins);
	return ret;
}

int dp_doc_set_body(struct dp_doc *doc, const char *body, size_t len)
{
	struct edit e = { 0, 0, DP_BUF_INIT };
	struct dp_doc out;
	const char *t = doc->text.ptr;
	int ret;

	if (doc->mode != DP_DOC_FRONT_MATTER) {
		ret = fail_at(doc, 0, DP_EINVALID,
			      "a YAML document has no Markdown body");
		goto out;
	}
	e.pos = doc->body_start;
	e.rm = doc->text.len - doc->body_start;
	if (len && e.pos == doc->text.len && e.pos > 0 && t[e.pos - 1] != '\n')
		dp_buf_adds(&e.ins, doc->crlf ? "\r\n" : "\n");
	if (len)
		dp_buf_add(&e.ins, body, len);
	ret = apply(doc, &e, &out);
	if (ret < 0)
		goto out; /* the body's own problem: keep the message */
	dp_doc_release(doc);
	*doc = out;
out:
	dp_buf_release(&e.ins);
	return ret;
}
