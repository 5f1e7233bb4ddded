/*
 * ballot: ballot identifiers (see include/cabtally/ballot.h for the canon
 * and display forms). Hand-written scanning rather than a regex: the rules
 * about what may precede and follow an id are easier to read as code.
 */
#include <stdio.h>
#include <string.h>

#include "cabtally/ballot.h"

static const char *const group_names[] = {
	[CT_GROUP_FORUM] = "forum",
	[CT_GROUP_SCWG] = "scwg",
	[CT_GROUP_SMCWG] = "smcwg",
	[CT_GROUP_CSCWG] = "cscwg",
	[CT_GROUP_NETSEC] = "netsec",
};

/* Series prefixes, longest first so "CSCWG" wins over "CSC" and "SCWG" over "SC". */
static const struct {
	const char *word;
	const char *canon;
	ct_group group;
} prefixes[] = {
	{ "cscwg", "CSC", CT_GROUP_CSCWG },
	{ "smcwg", "SMC", CT_GROUP_SMCWG },
	{ "forum", "FORUM", CT_GROUP_FORUM },
	{ "scwg", "SC", CT_GROUP_SCWG },
	{ "nswg", "NS", CT_GROUP_NETSEC },
	{ "csc", "CSC", CT_GROUP_CSCWG },
	{ "smc", "SMC", CT_GROUP_SMCWG },
	{ "sc", "SC", CT_GROUP_SCWG },
	{ "ns", "NS", CT_GROUP_NETSEC },
};

#define MAX_ID_DIGITS 3

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static int is_blank(int c) { return c == ' ' || c == '\t'; }

const char *ct_group_name(ct_group g)
{
	if ((unsigned)g >= sizeof(group_names) / sizeof(group_names[0]))
		return "forum";
	return group_names[g];
}

int ct_group_from_name(ct_group *out, const char *name)
{
	for (size_t i = 0; i < sizeof(group_names) / sizeof(group_names[0]); i++) {
		if (ct_strcasecmp(name, group_names[i]) == 0) {
			*out = (ct_group)i;
			return 0;
		}
	}
	return CT_EINVALID;
}

static int at(const char *s, size_t len, size_t i)
{
	return i < len ? (unsigned char)s[i] : 0;
}

/* Case-insensitive word at s[i]; returns its length or 0. */
static size_t match_word(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);
	if (i + n > len || ct_strncasecmp(s + i, w, n) != 0)
		return 0;
	return n;
}

/* A separator between prefix and number: '-', '_', an en or em dash, or
 * (when `spaced`) blanks. Returns bytes consumed (0 is allowed: "SC23"). */
static size_t skip_separator(const char *s, size_t len, size_t i, int spaced)
{
	size_t j = i;
	if (spaced)
		while (is_blank(at(s, len, j)))
			j++;
	if (at(s, len, j) == '-' || at(s, len, j) == '_') {
		j++;
	} else if (at(s, len, j) == 0xE2 && at(s, len, j + 1) == 0x80 &&
		   (at(s, len, j + 2) == 0x93 || at(s, len, j + 2) == 0x94)) {
		j += 3;
	} else if (!spaced) {
		return 0;
	}
	if (spaced)
		while (is_blank(at(s, len, j)))
			j++;
	return j - i;
}

/* Digits of an id number at s[i]: 1..MAX_ID_DIGITS digits, value > 0, not
 * continued by a digit, a letter (other than a version 'v'), ".5", ".com",
 * "@x" (decimals, host and mail names) or ",5", ":30", "-11", "/2" (numbers,
 * times, dates). */
static size_t scan_number(const char *s, size_t len, size_t i, int *value)
{
	size_t j = i;
	int v = 0;
	while (is_digit(at(s, len, j)) && j - i <= MAX_ID_DIGITS) {
		v = v * 10 + (at(s, len, j) - '0');
		j++;
	}
	if (j == i || j - i > MAX_ID_DIGITS || v == 0)
		return 0;
	int c = at(s, len, j);
	if (is_alpha(c) && c != 'v' && c != 'V')
		return 0;
	if ((c == '.' || c == '@' || c == '_') && is_alnum(at(s, len, j + 1)))
		return 0;
	if ((c == ',' || c == ':' || c == '/' || c == '-') && is_digit(at(s, len, j + 1)))
		return 0;
	*value = v;
	return j - i;
}

/* An optional version after the number: "v3", " v3", " v.3", "V 3",
 * " version 3". Returns bytes consumed and sets *version, or 0. */
static size_t scan_version(const char *s, size_t len, size_t i, int *version)
{
	size_t j = i;
	while (is_blank(at(s, len, j)) && j - i < 2)
		j++;
	size_t w = match_word(s, len, j, "version");
	if (w == 0 && (at(s, len, j) == 'v' || at(s, len, j) == 'V'))
		w = 1;
	if (w == 0)
		return 0;
	j += w;
	if (at(s, len, j) == '.')
		j++;
	if (is_blank(at(s, len, j)))
		j++;
	size_t d = j;
	int v = 0;
	while (is_digit(at(s, len, j)) && j - d < 3)
		v = v * 10 + (at(s, len, j++) - '0');
	if (j == d || is_alnum(at(s, len, j)))
		return 0;
	/* "v1.4.1" is a document version, not a ballot version */
	if (at(s, len, j) == '.' && is_digit(at(s, len, j + 1)))
		return 0;
	*version = v;
	return j - i;
}

static void set_id(ct_ballot_id *out, ct_group g, const char *canon_prefix,
		   int number, int version)
{
	out->group = g;
	out->number = number;
	out->version = version;
	snprintf(out->canon, sizeof(out->canon), "%s%d", canon_prefix, number);
}

/* A prefixed id at s[i] ("SC-023v3"); `spaced` allows "Forum 16".
 * Returns bytes consumed, or 0. */
static size_t scan_prefixed(const char *s, size_t len, size_t i, int spaced,
			    ct_ballot_id *out)
{
	for (size_t p = 0; p < sizeof(prefixes) / sizeof(prefixes[0]); p++) {
		size_t n = match_word(s, len, i, prefixes[p].word);
		if (n == 0)
			continue;
		size_t j = i + n;
		j += skip_separator(s, len, j, spaced);
		int number = 0, version = 0;
		size_t d = scan_number(s, len, j, &number);
		if (d == 0)
			continue;
		j += d;
		j += scan_version(s, len, j, &version);
		set_id(out, prefixes[p].group, prefixes[p].canon, number, version);
		return j - i;
	}
	return 0;
}

/* "Ballot" / "Ballots" / "Special Ballot" followed by an id: "Ballot 187",
 * "Ballot #187", "Ballot [85]", "Ballot: SC23", "Ballot Forum 16".
 * Returns bytes consumed, or 0. */
static size_t scan_ballot_word(const char *s, size_t len, size_t i, ct_ballot_id *out)
{
	size_t j = i;
	size_t w = match_word(s, len, j, "special");
	if (w && is_blank(at(s, len, j + w))) {
		j += w;
		while (is_blank(at(s, len, j)))
			j++;
	}
	w = match_word(s, len, j, "ballot");
	if (w == 0)
		return 0;
	j += w;
	if (at(s, len, j) == 's' || at(s, len, j) == 'S')
		j++;
	if (is_alnum(at(s, len, j)))
		return 0;
	if (at(s, len, j) == ':')
		j++;
	while (is_blank(at(s, len, j)))
		j++;
	int bracket = 0;
	if (at(s, len, j) == '#') {
		j++;
	} else if (at(s, len, j) == '[') {
		bracket = 1;
		j++;
	}
	size_t n = scan_prefixed(s, len, j, 1, out);
	if (n == 0) {
		int number = 0, version = 0;
		n = scan_number(s, len, j, &number);
		if (n == 0)
			return 0;
		n += scan_version(s, len, j + n, &version);
		set_id(out, CT_GROUP_FORUM, "", number, version);
	}
	j += n;
	if (bracket && at(s, len, j) == ']')
		j++;
	return j - i;
}

int ct_ballot_id_find(ct_ballot_id *out, const char *text, size_t len,
		      size_t *start, size_t *end)
{
	for (size_t i = 0; i < len; i++) {
		int prev = i > 0 ? (unsigned char)text[i - 1] : 0;
		if (!is_alpha((unsigned char)text[i]) || is_alnum(prev) ||
		    prev == '.' || prev == '@' || prev == '_' || prev == '-')
			continue;
		ct_ballot_id id;
		size_t n = scan_ballot_word(text, len, i, &id);
		if (n == 0)
			n = scan_prefixed(text, len, i, 0, &id);
		if (n == 0)
			continue;
		if (out)
			*out = id;
		if (start)
			*start = i;
		if (end)
			*end = i + n;
		return 1;
	}
	return 0;
}

int ct_ballot_id_parse(ct_ballot_id *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (is_blank((unsigned char)s[i]) || s[i] == '\n' || s[i] == '\r'))
		i++;
	while (len > i && strchr(" \t\r\n:.,", s[len - 1]))
		len--;
	if (i >= len)
		return CT_EINVALID;
	ct_ballot_id id;
	size_t n = scan_ballot_word(s, len, i, &id);
	if (n == 0)
		n = scan_prefixed(s, len, i, 1, &id);
	if (n == 0) {
		int number = 0, version = 0;
		n = scan_number(s, len, i, &number);
		if (n == 0)
			return CT_EINVALID;
		n += scan_version(s, len, i + n, &version);
		set_id(&id, CT_GROUP_FORUM, "", number, version);
	}
	if (i + n != len)
		return CT_EINVALID;
	*out = id;
	return 0;
}

void ct_ballot_id_format(const ct_ballot_id *id, char *out, size_t n)
{
	char ver[16] = "";
	if (id->version > 0)
		snprintf(ver, sizeof(ver), "v%d", id->version);
	const char *c = id->canon;
	switch (id->group) {
	case CT_GROUP_FORUM:
		if (c[0] == 'F')
			snprintf(out, n, "FORUM-%d%s", id->number, ver);
		else
			snprintf(out, n, "%d%s", id->number, ver);
		break;
	case CT_GROUP_SCWG:
		snprintf(out, n, "SC%d%s", id->number, ver);
		break;
	case CT_GROUP_SMCWG:
		snprintf(out, n, "SMC%02d%s", id->number, ver);
		break;
	case CT_GROUP_CSCWG:
		snprintf(out, n, "CSC-%d%s", id->number, ver);
		break;
	case CT_GROUP_NETSEC:
		snprintf(out, n, "NS-%03d%s", id->number, ver);
		break;
	}
}

int ct_ballot_id_same(const ct_ballot_id *a, const ct_ballot_id *b)
{
	return strcmp(a->canon, b->canon) == 0;
}
