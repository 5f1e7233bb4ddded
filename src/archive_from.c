/* archive_from: is a line starting "From " a From_ line? Its date (ctime,
 * with or without a zone, or RFC 5322), pipermail's "user at domain", and a
 * header line after it (archive_int.h, ct_archive_parse_from_line_date). */
#include "cabtally/archive.h"
#include "archive_int.h"

#include <string.h>

#define MAX_FROM_LINE 1000  /* a longer line is prose, not a From_ line */
#define MAX_FIELD_NAME 998  /* RFC 5322 line limit */
#define MAX_TOKENS 128

typedef struct tok {
	const char *s;
	size_t n;
} tok;

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int tokenize(const char *s, size_t n, tok *t, int max)
{
	int k = 0;
	size_t i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == n)
			break;
		if (k == max)
			return -1;
		t[k].s = s + i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		t[k].n = (size_t)(s + i - t[k].s);
		k++;
	}
	return k;
}

static int tok_is(const tok *t, const char *word)
{
	size_t n = strlen(word);
	return t->n == n && ct_strncasecmp(t->s, word, n) == 0;
}

static int tok_num(const tok *t, size_t min, size_t max, int *out)
{
	if (t->n < min || t->n > max)
		return 0;
	int v = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (!is_digit(t->s[i]))
			return 0;
		v = v * 10 + (t->s[i] - '0');
	}
	*out = v;
	return 1;
}

typedef struct name {
	const char *s;
	unsigned char len;
} name;

/* 1-based index of t (a 3-letter abbreviation or the full name, any case)
 * in names[], else 0. Hot for prose "From " lines, hence no strlen. */
static int tok_name(const tok *t, const name *names, int count)
{
	if (t->n < 3 || ct_ascii_tolower((unsigned char)t->s[0]) < 'a')
		return 0;
	for (int i = 0; i < count; i++)
		if ((t->n == 3 || t->n == names[i].len) &&
		    ct_ascii_tolower((unsigned char)t->s[0]) == names[i].s[0] &&
		    ct_strncasecmp(t->s, names[i].s, t->n) == 0)
			return i + 1;
	return 0;
}

static int tok_month(const tok *t)
{
	static const name months[] = { { "january", 7 }, { "february", 8 }, { "march", 5 },
		{ "april", 5 }, { "may", 3 }, { "june", 4 }, { "july", 4 }, { "august", 6 },
		{ "september", 9 }, { "october", 7 }, { "november", 8 }, { "december", 8 } };
	return tok_name(t, months, 12);
}

static int tok_weekday(const tok *t)
{
	static const name days[] = { { "monday", 6 }, { "tuesday", 7 }, { "wednesday", 9 },
		{ "thursday", 8 }, { "friday", 6 }, { "saturday", 8 }, { "sunday", 6 } };
	tok u = *t;
	if (u.n && u.s[u.n - 1] == ',')
		u.n--;
	return tok_name(&u, days, 7);
}

/* hh:mm or hh:mm:ss */
static int tok_time(const tok *t, int *h, int *m, int *s)
{
	const char *p = t->s;
	size_t n = t->n;
	if ((n != 5 && n != 8) || !is_digit(p[0]) || !is_digit(p[1]) || p[2] != ':' ||
	    !is_digit(p[3]) || !is_digit(p[4]))
		return 0;
	*h = (p[0] - '0') * 10 + (p[1] - '0');
	*m = (p[3] - '0') * 10 + (p[4] - '0');
	*s = 0;
	if (n == 8) {
		if (p[5] != ':' || !is_digit(p[6]) || !is_digit(p[7]))
			return 0;
		*s = (p[6] - '0') * 10 + (p[7] - '0');
	}
	return *h < 24 && *m < 60 && *s <= 60;
}

/* "+0100", "-0800", or a zone name (unknown names count as UTC). */
static int tok_zone(const tok *t, int *off)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = { { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 }, { "EST", -5 },
		{ "EDT", -4 }, { "CST", -6 }, { "CDT", -5 }, { "MST", -7 }, { "MDT", -6 },
		{ "PST", -8 }, { "PDT", -7 }, { "CET", 1 }, { "CEST", 2 }, { "MET", 1 },
		{ "MEST", 2 }, { "BST", 1 }, { "JST", 9 } };
	const char *p = t->s;
	if (t->n == 5 && (p[0] == '+' || p[0] == '-') && is_digit(p[1]) && is_digit(p[2]) &&
	    is_digit(p[3]) && is_digit(p[4])) {
		int mins = ((p[1] - '0') * 10 + (p[2] - '0')) * 60 + (p[3] - '0') * 10 + (p[4] - '0');
		*off = (p[0] == '-' ? -mins : mins) * 60;
		return 1;
	}
	if (t->n < 1 || t->n > 5)
		return 0;
	for (size_t i = 0; i < t->n; i++)
		if (p[i] < 'A' || p[i] > 'Z')
			return 0;
	*off = 0;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (tok_is(t, zones[i].name))
			*off = zones[i].hours * 3600;
	return 1;
}

/* A date occupying exactly t[0..n): asctime order ("Thu Mar  2 09:14:00
 * [zone] 2017 [zone]") or RFC 5322 order ("Thu, 2 Mar 2017 09:14:00 +0000"),
 * optionally followed by UUCP's "remote from host". */
static int date_from_tokens(const tok *t, int n, int64_t *out)
{
	int j = 0, mon, day, year, h, mi, s, off = 0;
	if (j < n && tok_weekday(&t[j]))
		j++;
	if (j < n && (mon = tok_month(&t[j])) != 0) {
		if (j + 3 >= n || !tok_num(&t[j + 1], 1, 2, &day) ||
		    !tok_time(&t[j + 2], &h, &mi, &s))
			return 0;
		j += 3;
		if (j < n && !tok_num(&t[j], 4, 4, &year) && tok_zone(&t[j], &off))
			j++;
		if (j >= n || !tok_num(&t[j], 4, 4, &year))
			return 0;
		j++;
	} else if (j + 3 < n && tok_num(&t[j], 1, 2, &day) &&
		   (mon = tok_month(&t[j + 1])) != 0 &&
		   tok_num(&t[j + 2], 4, 4, &year) && tok_time(&t[j + 3], &h, &mi, &s)) {
		j += 4;
	} else {
		return 0;
	}
	if (j < n && tok_zone(&t[j], &off))
		j++;
	if (j + 3 == n && tok_is(&t[j], "remote") && tok_is(&t[j + 1], "from"))
		j = n;
	if (j != n || year < 1000 || day < 1 || day > ct_days_in_month(year, mon))
		return 0;
	*out = ct_time_from_civil(year, mon, day, h, mi, s) - off;
	return 1;
}

/* The leftmost token at or after `first` where a date filling the rest of
 * the line starts, or -1. */
static int find_date(const tok *t, int n, int first, int64_t *out)
{
	for (int i = first; i < n; i++)
		if (date_from_tokens(t + i, n - i, out))
			return i;
	return -1;
}

int ct_archive_parse_from_line_date(const char *s, size_t len, int64_t *out)
{
	tok t[MAX_TOKENS];
	int n = tokenize(s, len, t, MAX_TOKENS);
	if (n <= 0)
		return CT_EINVALID;
	int first = tok_is(&t[0], "From") ? 1 : 0;
	if (find_date(t, n, first, out) < 0)
		return CT_EINVALID;
	return 0;
}

/* The address part is Mailman's obscured `user at domain`. */
static int is_pipermail_addr(const tok *t, int n)
{
	return n == 3 && tok_is(&t[1], "at") && !memchr(t[0].s, '@', t[0].n) &&
	       !memchr(t[2].s, '@', t[2].n) && memchr(t[2].s, '.', t[2].n) != NULL;
}

/* Does the line at p[0..m) start with a header field name and a colon?
 * FROM_MORE when the data ends before it can tell. */
static int header_like(const char *p, size_t m, int eof)
{
	size_t i = 0;
	while (i < m && i <= MAX_FIELD_NAME && p[i] > 32 && p[i] < 127 && p[i] != ':')
		i++;
	if (i == 0 && m > 0)
		return FROM_REJECT;
	while (i < m && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i == m)
		return (eof || i > MAX_FIELD_NAME + 64) ? FROM_REJECT : FROM_MORE;
	return p[i] == ':' && i > 0 ? FROM_VALID : FROM_REJECT;
}

/* A cheap first test (git's): some "d:dd" in the line. Most prose lines
 * starting with "From " fail here before any tokenizing. */
static int has_time(const char *p, size_t n)
{
	const char *end = p + n, *c = p + 1;
	while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
		if (end - c >= 3 && is_digit(c[-1]) && is_digit(c[1]) && is_digit(c[2]))
			return 1;
		c++;
	}
	return 0;
}

int archive_classify_from(const char *p, size_t avail, int eof, from_info *fi, const char **why)
{
	size_t look = avail < MAX_FROM_LINE + 1 ? avail : MAX_FROM_LINE + 1;
	const char *nl = memchr(p, '\n', look);
	if (!nl) {
		if (avail > MAX_FROM_LINE) {
			*why = "line too long";
			return FROM_REJECT;
		}
		if (!eof)
			return FROM_MORE;
		*why = "no header line follows";
		return FROM_REJECT;
	}
	size_t n = (size_t)(nl - p);
	fi->next = n + 1;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	fi->line_len = n;
	if (!has_time(p, n)) {
		*why = "no date with time and year";
		return FROM_REJECT;
	}
	tok t[MAX_TOKENS];
	int k = tokenize(p + 5, n - 5, t, MAX_TOKENS);
	int d = k > 0 ? find_date(t, k, 1, &fi->date) : -1;
	if (d < 0) {
		*why = "no date with time and year";
		return FROM_REJECT;
	}
	fi->pipermail = is_pipermail_addr(t, d);
	int h = header_like(p + fi->next, avail - fi->next, eof);
	if (h == FROM_REJECT)
		*why = "no header line follows";
	return h;
}

