#!/bin/sh
test_description='devplan check: the cache of per-record results'
. "$TEST_SRCDIR/test-lib.sh"

# check_to NAME: runs check in plan/, keeping stdout, stderr, exit code.
check_to() {
	(cd plan && devplan check >"../$1.out" 2>"../$1.err"; echo $? >"../$1.code")
}

# same_as A B: two checks said the same thing.
same_as() {
	test_cmp "$1.out" "$2.out" &&
	test_cmp "$1.err" "$2.err" &&
	test_cmp "$1.code" "$2.code"
}

cache=plan/.git/devplan/check-cache

# inode of the cache file: the same one after a check that changed nothing.
cache_inode() { ls -i "$cache" | sed -e 's/ .*//'; }

# no_litter: the file written as check goes was renamed or removed.
no_litter() {
	find plan/.git/devplan -name ".*tmp-*" >litter &&
	test_cmp /dev/null litter
}

test_expect_success 'setup: a goal, two profiles sharing an email, a manager loop' '
	setup_plan &&
	(
		cd plan &&
		mkdir -p people/alice/goals &&
		cat >people/alice/goals/learn.md <<-\EOF &&
		---
		title: Learn
		status: active
		type: skill
		created: 2026-11-01
		competencies: [systems-programming]
		---
		Why.
		EOF
		devplan new-person dave --name "Dave" --email dave@example.com >/dev/null &&
		devplan new-person erin --name "Erin" --email erin@example.com --manager dave >/dev/null &&
		sed -e "s/^email: .*/email: Carol@Example.com/" -e "s/^manager: .*/manager: erin/" \
			people/dave/profile.md >tmp && mv tmp people/dave/profile.md &&
		git add people && git commit -q -m "by hand"
	) &&
	# Files changed in the second before a check are read again by the
	# next: let these age so that the cache can vouch for them.
	sleep 2
'

test_expect_success 'the first check reports cross-record errors and writes the cache' '
	check_to first &&
	test 1 = "$(cat first.code)" &&
	test_grep "people/dave/profile.md:.*email: .carol@example.com. is also the email of people/carol/profile.md" first.out &&
	test_grep "people/dave/profile.md:.*manager: the chain comes back round: dave -> erin -> dave" first.out &&
	test_grep "people/erin/profile.md:.*manager: the chain comes back round: erin -> dave -> erin" first.out &&
	test -f "$cache"
'

test_expect_success 'a second check says the same, from the cache' '
	before=$(cache_inode) &&
	check_to second &&
	same_as first second &&
	test "$before" = "$(cache_inode)"
'

test_expect_success 'a record deleted: references to it are checked again' '
	mv plan/people/erin/profile.md erin.md &&
	check_to gone &&
	mv erin.md plan/people/erin/profile.md &&
	test_grep "people/dave/profile.md:.*manager: unknown person .erin." gone.out &&
	test_grep "people/erin/profile.md: missing: every person needs a profile" gone.out
'

test_expect_success 'a record edited by hand, same size and mtime, is checked again' '
	goal=plan/people/alice/goals/learn.md &&
	touch -r "$goal" stamp &&
	sed -e "s/^status: active/status: activx/" "$goal" >tmp &&
	cat tmp >"$goal" &&
	touch -r stamp "$goal" &&
	test "$(wc -c <"$goal")" = "$(wc -c <tmp)" &&
	sleep 2 &&
	check_to edited &&
	test_grep "people/alice/goals/learn.md:3:9: status: .activx. is not one of" edited.out &&
	test 1 = "$(cat edited.code)"
'

test_expect_success 'the same edit seen at once (racily clean) is checked too' '
	goal=plan/people/alice/goals/learn.md &&
	sed -e "s/^status: activx/status: active/" "$goal" >tmp &&
	cat tmp >"$goal" &&
	touch -r stamp "$goal" &&
	check_to back &&
	same_as first back
'

# The records edited just before are racily clean for a second: past it,
# a check that changes nothing does not write the cache again.
test_expect_success 'a cache cut short or damaged is ignored and written again' '
	sleep 2 &&
	head -c 100 "$cache" >short && cp short "$cache" &&
	check_to short &&
	same_as first short &&
	test "$(wc -c <"$cache")" -gt 100 &&
	printf "\\377\\377\\377\\377" | dd of="$cache" bs=1 seek=200 conv=notrunc 2>/dev/null &&
	check_to damaged &&
	same_as first damaged &&
	before=$(cache_inode) &&
	check_to again &&
	same_as first again &&
	test "$before" = "$(cache_inode)" &&
	no_litter
'

test_expect_success 'the half-written cache of a killed check is cleaned away' '
	dead=$(sh -c "echo \$\$") &&
	mkdir -p plan/.git/devplan/tmp &&
	echo partial >"plan/.git/devplan/tmp/.check-cache.tmp-$dead-0-1f" &&
	rm "$cache" &&
	check_to after_kill &&
	same_as first after_kill &&
	test -f "$cache" &&
	no_litter
'

test_expect_success 'beside a cache that holds, a dead check'"'"'s file goes at the next commit' '
	check_to warm &&
	dead=$(sh -c "echo \$\$") &&
	mkdir -p plan/.git/devplan/tmp &&
	echo partial >"plan/.git/devplan/tmp/.check-cache.tmp-$dead-0-2f" &&
	check_to unchanged &&
	same_as first unchanged &&
	(cd plan && devplan new-person zed --name Zed --email zed@example.com >/dev/null) &&
	no_litter &&
	(cd plan && git reset -q --hard HEAD~1)
'

test_expect_success 'a cache from another validator version is not believed' '
	sed -e "1,2s/build [0-9a-f]*/build 0000/" "$cache" >old &&
	cp old "$cache" &&
	check_to other &&
	same_as first other &&
	! cmp -s old "$cache"
'

test_expect_success 'a cache that cannot be written: check still works' '
	rm -f "$cache" &&
	mkdir -p "$cache/in-the-way" &&
	check_to blocked &&
	same_as first blocked &&
	test -d "$cache" &&
	no_litter &&
	rm -rf "$cache" &&
	chmod a-w plan/.git/devplan &&
	check_to readonly &&
	chmod u+w plan/.git/devplan &&
	same_as first readonly
'

test_expect_success 'a file-size limit (ulimit -f): the findings still, no cache' '
	rm -f "$cache" &&
	(
		cd plan &&
		ulimit -f 1 &&
		devplan check >../limited.out 2>../limited.err
		echo $? >../limited.code
	) &&
	same_as first limited &&
	! test -e "$cache" &&
	no_litter
'

test_expect_success 'check of named records neither needs nor writes the cache' '
	rm -f "$cache" &&
	(cd plan && devplan check people/alice >../named.out 2>/dev/null) &&
	test_cmp /dev/null named.out &&
	! test -e "$cache" &&
	no_litter
'

test_expect_success 'a person who is their own manager is told once' '
	(
		cd plan &&
		devplan new-person gus --name "Gus" --email gus@example.com >/dev/null &&
		sed -e "s/^manager: .*/manager: gus/" people/gus/profile.md >tmp &&
		mv tmp people/gus/profile.md
	) &&
	check_to self &&
	test_grep "people/gus/profile.md:.*a person cannot be their own manager" self.out &&
	! grep "comes back round: gus -> gus" self.out
'

test_expect_success 'a file where a person folder should be is not a folder; a link says so' '
	echo notes >plan/people/README.md &&
	ln -s ../framework plan/people/linked &&
	check_to notfolder &&
	test_grep "^people/README.md: not a folder$" notfolder.out &&
	test_grep "^people/linked: not a folder: a symbolic link (never followed)$" notfolder.out &&
	rm plan/people/README.md plan/people/linked
'

test_done
