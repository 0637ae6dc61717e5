/* SPDX-License-Identifier: MIT */
/*
 * The check cache (devplan/check-cache.h): one file under the git
 * directory, read whole, looked up through a hash table of paths, and
 * written back whole. Layout, all numbers in the machine's byte order
 * (the file never leaves the clone):
 *
 *   "devplan check-cache 1\n" <validator version> "\n"
 *   u64 start seconds, u64 start nanoseconds, u64 entries
 *   entries: u32 size of the entry, u32 path length, u32 results length,
 *            u64 size mtime.s mtime.ns ctime.s ctime.ns ino dev mode,
 *            20 bytes blob id, path, NUL, results
 *   u64 checksum of all that comes before
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "devplan/check-cache.h"

#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devplan/buf.h"
#include "devplan/cache.h"
#include "devplan/error.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define CACHE_NAME "check-cache"
#define MAGIC "devplan check-cache 1\n"
#define FIXED (3 * 4 + 8 * 8 + DP_BLOB_ID_LEN)
#define HINT (1 << 20)

struct dp_check_cache {
	struct dp_store *st;
	struct dp_buf version; /* the header up to the numbers */
	struct dp_buf old;     /* the file as read */
	uint64_t old_count;
	struct timespec old_start; /* when the check that wrote it began */
	size_t *slots;             /* offsets into `old` + 1; 0 is empty */
	size_t mask;
	unsigned char *kept; /* per slot: the entry stays as it is */
	struct dp_buf out;   /* the file to write: header, new entries */
	uint64_t out_count;
	uint64_t nkept; /* entries of `old` taken over unchanged */
	int changed;
	struct timespec start;
};

static uint64_t get64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t get32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void put64(struct dp_buf *b, uint64_t v)
{
	dp_buf_add(b, (const char *)&v, sizeof(v));
}

static void put32(struct dp_buf *b, uint32_t v)
{
	dp_buf_add(b, (const char *)&v, sizeof(v));
}

static uint64_t checksum(const char *p, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		h ^= get64(p + i);
		h *= 1099511628211ULL;
		h ^= h >> 29;
	}
	for (; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t hash_path(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* The program's GNU build id in hex: another build, another validator. */
static int note_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	struct dp_buf *out = data;

	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh =
			    (const ElfW(Nhdr) *)(const void *)p;
			const char *name = p + sizeof(*nh);
			const unsigned char *desc =
			    (const unsigned char *)name +
			    ((nh->n_namesz + 3) & ~3u);

			if ((const char *)desc + nh->n_descsz > end)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID &&
			    nh->n_namesz == 4 && !memcmp(name, "GNU", 4)) {
				for (size_t j = 0; j < nh->n_descsz; j++)
					dp_buf_addf(out, "%02x", desc[j]);
				return 1;
			}
			p = (const char *)desc + ((nh->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the program comes first: look no further */
}

/* Checks and indexes the file read into cc->old; 0 if usable. */
static int load(struct dp_check_cache *cc)
{
	const char *p = cc->old.ptr, *end;
	size_t hlen = cc->version.len, n;

	if (cc->old.len < hlen + 3 * 8 + 8 || memcmp(p, cc->version.ptr, hlen))
		return -1;
	end = p + cc->old.len - 8;
	if (checksum(p, cc->old.len - 8) != get64(end))
		return -1;
	cc->old_start.tv_sec = (time_t)get64(p + hlen);
	cc->old_start.tv_nsec = (long)get64(p + hlen + 8);
	cc->old_count = get64(p + hlen + 16);
	if (cc->old_count > cc->old.len / FIXED)
		return -1;
	for (n = 1; n < cc->old_count * 2; n <<= 1)
		;
	cc->mask = n - 1;
	cc->slots = dp_xcalloc(n, sizeof(*cc->slots));
	cc->kept = dp_xcalloc(n, 1);
	p += hlen + 24;
	for (uint64_t i = 0; i < cc->old_count; i++) {
		uint32_t size, plen, rlen;
		size_t slot;

		if ((size_t)(end - p) < FIXED)
			return -1;
		size = get32(p);
		plen = get32(p + 4);
		rlen = get32(p + 8);
		if ((uint64_t)FIXED + plen + 1 + rlen != size ||
		    size > (size_t)(end - p) || p[FIXED + plen] != '\0')
			return -1;
		slot = hash_path(p + FIXED, plen) & cc->mask;
		while (cc->slots[slot])
			slot = (slot + 1) & cc->mask;
		cc->slots[slot] = (size_t)(p - cc->old.ptr) + 1;
		p += size;
	}
	return p == end ? 0 : -1;
}

struct dp_check_cache *dp_check_cache_open(struct dp_store *st,
					   const char *salt)
{
	struct dp_check_cache *cc = dp_xcalloc(1, sizeof(*cc));

	cc->st = st;
	/*
	 * A second back: the file system's clock runs a tick behind, and a
	 * record changed in the second before the check is read next time.
	 */
	clock_gettime(CLOCK_REALTIME, &cc->start);
	cc->start.tv_sec -= 1;
	dp_buf_adds(&cc->version, MAGIC);
	dp_buf_adds(&cc->version, salt);
	dp_buf_adds(&cc->version, " build ");
	dl_iterate_phdr(note_build_id, &cc->version);
	dp_buf_addch(&cc->version, '\n');
	if (dp_store_cache_read(&cc->old, st, CACHE_NAME) < 0 || load(cc) < 0) {
		/* Missing, unreadable, another version's, or damaged. */
		dp_error_clear();
		free(cc->slots);
		free(cc->kept);
		cc->slots = NULL;
		cc->kept = NULL;
		cc->old_count = 0;
		cc->changed = 1;
	}
	/*
	 * The file is written from `out` as it is: the header first (its
	 * numbers filled in by dp_check_cache_save), room for as much as
	 * the last file held, so that it is neither grown nor copied.
	 */
	dp_buf_grow(&cc->out, cc->old.len > HINT ? cc->old.len : HINT);
	dp_buf_add(&cc->out, cc->version.ptr, cc->version.len);
	put64(&cc->out, 0);
	put64(&cc->out, 0);
	put64(&cc->out, 0);
	return cc;
}

/* The entry of `path` in the old file (its slot in *at), or NULL. */
static const char *find(const struct dp_check_cache *cc, const char *path,
			size_t *at)
{
	size_t len = strlen(path), slot;

	if (!cc->slots)
		return NULL;
	slot = hash_path(path, len) & cc->mask;
	for (; cc->slots[slot]; slot = (slot + 1) & cc->mask) {
		const char *e = cc->old.ptr + cc->slots[slot] - 1;

		if (get32(e + 4) == len && !memcmp(e + FIXED, path, len)) {
			*at = slot;
			return e;
		}
	}
	return NULL;
}

static int older(uint64_t s, uint64_t ns, const struct timespec *t)
{
	return s < (uint64_t)t->tv_sec ||
	       (s == (uint64_t)t->tv_sec && ns < (uint64_t)t->tv_nsec);
}

static void stat_fields(uint64_t v[8], const struct stat *sb)
{
	v[0] = (uint64_t)sb->st_size;
	v[1] = (uint64_t)sb->st_mtim.tv_sec;
	v[2] = (uint64_t)sb->st_mtim.tv_nsec;
	v[3] = (uint64_t)sb->st_ctim.tv_sec;
	v[4] = (uint64_t)sb->st_ctim.tv_nsec;
	v[5] = (uint64_t)sb->st_ino;
	v[6] = (uint64_t)sb->st_dev;
	v[7] = (uint64_t)sb->st_mode;
}

/* The entry of `path` if its lstat `sb` is known and safe (slot in *at). */
static const char *match(const struct dp_check_cache *cc, const char *path,
			 const struct stat *sb, size_t *at)
{
	const char *e = find(cc, path, at);
	uint64_t v[8];

	if (!e)
		return NULL;
	stat_fields(v, sb);
	for (int i = 0; i < 8; i++)
		if (get64(e + 12 + 8 * i) != v[i])
			return NULL;
	/* Changed within the tick the last check began in: not believed. */
	if (!older(v[1], v[2], &cc->old_start) ||
	    !older(v[3], v[4], &cc->old_start))
		return NULL;
	return e;
}

int dp_check_cache_empty(const struct dp_check_cache *cc)
{
	return !cc->slots || !cc->old_count;
}

int dp_check_cache_known(const struct dp_check_cache *cc, const char *path,
			 const struct stat *sb)
{
	size_t at;

	return match(cc, path, sb, &at) != NULL;
}

const char *dp_check_cache_lookup(struct dp_check_cache *cc, const char *path,
				  const struct stat *sb, size_t *len)
{
	size_t at;
	const char *e = match(cc, path, sb, &at);

	if (!e)
		return NULL;
	if (!cc->kept[at])
		cc->nkept++;
	cc->kept[at] = 1;
	*len = get32(e + 8);
	return e + FIXED + get32(e + 4) + 1;
}

const char *dp_check_cache_lookup_id(struct dp_check_cache *cc,
				     const char *path,
				     const unsigned char id[DP_BLOB_ID_LEN],
				     size_t *len)
{
	size_t at;
	const char *e = find(cc, path, &at);

	if (!e || memcmp(e + 12 + 64, id, DP_BLOB_ID_LEN))
		return NULL;
	*len = get32(e + 8);
	return e + FIXED + get32(e + 4) + 1;
}

void dp_check_cache_put(struct dp_check_cache *cc, const char *path,
			const struct stat *sb,
			const unsigned char id[DP_BLOB_ID_LEN], const char *res,
			size_t len)
{
	size_t plen = strlen(path);
	uint64_t v[8];

	if (plen > UINT32_MAX / 2 || len > UINT32_MAX / 2)
		return;
	stat_fields(v, sb);
	dp_buf_grow(&cc->out, FIXED + plen + 1 + len);
	put32(&cc->out, (uint32_t)(FIXED + plen + 1 + len));
	put32(&cc->out, (uint32_t)plen);
	put32(&cc->out, (uint32_t)len);
	dp_buf_add(&cc->out, (const char *)v, sizeof(v));
	dp_buf_add(&cc->out, (const char *)id, DP_BLOB_ID_LEN);
	dp_buf_add(&cc->out, path, plen + 1);
	dp_buf_add(&cc->out, res, len);
	cc->out_count++;
	cc->changed = 1;
}

void dp_check_cache_save(struct dp_check_cache *cc, int complete)
{
	struct dp_buf *file = &cc->out;
	uint64_t head[3];

	if (!complete || (!cc->changed && cc->nkept == cc->old_count))
		return;
	head[0] = (uint64_t)cc->start.tv_sec;
	head[1] = (uint64_t)cc->start.tv_nsec;
	head[2] = cc->out_count + cc->nkept;
	memcpy(file->ptr + cc->version.len, head, sizeof(head));
	/* The entries taken over after the new ones: the order is free. */
	for (size_t i = 0; cc->slots && i <= cc->mask; i++) {
		const char *e = cc->old.ptr + cc->slots[i] - 1;

		if (cc->kept[i])
			dp_buf_add(file, e, get32(e));
	}
	put64(file, checksum(file->ptr, file->len));
	if (dp_store_cache_write(cc->st, CACHE_NAME, file->ptr, file->len) < 0)
		dp_error_clear(); /* read-only: the next check reads again */
}

void dp_check_cache_free(struct dp_check_cache *cc)
{
	if (!cc)
		return;
	dp_buf_release(&cc->version);
	dp_buf_release(&cc->old);
	dp_buf_release(&cc->out);
	free(cc->slots);
	free(cc->kept);
	free(cc);
}
