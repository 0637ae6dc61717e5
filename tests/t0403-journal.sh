#!/bin/sh
test_description='devplan journal: dated sections of the body, hours per month'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-goal "Learn Rust" >/dev/null
'

test_expect_success 'no entries yet' '
	cd plan &&
	devplan journal >out 2>err &&
	test_cmp /dev/null out &&
	test_grep "no journal entries" err
'

test_expect_success 'journal -m creates the journal with one dated section' '
	cd plan &&
	devplan journal -m "Read chapter 9 of the Rust book" --hours 2 --goal learn &&
	cat >expect <<-\EOF &&
	journal(alice): 2026-11-22 "Read chapter 9 of the Rust book" (2h)

	Devplan-Person: alice
	Devplan-Record: people/alice/journal.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	## 2026-11-22

	hours: 2 · goal: learn-rust

	Read chapter 9 of the Rust book
	EOF
	sed -e "1,/^---\$/d" people/alice/journal.md >actual &&
	test_cmp expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a second entry only adds lines at the end' '
	cd plan &&
	devplan journal -m "Paired on the parser" --hours 1.5 --date 2026-10-02 &&
	git show --format= HEAD | grep "^-[^-]" >removed || : &&
	test_cmp /dev/null removed && rm removed &&
	devplan journal -m "# not a heading
and a second line" --date 2026-11-23 &&
	test_grep "^\\\\# not a heading" people/alice/journal.md &&
	devplan check
'

test_expect_success 'listing: by date, then hours per month' '
	cd plan &&
	devplan journal >actual &&
	cat >expect <<-\EOF &&
	DATE        HOURS  GOAL        ENTRY
	2026-10-02  1.5    -           Paired on the parser
	2026-11-22  2      learn-rust  Read chapter 9 of the Rust book
	2026-11-23  -      -           # not a heading

	MONTH    HOURS
	2026-10  1.5
	2026-11  2
	EOF
	test_cmp expect actual
'

test_expect_success 'listing as JSON' '
	cd plan &&
	devplan journal alice --format json >out &&
	test_grep "\"hours\": 1.5" out &&
	test_grep "\"goal\": \"learn-rust\"" out &&
	test_grep "\"text\": \"# not a heading\\\\nand a second line\"" out
'

test_expect_success 'hand-written sections that are not dates are kept and skipped' '
	cd plan &&
	printf "\n## Reading list\n\n- The Rust book\n" >>people/alice/journal.md &&
	devplan journal >out &&
	test_grep -v "Reading list" out &&
	git checkout people/alice/journal.md
'

test_expect_success 'a long journal stays in the body, far from the front matter limit' '
	cd plan &&
	i=0 && while [ $i -lt 800 ]; do
		printf "\n## 2025-01-%02d\n\nhours: 1\n\nEntry %d: %s\n" \
			$((i % 28 + 1)) $i "$(printf "%0100d" 0)"
		i=$((i + 1))
	done >>people/alice/journal.md &&
	test "$(wc -c <people/alice/journal.md)" -gt 70000 &&
	git commit -qam "long journal" &&
	devplan journal -m "Still fine" &&
	devplan journal >out &&
	test_grep "^2025-01  800" out &&
	devplan check
'

test_expect_success 'refusals' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan journal -m x --hours 30 2>err &&
	test_grep "not a number of hours" err &&
	test_expect_code 1 devplan journal -m x --hours abc 2>err &&
	test_expect_code 1 devplan journal -m x --date 2026-02-30 2>err &&
	test_expect_code 1 devplan journal -m x --goal nope 2>err &&
	test_expect_code 1 devplan journal -m "   " 2>err &&
	test_expect_code 1 devplan journal carol -m x 2>err &&
	test_grep "only carol" err &&
	test_expect_code 2 devplan journal --hours 2 2>err &&
	test_expect_code 2 devplan journal --format xml 2>err &&
	test_unchanged $head
'

test_done
