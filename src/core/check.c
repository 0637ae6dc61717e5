/* SPDX-License-Identifier: MIT */
/*
 * Checking a plan: every record (or the ones and folders named) read
 * once through the walk, validated against its schema and references,
 * then the rules across records (one email per person, manager chains
 * that end). Findings come back; nothing is printed here.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devplan/check.h"
#include "devplan/check-cache.h"
#include "devplan/markdown.h"
#include "devplan/walk.h"
#include "devplan/banned.h"

/* A reference looked up once: "<what>\0<id>" and whether it exists. */
struct known_ref {
	char *key;
	int exists;
};

/* What examining one record needs, one for each thread of the walk. */
struct scratch {
	struct dp_buf res, key;
	struct dp_findings own; /* one record's findings */
};

struct checker {
	struct dp_plan *plan;
	struct dp_findings *findings;
	size_t records;
	/* "email\tpath\tline\tcol" of every profile, to find shared emails. */
	struct dp_strlist emails;
	/* "person\tmanager\tline\tcol" of every profile, to find cycles. */
	struct dp_strlist managers;
	struct dp_check_cache *cache;
	struct dp_walk_hooks hooks;
	struct known_ref *refs; /* open addressing, `nrefs` of `mask` + 1 */
	size_t nrefs, mask;
	struct dp_buf key;     /* scratch, on the caller's thread */
	struct scratch scr[2]; /* [thread] of the walk's `work` */
};

/*
 * What check finds in one record on its own is kept as a list of items,
 * the same whether just found or taken from the cache: each is a type
 * byte, line and column (native unsigned), and NUL-terminated strings:
 *   E, W  an error or warning: message
 *   R     a reference: what ("person", "role", "competency"), field, id
 *   M     a profile's email, in lower case
 *   G     a profile's manager (after its M)
 * The references and the rules across records (emails, managers) are
 * worked out again on every check from these.
 */
static void item(struct dp_buf *b, char type, unsigned line, unsigned col,
		 const char *s1, const char *s2, const char *s3)
{
	dp_buf_addch(b, type);
	dp_buf_add(b, (const char *)&line, sizeof(line));
	dp_buf_add(b, (const char *)&col, sizeof(col));
	dp_buf_add(b, s1, strlen(s1) + 1);
	if (s2) {
		dp_buf_add(b, s2, strlen(s2) + 1);
		dp_buf_add(b, s3, strlen(s3) + 1);
	}
}

/* Whether the `what` called `id` exists, each asked of the plan once. */
static int ref_exists(struct checker *c, const char *what, const char *id)
{
	const struct dp_refs *refs = dp_plan_refs(c->plan);
	int (*exists)(const char *, void *) = NULL;
	size_t wl = strlen(what), il = strlen(id), slot;

	if (!c->refs || (c->nrefs + 1) * 2 > c->mask + 1) {
		struct known_ref *old = c->refs;
		size_t n = old ? c->mask + 1 : 0;

		c->mask = n ? n * 2 - 1 : 63;
		c->refs = dp_xcalloc(c->mask + 1, sizeof(*c->refs));
		for (size_t i = 0; i < n; i++) {
			const char *k = old[i].key;

			if (!k)
				continue;
			slot = dp_fnv1a(k, strlen(k) + 1 +
					       strlen(k + strlen(k) + 1)) &
			       c->mask;
			while (c->refs[slot].key)
				slot = (slot + 1) & c->mask;
			c->refs[slot] = old[i];
		}
		free(old);
	}
	dp_buf_reset(&c->key);
	dp_buf_add(&c->key, what, wl + 1);
	dp_buf_add(&c->key, id, il);
	slot = dp_fnv1a(c->key.ptr, c->key.len) & c->mask;
	for (; c->refs[slot].key; slot = (slot + 1) & c->mask) {
		const char *k = c->refs[slot].key; /* "what\0id\0" */

		if (!strcmp(k, what) && !strcmp(k + strlen(k) + 1, id))
			return c->refs[slot].exists;
	}
	if (!strcmp(what, "person"))
		exists = refs->person_exists;
	else if (!strcmp(what, "role"))
		exists = refs->role_exists;
	else if (!strcmp(what, "competency"))
		exists = refs->competency_exists;
	c->refs[slot].key = dp_xmalloc(c->key.len + 1);
	memcpy(c->refs[slot].key, c->key.ptr, c->key.len + 1);
	c->refs[slot].exists = !exists || exists(id, refs->data);
	c->nrefs++;
	return c->refs[slot].exists;
}

/* Adds what the items `res` say about record `path`. */
static void replay(struct checker *c, const char *path, const char *res,
		   size_t len)
{
	const char *p = res, *end = res + len;
	unsigned line, col;

	while (end - p >= 9) {
		const char *s[3] = { "", "", "" }, *z;
		char type = *p;
		int ns = type == 'R' ? 3 : 1;

		memcpy(&line, p + 1, sizeof(line));
		memcpy(&col, p + 5, sizeof(col));
		p += 9;
		for (int i = 0; i < ns; i++, p = z + 1) {
			if (!(z = memchr(p, '\0', (size_t)(end - p))))
				return;
			s[i] = p;
		}
		switch (type) {
		case 'E':
		case 'W':
			dp_findings_add(c->findings,
					type == 'E' ? DP_SEV_ERROR
						    : DP_SEV_WARNING,
					path, line, col, "%s", s[0]);
			break;
		case 'R':
			if (!ref_exists(c, s[0], s[2]))
				dp_findings_add(
				    c->findings, DP_SEV_ERROR, path, line, col,
				    "%s: unknown %s '%s'", s[1], s[0], s[2]);
			break;
		case 'M':
			dp_buf_reset(&c->key);
			dp_buf_addf(&c->key, "%s\t%s\t%u\t%u", s[0], path, line,
				    col);
			dp_strlist_push(&c->emails, c->key.ptr);
			break;
		case 'G':
			dp_buf_reset(&c->key);
			if (dp_layout_person_of(
				&c->key, dp_plan_layout(c->plan), path) < 0)
				break;
			dp_buf_addf(&c->key, "\t%s\t%u\t%u", s[0], line, col);
			dp_strlist_push(&c->managers, c->key.ptr);
			break;
		}
	}
}

/* The findings of s->own from `from` on, as items. */
static void flush_own(struct scratch *s, size_t *from)
{
	for (; *from < s->own.len; (*from)++) {
		const struct dp_finding *f = &s->own.items[*from];

		item(&s->res, f->severity == DP_SEV_ERROR ? 'E' : 'W', f->line,
		     f->col, f->message, NULL, NULL);
	}
}

struct deferring {
	struct scratch *s;
	size_t done; /* findings of s->own already in s->res */
};

static void on_ref(const char *what, const char *id, unsigned line,
		   unsigned col, const char *field, void *data)
{
	struct deferring *d = data;

	flush_own(d->s, &d->done);
	item(&d->s->res, 'R', line, col, what, field, id);
}

/*
 * The last core error as an item about the record, at the line and
 * column the core gave when it gave one (a parse error), else whole.
 */
static void error_item(struct scratch *s)
{
	unsigned line = 0, col = 0;
	const char *msg = dp_error_last();

	if (!dp_error_last_at(&line, &col, &msg))
		line = col = 0;
	item(&s->res, 'E', line, col, *msg ? msg : "cannot be read", NULL,
	     NULL);
}

/* Remembers a profile's email: devplan tells people apart by it. */
static void note_email(struct scratch *s, const struct dp_doc *doc)
{
	const struct dp_node *e = dp_doc_lookup(doc, "email");

	if (!e || e->type != DP_SCALAR || !*e->str)
		return;
	dp_buf_reset(&s->key);
	for (const char *p = e->str; *p; p++)
		dp_buf_addch(&s->key,
			     *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	item(&s->res, 'M', e->line, e->col, s->key.ptr, NULL, NULL);
	e = dp_doc_lookup(doc, "manager");
	if (e && e->type == DP_SCALAR && *e->str)
		item(&s->res, 'G', e->line, e->col, e->str, NULL, NULL);
}

static int cmp_person(const void *key, const void *item)
{
	const char *k = key, *it = *(char *const *)item;
	size_t len = strcspn(it, "\t");
	int r = strncmp(k, it, len);

	return r ? r : (unsigned char)k[len];
}

/* The index of `person` in the sorted managers list, or -1. */
static long person_index(const struct checker *c, const char *person)
{
	char **hit = bsearch(person, c->managers.items, c->managers.len,
			     sizeof(*c->managers.items), cmp_person);

	return hit ? (long)(hit - c->managers.items) : -1;
}

/* "alice -> bob -> alice", long loops shortened in the middle. */
static void describe_loop(struct checker *c, struct dp_buf *out,
			  const long *next, long start)
{
	size_t len = 1, k = 0;

	for (long j = next[start]; j != start; j = next[j])
		len++;
	dp_buf_reset(out);
	for (long j = start;; j = next[j], k++) {
		const char *it = c->managers.items[j];

		if (k < 8 || k == len) {
			dp_buf_addf(out, "%s%.*s", k ? " -> " : "",
				    (int)strcspn(it, "\t"), it);
		} else if (k == 8) {
			dp_buf_addf(out, " -> ... (%zu people)", len);
			k = len - 1;
			j = start;
			while (next[j] != start)
				j = next[j];
		}
		if (k == len)
			break;
	}
}

/*
 * A manager chain that comes back to where it started has no top. Each
 * profile's manager is followed once (a walk that meets a profile it has
 * already settled stops), so loops of any length are found in linear time.
 */
static void check_manager_cycles(struct checker *c)
{
	struct dp_buf chain = DP_BUF_INIT, mgr = DP_BUF_INIT;
	struct dp_buf path = DP_BUF_INIT;
	size_t n;
	long *next;
	unsigned char *state; /* 0 new, 1 on the current walk, 2 settled */

	dp_strlist_sort(&c->managers);
	n = c->managers.len;
	next = dp_xcalloc(n + 1, sizeof(*next));
	state = dp_xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		const char *it = c->managers.items[i];
		const char *m = it + strcspn(it, "\t") + 1;

		dp_buf_reset(&mgr);
		dp_buf_add(&mgr, m, strcspn(m, "\t"));
		next[i] = person_index(c, mgr.ptr);
	}
	for (size_t i = 0; i < n; i++) {
		long j = (long)i, cyc;

		while (j >= 0 && state[j] == 0) {
			state[j] = 1;
			j = next[j];
		}
		cyc = j >= 0 && state[j] == 1 ? j : -1;
		/* Their own manager: the profile's own check said so. */
		if (cyc >= 0 && next[cyc] == cyc) {
			state[cyc] = 2;
			cyc = -1;
		}
		/* Report each member of a loop just found, from itself. */
		for (long k = cyc; k >= 0;) {
			const char *it = c->managers.items[k];
			const char *rest =
			    strchr(strchr(it, '\t') + 1, '\t') + 1;
			unsigned line = (unsigned)strtoul(rest, NULL, 10);
			unsigned col =
			    (unsigned)strtoul(strchr(rest, '\t') + 1, NULL, 10);

			describe_loop(c, &chain, next, k);
			dp_buf_reset(&mgr);
			dp_buf_add(&mgr, it, strcspn(it, "\t"));
			dp_buf_reset(&path);
			dp_layout_profile(&path, dp_plan_layout(c->plan),
					  mgr.ptr);
			dp_findings_add(c->findings, DP_SEV_ERROR, path.ptr,
					line, col,
					"manager: the chain comes back round: "
					"%s",
					chain.ptr);
			state[k] = 2;
			k = next[k];
			if (k == cyc)
				break;
		}
		for (j = (long)i; j >= 0 && state[j] == 1; j = next[j])
			state[j] = 2;
	}
	free(state);
	free(next);
	dp_buf_release(&path);
	dp_buf_release(&mgr);
	dp_buf_release(&chain);
}

/* Two profiles with one email: whose is `git config user.email`? */
static void check_emails(struct checker *c)
{
	dp_strlist_sort(&c->emails);
	for (size_t i = 1; i < c->emails.len; i++) {
		const char *prev = c->emails.items[i - 1];
		char *cur = c->emails.items[i];
		size_t len = strcspn(cur, "\t");
		char *path, *line, *col;

		if (strncmp(prev, cur, len) || prev[len] != '\t')
			continue;
		path = cur + len + 1;
		line = strchr(path, '\t');
		*line++ = '\0';
		col = strchr(line, '\t');
		*col++ = '\0';
		dp_findings_add(
		    c->findings, DP_SEV_ERROR, path,
		    (unsigned)strtoul(line, NULL, 10),
		    (unsigned)strtoul(col, NULL, 10),
		    "email: '%.*s' is also the email of %.*s", (int)len, cur,
		    (int)strcspn(prev + len + 1, "\t"), prev + len + 1);
	}
}

/*
 * The repository folder `name` names, typed relative to the current
 * folder, into `out` ("" for the top); 0 when it names no folder.
 */
static int folder_of(struct dp_buf *out, struct dp_store *st, const char *name)
{
	const char *top = dp_store_workdir(st);
	size_t toplen = strlen(top);
	struct dp_buf joined = DP_BUF_INIT;
	const char *p;
	int ret = 0;

	if (name[0] == '/') {
		if (!strncmp(name, top, toplen))
			dp_buf_adds(&joined, name + toplen);
		else if (!strncmp(name, top, toplen - 1) && !name[toplen - 1])
			dp_buf_adds(&joined, "");
		else
			goto out;
	} else {
		dp_buf_addf(&joined, "%s%s", dp_store_prefix(st), name);
	}
	/* Fold "." and ".." lexically, as git does with pathspecs. */
	dp_buf_reset(out);
	for (p = joined.ptr; *p;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);

		if (len == 2 && !strncmp(p, "..", 2)) {
			char *up = strrchr(out->ptr, '/');

			if (!out->len)
				goto out; /* above the top */
			dp_buf_setlen(out, up ? (size_t)(up - out->ptr) : 0);
		} else if (len && !(len == 1 && *p == '.')) {
			if (out->len)
				dp_buf_addch(out, '/');
			dp_buf_add(out, p, len);
		}
		p += len + (slash ? 1 : 0);
	}
	ret = !out->len || dp_store_isdir(st, out->ptr);
out:
	dp_buf_release(&joined);
	return ret;
}

static void on_problem(const char *path, const char *msg, void *data)
{
	struct checker *c = data;

	dp_check_cache_walk_void(c->cache);
	dp_findings_add(c->findings, DP_SEV_ERROR, path, 0, 0, "%s", msg);
}

/* A folder the walk opened (on its reader thread): for the walk table. */
static void on_folder(const char *path, const struct stat *st, void *data)
{
	struct checker *c = data;

	dp_check_cache_walk_folder(c->cache, path, st);
}

/* The Markdown body within the limits the renderer keeps (markdown.h). */
static void check_body(struct dp_findings *out, const struct dp_ref *ref,
		       const struct dp_doc *doc)
{
	unsigned line = 1, col = 1;
	const char *body, *msg;
	size_t len;

	if (doc->mode != DP_DOC_FRONT_MATTER)
		return;
	body = dp_doc_body(doc, &len);
	for (size_t i = 0; i < doc->body_start; i++)
		line += doc->text.ptr[i] == '\n';
	if (dp_markdown_check(ref->path, line, body, len) == 0)
		return;
	if (!dp_error_last_at(&line, &col, &msg))
		msg = dp_error_last();
	dp_findings_add(out, DP_SEV_ERROR, ref->path, line, col, "%s", msg);
}

/*
 * The items of one record read and parsed (or not: `doc` NULL) into
 * s->res. Touches nothing but `s`: it runs on either thread of the walk.
 */
static void examine(struct scratch *s, const struct dp_ref *ref,
		    const struct dp_doc *doc)
{
	struct deferring d = { s, 0 };

	dp_buf_reset(&s->res);
	if (!doc) {
		error_item(s);
		return;
	}
	dp_findings_release(&s->own);
	dp_record_validate_deferred(&s->own, ref, doc, on_ref, &d);
	check_body(&s->own, ref, doc);
	flush_own(s, &d.done);
	if (ref->kind == DP_KIND_PROFILE)
		note_email(s, doc);
}

/* A record named on the command line: checked, not cached. */
static int on_record(const struct dp_ref *ref, const struct dp_doc *doc,
		     void *data)
{
	struct checker *c = data;

	c->records++;
	examine(&c->scr[0], ref, doc);
	replay(c, ref->path, c->scr[0].res.ptr, c->scr[0].res.len);
	return 0;
}

/*
 * A record the walk read (or could not read), on either of its threads:
 * into `out`, a byte saying whether the record can be cached, its blob
 * id if so, then its items, taken from the cache when it has them for
 * that blob. Reads the cache, writes nothing shared.
 */
static void on_work(const struct dp_ref *ref, const struct dp_doc *doc,
		    const char *text, size_t len, int thread,
		    struct dp_buf *out, void *data)
{
	struct checker *c = data;
	struct scratch *s = &c->scr[thread];
	unsigned char id[DP_BLOB_ID_LEN];
	const char *res = NULL;
	size_t rlen = 0;

	if (!text) {
		/* Unreadable: nothing to keep. */
		dp_buf_addch(out, 0);
		examine(s, ref, doc);
		dp_buf_add(out, s->res.ptr, s->res.len);
		return;
	}
	dp_store_blob_id(id, text, len); /* cannot fail */
	dp_buf_addch(out, 1);
	dp_buf_add(out, (const char *)id, sizeof(id));
	res = dp_check_cache_lookup_id(c->cache, ref->path, id, &rlen);
	if (!res) {
		examine(s, ref, doc);
		res = s->res.ptr;
		rlen = s->res.len;
	}
	dp_buf_add(out, res, rlen);
}

/* What on_work made of a record, in the walk's order: kept, counted. */
static int on_done(const struct dp_ref *ref, const struct stat *st,
		   const char *res, size_t len, void *data)
{
	struct checker *c = data;
	size_t skip = 1 + (len && res[0] ? DP_BLOB_ID_LEN : 0);

	c->records++;
	if (len < skip)
		return 0;
	if (res[0])
		dp_check_cache_put(c->cache, ref->path, st,
				   (const unsigned char *)res + 1, res + skip,
				   len - skip);
	else
		dp_check_cache_walk_void(c->cache);
	replay(c, ref->path, res + skip, len - skip);
	return 0;
}

/* Whether the cache knows a record by its lstat (on the walk's reader). */
static int on_known(const struct dp_ref *ref, const struct stat *st, void *data)
{
	const struct checker *c = data;

	return dp_check_cache_known(c->cache, ref->path, st);
}

/* A record the cache knows: its items, unread. */
static void on_reuse(const struct dp_ref *ref, const struct stat *st,
		     void *data)
{
	struct checker *c = data;
	const char *res;
	size_t len;

	c->records++;
	res = dp_check_cache_lookup(c->cache, ref->path, st, &len);
	if (res) {
		replay(c, ref->path, res, len);
	} else {
		dp_check_cache_walk_void(c->cache);
	}
}

/* A record of the walk table (dp_check_cache_fast), in order. */
static void on_fast(const char *path, const char *res, size_t len, void *data)
{
	struct checker *c = data;

	c->records++;
	replay(c, path, res, len);
}

/*
 * The whole repository, unchanged since the last check: its results in
 * the walk's order without walking; 0 if the table did not hold.
 */
static int check_unchanged(struct checker *c, struct dp_store *st)
{
	const char *top = dp_store_workdir(st);
	int fd;
	long n = -1;

	if (dp_check_cache_empty(c->cache) || !top)
		return 0;
	fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		n = dp_check_cache_fast(c->cache, fd, on_fast, c);
		if (n < 0) {
			/* What on_fast was told is not to be believed. */
			c->records = 0;
			dp_findings_release(c->findings);
			dp_strlist_release(&c->emails);
			dp_strlist_release(&c->managers);
		}
		close(fd);
	}
	return n >= 0;
}

int dp_plan_check(struct dp_plan *plan, struct dp_findings *out, char **names,
		  size_t n, size_t *records)
{
	struct checker c;
	struct dp_strlist folders = DP_STRLIST_INIT;
	struct dp_walk w = { 0, NULL, NULL, on_record, on_problem, &c };
	struct dp_store *st = dp_plan_store(plan);
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	memset(&c, 0, sizeof(c));
	c.plan = plan;
	c.findings = out;
	dp_buf_init(&c.key, 0);
	for (int i = 0; i < 2; i++) {
		dp_buf_init(&c.scr[i].res, 0);
		dp_buf_init(&c.scr[i].key, 0);
	}
	dp_buf_addf(&path, "devplan %s, layout %s", DEVPLAN_VERSION,
		    dp_plan_layout(plan)->grouped ? "grouped" : "flat");
	c.cache = dp_check_cache_open(st, path.ptr, !n);
	/* A first check has nothing to look up: no lstat before reading. */
	if (!dp_check_cache_empty(c.cache))
		c.hooks.known = on_known;
	c.hooks.reuse = on_reuse;
	c.hooks.folder = on_folder;
	c.hooks.work = on_work;
	c.hooks.done = on_done;
	/* Records named are checked first; folders are swept after. */
	for (size_t i = 0; i < n; i++) {
		struct dp_doc doc = DP_DOC_INIT;
		struct dp_ref ref;

		if (folder_of(&path, st, names[i])) {
			dp_strlist_push(&folders, path.ptr);
			continue;
		}
		c.records++;
		if ((ret = dp_layout_resolve(&ref, st, dp_plan_layout(plan),
					     names[i], NULL)) < 0) {
			dp_findings_add(out, DP_SEV_ERROR, names[i], 0, 0, "%s",
					dp_error_last());
			continue;
		}
		c.records--;
		ret = dp_plan_load(plan, &doc, &ref);
		on_record(&ref, ret < 0 ? NULL : &doc, &c);
		dp_doc_release(&doc);
	}
	ret = 0;
	w.folders = &folders;
	if (!n && check_unchanged(&c, st))
		;
	else if (!n || folders.len) {
		dp_check_cache_index(c.cache);
		ret = dp_plan_walk_hooked(plan, &w, &c.hooks);
	}
	if (ret == 0) {
		check_emails(&c);
		check_manager_cycles(&c);
	}
	dp_check_cache_save(c.cache, ret == 0);
	dp_check_cache_free(c.cache);
	for (size_t i = 0; i <= c.mask && c.refs; i++)
		free(c.refs[i].key);
	free(c.refs);
	dp_buf_release(&c.key);
	for (int i = 0; i < 2; i++) {
		dp_buf_release(&c.scr[i].res);
		dp_buf_release(&c.scr[i].key);
		dp_findings_release(&c.scr[i].own);
	}
	*records = c.records;
	dp_buf_release(&path);
	dp_strlist_release(&folders);
	dp_strlist_release(&c.emails);
	dp_strlist_release(&c.managers);
	return ret;
}
