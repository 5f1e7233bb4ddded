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
 * Design: one sliding buffer fed by large read()s or inflate() steps (no
 * mmap, no stdio); the splitter finds "\nFrom " with memchr and judges each
 * hit (a cheap "d:dd" test first, then the date, then the next line). The
 * buffer grows only while one message straddles blocks; a message body
 * longer than the cap keeps its first bytes and loses the rest (with a
 * warning).
 *
 * Invariants: a ct_raw_message handed out by ct_archive_next() is borrowed
 * from the archive and valid until the next call or ct_archive_free();
 * `data` is never NULL. Offsets count bytes of the uncompressed stream.
 * Messages come out in file order; bytes between them are never lost: the
 * only bytes not in some message's from_line or data are blank lines before
 * the first message and the one blank separator line before each From_ line.
 *
 * Warning codes on a message (ct_raw_message.warnings):
 *   no-from-line          the file does not start with a From_ line; the first
 *                         message starts at its first byte
 *   rejected-from-line    a line starting "From " after a blank line that is
 *                         not a From_ line, or a From_ line without a blank
 *                         line before it; the message names its byte offset
 *                         ("offset N:"); after 100 in one message, one more
 *                         warning gives the count of the rest
 *   truncated-gzip, corrupt-gzip, gzip-trailing-garbage, gzip-bomb
 *                         (on the last message) the stream stopped early
 *   message-too-large     the body was cut at max_message_size
 * Archive-level warnings (ct_archive_warnings()): empty-archive, the gzip
 * codes above when no message was read at all, and cr-line-ends: the first
 * line of the file ends in a bare CR (classic Mac OS), so every CR of the
 * file is read as LF (byte for byte: offsets stay exact).
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
	/* Bytes per read() / inflate step; 0 = 1 MiB (at most 256 MiB). Tests
	 * use tiny values to make messages straddle blocks. */
	size_t block_size;
	/* A message body longer than this is truncated (warning
	 * "message-too-large"); 0 = 64 MiB. */
	size_t max_message_size;
	/* Stop inflating after this many bytes (warning "gzip-bomb"); 0 = the
	 * default rule: stop once the output exceeds both 1 GiB and 1000 times
	 * the compressed input read so far. */
	uint64_t max_inflated_size;
	/* When set, called with the bytes of the file as they are read (the
	 * compressed bytes of a gzip file), in file order and before they are
	 * split: a caller hashing its input needs no second read. The bytes are
	 * borrowed for the call only. Reading may stop before the end of the
	 * file (after a damaged gzip stream); the caller reads the rest. */
	void (*on_input)(void *ctx, const void *data, size_t len);
	void *on_input_ctx;
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
	ct_mbox_format format;    /* the escaping in force for this message: never AUTO
				   * (AUTO gives PIPERMAIL when `pipermail`, else MBOXRD) */
	const char *data;         /* headers and body as stored (escaped, CRLF kept), From_
				   * line and the blank separator line before the next
				   * From_ line excluded; not NUL-terminated */
	size_t len;
	const ct_warnings *warnings; /* what the splitter noticed in this message */
} ct_raw_message;

/* Open `path` (plain or gzip). `opts` may be NULL. Returns 0, or CT_EIO with
 * `err` as "<path>: cannot open: <strerror>" (a directory too). Caller frees
 * with ct_archive_free(). */
int ct_archive_open(ct_archive **out, const char *path, const ct_archive_options *opts,
		    ct_error *err);

/* The next message: returns 1 and fills `msg`, 0 at the end, or a negative
 * code (CT_EIO: a read error, `err` names the file; the archive is finished
 * then and later calls return 0). Damage that does not stop reading (a
 * truncated gzip stream, a rejected From_ candidate) is a warning on the
 * message it concerns. */
int ct_archive_next(ct_archive *a, ct_raw_message *msg, ct_error *err);

/* Warnings that belong to no message (e.g. an empty file). Borrowed. */
const ct_warnings *ct_archive_warnings(const ct_archive *a);

/* Bytes of input consumed so far (compressed bytes for gzip), for progress. */
uint64_t ct_archive_bytes_read(const ct_archive *a);

void ct_archive_free(ct_archive *a);

/* An owned copy of `msg` — its bytes, file name, From_ line and warnings —
 * that lives past the next ct_archive_next() and the archive itself, e.g. to
 * be decoded on another thread.
 * `data` is NUL-terminated besides. Free with ct_raw_message_free_copy(). */
ct_raw_message *ct_raw_message_copy(const ct_raw_message *msg);
void ct_raw_message_free_copy(ct_raw_message *copy);

/* The message as a mail parser should see it, appended to `out`: for MBOXRD
 * one '>' removed from lines matching `^>+From `, for MBOXO `^>From ` becomes
 * `From ` (`>>From ` stays), for PIPERMAIL nothing; CRLF turned into LF; a
 * final newline ensured (an empty message stays empty). */
void ct_raw_message_unescape(const ct_raw_message *msg, ct_buf *out);

/* Parse the date of a From_ line: either the date part ("Thu Mar  2
 * 09:14:00 2017", with or without a zone before or after the year; also
 * "Thu, 2 Mar 2017 09:14:00 +0000") or the whole line ("From x  <date>").
 * A date without a zone (ctime, pipermail) is taken as UTC. Returns 0 and
 * sets *out to UTC seconds, or CT_EINVALID. */
int ct_archive_parse_from_line_date(const char *s, size_t len, int64_t *out);

#endif
