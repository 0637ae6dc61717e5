#!/bin/sh
test_description='the owner'"'"'s rights, attribution, and contradictory states'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'setup' '
	setup_plan plan && cd plan &&
	devplan new-goal "Learn Rust" --action "Read the book" >/dev/null &&
	devplan --as bob new-goal --for alice "Lead an incident review" >/dev/null
'

test_expect_success 'a manager cannot change a report'"'"'s goal' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan --as bob set alice/learn-rust progress=90 2>err &&
	test_grep "^devplan: error: .people/alice/goals/learn-rust.md. is alice.s: only alice may change it" err &&
	test_grep "you are .bob." err &&
	test_expect_code 1 devplan --as bob done alice/learn-rust 2>err &&
	test_expect_code 1 devplan --as bob progress alice/learn-rust 50 2>err &&
	test_expect_code 1 devplan --as bob action add alice/learn-rust "Do it" 2>err &&
	test_expect_code 1 devplan --as bob set alice email=bob2@example.com 2>err &&
	test_unchanged $head
'

test_expect_success 'a proposer cannot activate their own proposal' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan --as bob set alice/lead status=active 2>err &&
	test_grep "only alice may change it" err &&
	test_expect_code 1 devplan --as bob accept alice/lead 2>err &&
	test_grep "only .alice. can answer" err &&
	test_unchanged $head
'

test_expect_success 'only the manager chain may propose' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan --as carol new-goal --for alice "Do my work" 2>err &&
	test_grep "only alice.s managers may propose goals to them; you are .carol." err &&
	test_unchanged $head &&
	devplan new-person dana --name "Dana Director" --email dana@example.com >/dev/null &&
	devplan --as bob set bob manager=dana >/dev/null &&
	devplan --as dana new-goal --for alice "Mentor an intern" >out &&
	test_grep "^Proposed alice/mentor-an-intern" out
'

test_expect_success '--as names the author; the git user stays the committer' '
	cd plan &&
	git log -1 --format="%an <%ae>|%cn <%ce>|%s" >actual &&
	echo "Dana Director <dana@example.com>|C O Mitter <committer@example.com>|goal(alice): propose \"Mentor an intern\"" >expect &&
	test_cmp expect actual &&
	devplan accept alice/mentor >/dev/null &&
	git log -1 --format="%an|%s" >actual &&
	echo "A U Thor|goal(alice): accept \"Mentor an intern\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'admins own the framework once named' '
	cd plan &&
	devplan set devplan.yaml "policy.admins=dana" >/dev/null &&
	test_grep "admins: \[dana\]" devplan.yaml &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan new-role lead --title Lead 2>err &&
	test_grep "only the admins (dana) may add the framework and devplan.yaml; you are .alice." err &&
	test_expect_code 1 devplan new-person erin --name Erin --email erin@example.com 2>err &&
	test_grep "only the admins (dana) may add people" err &&
	test_unchanged $head &&
	GIT_AUTHOR_EMAIL=dana@example.com devplan new-role lead --title Lead >/dev/null &&
	GIT_AUTHOR_EMAIL=dana@example.com devplan set alice/learn-rust progress=5 >/dev/null &&
	test_grep "^progress: 5$" people/alice/goals/learn-rust.md
'

test_expect_success 'once admins are named, only they act for others (--as)' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan --as bob new-goal --for alice "Impersonated" 2>err &&
	test_grep "^devplan: error: --as: only the admins (dana) may act for someone else; you are .alice.$" err &&
	test_unchanged $head &&
	GIT_AUTHOR_EMAIL=dana@example.com devplan --as bob new-goal --for carol "Pair with Alice" >/dev/null &&
	git log -1 --format="%an|%s" >actual &&
	echo "Bob Manager|goal(carol): propose \"Pair with Alice\"" >expect &&
	test_cmp expect actual
'

test_expect_success 'the owner does not move their own manager or forge a proposer' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan set alice manager=carol 2>err &&
	test_grep "people/alice/profile.md: manager: only the admins (dana) may change who manages whom" err &&
	test_expect_code 1 devplan set alice/lead proposed-by=carol 2>err &&
	test_grep "proposed-by: only the admins (dana) may change who proposed a goal" err &&
	test_unchanged $head
'

test_expect_success 'comments are never changed or removed, even by hand' '
	cd plan &&
	GIT_AUTHOR_EMAIL=dana@example.com devplan comment alice/learn-rust -m "Nice start" >/dev/null &&
	c=$(ls people/alice/comments/*.md | head -n 1) &&
	head=$(git rev-parse HEAD) &&
	sed -i "s/Nice start/Alice deserves a promotion/" "$c" &&
	test_expect_code 1 devplan commit 2>err &&
	test_grep "is a comment: comments are never changed or removed once written" err &&
	git checkout -- "$c" &&
	rm "$c" &&
	test_expect_code 1 devplan commit "$c" 2>err &&
	test_grep "is a comment" err &&
	git checkout -- "$c" &&
	test_unchanged $head
'

test_expect_success 'set refuses a field the kind does not have, suggesting one' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan set alice/learn-rust stauts=done 2>err &&
	echo "devplan: error: '"'"'stauts'"'"' is not a field of a goal; did you mean '"'"'status'"'"'?" >expect &&
	test_cmp expect err &&
	test_expect_code 1 devplan set alice/learn-rust mood=great 2>err &&
	test_grep "'"'"'mood'"'"' is not a field of a goal$" err &&
	test_unchanged $head
'

test_expect_success 'a key written by hand is kept and may be set' '
	cd plan &&
	sed -i "s/^success:/mood: fine\nsuccess:/" people/alice/goals/learn-rust.md &&
	devplan commit alice/learn-rust >/dev/null &&
	devplan set alice/learn-rust mood=great >/dev/null &&
	test_grep "^mood: great$" people/alice/goals/learn-rust.md
'

test_expect_success 'done with open actions names them; --force overrides' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan done alice/learn-rust 2>err &&
	test_grep "has 1 open action: 1 \"Read the book\"; tick them off" err &&
	test_unchanged $head &&
	devplan done --force alice/learn-rust >/dev/null &&
	test_grep "^status: done$" people/alice/goals/learn-rust.md
'

test_expect_success 'progress on a done goal, done on a proposal: refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan progress alice/learn-rust 50 2>err &&
	test_grep "is done: reopen it first" err &&
	test_expect_code 1 devplan done alice/lead 2>err &&
	test_grep "is proposed: its owner accepts it first" err &&
	test_unchanged $head
'

test_expect_success 'changing the layout in devplan.yaml is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	GIT_AUTHOR_EMAIL=dana@example.com test_expect_code 1 devplan set devplan.yaml layout=grouped 2>err &&
	test_grep "layout: cannot change from flat to grouped here" err &&
	test_unchanged $head
'

test_expect_success 'a second profile with one email is refused when written' '
	cd plan && head=$(git rev-parse HEAD) &&
	GIT_AUTHOR_EMAIL=dana@example.com test_expect_code 1 devplan new-person alice2 --name A --email author@example.com 2>err &&
	test_grep "email: .author@example.com. is also the email of alice" err &&
	test_unchanged $head
'

test_expect_success 'titles: spaces trimmed, newlines and tabs folded' '
	cd plan &&
	devplan new-goal "  Ship	the
parser  " >out &&
	test_grep "^Added alice/ship-the-parser" out &&
	test_grep "^title: Ship the parser$" people/alice/goals/ship-the-parser.md &&
	git log -1 --format=%s >subject &&
	echo "goal(alice): add \"Ship the parser\"" >expect &&
	test_cmp expect subject
'

test_expect_success 'a new plan'"'"'s named admin adds their own profile' '
	devplan init boot --org Boot --admin tina >/dev/null &&
	(cd boot &&
	 devplan new-person tina --name Tina --email tina@example.com >/dev/null &&
	 test_expect_code 3 devplan new-person tom --name Tom --email tom@example.com 2>../err &&
	 GIT_AUTHOR_EMAIL=tina@example.com devplan new-person tom --name Tom --email tom@example.com >/dev/null) &&
	test_grep "no person has the email .author@example.com." err &&
	test -f boot/people/tom/profile.md &&
	(cd boot && GIT_AUTHOR_EMAIL=tom@example.com test_expect_code 1 devplan new-person una --name Una --email una@example.com 2>../err) &&
	test_grep "only the admins (tina) may add people; you are .tom." err
'

test_done
