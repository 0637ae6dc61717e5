/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CHECK_REPORT_H
#define DEVPLAN_CHECK_REPORT_H

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/json.h"

/*
 * Check's findings for CI and scripts (devplan-check(1), --format):
 *   json         an array of {path, line, column, severity, message}
 *   github       GitHub Actions workflow commands, one a line
 *                (::error file=F,line=L,col=C::message), escaped as the
 *                format says (% CR LF, and : , in properties), other
 *                control characters made visible
 *   codequality  a GitLab Code Quality report, with a fingerprint stable
 *                across runs
 */
struct dp_json *dp_findings_json(const struct dp_findings *f);
void dp_findings_github(struct dp_buf *out, const struct dp_findings *f);
struct dp_json *dp_findings_codequality(const struct dp_findings *f);

#endif
