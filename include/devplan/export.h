/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_EXPORT_H
#define DEVPLAN_EXPORT_H

#include "devplan/buf.h"
#include "devplan/plan.h"

/*
 * Exports of the whole plan (`devplan export`), for HR systems, scripts
 * and spreadsheets.
 *
 * json, schema "devplan-export/1":
 *   { "schema": "devplan-export/1", "org": "...",
 *     "framework": { "competencies": [ {...} ],
 *                    "roles": [ { "id": ..., <fields>, "body": ... } ] },
 *     "people": [ { "id": ..., "path": ...,
 *                   "profile": { <fields>, "body": ... },
 *                   "goals": [ { "id": <slug>, "path": ..., <fields>
 *                                (actions included), "body": ... } ],
 *                   "<kind>s": [ ... any other kind, the same way ] } ] }
 * Fields are the front matter as written: plain integers become numbers,
 * true/false booleans, null/~ null, everything else strings. People are
 * sorted by id, records by name. Version 1 only ever gains keys.
 *
 * csv (RFC 4180, CRLF line ends, a header row): one row per goal and one
 * per action:
 *   person,goal,row,title,status,progress,due,done,path
 * `row` is "goal" or "action <n>" (from 1).
 *
 * ics (RFC 5545, through libical): one all-day VEVENT per goal and per
 * action with a due date; SUMMARY "<person>: <title>" (" (done)" after a
 * done action), DESCRIPTION the goal, its status and path; DTSTAMP the
 * time of HEAD, so the same commit exports the same bytes. UIDs are
 * stable (dp_ical_uid of the goal's path and "goal", or "action:<title>"),
 * so a calendar that re-imports the file updates instead of duplicating.
 */
enum dp_export_format { DP_EXPORT_JSON, DP_EXPORT_CSV, DP_EXPORT_ICS };

/*
 * Appends the export of every record to `out`. Records that cannot be
 * read are left out and reported in `problems` as warnings.
 */
int dp_export(struct dp_buf *out, struct dp_plan *plan,
	      enum dp_export_format format, struct dp_findings *problems);

/* Appends `s` as one CSV field, quoted when it holds , " CR or LF. */
void dp_csv_field(struct dp_buf *out, const char *s);

#endif
