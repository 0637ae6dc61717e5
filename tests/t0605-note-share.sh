#!/bin/sh
test_description='devplan note and share: private notes stay out of git until shared'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan
'

test_expect_success 'note --private writes under .devplan/private/, commits nothing' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	devplan note --private -m "Ask Bob about the platform team
Before the next 1:1." 2>err &&
	test_grep "wrote .devplan/private/alice/2026-11-22-ask-bob-about-the-platform-team.md" err &&
	test_unchanged "$head" &&
	f=.devplan/private/alice/2026-11-22-ask-bob-about-the-platform-team.md &&
	test_grep "^title: Ask Bob about the platform team$" $f &&
	test_grep "^Before the next 1:1.$" $f &&
	test -z "$(git status --porcelain --ignored=no)" &&
	git check-ignore -q $f &&
	test -z "$(git ls-files .devplan)"
'

test_expect_success 'private notes are never committed by other commands' '
	cd plan &&
	devplan new-goal "Learn Rust" >/dev/null &&
	test -z "$(git ls-files .devplan)" &&
	test -z "$(git log --all --format= --name-only | grep private)"
'

test_expect_success 'note --list shows the private notes' '
	cd plan &&
	DEVPLAN_TODAY=2026-11-23 devplan note --private -m "Ask Bob again" 2>/dev/null &&
	devplan note --list >actual &&
	cat >expect <<-\EOF &&
	alice/2026-11-22-ask-bob-about-the-platform-team
	alice/2026-11-23-ask-bob-again
	EOF
	test_cmp expect actual &&
	devplan note --list carol >actual 2>err &&
	test ! -s actual &&
	test_grep "no private notes" err
'

test_expect_success 'share moves one into the plan in one commit' '
	cd plan &&
	before=$(git rev-parse HEAD) &&
	devplan share 2026-11-22-ask 2>err &&
	test_grep "shared as people/alice/notes/2026-11-22-ask-bob-about-the-platform-team.md" err &&
	test "$(git rev-list --count $before..HEAD)" = 1 &&
	cat >expect <<-\EOF &&
	note(alice): share "Ask Bob about the platform team"

	Devplan-Person: alice
	Devplan-Record: people/alice/notes/2026-11-22-ask-bob-about-the-platform-team.md
	EOF
	commit_message >actual &&
	test_cmp expect actual &&
	test ! -e .devplan/private/alice/2026-11-22-ask-bob-about-the-platform-team.md &&
	test_grep "^shared: 2026-11-22" people/alice/notes/2026-11-22-ask-bob-about-the-platform-team.md &&
	test -z "$(git status --porcelain)" &&
	devplan note --list >actual &&
	echo alice/2026-11-23-ask-bob-again >expect &&
	test_cmp expect actual &&
	devplan check >/dev/null
'

test_expect_success 'note without --private: a shared note in one commit' '
	cd plan &&
	devplan note -m "Met the platform team" 2>err &&
	test_grep "added people/alice/notes/2026-11-22-met-the-platform-team.md" err &&
	git log -1 --format=%s >actual &&
	echo "note(alice): add \"Met the platform team\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'rights: nobody writes or shares a note of someone else' '
	cd plan &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan --as bob note alice -m "About Alice" 2>err &&
	test_grep "devplan: error:" err &&
	test_expect_code 1 devplan --as bob note alice --private -m "About Alice" &&
	test ! -d .devplan/private/bob &&
	test_expect_code 1 devplan --as bob share alice/2026-11-23-ask-bob-again 2>err &&
	test_grep "devplan: error:" err &&
	test -e .devplan/private/alice/2026-11-23-ask-bob-again.md &&
	test_unchanged "$head"
'

test_expect_success 'errors: no such note 1, usage 2' '
	cd plan &&
	test_expect_code 1 devplan share nothing-like-it 2>err &&
	test_grep "no private note" err &&
	test_expect_code 2 devplan share &&
	test_expect_code 2 devplan note &&
	test_expect_code 2 devplan note --list -m x &&
	test_expect_code 1 devplan note -m "   "
'

test_done
