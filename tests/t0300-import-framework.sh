#!/bin/sh
test_description='devplan import-framework'
. "$TEST_SRCDIR/test-lib.sh"

FIX="$TEST_SRCDIR/fixtures"

test_expect_success 'setup' '
	devplan init plan --org Acme >/dev/null
'

# fresh DIR: a new plan repository in DIR.
fresh() {
	rm -rf "$1" && devplan init "$1" --org Acme >/dev/null
}

test_expect_success 'FT: 8 roles and 9 competencies in one commit naming the source' '
	fresh ft && cd ft &&
	devplan import-framework "$FIX/ft-engineering-progression/converted.csv" >out &&
	test_grep "Imported 8 roles (8 added, 0 updated), 9 competencies (9 added, 0 updated)" out &&
	test_commit_count 2 &&
	git log -1 --format=%s >subject &&
	echo "framework: import 8 roles, 9 competencies from converted.csv" >expect &&
	test_cmp expect subject &&
	git log -1 --format=%B >msg &&
	test_grep "^Devplan-Import-Source: $FIX/ft-engineering-progression/converted.csv$" msg &&
	test_grep "^  technical: 2$" framework/roles/junior.md &&
	test_grep "^family: Engineering$" framework/roles/junior.md &&
	devplan check >/dev/null
'

test_expect_success 'importing twice changes nothing' '
	cd ft && head=$(git rev-parse HEAD) &&
	devplan import-framework "$FIX/ft-engineering-progression/converted.csv" >out &&
	test_grep "nothing to import" out &&
	test_unchanged $head
'

test_expect_success 'a changed row updates one line in place' '
	cd ft &&
	sed "s/^Engineering,junior,Junior Engineer,1,planning-organising,Planning and Organising,/Engineering,junior,Junior Engineer,1,planning-organising,Planning and organising,/" \
		"$FIX/ft-engineering-progression/converted.csv" >../ft2.csv &&
	! cmp -s ../ft2.csv "$FIX/ft-engineering-progression/converted.csv" &&
	devplan import-framework --dry-run ../ft2.csv >../dry &&
	test_grep "update competency planning-organising" ../dry &&
	test_grep "name: \"Planning and Organising\" -> \"Planning and organising\"" ../dry &&
	head=$(git rev-parse HEAD) && test_unchanged $head &&
	devplan import-framework ../ft2.csv >out &&
	commit_stat >stat &&
	test_grep "1 file changed, 1 insertion(+), 1 deletion(-)" stat &&
	git log -1 --format=%s >subject &&
	echo "framework: import 1 competency from ft2.csv" >expect &&
	test_cmp expect subject
'

test_expect_success '--dry-run writes nothing' '
	fresh dry && cd dry && head=$(git rev-parse HEAD) &&
	devplan import-framework -n "$FIX/indrive-crafters-ladders/converted.csv" >../out &&
	test_grep "framework/roles/junior-engineer.md: add role \"Junior Engineer\"" ../out &&
	test_grep "Would import 14 roles" ../out &&
	test_unchanged $head &&
	! test -e framework/roles/junior-engineer.md
'

test_expect_success 'FT legacy, inDrive, UNiDAYS, Snowflake import and check' '
	fresh many && cd many &&
	devplan import-framework "$FIX/ft-engineering-progression/converted-legacy.csv" >out &&
	test_grep "Imported 4 roles (4 added, 0 updated), 4 competencies" out &&
	devplan import-framework "$FIX/indrive-crafters-ladders/converted.csv" >out &&
	test_grep "Imported 14 roles (14 added, 0 updated), 18 competencies" out &&
	devplan import-framework "$FIX/unidays-competency-framework/converted.csv" >out &&
	test_grep "Imported 41 roles (40 added, 1 updated), 20 competencies" out &&
	devplan import-framework "$FIX/medium-snowflake/converted.csv" >out &&
	test_grep "Imported 0 roles (0 added, 0 updated), 16 competencies" out &&
	devplan check >/dev/null &&
	test_commit_count 5
'

test_expect_success 'UNiDAYS: the catalog with named levels, emoji kept' '
	fresh uni && cd uni &&
	devplan import-framework "$FIX/unidays-competency-framework/competencies.csv" >out &&
	test_grep "25 competencies (25 added" out &&
	test_grep "name: 😀 Attitude$" framework/competencies.yaml
'

test_expect_success 'Snowflake titles: refused, naming the missing column' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan import-framework "$FIX/medium-snowflake/titles.csv" 2>err &&
	test_grep "titles.csv:1:1: no competency column (competency, skill, theme, area or attribute) in the header \"title,min_points,max_points\"" err &&
	test_unchanged $head
'

test_expect_success 'Monzo folder: each topic a competency, each level a role' '
	fresh monzo && cd monzo &&
	devplan import-framework "$FIX/monzo-progression-framework" >out &&
	test_grep "Imported 29 roles (29 added, 0 updated), 27 competencies" out &&
	test_grep "^title: Backend level 3$" framework/roles/backend-3.md &&
	test_grep "^next: \[backend-4\]$" framework/roles/backend-3.md &&
	test_grep "^  backend-communication: 3$" framework/roles/backend-3.md &&
	devplan check >/dev/null &&
	head=$(git rev-parse HEAD) &&
	devplan import-framework "$FIX/monzo-progression-framework" >out &&
	test_grep "nothing to import" out && test_unchanged $head
'

test_expect_success 'Novoda: levels: 5 with content 2-6 warns and imports levels 2-6' '
	fresh nov && cd nov &&
	devplan import-framework "$FIX/novoda-progression-framework/operations/ops-leadership.md" >out 2>err &&
	test_grep "ops-leadership.md:7:9: warning: levels: 5, but the topics describe levels 2-6" err &&
	test -e framework/roles/ops-leadership-6.md &&
	! test -e framework/roles/ops-leadership-1.md
'

test_expect_success 'Novoda: a role file without topics is refused alone, skipped in a folder' '
	cd nov && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan import-framework "$FIX/novoda-progression-framework/design/junior-product-designer.md" 2>err &&
	test_grep "junior-product-designer.md:1:1: no competencies found" err &&
	test_unchanged $head &&
	devplan import-framework "$FIX/novoda-progression-framework" >out 2>err &&
	test_grep "junior-product-designer.md:1:1: warning: skipped: no competencies found" err
'

test_expect_success 'Novoda: the whole folder at once, a catalog over 64 KiB' '
	fresh novall && cd novall &&
	devplan import-framework "$FIX/novoda-progression-framework" >out 2>err &&
	test_grep "Imported 53 roles (53 added, 0 updated), 43 competencies (43 added, 0 updated)" out &&
	test_grep "trainee-product-designer.md:1:1: warning: skipped: no competencies found" err &&
	test_grep "generic.md:7:9: warning: levels: 6, but the topics describe levels 1-3" err &&
	test "$(wc -c <framework/competencies.yaml)" -gt 65536 &&
	test_grep "^  - id: producers-works-through-others$" framework/competencies.yaml &&
	test_grep "^  people-conduct: 1$" framework/roles/people-1.md &&
	test_commit_count 2 &&
	git show --stat --format= HEAD >stat &&
	test_grep "54 files changed" stat &&
	devplan check >out 2>&1 &&
	test_grep "checked 55 records: 0 errors, 0 warnings" out &&
	devplan show framework/roles/producers-5.md >/dev/null &&
	head=$(git rev-parse HEAD) &&
	devplan import-framework "$FIX/novoda-progression-framework" >out 2>/dev/null &&
	test_grep "nothing to import" out && test_unchanged $head
'

test_expect_success 'a file of another format is refused at 1:1, nothing written' '
	cd novall && head=$(git rev-parse HEAD) &&
	echo "{\"roles\": []}" >../roles.json &&
	test_expect_code 1 devplan import-framework ../roles.json 2>err &&
	test_grep "^devplan: error: ../roles.json:1:1: not a spreadsheet (.csv, .tsv) or Markdown role file (.md)$" err &&
	test_unchanged $head
'

test_expect_success 'InfraCloud: front matter without competencies is refused' '
	cd plan && head=$(git rev-parse HEAD) &&
	test_expect_code 1 devplan import-framework "$FIX/infracloud-career-ladders/engineering/engineer.md" 2>err &&
	test_grep "engineer.md:1:1: no competencies found" err &&
	test_expect_code 1 devplan import-framework "$FIX/infracloud-career-ladders" 2>err &&
	test_grep "error: .*engineer.md:1:1: no competencies found" err &&
	test_unchanged $head
'

test_expect_success 'hostile: a title full of ../ becomes a plain id' '
	fresh host && cd host &&
	printf "role,competency,required level\n../../../etc/passwd,../../x,2\n" >../evil.csv &&
	devplan import-framework ../evil.csv >out &&
	test -e framework/roles/etc-passwd.md &&
	test_grep "^  x: 2$" framework/roles/etc-passwd.md &&
	! test -e ../etc
'

test_expect_success 'hostile: control characters are refused with line and column' '
	cd host && head=$(git rev-parse HEAD) &&
	printf "role,competency,required level\nA,B,1\n\"Eng\033[31m\",C,2\n" >../ctl.csv &&
	test_expect_code 1 devplan import-framework ../ctl.csv 2>err &&
	test_grep "ctl.csv:3:1: role: a control character (0x1b) in a name" err &&
	test_unchanged $head
'

test_expect_success 'hostile: a 50 MB file is refused over the size limit' '
	cd host && head=$(git rev-parse HEAD) &&
	{ echo "role,competency,required level" &&
	  dd if=/dev/zero bs=1048576 count=50 2>/dev/null | tr "\\000" "a"; } >../big.csv &&
	test_expect_code 1 devplan import-framework ../big.csv 2>err &&
	test_grep "too large" err &&
	rm -f ../big.csv &&
	test_unchanged $head
'

test_expect_success 'CSV: BOM, CRLF, TSV, quoted newlines and synonyms' '
	fresh tsv && cd tsv &&
	printf "\357\273\277Job Title\tSkill\tExpected Level\tDetails\r\nSenior Dev\tRust 🦀\t3\t\"line one\r\nline two\"\r\n" >../f.tsv &&
	devplan import-framework ../f.tsv >out &&
	test_grep "^title: Senior Dev$" framework/roles/senior-dev.md &&
	test_grep "^  rust: 3$" framework/roles/senior-dev.md &&
	test_grep "Rust 🦀" framework/competencies.yaml
'

test_expect_success 'CSV: a missing required level and a doubled column are refused' '
	cd tsv && head=$(git rev-parse HEAD) &&
	printf "role,competency,description\nA,B,x\n" >../noreq.csv &&
	test_expect_code 1 devplan import-framework ../noreq.csv 2>err &&
	test_grep "noreq.csv:1:1: no required-level column" err &&
	printf "Role,Job Title,skill,level required\nA,A,B,1\n" >../dup.csv &&
	test_expect_code 1 devplan import-framework ../dup.csv 2>err &&
	test_grep "dup.csv:1:2: columns 1 and 2 both name the role (header: \"Role,Job Title,skill,level required\")" err &&
	test_unchanged $head
'

test_expect_success 'check warns when a role requires more than 20 competencies' '
	fresh wide && cd wide &&
	{ echo "role,competency,required level" &&
	  for i in $(seq 1 21); do echo "Wide,c$i,1"; done; } >../wide.csv &&
	devplan import-framework ../wide.csv >out 2>err &&
	devplan check >out 2>&1 &&
	test_grep "framework/roles/wide.md:.*warning: requires: 21 competencies; a role should need at most 20" out
'

test_expect_success 'usage: no source' '
	cd plan &&
	test_expect_code 2 devplan import-framework 2>err &&
	test_grep "usage: devplan import-framework" err
'

test_done
