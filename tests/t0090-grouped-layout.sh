#!/bin/sh
test_description='devplan with the grouped layout (people/<ab>/<id>/)'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'init --layout grouped writes the layout key' '
	devplan init plan --org Acme --layout grouped >/dev/null &&
	grep "^layout:" plan/devplan.yaml >actual &&
	printf "layout: grouped\n" >expect &&
	test_cmp expect actual &&
	(cd plan && devplan check 2>/dev/null)
'

test_expect_success 'init without --layout keeps flat implicit' '
	devplan init flat --org Acme >/dev/null &&
	test_grep -v "^layout:" flat/devplan.yaml &&
	test_expect_code 2 devplan init other --layout spiral 2>err &&
	test_grep "unknown layout .spiral." err &&
	! test -e other/devplan.yaml
'

test_expect_success 'new-person puts people in their group folder' '
	cd plan &&
	exclude_scratch &&
	devplan new-person alice --name "Alice Smith" \
		--email author@example.com >out &&
	test_grep "people/79/alice/profile.md" out &&
	git show --name-only --format= HEAD >files &&
	echo people/79/alice/profile.md >expect &&
	test_cmp expect files &&
	devplan new-person bob --name "Bob Manager" --email bob@example.com >/dev/null &&
	devplan new-person x --name "X Ray" --email x@example.com --manager bob >/dev/null &&
	git show --name-only --format= HEAD >files &&
	echo people/95/x/profile.md >expect &&
	test_cmp expect files &&
	test -f people/44/bob/profile.md &&
	! test -e people/alice &&
	! test -e people/x
'

test_expect_success 'new-goal writes into the grouped folder' '
	cd plan &&
	devplan new-goal "Learn Rust" >out &&
	test_grep "Added alice/learn-rust" out &&
	git show --name-only --format= HEAD >files &&
	echo people/79/alice/goals/learn-rust.md >expect &&
	test_cmp expect files &&
	commit_message >msg &&
	test_grep "^Devplan-Record: people/79/alice/goals/learn-rust.md$" msg &&
	devplan --as x new-goal "Read SICP" >/dev/null &&
	test -f people/95/x/goals/read-sicp.md
'

test_expect_success 'goals --all lists everyone, two levels down' '
	cd plan &&
	devplan goals --all >out &&
	test_grep "^alice/learn-rust " out &&
	test_grep "^x/read-sicp " out &&
	test $(grep -c "/" out) = 2
'

test_expect_success 'set changes one line of the grouped goal' '
	cd plan &&
	devplan set alice/learn-rust progress=40 >/dev/null &&
	commit_stat >stat &&
	echo " 1 file changed, 1 insertion(+), 1 deletion(-)" >expect &&
	test_cmp expect stat &&
	diff_hunks >actual &&
	test_grep "^+progress: 40$" actual &&
	git show --name-only --format= HEAD >files &&
	echo people/79/alice/goals/learn-rust.md >expect &&
	test_cmp expect files
'

test_expect_success 'show resolves ids and grouped paths' '
	cd plan &&
	devplan show alice >out &&
	test_grep "^name: Alice Smith$" out &&
	devplan show people/79/alice >out &&
	test_grep "^name: Alice Smith$" out &&
	(cd people/79/alice && devplan show goals/learn-rust.md) >out &&
	test_grep "^progress: 40$" out
'

test_expect_success 'check is clean on a grouped repository' '
	cd plan &&
	devplan check >out 2>err &&
	test_grep "checked 7 records: 0 errors" err
'

test_expect_success 'check finds a person folder in the wrong group' '
	cd plan &&
	mkdir -p people/00 &&
	cp -R people/44/bob people/00/bob &&
	test_expect_code 1 devplan check >out 2>err &&
	echo "people/00/bob: belongs in people/44/bob" >expect &&
	test_cmp expect out &&
	rm -rf people/00 &&
	mkdir -p people/carol &&
	cp people/44/bob/profile.md people/carol/ &&
	test_expect_code 1 devplan check >out 2>err &&
	echo "people/carol: belongs in people/62/carol" >expect &&
	test_cmp expect out &&
	rm -rf people/carol &&
	devplan check 2>/dev/null
'

test_expect_success 'git log of a person folder shows their commits' '
	cd plan &&
	git log --format=%s -- people/79/alice/ >actual &&
	cat >expect <<-\EOF &&
	goal(alice): learn-rust: set progress=40
	goal(alice): add "Learn Rust"
	person(alice): add "Alice Smith"
	EOF
	test_cmp expect actual
'

test_expect_success 'a bad layout value is an error naming it' '
	cd plan &&
	cp devplan.yaml before &&
	sed -e "s/^layout: grouped$/layout: spiral/" before >devplan.yaml &&
	test_expect_code 1 devplan goals --all >out 2>err &&
	test_grep "layout: .spiral. is not one of flat, grouped" err &&
	test_expect_code 1 devplan check >out 2>err &&
	test_grep "^devplan.yaml:[0-9:]* layout: .spiral. is not one of" out &&
	cp before devplan.yaml &&
	devplan goals --all >/dev/null
'

test_done
