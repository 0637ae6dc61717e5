/* SPDX-License-Identifier: MIT */
/*
 * A text table too long to hold: rows go to a temporary file as they
 * come, with the width of each cell, and are printed once the widest
 * cell of every column is known. The text is what dp_table_print gives.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

int dp_stream_table_init(struct dp_stream_table *t, size_t cols)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	t->width = dp_xcalloc(cols, sizeof(*t->width));
	t->max_width = dp_xcalloc(cols, sizeof(*t->max_width));
	if ((t->spill = tmpfile()))
		return 0;
	dp_error_set_errno("cannot create a temporary file");
	return DP_EIO;
}

/*
 * One row, one line: for each cell "<colour>\t<width>\t<cell escaped>\t"
 * (escaped text holds no tab nor newline).
 */
int dp_stream_table_add(struct dp_stream_table *t, const char *const *colors,
			const char *const *cells)
{
	struct dp_buf line = DP_BUF_INIT, shown = DP_BUF_INIT;

	for (size_t i = 0; i < t->cols; i++) {
		size_t cw;

		dp_buf_reset(&shown);
		cw = dp_term_escape_width(&shown, cells[i], t->max_width[i]);
		if (cw > t->width[i])
			t->width[i] = cw;
		dp_buf_addf(&line, "%s\t%zu\t%s\t",
			    colors && colors[i] ? colors[i] : "", cw,
			    shown.ptr ? shown.ptr : "");
	}
	dp_buf_addch(&line, '\n');
	fwrite(line.ptr, 1, line.len, t->spill);
	t->rows++;
	dp_buf_release(&shown);
	dp_buf_release(&line);
	if (!ferror(t->spill))
		return 0;
	dp_error_set_errno("cannot write a temporary file");
	return DP_EIO;
}

void dp_stream_table_print(struct dp_stream_table *t, FILE *fp)
{
	char *line = NULL, *p, *color, *cell;
	size_t cap = 0, cw;

	rewind(t->spill);
	while (getline(&line, &cap, t->spill) > 0) {
		p = line;
		for (size_t i = 0; i < t->cols; i++) {
			color = p;
			p = strchr(p, '\t');
			*p = '\0';
			cw = strtoul(p + 1, &p, 10);
			cell = p + 1;
			p = strchr(cell, '\t');
			*p++ = '\0';
			if (*color)
				fprintf(fp, "\033[%sm%s\033[m", color, cell);
			else
				fputs(cell, fp);
			for (; i + 1 < t->cols && cw < t->width[i] + 2; cw++)
				fputc(' ', fp);
		}
		fputc('\n', fp);
	}
	free(line);
}

void dp_stream_table_release(struct dp_stream_table *t)
{
	if (t->spill)
		fclose(t->spill);
	free(t->width);
	free(t->max_width);
	memset(t, 0, sizeof(*t));
}
