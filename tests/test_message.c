/* message: every fixture in fixtures/mail decodes to what fixtures/mail/README.md says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/message.h"
#include "testutil.h"

#define NORM_187 "Ballot 187 - Make CAA Checking Mandatory"
#define NORM_SC23 "Ballot SC23: Precertificates"

/* One fixture and what a chair would check in it. `quoted` must appear in
 * the body (the ballot text as quoted); `warn` is a warning code that must
 * be there ("" for none at all). */
static const struct {
	const char *file;
	const char *subject;
	const char *normalized;
	const char *name;
	const char *address;
	int via_list;
	const char *date;
	const char *vote;
	const char *quoted;
	int from_html;
	const char *warn;
} rows[] = {
	{ "outlook-qp.eml", "Re: [cabfpub] " NORM_187, NORM_187, "Pat Example",
	  "pat.example@example-ca.com", 0, "2017-03-02T09:14:00Z",
	  "Example CA votes YES on Ballot 187 \xe2\x80\x93 it\xe2\x80\x99s overdue.\n",
	  "\nSent: Friday, February 24, 2017 11:02 AM\n", 0, "" },
	{ "base64-utf8.eml", "Re: [cabfpub] " NORM_187, NORM_187, "J\xc3\xb6rg M\xc3\xbcller",
	  "joerg.mueller@example-trust.de", 0, "2017-03-02T09:30:15Z",
	  "D-Trust votes yes on Ballot 187.\n", "\n> -- MOTION BEGINS --\n", 0, "" },
	{ "apple-html.eml", "Re: [cabfpub] " NORM_187, NORM_187, "Sam Sample",
	  "sam@sample-trust.example", 0, "2017-03-02T19:45:00Z",
	  "Sample Trust votes Yes on Ballot 187.\n\nSam\n\n> On Feb 24, 2017, at 20:02, Kim Chair",
	  "\n> -- MOTION BEGINS --\n> Effective 8 September 2017", 1, "" },
	{ "outlook-html.eml", "Re: [Servercert-wg] " NORM_SC23, NORM_SC23, "Robin Redmond",
	  "robinr@microsoft.example", 0, "2019-11-08T18:20:33Z",
	  "Microsoft votes yes on Ballot SC23.\n\nThanks,\n\nRobin\n\n> From: Servercert-wg",
	  "\n> Ballot SC23: Precertificates\n", 1, "" },
	{ "gmail-html.eml", "Re: [Servercert-wg] " NORM_SC23, NORM_SC23, "Ryan Roe",
	  "rroe@google.example", 0, "2019-11-07T15:31:07Z",
	  "Google votes YES on Ballot SC23.\n\n-- Ryan\n\nOn Thu, Nov 7, 2019 at 4:05 AM",
	  "wrote:\n> Ballot SC23: Precertificates\n>\n> Voting begins", 1, "" },
	{ "thunderbird-html.eml", "Re: [cabfpub] " NORM_187, NORM_187, "Dana Demo",
	  "dana@demo-pki.example", 0, "2017-03-02T13:02:11Z",
	  "Demo PKI votes NO on Ballot 187: the effective date is too early.\n",
	  "> On 24.02.2017 20:02, Kim Chair via Public wrote:\n> Ballot 187", 1, "" },
	{ "smime-signed.eml", "RE: [cabfpub] " NORM_187, NORM_187, "Chris Trust",
	  "chris@trust-example.example", 0, "2017-03-02T16:20:00Z",
	  "Trust Example votes yes on Ballot 187.\n", "\n> -- MOTION ENDS --\n", 0, "" },
	{ "pgp-signed.eml", "Re: [cabfpub] " NORM_187, NORM_187, "Lee Labs",
	  "lee@sample-labs.example", 0, "2017-03-02T18:00:00Z",
	  "Sample Labs abstains on Ballot 187.\n", "\n> End: 2017-03-03 19:00 UTC\n", 0, "" },
	{ "dmarc.eml", "Re: [cabfpub] " NORM_187, NORM_187, "Jane Doe",
	  "jane.doe@example-ca.com", 1, "2017-03-02T17:00:00Z",
	  "Example CA votes Yes on Ballot 187.\n", "\n    -- MOTION BEGINS --\n", 0, "" },
	{ "dmarc-cc.eml", "Re: [Servercert-wg] " NORM_SC23, NORM_SC23, "John Smith",
	  "john.smith@sample-trust.example", 1, "2019-11-08T09:15:00Z",
	  "Sample Trust votes yes on SC23.\n", "\n> Ballot SC23: Precertificates\n", 0, "" },
	{ "latin1-mislabeled.eml", "Re: [cabfpub] " NORM_187, NORM_187, "Jos\xc3\xa9 Mu\xc3\xb1oz",
	  "jose.munoz@certisign.example", 0, "2017-03-02T16:10:00Z",
	  "Certisign vot\xc3\xa9 s\xc3\xad: we vote yes on Ballot 187.\n",
	  "\n> -- MOTION BEGINS --\n", 0, "bad-charset" },
	{ "rfc2047-subject.eml",
	  "Re: [cabfpub] Ballot 187 \xe2\x80\x93 Make CAA Checking Mandatory \xe2\x9c\x93",
	  "Ballot 187 \xe2\x80\x93 Make CAA Checking Mandatory \xe2\x9c\x93",
	  "Fran\xc3\xa7ois P\xc3\xa9rez", "francois.perez@exemple-ac.example", 0,
	  "2017-03-02T14:30:00Z", "Exemple AC vote oui (yes) au scrutin 187.\n",
	  "a \xc3\xa9" "crit :\n> Ballot 187", 0, "" },
	{ "references-loop.eml",
	  "Re: Re: RE: AW: [cabfpub] Re: " NORM_187, NORM_187, "Sam Sample",
	  "sam@sample-trust.example", 0, "2017-03-03T08:00:00Z",
	  "Correction: Sample Trust votes yes (not abstain) on Ballot 187.\n",
	  "\n> -- MOTION BEGINS --\n", 0, "references-loop" },
	{ "pipermail.eml", "[cabfpub] " NORM_187, NORM_187, "Pat Example",
	  "pat.example@example-ca.com", 0, "2017-03-02T09:14:00Z",
	  "Example CA votes YES on Ballot 187.\n", "\n> -- MOTION BEGINS --\n", 0, "" },
};

/* A raw message as the archive would hand it over for a file without a
 * From_ line. The caller frees `raw->data`. */
static int load_raw(const char *name, ct_raw_message *raw, const ct_warnings *w)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "mail/%s", name);
	char *path = fixture_path(rel);
	size_t len = 0;
	char *data = read_file(path, &len);
	if (!data) {
		fprintf(stderr, "cannot read fixture %s\n", path);
		free(path);
		return -1;
	}
	free(path);
	memset(raw, 0, sizeof(*raw));
	raw->file = name;
	raw->offset = 0;
	raw->from_line_date = CT_TIME_NONE;
	raw->format = CT_MBOX_MBOXRD;
	raw->data = data;
	raw->len = len;
	raw->warnings = w;
	return 0;
}

static int has_warning(const ct_message *m, const char *code)
{
	for (size_t i = 0; i < m->warnings.count; i++)
		if (strcmp(m->warnings.items[i].code, code) == 0)
			return 1;
	return 0;
}

static int check_row(size_t i)
{
	ct_warnings none = CT_WARNINGS_INIT;
	ct_raw_message raw;
	if (load_raw(rows[i].file, &raw, &none))
		return 1;
	ct_message *m = NULL;
	int failed = 0;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	char iso[21];
	ct_time_format_iso(m->date, iso);
#define CHECK(cond, ...) do { if (!(cond)) { fprintf(stderr, "%s: ", rows[i].file); \
	fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); failed = 1; } } while (0)
	CHECK(!strcmp(m->subject, rows[i].subject), "subject '%s'", m->subject);
	CHECK(!strcmp(m->subject_normalized, rows[i].normalized), "normalized '%s'",
	      m->subject_normalized);
	CHECK(!strcmp(m->from.name, rows[i].name), "from name '%s'", m->from.name);
	CHECK(!strcmp(m->from.address, rows[i].address), "from address '%s'", m->from.address);
	CHECK(m->via_list == rows[i].via_list, "via_list %d", m->via_list);
	CHECK(m->date_source == CT_DATE_HEADER && !strcmp(iso, rows[i].date), "date %s source %d",
	      iso, m->date_source);
	CHECK(!strncmp(m->body, rows[i].vote, strlen(rows[i].vote)), "body starts '%.80s'", m->body);
	CHECK(strstr(m->body, rows[i].quoted) != NULL, "quoted '%s' not in body:\n%s",
	      rows[i].quoted, m->body);
	CHECK(m->body_from_html == rows[i].from_html, "body_from_html %d", m->body_from_html);
	CHECK(m->message_id && m->message_id[0] == '<', "message id %s", m->message_id);
	if (*rows[i].warn)
		CHECK(has_warning(m, rows[i].warn), "no warning %s", rows[i].warn);
	else
		CHECK(m->warnings.count == 0, "unexpected warning %s: %s", m->warnings.items[0].code,
		      m->warnings.items[0].message);
	/* nothing of a signature or an attachment leaks into the text */
	CHECK(!strstr(m->body, "PGP SIGNATURE") && !strstr(m->body, "smime.p7s") &&
	      !strstr(m->body, "PNG"), "attachment text in body");
#undef CHECK
	ct_message_free(m);
	free((char *)raw.data);
	return failed;
}

static void test_fixtures_decode(void **state)
{
	(void)state;
	int failed = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		failed += check_row(i);
	assert_int_equal(failed, 0);
}

static void test_dmarc_keeps_list_from(void **state)
{
	(void)state;
	ct_warnings none = CT_WARNINGS_INIT;
	ct_raw_message raw;
	assert_int_equal(load_raw("dmarc.eml", &raw, &none), 0);
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_string_equal(m->list_from.name, "Jane Doe via Public");
	assert_string_equal(m->list_from.address, "public@cabforum.org");
	assert_string_equal(m->reply_to.address, "jane.doe@example-ca.com");
	assert_string_equal(m->sender.address, "public-bounces@cabforum.org");
	ct_message_free(m);
	free((char *)raw.data);
}

static void test_dmarc_unresolved_warns(void **state)
{
	(void)state;
	const char text[] = "From: \"Jane Doe via Public\" <public@cabforum.org>\n"
			    "Subject: Re: [cabfpub] Ballot 187\nDate: Thu, 2 Mar 2017 12:00:00 -0500\n"
			    "Message-ID: <x@y>\n\nYes\n";
	ct_raw_message raw = { .file = "t", .data = text, .len = sizeof(text) - 1,
			       .from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_int_equal(m->via_list, 1);
	assert_string_equal(m->from.name, "Jane Doe");
	assert_string_equal(m->from.address, "");
	assert_true(has_warning(m, "dmarc-unresolved"));
	ct_message_free(m);
}

static void test_no_date_uses_from_line(void **state)
{
	(void)state;
	ct_warnings w = CT_WARNINGS_INIT;
	ct_warnings_add(&w, "rejected-from-line", "a From_ candidate at offset 120 was kept in the body");
	ct_raw_message raw;
	assert_int_equal(load_raw("no-date.eml", &raw, &w), 0);
	raw.from_line_date = ct_time_from_civil(2017, 3, 2, 21, 5, 0);
	raw.offset = 4242;
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_int_equal(m->date_source, CT_DATE_FROM_LINE);
	assert_int_equal(m->date, raw.from_line_date);
	assert_true(has_warning(m, "no-date"));
	assert_true(has_warning(m, "rejected-from-line")); /* the archive's warning is kept */
	assert_int_equal(m->offset, 4242);
	assert_string_equal(m->file, "no-date.eml");
	assert_non_null(strstr(m->body, "Example CA votes yes on Ballot 187"));
	ct_message_free(m);
	free((char *)raw.data);
	ct_warnings_release(&w);

	/* without a From_ line the date is unknown */
	assert_int_equal(load_raw("no-date.eml", &raw, NULL), 0);
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_int_equal(m->date_source, CT_DATE_NONE);
	assert_true(m->date == CT_TIME_NONE);
	ct_message_free(m);
	free((char *)raw.data);
}

static void test_bad_date_warns(void **state)
{
	(void)state;
	const char text[] = "From: a@b.example\nDate: sometime next week\nSubject: x\n\nbody\n";
	ct_raw_message raw = { .file = "t", .data = text, .len = sizeof(text) - 1,
			       .from_line_date = 1488446040, .format = CT_MBOX_MBOXRD };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_int_equal(m->date_source, CT_DATE_FROM_LINE);
	assert_int_equal(m->date, 1488446040);
	assert_true(has_warning(m, "bad-date"));
	assert_true(has_warning(m, "no-message-id"));
	ct_message_free(m);
}

static void test_references_bounded_and_loop_free(void **state)
{
	(void)state;
	ct_buf b = CT_BUF_INIT;
	ct_buf_addstr(&b, "From: a@b.example\nMessage-ID: <self@x>\nReferences:");
	for (int i = 0; i < 1500; i++)
		ct_buf_addf(&b, " <r%d@x>\n", i % 1200);
	ct_buf_addstr(&b, " <self@x>\n\nbody\n");
	ct_raw_message raw = { .file = "t", .data = b.buf, .len = b.len,
			       .from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_int_equal(m->nreferences, 1000);
	assert_string_equal(m->references[0], "<r0@x>");
	assert_true(has_warning(m, "references-too-many"));
	assert_true(has_warning(m, "references-duplicate"));
	assert_true(has_warning(m, "references-loop"));
	for (size_t i = 0; i < m->nreferences; i++)
		assert_string_not_equal(m->references[i], "<self@x>");
	ct_message_free(m);
	ct_buf_release(&b);
}

static void test_garbage_never_fails(void **state)
{
	(void)state;
	const char *inputs[] = { "", "\n", "no headers at all, just text\n",
		"Content-Type: multipart/mixed\n\n--x\n", "From:\nSubject:\nDate:\n\n",
		"Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; "
		"boundary=a\n\n--a\n--a--\n" };
	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		ct_raw_message raw = { .file = "t", .data = inputs[i], .len = strlen(inputs[i]),
				       .from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
		ct_message *m = NULL;
		assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
		assert_non_null(m->subject);
		assert_non_null(m->body);
		assert_non_null(m->from.address);
		ct_message_free(m);
	}
}

static void test_from_line_sender_when_no_from(void **state)
{
	(void)state;
	const char line[] = "From jane.doe at example-ca.com  Thu Mar  2 09:14:00 2017";
	const char text[] = "Subject: Ballot 187\nDate: Thu, 2 Mar 2017 09:14:00 +0000\n\nYes\n";
	ct_raw_message raw = { .file = "t", .data = text, .len = sizeof(text) - 1,
			       .from_line = line, .from_line_len = sizeof(line) - 1,
			       .pipermail = 1, .from_line_date = CT_TIME_NONE,
			       .format = CT_MBOX_PIPERMAIL };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_string_equal(m->from.address, "jane.doe@example-ca.com");
	assert_true(has_warning(m, "no-from"));
	ct_message_free(m);
}

static void test_inline_pgp_armour_removed(void **state)
{
	(void)state;
	const char text[] = "From: a@b.example\nSubject: x\n\n-----BEGIN PGP SIGNED MESSAGE-----\n"
			    "Hash: SHA256\n\nWe vote yes.\n- -- \nLee\n-----BEGIN PGP SIGNATURE-----\n\n"
			    "iQEz\n-----END PGP SIGNATURE-----\n";
	ct_raw_message raw = { .file = "t", .data = text, .len = sizeof(text) - 1,
			       .from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_string_equal(m->body, "We vote yes.\n-- \nLee\n");
	ct_message_free(m);
}

static void test_body_without_blank_line_kept(void **state)
{
	(void)state;
	const char text[] = "From: a@b.example\nSubject: x\nwe vote yes, no blank line before\n";
	ct_raw_message raw = { .file = "t", .data = text, .len = sizeof(text) - 1,
			       .from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_string_equal(m->subject, "x");
	assert_string_equal(m->body, "we vote yes, no blank line before\n");
	assert_true(has_warning(m, "no-header-separator"));
	ct_message_free(m);

	const char bare[] = "Send Ballot 187 votes to\n\tthe list\n\nThanks\n";
	ct_raw_message raw2 = { .file = "t", .data = bare, .len = sizeof(bare) - 1,
				.from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
	assert_int_equal(ct_message_parse(&m, &raw2, NULL), 0);
	assert_string_equal(m->body, bare);
	assert_true(has_warning(m, "no-headers"));
	ct_message_free(m);
}

static void test_content_type_without_subtype_is_plain(void **state)
{
	(void)state;
	const char text[] = "From: a@b.example\nContent-Type: text; charset=us-ascii\n\nYes.\n";
	ct_raw_message raw = { .file = "t", .data = text, .len = sizeof(text) - 1,
			       .from_line_date = CT_TIME_NONE, .format = CT_MBOX_MBOXRD };
	ct_message *m;
	assert_int_equal(ct_message_parse(&m, &raw, NULL), 0);
	assert_string_equal(m->body, "Yes.\n");
	ct_message_free(m);
}

static const struct {
	const char *in, *out;
} subjects[] = {
	{ "Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory", NORM_187 },
	{ "RE: Re: [cabfpub]  Ballot 187 -\tMake CAA   Checking Mandatory ", NORM_187 },
	{ "AW: [Servercert-wg] Ballot SC23: Precertificates", NORM_SC23 },
	{ "Fwd: Fw: FW: [Smcwg-public] [VOTE] Ballot SMC08", "[VOTE] Ballot SMC08" },
	{ "SV: VS: Antw: TR: RIF: R: Ballot 187", "Ballot 187" },
	{ "Re[2]: Re (3): Ballot 187", "Re (3): Ballot 187" },
	{ "Re : [cabfpub] Ballot 187", "Ballot 187" },
	{ "RE: [EXTERNAL] Re: [cabfpub] Ballot 187", "Ballot 187" },
	{ "Ballot 187: Re: the quorum", "Ballot 187: Re: the quorum" },
	{ "Regarding Ballot 187", "Regarding Ballot 187" },
	{ "[DRAFT] Ballot SC23", "[DRAFT] Ballot SC23" },
	{ "", "" },
	{ "Re:", "" },
};

static void test_subject_normalize(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		char *s = ct_subject_normalize(subjects[i].in);
		if (strcmp(s, subjects[i].out))
			fprintf(stderr, "'%s' -> '%s', want '%s'\n", subjects[i].in, s, subjects[i].out);
		assert_string_equal(s, subjects[i].out);
		free(s);
	}
}

static void test_address_unobscure(void **state)
{
	(void)state;
	char a[] = "jane.doe at example-ca.com";
	ct_address_unobscure(a);
	assert_string_equal(a, "jane.doe@example-ca.com");
	char b[] = "jane@example.com";
	ct_address_unobscure(b);
	assert_string_equal(b, "jane@example.com");
	char c[] = "meet at noon";
	ct_address_unobscure(c);
	assert_string_equal(c, "meet@noon");
	char d[] = " at example.com";
	ct_address_unobscure(d);
	assert_string_equal(d, " at example.com");
}

int main(void)
{
	ct_message_global_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_decode),
		cmocka_unit_test(test_dmarc_keeps_list_from),
		cmocka_unit_test(test_dmarc_unresolved_warns),
		cmocka_unit_test(test_no_date_uses_from_line),
		cmocka_unit_test(test_bad_date_warns),
		cmocka_unit_test(test_references_bounded_and_loop_free),
		cmocka_unit_test(test_garbage_never_fails),
		cmocka_unit_test(test_from_line_sender_when_no_from),
		cmocka_unit_test(test_inline_pgp_armour_removed),
		cmocka_unit_test(test_body_without_blank_line_kept),
		cmocka_unit_test(test_content_type_without_subtype_is_plain),
		cmocka_unit_test(test_subject_normalize),
		cmocka_unit_test(test_address_unobscure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
