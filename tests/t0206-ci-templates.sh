#!/bin/sh
test_description='templates/ci: every devplan command of the CI templates runs, in order, on a plan'
. "$TEST_SRCDIR/test-lib.sh"

templates="$TEST_SRCDIR/../templates/ci"

# extract FILE: the devplan command lines of the template's run: (GitHub)
# or script: (GitLab) entries, in file order, one per line. With python3
# and PyYAML the file is parsed as YAML; else the lines are picked out.
extract() {
	if python3 -c "import yaml" 2>/dev/null; then
		python3 - "$1" <<-\PY
		import sys, yaml
		doc = yaml.safe_load(open(sys.argv[1]))
		cmds = []
		def add(text):
		    for line in str(text).splitlines():
		        line = line.strip()
		        if line.startswith(("devplan ", "if devplan ")):
		            cmds.append(line)
		if "jobs" in doc:  # GitHub Actions
		    for job in doc["jobs"].values():
		        for step in job.get("steps", []):
		            if "run" in step:
		                add(step["run"])
		else:  # GitLab CI: jobs are the keys that hold a script
		    for name, job in doc.items():
		        if isinstance(job, dict) and not name.startswith("."):
		            for line in job.get("script", []):
		                add(line)
		print("\n".join(cmds))
		PY
	else
		sed -n -e "s/^ *run: *\(\(if \)*devplan .*\)$/\1/p" \
			-e "s/^ *- *\(\(if \)*devplan .*\)$/\1/p" "$1"
	fi
}

# The plan's people commit their own changes (audit, which the templates
# run, holds a committer who is no person in the plan to account).
GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

test_expect_success 'setup: a demo plan, and devplan on PATH as CI has it' '
	setup_plan &&
	(
		cd plan &&
		devplan new-goal "Learn Rust" --due 2027-06-30 --action "Read the book" >/dev/null &&
		devplan progress learn-rust 40 >/dev/null
	) &&
	mkdir bin &&
	ln -s "$DEVPLAN" bin/devplan
'

test_expect_success 'github-pages.yml: check, audit, render, due' '
	extract "$templates/github-pages.yml" >cmds &&
	cat >expect <<-\EOF &&
	devplan check --format github
	if devplan help audit >/dev/null 2>&1; then devplan audit; fi
	devplan render -o site
	if devplan help due >/dev/null 2>&1; then devplan due; fi
	EOF
	test_cmp expect cmds
'

test_expect_success 'gitlab-ci.yml: codequality report, audit, pages into public/, due' '
	extract "$templates/gitlab-ci.yml" >cmds &&
	cat >expect <<-\EOF &&
	devplan check --format codequality >gl-code-quality-report.json
	if devplan help audit >/dev/null 2>&1; then devplan audit; fi
	devplan render -o public
	if devplan help due >/dev/null 2>&1; then devplan due; fi
	EOF
	test_cmp expect cmds
'

# run_template FILE: runs its devplan lines in order in a fresh clone, as
# the CI job would, stopping at the first that fails.
run_template() {
	rm -rf ci && git clone -q plan ci &&
	extract "$1" >cmds &&
	(
		cd ci &&
		PATH="$TRASH_DIRECTORY/bin:$PATH" &&
		export PATH &&
		while IFS= read -r line; do
			echo "+ $line" &&
			sh -c "$line" || { echo "failed: $line" >&2; exit 1; }
		done <../cmds
	)
}

test_expect_success 'the GitHub template runs on the plan and renders the site' '
	run_template "$templates/github-pages.yml" >out &&
	test_grep "^+ devplan render -o site$" out &&
	test -s ci/site/index.html &&
	test -s ci/site/people/alice/index.html
'

test_expect_success 'the GitLab template writes a Code Quality report and public/' '
	run_template "$templates/gitlab-ci.yml" >out &&
	python3 -c "import json, sys; assert json.load(open(sys.argv[1])) == []" \
		ci/gl-code-quality-report.json &&
	test -s ci/public/index.html &&
	test -s ci/public/people/alice/goals/learn-rust.html
'

test_expect_success 'a bad record fails the GitHub check step with an annotation' '
	rm -rf ci && git clone -q plan bad && (
		cd bad &&
		sed -i "s/^progress: .*/progress: 140/" people/alice/goals/learn-rust.md &&
		git commit -qam "bad hand edit" &&
		test_expect_code 1 "$DEVPLAN" check --format github >../annot
	) &&
	test_grep "^::error file=people/alice/goals/learn-rust.md,line=[0-9]*" annot
'

test_done
