#!/bin/sh
test_description='devplan matrix: the competency x person matrix of self-assessed levels'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: self-assessments, teams' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-competency rust --name Rust --category technical >/dev/null &&
	devplan new-competency communication --name Communication --category core >/dev/null &&
	devplan new-role senior --title "Senior Engineer" --require rust=6 \
		--require communication=4 >/dev/null &&
	devplan assess rust=3 systems-programming=2 >/dev/null &&
	devplan --as carol assess rust=5 >/dev/null &&
	devplan new-person a-person-with-a-very-long-id --name "Long" \
		--email long@example.com --role senior >/dev/null &&
	devplan --as a-person-with-a-very-long-id assess communication=4 >/dev/null &&
	devplan --as carol set carol team=platform >/dev/null &&
	devplan set alice team=platform >/dev/null
'

test_expect_success 'matrix: a row per competency, a column per person' '
	cd plan &&
	COLUMNS=200 devplan matrix >actual &&
	cat >expect <<-\EOF &&
	COMPETENCY           a-person-with-a-very-long-id  alice  bob  carol
	communication        4                             -      -    -
	rust                 -                             3      -    5
	systems-programming  -                             2      -    -
	EOF
	test_cmp expect actual
'

test_expect_success 'the table fits the terminal: long ids are cut first' '
	cd plan &&
	COLUMNS=50 devplan matrix >actual 2>err &&
	test_grep "^COMPETENCY           a-person-…  alice  bob  carol$" actual &&
	test ! -s err &&
	COLUMNS=30 devplan matrix >actual 2>err &&
	test_grep "^COMPETENCY           a-…  al…$" actual &&
	test_grep "2 more people do not fit the terminal" err
'

test_expect_success '--team and --role choose the people; a role its rows' '
	cd plan &&
	devplan matrix --team platform >actual &&
	cat >expect <<-\EOF &&
	COMPETENCY           alice  carol
	rust                 3      5
	systems-programming  2      -
	EOF
	test_cmp expect actual &&
	devplan matrix --role senior >actual &&
	cat >expect <<-\EOF &&
	COMPETENCY     a-person-with-a-very-long-id
	rust           -
	communication  4
	EOF
	test_cmp expect actual
'

test_expect_success '--format csv: RFC 4180, every person' '
	cd plan &&
	COLUMNS=20 devplan matrix --format csv | tr -d "\r" >actual &&
	cat >expect <<-\EOF &&
	competency,a-person-with-a-very-long-id,alice,bob,carol
	communication,4,,,
	rust,,3,,5
	systems-programming,,2,,
	EOF
	test_cmp expect actual &&
	devplan matrix --format csv | head -n 1 | od -c | grep -q "\\\\r"
'

test_expect_success '--format json: null for not assessed' '
	cd plan &&
	devplan matrix --team platform --format json >actual &&
	test_grep "\"person\": \"alice\"" actual &&
	test_grep "\"alice\": 3" actual &&
	test_grep "\"carol\": null" actual
'

test_expect_success 'errors: unknown role 1, usage 2' '
	cd plan &&
	test_expect_code 1 devplan matrix --role nope 2>err &&
	test_grep "devplan: error: unknown role .nope." err &&
	test_expect_code 2 devplan matrix --format xml &&
	test_expect_code 2 devplan matrix alice
'

test_done
