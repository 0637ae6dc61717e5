/* SPDX-License-Identifier: MIT */
/*
 * Who the user is and who a commit is by, as git's environment and config
 * say (GIT_AUTHOR_*, GIT_COMMITTER_*, user.name, user.email, EMAIL), and
 * the repository's config.
 */
#include "store-priv.h"

#include <stdlib.h>
#include <string.h>

#include "devplan/date.h"
#include "devplan/error.h"
#include "devplan/banned.h"

static const char *getenv_nonempty(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* 0, GIT_ENOTFOUND when unset, or another libgit2 error. */
static int config_string(struct dp_buf *out, struct dp_store *st,
			 const char *name)
{
	git_config *cfg = NULL;
	git_buf val = { 0 };
	int rc;

	if (st) {
		rc = git_repository_config_snapshot(&cfg, st->repo);
	} else {
		/* Outside any repository: the global and system config. */
		git_libgit2_init();
		rc = git_config_open_default(&cfg);
		if (rc == 0) {
			git_config *snap = NULL;

			rc = git_config_snapshot(&snap, cfg);
			git_config_free(cfg);
			cfg = snap;
		}
	}
	if (rc == 0)
		rc = git_config_get_string_buf(&val, cfg, name);
	if (rc == 0)
		dp_buf_adds(out, val.ptr ? val.ptr : "");
	git_buf_dispose(&val);
	git_config_free(cfg);
	return rc;
}

/*
 * Name and email as git finds them for `who` ("AUTHOR" or "COMMITTER"):
 * GIT_<who>_NAME/EMAIL, else user.name/user.email, else EMAIL for the
 * email. Missing values stay empty.
 */
static int git_ident(struct dp_store *st, const char *who, struct dp_buf *name,
		     struct dp_buf *email)
{
	struct dp_buf var = DP_BUF_INIT, val = DP_BUF_INIT;
	const char *v;
	int rc = 0, got;

	git_libgit2_init(); /* git_error_clear needs it, even without a repo */
	dp_buf_addf(&var, "GIT_%s_NAME", who);
	if ((v = getenv_nonempty(var.ptr))) {
		dp_buf_adds(name, v);
	} else {
		got = config_string(&val, st, "user.name");
		if (got < 0 && got != GIT_ENOTFOUND) {
			rc = dp_store__git_error(got, "cannot read user.name");
			goto out;
		}
		dp_buf_add(name, val.ptr, val.len);
	}
	dp_buf_reset(&var);
	dp_buf_reset(&val);
	dp_buf_addf(&var, "GIT_%s_EMAIL", who);
	if ((v = getenv_nonempty(var.ptr))) {
		dp_buf_adds(email, v);
	} else {
		got = config_string(&val, st, "user.email");
		if (got < 0 && got != GIT_ENOTFOUND) {
			rc = dp_store__git_error(got, "cannot read user.email");
			goto out;
		}
		if (val.len)
			dp_buf_add(email, val.ptr, val.len);
		else if ((v = getenv_nonempty("EMAIL")))
			dp_buf_adds(email, v);
	}
out:
	git_error_clear();
	dp_buf_release(&var);
	dp_buf_release(&val);
	return rc;
}

int dp_store_identity(struct dp_store *st, struct dp_buf *name,
		      struct dp_buf *email)
{
	return git_ident(st, "AUTHOR", name, email);
}

int dp_store_committer(struct dp_store *st, struct dp_buf *name,
		       struct dp_buf *email)
{
	return git_ident(st, "COMMITTER", name, email);
}

int dp_store_user_email(struct dp_buf *out, struct dp_store *st)
{
	struct dp_buf name = DP_BUF_INIT, email = DP_BUF_INIT;
	int rc;

	rc = git_ident(st, "AUTHOR", &name, &email);
	if (rc == 0 && !email.len) {
		dp_error_set("cannot tell who you are: user.email is not set; "
			     "run git config --global user.email "
			     "'you@example.com'");
		rc = DP_ENOIDENT;
	}
	if (rc == 0)
		dp_buf_add(out, email.ptr, email.len);
	dp_buf_release(&name);
	dp_buf_release(&email);
	return rc;
}

int dp_store__signature(git_signature **out, struct dp_store *st,
			const char *who, const struct dp_ident *id)
{
	struct dp_buf var = DP_BUF_INIT, name = DP_BUF_INIT,
		      email = DP_BUF_INIT;
	const char *v;
	long long when;
	int offset, rc = 0;

	*out = NULL;
	if (id) {
		dp_buf_adds(&name, id->name ? id->name : "");
		dp_buf_adds(&email, id->email ? id->email : "");
	} else {
		rc = git_ident(st, who, &name, &email);
		if (rc < 0)
			goto out;
	}
	if (!name.len) {
		dp_error_set("cannot tell who you are: user.name is not set; "
			     "run git config --global user.name 'Your Name'");
		rc = DP_ENOIDENT;
		goto out;
	}
	if (!email.len) {
		dp_error_set("cannot tell who you are: user.email is not set; "
			     "run git config --global user.email "
			     "'you@example.com'");
		rc = DP_ENOIDENT;
		goto out;
	}
	dp_buf_addf(&var, "GIT_%s_DATE", who);
	if ((v = getenv_nonempty(var.ptr))) {
		if (dp_date_parse_git(&when, &offset, v) < 0) {
			dp_error_set("invalid date format '%s' in %s", v,
				     var.ptr);
			rc = DP_EINVALID;
			goto out;
		}
		rc = git_signature_new(out, name.ptr, email.ptr,
				       (git_time_t)when, offset);
	} else {
		rc = git_signature_now(out, name.ptr, email.ptr);
	}
	if (rc < 0) {
		dp_error_set("invalid identity '%s <%s>': %s", name.ptr,
			     email.ptr, dp_store__git_msg());
		rc = DP_ENOIDENT;
	}
out:
	dp_buf_release(&var);
	dp_buf_release(&name);
	dp_buf_release(&email);
	return rc;
}

/* ---- config ----------------------------------------------------------- */

int dp_store_config_get(struct dp_buf *out, struct dp_store *st,
			const char *name)
{
	int rc = config_string(out, st, name);

	if (rc == GIT_ENOTFOUND) {
		dp_error_set("'%s' is not set", name);
		rc = DP_ENOTFOUND;
	} else if (rc < 0) {
		dp_error_set("cannot read config '%s': %s", name,
			     dp_store__git_msg());
		rc = rc == GIT_EINVALIDSPEC ? DP_EINVALID : DP_EIO;
	}
	git_error_clear();
	return rc;
}

int dp_store_config_set(struct dp_store *st, const char *name,
			const char *value)
{
	git_config *cfg = NULL, *local = NULL;
	struct dp_backoff b;
	int rc;

	rc = git_repository_config(&cfg, st->repo);
	if (rc == 0)
		rc = git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL);
	if (rc < 0) {
		dp_error_set("cannot set '%s': %s", name, dp_store__git_msg());
		rc = DP_EIO;
		goto out;
	}
	dp_backoff_start(&b, dp_store__lock_timeout(st));
	while ((rc = git_config_set_string(local, name, value)) ==
	       GIT_ELOCKED) {
		if (dp_backoff_wait(&b) < 0)
			break;
	}
	if (rc < 0) {
		dp_error_set("cannot set '%s': %s", name, dp_store__git_msg());
		rc = rc == GIT_ELOCKED        ? DP_ELOCKED
		     : rc == GIT_EINVALIDSPEC ? DP_EINVALID
					      : DP_EIO;
	}
out:
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}
