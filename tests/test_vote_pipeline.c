/* fresh + vote on whole message bodies: each quote style gives the one vote
 * its author cast, and the quoted ballot text ("a clear 'yes' … 'no' …
 * 'abstain'") and other members' quoted votes give none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/fresh.h"
#include "cabtally/vote.h"
#include "testutil.h"

typedef struct readers {
	ct_fresh *fresh;
	ct_vote_reader *vote;
} readers;

static const struct {
	const char *file;
	const char *subject;
	const char *thread;
	ct_vote_class cls;
	ct_vote_reason reason;
	const char *org;
	const char *ballot;
} rows[] = {
	{ "plain-top.txt", "Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "DigiCert", "187" },
	{ "plain-bottom.txt", "Re: [cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Comodo Group Inc.", "" },
	{ "plain-interleaved.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "HARICA", "187" },
	{ "plain-nested.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Google", "" },
	{ "outlook-en.txt", "RE: [cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Entrust", "187" },
	{ "outlook-original.txt", "RE: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Symantec", "" },
	{ "outlook-divider.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Microsoft", "" },
	{ "outlook-bold.txt", "RE: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Buypass", "" },
	{ "outlook-de.txt", "AW: [cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "VikingCloud", "187" },
	{ "outlook-fr.txt", "RE: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Certigna", "" },
	{ "outlook-es.txt", "RE: [cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Izenpe", "187" },
	{ "outlook-eu.txt", "RE: [Servercert-wg] Ballot SC60", "SC60", CT_VOTE_YES, CT_VOTE_R_NONE, "Izenpe", "" },
	{ "outlook-pl.txt", "RE: [Cscwg-public] [Voting begins] Ballot CSC-25", "CSC25", CT_VOTE_YES, CT_VOTE_R_NONE, "Certum", "CSC25" },
	{ "outlook-nl.txt", "RE: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Logius PKIoverheid", "" },
	{ "outlook-it.txt", "R: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Actalis", "" },
	{ "outlook-zh.txt", "Re: Ballot FORUM-019 v.2", "FORUM19", CT_VOTE_YES, CT_VOTE_R_NONE, "CFCA", "FORUM19" },
	{ "outlook-zh-bare.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "GDCA", "" },
	{ "outlook-ja.txt", "RE: [Servercert-wg] Ballot SC-070", "SC70", CT_VOTE_YES, CT_VOTE_R_NONE, "JPRS", "" },
	{ "foxmail.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "GDCA", "" },
	{ "mac-outlook.txt", "Re: [cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "GoDaddy", "" },
	{ "outlook-oneline.txt", "RE: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "SSL.com", "" },
	{ "webmail-original.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Trustwave", "" },
	{ "outlook-mobile.txt", "Re: [Servercert-wg] VOTING PERIOD: Ballot SC-064", "SC64", CT_VOTE_YES, CT_VOTE_R_NONE, NULL, "" },
	{ "forward-gmail.txt", "Fwd: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Apple", "" },
	{ "forward-apple.txt", "Fwd: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Apple", "" },
	{ "signature.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "DigiCert", "187" },
	{ "mobile.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "OISTE", "" },
	{ "signoff.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Google", "187" },
	{ "disclaimer.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Telia", "" },
	{ "confidentiality-notice.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Network Solutions", "" },
	{ "pipermail-stub.txt", "[cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "SSC", "" },
	{ "banner.txt", "RE: [EXTERNAL] Ballot SC-59 v2", "SC59", CT_VOTE_NO, CT_VOTE_R_NONE, "Entrust", "SC59" },
	{ "html-outlook.txt", "RE: [Servercert-wg] VOTING PERIOD: Ballot SC-064", "SC64", CT_VOTE_YES, CT_VOTE_R_NONE, "Izenpe", "SC64" },
	{ "html-apple.txt", "Re: [cabfpub] Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Apple", "" },
	{ "html-gmail.txt", "Re: [Servercert-wg] Ballot SC23", "SC23", CT_VOTE_YES, CT_VOTE_R_NONE, "Google", "" },
	{ "html-thunderbird.txt", "Re: [cabfpub] Ballot 194", "194", CT_VOTE_ABSTAIN, CT_VOTE_R_NONE, "HARICA", "194" },
	{ "crlf-nbsp.txt", "Re: Ballot 187", "187", CT_VOTE_YES, CT_VOTE_R_NONE, "Mozilla", "187" },
	/* not votes, or not clear ones */
	{ "discussion-question.txt", "Re: Ballot 187", "187", CT_VOTE_NONE, CT_VOTE_R_NONE, NULL, "" },
	{ "result-post.txt", "Results of Ballot 187", "187", CT_VOTE_NONE, CT_VOTE_R_LOOKALIKE, NULL, "" },
	{ "chair-notice.txt", "Ballots Forum-5 and SC5 withdrawn", "SC5", CT_VOTE_NONE, CT_VOTE_R_NONE, NULL, "" },
	{ "endorsement.txt", "Re: Ballot 187", "187", CT_VOTE_NONE, CT_VOTE_R_NONE, NULL, "" },
	{ "late-would-vote.txt", "Re: Ballot SC22", "SC22", CT_VOTE_NONE, CT_VOTE_R_HYPOTHETICAL, NULL, "SC22" },
	{ "quoted-vote-of-other.txt", "RE: [Servercert-wg] VOTING PERIOD: Ballot SC-064", "SC64", CT_VOTE_ABSTAIN, CT_VOTE_R_NONE, "GoDaddy", "SC64" },
	{ "bottom-posted-conditional.txt", "Re: Ballot 187", "187", CT_VOTE_UNCLEAR, CT_VOTE_R_CONDITIONAL, NULL, "" },
};

static int same(const char *a, const char *b)
{
	return (!a || !b) ? a == b : strcmp(a, b) == 0;
}

static void test_fixture_bodies(void **state)
{
	readers *rs = *state;
	int bad = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char rel[128];
		snprintf(rel, sizeof(rel), "votes/%s", rows[i].file);
		char *path = fixture_path(rel);
		size_t len;
		char *body = read_file(path, &len);
		if (!body)
			print_error("cannot read %s\n", path);
		assert_non_null(body);
		ct_buf fresh = CT_BUF_INIT;
		assert_int_equal(ct_fresh_extract(rs->fresh, &fresh, body, len, NULL), 0);
		ct_vote_result res = CT_VOTE_RESULT_INIT;
		assert_int_equal(ct_vote_read(rs->vote, &res, rows[i].subject, ct_buf_cstr(&fresh),
					      fresh.len, rows[i].thread), 0);
		const ct_vote_reading *rd = &res.items[0];
		if (res.count != 1 || rd->cls != rows[i].cls || rd->reason != rows[i].reason ||
		    !same(rd->org, rows[i].org) || strcmp(rd->ballot, rows[i].ballot) != 0) {
			print_error("%s: want %s/%s org %s ballot '%s'\n  got %zu reading(s), "
				    "first %s/%s org %s ballot '%s' evidence [%s]\n",
				    rows[i].file, ct_vote_class_name(rows[i].cls),
				    ct_vote_reason_name(rows[i].reason),
				    rows[i].org ? rows[i].org : "(null)", rows[i].ballot, res.count,
				    ct_vote_class_name(rd->cls), ct_vote_reason_name(rd->reason),
				    rd->org ? rd->org : "(null)", rd->ballot,
				    rd->evidence ? rd->evidence : "(null)");
			bad++;
		}
		ct_vote_result_release(&res);
		ct_buf_release(&fresh);
		free(body);
		free(path);
	}
	assert_int_equal(bad, 0);
}

/* Without fresh, another member's vote quoted in an Outlook block makes
 * the message a conflict: the reason the fresh stage exists. */
static void test_raw_body_would_mislead(void **state)
{
	readers *rs = *state;
	char *path = fixture_path("votes/quoted-vote-of-other.txt");
	size_t len;
	char *body = read_file(path, &len);
	assert_non_null(body);
	ct_vote_result res = CT_VOTE_RESULT_INIT;
	assert_int_equal(ct_vote_read(rs->vote, &res, NULL, body, len, "SC64"), 0);
	assert_int_equal(res.items[0].cls, CT_VOTE_UNCLEAR);
	assert_int_equal(res.items[0].reason, CT_VOTE_R_CONFLICT);
	ct_vote_result_release(&res);

	ct_buf fresh = CT_BUF_INIT;
	assert_int_equal(ct_fresh_extract(rs->fresh, &fresh, body, len, NULL), 0);
	assert_int_equal(ct_vote_read(rs->vote, &res, NULL, fresh.buf, fresh.len, "SC64"), 0);
	assert_int_equal(res.items[0].cls, CT_VOTE_ABSTAIN);
	assert_true(ct_vote_reading_counts(&res.items[0]));
	ct_vote_result_release(&res);
	ct_buf_release(&fresh);
	free(body);
	free(path);
}

static int setup(void **state)
{
	readers *rs = calloc(1, sizeof(*rs));
	ct_error err = CT_ERROR_INIT;
	if (ct_fresh_new(&rs->fresh, &err) != 0 || ct_vote_reader_new(&rs->vote, &err) != 0) {
		print_error("%s\n", err.msg);
		return -1;
	}
	*state = rs;
	return 0;
}

static int teardown(void **state)
{
	readers *rs = *state;
	ct_fresh_free(rs->fresh);
	ct_vote_reader_free(rs->vote);
	free(rs);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_bodies),
		cmocka_unit_test(test_raw_body_would_mislead),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
