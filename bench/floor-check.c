/* SPDX-License-Identifier: MIT */
/*
 * The floor for `devplan check` on the flat layout, for bench/check.sh:
 * list people/ and each person's goals/, read every record (openat,
 * read, close) and parse its front matter with libyaml into a document.
 * No validation, no cache, no messages: what a check cannot go below.
 *   floor-check REPO
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

static char buf[1 << 20];
static long records, errors;

static void parse(int dfd, const char *name)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n;
	char *end;
	yaml_parser_t p;
	yaml_document_t doc;

	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 4 || memcmp(buf, "---\n", 4))
		return;
	buf[n] = '\0';
	end = strstr(buf + 4, "\n---");
	if (!end)
		return;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (unsigned char *)buf + 4,
				     (size_t)(end + 1 - buf - 4));
	if (!yaml_parser_load(&p, &doc))
		errors++;
	else
		yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	records++;
}

static void each(int parent, const char *dir, int depth)
{
	int fd = openat(parent, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;
	struct dirent *de;

	if (fd < 0)
		return;
	d = fdopendir(fd);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_DIR && depth < 2)
			each(fd, de->d_name, depth + 1);
		else if (len > 3 && !strcmp(de->d_name + len - 3, ".md"))
			parse(fd, de->d_name);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	int top;

	if (argc != 2) {
		fprintf(stderr, "usage: floor-check REPO\n");
		return 2;
	}
	top = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (top < 0) {
		perror(argv[1]);
		return 3;
	}
	each(top, "people", 0);
	printf("%ld records, %ld errors\n", records, errors);
	return errors != 0;
}
