/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/layout.h"
#include "devplan/record.h"
#include "devplan/util.h"
#include "test.h"

static struct dp_layout lo;

/* dp_record_validate for the record at `path`, taken as a `kind`. */
static int validate(struct dp_findings *f, const char *path,
		    const struct dp_doc *doc, enum dp_kind kind,
		    const struct dp_refs *refs)
{
	struct dp_ref ref;

	dp_layout_parse(&ref, &lo, path);
	ref.kind = kind;
	return dp_record_validate(f, &ref, doc, refs);
}

static int in(const char *const *list, const char *id)
{
	for (; *list; list++)
		if (!strcmp(*list, id))
			return 1;
	return 0;
}

static int person_exists(const char *id, void *data)
{
	static const char *const people[] = { "alice", "bob", "carol", NULL };

	(*(int *)data)++;
	return in(people, id);
}

static int role_exists(const char *id, void *data)
{
	static const char *const roles[] = { "senior-engineer",
					     "staff-engineer", NULL };

	(*(int *)data)++;
	return in(roles, id);
}

static int competency_exists(const char *id, void *data)
{
	static const char *const competencies[] = { "systems-programming",
						    "communication", NULL };

	(*(int *)data)++;
	return in(competencies, id);
}

static int lookups;
static const struct dp_refs refs = { person_exists, role_exists,
				     competency_exists, &lookups };

static const char goal_path[] = "people/alice/goals/learn-rust.md";
static const char goal[] = "---\n"
			   "title: Become fluent in Rust\n"
			   "status: active          # a comment\n"
			   "type: skill\n"
			   "created: 2026-11-22\n"
			   "due: 2027-06-30\n"
			   "progress: 30\n"
			   "competencies: [systems-programming]\n"
			   "actions:\n"
			   "  - title: Read the Rust book\n"
			   "    due: 2027-01-31\n"
			   "    resource: https://doc.rust-lang.org/book/\n"
			   "    done: true\n"
			   "  - title: Pair on the parser rewrite\n"
			   "    due: 2027-03-15\n"
			   "    done: false\n"
			   "success: Ship one production feature in Rust\n"
			   "my-own-key: kept as it is\n"
			   "---\n"
			   "Why this matters to me.\n";

static const char profile_path[] = "people/alice/profile.md";
static const char profile[] = "---\n"
			      "name: Alice Example\n"
			      "email: alice@example.com\n"
			      "role: senior-engineer\n"
			      "manager: bob\n"
			      "mentor: carol\n"
			      "team: Platform\n"
			      "---\n"
			      "About me.\n";

static const char role_path[] = "framework/roles/senior-engineer.md";
static const char role[] = "---\n"
			   "title: Senior Engineer\n"
			   "track: ic\n"
			   "level: 3\n"
			   "requires:\n"
			   "  systems-programming: 3\n"
			   "  communication: 2\n"
			   "next: [staff-engineer]\n"
			   "---\n"
			   "What a senior engineer does.\n";

static const char competencies_path[] = "framework/competencies.yaml";
static const char competencies[] =
    "competencies:\n"
    "  - id: systems-programming\n"
    "    name: Systems programming\n"
    "    category: technical\n"
    "    description: Writing software close to the machine.\n"
    "    levels:\n"
    "      1: Reads systems code\n"
    "      3: Ships systems features\n"
    "  - id: communication\n"
    "    name: Communication\n"
    "    category: core\n";

static const char config_path[] = "devplan.yaml";
static const char config[] = "# settings\n"
			     "org: Example Corp\n"
			     "schema: 1\n"
			     "policy:\n"
			     "  admins: [alice]\n"
			     "  review: goals\n";

/*
 * One case: `text` with `from` replaced by `to`, validated at `path`,
 * gives `want` (findings formatted and joined by newlines).
 */
struct vcase {
	const char *path, *text, *from, *to, *want;
};

static const struct vcase vcases[] = {
	/* Goals. */
	{ goal_path, goal, NULL, NULL, "" },
	{ goal_path, goal, "due: 2027-06-30", "due: 2027-13-45",
	  "people/alice/goals/learn-rust.md:6:6: due: '2027-13-45' is not a "
	  "date" },
	{ goal_path, goal, "due: 2027-06-30", "due: 2027-02-30",
	  "people/alice/goals/learn-rust.md:6:6: due: '2027-02-30' is not a "
	  "date" },
	{ goal_path, goal, "due: 2027-06-30", "due: \"\"", "" },
	{ goal_path, goal, "due: 2027-06-30", "due:", "" },
	{ goal_path, goal, "due: 2027-06-30\n", "", "" },
	{ goal_path, goal, "due: 2027-06-30", "due: 2026-01-01",
	  "people/alice/goals/learn-rust.md:6:6: warning: due: '2026-01-01' "
	  "is before created '2026-11-22'" },
	{ goal_path, goal, "progress: 30", "progress: 140",
	  "people/alice/goals/learn-rust.md:7:11: progress: '140' is not in "
	  "0..100" },
	{ goal_path, goal, "progress: 30", "progress: -1",
	  "people/alice/goals/learn-rust.md:7:11: progress: '-1' is not in "
	  "0..100" },
	{ goal_path, goal, "progress: 30", "progress: lots",
	  "people/alice/goals/learn-rust.md:7:11: progress: 'lots' is not a "
	  "number" },
	{ goal_path, goal, "progress: 30", "progress: '30'",
	  "people/alice/goals/learn-rust.md:7:11: progress: expected a "
	  "number" },
	{ goal_path, goal, "progress: 30", "progress: [30]",
	  "people/alice/goals/learn-rust.md:7:11: progress: expected a "
	  "number" },
	{ goal_path, goal, "status: active", "status: finished",
	  "people/alice/goals/learn-rust.md:3:9: status: 'finished' is not "
	  "one of proposed, draft, active, blocked, done, dropped" },
	{ goal_path, goal, "type: skill", "type: hobby",
	  "people/alice/goals/learn-rust.md:4:7: type: 'hobby' is not one of "
	  "knowledge, skill, competency, experience, career" },
	{ goal_path, goal, "title: Become fluent in Rust\n", "",
	  "people/alice/goals/learn-rust.md:1:1: title: missing required "
	  "field" },
	{ goal_path, goal, "title: Become fluent in Rust", "title: \"\"",
	  "people/alice/goals/learn-rust.md:2:8: title: must not be empty" },
	{ goal_path, goal, "created: 2026-11-22\n", "",
	  "people/alice/goals/learn-rust.md:1:1: created: missing required "
	  "field" },
	{ goal_path, goal, "success: Ship one production feature in Rust",
	  "success: [a]",
	  "people/alice/goals/learn-rust.md:17:10: success: expected text" },
	{ goal_path, goal, "competencies: [systems-programming]",
	  "competencies: [systems-programming, cooking]",
	  "people/alice/goals/learn-rust.md:8:37: competencies[1]: unknown "
	  "competency 'cooking'" },
	{ goal_path, goal, "competencies: [systems-programming]",
	  "competencies: systems-programming",
	  "people/alice/goals/learn-rust.md:8:15: competencies: expected a "
	  "list" },
	{ goal_path, goal, "competencies: [systems-programming]",
	  "competencies: [Systems Programming]",
	  "people/alice/goals/learn-rust.md:8:16: competencies[0]: 'Systems "
	  "Programming' is not a valid id" },
	{ goal_path, goal, "competencies: [systems-programming]",
	  "competencies: []", "" },
	{ goal_path, goal, "    done: true", "    done: yes",
	  "people/alice/goals/learn-rust.md:13:11: actions[0].done: 'yes' is "
	  "not true or false" },
	{ goal_path, goal, "    due: 2027-03-15", "    due: 2027-02-30",
	  "people/alice/goals/learn-rust.md:15:10: actions[1].due: "
	  "'2027-02-30' is not a date" },
	{ goal_path, goal, "  - title: Pair on the parser rewrite\n",
	  "  - resource: a talk\n",
	  "people/alice/goals/learn-rust.md:14:5: actions[1].title: missing "
	  "required field" },
	{ goal_path, goal,
	  "  - title: Pair on the parser rewrite\n"
	  "    due: 2027-03-15\n"
	  "    done: false\n",
	  "  - just a line\n",
	  "people/alice/goals/learn-rust.md:14:5: actions[1]: expected a "
	  "mapping" },
	{ goal_path, goal, "status: active", "status: proposed",
	  "people/alice/goals/learn-rust.md:1:1: proposed-by: missing "
	  "required field (the goal is proposed)" },
	{ goal_path, goal, "status: active",
	  "status: proposed\nproposed-by: bob", "" },
	{ goal_path, goal, "status: active", "status: active\nproposed-by: zed",
	  "people/alice/goals/learn-rust.md:4:14: proposed-by: unknown person "
	  "'zed'" },
	{ goal_path, goal, "title: Become fluent in Rust\nstatus: active",
	  "status: later",
	  "people/alice/goals/learn-rust.md:1:1: title: missing required "
	  "field\n"
	  "people/alice/goals/learn-rust.md:2:9: status: 'later' is not one "
	  "of proposed, draft, active, blocked, done, dropped" },
	/* Such a path is no goal: the layout reads it as nothing (walk.c). */
	{ "people/Alice/goals/Learn.md", goal, NULL, NULL, "" },

	/* Profiles. */
	{ profile_path, profile, NULL, NULL, "" },
	{ profile_path, profile, "email: alice@example.com", "email: alice",
	  "people/alice/profile.md:3:8: email: 'alice' does not look like an "
	  "email address" },
	{ profile_path, profile, "email: alice@example.com\n", "",
	  "people/alice/profile.md:1:1: email: missing required field" },
	{ profile_path, profile, "name: Alice Example\n", "",
	  "people/alice/profile.md:1:1: name: missing required field" },
	{ profile_path, profile, "manager: bob", "manager: alice",
	  "people/alice/profile.md:5:10: manager: a person cannot be their "
	  "own manager" },
	{ profile_path, profile, "mentor: carol", "mentor: alice",
	  "people/alice/profile.md:6:9: mentor: a person cannot be their own "
	  "mentor" },
	{ profile_path, profile, "manager: bob", "manager: zed",
	  "people/alice/profile.md:5:10: manager: unknown person 'zed'" },
	{ profile_path, profile, "mentor: carol", "mentor: \"\"", "" },
	{ profile_path, profile, "role: senior-engineer", "role: astronaut",
	  "people/alice/profile.md:4:7: role: unknown role 'astronaut'" },
	{ profile_path, profile, "role: senior-engineer",
	  "role: Senior Engineer",
	  "people/alice/profile.md:4:7: role: 'Senior Engineer' is not a "
	  "valid id" },
	{ profile_path, profile, "team: Platform", "team: {a: b}",
	  "people/alice/profile.md:7:7: team: expected text" },

	/* Roles. */
	{ role_path, role, NULL, NULL, "" },
	{ role_path, role, "track: ic", "track: wizard",
	  "framework/roles/senior-engineer.md:3:8: track: 'wizard' is not one "
	  "of ic, management" },
	{ role_path, role, "level: 3", "level: 21",
	  "framework/roles/senior-engineer.md:4:8: level: '21' is not in "
	  "1..20" },
	{ role_path, role, "  communication: 2", "  communication: 11",
	  "framework/roles/senior-engineer.md:7:18: requires.communication: "
	  "'11' is not in 1..10" },
	{ role_path, role, "  communication: 2", "  cooking: 2",
	  "framework/roles/senior-engineer.md:7:3: requires.cooking: unknown "
	  "competency 'cooking'" },
	{ role_path, role, "next: [staff-engineer]",
	  "next: [staff-engineer, ceo]",
	  "framework/roles/senior-engineer.md:8:24: next[1]: unknown role "
	  "'ceo'" },
	{ role_path, role,
	  "requires:\n  systems-programming: 3\n  communication: 2\n",
	  "requires: [a]\n",
	  "framework/roles/senior-engineer.md:5:11: requires: expected a "
	  "mapping" },
	{ role_path, role, "title: Senior Engineer\n", "",
	  "framework/roles/senior-engineer.md:1:1: title: missing required "
	  "field" },

	/* The competency catalog. */
	{ competencies_path, competencies, NULL, NULL, "" },
	{ competencies_path, competencies, "category: core", "category: soft",
	  "framework/competencies.yaml:11:15: competencies[1].category: 'soft' "
	  "is not one of core, technical, specialised" },
	{ competencies_path, competencies, "id: communication",
	  "id: systems-programming",
	  "framework/competencies.yaml:9:9: competencies[1].id: "
	  "'systems-programming' is already used by competencies[0]" },
	{ competencies_path, competencies, "id: communication",
	  "id: Communication",
	  "framework/competencies.yaml:9:9: competencies[1].id: "
	  "'Communication' is not a valid id" },
	{ competencies_path, competencies, "      3: Ships", "      11: Ships",
	  "framework/competencies.yaml:8:7: competencies[0].levels.11: '11' "
	  "is not in 1..10" },
	{ competencies_path, competencies, "    name: Communication\n", "",
	  "framework/competencies.yaml:9:5: competencies[1].name: missing "
	  "required field" },
	{ competencies_path, "competencies: []\n", NULL, NULL, "" },
	{ competencies_path, "other: 1\n", NULL, NULL,
	  "framework/competencies.yaml:1:1: competencies: missing required "
	  "field" },

	/* devplan.yaml */
	{ config_path, config, NULL, NULL, "" },
	{ config_path, config, "schema: 1", "schema: 2",
	  "devplan.yaml:3:9: schema: '2' is not supported (expected 1)" },
	{ config_path, config, "org: Example Corp", "org: \"\"",
	  "devplan.yaml:2:6: warning: org: should not be empty" },
	{ config_path, config, "  admins: [alice]", "  admins: [alice, zed]",
	  "" }, /* admins may be named before their profiles exist */
	{ config_path, config, "policy:\n  admins: [alice]\n  review: goals\n",
	  "policy: strict\n", "devplan.yaml:4:9: policy: expected a mapping" },
	{ config_path, config, "schema: 1\n", "schema: 1\nlayout: grouped\n",
	  "" },
	{ config_path, config, "schema: 1\n", "schema: 1\nlayout: flat\n", "" },
	{ config_path, config, "schema: 1\n", "schema: 1\nlayout: spiral\n",
	  "devplan.yaml:4:9: layout: 'spiral' is not one of flat, grouped" },
};

/* `text` with the first `from` replaced by `to`, into `out`. */
static void mutate(struct dp_buf *out, const char *text, const char *from,
		   const char *to)
{
	const char *at = from ? strstr(text, from) : NULL;

	dp_buf_reset(out);
	if (!at) {
		if (from)
			printf("# '%s' not found in the sample\n", from);
		dp_buf_adds(out, text);
		return;
	}
	dp_buf_add(out, text, (size_t)(at - text));
	dp_buf_adds(out, to);
	dp_buf_adds(out, at + strlen(from));
}

static void format_all(struct dp_buf *out, const struct dp_findings *f)
{
	dp_buf_reset(out);
	for (size_t i = 0; i < f->len; i++) {
		if (i)
			dp_buf_addch(out, '\n');
		dp_finding_format(out, &f->items[i]);
	}
}

/* Whether one of the findings in `want` is an error, not a warning. */
static int has_error(const char *want)
{
	int lines = *want ? 1 : 0, warnings = 0;

	for (const char *p = want; *p; p++)
		lines += *p == '\n';
	for (const char *p = want; (p = strstr(p, ": warning: ")); p++)
		warnings++;
	return lines > warnings;
}

static void test_validate(void)
{
	struct dp_buf text = DP_BUF_INIT, got = DP_BUF_INIT;

	for (size_t i = 0; i < sizeof(vcases) / sizeof(vcases[0]); i++) {
		const struct vcase *c = &vcases[i];
		enum dp_kind kind = dp_kind_from_path(&lo, c->path);
		struct dp_findings f = DP_FINDINGS_INIT;
		struct dp_doc doc = DP_DOC_INIT;
		int ret;

		mutate(&text, c->text, c->from, c->to);
		if (dp_doc_parse(&doc, c->path, text.ptr, text.len,
				 dp_kind_mode(kind)) < 0) {
			printf("# %s\n", dp_error_last());
			CHECK(!"sample parses");
			continue;
		}
		ret = validate(&f, c->path, &doc, kind, &refs);
		format_all(&got, &f);
		CHECK_STR(got.ptr, c->want);
		CHECK_INT(ret, has_error(c->want) ? DP_EINVALID : 0);
		dp_findings_release(&f);
		dp_doc_release(&doc);
	}
	dp_buf_release(&text);
	dp_buf_release(&got);
}

/* Grouped: the person a profile belongs to comes from people/<g>/<id>/. */
static void test_validate_grouped(void)
{
	static const char path[] = "people/79/alice/profile.md";
	struct dp_buf text = DP_BUF_INIT, got = DP_BUF_INIT;
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_doc doc = DP_DOC_INIT;

	lo.grouped = 1;
	mutate(&text, profile, "manager: bob", "manager: alice");
	CHECK_INT(
	    dp_doc_parse(&doc, path, text.ptr, text.len, DP_DOC_FRONT_MATTER),
	    0);
	CHECK_INT(validate(&f, path, &doc, dp_kind_from_path(&lo, path), &refs),
		  DP_EINVALID);
	format_all(&got, &f);
	CHECK_STR(got.ptr, "people/79/alice/profile.md:5:10: manager: a person "
			   "cannot be their own manager");
	lo.grouped = 0;
	dp_findings_release(&f);
	dp_doc_release(&doc);
	dp_buf_release(&got);
	dp_buf_release(&text);
}

/* Without refs (or with NULL callbacks) references are not checked. */
static void test_no_refs(void)
{
	static const struct dp_refs only_people = { person_exists, NULL, NULL,
						    &lookups };
	struct dp_buf text = DP_BUF_INIT, got = DP_BUF_INIT;
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_doc doc = DP_DOC_INIT;

	mutate(&text, profile, "role: senior-engineer", "role: astronaut");
	CHECK_INT(dp_doc_parse(&doc, profile_path, text.ptr, text.len,
			       DP_DOC_FRONT_MATTER),
		  0);
	lookups = 0;
	CHECK_INT(validate(&f, profile_path, &doc, DP_KIND_PROFILE, NULL), 0);
	CHECK_INT(f.len, 0);
	CHECK_INT(lookups, 0);
	CHECK_INT(
	    validate(&f, profile_path, &doc, DP_KIND_PROFILE, &only_people), 0);
	CHECK_INT(f.len, 0);
	CHECK_INT(lookups, 2); /* manager and mentor */
	dp_doc_release(&doc);

	/* Findings add up across records; the return is per record. */
	mutate(&text, profile, "manager: bob", "manager: zed");
	dp_doc_parse(&doc, profile_path, text.ptr, text.len,
		     DP_DOC_FRONT_MATTER);
	CHECK_INT(validate(&f, profile_path, &doc, DP_KIND_PROFILE, &refs),
		  DP_EINVALID);
	dp_doc_release(&doc);
	dp_doc_parse(&doc, role_path, role, strlen(role), DP_DOC_FRONT_MATTER);
	CHECK_INT(validate(&f, role_path, &doc, DP_KIND_ROLE, &refs), 0);
	format_all(&got, &f);
	CHECK_STR(
	    got.ptr,
	    "people/alice/profile.md:5:10: manager: unknown person 'zed'");
	CHECK_INT(f.errors, 1);

	dp_doc_release(&doc);
	dp_findings_release(&f);
	dp_buf_release(&text);
	dp_buf_release(&got);
}

static void test_kinds(void)
{
	static const struct {
		const char *path;
		enum dp_kind kind;
	} paths[] = {
		{ "devplan.yaml", DP_KIND_CONFIG },
		{ "framework/competencies.yaml", DP_KIND_COMPETENCIES },
		{ "framework/roles/staff-engineer.md", DP_KIND_ROLE },
		{ "people/alice/profile.md", DP_KIND_PROFILE },
		{ "people/alice/goals/learn-rust.md", DP_KIND_GOAL },
		{ "people/alice/goals/.md", DP_KIND_UNKNOWN },
		{ "people/alice/goals/x.txt", DP_KIND_UNKNOWN },
		{ "people/alice/goals/a/b.md", DP_KIND_UNKNOWN },
		{ "people/../goals/x.md", DP_KIND_UNKNOWN },
		{ "people//profile.md", DP_KIND_UNKNOWN },
		{ "people/alice/swot.md", DP_KIND_SWOT },
		{ "people/alice/career-map.md", DP_KIND_CAREER_MAP },
		{ "people/alice/skills.md", DP_KIND_SKILLS },
		{ "people/alice/journal.md", DP_KIND_JOURNAL },
		{ "people/alice/conversations/2026-11-29.md",
		  DP_KIND_CONVERSATION },
		{ "people/alice/notes/2026-11-29-idea.md", DP_KIND_NOTE },
		{ "people/alice/swot.md/x.md", DP_KIND_UNKNOWN },
		{ "people/alice/conversations/a/b.md", DP_KIND_UNKNOWN },
		{ "people/alice/profile.md/", DP_KIND_UNKNOWN },
		{ "/devplan.yaml", DP_KIND_UNKNOWN },
		{ "sub/devplan.yaml", DP_KIND_UNKNOWN },
		{ "framework/roles/.md", DP_KIND_UNKNOWN },
		{ "framework/roles", DP_KIND_UNKNOWN },
		{ "README.md", DP_KIND_UNKNOWN },
		{ "", DP_KIND_UNKNOWN },
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		test_point(dp_kind_from_path(&lo, paths[i].path) ==
			       paths[i].kind,
			   __FILE__, __LINE__, paths[i].path);
	/* The grouped layout: people/<first two characters>/<id>/. */
	{
		static const struct {
			const char *path;
			enum dp_kind kind;
		} grouped[] = {
			{ "people/79/alice/profile.md", DP_KIND_PROFILE },
			{ "people/79/alice/goals/learn-rust.md", DP_KIND_GOAL },
			{ "people/95/x/profile.md", DP_KIND_PROFILE },
			{ "people/95/x/goals/g.md", DP_KIND_GOAL },
			{ "people/17/x-a/profile.md", DP_KIND_PROFILE },
			{ "people/00/alice/profile.md", DP_KIND_UNKNOWN },
			{ "people/x/x/profile.md", DP_KIND_UNKNOWN },
			{ "people/alice/profile.md", DP_KIND_UNKNOWN },
			{ "people/alice/goals/learn-rust.md", DP_KIND_UNKNOWN },
			{ "people/79/alice/goals/a/b.md", DP_KIND_UNKNOWN },
			{ "people/79/alice/swot.md", DP_KIND_SWOT },
			{ "people/alice/swot.md", DP_KIND_UNKNOWN },
			{ "devplan.yaml", DP_KIND_CONFIG },
			{ "framework/roles/staff-engineer.md", DP_KIND_ROLE },
		};

		CHECK_INT(lo.grouped, 0);
		lo.grouped = 1;
		CHECK_INT(lo.grouped, 1);
		for (size_t i = 0; i < sizeof(grouped) / sizeof(grouped[0]);
		     i++)
			test_point(dp_kind_from_path(&lo, grouped[i].path) ==
				       grouped[i].kind,
				   __FILE__, __LINE__, grouped[i].path);
		lo.grouped = 0;
		CHECK(dp_kind_from_path(&lo, "people/79/alice/profile.md") ==
		      DP_KIND_UNKNOWN);
	}
	CHECK_STR(dp_kind_name(DP_KIND_GOAL), "goal");
	CHECK_STR(dp_kind_name(DP_KIND_PROFILE), "profile");
	CHECK_STR(dp_kind_name(DP_KIND_ROLE), "role");
	CHECK_STR(dp_kind_name(DP_KIND_COMPETENCIES), "competencies");
	CHECK_STR(dp_kind_name(DP_KIND_CONFIG), "config");
	CHECK_STR(dp_kind_name(DP_KIND_UNKNOWN), "record");
	CHECK(dp_kind_mode(DP_KIND_CONFIG) == DP_DOC_YAML);
	CHECK(dp_kind_mode(DP_KIND_COMPETENCIES) == DP_DOC_YAML);
	CHECK(dp_kind_mode(DP_KIND_GOAL) == DP_DOC_FRONT_MATTER);
	CHECK(dp_kind_mode(DP_KIND_ROLE) == DP_DOC_FRONT_MATTER);
	CHECK_STR(dp_goal_statuses[0], "proposed");
	CHECK(dp_goal_statuses[6] == NULL);
	CHECK_STR(dp_goal_types[4], "career");
	CHECK(dp_goal_types[5] == NULL);
	CHECK_STR(dp_competency_categories[2], "specialised");
	CHECK_STR(dp_role_tracks[1], "management");
	CHECK_STR(dp_layouts[0], "flat");
	CHECK_STR(dp_layouts[1], "grouped");
	CHECK(dp_layouts[2] == NULL);
}

/*
 * One set_field case: on `text` of `kind`, field=value gives `ret`; on
 * success the line `line` is in the new text (and the record still
 * validates), on failure the message is `line` and the text is unchanged.
 */
struct scase {
	enum dp_kind kind;
	const char *field, *value;
	int ret;
	const char *line;
};

static const struct scase scases[] = {
	{ DP_KIND_GOAL, "progress", "40", 0, "\nprogress: 40\n" },
	{ DP_KIND_GOAL, "progress", "040", 0, "\nprogress: 40\n" },
	{ DP_KIND_GOAL, "progress", "100", 0, "\nprogress: 100\n" },
	{ DP_KIND_GOAL, "progress", "140", DP_EINVALID,
	  "progress: '140' is not in 0..100" },
	{ DP_KIND_GOAL, "progress", "lots", DP_EINVALID,
	  "progress: 'lots' is not a number" },
	{ DP_KIND_GOAL, "progress", "", 0, "\nprogress: \"\"\n" },
	{ DP_KIND_GOAL, "due", "2027-02-30", DP_EINVALID,
	  "due: '2027-02-30' is not a date" },
	{ DP_KIND_GOAL, "due", "2027-09-30", 0, "\ndue: 2027-09-30\n" },
	{ DP_KIND_GOAL, "due", "", 0, "\ndue: \"\"\n" },
	{ DP_KIND_GOAL, "created", "", DP_EINVALID,
	  "created: must not be empty" },
	{ DP_KIND_GOAL, "status", "finished", DP_EINVALID,
	  "status: 'finished' is not one of proposed, draft, active, blocked, "
	  "done, dropped" },
	{ DP_KIND_GOAL, "status", "done", 0,
	  "\nstatus: done          # a comment\n" },
	{ DP_KIND_GOAL, "type", "career", 0, "\ntype: career\n" },
	{ DP_KIND_GOAL, "actions[1].done", "yes", 0,
	  "\n    due: 2027-03-15\n    done: true\n" },
	{ DP_KIND_GOAL, "actions[0].done", "no", 0,
	  "\n    done: false\nsuccess" },
	{ DP_KIND_GOAL, "actions[0].done", "maybe", DP_EINVALID,
	  "actions[0].done: 'maybe' is not one of true, false, yes, no" },
	{ DP_KIND_GOAL, "actions[0].due", "2027-13-01", DP_EINVALID,
	  "actions[0].due: '2027-13-01' is not a date" },
	{ DP_KIND_GOAL, "actions[0].title", "", DP_EINVALID,
	  "actions[0].title: must not be empty" },
	{ DP_KIND_GOAL, "competencies", "systems-programming,communication", 0,
	  "\ncompetencies: [systems-programming, communication]\n" },
	{ DP_KIND_GOAL, "competencies", " communication , ", 0,
	  "\ncompetencies: [communication]\n" },
	{ DP_KIND_GOAL, "competencies", "a,Not An Id", DP_EINVALID,
	  "competencies: 'Not An Id' is not a valid id" },
	{ DP_KIND_GOAL, "actions", "x", DP_EINVALID,
	  "actions: cannot set a list from text" },
	{ DP_KIND_GOAL, "title", "Rust: the sequel", 0, NULL },
	{ DP_KIND_GOAL, "proposed-by", "Bob", DP_EINVALID,
	  "proposed-by: 'Bob' is not a valid id" },
	{ DP_KIND_GOAL, "my-own-key", "12", 0, NULL },
	{ DP_KIND_PROFILE, "email", "not-an-email", DP_EINVALID,
	  "email: 'not-an-email' does not look like an email address" },
	{ DP_KIND_PROFILE, "manager", "carol", 0, "\nmanager: carol\n" },
	{ DP_KIND_PROFILE, "mentor", "", 0, "\nmentor: \"\"\n" },
	{ DP_KIND_ROLE, "level", "5", 0, "\nlevel: 5\n" },
	{ DP_KIND_ROLE, "level", "0", DP_EINVALID,
	  "level: '0' is not in 1..20" },
	{ DP_KIND_ROLE, "requires.communication", "4", 0,
	  "\n  communication: 4\n" },
	{ DP_KIND_ROLE, "requires.communication", "11", DP_EINVALID,
	  "requires.communication: '11' is not in 1..10" },
	{ DP_KIND_ROLE, "requires.Cooking", "2", DP_EINVALID,
	  "requires.Cooking: 'Cooking' is not a valid id" },
	{ DP_KIND_ROLE, "requires", "x", DP_EINVALID,
	  "requires: cannot set a mapping from text" },
	{ DP_KIND_ROLE, "track", "management", 0, "\ntrack: management\n" },
	{ DP_KIND_ROLE, "next", "staff-engineer", 0,
	  "\nnext: [staff-engineer]\n" },
	{ DP_KIND_COMPETENCIES, "competencies[1].category", "technical", 0,
	  "\n    category: technical\n" },
	{ DP_KIND_COMPETENCIES, "competencies[0].levels.3", "Leads", 0,
	  "\n      3: Leads\n" },
	{ DP_KIND_COMPETENCIES, "competencies[0].levels.12", "Leads",
	  DP_EINVALID, "competencies[0].levels.12: '12' is not in 1..10" },
	{ DP_KIND_CONFIG, "schema", "2", DP_EINVALID,
	  "schema: '2' is not supported (expected 1)" },
	{ DP_KIND_CONFIG, "org", "Acme", 0, "\norg: Acme\n" },
	{ DP_KIND_CONFIG, "policy.admins", "alice,bob", 0,
	  "\n  admins: [alice, bob]\n" },
};

static const char *sample(enum dp_kind kind, const char **path)
{
	switch (kind) {
	case DP_KIND_GOAL:
		*path = goal_path;
		return goal;
	case DP_KIND_PROFILE:
		*path = profile_path;
		return profile;
	case DP_KIND_ROLE:
		*path = role_path;
		return role;
	case DP_KIND_COMPETENCIES:
		*path = competencies_path;
		return competencies;
	default:
		*path = config_path;
		return config;
	}
}

static void test_set_field(void)
{
	for (size_t i = 0; i < sizeof(scases) / sizeof(scases[0]); i++) {
		const struct scase *c = &scases[i];
		struct dp_findings f = DP_FINDINGS_INIT;
		struct dp_doc doc = DP_DOC_INIT;
		const char *path, *text = sample(c->kind, &path);
		int ret;

		if (dp_doc_parse(&doc, path, text, strlen(text),
				 dp_kind_mode(c->kind)) < 0) {
			printf("# %s\n", dp_error_last());
			CHECK(!"sample parses");
			continue;
		}
		dp_error_clear();
		ret = dp_record_set_field(&doc, c->kind, c->field, c->value);
		CHECK_INT(ret, c->ret);
		if (ret < 0) {
			CHECK_STR(dp_error_last(), c->line);
			CHECK_STR(doc.text.ptr, text);
		} else {
			if (c->line && !strstr(doc.text.ptr, c->line))
				printf("# no [%s] in:\n%s", c->line,
				       doc.text.ptr);
			CHECK(!c->line || strstr(doc.text.ptr, c->line));
			CHECK_INT(validate(&f, path, &doc, c->kind, NULL), 0);
		}
		dp_findings_release(&f);
		dp_doc_release(&doc);
	}
}

/* Values that must come back as the same text, quoted as needed. */
static void test_set_text(void)
{
	struct dp_doc doc = DP_DOC_INIT;
	const struct dp_node *n;

	dp_doc_parse(&doc, goal_path, goal, strlen(goal), DP_DOC_FRONT_MATTER);
	CHECK_INT(dp_record_set_field(&doc, DP_KIND_GOAL, "title",
				      "Rust: the sequel"),
		  0);
	CHECK_STR(dp_doc_str(&doc, "title"), "Rust: the sequel");
	n = dp_doc_lookup(&doc, "title");
	CHECK(n && n->style != DP_STYLE_PLAIN);

	CHECK_INT(dp_record_set_field(&doc, DP_KIND_GOAL, "my-own-key", "12"),
		  0);
	CHECK_STR(dp_doc_str(&doc, "my-own-key"), "12");
	n = dp_doc_lookup(&doc, "my-own-key");
	CHECK(n && n->style != DP_STYLE_PLAIN);

	/* A new unknown key is a typo: refused, with the nearest field. */
	CHECK_INT(dp_record_set_field(&doc, DP_KIND_GOAL, "mood", "yes"),
		  DP_ENOTFOUND);
	CHECK_STR(dp_error_last(), "'mood' is not a field of a goal");
	CHECK_INT(dp_record_set_field(&doc, DP_KIND_GOAL, "stauts", "done"),
		  DP_ENOTFOUND);
	CHECK_STR(dp_error_last(), "'stauts' is not a field of a goal; did you "
				   "mean 'status'?");
	CHECK(!dp_doc_lookup(&doc, "mood"));

	/* Typed values are written plain. */
	CHECK_INT(dp_record_set_field(&doc, DP_KIND_GOAL, "progress", "55"), 0);
	n = dp_doc_lookup(&doc, "progress");
	CHECK(n && n->style == DP_STYLE_PLAIN);
	CHECK_STR(dp_doc_str(&doc, "progress"), "55");
	CHECK_INT(
	    dp_record_set_field(&doc, DP_KIND_GOAL, "actions[0].done", "NO"),
	    0);
	CHECK_STR(dp_doc_str(&doc, "actions[0].done"), "false");
	n = dp_doc_lookup(&doc, "actions[0].done");
	CHECK(n && n->style == DP_STYLE_PLAIN);

	/* The body and the comment are untouched. */
	CHECK(strstr(doc.text.ptr, "# a comment\n"));
	CHECK(dp_ends_with(doc.text.ptr, "---\nWhy this matters to me.\n"));
	dp_doc_release(&doc);
}

int main(void)
{
	test_kinds();
	test_validate();
	test_validate_grouped();
	test_no_refs();
	test_set_field();
	test_set_text();
	return test_done();
}
