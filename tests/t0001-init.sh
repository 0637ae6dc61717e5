#!/bin/sh
test_description='devplan init'
. "$TEST_SRCDIR/test-lib.sh"

test_expect_success 'init creates a plan repository with one commit' '
	devplan init plan --org "Acme Robotics" >out &&
	test_grep "Initialized plan repository for \"Acme Robotics\"" out &&
	cd plan &&
	test_commit_count 1 &&
	git log -1 --format=%B >msg &&
	cat >expect <<-\EOF &&
	init: create plan repository for "Acme Robotics"

	Devplan-Record: devplan.yaml

	EOF
	test_cmp expect msg &&
	git show --name-only --format= HEAD >files &&
	cat >expect <<-\EOF &&
	.gitattributes
	.gitignore
	devplan.yaml
	framework/competencies.yaml
	framework/roles/.gitkeep
	people/.gitkeep
	EOF
	test_cmp expect files &&
	test_unchanged "$(git rev-parse HEAD)"
'

test_expect_success 'devplan.yaml names the org and the schema' '
	cat >expect <<-\EOF &&
	# devplan repository settings. Edit by hand or with `devplan set devplan.yaml`.
	org: Acme Robotics
	schema: 1
	policy:
	  # People who may change anyone'"'"'s records (person ids).
	  admins: []
	  # A manager'"'"'s review is asked for changes to goals.
	  review: goals
	EOF
	test_cmp expect plan/devplan.yaml
'

test_expect_success '.gitattributes names the records merge driver' '
	test_grep "^people/\*\*/\*.md merge=devplan" plan/.gitattributes &&
	test_grep "^/.devplan/private/" plan/.gitignore
'

test_expect_success 'a second init refuses and changes nothing' '
	head=$(git -C plan rev-parse HEAD) &&
	test_expect_code 1 devplan init plan 2>err &&
	test_grep "devplan: error: .*devplan.yaml.* already exists" err &&
	(cd plan && test_unchanged $head)
'

test_expect_success 'init in the current folder defaults the org to its name' '
	mkdir acme-labs && cd acme-labs &&
	devplan init >/dev/null &&
	test_grep "^org: acme-labs$" devplan.yaml
'

test_expect_success 'init in an existing git repository keeps its files' '
	git init -q existing && cd existing &&
	echo "*.pdf binary" >.gitattributes &&
	echo "notes" >README &&
	git add . && git commit -qm "first" &&
	devplan init --org Acme >/dev/null &&
	test_commit_count 2 &&
	test_grep "^\*.pdf binary$" .gitattributes &&
	test_grep "merge=devplan" .gitattributes &&
	test_grep "^notes$" README
'

test_expect_success 'init refuses to commit uncommitted edits to .gitignore' '
	git init -q dirty && cd dirty &&
	echo "*.o" >.gitignore &&
	git add . && git commit -qm "first" &&
	echo "my-wip" >>.gitignore &&
	test_expect_code 1 devplan init --org Acme 2>err &&
	test_grep "^devplan: error: .*\.gitignore" err &&
	test_commit_count 1 &&
	test ! -e devplan.yaml &&
	git show HEAD:.gitignore >committed &&
	test_grep -v "my-wip" committed &&
	test_grep "^my-wip$" .gitignore
'

test_expect_success 'init with an empty org is refused' '
	test_expect_code 1 devplan init empty-org --org "" 2>err &&
	test_grep "organisation name is empty" err
'

test_expect_success 'usage errors exit 2' '
	test_expect_code 2 devplan init a b 2>err &&
	test_grep "too many arguments" err &&
	test_expect_code 2 devplan init --bogus 2>err &&
	test_grep "unknown option" err
'

test_expect_success 'the repository a template override changes' '
	devplan init tmpl --org T >/dev/null && cd tmpl &&
	mkdir -p .devplan/templates &&
	printf -- "---\ntitle: \"\"\nstatus: active\ncreated: \"\"\nprogress: 0\n# our own template\n---\nOur goal template.\n" >.devplan/templates/goal.md &&
	git add .devplan && git commit -qm "our goal template" &&
	devplan new-person zoe --name Zoe --email author@example.com >/dev/null &&
	devplan new-goal "Learn Go" >/dev/null &&
	test_grep "^# our own template$" people/zoe/goals/learn-go.md &&
	test_grep "^Our goal template.$" people/zoe/goals/learn-go.md
'

test_done
