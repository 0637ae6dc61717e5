#!/bin/sh
test_description='test-lib.sh: a test that needs a missing tool is skipped, never a plain ok'
. "$TEST_SRCDIR/test-lib.sh"

# run_lib SCRIPT-BODY: runs a small test script using test-lib.sh in its
# own folder and leaves its TAP output in ./tap.
run_lib() {
	mkdir -p sub &&
	{
		printf '#!/bin/sh\n. "$TEST_SRCDIR/test-lib.sh"\n' &&
		cat &&
		printf 'test_done\n'
	} >sub/t9999-inner.sh &&
	(TEST_BUILDDIR="$TRASH_DIRECTORY/sub" sh sub/t9999-inner.sh >tap)
	echo $? >status
}

test_expect_success 'a missing prerequisite is reported as SKIP with its reason' '
	run_lib <<-\EOF
	test_lazy_prereq NOPE "nope is not installed" "false"
	test_set_prereq YES
	test_expect_success NOPE "needs nope" "false"
	test_expect_success YES "needs yes" "true"
	test_expect_success YES,NOPE "needs both" "false"
	test_expect_success UNDECLARED "needs an undeclared one" "true"
	EOF
	cat >expect <<-\EOF &&
	ok 1 # SKIP missing NOPE (nope is not installed) - needs nope
	ok 2 - needs yes
	ok 3 # SKIP missing NOPE (nope is not installed) - needs both
	ok 4 # SKIP missing UNDECLARED (no such prerequisite) - needs an undeclared one
	1..4
	EOF
	test_cmp expect tap &&
	echo 0 >expect &&
	test_cmp expect status
'

test_expect_success 'a lazy prerequisite runs once, and a present one runs the test' '
	run_lib <<-\EOF
	test_lazy_prereq THERE "never" "echo x >>\"$TRASH_DIRECTORY/../runs\""
	test_expect_success THERE "first" "true"
	test_expect_success THERE "second" "false"
	EOF
	echo 1 >expect &&
	test_cmp expect status &&
	test_grep "^ok 1 - first$" tap &&
	test_grep "^not ok 2 - second$" tap &&
	echo x >expect &&
	test_cmp expect sub/runs
'

test_expect_success 'the built-in prerequisites are declared' '
	for p in BASH FISH ZSH SCDOC MAN STRACE PTY SCRIPT PYTHON_YAML DEVFULL; do
		eval "test -n \"\${lazy_prereq_$p-}\"" ||
			{ echo "no prerequisite $p" >&2; exit 1; }
	done
'

test_done
