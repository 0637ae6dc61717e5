#!/bin/sh
test_description='devplan: global options, dispatch, help and exit codes'
. "$TEST_SRCDIR/test-lib.sh"

# A folder outside any git repository (the trash folder may sit inside one).
OUTSIDE=$(mktemp -d "${TMPDIR:-/tmp}/devplan-t0000.XXXXXX") || exit 1
trap 'rm -rf "$OUTSIDE"' EXIT
# Man pages are looked up in an empty folder: help falls back to --help.
MANPATH="$TRASH_DIRECTORY/no-man-pages"
export MANPATH
mkdir -p "$MANPATH"

test_expect_success 'setup' '
	setup_plan
'

test_expect_success '--version' '
	devplan --version >out &&
	test_grep "^devplan version [0-9][0-9.]*$" out &&
	test $(wc -l <out) = 1
'

test_expect_success '--help lists every command, exit 0' '
	devplan --help >out &&
	test_grep "^usage: devplan " out &&
	devplan --list-cmds >cmds &&
	test -s cmds &&
	while read cmd; do
		test_grep "^   $cmd  *[a-z]" out || exit 1
	done <cmds
'

test_expect_success 'help without a command is --help' '
	devplan --help >expect &&
	devplan help >actual &&
	test_cmp expect actual
'

test_expect_success 'no command: the usage on stderr, exit 2' '
	test_expect_code 2 devplan >out 2>err &&
	test_cmp /dev/null out &&
	test_grep "^usage: devplan " err
'

test_expect_success 'an unknown command is a usage error (exit 2)' '
	test_expect_code 2 devplan frobnicate >out 2>err &&
	test_cmp /dev/null out &&
	echo "devplan: error: '"'"'frobnicate'"'"' is not a devplan command; see '"'"'devplan --help'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'an unknown global option is a usage error (exit 2)' '
	test_expect_code 2 devplan --bogus goals >out 2>err &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: unknown option .--bogus.$" err &&
	test_grep "^usage: devplan " err
'

test_expect_success 'an unknown command option is a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals --bogus >../out 2>../err) &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: unknown option .--bogus.$" err &&
	test_grep "^usage: devplan goals" err
'

test_expect_success 'a missing option value is a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals --status >../out 2>../err) &&
	test_grep "^devplan: error: option .--status. needs a value" err &&
	test_expect_code 2 devplan -C >out 2>err &&
	test_grep "^devplan: error: option .-C. needs a value" err
'

test_expect_success 'outside any repository: an error, exit 3' '
	(cd "$OUTSIDE" && test_expect_code 3 devplan goals >"$TRASH_DIRECTORY/out" 2>"$TRASH_DIRECTORY/err") &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: " err &&
	test $(wc -l <err) = 1
'

test_expect_success 'outside any repository: every repository command exits 3' '
	for cmd in check edit goals show; do
		(cd "$OUTSIDE" && test_expect_code 3 devplan $cmd x 2>/dev/null) || exit 1
	done
'

test_expect_success '--help and help work outside any repository' '
	(cd "$OUTSIDE" &&
	 devplan goals --help >/dev/null &&
	 devplan help goals >/dev/null &&
	 devplan --help >/dev/null)
'

test_expect_success '-C DIR runs as if started in DIR' '
	(cd plan && devplan show alice >../expect) &&
	devplan -C plan show alice >actual &&
	test_cmp expect actual &&
	(cd "$OUTSIDE" && devplan -C "$TRASH_DIRECTORY/plan" show alice >"$TRASH_DIRECTORY/actual") &&
	test_cmp expect actual
'

test_expect_success '-C DIR can be given twice, relative to the first' '
	devplan -C plan -C people/alice show profile.md >actual &&
	test_cmp expect actual
'

test_expect_success '-C with an empty DIR is ignored' '
	(cd plan && devplan -C "" show alice >../actual) &&
	test_cmp expect actual
'

test_expect_success '-C to a missing folder is an error (exit 3)' '
	test_expect_code 3 devplan -C no-such-dir goals 2>err &&
	test_grep "^devplan: error: cannot change to .no-such-dir." err
'

test_expect_success '--as picks the current user' '
	(cd plan && devplan --as carol show bob >../actual) &&
	test_cmp plan/people/bob/profile.md actual &&
	(cd plan && devplan --as=carol goals >../out 2>../err) &&
	echo "no goals" >expect &&
	test_cmp expect err
'

test_expect_success '--as an unknown person is an error (exit 1)' '
	(cd plan && test_expect_code 1 devplan --as zed goals 2>../err) &&
	test_grep "^devplan: error: unknown person .zed." err
'

test_expect_success 'help <command> without a man page is its --help' '
	devplan goals --help >expect &&
	devplan help goals >actual &&
	test_cmp expect actual &&
	head -n 1 actual >first &&
	test_grep "^usage: devplan goals " first
'

test_expect_success 'help help' '
	devplan help help >actual &&
	test_grep "^usage: devplan help" actual
'

test_expect_success 'help of an unknown command is a usage error (exit 2)' '
	test_expect_code 2 devplan help frobnicate >out 2>err &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: .frobnicate. is not a devplan command" err
'

test_expect_success 'help with two commands is a usage error (exit 2)' '
	test_expect_code 2 devplan help goals show 2>err &&
	test_grep "^devplan: error: too many arguments" err
'

test_expect_success MAN,SCDOC 'help shows the man page when it is installed' '
	mkdir -p man-pages/man1 &&
	scdoc <"$PROJECT_ROOT/man/devplan-goals.1.scd" >man-pages/man1/devplan-goals.1 &&
	MANPATH="$TRASH_DIRECTORY/man-pages" MANPAGER=cat PAGER=cat \
		devplan help goals >actual &&
	test_grep "devplan-goals" actual &&
	test_grep -v "^usage: devplan goals" actual
'

test_expect_success DEVFULL 'a write error on stdout is not success' '
	test_expect_code 3 devplan --help >/dev/full 2>err &&
	test_grep "^devplan: error: write failure on standard output" err
'

test_done
