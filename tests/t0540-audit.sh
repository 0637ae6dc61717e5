#!/bin/sh
test_description='devplan audit: every commit against the policy, in clones and a bare repository'
. "$TEST_SRCDIR/test-lib.sh"

GOAL=people/alice/goals/learn-rust.md

# Each clone commits as its person: the git user is author and committer.
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

clone_as() {
	git clone -q bare.git "$1" &&
	git -C "$1" config user.name "$2" &&
	git -C "$1" config user.email "$1@example.com"
}

test_expect_success 'setup: a bare repository and a clone for each person' '
	git init -q --bare bare.git &&
	git config --global user.name "Alice Smith" &&
	git config --global user.email alice@example.com &&
	devplan init plan --org Acme >/dev/null &&
	(cd plan &&
	 devplan new-competency systems-programming --name "Systems programming" --category technical >/dev/null &&
	 devplan new-role engineer --title "Engineer" --require systems-programming=2 >/dev/null &&
	 devplan new-person bob --name "Bob Manager" --email bob@example.com --role engineer >/dev/null &&
	 devplan new-person alice --name "Alice Smith" --email alice@example.com --role engineer --manager bob >/dev/null &&
	 devplan new-person carol --name "Carol Jones" --email carol@example.com --manager bob >/dev/null &&
	 git push -q ../bare.git HEAD:refs/heads/main) &&
	git -C bare.git symbolic-ref HEAD refs/heads/main &&
	clone_as alice "Alice Smith" && clone_as bob "Bob Manager" &&
	clone_as carol "Carol Jones"
'

test_expect_success 'the owner, the manager and a peer work within the policy' '
	(cd alice && devplan new-goal "Learn Rust" >/dev/null &&
	 devplan progress learn-rust 10 >/dev/null && git push -q) &&
	(cd bob && git pull -q &&
	 devplan comment alice/learn-rust -m "Good start" >/dev/null &&
	 devplan new-goal --for alice "Lead a review" >/dev/null &&
	 devplan approve alice >/dev/null && git push -q) &&
	(cd carol && git pull -q &&
	 devplan comment --kudos alice/learn-rust -m "Nice" >/dev/null &&
	 git push -q) &&
	devplan -C bare.git audit >actual &&
	echo "audit: 12 commits checked, all within the policy" >expect &&
	test_cmp expect actual &&
	(cd alice && git pull -q && devplan audit >actual) &&
	test_cmp expect alice/actual
'

test_expect_success 'impostors: a peer, a manager and a committer editing by hand' '
	good=$(git -C bare.git rev-parse HEAD) &&
	(cd carol && git pull -q &&
	 sed -e "s/^progress: 10$/progress: 90/" $GOAL >g && mv g $GOAL &&
	 git -c user.email=carol@example.com commit -qam "goal(alice): progress 90" &&
	 git push -q) &&
	(cd bob && git pull -q &&
	 sed -e "s/^status: active$/status: done/" $GOAL >g && mv g $GOAL &&
	 git commit -qam "goal(alice): done" && git push -q) &&
	(cd alice && git pull -q &&
	 sed -e "s/^progress: 90$/progress: 95/" $GOAL >g && mv g $GOAL &&
	 GIT_COMMITTER_EMAIL=mallory@example.com git commit -qam "goal(alice): progress 95" &&
	 git push -q) &&
	c1=$(git -C bare.git rev-parse --short=7 HEAD~2) &&
	c2=$(git -C bare.git rev-parse --short=7 HEAD~1) &&
	c3=$(git -C bare.git rev-parse --short=7 HEAD) &&
	test_expect_code 1 devplan -C bare.git audit >actual &&
	cat >expect <<-EOF &&
	$c1 Carol Jones <carol@example.com>: author carol may not change alice${SQ}s records ($GOAL): only alice, their manager chain by proposals and comments, or an admin
	$c2 Bob Manager <bob@example.com>: author bob may not change alice${SQ}s records ($GOAL): only alice, their manager chain by proposals and comments, or an admin
	$c3 Alice Smith <alice@example.com>: committer mallory@example.com is no person in the plan and changed $GOAL
	audit: 3 findings in 15 commits checked
	EOF
	test_cmp expect actual &&
	test_expect_code 1 devplan -C bare.git audit --range $good..main >actual &&
	test_grep "in 3 commits checked" actual &&
	devplan -C bare.git audit --range $good >/dev/null &&
	test_expect_code 1 devplan -C bare.git audit --range nope..main 2>err &&
	test_grep "unknown revision" err
'

test_expect_success 'with admins named, only they change the framework' '
	(cd alice && git pull -q &&
	 sed -e "s/^  admins: \[\]$/  admins: [bob]/" devplan.yaml >y && mv y devplan.yaml &&
	 git commit -qam "config: bob is the admin" &&
	 sed -e "s/Systems programming/Systems work/" framework/competencies.yaml >y &&
	 mv y framework/competencies.yaml &&
	 git commit -qam "framework: rename" && git push -q) &&
	c=$(git -C bare.git rev-parse --short=7 HEAD) &&
	test_expect_code 1 devplan -C bare.git audit --range HEAD~2..HEAD >actual &&
	cat >expect <<-EOF &&
	$c Alice Smith <alice@example.com>: author alice: only the admins may change the framework and devplan.yaml
	audit: 1 finding in 2 commits checked
	EOF
	test_cmp expect actual
'

test_lazy_prereq SSH_SIGN 'ssh-keygen cannot sign (OpenSSH 8.2 or later)' \
	'ssh-keygen -t ed25519 -N "" -q -f k && echo x | ssh-keygen -Y sign -n git -f k >/dev/null'

test_expect_success SSH_SIGN '--require-signed: a signed commit counts, an unsigned one does not' '
	ssh-keygen -t ed25519 -N "" -q -C alice -f alice.key &&
	echo "alice@example.com $(cat alice.key.pub)" >allowed_signers &&
	(cd alice && git pull -q &&
	 git config gpg.format ssh &&
	 git config user.signingkey "$PWD/../alice.key.pub" &&
	 git config gpg.ssh.allowedSignersFile "$PWD/../allowed_signers" &&
	 sed -e "s/^progress: 95$/progress: 96/" $GOAL >g && mv g $GOAL &&
	 git commit -S -qam "goal(alice): progress 96" &&
	 git verify-commit HEAD 2>/dev/null &&
	 sed -e "s/^progress: 96$/progress: 97/" $GOAL >g && mv g $GOAL &&
	 git commit -qam "goal(alice): progress 97") &&
	unsigned=$(git -C alice rev-parse --short=7 HEAD) &&
	(cd alice && devplan audit --range HEAD~2..HEAD >../actual) &&
	(cd alice && devplan audit --range HEAD~2..HEAD~1 --require-signed >../actual) &&
	echo "audit: 1 commit checked, all within the policy" >expect &&
	test_cmp expect actual &&
	(cd alice && test_expect_code 1 devplan audit --range HEAD~2..HEAD --require-signed >../actual) &&
	cat >expect <<-EOF &&
	$unsigned Alice Smith <alice@example.com>: unsigned, and --require-signed counts only commits whose signature verifies
	audit: 1 finding in 2 commits checked
	EOF
	test_cmp expect actual &&
	echo "alice@example.com $(cat k.pub)" >allowed_signers &&
	(cd alice && test_expect_code 1 devplan audit --range HEAD~2..HEAD~1 --require-signed >../actual) &&
	test_grep "the SSH signature does not verify for alice@example.com" actual
'

test_done
