/* SPDX-License-Identifier: MIT */
/* CSV and TSV through libcsv: rows of cells, each row with its line. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/csv.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/util.h"
#include "devplan/banned.h"

struct reader {
	struct dp_csv *out;
	const char *path;
	struct dp_strlist cells; /* the row being read */
	unsigned line;           /* line of the byte being fed */
	unsigned row_line;       /* line where the current row started */
	int row_open;            /* a byte of the current row was seen */
	int too_wide;
};

static void on_cell(void *data, size_t len, void *priv)
{
	struct reader *r = priv;

	if (r->cells.len >= DP_CSV_MAX_CELLS) {
		r->too_wide = 1;
		return;
	}
	/* CSV_APPEND_NULL: data is NUL-terminated (NULL for an empty cell). */
	dp_strlist_push(&r->cells, data ? (const char *)data : "");
	(void)len;
}

static void on_row(int c, void *priv)
{
	struct reader *r = priv;
	struct dp_csv *out = r->out;
	struct dp_csv_row *row;

	(void)c;
	if (out->n == out->alloc) {
		out->alloc = out->alloc ? 2 * out->alloc : 64;
		out->rows =
		    dp_xrealloc(out->rows, out->alloc * sizeof(*out->rows));
	}
	row = &out->rows[out->n++];
	row->line = r->row_line;
	row->n = r->cells.len;
	row->cells = r->cells.items;
	r->cells.items = NULL;
	r->cells.len = r->cells.alloc = 0;
	r->row_open = 0;
}

int dp_csv_sniff(const char *path, const char *text, size_t len)
{
	size_t tabs = 0, commas = 0;

	if (path && dp_ends_with(path, ".tsv"))
		return '\t';
	for (size_t i = 0; i < len && text[i] != '\n'; i++) {
		tabs += text[i] == '\t';
		commas += text[i] == ',';
	}
	return tabs && !commas ? '\t' : ',';
}

int dp_csv_parse(struct dp_csv *out, const char *path, const char *text,
		 size_t len, int delim)
{
	struct csv_parser p;
	struct reader r = { out, path, DP_STRLIST_INIT, 1, 1, 0, 0 };
	unsigned bad_line;
	int ret = 0;

	if (len > DP_CSV_MAX_FILE) {
		dp_error_set("'%s' is too large (%zu bytes; at most %d)", path,
			     len, DP_CSV_MAX_FILE);
		return DP_ETOOBIG;
	}
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	if (dp_utf8_check(text, len, &bad_line) < 0) {
		dp_error_set_at(path, bad_line, 1,
				"not valid UTF-8 text (or a NUL byte)");
		return DP_EINVALID;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
			     CSV_EMPTY_IS_NULL) != 0) {
		dp_error_set("cannot set up the CSV reader");
		return DP_EIO;
	}
	csv_set_delim(&p, (unsigned char)delim);
	/*
	 * Fed a byte at a time so each row knows the line it starts on:
	 * libcsv calls back only at the end of a cell or row.
	 */
	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (!r.row_open && c != '\n' && c != '\r') {
			r.row_open = 1;
			r.row_line = r.line;
		}
		if (csv_parse(&p, &text[i], 1, on_cell, on_row, &r) != 1) {
			dp_error_set_at(path, r.line, 1, "%s",
					csv_strerror(csv_error(&p)));
			ret = DP_EINVALID;
			goto out;
		}
		if (r.too_wide) {
			dp_error_set_at(path, r.row_line, DP_CSV_MAX_CELLS + 1,
					"more than %d columns",
					DP_CSV_MAX_CELLS);
			ret = DP_ETOOBIG;
			goto out;
		}
		if (c == '\n')
			r.line++;
	}
	if (csv_fini(&p, on_cell, on_row, &r) != 0) {
		dp_error_set_at(path, r.row_line, 1,
				"a quoted cell is not closed before the end "
				"of the file");
		ret = DP_EINVALID;
	} else if (r.too_wide) {
		dp_error_set_at(path, r.row_line, DP_CSV_MAX_CELLS + 1,
				"more than %d columns", DP_CSV_MAX_CELLS);
		ret = DP_ETOOBIG;
	}
out:
	csv_free(&p);
	dp_strlist_release(&r.cells);
	return ret;
}

void dp_csv_release(struct dp_csv *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->n; i++) {
		for (size_t j = 0; j < csv->rows[i].n; j++)
			free(csv->rows[i].cells[j]);
		free(csv->rows[i].cells);
	}
	free(csv->rows);
	csv->rows = NULL;
	csv->n = csv->alloc = 0;
}
