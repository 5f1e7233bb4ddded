/* message_limits: bounded work on hostile mail. The raw text is trimmed to
 * limits before GMime sees it, the decoded body after (message.h lists the
 * limits and their warning codes). Each limit hit is one warning on the
 * message and decoding goes on with what is left. */
#include "message_int.h"

#include <string.h>

static int is_field_start(const char *p, size_t len)
{
	size_t i = 0;
	while (i < len && p[i] > ' ' && p[i] < 127 && p[i] != ':')
		i++;
	while (i > 0 && i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i > 0 && i < len && p[i] == ':';
}

/* Old Mac OS mail ends lines with a bare CR; GMime would read it as one
 * endless header line. When the first line end is a bare CR, every bare CR
 * becomes LF (one byte for one, so offsets keep their meaning). */
static void fix_cr_lines(ct_buf *t, ct_warnings *w)
{
	char *p = t->buf;
	size_t n = t->len;
	size_t i = 0;
	while (i < n && p[i] != '\r' && p[i] != '\n')
		i++;
	if (i >= n || p[i] != '\r' || (i + 1 < n && p[i + 1] == '\n'))
		return;
	for (size_t k = 0; k < n; k++)
		if (p[k] == '\r' && (k + 1 == n || p[k + 1] != '\n'))
			p[k] = '\n';
	ct_warnings_add(w, "cr-line-ends", "lines end with a bare CR, read as LF");
}

/* Length of the header field starting at p[0] (continuation lines
 * included), up to and including its last line end. */
static size_t field_len(const char *p, size_t n)
{
	size_t i = 0;
	for (;;) {
		const char *nl = memchr(p + i, '\n', n - i);
		if (!nl)
			return n;
		i = (size_t)(nl - p) + 1;
		if (i >= n || (p[i] != ' ' && p[i] != '\t'))
			return i;
	}
}

/* Where to cut a field of `len` bytes that is longer than the cap: at the
 * last blank before it, so a list of ids or addresses loses whole items. */
static size_t field_cut(const char *p, size_t cap)
{
	size_t k = cap;
	while (k > cap / 2 && p[k] != ' ' && p[k] != '\t' && p[k] != '\n')
		k--;
	return k > cap / 2 ? k : cap;
}

/* Copy the header block of `t` to `out`, trimmed: a field longer than
 * MSG_MAX_FIELD_BYTES is cut, fields past MSG_MAX_HEADER_FIELDS or
 * MSG_MAX_HEADER_BYTES are dropped. Returns where the header ends in `t`
 * (at its blank line, or at the first line that is no header field). */
static size_t trim_header(const ct_buf *t, ct_buf *out, ct_warnings *w)
{
	const char *p = t->buf;
	size_t n = t->len, i = 0, fields = 0, cut = 0, dropped = 0, dropped_bytes = 0;
	while (i < n && p[i] != '\n') {
		size_t len = field_len(p + i, n - i);
		if (!is_field_start(p + i, len))
			break; /* the body starts without a blank line: separate_body's case */
		size_t keep = len > MSG_MAX_FIELD_BYTES ? field_cut(p + i, MSG_MAX_FIELD_BYTES) : len;
		if (fields >= MSG_MAX_HEADER_FIELDS || out->len + keep > MSG_MAX_HEADER_BYTES) {
			dropped++;
			dropped_bytes += len;
		} else {
			ct_buf_add(out, p + i, keep);
			if (keep < len) {
				ct_buf_addch(out, '\n');
				cut++;
			}
			fields++;
		}
		i += len;
	}
	if (cut)
		ct_warnings_add(w, "header-too-large", "%zu header field%s longer than %d bytes cut",
				cut, cut == 1 ? "" : "s", MSG_MAX_FIELD_BYTES);
	if (dropped)
		ct_warnings_add(w, "too-many-headers", "more than %d header fields or %d bytes of "
				"header: %zu field%s (%zu bytes) dropped", MSG_MAX_HEADER_FIELDS,
				MSG_MAX_HEADER_BYTES, dropped, dropped == 1 ? "" : "s", dropped_bytes);
	return i;
}

/* A MIME delimiter: "--" and a boundary at line start, then a header line
 * or a blank line (a part's header). Counting these over-counts nothing a
 * real message holds in the thousands. */
static int is_delimiter(const char *p, size_t n, size_t *next)
{
	const char *nl = memchr(p, '\n', n);
	*next = nl ? (size_t)(nl - p) + 1 : n;
	if (n < 3 || p[0] != '-' || p[1] != '-' || p[2] == ' ' ||
	    p[2] == '\r' || p[2] == '\n' || !nl)
		return 0;
	const char *q = nl + 1;
	size_t rest = n - *next;
	return rest == 0 || *q == '\n' || *q == '\r' || is_field_start(q, rest);
}

/* Drop everything after the MSG_MAX_PARTS-th part delimiter. */
static void limit_parts(ct_buf *out, const char *p, size_t n, ct_warnings *w)
{
	size_t i = 0, parts = 0;
	while (i < n) {
		size_t next;
		if (is_delimiter(p + i, n - i, &next) && ++parts > MSG_MAX_PARTS) {
			ct_buf_add(out, p, i);
			ct_warnings_add(w, "too-many-parts", "more than %d MIME parts: the last %zu "
					"bytes dropped", MSG_MAX_PARTS, n - i);
			return;
		}
		i += next;
	}
	ct_buf_add(out, p, n);
}

void msg_limit_raw(ct_buf *t, ct_warnings *w)
{
	if (!t->len)
		return;
	fix_cr_lines(t, w);
	ct_buf out = CT_BUF_INIT;
	size_t body = trim_header(t, &out, w);
	limit_parts(&out, t->buf + body, t->len - body, w);
	ct_buf_release(t);
	*t = out;
}

/* Back up to the start of a UTF-8 sequence. */
static size_t utf8_floor(const char *p, size_t k)
{
	while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
		k--;
	return k;
}

void msg_limit_body(ct_buf *b, ct_warnings *w)
{
	const char *p = ct_buf_cstr(b);
	size_t n = b->len, i = 0, longest = 0, cut = 0;
	int too_big = 0;
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (p + i)) : n - i;
		if (len > MSG_MAX_LINE_BYTES) {
			cut++;
			if (len > longest)
				longest = len;
		}
		i += len + (nl != NULL);
	}
	too_big = n > MSG_MAX_BODY_BYTES;
	if (!cut && !too_big)
		return;
	ct_buf out = CT_BUF_INIT;
	for (i = 0; i < n && out.len < MSG_MAX_BODY_BYTES;) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (p + i)) : n - i;
		size_t keep = len > MSG_MAX_LINE_BYTES ? utf8_floor(p + i, MSG_MAX_LINE_BYTES) : len;
		if (out.len + keep + 1 > MSG_MAX_BODY_BYTES)
			break;
		ct_buf_add(&out, p + i, keep);
		if (nl)
			ct_buf_addch(&out, '\n');
		i += len + (nl != NULL);
	}
	if (cut)
		ct_warnings_add(w, "line-too-long", "%zu line%s longer than %d bytes cut (the longest "
				"%zu bytes)", cut, cut == 1 ? "" : "s", MSG_MAX_LINE_BYTES, longest);
	if (i < n)
		ct_warnings_add(w, "body-too-large", "text body longer than %d bytes: the last %zu "
				"bytes dropped", MSG_MAX_BODY_BYTES, n - i);
	ct_buf_release(b);
	*b = out;
}
