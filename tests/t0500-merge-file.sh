#!/bin/sh
test_description='devplan merge-file: the merge driver for records'
. "$TEST_SRCDIR/test-lib.sh"

# git runs the driver through the shell: the binary must be on PATH.
BINDIR=$(cd "$(dirname "$DEVPLAN")" && pwd)
PATH="$BINDIR:$PATH"
export PATH

GOAL=people/alice/goals/learn-rust.md

test_expect_success 'init registers the driver in the repository config' '
	setup_plan plan &&
	(cd plan &&
	 devplan new-goal "Learn Rust" --action "Read the book" >/dev/null &&
	 test "$(git config merge.devplan.driver)" = "devplan merge-file %O %A %B %P" &&
	 test -n "$(git config merge.devplan.name)" &&
	 test_grep "merge=devplan" .gitattributes) &&
	git clone -q --bare plan server.git
'

test_expect_success 'a fresh clone has no driver: check hints, --install registers' '
	git clone -q server.git laptop &&
	git clone -q server.git desktop &&
	(cd laptop &&
	 test_must_fail_cfg=$(git config merge.devplan.driver || echo none) &&
	 test "$test_must_fail_cfg" = none &&
	 devplan check >out 2>err &&
	 test_grep "devplan merge-file --install" err &&
	 devplan merge-file --install >out &&
	 test "$(git config merge.devplan.driver)" = "devplan merge-file %O %A %B %P" &&
	 devplan check >out 2>err &&
	 test_grep -v "merge-file --install" err) &&
	(cd desktop && devplan merge-file --install >/dev/null)
'

test_expect_success 'git pull merges two edits of one goal cleanly' '
	(cd laptop &&
	 devplan progress learn-rust 40 >/dev/null &&
	 devplan action add learn-rust "Write a CLI" >/dev/null &&
	 git push -q origin HEAD) &&
	(cd desktop &&
	 devplan set learn-rust due=2027-09-30 >/dev/null &&
	 devplan action add learn-rust "Give a talk" >/dev/null &&
	 git -c pull.rebase=false pull -q --no-edit origin main >out 2>err &&
	 test -z "$(git status --porcelain --untracked-files=no)" &&
	 test_grep "^progress: 40$" $GOAL &&
	 test_grep "^due: 2027-09-30$" $GOAL &&
	 test_grep "title: Write a CLI" $GOAL &&
	 test_grep "title: Give a talk" $GOAL &&
	 test_grep "title: Read the book" $GOAL &&
	 test "$(git rev-list --count --merges HEAD)" = 1 &&
	 devplan check >out 2>err)
'

test_expect_success 'a true conflict stops, shown field by field, no markers' '
	(cd desktop && git push -q origin HEAD) &&
	(cd laptop && git -c pull.rebase=false pull -q --no-edit origin main &&
	 devplan progress learn-rust 50 >/dev/null && git push -q origin HEAD) &&
	(cd desktop &&
	 devplan progress learn-rust 70 >/dev/null &&
	 cp $GOAL ours &&
	 if git -c pull.rebase=false pull -q --no-edit origin main >out 2>err
	 then echo "pull should fail" >&2; exit 1; fi &&
	 git status --porcelain >st &&
	 test_grep "^UU $GOAL" st &&
	 cat out err >all &&
	 test_grep "conflict in .progress." all &&
	 test_grep "ours:   70" all &&
	 test_grep "theirs: 50" all &&
	 test_grep -v "<<<<<<<" $GOAL &&
	 diff -u ours $GOAL &&
	 test_expect_code 1 devplan progress learn-rust 80 2>err &&
	 test_grep "uncommitted changes: a merge is in progress; finish it with .git commit. or abort it with .git merge --abort. first" err &&
	 diff -u ours $GOAL &&
	 git merge --abort)
'

test_expect_success 'merge-file by hand: exit codes and the result in %A' '
	git -C plan show HEAD:$GOAL >base.md &&
	sed -e "s/^progress: 0$/progress: 10/" base.md >a.md &&
	sed -e "s/^status: active$/status: blocked/" base.md >b.md &&
	devplan merge-file base.md a.md b.md $GOAL &&
	test_grep "^progress: 10$" a.md &&
	test_grep "^status: blocked$" b.md &&
	test_grep "^status: blocked$" a.md &&
	sed -e "s/^progress: 0$/progress: 20/" base.md >c.md &&
	cp c.md c.before &&
	test_expect_code 1 devplan merge-file base.md c.md a.md $GOAL 2>err &&
	test_grep "conflict in .progress." err &&
	diff -u c.before c.md &&
	test_expect_code 2 devplan merge-file base.md c.md
'

test_done
