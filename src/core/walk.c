/* SPDX-License-Identifier: MIT */
/*
 * The walk over every record of a plan: one pass over the folders of the
 * layout, each record read and parsed once and handed on, nothing kept.
 * Check, goals --all and every command that reads the whole repository
 * use it; what is wrong with the folders themselves is reported too.
 */
#include <stdlib.h>
#include <string.h>

#include "devplan/plan.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

struct walker {
	struct dp_plan *plan;
	const struct dp_walk *w;
	struct dp_buf msg;
};

/* 1 if `a` is `b` or a folder above it ("" is the top, above all). */
static int path_within(const char *a, const char *b)
{
	size_t la = strlen(a);

	return !la || (!strncmp(a, b, la) && (b[la] == '/' || !b[la]));
}

/* 1 if `path` (a record or a folder) is in a folder named, or holds one. */
static int in_scope(const struct walker *k, const char *path, int holds)
{
	const struct dp_strlist *f = k->w->folders;

	if (!f || !f->len)
		return 1;
	for (size_t i = 0; i < f->len; i++)
		if (path_within(f->items[i], path) ||
		    (holds && path_within(path, f->items[i])))
			return 1;
	return 0;
}

static int wants(const struct walker *k, enum dp_kind kind)
{
	return !k->w->kinds || (k->w->kinds & (1u << kind));
}

static void problem(struct walker *k, const char *path, const char *msg)
{
	if (k->w->problem)
		k->w->problem(path, msg, k->w->data);
}

/*
 * Reads one record and hands it on. A missing file is a problem only
 * when `missing` says what to tell the user; else it is skipped.
 */
static int visit(struct walker *k, const char *path, const char *missing)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_ref ref;
	int ret;

	if (!in_scope(k, path, 0))
		return 0;
	if (dp_layout_parse(&ref, dp_plan_layout(k->plan), path) < 0)
		return 0;
	if (!wants(k, ref.kind))
		return 0;
	ret = dp_plan_load(k->plan, &doc, &ref);
	if (ret == DP_ENOTFOUND) {
		if (missing)
			problem(k, path, missing);
		dp_error_clear();
		ret = 0;
		goto out;
	}
	ret = k->w->record(&ref, ret < 0 ? NULL : &doc, k->w->data);
out:
	dp_doc_release(&doc);
	return ret;
}

/*
 * 1 if `dir` is to be walked and is a folder; a file or a symbolic link
 * where a folder should be is a problem.
 */
static int folder_in_scope(struct walker *k, const char *dir)
{
	if (!in_scope(k, dir, 1))
		return 0;
	if (!dp_store_isdir(dp_plan_store(k->plan), dir)) {
		problem(k, dir,
			"not a folder (symbolic links are never followed)");
		return 0;
	}
	return 1;
}

/* Every <name>.md in `dir` (a kind's folder), by name. */
static int walk_folder(struct walker *k, const char *dir, const char *noun)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	int ret;

	if (!in_scope(k, dir, 1)) {
		ret = 0;
		goto out;
	}
	if ((ret = dp_store_list(&names, dp_plan_store(k->plan), dir)) < 0) {
		/* One unreadable folder (say, a link) is a problem, not the end. */
		if (ret == DP_EINVALID) {
			problem(k, dir, dp_error_last());
			ret = 0;
		}
		goto out;
	}
	for (size_t i = 0; i < names.len && ret == 0; i++) {
		char *name = names.items[i];

		if (!dp_ends_with(name, ".md"))
			continue;
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir, name);
		name[strlen(name) - 3] = '\0';
		if (!dp_id_valid(name)) {
			dp_buf_reset(&k->msg);
			dp_buf_addf(&k->msg,
				    "'%s' is not a valid %s name (a-z, 0-9, "
				    "'-' and '_')",
				    name, noun);
			problem(k, path.ptr, k->msg.ptr);
			continue;
		}
		ret = visit(k, path.ptr, NULL);
	}
out:
	dp_buf_release(&path);
	dp_strlist_release(&names);
	return ret;
}

/* The records of one person, the person's folder being `dir`. */
static int walk_person(struct walker *k, const char *dir, const char *person)
{
	const struct dp_layout *lo = dp_plan_layout(k->plan);
	struct dp_buf want = DP_BUF_INIT;
	int ret = 0;

	if (!folder_in_scope(k, dir))
		goto out;
	if (!dp_id_valid(person)) {
		problem(k, dir, "not a valid person id");
		goto out;
	}
	dp_layout_person_dir(&want, lo, person);
	if (strcmp(want.ptr, dir)) {
		/* Grouped: people/zz/alice, or a flat people/alice. */
		dp_buf_reset(&k->msg);
		dp_buf_addf(&k->msg, "belongs in %s", want.ptr);
		problem(k, dir, k->msg.ptr);
		goto out;
	}
	for (int kind = DP_KIND_UNKNOWN + 1; kind < DP_KIND_COUNT && !ret;
	     kind++) {
		const struct dp_kind_def *def = dp_kind_def((enum dp_kind)kind);

		if (def->scope != DP_SCOPE_PERSON)
			continue;
		dp_buf_reset(&want);
		if (def->file) {
			dp_buf_addf(&want, "%s/%s%s%s", dir,
				    def->dir ? def->dir : "",
				    def->dir ? "/" : "", def->file);
			ret = visit(k, want.ptr,
				    kind == DP_KIND_PROFILE
					? "missing: every person needs a "
					  "profile (see 'devplan new-person')"
					: NULL);
		} else if (wants(k, (enum dp_kind)kind)) {
			dp_buf_addf(&want, "%s/%s", dir, def->dir);
			ret = walk_folder(k, want.ptr, def->name);
		}
	}
out:
	dp_buf_release(&want);
	return ret;
}

/* 1 if `name` may be a group folder: two digits. */
static int group_name_ok(const char *name)
{
	return strlen(name) == 2 && name[0] >= '0' && name[0] <= '9' &&
	       name[1] >= '0' && name[1] <= '9';
}

/*
 * Grouped: the group folder people/<group>, and every person in it.
 * A person's folder left flat (people/alice/) gets told where it belongs.
 */
static int walk_group(struct walker *k, const char *dir, const char *group)
{
	struct dp_store *st = dp_plan_store(k->plan);
	struct dp_strlist ids = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (!folder_in_scope(k, dir))
		goto out;
	if (!group_name_ok(group)) {
		if (dp_id_valid(group))
			ret = walk_person(k, dir, group);
		else
			problem(k, dir,
				"not a group folder (people/<two digits from "
				"a hash of the id>/<id>/)");
		goto out;
	}
	if ((ret = dp_store_list(&ids, st, dir)) < 0)
		goto out;
	for (size_t i = 0; i < ids.len && ret == 0; i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", dir, ids.items[i]);
		ret = walk_person(k, path.ptr, ids.items[i]);
	}
out:
	dp_buf_release(&path);
	dp_strlist_release(&ids);
	return ret;
}

static int walk_people(struct walker *k)
{
	struct dp_store *st = dp_plan_store(k->plan);
	const struct dp_layout *lo = dp_plan_layout(k->plan);
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (k->w->person) {
		if (dp_layout_person_dir(&path, lo, k->w->person) == 0 &&
		    dp_store_isdir(st, path.ptr))
			ret = walk_person(k, path.ptr, k->w->person);
		dp_error_clear();
		goto out;
	}
	/*
	 * Every folder under people/ (and, grouped, under each group), so
	 * that a broken or misplaced one is noticed too.
	 */
	if (!in_scope(k, DP_DIR_PEOPLE, 1) ||
	    (ret = dp_store_list(&names, st, DP_DIR_PEOPLE)) < 0)
		goto out;
	for (size_t i = 0; i < names.len && ret == 0; i++) {
		dp_buf_reset(&path);
		dp_buf_addf(&path, "%s/%s", DP_DIR_PEOPLE, names.items[i]);
		ret = lo->grouped ? walk_group(k, path.ptr, names.items[i])
				  : walk_person(k, path.ptr, names.items[i]);
	}
out:
	dp_buf_release(&path);
	dp_strlist_release(&names);
	return ret;
}

int dp_plan_walk(struct dp_plan *plan, const struct dp_walk *w)
{
	struct walker k = { plan, w, DP_BUF_INIT };
	int ret = 0;

	if (!w->person) {
		ret = visit(&k, DP_PATH_CONFIG,
			    "missing: not a plan repository? (see 'devplan "
			    "init')");
		if (ret == 0)
			ret = visit(&k, DP_PATH_COMPETENCIES, NULL);
		if (ret == 0 && wants(&k, DP_KIND_ROLE))
			ret = walk_folder(&k, DP_DIR_ROLES, "role");
	}
	if (ret == 0)
		ret = walk_people(&k);
	dp_buf_release(&k.msg);
	return ret;
}
