/* SPDX-License-Identifier: MIT */
/*
 * devplan: global options, the command table, dispatch (git's git.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/banned.h"

/* Kept sorted by name: a unit test checks it (t0080-help-table.sh). */
const struct dp_command dp_commands[] = {
	{ "accept", cmd_accept, DP_CMD_REPO, "accept a goal proposed to you" },
	{ "action", cmd_action, DP_CMD_REPO,
	  "add or tick off a goal's actions" },
	{ "check", cmd_check, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "validate records like a compiler" },
	{ "done", cmd_done, DP_CMD_REPO, "mark a goal done" },
	{ "edit", cmd_edit, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "edit a record in your editor" },
	{ "goals", cmd_goals, DP_CMD_REPO, "list goals" },
	{ "help", cmd_help, 0, "show help for devplan or a command" },
	{ "init", cmd_init, 0, "create a plan repository" },
	{ "new-competency", cmd_new_competency, DP_CMD_REPO,
	  "add a competency to the catalog" },
	{ "new-goal", cmd_new_goal, DP_CMD_REPO, "add a development goal" },
	{ "new-person", cmd_new_person, DP_CMD_REPO, "add a person's profile" },
	{ "new-role", cmd_new_role, DP_CMD_REPO, "add a role profile" },
	{ "progress", cmd_progress, DP_CMD_REPO, "record progress on a goal" },
	{ "set", cmd_set, DP_CMD_REPO, "set fields of a record" },
	{ "show", cmd_show, DP_CMD_REPO, "show a record" },
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
		fprintf(fp, "   %-16s%s\n", dp_commands[i].name,
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

/*
 * The layout devplan.yaml asks for (dp_layout_set_grouped): 0 or an exit
 * status. `lenient` (check, edit: the commands that find and fix a broken
 * devplan.yaml) keeps the flat default when the file cannot be read.
 */
static int read_layout(struct dp_ctx *ctx, int lenient)
{
	struct dp_doc doc = DP_DOC_INIT;
	const char *v = NULL;
	int r, status = 0;

	r = dp_record_load(&doc, ctx, DP_PATH_CONFIG);
	if (r == 0 && dp_doc_lookup(&doc, "layout")) {
		v = dp_doc_str(&doc, "layout");
		r = DP_EINVALID;
		if (!v)
			dp_error_set("%s: layout: expected flat or grouped",
				     DP_PATH_CONFIG);
		else if (strcmp(v, "flat") && strcmp(v, "grouped"))
			dp_error_set("%s: layout: '%s' is not one of flat, "
				     "grouped",
				     DP_PATH_CONFIG, v);
		else
			r = 0;
	}
	if (r < 0 && !lenient)
		status = dp_fail(r);
	else
		dp_layout_set_grouped(r == 0 && v && !strcmp(v, "grouped"));
	dp_error_clear();
	dp_doc_release(&doc);
	return status;
}

/* Opens the repository for a DP_CMD_REPO command: 0 or an exit status. */
static int open_repo(struct dp_ctx *ctx, const struct dp_command *cmd)
{
	int r;

	if ((r = dp_store_open(&ctx->store, NULL)) < 0)
		return dp_fail(r);
	dp_pager_use_store(ctx->store);
	if (!dp_store_exists(ctx->store, DP_PATH_CONFIG)) {
		dp_errorf("'%s' is a git repository but not a plan repository "
			  "(no devplan.yaml); run 'devplan init' there first",
			  dp_store_workdir(ctx->store));
		return 3;
	}
	return read_layout(ctx, !!(cmd->flags & DP_CMD_LENIENT_CONFIG));
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
	dp_store_free(ctx.store);
	dp_error_clear();
	return finish_stdout(status);
}
