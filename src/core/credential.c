/* SPDX-License-Identifier: MIT */
/* git's credential helpers through `git credential`, without a shell. */
#include "devplan/credential.h"

#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/banned.h"

extern char **environ;

int dp_credential_from_url(struct dp_credential *c, const char *url)
{
	const char *p = strstr(url, "://"), *host, *slash, *at;

	if (!p || p == url)
		return -1;
	dp_buf_reset(&c->protocol);
	dp_buf_reset(&c->host);
	dp_buf_reset(&c->path);
	dp_buf_reset(&c->username);
	dp_buf_add(&c->protocol, url, (size_t)(p - url));
	host = p + 3;
	slash = strchr(host, '/');
	if (!slash)
		slash = host + strlen(host);
	at = memchr(host, '@', (size_t)(slash - host));
	if (at) {
		const char *colon = memchr(host, ':', (size_t)(at - host));

		dp_buf_add(&c->username, host,
			   (size_t)((colon ? colon : at) - host));
		host = at + 1;
	}
	if (slash == host)
		return -1;
	dp_buf_add(&c->host, host, (size_t)(slash - host));
	if (*slash)
		dp_buf_adds(&c->path, slash + 1);
	return 0;
}

static int has_newline(const struct dp_buf *b)
{
	return b->len && memchr(b->ptr, '\n', b->len) != NULL;
}

static void describe(struct dp_buf *out, const struct dp_credential *c,
		     int with_password)
{
	dp_buf_addf(out, "protocol=%s\nhost=%s\n",
		    c->protocol.len ? c->protocol.ptr : "",
		    c->host.len ? c->host.ptr : "");
	if (c->path.len)
		dp_buf_addf(out, "path=%s\n", c->path.ptr);
	if (c->username.len)
		dp_buf_addf(out, "username=%s\n", c->username.ptr);
	if (with_password && c->password.len)
		dp_buf_addf(out, "password=%s\n", c->password.ptr);
	dp_buf_addch(out, '\n');
}

/*
 * Runs `git credential <action>` with `input` on its stdin; its stdout
 * into `output` (NULL: discarded). The exit status, or -1.
 */
static int run_git(const char *action, const struct dp_buf *input,
		   struct dp_buf *output)
{
	char *argv[] = { "git", "credential", (char *)action, NULL };
	posix_spawn_file_actions_t fa;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, status = -1;
	size_t off = 0;
	pid_t pid;
	void (*old)(int);

	if (pipe(in) < 0 || pipe(out) < 0)
		goto out;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	errno = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (errno)
		goto out;
	close(in[0]);
	close(out[1]);
	in[0] = out[1] = -1;
	old = signal(SIGPIPE, SIG_IGN);
	while (off < input->len) {
		ssize_t n = write(in[1], input->ptr + off, input->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(in[1]);
	in[1] = -1;
	signal(SIGPIPE, old);
	for (;;) {
		char buf[4096];
		ssize_t n = read(out[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (output)
			dp_buf_add(output, buf, (size_t)n);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			goto out;
		}
	status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
out:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
	}
	return status;
}

int dp_credential_fill(struct dp_credential *c)
{
	struct dp_buf in = DP_BUF_INIT, out = DP_BUF_INIT;
	const char *line, *end;
	int rc, ret = 0;

	if (has_newline(&c->protocol) || has_newline(&c->host) ||
	    has_newline(&c->path) || has_newline(&c->username)) {
		dp_error_set("a newline in the URL: no credential asked for");
		return DP_EINVALID;
	}
	describe(&in, c, 0);
	rc = run_git("fill", &in, &out);
	if (rc < 0) {
		dp_error_set("cannot run 'git credential fill': %s",
			     strerror(errno ? errno : ENOENT));
		ret = DP_EIO;
		goto out;
	}
	dp_buf_reset(&c->password);
	for (line = out.ptr; rc == 0 && line && *line; line = end) {
		end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len > 9 && !strncmp(line, "username=", 9)) {
			dp_buf_reset(&c->username);
			dp_buf_add(&c->username, line + 9, len - 9);
		} else if (len >= 9 && !strncmp(line, "password=", 9)) {
			dp_buf_add(&c->password, line + 9, len - 9);
		}
		if (end)
			end++;
	}
	if (rc != 0 || !c->password.len) {
		dp_error_set("no credential for %s://%s (git credential fill: "
			     "%s)",
			     c->protocol.ptr, c->host.ptr,
			     rc ? "it failed" : "no password");
		ret = DP_ENOTFOUND;
	}
out:
	dp_buf_release(&in);
	dp_buf_release(&out);
	return ret;
}

static void tell(const struct dp_credential *c, const char *action)
{
	struct dp_buf in = DP_BUF_INIT;

	if (has_newline(&c->password) || has_newline(&c->username))
		return;
	describe(&in, c, 1);
	run_git(action, &in, NULL);
	dp_buf_release(&in);
}

void dp_credential_approve(const struct dp_credential *c)
{
	tell(c, "approve");
}

void dp_credential_reject(const struct dp_credential *c)
{
	tell(c, "reject");
}

void dp_credential_release(struct dp_credential *c)
{
	if (!c)
		return;
	dp_buf_release(&c->protocol);
	dp_buf_release(&c->host);
	dp_buf_release(&c->path);
	dp_buf_release(&c->username);
	if (c->password.ptr)
		memset(c->password.ptr, 0, c->password.len);
	dp_buf_release(&c->password);
}
