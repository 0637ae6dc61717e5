/* SPDX-License-Identifier: MIT */
#ifndef DEVPLAN_CLI_H
#define DEVPLAN_CLI_H

#include <stdio.h>

#include "devplan/buf.h"
#include "devplan/error.h"
#include "devplan/fm.h"
#include "devplan/record.h"
#include "devplan/plan.h"
#include "devplan/store.h"
#include "devplan/util.h"

/* Global state of one devplan run, filled by main.c before dispatch. */
struct dp_ctx {
	const char *chdir;      /* -C DIR, already applied */
	const char *as;         /* --as PERSON, or NULL */
	struct dp_plan *plan;   /* open when the command needs a repository */
	struct dp_store *store; /* the plan's store (dp_plan_store) */
	int color;              /* colour on stdout */
};

/* ---- options (opt.c): one declarative table per command ---- */

enum dp_opt_type {
	DP_OPT_END = 0,
	DP_OPT_BOOL,   /* value: int *, set to 1 */
	DP_OPT_STRING, /* value: const char **, the last one wins */
	DP_OPT_LIST,   /* value: struct dp_strlist *, repeatable */
};

struct dp_option {
	enum dp_opt_type type;
	int short_name; /* 0 for none */
	const char *long_name;
	const char *argh; /* "DATE", NULL for bools */
	const char *help;
	void *value;
};

#define OPT_BOOL(s, l, v, h)                                                   \
	{                                                                      \
		DP_OPT_BOOL, (s), (l), NULL, (h), (v)                          \
	}
#define OPT_STRING(s, l, v, a, h)                                              \
	{                                                                      \
		DP_OPT_STRING, (s), (l), (a), (h), (v)                         \
	}
#define OPT_LIST(s, l, v, a, h)                                                \
	{                                                                      \
		DP_OPT_LIST, (s), (l), (a), (h), (v)                           \
	}
#define OPT_END()                                                              \
	{                                                                      \
		DP_OPT_END, 0, NULL, NULL, NULL, NULL                          \
	}

/*
 * How many positional arguments a command takes, checked by dp_opt_parse
 * with one message ("missing <title>", named from the usage line, or "too
 * many arguments"). Both 0 (a spec that leaves them out): not checked,
 * the command checks itself. DP_ARGS_ANY as max: no upper bound;
 * DP_ARGS_NONE as max: no arguments at all.
 */
#define DP_ARGS_ANY (-1)
#define DP_ARGS_NONE (-2)

struct dp_cmd_spec {
	const char *name;  /* "new-goal" */
	const char *usage; /* lines after "devplan <name> ", '\n'-separated */
	const char *summary;
	const struct dp_option *opts;
	int min_args; /* positional arguments, at least */
	int max_args; /* at most; DP_ARGS_ANY, DP_ARGS_NONE */
};

#define DP_OPT_HELP -100  /* --help was shown: exit 0 */
#define DP_OPT_USAGE -101 /* a usage error was shown: exit 2 */
#define DP_OPT_FAIL -102  /* dp_opt_ready failed and said why */

/*
 * When not NULL, dp_opt_parse calls it once the command line is known to
 * be well-formed (options, values, the number of arguments) and no help
 * was asked for, and fails with DP_OPT_FAIL when it returns an exit
 * status other than 0. main.c sets it to open the repository for the
 * commands that need one: a usage error or --help never needs one.
 */
extern int (*dp_opt_ready)(void);

/*
 * Parses argv (argv[0] is the command name) against spec->opts, like
 * git's parse-options: options and arguments may mix; "--" ends options;
 * "--name=value", "--name value", "-m value", "-mvalue" and "-ab" work;
 * a long option may be shortened to a unique prefix. "-" and a negative
 * number ("-1") are arguments, unless a digit is a short option of the
 * spec. Handles --help / -h (usage on stdout) and the hidden
 * --complete-opts (the long options, one a line, for the completion
 * scripts), then the number of arguments (min_args, max_args). Returns
 * the number of positional arguments, which are left in (*rest)[0..n-1],
 * or DP_OPT_HELP / DP_OPT_USAGE / DP_OPT_FAIL.
 */
int dp_opt_parse(const struct dp_cmd_spec *spec, int argc, char **argv,
		 char ***rest);
/* Exit status for a negative dp_opt_parse result. */
int dp_opt_exit(int r);
/* Prints the usage and option help of `spec` to `fp`. */
void dp_opt_usage(const struct dp_cmd_spec *spec, FILE *fp);
/*
 * Prints "devplan: error: <msg>" and the usage line(s) to stderr and
 * returns 2: `return dp_usage_error(&spec, "too many arguments");`
 */
int dp_usage_error(const struct dp_cmd_spec *spec, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- the command table (main.c) ---- */

enum {
	DP_CMD_REPO = 1 << 0, /* open the repository before running */
	/* runs even when devplan.yaml is broken, to find or fix it */
	DP_CMD_LENIENT_CONFIG = 1 << 1,
};

struct dp_command {
	const char *name;
	int (*fn)(int argc, char **argv, struct dp_ctx *ctx);
	unsigned flags;
	const char *summary;
};

/* One function per command, in src/cli/cmd-<name>.c. */
int cmd_accept(int argc, char **argv, struct dp_ctx *ctx);
int cmd_action(int argc, char **argv, struct dp_ctx *ctx);
int cmd_agenda(int argc, char **argv, struct dp_ctx *ctx);
int cmd_approve(int argc, char **argv, struct dp_ctx *ctx);
int cmd_assess(int argc, char **argv, struct dp_ctx *ctx);
int cmd_audit(int argc, char **argv, struct dp_ctx *ctx);
int cmd_career_map(int argc, char **argv, struct dp_ctx *ctx);
int cmd_check(int argc, char **argv, struct dp_ctx *ctx);
int cmd_codeowners(int argc, char **argv, struct dp_ctx *ctx);
int cmd_comment(int argc, char **argv, struct dp_ctx *ctx);
int cmd_commit(int argc, char **argv, struct dp_ctx *ctx);
int cmd_decline(int argc, char **argv, struct dp_ctx *ctx);
int cmd_done(int argc, char **argv, struct dp_ctx *ctx);
int cmd_due(int argc, char **argv, struct dp_ctx *ctx);
int cmd_edit(int argc, char **argv, struct dp_ctx *ctx);
int cmd_export(int argc, char **argv, struct dp_ctx *ctx);
int cmd_gap(int argc, char **argv, struct dp_ctx *ctx);
int cmd_goals(int argc, char **argv, struct dp_ctx *ctx);
int cmd_help(int argc, char **argv, struct dp_ctx *ctx);
int cmd_import_framework(int argc, char **argv, struct dp_ctx *ctx);
int cmd_init(int argc, char **argv, struct dp_ctx *ctx);
int cmd_journal(int argc, char **argv, struct dp_ctx *ctx);
int cmd_log(int argc, char **argv, struct dp_ctx *ctx);
int cmd_match(int argc, char **argv, struct dp_ctx *ctx);
int cmd_matrix(int argc, char **argv, struct dp_ctx *ctx);
int cmd_merge_file(int argc, char **argv, struct dp_ctx *ctx);
int cmd_new_competency(int argc, char **argv, struct dp_ctx *ctx);
int cmd_new_goal(int argc, char **argv, struct dp_ctx *ctx);
int cmd_new_person(int argc, char **argv, struct dp_ctx *ctx);
int cmd_new_role(int argc, char **argv, struct dp_ctx *ctx);
int cmd_note(int argc, char **argv, struct dp_ctx *ctx);
int cmd_progress(int argc, char **argv, struct dp_ctx *ctx);
int cmd_render(int argc, char **argv, struct dp_ctx *ctx);
int cmd_review(int argc, char **argv, struct dp_ctx *ctx);
int cmd_set(int argc, char **argv, struct dp_ctx *ctx);
int cmd_share(int argc, char **argv, struct dp_ctx *ctx);
int cmd_show(int argc, char **argv, struct dp_ctx *ctx);
int cmd_stats(int argc, char **argv, struct dp_ctx *ctx);
int cmd_swot(int argc, char **argv, struct dp_ctx *ctx);
int cmd_sync(int argc, char **argv, struct dp_ctx *ctx);
int cmd_team(int argc, char **argv, struct dp_ctx *ctx);

extern const struct dp_command dp_commands[];
extern const size_t dp_commands_len;
const struct dp_command *dp_command_find(const char *name);
/* The global usage and the list of commands (devplan --help). */
void dp_main_usage(FILE *fp);

/* ---- output (output.c) ---- */

/* Colour on `fp`: a terminal, NO_COLOR unset, TERM not "dumb". */
int dp_want_color(FILE *fp);
/*
 * Starts the pager like git when stdout is a terminal: DEVPLAN_PAGER,
 * core.pager (when main.c gave it the open store), PAGER, else "less"
 * with LESS=FRX. The first one set decides; an empty one or "cat" means
 * no pager. Output then goes through it until dp_pager_finish (called by
 * main at exit).
 */
void dp_pager_start(void);
void dp_pager_finish(void);
/* The store whose git config gives core.pager (NULL: none); main.c. */
void dp_pager_use_store(struct dp_store *st);

/*
 * Everything printed to the terminal that came from a record, a file
 * name or the command line goes through these, so that no text can move
 * the cursor, clear the screen or start a line of its own. The C0
 * controls, DEL, the C1 controls (U+0080..U+009F), the bidirectional
 * overrides and bytes that are not UTF-8 become visible escapes: \e \a
 * \b \t \n \v \f \r, \x01, \x7f, \u{9b}, \xff.
 */
/* Appends `s` (NULL is fine) to `out`, escaped. */
void dp_term_escape(struct dp_buf *out, const char *s);
/*
 * Like dp_term_escape, at most `max` columns wide (0: no limit): longer
 * text is cut between two characters and ends with "\u2026" (…).
 * Returns the width appended, in columns.
 */
size_t dp_term_escape_width(struct dp_buf *out, const char *s, size_t max);

/* Prints `s` escaped and a line feed to `fp`: one line, whatever `s` holds. */
void dp_term_puts(FILE *fp, const char *s);

/*
 * Prints "devplan: error: <dp_error_last()>", escaped, and returns the
 * exit status for `code` (a dp_err).
 */
int dp_fail(int code);
/* Prints "devplan: error: <fmt...>" to stderr; the text is escaped. */
void dp_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "devplan: warning: <fmt...>" to stderr; the text is escaped. */
void dp_warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints every finding to stderr, one a line, escaped. */
void dp_print_findings(const struct dp_findings *f);
/* The same on `fp` (check prints its findings on stdout). */
void dp_print_findings_to(FILE *fp, const struct dp_findings *f);
/*
 * Writes `len` bytes of a record's text to `fp`: as they are when `fp`
 * is not a terminal (nor stdout through the pager), else escaped like
 * dp_term_escape but with its line feeds and tabs kept.
 */
void dp_print_text(FILE *fp, const char *s, size_t len);
/* Always escaped so, for reports made of record text (agenda). */
void dp_print_escaped(FILE *fp, const char *s, size_t len);
/* Display width of UTF-8 text in terminal columns. */
size_t dp_text_width(const char *s);
/*
 * Wraps `text` (already escaped) at spaces into lines of at most `width`
 * columns, appended to `out`; a word longer than a line is cut (wrap.c).
 */
void dp_term_wrap(struct dp_strlist *out, const char *text, size_t width);

/*
 * A simple text table: add cells row by row, print with columns padded
 * to their widest cell (the last column is not padded). Cells are plain
 * text, escaped when printed (dp_term_escape): a command never escapes
 * them itself, nor puts colour codes in them.
 */
struct dp_table {
	size_t cols;
	struct dp_strlist cells;  /* the text of each cell, row by row */
	struct dp_strlist colors; /* its SGR colour ("31"), "" for none */
	size_t *max_width;        /* per column, 0 for no limit */
};
void dp_table_init(struct dp_table *t, size_t cols);
void dp_table_add(struct dp_table *t, const char *cell);
/* A cell shown in the SGR colour `color` ("31" is red; NULL for none). */
void dp_table_add_color(struct dp_table *t, const char *color,
			const char *cell);
/* Cells of column `col` wider than `width` columns end in "…" (0: no limit). */
void dp_table_set_max_width(struct dp_table *t, size_t col, size_t width);
void dp_table_print(const struct dp_table *t, FILE *fp);
/* Adds record text as a cell, control characters escaped (dp_buf_add_safe). */
void dp_table_add_text(struct dp_table *t, const char *text);
/*
 * Appends untrusted record text for a terminal: control characters
 * (escape, newline, tab, DEL, C1) become "\xNN" or "\n", never raw.
 */
void dp_buf_add_safe(struct dp_buf *out, const char *text);
/* The terminal's width: $COLUMNS, else the terminal's, else 80. */
size_t dp_term_width(void);
void dp_table_release(struct dp_table *t);

/*
 * The same table for output too long to hold (table-stream.c): each row
 * waits in a temporary file until every width is known. `colors` (NULL
 * for none) gives each cell's SGR colour, as dp_table_add_color.
 */
struct dp_stream_table {
	size_t cols, rows;
	size_t *width, *max_width; /* max_width: as dp_table_set_max_width */
	FILE *spill;
};
/* 0, or DP_EIO when no temporary file can be made (dp_error_last). */
int dp_stream_table_init(struct dp_stream_table *t, size_t cols);
/* 0, or DP_EIO when the temporary file cannot be written. */
int dp_stream_table_add(struct dp_stream_table *t, const char *const *colors,
			const char *const *cells);
void dp_stream_table_print(struct dp_stream_table *t, FILE *fp);
void dp_stream_table_release(struct dp_stream_table *t);

/* ---- helpers shared by commands (common.c) ---- */

/*
 * Runs the plan's edit transaction and reports it: validation findings
 * to stderr, "nothing to change" when the text came back the same.
 * Returns 0 or an exit status (already reported).
 */
int dp_run_edit(struct dp_ctx *ctx, struct dp_edit *e);
/*
 * Creates the record `doc` at `ref` with `msg` (dp_plan_create), printing
 * findings. Returns 0 or an exit status (already reported).
 */
int dp_run_create(struct dp_ctx *ctx, const struct dp_ref *ref,
		  const struct dp_doc *doc, struct dp_msg *msg,
		  enum dp_right right);
/* Resolves a name (dp_plan_resolve); 0 or an exit status (reported). */
int dp_run_resolve(struct dp_ctx *ctx, struct dp_ref *out, const char *name,
		   enum dp_kind want);
/*
 * The person a command is about: `given` when not NULL (it must have a
 * profile), else the acting person. 0 or an exit status (reported).
 */
int dp_run_person(struct dp_ctx *ctx, const char **out, const char *given);
/*
 * Edits the single-file record of `kind` of `person` (created from its
 * template when missing) with `edit`: dp_run_edit with the owner's right.
 */
int dp_run_person_edit(struct dp_ctx *ctx, enum dp_kind kind,
		       const char *person,
		       int (*edit)(struct dp_plan *, const struct dp_ref *,
				   struct dp_doc *, struct dp_msg *, void *),
		       void *data);
/* Today (DEVPLAN_TODAY when set) as YYYY-MM-DD; 0 or an exit status. */
int dp_run_today(char out[11]);

/*
 * Runs the user's editor on `file`: $VISUAL, $EDITOR, core.editor, vi,
 * through /bin/sh like git. Returns 0, or DP_EIO when it fails.
 */
int dp_launch_editor(struct dp_ctx *ctx, const char *file);

/*
 * devplan edit's loop (cmd-edit.c): opens the record in the editor as a
 * draft, validates, re-opens on error, commits. `create`: a single-file
 * record that does not exist yet starts from its template. Returns the
 * exit status (reported).
 */
int dp_edit_in_editor(struct dp_ctx *ctx, const struct dp_ref *ref, int create);

/* Writes `root` (a struct dp_json *) to stdout: dp_json_dumpf. */
void dp_json_print(void *root);

/*
 * Checks --format's value `format` (NULL when not given) against `plain`
 * and "json", setting *json: 0, or the usage error's exit status (2).
 */
int dp_format_json(const struct dp_cmd_spec *spec, const char *format,
		   const char *plain, int *json);

/*
 * The head of a view of one person, "<command> [<person>] [--format
 * <plain>|json]" (agenda, team, match): parses argv with `spec`, checks
 * *format (read after parsing: the option's variable) against `plain`
 * and "json", setting *json, and resolves the optional person (default:
 * you) into *person. Returns 0 to go on, else -1 with the exit status in
 * *status (0 after --help).
 */
int dp_run_view_head(struct dp_ctx *ctx, const struct dp_cmd_spec *spec,
		     int argc, char **argv, const char *const *format,
		     const char *plain, int *json, const char **person,
		     int *status);

#endif
