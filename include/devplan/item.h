/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_ITEM_H
#define DEVPLAN_ITEM_H

#include <stddef.h>

#include "devplan/fm.h"

/*
 * Items of lists people add to over time (career-map directions, SWOT
 * entries, journal entries, agenda items) carry a short, stable `id`, so
 * that a merge can tell an item added on both sides from one changed.
 */
#define DP_ITEM_ID_LEN 6

/*
 * Writes a new id for an item of `seq` (a DP_SEQ of mappings, or NULL):
 * six hex digits of a hash (FNV-1a) of `text` and `date`, rehashed until
 * no item of `seq` has it already.
 */
void dp_item_id(char out[DP_ITEM_ID_LEN + 1], const char *text,
		const char *date, const struct dp_node *seq);

/*
 * The index of the item of `seq` that `which` names: its number from 1,
 * its id, or the start of its `key` field (case-insensitive). Returns 0,
 * or DP_ENOTFOUND / DP_EAMBIGUOUS with a message that names `what`.
 */
int dp_item_find(size_t *out, const struct dp_node *seq, const char *key,
		 const char *which, const char *what);

#endif
