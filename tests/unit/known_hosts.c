/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devplan/buf.h"
#include "devplan/known-hosts.h"
#include "test.h"

#define K1                                                                     \
	"AAAAC3NzaC1lZDI1NTE5AAAAIHtM06CVdvOdilrn8HrdBTPtkzYvPw4cqd9wPac9o7na"
#define K2                                                                     \
	"AAAAC3NzaC1lZDI1NTE5AAAAINyidMaOI7c4iBaMfWycWnJxyqi1Ks+bq9h3+xPv5Wwe"
#define K3                                                                     \
	"AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJWu6yYlH3gaVxTF" \
	"WNaKmeTlTC+m+/TGOZ+9GV4VF5gxieiMGYdOxDmu5jJNutlXAG0mFY8Z/iWbbVoYi1qK" \
	"nM8="

static void hex(char *out, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static void test_hmac(void)
{
	unsigned char key[80], mac[20];
	char h[41];

	/* RFC 2202, test cases 1, 2 and 6 */
	memset(key, 0x0b, 20);
	dp_hmac_sha1(mac, key, 20, "Hi There", 8);
	hex(h, mac, 20);
	CHECK_STR(h, "b617318655057264e28bc0b6fb378c8ef146be00");
	dp_hmac_sha1(mac, "Jefe", 4, "what do ya want for nothing?", 28);
	hex(h, mac, 20);
	CHECK_STR(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	memset(key, 0xaa, 80);
	dp_hmac_sha1(mac, key, 80,
		     "Test Using Larger Than Block-Size Key - Hash Key First",
		     54);
	hex(h, mac, 20);
	CHECK_STR(h, "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

static void test_base64(void)
{
	struct dp_buf b = DP_BUF_INIT;

	CHECK_INT(dp_base64_decode(&b, "Zm9vYmFy", 8), 0);
	CHECK(b.len == 6 && !memcmp(b.ptr, "foobar", 6));
	dp_buf_reset(&b);
	CHECK_INT(dp_base64_decode(&b, "Zm9vYg==", 8), 0);
	CHECK(b.len == 4 && !memcmp(b.ptr, "foob", 4));
	dp_buf_reset(&b);
	CHECK_INT(dp_base64_decode(&b, "Zm9v!mFy", 8), -1);
	dp_buf_release(&b);
}

static enum dp_hostkey check(const char *text, const char *host, int port,
			     const char *key_b64, struct dp_buf *where)
{
	char path[] = "/tmp/devplan-kh.XXXXXX";
	const char *files[] = { "/nonexistent/known_hosts", path, NULL };
	struct dp_buf key = DP_BUF_INIT;
	enum dp_hostkey ret;
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
	if (dp_base64_decode(&key, key_b64, strlen(key_b64)) < 0)
		abort();
	ret = dp_known_hosts_check(host, port, (const unsigned char *)key.ptr,
				   key.len, files, where);
	unlink(path);
	dp_buf_release(&key);
	return ret;
}

static void test_known_hosts(void)
{
	/* ssh-keygen -H of "example.com K1" and "[example.com]:2222 K2" */
	const char *hashed =
	    "|1|+YXnfbk8QuvHW2rNNLuU3wbK1+4=|bpqdejWnOg5sKexDGbO7th2MeDM= "
	    "ssh-ed25519 " K1 "\n"
	    "|1|n3lZHSTpGdUTIPt/NVLxhNraXjg=|+Hsy6nlg8YZxfa9DkCilBEZiRik= "
	    "ssh-ed25519 " K2 "\n";
	struct dp_buf where = DP_BUF_INIT;

	CHECK_INT(check("example.com ssh-ed25519 " K1 "\n", "example.com", 22,
			K1, NULL),
		  DP_HOSTKEY_OK);
	CHECK_INT(check("# a comment\n\nEXAMPLE.com,other ssh-ed25519 " K1
			" me@host\n",
			"example.com", 22, K1, NULL),
		  DP_HOSTKEY_OK);
	CHECK_INT(check("example.com ssh-ed25519 " K1 "\n", "example.org", 22,
			K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	CHECK_INT(check("one\nexample.com ssh-ed25519 " K2 "\n", "example.com",
			22, K1, &where),
		  DP_HOSTKEY_CHANGED);
	CHECK(strstr(where.ptr, ":2") != NULL);
	/* a port: only "[host]:port" names it */
	CHECK_INT(check("example.com ssh-ed25519 " K1 "\n", "example.com", 2222,
			K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	CHECK_INT(check("[example.com]:2222 ssh-ed25519 " K1 "\n",
			"example.com", 2222, K1, NULL),
		  DP_HOSTKEY_OK);
	/* hashed names */
	CHECK_INT(check(hashed, "example.com", 22, K1, NULL), DP_HOSTKEY_OK);
	CHECK_INT(check(hashed, "example.com", 2222, K2, NULL), DP_HOSTKEY_OK);
	CHECK_INT(check(hashed, "example.com", 22, K2, NULL),
		  DP_HOSTKEY_CHANGED);
	CHECK_INT(check(hashed, "example.net", 22, K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	/* wildcards and negation */
	CHECK_INT(check("*.example.com ssh-ed25519 " K1 "\n", "git.example.com",
			22, K1, NULL),
		  DP_HOSTKEY_OK);
	CHECK_INT(check("*.example.com,!evil.example.com ssh-ed25519 " K1 "\n",
			"evil.example.com", 22, K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	CHECK_INT(check("git?.example.com ssh-ed25519 " K1 "\n",
			"git1.example.com", 22, K1, NULL),
		  DP_HOSTKEY_OK);
	/* another key type for the host: unknown for this type */
	CHECK_INT(check("example.com ecdsa-sha2-nistp256 " K3 "\n",
			"example.com", 22, K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	/* revoked, and @cert-authority skipped */
	CHECK_INT(check("example.com ssh-ed25519 " K1
			"\n@revoked * ssh-ed25519 " K1 "\n",
			"example.com", 22, K1, NULL),
		  DP_HOSTKEY_REVOKED);
	CHECK_INT(check("@cert-authority example.com ssh-ed25519 " K1 "\n",
			"example.com", 22, K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	/* malformed lines are skipped */
	CHECK_INT(check("example.com\nexample.com ssh-ed25519\n"
			"example.com ssh-ed25519 !!!\n",
			"example.com", 22, K1, NULL),
		  DP_HOSTKEY_UNKNOWN);
	dp_buf_release(&where);
}

int main(void)
{
	test_hmac();
	test_base64();
	test_known_hosts();
	return test_done();
}
