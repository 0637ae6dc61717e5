#!/bin/sh
test_description='devplan sync over ssh: host keys from known_hosts, keys, agent'
. "$TEST_SRCDIR/test-lib.sh"

# A loopback sshd with a test host key; the client is HOME's ~/.ssh.
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
unset SSH_AUTH_SOCK SSH_AGENT_PID
# Under ASan: whole stacks through libgit2 (built without frame pointers),
# so that tools/lsan.supp can name its ssh transport's own leaks.
if [ -n "${ASAN_OPTIONS-}" ]; then
	ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
	export ASAN_OPTIONS
fi

test_lazy_prereq SSHD 'no sshd (openssh-server), or run by root without /run/sshd (tools/deps.sh --ci)' '
	test -x /usr/sbin/sshd && command -v ssh-keygen &&
	{ test "$(id -u)" != 0 || test -d /run/sshd; }'

test_expect_success SSHD 'setup: a bare repository behind a loopback sshd' '
	git config --global user.name "Alice Smith" &&
	git config --global user.email alice@example.com &&
	mkdir -p srv "$HOME/.ssh" && chmod 700 "$HOME/.ssh" &&
	ssh-keygen -q -t ed25519 -N "" -C host -f srv/host_key &&
	ssh-keygen -q -t ed25519 -N "" -C alice -f srv/alice &&
	ssh-keygen -q -t ed25519 -N "" -C other -f srv/other &&
	cp srv/alice.pub srv/authorized_keys &&
	port=$(python3 -c "import socket; s=socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	echo $port >srv/port &&
	cat >srv/sshd_config <<-EOF &&
	Port $port
	ListenAddress 127.0.0.1
	HostKey $PWD/srv/host_key
	PidFile $PWD/srv/pid
	AuthorizedKeysFile $PWD/srv/authorized_keys
	StrictModes no
	UsePAM no
	PermitRootLogin prohibit-password
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	PubkeyAuthentication yes
	LogLevel ERROR
	EOF
	/usr/sbin/sshd -f "$PWD/srv/sshd_config" -E "$PWD/srv/log" &&
	for i in 1 2 3 4 5 6 7 8 9 10; do test -s srv/pid && break; sleep 0.2; done &&
	test -s srv/pid &&
	git init -q --bare bare.git &&
	devplan init plan --org Acme >/dev/null &&
	(cd plan &&
	 devplan new-person bob --name "Bob Manager" --email bob@example.com >/dev/null &&
	 devplan new-person alice --name "Alice Smith" --email alice@example.com --manager bob >/dev/null &&
	 devplan new-goal "Learn Rust" >/dev/null &&
	 git push -q ../bare.git HEAD:refs/heads/main) &&
	git -C bare.git symbolic-ref HEAD refs/heads/main &&
	git clone -q bare.git laptop && exclude_scratch laptop &&
	url="ssh://$(id -un)@127.0.0.1:$port$PWD/bare.git" &&
	git -C laptop remote set-url origin "$url" &&
	echo "$url" >srv/url
'

stop_sshd() { test -s srv/pid && kill "$(cat srv/pid)"; }

test_expect_success SSHD 'an unknown host key is refused, with how to add it' '
	cp srv/alice "$HOME/.ssh/id_ed25519" && cp srv/alice.pub "$HOME/.ssh/id_ed25519.pub" &&
	rm -f "$HOME/.ssh/known_hosts" &&
	(cd laptop && devplan progress learn-rust 20 >/dev/null) &&
	head=$(git -C bare.git rev-parse main) &&
	(cd laptop && test_expect_code 3 devplan sync >../actual 2>../err) &&
	port=$(cat srv/port) &&
	fp=$(ssh-keygen -lf srv/host_key.pub | cut -d" " -f2) &&
	test_grep "^devplan: error: unknown host key for \[127.0.0.1\]:$port ($fp): it is in neither ~/.ssh/known_hosts nor /etc/ssh/ssh_known_hosts" err &&
	test_grep "ssh-keyscan -p $port 127.0.0.1 >> ~/.ssh/known_hosts" err &&
	test "$(git -C bare.git rev-parse main)" = "$head"
'

test_expect_success SSHD 'a known_hosts line with another key is refused' '
	port=$(cat srv/port) &&
	echo "[127.0.0.1]:$port $(cut -d" " -f1,2 srv/other.pub)" >"$HOME/.ssh/known_hosts" &&
	head=$(git -C bare.git rev-parse main) &&
	(cd laptop && test_expect_code 3 devplan sync >../actual 2>../err) &&
	test_grep "^devplan: error: the host key of \[127.0.0.1\]:$port (SHA256:[^)]*) does not match $HOME/.ssh/known_hosts:1: someone may be intercepting the connection" err &&
	test "$(git -C bare.git rev-parse main)" = "$head"
'

test_expect_success SSHD 'a hashed known_hosts line and ~/.ssh/id_ed25519: synced' '
	port=$(cat srv/port) &&
	echo "[127.0.0.1]:$port $(cut -d" " -f1,2 srv/host_key.pub)" >"$HOME/.ssh/known_hosts" &&
	ssh-keygen -q -H -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1 &&
	rm -f "$HOME/.ssh/known_hosts.old" &&
	test_grep "^|1|" "$HOME/.ssh/known_hosts" &&
	(cd laptop && devplan sync >../actual 2>../err) &&
	test_grep "^pushed to origin/main$" actual &&
	test "$(git -C bare.git rev-parse main)" = "$(git -C laptop rev-parse HEAD)" &&
	git -C bare.git show main:people/alice/goals/learn-rust.md >goal &&
	test_grep "^progress: 20$" goal
'

test_expect_success SSHD 'a key the server does not accept: authentication failed, exit 3' '
	cp srv/other "$HOME/.ssh/id_ed25519" && cp srv/other.pub "$HOME/.ssh/id_ed25519.pub" &&
	(cd laptop && devplan progress learn-rust 30 >/dev/null) &&
	head=$(git -C bare.git rev-parse main) &&
	(cd laptop && test_expect_code 3 devplan sync >../actual 2>../err) &&
	test_grep "^devplan: error: authentication failed for $(cat srv/url): the server accepted none of the keys tried (~/.ssh/id_ed25519)$" err &&
	rm -f "$HOME/.ssh/id_ed25519" "$HOME/.ssh/id_ed25519.pub" &&
	(cd laptop && test_expect_code 3 devplan sync >../actual 2>../err) &&
	test_grep "^devplan: error: authentication failed for .*: no ssh agent (SSH_AUTH_SOCK) and no key in ~/.ssh" err &&
	test "$(git -C bare.git rev-parse main)" = "$head"
'

test_expect_success SSHD 'the ssh agent comes first' '
	cp srv/other "$HOME/.ssh/id_rsa" &&
	eval "$(ssh-agent -s -a "$PWD/agent.sock")" >/dev/null &&
	test_when_finished "kill $SSH_AGENT_PID" &&
	ssh-add -q srv/alice 2>/dev/null &&
	(cd laptop && devplan sync >../actual 2>../err) &&
	test_grep "^pushed to origin/main$" actual &&
	test "$(git -C bare.git rev-parse main)" = "$(git -C laptop rev-parse HEAD)"
'

test_expect_success SSHD 'stop the sshd' '
	stop_sshd
'

test_done
