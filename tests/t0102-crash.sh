#!/bin/sh
test_description='after a crash: stale locks are named, temporaries cleaned, a lagging index repaired'
. "$TEST_SRCDIR/test-lib.sh"

# repo_sound: fsck clean, nothing uncommitted, index == HEAD == work tree.
repo_sound() {
	git fsck --strict --no-dangling >fsck.out 2>&1 || { cat fsck.out >&2; return 1; }
	rm -f fsck.out
	git diff --cached --quiet HEAD || { echo "index differs from HEAD" >&2; return 1; }
	git diff --quiet || { echo "work tree differs from the index" >&2; return 1; }
	[ -z "$(git status --porcelain)" ] || { git status --porcelain >&2; return 1; }
}

# dead_pid: the id of a process that has exited.
dead_pid() { sh -c 'echo $$'; }

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	echo /index.old >>.git/info/exclude &&
	devplan new-goal "Learn Rust" >/dev/null &&
	devplan new-goal "Write more" >/dev/null &&
	git config devplan.lockTimeout 300 &&
	repo_sound
'

test_expect_success 'crash between commit and index update: the next command repairs the entry' '
	cd plan &&
	cp .git/index ../index.old &&
	devplan progress alice/learn-rust 30 >/dev/null &&
	head=$(git rev-parse HEAD) &&
	cp ../index.old .git/index &&
	git status --porcelain >status &&
	test_grep "people/alice/goals/learn-rust.md" status &&
	devplan progress alice/learn-rust 40 >/dev/null &&
	test "$(git rev-parse HEAD^)" = $head &&
	git show HEAD:people/alice/goals/learn-rust.md | grep -x "progress: 40" &&
	rm -f status &&
	repo_sound
'

test_expect_success 'a crash after adding a goal: set on it repairs the index too' '
	cd plan &&
	cp .git/index ../index.old &&
	devplan new-goal "Crash course" >/dev/null &&
	cp ../index.old .git/index &&
	devplan set alice/crash-course progress=10 >/dev/null &&
	git show HEAD:people/alice/goals/crash-course.md | grep -x "progress: 10" &&
	repo_sound
'

test_expect_success 'a real staged edit is not mistaken for a lagging index' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	echo "my edit" >>people/alice/goals/write-more.md &&
	git add people/alice/goals/write-more.md &&
	git show HEAD:people/alice/goals/write-more.md >people/alice/goals/write-more.md &&
	test_expect_code 1 devplan progress alice/write-more 5 2>err &&
	test_grep "uncommitted changes" err &&
	test "$(git rev-parse HEAD)" = $head &&
	git diff --cached --name-only >actual &&
	echo people/alice/goals/write-more.md >expect &&
	test_cmp expect actual &&
	git reset -q &&
	rm -f err expect actual &&
	repo_sound
'

test_expect_success 'a stale index.lock is named, with how to remove it' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	: >.git/index.lock &&
	test_expect_code 3 devplan progress alice/learn-rust 50 2>err &&
	rm -f .git/index.lock &&
	test_grep "^devplan: error: cannot lock .*/\.git/index\.lock.: File exists" err &&
	test_grep "another git process seems to be running" err &&
	test_grep "remove the file manually to continue" err &&
	test "$(git rev-parse HEAD)" = $head &&
	rm -f err &&
	repo_sound
'

test_expect_success 'a stale branch lock is named, with how to remove it; nothing changes' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/learn-rust.md before &&
	: >.git/refs/heads/main.lock &&
	test_expect_code 3 devplan progress alice/learn-rust 60 2>err &&
	rm -f .git/refs/heads/main.lock &&
	test_grep "^devplan: error: cannot lock .*refs/heads/main\.lock.: File exists" err &&
	test_grep "remove the file manually to continue" err &&
	test "$(git rev-parse HEAD)" = $head &&
	test_cmp before people/alice/goals/learn-rust.md &&
	test -z "$(ls -A .git/devplan/tmp)" &&
	rm -f err before &&
	repo_sound
'

test_expect_success 'temporaries of dead processes are removed, of live ones kept' '
	cd plan &&
	dead=$(dead_pid) &&
	: >.git/devplan/tmp/.learn-rust.md.tmp-$dead-0-1 &&
	: >.git/devplan/tmp/.index.tmp-$dead-0 &&
	: >.git/devplan/tmp/.index.tmp-$dead-0.lock &&
	: >.git/devplan/tmp/.write-more.md.tmp-$$-0-1 &&
	devplan progress alice/learn-rust 70 >/dev/null &&
	ls -A .git/devplan/tmp >actual &&
	echo ".write-more.md.tmp-$$-0-1" >expect &&
	test_cmp expect actual &&
	rm -f .git/devplan/tmp/.write-more.md.tmp-$$-0-1 expect actual &&
	repo_sound
'

test_expect_success 'temporaries never show in git status: they live in .git/devplan/tmp' '
	cd plan &&
	devplan progress alice/learn-rust 80 >/dev/null &&
	test -z "$(git status --porcelain --ignored --untracked-files=all | grep -v "^!! index.old")" &&
	test -z "$(find . -name ".*.tmp-*" -not -path "./.git/*")"
'

test_done
