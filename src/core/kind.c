/* SPDX-License-Identifier: MIT */
/* The table of record kinds. */
#include "devplan/kind.h"

#include "devplan/util.h"
#include "devplan/banned.h"

static const struct dp_kind_def kinds[] = {
	[DP_KIND_UNKNOWN] = { DP_KIND_UNKNOWN, "record", DP_DOC_FRONT_MATTER,
			      DP_SCOPE_ORG, NULL, NULL, NULL },
	[DP_KIND_CONFIG] = { DP_KIND_CONFIG, "config", DP_DOC_YAML,
			     DP_SCOPE_ORG, NULL, "devplan.yaml",
			     "devplan.yaml" },
	[DP_KIND_COMPETENCIES] = { DP_KIND_COMPETENCIES, "competencies",
				   DP_DOC_YAML, DP_SCOPE_ORG, "framework",
				   "competencies.yaml", "competencies.yaml" },
	[DP_KIND_ROLE] = { DP_KIND_ROLE, "role", DP_DOC_FRONT_MATTER,
			   DP_SCOPE_ORG, "framework/roles", NULL, "role.md" },
	[DP_KIND_PROFILE] = { DP_KIND_PROFILE, "profile", DP_DOC_FRONT_MATTER,
			      DP_SCOPE_PERSON, NULL, "profile.md",
			      "profile.md" },
	[DP_KIND_GOAL] = { DP_KIND_GOAL, "goal", DP_DOC_FRONT_MATTER,
			   DP_SCOPE_PERSON, "goals", NULL, "goal.md" },
	[DP_KIND_COMMENT] = { DP_KIND_COMMENT, "comment", DP_DOC_FRONT_MATTER,
			      DP_SCOPE_PERSON, "comments", NULL, "comment.md" },
	[DP_KIND_CAREER_MAP] = { DP_KIND_CAREER_MAP, "career-map",
				 DP_DOC_FRONT_MATTER, DP_SCOPE_PERSON, NULL,
				 "career-map.md", "career-map.md" },
	[DP_KIND_SWOT] = { DP_KIND_SWOT, "swot", DP_DOC_FRONT_MATTER,
			   DP_SCOPE_PERSON, NULL, "swot.md", "swot.md" },
	[DP_KIND_SKILLS] = { DP_KIND_SKILLS, "skills", DP_DOC_FRONT_MATTER,
			     DP_SCOPE_PERSON, NULL, "skills.md", "skills.md" },
	[DP_KIND_JOURNAL] = { DP_KIND_JOURNAL, "journal", DP_DOC_FRONT_MATTER,
			      DP_SCOPE_PERSON, NULL, "journal.md",
			      "journal.md" },
	[DP_KIND_CONVERSATION] = { DP_KIND_CONVERSATION, "conversation",
				   DP_DOC_FRONT_MATTER, DP_SCOPE_PERSON,
				   "conversations", NULL, "conversation.md" },
	[DP_KIND_NOTE] = { DP_KIND_NOTE, "note", DP_DOC_FRONT_MATTER,
			   DP_SCOPE_PERSON, "notes", NULL, "note.md" },
};

const struct dp_kind_def *dp_kind_def(enum dp_kind kind)
{
	if ((unsigned)kind >= DP_ARRAY_SIZE(kinds))
		kind = DP_KIND_UNKNOWN;
	return &kinds[kind];
}

const char *dp_kind_name(enum dp_kind kind)
{
	return dp_kind_def(kind)->name;
}

enum dp_doc_mode dp_kind_mode(enum dp_kind kind)
{
	return dp_kind_def(kind)->mode;
}
