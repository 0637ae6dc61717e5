/* SPDX-License-Identifier: MIT */
/*
 * devplan check: validate every record of the repository, or the ones
 * named, and print the findings like a compiler (path:line:col: message).
 * The checking is the core's (dp_plan_check); this prints it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/check.h"
#include "devplan/json.h"
#include "devplan/merge.h"
#include "devplan/banned.h"

static const char *format;

static const struct dp_option opts[] = {
	OPT_STRING(0, "format", &format, "format", "text (default) or json"),
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"check",
	"[--format text|json] [<path>...]",
	"Validate records: all of them, or the records and folders named.",
	opts,
	0,
	DP_ARGS_ANY,
};

static void print_text(const struct dp_findings *f)
{
	dp_print_findings_to(stdout, f);
}

static struct dp_json *uint_or_null(unsigned v)
{
	return v ? dp_json_int(v) : dp_json_null();
}

static void print_json(const struct dp_findings *f)
{
	struct dp_json *root = dp_json_array();

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];
		struct dp_json *o = dp_json_object();

		dp_json_set(o, "path", dp_json_string(it->path));
		dp_json_set(o, "line", uint_or_null(it->line));
		dp_json_set(o, "column", uint_or_null(it->col));
		dp_json_set(o, "severity",
			    dp_json_string(it->severity == DP_SEV_ERROR
					       ? "error"
					       : "warning"));
		dp_json_set(o, "message", dp_json_string(it->message));
		dp_json_push(root, o);
	}
	dp_json_print(root);
	dp_json_free(root);
}

/* GitHub workflow command escaping: data, and properties (also : ,). */
static void gh_escape(struct dp_buf *out, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			dp_buf_adds(out, "%25");
		else if (*s == '\r')
			dp_buf_adds(out, "%0D");
		else if (*s == '\n')
			dp_buf_adds(out, "%0A");
		else if (property && *s == ':')
			dp_buf_adds(out, "%3A");
		else if (property && *s == ',')
			dp_buf_adds(out, "%2C");
		else
			dp_buf_addch(out, *s);
	}
}

/* ::error file=F,line=L,col=C::message (GitHub Actions annotations). */
/*
 * Control characters other than CR and LF (which the annotation format
 * encodes) as visible \xNN: an annotation ends up in a terminal too.
 */
static void no_controls(struct dp_buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\r' && *p != '\n') || *p == 0x7f)
			dp_buf_addf(out, "\\x%02x", *p);
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			dp_buf_addf(out, "\\u%04x", *++p);
		else
			dp_buf_addch(out, *p);
	}
}

static void print_github(const struct dp_findings *f)
{
	struct dp_buf line = DP_BUF_INIT, safe = DP_BUF_INIT;

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];

		dp_buf_reset(&line);
		dp_buf_adds(&line, it->severity == DP_SEV_ERROR ? "::error"
								: "::warning");
		dp_buf_adds(&line, " file=");
		dp_buf_reset(&safe);
		no_controls(&safe, it->path);
		gh_escape(&line, safe.ptr, 1);
		if (it->line)
			dp_buf_addf(&line, ",line=%u", it->line);
		if (it->col)
			dp_buf_addf(&line, ",col=%u", it->col);
		dp_buf_adds(&line, "::");
		dp_buf_reset(&safe);
		no_controls(&safe, it->message);
		gh_escape(&line, safe.ptr, 0);
		dp_buf_addch(&line, '\n');
		fwrite(line.ptr, 1, line.len, stdout);
	}
	dp_buf_release(&safe);
	dp_buf_release(&line);
}

/* FNV-1a, 64 bits, as 16 hex digits: a fingerprint stable across runs. */
static void fingerprint(char out[17], const struct dp_finding *it)
{
	unsigned long long h = 14695981039346656037ULL;
	struct dp_buf key = DP_BUF_INIT;

	dp_buf_addf(&key, "devplan\n%s\n%u\n%s", it->path, it->line,
		    it->message);
	for (size_t i = 0; i < key.len; i++) {
		h ^= (unsigned char)key.ptr[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", h);
	dp_buf_release(&key);
}

/* A GitLab Code Quality report (a JSON array of issues). */
static void print_codequality(const struct dp_findings *f)
{
	struct dp_json *root = dp_json_array();

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];
		struct dp_json *o = dp_json_object(), *loc = dp_json_object(),
			       *lines = dp_json_object();
		char fp[17];

		fingerprint(fp, it);
		dp_json_set(o, "description", dp_json_string(it->message));
		dp_json_set(o, "check_name", dp_json_string("devplan-check"));
		dp_json_set(o, "fingerprint", dp_json_string(fp));
		dp_json_set(o, "severity",
			    dp_json_string(it->severity == DP_SEV_ERROR
					       ? "major"
					       : "minor"));
		dp_json_set(loc, "path", dp_json_string(it->path));
		dp_json_set(lines, "begin",
			    dp_json_int(it->line ? it->line : 1));
		dp_json_set(loc, "lines", lines);
		dp_json_set(o, "location", loc);
		dp_json_push(root, o);
	}
	dp_json_print(root);
	dp_json_free(root);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

int cmd_check(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	size_t warnings, records = 0;
	char **args;
	int n, ret, status = 0, json = 0, github = 0, codequality = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (format && !strcmp(format, "json"))
		json = 1;
	else if (format && !strcmp(format, "github"))
		github = 1;
	else if (format && !strcmp(format, "codequality"))
		codequality = 1;
	else if (format && strcmp(format, "text"))
		return dp_usage_error(&spec, "unknown format '%s'", format);

	ret = dp_plan_check(ctx->plan, &f, args, (size_t)n, &records);
	if (ret < 0) {
		status = dp_fail(ret);
		goto out;
	}
	if (json)
		print_json(&f);
	else if (github)
		print_github(&f);
	else if (codequality)
		print_codequality(&f);
	else
		print_text(&f);
	warnings = f.len - f.errors;
	fflush(stdout);
	fprintf(stderr, "checked %zu %s: %zu %s, %zu %s\n", records,
		plural(records, "record", "records"), f.errors,
		plural(f.errors, "error", "errors"), warnings,
		plural(warnings, "warning", "warnings"));
	if (!dp_merge_driver_installed(ctx->store))
		fprintf(stderr,
			"hint: the devplan merge driver is not registered in "
			"this clone: run 'devplan merge-file --install'\n");
	status = f.errors ? 1 : 0;
out:
	dp_findings_release(&f);
	return status;
}
