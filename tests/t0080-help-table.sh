#!/bin/sh
test_description='the command table: sorted, documented, completed, helpful'
. "$TEST_SRCDIR/test-lib.sh"

: "${PROJECT_ROOT:=$TEST_SRCDIR/..}"
MAN="$PROJECT_ROOT/man"
COMPLETIONS="$PROJECT_ROOT/completions"
# The completion scripts ask the binary: put it first on PATH.
BINDIR=$(cd "$(dirname "$DEVPLAN")" && pwd)
PATH="$BINDIR:$PATH"
export PATH

test_expect_success 'setup: the command table' '
	devplan --list-cmds >cmds &&
	test -s cmds &&
	test_grep "^goals$" cmds &&
	test_grep "^help$" cmds
'

test_expect_success 'the command table is sorted, without duplicates' '
	LC_ALL=C sort -u cmds >sorted &&
	test_cmp sorted cmds
'

test_expect_success 'devplan --help lists the commands in table order' '
	devplan --help >help &&
	sed -n "s/^   \([a-z][a-z-]*\)  .*/\1/p" help >listed &&
	test_cmp cmds listed
'

test_expect_success 'every command --help exits 0 and starts with its usage' '
	while read cmd; do
		devplan $cmd --help >out 2>err || {
			echo "devplan $cmd --help failed" >&2; exit 1; }
		test_cmp /dev/null err || exit 1
		first=$(head -n 1 out)
		case "$first" in
		"usage: devplan $cmd"|"usage: devplan $cmd "*) ;;
		*) echo "devplan $cmd --help starts: $first" >&2; exit 1 ;;
		esac
	done <cmds
'

test_expect_success 'every --help names values in lowercase, like git' '
	while read cmd; do
		devplan $cmd --help >out &&
		if grep "<[A-Z]" out; then
			echo "devplan $cmd --help: value names in capitals" >&2
			exit 1
		fi
	done <cmds
'

test_expect_success 'every command -h is its --help' '
	while read cmd; do
		devplan $cmd --help >expect &&
		devplan $cmd -h >actual &&
		test_cmp expect actual || exit 1
	done <cmds
'

test_expect_success 'every command lists its options for completion' '
	while read cmd; do
		devplan $cmd --complete-opts >out || exit 1
		test_grep "^--help$" out || exit 1
	done <cmds &&
	cat >expect <<-\EOF &&
	--status=
	--all
	--all-status
	--format=
	--help
	EOF
	devplan goals --complete-opts >actual &&
	test_cmp expect actual
'

test_expect_success 'every command has a man page, listed in the build' '
	while read cmd; do
		page="$MAN/devplan-$cmd.1.scd"
		test -s "$page" || {
			echo "missing or empty: man/devplan-$cmd.1.scd" >&2; exit 1; }
		head -n 1 "$page" >first &&
		echo "devplan-$cmd(1)" >expect &&
		test_cmp expect first || exit 1
		test_grep "^  .devplan-$cmd.1.,$" "$MAN/meson.build" || exit 1
	done <cmds
'

test_expect_success 'every command man page names a command' '
	for page in "$MAN"/devplan-*.1.scd; do
		name=$(basename "$page" .1.scd) &&
		name=${name#devplan-} &&
		test_grep "^$name$" cmds || exit 1
	done
'

test_expect_success SCDOC 'every man page is valid scdoc' '
	for page in "$MAN"/*.scd; do
		scdoc <"$page" >/dev/null || {
			echo "scdoc refuses $page" >&2; exit 1; }
	done
'

test_expect_success 'devplan(1) lists every command' '
	while read cmd; do
		test_grep "devplan-$cmd" "$MAN/devplan.1.scd" || exit 1
	done <cmds
'

test_expect_success 'the completion scripts ask the binary' '
	test_grep "list-cmds" "$COMPLETIONS/bash/devplan" &&
	test_grep "list-cmds" "$COMPLETIONS/zsh/_devplan" &&
	test_grep "list-cmds" "$COMPLETIONS/fish/devplan.fish" &&
	test_grep "complete-opts" "$COMPLETIONS/bash/devplan" &&
	test_grep "complete-opts" "$COMPLETIONS/zsh/_devplan" &&
	test_grep "complete-opts" "$COMPLETIONS/fish/devplan.fish" &&
	for f in bash/devplan zsh/_devplan fish/devplan.fish; do
		test_grep "complete people" "$COMPLETIONS/$f" &&
		test_grep "complete goals" "$COMPLETIONS/$f" &&
		test_grep -v "rev-parse --show-toplevel" "$COMPLETIONS/$f" || exit 1
	done
'

# bash_complete WORDS...: what bash completes for the last (partial) word.
bash_complete() {
	bash -c '
		if [ -f /usr/share/bash-completion/bash_completion ]; then
			. /usr/share/bash-completion/bash_completion
		fi
		. "$0" || exit 1
		fn=$(complete -p devplan | sed -n "s/.*-F \([^ ]*\).*/\1/p")
		[ -n "$fn" ] || { echo "no completion function for devplan" >&2; exit 1; }
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		"$fn" devplan "$cur" "$prev"
		printf "%s\n" "${COMPREPLY[@]}"
	' "$COMPLETIONS/bash/devplan" "$@"
}

test_expect_success BASH 'bash completes every command' '
	bash_complete devplan "" >out &&
	sed -e "s/ *$//" out | LC_ALL=C sort -u >actual &&
	test_cmp cmds actual
'

test_expect_success BASH 'bash completes a command option from the binary' '
	bash_complete devplan goals --st >out &&
	test_grep "^--status" out &&
	test_grep -v "^--all" out
'

test_expect_success FISH 'fish completes every command' '
	fish -c "source $COMPLETIONS/fish/devplan.fish; complete -C \"devplan \"" >out &&
	cut -f 1 out | LC_ALL=C sort -u >actual &&
	test_cmp cmds actual
'

test_expect_success FISH 'fish completes a command option from the binary' '
	fish -c "source $COMPLETIONS/fish/devplan.fish; complete -C \"devplan goals --st\"" >out &&
	test_grep "^--status" out
'

test_done
