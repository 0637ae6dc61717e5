/* SPDX-License-Identifier: MIT */
/*
 * devplan merge-file: git's merge driver for records (the three-way merge
 * is the core's, dp_merge_text), and --install to register it in a clone.
 *   devplan merge-file %O %A %B %P
 * writes the result to %A and exits 0, or on a conflict leaves %A as
 * OURS, reports the conflict key by key on stderr and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "devplan/merge.h"
#include "devplan/banned.h"

static int install;
static const struct dp_option opts[] = {
	OPT_BOOL(0, "install", &install,
		 "register the driver in this repository's config"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"merge-file",
	"<base> <ours> <theirs> [<path>]\n--install",
	"Merge three versions of a record (git's merge driver), or register "
	"the driver.",
	opts,
	0,
	4
};

static int read_file(struct dp_buf *out, const char *path)
{
	char chunk[8192];
	size_t n;
	FILE *fp = fopen(path, "rb");

	if (!fp) {
		dp_errorf("cannot read '%s': %s", path, strerror(errno));
		return 3;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		dp_buf_add(out, chunk, n);
	if (ferror(fp)) {
		dp_errorf("cannot read '%s': %s", path, strerror(errno));
		fclose(fp);
		return 3;
	}
	fclose(fp);
	return 0;
}

static int write_file(const char *path, const struct dp_buf *text)
{
	FILE *fp = fopen(path, "wb");

	if (!fp || fwrite(text->ptr, 1, text->len, fp) != text->len ||
	    fclose(fp)) {
		dp_errorf("cannot write '%s': %s", path, strerror(errno));
		return 3;
	}
	return 0;
}

static int run_install(void)
{
	struct dp_store *st = NULL;
	int ret = dp_store_open(&st, NULL);

	if (ret == 0)
		ret = dp_merge_driver_install(st);
	dp_store_free(st);
	if (ret < 0)
		return dp_fail(ret);
	printf("registered the devplan merge driver: merge.devplan.driver = "
	       "%s\n",
	       DP_MERGE_DRIVER_CMD);
	return 0;
}

int cmd_merge_file(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf base = DP_BUF_INIT, ours = DP_BUF_INIT,
		      theirs = DP_BUF_INIT, report = DP_BUF_INIT;
	struct dp_merge m = DP_MERGE_INIT;
	const char *path;
	char **args;
	int n, status;

	(void)ctx;
	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (install) {
		if (n)
			return dp_usage_error(&spec,
					      "--install takes no arguments");
		return run_install();
	}
	if (n < 3 || n > 4)
		return dp_usage_error(&spec, "give the base, ours, theirs and "
					     "the path");
	path = n == 4 ? args[3] : args[1];
	if ((status = read_file(&base, args[0])) != 0 ||
	    (status = read_file(&ours, args[1])) != 0 ||
	    (status = read_file(&theirs, args[2])) != 0)
		goto out;
	if (dp_merge_text(&m, path, base.ptr, base.len, ours.ptr, ours.len,
			  theirs.ptr, theirs.len) == 0) {
		status = write_file(args[1], &m.text);
		goto out;
	}
	/* A conflict: %A stays OURS, the conflict goes to stderr. */
	dp_merge_report(&report, path, &m);
	fputs(report.ptr, stderr);
	fprintf(stderr,
		"devplan: %s: %zu conflict%s: edit the file to settle %s, "
		"then 'git add' it\n",
		path, m.nconflicts, m.nconflicts == 1 ? "" : "s",
		m.nconflicts == 1 ? "it" : "them");
	status = 1;
out:
	dp_merge_release(&m);
	dp_buf_release(&report);
	dp_buf_release(&base);
	dp_buf_release(&ours);
	dp_buf_release(&theirs);
	return status;
}
