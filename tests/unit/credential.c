/* SPDX-License-Identifier: MIT */
/* git's credential helpers through `git credential` (a real git). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devplan/buf.h"
#include "devplan/credential.h"
#include "devplan/error.h"
#include "test.h"

static char dir[] = "/tmp/devplan-cred.XXXXXX";

static void slurp(struct dp_buf *out, const char *path)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		dp_buf_add(out, buf, n);
	fclose(f);
}

/* A global config whose helper logs what git asks and answers `get`. */
static void setup(const char *answer)
{
	struct dp_buf p = DP_BUF_INIT;
	FILE *f;

	dp_buf_addf(&p, "%s/gitconfig", dir);
	f = fopen(p.ptr, "w");
	if (!f)
		abort();
	fprintf(
	    f,
	    "[credential]\n\thelper = \"!f() { echo \\\"== $1\\\" >>%s/log; "
	    "cat >>%s/log; test $1 = get && printf '%s'; true; }; f\"\n",
	    dir, dir, answer);
	fclose(f);
	setenv("GIT_CONFIG_GLOBAL", p.ptr, 1);
	dp_buf_release(&p);
}

static void test_from_url(void)
{
	struct dp_credential c = DP_CREDENTIAL_INIT;

	CHECK_INT(dp_credential_from_url(
		      &c, "https://alice@example.com:8443/team/plan.git"),
		  0);
	CHECK_STR(c.protocol.ptr, "https");
	CHECK_STR(c.host.ptr, "example.com:8443");
	CHECK_STR(c.path.ptr, "team/plan.git");
	CHECK_STR(c.username.ptr, "alice");
	CHECK_INT(dp_credential_from_url(&c, "https://git.example.com/x"), 0);
	CHECK_STR(c.host.ptr, "git.example.com");
	CHECK_STR(c.username.ptr, "");
	CHECK_INT(dp_credential_from_url(&c, "example.com:plan.git"), -1);
	CHECK_INT(dp_credential_from_url(&c, "https:///plan.git"), -1);
	dp_credential_release(&c);
}

static void test_fill_approve_reject(void)
{
	struct dp_credential c = DP_CREDENTIAL_INIT;
	struct dp_buf log = DP_BUF_INIT, path = DP_BUF_INIT;

	setup("username=bob\\npassword=s3cret\\n");
	dp_buf_addf(&path, "%s/log", dir);
	dp_credential_from_url(&c, "https://git.example.com/team/plan.git");
	CHECK_INT(dp_credential_fill(&c), 0);
	CHECK_STR(c.username.ptr, "bob");
	CHECK_STR(c.password.ptr, "s3cret");
	slurp(&log, path.ptr);
	CHECK(strstr(log.ptr,
		     "== get\nprotocol=https\nhost=git.example.com\n") != NULL);
	dp_credential_approve(&c);
	dp_buf_reset(&log);
	slurp(&log, path.ptr);
	CHECK(strstr(log.ptr, "== store\nprotocol=https\nhost=git.example.com\n"
			      "username=bob\npassword=s3cret\n") != NULL);
	dp_credential_reject(&c);
	dp_buf_reset(&log);
	slurp(&log, path.ptr);
	CHECK(strstr(log.ptr, "== erase\nprotocol=https\n") != NULL);
	unlink(path.ptr);

	/* no password from any helper, prompts off: not found */
	setup("");
	dp_credential_from_url(&c, "https://git.example.com/team/plan.git");
	CHECK_INT(dp_credential_fill(&c), DP_ENOTFOUND);
	CHECK(strstr(dp_error_last(), "no credential for "
				      "https://git.example.com") != NULL);
	dp_error_clear();

	/* a newline in the URL never reaches git */
	dp_credential_from_url(&c, "https://git.example.com/a\nhost=evil");
	CHECK_INT(dp_credential_fill(&c), DP_EINVALID);
	dp_error_clear();
	unlink(path.ptr);
	dp_buf_reset(&path);
	dp_buf_addf(&path, "%s/gitconfig", dir);
	unlink(path.ptr);
	rmdir(dir);
	dp_buf_release(&log);
	dp_buf_release(&path);
	dp_credential_release(&c);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_TERMINAL_PROMPT", "0", 1);
	setenv("HOME", dir, 1);
	unsetenv("GIT_ASKPASS");
	unsetenv("SSH_ASKPASS");
	test_from_url();
	test_fill_approve_reject();
	return test_done();
}
