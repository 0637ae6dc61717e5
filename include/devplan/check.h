/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CHECK_H
#define DEVPLAN_CHECK_H

#include "devplan/plan.h"

/*
 * Checks the whole plan (n == 0) or the records and folders `names`
 * names (paths relative to the current folder, or record names), adding
 * every finding to `out` and the number of records read to *records.
 * Returns 0, or an error that stopped the walk (a finding is not one).
 */
int dp_plan_check(struct dp_plan *plan, struct dp_findings *out, char **names,
		  size_t n, size_t *records);

#endif
