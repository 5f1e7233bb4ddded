/*
 * html: turn an HTML mail part into plain text that keeps the quote
 * structure, so later stages can drop what the author quoted.
 *
 * Parsing is libxml2's HTML parser in recovery mode with no network and no
 * external entities; the tree is walked without recursion, so nesting depth
 * costs no stack.
 *
 * What the text looks like:
 * - <br> ends a line; <div>, <tr>, <li>, headings and other blocks start and
 *   end lines; <p> is a paragraph (a blank line around it) except Outlook's
 *   margin-less <p class=MsoNormal>, which is one line like a <div>.
 * - Whitespace collapses as a browser would (not inside <pre>); &nbsp; is a
 *   plain space that still makes an otherwise empty block a blank line.
 *   Entities are decoded. <head>, <style>, <script>, <title> are dropped.
 * - Quoted text gets "> " at the start of each line, once per level:
 *   <blockquote> (Apple Mail type=cite, Gmail, Thunderbird, plain); the
 *   containers div.gmail_quote, div.yahoo_quoted, .protonmail_quote and
 *   div.moz-cite-prefix count as a level only when they hold no blockquote
 *   themselves (so Gmail's "On … wrote:" line stays unquoted, as in its plain
 *   text part, while Yahoo's blockquote-less quote is still marked); and
 *   everything from Outlook's reply divider to the end of the document:
 *   div#divRplyFwdMsg, div#appendonsend, a div styled
 *   "border-top:solid #E1E1E1" or "#B5C4DF" whose text starts with a
 *   From:/Sent: header line, and an <hr> followed by "From:".
 *
 * Invariants: the output is UTF-8, every line ends with "\n", there are no
 * leading or trailing blank lines and no trailing spaces on a line.
 */
#ifndef CABTALLY_HTML_H
#define CABTALLY_HTML_H

#include <stddef.h>

#include "cabtally/util.h"

/* Set up libxml2 (xmlInitParser) before HTML is read in several threads.
 * Idempotent; ct_message_global_init() calls it. */
void ct_html_global_init(void);

/* Append the text of `html` (`len` bytes) to `out`. `charset` is the
 * encoding of the bytes (e.g. "UTF-8"); NULL lets libxml2 look for a <meta>
 * charset and otherwise assume windows-1252-compatible input. Returns 0, or
 * CT_EINVALID (with `err` set) when libxml2 produced no document at all;
 * `out` is left unchanged then. */
int ct_html_to_text(ct_buf *out, const char *html, size_t len, const char *charset,
		    ct_error *err);

#endif
