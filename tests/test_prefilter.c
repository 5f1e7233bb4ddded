/* prefilter: which raw headers make a message a ballot candidate. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cabtally/prefilter.h"

static const struct {
	const char *what;
	const char *subject;
	int candidate;
} subject_rows[] = {
	{ "numbered Forum ballot", "Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory", 1 },
	{ "SC id with dash and zeros", "[Servercert-wg] VOTING BEGINS: SC-064 v2", 1 },
	{ "SC id plain", "Re: [Servercert-wg] SC23v3 Precertificates", 1 },
	{ "S/MIME id", "[Smcwg-public] SMC08: Deprecate legacy profiles", 1 },
	{ "code signing id", "Re: CSC-19 discussion", 1 },
	{ "netsec id", "NS-003 Restructure", 1 },
	{ "forum id", "FORUM-17 charter update", 1 },
	{ "vote word", "Re: my vote", 1 },
	{ "voting period word", "Voting period starts", 1 },
	{ "RFC 2047 subject cannot be judged", "=?utf-8?q?Re=3A_Ballot_187?=", 1 },
	{ "8-bit subject", "Re: Ballot \xe2\x80\x93 yes", 1 },
	{ "plain discussion", "Re: [cabfpub] Agenda for the next call", 0 },
	{ "minutes", "Minutes of the F2F meeting in Redmond", 0 },
	{ "word that merely contains sc", "Discussion of escrow", 0 },
	{ "ns without digit", "DNS question", 0 },
	{ "csc without digit", "CSC working group logistics", 0 },
};

static void test_subjects(void **state)
{
	for (size_t i = 0; i < sizeof(subject_rows) / sizeof(subject_rows[0]); i++) {
		int got = ct_prefilter_subject_matches(subject_rows[i].subject,
						       strlen(subject_rows[i].subject));
		if (got != subject_rows[i].candidate)
			fail_msg("%s: '%s' gave %d", subject_rows[i].what, subject_rows[i].subject, got);
	}
}

static void test_headers_scan_folded_and_stops_at_body(void **state)
{
	const char *m =
		"From: a@example.com\r\n"
		"Subject: Re: something\r\n"
		"  long\r\n"
		"Message-ID: <abc@x>\n"
		"References: <r1@x>\n"
		"\t<r2@x>\n"
		"\n"
		"Subject: not a header, body\n";
	ct_raw_headers h;
	ct_raw_headers_scan(&h, m, strlen(m));
	assert_non_null(h.subject);
	assert_int_equal(strncmp(h.subject, "Re: something", 13), 0);
	assert_true(h.subject_len > 20); /* the continuation line is part of it */
	assert_int_equal(h.message_id_len, 7);
	assert_non_null(h.references);
	assert_non_null(strstr(h.references, "<r2@x>"));
	assert_int_equal(h.header_len, strstr(m, "Subject: not") - m);
	assert_null(h.in_reply_to);
}

static void test_reply_into_thread_is_candidate(void **state)
{
	ct_prefilter *pf = ct_prefilter_new();
	const char *m = "Subject: Re: thoughts\nIn-Reply-To: <ann@cabforum.org>\n\nyes\n";
	ct_raw_headers h;
	ct_raw_headers_scan(&h, m, strlen(m));
	assert_int_equal(ct_prefilter_match(pf, &h), 0);
	ct_prefilter_add_thread_id(pf, "<ann@cabforum.org>", 18);
	assert_int_equal(ct_prefilter_match(pf, &h), 1);

	const char *m2 = "Subject: Re: thoughts\nReferences: <zz@x> <ann@cabforum.org>\n\nno\n";
	ct_raw_headers_scan(&h, m2, strlen(m2));
	assert_int_equal(ct_prefilter_match(pf, &h), 1);
	ct_prefilter_free(pf);
}

static void test_thread_set_grows(void **state)
{
	ct_prefilter *pf = ct_prefilter_new();
	char id[64];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(id, sizeof(id), "<m%d@example.com>", i);
		ct_prefilter_add_thread_id(pf, id, (size_t)n);
	}
	const char *m = "Subject: x\nReferences: <m4999@example.com>\n\n";
	ct_raw_headers h;
	ct_raw_headers_scan(&h, m, strlen(m));
	assert_int_equal(ct_prefilter_match(pf, &h), 1);
	const char *m2 = "Subject: x\nReferences: <m5000@example.com>\n\n";
	ct_raw_headers_scan(&h, m2, strlen(m2));
	assert_int_equal(ct_prefilter_match(pf, &h), 0);
	ct_prefilter_free(pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subjects),
		cmocka_unit_test(test_headers_scan_folded_and_stops_at_body),
		cmocka_unit_test(test_reply_into_thread_is_candidate),
		cmocka_unit_test(test_thread_set_grows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
