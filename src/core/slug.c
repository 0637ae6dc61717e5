/* SPDX-License-Identifier: MIT */
#include "devplan/slug.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "devplan/error.h"
#include "devplan/util.h"
#include "devplan/banned.h"

/*
 * Latin letters to ASCII, one character per code point: a letter is the
 * base letter (lowercase), '*' means "several letters, see latin_multi",
 * '?' a letter with no sensible ASCII form (counted as a letter all the
 * same), ' ' not a letter (a separator). Derived from the Unicode
 * decompositions, completed by hand for letters with strokes and hooks.
 */
/* clang-format off */
static const char latin_1_ext_b[] =
	/* 00C0 */ "aaaaaa*ceeeeiiiidnooooo ouuuuy**"
	/* 00E0 */ "aaaaaa*ceeeeiiiidnooooo ouuuuy*y"
	/* 0100 */ "aaaaaaccccccccddddeeeeeeeeeegggg"
	/* 0120 */ "gggghhhhiiiiiiiiii**jjkkklllllll"
	/* 0140 */ "lllnnnnnnn**oooooo**rrrrrrssssss"
	/* 0160 */ "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
	/* 0180 */ "bbbb??occdddd?eeeffg?*?ikkl??nno"
	/* 01A0 */ "oo**pp?????ttttuu?vyyzz?????????"
	/* 01C0 */ "????*********aaiioouuuuuuuuuueaa"
	/* 01E0 */ "aa**ggggkkoooo??j***gg??nnaa**oo"
	/* 0200 */ "aaaaeeeeiiiioooorrrruuuusstt??hh"
	/* 0220 */ "nd**zzaaeeooooooooyylntj**acclts"
	/* 0240 */ "z??b??eejj?qrryy";
/* clang-format on */
#define LATIN_1_FIRST 0xC0

/* clang-format off */
static const char latin_ext_additional[] =
	/* 1E00 */ "aabbbbbbccddddddddddeeeeeeeeeeff"
	/* 1E20 */ "gghhhhhhhhhhiiiikkkkkkllllllllmm"
	/* 1E40 */ "mmmmnnnnnnnnoooooooopppprrrrrrrr"
	/* 1E60 */ "ssssssssssttttttttuuuuuuuuuuvvvv"
	/* 1E80 */ "wwwwwwwwwwxxxxyyzzzzzzhtwyasss*d"
	/* 1EA0 */ "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
	/* 1EC0 */ "eeeeeeeeiiiioooooooooooooooooooo"
	/* 1EE0 */ "oooouuuuuuuuuuuuuuyyyyyyyy**vvyy";
/* clang-format on */
#define LATIN_EXT_ADDITIONAL_FIRST 0x1E00

static const struct {
	uint32_t cp;
	const char *ascii;
} latin_multi[] = {
	{ 0x00C6, "ae" }, { 0x00DE, "th" }, { 0x00DF, "ss" }, { 0x00E6, "ae" },
	{ 0x00FE, "th" }, { 0x0132, "ij" }, { 0x0133, "ij" }, { 0x014A, "ng" },
	{ 0x014B, "ng" }, { 0x0152, "oe" }, { 0x0153, "oe" }, { 0x0195, "hv" },
	{ 0x01A2, "oi" }, { 0x01A3, "oi" }, { 0x01C4, "dz" }, { 0x01C5, "dz" },
	{ 0x01C6, "dz" }, { 0x01C7, "lj" }, { 0x01C8, "lj" }, { 0x01C9, "lj" },
	{ 0x01CA, "nj" }, { 0x01CB, "nj" }, { 0x01CC, "nj" }, { 0x01E2, "ae" },
	{ 0x01E3, "ae" }, { 0x01F1, "dz" }, { 0x01F2, "dz" }, { 0x01F3, "dz" },
	{ 0x01FC, "ae" }, { 0x01FD, "ae" }, { 0x0222, "ou" }, { 0x0223, "ou" },
	{ 0x0238, "db" }, { 0x0239, "qp" }, { 0x1E9E, "ss" }, { 0x1EFA, "ll" },
	{ 0x1EFB, "ll" },
};

/* Greek, lowercase alpha (U+03B1) to omega (U+03C9), after ELOT 743. */
static const char *const greek[] = {
	"a", "v", "g", "d", "e", "z", "i", "th", "i", "k",  "l",  "m", "n",
	"x", "o", "p", "r", "s", "s", "t", "y",  "f", "ch", "ps", "o",
};

/* Cyrillic, lowercase а (U+0430) to я (U+044F), then ѐ (U+0450) to џ. */
static const char *const cyrillic[] = {
	"a",  "b",    "v", "g",  "d", "e",  "zh", "z",  "i", "y",  "k",  "l",
	"m",  "n",    "o", "p",  "r", "s",  "t",  "u",  "f", "kh", "ts", "ch",
	"sh", "shch", "",  "y",  "",  "e",  "yu", "ya", "e", "e",  "dj", "g",
	"ye", "dz",   "i", "yi", "j", "lj", "nj", "c",  "k", "i",  "u",  "dz",
};

/* Scripts we cannot transliterate, whose letters still name a goal. */
static const struct {
	uint32_t lo, hi;
} other_letters[] = {
	{ 0x0250, 0x02AF },   /* IPA extensions */
	{ 0x0370, 0x03FF },   /* Greek letters not in the table */
	{ 0x0460, 0x052F },   /* historic and minority Cyrillic */
	{ 0x0531, 0x0587 },   /* Armenian */
	{ 0x05D0, 0x05F2 },   /* Hebrew */
	{ 0x0620, 0x064A },   /* Arabic */
	{ 0x066E, 0x06D3 },   /* Arabic */
	{ 0x06FA, 0x06FF },   /* Arabic */
	{ 0x0900, 0x0963 },   /* Devanagari */
	{ 0x0971, 0x097F },   /* Devanagari */
	{ 0x0E01, 0x0E4E },   /* Thai */
	{ 0x10A0, 0x10FF },   /* Georgian */
	{ 0x1100, 0x11FF },   /* Hangul Jamo */
	{ 0x1F00, 0x1FFF },   /* Greek extended */
	{ 0x3041, 0x309F },   /* Hiragana */
	{ 0x30A1, 0x30FF },   /* Katakana */
	{ 0x3400, 0x4DBF },   /* CJK extension A */
	{ 0x4E00, 0x9FFF },   /* CJK unified ideographs */
	{ 0xAC00, 0xD7A3 },   /* Hangul syllables */
	{ 0xF900, 0xFAFF },   /* CJK compatibility ideographs */
	{ 0x20000, 0x3134F }, /* CJK extensions B to G */
};

/* Digits of other scripts, each block of ten starting at `zero`. */
static const uint32_t other_digits[] = {
	0x0660, /* Arabic-Indic */
	0x06F0, /* extended Arabic-Indic */
	0x0966, /* Devanagari */
	0xFF10, /* fullwidth */
};

/* What one code point turns into. */
enum cls {
	CLS_SEP,    /* not a letter or digit: a word separator */
	CLS_ASCII,  /* letters or digits: `ascii` */
	CLS_LETTER, /* a letter without an ASCII form */
	CLS_IGNORE, /* a combining mark: part of the letter before it */
};

/*
 * Decodes one UTF-8 sequence at `s` (NUL-terminated), refusing overlong
 * forms, surrogates and values past U+10FFFF. Returns its length, or 0.
 */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0; /* also stops at the NUL */
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

static const char *latin_ascii(uint32_t cp, char ch, char tmp[2], enum cls *cls)
{
	if (ch == ' ') {
		*cls = CLS_SEP;
		return NULL;
	}
	if (ch == '?') {
		*cls = CLS_LETTER;
		return NULL;
	}
	*cls = CLS_ASCII;
	if (ch == '*') {
		for (size_t i = 0; i < DP_ARRAY_SIZE(latin_multi); i++)
			if (latin_multi[i].cp == cp)
				return latin_multi[i].ascii;
		*cls = CLS_LETTER; /* not reached: the tables agree */
		return NULL;
	}
	tmp[0] = ch;
	tmp[1] = '\0';
	return tmp;
}

/* The unaccented lowercase Greek letter for `cp`, or 0. */
static uint32_t greek_base(uint32_t cp, int *diaeresis)
{
	static const struct {
		uint32_t cp, base;
		int diaeresis;
	} accented[] = {
		{ 0x386, 0x3B1, 0 }, { 0x388, 0x3B5, 0 }, { 0x389, 0x3B7, 0 },
		{ 0x38A, 0x3B9, 0 }, { 0x38C, 0x3BF, 0 }, { 0x38E, 0x3C5, 0 },
		{ 0x38F, 0x3C9, 0 }, { 0x390, 0x3B9, 1 }, { 0x3AA, 0x3B9, 1 },
		{ 0x3AB, 0x3C5, 1 }, { 0x3AC, 0x3B1, 0 }, { 0x3AD, 0x3B5, 0 },
		{ 0x3AE, 0x3B7, 0 }, { 0x3AF, 0x3B9, 0 }, { 0x3B0, 0x3C5, 1 },
		{ 0x3CA, 0x3B9, 1 }, { 0x3CB, 0x3C5, 1 }, { 0x3CC, 0x3BF, 0 },
		{ 0x3CD, 0x3C5, 0 }, { 0x3CE, 0x3C9, 0 },
	};

	*diaeresis = 0;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 0x20;
	if (cp >= 0x3B1 && cp <= 0x3C9)
		return cp;
	for (size_t i = 0; i < DP_ARRAY_SIZE(accented); i++) {
		if (accented[i].cp == cp) {
			*diaeresis = accented[i].diaeresis;
			return accented[i].base;
		}
	}
	return 0;
}

static const char *cyrillic_ascii(uint32_t cp)
{
	if (cp >= 0x400 && cp <= 0x40F)
		cp += 0x50;
	else if (cp >= 0x410 && cp <= 0x42F)
		cp += 0x20;
	else if (cp == 0x490 || cp == 0x491)
		return "g"; /* Ukrainian ґ */
	if (cp >= 0x430 && cp <= 0x45F)
		return cyrillic[cp - 0x430];
	return NULL;
}

/*
 * Classifies `cp`, returning its ASCII form for CLS_ASCII (in `tmp` or a
 * constant). `prev` is the code point before it, for the Greek digraph
 * "ου" (ou, not oy).
 */
static const char *classify(uint32_t cp, uint32_t prev, char tmp[2],
			    enum cls *cls)
{
	const char *s;
	uint32_t base, prev_base;
	int diaeresis, prev_diaeresis;

	*cls = CLS_ASCII;
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0; /* fullwidth ASCII */
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			tmp[0] = (char)cp;
			tmp[1] = '\0';
			return tmp;
		}
		*cls = CLS_SEP;
		return NULL;
	}
	for (size_t i = 0; i < DP_ARRAY_SIZE(other_digits); i++) {
		if (cp >= other_digits[i] && cp <= other_digits[i] + 9) {
			tmp[0] = (char)('0' + (cp - other_digits[i]));
			tmp[1] = '\0';
			return tmp;
		}
	}
	switch (cp) {
	case 0xAA: /* ª */
		return "a";
	case 0xB5: /* µ */
		return "m";
	case 0xBA: /* º */
		return "o";
	}
	if (cp >= LATIN_1_FIRST &&
	    cp < LATIN_1_FIRST + sizeof(latin_1_ext_b) - 1)
		return latin_ascii(cp, latin_1_ext_b[cp - LATIN_1_FIRST], tmp,
				   cls);
	if (cp >= LATIN_EXT_ADDITIONAL_FIRST &&
	    cp < LATIN_EXT_ADDITIONAL_FIRST + sizeof(latin_ext_additional) - 1)
		return latin_ascii(
		    cp, latin_ext_additional[cp - LATIN_EXT_ADDITIONAL_FIRST],
		    tmp, cls);
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489)) {
		*cls = CLS_IGNORE; /* é written as e + U+0301 */
		return NULL;
	}
	base = greek_base(cp, &diaeresis);
	if (base) {
		prev_base = greek_base(prev, &prev_diaeresis);
		if (base == 0x3C5 && !diaeresis && prev_base == 0x3BF)
			return "u";
		return greek[base - 0x3B1];
	}
	s = cyrillic_ascii(cp);
	if (s)
		return s;
	*cls = CLS_SEP;
	for (size_t i = 0; i < DP_ARRAY_SIZE(other_letters); i++)
		if (cp >= other_letters[i].lo && cp <= other_letters[i].hi)
			*cls = CLS_LETTER;
	/* Greek punctuation inside the Greek block is no letter. */
	if (cp == 0x374 || cp == 0x375 || cp == 0x37E || cp == 0x384 ||
	    cp == 0x385 || cp == 0x387 || cp == 0x3F6)
		*cls = CLS_SEP;
	return NULL;
}

/* FNV-1a, 32 bits. */
static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/*
 * Cuts `out` to at most DP_SLUG_MAX bytes, at the last word boundary if
 * that keeps at least half of it, else in the middle of the word.
 */
static void cut(struct dp_buf *out)
{
	size_t n = DP_SLUG_MAX;

	if (out->len <= DP_SLUG_MAX)
		return;
	if (out->ptr[n] != '-') {
		while (n > DP_SLUG_MAX / 2 && out->ptr[n] != '-')
			n--;
		if (out->ptr[n] != '-')
			n = DP_SLUG_MAX;
	}
	while (n > 0 && out->ptr[n - 1] == '-')
		n--;
	dp_buf_setlen(out, n);
}

int dp_slugify(struct dp_buf *out, const char *title)
{
	const unsigned char *p = (const unsigned char *)title;
	struct dp_buf slug = DP_BUF_INIT;
	uint32_t cp, prev = 0;
	char tmp[2];
	int sep = 0, other = 0, ret = 0;
	enum cls cls;
	const char *s;
	size_t n;

	while (*p) {
		n = utf8_decode(p, &cp);
		if (!n) {
			dp_error_set("title is not valid UTF-8");
			ret = DP_EINVALID;
			goto out;
		}
		p += n;
		if (cp == '\'' || cp == 0x2019)
			continue; /* "engine's" -> "engines", not "engine-s" */
		s = classify(cp, prev, tmp, &cls);
		if (cls != CLS_IGNORE)
			prev = cp;
		switch (cls) {
		case CLS_ASCII:
			if (!*s) {
				other = 1; /* hard and soft signs */
				break;
			}
			if (sep && slug.len)
				dp_buf_addch(&slug, '-');
			sep = 0;
			dp_buf_adds(&slug, s);
			break;
		case CLS_LETTER:
			other = 1;
			sep = 1;
			break;
		case CLS_SEP:
			sep = 1;
			break;
		case CLS_IGNORE:
			break;
		}
	}
	if (!slug.len && other)
		dp_buf_addf(&slug, "goal-%08x", (unsigned)fnv1a(title));
	if (!slug.len) {
		dp_error_set(
		    "title '%s' has no letters or digits to name it by", title);
		ret = DP_EINVALID;
		goto out;
	}
	cut(&slug);
	dp_buf_add(out, slug.ptr, slug.len);
out:
	dp_buf_release(&slug);
	return ret;
}

int dp_slug_unique(struct dp_buf *out, const char *base,
		   int (*exists)(const char *name, void *data), void *data)
{
	struct dp_buf name = DP_BUF_INIT;
	char suffix[24];
	size_t keep;
	int ret;

	if (!dp_id_valid(base)) {
		dp_error_set("'%s' is not a valid name", base);
		ret = DP_EINVALID;
		goto out;
	}
	dp_buf_adds(&name, base);
	for (unsigned long i = 2;; i++) {
		ret = exists(name.ptr, data);
		if (ret < 0)
			goto out;
		if (!ret)
			break;
		if (i > 100000) {
			dp_error_set("no free name left for '%s'", base);
			ret = DP_EEXISTS;
			goto out;
		}
		snprintf(suffix, sizeof(suffix), "-%lu", i);
		keep = strlen(base);
		if (keep + strlen(suffix) > DP_ID_MAX)
			keep = DP_ID_MAX - strlen(suffix);
		while (keep > 1 && base[keep - 1] == '-')
			keep--;
		dp_buf_reset(&name);
		dp_buf_add(&name, base, keep);
		dp_buf_adds(&name, suffix);
	}
	dp_buf_add(out, name.ptr, name.len);
	ret = 0;
out:
	dp_buf_release(&name);
	return ret;
}

int dp_id_valid(const char *id)
{
	size_t len;

	if (!id)
		return 0;
	len = strlen(id);
	if (!len || len > DP_ID_MAX)
		return 0;
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return 0;
	if (id[len - 1] == '-')
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = id[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return 0;
	}
	return 1;
}
