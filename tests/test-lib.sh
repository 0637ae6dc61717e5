# SPDX-License-Identifier: MIT
# test-lib.sh: end-to-end test library in the style of git's t/test-lib.sh.
#
# A test script sets test_description, sources this file, calls
# test_expect_success / test_expect_failure-free helpers, then test_done.
# Each script runs in its own trash directory with its own HOME, no system
# git config and fixed dates, so results are repeatable. Output is TAP.

: "${DEVPLAN:?DEVPLAN must point at the devplan binary}"
: "${TEST_SRCDIR:=$(cd "$(dirname "$0")" && pwd)}"

test_name=$(basename "$0" .sh)
TRASH_DIRECTORY="${TEST_BUILDDIR:-$TEST_SRCDIR}/trash.$test_name"
rm -rf "$TRASH_DIRECTORY"
mkdir -p "$TRASH_DIRECTORY" || exit 1
TRASH_DIRECTORY=$(cd "$TRASH_DIRECTORY" && pwd)
HOME="$TRASH_DIRECTORY"
# Never find the repository the trash folder happens to sit in.
GIT_CEILING_DIRECTORIES=$(dirname "$TRASH_DIRECTORY")
export HOME GIT_CEILING_DIRECTORIES

unset VISUAL EDITOR PAGER DEVPLAN_PAGER GIT_PAGER LESS NO_COLOR \
	GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE XDG_CONFIG_HOME
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME='A U Thor'
GIT_AUTHOR_EMAIL='author@example.com'
GIT_COMMITTER_NAME='C O Mitter'
GIT_COMMITTER_EMAIL='committer@example.com'
GIT_AUTHOR_DATE='1795000000 +0000'
GIT_COMMITTER_DATE='1795000000 +0000'
DEVPLAN_TODAY=2026-11-22
TZ=UTC
LC_ALL=C.UTF-8
export GIT_CONFIG_NOSYSTEM GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_DATE DEVPLAN_TODAY TZ LC_ALL
git config --global init.defaultBranch main
git config --global user.name 'A U Thor'
git config --global user.email 'author@example.com'

test_count=0
test_failures=0

say() { printf '# %s\n' "$*"; }

# A single quote, for test bodies that are themselves single-quoted.
SQ="'"

# devplan: the binary under test, so scripts read like a user's shell.
devplan() { "$DEVPLAN" "$@"; }

# ---- prerequisites (git's test_set_prereq / test_have_prereq)
#
# A test that needs a tool or a capability names it before its title:
#   test_expect_success FISH,PTY 'title' 'shell code'
# and is reported as "ok N # SKIP missing FISH (fish is not installed)"
# when it is missing, never as a plain ok. test_lazy_prereq declares how
# to find out (run once, in a subshell, on first use); test_set_prereq
# says a prerequisite is there.

prereq_ok=' '
prereq_missing=' '

# test_set_prereq NAME: NAME is satisfied.
test_set_prereq() { prereq_ok="$prereq_ok$1 "; }

# test_lazy_prereq NAME 'reason when missing' 'shell code'
test_lazy_prereq() {
	eval "lazy_prereq_$1=\$3"
	eval "lazy_why_$1=\$2"
}

# test_have_prereq NAME[,NAME...]: all of them are satisfied. Sets
# missing_prereq to the first missing one and missing_why to its reason.
test_have_prereq() {
	missing_prereq=
	missing_why=
	_save_ifs=$IFS
	IFS=,
	set -- $*
	IFS=$_save_ifs
	for _p in "$@"; do
		case $prereq_ok in *" $_p "*) continue ;; esac
		case $prereq_missing in *" $_p "*) ;; *)
			eval "_script=\${lazy_prereq_$_p-}"
			if [ -n "$_script" ] &&
				(cd "$TRASH_DIRECTORY" && eval "$_script") >/dev/null 2>&1
			then
				test_set_prereq "$_p"
				continue
			fi
			prereq_missing="$prereq_missing$_p "
			;;
		esac
		missing_prereq=$_p
		eval "missing_why=\${lazy_why_$_p-no such prerequisite}"
		return 1
	done
	return 0
}

test_lazy_prereq BASH 'bash is not installed' 'command -v bash'
test_lazy_prereq FISH 'fish is not installed' 'command -v fish'
test_lazy_prereq ZSH 'zsh is not installed' 'command -v zsh'
test_lazy_prereq SCDOC 'scdoc is not installed' 'command -v scdoc'
test_lazy_prereq MAN 'man is not installed' 'command -v man'
test_lazy_prereq STRACE 'strace is missing or cannot trace here' \
	'strace -o /dev/null true'
test_lazy_prereq PTY 'python3 with the pty module is not installed' \
	'python3 -c "import os, pty; os.close(os.openpty()[0])"'
test_lazy_prereq SCRIPT 'script (bsdutils / util-linux) is not installed' \
	'script -qec true /dev/null'
test_lazy_prereq PYTHON_YAML 'python3 cannot import yaml (python3-yaml)' \
	'python3 -c "import yaml"'
test_lazy_prereq DEVFULL '/dev/full is not writable' 'test -w /dev/full'

# test_expect_success [PREREQ[,PREREQ...]] 'description' 'shell code'
test_expect_success() {
	_prereq=
	if [ $# = 3 ]; then
		_prereq=$1
		shift
	fi
	test_count=$((test_count + 1))
	if [ -n "$_prereq" ] && ! test_have_prereq "$_prereq"; then
		echo "ok $test_count # SKIP missing $missing_prereq ($missing_why) - $1"
		return 0
	fi
	if (
		test_cleanup=:
		cd "$TRASH_DIRECTORY" && eval "$2"
		_status=$?
		cd "$TRASH_DIRECTORY" && eval "$test_cleanup"
		exit $_status
	) >"$TRASH_DIRECTORY/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failures=$((test_failures + 1))
		echo "not ok $test_count - $1"
		sed -e 's/^/#   /' <<-EOS
		$2
		EOS
		sed -e 's/^/#   > /' "$TRASH_DIRECTORY/.out"
	fi
}

# test_terminal CMD...: runs CMD with stdin, stdout and stderr on a
# pseudo-terminal (needs the PTY prerequisite), copies what it printed
# to stdout with CR LF made LF, and exits with its status.
test_terminal() {
	python3 -c '
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    out += data
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128)
' "$@"
}

# test_when_finished 'shell code': runs it from the trash folder once the
# current test is over, whether it passed or not; a failure fails the test.
test_when_finished() {
	test_cleanup="{ $1
	} || _status=1; $test_cleanup"
}

# test_expect_code N cmd args...: runs cmd, fails unless it exits with N.
test_expect_code() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "test_expect_code: '$*' exited $got, wanted $want" >&2
		return 1
	fi
	return 0
}

# test_cmp expected actual: diff -u, failing on any difference.
test_cmp() { diff -u "$1" "$2"; }

# test_grep [-v] pattern file
test_grep() {
	if [ "$1" = "-v" ]; then
		shift
		if grep -e "$1" "$2"; then
			echo "test_grep: '$1' unexpectedly found in $2" >&2
			return 1
		fi
		return 0
	fi
	grep -e "$1" "$2" >/dev/null || {
		echo "test_grep: '$1' not found in $2:" >&2
		cat "$2" >&2
		return 1
	}
}

# test_commit_count N: HEAD has N commits.
test_commit_count() {
	n=$(git rev-list --count HEAD) || return 1
	[ "$n" = "$1" ] || { echo "expected $1 commits, have $n" >&2; return 1; }
}

# test_unchanged OID: no commit since OID and a clean status (the tests'
# own scratch files aside).
test_unchanged() {
	exclude_scratch "$(git rev-parse --show-toplevel)"
	[ "$(git rev-parse HEAD)" = "$1" ] || { echo "HEAD moved" >&2; return 1; }
	[ -z "$(git status --porcelain)" ] || { git status --porcelain >&2; return 1; }
}

# setup_plan DIR: a plan repository with a manager (bob) and two reports
# (alice, carol), a competency and a role. Identity: alice.
setup_plan() {
	devplan init "${1:-plan}" --org "Acme" >/dev/null &&
	(
		cd "${1:-plan}" &&
		devplan new-competency systems-programming --name "Systems programming" --category technical >/dev/null &&
		devplan new-role engineer --title "Engineer" --require systems-programming=2 >/dev/null &&
		devplan new-person bob --name "Bob Manager" --email bob@example.com --role engineer >/dev/null &&
		devplan new-person alice --name "Alice Smith" --email author@example.com --role engineer --manager bob >/dev/null &&
		devplan new-person carol --name "Carol Jones" --email carol@example.com --manager bob >/dev/null
	)
}

test_done() {
	echo "1..$test_count"
	if [ "$test_failures" = 0 ]; then
		rm -rf "$TRASH_DIRECTORY"
		exit 0
	fi
	exit 1
}

cd "$TRASH_DIRECTORY" || exit 1

# ---- helpers for t0040-t0070 (set, progress, action, concurrency, bad input)

# commit_message [REV]: the exact message of a commit, HEAD by default.
commit_message() { git cat-file commit "${1:-HEAD}" | sed -e '1,/^$/d'; }

# commit_stat [REV]: the summary line of `git show --stat`, e.g.
# " 1 file changed, 1 insertion(+), 1 deletion(-)".
commit_stat() { git show --stat --format= "${1:-HEAD}" | tail -n 1; }

# diff_hunks [REV]: what a commit changed, as `git show -U0` hunks: the
# "@@ -a +b @@" headers (without git's function context) and the lines.
diff_hunks() {
	git show --format= -U0 "${1:-HEAD}" | awk '
		/^diff --git / { h = 0; next }
		/^@@ / { h = 1; sub(/ @@.*/, " @@"); print; next }
		h { print }'
}

# run_outside_repo CMD...: runs CMD in a fresh empty folder that no git
# repository contains (under $TMPDIR or /tmp), returning CMD's status.
run_outside_repo() {
	_ord=$(mktemp -d "${TMPDIR:-/tmp}/devplan-norepo.XXXXXX") || return 125
	if (cd "$_ord" && git rev-parse --git-dir >/dev/null 2>&1); then
		echo "run_outside_repo: $_ord is inside a git repository" >&2
		rm -rf "$_ord"
		return 125
	fi
	(cd "$_ord" && "$@")
	_ors=$?
	rm -rf "$_ord"
	return $_ors
}

# exclude_scratch [DIR]: git ignores the scratch files tests write at the
# top of the work tree (expect, actual, err, out, ...), so that
# test_unchanged and `git status --porcelain` see only real changes.
exclude_scratch() {
	printf '/%s\n' expect actual err out before edited committed files \
		goals goals.before goals.after subjects g fsck.out \
		msg subject stat author editor empty-editor \
		cached.before cached.after unstaged.before unstaged.after \
		status.before status.after >>"${1:-.}/.git/info/exclude"
}
