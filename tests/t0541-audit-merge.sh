#!/bin/sh
test_description='devplan audit: a merge is held to what it brings of its own; trusted committers'
. "$TEST_SRCDIR/test-lib.sh"

GOAL=people/alice/goals/learn-rust.md

# Each clone commits as its person: the git user is author and committer.
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

clone_as() {
	git clone -q bare.git "$1" &&
	git -C "$1" config user.name "$2" &&
	git -C "$1" config user.email "$3@example.com" &&
	exclude_scratch "$1"
}

test_expect_success 'setup: a bare repository, clones for alice (two) and carol' '
	git init -q --bare bare.git &&
	git config --global user.name "Alice Smith" &&
	git config --global user.email alice@example.com &&
	devplan init plan --org Acme >/dev/null &&
	(cd plan &&
	 devplan new-person bob --name "Bob Manager" --email bob@example.com >/dev/null &&
	 devplan new-person alice --name "Alice Smith" --email alice@example.com --manager bob >/dev/null &&
	 devplan new-person carol --name "Carol Jones" --email carol@example.com --manager bob >/dev/null &&
	 devplan new-goal "Learn Rust" >/dev/null &&
	 git push -q ../bare.git HEAD:refs/heads/main) &&
	git -C bare.git symbolic-ref HEAD refs/heads/main &&
	clone_as laptop "Alice Smith" alice && clone_as desktop "Alice Smith" alice &&
	clone_as carol "Carol Jones" carol
'

test_expect_success 'a clean merge by a peer of two allowed histories passes' '
	(cd laptop &&
	 sed -e "s/^progress: 0$/progress: 40/" $GOAL >g && mv g $GOAL &&
	 git commit -qam "goal(alice): progress 40" &&
	 git push -q origin HEAD:refs/heads/wip) &&
	(cd desktop &&
	 sed -e "s/^Why this matters to me, in my own words.$/Rust at work./" $GOAL >g &&
	 mv g $GOAL &&
	 git commit -qam "goal(alice): why" && git push -q) &&
	(cd carol &&
	 git fetch -q origin wip && git merge -q --ff-only FETCH_HEAD &&
	 devplan comment alice/learn-rust -m "Go for it" >/dev/null &&
	 devplan sync >../out 2>/dev/null) &&
	test_grep "^merged origin/main" out &&
	merge=$(git -C bare.git rev-parse main) &&
	test "$(git -C bare.git rev-list --parents -1 main | wc -w)" = 3 &&
	test "$(git -C bare.git log -1 --format=%ae main)" = carol@example.com &&
	git -C bare.git show main:$GOAL >goal &&
	test_grep "^progress: 40$" goal && test_grep "^Rust at work.$" goal &&
	devplan -C bare.git audit >actual &&
	n=$(git -C bare.git rev-list --count main) &&
	echo "audit: $n commits checked, all within the policy" >expect &&
	test_cmp expect actual
'

test_expect_success 'an evil merge: a change from neither parent is the merger.s own' '
	(cd carol && git pull -q --no-rebase &&
	 devplan comment alice/learn-rust -m "Still going?" >/dev/null) &&
	(cd desktop && git pull -q &&
	 devplan new-goal "Give a talk" >/dev/null && git push -q) &&
	(cd carol && git fetch -q &&
	 git merge -q --no-commit --no-ff origin/main &&
	 sed -e "s/^progress: 40$/progress: 99/" $GOAL >g && mv g $GOAL &&
	 git add $GOAL && git commit -q -m "Merge origin/main" && git push -q) &&
	evil=$(git -C bare.git rev-parse --short=7 main) &&
	test_expect_code 1 devplan -C bare.git audit --range main~1..main >actual &&
	cat >expect <<-EOF &&
	$evil Carol Jones <carol@example.com>: merge author carol may not change alice${SQ}s records ($GOAL): only alice, their manager chain by proposals and comments, or an admin
	audit: 1 finding in 2 commits checked
	EOF
	test_cmp expect actual
'

test_expect_success 'the same merge without the evil change passes' '
	(cd carol && git reset -q --hard HEAD^1 && git merge -q --no-edit origin/main^2 &&
	 git show HEAD:$GOAL >../goal) &&
	test_grep "^progress: 40$" goal &&
	(cd carol && test "$(git rev-list --parents -1 HEAD | wc -w)" = 3 &&
	 devplan audit --range HEAD~1..HEAD >../actual) &&
	echo "audit: 2 commits checked, all within the policy" >expect &&
	test_cmp expect actual
'

test_expect_success 'a web UI committer: a finding unless devplan.yaml trusts it' '
	(cd desktop && git pull -q &&
	 sed -e "s/^progress: 99$/progress: 50/" $GOAL >g && mv g $GOAL &&
	 GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
		git commit -qam "goal(alice): progress 50 (web)" && git push -q) &&
	web=$(git -C bare.git rev-parse --short=7 main) &&
	test_expect_code 1 devplan -C bare.git audit --range main~1..main >actual &&
	cat >expect <<-EOF &&
	$web Alice Smith <alice@example.com>: committer noreply@github.com is no person in the plan and changed $GOAL
	audit: 1 finding in 1 commit checked
	EOF
	test_cmp expect actual &&
	(cd desktop &&
	 sed -e "s/^  admins: \[\]$/  admins: []\n  trusted-committers: [noreply@github.com]/" devplan.yaml >y &&
	 mv y devplan.yaml && test_grep "trusted-committers" devplan.yaml &&
	 git commit -qam "config: trust GitHub as a committer" &&
	 devplan check >/dev/null &&
	 sed -e "s/^progress: 50$/progress: 60/" $GOAL >g && mv g $GOAL &&
	 GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
		git commit -qam "goal(alice): progress 60 (web)" &&
	 devplan audit --range HEAD~1..HEAD >../actual) &&
	test_grep "^audit: 1 commit checked, all within the policy$" actual
'

test_expect_success 'a trusted committer lends no rights: the author is still judged' '
	(cd desktop &&
	 sed -e "s/^progress: 60$/progress: 70/" $GOAL >g && mv g $GOAL &&
	 GIT_AUTHOR_NAME="Carol Jones" GIT_AUTHOR_EMAIL=carol@example.com \
	 GIT_COMMITTER_NAME=GitHub GIT_COMMITTER_EMAIL=noreply@github.com \
		git commit -qam "goal(alice): progress 70 (web, by carol)" &&
	 test_expect_code 1 devplan audit --range HEAD~1..HEAD >../actual) &&
	test_grep "Carol Jones <carol@example.com>: author carol may not change alice${SQ}s records" actual &&
	test_grep -v "noreply" actual
'

test_expect_success 'a plan begun with --admin, the admin adding their own profile, passes' '
	devplan init boot --org Acme --admin tara >/dev/null &&
	(cd boot &&
	 git config user.name "Tara Talent" && git config user.email tara@example.com &&
	 devplan new-person tara --name "Tara Talent" --email tara@example.com >/dev/null &&
	 devplan new-person dan --name "Dan Doe" --email dan@example.com --manager tara >/dev/null &&
	 devplan audit >../actual) &&
	test_grep "^audit: 3 commits checked, all within the policy$" actual &&
	(cd boot &&
	 mkdir -p people/eve && printf -- "---\nname: Eve\nemail: eve@example.com\n---\n" >people/eve/profile.md &&
	 git add people/eve && GIT_AUTHOR_NAME=Dan GIT_AUTHOR_EMAIL=dan@example.com \
		GIT_COMMITTER_NAME=Dan GIT_COMMITTER_EMAIL=dan@example.com git commit -qm "person: eve" &&
	 test_expect_code 1 devplan audit >../actual) &&
	test_grep "only the admins may add a person (people/eve/profile.md)" actual
'

test_done
