/* fresh: every quote style keeps the vote and drops the quoted ballot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/fresh.h"
#include "testutil.h"

/* Words of the quoted ballot text that must never reach the fresh text. */
static const char *const leaks[] = {
	"clear 'yes'", "clear 'no'", "clear 'abstain'", "Unclear responses",
	"MOTION", "review period", "Yes votes so far", "mailing list",
	"Public@cabforum.org", "From:", "Sent:", "Betreff", "Asunto", "Temat",
};

static int leaked(const char *name, const char *text)
{
	for (size_t i = 0; i < sizeof(leaks) / sizeof(leaks[0]); i++) {
		if (strstr(text, leaks[i])) {
			print_error("%s: quoted text leaked ('%s') into:\n%s\n", name, leaks[i], text);
			return 1;
		}
	}
	return 0;
}

static int setup(void **state)
{
	ct_fresh *f = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_fresh_new(&f, &err) != 0) {
		print_error("%s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	ct_fresh_free(*state);
	return 0;
}

/* Returns the number of failures (0 or 1), printing what differed, so a
 * table run reports every wrong row at once. */
static int check_leak(ct_fresh *f, const char *name, const char *body, size_t len,
		      const char *want, ct_fresh_stop stop, int leak_check)
{
	int bad = 0;
	ct_buf out = CT_BUF_INIT;
	ct_fresh_info info;
	assert_int_equal(ct_fresh_extract(f, &out, body, len, &info), 0);
	const char *got = ct_buf_cstr(&out);
	if (strcmp(got, want) != 0 || info.stop != stop) {
		print_error("%s: want [%s] stop %s\n     got [%s] stop %s\n", name, want,
			    ct_fresh_stop_name(stop), got, ct_fresh_stop_name(info.stop));
		bad = 1;
	}
	if (leak_check && leaked(name, got))
		bad = 1;
	if (stop != CT_FRESH_END) {
		assert_true(info.stop_offset < len);
		assert_true(info.stop_offset + info.stop_len <= len);
	} else {
		assert_int_equal(info.stop_offset, len);
	}
	ct_buf_release(&out);
	return bad;
}

static int check(ct_fresh *f, const char *name, const char *body, size_t len,
		 const char *want, ct_fresh_stop stop)
{
	return check_leak(f, name, body, len, want, stop, 1);
}

/* Whole bodies in fixtures/votes/, as the decoder hands them on. */
static const struct {
	const char *file;
	const char *want;
	ct_fresh_stop stop;
} fixture_rows[] = {
	/* "> " quoting under an attribution: the attribution goes, reading goes on */
	{ "plain-top.txt", "DigiCert votes yes on Ballot 187.\n", CT_FRESH_LIST_FOOTER },
	{ "plain-bottom.txt", "Comodo Group Inc. votes yes.\n\nRob\n", CT_FRESH_LIST_FOOTER },
	{ "plain-interleaved.txt",
	  "That date is fine.\n\nHARICA votes \"yes\" to ballot 187.\n\nDimitris.\n", CT_FRESH_END },
	{ "plain-nested.txt", "Google votes YES\n", CT_FRESH_END },
	/* Outlook header blocks without any quote marks */
	{ "outlook-en.txt", "Entrust votes YES to ballot 187\n\nBruce.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-original.txt", "Symantec votes YES\n", CT_FRESH_ORIGINAL_MESSAGE },
	{ "outlook-divider.txt", "Microsoft votes yes.\n", CT_FRESH_DIVIDER },
	{ "outlook-bold.txt", "Buypass votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-de.txt", "VikingCloud votes \u201cYes\u201d on Ballot 187.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-fr.txt", "Certigna votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-es.txt", "Izenpe votes yes on Ballot 187\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-eu.txt", "Izenpe votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-pl.txt", "Certum votes YES on ballot CSC-25.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-nl.txt", "Logius PKIoverheid votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-it.txt", "Actalis votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-zh.txt", "CFCA votes \"yes\" on Ballot FORUM-019 v.2.\n", CT_FRESH_ORIGINAL_MESSAGE },
	{ "outlook-zh-bare.txt", "GDCA votes YES.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-ja.txt", "JPRS votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "foxmail.txt", "GDCA votes YES.\n", CT_FRESH_SIGNOFF },
	{ "mac-outlook.txt", "GoDaddy votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "outlook-oneline.txt", "SSL.com votes yes.\n", CT_FRESH_OUTLOOK_HEADER },
	{ "webmail-original.txt", "Trustwave votes yes\n", CT_FRESH_ORIGINAL_MESSAGE },
	{ "outlook-mobile.txt", "Yes\n", CT_FRESH_SIGNATURE },
	/* forwarded mail */
	{ "forward-gmail.txt", "Re-posting to the public list: Apple votes YES.\n", CT_FRESH_FORWARD },
	{ "forward-apple.txt", "Apple votes YES.\n", CT_FRESH_FORWARD },
	/* signatures, sign-offs, disclaimers, footers, banners */
	{ "signature.txt", "DigiCert votes yes on ballot 187.\n", CT_FRESH_SIGNATURE },
	{ "mobile.txt", "OISTE votes YES\n", CT_FRESH_SIGNATURE },
	{ "signoff.txt", "Google votes YES on Ballot 187.\n", CT_FRESH_SIGNOFF },
	{ "disclaimer.txt", "Telia votes \u2018Yes\u2019\n\nAntti\n", CT_FRESH_DISCLAIMER },
	{ "confidentiality-notice.txt", "Network Solutions votes yes.\n", CT_FRESH_DISCLAIMER },
	{ "pipermail-stub.txt", "SSC votes: \"Yes\".\n\nArno\n", CT_FRESH_LIST_FOOTER },
	{ "banner.txt",
	  "Entrust votes NO on Ballot SC-59 v2.\n\nWe agree with others that discussion should "
	  "continue; there is no consensus yet.\n\nBruce.\n", CT_FRESH_END },
	/* HTML mail after the decoder: blockquotes and Outlook parts carry "> " */
	{ "html-outlook.txt", "Izenpe votes yes on Ballot SC-064\n", CT_FRESH_END },
	{ "html-apple.txt", "Apple votes YES.\n", CT_FRESH_END },
	{ "html-gmail.txt", "Google votes YES\n", CT_FRESH_END },
	{ "html-thunderbird.txt", "HARICA votes \"abstain\" to ballot 194.\n\nDimitris.\n", CT_FRESH_END },
	{ "crlf-nbsp.txt", "Mozilla votes yes on Ballot 187.\n\nWayne\n", CT_FRESH_END },
};

static void test_quote_styles_from_fixtures(void **state)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(fixture_rows) / sizeof(fixture_rows[0]); i++) {
		char rel[128];
		snprintf(rel, sizeof(rel), "votes/%s", fixture_rows[i].file);
		char *path = fixture_path(rel);
		size_t len;
		char *body = read_file(path, &len);
		if (!body)
			print_error("cannot read %s\n", path);
		assert_non_null(body);
		bad += check(*state, fixture_rows[i].file, body, len, fixture_rows[i].want,
			     fixture_rows[i].stop);
		free(body);
		free(path);
	}
	assert_int_equal(bad, 0);
}

/* The quoted ballot, unmarked, as a client that does not use '>' sends it. */
#define BALLOT_TAIL \
	"A vote in favor of the motion must indicate a clear 'yes' in the response.\n" \
	"A vote against must indicate a clear 'no' in the response. A vote to\n" \
	"abstain must indicate a clear 'abstain' in the response.\n"
#define BALLOT_QUOTED \
	"> A vote in favor of the motion must indicate a clear 'yes' in the response.\n" \
	"> A vote against must indicate a clear 'no' in the response. A vote to\n" \
	"> abstain must indicate a clear 'abstain' in the response.\n"

/* Attribution lines of many clients and languages, some wrapped. */
static const char *const attributions[] = {
	"On Fri, Feb 24, 2017 at 10:05 PM, Gervase Markham <gerv@mozilla.org> wrote:",
	"On Thu, Jul 6, 2023 at 3:37 PM Clint Wilson <cwilson@apple.com> wrote:",
	"On Apr 3, 2017, at 10:58 AM, Ryan Sleevi via Public <public@cabforum.org> wrote:",
	"On 2 Jan 2017, at 10:29 am, Kirk Hall <Kirk.Hall@entrustdatacard.com> wrote:",
	"On 9/20/2017 7:54 PM, Wayne Thayer wrote:",
	"On 19/10/2023 6:05 \u03bc.\u03bc., Dimitris Zacharopoulos (HARICA) wrote:",
	"haavardm at work wrote:",
	/* wrapped over two and three lines */
	"On Thu, Jul 6, 2023 at 3:37 PM Clint Wilson via Servercert-wg <\nservercert-wg@cabforum.org> wrote:",
	"On Apr 3, 2017, at 10:58 AM, Ryan Sleevi via Public\n<public@cabforum.org> wrote:",
	"On Thu, Jul 6, 2023 at 3:37 PM\nClint Wilson via Servercert-wg\n<servercert-wg@cabforum.org> wrote:",
	"Ryan Sleevi <sleevi@google.com> schrieb am Mo., 5. Juni 2023,\n19:43:",
	/* German */
	"Am 05.06.2023 um 19:43 schrieb Tim Hollebeek via Servercert-wg:",
	"Tim Hollebeek <tim.hollebeek@digicert.com> schrieb am Mo., 5. Juni 2023, 19:43:",
	/* French */
	"Le lun. 5 juin 2023 \u00e0 19:43, Tim Hollebeek <tim@example.com> a \u00e9crit :",
	/* Spanish */
	"El lun, 5 jun 2023 a las 19:43, Tim Hollebeek (<tim@example.com>) escribi\u00f3:",
	/* Portuguese */
	"Em seg., 5 de jun. de 2023 \u00e0s 19:43, Tim Hollebeek <tim@example.com> escreveu:",
	/* Swedish, Danish, Norwegian */
	"Den m\u00e5n 5 juni 2023 kl 19:43 skrev Tim Hollebeek <tim@example.com>:",
	"man. 5. jun. 2023 kl. 19.43 skrev Tim Hollebeek <tim@example.com>:",
	/* Polish */
	"pon., 5 cze 2023 o 19:43 Tim Hollebeek <tim@example.com> napisa\u0142(a):",
	"W dniu 5.06.2023 o 19:43, Tim Hollebeek pisze:",
	/* Italian */
	"Il giorno lun 5 giu 2023 alle ore 19:43 Tim Hollebeek <tim@example.com> ha scritto:",
	/* Finnish */
	"Tim Hollebeek <tim@example.com> kirjoitti 5.6.2023 klo 19.43:",
	/* Greek */
	"\u03a3\u03c4\u03b9\u03c2 5/6/2023 7:43 \u03bc.\u03bc., \u03bf/\u03b7 Tim Hollebeek "
	"\u03ad\u03b3\u03c1\u03b1\u03c8\u03b5:",
	/* Chinese */
	"Tim Hollebeek <tim@example.com> \u4e8e2023\u5e746\u67085\u65e5\u5468\u4e00 19:43\u5199\u9053\uff1a",
	"\u5728 2023\u5e746\u67085\u65e5\uff0cTim Hollebeek \u5199\u9053:",
	/* Dutch */
	"Op 5 jun. 2023 om 19:43 heeft Tim Hollebeek <tim@example.com> het volgende geschreven:",
	"Op ma 5 jun 2023 om 19:43 schreef Tim Hollebeek <tim@example.com>:",
	/* Japanese */
	"2023\u5e746\u67085\u65e5(\u6708) 19:43 Tim Hollebeek <tim@example.com>:",
	"2023/06/05 19:43\u3001Tim Hollebeek <tim@example.com>\u306e\u30e1\u30c3\u30bb\u30fc\u30b8:",
	"2023/06/05 19:43 \u306b Tim Hollebeek \u3055\u3093\u306f\u66f8\u304d\u307e\u3057\u305f:",
	/* Korean, Russian, Turkish, Czech */
	"2023\ub144 6\uc6d4 5\uc77c (\uc6d4) \uc624\ud6c4 7:43, Tim <tim@example.com>\ub2d8\uc774 \uc791\uc131:",
	"5 \u0438\u044e\u043d\u044f 2023 \u0433., \u0432 19:43, Tim <tim@example.com> "
	"\u043d\u0430\u043f\u0438\u0441\u0430\u043b(\u0430):",
	"Tim <tim@example.com>, 5 Haz 2023 Pzt, 19:43 tarihinde \u015funu yazd\u0131:",
	"Dne 5. 6. 2023 v 19:43 Tim Hollebeek napsal(a):",
};

static void test_attribution_then_unmarked_quote_stops(void **state)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(attributions) / sizeof(attributions[0]); i++) {
		char body[2048];
		snprintf(body, sizeof(body), "GlobalSign votes yes.\n\n%s\n\n" BALLOT_TAIL,
			 attributions[i]);
		bad += check(*state, attributions[i], body, strlen(body), "GlobalSign votes yes.\n",
			     CT_FRESH_ATTRIBUTION);
	}
	assert_int_equal(bad, 0);
}

static void test_attribution_over_marked_quote_is_dropped(void **state)
{
	/* bottom-posted: the vote is BELOW the quote and must survive */
	int bad = 0;
	for (size_t i = 0; i < sizeof(attributions) / sizeof(attributions[0]); i++) {
		char body[2048];
		snprintf(body, sizeof(body), "%s\n" BALLOT_QUOTED "\nGlobalSign votes yes.\n",
			 attributions[i]);
		ct_buf out = CT_BUF_INIT;
		ct_fresh_info info;
		bad += check(*state, attributions[i], body, strlen(body), "GlobalSign votes yes.\n",
			     CT_FRESH_END);
		assert_int_equal(ct_fresh_extract(*state, &out, body, strlen(body), &info), 0);
		if (info.attributions < 1 || info.quoted_lines != 3) {
			print_error("%s: attributions %zu quoted %zu\n", attributions[i],
				    info.attributions, info.quoted_lines);
			bad++;
		}
		ct_buf_release(&out);
	}
	assert_int_equal(bad, 0);
}

/* Short bodies: one case each, named as a chair would name it. */
static const struct {
	const char *name;
	const char *body;
	const char *want;
	ct_fresh_stop stop;
} inline_rows[] = {
	{ "empty body", "", "", CT_FRESH_END },
	{ "only a quote", "> A clear 'yes' in the response.\n> Unclear responses\n", "", CT_FRESH_END },
	{ "a forward with no comment", "-----Original Message-----\nFrom: x\n", "",
	  CT_FRESH_ORIGINAL_MESSAGE },
	{ "indented quote marks", "Yes\n  > A clear 'no' in the response.\n", "Yes\n", CT_FRESH_END },
	{ "a line with a time above a wrapped attribution is kept",
	  "DigiCert votes yes at 10:00\nOn Thu, Jul 6, 2023 at 3:37 PM Clint Wilson <\ncw@apple.com> wrote:\n"
	  BALLOT_QUOTED, "DigiCert votes yes at 10:00\n", CT_FRESH_END },
	{ "the last line above an attribution is kept",
	  "GlobalSign votes yes\nOn 9/20/2017 7:54 PM, Wayne Thayer wrote:\n" BALLOT_QUOTED,
	  "GlobalSign votes yes\n", CT_FRESH_END },
	{ "a sign-off with a name on the same line",
	  "Yes\n\nThanks, Ben\n", "Yes\n", CT_FRESH_SIGNOFF },
	{ "German sign-off", "D-TRUST votes yes.\n\nMit freundlichen Gr\u00fc\u00dfen\nArno Fiedler\nD-TRUST GmbH\n",
	  "D-TRUST votes yes.\n", CT_FRESH_SIGNOFF },
	{ "a sign-off word followed by a long paragraph is prose, not a signature",
	  "Thanks,\nwe have read the ballot carefully and we think the effective date is much too "
	  "early for the CAs that still issue from the old hierarchy, so we vote no.\n",
	  "Thanks,\nwe have read the ballot carefully and we think the effective date is much too "
	  "early for the CAs that still issue from the old hierarchy, so we vote no.\n", CT_FRESH_END },
	{ "\"Thanks for\" in a sentence is not a sign-off",
	  "Thanks for the ballot. Mozilla votes yes.\n\nWayne\n",
	  "Thanks for the ballot. Mozilla votes yes.\n\nWayne\n", CT_FRESH_END },
	{ "a sentence that starts like a disclaimer but is the vote",
	  "This message confirms our vote: yes.\n", "This message confirms our vote: yes.\n", CT_FRESH_END },
	{ "signature dash without the space",
	  "Yes\n--\nJos\n", "Yes\n", CT_FRESH_SIGNATURE },
	{ "signature dash glued to a name", "SECOM votes yes\n--Kazuo\n", "SECOM votes yes\n",
	  CT_FRESH_SIGNATURE },
	{ "blank lines collapse and trailing blanks go",
	  "\n\nApple votes YES.   \n\n\n\n(Re-posting to the public list.)\n\n\n",
	  "Apple votes YES.\n\n(Re-posting to the public list.)\n", CT_FRESH_END },
	{ "zero-width spaces go", "Yes\xE2\x80\x8B\n", "Yes\n", CT_FRESH_END },
	{ "a lone [EXTERNAL] tag line goes", "[EXTERNAL]\nDigiCert votes yes\n", "DigiCert votes yes\n",
	  CT_FRESH_END },
	{ "a CAUTION banner goes",
	  "CAUTION: This email originated from outside of the organization. Do not click links\n"
	  "or open attachments unless you recognize the sender and know the content is safe.\n\n"
	  "Sectigo votes yes.\n", "Sectigo votes yes.\n", CT_FRESH_END },
	{ "Mailman footer without quotes above it",
	  "Abstain\n\n_______________________________________________\nServercert-wg mailing list\n"
	  "Servercert-wg@cabforum.org\nhttps://lists.cabforum.org/mailman/listinfo/servercert-wg\n",
	  "Abstain\n", CT_FRESH_LIST_FOOTER },
	{ "Mailman footer that lost its underscores",
	  "Abstain\n\nPublic mailing list\nPublic@cabforum.org\n", "Abstain\n", CT_FRESH_LIST_FOOTER },
	{ "a prose \"From:\" line is not a header block",
	  "From: our point of view this is fine.\nDigiCert votes yes.\n",
	  "From: our point of view this is fine.\nDigiCert votes yes.\n", CT_FRESH_END },
	{ "Outlook block with the Sent line first",
	  "Yes\n\nSent: Monday, June 5, 2023 1:43 PM\nFrom: Ben\nTo: list\nSubject: Ballot\n" BALLOT_TAIL,
	  "Yes\n", CT_FRESH_OUTLOOK_HEADER },
	{ "German forward marker", "Ja\n\n---------- Weitergeleitete Nachricht ----------\n" BALLOT_TAIL,
	  "Ja\n", CT_FRESH_FORWARD },
	{ "French original-message marker",
	  "Oui\n\n-----Message d'origine-----\nDe : x\n" BALLOT_TAIL, "Oui\n", CT_FRESH_ORIGINAL_MESSAGE },
	{ "German original-message marker",
	  "Yes\n\n-----Urspr\u00fcngliche Nachricht-----\nVon: x\n" BALLOT_TAIL, "Yes\n",
	  CT_FRESH_ORIGINAL_MESSAGE },
	{ "Outlook divider and a bold header quoted inside '>' quotes",
	  "Yes\n\n> *From:* x\n> *Sent:* y\n> *To:* z\n" BALLOT_QUOTED, "Yes\n", CT_FRESH_END },
};

static void test_inline_cases(void **state)
{
	int bad = 0;
	for (size_t i = 0; i < sizeof(inline_rows) / sizeof(inline_rows[0]); i++)
		bad += check_leak(*state, inline_rows[i].name, inline_rows[i].body,
				  strlen(inline_rows[i].body), inline_rows[i].want,
				  inline_rows[i].stop, 0);
	assert_int_equal(bad, 0);
}

static void test_stop_offset_points_at_the_marker(void **state)
{
	const char *body = "Yes\n\n-----Original Message-----\nFrom: x\n";
	ct_buf out = CT_BUF_INIT;
	ct_fresh_info info;
	assert_int_equal(ct_fresh_extract(*state, &out, body, strlen(body), &info), 0);
	assert_int_equal(info.stop, CT_FRESH_ORIGINAL_MESSAGE);
	assert_int_equal(info.stop_offset, 5);
	assert_int_equal(info.stop_len, strlen("-----Original Message-----"));
	assert_string_equal(ct_fresh_stop_name(info.stop), "original-message");
	ct_buf_release(&out);
}

static void test_appends_and_rejects_null(void **state)
{
	ct_buf out = CT_BUF_INIT;
	ct_buf_addstr(&out, "x:");
	assert_int_equal(ct_fresh_extract(*state, &out, "Yes\n", 4, NULL), 0);
	assert_string_equal(ct_buf_cstr(&out), "x:Yes\n");
	assert_int_equal(ct_fresh_extract(*state, NULL, "Yes", 3, NULL), CT_EUSAGE);
	assert_int_equal(ct_fresh_extract(NULL, &out, "Yes", 3, NULL), CT_EUSAGE);
	ct_buf_release(&out);
}

static void test_invalid_utf8_does_not_break_reading(void **state)
{
	const char body[] = "Yes \xff\xfe\n\n> clear 'no'\n";
	ct_buf out = CT_BUF_INIT;
	assert_int_equal(ct_fresh_extract(*state, &out, body, sizeof(body) - 1, NULL), 0);
	assert_string_equal(ct_buf_cstr(&out), "Yes \xff\xfe\n");
	ct_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote_styles_from_fixtures),
		cmocka_unit_test(test_attribution_then_unmarked_quote_stops),
		cmocka_unit_test(test_attribution_over_marked_quote_is_dropped),
		cmocka_unit_test(test_inline_cases),
		cmocka_unit_test(test_stop_offset_points_at_the_marker),
		cmocka_unit_test(test_appends_and_rejects_null),
		cmocka_unit_test(test_invalid_utf8_does_not_break_reading),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
