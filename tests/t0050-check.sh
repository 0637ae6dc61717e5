#!/bin/sh
test_description='devplan check'
. "$TEST_SRCDIR/test-lib.sh"

# write_goal PERSON SLUG: the goal file from stdin, written by hand.
write_goal() {
	mkdir -p "people/$1/goals" &&
	cat >"people/$1/goals/$2.md"
}

test_expect_success 'setup' '
	setup_plan &&
	cd plan &&
	write_goal alice learn-rust <<-\EOF &&
	---
	title: Become fluent in Rust
	status: active
	type: skill
	created: 2026-11-01
	due: 2027-06-30
	progress: 30
	competencies: [systems-programming]
	actions:
	  - title: Read the Rust book
	    due: 2027-01-31
	    done: true
	---
	Why this matters to me.
	EOF
	git add people &&
	git commit -q -m "a goal by hand" &&
	mkdir -p people/carol/goals
'

test_expect_success 'a valid repository checks clean (exit 0)' '
	(cd plan && devplan check >../out 2>../err) &&
	test_cmp /dev/null out &&
	echo "checked 7 records: 0 errors, 0 warnings" >expect &&
	test_cmp expect err
'

test_expect_success 'check --format json of a valid repository is []' '
	(cd plan && devplan check --format json >../out 2>/dev/null) &&
	echo "[]" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: an invalid goal, committed by hand' '
	cd plan &&
	write_goal alice bad <<-\EOF &&
	---
	title: A bad goal
	status: active
	type: skill
	created: 2026-11-01
	due: 2027-13-45
	progress: 140
	---
	EOF
	git add people &&
	git commit -q -m "a bad goal by hand"
'

test_expect_success 'findings are printed like a compiler, exit 1' '
	(cd plan && test_expect_code 1 devplan check >../out 2>../err) &&
	test_grep "^people/alice/goals/bad.md:6:6: .*2027-13-45" out &&
	test_grep "^people/alice/goals/bad.md:7:11: .*140" out &&
	test $(wc -l <out) = 2 &&
	echo "checked 8 records: 2 errors, 0 warnings" >expect &&
	test_cmp expect err
'

test_expect_success 'check --format json gives each finding as an object' '
	(cd plan && test_expect_code 1 devplan check --format json >../out 2>/dev/null) &&
	test_grep "^    \"path\": \"people/alice/goals/bad.md\",$" out &&
	test_grep "^    \"line\": 6,$" out &&
	test_grep "^    \"column\": 6,$" out &&
	test_grep "^    \"line\": 7,$" out &&
	test_grep "^    \"column\": 11,$" out &&
	test_grep "^    \"severity\": \"error\",$" out &&
	test_grep "^    \"message\": \".*2027-13-45.*\"$" out &&
	test $(grep -c "\"severity\"" out) = 2
'

test_expect_success 'check <record> checks only the records named' '
	(cd plan && devplan check alice/learn-rust >../out 2>../err) &&
	test_cmp /dev/null out &&
	echo "checked 1 record: 0 errors, 0 warnings" >expect &&
	test_cmp expect err &&
	(cd plan && test_expect_code 1 devplan check people/alice/goals/bad.md \
		alice/learn-rust >../out 2>../err) &&
	test $(wc -l <out) = 2 &&
	echo "checked 2 records: 2 errors, 0 warnings" >expect &&
	test_cmp expect err
'

test_expect_success 'check <folder> checks the records under it' '
	(cd plan && test_expect_code 1 devplan check people/alice >../out 2>../err) &&
	test $(wc -l <out) = 2 &&
	echo "checked 3 records: 2 errors, 0 warnings" >expect &&
	test_cmp expect err &&
	(cd plan && devplan check framework people/bob/ >../out 2>../err) &&
	test_cmp /dev/null out &&
	echo "checked 3 records: 0 errors, 0 warnings" >expect &&
	test_cmp expect err
'

test_expect_success 'folders are relative to the current folder too' '
	(cd plan/people && devplan check bob ../framework/roles >../../out 2>../../err) &&
	test_cmp /dev/null out &&
	echo "checked 2 records: 0 errors, 0 warnings" >expect &&
	test_cmp expect err &&
	(cd plan/people/alice && test_expect_code 1 devplan check ../.. >/dev/null 2>../../../err) &&
	echo "checked 8 records: 2 errors, 0 warnings" >expect &&
	test_cmp expect err &&
	(cd plan/people && test_expect_code 1 devplan check ../.. >../../out 2>/dev/null) &&
	test_grep "outside" out
'

test_expect_success 'check takes paths relative to the current folder' '
	(cd plan/people/alice/goals &&
	 test_expect_code 1 devplan check bad.md >../../../../out 2>/dev/null) &&
	test_grep "^people/alice/goals/bad.md:6:6: " out
'

test_expect_success 'a record that does not exist is an error' '
	(cd plan && test_expect_code 1 devplan check alice/nothing >../out 2>../err) &&
	test_grep "^alice/nothing: " out &&
	test_grep "1 error" err
'

test_expect_success 'a parse error names the line' '
	(cd plan &&
	 printf -- "---\ntitle: x\nstatus: [unclosed\n---\n" >people/carol/goals/broken.md &&
	 test_expect_code 1 devplan check carol/broken >../out 2>../err) &&
	rm plan/people/carol/goals/broken.md &&
	test_grep "^people/carol/goals/broken.md:[34]:[0-9]*: " out &&
	echo "checked 1 record: 1 error, 0 warnings" >expect &&
	test_cmp expect err
'

test_expect_success 'a parse error in JSON keeps line and column apart' '
	(cd plan &&
	 printf -- "---\ntitle: x\nstatus: [unclosed\n---\n" >people/carol/goals/broken.md &&
	 test_expect_code 1 devplan check --format json carol/broken >../out 2>/dev/null) &&
	rm plan/people/carol/goals/broken.md &&
	test_grep "^    \"path\": \"people/carol/goals/broken.md\",$" out &&
	test_grep "^    \"line\": [34],$" out &&
	test_grep -v "\"message\": \"people/" out
'

test_expect_success 'unknown references are findings' '
	(cd plan &&
	 cat >people/carol/goals/refs.md <<-\EOF &&
	---
	title: References
	status: active
	type: skill
	created: 2026-11-01
	progress: 0
	competencies: [underwater-basket-weaving]
	---
	EOF
	 test_expect_code 1 devplan check carol/refs >../out 2>/dev/null) &&
	rm plan/people/carol/goals/refs.md &&
	test_grep "^people/carol/goals/refs.md:7:[0-9]*: .*underwater-basket-weaving" out
'

test_expect_success 'an invalid profile and role are found too' '
	(cd plan &&
	 sed -e "s/^manager: .*/manager: nobody-here/" people/alice/profile.md >p &&
	 mv p people/alice/profile.md &&
	 test_expect_code 1 devplan check >../out 2>/dev/null &&
	 git checkout -q -- people/alice/profile.md) &&
	test_grep "^people/alice/profile.md:[0-9]*:[0-9]*: .*nobody-here" out
'

test_expect_success 'two profiles with one email are found' '
	(cd plan &&
	 sed -e "s/^email: .*/email: Bob@Example.com/" people/carol/profile.md >p &&
	 mv p people/carol/profile.md &&
	 test_expect_code 1 devplan check >../out 2>/dev/null &&
	 git checkout -q -- people/carol/profile.md) &&
	test_grep "^people/carol/profile.md:3:8: email: .bob@example.com. is also the email of people/bob/profile.md$" out
'

test_expect_success 'a manager chain that comes back round is found' '
	(cd plan &&
	 sed -e "s/^manager: .*/manager: alice/" people/bob/profile.md >p &&
	 mv p people/bob/profile.md &&
	 test_expect_code 1 devplan check >../out 2>/dev/null &&
	 git checkout -q -- people/bob/profile.md) &&
	test_grep "^people/alice/profile.md:[0-9]*:[0-9]*: manager: the chain comes back round: alice -> bob -> alice$" out &&
	test_grep "^people/bob/profile.md:[0-9]*:[0-9]*: manager: the chain comes back round: bob -> alice -> bob$" out
'

test_expect_success 'files that cannot be records are found' '
	(cd plan &&
	 mkdir -p people/dave/goals "people/Eve Smith" &&
	 echo "Dave has no profile yet." >people/dave/notes.md &&
	 echo "x" >"people/Eve Smith/profile.md" &&
	 cp people/alice/goals/learn-rust.md "people/alice/goals/Learn Rust.md" &&
	 test_expect_code 1 devplan check >../out 2>/dev/null &&
	 rm -r people/dave "people/Eve Smith" "people/alice/goals/Learn Rust.md") &&
	test_grep "^people/dave/profile.md: missing" out &&
	test_grep "^people/Eve Smith: .*not a valid person id" out &&
	test_grep "^people/alice/goals/Learn Rust.md: .*not a valid goal name" out
'

test_expect_success 'usage errors (exit 2)' '
	(cd plan && test_expect_code 2 devplan check --format yaml 2>../err) &&
	test_grep "^devplan: error: unknown format .yaml." err
'

test_expect_success 'check changes nothing' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 test_expect_code 1 devplan check >/dev/null 2>&1 &&
	 test_unchanged "$head")
'

test_expect_success 'an empty layout, which every other command refuses, is an error' '
	setup_plan lay &&
	(
		cd lay &&
		printf "layout:\n" >>devplan.yaml &&
		test_expect_code 1 devplan check >out 2>err &&
		test_grep "^devplan.yaml:[0-9]*:8: layout: must not be empty" out &&
		printf "layout: ~\n" >devplan.yaml.new &&
		grep -v "^layout:" devplan.yaml >>devplan.yaml.new &&
		mv devplan.yaml.new devplan.yaml &&
		test_expect_code 1 devplan check >out 2>err &&
		test_grep "layout: must not be empty" out &&
		test_expect_code 1 devplan goals --all 2>err &&
		test_grep "layout" err
	)
'

test_expect_success 'an empty path is a usage error, not the whole repository' '
	(cd lay && test_expect_code 2 devplan check "" >../empty.out 2>../empty.err) &&
	test_cmp /dev/null empty.out &&
	test_grep "devplan: error: an empty path names no record or folder" empty.err
'

test_expect_success 'setup: a company of 1,000 people, written by a script' '
	setup_plan big &&
	cd big &&
	i=0 &&
	while [ $i -lt 1000 ]; do
		p=p$i &&
		mkdir -p people/$p/goals &&
		printf -- "---\nname: Person %s\nemail: %s@example.com\nrole: engineer\nmanager: bob\nmentor: \"\"\nteam: \"\"\n---\n" $i $p >people/$p/profile.md &&
		printf -- "---\ntitle: Goal %s\nstatus: active\ntype: skill\ncreated: 2026-11-01\ndue: 2027-06-30\nprogress: 10\ncompetencies: [systems-programming]\nactions: []\n---\n" $i >people/$p/goals/g.md &&
		i=$((i + 1)) || exit 1
	done &&
	git add people && git commit -q -m "1,000 people"
'

test_expect_success 'check reads every record of a large repository' '
	(cd big && devplan check >../out 2>../err) &&
	test_cmp /dev/null out &&
	echo "checked 2006 records: 0 errors, 0 warnings" >expect &&
	test_cmp expect err
'

test_done
