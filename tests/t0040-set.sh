#!/bin/sh
test_description='devplan set: one field, one line; everything else byte for byte'
. "$TEST_SRCDIR/test-lib.sh"
SQ="'"

test_expect_success 'setup' 'setup_plan plan && exclude_scratch plan'

# A goal written by hand, the way a careful person would: comments on their
# own lines and after values, both quoting styles, an unusual key order, a
# blank line, a key devplan does not know, and a Markdown body.
test_expect_success 'setup: a hand-written goal committed with plain git' '
	cd plan &&
	mkdir -p people/alice/goals &&
	cat >people/alice/goals/learn-rust.md <<-EOF &&
	---
	# Written by hand, not by devplan.
	title: "Become fluent in Rust"   # the big one
	progress: 30        # 0..100, updated weekly
	status: active
	type: ${SQ}skill${SQ}
	created: 2026-11-01

	due: 2027-06-30     # before the summer
	competencies: [systems-programming]
	mood: curious       # my own key, devplan must keep it
	actions:
	  # the basics first
	  - title: Read the Rust book, chapters 1-8
	    done: true   # finished in October
	  - title: ${SQ}Pair on the parser rewrite${SQ}
	    due: 2027-03-15
	    done: false
	success: Ship one production feature in Rust
	---
	## Why this matters

	Rust is *the* language of our **systems** work:

	- [ ] finish the book
	- [x] install rustup

	> Keep it fun.
	EOF
	git add people/alice/goals/learn-rust.md &&
	git commit -q -m "alice: learn-rust, by hand" &&
	cp people/alice/goals/learn-rust.md ../learn-rust.orig &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'set progress=40 changes that line alone (the acceptance check)' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan set alice/learn-rust progress=40 &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&

	echo " 1 file changed, 1 insertion(+), 1 deletion(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	git show --stat --format= HEAD >actual &&
	test_grep "^ people/alice/goals/learn-rust.md | 2 +-$" actual &&

	cat >expect <<-\EOF &&
	@@ -4 +4 @@
	-progress: 30        # 0..100, updated weekly
	+progress: 40        # 0..100, updated weekly
	EOF
	diff_hunks >actual &&
	test_cmp expect actual &&

	cat >expect <<-EOF &&
	---
	# Written by hand, not by devplan.
	title: "Become fluent in Rust"   # the big one
	progress: 40        # 0..100, updated weekly
	status: active
	type: ${SQ}skill${SQ}
	created: 2026-11-01

	due: 2027-06-30     # before the summer
	competencies: [systems-programming]
	mood: curious       # my own key, devplan must keep it
	actions:
	  # the basics first
	  - title: Read the Rust book, chapters 1-8
	    done: true   # finished in October
	  - title: ${SQ}Pair on the parser rewrite${SQ}
	    due: 2027-03-15
	    done: false
	success: Ship one production feature in Rust
	---
	## Why this matters

	Rust is *the* language of our **systems** work:

	- [ ] finish the book
	- [x] install rustup

	> Keep it fun.
	EOF
	test_cmp expect people/alice/goals/learn-rust.md &&
	git show HEAD:people/alice/goals/learn-rust.md >committed &&
	test_cmp expect committed &&
	rm -f expect actual committed &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'the commit says what changed, with trailers' '
	cd plan &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: set progress=40

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/learn-rust.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	echo "A U Thor <author@example.com>" >expect &&
	git log -1 --format="%an <%ae>" >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'several fields at once make one commit' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan set alice/learn-rust progress=55 status=blocked due=2027-09-30 &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	echo "goal(alice): learn-rust: set progress=55, status=blocked, due=2027-09-30" >expect &&
	git log -1 --format=%s >actual &&
	test_cmp expect actual &&
	echo " 1 file changed, 3 insertions(+), 3 deletions(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	@@ -4,2 +4,2 @@
	-progress: 40        # 0..100, updated weekly
	-status: active
	+progress: 55        # 0..100, updated weekly
	+status: blocked
	@@ -9 +9 @@
	-due: 2027-06-30     # before the summer
	+due: 2027-09-30     # before the summer
	EOF
	diff_hunks >actual &&
	test_cmp expect actual &&
	rm -f expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a value of another width keeps the comment after it' '
	cd plan &&
	devplan set alice/learn-rust progress=100 &&
	cat >expect <<-\EOF &&
	@@ -4 +4 @@
	-progress: 55        # 0..100, updated weekly
	+progress: 100        # 0..100, updated weekly
	EOF
	diff_hunks >actual &&
	test_cmp expect actual &&
	devplan set alice/learn-rust progress=40 status=active due=2027-06-30 &&
	sed -e "s/^progress: 30 /progress: 40 /" ../learn-rust.orig >expect &&
	test_cmp expect people/alice/goals/learn-rust.md &&
	rm -f expect actual
'

test_expect_success 'quoted values keep their quotes; text that needs quotes gets them' '
	cd plan &&
	devplan set alice/learn-rust "title=Rust, fluently" type=knowledge mood=yes "success=a: b" &&
	echo " 1 file changed, 4 insertions(+), 4 deletions(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	f=people/alice/goals/learn-rust.md &&
	test_grep "^title: \"Rust, fluently\"   # the big one\$" $f &&
	test_grep "^type: ${SQ}knowledge${SQ}\$" $f &&
	grep -E "^mood: (\"yes\"|${SQ}yes${SQ})       # my own key, devplan must keep it\$" $f &&
	grep -E "^success: (\"a: b\"|${SQ}a: b${SQ})\$" $f &&
	sed -e "s/^progress: 30 /progress: 40 /" \
	    -e "s/^title: \"Become fluent in Rust\"/title: \"Rust, fluently\"/" \
	    -e "s/^type: ${SQ}skill${SQ}/type: ${SQ}knowledge${SQ}/" \
	    ../learn-rust.orig | grep -v "^mood:\|^success:" >expect &&
	grep -v "^mood:\|^success:" $f >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'a value with a quote inside stays readable and round-trips' '
	cd plan &&
	devplan set alice/learn-rust "title=Alice${SQ}s \"Rust\" goal" &&
	f=people/alice/goals/learn-rust.md &&
	grep -E "^title: \"Alice${SQ}s \\\\\"Rust\\\\\" goal\"   # the big one\$" $f &&
	echo " 1 file changed, 1 insertion(+), 1 deletion(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'set due to a date; a missing key is added' '
	cd plan &&
	cat >people/alice/goals/no-due.md <<-\EOF &&
	---
	title: A goal without a date
	status: active
	type: knowledge
	created: 2026-11-01
	progress: 0
	---
	Body.
	EOF
	git add people/alice/goals/no-due.md &&
	git commit -q -m "alice: no-due" &&
	devplan set alice/no-due due=2027-01-31 &&
	cat >expect <<-\EOF &&
	---
	title: A goal without a date
	status: active
	type: knowledge
	created: 2026-11-01
	progress: 0
	due: 2027-01-31
	---
	Body.
	EOF
	test_cmp expect people/alice/goals/no-due.md &&
	echo " 1 file changed, 1 insertion(+)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	devplan set alice/no-due due=2027-02-28 &&
	cat >expect <<-\EOF &&
	@@ -7 +7 @@
	-due: 2027-01-31
	+due: 2027-02-28
	EOF
	diff_hunks >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'a CRLF file stays CRLF' '
	cd plan &&
	printf -- "---\r\ntitle: Written on Windows\r\nstatus: active\r\ntype: skill\r\ncreated: 2026-11-01\r\nprogress: 10 # crlf\r\n---\r\nBody line one.\r\nBody line two.\r\n" >people/alice/goals/crlf.md &&
	git add people/alice/goals/crlf.md &&
	git commit -q -m "alice: crlf" &&
	devplan set alice/crlf progress=20 &&
	printf -- "---\r\ntitle: Written on Windows\r\nstatus: active\r\ntype: skill\r\ncreated: 2026-11-01\r\nprogress: 20 # crlf\r\n---\r\nBody line one.\r\nBody line two.\r\n" >expect &&
	cmp expect people/alice/goals/crlf.md &&
	devplan set alice/crlf due=2027-03-01 &&
	printf -- "---\r\ntitle: Written on Windows\r\nstatus: active\r\ntype: skill\r\ncreated: 2026-11-01\r\nprogress: 20 # crlf\r\ndue: 2027-03-01\r\n---\r\nBody line one.\r\nBody line two.\r\n" >expect &&
	cmp expect people/alice/goals/crlf.md &&
	git show HEAD:people/alice/goals/crlf.md >committed &&
	cmp expect committed &&
	rm -f expect committed &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'a file without a final newline stays so' '
	cd plan &&
	printf -- "---\ntitle: No newline at the end\nstatus: active\ntype: skill\ncreated: 2026-11-01\nprogress: 10\n---\nThe last line has no newline" >people/alice/goals/no-eol.md &&
	git add people/alice/goals/no-eol.md &&
	git commit -q -m "alice: no-eol" &&
	devplan set alice/no-eol progress=70 &&
	printf -- "---\ntitle: No newline at the end\nstatus: active\ntype: skill\ncreated: 2026-11-01\nprogress: 70\n---\nThe last line has no newline" >expect &&
	cmp expect people/alice/goals/no-eol.md &&
	rm -f expect &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'set a field of a profile' '
	cd plan &&
	devplan new-role lead --title "Lead engineer" >/dev/null &&
	devplan set alice role=lead &&
	cat >expect <<-\EOF &&
	-role: engineer
	+role: lead
	EOF
	diff_hunks | grep "^[-+]" >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	person(alice): set role=lead

	Devplan-Person: alice
	Devplan-Record: people/alice/profile.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'a profile cannot name a role that does not exist' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan set alice role=astronaut 2>err &&
	test_grep "astronaut" err &&
	test_grep "^devplan: error: " err &&
	test_unchanged $head
'

test_expect_success 'a manager chain that would come back round is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan --as bob set bob manager=alice 2>err &&
	test_grep "people/bob/profile.md:.*manager: the chain comes back round: bob -> alice -> bob" err &&
	test_unchanged $head &&
	devplan check >/dev/null
'

test_expect_success 'nothing to change: exit 0, no commit' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	devplan set alice/learn-rust progress=40 2>err &&
	test_grep "nothing to change" err &&
	test_unchanged $head
'

# Each refusal: the right exit code, the message names the field and the
# value, nothing is committed and the file keeps its bytes.
test_expect_success 'progress=140 is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/learn-rust.md before &&
	test_expect_code 1 devplan set alice/learn-rust progress=140 2>err &&
	test_grep "^devplan: error: .*progress" err &&
	test_grep "140" err &&
	test_cmp before people/alice/goals/learn-rust.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'due=2027-02-30 is refused (no such day)' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/learn-rust.md before &&
	test_expect_code 1 devplan set alice/learn-rust due=2027-02-30 2>err &&
	test_grep "^devplan: error: .*due" err &&
	test_grep "2027-02-30" err &&
	test_cmp before people/alice/goals/learn-rust.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'status=finished is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/learn-rust.md before &&
	test_expect_code 1 devplan set alice/learn-rust status=finished 2>err &&
	test_grep "status" err &&
	test_grep "finished" err &&
	test_grep "^devplan: error: " err &&
	test_cmp before people/alice/goals/learn-rust.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'one bad field of several: nothing at all is changed' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/learn-rust.md before &&
	test_expect_code 1 devplan set alice/learn-rust progress=60 due=2027-13-01 2>err &&
	test_grep "2027-13-01" err &&
	test_cmp before people/alice/goals/learn-rust.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'an unknown record is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan set alice/no-such-goal progress=10 2>err &&
	test_grep "^devplan: error: .*no-such-goal" err &&
	test_expect_code 1 devplan set zed/learn-rust progress=10 2>err &&
	test_grep "^devplan: error: " err &&
	test_unchanged $head
'

test_expect_success 'a field without = is a usage error' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 2 devplan set alice/learn-rust progress 2>err &&
	test_grep "^devplan: error: .*progress" err &&
	test_grep "usage: devplan set" err &&
	test_expect_code 2 devplan set alice/learn-rust =40 2>err &&
	test_expect_code 2 devplan set alice/learn-rust 2>err &&
	test_unchanged $head
'

test_expect_success 'a record with uncommitted edits is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	f=people/alice/goals/learn-rust.md &&
	cp $f ../saved &&
	echo "A note I have not committed yet." >>$f &&
	cp $f edited &&
	test_expect_code 1 devplan set alice/learn-rust progress=50 2>err &&
	test_grep "^devplan: error: .*uncommitted" err &&
	test_grep "learn-rust" err &&
	test_cmp edited $f &&
	test "$(git rev-parse HEAD)" = $head &&

	git add $f &&
	test_expect_code 1 devplan set alice/learn-rust progress=50 2>err &&
	test_grep "uncommitted" err &&
	test "$(git rev-parse HEAD)" = $head &&
	test_cmp edited $f &&
	git reset -q &&
	cp ../saved $f &&
	rm edited ../saved &&
	test_unchanged $head
'

test_expect_success 'outside a repository: exit 3' '
	test_expect_code 3 run_outside_repo devplan set alice/learn-rust progress=40 2>err &&
	test_grep "^devplan: error: " err
'

test_done
