/* SPDX-License-Identifier: MIT */
/*
 * devplan agenda: the agenda of a 1:1 development conversation, led by
 * the employee; --save records it as people/<p>/conversations/<date>.md.
 */
#include "cli.h"
#include "devplan/agenda.h"
#include "devplan/json.h"
#include "devplan/banned.h"

static int save;
static const char *format;
static const struct dp_option opts[] = {
	OPT_BOOL(0, "save", &save,
		 "record it as people/<person>/conversations/<date>.md"),
	OPT_STRING(0, "format", &format, "format",
		   "markdown (default) or json"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"agenda",
	"[<person>] [--save] [--format markdown|json]",
	"Draw up the agenda of a 1:1 development conversation from the plan, "
	"led by the employee.",
	opts,
	0,
	1,
};

static void agenda_markdown(struct dp_buf *out, const struct dp_agenda *a)
{
	int section = -1;

	dp_buf_addf(out, "# Development conversation: %s, %s\n", a->person,
		    a->date);
	for (size_t i = 0; i < a->n; i++) {
		enum dp_agenda_section s = a->items[i].section;

		if ((int)s == section)
			continue;
		section = (int)s;
		dp_buf_addch(out, '\n');
		if (s == DP_AGENDA_RECENT) {
			dp_agenda_recent_markdown(out, a);
			continue;
		}
		dp_buf_addf(out, "## %s\n\n", dp_agenda_section_title(s));
		for (size_t j = i; j < a->n && a->items[j].section == s; j++)
			dp_buf_addf(out, "- [ ] %s\n", a->items[j].text);
	}
}

static void print_json(const struct dp_agenda *a)
{
	struct dp_json *o = dp_json_object(), *arr = dp_json_array();

	dp_json_set(o, "person", dp_json_string(a->person));
	dp_json_set(o, "date", dp_json_string(a->date));
	dp_json_set(o, "previous",
		    dp_json_string(*a->previous ? a->previous : NULL));
	dp_json_set(o, "since", dp_json_string(a->since));
	dp_json_set(o, "recent_more", dp_json_int((long long)a->recent_more));
	for (size_t i = 0; i < a->n; i++) {
		const struct dp_agenda_item *ai = &a->items[i];
		struct dp_json *it = dp_json_object();

		dp_json_set(
		    it, "section",
		    dp_json_string(dp_agenda_section_title(ai->section)));
		dp_json_set(it, "text", dp_json_string(ai->text));
		if (ai->section == DP_AGENDA_RECENT) {
			dp_json_set(it, "who", dp_json_string(ai->who));
			dp_json_set(it, "when", dp_json_string(ai->when));
			dp_json_set(it, "record", dp_json_string(ai->record));
		}
		dp_json_push(arr, it);
	}
	dp_json_set(o, "items", arr);
	dp_json_print(o);
	dp_json_free(o);
}

static int save_agenda(struct dp_ctx *ctx, const struct dp_agenda *a)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_ref ref;
	int ret = dp_agenda_save(&ref, ctx->plan, a,
				 "Notes of the conversation.\n", &f);

	dp_print_findings(&f);
	dp_findings_release(&f);
	if (ret < 0)
		return dp_fail(ret);
	fprintf(stderr, "saved the agenda as %s\n", ref.path);
	return 0;
}

int cmd_agenda(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_agenda a = { .n = 0 };
	struct dp_buf text = DP_BUF_INIT;
	struct dp_date today;
	const char *person;
	int ret, json;

	if (dp_run_view_head(ctx, &spec, argc, argv, &format, "markdown", &json,
			     &person, &ret) < 0)
		return ret;
	if ((ret = dp_date_today(&today)) < 0)
		return dp_fail(ret);
	if ((ret = dp_agenda_build(&a, ctx->plan, person, &today)) < 0)
		return dp_fail(ret);
	if (save && (ret = save_agenda(ctx, &a)) != 0)
		goto out;
	if (json) {
		print_json(&a);
	} else {
		agenda_markdown(&text, &a);
		dp_print_escaped(stdout, text.ptr, text.len);
	}
	ret = 0;
out:
	dp_buf_release(&text);
	dp_agenda_release(&a);
	return ret;
}
