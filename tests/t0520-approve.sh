#!/bin/sh
test_description='devplan approve: a Reviewed-by: commit from the manager chain'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && devplan new-goal "Learn Rust" >/dev/null)
'

test_expect_success 'the manager approves: an empty commit with the trailers' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	devplan --as bob approve alice -m "Good plan, go." >out &&
	test_grep "approved alice" out &&
	test "$(git rev-parse HEAD^)" = "$head" &&
	test "$(git rev-parse HEAD^{tree})" = "$(git rev-parse $head^{tree})" &&
	test "$(git log -1 --format=%an)" = "Bob Manager" &&
	test "$(git log -1 --format=%cn)" = "C O Mitter" &&
	commit_message >msg &&
	test_grep "^approve(alice): bob approves alice.s plan at " msg &&
	test_grep "^Good plan, go.$" msg &&
	test_grep "^Devplan-Person: alice$" msg &&
	test_grep "^Devplan-Approves: $head$" msg &&
	test_grep "^Reviewed-by: Bob Manager <bob@example.com>$" msg &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'the approval is dated by GIT_AUTHOR_DATE and GIT_COMMITTER_DATE' '
	cd plan &&
	GIT_AUTHOR_DATE="1796000000 +0200" GIT_COMMITTER_DATE="1796000500 -0100" \
		devplan --as bob approve alice >/dev/null &&
	test "$(git log -1 --format="%at %ai")" = "1796000000 2026-11-30 02:53:20 +0200" &&
	test "$(git log -1 --format="%ct %ci")" = "1796000500 2026-11-30 00:01:40 -0100" &&
	GIT_COMMITTER_DATE="not a date" test_expect_code 1 \
		devplan --as bob approve alice 2>err &&
	test_grep "invalid date format .not a date. in GIT_COMMITTER_DATE" err &&
	test "$(git log -1 --format=%ct)" = 1796000500
'

test_expect_success 'the owner and a peer are refused, nothing committed' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan approve alice 2>err &&
	test_grep "cannot approve your own" err &&
	test_expect_code 1 devplan --as carol approve alice 2>err &&
	test_grep "only alice.s managers and the admins may approve" err &&
	test_expect_code 1 devplan --as bob approve nobody 2>err &&
	test_expect_code 2 devplan --as bob approve 2>err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_done
