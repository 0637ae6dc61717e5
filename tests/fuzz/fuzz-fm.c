/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the record layer: parse any bytes as a record with
 * front matter and, when that succeeds, make the edits devplan makes
 * (set a scalar, append an action, remove a key) and check that each
 * either fails leaving the text as it was or keeps the body byte for byte.
 *   meson setup build-fuzz -Dfuzz=true (with CC=clang)
 *   ninja -C build-fuzz tests/fuzz/fuzz-fm
 *   ./build-fuzz/tests/fuzz/fuzz-fm tests/fuzz/corpus-fm -max_total_time=60
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/fm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_edit(struct dp_doc *doc, int ret, const char *before,
		       size_t before_len, const char *body, size_t body_len)
{
	size_t len;
	const char *now = dp_doc_body(doc, &len);

	if (ret < 0) {
		/* A failed edit leaves the text exactly as it was. */
		if (doc->text.len != before_len ||
		    memcmp(doc->text.ptr, before, before_len))
			abort();
		return;
	}
	/* A successful one never touches the body. */
	if (len != body_len || memcmp(now, body, body_len))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "title", "done" };
	struct dp_value vals[2] = { DP_VTEXT("Read: the book, ch. 1-8"),
				    DP_VTYPED("false") };
	struct dp_value item = { DP_MAP, NULL, 0, 2, keys, vals };
	struct dp_doc doc = DP_DOC_INIT;
	char *before = NULL, *body = NULL;
	size_t before_len, body_len;
	const char *b;
	int ret;

	if (dp_doc_parse(&doc, "fuzz.md", (const char *)data, size,
			 DP_DOC_FRONT_MATTER) < 0)
		return 0;
	b = dp_doc_body(&doc, &body_len);
	body = malloc(body_len + 1);
	memcpy(body, b, body_len);

#define EDIT(call)                                                             \
	do {                                                                   \
		free(before);                                                  \
		before_len = doc.text.len;                                     \
		before = malloc(before_len + 1);                               \
		memcpy(before, doc.text.ptr, before_len);                      \
		ret = (call);                                                  \
		check_edit(&doc, ret, before, before_len, body, body_len);     \
	} while (0)

	EDIT(dp_doc_set_text(&doc, "title", "yes: a # title"));
	EDIT(dp_doc_set_typed(&doc, "progress", "40"));
	EDIT(dp_doc_append(&doc, "actions", &item));
	EDIT(dp_doc_set_typed(&doc, "actions[0].done", "true"));
	EDIT(dp_doc_remove(&doc, "due"));
	EDIT(dp_doc_set_text(&doc, "new-key", ""));

	free(before);
	free(body);
	dp_doc_release(&doc);
	return 0;
}
