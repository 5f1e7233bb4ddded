/*
 * message: decode one raw message with GMime in loose mode — RFC 2047
 * headers, charsets to UTF-8 (utf-8, then windows-1252), QP and base64,
 * multipart/alternative (text/plain preferred, else HTML via `html`),
 * multipart/signed (signature ignored), attachments ignored; addresses with
 * pipermail's "user at domain" undone and Mailman's DMARC "Name via List"
 * rewrite reversed; dates to UTC; threading headers.
 *
 * Invariants: every char * in a ct_message is UTF-8 and owned by the
 * message; `subject`, `subject_normalized`, `body`, `from.name` and
 * `from.address` are never NULL (may be ""); `message_id` and `in_reply_to`
 * may be NULL. Quoted text in `body` is marked with "> " at line start
 * (HTML blockquotes and quote containers included).
 *
 * Design notes:
 * - GMime keeps process-wide state: ct_message_global_init() sets it up
 *   once (idempotent; ct_message_parse() calls it too), and nothing here
 *   ever tears it down.
 * - Nothing is printed: every problem is a warning in `warnings` (a short
 *   code plus a message); the caller adds file, offset and Message-ID. The
 *   archive's splitting warnings for the message are copied in first.
 * - Leniencies beyond the RFCs are listed in docs/deviations.md.
 * - Warning codes added here: no-from, dmarc-unresolved, no-date, bad-date,
 *   date-zone, date-mismatch, no-message-id, bad-message-id,
 *   references-loop, references-duplicate, references-too-many,
 *   bad-charset, nul-byte, no-text-body, encrypted, opaque-smime, bad-html,
 *   no-headers, no-header-separator, unparsable, the limit codes below,
 *   and GMime's parser
 *   warnings (unencoded-8bit-header, invalid-rfc2047, invalid-content-type,
 *   malformed-multipart, truncated-message, nesting-overflow, ...).
 * - DMARC: when via_list is set and no header names the real author,
 *   `from.name` is the "X" of "X via List" and `from.address` is "" (so the
 *   list's address is never taken for a member's).
 * - `body` is the whole decoded text; callers that print an excerpt cut it.
 * - Limits (mail is hostile; each hit is one warning and decoding goes on
 *   with what is left): a header field over 64 KiB is cut at a blank
 *   (header-too-large); fields past the 1000th or past 1 MiB of header are
 *   dropped (too-many-headers); everything after the 1000th MIME delimiter
 *   is dropped (too-many-parts); parts nested deeper than 32 levels are not
 *   read (mime-too-deep; GMime stops earlier at its own limit with
 *   nesting-overflow); body lines over 64 KiB are cut (line-too-long); the
 *   text body stops at 4 MiB (body-too-large); References keeps 1000 ids
 *   (references-too-many); a GMime warning code past its third time is
 *   counted in one mime-warnings-dropped. A message whose first line ends
 *   in a bare CR has every bare CR read as LF (cr-line-ends).
 */
#ifndef CABTALLY_MESSAGE_H
#define CABTALLY_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/archive.h"
#include "cabtally/util.h"

typedef struct ct_address {
	char *name;    /* display name, "" when none */
	char *address; /* lower-cased addr-spec, "" when none */
} ct_address;

typedef enum ct_date_source {
	CT_DATE_HEADER = 0,
	CT_DATE_FROM_LINE,
	CT_DATE_NONE,
} ct_date_source;

typedef struct ct_message {
	char *file;
	uint64_t offset;
	char *message_id;      /* "<…>" or NULL */
	char *in_reply_to;     /* "<…>" or NULL */
	char **references;     /* "<…>" each, oldest first */
	size_t nreferences;
	ct_address from;       /* the real author, after un-munging */
	int via_list;          /* the list had rewritten From (DMARC) */
	ct_address list_from;  /* the From header as the list wrote it, when via_list */
	ct_address reply_to;
	ct_address sender;
	ct_address *cc;
	size_t ncc;
	int64_t date;          /* UTC seconds; CT_TIME_NONE when unknown */
	ct_date_source date_source;
	char *subject;         /* decoded */
	char *subject_normalized;
	char *body;            /* decoded text body, UTF-8 */
	int body_from_html;
	ct_warnings warnings;  /* codes such as "no-date", "bad-charset" */
} ct_message;

/* Flags from ct_date_parse_rfc5322_ex(). */
enum {
	CT_DATE_ZONE_ASSUMED = 1, /* no zone, or an unknown or military one: UTC assumed */
	CT_DATE_OBSOLETE = 2,     /* an obsolete or broken form was accepted */
};

/* Set up GMime and libxml2 once per process (g_mime_init, xmlInitParser).
 * Idempotent, not thread-safe on its first call: the cli calls it before its
 * first message and before starting threads. After it, messages may be
 * decoded in several threads at once (one message per thread). */
void ct_message_global_init(void);

/* Decode `raw`. Never fails on bad mail (problems become warnings); returns
 * CT_EINVALID only when nothing at all could be parsed. Caller frees. */
int ct_message_parse(ct_message **out, const ct_raw_message *raw, ct_error *err);
void ct_message_free(ct_message *msg);

/* Strip reply and forward prefixes ("Re:", "RE:", "AW:", "Fwd:", "SV:", "VS:",
 * "Antw:", "TR:", "RIF:", "R:", also "Re[2]:"), list tags like "[cabfpub]"
 * (a bracketed word that is not all capitals, plus "[EXTERNAL]"),
 * and collapse whitespace. Returns a malloc'd string. */
char *ct_subject_normalize(const char *subject);

/* Parse an RFC 5322 date, including obsolete and common broken forms.
 * Returns 0 and sets *out (UTC seconds), or CT_EINVALID. */
int ct_date_parse_rfc5322(const char *s, int64_t *out);
/* The same, also reporting CT_DATE_* flags in *flags (may be NULL). */
int ct_date_parse_rfc5322_ex(const char *s, int64_t *out, unsigned *flags);

/* The Message-ID a header value names, as ct_message.message_id holds it:
 * the first "<…>" token with blanks removed, else a bare local@domain word
 * wrapped in angle brackets; NULL when there is none. Caller frees. */
char *ct_message_id_parse(const char *value, size_t len);

/* Undo pipermail's "user at domain" obfuscation in place, in an address
 * (or in a header value holding one): the first " at " between two words is
 * turned into "@" when the text holds no "@" yet. */
void ct_address_unobscure(char *addr);

#endif
