/* SPDX-License-Identifier: MIT */
/*
 * Starting text of each record kind: the repository's own
 * .devplan/templates/<name> when there is one, else the copy of
 * templates/<name> compiled into the binary.
 */
#include "devplan/template.h"

#include <string.h>

#include "devplan/error.h"
#include "devplan/banned.h"

#define OVERRIDE_DIR ".devplan/templates"
#define TEMPLATE_MAX (256 * 1024)

const char *dp_template_builtin(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; dp_templates_builtin[i].name; i++)
		if (!strcmp(dp_templates_builtin[i].name, name))
			return dp_templates_builtin[i].text;
	return NULL;
}

int dp_template_load(struct dp_buf *out, struct dp_store *st, const char *name)
{
	struct dp_buf path = DP_BUF_INIT;
	const char *text = dp_template_builtin(name);
	int rc = 0;

	if (!text) {
		dp_error_set("unknown template '%s'", name ? name : "");
		rc = DP_ENOTFOUND;
		goto out;
	}
	if (st) {
		dp_buf_addf(&path, "%s/%s", OVERRIDE_DIR, name);
		if (dp_store_exists(st, path.ptr)) {
			rc = dp_store_read(out, st, path.ptr, TEMPLATE_MAX);
			goto out;
		}
	}
	dp_buf_adds(out, text);
out:
	dp_buf_release(&path);
	return rc;
}
