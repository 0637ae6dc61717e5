#!/bin/sh
test_description='devplan render: only what changed, the same bytes as a full render'
. "$TEST_SRCDIR/test-lib.sh"

# The site a full render of HEAD writes into an empty folder, against
# the folder the plain (incremental) render keeps up to date.
same_as_full() {
	rm -rf full &&
	devplan render --full -o full >/dev/null &&
	diff -r full site
}

old_mtime() {
	touch -d @1000000000 "$@"
}

mtime() {
	stat -c %Y "$1"
}

test_expect_success 'setup: a plan with goals, rendered once' '
	setup_plan &&
	cd plan &&
	devplan new-goal "Learn Rust" >/dev/null &&
	devplan new-goal "Write docs" >/dev/null &&
	devplan --as carol new-goal "Ship it" >/dev/null &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	test -f site/people/alice/goals/learn-rust.html &&
	ls .git/devplan/render-cache-* >/dev/null
'

test_expect_success 'after one commit only the pages that changed are written' '
	cd plan &&
	devplan progress learn-rust 40 >/dev/null &&
	old_mtime site/index.html site/people/carol/index.html \
		site/people/carol/goals/ship-it.html site/people/alice/index.html \
		site/people/alice/goals/learn-rust.html \
		site/people/alice/goals/write-docs.html &&
	devplan render -o site >out &&
	test_grep "^only what changed: 2 files written, 0 removed$" out &&
	test "$(mtime site/people/carol/index.html)" = 1000000000 &&
	test "$(mtime site/people/carol/goals/ship-it.html)" = 1000000000 &&
	test "$(mtime site/people/alice/goals/write-docs.html)" = 1000000000 &&
	test "$(mtime site/index.html)" = 1000000000 &&
	test "$(mtime site/people/alice/index.html)" != 1000000000 &&
	test "$(mtime site/people/alice/goals/learn-rust.html)" != 1000000000 &&
	test_grep "40%" site/people/alice/goals/learn-rust.html &&
	same_as_full
'

test_expect_success 'a render with nothing new writes nothing' '
	cd plan &&
	devplan render -o site >out &&
	test_grep "^only what changed: 0 files written, 0 removed$" out &&
	same_as_full
'

test_expect_success 'the org page follows a goal made done and hours logged' '
	cd plan &&
	cp site/org.html org.before &&
	devplan --as carol done ship-it --force >/dev/null &&
	devplan journal -m "Read the book" --hours 2.5 >/dev/null &&
	devplan render -o site >out &&
	test_grep "^only what changed: " out &&
	! cmp -s org.before site/org.html &&
	test_grep "<li>2026-Q4: 1</li>" site/org.html &&
	test_grep "<li>2026-11: 2.5 h</li>" site/org.html &&
	same_as_full
'

test_expect_success 'a commit dated before the stale window: every page' '
	cd plan &&
	GIT_AUTHOR_DATE="1786000000 +0000" devplan --as carol set \
		people/carol/profile.md team=Old >/dev/null &&
	git log -1 --format=%ad --date=short >date &&
	echo 2026-08-06 >expect &&
	test_cmp expect date &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	same_as_full
'

test_expect_success 'a profile moving team and manager: the index and the page' '
	cd plan &&
	devplan --as carol set people/carol/profile.md team=Infra manager=alice >/dev/null &&
	old_mtime site/people/bob/index.html &&
	devplan render -o site >out &&
	test_grep "^only what changed: " out &&
	test "$(mtime site/people/bob/index.html)" = 1000000000 &&
	test_grep "Infra" site/index.html &&
	same_as_full
'

test_expect_success 'a new name reaches the pages that name them' '
	cd plan &&
	devplan --as bob set people/bob/profile.md "name=Robert Manager" >/dev/null &&
	devplan render -o site >out &&
	test_grep "^only what changed: " out &&
	test_grep "Robert Manager" site/people/alice/index.html &&
	same_as_full
'

test_expect_success 'a deleted goal loses its page' '
	cd plan &&
	git rm -q people/alice/goals/write-docs.md &&
	git commit -q -m "drop write-docs" &&
	devplan render -o site >out &&
	test_grep "^only what changed: .* 1 removed$" out &&
	! test -e site/people/alice/goals/write-docs.html &&
	same_as_full
'

test_expect_success 'a new person and a deleted one' '
	cd plan &&
	devplan new-person dave --name "Dave New" --email dave@example.com --manager bob >/dev/null &&
	git rm -q -r people/carol &&
	git commit -q -m "carol left" &&
	devplan render -o site >out &&
	test_grep "^only what changed: " out &&
	! test -e site/people/carol &&
	test -f site/people/dave/index.html &&
	same_as_full
'

test_expect_success 'a framework change renders every page, writing the changed ones' '
	cd plan &&
	devplan set framework/roles/engineer.md "title=Software Engineer" >/dev/null &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	test_grep "Software Engineer" site/people/alice/index.html &&
	same_as_full
'

test_expect_success 'edits not committed: a plain render renders commits, --full the work tree' '
	cd plan &&
	test_when_finished "git -C \"$TRASH_DIRECTORY/plan\" checkout -q -- people" &&
	sed -i "s/^progress: 40/progress: 70/" people/alice/goals/learn-rust.md &&
	devplan render -o site >out &&
	test_grep "^only what changed: 0 files written, 0 removed$" out &&
	test_grep "40%" site/people/alice/goals/learn-rust.html &&
	devplan render --full -o site >out &&
	test_grep "^every page: " out &&
	test_grep "70%" site/people/alice/goals/learn-rust.html
'

test_expect_success 'after a render of edits, the next render is a full one' '
	cd plan &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	test_grep "40%" site/people/alice/goals/learn-rust.html &&
	same_as_full
'

test_expect_success 'a commit on top of edits to the same person: every page' '
	cd plan &&
	test_when_finished "git -C \"$TRASH_DIRECTORY/plan\" checkout -q -- people" &&
	echo "more" >>people/alice/profile.md &&
	devplan progress learn-rust 45 >/dev/null &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	test_grep "45%" site/people/alice/goals/learn-rust.html
'

test_expect_success 'another day: every page (the date is on each)' '
	cd plan &&
	DEVPLAN_TODAY=2026-12-01 devplan render -o site >out &&
	test_grep "^every page: " out &&
	test_grep "2026-12-01" site/people/dave/index.html
'

test_expect_success '--full renders every page; a lost folder is rendered again' '
	cd plan &&
	devplan render --full -o site >/dev/null &&
	devplan render --full -o site >out &&
	test_grep "^every page: 0 files written, 0 removed$" out &&
	rm -rf site &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	same_as_full
'

test_expect_success 'a broken cache is not trusted' '
	cd plan &&
	for f in .git/devplan/render-cache-*; do echo garbage >"$f"; done &&
	devplan --as bob new-goal "Bob goal" >/dev/null &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	same_as_full
'

test_expect_success 'a merge since the last render: every page' '
	cd plan &&
	devplan render -o site >/dev/null &&
	git checkout -q -b side &&
	devplan done learn-rust --force >/dev/null &&
	git checkout -q - &&
	devplan --as bob new-goal "Merge goal" >/dev/null &&
	git merge -q --no-edit side &&
	devplan render -o site >out &&
	test_grep "^every page: " out &&
	same_as_full
'

test_done
