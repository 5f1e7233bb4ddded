/* ballot index: membership by subject and by reply chain, loops, missing and
 * duplicate Message-IDs, announcements, versions restarting the period. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/ballot.h"
#include "testutil.h"

static int64_t iso(const char *s)
{
	int64_t t = 0;
	if (ct_time_parse_iso(s, &t) != 0)
		fail_msg("bad test time %s", s);
	return t;
}

static long add(ct_ballot_index *ix, const char *handle, const char *mid, const char *irt,
		const char *ref, const char *date, const char *subject, const char *body)
{
	const char *refs[1] = { ref };
	ct_ballot_msg m = {
		.handle = handle, .message_id = mid, .in_reply_to = irt,
		.references = ref ? refs : NULL, .n_references = ref ? 1 : 0,
		.date = date ? iso(date) : CT_NO_DATE, .subject = subject,
		.body = body, .body_len = body ? strlen(body) : 0,
	};
	long i = ct_ballot_index_add(ix, &m, NULL);
	assert_true(i >= 0);
	return i;
}

static const ct_ballot_info *get(ct_ballot_index *ix, const char *id, long *pos)
{
	ct_ballot_id bid;
	assert_int_equal(ct_ballot_id_parse(&bid, id, strlen(id)), 0);
	long p = ct_ballot_index_lookup(ix, &bid);
	if (p < 0)
		fail_msg("ballot %s not found", id);
	if (pos)
		*pos = p;
	return ct_ballot_index_get(ix, (size_t)p);
}

static int is_member(ct_ballot_index *ix, long pos, long msg)
{
	const long *mem;
	size_t n = ct_ballot_index_members(ix, (size_t)pos, &mem);
	for (size_t i = 0; i < n; i++)
		if (mem[i] == msg)
			return 1;
	return 0;
}

static const char *ANNOUNCE_SC23 =
	"This is the voting period for ballot SC23 v3.\n\n"
	"Discussion (7+ days)\nStart Time: 3-October 2019 18:00 UTC\nEnd Time: 07-November 2019 03:00 UTC\n\n"
	"Vote for approval (7 days)\nStart Time: 07-November 2019 03:00 UTC\nEnd Time: 14-November 2019 03:00 UTC\n";

static void test_subject_and_reply_membership(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	long a = add(ix, "a", "<a@x>", NULL, NULL, "2019-11-07T03:05:00Z",
		     "[Servercert-wg] VOTING BEGINS: Ballot SC23 v3: Precertificates", ANNOUNCE_SC23);
	long v1 = add(ix, "v1", "<v1@x>", "<a@x>", "<a@x>", "2019-11-07T09:00:00Z",
		      "Re: [Servercert-wg] VOTING BEGINS: Ballot SC23 v3: Precertificates", "Buypass votes yes\n");
	/* the subject lost its id, but the reply chain leads to SC23 */
	long v2 = add(ix, "v2", "<v2@x>", "<v1@x>", NULL, "2019-11-08T10:00:00Z",
		      "Re: our vote", "Google votes yes\n");
	/* references only, In-Reply-To unknown */
	long v3 = add(ix, "v3", "<v3@x>", "<unknown@y>", "<a@x>", "2019-11-08T11:00:00Z",
		      "Re: [Servercert-wg] (no subject)", "Apple votes YES.\n");
	/* another spelling of the same ballot in the subject */
	long v4 = add(ix, "v4", NULL, NULL, NULL, "2019-11-09T11:00:00Z",
		      "RE: SC-023 precertificates", "We abstain.\n");
	/* an unrelated thread */
	long o = add(ix, "o", "<o@x>", NULL, NULL, "2019-11-09T12:00:00Z",
		     "[Servercert-wg] F2F agenda", "Agenda attached\n");
	long o2 = add(ix, "o2", "<o2@x>", "<o@x>", NULL, "2019-11-09T13:00:00Z", "Re: F2F agenda", "+1\n");
	ct_ballot_index_finish(ix);
	assert_int_equal(ct_ballot_index_count(ix), 1);
	long pos;
	const ct_ballot_info *b = get(ix, "SC-023", &pos);
	assert_string_equal(b->id.canon, "SC23");
	assert_int_equal(b->id.version, 3);
	assert_int_equal(b->id.group, CT_GROUP_SCWG);
	assert_string_equal(b->title, "Precertificates");
	assert_int_equal(b->announcement, a);
	assert_int_equal(b->announced, iso("2019-11-07T03:05:00Z"));
	assert_true(b->has_period);
	assert_int_equal(b->period.start, iso("2019-11-07T03:00:00Z"));
	assert_int_equal(b->period.end, iso("2019-11-14T03:00:00Z"));
	assert_int_equal(b->messages, 5);
	assert_true(is_member(ix, pos, a) && is_member(ix, pos, v1) && is_member(ix, pos, v2));
	assert_true(is_member(ix, pos, v3) && is_member(ix, pos, v4));
	assert_false(is_member(ix, pos, o) || is_member(ix, pos, o2));
	assert_true(ct_ballot_index_by_reply(ix, v2));
	assert_false(ct_ballot_index_by_reply(ix, v1));
	assert_string_equal(ct_ballot_index_handle(ix, v3), "v3");
	ct_ballot_index_free(ix);
}

static void test_reply_before_parent_and_loops(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	/* a reply archived before its parent (a later month file read first) */
	long r = add(ix, "r", "<r@x>", "<p@x>", NULL, "2017-03-02T10:00:00Z", "Re: thanks", "Yes\n");
	long p = add(ix, "p", "<p@x>", NULL, NULL, "2017-03-01T22:05:00Z",
		     "[cabfpub] Ballot 187 - Make CAA Checking Mandatory", NULL);
	/* a loop: l1 -> l2 -> l1, neither names a ballot */
	long l1 = add(ix, "l1", "<l1@x>", "<l2@x>", NULL, NULL, "Re: loop", NULL);
	long l2 = add(ix, "l2", "<l2@x>", "<l1@x>", NULL, NULL, "Re: loop", NULL);
	/* In-Reply-To wins over References: l4 follows l3 into the loop */
	long l3 = add(ix, "l3", "<l3@x>", "<l4@x>", NULL, NULL, "Re: loop 2", NULL);
	long l4 = add(ix, "l4", "<l4@x>", "<l3@x>", "<p@x>", NULL, "Re: loop 2", NULL);
	/* a message replying to itself */
	long self = add(ix, "s", "<s@x>", "<s@x>", NULL, NULL, "Re: me", NULL);
	ct_ballot_index_finish(ix);
	long pos;
	const ct_ballot_info *b = get(ix, "Ballot 187", &pos);
	assert_string_equal(b->title, "Make CAA Checking Mandatory");
	assert_true(is_member(ix, pos, r));
	assert_true(is_member(ix, pos, p));
	assert_false(is_member(ix, pos, l1) || is_member(ix, pos, l2) || is_member(ix, pos, self));
	(void)l3;
	(void)l4;
	assert_false(b->has_period);
	assert_true(strlen(b->period.reason) > 0);
	ct_ballot_index_free(ix);
}

static void test_loop_through_ballot_message(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	long p = add(ix, "p", "<p@x>", NULL, NULL, NULL, "Ballot 194 - Effective Date of Ballot 193 Provisions", NULL);
	long l3 = add(ix, "l3", "<l3@x>", "<l4@x>", NULL, NULL, "Re: loop", NULL);
	long l4 = add(ix, "l4", "<l4@x>", "<p@x>", NULL, NULL, "Re: loop", NULL);
	ct_ballot_index_finish(ix);
	/* "Ballot 193" in the title does not make a ballot of its own */
	assert_int_equal(ct_ballot_index_count(ix), 1);
	long pos;
	get(ix, "194", &pos);
	assert_true(is_member(ix, pos, p) && is_member(ix, pos, l3) && is_member(ix, pos, l4));
	ct_ballot_index_free(ix);
}

static void test_duplicates_and_missing_ids(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	add(ix, "a", "<a@x>", NULL, NULL, "2024-06-07T22:05:00Z", "[Servercert-wg] Ballot SC-073: keys", NULL);
	long d1 = add(ix, "d1", "<d@x>", "<a@x>", NULL, "2024-06-08T10:00:00Z", "Re: Ballot SC-073", "yes\n");
	long d2 = add(ix, "d2", "<d@x>", "<a@x>", NULL, "2024-06-08T10:00:00Z", "Re: Ballot SC-073", "yes\n");
	long n1 = add(ix, "n1", NULL, "<a@x>", NULL, "2024-06-08T11:00:00Z", "Re: keys", "yes\n");
	long n2 = add(ix, "n2", "", "<n1@x>", NULL, "2024-06-08T12:00:00Z", "Re: keys", "no\n");
	ct_ballot_index_finish(ix);
	long pos;
	const ct_ballot_info *b = get(ix, "SC73", &pos);
	assert_false(ct_ballot_index_is_duplicate(ix, d1));
	assert_true(ct_ballot_index_is_duplicate(ix, d2));
	assert_int_equal(b->duplicates, 1);
	assert_int_equal(b->messages, 3);
	assert_true(is_member(ix, pos, d2));
	assert_true(is_member(ix, pos, n1));  /* no Message-ID, but replies into the thread */
	assert_false(is_member(ix, pos, n2)); /* its parent has no id to match */
	ct_ballot_index_free(ix);
}

static void test_later_version_restarts_period(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	add(ix, "v2", "<v2@x>", NULL, NULL, "2023-06-01T18:00:00Z",
	    "[Servercert-wg] Voting Period Begins - Ballot SC-59 v2 \"Weak Key Guidance\"",
	    "Vote for approval (7 days)\nStart Time: 2023-06-01 18:00 UTC\nEnd Time: 2023-06-08 18:00 UTC\n");
	add(ix, "r", "<r@x>", "<v2@x>", NULL, "2023-06-02T18:00:00Z",
	    "Re: [Servercert-wg] Voting Period Begins - Ballot SC-59 v2 \"Weak Key Guidance\"",
	    "Entrust votes NO on Ballot SC-59 v2.\n");
	long v3 = add(ix, "v3", "<v3@x>", NULL, NULL, "2023-07-06T17:05:00Z",
		      "[Servercert-wg] [Voting Begins] Ballot SC-59 v3 - Weak Key Guidance",
		      "The voting period for SC-59 v3 is:\n- Start Time: 2023-07-06 17:00 UTC\n- End Time: 2023-07-13 17:00 UTC\n");
	/* a discussion post of v3 that names no voting marker does not win */
	add(ix, "d3", "<d3@x>", NULL, NULL, "2023-06-20T10:00:00Z", "[Servercert-wg] Ballot SC-59 v3: Weak Key Guidance",
	    "Discussion begins now.\nVote for approval (7 days)\nStart Time: 2023-07-04 10:00 UTC\nEnd Time: 2023-07-11 10:00 UTC\n");
	ct_ballot_index_finish(ix);
	const ct_ballot_info *b = get(ix, "SC59", NULL);
	assert_int_equal(b->id.version, 3);
	assert_int_equal(b->announcement, v3);
	assert_int_equal(b->period.start, iso("2023-07-06T17:00:00Z"));
	assert_int_equal(b->period.end, iso("2023-07-13T17:00:00Z"));
	assert_string_equal(b->title, "Weak Key Guidance");
	assert_int_equal(b->messages, 4);
	ct_ballot_index_free(ix);
}

static void test_announcement_detection(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	/* discussion announcement with a full schedule */
	long d = add(ix, "d", "<d@x>", NULL, NULL, "2022-09-01T10:00:00Z", "[Smcwg-public] Ballot SMC01: Adopt S/MIME BRs",
		     "Discussion (7 days)\nStart Time: 2022-09-01 10:00 UTC\nEnd Time: 2022-09-08 10:00 UTC\n");
	/* a reply that quotes a voting statement is not the announcement */
	add(ix, "q", "<q@x>", "<d@x>", NULL, "2022-09-02T10:00:00Z", "Re: [Smcwg-public] Ballot SMC01: Adopt S/MIME BRs",
	    "Looks good.\n> Voting begins 2022-09-15 16:00 UTC and ends 2022-09-22 16:00 UTC.\n");
	long v = add(ix, "v", "<v@x>", "<d@x>", NULL, "2022-09-15T16:02:00Z",
		     "[Smcwg-public] [Voting begins] Ballot SMC01v3: Adopt S/MIME BRs",
		     "Voting begins now and ends on 22 September 2022 at 16:00 UTC.\n");
	ct_ballot_index_finish(ix);
	const ct_ballot_info *b = get(ix, "SMC-01", NULL);
	assert_int_equal(b->announcement, v);
	assert_int_equal(b->id.version, 3);
	assert_int_equal(b->period.start, iso("2022-09-15T16:02:00Z"));
	assert_true(b->period.flags & CT_PERIOD_START_IS_DATE);
	assert_int_equal(b->period.end, iso("2022-09-22T16:00:00Z"));
	(void)d;
	ct_ballot_index_free(ix);

	/* only votes in the archive: the period comes from their quotes */
	ix = ct_ballot_index_new();
	add(ix, "x1", "<x1@x>", "<gone@x>", NULL, "2019-11-08T10:00:00Z", "Re: [Servercert-wg] Ballot SC24: Fall Cleanup",
	    "Yes\n\n> Vote for approval (7 days)\n> Start Time: 2019-11-05 20:00 UTC\n> End Time: 2019-11-12 20:00 UTC\n");
	ct_ballot_index_finish(ix);
	b = get(ix, "SC24", NULL);
	assert_int_equal(b->announcement, -1);
	assert_true(b->has_period);
	assert_true(b->period.flags & CT_PERIOD_FROM_QUOTED);
	assert_int_equal(b->period.start, iso("2019-11-05T20:00:00Z"));
	assert_string_equal(b->title, "Fall Cleanup");
	ct_ballot_index_free(ix);
}

static void test_cross_posts_and_sorting(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	long both = add(ix, "b", "<b@x>", NULL, NULL, "2024-01-10T10:00:00Z",
			"[Cscwg-public] [Voting begins] Ballots CSC-21 and CSC-22",
			"Voting begins 2024-01-10 10:00 UTC and ends 2024-01-17 10:00 UTC.\n");
	add(ix, "f", "<f@x>", NULL, NULL, "2023-11-27T16:00:00Z",
	    "[cabfpub] Ballot FORUM-019 v.2 - Amend Server Certificate Working Group Charter - VOTING PERIOD",
	    "The voting period starts today. Voting will conclude at 16:00 UTC on 4 December 2023.\n");
	add(ix, "n", "<n@x>", NULL, NULL, "2023-11-28T16:00:00Z", "[Netsec] NS-003 discussion", NULL);
	ct_ballot_index_finish(ix);
	assert_int_equal(ct_ballot_index_count(ix), 4);
	long p21, p22;
	get(ix, "CSC-21", &p21);
	get(ix, "CSCWG-22", &p22);
	assert_true(is_member(ix, p21, both) && is_member(ix, p22, both));
	/* sorted by period start; ballots without a period last */
	assert_string_equal(ct_ballot_index_get(ix, 0)->id.canon, "FORUM19");
	assert_string_equal(ct_ballot_index_get(ix, 0)->title, "Amend Server Certificate Working Group Charter");
	assert_int_equal(ct_ballot_index_get(ix, 0)->id.version, 2);
	assert_string_equal(ct_ballot_index_get(ix, 1)->id.canon, "CSC21");
	assert_string_equal(ct_ballot_index_get(ix, 2)->id.canon, "CSC22");
	assert_string_equal(ct_ballot_index_get(ix, 3)->id.canon, "NS3");
	assert_false(ct_ballot_index_get(ix, 3)->has_period);
	assert_null(ct_ballot_index_get(ix, 4));
	ct_ballot_index_free(ix);
}

static const struct {
	const char *subject, *norm, *title;
	int reply;
} subjects[] = {
	{ "[cabfpub] Ballot 187 - Make CAA Checking Mandatory", "Ballot 187 - Make CAA Checking Mandatory",
	  "Make CAA Checking Mandatory", 0 },
	{ "Re: [Servercert-wg] VOTING PERIOD: Ballot SC-064: Temporary Moratorium on New Certificate Consumer Memberships",
	  "VOTING PERIOD: Ballot SC-064: Temporary Moratorium on New Certificate Consumer Memberships",
	  "Temporary Moratorium on New Certificate Consumer Memberships", 1 },
	{ "[cabfpub] [EXTERNAL]Re: ]RE: Ballot 194 - Effective Date of Ballot 193 Provisions is in the VOTING period (ends April 16)",
	  "Ballot 194 - Effective Date of Ballot 193 Provisions is in the VOTING period (ends April 16)",
	  "Effective Date of Ballot 193 Provisions", 1 },
	{ "[Servercert-wg] [Voting Begins] Ballot SC-75 v3 - Pre-sign linting",
	  "Ballot SC-75 v3 - Pre-sign linting", "Pre-sign linting", 0 },
	{ "AW: [Servercert-wg] Ballot SC23: Precertificates", "Ballot SC23: Precertificates", "Precertificates", 1 },
	{ "Fwd: Ballot 193 \xE2\x80\x93 825-day Certificate Lifetimes", "Ballot 193 \xE2\x80\x93 825-day Certificate Lifetimes",
	  "825-day Certificate Lifetimes", 1 },
	{ "[cabfpub] Voting Begins: FORUM-18, Allow Re-election of CWG Chairs", "Voting Begins: FORUM-18, Allow Re-election of CWG Chairs",
	  "Allow Re-election of CWG Chairs", 0 },
	{ "Results of Voting on Ballot SC48 v2: Domain Name and IP Address Encoding",
	  "Results of Voting on Ballot SC48 v2: Domain Name and IP Address Encoding",
	  "Domain Name and IP Address Encoding", 0 },
};

static void test_subject_normalize_and_title(void **state)
{
	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		char norm[256], title[256];
		int reply = ct_ballot_subject_normalize(subjects[i].subject, norm, sizeof(norm));
		assert_string_equal(norm, subjects[i].norm);
		assert_int_equal(reply, subjects[i].reply);
		ct_ballot_subject_title(subjects[i].subject, title, sizeof(title));
		assert_string_equal(title, subjects[i].title);
	}
	assert_true(ct_ballot_subject_wants_body("[Servercert-wg] [Voting Begins] Ballot SC-75 v3"));
	assert_true(ct_ballot_subject_wants_body("[cabfpub] Ballot 187 - Make CAA Checking Mandatory"));
	assert_false(ct_ballot_subject_wants_body("Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory"));
	assert_false(ct_ballot_subject_wants_body("[cabfpub] Minutes of the F2F"));
}

static void test_add_after_finish_is_refused(void **state)
{
	ct_ballot_index *ix = ct_ballot_index_new();
	ct_ballot_index_finish(ix);
	assert_int_equal(ct_ballot_index_count(ix), 0);
	ct_ballot_msg m = { .subject = "Ballot 1", .date = CT_NO_DATE };
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_ballot_index_add(ix, &m, &err), CT_EUSAGE);
	ct_ballot_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_and_reply_membership),
		cmocka_unit_test(test_reply_before_parent_and_loops),
		cmocka_unit_test(test_loop_through_ballot_message),
		cmocka_unit_test(test_duplicates_and_missing_ids),
		cmocka_unit_test(test_later_version_restarts_period),
		cmocka_unit_test(test_announcement_detection),
		cmocka_unit_test(test_cross_posts_and_sorting),
		cmocka_unit_test(test_subject_normalize_and_title),
		cmocka_unit_test(test_add_after_finish_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
