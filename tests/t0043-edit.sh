#!/bin/sh
test_description='devplan edit'
. "$TEST_SRCDIR/test-lib.sh"

# write_editor NAME: an editor script from stdin; it gets the file as $1.
write_editor() {
	{
		echo "#!/bin/sh" &&
		cat
	} >"$TRASH_DIRECTORY/$1" &&
	chmod +x "$TRASH_DIRECTORY/$1"
}

# tty-run ANSWER... -- CMD...: runs CMD on a pseudo-terminal, answers each
# "Edit again?" with the next ANSWER, copies what it printed to stdout and
# exits with its status.
cat >"$TRASH_DIRECTORY/tty-run" <<\EOF
import os, pty, sys
sep = sys.argv.index("--")
answers, cmd = sys.argv[1:sep], sys.argv[sep + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
out = b""
asked = 0
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
    if out.count(b"Edit again?") > asked:
        asked += 1
        os.write(fd, (answers.pop(0) if answers else "n").encode() + b"\n")
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode().replace("\r\n", "\n"))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128)
EOF

test_expect_success 'setup: a plan, a goal and some editors' '
	setup_plan &&
	(cd plan &&
	 mkdir -p people/alice/goals &&
	 cat >people/alice/goals/learn-rust.md <<-\EOF &&
	---
	title: "Become fluent in Rust"  # the big one
	status: active
	type: skill
	created: 2026-11-01
	due: 2027-06-30
	progress: 30
	competencies: [systems-programming]
	---
	Why this matters to me.
	EOF
	 git add people &&
	 git commit -q -m "a goal by hand") &&
	write_editor progress-60 <<-\EOF &&
	sed -e "s/^progress: 30$/progress: 60/" "$1" >"$1.new" && mv "$1.new" "$1"
	EOF
	write_editor empty <<-\EOF &&
	: >"$1"
	EOF
	write_editor blank <<-\EOF &&
	printf "  \n\n\t\n" >"$1"
	EOF
	write_editor bad-date <<-\EOF &&
	sed -e "s/^due: .*/due: 2027-13-45/" "$1" >"$1.new" && mv "$1.new" "$1"
	EOF
	write_editor bad-yaml <<-\EOF &&
	printf -- "---\ntitle: [unclosed\n---\n" >"$1"
	EOF
	write_editor tagline <<-\EOF &&
	echo "I grow managers." >>"$1"
	EOF
	cat >"$TRASH_DIRECTORY/record-arg" <<-EOF &&
	#!/bin/sh
	echo "\$1" >"$TRASH_DIRECTORY/editor-arg"
	test -f "\$1" && cat "\$1" >"$TRASH_DIRECTORY/editor-saw"
	EOF
	chmod +x "$TRASH_DIRECTORY/record-arg"
'

test_expect_success 'edit opens a copy of the record in $EDITOR, inside .git' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/record-arg" devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	test_cmp plan/people/alice/goals/learn-rust.md editor-saw &&
	test_grep "/\.git/devplan/.*/learn-rust\.md$" editor-arg &&
	! test -e "$(cat editor-arg)" &&
	echo "nothing changed" >expect &&
	test_cmp expect err
'

test_expect_success 'an unchanged file commits nothing (exit 0)' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR=true devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	test_grep "nothing changed" err
'

test_expect_success 'an edit is checked and committed as one commit' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/progress-60" devplan edit alice/learn-rust >../out &&
	 test "$(git rev-parse HEAD^)" = "$head" &&
	 test -z "$(git status --porcelain)" &&
	 git log -1 --format=%s >../subject &&
	 git log -1 --format=%B >../message &&
	 git diff --name-only HEAD^ HEAD >../files &&
	 git diff HEAD^ HEAD | grep "^[-+][^-+]" >../diff) &&
	echo "Edited people/alice/goals/learn-rust.md" >expect &&
	test_cmp expect out &&
	echo "goal(alice): edit learn-rust" >expect &&
	test_cmp expect subject &&
	test_grep "^Devplan-Person: alice$" message &&
	test_grep "^Devplan-Record: people/alice/goals/learn-rust.md$" message &&
	echo people/alice/goals/learn-rust.md >expect &&
	test_cmp expect files &&
	cat >expect <<-\EOF &&
	-progress: 30
	+progress: 60
	EOF
	test_cmp expect diff
'

test_expect_success 'the file keeps everything the editor did not change' '
	cat >expect <<-\EOF &&
	---
	title: "Become fluent in Rust"  # the big one
	status: active
	type: skill
	created: 2026-11-01
	due: 2027-06-30
	progress: 60
	competencies: [systems-programming]
	---
	Why this matters to me.
	EOF
	test_cmp expect plan/people/alice/goals/learn-rust.md
'

test_expect_success 'a profile edit says whose profile it was' '
	(cd plan &&
	 EDITOR="$TRASH_DIRECTORY/tagline" devplan --as bob edit bob &&
	 git log -1 --format=%s >../subject &&
	 git log -1 --format=%B >../message) &&
	echo "person(bob): edit profile" >expect &&
	test_cmp expect subject &&
	test_grep "^Devplan-Person: bob$" message &&
	test_grep "^Devplan-Record: people/bob/profile.md$" message &&
	test_grep "^I grow managers.$" plan/people/bob/profile.md
'

test_expect_success 'an emptied file aborts, nothing changed (exit 1)' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/empty" test_expect_code 1 \
		devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	echo "devplan: error: aborted: empty file; nothing changed" >expect &&
	test_cmp expect err
'

test_expect_success 'a file of white space counts as empty' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/blank" test_expect_code 1 \
		devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	test_grep "aborted: empty file" err
'

test_expect_success 'an invalid edit is refused with its findings (exit 1)' '
	cp plan/people/alice/goals/learn-rust.md before &&
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/bad-date" test_expect_code 1 \
		devplan edit alice/learn-rust </dev/null 2>../err &&
	 test_unchanged "$head") &&
	test_cmp before plan/people/alice/goals/learn-rust.md &&
	test_grep "^people/alice/goals/learn-rust.md:6:6: .*2027-13-45" err &&
	test_grep "^devplan: error: .*not valid; nothing changed" err &&
	test_grep -v "Edit again" err
'

test_expect_success 'the refused edit is kept, and edit --continue takes it up' '
	test_grep "your edit is kept: .devplan edit --continue. takes it up again" err &&
	(cd plan &&
	 kept=$(ls "$(git rev-parse --git-dir)"/devplan/drafts/edit-*/learn-rust.md) &&
	 test_grep "^due: 2027-13-45$" "$kept" &&
	 git status --porcelain >../status &&
	 EDITOR="sed -i s/2027-13-45/2027-11-30/" devplan edit --continue >../out &&
	 test_grep "^due: 2027-11-30$" people/alice/goals/learn-rust.md &&
	 ! ls "$(git rev-parse --git-dir)"/devplan/drafts/edit-* 2>/dev/null) &&
	test_must_be_empty() { ! test -s "$1"; } &&
	test_must_be_empty status &&
	test_grep "^Edited people/alice/goals/learn-rust.md$" out &&
	(cd plan && git log -1 --format=%s) >subject &&
	echo "goal(alice): edit learn-rust" >expect &&
	test_cmp expect subject
'

test_expect_success 'edit --continue without a draft says so' '
	(cd plan && test_expect_code 1 devplan edit --continue 2>../err) &&
	echo "devplan: error: no draft to continue" >expect &&
	test_cmp expect err
'

test_expect_success 'a YAML error is refused with its position (exit 1)' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/bad-yaml" test_expect_code 1 \
		devplan edit alice/learn-rust </dev/null 2>../err &&
	 test_unchanged "$head") &&
	test_grep "^people/alice/goals/learn-rust.md:[23]:[0-9]*: " err
'

test_expect_success 'a failing editor changes nothing (exit 3)' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR=false test_expect_code 3 devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	test_grep "^devplan: error: the editor .false. failed" err
'

test_expect_success 'a missing editor changes nothing (exit 3)' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR=no-such-editor-anywhere test_expect_code 3 \
		devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	test_grep "^devplan: error: the editor .no-such-editor-anywhere." err
'

test_expect_success 'VISUAL wins over EDITOR, EDITOR over core.editor' '
	(cd plan &&
	 git config core.editor false &&
	 TERM=xterm VISUAL="$TRASH_DIRECTORY/record-arg" EDITOR=false \
		devplan edit alice/learn-rust 2>/dev/null &&
	 rm ../editor-arg &&
	 EDITOR="$TRASH_DIRECTORY/record-arg" \
		devplan edit alice/learn-rust 2>/dev/null &&
	 rm ../editor-arg &&
	 git config core.editor "$TRASH_DIRECTORY/record-arg" &&
	 devplan edit alice/learn-rust 2>/dev/null &&
	 git config --unset core.editor) &&
	test -f editor-arg
'

test_expect_success 'the editor command may carry arguments' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="sh $TRASH_DIRECTORY/progress-60" devplan edit alice/learn-rust 2>../err &&
	 test_unchanged "$head") &&
	test_grep "nothing changed" err
'

test_expect_success 'a record with uncommitted edits is refused (exit 1)' '
	rm -f editor-arg &&
	(cd plan && head=$(git rev-parse HEAD) &&
	 echo "My own words." >>people/alice/goals/learn-rust.md &&
	 cp people/alice/goals/learn-rust.md ../mine &&
	 EDITOR="$TRASH_DIRECTORY/record-arg" test_expect_code 1 \
		devplan edit alice/learn-rust 2>../err &&
	 test "$(git rev-parse HEAD)" = "$head" &&
	 test_cmp ../mine people/alice/goals/learn-rust.md &&
	 git checkout -q -- people/alice/goals/learn-rust.md) &&
	! test -e editor-arg &&
	test_grep "^devplan: error: .*people/alice/goals/learn-rust.md" err
'

test_expect_success 'other work in progress is left alone' '
	(cd plan &&
	 echo "Draft." >>people/carol/profile.md &&
	 echo "new" >notes.txt && git add notes.txt &&
	 EDITOR="$TRASH_DIRECTORY/bad-date" test_expect_code 1 \
		devplan edit alice/learn-rust </dev/null 2>/dev/null &&
	 sed -e "s/^progress: 60$/progress: 70/" people/alice/goals/learn-rust.md >../ed-in &&
	 EDITOR="cp $TRASH_DIRECTORY/ed-in" devplan edit alice/learn-rust &&
	 git diff --name-only HEAD^ HEAD >../files &&
	 git status --porcelain >../status &&
	 git reset -q notes.txt && rm notes.txt &&
	 git checkout -q -- people/carol/profile.md) &&
	echo people/alice/goals/learn-rust.md >expect &&
	test_cmp expect files &&
	cat >expect <<-\EOF &&
	A  notes.txt
	 M people/carol/profile.md
	EOF
	test_cmp expect status
'

test_expect_success 'a change made while the editor was open is not lost' '
	write_editor meanwhile <<-\EOF &&
	sed -e "s/^status: active$/status: blocked/" people/alice/goals/learn-rust.md >x &&
	mv x people/alice/goals/learn-rust.md &&
	git commit -q -m "someone else" people/alice/goals/learn-rust.md &&
	sed -e "s/^progress: 70$/progress: 80/" "$1" >"$1.new" && mv "$1.new" "$1"
	EOF
	(cd plan &&
	 EDITOR="$TRASH_DIRECTORY/meanwhile" test_expect_code 1 \
		devplan edit alice/learn-rust 2>../err &&
	 git log -1 --format=%s >../subject &&
	 test -z "$(git status --porcelain)") &&
	echo "someone else" >expect &&
	test_cmp expect subject &&
	test_grep "^status: blocked$" plan/people/alice/goals/learn-rust.md &&
	test_grep "^progress: 70$" plan/people/alice/goals/learn-rust.md &&
	test_grep "^devplan: error: .*changed while you were editing" err
'

test_expect_success PTY 'on a terminal, an invalid edit can be edited again' '
	write_editor twice <<-EOF &&
	n=\$(cat "$TRASH_DIRECTORY/count" 2>/dev/null || echo 0)
	echo \$((n + 1)) >"$TRASH_DIRECTORY/count"
	if [ \$n = 0 ]; then due=2027-13-45; else due=2027-12-31; fi
	sed -e "s/^due: .*/due: \$due/" "\$1" >"\$1.new" && mv "\$1.new" "\$1"
	EOF
	rm -f count &&
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/twice" python3 "$TRASH_DIRECTORY/tty-run" "" -- \
		"$DEVPLAN" edit alice/learn-rust >../out &&
	 test "$(git rev-parse HEAD^)" = "$head") &&
	echo 2 >expect &&
	test_cmp expect count &&
	test_grep "^people/alice/goals/learn-rust.md:6:6: .*2027-13-45" out &&
	test_grep "Edit again? \[Y/n\]" out &&
	test_grep "^due: 2027-12-31$" plan/people/alice/goals/learn-rust.md
'

test_expect_success PTY 'on a terminal, answering no aborts (exit 1)' '
	rm -f count &&
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR="$TRASH_DIRECTORY/twice" test_expect_code 1 \
		python3 "$TRASH_DIRECTORY/tty-run" n -- \
		"$DEVPLAN" edit alice/learn-rust >../out &&
	 test_unchanged "$head") &&
	echo 1 >expect &&
	test_cmp expect count &&
	test_grep "not valid; nothing changed" out
'

test_expect_success 'an unknown record is an error (exit 1)' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 EDITOR=true test_expect_code 1 devplan edit alice/nothing 2>../err &&
	 test_unchanged "$head") &&
	test_grep "^devplan: error: " err
'

test_expect_success 'usage errors (exit 2)' '
	(cd plan &&
	 test_expect_code 2 devplan edit 2>../err1 &&
	 test_expect_code 2 devplan edit alice bob 2>../err2 &&
	 test_expect_code 2 devplan edit --bogus alice 2>../err3) &&
	test_grep "^usage: devplan edit <record>" err1 &&
	test_grep "^devplan: error: too many arguments" err2 &&
	test_grep "^devplan: error: unknown option .--bogus." err3
'

test_done
