/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_UTIL_H
#define DEVPLAN_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Allocation wrappers: they never return NULL, they abort on exhaustion. */
void *dp_xmalloc(size_t size);
void *dp_xcalloc(size_t n, size_t size);
void *dp_xrealloc(void *ptr, size_t size);
char *dp_xstrdup(const char *s);
char *dp_xstrndup(const char *s, size_t n);

#define DP_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A list of heap strings, owned by the list. */
struct dp_strlist {
	char **items;
	size_t len;
	size_t alloc;
};
#define DP_STRLIST_INIT                                                        \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* Appends a copy of `s`. */
void dp_strlist_push(struct dp_strlist *list, const char *s);
void dp_strlist_sort(struct dp_strlist *list);
int dp_strlist_has(const struct dp_strlist *list, const char *s);
void dp_strlist_release(struct dp_strlist *list);

/*
 * Parses a whole decimal integer in [min, max] (strtol, errno and end
 * pointer checked). Returns 0, or -1 when `s` is not such a number.
 */
int dp_parse_long(const char *s, long min, long max, long *out);

int dp_starts_with(const char *s, const char *prefix);
/* FNV-1a, 64 bits, of `len` bytes: for hash tables and stable names. */
uint64_t dp_fnv1a(const void *data, size_t len);
int dp_ends_with(const char *s, const char *suffix);

#endif
