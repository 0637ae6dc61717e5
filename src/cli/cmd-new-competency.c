/* SPDX-License-Identifier: MIT */
/* devplan new-competency: add a competency to the catalog. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

static const char *name, *category, *description;
static struct dp_strlist levels = DP_STRLIST_INIT;
static const struct dp_option opts[] = {
	OPT_STRING(0, "name", &name, "name", "display name (required)"),
	OPT_STRING(0, "category", &category, "category",
		   "core, technical or specialised (required)"),
	OPT_STRING(0, "description", &description, "text",
		   "what the competency covers"),
	OPT_LIST(0, "level", &levels, "n=text",
		 "what level n (1-10) looks like"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"new-competency",
	"<id> --name <name> --category core|technical|specialised\n"
	"    [--description <text>] [--level <n>=<text>]...",
	"Add a competency to framework/competencies.yaml.",
	opts,
	1,
	1
};

struct new_comp {
	const char *id;
	const struct dp_value *item;
};

static int add_item(struct dp_plan *plan, const struct dp_ref *ref,
		    struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	struct new_comp *nc = data;
	struct dp_node *list = dp_node_get(doc->root, "competencies");

	(void)plan;
	(void)ref;
	if (list && list->type == DP_SEQ) {
		for (size_t i = 0; i < list->n; i++) {
			const struct dp_node *idn =
			    dp_node_get(list->items[i], "id");

			if (idn && idn->type == DP_SCALAR &&
			    !strcmp(idn->str, nc->id)) {
				dp_error_set("competency '%s' already exists "
					     "(%s:%u)",
					     nc->id, DP_PATH_COMPETENCIES,
					     idn->line);
				return DP_EEXISTS;
			}
		}
	}
	dp_msg_subjectf(msg, "competency(%s): add ", nc->id);
	dp_msg_subject_title(msg, name);
	return dp_doc_append(doc, "competencies", nc->item);
}

int cmd_new_competency(int argc, char **argv, struct dp_ctx *ctx)
{
	const char **lkeys = NULL;
	char **lnums = NULL;
	struct dp_value *lvals = NULL;
	const char *keys[5];
	struct dp_value vals[5];
	struct dp_value item;
	struct new_comp nc;
	struct dp_edit e = { .right = DP_RIGHT_WRITE, .edit = add_item };
	size_t nk = 0;
	char **args;
	int n, ret = 0, status = 0;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n != 1)
		return dp_usage_error(&spec,
				      n ? "too many arguments"
					: "which competency? give an id");
	if (!name || !category)
		return dp_usage_error(&spec,
				      "--name and --category are required");
	nc.id = args[0];
	if (!dp_id_valid(nc.id)) {
		dp_error_set("'%s' is not a valid competency id (use 1-64 of "
			     "a-z, 0-9, '-' and '_')",
			     nc.id);
		ret = DP_EINVALID;
		goto out;
	}
	lkeys = dp_xcalloc(levels.len + 1, sizeof(*lkeys));
	lnums = dp_xcalloc(levels.len + 1, sizeof(*lnums));
	lvals = dp_xcalloc(levels.len + 1, sizeof(*lvals));
	for (size_t i = 0; i < levels.len; i++) {
		const char *eq = strchr(levels.items[i], '=');
		long lv;

		lnums[i] = dp_xstrndup(levels.items[i],
				       eq ? (size_t)(eq - levels.items[i]) : 0);
		if (!eq || dp_parse_long(lnums[i], 1, 10, &lv) < 0 || !eq[1]) {
			dp_error_set("--level '%s': expected <n>=<text> with n "
				     "in 1..10",
				     levels.items[i]);
			ret = eq ? DP_EINVALID : DP_EUSAGE; /* devplan(1) */
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(lnums[j], lnums[i])) {
				dp_error_set("--level %s is given twice",
					     lnums[i]);
				ret = DP_EINVALID;
				goto out;
			}
		lkeys[i] = lnums[i];
		lvals[i] = DP_VTEXT(eq + 1);
	}
	keys[nk] = "id";
	vals[nk++] = DP_VTEXT(nc.id);
	keys[nk] = "name";
	vals[nk++] = DP_VTEXT(name);
	keys[nk] = "category";
	vals[nk++] = DP_VTEXT(category);
	if (description) {
		keys[nk] = "description";
		vals[nk++] = DP_VTEXT(description);
	}
	if (levels.len) {
		keys[nk] = "levels";
		vals[nk++] = (struct dp_value){ DP_MAP,     NULL,  0,
						levels.len, lkeys, lvals };
	}
	item = (struct dp_value){ DP_MAP, NULL, 0, nk, keys, vals };
	nc.item = &item;
	e.data = &nc;
	dp_layout_ref(&e.ref, dp_plan_layout(ctx->plan), DP_KIND_COMPETENCIES,
		      NULL, NULL);
	if ((status = dp_run_edit(ctx, &e)) == 0)
		printf("Added competency %s (%s)\n", name, e.ref.path);
out:
	if (lnums)
		for (size_t i = 0; i < levels.len; i++)
			free(lnums[i]);
	free(lnums);
	free(lkeys);
	free(lvals);
	dp_strlist_release(&levels);
	return ret < 0 ? dp_fail(ret) : status;
}
