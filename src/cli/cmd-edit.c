/* SPDX-License-Identifier: MIT */
/*
 * devplan edit: open a record in the user's editor, check what comes
 * back, and commit it.
 *
 * The record is copied to a file of its own in the git directory and the
 * editor works on that copy, so the work tree only ever sees a complete,
 * valid record. The repository lock is taken only to commit, not while the
 * editor is open: other devplan commands keep working meanwhile, and the
 * record is compared with what the editor started from before the commit,
 * so a change made in between is never overwritten.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};

static const struct dp_cmd_spec spec = {
	"edit",
	"<record>",
	"Edit a record in your editor; it is checked and committed when you "
	"quit.",
	opts,
};

static int write_file(const char *file, const char *data, size_t len)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0600);
	int ret = 0;

	if (fd < 0) {
		dp_error_set_errno("cannot create '%s'", file);
		return DP_EIO;
	}
	while (len) {
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

/* Reads at most `max` + 1 bytes of `file` into `out` (reset first). */
static int read_file(struct dp_buf *out, const char *file, size_t max)
{
	char chunk[8192];
	int fd = open(file, O_RDONLY);
	int ret = 0;

	dp_buf_reset(out);
	if (fd < 0) {
		dp_error_set_errno("cannot read '%s'", file);
		return DP_EIO;
	}
	while (out->len <= max) {
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

static int only_space(const struct dp_buf *b)
{
	for (size_t i = 0; i < b->len; i++)
		if (!strchr(" \t\r\n\f\v", b->ptr[i]) || !b->ptr[i])
			return 0;
	return 1;
}

static int same(const struct dp_buf *a, const struct dp_buf *b)
{
	return a->len == b->len && !memcmp(a->ptr, b->ptr, a->len);
}

/*
 * Parses and validates the edited text as the record at `path`, printing
 * every finding to stderr. 0 when it may be committed.
 */
static int check_text(struct dp_doc *doc, struct dp_ctx *ctx, const char *path,
		      const struct dp_buf *text)
{
	enum dp_kind kind = dp_kind_from_path(path);
	int ret;

	dp_doc_release(doc);
	if (text->len > DP_FM_MAX_FILE) {
		fflush(stdout);
		fprintf(stderr, "%s: the file is larger than %d bytes\n", path,
			DP_FM_MAX_FILE);
		return DP_ETOOBIG;
	}
	ret = dp_doc_parse(doc, path, text->ptr, text->len, dp_kind_mode(kind));
	if (ret < 0) {
		fflush(stdout);
		fprintf(stderr, "%s\n", dp_error_last());
		return DP_EINVALID;
	}
	return dp_record_check(ctx, path, doc);
}

/* "Edit again? [Y/n]" on a terminal; 1 for yes. */
static int ask_again(void)
{
	char answer[64];

	if (!isatty(STDIN_FILENO))
		return 0;
	fputs("Edit again? [Y/n] ", stderr);
	fflush(stderr);
	if (!fgets(answer, sizeof(answer), stdin))
		return 0;
	return answer[0] != 'n' && answer[0] != 'N';
}

/* The scratch copy: <gitdir>/devplan/edit-XXXXXX/<file name>. */
static int make_scratch(struct dp_buf *dir, struct dp_buf *file,
			struct dp_ctx *ctx, const char *path)
{
	const char *base = strrchr(path, '/');

	dp_buf_addf(dir, "%sdevplan", dp_store_gitdir(ctx->store));
	if (mkdir(dir->ptr, 0777) < 0 && errno != EEXIST) {
		dp_error_set_errno("cannot create '%s'", dir->ptr);
		return DP_EIO;
	}
	dp_buf_adds(dir, "/edit-XXXXXX");
	if (!mkdtemp(dir->ptr)) {
		dp_error_set_errno("cannot create a folder in '%s'",
				   dp_store_gitdir(ctx->store));
		return DP_EIO;
	}
	dp_buf_addf(file, "%s/%s", dir->ptr, base ? base + 1 : path);
	return 0;
}

static void remove_scratch(const struct dp_buf *dir, const struct dp_buf *file)
{
	if (file->len)
		unlink(file->ptr);
	if (dir->len)
		rmdir(dir->ptr);
}

/* Commits `text` as the new `path`, unless it changed since `orig`. */
static int commit_edit(struct dp_ctx *ctx, const char *path,
		       const struct dp_buf *orig, const struct dp_buf *text)
{
	struct dp_buf now = DP_BUF_INIT;
	struct dp_buf subject = DP_BUF_INIT, msg = DP_BUF_INIT;
	struct dp_buf person = DP_BUF_INIT;
	struct dp_change change = { 0 };
	int ret, locked = 0;

	if ((ret = dp_store_lock(ctx->store)) < 0)
		goto out;
	locked = 1;
	if ((ret = dp_store_check_clean(ctx->store, path)) < 0)
		goto out;
	ret = dp_store_read(&now, ctx->store, path, DP_FM_MAX_FILE);
	if (ret < 0 && ret != DP_ENOTFOUND)
		goto out;
	if (ret == DP_ENOTFOUND || !same(&now, orig)) {
		dp_error_set("'%s' was changed while you were editing it",
			     path);
		ret = DP_EDIRTY;
		goto out;
	}
	dp_subject_prefix(&subject, path);
	dp_buf_adds(&subject, ": edit ");
	dp_record_label(&subject, path);
	dp_layout_person_of(&person, path);
	dp_commit_message(&msg, subject.ptr, NULL,
			  person.len ? person.ptr : NULL, path, NULL);
	change.path = path;
	change.content = text->ptr;
	change.len = text->len;
	ret =
	    dp_store_commit(ctx->store, &change, 1, msg.ptr, NULL, NULL, NULL);
out:
	if (locked)
		dp_store_unlock(ctx->store);
	dp_buf_release(&person);
	dp_buf_release(&msg);
	dp_buf_release(&subject);
	dp_buf_release(&now);
	return ret;
}

int cmd_edit(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf path = DP_BUF_INIT;
	struct dp_buf orig = DP_BUF_INIT, text = DP_BUF_INIT;
	struct dp_buf dir = DP_BUF_INIT, file = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	char **args;
	int n, ret, status = 0, keep = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n == 0)
		return dp_usage_error(&spec, "which record? name one");
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");

	if ((ret = dp_resolve(&path, ctx, args[0], DP_KIND_UNKNOWN)) < 0)
		goto fail;
	/* Refuse before the user spends time in the editor. */
	if ((ret = dp_store_check_clean(ctx->store, path.ptr)) < 0)
		goto fail;
	ret = dp_store_read(&orig, ctx->store, path.ptr, DP_FM_MAX_FILE);
	if (ret == DP_ENOTFOUND)
		dp_error_set("cannot read '%s': no such record", path.ptr);
	if (ret < 0)
		goto fail;
	if ((ret = make_scratch(&dir, &file, ctx, path.ptr)) < 0)
		goto fail;
	if ((ret = write_file(file.ptr, orig.ptr, orig.len)) < 0)
		goto fail;

	for (;;) {
		if ((ret = dp_launch_editor(ctx, file.ptr)) < 0)
			goto fail;
		if ((ret = read_file(&text, file.ptr, DP_FM_MAX_FILE)) < 0)
			goto fail;
		if (only_space(&text)) {
			dp_errorf("aborted: empty file; nothing changed");
			status = 1;
			goto out;
		}
		if (same(&text, &orig)) {
			fputs("nothing changed\n", stderr);
			goto out;
		}
		if (check_text(&doc, ctx, path.ptr, &text) == 0)
			break;
		if (!ask_again()) {
			keep = 1;
			dp_errorf("'%s' is not valid; nothing changed (your "
				  "edit is kept in '%s')",
				  path.ptr, file.ptr);
			status = 1;
			goto out;
		}
	}

	if ((ret = commit_edit(ctx, path.ptr, &orig, &text)) < 0) {
		keep = 1;
		dp_errorf("%s; nothing changed (your edit is kept in '%s')",
			  dp_error_last(), file.ptr);
		status = dp_error_exit_code(ret);
		goto out;
	}
	printf("Edited %s\n", path.ptr);
	goto out;
fail:
	status = dp_fail(ret);
out:
	if (!keep)
		remove_scratch(&dir, &file);
	dp_doc_release(&doc);
	dp_buf_release(&file);
	dp_buf_release(&dir);
	dp_buf_release(&text);
	dp_buf_release(&orig);
	dp_buf_release(&path);
	return status;
}
