/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CSV_H
#define DEVPLAN_CSV_H

#include <stddef.h>

/*
 * Spreadsheet exports (CSV and TSV), read with libcsv (the only module
 * that includes <csv.h>). Quoted cells may hold newlines, commas and
 * quotes; a UTF-8 byte order mark is skipped; CRLF and LF both end a
 * row; blank lines are skipped. Every row keeps the line of the file it
 * starts on, so messages can say "file:line:col" (col: the cell's
 * 1-based column number).
 *
 * Refused (DP_EINVALID / DP_ETOOBIG, dp_error_last() "path:line:col: ..."):
 * text over DP_CSV_MAX_FILE bytes, invalid UTF-8 or NUL bytes, more than
 * DP_CSV_MAX_CELLS cells in a row, a quote left open at the end.
 */
#define DP_CSV_MAX_FILE (4 * 1024 * 1024)
#define DP_CSV_MAX_CELLS 256

struct dp_csv_row {
	unsigned line; /* 1-based line where the row starts */
	size_t n;
	char **cells; /* NUL-terminated, as written (not trimmed) */
};

struct dp_csv {
	struct dp_csv_row *rows;
	size_t n;
	size_t alloc;
};
#define DP_CSV_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/*
 * The delimiter of `text` read from `path`: a tab for a name ending in
 * ".tsv" or a first line with tabs and no commas, else a comma.
 */
int dp_csv_sniff(const char *path, const char *text, size_t len);

/*
 * Parses `len` bytes of `text` with delimiter `delim` into `out`
 * (DP_CSV_INIT; release with dp_csv_release, also after a failure).
 */
int dp_csv_parse(struct dp_csv *out, const char *path, const char *text,
		 size_t len, int delim);
void dp_csv_release(struct dp_csv *csv);

#endif
