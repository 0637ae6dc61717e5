/* SPDX-License-Identifier: MIT */
/* Drafts of records being edited, under .git/devplan/drafts/. */
#include "devplan/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devplan/banned.h"

#define DRAFTS "devplan/drafts"
#define RECORD_FILE "RECORD"
#define ORIG_FILE "ORIG"

void dp_draft_init(struct dp_draft *d)
{
	memset(d, 0, sizeof(*d));
	dp_buf_init(&d->dir, 0);
	dp_buf_init(&d->file, 0);
	dp_buf_init(&d->orig, 0);
}

void dp_draft_release(struct dp_draft *d)
{
	if (!d)
		return;
	dp_buf_release(&d->dir);
	dp_buf_release(&d->file);
	dp_buf_release(&d->orig);
}

static int write_file(const char *file, const char *data, size_t len)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	int ret = 0;

	if (fd < 0) {
		dp_error_set_errno("cannot create '%s'", file);
		return DP_EIO;
	}
	while (len && ret == 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			dp_error_set_errno("cannot write '%s'", file);
			ret = DP_EIO;
			break;
		}
		data += w;
		len -= (size_t)w;
	}
	if (close(fd) < 0 && !ret) {
		dp_error_set_errno("cannot write '%s'", file);
		ret = DP_EIO;
	}
	return ret;
}

/* Reads at most DP_FM_MAX_FILE + 1 bytes of `file` into `out` (reset). */
static int read_file(struct dp_buf *out, const char *file)
{
	char chunk[8192];
	int fd = open(file, O_RDONLY | O_NOFOLLOW);
	int ret = 0;

	dp_buf_reset(out);
	if (fd < 0) {
		if (errno == ENOENT)
			return DP_ENOTFOUND;
		dp_error_set_errno("cannot read '%s'", file);
		return DP_EIO;
	}
	while (out->len <= DP_FM_MAX_FILE) {
		ssize_t r = read(fd, chunk, sizeof(chunk));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			dp_error_set_errno("cannot read '%s'", file);
			ret = DP_EIO;
			break;
		}
		if (r == 0)
			break;
		dp_buf_add(out, chunk, (size_t)r);
	}
	close(fd);
	return ret;
}

static void drafts_dir(struct dp_buf *out, struct dp_plan *plan)
{
	dp_buf_addf(out, "%s" DRAFTS, dp_store_gitdir(dp_plan_store(plan)));
}

int dp_draft_create(struct dp_draft *out, struct dp_plan *plan,
		    const struct dp_ref *ref, const struct dp_buf *text,
		    const struct dp_buf *orig)
{
	struct dp_buf path = DP_BUF_INIT;
	const char *base = strrchr(ref->path, '/');
	int ret;

	out->ref = *ref;
	out->is_new = !orig;
	dp_buf_addf(&path, "%sdevplan", dp_store_gitdir(dp_plan_store(plan)));
	mkdir(path.ptr, 0777);
	dp_buf_adds(&path, "/drafts");
	if (mkdir(path.ptr, 0777) < 0 && errno != EEXIST) {
		dp_error_set_errno("cannot create '%s'", path.ptr);
		ret = DP_EIO;
		goto out;
	}
	dp_buf_adds(&path, "/edit-XXXXXX");
	if (!mkdtemp(path.ptr)) {
		dp_error_set_errno("cannot create a folder in '%s'", path.ptr);
		ret = DP_EIO;
		goto out;
	}
	dp_buf_reset(&out->dir);
	dp_buf_add(&out->dir, path.ptr, path.len);
	dp_buf_reset(&out->file);
	dp_buf_addf(&out->file, "%s/%s", path.ptr, base ? base + 1 : ref->path);
	dp_buf_reset(&out->orig);
	if (orig)
		dp_buf_add(&out->orig, orig->ptr, orig->len);
	dp_buf_addf(&path, "/" RECORD_FILE);
	if ((ret = write_file(path.ptr, ref->path, strlen(ref->path))) < 0)
		goto out;
	if (orig) {
		dp_buf_setlen(&path, out->dir.len);
		dp_buf_adds(&path, "/" ORIG_FILE);
		if ((ret = write_file(path.ptr, orig->ptr, orig->len)) < 0)
			goto out;
	}
	ret = write_file(out->file.ptr, text->ptr, text->len);
out:
	dp_buf_release(&path);
	return ret;
}

/* Loads the draft in folder `dir`; DP_ENOTFOUND when it is not one. */
static int load(struct dp_draft *d, struct dp_plan *plan, const char *dir)
{
	struct dp_buf path = DP_BUF_INIT, rec = DP_BUF_INIT;
	const char *base;
	int ret;

	dp_buf_addf(&path, "%s/" RECORD_FILE, dir);
	if ((ret = read_file(&rec, path.ptr)) < 0)
		goto out;
	if (dp_layout_parse(&d->ref, dp_plan_layout(plan), rec.ptr) < 0) {
		ret = DP_ENOTFOUND;
		goto out;
	}
	dp_buf_reset(&d->dir);
	dp_buf_adds(&d->dir, dir);
	base = strrchr(d->ref.path, '/');
	dp_buf_reset(&d->file);
	dp_buf_addf(&d->file, "%s/%s", dir, base ? base + 1 : d->ref.path);
	dp_buf_reset(&path);
	dp_buf_addf(&path, "%s/" ORIG_FILE, dir);
	ret = read_file(&d->orig, path.ptr);
	d->is_new = ret == DP_ENOTFOUND;
	if (ret == DP_ENOTFOUND)
		ret = 0;
out:
	dp_buf_release(&rec);
	dp_buf_release(&path);
	return ret;
}

int dp_draft_find(struct dp_draft *out, struct dp_plan *plan,
		  const struct dp_ref *ref)
{
	struct dp_buf dir = DP_BUF_INIT, sub = DP_BUF_INIT;
	struct dp_strlist found = DP_STRLIST_INIT;
	struct dp_draft d;
	DIR *dh;
	struct dirent *ent;
	int ret = DP_ENOTFOUND;

	dp_draft_init(&d);
	drafts_dir(&dir, plan);
	dh = opendir(dir.ptr);
	while (dh && (ent = readdir(dh))) {
		if (strncmp(ent->d_name, "edit-", 5))
			continue;
		dp_buf_reset(&sub);
		dp_buf_addf(&sub, "%s/%s", dir.ptr, ent->d_name);
		if (load(&d, plan, sub.ptr) < 0 ||
		    (ref && strcmp(d.ref.path, ref->path)))
			continue;
		dp_strlist_push(&found, sub.ptr);
	}
	if (dh)
		closedir(dh);
	dp_strlist_sort(&found);
	if (found.len == 1) {
		ret = load(out, plan, found.items[0]);
	} else if (found.len > 1) {
		dp_buf_reset(&sub);
		for (size_t i = 0; i < found.len; i++)
			if (load(&d, plan, found.items[i]) == 0)
				dp_buf_addf(&sub, "%s%s", i ? ", " : "",
					    d.ref.path);
		dp_error_set("there are %zu drafts (%s); name the record",
			     found.len, sub.ptr);
		ret = DP_EAMBIGUOUS;
	} else {
		dp_error_set("no draft to continue%s%s", ref ? " for " : "",
			     ref ? ref->path : "");
	}
	dp_draft_release(&d);
	dp_strlist_release(&found);
	dp_buf_release(&sub);
	dp_buf_release(&dir);
	return ret;
}

int dp_draft_read(struct dp_buf *out, const struct dp_draft *d)
{
	int ret = read_file(out, d->file.ptr);

	if (ret == DP_ENOTFOUND)
		dp_error_set("the draft '%s' is gone", d->file.ptr);
	return ret;
}

void dp_draft_remove(struct dp_draft *d)
{
	struct dp_buf path = DP_BUF_INIT;

	if (!d->dir.len)
		return;
	unlink(d->file.ptr);
	dp_buf_addf(&path, "%s/" RECORD_FILE, d->dir.ptr);
	unlink(path.ptr);
	dp_buf_setlen(&path, d->dir.len);
	dp_buf_adds(&path, "/" ORIG_FILE);
	unlink(path.ptr);
	rmdir(d->dir.ptr);
	dp_buf_release(&path);
}

int dp_draft_check(struct dp_plan *plan, const struct dp_draft *d,
		   const struct dp_buf *text, struct dp_findings *f)
{
	struct dp_doc doc = DP_DOC_INIT;
	int ret;

	if (text->len > DP_FM_MAX_FILE) {
		dp_findings_add(f, DP_SEV_ERROR, d->ref.path, 0, 0,
				"the file is larger than %d bytes",
				DP_FM_MAX_FILE);
		return DP_ETOOBIG;
	}
	ret = dp_doc_parse(&doc, d->ref.path, text->ptr, text->len,
			   dp_kind_mode(d->ref.kind));
	if (ret < 0) {
		unsigned line = 0, col = 0;
		const char *msg = dp_error_last();

		dp_error_last_at(&line, &col, &msg);
		dp_findings_add(f, DP_SEV_ERROR, d->ref.path, line, col, "%s",
				msg);
		return DP_EINVALID;
	}
	ret = dp_plan_validate(plan, f, &d->ref, &doc);
	dp_doc_release(&doc);
	return ret;
}

struct replace {
	const struct dp_draft *d;
	const struct dp_buf *text;
};

/* The edited text replaces the record, unless it changed meanwhile. */
static int replace_text(struct dp_plan *plan, const struct dp_ref *ref,
			struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct replace *r = data;
	struct dp_doc edited = DP_DOC_INIT;
	const char *base;
	size_t len;
	int ret;

	(void)plan;
	if (doc->text.len != r->d->orig.len ||
	    memcmp(doc->text.ptr, r->d->orig.ptr, doc->text.len)) {
		dp_error_set("'%s' was changed while you were editing it",
			     ref->path);
		return DP_EDIRTY;
	}
	if ((ret = dp_doc_parse(&edited, ref->path, r->text->ptr, r->text->len,
				dp_kind_mode(ref->kind))) < 0)
		return ret;
	dp_doc_release(doc);
	*doc = edited;
	dp_msg_subject_prefix(msg, ref);
	base =
	    strrchr(ref->path, '/') ? strrchr(ref->path, '/') + 1 : ref->path;
	len = strlen(base);
	if (len > 3 && dp_ends_with(base, ".md"))
		len -= 3;
	dp_msg_subjectf(msg, ": edit %.*s", (int)len, base);
	return 0;
}

int dp_draft_commit(struct dp_plan *plan, const struct dp_draft *d,
		    const struct dp_buf *text, struct dp_msg *msg,
		    enum dp_right right, struct dp_findings *f)
{
	struct dp_edit e = { .right = right, .edit = replace_text };
	struct replace r = { d, text };
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_msg own = DP_MSG_INIT;
	int ret;

	if (d->is_new) {
		if ((ret = dp_doc_parse(&doc, d->ref.path, text->ptr, text->len,
					dp_kind_mode(d->ref.kind))) < 0)
			goto out;
		if (!msg) {
			msg = &own;
			dp_msg_subject_prefix(msg, &d->ref);
			dp_msg_subjectf(msg, ": add ");
			dp_msg_subject_title(msg, dp_doc_str(&doc, "title"));
		}
		ret = dp_plan_create(plan, &d->ref, &doc, msg, right, f);
		goto out;
	}
	e.ref = d->ref;
	e.data = &r;
	e.findings = (struct dp_findings)DP_FINDINGS_INIT;
	ret = dp_plan_edit(plan, &e);
	for (size_t i = 0; i < e.findings.len; i++)
		dp_findings_add(
		    f, e.findings.items[i].severity, e.findings.items[i].path,
		    e.findings.items[i].line, e.findings.items[i].col, "%s",
		    e.findings.items[i].message);
	dp_findings_release(&e.findings);
out:
	dp_msg_release(&own);
	dp_doc_release(&doc);
	return ret;
}
