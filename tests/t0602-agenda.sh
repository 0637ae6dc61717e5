#!/bin/sh
test_description='devplan agenda: a 1:1 development agenda led by the employee'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: a plan with a proposal, an overdue goal, a gap, a direction' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-competency rust --name Rust --category technical >/dev/null &&
	devplan new-role senior --title "Senior Engineer" --require rust=6 \
		--require systems-programming=3 >/dev/null &&
	devplan set engineer next=senior >/dev/null &&
	devplan new-goal --due 2026-11-01 "Learn Rust" >/dev/null &&
	devplan assess rust=3 >/dev/null &&
	devplan career-map add lateral "Developer relations" >/dev/null &&
	devplan --as bob new-goal --for alice "Take the release" >/dev/null
'

test_expect_success 'agenda names the changes of 30 days, the proposal, the overdue goal, the gaps, the directions' '
	cd plan &&
	devplan agenda >actual &&
	cat >expect <<-\EOF &&
	# Development conversation: alice, 2026-11-22

	## Recent changes and comments

	Since 2026-10-23.

	- 2026-11-18, A U Thor: career-map alice: new career-map: "career-map"
	- 2026-11-18, A U Thor: goal alice/learn-rust: new goal: "Learn Rust"
	- 2026-11-18, Bob Manager: goal alice/take-the-release: new goal: "Take the release"
	- 2026-11-18, A U Thor: profile alice: new profile: "Alice Smith"
	- 2026-11-18, A U Thor: skills alice: new skills: "skills"

	## Proposals waiting for my answer

	- [ ] "Take the release" (alice/take-the-release), proposed by bob: accept or decline

	## Due or overdue

	- [ ] "Learn Rust" (alice/learn-rust): overdue since 2026-11-01

	## My largest gaps

	- [ ] rust: I see myself at 3, senior needs 6: how could I close the gap?
	- [ ] systems-programming: not assessed yet, senior needs 3: where do I stand?

	## Where I want to go

	- [ ] lateral: Developer relations: what is my next step?

	## Looking ahead

	- [ ] What would I like to be able to do a year from now that I cannot do today?
	- [ ] What one thing could we change before we next meet to make time for learning?
	EOF
	test_cmp expect actual
'

test_expect_success 'a manager can read the agenda of a report' '
	cd plan &&
	devplan --as bob agenda alice >actual &&
	test_grep "Learn Rust" actual
'

test_expect_success 'agenda --save: one commit, a conversation with a checklist' '
	cd plan &&
	before=$(git rev-parse HEAD) &&
	devplan agenda --save >/dev/null 2>err &&
	test_grep "saved the agenda as people/alice/conversations/2026-11-22.md" err &&
	test "$(git rev-list --count $before..HEAD)" = 1 &&
	cat >expect <<-\EOF &&
	conversation(alice): agenda for 2026-11-22 (7 items)

	Devplan-Person: alice
	Devplan-Record: people/alice/conversations/2026-11-22.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	f=people/alice/conversations/2026-11-22.md &&
	test_grep "^date: 2026-11-22" $f &&
	test_grep "^with: \[bob\]" $f &&
	test "$(grep -c "done: false" $f)" = 7 &&
	sed -n "/^---$/,/^---$/d; p" $f >out &&
	cat >expect <<-\EOF &&

	## Recent changes and comments

	Since 2026-10-23.

	- 2026-11-18, A U Thor: career-map alice: new career-map: "career-map"
	- 2026-11-18, A U Thor: goal alice/learn-rust: new goal: "Learn Rust"
	- 2026-11-18, Bob Manager: goal alice/take-the-release: new goal: "Take the release"
	- 2026-11-18, A U Thor: profile alice: new profile: "Alice Smith"
	- 2026-11-18, A U Thor: skills alice: new skills: "skills"

	Notes of the conversation.
	EOF
	test_cmp expect out &&
	test -z "$(git status --porcelain)" &&
	devplan check >/dev/null
'

test_expect_success 'saving twice the same day is refused, nothing committed' '
	cd plan &&
	before=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan agenda --save >/dev/null 2>err &&
	test_grep "devplan: error:" err &&
	test "$(git rev-parse HEAD)" = "$before"
'

test_expect_success 'unchecked items are carried into the next agenda' '
	cd plan &&
	f=people/alice/conversations/2026-11-22.md &&
	awk "/Take the release/ { t = 1 } t && /done: false/ { sub(/false/, \"true\"); t = 0 } { print }" $f >tmp &&
	mv tmp $f && git commit -qam "tick" &&
	devplan accept take-the-release >/dev/null &&
	DEVPLAN_TODAY=2026-12-06 devplan agenda >actual &&
	sed -n "3,6p" actual >head &&
	cat >expect <<-\EOF &&
	## Carried over from the last conversation

	- [ ] "Learn Rust" (alice/learn-rust): overdue since 2026-11-01
	- [ ] rust: I see myself at 3, senior needs 6: how could I close the gap?
	EOF
	test_cmp expect head &&
	test_grep -v "Take the release" actual &&
	test "$(grep -c "Learn Rust" actual)" = 1 &&
	DEVPLAN_TODAY=2026-12-06 devplan agenda --format json >actual &&
	test_grep "\"previous\": \"2026-11-22\"" actual
'

test_expect_success 'changes and comments since the last conversation, with who and when' '
	cd plan &&
	GIT_AUTHOR_DATE="1796000000 +0000" GIT_COMMITTER_DATE="1796000000 +0000" &&
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE &&
	devplan progress learn-rust 40 >/dev/null &&
	devplan --as bob comment alice/learn-rust -m "Good pace.
	Keep the notes." >/dev/null &&
	devplan journal -m "Read chapter 3" >/dev/null &&
	DEVPLAN_TODAY=2026-12-06 devplan agenda >actual &&
	awk "/^## / { r = /Recent/ } r" actual >out &&
	cat >expect <<-\EOF &&
	## Recent changes and comments

	Since 2026-11-22, the last conversation.

	- 2026-11-30, A U Thor: goal alice/learn-rust: progress 0 -> 40
	- 2026-11-30, A U Thor: journal alice: new journal: "Learning journal"
	- 2026-11-30, bob (manager): comment on goal alice/learn-rust: "Good pace. Keep the notes."
	EOF
	test_cmp expect out &&
	DEVPLAN_TODAY=2026-12-06 devplan agenda --format json >actual &&
	test_grep "\"since\": \"2026-11-22\"" actual &&
	test_grep "\"text\": \"goal alice/learn-rust: progress 0 -> 40\"" actual &&
	test_grep "\"who\": \"A U Thor\"" actual &&
	test_grep "\"when\": \"2026-11-30\"" actual &&
	test_grep "\"record\": \"people/alice/goals/learn-rust.md\"" actual &&
	test_grep "\"who\": \"bob (manager)\"" actual
'

test_expect_success 'without a conversation: the last 30 days, nothing older' '
	cd plan &&
	DEVPLAN_TODAY=2026-12-17 devplan --as bob agenda carol >actual &&
	test_grep "^- 2026-11-18, A U Thor: profile carol: new profile: \"Carol Jones\"$" actual &&
	test_grep "^Since 2026-11-17\.$" actual &&
	DEVPLAN_TODAY=2026-12-19 devplan --as bob agenda carol >actual &&
	test_grep -v "Recent changes" actual
'

test_expect_success 'at most 25 changes, the rest left to devplan review' '
	cd plan &&
	GIT_AUTHOR_DATE="1796100000 +0000" GIT_COMMITTER_DATE="1796100000 +0000" &&
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE &&
	for i in $(seq 41 65); do devplan progress learn-rust $i >/dev/null || return 1; done &&
	DEVPLAN_TODAY=2026-12-06 devplan agenda >actual &&
	test "$(grep -c "^- 2026-1" actual)" = 25 &&
	test_grep "^- and 3 earlier: devplan review alice --since 2026-11-22$" actual &&
	test_grep "^- 2026-12-01, A U Thor: goal alice/learn-rust: progress 64 -> 65$" actual &&
	test_grep -v "progress 0 -> 40" actual
'

test_expect_success 'rights and errors' '
	cd plan &&
	before=$(git rev-parse HEAD) &&
	test_expect_code 1 env DEVPLAN_TODAY=2026-12-07 "$DEVPLAN" --as bob agenda alice --save >/dev/null 2>err &&
	test_grep "devplan: error:" err &&
	test "$(git rev-parse HEAD)" = "$before" &&
	test_expect_code 1 devplan agenda nobody &&
	test_expect_code 2 devplan agenda alice bob &&
	test_expect_code 2 devplan agenda --format html
'

test_expect_success 'a comment holding escape sequences reaches the agenda escaped' '
	cd plan &&
	GIT_AUTHOR_DATE="1796000000 +0000" GIT_COMMITTER_DATE="1796000000 +0000" \
		devplan --as bob comment carol -m "$(printf "hi\033[2J\007there")" >/dev/null &&
	DEVPLAN_TODAY=2026-12-06 devplan --as bob agenda carol >actual &&
	test_grep "hi.*there" actual &&
	! grep -q "$(printf "\033")" actual &&
	! grep -q "$(printf "\007")" actual
'

test_done
