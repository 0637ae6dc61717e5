/* SPDX-License-Identifier: MIT */
/*
 * git's index file without libgit2's index: read once, entries kept as
 * offsets into the file's bytes, and a new file made by splicing (the
 * entries before a change, the changed entries, the entries after, a new
 * cache tree, the checksum). libgit2 parses every entry into its own
 * allocation and hashes the file with collision-detecting SHA-1, twice
 * per mutation; at 10,000 people the file is 11 MB.
 *
 * Format (git's Documentation/gitformat-index.txt): "DIRC", version,
 * entry count; the entries, sorted by path: ten 32-bit stat fields, the
 * blob id, 16-bit flags (assume-valid, extended, stage, name length), in
 * version 3 16 more bits when "extended" is set, the path, 1 to 8 NULs
 * to a multiple of 8; the extensions, each "SIGN", 32-bit size, data;
 * the SHA-1 of all that.
 *
 * Handled: versions 2 and 3, stage 0 entries only, optional extensions
 * (an uppercase first letter). TREE is kept for the caller to rebuild,
 * the others are caches git rebuilds (UNTR, FSMN, EOIE, IEOT) and are
 * dropped, as libgit2 drops them. Declined: version 4 (prefix-compressed
 * paths), unmerged entries, REUC and NAME (libgit2 keeps those), a
 * mandatory extension (split index "link", sparse index "sdir"), a
 * checksum that does not match or is zero (index.skipHash), anything out
 * of order or out of bounds.
 */
#define _DEFAULT_SOURCE /* MAP_POPULATE */

#include "index-file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/sha1.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define HEADER 12
#define FIXED 62 /* an entry up to its flags */
#define F_ASSUME_VALID 0x8000
#define F_EXTENDED 0x4000
#define F_STAGE 0x3000
#define F_NAMEMASK 0x0fff

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static unsigned be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int decline(const char *why)
{
	dp_error_set("the index is left to libgit2: %s", why);
	return DP_IXF_DECLINE;
}

/* git's order: bytes, unsigned, a prefix first. */
static int cmp_path(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

const char *dp_ixf_path(const struct dp_ixf *ix, uint32_t i, size_t *len)
{
	const unsigned char *e = ix->data + ix->off[i];
	size_t fixed = FIXED;
	unsigned flags = be16(e + 60);

	if (flags & F_EXTENDED)
		fixed += 2;
	if (len) {
		*len = flags & F_NAMEMASK;
		if (*len == F_NAMEMASK)
			*len = strlen((const char *)e + fixed);
	}
	return (const char *)e + fixed;
}

const unsigned char *dp_ixf_oid(const struct dp_ixf *ix, uint32_t i)
{
	return ix->data + ix->off[i] + 40;
}

unsigned dp_ixf_flags(const struct dp_ixf *ix, uint32_t i)
{
	return be16(ix->data + ix->off[i] + 60);
}

void dp_ixf_get_stat(const struct dp_ixf *ix, uint32_t i,
		     struct dp_ixf_stat *out)
{
	const unsigned char *e = ix->data + ix->off[i];

	out->ctime_s = be32(e);
	out->ctime_ns = be32(e + 4);
	out->mtime_s = be32(e + 8);
	out->mtime_ns = be32(e + 12);
	out->dev = be32(e + 16);
	out->ino = be32(e + 20);
	out->mode = be32(e + 24);
	out->uid = be32(e + 28);
	out->gid = be32(e + 32);
	out->size = be32(e + 36);
}

void dp_ixf_stat_from(struct dp_ixf_stat *out, const struct stat *sb)
{
	out->ctime_s = (uint32_t)sb->st_ctim.tv_sec;
	out->ctime_ns = (uint32_t)sb->st_ctim.tv_nsec;
	out->mtime_s = (uint32_t)sb->st_mtim.tv_sec;
	out->mtime_ns = (uint32_t)sb->st_mtim.tv_nsec;
	out->dev = (uint32_t)sb->st_dev;
	out->ino = (uint32_t)sb->st_ino;
	out->mode = 0;
	out->uid = (uint32_t)sb->st_uid;
	out->gid = (uint32_t)sb->st_gid;
	out->size = (uint32_t)sb->st_size;
}

int dp_ixf_racy(const struct dp_ixf *ix, uint32_t i)
{
	const unsigned char *e = ix->data + ix->off[i];
	uint32_t sec = (uint32_t)ix->sb.st_mtim.tv_sec;

	/*
	 * To the second, as git compares times when built without USE_NSEC
	 * (its default): a file changed later in the second the index was
	 * written looks clean to that git unless its entry is smudged.
	 */
	if (!sec)
		return 1;
	return sec <= be32(e + 8);
}

uint32_t dp_ixf_find(const struct dp_ixf *ix, const char *path, size_t len,
		     int *found)
{
	uint32_t lo = 0, hi = ix->n;

	*found = 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		size_t mlen;
		const char *m = dp_ixf_path(ix, mid, &mlen);
		int c = cmp_path(path, len, m, mlen);

		if (!c) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int dp_ixf_has_dir(const struct dp_ixf *ix, const char *dir, size_t len)
{
	char *key = dp_xmalloc(len + 2);
	uint32_t at;
	size_t mlen;
	int found, ret = 0;

	memcpy(key, dir, len);
	key[len] = '/';
	key[len + 1] = '\0';
	at = dp_ixf_find(ix, key, len + 1, &found);
	if (at < ix->n) {
		const char *m = dp_ixf_path(ix, at, &mlen);

		ret = mlen > len + 1 && !memcmp(m, key, len + 1);
	}
	free(key);
	return ret;
}

int dp_ixf_root(const struct dp_ixf *ix, unsigned char oid[DP_IXF_OID_LEN])
{
	const unsigned char *p = ix->data + ix->tree_off,
			    *end = p + ix->tree_len;
	uint32_t count = 0;
	int digits = 0;

	/* The root: "", NUL, "<entries> <subtrees>\n", its id. */
	if (ix->tree_len < 1 || *p++ != '\0')
		return 0;
	while (p < end && *p >= '0' && *p <= '9' && digits < 10) {
		count = count * 10 + (uint32_t)(*p++ - '0');
		digits++;
	}
	if (!digits || p >= end || *p != ' ' || count != ix->n)
		return 0;
	while (p < end && *p != '\n')
		p++;
	if (end - p < 1 + DP_IXF_OID_LEN)
		return 0;
	memcpy(oid, p + 1, DP_IXF_OID_LEN);
	return 1;
}

/* The extensions from `at` on; only optional ones this can drop. */
static int parse_extensions(struct dp_ixf *ix, size_t at)
{
	size_t end = ix->size - DP_IXF_OID_LEN;

	while (at < end) {
		const unsigned char *p = ix->data + at;
		uint32_t len;

		if (end - at < 8)
			return decline("a truncated extension");
		len = be32(p + 4);
		if (len > end - at - 8)
			return decline("a truncated extension");
		if (p[0] < 'A' || p[0] > 'Z')
			return decline("a mandatory extension (split or sparse "
				       "index)");
		if (!memcmp(p, "REUC", 4) || !memcmp(p, "NAME", 4))
			return decline("a resolve-undo or conflict extension");
		if (!memcmp(p, "TREE", 4)) {
			ix->tree_off = at + 8;
			ix->tree_len = len;
		}
		at += 8 + (size_t)len;
	}
	return 0;
}

static int parse_entries(struct dp_ixf *ix)
{
	size_t end = ix->size - DP_IXF_OID_LEN, at = HEADER;
	const char *prev = NULL;
	size_t prev_len = 0;

	if (ix->n > (end - HEADER) / (FIXED + 2))
		return decline("more entries than the file holds");
	ix->off = dp_xmalloc(((size_t)ix->n + 1) * sizeof(*ix->off));
	for (uint32_t i = 0; i < ix->n; i++) {
		const unsigned char *e = ix->data + at;
		size_t fixed = FIXED, len;
		unsigned flags;
		const char *path;

		if (end - at < FIXED + 2)
			return decline("a truncated entry");
		flags = be16(e + 60);
		if (flags & F_STAGE)
			return decline("an unmerged path");
		if (flags & F_EXTENDED) {
			if (ix->version < 3)
				return decline("extended flags in version 2");
			fixed += 2;
			ix->extended++;
		}
		path = (const char *)e + fixed;
		len = flags & F_NAMEMASK;
		if (len == F_NAMEMASK) {
			const char *nul = memchr(path, '\0', end - at - fixed);

			if (!nul)
				return decline("a truncated entry");
			len = (size_t)(nul - path);
		}
		if (fixed + len + 1 > end - at || path[len] || !len)
			return decline("a malformed entry");
		if (prev && cmp_path(prev, prev_len, path, len) >= 0)
			return decline("entries out of order");
		ix->off[i] = (uint32_t)at;
		at += (fixed + len + 8) & ~(size_t)7;
		if (at > end)
			return decline("a truncated entry");
		prev = path;
		prev_len = len;
	}
	ix->off[ix->n] = (uint32_t)at;
	return parse_extensions(ix, at);
}

int dp_ixf_parse(struct dp_ixf *ix, unsigned char *data, size_t size)
{
	static const unsigned char zero[DP_IXF_OID_LEN];
	unsigned char sum[DP_SHA1_LEN];
	struct dp_sha1 sha;
	struct stat sb = ix->sb;

	memset(ix, 0, sizeof(*ix));
	ix->sb = sb;
	ix->data = data;
	ix->size = size;
	if (size < HEADER + DP_IXF_OID_LEN || memcmp(data, "DIRC", 4))
		return decline("not an index file");
	if (size > UINT32_MAX)
		return decline("over 4 GB");
	ix->version = be32(data + 4);
	ix->n = be32(data + 8);
	if (ix->version != 2 && ix->version != 3)
		return decline("an index version other than 2 and 3");
	if (!memcmp(data + size - DP_IXF_OID_LEN, zero, DP_IXF_OID_LEN))
		return decline("no checksum (index.skipHash)");
	dp_sha1_init(&sha);
	dp_sha1_update(&sha, data, size - DP_IXF_OID_LEN);
	dp_sha1_final(&sha, sum);
	if (memcmp(sum, data + size - DP_IXF_OID_LEN, DP_IXF_OID_LEN))
		return decline("a checksum that does not match");
	return parse_entries(ix);
}

int dp_ixf_read(struct dp_ixf *ix, const char *path)
{
	void *map;
	int fd, rc;

	memset(ix, 0, sizeof(*ix));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return DP_ENOTFOUND;
	if (fd < 0 || fstat(fd, &ix->sb) < 0) {
		dp_error_set_errno("cannot read '%s'", path);
		if (fd >= 0)
			close(fd);
		return DP_EIO;
	}
	if (!S_ISREG(ix->sb.st_mode) || ix->sb.st_size < 1) {
		close(fd);
		return decline("not a regular file");
	}
	map = mmap(NULL, (size_t)ix->sb.st_size, PROT_READ,
		   MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		dp_error_set_errno("cannot read '%s'", path);
		return DP_EIO;
	}
	rc = dp_ixf_parse(ix, map, (size_t)ix->sb.st_size);
	ix->mapped = 1;
	return rc;
}

void dp_ixf_release(struct dp_ixf *ix)
{
	if (ix->data && ix->mapped)
		munmap(ix->data, ix->size);
	else
		free(ix->data);
	free(ix->off);
	memset(ix, 0, sizeof(*ix));
}

/* ---- splicing ----------------------------------------------------------- */

struct writer {
	dp_ixf_out_fn *out;
	void *ctx;
	struct dp_sha1 sha;
};

static int put(struct writer *w, const void *p, size_t len)
{
	if (!len)
		return 0;
	dp_sha1_update(&w->sha, p, len);
	return w->out(w->ctx, p, len);
}

/* Where each edit goes; DP_IXF_DECLINE for one this does not do. */
static int place(const struct dp_ixf *ix, const struct dp_ixf_edit *edits,
		 size_t n, uint32_t *at, int *found, uint32_t *entries)
{
	uint32_t count = ix->n;

	for (size_t i = 0; i < n; i++) {
		const char *path = edits[i].path;
		size_t len = strlen(path);

		if (!len || len >= F_NAMEMASK)
			return decline("an empty or long path");
		if (i && cmp_path(edits[i - 1].path, strlen(edits[i - 1].path),
				  path, len) >= 0)
			return decline("changes out of order");
		at[i] = dp_ixf_find(ix, path, len, &found[i]);
		if (found[i] && (dp_ixf_flags(ix, at[i]) & ~F_NAMEMASK))
			return decline("an entry with flags");
		if (found[i]) {
			count -= !edits[i].oid;
			continue;
		}
		if (!edits[i].oid)
			continue;
		/* A file where the index has a folder, or the reverse. */
		if (dp_ixf_has_dir(ix, path, len))
			return decline("a path that is a folder in the index");
		for (size_t k = 1; k < len; k++) {
			int f;

			if (path[k] != '/')
				continue;
			dp_ixf_find(ix, path, k, &f);
			if (f)
				return decline("a path under a file");
		}
		for (size_t j = 0; j < n; j++)
			if (j != i && edits[j].oid &&
			    !strncmp(edits[j].path, path, len) &&
			    edits[j].path[len] == '/')
				return decline("a path under another");
		count++;
	}
	*entries = count;
	return 0;
}

int dp_ixf_splice_check(const struct dp_ixf *ix,
			const struct dp_ixf_edit *edits, size_t nedits,
			uint32_t *entries)
{
	uint32_t *at = dp_xcalloc(nedits + 1, sizeof(*at));
	int *found = dp_xcalloc(nedits + 1, sizeof(*found));
	int rc = place(ix, edits, nedits, at, found, entries);

	free(at);
	free(found);
	return rc;
}

/* Entries [from, to), with the smudged ones' size zeroed. */
static int copy_entries(struct writer *w, const struct dp_ixf *ix,
			uint32_t from, uint32_t to, const uint32_t *smudge,
			size_t nsmudge, size_t *next)
{
	int rc = 0;

	while (rc == 0 && from < to) {
		uint32_t stop = to;
		unsigned char e[FIXED + 2 + F_NAMEMASK + 8];
		size_t elen;

		while (*next < nsmudge && smudge[*next] < from)
			(*next)++;
		if (*next < nsmudge && smudge[*next] < to)
			stop = smudge[*next];
		rc = put(w, ix->data + ix->off[from],
			 ix->off[stop] - ix->off[from]);
		if (rc < 0 || stop == to)
			break;
		elen = ix->off[stop + 1] - ix->off[stop];
		if (elen > sizeof(e))
			return decline("a long path to smudge");
		memcpy(e, ix->data + ix->off[stop], elen);
		put_be32(e + 36, 0);
		rc = put(w, e, elen);
		from = stop + 1;
	}
	return rc;
}

static int put_entry(struct writer *w, const struct dp_ixf_edit *ed)
{
	unsigned char e[FIXED + F_NAMEMASK + 8];
	size_t len = strlen(ed->path), elen = (FIXED + len + 8) & ~(size_t)7;
	const struct dp_ixf_stat *s = &ed->st;

	memset(e, 0, elen);
	put_be32(e, s->ctime_s);
	put_be32(e + 4, s->ctime_ns);
	put_be32(e + 8, s->mtime_s);
	put_be32(e + 12, s->mtime_ns);
	put_be32(e + 16, s->dev);
	put_be32(e + 20, s->ino);
	put_be32(e + 24, s->mode ? s->mode : (uint32_t)(S_IFREG | 0644));
	put_be32(e + 28, s->uid);
	put_be32(e + 32, s->gid);
	put_be32(e + 36, s->size);
	memcpy(e + 40, ed->oid, DP_IXF_OID_LEN);
	e[60] = (unsigned char)(len >> 8);
	e[61] = (unsigned char)len;
	memcpy(e + FIXED, ed->path, len);
	return put(w, e, elen);
}

int dp_ixf_splice(const struct dp_ixf *ix, const struct dp_ixf_edit *edits,
		  size_t nedits, const uint32_t *smudge, size_t nsmudge,
		  const void *tree, size_t tree_len, dp_ixf_out_fn *out,
		  void *ctx)
{
	uint32_t *at = dp_xcalloc(nedits + 1, sizeof(*at));
	int *found = dp_xcalloc(nedits + 1, sizeof(*found));
	unsigned char head[HEADER], sum[DP_SHA1_LEN];
	struct writer w;
	uint32_t entries, cur = 0;
	size_t next = 0;
	int rc;

	rc = place(ix, edits, nedits, at, found, &entries);
	if (rc)
		goto out;
	w.out = out;
	w.ctx = ctx;
	dp_sha1_init(&w.sha);
	memcpy(head, "DIRC", 4);
	/* libgit2 writes version 3 only while an entry needs it; so do we. */
	put_be32(head + 4, ix->extended ? 3 : 2);
	put_be32(head + 8, entries);
	rc = put(&w, head, sizeof(head));
	for (size_t i = 0; rc == 0 && i < nedits; i++) {
		rc = copy_entries(&w, ix, cur, at[i], smudge, nsmudge, &next);
		cur = at[i] + (uint32_t)found[i];
		if (rc == 0 && edits[i].oid)
			rc = put_entry(&w, &edits[i]);
	}
	if (rc == 0)
		rc = copy_entries(&w, ix, cur, ix->n, smudge, nsmudge, &next);
	if (rc == 0 && tree)
		rc = put(&w, tree, tree_len);
	if (rc == 0) {
		dp_sha1_final(&w.sha, sum);
		rc = out(ctx, sum, sizeof(sum));
	}
out:
	free(at);
	free(found);
	return rc;
}
