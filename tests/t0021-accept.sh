#!/bin/sh
test_description='devplan accept'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && cd plan &&
	devplan --as bob new-goal --for alice "Lead an incident review" >/dev/null &&
	devplan new-goal "Learn Go" >/dev/null
'

test_expect_success 'the owner accepts a proposed goal: one line changes' '
	cd plan &&
	devplan accept alice/lead >out &&
	test_grep "Accepted people/alice/goals/lead-an-incident-review.md" out &&
	test_grep "^status: active$" people/alice/goals/lead-an-incident-review.md &&
	test_grep "^proposed-by: bob$" people/alice/goals/lead-an-incident-review.md &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	goal(alice): accept "Lead an incident review"

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/lead-an-incident-review.md

	EOF
	test_cmp expect msg &&
	git show --format= --numstat HEAD >stat &&
	printf "1\t1\tpeople/alice/goals/lead-an-incident-review.md\n" >expect &&
	test_cmp expect stat
'

test_expect_success 'a goal that is not proposed cannot be accepted' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan accept alice/learn-go 2>err &&
	test_grep "not a proposed goal" err &&
	test_unchanged $head
'

test_expect_success 'only the owner can accept' '
	cd plan &&
	devplan --as bob new-goal --for carol "Write a design doc" >/dev/null &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan accept carol/write 2>err &&
	test_grep "only .carol. can answer a goal proposed to them" err &&
	test_unchanged $head &&
	devplan --as carol accept carol/write >/dev/null &&
	test_grep "^status: active$" people/carol/goals/write-a-design-doc.md
'

test_expect_success 'unknown goals and usage errors' '
	cd plan &&
	test_expect_code 1 devplan accept alice/nothing 2>err &&
	test_grep "devplan: error:" err &&
	test_expect_code 2 devplan accept 2>err &&
	test_expect_code 1 devplan accept alice 2>err &&
	test_grep "is not a goal" err
'

test_done
