#!/bin/sh
test_description='scalars typed alike by devplan, its JSON and other YAML readers'
. "$TEST_SRCDIR/test-lib.sh"

# PyYAML (python3-yaml) reads YAML 1.1, as Hugo, Jekyll and Ruby do.
if python3 -c 'import yaml' 2>/dev/null; then
	have_pyyaml=1
else
	have_pyyaml=
fi

# test_expect_success_pyyaml 'description' 'shell code': as
# test_expect_success, reported "ok N # SKIP" when PyYAML is missing.
test_expect_success_pyyaml() {
	if [ -n "$have_pyyaml" ]; then
		test_expect_success "$@"
	else
		test_count=$((test_count + 1))
		echo "ok $test_count # SKIP $1 (python3 -c 'import yaml' fails)"
	fi
}

# pyyaml FILE PATH...: the front-matter value at a key path, as PyYAML
# reads it, printed as Python's repr (10, '10', True).
pyyaml() {
	python3 - "$@" <<-\EOF
	import sys, yaml
	text = open(sys.argv[1], encoding="utf-8").read()
	if text.startswith("---\n"):
	    text = text.split("\n---\n", 1)[0][4:]
	value = yaml.safe_load(text)
	for key in sys.argv[2:]:
	    value = value[key]
	print(repr(value))
	EOF
}

test_expect_success 'setup' '
	setup_plan plan && exclude_scratch plan &&
	(cd plan && devplan new-goal "Learn Rust" >/dev/null)
'

test_expect_success 'new-role writes a level given as 010 as 10' '
	cd plan &&
	devplan new-role sre --title SRE --require systems-programming=010 \
		>/dev/null &&
	test_grep "^  systems-programming: 10$" framework/roles/sre.md
'

test_expect_success 'show --format json has the level as the number 10' '
	cd plan &&
	devplan show framework/roles/sre.md --format json >out &&
	test_grep "^      \"systems-programming\": 10$" out
'

test_expect_success_pyyaml 'PyYAML reads the level as 10' '
	cd plan &&
	echo 10 >expect &&
	pyyaml framework/roles/sre.md requires systems-programming >actual &&
	test_cmp expect actual
'

test_expect_success 'set progress=+05 writes 5' '
	cd plan &&
	devplan set alice/learn-rust progress=+05 >/dev/null &&
	test_grep "^progress: 5$" people/alice/goals/learn-rust.md
'

# Text that a YAML 1.1 or 1.2 reader would type otherwise is quoted.
# (The unit test of scalar.c has the full table; these go end to end.)
for v in yes Off "~" 0o17 0x1F 017 1_000 12:30:00 .inf 1e3 2027-06-30 "" \
	" lead" "a: b"; do
	test_expect_success "set success='$v' writes it quoted" "
		cd plan &&
		devplan set alice/learn-rust 'success=$v' >/dev/null &&
		grep '^success: \"' people/alice/goals/learn-rust.md &&
		devplan show alice/learn-rust --format json >out &&
		grep '^    \"success\": \"' out
	"
	test_expect_success_pyyaml "PyYAML reads success='$v' back as that text" "
		cd plan &&
		printf '%s\n' \"'$v'\" >expect &&
		pyyaml people/alice/goals/learn-rust.md success >actual &&
		test_cmp expect actual
	"
done

test_expect_success 'plain text that reads back the same stays plain' '
	cd plan &&
	devplan set alice/learn-rust "title=Learn Rust, well (2027)" >/dev/null &&
	test_grep "^title: Learn Rust, well (2027)$" people/alice/goals/learn-rust.md
'

test_expect_success 'check refuses progress: 010 and 0x1F, naming the line' '
	cd plan &&
	f=people/alice/goals/learn-rust.md &&
	cp $f before &&
	sed -e "s/^progress: .*/progress: 010/" before >$f &&
	test_expect_code 1 devplan check >all 2>&1 &&
	test_grep "$f:[0-9]*:11: progress: .010. has a leading zero" all &&
	sed -e "s/^progress: .*/progress: 0x1F/" before >$f &&
	test_expect_code 1 devplan check >all 2>&1 &&
	test_grep "$f:[0-9]*:11: progress: .0x1F. is not a decimal number (write 31)" all &&
	cp before $f
'

test_expect_success 'a tag is honoured: progress: !!str 30 is not a number' '
	cd plan &&
	f=people/alice/goals/learn-rust.md &&
	cp $f before &&
	sed -e "s/^progress: .*/progress: !!str 30/" before >$f &&
	test_expect_code 1 devplan check >all 2>&1 &&
	test_grep "progress: expected a number" all &&
	sed -e "s/^progress: .*/progress: 30/" -e "s/^success: .*/success: !!str 12/" before >$f &&
	devplan show alice/learn-rust --format json >out &&
	test_grep "^    \"success\": \"12\",\\{0,1\\}$" out &&
	test_grep "^    \"progress\": 30,$" out &&
	cp before $f
'

test_expect_success 'check warns about plain text other readers type otherwise' '
	cd plan &&
	f=people/alice/goals/learn-rust.md &&
	cp $f before &&
	sed -e "s/^success: .*/success: yes/" before >$f &&
	devplan check >all 2>&1 &&
	test_grep "$f:[0-9]*:10: warning: success: .yes. is read as a boolean by YAML 1.1 readers; quote it" all &&
	cp before $f
'

test_expect_success 'a tag the value does not fit is refused' '
	cd plan &&
	f=people/alice/goals/learn-rust.md &&
	cp $f before &&
	sed -e "s/^progress: .*/progress: !!int abc/" before >$f &&
	test_expect_code 1 devplan check >all 2>&1 &&
	test_grep "abc. is not a valid !!int" all &&
	cp before $f
'

test_done
