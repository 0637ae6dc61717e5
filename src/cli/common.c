/* SPDX-License-Identifier: MIT */
/* Helpers shared by the commands: identity, loading, validating, committing. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "devplan/layout.h"
#include "devplan/slug.h"
#include "devplan/banned.h"

int dp_person_check(struct dp_ctx *ctx, const char *id)
{
	if (!dp_id_valid(id)) {
		dp_error_set("'%s' is not a valid person id", id);
		return DP_EINVALID;
	}
	if (!dp_layout_person_exists(ctx->store, id)) {
		struct dp_buf path = DP_BUF_INIT;

		dp_layout_profile(&path, id);
		dp_error_set("unknown person '%s' (no %s)", id, path.ptr);
		dp_buf_release(&path);
		return DP_ENOTFOUND;
	}
	return 0;
}

/* 1 if the profile of `id` has `email` (case-insensitive). */
static int profile_has_email(struct dp_ctx *ctx, const char *id,
			     const char *email)
{
	struct dp_buf path = DP_BUF_INIT;
	struct dp_doc doc = DP_DOC_INIT;
	const char *e;
	int ret = 0;

	if (!dp_id_valid(id) || dp_layout_profile(&path, id) < 0 ||
	    !dp_store_exists(ctx->store, path.ptr))
		goto out;
	if (dp_record_load(&doc, ctx, path.ptr) < 0)
		goto out;
	e = dp_doc_str(&doc, "email");
	ret = e && !strcasecmp(e, email);
out:
	dp_doc_release(&doc);
	dp_buf_release(&path);
	return ret;
}

int dp_whoami(struct dp_buf *out, struct dp_ctx *ctx)
{
	struct dp_buf email = DP_BUF_INIT, cache = DP_BUF_INIT;
	struct dp_buf guess = DP_BUF_INIT;
	struct dp_strlist people = DP_STRLIST_INIT;
	const char *found = NULL;
	int ret;

	if (ctx->as) {
		if ((ret = dp_person_check(ctx, ctx->as)) < 0)
			goto out;
		dp_buf_adds(out, ctx->as);
		goto out;
	}
	if ((ret = dp_store_user_email(&email, ctx->store)) < 0)
		goto out;

	/* The cache says who this email was last time: check it still is. */
	if (dp_store_cache_read(&cache, ctx->store, "whoami") == 0) {
		char *tab = strchr(cache.ptr, '\t');
		char *nl = strchr(cache.ptr, '\n');

		if (tab && nl && nl > tab) {
			*tab = '\0';
			*nl = '\0';
			if (!strcasecmp(cache.ptr, email.ptr) &&
			    profile_has_email(ctx, tab + 1, email.ptr)) {
				dp_buf_adds(out, tab + 1);
				goto out;
			}
		}
	}
	/* Most ids are the email's local part. */
	{
		const char *at = strchr(email.ptr, '@');

		dp_buf_add(&guess, email.ptr,
			   at ? (size_t)(at - email.ptr) : email.len);
		for (size_t i = 0; i < guess.len; i++) {
			char c = guess.ptr[i];

			if (c >= 'A' && c <= 'Z')
				guess.ptr[i] = (char)(c - 'A' + 'a');
			else if (c == '.' || c == '+')
				guess.ptr[i] = '-';
		}
		if (profile_has_email(ctx, guess.ptr, email.ptr))
			found = guess.ptr;
	}
	if (!found) {
		if ((ret = dp_layout_list_people(&people, ctx->store)) < 0)
			goto out;
		for (size_t i = 0; i < people.len && !found; i++)
			if (profile_has_email(ctx, people.items[i], email.ptr))
				found = people.items[i];
	}
	if (!found) {
		dp_error_set("no person has the email '%s' (git config "
			     "user.email); use --as <person>, or add yourself "
			     "with 'devplan new-person'",
			     email.ptr);
		ret = DP_ENOIDENT;
		goto out;
	}
	dp_buf_adds(out, found);
	dp_buf_reset(&cache);
	dp_buf_addf(&cache, "%s\t%s\n", email.ptr, found);
	dp_store_cache_write(ctx->store, "whoami", cache.ptr, cache.len);
	ret = 0;
out:
	dp_strlist_release(&people);
	dp_buf_release(&guess);
	dp_buf_release(&cache);
	dp_buf_release(&email);
	return ret;
}

struct refs_data {
	struct dp_ctx *ctx;
	int loaded;
	struct dp_strlist competencies;
};

static int ref_person(const char *id, void *data)
{
	struct refs_data *rd = data;

	return dp_layout_person_exists(rd->ctx->store, id);
}

static int ref_role(const char *id, void *data)
{
	struct refs_data *rd = data;
	struct dp_buf path = DP_BUF_INIT;
	int ret = 0;

	if (dp_id_valid(id) && dp_layout_role(&path, id) == 0)
		ret = dp_store_exists(rd->ctx->store, path.ptr);
	dp_buf_release(&path);
	return ret;
}

static int ref_competency(const char *id, void *data)
{
	struct refs_data *rd = data;

	if (!rd->loaded) {
		struct dp_doc doc = DP_DOC_INIT;
		struct dp_node *list;

		rd->loaded = 1;
		if (dp_record_load(&doc, rd->ctx, DP_PATH_COMPETENCIES) == 0 &&
		    (list = dp_node_get(doc.root, "competencies")) &&
		    list->type == DP_SEQ) {
			for (size_t i = 0; i < list->n; i++) {
				struct dp_node *idn =
				    dp_node_get(list->items[i], "id");

				if (idn && idn->type == DP_SCALAR)
					dp_strlist_push(&rd->competencies,
							idn->str);
			}
		}
		dp_doc_release(&doc);
	}
	return dp_strlist_has(&rd->competencies, id);
}

void dp_refs_init(struct dp_refs *refs, struct dp_ctx *ctx)
{
	struct refs_data *rd = dp_xcalloc(1, sizeof(*rd));

	rd->ctx = ctx;
	refs->person_exists = ref_person;
	refs->role_exists = ref_role;
	refs->competency_exists = ref_competency;
	refs->data = rd;
}

void dp_refs_release(struct dp_refs *refs)
{
	struct refs_data *rd;

	if (!refs || !refs->data)
		return;
	rd = refs->data;
	dp_strlist_release(&rd->competencies);
	free(rd);
	refs->data = NULL;
}

int dp_record_load(struct dp_doc *doc, struct dp_ctx *ctx, const char *path)
{
	struct dp_buf text = DP_BUF_INIT;
	enum dp_kind kind = dp_kind_from_path(path);
	int ret;

	ret = dp_store_read(&text, ctx->store, path, DP_FM_MAX_FILE);
	if (ret == DP_ENOTFOUND)
		dp_error_set("cannot read '%s': no such record", path);
	if (ret < 0)
		goto out;
	ret = dp_doc_parse(doc, path, text.ptr, text.len, dp_kind_mode(kind));
out:
	dp_buf_release(&text);
	return ret;
}

/*
 * A profile's manager chain must not come back round to its owner, as
 * 'devplan check' would then say. Only the profiles on the chain are read.
 */
static void check_manager_chain(struct dp_findings *f, struct dp_ctx *ctx,
				const char *path, const struct dp_doc *doc)
{
	const struct dp_node *m = dp_doc_lookup(doc, "manager");
	struct dp_buf self = DP_BUF_INIT, cur = DP_BUF_INIT;
	struct dp_buf chain = DP_BUF_INIT, profile = DP_BUF_INIT;
	struct dp_strlist seen = DP_STRLIST_INIT;

	if (!m || m->type != DP_SCALAR || !*m->str ||
	    dp_layout_person_of(&self, path) < 0 || !strcmp(m->str, self.ptr))
		goto out;
	dp_buf_adds(&chain, self.ptr);
	dp_buf_adds(&cur, m->str);
	while (cur.len && !dp_strlist_has(&seen, cur.ptr)) {
		struct dp_doc other = DP_DOC_INIT;
		const char *next;

		dp_buf_addf(&chain, " -> %s", cur.ptr);
		if (!strcmp(cur.ptr, self.ptr)) {
			dp_findings_add(f, DP_SEV_ERROR, path, m->line, m->col,
					"manager: the chain comes back round: "
					"%s",
					chain.ptr);
			break;
		}
		dp_strlist_push(&seen, cur.ptr);
		dp_buf_reset(&profile);
		if (!dp_id_valid(cur.ptr) ||
		    dp_layout_profile(&profile, cur.ptr) < 0 ||
		    !dp_store_exists(ctx->store, profile.ptr) ||
		    dp_record_load(&other, ctx, profile.ptr) < 0) {
			dp_doc_release(&other);
			break;
		}
		next = dp_doc_str(&other, "manager");
		dp_buf_reset(&cur);
		if (next)
			dp_buf_adds(&cur, next);
		dp_doc_release(&other);
	}
out:
	dp_strlist_release(&seen);
	dp_buf_release(&profile);
	dp_buf_release(&chain);
	dp_buf_release(&cur);
	dp_buf_release(&self);
}

int dp_record_check(struct dp_ctx *ctx, const char *path,
		    const struct dp_doc *doc)
{
	struct dp_findings f = DP_FINDINGS_INIT;
	struct dp_refs refs;
	int ret;

	dp_refs_init(&refs, ctx);
	ret = dp_record_validate(&f, path, doc, dp_kind_from_path(path), &refs);
	if (dp_kind_from_path(path) == DP_KIND_PROFILE)
		check_manager_chain(&f, ctx, path, doc);
	dp_print_findings(&f);
	if (f.errors) {
		dp_error_set("'%s' is not valid; nothing was changed", path);
		ret = DP_EINVALID;
	} else {
		ret = 0;
	}
	dp_refs_release(&refs);
	dp_findings_release(&f);
	return ret;
}

void dp_commit_message(struct dp_buf *out, const char *subject,
		       const char *body, const char *person, const char *record,
		       const char *extra)
{
	dp_buf_addf(out, "%s\n", subject);
	if (body && *body) {
		dp_buf_addf(out, "\n%s", body);
		if (out->ptr[out->len - 1] != '\n')
			dp_buf_addch(out, '\n');
	}
	if (person || record || (extra && *extra))
		dp_buf_addch(out, '\n');
	if (person)
		dp_buf_addf(out, "Devplan-Person: %s\n", person);
	if (record)
		dp_buf_addf(out, "Devplan-Record: %s\n", record);
	if (extra && *extra) {
		dp_buf_adds(out, extra);
		if (out->ptr[out->len - 1] != '\n')
			dp_buf_addch(out, '\n');
	}
}

void dp_subject_prefix(struct dp_buf *out, const char *path)
{
	struct dp_buf person = DP_BUF_INIT;
	enum dp_kind kind = dp_kind_from_path(path);
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	switch (kind) {
	case DP_KIND_GOAL:
		dp_layout_person_of(&person, path);
		dp_buf_addf(out, "goal(%s)", person.ptr);
		break;
	case DP_KIND_PROFILE:
		dp_layout_person_of(&person, path);
		dp_buf_addf(out, "person(%s)", person.ptr);
		break;
	case DP_KIND_ROLE:
		dp_buf_addf(out, "role(%.*s)", (int)(strlen(base) - 3), base);
		break;
	case DP_KIND_COMPETENCIES:
		dp_buf_adds(out, "framework");
		break;
	case DP_KIND_CONFIG:
		dp_buf_adds(out, "config");
		break;
	default:
		if (dp_layout_person_of(&person, path) == 0)
			dp_buf_addf(out, "record(%s)", person.ptr);
		else
			dp_buf_adds(out, "record");
		break;
	}
	dp_buf_release(&person);
}

int dp_edit_record(struct dp_ctx *ctx, const struct dp_edit_req *req)
{
	struct dp_doc doc = DP_DOC_INIT;
	struct dp_buf subject = DP_BUF_INIT, body = DP_BUF_INIT;
	struct dp_buf msg = DP_BUF_INIT, person = DP_BUF_INIT;
	struct dp_buf before = DP_BUF_INIT;
	struct dp_change change = { 0 };
	int ret, locked = 0;

	if ((ret = dp_store_lock(ctx->store)) < 0)
		goto out;
	locked = 1;
	if ((ret = dp_store_check_clean(ctx->store, req->path)) < 0)
		goto out;
	if ((ret = dp_record_load(&doc, ctx, req->path)) < 0)
		goto out;
	dp_buf_add(&before, doc.text.ptr, doc.text.len);
	if ((ret = req->edit(&doc, &subject, &body, req->data)) < 0)
		goto out;
	if (before.len == doc.text.len &&
	    !memcmp(before.ptr, doc.text.ptr, before.len)) {
		fprintf(stderr, "nothing to change in '%s'\n", req->path);
		goto out;
	}
	if ((ret = dp_record_check(ctx, req->path, &doc)) < 0)
		goto out;
	dp_layout_person_of(&person, req->path);
	dp_commit_message(&msg, subject.ptr, body.ptr,
			  person.len ? person.ptr : NULL, req->path,
			  req->extra_trailers);
	change.path = req->path;
	change.content = doc.text.ptr;
	change.len = doc.text.len;
	ret =
	    dp_store_commit(ctx->store, &change, 1, msg.ptr, NULL, NULL, NULL);
out:
	if (locked)
		dp_store_unlock(ctx->store);
	dp_buf_release(&before);
	dp_buf_release(&person);
	dp_buf_release(&msg);
	dp_buf_release(&body);
	dp_buf_release(&subject);
	dp_doc_release(&doc);
	return ret;
}

/*
 * 1 if `name` could be a bare goal name of the current user's: no '/',
 * only the characters of an id, and no person of that id. Anything else
 * resolves without knowing who the user is, and finding that out may
 * read every profile (an email no profile has).
 */
static int may_be_own_goal(struct dp_ctx *ctx, const char *name)
{
	struct dp_buf profile = DP_BUF_INIT;
	int ret;

	if (!*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
			  strlen(name))
		return 0;
	ret = !(dp_id_valid(name) && dp_layout_profile(&profile, name) == 0 &&
		dp_store_exists(ctx->store, profile.ptr));
	dp_buf_release(&profile);
	return ret;
}

int dp_resolve(struct dp_buf *out, struct dp_ctx *ctx, const char *name,
	       enum dp_kind want)
{
	struct dp_buf self = DP_BUF_INIT;
	int ret;

	if ((ctx->as || may_be_own_goal(ctx, name)) &&
	    dp_whoami(&self, ctx) < 0) {
		if (ctx->as) { /* an explicit --as must name someone */
			ret = DP_ENOTFOUND;
			goto out;
		}
		dp_buf_reset(&self);
	}
	ret = dp_layout_resolve(out, ctx->store, name,
				self.len ? self.ptr : NULL);
	if (ret < 0)
		goto out;
	if (want != DP_KIND_UNKNOWN && dp_kind_from_path(out->ptr) != want) {
		dp_error_set("'%s' is not a %s (it is %s)", name,
			     dp_kind_name(want), out->ptr);
		ret = DP_EINVALID;
	}
out:
	dp_buf_release(&self);
	return ret;
}

void dp_record_label(struct dp_buf *out, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 3 && dp_ends_with(base, ".md"))
		len -= 3;
	dp_buf_add(out, base, len);
}

int dp_launch_editor(struct dp_ctx *ctx, const char *file)
{
	struct dp_buf cmd = DP_BUF_INIT, cfg = DP_BUF_INIT;
	const char *editor = getenv("VISUAL");
	void (*old_int)(int), (*old_quit)(int);
	int ret = 0, status;
	pid_t pid;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if ((!editor || !*editor) &&
	    dp_store_config_get(&cfg, ctx->store, "core.editor") == 0)
		editor = cfg.ptr;
	if (!editor || !*editor)
		editor = "vi";
	dp_buf_addf(&cmd, "%s \"$@\"", editor);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		dp_error_set_errno("cannot start the editor '%s'", editor);
		ret = DP_EIO;
		goto out;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd.ptr, editor, file,
		      (char *)NULL);
		_exit(127);
	}
	/* Like git: ^C in the editor is the editor's, not ours. */
	old_int = signal(SIGINT, SIG_IGN);
	old_quit = signal(SIGQUIT, SIG_IGN);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	signal(SIGINT, old_int);
	signal(SIGQUIT, old_quit);
	if (status != 0) {
		dp_error_set("the editor '%s' failed; nothing was changed",
			     editor);
		ret = DP_EIO;
	}
out:
	dp_buf_release(&cfg);
	dp_buf_release(&cmd);
	return ret;
}

int dp_commit_new_record(struct dp_ctx *ctx, const char *path,
			 const struct dp_doc *doc, const char *subject,
			 const char *person, const char *extra_trailers)
{
	struct dp_buf msg = DP_BUF_INIT;
	struct dp_change change = { 0 };
	int ret;

	if (dp_store_exists(ctx->store, path)) {
		dp_error_set("'%s' already exists", path);
		ret = DP_EEXISTS;
		goto out;
	}
	if ((ret = dp_store_check_clean(ctx->store, path)) < 0)
		goto out;
	if ((ret = dp_record_check(ctx, path, doc)) < 0)
		goto out;
	dp_commit_message(&msg, subject, NULL, person, path, extra_trailers);
	change.path = path;
	change.content = doc->text.ptr;
	change.len = doc->text.len;
	ret =
	    dp_store_commit(ctx->store, &change, 1, msg.ptr, NULL, NULL, NULL);
out:
	dp_buf_release(&msg);
	return ret;
}
