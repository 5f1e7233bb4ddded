/* message_text: charsets to UTF-8, subject normalizing, Message-ID tokens,
 * pipermail address unobscuring (message.h, message_int.h). */
#include "cabtally/message.h"
#include "message_int.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <gmime/gmime.h>

/* windows-1252 0x80..0x9F; the five holes map to the C1 controls as WHATWG does. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static void add_utf8(ct_buf *out, unsigned cp)
{
	char b[3];
	if (cp < 0x80) {
		ct_buf_addch(out, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		ct_buf_add(out, b, 2);
	} else {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		ct_buf_add(out, b, 3);
	}
}

static void cp1252_to_utf8(ct_buf *out, const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		add_utf8(out, c >= 0x80 && c < 0xA0 ? cp1252_high[c - 0x80] : c);
	}
}

static int has_high_bytes(const char *data, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)data[i] >= 0x80)
			return 1;
	return 0;
}

static int charset_is(const char *cs, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (ct_strcasecmp(cs, names[i]) == 0)
			return 1;
	return 0;
}

static const char *const utf8_names[] = { "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968",
	"unknown-8bit", "x-unknown", "x-user-defined", "default", NULL };
static const char *const latin1_names[] = { "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
	"l1", "windows-1252", "cp1252", "x-cp1252", "iso-8859-15", "iso8859-15", NULL };

/* Bytes as declared, into `tmp` as UTF-8; 0 when that worked. */
static int convert_declared(ct_buf *tmp, const char *data, size_t len, const char *cs)
{
	if (!cs || !*cs || charset_is(cs, utf8_names)) {
		if (!g_utf8_validate(data, (gssize)len, NULL))
			return -1;
		ct_buf_add(tmp, data, len);
		return 0;
	}
	if (charset_is(cs, latin1_names)) {
		/* iso-8859-15 differs from 1252 in eight letters; close enough for text */
		cp1252_to_utf8(tmp, data, len);
		return 0;
	}
	gsize outlen = 0;
	GError *gerr = NULL;
	char *conv = g_convert(data, (gssize)len, "UTF-8", g_mime_charset_iconv_name(cs), NULL,
			       &outlen, &gerr);
	if (!conv) {
		g_clear_error(&gerr);
		return -1;
	}
	ct_buf_add(tmp, conv, outlen);
	g_free(conv);
	return 0;
}

static int is_latin1_label(const char *cs)
{
	return cs && charset_is(cs, latin1_names);
}

/* Charsets whose 7-bit bytes are ASCII (ISO-2022-JP and UTF-7 are not). */
static int ascii_compatible(const char *cs)
{
	return !cs || !*cs || charset_is(cs, utf8_names) || charset_is(cs, latin1_names) ||
	       ct_strncasecmp(cs, "iso-8859-", 9) == 0 || ct_strncasecmp(cs, "windows-", 8) == 0 ||
	       ct_strncasecmp(cs, "koi8", 4) == 0;
}

void msg_to_utf8(ct_buf *out, const char *data, size_t len, const char *charset,
		 ct_warnings *w, const char *what)
{
	ct_buf tmp = CT_BUF_INIT;
	int high = has_high_bytes(data, len);
	if (!high && ascii_compatible(charset)) {
		ct_buf_add(&tmp, data, len);
	} else if (high && is_latin1_label(charset) && g_utf8_validate(data, (gssize)len, NULL)) {
		/* real latin-1 text is never valid UTF-8 with high bytes in it */
		ct_buf_add(&tmp, data, len);
		ct_warnings_add(w, "bad-charset", "%s labelled %s is utf-8", what, charset);
	} else if (convert_declared(&tmp, data, len, charset) != 0) {
		ct_buf_reset(&tmp);
		const char *label = charset && *charset ? charset : "no charset";
		if (g_utf8_validate(data, (gssize)len, NULL)) {
			ct_buf_add(&tmp, data, len);
			ct_warnings_add(w, "bad-charset", "%s labelled %s read as utf-8", what, label);
		} else {
			cp1252_to_utf8(&tmp, data, len);
			ct_warnings_add(w, "bad-charset", "%s labelled %s is not valid there, "
					"read as windows-1252", what, label);
		}
	}
	/* CR and CRLF become LF; NUL bytes go. Runs of other bytes are copied whole. */
	int nul = 0;
	const char *p = tmp.buf ? tmp.buf : "", *end = p + tmp.len;
	ct_buf_add(out, "", 0); /* room for all and a NUL even when empty */
	ct_buf_grow(out, tmp.len);
	while (p < end) {
		size_t run = 0;
		while (p + run < end && p[run] != '\r' && p[run] != '\0')
			run++;
		ct_buf_add(out, p, run);
		p += run;
		if (p == end)
			break;
		if (*p == '\r') {
			ct_buf_addch(out, '\n');
			p += p + 1 < end && p[1] == '\n' ? 2 : 1;
		} else {
			nul = 1;
			p++;
		}
	}
	if (nul)
		ct_warnings_add(w, "nul-byte", "%s holds NUL bytes, dropped", what);
	ct_buf_release(&tmp);
}

char *msg_utf8_dup(const char *s)
{
	size_t len = strlen(s);
	if (g_utf8_validate(s, (gssize)len, NULL))
		return ct_strdup(s);
	ct_buf b = CT_BUF_INIT;
	cp1252_to_utf8(&b, s, len);
	return ct_buf_detach(&b);
}

void msg_squeeze(char *s)
{
	char *w = s;
	int space = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f' || *p == '\v') {
			space = w != s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *p;
	}
	*w = '\0';
}

/* The next "<…>" token from *p: its bounds, whitespace inside removed by
 * the caller. Returns 0 when there is none. */
static int next_id(const char **p, const char **start, size_t *len)
{
	const char *lt = strchr(*p, '<');
	if (!lt)
		return 0;
	const char *gt = strchr(lt + 1, '>');
	if (!gt)
		return 0;
	const char *lt2 = memchr(lt + 1, '<', (size_t)(gt - lt - 1));
	if (lt2)
		lt = lt2; /* "<<id>" */
	*start = lt;
	*len = (size_t)(gt - lt + 1);
	*p = gt + 1;
	return 1;
}

static char *clean_id(const char *start, size_t len)
{
	char *id = ct_malloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (start[i] != ' ' && start[i] != '\t' && start[i] != '\r' && start[i] != '\n')
			id[n++] = start[i];
	id[n] = '\0';
	if (n <= 2) { /* "<>" */
		free(id);
		return NULL;
	}
	return id;
}

char *msg_first_id(const char *s, int wrap)
{
	if (!s)
		return NULL;
	const char *p = s, *start;
	size_t len;
	while (next_id(&p, &start, &len)) {
		char *id = clean_id(start, len);
		if (id)
			return id;
	}
	if (!wrap)
		return NULL;
	/* a bare "local@domain": the first word holding an '@' */
	for (p = s; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		size_t wl = strcspn(p, " \t\r\n");
		if (wl && memchr(p, '@', wl) && wl < 990) {
			ct_buf b = CT_BUF_INIT;
			ct_buf_addch(&b, '<');
			ct_buf_add(&b, p, wl);
			ct_buf_addch(&b, '>');
			return ct_buf_detach(&b);
		}
		p += wl;
	}
	return NULL;
}

char *ct_message_id_parse(const char *value, size_t len)
{
	char *v = ct_strndup(value, len);
	char *id = msg_first_id(v, 1);
	free(v);
	return id;
}

size_t msg_parse_ids(const char *s, char ***ids, size_t *n, size_t max, const char *self,
		     size_t *dups, size_t *selfrefs)
{
	size_t over = 0, alloc = *n;
	const char *p = s, *start;
	size_t len;
	while (s && next_id(&p, &start, &len)) {
		char *id = clean_id(start, len);
		if (!id)
			continue;
		int seen = self && strcmp(id, self) == 0;
		if (seen)
			(*selfrefs)++;
		for (size_t i = 0; i < *n && !seen; i++)
			if (strcmp((*ids)[i], id) == 0) {
				seen = 1;
				(*dups)++;
			}
		if (seen || *n >= max) {
			over += !seen;
			free(id);
			continue;
		}
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			*ids = ct_realloc(*ids, alloc * sizeof(**ids));
		}
		(*ids)[(*n)++] = id;
	}
	return over;
}

/* Reply and forward markers in the languages seen on CA/B Forum lists. */
static const char *const prefixes[] = { "re", "aw", "fwd", "fw", "sv", "vs", "antw", "tr",
	"rif", "r", "wg", "odp", "ref", "res", NULL };

/* Length of a reply prefix at `s` ("Re:", "RE :", "Re[2]:", "Fwd:"), or 0. */
static size_t prefix_len(const char *s)
{
	for (size_t i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (ct_strncasecmp(s, prefixes[i], n) != 0)
			continue;
		const char *p = s + n;
		if (*p == '[' || *p == '(') {
			char close = *p == '[' ? ']' : ')';
			p++;
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p != close)
				continue;
			p++;
		}
		if (*p == ' ' && p[1] == ':')
			p++;
		if (*p == ':')
			return (size_t)(p + 1 - s);
		if (strncmp(p, "\xef\xbc\x9a", 3) == 0) /* full-width colon */
			return (size_t)(p + 3 - s);
	}
	return 0;
}

/* Length of a list tag at `s` ("[cabfpub]", "[Servercert-wg]"), or 0. Tags
 * in capitals ("[VOTE]", "[DRAFT]") are the author's words and stay, except
 * the mail gateways' "[EXTERNAL]"/"[EXT]". */
static size_t tag_len(const char *s)
{
	if (*s != '[')
		return 0;
	size_t n = 1;
	int lower = 0;
	while (n < 48 && s[n] && s[n] != ']') {
		char c = s[n];
		if (c >= 'a' && c <= 'z')
			lower = 1;
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			   c == '.'))
			return 0;
		n++;
	}
	if (s[n] != ']' || n == 1)
		return 0;
	if (!lower && ct_strncasecmp(s, "[EXTERNAL]", 10) != 0 && ct_strncasecmp(s, "[EXT]", 5) != 0)
		return 0;
	return n + 1;
}

char *ct_subject_normalize(const char *subject)
{
	char *s = ct_strdup(subject ? subject : "");
	msg_squeeze(s);
	const char *p = s;
	for (;;) {
		while (*p == ' ')
			p++;
		size_t n = prefix_len(p);
		if (!n)
			n = tag_len(p);
		if (!n)
			break;
		p += n;
	}
	char *out = ct_strdup(p);
	free(s);
	return out;
}

void ct_address_unobscure(char *addr)
{
	if (!addr || strchr(addr, '@'))
		return;
	char *at = strstr(addr, " at ");
	if (!at || at == addr || at[4] == '\0' || at[4] == ' ')
		return;
	*at = '@';
	memmove(at + 1, at + 4, strlen(at + 4) + 1);
}
