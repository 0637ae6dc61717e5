#!/bin/sh
test_description='devplan goals'
. "$TEST_SRCDIR/test-lib.sh"

# write_goal PERSON SLUG: the goal file from stdin, written by hand.
write_goal() {
	mkdir -p "people/$1/goals" &&
	cat >"people/$1/goals/$2.md"
}

# on_terminal CMD...: runs CMD with its output on a pseudo-terminal and
# copies what it printed to stdout.
on_terminal() {
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
sys.stdout.write(out.decode().replace("\r\n", "\n"))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128)
' "$@"
}

test_expect_success 'setup: a plan with goals written by hand' '
	setup_plan &&
	cd plan &&
	write_goal alice learn-rust <<-\EOF &&
	---
	title: Become fluent in Rust
	status: active
	type: skill
	created: 2026-11-01
	due: 2027-06-30
	progress: 30
	competencies: [systems-programming]
	actions:
	  - title: Read the Rust book
	    due: 2027-01-31
	    done: true
	  - title: Pair on the parser rewrite
	    done: false
	---
	Why this matters to me.
	EOF
	write_goal alice old-goal <<-\EOF &&
	---
	title: Run a design review
	status: active
	type: experience
	created: 2025-10-01
	due: 2026-01-15
	progress: 50
	---
	EOF
	write_goal alice finished <<-\EOF &&
	---
	title: Write the on-call guide
	status: done
	type: knowledge
	created: 2025-09-01
	due: 2026-01-01
	progress: 100
	---
	EOF
	write_goal alice someday <<-\EOF &&
	---
	title: Someday, maybe
	status: draft
	type: career
	created: 2026-11-20
	due: ""
	progress: 0
	---
	EOF
	write_goal carol mentor <<-\EOF &&
	---
	title: "Mentor a new joiner"
	status: proposed
	proposed-by: bob
	type: experience
	created: 2026-11-21
	due: 2027-01-31
	progress: 0
	competencies: []
	actions: []
	---
	EOF
	git add people &&
	git commit -q -m "goals written by hand"
'

test_expect_success 'goals lists your own goals, by due date, overdue marked' '
	cat >expect <<-\EOF &&
	GOAL              STATUS  PROGRESS  DUE                   TITLE
	alice/old-goal    active  50%       2026-01-15 (overdue)  Run a design review
	alice/learn-rust  active  30%       2027-06-30            Become fluent in Rust
	alice/someday     draft   0%        -                     Someday, maybe
	EOF
	(cd plan && devplan goals >../actual 2>../err) &&
	test_cmp expect actual &&
	test_cmp /dev/null err
'

test_expect_success 'goals works from a subfolder and with -C' '
	(cd plan/people/alice/goals && devplan goals >../../../../sub) &&
	devplan -C plan goals >dashc &&
	test_cmp actual sub &&
	test_cmp actual dashc
'

test_expect_success 'goals <person> lists that person' '
	cat >expect <<-\EOF &&
	GOAL          STATUS     PROGRESS  DUE         TITLE
	carol/mentor  proposed*  0%        2027-01-31  Mentor a new joiner
	* proposed: waiting for its owner to accept or decline it
	EOF
	(cd plan && devplan goals carol >../actual) &&
	test_cmp expect actual
'

test_expect_success 'goals --all lists everyone, by person then due date' '
	cat >expect <<-\EOF &&
	GOAL              STATUS     PROGRESS  DUE                   TITLE
	alice/old-goal    active     50%       2026-01-15 (overdue)  Run a design review
	alice/learn-rust  active     30%       2027-06-30            Become fluent in Rust
	alice/someday     draft      0%        -                     Someday, maybe
	carol/mentor      proposed*  0%        2027-01-31            Mentor a new joiner
	* proposed: waiting for its owner to accept or decline it
	EOF
	(cd plan && devplan goals --all >../actual) &&
	test_cmp expect actual
'

test_expect_success 'done and dropped goals show with --all-status or --status' '
	cat >expect <<-\EOF &&
	GOAL              STATUS  PROGRESS  DUE                   TITLE
	alice/finished    done    100%      2026-01-01            Write the on-call guide
	alice/old-goal    active  50%       2026-01-15 (overdue)  Run a design review
	alice/learn-rust  active  30%       2027-06-30            Become fluent in Rust
	alice/someday     draft   0%        -                     Someday, maybe
	EOF
	(cd plan && devplan goals --all-status >../actual) &&
	test_cmp expect actual &&
	(cd plan && devplan goals --status done >../actual) &&
	test_grep "^alice/finished " actual
'

test_expect_success 'goals --status filters' '
	cat >expect <<-\EOF &&
	GOAL              STATUS  PROGRESS  DUE                   TITLE
	alice/old-goal    active  50%       2026-01-15 (overdue)  Run a design review
	alice/learn-rust  active  30%       2027-06-30            Become fluent in Rust
	EOF
	(cd plan && devplan goals --status active >../actual) &&
	test_cmp expect actual
'

test_expect_success 'a goal is overdue only once its due date has passed' '
	(cd plan && DEVPLAN_TODAY=2026-01-15 devplan goals >../actual) &&
	test_grep -v "overdue" actual &&
	(cd plan && DEVPLAN_TODAY=2027-07-01 devplan goals --status active >../actual) &&
	test_grep "2027-06-30 (overdue)" actual &&
	test_grep "2026-01-15 (overdue)" actual
'

test_expect_success PTY 'on a terminal, overdue is red' '
	esc=$(printf "\033") &&
	(cd plan && TERM=xterm DEVPLAN_PAGER=cat on_terminal "$DEVPLAN" goals >../out) &&
	test_grep "^alice/old-goal    active  50%       ${esc}\[31m2026-01-15 (overdue)${esc}\[m  Run a design review" out &&
	test_grep "^alice/learn-rust  active  30%       2027-06-30            Become fluent in Rust" out
'

test_expect_success PTY 'NO_COLOR turns colour off' '
	(cd plan && NO_COLOR=1 TERM=xterm DEVPLAN_PAGER=cat on_terminal "$DEVPLAN" goals >../out) &&
	test_grep "^alice/old-goal    active  50%       2026-01-15 (overdue)  Run" out
'

test_expect_success PTY 'on a terminal the table goes through the pager' '
	(cd plan && TERM=xterm DEVPLAN_PAGER="sed -e s/^/paged:/" \
		on_terminal "$DEVPLAN" goals >../out) &&
	test_grep "^paged:GOAL " out &&
	test_grep "^paged:alice/learn-rust " out
'

test_expect_success 'goals --format json' '
	cat >expect <<-\EOF &&
	[
	  {
	    "person": "alice",
	    "slug": "old-goal",
	    "path": "people/alice/goals/old-goal.md",
	    "title": "Run a design review",
	    "status": "active",
	    "type": "experience",
	    "progress": 50,
	    "due": "2026-01-15",
	    "overdue": true,
	    "actions_done": 0,
	    "actions_total": 0,
	    "competencies": []
	  },
	  {
	    "person": "alice",
	    "slug": "learn-rust",
	    "path": "people/alice/goals/learn-rust.md",
	    "title": "Become fluent in Rust",
	    "status": "active",
	    "type": "skill",
	    "progress": 30,
	    "due": "2027-06-30",
	    "overdue": false,
	    "actions_done": 1,
	    "actions_total": 2,
	    "competencies": [
	      "systems-programming"
	    ]
	  }
	]
	EOF
	(cd plan && devplan goals --status active --format json >../actual) &&
	test_cmp expect actual
'

test_expect_success 'goals --format json: no due date is null' '
	(cd plan && devplan goals --status draft --format json >../actual) &&
	test_grep "\"due\": null" actual &&
	test_grep "\"overdue\": false" actual
'

test_expect_success 'no goals: nothing on stdout, a note on stderr, exit 0' '
	(cd plan && devplan goals bob >../actual 2>../err) &&
	test_cmp /dev/null actual &&
	echo "no goals" >expect &&
	test_cmp expect err
'

test_expect_success 'no goals as JSON is an empty array' '
	(cd plan && devplan goals bob --format json >../actual) &&
	echo "[]" >expect &&
	test_cmp expect actual
'

test_expect_success '--as picks whose goals are listed' '
	(cd plan && devplan --as carol goals >../actual) &&
	test_grep "^carol/mentor " actual &&
	test_grep -v "^alice/" actual
'

test_expect_success 'an unknown person is an error (exit 1)' '
	(cd plan && test_expect_code 1 devplan goals zed >../out 2>../err) &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: unknown person .zed." err
'

test_expect_success 'an invalid person id is an error (exit 1)' '
	(cd plan && test_expect_code 1 devplan goals ../x 2>../err) &&
	test_grep "^devplan: error: " err
'

test_expect_success 'who you are must be known without a person (exit 3)' '
	(cd plan && GIT_AUTHOR_EMAIL=nobody@example.com &&
	 export GIT_AUTHOR_EMAIL &&
	 test_expect_code 3 devplan goals >../out 2>../err) &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: .*nobody@example.com" err
'

test_expect_success 'without an identity a named person still works' '
	(cd plan && GIT_AUTHOR_EMAIL=nobody@example.com devplan goals carol >../actual) &&
	test_grep "^carol/mentor " actual
'

test_expect_success 'an unknown status is a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals --status finished 2>../err) &&
	test_grep "^devplan: error: unknown status .finished." err &&
	test_grep "^usage: devplan goals" err
'

test_expect_success 'an unknown format is a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals --format xml 2>../err) &&
	test_grep "^devplan: error: unknown format .xml." err
'

test_expect_success 'a person and --all together are a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals --all carol 2>../err) &&
	test_grep "^devplan: error: " err
'

test_expect_success 'two people are a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals alice carol 2>../err) &&
	test_grep "^devplan: error: too many arguments" err
'

test_expect_success 'an unknown option is a usage error (exit 2)' '
	(cd plan && test_expect_code 2 devplan goals --bogus 2>../err) &&
	test_grep "^devplan: error: unknown option .--bogus." err
'

test_expect_success 'a malformed goal is reported, the rest listed, exit 1' '
	(cd plan &&
	 printf -- "---\ntitle: [unclosed\nstatus: active\n---\n" \
		>people/carol/goals/broken.md &&
	 test_expect_code 1 devplan goals carol >../actual 2>../err) &&
	rm plan/people/carol/goals/broken.md &&
	test_grep "^carol/mentor " actual &&
	test_grep "^devplan: error: people/carol/goals/broken.md:[0-9]" err
'

test_expect_success 'goals changes nothing' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 devplan goals --all >/dev/null &&
	 test_unchanged "$head")
'

test_done
