#!/bin/sh
test_description='devplan render: hostile records stay inert; check refuses what cmark cannot bound'
. "$TEST_SRCDIR/test-lib.sh"

write_goal() {
	mkdir -p "people/$1/goals" &&
	cat >"people/$1/goals/$2.md"
}

test_expect_success 'setup: goals written to attack the site' '
	setup_plan &&
	cd plan &&
	write_goal alice evil <<-\EOF &&
	---
	title: "\"><script>alert(1)</script>"
	status: active
	created: 2026-11-01
	due: 2027-01-01
	progress: 10
	actions:
	  - title: "<img src=x onerror=alert(2)>"
	    resource: "javascript:alert(3)"
	success: "</p><script>alert(4)</script>"
	---
	<script>alert(5)</script>

	<div onclick="alert(6)">raw block</div>

	[click](javascript:alert(7)) [vb](vbscript:msgbox(8)) [tab](java	script:alert(9))
	[data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.com/a?b=1&c=2)
	[mail](mailto:a@example.com) [rel](../bob/index.html)

	![img](javascript:alert(10))

	Inline <b onmouseover="alert(11)">bold</b> and :@a.com.
	EOF
	git add people && git commit -q -m evil
'

test_expect_success 'render succeeds' '
	cd plan &&
	devplan render -o site >out 2>err
'

test_expect_success 'no script element, event handler or script URL reaches a page' '
	cd plan &&
	for f in $(find site -name "*.html"); do
		if grep -i "<script\|<img[^>]*onerror\|<div onclick\|<b onmouseover\|href=\"javascript:\|href=\"vbscript:\|href=\"data:\|src=\"javascript:" $f; then
			echo "unsafe markup in $f" >&2; exit 1
		fi
	done
'

test_expect_success 'the hostile title is shown as text' '
	cd plan &&
	test_grep "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\|\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;" site/people/alice/goals/evil.html &&
	test_grep "<title>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt; " site/people/alice/goals/evil.html
'

test_expect_success 'raw HTML in a body is shown escaped' '
	cd plan &&
	test_grep "&lt;script&gt;alert(5)&lt;/script&gt;" site/people/alice/goals/evil.html &&
	test_grep "&lt;div onclick=&quot;alert(6)&quot;&gt;raw block" site/people/alice/goals/evil.html
'

test_expect_success 'safe links stay, unsafe ones lose their target' '
	cd plan &&
	g=site/people/alice/goals/evil.html &&
	test_grep "<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>" $g &&
	test_grep "<a href=\"mailto:a@example.com\">mail</a>" $g &&
	test_grep "<a href=\"../bob/index.html\">rel</a>" $g &&
	test_grep "<a href=\"\">click</a>" $g &&
	test_grep "<a href=\"\">vb</a>" $g &&
	test_grep "<a href=\"\">data</a>" $g &&
	test_grep -v "alert(3)</a>" $g
'

test_expect_success 'a table wider than 100 columns: check refuses it at its line' '
	cd plan &&
	python3 -c "
print(\"---\\ntitle: Wide\\nstatus: active\\ncreated: 2026-11-01\\n---\\nIntro\\n\")
print(\"|\".join([\"a\"] * 4000))
print(\"|\".join([\"-\"] * 4000))" >people/alice/goals/wide.md &&
	test_expect_code 1 devplan check >out &&
	test_grep "^people/alice/goals/wide.md:8:[0-9]*: body: table row has more than 100 cells$" out
'

test_expect_success 'deep nesting: check refuses it' '
	cd plan &&
	python3 -c "
print(\"---\\ntitle: Deep\\nstatus: active\\ncreated: 2026-11-01\\n---\")
print(\">\" * 200 + \" deep\")
print(\"[\" * 5000 + \"x\")" >people/alice/goals/deep.md &&
	test_expect_code 1 devplan check >out &&
	test_grep "^people/alice/goals/deep.md:6:1: body: nesting deeper than 32 levels$" out
'

test_expect_success 'render shows refused bodies as text, fast, with a warning' '
	cd plan &&
	start=$(date +%s) &&
	devplan render -o site2 >out 2>err &&
	end=$(date +%s) &&
	test $((end - start)) -lt 10 &&
	test_grep "wide.md:8:[0-9]*: warning: body: table row has more than 100 cells (shown as plain text)" err &&
	test_grep "<pre class=\"refused\">" site2/people/alice/goals/wide.html &&
	test_grep -v "<table>" site2/people/alice/goals/wide.html
'

test_expect_success 'render refuses to write among the records' '
	cd plan &&
	git status --porcelain >../before &&
	for o in . people people/alice ./framework/ .git sub/../people "$(pwd)/people/../framework/x"; do
		test_expect_code 2 devplan render -o "$o" >../out 2>../err &&
		test_grep "holds the plan${SQ}s own files: render into a folder of its own" ../err || exit 1
	done &&
	test ! -e sub &&
	git status --porcelain >../after &&
	test_cmp ../before ../after
'

test_done
