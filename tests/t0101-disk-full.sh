#!/bin/sh
test_description='a full disk or a file-size limit leaves files, index and HEAD as they were'
. "$TEST_SRCDIR/test-lib.sh"

# test_skip 'description' 'reason': a test that cannot run here.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # SKIP $1 ($2)"
}

# snapshot / unchanged: HEAD, the index file, the goal file and the
# temporary folder before a failed command are exactly what is there after.
snapshot() {
	git rev-parse HEAD >"$1.head" &&
	cp .git/index "$1.index" &&
	cp people/alice/goals/sweep.md "$1.goal"
}
unchanged() {
	git rev-parse HEAD >"$1.head.now" &&
	test_cmp "$1.head" "$1.head.now" &&
	cmp .git/index "$1.index" &&
	test_cmp "$1.goal" people/alice/goals/sweep.md &&
	test ! -f .git/index.lock &&
	test -z "$(ls -A .git/devplan/tmp 2>/dev/null)" &&
	test -z "$(find . -name ".*.tmp-*" -not -path "./.git/*")"
}
# no_space FILE: says no space, in errno's words, not libgit2's.
no_space() {
	test_grep "^devplan: error: .*: No space left on device\$" "$1" &&
	test_grep -v "failed to" "$1" &&
	test "$(wc -l <"$1")" = 1
}

TMPFS_OK=
mkdir small &&
mount -t tmpfs -o size=4m tmpfs small 2>/dev/null && TMPFS_OK=1

if test -n "$TMPFS_OK"
then
	test_expect_success 'setup: a plan repository on a 4 MB tmpfs' '
		cd small &&
		setup_plan plan && exclude_scratch plan &&
		cd plan &&
		devplan new-goal "Sweep" >/dev/null &&
		test -z "$(git status --porcelain)"
	'

	test_expect_success 'with 0..24 pages free, set either commits or changes nothing' '
		cd small/plan &&
		fails=0 && wins=0 &&
		for k in $(seq 0 24)
		do
			dd if=/dev/zero of=../filler bs=4096 2>/dev/null
			truncate -s -$((k * 4096)) ../filler &&
			snapshot "$TRASH_DIRECTORY/s" &&
			if devplan set alice/sweep progress=$((k + 1)) 2>"$TRASH_DIRECTORY/err"
			then
				rm -f ../filler &&
				wins=$((wins + 1)) &&
				git show HEAD:people/alice/goals/sweep.md >"$TRASH_DIRECTORY/g" &&
				grep -qx "progress: $((k + 1))" "$TRASH_DIRECTORY/g" || exit 1
			else
				fails=$((fails + 1)) &&
				no_space "$TRASH_DIRECTORY/err" &&
				unchanged "$TRASH_DIRECTORY/s" &&
				rm -f ../filler || { echo "with $k pages free" >&2; exit 1; }
			fi
			test -z "$(git status --porcelain)" || { git status --porcelain >&2; exit 1; }
		done &&
		echo "failed $fails times, committed $wins times" &&
		test $fails -gt 0 && test $wins -gt 0 &&
		git fsck --strict --no-dangling
	'

	test_expect_success 'after the disk frees up, the next command works' '
		cd small/plan &&
		devplan set alice/sweep progress=99 &&
		git show HEAD:people/alice/goals/sweep.md | grep -x "progress: 99" &&
		test -z "$(git status --porcelain)"
	'

	test_expect_success 'cleanup: unmount the tmpfs' '
		umount small
	'
else
	test_skip 'a full tmpfs: set commits or changes nothing' 'cannot mount a tmpfs here (needs root)'
fi

ULIMIT_OK=
(trap "" XFSZ; ulimit -f 64) 2>/dev/null && ULIMIT_OK=1

if test -n "$ULIMIT_OK"
then
	test_expect_success 'setup: a plan repository for the file-size limit' '
		setup_plan limited && exclude_scratch limited &&
		cd limited &&
		devplan new-goal "Sweep" >/dev/null
	'

	# ulimit -f counts 512-byte blocks in POSIX sh (dash); 8 = 4 KB.
	test_expect_success 'a file-size limit on the work-tree file: nothing changes' '
		cd limited &&
		big=$(printf "%01200d" 0 | sed "s/0/word /g") &&
		snapshot "$TRASH_DIRECTORY/u" &&
		(
			trap "" XFSZ
			ulimit -f 8
			devplan set alice/sweep title="Sweep $big"
		) 2>"$TRASH_DIRECTORY/err" && exit 1
		no_space "$TRASH_DIRECTORY/err" &&
		unchanged "$TRASH_DIRECTORY/u" &&
		test -z "$(git status --porcelain)"
	'

	test_expect_success 'a file-size limit on the commit object (libgit2): nothing changes' '
		cd limited &&
		noise=$(head -c 6000 /dev/urandom | od -An -tx1 | tr -d " \n") &&
		snapshot "$TRASH_DIRECTORY/v" &&
		(
			trap "" XFSZ
			ulimit -f 8
			devplan set alice/sweep title="x$noise"
		) 2>"$TRASH_DIRECTORY/err" && exit 1
		no_space "$TRASH_DIRECTORY/err" &&
		unchanged "$TRASH_DIRECTORY/v" &&
		test -z "$(git status --porcelain)" &&
		git fsck --strict --no-dangling
	'
else
	test_skip 'a file-size limit: nothing changes' 'ulimit -f is not available'
fi

test_done
