/* prefilter: cheap header-only test of whether a raw message can concern a ballot. */
#include "cabtally/prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "cabtally/util.h"

struct ct_prefilter {
	struct id_slot { char *id; size_t len; } *slots; /* open addressing; id NULL = empty */
	size_t nslots;
	size_t count;
};

static int is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl : end;
}

void ct_raw_headers_scan(ct_raw_headers *out, const char *data, size_t len)
{
	memset(out, 0, sizeof(*out));
	const char *p = data, *end = data + len;
	out->header_len = len;
	while (p < end) {
		const char *eol = line_end(p, end);
		const char *next = eol < end ? eol + 1 : end;
		if (eol == p || (eol == p + 1 && *p == '\r')) {
			out->header_len = (size_t)(next - data);
			return;
		}
		/* Value runs to the end of the last continuation line. */
		const char *vend = eol;
		const char *q = next;
		while (q < end && is_ws(*q)) {
			vend = line_end(q, end);
			q = vend < end ? vend + 1 : end;
		}
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (colon) {
			size_t nlen = (size_t)(colon - p);
			const char *v = colon + 1;
			while (v < vend && is_ws(*v))
				v++;
			size_t vlen = (size_t)(vend - v);
			if (nlen == 7 && !ct_strncasecmp(p, "subject", 7) && !out->subject) {
				out->subject = v;
				out->subject_len = vlen;
			} else if (nlen == 10 && !ct_strncasecmp(p, "message-id", 10) && !out->message_id) {
				out->message_id = v;
				out->message_id_len = vlen;
			} else if (nlen == 11 && !ct_strncasecmp(p, "in-reply-to", 11) && !out->in_reply_to) {
				out->in_reply_to = v;
				out->in_reply_to_len = vlen;
			} else if (nlen == 10 && !ct_strncasecmp(p, "references", 10) && !out->references) {
				out->references = v;
				out->references_len = vlen;
			}
		}
		p = q;
	}
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A group prefix (SC, SMC, CSC, NS, FORUM) followed by an optional dash or
 * space and a digit, starting at a word boundary. */
static int prefixed_id_at(const char *s, size_t i, size_t len)
{
	static const char *prefixes[] = { "forum", "smc", "csc", "sc", "ns" };
	if (i > 0 && is_alpha(s[i - 1]))
		return 0;
	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t n = strlen(prefixes[k]);
		if (i + n >= len || ct_strncasecmp(s + i, prefixes[k], n) != 0)
			continue;
		size_t j = i + n;
		if (s[j] == '-' || s[j] == ' ' || s[j] == '_')
			j++;
		if (j < len && is_digit(s[j]))
			return 1;
	}
	return 0;
}

int ct_prefilter_subject_matches(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = (char)ct_ascii_tolower((unsigned char)s[i]);
		switch (c) {
		case 'b':
			if (i + 6 <= len && !ct_strncasecmp(s + i, "ballot", 6))
				return 1;
			break;
		case 'v':
			if (i + 4 <= len && !ct_strncasecmp(s + i, "vot", 3))
				return 1;
			break;
		case '=':
			if (i + 1 < len && s[i + 1] == '?')
				return 1; /* RFC 2047: cannot judge undecoded */
			break;
		case 's': case 'c': case 'n': case 'f':
			if (prefixed_id_at(s, i, len))
				return 1;
			break;
		default:
			if ((unsigned char)c >= 0x80)
				return 1; /* raw 8-bit subject: let the decoder judge */
		}
	}
	return 0;
}

static uint64_t hash_id(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Message-IDs are compared without angle brackets and surrounding space. */
static void trim_id(const char **s, size_t *len)
{
	while (*len && (is_ws(**s) || **s == '<')) {
		(*s)++;
		(*len)--;
	}
	while (*len && (is_ws((*s)[*len - 1]) || (*s)[*len - 1] == '>' ||
			(*s)[*len - 1] == '\r' || (*s)[*len - 1] == '\n'))
		(*len)--;
}

ct_prefilter *ct_prefilter_new(void)
{
	ct_prefilter *pf = ct_calloc(1, sizeof(*pf));
	pf->nslots = 256;
	pf->slots = ct_calloc(pf->nslots, sizeof(*pf->slots));
	return pf;
}

void ct_prefilter_free(ct_prefilter *pf)
{
	if (!pf)
		return;
	for (size_t i = 0; i < pf->nslots; i++)
		free(pf->slots[i].id);
	free(pf->slots);
	free(pf);
}

static size_t find_slot(const struct id_slot *slots, size_t nslots, const char *id, size_t len)
{
	size_t i = (size_t)(hash_id(id, len) & (nslots - 1));
	while (slots[i].id && !(slots[i].len == len && !memcmp(slots[i].id, id, len)))
		i = (i + 1) & (nslots - 1);
	return i;
}

static void grow(ct_prefilter *pf)
{
	size_t n = pf->nslots * 2;
	struct id_slot *slots = ct_calloc(n, sizeof(*slots));
	for (size_t i = 0; i < pf->nslots; i++)
		if (pf->slots[i].id)
			slots[find_slot(slots, n, pf->slots[i].id, pf->slots[i].len)] = pf->slots[i];
	free(pf->slots);
	pf->slots = slots;
	pf->nslots = n;
}

void ct_prefilter_add_thread_id(ct_prefilter *pf, const char *id, size_t len)
{
	trim_id(&id, &len);
	if (!len)
		return;
	if ((pf->count + 1) * 2 > pf->nslots)
		grow(pf);
	size_t i = find_slot(pf->slots, pf->nslots, id, len);
	if (!pf->slots[i].id) {
		pf->slots[i].id = ct_strndup(id, len);
		pf->slots[i].len = len;
		pf->count++;
	}
}

static int has_id(const ct_prefilter *pf, const char *id, size_t len)
{
	trim_id(&id, &len);
	return len && pf->slots[find_slot(pf->slots, pf->nslots, id, len)].id != NULL;
}

/* Does any <…> token of a References/In-Reply-To value belong to a thread? */
static int refs_hit(const ct_prefilter *pf, const char *v, size_t len)
{
	const char *end = v + len;
	while (v < end) {
		const char *lt = memchr(v, '<', (size_t)(end - v));
		if (!lt)
			return 0;
		const char *gt = memchr(lt, '>', (size_t)(end - lt));
		if (!gt)
			return 0;
		if (has_id(pf, lt + 1, (size_t)(gt - lt - 1)))
			return 1;
		v = gt + 1;
	}
	return 0;
}

int ct_prefilter_match(const ct_prefilter *pf, const ct_raw_headers *h)
{
	if (h->subject_len && ct_prefilter_subject_matches(h->subject, h->subject_len))
		return 1;
	if (!pf || !pf->count)
		return 0;
	if (h->in_reply_to_len && refs_hit(pf, h->in_reply_to, h->in_reply_to_len))
		return 1;
	return h->references_len && refs_hit(pf, h->references, h->references_len);
}
