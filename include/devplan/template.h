/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_TEMPLATE_H
#define DEVPLAN_TEMPLATE_H

#include "devplan/buf.h"
#include "devplan/store.h"

/*
 * Starting text of each record kind. The built-in templates are the files
 * of templates/ compiled into the binary; a repository overrides one by
 * committing .devplan/templates/<name> (for example goal.md).
 * Names: "devplan.yaml", "competencies.yaml", "role.md", "profile.md",
 * "goal.md", "gitattributes".
 */
struct dp_template_builtin_entry {
	const char *name;
	const char *text;
};
/* Generated from templates/ at build time; ends with a {NULL, NULL} entry. */
extern const struct dp_template_builtin_entry dp_templates_builtin[];

/* The built-in text of `name`, or NULL. Static storage: do not free. */
const char *dp_template_builtin(const char *name);
/* Appends the repository's override or the built-in text to `out`. */
int dp_template_load(struct dp_buf *out, struct dp_store *st, const char *name);

#endif
