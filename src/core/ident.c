/* SPDX-License-Identifier: MIT */
/* Identity: the git user, the acting person, and email -> person. */
#include "devplan/ident.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
