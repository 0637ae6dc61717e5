#!/bin/sh
test_description='devplan match: colleagues strong where a person is weak'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: a target role, gaps, colleagues and a SWOT' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-competency rust --name Rust --category technical >/dev/null &&
	devplan new-competency communication --name Communication --category core >/dev/null &&
	devplan new-role senior --title "Senior Engineer" --require rust=6 \
		--require communication=4 --require systems-programming=3 >/dev/null &&
	devplan set engineer next=senior >/dev/null &&
	devplan assess rust=3 systems-programming=5 >/dev/null &&
	devplan --as bob assess rust=7 communication=5 >/dev/null &&
	devplan --as carol assess rust=6 communication=2 >/dev/null &&
	devplan --as carol swot add strength "Communication with customers" >/dev/null &&
	devplan new-person dave --name "Dave Peer" --email dave@example.com >/dev/null &&
	devplan --as dave assess rust=2 >/dev/null
'

test_expect_success 'match: a peer first, the manager after, with the reason' '
	cd plan &&
	devplan match >actual &&
	cat >expect <<-\EOF &&
	gaps of alice: rust 3/6, communication ?/4
	COLLEAGUE  NAME         WHY
	carol      Carol Jones  rust 6 (needs 6); communication, strength "Communication with customers"
	bob        Bob Manager  rust 7 (needs 6); communication 5 (needs 4) (your manager chain)
	EOF
	test_cmp expect actual
'

test_expect_success 'never the person themself; someone below the level is not suggested' '
	cd plan &&
	devplan match alice >actual &&
	test_grep -v "^alice " actual &&
	test_grep -v "^dave " actual
'

test_expect_success '--format json' '
	cd plan &&
	devplan match --format json >actual &&
	test_grep "\"person\": \"carol\"" actual &&
	test_grep "\"manager_chain\": true" actual &&
	test_grep "\"strength\": \"Communication with customers\"" actual &&
	test_grep "\"level\": null" actual
'

test_expect_success 'no target role: exit 1 with a message' '
	cd plan &&
	test_expect_code 1 devplan match dave 2>err &&
	test_grep "devplan: error:" err
'

test_expect_success 'errors: unknown person 1, usage 2' '
	cd plan &&
	test_expect_code 1 devplan match nobody &&
	test_expect_code 2 devplan match alice bob &&
	test_expect_code 2 devplan match --format csv
'

test_done
