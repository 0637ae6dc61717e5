/* SPDX-License-Identifier: MIT */
/*
 * The walk over every record of a plan: one pass over the folders of the
 * layout, each record read and parsed once and handed on, nothing kept.
 * Check, goals --all and every command that reads the whole repository
 * use it; what is wrong with the folders themselves is reported too.
 *
 * Folders are opened once each, relative to the folder above and never
 * through a symbolic link (O_NOFOLLOW), and listed; each record is then
 * read relative to its folder with openat, fstat, read and close, into
 * one buffer kept for the whole walk.
 *
 * On a machine with two processors or more, a reader thread does all of
 * that (listing, reading, asking the hooks' `known`) and hands what it
 * finds, in the walk's order, through a bounded queue to the caller's
 * thread, which parses each record and calls `record` and `problem` as
 * a walk without the thread would, in the same order. The work is
 * shared by how long the queue is: when it runs short (the reader is
 * behind), records are handed on unread, with their folder's
 * descriptor, for the caller's thread to read; when it fills (the
 * caller is behind), the reader also does the hooks' `work`. The reader
 * touches no shared state: its errors travel with each item, never
 * through dp_error_set. DEVPLAN_WALK_THREADS=0 in the environment turns
 * the thread off (the tests run every way).
 */
#define _DEFAULT_SOURCE /* syscall */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "devplan/plan.h"
#include "devplan/slug.h"
#include "devplan/walk.h"
#include "devplan/banned.h"

struct pipe;

/*
 * A folder's descriptor shared with the items handed on unread from it:
 * closed by whoever lets go of it last (the folder or an item).
 */
struct fdref {
	int fd;
	int refs; /* atomic */
};

struct walker {
	struct dp_plan *plan;
	const struct dp_walk *w;
	struct dp_walk_hooks *hooks;
	struct dp_buf msg;
	struct dp_buf err;  /* what went wrong last (not dp_error: a thread) */
	struct dp_buf text; /* the record being read, reused */
	struct dp_buf res;  /* what hooks->work made, on the caller's thread */
	struct dp_buf ctext, cerr; /* a record the caller's thread reads */
	char *dents;       /* DENTS_SIZE bytes: a folder's entries, read */
	int top;           /* the work tree, open */
	int stopped;       /* `record` said stop (ret is its code) */
	struct pipe *pipe; /* NULL: each record handed on as read */
	int share_all;     /* the reader does all the work it can (tests) */
	int read_all;      /* the caller reads all it can (tests) */
};

/* What the reader hands on, in order: one item of the queue. */
enum item_type { IT_PROBLEM, IT_RECORD, IT_UNREAD, IT_KNOWN, IT_END };

struct item {
	enum item_type type;
	int ret; /* IT_RECORD: how the read went; IT_END: the walk's */
	struct dp_ref ref;       /* IT_RECORD, IT_UNREAD, IT_KNOWN */
	struct stat st;          /* IT_RECORD, IT_KNOWN */
	struct fdref *dir;       /* IT_UNREAD: the record's folder */
	const char *missing;     /* IT_UNREAD: a problem if it is gone */
	struct dp_buf path, msg; /* IT_PROBLEM; msg: IT_RECORD, IT_END error */
	struct dp_buf text;      /* IT_RECORD: the bytes read */
	struct dp_buf res;       /* IT_RECORD: what hooks->work made */
	int worked;              /* IT_RECORD: res is made (by the reader) */
};

#define PIPE_SLOTS 256

/*
 * A ring of PIPE_SLOTS items between one reader and one consumer. Each
 * side sleeps only when the ring is full (empty) and is woken when it
 * has drained to half (filled to a batch), so that the two threads do
 * not wake each other for every record.
 */
struct pipe {
	pthread_mutex_t lock;
	pthread_cond_t can_put, can_take;
	struct item items[PIPE_SLOTS];
	size_t head, tail;
	size_t count; /* items waiting: changed under the lock, atomically */
	int put_waits, take_waits;
	int stop; /* the consumer wants no more */
};

/* A folder open for reading, its names (no dot files) sorted. */
struct folder {
	DIR *d;
	int fd;
	struct dp_strlist names;
	int link; /* not opened: a symbolic link is where it should be */
	struct fdref *shared; /* fd, once records are handed on unread */
};

/* 1 if `a` is `b` or a folder above it ("" is the top, above all). */
static int path_within(const char *a, const char *b)
{
	size_t la = strlen(a);

	return !la || (!strncmp(a, b, la) && (b[la] == '/' || !b[la]));
}

/* 1 if `path` (a record or a folder) is in a folder named, or holds one. */
static int in_scope(const struct walker *k, const char *path, int holds)
{
	const struct dp_strlist *f = k->w->folders;

	if (!f || !f->len)
		return 1;
	for (size_t i = 0; i < f->len; i++)
		if (path_within(f->items[i], path) ||
		    (holds && path_within(path, f->items[i])))
			return 1;
	return 0;
}

static int wants(const struct walker *k, enum dp_kind kind)
{
	return !k->w->kinds || (k->w->kinds & (1u << kind));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* An error message, in `out` (k->err, the reader's: see dp_error_set). */
__attribute__((format(printf, 2, 3))) static void
seterr_in(struct dp_buf *out, const char *fmt, ...)
{
	va_list ap;

	dp_buf_reset(out);
	va_start(ap, fmt);
	dp_buf_vaddf(out, fmt, ap);
	va_end(ap);
}

#define seterr(k, ...) seterr_in(&(k)->err, __VA_ARGS__)

/* Like seterr_in, followed by ": " and the text of `err` (an errno). */
static void seterr_errno_in(struct dp_buf *out, int err, const char *what,
			    const char *path)
{
	char text[256];

	/* strerror_r: strerror is not safe on two threads at once. */
	if (strerror_r(err, text, sizeof(text)))
		seterr_in(out, "%s '%s': error %d", what, path, err);
	else
		seterr_in(out, "%s '%s': %s", what, path, text);
}

static void seterr_errno(struct walker *k, int err, const char *what,
			 const char *path)
{
	seterr_errno_in(&k->err, err, what, path);
}

#define DENTS_SIZE 32768

#ifdef SYS_getdents64
/* The kernel's directory entry (getdents64(2)). */
struct dent64 {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

/*
 * Lists open folder f->fd into f->names with getdents64 itself: readdir
 * on a descriptor costs two more system calls a folder (fdopendir's
 * fstat and fcntl), and a walk lists twenty thousand folders.
 */
static int list_names(struct walker *k, struct folder *f, const char *path)
{
	for (;;) {
		long n = syscall(SYS_getdents64, f->fd, k->dents, DENTS_SIZE);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			seterr_errno(k, errno, "cannot list", path);
			return DP_EIO;
		}
		if (!n)
			return 0;
		for (long off = 0; off < n;) {
			const struct dent64 *de =
			    (const struct dent64 *)(const void *)(k->dents +
								  off);

			if (de->name[0] != '.')
				dp_strlist_push(&f->names, de->name);
			off += de->reclen;
		}
	}
}
#else
static int list_names(struct walker *k, struct folder *f, const char *path)
{
	struct dirent *de;

	f->d = fdopendir(f->fd);
	if (!f->d) {
		seterr_errno(k, errno, "cannot list", path);
		return DP_EIO;
	}
	errno = 0;
	while ((de = readdir(f->d))) {
		if (de->d_name[0] != '.')
			dp_strlist_push(&f->names, de->d_name);
		errno = 0;
	}
	if (errno) {
		seterr_errno(k, errno, "cannot list", path);
		return DP_EIO;
	}
	return 0;
}
#endif

/* Tells the hooks' `folder` about folder `path`, open as `fd`. */
static void note_folder(struct walker *k, int fd, const char *path)
{
	struct stat sb;

	if (k->hooks && k->hooks->folder && fstat(fd, &sb) == 0)
		k->hooks->folder(path, &sb, k->w->data);
}

/*
 * Opens folder `path` (whose last component is opened relative to
 * `parent`) and, if `list`, lists it. DP_ENOTFOUND when it is missing (no message),
 * DP_EINVALID for a symbolic link or a file, DP_EIO otherwise.
 */
static int folder_open(struct walker *k, struct folder *f, int parent,
		       const char *path, int list)
{
	const char *base = base_of(path);
	struct stat sb;
	int fd, rc;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	fd = openat(parent, base,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		if (err == ENOENT)
			return DP_ENOTFOUND;
		if (err == ELOOP || err == ENOTDIR) {
			f->link = fstatat(parent, base, &sb,
					  AT_SYMLINK_NOFOLLOW) == 0 &&
				  S_ISLNK(sb.st_mode);
			if (f->link)
				seterr(k,
				       "refusing to follow symbolic link '%s'",
				       path);
			else
				seterr(k, "cannot list '%s': Not a directory",
				       path);
			return DP_EINVALID;
		}
		seterr_errno(k, err, "cannot list", path);
		return DP_EIO;
	}
	f->fd = fd;
	note_folder(k, fd, path);
	if (!list)
		return 0;
	if ((rc = list_names(k, f, path)) < 0)
		return rc;
	dp_strlist_sort(&f->names);
	return 0;
}

/* Lets go of a shared descriptor: the last to do so closes it. */
static void fdref_put(struct fdref *r)
{
	if (__atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL) == 0) {
		close(r->fd);
		free(r);
	}
}

/* Folder `f`'s descriptor, for one more item to hold. */
static struct fdref *folder_share(struct folder *f)
{
	if (!f->shared) {
		f->shared = dp_xmalloc(sizeof(*f->shared));
		f->shared->fd = f->fd;
		f->shared->refs = 1; /* the folder's own */
	}
	__atomic_add_fetch(&f->shared->refs, 1, __ATOMIC_RELAXED);
	return f->shared;
}

static void folder_close(struct folder *f)
{
	if (f->d)
		closedir(f->d);
	else if (f->shared)
		fdref_put(f->shared);
	else if (f->fd >= 0)
		close(f->fd);
	f->d = NULL;
	f->shared = NULL;
	f->fd = -1;
	dp_strlist_release(&f->names);
}

/*
 * Reads record `path` (`base` in folder `dfd`) into `text`, refusing
 * what the store refuses: links, what is not a regular file, and files
 * over DP_FM_MAX_FILE; why not in `err`.
 */
static int read_into(struct dp_buf *text, struct dp_buf *err, int dfd,
		     const char *path, struct stat *sb)
{
	size_t max = DP_FM_MAX_FILE;
	int fd, rc = 0;

	memset(sb, 0, sizeof(*sb));
	dp_buf_reset(text);
	/* O_NONBLOCK: opening a FIFO put there must not hang. */
	fd = openat(dfd, base_of(path),
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP) {
			seterr_in(err, "refusing to follow symbolic link '%s'",
				  path);
			return DP_EINVALID;
		}
		if (errno == ENOENT) {
			seterr_in(err, "cannot read '%s': no such record",
				  path);
			return DP_ENOTFOUND;
		}
		seterr_errno_in(err, errno, "cannot read", path);
		return DP_EIO;
	}
	if (fstat(fd, sb) < 0 || !S_ISREG(sb->st_mode)) {
		seterr_in(err, "cannot read '%s': not a regular file", path);
		rc = DP_EINVALID;
		goto out;
	}
	if ((unsigned long long)sb->st_size > max) {
		seterr_in(err, "'%s' is larger than %zu bytes", path, max);
		rc = DP_ETOOBIG;
		goto out;
	}
	dp_buf_grow(text, (size_t)sb->st_size + 1);
	for (;;) {
		size_t room = text->alloc - text->len - 1;
		ssize_t n = read(fd, text->ptr + text->len, room);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			seterr_errno_in(err, errno, "cannot read", path);
			rc = DP_EIO;
			goto out;
		}
		dp_buf_setlen(text, text->len + (size_t)n);
		if (text->len > max) {
			seterr_in(err, "'%s' is larger than %zu bytes", path,
				  max);
			rc = DP_ETOOBIG;
			goto out;
		}
		/* A regular file read short is read to its end. */
		if ((size_t)n < room)
			break;
		dp_buf_grow(text, 8192);
	}
out:
	close(fd);
	return rc;
}

/*
 * Parses a record read (ret 0, the bytes in `text`) or not (ret < 0, why
 * in `err`) and hands it to hooks->work on thread `thread`, into `out`.
 */
static void work(struct walker *k, const struct dp_ref *ref, int ret,
		 const char *err, const char *text, size_t len, int thread,
		 struct dp_buf *out)
{
	struct dp_doc doc = DP_DOC_INIT;

	dp_buf_reset(out);
	if (ret < 0)
		dp_error_set("%s", err);
	else
		ret = dp_doc_parse(&doc, ref->path, text, len,
				   dp_kind_mode(ref->kind));
	k->hooks->work(ref, ret < 0 ? NULL : &doc, text, len, thread, out,
		       k->w->data);
	dp_doc_release(&doc);
}

/* What hooks->work made of a record, to hooks->done: nonzero stops. */
static int done(struct walker *k, const struct dp_ref *ref,
		const struct stat *st, const struct dp_buf *res)
{
	int ret = k->hooks->done(ref, st, res->ptr, res->len, k->w->data);

	if (ret)
		k->stopped = 1;
	return ret;
}

/*
 * Hands a record read (ret 0, the bytes in `text`) or not (ret < 0, why
 * in `err`) to the walk's `record`, parsed, or through the hooks' `work`
 * to their `done`: on the caller's thread.
 */
static int deliver(struct walker *k, const struct dp_ref *ref, int ret,
		   const char *err, const struct stat *st, const char *text,
		   size_t len)
{
	struct dp_walk_hooks *h = k->hooks;
	struct dp_doc doc = DP_DOC_INIT;

	if (h && h->work) {
		work(k, ref, ret, err, ret < 0 ? NULL : text, len, 0, &k->res);
		return done(k, ref, st, &k->res);
	}
	if (h) {
		h->st = *st;
		h->text = ret < 0 ? NULL : text;
		h->len = ret < 0 ? 0 : len;
	}
	if (ret < 0)
		dp_error_set("%s", err);
	else
		ret = dp_doc_parse(&doc, ref->path, text, len,
				   dp_kind_mode(ref->kind));
	ret = k->w->record(ref, ret < 0 ? NULL : &doc, k->w->data);
	dp_doc_release(&doc);
	if (ret)
		k->stopped = 1;
	return ret;
}

/* ---- the queue between the reader and the caller's thread ---- */

#define PIPE_BATCH 64

/*
 * The reader: the next item to fill, once there is room; in *queued
 * (if not NULL) how many items wait for the consumer.
 */
static struct item *pipe_slot(struct pipe *p, size_t *queued)
{
	pthread_mutex_lock(&p->lock);
	while (p->count == PIPE_SLOTS) {
		p->put_waits = 1;
		pthread_cond_wait(&p->can_put, &p->lock);
	}
	if (queued)
		*queued = p->count;
	pthread_mutex_unlock(&p->lock);
	return &p->items[p->head];
}

/* The reader: the item pipe_slot gave is filled. */
static void pipe_put(struct pipe *p, int last)
{
	pthread_mutex_lock(&p->lock);
	p->head = (p->head + 1) % PIPE_SLOTS;
	__atomic_add_fetch(&p->count, 1, __ATOMIC_RELAXED);
	if (p->take_waits && (p->count >= PIPE_BATCH || last)) {
		p->take_waits = 0;
		pthread_cond_signal(&p->can_take);
	}
	pthread_mutex_unlock(&p->lock);
}

/* The consumer: the oldest item, once there is one. */
static struct item *pipe_take(struct pipe *p)
{
	pthread_mutex_lock(&p->lock);
	while (!p->count) {
		p->take_waits = 1;
		pthread_cond_wait(&p->can_take, &p->lock);
	}
	pthread_mutex_unlock(&p->lock);
	return &p->items[p->tail];
}

/* The consumer: done with the item pipe_take gave; `stop`: want no more. */
static void pipe_done(struct pipe *p, int stop)
{
	pthread_mutex_lock(&p->lock);
	p->tail = (p->tail + 1) % PIPE_SLOTS;
	__atomic_sub_fetch(&p->count, 1, __ATOMIC_RELAXED);
	if (stop)
		p->stop = 1;
	if (p->put_waits && p->count <= PIPE_SLOTS / 2) {
		p->put_waits = 0;
		pthread_cond_signal(&p->can_put);
	}
	pthread_mutex_unlock(&p->lock);
}

/* The reader: 1 once the consumer wants no more items. */
static int pipe_stopped(struct pipe *p)
{
	int stop;

	pthread_mutex_lock(&p->lock);
	stop = p->stop;
	pthread_mutex_unlock(&p->lock);
	return stop;
}

/* ---- what the walk finds, handed on directly or through the queue ---- */

static void problem(struct walker *k, const char *path, const char *msg)
{
	struct item *it;

	if (!k->w->problem)
		return;
	if (!k->pipe) {
		k->w->problem(path, msg, k->w->data);
		return;
	}
	it = pipe_slot(k->pipe, NULL);
	it->type = IT_PROBLEM;
	dp_buf_reset(&it->path);
	dp_buf_adds(&it->path, path);
	dp_buf_reset(&it->msg);
	dp_buf_adds(&it->msg, msg);
	pipe_put(k->pipe, 0);
}

/*
 * A record read into k->text (ret 0) or not (ret < 0, why in k->err).
 * Nonzero stops the walk: `record`'s code, or 1 when the consumer on the
 * other side of the queue stopped.
 */
static int emit_record(struct walker *k, const struct dp_ref *ref, int ret,
		       const struct stat *st)
{
	struct item *it;
	struct dp_buf swap;
	size_t queued;

	if (!k->pipe)
		return deliver(k, ref, ret, k->err.ptr, st, k->text.ptr,
			       k->text.len);
	it = pipe_slot(k->pipe, &queued);
	it->type = IT_RECORD;
	it->ret = ret;
	it->ref = *ref;
	it->st = *st;
	dp_buf_reset(&it->msg);
	if (ret < 0)
		dp_buf_adds(&it->msg, k->err.ptr);
	/* The bytes change hands; the item's old buffer is read into next. */
	swap = it->text;
	it->text = k->text;
	k->text = swap;
	/*
	 * The consumer is behind (the queue half full): the reader does the
	 * work of this record too, so that both threads have some.
	 */
	it->worked = k->hooks && k->hooks->work &&
		     (queued >= PIPE_SLOTS / 2 || k->share_all);
	if (it->worked)
		work(k, ref, ret, it->msg.ptr, ret < 0 ? NULL : it->text.ptr,
		     it->text.len, 1, &it->res);
	pipe_put(k->pipe, 0);
	return pipe_stopped(k->pipe);
}

/* A record the hooks' `known` answered for: `reuse` takes it, in order. */
static int emit_known(struct walker *k, const struct dp_ref *ref,
		      const struct stat *st)
{
	struct item *it;

	if (!k->pipe) {
		k->hooks->reuse(ref, st, k->w->data);
		return 0;
	}
	it = pipe_slot(k->pipe, NULL);
	it->type = IT_KNOWN;
	it->ref = *ref;
	it->st = *st;
	pipe_put(k->pipe, 0);
	return 0;
}

/*
 * 1 if the next record of folder `f` is to be handed on unread, for the
 * caller's thread to read: the queue is running short, so the reader is
 * the one behind.
 */
static int hand_unread(const struct walker *k, const struct folder *f)
{
	if (!k->pipe || !f || f->d || f->fd < 0 || k->share_all)
		return 0;
	return k->read_all ||
	       __atomic_load_n(&k->pipe->count, __ATOMIC_RELAXED) <
		   PIPE_SLOTS / 4;
}

/* Record `ref` of folder `f`, handed on for the caller's thread to read. */
static int emit_unread(struct walker *k, struct folder *f,
		       const struct dp_ref *ref, const char *missing)
{
	struct item *it = pipe_slot(k->pipe, NULL);

	it->type = IT_UNREAD;
	it->ref = *ref;
	it->dir = folder_share(f);
	it->missing = missing;
	pipe_put(k->pipe, 0);
	return pipe_stopped(k->pipe);
}

/*
 * Reads one record of folder `dfd` (`f` when the walk listed it) and
 * hands it on. A missing file is a problem only when `missing` says what
 * to tell the user; else skipped.
 */
static int visit(struct walker *k, struct folder *f, int dfd, const char *path,
		 const char *missing)
{
	struct dp_walk_hooks *h = k->hooks;
	struct stat sb;
	struct dp_ref ref;
	int ret;

	if (!in_scope(k, path, 0))
		return 0;
	if (dp_layout_parse(&ref, dp_plan_layout(k->plan), path) < 0)
		return 0;
	if (!wants(k, ref.kind))
		return 0;
	if (h && h->known && h->reuse &&
	    fstatat(dfd, base_of(path), &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode) && h->known(&ref, &sb, k->w->data))
		return emit_known(k, &ref, &sb);
	if (hand_unread(k, f))
		return emit_unread(k, f, &ref, missing);
	ret = read_into(&k->text, &k->err, dfd, path, &sb);
	if (ret == DP_ENOTFOUND) {
		if (missing)
			problem(k, path, missing);
		return 0;
	}
	return emit_record(k, &ref, ret, &sb);
}

/*
 * Opens the folder `path` (a person's, a group's) in `parent` when it is
 * to be walked; 0 when it is not, a folder missing or a symbolic link or
 * a file where a folder should be being a problem.
 */
static int folder_in_scope(struct walker *k, struct folder *f, int parent,
			   const char *path, int list)
{
	int rc;

	if (!in_scope(k, path, 1))
		return 0;
	rc = folder_open(k, f, parent, path, list);
	if (rc == DP_EINVALID && f->link)
		problem(k, path,
			"not a folder: a symbolic link (never followed)");
	else if (rc == DP_ENOTFOUND || rc == DP_EINVALID)
		problem(k, path, "not a folder");
	else if (rc < 0)
		problem(k, path, k->err.ptr);
	if (rc < 0)
		folder_close(f);
	return rc == 0;
}

/* Every <name>.md in folder `dir` of `parent` (a kind's folder), by name. */
static int walk_folder(struct walker *k, int parent, const char *dir,
		       const char *noun)
{
	struct folder f;
	struct dp_buf path = DP_BUF_INIT;
	int ret;

	if (!in_scope(k, dir, 1))
		return 0;
	if ((ret = folder_open(k, &f, parent, dir, 1)) < 0) {
		/* Missing is fine; one unreadable folder is a problem. */
		if (ret == DP_ENOTFOUND)
			ret = 0;
		if (ret == DP_EINVALID) {
			problem(k, dir, k->err.ptr);
			ret = 0;
		}
		goto out;
	}
	for (size_t i = 0; i < f.names.len && ret == 0; i++) {
		char *name = f.names.items[i];

		if (!dp_ends_with(name, ".md"))
			continue;
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir, name);
		name[strlen(name) - 3] = '\0';
		if (!dp_id_valid(name)) {
			dp_buf_reset(&k->msg);
			dp_buf_addf(&k->msg,
				    "'%s' is not a valid %s name (a-z, 0-9, "
				    "'-' and '_')",
				    name, noun);
			problem(k, path.ptr, k->msg.ptr);
			continue;
		}
		ret = visit(k, &f, f.fd, path.ptr, NULL);
	}
out:
	folder_close(&f);
	dp_buf_release(&path);
	return ret;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(a, *(char *const *)b);
}

/* 1 if the folder listed holds `name`. */
static int has(const struct folder *f, const char *name)
{
	return f->names.len &&
	       bsearch(name, f->names.items, f->names.len,
		       sizeof(*f->names.items), cmp_name) != NULL;
}

/* The records of one person, the person's folder `dir` being in `parent`. */
static int walk_person(struct walker *k, int parent, const char *dir,
		       const char *person)
{
	const struct dp_layout *lo = dp_plan_layout(k->plan);
	struct dp_buf want = DP_BUF_INIT;
	struct folder f = { NULL, -1, DP_STRLIST_INIT, 0, NULL };
	int ret = 0;

	if (!folder_in_scope(k, &f, parent, dir, 1))
		goto out;
	if (!dp_id_valid(person)) {
		problem(k, dir, "not a valid person id");
		goto out;
	}
	dp_layout_person_dir(&want, lo, person);
	if (strcmp(want.ptr, dir)) {
		/* Grouped: people/zz/alice, or a flat people/alice. */
		dp_buf_reset(&k->msg);
		dp_buf_addf(&k->msg, "belongs in %s", want.ptr);
		problem(k, dir, k->msg.ptr);
		goto out;
	}
	for (int kind = DP_KIND_UNKNOWN + 1; kind < DP_KIND_COUNT && !ret;
	     kind++) {
		const struct dp_kind_def *def = dp_kind_def((enum dp_kind)kind);

		if (def->scope != DP_SCOPE_PERSON)
			continue;
		dp_buf_reset(&want);
		/* What the folder does not hold is not looked for. */
		if (kind != DP_KIND_PROFILE &&
		    !has(&f, def->file ? def->file : def->dir))
			continue;
		if (def->file) {
			/* No kind of a person's has its file in a folder. */
			dp_buf_addf(&want, "%s/%s", dir, def->file);
			ret = visit(k, &f, f.fd, want.ptr,
				    kind == DP_KIND_PROFILE
					? "missing: every person needs a "
					  "profile (see 'devplan new-person')"
					: NULL);
		} else if (wants(k, (enum dp_kind)kind)) {
			dp_buf_addf(&want, "%s/%s", dir, def->dir);
			ret = walk_folder(k, f.fd, want.ptr, def->name);
		}
	}
out:
	folder_close(&f);
	dp_buf_release(&want);
	return ret;
}

/* 1 if `name` may be a group folder: two digits. */
static int group_name_ok(const char *name)
{
	return strlen(name) == 2 && name[0] >= '0' && name[0] <= '9' &&
	       name[1] >= '0' && name[1] <= '9';
}

/*
 * Grouped: the group folder people/<group>, and every person in it.
 * A person's folder left flat (people/alice/) gets told where it belongs.
 */
static int walk_group(struct walker *k, int parent, const char *dir,
		      const char *group)
{
	struct folder f = { NULL, -1, DP_STRLIST_INIT, 0, NULL };
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (!group_name_ok(group)) {
		if (!in_scope(k, dir, 1))
			goto out;
		if (dp_id_valid(group)) {
			ret = walk_person(k, parent, dir, group);
		} else if (folder_in_scope(k, &f, parent, dir, 0)) {
			problem(k, dir,
				"not a group folder (people/<two digits from "
				"a hash of the id>/<id>/)");
		}
		goto out;
	}
	if (!folder_in_scope(k, &f, parent, dir, 1))
		goto out;
	for (size_t i = 0; i < f.names.len && ret == 0; i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir, f.names.items[i]);
		ret = walk_person(k, f.fd, path.ptr, f.names.items[i]);
	}
out:
	folder_close(&f);
	dp_buf_release(&path);
	return ret;
}

/*
 * Opens the folder that holds work-tree path `path`, one component at a
 * time from the top and never through a link: a descriptor; -1 when a
 * folder on the way is missing or a file; -2 (with the message the store
 * gives) when one is a symbolic link.
 */
static int open_parent_of(struct walker *k, const char *path)
{
	const char *p = path, *slash;
	int fd = fcntl(k->top, F_DUPFD_CLOEXEC, 0);

	while (fd >= 0 && (slash = strchr(p, '/'))) {
		char *comp = dp_xstrndup(p, (size_t)(slash - p));
		int nfd = openat(
		    fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		struct stat sb;

		if (nfd < 0 &&
		    fstatat(fd, comp, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISLNK(sb.st_mode)) {
			seterr(k, "refusing to follow symbolic link '%.*s'",
			       (int)(slash - path), path);
			nfd = -2;
		}
		free(comp);
		if (nfd >= 0 && k->hooks && k->hooks->folder) {
			/* The folder's path from the top, this far. */
			comp = dp_xstrndup(path, (size_t)(slash - path));
			note_folder(k, nfd, comp);
			free(comp);
		}
		close(fd);
		fd = nfd;
		p = slash + 1;
	}
	return fd;
}

static int walk_people(struct walker *k)
{
	const struct dp_layout *lo = dp_plan_layout(k->plan);
	struct folder f = { NULL, -1, DP_STRLIST_INIT, 0, NULL };
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0, pfd = -1;

	if (k->w->person) {
		/* Only that person, whose folder must be a real one. */
		if (dp_layout_person_dir(&path, lo, k->w->person) == 0 &&
		    (pfd = open_parent_of(k, path.ptr)) >= 0) {
			struct folder probe;

			if (folder_open(k, &probe, pfd, path.ptr, 0) == 0)
				ret =
				    walk_person(k, pfd, path.ptr, k->w->person);
			folder_close(&probe);
		}
		dp_error_clear();
		goto out;
	}
	/*
	 * Every folder under people/ (and, grouped, under each group), so
	 * that a broken or misplaced one is noticed too.
	 */
	if (!in_scope(k, DP_DIR_PEOPLE, 1))
		goto out;
	if ((ret = folder_open(k, &f, k->top, DP_DIR_PEOPLE, 1)) < 0) {
		if (ret == DP_ENOTFOUND)
			ret = 0;
		goto out;
	}
	for (size_t i = 0; i < f.names.len && ret == 0; i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", DP_DIR_PEOPLE, f.names.items[i]);
		ret = lo->grouped
			  ? walk_group(k, f.fd, path.ptr, f.names.items[i])
			  : walk_person(k, f.fd, path.ptr, f.names.items[i]);
	}
out:
	if (pfd >= 0)
		close(pfd);
	folder_close(&f);
	dp_buf_release(&path);
	return ret;
}

/* A record at a fixed path from the top (devplan.yaml, competencies). */
static int visit_path(struct walker *k, const char *path, const char *missing)
{
	int fd, ret;

	if (!in_scope(k, path, 0))
		return 0;
	fd = open_parent_of(k, path);
	if (fd == -2) {
		/* The store refuses to read it: handed on unread. */
		struct dp_ref ref;
		struct stat sb;

		if (dp_layout_parse(&ref, dp_plan_layout(k->plan), path) < 0 ||
		    !wants(k, ref.kind))
			return 0;
		memset(&sb, 0, sizeof(sb));
		return emit_record(k, &ref, DP_EINVALID, &sb);
	}
	if (fd < 0) {
		if (missing)
			problem(k, path, missing);
		return 0;
	}
	ret = visit(k, NULL, fd, path, missing);
	close(fd);
	return ret;
}

/* The roles' folder, framework/roles. */
static int walk_roles(struct walker *k)
{
	int fd, ret;

	if (!wants(k, DP_KIND_ROLE) || !in_scope(k, DP_DIR_ROLES, 1))
		return 0;
	fd = open_parent_of(k, DP_DIR_ROLES);
	if (fd == -2)
		problem(k, DP_DIR_ROLES, k->err.ptr);
	if (fd < 0)
		return 0;
	ret = walk_folder(k, fd, DP_DIR_ROLES, "role");
	close(fd);
	return ret;
}

/* Everything the walk visits, in order. */
static int walk_all(struct walker *k)
{
	int ret = 0;

	if (!k->w->person) {
		ret = visit_path(k, DP_PATH_CONFIG,
				 "missing: not a plan repository? (see "
				 "'devplan init')");
		if (ret == 0)
			ret = visit_path(k, DP_PATH_COMPETENCIES, NULL);
		if (ret == 0)
			ret = walk_roles(k);
	}
	if (ret == 0)
		ret = walk_people(k);
	return ret;
}

/* The reader thread: the whole walk, then an end item with its result. */
static void *reader(void *data)
{
	struct walker *k = data;
	int ret = walk_all(k);
	struct item *it = pipe_slot(k->pipe, NULL);

	it->type = IT_END;
	it->ret = ret;
	dp_buf_reset(&it->msg);
	dp_buf_adds(&it->msg, k->err.ptr);
	pipe_put(k->pipe, 1);
	dp_error_clear(); /* the thread's own, set by its parsing */
	return NULL;
}

/*
 * The caller's thread: reads a record handed on unread and hands it on
 * as the reader would have; its folder is let go of in any case.
 */
static int take_unread(struct walker *k, struct item *it)
{
	struct stat sb;
	int ret = 0;

	if (!k->stopped) {
		ret = read_into(&k->ctext, &k->cerr, it->dir->fd, it->ref.path,
				&sb);
		if (ret == DP_ENOTFOUND) {
			if (it->missing && k->w->problem)
				k->w->problem(it->ref.path, it->missing,
					      k->w->data);
			ret = 0;
		} else {
			ret = deliver(k, &it->ref, ret, k->cerr.ptr, &sb,
				      k->ctext.ptr, k->ctext.len);
		}
	}
	fdref_put(it->dir);
	it->dir = NULL;
	return ret;
}

/* The caller's thread: every item, in order, up to the end item. */
static int consume(struct walker *k)
{
	struct pipe *p = k->pipe;
	int ret = 0;

	for (;;) {
		struct item *it = pipe_take(p);
		int r = 0;

		if (it->type == IT_END) {
			if (!k->stopped && (ret = it->ret) < 0)
				dp_error_set("%s", it->msg.ptr);
			pipe_done(p, 0);
			return ret;
		}
		if (it->type == IT_UNREAD)
			r = take_unread(k, it);
		else if (k->stopped)
			;
		else if (it->type == IT_PROBLEM)
			k->w->problem(it->path.ptr, it->msg.ptr, k->w->data);
		else if (it->type == IT_KNOWN)
			k->hooks->reuse(&it->ref, &it->st, k->w->data);
		else if ((r = it->worked ? done(k, &it->ref, &it->st, &it->res)
					 : deliver(k, &it->ref, it->ret,
						   it->msg.ptr, &it->st,
						   it->text.ptr, it->text.len)))
			ret = r;
		pipe_done(p, r != 0);
	}
}

/*
 * 1 if the walk is to have a reader thread. DEVPLAN_WALK_THREADS=0 says
 * no; =2 has the reader do the hooks' work for every record it can, =3
 * the caller's thread read every record it can, so that the tests see
 * those paths whatever the machine's speed.
 */
static int threaded(const struct dp_walk *w, int *share_all, int *read_all)
{
	const char *env = getenv("DEVPLAN_WALK_THREADS");

	*share_all = env && !strcmp(env, "2");
	*read_all = env && !strcmp(env, "3");
	/* One person's records are few: not worth a thread. */
	if (w->person || (env && !strcmp(env, "0")))
		return 0;
	return sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

/*
 * The walk with a reader thread, its result in *ret; -1 (nothing done)
 * if the thread cannot start.
 */
static int walk_threaded(struct walker *k, int *ret)
{
	struct pipe *p = dp_xcalloc(1, sizeof(*p));
	pthread_t tid;
	int started;

	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->can_put, NULL);
	pthread_cond_init(&p->can_take, NULL);
	for (size_t i = 0; i < PIPE_SLOTS; i++) {
		dp_buf_init(&p->items[i].path, 0);
		dp_buf_init(&p->items[i].msg, 0);
		dp_buf_init(&p->items[i].text, 0);
		dp_buf_init(&p->items[i].res, 0);
	}
	k->pipe = p;
	started = pthread_create(&tid, NULL, reader, k) == 0;
	if (started) {
		*ret = consume(k);
		pthread_join(tid, NULL);
	}
	k->pipe = NULL;
	for (size_t i = 0; i < PIPE_SLOTS; i++) {
		dp_buf_release(&p->items[i].path);
		dp_buf_release(&p->items[i].msg);
		dp_buf_release(&p->items[i].text);
		dp_buf_release(&p->items[i].res);
	}
	pthread_cond_destroy(&p->can_take);
	pthread_cond_destroy(&p->can_put);
	pthread_mutex_destroy(&p->lock);
	free(p);
	return started ? 0 : -1;
}

int dp_plan_walk_hooked(struct dp_plan *plan, const struct dp_walk *w,
			struct dp_walk_hooks *hooks)
{
	struct walker k;
	const char *top = dp_store_workdir(dp_plan_store(plan));
	int ret = 0;

	memset(&k, 0, sizeof(k));
	k.plan = plan;
	k.w = w;
	k.hooks = hooks;
	dp_buf_init(&k.msg, 0);
	dp_buf_init(&k.err, 0);
	dp_buf_init(&k.text, 0);
	dp_buf_init(&k.res, 0);
	dp_buf_init(&k.ctext, 0);
	dp_buf_init(&k.cerr, 0);
	k.dents = dp_xmalloc(DENTS_SIZE);
	k.top = top ? open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (k.top < 0) {
		dp_error_set_errno("cannot open '%s'", top ? top : "");
		free(k.dents);
		return DP_EIO;
	}
	note_folder(&k, k.top, "");
	if (!threaded(w, &k.share_all, &k.read_all) ||
	    walk_threaded(&k, &ret) < 0) {
		ret = walk_all(&k);
		if (ret < 0 && !k.stopped)
			dp_error_set("%s", k.err.ptr);
	}
	close(k.top);
	dp_buf_release(&k.msg);
	dp_buf_release(&k.err);
	dp_buf_release(&k.text);
	dp_buf_release(&k.res);
	dp_buf_release(&k.ctext);
	dp_buf_release(&k.cerr);
	free(k.dents);
	return ret;
}

int dp_plan_walk(struct dp_plan *plan, const struct dp_walk *w)
{
	return dp_plan_walk_hooked(plan, w, NULL);
}
