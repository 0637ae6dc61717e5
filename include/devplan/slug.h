/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_SLUG_H
#define DEVPLAN_SLUG_H

#include "devplan/buf.h"

#define DP_SLUG_MAX 60 /* bytes, not counting a clash suffix */
#define DP_ID_MAX 64

/*
 * Makes an ASCII slug from a UTF-8 title in any script: Latin letters lose
 * their accents (é -> e, ß -> ss, æ -> ae), Greek and Cyrillic are
 * transliterated, everything else that is not a letter or digit becomes a
 * separator; lowercase, words joined by single '-', no leading or trailing
 * '-', at most DP_SLUG_MAX bytes, cut at a word boundary when possible.
 * A title with letters only from scripts that cannot be transliterated
 * (e.g. Chinese) becomes "goal-" plus 8 hex digits of a hash of the title.
 * Never empty, never "." or "..", never contains '/'.
 * DP_EINVALID (with a message) when the title is empty, only white space or
 * only punctuation, or not valid UTF-8.
 */
int dp_slugify(struct dp_buf *out, const char *title);

/*
 * Appends "-2", "-3", ... to `base` until exists(name, data) returns 0,
 * writing the first free name into `out`.
 */
int dp_slug_unique(struct dp_buf *out, const char *base,
		   int (*exists)(const char *name, void *data), void *data);

/*
 * Whether `id` is an acceptable identifier for a person, role or
 * competency (and a goal slug): 1..DP_ID_MAX bytes of [a-z0-9-_], starting
 * with a letter or digit, not ending in '-'. This allow-list is checked
 * before any path is built from user input. Returns 1 or 0.
 */
int dp_id_valid(const char *id);

#endif
