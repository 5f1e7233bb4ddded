/* ballot ids: every spelling the Forum uses, and numbers that are not ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cabtally/ballot.h"

/* canon NULL: the token is not a ballot id. */
static const struct {
	const char *token;
	const char *canon;
	ct_group group;
	int version;
	const char *display;
} parse_rows[] = {
	{ "187", "187", CT_GROUP_FORUM, 0, "187" },
	{ "Ballot 187", "187", CT_GROUP_FORUM, 0, "187" },
	{ "ballot 187", "187", CT_GROUP_FORUM, 0, "187" },
	{ "BALLOT 187:", "187", CT_GROUP_FORUM, 0, "187" },
	{ "Ballot [85]", "85", CT_GROUP_FORUM, 0, "85" },
	{ "Ballot #194", "194", CT_GROUP_FORUM, 0, "194" },
	{ "Ballot 108:", "108", CT_GROUP_FORUM, 0, "108" },
	{ "  Ballot 73 ", "73", CT_GROUP_FORUM, 0, "73" },
	{ "Ballot 193 v2", "193", CT_GROUP_FORUM, 2, "193v2" },
	{ "SC23", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "SC-23", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "SC023", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "SC-023", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "sc-023", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "sc23v3", "SC23", CT_GROUP_SCWG, 3, "SC23v3" },
	{ "SC23v3", "SC23", CT_GROUP_SCWG, 3, "SC23v3" },
	{ "SC23 v3", "SC23", CT_GROUP_SCWG, 3, "SC23v3" },
	{ "SC23 V3", "SC23", CT_GROUP_SCWG, 3, "SC23v3" },
	{ "SC-064", "SC64", CT_GROUP_SCWG, 0, "SC64" },
	{ "SC-064:", "SC64", CT_GROUP_SCWG, 0, "SC64" },
	{ "sc-64", "SC64", CT_GROUP_SCWG, 0, "SC64" },
	{ "SC64", "SC64", CT_GROUP_SCWG, 0, "SC64" },
	{ "SC-59 v2", "SC59", CT_GROUP_SCWG, 2, "SC59v2" },
	{ "SC-022v2", "SC22", CT_GROUP_SCWG, 2, "SC22v2" },
	{ "SC-066 v4", "SC66", CT_GROUP_SCWG, 4, "SC66v4" },
	{ "SC-083v3", "SC83", CT_GROUP_SCWG, 3, "SC83v3" },
	{ "SC37", "SC37", CT_GROUP_SCWG, 0, "SC37" },
	{ "SC037", "SC37", CT_GROUP_SCWG, 0, "SC37" },
	{ "Special Ballot SC37", "SC37", CT_GROUP_SCWG, 0, "SC37" },
	{ "Ballot SC-75 v3", "SC75", CT_GROUP_SCWG, 3, "SC75v3" },
	{ "SC 23", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "SC\xE2\x80\x93" "23", "SC23", CT_GROUP_SCWG, 0, "SC23" },
	{ "SMC08", "SMC8", CT_GROUP_SMCWG, 0, "SMC08" },
	{ "SMC-08", "SMC8", CT_GROUP_SMCWG, 0, "SMC08" },
	{ "SMC8", "SMC8", CT_GROUP_SMCWG, 0, "SMC08" },
	{ "SMC01v3", "SMC1", CT_GROUP_SMCWG, 3, "SMC01v3" },
	{ "SMC012", "SMC12", CT_GROUP_SMCWG, 0, "SMC12" },
	{ "smc-001", "SMC1", CT_GROUP_SMCWG, 0, "SMC01" },
	{ "CSC-19", "CSC19", CT_GROUP_CSCWG, 0, "CSC-19" },
	{ "CSC19", "CSC19", CT_GROUP_CSCWG, 0, "CSC-19" },
	{ "CSCWG-19", "CSC19", CT_GROUP_CSCWG, 0, "CSC-19" },
	{ "CSCWG-3", "CSC3", CT_GROUP_CSCWG, 0, "CSC-3" },
	{ "CSC-7v2", "CSC7", CT_GROUP_CSCWG, 2, "CSC-7v2" },
	{ "CSC-4 v1", "CSC4", CT_GROUP_CSCWG, 1, "CSC-4v1" },
	{ "CSC31", "CSC31", CT_GROUP_CSCWG, 0, "CSC-31" },
	{ "NS-003", "NS3", CT_GROUP_NETSEC, 0, "NS-003" },
	{ "NS3", "NS3", CT_GROUP_NETSEC, 0, "NS-003" },
	{ "NS-008v3", "NS8", CT_GROUP_NETSEC, 3, "NS-008v3" },
	{ "NSWG-8", "NS8", CT_GROUP_NETSEC, 0, "NS-008" },
	{ "FORUM-17", "FORUM17", CT_GROUP_FORUM, 0, "FORUM-17" },
	{ "Forum-17", "FORUM17", CT_GROUP_FORUM, 0, "FORUM-17" },
	{ "forum-017", "FORUM17", CT_GROUP_FORUM, 0, "FORUM-17" },
	{ "FORUM-019 v2", "FORUM19", CT_GROUP_FORUM, 2, "FORUM-19v2" },
	{ "FORUM-019 v.2", "FORUM19", CT_GROUP_FORUM, 2, "FORUM-19v2" },
	{ "Forum-14 version 2", "FORUM14", CT_GROUP_FORUM, 2, "FORUM-14v2" },
	{ "Forum-18v3", "FORUM18", CT_GROUP_FORUM, 3, "FORUM-18v3" },
	{ "FORUM 20v2", "FORUM20", CT_GROUP_FORUM, 2, "FORUM-20v2" },
	{ "Ballot Forum 16", "FORUM16", CT_GROUP_FORUM, 0, "FORUM-16" },
	{ "FORUM-036", "FORUM36", CT_GROUP_FORUM, 0, "FORUM-36" },
	/* not ids */
	{ "", NULL, 0, 0, NULL },
	{ "Ballot", NULL, 0, 0, NULL },
	{ "Ballot XXX", NULL, 0, 0, NULL },
	{ "SC-0XX", NULL, 0, 0, NULL },
	{ "SCXX", NULL, 0, 0, NULL },
	{ "SC", NULL, 0, 0, NULL },
	{ "SC-0", NULL, 0, 0, NULL },
	{ "SC2019", NULL, 0, 0, NULL },
	{ "3.2.2.4", NULL, 0, 0, NULL },
	{ "RFC 5280", NULL, 0, 0, NULL },
	{ "2019-11-07", NULL, 0, 0, NULL },
	{ "v1.4.1", NULL, 0, 0, NULL },
	{ "SC23 and SC24", NULL, 0, 0, NULL },
	{ "Ballot 187 passed", NULL, 0, 0, NULL },
	{ "XSC23", NULL, 0, 0, NULL },
	{ "SC23a", NULL, 0, 0, NULL },
	{ "1.2", NULL, 0, 0, NULL },
};

static void test_parse_rows(void **state)
{
	for (size_t i = 0; i < sizeof(parse_rows) / sizeof(parse_rows[0]); i++) {
		ct_ballot_id id;
		memset(&id, 0x5a, sizeof(id));
		const char *t = parse_rows[i].token;
		int rc = ct_ballot_id_parse(&id, t, strlen(t));
		if (!parse_rows[i].canon) {
			if (rc == 0)
				fail_msg("'%s' parsed as %s but is not an id", t, id.canon);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' not parsed (want %s)", t, parse_rows[i].canon);
		assert_string_equal(id.canon, parse_rows[i].canon);
		assert_int_equal(id.group, parse_rows[i].group);
		assert_int_equal(id.version, parse_rows[i].version);
		char disp[24];
		ct_ballot_id_format(&id, disp, sizeof(disp));
		assert_string_equal(disp, parse_rows[i].display);
	}
}

/* canon NULL: the text mentions no ballot. `found` is the matched span. */
static const struct {
	const char *text;
	const char *canon;
	int version;
	const char *found;
} find_rows[] = {
	{ "[cabfpub] Ballot 187 - Make CAA Checking Mandatory", "187", 0, "Ballot 187" },
	{ "Re: [cabfpub] Ballot 194 - Effective Date of Ballot 193 Provisions is in the VOTING period (ends April 16)", "194", 0, "Ballot 194" },
	{ "Re: [Servercert-wg] VOTING PERIOD: Ballot SC-064: Temporary Moratorium", "SC64", 0, "Ballot SC-064" },
	{ "[Servercert-wg] Voting Period Begins - Ballot SC-59 v2 \"Weak Key Guidance\"", "SC59", 2, "Ballot SC-59 v2" },
	{ "[Servercert-wg] [Voting Begins] Ballot SC-75 v3 - Pre-sign linting", "SC75", 3, "Ballot SC-75 v3" },
	{ "[Cscwg-public] [Voting begins] Ballot CSC-25: Timestamp", "CSC25", 0, "Ballot CSC-25" },
	{ "[cabfpub] Voting Begins: FORUM-18, Allow Re-election", "FORUM18", 0, "FORUM-18" },
	{ "[cabfpub] Ballot FORUM-019 v.2 - Amend Server Certificate Working Group Charter - VOTING PERIOD", "FORUM19", 2, "Ballot FORUM-019 v.2" },
	{ "[Servercert-wg] [EXTERNAL] Re: SC-59 weak keys", "SC59", 0, "SC-59" },
	{ "[cabfpub] [EXTERNAL]Re: ]RE: Ballot 194 - Effective Date", "194", 0, "Ballot 194" },
	{ "[cabfpub] [Servercert-wg] Ballot SC4 - email and CAA CONTACT", "SC4", 0, "Ballot SC4" },
	{ "RE: Ballot CSC-21: Signing Service Update", "CSC21", 0, "Ballot CSC-21" },
	{ "Results of Ballot 200 - Amendment to Bylaws", "200", 0, "Ballot 200" },
	{ "Voting results on Ballot 185", "185", 0, "Ballot 185" },
	{ "Initial Vote Results on Ballot SC12", "SC12", 0, "Ballot SC12" },
	{ "Results of Voting on Ballot SC48 v2: Domain Name", "SC48", 2, "Ballot SC48 v2" },
	{ "Vote Results on Ballot Forum-18v3", "FORUM18", 3, "Ballot Forum-18v3" },
	{ "Ballot [85]", "85", 0, "Ballot [85]" },
	{ "Ballot 108: something", "108", 0, "Ballot 108" },
	{ "Ballot 193 \xE2\x80\x93 825-day Certificate Lifetimes (REVISED v2 \xE2\x80\x93 March)", "193", 0, "Ballot 193" },
	{ "GoDaddy abstains on ballot sc-64", "SC64", 0, "ballot sc-64" },
	{ "Entrust votes NO on Ballot SC-59 v2.", "SC59", 2, "Ballot SC-59 v2" },
	{ "GlobalSign votes Yes on ballot SC-061.", "SC61", 0, "ballot SC-061" },
	{ "CFCA votes \"yes\" on Ballot FORUM-019 v.2.", "FORUM19", 2, "Ballot FORUM-019 v.2" },
	{ "HARICA votes \"abstain\" to ballot 194.", "194", 0, "ballot 194" },
	{ "Ballot 197 D-TRUST votes: \"Yes\"", "197", 0, "Ballot 197" },
	{ "votes YES to SC-063", "SC63", 0, "SC-063" },
	{ "we vote yes on SMC01v3 today", "SMC1", 3, "SMC01v3" },
	{ "the NSWG Ballot NS-003: Restructure the NCSSRs", "NS3", 0, "Ballot NS-003" },
	{ "Ballots 154 and 155 convert to RFC 3647", "154", 0, "Ballots 154" },
	{ "Ballot Forum-5/SC5 withdrawn", "FORUM5", 0, "Ballot Forum-5" },
	{ "Yes on 194, no on SC-195", "SC195", 0, "SC-195" },
	{ "Ballot SC23: Precertificates", "SC23", 0, "Ballot SC23" },
	{ "Ballot SC23 v3 \xE2\x80\x93 Precertificates", "SC23", 3, "Ballot SC23 v3" },
	{ "Special Ballot SC37 confirmation", "SC37", 0, "Special Ballot SC37" },
	{ "Ballot #206 handling of faulty votes", "206", 0, "Ballot #206" },
	/* not ids */
	{ "see section 3.2.2.4 of the BRs", NULL, 0, NULL },
	{ "as required by RFC 5280", NULL, 0, NULL },
	{ "on 2019-11-07 at 03:00 UTC", NULL, 0, NULL },
	{ "the BRs v1.4.1 say", NULL, 0, NULL },
	{ "Ballot XXX - placeholder", NULL, 0, NULL },
	{ "Ballot SC-0XX: template", NULL, 0, NULL },
	{ "SCXX draft", NULL, 0, NULL },
	{ "resolve ns1.example.com first", NULL, 0, NULL },
	{ "mail sc23@example.com", NULL, 0, NULL },
	{ "We vote yes on 187", NULL, 0, NULL },
	{ "Bylaw 2.3(6) says", NULL, 0, NULL },
	{ "the CA/Browser Forum 2019 meeting", NULL, 0, NULL },
	{ "Ballot 2.3 is not a ballot", NULL, 0, NULL },
	{ "PKCS12 files", NULL, 0, NULL },
	{ "discussion ends at 10:00", NULL, 0, NULL },
	{ "", NULL, 0, NULL },
};

static void test_find_rows(void **state)
{
	for (size_t i = 0; i < sizeof(find_rows) / sizeof(find_rows[0]); i++) {
		ct_ballot_id id;
		size_t s = 99, e = 99;
		const char *t = find_rows[i].text;
		int rc = ct_ballot_id_find(&id, t, strlen(t), &s, &e);
		if (!find_rows[i].canon) {
			if (rc)
				fail_msg("'%s': found %s at '%.*s' but names no ballot", t,
					 id.canon, (int)(e - s), t + s);
			continue;
		}
		if (!rc)
			fail_msg("'%s': no id found (want %s)", t, find_rows[i].canon);
		if (strcmp(id.canon, find_rows[i].canon) != 0)
			fail_msg("'%s': found %s, want %s", t, id.canon, find_rows[i].canon);
		assert_int_equal(id.version, find_rows[i].version);
		char span[128];
		snprintf(span, sizeof(span), "%.*s", (int)(e - s), t + s);
		assert_string_equal(span, find_rows[i].found);
	}
}

static void test_all_spellings_of_one_ballot_are_equal(void **state)
{
	const char *sp[] = { "SC23", "SC-23", "SC023", "SC-023", "sc23v3", "SC23 v3",
			     "Ballot SC-023:", "SCWG-23" };
	ct_ballot_id first, id;
	assert_int_equal(ct_ballot_id_parse(&first, sp[0], strlen(sp[0])), 0);
	for (size_t i = 1; i < sizeof(sp) / sizeof(sp[0]); i++) {
		assert_int_equal(ct_ballot_id_parse(&id, sp[i], strlen(sp[i])), 0);
		assert_true(ct_ballot_id_same(&first, &id));
	}
	/* numbered Forum ballot 17 and FORUM-17 are two different ballots */
	ct_ballot_id a, b;
	assert_int_equal(ct_ballot_id_parse(&a, "17", 2), 0);
	assert_int_equal(ct_ballot_id_parse(&b, "FORUM-17", 8), 0);
	assert_false(ct_ballot_id_same(&a, &b));
	assert_int_equal(a.group, b.group);
}

static void test_group_names_round_trip(void **state)
{
	ct_group all[] = { CT_GROUP_FORUM, CT_GROUP_SCWG, CT_GROUP_SMCWG, CT_GROUP_CSCWG,
			   CT_GROUP_NETSEC };
	const char *names[] = { "forum", "scwg", "smcwg", "cscwg", "netsec" };
	for (size_t i = 0; i < 5; i++) {
		ct_group g;
		assert_string_equal(ct_group_name(all[i]), names[i]);
		assert_int_equal(ct_group_from_name(&g, names[i]), 0);
		assert_int_equal(g, all[i]);
	}
	ct_group g;
	assert_int_equal(ct_group_from_name(&g, "SCWG"), 0);
	assert_int_equal(g, CT_GROUP_SCWG);
	assert_int_equal(ct_group_from_name(&g, "validation"), CT_EINVALID);
}

static void test_parse_reads_only_len_bytes(void **state)
{
	ct_ballot_id id;
	const char *t = "SC23 and more";
	assert_int_equal(ct_ballot_id_parse(&id, t, 4), 0);
	assert_string_equal(id.canon, "SC23");
	assert_int_equal(ct_ballot_id_find(&id, "Ballot 187", 7, NULL, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_rows),
		cmocka_unit_test(test_find_rows),
		cmocka_unit_test(test_all_spellings_of_one_ballot_are_equal),
		cmocka_unit_test(test_group_names_round_trip),
		cmocka_unit_test(test_parse_reads_only_len_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
