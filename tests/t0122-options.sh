#!/bin/sh
test_description='options: one parser, arity in the spec, usage errors before the repository'
. "$TEST_SRCDIR/test-lib.sh"

# usage_is CMD MESSAGE [HINT]: the exact stderr of a usage error of CMD
# (`devplan CMD --help`'s usage lines and the "Try" line) into ./expect.
usage_is() {
	{
		printf "devplan: error: %s\n" "$2" &&
		if [ -n "${3-}" ]; then printf "hint: %s\n" "$3"; fi &&
		devplan "$1" --help | sed -n -e "/^usage:/,/^\$/p" | sed -e "/^\$/d" &&
		printf "Try ${SQ}devplan %s --help${SQ} for more.\n" "$1"
	} >expect
}

dash_hint="use -- before an argument that starts with ${SQ}-${SQ}"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && devplan new-goal "Learn Rust" >/dev/null)
'

test_expect_success 'an unknown short option in a cluster is named, with a hint' '
	(cd plan && test_expect_code 2 devplan goals -xy) >out 2>err &&
	usage_is goals "unknown option ${SQ}x${SQ}" "$dash_hint" &&
	test_cmp expect err &&
	test_cmp /dev/null out
'

test_expect_success 'an unknown long option gets the hint too' '
	(cd plan && test_expect_code 2 devplan goals --bogus) 2>err &&
	usage_is goals "unknown option ${SQ}--bogus${SQ}" "$dash_hint" &&
	test_cmp expect err
'

test_expect_success 'a usage error outside a repository is still a usage error (exit 2)' '
	run_outside_repo test_expect_code 2 "$DEVPLAN" goals -xy 2>err &&
	usage_is goals "unknown option ${SQ}x${SQ}" "$dash_hint" &&
	test_cmp expect err &&
	run_outside_repo test_expect_code 2 "$DEVPLAN" show 2>err &&
	usage_is show "missing <record>" &&
	test_cmp expect err
'

test_expect_success 'a well-formed command outside a repository is exit 3' '
	run_outside_repo test_expect_code 3 "$DEVPLAN" show alice 2>err &&
	test_grep "^devplan: error: " err
'

test_expect_success 'missing arguments are named from the usage line' '
	cd plan &&
	test_expect_code 2 devplan show 2>err &&
	usage_is show "missing <record>" && test_cmp expect err &&
	test_expect_code 2 devplan new-goal 2>err &&
	usage_is new-goal "missing <title>" && test_cmp expect err &&
	test_expect_code 2 devplan progress alice/learn-rust 2>err &&
	usage_is progress "missing <0-100>" && test_cmp expect err &&
	test_expect_code 2 devplan progress 2>err &&
	usage_is progress "missing <goal>" && test_cmp expect err &&
	test_expect_code 2 devplan set alice/learn-rust 2>err &&
	usage_is set "missing <field>=<value>" && test_cmp expect err &&
	test_expect_code 2 devplan new-person --name N --email n@example.com 2>err &&
	usage_is new-person "missing <id>" && test_cmp expect err
'

test_expect_success 'too many arguments' '
	cd plan &&
	for cmd in "show alice bob" "help goals show" "init a b" "goals alice bob" \
		"accept a b" "done a b" "edit a b" "progress a 1 2" "new-person a b"
	do
		test_expect_code 2 devplan $cmd 2>err &&
		usage_is ${cmd%% *} "too many arguments" &&
		test_cmp expect err || exit 1
	done
'

test_expect_success 'a negative number is an argument, not an option' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress alice/learn-rust -1 2>err &&
	echo "devplan: error: progress: ${SQ}-1${SQ} is not a whole number in 0..100" >expect &&
	test_cmp expect err &&
	test_expect_code 1 devplan progress -5 alice/learn-rust 2>err &&
	test_grep "^devplan: error: " err &&
	test_unchanged $head
'

test_expect_success 'a negative number can be an option value' '
	cd plan &&
	devplan progress alice/learn-rust 40 -m -1 >/dev/null &&
	commit_message >msg &&
	test_grep "^-1$" msg
'

test_expect_success 'option forms: --opt=value, --opt value, -mvalue, a unique prefix' '
	cd plan &&
	devplan goals --status=active >a &&
	devplan goals --status active >b &&
	devplan goals --stat active >c &&
	test_cmp a b && test_cmp a c &&
	test_grep "^alice/learn-rust " a &&
	devplan progress alice/learn-rust 45 -mJoined >/dev/null &&
	commit_message >msg &&
	test_grep "^Joined$" msg
'

test_expect_success 'an ambiguous prefix, a value for a flag, a missing value' '
	cd plan &&
	test_expect_code 2 devplan new-role r --t T 2>err &&
	usage_is new-role "ambiguous option ${SQ}--t${SQ}" && test_cmp expect err &&
	test_expect_code 2 devplan goals --all=yes 2>err &&
	usage_is goals "option ${SQ}--all${SQ} takes no value" && test_cmp expect err &&
	test_expect_code 2 devplan progress alice/learn-rust 5 -m 2>err &&
	usage_is progress "option ${SQ}-m${SQ} needs a value" && test_cmp expect err
'

test_expect_success 'after --, anything is an argument' '
	cd plan &&
	devplan new-goal -- "-x marks the spot" >out &&
	test_grep "^Added alice/x-marks-the-spot " out
'

test_expect_success '-h and --help in a cluster or abbreviated show the help' '
	run_outside_repo "$DEVPLAN" goals --he >out &&
	test_grep "^usage: devplan goals" out &&
	run_outside_repo "$DEVPLAN" progress -h >out &&
	test_grep "^usage: devplan progress" out
'

test_done
