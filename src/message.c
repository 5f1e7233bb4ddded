/* message: decode one raw message with GMime — headers, addresses, dates,
 * threading ids and the best text body (message.h). */
#include "cabtally/message.h"
#include "cabtally/html.h"
#include "message_int.h"

#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#define MAX_REFERENCES 1000

/* What one decoding run needs besides the message it fills. */
typedef struct decoder {
	ct_message *msg;
	GMimeParserOptions *opts;
	GMimeMessage *gm;
	char *list_post; /* the list's own address (List-Post, X-BeenThere), lower case */
	char *list_alt;
	int too_deep;    /* the mime-too-deep warning was given */
	struct cut {     /* header fields not given to GMime */
		size_t at;   /* offset in GMime's text */
		size_t len;  /* bytes left out there */
	} *cuts;
	size_t ncuts;
	size_t gmime_dropped; /* GMime warnings past MAX_SAME_WARNING of one code */
} decoder;

void ct_message_global_init(void)
{
	/* GMime's and libxml2's state is per process; this flag only keeps us
	 * from initialising them twice. */
	static int done;
	if (!done) {
		g_mime_init();
		ct_html_global_init();
		done = 1;
	}
}

/* GMime's parser warnings as our codes and a plain-words description. */
static const struct {
	GMimeParserWarning code;
	const char *name;
	const char *text;
} gmime_warnings[] = {
	{ GMIME_WARN_DUPLICATED_HEADER, "duplicated-header", "header repeated" },
	{ GMIME_WARN_DUPLICATED_PARAMETER, "duplicated-parameter", "header parameter repeated" },
	{ GMIME_WARN_UNENCODED_8BIT_HEADER, "unencoded-8bit-header", "unencoded 8-bit text in header" },
	{ GMIME_WARN_INVALID_CONTENT_TYPE, "invalid-content-type", "invalid content type" },
	{ GMIME_WARN_INVALID_RFC2047_HEADER_VALUE, "invalid-rfc2047", "invalid encoded-word in header" },
	{ GMIME_WARN_MALFORMED_MULTIPART, "malformed-multipart", "multipart without parts" },
	{ GMIME_WARN_TRUNCATED_MESSAGE, "truncated-message", "message truncated" },
	{ GMIME_WARN_MALFORMED_MESSAGE, "malformed-message", "malformed message" },
	{ GMIME_CRIT_INVALID_HEADER_NAME, "invalid-header-name", "invalid header name" },
	{ GMIME_CRIT_CONFLICTING_HEADER, "conflicting-header", "conflicting header" },
	{ GMIME_CRIT_CONFLICTING_PARAMETER, "conflicting-parameter", "conflicting header parameter" },
	{ GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY, "multipart-without-boundary", "multipart without boundary" },
	{ GMIME_WARN_INVALID_PARAMETER, "invalid-parameter", "invalid header parameter" },
	{ GMIME_WARN_INVALID_ADDRESS_LIST, "invalid-address-list", "invalid address list" },
	{ GMIME_CRIT_NESTING_OVERFLOW, "nesting-overflow", "MIME parts nested too deep" },
	{ GMIME_WARN_PART_WITHOUT_CONTENT, "part-without-content", "MIME part without content" },
	{ GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT, "part-without-headers",
	  "MIME part without headers or content" },
};

/* GMime reports some problems once per part: a hostile message with
 * thousands of parts would give thousands of lines. */
#define MAX_SAME_WARNING 3

static int same_code_count(const ct_warnings *w, const char *code)
{
	int n = 0;
	for (size_t i = 0; i < w->count; i++)
		n += strcmp(w->items[i].code, code) == 0;
	return n;
}

static void on_gmime_warning(gint64 offset, GMimeParserWarning code, const gchar *item,
			     gpointer data)
{
	decoder *d = data;
	ct_message *msg = d->msg;
	/* GMime counts in the text it was given; ours counts in the message */
	gint64 given = offset;
	for (size_t i = 0; i < d->ncuts && (gint64)d->cuts[i].at <= given; i++)
		offset += (gint64)d->cuts[i].len;
	/* pipermail's "user at domain (Name)" is expected and undone later */
	if (code == GMIME_WARN_INVALID_ADDRESS_LIST && item && !strchr(item, '@') &&
	    strstr(item, " at "))
		return;
	const char *name = "mime-warning", *text = "MIME problem";
	for (size_t i = 0; i < sizeof(gmime_warnings) / sizeof(gmime_warnings[0]); i++)
		if (gmime_warnings[i].code == code) {
			name = gmime_warnings[i].name;
			text = gmime_warnings[i].text;
		}
	if (same_code_count(&msg->warnings, name) >= MAX_SAME_WARNING) {
		d->gmime_dropped++;
		return;
	}
	char *it = msg_utf8_dup(item ? item : "");
	if (g_utf8_strlen(it, -1) > 80)
		strcpy(g_utf8_offset_to_pointer(it, 77), "...");
	msg_squeeze(it);
	if (*it)
		ct_warnings_add(&msg->warnings, name, "%s '%s' at byte %lld of the message", text, it,
				(long long)offset);
	else
		ct_warnings_add(&msg->warnings, name, "%s at byte %lld of the message", text,
				(long long)offset);
	free(it);
}

static const char *raw_header(GMimeObject *obj, const char *name)
{
	GMimeHeader *h = g_mime_header_list_get_header(g_mime_object_get_header_list(obj), name);
	return h ? g_mime_header_get_raw_value(h) : NULL;
}

/* ---- addresses ---- */

static void address_set(ct_address *a, const char *name, const char *addr)
{
	free(a->name);
	free(a->address);
	a->name = msg_utf8_dup(name ? name : "");
	msg_squeeze(a->name);
	a->address = msg_utf8_dup(addr ? addr : "");
	msg_squeeze(a->address);
	for (char *p = a->address; *p; p++)
		*p = (char)ct_ascii_tolower((unsigned char)*p);
}

static void address_empty(ct_address *a)
{
	a->name = ct_strdup("");
	a->address = ct_strdup("");
}

static void address_release(ct_address *a)
{
	free(a->name);
	free(a->address);
	a->name = a->address = NULL;
}

/* The mailboxes of a list, groups flattened. */
static void list_mailboxes(InternetAddressList *l, ct_address **out, size_t *n)
{
	for (int i = 0; l && i < internet_address_list_length(l); i++) {
		InternetAddress *ia = internet_address_list_get_address(l, i);
		if (INTERNET_ADDRESS_IS_GROUP(ia)) {
			list_mailboxes(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia)),
				       out, n);
			continue;
		}
		*out = ct_realloc(*out, (*n + 1) * sizeof(**out));
		(*out)[*n].name = (*out)[*n].address = NULL;
		address_set(&(*out)[*n], internet_address_get_name(ia),
			    internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		(*n)++;
	}
}

static void free_addresses(ct_address *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		address_release(&a[i]);
	free(a);
}

/* Parse an address header; pipermail's "user at domain" is undone first. */
static size_t parse_address_header(decoder *d, const char *raw, ct_address **out)
{
	*out = NULL;
	if (!raw)
		return 0;
	char *fixed = ct_strdup(raw);
	ct_address_unobscure(fixed);
	size_t n = 0;
	InternetAddressList *l = internet_address_list_parse(d->opts, fixed);
	list_mailboxes(l, out, &n);
	if (l)
		g_object_unref(l);
	free(fixed);
	return n;
}

static void first_address(decoder *d, const char *header, ct_address *a)
{
	ct_address *all;
	size_t n = parse_address_header(d, raw_header(GMIME_OBJECT(d->gm), header), &all);
	if (n)
		address_set(a, all[0].name, all[0].address);
	free_addresses(all, n);
}

/* "Jane Doe", "jane doe" and "'Jane Doe'" name the same person. */
static int same_name(const char *a, const char *b)
{
	char *x = ct_strdup(a), *y = ct_strdup(b);
	for (char *p = x; *p; p++)
		if (*p == '"' || *p == '\'')
			*p = ' ';
	for (char *p = y; *p; p++)
		if (*p == '"' || *p == '\'')
			*p = ' ';
	msg_squeeze(x);
	msg_squeeze(y);
	int same = *x && ct_strcasecmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

static void remember_list_address(decoder *d)
{
	GMimeObject *o = GMIME_OBJECT(d->gm);
	char *post = msg_first_id(raw_header(o, "List-Post"), 0);
	if (post) {
		const char *p = post + 1;
		if (ct_strncasecmp(p, "mailto:", 7) == 0)
			p += 7;
		d->list_post = ct_strndup(p, strcspn(p, ">?"));
		free(post);
	}
	const char *been = raw_header(o, "X-BeenThere");
	if (been) {
		d->list_alt = ct_strdup(been);
		msg_squeeze(d->list_alt);
	}
	for (char *p = d->list_post; p && *p; p++)
		*p = (char)ct_ascii_tolower((unsigned char)*p);
	for (char *p = d->list_alt; p && *p; p++)
		*p = (char)ct_ascii_tolower((unsigned char)*p);
}

static int is_list_address(const decoder *d, const char *addr)
{
	return *addr && ((d->list_post && strcmp(addr, d->list_post) == 0) ||
			 (d->list_alt && strcmp(addr, d->list_alt) == 0));
}

/* Mailman's DMARC mitigation turns From into "Name via List" <list@…>. The
 * list's address is known from List-Post/X-BeenThere, or the part after
 * "via" names the list's mailbox ("via Public" → public@cabforum.org). */
static int dmarc_split(const decoder *d, const ct_address *from, char **who)
{
	const char *name = from->name, *via = NULL;
	for (const char *p = name; (p = ct_memcasemem(p, strlen(p), " via ")) != NULL; p++)
		via = p;
	if (!via || via == name)
		return 0;
	const char *list = via + 5;
	size_t local = strcspn(from->address, "@");
	int listy = is_list_address(d, from->address) ||
		    (strlen(list) == local && ct_strncasecmp(list, from->address, local) == 0);
	if (!listy)
		return 0;
	*who = ct_strndup(name, (size_t)(via - name));
	return 1;
}

/* Pick the real author from Reply-To, X-Original-From or Cc. */
static int dmarc_find(decoder *d, const char *who, ct_address *found)
{
	const char *sources[] = { "Reply-To", "X-Original-From", "Cc" };
	const char *list = d->msg->list_from.address;
	for (size_t s = 0; s < 3; s++) {
		ct_address *all;
		size_t n = parse_address_header(d, raw_header(GMIME_OBJECT(d->gm), sources[s]), &all);
		ssize_t pick = -1;
		for (size_t i = 0; i < n && pick < 0; i++)
			if (same_name(all[i].name, who) && strcmp(all[i].address, list) &&
			    !is_list_address(d, all[i].address))
				pick = (ssize_t)i;
		/* Cc carries everyone; only a name match is evidence there */
		for (size_t i = 0; s < 2 && i < n && pick < 0; i++)
			if (*all[i].address && strcmp(all[i].address, list) &&
			    !is_list_address(d, all[i].address))
				pick = (ssize_t)i;
		if (pick >= 0)
			address_set(found, *all[pick].name ? all[pick].name : who, all[pick].address);
		free_addresses(all, n);
		if (pick >= 0)
			return 1;
	}
	return 0;
}

static void unmunge_dmarc(decoder *d)
{
	ct_message *m = d->msg;
	char *who;
	if (!dmarc_split(d, &m->from, &who))
		return;
	m->via_list = 1;
	address_set(&m->list_from, m->from.name, m->from.address);
	ct_address real;
	address_empty(&real);
	if (dmarc_find(d, who, &real)) {
		address_release(&m->from);
		m->from = real;
	} else {
		ct_warnings_add(&m->warnings, "dmarc-unresolved",
				"from '%s <%s>' was rewritten by the list and no header names the "
				"real sender", m->from.name, m->from.address);
		address_set(&m->from, who, "");
		address_release(&real);
	}
	free(who);
}

/* The sender from the From_ line when the headers have none. */
static void from_line_sender(const ct_raw_message *raw, ct_address *a)
{
	if (!raw->from_line || raw->from_line_len < 6)
		return;
	const char *p = raw->from_line + 5, *end = raw->from_line + raw->from_line_len;
	/* pipermail: "From user at domain  Thu Mar  2 …" (two spaces end it) */
	const char *stop = raw->pipermail ? strstr(p, "  ") : NULL;
	size_t len = stop && stop < end ? (size_t)(stop - p) : strcspn(p, " ");
	if (len > (size_t)(end - p))
		len = (size_t)(end - p);
	char *addr = ct_strndup(p, len);
	ct_address_unobscure(addr);
	if (strcmp(addr, "-") != 0 && strchr(addr, '@'))
		address_set(a, "", addr);
	free(addr);
}

static void decode_addresses(decoder *d, const ct_raw_message *raw)
{
	ct_message *m = d->msg;
	remember_list_address(d);
	first_address(d, "From", &m->from);
	first_address(d, "Reply-To", &m->reply_to);
	first_address(d, "Sender", &m->sender);
	m->ncc = parse_address_header(d, raw_header(GMIME_OBJECT(d->gm), "Cc"), &m->cc);
	if (!*m->from.address) {
		from_line_sender(raw, &m->from);
		ct_warnings_add(&m->warnings, "no-from", "%s", *m->from.address ?
				"no usable From header, sender taken from the From_ line" :
				"no usable From header");
	}
	unmunge_dmarc(d);
}

/* ---- dates and ids ---- */

/* `v` is the raw Date header, or NULL when there is none. */
static void decode_date(ct_message *m, const char *v, const ct_raw_message *raw)
{
	unsigned flags = 0;
	int64_t t;
	if (v && ct_date_parse_rfc5322_ex(v, &t, &flags) == 0) {
		m->date = t;
		m->date_source = CT_DATE_HEADER;
		if (flags & CT_DATE_ZONE_ASSUMED)
			ct_warnings_add(&m->warnings, "date-zone", "no known time zone in date '%s', "
					"UTC assumed", v);
		if (raw->pipermail && raw->from_line_date != CT_TIME_NONE &&
		    llabs((long long)(t - raw->from_line_date)) > 15 * 86400)
			ct_warnings_add(&m->warnings, "date-mismatch", "date '%s' is more than 15 "
					"days from the archive's date", v);
		return;
	}
	char *shown = msg_utf8_dup(v ? v : "");
	msg_squeeze(shown);
	if (raw->from_line_date != CT_TIME_NONE) {
		m->date = raw->from_line_date;
		m->date_source = CT_DATE_FROM_LINE;
	}
	const char *used = m->date_source == CT_DATE_FROM_LINE ? ", the From_ line date is used" :
				   " and no From_ line date";
	if (v)
		ct_warnings_add(&m->warnings, "bad-date", "invalid date '%s'%s", shown, used);
	else
		ct_warnings_add(&m->warnings, "no-date", "no Date header%s", used);
	free(shown);
}

static void decode_ids(decoder *d)
{
	ct_message *m = d->msg;
	GMimeObject *o = GMIME_OBJECT(d->gm);
	const char *mid = raw_header(o, "Message-ID");
	m->message_id = msg_first_id(mid, 1);
	if (!m->message_id)
		ct_warnings_add(&m->warnings, "no-message-id", mid ? "unusable Message-ID" :
				"no Message-ID header");
	else if (!strchr(mid, '<'))
		ct_warnings_add(&m->warnings, "bad-message-id", "Message-ID without angle brackets");
	m->in_reply_to = msg_first_id(raw_header(o, "In-Reply-To"), 0);
	size_t dups = 0, self = 0;
	size_t over = msg_parse_ids(raw_header(o, "References"), &m->references, &m->nreferences,
				    MAX_REFERENCES, m->message_id, &dups, &self);
	if (self)
		ct_warnings_add(&m->warnings, "references-loop", "References names the message "
				"itself, dropped");
	if (dups)
		ct_warnings_add(&m->warnings, "references-duplicate", "References repeats %zu "
				"id%s, kept once", dups, dups == 1 ? "" : "s");
	if (over)
		ct_warnings_add(&m->warnings, "references-too-many", "References holds more than %d "
				"ids, %zu dropped", MAX_REFERENCES, over);
	if (m->in_reply_to && m->message_id && strcmp(m->in_reply_to, m->message_id) == 0) {
		ct_warnings_add(&m->warnings, "references-loop", "In-Reply-To names the message "
				"itself, dropped");
		free(m->in_reply_to);
		m->in_reply_to = NULL;
	}
}

static void decode_subject(decoder *d)
{
	ct_message *m = d->msg;
	const char *s = g_mime_message_get_subject(d->gm);
	m->subject = msg_utf8_dup(s ? s : "");
	msg_squeeze(m->subject);
	m->subject_normalized = ct_subject_normalize(m->subject);
}

/* ---- body ---- */

enum { WANT_PLAIN, WANT_ANY };

static int is_attachment(GMimeObject *o)
{
	const char *disp = g_mime_object_get_disposition(o);
	return disp && ct_strcasecmp(disp, "attachment") == 0;
}

/* RFC 2045 5.2: a syntactically invalid Content-Type ("text", no subtype)
 * means text/plain. */
static int invalid_content_type(GMimeObject *o)
{
	const char *v = raw_header(o, "Content-Type");
	if (!v)
		return 0;
	size_t n = strcspn(v, ";");
	return !memchr(v, '/', n);
}

/* The text part to read: text/plain first inside multipart/alternative,
 * else the first text part in order; signatures and attachments skipped. */
static GMimePart *find_text(decoder *d, GMimeObject *o, int want, int depth)
{
	if (!o)
		return NULL;
	if (depth > MSG_MAX_DEPTH) {
		if (!d->too_deep)
			ct_warnings_add(&d->msg->warnings, "mime-too-deep", "MIME parts nested deeper "
					"than %d levels not read", MSG_MAX_DEPTH);
		d->too_deep = 1;
		return NULL;
	}
	if (GMIME_IS_MULTIPART_ENCRYPTED(o)) {
		ct_warnings_add(&d->msg->warnings, "encrypted", "the body is encrypted");
		return NULL;
	}
	if (GMIME_IS_MULTIPART_SIGNED(o))
		return find_text(d, g_mime_multipart_get_part(GMIME_MULTIPART(o),
					GMIME_MULTIPART_SIGNED_CONTENT), want, depth + 1);
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(mp);
		GMimeContentType *ct = g_mime_object_get_content_type(o);
		int alt = ct && g_mime_content_type_is_type(ct, "multipart", "alternative");
		for (int pass = alt ? WANT_PLAIN : want; pass <= want; pass++)
			for (int i = 0; i < n; i++) {
				GMimePart *p = find_text(d, g_mime_multipart_get_part(mp, i), pass,
							 depth + 1);
				if (p)
					return p;
			}
		return NULL;
	}
	if (!GMIME_IS_PART(o) || is_attachment(o))
		return NULL;
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	if (!ct || g_mime_content_type_is_type(ct, "text", "plain") || invalid_content_type(o))
		return GMIME_PART(o);
	if (want == WANT_ANY && g_mime_content_type_is_type(ct, "text", "html"))
		return GMIME_PART(o);
	if (g_mime_content_type_is_type(ct, "application", "pkcs7-mime") ||
	    g_mime_content_type_is_type(ct, "application", "x-pkcs7-mime"))
		ct_warnings_add(&d->msg->warnings, "opaque-smime",
				"the body is S/MIME enveloped or opaque-signed");
	return NULL;
}

/* Inline PGP: keep the signed text, drop the armour and the signature. */
static void strip_inline_pgp(ct_buf *b)
{
	const char *begin = "-----BEGIN PGP SIGNED MESSAGE-----\n";
	char *s = strstr(ct_buf_cstr(b), begin);
	if (!s || (s != b->buf && s[-1] != '\n'))
		return;
	char *text = strstr(s, "\n\n"); /* after the "Hash:" armour headers */
	char *sig = text ? strstr(text, "\n-----BEGIN PGP SIGNATURE-----") : NULL;
	if (!sig)
		return;
	char *end = strstr(sig, "-----END PGP SIGNATURE-----");
	ct_buf out = CT_BUF_INIT;
	ct_buf_add(&out, b->buf, (size_t)(s - b->buf));
	for (const char *p = text + 2; p < sig + 1;) {
		const char *nl = memchr(p, '\n', (size_t)(sig + 1 - p));
		size_t len = nl ? (size_t)(nl - p + 1) : (size_t)(sig + 1 - p);
		if (len >= 2 && p[0] == '-' && p[1] == ' ') { /* dash-escaped line */
			p += 2;
			len -= 2;
		}
		ct_buf_add(&out, p, len);
		p += len;
	}
	if (end) {
		end += strlen("-----END PGP SIGNATURE-----");
		ct_buf_addstr(&out, end + (*end == '\n'));
	}
	ct_buf_release(b);
	*b = out;
}

static void decode_part(decoder *d, GMimePart *part)
{
	ct_message *m = d->msg;
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	if (!w)
		return;
	GMimeStream *mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(w, mem);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part),
									"charset");
	ct_buf text = CT_BUF_INIT;
	msg_to_utf8(&text, (const char *)bytes->data, bytes->len, charset, &m->warnings, "body");
	g_object_unref(mem);
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	if (ct && g_mime_content_type_is_type(ct, "text", "html")) {
		ct_buf out = CT_BUF_INIT;
		ct_error err = CT_ERROR_INIT;
		if (ct_html_to_text(&out, ct_buf_cstr(&text), text.len, "UTF-8", &err) != 0)
			ct_warnings_add(&m->warnings, "bad-html", "%s", err.msg);
		ct_buf_release(&text);
		text = out;
		m->body_from_html = 1;
	} else {
		strip_inline_pgp(&text);
	}
	msg_limit_body(&text, &m->warnings);
	free(m->body);
	m->body = ct_buf_detach(&text);
}

static void decode_body(decoder *d)
{
	GMimePart *part = find_text(d, g_mime_message_get_mime_part(d->gm), WANT_ANY, 0);
	if (part)
		decode_part(d, part);
	else
		ct_warnings_add(&d->msg->warnings, "no-text-body", "no text/plain or text/html part");
}

/* ---- the whole message ---- */

/* The archive's warnings start "FILE: offset N: "; the caller prints the
 * file and the message's offset, so those are dropped (another offset, such
 * as a rejected From_ line's, stays). */
static const char *strip_location(const char *w, const ct_raw_message *raw)
{
	size_t fl = raw->file ? strlen(raw->file) : 0;
	if (fl && strncmp(w, raw->file, fl) == 0 && w[fl] == ':' && w[fl + 1] == ' ')
		w += fl + 2;
	char off[48];
	int n = snprintf(off, sizeof(off), "offset %llu: ", (unsigned long long)raw->offset);
	if (n > 0 && strncmp(w, off, (size_t)n) == 0)
		w += n;
	return w;
}

static ct_message *message_new(const ct_raw_message *raw)
{
	ct_message *m = ct_calloc(1, sizeof(*m));
	m->file = ct_strdup(raw->file ? raw->file : "");
	m->offset = raw->offset;
	m->date = CT_TIME_NONE;
	m->date_source = CT_DATE_NONE;
	address_empty(&m->from);
	address_empty(&m->list_from);
	address_empty(&m->reply_to);
	address_empty(&m->sender);
	for (size_t i = 0; raw->warnings && i < raw->warnings->count; i++)
		ct_warnings_add(&m->warnings, raw->warnings->items[i].code, "%s",
				strip_location(raw->warnings->items[i].message, raw));
	return m;
}

/* Length of the field name of `line` (without its newline) when it is a
 * header field, "Name: value" (obsolete "Name : value" too); 0 otherwise. */
static size_t header_name_len(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && line[i] > ' ' && line[i] < 127 && line[i] != ':')
		i++;
	size_t name = i;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return name && i < len && line[i] == ':' ? name : 0;
}

/* The message's own header fields this module reads; GMime makes an object
 * of every field it is given, and real list mail carries thirty (Received,
 * DKIM, ARC, Exchange's X-MS-*), so the others are not given to it. */
static int header_read(const char *name, size_t len)
{
	static const char *const read[] = { "from", "sender", "reply-to", "cc", "date",
		"message-id", "in-reply-to", "references", "subject", "list-post", "x-beenthere",
		"x-original-from", "mime-version", NULL };
	if (len > 8 && !ct_strncasecmp(name, "content-", 8))
		return 1;
	for (size_t i = 0; read[i]; i++)
		if (strlen(read[i]) == len && !ct_strncasecmp(name, read[i], len))
			return 1;
	return 0;
}

/* Copy `in` to `out` for GMime: the header fields this module does not read
 * left out, and the header block ended with a blank line where a line that
 * is no header starts the body without one (as Python's email package reads
 * it; GMime would drop such a body). */
static void separate_body(decoder *d, const ct_buf *in, ct_buf *out)
{
	ct_warnings *w = &d->msg->warnings;
	const char *p = ct_buf_cstr(in), *end = p + in->len;
	int keep = 1;
	ct_buf_grow(out, in->len + 1);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len == 0)
			break;
		int cont = (*p == ' ' || *p == '\t') && p != in->buf;
		size_t name = cont ? 0 : header_name_len(p, len);
		if (!cont && !name) {
			ct_warnings_add(w, p == in->buf ? "no-headers" : "no-header-separator",
					p == in->buf ? "the message has no header fields" :
					"no blank line between the header and the body");
			ct_buf_addch(out, '\n');
			ct_buf_add(out, p, (size_t)(end - p));
			return;
		}
		if (!cont)
			keep = header_read(p, name);
		if (keep) {
			ct_buf_add(out, p, len + (nl != NULL));
		} else {
			if (!d->ncuts || d->cuts[d->ncuts - 1].at != out->len) {
				d->cuts = ct_realloc(d->cuts, (d->ncuts + 1) * sizeof(*d->cuts));
				d->cuts[d->ncuts++] = (struct cut){ out->len, 0 };
			}
			d->cuts[d->ncuts - 1].len += len + (nl != NULL);
		}
		p += len + (nl != NULL);
	}
	ct_buf_add(out, p, (size_t)(end - p));
}

static GMimeMessage *gmime_parse(decoder *d, const ct_raw_message *raw)
{
	ct_buf text = CT_BUF_INIT, fixed = CT_BUF_INIT;
	ct_raw_message_unescape(raw, &text);
	msg_limit_raw(&text, &d->msg->warnings);
	separate_body(d, &text, &fixed);
	ct_buf_release(&text);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(ct_buf_cstr(&fixed), fixed.len);
	ct_buf_release(&fixed);
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	GMimeMessage *gm = g_mime_parser_construct_message(parser, d->opts);
	g_object_unref(parser);
	g_object_unref(stream);
	return gm;
}

int ct_message_parse(ct_message **out, const ct_raw_message *raw, ct_error *err)
{
	*out = NULL;
	if (!raw || (!raw->data && raw->len))
		return ct_error_set(err, CT_EINVALID, "no message to decode");
	ct_message_global_init();
	decoder d;
	memset(&d, 0, sizeof(d));
	d.msg = message_new(raw);
	d.opts = g_mime_parser_options_new();
	static const char *fallback[] = { "utf-8", "windows-1252", NULL };
	g_mime_parser_options_set_fallback_charsets(d.opts, fallback);
	g_mime_parser_options_set_rfc2047_compliance_mode(d.opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_address_compliance_mode(d.opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_parameter_compliance_mode(d.opts, GMIME_RFC_COMPLIANCE_LOOSE);
	g_mime_parser_options_set_allow_addresses_without_domain(d.opts, TRUE);
	g_mime_parser_options_set_warning_callback(d.opts, on_gmime_warning, &d);
	d.gm = gmime_parse(&d, raw);
	if (d.gm) {
		decode_addresses(&d, raw);
		decode_date(d.msg, raw_header(GMIME_OBJECT(d.gm), "Date"), raw);
		decode_ids(&d);
		decode_subject(&d);
		decode_body(&d);
		g_object_unref(d.gm);
	} else {
		ct_warnings_add(&d.msg->warnings, "unparsable", "no message could be parsed");
		decode_date(d.msg, NULL, raw);
	}
	if (d.gmime_dropped)
		ct_warnings_add(&d.msg->warnings, "mime-warnings-dropped", "%zu more MIME parser "
				"warnings like the above not listed", d.gmime_dropped);
	if (!d.msg->subject) {
		d.msg->subject = ct_strdup("");
		d.msg->subject_normalized = ct_strdup("");
	}
	if (!d.msg->body)
		d.msg->body = ct_strdup("");
	g_mime_parser_options_free(d.opts);
	free(d.list_post);
	free(d.list_alt);
	free(d.cuts);
	*out = d.msg;
	return 0;
}

void ct_message_free(ct_message *m)
{
	if (!m)
		return;
	free(m->file);
	free(m->message_id);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->nreferences; i++)
		free(m->references[i]);
	free(m->references);
	address_release(&m->from);
	address_release(&m->list_from);
	address_release(&m->reply_to);
	address_release(&m->sender);
	free_addresses(m->cc, m->ncc);
	free(m->subject);
	free(m->subject_normalized);
	free(m->body);
	ct_warnings_release(&m->warnings);
	free(m);
}
