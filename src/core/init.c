/* SPDX-License-Identifier: MIT */
/* Creating a plan repository: `devplan init`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "devplan/ident.h"
#include "devplan/plan.h"
#include "devplan/template.h"
#include "devplan/merge.h"
#include "devplan/banned.h"

/* mkdir -p: `dir` and its missing parents. */
static int make_dirs(const char *dir)
{
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (!*dir) {
		errno = ENOENT;
		dp_error_set_errno("cannot create ''");
		return DP_EIO;
	}
	dp_buf_adds(&path, dir);
	for (size_t i = 1; i <= path.len && ret == 0; i++) {
		if (i < path.len && path.ptr[i] != '/')
			continue;
		path.ptr[i] = '\0';
		if (mkdir(path.ptr, 0777) < 0 && errno != EEXIST) {
			dp_error_set_errno("cannot create '%s'", path.ptr);
			ret = DP_EIO;
		}
		if (i < path.len)
			path.ptr[i] = '/';
	}
	dp_buf_release(&path);
	return ret;
}

/* The last component of the work tree's path, for a default org name. */
static void folder_name(struct dp_buf *out, const char *workdir)
{
	size_t len = strlen(workdir);
	const char *start;

	while (len > 1 && workdir[len - 1] == '/')
		len--;
	start = workdir + len;
	while (start > workdir && start[-1] != '/')
		start--;
	dp_buf_add(out, start, (size_t)(workdir + len - start));
}

/*
 * `tmpl` becomes the file's new content: the existing file with the
 * template appended, unless the template's text is already there.
 */
static int merge_existing(struct dp_buf *tmpl, struct dp_store *st,
			  const char *path)
{
	struct dp_buf cur = DP_BUF_INIT;
	int ret;

	/* The commit must not take the user's own edits to it along. */
	if ((ret = dp_store_check_clean(st, path)) < 0)
		goto out;
	ret = dp_store_read(&cur, st, path, DP_FM_MAX_FILE);
	if (ret == DP_ENOTFOUND) {
		ret = 0;
		goto out;
	}
	if (ret < 0)
		goto out;
	if (!strstr(cur.ptr, tmpl->ptr)) {
		if (cur.len && cur.ptr[cur.len - 1] != '\n')
			dp_buf_addch(&cur, '\n');
		dp_buf_add(&cur, tmpl->ptr, tmpl->len);
	}
	dp_buf_reset(tmpl);
	dp_buf_add(tmpl, cur.ptr, cur.len);
out:
	dp_buf_release(&cur);
	return ret;
}

/* devplan.yaml's text for `in`, validated. */
static int make_config(struct dp_doc *doc, struct dp_store *st,
		       struct dp_init *in, struct dp_findings *findings)
{
	struct dp_buf text = DP_BUF_INIT, name = DP_BUF_INIT;
	struct dp_ref ref = { DP_KIND_CONFIG, "", "", DP_PATH_CONFIG };
	int ret;

	if (in->org)
		dp_msg_fold(&name, in->org);
	else
		folder_name(&name, dp_store_workdir(st));
	if (!name.len || strspn(name.ptr, " ") == name.len) {
		dp_error_set("the organisation name is empty");
		ret = DP_EINVALID;
		goto out;
	}
	snprintf(in->org_out, sizeof(in->org_out), "%s", name.ptr);
	if ((ret = dp_template_load(&text, st, "devplan.yaml")) < 0 ||
	    (ret = dp_doc_parse(doc, DP_PATH_CONFIG, text.ptr, text.len,
				DP_DOC_YAML)) < 0 ||
	    (ret = dp_doc_set_text(doc, "org", name.ptr)) < 0)
		goto out;
	/* Flat stays implicit: the key is written only when grouped. */
	if (in->layout && !strcmp(in->layout, "grouped") &&
	    (ret = dp_doc_set_text(doc, "layout", in->layout)) < 0)
		goto out;
	for (size_t i = 0; in->admins && i < in->admins->len; i++) {
		struct dp_value v = DP_VTEXT(in->admins->items[i]);

		if ((ret = dp_doc_append(doc, "policy.admins", &v)) < 0)
			goto out;
	}
	if (dp_record_validate(findings, &ref, doc, NULL) < 0) {
		dp_error_set("'%s' would not be valid; nothing was created",
			     DP_PATH_CONFIG);
		ret = DP_EINVALID;
	}
out:
	dp_buf_release(&name);
	dp_buf_release(&text);
	return ret;
}

int dp_plan_init(struct dp_plan **out, struct dp_init *in,
		 struct dp_findings *findings)
{
	struct dp_buf cname = DP_BUF_INIT, cemail = DP_BUF_INIT;
	struct dp_buf comps = DP_BUF_INIT, attrs = DP_BUF_INIT;
	struct dp_buf ignore = DP_BUF_INIT, text = DP_BUF_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_store *st = NULL;
	struct dp_change changes[6];
	struct dp_ident committer;
	struct stat sb;
	size_t nc = 0;
	int ret, locked = 0;

	*out = NULL;
	/*
	 * Who commits, before anything is created: from the repository's
	 * own config when `dir` already is one, else the global config.
	 */
	dp_buf_addf(&text, "%s/.git", in->dir);
	if (stat(text.ptr, &sb) == 0 && dp_store_open(&st, in->dir) < 0)
		st = NULL;
	dp_error_clear();
	dp_buf_reset(&text);
	ret = dp_ident_committer(&cname, &cemail, st, NULL);
	dp_store_free(st);
	st = NULL;
	if (ret < 0 || (ret = make_dirs(in->dir)) < 0 ||
	    (ret = dp_store_init(&st, in->dir)) < 0 ||
	    (ret = dp_store_lock(st)) < 0)
		goto out;
	locked = 1;
	if (dp_store_exists(st, DP_PATH_CONFIG)) {
		dp_error_set("'%s%s' already exists: this is a plan repository",
			     dp_store_workdir(st), DP_PATH_CONFIG);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = make_config(&doc, st, in, findings)) < 0 ||
	    (ret = dp_template_load(&comps, st, "competencies.yaml")) < 0 ||
	    (ret = dp_template_load(&attrs, st, "gitattributes")) < 0 ||
	    (ret = dp_template_load(&ignore, st, "gitignore")) < 0)
		goto out;
	/* An existing repository keeps its attributes and ignores: add ours. */
	if ((ret = merge_existing(&attrs, st, ".gitattributes")) < 0 ||
	    (ret = merge_existing(&ignore, st, ".gitignore")) < 0)
		goto out;
	memset(changes, 0, sizeof(changes));
	changes[nc++] = (struct dp_change){ .path = DP_PATH_CONFIG,
					    .content = doc.text.ptr,
					    .len = doc.text.len };
	if (!dp_store_exists(st, DP_PATH_COMPETENCIES))
		changes[nc++] =
		    (struct dp_change){ .path = DP_PATH_COMPETENCIES,
					.content = comps.ptr,
					.len = comps.len };
	changes[nc++] = (struct dp_change){ .path = ".gitattributes",
					    .content = attrs.ptr,
					    .len = attrs.len };
	changes[nc++] = (struct dp_change){ .path = ".gitignore",
					    .content = ignore.ptr,
					    .len = ignore.len };
	if (!dp_store_isdir(st, DP_DIR_PEOPLE))
		changes[nc++] =
		    (struct dp_change){ .path = DP_DIR_PEOPLE "/.gitkeep",
					.content = "" };
	if (!dp_store_isdir(st, DP_DIR_ROLES))
		changes[nc++] =
		    (struct dp_change){ .path = DP_DIR_ROLES "/.gitkeep",
					.content = "" };
	dp_msg_subjectf(&msg, "init: create plan repository for ");
	dp_msg_subject_title(&msg, in->org_out);
	dp_msg_add_trailer(&msg, DP_TRAILER_RECORD, DP_PATH_CONFIG);
	dp_msg_format(&text, &msg);
	committer = (struct dp_ident){ cname.ptr, cemail.ptr };
	if ((ret = dp_store_commit(st, changes, nc, text.ptr, NULL, &committer,
				   NULL)) < 0 ||
	    (ret = dp_merge_driver_install(st)) < 0)
		goto out;
	dp_store_unlock(st);
	locked = 0;
	ret = dp_plan_from_store(out, st, 0);
	st = NULL;
out:
	if (locked)
		dp_store_unlock(st);
	dp_store_free(st);
	dp_doc_release(&doc);
	dp_msg_release(&msg);
	dp_buf_release(&text);
	dp_buf_release(&ignore);
	dp_buf_release(&attrs);
	dp_buf_release(&comps);
	dp_buf_release(&cemail);
	dp_buf_release(&cname);
	return ret;
}
