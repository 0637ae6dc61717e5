/* SPDX-License-Identifier: MIT */
/* Unit tests of the import module: reading headers as a person does. */
#include "devplan/import.h"
#include "test.h"

int main(void)
{
	CHECK_INT(dp_import_column("Job Title"), DP_COL_ROLE);
	CHECK_INT(dp_import_column("job_title"), DP_COL_ROLE);
	CHECK_INT(dp_import_column("  POSITION "), DP_COL_ROLE);
	CHECK_INT(dp_import_column("role_id"), DP_COL_ROLE_ID);
	CHECK_INT(dp_import_column("Job Family"), DP_COL_TRACK);
	CHECK_INT(dp_import_column("Ladder"), DP_COL_TRACK);
	CHECK_INT(dp_import_column("Grade"), DP_COL_LEVEL);
	CHECK_INT(dp_import_column("role_order"), DP_COL_LEVEL_RANK);
	CHECK_INT(dp_import_column("Skill"), DP_COL_COMPETENCY);
	CHECK_INT(dp_import_column("Theme"), DP_COL_COMPETENCY);
	CHECK_INT(dp_import_column("competency_summary"),
		  DP_COL_COMPETENCY_DESC);
	CHECK_INT(dp_import_column("Pillar"), DP_COL_CATEGORY);
	CHECK_INT(dp_import_column("Required level"), DP_COL_REQUIRED);
	CHECK_INT(dp_import_column("proficiency"), DP_COL_REQUIRED);
	CHECK_INT(dp_import_column("required_level_rank"),
		  DP_COL_REQUIRED_RANK);
	CHECK_INT(dp_import_column("category_level"), DP_COL_CATEGORY_LEVEL);
	CHECK_INT(dp_import_column("Criteria"), DP_COL_DESCRIPTION);
	CHECK_INT(dp_import_column("next_role_id"), DP_COL_NEXT);
	CHECK_INT(dp_import_column("supporting_urls"), DP_COL_NONE);
	CHECK_INT(dp_import_column(""), DP_COL_NONE);
	CHECK_STR(dp_import_column_name(DP_COL_REQUIRED), "required level");
	return test_done();
}
