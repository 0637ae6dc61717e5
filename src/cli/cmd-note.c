/* SPDX-License-Identifier: MIT */
/*
 * devplan note: a note of yours, shared in the plan (one commit) or
 * private under .devplan/private/ (git-ignored, never committed);
 * --list shows the private ones.
 */
#include <string.h>

#include "cli.h"
#include "devplan/note.h"
#include "devplan/banned.h"

static const char *message;
static int private_note, list;
static const struct dp_option opts[] = {
	OPT_STRING('m', "message", &message, "text", "the note"),
	OPT_BOOL(0, "private", &private_note,
		 "keep it under .devplan/private/: never committed"),
	OPT_BOOL(0, "list", &list, "list the private notes"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"note",
	"[<person>] -m <text> [--private]\n--list [<person>]",
	"Write a note, shared in the plan or private (never committed); list "
	"the private ones.",
	opts,
	0,
	1,
};

static int list_private(struct dp_ctx *ctx, const char *person)
{
	struct dp_strlist notes = DP_STRLIST_INIT;
	int ret = dp_note_list_private(&notes, ctx->plan, person);

	if (ret < 0)
		return dp_fail(ret);
	for (size_t i = 0; i < notes.len; i++)
		dp_term_puts(stdout, notes.items[i]);
	if (!notes.len)
		fputs("no private notes\n", stderr);
	dp_strlist_release(&notes);
	return 0;
}

int cmd_note(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_buf name = DP_BUF_INIT, path = DP_BUF_INIT;
	const char *person = NULL;
	char today[11];
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (list && (message || private_note))
		return dp_usage_error(&spec, "--list goes with neither -m nor "
					     "--private");
	if (list) {
		if (n && (ret = dp_run_person(ctx, &person, args[0])) != 0)
			return ret;
		return list_private(ctx, person);
	}
	if (!message)
		return dp_usage_error(&spec, "missing -m <text>");
	if ((ret = dp_run_person(ctx, &person, n ? args[0] : NULL)) != 0 ||
	    (ret = dp_run_today(today)) != 0)
		return ret;
	ret = dp_note_add(&name, &path, ctx->plan, person, message, today,
			  private_note, &f);
	dp_print_findings(&f);
	dp_findings_release(&f);
	if (ret < 0) {
		ret = dp_fail(ret);
		goto out;
	}
	if (private_note)
		fprintf(stderr,
			"wrote %s (private: never committed; share it with "
			"'devplan share %s/%s')\n",
			path.ptr, person, name.ptr);
	else
		fprintf(stderr, "added %s\n", path.ptr);
	ret = 0;
out:
	dp_buf_release(&name);
	dp_buf_release(&path);
	return ret;
}
