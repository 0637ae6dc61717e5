/* SPDX-License-Identifier: MIT */
/*
 * devplan: global options, the command table, dispatch (git's git.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/framework.h"
#include "devplan/layout.h"
#include "devplan/banned.h"

/* Kept sorted by name: a unit test checks it (t0080-help-table.sh). */
const struct dp_command dp_commands[] = {
	{ "accept", cmd_accept, DP_CMD_REPO, "accept a goal proposed to you" },
	{ "action", cmd_action, DP_CMD_REPO,
	  "add or tick off a goal's actions" },
	{ "agenda", cmd_agenda, DP_CMD_REPO,
	  "draw up the agenda of a 1:1 development conversation" },
	{ "approve", cmd_approve, DP_CMD_REPO,
	  "approve a person's plan (Reviewed-by: commit)" },
	{ "assess", cmd_assess, DP_CMD_REPO,
	  "record your own level of competencies" },
	{ "audit", cmd_audit, 0,
	  "check every commit against the policy (CI, hooks)" },
	{ "career-map", cmd_career_map, DP_CMD_REPO,
	  "show or add to your career map" },
	{ "check", cmd_check, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "validate records like a compiler" },
	{ "codeowners", cmd_codeowners, DP_CMD_REPO,
	  "write CODEOWNERS from the profiles" },
	{ "comment", cmd_comment, DP_CMD_REPO,
	  "comment on a record (one commit)" },
	{ "commit", cmd_commit, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "commit records edited by hand" },
	{ "decline", cmd_decline, DP_CMD_REPO,
	  "decline a goal proposed to you" },
	{ "done", cmd_done, DP_CMD_REPO, "mark a goal done" },
	{ "due", cmd_due, DP_CMD_REPO,
	  "list what is due or overdue, across the repository" },
	{ "edit", cmd_edit, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "edit a record in your editor" },
	{ "export", cmd_export, DP_CMD_REPO,
	  "export the plans as JSON or CSV" },
	{ "gap", cmd_gap, DP_CMD_REPO, "show the skills gap to a target role" },
	{ "goals", cmd_goals, DP_CMD_REPO, "list goals" },
	{ "help", cmd_help, 0, "show help for devplan or a command" },
	{ "import-framework", cmd_import_framework, DP_CMD_REPO,
	  "import roles and competencies from CSV or Markdown" },
	{ "init", cmd_init, 0, "create a plan repository" },
	{ "journal", cmd_journal, DP_CMD_REPO,
	  "log what you learned, or list your journal" },
	{ "log", cmd_log, DP_CMD_REPO,
	  "show the history of a person's records" },
	{ "match", cmd_match, DP_CMD_REPO,
	  "suggest colleagues strong where a person wants to grow" },
	{ "matrix", cmd_matrix, DP_CMD_REPO,
	  "show the competency x person matrix of self-assessed levels" },
	{ "merge-file", cmd_merge_file, 0,
	  "merge three versions of a record (git merge driver)" },
	{ "new-competency", cmd_new_competency, DP_CMD_REPO,
	  "add a competency to the catalog" },
	{ "new-goal", cmd_new_goal, DP_CMD_REPO, "add a development goal" },
	{ "new-person", cmd_new_person, DP_CMD_REPO, "add a person's profile" },
	{ "new-role", cmd_new_role, DP_CMD_REPO, "add a role profile" },
	{ "note", cmd_note, DP_CMD_REPO, "write a note, shared or private" },
	{ "progress", cmd_progress, DP_CMD_REPO, "record progress on a goal" },
	{ "render", cmd_render, DP_CMD_REPO,
	  "write the plans as a static site" },
	{ "review", cmd_review, DP_CMD_REPO,
	  "show what changed since your last approval" },
	{ "set", cmd_set, DP_CMD_REPO, "set fields of a record" },
	{ "share", cmd_share, DP_CMD_REPO,
	  "share a private note: move it into the plan" },
	{ "show", cmd_show, DP_CMD_REPO, "show a record" },
	{ "stats", cmd_stats, DP_CMD_REPO,
	  "show how the development programme is doing, in figures" },
	{ "swot", cmd_swot, DP_CMD_REPO, "show or add to your SWOT" },
	{ "sync", cmd_sync, DP_CMD_REPO,
	  "fetch, merge records field by field, push" },
	{ "team", cmd_team, DP_CMD_REPO,
	  "show a manager's direct reports and their goals" },
};
const size_t dp_commands_len = DP_ARRAY_SIZE(dp_commands);

const struct dp_command *dp_command_find(const char *name)
{
	size_t lo = 0, hi = dp_commands_len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, dp_commands[mid].name);

		if (!c)
			return &dp_commands[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char main_usage[] =
    "usage: devplan [-C <dir>] [--as <person>] [--no-pager] [--version]\n"
    "               [--help] <command> [<args>]\n";

void dp_main_usage(FILE *fp)
{
	fputs(main_usage, fp);
	fputs("\nCommands:\n", fp);
	for (size_t i = 0; i < dp_commands_len; i++)
		fprintf(fp, "   %-18s%s\n", dp_commands[i].name,
			dp_commands[i].summary);
	fputs("\nSee 'devplan help <command>' or 'devplan <command> --help'.\n",
	      fp);
}

static int finish_stdout(int status)
{
	/* A full disk or closed pipe must not look like success. */
	if (fflush(stdout) || ferror(stdout)) {
		if (errno != EPIPE)
			dp_errorf("write failure on standard output: %s",
				  strerror(errno));
		if (!status)
			status = 3;
	}
	dp_pager_finish();
	return status;
}

/* Opens the plan for a DP_CMD_REPO command: 0 or an exit status. */
static int open_repo(struct dp_ctx *ctx, const struct dp_command *cmd)
{
	int r = dp_plan_open(
	    &ctx->plan, NULL,
	    cmd->flags & DP_CMD_LENIENT_CONFIG ? DP_PLAN_LENIENT : 0);

	if (r < 0)
		return dp_fail(r);
	ctx->store = dp_plan_store(ctx->plan);
	dp_pager_use_store(ctx->store);
	if (ctx->as)
		dp_plan_set_as(ctx->plan, ctx->as);
	return 0;
}

/* Prints every name in `list`, with `prefix` before each. */
static void print_names(const struct dp_strlist *list, const char *prefix)
{
	for (size_t i = 0; i < list->len; i++)
		printf("%s%s\n", prefix, list->items[i]);
}

/*
 * devplan --complete people|goals [<person>]|roles|competencies: names for
 * the completion scripts, one a line, from the repository the way devplan
 * reads it (the grouped layout included). Goals are "person/slug", of one
 * person when given, else of everyone. Silent when there is no repository.
 */
static int complete(struct dp_ctx *ctx, int argc, char **argv)
{
	struct dp_strlist names = DP_STRLIST_INIT, goals = DP_STRLIST_INIT;
	struct dp_buf prefix = DP_BUF_INIT;
	const struct dp_layout *lo;
	const char *what = argc > 0 ? argv[0] : "";
	int r = 0;

	if (argc > 2 ||
	    (strcmp(what, "people") && strcmp(what, "goals") &&
	     strcmp(what, "roles") && strcmp(what, "competencies"))) {
		dp_errorf("usage: devplan --complete people|goals "
			  "[<person>]|roles|competencies");
		return 2;
	}
	if (dp_plan_open(&ctx->plan, NULL, DP_PLAN_LENIENT) < 0)
		goto out; /* nothing to offer */
	ctx->store = dp_plan_store(ctx->plan);
	lo = dp_plan_layout(ctx->plan);
	if (!strcmp(what, "people")) {
		r = dp_layout_list_people(&names, ctx->store, lo);
		print_names(&names, "");
	} else if (!strcmp(what, "goals")) {
		if (argc == 2)
			dp_strlist_push(&names, argv[1]);
		else
			r = dp_layout_list_people(&names, ctx->store, lo);
		for (size_t i = 0; r >= 0 && i < names.len; i++) {
			dp_strlist_release(&goals);
			dp_buf_reset(&prefix);
			dp_buf_addf(&prefix, "%s/", names.items[i]);
			if (dp_layout_list_goals(&goals, ctx->store, lo,
						 names.items[i]) == 0)
				print_names(&goals, prefix.ptr);
		}
	} else if (!strcmp(what, "roles")) {
		if (dp_role_ids(&names, ctx->plan) == 0)
			print_names(&names, "");
	} else {
		r = dp_competency_ids(&names, ctx->plan);
		print_names(&names, "");
	}
out:
	dp_error_clear();
	dp_strlist_release(&names);
	dp_strlist_release(&goals);
	dp_buf_release(&prefix);
	return 0;
}

static struct dp_ctx *deferred_ctx;
static const struct dp_command *deferred_cmd;

/*
 * dp_opt_ready for a DP_CMD_REPO command: the repository is opened once
 * its command line is known to be well-formed, so that a usage error or
 * --help never needs (nor reports the lack of) a repository.
 */
static int open_deferred(void)
{
	dp_opt_ready = NULL;
	return open_repo(deferred_ctx, deferred_cmd);
}

int main(int argc, char **argv)
{
	struct dp_ctx ctx = { 0 };
	const struct dp_command *cmd;
	int i, status = 0;

	/*
	 * Past a file-size limit (ulimit -f) a write fails with EFBIG and is
	 * reported, or, for a cache, given up: the signal would kill the
	 * command before it says anything.
	 */
	signal(SIGXFSZ, SIG_IGN);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-')
			break;
		if (!strcmp(a, "-C") || !strcmp(a, "--as")) {
			if (i + 1 >= argc) {
				dp_errorf("option '%s' needs a value", a);
				fputs(main_usage, stderr);
				return 2;
			}
			if (a[1] == 'C') {
				if (*argv[i + 1] && chdir(argv[i + 1]) < 0) {
					dp_errorf("cannot change to '%s': %s",
						  argv[i + 1], strerror(errno));
					return 3;
				}
				ctx.chdir = argv[i + 1];
			} else {
				ctx.as = argv[i + 1];
			}
			i++;
		} else if (dp_starts_with(a, "--as=")) {
			ctx.as = a + 5;
		} else if (!strcmp(a, "--no-pager")) {
			setenv("DEVPLAN_PAGER", "cat", 1);
		} else if (!strcmp(a, "--version")) {
			printf("devplan version %s\n", DEVPLAN_VERSION);
			return finish_stdout(0);
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			dp_main_usage(stdout);
			return finish_stdout(0);
		} else if (!strcmp(a, "--complete")) {
			status = complete(&ctx, argc - i - 1, argv + i + 1);
			dp_plan_free(ctx.plan);
			return finish_stdout(status);
		} else if (!strcmp(a, "--list-cmds")) {
			for (size_t k = 0; k < dp_commands_len; k++)
				printf("%s\n", dp_commands[k].name);
			return finish_stdout(0);
		} else {
			dp_errorf("unknown option '%s'", a);
			fputs(main_usage, stderr);
			return 2;
		}
	}
	if (i >= argc) {
		dp_main_usage(stderr);
		return 2;
	}
	cmd = dp_command_find(argv[i]);
	if (!cmd) {
		dp_errorf("'%s' is not a devplan command; see 'devplan --help'",
			  argv[i]);
		return 2;
	}
	ctx.color = dp_want_color(stdout);
	if (cmd->flags & DP_CMD_REPO) {
		deferred_ctx = &ctx;
		deferred_cmd = cmd;
		dp_opt_ready = open_deferred;
	}
	status = cmd->fn(argc - i, argv + i, &ctx);
	dp_plan_free(ctx.plan);
	dp_error_clear();
	return finish_stdout(status);
}
