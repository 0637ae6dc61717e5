/* SPDX-License-Identifier: MIT */
/* Approvals: a commit with a Reviewed-by: trailer and no file change. */
#include "devplan/approve.h"

#include <string.h>

#include "devplan/commit.h"
#include "devplan/history.h"
#include "devplan/ident.h"
#include "devplan/plan.h"
#include "devplan/banned.h"

int dp_approve(struct dp_plan *plan, const char *person, const char *note,
	       char *out_oid, char *approved)
{
	struct dp_buf aname = DP_BUF_INIT, aemail = DP_BUF_INIT;
	struct dp_buf cname = DP_BUF_INIT, cemail = DP_BUF_INIT;
	struct dp_buf text = DP_BUF_INIT, rb = DP_BUF_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_store *st = dp_plan_store(plan);
	struct dp_ident author, committer;
	char head[41];
	const char *me;
	int ret, locked = 0;

	if ((ret = dp_plan_person_check(plan, person)) < 0 ||
	    (ret = dp_plan_whoami(plan, &me)) < 0)
		goto out;
	if (!strcmp(me, person)) {
		dp_error_set("you cannot approve your own plan: your manager "
			     "or an admin approves it");
		ret = DP_EDENIED;
		goto out;
	}
	if (!dp_plan_manages(plan, me, person) && !dp_plan_is_admin(plan, me)) {
		dp_error_set("only %s's managers and the admins may approve "
			     "their plan; you are '%s'",
			     person, me);
		ret = DP_EDENIED;
		goto out;
	}
	if ((ret = dp_ident_author(&aname, &aemail, plan)) < 0 ||
	    (ret = dp_ident_committer(&cname, &cemail, st, plan)) < 0)
		goto out;
	if (!aname.len) {
		dp_buf_adds(&aname, cname.ptr);
		dp_buf_adds(&aemail, cemail.ptr);
	}
	if ((ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	if ((ret = dp_history_head(st, head)) < 0)
		goto out;
	dp_buf_addf(&msg.subject, "approve(%s): ", person);
	dp_msg_subjectf(&msg, "%s approves %s's plan at %.7s", me, person,
			head);
	if (note && *note)
		dp_buf_adds(&msg.body, note);
	dp_msg_add_trailer(&msg, DP_TRAILER_PERSON, person);
	dp_msg_add_trailer(&msg, DP_TRAILER_APPROVES, head);
	dp_buf_addf(&rb, "%s <%s>", aname.ptr, aemail.ptr);
	dp_msg_add_trailer(&msg, DP_TRAILER_REVIEWED_BY, rb.ptr);
	dp_msg_format(&text, &msg);
	author = (struct dp_ident){ aname.ptr, aemail.ptr };
	committer = (struct dp_ident){ cname.ptr, cemail.ptr };
	ret = dp_store_commit_empty(st, text.ptr, &author, &committer, out_oid);
	if (ret == 0 && approved)
		memcpy(approved, head, sizeof(head));
out:
	if (locked)
		dp_plan_unlock(plan);
	dp_msg_release(&msg);
	dp_buf_release(&text);
	dp_buf_release(&rb);
	dp_buf_release(&aname);
	dp_buf_release(&aemail);
	dp_buf_release(&cname);
	dp_buf_release(&cemail);
	return ret;
}
