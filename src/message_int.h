/* message_int: helpers shared by the message_*.c files; not public. */
#ifndef CABTALLY_MESSAGE_INT_H
#define CABTALLY_MESSAGE_INT_H

#include <stddef.h>

#include "cabtally/util.h"

/* Append `len` bytes in `charset` (NULL: unlabelled) to `out` as UTF-8.
 * Falls back to UTF-8, then windows-1252, and says so in `w` under `what`
 * ("body", "header"). CRLF and lone CR become LF, NUL bytes are dropped. */
void msg_to_utf8(ct_buf *out, const char *data, size_t len, const char *charset,
		 ct_warnings *w, const char *what);

/* A malloc'd copy of `s` that is valid UTF-8 (windows-1252 when it is not). */
char *msg_utf8_dup(const char *s);

/* Append every "<…>" token of `s` to the array (*ids, *n), skipping
 * duplicates and `self`, at most `max` kept. Returns how many were dropped
 * for being over `max`. */
size_t msg_parse_ids(const char *s, char ***ids, size_t *n, size_t max, const char *self,
		     size_t *dups, size_t *selfrefs);

/* The first "<…>" token of `s` as a malloc'd string, or NULL. With `wrap`,
 * a bare "local@domain" is accepted and bracketed. */
char *msg_first_id(const char *s, int wrap);

/* Collapse runs of whitespace to one space and trim, in place. */
void msg_squeeze(char *s);

/* Limits on hostile mail (message_limits.c; message.h lists them). */
#define MSG_MAX_HEADER_FIELDS 1000
#define MSG_MAX_HEADER_BYTES (1 << 20)
#define MSG_MAX_FIELD_BYTES (64 << 10)
#define MSG_MAX_PARTS 1000
#define MSG_MAX_DEPTH 32
#define MSG_MAX_LINE_BYTES (64 << 10)
#define MSG_MAX_BODY_BYTES (4 << 20)

/* The raw message text (unescaped, LF line ends) before GMime parses it:
 * bare-CR line ends read as LF, the header block trimmed to the limits,
 * everything after the MSG_MAX_PARTS-th MIME delimiter dropped. Each limit
 * hit adds one warning to `w`. */
void msg_limit_raw(ct_buf *text, ct_warnings *w);

/* The decoded text body: lines cut at MSG_MAX_LINE_BYTES (on a UTF-8
 * boundary), the whole cut at MSG_MAX_BODY_BYTES (at a line end). */
void msg_limit_body(ct_buf *body, ct_warnings *w);

#endif
