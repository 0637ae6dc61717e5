#!/bin/sh
test_description='devplan check: a repository unchanged since the last check is not walked'
. "$TEST_SRCDIR/test-lib.sh"

cache=plan/.git/devplan/check-cache

# check_to NAME: runs check in plan/, keeping stdout, stderr, exit code.
check_to() {
	(cd plan && devplan check >"../$1.out" 2>"../$1.err"; echo $? >"../$1.code")
}

# as_fresh NAME: the check just kept as NAME said what a check with no
# cache at all says now.
as_fresh() {
	mv "$cache" cache.kept &&
	check_to "$1.fresh" &&
	test_cmp "$1.fresh.out" "$1.out" &&
	test_cmp "$1.fresh.err" "$1.err" &&
	test_cmp "$1.fresh.code" "$1.code"
}

# opened NAME: the records a check opened (NAME.opened) and the folders
# it listed (NAME.listed), traced into NAME.trace.
opened() {
	# LeakSanitizer cannot run under ptrace.
	(cd plan && ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=open,openat,getdents64 -o "../$1.trace" \
		"$DEVPLAN" check >/dev/null 2>&1)
	grep "\.md\"" "$1.trace" | grep -v ENOENT >"$1.opened"
	grep "getdents64" "$1.trace" >"$1.listed"
	:
}

goal() {
	cat <<-EOF
	---
	title: $1
	status: active
	type: skill
	created: 2026-11-01
	---
	Why.
	EOF
}

test_expect_success 'setup: three people with goals, one goal with an error' '
	setup_plan &&
	(
		cd plan &&
		for p in dave erin fred; do
			devplan new-person $p --name "$p" --email $p@example.com >/dev/null &&
			mkdir -p people/$p/goals &&
			goal "Learn $p" >people/$p/goals/learn.md &&
			goal "Teach $p" >people/$p/goals/teach.md || return 1
		done &&
		sed -e "s/^status: .*/status: nonsense/" people/erin/goals/teach.md >tmp &&
		mv tmp people/erin/goals/teach.md &&
		git add people && git commit -q -m "by hand"
	) &&
	# What changed in the second before a check is looked at again by
	# the next: let it age, so that the cache can vouch for it.
	sleep 2 &&
	check_to first &&
	test 1 = "$(cat first.code)" &&
	test_grep "people/erin/goals/teach.md:.*status" first.out
'

test_expect_success 'a second check says the same' '
	check_to second &&
	test_cmp first.out second.out &&
	test_cmp first.err second.err &&
	test_cmp first.code second.code
'

test_expect_success STRACE 'and neither lists a folder nor opens a record to say it' '
	opened unchanged &&
	! test -s unchanged.opened &&
	! test -s unchanged.listed &&
	# The trace is real: a check without the cache opens every record.
	mv "$cache" cache.kept &&
	opened nocache &&
	test_grep "\"teach.md\"" nocache.opened &&
	test -s nocache.listed &&
	mv cache.kept "$cache"
'

test_expect_success 'a record added to a folder is checked' '
	goal "New" | sed -e "s/^type: .*/type: bogus/" >plan/people/dave/goals/new.md &&
	check_to added &&
	test_grep "people/dave/goals/new.md:.*type" added.out &&
	as_fresh added
'

test_expect_success 'a record added with the folder times put back is checked' '
	sleep 2 && check_to aged && (cd plan && git add people && git commit -q -m new) &&
	sleep 2 && check_to aged2 &&
	old=$(stat -c %y plan/people/fred/goals) &&
	goal "Sneaky" | sed -e "s/^status: .*/status: sneaky/" >plan/people/fred/goals/sneaky.md &&
	touch -d "$old" plan/people/fred/goals &&
	check_to sneaky &&
	test_grep "people/fred/goals/sneaky.md:.*status" sneaky.out &&
	as_fresh sneaky
'

test_expect_success 'a record removed is no longer reported' '
	rm plan/people/erin/goals/teach.md &&
	check_to removed &&
	! grep "erin/goals/teach.md" removed.out &&
	as_fresh removed
'

test_expect_success 'a record edited in place, size and mtime put back, is checked' '
	f=plan/people/erin/goals/learn.md &&
	old=$(stat -c %y $f) &&
	sed -e "s/^status: active/status: zzzzzz/" $f >tmp && cat tmp >$f &&
	touch -d "$old" $f &&
	check_to edited &&
	test_grep "people/erin/goals/learn.md:.*status" edited.out &&
	as_fresh edited
'

test_expect_success 'a new person is checked' '
	mkdir -p plan/people/gina &&
	check_to person &&
	test_grep "people/gina.*profile" person.out &&
	as_fresh person
'

test_expect_success 'a folder problem is reported on every check' '
	rm -rf plan/people/gina &&
	mkfifo plan/people/dave/goals/pipe.md &&
	sleep 2 &&
	check_to fifo1 && check_to fifo2 &&
	test_grep "people/dave/goals/pipe.md" fifo2.out &&
	test_cmp fifo1.out fifo2.out &&
	as_fresh fifo2 &&
	rm plan/people/dave/goals/pipe.md
'

test_expect_success STRACE 'after changes, the next unchanged check is not walked again' '
	sleep 2 && check_to settle &&
	check_to settled &&
	test_cmp settle.out settled.out &&
	opened again &&
	! test -s again.opened &&
	! test -s again.listed
'

test_expect_success 'a cache damaged inside a finding is not believed' '
	# One letter of a message the cache keeps for the next check.
	python3 - "$cache" <<-\EOF &&
	import sys
	data = bytearray(open(sys.argv[1], "rb").read())
	at = data.find(b"is not one of")
	assert at > 0
	data[at] = ord("X")
	open(sys.argv[1], "wb").write(bytes(data))
	EOF
	check_to damaged &&
	test_cmp settled.out damaged.out &&
	test_cmp settled.err damaged.err &&
	as_fresh damaged
'

test_done
