/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_PLAN_H
#define DEVPLAN_PLAN_H

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/kind.h"
#include "devplan/layout.h"
#include "devplan/message.h"
#include "devplan/record.h"
#include "devplan/store.h"

/*
 * A plan repository, opened once: the store, the layout and policy from
 * devplan.yaml, and the acting person. Everything a command, the merge
 * driver, the renderer or an audit needs about records goes through it:
 * who am I, resolve a name, load, validate, walk every record, the
 * create and edit transactions, and who may do what.
 */
struct dp_plan;

enum {
	/* Open even when devplan.yaml is broken (check, edit: to fix it). */
	DP_PLAN_LENIENT = 1 << 0,
};

/*
 * Opens the plan repository found from `dir` (NULL: the current folder)
 * upward. DP_ENOREPO when there is none, or no devplan.yaml in it.
 * Free with dp_plan_free.
 */
int dp_plan_open(struct dp_plan **out, const char *dir, unsigned flags);
/* Wraps an open store (dp_plan_free frees it), as dp_plan_open does. */
int dp_plan_from_store(struct dp_plan **out, struct dp_store *st,
		       unsigned flags);
void dp_plan_free(struct dp_plan *plan);

/* What `devplan init` makes. */
struct dp_init {
	const char *dir;    /* created (with its parents) when missing */
	const char *org;    /* NULL: the folder's name */
	const char *layout; /* NULL or "flat": flat; "grouped" */
	const struct dp_strlist *admins;
	char org_out[256]; /* out: the organisation's name as written */
};
/*
 * Creates a plan repository (git init when there is none) with its first
 * commit: devplan.yaml, the competency catalog, .gitattributes (merge
 * driver) and .gitignore (private notes); an existing repository keeps
 * its own attributes and ignores, with devplan's lines added. Who the
 * committer is is checked before anything is created.
 */
int dp_plan_init(struct dp_plan **out, struct dp_init *in,
		 struct dp_findings *findings);

struct dp_store *dp_plan_store(const struct dp_plan *plan);
const struct dp_layout *dp_plan_layout(const struct dp_plan *plan);

/* ---- people and identity ---- */

/*
 * Acts as `person` (--as): the commits name them as the author; the git
 * user stays the committer. Checked when first needed.
 */
void dp_plan_set_as(struct dp_plan *plan, const char *person);
/*
 * The acting person's id (owned by the plan): --as, else the profile
 * whose email is the git user's. DP_ENOIDENT / DP_ENOTFOUND with a
 * message saying what to do.
 */
int dp_plan_whoami(struct dp_plan *plan, const char **out);
/* 0 if `id` is a person with a profile, else DP_EINVALID/DP_ENOTFOUND. */
int dp_plan_person_check(struct dp_plan *plan, const char *id);
/* 1 if `id` is a person with a profile. */
int dp_plan_person_exists(struct dp_plan *plan, const char *id);
/* 1 if devplan.yaml names `person` among policy.admins. */
int dp_plan_is_admin(const struct dp_plan *plan, const char *person);
/* The number of admins devplan.yaml names (0: the framework is anyone's). */
size_t dp_plan_admin_count(const struct dp_plan *plan);
/*
 * 1 if `manager` is above `person` in the manager chain (their manager,
 * their manager's manager, ...); a loop ends the chain.
 */
int dp_plan_manages(struct dp_plan *plan, const char *manager,
		    const char *person);

/* ---- rights ---- */

enum dp_right {
	DP_RIGHT_WRITE,   /* change an existing record */
	DP_RIGHT_CREATE,  /* add a record (a profile: the admins') */
	DP_RIGHT_PROPOSE, /* propose a goal to its owner */
	DP_RIGHT_OWNER,   /* what only the owner does: accept, decline */
	DP_RIGHT_COMMENT, /* add a comment: anyone with a profile */
};

/*
 * 0 if the acting person may do `what` to `ref`, else DP_EDENIED with a
 * message naming the rule and who may. The rules: a person's records are
 * theirs; their manager chain may propose goals; admins named in
 * devplan.yaml may do anything and own the framework, devplan.yaml and
 * new profiles; while no admin is named, those are anyone's.
 */
int dp_plan_may(struct dp_plan *plan, enum dp_right what,
		const struct dp_ref *ref);

/*
 * Fields a record's owner does not change alone, once devplan.yaml names
 * admins: a profile's `manager` (who manages whom) and a goal's
 * `proposed-by` (who proposed it). 0, or DP_EDENIED naming the field,
 * when the acting person is not an admin and `after` changes one of them
 * from `before` (NULL: a new record, always fine).
 */
int dp_plan_may_change(struct dp_plan *plan, const struct dp_ref *ref,
		       const struct dp_doc *before, const struct dp_doc *after);

/* ---- records ---- */

/*
 * Resolves what the user typed (dp_layout_resolve), with the acting
 * person, when known, as the owner of bare goal names. When `want` is not
 * DP_KIND_UNKNOWN the record must be of that kind.
 */
int dp_plan_resolve(struct dp_plan *plan, struct dp_ref *out, const char *name,
		    enum dp_kind want);
/* Reads and parses the record, with the size limits. Errors name it. */
int dp_plan_load(struct dp_plan *plan, struct dp_doc *out,
		 const struct dp_ref *ref);
/*
 * Validates a record as it would be committed: its schema and references
 * (dp_record_validate) and the rules across records (a manager chain
 * that comes back round, an email another profile has). Findings are
 * added to `out`; DP_EINVALID when there are errors.
 */
int dp_plan_validate(struct dp_plan *plan, struct dp_findings *out,
		     const struct dp_ref *ref, const struct dp_doc *doc);
/*
 * The starting text of a new record at `ref`: its kind's template (the
 * repository's override or the built-in one), parsed into `out`.
 */
int dp_plan_template(struct dp_plan *plan, struct dp_doc *out,
		     const struct dp_ref *ref);
/* Reference lookups for dp_record_validate, cached in the plan. */
const struct dp_refs *dp_plan_refs(struct dp_plan *plan);

/* ---- transactions: one commit each ---- */

/*
 * Changes one existing record: takes the lock, refuses uncommitted edits,
 * loads it, checks the acting person's `right`, calls `edit` (which
 * changes the doc and fills in the subject), validates, and commits only
 * that file from the text in memory, with the record trailers. `edit`
 * returning < 0 aborts with nothing changed. When the text is unchanged
 * nothing is committed and *changed (if not NULL) is 0.
 */
struct dp_edit {
	struct dp_ref ref;
	enum dp_right right;
	int (*edit)(struct dp_plan *plan, const struct dp_ref *ref,
		    struct dp_doc *doc, struct dp_msg *msg, void *data);
	void *data;
	/*
	 * 1: a single-file record (career map, SWOT, skills, journal) that
	 * does not exist yet starts from its kind's template and is added.
	 */
	int create;
	struct dp_findings findings; /* out: validation, warnings too */
	int changed;                 /* out */
	char commit[41];             /* out: the new commit id */
};
int dp_plan_edit(struct dp_plan *plan, struct dp_edit *e);

/*
 * Commits the new record `doc` at `ref` (refused when it exists or has
 * uncommitted edits), after the acting person's `right` and validation
 * (findings into `findings`). The caller holds the lock (dp_plan_lock)
 * when it chose the name under it; else this takes it. Record trailers
 * are added to `msg`.
 */
int dp_plan_create(struct dp_plan *plan, const struct dp_ref *ref,
		   const struct dp_doc *doc, struct dp_msg *msg,
		   enum dp_right right, struct dp_findings *findings);

/* Serialise mutations (dp_store_lock), counted: nested calls are fine. */
int dp_plan_lock(struct dp_plan *plan);
void dp_plan_unlock(struct dp_plan *plan);

/*
 * Commits `n` changes with `msg` as the acting person (author) and the
 * git user (committer). Used by the transactions and commands that write
 * several files at once; the caller holds the lock.
 */
int dp_plan_commit(struct dp_plan *plan, const struct dp_change *changes,
		   size_t n, const struct dp_msg *msg, char *out_oid);

/* ---- walking every record ---- */

/*
 * Visits records in a stable order (config, competencies, roles, then
 * people by id with their profile first and goals by name), each read
 * and parsed once, streaming: nothing is kept between records.
 *   kinds     bit mask of (1u << kind); 0 means every kind
 *   person    only this person's records; NULL: everyone's
 *   folders   only records in these folders ("" is the top); NULL: all
 *   record    called for each record: `doc` is NULL when it could not be
 *             read or parsed (dp_error_last() says why). Returning < 0
 *             stops the walk with that code.
 *   problem   called for what is wrong with the layout itself (a file
 *             where a folder should be, a misplaced folder, a missing
 *             profile); may be NULL
 */
struct dp_walk {
	unsigned kinds;
	const char *person;
	const struct dp_strlist *folders;
	int (*record)(const struct dp_ref *ref, const struct dp_doc *doc,
		      void *data);
	void (*problem)(const char *path, const char *message, void *data);
	void *data;
};
int dp_plan_walk(struct dp_plan *plan, const struct dp_walk *w);

#endif
