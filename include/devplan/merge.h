/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_MERGE_H
#define DEVPLAN_MERGE_H

#include <stddef.h>

#include "devplan/buf.h"

/*
 * Three-way merge of a record (pure: no git, no I/O). It serves the git
 * merge driver (`devplan merge-file`) and `devplan sync`.
 *
 * The front matter merges key by key: a key changed on one side only
 * takes that change; changes to different keys on each side both apply;
 * nested mappings merge key by key; lists merge item by item, items
 * matched by identity (a mapping's `id`, else its `title` compared
 * case-insensitively and trimmed, else the whole value): items added on
 * either side are all kept (theirs after ours), an item removed on one
 * side and left alone on the other is removed, an item changed on one
 * side only takes the change. The Markdown body merges by lines (diff3).
 * Only the same key (or item, or body lines) set to two different values
 * is a conflict.
 *
 * The result is OURS with THEIR changes spliced in (dp_doc_set, _append,
 * _remove, _set_body), so every byte neither side changed is kept. No
 * conflict marker is ever written: on a conflict the text is OURS as it
 * was and the conflicts say, key by key, both values.
 *
 * A file that does not parse as a record (or YAML file, by its name's
 * extension .yaml / .yml) on one side merges as plain lines (diff3).
 */

struct dp_merge_conflict {
	/*
	 * What conflicts: "progress", "actions[Pair on the parser].due",
	 * "body" (the lines shown in the values), "" (the whole file).
	 */
	char *field;
	/* The values, in YAML flow style; NULL when absent on that side. */
	char *base;
	char *ours;
	char *theirs;
};

struct dp_merge {
	struct dp_buf text; /* the merged text, or OURS on a conflict */
	struct dp_merge_conflict *conflicts;
	size_t nconflicts;
	size_t alloc;
	int lines; /* merged as plain lines (a side did not parse) */
};
#define DP_MERGE_INIT                                                          \
	{                                                                      \
		DP_BUF_INIT, NULL, 0, 0, 0                                     \
	}

/*
 * Merges THEIRS into OURS over BASE (an empty BASE: both added the file).
 * `path` chooses how the text is read (.yaml / .yml: a YAML document;
 * else Markdown with front matter) and names the file in messages.
 * Fills `out` (DP_MERGE_INIT; release with dp_merge_release) and returns
 * 0 when the merge is clean, 1 when out->conflicts lists conflicts.
 */
int dp_merge_text(struct dp_merge *out, const char *path, const char *base,
		  size_t base_len, const char *ours, size_t ours_len,
		  const char *theirs, size_t theirs_len);

void dp_merge_release(struct dp_merge *m);

/*
 * Appends the conflicts as lines for a person to read:
 *   people/alice/goals/x.md: conflict in 'progress'
 *     base:   30
 *     ours:   40
 *     theirs: 60
 */
void dp_merge_report(struct dp_buf *out, const char *path,
		     const struct dp_merge *m);

/* ---- registering the merge driver (merge-driver.c: uses the store) ---- */

struct dp_store;

#define DP_MERGE_DRIVER_NAME "devplan record merge (devplan-merge-file(1))"
#define DP_MERGE_DRIVER_CMD "devplan merge-file %O %A %B %P"

/*
 * Registers the driver that .gitattributes names (merge=devplan) in the
 * repository's own config: merge.devplan.name and merge.devplan.driver.
 * Config is not cloned, so a fresh clone runs this once (init does it).
 */
int dp_merge_driver_install(struct dp_store *st);
/* 1 when merge.devplan.driver is set (to anything), else 0. */
int dp_merge_driver_installed(struct dp_store *st);

#endif
