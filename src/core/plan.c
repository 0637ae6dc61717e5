/* SPDX-License-Identifier: MIT */
/*
 * The plan: a repository opened once, with its layout, policy and acting
 * person; name resolution, loading, validation, rights and the edit and
 * create transactions. The walk over every record is in walk.c.
 */
#include "devplan/plan.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/ident.h"
#include "devplan/slug.h"
#include "devplan/template.h"
#include "devplan/util.h"
#include "devplan/banned.h"

struct dp_plan {
	struct dp_store *store;
	struct dp_layout layout;
	struct dp_strlist admins;
	char *as;
	int who; /* 0: not looked up yet, 1: known, < 0: the error */
	char me[DP_ID_MAX + 1];
	char *who_error;
	int locks;
	/* Reference lookups for validation. */
	struct dp_refs refs;
	int competencies_loaded;
	struct dp_strlist competencies;
};

/* ---- opening ---- */

/* Layout and admins from devplan.yaml. */
static int read_config(struct dp_plan *plan, unsigned flags)
{
	struct dp_ref ref;
	struct dp_doc doc = DP_DOC_INIT;
	const struct dp_node *n;
	const char *v = NULL;
	int r;

	dp_layout_ref(&ref, &plan->layout, DP_KIND_CONFIG, NULL, NULL);
	r = dp_plan_load(plan, &doc, &ref);
	if (r == 0 && dp_doc_lookup(&doc, "layout")) {
		v = dp_doc_str(&doc, "layout");
		r = DP_EINVALID;
		if (!v)
			dp_error_set("%s: layout: expected flat or grouped",
				     DP_PATH_CONFIG);
		else if (strcmp(v, "flat") && strcmp(v, "grouped"))
			dp_error_set("%s: layout: '%s' is not one of flat, "
				     "grouped",
				     DP_PATH_CONFIG, v);
		else
			r = 0;
	}
	if (r == 0) {
		plan->layout.grouped = v && !strcmp(v, "grouped");
		n = dp_doc_lookup(&doc, "policy.admins");
		for (size_t i = 0; n && n->type == DP_SEQ && i < n->n; i++)
			if (n->items[i]->type == DP_SCALAR &&
			    dp_id_valid(n->items[i]->str))
				dp_strlist_push(&plan->admins,
						n->items[i]->str);
	}
	dp_doc_release(&doc);
	if (r < 0 && (flags & DP_PLAN_LENIENT)) {
		dp_error_clear();
		r = 0;
	}
	return r;
}

static int ref_person(const char *id, void *data)
{
	return dp_plan_person_exists(data, id);
}

static int ref_role(const char *id, void *data)
{
	struct dp_plan *plan = data;
	struct dp_ref ref;

	return dp_id_valid(id) &&
	       dp_layout_ref(&ref, &plan->layout, DP_KIND_ROLE, NULL, id) ==
		   0 &&
	       dp_store_exists(plan->store, ref.path);
}

static int ref_competency(const char *id, void *data)
{
	struct dp_plan *plan = data;

	if (!plan->competencies_loaded) {
		struct dp_doc doc = DP_DOC_INIT;
		struct dp_ref ref;
		const struct dp_node *list;

		plan->competencies_loaded = 1;
		dp_layout_ref(&ref, &plan->layout, DP_KIND_COMPETENCIES, NULL,
			      NULL);
		if (dp_plan_load(plan, &doc, &ref) == 0 &&
		    (list = dp_node_get(doc.root, "competencies")) &&
		    list->type == DP_SEQ) {
			for (size_t i = 0; i < list->n; i++) {
				const struct dp_node *idn =
				    dp_node_get(list->items[i], "id");

				if (idn && idn->type == DP_SCALAR)
					dp_strlist_push(&plan->competencies,
							idn->str);
			}
		}
		dp_doc_release(&doc);
		dp_error_clear();
	}
	return dp_strlist_has(&plan->competencies, id);
}

int dp_plan_from_store(struct dp_plan **out, struct dp_store *st,
		       unsigned flags)
{
	struct dp_plan *plan = dp_xcalloc(1, sizeof(*plan));
	int r;

	plan->store = st;
	plan->refs.person_exists = ref_person;
	plan->refs.role_exists = ref_role;
	plan->refs.competency_exists = ref_competency;
	plan->refs.data = plan;
	*out = NULL;
	if (!dp_store_exists(st, DP_PATH_CONFIG)) {
		dp_error_set("'%s' is a git repository but not a plan "
			     "repository (no devplan.yaml); run 'devplan "
			     "init' there first",
			     dp_store_workdir(st));
		r = DP_ENOREPO;
		goto fail;
	}
	if ((r = read_config(plan, flags)) < 0)
		goto fail;
	*out = plan;
	return 0;
fail:
	dp_plan_free(plan);
	return r;
}

int dp_plan_open(struct dp_plan **out, const char *dir, unsigned flags)
{
	struct dp_store *st;
	int r;

	*out = NULL;
	if ((r = dp_store_open(&st, dir)) < 0)
		return r;
	return dp_plan_from_store(out, st, flags);
}

void dp_plan_free(struct dp_plan *plan)
{
	if (!plan)
		return;
	while (plan->locks > 0)
		dp_plan_unlock(plan);
	dp_store_free(plan->store);
	dp_strlist_release(&plan->admins);
	dp_strlist_release(&plan->competencies);
	free(plan->as);
	free(plan->who_error);
	free(plan);
}

struct dp_store *dp_plan_store(const struct dp_plan *plan)
{
	return plan->store;
}

const struct dp_layout *dp_plan_layout(const struct dp_plan *plan)
{
	return &plan->layout;
}

const struct dp_refs *dp_plan_refs(struct dp_plan *plan)
{
	return &plan->refs;
}

/* ---- people ---- */

void dp_plan_set_as(struct dp_plan *plan, const char *person)
{
	free(plan->as);
	plan->as = person ? dp_xstrdup(person) : NULL;
	plan->who = 0;
}

int dp_plan_person_exists(struct dp_plan *plan, const char *id)
{
	return dp_layout_person_exists(plan->store, &plan->layout, id);
}

int dp_plan_person_check(struct dp_plan *plan, const char *id)
{
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (!dp_id_valid(id)) {
		dp_error_set("'%s' is not a valid person id", id);
		return DP_EINVALID;
	}
	if (!dp_plan_person_exists(plan, id)) {
		dp_layout_profile(&path, &plan->layout, id);
		dp_error_set("unknown person '%s' (no %s)", id, path.ptr);
		ret = DP_ENOTFOUND;
	}
	dp_buf_release(&path);
	return ret;
}

static void add_admins(struct dp_buf *out, const struct dp_plan *plan);

/*
 * --as PERSON: PERSON must exist, and once devplan.yaml names admins only
 * an admin may act for someone else (the commit names both: PERSON as
 * the author, the git user as the committer, and audit holds each to
 * their rights). While no admin is named (a new plan), anyone may.
 */
static int check_as(struct dp_plan *plan)
{
	struct dp_buf git_user = DP_BUF_INIT, admins = DP_BUF_INIT;
	int ret;

	if ((ret = dp_plan_person_check(plan, plan->as)) < 0 ||
	    !plan->admins.len)
		return ret;
	if (dp_ident_find(&git_user, plan) == 0 &&
	    (dp_plan_is_admin(plan, git_user.ptr) ||
	     !strcmp(git_user.ptr, plan->as)))
		goto out;
	add_admins(&admins, plan);
	dp_error_set("--as: only the admins (%s) may act for someone else; "
		     "you are %s%s%s",
		     admins.ptr, git_user.len ? "'" : "",
		     git_user.len ? git_user.ptr : "not an admin",
		     git_user.len ? "'" : "");
	ret = DP_EDENIED;
out:
	dp_buf_release(&admins);
	dp_buf_release(&git_user);
	return ret;
}

int dp_plan_whoami(struct dp_plan *plan, const char **out)
{
	struct dp_buf who = DP_BUF_INIT;
	int ret;

	if (plan->who == 0) {
		if (plan->as)
			ret = check_as(plan);
		else
			ret = dp_ident_find(&who, plan);
		if (ret == 0) {
			const char *id = plan->as ? plan->as : who.ptr;

			memcpy(plan->me, id, strlen(id) + 1);
			plan->who = 1;
		} else {
			plan->who = ret;
			free(plan->who_error);
			plan->who_error = dp_xstrdup(dp_error_last());
		}
		dp_buf_release(&who);
	}
	if (plan->who < 0) {
		dp_error_set("%s", plan->who_error);
		return plan->who;
	}
	*out = plan->me;
	return 0;
}

int dp_plan_is_admin(const struct dp_plan *plan, const char *person)
{
	return person && dp_strlist_has(&plan->admins, person);
}

size_t dp_plan_admin_count(const struct dp_plan *plan)
{
	return plan->admins.len;
}

/* The manager of `person` into `out` ("" when none or unreadable). */
static void manager_of(struct dp_plan *plan, struct dp_buf *out,
		       const char *person)
{
	struct dp_ref ref;
	struct dp_doc doc = DP_DOC_INIT;
	const char *m;

	dp_buf_reset(out);
	if (dp_layout_ref(&ref, &plan->layout, DP_KIND_PROFILE, person, NULL) <
		0 ||
	    dp_plan_load(plan, &doc, &ref) < 0) {
		dp_error_clear();
		goto out;
	}
	m = dp_doc_str(&doc, "manager");
	if (m && dp_id_valid(m))
		dp_buf_adds(out, m);
out:
	dp_doc_release(&doc);
}

int dp_plan_manages(struct dp_plan *plan, const char *manager,
		    const char *person)
{
	struct dp_buf cur = DP_BUF_INIT;
	struct dp_strlist seen = DP_STRLIST_INIT;
	int ret = 0;

	dp_buf_adds(&cur, person);
	while (cur.len && !dp_strlist_has(&seen, cur.ptr)) {
		dp_strlist_push(&seen, cur.ptr);
		manager_of(plan, &cur, seen.items[seen.len - 1]);
		if (cur.len && !strcmp(cur.ptr, manager)) {
			ret = 1;
			break;
		}
	}
	dp_strlist_release(&seen);
	dp_buf_release(&cur);
	return ret;
}

/* ---- rights ---- */

static void add_admins(struct dp_buf *out, const struct dp_plan *plan)
{
	for (size_t i = 0; i < plan->admins.len; i++)
		dp_buf_addf(out, "%s%s", i ? ", " : "", plan->admins.items[i]);
}

int dp_plan_may(struct dp_plan *plan, enum dp_right what,
		const struct dp_ref *ref)
{
	const struct dp_kind_def *def = dp_kind_def(ref->kind);
	struct dp_buf admins = DP_BUF_INIT;
	const char *me = NULL;
	int ret;

	add_admins(&admins, plan);
	/* Comments are never changed once written: replies answer them. */
	if (ref->kind == DP_KIND_COMMENT && what != DP_RIGHT_COMMENT &&
	    what != DP_RIGHT_CREATE) {
		dp_error_set("'%s' is a comment: comments are never changed or "
			     "removed once written; answer it with 'devplan "
			     "comment --reply-to'",
			     ref->path);
		ret = DP_EDENIED;
		goto out;
	}
	/*
	 * A new plan's first admin adds their own profile: while no admin
	 * has one, the profile of an admin named in devplan.yaml is anyone's
	 * to add (identity comes from profiles, so nobody could otherwise).
	 */
	if (ref->kind == DP_KIND_PROFILE && what == DP_RIGHT_CREATE &&
	    dp_plan_is_admin(plan, ref->person)) {
		size_t k = 0;

		while (k < plan->admins.len &&
		       !dp_plan_person_exists(plan, plan->admins.items[k]))
			k++;
		if (k == plan->admins.len) {
			ret = 0;
			goto out;
		}
	}
	/* The framework, devplan.yaml and new profiles: the admins'. */
	if (def->scope == DP_SCOPE_ORG || !ref->person[0] ||
	    (ref->kind == DP_KIND_PROFILE && what == DP_RIGHT_CREATE)) {
		if (!plan->admins.len) {
			ret = 0;
			goto out;
		}
		if ((ret = dp_plan_whoami(plan, &me)) < 0)
			goto out;
		if (!dp_plan_is_admin(plan, me)) {
			dp_error_set("only the admins (%s) may %s %s; you are "
				     "'%s'",
				     admins.ptr,
				     what == DP_RIGHT_CREATE ? "add" : "change",
				     ref->kind == DP_KIND_PROFILE
					 ? "people"
					 : "the framework and devplan.yaml",
				     me);
			ret = DP_EDENIED;
		}
		goto out;
	}
	/* A person's records are theirs. */
	if ((ret = dp_plan_whoami(plan, &me)) < 0)
		goto out;
	if (dp_plan_is_admin(plan, me))
		goto out;
	if (!strcmp(me, ref->person)) {
		ret = 0;
		goto out;
	}
	if (what == DP_RIGHT_PROPOSE && dp_plan_manages(plan, me, ref->person))
		goto out;
	/* Comments: the owner, their managers, admins and peers. */
	if (what == DP_RIGHT_COMMENT && dp_plan_person_exists(plan, me))
		goto out;
	ret = DP_EDENIED;
	if (what == DP_RIGHT_PROPOSE)
		dp_error_set("only %s's managers%s%s%s may propose goals to "
			     "them; you are '%s'",
			     ref->person, admins.len ? " and the admins (" : "",
			     admins.ptr, admins.len ? ")" : "", me);
	else if (what == DP_RIGHT_OWNER)
		dp_error_set("only '%s' can answer a goal proposed to them "
			     "('%s'); you are '%s'",
			     ref->person, ref->path, me);
	else
		dp_error_set("'%s' is %s's: only %s%s%s%s may change it "
			     "(managers propose, comment and approve); you "
			     "are '%s'",
			     ref->path, ref->person, ref->person,
			     admins.len ? " and the admins (" : "", admins.ptr,
			     admins.len ? ")" : "", me);
out:
	dp_buf_release(&admins);
	return ret;
}

/* 1 if the scalar `key` differs between the two docs (absent = ""). */
static int field_changed(const struct dp_doc *a, const struct dp_doc *b,
			 const char *key)
{
	const char *x = a ? dp_doc_str(a, key) : NULL;
	const char *y = b ? dp_doc_str(b, key) : NULL;

	return strcmp(x ? x : "", y ? y : "") != 0;
}

int dp_plan_may_change(struct dp_plan *plan, const struct dp_ref *ref,
		       const struct dp_doc *before, const struct dp_doc *after)
{
	struct dp_buf admins = DP_BUF_INIT;
	const char *field = NULL, *why = NULL, *me = NULL;

	if (ref->kind == DP_KIND_PROFILE && before &&
	    field_changed(before, after, "manager"))
		field = "manager", why = "who manages whom";
	else if (ref->kind == DP_KIND_GOAL && before &&
		 field_changed(before, after, "proposed-by"))
		field = "proposed-by", why = "who proposed a goal";
	/* While no admin is named, the plan is everyone's to set up. */
	if (!field || !plan->admins.len)
		return 0;
	if (dp_plan_whoami(plan, &me) == 0 && dp_plan_is_admin(plan, me))
		return 0;
	add_admins(&admins, plan);
	dp_error_set("%s: %s: only the admins (%s) may change %s", ref->path,
		     field, admins.ptr, why);
	dp_buf_release(&admins);
	return DP_EDENIED;
}

/* ---- records ---- */

/*
 * 1 if `name` could be a bare goal name of the acting person's: no '/',
 * only the characters of an id, and no person of that id. Anything else
 * resolves without knowing who the user is.
 */
static int may_be_own_goal(struct dp_plan *plan, const char *name)
{
	if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
			  strlen(name))
		return 0;
	return !dp_plan_person_exists(plan, name);
}

int dp_plan_resolve(struct dp_plan *plan, struct dp_ref *out, const char *name,
		    enum dp_kind want)
{
	const char *me = NULL;
	int ret;

	if ((plan->as || may_be_own_goal(plan, name)) &&
	    dp_plan_whoami(plan, &me) < 0) {
		if (plan->as) /* an explicit --as must name someone */
			return DP_ENOTFOUND;
		me = NULL;
	}
	ret = dp_layout_resolve(out, plan->store, &plan->layout, name, me);
	if (ret < 0)
		return ret;
	if (want != DP_KIND_UNKNOWN && out->kind != want) {
		dp_error_set("'%s' is not a %s (it is %s)", name,
			     dp_kind_name(want), out->path);
		return DP_EINVALID;
	}
	return 0;
}

int dp_plan_load(struct dp_plan *plan, struct dp_doc *out,
		 const struct dp_ref *ref)
{
	struct dp_buf text = DP_BUF_INIT;
	int ret;

	ret = dp_store_read(&text, plan->store, ref->path, DP_FM_MAX_FILE);
	if (ret == DP_ENOTFOUND)
		dp_error_set("cannot read '%s': no such record", ref->path);
	if (ret == 0)
		ret = dp_doc_parse(out, ref->path, text.ptr, text.len,
				   dp_kind_mode(ref->kind));
	dp_buf_release(&text);
	return ret;
}

int dp_plan_template(struct dp_plan *plan, struct dp_doc *out,
		     const struct dp_ref *ref)
{
	const struct dp_kind_def *def = dp_kind_def(ref->kind);
	struct dp_buf text = DP_BUF_INIT;
	int ret;

	ret = dp_template_load(&text, plan->store, def->tmpl);
	if (ret == 0)
		ret =
		    dp_doc_parse(out, ref->path, text.ptr, text.len, def->mode);
	dp_buf_release(&text);
	return ret;
}

/* A profile's manager chain must not come back round to its owner. */
static void check_manager_chain(struct dp_plan *plan, struct dp_findings *f,
				const struct dp_ref *ref,
				const struct dp_doc *doc)
{
	const struct dp_node *m = dp_doc_lookup(doc, "manager");
	struct dp_buf chain = DP_BUF_INIT, cur = DP_BUF_INIT;
	struct dp_strlist seen = DP_STRLIST_INIT;

	if (!m || m->type != DP_SCALAR || !dp_id_valid(m->str) ||
	    !strcmp(m->str, ref->person))
		goto out;
	dp_buf_adds(&chain, ref->person);
	dp_buf_adds(&cur, m->str);
	while (cur.len && !dp_strlist_has(&seen, cur.ptr)) {
		dp_buf_addf(&chain, " -> %s", cur.ptr);
		if (!strcmp(cur.ptr, ref->person)) {
			dp_findings_add(f, DP_SEV_ERROR, ref->path, m->line,
					m->col,
					"manager: the chain comes back round: "
					"%s",
					chain.ptr);
			break;
		}
		dp_strlist_push(&seen, cur.ptr);
		manager_of(plan, &cur, seen.items[seen.len - 1]);
	}
out:
	dp_strlist_release(&seen);
	dp_buf_release(&cur);
	dp_buf_release(&chain);
}

/* Another profile with this profile's email is an error. */
static void check_email(struct dp_plan *plan, struct dp_findings *f,
			const struct dp_ref *ref, const struct dp_doc *doc)
{
	const struct dp_node *e = dp_doc_lookup(doc, "email");
	struct dp_buf other = DP_BUF_INIT;

	if (!e || e->type != DP_SCALAR || !*e->str)
		return;
	if (dp_ident_lookup(&other, plan, e->str) == 0 &&
	    strcmp(other.ptr, ref->person))
		dp_findings_add(f, DP_SEV_ERROR, ref->path, e->line, e->col,
				"email: '%s' is also the email of %s", e->str,
				other.ptr);
	dp_error_clear();
	dp_buf_release(&other);
}

/*
 * The layout says where every person's folder is: changing it in
 * devplan.yaml alone would lose everyone, so it is refused.
 */
static void check_layout(struct dp_plan *plan, struct dp_findings *f,
			 const struct dp_ref *ref, const struct dp_doc *doc)
{
	const struct dp_node *n = dp_doc_lookup(doc, "layout");
	int grouped = n && n->type == DP_SCALAR && !strcmp(n->str, "grouped");

	if (grouped != plan->layout.grouped)
		dp_findings_add(f, DP_SEV_ERROR, ref->path, n ? n->line : 0,
				n ? n->col : 0,
				"layout: cannot change from %s to %s here: "
				"every person's folder would have to move",
				plan->layout.grouped ? "grouped" : "flat",
				grouped ? "grouped" : "flat");
}

int dp_plan_validate(struct dp_plan *plan, struct dp_findings *out,
		     const struct dp_ref *ref, const struct dp_doc *doc)
{
	size_t errors = out->errors;

	dp_record_validate(out, ref, doc, &plan->refs);
	if (ref->kind == DP_KIND_CONFIG)
		check_layout(plan, out, ref, doc);
	if (ref->kind == DP_KIND_PROFILE) {
		check_manager_chain(plan, out, ref, doc);
		check_email(plan, out, ref, doc);
	}
	return out->errors > errors ? DP_EINVALID : 0;
}

/* ---- transactions ---- */

int dp_plan_lock(struct dp_plan *plan)
{
	int ret = 0;

	if (plan->locks == 0)
		ret = dp_store_lock(plan->store);
	if (ret == 0)
		plan->locks++;
	return ret;
}

void dp_plan_unlock(struct dp_plan *plan)
{
	if (plan->locks > 0 && --plan->locks == 0)
		dp_store_unlock(plan->store);
}

int dp_plan_commit(struct dp_plan *plan, const struct dp_change *changes,
		   size_t n, const struct dp_msg *msg, char *out_oid)
{
	struct dp_buf text = DP_BUF_INIT;
	struct dp_ident author = { NULL, NULL }, committer = { NULL, NULL };
	struct dp_buf aname = DP_BUF_INIT, aemail = DP_BUF_INIT;
	struct dp_buf cname = DP_BUF_INIT, cemail = DP_BUF_INIT;
	int ret;

	if ((ret = dp_ident_committer(&cname, &cemail, plan->store, plan)) < 0)
		goto out;
	committer.name = cname.ptr;
	committer.email = cemail.ptr;
	/* --as: the person acted for is the author; else git's author. */
	if (plan->as && (ret = dp_ident_author(&aname, &aemail, plan)) < 0)
		goto out;
	author.name = aname.ptr;
	author.email = aemail.ptr;
	dp_msg_format(&text, msg);
	ret = dp_store_commit(plan->store, changes, n, text.ptr,
			      aname.len ? &author : NULL, &committer, out_oid);
out:
	dp_buf_release(&cemail);
	dp_buf_release(&cname);
	dp_buf_release(&aemail);
	dp_buf_release(&aname);
	dp_buf_release(&text);
	return ret;
}

/* dp_plan_may_change, with the text the edit started from. */
static int protected_fields(struct dp_plan *plan, const struct dp_ref *ref,
			    const struct dp_buf *before,
			    const struct dp_doc *after)
{
	struct dp_doc old = DP_DOC_INIT;
	int ret = 0;

	if (dp_doc_parse(&old, ref->path, before->ptr, before->len,
			 dp_kind_mode(ref->kind)) == 0)
		ret = dp_plan_may_change(plan, ref, &old, after);
	dp_doc_release(&old);
	return ret;
}

/* Says why the record is not valid when validation found errors. */
static int validate_for_commit(struct dp_plan *plan, struct dp_findings *f,
			       const struct dp_ref *ref,
			       const struct dp_doc *doc)
{
	if (dp_plan_validate(plan, f, ref, doc) < 0) {
		dp_error_set("'%s' is not valid; nothing was changed",
			     ref->path);
		return DP_EINVALID;
	}
	return 0;
}

int dp_plan_edit(struct dp_plan *plan, struct dp_edit *e)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_msg msg = DP_MSG_INIT;
	struct dp_buf before = DP_BUF_INIT;
	struct dp_change change;
	int ret, locked = 0, created = 0;

	e->changed = 0;
	e->commit[0] = '\0';
	if ((ret = dp_plan_may(plan, e->right, &e->ref)) < 0)
		goto out;
	if ((ret = dp_plan_lock(plan)) < 0)
		goto out;
	locked = 1;
	if ((ret = dp_store_check_clean(plan->store, e->ref.path)) < 0)
		goto out;
	created = e->create && !dp_store_exists(plan->store, e->ref.path);
	if ((ret = created ? dp_plan_template(plan, &doc, &e->ref)
			   : dp_plan_load(plan, &doc, &e->ref)) < 0)
		goto out;
	if (!created)
		dp_buf_add(&before, doc.text.ptr, doc.text.len);
	if ((ret = e->edit(plan, &e->ref, &doc, &msg, e->data)) < 0)
		goto out;
	if (before.len &&
	    (ret = protected_fields(plan, &e->ref, &before, &doc)) < 0)
		goto out;
	if (!created && before.len == doc.text.len &&
	    !memcmp(before.ptr, doc.text.ptr, before.len))
		goto out;
	if ((ret = validate_for_commit(plan, &e->findings, &e->ref, &doc)) < 0)
		goto out;
	dp_msg_add_record(&msg, &e->ref);
	memset(&change, 0, sizeof(change));
	change.path = e->ref.path;
	change.content = doc.text.ptr;
	change.len = doc.text.len;
	change.base = created ? DP_BASE_ABSENT : DP_BASE_TEXT;
	change.base_text = before.ptr;
	change.base_len = before.len;
	if ((ret = dp_plan_commit(plan, &change, 1, &msg, e->commit)) == 0)
		e->changed = 1;
out:
	if (locked)
		dp_plan_unlock(plan);
	dp_buf_release(&before);
	dp_msg_release(&msg);
	dp_doc_release(&doc);
	return ret;
}

int dp_plan_create(struct dp_plan *plan, const struct dp_ref *ref,
		   const struct dp_doc *doc, struct dp_msg *msg,
		   enum dp_right right, struct dp_findings *findings)
{
	struct dp_change change;
	int ret;

	if ((ret = dp_plan_may(plan, right, ref)) < 0 ||
	    (ret = dp_plan_lock(plan)) < 0)
		return ret;
	if (dp_store_exists(plan->store, ref->path)) {
		dp_error_set("'%s' already exists", ref->path);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = dp_store_check_clean(plan->store, ref->path)) < 0 ||
	    (ret = validate_for_commit(plan, findings, ref, doc)) < 0)
		goto out;
	dp_msg_add_record(msg, ref);
	memset(&change, 0, sizeof(change));
	change.path = ref->path;
	change.content = doc->text.ptr;
	change.len = doc->text.len;
	change.base = DP_BASE_ABSENT;
	ret = dp_plan_commit(plan, &change, 1, msg, NULL);
out:
	dp_plan_unlock(plan);
	return ret;
}
