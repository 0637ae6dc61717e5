#!/bin/sh
test_description='devplan action add|done'
. "$TEST_SRCDIR/test-lib.sh"
SQ="'"

# actions_block FILE: the "actions:" entry of FILE's front matter, up to
# the next top-level key or the closing ---.
actions_block() {
	sed -n -e '/^actions:/,$p' "$1" | sed -e '1!{/^[^ #]/,$d;}'
}

test_expect_success 'setup' 'setup_plan plan && exclude_scratch plan'

test_expect_success 'new-goal --action twice gives a block list of actions' '
	cd plan &&
	devplan new-goal --action "Read the book" --action "Pair on the parser" "Learn Rust" >/dev/null &&
	cat >expect <<-\EOF &&
	actions:
	  - title: Read the book
	    done: false
	  - title: Pair on the parser
	    done: false
	EOF
	actions_block people/alice/goals/learn-rust.md >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'setup: a hand-written goal with commented actions' '
	cd plan &&
	cat >people/alice/goals/ship-the-parser.md <<-EOF &&
	---
	title: Ship the parser   # in Rust
	status: active
	type: experience
	created: 2026-11-01
	progress: 10
	actions:
	  # the basics first
	  - title: Read the Rust book   # chapters 1-8
	    done: true
	  - title: ${SQ}Pair on the parser rewrite${SQ}
	    due: 2027-03-15   # before the release
	    done: false
	success: The parser runs in production
	---
	Notes, by hand.
	EOF
	git add people/alice/goals/ship-the-parser.md &&
	git commit -q -m "alice: ship-the-parser, by hand" &&
	test -z "$(git status --porcelain)"
'

# The new item is written like its neighbour: the last title is quoted.
test_expect_success 'action add with --due and --resource appends one item' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan action add alice/ship-the-parser "Write the lexer" \
		--due 2027-04-30 --resource https://doc.rust-lang.org/book/ &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	cat >expect <<-EOF &&
	---
	title: Ship the parser   # in Rust
	status: active
	type: experience
	created: 2026-11-01
	progress: 10
	actions:
	  # the basics first
	  - title: Read the Rust book   # chapters 1-8
	    done: true
	  - title: ${SQ}Pair on the parser rewrite${SQ}
	    due: 2027-03-15   # before the release
	    done: false
	  - title: ${SQ}Write the lexer${SQ}
	    due: 2027-04-30
	    resource: https://doc.rust-lang.org/book/
	    done: false
	success: The parser runs in production
	---
	Notes, by hand.
	EOF
	test_cmp expect people/alice/goals/ship-the-parser.md &&
	echo " 1 file changed, 4 insertions(+)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	goal(alice): ship-the-parser: add action "Write the lexer"

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/ship-the-parser.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	rm -f expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'action done by number ticks that item off (one line)' '
	cd plan &&
	devplan action done alice/ship-the-parser 2 &&
	cat >expect <<-\EOF &&
	@@ -13 +13 @@
	-    done: false
	+    done: true
	EOF
	diff_hunks >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	goal(alice): ship-the-parser: action done "Pair on the parser rewrite"

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/ship-the-parser.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'action done by the start of its title' '
	cd plan &&
	devplan action done ship-the "Write the" &&
	cat >expect <<-\EOF &&
	@@ -17 +17 @@
	-    done: false
	+    done: true
	EOF
	diff_hunks >actual &&
	test_cmp expect actual &&
	echo "goal(alice): ship-the-parser: action done \"Write the lexer\"" >expect &&
	git log -1 --format=%s >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'action done on an item already done changes nothing' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	devplan action done alice/ship-the-parser 1 2>err &&
	test_grep "nothing to change" err &&
	test_unchanged $head
'

test_expect_success 'action text that YAML would misread is quoted' '
	cd plan &&
	devplan action add alice/ship-the-parser "Decide: rewrite or refactor" &&
	cat >expect <<-\EOF &&
	  - title: "Decide: rewrite or refactor"
	    done: false
	EOF
	sed -n -e "/^  - title: .Decide: rewrite or refactor.\$/,/^    done:/p" people/alice/goals/ship-the-parser.md |
		sed -e "1s/${SQ}/\"/g" >actual &&
	test_cmp expect actual &&
	echo " 1 file changed, 2 insertions(+)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	rm -f expect actual
'

test_expect_success 'action add to a goal with no actions yet (actions: [])' '
	cd plan &&
	devplan new-goal "Learn Go" >/dev/null &&
	test_grep "^actions: \[\]\$" people/alice/goals/learn-go.md &&
	devplan action add alice/learn-go "Take the Go tour" &&
	cat >expect <<-\EOF &&
	actions:
	  - title: Take the Go tour
	    done: false
	EOF
	actions_block people/alice/goals/learn-go.md >actual &&
	test_cmp expect actual &&
	echo " 1 file changed, 3 insertions(+), 1 deletion(-)" >expect &&
	commit_stat >actual &&
	test_cmp expect actual &&
	rm -f expect actual &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'action done on a goal without actions is refused' '
	cd plan &&
	devplan new-goal "Read more" >/dev/null &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan action done alice/read-more 1 2>err &&
	test_grep "^devplan: error: .*no actions" err &&
	test_unchanged $head
'

test_expect_success 'a bad action number or unknown title is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/ship-the-parser.md before &&
	test_expect_code 1 devplan action done alice/ship-the-parser 9 2>err &&
	test_grep "^devplan: error: .*9" err &&
	test_expect_code 1 devplan action done alice/ship-the-parser 0 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan action done alice/ship-the-parser "Fly to the moon" 2>err &&
	test_grep "^devplan: error: .*Fly to the moon" err &&
	test_cmp before people/alice/goals/ship-the-parser.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'a title prefix naming several actions is refused' '
	cd plan &&
	devplan action add alice/ship-the-parser "Write the parser" >/dev/null &&
	devplan action add alice/ship-the-parser "Write the docs" >/dev/null &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan action done alice/ship-the-parser "Write the" 2>err &&
	test_grep "^devplan: error: .*several" err &&
	test_unchanged $head
'

test_expect_success 'an unknown subcommand is a usage error' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 2 devplan action frobnicate alice/ship-the-parser 1 2>err &&
	test_grep "^devplan: error: .*frobnicate" err &&
	test_grep "usage: devplan action" err &&
	test_expect_code 2 devplan action 2>err &&
	test_expect_code 2 devplan action add alice/ship-the-parser 2>err &&
	test_expect_code 2 devplan action done alice/ship-the-parser 1 --due 2027-01-01 2>err &&
	test_unchanged $head
'

test_expect_success 'empty action text is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan action add alice/ship-the-parser "" 2>err &&
	test_grep "^devplan: error: .*empty" err &&
	test_expect_code 1 devplan action add alice/ship-the-parser "   " 2>err &&
	test_grep "^devplan: error: .*empty" err &&
	test_unchanged $head
'

test_expect_success 'a bad --due date is refused and nothing is committed' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/goals/ship-the-parser.md before &&
	test_expect_code 1 devplan action add alice/ship-the-parser "Benchmark" --due 2027-02-30 2>err &&
	test_grep "2027-02-30" err &&
	test_expect_code 1 devplan action add alice/ship-the-parser "Benchmark" --due tomorrow 2>err &&
	test_grep "tomorrow" err &&
	test_expect_code 1 devplan action add alice/ship-the-parser "Benchmark" --due 27-1-1 2>err &&
	test_grep "27-1-1" err &&
	test_cmp before people/alice/goals/ship-the-parser.md &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'action on a profile is refused' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan action add alice "Something" 2>err &&
	test_grep "^devplan: error: .*not a goal" err &&
	test_unchanged $head
'

test_done
