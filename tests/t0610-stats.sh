#!/bin/sh
test_description='devplan stats and the org page: figures over everyone, never about anyone'
. "$TEST_SRCDIR/test-lib.sh"

test_lazy_prereq TIDY 'tidy is not installed' 'command -v tidy'
test_lazy_prereq PYTHON 'python3 is not installed' 'command -v python3'

# at DAY devplan-args...: devplan with its commit dated DAY (10:00 UTC).
at() {
	_day=$1
	shift
	env GIT_AUTHOR_DATE="$_day 10:00:00 +0000" \
		GIT_COMMITTER_DATE="$_day 10:00:00 +0000" "$DEVPLAN" "$@"
}

# Every person's id and name, to be sure none of them is printed.
IDS='alice bob carol dave erin frank'
NAMES='Alice Smith|Bob Manager|Carol Jones|Dave Data|Erin Solo|Frank Data'

no_person_in() {
	for id in $IDS; do
		if grep -i -w "$id" "$1"; then
			echo "person id '$id' in $1" >&2
			return 1
		fi
	done
	if grep -i -E "$NAMES" "$1"; then
		echo "a person's name in $1" >&2
		return 1
	fi
}

# Today is 2026-11-22 (test-lib): 90 days before is 2026-08-24; the
# quarters shown are 2026-Q1..Q4, the months 2025-12..2026-11.
test_expect_success 'setup: six people, two teams and one alone, a history' '
	at 2026-05-01 init plan --org Acme >/dev/null &&
	cd plan &&
	at 2026-05-01 new-competency systems-programming \
		--name "Systems programming" --category technical >/dev/null &&
	at 2026-05-01 new-competency rust --name Rust \
		--category technical >/dev/null &&
	at 2026-05-01 new-role senior --title Senior \
		--require systems-programming=4 --require rust=3 >/dev/null &&
	at 2026-05-01 new-role engineer --title Engineer \
		--require systems-programming=2 --next senior >/dev/null &&
	at 2026-05-01 new-person bob --name "Bob Manager" \
		--email bob@example.com --role engineer --team platform >/dev/null &&
	at 2026-05-01 new-person alice --name "Alice Smith" \
		--email author@example.com --role engineer --manager bob \
		--team platform >/dev/null &&
	at 2026-05-01 new-person carol --name "Carol Jones" \
		--email carol@example.com --manager bob --team platform >/dev/null &&
	at 2026-05-01 new-person dave --name "Dave Data" \
		--email dave@example.com --role senior --team data >/dev/null &&
	at 2026-05-01 new-person frank --name "Frank Data" \
		--email frank@example.com --team data >/dev/null &&
	at 2026-05-01 new-person erin --name "Erin Solo" \
		--email erin@example.com >/dev/null &&
	at 2026-05-01 new-goal "Learn Rust" >/dev/null &&
	at 2026-10-01 progress learn-rust 40 >/dev/null &&
	at 2026-05-01 --as bob new-goal "Coach the team" >/dev/null &&
	at 2026-05-01 --as carol new-goal "Ship the parser" >/dev/null &&
	at 2026-06-15 --as carol done carol/ship-the-parser >/dev/null &&
	at 2026-11-18 --as bob new-goal --for carol "Run the release" >/dev/null &&
	at 2026-05-01 --as dave new-goal "Tune the cluster" >/dev/null &&
	at 2026-05-01 --as dave new-goal "Write the runbook" >/dev/null &&
	at 2026-11-18 --as dave done dave/write-the-runbook >/dev/null &&
	at 2026-09-01 --as frank new-goal "Learn SQL" >/dev/null &&
	at 2026-11-18 --as frank career-map add up engineer >/dev/null &&
	at 2026-11-18 journal -m "Read a chapter" --hours 1.5 \
		--date 2026-10-05 >/dev/null &&
	at 2026-11-18 journal -m "Paired on the parser" \
		--date 2026-10-06 >/dev/null &&
	at 2026-11-18 --as erin journal -m "A course" --hours 2 \
		--date 2026-11-10 >/dev/null &&
	at 2026-11-18 --as erin journal -m "Long ago" --hours 3 \
		--date 2025-06-01 >/dev/null &&
	at 2026-11-18 assess rust=3 systems-programming=2 >/dev/null &&
	at 2026-11-18 --as dave assess systems-programming=5 rust=2 >/dev/null &&
	at 2026-11-18 --as erin assess rust=4 >/dev/null
'

test_expect_success 'stats: the figures of everyone, as tables' '
	cd plan &&
	devplan stats >actual &&
	cat >expect <<-\EOF &&
	Organisation as of 2026-11-22

	people                   6
	with an active plan      4 (66.7% of people)
	not updated for 90 days  1 (25.0% of active plans)
	proposals waiting        1

	QUARTER  GOALS DONE
	2026-Q1  0
	2026-Q2  1
	2026-Q3  0
	2026-Q4  1

	MONTH    LEARNING HOURS  JOURNAL ENTRIES
	2025-12  0.0             0
	2026-01  0.0             0
	2026-02  0.0             0
	2026-03  0.0             0
	2026-04  0.0             0
	2026-05  0.0             0
	2026-06  0.0             0
	2026-07  0.0             0
	2026-08  0.0             0
	2026-09  0.0             0
	2026-10  1.5             2
	2026-11  2.0             1

	TEAM             PEOPLE  ACTIVE PLANS  NOT UPDATED  PROPOSALS
	platform         3       2             1            1
	(smaller teams)  3       2             0            0

	COMPETENCY           LEVEL  DEMAND  SUPPLY
	rust                 3      2       2
	systems-programming  2      1       2
	systems-programming  4      2       1
	EOF
	test_cmp expect actual &&
	no_person_in actual
'

test_expect_success 'a plan changed 89 days ago is not stale; 90 days ago it is' '
	cd plan &&
	DEVPLAN_TODAY=2027-02-15 devplan stats >actual &&
	test_grep "^not updated for 90 days  1 (25.0% of active plans)$" actual &&
	DEVPLAN_TODAY=2027-02-16 devplan stats >actual &&
	test_grep "^not updated for 90 days  4 (100.0% of active plans)$" actual
'

test_expect_success PYTHON '--format json: the same figures, documented keys' '
	cd plan &&
	devplan stats --format json >out.json &&
	python3 - out.json <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["schema"] == 1, d["schema"]
	assert d["today"] == "2026-11-22"
	assert d["team"] is None and d["history"] is True
	assert d["people"] == 6
	assert d["active_plans"] == {"count": 4, "of": 6, "share": 0.667}, d["active_plans"]
	assert d["stale_days"] == 90
	assert d["stale_plans"] == {"count": 1, "of": 4, "share": 0.25}, d["stale_plans"]
	assert d["proposals_waiting"] == 1
	assert d["goals_done"] == [{"quarter": "2026-Q%d" % q, "done": n}
		for q, n in ((1, 0), (2, 1), (3, 0), (4, 1))], d["goals_done"]
	months = {m["month"]: (m["hours"], m["entries"]) for m in d["learning"]}
	assert len(d["learning"]) == 12 and d["learning"][0]["month"] == "2025-12"
	assert months["2026-10"] == (1.5, 2) and months["2026-11"] == (2.0, 1), months
	assert sum(h for h, _ in months.values()) == 3.5
	assert d["teams"] == [
		{"team": "platform", "people": 3, "active_plans": 2,
		 "stale_plans": 1, "proposals_waiting": 1},
		{"team": None, "people": 3, "active_plans": 2,
		 "stale_plans": 0, "proposals_waiting": 0}], d["teams"]
	assert d["competencies"] == [
		{"competency": "rust", "level": 3, "demand": 2, "supply": 2},
		{"competency": "systems-programming", "level": 2, "demand": 1, "supply": 2},
		{"competency": "systems-programming", "level": 4, "demand": 2, "supply": 1},
	], d["competencies"]
	EOF
	no_person_in out.json
'

test_expect_success PYTHON '--team: the figures of one team, no team rows' '
	cd plan &&
	devplan stats --team platform >actual &&
	test_grep "^Team as of 2026-11-22$" actual &&
	test_grep "^people                   3$" actual &&
	test_grep "^with an active plan      2 (66.7% of people)$" actual &&
	test_grep "^not updated for 90 days  1 (50.0% of active plans)$" actual &&
	test_grep -v "^TEAM" actual &&
	no_person_in actual &&
	devplan stats --team platform --format json >out.json &&
	python3 - out.json <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["team"] == "platform" and d["people"] == 3
	assert d["proposals_waiting"] == 1
	assert [q["done"] for q in d["goals_done"]] == [0, 1, 0, 0], d["goals_done"]
	months = {m["month"]: (m["hours"], m["entries"]) for m in d["learning"]}
	assert months["2026-10"] == (1.5, 2) and months["2026-11"] == (0.0, 0)
	assert d["teams"] == []
	assert [(c["demand"], c["supply"]) for c in d["competencies"]] == \
		[(2, 1), (0, 1), (2, 0)], d["competencies"]
	EOF
	no_person_in out.json
'

test_expect_success '--team: a team of fewer than 3, or of nobody, is refused' '
	cd plan &&
	test_expect_code 1 devplan stats --team data >out 2>err &&
	test ! -s out &&
	test_grep "devplan: error: team .data. has fewer than 3 people" err &&
	test_expect_code 1 devplan stats --team nobody 2>err &&
	test_grep "devplan: error: no profile names team .nobody." err
'

test_expect_success 'an empty plan: zeros, no division by zero' '
	devplan init empty >/dev/null &&
	(
		cd empty &&
		devplan stats >actual &&
		test_grep "^people                   0$" actual &&
		test_grep "^with an active plan      0$" actual &&
		test_grep "^proposals waiting        0$" actual &&
		test_grep -v "^TEAM" actual &&
		test_grep -v "^COMPETENCY" actual &&
		devplan stats --format json >out.json &&
		if test_have_prereq PYTHON; then
			python3 -c "
import json
d = json.load(open(\"out.json\"))
assert d[\"people\"] == 0 and d[\"active_plans\"][\"share\"] == 0
assert d[\"teams\"] == [] and d[\"competencies\"] == []
assert all(q[\"done\"] == 0 for q in d[\"goals_done\"])
"
		fi
	)
'

test_expect_success 'usage errors exit 2; a bad today 1; outside a repository 3' '
	cd plan &&
	test_expect_code 2 devplan stats --format xml 2>err &&
	test_grep "unknown format" err &&
	test_expect_code 2 devplan stats alice &&
	test_expect_code 2 devplan stats --team= &&
	test_expect_code 1 env DEVPLAN_TODAY=2026-13-01 "$DEVPLAN" stats 2>err &&
	test_grep "DEVPLAN_TODAY: .2026-13-01. is not a date" err &&
	test_expect_code 3 run_outside_repo "$DEVPLAN" stats
'

test_expect_success 'render: an org page, linked from every page, with the figures' '
	cd plan &&
	devplan render -o site >/dev/null &&
	test -f site/org.html &&
	test_grep "<a href=\"org.html\">Programme</a>" site/index.html &&
	test_grep "<a href=\"../../org.html\">Programme</a>" site/people/alice/index.html &&
	test_grep "<a href=\"../org.html\">Programme</a>" site/framework/roles.html &&
	test_grep "<h1>How the programme is doing</h1>" site/org.html &&
	test_grep "<tr><th scope=\"row\">People</th><td>6</td>" site/org.html &&
	test_grep "<span class=\"pct\">66.7%</span> of people" site/org.html &&
	test_grep "<span class=\"pct\">25.0%</span> of active plans" site/org.html &&
	test_grep "<li>2026-Q2: 1</li><li>2026-Q3: 0</li><li>2026-Q4: 1</li>" site/org.html &&
	test_grep "<li>2026-10: 1.5 h</li><li>2026-11: 2.0 h</li>" site/org.html &&
	test_grep "<tr><th scope=\"row\">platform</th><td>3</td><td>2</td><td>1</td><td>1</td></tr>" site/org.html &&
	test_grep "#c-rust\">rust</a></th><td>3</td><td>2</td><td>2</td><td>0</td>" site/org.html &&
	test_grep -v "people/" site/org.html &&
	test_grep -v "<script" site/org.html &&
	no_person_in site/org.html
'

test_expect_success 'render: the headings of the org page are in order' '
	cd plan &&
	grep -o "<h[1-6]" site/org.html | uniq >headings &&
	printf "<h1\n<h2\n" >expect &&
	test_cmp expect headings
'

test_expect_success 'render --history 0: the org page leaves out what needs the history' '
	cd plan &&
	devplan render -o site0 --history 0 >/dev/null &&
	test_grep "rendered without the history" site0/org.html &&
	test_grep -v "Plans no commit changed" site0/org.html &&
	no_person_in site0/org.html
'

test_expect_success 'render: the org page is the same bytes twice' '
	cd plan &&
	devplan render -o site2 >/dev/null &&
	cmp site/org.html site2/org.html
'

test_expect_success TIDY 'tidy finds no errors or warnings in the org page' '
	cd plan &&
	for f in site/org.html site0/org.html; do
		tidy -errors -quiet $f >/dev/null 2>tidy.out ||
		{ echo "$f:" >&2; cat tidy.out >&2; exit 1; }
	done
'

test_expect_success PYTHON 'a commit marking 300 goals done counts 300 (its files come in shares)' '
	at 2026-05-01 init many --org Acme >/dev/null &&
	cd many &&
	at 2026-05-01 new-person zed --name "Zed" --email zed@example.com >/dev/null &&
	mkdir -p people/zed/goals &&
	i=0 && while [ $i -lt 300 ]; do
		printf -- "---\ntitle: Goal %d\nstatus: active\ncreated: 2026-05-01\nprogress: 0\n---\n" $i \
			>people/zed/goals/g-$i.md
		i=$((i + 1))
	done &&
	git add people &&
	GIT_AUTHOR_DATE="2026-10-01 10:00:00 +0000" GIT_COMMITTER_DATE="2026-10-01 10:00:00 +0000" \
		git commit -q -m "300 goals" &&
	sed -i -e "s/^status: active$/status: done/" people/zed/goals/*.md &&
	GIT_AUTHOR_DATE="2026-11-01 10:00:00 +0000" GIT_COMMITTER_DATE="2026-11-01 10:00:00 +0000" \
		git commit -q -a -m "all done" &&
	devplan stats --format json >out.json &&
	python3 - out.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["goals_done"][-1] == {"quarter": "2026-Q4", "done": 300}, d["goals_done"]
	EOF
'

test_done
