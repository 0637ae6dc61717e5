#!/bin/sh
test_description='devplan log and review: the history cache under .git/devplan changes nothing they show'
. "$TEST_SRCDIR/test-lib.sh"

GOAL=people/alice/goals/learn-rust.md
CACHE=.git/devplan/history

# views DIR: what log and review show of alice (and bob), into ../DIR/.
views() {
	mkdir -p "../$1" &&
	devplan log alice >"../$1/log" &&
	devplan log alice --format json >"../$1/log.json" &&
	devplan log alice/learn-rust >"../$1/log-record" &&
	devplan log bob >"../$1/log-bob" &&
	devplan --as bob review alice >"../$1/review" &&
	devplan review alice --since HEAD~3 --format json >"../$1/review-since"
}

# same_views DIR1 DIR2: both show the same, byte for byte.
same_views() {
	for f in log log.json log-record log-bob review review-since; do
		test_cmp "../$1/$f" "../$2/$f" || return 1
	done
}

# git_agrees DIR: the changes in DIR's log of alice are the commits that
# `git log` lists for her folder (a history where git simplifies nothing).
git_agrees() {
	python3 -c "
import json
for e in json.load(open('../$1/log.json')):
    if e['type'] != 'approval':
        print(e['commit'])
" | sort >../devplan.ids &&
	git log --format=%H -- people/alice/ | sort >../git.ids &&
	test -s ../git.ids &&
	test_cmp ../git.ids ../devplan.ids
}

# check_views: with the cache as it is (brought up to date by the first
# command), then rebuilt from nothing, log and review agree, with git too.
check_views() {
	rm -rf ../with ../without &&
	views with &&
	test -f $CACHE &&
	rm -f $CACHE &&
	views without &&
	same_views with without &&
	git_agrees with
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan &&
	 devplan new-goal "Learn Rust" >/dev/null &&
	 devplan progress alice/learn-rust 10 >/dev/null &&
	 devplan --as bob approve alice >/dev/null &&
	 devplan --as bob approve carol >/dev/null &&
	 devplan progress alice/learn-rust 30 >/dev/null &&
	 devplan --as bob new-goal "Coach" >/dev/null &&
	 devplan action add alice/learn-rust "Read the book" >/dev/null &&
	 devplan --as bob comment alice/learn-rust -m "Nice pace" >/dev/null)
'

test_expect_success 'the first log writes the cache; the same output without it' '
	cd plan &&
	! test -e $CACHE &&
	check_views &&
	test_grep "approval" ../with/log &&
	test_grep "Nice pace" ../with/review &&
	test "$(wc -l <../with/log-record)" -gt 4
'

test_expect_success 'a commit made with plain git is added to the cache' '
	cd plan &&
	devplan log alice >/dev/null &&
	sed -e "s/^progress: 30/progress: 40/" $GOAL >g && mv g $GOAL &&
	git commit -q -am "plain git edit" &&
	check_views &&
	head -n 2 ../with/log >actual &&
	cat >expect <<-EOF &&
	$(git rev-parse --short=7 HEAD) 2026-11-18 A U Thor plain git edit
	    $GOAL: progress 30 -> 40
	EOF
	test_cmp expect actual
'

test_expect_success 'after git commit --amend the amended commit is gone' '
	cd plan &&
	devplan log alice >/dev/null &&
	old=$(git rev-parse HEAD) &&
	sed -e "s/^progress: 40/progress: 45/" $GOAL >g && mv g $GOAL &&
	git commit -q -a --amend -m "plain git edit, amended" &&
	check_views &&
	test_grep "progress 30 -> 45" ../with/log &&
	! grep "$old" ../with/log.json
'

test_expect_success 'after git reset --hard HEAD~2' '
	cd plan &&
	devplan log alice >/dev/null &&
	gone=$(git rev-parse HEAD~1) &&
	git reset -q --hard HEAD~2 &&
	check_views &&
	! grep "$gone" ../with/log.json &&
	test_grep -v "Nice pace" ../with/review
'

test_expect_success 'a merge: the side that changed alice, as git sees it' '
	cd plan &&
	git checkout -q -b side &&
	devplan progress alice/learn-rust 60 >/dev/null &&
	git checkout -q - &&
	devplan --as carol new-goal "Speak" >/dev/null &&
	git merge -q --no-ff -m "merge side" side &&
	check_views &&
	test_grep "progress 30 -> 60" ../with/log
'

test_expect_success 'a corrupt cache file is rebuilt, the output unchanged' '
	cd plan &&
	rm -f $CACHE && views good && cp $CACHE ../history.good &&
	size=$(wc -c <$CACHE) &&
	printf "XXXX" | dd of=$CACHE bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null &&
	! cmp -s $CACHE ../history.good &&
	views flipped && same_views good flipped &&
	cmp $CACHE ../history.good &&
	head -c $((size / 3)) ../history.good >$CACHE &&
	views cut && same_views good cut &&
	cmp $CACHE ../history.good &&
	printf "DPHIST1\0garbage" >$CACHE &&
	views garbage && same_views good garbage &&
	cmp $CACHE ../history.good &&
	: >$CACHE &&
	views empty && same_views good empty &&
	cmp $CACHE ../history.good
'

test_expect_success 'a cache that cannot be written: the same output, nothing written' '
	cd plan &&
	rm -f $CACHE && views good &&
	rm -f $CACHE && mkdir $CACHE &&
	views blocked && same_views good blocked &&
	test -d $CACHE && test -z "$(ls -A $CACHE)" &&
	test "$(ls -A .git/devplan | grep history)" = history &&
	rmdir $CACHE &&
	rm -rf .git/devplan && : >.git/devplan &&
	views nodir && same_views good nodir &&
	test -f .git/devplan && ! test -s .git/devplan &&
	rm .git/devplan
'

test_expect_success 'devplan${SQ}s own commits are added to the cache' '
	cd plan &&
	devplan log alice >/dev/null &&
	cp $CACHE ../history.old &&
	devplan progress alice/learn-rust 70 >/dev/null &&
	check_views &&
	devplan log alice >/dev/null &&
	! cmp -s $CACHE ../history.old
'

test_done
