/* SPDX-License-Identifier: MIT */
/* Identity: the git user, the acting person, and email -> person. */
#include "devplan/ident.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devplan/layout.h"
#include "devplan/plan.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

#define CACHE "whoami"

/* The profile of `id` into `doc`; 0 or an error (quietly). */
static int load_profile(struct dp_doc *doc, struct dp_plan *plan,
			const char *id)
{
	struct dp_ref ref;
	int ret;

	if (!dp_id_valid(id) ||
	    dp_layout_ref(&ref, dp_plan_layout(plan), DP_KIND_PROFILE, id,
			  NULL) < 0 ||
	    !dp_store_exists(dp_plan_store(plan), ref.path)) {
		dp_error_clear();
		return DP_ENOTFOUND;
	}
	ret = dp_plan_load(plan, doc, &ref);
	dp_error_clear();
	return ret;
}

/* 1 if the profile of `id` has `email` (case-insensitive). */
static int profile_has_email(struct dp_plan *plan, const char *id,
			     const char *email)
{
	struct dp_doc doc = DP_DOC_INIT;
	const char *e;
	int ret = 0;

	if (load_profile(&doc, plan, id) == 0) {
		e = dp_doc_str(&doc, "email");
		ret = e && !strcasecmp(e, email);
	}
	dp_doc_release(&doc);
	return ret;
}

/* The cache: lines "email\tperson". The entry for `email`, checked. */
static int from_cache(struct dp_buf *out, struct dp_plan *plan,
		      const char *email)
{
	struct dp_buf cache = DP_BUF_INIT;
	size_t elen = strlen(email);
	int ret = DP_ENOTFOUND;

	if (dp_store_cache_read(&cache, dp_plan_store(plan), CACHE) < 0) {
		dp_error_clear();
		goto out;
	}
	for (char *p = cache.ptr; *p;) {
		char *nl = strchr(p, '\n');
		char *tab = strchr(p, '\t');

		if (!nl)
			break;
		*nl = '\0';
		if (tab && tab < nl && (size_t)(tab - p) == elen &&
		    !strncasecmp(p, email, elen) &&
		    profile_has_email(plan, tab + 1, email)) {
			dp_buf_adds(out, tab + 1);
			ret = 0;
			break;
		}
		p = nl + 1;
	}
out:
	dp_buf_release(&cache);
	return ret;
}

static void to_cache(struct dp_plan *plan, const char *email, const char *id)
{
	struct dp_buf line = DP_BUF_INIT;

	dp_buf_addf(&line, "%s\t%s\n", email, id);
	dp_store_cache_write(dp_plan_store(plan), CACHE, line.ptr, line.len);
	dp_error_clear();
	dp_buf_release(&line);
}

#define INDEX "people-index"

struct index_update {
	struct dp_strlist *lines; /* "email\tperson", email lowercased */
};

static void add_lower(struct dp_buf *out, const char *s)
{
	for (; *s; s++)
		dp_buf_addch(out, *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
}

/* One profile changed in HEAD: forget its old email, learn the new. */
static int index_change(const char *path, const char *text, size_t len,
			void *data)
{
	struct index_update *u = data;
	struct dp_buf person = DP_BUF_INIT, line = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	const char *end = strrchr(path, '/'), *start;
	struct dp_strlist kept = DP_STRLIST_INIT;

	if (!end)
		return 0;
	for (start = end; start > path && start[-1] != '/'; start--)
		;
	dp_buf_add(&person, start, (size_t)(end - start));
	dp_buf_addf(&line, "\t%s", person.ptr);
	for (size_t i = 0; i < u->lines->len; i++) {
		const char *tab = strchr(u->lines->items[i], '\t');

		if (!tab || strcmp(tab, line.ptr))
			dp_strlist_push(&kept, u->lines->items[i]);
	}
	dp_strlist_release(u->lines);
	*u->lines = kept;
	if (text &&
	    dp_doc_parse(&doc, path, text, len, DP_DOC_FRONT_MATTER) == 0 &&
	    dp_doc_str(&doc, "email") && *dp_doc_str(&doc, "email")) {
		dp_buf_reset(&line);
		add_lower(&line, dp_doc_str(&doc, "email"));
		dp_buf_addf(&line, "\t%s", person.ptr);
		dp_strlist_push(u->lines, line.ptr);
	}
	dp_error_clear();
	dp_doc_release(&doc);
	dp_buf_release(&line);
	dp_buf_release(&person);
	return 0;
}

/*
 * The email -> person index of the profiles in HEAD, kept under
 * .git/devplan/ with the id of the people/ tree it describes and brought
 * up to date by comparing trees: only the profiles that changed since are
 * read. Into `out` the person with `email`; DP_ENOTFOUND when none has
 * it; DP_ERROR when there is no index to use (no commit yet).
 */
static int index_lookup(struct dp_buf *out, struct dp_plan *plan,
			const char *email)
{
	struct dp_store *st = dp_plan_store(plan);
	struct dp_buf cache = DP_BUF_INIT, key = DP_BUF_INIT;
	struct dp_strlist lines = DP_STRLIST_INIT;
	struct index_update u = { &lines };
	char hex[41], old[41] = "";
	int ret = DP_ENOTFOUND;

	if (dp_store_head_subtree(st, DP_DIR_PEOPLE, hex) < 0) {
		dp_error_clear();
		return DP_ERROR;
	}
	if (dp_store_cache_read(&cache, st, INDEX) == 0 &&
	    !strncmp(cache.ptr, "tree ", 5) && cache.len > 46) {
		memcpy(old, cache.ptr + 5, 40);
		old[40] = '\0';
		for (char *p = cache.ptr + 46; *p;) {
			char *nl = strchr(p, '\n');

			if (!nl)
				break;
			*nl = '\0';
			dp_strlist_push(&lines, p);
			p = nl + 1;
		}
	}
	dp_error_clear();
	if (strcmp(old, hex)) {
		if (dp_store_tree_changes(st, old, hex, "/profile.md",
					  index_change, &u) < 0) {
			dp_error_clear();
			ret = DP_ERROR;
			goto out;
		}
		dp_buf_reset(&cache);
		dp_buf_addf(&cache, "tree %s\n", hex);
		for (size_t i = 0; i < lines.len; i++)
			dp_buf_addf(&cache, "%s\n", lines.items[i]);
		dp_store_cache_write(st, INDEX, cache.ptr, cache.len);
		dp_error_clear();
	}
	add_lower(&key, email);
	dp_buf_addch(&key, '\t');
	for (size_t i = 0; i < lines.len; i++)
		if (!strncmp(lines.items[i], key.ptr, key.len)) {
			dp_buf_adds(out, lines.items[i] + key.len);
			ret = 0;
			break;
		}
out:
	dp_strlist_release(&lines);
	dp_buf_release(&key);
	dp_buf_release(&cache);
	return ret;
}

int dp_ident_lookup(struct dp_buf *out, struct dp_plan *plan, const char *email)
{
	struct dp_buf guess = DP_BUF_INIT;
	struct dp_strlist people = DP_STRLIST_INIT;
	const char *at = strchr(email, '@');
	const char *found = NULL;
	int ret = 0;

	if (from_cache(out, plan, email) == 0)
		goto out;
	/* Most ids are the email's local part. */
	dp_buf_add(&guess, email, at ? (size_t)(at - email) : strlen(email));
	for (size_t i = 0; i < guess.len; i++) {
		char c = guess.ptr[i];

		if (c >= 'A' && c <= 'Z')
			guess.ptr[i] = (char)(c - 'A' + 'a');
		else if (c == '.' || c == '+')
			guess.ptr[i] = '-';
	}
	if (profile_has_email(plan, guess.ptr, email))
		found = guess.ptr;
	/* The index of HEAD's profiles: reads only what changed since. */
	if (!found) {
		struct dp_buf hit = DP_BUF_INIT;
		int r = index_lookup(&hit, plan, email);

		if (r == 0 && profile_has_email(plan, hit.ptr, email)) {
			dp_buf_reset(&guess);
			dp_buf_adds(&guess, hit.ptr);
			found = guess.ptr;
		}
		dp_buf_release(&hit);
		if (r == DP_ENOTFOUND && !found) {
			dp_error_set("no person has the email '%s'", email);
			ret = DP_ENOTFOUND;
			goto out;
		}
	}
	/* No index (no commit yet), or HEAD behind the work tree: read all. */
	if (!found) {
		if ((ret = dp_layout_list_people(&people, dp_plan_store(plan),
						 dp_plan_layout(plan))) < 0)
			goto out;
		for (size_t i = 0; i < people.len && !found; i++)
			if (profile_has_email(plan, people.items[i], email))
				found = people.items[i];
	}
	if (!found) {
		dp_error_set("no person has the email '%s'", email);
		ret = DP_ENOTFOUND;
		goto out;
	}
	dp_buf_adds(out, found);
	to_cache(plan, email, found);
out:
	dp_strlist_release(&people);
	dp_buf_release(&guess);
	return ret;
}

/* The email git would author with: GIT_AUTHOR_EMAIL, user.email, EMAIL. */
static void author_email(struct dp_buf *out, struct dp_store *st)
{
	const char *v = getenv("GIT_AUTHOR_EMAIL");

	if (v && *v) {
		dp_buf_adds(out, v);
		return;
	}
	if (dp_store_config_get(out, st, "user.email") == 0 && out->len)
		return;
	dp_error_clear();
	dp_buf_reset(out);
	v = getenv("EMAIL");
	if (v && *v)
		dp_buf_adds(out, v);
}

int dp_ident_find(struct dp_buf *out, struct dp_plan *plan)
{
	struct dp_buf email = DP_BUF_INIT;
	int ret;

	author_email(&email, dp_plan_store(plan));
	if (!email.len) {
		dp_error_set("cannot tell who you are: user.email is not set; "
			     "run git config user.email 'you@example.com' (or "
			     "use --as <person>)");
		ret = DP_ENOIDENT;
		goto out;
	}
	ret = dp_ident_lookup(out, plan, email.ptr);
	if (ret == DP_ENOTFOUND) {
		dp_error_set("no person has the email '%s' (git config "
			     "user.email); use --as <person>, or add yourself "
			     "with 'devplan new-person'",
			     email.ptr);
		ret = DP_ENOIDENT;
	}
out:
	dp_buf_release(&email);
	return ret;
}

int dp_ident_committer(struct dp_buf *name, struct dp_buf *email,
		       struct dp_store *st, struct dp_plan *plan)
{
	struct dp_buf id = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	int ret = 0;

	dp_store_committer(st, name, email);
	if (!name->len && email->len && plan &&
	    dp_ident_lookup(&id, plan, email->ptr) == 0 &&
	    load_profile(&doc, plan, id.ptr) == 0 && dp_doc_str(&doc, "name"))
		dp_buf_adds(name, dp_doc_str(&doc, "name"));
	dp_error_clear();
	if (!name->len || !email->len) {
		/* Both missing settings at once, with git's advice. */
		dp_error_set("cannot tell who you are: %s not set; run%s%s%s "
			     "(without --global for this repository only)",
			     !name->len && !email->len
				 ? "user.name and user.email are"
			     : !name->len ? "user.name is"
					  : "user.email is",
			     email->len ? ""
					: " git config --global user.email "
					  "\"you@example.com\"",
			     !name->len && !email->len ? " and" : "",
			     name->len ? ""
				       : " git config --global user.name "
					 "\"Your Name\"");
		ret = DP_ENOIDENT;
	}
	dp_doc_release(&doc);
	dp_buf_release(&id);
	return ret;
}

int dp_ident_author(struct dp_buf *name, struct dp_buf *email,
		    struct dp_plan *plan)
{
	struct dp_doc doc = DP_DOC_INIT;
	const char *me, *n, *e;

	if (dp_plan_whoami(plan, &me) < 0) {
		dp_error_clear();
		return 0;
	}
	if (load_profile(&doc, plan, me) == 0) {
		n = dp_doc_str(&doc, "name");
		e = dp_doc_str(&doc, "email");
		if (n && *n && e && *e) {
			dp_buf_adds(name, n);
			dp_buf_adds(email, e);
		}
	}
	dp_doc_release(&doc);
	return 0;
}
