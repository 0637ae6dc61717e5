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
	{ "assess", cmd_assess, DP_CMD_REPO,
	  "record your own level of competencies" },
	{ "career-map", cmd_career_map, DP_CMD_REPO,
	  "show or add to your career map" },
	{ "check", cmd_check, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "validate records like a compiler" },
	{ "decline", cmd_decline, DP_CMD_REPO,
	  "decline a goal proposed to you" },
	{ "done", cmd_done, DP_CMD_REPO, "mark a goal done" },
	{ "edit", cmd_edit, DP_CMD_REPO | DP_CMD_LENIENT_CONFIG,
	  "edit a record in your editor" },
	{ "gap", cmd_gap, DP_CMD_REPO, "show the skills gap to a target role" },
	{ "goals", cmd_goals, DP_CMD_REPO, "list goals" },
	{ "help", cmd_help, 0, "show help for devplan or a command" },
	{ "init", cmd_init, 0, "create a plan repository" },
	{ "journal", cmd_journal, DP_CMD_REPO,
	  "log what you learned, or list your journal" },
	{ "new-competency", cmd_new_competency, DP_CMD_REPO,
	  "add a competency to the catalog" },
	{ "new-goal", cmd_new_goal, DP_CMD_REPO, "add a development goal" },
	{ "new-person", cmd_new_person, DP_CMD_REPO, "add a person's profile" },
	{ "new-role", cmd_new_role, DP_CMD_REPO, "add a role profile" },
	{ "progress", cmd_progress, DP_CMD_REPO, "record progress on a goal" },
	{ "set", cmd_set, DP_CMD_REPO, "set fields of a record" },
	{ "show", cmd_show, DP_CMD_REPO, "show a record" },
	{ "swot", cmd_swot, DP_CMD_REPO, "show or add to your SWOT" },
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

/* Opens the plan for a DP_CMD_REPO command: 0 or an exit status. */
static int open_repo(struct dp_ctx *ctx, const struct dp_command *cmd)
{
	int r = dp_plan_open(
	    &ctx->plan, NULL,
	    cmd->flags & DP_CMD_LENIENT_CONFIG ? DP_PLAN_LENIENT : 0);

	if (r < 0)
		return dp_fail(r);
	ctx->store = dp_plan_store(ctx->plan);
	if (ctx->as)
		dp_plan_set_as(ctx->plan, ctx->as);
	return 0;
}

static struct dp_ctx *deferred_ctx;
static const struct dp_command *deferred_cmd;

/* argv only seemed to ask for --help: open the repository after all. */
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
		/* --help works anywhere, even outside a repository. */
		int wants_help = 0;

		for (int k = i + 1; k < argc; k++) {
			if (!strcmp(argv[k], "--"))
				break;
			if (!strcmp(argv[k], "-h") ||
			    !strcmp(argv[k], "--help") ||
			    !strcmp(argv[k], "--complete-opts"))
				wants_help = 1;
		}
		if (wants_help) {
			deferred_ctx = &ctx;
			deferred_cmd = cmd;
			dp_opt_ready = open_deferred;
		} else if ((status = open_repo(&ctx, cmd)) != 0) {
			goto out;
		}
	}
	status = cmd->fn(argc - i, argv + i, &ctx);
out:
	dp_plan_free(ctx.plan);
	dp_error_clear();
	return finish_stdout(status);
}
