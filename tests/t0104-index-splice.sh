#!/bin/sh
test_description='the index devplan splices without libgit2 is the one libgit2 writes; unusual indexes take the libgit2 path'
. "$TEST_SRCDIR/test-lib.sh"

ixf() { python3 "$TEST_SRCDIR/index-file.py" "$@"; }
cache_tree() { python3 "$TEST_SRCDIR/cache-tree.py" "$(git rev-parse --git-dir)" "$@"; }

# The same commit each time: fixed dates.
GIT_AUTHOR_DATE='2026-01-01T10:00:00Z'
GIT_COMMITTER_DATE='2026-01-01T10:00:00Z'
export GIT_AUTHOR_DATE GIT_COMMITTER_DATE
REC=people/alice/goals/learn-rust.md

# sound: nothing to commit, nothing to re-hash, fsck clean, cache tree valid.
sound() {
	[ -z "$(git status --porcelain)" ] || { git status --porcelain >&2; return 1; }
	git diff --cached --quiet HEAD &&
	git fsck --no-dangling 2>&1 | { ! grep . >&2; } &&
	cache_tree >/dev/null
}

# unmerge: an unmerged path zz (stages 1 and 2) in the index.
unmerge() {
	_b=$(git rev-parse HEAD:devplan.yaml) &&
	printf "100644 %s 1\tzz\n100644 %s 2\tzz\n" "$_b" "$_b" |
	git update-index --index-info
}

# stat_right FILE: the index holds FILE's stat data, so git need not
# re-hash it (mtime and ctime to the nanosecond, inode, size).
stat_right() {
	git ls-files --debug "$1" >../debug &&
	python3 - "$1" <<-\EOF
	import os, re, sys
	st = os.lstat(sys.argv[1])
	text = open("../debug").read()
	want = {"ctime": "%d:%d" % (st.st_ctime_ns // 10**9, st.st_ctime_ns % 10**9),
	        "mtime": "%d:%d" % (st.st_mtime_ns // 10**9, st.st_mtime_ns % 10**9),
	        "ino": str(st.st_ino & 0xffffffff), "size": str(st.st_size)}
	for key, value in want.items():
	    got = re.search(r"\b%s: (\S+)" % key, text).group(1)
	    if got != value:
	        sys.exit("%s: index %s, file %s" % (key, got, value))
	EOF
}

# again [PREPARE]: puts back the commit, index and record saved in ../base*,
# runs PREPARE on the index, then the mutation.
again() {
	git reset -q --soft "$(cat ../base)" &&
	cp ../base-index .git/index && cp ../base-record "$REC" &&
	${1:-true} &&
	devplan set learn-rust progress=40 >/dev/null
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	cd plan &&
	devplan new-goal "Learn Rust" >/dev/null &&
	git rev-parse HEAD >../base &&
	cp .git/index ../base-index && cp "$REC" ../base-record &&
	sound
'

test_expect_success 'a mutation gives the index libgit2 gives, byte for byte' '
	cd plan &&
	again &&
	git rev-parse HEAD >../fast-head &&
	git ls-files -s >../fast-files &&
	stat_right "$REC" &&
	ixf dump .git/index "$REC" >../fast &&
	sound &&
	again "ixf strip-tree .git/index" &&
	git rev-parse HEAD >../slow-head &&
	ixf dump .git/index "$REC" >../slow &&
	test_cmp ../fast-head ../slow-head &&
	test_cmp ../fast ../slow &&
	sound
'

test_expect_success 'a version 4 index takes the libgit2 path, same entries' '
	cd plan &&
	again "git update-index --index-version 4" &&
	git ls-files -s >../v4-files &&
	test_cmp ../fast-files ../v4-files &&
	test "$(git rev-parse HEAD)" = "$(cat ../fast-head)" &&
	git update-index --index-version 2 &&
	sound
'

test_expect_success 'a version 3 index (skip-worktree elsewhere) is spliced, flags kept' '
	cd plan &&
	again "git update-index --skip-worktree devplan.yaml" &&
	git ls-files -s >../v3-files &&
	test_cmp ../fast-files ../v3-files &&
	git ls-files -t devplan.yaml >out &&
	test_grep "^S devplan.yaml" out &&
	sound &&
	git update-index --no-skip-worktree devplan.yaml
'

test_expect_success 'a split index: refused with how to undo it, nothing changes' '
	cd plan &&
	test_expect_code 3 again "git update-index --split-index" 2>err &&
	test_grep "^devplan: error: cannot read the index: it is split (core.splitIndex), which devplan cannot read; run .git update-index --no-split-index." err &&
	test_cmp ../base-record "$REC" &&
	test "$(git rev-parse HEAD)" = "$(cat ../base)" &&
	git update-index --no-split-index && rm -f .git/sharedindex.*
'

test_expect_success 'an unmerged path elsewhere: libgit2 refuses it, nothing changes' '
	cd plan &&
	test_expect_code 3 again unmerge 2>err &&
	test_grep "not fully merged" err &&
	test_cmp ../base-record "$REC" &&
	test "$(git rev-parse HEAD)" = "$(cat ../base)" &&
	cp ../base-index .git/index
'

test_expect_success 'a racily clean entry whose file changed is smudged' '
	cd plan &&
	again &&
	f=people/carol/profile.md &&
	ts=$(git ls-files --debug "$f" | sed -n "s/^  mtime: \([0-9]*\):\([0-9]*\)$/\1 \2/p") &&
	test -n "$ts" &&
	ts=$(printf "%s.%09d" $ts) &&
	size=$(wc -c <"$f") &&
	# Same size, same mtime as the entry, the index no older: racy.
	sed "s/Carol/Karol/" "$f" >tmp && cat tmp >"$f" && rm tmp &&
	test "$(wc -c <"$f")" = "$size" &&
	touch -d "@$ts" "$f" .git/index &&
	devplan set learn-rust progress=50 >/dev/null &&
	git -c core.trustctime=false status --porcelain >out &&
	echo " M $f" >expect &&
	test_cmp expect out &&
	git checkout -q "$f"
'

test_expect_success 'a dirty record is still refused, an index behind HEAD still repaired' '
	cd plan &&
	echo junk >>"$REC" &&
	test_expect_code 1 devplan set learn-rust progress=60 2>err &&
	test_grep "uncommitted changes" err &&
	git checkout -q "$REC" &&
	git read-tree HEAD^ &&
	! git diff --cached --quiet HEAD -- &&
	devplan set learn-rust progress=70 >/dev/null &&
	sound
'

test_done
