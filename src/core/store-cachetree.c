/* SPDX-License-Identifier: MIT */
/*
 * A fully valid cache tree (the index's TREE extension) after a commit,
 * without reading the whole tree. libgit2 only makes one through
 * git_index_write_tree, which then reads every tree of the commit into
 * its cache (40 % of a mutation at 10,000 people). Here the index is
 * written by libgit2 with the extension as it keeps it (valid but along
 * the changed paths), then the extension is rebuilt from the commit's
 * tree, copying every valid subtree whose tree did not change and reading
 * only the trees that did, and the file's checksum is redone.
 *
 * Format (git's Documentation/gitformat-index.txt): "DIRC", version,
 * entry count, the entries, extensions ("TREE", size, data), the SHA-1 of
 * all that. A TREE node: path component, NUL, "<entries> <subtrees>\n",
 * the tree's id unless <entries> is -1 (invalid), then the subtrees.
 */
#include "store-priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/sha1.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define MAX_DEPTH 256

/* A node of the old extension, pointing into the file. */
struct node {
	const char *name;                 /* NUL-terminated in the file */
	long count;                       /* index entries below; -1: invalid */
	const unsigned char *oid;         /* NULL when invalid */
	const unsigned char *start, *end; /* the node and its subtrees */
	struct node **sub;
	size_t sub_off, nsub; /* sub_off: into the parser's `subs` */
	int full;             /* this node and all below are valid */
	int sorted;
};

struct parser {
	const unsigned char *p, *end;
	struct node *nodes; /* all of them, in one block */
	size_t n, alloc;
	size_t *subs; /* the subtrees' node indexes, in one block */
	size_t nsubs, subs_alloc;
	struct node **links; /* the same as pointers, once parsed */
};

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A decimal number ending in `stop`; -1 allowed when `neg`. */
static int parse_num(struct parser *ps, int stop, int neg, long *out)
{
	long v = 0;
	int minus = 0, digits = 0;

	if (neg && ps->p < ps->end && *ps->p == '-') {
		minus = 1;
		ps->p++;
	}
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9' &&
	       digits < 10) {
		v = v * 10 + (*ps->p++ - '0');
		digits++;
	}
	if (!digits || ps->p >= ps->end || *ps->p != stop || (minus && v != 1))
		return -1;
	ps->p++;
	*out = minus ? -1 : v;
	return 0;
}

/* Parses one node and its subtrees; the index of the node, or -1. */
static long parse_node(struct parser *ps, int depth)
{
	const unsigned char *start = ps->p, *nul;
	long count, nsub, me;
	size_t first;
	struct node *nd;

	if (depth > MAX_DEPTH)
		return -1;
	nul = memchr(ps->p, '\0', (size_t)(ps->end - ps->p));
	if (!nul)
		return -1;
	ps->p = nul + 1;
	if (parse_num(ps, ' ', 1, &count) < 0 ||
	    parse_num(ps, '\n', 0, &nsub) < 0)
		return -1;
	if (ps->n == ps->alloc) {
		ps->alloc = ps->alloc ? 2 * ps->alloc : 1024;
		ps->nodes =
		    dp_xrealloc(ps->nodes, ps->alloc * sizeof(*ps->nodes));
	}
	me = (long)ps->n++;
	nd = &ps->nodes[me];
	memset(nd, 0, sizeof(*nd));
	nd->name = (const char *)start;
	nd->count = count;
	nd->start = start;
	if (count >= 0) {
		if (ps->end - ps->p < GIT_OID_RAWSZ)
			return -1;
		nd->oid = ps->p;
		ps->p += GIT_OID_RAWSZ;
	}
	/* The subtrees' slots, filled with node indexes for now. */
	first = ps->nsubs;
	if (nsub > ps->end - ps->p)
		return -1;
	if (ps->nsubs + (size_t)nsub > ps->subs_alloc) {
		while (ps->nsubs + (size_t)nsub > ps->subs_alloc)
			ps->subs_alloc =
			    ps->subs_alloc ? 2 * ps->subs_alloc : 1024;
		ps->subs =
		    dp_xrealloc(ps->subs, ps->subs_alloc * sizeof(*ps->subs));
	}
	ps->nsubs += (size_t)nsub;
	for (long i = 0; i < nsub; i++) {
		long sub = parse_node(ps, depth + 1);

		if (sub < 0)
			return -1;
		ps->subs[first + (size_t)i] = (size_t)sub;
	}
	nd = &ps->nodes[me];
	nd->sub_off = first;
	nd->nsub = (size_t)nsub;
	nd->end = ps->p;
	return me;
}

/* Turns the offsets into pointers and works out `full`, bottom up. */
static void link_nodes(struct parser *ps)
{
	ps->links = dp_xcalloc(ps->nsubs ? ps->nsubs : 1, sizeof(*ps->links));
	for (size_t i = 0; i < ps->nsubs; i++)
		ps->links[i] = &ps->nodes[ps->subs[i]];
	for (size_t i = ps->n; i-- > 0;) {
		struct node *nd = &ps->nodes[i];

		nd->sub = ps->links + nd->sub_off;
		nd->full = nd->count >= 0;
		for (size_t j = 0; j < nd->nsub; j++) {
			nd->full = nd->full && nd->sub[j]->full;
		}
	}
}

static int cmp_node(const void *a, const void *b)
{
	return strcmp((*(struct node *const *)a)->name,
		      (*(struct node *const *)b)->name);
}

static struct node *find_sub(struct node *nd, const char *name)
{
	size_t lo = 0, hi;

	if (!nd)
		return NULL;
	if (!nd->sorted) {
		qsort(nd->sub, nd->nsub, sizeof(*nd->sub), cmp_node);
		nd->sorted = 1;
	}
	hi = nd->nsub;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, nd->sub[mid]->name);

		if (!c)
			return nd->sub[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * Appends the node for tree `id` named `name` to `out`: the old node as
 * it was when it is valid for that same tree, else one built from the
 * tree. The number of index entries below, or -1 with libgit2's error.
 */
static long emit(struct dp_buf *out, git_repository *repo, const char *name,
		 struct node *old, const git_oid *id, int depth)
{
	struct dp_buf subs = DP_BUF_INIT;
	git_tree *tree = NULL;
	long count = 0, nsub = 0;

	if (old && old->full && !memcmp(old->oid, id->id, GIT_OID_RAWSZ)) {
		dp_buf_add(out, old->start, (size_t)(old->end - old->start));
		return old->count;
	}
	if (depth > MAX_DEPTH || git_tree_lookup(&tree, repo, id) < 0) {
		count = -1;
		goto out;
	}
	for (size_t i = 0; i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *sub = git_tree_entry_name(e);
		long n;

		if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			count++;
			continue;
		}
		n = emit(&subs, repo, sub, find_sub(old, sub),
			 git_tree_entry_id(e), depth + 1);
		if (n < 0) {
			count = -1;
			goto out;
		}
		count += n;
		nsub++;
	}
	dp_buf_adds(out, name);
	dp_buf_addch(out, '\0');
	dp_buf_addf(out, "%ld %ld\n", count, nsub);
	dp_buf_add(out, id->id, GIT_OID_RAWSZ);
	dp_buf_add(out, subs.ptr, subs.len);
out:
	git_tree_free(tree);
	dp_buf_release(&subs);
	return count;
}

/* Where the entries end: the offset of the first extension, or 0. */
static size_t skip_entries(const unsigned char *map, size_t size)
{
	size_t end = size - GIT_OID_RAWSZ, off = 12;
	uint32_t version = get_be32(map + 4), n = get_be32(map + 8);

	if (version < 2 || version > 4)
		return 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t fixed = 62, len;
		const unsigned char *nul;

		if (end - off < fixed + 1)
			return 0;
		if (version >= 3 && (map[off + 60] & 0x40))
			fixed += 2;
		off += fixed;
		if (version == 4) { /* prefix length as a varint, no padding */
			while (off < end && (map[off] & 0x80))
				off++;
			if (++off >= end)
				return 0;
		}
		/* The flags hold the path's length when under 0xfff. */
		len = ((size_t)map[off - fixed + 60] << 8 |
		       map[off - fixed + 61]) &
		      0xfff;
		if (version == 4 || len == 0xfff ||
		    (len < end - off && map[off + len])) {
			nul = memchr(map + off, '\0', end - off);
			if (!nul)
				return 0;
			len = (size_t)(nul - (map + off));
		}
		if (version == 4)
			off += len + 1;
		else
			off = (off - fixed) + ((fixed + len + 8) & ~(size_t)7);
		if (off > end)
			return 0;
	}
	return off;
}

int dp_store__cache_tree_ext(struct dp_buf *ext, git_repository *repo,
			     const unsigned char *data, size_t len,
			     const git_oid *tree, long *count)
{
	struct parser ps;
	long root;
	int rc = DP_ENOTFOUND;

	memset(&ps, 0, sizeof(ps));
	ps.p = data;
	ps.end = data + len;
	root = parse_node(&ps, 0);
	if (root < 0 || ps.p != ps.end)
		goto out;
	link_nodes(&ps);
	dp_buf_add(ext, "TREE\0\0\0\0", 8);
	*count = emit(ext, repo, "", &ps.nodes[root], tree, 0);
	if (*count < 0 || ext->len - 8 > UINT32_MAX)
		goto out;
	put_be32((unsigned char *)ext->ptr + 4, (uint32_t)(ext->len - 8));
	rc = 0;
out:
	free(ps.nodes);
	free(ps.subs);
	free(ps.links);
	return rc;
}

/*
 * Builds the new file's tail (from the TREE extension on, checksum
 * included) in `tail`; `*at` is where it goes. DP_ENOTFOUND when the file
 * is not one this can rewrite.
 */
static int rebuild(struct dp_buf *tail, size_t *at, git_repository *repo,
		   const unsigned char *map, size_t size, const git_oid *tree)
{
	struct dp_buf ext = DP_BUF_INIT;
	struct dp_sha1 sha;
	unsigned char digest[DP_SHA1_LEN];
	size_t off, tree_off = 0, tree_end = 0, end = size - GIT_OID_RAWSZ;
	long count = -1;
	int rc = DP_ENOTFOUND;

	if (size < 12 + GIT_OID_RAWSZ || memcmp(map, "DIRC", 4))
		goto out;
	off = skip_entries(map, size);
	if (!off)
		goto out;
	while (off < end) {
		uint32_t len;

		if (end - off < 8)
			goto out;
		len = get_be32(map + off + 4);
		if (len > end - off - 8)
			goto out;
		if (!memcmp(map + off, "TREE", 4)) {
			tree_off = off;
			tree_end = off + 8 + len;
		}
		off += 8 + len;
	}
	if (!tree_end ||
	    dp_store__cache_tree_ext(&ext, repo, map + tree_off + 8,
				     tree_end - tree_off - 8, tree, &count) < 0)
		goto out;
	/* Every entry is below the root: anything else, and it is wrong. */
	if (count != (long)get_be32(map + 8))
		goto out;
	dp_buf_add(tail, ext.ptr, ext.len);
	dp_buf_add(tail, map + tree_end, end - tree_end);
	dp_sha1_init(&sha);
	dp_sha1_update(&sha, map, tree_off);
	dp_sha1_update(&sha, tail->ptr, tail->len);
	dp_sha1_final(&sha, digest);
	dp_buf_add(tail, digest, sizeof(digest));
	*at = tree_off;
	rc = 0;
out:
	dp_buf_release(&ext);
	return rc;
}

int dp_store__index_fix_cache_tree(struct dp_store *st, const git_oid *tree)
{
	struct dp_buf tail = DP_BUF_INIT;
	struct stat sb;
	void *map = MAP_FAILED;
	size_t at = 0;
	int fd, rc;

	fd = open(st->index_tmp, O_RDWR | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) < 0) {
		rc = DP_EIO;
		goto fail;
	}
	if (sb.st_size > 0)
		map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd,
			   0);
	if (map == MAP_FAILED) {
		rc = sb.st_size > 0 ? DP_EIO : DP_ENOTFOUND;
		if (rc == DP_EIO)
			goto fail;
		goto out;
	}
	git_error_clear();
	rc = rebuild(&tail, &at, st->repo, map, (size_t)sb.st_size, tree);
	munmap(map, (size_t)sb.st_size);
	if (rc < 0)
		goto out;
	errno = 0;
	for (size_t done = 0; done < tail.len;) {
		ssize_t n = pwrite(fd, tail.ptr + done, tail.len - done,
				   (off_t)(at + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = DP_EIO;
			goto fail;
		}
		done += (size_t)n;
	}
	if (ftruncate(fd, (off_t)(at + tail.len)) < 0) {
		rc = DP_EIO;
		goto fail;
	}
	goto out;
fail:
	if (!errno)
		errno = EIO;
	dp_error_set_errno("cannot write '%s'", st->index_tmp);
out:
	if (fd >= 0 && close(fd) < 0 && rc == 0) {
		dp_error_set_errno("cannot write '%s'", st->index_tmp);
		rc = DP_EIO;
	}
	dp_buf_release(&tail);
	return rc;
}
