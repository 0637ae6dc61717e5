/* SPDX-License-Identifier: MIT */
/* Stable ids of list items, and finding an item by what the user typed. */
#include "devplan/item.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "devplan/error.h"
#include "devplan/util.h"
#include "devplan/banned.h"

static uint32_t fnv1a(uint32_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	return h;
}

static int id_taken(const struct dp_node *seq, const char *id)
{
	for (size_t i = 0; seq && seq->type == DP_SEQ && i < seq->n; i++) {
		const struct dp_node *n = dp_node_get(seq->items[i], "id");

		if (n && n->type == DP_SCALAR && !strcmp(n->str, id))
			return 1;
	}
	return 0;
}

void dp_item_id(char out[DP_ITEM_ID_LEN + 1], const char *text,
		const char *date, const struct dp_node *seq)
{
	uint32_t h = fnv1a(2166136261u, date ? date : "");

	h = fnv1a(h ^ 0x1fu, text ? text : "");
	for (;;) {
		snprintf(out, DP_ITEM_ID_LEN + 1, "%06x",
			 (unsigned)(h & 0xffffffu));
		if (!id_taken(seq, out))
			break;
		h = fnv1a(h, out);
	}
}

int dp_item_find(size_t *out, const struct dp_node *seq, const char *key,
		 const char *which, const char *what)
{
	size_t n = seq && seq->type == DP_SEQ ? seq->n : 0, found = 0;
	size_t len = strlen(which);
	long num;

	if (!len)
		goto none;
	if (dp_parse_long(which, 1, LONG_MAX, &num) == 0) {
		if ((size_t)num > n)
			goto none;
		*out = (size_t)num - 1;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct dp_node *id = dp_node_get(seq->items[i], "id");

		if (id && id->type == DP_SCALAR && !strcmp(id->str, which)) {
			*out = i;
			return 0;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct dp_node *t = dp_node_get(seq->items[i], key);

		if (!t || t->type != DP_SCALAR ||
		    strncasecmp(t->str, which, len))
			continue;
		*out = i;
		found++;
	}
	if (found == 1)
		return 0;
	if (found > 1) {
		dp_error_set("'%s' matches %zu %s; give its number", which,
			     found, what);
		return DP_EAMBIGUOUS;
	}
none:
	dp_error_set("no %s '%s' (%zu in all)", what, which, n);
	return DP_ENOTFOUND;
}
