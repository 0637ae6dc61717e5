/* SPDX-License-Identifier: MIT */
/*
 * devplan show: print one record, as written (Markdown) or as JSON with
 * the front matter converted to JSON values.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "devplan/comment.h"
#include "devplan/layout.h"
#include "devplan/banned.h"

static const char *format;

static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format",
		   "markdown (default, the file as written) or json"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"show",
	"<record> [--format markdown|json]",
	"Show a record: a goal (alice/learn-rust), a person (alice) or a path.",
	opts,
};

/* A plain scalar YAML reads as an integer: [-]digits, no leading zeros. */
static int plain_int(const char *s, json_int_t *out)
{
	const char *p = s + (*s == '-');
	long long v;
	char *end;

	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1]))
		return 0;
	for (const char *q = p; *q; q++)
		if (*q < '0' || *q > '9')
			return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return 0;
	*out = (json_int_t)v;
	return 1;
}

static int one_of(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (!strcmp(s, words[i]))
			return 1;
	return 0;
}

/*
 * Plain scalars that YAML's core schema reads as integers, booleans or
 * null become JSON numbers, booleans and null; everything else, and every
 * quoted or block scalar, stays a string.
 */
static json_t *scalar_to_json(const struct dp_node *n)
{
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	static const char *const nulls[] = { "",     "~",    "null",
					     "Null", "NULL", NULL };
	json_int_t v;

	if (n->style == DP_STYLE_PLAIN) {
		if (plain_int(n->str, &v))
			return json_integer(v);
		if (one_of(n->str, trues))
			return json_true();
		if (one_of(n->str, falses))
			return json_false();
		if (one_of(n->str, nulls))
			return json_null();
	}
	return json_string(n->str);
}

static json_t *node_to_json(const struct dp_node *n)
{
	json_t *j;

	if (!n)
		return json_null();
	switch (n->type) {
	case DP_SEQ:
		j = json_array();
		for (size_t i = 0; i < n->n; i++)
			json_array_append_new(j, node_to_json(n->items[i]));
		return j;
	case DP_MAP:
		j = json_object();
		for (size_t i = 0; i < n->n; i++)
			json_object_set_new(j, n->keys[i]->str,
					    node_to_json(n->items[i]));
		return j;
	case DP_SCALAR:
	default:
		return scalar_to_json(n);
	}
}

static int show_json(struct dp_ctx *ctx, const struct dp_ref *ref)
{
	struct dp_doc doc = DP_DOC_INIT;
	const char *path = ref->path;
	enum dp_kind kind = ref->kind;
	json_t *root;
	int ret;

	if ((ret = dp_plan_load(ctx->plan, &doc, ref)) < 0)
		goto out;
	root = json_object();
	json_object_set_new(root, "path", json_string(path));
	json_object_set_new(root, "kind", json_string(dp_kind_name(kind)));
	json_object_set_new(root, "fields",
			    doc.root ? node_to_json(doc.root) : json_object());
	if (doc.mode == DP_DOC_FRONT_MATTER) {
		size_t len;
		const char *body = dp_doc_body(&doc, &len);

		json_object_set_new(root, "body", json_stringn(body, len));
	} else {
		json_object_set_new(root, "body", json_null());
	}
	dp_json_print(root);
	json_decref(root);
out:
	dp_doc_release(&doc);
	return ret;
}

/* Text from a record, control characters made harmless. */
static void put_safe(const char *s, size_t indent)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n') {
			putchar('\n');
			for (size_t i = 0; i < indent; i++)
				putchar(' ');
		} else if (c < 0x20 && c != '\t') {
			putchar('?');
		} else if (c == 0x7f) {
			putchar('?');
		} else {
			putchar(c);
		}
	}
}

/* The comments under the record, replies indented under what they answer. */
static int show_thread(struct dp_ctx *ctx, const struct dp_ref *ref)
{
	struct dp_thread t = DP_THREAD_INIT;
	int ret = dp_comment_thread(ctx->plan, ref, &t);

	if (ret < 0 || !t.len)
		goto out;
	printf("\n-- %zu comment%s --\n", t.len, t.len == 1 ? "" : "s");
	for (size_t i = 0; i < t.len; i++) {
		const struct dp_comment *c = &t.items[i];
		size_t indent = 2 + c->depth * 4;

		printf("\n%*s", (int)indent - 2, "");
		put_safe(c->author, 0);
		printf(" (");
		put_safe(c->role, 0);
		printf(", ");
		put_safe(c->date, 0);
		printf(")%s [", c->kudos ? " kudos" : "");
		put_safe(c->name, 0);
		printf("]\n%*s", (int)indent, "");
		put_safe(c->text, indent);
		putchar('\n');
	}
out:
	dp_thread_release(&t);
	return ret;
}

/*
 * The file as written. It is parsed first all the same: a record devplan
 * cannot read is reported with its path:line:col, not shown.
 */
static int show_markdown(struct dp_ctx *ctx, const struct dp_ref *ref)
{
	struct dp_doc doc = DP_DOC_INIT;
	int ret;

	if ((ret = dp_plan_load(ctx->plan, &doc, ref)) < 0)
		goto out;
	dp_pager_start();
	fwrite(doc.text.ptr, 1, doc.text.len, stdout);
	ret = show_thread(ctx, ref);
out:
	dp_doc_release(&doc);
	return ret;
}

int cmd_show(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_ref ref;
	char **args;
	int n, ret, status = 0, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (format && !strcmp(format, "json")) {
		json = 1;
	} else if (format && strcmp(format, "markdown")) {
		status = dp_usage_error(&spec, "unknown format '%s'", format);
		goto out;
	}
	if (n == 0) {
		status = dp_usage_error(&spec, "which record? name one");
		goto out;
	}
	if (n > 1) {
		status = dp_usage_error(&spec, "too many arguments");
		goto out;
	}
	/* Your own goals may be named bare; no identity is needed otherwise. */
	if ((status = dp_run_resolve(ctx, &ref, args[0], DP_KIND_UNKNOWN)))
		goto out;
	ret = json ? show_json(ctx, &ref) : show_markdown(ctx, &ref);
	if (ret < 0)
		status = dp_fail(ret);
out:
	return status;
}
