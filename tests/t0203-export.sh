#!/bin/sh
test_description='devplan export: JSON, CSV and iCalendar that parse back'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: a plan with awkward text' '
	setup_plan &&
	cd plan &&
	devplan new-goal "Learn Rust, \"fast\"" --due 2027-06-30 \
		--action "Read the book, twice" --action "Write a parser" >/dev/null &&
	devplan progress learn-rust-fast 40 >/dev/null
'

test_expect_success 'json parses and has the documented schema' '
	cd plan &&
	devplan export >out.json &&
	python3 - <<-\PY
	import json
	d = json.load(open("out.json"))
	assert d["schema"] == "devplan-export/1", d["schema"]
	assert d["org"] == "Acme"
	assert [c["id"] for c in d["framework"]["competencies"]] == ["systems-programming"]
	assert d["framework"]["roles"][0]["id"] == "engineer"
	assert d["framework"]["roles"][0]["requires"] == {"systems-programming": 2}
	people = {p["id"]: p for p in d["people"]}
	assert sorted(people) == ["alice", "bob", "carol"], sorted(people)
	a = people["alice"]
	assert a["profile"]["name"] == "Alice Smith"
	g = a["goals"][0]
	assert g["id"] == "learn-rust-fast" and g["title"] == "Learn Rust, \"fast\""
	assert g["progress"] == 40
	assert [x["title"] for x in g["actions"]] == ["Read the book, twice", "Write a parser"]
	assert g["actions"][0]["done"] is False
	assert g["path"] == "people/alice/goals/learn-rust-fast.md"
	PY
'

test_expect_success 'csv parses with a CSV reader: a row per goal and per action' '
	cd plan &&
	devplan export --format csv >out.csv &&
	python3 - <<-\PY
	import csv
	raw = open("out.csv", newline="").read()
	assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
	rows = list(csv.reader(open("out.csv", newline="")))
	assert rows[0] == ["person", "goal", "row", "title", "status", "progress", "due", "done", "path"], rows[0]
	assert rows[1][:7] == ["alice", "learn-rust-fast", "goal", "Learn Rust, \"fast\"", "active", "40", "2027-06-30"], rows[1]
	assert rows[2][2:4] == ["action 1", "Read the book, twice"], rows[2]
	assert rows[2][7] == "false"
	assert rows[3][2:4] == ["action 2", "Write a parser"], rows[3]
	assert len(rows) == 4, rows
	PY
'

test_expect_success 'ics: an all-day event per due date, RFC 5545 lines, stable UIDs' '
	cd plan &&
	devplan action add learn-rust-fast "Ship; it, now \\ ünïcödé ünïcödé ünïcödé ünïcödé ünïcödé" --due 2027-05-31 >/dev/null &&
	devplan export --format ics >out.ics &&
	devplan export --format ics >again.ics &&
	cmp out.ics again.ics &&
	python3 - <<-\PY &&
	raw = open("out.ics", "rb").read()
	assert raw.endswith(b"\r\n")
	lines = raw[:-2].split(b"\r\n")
	for l in lines:
	    assert b"\n" not in l and b"\r" not in l, l
	    assert len(l) <= 75, (len(l), l)
	    if l.startswith(b" "):
	        assert l[1] & 0xC0 != 0x80, l
	text = raw.replace(b"\r\n ", b"").decode("utf-8")
	props = [l.split(":", 1) for l in text.split("\r\n") if l]
	assert props[0] == ["BEGIN", "VCALENDAR"] and props[-1] == ["END", "VCALENDAR"]
	assert ["VERSION", "2.0"] in props
	events, cur = [], None
	for k, v in props:
	    if k == "BEGIN" and v == "VEVENT": cur = {}
	    elif k == "END" and v == "VEVENT": events.append(cur); cur = None
	    elif cur is not None: cur[k] = v
	assert len(events) == 2, events
	g, a = events
	assert g["DTSTART;VALUE=DATE"] == "20270630" and g["DTEND;VALUE=DATE"] == "20270701", g
	assert g["SUMMARY"] == "alice: Learn Rust\\, \"fast\"", g["SUMMARY"]
	assert a["DTSTART;VALUE=DATE"] == "20270531", a
	assert a["SUMMARY"].startswith("alice: Ship\\; it\\, now \\\\ ünïcödé"), a["SUMMARY"]
	for e in events:
	    assert e["UID"].endswith("@devplan") and len(e["UID"]) == 24, e
	    assert e["DTSTAMP"].endswith("Z"), e
	assert g["UID"] != a["UID"]
	open("uids", "w").write(g["UID"] + "\n" + a["UID"] + "\n")
	PY
	devplan progress learn-rust-fast 60 >/dev/null &&
	devplan export --format ics >later.ics &&
	grep "^UID:" later.ics | sed "s/^UID://; s/\r$//" >uids2 &&
	test_cmp uids uids2 &&
	! cmp -s out.ics later.ics
'

test_expect_success 'an unknown format is a usage error' '
	cd plan &&
	test_expect_code 2 devplan export --format xml 2>err &&
	test_grep "unknown format .xml." err
'

test_done
