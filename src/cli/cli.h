/*
 * cli: the commands' shared plumbing — exit codes, error lines, output files,
 * the bundled data directory. Only the cli prints to the terminal.
 */
#ifndef CABTALLY_CLI_H
#define CABTALLY_CLI_H

#include <stdio.h>

#include "cabtally/util.h"

/* Exit codes (INTERFACE.md). */
enum {
	EXIT_DONE = 0,
	EXIT_CHECK_FAILED = 1,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_IOERR = 74,
};

/* A command's entry point: argv[0] is the command name. Each command lives
 * in src/cli/cmd_<name>.c and defines cmd_<name>() and the one-line
 * `const char cmd_<name>_summary[]`; the table is generated at build time. */
typedef int (*cli_command_fn)(int argc, char **argv);

#define CMD(n) int cmd_##n(int argc, char **argv); extern const char cmd_##n##_summary[];
#include "commands.inc"
#undef CMD


/* "cabtally: <msg>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "cabtally: warning: <msg>" on stderr. */
void cli_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Map a ct_error_code to the program's exit code. */
int cli_exit_code(int ct_code);
/* Print the error and return the exit code for it. */
int cli_fail(const ct_error *err);

/* Open `path` for writing ("-" or NULL: stdout). Returns NULL and prints on failure. */
FILE *cli_output_open(const char *path);
/* Flush and close (unless stdout); returns EXIT_DONE or EXIT_IOERR. */
int cli_output_close(FILE *f, const char *path);

/* Write `out` to `path` ("-" or NULL: stdout). Returns EXIT_DONE or EXIT_IOERR
 * (printed). */
int cli_write_output(const char *path, const ct_buf *out);

/* Path of a bundled data file (roster, rules, schema): $CABTALLY_DATA, then the
 * source tree's data/ (for a build tree), then the installed datadir. Returns
 * a malloc'd path to an existing file, or NULL. */
char *cli_data_path(const char *name);

/* Does `arg` match `--name` or `--name=...`? Sets *value to the value, taking
 * the next argv element when needed (advancing *i). Returns 1 on match, 0 on no
 * match, -1 on a missing value (already reported). */
int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);

/* The value of --jobs N (1 to 64: decoding threads in all, the scanning one
 * included) as the decoding threads besides the scanning one, in *threads.
 * Returns 0, or -1 after printing the error. */
int cli_parse_jobs(const char *cmd, const char *v, int *threads);

/* The common --help/--version answers. */
void cli_print_version(FILE *out);

#endif
