/* SPDX-License-Identifier: MIT */
/*
 * devplan check: validate every record of the repository, or the ones
 * named, and print the findings like a compiler (path:line:col: message).
 * The checking is the core's (dp_plan_check); this prints it.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "devplan/check.h"
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
};

static void print_text(const struct dp_findings *f)
{
	struct dp_buf line = DP_BUF_INIT;

	for (size_t i = 0; i < f->len; i++) {
		dp_buf_reset(&line);
		dp_finding_format(&line, &f->items[i]);
		dp_buf_addch(&line, '\n');
		fwrite(line.ptr, 1, line.len, stdout);
	}
	dp_buf_release(&line);
}

static json_t *uint_or_null(unsigned v)
{
	return v ? json_integer(v) : json_null();
}

static void print_json(const struct dp_findings *f)
{
	json_t *root = json_array();

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];
		json_t *o = json_object();

		json_object_set_new(o, "path", json_string(it->path));
		json_object_set_new(o, "line", uint_or_null(it->line));
		json_object_set_new(o, "column", uint_or_null(it->col));
		json_object_set_new(o, "severity",
				    json_string(it->severity == DP_SEV_ERROR
						    ? "error"
						    : "warning"));
		json_object_set_new(o, "message", json_string(it->message));
		json_array_append_new(root, o);
	}
	dp_json_print(root);
	json_decref(root);
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
static void print_github(const struct dp_findings *f)
{
	struct dp_buf line = DP_BUF_INIT;

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];

		dp_buf_reset(&line);
		dp_buf_adds(&line, it->severity == DP_SEV_ERROR ? "::error"
								: "::warning");
		dp_buf_adds(&line, " file=");
		gh_escape(&line, it->path, 1);
		if (it->line)
			dp_buf_addf(&line, ",line=%u", it->line);
		if (it->col)
			dp_buf_addf(&line, ",col=%u", it->col);
		dp_buf_adds(&line, "::");
		gh_escape(&line, it->message, 0);
		dp_buf_addch(&line, '\n');
		fwrite(line.ptr, 1, line.len, stdout);
	}
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
	json_t *root = json_array();

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];
		json_t *o = json_object(), *loc = json_object(),
		       *lines = json_object();
		char fp[17];

		fingerprint(fp, it);
		json_object_set_new(o, "description", json_string(it->message));
		json_object_set_new(o, "check_name",
				    json_string("devplan-check"));
		json_object_set_new(o, "fingerprint", json_string(fp));
		json_object_set_new(o, "severity",
				    json_string(it->severity == DP_SEV_ERROR
						    ? "major"
						    : "minor"));
		json_object_set_new(loc, "path", json_string(it->path));
		json_object_set_new(lines, "begin",
				    json_integer(it->line ? it->line : 1));
		json_object_set_new(loc, "lines", lines);
		json_object_set_new(o, "location", loc);
		json_array_append_new(root, o);
	}
	dp_json_print(root);
	json_decref(root);
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
	status = f.errors ? 1 : 0;
out:
	dp_findings_release(&f);
	return status;
}
