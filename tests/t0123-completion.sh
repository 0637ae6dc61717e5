#!/bin/sh
test_description='completion asks the binary for names, in the flat and the grouped layout'
. "$TEST_SRCDIR/test-lib.sh"

: "${PROJECT_ROOT:=$TEST_SRCDIR/..}"
COMPLETIONS="$PROJECT_ROOT/completions"
# The completion scripts ask the binary: put it first on PATH.
BINDIR=$(cd "$(dirname "$DEVPLAN")" && pwd)
PATH="$BINDIR:$PATH"
export PATH

# bash_complete WORDS...: what bash completes for the last (partial) word,
# sorted, one a line.
bash_complete() {
	bash -c '
		. "$0" || exit 1
		fn=$(complete -p devplan | sed -n "s/.*-F \([^ ]*\).*/\1/p")
		[ -n "$fn" ] || { echo "no completion function for devplan" >&2; exit 1; }
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		COMP_WORDBREAKS=" "
		"$fn" devplan "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"
	' "$COMPLETIONS/bash/devplan" "$@" | sed -e "s/ *\$//" | LC_ALL=C sort
}

# setup LAYOUT: a plan in ./LAYOUT with people alice and bob, a goal, a
# role and a competency.
setup_layout() {
	devplan init "$1" --org Acme --layout "$1" >/dev/null &&
	(cd "$1" &&
	 devplan new-competency systems-programming --name S --category technical >/dev/null &&
	 devplan new-role engineer --title Engineer >/dev/null &&
	 devplan new-person alice --name Alice --email author@example.com >/dev/null &&
	 devplan new-person bob --name Bob --email bob@example.com >/dev/null &&
	 devplan new-goal "Learn Rust" >/dev/null)
}

test_expect_success 'setup: a flat and a grouped plan' '
	setup_layout flat &&
	setup_layout grouped &&
	test -f grouped/people/79/alice/profile.md
'

for layout in flat grouped
do
	test_expect_success "devplan --complete lists names ($layout)" '
		cd '$layout' &&
		printf "%s\n" alice bob >expect &&
		devplan --complete people >actual &&
		test_cmp expect actual &&
		echo alice/learn-rust >expect &&
		devplan --complete goals >actual &&
		test_cmp expect actual &&
		devplan --complete goals alice >actual &&
		test_cmp expect actual &&
		devplan --complete goals bob >actual &&
		test_cmp /dev/null actual &&
		echo engineer >expect &&
		devplan --complete roles >actual &&
		test_cmp expect actual &&
		echo systems-programming >expect &&
		devplan --complete competencies >actual &&
		test_cmp expect actual
	'

	test_expect_success BASH "bash completes people, goals, roles, competencies ($layout)" '
		cd '$layout' &&
		printf "%s\n" alice bob >expect &&
		bash_complete devplan goals "" >actual &&
		test_cmp expect actual &&
		printf "%s\n" alice/ >expect &&
		bash_complete devplan accept al >actual &&
		test_cmp expect actual &&
		echo alice/learn-rust >expect &&
		bash_complete devplan progress alice/ >actual &&
		test_cmp expect actual &&
		echo engineer >expect &&
		bash_complete devplan new-person carol --role "" >actual &&
		test_cmp expect actual &&
		echo systems-programming >expect &&
		bash_complete devplan new-goal --competency "" >actual &&
		test_cmp expect actual &&
		bash_complete devplan set alice n >actual &&
		echo name= >expect &&
		test_cmp expect actual
	'

	test_expect_success BASH "bash completion honours -C ($layout)" '
		printf "%s\n" alice bob >expect &&
		bash_complete devplan -C '$layout' goals "" >actual &&
		test_cmp expect actual
	'

	test_expect_success FISH "fish completes people and goals ($layout)" '
		cd '$layout' &&
		fish -c "source $COMPLETIONS/fish/devplan.fish; complete -C \"devplan goals \"" >out &&
		cut -f 1 out | LC_ALL=C sort >actual &&
		printf "%s\n" alice bob >expect &&
		test_cmp expect actual &&
		fish -c "source $COMPLETIONS/fish/devplan.fish; complete -C \"devplan show alice/\"" >out &&
		cut -f 1 out >actual &&
		echo alice/learn-rust >expect &&
		test_cmp expect actual
	'

	test_expect_success ZSH "zsh completes people and goals ($layout)" '
		cd '$layout' &&
		zsh -f -c "
			_wanted() { shift 3; \"\$@\"; }
			compadd() {
				while [[ \$1 == -* ]]; do
					case \$1 in -a) print -l -- \${(P)2}; shift 2; continue ;; -S) shift ;; esac
					shift
				done
			}
			source $COMPLETIONS/zsh/_devplan >/dev/null 2>&1
			typeset -a dpC  # as _devplan declares it
			__devplan_people
			PREFIX=alice/ __devplan_goals
		" >actual &&
		printf "%s\n" alice bob alice/learn-rust >expect &&
		test_cmp expect actual
	'
done

test_expect_success 'outside a repository --complete prints nothing, exit 0' '
	run_outside_repo "$DEVPLAN" --complete people >out 2>err &&
	test_cmp /dev/null out &&
	test_cmp /dev/null err
'

test_expect_success '--complete with an unknown kind is a usage error' '
	test_expect_code 2 devplan --complete bogus 2>err &&
	echo "devplan: error: usage: devplan --complete people|goals [<person>]|roles|competencies" >expect &&
	test_cmp expect err
'

test_expect_success 'no text still says person folders are grouped by their first letters' '
	! grep -rn -i -e "first two \(characters\|letters\)" -e "two letters" \
		"$PROJECT_ROOT/man" "$PROJECT_ROOT/completions" "$PROJECT_ROOT/README.md"
'

test_done
