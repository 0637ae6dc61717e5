/* SPDX-License-Identifier: MIT */
/* devplan set: set fields of a record, changing only their bytes. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"set",
	"<record> <field>=<value>...",
	"Set fields of a record; only those lines of the file change.",
	opts,
	2,
	DP_ARGS_ANY
};

struct set_data {
	const char *path;
	enum dp_kind kind;
	int n;
	char **assignments;
};

static int set_fields(struct dp_doc *doc, struct dp_buf *subject,
		      struct dp_buf *body, void *data)
{
	struct set_data *sd = data;
	struct dp_buf label = DP_BUF_INIT;
	int ret = 0;

	(void)body;
	dp_subject_prefix(subject, sd->path);
	if (sd->kind == DP_KIND_GOAL) {
		dp_record_label(&label, sd->path);
		dp_buf_addf(subject, ": %s", label.ptr);
	}
	dp_buf_adds(subject, ": set ");
	for (int i = 0; i < sd->n; i++) {
		char *a = sd->assignments[i];
		char *eq = strchr(a, '=');
		char *field = dp_xstrndup(a, (size_t)(eq - a));

		ret = dp_record_set_field(doc, sd->kind, field, eq + 1);
		free(field);
		if (ret < 0)
			break;
		dp_buf_addf(subject, "%s%s", i ? ", " : "", a);
	}
	dp_buf_release(&label);
	return ret;
}

int cmd_set(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf path = DP_BUF_INIT;
	struct set_data sd;
	struct dp_edit_req req = { NULL, set_fields, &sd, NULL };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n < 2)
		return dp_usage_error(&spec, "give a record and at least one "
					     "<field>=<value>");
	for (int i = 1; i < n; i++) {
		const char *eq = strchr(args[i], '=');

		if (!eq || eq == args[i])
			return dp_usage_error(
			    &spec, "'%s' is not <field>=<value>", args[i]);
	}
	if ((ret = dp_resolve(&path, ctx, args[0], DP_KIND_UNKNOWN)) < 0)
		goto out;
	sd.path = path.ptr;
	sd.kind = dp_kind_from_path(path.ptr);
	sd.n = n - 1;
	sd.assignments = args + 1;
	req.path = path.ptr;
	ret = dp_edit_record(ctx, &req);
out:
	dp_buf_release(&path);
	return ret < 0 ? dp_fail(ret) : 0;
}
