/* rules: the profile table and the exact arithmetic of thresholds and quorum. */
#include "cabtally/rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Labels of the two category vocabularies. */
#define CA_BROWSER "CAs", "browsers", "CA", "browser"
#define ISSUER_CONSUMER "Certificate Issuers", "Certificate Consumers", \
	"Certificate Issuer", "Certificate Consumer"

#define TWO_THIRDS 2, 3, "two-thirds or more"
#define FIFTY_PLUS_ONE "at least 50% plus one"
#define MORE_THAN_50 "more than 50%"

#define BL_QUORUM_WORDS "more than half of the number of currently active Members has participated"
#define BL_VQUORUM_WORDS "more than half of the number of currently active Voting Members has participated"
#define CWG_AVERAGE "the average number of Member organizations (cumulative, regardless of Class) that have participated in the previous three meetings"

/*
 * The table. Dates and sections are from ../shared/reference/voting-rules.md
 * §1.3 (Bylaws) and §2 (charters); "seen" citations are what the Forum's
 * result posts of that era actually print (corpus/published-results: every
 * post to 2018-10-09 cites "Bylaw 2.2(f)/(g)", SC-12 onwards "Bylaw 2.3(f)/
 * (g)", from FORUM-10 (2019-10) also "Bylaw 2.3(6)/(7)").
 */
static const ct_profile profiles[] = {
	{ "VR2007", "", "forum", "2007-12-15", "2012-11-23",
	  "Forum voting rules (Ballots 4 and 5)", CA_BROWSER, "members",
	  TWO_THIRDS, FIFTY_PLUS_ONE, CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, "more than half of the number of currently active members has participated",
	  "previous three meetings (teleconferences and face-to-face)", 0,
	  "voting rules clause 6", "voting rules clause 6", "voting rules clause 7", "", "",
	  "voting-rules.md §1.1" },
	{ "BL1.0", "BL1.1 BL1.2 BL1.3 BL1.4", "forum", "2012-11-23", "2017-01-31",
	  "Bylaws v1.0–1.4", CA_BROWSER, "Members",
	  TWO_THIRDS, FIFTY_PLUS_ONE, CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_QUORUM_WORDS,
	  "previous three meetings (teleconferences and face-to-face)", 0,
	  "Bylaw 2.2(e)", "Bylaw 2.2(f)", "Bylaw 2.2(g)", "", "",
	  "voting-rules.md §1.3 (BL1.0)" },
	{ "BL1.5", "BL1.6", "forum", "2017-01-31", "2017-07-06",
	  "Bylaws v1.5–1.6", CA_BROWSER, "Members",
	  TWO_THIRDS, FIFTY_PLUS_ONE, CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_QUORUM_WORDS,
	  "previous three Forum-wide meetings", 0,
	  "Bylaw 2.2(e)", "Bylaw 2.2(f)", "Bylaw 2.2(g)", "", "",
	  "voting-rules.md §1.3 (BL1.5), §4.1" },
	{ "BL1.7", "BL1.8", "forum", "2017-07-06", "2018-07-03",
	  "Bylaws v1.7–1.8", CA_BROWSER, "Members",
	  TWO_THIRDS, FIFTY_PLUS_ONE, CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_QUORUM_WORDS,
	  "previous three Forum-wide meetings", 0,
	  "Bylaw 2.3(e)", "Bylaw 2.3(f)", "Bylaw 2.3(g)", "Bylaw 2.2(f)", "Bylaw 2.2(g)",
	  "voting-rules.md §1.3 (BL1.7), §4.3 (Ballot 206)" },
	{ "BL1.9", "BL2.0 BL2.1", "forum", "2018-07-03", "2019-05-21",
	  "Bylaws v1.9–2.1", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, FIFTY_PLUS_ONE, CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_QUORUM_WORDS,
	  "previous three Forum Meetings and Forum Teleconferences", 0,
	  "Bylaw 2.3(e)", "Bylaw 2.3(f)", "Bylaw 2.3(g)", "Bylaw 2.2(f)", "Bylaw 2.2(g)",
	  "voting-rules.md §1.3 (BL1.9)" },
	{ "BL2.2", "", "forum", "2019-05-21", "2020-05-26",
	  "Bylaws v2.2", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, "at least fifty percent (50%) plus one (1)", CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_QUORUM_WORDS,
	  "previous three Forum Meetings and Forum Teleconferences", 0,
	  "Bylaw 2.3(5)", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Bylaw 2.3(f)", "Bylaw 2.3(g)",
	  "voting-rules.md §1.3 (BL2.2), §4.2" },
	{ "BL2.3", "BL2.4", "forum", "2020-05-26", "2023-07-20",
	  "Bylaws v2.3–2.4", ISSUER_CONSUMER, "Voting Members",
	  TWO_THIRDS, "at least fifty percent (50%) plus one (1)", CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_VQUORUM_WORDS,
	  "Voting Member organisations at the previous three Forum Meetings and Forum Teleconferences", 0,
	  "Bylaw 2.3(5)", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Bylaw 2.3(f)", "Bylaw 2.3(g)",
	  "voting-rules.md §1.3 (BL2.3)" },
	{ "BL2.5", "", "forum", "2023-07-20", NULL,
	  "Bylaws v2.5", ISSUER_CONSUMER, "Voting Members",
	  TWO_THIRDS, "at least fifty percent (50%) plus one (1)", CT_READING_MAJORITY, CT_READING_LITERAL, 1,
	  CT_QUORUM_MORE_THAN_HALF, BL_VQUORUM_WORDS,
	  "Voting Member organisations at the previous three Forum Meetings and Forum Teleconferences", 0,
	  "Bylaw 2.3(5)", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Bylaw 2.3(f)", "Bylaw 2.3(g)",
	  "voting-rules.md §1.3 (BL2.5)" },
	/* Charters. The Forum judges their ballots by the Bylaws; the charter's
	 * quorum rule is kept to warn where a literal reading differs (A4). */
	{ "SCWG1.0", "", "scwg", "2018-07-03", "2019-05-21",
	  "SCWG charter v1.0", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_AVERAGE, "Quorum is the average number of Member organizations (cumulative, regardless of Class) that have participated in the previous three Server Certificate Working Group Meetings or Teleconferences",
	  "previous three SCWG meetings or teleconferences", 10,
	  "SCWG charter 1.0 Voting structure", "SCWG charter 1.0 Voting structure", "SCWG charter 1.0 Voting structure", "", "",
	  "voting-rules.md §2.1" },
	{ "SCWG1.1", "", "scwg", "2019-05-21", "2021-12-28",
	  "SCWG charter v1.1", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_AVERAGE, "Quorum is the average number of Member organizations (cumulative, regardless of Class) that have participated in the previous three Server Certificate Working Group Meetings or Teleconferences",
	  "previous three SCWG meetings or teleconferences", 10,
	  "SCWG charter 1.1 Voting structure", "SCWG charter 1.1 Voting structure", "SCWG charter 1.1 Voting structure", "", "",
	  "voting-rules.md §2.1, §4.2" },
	{ "SCWG1.2", "", "scwg", "2021-12-28", "2023-12-04",
	  "SCWG charter v1.2", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_AVERAGE, "Quorum is the average number of Member organizations (cumulative, regardless of Class) that have participated in the previous three Server Certificate Working Group Meetings or Teleconferences",
	  "previous three SCWG meetings or teleconferences", 10,
	  "SCWG charter 1.2 Voting structure", "SCWG charter 1.2 Voting structure", "SCWG charter 1.2 Voting structure", "", "",
	  "voting-rules.md §2.1 (effective date inferred from Ballot FORUM-17)" },
	{ "SCWG1.3", "", "scwg", "2023-12-04", NULL,
	  "SCWG charter v1.3", ISSUER_CONSUMER, "Voting Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_HALF_AVERAGE, "Quorum is half the average number of voting members (cumulative of both Certificate Issuer and Certificate Consumer classes) that have participated in the previous three SCWG Meetings or Teleconferences",
	  "voting members at the previous three SCWG meetings or teleconferences", 0,
	  "SCWG charter 1.3 §6", "SCWG charter 1.3 §6", "SCWG charter 1.3 §6", "", "",
	  "voting-rules.md §2.1, §4.3 (SC-69)" },
	{ "CSCWG-F8", "CSCWG-FORUM-8", "cscwg", "2019-03-09", "2021-07-23",
	  "CSCWG charter (Ballot FORUM-8 text)", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_MAX3_AVERAGE, "Quorum is defined as the larger of three (3) or the average number of Member organizations that have participated in the last three (3) CWG Meetings or Teleconferences",
	  "previous three CSCWG meetings or teleconferences", 3,
	  "CSCWG charter §5.1(e)", "CSCWG charter §5.1(f)", "CSCWG charter §5.1(g)", "", "",
	  "voting-rules.md §2.2" },
	{ "CSCWG1.0", "", "cscwg", "2021-07-23", "2024-01-13",
	  "CSCWG charter v1.0", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_AVERAGE, CWG_AVERAGE,
	  "previous three CSCWG meetings or teleconferences", 3,
	  "CSCWG charter 1.0 §5.1", "CSCWG charter 1.0 §5.1", "CSCWG charter 1.0 §5.1", "", "",
	  "voting-rules.md §2.2" },
	{ "CSCWG1.1", "", "cscwg", "2024-01-13", NULL,
	  "CSCWG charter v1.1", ISSUER_CONSUMER, "Voting Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_MORE_THAN_HALF, "Quorum is defined as more than half the average number of Voting Members that have participated in the previous three (3) Meetings or Teleconferences",
	  "Voting Members at the previous three CSCWG meetings or teleconferences", 0,
	  "CSCWG charter 1.1 §5.1", "CSCWG charter 1.1 §5.1", "CSCWG charter 1.1 §5.1", "", "",
	  "voting-rules.md §2.2" },
	{ "SMCWG1.0", "", "smcwg", "2020-06-15", NULL,
	  "SMCWG charter v1.0", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_AVERAGE, CWG_AVERAGE,
	  "previous three SMCWG meetings or teleconferences", 0,
	  "SMCWG charter §5.1", "SMCWG charter §5.1", "SMCWG charter §5.1", "", "",
	  "voting-rules.md §2.3 (start: Ballot FORUM-14)" },
	{ "NETSEC1.0", "NS1.0", "netsec", "2021-12-28", NULL,
	  "NetSec charter v1.0", ISSUER_CONSUMER, "Members",
	  TWO_THIRDS, MORE_THAN_50, CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_AVERAGE, CWG_AVERAGE,
	  "previous three NetSec meetings or teleconferences", 10,
	  "NetSec charter §7", "NetSec charter §7", "NetSec charter §7", "", "",
	  "voting-rules.md §2.4 (start: Ballot FORUM-17)" },
	{ "DGWG1.0", "", "dgwg", "2024-04-21", NULL,
	  "DGWG charter v1.0", ISSUER_CONSUMER, "Voting Members",
	  TWO_THIRDS, "more than half", CT_READING_MAJORITY, CT_READING_NONE, 1,
	  CT_QUORUM_MORE_THAN_HALF, "more than half of the average number of Voting Member organizations (cumulative) that have participated in the previous three DGWG meetings",
	  "Voting Member organisations at the previous three DGWG meetings", 10,
	  "DGWG charter §3.2", "DGWG charter §3.2", "DGWG charter §3.2", "", "",
	  "voting-rules.md §2.5 (adoption date unverified)" },
};

#define NPROFILES (sizeof(profiles) / sizeof(profiles[0]))

const char *ct_category_name(ct_category c)
{
	switch (c) {
	case CT_CATEGORY_ISSUER: return "issuer";
	case CT_CATEGORY_CONSUMER: return "consumer";
	default: return NULL;
	}
}

size_t ct_profile_count(void)
{
	return NPROFILES;
}

const ct_profile *ct_profile_at(size_t i)
{
	return i < NPROFILES ? &profiles[i] : NULL;
}

/* Is `name` one of the space-separated words in `list`? */
static int in_alias_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t w = strcspn(p, " ");
		if (w == n && w && ct_strncasecmp(p, name, n) == 0)
			return 1;
		p += w;
	}
	return 0;
}

const ct_profile *ct_profile_find(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < NPROFILES; i++)
		if (!ct_strcasecmp(profiles[i].name, name) || in_alias_list(profiles[i].aliases, name))
			return &profiles[i];
	return NULL;
}

static int64_t day(const char *iso, int64_t dflt)
{
	int64_t t;
	if (!iso || ct_time_parse_iso(iso, &t) != 0)
		return dflt;
	return t;
}

int64_t ct_profile_from(const ct_profile *p)
{
	return day(p->from, INT64_MIN);
}

int64_t ct_profile_until(const ct_profile *p)
{
	return day(p->until, INT64_MAX);
}

const ct_profile *ct_profile_in_force(const char *group, int64_t date)
{
	const ct_profile *latest = NULL;
	for (size_t i = 0; i < NPROFILES; i++) {
		const ct_profile *p = &profiles[i];
		if (ct_strcasecmp(p->group, group))
			continue;
		if (date == CT_RULES_NO_DATE) {
			latest = p;
			continue;
		}
		if (date >= ct_profile_from(p) && date < ct_profile_until(p))
			return p;
	}
	return date == CT_RULES_NO_DATE ? latest : NULL;
}

static int is_bylaws(const ct_profile *p)
{
	return !strcmp(p->group, "forum");
}

/* Apply one named profile of an override to `out`. */
static int override_one(ct_rules *out, const char *name, size_t len, ct_error *err)
{
	char key[64];
	if (len == 0 || len >= sizeof(key))
		return ct_error_set(err, CT_EUSAGE, "invalid rules profile '%.*s'", (int)len, name);
	memcpy(key, name, len);
	key[len] = '\0';
	const ct_profile *p = ct_profile_find(key);
	if (!p)
		return ct_error_set(err, CT_ENOTFOUND, "unknown rules profile '%s'", key);
	if (is_bylaws(p))
		out->bylaws = p;
	else
		out->charter = p;
	return 0;
}

int ct_rules_select(ct_rules *out, const char *group, int64_t date,
	const char *override, ct_error *err)
{
	if (!group || !*group)
		group = "forum";
	out->bylaws = out->charter = NULL;
	int forum = !ct_strcasecmp(group, "forum");
	const ct_profile *forced_bylaws = NULL, *forced_charter = NULL;
	if (override && *override) {
		ct_rules tmp = { NULL, NULL };
		for (const char *p = override; *p;) {
			size_t n = strcspn(p, "+");
			int rc = override_one(&tmp, p, n, err);
			if (rc)
				return rc;
			p += n;
			if (*p == '+')
				p++;
		}
		forced_bylaws = tmp.bylaws;
		forced_charter = tmp.charter;
	}
	if (forced_charter)
		out->charter = forced_charter;
	else if (!forum) {
		out->charter = ct_profile_in_force(group, date);
		if (!out->charter) {
			char d[11] = "";
			if (date != CT_RULES_NO_DATE)
				ct_time_format_date(date, d);
			return ct_error_set(err, CT_ENOTFOUND, "no charter of group '%s' in force on %s",
				group, d[0] ? d : "any date");
		}
	}
	int64_t bdate = date;
	if (bdate == CT_RULES_NO_DATE && forced_charter)
		bdate = ct_profile_from(forced_charter);
	out->bylaws = forced_bylaws ? forced_bylaws : ct_profile_in_force("forum", bdate);
	if (!out->bylaws) {
		char d[11] = "";
		ct_time_format_date(bdate, d);
		return ct_error_set(err, CT_ENOTFOUND, "no Bylaws profile in force on %s", d);
	}
	return 0;
}

const ct_profile *ct_rules_main(const ct_rules *r)
{
	return r->charter ? r->charter : r->bylaws;
}

void ct_rules_name(const ct_rules *r, ct_buf *out)
{
	if (r->charter)
		ct_buf_addf(out, "%s+", r->charter->name);
	ct_buf_addstr(out, r->bylaws->name);
}

const char *ct_rules_label(const ct_rules *r, ct_category c)
{
	const ct_profile *p = ct_rules_main(r);
	return c == CT_CATEGORY_CONSUMER ? p->consumer_label : p->issuer_label;
}

const char *ct_rules_singular(const ct_rules *r, ct_category c)
{
	const ct_profile *p = ct_rules_main(r);
	return c == CT_CATEGORY_CONSUMER ? p->consumer_singular : p->issuer_singular;
}

/* ---- Arithmetic ---- */

int ct_rules_percent(long yes, long total)
{
	if (total <= 0)
		return -1;
	/* round(100·yes/total), halves up, in integers */
	long p = (200 * yes + total) / (2 * total);
	if (p >= 100 && yes < total)
		p = 99;
	if (p <= 0 && yes > 0)
		p = 1;
	return (int)p;
}

int ct_reading_met(ct_reading reading, long yes, long no)
{
	long t = yes + no;
	switch (reading) {
	case CT_READING_MAJORITY: return 2 * yes > t;
	case CT_READING_LITERAL: return 2 * yes >= t + 2;
	case CT_READING_HALF_OR_MORE: return 2 * yes >= t;
	default: return 0;
	}
}

long ct_reading_required(ct_reading reading, long total)
{
	switch (reading) {
	case CT_READING_MAJORITY: return total / 2 + 1;
	case CT_READING_LITERAL: return (total + 3) / 2;
	case CT_READING_HALF_OR_MORE: return (total + 1) / 2;
	default: return 0;
	}
}

const char *ct_reading_describe(ct_reading reading)
{
	switch (reading) {
	case CT_READING_MAJORITY: return "more than half of yes+no";
	case CT_READING_LITERAL: return "at least half of yes+no plus one vote";
	case CT_READING_HALF_OR_MORE: return "half or more of yes+no";
	default: return "none";
	}
}

int ct_quorum_base_parse_attendance(ct_quorum_base *base, const char *list, ct_error *err)
{
	base->basis = CT_QUORUM_BASIS_ATTENDANCE;
	base->nattendance = 0;
	const char *p = list;
	if (!p || !*p)
		return ct_error_set(err, CT_EUSAGE, "empty attendance list");
	for (;;) {
		char *end;
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			return ct_error_set(err, CT_EUSAGE, "invalid attendance '%s': expected counts like 20,21,19", list);
		long v = strtol(p, &end, 10);
		if (v > 100000)
			return ct_error_set(err, CT_EUSAGE, "invalid attendance '%s': count too large", list);
		if (base->nattendance == CT_MAX_ATTENDANCE)
			return ct_error_set(err, CT_EUSAGE, "invalid attendance '%s': more than %d counts", list, CT_MAX_ATTENDANCE);
		base->attendance[base->nattendance++] = v;
		p = end;
		while (*p == ' ')
			p++;
		if (!*p)
			return 0;
		if (*p != ',')
			return ct_error_set(err, CT_EUSAGE, "invalid attendance '%s': expected counts like 20,21,19", list);
		p++;
	}
}

static int64_t gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a ? a : 1;
}

/* Smallest integer ≥ num/den for num ≥ 0, den > 0. */
static long ceil_div(int64_t num, int64_t den)
{
	return (long)((num + den - 1) / den);
}

long ct_quorum_required(ct_quorum_rule rule, int64_t num, int64_t den)
{
	switch (rule) {
	case CT_QUORUM_MORE_THAN_HALF: return (long)(num / (2 * den)) + 1; /* P > A/2 */
	case CT_QUORUM_AVERAGE: return ceil_div(num, den);                /* P ≥ A */
	case CT_QUORUM_HALF_AVERAGE: return ceil_div(num, 2 * den);       /* P ≥ A/2 */
	case CT_QUORUM_MAX3_AVERAGE: {
		long q = ceil_div(num, den);
		return q > 3 ? q : 3;
	}
	default: return -1;
	}
}

static const char *quorum_rule_words(ct_quorum_rule rule)
{
	switch (rule) {
	case CT_QUORUM_MORE_THAN_HALF: return "more than half of the currently active count";
	case CT_QUORUM_AVERAGE: return "the average itself";
	case CT_QUORUM_HALF_AVERAGE: return "half the average";
	case CT_QUORUM_MAX3_AVERAGE: return "the larger of 3 or the average";
	default: return "none";
	}
}

void ct_quorum_compute(ct_quorum *q, const ct_rules *r, const ct_quorum_base *base,
	long participants)
{
	memset(q, 0, sizeof(*q));
	q->basis = base ? base->basis : CT_QUORUM_BASIS_NONE;
	q->half = q->required = q->literal_required = -1;
	q->active_num = 0;
	q->active_den = 1;
	q->participants = participants;
	q->met = -1;
	q->citation = r->bylaws->cite_quorum;
	ct_quorum_rule rule = r->bylaws->quorum_rule;
	if (r->charter && r->charter->quorum_rule != rule)
		q->literal_rule = r->charter->quorum_rule;
	switch (q->basis) {
	case CT_QUORUM_BASIS_ATTENDANCE: {
		if (base->nattendance < 1 || base->nattendance > CT_MAX_ATTENDANCE)
			return;
		int64_t sum = 0;
		for (int i = 0; i < base->nattendance; i++) {
			if (base->attendance[i] < 0)
				return;
			q->attendance[i] = base->attendance[i];
			sum += base->attendance[i];
		}
		q->nattendance = base->nattendance;
		int64_t g = gcd64(sum, base->nattendance);
		q->active_num = sum / g;
		q->active_den = base->nattendance / g;
		break;
	}
	case CT_QUORUM_BASIS_ACTIVE:
		if (base->active < 0)
			return;
		q->active_num = base->active;
		break;
	case CT_QUORUM_BASIS_QUORUM:
		if (base->quorum < 0)
			return;
		q->established = 1;
		q->required = base->quorum;
		q->literal_rule = CT_QUORUM_RULE_NONE; /* no A to read literally */
		goto judge;
	default:
		return;
	}
	q->established = 1;
	q->half = (long)(q->active_num / (2 * q->active_den));
	q->required = ct_quorum_required(rule, q->active_num, q->active_den);
	if (q->literal_rule != CT_QUORUM_RULE_NONE)
		q->literal_required = ct_quorum_required(q->literal_rule, q->active_num, q->active_den);
judge:
	if (participants >= 0)
		q->met = participants >= q->required;
}

/* "65/3 = 21.67" or "20" into out. */
static void add_fraction(ct_buf *out, int64_t num, int64_t den)
{
	if (den == 1) {
		ct_buf_addf(out, "%lld", (long long)num);
		return;
	}
	/* two decimals, rounded half up, in integers */
	int64_t hundredths = (200 * num + den) / (2 * den);
	ct_buf_addf(out, "%lld/%lld ≈ %lld.%02lld", (long long)num, (long long)den,
		(long long)(hundredths / 100), (long long)(hundredths % 100));
}

/* "65/3 ≈ 21.67", "20" or "60/3 = 20": the exact value of num/den, shown
 * against the unreduced form `raw_num/raw_den` when that differs. */
static void add_exact(ct_buf *out, int64_t raw_num, int64_t raw_den)
{
	int64_t g = gcd64(raw_num, raw_den);
	int64_t num = raw_num / g, den = raw_den / g;
	if (raw_den == 1) {
		ct_buf_addf(out, "%lld", (long long)raw_num);
		return;
	}
	ct_buf_addf(out, "%lld/%lld", (long long)raw_num, (long long)raw_den);
	if (den != raw_den) {
		ct_buf_addstr(out, " = ");
		add_fraction(out, num, den);
		if (den == 1)
			return;
	}
	int64_t h = (200 * num + den) / (2 * den);
	ct_buf_addf(out, " ≈ %lld.%02lld", (long long)(h / 100), (long long)(h % 100));
}

void ct_quorum_describe(ct_buf *out, const ct_quorum *q, const ct_rules *r)
{
	const ct_profile *b = r->bylaws;
	if (!q->established) {
		ct_buf_addstr(out, "quorum: not established (no attendance, active count or quorum was given)\n");
		return;
	}
	if (q->basis == CT_QUORUM_BASIS_QUORUM) {
		ct_buf_addf(out, "quorum: %ld participants (given)\n", q->required);
	} else {
		if (q->basis == CT_QUORUM_BASIS_ATTENDANCE) {
			int64_t sum = 0;
			ct_buf_addstr(out, "attendance: ");
			for (int i = 0; i < q->nattendance; i++) {
				ct_buf_addf(out, "%s%ld", i ? ", " : "", q->attendance[i]);
				sum += q->attendance[i];
			}
			ct_buf_addf(out, " (%s)\nactive: average ", ct_rules_main(r)->quorum_basis);
			add_exact(out, sum, q->nattendance);
			ct_buf_addstr(out, q->active_den == 1 ? "\n" : " (kept exact, not rounded)\n");
		} else {
			ct_buf_addf(out, "active: %lld (given)\n", (long long)q->active_num);
		}
		ct_buf_addstr(out, "half: ");
		add_exact(out, q->active_num, 2 * q->active_den);
		if ((2 * q->active_den) / gcd64(q->active_num, 2 * q->active_den) != 1)
			ct_buf_addf(out, ", whole part %ld", q->half);
		ct_buf_addf(out, "\nquorum: %ld participants, the smallest number more than half (%s: \"%s\")\n",
			q->required, q->citation, b->quorum_wording);
	}
	if (q->literal_rule != CT_QUORUM_RULE_NONE && q->literal_required >= 0)
		ct_buf_addf(out, "charter literal: %ld participants under %s (\"%s\"); the Forum applies the Bylaws\n",
			q->literal_required, r->charter->document, quorum_rule_words(q->literal_rule));
	if (q->participants >= 0)
		ct_buf_addf(out, "participants: %ld, quorum %s\n", q->participants,
			q->met ? "met" : "not met");
}

static void json_long_or_null(ct_buf *out, long v)
{
	if (v < 0)
		ct_buf_addstr(out, "null");
	else
		ct_buf_addf(out, "%ld", v);
}

static const char *basis_name(ct_quorum_basis b)
{
	switch (b) {
	case CT_QUORUM_BASIS_ATTENDANCE: return "attendance";
	case CT_QUORUM_BASIS_ACTIVE: return "active";
	case CT_QUORUM_BASIS_QUORUM: return "quorum";
	default: return "none";
	}
}

void ct_quorum_to_json(ct_buf *out, const ct_quorum *q)
{
	ct_buf_addf(out, "{\"established\": %s, \"basis\": \"%s\", \"attendance\": [",
		q->established ? "true" : "false", basis_name(q->basis));
	for (int i = 0; i < q->nattendance; i++)
		ct_buf_addf(out, "%s%ld", i ? ", " : "", q->attendance[i]);
	ct_buf_addstr(out, "], \"active\": ");
	int have_active = q->established && q->basis != CT_QUORUM_BASIS_QUORUM;
	if (!have_active) {
		ct_buf_addstr(out, "null, \"active_exact\": null");
	} else if (q->active_den == 1) {
		ct_buf_addf(out, "%lld, \"active_exact\": \"%lld\"", (long long)q->active_num,
			(long long)q->active_num);
	} else {
		int64_t h = (200 * q->active_num + q->active_den) / (2 * q->active_den);
		ct_buf_addf(out, "%lld.%02lld, \"active_exact\": \"%lld/%lld\"",
			(long long)(h / 100), (long long)(h % 100),
			(long long)q->active_num, (long long)q->active_den);
	}
	ct_buf_addstr(out, ", \"half\": ");
	json_long_or_null(out, q->half);
	ct_buf_addstr(out, ", \"required\": ");
	json_long_or_null(out, q->required);
	ct_buf_addstr(out, ", \"participants\": ");
	json_long_or_null(out, q->participants);
	ct_buf_addf(out, ", \"met\": %s, \"citation\": ",
		q->met < 0 ? "null" : q->met ? "true" : "false");
	ct_buf_add_json_string(out, q->citation);
	ct_buf_addstr(out, ", \"charter_literal\": ");
	if (q->literal_rule == CT_QUORUM_RULE_NONE || q->literal_required < 0) {
		ct_buf_addstr(out, "null");
	} else {
		ct_buf_addstr(out, "{\"rule\": ");
		ct_buf_add_json_string(out, quorum_rule_words(q->literal_rule));
		ct_buf_addf(out, ", \"required\": %ld}", q->literal_required);
	}
	ct_buf_addch(out, '}');
}

static void json_str_or_null(ct_buf *out, const char *s)
{
	if (s)
		ct_buf_add_json_string(out, s);
	else
		ct_buf_addstr(out, "null");
}

void ct_rules_to_json(ct_buf *out, const ct_rules *r)
{
	ct_buf name = CT_BUF_INIT;
	ct_rules_name(r, &name);
	ct_buf_addstr(out, "{\"profile\": ");
	ct_buf_add_json_string(out, ct_buf_cstr(&name));
	ct_buf_release(&name);
	ct_buf_addstr(out, ", \"bylaws\": ");
	ct_buf_add_json_string(out, r->bylaws->name);
	ct_buf_addstr(out, ", \"charter\": ");
	json_str_or_null(out, r->charter ? r->charter->name : NULL);
	ct_buf_addstr(out, ", \"document\": ");
	ct_buf_add_json_string(out, ct_rules_main(r)->document);
	ct_buf_addstr(out, ", \"citations\": {\"abstain\": ");
	ct_buf_add_json_string(out, r->bylaws->cite_abstain);
	ct_buf_addstr(out, ", \"threshold\": ");
	ct_buf_add_json_string(out, r->bylaws->cite_threshold);
	ct_buf_addstr(out, ", \"quorum\": ");
	ct_buf_add_json_string(out, r->bylaws->cite_quorum);
	ct_buf_addstr(out, "}, \"consumer_reading\": ");
	ct_buf_add_json_string(out, ct_reading_describe(r->bylaws->consumer_reading));
	ct_buf_addch(out, '}');
}

/* ---- Verdict ---- */

const char *ct_outcome_name(ct_outcome o)
{
	switch (o) {
	case CT_OUTCOME_PASSED: return "passed";
	case CT_OUTCOME_FAILED: return "failed";
	case CT_OUTCOME_NO_QUORUM: return "no-quorum";
	case CT_OUTCOME_NO_PERIOD: return "no-period";
	}
	return "failed";
}

/* Added yes votes that make the ratio test pass (the total grows with them). */
static long more_yes_for_ratio(const ct_profile *b, ct_category c, long yes, long no)
{
	long k;
	if (c == CT_CATEGORY_ISSUER) {
		/* den·(y+k) ≥ num·(y+k+n) ⇔ (den-num)·(y+k) ≥ num·n */
		long dn = b->issuer_den - b->issuer_num;
		long need = (b->issuer_num * no + dn - 1) / dn; /* smallest y+k */
		k = need - yes;
	} else {
		switch (b->consumer_reading) {
		case CT_READING_MAJORITY: k = no - yes + 1; break;
		case CT_READING_LITERAL: k = no - yes + 2; break;
		default: k = no - yes; break;
		}
	}
	return k > 0 ? k : 0;
}

static int issuer_met(const ct_profile *b, long yes, long no)
{
	return (long)b->issuer_den * yes >= (long)b->issuer_num * (yes + no);
}

static void judge_category(ct_category_result *cr, const ct_rules *r, ct_category c,
	const ct_counts *n)
{
	const ct_profile *b = r->bylaws;
	const char *label = ct_rules_label(r, c);
	long yes = n->yes, no = n->no, total = yes + no;
	memset(cr, 0, sizeof(*cr));
	cr->n = *n;
	cr->percent_yes = ct_rules_percent(yes, total);
	cr->threshold_na = total == 0;
	cr->other_reading_met = -1;
	if (c == CT_CATEGORY_ISSUER) {
		cr->threshold_met = total > 0 && issuer_met(b, yes, no);
		cr->required_yes = (b->issuer_num * total + b->issuer_den - 1) / b->issuer_den;
		snprintf(cr->required, sizeof(cr->required), "%s of yes+no", b->issuer_wording);
	} else {
		cr->threshold_met = total > 0 && ct_reading_met(b->consumer_reading, yes, no);
		cr->required_yes = ct_reading_required(b->consumer_reading, total);
		if (b->consumer_other != CT_READING_NONE && total > 0)
			cr->other_reading_met = ct_reading_met(b->consumer_other, yes, no);
		snprintf(cr->required, sizeof(cr->required), "%s of yes+no (read as %s)",
			b->consumer_wording, ct_reading_describe(b->consumer_reading));
	}
	cr->one_yes_met = !b->at_least_one_yes || yes >= 1;
	if (b->at_least_one_yes) {
		size_t l = strlen(cr->required);
		snprintf(cr->required + l, sizeof(cr->required) - l, ", and at least one yes");
		if (cr->required_yes < 1)
			cr->required_yes = 1;
	}
	cr->met = cr->threshold_met && cr->one_yes_met;
	long k = more_yes_for_ratio(b, c, yes, no);
	if (b->at_least_one_yes && yes + k < 1)
		k = 1 - yes;
	cr->more_yes_needed = cr->met ? 0 : k;
	if (cr->met)
		snprintf(cr->margin, sizeof(cr->margin), "met: %ld of %ld yes+no votes in favor, %ld needed",
			yes, total, cr->required_yes);
	else if (total == 0)
		snprintf(cr->margin, sizeof(cr->margin), "not met: no yes or no votes; needs %ld yes vote%s among %s",
			k, k == 1 ? "" : "s", label);
	else
		snprintf(cr->margin, sizeof(cr->margin), "not met: %ld of %ld yes+no votes in favor; needs %ld more yes vote%s among %s",
			yes, total, k, k == 1 ? "" : "s", label);
}

static void add_reason(ct_verdict *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_reason(ct_verdict *v, const char *fmt, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	v->reasons = ct_realloc(v->reasons, (v->nreasons + 1) * sizeof(*v->reasons));
	v->reasons[v->nreasons++] = ct_buf_detach(&b);
}

static void percent_text(char out[16], int p)
{
	if (p < 0)
		snprintf(out, 16, "n/a");
	else
		snprintf(out, 16, "%d%%", p);
}

static void reason_category(ct_verdict *v, const ct_rules *r, ct_category c)
{
	const ct_category_result *cr = &v->cat[c];
	char pct[16];
	percent_text(pct, cr->percent_yes);
	add_reason(v, "%s: %ld yes, %ld no, %ld abstain (%s in favor); %s requires %s: %s",
		ct_rules_label(r, c), cr->n.yes, cr->n.no, cr->n.abstain, pct,
		r->bylaws->cite_threshold, cr->required, cr->margin);
}

static void warn_other_reading(ct_verdict *v, const ct_rules *r)
{
	const ct_profile *b = r->bylaws;
	const ct_category_result *cr = &v->cat[CT_CATEGORY_CONSUMER];
	if (cr->other_reading_met < 0 || cr->other_reading_met == cr->threshold_met)
		return;
	long total = cr->n.yes + cr->n.no;
	ct_warnings_add(&v->warnings, "consumer-reading",
		"%s: %ld of %ld in favor %s \"%s\" as %s (%ld needed), which the Forum applies; "
		"read as %s (%ld needed) it would %s",
		ct_rules_label(r, CT_CATEGORY_CONSUMER), cr->n.yes, total,
		cr->threshold_met ? "meets" : "does not meet", b->consumer_wording,
		ct_reading_describe(b->consumer_reading), ct_reading_required(b->consumer_reading, total),
		ct_reading_describe(b->consumer_other), ct_reading_required(b->consumer_other, total),
		cr->other_reading_met ? "be met" : "not be met");
}

static void reason_quorum(ct_verdict *v, const ct_rules *r, long participants)
{
	const ct_quorum *q = &v->quorum;
	if (!q->established) {
		add_reason(v, "quorum (%s): not established, no attendance, active count or quorum was given; "
			"%ld participants", q->citation, participants);
		ct_warnings_add(&v->warnings, "quorum-not-established",
			"quorum was not established: give the attendance of the previous three meetings, "
			"the active count or the quorum");
		return;
	}
	if (q->basis == CT_QUORUM_BASIS_QUORUM)
		add_reason(v, "quorum (%s): %ld participants, quorum %ld (given): %s",
			q->citation, participants, q->required, q->met ? "met" : "not met");
	else
		add_reason(v, "quorum (%s): %ld participants; half of currently active %s was %ld, so quorum was %ld: %s",
			q->citation, participants, r->bylaws->members, q->half, q->required,
			q->met ? "met" : "not met");
	if (!q->met)
		add_reason(v, "quorum: needs %ld more participant%s", q->required - participants,
			q->required - participants == 1 ? "" : "s");
	if (q->literal_rule != CT_QUORUM_RULE_NONE && q->literal_required >= 0 &&
	    q->literal_required != q->required) {
		int lit_met = participants >= q->literal_required;
		ct_warnings_add(&v->warnings, "charter-quorum",
			"%s reads \"%s\": quorum %ld, %s by %ld participants; the Forum applies the Bylaws' "
			"\"more than half\" (%ld)",
			r->charter->document, quorum_rule_words(q->literal_rule), q->literal_required,
			lit_met ? "met" : "not met", participants, q->required);
	}
}

void ct_rules_evaluate(ct_verdict *v, const ct_rules *r, const ct_counts counts[2],
	const ct_quorum_base *base, int period_known)
{
	memset(v, 0, sizeof(*v));
	long participants = 0;
	for (int c = 0; c < 2; c++) {
		judge_category(&v->cat[c], r, (ct_category)c, &counts[c]);
		participants += counts[c].yes + counts[c].no + counts[c].abstain;
	}
	ct_quorum_compute(&v->quorum, r, base, participants);
	if (!period_known)
		add_reason(v, "the voting period could not be established, so no vote could be placed inside it");
	reason_category(v, r, CT_CATEGORY_ISSUER);
	reason_category(v, r, CT_CATEGORY_CONSUMER);
	if (r->bylaws->at_least_one_yes) {
		int ok = v->cat[0].one_yes_met && v->cat[1].one_yes_met;
		add_reason(v, "at least one %s and one %s must vote in favor: %s",
			ct_rules_singular(r, CT_CATEGORY_ISSUER), ct_rules_singular(r, CT_CATEGORY_CONSUMER),
			ok ? "met" : "not met");
	}
	reason_quorum(v, r, participants);
	warn_other_reading(v, r);

	int thresholds = v->cat[0].met && v->cat[1].met;
	if (!period_known)
		v->outcome = CT_OUTCOME_NO_PERIOD;
	else if (v->quorum.met == 0)
		v->outcome = CT_OUTCOME_NO_QUORUM;
	else if (!thresholds)
		v->outcome = CT_OUTCOME_FAILED;
	else {
		v->outcome = CT_OUTCOME_PASSED;
		v->provisional = v->quorum.met < 0;
	}
}

void ct_verdict_release(ct_verdict *v)
{
	for (size_t i = 0; i < v->nreasons; i++)
		free(v->reasons[i]);
	free(v->reasons);
	v->reasons = NULL;
	v->nreasons = 0;
	ct_warnings_release(&v->warnings);
}
