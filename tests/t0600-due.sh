#!/bin/sh
test_description='devplan due: what is due, overdue or stale, across the repository'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: goals and actions with due dates' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-goal --due 2026-12-01 "Learn Rust" >/dev/null &&
	devplan action add learn-rust "Read the book" --due 2026-11-20 >/dev/null &&
	devplan action add learn-rust "Done already" --due 2026-11-01 >/dev/null &&
	devplan action done learn-rust 2 >/dev/null &&
	devplan --as carol new-goal --due 2027-06-30 "Mentor a new joiner" >/dev/null &&
	devplan --as bob new-goal --for carol --due 2026-11-01 "Run the release" >/dev/null
'

test_expect_success 'due lists the overdue action first and exits 1' '
	cd plan &&
	test_expect_code 1 devplan due >actual &&
	cat >expect <<-\EOF &&
	DATE        STATE              GOAL              WHAT
	2026-11-20  overdue by 2 days  alice/learn-rust  action: Read the book
	2026-12-01  due in 9 days      alice/learn-rust  Learn Rust
	EOF
	test_cmp expect actual
'

test_expect_success '--within 0 leaves out what is not due yet' '
	cd plan &&
	test_expect_code 1 devplan due --within 0 >actual &&
	test_grep "Read the book" actual &&
	test_grep -v "due in" actual
'

test_expect_success 'nothing overdue: exit 0; proposals and done actions are not listed' '
	cd plan &&
	DEVPLAN_TODAY=2026-11-10 devplan due --within 30 >actual &&
	test_grep "due in 10 days" actual &&
	test_grep -v "Run the release" actual &&
	test_grep -v "Done already" actual &&
	DEVPLAN_TODAY=2026-11-10 devplan due --within 0 2>err >actual &&
	test_grep "nothing due" err &&
	test ! -s actual
'

test_expect_success 'an active goal not updated for 90 days is stale' '
	cd plan &&
	(
		DEVPLAN_TODAY=2027-02-20 && export DEVPLAN_TODAY &&
		test_expect_code 1 devplan due --within 0 >actual
	) &&
	test_grep "not updated for 90 days *carol/mentor-a-new-joiner" actual &&
	(
		DEVPLAN_TODAY=2027-02-19 && export DEVPLAN_TODAY &&
		test_expect_code 1 devplan due --within 0 --format json >actual
	) &&
	test_grep -v mentor actual
'

test_expect_success '--format json' '
	cd plan &&
	test_expect_code 1 devplan due --format json >actual &&
	test_grep "\"kind\": \"action\"" actual &&
	test_grep "\"action\": \"Read the book\"" actual &&
	test_grep "\"days\": 2" actual &&
	test_grep "\"overdue\": true" actual &&
	test_grep "\"days\": -9" actual
'

test_expect_success 'usage errors exit 2, outside a repository 3' '
	cd plan &&
	test_expect_code 2 devplan due --within soon 2>err &&
	test_grep "devplan: error: --within" err &&
	test_expect_code 2 devplan due --format xml &&
	test_expect_code 2 devplan due alice &&
	test_expect_code 3 run_outside_repo "$DEVPLAN" due
'

test_done
