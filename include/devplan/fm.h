/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_FM_H
#define DEVPLAN_FM_H

#include <stddef.h>

#include "devplan/buf.h"

/*
 * Front matter and YAML documents (the only module that includes <yaml.h>).
 *
 * A record is Markdown with YAML front matter between two `---` lines; the
 * framework files (devplan.yaml, framework/competencies.yaml) are plain
 * YAML. Parsing keeps the source text and gives every node the byte span it
 * occupies there, so an edit splices new bytes over the old ones and leaves
 * everything else (comments, key order, quoting, indentation, blank lines,
 * CRLF, a missing final newline, the body) byte for byte.
 *
 * Safety limits, checked before or while libyaml sees the text:
 *   DP_FM_MAX_FILE   a file larger than this is refused (DP_ETOOBIG)
 *   DP_FM_MAX_YAML   front matter larger than this is refused (a plain
 *                    YAML document such as the competency catalog is the
 *                    whole file: DP_FM_MAX_FILE bounds it)
 *   DP_FM_MAX_DEPTH  nesting deeper than this is refused as soon as seen
 * Anchors, aliases, duplicate keys, tags outside YAML's core schema
 * (!!str !!int !!bool !!null !!float !!seq !!map), a tag the value does
 * not fit (!!int abc, !!seq on a scalar), invalid UTF-8 and NUL bytes are
 * refused (DP_EINVALID), naming the line.
 */
#define DP_FM_MAX_FILE (1024 * 1024)
#define DP_FM_MAX_YAML (64 * 1024)
#define DP_FM_MAX_DEPTH 32

enum dp_node_type { DP_SCALAR, DP_SEQ, DP_MAP };

enum dp_style {
	DP_STYLE_PLAIN,  /* scalars */
	DP_STYLE_SINGLE, /* 'quoted' */
	DP_STYLE_DOUBLE, /* "quoted" */
	DP_STYLE_LITERAL,
	DP_STYLE_FOLDED,
	DP_STYLE_BLOCK, /* collections written as indented lines */
	DP_STYLE_FLOW,  /* collections written as [a, b] or {a: b} */
};

struct dp_node {
	enum dp_node_type type;
	enum dp_style style;
	/*
	 * Byte span [start, end) of the node as written in dp_doc.text:
	 * quotes included for quoted scalars; for a block collection from
	 * its first key or "-" to the end of the last scalar it contains
	 * (never the newline or comments that follow).
	 */
	size_t start, end;
	unsigned line, col; /* 1-based position of `start` */
	char *str;          /* DP_SCALAR: the decoded value, NUL-terminated */
	/*
	 * The explicit tag as libyaml resolves it ("tag:yaml.org,2002:str"
	 * for !!str), or NULL. Only core-schema tags that fit the value are
	 * accepted (devplan/scalar.h types a node with it).
	 */
	const char *tag;
	size_t n;               /* DP_SEQ items / DP_MAP entries */
	struct dp_node **items; /* DP_SEQ: items; DP_MAP: values */
	struct dp_node **keys;  /* DP_MAP: the keys (scalars); NULL for seqs */
};

enum dp_doc_mode {
	DP_DOC_FRONT_MATTER, /* Markdown with front matter: a record */
	DP_DOC_YAML,         /* the whole file is one YAML mapping */
};

struct dp_doc {
	struct dp_buf text; /* the whole file, owned */
	enum dp_doc_mode mode;
	char *path;        /* for messages; may be NULL */
	size_t yaml_start; /* span of the YAML text inside `text` */
	size_t yaml_end;
	size_t body_start;    /* first byte of the Markdown body */
	int crlf;             /* the file's lines end in "\r\n" */
	struct dp_node *root; /* a DP_MAP after a successful parse */
	void *arena;          /* private */
};
#define DP_DOC_INIT                                                            \
	{                                                                      \
		DP_BUF_INIT, DP_DOC_FRONT_MATTER, NULL, 0, 0, 0, 0, NULL, NULL \
	}

/*
 * 1 (the default) reads front matter in the form devplan writes without
 * libyaml, with the same result; 0 has libyaml read everything, as
 * DEVPLAN_YAML_FAST=0 in the environment does (for tests that compare).
 */
void dp_fm_fast(int on);

/*
 * Parses `len` bytes of `text` (copied). `path` is used in messages.
 * On failure returns DP_EINVALID or DP_ETOOBIG with dp_error_last() set to
 * "path:line:col: message", and leaves `out` released.
 * The caller releases `out` with dp_doc_release.
 */
int dp_doc_parse(struct dp_doc *out, const char *path, const char *text,
		 size_t len, enum dp_doc_mode mode);
void dp_doc_release(struct dp_doc *doc);

/* The entry `key` of mapping `map`, or NULL (also when map is not a map). */
struct dp_node *dp_node_get(const struct dp_node *map, const char *key);

/*
 * Looks up a path: keys separated by '.', sequence items by [index]
 * (0-based): "due", "actions[1].done", "requires.rust". NULL if absent.
 */
struct dp_node *dp_doc_lookup(const struct dp_doc *doc, const char *path);
/* The scalar at `path`, or NULL when absent or not a scalar. */
const char *dp_doc_str(const struct dp_doc *doc, const char *path);

/*
 * A value to write. Scalars carry a string; `typed` says the string is a
 * number, boolean or date to be written plain (40, true, 2027-06-30), numbers
 * in canonical form (010 is written 10), else it is text and is quoted
 * whenever a YAML 1.1 or 1.2 reader would read it differently ("yes", "12",
 * "0o17", "a: b", " x", "#x", "", multi-line ...; devplan/scalar.h,
 * dp_scalar_write). Sequences of
 * scalars are written in flow style ([a, b]), sequences of mappings and
 * mappings in block style, indented to fit where they are inserted.
 */
struct dp_value {
	enum dp_node_type type;
	const char *str;              /* DP_SCALAR */
	int typed;                    /* DP_SCALAR */
	size_t n;                     /* DP_SEQ / DP_MAP */
	const char *const *keys;      /* DP_MAP */
	const struct dp_value *items; /* DP_SEQ items / DP_MAP values */
};
#define DP_VTEXT(s) ((struct dp_value){ DP_SCALAR, (s), 0, 0, NULL, NULL })
#define DP_VTYPED(s) ((struct dp_value){ DP_SCALAR, (s), 1, 0, NULL, NULL })

/*
 * Edits. Each splices the text, re-parses it and, on any failure, leaves
 * `doc` exactly as it was. Paths are as for dp_doc_lookup.
 *
 * dp_doc_set: replaces the value at `path`, or adds the key at the end of
 * its parent mapping (which must exist) when missing. Replacing a scalar
 * with a scalar keeps its quoting style where the new value allows it
 * (double stays double, single stays single, plain stays plain when safe)
 * and the comment after it on the same line.
 */
int dp_doc_set(struct dp_doc *doc, const char *path, const struct dp_value *v);
int dp_doc_set_text(struct dp_doc *doc, const char *path, const char *s);
int dp_doc_set_typed(struct dp_doc *doc, const char *path, const char *s);

/*
 * Appends `v` to the sequence at `path`. A missing key is created; an empty
 * flow sequence ([]) takes the item (a mapping item turns it into a block
 * sequence). A block sequence gets a new "- " item after its last one, at
 * the same indentation.
 */
int dp_doc_append(struct dp_doc *doc, const char *path,
		  const struct dp_value *v);

/* Removes a mapping entry or a sequence item with its whole line(s). */
int dp_doc_remove(struct dp_doc *doc, const char *path);

/* Replaces the Markdown body (DP_DOC_FRONT_MATTER only). */
int dp_doc_set_body(struct dp_doc *doc, const char *body, size_t len);
/* The Markdown body: &doc->text.ptr[doc->body_start]. */
const char *dp_doc_body(const struct dp_doc *doc, size_t *len_out);

/*
 * Checks `text` is valid UTF-8 without NUL bytes. On failure returns
 * DP_EINVALID and sets *bad_line (1-based) to the first bad line.
 */
int dp_utf8_check(const char *text, size_t len, unsigned *bad_line);

#endif
