#!/bin/sh
test_description='bad input gets a clear error and changes nothing'
. "$TEST_SRCDIR/test-lib.sh"
SQ="'"

# refused NAME ERE: show --format json, set and progress on alice/NAME
# each exit 1 with
# "devplan: error:" and ERE on stderr, and check exits 1 with ERE in its
# output (check prints file:line:col: findings).
refused() {
	for cmd in "show --format json alice/$1" "set alice/$1 progress=1" \
		"progress alice/$1 5"
	do
		test_expect_code 1 devplan $cmd >out 2>err || return 1
		grep "^devplan: error: " err >/dev/null ||
			{ echo "$cmd: no 'devplan: error:' in:" >&2; cat err >&2; return 1; }
		grep -E "$2" err >/dev/null ||
			{ echo "$cmd: '$2' not in:" >&2; cat err >&2; return 1; }
	done
	test_expect_code 1 devplan check >out 2>&1 || return 1
	grep -E "$2" out >/dev/null ||
		{ echo "check: '$2' not in:" >&2; cat out >&2; return 1; }
	rm -f out err
}

# commit_by_hand FILE...: commits files with plain git, as a user would.
commit_by_hand() {
	git add "$@" && git commit -q -m "by hand: $*"
}

goal_head='---
title: A goal
status: active
type: skill
created: 2026-11-01
progress: 0
'

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-goal "Learn Rust" >/dev/null &&
	printf "%s---\nOutside the repository.\n" "$goal_head" >../outside.md &&
	cp ../outside.md ../outside.orig &&
	mkdir -p ../outside-person/goals ../outside-goals &&
	printf -- "---\nname: Mallory\nemail: mallory@example.com\nrole: engineer\nmanager: bob\n---\n" >../outside-person/profile.md &&
	printf "%s---\nMallory.\n" "$goal_head" >../outside-person/goals/plan.md &&
	(cd .. && find outside-person outside-goals outside.md -print | sort >outside.list &&
	 cat outside-person/profile.md outside-person/goals/plan.md outside.md | cksum >outside.sum)
'

# outside_untouched: nothing outside the repository changed.
outside_untouched() {
	(cd .. &&
	 find outside-person outside-goals outside.md -print | sort >outside.now &&
	 test_cmp outside.list outside.now &&
	 cat outside-person/profile.md outside-person/goals/plan.md outside.md | cksum >outside.sumnow &&
	 test_cmp outside.sum outside.sumnow)
}

test_expect_success 'an unknown person' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-goal --for zed "Learn Go" 2>err &&
	test_grep "^devplan: error: .*unknown person.*zed" err &&
	test ! -e people/zed &&
	test_expect_code 1 devplan --as zed new-goal "Learn Go" 2>err &&
	test_grep "^devplan: error: .*zed" err &&
	test_unchanged $head
'

test_expect_success 'a person id that already exists, or is not an id' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	cp people/alice/profile.md before &&
	test_expect_code 1 devplan new-person alice --name "Another Alice" --email alice2@example.com 2>err &&
	test_grep "^devplan: error: .*alice.*already exists" err &&
	test_cmp before people/alice/profile.md &&
	test_expect_code 1 devplan new-person ../evil --name Evil --email evil@example.com 2>err &&
	test_grep "^devplan: error: .*not a valid person id" err &&
	test_expect_code 1 devplan new-goal --for ../bob "Learn Go" 2>err &&
	test_grep "^devplan: error: " err &&
	test ! -e ../evil && test ! -e people/evil &&
	rm before &&
	test_unchanged $head
'

test_expect_success 'a bad or impossible date' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	ls people/alice/goals >goals.before &&
	for d in 2027-02-30 27-1-1 2027-13-01 2027-1-5 tomorrow 2027-06-30T10:00
	do
		test_expect_code 1 devplan new-goal --due "$d" "Learn Go" 2>err &&
		test_grep "^devplan: error: " err &&
		grep -F -- "$d" err || return 1
	done &&
	ls people/alice/goals >goals.after &&
	test_cmp goals.before goals.after &&
	rm goals.before goals.after &&
	test_unchanged $head
'

test_expect_success 'progress 140' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress alice/learn-rust 140 2>err &&
	test_grep "^devplan: error: progress: .*140" err &&
	test_expect_code 1 devplan set alice/learn-rust progress=140 2>err &&
	test_grep "^devplan: error: .*progress.*140" err &&
	test_unchanged $head
'

test_expect_success 'a title that is empty or only punctuation' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	for t in "" "   " "!!!" "..." "/" "-- --" "?"
	do
		test_expect_code 1 devplan new-goal -- "$t" 2>err &&
		test_grep "^devplan: error: .*title" err || return 1
	done &&
	test_unchanged $head
'

test_expect_success 'a title full of ../ never names a file outside the goals folder' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	devplan new-goal "../../etc/passwd" >out 2>err
	code=$? &&
	if test $code = 0
	then
		git diff-tree --no-commit-id --name-only -r HEAD >files &&
		test "$(wc -l <files)" = 1 &&
		grep -x "people/alice/goals/[a-z0-9][a-z0-9-]*\.md" files &&
		test_grep "^title: .*\.\./\.\./etc/passwd" "$(cat files)" &&
		test -z "$(git status --porcelain)"
	else
		test $code = 1 &&
		test_grep "^devplan: error: " err &&
		test_unchanged $head
	fi &&
	test ! -e ../etc && test ! -e etc && test ! -e people/etc &&
	test ! -e people/alice/etc && test ! -e ../../etc/passwd.md &&
	test_expect_code 1 devplan new-goal --for "../../etc" "passwd" 2>err &&
	test_grep "^devplan: error: " err &&
	rm -f out err files
'

test_expect_success 'front matter that is not a mapping' '
	cd plan &&
	printf -- "---\n- just\n- a list\n---\nBody.\n" >people/alice/goals/list.md &&
	printf -- "---\njust a sentence\n---\nBody.\n" >people/alice/goals/scalar.md &&
	commit_by_hand people/alice/goals/list.md people/alice/goals/scalar.md &&
	head=$(git rev-parse HEAD) &&
	refused list "people/alice/goals/list\.md:[0-9]+:[0-9]+: " &&
	refused scalar "people/alice/goals/scalar\.md:[0-9]+:[0-9]+: " &&
	test_unchanged $head
'

test_expect_success 'front matter that never ends' '
	cd plan &&
	printf "%s\nThe body starts, but the front matter never closed.\n" "$goal_head" >people/alice/goals/unterminated.md &&
	commit_by_hand people/alice/goals/unterminated.md &&
	head=$(git rev-parse HEAD) &&
	refused unterminated "people/alice/goals/unterminated\.md:[0-9]+:[0-9]+: " &&
	test_unchanged $head
'

test_expect_success 'a file that is not UTF-8, or holds a NUL byte' '
	cd plan &&
	printf -- "---\ntitle: caf\351 \377\nstatus: active\n---\nBody.\n" >people/alice/goals/latin1.md &&
	printf -- "---\ntitle: a\000b\nstatus: active\n---\nBody.\n" >people/alice/goals/nul.md &&
	commit_by_hand people/alice/goals/latin1.md people/alice/goals/nul.md &&
	head=$(git rev-parse HEAD) &&
	refused latin1 "people/alice/goals/latin1\.md:2:([0-9]+:)? " &&
	refused nul "people/alice/goals/nul\.md:2:([0-9]+:)? " &&
	test_unchanged $head
'

test_expect_success 'a record path outside people/ and framework/' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	sum=$(cksum </etc/passwd) &&
	for r in ../outside.md ../x /etc/passwd "$TRASH_DIRECTORY/outside.md" \
		people/../../outside.md framework/../../outside.md \
		people/alice/../../../outside.md .git/config
	do
		test_expect_code 1 devplan set "$r" progress=1 2>err &&
		test_grep "^devplan: error: " err &&
		test_expect_code 1 devplan show "$r" >out 2>err &&
		test_grep "^devplan: error: " err || return 1
	done &&
	test_expect_code 1 devplan set ../x field=1 2>err &&
	test "$(cksum </etc/passwd)" = "$sum" &&
	test_cmp ../outside.orig ../outside.md &&
	outside_untouched &&
	rm -f out err &&
	test_unchanged $head
'

test_expect_success 'a symlinked record is never followed' '
	cd plan &&
	ln -s "$TRASH_DIRECTORY/outside.md" people/alice/goals/evil.md &&
	ln -s /etc/passwd people/alice/goals/passwd.md &&
	commit_by_hand people/alice/goals/evil.md people/alice/goals/passwd.md &&
	head=$(git rev-parse HEAD) &&
	sum=$(cksum </etc/passwd) &&
	for g in evil passwd
	do
		test_expect_code 1 devplan set alice/$g progress=50 2>err &&
		test_grep "^devplan: error: " err &&
		test_expect_code 1 devplan progress alice/$g 50 2>err &&
		test_grep "^devplan: error: " err &&
		test_expect_code 1 devplan done people/alice/goals/$g.md 2>err &&
		test_grep "^devplan: error: " err &&
		test_expect_code 1 devplan action add alice/$g "Escape" 2>err &&
		test_grep "^devplan: error: " err &&
		test_expect_code 1 devplan show alice/$g >out 2>err &&
		test_grep "^devplan: error: " err &&
		test_grep -v "Outside the repository" out &&
		test_grep -v "root:" out || return 1
	done &&
	test "$(cksum </etc/passwd)" = "$sum" &&
	test_cmp ../outside.orig ../outside.md &&
	test -h people/alice/goals/evil.md &&
	outside_untouched &&
	rm -f out err &&
	test_unchanged $head
'

test_expect_success 'check reports a symlinked record instead of skipping it' '
	cd plan &&
	test_expect_code 1 devplan check >out 2>&1 &&
	test_grep "people/alice/goals/evil\.md" out &&
	test_grep "people/alice/goals/passwd\.md" out
'

test_expect_success 'cleanup: remove the linked records' '
	cd plan &&
	git rm -q people/alice/goals/evil.md people/alice/goals/passwd.md &&
	git commit -q -m "remove the links"
'

test_expect_success 'a symlinked person folder or goals folder is never followed' '
	cd plan &&
	ln -s "$TRASH_DIRECTORY/outside-person" people/mallory &&
	mkdir -p people/dave &&
	printf -- "---\nname: Dave\nemail: dave@example.com\nrole: engineer\nmanager: bob\n---\n" >people/dave/profile.md &&
	ln -s "$TRASH_DIRECTORY/outside-goals" people/dave/goals &&
	commit_by_hand people/mallory people/dave &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan show mallory >out 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan set mallory role=lead 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan set mallory/plan progress=50 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan set people/mallory/goals/plan.md progress=50 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan new-goal --for mallory "Take over" 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan --as mallory new-goal "Take over" 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan new-goal --for dave "Escape the folder" 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 1 devplan --as dave new-goal "Escape the folder" 2>err &&
	test_grep "^devplan: error: " err &&
	outside_untouched &&
	test_expect_code 1 devplan check >out 2>&1 &&
	test_grep "^people/mallory: not a folder" out &&
	test_grep "^people/dave/goals" out &&
	rm -f out err &&
	test_unchanged $head
'

test_expect_success 'cleanup: remove the linked folders' '
	cd plan &&
	git rm -q people/mallory people/dave/goals &&
	git commit -q -m "remove the links"
'

test_expect_success 'a 2 MB file is refused as too large' '
	cd plan &&
	{
		printf "%s---\n" "$goal_head" &&
		yes "A line of body text that goes on and on and on." | head -c 2097152
	} >people/alice/goals/big.md &&
	commit_by_hand people/alice/goals/big.md &&
	head=$(git rev-parse HEAD) &&
	refused big "big\.md.*(too (large|big)|larger than)|too (large|big).*big\.md" &&
	test_unchanged $head
'

test_expect_success 'a YAML bomb (anchors and aliases) is refused' '
	cd plan &&
	{
		printf "%s" "$goal_head" &&
		cat <<-\EOF
		a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
		b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
		c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
		d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
		e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
		f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
		g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
		h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
		i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
		---
		Boom.
		EOF
	} >people/alice/goals/bomb.md &&
	commit_by_hand people/alice/goals/bomb.md &&
	head=$(git rev-parse HEAD) &&
	refused bomb "people/alice/goals/bomb\.md:7:[0-9]+: .*([Aa]nchor|[Aa]lias)" &&
	test_unchanged $head
'

test_expect_success 'deep nesting (40 levels of [) is refused' '
	cd plan &&
	open=$(printf "%040d" 0 | tr 0 "[") &&
	close=$(printf "%040d" 0 | tr 0 "]") &&
	printf "%sx: %s1%s\n---\nDeep.\n" "$goal_head" "$open" "$close" >people/alice/goals/deep.md &&
	commit_by_hand people/alice/goals/deep.md &&
	head=$(git rev-parse HEAD) &&
	refused deep "people/alice/goals/deep\.md:7:[0-9]+: .*([Dd]eep|[Nn]est|[Dd]epth)" &&
	test_unchanged $head
'

test_expect_success 'duplicate keys are refused, naming the second one' '
	cd plan &&
	printf -- "---\ntitle: One\ntitle: Two\nstatus: active\ntype: skill\ncreated: 2026-11-01\nprogress: 0\n---\nBody.\n" >people/alice/goals/dup.md &&
	commit_by_hand people/alice/goals/dup.md &&
	head=$(git rev-parse HEAD) &&
	refused dup "people/alice/goals/dup\.md:3:[0-9]+: .*[Dd]uplicate" &&
	test_unchanged $head
'

test_expect_success 'a tag outside the core schema is refused' '
	cd plan &&
	printf "%sx: !!python/object/apply:os.system [\"true\"]\n---\nBody.\n" "$goal_head" >people/alice/goals/tag.md &&
	commit_by_hand people/alice/goals/tag.md &&
	head=$(git rev-parse HEAD) &&
	refused tag "people/alice/goals/tag\.md:7:[0-9]+: " &&
	test_unchanged $head
'

test_expect_success 'show refuses every broken record too, with path:line:col' '
	cd plan &&
	for g in list scalar unterminated latin1 nul bomb deep dup tag big
	do
		test_expect_code 1 devplan show alice/$g >out 2>err &&
		grep -E "^devplan: error: ${SQ}?people/alice/goals/$g\.md" err ||
		{ echo "show alice/$g:" && cat err && return 1; }
	done &&
	rm -f out err
'

test_expect_success 'outside any repository: exit 3' '
	test_expect_code 3 run_outside_repo devplan new-goal "Learn Go" 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 3 run_outside_repo devplan set alice/learn-rust progress=1 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 3 run_outside_repo devplan progress alice/learn-rust 1 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 3 run_outside_repo devplan show alice 2>err &&
	test_grep "^devplan: error: " err &&
	test_expect_code 3 run_outside_repo devplan check 2>err &&
	test_grep "^devplan: error: " err &&
	rm -f err
'

test_expect_success 'after all that, the good records are untouched' '
	cd plan &&
	test_grep "^progress: 0\$" people/alice/goals/learn-rust.md &&
	test -z "$(git status --porcelain)" &&
	outside_untouched
'

test_done
