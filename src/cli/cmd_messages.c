/* cli/cmd_messages: `cabtally messages` — every message of the archives, decoded, one record each. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "pool.h"
#include "cabtally/archive.h"
#include "cabtally/message.h"

const char cmd_messages_summary[] = "decoded messages, one record each (for debugging)";

#define BODY_CHARS 200

static const char usage_text[] =
	"usage: cabtally messages [--format tsv|json] [--quiet] [--full-body] [--output FILE]\n"
	"                         ARCHIVE...\n"
	"\n"
	"Decode every message of the archives (mbox, mboxrd, pipermail .txt, plain or\n"
	"gzip-compressed, or a single message file) and print one record per message\n"
	"in archive order: file, byte offset, Message-ID, date (UTC), date source,\n"
	"sender after pipermail and DMARC un-munging, subjects, threading ids, the\n"
	"start of the decoded text body (quoted parts marked '> ') and the warnings.\n"
	"\n"
	"  --format F       tsv (default): a header line, then one line per message,\n"
	"                   tab, newline and backslash in fields written as \\t \\n \\\\;\n"
	"                   json: one JSON object per line (INTERFACE.md)\n"
	"  --quiet          do not repeat the warnings on standard error\n"
	"  --jobs N         decode on N threads in all (default: one per processor);\n"
	"                   the output is the same for every N\n"
	"  --full-body      print the whole body instead of its first 200 characters\n"
	"                   (both formats cut the body at 200 characters otherwise;\n"
	"                   meant for tests that compare bodies with other parsers)\n"
	"  --output FILE, -o  write there instead of standard output\n"
	"  --help, --version\n"
	"\n"
	"Warnings go to standard error as 'cabtally: FILE: offset N <msgid>: what'.\n"
	"Exit status: 0 done, 64 usage, 65 bad data that stopped the run, 66 an input\n"
	"was missing or unreadable (the other inputs are still read).\n";

struct opts {
	int json, quiet, full_body;
	int threads;  /* --jobs N as decoding threads besides this one; -1: default */
	const char *output;
	char **files; /* the ARCHIVE arguments, in order (points into argv) */
	int nfiles;
};

/* The first `max` UTF-8 characters of `s`: the byte length to keep. */
static size_t utf8_prefix(const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	while (s[i] && chars < max) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	return i;
}

static void add_tsv(ct_buf *b, const char *s, size_t len)
{
	for (size_t i = 0; i < len && s[i]; i++) {
		switch (s[i]) {
		case '\t': ct_buf_addstr(b, "\\t"); break;
		case '\n': ct_buf_addstr(b, "\\n"); break;
		case '\r': ct_buf_addstr(b, "\\r"); break;
		case '\\': ct_buf_addstr(b, "\\\\"); break;
		default: ct_buf_addch(b, s[i]);
		}
	}
}

static const char *date_source_name(ct_date_source s)
{
	return s == CT_DATE_HEADER ? "header" : s == CT_DATE_FROM_LINE ? "from-line" : "none";
}

static void add_json_or_null(ct_buf *b, const char *s)
{
	if (s)
		ct_buf_add_json_string(b, s);
	else
		ct_buf_addstr(b, "null");
}

static void add_json_address(ct_buf *b, const ct_address *a)
{
	ct_buf_addstr(b, "{\"name\": ");
	ct_buf_add_json_string(b, a->name);
	ct_buf_addstr(b, ", \"address\": ");
	ct_buf_add_json_string(b, a->address);
	ct_buf_addch(b, '}');
}

static void render_json(ct_buf *b, const ct_message *m, size_t body_len)
{
	char iso[21];
	ct_buf_addstr(b, "{\"file\": ");
	ct_buf_add_json_string(b, m->file);
	ct_buf_addf(b, ", \"offset\": %llu, \"message_id\": ", (unsigned long long)m->offset);
	add_json_or_null(b, m->message_id);
	ct_buf_addstr(b, ", \"date\": ");
	if (m->date != CT_TIME_NONE) {
		ct_time_format_iso(m->date, iso);
		ct_buf_add_json_string(b, iso);
	} else {
		ct_buf_addstr(b, "null");
	}
	ct_buf_addf(b, ", \"date_source\": \"%s\", \"from\": ", date_source_name(m->date_source));
	add_json_address(b, &m->from);
	ct_buf_addf(b, ", \"via_list\": %s, \"list_from\": ", m->via_list ? "true" : "false");
	if (m->via_list)
		add_json_address(b, &m->list_from);
	else
		ct_buf_addstr(b, "null");
	ct_buf_addstr(b, ", \"subject\": ");
	ct_buf_add_json_string(b, m->subject);
	ct_buf_addstr(b, ", \"subject_normalized\": ");
	ct_buf_add_json_string(b, m->subject_normalized);
	ct_buf_addstr(b, ", \"in_reply_to\": ");
	add_json_or_null(b, m->in_reply_to);
	ct_buf_addstr(b, ", \"references\": [");
	for (size_t i = 0; i < m->nreferences; i++) {
		if (i)
			ct_buf_addstr(b, ", ");
		ct_buf_add_json_string(b, m->references[i]);
	}
	char *body = ct_strndup(m->body, body_len);
	ct_buf_addstr(b, "], \"body\": ");
	ct_buf_add_json_string(b, body);
	free(body);
	ct_buf_addstr(b, ", \"warnings\": [");
	for (size_t i = 0; i < m->warnings.count; i++) {
		ct_buf_addstr(b, i ? ", {\"code\": " : "{\"code\": ");
		ct_buf_add_json_string(b, m->warnings.items[i].code);
		ct_buf_addstr(b, ", \"message\": ");
		ct_buf_add_json_string(b, m->warnings.items[i].message);
		ct_buf_addch(b, '}');
	}
	ct_buf_addstr(b, "]}\n");
}

static const char tsv_header[] = "file\toffset\tmessage_id\tdate\tdate_source\tfrom_name\t"
				 "from_address\tvia_list\tsubject\tsubject_normalized\t"
				 "in_reply_to\treferences\tbody\twarnings\n";

static void render_tsv(ct_buf *b, const ct_message *m, size_t body_len)
{
	char iso[21] = "";
	if (m->date != CT_TIME_NONE)
		ct_time_format_iso(m->date, iso);
	const char *fields[] = { m->file, NULL, m->message_id ? m->message_id : "", iso,
		date_source_name(m->date_source), m->from.name, m->from.address,
		m->via_list ? "1" : "0", m->subject, m->subject_normalized,
		m->in_reply_to ? m->in_reply_to : "" };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (i == 1)
			ct_buf_addf(b, "%llu", (unsigned long long)m->offset);
		else
			add_tsv(b, fields[i], strlen(fields[i]));
		ct_buf_addch(b, '\t');
	}
	for (size_t i = 0; i < m->nreferences; i++) {
		if (i)
			ct_buf_addch(b, ' ');
		add_tsv(b, m->references[i], strlen(m->references[i]));
	}
	ct_buf_addch(b, '\t');
	add_tsv(b, m->body, body_len);
	ct_buf_addch(b, '\t');
	for (size_t i = 0; i < m->warnings.count; i++) {
		if (i)
			ct_buf_addch(b, ',');
		add_tsv(b, m->warnings.items[i].code, strlen(m->warnings.items[i].code));
	}
	ct_buf_addch(b, '\n');
}

static void report_warnings(const ct_message *m)
{
	for (size_t i = 0; i < m->warnings.count; i++) {
		if (m->message_id)
			cli_error("%s: offset %llu %s: %s", m->file, (unsigned long long)m->offset,
				  m->message_id, m->warnings.items[i].message);
		else
			cli_error("%s: offset %llu: %s", m->file, (unsigned long long)m->offset,
				  m->warnings.items[i].message);
	}
}

/* One message: a copy of it, then its decoded line (on a decoding thread). */
typedef struct msg_job {
	ct_raw_message *raw;
	ct_message *m;       /* NULL when it could not be decoded */
	char *error;
	ct_buf line;
} msg_job;

struct printer {
	const struct opts *o;
	FILE *out;
};

/* The decoding threads need nothing of their own: the options are read only. */
static void *printer_state(void *ctx, ct_error *err)
{
	(void)err;
	return ctx;
}

static void printer_state_free(void *state)
{
	(void)state;
}

static void decode_one(void *state, void *arg)
{
	const struct printer *pr = state;
	msg_job *j = arg;
	ct_error err = CT_ERROR_INIT;
	if (ct_message_parse(&j->m, j->raw, &err) != 0) {
		j->error = ct_strdup(err.msg);
		return;
	}
	size_t body_len = pr->o->full_body ? strlen(j->m->body) : utf8_prefix(j->m->body, BODY_CHARS);
	if (pr->o->json)
		render_json(&j->line, j->m, body_len);
	else
		render_tsv(&j->line, j->m, body_len);
}

/* In archive order: the line, then the message's warnings. */
static void print_one(void *ctx, void *arg)
{
	const struct printer *pr = ctx;
	msg_job *j = arg;
	if (j->m) {
		fwrite(j->line.buf, 1, j->line.len, pr->out);
		if (!pr->o->quiet)
			report_warnings(j->m);
	} else {
		cli_error("%s: offset %llu: %s", j->raw->file, (unsigned long long)j->raw->offset,
			  j->error);
	}
	ct_message_free(j->m);
	free(j->error);
	ct_buf_release(&j->line);
	ct_raw_message_free_copy(j->raw);
	free(j);
}

/* Decode and print one archive. Returns the exit status it deserves. */
static int run_archive(const char *path, const struct opts *o, pool *decoders)
{
	ct_error err = CT_ERROR_INIT;
	ct_archive *a;
	if (ct_archive_open(&a, path, NULL, &err) != 0)
		return cli_fail(&err);
	int status = EXIT_DONE, rc;
	ct_raw_message raw;
	while ((rc = ct_archive_next(a, &raw, &err)) == 1) {
		msg_job *j = ct_calloc(1, sizeof(*j));
		j->raw = ct_raw_message_copy(&raw);
		pool_submit(decoders, j, raw.len);
	}
	pool_wait(decoders); /* this archive's lines and warnings before its own */
	if (rc < 0)
		status = cli_fail(&err);
	const ct_warnings *w = ct_archive_warnings(a);
	size_t pl = strlen(path);
	for (size_t i = 0; !o->quiet && w && i < w->count; i++) {
		const char *msg = w->items[i].message;
		if (!strncmp(msg, path, pl) && msg[pl] == ':' && msg[pl + 1] == ' ')
			msg += pl + 2; /* the archive already named the file */
		cli_error("%s: %s", path, msg);
	}
	ct_archive_free(a);
	return status;
}

/* Options and archives may be mixed; after "--" everything is an archive. */
static int parse(int argc, char **argv, struct opts *o)
{
	int dashdash = 0;
	o->files = ct_calloc((size_t)argc, sizeof(*o->files));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		int rc;
		if (dashdash || a[0] != '-' || !a[1]) {
			o->files[o->nfiles++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			return -1;
		}
		if (!strcmp(a, "--version")) {
			cli_print_version(stdout);
			return -1;
		}
		if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--full-body")) {
			o->full_body = 1;
		} else if ((rc = cli_opt_value(argc, argv, &i, "--jobs", &v)) != 0) {
			if (rc < 0 || cli_parse_jobs("messages", v, &o->threads))
				return EXIT_USAGE;
		} else if ((rc = cli_opt_value(argc, argv, &i, "--format", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			if (strcmp(v, "json") && strcmp(v, "tsv")) {
				cli_error("messages: unknown format '%s' (tsv or json)", v);
				return EXIT_USAGE;
			}
			o->json = !strcmp(v, "json");
		} else if ((rc = cli_opt_value(argc, argv, &i, "--output", &v)) != 0 ||
			   (rc = cli_opt_value(argc, argv, &i, "-o", &v)) != 0) {
			if (rc < 0)
				return EXIT_USAGE;
			o->output = v;
		} else {
			cli_error("messages: unknown option '%s'", a);
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	if (o->nfiles == 0) {
		cli_error("messages: no archive given");
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	return EXIT_DONE;
}

int cmd_messages(int argc, char **argv)
{
	struct opts o = { .threads = -1 };
	int rc = parse(argc, argv, &o);
	if (rc != EXIT_DONE) {
		free(o.files);
		return rc < 0 ? EXIT_DONE : rc;
	}
	FILE *out = cli_output_open(o.output);
	if (!out) {
		free(o.files);
		return EXIT_IOERR;
	}
	ct_message_global_init();
	if (!o.json)
		fputs(tsv_header, out);
	struct printer pr = { &o, out };
	static const pool_ops printing = { printer_state, printer_state_free, decode_one, print_one };
	ct_error err = CT_ERROR_INIT;
	pool *decoders = pool_new(&printing, &pr, o.threads < 0 ? pool_default_threads() :
				  (size_t)o.threads, 64, 16u << 20, &err);
	if (!decoders) { /* cannot happen: the threads' state is the options */
		cli_output_close(out, o.output);
		free(o.files);
		return cli_fail(&err);
	}
	int status = EXIT_DONE;
	for (int i = 0; i < o.nfiles; i++) {
		int s = run_archive(o.files[i], &o, decoders);
		if (s == EXIT_DATAERR) {
			status = s;
			break;
		}
		if (s != EXIT_DONE && status == EXIT_DONE)
			status = s;
	}
	pool_finish(decoders);
	int closed = cli_output_close(out, o.output);
	free(o.files);
	return status != EXIT_DONE ? status : closed;
}
