/* SPDX-License-Identifier: MIT */
/*
 * Usage lines are '\n'-separated; one that starts with a space continues
 * the line above, any other is an alternative ("or:").
 *
 * Option parsing from one declarative table per command (git's
 * parse-options, libgit2's cli_opt_spec): the same table drives parsing,
 * --help and the completion helper, so usage text never lives twice.
 */
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

/* dp_usage_error with a "hint: " line after the error. */
static int usage_error_hint(const struct dp_cmd_spec *spec, const char *hint,
			    const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int vusage_error(const struct dp_cmd_spec *spec, const char *hint,
			const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static int vusage_error(const struct dp_cmd_spec *spec, const char *hint,
			const char *fmt, va_list ap)
{
	struct dp_buf msg = DP_BUF_INIT;

	dp_buf_vaddf(&msg, fmt, ap);
	dp_errorf("%s", msg.ptr); /* escaped: it may quote argv */
	dp_buf_release(&msg);
	if (hint)
		fprintf(stderr, "hint: %s\n", hint);
	print_usage_lines(spec, stderr);
	fprintf(stderr, "Try 'devplan %s --help' for more.\n", spec->name);
	return 2;
}

int dp_usage_error(const struct dp_cmd_spec *spec, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vusage_error(spec, NULL, fmt, ap);
	va_end(ap);
	return r;
}

static int usage_error_hint(const struct dp_cmd_spec *spec, const char *hint,
			    const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vusage_error(spec, hint, fmt, ap);
	va_end(ap);
	return r;
}

static const char dash_hint[] =
    "use -- before an argument that starts with '-'";

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

/* "-12": a negative number, an argument unless a digit is an option. */
static int is_negative_number(const struct dp_cmd_spec *spec, const char *a)
{
	size_t n = count_opts(spec->opts);

	if (a[0] != '-' || !a[1] ||
	    strspn(a + 1, "0123456789") != strlen(a + 1))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (spec->opts[i].short_name >= '0' &&
		    spec->opts[i].short_name <= '9')
			return 0;
	return 1;
}

/* The n-th (from 0) required argument of the first usage line: "<goal>". */
static void required_arg_name(struct dp_buf *out,
			      const struct dp_cmd_spec *spec, int n)
{
	const char *p = spec->usage ? spec->usage : "";
	int depth = 0, after_opt = 0;

	while (*p) {
		size_t len = strcspn(p, " \n");
		int starts = depth;

		for (size_t i = 0; i < len; i++)
			depth += p[i] == '[' ? 1 : p[i] == ']' ? -1 : 0;
		if (!starts && p[0] == '<' && !after_opt && n-- == 0) {
			if (len > 3 && !strncmp(p + len - 3, "...", 3))
				len -= 3; /* "<field>=<value>..." */
			dp_buf_add(out, p, len);
			return;
		}
		after_opt = p[0] == '-' && !starts && depth == starts &&
			    !memchr(p, '|', len);
		p += len;
		if (*p == '\n' && p[1] != ' ')
			break; /* an alternative ("or:") starts */
		p += strspn(p, " \n");
	}
	dp_buf_adds(out, "arguments");
}

static void set_value(const struct dp_option *o, const char *arg)
{
	switch (o->type) {
	case DP_OPT_BOOL:
		*(int *)o->value = 1;
		break;
	case DP_OPT_STRING:
		*(const char **)o->value = arg;
		break;
	case DP_OPT_LIST:
		dp_strlist_push((struct dp_strlist *)o->value, arg);
		break;
	case DP_OPT_END:
		break;
	}
}

/*
 * The option "--<name>" (name is `len` bytes): an exact match, or the only
 * one it is a prefix of, like getopt_long. `*help` is set for --help.
 * Returns NULL with `*ambiguous` set when several options start so.
 */
static const struct dp_option *find_long(const struct dp_cmd_spec *spec,
					 const char *name, size_t len,
					 int *help, int *ambiguous)
{
	size_t n = count_opts(spec->opts), matches = 0;
	const struct dp_option *found = NULL;

	*help = *ambiguous = 0;
	for (size_t i = 0; i < n; i++) {
		const char *l = spec->opts[i].long_name;

		if (strncmp(l, name, len))
			continue;
		if (!l[len])
			return &spec->opts[i];
		found = &spec->opts[i];
		matches++;
	}
	if (!strncmp("help", name, len) && (len == 4 || !matches)) {
		*help = 1;
		return NULL;
	}
	*ambiguous = matches > 1;
	return matches == 1 ? found : NULL;
}

static const struct dp_option *find_short(const struct dp_cmd_spec *spec, int c)
{
	size_t n = count_opts(spec->opts);

	for (size_t i = 0; i < n; i++)
		if (spec->opts[i].short_name == c)
			return &spec->opts[i];
	return NULL;
}

/* Parses one "--name[=value]" at argv[*i]: 0, or a DP_OPT_* result. */
static int parse_long(const struct dp_cmd_spec *spec, int argc, char **argv,
		      int *i)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const struct dp_option *o;
	int help, ambiguous;

	if (!eq && !strcmp(a, "complete-opts")) {
		complete_opts(spec);
		return DP_OPT_HELP;
	}
	o = find_long(spec, a, len, &help, &ambiguous);
	if (help && !eq) {
		dp_opt_usage(spec, stdout);
		return DP_OPT_HELP;
	}
	if (!o) {
		if (ambiguous)
			dp_usage_error(spec, "ambiguous option '--%.*s'",
				       (int)len, a);
		else
			usage_error_hint(spec, dash_hint,
					 "unknown option '--%.*s'", (int)len,
					 a);
		return DP_OPT_USAGE;
	}
	if (!o->argh) {
		if (eq) {
			dp_usage_error(spec, "option '--%s' takes no value",
				       o->long_name);
			return DP_OPT_USAGE;
		}
		set_value(o, NULL);
	} else if (eq) {
		set_value(o, eq + 1);
	} else if (*i + 1 < argc) {
		set_value(o, argv[++*i]);
	} else {
		dp_usage_error(spec, "option '--%s' needs a value",
			       o->long_name);
		return DP_OPT_USAGE;
	}
	return 0;
}

/* Parses one "-abc" cluster at argv[*i]: 0, or a DP_OPT_* result. */
static int parse_short(const struct dp_cmd_spec *spec, int argc, char **argv,
		       int *i)
{
	for (const char *p = argv[*i] + 1; *p; p++) {
		const struct dp_option *o = find_short(spec, *p);

		if (*p == 'h' && !o) {
			dp_opt_usage(spec, stdout);
			return DP_OPT_HELP;
		}
		if (!o) {
			struct dp_buf name = DP_BUF_INIT;
			const char *q = p;

			/* the whole character, when it is not ASCII */
			do
				dp_buf_addch(&name, *q++);
			while ((*q & 0xC0) == 0x80);
			usage_error_hint(spec, dash_hint, "unknown option '%s'",
					 name.ptr);
			dp_buf_release(&name);
			return DP_OPT_USAGE;
		}
		if (!o->argh) {
			set_value(o, NULL);
			continue;
		}
		if (p[1]) {
			set_value(o, p + 1);
		} else if (*i + 1 < argc) {
			set_value(o, argv[++*i]);
		} else {
			dp_usage_error(spec, "option '-%c' needs a value", *p);
			return DP_OPT_USAGE;
		}
		break;
	}
	return 0;
}

/* The number of arguments against spec->min_args / max_args. */
static int check_arity(const struct dp_cmd_spec *spec, int npos)
{
	struct dp_buf name = DP_BUF_INIT;

	if (!spec->min_args && !spec->max_args)
		return 0; /* not declared: the command checks */
	if (npos < spec->min_args) {
		required_arg_name(&name, spec, npos);
		dp_usage_error(spec, "missing %s", name.ptr);
		dp_buf_release(&name);
		return DP_OPT_USAGE;
	}
	if ((spec->max_args == DP_ARGS_NONE && npos > 0) ||
	    (spec->max_args > 0 && npos > spec->max_args)) {
		dp_usage_error(spec, "too many arguments");
		return DP_OPT_USAGE;
	}
	return 0;
}

int dp_opt_parse(const struct dp_cmd_spec *spec, int argc, char **argv,
		 char ***rest)
{
	/* Positionals are gathered in place at the front of argv + 1. */
	char **pos = argv + 1;
	int npos = 0, ret = 0, i;

	for (i = 1; i < argc && !ret; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || !a[1] || is_negative_number(spec, a))
			pos[npos++] = argv[i];
		else if (a[1] == '-')
			ret = parse_long(spec, argc, argv, &i);
		else
			ret = parse_short(spec, argc, argv, &i);
	}
	if (ret)
		return ret;
	/* After "--" the rest are positionals. */
	for (; i < argc; i++)
		pos[npos++] = argv[i];
	*rest = pos;
	if ((ret = check_arity(spec, npos)) != 0)
		return ret;
	if (dp_opt_ready && (ready_status = dp_opt_ready()) != 0)
		return DP_OPT_FAIL;
	return npos;
}
