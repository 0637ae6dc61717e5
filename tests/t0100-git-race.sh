#!/bin/sh
test_description='devplan mutations beside git commit and git commit -a lose nothing'
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

# git_retry CMD...: git fails at once when index.lock is held (by devplan
# or the other git); try again until it works, at most 200 times.
git_retry() {
	_n=0
	until "$@" >/dev/null 2>&1
	do
		_n=$((_n + 1))
		[ $_n -lt 200 ] || return 1
		sleep 0.01
	done
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(
		cd plan &&
		printf "/ok.*\n/git.*\n/fail.*\n" >>.git/info/exclude &&
		echo "notes" >notes.txt &&
		git add notes.txt &&
		git commit -q -m "notes" &&
		repo_sound
	)
'

N=8
for round in 1 2 3
do
	test_expect_success "round $round: 2 shells x $N new-goal beside git commit --allow-empty and git commit -a" '
		cd plan || exit 1
		rm -f ok.* git.* fail.*
		for s in 1 2
		do
			(
				for i in $(seq $N)
				do
					if devplan new-goal "Round '$round' shell $s goal $i" >/dev/null 2>>fail.$s
					then
						echo "people/alice/goals/round-'$round'-shell-$s-goal-$i.md" >>ok.$s
					fi
				done
			) &
		done
		(
			for i in $(seq $N)
			do
				git_retry git commit -q --allow-empty -m "empty '$round' $i" &&
				echo "empty '$round' $i" >>git.empty || echo "gave up $i" >>fail.git
			done
		) &
		(
			for i in $(seq $N)
			do
				echo "round '$round' line $i" >>notes.txt &&
				git_retry git commit -q -a -m "notes '$round' $i" &&
				echo "notes '$round' $i" >>git.all || echo "gave up $i" >>fail.git
			done
		) &
		wait
		cat fail.* >fails 2>/dev/null
		test ! -s fails || { cat fails >&2; exit 1; }
		rm -f fails &&
		cat ok.1 ok.2 >ok.all &&
		test "$(wc -l <ok.all)" = $((2 * N)) &&
		git ls-tree -r --name-only HEAD people/alice/goals >git.tree &&
		while read -r path
		do
			grep -qx "$path" git.tree || { echo "lost: $path" >&2; exit 1; }
		done <ok.all &&
		git log --format=%s >git.log &&
		cat git.empty git.all >git.made &&
		test "$(wc -l <git.made)" = $((2 * N)) &&
		while read -r subject
		do
			grep -qx "$subject" git.log || { echo "lost commit: $subject" >&2; exit 1; }
		done <git.made &&
		git show HEAD:notes.txt >git.notes &&
		test_cmp notes.txt git.notes &&
		rm -f ok.* git.* &&
		repo_sound
	'
done

test_done
