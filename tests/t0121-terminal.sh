#!/bin/sh
test_description='record text never reaches the terminal raw'
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

test_done
