/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/slug.h"
#include "test.h"

static const struct {
	const char *title;
	const char *slug; /* NULL: refused */
} cases[] = {
	{ "Become fluent in Rust for systems work",
	  "become-fluent-in-rust-for-systems-work" },
	{ "  Learn   C11!  ", "learn-c11" },
	{ "--Lead the on-call rota--", "lead-the-on-call-rota" },
	{ "Get AWS certified (2027)", "get-aws-certified-2027" },
	{ "42", "42" },
	{ "Learn the storage engine's internals",
	  "learn-the-storage-engines-internals" },
	{ "Don\xe2\x80\x99t panic", "dont-panic" },
	{ "' ' '", NULL },
	{ "Q3: ship v2.0", "q3-ship-v2-0" },
	{ "Café crème à la française", "cafe-creme-a-la-francaise" },
	{ "Ångström, naïve, señor, façade", "angstrom-naive-senor-facade" },
	{ "Über Größe", "uber-grosse" },
	{ "Ærø Øresund æble", "aero-oresund-aeble" },
	{ "Þórður Íslandsson", "thordur-islandsson" },
	{ "Œuvre", "oeuvre" },
	{ "Zażółć gęślą jaźń", "zazolc-gesla-jazn" },
	{ "Łódź", "lodz" },
	{ "Đorđe Čolić", "dorde-colic" },
	{ "Dvořák", "dvorak" },
	{ "Tiếng Việt", "tieng-viet" },
	{ "Învăț românește și țară", "invat-romaneste-si-tara" },
	{ "Cafe\xcc\x81", "cafe" }, /* e + combining acute */
	{ "Ελλάδα", "ellada" },
	{ "Μαθαίνω Ελληνικά", "mathaino-ellinika" },
	{ "Ουρανός", "ouranos" },
	{ "Привет", "privet" },
	{ "Выучить Rust в 2027 году", "vyuchit-rust-v-2027-godu" },
	{ "Щука и ёж", "shchuka-i-ezh" },
	{ "Підготуватися до співбесіди", "pidgotuvatisya-do-spivbesidi" },
	{ "Їжак Євген", "yizhak-yevgen" },
	{ "Ｆｕｌｌｗｉｄｔｈ １２", "fullwidth-12" },
	{ "学习中文", "goal-c0587888" },
	{ "機械学習を学ぶ", "goal-540ade72" },
	{ "تعلم العربية", "goal-4e02c71d" },
	{ "한국어 배우기", "goal-8e6ca346" },
	{ "🚀 火箭", "goal-4a837add" },
	{ "学习 Rust", "rust" },
	{ "🚀 Launch 🎉", "launch" },
	{ "../../etc/passwd", "etc-passwd" },
	{ "a/b", "a-b" },
	{ "a\\b", "a-b" },
	{ "...hidden", "hidden" },
	{ "", NULL },
	{ "   \t\n ", NULL },
	{ "!!! ??? ---", NULL },
	{ ".", NULL },
	{ "..", NULL },
	{ "/", NULL },
	{ "🚀🎉", NULL },
	{ "🚀 — ★ ©", NULL },
	{ "\xc3", NULL },             /* truncated sequence */
	{ "caf\xe9", NULL },          /* Latin-1, not UTF-8 */
	{ "\xc0\xaf", NULL },         /* overlong '/' */
	{ "\xed\xa0\x80", NULL },     /* surrogate */
	{ "\xf4\x90\x80\x80", NULL }, /* past U+10FFFF */
	{ "x\xff", NULL },
};

static void test_slugify(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dp_buf out = DP_BUF_INIT;
		int ret = dp_slugify(&out, cases[i].title);

		if (cases[i].slug) {
			CHECK_INT(ret, 0);
			CHECK_STR(out.ptr, cases[i].slug);
			CHECK(dp_id_valid(out.ptr));
		} else {
			CHECK_INT(ret, DP_EINVALID);
			CHECK_STR(out.ptr, "");
		}
		dp_buf_release(&out);
	}
}

static void test_messages(void)
{
	struct dp_buf out = DP_BUF_INIT;

	CHECK_INT(dp_slugify(&out, "?!"), DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "title '?!' has no letters or digits to name it by");
	CHECK_INT(dp_slugify(&out, ""), DP_EINVALID);
	CHECK_STR(dp_error_last(),
		  "title '' has no letters or digits to name it by");
	CHECK_INT(dp_slugify(&out, "caf\xe9"), DP_EINVALID);
	CHECK_STR(dp_error_last(), "title is not valid UTF-8");

	/* The slug is appended. */
	dp_buf_adds(&out, "x:");
	CHECK_INT(dp_slugify(&out, "Hello"), 0);
	CHECK_STR(out.ptr, "x:hello");
	dp_buf_release(&out);
}

static void test_length(void)
{
	struct dp_buf title = DP_BUF_INIT, out = DP_BUF_INIT;

	/* 210 characters: cut after the last whole word within 60. */
	for (int i = 0; i < 30; i++)
		dp_buf_adds(&title, "Growth ");
	CHECK_INT(dp_slugify(&out, title.ptr), 0);
	CHECK_INT(out.len, 55);
	CHECK(out.len <= DP_SLUG_MAX);
	CHECK(out.ptr[out.len - 1] != '-');
	CHECK(!strncmp(out.ptr, "growth-growth-", 14));

	dp_buf_reset(&out);
	CHECK_INT(dp_slugify(&out, "Learn about distributed systems consensus "
				   "protocols including Raft and Paxos and "
				   "then write about them"),
		  0);
	CHECK_STR(out.ptr,
		  "learn-about-distributed-systems-consensus-protocols");

	/* A word ending exactly at the limit is kept whole. */
	dp_buf_reset(&out);
	CHECK_INT(dp_slugify(&out, "aaaaaaaaaa bbbbbbbbb ccccccccc ddddddddd "
				   "eeeeeeeee fffffffff ggg hhh"),
		  0);
	CHECK_STR(out.ptr, "aaaaaaaaaa-bbbbbbbbb-ccccccccc-ddddddddd-eeeeeeeee-"
			   "fffffffff");

	/* One long word is cut in the middle, never ending in '-'. */
	dp_buf_reset(&title);
	dp_buf_adds(&title, "a ");
	for (int i = 0; i < 80; i++)
		dp_buf_addch(&title, 'x');
	dp_buf_reset(&out);
	CHECK_INT(dp_slugify(&out, title.ptr), 0);
	CHECK_INT(out.len, DP_SLUG_MAX);
	CHECK(!strncmp(out.ptr, "a-xxxx", 6));
	CHECK(out.ptr[out.len - 1] == 'x');

	/* 200 two-byte letters. */
	dp_buf_reset(&title);
	for (int i = 0; i < 100; i++)
		dp_buf_adds(&title, "é ");
	dp_buf_reset(&out);
	CHECK_INT(dp_slugify(&out, title.ptr), 0);
	CHECK_INT(out.len, 59);
	CHECK(out.ptr[out.len - 1] == 'e');

	dp_buf_release(&title);
	dp_buf_release(&out);
}

struct taken {
	const char *const *names;
	int calls;
};

static int exists(const char *name, void *data)
{
	struct taken *t = data;

	t->calls++;
	for (const char *const *n = t->names; *n; n++)
		if (!strcmp(*n, name))
			return 1;
	return 0;
}

static int exists_fails(const char *name, void *data)
{
	dp_error_set("cannot list goals");
	return DP_EIO;
}

static void test_unique(void)
{
	static const char *const none[] = { NULL };
	static const char *const some[] = { "learn-rust", "learn-rust-2",
					    "learn-rust-3", NULL };
	static const char *const long_ones[] = {
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-"
		"bb",
		NULL
	};
	struct dp_buf out = DP_BUF_INIT;
	struct taken t = { none, 0 };

	CHECK_INT(dp_slug_unique(&out, "learn-rust", exists, &t), 0);
	CHECK_STR(out.ptr, "learn-rust");
	CHECK_INT(t.calls, 1);

	dp_buf_reset(&out);
	t.names = some;
	t.calls = 0;
	CHECK_INT(dp_slug_unique(&out, "learn-rust", exists, &t), 0);
	CHECK_STR(out.ptr, "learn-rust-4");
	CHECK_INT(t.calls, 4);

	dp_buf_reset(&out);
	CHECK_INT(dp_slug_unique(&out, "learn", exists, &t), 0);
	CHECK_STR(out.ptr, "learn");

	/* A 64-byte name loses its tail to make room for the suffix. */
	dp_buf_reset(&out);
	t.names = long_ones;
	CHECK_INT(dp_slug_unique(&out, long_ones[0], exists, &t), 0);
	CHECK_STR(out.ptr,
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaa-2");
	CHECK_INT(out.len, DP_ID_MAX - 1);
	CHECK(dp_id_valid(out.ptr));

	dp_buf_reset(&out);
	CHECK_INT(dp_slug_unique(&out, "x", exists_fails, NULL), DP_EIO);
	CHECK_STR(dp_error_last(), "cannot list goals");
	CHECK_INT(dp_slug_unique(&out, "../x", exists, &t), DP_EINVALID);
	CHECK_STR(out.ptr, "");
	dp_buf_release(&out);
}

static void test_id_valid(void)
{
	static const struct {
		const char *id;
		int ok;
	} ids[] = {
		{ "alice", 1 },
		{ "a", 1 },
		{ "7", 1 },
		{ "bob-smith", 1 },
		{ "bob_smith", 1 },
		{ "r2-d2", 1 },
		{ "staff-engineer-2", 1 },
		{ "", 0 },
		{ "-alice", 0 },
		{ "_alice", 0 },
		{ "alice-", 0 },
		{ "Alice", 0 },
		{ "al ice", 0 },
		{ "al.ice", 0 },
		{ ".", 0 },
		{ "..", 0 },
		{ "../etc", 0 },
		{ "a/b", 0 },
		{ "a\\b", 0 },
		{ "caf\xc3\xa9", 0 },
		{ "alice\n", 0 },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaa",
		  1 }, /* 64 */
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		  "aaaaa",
		  0 }, /* 65 */
	};

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		test_point(dp_id_valid(ids[i].id) == ids[i].ok, __FILE__,
			   __LINE__, ids[i].id);
	CHECK(!dp_id_valid(NULL));
}

int main(void)
{
	test_slugify();
	test_messages();
	test_length();
	test_unique();
	test_id_valid();
	return test_done();
}
