#!/bin/sh
test_description='devplan render: pages, their content and structure'
. "$TEST_SRCDIR/test-lib.sh"

write_goal() {
	mkdir -p "people/$1/goals" &&
	cat >"people/$1/goals/$2.md"
}

test_expect_success 'setup: a plan with goals, a lattice, a team' '
	setup_plan &&
	cd plan &&
	devplan new-role senior --title "Senior Engineer" --level 2 >/dev/null &&
	devplan set framework/roles/engineer.md "next=senior" >/dev/null &&
	devplan set people/alice/profile.md "team=Platform" >/dev/null &&
	devplan --as bob set people/bob/profile.md "team=Platform" >/dev/null &&
	write_goal alice learn-rust <<-\EOF &&
	---
	title: Become fluent in Rust
	status: active
	type: skill
	created: 2026-11-01
	due: 2026-11-01
	progress: 30
	competencies: [systems-programming]
	actions:
	  - title: Read the Rust book
	    due: 2027-01-31
	    done: true
	  - title: Pair on the parser rewrite
	    done: false
	---
	Why this **matters**.

	| a | b |
	|---|---|
	| 1 | 2 |

	- [x] task done
	- [ ] task open

	~~old~~
	EOF
	write_goal carol ship <<-\EOF &&
	---
	title: Ship the thing
	status: done
	created: 2026-01-01
	due: 2026-02-01
	progress: 100
	---
	EOF
	git add people && git commit -q -m "goals by hand" &&
	devplan progress alice/learn-rust 45 >/dev/null
'

test_expect_success 'render writes every page and says where to open it' '
	cd plan &&
	devplan render -o site >out &&
	test_grep "^open site/index.html$" out &&
	for f in index.html style.css people/alice/index.html \
		people/bob/index.html people/carol/index.html \
		people/alice/goals/learn-rust.html people/carol/goals/ship.html \
		framework/competencies.html framework/roles.html \
		framework/lattice.html; do
		test -s site/$f || { echo "missing site/$f" >&2; exit 1; }
	done
'

test_expect_success 'the default folder is site/' '
	cd plan &&
	devplan render >out &&
	test -s site/index.html &&
	test_grep "into site/" out
'

test_expect_success 'the index groups people by team and manager' '
	cd plan &&
	test_grep "<h2>Platform</h2>" site/index.html &&
	test_grep "<h2>No team</h2>" site/index.html &&
	test_grep "Reporting to <a href=\"people/bob/index.html\">Bob Manager</a>" site/index.html &&
	test_grep "href=\"people/alice/goals/learn-rust.html\">Become fluent in Rust" site/index.html &&
	test_grep "Last update <time" site/index.html &&
	test_grep -v "Ship the thing" site/index.html
'

test_expect_success 'the person page: profile, goals, progress bar, overdue, actions' '
	cd plan &&
	p=site/people/alice/index.html &&
	test_grep "<html lang=\"en\">" $p &&
	test_grep "<h1>Alice Smith</h1>" $p &&
	test_grep "<h2>Profile</h2>" $p &&
	test_grep "<h2>Goals</h2>" $p &&
	test_grep "<a href=\"mailto:author@example.com\">" $p &&
	test_grep "<a href=\"../../people/bob/index.html\">Bob Manager</a>" $p &&
	test_grep "<title>45% done</title>" $p &&
	test_grep "<span class=\"pct\">45%</span>" $p &&
	test_grep "overdue</strong>" $p &&
	test_grep "<span class=\"sr\">Done: </span>Read the Rust book" $p &&
	test_grep "<span class=\"sr\">To do: </span>Pair on the parser" $p &&
	test_grep "<strong>matters</strong>" $p
'

test_expect_success 'a done goal past its date is not overdue' '
	cd plan &&
	test_grep -v "overdue</strong>" site/people/carol/index.html &&
	test_grep "status-done" site/people/carol/index.html
'

test_expect_success 'GFM tables, task lists and strikethrough render' '
	cd plan &&
	g=site/people/alice/goals/learn-rust.html &&
	test_grep "<table>" $g &&
	test_grep "type=\"checkbox\"" $g &&
	test_grep "<del>old</del>" $g
'

test_expect_success 'headings are in order on every page' '
	cd plan &&
	for f in $(find site -name "*.html"); do
		grep -o "<h[1-6]" $f | tr -d "<h" >levels &&
		awk "NR == 1 && \$1 != 1 { exit 1 }
		     NR > 1 && \$1 > prev + 1 { exit 1 } { prev = \$1 }" levels ||
		{ echo "headings out of order in $f" >&2; cat levels >&2; exit 1; }
	done
'

test_expect_success 'the goal page charts progress at each commit' '
	cd plan &&
	g=site/people/alice/goals/learn-rust.html &&
	test_grep "<h2>Progress over time</h2>" $g &&
	test_grep "<polyline class=\"line\"" $g &&
	test_grep "</time>: 30%</li><li><time" $g &&
	test_grep ": 45%</li></ol>" $g
'

test_expect_success 'render --history 0 reads no history' '
	cd plan &&
	devplan render -o nohist --history 0 >/dev/null &&
	test_grep "No history yet" nohist/people/alice/goals/learn-rust.html
'

test_expect_success 'framework pages: competencies, roles, lattice' '
	cd plan &&
	test_grep "id=\"c-systems-programming\"" site/framework/competencies.html &&
	test_grep "<h2>Technical</h2>" site/framework/competencies.html &&
	test_grep "id=\"role-engineer\"" site/framework/roles.html &&
	test_grep "href=\"#role-senior\"" site/framework/roles.html &&
	test_grep "<svg class=\"lattice\"" site/framework/lattice.html &&
	test_grep "marker-end=\"url(#arrow)\"" site/framework/lattice.html &&
	test_grep ">Senior Engineer</text>" site/framework/lattice.html
'

test_expect_success 'links are relative and point at pages that exist' '
	cd plan &&
	for f in $(find site -name "*.html"); do
		d=$(dirname $f)
		for l in $(grep -o "href=\"[^\"#]*" $f | sed "s/href=\"//"); do
			case $l in
			mailto:*) continue ;;
			http:*|https:*|/*) echo "$f: absolute link $l" >&2; exit 1 ;;
			esac
			test -e "$d/$l" || { echo "$f: broken link $l" >&2; exit 1; }
		done
	done
'

test_expect_success 'a folder devplan does not know leaves the person page as it was' '
	cd plan &&
	mkdir -p people/alice/notes &&
	printf -- "---\ntitle: x\n---\n" >people/alice/notes/x.md &&
	devplan render -o site3 >/dev/null &&
	test_grep -v "notes" site3/people/alice/index.html
'

test_expect_success 'the stylesheet has a print stylesheet and can be overridden' '
	cd plan &&
	test_grep "@media print" site/style.css &&
	mkdir -p .devplan/templates &&
	echo "body { color: red }" >.devplan/templates/style.css &&
	devplan render -o site4 >/dev/null &&
	test_cmp .devplan/templates/style.css site4/style.css
'

test_expect_success 'render outside a plan repository fails with 3' '
	test_expect_code 3 run_outside_repo "$DEVPLAN" render
'

test_expect_success 'the chart leaves out versions with no progress, and edits not committed' '
	cd plan &&
	g=people/alice/goals/learn-rust.md &&
	sed "s/^progress: .*/progress: lots/" $g >g.new && mv g.new $g &&
	git commit -q -am "a progress that is no number" &&
	sed "s/^progress: .*/progress: 60/" $g >g.new && mv g.new $g &&
	devplan render --full -o site5 >/dev/null &&
	page=site5/people/alice/goals/learn-rust.html &&
	test_grep "Progress at each of 2 commits" $page &&
	test_grep "</time>: 30%</li><li><time" $page &&
	test_grep ": 45%</li></ol>" $page &&
	git checkout -q $g
'

done_total() {
	grep -o "<li>[0-9]*-Q[1-4]: [0-9]*</li>" "$1" |
	sed "s/.*: //; s/<.*//" | awk "{ s += \$1 } END { print s + 0 }"
}

test_expect_success 'goals made done: a comment on the status line is no status' '
	cd plan &&
	devplan render --full -o site6 >/dev/null &&
	before=$(done_total site6/org.html) &&
	write_goal bob ship-a <<-\EOF &&
	---
	title: A
	status: done   # proposed | draft | active | blocked | done | dropped
	created: 2026-01-01
	progress: 100
	---
	EOF
	write_goal bob ship-b <<-\EOF &&
	---
	title: B
	status: active # not done yet
	created: 2026-01-01
	progress: 10
	---
	EOF
	git add people && git commit -q -m "two goals by hand" &&
	devplan render --full -o site6 >/dev/null &&
	test "$(done_total site6/org.html)" = $((before + 1))
'

test_done
