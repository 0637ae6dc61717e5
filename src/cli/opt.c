/* SPDX-License-Identifier: MIT */
/*
 * Usage lines are '\n'-separated; one that starts with a space continues
 * the line above, any other is an alternative ("or:").
 *
 * Option parsing from one declarative table per command (git's
 * parse-options, libgit2's cli_opt_spec): the same table drives parsing,
 * --help and the completion helper, so usage text never lives twice.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

static size_t count_opts(const struct dp_option *opts)
{
	size_t n = 0;

	while (opts && opts[n].type != DP_OPT_END)
		n++;
	return n;
}

static void print_usage_lines(const struct dp_cmd_spec *spec, FILE *fp)
{
	const char *p = spec->usage;
	int first = 1;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (*p == ' ') { /* a continuation of the line above */
			size_t sp = strspn(p, " ");

			fprintf(fp, "%*s%.*s\n",
				(int)(strlen("usage: devplan  ") +
				      strlen(spec->name)),
				"", (int)(len - sp), p + sp);
		} else
			fprintf(fp, "%s devplan %s %.*s\n",
				first ? "usage:" : "   or:", spec->name,
				(int)len, p);
		first = 0;
		p += len + (nl ? 1 : 0);
	}
	if (first)
		fprintf(fp, "usage: devplan %s\n", spec->name);
}

void dp_opt_usage(const struct dp_cmd_spec *spec, FILE *fp)
{
	size_t n = count_opts(spec->opts);

	print_usage_lines(spec, fp);
	if (spec->summary)
		fprintf(fp, "\n%s\n", spec->summary);
	fputc('\n', fp);
	for (size_t i = 0; i < n; i++) {
		const struct dp_option *o = &spec->opts[i];
		struct dp_buf left = DP_BUF_INIT;

		if (o->short_name)
			dp_buf_addf(&left, "-%c, ", o->short_name);
		else
			dp_buf_adds(&left, "    ");
		dp_buf_addf(&left, "--%s", o->long_name);
		if (o->argh)
			dp_buf_addf(&left, " <%s>", o->argh);
		if (left.len < 26)
			fprintf(fp, "    %-26s%s%s\n", left.ptr, o->help,
				o->type == DP_OPT_LIST ? " (repeatable)" : "");
		else
			fprintf(fp, "    %s\n    %-26s%s%s\n", left.ptr, "",
				o->help,
				o->type == DP_OPT_LIST ? " (repeatable)" : "");
		dp_buf_release(&left);
	}
	fprintf(fp, "    %-26s%s\n", "-h, --help", "show this help");
}

int dp_usage_error(const struct dp_cmd_spec *spec, const char *fmt, ...)
{
	struct dp_buf msg = DP_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dp_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	dp_errorf("%s", msg.ptr); /* escaped: it may quote argv */
	dp_buf_release(&msg);
	print_usage_lines(spec, stderr);
	fprintf(stderr, "Try 'devplan %s --help' for more.\n", spec->name);
	return 2;
}

int (*dp_opt_ready)(void);
static int ready_status;

int dp_opt_exit(int r)
{
	if (r == DP_OPT_FAIL)
		return ready_status;
	return r == DP_OPT_HELP ? 0 : 2;
}

static void complete_opts(const struct dp_cmd_spec *spec)
{
	size_t n = count_opts(spec->opts);

	for (size_t i = 0; i < n; i++)
		printf("--%s%s\n", spec->opts[i].long_name,
		       spec->opts[i].argh ? "=" : "");
	printf("--help\n");
}

int dp_opt_parse(const struct dp_cmd_spec *spec, int argc, char **argv,
		 char ***rest)
{
	size_t n = count_opts(spec->opts);
	struct option *longs = dp_xcalloc(n + 3, sizeof(*longs));
	struct dp_buf shorts = DP_BUF_INIT;
	int ret, c, idx;

	/* Leading '-': non-options come back as argument 1, in order. */
	dp_buf_adds(&shorts, "-:h");
	for (size_t i = 0; i < n; i++) {
		const struct dp_option *o = &spec->opts[i];

		longs[i].name = o->long_name;
		longs[i].has_arg = o->argh ? required_argument : no_argument;
		longs[i].val = 256 + (int)i;
		if (o->short_name) {
			dp_buf_addch(&shorts, o->short_name);
			if (o->argh)
				dp_buf_addch(&shorts, ':');
		}
	}
	longs[n].name = "help";
	longs[n].val = 'h';
	longs[n + 1].name = "complete-opts";
	longs[n + 1].val = 1000;

	/* Positionals are gathered in place at the front of argv + 1. */
	int npos = 0;
	char **pos = argv + 1;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, shorts.ptr, longs, &idx)) != -1) {
		const struct dp_option *o = NULL;

		if (c == 1) {
			pos[npos++] = optarg;
			continue;
		}
		if (c == 'h') {
			dp_opt_usage(spec, stdout);
			ret = DP_OPT_HELP;
			goto out;
		}
		if (c == 1000) {
			complete_opts(spec);
			ret = DP_OPT_HELP;
			goto out;
		}
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];

			if (c == ':')
				dp_usage_error(
				    spec, "option '%s' needs a value", bad);
			else
				dp_usage_error(spec, "unknown option '%s'",
					       bad);
			ret = DP_OPT_USAGE;
			goto out;
		}
		if (c >= 256 && c < 256 + (int)n) {
			o = &spec->opts[c - 256];
		} else {
			for (size_t i = 0; i < n; i++)
				if (spec->opts[i].short_name == c)
					o = &spec->opts[i];
		}
		if (!o) {
			dp_usage_error(spec, "unknown option");
			ret = DP_OPT_USAGE;
			goto out;
		}
		switch (o->type) {
		case DP_OPT_BOOL:
			*(int *)o->value = 1;
			break;
		case DP_OPT_STRING:
			*(const char **)o->value = optarg;
			break;
		case DP_OPT_LIST:
			dp_strlist_push((struct dp_strlist *)o->value, optarg);
			break;
		case DP_OPT_END:
			break;
		}
	}
	/* After "--" getopt stops: the rest are positionals. */
	for (int i = optind; i < argc; i++)
		pos[npos++] = argv[i];
	*rest = pos;
	ret = npos;
	if (dp_opt_ready && (ready_status = dp_opt_ready()) != 0)
		ret = DP_OPT_FAIL;
out:
	free(longs);
	dp_buf_release(&shorts);
	return ret;
}
