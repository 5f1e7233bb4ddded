/* rules: profile choice, the Forum's arithmetic, and the worked examples of
 * ../shared/reference/voting-rules.md §4 as tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cabtally/rules.h"

static int64_t at(int y, int mo, int d, int h, int mi)
{
	return ct_time_from_civil(y, mo, d, h, mi, 0);
}

static int has_warning(const ct_verdict *v, const char *code)
{
	for (size_t i = 0; i < v->warnings.count; i++)
		if (!strcmp(v->warnings.items[i].code, code))
			return 1;
	return 0;
}

static int has_reason(const ct_verdict *v, const char *needle)
{
	for (size_t i = 0; i < v->nreasons; i++)
		if (strstr(v->reasons[i], needle))
			return 1;
	return 0;
}

/* ---- profile choice ---- */

static const struct {
	const char *group;
	int y, mo, d, h;
	const char *profile; /* ct_rules_name */
	const char *threshold, *quorum, *issuers;
} choices[] = {
	{ "forum", 2014, 2, 1, 0, "BL1.0", "Bylaw 2.2(f)", "Bylaw 2.2(g)", "CAs" },
	{ "forum", 2017, 1, 30, 23, "BL1.0", "Bylaw 2.2(f)", "Bylaw 2.2(g)", "CAs" },
	{ "forum", 2017, 1, 31, 0, "BL1.5", "Bylaw 2.2(f)", "Bylaw 2.2(g)", "CAs" },
	{ "forum", 2017, 3, 1, 22, "BL1.5", "Bylaw 2.2(f)", "Bylaw 2.2(g)", "CAs" },
	{ "forum", 2018, 3, 28, 0, "BL1.7", "Bylaw 2.3(f)", "Bylaw 2.3(g)", "CAs" },
	{ "forum", 2018, 7, 3, 0, "BL1.9", "Bylaw 2.3(f)", "Bylaw 2.3(g)", "Certificate Issuers" },
	{ "forum", 2019, 5, 20, 23, "BL1.9", "Bylaw 2.3(f)", "Bylaw 2.3(g)", "Certificate Issuers" },
	{ "forum", 2019, 5, 21, 0, "BL2.2", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "forum", 2020, 5, 26, 0, "BL2.3", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "forum", 2023, 7, 20, 0, "BL2.5", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ NULL, 2025, 1, 1, 0, "BL2.5", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "scwg", 2018, 7, 20, 0, "SCWG1.0+BL1.9", "Bylaw 2.3(f)", "Bylaw 2.3(g)", "Certificate Issuers" },
	{ "scwg", 2019, 11, 7, 3, "SCWG1.1+BL2.2", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "SCWG", 2023, 1, 20, 0, "SCWG1.2+BL2.3", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "scwg", 2024, 3, 4, 0, "SCWG1.3+BL2.5", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "cscwg", 2020, 1, 14, 0, "CSCWG-F8+BL2.2", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "cscwg", 2021, 9, 1, 0, "CSCWG1.0+BL2.3", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "cscwg", 2024, 5, 20, 0, "CSCWG1.1+BL2.5", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "smcwg", 2022, 10, 25, 0, "SMCWG1.0+BL2.3", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
	{ "netsec", 2024, 4, 1, 0, "NETSEC1.0+BL2.5", "Bylaw 2.3(6)", "Bylaw 2.3(7)", "Certificate Issuers" },
};

static void profile_chosen_by_group_and_start_of_voting(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(choices) / sizeof(choices[0]); i++) {
		ct_rules r;
		ct_error err = CT_ERROR_INIT;
		int rc = ct_rules_select(&r, choices[i].group,
			at(choices[i].y, choices[i].mo, choices[i].d, choices[i].h, 0), NULL, &err);
		if (rc)
			fail_msg("row %zu: %s", i, err.msg);
		ct_buf name = CT_BUF_INIT;
		ct_rules_name(&r, &name);
		if (strcmp(ct_buf_cstr(&name), choices[i].profile))
			fail_msg("row %zu: got %s, want %s", i, ct_buf_cstr(&name), choices[i].profile);
		ct_buf_release(&name);
		assert_string_equal(r.bylaws->cite_threshold, choices[i].threshold);
		assert_string_equal(r.bylaws->cite_quorum, choices[i].quorum);
		assert_string_equal(ct_rules_label(&r, CT_CATEGORY_ISSUER), choices[i].issuers);
	}
}

static void profile_override_and_errors(void **state)
{
	(void)state;
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "forum", at(2019, 1, 1, 0, 0), "bl1.6", &err), 0);
	assert_string_equal(r.bylaws->name, "BL1.5");
	assert_null(r.charter);
	/* a charter override: the Bylaws follow the charter's first day */
	assert_int_equal(ct_rules_select(&r, "scwg", CT_RULES_NO_DATE, "SCWG1.1", &err), 0);
	assert_string_equal(r.charter->name, "SCWG1.1");
	assert_string_equal(r.bylaws->name, "BL2.2");
	assert_int_equal(ct_rules_select(&r, "scwg", CT_RULES_NO_DATE, "SCWG1.3+BL2.3", &err), 0);
	assert_string_equal(r.charter->name, "SCWG1.3");
	assert_string_equal(r.bylaws->name, "BL2.3");
	assert_int_equal(ct_rules_select(&r, "forum", CT_RULES_NO_DATE, NULL, &err), 0);
	assert_string_equal(r.bylaws->name, "BL2.5");
	assert_int_equal(ct_rules_select(&r, "forum", 0, "BL9.9", &err), CT_ENOTFOUND);
	assert_non_null(strstr(err.msg, "BL9.9"));
	assert_int_equal(ct_rules_select(&r, "scwg", at(2017, 3, 1, 0, 0), NULL, &err), CT_ENOTFOUND);
	assert_non_null(strstr(err.msg, "scwg"));
	assert_int_equal(ct_rules_select(&r, "forum", at(2000, 1, 1, 0, 0), NULL, &err), CT_ENOTFOUND);
	assert_int_equal(ct_rules_select(&r, "bogus", at(2020, 1, 1, 0, 0), NULL, &err), CT_ENOTFOUND);
}

/* Every profile: in force from its first day to the day before its end, with
 * the fields a renderer needs. */
static void profiles_are_consistent(void **state)
{
	(void)state;
	assert_true(ct_profile_count() >= 17);
	for (size_t i = 0; i < ct_profile_count(); i++) {
		const ct_profile *p = ct_profile_at(i);
		assert_non_null(p->cite_threshold);
		assert_non_null(p->cite_quorum);
		assert_non_null(p->issuer_label);
		assert_int_equal(p->issuer_num * 3, p->issuer_den * 2);
		assert_true(p->consumer_reading == CT_READING_MAJORITY);
		assert_true(ct_profile_from(p) < ct_profile_until(p));
		assert_ptr_equal(ct_profile_in_force(p->group, ct_profile_from(p)), p);
		if (p->until)
			assert_ptr_equal(ct_profile_in_force(p->group, ct_profile_until(p) - 1), p);
		assert_ptr_equal(ct_profile_find(p->name), p);
	}
	assert_null(ct_profile_at(ct_profile_count()));
}

/* ---- percentages as the Forum prints them ---- */

static void percentages_round_like_the_posts(void **state)
{
	(void)state;
	static const struct { long yes, total; int want; const char *post; } rows[] = {
		{ 17, 18, 94, "Ballot 187: 94.4% → 94%" },
		{ 14, 15, 93, "Ballot 199: 93.3% → 93%" },
		{ 13, 14, 93, "Ballot 208: 92.9% → 93% (nearest, not down)" },
		{ 11, 12, 92, "FORUM-020 v2: 91.7% → 92%" },
		{ 20, 22, 91, "SC-12: 90.9% → 91%" },
		{ 20, 21, 95, "SC13: 95.2% → 95%" },
		{ 12, 14, 86, "FORUM-6: 85.7% → 86%" },
		{ 13, 16, 81, "Ballot 214: 81.25% → 81%" },
		{ 15, 19, 79, "SC31: 78.9% → 79%" },
		{ 14, 18, 78, "Ballot 218: 77.8% → 78%" },
		{ 4, 6, 67, "SC-12 consumers: 66.7% → 67%" },
		{ 12, 19, 63, "Ballot 202: 63.2% → 63%" },
		{ 11, 31, 35, "SC22: 35.5% → 35%" },
		{ 2, 4, 50, "Ballot 208 browsers" },
		{ 3, 3, 100, "exactly 100%" },
		{ 0, 2, 0, "exactly 0%" },
		{ 1, 8, 13, "12.5%: halves up" },
		{ 199, 200, 99, "99.5% never shows as 100%" },
		{ 1, 300, 1, "0.33% never shows as 0%" },
		{ 0, 0, -1, "no yes or no votes: n/a" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int got = ct_rules_percent(rows[i].yes, rows[i].total);
		if (got != rows[i].want)
			fail_msg("%s: got %d", rows[i].post, got);
	}
}

/* ---- threshold boundary tables ---- */

static void judge(ct_verdict *v, const char *profile, long iy, long in, long ia,
	long cy, long cn, long ca, long active)
{
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "forum", CT_RULES_NO_DATE, profile, &err), 0);
	ct_counts c[2] = { { iy, in, ia }, { cy, cn, ca } };
	ct_quorum_base b = CT_QUORUM_BASE_INIT;
	if (active >= 0) {
		b.basis = CT_QUORUM_BASIS_ACTIVE;
		b.active = active;
	}
	ct_rules_evaluate(v, &r, c, &b, 1);
}

static void issuer_threshold_table(void **state)
{
	(void)state;
	static const struct { long yes, no; int met; long more; const char *margin; } rows[] = {
		{ 0, 0, 0, 1, "no yes or no votes; needs 1 yes vote among Certificate Issuers" },
		{ 1, 0, 1, 0, "met: 1 of 1" },
		{ 0, 1, 0, 2, "needs 2 more yes votes among Certificate Issuers" },
		{ 2, 1, 1, 0, "met: 2 of 3 yes+no votes in favor, 2 needed" }, /* exactly 2/3 */
		{ 3, 2, 0, 1, "needs 1 more yes vote among Certificate Issuers" },
		{ 4, 2, 1, 0, "met: 4 of 6" },
		{ 1, 1, 0, 1, "needs 1 more yes vote" },
		{ 5, 3, 0, 1, "needs 1 more yes vote" },  /* 62.5% */
		{ 17, 1, 1, 0, "12 needed" },
		{ 199, 100, 0, 1, "needs 1 more yes vote" }, /* 66.56%: float-free */
		{ 200, 100, 1, 0, "met" },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ct_verdict v;
		judge(&v, "BL2.5", rows[i].yes, rows[i].no, 0, 1, 0, 0, -1);
		const ct_category_result *cr = &v.cat[CT_CATEGORY_ISSUER];
		if (cr->met != rows[i].met || cr->more_yes_needed != rows[i].more ||
		    !strstr(cr->margin, rows[i].margin))
			fail_msg("issuer %ld/%ld: met %d more %ld margin '%s'", rows[i].yes, rows[i].no,
				cr->met, cr->more_yes_needed, cr->margin);
		ct_verdict_release(&v);
	}
}

static void consumer_threshold_table_and_readings(void **state)
{
	(void)state;
	/* M = more than half (applied); L = literal yes ≥ (yes+no)/2 + 1 */
	static const struct { long yes, no; int met_m, met_l; long more; } rows[] = {
		{ 0, 0, 0, 0, 1 },
		{ 1, 0, 1, 0, 0 }, /* FORUM-020 v2: 1 of 1 judged met */
		{ 0, 1, 0, 0, 2 },
		{ 2, 1, 1, 0, 0 },
		{ 3, 2, 1, 0, 0 },
		{ 4, 2, 1, 1, 0 },
		{ 2, 2, 0, 0, 1 }, /* Ballot 208: 50% fails */
		{ 3, 0, 1, 1, 0 }, /* Ballot 187 */
		{ 4, 0, 1, 1, 0 }, /* SC23 */
		{ 5, 4, 1, 0, 0 },
		{ 6, 4, 1, 1, 0 },
		{ 3, 3, 0, 0, 1 },
		{ 0, 4, 0, 0, 5 }, /* SC60 */
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ct_verdict v;
		judge(&v, "BL2.2", 1, 0, 0, rows[i].yes, rows[i].no, 0, -1);
		const ct_category_result *cr = &v.cat[CT_CATEGORY_CONSUMER];
		assert_int_equal(ct_reading_met(CT_READING_LITERAL, rows[i].yes, rows[i].no), rows[i].met_l);
		int warned = has_warning(&v, "consumer-reading");
		int want_warn = rows[i].yes + rows[i].no > 0 && rows[i].met_m != rows[i].met_l;
		if (cr->met != rows[i].met_m || cr->more_yes_needed != rows[i].more || warned != want_warn)
			fail_msg("consumer %ld/%ld: met %d more %ld warned %d", rows[i].yes, rows[i].no,
				cr->met, cr->more_yes_needed, warned);
		ct_verdict_release(&v);
	}
}

static void reading_required_counts(void **state)
{
	(void)state;
	/* yes votes needed of n: M = floor(n/2)+1, L = ceil(n/2+1), half-or-more = ceil(n/2) */
	static const long want[][4] = {
		{ 1, 1, 2, 1 }, { 2, 2, 2, 1 }, { 3, 2, 3, 2 }, { 4, 3, 3, 2 }, { 5, 3, 4, 3 },
	};
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(ct_reading_required(CT_READING_MAJORITY, want[i][0]), want[i][1]);
		assert_int_equal(ct_reading_required(CT_READING_LITERAL, want[i][0]), want[i][2]);
		assert_int_equal(ct_reading_required(CT_READING_HALF_OR_MORE, want[i][0]), want[i][3]);
	}
}

/* ---- quorum ---- */

static void quorum_from_fractional_averages(void **state)
{
	(void)state;
	static const struct { long a[3]; int n; long num, den, half, q; } rows[] = {
		{ { 20, 21, 19 }, 3, 20, 1, 10, 11 },
		{ { 20, 21, 20 }, 3, 61, 3, 10, 11 },
		{ { 21, 22, 22 }, 3, 65, 3, 10, 11 }, /* 21.67: rounding A first would give 12 */
		{ { 22, 22, 23 }, 3, 67, 3, 11, 12 },
		{ { 21, 21, 21 }, 3, 21, 1, 10, 11 },
		{ { 22, 22, 22 }, 3, 22, 1, 11, 12 },
		{ { 20, 0, 0 }, 1, 20, 1, 10, 11 },   /* SC23: "the last teleconference" */
		{ { 19, 20, 0 }, 2, 39, 2, 9, 10 },
		{ { 0, 0, 0 }, 3, 0, 1, 0, 1 },
	};
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "forum", at(2019, 1, 1, 0, 0), NULL, &err), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ct_quorum_base b = CT_QUORUM_BASE_INIT;
		b.basis = CT_QUORUM_BASIS_ATTENDANCE;
		b.nattendance = rows[i].n;
		memcpy(b.attendance, rows[i].a, sizeof(rows[i].a));
		ct_quorum q;
		ct_quorum_compute(&q, &r, &b, -1);
		if (!q.established || q.active_num != rows[i].num || q.active_den != rows[i].den ||
		    q.half != rows[i].half || q.required != rows[i].q || q.met != -1)
			fail_msg("row %zu: %lld/%lld half %ld q %ld", i, (long long)q.active_num,
				(long long)q.active_den, q.half, q.required);
	}
}

static void quorum_bases_and_charter_literal(void **state)
{
	(void)state;
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	ct_quorum q;
	ct_quorum_base b = CT_QUORUM_BASE_INIT;

	assert_int_equal(ct_rules_select(&r, "forum", at(2019, 1, 1, 0, 0), NULL, &err), 0);
	ct_quorum_compute(&q, &r, &b, 12);
	assert_false(q.established);
	assert_int_equal(q.required, -1);
	assert_int_equal(q.met, -1);

	b.basis = CT_QUORUM_BASIS_QUORUM;
	b.quorum = 13;
	ct_quorum_compute(&q, &r, &b, 13);
	assert_true(q.established);
	assert_int_equal(q.required, 13);
	assert_int_equal(q.half, -1);
	assert_int_equal(q.met, 1);

	b.basis = CT_QUORUM_BASIS_ACTIVE;
	b.active = 21;
	ct_quorum_compute(&q, &r, &b, 10);
	assert_int_equal(q.half, 10);
	assert_int_equal(q.required, 11);
	assert_int_equal(q.met, 0);
	assert_int_equal(q.literal_rule, CT_QUORUM_RULE_NONE);

	/* SCWG 1.1 "quorum is the average": 20 literally, 11 applied */
	assert_int_equal(ct_rules_select(&r, "scwg", at(2019, 11, 7, 3, 0), NULL, &err), 0);
	b.active = 20;
	ct_quorum_compute(&q, &r, &b, 19);
	assert_int_equal(q.required, 11);
	assert_int_equal(q.literal_rule, CT_QUORUM_AVERAGE);
	assert_int_equal(q.literal_required, 20);
	/* SCWG 1.3 "half the average": 10 literally */
	assert_int_equal(ct_rules_select(&r, "scwg", at(2024, 3, 1, 0, 0), NULL, &err), 0);
	ct_quorum_compute(&q, &r, &b, 19);
	assert_int_equal(q.literal_required, 10);
	/* CSCWG under FORUM-8: the larger of 3 or the average */
	assert_int_equal(ct_rules_select(&r, "cscwg", at(2020, 1, 1, 0, 0), NULL, &err), 0);
	b.active = 2;
	ct_quorum_compute(&q, &r, &b, 3);
	assert_int_equal(q.literal_required, 3);
	assert_int_equal(q.required, 2);
	/* CSCWG 1.1 says "more than half the average", like the Bylaws: no literal */
	assert_int_equal(ct_rules_select(&r, "cscwg", at(2024, 6, 1, 0, 0), NULL, &err), 0);
	ct_quorum_compute(&q, &r, &b, 3);
	assert_int_equal(q.literal_rule, CT_QUORUM_RULE_NONE);
	assert_int_equal(ct_quorum_required(CT_QUORUM_HALF_AVERAGE, 65, 3), 11);
	assert_int_equal(ct_quorum_required(CT_QUORUM_AVERAGE, 65, 3), 22);
}

static void attendance_parsing(void **state)
{
	(void)state;
	ct_quorum_base b = CT_QUORUM_BASE_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "20,21, 19", &err), 0);
	assert_int_equal(b.nattendance, 3);
	assert_int_equal(b.attendance[2], 19);
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "20", &err), 0);
	assert_int_equal(b.nattendance, 1);
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "20,,19", &err), CT_EUSAGE);
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "20,x", &err), CT_EUSAGE);
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "-3", &err), CT_EUSAGE);
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "", &err), CT_EUSAGE);
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "20;21", &err), CT_EUSAGE);
}

static void quorum_derivation_text_and_json(void **state)
{
	(void)state;
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "forum", at(2019, 1, 1, 0, 0), NULL, &err), 0);
	ct_quorum_base b = CT_QUORUM_BASE_INIT;
	assert_int_equal(ct_quorum_base_parse_attendance(&b, "21,22,22", &err), 0);
	ct_quorum q;
	ct_quorum_compute(&q, &r, &b, -1);
	ct_buf t = CT_BUF_INIT;
	ct_quorum_describe(&t, &q, &r);
	assert_non_null(strstr(t.buf, "65/3 ≈ 21.67"));
	assert_non_null(strstr(t.buf, "65/6 ≈ 10.83, whole part 10"));
	assert_non_null(strstr(t.buf, "quorum: 11 participants, the smallest number more than half (Bylaw 2.3(g)"));
	ct_buf_reset(&t);
	ct_quorum_to_json(&t, &q);
	assert_string_equal(t.buf,
		"{\"established\": true, \"basis\": \"attendance\", \"attendance\": [21, 22, 22], "
		"\"active\": 21.67, \"active_exact\": \"65/3\", \"half\": 10, \"required\": 11, "
		"\"participants\": null, \"met\": null, \"citation\": \"Bylaw 2.3(g)\", \"charter_literal\": null}");
	ct_buf_release(&t);
}

/* ---- worked examples (reference §4) ---- */

struct example {
	const char *name, *group;
	int y, mo, d, h;
	long c[2][3];
	ct_quorum_basis basis;
	long base; /* active count, or the quorum */
	const char *outcome;
	int pct[2];
	long half, required;
	const char *reason; /* a phrase the reasons must hold */
};

static const struct example examples[] = {
	{ "Ballot 110 (BL1.0)", "forum", 2014, 1, 30, 0, { { 6, 0, 0 }, { 0, 2, 0 } },
	  CT_QUORUM_BASIS_QUORUM, 6, "failed", { 100, 0 }, -1, 6, "at least one CA and one browser must vote in favor: not met" },
	{ "Ballot 187 (BL1.5)", "forum", 2017, 3, 1, 22, { { 17, 1, 1 }, { 3, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 20, "passed", { 94, 100 }, 10, 11, "half of currently active Members was 10, so quorum was 11: met" },
	{ "Ballot 187, A = 21 (BL1.5)", "forum", 2017, 3, 1, 22, { { 17, 1, 1 }, { 3, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 21, "passed", { 94, 100 }, 10, 11, "Bylaw 2.2(f)" },
	{ "Ballot 206 (BL1.8)", "forum", 2018, 3, 28, 0, { { 16, 0, 0 }, { 5, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 20, "passed", { 100, 100 }, 10, 11, "Bylaw 2.3(g)" },
	{ "FORUM-8 (BL2.1)", "forum", 2019, 3, 2, 0, { { 24, 0, 0 }, { 3, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 18, "passed", { 100, 100 }, 9, 10, "so quorum was 10" },
	{ "SC23 v3 (SCWG1.1, BL2.2)", "scwg", 2019, 11, 7, 3, { { 15, 0, 0 }, { 4, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 20, "passed", { 100, 100 }, 10, 11, "Bylaw 2.3(7)" },
	{ "SMC01 (SMCWG1.0, BL2.4)", "smcwg", 2022, 10, 25, 0, { { 19, 3, 0 }, { 4, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 18, "passed", { 86, 100 }, 9, 10, "Voting Members was 9" },
	{ "SC60 (SCWG1.2, BL2.4)", "scwg", 2023, 1, 20, 0, { { 4, 1, 7 }, { 0, 4, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 24, "failed", { 80, 0 }, 12, 13, "needs 5 more yes votes among Certificate Consumers" },
	{ "FORUM-020 v2 (BL2.5)", "forum", 2024, 1, 5, 0, { { 11, 1, 0 }, { 1, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 24, "passed", { 92, 100 }, 12, 13, "13 participants" },
	{ "SC-69 (SCWG1.3, BL2.5)", "scwg", 2024, 3, 4, 0, { { 26, 0, 0 }, { 2, 0, 0 } },
	  CT_QUORUM_BASIS_QUORUM, 16, "passed", { 100, 100 }, -1, 16, "quorum 16 (given): met" },
	{ "NS-003 (NETSEC1.0, BL2.5)", "netsec", 2024, 4, 1, 0, { { 18, 0, 0 }, { 4, 0, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 15, "passed", { 100, 100 }, 7, 8, "so quorum was 8" },
	{ "CSC-9 (CSCWG1.0, BL2.3), no quorum published", "cscwg", 2021, 8, 20, 0, { { 10, 0, 0 }, { 1, 0, 0 } },
	  CT_QUORUM_BASIS_NONE, 0, "passed", { 100, 100 }, -1, -1, "not established" },
	{ "Ballot 208 (BL1.7)", "forum", 2017, 10, 19, 0, { { 13, 1, 2 }, { 2, 2, 0 } },
	  CT_QUORUM_BASIS_ACTIVE, 20, "failed", { 93, 50 }, 10, 11, "needs 1 more yes vote among browsers" },
};

static void worked_examples(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		const struct example *e = &examples[i];
		ct_rules r;
		ct_error err = CT_ERROR_INIT;
		if (ct_rules_select(&r, e->group, at(e->y, e->mo, e->d, e->h, 0), NULL, &err))
			fail_msg("%s: %s", e->name, err.msg);
		ct_counts c[2];
		for (int k = 0; k < 2; k++)
			c[k] = (ct_counts){ e->c[k][0], e->c[k][1], e->c[k][2] };
		ct_quorum_base b = CT_QUORUM_BASE_INIT;
		b.basis = e->basis;
		b.active = b.quorum = e->base;
		ct_verdict v;
		ct_rules_evaluate(&v, &r, c, &b, 1);
		if (strcmp(ct_outcome_name(v.outcome), e->outcome))
			fail_msg("%s: outcome %s", e->name, ct_outcome_name(v.outcome));
		for (int k = 0; k < 2; k++)
			if (v.cat[k].percent_yes != e->pct[k])
				fail_msg("%s: percent[%d] %d", e->name, k, v.cat[k].percent_yes);
		if (v.quorum.half != e->half || v.quorum.required != e->required)
			fail_msg("%s: half %ld required %ld", e->name, v.quorum.half, v.quorum.required);
		if (!has_reason(&v, e->reason)) {
			for (size_t k = 0; k < v.nreasons; k++)
				print_message("  reason: %s\n", v.reasons[k]);
			fail_msg("%s: no reason with '%s'", e->name, e->reason);
		}
		ct_verdict_release(&v);
	}
}

static void sc23_warns_about_the_charter_literal_quorum(void **state)
{
	(void)state;
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "scwg", at(2019, 11, 7, 3, 0), NULL, &err), 0);
	ct_counts c[2] = { { 15, 0, 0 }, { 4, 0, 0 } };
	ct_quorum_base b = CT_QUORUM_BASE_INIT;
	b.basis = CT_QUORUM_BASIS_ATTENDANCE;
	b.attendance[0] = 20;
	b.nattendance = 1;
	ct_verdict v;
	ct_rules_evaluate(&v, &r, c, &b, 1);
	assert_int_equal(v.outcome, CT_OUTCOME_PASSED);
	assert_false(v.provisional);
	assert_int_equal(v.quorum.participants, 19);
	assert_true(has_warning(&v, "charter-quorum"));
	assert_false(has_warning(&v, "consumer-reading"));
	ct_verdict_release(&v);
}

static void outcomes_no_quorum_no_period_provisional(void **state)
{
	(void)state;
	ct_verdict v;
	judge(&v, "BL2.5", 3, 0, 1, 1, 0, 0, 20);
	assert_int_equal(v.outcome, CT_OUTCOME_NO_QUORUM);
	assert_true(has_reason(&v, "needs 6 more participants"));
	ct_verdict_release(&v);

	judge(&v, "BL2.5", 10, 0, 0, 2, 0, 0, -1);
	assert_int_equal(v.outcome, CT_OUTCOME_PASSED);
	assert_true(v.provisional);
	assert_true(has_warning(&v, "quorum-not-established"));
	ct_verdict_release(&v);

	judge(&v, "BL2.5", 1, 5, 0, 2, 0, 0, -1);
	assert_int_equal(v.outcome, CT_OUTCOME_FAILED);
	assert_false(v.provisional);
	ct_verdict_release(&v);

	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "forum", CT_RULES_NO_DATE, NULL, &err), 0);
	ct_counts c[2] = { { 10, 0, 0 }, { 2, 0, 0 } };
	ct_quorum_base b = CT_QUORUM_BASE_INIT;
	ct_rules_evaluate(&v, &r, c, &b, 0);
	assert_int_equal(v.outcome, CT_OUTCOME_NO_PERIOD);
	assert_true(has_reason(&v, "voting period could not be established"));
	ct_verdict_release(&v);
	assert_string_equal(ct_outcome_name(CT_OUTCOME_NO_QUORUM), "no-quorum");
}

static void rules_json(void **state)
{
	(void)state;
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, "scwg", at(2019, 11, 7, 3, 0), NULL, &err), 0);
	ct_buf t = CT_BUF_INIT;
	ct_rules_to_json(&t, &r);
	assert_string_equal(t.buf,
		"{\"profile\": \"SCWG1.1+BL2.2\", \"bylaws\": \"BL2.2\", \"charter\": \"SCWG1.1\", "
		"\"document\": \"SCWG charter v1.1\", \"citations\": {\"abstain\": \"Bylaw 2.3(5)\", "
		"\"threshold\": \"Bylaw 2.3(6)\", \"quorum\": \"Bylaw 2.3(7)\"}, "
		"\"consumer_reading\": \"more than half of yes+no\"}");
	ct_buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(profile_chosen_by_group_and_start_of_voting),
		cmocka_unit_test(profile_override_and_errors),
		cmocka_unit_test(profiles_are_consistent),
		cmocka_unit_test(percentages_round_like_the_posts),
		cmocka_unit_test(issuer_threshold_table),
		cmocka_unit_test(consumer_threshold_table_and_readings),
		cmocka_unit_test(reading_required_counts),
		cmocka_unit_test(quorum_from_fractional_averages),
		cmocka_unit_test(quorum_bases_and_charter_literal),
		cmocka_unit_test(attendance_parsing),
		cmocka_unit_test(quorum_derivation_text_and_json),
		cmocka_unit_test(worked_examples),
		cmocka_unit_test(sc23_warns_about_the_charter_literal_quorum),
		cmocka_unit_test(outcomes_no_quorum_no_period_provisional),
		cmocka_unit_test(rules_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
