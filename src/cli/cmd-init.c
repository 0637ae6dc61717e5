/* SPDX-License-Identifier: MIT */
/* devplan init: create a plan repository. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/template.h"
#include "devplan/banned.h"

static const char *org, *layout;
static const struct dp_option opts[] = {
	OPT_STRING(0, "org", &org, "name",
		   "organisation name (default: the folder's name)"),
	OPT_STRING(0, "layout", &layout, "flat|grouped",
		   "people/<id>/ (default), or people/<ab>/<id>/ for big "
		   "organisations"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"init", "[<dir>] [--org <name>] [--layout flat|grouped]",
	"Create a plan repository (or make an existing git repository one).",
	opts
};

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
static int merge_existing(struct dp_buf *tmpl, struct dp_ctx *ctx,
			  const char *path)
{
	struct dp_buf cur = DP_BUF_INIT;
	int ret;

	/* The commit must not take the user's own edits to it along. */
	if ((ret = dp_store_check_clean(ctx->store, path)) < 0)
		goto out;
	ret = dp_store_read(&cur, ctx->store, path, DP_FM_MAX_FILE);
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

int cmd_init(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf config = DP_BUF_INIT, comps = DP_BUF_INIT;
	struct dp_buf attrs = DP_BUF_INIT, ignore = DP_BUF_INIT;
	struct dp_buf name = DP_BUF_INIT, msg = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	char **args;
	const char *dir;
	int n, ret, locked = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if (layout && strcmp(layout, "flat") && strcmp(layout, "grouped"))
		return dp_usage_error(
		    &spec, "unknown layout '%s': use flat or grouped", layout);
	dir = n ? args[0] : ".";
	if (n && mkdir(dir, 0777) < 0 && errno != EEXIST) {
		dp_error_set_errno("cannot create '%s'", dir);
		ret = DP_EIO;
		goto out;
	}
	if ((ret = dp_store_init(&ctx->store, dir)) < 0)
		goto out;
	if ((ret = dp_store_lock(ctx->store)) < 0)
		goto out;
	locked = 1;
	if (dp_store_exists(ctx->store, DP_PATH_CONFIG)) {
		dp_error_set("'%s%s' already exists: this is a plan repository",
			     dp_store_workdir(ctx->store), DP_PATH_CONFIG);
		ret = DP_EEXISTS;
		goto out;
	}
	if (org)
		dp_buf_adds(&name, org);
	else
		folder_name(&name, dp_store_workdir(ctx->store));
	if (!name.len || strspn(name.ptr, " \t") == name.len) {
		dp_error_set("the organisation name is empty");
		ret = DP_EINVALID;
		goto out;
	}
	if ((ret = dp_template_load(&config, ctx->store, "devplan.yaml")) < 0 ||
	    (ret = dp_doc_parse(&doc, DP_PATH_CONFIG, config.ptr, config.len,
				DP_DOC_YAML)) < 0 ||
	    (ret = dp_doc_set_text(&doc, "org", name.ptr)) < 0)
		goto out;
	/* Flat stays implicit: the key is written only when grouped. */
	if (layout && !strcmp(layout, "grouped") &&
	    (ret = dp_doc_set_text(&doc, "layout", layout)) < 0)
		goto out;
	if ((ret = dp_record_check(ctx, DP_PATH_CONFIG, &doc)) < 0)
		goto out;
	if ((ret = dp_template_load(&comps, ctx->store, "competencies.yaml")) <
		0 ||
	    (ret = dp_template_load(&attrs, ctx->store, "gitattributes")) < 0 ||
	    (ret = dp_template_load(&ignore, ctx->store, "gitignore")) < 0)
		goto out;

	/* An existing repository keeps its attributes and ignores: add ours. */
	if ((ret = merge_existing(&attrs, ctx, ".gitattributes")) < 0 ||
	    (ret = merge_existing(&ignore, ctx, ".gitignore")) < 0)
		goto out;
	{
		struct dp_change changes[6];
		size_t nc = 0;

		changes[nc++] = (struct dp_change){ .path = DP_PATH_CONFIG,
						    .content = doc.text.ptr,
						    .len = doc.text.len };
		if (dp_store_exists(ctx->store, DP_PATH_COMPETENCIES))
			dp_warnf("keeping the existing '%s'",
				 DP_PATH_COMPETENCIES);
		else
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
		if (!dp_store_isdir(ctx->store, DP_DIR_PEOPLE))
			changes[nc++] =
			    (struct dp_change){ .path =
						    DP_DIR_PEOPLE "/.gitkeep",
						.content = "",
						.len = 0 };
		if (!dp_store_isdir(ctx->store, DP_DIR_ROLES))
			changes[nc++] = (struct dp_change){ .path = DP_DIR_ROLES
							    "/.gitkeep",
							    .content = "",
							    .len = 0 };
		dp_buf_addf(&msg, "init: create plan repository for \"%s\"\n",
			    name.ptr);
		dp_buf_addf(&msg, "\nDevplan-Record: %s\n", DP_PATH_CONFIG);
		ret = dp_store_commit(ctx->store, changes, nc, msg.ptr, NULL,
				      NULL, NULL);
		if (ret < 0)
			goto out;
	}
	printf("Initialized plan repository for \"%s\" in %s\n", name.ptr,
	       dp_store_workdir(ctx->store));
out:
	if (locked)
		dp_store_unlock(ctx->store);
	dp_doc_release(&doc);
	dp_buf_release(&msg);
	dp_buf_release(&name);
	dp_buf_release(&ignore);
	dp_buf_release(&attrs);
	dp_buf_release(&comps);
	dp_buf_release(&config);
	return ret < 0 ? dp_fail(ret) : 0;
}
