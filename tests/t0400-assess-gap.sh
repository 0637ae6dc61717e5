#!/bin/sh
test_description='devplan assess and devplan gap'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: a ladder of two roles' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-competency rust --name Rust --category technical >/dev/null &&
	devplan new-competency communication --name Communication --category core >/dev/null &&
	devplan new-role senior --title "Senior Engineer" --require rust=6 \
		--require communication=5 --require systems-programming=3 >/dev/null &&
	devplan set engineer next=senior >/dev/null
'

test_expect_success 'assess creates skills.md in one commit' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan assess rust=3/6 &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	cat >expect <<-\EOF &&
	skills(alice): assess rust 3 (target 6)

	Devplan-Person: alice
	Devplan-Record: people/alice/skills.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	competencies:
	  rust:
	    level: 3
	    target: 6
	    date: 2026-11-22
	EOF
	sed -n "2,6p" people/alice/skills.md >actual &&
	test_cmp expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a second assessment changes only its lines and keeps the target' '
	cd plan &&
	DEVPLAN_TODAY=2026-12-01 devplan assess alice rust=4 communication=2 &&
	echo "skills(alice): assess rust 3 -> 4, communication 2" >expect &&
	git log -1 --format=%s >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	-    level: 3
	+    level: 4
	-    date: 2026-11-22
	+    date: 2026-12-01
	+  communication:
	+    level: 2
	+    date: 2026-12-01
	EOF
	diff_hunks | grep "^[-+]" >actual &&
	test_cmp expect actual &&
	test_grep "target: 6" people/alice/skills.md &&
	devplan check
'

test_expect_success 'gap: the next role, largest first, unassessed is unknown' '
	cd plan &&
	devplan gap >actual &&
	cat >expect <<-\EOF &&
	gap to senior (Senior Engineer)
	COMPETENCY           REQUIRED  SELF     TARGET  GAP
	communication        5         2        -       3
	rust                 6         4        6       2
	systems-programming  3         unknown  -       unknown
	EOF
	test_cmp expect actual
'

test_expect_success 'gap --format json: null for unknown, never 0' '
	cd plan &&
	devplan gap alice --format json >out &&
	test_grep "\"level\": null" out &&
	test_grep "\"gap\": null" out &&
	test_grep "\"gap\": 3" out &&
	test_grep -v "\"level\": 0" out
'

test_expect_success 'gap --role: any role; a met requirement says so' '
	cd plan &&
	devplan assess systems-programming=4 &&
	devplan gap --role engineer >actual &&
	cat >expect <<-\EOF &&
	gap to engineer (Engineer)
	COMPETENCY           REQUIRED  SELF  TARGET  GAP
	systems-programming  2         4     -       met
	EOF
	test_cmp expect actual
'

test_expect_success 'gap of someone with no assessment: all unknown' '
	cd plan &&
	devplan gap bob >out &&
	test_grep "rust  *6  *unknown" out
'

test_expect_success 'gap without a role or next role says what to do' '
	cd plan &&
	test_expect_code 1 devplan gap carol 2>err &&
	test_grep "give --role" err
'

test_expect_success 'assess refuses unknown competencies and bad levels' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan assess rustt=3 2>err &&
	test_grep "unknown competency .rustt." err &&
	for bad in rust=0 rust=11 rust=x rust=3/12 rust=; do
		test_expect_code 1 devplan assess "$bad" 2>err || exit 1
		test_grep "1..10" err || exit 1
	done &&
	test_expect_code 1 devplan assess "Bad Id=3" 2>err &&
	test_expect_code 2 devplan assess 2>err &&
	test_expect_code 2 devplan gap --format xml 2>err &&
	test_unchanged $head
'

test_expect_success 'only the owner assesses themselves' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan assess carol rust=2 2>err &&
	test_grep "only carol" err &&
	test_unchanged $head
'

test_expect_success 'check validates skills.md' '
	cd plan &&
	sed -i "s/level: 4/level: 14/" people/alice/skills.md &&
	test_expect_code 1 devplan check >err 2>&1 &&
	test_grep "people/alice/skills.md:.*competencies.rust.level: .14. is not in 1..10" err &&
	git checkout people/alice/skills.md
'

test_done
