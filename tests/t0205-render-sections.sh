#!/bin/sh
test_description='devplan render: career map, SWOT, skills gap, journal, comments, conversations and notes on the person page'
. "$TEST_SRCDIR/test-lib.sh"

test_lazy_prereq TIDY 'tidy is not installed' 'command -v tidy'

test_expect_success 'setup: a whole plan for alice' '
	setup_plan &&
	cd plan &&
	devplan new-competency rust --name "Rust <lang>" --category technical >/dev/null &&
	devplan new-role senior --title "Senior Engineer" --level 2 \
		--require systems-programming=4 --require rust=5 >/dev/null &&
	devplan set engineer next=senior >/dev/null &&
	devplan new-goal "Learn Rust" --due 2027-06-30 >/dev/null &&
	devplan assess systems-programming=2/4 >/dev/null &&
	devplan career-map add up senior --horizon "1-2 years" --why "I <3 design" >/dev/null &&
	devplan career-map add lateral "Platform & tools" >/dev/null &&
	devplan career-map add explore "<script>alert(1)</script>" >/dev/null &&
	devplan swot add strength "Deep <b>storage</b> knowledge" >/dev/null &&
	devplan swot add weakness "Public speaking" >/dev/null &&
	devplan swot add opportunity "The rewrite" >/dev/null &&
	devplan journal -m "Read <chapter> 9" --hours 1.5 --date 2026-10-03 >/dev/null &&
	devplan journal -m "Paired" --hours 2 --date 2026-10-20 >/dev/null &&
	devplan journal -m "Talk" --hours 3 --date 2026-11-02 >/dev/null &&
	devplan --as bob comment alice/learn-rust -m "Nice <em>start</em>" >/dev/null &&
	devplan --as carol comment alice/learn-rust --kudos -m "Great talk" >/dev/null &&
	mkdir -p people/alice/conversations people/alice/notes &&
	cat >people/alice/conversations/2026-11-20.md <<-\EOF &&
	---
	date: 2026-11-20
	with: [bob]
	items:
	  - id: a1b2
	    text: "Review <the> plan"
	    done: true
	  - id: c3d4
	    text: Pick a mentor
	---
	EOF
	cat >people/alice/notes/2026-11-21-reading.md <<-\EOF &&
	---
	title: "Reading list <2027>"
	created: 2026-11-21
	---
	Books.
	EOF
	git add people && git commit -q -m "conversation and note by hand" &&
	devplan check &&
	devplan render -o site >/dev/null
'

test_expect_success 'sections come in order, each under its heading' '
	cd plan &&
	p=site/people/alice/index.html &&
	grep -o "<h2>[^<]*</h2>" $p >actual &&
	cat >expect <<-\EOF &&
	<h2>Profile</h2>
	<h2>Career map</h2>
	<h2>SWOT</h2>
	<h2>Goals</h2>
	<h2>Skills and the gap to the next role</h2>
	<h2>Learning journal</h2>
	<h2>Conversations</h2>
	<h2>Notes</h2>
	EOF
	test_cmp expect actual
'

test_expect_success 'career map: a diagram with role titles, kinds in words, escaped ideas' '
	cd plan &&
	p=site/people/alice/index.html &&
	test_grep "<svg class=\"career\"" $p &&
	test_grep "aria-label=\"Career directions: 1 up, 1 lateral, 1 to explore\"" $p &&
	test_grep "<g class=\"current\">.*>now</text><text [^>]*>Engineer</text>" $p &&
	test_grep "<g class=\"dir up role\">.*>up</text><text [^>]*>Senior Engineer</text>" $p &&
	test_grep "<g class=\"dir lateral idea\">.*>Platform &amp; tools</text>" $p &&
	test_grep "<g class=\"dir explore idea\">.*&lt;script&gt;alert(1)&lt;/" $p &&
	test_grep "<span class=\"dirtype\">up</span> <a href=\"../../framework/roles.html#role-senior\">Senior Engineer</a> <span class=\"meta\">(1-2 years)</span>: I &lt;3 design" $p &&
	test_grep -v "<script>" $p
'

test_expect_success 'SWOT: a 2x2 grid of four named quadrants, text escaped' '
	cd plan &&
	p=site/people/alice/index.html &&
	test_grep "<section class=\"kind-swot\" id=\"swot\">" $p &&
	test_grep "<div class=\"swot\">" $p &&
	test $(grep -c "<div class=\"quadrant " $p) = 4 &&
	test_grep "<div class=\"quadrant strengths\">" $p &&
	test_grep "<h3>Threats</h3>" $p &&
	test_grep "<li>Deep &lt;b&gt;storage&lt;/b&gt; knowledge</li>" $p &&
	sed -n "/quadrant threats/,/<\/div>/p" $p >threats &&
	test_grep "None yet" threats &&
	grep -q "^.swot { display: grid; grid-template-columns: 1fr 1fr; " site/style.css
'

test_expect_success 'skills: own table and the gap to the target role, unassessed is unknown not 0' '
	cd plan &&
	p=site/people/alice/index.html &&
	test_grep "<h3>Gap to <a href=\"../../framework/roles.html#role-senior\">Senior Engineer</a></h3>" $p &&
	test_grep "<svg class=\"gap\"" $p &&
	test_grep "<tr><th scope=\"row\">Systems programming</th><td>4</td><td>2</td><td>2</td></tr>" $p &&
	test_grep "<tr><th scope=\"row\">Rust &lt;lang&gt;</th><td>5</td><td class=\"unknown\">unknown</td><td>unknown</td></tr>" $p &&
	test_grep "<rect class=\"unknown\"" $p &&
	test_grep ">unknown</text>" $p &&
	test_grep "<rect class=\"self\" x=\"170\" y=\"[0-9]*\" width=\"72\"" $p
'

test_expect_success 'journal: hours per month, in order, and latest entries escaped' '
	cd plan &&
	p=site/people/alice/index.html &&
	test_grep "<svg class=\"hours\"" $p &&
	test_grep "<ul class=\"months\"><li>2026-10: 3.5 h</li><li>2026-11: 3.0 h</li></ul>" $p &&
	test_grep "<time datetime=\"2026-10-03\">2026-10-03</time> (1.5 h): Read &lt;chapter&gt; 9" $p
'

test_expect_success 'comments: a thread under the goal, kudos marked in words' '
	cd plan &&
	for p in site/people/alice/index.html site/people/alice/goals/learn-rust.html; do
		test_grep "<h4>Comments (2)</h4>" $p &&
		test_grep "Bob Manager</a> <span class=\"meta\">(manager)</span>" $p &&
		test_grep "<p>Nice &lt;em&gt;start&lt;/em&gt;</p>" $p &&
		test_grep "<li class=\"comment depth-0 kudos\"><span class=\"badge\">★ Kudos</span>" $p || exit 1
	done &&
	test_grep -v "<h2>Comment" site/people/alice/index.html
'

test_expect_success 'conversations and notes' '
	cd plan &&
	p=site/people/alice/index.html &&
	test_grep "<h3>2026-11-20 with <a href=\"../../people/bob/index.html\">Bob Manager</a></h3>" $p &&
	test_grep "<span class=\"sr\">Done: </span>Review &lt;the&gt; plan" $p &&
	test_grep "<span class=\"sr\">Open: </span>Pick a mentor" $p &&
	test_grep "<h3>Reading list &lt;2027&gt;</h3>" $p &&
	test_grep "<p class=\"meta\">Written 2026-11-21</p>" $p
'

test_expect_success 'every relative link of the site leads to a page that exists' '
	cd plan &&
	python3 - site <<-\PY
	import os, re, sys
	root = sys.argv[1]
	bad = []
	for d, _, files in os.walk(root):
	    for f in files:
	        if not f.endswith(".html"):
	            continue
	        page = os.path.join(d, f)
	        for h in re.findall(r"(?:href|src)=\"([^\"#]+)", open(page, encoding="utf-8").read()):
	            if re.match(r"[a-z]+:", h):
	                continue
	            if not os.path.exists(os.path.normpath(os.path.join(d, h))):
	                bad.append("%s -> %s" % (page, h))
	    pass
	print("\n".join(bad))
	sys.exit(1 if bad else 0)
	PY
'

test_expect_success 'the sections render deterministically' '
	cd plan &&
	devplan render -o site2 >/dev/null &&
	diff -r site site2
'

test_expect_success TIDY 'tidy finds no errors or warnings in the pages with the new sections' '
	cd plan &&
	for f in site/people/alice/index.html site/people/alice/goals/learn-rust.html; do
		tidy -errors -quiet $f >/dev/null 2>tidy.out ||
		{ echo "$f:" >&2; cat tidy.out >&2; exit 1; }
	done
'

test_done
