#!/bin/sh
test_description='devplan commands at the same time lose nothing; locks are honoured'
. "$TEST_SRCDIR/test-lib.sh"

# repo_sound: fsck clean, nothing uncommitted, index == HEAD == work tree.
repo_sound() {
	git fsck --strict --no-dangling >fsck.out 2>&1 || { cat fsck.out >&2; return 1; }
	if grep -i "error\|warning\|missing\|broken" fsck.out >&2; then return 1; fi
	rm -f fsck.out
	git diff --cached --quiet HEAD || { echo "index differs from HEAD" >&2; return 1; }
	git diff --quiet || { echo "work tree differs from the index" >&2; return 1; }
	[ -z "$(git status --porcelain)" ] || { git status --porcelain >&2; return 1; }
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && repo_sound)
'

test_expect_success 'three shells running new-goal six times at once: 18 goals, 18 commits' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	before=$(git rev-list --count HEAD) &&
	for s in 1 2 3
	do
		(
			for i in 1 2 3 4 5 6
			do
				devplan new-goal "Shell $s goal $i" >/dev/null 2>>../fail.$s ||
				echo "shell $s goal $i failed" >>../fail.$s
			done
		) &
	done &&
	wait &&
	cat ../fail.1 ../fail.2 ../fail.3 >../fail &&
	test ! -s ../fail &&
	rm -f ../fail ../fail.1 ../fail.2 ../fail.3 &&

	test "$(git rev-list --count HEAD)" = $((before + 18)) &&
	test "$(git rev-list --count $head..HEAD)" = 18 &&
	test -z "$(git rev-list --merges $head..HEAD)" &&
	git ls-tree -r --name-only HEAD people/alice/goals >goals &&
	test "$(wc -l <goals)" = 18 &&
	for s in 1 2 3
	do
		for i in 1 2 3 4 5 6
		do
			grep -x "people/alice/goals/shell-$s-goal-$i.md" goals || return 1
		done
	done &&
	for c in $(git rev-list $head..HEAD)
	do
		git diff-tree --no-commit-id --name-only -r $c >files &&
		test "$(wc -l <files)" = 1 &&
		grep "^people/alice/goals/shell-[1-3]-goal-[1-6]\.md\$" files || return 1
	done &&
	git log --format=%s $head..HEAD >subjects &&
	test "$(grep -c "^goal(alice): add \"Shell [1-3] goal [1-6]\"\$" subjects)" = 18 &&
	rm -f goals files subjects &&
	repo_sound
'

test_expect_success 'concurrent set on different goals: every change lands' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	for i in 1 2 3 4 5 6
	do
		(
			devplan set alice/shell-1-goal-$i progress=${i}0 2>../err.$i ||
			echo "set $i failed" >>../err.$i
		) &
	done &&
	wait &&
	cat ../err.1 ../err.2 ../err.3 ../err.4 ../err.5 ../err.6 >../errs &&
	test ! -s ../errs &&
	rm -f ../err.? ../errs &&
	test "$(git rev-list --count $head..HEAD)" = 6 &&
	for i in 1 2 3 4 5 6
	do
		git show HEAD:people/alice/goals/shell-1-goal-$i.md >g &&
		grep -x "progress: ${i}0" g &&
		grep -x "progress: ${i}0" people/alice/goals/shell-1-goal-$i.md || return 1
	done &&
	for c in $(git rev-list $head..HEAD)
	do
		test "$(git diff-tree --no-commit-id --name-only -r $c | wc -l)" = 1 || return 1
	done &&
	rm -f g &&
	repo_sound
'

test_expect_success 'a held index.lock is waited for; the command succeeds once it goes' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	: >.git/index.lock &&
	{ (sleep 1 && rm -f .git/index.lock) & } &&
	devplan progress alice/shell-2-goal-1 15 &&
	wait &&
	test ! -f .git/index.lock &&
	test "$(git rev-parse HEAD^)" = $head &&
	test_grep "^progress: 15\$" people/alice/goals/shell-2-goal-1.md &&
	git show HEAD:people/alice/goals/shell-2-goal-1.md >g &&
	test_grep "^progress: 15\$" g &&
	rm -f g &&
	repo_sound
'

test_expect_success 'an index.lock held for good: exit 3 naming it, within 12 s, nothing changed' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/shell-2-goal-2.md before &&
	: >.git/index.lock &&
	start=$(date +%s) &&
	test_expect_code 3 devplan progress alice/shell-2-goal-2 25 2>err
	status=$? &&
	end=$(date +%s) &&
	rm -f .git/index.lock &&
	test $status = 0 &&
	test_grep "^devplan: error: .*index\.lock" err &&
	test $((end - start)) -le 12 &&
	test $((end - start)) -ge 5 &&
	test_cmp before people/alice/goals/shell-2-goal-2.md &&
	rm before err &&
	test_unchanged $head &&
	repo_sound
'

test_expect_success 'a devplan.lock file left by a killed devplan does not block' '
	cd plan &&
	echo 99999 >.git/devplan.lock &&
	start=$(date +%s) &&
	devplan progress alice/shell-2-goal-3 35 &&
	end=$(date +%s) &&
	test $((end - start)) -le 2 &&
	test_grep "^progress: 35\$" people/alice/goals/shell-2-goal-3.md &&
	repo_sound
'

test_expect_success 'the user'"'"'s unrelated staged and unstaged work survives' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	echo "A line about me I am still thinking about." >>people/bob/profile.md &&
	echo "staged notes" >notes.txt &&
	git add notes.txt &&
	echo "staged line" >>people/carol/profile.md &&
	git add people/carol/profile.md &&
	echo "and an unstaged line on top" >>people/carol/profile.md &&
	echo "untracked" >scratch.txt &&
	git diff --cached >cached.before &&
	git diff >unstaged.before &&
	git status --porcelain >status.before &&

	devplan progress alice/shell-3-goal-1 50 -m "Halfway" &&

	test "$(git rev-parse HEAD^)" = $head &&
	echo "people/alice/goals/shell-3-goal-1.md" >expect &&
	git diff-tree --no-commit-id --name-only -r HEAD >actual &&
	test_cmp expect actual &&
	git diff --cached >cached.after &&
	git diff >unstaged.after &&
	git status --porcelain >status.after &&
	test_cmp cached.before cached.after &&
	test_cmp unstaged.before unstaged.after &&
	test_cmp status.before status.after &&
	test_grep "staged notes" notes.txt &&
	test_grep "untracked" scratch.txt &&
	test_grep "and an unstaged line on top" people/carol/profile.md &&

	git reset -q &&
	git show HEAD:people/bob/profile.md >people/bob/profile.md &&
	git show HEAD:people/carol/profile.md >people/carol/profile.md &&
	rm -f notes.txt scratch.txt expect actual cached.* unstaged.* status.* &&
	repo_sound
'

test_expect_success 'devplan refuses a record the user has staged edits in, leaving them' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	echo "my edit" >>people/alice/goals/shell-3-goal-2.md &&
	git add people/alice/goals/shell-3-goal-2.md &&
	git diff --cached >cached.before &&
	test_expect_code 1 devplan progress alice/shell-3-goal-2 60 2>err &&
	test_grep "uncommitted" err &&
	git diff --cached >cached.after &&
	test_cmp cached.before cached.after &&
	test "$(git rev-parse HEAD)" = $head &&
	git reset -q &&
	git show HEAD:people/alice/goals/shell-3-goal-2.md >people/alice/goals/shell-3-goal-2.md &&
	rm -f cached.* err &&
	repo_sound
'

test_done
