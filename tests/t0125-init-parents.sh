#!/bin/sh
test_description='devplan init creates the missing parents of its folder, like git init'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'init a/b/c creates a and b too' '
	devplan init a/b/c --org Acme >out &&
	echo "Initialized plan repository for \"Acme\" in $TRASH_DIRECTORY/a/b/c/" >expect &&
	test_cmp expect out &&
	test -f a/b/c/devplan.yaml &&
	test "$(git -C a/b/c rev-list --count HEAD)" = 1 &&
	test ! -e a/.git && test ! -e a/b/.git
'

test_expect_success 'init into an existing parent, with a trailing slash' '
	mkdir -p p &&
	devplan init p/q/ --org Acme >/dev/null &&
	test -f p/q/devplan.yaml
'

test_expect_success 'a file in the way is an environment error (exit 3)' '
	: >file &&
	test_expect_code 3 devplan init file/plan 2>err &&
	echo "devplan: error: cannot create ${SQ}file/plan${SQ}: Not a directory" >expect &&
	test_cmp expect err &&
	test -f file
'

test_expect_success 'an empty folder name is refused' '
	test_expect_code 3 devplan init "" 2>err &&
	echo "devplan: error: cannot create ${SQ}${SQ}: No such file or directory" >expect &&
	test_cmp expect err
'

test_done
