#!/bin/sh
test_description='devplan review and devplan log: field by field, from the history'
. "$TEST_SRCDIR/test-lib.sh"

GOAL=people/alice/goals/learn-rust.md

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && devplan new-goal "Learn Rust" >/dev/null &&
	 devplan progress alice/learn-rust 10 >/dev/null)
'

short() { git rev-parse --short=7 "$1"; }

test_expect_success 'review without an approval: since the plan began' '
	cd plan &&
	g=$(short HEAD~1) && p=$(short HEAD) && a=$(short HEAD~3) &&
	devplan --as bob review alice >actual &&
	cat >expect <<-EOF &&
	alice${SQ}s records since the plan began

	people/alice/goals/learn-rust.md
	  new goal: "Learn Rust"
	    2026-11-18 $g A U Thor: new goal: "Learn Rust"
	    2026-11-18 $p A U Thor: progress 0 -> 10

	people/alice/profile.md
	  new profile: "Alice Smith"
	    2026-11-18 $a A U Thor: new profile: "Alice Smith"
	EOF
	test_cmp expect actual
'

test_expect_success 'after an approval: exactly what changed since, comments too' '
	cd plan &&
	devplan --as bob approve alice >/dev/null &&
	approved=$(short HEAD~1) &&
	devplan progress alice/learn-rust 30 >/dev/null && c1=$(short HEAD) &&
	devplan action add alice/learn-rust "Read the book" >/dev/null &&
	c2=$(short HEAD) &&
	devplan --as bob comment alice/learn-rust -m "Nice pace" >/dev/null &&
	devplan --as bob review alice >out &&
	sed -e "1s/ ([0-9-]*)\$/ (DATE)/" out >actual &&
	cat >expect <<-EOF &&
	alice${SQ}s records since bob${SQ}s approval at $approved (DATE)

	people/alice/goals/learn-rust.md
	  progress 10 -> 30
	  action added: "Read the book"
	    2026-11-18 $c1 A U Thor: progress 10 -> 30
	    2026-11-18 $c2 A U Thor: action added: "Read the book"

	comments
	  2026-11-18 bob (manager) on $GOAL: Nice pace
	EOF
	test_cmp expect actual
'

test_expect_success 'another reviewer without an approval sees it all' '
	cd plan &&
	devplan --as carol review alice >actual &&
	test_grep "since the plan began" actual &&
	test_grep "new goal" actual
'

test_expect_success 'review --since a revision or a date; --format json' '
	cd plan &&
	devplan review alice --since HEAD~1 >actual &&
	cat >expect <<-EOF &&
	alice${SQ}s records since $(short HEAD~1)

	comments
	  2026-11-18 bob (manager) on $GOAL: Nice pace
	EOF
	test_cmp expect actual &&
	devplan review alice --since 2026-11-19 >actual &&
	test_grep "nothing changed" actual &&
	devplan --as bob review alice --format json >out.json &&
	python3 -c "
import json, sys
r = json.load(open(\"out.json\"))
assert r[\"person\"] == \"alice\", r
assert r[\"approval\"] is not None
rec = r[\"records\"][0]
assert rec[\"path\"] == \"$GOAL\"
assert [c[\"text\"] for c in rec[\"changes\"]] == [\"progress 10 -> 30\", \"action added: \\\"Read the book\\\"\"], rec
assert len(rec[\"commits\"]) == 2
assert r[\"comments\"][0][\"text\"] == \"Nice pace\"
" &&
	rm out.json
'

test_expect_success 'review: refusals' '
	cd plan &&
	test_expect_code 2 devplan review 2>err &&
	test_expect_code 1 devplan review nobody 2>err &&
	test_expect_code 1 devplan review alice --since no-such-rev 2>err &&
	test_grep "unknown revision" err &&
	test_expect_code 2 devplan review alice --format xml 2>err
'

test_expect_success 'log of a person: changes, comments and approvals' '
	cd plan &&
	devplan log alice | sed -e "s/^\([0-9a-f]\{7\}\) [0-9-]* \(Bob Manager \[approval\]\)/\1 DATE \2/" >actual &&
	cat >expect <<-EOF &&
	$(short HEAD) 2026-11-18 Bob Manager [comment] comment(alice): bob comments on learn-rust
	    comment on $GOAL
	$(short HEAD~1) 2026-11-18 A U Thor goal(alice): learn-rust: add action "Read the book"
	    $GOAL: action added: "Read the book"
	$(short HEAD~2) 2026-11-18 A U Thor goal(alice): learn-rust: progress 10 -> 30
	    $GOAL: progress 10 -> 30
	$(short HEAD~3) DATE Bob Manager [approval] approve(alice): bob approves alice${SQ}s plan at $(short HEAD~4)
	$(short HEAD~4) 2026-11-18 A U Thor goal(alice): learn-rust: progress 0 -> 10
	    $GOAL: progress 0 -> 10
	$(short HEAD~5) 2026-11-18 A U Thor goal(alice): add "Learn Rust"
	    $GOAL: new goal: "Learn Rust"
	$(short HEAD~7) 2026-11-18 A U Thor person(alice): add "Alice Smith"
	    people/alice/profile.md: new profile: "Alice Smith"
	EOF
	test_cmp expect actual
'

test_expect_success 'log of one record, and as JSON' '
	cd plan &&
	devplan log alice/learn-rust >out &&
	test "$(wc -l <out)" = 8 &&
	test_grep -v "profile" out &&
	test_grep -v "approval" out &&
	devplan log alice --format json >out.json &&
	python3 -c "
import json
r = json.load(open(\"out.json\"))
assert [e[\"type\"] for e in r] == [\"comment\", \"change\", \"change\", \"approval\", \"change\", \"change\", \"change\"], r
assert r[3][\"reviewed_by\"] == \"Bob Manager <bob@example.com>\"
assert r[2][\"files\"][0][\"changes\"] == [\"progress 10 -> 30\"]
" &&
	rm out.json
'

test_done
