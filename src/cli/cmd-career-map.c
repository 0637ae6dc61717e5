/* SPDX-License-Identifier: MIT */
/*
 * devplan career-map: show a career map as a lattice (directions up,
 * across and to explore, role titles resolved), add a direction, or
 * edit the whole map in the editor.
 */
#include <string.h>

#include "cli.h"
#include "devplan/career.h"
#include "devplan/banned.h"

static const char *horizon, *why;
static const struct dp_option opts[] = {
	OPT_STRING(0, "horizon", &horizon, "text",
		   "when, roughly: \"1-2 years\" (add)"),
	OPT_STRING(0, "why", &why, "text", "why this direction appeals (add)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"career-map",
	"[<person>]\n"
	"add up|lateral|explore <role-or-idea> [--horizon <text>] [--why "
	"<text>]\n"
	"edit [<person>]",
	"Show your career map, add a direction to it, or edit it.",
	opts,
	0,
	0
};

struct add_data {
	struct dp_direction_new d;
	char today[11];
};

static int add_direction(struct dp_plan *plan, const struct dp_ref *ref,
			 struct dp_doc *doc, struct dp_msg *msg, void *data)
{
	const struct add_data *a = data;

	return dp_career_add(doc, msg, ref, &a->d, a->today,
			     dp_plan_refs(plan));
}

static const char *scalar(const struct dp_node *map, const char *key)
{
	const struct dp_node *n = dp_node_get(map, key);

	return n && n->type == DP_SCALAR && *n->str ? n->str : NULL;
}

/* "senior (Senior Engineer)", or the idea, escaped. */
static void add_role(struct dp_buf *out, struct dp_ctx *ctx, const char *role)
{
	struct dp_buf title = DP_BUF_INIT;

	dp_buf_add_safe(out, role);
	dp_role_title(&title, ctx->plan, role);
	if (title.len) {
		dp_buf_adds(out, " (");
		dp_buf_add_safe(out, title.ptr);
		dp_buf_adds(out, ")");
	}
	dp_buf_release(&title);
}

static void print_field(const char *label, const char *value)
{
	struct dp_buf b = DP_BUF_INIT;

	if (!value)
		return;
	dp_buf_add_safe(&b, value);
	printf("%s%s\n", label, b.ptr);
	dp_buf_release(&b);
}

static void print_directions(struct dp_ctx *ctx, const struct dp_node *dirs)
{
	static const char *const heads[] = { "Up", "Lateral", "Explore" };
	struct dp_buf line = DP_BUF_INIT;

	for (size_t k = 0; dp_direction_types[k]; k++) {
		size_t shown = 0;

		for (size_t i = 0; dirs && dirs->type == DP_SEQ && i < dirs->n;
		     i++) {
			const struct dp_node *d = dirs->items[i];
			const char *type = scalar(d, "type");
			const char *role = scalar(d, "role");

			if (!type || strcmp(type, dp_direction_types[k]))
				continue;
			if (!shown++)
				printf("\n%s\n", heads[k]);
			dp_buf_reset(&line);
			if (role)
				add_role(&line, ctx, role);
			else
				dp_buf_add_safe(&line, scalar(d, "idea")
							   ? scalar(d, "idea")
							   : "?");
			if (scalar(d, "horizon")) {
				dp_buf_adds(&line, "  [");
				dp_buf_add_safe(&line, scalar(d, "horizon"));
				dp_buf_adds(&line, "]");
			}
			printf("  - %s\n", line.ptr);
			print_field("      why: ", scalar(d, "why"));
		}
	}
	dp_buf_release(&line);
}

static void print_list(const char *label, const struct dp_node *list)
{
	for (size_t i = 0; list && list->type == DP_SEQ && i < list->n; i++)
		if (list->items[i]->type == DP_SCALAR)
			print_field(label, list->items[i]->str);
}

static int show(struct dp_ctx *ctx, const char *person)
{
	struct dp_doc doc = DP_DOC_INIT, prof = DP_DOC_INIT;
	struct dp_ref ref, pref;
	struct dp_buf line = DP_BUF_INIT;
	const struct dp_layout *lo = dp_plan_layout(ctx->plan);
	const char *role, *buddy;
	int ret, status = 0;

	if ((ret = dp_layout_ref(&ref, lo, DP_KIND_CAREER_MAP, person, NULL)) <
		0 ||
	    (ret = dp_layout_ref(&pref, lo, DP_KIND_PROFILE, person, NULL)) <
		0 ||
	    (ret = dp_plan_load(ctx->plan, &prof, &pref)) < 0)
		goto fail;
	if (!dp_store_exists(ctx->store, ref.path)) {
		fprintf(stderr,
			"%s has no career map yet; start one with 'devplan "
			"career-map add' or 'devplan career-map edit'\n",
			person);
		goto out;
	}
	if ((ret = dp_plan_load(ctx->plan, &doc, &ref)) < 0)
		goto fail;
	dp_pager_start();
	dp_buf_adds(&line, "Career map of ");
	dp_buf_add_safe(&line, dp_doc_str(&prof, "name")
				   ? dp_doc_str(&prof, "name")
				   : person);
	printf("%s (%s)\n", line.ptr, person);
	role = scalar(doc.root, "role");
	if (!role)
		role = scalar(prof.root, "role");
	dp_buf_reset(&line);
	if (role)
		add_role(&line, ctx, role);
	printf("Current role: %s\n", role ? line.ptr : "-");
	print_field("Aspirations: ", scalar(doc.root, "aspirations"));
	print_directions(ctx, dp_doc_lookup(&doc, "directions"));
	if (dp_doc_lookup(&doc, "barriers.internal") ||
	    dp_doc_lookup(&doc, "barriers.external")) {
		const struct dp_node *in =
		    dp_doc_lookup(&doc, "barriers.internal");
		const struct dp_node *ex =
		    dp_doc_lookup(&doc, "barriers.external");

		if ((in && in->type == DP_SEQ && in->n) ||
		    (ex && ex->type == DP_SEQ && ex->n)) {
			puts("\nBarriers");
			print_list("  internal: ", in);
			print_list("  external: ", ex);
		}
	}
	buddy = scalar(doc.root, "buddy");
	if (buddy) {
		print_field("\nCareer buddy: ", buddy);
	}
	goto out;
fail:
	status = dp_fail(ret);
out:
	dp_buf_release(&line);
	dp_doc_release(&doc);
	dp_doc_release(&prof);
	return status;
}

int cmd_career_map(int argc, char **argv, struct dp_ctx *ctx)
{
	struct add_data a = { { NULL, NULL, NULL, NULL }, "" };
	const char *person = NULL;
	struct dp_ref ref;
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n >= 1 && !strcmp(args[0], "add")) {
		if (n != 3)
			return dp_usage_error(
			    &spec, "add takes a direction (up, lateral or "
				   "explore) and a role or an idea");
		a.d.type = args[1];
		a.d.target = args[2];
		a.d.horizon = horizon;
		a.d.why = why;
		if ((ret = dp_run_person(ctx, &person, NULL)) != 0 ||
		    (ret = dp_run_today(a.today)) != 0)
			return ret;
		return dp_run_person_edit(ctx, DP_KIND_CAREER_MAP, person,
					  add_direction, &a);
	}
	if (horizon || why)
		return dp_usage_error(&spec, "--horizon and --why go with add");
	if (n >= 1 && !strcmp(args[0], "edit")) {
		if (n > 2)
			return dp_usage_error(&spec, "too many arguments");
		if ((ret = dp_run_person(ctx, &person,
					 n == 2 ? args[1] : NULL)) != 0)
			return ret;
		if ((ret = dp_layout_ref(&ref, dp_plan_layout(ctx->plan),
					 DP_KIND_CAREER_MAP, person, NULL)) < 0)
			return dp_fail(ret);
		return dp_edit_in_editor(ctx, &ref, 1);
	}
	if (n > 1)
		return dp_usage_error(&spec, "too many arguments");
	if ((ret = dp_run_person(ctx, &person, n ? args[0] : NULL)) != 0)
		return ret;
	return show(ctx, person);
}
