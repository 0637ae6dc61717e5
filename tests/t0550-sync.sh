#!/bin/sh
test_description='devplan sync: fetch, merge records field by field, push'
. "$TEST_SRCDIR/test-lib.sh"

GOAL=people/alice/goals/learn-rust.md

# Each clone commits as its git user.
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

test_lazy_prereq GIT_DAEMON 'git daemon is not installed' \
	'git daemon --help >/dev/null 2>&1 || test -x "$(git --exec-path)/git-daemon"'

clone() {
	git clone -q "$1" "$2" && git -C "$2" config user.name "$3" &&
	git -C "$2" config user.email "$4" && exclude_scratch "$2"
}

test_expect_success 'setup: a plan in a bare repository, three clones' '
	git config --global user.name "Alice Smith" &&
	git config --global user.email alice@example.com &&
	git init -q --bare bare.git &&
	devplan init plan --org Acme >/dev/null &&
	(cd plan &&
	 devplan new-person bob --name "Bob Manager" --email bob@example.com >/dev/null &&
	 devplan new-person alice --name "Alice Smith" --email alice@example.com --manager bob >/dev/null &&
	 devplan new-goal "Learn Rust" >/dev/null &&
	 git push -q ../bare.git HEAD:refs/heads/main) &&
	git -C bare.git symbolic-ref HEAD refs/heads/main &&
	clone bare.git laptop "Alice Smith" alice@example.com &&
	clone bare.git desktop "Alice Smith" alice@example.com &&
	clone bare.git manager "Bob Manager" bob@example.com
'

test_expect_success 'nothing to do: up to date' '
	(cd laptop && devplan sync >../actual 2>../err) &&
	echo "up to date with origin/main" >expect &&
	test_cmp expect actual &&
	test_grep "merge driver is not registered" err
'

test_expect_success 'one goal edited in two clones and commented in a third' '
	(cd laptop && devplan merge-file --install >/dev/null &&
	 devplan progress learn-rust 30 >/dev/null &&
	 devplan action add learn-rust "Read the book" >/dev/null &&
	 devplan sync >../actual 2>../err) &&
	echo "pushed to origin/main" >expect &&
	test_cmp expect actual &&
	test ! -s err &&
	(cd manager && devplan comment alice/learn-rust -m "Good" >/dev/null &&
	 devplan sync >../actual) &&
	test_grep "^merged origin/main" actual &&
	test_grep "^pushed to origin/main$" actual &&
	(cd desktop && devplan set learn-rust due=2027-06-30 >/dev/null &&
	 devplan action add learn-rust "Write a CLI" >/dev/null &&
	 devplan sync >../actual 2>/dev/null) &&
	head=$(git -C desktop rev-parse --short=7 HEAD) &&
	cat >expect <<-EOF &&
	merged origin/main ($head)
	  merged field by field: $GOAL
	pushed to origin/main
	EOF
	test_cmp expect actual &&
	test "$(git -C bare.git rev-parse main)" = "$(git -C desktop rev-parse HEAD)" &&
	test -z "$(git -C desktop status --porcelain)" &&
	git -C desktop cat-file commit HEAD | sed -e "1,/^\$/d" >actual &&
	cat >expect <<-EOF &&
	sync: merge origin/main

	Records merged field by field:
	  $GOAL
	EOF
	test_cmp expect actual &&
	(cd desktop &&
	 test_grep "^progress: 30$" $GOAL && test_grep "^due: 2027-06-30$" $GOAL &&
	 test_grep "title: Read the book" $GOAL &&
	 test_grep "title: Write a CLI" $GOAL && devplan check >/dev/null) &&
	(cd laptop && devplan sync >../actual 2>/dev/null) &&
	echo "fast-forwarded to origin/main ($head)" >expect &&
	test_cmp expect actual &&
	test "$(git -C laptop rev-parse HEAD)" = "$(git -C desktop rev-parse HEAD)"
'

test_expect_success 'a true conflict: shown field by field, nothing changed' '
	(cd laptop && devplan progress learn-rust 40 >/dev/null) &&
	(cd desktop && devplan progress learn-rust 60 >/dev/null &&
	 devplan sync >/dev/null 2>&1) &&
	remote=$(git -C bare.git rev-parse main) &&
	head=$(git -C laptop rev-parse HEAD) &&
	cp laptop/$GOAL before &&
	(cd laptop && test_expect_code 1 devplan sync >../out 2>../err) &&
	cat >expect <<-EOF &&
	$GOAL: conflict in ${SQ}progress${SQ}
	  base:   30
	  ours:   40
	  theirs: 60
	devplan: error: a true conflict with ${SQ}origin/main${SQ}: nothing was committed or pushed
	EOF
	test_cmp expect err &&
	test ! -s out &&
	test "$(git -C laptop rev-parse HEAD)" = "$head" &&
	test "$(git -C bare.git rev-parse main)" = "$remote" &&
	test_cmp before laptop/$GOAL &&
	test -z "$(git -C laptop status --porcelain)" &&
	(cd laptop && git reset -q --hard origin/main)
'

test_expect_success 'refusals: no upstream, uncommitted edits' '
	(cd plan && test_expect_code 1 devplan sync 2>../err) &&
	test_grep "no upstream: the branch .main. tracks no remote branch" err &&
	(cd laptop && echo "x" >>$GOAL &&
	 test_expect_code 1 devplan sync 2>../err && git checkout -q -- $GOAL) &&
	test_grep "uncommitted edits" err
'

test_expect_success GIT_DAEMON 'over git:// to a git daemon; a rejected push is retried' '
	port=$(python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	git daemon --export-all --enable=receive-pack --base-path="$PWD" \
		--port=$port --listen=127.0.0.1 --reuseaddr \
		--pid-file="$PWD/daemon.pid" --detach &&
	test_when_finished "kill \$(cat \"$PWD/daemon.pid\")" &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		git ls-remote git://127.0.0.1:$port/bare.git >/dev/null 2>&1 && break
		sleep 0.2
	done &&
	clone git://127.0.0.1:$port/bare.git net "Alice Smith" alice@example.com &&
	cat >bare.git/hooks/pre-receive <<-\EOF &&
	#!/bin/sh
	if ! test -f once; then : >once; echo "busy, try again" >&2; exit 1; fi
	EOF
	chmod +x bare.git/hooks/pre-receive &&
	(cd net && devplan progress learn-rust 70 >/dev/null &&
	 devplan sync >../actual 2>/dev/null) &&
	cat >expect <<-EOF &&
	the push was rejected (the remote moved): fetched and retried
	pushed to origin/main
	EOF
	test_cmp expect actual &&
	test "$(git -C bare.git rev-parse main)" = "$(git -C net rev-parse HEAD)"
'

test_expect_success GIT_DAEMON 'a push rejected twice: the remote.s reason, exit 3' '
	port=$(python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	git daemon --export-all --enable=receive-pack --base-path="$PWD" \
		--port=$port --listen=127.0.0.1 --reuseaddr \
		--pid-file="$PWD/daemon2.pid" --detach &&
	test_when_finished "kill \$(cat \"$PWD/daemon2.pid\")" &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		git ls-remote git://127.0.0.1:$port/bare.git >/dev/null 2>&1 && break
		sleep 0.2
	done &&
	git -C net remote set-url origin git://127.0.0.1:$port/bare.git &&
	printf "#!/bin/sh\necho closed >&2\nexit 1\n" >bare.git/hooks/pre-receive &&
	chmod +x bare.git/hooks/pre-receive &&
	head=$(git -C bare.git rev-parse main) &&
	(cd net && devplan progress learn-rust 75 >/dev/null &&
	 test_expect_code 3 devplan sync >../actual 2>../err) &&
	test_grep "^devplan: error: .origin. rejected the push twice (pre-receive hook declined): try again$" err &&
	test "$(git -C bare.git rev-parse main)" = "$head" &&
	rm bare.git/hooks/pre-receive
'

test_done
