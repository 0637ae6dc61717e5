/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_LAYOUT_H
#define DEVPLAN_LAYOUT_H

#include "devplan/buf.h"
#include "devplan/kind.h"
#include "devplan/slug.h"
#include "devplan/store.h"
#include "devplan/util.h"

/*
 * Where records live, and how the names users type map to them. Every
 * path below is built only from ids that passed dp_id_valid().
 *
 *   devplan.yaml
 *   framework/competencies.yaml
 *   framework/roles/<role>.md
 *   people/<person>/profile.md
 *   people/<person>/goals/<slug>.md
 *
 * In the grouped layout (devplan.yaml: `layout: grouped`, for big
 * organisations) a person's folder is people/<group>/<person>/ instead,
 * <group> being two digits from a hash of the id (FNV-1a modulo 100), so
 * that git's trees and `git log -- people/<group>/<person>/` stay small
 * however the ids look:
 *
 *   people/79/alice/profile.md
 *   people/79/alice/goals/<slug>.md
 */
#define DP_PATH_CONFIG "devplan.yaml"
#define DP_PATH_COMPETENCIES "framework/competencies.yaml"
#define DP_DIR_ROLES "framework/roles"
#define DP_DIR_PEOPLE "people"

/*
 * The layout of one repository, read from devplan.yaml when the plan is
 * opened and passed to everything that builds or reads a path. A value,
 * not process-wide state: two plans may have two layouts.
 */
struct dp_layout {
	int grouped; /* 1: people/<group>/<id>/, 0: people/<id>/ */
};
#define DP_LAYOUT_FLAT                                                         \
	{                                                                      \
		0                                                              \
	}

/*
 * Fills `out` from a repository-relative path: the kind its place in the
 * layout gives (DP_KIND_UNKNOWN when none), the person and the name.
 * Returns the kind. DP_EINVALID (negative) only for a path too long.
 */
int dp_layout_parse(struct dp_ref *out, const struct dp_layout *lo,
		    const char *path);
/* The kind a path names (dp_layout_parse, kind only). */
enum dp_kind dp_kind_from_path(const struct dp_layout *lo, const char *path);
/*
 * Fills `out` for a record of `kind` of `person` (person kinds) named
 * `name` (kinds with a folder of records). DP_EINVALID for a bad id.
 */
int dp_layout_ref(struct dp_ref *out, const struct dp_layout *lo,
		  enum dp_kind kind, const char *person, const char *name);

/* Each appends to `out` and returns 0, or DP_EINVALID for a bad id. */
int dp_layout_person_dir(struct dp_buf *out, const struct dp_layout *lo,
			 const char *person);
int dp_layout_profile(struct dp_buf *out, const struct dp_layout *lo,
		      const char *person);
int dp_layout_goals_dir(struct dp_buf *out, const struct dp_layout *lo,
			const char *person);
int dp_layout_goal(struct dp_buf *out, const struct dp_layout *lo,
		   const char *person, const char *slug);
int dp_layout_role(struct dp_buf *out, const char *role);
/* The group folder of `person` in the grouped layout: "79" for alice. */
int dp_layout_group(struct dp_buf *out, const char *person);

/*
 * The person a record path belongs to ("people/alice/goals/x.md", or
 * "people/79/alice/goals/x.md" when grouped -> "alice") appended to
 * `out`; DP_ENOTFOUND for paths outside people/ or, when grouped, in the
 * wrong group's folder.
 */
int dp_layout_person_of(struct dp_buf *out, const struct dp_layout *lo,
			const char *path);

/* 1 if `person` is a valid id with a profile (dp_layout_profile). */
int dp_layout_person_exists(struct dp_store *st, const struct dp_layout *lo,
			    const char *person);
/* Person ids with a profile, sorted (two levels down when grouped). */
int dp_layout_list_people(struct dp_strlist *out, struct dp_store *st,
			  const struct dp_layout *lo);
/* Goal slugs of `person` (file names without ".md"), sorted. */
int dp_layout_list_goals(struct dp_strlist *out, struct dp_store *st,
			 const struct dp_layout *lo, const char *person);

/*
 * Resolves what a user typed to a record (`out`):
 *   a path            people/alice/goals/learn-rust.md (relative to the
 *                     top or to the current directory), must lie under
 *                     people/ or framework/ or be devplan.yaml
 *   person/goal       alice/learn-rust, or a unique prefix: alice/learn
 *   person            alice -> people/alice/profile.md
 *   goal              learn-rust or a prefix, among `self`'s goals when
 *                     `self` (the current user's id) is not NULL
 * DP_ENOTFOUND, DP_EAMBIGUOUS (listing the candidates) or DP_EINVALID.
 */
int dp_layout_resolve(struct dp_ref *out, struct dp_store *st,
		      const struct dp_layout *lo, const char *name,
		      const char *self);

#endif
