/* SPDX-License-Identifier: MIT */
/* Commit signatures: ssh-keygen -Y verify and gpgv, run without a shell. */
#include "devplan/verify.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "devplan/error.h"
#include "devplan/fs.h"
#include "devplan/banned.h"

/* A temporary file holding `len` bytes; its path into `path`. */
static int temp_file(struct dp_buf *path, const char *p, size_t len)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	dp_buf_addf(path, "%s/devplan-verify.XXXXXX",
		    dir && *dir ? dir : "/tmp");
	fd = mkstemp(path->ptr);
	if (fd < 0)
		return -1;
	if (dp_fs_write_all(fd, p, len) < 0) {
		close(fd);
		unlink(path->ptr);
		return -1;
	}
	return close(fd);
}

/*
 * Runs argv with `input` on stdin (NULL: /dev/null), stdout and stderr
 * to /dev/null. The exit status, or -1 when it cannot run.
 */
static int run(char *const argv[], const char *input)
{
	pid_t pid;
	int status, in;

	in = open(input ? input : "/dev/null", O_RDONLY);
	if (in < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(in);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (dup2(in, 0) < 0 || null < 0 || dup2(null, 1) < 0 ||
		    dup2(null, 2) < 0)
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(in);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int dp_verify_signature(struct dp_buf *why, const char *sig, size_t sig_len,
			const char *data, size_t data_len,
			const char *principal, const char *allowed_signers)
{
	struct dp_buf sigf = DP_BUF_INIT, dataf = DP_BUF_INIT;
	int ssh =
	    sig_len >= 29 && !memcmp(sig, "-----BEGIN SSH SIGNATURE-----", 29);
	int rc, ret;

	if (ssh && !allowed_signers) {
		dp_buf_adds(why,
			    "an SSH signature, and gpg.ssh.allowedSignersFile "
			    "is not set");
		return 0;
	}
	if (temp_file(&sigf, sig, sig_len) < 0 ||
	    temp_file(&dataf, data, data_len) < 0) {
		dp_error_set("cannot write a temporary file: %s",
			     strerror(errno));
		ret = DP_EIO;
		goto out;
	}
	if (ssh) {
		char *argv[] = { "ssh-keygen",
				 "-Y",
				 "verify",
				 "-n",
				 "git",
				 "-f",
				 (char *)allowed_signers,
				 "-I",
				 (char *)principal,
				 "-s",
				 sigf.ptr,
				 NULL };

		rc = run(argv, dataf.ptr);
	} else {
		char *argv[] = { "gpgv", sigf.ptr, dataf.ptr, NULL };

		rc = run(argv, NULL);
	}
	if (rc < 0 || rc == 127) {
		dp_error_set("cannot run %s to verify a signature",
			     ssh ? "ssh-keygen" : "gpgv");
		ret = DP_EIO;
		goto out;
	}
	ret = rc == 0;
	if (!ret)
		dp_buf_addf(why, "the %s signature does not verify for %s",
			    ssh ? "SSH" : "OpenPGP", principal);
out:
	if (sigf.len)
		unlink(sigf.ptr);
	if (dataf.len)
		unlink(dataf.ptr);
	dp_buf_release(&sigf);
	dp_buf_release(&dataf);
	return ret;
}
