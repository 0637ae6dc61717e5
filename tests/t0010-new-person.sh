#!/bin/sh
test_description='devplan new-person'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	devplan init plan --org Acme >/dev/null &&
	(cd plan && devplan new-role engineer --title Engineer >/dev/null)
'

test_expect_success 'new-person writes a profile in one commit' '
	cd plan &&
	devplan new-person bob --name "Bob Okafor" --email bob@example.com \
		--role engineer --team platform >out &&
	test_grep "Added Bob Okafor (people/bob/profile.md)" out &&
	cat >expect <<-\EOF &&
	---
	name: Bob Okafor
	email: bob@example.com
	role: engineer
	manager: ""
	mentor: ""
	team: platform
	---
	A few lines about me: what I work on, and what I want to grow into.
	EOF
	test_cmp expect people/bob/profile.md &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	person(bob): add "Bob Okafor"

	Devplan-Person: bob
	Devplan-Record: people/bob/profile.md

	EOF
	test_cmp expect msg &&
	git show --name-only --format= HEAD >files &&
	echo people/bob/profile.md >expect &&
	test_cmp expect files
'

test_expect_success 'a report names their manager; names in any script' '
	cd plan &&
	devplan new-person carol --name "Carol Jiménez" --email carol@example.com \
		--manager bob --mentor bob >/dev/null &&
	test_grep "^name: Carol Jiménez$" people/carol/profile.md &&
	test_grep "^manager: bob$" people/carol/profile.md &&
	git log -1 --format=%s >subject &&
	echo "person(carol): add \"Carol Jiménez\"" >expect &&
	test_cmp expect subject
'

test_expect_success 'a duplicate person id is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-person bob --name Other --email o@example.com 2>err &&
	test_grep "devplan: error: person .bob. already exists" err &&
	test_unchanged $head
'

test_expect_success 'an unknown manager is refused with the field named' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-person dan --name Dan --email dan@example.com \
		--manager zed 2>err &&
	test_grep "people/dan/profile.md:[0-9]*:[0-9]*: manager: unknown person .zed." err &&
	test_unchanged $head && test ! -e people/dan
'

test_expect_success 'an unknown role is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-person dan --name Dan --email dan@example.com \
		--role astronaut 2>err &&
	test_grep "role: unknown role .astronaut." err &&
	test_unchanged $head
'

test_expect_success 'a bad email is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-person dan --name Dan --email not-an-email 2>err &&
	test_grep "email" err &&
	test_unchanged $head
'

test_expect_success 'ids that could escape the folder are refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	for id in ../evil "a/b" . .. Bob "x y" ""; do
		test_expect_code 1 devplan new-person "$id" --name X --email x@example.com 2>err &&
		test_grep "is not a valid person id" err || return 1
	done &&
	test_unchanged $head
'

test_expect_success 'missing --name or --email is a usage error' '
	cd plan &&
	test_expect_code 2 devplan new-person dan --email dan@example.com 2>err &&
	test_grep "usage: devplan new-person" err &&
	test_expect_code 2 devplan new-person 2>err
'

test_expect_success 'outside a repository it exits 3' '
	mkdir nowhere && cd nowhere &&
	test_expect_code 3 devplan new-person x --name X --email x@example.com 2>err &&
	test_grep "devplan: error: .*repository" err
'

test_done
