/*
 * ballot_period: the voting period from an announcement's text. The rules
 * are in include/cabtally/ballot.h. The text is scanned once, left to right:
 * date/time expressions become candidates labelled with the phase (voting
 * or discussion) and role (start or end) that the words before them give;
 * then one start and one end are chosen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/ballot.h"

#define WEEK (7 * 86400)
#define ROLE_WINDOW 16   /* words between "start"/"end" and its date */
#define PHASE_WINDOW 60  /* words between "voting"/"discussion" and a date */
#define ROW_WINDOW 12    /* words between a table row label and its dates */
#define MAX_CANDS 256

enum zone_kind { Z_NONE, Z_FIXED, Z_US_EAST, Z_US_CENTRAL, Z_US_MOUNTAIN, Z_US_PACIFIC };
enum phase { P_NONE, P_VOTE, P_DISC };
enum role { R_NONE, R_START, R_END };

typedef struct zone {
	enum zone_kind kind;
	int offset;  /* minutes east of UTC, for Z_FIXED */
} zone;

typedef struct tod {
	int hour, min, sec;
	int midnight;  /* "midnight": 24:00 */
	zone z;
} tod;

typedef struct dt {
	int year, month, day;  /* year 0: not given; month 0: weekday only */
	int weekday;           /* 0..6 from Sunday, -1 when not given */
	int today;             /* "today at 19:00 UTC": the message's day */
	int has_time;
	tod t;
} dt;

typedef struct cand {
	enum phase phase;
	enum role role;
	int explicit_role;
	int extended;
	dt d;
	size_t pos;
} cand;

typedef struct scan {
	const char *b;  /* normalized copy, same length as the input */
	size_t n;
	long word;      /* running word count */
	enum phase phase;
	long phase_word;
	int phase_breaks;  /* blank lines since the phase word */
	enum role role;
	long role_word;
	int role_spent;  /* a date or time came after the role word */
	int row_count;   /* dates since the last phase word */
	int extended;
	tod defaults[3];
	int has_default[3];
	cand c[MAX_CANDS];
	int nc;
	long last_dt_word;
	int range_pending;
	long today_word;       /* "today" (a time may follow) */
	long now_word;         /* "has started" / "now": start = message date */
	size_t now_pos;
	long after_word;       /* "immediately thereafter" */
	size_t after_pos;
} scan;

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_digit(c) || is_alpha(c); }

static int ch(const scan *s, size_t i)
{
	return i < s->n ? (unsigned char)s->b[i] : 0;
}

static size_t skip_spaces(const scan *s, size_t i)
{
	while (ch(s, i) == ' ' || ch(s, i) == '\t' || ch(s, i) == '\n' || ch(s, i) == '\r')
		i++;
	return i;
}

static size_t word_end(const scan *s, size_t i)
{
	while (is_alpha(ch(s, i)))
		i++;
	return i;
}

/* The case-insensitive word `w` at i, ending at a non-letter: its end or 0. */
static size_t word_is(const scan *s, size_t i, const char *w)
{
	size_t n = strlen(w);
	if (i + n > s->n || ct_strncasecmp(s->b + i, w, n) != 0 || is_alpha(ch(s, i + n)))
		return 0;
	return i + n;
}

static size_t read_int(const scan *s, size_t i, int maxdigits, int *v, int *ndigits)
{
	int k = 0, x = 0;
	while (is_digit(ch(s, i + k)) && k < maxdigits + 1) {
		x = x * 10 + ch(s, i + k) - '0';
		k++;
	}
	if (k == 0 || k > maxdigits)
		return 0;
	*v = x;
	*ndigits = k;
	return i + k;
}

/* ---- zones ---- */

static const struct {
	const char *name;
	enum zone_kind kind;
	int offset;
} zone_words[] = {
	{ "UTC", Z_FIXED, 0 }, { "GMT", Z_FIXED, 0 }, { "UT", Z_FIXED, 0 },
	{ "PST", Z_FIXED, -480 }, { "PDT", Z_FIXED, -420 },
	{ "MST", Z_FIXED, -420 }, { "MDT", Z_FIXED, -360 },
	{ "CST", Z_FIXED, -360 }, { "CDT", Z_FIXED, -300 },
	{ "EST", Z_FIXED, -300 }, { "EDT", Z_FIXED, -240 },
	{ "CET", Z_FIXED, 60 }, { "CEST", Z_FIXED, 120 },
	{ "BST", Z_FIXED, 60 }, { "EET", Z_FIXED, 120 }, { "EEST", Z_FIXED, 180 },
	{ "JST", Z_FIXED, 540 },
	{ "Eastern", Z_US_EAST, 0 }, { "ET", Z_US_EAST, 0 },
	{ "Pacific", Z_US_PACIFIC, 0 }, { "PT", Z_US_PACIFIC, 0 },
	{ "Mountain", Z_US_MOUNTAIN, 0 }, { "Central", Z_US_CENTRAL, 0 },
};

/* "+0200", "-07:00", "+2" (the last only right after UTC/GMT). */
static size_t scan_offset(const scan *s, size_t i, int short_ok, int *minutes)
{
	int sign = ch(s, i) == '+' ? 1 : ch(s, i) == '-' ? -1 : 0;
	if (!sign)
		return 0;
	int h = 0, m = 0, nd = 0;
	size_t j = read_int(s, i + 1, 4, &h, &nd);
	if (!j)
		return 0;
	if (nd == 4) {
		m = h % 100;
		h /= 100;
	} else if (nd <= 2 && ch(s, j) == ':' && is_digit(ch(s, j + 1))) {
		int nd2 = 0;
		j = read_int(s, j + 1, 2, &m, &nd2);
		if (!j || nd2 != 2)
			return 0;
	} else if (!(short_ok && nd <= 2)) {
		return 0;
	}
	if (h > 14 || m > 59 || is_alnum(ch(s, j)))
		return 0;
	*minutes = sign * (h * 60 + m);
	return j;
}

/* A zone at i (after optional blanks or an opening parenthesis). `glued`
 * allows "Z" right after the time. Returns its end or 0. */
static size_t scan_zone(const scan *s, size_t i, int glued, zone *z)
{
	if (glued && (ch(s, i) == 'Z') && !is_alnum(ch(s, i + 1))) {
		z->kind = Z_FIXED;
		z->offset = 0;
		return i + 1;
	}
	size_t j = i;
	while (ch(s, j) == ' ')
		j++;
	int paren = ch(s, j) == '(';
	if (paren)
		j++;
	int off;
	size_t e = scan_offset(s, j, 0, &off);
	if (e) {
		z->kind = Z_FIXED;
		z->offset = off;
		goto close;
	}
	size_t k = word_is(s, j, "US");
	if (k && ch(s, k) == ' ')
		j = k + 1;
	for (size_t w = 0; w < sizeof(zone_words) / sizeof(zone_words[0]); w++) {
		size_t n = strlen(zone_words[w].name);
		if (j + n > s->n || is_alpha(ch(s, j + n)))
			continue;
		/* abbreviations must be upper case ("et" and "ut" are words) */
		int match = n > 4 ? ct_strncasecmp(s->b + j, zone_words[w].name, n) == 0
				  : strncmp(s->b + j, zone_words[w].name, n) == 0;
		if (!match)
			continue;
		e = j + n;
		z->kind = zone_words[w].kind;
		z->offset = zone_words[w].offset;
		if (z->kind == Z_FIXED && (ch(s, e) == '+' || ch(s, e) == '-') &&
		    zone_words[w].offset == 0) {
			size_t e2 = scan_offset(s, e, 1, &off);
			if (e2) {
				z->offset = off;
				e = e2;
			}
		}
		size_t t = word_is(s, e + (ch(s, e) == ' '), "time");
		if (t)
			e = t;
		goto close;
	}
	return 0;
close:
	if (paren) {
		if (ch(s, e) != ')')
			return 0;
		e++;
	}
	return e;
}

/* ---- times ---- */

static size_t scan_ampm(const scan *s, size_t i, int *pm)
{
	size_t j = i;
	if (ch(s, j) == ' ')
		j++;
	int c = ct_ascii_tolower(ch(s, j));
	if (c != 'a' && c != 'p')
		return 0;
	size_t k = j + 1;
	if (ch(s, k) == '.')
		k++;
	if (ct_ascii_tolower(ch(s, k)) != 'm')
		return 0;
	k++;
	if (ch(s, k) == '.')
		k++;
	if (is_alpha(ch(s, k)))
		return 0;
	*pm = c == 'p';
	return k;
}

/* A time of day at i, with its zone when one follows. Returns its end or 0. */
static size_t scan_time(const scan *s, size_t i, tod *t)
{
	memset(t, 0, sizeof(*t));
	size_t e;
	if ((e = word_is(s, i, "noon"))) {
		t->hour = 12;
	} else if ((e = word_is(s, i, "midnight"))) {
		t->midnight = 1;
	} else {
		int h, m = 0, sec = 0, nd, nd2;
		size_t j = read_int(s, i, 4, &h, &nd);
		if (!j)
			return 0;
		int pm = -1;
		if (nd <= 2 && ch(s, j) == ':' && is_digit(ch(s, j + 1))) {
			j = read_int(s, j + 1, 2, &m, &nd2);
			if (!j || nd2 != 2)
				return 0;
			if (ch(s, j) == ':' && is_digit(ch(s, j + 1))) {
				j = read_int(s, j + 1, 2, &sec, &nd2);
				if (!j || nd2 != 2)
					return 0;
			}
			size_t a = scan_ampm(s, j, &pm);
			if (a)
				j = a;
		} else if (nd == 4) {
			/* "2200 UTC": a bare HHMM only counts with a zone after it */
			m = h % 100;
			h /= 100;
			zone z;
			size_t hrs = word_is(s, j + (ch(s, j) == ' '), "hrs");
			if (!hrs && !scan_zone(s, j, 0, &z))
				return 0;
			if (hrs)
				j = hrs;
		} else if (nd <= 2) {
			size_t a = scan_ampm(s, j, &pm);
			if (!a)
				return 0;
			j = a;
		} else {
			return 0;
		}
		if (is_digit(ch(s, j)))
			return 0;
		if (pm >= 0) {
			if (h < 1 || h > 12)
				return 0;
			h = h % 12 + (pm ? 12 : 0);
		}
		if (h > 23 || m > 59 || sec > 59)
			return 0;
		t->hour = h;
		t->min = m;
		t->sec = sec;
		e = j;
	}
	size_t z = scan_zone(s, e, 1, &t->z);
	return z ? z : e;
}

/* ---- dates ---- */

static int weekday_from_word(const char *w, size_t n)
{
	static const char *days[] = { "sunday", "monday", "tuesday", "wednesday",
				      "thursday", "friday", "saturday" };
	for (int d = 0; d < 7; d++) {
		size_t full = strlen(days[d]);
		if ((n == full || n == 3 || (n == 4 && (d == 2 || d == 4))) && n <= full &&
		    ct_strncasecmp(w, days[d], n) == 0)
			return d;
	}
	return -1;
}

/* A month name at i ("November", "Nov", "Nov.", "Sept."). Returns end or 0. */
static size_t scan_month(const scan *s, size_t i, int *month, int *capital)
{
	size_t e = word_end(s, i);
	int m = ct_month_from_name(s->b + i, e - i);
	if (!m)
		return 0;
	*month = m;
	*capital = ch(s, i) >= 'A' && ch(s, i) <= 'Z';
	if (ch(s, e) == '.')
		e++;
	return e;
}

static size_t skip_ordinal(const scan *s, size_t i)
{
	static const char *suf[] = { "st", "nd", "rd", "th" };
	for (int k = 0; k < 4; k++)
		if (word_is(s, i, suf[k]))
			return i + 2;
	return i;
}

static size_t scan_year(const scan *s, size_t i, int *year)
{
	int y, nd;
	size_t e = read_int(s, i, 4, &y, &nd);
	if (!e || nd != 4 || y < 1990 || y > 2099 || ch(s, e) == ':' || is_alnum(ch(s, e)))
		return 0;
	*year = y;
	return e;
}

/* "16-11-2023", "16.11.2023" (day first, as in Europe) and "11/16/2023"
 * (month first, as in the US, unless the first number cannot be a month). */
static size_t scan_numeric_date(const scan *s, size_t e, int first, dt *d)
{
	int sep = ch(s, e), second, nd, y;
	size_t e2 = read_int(s, e + 1, 2, &second, &nd);
	if (!e2 || ch(s, e2) != sep)
		return 0;
	size_t e3 = scan_year(s, e2 + 1, &y);
	if (!e3)
		return 0;
	int day = first, month = second;
	if (sep == '/' && first <= 12 && second > 0) {
		day = second;
		month = first;
	}
	d->year = y;
	d->month = month;
	d->day = day;
	return e3;
}

/* Dates: ISO, day-first, month-first, each with an optional weekday before
 * it; a weekday alone is returned with month 0. Returns end or 0. */
static size_t scan_date(const scan *s, size_t i, dt *d)
{
	memset(d, 0, sizeof(*d));
	d->weekday = -1;
	size_t j = i;
	if (is_alpha(ch(s, j))) {
		size_t e = word_end(s, j);
		int wd = weekday_from_word(s->b + j, e - j);
		if (wd >= 0) {
			d->weekday = wd;
			if (ch(s, e) == '.')
				e++;
			size_t k = e;
			if (ch(s, k) == ',')
				k++;
			k = skip_spaces(s, k);
			size_t r = word_is(s, k, "the");
			if (r)
				k = skip_spaces(s, r);
			dt full;
			size_t fe = scan_date(s, k, &full);
			if (fe && full.month) {
				full.weekday = wd;
				*d = full;
				return fe;
			}
			return e;
		}
	}
	int a, nd;
	size_t e = read_int(s, j, 4, &a, &nd);
	if (e && nd == 4) {
		int sep = ch(s, e);
		int m, dd, nd2, nd3;
		int cap;
		size_t k = e;
		while (ch(s, k) == ' ')
			k++;
		size_t me0 = k > e ? scan_month(s, k, &m, &cap) : 0;
		if (me0 && ch(s, me0) == ' ' && read_int(s, me0 + 1, 2, &dd, &nd3) &&
		    !is_digit(ch(s, me0 + 1 + nd3))) {
			/* 2025 Jan 23 */
			d->year = a;
			d->month = m;
			d->day = dd;
			return me0 + 1 + nd3;
		}
		if (sep != '-' && sep != '/')
			return 0;
		size_t me = scan_month(s, e + 1, &m, &cap);
		if (me && ch(s, me) == sep && read_int(s, me + 1, 2, &dd, &nd3) &&
		    !is_digit(ch(s, me + 1 + nd3))) {
			/* 2024-April-23 */
			d->year = a;
			d->month = m;
			d->day = dd;
			return me + 1 + nd3;
		}
		size_t e2 = read_int(s, e + 1, 2, &m, &nd2);
		if (!e2 || ch(s, e2) != sep)
			return 0;
		size_t e3 = read_int(s, e2 + 1, 2, &dd, &nd3);
		if (!e3 || is_digit(ch(s, e3)))
			return 0;
		d->year = a;
		d->month = m;
		d->day = dd;
		return e3;
	}
	int cap;
	if (e && nd <= 2 && (ch(s, e) == '-' || ch(s, e) == '/' || ch(s, e) == '.') &&
	    is_digit(ch(s, e + 1)))
		return scan_numeric_date(s, e, a, d);
	if (e && nd <= 2) {
		/* 7 November 2019, 07-November 2019, 7-Nov-2019, 22nd August, 23 Feb. 2017 */
		size_t k = skip_ordinal(s, e);
		int dashed = 0;
		while (ch(s, k) == ' ' || ch(s, k) == '-' || ch(s, k) == '.') {
			dashed |= ch(s, k) == '-';
			k++;
		}
		size_t me = scan_month(s, k, &d->month, &cap);
		if (!me)
			return 0;
		d->day = a;
		size_t y = me;
		while (ch(s, y) == ' ' || ch(s, y) == ',' || ch(s, y) == '-')
			y++;
		size_t ye = scan_year(s, y, &d->year);
		if (ye)
			return ye;
		/* without a year, "7 may" is more likely a verb than a month */
		if (!cap && !dashed)
			return 0;
		return me;
	}
	if (is_alpha(ch(s, j))) {
		/* November 7, 2019; Nov. 7 2019; October 2 2014; May 4 */
		size_t me = scan_month(s, j, &d->month, &cap);
		if (!me || !cap)
			return 0;
		size_t k = me;
		while (ch(s, k) == ' ' || ch(s, k) == '-')
			k++;
		size_t de = read_int(s, k, 2, &d->day, &nd);
		if (!de || ch(s, de) == ':' || is_digit(ch(s, de)))
			return 0;
		de = skip_ordinal(s, de);
		if (is_alpha(ch(s, de)))
			return 0;
		size_t y = de;
		if (ch(s, y) == ',')
			y++;
		y = skip_spaces(s, y);
		size_t ye = scan_year(s, y, &d->year);
		return ye ? ye : de;
	}
	return 0;
}

/* A date with its time in either order: "2200 UTC on Monday, 21 October
 * 2013", "October 9, 2017 22:00 UTC", "2019-11-07T03:00:00Z",
 * "Monday, 13 August 2018 at 0900 UTC". Returns end or 0; *is_time_only is
 * set when only a time was found ("(22:00 UTC)" in a table header). */
static size_t scan_datetime(const scan *s, size_t i, dt *d, int *is_time_only)
{
	*is_time_only = 0;
	tod t;
	size_t te = scan_time(s, i, &t);
	if (te) {
		size_t k = skip_spaces(s, te);
		if (ch(s, k) == ',')
			k = skip_spaces(s, k + 1);
		size_t on = word_is(s, k, "on");
		if (on)
			k = skip_spaces(s, on);
		size_t r = word_is(s, k, "the");
		if (r)
			k = skip_spaces(s, r);
		size_t de = scan_date(s, k, d);
		if (!de) {
			memset(d, 0, sizeof(*d));
			d->weekday = -1;
			d->has_time = 1;
			d->t = t;
			*is_time_only = 1;
			return te;
		}
		d->has_time = 1;
		d->t = t;
		if (t.z.kind == Z_NONE) {
			size_t ze = scan_zone(s, de, 0, &d->t.z);
			if (ze)
				de = ze;
		}
		return de;
	}
	size_t de = scan_date(s, i, d);
	if (!de)
		return 0;
	size_t k = de;
	if (ch(s, k) == 'T' && is_digit(ch(s, k + 1))) {
		k++;
	} else {
		k = skip_spaces(s, k);
		if (ch(s, k) == ',')
			k = skip_spaces(s, k + 1);
		size_t at = word_is(s, k, "at");
		if (at)
			k = skip_spaces(s, at);
		else if (ch(s, k) == '@')
			k = skip_spaces(s, k + 1);
	}
	te = scan_time(s, k, &t);
	if (te) {
		d->has_time = 1;
		d->t = t;
		return te;
	}
	if (d->month == 0)
		return 0; /* a weekday without a time is just a word */
	size_t ze = scan_zone(s, de, 0, &d->t.z);
	return ze ? ze : de;
}

/* ---- keywords ---- */

static const char *const start_words[] = {
	"start", "starts", "started", "starting", "begin", "begins", "began", "beginning",
	"begun", "commence", "commences", "commenced", "commencing", "open", "opens",
	"opened", "opening", NULL,
};
static const char *const end_words[] = {
	"end", "ends", "ended", "ending", "close", "closes", "closed", "closing",
	"conclude", "concludes", "concluded", "concluding", "until", "till", "through",
	"deadline", NULL,
};
static const char *const now_words[] = { "now", "today", "started", "begun", "opened", NULL };

/* `lit` is exactly the n letters at w, ignoring case. Every word of every
 * text meets these tests, so they look at the first letter before anything
 * else and never measure `lit`: a shorter `lit` ends in a NUL that no
 * letter of w equals. */
static int word_eq(const char *w, size_t n, const char *lit)
{
	return n && ct_ascii_tolower((unsigned char)w[0]) == (unsigned char)lit[0] &&
	       ct_strncasecmp(w, lit, n) == 0 && lit[n] == '\0';
}

static int in_list(const char *const *list, const char *w, size_t n)
{
	for (size_t k = 0; list[k]; k++)
		if (word_eq(w, n, list[k]))
			return 1;
	return 0;
}

static void set_phase(scan *s, enum phase p)
{
	/* "Start of Voting Period": a role word just before the phase word stays */
	if (!(s->role != R_NONE && !s->role_spent && s->word - s->role_word <= 3))
		s->role = R_NONE;
	s->phase = p;
	s->phase_word = s->word;
	s->phase_breaks = 0;
	s->row_count = 0;
	s->extended = 0;
}

static void keyword(scan *s, size_t i, size_t e)
{
	const char *w = s->b + i;
	size_t n = e - i;
	if (word_eq(w, n, "today"))
		s->today_word = s->word;
	/* words inside a path or a slug ("/2014-10-16-ballot-137-voting-process/") */
	int before = i > 0 ? ch(s, i - 1) : ' ', after = ch(s, e);
	if ((before == '-' || before == '/') && (after == '-' || after == '/'))
		return;
	size_t next = skip_spaces(s, e);
	if (word_eq(w, n, "vote") || word_eq(w, n, "votes") || word_eq(w, n, "voting")) {
		set_phase(s, P_VOTE);
	} else if (word_eq(w, n, "discussion") || word_eq(w, n, "review") ||
		   (word_eq(w, n, "comment") && word_is(s, next, "period"))) {
		set_phase(s, P_DISC);
	} else if (word_eq(w, n, "ballot") && word_is(s, next, "period")) {
		set_phase(s, P_VOTE);
	} else if (word_eq(w, n, "extended")) {
		s->extended = 1;
		s->role = R_END;
		s->role_word = s->word;
		s->role_spent = 0;
	}
	if (s->phase == P_VOTE && s->word - s->phase_word <= ROLE_WINDOW) {
		if (word_eq(w, n, "thereafter")) {
			s->after_word = s->word;
			s->after_pos = i;
		} else if (word_eq(w, n, "immediately") && !word_is(s, next, "thereafter")) {
			s->now_word = s->word;
			s->now_pos = i;
		} else if (in_list(now_words, w, n) && s->role == R_START &&
			   s->word - s->role_word <= 3) {
			s->now_word = s->word;
			s->now_pos = i;
		}
	}
	/* "audit periods which start before 1 November" states no period */
	if ((in_list(start_words, w, n) || in_list(end_words, w, n)) &&
	    (word_is(s, next, "before") || word_is(s, next, "after") || word_is(s, next, "prior")))
		return;
	if (in_list(start_words, w, n)) {
		s->role = R_START;
		s->role_word = s->word;
		s->role_spent = 0;
		if (in_list(now_words, w, n) && s->phase == P_VOTE &&
		    s->word - s->phase_word <= ROLE_WINDOW) {
			/* "voting has started": mark now, a later date may still win */
			s->now_word = s->word;
			s->now_pos = i;
		}
	} else if (in_list(end_words, w, n)) {
		s->role = R_END;
		s->role_word = s->word;
		s->role_spent = 0;
	} else if (s->word == s->last_dt_word + 1 &&
		   (word_eq(w, n, "to") || word_eq(w, n, "and"))) {
		s->range_pending = 1;
	}
}

static void add_time_default(scan *s, const tod *t)
{
	if (t->z.kind == Z_NONE)
		return;
	enum role r = (s->role != R_NONE && s->word - s->role_word <= 4) ? s->role : R_NONE;
	if (r == R_NONE || !s->has_default[r]) {
		if (r != R_NONE) {
			s->defaults[r] = *t;
			s->has_default[r] = 1;
		}
		for (int k = R_START; k <= R_END; k++) {
			if (!s->has_default[k]) {
				s->defaults[k] = *t;
				s->has_default[k] = 1;
			}
		}
	}
}

static void add_candidate(scan *s, const dt *d, size_t pos)
{
	if (s->nc >= MAX_CANDS)
		return;
	cand *c = &s->c[s->nc];
	memset(c, 0, sizeof(*c));
	c->d = *d;
	c->pos = pos;
	c->phase = s->word - s->phase_word <= PHASE_WINDOW && s->phase_breaks <= 2 ? s->phase
										     : P_NONE;
	long role_window = ROLE_WINDOW;
	if (s->range_pending && s->word - s->last_dt_word <= 2 && s->nc > 0) {
		cand *prev = &s->c[s->nc - 1];
		if (!prev->explicit_role || prev->role == R_START) {
			prev->role = R_START;
			c->role = R_END;
			c->explicit_role = 1;
			c->phase = prev->phase;
		}
	}
	if (c->role == R_NONE && s->role != R_NONE && s->word - s->role_word <= role_window &&
	    s->role_word >= s->phase_word - 3) {
		c->role = s->role;
		c->explicit_role = 1;
	}
	if (c->role == R_NONE && c->phase != P_NONE &&
	    s->word - s->phase_word <= ROW_WINDOW && s->row_count < 2)
		c->role = s->row_count == 0 ? R_START : R_END;
	c->extended = s->extended && c->role == R_END;
	s->row_count++;
	s->role_spent = 1;
	s->range_pending = 0;
	s->last_dt_word = s->word;
	s->nc++;
}

/* A '.' that ends a sentence ("... 2014. Unless", but not "Feb. 2017" or
 * "a.m. UTC") ends the reach of "start"/"end" words too. */
static void sentence_end(scan *s, size_t i)
{
	size_t w = i;
	while (w > 0 && is_alpha(ch(s, w - 1)))
		w--;
	if (i - w < 4 && !(i > 0 && is_digit(ch(s, i - 1))))
		return;
	size_t k = i + 1;
	if (ch(s, k) != ' ' && ch(s, k) != '\n')
		return;
	k = skip_spaces(s, k);
	if (ch(s, k) >= 'A' && ch(s, k) <= 'Z')
		s->role = R_NONE;
}

static int blank_line_follows(const scan *s, size_t i)
{
	while (ch(s, i) == ' ' || ch(s, i) == '\r')
		i++;
	return ch(s, i) == '\n';
}

static void run_scan(scan *s)
{
	size_t i = 0;
	while (i < s->n) {
		int c = ch(s, i);
		if (!is_alnum(c) || (i > 0 && is_alnum(ch(s, i - 1)))) {
			if (c == '-' && s->word == s->last_dt_word)
				s->range_pending = 1;
			else if (c == '.')
				sentence_end(s, i);
			else if (c == '\n' && blank_line_follows(s, i + 1))
				s->phase_breaks++;
			i++;
			continue;
		}
		dt d;
		int time_only;
		size_t e = scan_datetime(s, i, &d, &time_only);
		if (e) {
			s->word++;
			if (time_only && s->today_word >= s->word - 2) {
				d.today = 1;
				add_candidate(s, &d, i);
			} else if (time_only) {
				add_time_default(s, &d.t);
			} else {
				add_candidate(s, &d, i);
			}
			s->role_spent = 1;
			s->last_dt_word = s->word;
			i = e;
			continue;
		}
		e = is_alpha(c) ? word_end(s, i) : i;
		while (e < s->n && is_alnum(ch(s, e)))
			e++;
		s->word++;
		if (is_alpha(c))
			keyword(s, i, word_end(s, i));
		i = e;
	}
}

/* ---- resolution to UTC ---- */

static int weekday_of(int64_t t)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	return (int)(((days + 4) % 7 + 7) % 7);
}

/* Day of month of the n-th (n>0) or last (n<0) weekday `wd` in a month. */
static int nth_weekday(int year, int month, int wd, int n)
{
	if (n > 0) {
		int first = weekday_of(ct_time_from_civil(year, month, 1, 0, 0, 0));
		return 1 + (wd - first + 7) % 7 + 7 * (n - 1);
	}
	int last = ct_days_in_month(year, month);
	int lw = weekday_of(ct_time_from_civil(year, month, last, 0, 0, 0));
	return last - (lw - wd + 7) % 7;
}

/* US daylight saving time at a local wall-clock time (2007 rules, and
 * the 1987-2006 rules before). */
static int us_dst(int y, int m, int d, int h)
{
	int sm, sd, em, ed;
	if (y >= 2007) {
		sm = 3; sd = nth_weekday(y, 3, 0, 2);
		em = 11; ed = nth_weekday(y, 11, 0, 1);
	} else {
		sm = 4; sd = nth_weekday(y, 4, 0, 1);
		em = 10; ed = nth_weekday(y, 10, 0, -1);
	}
	int v = m * 10000 + d * 100 + h, a = sm * 10000 + sd * 100 + 2, b = em * 10000 + ed * 100 + 2;
	return v >= a && v < b;
}

static int zone_offset(const zone *z, int y, int m, int d, int h, int *assumed)
{
	static const int std[] = { [Z_US_EAST] = -300, [Z_US_CENTRAL] = -360,
				   [Z_US_MOUNTAIN] = -420, [Z_US_PACIFIC] = -480 };
	switch (z->kind) {
	case Z_NONE:
		*assumed = 1;
		return 0;
	case Z_FIXED:
		return z->offset;
	default:
		return std[z->kind] + (us_dst(y, m, d, h) ? 60 : 0);
	}
}

static int valid_ymd(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= ct_days_in_month(y, m);
}

/* The candidate as UTC seconds. Returns 0, or -1 with `why` set. */
static int resolve(const scan *s, const cand *c, int64_t hint, int64_t *out,
		   unsigned *flags, const char **why)
{
	dt d = c->d;
	if (d.today) {
		if (hint == CT_NO_DATE) {
			*why = "\"today\" needs the message date";
			return -1;
		}
		int hh, mi, ss;
		ct_time_to_civil(hint, &d.year, &d.month, &d.day, &hh, &mi, &ss);
	} else if (d.month == 0) {
		if (d.weekday < 0 || d.weekday > 6) {
			/* a numeric date with month 0 ("0/6/2023"): no weekday to seek */
			*why = "an impossible date";
			return -1;
		}
		if (hint == CT_NO_DATE) {
			*why = "a weekday without a date needs the message date";
			return -1;
		}
		int64_t day = hint - (((hint % 86400) + 86400) % 86400);
		while (weekday_of(day) != d.weekday)
			day += 86400;
		int hh, mi, ss;
		ct_time_to_civil(day, &d.year, &d.month, &d.day, &hh, &mi, &ss);
		*flags |= CT_PERIOD_YEAR_FROM_HINT;
	} else if (d.year == 0) {
		if (hint == CT_NO_DATE) {
			*why = "a date without a year needs the message date";
			return -1;
		}
		int hy, hm, hd, hh, mi, ss;
		ct_time_to_civil(hint, &hy, &hm, &hd, &hh, &mi, &ss);
		int64_t best = 0;
		int besty = hy, have = 0;
		for (int y = hy - 1; y <= hy + 1; y++) {
			if (!valid_ymd(y, d.month, d.day))
				continue;
			int64_t diff = ct_time_from_civil(y, d.month, d.day, 0, 0, 0) - hint;
			if (diff < 0)
				diff = -diff;
			if (!have || diff < best) {
				have = 1;
				best = diff;
				besty = y;
			}
		}
		d.year = besty;
		*flags |= CT_PERIOD_YEAR_FROM_HINT;
	}
	if (!valid_ymd(d.year, d.month, d.day)) {
		*why = "an impossible date";
		return -1;
	}
	tod t = d.t;
	if (!d.has_time) {
		if (c->role != R_NONE && s->has_default[c->role]) {
			t = s->defaults[c->role];
		} else {
			/* "commence at 2300 UTC on 30 December and will close on
			 * 6 January": the statement's own time is the best guess */
			memset(&t, 0, sizeof(t));
			for (const cand *p = c - 1; p >= s->c && c->pos - p->pos < 400; p--) {
				if (p->d.has_time && p->phase != P_NONE) {
					t = p->d.t;
					break;
				}
			}
			*flags |= CT_PERIOD_TIME_ASSUMED;
		}
	}
	int assumed = 0;
	int off = zone_offset(&t.z, d.year, d.month, d.day, t.midnight ? 24 : t.hour, &assumed);
	if (assumed)
		*flags |= CT_PERIOD_ZONE_ASSUMED;
	int64_t local = ct_time_from_civil(d.year, d.month, d.day, t.midnight ? 24 : t.hour,
					   t.min, t.sec);
	*out = local - (int64_t)off * 60;
	return 0;
}

/* ---- choosing the period ---- */

static void evidence_line(const char *orig, size_t n, size_t pos, char *out, size_t cap)
{
	size_t a = pos, b = pos;
	while (a > 0 && orig[a - 1] != '\n')
		a--;
	while (b < n && orig[b] != '\n')
		b++;
	while (a < b && (orig[a] == '>' || orig[a] == ' ' || orig[a] == '\t'))
		a++;
	while (b > a && (orig[b - 1] == ' ' || orig[b - 1] == '\r' || orig[b - 1] == '\t'))
		b--;
	size_t len = b - a;
	if (len >= cap)
		len = cap - 1;
	/* do not cut a UTF-8 sequence in half */
	while (len > 0 && len < b - a && ((unsigned char)orig[a + len] & 0xC0) == 0x80)
		len--;
	memcpy(out, orig + a, len);
	out[len] = '\0';
}

static int line_is_quoted(const char *orig, size_t n, size_t pos)
{
	size_t a = pos;
	while (a > 0 && orig[a - 1] != '\n')
		a--;
	while (a < n && (orig[a] == ' ' || orig[a] == '\t'))
		a++;
	return a < n && orig[a] == '>';
}

static int not_found(ct_period *out, ct_error *err, const char *why)
{
	snprintf(out->reason, sizeof(out->reason), "%s", why);
	return ct_error_set(err, CT_ENOTFOUND, "no voting period: %s", why);
}

/* Blank out quoted lines (or just their markers), table pipes, markup. */
static char *normalize(const char *text, size_t len, unsigned opts)
{
	char *b = ct_malloc(len + 1);
	memcpy(b, text, len);
	b[len] = '\0';
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && b[e] != '\n')
			e++;
		size_t k = i;
		while (k < e && (b[k] == ' ' || b[k] == '\t'))
			k++;
		if (k < e && b[k] == '>') {
			if (opts & CT_PERIOD_READ_QUOTED) {
				while (k < e && (b[k] == '>' || b[k] == ' '))
					b[k++] = ' ';
			} else {
				memset(b + i, ' ', e - i);
			}
		}
		for (size_t j = i; j < e; j++) {
			unsigned char c = (unsigned char)b[j];
			if (c == '|' || c == '*' || c == '`' || c == '\t' || c == '\r')
				b[j] = ' ';
			else if (c == 0xC2 && j + 1 < e && (unsigned char)b[j + 1] == 0xA0)
				b[j] = b[j + 1] = ' ';
			else if (c == 0xE2 && j + 2 < e && (unsigned char)b[j + 1] == 0x80 &&
				 ((unsigned char)b[j + 2] == 0x93 || (unsigned char)b[j + 2] == 0x94)) {
				b[j] = ' ';
				b[j + 1] = '-';
				b[j + 2] = ' ';
			}
		}
		i = e + 1;
	}
	return b;
}

/* A candidate whose time of day is known (written, or from a column header). */
static int timed(const scan *s, const cand *c)
{
	return c->d.has_time || (c->role != R_NONE && s->has_default[c->role]);
}

/* The first candidate with `role`, searched in order of trust: voting phase
 * with a time, voting phase, no phase with a time, no phase. Only candidates
 * after index `from` and later than `after` (when after_set) qualify.
 * Returns its index and fills *t and *fl, or -1. */
static int pick(const scan *s, enum role role, int from, int after_set, int64_t after,
		int64_t hint, int64_t *t, unsigned *fl, const char **why, int *too_early)
{
	for (int pass = 0; pass < 4; pass++) {
		enum phase want = pass < 2 ? P_VOTE : P_NONE;
		int need_time = pass % 2 == 0;
		for (int k = from + 1; k < s->nc; k++) {
			const cand *c = &s->c[k];
			unsigned f = 0;
			if (c->phase != want || c->role != role || (need_time && !timed(s, c)))
				continue;
			if (resolve(s, c, hint, t, &f, why) != 0)
				continue;
			if (after_set && *t <= after) {
				*too_early = 1;
				continue;
			}
			*fl |= f;
			return k;
		}
	}
	return -1;
}

static int choose(const scan *s, const char *text, size_t len, int64_t hint,
		  ct_period *out, ct_error *err)
{
	const char *why = NULL;
	int64_t st = 0, en = 0;
	unsigned fl = 0;
	int too_early = 0, have_start = 1;
	size_t start_pos = 0;
	memset(out, 0, sizeof(*out));

	/* the start: written out; else the end of the discussion for
	 * "immediately thereafter"; else the message date for "has started" */
	int si = pick(s, R_START, -1, 0, 0, hint, &st, &fl, &why, &too_early);
	if (si >= 0) {
		start_pos = s->c[si].pos;
	} else if (s->after_word > 0) {
		int de = -1;
		for (int k = 0; k < s->nc; k++)
			if (s->c[k].phase == P_DISC && s->c[k].role == R_END &&
			    s->c[k].pos < s->after_pos)
				de = k;
		if (de < 0 || resolve(s, &s->c[de], hint, &st, &fl, &why) != 0)
			have_start = 0;
		start_pos = s->after_pos;
	} else if (s->now_word > 0) {
		if (hint == CT_NO_DATE)
			return not_found(out, err, "voting starts when the message is sent, but its date is unknown");
		st = hint;
		fl |= CT_PERIOD_START_IS_DATE;
		start_pos = s->now_pos;
	} else {
		have_start = 0;
	}

	int ei = pick(s, R_END, si, have_start, st, hint, &en, &fl, &why, &too_early);
	if (!have_start && ei < 0)
		return not_found(out, err, why ? why : "no voting start or end date in the text");
	if (ei < 0 && too_early)
		return not_found(out, err, "the voting end is not after its start");
	int64_t first_end = en;
	/* "the voting period has been extended to ..." replaces the end */
	for (int k = ei + 1; ei >= 0 && k < s->nc; k++) {
		const cand *c = &s->c[k];
		int64_t t;
		unsigned f2 = 0;
		if (c->extended && resolve(s, c, hint, &t, &f2, &why) == 0 && t > en) {
			ei = k;
			en = t;
			fl |= f2 | CT_PERIOD_EXTENDED;
		}
	}
	if (ei < 0) {
		en = st + WEEK;
		fl |= CT_PERIOD_END_DERIVED;
	} else {
		evidence_line(text, len, s->c[ei].pos, out->end_evidence, sizeof(out->end_evidence));
	}
	if (!have_start) {
		st = first_end - WEEK;
		fl |= CT_PERIOD_START_DERIVED;
	} else {
		evidence_line(text, len, start_pos, out->start_evidence, sizeof(out->start_evidence));
	}
	if ((have_start && line_is_quoted(text, len, start_pos)) ||
	    (ei >= 0 && line_is_quoted(text, len, s->c[ei].pos)))
		fl |= CT_PERIOD_FROM_QUOTED;
	out->start = st;
	out->end = en;
	out->flags = fl;
	if (en <= st)
		return not_found(out, err, "the voting end is not after its start");
	if (en - st < 86400 || en - st > 30 * 86400) {
		char msg[96];
		snprintf(msg, sizeof(msg), "a voting period of %.1f days is not plausible",
			 (double)(en - st) / 86400.0);
		return not_found(out, err, msg);
	}
	return 0;
}

int ct_ballot_period_parse_opts(ct_period *out, const char *text, size_t len,
				int64_t hint_date, unsigned opts, ct_error *err)
{
	scan *s = ct_calloc(1, sizeof(*s));
	s->b = normalize(text, len, opts);
	s->n = len;
	s->phase_word = s->role_word = -1000;
	s->last_dt_word = -1000;
	s->today_word = -1000;
	run_scan(s);
	int rc = choose(s, text, len, hint_date, out, err);
	free((char *)s->b);
	free(s);
	return rc;
}

int ct_ballot_period_parse(ct_period *out, const char *text, size_t len,
			   int64_t hint_date, ct_error *err)
{
	return ct_ballot_period_parse_opts(out, text, len, hint_date, 0, err);
}

int ct_period_contains(const ct_period *p, int64_t t)
{
	return t >= p->start && t < p->end;
}

void ct_period_flags_format(unsigned flags, char *out, size_t n)
{
	static const char *names[] = { "end-derived", "start-derived", "start-is-message-date",
		"zone-assumed", "time-assumed", "year-from-message-date", "from-quoted",
		"extended" };
	size_t used = 0;
	if (n == 0)
		return;
	out[0] = '\0';
	for (unsigned k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (!(flags & (1u << k)))
			continue;
		int w = snprintf(out + used, n - used, "%s%s", used ? "," : "", names[k]);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
}
