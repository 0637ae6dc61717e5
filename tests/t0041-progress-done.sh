#!/bin/sh
test_description='devplan progress and devplan done'
. "$TEST_SRCDIR/test-lib.sh"
SQ="'"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-goal "Learn Rust" >out &&
	test_grep "people/alice/goals/learn-rust.md" out &&
	test_grep "^progress: 0\$" people/alice/goals/learn-rust.md &&
	test_grep "^status: active\$" people/alice/goals/learn-rust.md
'

test_expect_success 'progress changes the progress line alone' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan progress alice/learn-rust 30 &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: progress 0 -> 30

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/learn-rust.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	echo " 1 file changed, 1 insertion(+), 1 deletion(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	-progress: 0
	+progress: 30
	EOF
	diff_hunks | grep "^[-+]" >actual &&
	test_cmp expect actual &&
	rm -f expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'progress -m puts the note in the commit body' '
	cd plan &&
	git show HEAD:people/alice/goals/learn-rust.md >before &&
	devplan progress alice/learn-rust 40 -m "Finished chapter 8 of the book" &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: progress 30 -> 40

	Finished chapter 8 of the book

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/learn-rust.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	sed -e "s/^progress: 30\$/progress: 40/" before >expect &&
	test_cmp expect people/alice/goals/learn-rust.md &&
	rm -f before expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a multi-line note keeps its lines' '
	cd plan &&
	devplan progress -m "Chapter 9 too.
Next: the borrow checker." alice/learn-rust 45 &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: progress 40 -> 45

	Chapter 9 too.
	Next: the borrow checker.

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/learn-rust.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

for bad in 140 101 abc 4.5 "" "40%" " 5"
do
	test_expect_success "progress '$bad' is refused and nothing changes" '
		cd plan &&
		head=$(git rev-parse HEAD) &&
		cp people/alice/goals/learn-rust.md before &&
		test_expect_code 1 devplan progress alice/learn-rust "$bad" 2>err &&
		test_grep "^devplan: error: progress: .*0..100" err &&
		test_cmp before people/alice/goals/learn-rust.md &&
		rm before &&
		test_unchanged $head
	'
done

test_expect_success 'progress -1 is a value, not an option, and is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress alice/learn-rust -- -1 2>err &&
	test_grep "^devplan: error: progress: .*-1" err &&
	test_expect_code 1 devplan progress alice/learn-rust -1 2>err &&
	test_grep "^devplan: error: progress: ${SQ}-1${SQ} is not a whole number in 0..100" err &&
	test_unchanged $head
'

test_expect_success 'done sets status done and progress 100 in one commit' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan done alice/learn-rust &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: done

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/learn-rust.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	echo " 1 file changed, 2 insertions(+), 2 deletions(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	-status: active
	+status: done
	-progress: 45
	+progress: 100
	EOF
	diff_hunks | grep "^[-+]" >actual &&
	test_cmp expect actual &&
	rm -f expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'done on a goal already done changes nothing' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	devplan done alice/learn-rust 2>err &&
	test_grep "nothing to change" err &&
	test_unchanged $head
'

test_expect_success 'done -m puts the note in the commit body' '
	cd plan &&
	devplan new-goal "Give a talk" >/dev/null &&
	devplan done alice/give-a-talk -m "Spoke at the meetup" &&
	cat >expect <<-\EOF &&
	goal(alice): give-a-talk: done

	Spoke at the meetup

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/give-a-talk.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'a note that reads like -h or --help is a note, not a help request' '
	cd plan &&
	devplan new-goal "Practise Go" >/dev/null &&
	devplan progress alice/practise-go 35 -m -h >out 2>err &&
	test_grep -v "^usage:" out &&
	commit_message >msg &&
	test_grep "^-h\$" msg &&
	test_grep "^progress: 35\$" people/alice/goals/practise-go.md &&
	devplan progress alice/practise-go 40 --message --help >out 2>err &&
	commit_message >msg &&
	test_grep "^--help\$" msg &&
	rm -f out err msg
'

test_expect_success 'outside a repository, a note reading --help is still exit 3' '
	test_expect_code 3 run_outside_repo devplan progress alice/learn-go 10 -m --help 2>err &&
	test_grep "^devplan: error: " err
'

test_expect_success 'a unique prefix names a goal: alice/write' '
	cd plan &&
	devplan new-goal "Write a compiler" >/dev/null &&
	devplan progress alice/write 20 &&
	git log -1 --format=%s >actual &&
	echo "goal(alice): write-a-compiler: progress 0 -> 20" >expect &&
	test_cmp expect actual &&
	test_grep "^progress: 20\$" people/alice/goals/write-a-compiler.md &&
	rm -f expect actual
'

test_expect_success 'a bare goal name is looked up among my own goals' '
	cd plan &&
	devplan progress write-a-compiler 25 &&
	test_grep "^progress: 25\$" people/alice/goals/write-a-compiler.md &&
	devplan progress write 30 &&
	test_grep "^progress: 30\$" people/alice/goals/write-a-compiler.md &&
	git log -1 --format=%s >actual &&
	echo "goal(alice): write-a-compiler: progress 25 -> 30" >expect &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'a bare goal name is not looked up among other people'"'"'s goals' '
	cd plan &&
	devplan --as carol new-goal "Run a workshop" >/dev/null &&
	test -f people/carol/goals/run-a-workshop.md &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress run-a-workshop 10 2>err &&
	test_grep "^devplan: error: " err &&
	test_unchanged $head &&
	devplan --as carol progress run-a-workshop 10 &&
	test_grep "^progress: 10\$" people/carol/goals/run-a-workshop.md
'

test_expect_success 'a goal named by its path' '
	cd plan &&
	devplan progress people/alice/goals/write-a-compiler.md 35 &&
	test_grep "^progress: 35\$" people/alice/goals/write-a-compiler.md &&
	(cd people/alice/goals && devplan progress ./write-a-compiler.md 40) &&
	test_grep "^progress: 40\$" people/alice/goals/write-a-compiler.md
'

test_expect_success 'an ambiguous prefix is refused, listing the candidates' '
	cd plan &&
	devplan new-goal "Learn Go" >/dev/null &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress alice/learn 10 2>err &&
	test_grep "^devplan: error: " err &&
	test_grep "learn-go" err &&
	test_grep "learn-rust" err &&
	test_expect_code 1 devplan done learn 2>err &&
	test_grep "learn-go" err &&
	test_grep "learn-rust" err &&
	test_unchanged $head
'

test_expect_success 'progress and done on a profile are refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/profile.md before &&
	test_expect_code 1 devplan progress alice 50 2>err &&
	test_grep "^devplan: error: .*not a goal" err &&
	test_expect_code 1 devplan done alice 2>err &&
	test_grep "^devplan: error: .*not a goal" err &&
	test_cmp before people/alice/profile.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'an unknown goal is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress alice/no-such-goal 10 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan done no-such-goal 2>err &&
	test_grep "^devplan: error: " err &&
	test_unchanged $head
'

test_expect_success 'usage errors exit 2' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 2 devplan progress alice/learn-go 2>err &&
	test_grep "usage: devplan progress" err &&
	test_expect_code 2 devplan progress 2>err &&
	test_expect_code 2 devplan done 2>err &&
	test_expect_code 2 devplan done alice/learn-go alice/learn-rust 2>err &&
	test_unchanged $head
'

test_expect_success 'outside a repository: exit 3' '
	test_expect_code 3 run_outside_repo devplan progress alice/learn-go 10 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 3 run_outside_repo devplan done alice/learn-go 2>err &&
	test_grep "^devplan: error: " err
'

test_done
