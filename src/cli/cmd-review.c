/* SPDX-License-Identifier: MIT */
/* devplan review: what changed since your last approval (dp_review_build). */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "devplan/json.h"
#include "devplan/review.h"
#include "devplan/banned.h"

static const char *since, *format;
static const struct dp_option opts[] = {
	OPT_STRING(0, "since", &since, "rev|date",
		   "since a revision or a date (YYYY-MM-DD) instead"),
	OPT_STRING(0, "format", &format, "format", "text (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"review",
	"<person> [--since <rev>|<date>] [--format json]",
	"Show what changed in a person's records since your last approval, "
	"field by field, with who changed it and when, and the comments.",
	opts,
	1,
	1
};

static struct dp_json *delta_json(const struct dp_delta *d)
{
	struct dp_json *arr = dp_json_array();
	size_t i;

	for (i = 0; i < d->len; i++) {
		struct dp_json *o = dp_json_object();

		dp_json_set(o, "field", dp_json_string(d->items[i].field));
		dp_json_set(o, "old", dp_json_string(d->items[i].old_value));
		dp_json_set(o, "new", dp_json_string(d->items[i].new_value));
		dp_json_set(o, "text", dp_json_string(d->items[i].text));
		dp_json_push(arr, o);
	}
	return arr;
}

static struct dp_json *review_json(const struct dp_review *r)
{
	struct dp_json *root = dp_json_object(), *recs = dp_json_array();
	struct dp_json *comments = dp_json_array();
	size_t i, j;

	dp_json_set(root, "person", dp_json_string(r->person));
	dp_json_set(root, "base", dp_json_string(r->base[0] ? r->base : NULL));
	dp_json_set(root, "approval",
		    dp_json_string(r->approval[0] ? r->approval : NULL));
	for (i = 0; i < r->len; i++) {
		const struct dp_review_record *rec = &r->records[i];
		struct dp_json *o = dp_json_object(), *chs = dp_json_array();

		dp_json_set(o, "path", dp_json_string(rec->path));
		dp_json_set(o, "changes", delta_json(&rec->delta));
		for (j = 0; j < rec->len; j++) {
			struct dp_json *c = dp_json_object();

			dp_json_set(c, "commit",
				    dp_json_string(rec->changes[j].commit));
			dp_json_set(c, "author",
				    dp_json_string(rec->changes[j].author));
			dp_json_set(c, "date",
				    dp_json_string(rec->changes[j].date));
			dp_json_set(c, "changes",
				    delta_json(&rec->changes[j].delta));
			dp_json_push(chs, c);
		}
		dp_json_set(o, "commits", chs);
		dp_json_push(recs, o);
	}
	dp_json_set(root, "records", recs);
	for (i = 0; i < r->ncomments; i++) {
		const struct dp_review_comment *c = &r->comments[i];
		struct dp_json *o = dp_json_object();

		dp_json_set(o, "commit", dp_json_string(c->commit));
		dp_json_set(o, "path", dp_json_string(c->path));
		dp_json_set(o, "author", dp_json_string(c->author));
		dp_json_set(o, "role", dp_json_string(c->role));
		dp_json_set(o, "date", dp_json_string(c->date));
		dp_json_set(o, "record", dp_json_string(c->on));
		dp_json_set(o, "text", dp_json_string(c->text));
		dp_json_push(comments, o);
	}
	dp_json_set(root, "comments", comments);
	return root;
}

static void print_line(const char *indent, const char *s)
{
	fputs(indent, stdout);
	dp_term_puts(stdout, s);
}

static void review_text(const struct dp_review *r, const char *me)
{
	struct dp_buf line = DP_BUF_INIT;
	size_t i, j, k;

	if (r->approval[0])
		printf("%s's records since %s's approval at %.7s (%s)\n",
		       r->person, me, r->base, r->approval_date);
	else if (r->base[0])
		printf("%s's records since %.7s\n", r->person, r->base);
	else
		printf("%s's records since the plan began\n", r->person);
	if (!r->len && !r->ncomments)
		printf("\nnothing changed\n");
	for (i = 0; i < r->len; i++) {
		const struct dp_review_record *rec = &r->records[i];

		printf("\n");
		print_line("", rec->path);
		if (!rec->delta.len)
			printf("  (changed and changed back)\n");
		for (k = 0; k < rec->delta.len; k++)
			print_line("  ", rec->delta.items[k].text);
		for (j = 0; j < rec->len; j++) {
			const struct dp_review_change *ch = &rec->changes[j];

			dp_buf_reset(&line);
			dp_buf_addf(&line, "%s %.7s %s: ", ch->date, ch->commit,
				    ch->author);
			dp_delta_summary(&line, &ch->delta, 0);
			print_line("    ", line.ptr);
		}
	}
	if (r->ncomments)
		printf("\ncomments\n");
	for (i = 0; i < r->ncomments; i++) {
		const struct dp_review_comment *c = &r->comments[i];

		dp_buf_reset(&line);
		dp_buf_addf(&line, "%s %s (%s) on %s: %s", c->date, c->author,
			    c->role, c->on, c->text);
		print_line("  ", line.ptr);
	}
	dp_buf_release(&line);
}

int cmd_review(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_review r;
	const char *me = "";
	char **args;
	int n, ret, json = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if ((ret = dp_format_json(&spec, format, "text", &json)) != 0)
		return ret;
	memset(&r, 0, sizeof(r));
	ret = dp_review_build(ctx->plan, &r, args[0], since);
	if (ret < 0)
		return dp_fail(ret);
	if (!since)
		dp_plan_whoami(ctx->plan, &me);
	if (json) {
		struct dp_json *root = review_json(&r);

		dp_json_dumpf(stdout, root, 0);
		dp_json_free(root);
	} else {
		review_text(&r, me);
	}
	dp_review_release(&r);
	if (fflush(stdout) || ferror(stdout)) {
		dp_errorf("cannot write the output: %s", strerror(errno));
		return 3;
	}
	return 0;
}
