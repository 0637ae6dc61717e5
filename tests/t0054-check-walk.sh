#!/bin/sh
test_description='devplan check: the walk with and without its reader thread'
. "$TEST_SRCDIR/test-lib.sh"

# check_to NAME [ARGS]: check in plan/ with the reader thread as
# $THREADS says, keeping stdout, stderr and the exit code.
check_to() {
	name=$1 && shift &&
	(cd plan && DEVPLAN_WALK_THREADS=$THREADS devplan check "$@" \
		>"../$name.out" 2>"../$name.err"; echo $? >"../$name.code")
}

# same_as A B: two checks said the same thing.
same_as() {
	test_cmp "$1.out" "$2.out" &&
	test_cmp "$1.err" "$2.err" &&
	test_cmp "$1.code" "$2.code"
}

cache=plan/.git/devplan/check-cache

# More records than the queue between the threads holds, findings
# spread among them, and files the walk must refuse on the way.
test_expect_success 'setup: 400 goals, some wrong, hostile files among them' '
	setup_plan &&
	(
		cd plan &&
		mkdir -p people/alice/goals people/bob/goals &&
		i=0 &&
		while [ $i -lt 200 ]; do
			for who in alice bob; do
				status=active &&
				if [ $((i % 37)) = 5 ]; then status=bogus; fi &&
				printf -- "---\ntitle: Goal %s\nstatus: %s\ntype: skill\ncreated: 2026-11-01\ncompetencies: [systems-programming]\n---\nWhy.\n" \
					"$i" "$status" >people/$who/goals/g$i.md || exit 1
			done &&
			i=$((i + 1))
		done &&
		printf -- "---\ntitle: [unclosed\n---\n" >people/alice/goals/g50x.md &&
		printf -- "---\ntitle: T\nstatus: active\ntype: skill\ncreated: 2026-11-01\ncompetencies: [nope]\n---\n" >people/bob/goals/g77x.md &&
		mkfifo people/alice/goals/g100x.md &&
		ln -s ../../bob/goals/g1.md people/alice/goals/g120x.md &&
		mkdir people/alice/goals/g130x.md &&
		{ printf -- "---\ntitle: Big\n---\n" && yes "A line of body text that goes on." | head -c 2097152; } >people/bob/goals/g150x.md &&
		mkdir people/Bad_Name people/dave &&
		printf "not a folder\n" >people/erin &&
		git add -A people && git commit -q -m "by hand"
	) &&
	sleep 2
'

test_expect_success 'with and without the reader thread: the same findings' '
	THREADS=1 check_to on &&
	test 1 = "$(cat on.code)" &&
	test_grep "people/alice/goals/g5.md:3:9: status: .bogus. is not one of" on.out &&
	test_grep "people/bob/goals/g190.md:3:9: status: .bogus. is not one of" on.out &&
	test_grep "people/alice/goals/g100x.md: cannot read .people/alice/goals/g100x.md.: not a regular file" on.out &&
	test_grep "people/alice/goals/g120x.md: refusing to follow symbolic link" on.out &&
	test_grep "people/bob/goals/g150x.md: .people/bob/goals/g150x.md. is larger than" on.out &&
	test_grep "people/bob/goals/g77x.md:.*unknown competency .nope." on.out &&
	test_grep "people/dave/profile.md: missing: every person needs a profile" on.out &&
	test_grep "people/erin: not a folder" on.out &&
	test_grep "people/Bad_Name: not a valid person id" on.out &&
	test_grep "people/alice/goals/g130x.md: cannot read .*not a regular file" on.out &&
	test_grep "people/alice/goals/g50x.md:3:1: invalid YAML" on.out &&
	test_grep "^checked 412 records: 21 errors, 0 warnings" on.err &&
	THREADS=0 check_to off &&
	same_as on off &&
	# The reader thread parsing and validating every record it can.
	rm -f "$cache" &&
	THREADS=2 check_to shared &&
	same_as on shared &&
	# The caller reading every record the reader hands on unread.
	rm -f "$cache" &&
	THREADS=3 check_to unread &&
	same_as on unread
'

test_expect_success 'libyaml reading every record itself: the same findings' '
	rm -f "$cache" &&
	(cd plan && DEVPLAN_YAML_FAST=0 devplan check >../slow.out 2>../slow.err; echo $? >../slow.code) &&
	same_as on slow
'

test_expect_success 'the second check, from the cache, both ways: the same again' '
	test -f "$cache" &&
	THREADS=1 check_to on-cached &&
	same_as on on-cached &&
	THREADS=0 check_to off-cached &&
	same_as on off-cached
'

test_expect_success 'json and folders named: the same both ways' '
	THREADS=1 check_to on-json --format json people/alice &&
	THREADS=0 check_to off-json --format json people/alice &&
	same_as on-json off-json &&
	test_grep "\"path\": \"people/alice/goals/g5.md\"" on-json.out &&
	! grep "people/bob/" on-json.out
'

test_expect_success 'a walk stopped early by the first broken record: the same both ways' '
	(cd plan && DEVPLAN_WALK_THREADS=1 devplan goals --all >../goals-on.out 2>../goals-on.err; echo $? >../goals-on.code) &&
	(cd plan && DEVPLAN_WALK_THREADS=0 devplan goals --all >../goals-off.out 2>../goals-off.err; echo $? >../goals-off.code) &&
	same_as goals-on goals-off &&
	(cd plan && DEVPLAN_WALK_THREADS=3 devplan goals --all >../goals-unread.out 2>../goals-unread.err; echo $? >../goals-unread.code) &&
	same_as goals-on goals-unread
'

test_expect_success 'people/ a symbolic link: the same error both ways' '
	mv plan/people people-real &&
	ln -s ../people-real plan/people &&
	THREADS=1 check_to link-on &&
	THREADS=0 check_to link-off &&
	rm plan/people &&
	mv people-real plan/people &&
	same_as link-on link-off &&
	test_grep "people" link-on.err
'

test_expect_success 'cached: a record added to a folder that looks unchanged is checked' '
	sleep 2 &&
	THREADS=1 check_to base &&
	goals=plan/people/alice/goals &&
	touch -r "$goals" stamp &&
	printf -- "---\ntitle: New\nstatus: nope\ntype: skill\ncreated: 2026-11-01\n---\n" >"$goals/g999.md" &&
	touch -r stamp "$goals" &&
	THREADS=1 check_to added-on &&
	THREADS=0 check_to added-off &&
	same_as added-on added-off &&
	test_grep "people/alice/goals/g999.md:3:9: status: .nope. is not one of" added-on.out &&
	test_grep "^checked 413 records" added-on.err &&
	rm "$goals/g999.md"
'

test_expect_success 'cached: a folder replaced by one with the same names is checked again' '
	sleep 2 &&
	THREADS=1 check_to before-replace &&
	same_as base before-replace &&
	cp -a plan/people/bob/goals goals-new &&
	sed -e "s/^status: active/status: later/" plan/people/bob/goals/g3.md >goals-new/g3.md &&
	touch -r plan/people/bob/goals/g3.md goals-new/g3.md &&
	rm -rf plan/people/bob/goals &&
	mv goals-new plan/people/bob/goals &&
	THREADS=1 check_to replaced-on &&
	THREADS=0 check_to replaced-off &&
	same_as replaced-on replaced-off &&
	test_grep "people/bob/goals/g3.md:3:9: status: .later. is not one of" replaced-on.out
'

test_done
