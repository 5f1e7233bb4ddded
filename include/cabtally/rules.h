/*
 * rules: the CA/Browser Forum's voting rules as data — one profile per bylaw
 * era and working-group charter (docs/rules.md, ../shared/reference/
 * voting-rules.md) — and the arithmetic that turns vote counts and a quorum
 * base into a verdict.
 *
 * Design:
 * - Profiles are rows of a read-only table (src/rules.c), not if-chains: the
 *   label, threshold, reading and citation of each era are fields.
 * - A ballot is judged by a ct_rules pair: the Bylaws in force (always) and,
 *   for a working-group ballot, the group's charter. The Forum judges WG
 *   ballots by the Bylaws ("more than half" quorum, "50% plus one" read as
 *   a strict majority), so the Bylaws decide; the charter supplies the group,
 *   its category labels and its literal quorum wording, which is reported as
 *   a warning whenever it gives a different number.
 * - Arithmetic is exact and integral: issuers pass when 3·yes ≥ 2·(yes+no);
 *   consumers when 2·yes > yes+no (reading "M"); the average attendance is a
 *   fraction num/den that is never rounded before halving.
 * - Nothing here does I/O or keeps global state; no function allocates except
 *   the verdict's reasons (freed by ct_verdict_release).
 */
#ifndef CABTALLY_RULES_H
#define CABTALLY_RULES_H

#include <stdint.h>

#include "cabtally/util.h"

/* Voting categories; they index the two-element arrays below. */
typedef enum ct_category {
	CT_CATEGORY_NONE = -1,
	CT_CATEGORY_ISSUER = 0,   /* CAs / Certificate Issuers */
	CT_CATEGORY_CONSUMER = 1, /* browsers / Certificate Consumers */
} ct_category;

/* "issuer", "consumer" or NULL for CT_CATEGORY_NONE. */
const char *ct_category_name(ct_category c);

/* How "50% plus one" (or "more than 50%") of yes+no is read.
 * MAJORITY: 2·yes > yes+no (what the Forum applies; FORUM-020 v2 judged 1 of 1
 * as met). LITERAL: yes ≥ (yes+no)/2 + 1, i.e. 2·yes ≥ yes+no+2.
 * HALF_OR_MORE: 2·yes ≥ yes+no (the voting rules before Ballot 4, 2007). */
typedef enum ct_reading {
	CT_READING_NONE = 0,
	CT_READING_MAJORITY,
	CT_READING_LITERAL,
	CT_READING_HALF_OR_MORE,
} ct_reading;

/* The quorum rule, with A the currently active count (average attendance).
 * MORE_THAN_HALF: participants > A/2 (Bylaws; also "more than half the
 * average"). AVERAGE: participants ≥ A (charters "quorum is the average").
 * HALF_AVERAGE: participants ≥ A/2 (SCWG 1.3 "half the average").
 * MAX3_AVERAGE: participants ≥ max(3, A) (CSCWG text of Ballot FORUM-8). */
typedef enum ct_quorum_rule {
	CT_QUORUM_RULE_NONE = 0,
	CT_QUORUM_MORE_THAN_HALF,
	CT_QUORUM_AVERAGE,
	CT_QUORUM_HALF_AVERAGE,
	CT_QUORUM_MAX3_AVERAGE,
} ct_quorum_rule;

/* One bylaw era or charter version. All strings are static. */
typedef struct ct_profile {
	const char *name;      /* "BL1.5", "SCWG1.1", … (the --rules key) */
	const char *aliases;   /* other keys, space separated ("BL1.6"), or "" */
	const char *group;     /* "forum", "scwg", "smcwg", "cscwg", "netsec", "dgwg" */
	const char *from;      /* first day in force, "YYYY-MM-DD" (inclusive) */
	const char *until;     /* first day no longer in force, or NULL (open) */
	const char *document;  /* "Bylaws v1.5–1.6", "SCWG charter v1.1" */
	const char *issuer_label;      /* plural: "CAs", "Certificate Issuers" */
	const char *consumer_label;    /* plural: "browsers", "Certificate Consumers" */
	const char *issuer_singular;   /* "CA", "Certificate Issuer" */
	const char *consumer_singular; /* "browser", "Certificate Consumer" */
	const char *members;   /* "Members" or "Voting Members" */
	int issuer_num, issuer_den;    /* issuer threshold: yes/(yes+no) ≥ num/den */
	const char *issuer_wording;    /* "two-thirds or more" */
	const char *consumer_wording;  /* "at least 50% plus one", "more than 50%" */
	ct_reading consumer_reading;   /* the reading the Forum applies */
	ct_reading consumer_other;     /* the other plausible reading, or NONE */
	int at_least_one_yes;          /* one yes needed in each category */
	ct_quorum_rule quorum_rule;
	const char *quorum_wording;    /* the document's words */
	const char *quorum_basis;      /* which meetings make up A */
	int transitional_quorum;       /* quorum before three meetings were held, or 0 */
	/* Citations of this document's own section numbers ("Bylaw 2.3(6)"). */
	const char *cite_abstain, *cite_threshold, *cite_quorum;
	/* Other citations the Forum's posts of this era used for the same rule
	 * (e.g. "Bylaw 2.2(f)" under v1.7–2.1), "|"-separated, or "". A post
	 * citing one of these is customary though the number is out of date. */
	const char *seen_threshold, *seen_quorum;
	const char *source;    /* where the reference records it */
} ct_profile;

/* Number of profiles and the i-th one (table order: forum eras by date, then
 * each group's charters by date). */
size_t ct_profile_count(void);
const ct_profile *ct_profile_at(size_t i);
/* Look a profile up by name or alias, case-insensitively; NULL if none. */
const ct_profile *ct_profile_find(const char *name);
/* The profile of `group` in force on `date` (UTC seconds), or NULL. */
const ct_profile *ct_profile_in_force(const char *group, int64_t date);
/* Effective bounds as UTC seconds; until is INT64_MAX when open. */
int64_t ct_profile_from(const ct_profile *p);
int64_t ct_profile_until(const ct_profile *p);

/* The rules that judge one ballot. `bylaws` is never NULL once selected;
 * `charter` is NULL for Forum ballots. */
typedef struct ct_rules {
	const ct_profile *bylaws;
	const ct_profile *charter;
} ct_rules;

/* Marks "no date known" for ct_rules_select: the latest profiles apply. */
#define CT_RULES_NO_DATE INT64_MIN

/* Choose the rules for a ballot of `group` (NULL = "forum") whose voting
 * period starts at `date` (the start of voting decides, reference A6).
 * `override` (NULL for none) is a profile name: a Bylaws profile replaces the
 * Bylaws (the charter still follows the group), a charter profile replaces
 * the charter (the Bylaws follow the date, or the charter's first day when
 * there is no date); "CHARTER+BYLAWS" names both.
 * Returns 0, or CT_ENOTFOUND / CT_EUSAGE with `err` filled. */
int ct_rules_select(ct_rules *out, const char *group, int64_t date,
	const char *override, ct_error *err);

/* The profile whose labels and name describe the ballot: the charter if any,
 * else the Bylaws. */
const ct_profile *ct_rules_main(const ct_rules *r);
/* "BL2.2" or "SCWG1.1+BL2.2" into `out`. */
void ct_rules_name(const ct_rules *r, ct_buf *out);
/* Category label (plural) and singular for `c`. */
const char *ct_rules_label(const ct_rules *r, ct_category c);
const char *ct_rules_singular(const ct_rules *r, ct_category c);

/* ---- Arithmetic ---- */

/* Percentage of yes among yes+no as the Forum's posts print it: rounded to
 * the nearest whole percent, halves up (17/18 → 94, 11/12 → 92, 4/6 → 67),
 * except that a share below 100% never prints as 100 and a share above 0%
 * never prints as 0. Returns -1 when yes+no is 0. */
int ct_rules_percent(long yes, long total);

/* Does `yes` of `yes+no` meet the consumer test under `reading`? */
int ct_reading_met(ct_reading reading, long yes, long no);
/* Smallest number of yes votes out of `total` that meets `reading`. */
long ct_reading_required(ct_reading reading, long total);
/* Words for a reading ("more than half of yes+no"). */
const char *ct_reading_describe(ct_reading reading);

/* Where the quorum base comes from. */
typedef enum ct_quorum_basis {
	CT_QUORUM_BASIS_NONE = 0, /* nothing given: quorum not established */
	CT_QUORUM_BASIS_ATTENDANCE, /* participation at the previous meetings */
	CT_QUORUM_BASIS_ACTIVE,     /* the currently active count given directly */
	CT_QUORUM_BASIS_QUORUM,     /* the quorum itself given directly */
} ct_quorum_basis;

#define CT_MAX_ATTENDANCE 16

typedef struct ct_quorum_base {
	ct_quorum_basis basis;
	long attendance[CT_MAX_ATTENDANCE]; /* ATTENDANCE: the counts, ≥ 0 */
	int nattendance;                    /* 1..CT_MAX_ATTENDANCE */
	long active;                        /* ACTIVE: A */
	long quorum;                        /* QUORUM: the required participants */
} ct_quorum_base;

#define CT_QUORUM_BASE_INIT { CT_QUORUM_BASIS_NONE, { 0 }, 0, 0, 0 }

/* Parse "20,21,19" into base (basis ATTENDANCE). Returns 0 or CT_EUSAGE. */
int ct_quorum_base_parse_attendance(ct_quorum_base *base, const char *list, ct_error *err);

/* A computed quorum. Unknown integers are -1. */
typedef struct ct_quorum {
	ct_quorum_basis basis;
	int established;          /* a base was given, so `required` is known */
	long attendance[CT_MAX_ATTENDANCE];
	int nattendance;
	int64_t active_num, active_den; /* A = num/den in lowest terms (den ≥ 1) */
	long half;                /* floor(A/2): the "half … was N" of the posts */
	long required;            /* the smallest participant count that meets quorum */
	long participants;        /* yes+no+abstain of both categories, or -1 */
	int met;                  /* 1, 0, or -1 when unknown */
	ct_quorum_rule literal_rule; /* the charter's own rule when it differs, else NONE */
	long literal_required;    /* quorum under literal_rule, or -1 */
	const char *citation;     /* "Bylaw 2.3(7)" */
} ct_quorum;

/* Compute the quorum under `r` from `base`; `participants` < 0 means not
 * known (the quorum command). Never fails: an unusable base gives
 * established = 0. */
void ct_quorum_compute(ct_quorum *q, const ct_rules *r, const ct_quorum_base *base,
	long participants);
/* Required participants under `rule` for A = num/den. */
long ct_quorum_required(ct_quorum_rule rule, int64_t num, int64_t den);
/* The derivation in words, several lines ending in '\n' ("average: 60/3 = 20
 * …"), for the quorum command and reports. */
void ct_quorum_describe(ct_buf *out, const ct_quorum *q, const ct_rules *r);
/* Append the JSON object for `q` (the "quorum" member of INTERFACE.md). */
void ct_quorum_to_json(ct_buf *out, const ct_quorum *q);
/* Append the JSON object {"profile": …, "citations": {…}, …} for `r`. */
void ct_rules_to_json(ct_buf *out, const ct_rules *r);

/* ---- Verdict ---- */

typedef struct ct_counts {
	long yes, no, abstain;
} ct_counts;

typedef struct ct_category_result {
	ct_counts n;
	int percent_yes;       /* ct_rules_percent(yes, yes+no); -1 when n/a */
	long required_yes;     /* yes votes the ratio test needs out of yes+no now */
	int threshold_na;      /* yes+no is 0: the ratio test does not apply */
	int threshold_met;     /* the ratio test (0 when n/a) */
	int one_yes_met;       /* at least one yes (1 when the profile does not ask) */
	int met;               /* both */
	long more_yes_needed;  /* added yes votes that would meet both; 0 when met */
	int other_reading_met; /* ratio test under the other reading; -1 none */
	char required[160];    /* "two-thirds or more of yes+no" */
	char margin[200];      /* "met: 17 of 18 yes (12 needed)" / "needs 2 more yes votes among …" */
} ct_category_result;

typedef enum ct_outcome {
	CT_OUTCOME_PASSED = 0,
	CT_OUTCOME_FAILED,
	CT_OUTCOME_NO_QUORUM,
	CT_OUTCOME_NO_PERIOD,
} ct_outcome;

/* "passed", "failed", "no-quorum", "no-period". */
const char *ct_outcome_name(ct_outcome o);

typedef struct ct_verdict {
	ct_category_result cat[2];  /* indexed by ct_category */
	ct_quorum quorum;
	ct_outcome outcome;
	int provisional;   /* passed on the thresholds, but quorum was not established */
	char **reasons;    /* one sentence per requirement, owned */
	size_t nreasons;
	ct_warnings warnings; /* "consumer-reading", "charter-quorum", "quorum-not-established" */
} ct_verdict;

/* Judge `counts` (indexed by ct_category) under `r` with the quorum `base`.
 * `period_known` 0 gives outcome no-period (the counts are still judged).
 * Release with ct_verdict_release. */
void ct_rules_evaluate(ct_verdict *v, const ct_rules *r, const ct_counts counts[2],
	const ct_quorum_base *base, int period_known);
void ct_verdict_release(ct_verdict *v);

#endif
