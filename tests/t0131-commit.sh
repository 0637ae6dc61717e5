#!/bin/sh
test_description='devplan commit: hand edits committed the devplan way'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && cd plan &&
	devplan new-goal "Learn Rust" --action "Read the book" >/dev/null
'

test_expect_success 'nothing edited: nothing to commit, exit 0' '
	cd plan && head=$(git rev-parse HEAD) &&
	devplan commit 2>err &&
	test_grep "nothing to commit" err &&
	test_unchanged $head
'

test_expect_success 'a hand edit is committed with what changed, field by field' '
	cd plan &&
	sed -i -e "s/^progress: 0/progress: 30/" -e "s/^status: active/status: blocked/" \
		people/alice/goals/learn-rust.md &&
	devplan commit >out &&
	test_grep "committed 1 record" out &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: status active -> blocked, progress 0 -> 30

	status active -> blocked
	progress 0 -> 30

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/learn-rust.md

	EOF
	test_cmp expect msg &&
	test -z "$(git status --porcelain)" &&
	git show --stat --format= HEAD | tail -n 1 >stat &&
	test_grep "1 file changed, 2 insertions(+), 2 deletions(-)" stat &&
	devplan set alice/learn-rust progress=40 >/dev/null
'

test_expect_success 'an invalid hand edit is refused with its path:line:col' '
	cd plan && head=$(git rev-parse HEAD) &&
	sed -i "s/^due: .*//; s/^progress: 40/progress: 140/" people/alice/goals/learn-rust.md &&
	test_expect_code 1 devplan commit 2>err &&
	test_grep "^people/alice/goals/learn-rust.md:[0-9]*:[0-9]*: progress: .140. is not in 0..100" err &&
	test_grep "nothing was committed" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git checkout -- people/alice/goals/learn-rust.md
'

test_expect_success 'several records at once, a new one among them' '
	cd plan &&
	sed -i "s/^team: .*/team: platform/" people/alice/profile.md &&
	cat >people/alice/goals/give-a-talk.md <<-\EOF &&
	---
	title: Give a talk
	status: active
	created: 2026-11-22
	---
	EOF
	devplan commit >out &&
	test_grep "committed 2 records" out &&
	git log -1 --format=%B >msg &&
	test_grep "^hand edits to 2 records$" msg &&
	test_grep "new goal: \"Give a talk\"" msg &&
	test_grep "^Devplan-Record: people/alice/goals/give-a-talk.md$" msg &&
	test_grep "^Devplan-Record: people/alice/profile.md$" msg
'

test_expect_success 'someone else'"'"'s record edited by hand is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	sed -i "s/^team: .*/team: other/" people/carol/profile.md &&
	test_expect_code 1 devplan commit 2>err &&
	test_grep "only carol may change it" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	devplan --as carol commit carol >/dev/null &&
	git log -1 --format=%s >subject &&
	test_grep "^person(carol): team" subject
'

test_expect_success 'other work in the tree is left alone' '
	cd plan &&
	echo notes >NOTES.txt &&
	sed -i "s/^progress: 40/progress: 45/" people/alice/goals/learn-rust.md &&
	devplan commit >/dev/null &&
	git status --porcelain >../status &&
	echo "?? NOTES.txt" >../expect &&
	test_cmp ../expect ../status &&
	rm NOTES.txt
'

test_expect_success 'a deleted record is committed as deleted' '
	cd plan &&
	rm people/alice/goals/give-a-talk.md &&
	devplan commit people/alice/goals/give-a-talk.md >/dev/null &&
	git log -1 --format=%B >msg &&
	test_grep "goal deleted: \"Give a talk\"" msg &&
	test_must_fail_quietly() { ! git cat-file -e HEAD:people/alice/goals/give-a-talk.md 2>/dev/null; } &&
	test_must_fail_quietly
'

test_expect_success 'a symbolic link or an unknown path named is refused, saying why' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	ln -s learn-rust.md people/alice/goals/link.md &&
	test_expect_code 1 devplan commit people/alice/goals/link.md 2>err &&
	test_grep "^devplan: error: refusing to follow symbolic link .people/alice/goals/link.md.$" err &&
	test_expect_code 1 devplan commit people/alice/goals/nope.md 2>err &&
	test_grep "^devplan: error: no record at .people/alice/goals/nope.md.$" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	rm people/alice/goals/link.md
'

test_done
