#!/bin/sh
test_description='devplan new-competency'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' 'devplan init plan --org Acme >/dev/null'

test_expect_success 'new-competency appends to the catalog, keeping its comments' '
	cd plan &&
	devplan new-competency systems-programming --name "Systems programming" \
		--category technical --description "C, memory, the kernel" \
		--level 1="Reads and changes C with help" \
		--level 3="Designs a subsystem alone" >out &&
	test_grep "Added competency Systems programming" out &&
	devplan new-competency comms --name Communication --category core >/dev/null &&
	cat >expect <<-\EOF &&
	# The competency catalog, kept by the talent team.
	# Each competency: id, name, category (core | technical | specialised) and
	# what each level looks like. Keep it short: about 20 per role at most.
	competencies:
	  - id: systems-programming
	    name: Systems programming
	    category: technical
	    description: C, memory, the kernel
	    levels:
	      1: Reads and changes C with help
	      3: Designs a subsystem alone
	  - id: comms
	    name: Communication
	    category: core
	EOF
	test_cmp expect framework/competencies.yaml &&
	git log --format=%s -2 >subjects &&
	cat >expect <<-\EOF &&
	competency(comms): add "Communication"
	competency(systems-programming): add "Systems programming"
	EOF
	test_cmp expect subjects &&
	git show --format= --stat HEAD >stat &&
	test_grep "1 file changed, 3 insertions" stat
'

test_expect_success 'a duplicate competency is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-competency comms --name Again --category core 2>err &&
	test_grep "competency .comms. already exists" err &&
	test_unchanged $head
'

test_expect_success 'a bad category or level is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-competency x --name X --category magic 2>err &&
	test_grep "category: .magic. is not one of core, technical, specialised" err &&
	test_expect_code 1 devplan new-competency x --name X --category core --level 0=none 2>err &&
	test_grep "1..10" err &&
	test_expect_code 2 devplan new-competency x --name X --category core --level 2 2>err &&
	test_unchanged $head
'

test_expect_success 'a hand-edited catalog with uncommitted changes is left alone' '
	cd plan && head=$(git rev-parse HEAD) &&
	echo "# my note" >>framework/competencies.yaml &&
	test_expect_code 1 devplan new-competency x --name X --category core 2>err &&
	test_grep "uncommitted" err &&
	test "$(git rev-parse HEAD)" = $head &&
	test_grep "^# my note$" framework/competencies.yaml &&
	git checkout framework/competencies.yaml
'

test_done
