/*
 * fresh: the author's own words in one decoded message body — what is left
 * after dropping everything the author quoted, forwarded or signed.
 *
 * Design: the body is read line by line, top to bottom.
 * - Lines starting with '>' (after blanks) are quotes and are dropped; the
 *   decoder marks HTML blockquotes and Outlook reply parts the same way.
 * - An attribution ("On <date>, <name> wrote:", also wrapped over two or
 *   three lines, and the forms of some thirty languages: "schrieb",
 *   "a écrit", "escribió", "skrev", "napisał", "ha scritto", "kirjoitti",
 *   "έγραψε", "写道", "het volgende geschreven", "のメッセージ:", …) is
 *   dropped when quoted lines follow it, so a reply written *below* the
 *   quote survives; when unquoted text follows, everything from it on is
 *   the quote (clients that do not mark quotes) and reading stops.
 * - Reading stops at an Outlook header block (From:/Sent:/To:/Subject: in
 *   English and localized, bold "*From:*" and one-line forms),
 *   "-----Original Message-----" and its translations, a line of
 *   underscores, a forwarded-message marker, a signature ("-- ", "Sent from
 *   my iPhone"), a legal disclaimer, a Mailman footer or pipermail stub.
 * - Then, on what was kept: a sign-off line ("Thanks,", "Best regards,",
 *   "Mit freundlichen Grüßen", …) ends the text when only a short signature
 *   block follows it. Security banners ("WARNING: This email originated
 *   outside of …") are dropped wherever they stand.
 *
 * The output keeps the author's lines as written, except: no trailing
 * blanks, U+00A0 becomes a space, U+200B and U+FEFF are removed, runs of
 * blank lines become one, no blank line first or last, and every line ends
 * with "\n" (the output is "" when nothing is left).
 *
 * A ct_fresh holds compiled PCRE2 patterns (JIT when available) and one
 * match-data scratch area: build it once, reuse it for every message, use
 * one per thread.
 */
#ifndef CABTALLY_FRESH_H
#define CABTALLY_FRESH_H

#include <stddef.h>

#include "cabtally/util.h"

typedef struct ct_fresh ct_fresh;

/* What ended the author's text. */
typedef enum ct_fresh_stop {
	CT_FRESH_END = 0,          /* nothing: the body ended */
	CT_FRESH_ATTRIBUTION,      /* "On … wrote:" followed by unquoted text */
	CT_FRESH_OUTLOOK_HEADER,   /* From:/Sent:/To:/Subject: block (any language) */
	CT_FRESH_ORIGINAL_MESSAGE, /* "-----Original Message-----" and translations */
	CT_FRESH_DIVIDER,          /* a line of underscores (Outlook reply divider) */
	CT_FRESH_FORWARD,          /* "---------- Forwarded message ---------", "Begin forwarded message:" */
	CT_FRESH_SIGNATURE,        /* "-- " line, "Sent from my iPhone", "Get Outlook for iOS" */
	CT_FRESH_SIGNOFF,          /* "Regards," followed only by a short signature block */
	CT_FRESH_DISCLAIMER,       /* "This email and any attachments are confidential…" */
	CT_FRESH_LIST_FOOTER,      /* Mailman footer, pipermail "next part"/"scrubbed" stubs */
} ct_fresh_stop;

/* How the text was cut, for the ledger's evidence and for debugging. */
typedef struct ct_fresh_info {
	ct_fresh_stop stop;
	size_t stop_offset;     /* byte offset in `body` of the line that stopped it; `len` for END */
	size_t stop_len;        /* length of that line, without its newline */
	size_t quoted_lines;    /* '>' lines dropped (before the stop) */
	size_t attributions;    /* attribution lines dropped because quotes followed */
	size_t banner_lines;    /* security-banner lines dropped */
} ct_fresh_info;

/* Compile the patterns. Returns 0 and sets *out (free with ct_fresh_free),
 * or CT_ERROR with `err` naming the pattern that failed to compile. */
int ct_fresh_new(ct_fresh **out, ct_error *err);
void ct_fresh_free(ct_fresh *f);

/* Append the author's own text of `body` (`len` bytes of UTF-8, no NUL
 * needed; "\r\n" is accepted) to `out`. `info` may be NULL. Returns 0; the
 * only failure is CT_EUSAGE for NULL arguments. */
int ct_fresh_extract(ct_fresh *f, ct_buf *out, const char *body, size_t len,
		     ct_fresh_info *info);

/* "end", "attribution", "outlook-header", "original-message", "divider",
 * "forward", "signature", "signoff", "disclaimer", "list-footer". */
const char *ct_fresh_stop_name(ct_fresh_stop stop);

#endif
