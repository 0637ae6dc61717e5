#!/bin/sh
test_description='devplan swot: a 2x2 grid, add, remove'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan
'

test_expect_success 'add creates swot.md in one commit' '
	cd plan &&
	devplan swot add strength "Deep knowledge of the storage engine and its failure modes" &&
	cat >expect <<-\EOF &&
	swot(alice): add strength "Deep knowledge of the storage engine and its failure modes"

	Devplan-Person: alice
	Devplan-Record: people/alice/swot.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'quadrants in singular or plural; one line per item added' '
	cd plan &&
	devplan swot add weaknesses "Public speaking" &&
	devplan swot add opportunity "New platform team" &&
	git show --format= -U0 HEAD | grep "^[-+]" | grep -v "^[-+][-+]" >actual &&
	test_grep "^-opportunities: \[\]" actual &&
	devplan swot add threat "Reorganisation" &&
	devplan check
'

test_expect_success 'the grid fits $COLUMNS' '
	cd plan &&
	COLUMNS=60 devplan swot >actual &&
	cat >expect <<-\EOF &&
	+----------------------------+----------------------------+
	| STRENGTHS                  | WEAKNESSES                 |
	| 1. Deep knowledge of the   | 1. Public speaking         |
	|    storage engine and its  |                            |
	|    failure modes           |                            |
	+----------------------------+----------------------------+
	| OPPORTUNITIES              | THREATS                    |
	| 1. New platform team       | 1. Reorganisation          |
	+----------------------------+----------------------------+
	EOF
	test_cmp expect actual &&
	COLUMNS=100 devplan swot alice >wide &&
	awk "length > 100 { bad = 1 } END { exit bad }" wide &&
	devplan swot >out &&
	test "$(head -n 1 out | wc -c)" = 80 &&
	rm wide
'

test_expect_success 'remove by number or text' '
	cd plan &&
	devplan swot remove threat 1 &&
	echo "swot(alice): remove threat \"Reorganisation\"" >expect &&
	git log -1 --format=%s >actual &&
	test_cmp expect actual &&
	devplan swot remove weakness public &&
	test_grep "^weaknesses:" people/alice/swot.md &&
	devplan check
'

test_expect_success 'refusals' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 2 devplan swot add strong x 2>err &&
	test_grep "not a quadrant" err &&
	test_expect_code 1 devplan swot add strength "Deep knowledge of the storage engine and its failure modes" 2>err &&
	test_grep "already among the strengths" err &&
	test_expect_code 1 devplan swot remove threat 3 2>err &&
	test_expect_code 1 devplan swot add strength "  " 2>err &&
	test_unchanged $head
'

test_expect_success 'control characters are escaped in the grid' '
	cd plan &&
	devplan swot add threat "placeholder" &&
	sed -i "s/text: placeholder/text: \"a\\\\e]0;title\\\\ab\"/" people/alice/swot.md &&
	test_grep "e]0;title" people/alice/swot.md &&
	devplan swot >out &&
	test_grep -v "$(printf "\033")" out &&
	test_grep "x1b" out
'

test_expect_success 'someone else has their own SWOT' '
	cd plan &&
	git checkout people/alice/swot.md &&
	devplan swot carol >out 2>err &&
	test_grep "no SWOT yet" err &&
	devplan --as carol swot add strength "Listening" &&
	test_grep "text: Listening" people/carol/swot.md &&
	devplan swot carol >out &&
	test_grep "1. Listening" out
'

test_done
