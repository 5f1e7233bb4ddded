/* message_date: RFC 5322 dates, obsolete zones and the broken forms mailers
 * really write, to UTC seconds (message.h). */
#include "cabtally/message.h"

#include <string.h>

typedef struct zone_name {
	const char *name;
	int minutes;
} zone_name;

/* RFC 5322 4.3 obsolete zones first, then abbreviations seen in list mail.
 * Ambiguous ones (IST, AST for Arabia) are left out on purpose. */
static const zone_name zones[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
	{ "EST", -300 }, { "EDT", -240 }, { "CST", -360 }, { "CDT", -300 },
	{ "MST", -420 }, { "MDT", -360 }, { "PST", -480 }, { "PDT", -420 },
	{ "AKST", -540 }, { "AKDT", -480 }, { "HST", -600 }, { "ADT", -180 },
	{ "NST", -210 }, { "NDT", -150 },
	{ "WET", 0 }, { "WEST", 60 }, { "BST", 60 }, { "CET", 60 }, { "CEST", 120 },
	{ "MET", 60 }, { "MEST", 120 }, { "MEZ", 60 }, { "MESZ", 120 }, { "EET", 120 },
	{ "EEST", 180 }, { "MSK", 180 }, { "HKT", 480 }, { "SGT", 480 }, { "AWST", 480 },
	{ "JST", 540 }, { "KST", 540 }, { "ACST", 570 }, { "AEST", 600 }, { "AEDT", 660 },
	{ "NZST", 720 }, { "NZDT", 780 },
	{ NULL, 0 },
};

static const char *const weekdays[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun", NULL };

typedef struct date_parts {
	int year, month, day, hour, min, sec;
	int have_time, have_zone, have_iso_date;
	int zone;          /* minutes east of UTC */
	int nnums;
	int nums[4];
	int pm, am;
	unsigned flags;
} date_parts;

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Read up to `max` digits; returns how many were read. */
static int read_num(const char *s, int max, int *out)
{
	int n = 0, v = 0;
	while (n < max && is_digit(s[n]))
		v = v * 10 + (s[n++] - '0');
	*out = v;
	return n;
}

/* "+hhmm", "-hh:mm", "+hh" (the sign at s[0]). Returns bytes used, 0 if none. */
static int parse_offset(const char *s, date_parts *d)
{
	if (s[0] != '+' && s[0] != '-')
		return 0;
	int h, m = 0, n = read_num(s + 1, 4, &h);
	const char *p = s + 1 + n;
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 1 || n == 2) {
		if (*p == ':' && read_num(p + 1, 2, &m) == 2)
			p += 3;
		else if (*p == ':')
			return 0;
		d->flags |= CT_DATE_OBSOLETE;
	} else {
		return 0;
	}
	if (h > 23 || m > 59)
		return 0;
	d->zone = (h * 60 + m) * (s[0] == '-' ? -1 : 1);
	d->have_zone = 1;
	return (int)(p - s);
}

/* "hh:mm[:ss]" with 1- or 2-digit hours; returns bytes used, 0 if none. */
static int parse_time(const char *s, date_parts *d)
{
	int h, m, sec = 0;
	int n = read_num(s, 2, &h);
	if (n == 0 || s[n] != ':' || read_num(s + n + 1, 2, &m) != 2)
		return 0;
	const char *p = s + n + 3;
	if (*p == ':') {
		if (read_num(p + 1, 2, &sec) != 2)
			return 0;
		p += 3;
		if (*p == '.' || *p == ',') { /* fractions of a second */
			p++;
			while (is_digit(*p))
				p++;
		}
	} else {
		d->flags |= CT_DATE_OBSOLETE;
	}
	if (n == 1)
		d->flags |= CT_DATE_OBSOLETE;
	d->hour = h;
	d->min = m;
	d->sec = sec;
	d->have_time = 1;
	return (int)(p - s);
}

static int zone_from_name(const char *s, size_t len, int *minutes)
{
	for (size_t i = 0; zones[i].name; i++)
		if (strlen(zones[i].name) == len && ct_strncasecmp(s, zones[i].name, len) == 0) {
			*minutes = zones[i].minutes;
			return 1;
		}
	return 0;
}

static int is_weekday(const char *s, size_t len)
{
	if (len < 3)
		return 0;
	for (size_t i = 0; weekdays[i]; i++)
		if (ct_strncasecmp(s, weekdays[i], 3) == 0)
			return 1;
	return 0;
}

/* A word: weekday, month, zone name (maybe glued to an offset: "GMT+0100"),
 * AM/PM. Unknown words after the time are an unknown zone. */
static void parse_word(const char *s, size_t len, date_parts *d)
{
	size_t alen = 0;
	while (alen < len && is_alpha(s[alen]))
		alen++;
	int m, z;
	if (alen == 2 && (ct_strncasecmp(s, "am", 2) == 0 || ct_strncasecmp(s, "pm", 2) == 0)) {
		d->pm = ct_ascii_tolower((unsigned char)s[0]) == 'p';
		d->am = !d->pm;
		d->flags |= CT_DATE_OBSOLETE;
	} else if (!d->month && (m = ct_month_from_name(s, alen)) != 0) {
		d->month = m;
	} else if (is_weekday(s, alen)) {
		/* the weekday is optional and not checked, as RFC 5322 allows */
	} else if (d->have_time && !d->have_zone) {
		if (alen < len && parse_offset(s + alen, d)) {
			/* "GMT+0100": the offset is what counts */
		} else if (zone_from_name(s, alen, &z)) {
			d->zone = z;
			d->have_zone = 1;
			if (z != 0 || alen > 3)
				d->flags |= CT_DATE_OBSOLETE;
		} else {
			d->flags |= CT_DATE_ZONE_ASSUMED; /* military letters, unknown names */
			d->have_zone = 1;
		}
	}
}

/* "2017-03-02", optionally "T09:14:00Z" or "T09:14:00+01:00" glued on. */
static int parse_iso(const char *s, size_t len, date_parts *d)
{
	int y, mo, da;
	if (len < 10 || read_num(s, 4, &y) != 4 || s[4] != '-' || read_num(s + 5, 2, &mo) != 2 ||
	    s[7] != '-' || read_num(s + 8, 2, &da) != 2)
		return 0;
	d->year = y;
	d->month = mo;
	d->day = da;
	d->have_iso_date = 1;
	const char *p = s + 10, *end = s + len;
	if (p < end && (*p == 'T' || *p == 't')) {
		int n = parse_time(p + 1, d);
		if (!n)
			return 0;
		p += 1 + n;
		if (p < end && (*p == 'Z' || *p == 'z')) {
			d->have_zone = 1;
			p++;
		} else if (p < end) {
			p += parse_offset(p, d);
		}
	}
	return p == end;
}

/* "2-Mar-2017", "02-Mar-17": a day, a month name and a year joined by '-'. */
static int parse_dashed(const char *s, size_t len, date_parts *d)
{
	const char *a = memchr(s, '-', len);
	if (!a)
		return 0;
	const char *b = memchr(a + 1, '-', len - (size_t)(a + 1 - s));
	if (!b)
		return 0;
	int day, year, m = ct_month_from_name(a + 1, (size_t)(b - a - 1));
	int nd = read_num(s, 2, &day), ny = read_num(b + 1, 4, &year);
	if (!m || nd != a - s || ny != s + len - b - 1 || ny == 0)
		return 0;
	d->day = day;
	d->month = m;
	d->year = year;
	d->have_iso_date = 1;
	d->flags |= CT_DATE_OBSOLETE;
	return 1;
}

static int parse_token(const char *s, size_t len, date_parts *d)
{
	if (is_digit(s[0])) {
		if (parse_iso(s, len, d) || parse_dashed(s, len, d))
			return 0;
		int n = parse_time(s, d);
		if (n) {
			if ((size_t)n < len && !parse_offset(s + n, d))
				parse_word(s + n, len - (size_t)n, d);
			return 0;
		}
		int v;
		n = read_num(s, 4, &v);
		if ((size_t)n != len && !(s[n] == '.' && (size_t)n + 1 == len)) /* "2." */
			return CT_EINVALID;
		if (d->nnums == 4)
			return CT_EINVALID;
		d->nums[d->nnums++] = n == 4 ? v + 100000 : v; /* mark 4-digit years */
		return 0;
	}
	if ((s[0] == '+' || s[0] == '-') && is_digit(s[1])) {
		if (!d->have_zone && (size_t)parse_offset(s, d) == len)
			return 0;
		return d->have_zone ? 0 : CT_EINVALID;
	}
	if (is_alpha(s[0]))
		parse_word(s, len, d);
	return 0;
}

/* Copy without comments, commas as spaces. */
static void strip_comments(const char *s, char *buf, size_t size)
{
	size_t n = 0;
	int depth = 0;
	for (; *s && n + 1 < size; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')' && depth)
			depth--;
		else if (!depth)
			buf[n++] = *s == ',' ? ' ' : *s;
	}
	buf[n] = '\0';
}

static int assign_day_year(date_parts *d)
{
	if (d->have_iso_date)
		return d->nnums == 0 ? 0 : CT_EINVALID;
	if (d->nnums != 2 || !d->month)
		return CT_EINVALID;
	int a = d->nums[0], b = d->nums[1];
	/* "2017 Mar 2" puts the year first; otherwise the day comes first */
	if (a >= 100000 || (a > 31 && b <= 31)) {
		d->year = a;
		d->day = b;
	} else {
		d->day = a;
		d->year = b;
	}
	if (d->day >= 100000)
		return CT_EINVALID;
	if (d->year >= 100000) {
		d->year -= 100000;
	} else {
		d->flags |= CT_DATE_OBSOLETE;
		if (d->year < 50)
			d->year += 2000;
		else if (d->year < 1000)
			d->year += 1900;
	}
	return 0;
}

int ct_date_parse_rfc5322_ex(const char *s, int64_t *out, unsigned *flags)
{
	char buf[256];
	date_parts d;
	memset(&d, 0, sizeof(d));
	if (!s)
		return CT_EINVALID;
	strip_comments(s, buf, sizeof(buf));
	for (char *p = buf; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		size_t len = strcspn(p, " \t\r\n");
		if (len && parse_token(p, len, &d))
			return CT_EINVALID;
		p += len;
	}
	if (!d.have_time || assign_day_year(&d))
		return CT_EINVALID;
	if (d.pm && d.hour < 12)
		d.hour += 12;
	else if (d.am && d.hour == 12)
		d.hour = 0;
	if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > ct_days_in_month(d.year, d.month) ||
	    d.hour > 23 || d.min > 59 || d.sec > 60 || d.year < 1970 || d.year > 9999)
		return CT_EINVALID;
	if (!d.have_zone)
		d.flags |= CT_DATE_ZONE_ASSUMED;
	*out = ct_time_from_civil(d.year, d.month, d.day, d.hour, d.min, d.sec) -
	       (int64_t)d.zone * 60;
	if (flags)
		*flags = d.flags;
	return 0;
}

int ct_date_parse_rfc5322(const char *s, int64_t *out)
{
	return ct_date_parse_rfc5322_ex(s, out, NULL);
}
