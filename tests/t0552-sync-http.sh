#!/bin/sh
test_description='devplan sync over http: git credential helpers, approve and reject'
. "$TEST_SRCDIR/test-lib.sh"

# libgit2 asks devplan for a user name and password on a 401; devplan
# asks git's credential helpers (git credential fill) and tells them
# whether it worked. The same code serves https (only TLS differs, and
# libgit2 checks the certificate).
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
GIT_TERMINAL_PROMPT=0
export GIT_TERMINAL_PROMPT

test_lazy_prereq GIT_HTTP_BACKEND 'git http-backend or python3 is missing' \
	'command -v python3 && test -x "$(git --exec-path)/git-http-backend"'

# helper ANSWER: a credential helper that logs what git asks into
# helper.log and answers `get` with ANSWER (printf format).
helper() {
	git config --global credential.helper \
		"!f() { echo \"== \$1\" >>\"$PWD/helper.log\"; cat >>\"$PWD/helper.log\"; test \$1 = get && printf \"$1\"; true; }; f"
}

test_expect_success GIT_HTTP_BACKEND 'setup: a bare repository behind http with Basic auth' '
	git config --global user.name "Alice Smith" &&
	git config --global user.email alice@example.com &&
	git init -q --bare srv/bare.git &&
	git -C srv/bare.git config http.receivepack true &&
	devplan init plan --org Acme >/dev/null &&
	(cd plan &&
	 devplan new-person alice --name "Alice Smith" --email alice@example.com >/dev/null &&
	 devplan new-goal "Learn Rust" >/dev/null &&
	 git push -q ../srv/bare.git HEAD:refs/heads/main) &&
	git -C srv/bare.git symbolic-ref HEAD refs/heads/main &&
	git clone -q srv/bare.git laptop && exclude_scratch laptop &&
	(python3 "$TEST_SRCDIR/lib-git-http.py" "$PWD/srv" alice s3cret "$PWD/port" \
		>/dev/null 2>&1 &) &&
	i=0 &&
	while ! test -s port && test $i -lt 300; do sleep 0.1; i=$((i + 1)); done &&
	url="http://127.0.0.1:$(cat port)/bare.git" &&
	git -C laptop remote set-url origin "$url" && echo "$url" >url
'

test_expect_success GIT_HTTP_BACKEND 'no helper and no prompt: authentication failed, exit 3' '
	(cd laptop && devplan progress learn-rust 20 >/dev/null &&
	 test_expect_code 3 devplan sync >../actual 2>../err) &&
	test_grep "^devplan: error: authentication failed for $(cat url): no credential for http://127.0.0.1:$(cat port)" err
'

test_expect_success GIT_HTTP_BACKEND 'a helper with the password: synced, and approved' '
	helper "username=alice\\\\npassword=s3cret\\\\n" &&
	(cd laptop && devplan sync >../actual 2>../err) &&
	test_grep "^pushed to origin/main$" actual &&
	test "$(git -C srv/bare.git rev-parse main)" = "$(git -C laptop rev-parse HEAD)" &&
	test_grep "^== get$" helper.log &&
	test_grep "^host=127.0.0.1:$(cat port)$" helper.log &&
	test_grep "^== store$" helper.log &&
	test_grep "^password=s3cret$" helper.log &&
	test_grep -v "^== erase$" helper.log
'

test_expect_success GIT_HTTP_BACKEND 'a wrong password: rejected (erased), exit 3, no password shown' '
	rm -f helper.log &&
	helper "username=alice\\\\npassword=wrong\\\\n" &&
	(cd laptop && devplan progress learn-rust 30 >/dev/null) &&
	head=$(git -C srv/bare.git rev-parse main) &&
	git -C laptop remote set-url origin "http://alice:wrong@127.0.0.1:$(cat port)/bare.git" &&
	(cd laptop && test_expect_code 3 devplan sync >../actual 2>../err) &&
	test_grep "^devplan: error: authentication failed for http://alice@127.0.0.1:$(cat port)/bare.git: the server refused the password git.s credential helper gave for .alice.$" err &&
	test_grep -v "wrong" err &&
	test_grep "^== erase$" helper.log &&
	test "$(git -C srv/bare.git rev-parse main)" = "$head"
'

test_expect_success GIT_HTTP_BACKEND 'stop the server' '
	kill "$(cat port.pid)"
'

test_done
