#!/bin/sh
test_description='devplan team: a manager sees their reports at a glance'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: goals, an overdue action, a proposal' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-goal --due 2026-12-01 "Learn Rust" >/dev/null &&
	devplan set learn-rust progress=40 >/dev/null &&
	devplan new-goal "Speak at a meetup" >/dev/null &&
	devplan set speak-at-a-meetup progress=21 >/dev/null &&
	devplan action add learn-rust "Read the book" --due 2026-11-01 >/dev/null &&
	devplan --as bob new-goal --for carol "Run the release" >/dev/null &&
	devplan new-person dave --name "Dave Other" --email dave@example.com --manager alice >/dev/null
'

test_expect_success 'team MANAGER: every direct report, one line each' '
	cd plan &&
	devplan team bob >actual &&
	cat >expect <<-\EOF &&
	PERSON  NAME         ACTIVE  PROGRESS  OVERDUE  PROPOSED  TO REVIEW           UPDATED
	alice   Alice Smith  2       30%       1        0         6 since 2026-11-18  2026-11-22
	carol   Carol Jones  0       -         0        1         2 since 2026-11-18  2026-11-22
	EOF
	test_cmp expect actual
'

test_expect_success 'team defaults to the reports of the acting person' '
	cd plan &&
	devplan --as bob team >actual &&
	test_grep "^alice " actual &&
	devplan team >actual &&
	test_grep "^dave " actual &&
	test_grep -v "^carol" actual
'

test_expect_success 'no reports: said on stderr, exit 0' '
	cd plan &&
	devplan team carol >actual 2>err &&
	test ! -s actual &&
	test_grep "carol has no direct reports" err
'

test_expect_success '--format json' '
	cd plan &&
	devplan team bob --format json >actual &&
	test_grep "\"manager\": \"bob\"" actual &&
	test_grep "\"active_goals\": 2" actual &&
	test_grep "\"progress\": 30" actual &&
	test_grep "\"progress\": null" actual &&
	test_grep "\"proposals\": 1" actual &&
	test_grep "\"to_review\": 2," actual &&
	test_grep "\"to_review_since\": \"2026-11-18\"" actual
'

test_expect_success 'TO REVIEW counts the changes since the manager approved' '
	cd plan &&
	devplan --as bob approve alice >/dev/null &&
	devplan team bob >actual &&
	test_grep "^alice .* 0  *2026-11-22$" actual &&
	test_grep "^carol .* 2 since 2026-11-18  2026-11-22$" actual &&
	devplan --as bob comment alice/learn-rust -m "Nice." >/dev/null &&
	devplan team bob >actual &&
	test_grep "^alice .* 0  *2026-11-22$" actual &&
	GIT_AUTHOR_DATE="1795400000 +0000" devplan set learn-rust progress=50 >/dev/null &&
	GIT_AUTHOR_DATE="1795500000 +0000" devplan set learn-rust progress=60 >/dev/null &&
	devplan team bob >actual &&
	test_grep "^alice .* 2 since 2026-11-23  2026-11-22$" actual &&
	devplan --as bob approve carol >/dev/null &&
	devplan team bob >actual &&
	test_grep "^alice .* 2 since 2026-11-23  2026-11-22$" actual &&
	test_grep "^carol .* 0  *2026-11-22$" actual &&
	devplan --as bob approve alice >/dev/null &&
	devplan team bob >actual &&
	test_grep "^alice .* 0  *2026-11-22$" actual
'

test_expect_success 'errors: unknown person 1, usage 2' '
	cd plan &&
	test_expect_code 1 devplan team nobody 2>err &&
	test_grep "devplan: error: unknown person" err &&
	test_expect_code 2 devplan team bob carol &&
	test_expect_code 2 devplan team --format csv
'

test_done
