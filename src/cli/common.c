/* cli/common: error lines, exit codes, output files and data paths for all commands. */
#include "cli.h"

#include <gmime/gmime.h>
#include <libxml/xmlversion.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "version.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("cabtally: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warning(const char *fmt, ...)
{
	va_list ap;
	fputs("cabtally: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_exit_code(int code)
{
	switch (code) {
	case CT_OK: return EXIT_DONE;
	case CT_EIO: return EXIT_NOINPUT;
	case CT_EINVALID: return EXIT_DATAERR;
	case CT_EUSAGE: return EXIT_USAGE;
	case CT_EOUTPUT: return EXIT_IOERR;
	default: return EXIT_SOFTWARE;
	}
}

int cli_fail(const ct_error *err)
{
	cli_error("%s", err->msg[0] ? err->msg : "internal error");
	return cli_exit_code(err->code ? err->code : CT_ERROR);
}

FILE *cli_output_open(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return stdout;
	FILE *f = fopen(path, "w");
	if (!f)
		cli_error("%s: cannot open for writing", path);
	return f;
}

int cli_output_close(FILE *f, const char *path)
{
	int bad = fflush(f) != 0 || ferror(f);
	if (f != stdout)
		bad |= fclose(f) != 0;
	if (bad) {
		cli_error("%s: write error", path && strcmp(path, "-") ? path : "standard output");
		return EXIT_IOERR;
	}
	return EXIT_DONE;
}

int cli_write_output(const char *path, const ct_buf *out)
{
	FILE *f = cli_output_open(path);
	if (!f)
		return EXIT_IOERR;
	fwrite(ct_buf_cstr(out), 1, out->len, f);
	return cli_output_close(f, path);
}

static char *existing(const char *dir, const char *name)
{
	if (!dir || !*dir)
		return NULL;
	ct_buf b = CT_BUF_INIT;
	ct_buf_addf(&b, "%s/%s", dir, name);
	struct stat st;
	if (stat(b.buf, &st) == 0 && S_ISREG(st.st_mode))
		return ct_buf_detach(&b);
	ct_buf_release(&b);
	return NULL;
}

char *cli_data_path(const char *name)
{
	char *p = existing(getenv("CABTALLY_DATA"), name);
	if (!p)
		p = existing(CABTALLY_SRCDATADIR, name);
	if (!p)
		p = existing(CABTALLY_DATADIR, name);
	return p;
}

int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		cli_error("option '%s' needs a value", name);
		return -1;
	}
	*value = argv[++*i];
	return 1;
}

void cli_print_version(FILE *out)
{
	fprintf(out, "cabtally %s\n", CABTALLY_VERSION);
	fprintf(out, "GMime %u.%u.%u, libxml2 %s, PCRE2 %d.%d, zlib %s\n",
		gmime_major_version, gmime_minor_version, gmime_micro_version,
		LIBXML_DOTTED_VERSION, PCRE2_MAJOR, PCRE2_MINOR, zlibVersion());
}

int cli_parse_jobs(const char *cmd, const char *v, int *threads)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || !*v || *end || n < 1 || n > 64) {
		cli_error("%s: --jobs needs a whole number from 1 to 64", cmd);
		return -1;
	}
	*threads = (int)n - 1;
	return 0;
}
