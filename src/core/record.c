/* SPDX-License-Identifier: MIT */
#include "devplan/record.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devplan/buf.h"
#include "devplan/date.h"
#include "devplan/scalar.h"
#include "devplan/slug.h"
#include "devplan/util.h"
#include "devplan/banned.h"

const char *const dp_goal_statuses[] = {
	"proposed", "draft", "active", "blocked", "done", "dropped", NULL,
};
const char *const dp_goal_types[] = {
	"knowledge", "skill", "competency", "experience", "career", NULL,
};
const char *const dp_competency_categories[] = {
	"core",
	"technical",
	"specialised",
	NULL,
};
const char *const dp_role_tracks[] = { "ic", "management", NULL };
const char *const dp_layouts[] = { "flat", "grouped", NULL };
const char *const dp_direction_types[] = { "up", "lateral", "explore", NULL };
const char *const dp_swot_quadrants[] = {
	"strengths", "weaknesses", "opportunities", "threats", NULL,
};

/*
 * The schema: what each field of each kind holds. It drives validation
 * and dp_record_set_field alike, so a field's rules live here only.
 */
enum ftype {
	T_TEXT,  /* any scalar */
	T_INT,   /* a plain integer in min..max */
	T_BOOL,  /* plain true or false */
	T_DATE,  /* YYYY-MM-DD, a real day */
	T_ENUM,  /* one of `choices` */
	T_ID,    /* an id (dp_id_valid), naming a `ref` if set */
	T_EMAIL, /* something@somewhere.tld */
	T_LIST,  /* a sequence of `item` */
	T_MAP,   /* a mapping with the fields `sub` (others allowed) */
	T_TABLE, /* a mapping of `key` to `item` */
};

enum ref { REF_NONE, REF_PERSON, REF_ROLE, REF_COMPETENCY };

#define F_REQUIRED 0x1u   /* missing or empty is an error */
#define F_WARN_EMPTY 0x2u /* with F_REQUIRED: empty is only a warning */
#define F_UNIQUE 0x4u     /* in a list of mappings: no two items share it */
#define F_NOT_SELF 0x8u   /* not the person the record belongs to */
#define F_NOT_EMPTY 0x10u /* may be missing, but not there and empty */

struct field {
	const char *name; /* key in the parent mapping; NULL ends a list */
	enum ftype type;
	unsigned flags;
	long min, max;              /* T_INT */
	const char *const *choices; /* T_ENUM */
	enum ref ref;               /* T_ID */
	const struct field *item;   /* T_LIST items, T_TABLE values */
	const struct field *key;    /* T_TABLE keys */
	const struct field *sub;    /* T_MAP fields */
};

static const struct field any_text = { .type = T_TEXT };
static const struct field admin_id = { .type = T_ID, .flags = F_REQUIRED };
static const struct field committer_email = { .type = T_EMAIL,
					      .flags = F_REQUIRED };
static const struct field role_id = { .type = T_ID,
				      .flags = F_REQUIRED,
				      .ref = REF_ROLE };
static const struct field competency_id = { .type = T_ID,
					    .flags = F_REQUIRED,
					    .ref = REF_COMPETENCY };
static const struct field level_value = {
	.type = T_INT, .flags = F_REQUIRED, .min = 1, .max = 10
};

/* devplan.yaml */
static const struct field policy_fields[] = {
	/* Ids, not checked against profiles: admins may come first. */
	{ .name = "admins", .type = T_LIST, .item = &admin_id },
	{ .name = "review", .type = T_TEXT },
	/* Committer emails devplan audit lets record others' commits. */
	{ .name = "trusted-committers",
	  .type = T_LIST,
	  .item = &committer_email },
	{ .name = NULL },
};
static const struct field config_fields[] = {
	{ .name = "org", .type = T_TEXT, .flags = F_REQUIRED | F_WARN_EMPTY },
	{ .name = "schema",
	  .type = T_INT,
	  .flags = F_REQUIRED,
	  .min = 1,
	  .max = 1 },
	{ .name = "policy", .type = T_MAP, .sub = policy_fields },
	/* Every command refuses an empty one (plan.c): so does check. */
	{ .name = "layout",
	  .type = T_ENUM,
	  .flags = F_NOT_EMPTY,
	  .choices = dp_layouts },
	{ .name = NULL },
};

/* framework/competencies.yaml */
static const struct field competency_fields[] = {
	{ .name = "id", .type = T_ID, .flags = F_REQUIRED | F_UNIQUE },
	{ .name = "name", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "category",
	  .type = T_ENUM,
	  .flags = F_REQUIRED,
	  .choices = dp_competency_categories },
	{ .name = "description", .type = T_TEXT },
	{ .name = "levels",
	  .type = T_TABLE,
	  .key = &level_value,
	  .item = &any_text },
	{ .name = NULL },
};
static const struct field competency_item = { .type = T_MAP,
					      .flags = F_REQUIRED,
					      .sub = competency_fields };
static const struct field competencies_fields[] = {
	{ .name = "competencies",
	  .type = T_LIST,
	  .flags = F_REQUIRED,
	  .item = &competency_item },
	{ .name = NULL },
};

/* framework/roles/<role>.md */
static const struct field role_fields[] = {
	{ .name = "title", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "track", .type = T_ENUM, .choices = dp_role_tracks },
	{ .name = "level", .type = T_INT, .min = 1, .max = 20 },
	{ .name = "requires",
	  .type = T_TABLE,
	  .key = &competency_id,
	  .item = &level_value },
	{ .name = "next", .type = T_LIST, .item = &role_id },
	{ .name = NULL },
};

/* people/<person>/profile.md */
static const struct field profile_fields[] = {
	{ .name = "name", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "email", .type = T_EMAIL, .flags = F_REQUIRED },
	{ .name = "role", .type = T_ID, .ref = REF_ROLE },
	{ .name = "manager",
	  .type = T_ID,
	  .flags = F_NOT_SELF,
	  .ref = REF_PERSON },
	{ .name = "mentor",
	  .type = T_ID,
	  .flags = F_NOT_SELF,
	  .ref = REF_PERSON },
	{ .name = "team", .type = T_TEXT },
	/* the git host's user name, for CODEOWNERS (devplan codeowners) */
	{ .name = "handle", .type = T_TEXT },
	{ .name = NULL },
};

/* people/<person>/goals/<slug>.md */
static const struct field action_fields[] = {
	{ .name = "title", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "due", .type = T_DATE },
	{ .name = "done", .type = T_BOOL },
	{ .name = "resource", .type = T_TEXT },
	{ .name = NULL },
};
static const struct field action_item = { .type = T_MAP,
					  .flags = F_REQUIRED,
					  .sub = action_fields };
static const struct field goal_fields[] = {
	{ .name = "title", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "status",
	  .type = T_ENUM,
	  .flags = F_REQUIRED,
	  .choices = dp_goal_statuses },
	{ .name = "type", .type = T_ENUM, .choices = dp_goal_types },
	{ .name = "created", .type = T_DATE, .flags = F_REQUIRED },
	{ .name = "due", .type = T_DATE },
	{ .name = "progress", .type = T_INT, .min = 0, .max = 100 },
	{ .name = "competencies", .type = T_LIST, .item = &competency_id },
	{ .name = "actions", .type = T_LIST, .item = &action_item },
	{ .name = "success", .type = T_TEXT },
	/* Required while the goal is proposed: see check_goal(). */
	{ .name = "proposed-by", .type = T_ID, .ref = REF_PERSON },
	{ .name = "declined", .type = T_TEXT },
	{ .name = NULL },
};

/* people/<person>/comments/<date>-<author>-<id>.md */
static const char *const comment_roles[] = { "self", "manager", "peer", "admin",
					     NULL };
static const struct field comment_fields[] = {
	{ .name = "record", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "author",
	  .type = T_ID,
	  .flags = F_REQUIRED,
	  .ref = REF_PERSON },
	{ .name = "role",
	  .type = T_ENUM,
	  .flags = F_REQUIRED,
	  .choices = comment_roles },
	{ .name = "date", .type = T_DATE, .flags = F_REQUIRED },
	{ .name = "reply-to", .type = T_TEXT },
	{ .name = "kudos", .type = T_BOOL },
	{ .name = NULL },
};

/*
 * Items of a list that two people may add to at once (directions, SWOT
 * entries, agenda items) carry a short `id` (dp_item_id), so a merge
 * tells "added on both sides" from "the same item changed".
 */
#define ITEM_ID                                                                \
	{                                                                      \
		.name = "id", .type = T_ID, .flags = F_UNIQUE                  \
	}

static const struct field person_id = { .type = T_ID,
					.flags = F_REQUIRED,
					.ref = REF_PERSON };

/* people/<person>/career-map.md */
static const struct field direction_fields[] = {
	ITEM_ID,
	{ .name = "type",
	  .type = T_ENUM,
	  .flags = F_REQUIRED,
	  .choices = dp_direction_types },
	/* A role of the framework, or an idea in words: see check_career(). */
	{ .name = "role", .type = T_ID, .ref = REF_ROLE },
	{ .name = "idea", .type = T_TEXT },
	{ .name = "horizon", .type = T_TEXT },
	{ .name = "why", .type = T_TEXT },
	{ .name = "steps", .type = T_LIST, .item = &any_text },
	{ .name = "added", .type = T_DATE },
	{ .name = NULL },
};
static const struct field direction_item = { .type = T_MAP,
					     .flags = F_REQUIRED,
					     .sub = direction_fields };
static const struct field barrier_fields[] = {
	{ .name = "internal", .type = T_LIST, .item = &any_text },
	{ .name = "external", .type = T_LIST, .item = &any_text },
	{ .name = NULL },
};
static const struct field career_map_fields[] = {
	{ .name = "role", .type = T_ID, .ref = REF_ROLE },
	{ .name = "aspirations", .type = T_TEXT },
	{ .name = "directions", .type = T_LIST, .item = &direction_item },
	{ .name = "barriers", .type = T_MAP, .sub = barrier_fields },
	{ .name = "buddy",
	  .type = T_ID,
	  .flags = F_NOT_SELF,
	  .ref = REF_PERSON },
	{ .name = NULL },
};

/* people/<person>/swot.md */
static const struct field swot_entry_fields[] = {
	ITEM_ID,
	{ .name = "text", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "added", .type = T_DATE },
	{ .name = NULL },
};
static const struct field swot_entry = { .type = T_MAP,
					 .flags = F_REQUIRED,
					 .sub = swot_entry_fields };
static const struct field swot_fields[] = {
	{ .name = "strengths", .type = T_LIST, .item = &swot_entry },
	{ .name = "weaknesses", .type = T_LIST, .item = &swot_entry },
	{ .name = "opportunities", .type = T_LIST, .item = &swot_entry },
	{ .name = "threats", .type = T_LIST, .item = &swot_entry },
	{ .name = NULL },
};

/* people/<person>/skills.md: the person's own view, never a rating. */
static const struct field assessment_fields[] = {
	{ .name = "level",
	  .type = T_INT,
	  .flags = F_REQUIRED,
	  .min = 1,
	  .max = 10 },
	{ .name = "target", .type = T_INT, .min = 1, .max = 10 },
	{ .name = "date", .type = T_DATE, .flags = F_REQUIRED },
	{ .name = NULL },
};
static const struct field assessment = { .type = T_MAP,
					 .flags = F_REQUIRED,
					 .sub = assessment_fields };
static const struct field skills_fields[] = {
	{ .name = "competencies",
	  .type = T_TABLE,
	  .key = &competency_id,
	  .item = &assessment },
	{ .name = NULL },
};

/* people/<person>/journal.md: the entries are the body's sections. */
static const struct field journal_fields[] = {
	{ .name = "title", .type = T_TEXT },
	{ .name = NULL },
};

/* people/<person>/conversations/<date>.md */
static const struct field agenda_item_fields[] = {
	ITEM_ID,
	{ .name = "text", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "done", .type = T_BOOL },
	{ .name = NULL },
};
static const struct field agenda_item = { .type = T_MAP,
					  .flags = F_REQUIRED,
					  .sub = agenda_item_fields };
static const struct field conversation_fields[] = {
	{ .name = "date", .type = T_DATE, .flags = F_REQUIRED },
	{ .name = "with", .type = T_LIST, .item = &person_id },
	{ .name = "items", .type = T_LIST, .item = &agenda_item },
	{ .name = NULL },
};

/* people/<person>/notes/<date>-<slug>.md: a note once shared. */
static const struct field note_fields[] = {
	{ .name = "title", .type = T_TEXT, .flags = F_REQUIRED },
	{ .name = "created", .type = T_DATE, .flags = F_REQUIRED },
	{ .name = "shared", .type = T_DATE },
	{ .name = NULL },
};

static const struct field kind_schema[] = {
	[DP_KIND_UNKNOWN] = { .type = T_MAP, .sub = NULL },
	[DP_KIND_CONFIG] = { .type = T_MAP, .sub = config_fields },
	[DP_KIND_COMPETENCIES] = { .type = T_MAP, .sub = competencies_fields },
	[DP_KIND_ROLE] = { .type = T_MAP, .sub = role_fields },
	[DP_KIND_PROFILE] = { .type = T_MAP, .sub = profile_fields },
	[DP_KIND_GOAL] = { .type = T_MAP, .sub = goal_fields },
	[DP_KIND_COMMENT] = { .type = T_MAP, .sub = comment_fields },
	[DP_KIND_CAREER_MAP] = { .type = T_MAP, .sub = career_map_fields },
	[DP_KIND_SWOT] = { .type = T_MAP, .sub = swot_fields },
	[DP_KIND_SKILLS] = { .type = T_MAP, .sub = skills_fields },
	[DP_KIND_JOURNAL] = { .type = T_MAP, .sub = journal_fields },
	[DP_KIND_CONVERSATION] = { .type = T_MAP, .sub = conversation_fields },
	[DP_KIND_NOTE] = { .type = T_MAP, .sub = note_fields },
};
_Static_assert(DP_ARRAY_SIZE(kind_schema) == DP_KIND_COUNT,
	       "every kind has a schema");

/* Values: the checks validation and set_field share. */

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static void add_list(struct dp_buf *out, const char *const *list)
{
	for (const char *const *p = list; *p; p++)
		dp_buf_addf(out, "%s%s", p == list ? "" : ", ", *p);
}

static int looks_like_email(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (!at || at == s || strchr(at + 1, '@'))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[],;:\"\\", *p))
			return 0;
	dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && !strstr(at, "..");
}

/* What a field holds, for "expected ..." messages. */
static void add_noun(struct dp_buf *out, const struct field *f)
{
	switch (f->type) {
	case T_TEXT:
		dp_buf_adds(out, "text");
		break;
	case T_INT:
		dp_buf_adds(out, "a number");
		break;
	case T_BOOL:
		dp_buf_adds(out, "true or false");
		break;
	case T_DATE:
		dp_buf_adds(out, "a date");
		break;
	case T_ENUM:
		dp_buf_adds(out, "one of ");
		add_list(out, f->choices);
		break;
	case T_ID:
		dp_buf_adds(out, "an id");
		break;
	case T_EMAIL:
		dp_buf_adds(out, "an email address");
		break;
	case T_LIST:
		dp_buf_adds(out, "a list");
		break;
	case T_MAP:
	case T_TABLE:
		dp_buf_adds(out, "a mapping");
		break;
	}
}

static int is_scalar_type(const struct field *f)
{
	return f->type != T_LIST && f->type != T_MAP && f->type != T_TABLE;
}

/*
 * Checks the non-empty text `s` against scalar field `f`. Text the user
 * typed (`from_user`, 0 for file contents) may also say yes/no for a
 * boolean. Returns 0 and, if `canon` is not NULL, the value to write
 * there; or -1 and the reason (without the field name) in `msg`.
 */
static int check_value(const struct field *f, const char *s, int from_user,
		       struct dp_buf *msg, struct dp_buf *canon)
{
	struct dp_buf tmp = DP_BUF_INIT;
	struct dp_date date;
	long v;
	int ret = -1;

	switch (f->type) {
	case T_INT:
		/*
		 * Typed as scalar.h does. The user may type 010 or +5 (written
		 * 10 and 5); a file must hold plain decimal digits, as YAML
		 * readers disagree on 010 (10 or octal 8) and 0o17 and some
		 * do not read 0x1F or 1_000 as numbers at all.
		 */
		if (from_user
			? dp_scalar_canonical_int(&tmp, s, &v) < 0
			: dp_scalar_type(s, DP_STYLE_PLAIN) != DP_SCALAR_INT) {
			dp_buf_addf(msg, "'%s' is not a number", s);
			goto out;
		}
		if (!from_user && dp_scalar_canonical_int(&tmp, s, &v) < 0) {
			long long ll;

			if (dp_scalar_int_value(s, &ll) < 0)
				dp_buf_addf(msg, "'%s' is out of range", s);
			else
				dp_buf_addf(msg,
					    "'%s' is not a decimal number "
					    "(write %lld)",
					    s, ll);
			goto out;
		}
		if (!from_user && strspn(s + (*s == '-' || *s == '+'), "0") &&
		    strcmp(tmp.ptr, "0")) {
			dp_buf_addf(msg,
				    "'%s' has a leading zero, which YAML 1.1 "
				    "readers take for octal (write %ld)",
				    s, v);
			goto out;
		}
		if (v < f->min || v > f->max) {
			if (f->min == f->max)
				dp_buf_addf(msg,
					    "'%s' is not supported (expected "
					    "%ld)",
					    s, f->min);
			else
				dp_buf_addf(msg, "'%s' is not in %ld..%ld", s,
					    f->min, f->max);
			goto out;
		}
		if (canon)
			dp_buf_addf(canon, "%ld", v);
		break;
	case T_BOOL:
		if (!strcmp(s, "true") || !strcmp(s, "True") ||
		    !strcmp(s, "TRUE") ||
		    (from_user && (!strcmp(s, "yes") || !strcmp(s, "Yes") ||
				   !strcmp(s, "YES")))) {
			s = "true";
		} else if (!strcmp(s, "false") || !strcmp(s, "False") ||
			   !strcmp(s, "FALSE") ||
			   (from_user &&
			    (!strcmp(s, "no") || !strcmp(s, "No") ||
			     !strcmp(s, "NO")))) {
			s = "false";
		} else {
			dp_buf_addf(msg, "'%s' is not %s", s,
				    from_user ? "one of true, false, yes, no"
					      : "true or false");
			goto out;
		}
		if (canon)
			dp_buf_adds(canon, s);
		break;
	case T_DATE:
		if (dp_date_parse(&date, s) < 0) {
			dp_buf_addf(msg, "'%s' is not a date", s);
			goto out;
		}
		break;
	case T_ENUM:
		if (!in_list(f->choices, s)) {
			dp_buf_addf(msg, "'%s' is not one of ", s);
			add_list(msg, f->choices);
			goto out;
		}
		break;
	case T_ID:
		if (!dp_id_valid(s)) {
			dp_buf_addf(msg, "'%s' is not a valid id", s);
			goto out;
		}
		break;
	case T_EMAIL:
		if (!looks_like_email(s)) {
			dp_buf_addf(
			    msg, "'%s' does not look like an email address", s);
			goto out;
		}
		break;
	default:
		break;
	}
	if (canon && !canon->len)
		dp_buf_adds(canon, s);
	ret = 0;
out:
	if (tmp.alloc)
		dp_buf_release(&tmp);
	return ret;
}

/* Validation. */

struct check {
	struct dp_findings *out;
	const char *path;
	const struct dp_refs *refs;
	const char *self;       /* the person the record belongs to, or NULL */
	dp_ref_defer_fn *defer; /* references handed on, not looked up */
	void *defer_data;
};

/* Adds "<field>: <message>" at `at`, or at 1:1 when `at` is NULL. */
static void report(struct check *c, enum dp_severity sev,
		   const struct dp_node *at, const char *field, const char *fmt,
		   ...) __attribute__((format(printf, 5, 6)));

static void report(struct check *c, enum dp_severity sev,
		   const struct dp_node *at, const char *field, const char *fmt,
		   ...)
{
	struct dp_buf msg = DP_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	dp_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	dp_findings_add(c->out, sev, c->path, at ? at->line : 1,
			at ? at->col : 1, "%s: %s", field, msg.ptr);
	dp_buf_release(&msg);
}

/* YAML's empty and null scalars: an optional field set so is absent. */
static int is_empty(const struct dp_node *n)
{
	if (n->type != DP_SCALAR)
		return 0;
	if (!n->str[0])
		return 1;
	return n->style == DP_STYLE_PLAIN &&
	       (n->str[0] == '~' || n->str[0] == 'n' || n->str[0] == 'N') &&
	       (!strcmp(n->str, "~") || !strcmp(n->str, "null") ||
		!strcmp(n->str, "Null") || !strcmp(n->str, "NULL"));
}

static void expected(struct check *c, const struct dp_node *n,
		     const struct field *f, const char *field)
{
	struct dp_buf noun = DP_BUF_INIT;

	add_noun(&noun, f);
	report(c, DP_SEV_ERROR, n, field, "expected %s", noun.ptr);
	dp_buf_release(&noun);
}

static void check_ref(struct check *c, const struct dp_node *n,
		      const struct field *f, const char *field)
{
	int (*exists)(const char *, void *) = NULL;
	const char *what = NULL;

	if (f->flags & F_NOT_SELF && c->self && !strcmp(n->str, c->self)) {
		report(c, DP_SEV_ERROR, n, field,
		       "a person cannot be their own %s", f->name);
		return;
	}
	if (!c->refs && !c->defer)
		return;
	switch (f->ref) {
	case REF_NONE:
		return;
	case REF_PERSON:
		exists = c->refs ? c->refs->person_exists : NULL;
		what = "person";
		break;
	case REF_ROLE:
		exists = c->refs ? c->refs->role_exists : NULL;
		what = "role";
		break;
	case REF_COMPETENCY:
		exists = c->refs ? c->refs->competency_exists : NULL;
		what = "competency";
		break;
	}
	if (c->defer) {
		c->defer(what, n->str, n->line, n->col, field, c->defer_data);
		return;
	}
	if (exists && !exists(n->str, c->refs->data))
		report(c, DP_SEV_ERROR, n, field, "unknown %s '%s'", what,
		       n->str);
}

static void check_node(struct check *c, const struct field *f,
		       const struct dp_node *n, struct dp_buf *field);

/*
 * Field paths grow and shrink at every field validation visits: these
 * append and cut without a call into buf.c when the buffer has room.
 */
static void path_add(struct dp_buf *field, const char *s, size_t n)
{
	if (field->alloc && field->alloc - field->len > n) {
		memcpy(field->ptr + field->len, s, n);
		field->len += n;
		field->ptr[field->len] = '\0';
	} else {
		dp_buf_add(field, s, n);
	}
}

static void path_cut(struct dp_buf *field, size_t len)
{
	if (field->alloc && len < field->alloc) {
		field->len = len;
		field->ptr[len] = '\0';
	} else {
		dp_buf_setlen(field, len);
	}
}

/* Appends "[i]" to a field path (printf is too slow for every field). */
static void add_index(struct dp_buf *field, size_t i)
{
	char digits[24];
	size_t n = sizeof(digits) - 1;

	digits[n] = ']';
	do {
		digits[--n] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	digits[--n] = '[';
	path_add(field, digits + n, sizeof(digits) - n);
}

/*
 * Text written plain that some YAML reader types otherwise (title: yes,
 * id: 1e3) reads differently in other tools: a warning, to quote it.
 */
static void check_text_typing(struct check *c, const struct dp_node *n,
			      const char *field)
{
	static const char *const nouns[] = {
		[DP_SCALAR_STR] = "text",       [DP_SCALAR_NULL] = "null",
		[DP_SCALAR_BOOL] = "a boolean", [DP_SCALAR_INT] = "a number",
		[DP_SCALAR_FLOAT] = "a number", [DP_SCALAR_DATE] = "a date",
	};
	enum dp_scalar_type t12, t11;

	if (n->style != DP_STYLE_PLAIN || n->tag ||
	    !dp_scalar_ambiguous(n->str))
		return;
	t12 = dp_scalar_type(n->str, DP_STYLE_PLAIN);
	t11 = dp_scalar_type11(n->str);
	report(c, DP_SEV_WARNING, n, field,
	       "'%s' is read as %s by YAML %s readers; quote it to keep it "
	       "text",
	       n->str, nouns[t12 != DP_SCALAR_STR ? t12 : t11],
	       t12 == DP_SCALAR_STR   ? "1.1"
	       : t11 == DP_SCALAR_STR ? "1.2"
				      : "1.1 and 1.2");
}

/* Checks a present, non-empty scalar. */
static void check_scalar(struct check *c, const struct field *f,
			 const struct dp_node *n, const char *field)
{
	struct dp_buf msg = DP_BUF_INIT;

	/* quoted or tagged: the type its tag or quotes give (!!str 30) */
	if (n->type != DP_SCALAR ||
	    ((n->style != DP_STYLE_PLAIN || n->tag) &&
	     ((f->type == T_INT && dp_node_scalar_type(n) != DP_SCALAR_INT) ||
	      (f->type == T_BOOL &&
	       dp_node_scalar_type(n) != DP_SCALAR_BOOL)))) {
		expected(c, n, f, field);
		goto out;
	}
	if (check_value(f, n->str, 0, &msg, NULL) < 0) {
		report(c, DP_SEV_ERROR, n, field, "%s", msg.ptr);
		goto out;
	}
	if (f->type != T_INT && f->type != T_BOOL && f->type != T_DATE)
		check_text_typing(c, n, field);
	if (f->type == T_ID)
		check_ref(c, n, f, field);
out:
	if (msg.alloc)
		dp_buf_release(&msg);
}

/* Checks `n`, present or NULL, as the value of `f` at `field`. */
static void check_entry(struct check *c, const struct field *f,
			const struct dp_node *n, const struct dp_node *parent,
			struct dp_buf *field)
{
	if (!n) {
		if (f->flags & F_REQUIRED)
			report(c, DP_SEV_ERROR, parent, field->ptr,
			       "missing required field");
		return;
	}
	if (!is_empty(n)) {
		check_node(c, f, n, field);
		return;
	}
	if (!(f->flags & (F_REQUIRED | F_NOT_EMPTY)))
		return;
	if (!is_scalar_type(f))
		expected(c, n, f, field->ptr);
	else if (f->flags & F_WARN_EMPTY)
		report(c, DP_SEV_WARNING, n, field->ptr, "should not be empty");
	else
		report(c, DP_SEV_ERROR, n, field->ptr, "must not be empty");
}

/*
 * dp_node_get(map, key) for a DP_MAP, looking from *next on round the
 * keys: fields are mostly written in the schema's order, and keys are
 * unique (fm.c refuses duplicates), so the one found is the same.
 */
static const struct dp_node *get_from(const struct dp_node *map,
				      const char *key, size_t *next)
{
	size_t i = *next < map->n ? *next : 0;

	for (size_t k = 0; k < map->n; k++) {
		const char *s = map->keys[i]->str;

		if (s[0] == key[0] && !strcmp(s, key)) {
			*next = i + 1;
			return map->items[i];
		}
		if (++i == map->n)
			i = 0;
	}
	return NULL;
}

static void check_map(struct check *c, const struct field *f,
		      const struct dp_node *map, struct dp_buf *field)
{
	size_t len = field->len, next = 0;

	if (!f->sub)
		return;
	for (const struct field *sub = f->sub; sub->name; sub++) {
		if (len)
			path_add(field, ".", 1);
		path_add(field, sub->name, strlen(sub->name));
		/* A missing top-level field is reported at 1:1. */
		check_entry(c, sub,
			    map->type == DP_MAP
				? get_from(map, sub->name, &next)
				: dp_node_get(map, sub->name),
			    len ? map : NULL, field);
		path_cut(field, len);
	}
}

/* In a list of mappings, the fields marked F_UNIQUE differ per item. */
static void check_unique(struct check *c, const struct field *f,
			 const struct dp_node *seq, struct dp_buf *field)
{
	size_t len = field->len;

	if (f->item->type != T_MAP || !f->item->sub)
		return;
	for (const struct field *sub = f->item->sub; sub->name; sub++) {
		if (!(sub->flags & F_UNIQUE))
			continue;
		for (size_t i = 1; i < seq->n; i++) {
			const struct dp_node *a =
			    dp_node_get(seq->items[i], sub->name);

			if (!a || a->type != DP_SCALAR || is_empty(a))
				continue;
			for (size_t j = 0; j < i; j++) {
				const struct dp_node *b =
				    dp_node_get(seq->items[j], sub->name);

				if (!b || b->type != DP_SCALAR ||
				    strcmp(a->str, b->str))
					continue;
				dp_buf_addf(field, "[%zu].%s", i, sub->name);
				report(c, DP_SEV_ERROR, a, field->ptr,
				       "'%s' is already used by %.*s[%zu]",
				       a->str, (int)len, field->ptr, j);
				path_cut(field, len);
				break;
			}
		}
	}
}

static void check_node(struct check *c, const struct field *f,
		       const struct dp_node *n, struct dp_buf *field)
{
	size_t len = field->len;

	switch (f->type) {
	case T_LIST:
		if (n->type != DP_SEQ) {
			expected(c, n, f, field->ptr);
			break;
		}
		for (size_t i = 0; i < n->n; i++) {
			add_index(field, i);
			check_entry(c, f->item, n->items[i], n, field);
			path_cut(field, len);
		}
		check_unique(c, f, n, field);
		break;
	case T_MAP:
		if (n->type != DP_MAP) {
			expected(c, n, f, field->ptr);
			break;
		}
		check_map(c, f, n, field);
		break;
	case T_TABLE:
		if (n->type != DP_MAP) {
			expected(c, n, f, field->ptr);
			break;
		}
		for (size_t i = 0; i < n->n; i++) {
			path_add(field, ".", 1);
			path_add(field, n->keys[i]->str,
				 strlen(n->keys[i]->str));
			check_scalar(c, f->key, n->keys[i], field->ptr);
			check_entry(c, f->item, n->items[i], n, field);
			path_cut(field, len);
		}
		break;
	default:
		check_scalar(c, f, n, field->ptr);
		break;
	}
}

/* The rules of a goal that tie two fields together. */
static void check_goal(struct check *c, const struct dp_node *root)
{
	const struct dp_node *status = dp_node_get(root, "status");
	const struct dp_node *by = dp_node_get(root, "proposed-by");
	const struct dp_node *created = dp_node_get(root, "created");
	const struct dp_node *due = dp_node_get(root, "due");
	struct dp_date from, to;

	if (status && status->type == DP_SCALAR &&
	    !strcmp(status->str, "proposed") && (!by || is_empty(by)))
		report(c, DP_SEV_ERROR, NULL, "proposed-by",
		       "missing required field (the goal is proposed)");
	if (created && created->type == DP_SCALAR && due &&
	    due->type == DP_SCALAR && !dp_date_parse(&from, created->str) &&
	    !dp_date_parse(&to, due->str) && dp_date_cmp(&to, &from) < 0)
		report(c, DP_SEV_WARNING, due, "due",
		       "'%s' is before created '%s'", due->str, created->str);
}

/* The catalog advises about 20 competencies per role at most (seeds/004). */
#define ROLE_MAX_COMPETENCIES 20

static void check_role(struct check *c, const struct dp_node *root)
{
	const struct dp_node *req = dp_node_get(root, "requires");

	if (req && req->type == DP_MAP && req->n > ROLE_MAX_COMPETENCIES)
		report(c, DP_SEV_WARNING, req, "requires",
		       "%zu competencies; a role should need at most %d",
		       req->n, ROLE_MAX_COMPETENCIES);
}

/* A direction names a role of the framework or an idea, not both. */
static void check_career(struct check *c, const struct dp_node *root)
{
	const struct dp_node *dirs = dp_node_get(root, "directions");
	struct dp_buf field = DP_BUF_INIT;

	for (size_t i = 0; dirs && dirs->type == DP_SEQ && i < dirs->n; i++) {
		const struct dp_node *d = dirs->items[i];
		const struct dp_node *role = dp_node_get(d, "role");
		const struct dp_node *idea = dp_node_get(d, "idea");
		int has_role = role && !is_empty(role);
		int has_idea = idea && !is_empty(idea);

		if (d->type != DP_MAP || has_role != has_idea)
			continue;
		dp_buf_reset(&field);
		dp_buf_addf(&field, "directions[%zu]", i);
		report(c, DP_SEV_ERROR, d, field.ptr,
		       has_role ? "give a role or an idea, not both"
				: "give a role or an idea");
	}
	dp_buf_release(&field);
}

static int validate(struct dp_findings *out, const struct dp_ref *ref,
		    const struct dp_doc *doc, const struct dp_refs *refs,
		    dp_ref_defer_fn *defer, void *defer_data)
{
	struct dp_buf field = DP_BUF_INIT;
	const char *path = ref->path;
	struct check c = { out, path, refs, NULL, defer, defer_data };
	size_t errors = out->errors;
	enum dp_kind kind = ref->kind;

	if ((unsigned)kind >= DP_ARRAY_SIZE(kind_schema))
		kind = DP_KIND_UNKNOWN;
	if (ref->name[0] && !dp_id_valid(ref->name))
		dp_findings_add(out, DP_SEV_ERROR, path, 0, 0,
				"'%s' is not a valid %s id", ref->name,
				dp_kind_name(kind));
	if (ref->person[0])
		c.self = ref->person;
	if (!doc->root || doc->root->type != DP_MAP) {
		dp_findings_add(out, DP_SEV_ERROR, path, 1, 1,
				"expected a mapping of fields");
		goto out;
	}
	dp_buf_init(&field, 64);
	check_map(&c, &kind_schema[kind], doc->root, &field);
	if (kind == DP_KIND_GOAL)
		check_goal(&c, doc->root);
	if (kind == DP_KIND_ROLE)
		check_role(&c, doc->root);
	if (kind == DP_KIND_CAREER_MAP)
		check_career(&c, doc->root);
out:
	dp_buf_release(&field);
	return out->errors > errors ? DP_EINVALID : 0;
}

int dp_record_validate(struct dp_findings *out, const struct dp_ref *ref,
		       const struct dp_doc *doc, const struct dp_refs *refs)
{
	return validate(out, ref, doc, refs, NULL, NULL);
}

int dp_record_validate_deferred(struct dp_findings *out,
				const struct dp_ref *ref,
				const struct dp_doc *doc,
				dp_ref_defer_fn *defer, void *data)
{
	return validate(out, ref, doc, NULL, defer, data);
}

/* Setting fields. */

/*
 * The schema entry for the value at dp_doc path `path` in a record of
 * `kind`: *out is NULL when the schema does not know the field. Mapping
 * keys on the way are checked (requires.<competency>, levels.<level>).
 */
static int schema_lookup(const struct field **out, enum dp_kind kind,
			 const char *path)
{
	const struct field *f = &kind_schema[kind];
	struct dp_buf key = DP_BUF_INIT, msg = DP_BUF_INIT;
	const char *p = path, *close;
	size_t len;
	int ret = 0;

	*out = NULL;
	while (*p) {
		len = strcspn(p, ".[");
		if (len) {
			dp_buf_reset(&key);
			dp_buf_add(&key, p, len);
			p += len;
			if (f->type == T_MAP && f->sub) {
				const struct field *sub = f->sub;

				while (sub->name && strcmp(sub->name, key.ptr))
					sub++;
				if (!sub->name)
					goto out;
				f = sub;
			} else if (f->type == T_TABLE) {
				if (check_value(f->key, key.ptr, 1, &msg,
						NULL) < 0) {
					dp_error_set("%.*s: %s",
						     (int)(p - path), path,
						     msg.ptr);
					ret = DP_EINVALID;
					goto out;
				}
				f = f->item;
			} else {
				goto out;
			}
		} else if (*p != '[') {
			goto out;
		}
		while (*p == '[') {
			close = strchr(p, ']');
			if (!close || f->type != T_LIST)
				goto out;
			f = f->item;
			p = close + 1;
		}
		if (*p == '.' && p[1])
			p++;
		else if (*p)
			goto out;
	}
	*out = f;
out:
	dp_buf_release(&key);
	dp_buf_release(&msg);
	return ret;
}

/* Splits "a, b,c" into trimmed, non-empty items. */
static void split_list(struct dp_strlist *out, const char *value)
{
	const char *p = value, *end;
	size_t len;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		len = strcspn(p, ",");
		end = p + len;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > p) {
			char *item = dp_xstrndup(p, (size_t)(end - p));

			dp_strlist_push(out, item);
			free(item);
		}
		if (!p[len])
			break;
		p += len + 1;
	}
}

static int set_list(struct dp_doc *doc, const struct field *f,
		    const char *field, const char *value)
{
	struct dp_strlist items = DP_STRLIST_INIT;
	struct dp_buf msg = DP_BUF_INIT;
	struct dp_value *vals = NULL, seq;
	int ret = DP_EINVALID;

	split_list(&items, value);
	vals = dp_xcalloc(items.len, sizeof(*vals));
	for (size_t i = 0; i < items.len; i++) {
		if (check_value(f->item, items.items[i], 1, &msg, NULL) < 0) {
			dp_error_set("%s: %s", field, msg.ptr);
			goto out;
		}
		vals[i] = DP_VTEXT(items.items[i]);
	}
	seq = (struct dp_value){ DP_SEQ, NULL, 0, items.len, NULL, vals };
	ret = dp_doc_set(doc, field, &seq);
out:
	free(vals);
	dp_buf_release(&msg);
	dp_strlist_release(&items);
	return ret;
}

/* Edit distance (Levenshtein, with transpositions), capped at 9. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[24][24];

	if (la > 22 || lb > 22)
		return 9;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* "'stauts' is not a field of a goal; did you mean 'status'?" */
static int unknown_field(enum dp_kind kind, const char *field)
{
	const struct field *best = NULL;
	size_t best_d = 3;

	for (const struct field *f = kind_schema[kind].sub; f && f->name; f++) {
		size_t d = distance(field, f->name);

		if (d < best_d) {
			best = f;
			best_d = d;
		}
	}
	if (best)
		dp_error_set("'%s' is not a field of a %s; did you mean '%s'?",
			     field, dp_kind_name(kind), best->name);
	else
		dp_error_set("'%s' is not a field of a %s", field,
			     dp_kind_name(kind));
	return DP_ENOTFOUND;
}

int dp_record_set_field(struct dp_doc *doc, enum dp_kind kind,
			const char *field, const char *value)
{
	struct dp_buf msg = DP_BUF_INIT, canon = DP_BUF_INIT;
	const struct field *f;
	int ret;

	if ((unsigned)kind >= DP_ARRAY_SIZE(kind_schema))
		kind = DP_KIND_UNKNOWN;
	ret = schema_lookup(&f, kind, field);
	if (ret < 0)
		goto out;
	if (!f) {
		/* A key added by hand may be set; a new unknown one is a typo. */
		if (kind != DP_KIND_UNKNOWN && !strpbrk(field, ".[") &&
		    !dp_doc_lookup(doc, field)) {
			ret = unknown_field(kind, field);
			goto out;
		}
		ret = dp_doc_set_text(doc, field, value);
		goto out;
	}
	ret = DP_EINVALID;
	if (f->type == T_LIST && is_scalar_type(f->item)) {
		ret = set_list(doc, f, field, value);
		goto out;
	}
	if (!is_scalar_type(f)) {
		add_noun(&msg, f);
		dp_error_set("%s: cannot set %s from text", field, msg.ptr);
		goto out;
	}
	if (!*value) {
		if ((f->flags & (F_REQUIRED | F_WARN_EMPTY)) == F_REQUIRED) {
			dp_error_set("%s: must not be empty", field);
			goto out;
		}
		ret = dp_doc_set_text(doc, field, "");
		goto out;
	}
	if (check_value(f, value, 1, &msg, &canon) < 0) {
		dp_error_set("%s: %s", field, msg.ptr);
		goto out;
	}
	if (f->type == T_INT || f->type == T_BOOL || f->type == T_DATE)
		ret = dp_doc_set_typed(doc, field, canon.ptr);
	else
		ret = dp_doc_set_text(doc, field, canon.ptr);
out:
	dp_buf_release(&msg);
	dp_buf_release(&canon);
	return ret;
}

int dp_record_set_fields(struct dp_doc *doc, struct dp_msg *msg,
			 const struct dp_ref *ref, char *const *assignments,
			 size_t n)
{
	int ret = 0;

	dp_msg_subject_prefix(msg, ref);
	if (ref->kind == DP_KIND_GOAL)
		dp_msg_subjectf(msg, ": %s", ref->name);
	dp_msg_subjectf(msg, ": set ");
	for (size_t i = 0; i < n && ret == 0; i++) {
		const char *a = assignments[i];
		const char *eq = strchr(a, '=');
		char *field = dp_xstrndup(a, (size_t)(eq - a));

		ret = dp_record_set_field(doc, ref->kind, field, eq + 1);
		free(field);
		dp_msg_subjectf(msg, "%s%s", i ? ", " : "", a);
	}
	return ret;
}
