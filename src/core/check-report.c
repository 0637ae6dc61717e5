/* SPDX-License-Identifier: MIT */
/*
 * Check's findings in the forms CI reads (devplan/check-report.h): JSON,
 * GitHub Actions workflow commands and a GitLab Code Quality report.
 */
#include "devplan/check-report.h"

#include <stdio.h>

#include "devplan/util.h"
#include "devplan/banned.h"

static struct dp_json *uint_or_null(unsigned v)
{
	return v ? dp_json_int(v) : dp_json_null();
}

struct dp_json *dp_findings_json(const struct dp_findings *f)
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
	return root;
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

void dp_findings_github(struct dp_buf *out, const struct dp_findings *f)
{
	struct dp_buf safe = DP_BUF_INIT;

	for (size_t i = 0; i < f->len; i++) {
		const struct dp_finding *it = &f->items[i];

		dp_buf_adds(out, it->severity == DP_SEV_ERROR ? "::error"
							      : "::warning");
		dp_buf_adds(out, " file=");
		dp_buf_reset(&safe);
		no_controls(&safe, it->path);
		gh_escape(out, safe.ptr, 1);
		if (it->line)
			dp_buf_addf(out, ",line=%u", it->line);
		if (it->col)
			dp_buf_addf(out, ",col=%u", it->col);
		dp_buf_adds(out, "::");
		dp_buf_reset(&safe);
		no_controls(&safe, it->message);
		gh_escape(out, safe.ptr, 0);
		dp_buf_addch(out, '\n');
	}
	dp_buf_release(&safe);
}

/* FNV-1a, 64 bits, as 16 hex digits: a fingerprint stable across runs. */
static void fingerprint(char out[17], const struct dp_finding *it)
{
	struct dp_buf key = DP_BUF_INIT;

	dp_buf_addf(&key, "devplan\n%s\n%u\n%s", it->path, it->line,
		    it->message);
	snprintf(out, 17, "%016llx",
		 (unsigned long long)dp_fnv1a(key.ptr, key.len));
	dp_buf_release(&key);
}

struct dp_json *dp_findings_codequality(const struct dp_findings *f)
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
	return root;
}
