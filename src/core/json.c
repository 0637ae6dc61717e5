/* SPDX-License-Identifier: MIT */
/*
 * JSON output over jansson. A struct dp_json is a json_t in disguise, so
 * that no other file needs <jansson.h>.
 */
#include "devplan/json.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "devplan/buf.h"
#include "devplan/scalar.h"
#include "devplan/banned.h"

static json_t *J(const struct dp_json *v)
{
	return (json_t *)v;
}

static struct dp_json *W(json_t *j)
{
	if (!j)
		abort(); /* out of memory */
	return (struct dp_json *)j;
}

struct dp_json *dp_json_object(void)
{
	return W(json_object());
}

struct dp_json *dp_json_array(void)
{
	return W(json_array());
}

struct dp_json *dp_json_stringn(const char *s, size_t len)
{
	struct dp_buf fixed = DP_BUF_INIT;
	json_t *j;
	size_t i = 0, n;
	uint32_t cp;

	if (!s)
		return dp_json_null();
	j = json_stringn(s, len);
	if (j)
		return W(j);
	/* invalid UTF-8 (jansson refuses it): replace each bad byte */
	while (i < len) {
		n = dp_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n) {
			dp_buf_add(&fixed, s + i, n);
			i += n;
		} else {
			dp_buf_adds(&fixed, "\xEF\xBF\xBD");
			i++;
		}
	}
	j = json_stringn(fixed.ptr ? fixed.ptr : "", fixed.len);
	dp_buf_release(&fixed);
	return W(j);
}

struct dp_json *dp_json_string(const char *s)
{
	return s ? dp_json_stringn(s, strlen(s)) : dp_json_null();
}

struct dp_json *dp_json_int(long long v)
{
	return W(json_integer((json_int_t)v));
}

struct dp_json *dp_json_real(double v)
{
	return isfinite(v) ? W(json_real(v)) : dp_json_null();
}

struct dp_json *dp_json_bool(int v)
{
	return W(json_boolean(v));
}

struct dp_json *dp_json_null(void)
{
	return W(json_null());
}

struct dp_json *dp_json_scalar(const struct dp_node *n)
{
	long long v;
	double d;
	char *end;

	if (!n)
		return dp_json_null();
	if (n->type != DP_SCALAR)
		return dp_json_node(n);
	switch (dp_node_scalar_type(n)) {
	case DP_SCALAR_NULL:
		return dp_json_null();
	case DP_SCALAR_BOOL:
		return dp_json_bool(n->str[0] == 't' || n->str[0] == 'T');
	case DP_SCALAR_INT:
		if (dp_scalar_int_value(n->str, &v) == 0)
			return dp_json_int(v);
		break;
	case DP_SCALAR_FLOAT:
		if (dp_scalar_int_value(n->str, &v) == 0) /* !!float 1 */
			return dp_json_real((double)v);
		d = strtod(n->str, &end);
		if (!*end && isfinite(d))
			return dp_json_real(d);
		break;
	case DP_SCALAR_STR:
	case DP_SCALAR_DATE:
		break;
	}
	return dp_json_string(n->str);
}

struct dp_json *dp_json_node(const struct dp_node *n)
{
	struct dp_json *j;

	if (!n)
		return dp_json_null();
	switch (n->type) {
	case DP_SEQ:
		j = dp_json_array();
		for (size_t i = 0; i < n->n; i++)
			dp_json_push(j, dp_json_node(n->items[i]));
		return j;
	case DP_MAP:
		j = dp_json_object();
		for (size_t i = 0; i < n->n; i++)
			dp_json_set(j, n->keys[i]->str,
				    dp_json_node(n->items[i]));
		return j;
	case DP_SCALAR:
	default:
		return dp_json_scalar(n);
	}
}

static int utf8_ok(const char *s)
{
	size_t len = strlen(s), i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = dp_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!n)
			return 0;
		i += n;
	}
	return 1;
}

void dp_json_set(struct dp_json *obj, const char *key, struct dp_json *v)
{
	json_t *k = NULL;

	if (!utf8_ok(key)) { /* jansson refuses such a key: repair it */
		k = J(dp_json_string(key));
		key = json_string_value(k);
	}
	if (json_object_set_new(J(obj), key, J(v)) < 0)
		abort();
	json_decref(k);
}

void dp_json_push(struct dp_json *arr, struct dp_json *v)
{
	if (json_array_append_new(J(arr), J(v)) < 0)
		abort();
}

void dp_json_free(struct dp_json *v)
{
	if (v)
		json_decref(J(v));
}

static size_t dump_flags(unsigned flags)
{
	/* 15 digits: 0.1 prints as 0.1, not 0.10000000000000001 */
	return JSON_INDENT(2) | JSON_REAL_PRECISION(15) |
	       (flags & DP_JSON_SORT_KEYS ? JSON_SORT_KEYS
					  : JSON_PRESERVE_ORDER);
}

void dp_json_dump(struct dp_buf *out, const struct dp_json *v, unsigned flags)
{
	char *text = json_dumps(J(v), dump_flags(flags) | JSON_ENCODE_ANY);

	if (!text)
		abort();
	dp_buf_adds(out, text);
	dp_buf_addch(out, '\n');
	free(text);
}

int dp_json_dumpf(FILE *fp, const struct dp_json *v, unsigned flags)
{
	struct dp_buf b = DP_BUF_INIT;
	int ret = 0;

	dp_json_dump(&b, v, flags);
	if (fwrite(b.ptr, 1, b.len, fp) != b.len)
		ret = -1;
	dp_buf_release(&b);
	return ret;
}

void dp_json_writer_init(struct dp_json_writer *w, FILE *fp, unsigned flags)
{
	w->fp = fp;
	w->flags = flags;
	w->count = 0;
	w->failed = 0;
}

static void writer_put(struct dp_json_writer *w, const char *s, size_t len)
{
	if (!w->failed && fwrite(s, 1, len, w->fp) != len)
		w->failed = 1;
}

/*
 * JSON is indented by depth alone, so an element dumped on its own and
 * shifted by one level reads exactly as it would inside the array.
 */
int dp_json_writer_push(struct dp_json_writer *w, struct dp_json *v)
{
	struct dp_buf text = DP_BUF_INIT, out = DP_BUF_INIT;
	const char *p;

	dp_json_dump(&text, v, w->flags);
	dp_json_free(v);
	dp_buf_setlen(&text, text.len - 1); /* its final newline */
	dp_buf_adds(&out, w->count++ ? ",\n" : "[\n");
	for (p = text.ptr; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);

		dp_buf_adds(&out, "  ");
		dp_buf_add(&out, p, len);
		p += len;
	}
	writer_put(w, out.ptr, out.len);
	dp_buf_release(&out);
	dp_buf_release(&text);
	return w->failed ? -1 : 0;
}

int dp_json_writer_finish(struct dp_json_writer *w)
{
	if (w->count)
		writer_put(w, "\n]\n", 3);
	else
		writer_put(w, "[]\n", 3);
	return w->failed ? -1 : 0;
}

struct dp_json *dp_json_get(const struct dp_json *obj, const char *key)
{
	return (struct dp_json *)json_object_get(J(obj), key);
}

const char *dp_json_string_value(const struct dp_json *v)
{
	return json_string_value(J(v));
}

int dp_json_is_object(const struct dp_json *v)
{
	return json_is_object(J(v));
}

void dp_json_update(struct dp_json *obj, const struct dp_json *other)
{
	json_object_update(J(obj), J(other));
}
