/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_JSON_H
#define DEVPLAN_JSON_H

#include <stdio.h>

#include "devplan/buf.h"
#include "devplan/fm.h"

/*
 * JSON output (the only module that includes <jansson.h>). Build a tree
 * of values, then dump it. Containers take ownership of what is added to
 * them; the caller frees the root with dp_json_free. Constructors never
 * return NULL (they abort when memory runs out).
 */
struct dp_json;

struct dp_json *dp_json_object(void);
struct dp_json *dp_json_array(void);
/* A string; NULL gives JSON null. Invalid UTF-8 becomes U+FFFD. */
struct dp_json *dp_json_string(const char *s);
struct dp_json *dp_json_stringn(const char *s, size_t len);
struct dp_json *dp_json_int(long long v);
/* A number; NaN and infinities, which JSON cannot hold, give null. */
struct dp_json *dp_json_real(double v);
struct dp_json *dp_json_bool(int v);
struct dp_json *dp_json_null(void);

/*
 * A scalar node as YAML types it (devplan/scalar.h, dp_node_scalar_type):
 * plain 30 and 0x1F are numbers, true a boolean, ~ null, "30" and !!str 30
 * strings. Dates, .inf, .nan and integers beyond 64 bits stay strings.
 * A whole node tree: mappings are objects (in file order), sequences
 * arrays, scalars as dp_json_scalar; NULL gives null.
 */
struct dp_json *dp_json_scalar(const struct dp_node *n);
struct dp_json *dp_json_node(const struct dp_node *n);

/* Sets obj[key] = v, or appends v to arr; both take ownership of v. */
void dp_json_set(struct dp_json *obj, const char *key, struct dp_json *v);
void dp_json_push(struct dp_json *arr, struct dp_json *v);

void dp_json_free(struct dp_json *v);

#define DP_JSON_SORT_KEYS 0x1u /* else keys keep their insertion order */

/*
 * Appends `v` to `out`, or writes it to `fp`, as JSON indented by two
 * spaces with a final newline. dp_json_dumpf returns 0, or -1 when the
 * stream fails (the caller reports it with errno).
 */
void dp_json_dump(struct dp_buf *out, const struct dp_json *v, unsigned flags);
int dp_json_dumpf(FILE *fp, const struct dp_json *v, unsigned flags);

/*
 * A JSON array written element by element, for lists too long to hold
 * as one tree: the text is exactly what dp_json_dumpf gives for the
 * whole array ("[]" when empty), each element dumped as it comes.
 *   struct dp_json_writer w;
 *   dp_json_writer_init(&w, stdout, 0);
 *   dp_json_writer_push(&w, v);   (takes ownership of v)
 *   dp_json_writer_finish(&w);    ("]", or "[]" when nothing came)
 * Push and finish return 0, or -1 when the stream failed (then and
 * ever after; the caller reports it with errno).
 */
struct dp_json_writer {
	FILE *fp;
	unsigned flags;
	size_t count;
	int failed;
};
void dp_json_writer_init(struct dp_json_writer *w, FILE *fp, unsigned flags);
int dp_json_writer_push(struct dp_json_writer *w, struct dp_json *v);
int dp_json_writer_finish(struct dp_json_writer *w);

/* The member `key` of object `obj` (owned by `obj`), or NULL. */
struct dp_json *dp_json_get(const struct dp_json *obj, const char *key);
/* The text of a string value (owned by it), or NULL. */
const char *dp_json_string_value(const struct dp_json *v);
/* 1 if `v` is an object. */
int dp_json_is_object(const struct dp_json *v);
/* Copies every member of object `other` into `obj` (replacing). */
void dp_json_update(struct dp_json *obj, const struct dp_json *other);

#endif
