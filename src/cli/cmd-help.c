/* SPDX-License-Identifier: MIT */
/*
 * devplan help: the list of commands, or one command's manual page (its
 * --help text when the page is not installed).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"help",
	"[<command>]",
	"Show the list of commands, or the manual page of one command.",
	opts,
	0,
	1,
};

/* 1 if `man -w <page>` finds the page; quiet. */
static int man_page_installed(const char *page)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execlp("man", "man", "-w", page, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int cmd_help(int argc, char **argv, struct dp_ctx *ctx)
{
	const struct dp_command *cmd;
	struct dp_buf page = DP_BUF_INIT;
	char *help_argv[3];
	char **args;
	int n, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0) {
		dp_main_usage(stdout);
		return 0;
	}
	cmd = dp_command_find(args[0]);
	if (!cmd) {
		dp_errorf("'%s' is not a devplan command; see 'devplan --help'",
			  args[0]);
		return 2;
	}
	dp_buf_addf(&page, "devplan-%s", cmd->name);
	if (man_page_installed(page.ptr)) {
		fflush(stdout);
		execlp("man", "man", page.ptr, (char *)NULL);
		/* man vanished in between: fall back to the --help text. */
	}
	help_argv[0] = (char *)cmd->name;
	help_argv[1] = (char *)"--help";
	help_argv[2] = NULL;
	status = cmd->fn(2, help_argv, ctx);
	dp_buf_release(&page);
	return status;
}
