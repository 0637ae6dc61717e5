/* SPDX-License-Identifier: MIT */
/* devplan set: set fields of a record, changing only their bytes. */
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
	int n;
	char **assignments;
};

static int set_fields(struct dp_plan *plan, const struct dp_ref *ref,
		      struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct set_data *sd = data;

	(void)plan;
	return dp_record_set_fields(doc, msg, ref, sd->assignments,
				    (size_t)sd->n);
}

int cmd_set(int argc, char **argv, struct dp_ctx *ctx)
{
	struct set_data sd;
	struct dp_edit e = { .right = DP_RIGHT_WRITE, .edit = set_fields };
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
	if ((ret = dp_run_resolve(ctx, &e.ref, args[0], DP_KIND_UNKNOWN)) != 0)
		return ret;
	sd.n = n - 1;
	sd.assignments = args + 1;
	e.data = &sd;
	return dp_run_edit(ctx, &e);
}
