/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_APPROVE_H
#define DEVPLAN_APPROVE_H

struct dp_plan;

#define DP_TRAILER_REVIEWED_BY "Reviewed-by"
#define DP_TRAILER_APPROVES "Devplan-Approves"

/*
 * Approves `person`'s plan as it is at HEAD, as the acting person: one
 * commit changing no file, with the trailers Devplan-Person,
 * Devplan-Approves: <HEAD's id> and Reviewed-by: Name <email> (the
 * approver's profile). Only the person's manager chain and the admins
 * may approve (DP_EDENIED naming who may); nobody approves themselves.
 * `note` (may be NULL) is the message body. `out_oid` gets the new
 * commit's id, `approved` the id approved (41 bytes each, may be NULL).
 */
int dp_approve(struct dp_plan *plan, const char *person, const char *note,
	       char *out_oid, char *approved);

#endif
