/* SPDX-License-Identifier: MIT */
/* devplan log: the record-aware history (dp_log_walk). */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "devplan/json.h"
#include "devplan/layout.h"
#include "devplan/review.h"
#include "devplan/banned.h"

static const char *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format", "text (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"log",
	"[<person>|<record>] [--format json]",
	"Show the history of a person's records or of one record: what "
	"changed, by whom, comments and approvals.",
	opts,
	0,
	1
};

static const char *type_name(enum dp_log_type t)
{
	switch (t) {
	case DP_LOG_COMMENT:
		return "comment";
	case DP_LOG_APPROVAL:
		return "approval";
	default:
		return "change";
	}
}

static int log_json(const struct dp_log_entry *e, void *data)
{
	struct dp_json *arr = data, *o = dp_json_object();
	struct dp_json *files = dp_json_array();
	size_t i, k;

	dp_json_set(o, "commit", dp_json_string(e->commit));
	dp_json_set(o, "type", dp_json_string(type_name(e->type)));
	dp_json_set(o, "date", dp_json_string(e->date));
	dp_json_set(o, "author", dp_json_string(e->author_name));
	dp_json_set(o, "email", dp_json_string(e->author_email));
	dp_json_set(o, "subject", dp_json_string(e->subject));
	if (e->reviewed_by)
		dp_json_set(o, "reviewed_by", dp_json_string(e->reviewed_by));
	for (i = 0; i < e->nfiles; i++) {
		struct dp_json *f = dp_json_object(), *ch = dp_json_array();

		dp_json_set(f, "path", dp_json_string(e->files[i].path));
		if (e->files[i].comment_on)
			dp_json_set(f, "comment_on",
				    dp_json_string(e->files[i].comment_on));
		for (k = 0; k < e->files[i].delta.len; k++)
			dp_json_push(ch, dp_json_string(
					     e->files[i].delta.items[k].text));
		dp_json_set(f, "changes", ch);
		dp_json_push(files, f);
	}
	dp_json_set(o, "files", files);
	dp_json_push(arr, o);
	return 0;
}

static int log_text(const struct dp_log_entry *e, void *data)
{
	struct dp_buf line = DP_BUF_INIT;
	size_t i, k;

	(void)data;
	dp_buf_addf(&line, "%.7s %s %s", e->commit, e->date, e->author_name);
	if (e->type != DP_LOG_CHANGE)
		dp_buf_addf(&line, " [%s]", type_name(e->type));
	dp_buf_addf(&line, " %s", e->subject);
	dp_term_puts(stdout, line.ptr);
	for (i = 0; i < e->nfiles; i++) {
		const struct dp_log_file *f = &e->files[i];

		for (k = 0; k < f->delta.len; k++) {
			dp_buf_reset(&line);
			dp_buf_addf(&line, "    %s: %s", f->path,
				    f->delta.items[k].text);
			dp_term_puts(stdout, line.ptr);
		}
		if (f->comment_on) {
			dp_buf_reset(&line);
			dp_buf_addf(&line, "    comment on %s", f->comment_on);
			dp_term_puts(stdout, line.ptr);
		}
	}
	dp_buf_release(&line);
	return 0;
}

int cmd_log(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf prefix = DP_BUF_INIT;
	struct dp_json *arr = NULL;
	const char *person = NULL;
	struct dp_ref ref;
	char **args;
	int n, ret, status = 0, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (format && !strcmp(format, "json"))
		json = 1;
	else if (format && strcmp(format, "text"))
		return dp_usage_error(&spec, "unknown format '%s'", format);
	if (n == 0 || dp_plan_person_exists(ctx->plan, args[0])) {
		if (n == 0 && (ret = dp_plan_whoami(ctx->plan, &person)) < 0)
			return dp_fail(ret);
		if (n)
			person = args[0];
		dp_layout_person_dir(&prefix, dp_plan_layout(ctx->plan),
				     person);
		dp_buf_addch(&prefix, '/');
	} else {
		ret =
		    dp_plan_resolve(ctx->plan, &ref, args[0], DP_KIND_UNKNOWN);
		if (ret < 0)
			return dp_fail(ret);
		dp_buf_adds(&prefix, ref.path);
	}
	if (json)
		arr = dp_json_array();
	ret = dp_log_walk(ctx->plan, prefix.ptr, person,
			  json ? log_json : log_text, arr);
	if (ret < 0) {
		status = dp_fail(ret);
		goto out;
	}
	if (json)
		dp_json_dumpf(stdout, arr, 0);
	if (fflush(stdout) || ferror(stdout)) {
		dp_errorf("cannot write the output: %s", strerror(errno));
		status = 3;
	}
out:
	dp_json_free(arr);
	dp_buf_release(&prefix);
	return status;
}
