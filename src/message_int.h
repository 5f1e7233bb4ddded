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

#endif
