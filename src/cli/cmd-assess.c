/* SPDX-License-Identifier: MIT */
/* devplan assess: your own view of your competencies, in skills.md. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/skills.h"
#include "devplan/banned.h"

static const struct dp_option opts[] = {
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"assess",
	"[<person>] <competency>=<level>[/<target>]...",
	"Record your own level (1-10) of competencies, and the level you aim "
	"for.",
	opts,
	0,
	0
};

struct assess_data {
	struct dp_assessment *a;
	size_t n;
	char today[11];
};

static int assess(struct dp_plan *plan, const struct dp_ref *ref,
		  struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct assess_data *d = data;

	return dp_skills_assess(doc, msg, ref, d->a, d->n, d->today,
				dp_plan_refs(plan));
}

int cmd_assess(int argc, char **argv, struct dp_ctx *ctx)
{
	struct assess_data d = { NULL, 0, "" };
	const char *person = NULL;
	char **args;
	int n, ret, first = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n > 0 && !strchr(args[0], '='))
		first = 1;
	if (n - first < 1)
		return dp_usage_error(&spec, "give at least one "
					     "<competency>=<level>[/<target>]");
	if ((ret = dp_run_person(ctx, &person, first ? args[0] : NULL)) != 0 ||
	    (ret = dp_run_today(d.today)) != 0)
		return ret;
	d.a = dp_xcalloc((size_t)(n - first), sizeof(*d.a));
	for (int i = first; i < n; i++) {
		if ((ret = dp_assessment_parse(&d.a[d.n++], args[i])) < 0) {
			ret = dp_fail(ret);
			goto out;
		}
	}
	ret = dp_run_person_edit(ctx, DP_KIND_SKILLS, person, assess, &d);
out:
	free(d.a);
	return ret;
}
