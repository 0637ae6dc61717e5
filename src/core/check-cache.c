/* SPDX-License-Identifier: MIT */
/*
 * The check cache (devplan/check-cache.h): one file under the git
 * directory, mapped, its entries listed in order and looked up through a
 * hash table of paths built when needed, and written back whole. Layout,
 * all numbers in the machine's byte order (the file never leaves the
 * clone):
 *
 *   "devplan check-cache 3\n" <validator version> "\n"
 *   u64 start seconds, u64 start nanoseconds
 *   entries: u32 size of the entry, u32 path length, u32 results length,
 *            u64 size mtime.s mtime.ns ctime.s ctime.ns ino dev mode,
 *            20 bytes blob id, path, NUL, results
 *   the walk table, if any: each folder: u32 path length, u64 size
 *     mtime.s mtime.ns ctime.s ctime.ns ino dev mode, path, NUL
 *   u64 1 if there is a walk table else 0, u64 its folders, u64 its size
 *   u64 entries
 *   u64 checksum of all that comes before
 *
 * The entries are written in the walk's order, records just read and
 * records taken over alike; with a walk table, they are every record the
 * walk found and nothing else. The counts come last so that a check of
 * the whole repository can write the file as it goes: memory stays flat,
 * and the file is not written again from one big buffer at the end.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "devplan/check-cache.h"

#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "devplan/buf.h"
#include "devplan/cache.h"
#include "devplan/error.h"
#include "devplan/util.h"
#include "devplan/banned.h"

#define CACHE_NAME "check-cache"
#define MAGIC "devplan check-cache 3\n"
#define FIXED (3 * 4 + 8 * 8 + DP_BLOB_ID_LEN)
/* An entry's fields (see the layout above). */
#define E_PLEN(e) get32((e) + 4)
#define E_RLEN(e) get32((e) + 8)
#define E_STAT(e) ((e) + 12)
#define E_ID(e) ((e) + 12 + 64)
#define E_PATH(e) ((e) + FIXED)
#define E_RES(e) ((e) + FIXED + E_PLEN(e) + 1)
#define HEAD (2 * 8)       /* after the version: the start */
#define TAIL (5 * 8)       /* the table's numbers, entries, checksum */
#define FLUSH (256 * 1024) /* written out when this much is waiting */

struct dp_check_cache {
	struct dp_store *st;
	struct dp_buf version; /* the header up to the numbers */
	const char *old;       /* the file as mapped, or NULL */
	size_t old_len;
	uint64_t old_count;
	struct timespec old_start; /* when the check that wrote it began */
	size_t *entries; /* offsets of the old file's entries, in order */
	size_t *slots;   /* indexes into `entries` + 1; 0 is empty */
	size_t mask;
	const char *old_walk; /* the old walk table's folders, or NULL */
	uint64_t old_folders;
	size_t old_walk_len;
	const char *entries_end; /* where the old file's entries end */
	struct dp_buf out; /* the file to write, or what is left to write */
	uint64_t out_count;
	struct dp_cache_file
	    file;         /* where `out` goes, made when first written */
	int whole;        /* a check of the whole repository: else inert */
	int write_failed; /* nothing will be saved */
	uint64_t sum;     /* the checksum of what was written out */
	int changed;
	int fast;     /* taken whole by dp_check_cache_fast: nothing to write */
	int loaded;   /* the old file is mapped and in bounds (load) */
	int verified; /* and its checksum was checked (verify) */
	struct timespec start;
	struct dp_buf folders; /* the walk table being made */
	uint64_t nfolders;
	int walk_void;
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

#define SUM_START 14695981039346656037ULL

/*
 * The checksum: `len` bytes more at `p` into `h`, eight at a time; the
 * bytes past the last eight are taken only when `last` (what follows
 * must start at a multiple of eight).
 */
static uint64_t sum_add(uint64_t h, const char *p, size_t len, int last)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		h ^= get64(p + i);
		h *= 1099511628211ULL;
		h ^= h >> 29;
	}
	for (; last && i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static uint64_t checksum(const char *p, size_t len)
{
	return sum_add(SUM_START, p, len, 1);
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

/*
 * Checks the header and the numbers at the end of the file mapped at
 * cc->old; 0 if usable. Its entries are listed when first needed (scan).
 */
static int load(struct dp_check_cache *cc)
{
	const char *p = cc->old, *end, *tail;
	size_t hlen = cc->version.len;
	uint64_t table, folders, table_len;

	if (cc->old_len < hlen + HEAD + TAIL ||
	    memcmp(p, cc->version.ptr, hlen))
		return -1;
	/* The checksum is verified later (verify), off the critical path. */
	cc->old_start.tv_sec = (time_t)get64(p + hlen);
	cc->old_start.tv_nsec = (long)get64(p + hlen + 8);
	tail = p + cc->old_len - TAIL;
	table = get64(tail);
	folders = get64(tail + 8);
	table_len = get64(tail + 16);
	cc->old_count = get64(tail + 24);
	p += hlen + HEAD;
	if (table > 1 || table_len > (uint64_t)(tail - p) ||
	    cc->old_count > (uint64_t)(tail - p) / FIXED)
		return -1;
	end = tail - table_len;
	if (!table && (folders || table_len))
		return -1;
	cc->entries_end = end;
	if (table) {
		cc->old_folders = folders;
		cc->old_walk = end;
		cc->old_walk_len = (size_t)table_len;
	}
	return 0;
}

/* Lists the old file's entries, in order, once; 0 if they are sound. */
static int scan(struct dp_check_cache *cc)
{
	const char *p = cc->old + cc->version.len + HEAD,
		   *end = cc->entries_end;

	if (cc->entries)
		return 0;
	cc->entries =
	    dp_xcalloc((size_t)cc->old_count + 1, sizeof(*cc->entries));
	for (uint64_t i = 0; i < cc->old_count; i++) {
		uint32_t size, plen, rlen;

		if ((size_t)(end - p) < FIXED)
			return -1;
		size = get32(p);
		plen = get32(p + 4);
		rlen = get32(p + 8);
		if ((uint64_t)FIXED + plen + 1 + rlen != size ||
		    size > (size_t)(end - p) || p[FIXED + plen] != '\0')
			return -1;
		cc->entries[i] = (size_t)(p - cc->old);
		p += size;
	}
	return p == end ? 0 : -1;
}

/*
 * Forgets the old file: missing, unreadable, another version's, or
 * damaged. The next save writes a new one.
 */
static void drop(struct dp_check_cache *cc)
{
	free(cc->entries);
	free(cc->slots);
	cc->entries = NULL;
	cc->slots = NULL;
	cc->old_count = 0;
	cc->old_walk = NULL;
	cc->changed = 1;
	cc->loaded = 0;
}

/*
 * The old file's entries listed and its checksum checked, once, before
 * anything read from it is believed (load only made sure that its
 * numbers stay in bounds): 0 if all holds, else -1 and the file is
 * dropped.
 */
static int verify(struct dp_check_cache *cc)
{
	if (!cc->loaded)
		return -1;
	if (!cc->verified) {
		cc->verified = 1;
		if (scan(cc) < 0 || checksum(cc->old, cc->old_len - 8) !=
					get64(cc->old + cc->old_len - 8)) {
			drop(cc);
			return -1;
		}
	}
	return 0;
}

void dp_check_cache_index(struct dp_check_cache *cc)
{
	size_t n;

	if (cc->slots || verify(cc) < 0)
		return;
	for (n = 1; n < cc->old_count * 2; n <<= 1)
		;
	cc->mask = n - 1;
	cc->slots = dp_xcalloc(n, sizeof(*cc->slots));
	for (size_t i = 0; i < cc->old_count; i++) {
		const char *e = cc->old + cc->entries[i];
		size_t slot = dp_fnv1a(E_PATH(e), E_PLEN(e)) & cc->mask;

		while (cc->slots[slot])
			slot = (slot + 1) & cc->mask;
		cc->slots[slot] = i + 1;
	}
}

struct dp_check_cache *dp_check_cache_open(struct dp_store *st,
					   const char *salt, int whole)
{
	struct dp_check_cache *cc = dp_xcalloc(1, sizeof(*cc));

	cc->st = st;
	cc->whole = whole;
	cc->file.fd = cc->file.dfd = cc->file.tdfd = -1;
	cc->sum = SUM_START;
	dp_buf_init(&cc->folders, 0);
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
	if (!whole ||
	    dp_store_cache_map(&cc->old, &cc->old_len, st, CACHE_NAME) < 0 ||
	    load(cc) < 0) {
		dp_error_clear();
		drop(cc);
		if (!whole)
			return cc;
	} else {
		cc->loaded = 1;
	}
	/* Room enough that writing as the check goes never grows it. */
	dp_buf_grow(&cc->out, FLUSH + 64 * 1024);
	dp_buf_add(&cc->out, cc->version.ptr, cc->version.len);
	put64(&cc->out, (uint64_t)cc->start.tv_sec);
	put64(&cc->out, (uint64_t)cc->start.tv_nsec);
	return cc;
}

/* The entry of `path` in the old file, or NULL. */
static const char *find(const struct dp_check_cache *cc, const char *path)
{
	size_t len = strlen(path), slot;

	if (!cc->slots)
		return NULL;
	slot = dp_fnv1a(path, len) & cc->mask;
	for (; cc->slots[slot]; slot = (slot + 1) & cc->mask) {
		const char *e = cc->old + cc->entries[cc->slots[slot] - 1];

		if (E_PLEN(e) == len && !memcmp(E_PATH(e), path, len)) {
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

/* 1 if `sb` is what `v` recorded, older than the check that recorded it. */
static int same_stat(const struct dp_check_cache *cc, const char *v,
		     const struct stat *sb)
{
	uint64_t now[8];

	stat_fields(now, sb);
	if (memcmp(now, v, sizeof(now)))
		return 0;
	/* Changed within the tick the last check began in: not believed. */
	return older(now[1], now[2], &cc->old_start) &&
	       older(now[3], now[4], &cc->old_start);
}

/* The entry of `path` if its lstat `sb` is known and safe, or NULL. */
static const char *match(const struct dp_check_cache *cc, const char *path,
			 const struct stat *sb)
{
	const char *e = find(cc, path);

	return e && same_stat(cc, E_STAT(e), sb) ? e : NULL;
}

int dp_check_cache_empty(const struct dp_check_cache *cc)
{
	return !cc->old_count;
}

int dp_check_cache_known(const struct dp_check_cache *cc, const char *path,
			 const struct stat *sb)
{
	return match(cc, path, sb) != NULL;
}

/*
 * Writes out what `out` holds, down to the last multiple of eight bytes
 * (which the checksum needs), when FLUSH bytes are waiting or `all`. The
 * file is made at the first write. A failure (a read-only git directory,
 * a full disk) means that nothing will be saved.
 */
static void flush(struct dp_check_cache *cc, int all)
{
	size_t n = cc->out.len & ~(size_t)7;

	if (!all && cc->out.len < FLUSH)
		return;
	if (all)
		n = cc->out.len;
	if (!cc->write_failed && cc->file.fd < 0 &&
	    dp_cache_file_create(&cc->file, cc->st, CACHE_NAME) < 0)
		cc->write_failed = 1;
	if (!cc->write_failed) {
		cc->sum = sum_add(cc->sum, cc->out.ptr, n, all);
		if (dp_cache_file_write(&cc->file, cc->out.ptr, n) < 0)
			cc->write_failed = 1;
	}
	if (cc->write_failed)
		dp_error_clear(); /* the cache only saves time */
	memmove(cc->out.ptr, cc->out.ptr + n, cc->out.len - n);
	dp_buf_setlen(&cc->out, cc->out.len - n);
}

/* Entry `e` of the old file, taken over into the new one, in order. */
static void take(struct dp_check_cache *cc, const char *e)
{
	dp_buf_add(&cc->out, e, get32(e));
	cc->out_count++;
	flush(cc, 0);
}

const char *dp_check_cache_lookup(struct dp_check_cache *cc, const char *path,
				  const struct stat *sb, size_t *len)
{
	const char *e = match(cc, path, sb);

	if (!e)
		return NULL;
	take(cc, e);
	*len = E_RLEN(e);
	return E_RES(e);
}

const char *dp_check_cache_lookup_id(struct dp_check_cache *cc,
				     const char *path,
				     const unsigned char id[DP_BLOB_ID_LEN],
				     size_t *len)
{
	const char *e = find(cc, path);

	if (!e || memcmp(E_ID(e), id, DP_BLOB_ID_LEN))
		return NULL;
	*len = E_RLEN(e);
	return E_RES(e);
}

void dp_check_cache_walk_folder(struct dp_check_cache *cc, const char *path,
				const struct stat *sb)
{
	size_t plen = strlen(path);
	uint64_t v[8];

	if (!cc->whole)
		return;
	if (plen > UINT32_MAX / 2) {
		cc->walk_void = 1;
		return;
	}
	stat_fields(v, sb);
	put32(&cc->folders, (uint32_t)plen);
	dp_buf_add(&cc->folders, (const char *)v, sizeof(v));
	dp_buf_add(&cc->folders, path, plen + 1);
	cc->nfolders++;
}

void dp_check_cache_walk_void(struct dp_check_cache *cc)
{
	cc->walk_void = 1;
}

/*
 * The lstats of dp_check_cache_fast, shared by its threads: each takes
 * the next FAST_CHUNK items (the walk table's folders, then the entries)
 * until none is left or one does not hold. The folders come from the
 * table at the end of the file and are taken at once; the entries only
 * once the caller's thread has listed them and checked the file
 * (`ready`): a second thread starts on the folders meanwhile.
 */
#define FAST_CHUNK 512

struct fast_share {
	const struct dp_check_cache *cc;
	int top;
	const char **folders;
	size_t nfolders, n;
	size_t next; /* the next item to take (atomic) */
	int failed;  /* an lstat did not hold, or the file (atomic) */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ready; /* the entries are listed (under the lock) */
};

/* 0 once the entries may be read, -1 if they never will be. */
static int fast_wait(struct fast_share *fs)
{
	int ready;

	pthread_mutex_lock(&fs->lock);
	while (!fs->ready)
		pthread_cond_wait(&fs->cond, &fs->lock);
	ready = !__atomic_load_n(&fs->failed, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&fs->lock);
	return ready ? 0 : -1;
}

static void fast_set_ready(struct fast_share *fs, int ok)
{
	pthread_mutex_lock(&fs->lock);
	if (!ok)
		__atomic_store_n(&fs->failed, 1, __ATOMIC_RELAXED);
	fs->ready = 1;
	pthread_cond_broadcast(&fs->cond);
	pthread_mutex_unlock(&fs->lock);
}

/* The lstats of `fs` that this thread takes, relative to `top`. */
static void fast_lstat(struct fast_share *fs, int top)
{
	struct stat sb;
	int waited = 0;

	for (;;) {
		size_t from =
		    __atomic_fetch_add(&fs->next, FAST_CHUNK, __ATOMIC_RELAXED);

		if (from >= fs->n ||
		    __atomic_load_n(&fs->failed, __ATOMIC_RELAXED))
			break;
		for (size_t i = from; i < from + FAST_CHUNK && i < fs->n; i++) {
			const char *it, *path, *v;
			int rc;

			if (i < fs->nfolders) {
				it = fs->folders[i];
				v = it + 4;
				path = it + 4 + 64;
			} else {
				if (!waited++ && fast_wait(fs) < 0)
					return;
				it = fs->cc->old +
				     fs->cc->entries[i - fs->nfolders];
				v = E_STAT(it);
				path = E_PATH(it);
			}
			rc = *path
				 ? fstatat(top, path, &sb, AT_SYMLINK_NOFOLLOW)
				 : fstat(top, &sb);
			if (rc < 0 || !same_stat(fs->cc, v, &sb)) {
				__atomic_store_n(&fs->failed, 1,
						 __ATOMIC_RELAXED);
				return;
			}
		}
	}
}

/*
 * The second thread: through a descriptor of its own for the top, so
 * that the two threads do not take and drop references on one open file
 * for every lstat (the kernel counts them when a process has threads).
 */
static void *fast_lstat_thread(void *data)
{
	struct fast_share *fs = data;
	int top = openat(fs->top, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	fast_lstat(fs, top >= 0 ? top : fs->top);
	if (top >= 0)
		close(top);
	return NULL;
}

/* The walk table's folders, in order; NULL if there is none or it is bad. */
static const char **fast_folders(const struct dp_check_cache *cc, size_t *nf)
{
	const char *p = cc->old_walk, *end;
	const char **items;
	uint64_t f = cc->old_folders;

	if (!p || f > cc->old_walk_len / (4 + 64 + 1))
		return NULL;
	end = p + cc->old_walk_len;
	items = dp_xcalloc((size_t)f + 1, sizeof(*items));
	for (uint64_t i = 0; i < f; i++) {
		uint32_t plen;

		if ((size_t)(end - p) < 4 + 64 + 1)
			goto bad;
		plen = get32(p);
		if (plen >= (size_t)(end - p) - (4 + 64) || p[4 + 64 + plen])
			goto bad;
		items[i] = p;
		p += 4 + 64 + plen + 1;
	}
	if (p != end)
		goto bad;
	*nf = (size_t)f;
	return items;
bad:
	free(items);
	return NULL;
}

/* Every entry's path and results, in order, to `each`. */
static void replay_all(const struct dp_check_cache *cc,
		       void (*each)(const char *path, const char *res,
				    size_t len, void *data),
		       void *data)
{
	for (size_t i = 0; i < cc->old_count; i++) {
		const char *e = cc->old + cc->entries[i];

		each(E_PATH(e), E_RES(e), E_RLEN(e), data);
	}
}

long dp_check_cache_fast(struct dp_check_cache *cc, int top,
			 void (*each)(const char *path, const char *res,
				      size_t len, void *data),
			 void *data)
{
	struct fast_share fs;
	size_t nf = 0;
	const char **folders = fast_folders(cc, &nf);
	pthread_t tid;
	int two, ok;

	if (!folders) {
		cc->changed = 1;
		return -1;
	}
	memset(&fs, 0, sizeof(fs));
	fs.cc = cc;
	fs.top = top;
	fs.folders = folders;
	fs.nfolders = nf;
	fs.n = nf + cc->old_count;
	pthread_mutex_init(&fs.lock, NULL);
	pthread_cond_init(&fs.cond, NULL);
	two = fs.n > 4 * FAST_CHUNK && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
	      pthread_create(&tid, NULL, fast_lstat_thread, &fs) == 0;
	/*
	 * While a second thread takes the folders' lstats, this one lists
	 * and checks the file and hands the results on, then joins in: the
	 * caller undoes them if an lstat fails.
	 */
	ok = verify(cc) == 0;
	fast_set_ready(&fs, ok);
	if (ok && two)
		replay_all(cc, each, data);
	fast_lstat(&fs, top);
	if (two)
		pthread_join(tid, NULL);
	pthread_cond_destroy(&fs.cond);
	pthread_mutex_destroy(&fs.lock);
	free(folders);
	if (fs.failed) {
		/* Written again, with this check's start and lstats. */
		cc->changed = 1;
		return -1;
	}
	cc->fast = 1;
	if (!two)
		replay_all(cc, each, data);
	return (long)cc->old_count;
}

void dp_check_cache_put(struct dp_check_cache *cc, const char *path,
			const struct stat *sb,
			const unsigned char id[DP_BLOB_ID_LEN], const char *res,
			size_t len)
{
	size_t plen = strlen(path);
	uint64_t v[8];

	if (!cc->whole)
		return; /* nothing will be saved */
	if (plen > UINT32_MAX / 2 || len > UINT32_MAX / 2) {
		cc->walk_void = 1;
		return;
	}
	stat_fields(v, sb);
	put32(&cc->out, (uint32_t)(FIXED + plen + 1 + len));
	put32(&cc->out, (uint32_t)plen);
	put32(&cc->out, (uint32_t)len);
	dp_buf_add(&cc->out, (const char *)v, sizeof(v));
	dp_buf_add(&cc->out, (const char *)id, DP_BLOB_ID_LEN);
	dp_buf_add(&cc->out, path, plen + 1);
	dp_buf_add(&cc->out, res, len);
	cc->out_count++;
	cc->changed = 1;
	flush(cc, 0);
}

void dp_check_cache_save(struct dp_check_cache *cc, int complete)
{
	struct dp_buf *file = &cc->out;
	int table = !cc->walk_void;
	uint64_t sum;

	if (cc->fast || !complete || !cc->whole || cc->write_failed) {
		dp_cache_file_drop(&cc->file);
		return; /* nothing walked, or not all of it */
	}
	verify(cc); /* the old table is compared below */
	/* The table changes when a folder does, though no record did. */
	if (!cc->old_walk != !table ||
	    (table && (cc->old_folders != cc->nfolders ||
		       cc->old_walk_len != cc->folders.len ||
		       memcmp(cc->old_walk, cc->folders.ptr, cc->folders.len))))
		cc->changed = 1;
	if (!cc->changed && cc->out_count == cc->old_count) {
		dp_cache_file_drop(&cc->file);
		return;
	}
	/* The table goes through `out` a piece at a time, as entries do. */
	for (size_t at = 0; table && at < cc->folders.len; at += FLUSH) {
		size_t piece = cc->folders.len - at;

		dp_buf_add(file, cc->folders.ptr + at,
			   piece < FLUSH ? piece : FLUSH);
		flush(cc, 0);
	}
	put64(file, (uint64_t)table);
	put64(file, table ? cc->nfolders : 0);
	put64(file, table ? cc->folders.len : 0);
	put64(file, cc->out_count);
	flush(cc, 1); /* all of it: the checksum covers up to here */
	sum = cc->sum;
	if (!cc->write_failed &&
	    dp_cache_file_write(&cc->file, &sum, sizeof(sum)) < 0)
		cc->write_failed = 1;
	if (cc->write_failed || dp_cache_file_commit(&cc->file) < 0)
		dp_error_clear(); /* read-only: the next check reads again */
}

void dp_check_cache_free(struct dp_check_cache *cc)
{
	if (!cc)
		return;
	dp_buf_release(&cc->version);
	dp_store_cache_unmap(cc->old, cc->old_len);
	dp_cache_file_drop(&cc->file);
	dp_buf_release(&cc->out);
	dp_buf_release(&cc->folders);
	free(cc->entries);
	free(cc->slots);
	free(cc);
}
