/* util: strings, errors, warnings and UTC calendar arithmetic shared by all stages. */
#include "cabtally/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(void)
{
	fputs("cabtally: out of memory\n", stderr);
	abort();
}

void *ct_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *ct_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *ct_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_oom();
	return q;
}

char *ct_strdup(const char *s)
{
	return ct_strndup(s, strlen(s));
}

char *ct_strndup(const char *s, size_t n)
{
	char *p = ct_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int ct_read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return CT_EIO;
	ct_buf b = CT_BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ct_buf_add(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		ct_buf_release(&b);
		return CT_EIO;
	}
	*len = b.len;
	*out = ct_buf_detach(&b);
	return 0;
}

int ct_error_set(ct_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void ct_buf_init(ct_buf *b)
{
	b->buf = NULL;
	b->len = b->alloc = 0;
}

void ct_buf_release(ct_buf *b)
{
	free(b->buf);
	ct_buf_init(b);
}

void ct_buf_grow(ct_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n *= 2;
	b->buf = ct_realloc(b->buf, n);
	b->alloc = n;
}

void ct_buf_add(ct_buf *b, const void *data, size_t len)
{
	ct_buf_grow(b, len);
	if (len)
		memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void ct_buf_addstr(ct_buf *b, const char *s)
{
	ct_buf_add(b, s, strlen(s));
}

void ct_buf_vaddf(ct_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	ct_buf_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ct_buf_addf(ct_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void ct_buf_reset(ct_buf *b)
{
	ct_buf_truncate(b, 0);
}

void ct_buf_truncate(ct_buf *b, size_t len)
{
	if (len >= b->len)
		return;
	b->len = len;
	b->buf[len] = '\0';
}

const char *ct_buf_cstr(const ct_buf *b)
{
	return b->buf ? b->buf : "";
}

char *ct_buf_detach(ct_buf *b)
{
	char *p = b->buf ? b->buf : ct_strdup("");
	ct_buf_init(b);
	return p;
}

void ct_buf_add_json_string(ct_buf *b, const char *s)
{
	ct_buf_addch(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': ct_buf_addstr(b, "\\\""); break;
		case '\\': ct_buf_addstr(b, "\\\\"); break;
		case '\n': ct_buf_addstr(b, "\\n"); break;
		case '\r': ct_buf_addstr(b, "\\r"); break;
		case '\t': ct_buf_addstr(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				ct_buf_addf(b, "\\u%04x", *p);
			else
				ct_buf_addch(b, (char)*p);
		}
	}
	ct_buf_addch(b, '"');
}

void ct_warnings_add(ct_warnings *w, const char *code, const char *fmt, ...)
{
	if (w->count == w->alloc) {
		w->alloc = w->alloc ? w->alloc * 2 : 4;
		w->items = ct_realloc(w->items, w->alloc * sizeof(*w->items));
	}
	ct_buf msg = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	w->items[w->count].code = ct_strdup(code);
	w->items[w->count].message = ct_buf_detach(&msg);
	w->count++;
}

void ct_warnings_release(ct_warnings *w)
{
	for (size_t i = 0; i < w->count; i++) {
		free(w->items[i].code);
		free(w->items[i].message);
	}
	free(w->items);
	w->items = NULL;
	w->count = w->alloc = 0;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t ct_time_from_civil(int year, int month, int day, int hour, int min, int sec)
{
	return days_from_civil(year, (unsigned)month, (unsigned)day) * 86400 +
	       (int64_t)hour * 3600 + (int64_t)min * 60 + sec;
}

void ct_time_to_civil(int64_t t, int *year, int *month, int *day, int *hour, int *min, int *sec)
{
	int64_t z = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - z * 86400;
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(y + (m <= 2));
	*month = (int)m;
	*day = (int)d;
	*hour = (int)(secs / 3600);
	*min = (int)(secs / 60 % 60);
	*sec = (int)(secs % 60);
}

void ct_time_format_iso(int64_t t, char out[21])
{
	int y, mo, d, h, mi, s;
	ct_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02dZ", y % 10000, mo, d, h, mi, s);
	memcpy(out, tmp, 20);
	out[20] = '\0';
}

void ct_time_format_date(int64_t t, char out[11])
{
	int y, mo, d, h, mi, s;
	ct_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	char tmp[64];
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, mo, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int ct_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int ct_time_parse_iso(const char *s, int64_t *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 0;
	if (strlen(s) < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d))
		return CT_EINVALID;
	if (mo < 1 || mo > 12 || d < 1 || d > ct_days_in_month(y, mo))
		return CT_EINVALID;
	const char *p = s + 10;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(p, 2, &h) || p[2] != ':' || digits(p + 3, 2, &mi))
			return CT_EINVALID;
		p += 5;
		if (*p == ':') {
			if (digits(p + 1, 2, &sec))
				return CT_EINVALID;
			p += 3;
		}
		if (h > 23 || mi > 59 || sec > 60)
			return CT_EINVALID;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh, om = 0;
			if (digits(p + 1, 2, &oh))
				return CT_EINVALID;
			const char *q = p + 3;
			if (*q == ':')
				q++;
			if (*q && digits(q, 2, &om))
				return CT_EINVALID;
			off = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
			p = *q ? q + 2 : q;
		}
	}
	if (*p)
		return CT_EINVALID;
	*out = ct_time_from_civil(y, mo, d, h, mi, sec) - off;
	return 0;
}

int ct_month_from_name(const char *s, size_t len)
{
	static const char *names[] = { "january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december" };
	if (len < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		size_t full = strlen(names[i]);
		if (len > full)
			continue;
		if (ct_strncasecmp(s, names[i], len) == 0 && (len == 3 || len == full ||
		    (i == 8 && len == 4))) /* "Sept" */
			return i + 1;
	}
	return 0;
}

int ct_ascii_tolower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int ct_strncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = ct_ascii_tolower((unsigned char)a[i]);
		int cb = ct_ascii_tolower((unsigned char)b[i]);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

int ct_strcasecmp(const char *a, const char *b)
{
	return ct_strncasecmp(a, b, (size_t)-1);
}

const char *ct_memcasemem(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (n == 0)
		return hay;
	if (n > len)
		return NULL;
	int first = ct_ascii_tolower((unsigned char)needle[0]);
	for (size_t i = 0; i + n <= len; i++) {
		if (ct_ascii_tolower((unsigned char)hay[i]) == first &&
		    ct_strncasecmp(hay + i, needle, n) == 0)
			return hay + i;
	}
	return NULL;
}
