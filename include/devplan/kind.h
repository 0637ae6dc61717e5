/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_KIND_H
#define DEVPLAN_KIND_H

#include "devplan/fm.h"
#include "devplan/slug.h"

/*
 * Record kinds: one table says, for each kind, where its files live, how
 * they are parsed, which template starts them, what commit subjects call
 * it and who owns it. Adding a kind is one entry here plus its schema in
 * record.c (and a template when it has one).
 */
enum dp_kind {
	DP_KIND_UNKNOWN = 0,
	DP_KIND_CONFIG,       /* devplan.yaml */
	DP_KIND_COMPETENCIES, /* framework/competencies.yaml */
	DP_KIND_ROLE,         /* framework/roles/<role>.md */
	DP_KIND_PROFILE,      /* people/<p>/profile.md */
	DP_KIND_GOAL,         /* people/<p>/goals/<slug>.md */
	DP_KIND_COMMENT,      /* people/<p>/comments/<date>-<author>-<id>.md */
	DP_KIND_CAREER_MAP,   /* people/<p>/career-map.md */
	DP_KIND_SWOT,         /* people/<p>/swot.md */
	DP_KIND_SKILLS,       /* people/<p>/skills.md: self-assessment */
	DP_KIND_JOURNAL,      /* people/<p>/journal.md: learning log */
	DP_KIND_CONVERSATION, /* people/<p>/conversations/<date>.md */
	DP_KIND_NOTE,         /* people/<p>/notes/<date>-<slug>.md: shared */
	DP_KIND_COUNT
};

/* Whose files a kind's are: the organisation's (admins) or a person's. */
enum dp_scope { DP_SCOPE_ORG, DP_SCOPE_PERSON };

struct dp_kind_def {
	enum dp_kind kind;
	const char *name; /* "goal": messages, JSON, commit subjects */
	enum dp_doc_mode mode;
	enum dp_scope scope;
	/*
	 * Where: for DP_SCOPE_ORG relative to the top, for DP_SCOPE_PERSON
	 * relative to the person's folder. `file` names a single file
	 * ("profile.md"); else `dir` holds one <name>.md file per record.
	 */
	const char *dir;
	const char *file;
	const char *tmpl; /* template name (dp_template_load), or NULL */
};

#define DP_REF_PATH_MAX 512

/*
 * A record, named once: what kind it is, whose it is (person records),
 * its name within its folder (a goal's slug, a role's id) and its path.
 * A plain value: copy it freely, nothing to release. Made by
 * dp_layout_parse, dp_layout_ref and name resolution (layout.h).
 */
struct dp_ref {
	enum dp_kind kind;
	char person[DP_ID_MAX + 1]; /* "" for the organisation's records */
	char name[DP_ID_MAX + 1];   /* "" for single-file kinds */
	char path[DP_REF_PATH_MAX];
};

/* The entry of `kind`; DP_KIND_UNKNOWN's for anything out of range. */
const struct dp_kind_def *dp_kind_def(enum dp_kind kind);
/* "goal", "profile", "role", "competencies", "config", "record". */
const char *dp_kind_name(enum dp_kind kind);
/* DP_DOC_YAML for config and competencies, else DP_DOC_FRONT_MATTER. */
enum dp_doc_mode dp_kind_mode(enum dp_kind kind);

#endif
