/* SPDX-License-Identifier: MIT */
/* devplan action add|done: a goal's actions. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "devplan/banned.h"

static const char *due, *resource;
static const struct dp_option opts[] = {
	OPT_STRING(0, "due", &due, "date", "when the action is due (add)"),
	OPT_STRING(0, "resource", &resource, "url",
		   "a book, course or link that helps (add)"),
	OPT_END(),
};
static const struct dp_cmd_spec spec = {
	"action",
	"add <goal> <text> [--due <date>] [--resource <url>]\n"
	"done <goal> <n|text>",
	"Add an action to a goal, or tick one off (n counts from 1).",
	opts,
	0,
	0
};

struct action_data {
	const char *path;
	int add;
	const char *text; /* add: the title; done: number or title prefix */
};

/* Finds the action `which` names: its 1-based number or a title prefix. */
static int find_action(const struct dp_node *list, const char *which,
		       size_t *out)
{
	long num;
	size_t hits = 0;

	if (!list || list->type != DP_SEQ || !list->n) {
		dp_error_set("the goal has no actions");
		return DP_ENOTFOUND;
	}
	if (dp_parse_long(which, 1, (long)list->n, &num) == 0) {
		*out = (size_t)num - 1;
		return 0;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct dp_node *t = dp_node_get(list->items[i], "title");

		if (t && t->type == DP_SCALAR &&
		    !strncmp(t->str, which, strlen(which))) {
			if (!strcmp(t->str, which)) {
				*out = i;
				return 0;
			}
			*out = i;
			hits++;
		}
	}
	if (hits == 1)
		return 0;
	dp_error_set(hits ? "'%s' names several actions; use its number"
			  : "no action '%s' (give its number, 1 to %zu, or "
			    "the start of its title)",
		     which, list->n);
	return hits ? DP_EAMBIGUOUS : DP_ENOTFOUND;
}

static int edit_actions(struct dp_doc *doc, struct dp_buf *subject,
			struct dp_buf *body, void *data)
{
	struct action_data *ad = data;
	struct dp_buf label = DP_BUF_INIT, field = DP_BUF_INIT;
	const struct dp_node *title;
	size_t idx;
	int ret;

	(void)body;
	dp_subject_prefix(subject, ad->path);
	dp_record_label(&label, ad->path);
	if (ad->add) {
		const char *keys[4];
		struct dp_value vals[4];
		size_t nk = 0;
		struct dp_value item;

		keys[nk] = "title";
		vals[nk++] = DP_VTEXT(ad->text);
		if (due) {
			keys[nk] = "due";
			vals[nk++] = DP_VTYPED(due);
		}
		if (resource) {
			keys[nk] = "resource";
			vals[nk++] = DP_VTEXT(resource);
		}
		keys[nk] = "done";
		vals[nk++] = DP_VTYPED("false");
		item = (struct dp_value){ DP_MAP, NULL, 0, nk, keys, vals };
		ret = dp_doc_append(doc, "actions", &item);
		dp_buf_addf(subject, ": %s: add action \"%s\"", label.ptr,
			    ad->text);
		goto out;
	}
	if ((ret = find_action(dp_doc_lookup(doc, "actions"), ad->text, &idx)) <
	    0)
		goto out;
	dp_buf_addf(&field, "actions[%zu].done", idx);
	ret = dp_record_set_field(doc, DP_KIND_GOAL, field.ptr, "true");
	title = dp_doc_lookup(doc, "actions")
		    ? dp_node_get(dp_doc_lookup(doc, "actions")->items[idx],
				  "title")
		    : NULL;
	dp_buf_addf(subject, ": %s: action done \"%s\"", label.ptr,
		    title && title->type == DP_SCALAR ? title->str : "");
out:
	dp_buf_release(&field);
	dp_buf_release(&label);
	return ret;
}

int cmd_action(int argc, char **argv, struct dp_ctx *ctx)
{
	struct dp_buf path = DP_BUF_INIT;
	struct action_data ad;
	struct dp_edit_req req = { NULL, edit_actions, &ad, NULL };
	char **args;
	int n, ret;

	n = dp_opt_parse(&spec, argc, argv, &args);
	if (n < 0)
		return dp_opt_exit(n);
	if (n < 1)
		return dp_usage_error(&spec, "add or done?");
	if (strcmp(args[0], "add") && strcmp(args[0], "done"))
		return dp_usage_error(&spec, "unknown subcommand '%s'",
				      args[0]);
	ad.add = !strcmp(args[0], "add");
	if (n != 3)
		return dp_usage_error(&spec, ad.add ? "give a goal and the "
						      "action's text"
						    : "give a goal and the "
						      "action's number");
	if (!ad.add && (due || resource))
		return dp_usage_error(&spec,
				      "--due and --resource go with add");
	if (ad.add && !args[2][strspn(args[2], " \t")]) {
		dp_errorf("the action's text is empty");
		return 1;
	}
	if ((ret = dp_resolve(&path, ctx, args[1], DP_KIND_GOAL)) < 0)
		goto out;
	ad.path = path.ptr;
	ad.text = args[2];
	req.path = path.ptr;
	ret = dp_edit_record(ctx, &req);
out:
	dp_buf_release(&path);
	return ret < 0 ? dp_fail(ret) : 0;
}
