/* SPDX-License-Identifier: MIT */
/* What commands share: running the plan's transactions, the editor. */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/date.h"
#include "devplan/layout.h"
#include "devplan/banned.h"

int dp_run_edit(struct dp_ctx *ctx, struct dp_edit *e)
{
	int ret;

	e->findings = (struct dp_findings)DP_FINDINGS_INIT;
	ret = dp_plan_edit(ctx->plan, e);
	dp_print_findings(&e->findings);
	dp_findings_release(&e->findings);
	if (ret < 0)
		return dp_fail(ret);
	if (!e->changed)
		fprintf(stderr, "nothing to change in '%s'\n", e->ref.path);
	return 0;
}

int dp_run_create(struct dp_ctx *ctx, const struct dp_ref *ref,
		  const struct dp_doc *doc, struct dp_msg *msg,
		  enum dp_right right)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	int ret = dp_plan_create(ctx->plan, ref, doc, msg, right, &f);

	dp_print_findings(&f);
	dp_findings_release(&f);
	return ret < 0 ? dp_fail(ret) : 0;
}

int dp_run_resolve(struct dp_ctx *ctx, struct dp_ref *out, const char *name,
		   enum dp_kind want)
{
	int ret = dp_plan_resolve(ctx->plan, out, name, want);

	return ret < 0 ? dp_fail(ret) : 0;
}

int dp_run_person(struct dp_ctx *ctx, const char **out, const char *given)
{
	int ret;

	if (given) {
		ret = dp_plan_person_check(ctx->plan, given);
		*out = given;
	} else {
		ret = dp_plan_whoami(ctx->plan, out);
	}
	return ret < 0 ? dp_fail(ret) : 0;
}

int dp_run_person_edit(struct dp_ctx *ctx, enum dp_kind kind,
		       const char *person,
		       int (*edit)(struct dp_plan *, const struct dp_ref *,
				   struct dp_doc *, struct dp_msg *, void *),
		       void *data)
{
	struct dp_edit e = { .right = DP_RIGHT_WRITE, .edit = edit };
	int ret;

	ret = dp_layout_ref(&e.ref, dp_plan_layout(ctx->plan), kind, person,
			    NULL);
	if (ret < 0)
		return dp_fail(ret);
	e.data = data;
	e.create = 1;
	return dp_run_edit(ctx, &e);
}

int dp_run_today(char out[11])
{
	struct dp_date today;
	int ret = dp_date_today(&today);

	if (ret < 0)
		return dp_fail(ret);
	dp_date_format(out, &today);
	return 0;
}

int dp_launch_editor(struct dp_ctx *ctx, const char *file)
{
	struct dp_buf cmd = DP_BUF_INIT, cfg = DP_BUF_INIT;
	const char *editor = getenv("VISUAL");
	void (*old_int)(int), (*old_quit)(int);
	int ret = 0, status;
	pid_t pid;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if ((!editor || !*editor) &&
	    dp_store_config_get(&cfg, ctx->store, "core.editor") == 0)
		editor = cfg.ptr;
	if (!editor || !*editor)
		editor = "vi";
	dp_buf_addf(&cmd, "%s \"$@\"", editor);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		dp_error_set_errno("cannot start the editor '%s'", editor);
		ret = DP_EIO;
		goto out;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd.ptr, editor, file,
		      (char *)NULL);
		_exit(127);
	}
	/* Like git: ^C in the editor is the editor's, not ours. */
	old_int = signal(SIGINT, SIG_IGN);
	old_quit = signal(SIGQUIT, SIG_IGN);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	signal(SIGINT, old_int);
	signal(SIGQUIT, old_quit);
	if (status != 0) {
		dp_error_set("the editor '%s' failed; nothing was changed",
			     editor);
		ret = DP_EIO;
	}
out:
	dp_buf_release(&cfg);
	dp_buf_release(&cmd);
	return ret;
}

int dp_format_json(const struct dp_cmd_spec *spec, const char *format,
		   const char *plain, int *json)
{
	*json = format && !strcmp(format, "json");
	if (format && !*json && strcmp(format, plain))
		return dp_usage_error(spec, "unknown format '%s'", format);
	return 0;
}

int dp_run_view_head(struct dp_ctx *ctx, const struct dp_cmd_spec *spec,
		     int argc, char **argv, const char *const *format,
		     const char *plain, int *json, const char **person,
		     int *status)
{
	char **args;
	int n = dp_opt_parse(spec, argc, argv, &args);

	if (n < 0) {
		*status = dp_opt_exit(n);
		return -1;
	}
	*status = dp_format_json(spec, *format, plain, json);
	if (*status)
		return -1;
	*status = dp_run_person(ctx, person, n ? args[0] : NULL);
	return *status ? -1 : 0;
}
