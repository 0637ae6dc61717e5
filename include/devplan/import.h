/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_IMPORT_H
#define DEVPLAN_IMPORT_H

#include "devplan/error.h"
#include "devplan/plan.h"
#include "devplan/util.h"

/*
 * Importing a competency framework (devplan import-framework): role
 * profiles and competencies read from spreadsheet exports (CSV, TSV) and
 * from Markdown files whose front matter has `levels` and `topics` (the
 * Monzo progression-framework shape), merged into framework/ in one
 * commit. How each shape maps to records is in
 * man/devplan-import-framework.1.scd.
 *
 * Existing records change only in the fields that differ (each edit is
 * spliced into the file), so importing the same sources twice changes
 * nothing, and a changed spreadsheet row changes the lines it stands for.
 */

/* The columns a spreadsheet header cell can name. */
enum dp_import_col {
	DP_COL_NONE = 0,
	DP_COL_TRACK,
	DP_COL_ROLE,
	DP_COL_ROLE_ID,
	DP_COL_LEVEL,      /* the role's level (or a catalog's level) */
	DP_COL_LEVEL_RANK, /* its number when the level is named */
	DP_COL_COMPETENCY,
	DP_COL_COMPETENCY_ID,
	DP_COL_COMPETENCY_DESC,
	DP_COL_CATEGORY,
	DP_COL_CATEGORY_LEVEL, /* a grade per category (inDrive's C1, I2) */
	DP_COL_CATEGORY_RANK,
	DP_COL_REQUIRED,      /* the level a role requires */
	DP_COL_REQUIRED_RANK, /* its number when the level is named */
	DP_COL_REQUIREMENT,   /* "required" or "optional" */
	DP_COL_DESCRIPTION,
	DP_COL_NEXT,
	DP_COL_COUNT
};

/*
 * What a header cell names, read the way a person reads it: case,
 * spacing and punctuation aside, with the common synonyms ("Job Title",
 * "job_title" and "Position" all name the role).
 */
enum dp_import_col dp_import_column(const char *header);
/* A short name of a column for messages ("required level"). */
const char *dp_import_column_name(enum dp_import_col col);

struct dp_import_result {
	/*
	 * What changes, a line each: "framework/roles/x.md: add role "T"",
	 * then indented field lines ("  level: 1 -> 2"). Empty: nothing.
	 */
	struct dp_strlist report;
	/* Warnings (skipped files) and validation findings. */
	struct dp_findings findings;
	size_t roles_added, roles_updated;
	size_t comps_added, comps_updated;
	int changed;     /* 1 if anything would change */
	char commit[41]; /* the new commit, "" for a dry run or no change */
};
#define DP_IMPORT_RESULT_INIT                                                  \
	{                                                                      \
		DP_STRLIST_INIT, DP_FINDINGS_INIT, 0, 0, 0, 0, 0,              \
		{                                                              \
			0                                                      \
		}                                                              \
	}
void dp_import_result_release(struct dp_import_result *res);

/*
 * Imports `n` sources (files, or folders searched for *.md, *.csv and
 * *.tsv) into the plan's framework, as the acting person (the
 * framework is the admins'). With `dry_run` only `res` is filled.
 * A source that cannot be imported is refused with DP_EINVALID or
 * DP_ETOOBIG and dp_error_last() "file:line:col: message"; invalid
 * resulting records give DP_EINVALID with the findings in `res`. Nothing
 * is written then.
 */
int dp_import_framework(struct dp_plan *plan, const char *const *sources,
			size_t n, int dry_run, struct dp_import_result *res);

#endif
