#!/bin/sh
test_description='devplan career-map: show, add, edit'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-role senior --title "Senior Engineer" \
		--require systems-programming=4 >/dev/null
'

test_expect_success 'no map yet: said on stderr, exit 0' '
	cd plan &&
	devplan career-map >out 2>err &&
	test_cmp /dev/null out &&
	test_grep "no career map yet" err
'

test_expect_success 'add up a role: creates the map in one commit' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan career-map add up senior --horizon "1-2 years" --why "I like mentoring" &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	cat >expect <<-\EOF &&
	career-map(alice): add up "senior"

	Devplan-Person: alice
	Devplan-Record: people/alice/career-map.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	test_grep "^    role: senior\$" people/alice/career-map.md &&
	test_grep "^  - id: \"*[0-9a-f]\{6\}\"*\$" people/alice/career-map.md &&
	test_grep "^    added: 2026-11-22\$" people/alice/career-map.md &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'add an idea: only the new item is added' '
	cd plan &&
	devplan career-map add explore "Developer  relations" &&
	git show --format= -U0 HEAD | grep "^[-+] " >actual &&
	test_grep -v "^-" actual &&
	test_grep "^+    idea: Developer relations\$" actual &&
	test "$(grep -c "^+" actual)" = 4 &&
	devplan career-map add lateral "Platform team" &&
	devplan check
'

test_expect_success 'the view groups the lattice and resolves role titles' '
	cd plan &&
	devplan career-map >actual &&
	cat >expect <<-\EOF &&
	Career map of Alice Smith (alice)
	Current role: engineer (Engineer)

	Up
	  - senior (Senior Engineer)  [1-2 years]
	      why: I like mentoring

	Lateral
	  - Platform team

	Explore
	  - Developer relations
	EOF
	test_cmp expect actual
'

test_expect_success 'the up direction is the target of gap' '
	cd plan &&
	devplan gap >out &&
	test_grep "^gap to senior (Senior Engineer)" out
'

test_expect_success 'ids differ within the list' '
	cd plan &&
	grep "^  - id:" people/alice/career-map.md | sort | uniq -d >dups &&
	test_cmp /dev/null dups && rm dups
'

test_expect_success 'refusals: a duplicate, a bad direction, someone else' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan career-map add up senior 2>err &&
	test_grep "already a direction up" err &&
	test_expect_code 1 devplan career-map add sideways x 2>err &&
	test_grep "up, lateral or explore" err &&
	test_expect_code 1 devplan career-map edit carol 2>err &&
	test_grep "only carol" err &&
	test_expect_code 2 devplan career-map add up 2>err &&
	test_expect_code 2 devplan career-map --why x 2>err &&
	test_expect_code 1 devplan career-map nobody 2>err &&
	test_unchanged $head
'

test_expect_success 'control characters never reach the terminal raw' '
	cd plan &&
	devplan career-map add explore "Evil" &&
	sed -i "s/idea: Evil/idea: \"Evil \\\\e[31mred\"/" people/alice/career-map.md &&
	devplan career-map >out &&
	git checkout people/alice/career-map.md &&
	test_grep -v "$(printf "\033")" out &&
	test_grep "Evil \\\\x1b\[31mred" out
'

test_expect_success 'career-map edit uses the editor and validates' '
	cd plan &&
	EDITOR="sed -i -e \"s/^buddy: .*/buddy: carol/\"" devplan career-map edit &&
	test_grep "^buddy: carol\$" people/alice/career-map.md &&
	git log -1 --format=%s >actual &&
	echo "career-map(alice): edit career-map" >expect &&
	test_cmp expect actual &&
	devplan career-map >out &&
	test_grep "^Career buddy: carol" out
'

test_expect_success 'career-map edit starts from the template for bob' '
	cd plan &&
	EDITOR="sed -i -e \"s/^aspirations: .*/aspirations: lead a team/\"" \
		devplan --as bob career-map edit &&
	test_grep "^aspirations: lead a team" people/bob/career-map.md
'

test_done
