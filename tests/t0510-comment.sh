#!/bin/sh
test_description='devplan comment and the thread under a record'
. "$TEST_SRCDIR/test-lib.sh"

GOAL=people/alice/goals/learn-rust.md

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && devplan new-goal "Learn Rust" >/dev/null)
'

test_expect_success 'a manager comments: one commit, one new file' '
	cd plan &&
	before=$(git rev-list --count HEAD) &&
	devplan --as bob comment alice/learn-rust -m "Great start. Chapter 9?" >out &&
	test "$(git rev-list --count HEAD)" = $((before + 1)) &&
	file=$(cat out) &&
	case "$file" in people/alice/comments/2026-11-22-bob-????.md) ;;
	*) echo "unexpected file $file" >&2; exit 1 ;; esac &&
	test "$(git show --format= --name-status HEAD)" = "A	$file" &&
	test "$(git log -1 --format=%an)" = "Bob Manager" &&
	test "$(git log -1 --format=%cn)" = "C O Mitter" &&
	commit_message >msg &&
	test_grep "^comment(alice): bob comments on learn-rust$" msg &&
	test_grep "^Great start. Chapter 9?$" msg &&
	test_grep "^Devplan-Comment-On: $GOAL$" msg &&
	test_grep "^Devplan-Role: manager$" msg &&
	test_grep "^record: $GOAL$" $file &&
	test_grep "^author: bob$" $file &&
	test_grep "^role: manager$" $file &&
	test_grep "^date: 2026-11-22$" $file &&
	test -z "$(git status --porcelain)" &&
	devplan check >out 2>err
'

test_expect_success 'the owner replies; a peer gives kudos; show prints the thread' '
	cd plan &&
	first=$(basename people/alice/comments/*-bob-*.md .md) &&
	devplan comment learn-rust --reply-to "$first" -m "Next week" >out &&
	test_grep "^role: self$" "$(cat out)" &&
	test_grep "^reply-to: \"$first\"$" "$(cat out)" &&
	devplan --as carol comment alice/learn-rust --kudos -m "Lovely talk" >out &&
	test_grep "^kudos: true$" "$(cat out)" &&
	test_grep "^role: peer$" "$(cat out)" &&
	devplan show alice/learn-rust >shown &&
	sed -n "/^-- /,\$p" shown | sed -e "s/-[0-9a-f]\{4\}]/-XXXX]/" >actual &&
	cat >expect <<-\EOF &&
	-- 3 comments --

	bob (manager, 2026-11-22) [2026-11-22-bob-XXXX]
	  Great start. Chapter 9?

	    alice (self, 2026-11-22) [2026-11-22-alice-XXXX]
	      Next week

	carol (peer, 2026-11-22) kudos [2026-11-22-carol-XXXX]
	  Lovely talk
	EOF
	test_cmp expect actual
'

test_expect_success 'refusals: no text, unknown reply, not a person, no profile' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 2 devplan comment alice/learn-rust 2>err &&
	test_expect_code 1 devplan comment alice/learn-rust -m "  " 2>err &&
	test_grep "empty comment" err &&
	test_expect_code 1 devplan comment alice/learn-rust --reply-to nope -m x 2>err &&
	test_grep "reply-to" err &&
	test_expect_code 1 devplan comment devplan.yaml -m x 2>err &&
	test_grep "not a person" err &&
	test_expect_code 3 env GIT_AUTHOR_EMAIL=nobody@example.com \
		"$DEVPLAN" comment alice/learn-rust -m x 2>err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'a comment file is checked like any record' '
	cd plan &&
	f=$(ls people/alice/comments/*-bob-*.md) &&
	sed -e "s/^role: manager$/role: boss/" "$f" >"$f.new" && mv "$f.new" "$f" &&
	test_expect_code 1 devplan check >out 2>err &&
	test_grep "role" out &&
	git checkout -- "$f"
'

test_done
