/* SPDX-License-Identifier: MIT */
/*
 * devplan show: print one record, as written (Markdown) or as JSON with
 * the front matter converted to JSON values.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/comment.h"
#include "devplan/json.h"
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
	1,
	1,
};

static int show_json(struct dp_ctx *ctx, const struct dp_ref *ref)
{
	struct dp_doc doc = DP_DOC_INIT;
	const char *path = ref->path;
	enum dp_kind kind = ref->kind;
	struct dp_json *root;
	int ret;

	if ((ret = dp_plan_load(ctx->plan, &doc, ref)) < 0)
		goto out;
	root = dp_json_object();
	dp_json_set(root, "path", dp_json_string(path));
	dp_json_set(root, "kind", dp_json_string(dp_kind_name(kind)));
	dp_json_set(root, "fields",
		    doc.root ? dp_json_node(doc.root) : dp_json_object());
	if (doc.mode == DP_DOC_FRONT_MATTER) {
		size_t len;
		const char *body = dp_doc_body(&doc, &len);

		dp_json_set(root, "body", dp_json_stringn(body, len));
	} else {
		dp_json_set(root, "body", dp_json_null());
	}
	dp_json_print(root);
	dp_json_free(root);
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
	dp_print_text(stdout, doc.text.ptr, doc.text.len);
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
