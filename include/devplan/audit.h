/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_AUDIT_H
#define DEVPLAN_AUDIT_H

#include <stddef.h>

#include "devplan/history.h"

/*
 * The audit: every commit that touched the plan is checked against the
 * policy as it stood before the commit (its first parent's devplan.yaml
 * and profiles; a root commit against its own), with the ownership rules
 * of dp_plan_may:
 *
 *   people/<p>/...      p; an admin; anyone with a profile adding a
 *                       comment; p's manager chain adding a goal with
 *                       Devplan-Proposed-By (a proposal); a new profile:
 *                       the admins (anyone while none is named)
 *   framework/, devplan.yaml
 *                       the admins (anyone while none is named)
 *   an approval         (Devplan-Approves, changing no file) p's manager
 *                       chain or an admin, never p
 *
 * A commit's author is the person whose profile has the author's email;
 * a committer other than the author is held to the same rules, unless
 * policy.trusted-committers lists its email (a git host's web editor: it
 * then carries no rights of its own and only the author is judged).
 * A merge: what it brings from its parents is checked commit by commit;
 * the files it changes of its own (merged version neither parent's nor
 * the records' merge of both over the second side's starting version)
 * are held to its author's and committer's rights ("merge author").
 * Works on a bare repository.
 */

struct dp_audit_finding {
	char commit[41];
	char *author; /* "Name <email>" */
	char *rule;   /* what was broken, one line */
};

struct dp_audit {
	struct dp_audit_finding *items;
	size_t len, alloc;
	size_t checked; /* commits checked */
};

/* Only commits whose signature verifies count (devplan/verify.h). */
#define DP_AUDIT_REQUIRE_SIGNED 0x1u

/*
 * Checks the commits of `range` ("OLD..NEW", "NEW", or NULL: all of
 * HEAD's history) in `h`, oldest first, appending what breaks the policy
 * to `out` (zeroed by the caller, released with dp_audit_release).
 * With DP_AUDIT_REQUIRE_SIGNED in `flags`, a commit whose signature does
 * not verify (with gpg.ssh.allowedSignersFile, the committer's email as
 * the principal) is a finding and its changes do not count.
 * Returns 0 (also with findings), or < 0 when the history cannot be read.
 */
int dp_audit_run(struct dp_audit *out, struct dp_history *h, const char *range,
		 unsigned flags);
void dp_audit_release(struct dp_audit *a);

#endif
