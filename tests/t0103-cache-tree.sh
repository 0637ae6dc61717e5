#!/bin/sh
test_description='after a devplan commit the index cache tree is fully valid and git reuses it'
. "$TEST_SRCDIR/test-lib.sh"

# cache_tree [TREE]: the index's TREE extension is fully valid for TREE
# (default HEAD): every folder's tree id and entry count.
cache_tree() {
	python3 "$TEST_SRCDIR/cache-tree.py" "$(git rev-parse --git-dir)" "$@"
}

# index_tree: the tree of the index, computed from its entries alone (a
# fresh index without a cache tree), never from the cache tree.
index_tree() {
	git ls-files -s >entries &&
	rm -f fresh-index &&
	GIT_INDEX_FILE=fresh-index git update-index --index-info <entries &&
	GIT_INDEX_FILE=fresh-index git write-tree &&
	rm -f fresh-index entries
}

# clean: index == HEAD == work tree, and git commit reuses HEAD's tree.
clean() {
	[ -z "$(git status --porcelain)" ] || { git status --porcelain >&2; return 1; }
	[ "$(git write-tree)" = "$(git rev-parse HEAD^{tree})" ]
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	printf "/entries\n/fresh-index\n/out\n" >>plan/.git/info/exclude
'

test_expect_success 'the checker sees a cache tree that git add invalidated' '
	cd plan &&
	git commit -q --allow-empty -m "git writes a valid cache tree" &&
	cache_tree >out &&
	test_grep "fully valid" out &&
	echo x >>people/carol/profile.md &&
	git add people/carol/profile.md &&
	test_expect_code 1 cache_tree >out &&
	test_grep "people/carol/. is invalid" out &&
	git checkout -q HEAD -- people/carol/profile.md
'

test_expect_success 'new-goal: a new file in a new folder' '
	cd plan &&
	devplan new-goal "Learn Rust" >/dev/null &&
	cache_tree >out && test_grep "fully valid" out && clean
'

test_expect_success 'set: a changed file' '
	cd plan &&
	devplan set learn-rust progress=40 >/dev/null &&
	cache_tree >out && test_grep "fully valid" out && clean &&
	git commit -q --allow-empty -m "empty" &&
	test "$(git rev-parse HEAD^{tree})" = "$(git rev-parse HEAD^^{tree})"
'

test_expect_success 'new-person: a new folder under people/' '
	cd plan &&
	devplan new-person dave --name "Dave" --email dave@example.com >/dev/null &&
	cache_tree >out && test_grep "fully valid" out && clean
'

test_expect_success 'commit of a deleted goal: its folder goes from the cache tree' '
	cd plan &&
	rm people/alice/goals/learn-rust.md &&
	devplan commit >/dev/null &&
	! git cat-file -e HEAD:people/alice/goals 2>/dev/null &&
	cache_tree >out && test_grep "fully valid" out && clean
'

test_expect_success 'an index without a cache tree gets a valid one' '
	cd plan &&
	git ls-files -s >entries &&
	rm .git/index &&
	git update-index --index-info <entries && rm entries &&
	test_expect_code 1 cache_tree >out &&
	test_grep "no TREE extension" out &&
	devplan new-goal "Write a compiler" >/dev/null &&
	cache_tree >out && test_grep "fully valid" out && clean
'

test_expect_success 'something else staged: the cache tree is that of the index, not HEAD' '
	cd plan &&
	echo "staged" >>people/carol/profile.md &&
	git add people/carol/profile.md &&
	devplan set write-a-compiler progress=10 >/dev/null &&
	tree=$(index_tree) &&
	test "$tree" != "$(git rev-parse HEAD^{tree})" &&
	cache_tree "$tree" >out && test_grep "fully valid" out &&
	git diff --cached --name-only >out &&
	test_cmp - out <<-\EOF &&
	people/carol/profile.md
	EOF
	git commit -q -m "carol" && clean
'

test_done
