/* cli/rawtest: may a raw, undecoded message name a ballot in its text? */
#include "rawtest.h"

#include <stdio.h>
#include <string.h>

/* Decoding (GMime, HTML, fresh text, votes, periods) costs a hundred times
 * what splitting does, so with one ballot asked for, a message is decoded
 * only when it can matter to that ballot: its subject names it, it replies
 * into its thread, or its text may hold a vote naming it (a vote sent to
 * another thread). The tests below read raw bytes and err towards
 * "decode": a false positive costs a decode, a false negative a vote. */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Skip a quoted-printable soft line break ("=\n", "=\r\n") at p, forwards. */
static const char *skip_soft(const char *p, const char *end)
{
	while (p < end && *p == '=') {
		if (p + 1 < end && p[1] == '\n')
			p += 2;
		else if (p + 2 < end && p[1] == '\r' && p[2] == '\n')
			p += 3;
		else
			break;
	}
	return p;
}

/* The same backwards: q points just past the bytes already read; returns
 * the new end. */
static const char *skip_soft_back(const char *start, const char *q)
{
	for (;;) {
		if (q - start >= 2 && q[-1] == '\n' && q[-2] == '=')
			q -= 2;
		else if (q - start >= 3 && q[-1] == '\n' && q[-2] == '\r' && q[-3] == '=')
			q -= 3;
		else
			return q;
	}
}

/* Between a series prefix and its number, vote text allows a blank and a
 * dash or en dash ("SC-045", "SC 45", "SC – 45"); raw mail may carry them
 * as QP ("=E2=80=93", soft breaks), UTF-8, HTML tags or entities. Skip all
 * of that backwards from q, at most `window` bytes; returns the new end. */
static const char *skip_separators_back(const char *start, const char *q, size_t window)
{
	const char *limit = (size_t)(q - start) > window ? q - window : start;
	while (q > limit) {
		unsigned char c = (unsigned char)q[-1];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' || c == '=' ||
		    c >= 0x80) {
			q--;
		} else if (q - limit >= 3 && q[-3] == '=' && is_hex(q[-2]) && is_hex(q[-1])) {
			q -= 3; /* =XX */
		} else if (c == '>') {
			const char *lt = q - 1;
			while (lt > limit && *lt != '<')
				lt--;
			if (*lt != '<')
				return q;
			q = lt; /* a tag */
		} else if (c == ';') {
			const char *amp = q - 1;
			while (amp > limit && amp > q - 12 && *amp != '&')
				amp--;
			if (*amp != '&')
				return q;
			q = amp; /* an entity */
		} else {
			return q;
		}
	}
	return q;
}

/* Does the alphabetic run ending at q end with one of the series prefixes
 * that name ballot `id` ("SC", "SMC", "CSC"/"CSCWG", "NS"/"NSWG", "FORUM")? */
static int prefix_before(const char *start, const char *q, const ct_ballot_id *id)
{
	static const struct { ct_group g; const char *p; } prefixes[] = {
		{ CT_GROUP_SCWG, "sc" }, { CT_GROUP_SMCWG, "smc" }, { CT_GROUP_CSCWG, "csc" },
		{ CT_GROUP_CSCWG, "cscwg" }, { CT_GROUP_NETSEC, "ns" }, { CT_GROUP_NETSEC, "nswg" },
		{ CT_GROUP_FORUM, "forum" },
	};
	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t n = strlen(prefixes[k].p);
		if (prefixes[k].g == id->group && (size_t)(q - start) >= n &&
		    !ct_strncasecmp(q - n, prefixes[k].p, n))
			return 1;
	}
	return 0;
}

/* Is the number `digits` at p (QP soft breaks inside read through) a whole
 * number, zero padding allowed? Returns where it begins (its zeros
 * included), or NULL. */
static const char *number_at(const char *text, const char *p, const char *end, const char *digits)
{
	/* a digit of a QP escape ("=2D", "=E2") is no number */
	if ((p > text && p[-1] == '=' && p + 1 < end && is_hex((unsigned char)p[1])) ||
	    (p - text >= 2 && p[-2] == '=' && is_hex((unsigned char)p[-1])))
		return NULL;
	const char *q = p;
	for (size_t k = 0; digits[k]; k++) {
		if (q >= end || *q != digits[k])
			return NULL;
		q = skip_soft(q + 1, end);
	}
	if (q < end && is_digit((unsigned char)*q))
		return NULL;
	const char *b = skip_soft_back(text, p);
	while (b > text && b[-1] == '0')
		b = skip_soft_back(text, b - 1);
	if (b - text >= 3 && b[-3] == '=' && is_hex((unsigned char)b[-2]) && is_hex((unsigned char)b[-1]))
		return b; /* after a QP escape ("=93" of an en dash) */
	return b > text && is_digit((unsigned char)b[-1]) ? NULL : b;
}

/* May `text` name ballot `id`: its number (`digits`) as a whole number,
 * after its series prefix when it has one? */
static int may_name_in(const char *text, size_t len, const ct_ballot_id *id, const char *digits)
{
	const char *p = text, *end = text + len;
	int prefixed = !is_digit((unsigned char)id->canon[0]);
	for (; (p = memchr(p, digits[0], (size_t)(end - p))); p++) {
		const char *b = number_at(text, p, end, digits);
		if (b && (!prefixed || prefix_before(text, skip_separators_back(text, b, 256), id)))
			return 1;
	}
	return 0;
}

/* What a MIME header block says about the content after it. */
typedef struct part_info {
	int base64;  /* Content-Transfer-Encoding: base64 */
	int text;    /* may become the body: no type, text/..., or an unknown type */
	int wide;    /* a UTF-16/32 charset: ASCII digits are not ASCII bytes */
} part_info;

static int starts_ci(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) >= n && !ct_strncasecmp(p, word, n);
}

/* Read the header block [p, end) (continuation lines included). */
static void read_part_info(const char *p, const char *end, part_info *pi)
{
	static const char *nontext[] = { "application/", "image/", "audio/", "video/" };
	memset(pi, 0, sizeof(*pi));
	pi->text = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		while (nl && nl + 1 < end && (nl[1] == ' ' || nl[1] == '\t')) {
			nl = memchr(nl + 1, '\n', (size_t)(end - nl - 1));
			le = nl ? nl : end;
		}
		if (starts_ci(p, le, "content-transfer-encoding:")) {
			pi->base64 = ct_memcasemem(p, (size_t)(le - p), "base64") != NULL;
		} else if (starts_ci(p, le, "content-type:")) {
			const char *v = p + 13;
			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			for (size_t k = 0; k < sizeof(nontext) / sizeof(nontext[0]); k++)
				if (starts_ci(v, le, nontext[k]))
					pi->text = 0;
			pi->wide = ct_memcasemem(v, (size_t)(le - v), "utf-16") ||
				   ct_memcasemem(v, (size_t)(le - v), "utf-32") ||
				   ct_memcasemem(v, (size_t)(le - v), "ucs-") ||
				   ct_memcasemem(v, (size_t)(le - v), "unicode");
		}
		p = nl ? nl + 1 : end;
	}
}

/* The end of the header block starting at p: just past its blank line. */
static const char *header_block_end(const char *p, const char *end, const char **blk_end)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			*blk_end = end;
			return end;
		}
		if (nl == p || (nl == p + 1 && *p == '\r')) {
			*blk_end = p;
			return nl + 1;
		}
		p = nl + 1;
	}
	*blk_end = end;
	return end;
}

/* Lenient base64 (what mail readers do): bytes outside the alphabet
 * (line ends, padding, junk) are skipped. */
static void base64_decode(const char *p, const char *end, ct_buf *out)
{
	static const signed char value[256] = {
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
		52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
		-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
		15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
		-1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
		41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
		-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	};
	ct_buf_reset(out);
	ct_buf_grow(out, (size_t)(end - p) / 4 * 3 + 4);
	unsigned char *o = (unsigned char *)out->buf;
	unsigned acc = 0;
	int bits = 0;
	for (; p < end; p++) {
		int v = value[(unsigned char)*p];
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			*o++ = (unsigned char)(acc >> bits);
		}
	}
	out->len = (size_t)(o - (unsigned char *)out->buf);
	out->buf[out->len] = '\0';
}

/* One stretch of content in the mode of its part. */
enum { SEG_TEXT, SEG_BASE64_TEXT, SEG_SKIP };

/* May `text` name some ballot? Each run of digits is judged by the word
 * before it (a series prefix or "ballot"), and only such a place is handed
 * to the ballot module's reader, which decides. */
static int may_name_any(const char *text, size_t len)
{
	static const char *const words[] = { "ballots", "ballot", "smcwg", "cscwg", "forum",
		"scwg", "nswg", "smc", "csc", "sc", "ns" };
	const char *end = text + len;
	for (const char *p = text; p < end; p++) {
		if (!is_digit((unsigned char)*p) || (p > text && is_digit((unsigned char)p[-1])))
			continue;
		const char *q = p;
		for (int k = 0; k < 3 && q > text && strchr(" -#[_", q[-1]); k++)
			q--;
		for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
			size_t n = strlen(words[w]);
			if ((size_t)(q - text) < n || ct_strncasecmp(q - n, words[w], n))
				continue;
			const char *from = p - text > 32 ? p - 32 : text;
			const char *to = end - p > 16 ? p + 16 : end;
			ct_ballot_id id;
			if (ct_ballot_id_find(&id, from, (size_t)(to - from), NULL, NULL))
				return 1;
			break;
		}
	}
	return 0;
}

/* May `text` name ballot `id`, or any ballot when `id` is NULL? */
static int may_name(const char *text, size_t len, const ct_ballot_id *id, const char *digits)
{
	if (!id)
		return may_name_any(text, len);
	return may_name_in(text, len, id, digits);
}

static int segment_may_name(ct_buf *scratch, int mode, const char *p, const char *end,
			    const ct_ballot_id *id, const char *digits)
{
	if (mode == SEG_TEXT)
		return may_name(p, (size_t)(end - p), id, digits);
	if (mode == SEG_BASE64_TEXT) {
		base64_decode(p, end, scratch);
		return may_name(ct_buf_cstr(scratch), scratch->len, id, digits);
	}
	return 0;
}

static int mode_of(const part_info *pi)
{
	return !pi->base64 ? SEG_TEXT : pi->text ? SEG_BASE64_TEXT : SEG_SKIP;
}

/* May the message carry a vote that names ballot `id` (any ballot when
 * `id` is NULL) in its (decoded) subject or its text? The body is walked as raw lines: a line starting "--" followed by
 * "Content-" headers begins a part. Text (plain, QP, HTML) is searched as
 * it is, base64 text parts after decoding them, and base64 parts that never
 * become a body (application, image, audio, video) not at all. A part in a
 * UTF-16 or UTF-32 charset cannot be judged raw and is decoded. */
int raw_may_name_ballot(ct_buf *scratch, const ct_raw_message *raw, const ct_raw_headers *h,
			   const char *subject, size_t subject_len, const ct_ballot_id *id)
{
	char digits[16] = "";
	if (id)
		snprintf(digits, sizeof(digits), "%d", id->number);
	if (may_name(subject, subject_len, id, digits))
		return 1;
	size_t hl = h->header_len < raw->len ? h->header_len : raw->len;
	part_info pi;
	read_part_info(raw->data, raw->data + hl, &pi);
	if (pi.wide)
		return 1;
	const char *end = raw->data + raw->len, *seg = raw->data + hl, *q = seg;
	int mode = mode_of(&pi);
	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		const char *next = nl ? nl + 1 : end;
		if (q[0] == '-' && next - q >= 2 && q[1] == '-') {
			if (starts_ci(next, end, "content-")) {
				if (segment_may_name(scratch, mode, seg, q, id, digits))
					return 1;
				const char *blk_end;
				seg = header_block_end(next, end, &blk_end);
				read_part_info(next, blk_end, &pi);
				if (pi.wide)
					return 1;
				mode = mode_of(&pi);
				q = seg;
				continue;
			}
			if (mode != SEG_TEXT) {
				/* a closing boundary: what follows is text again */
				if (segment_may_name(scratch, mode, seg, q, id, digits))
					return 1;
				mode = SEG_TEXT;
				seg = q;
			}
		}
		q = next;
	}
	return segment_may_name(scratch, mode, seg, end, id, digits);
}
