#!/bin/sh
test_description='devplan check --format github|codequality'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: a goal with awkward values and a file name with , and :' '
	setup_plan &&
	cd plan &&
	mkdir -p people/alice/goals &&
	printf -- "---\ntitle: x\nstatus: active\ncreated: 2026-01-01\ndue: \"5%%\\\\r\\\\nx\"\n---\n" >people/alice/goals/odd.md &&
	printf -- "---\ntitle: x\nstatus: active\ncreated: 2026-01-01\n---\n" >"people/alice/goals/a,b:c.md"
'

test_expect_success 'github: annotations with data and properties escaped' '
	cd plan &&
	test_expect_code 1 devplan check --format github >out &&
	test_grep "^::error file=people/alice/goals/odd.md,line=5,col=6::due: .5%25%0D%0Ax. " out &&
	test_grep "^::error file=people/alice/goals/a%2Cb%3Ac.md::" out &&
	test_grep -v "^people/" out
'

test_expect_success 'codequality: a GitLab report with stable fingerprints' '
	cd plan &&
	test_expect_code 1 devplan check --format codequality >one &&
	test_expect_code 1 devplan check --format codequality >two &&
	test_cmp one two &&
	python3 - <<-\PY
	import json
	issues = json.load(open("one"))
	assert issues, issues
	odd = [i for i in issues if i["location"]["path"] == "people/alice/goals/odd.md"][0]
	assert odd["location"]["lines"]["begin"] == 5
	assert odd["severity"] == "major"
	assert odd["check_name"] == "devplan-check"
	assert odd["description"].startswith("due: ")
	fps = [i["fingerprint"] for i in issues]
	assert len(set(fps)) == len(fps) and all(len(f) == 16 for f in fps)
	PY
'

test_done
