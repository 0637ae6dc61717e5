/* SPDX-License-Identifier: MIT */
/* devplan audit: every commit against the policy (dp_audit_run). */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "devplan/audit.h"
#include "devplan/banned.h"

static const char *range;
static int require_signed;
static const struct dp_option opts[] = {
	OPT_STRING(0, "range", &range, "old..new",
		   "check only these commits (default: all of HEAD's history)"),
	OPT_BOOL(0, "require-signed", &require_signed,
		 "only commits whose SSH or OpenPGP signature verifies count"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"audit",
	"[--range <old>..<new>]",
	"Check every commit that touched the plan against the policy of its "
	"time: who may change whose records. Works in a bare repository.",
	opts,
	0,
	DP_ARGS_NONE
};

int cmd_audit(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_history *h = NULL;
	struct dp_audit a;
	struct dp_buf line = DP_BUF_INIT;
	char **args;
	size_t i;
	int n, ret, status = 0;

	(void)ctx;
	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	memset(&a, 0, sizeof(a));
	if ((ret = dp_history_open(&h, NULL)) < 0 ||
	    (ret = dp_audit_run(&a, h, range,
				require_signed ? DP_AUDIT_REQUIRE_SIGNED : 0)) <
		0) {
		status = dp_fail(ret);
		goto out;
	}
	for (i = 0; i < a.len; i++) {
		dp_buf_reset(&line);
		dp_buf_addf(&line, "%.7s %s: %s", a.items[i].commit,
			    a.items[i].author, a.items[i].rule);
		dp_term_puts(stdout, line.ptr);
	}
	if (a.len) {
		printf("audit: %zu finding%s in %zu commit%s checked\n", a.len,
		       a.len == 1 ? "" : "s", a.checked,
		       a.checked == 1 ? "" : "s");
		status = 1;
	} else {
		printf("audit: %zu commit%s checked, all within the policy\n",
		       a.checked, a.checked == 1 ? "" : "s");
	}
	if (fflush(stdout) || ferror(stdout)) {
		dp_errorf("cannot write the output: %s", strerror(errno));
		status = 3;
	}
out:
	dp_buf_release(&line);
	dp_audit_release(&a);
	dp_history_free(h);
	return status;
}
