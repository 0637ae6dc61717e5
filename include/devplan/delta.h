/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_DELTA_H
#define DEVPLAN_DELTA_H

#include <stddef.h>

#include "devplan/buf.h"
#include "devplan/fm.h"
#include "devplan/record.h"

/*
 * What changed between two versions of a record, in words: the commit
 * message of a hand edit (`devplan commit`), the field-by-field view of
 * `devplan review` and `devplan log`. No I/O: it compares two parsed
 * documents. Quoting style, key order, comments and line endings (CRLF or
 * LF) are not changes; values are compared as parsed (dp_node.str), so
 * `progress: 30` and `progress: "30"` are the same.
 *
 * The sentences, in the order the keys appear in `after`, then the keys
 * only `before` has, in its order:
 *
 *   DP_DELTA_CHANGE  progress 30 -> 60            (a scalar changed)
 *   DP_DELTA_SET     due set to 2027-06-30        (a key added)
 *   DP_DELTA_REMOVE  due removed (was 2027-06-30) (a key removed)
 *   ADD/REMOVE/CHANGE competencies: added rust; removed c
 *                                                 (a list of scalars; ADD
 *                                                 or REMOVE when only one
 *                                                 side has news)
 *   DP_DELTA_ADD     action added: "Pair on the parser rewrite"
 *   DP_DELTA_REMOVE  action removed: "Pair on the parser rewrite"
 *   DP_DELTA_CHANGE  action done: "Pair on the parser rewrite"
 *   DP_DELTA_CHANGE  action reopened: "Pair on the parser rewrite"
 *   DP_DELTA_CHANGE  action changed: "Pair on the parser" due 2027-03-15
 *                    -> 2027-04-01
 *   DP_DELTA_CHANGE  action changed: title "Old words" -> "New words"
 *   DP_DELTA_CHANGE  requires.rust 2 -> 3         (nested mappings; also
 *                    requires.go set to 1, requires.c removed (was 2))
 *   DP_DELTA_BODY    body changed: +3 -1 lines
 *   DP_DELTA_CREATE  new goal: "Become fluent in Rust"
 *   DP_DELTA_DELETE  goal deleted: "Become fluent in Rust"
 *
 * Items of a list of mappings (actions, directions, entries, competencies
 * ...) are matched by identity: their `id` when both have one, else their
 * `title` (case-insensitive, trimmed); items with neither match an
 * identical item, else the next such item by position. A reordered list is
 * not a change. An item is named by its title, else its name, else its id,
 * else its whole value ({k: v, ...}), and the list by its singular
 * ("actions" -> "action", "entries" -> "entry"; fallback: the field name).
 *
 * Values are shown as parsed, collections in flow style ([a, b], {k: v}),
 * an empty string as "" in `text`, each cut to DP_DELTA_VALUE_COLS columns
 * with "..." (never inside a UTF-8 sequence). Control characters are kept
 * in old_value / new_value (the CLI escapes them for the terminal); `text`
 * never holds a line break: "\n" and "\r" are written as two characters.
 */
#define DP_DELTA_VALUE_COLS 60
/* Changed lines kept in the excerpt of a DP_DELTA_BODY item. */
#define DP_DELTA_EXCERPT_LINES 10

enum dp_delta_op {
	DP_DELTA_SET,    /* a key added */
	DP_DELTA_ADD,    /* list items added */
	DP_DELTA_REMOVE, /* a key or list items removed */
	DP_DELTA_CHANGE, /* a value or a list item changed */
	DP_DELTA_BODY,   /* the Markdown body changed */
	DP_DELTA_CREATE, /* the record is new */
	DP_DELTA_DELETE, /* the record is gone */
};

struct dp_delta_item {
	enum dp_delta_op op;
	/*
	 * The field as a dp_doc-style path: "progress", "actions",
	 * "requires.rust"; "body" for DP_DELTA_BODY; "" for the record.
	 */
	char *field;
	/*
	 * Display text, NULL when not applicable:
	 *   scalar or key:    the old and new values
	 *   list of scalars:  the removed and the added items, each one cut,
	 *                     joined by ", "
	 *   list item:        added/removed: the item's name; done/reopened:
	 *                     the old and new `done`; changed: the old and new
	 *                     item ({title: ..., due: ...})
	 *   body:             old_value NULL; new_value an excerpt of the
	 *                     changed lines, each starting with '-' or '+' and
	 *                     ending with '\n', at most DP_DELTA_EXCERPT_LINES
	 *                     of them and then "...\n" when there are more
	 *   created/deleted:  the record's title in new_value / old_value
	 */
	char *old_value;
	char *new_value;
	char *text; /* the sentence, one line: see above */
};

struct dp_delta {
	struct dp_delta_item *items;
	size_t len;
	size_t alloc;
};
#define DP_DELTA_INIT                                                          \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * Appends to `out` (initialised with DP_DELTA_INIT, released by the caller
 * with dp_delta_release) what changed from `before` to `after`, two
 * versions of a record of `kind`. `before` NULL: the record was created
 * (one DP_DELTA_CREATE item); `after` NULL: it was deleted (one
 * DP_DELTA_DELETE item); both NULL: nothing. Identical documents add
 * nothing. The record's title for those is its `title`, else its `name`,
 * else the id its path gives (the file name without extension; the
 * person for a profile). Returns 0 (allocation failures abort).
 */
int dp_delta_diff(struct dp_delta *out, enum dp_kind kind,
		  const struct dp_doc *before, const struct dp_doc *after);

/* Frees every item; `d` is left empty and reusable. NULL is fine. */
void dp_delta_release(struct dp_delta *d);

/*
 * Appends to `out` the one-line summary for a commit subject: the items'
 * texts joined by ", " ('progress 30 -> 60, action added: "Pair on the
 * parser"'), cut to `max` columns (UTF-8 characters) ending in "..." when
 * longer; `max` 0 means no limit. Appends nothing for an empty delta.
 */
void dp_delta_summary(struct dp_buf *out, const struct dp_delta *d, size_t max);

#endif
