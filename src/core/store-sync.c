/* SPDX-License-Identifier: MIT */
/* devplan sync: fetch, integrate with the records' merge, push (libgit2). */
#include "devplan/sync.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-priv.h"

#include "devplan/credential.h"
#include "devplan/error.h"
#include "devplan/known-hosts.h"
#include "devplan/merge.h"
#include "devplan/util.h"
#include "devplan/banned.h"

static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

struct branch_info {
	char local[256];    /* "refs/heads/main" */
	char remote[256];   /* "origin" */
	char merge[256];    /* "refs/heads/main" on the remote */
	char tracking[256]; /* "refs/remotes/origin/main" */
};

static int branch_info(struct branch_info *b, git_repository *repo)
{
	git_reference *head = NULL;
	git_config *cfg = NULL;
	git_buf buf = { NULL, 0, 0 };
	struct dp_buf key = DP_BUF_INIT;
	const char *name;
	int ret = 0;

	memset(b, 0, sizeof(*b));
	if (git_repository_head(&head, repo) < 0 ||
	    !git_reference_is_branch(head)) {
		dp_error_set("not on a branch: check out a branch to sync");
		ret = DP_ENOTFOUND;
		goto out;
	}
	snprintf(b->local, sizeof(b->local), "%s", git_reference_name(head));
	name = git_reference_shorthand(head);
	if (git_branch_upstream_remote(&buf, repo, b->local) < 0) {
		dp_error_set("no upstream: the branch '%s' tracks no remote "
			     "branch; set one with 'git push -u <remote> %s' "
			     "or 'git branch --set-upstream-to=<remote>/%s'",
			     name, name, name);
		ret = DP_ENOTFOUND;
		goto out;
	}
	snprintf(b->remote, sizeof(b->remote), "%s", buf.ptr);
	git_buf_dispose(&buf);
	if (git_branch_upstream_name(&buf, repo, b->local) < 0) {
		dp_error_set("cannot tell the upstream of '%s': %s", name,
			     git_msg());
		ret = DP_ENOTFOUND;
		goto out;
	}
	snprintf(b->tracking, sizeof(b->tracking), "%s", buf.ptr);
	git_buf_dispose(&buf);
	dp_buf_addf(&key, "branch.%s.merge", name);
	if (git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_get_string_buf(&buf, cfg, key.ptr) < 0) {
		dp_error_set("no upstream: '%s' is not set", key.ptr);
		ret = DP_ENOTFOUND;
		goto out;
	}
	snprintf(b->merge, sizeof(b->merge), "%s", buf.ptr);
out:
	git_error_clear();
	git_buf_dispose(&buf);
	git_config_free(cfg);
	git_reference_free(head);
	dp_buf_release(&key);
	return ret;
}

/* ---- talking to the remote: credentials and host keys ---- */

/* What the callbacks of one fetch or push tried and found. */
struct remote_auth {
	char url[1024]; /* without a password */
	int port;       /* the ssh port, for known_hosts */
	int agent_tried, key_next, filled;
	int auth_failed, hostkey_failed;
	struct dp_buf tried; /* "the ssh agent, ~/.ssh/id_ed25519" */
	struct dp_buf why;   /* the message when something failed */
	struct dp_credential cred;
};

/* The URL without a password ("https://me:secret@h/" -> "https://me@h/"). */
static void redact(char *out, size_t size, const char *url)
{
	const char *p = strstr(url, "://"), *at, *colon, *slash;

	snprintf(out, size, "%s", url);
	if (!p)
		return;
	p += 3;
	slash = strchr(p, '/');
	at = strchr(p, '@');
	if (!at || (slash && at > slash))
		return;
	colon = memchr(p, ':', (size_t)(at - p));
	if (colon)
		snprintf(out, size, "%.*s%s", (int)(colon - url), url, at);
}

/* The ssh port of a URL: ssh://[user@]host:port/..., else 22. */
static int ssh_port(const char *url)
{
	const char *p = strstr(url, "://"), *end, *colon;
	long port;

	if (!p || strncmp(url, "ssh", 3))
		return 22;
	p += 3;
	end = strchr(p, '/');
	if (!end)
		end = p + strlen(p);
	if (memchr(p, '@', (size_t)(end - p)))
		p = (const char *)memchr(p, '@', (size_t)(end - p)) + 1;
	if (*p == '[') /* [v6]:port */
		p = memchr(p, ']', (size_t)(end - p)) ? strchr(p, ']') : p;
	colon = memchr(p, ':', (size_t)(end - p));
	if (!colon)
		return 22;
	port = strtol(colon + 1, NULL, 10);
	return port > 0 && port < 65536 ? (int)port : 22;
}

static void auth_init(struct remote_auth *a, const char *url)
{
	memset(a, 0, sizeof(*a));
	redact(a->url, sizeof(a->url), url ? url : "");
	a->port = ssh_port(a->url);
	dp_buf_init(&a->tried, 0);
	dp_buf_init(&a->why, 0);
	a->cred = (struct dp_credential)DP_CREDENTIAL_INIT;
}

static void auth_release(struct remote_auth *a)
{
	dp_buf_release(&a->tried);
	dp_buf_release(&a->why);
	dp_credential_release(&a->cred);
}

static const char *local_user(void)
{
	const char *u = getenv("USER");
	const struct passwd *pw;

	if (u && *u)
		return u;
	pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "git";
}

static void tried(struct remote_auth *a, const char *what)
{
	dp_buf_addf(&a->tried, "%s%s", a->tried.len ? ", " : "", what);
}

/* Ends the attempts: `msg` says why (NULL: a->why says it already). */
static int auth_fail(struct remote_auth *a, const char *msg)
{
	a->auth_failed = 1;
	if (msg) {
		dp_buf_reset(&a->why);
		dp_buf_adds(&a->why, msg);
	}
	git_error_set_str(GIT_ERROR_NET, a->why.ptr);
	return GIT_EAUTH;
}

/* ssh: the agent first, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa. */
static int ssh_key(git_credential **out, struct remote_auth *a,
		   const char *user)
{
	static const char *const keys[] = { "id_ed25519", "id_ecdsa",
					    "id_rsa" };
	const char *home = getenv("HOME"), *sock = getenv("SSH_AUTH_SOCK");
	struct dp_buf key = DP_BUF_INIT, pub = DP_BUF_INIT;
	int rc = 1;

	if (!a->agent_tried) {
		a->agent_tried = 1;
		if (sock && *sock) {
			tried(a, "the ssh agent");
			return git_credential_ssh_key_from_agent(out, user);
		}
	}
	while (rc > 0 && home && *home && a->key_next < 3) {
		const char *name = keys[a->key_next++];

		dp_buf_reset(&key);
		dp_buf_reset(&pub);
		dp_buf_addf(&key, "%s/.ssh/%s", home, name);
		dp_buf_addf(&pub, "%s.pub", key.ptr);
		if (access(key.ptr, R_OK) < 0)
			continue;
		dp_buf_reset(&pub);
		dp_buf_addf(&pub, "~/.ssh/%s", name);
		tried(a, pub.ptr);
		dp_buf_reset(&pub);
		dp_buf_addf(&pub, "%s.pub", key.ptr);
		rc = git_credential_ssh_key_new(
		    out, user, access(pub.ptr, R_OK) == 0 ? pub.ptr : NULL,
		    key.ptr, NULL);
	}
	dp_buf_release(&key);
	dp_buf_release(&pub);
	if (rc <= 0)
		return rc;
	if (!a->tried.len)
		return auth_fail(a, "no ssh agent (SSH_AUTH_SOCK) and no key "
				    "in ~/.ssh (id_ed25519, id_ecdsa, "
				    "id_rsa)");
	dp_buf_reset(&a->why);
	dp_buf_addf(&a->why, "the server accepted none of the keys tried (%s)",
		    a->tried.ptr);
	return auth_fail(a, NULL);
}

/* https: git's credential helpers; a refused one is rejected. */
static int userpass(git_credential **out, struct remote_auth *a,
		    const char *url, const char *user)
{
	if (a->filled) {
		dp_credential_reject(&a->cred);
		a->filled = 0;
		dp_buf_reset(&a->why);
		dp_buf_addf(&a->why,
			    "the server refused the password git's "
			    "credential helper gave for '%s'",
			    a->cred.username.ptr);
		return auth_fail(a, NULL);
	}
	if (dp_credential_from_url(&a->cred, url) < 0)
		return auth_fail(a, "cannot ask for a password for this URL");
	if (user && *user && !a->cred.username.len)
		dp_buf_adds(&a->cred.username, user);
	if (dp_credential_fill(&a->cred) < 0) {
		int rc = auth_fail(a, dp_error_last());

		dp_error_clear();
		return rc;
	}
	a->filled = 1;
	return git_credential_userpass_plaintext_new(out, a->cred.username.ptr,
						     a->cred.password.ptr);
}

static int credentials(git_credential **out, const char *url,
		       const char *user_from_url, unsigned int allowed,
		       void *payload)
{
	struct remote_auth *a = payload;
	const char *user =
	    user_from_url && *user_from_url ? user_from_url : NULL;

	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return ssh_key(out, a, user ? user : local_user());
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
		return userpass(out, a, url, user);
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out,
						   user ? user : local_user());
	return auth_fail(a, "the server asks for a kind of credential "
			    "devplan does not support");
}

static void b64(struct dp_buf *out, const unsigned char *p, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
				"uvwxyz0123456789+/";
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v =
		    (unsigned)p[i] << 16 | (unsigned)p[i + 1] << 8 | p[i + 2];

		dp_buf_addf(out, "%c%c%c%c", a[v >> 18], a[(v >> 12) & 63],
			    a[(v >> 6) & 63], a[v & 63]);
	}
	if (n - i == 1)
		dp_buf_addf(out, "%c%c", a[p[i] >> 2], a[(p[i] & 3) << 4]);
	else if (n - i == 2)
		dp_buf_addf(out, "%c%c%c", a[p[i] >> 2],
			    a[((p[i] & 3) << 4) | (p[i + 1] >> 4)],
			    a[(p[i + 1] & 15) << 2]);
}

/*
 * ssh host keys: never accepted blindly, only when ~/.ssh/known_hosts or
 * /etc/ssh/ssh_known_hosts has them. TLS: libgit2's own verification.
 */
static int certificate_check(git_cert *cert, int valid, const char *host,
			     void *payload)
{
	struct remote_auth *a = payload;
	const git_cert_hostkey *hk = (const git_cert_hostkey *)cert;
	const char *home = getenv("HOME");
	struct dp_buf user_file = DP_BUF_INIT, where = DP_BUF_INIT,
		      fp = DP_BUF_INIT, name = DP_BUF_INIT;
	const char *files[3] = { NULL, NULL, NULL };
	enum dp_hostkey r;

	(void)valid;
	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2)
		return GIT_PASSTHROUGH;
	a->hostkey_failed = 1;
	dp_buf_reset(&a->why);
	if (a->port != 22)
		dp_buf_addf(&name, "[%s]:%d", host, a->port);
	else
		dp_buf_adds(&name, host);
	if (!(hk->type & GIT_CERT_SSH_RAW)) {
		dp_buf_addf(&a->why,
			    "cannot check the host key of %s: libgit2 gives "
			    "no raw key to compare with known_hosts",
			    name.ptr);
		goto refuse;
	}
	if (home && *home) {
		dp_buf_addf(&user_file, "%s/.ssh/known_hosts", home);
		files[0] = user_file.ptr;
		files[1] = "/etc/ssh/ssh_known_hosts";
	} else {
		files[0] = "/etc/ssh/ssh_known_hosts";
	}
	if (hk->type & GIT_CERT_SSH_SHA256) {
		dp_buf_adds(&fp, " (SHA256:");
		b64(&fp, hk->hash_sha256, sizeof(hk->hash_sha256));
		dp_buf_addch(&fp, ')');
	}
	r = dp_known_hosts_check(host, a->port,
				 (const unsigned char *)hk->hostkey,
				 hk->hostkey_len, files, &where);
	switch (r) {
	case DP_HOSTKEY_OK:
		a->hostkey_failed = 0;
		goto out;
	case DP_HOSTKEY_UNKNOWN:
		dp_buf_addf(&a->why,
			    "unknown host key for %s%s: it is in neither "
			    "~/.ssh/known_hosts nor /etc/ssh/ssh_known_hosts; "
			    "check its fingerprint, then add it with "
			    "'ssh-keyscan -p %d %s >> ~/.ssh/known_hosts'",
			    name.ptr, fp.ptr, a->port, host);
		break;
	case DP_HOSTKEY_CHANGED:
		dp_buf_addf(&a->why,
			    "the host key of %s%s does not match %s: someone "
			    "may be intercepting the connection, or the host "
			    "changed its key; if you know it did, remove the "
			    "old line ('ssh-keygen -R %s')",
			    name.ptr, fp.ptr, where.ptr, name.ptr);
		break;
	case DP_HOSTKEY_REVOKED:
		dp_buf_addf(&a->why,
			    "the host key of %s%s is marked @revoked in "
			    "known_hosts",
			    name.ptr, fp.ptr);
		break;
	}
refuse:
	git_error_set_str(GIT_ERROR_SSH, a->why.ptr);
out:
	dp_buf_release(&user_file);
	dp_buf_release(&where);
	dp_buf_release(&fp);
	dp_buf_release(&name);
	return a->hostkey_failed ? GIT_ECERTIFICATE : 0;
}

static void auth_callbacks(git_remote_callbacks *cb, struct remote_auth *a)
{
	cb->credentials = credentials;
	cb->certificate_check = certificate_check;
	cb->payload = a;
}

/* The error of a failed fetch or push, from what the callbacks saw. */
static int remote_error(const struct remote_auth *a, const char *what,
			const git_remote *remote)
{
	if (a->hostkey_failed)
		dp_error_set("%s", a->why.ptr);
	else if (a->auth_failed)
		dp_error_set("authentication failed for %s: %s", a->url,
			     a->why.ptr);
	else
		dp_error_set("cannot %s '%s' (%s): %s", what,
			     git_remote_name(remote), a->url, git_msg());
	git_error_clear();
	return DP_EIO;
}

static int fetch(git_remote *remote)
{
	git_fetch_options opts;
	struct remote_auth a;
	int ret = 0;

	auth_init(&a, git_remote_url(remote));
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	auth_callbacks(&opts.callbacks, &a);
	if (git_remote_fetch(remote, NULL, &opts, "devplan sync: fetch") < 0)
		ret = remote_error(&a, "fetch from", remote);
	else if (a.filled)
		dp_credential_approve(&a.cred);
	auth_release(&a);
	return ret;
}

/* Reads the blob of an index entry; NULL entry: empty. */
static void entry_text(struct dp_buf *out, git_repository *repo,
		       const git_index_entry *e)
{
	git_blob *blob = NULL;

	if (!e || git_blob_lookup(&blob, repo, &e->id) < 0)
		return;
	dp_buf_add(out, git_blob_rawcontent(blob),
		   (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
}

/*
 * Resolves every conflict of `idx` with the records' merge. 0: all
 * merged; DP_ERROR: true conflicts, described in out->conflicts.
 */
static int resolve_conflicts(git_index *idx, git_repository *repo,
			     struct dp_sync *out)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	struct dp_strlist paths = DP_STRLIST_INIT;
	git_index_entry *entries = NULL;
	size_t n = 0, alloc = 0, i;
	int ret = 0;

	if (git_index_conflict_iterator_new(&it, idx) < 0) {
		dp_error_set("cannot read the merge: %s", git_msg());
		return DP_EIO;
	}
	while (git_index_conflict_next(&anc, &ours, &theirs, it) == 0) {
		const char *path = ours     ? ours->path
				   : theirs ? theirs->path
					    : anc->path;
		struct dp_buf b = DP_BUF_INIT, o = DP_BUF_INIT, t = DP_BUF_INIT;
		struct dp_merge m = DP_MERGE_INIT;
		git_oid id;

		if (!ours || !theirs) {
			dp_buf_addf(&out->conflicts,
				    "%s: conflict: deleted on one side, "
				    "changed on the other\n",
				    path);
			ret = DP_ERROR;
			continue;
		}
		entry_text(&b, repo, anc);
		entry_text(&o, repo, ours);
		entry_text(&t, repo, theirs);
		if (dp_merge_text(&m, path, b.ptr, b.len, o.ptr, o.len, t.ptr,
				  t.len) != 0) {
			dp_merge_report(&out->conflicts, path, &m);
			ret = DP_ERROR;
		} else if (git_blob_create_from_buffer(&id, repo, m.text.ptr,
						       m.text.len) == 0) {
			if (n == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				entries = dp_xrealloc(entries,
						      alloc * sizeof(*entries));
			}
			entries[n] = *ours;
			entries[n].flags &=
			    (uint16_t)~GIT_INDEX_ENTRY_STAGEMASK;
			git_oid_cpy(&entries[n].id, &id);
			entries[n].file_size = (uint32_t)m.text.len;
			dp_strlist_push(&paths, path);
			n++;
		}
		dp_merge_release(&m);
		dp_buf_release(&b);
		dp_buf_release(&o);
		dp_buf_release(&t);
	}
	git_index_conflict_iterator_free(it);
	for (i = 0; ret == 0 && i < n; i++) {
		entries[i].path = paths.items[i];
		if (git_index_conflict_remove(idx, paths.items[i]) < 0 ||
		    git_index_add(idx, &entries[i]) < 0) {
			dp_error_set("cannot merge '%s': %s", paths.items[i],
				     git_msg());
			ret = DP_EIO;
			break;
		}
		dp_strlist_push(&out->merged, paths.items[i]);
	}
	free(entries);
	dp_strlist_release(&paths);
	return ret;
}

static int signature(git_signature **out, git_repository *repo)
{
	if (git_signature_default(out, repo) < 0) {
		dp_error_set("who are you? set user.name and user.email: %s",
			     git_msg());
		git_error_clear();
		return DP_ENOIDENT;
	}
	return 0;
}

static int checkout_and_move(git_repository *repo, const char *local,
			     const git_oid *target, const char *why)
{
	git_checkout_options co;
	git_commit *commit = NULL;
	git_reference *ref = NULL, *moved = NULL;
	int ret = 0;

	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	if (git_commit_lookup(&commit, repo, target) < 0 ||
	    git_checkout_tree(repo, (git_object *)commit, &co) < 0 ||
	    git_reference_lookup(&ref, repo, local) < 0 ||
	    git_reference_set_target(&moved, ref, target, why) < 0) {
		dp_error_set("cannot update the work tree: %s", git_msg());
		ret = DP_EIO;
	}
	git_error_clear();
	git_reference_free(moved);
	git_reference_free(ref);
	git_commit_free(commit);
	return ret;
}

/* Integrates the fetched upstream into the local branch. */
static int integrate(git_repository *repo, const struct branch_info *b,
		     struct dp_sync *out)
{
	git_oid local, upstream, base, tree_id, merge_id;
	git_commit *lc = NULL, *uc = NULL, *bc = NULL;
	git_tree *lt = NULL, *ut = NULL, *bt = NULL, *mt = NULL;
	git_index *idx = NULL;
	git_signature *sig = NULL;
	git_merge_options mo;
	struct dp_buf msg = DP_BUF_INIT;
	int ret = 0;
	size_t i;

	if (git_reference_name_to_id(&local, repo, b->local) < 0) {
		dp_error_set("cannot read '%s': %s", b->local, git_msg());
		ret = DP_EIO;
		goto out;
	}
	if (git_reference_name_to_id(&upstream, repo, b->tracking) < 0) {
		/* the remote has no such branch yet: nothing to integrate */
		out->action = DP_SYNC_UP_TO_DATE;
		goto out;
	}
	if (git_oid_equal(&local, &upstream) ||
	    git_graph_descendant_of(repo, &local, &upstream) == 1) {
		out->action = DP_SYNC_UP_TO_DATE;
		goto out;
	}
	if (git_graph_descendant_of(repo, &upstream, &local) == 1) {
		ret = checkout_and_move(repo, b->local, &upstream,
					"devplan sync: fast-forward");
		out->action = DP_SYNC_FAST_FORWARD;
		goto out;
	}
	git_merge_options_init(&mo, GIT_MERGE_OPTIONS_VERSION);
	if (git_merge_base(&base, repo, &local, &upstream) < 0 ||
	    git_commit_lookup(&lc, repo, &local) < 0 ||
	    git_commit_lookup(&uc, repo, &upstream) < 0 ||
	    git_commit_lookup(&bc, repo, &base) < 0 ||
	    git_commit_tree(&lt, lc) < 0 || git_commit_tree(&ut, uc) < 0 ||
	    git_commit_tree(&bt, bc) < 0 ||
	    git_merge_trees(&idx, repo, bt, lt, ut, &mo) < 0) {
		dp_error_set("cannot merge '%s': %s", out->upstream, git_msg());
		ret = DP_EIO;
		goto out;
	}
	if ((ret = resolve_conflicts(idx, repo, out)) < 0) {
		if (ret == DP_ERROR)
			dp_error_set("a true conflict with '%s': nothing was "
				     "committed or pushed",
				     out->upstream);
		goto out;
	}
	if (git_index_write_tree_to(&tree_id, idx, repo) < 0 ||
	    git_tree_lookup(&mt, repo, &tree_id) < 0) {
		dp_error_set("cannot write the merge: %s", git_msg());
		ret = DP_EIO;
		goto out;
	}
	if ((ret = signature(&sig, repo)) < 0)
		goto out;
	dp_buf_addf(&msg, "sync: merge %s\n", out->upstream);
	if (out->merged.len) {
		dp_buf_adds(&msg, "\nRecords merged field by field:\n");
		for (i = 0; i < out->merged.len; i++)
			dp_buf_addf(&msg, "  %s\n", out->merged.items[i]);
	}
	{
		const git_commit *parents[2] = { lc, uc };

		if (git_commit_create(&merge_id, repo, NULL, sig, sig, NULL,
				      msg.ptr, mt, 2, parents) < 0) {
			dp_error_set("cannot commit the merge: %s", git_msg());
			ret = DP_EIO;
			goto out;
		}
	}
	ret =
	    checkout_and_move(repo, b->local, &merge_id, "devplan sync: merge");
	out->action = DP_SYNC_MERGED;
out:
	git_error_clear();
	dp_buf_release(&msg);
	git_signature_free(sig);
	git_index_free(idx);
	git_tree_free(mt);
	git_tree_free(lt);
	git_tree_free(ut);
	git_tree_free(bt);
	git_commit_free(lc);
	git_commit_free(uc);
	git_commit_free(bc);
	return ret;
}

struct push_state {
	struct remote_auth auth; /* first: the callbacks' payload too */
	int rejected;
	char why[256];
};

static int push_update(const char *refname, const char *status, void *data)
{
	struct push_state *p = data;

	(void)refname;
	if (status) {
		p->rejected = 1;
		snprintf(p->why, sizeof(p->why), "%s", status);
	}
	return 0;
}

/* 0 pushed; 1 rejected (the remote moved); < 0 an error. */
static int push(git_remote *remote, const struct branch_info *b, char why[256])
{
	git_push_options opts;
	struct push_state ps;
	struct dp_buf spec = DP_BUF_INIT;
	char *specs[1];
	git_strarray arr;
	int rc;

	memset(&ps, 0, sizeof(ps));
	auth_init(&ps.auth, git_remote_pushurl(remote)
				? git_remote_pushurl(remote)
				: git_remote_url(remote));
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	opts.callbacks.push_update_reference = push_update;
	auth_callbacks(&opts.callbacks, &ps.auth);
	opts.callbacks.payload = &ps;
	dp_buf_addf(&spec, "%s:%s", b->local, b->merge);
	specs[0] = spec.ptr;
	arr.strings = specs;
	arr.count = 1;
	rc = git_remote_push(remote, &arr, &opts);
	dp_buf_release(&spec);
	if (rc < 0) {
		const git_error *e = git_error_last();

		if (e && e->message &&
		    (strstr(e->message, "fast-forward") ||
		     strstr(e->message, "fast forward"))) {
			snprintf(why, 256, "%s", e->message);
			git_error_clear();
			rc = 1;
		} else {
			rc = remote_error(&ps.auth, "push to", remote);
		}
	} else {
		rc = ps.rejected;
		if (rc)
			snprintf(why, 256, "%s", ps.why);
		if (ps.auth.filled)
			dp_credential_approve(&ps.auth.cred);
	}
	auth_release(&ps.auth);
	return rc;
}

int dp_store_sync(struct dp_store *st, struct dp_sync *out)
{
	git_repository *repo = dp_store_git_repository(st);
	git_remote *remote = NULL;
	struct branch_info b;
	git_oid head, before;
	char why[256] = "";
	int ret, attempt;

	if ((ret = branch_info(&b, repo)) < 0)
		goto out;
	snprintf(out->remote, sizeof(out->remote), "%s", b.remote);
	snprintf(out->upstream, sizeof(out->upstream), "%s",
		 b.tracking + strlen("refs/remotes/"));
	if (git_remote_lookup(&remote, repo, b.remote) < 0) {
		dp_error_set("no remote '%s': %s", b.remote, git_msg());
		ret = DP_ENOTFOUND;
		goto out;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		if ((ret = fetch(remote)) < 0 ||
		    (ret = integrate(repo, &b, out)) < 0)
			goto out;
		if (git_reference_name_to_id(&head, repo, b.local) < 0)
			goto out;
		git_oid_tostr(out->head, sizeof(out->head), &head);
		if (git_reference_name_to_id(&before, repo, b.tracking) == 0 &&
		    git_oid_equal(&before, &head))
			goto out; /* the remote has it all */
		ret = push(remote, &b, why);
		if (ret < 0)
			goto out;
		if (ret == 0) {
			out->pushed = 1;
			/* the tracking branch follows what was pushed */
			git_reference *r = NULL;

			git_reference_create(&r, repo, b.tracking, &head, 1,
					     "devplan sync: push");
			git_reference_free(r);
			goto out;
		}
		out->retried = 1;
	}
	dp_error_set("'%s' rejected the push twice (%s): try again", b.remote,
		     *why ? why : "no reason given");
	ret = DP_EIO;
out:
	git_error_clear();
	git_remote_free(remote);
	return ret < 0 ? ret : 0;
}

void dp_sync_release(struct dp_sync *s)
{
	if (!s)
		return;
	dp_strlist_release(&s->merged);
	dp_buf_release(&s->conflicts);
}
