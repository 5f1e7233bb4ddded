/* tally: one vote per member and the ledger, with literal messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cabtally/tally.h"

static int64_t at(int y, int mo, int d, int h, int mi)
{
	return ct_time_from_civil(y, mo, d, h, mi, 0);
}

/* A thread under construction. */
#define MAXMSG 64
struct thread {
	ct_tally_msg m[MAXMSG];
	ct_tally_reading r[MAXMSG][2];
	size_t n;
};

static ct_tally_msg *add(struct thread *t, const char *id, int64_t date, const char *member,
	ct_category cat, ct_vote v)
{
	assert_true(t->n < MAXMSG);
	size_t i = t->n++;
	ct_tally_msg *m = &t->m[i];
	memset(m, 0, sizeof(*m));
	m->message_id = id;
	m->file = "2019-November.txt";
	m->offset = (int64_t)i * 1000;
	m->order = i;
	m->date = date;
	m->sender = "someone@example.com";
	m->sender_status = CT_SENDER_VOTING;
	m->member_id = member;
	m->member_name = member;
	m->category = cat;
	t->r[i][0] = (ct_tally_reading){ v, NULL, "test", NULL, NULL };
	m->readings = t->r[i];
	m->nreadings = v == CT_VOTE_NONE ? 0 : 1;
	return m;
}

static ct_rules rules_for(const char *group, int64_t start)
{
	ct_rules r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&r, group, start, NULL, &err), 0);
	return r;
}

static ct_tally_result *run(const char *ballot, const struct thread *t, int64_t start, int64_t end,
	const ct_rules *rules, const ct_quorum_base *q, const ct_tally_ruling *rulings, size_t nrulings)
{
	ct_tally_input in = { 0 };
	in.ballot_id = ballot;
	in.period_known = 1;
	in.start = start;
	in.end = end;
	in.rules = rules;
	if (q)
		in.quorum = *q;
	in.msgs = t->m;
	in.nmsgs = t->n;
	in.rulings = rulings;
	in.nrulings = nrulings;
	ct_tally_result *res;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_tally_run(&res, &in, &err), 0);
	assert_int_equal(res->nledger, t->n);
	return res;
}

static const ct_ledger_entry *entry(const ct_tally_result *r, const char *msgid)
{
	for (size_t i = 0; i < r->nledger; i++)
		if (r->ledger[i].message_id && !strcmp(r->ledger[i].message_id, msgid))
			return &r->ledger[i];
	fail_msg("no ledger entry %s", msgid);
	return NULL;
}

static void assert_status(const ct_tally_result *r, const char *msgid, ct_ledger_status s,
	const char *reason_part)
{
	const ct_ledger_entry *e = entry(r, msgid);
	if (e->status != s || !e->reason || (reason_part && !strstr(e->reason, reason_part)))
		fail_msg("%s: status %s reason '%s', want %s '%s'", msgid, ct_ledger_status_name(e->status),
			e->reason ? e->reason : "(null)", ct_ledger_status_name(s), reason_part ? reason_part : "");
}

static void assert_names(const ct_name_list *l, const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	if (l->count != n)
		fail_msg("list has %zu names, want %zu", l->count, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l->items[i], want[i]);
}

/* ---- the worked examples as threads ---- */

static const char *const b187_ca_yes[] = { "Let’s Encrypt", "Izenpe", "Comodo", "GoDaddy", "HARICA",
	"GDCA", "Trustwave", "SwissSign", "Symantec", "SHECA", "CFCA", "SSC", "GlobalSign", "Cisco",
	"Buypass", "DigiCert", "Disig" };

static void ballot_187(void **state)
{
	(void)state;
	int64_t start = at(2017, 3, 1, 22, 0), end = at(2017, 3, 8, 22, 0);
	struct thread t = { 0 };
	char ids[32][32];
	size_t k = 0;
	for (size_t i = 0; i < 17; i++, k++) {
		snprintf(ids[k], sizeof(ids[k]), "<ca%zu@example>", i);
		add(&t, ids[k], start + 3600 * (int64_t)(i + 1), b187_ca_yes[i], CT_CATEGORY_ISSUER, CT_VOTE_YES);
	}
	add(&t, "<no@example>", start + 90000, "Sertifitseerimiskeskus", CT_CATEGORY_ISSUER, CT_VOTE_NO);
	add(&t, "<ab@example>", start + 95000, "Actalis", CT_CATEGORY_ISSUER, CT_VOTE_ABSTAIN);
	add(&t, "<moz@example>", start + 100, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add(&t, "<goo@example>", start + 200, "Google", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add(&t, "<app@example>", start + 300, "Apple", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add(&t, "<ann@example>", start - 60, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_NONE); /* the announcement */
	ct_rules rules = rules_for("forum", start);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_quorum_base_parse_attendance(&q, "20,21,21", &err), 0);
	ct_tally_result *r = run("187", &t, start, end, &rules, &q, NULL, 0);

	static const char *const ca_yes_sorted[] = { "Buypass", "CFCA", "Cisco", "Comodo", "DigiCert",
		"Disig", "GDCA", "GlobalSign", "GoDaddy", "HARICA", "Izenpe", "Let’s Encrypt", "SHECA",
		"SSC", "SwissSign", "Symantec", "Trustwave", NULL };
	static const char *const ca_no[] = { "Sertifitseerimiskeskus", NULL };
	static const char *const ca_ab[] = { "Actalis", NULL };
	static const char *const br_yes[] = { "Apple", "Google", "Mozilla", NULL };
	static const char *const none[] = { NULL };
	assert_names(&r->names[CT_CATEGORY_ISSUER][0], ca_yes_sorted);
	assert_names(&r->names[CT_CATEGORY_ISSUER][1], ca_no);
	assert_names(&r->names[CT_CATEGORY_ISSUER][2], ca_ab);
	assert_names(&r->names[CT_CATEGORY_CONSUMER][0], br_yes);
	assert_names(&r->names[CT_CATEGORY_CONSUMER][1], none);
	assert_names(&r->late, none);
	assert_int_equal(r->verdict.cat[0].percent_yes, 94);
	assert_int_equal(r->verdict.cat[1].percent_yes, 100);
	assert_int_equal(r->verdict.quorum.half, 10);
	assert_int_equal(r->verdict.quorum.required, 11);
	assert_int_equal(r->verdict.quorum.participants, 22);
	assert_int_equal(r->verdict.outcome, CT_OUTCOME_PASSED);
	assert_status(r, "<ann@example>", CT_LEDGER_NO_VOTE, NULL);

	ct_buf j = CT_BUF_INIT;
	ct_tally_meta meta = { "cabtally test", NULL, 0, NULL, "Make CAA Checking Mandatory", NULL, "announcement" };
	ct_tally_result_to_json(&j, r, &meta);
	assert_non_null(strstr(j.buf, "\"issuer\": {\"label\": \"CAs\", \"yes\": [\"Buypass\", \"CFCA\""));
	assert_non_null(strstr(j.buf, "\"no\": [\"Sertifitseerimiskeskus\"], \"abstain\": [\"Actalis\"], "
		"\"counts\": {\"yes\": 17, \"no\": 1, \"abstain\": 1}, \"percent_yes\": 94"));
	assert_non_null(strstr(j.buf, "\"consumer\": {\"label\": \"browsers\", \"yes\": [\"Apple\", \"Google\", \"Mozilla\"]"));
	assert_non_null(strstr(j.buf, "\"half\": 10, \"required\": 11, \"participants\": 22, \"met\": true"));
	assert_non_null(strstr(j.buf, "\"citations\": {\"abstain\": \"Bylaw 2.2(e)\", \"threshold\": \"Bylaw 2.2(f)\", \"quorum\": \"Bylaw 2.2(g)\"}"));
	assert_non_null(strstr(j.buf, "\"outcome\": \"passed\""));
	assert_non_null(strstr(j.buf, "\"period\": {\"start\": \"2017-03-01T22:00:00Z\", \"end\": \"2017-03-08T22:00:00Z\", \"source\": \"announcement\"}"));
	ct_buf_release(&j);
	ct_tally_result_free(r);
}

static void ballot_sc23_with_late_votes(void **state)
{
	(void)state;
	int64_t start = at(2019, 11, 7, 3, 0), end = at(2019, 11, 14, 3, 0);
	static const char *const issuers[] = { "Buypass", "CFCA", "Chunghwa Telecom",
		"Sectigo (former Comodo CA)", "D-TRUST", "DigiCert", "Disig", "Entrust Datacard", "GDCA",
		"GlobalSign", "GoDaddy", "HARICA", "Let’s Encrypt", "SHECA", "SecureTrust (former Trustwave)" };
	static const char *const consumers[] = { "Cisco", "Google", "Microsoft", "Mozilla" };
	struct thread t = { 0 };
	char ids[32][32];
	size_t k = 0;
	for (size_t i = 0; i < 15; i++, k++) {
		snprintf(ids[k], sizeof(ids[k]), "<i%zu@x>", i);
		add(&t, ids[k], start + 7200 * (int64_t)i, issuers[i], CT_CATEGORY_ISSUER, CT_VOTE_YES);
	}
	for (size_t i = 0; i < 4; i++, k++) {
		snprintf(ids[k], sizeof(ids[k]), "<c%zu@x>", i);
		add(&t, ids[k], start + 5000 * (int64_t)i, consumers[i], CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	}
	add(&t, "<late1@x>", end + 600, "Actalis", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<late2@x>", end + 7200, "Trustcor", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<late3@x>", end, "Izenpe", CT_CATEGORY_ISSUER, CT_VOTE_YES); /* exactly at the close */
	ct_rules rules = rules_for("scwg", start);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	q.basis = CT_QUORUM_BASIS_ATTENDANCE;
	q.attendance[0] = 20;
	q.nattendance = 1;
	ct_tally_result *r = run("SC23", &t, start, end, &rules, &q, NULL, 0);
	static const char *const late[] = { "Actalis", "Izenpe", "Trustcor", NULL };
	assert_names(&r->late, late);
	assert_int_equal(r->verdict.cat[0].n.yes, 15);
	assert_int_equal(r->verdict.cat[1].n.yes, 4);
	assert_int_equal(r->names[CT_CATEGORY_ISSUER][0].count, 15);
	assert_string_equal(r->names[CT_CATEGORY_ISSUER][0].items[4], "DigiCert");
	assert_string_equal(r->names[CT_CATEGORY_ISSUER][0].items[3], "D-TRUST");
	assert_int_equal(r->verdict.quorum.participants, 19); /* late votes do not count for quorum */
	assert_int_equal(r->verdict.quorum.required, 11);
	assert_int_equal(r->verdict.outcome, CT_OUTCOME_PASSED);
	assert_status(r, "<late3@x>", CT_LEDGER_LATE, "at or after the close of voting at 2019-11-14T03:00:00Z");
	ct_buf j = CT_BUF_INIT;
	ct_tally_result_to_json(&j, r, NULL);
	assert_non_null(strstr(j.buf, "\"late\": [\"Actalis\", \"Izenpe\", \"Trustcor\"]"));
	assert_non_null(strstr(j.buf, "\"label\": \"Certificate Consumers\", \"yes\": [\"Cisco\", \"Google\", \"Microsoft\", \"Mozilla\"]"));
	assert_non_null(strstr(j.buf, "\"profile\": \"SCWG1.1+BL2.2\""));
	assert_non_null(strstr(j.buf, "\"group\": \"scwg\""));
	assert_non_null(strstr(j.buf, "\"code\": \"charter-quorum\""));
	ct_buf_release(&j);
	ct_tally_result_free(r);
}

/* ---- one vote per member ---- */

static void latest_vote_counts_and_period_edges(void **state)
{
	(void)state;
	int64_t start = at(2020, 1, 1, 0, 0), end = at(2020, 1, 8, 0, 0);
	struct thread t = { 0 };
	add(&t, "<a1@x>", start + 10, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<a2@x>", start + 20, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_NO);       /* change of mind */
	add(&t, "<a3@x>", start + 30, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_UNCLEAR);  /* does not cancel */
	add(&t, "<a4@x>", end + 5, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);         /* late: ignored */
	add(&t, "<b1@x>", start, "Beta", CT_CATEGORY_ISSUER, CT_VOTE_YES);            /* exactly at opening */
	add(&t, "<c1@x>", start - 1, "Gamma", CT_CATEGORY_ISSUER, CT_VOTE_YES);       /* early */
	add(&t, "<d1@x>", end - 1, "Delta", CT_CATEGORY_CONSUMER, CT_VOTE_YES);       /* last second */
	add(&t, "<e1@x>", start - 100, "Epsilon", CT_CATEGORY_CONSUMER, CT_VOTE_NO);  /* early, then counted */
	add(&t, "<e2@x>", start + 100, "Epsilon", CT_CATEGORY_CONSUMER, CT_VOTE_ABSTAIN);
	ct_rules rules = rules_for("forum", start);
	ct_tally_result *r = run("FORUM-99", &t, start, end, &rules, NULL, NULL, 0);
	assert_status(r, "<a1@x>", CT_LEDGER_SUPERSEDED, "a later vote from Alpha");
	assert_status(r, "<a2@x>", CT_LEDGER_COUNTED, "latest vote of Alpha");
	assert_status(r, "<a3@x>", CT_LEDGER_UNCLEAR, NULL);
	assert_status(r, "<a4@x>", CT_LEDGER_LATE, NULL);
	assert_status(r, "<b1@x>", CT_LEDGER_COUNTED, NULL);
	assert_status(r, "<c1@x>", CT_LEDGER_EARLY, "before voting opened at 2020-01-01T00:00:00Z");
	assert_status(r, "<d1@x>", CT_LEDGER_COUNTED, NULL);
	assert_status(r, "<e1@x>", CT_LEDGER_EARLY, NULL);
	assert_status(r, "<e2@x>", CT_LEDGER_COUNTED, NULL);
	assert_int_equal(entry(r, "<a2@x>")->vote, CT_VOTE_NO);
	static const char *const early[] = { "Gamma", NULL };
	static const char *const none[] = { NULL };
	assert_names(&r->early, early);
	assert_names(&r->late, none); /* Alpha has a counted vote */
	assert_int_equal(r->verdict.cat[0].n.yes, 1);
	assert_int_equal(r->verdict.cat[0].n.no, 1);
	assert_int_equal(r->verdict.cat[1].n.yes, 1);
	assert_int_equal(r->verdict.cat[1].n.abstain, 1);
	/* quorum not given: thresholds judged, verdict provisional */
	assert_int_equal(r->verdict.quorum.established, 0);
	assert_int_equal(r->verdict.outcome, CT_OUTCOME_FAILED); /* issuers 1 of 2 */
	/* the ledger is sorted by date, then Message-ID */
	for (size_t i = 1; i < r->nledger; i++)
		assert_true(r->ledger[i - 1].date <= r->ledger[i].date);
	assert_string_equal(r->ledger[0].message_id, "<e1@x>");
	ct_tally_result_free(r);
}

static void ties_by_archive_order(void **state)
{
	(void)state;
	int64_t start = at(2020, 1, 1, 0, 0), end = at(2020, 1, 8, 0, 0);
	struct thread t = { 0 };
	ct_tally_msg *m1 = add(&t, "<z@x>", start + 50, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_NO);
	ct_tally_msg *m2 = add(&t, "<a@x>", start + 50, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	m1->order = 7; /* later in the archive, though listed first */
	m2->order = 5;
	add(&t, "<c@x>", start + 60, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	ct_rules rules = rules_for("forum", start);
	ct_tally_result *r = run("FORUM-99", &t, start, end, &rules, NULL, NULL, 0);
	assert_status(r, "<z@x>", CT_LEDGER_COUNTED, NULL);
	assert_status(r, "<a@x>", CT_LEDGER_SUPERSEDED, NULL);
	/* same date: the ledger orders by Message-ID */
	assert_string_equal(r->ledger[0].message_id, "<a@x>");
	assert_string_equal(r->ledger[1].message_id, "<z@x>");
	ct_tally_result_free(r);
}

static void vote_change_across_categories(void **state)
{
	(void)state;
	/* the caller resolved the member's category per message; the member counts
	 * once, in the category of its counted (latest) message */
	int64_t start = at(2019, 1, 1, 0, 0), end = at(2019, 1, 8, 0, 0);
	struct thread t = { 0 };
	add(&t, "<c1@x>", start + 10, "Cisco", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<c2@x>", start + 20, "Cisco", CT_CATEGORY_CONSUMER, CT_VOTE_NO);
	add(&t, "<g@x>", start + 30, "Google", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add(&t, "<d@x>", start + 40, "DigiCert", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	ct_rules rules = rules_for("forum", start);
	ct_tally_result *r = run("FORUM-99", &t, start, end, &rules, NULL, NULL, 0);
	assert_int_equal(r->verdict.cat[CT_CATEGORY_ISSUER].n.yes, 1);
	assert_int_equal(r->verdict.cat[CT_CATEGORY_CONSUMER].n.no, 1);
	assert_int_equal(r->verdict.cat[CT_CATEGORY_CONSUMER].n.yes, 1);
	assert_status(r, "<c1@x>", CT_LEDGER_SUPERSEDED, NULL);
	assert_int_equal(entry(r, "<c2@x>")->category, CT_CATEGORY_CONSUMER);
	assert_int_equal(r->verdict.quorum.participants, 3); /* three members, once each */
	ct_tally_result_free(r);
}

static void duplicates_counted_once(void **state)
{
	(void)state;
	int64_t start = at(2019, 1, 1, 0, 0), end = at(2019, 1, 8, 0, 0);
	struct thread t = { 0 };
	add(&t, "<dup@x>", start + 10, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	ct_tally_msg *m = add(&t, "dup@x", start + 10, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	m->file = "copy.mbox";
	add(&t, NULL, start + 30, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add(&t, NULL, start + 40, "Google", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	ct_rules rules = rules_for("forum", start);
	ct_tally_result *r = run("FORUM-99", &t, start, end, &rules, NULL, NULL, 0);
	assert_status(r, "<dup@x>", CT_LEDGER_COUNTED, NULL);
	assert_status(r, "dup@x", CT_LEDGER_DUPLICATE, "same Message-ID as the message at 2019-November.txt offset 0");
	assert_int_equal(r->verdict.cat[0].n.yes, 1);
	assert_int_equal(r->verdict.cat[1].n.yes, 2); /* no Message-ID is never a duplicate */
	ct_tally_result_free(r);
}

static void chair_rulings(void **state)
{
	(void)state;
	int64_t start = at(2019, 1, 1, 0, 0), end = at(2019, 1, 8, 0, 0);
	struct thread t = { 0 };
	add(&t, "<x1@x>", start + 10, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<x2@x>", start + 20, "Beta", CT_CATEGORY_ISSUER, CT_VOTE_UNCLEAR);
	add(&t, "<x3@x>", start + 30, "Gamma", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<x4@x>", start + 40, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	ct_tally_ruling rulings[4];
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_tally_ruling_parse(&rulings[0], "<x1@x>", 1, &err), 0);
	assert_int_equal(ct_tally_ruling_parse(&rulings[1], "x2@x=NO", 0, &err), 0);
	assert_int_equal(ct_tally_ruling_parse(&rulings[2], "<x3@x>=none", 0, &err), 0);
	assert_int_equal(ct_tally_ruling_parse(&rulings[3], "<ghost@x>=yes", 0, &err), 0);
	ct_rules rules = rules_for("forum", start);
	ct_tally_result *r = run("FORUM-99", &t, start, end, &rules, NULL, rulings, 4);
	assert_status(r, "<x1@x>", CT_LEDGER_EXCLUDED, "excluded by the chair's ruling");
	assert_status(r, "<x2@x>", CT_LEDGER_COUNTED, "chair's ruling: no (read as unclear)");
	assert_string_equal(entry(r, "<x2@x>")->ruling, "no");
	assert_int_equal(entry(r, "<x2@x>")->vote, CT_VOTE_NO);
	assert_status(r, "<x3@x>", CT_LEDGER_NO_VOTE, "chair's ruling: none (read as yes)");
	assert_int_equal(r->verdict.cat[0].n.yes, 0);
	assert_int_equal(r->verdict.cat[0].n.no, 1);
	assert_int_equal(r->nrulings, 4);
	assert_string_equal(r->rulings[0].message_id, "<x1@x>");
	assert_string_equal(r->rulings[0].ruling, "exclude");
	assert_int_equal(r->rulings[0].matched, 1);
	assert_int_equal(r->rulings[3].matched, 0);
	int warned = 0;
	for (size_t i = 0; i < r->warnings.count; i++)
		warned |= !strcmp(r->warnings.items[i].code, "ruling-unmatched");
	assert_true(warned);
	ct_buf j = CT_BUF_INIT;
	ct_tally_result_to_json(&j, r, NULL);
	assert_non_null(strstr(j.buf, "\"rulings\": [{\"message_id\": \"<x1@x>\", \"ruling\": \"exclude\", \"matched\": 1}"));
	ct_buf_release(&j);
	ct_tally_result_free(r);
	for (int i = 0; i < 4; i++)
		ct_tally_ruling_release(&rulings[i]);

	ct_tally_ruling bad;
	assert_int_equal(ct_tally_ruling_parse(&bad, "x@y", 0, &err), CT_EUSAGE);
	assert_int_equal(ct_tally_ruling_parse(&bad, "x@y=maybe", 0, &err), CT_EUSAGE);
	assert_int_equal(ct_tally_ruling_parse(&bad, "<>=yes", 0, &err), CT_EUSAGE);
}

static void senders_readings_and_wrong_ballot(void **state)
{
	(void)state;
	int64_t start = at(2017, 4, 1, 0, 0), end = at(2017, 4, 8, 0, 0);
	struct thread t = { 0 };
	ct_tally_msg *m;
	m = add(&t, "<nm@x>", start + 1, NULL, CT_CATEGORY_NONE, CT_VOTE_YES);
	m->sender_status = CT_SENDER_NOT_A_MEMBER;
	m->sender = "random@gmail.com";
	m = add(&t, "<nv@x>", start + 2, "US FPKI", CT_CATEGORY_NONE, CT_VOTE_YES);
	m->sender_status = CT_SENDER_NOT_VOTING;
	m->sender_reason = "US FPKI is an associate member";
	m = add(&t, "<ua@x>", start + 3, NULL, CT_CATEGORY_NONE, CT_VOTE_YES);
	m->sender_status = CT_SENDER_UNCLEAR;
	m->sender_reason = "two members share the domain";
	m = add(&t, "<uv@x>", start + 4, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_UNCLEAR);
	t.r[t.n - 1][0].reason = "conditional vote";
	/* "Yes on 194, no on 195" */
	m = add(&t, "<two@x>", start + 5, "Beta", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	t.r[t.n - 1][0] = (ct_tally_reading){ CT_VOTE_YES, "194", "clear-yes", NULL, "Yes on 194" };
	t.r[t.n - 1][1] = (ct_tally_reading){ CT_VOTE_NO, "195", "clear-no", NULL, "no on 195" };
	m->nreadings = 2;
	m = add(&t, "<only195@x>", start + 6, "Gamma", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	t.r[t.n - 1][0] = (ct_tally_reading){ CT_VOTE_YES, "195", "clear-yes", NULL, "Gamma votes yes on 195" };
	add(&t, "<talk@x>", start + 7, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_NONE);
	/* two clear readings of this ballot that disagree */
	m = add(&t, "<both@x>", start + 8, "Delta", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	t.r[t.n - 1][1] = (ct_tally_reading){ CT_VOTE_NO, NULL, "clear-no", NULL, NULL };
	m->nreadings = 2;
	ct_rules rules = rules_for("forum", start);

	ct_tally_result *r = run("194", &t, start, end, &rules, NULL, NULL, 0);
	assert_status(r, "<nm@x>", CT_LEDGER_NOT_A_MEMBER, "sender random@gmail.com resolves to no member");
	assert_status(r, "<nv@x>", CT_LEDGER_NOT_VOTING, "associate member");
	assert_string_equal(entry(r, "<nv@x>")->member, "US FPKI");
	assert_status(r, "<ua@x>", CT_LEDGER_UNCLEAR, "sender not attributed: two members share the domain");
	assert_status(r, "<uv@x>", CT_LEDGER_UNCLEAR, "conditional vote");
	assert_status(r, "<two@x>", CT_LEDGER_COUNTED, NULL);
	assert_int_equal(entry(r, "<two@x>")->vote, CT_VOTE_YES);
	assert_string_equal(entry(r, "<two@x>")->evidence, "Yes on 194");
	assert_status(r, "<only195@x>", CT_LEDGER_WRONG_BALLOT, "names ballot 195, not 194");
	assert_status(r, "<talk@x>", CT_LEDGER_NO_VOTE, "no vote in the author's own words");
	assert_status(r, "<both@x>", CT_LEDGER_UNCLEAR, "different votes");
	assert_int_equal(r->verdict.cat[0].n.yes, 1);
	ct_tally_result_free(r);

	/* the same thread tallied for ballot 195 (the --all case) */
	r = run("195", &t, start, end, &rules, NULL, NULL, 0);
	assert_status(r, "<two@x>", CT_LEDGER_COUNTED, NULL);
	assert_int_equal(entry(r, "<two@x>")->vote, CT_VOTE_NO);
	assert_status(r, "<only195@x>", CT_LEDGER_COUNTED, NULL);
	assert_int_equal(r->verdict.cat[0].n.yes, 1);
	assert_int_equal(r->verdict.cat[0].n.no, 1);
	ct_tally_result_free(r);
}

static void no_period_and_determinism(void **state)
{
	(void)state;
	int64_t start = at(2019, 1, 1, 0, 0);
	struct thread t = { 0 };
	add(&t, "<1@x>", start + 10, "Alpha", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<2@x>", start + 10, "Beta", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, "<3@x>", start - 1000000, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	ct_rules rules = rules_for("forum", start);
	ct_tally_input in = { 0 };
	in.ballot_id = "FORUM-99";
	in.period_known = 0;
	in.rules = &rules;
	in.msgs = t.m;
	in.nmsgs = t.n;
	ct_tally_result *a, *b;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_tally_run(&a, &in, &err), 0);
	assert_int_equal(a->verdict.outcome, CT_OUTCOME_NO_PERIOD);
	assert_status(a, "<3@x>", CT_LEDGER_COUNTED, NULL);
	/* the same messages in another array order give the same bytes */
	struct thread u = t;
	u.m[0] = t.m[2];
	u.m[2] = t.m[0];
	u.m[0].readings = t.r[2];
	u.m[2].readings = t.r[0];
	in.msgs = u.m;
	assert_int_equal(ct_tally_run(&b, &in, &err), 0);
	ct_buf ja = CT_BUF_INIT, jb = CT_BUF_INIT;
	ct_tally_result_to_json(&ja, a, NULL);
	ct_tally_result_to_json(&jb, b, NULL);
	assert_string_equal(ja.buf, jb.buf);
	assert_non_null(strstr(ja.buf, "\"period\": null"));
	assert_non_null(strstr(ja.buf, "\"outcome\": \"no-period\""));
	ct_buf_release(&ja);
	ct_buf_release(&jb);
	ct_tally_result_free(a);
	ct_tally_result_free(b);

	in.rules = NULL;
	assert_int_equal(ct_tally_run(&a, &in, &err), CT_EUSAGE);
	assert_null(a);
}

static void empty_thread(void **state)
{
	(void)state;
	ct_rules rules = rules_for("forum", CT_RULES_NO_DATE);
	ct_tally_input in = { 0 };
	in.ballot_id = "FORUM-99";
	in.period_known = 1;
	in.rules = &rules;
	ct_tally_result *r;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_tally_run(&r, &in, &err), 0);
	assert_int_equal(r->nledger, 0);
	assert_int_equal(r->verdict.outcome, CT_OUTCOME_FAILED);
	ct_buf j = CT_BUF_INIT;
	ct_tally_result_to_json(&j, r, NULL);
	assert_non_null(strstr(j.buf, "\"ledger\": []"));
	assert_non_null(strstr(j.buf, "\"percent_yes\": null"));
	ct_buf_release(&j);
	ct_tally_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ballot_187),
		cmocka_unit_test(ballot_sc23_with_late_votes),
		cmocka_unit_test(latest_vote_counts_and_period_edges),
		cmocka_unit_test(ties_by_archive_order),
		cmocka_unit_test(vote_change_across_categories),
		cmocka_unit_test(duplicates_counted_once),
		cmocka_unit_test(chair_rulings),
		cmocka_unit_test(senders_readings_and_wrong_ballot),
		cmocka_unit_test(no_period_and_determinism),
		cmocka_unit_test(empty_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
