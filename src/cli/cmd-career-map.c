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

static void print_directions(struct dp_ctx *ctx, const struct dp_career_view *v)
{
	static const char *const heads[] = { "Up", "Lateral", "Explore" };
	struct dp_buf line = DP_BUF_INIT;

	for (size_t k = 0; dp_direction_types[k]; k++) {
		size_t shown = 0;

		for (size_t i = 0; i < v->n_directions; i++) {
			const struct dp_direction *d = &v->directions[i];

			if (!d->type || strcmp(d->type, dp_direction_types[k]))
				continue;
			if (!shown++)
				printf("\n%s\n", heads[k]);
			dp_buf_reset(&line);
			if (d->role)
				add_role(&line, ctx, d->role);
			else
				dp_buf_add_safe(&line, d->idea ? d->idea : "?");
			if (d->horizon) {
				dp_buf_adds(&line, "  [");
				dp_buf_add_safe(&line, d->horizon);
				dp_buf_adds(&line, "]");
			}
			printf("  - %s\n", line.ptr);
			print_field("      why: ", d->why);
		}
	}
	dp_buf_release(&line);
}

static void print_list(const char *label, const struct dp_strlist *list)
{
	for (size_t i = 0; i < list->len; i++)
		print_field(label, list->items[i]);
}

static int show(struct dp_ctx *ctx, const char *person)
{
	struct dp_career_view v;
	struct dp_buf line = DP_BUF_INIT;
	int ret = dp_career_view_load(&v, ctx->plan, person);

	if (ret < 0) {
		dp_career_view_release(&v);
		return dp_fail(ret);
	}
	if (ret == 1) {
		fprintf(stderr,
			"%s has no career map yet; start one with 'devplan "
			"career-map add' or 'devplan career-map edit'\n",
			person);
		goto out;
	}
	dp_pager_start();
	dp_buf_adds(&line, "Career map of ");
	dp_buf_add_safe(&line, v.name);
	printf("%s (%s)\n", line.ptr, person);
	dp_buf_reset(&line);
	if (v.role)
		add_role(&line, ctx, v.role);
	printf("Current role: %s\n", v.role ? line.ptr : "-");
	print_field("Aspirations: ", v.aspirations);
	print_directions(ctx, &v);
	if (v.barriers) {
		puts("\nBarriers");
		print_list("  internal: ", &v.internal);
		print_list("  external: ", &v.external);
	}
	print_field("\nCareer buddy: ", v.buddy);
out:
	dp_buf_release(&line);
	dp_career_view_release(&v);
	return 0;
}

int cmd_career_map(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_career_change a = { { NULL, NULL, NULL, NULL }, "" };
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
					  dp_career_edit_add, &a);
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
