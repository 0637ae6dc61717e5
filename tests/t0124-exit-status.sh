#!/bin/sh
test_description='one exit-status rule: 2 a malformed command line, 1 invalid data (devplan(1))'
. "$TEST_SRCDIR/test-lib.sh"

# exits N CMD...: CMD exits N and says "devplan: error:" first on stderr.
exits() {
	_want=$1
	shift
	(cd plan && test_expect_code "$_want" devplan "$@") >/dev/null 2>err &&
	head -n 1 err | grep "^devplan: error: \|^[a-z].*:[0-9]*:[0-9]*: " >/dev/null || {
		echo "'$*': no error line:" >&2
		cat err >&2
		return 1
	}
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && devplan new-goal "Learn Rust" >/dev/null)
'

test_expect_success 'a malformed command line is exit 2' '
	exits 2 goals -xy &&
	exits 2 goals --format xml &&
	exits 2 goals --status bogus &&
	exits 2 show alice/learn-rust --format xml &&
	exits 2 check --format xml &&
	exits 2 set alice/learn-rust progress &&
	exits 2 new-role r --title T --require systems-programming &&
	exits 2 new-competency c --name N --category core --level 1 &&
	exits 2 action frob alice/learn-rust &&
	exits 2 progress alice/learn-rust &&
	exits 2 goals --all=1
'

test_expect_success 'a bad date, a number out of range, a value not allowed: exit 1' '
	exits 1 new-goal --due tomorrow "Learn Go" &&
	exits 1 new-goal --due 2027-13-45 "Learn Go" &&
	exits 1 new-goal --type bogus "Learn Go" &&
	exits 1 set alice/learn-rust due=tomorrow &&
	exits 1 set alice/learn-rust progress=150 &&
	exits 1 progress alice/learn-rust 150 &&
	exits 1 progress alice/learn-rust abc &&
	exits 1 progress alice/learn-rust -1 &&
	exits 1 action add alice/learn-rust "Read" --due tomorrow &&
	exits 1 new-role r --title T --level 99 &&
	exits 1 new-role r --title T --track bogus &&
	exits 1 new-role r --title T --require systems-programming=99 &&
	exits 1 new-competency c --name N --category bogus &&
	exits 1 new-competency c --name N --category core --level 99=x &&
	exits 1 new-person p --name N --email bad
'

test_expect_success 'the exact messages of the two kinds' '
	(cd plan && test_expect_code 2 devplan new-competency c --name N --category core --level 1) 2>err &&
	echo "devplan: error: --level ${SQ}1${SQ}: expected <n>=<text> with n in 1..10" >expect &&
	test_cmp expect err &&
	(cd plan && test_expect_code 1 devplan new-goal --due tomorrow "Learn Go") 2>err &&
	echo "devplan: error: due: ${SQ}tomorrow${SQ} is not a date" >expect &&
	test_cmp expect err
'

test_expect_success 'nothing was committed' '
	cd plan && test_commit_count 7
'

test_expect_success 'devplan(1) states the rule' '
	: "${PROJECT_ROOT:=$TEST_SRCDIR/..}" &&
	test_grep "Every command follows one rule" "$PROJECT_ROOT/man/devplan.1.scd" &&
	test_grep "A lone negative number" "$PROJECT_ROOT/man/devplan.1.scd"
'

test_done
