#!/bin/sh
test_description='devplan new-role'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	devplan init plan --org Acme >/dev/null && cd plan &&
	devplan new-competency rust --name Rust --category technical >/dev/null &&
	devplan new-competency comms --name Communication --category core >/dev/null
'

test_expect_success 'new-role writes a role profile in one commit' '
	cd plan &&
	devplan new-role engineer --title "Software Engineer" --level 2 \
		--require rust=2 --require comms=1 >out &&
	test_grep "Added role Software Engineer (framework/roles/engineer.md)" out &&
	cat >expect <<-\EOF &&
	---
	title: Software Engineer
	track: ic
	level: 2
	requires:
	  rust: 2
	  comms: 1
	next: []
	---
	What someone in this role does, and how it differs from the level below.
	EOF
	test_cmp expect framework/roles/engineer.md &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	role(engineer): add "Software Engineer"

	Devplan-Record: framework/roles/engineer.md

	EOF
	test_cmp expect msg
'

test_expect_success 'a role names the roles that can follow it' '
	cd plan &&
	devplan new-role lead --title "Engineering Lead" --track management \
		--next engineer >/dev/null &&
	test_grep "^track: management$" framework/roles/lead.md &&
	test_grep "^next: \[engineer\]$" framework/roles/lead.md
'

test_expect_success 'an unknown competency is refused with file:line:col' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-role x --title X --require cobol=3 2>err &&
	test_grep "framework/roles/x.md:[0-9]*:[0-9]*: requires.cobol: unknown competency .cobol." err &&
	test_unchanged $head
'

test_expect_success 'bad levels, tracks and next roles are refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-role x --title X --require rust=11 2>err &&
	test_grep "not in 1..10" err &&
	test_expect_code 2 devplan new-role x --title X --require rust 2>err &&
	test_expect_code 1 devplan new-role x --title X --track wizard 2>err &&
	test_grep "track" err &&
	test_expect_code 1 devplan new-role x --title X --level 99 2>err &&
	test_grep "level" err &&
	test_expect_code 1 devplan new-role x --title X --next nowhere 2>err &&
	test_grep "unknown role .nowhere." err &&
	test_unchanged $head
'

test_expect_success 'a duplicate role is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-role engineer --title Again 2>err &&
	test_grep "role .engineer. already exists" err &&
	test_unchanged $head
'

test_expect_success 'missing --title is a usage error' '
	cd plan &&
	test_expect_code 2 devplan new-role x 2>err &&
	test_grep "title is required" err
'

test_done
