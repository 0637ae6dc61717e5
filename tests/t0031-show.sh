#!/bin/sh
test_description='devplan show'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup: a goal written by hand, with comments and quoting' '
	setup_plan &&
	cd plan &&
	mkdir -p people/alice/goals &&
	cat >people/alice/goals/learn-rust.md <<-\EOF &&
	---
	# my main goal this year
	title: "Become fluent in Rust"
	status: active   # not blocked any more
	type: skill
	created: 2026-11-01
	due: 2027-06-30
	progress: 30
	competencies: [systems-programming]
	actions:
	  - title: Read the Rust book
	    due: 2027-01-31
	    resource: https://doc.rust-lang.org/book/
	    done: true
	  - title: Pair on the parser rewrite
	    done: false
	success: Ship one production feature in Rust
	budget: "42"
	hours: 12
	mentor:
	extra: {a: 1, b: [x, "y"]}
	---
	Why this matters to me: "systems" work, café talk.
	EOF
	mkdir -p people/carol/goals &&
	cat >people/carol/goals/learn-go.md <<-\EOF &&
	---
	title: Learn Go
	status: active
	type: skill
	created: 2026-11-01
	progress: 0
	---
	EOF
	cp people/carol/goals/learn-go.md people/carol/goals/learn-git.md &&
	git add people &&
	git commit -q -m "goals by hand"
'

test_expect_success 'show person/goal prints the file as written' '
	(cd plan && devplan show alice/learn-rust >../actual) &&
	test_cmp plan/people/alice/goals/learn-rust.md actual
'

test_expect_success 'show by path, from the top and relative to a subfolder' '
	(cd plan && devplan show people/alice/goals/learn-rust.md >../actual) &&
	test_cmp plan/people/alice/goals/learn-rust.md actual &&
	(cd plan/people/alice && devplan show goals/learn-rust.md >../../../actual) &&
	test_cmp plan/people/alice/goals/learn-rust.md actual
'

test_expect_success 'show a bare goal name or prefix among your own goals' '
	(cd plan && devplan show learn-rust >../actual) &&
	test_cmp plan/people/alice/goals/learn-rust.md actual &&
	(cd plan && devplan show alice/learn >../actual) &&
	test_cmp plan/people/alice/goals/learn-rust.md actual
'

test_expect_success 'show a person shows their profile' '
	(cd plan && devplan show carol >../actual) &&
	test_cmp plan/people/carol/profile.md actual
'

test_expect_success 'show works without a known identity' '
	(cd plan && GIT_AUTHOR_EMAIL=nobody@example.com \
		devplan show carol/learn-go >../actual) &&
	test_cmp plan/people/carol/goals/learn-go.md actual
'

test_expect_success STRACE 'show person/goal reads no profile, even for an unknown identity' '
	cd plan &&
	# LeakSanitizer cannot run under ptrace.
	GIT_AUTHOR_EMAIL=talent@example.com \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -e trace=open,openat -o ../trace \
		"$DEVPLAN" show alice/learn-rust >../out &&
	test_grep "^title:" ../out &&
	test_grep -v "profile.md" ../trace
'

test_expect_success 'show --format json converts the front matter' '
	cat >expect <<-\EOF &&
	{
	  "path": "people/alice/goals/learn-rust.md",
	  "kind": "goal",
	  "fields": {
	    "title": "Become fluent in Rust",
	    "status": "active",
	    "type": "skill",
	    "created": "2026-11-01",
	    "due": "2027-06-30",
	    "progress": 30,
	    "competencies": [
	      "systems-programming"
	    ],
	    "actions": [
	      {
	        "title": "Read the Rust book",
	        "due": "2027-01-31",
	        "resource": "https://doc.rust-lang.org/book/",
	        "done": true
	      },
	      {
	        "title": "Pair on the parser rewrite",
	        "done": false
	      }
	    ],
	    "success": "Ship one production feature in Rust",
	    "budget": "42",
	    "hours": 12,
	    "mentor": null,
	    "extra": {
	      "a": 1,
	      "b": [
	        "x",
	        "y"
	      ]
	    }
	  },
	  "body": "Why this matters to me: \"systems\" work, café talk.\n"
	}
	EOF
	(cd plan && devplan show alice/learn-rust --format json >../actual) &&
	test_cmp expect actual
'

test_expect_success 'show --format json of a YAML record has no body' '
	(cd plan && devplan show devplan.yaml --format json >../actual) &&
	test_grep "^  \"path\": \"devplan.yaml\",$" actual &&
	test_grep "^  \"kind\": \"config\",$" actual &&
	test_grep "^  \"body\": null$" actual
'

test_expect_success 'show --format markdown is the default' '
	(cd plan && devplan show alice/learn-rust --format markdown >../actual) &&
	test_cmp plan/people/alice/goals/learn-rust.md actual
'

test_expect_success 'an unknown record is an error (exit 1)' '
	(cd plan && test_expect_code 1 devplan show alice/nothing >../out 2>../err) &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: " err
'

test_expect_success 'an ambiguous prefix is an error naming the candidates' '
	(cd plan && test_expect_code 1 devplan show carol/learn-g >../out 2>../err) &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: " err &&
	test_grep "learn-go" err &&
	test_grep "learn-git" err
'

test_expect_success 'a path outside the records is refused (exit 1)' '
	(cd plan && test_expect_code 1 devplan show ../../etc/passwd >../out 2>../err) &&
	test_cmp /dev/null out &&
	test_grep "^devplan: error: " err
'

test_expect_success 'a record that cannot be parsed is refused with its position' '
	(cd plan &&
	 printf -- "---\ntitle: [unclosed\n---\nbody\n" >people/carol/goals/broken.md &&
	 test_expect_code 1 devplan show carol/broken >../out1 2>../err1 &&
	 test_expect_code 1 devplan show carol/broken --format json >../out2 2>../err2) &&
	rm plan/people/carol/goals/broken.md &&
	test_cmp /dev/null out1 &&
	test_cmp /dev/null out2 &&
	test_grep "^devplan: error: people/carol/goals/broken.md:[23]:[0-9]*: " err1 &&
	test_cmp err1 err2
'

test_expect_success 'an invalid but readable record is shown as written' '
	(cd plan &&
	 sed -e "s/^due: .*/due: 2027-13-45/" people/alice/goals/learn-rust.md \
		>people/carol/goals/bad-date.md &&
	 devplan show carol/bad-date >../actual &&
	 devplan show carol/bad-date --format json >../json &&
	 rm people/carol/goals/bad-date.md) &&
	sed -e "s/^due: .*/due: 2027-13-45/" plan/people/alice/goals/learn-rust.md >expect &&
	test_cmp expect actual &&
	test_grep "^    \"due\": \"2027-13-45\",$" json
'

test_expect_success 'usage errors (exit 2)' '
	(cd plan &&
	 test_expect_code 2 devplan show 2>../err1 &&
	 test_expect_code 2 devplan show alice carol 2>../err2 &&
	 test_expect_code 2 devplan show alice --format html 2>../err3) &&
	test_grep "^usage: devplan show" err1 &&
	test_grep "^devplan: error: too many arguments" err2 &&
	test_grep "^devplan: error: unknown format .html." err3
'

test_expect_success '--as an unknown person is an error' '
	(cd plan && test_expect_code 1 devplan --as zed show alice 2>../err) &&
	test_grep "^devplan: error: unknown person .zed." err
'

test_expect_success 'show changes nothing' '
	(cd plan && head=$(git rev-parse HEAD) &&
	 devplan show alice/learn-rust --format json >/dev/null &&
	 test_unchanged "$head")
'

test_done
