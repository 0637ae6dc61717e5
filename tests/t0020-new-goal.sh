#!/bin/sh
test_description='devplan new-goal'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' 'setup_plan plan'

test_expect_success 'new-goal writes the goal and commits it alone' '
	cd plan &&
	devplan new-goal "Become fluent in Rust for systems work" --due 2027-06-30 \
		--competency systems-programming \
		--action "Read the Rust book, chapters 1-8" \
		--action "Pair on the parser rewrite" \
		--success "Ship one production feature in Rust" >out &&
	test_grep "Added alice/become-fluent-in-rust-for-systems-work" out &&
	cat >expect <<-\EOF &&
	---
	title: Become fluent in Rust for systems work
	status: active
	type: skill
	created: 2026-11-22
	due: 2027-06-30
	progress: 0
	competencies: [systems-programming]
	actions:
	  - title: Read the Rust book, chapters 1-8
	    done: false
	  - title: Pair on the parser rewrite
	    done: false
	success: Ship one production feature in Rust
	---
	Why this matters to me, in my own words.
	EOF
	test_cmp expect people/alice/goals/become-fluent-in-rust-for-systems-work.md &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	goal(alice): add "Become fluent in Rust for systems work"

	Devplan-Person: alice
	Devplan-Record: people/alice/goals/become-fluent-in-rust-for-systems-work.md

	EOF
	test_cmp expect msg &&
	git show --name-only --format= HEAD >files &&
	echo people/alice/goals/become-fluent-in-rust-for-systems-work.md >expect &&
	test_cmp expect files &&
	git log -1 --format="%an <%ae>" >author &&
	echo "A U Thor <author@example.com>" >expect &&
	test_cmp expect author
'

test_expect_success 'without --due the goal has no due line' '
	cd plan &&
	devplan new-goal "Read SICP" --type knowledge >/dev/null &&
	test_grep -v "^due:" people/alice/goals/read-sicp.md &&
	test_grep "^type: knowledge$" people/alice/goals/read-sicp.md
'

test_expect_success 'a clashing title gets a numeric suffix' '
	cd plan &&
	devplan new-goal "Read SICP" >out &&
	test_grep "alice/read-sicp-2" out &&
	test -f people/alice/goals/read-sicp-2.md
'

test_expect_success 'titles in any script become ASCII slugs' '
	cd plan &&
	devplan new-goal "Améliorer mon français" >/dev/null &&
	test -f people/alice/goals/ameliorer-mon-francais.md &&
	devplan new-goal "Выучить Go" >/dev/null &&
	test -f people/alice/goals/vyuchit-go.md &&
	devplan new-goal "学习日语" >out &&
	test_grep "alice/goal-[0-9a-f]\{8\}" out &&
	test_grep "^title: 学习日语$" people/alice/goals/goal-*.md
'

test_expect_success 'a title that needs quoting is quoted' '
	cd plan &&
	devplan new-goal "Yes" >/dev/null &&
	test_grep "^title: \"Yes\"$" people/alice/goals/yes.md &&
	devplan new-goal "Rust: the hard parts" >/dev/null &&
	test_grep "^title: \"Rust: the hard parts\"$" people/alice/goals/rust-the-hard-parts.md
'

test_expect_success 'a manager proposes a goal: proposed, with proposed-by' '
	cd plan &&
	devplan --as bob new-goal --for carol "Mentor a new joiner" >out &&
	test_grep "Proposed carol/mentor-a-new-joiner" out &&
	test_grep "^status: proposed$" people/carol/goals/mentor-a-new-joiner.md &&
	test_grep "^proposed-by: bob$" people/carol/goals/mentor-a-new-joiner.md &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	goal(carol): propose "Mentor a new joiner"

	Devplan-Person: carol
	Devplan-Record: people/carol/goals/mentor-a-new-joiner.md
	Devplan-Proposed-By: bob

	EOF
	test_cmp expect msg
'

test_expect_success '--edit lets the user change the goal before the commit' '
	cd plan &&
	cat >editor <<-\EOF &&
	#!/bin/sh
	sed -i "s/^Why this matters.*/Because the team needs it./" "$1"
	EOF
	chmod +x editor &&
	env EDITOR=./editor "$DEVPLAN" new-goal --edit "Learn Kubernetes" >/dev/null &&
	test_grep "^Because the team needs it.$" people/alice/goals/learn-kubernetes.md &&
	test -z "$(git status --porcelain -- people)"
'

test_expect_success '--edit with an emptied file changes nothing' '
	cd plan && head=$(git rev-parse HEAD) &&
	printf "#!/bin/sh\n: >\"\$1\"\n" >empty-editor && chmod +x empty-editor &&
	test_expect_code 1 env EDITOR=./empty-editor "$DEVPLAN" new-goal --edit "Learn Zig" 2>err &&
	test_grep "empty" err &&
	test "$(git rev-parse HEAD)" = $head &&
	test ! -e people/alice/goals/learn-zig.md
'

test_expect_success '--for --edit cannot make a proposed goal active or someone else'"'"'s' '
	cd plan && head=$(git rev-parse HEAD) &&
	printf "#!/bin/sh\nsed -i \"s/^status: proposed/status: active/\" \"\$1\"\n" >activate && chmod +x activate &&
	test_expect_code 1 env EDITOR=./activate "$DEVPLAN" --as bob new-goal --for carol --edit "Own the roadmap" 2>err &&
	test_grep "stays proposed" err &&
	printf "#!/bin/sh\nsed -i \"s/^proposed-by: bob/proposed-by: alice/\" \"\$1\"\n" >impersonate && chmod +x impersonate &&
	test_expect_code 1 env EDITOR=./impersonate "$DEVPLAN" --as bob new-goal --for carol --edit "Own the roadmap" 2>err &&
	test_grep "proposed-by" err &&
	rm -f activate impersonate &&
	test ! -e people/carol/goals/own-the-roadmap.md &&
	test_unchanged $head
'

test_expect_success 'bad input changes nothing' '
	cd plan && rm -f editor empty-editor && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-goal --due 2027-02-30 "Bad date" 2>err &&
	test_grep "due: .2027-02-30. is not a date" err &&
	test_expect_code 1 devplan new-goal --type hobby "Bad type" 2>err &&
	test_grep "type: .hobby. is not one of" err &&
	test_expect_code 1 devplan new-goal --for zed "Unknown person" 2>err &&
	test_grep "unknown person .zed." err &&
	test_expect_code 1 devplan new-goal --competency cobol "Unknown competency" 2>err &&
	test_grep "unknown competency .cobol." err &&
	test_expect_code 1 devplan new-goal "" 2>err &&
	test_expect_code 1 devplan new-goal "!!! ..." 2>err &&
	test_grep "no letters or digits" err &&
	test_expect_code 2 devplan new-goal 2>err &&
	test_grep "usage: devplan new-goal" err &&
	test_unchanged $head
'

test_expect_success 'a title full of ../ stays inside the goals folder' '
	cd plan &&
	devplan new-goal "../../../etc/passwd" >out &&
	test_grep "alice/etc-passwd" out &&
	test -f people/alice/goals/etc-passwd.md
'

test_expect_success 'an unknown identity is a clear error' '
	cd plan && head=$(git rev-parse HEAD) &&
	git config user.email nobody@example.com &&
	GIT_AUTHOR_EMAIL=nobody@example.com &&
	export GIT_AUTHOR_EMAIL &&
	test_expect_code 3 devplan new-goal "Who am I" 2>err &&
	test_grep "no person has the email .nobody@example.com." err &&
	test_expect_code 1 devplan --as zed new-goal "Who am I" 2>err &&
	test_grep "unknown person .zed." err &&
	devplan --as carol new-goal "Who am I" >/dev/null &&
	test -f people/carol/goals/who-am-i.md
'

test_done
