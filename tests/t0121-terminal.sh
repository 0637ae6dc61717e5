#!/bin/sh
test_description='record text never reaches the terminal raw; the pager is chosen like git'
. "$TEST_SRCDIR/test-lib.sh"

# write_goal SLUG TITLE-AS-YAML [DUE-AS-YAML]: alice's goal, by hand.
write_goal() {
	mkdir -p plan/people/alice/goals &&
	printf -- "---\ntitle: %s\nstatus: active\ntype: skill\ncreated: 2026-11-01\nprogress: 10\n%s---\n" \
		"$2" "${3:+due: $3
}" >"plan/people/alice/goals/$1.md"
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	echo /paged.out >>plan/.git/info/exclude &&
	write_goal evil "\"A\\e[2J\\a\\r\\nf:1:1: error: x\\x7f\\x9b31m\\u202Eabc\\t.\"" &&
	printf "Body\033[2J\033]0;title\007 \302\233 end\n\tnext\n" >>plan/people/alice/goals/evil.md &&
	(cd plan && git add people && git commit -q -m "by hand")
'

test_expect_success 'a table cell shows control characters as escapes' '
	(cd plan && devplan goals) >out &&
	cat >expect <<-\EOF &&
	GOAL        STATUS  PROGRESS  DUE  TITLE
	alice/evil  active  10%       -    A\e[2J\a\r\nf:1:1: error: x\x7f\u{9b}31m\u{202e}abc\t.
	EOF
	test_cmp expect out
'

test_expect_success 'a long title is cut at 60 columns with an ellipsis' '
	write_goal long "$(printf "%070d" 0)" &&
	write_goal wide "$(printf "%035d" 0 | sed -e "s/0/漢/g")" &&
	(cd plan && devplan goals) >out &&
	printf "alice/long  active  10%%       -    %059d…\n" 0 >expect &&
	printf "alice/wide  active  10%%       -    %s…\n" \
		"$(printf "%029d" 0 | sed -e "s/0/漢/g")" >>expect &&
	grep -e "^alice/long" -e "^alice/wide" out >actual &&
	test_cmp expect actual &&
	rm plan/people/alice/goals/long.md plan/people/alice/goals/wide.md
'

test_expect_success 'an error message shows control characters as escapes' '
	(cd plan && test_expect_code 1 devplan show "$(printf "x\\033[2Jy\\rz")") 2>err &&
	cat >expect <<-\EOF &&
	devplan: error: unknown person '"'"'x\e[2Jy\rz'"'"'
	EOF
	test_cmp expect err
'

test_expect_success 'a line feed in a finding does not start a line of its own' '
	write_goal forged "Forged" "\"2027-13-45\\nfoo.md:1:1: error: forged\"" &&
	(cd plan && test_expect_code 1 devplan check people/alice/goals/forged.md) >out 2>err &&
	cat >expect <<-\EOF &&
	people/alice/goals/forged.md:7:6: due: '"'"'2027-13-45\nfoo.md:1:1: error: forged'"'"' is not a date
	EOF
	test_cmp expect out &&
	(cd plan && test_expect_code 1 devplan progress alice/forged 20) 2>err &&
	test_grep -v "^foo.md" err &&
	rm plan/people/alice/goals/forged.md
'

test_expect_success PTY 'show on a terminal escapes control characters, keeps lines' '
	(cd plan && DEVPLAN_PAGER=cat test_terminal "$DEVPLAN" show alice/evil) >out &&
	tail -n 2 out >actual &&
	printf "%s\n" "Body\\e[2J\\e]0;title\\a \\u{9b} end" "	next" >expect &&
	test_cmp expect actual &&
	test_grep "^status: active$" out &&
	(cd plan && devplan show alice/evil) >out &&
	test_cmp plan/people/alice/goals/evil.md out
'

# Pagers that mark each line, and a "less" that does.
test_expect_success 'setup: marking pagers' '
	mkdir bin &&
	printf "#!/bin/sh\nsed -e s/^/less:/\n" >bin/less &&
	chmod +x bin/less
'

# paged [VAR=VALUE...]: the first line of devplan goals on a terminal,
# with the fake less first on PATH, no pager variable but those given.
paged() {
	(
		cd plan && unset PAGER DEVPLAN_PAGER &&
		PATH="$TRASH_DIRECTORY/bin:$PATH" &&
		for a in "$@"; do export "$a" || exit 1; done &&
		test_terminal "$DEVPLAN" goals
	) >paged.out &&
	head -n 1 paged.out | cut -d " " -f 1
}

test_expect_success PTY 'the pager: less by default, PAGER instead' '
	test "$(paged)" = less:GOAL &&
	test "$(paged PAGER="sed -e s/^/env:/")" = env:GOAL
'

test_expect_success PTY 'an empty PAGER or DEVPLAN_PAGER means no pager' '
	test "$(paged PAGER=)" = GOAL &&
	test "$(paged DEVPLAN_PAGER=)" = GOAL &&
	test "$(paged DEVPLAN_PAGER= PAGER="sed -e s/^/env:/")" = GOAL
'

test_expect_success PTY 'core.pager comes after DEVPLAN_PAGER, before PAGER' '
	test_when_finished "git -C plan config --unset core.pager" &&
	git -C plan config core.pager "sed -e s/^/core:/" &&
	test "$(paged)" = core:GOAL &&
	test "$(paged PAGER="sed -e s/^/env:/")" = core:GOAL &&
	test "$(paged DEVPLAN_PAGER="sed -e s/^/dp:/")" = dp:GOAL &&
	git -C plan config core.pager "" &&
	test "$(paged PAGER="sed -e s/^/env:/")" = GOAL
'

test_expect_success PTY 'core.pager from the global git config counts too' '
	test_when_finished "git config --global --unset core.pager" &&
	git config --global core.pager "sed -e s/^/global:/" &&
	test "$(paged)" = global:GOAL
'

test_expect_success PTY '--no-pager wins over core.pager' '
	test_when_finished "git -C plan config --unset core.pager" &&
	git -C plan config core.pager "sed -e s/^/core:/" &&
	(cd plan && PATH="$TRASH_DIRECTORY/bin:$PATH" test_terminal "$DEVPLAN" --no-pager goals) >out &&
	test "$(head -n 1 out | cut -d " " -f 1)" = GOAL
'

test_done
