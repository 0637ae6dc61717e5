/* SPDX-License-Identifier: MIT */
/*
 * A driver for the fuzz targets without libFuzzer, for the test suite:
 * runs each file named (or each file in each folder named) through
 * LLVMFuzzerTestOneInput, then, with -m N, N fixed mutations of each
 * (a seeded generator: the same inputs every run). An input that takes
 * longer than -t seconds (default 10) is reported as a hang.
 *   standalone [-m N] [-t SECONDS] FILE|DIR...
 * Prints TAP: one point per file and its mutations.
 */
#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *current = "";

static void on_alarm(int sig)
{
	static const char msg[] = "not ok - an input ran too long (hang): ";

	(void)sig;
	if (write(1, msg, sizeof(msg) - 1) < 0 ||
	    write(1, current, strlen(current)) < 0 || write(1, "\n", 1) < 0)
		_exit(2);
	_exit(1);
}

/* Tokens the mutations insert: what parsers of Markdown and YAML find hard. */
static const char *const tokens[] = {
	"<script>alert(1)</script>",
	"[x](javascript:alert(1))",
	"![i](JaVaScRiPt:x)",
	"<a href=\"javascript:x\">",
	"| a | b |\n|---|---|\n",
	"```\n",
	"> ",
	"- ",
	"1. ",
	"* ",
	"[",
	"]",
	"(",
	")",
	"\n---\n",
	"\n",
	": ",
	"&#106;avascript:",
	"<!--",
	"-->",
	"\\",
	"`",
	"~~",
	"- [x] ",
	"# ",
	"<",
	">",
	"\"",
	"'",
	"\x00",
	"\xff",
	"{",
	"}",
};

static uint32_t rnd_state = 2463534242u;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static int run(const uint8_t *data, size_t size, unsigned timeout)
{
	alarm(timeout);
	LLVMFuzzerTestOneInput(data, size);
	alarm(0);
	return 0;
}

static size_t mutate(uint8_t *out, size_t cap, const uint8_t *in, size_t len)
{
	size_t n = len < cap ? len : cap;
	unsigned edits = 1 + rnd() % 8;

	memcpy(out, in, n);
	while (edits--) {
		size_t at = n ? rnd() % (n + 1) : 0;
		const char *tok =
		    tokens[rnd() % (sizeof(tokens) / sizeof(*tokens))];
		size_t tl = strlen(tok) ? strlen(tok) : 1;

		switch (rnd() % 4) {
		case 0: /* insert a token */
			if (n + tl <= cap) {
				memmove(out + at + tl, out + at, n - at);
				memcpy(out + at, tok, tl);
				n += tl;
			}
			break;
		case 1: /* flip a byte */
			if (n)
				out[rnd() % n] ^= (uint8_t)(1u << (rnd() % 8));
			break;
		case 2: /* cut a piece */
			if (at < n) {
				size_t cut = 1 + rnd() % (n - at);

				memmove(out + at, out + at + cut, n - at - cut);
				n -= cut;
			}
			break;
		default: /* repeat a piece */
			if (at < n) {
				size_t piece = 1 + rnd() % (n - at);

				for (int k = 0; k < 4 && n + piece <= cap;
				     k++) {
					memmove(out + at + piece, out + at,
						n - at);
					n += piece;
				}
			}
		}
	}
	return n;
}

static int one_file(const char *path, unsigned mutations, unsigned timeout,
		    int *count)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *data = NULL, *buf;
	size_t len = 0, cap = 0, n;
	uint8_t chunk[4096];

	if (!fp) {
		printf("not ok %d - cannot read %s\n", ++*count, path);
		return 1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (len + n > cap) {
			cap = (len + n) * 2;
			data = realloc(data, cap);
			if (!data)
				abort();
		}
		memcpy(data + len, chunk, n);
		len += n;
	}
	fclose(fp);
	current = path;
	run(data, len, timeout);
	buf = malloc(len * 4 + 4096);
	if (!buf)
		abort();
	for (unsigned m = 0; m < mutations; m++)
		run(buf, mutate(buf, len * 4 + 4096, data, len), timeout);
	free(buf);
	free(data);
	printf("ok %d - %s (and %u mutations)\n", ++*count, path, mutations);
	return 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	unsigned mutations = 0, timeout = 10;
	int count = 0, failed = 0, opt;

	while ((opt = getopt(argc, argv, "m:t:")) != -1) {
		if (opt == 'm')
			mutations = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 't')
			timeout = (unsigned)strtoul(optarg, NULL, 10);
		else
			return 2;
	}
	signal(SIGALRM, on_alarm);
	for (int i = optind; i < argc; i++) {
		struct stat sb;
		DIR *d;
		struct dirent *e;
		char **names = NULL;
		size_t nn = 0;

		if (stat(argv[i], &sb) == 0 && !S_ISDIR(sb.st_mode)) {
			failed |= one_file(argv[i], mutations, timeout, &count);
			continue;
		}
		if (!(d = opendir(argv[i]))) {
			printf("not ok %d - cannot read %s\n", ++count,
			       argv[i]);
			failed = 1;
			continue;
		}
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			names = realloc(names, (nn + 1) * sizeof(*names));
			if (!names)
				abort();
			names[nn] =
			    malloc(strlen(argv[i]) + strlen(e->d_name) + 2);
			if (!names[nn])
				abort();
			snprintf(names[nn],
				 strlen(argv[i]) + strlen(e->d_name) + 2,
				 "%s/%s", argv[i], e->d_name);
			nn++;
		}
		closedir(d);
		qsort(names, nn, sizeof(*names), compare_names);
		for (size_t k = 0; k < nn; k++) {
			failed |=
			    one_file(names[k], mutations, timeout, &count);
			free(names[k]);
		}
		free(names);
	}
	printf("1..%d\n", count);
	return failed;
}
