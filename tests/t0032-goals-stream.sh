#!/bin/sh
test_description='devplan goals --all on a generated organisation: the streamed listing says what the export says, in the documented order'
. "$TEST_SRCDIR/test-lib.sh"

# make_corpus DIR N [grouped]: N people with 10 goals each (bench's
# generator), then a few goals made different by hand so that order and
# filtering have something to do: finished, proposed, blocked, without a
# due date or a progress, with a title over the table's 60 columns.
make_corpus() {
	python3 "$TEST_SRCDIR/../bench/gen-corpus.py" $2 "$1" $3 >/dev/null &&
	(
		cd "$1" &&
		d() { if test -d people/p00000; then echo "people/$1/goals"; else
			echo people/*/"$1"/goals; fi; } &&
		sed -i "s/^status: active/status: done/" "$(d p00001)/goal-3.md" &&
		sed -i "s/^status: active/status: dropped/" "$(d p00002)/goal-4.md" &&
		sed -i "s/^status: active/status: proposed/" "$(d p00003)/goal-1.md" &&
		sed -i "s/^status: active/status: blocked/" "$(d p00003)/goal-2.md" &&
		sed -i "/^due: /d" "$(d p00004)/goal-5.md" &&
		sed -i "s/^due: .*/due: 2026-12-31/" "$(d p00004)/goal-7.md" &&
		sed -i "/^progress: /d" "$(d p00005)/goal-6.md" &&
		sed -i "s/^title: .*/title: \"A title much longer than sixty columns, so that the table cuts it short\"/" \
			"$(d p00006)/goal-8.md" &&
		git add -A && git commit -q -m "variety"
	)
}

# reference DIR FORMAT [--all-status]: what goals --all should print,
# computed by python3 from DIR.json, what `devplan export --format json`
# says of DIR.
reference() {
	python3 - "$1.json" "$2" "$3" <<-\PY
	import json, sys
	export, fmt, all_status = sys.argv[1], sys.argv[2], sys.argv[3] == "--all-status"
	today = "2027-03-01"
	rows = []
	for p in sorted(json.load(open(export))["people"], key=lambda p: p["id"]):
	    mine = []
	    for g in p.get("goals", []):
	        st = g.get("status")
	        if not all_status and st in ("done", "dropped"):
	            continue
	        due = g.get("due") or None
	        prog = g.get("progress")
	        acts = g.get("actions") or []
	        mine.append({
	            "person": p["id"], "slug": g["id"], "path": g["path"],
	            "title": g.get("title"), "status": st, "type": g.get("type"),
	            "progress": prog if isinstance(prog, int) and 0 <= prog <= 100 else None,
	            "due": due,
	            "overdue": bool(due and due < today and st not in ("done", "dropped")),
	            "actions_done": sum(1 for a in acts if a.get("done") is True),
	            "actions_total": len(acts),
	            "competencies": g.get("competencies") or [],
	        })
	    mine.sort(key=lambda r: (r["due"] is None, r["due"] or "", r["slug"]))
	    rows += mine
	if fmt == "json":
	    print(json.dumps(rows, indent=2, ensure_ascii=False))
	    sys.exit(0)
	def cut(t):
	    return t if len(t) <= 60 else t[:59] + "\u2026"
	table = [["GOAL", "STATUS", "PROGRESS", "DUE", "TITLE"]]
	for r in rows:
	    table.append([r["person"] + "/" + r["slug"],
	                  "proposed*" if r["status"] == "proposed" else r["status"] or "-",
	                  "-" if r["progress"] is None else "%d%%" % r["progress"],
	                  "-" if r["due"] is None else r["due"] + (" (overdue)" if r["overdue"] else ""),
	                  cut(r["title"] or "")])
	width = [max(len(row[i]) for row in table) for i in range(4)]
	for row in table:
	    print("".join(c.ljust(width[i] + 2) for i, c in enumerate(row[:4])) + row[4])
	if any(r["status"] == "proposed" for r in rows):
	    print("* proposed: waiting for its owner to accept or decline it")
	PY
}

test_expect_success 'setup: a flat organisation of 40 people, a grouped one of 30' '
	make_corpus flat 40 &&
	make_corpus grouped 30 grouped &&
	(cd flat && devplan export --format json) >flat.json &&
	(cd grouped && devplan export --format json) >grouped.json &&
	grep -q "^layout: grouped" grouped/devplan.yaml &&
	test ! -d grouped/people/p00000 &&
	test $(ls flat/people | wc -l) = 40
'

for layout in flat grouped; do
	lines=$(test $layout = flat && echo 400 || echo 300)
	test_expect_success "$layout: goals --all (table) is the export's goals, in order" '
		reference $layout table >expect &&
		(cd $layout && DEVPLAN_TODAY=2027-03-01 devplan goals --all) >actual &&
		test_cmp expect actual &&
		test $(wc -l <actual) = $lines && # goals but 2, heading, footnote
		test_grep "^p00003/goal-1 *proposed\*" actual &&
		test_grep "^p00004/goal-7 .* 2026-12-31 (overdue)" actual
	'

	test_expect_success "$layout: goals --all --format json is the export's goals, in order" '
		reference $layout json >expect &&
		(cd $layout && DEVPLAN_TODAY=2027-03-01 devplan goals --all --format json) >actual &&
		test_cmp expect actual
	'

	test_expect_success "$layout: --all-status adds the finished goals in their place" '
		reference $layout json --all-status >expect &&
		(cd $layout && DEVPLAN_TODAY=2027-03-01 devplan goals --all --all-status --format json) >actual &&
		test_cmp expect actual &&
		test_grep "\"status\": \"done\"" actual
	'
done

test_expect_success 'an unreadable goal is reported, the others listed, exit 1' '
	(
		cd flat &&
		printf -- "---\ntitle: [broken\n---\n" >people/p00020/goals/goal-0.md &&
		test_expect_code 1 devplan goals --all >../actual 2>../err
	) &&
	test_grep "people/p00020/goals/goal-0.md" err &&
	test_grep "^p00020/goal-1 " actual &&
	test_grep "^p00039/goal-9 " actual &&
	test_grep -v "^p00020/goal-0 " actual
'

test_expect_success 'a status no goal has: an empty array, and "no goals"' '
	(cd grouped && devplan goals --all --status draft --format json) >actual &&
	echo "[]" >expect &&
	test_cmp expect actual &&
	(cd grouped && devplan goals --all --status draft) >actual 2>err &&
	test ! -s actual &&
	echo "no goals" >expect &&
	test_cmp expect err
'

test_done
