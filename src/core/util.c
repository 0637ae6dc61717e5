/* SPDX-License-Identifier: MIT */
#include "devplan/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/banned.h"

static void *check(void *p)
{
	if (!p)
		abort();
	return p;
}

void *dp_xmalloc(size_t size)
{
	return check(malloc(size ? size : 1));
}

void *dp_xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *dp_xrealloc(void *ptr, size_t size)
{
	return check(realloc(ptr, size ? size : 1));
}

char *dp_xstrdup(const char *s)
{
	return check(strdup(s));
}

char *dp_xstrndup(const char *s, size_t n)
{
	char *p = dp_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void dp_strlist_push(struct dp_strlist *list, const char *s)
{
	if (list->len == list->alloc) {
		list->alloc = list->alloc ? list->alloc * 2 : 8;
		list->items = dp_xrealloc(list->items,
					  list->alloc * sizeof(*list->items));
	}
	list->items[list->len++] = dp_xstrdup(s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dp_strlist_sort(struct dp_strlist *list)
{
	if (list->len > 1)
		qsort(list->items, list->len, sizeof(*list->items), cmp_str);
}

int dp_strlist_has(const struct dp_strlist *list, const char *s)
{
	for (size_t i = 0; i < list->len; i++)
		if (!strcmp(list->items[i], s))
			return 1;
	return 0;
}

void dp_strlist_release(struct dp_strlist *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->len; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->len = list->alloc = 0;
}

int dp_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s || *s == ' ' || *s == '\t' || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

uint64_t dp_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

int dp_starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int dp_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !memcmp(s + a - b, suffix, b);
}
