/* SPDX-License-Identifier: MIT */
/* The history cache: what each commit changed, for log and review. */
#include "store-logcache.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/cache.h"
#include "devplan/error.h"
#include "devplan/message.h"
#include "devplan/banned.h"

#define LC_NAME "history"
#define LC_MAGIC "DPHIST1"
#define LC_BOM 0x01020304u
#define LC_HEADER (8 + 4 * 5 + GIT_OID_RAWSZ + 8)
#define LC_ENTRY (GIT_OID_RAWSZ + 4 * 6)
#define LC_TREES 32

_Static_assert(sizeof(struct dp_lc_commit) == LC_ENTRY,
	       "a cache entry is its bytes in the file");

/* ---- the in-memory cache ---- */

void dp_store__logcache_free(struct dp_logcache *lc)
{
	if (!lc)
		return;
	if (!lc->raw.len) {
		free(lc->c);
		free(lc->par);
	}
	free(lc->hash);
	dp_buf_release(&lc->pool);
	dp_buf_release(&lc->raw);
	free(lc);
}

static struct dp_logcache *lc_new(void)
{
	struct dp_logcache *lc = dp_xcalloc(1, sizeof(*lc));

	lc->pool = (struct dp_buf)DP_BUF_INIT;
	lc->raw = (struct dp_buf)DP_BUF_INIT;
	return lc;
}

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static void hash_build(struct dp_logcache *lc)
{
	size_t i, mask;

	free(lc->hash);
	lc->hash_size = 64;
	while (lc->hash_size < 2 * lc->n + 2)
		lc->hash_size *= 2;
	lc->hash = dp_xcalloc(lc->hash_size, sizeof(*lc->hash));
	mask = lc->hash_size - 1;
	for (i = 0; i < lc->n; i++) {
		size_t k = oid_hash(&lc->c[i].id) & mask;

		while (lc->hash[k])
			k = (k + 1) & mask;
		lc->hash[k] = (uint32_t)(i + 1);
	}
}

long dp_store__logcache_find(struct dp_logcache *lc, const git_oid *id)
{
	size_t k, mask;

	if (!lc->hash)
		hash_build(lc);
	mask = lc->hash_size - 1;
	for (k = oid_hash(id) & mask; lc->hash[k]; k = (k + 1) & mask)
		if (git_oid_equal(&lc->c[lc->hash[k] - 1].id, id))
			return (long)lc->hash[k] - 1;
	return -1;
}

int dp_store__logcache_touches(const struct dp_logcache *lc, size_t i,
			       const char *path, size_t len)
{
	const struct dp_lc_commit *c = &lc->c[i];
	const char *p = lc->strs + c->paths, *end = lc->strs + lc->strs_len;
	uint32_t k;

	for (k = 0; k < c->npaths && p + 1 < end; k++) {
		size_t plen = strlen(p + 1);

		if (!len)
			return 1;
		if (plen > len && p[1 + len] == '/' &&
		    !memcmp(p + 1, path, len))
			return 1;
		if (plen == len && p[0] == 'C' && !memcmp(p + 1, path, len))
			return 1;
		p += plen + 2;
	}
	return 0;
}

const char *dp_store__logcache_person(const struct dp_logcache *lc, size_t i)
{
	return lc->c[i].person ? lc->strs + lc->c[i].person - 1 : NULL;
}

/* ---- the file: header, entries, parents, string pool; native order ---- */

static uint64_t checksum(const unsigned char *p, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL, w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	while (len--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

static void put32(struct dp_buf *b, uint32_t v)
{
	dp_buf_add(b, &v, sizeof(v));
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void lc_serialize(struct dp_buf *out, const struct dp_logcache *lc)
{
	uint64_t sum;

	dp_buf_add(out, LC_MAGIC, 8);
	put32(out, LC_BOM);
	put32(out, (uint32_t)lc->n);
	put32(out, (uint32_t)lc->npar);
	put32(out, (uint32_t)lc->strs_len);
	put32(out, 0);
	dp_buf_add(out, lc->tip.id, GIT_OID_RAWSZ);
	sum = 0;
	dp_buf_add(out, &sum, sizeof(sum));
	if (lc->n)
		dp_buf_add(out, lc->c, lc->n * sizeof(*lc->c));
	if (lc->npar)
		dp_buf_add(out, lc->par, lc->npar * sizeof(*lc->par));
	if (lc->strs_len)
		dp_buf_add(out, lc->strs, lc->strs_len);
	sum = checksum((const unsigned char *)out->ptr + LC_HEADER,
		       out->len - LC_HEADER);
	memcpy(out->ptr + LC_HEADER - 8, &sum, sizeof(sum));
}

/*
 * The cache read into `raw` (taken over), or NULL when it is not a whole,
 * intact one: a checksum over all of it, offsets and indexes in bounds.
 */
static struct dp_logcache *lc_parse(struct dp_buf *raw)
{
	const unsigned char *data = (const unsigned char *)raw->ptr;
	size_t len = raw->len, n, npar, plen, i;
	struct dp_logcache *lc;
	uint64_t sum;

	if (len < LC_HEADER || memcmp(data, LC_MAGIC, 8) ||
	    get32(data + 8) != LC_BOM)
		return NULL;
	n = get32(data + 12);
	npar = get32(data + 16);
	plen = get32(data + 20);
	if (len != LC_HEADER + n * LC_ENTRY + npar * 4 + plen ||
	    (plen && data[len - 1] != '\0'))
		return NULL;
	memcpy(&sum, data + LC_HEADER - 8, sizeof(sum));
	if (sum != checksum(data + LC_HEADER, len - LC_HEADER))
		return NULL;
	lc = lc_new();
	memcpy(lc->tip.id, data + 28, GIT_OID_RAWSZ);
	lc->raw = *raw;
	*raw = (struct dp_buf)DP_BUF_INIT;
	data = (const unsigned char *)lc->raw.ptr + LC_HEADER;
	lc->c = (struct dp_lc_commit *)(uintptr_t)data;
	lc->n = lc->alloc = n;
	lc->par = (uint32_t *)(uintptr_t)(data + n * LC_ENTRY);
	lc->npar = lc->par_alloc = npar;
	lc->strs = (const char *)data + n * LC_ENTRY + npar * 4;
	lc->strs_len = plen;
	for (i = 0; i < npar; i++)
		if (lc->par[i] >= n && lc->par[i] != UINT32_MAX)
			goto bad;
	for (i = 0; i < n; i++) {
		const struct dp_lc_commit *c = &lc->c[i];

		if ((size_t)c->parents + c->nparents > npar ||
		    (c->npaths && c->paths >= plen) || c->person > plen)
			goto bad;
	}
	return lc;
bad:
	dp_store__logcache_free(lc);
	return NULL;
}

static struct dp_logcache *lc_load(struct dp_store *st)
{
	struct dp_buf data = DP_BUF_INIT;
	struct dp_logcache *lc = NULL;

	if (dp_store_cache_read(&data, st, LC_NAME) == 0)
		lc = lc_parse(&data);
	dp_error_clear();
	dp_buf_release(&data);
	return lc;
}

/* Writes the cache; a read-only or full .git keeps it in memory only. */
static void lc_save(struct dp_store *st, const struct dp_logcache *lc)
{
	struct dp_buf data = DP_BUF_INIT;

	lc_serialize(&data, lc);
	if (dp_store_cache_write(st, LC_NAME, data.ptr, data.len) < 0)
		dp_error_clear();
	dp_buf_release(&data);
}

/* ---- computing a commit's entry ---- */

struct lc_build {
	git_repository *repo;
	struct dp_logcache *lc;
	struct dp_buf path;
	git_tree *trees[LC_TREES]; /* recently read trees, by id */
	size_t next;
};

/* Tree `id`, from the recent ones or read; owned by `b`. */
static git_tree *tree_get(struct lc_build *b, const git_oid *id)
{
	git_tree *t = NULL;
	size_t i;

	for (i = 0; i < LC_TREES; i++)
		if (b->trees[i] && git_oid_equal(git_tree_id(b->trees[i]), id))
			return b->trees[i];
	if (git_tree_lookup(&t, b->repo, id) < 0)
		return NULL;
	git_tree_free(b->trees[b->next]);
	b->trees[b->next] = t;
	b->next = (b->next + 1) % LC_TREES;
	return t;
}

static void add_path(struct lc_build *b, const char *name, int mode_only)
{
	dp_buf_addch(&b->lc->pool, mode_only ? 'M' : 'C');
	dp_buf_add(&b->lc->pool, b->path.ptr, b->path.len);
	dp_buf_adds(&b->lc->pool, name);
	dp_buf_addch(&b->lc->pool, '\0');
	b->lc->c[b->lc->n].npaths++;
}

static int is_tree(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

/* git's order of tree entries: a tree's name compares as if '/' followed. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb);
	size_t len = la < lb ? la : lb;
	int c = memcmp(na, nb, len);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = la > len ? (unsigned char)na[len] : is_tree(a) ? '/' : '\0';
	cb = lb > len ? (unsigned char)nb[len] : is_tree(b) ? '/' : '\0';
	return ca < cb ? -1 : ca > cb;
}

static int diff_trees(struct lc_build *b, const git_oid *old_id,
		      const git_oid *new_id);
static int descend(struct lc_build *b, const git_tree_entry *e,
		   const git_oid *old_id, const git_oid *new_id);

/* Entry `e` on one side only: the file, or every file below the folder. */
static int one_side(struct lc_build *b, const git_tree_entry *e, int old)
{
	static const git_oid zero;

	if (!is_tree(e)) {
		add_path(b, git_tree_entry_name(e), 0);
		return 0;
	}
	return old ? descend(b, e, git_tree_entry_id(e), &zero)
		   : descend(b, e, &zero, git_tree_entry_id(e));
}

/* Descends into folder `e`'s pair of trees; the path grows by its name. */
static int descend(struct lc_build *b, const git_tree_entry *e,
		   const git_oid *old_id, const git_oid *new_id)
{
	size_t len = b->path.len;
	int rc;

	dp_buf_adds(&b->path, git_tree_entry_name(e));
	dp_buf_addch(&b->path, '/');
	rc = diff_trees(b, old_id, new_id);
	dp_buf_setlen(&b->path, len);
	return rc;
}

/* The files that differ between two trees (a zero id: no tree). */
static int diff_trees(struct lc_build *b, const git_oid *old_id,
		      const git_oid *new_id)
{
	git_tree *old = NULL, *new = NULL;
	size_t i = 0, j = 0, no = 0, nn = 0;
	int rc = 0;

	if (!git_oid_is_zero(old_id)) {
		if (!(old = tree_get(b, old_id)))
			return -1;
		git_tree_dup(&old, old);
		no = git_tree_entrycount(old);
	}
	if (!git_oid_is_zero(new_id)) {
		if (!(new = tree_get(b, new_id))) {
			git_tree_free(old);
			return -1;
		}
		git_tree_dup(&new, new);
		nn = git_tree_entrycount(new);
	}
	while (rc == 0 && (i < no || j < nn)) {
		const git_tree_entry *eo =
		    i < no ? git_tree_entry_byindex(old, i) : NULL;
		const git_tree_entry *en =
		    j < nn ? git_tree_entry_byindex(new, j) : NULL;
		int c = !eo ? 1 : !en ? -1 : entry_cmp(eo, en);

		if (c < 0) {
			rc = one_side(b, eo, 1);
			i++;
		} else if (c > 0) {
			rc = one_side(b, en, 0);
			j++;
		} else {
			if (!git_oid_equal(git_tree_entry_id(eo),
					   git_tree_entry_id(en))) {
				if (is_tree(eo))
					rc = descend(b, eo,
						     git_tree_entry_id(eo),
						     git_tree_entry_id(en));
				else
					add_path(b, git_tree_entry_name(en), 0);
			} else if (git_tree_entry_filemode(eo) !=
				   git_tree_entry_filemode(en)) {
				add_path(b, git_tree_entry_name(en), 1);
			}
			i++;
			j++;
		}
	}
	git_tree_free(old);
	git_tree_free(new);
	return rc;
}

static struct dp_lc_commit *lc_push(struct dp_logcache *lc, const git_oid *id)
{
	struct dp_lc_commit *c;

	if (lc->n == lc->alloc) {
		lc->alloc = lc->alloc ? 2 * lc->alloc : 256;
		lc->c = dp_xrealloc(lc->c, lc->alloc * sizeof(*lc->c));
	}
	c = &lc->c[lc->n];
	memset(c, 0, sizeof(*c));
	git_oid_cpy(&c->id, id);
	c->paths = (uint32_t)lc->pool.len;
	return c;
}

/* The empty commit's Devplan-Person trailer into the pool. */
static void add_person(struct dp_logcache *lc, struct dp_lc_commit *c,
		       git_commit *commit)
{
	struct dp_msg m = DP_MSG_INIT;
	const char *p;

	dp_msg_parse(&m, git_commit_message(commit));
	p = dp_msg_trailer(&m, DP_TRAILER_PERSON);
	if (p) {
		c->person = (uint32_t)lc->pool.len + 1;
		dp_buf_adds(&lc->pool, p);
		dp_buf_addch(&lc->pool, '\0');
	}
	dp_msg_release(&m);
}

/*
 * Appends commit `id`'s entry (parents not yet linked: their ids go to
 * `pids`), computed, or copied from `old` when it knows the commit.
 */
static int lc_add(struct lc_build *b, struct dp_logcache *old,
		  const git_oid *id, git_oid **pids, size_t *npids,
		  size_t *pids_alloc)
{
	struct dp_logcache *lc = b->lc;
	git_commit *commit = NULL, *parent = NULL;
	struct dp_lc_commit *c = lc_push(lc, id);
	long k = old ? dp_store__logcache_find(old, id) : -1;
	unsigned np, i;
	int rc = 0;

	if (k >= 0) {
		const struct dp_lc_commit *oc = &old->c[k];
		const char *p = old->strs + oc->paths;

		c->flags = oc->flags;
		for (i = 0; i < oc->npaths && p < old->strs + old->strs_len;
		     i++) {
			size_t l = strlen(p) + 1;

			dp_buf_add(&lc->pool, p, l);
			p += l;
		}
		c->npaths = i;
		if (oc->person) {
			c->person = (uint32_t)lc->pool.len + 1;
			dp_buf_adds(&lc->pool, old->strs + oc->person - 1);
			dp_buf_addch(&lc->pool, '\0');
		}
		np = oc->nparents;
		c->nparents = np;
		for (i = 0; i < np; i++) {
			uint32_t pi = old->par[oc->parents + i];

			if (*npids == *pids_alloc) {
				*pids_alloc =
				    *pids_alloc ? 2 * *pids_alloc : 256;
				*pids = dp_xrealloc(*pids, *pids_alloc *
							       sizeof(**pids));
			}
			if (pi == UINT32_MAX)
				memset(&(*pids)[(*npids)++], 0,
				       sizeof(git_oid));
			else
				git_oid_cpy(&(*pids)[(*npids)++],
					    &old->c[pi].id);
		}
		lc->n++;
		return 0;
	}
	if (git_commit_lookup(&commit, b->repo, id) < 0)
		return -1;
	np = git_commit_parentcount(commit);
	c->nparents = np;
	for (i = 0; i < np; i++) {
		if (*npids == *pids_alloc) {
			*pids_alloc = *pids_alloc ? 2 * *pids_alloc : 256;
			*pids =
			    dp_xrealloc(*pids, *pids_alloc * sizeof(**pids));
		}
		git_oid_cpy(&(*pids)[(*npids)++],
			    git_commit_parent_id(commit, i));
	}
	if (np != 1 || git_commit_parent(&parent, commit, 0) < 0) {
		git_error_clear();
		c->flags = DP_LC_DIRECT;
		lc->n++;
		goto out;
	}
	if (git_oid_equal(git_commit_tree_id(parent),
			  git_commit_tree_id(commit))) {
		c->flags = DP_LC_EMPTY;
		add_person(lc, c, commit);
		lc->n++;
		goto out;
	}
	dp_buf_reset(&b->path);
	rc = diff_trees(b, git_commit_tree_id(parent),
			git_commit_tree_id(commit));
	lc->n++;
out:
	git_commit_free(parent);
	git_commit_free(commit);
	return rc;
}

/*
 * Links the parents: `pids` holds each commit's parent ids in order;
 * one missing from the cache (a shallow boundary) is UINT32_MAX and makes
 * its child DP_LC_DIRECT.
 */
static void lc_link(struct dp_logcache *lc, const git_oid *pids, size_t npids)
{
	size_t i, k = 0;
	uint32_t j;

	free(lc->hash);
	lc->hash = NULL;
	free(lc->par);
	lc->par = dp_xcalloc(npids ? npids : 1, sizeof(*lc->par));
	lc->npar = lc->par_alloc = npids;
	for (i = 0; i < lc->n; i++) {
		struct dp_lc_commit *c = &lc->c[i];

		c->parents = (uint32_t)k;
		for (j = 0; j < c->nparents; j++, k++) {
			long at = git_oid_is_zero(&pids[k])
				      ? -1
				      : dp_store__logcache_find(lc, &pids[k]);

			lc->par[k] = at < 0 ? UINT32_MAX : (uint32_t)at;
			if (at < 0)
				c->flags = (c->flags & ~(uint32_t)DP_LC_EMPTY) |
					   DP_LC_DIRECT;
		}
	}
}

static void build_release(struct lc_build *b)
{
	size_t i;

	for (i = 0; i < LC_TREES; i++)
		git_tree_free(b->trees[i]);
	dp_buf_release(&b->path);
}

/*
 * The commits reachable from `head` and not from `hide` (NULL: all), in
 * git_revwalk's topological, time order, into `ids`.
 */
static int walk_ids(git_oid **ids, size_t *n, git_repository *repo,
		    const git_oid *head, const git_oid *hide)
{
	git_revwalk *walk = NULL;
	size_t alloc = 0;
	git_oid id;
	int rc;

	*ids = NULL;
	*n = 0;
	if (git_revwalk_new(&walk, repo) < 0)
		return -1;
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if ((rc = git_revwalk_push(walk, head)) < 0 ||
	    (hide && (rc = git_revwalk_hide(walk, hide)) < 0))
		goto out;
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 256;
			*ids = dp_xrealloc(*ids, alloc * sizeof(**ids));
		}
		git_oid_cpy(&(*ids)[(*n)++], &id);
	}
	rc = rc == GIT_ITEROVER ? 0 : rc;
out:
	git_revwalk_free(walk);
	return rc;
}

/*
 * 1 when `ids` (newest first) is a line of one-parent commits on top of
 * `tip`: then a walk from the new head lists them, then the old order.
 */
static int on_top(git_repository *repo, const git_oid *ids, size_t n,
		  const git_oid *tip)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		git_commit *c = NULL;
		int ok;

		if (git_commit_lookup(&c, repo, &ids[i]) < 0)
			return 0;
		ok = git_commit_parentcount(c) == 1 &&
		     git_oid_equal(git_commit_parent_id(c, 0),
				   i + 1 < n ? &ids[i + 1] : tip);
		git_commit_free(c);
		if (!ok)
			return 0;
	}
	return 1;
}

/* Entries for `ids` (newest first), then `rest` (already linked) after. */
static int lc_make(struct dp_logcache **out, git_repository *repo,
		   const git_oid *head, const git_oid *ids, size_t n,
		   struct dp_logcache *old, const struct dp_logcache *rest)
{
	struct lc_build b = { repo, lc_new(), DP_BUF_INIT, { NULL }, 0 };
	git_oid *pids = NULL;
	size_t npids = 0, pids_alloc = 0, i, j;
	int rc = 0;

	git_oid_cpy(&b.lc->tip, head);
	for (i = 0; i < n && rc == 0; i++)
		rc = lc_add(&b, old, &ids[i], &pids, &npids, &pids_alloc);
	for (i = 0; rest && rc == 0 && i < rest->n; i++) {
		const struct dp_lc_commit *rc_ = &rest->c[i];

		for (j = 0; j < rc_->nparents; j++) {
			uint32_t pi = rest->par[rc_->parents + j];

			if (npids == pids_alloc) {
				pids_alloc = pids_alloc ? 2 * pids_alloc : 256;
				pids = dp_xrealloc(pids,
						   pids_alloc * sizeof(*pids));
			}
			if (pi == UINT32_MAX)
				memset(&pids[npids++], 0, sizeof(git_oid));
			else
				git_oid_cpy(&pids[npids++], &rest->c[pi].id);
		}
		if (b.lc->n == b.lc->alloc) {
			b.lc->alloc = b.lc->alloc ? 2 * b.lc->alloc : 256;
			b.lc->c = dp_xrealloc(b.lc->c,
					      b.lc->alloc * sizeof(*b.lc->c));
		}
		b.lc->c[b.lc->n] = *rc_;
		b.lc->c[b.lc->n].paths += (uint32_t)b.lc->pool.len;
		if (rc_->person)
			b.lc->c[b.lc->n].person += (uint32_t)b.lc->pool.len;
		b.lc->n++;
	}
	if (rest && rc == 0 && rest->strs_len) {
		/* rest's strings go after the new ones, offsets moved above */
		dp_buf_add(&b.lc->pool, rest->strs, rest->strs_len);
	}
	b.lc->strs = b.lc->pool.ptr;
	b.lc->strs_len = b.lc->pool.len;
	if (rc == 0)
		lc_link(b.lc, pids, npids);
	free(pids);
	build_release(&b);
	if (rc < 0) {
		dp_store__logcache_free(b.lc);
		b.lc = NULL;
	}
	*out = b.lc;
	return rc;
}

/*
 * The cache last given out, kept for the life of the process: a command
 * that walks several times (review) reads the file once. Its commits and
 * their order follow from its tip's id alone, whatever the repository.
 */
static struct dp_logcache *last;

int dp_store__logcache_get(struct dp_logcache **out, struct dp_store *st)
{
	git_repository *repo = st->repo;
	struct dp_logcache *old, *lc = NULL;
	git_oid head, *ids = NULL;
	size_t n = 0;
	int rc;

	*out = NULL;
	if (git_repository_is_shallow(repo) == 1 ||
	    git_reference_name_to_id(&head, repo, "HEAD") < 0) {
		git_error_clear();
		return 0;
	}
	if (last && git_oid_equal(&last->tip, &head)) {
		*out = last;
		return 0;
	}
	old = lc_load(st);
	if (old && git_oid_equal(&old->tip, &head)) {
		lc = old;
		goto keep;
	}
	if (!old) { /* no file (a read-only .git): what this process knows */
		old = last;
		last = NULL;
	}
	rc = -1;
	if (old && walk_ids(&ids, &n, repo, &head, &old->tip) == 0 &&
	    on_top(repo, ids, n, &old->tip))
		rc = lc_make(&lc, repo, &head, ids, n, NULL, old);
	if (rc < 0) {
		free(ids);
		git_error_clear();
		rc = walk_ids(&ids, &n, repo, &head, NULL);
		if (rc == 0)
			rc = lc_make(&lc, repo, &head, ids, n, old, NULL);
	}
	free(ids);
	dp_store__logcache_free(old);
	if (rc < 0) {
		dp_error_set("cannot read the history: %s",
			     dp_store__git_msg());
		git_error_clear();
		return DP_EIO;
	}
	lc_save(st, lc);
keep:
	dp_store__logcache_free(last);
	last = lc;
	*out = lc;
	return 0;
}
