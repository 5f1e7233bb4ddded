/*
 * archive: open a mail archive (plain or gzip, detected by magic bytes) and
 * split it into raw messages — mboxo, mboxrd and Mailman 2 pipermail
 * monthly .txt files — streaming with bounded memory.
 *
 * A From_ line splits only after the beginning of the file or a blank line,
 * when it looks like `From <addr> <date with time and year>` (also
 * `From - <date>` and pipermail's `From user at domain  <ctime>`) and the next
 * line looks like a header. A candidate that fails those tests stays in the
 * body and is reported as a warning with its byte offset.
 *
 * Invariants: a ct_raw_message handed out by ct_archive_next() is borrowed
 * from the archive and valid until the next call or ct_archive_free();
 * `data` is never NULL. Offsets count bytes of the uncompressed stream.
 */
#ifndef CABTALLY_ARCHIVE_H
#define CABTALLY_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/util.h"

typedef struct ct_archive ct_archive;

typedef enum ct_mbox_format {
	CT_MBOX_AUTO = 0,  /* mboxrd unescaping (also right for mboxo); pipermail when seen */
	CT_MBOX_MBOXRD,
	CT_MBOX_MBOXO,
	CT_MBOX_PIPERMAIL, /* bodies are not escaped at all */
} ct_mbox_format;

typedef struct ct_archive_options {
	ct_mbox_format format;
} ct_archive_options;

#define CT_TIME_NONE INT64_MIN

typedef struct ct_raw_message {
	const char *file;         /* the path as given to ct_archive_open() */
	uint64_t offset;          /* byte offset of the From_ line (or of the first byte) */
	unsigned index;           /* 0-based position in the file */
	const char *from_line;    /* the From_ line without its line end; NULL when none */
	size_t from_line_len;
	int64_t from_line_date;   /* UTC seconds from the From_ line, or CT_TIME_NONE */
	int pipermail;            /* the From_ line had pipermail's "user at domain" form */
	ct_mbox_format format;    /* the escaping in force for this message */
	const char *data;         /* headers and body as stored, From_ line excluded */
	size_t len;
	const ct_warnings *warnings; /* what the splitter noticed in this message */
} ct_raw_message;

/* Open `path` (plain or gzip). `opts` may be NULL. Returns 0, or CT_EIO with
 * `err` naming the file. Caller frees with ct_archive_free(). */
int ct_archive_open(ct_archive **out, const char *path, const ct_archive_options *opts,
		    ct_error *err);

/* The next message: returns 1 and fills `msg`, 0 at the end, or a negative
 * code (CT_EIO: a read error; the archive is finished then). Damage that does
 * not stop reading (a truncated gzip stream, a rejected From_ candidate) is a
 * warning on the message it concerns. */
int ct_archive_next(ct_archive *a, ct_raw_message *msg, ct_error *err);

/* Warnings that belong to no message (e.g. an empty file). Borrowed. */
const ct_warnings *ct_archive_warnings(const ct_archive *a);

/* Bytes of input consumed so far (compressed bytes for gzip), for progress. */
uint64_t ct_archive_bytes_read(const ct_archive *a);

void ct_archive_free(ct_archive *a);

/* The message as a mail parser should see it: mboxrd/mboxo `>From `
 * unescaped (not for pipermail), CRLF turned into LF, a final newline
 * ensured. Appends to `out`. */
void ct_raw_message_unescape(const ct_raw_message *msg, ct_buf *out);

/* Parse the date part of a From_ line ("Thu Mar  2 09:14:00 2017", with or
 * without a zone). Returns 0 and sets *out, or CT_EINVALID. */
int ct_archive_parse_from_line_date(const char *s, size_t len, int64_t *out);

#endif
