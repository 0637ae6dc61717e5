/* SPDX-License-Identifier: MIT */
/*
 * Where records live, and how what a user types names one of them. Every
 * path is built from ids that passed dp_id_valid(), and a name is looked
 * up in one person's folder at most: resolving never scans everyone.
 */
#include "devplan/layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

#define PROFILE_FILE "profile.md"
#define GOALS_DIR "goals"
#define RECORD_EXT ".md"

static int check_id(const char *id, const char *what)
{
	int rc = 0;

	if (!id || !dp_id_valid(id)) {
		dp_error_set("invalid %s id '%s': use 1 to %d of a-z, 0-9, "
			     "'-' and '_', starting with a letter or digit",
			     what, id ? id : "", DP_ID_MAX);
		rc = DP_EINVALID;
	}
	return rc;
}

/*
 * The group of a valid id: two decimal digits, FNV-1a of the id modulo
 * 100 ("alice" -> "37"). A hash, not the first letters: ids that share a
 * prefix (employee numbers, e10001...) still spread evenly, about 100
 * people a folder at 10,000.
 */
static unsigned group_of(const char *person)
{
	uint32_t h = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)person; *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	return (unsigned)(h % 100u);
}

static void add_group(struct dp_buf *out, const char *person)
{
	dp_buf_addf(out, "%02u", group_of(person));
}

int dp_layout_group(struct dp_buf *out, const char *person)
{
	int rc = check_id(person, "person");

	if (rc == 0)
		add_group(out, person);
	return rc;
}

/* 1 if the `len` bytes at `group` name the group of `person`. */
static int in_group(const char *group, size_t len, const char *person)
{
	unsigned g;

	if (!dp_id_valid(person) || len != 2)
		return 0;
	g = group_of(person);
	return group[0] == (char)('0' + g / 10) &&
	       group[1] == (char)('0' + g % 10);
}

/* "people/<person>" or "people/<group>/<person>": `person` is valid. */
static void add_person_dir(struct dp_buf *out, const struct dp_layout *lo,
			   const char *person)
{
	dp_buf_adds(out, DP_DIR_PEOPLE "/");
	if (lo->grouped) {
		add_group(out, person);
		dp_buf_addch(out, '/');
	}
	dp_buf_adds(out, person);
}

int dp_layout_person_dir(struct dp_buf *out, const struct dp_layout *lo,
			 const char *person)
{
	int rc = check_id(person, "person");

	if (rc == 0)
		add_person_dir(out, lo, person);
	return rc;
}

int dp_layout_profile(struct dp_buf *out, const struct dp_layout *lo,
		      const char *person)
{
	int rc = check_id(person, "person");

	if (rc == 0) {
		add_person_dir(out, lo, person);
		dp_buf_adds(out, "/" PROFILE_FILE);
	}
	return rc;
}

int dp_layout_goals_dir(struct dp_buf *out, const struct dp_layout *lo,
			const char *person)
{
	int rc = check_id(person, "person");

	if (rc == 0) {
		add_person_dir(out, lo, person);
		dp_buf_adds(out, "/" GOALS_DIR);
	}
	return rc;
}

int dp_layout_goal(struct dp_buf *out, const struct dp_layout *lo,
		   const char *person, const char *slug)
{
	int rc = check_id(person, "person");

	if (rc == 0)
		rc = check_id(slug, "goal");
	if (rc == 0) {
		add_person_dir(out, lo, person);
		dp_buf_addf(out, "/%s/%s%s", GOALS_DIR, slug, RECORD_EXT);
	}
	return rc;
}

int dp_layout_role(struct dp_buf *out, const char *role)
{
	int rc = check_id(role, "role");

	if (rc == 0)
		dp_buf_addf(out, "%s/%s%s", DP_DIR_ROLES, role, RECORD_EXT);
	return rc;
}

int dp_layout_person_of(struct dp_buf *out, const struct dp_layout *lo,
			const char *path)
{
	const char *p, *end, *group = NULL;
	size_t glen = 0;
	char *id = NULL;
	int rc = DP_ENOTFOUND;

	if (!path || !dp_starts_with(path, DP_DIR_PEOPLE "/"))
		goto out;
	p = path + strlen(DP_DIR_PEOPLE "/");
	if (lo->grouped) {
		/* people/<group>/<id>/...: the group must be the id's. */
		group = p;
		end = strchr(p, '/');
		if (!end)
			goto out;
		glen = (size_t)(end - p);
		p = end + 1;
	}
	end = strchr(p, '/');
	id = end ? dp_xstrndup(p, (size_t)(end - p)) : dp_xstrdup(p);
	if (!dp_id_valid(id) || (group && !in_group(group, glen, id)))
		goto out;
	dp_buf_adds(out, id);
	rc = 0;
out:
	if (rc < 0)
		dp_error_set("'%s' is not a person's record", path ? path : "");
	free(id);
	return rc;
}

/* Pushes the names in `names` that are people with a profile. */
static void add_people(struct dp_strlist *out, struct dp_store *st,
		       const struct dp_layout *lo,
		       const struct dp_strlist *names, const char *group)
{
	struct dp_buf path = DP_BUF_INIT;

	for (size_t i = 0; i < names->len; i++) {
		const char *id = names->items[i];

		if (!dp_id_valid(id) ||
		    (group && !in_group(group, strlen(group), id)))
			continue;
		dp_buf_reset(&path);
		dp_layout_profile(&path, lo, id);
		if (dp_store_exists(st, path.ptr))
			dp_strlist_push(out, id);
	}
	dp_buf_release(&path);
}

int dp_layout_list_people(struct dp_strlist *out, struct dp_store *st,
			  const struct dp_layout *lo)
{
	struct dp_strlist names = DP_STRLIST_INIT, ids = DP_STRLIST_INIT;
	struct dp_strlist found = DP_STRLIST_INIT;
	struct dp_buf dir = DP_BUF_INIT;
	int rc;

	rc = dp_store_list(&names, st, DP_DIR_PEOPLE);
	if (rc < 0 || !lo->grouped) {
		if (rc == 0)
			add_people(out, st, lo, &names, NULL);
		goto out;
	}
	/* Grouped: people/<group>/<id>/profile.md, two levels down. */
	for (size_t i = 0; i < names.len; i++) {
		const char *group = names.items[i];

		if (strlen(group) != 2)
			continue;
		dp_buf_reset(&dir);
		dp_buf_addf(&dir, "%s/%s", DP_DIR_PEOPLE, group);
		if (!dp_store_isdir(st, dir.ptr))
			continue;
		dp_strlist_release(&ids);
		if ((rc = dp_store_list(&ids, st, dir.ptr)) < 0)
			goto out;
		add_people(&found, st, lo, &ids, group);
	}
	/* Groups are listed in folder order, people in any: sort the whole list. */
	dp_strlist_sort(&found);
	for (size_t i = 0; i < found.len; i++)
		dp_strlist_push(out, found.items[i]);
out:
	dp_strlist_release(&found);
	dp_strlist_release(&ids);
	dp_strlist_release(&names);
	dp_buf_release(&dir);
	return rc;
}

/* Goal slugs of `person` into `out` (which must start empty), sorted. */
static int goals_of(struct dp_strlist *out, struct dp_store *st,
		    const struct dp_layout *lo, const char *person)
{
	struct dp_strlist names = DP_STRLIST_INIT;
	struct dp_buf dir = DP_BUF_INIT;
	int rc;

	rc = dp_layout_goals_dir(&dir, lo, person);
	if (rc == 0)
		rc = dp_store_list(&names, st, dir.ptr);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < names.len; i++) {
		char *name = names.items[i];
		size_t len = strlen(name);

		if (!dp_ends_with(name, RECORD_EXT))
			continue;
		name[len - strlen(RECORD_EXT)] = '\0';
		if (dp_id_valid(name))
			dp_strlist_push(out, name);
	}
	dp_strlist_sort(out);
out:
	dp_strlist_release(&names);
	dp_buf_release(&dir);
	return rc;
}

int dp_layout_list_goals(struct dp_strlist *out, struct dp_store *st,
			 const struct dp_layout *lo, const char *person)
{
	struct dp_strlist goals = DP_STRLIST_INIT;
	int rc = goals_of(&goals, st, lo, person);

	for (size_t i = 0; rc == 0 && i < goals.len; i++)
		dp_strlist_push(out, goals.items[i]);
	dp_strlist_release(&goals);
	return rc;
}

/* ---- resolving names ---------------------------------------------------- */

/*
 * Joins `prefix` and `name` and folds "." and ".." away (lexically, as git
 * does with the paths it is given). DP_EINVALID when the result would
 * leave the work tree.
 */
static int normalize(struct dp_buf *out, const char *top, const char *prefix,
		     const char *name)
{
	struct dp_buf in = DP_BUF_INIT;
	const char *p, *c;
	size_t toplen = strlen(top);
	int rc = 0;

	if (name[0] == '/') {
		/* An absolute path must lie in the work tree. */
		if (strncmp(name, top, toplen) &&
		    !(strlen(name) + 1 == toplen &&
		      !strncmp(name, top, toplen - 1))) {
			dp_error_set("'%s' is outside the repository", name);
			rc = DP_EINVALID;
			goto out;
		}
		dp_buf_adds(&in, strlen(name) >= toplen ? name + toplen : "");
	} else {
		dp_buf_addf(&in, "%s%s", prefix, name);
	}
	for (p = in.ptr; *p; p = c ? c + 1 : p + strlen(p)) {
		size_t len;

		c = strchr(p, '/');
		len = c ? (size_t)(c - p) : strlen(p);
		if (!len || (len == 1 && p[0] == '.')) {
			if (!c)
				break;
			continue;
		}
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			char *slash;

			if (!out->len) {
				dp_error_set("'%s' is outside the repository",
					     name);
				rc = DP_EINVALID;
				goto out;
			}
			slash = strrchr(out->ptr, '/');
			dp_buf_setlen(out,
				      slash ? (size_t)(slash - out->ptr) : 0);
		} else {
			if (out->len)
				dp_buf_addch(out, '/');
			dp_buf_add(out, p, len);
		}
		if (!c)
			break;
	}
out:
	dp_buf_release(&in);
	return rc;
}

static int is_record_area(const char *path)
{
	return !strcmp(path, DP_PATH_CONFIG) ||
	       dp_starts_with(path, DP_DIR_PEOPLE "/") ||
	       dp_starts_with(path, "framework/");
}

/* Fills `out` from a record path (dp_layout_parse), refusing long ones. */
static int ref_from_path(struct dp_ref *out, const struct dp_layout *lo,
			 const char *path)
{
	int rc = dp_layout_parse(out, lo, path);

	if (rc < 0)
		dp_error_set("'%.40s...' is too long for a record path", path);
	return rc < 0 ? rc : 0;
}

/*
 * The record spelled as a path; `where` is "" (the top) or the current
 * folder. DP_ENOTFOUND when nothing is there.
 */
static int resolve_path_at(struct dp_ref *out, struct dp_store *st,
			   const struct dp_layout *lo, const char *name,
			   const char *where)
{
	struct dp_buf path = DP_BUF_INIT, tmp = DP_BUF_INIT,
		      person = DP_BUF_INIT;
	int rc;

	rc = normalize(&path, dp_store_workdir(st), where, name);
	if (rc < 0)
		goto out;
	if (!is_record_area(path.ptr)) {
		dp_error_set("'%s' is not a record: records are %s, or lie in "
			     "%s/ or framework/",
			     name, DP_PATH_CONFIG, DP_DIR_PEOPLE);
		rc = DP_EINVALID;
		goto out;
	}
	rc = dp_store_path_check(path.ptr);
	if (rc < 0)
		goto out;
	/* A person's folder stands for their profile. */
	if (dp_layout_person_of(&person, lo, path.ptr) == 0 &&
	    dp_layout_person_dir(&tmp, lo, person.ptr) == 0 &&
	    !strcmp(tmp.ptr, path.ptr) && dp_store_isdir(st, path.ptr)) {
		dp_buf_reset(&path);
		dp_layout_profile(&path, lo, person.ptr);
	}
	dp_buf_reset(&tmp);
	dp_error_clear();
	if (dp_store_exists(st, path.ptr)) {
		rc = ref_from_path(out, lo, path.ptr);
		goto out;
	}
	/* Say why: a link, a folder, or nothing at all. */
	rc = dp_store_read(&tmp, st, path.ptr, 0);
	if (rc == DP_ENOTFOUND || rc == 0 || rc == DP_ETOOBIG) {
		dp_error_set("no record at '%s'", path.ptr);
		rc = DP_ENOTFOUND;
	}
out:
	dp_buf_release(&path);
	dp_buf_release(&tmp);
	dp_buf_release(&person);
	return rc;
}

static int resolve_path(struct dp_ref *out, struct dp_store *st,
			const struct dp_layout *lo, const char *name)
{
	const char *prefix = dp_store_prefix(st);
	int rc = DP_ENOTFOUND;

	/* Relative to the current folder first, as git reads paths. */
	if (*prefix && name[0] != '/')
		rc = resolve_path_at(out, st, lo, name, prefix);
	if (rc == DP_ENOTFOUND || rc == DP_EINVALID)
		rc = resolve_path_at(out, st, lo, name, "");
	return rc;
}

/* "'le' is ambiguous: alice/learn-go, alice/learn-rust" */
static void ambiguous(const char *typed, const char *person,
		      const struct dp_strlist *goals, const char *prefix)
{
	struct dp_buf msg = DP_BUF_INIT;
	const char *sep = "";

	dp_buf_addf(&msg, "'%s' is ambiguous: ", typed);
	for (size_t i = 0; i < goals->len; i++) {
		if (!dp_starts_with(goals->items[i], prefix))
			continue;
		dp_buf_addf(&msg, "%s%s/%s", sep, person, goals->items[i]);
		sep = ", ";
	}
	dp_error_set("%s", msg.ptr);
	dp_buf_release(&msg);
}

/*
 * A goal of `person` named exactly or by a unique prefix. DP_ENOTFOUND
 * (message left to the caller) or DP_EAMBIGUOUS.
 */
static int resolve_goal(struct dp_ref *out, struct dp_store *st,
			const struct dp_layout *lo, const char *person,
			const char *goal, const char *typed)
{
	struct dp_strlist goals = DP_STRLIST_INIT;
	const char *found = NULL;
	size_t matches = 0;
	int rc;

	rc = goals_of(&goals, st, lo, person);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < goals.len; i++) {
		if (!strcmp(goals.items[i], goal)) {
			found = goals.items[i];
			matches = 1;
			break;
		}
		if (dp_starts_with(goals.items[i], goal)) {
			found = goals.items[i];
			matches++;
		}
	}
	if (!matches) {
		rc = DP_ENOTFOUND;
		goto out;
	}
	if (matches > 1) {
		ambiguous(typed, person, &goals, goal);
		rc = DP_EAMBIGUOUS;
		goto out;
	}
	rc = dp_layout_ref(out, lo, DP_KIND_GOAL, person, found);
out:
	dp_strlist_release(&goals);
	return rc;
}

/* What a goal prefix may look like: an id, or the start of one. */
static int prefix_ok(const char *s)
{
	size_t len = strlen(s);
	int ok = len && len <= DP_ID_MAX &&
		 ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'));

	for (size_t i = 1; ok && i < len; i++)
		ok = (s[i] >= 'a' && s[i] <= 'z') ||
		     (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_';
	return ok;
}

int dp_layout_person_exists(struct dp_store *st, const struct dp_layout *lo,
			    const char *person)
{
	struct dp_buf path = DP_BUF_INIT;
	int ret;

	ret = dp_id_valid(person) &&
	      dp_layout_profile(&path, lo, person) == 0 &&
	      dp_store_exists(st, path.ptr);
	dp_buf_release(&path);
	return ret;
}

static int looks_like_path(const char *name)
{
	const char *slash = strchr(name, '/');

	return name[0] == '/' || name[0] == '.' ||
	       (slash && strchr(slash + 1, '/') && slash[1]) ||
	       dp_ends_with(name, RECORD_EXT) || dp_ends_with(name, ".yaml") ||
	       dp_ends_with(name, ".yml") ||
	       dp_starts_with(name, DP_DIR_PEOPLE "/") ||
	       dp_starts_with(name, "framework/") ||
	       !strcmp(name, DP_DIR_PEOPLE) || !strcmp(name, "framework");
}

int dp_layout_resolve(struct dp_ref *out, struct dp_store *st,
		      const struct dp_layout *lo, const char *name,
		      const char *self)
{
	char *person = NULL, *goal = NULL;
	const char *slash;
	int rc;

	if (!name || !*name) {
		dp_error_set("empty record name");
		rc = DP_EINVALID;
		goto out;
	}
	if (looks_like_path(name)) {
		rc = resolve_path(out, st, lo, name);
		goto out;
	}
	slash = strchr(name, '/');
	person = slash ? dp_xstrndup(name, (size_t)(slash - name))
		       : dp_xstrdup(name);
	goal = slash && slash[1] ? dp_xstrdup(slash + 1) : NULL;
	if (goal) {
		/* person/goal */
		if (!dp_layout_person_exists(st, lo, person)) {
			dp_error_set("unknown person '%s'", person);
			rc = DP_ENOTFOUND;
			goto out;
		}
		rc = prefix_ok(goal)
			 ? resolve_goal(out, st, lo, person, goal, name)
			 : DP_ENOTFOUND;
		if (rc == DP_ENOTFOUND)
			dp_error_set("no goal '%s' for %s", goal, person);
		goto out;
	}
	if (dp_layout_person_exists(st, lo, person)) {
		rc = dp_layout_ref(out, lo, DP_KIND_PROFILE, person, NULL);
		goto out;
	}
	rc = DP_ENOTFOUND;
	if (self && !slash && dp_id_valid(self) && prefix_ok(name))
		rc = resolve_goal(out, st, lo, self, name, name);
	if (rc == DP_ENOTFOUND && !slash && dp_id_valid(name)) {
		/* A role: framework/roles/<name>.md. */
		struct dp_ref role;

		if (dp_layout_ref(&role, lo, DP_KIND_ROLE, NULL, name) == 0 &&
		    dp_store_exists(st, role.path)) {
			*out = role;
			rc = 0;
		}
	}
	if (rc == DP_ENOTFOUND)
		dp_error_set("unknown %s '%s'",
			     self && !slash ? "person or goal" : "person",
			     person);
out:
	free(person);
	free(goal);
	return rc;
}

/* ---- record paths and kinds -------------------------------------------- */

#define PATH_PARTS 5

/*
 * Splits `path` at '/' into at most PATH_PARTS non-empty parts other than
 * "." and "..", copied into `buf`. Returns the count, or 0 if the path
 * does not have that shape.
 */
static size_t split_path(struct dp_buf *buf, const char *path,
			 const char *parts[PATH_PARTS])
{
	size_t n = 0;
	char *p, *slash;

	dp_buf_reset(buf);
	dp_buf_adds(buf, path);
	for (p = buf->ptr;; p = slash + 1) {
		slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (n == PATH_PARTS || !*p || !strcmp(p, ".") ||
		    !strcmp(p, ".."))
			return 0;
		parts[n++] = p;
		if (!slash)
			return n;
	}
}

/* 1 if `rest` (parts below a folder) is a record of `def` there. */
static int matches_kind(const struct dp_kind_def *def, const char **rest,
			size_t n, const char **name)
{
	size_t dn = 0;
	const char *d = def->dir;

	*name = NULL;
	/* The kind's folder, part by part. */
	while (d && *d) {
		size_t len = strcspn(d, "/");

		if (dn >= n || strlen(rest[dn]) != len ||
		    strncmp(rest[dn], d, len))
			return 0;
		dn++;
		d += len + (d[len] == '/');
	}
	if (n != dn + 1)
		return 0;
	if (def->file)
		return !strcmp(rest[dn], def->file);
	if (!dp_ends_with(rest[dn], RECORD_EXT) ||
	    strlen(rest[dn]) <= strlen(RECORD_EXT))
		return 0;
	*name = rest[dn];
	return 1;
}

int dp_layout_parse(struct dp_ref *out, const struct dp_layout *lo,
		    const char *path)
{
	struct dp_buf buf = DP_BUF_INIT;
	const char *p[PATH_PARTS], *person = NULL, *name = NULL;
	const char **rest = p;
	enum dp_scope scope = DP_SCOPE_ORG;
	size_t n, len;
	int rc = DP_KIND_UNKNOWN;

	memset(out, 0, sizeof(*out));
	if (!path || (len = strlen(path)) >= sizeof(out->path))
		return DP_EINVALID;
	memcpy(out->path, path, len + 1);
	n = split_path(&buf, path, p);
	if (n >= 3 && !strcmp(p[0], DP_DIR_PEOPLE)) {
		/* people/<person>/..., or people/<group>/<person>/... */
		size_t g = lo->grouped ? 1 : 0;

		if (n < 3 + g || (g && !in_group(p[1], strlen(p[1]), p[2])) ||
		    !dp_id_valid(p[1 + g]))
			goto out;
		person = p[1 + g];
		rest = p + 2 + g;
		n -= 2 + g;
		scope = DP_SCOPE_PERSON;
	}
	for (int k = DP_KIND_UNKNOWN + 1; k < DP_KIND_COUNT && n; k++) {
		const struct dp_kind_def *def = dp_kind_def((enum dp_kind)k);

		if (def->scope != scope || !matches_kind(def, rest, n, &name))
			continue;
		if (name) {
			len = strlen(name) - strlen(RECORD_EXT);
			if (len > DP_ID_MAX)
				break;
			memcpy(out->name, name, len);
			out->name[len] = '\0';
		}
		if (person)
			memcpy(out->person, person, strlen(person) + 1);
		rc = k;
		break;
	}
out:
	out->kind = (enum dp_kind)rc;
	dp_buf_release(&buf);
	return rc;
}

enum dp_kind dp_kind_from_path(const struct dp_layout *lo, const char *path)
{
	struct dp_ref ref;
	int rc = dp_layout_parse(&ref, lo, path);

	return rc < 0 ? DP_KIND_UNKNOWN : (enum dp_kind)rc;
}

int dp_layout_ref(struct dp_ref *out, const struct dp_layout *lo,
		  enum dp_kind kind, const char *person, const char *name)
{
	const struct dp_kind_def *def = dp_kind_def(kind);
	struct dp_buf path = DP_BUF_INIT;
	int rc = 0;

	if (def->scope == DP_SCOPE_PERSON) {
		if ((rc = dp_layout_person_dir(&path, lo, person)) < 0)
			goto out;
		dp_buf_addch(&path, '/');
	}
	if (def->dir)
		dp_buf_addf(&path, "%s/", def->dir);
	if (def->file) {
		dp_buf_adds(&path, def->file);
	} else {
		if ((rc = check_id(name, dp_kind_name(kind))) < 0)
			goto out;
		dp_buf_addf(&path, "%s%s", name, RECORD_EXT);
	}
	if (dp_layout_parse(out, lo, path.ptr) != (int)kind) {
		dp_error_set("'%s' is not a %s's path", path.ptr,
			     dp_kind_name(kind));
		rc = DP_EINVALID;
	}
out:
	dp_buf_release(&path);
	return rc;
}
