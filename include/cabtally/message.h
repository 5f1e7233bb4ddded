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

/* Decode `raw`. Never fails on bad mail (problems become warnings); returns
 * CT_EINVALID only when nothing at all could be parsed. Caller frees. */
int ct_message_parse(ct_message **out, const ct_raw_message *raw, ct_error *err);
void ct_message_free(ct_message *msg);

/* Strip "Re:", "RE:", "AW:", "Fwd:", "SV:", list tags like "[cabfpub]",
 * and collapse whitespace. Returns a malloc'd string. */
char *ct_subject_normalize(const char *subject);

/* Parse an RFC 5322 date, including obsolete and common broken forms.
 * Returns 0 and sets *out (UTC seconds), or CT_EINVALID. */
int ct_date_parse_rfc5322(const char *s, int64_t *out);

/* Undo pipermail's "user at domain" obfuscation in place, in an address. */
void ct_address_unobscure(char *addr);

#endif
