/* render_html: the pages a chair or member would look at. Results come from
 * ct_tally_run on literal messages (an SC23-like ballot, a failed one, one
 * without quorum, one without a period); the pages are parsed back with
 * libxml2's HTML parser and checked for the counts, names, bars, ledger
 * rows, and that text from mail stays text.
 *
 * `test_render_html --write-pages DIR` writes the pages to DIR instead of
 * testing (tests/cli/thtml.sh renders them in a browser). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "cabtally/render.h"
#include "testutil.h"

#define MAXMSG 64

struct thread {
	ct_tally_msg m[MAXMSG];
	ct_tally_reading r[MAXMSG];
	char ids[MAXMSG][40];
	size_t n;
};

static ct_tally_msg *add(struct thread *t, int64_t date, const char *member, ct_category cat,
			 ct_vote v, const char *evidence)
{
	assert_true(t->n < MAXMSG);
	size_t i = t->n++;
	ct_tally_msg *m = &t->m[i];
	memset(m, 0, sizeof(*m));
	snprintf(t->ids[i], sizeof(t->ids[i]), "<m%zu@lists.example.org>", i);
	m->message_id = t->ids[i];
	m->file = "test.mbox";
	m->offset = (int64_t)i * 1000;
	m->order = i;
	m->date = date;
	m->sender = "voter@example.org";
	m->sender_status = CT_SENDER_VOTING;
	m->member_id = member;
	m->member_name = member;
	m->category = cat;
	if (v == CT_VOTE_NONE) {
		m->nreadings = 0;
		return m;
	}
	t->r[i] = (ct_tally_reading){ v, NULL, "clear", "a clear vote", evidence };
	m->readings = &t->r[i];
	m->nreadings = 1;
	return m;
}

static ct_tally_result *run(const char *ballot, struct thread *t, const char *group, int period_known,
			    int64_t start, int64_t end, const char *attendance)
{
	ct_error err = CT_ERROR_INIT;
	ct_rules rules;
	assert_int_equal(ct_rules_select(&rules, group, period_known ? start : CT_RULES_NO_DATE, NULL,
					 &err), 0);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	if (attendance)
		assert_int_equal(ct_quorum_base_parse_attendance(&q, attendance, &err), 0);
	ct_tally_input in = { 0 };
	in.ballot_id = ballot;
	in.period_known = period_known;
	in.start = start;
	in.end = end;
	in.rules = &rules;
	in.quorum = q;
	in.msgs = t->m;
	in.nmsgs = t->n;
	ct_tally_result *res;
	assert_int_equal(ct_tally_run(&res, &in, &err), 0);
	return res;
}

/* SC23 as the fixture archive has it: 15 issuers and 4 consumers yes, Disig
 * abstaining first, three late votes, Entrust voting before the opening (and
 * again inside the period), a non-member and a message without a vote. */
static ct_tally_result *sc23(struct thread *t)
{
	static const char *const issuers[] = { "Buypass", "CFCA", "Chunghwa Telecom",
		"Sectigo (former Comodo CA)", "D-TRUST", "DigiCert", "Disig", "Entrust Datacard", "GDCA",
		"GlobalSign", "GoDaddy", "HARICA", "Let’s Encrypt", "SHECA",
		"SecureTrust (former Trustwave)", NULL };
	static const char *const consumers[] = { "Mozilla", "Microsoft", "Google", "Cisco", NULL };
	static const char *const late[] = { "Actalis", "TrustCor", "Izenpe", NULL };
	static char evidence[MAXMSG][96];
	t->n = 0;
	int64_t start = ct_time_from_civil(2019, 11, 7, 3, 0, 0), end = start + 7 * 86400;
	add(t, start - 3 * 86400, "Entrust Datacard", CT_CATEGORY_ISSUER, CT_VOTE_YES,
	    "Entrust Datacard will vote yes on SC23.");
	add(t, start + 300, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_NONE, NULL);
	add(t, start + 3600, "Disig", CT_CATEGORY_ISSUER, CT_VOTE_ABSTAIN, "Disig abstains on SC23.");
	int64_t clock = start + 7200;
	for (size_t i = 0; consumers[i]; i++, clock += 5000) {
		snprintf(evidence[t->n], sizeof(evidence[0]), "%s votes yes on SC23.", consumers[i]);
		add(t, clock, consumers[i], CT_CATEGORY_CONSUMER, CT_VOTE_YES, evidence[t->n]);
	}
	for (size_t i = 0; issuers[i]; i++, clock += 7000) {
		snprintf(evidence[t->n], sizeof(evidence[0]), "%s votes yes on SC23.", issuers[i]);
		add(t, clock, issuers[i], CT_CATEGORY_ISSUER, CT_VOTE_YES, evidence[t->n]);
	}
	ct_tally_msg *m = add(t, clock, NULL, CT_CATEGORY_NONE, CT_VOTE_YES, "I'd vote yes too if I could :)");
	m->sender = "someone.pki@gmail.com";
	m->sender_status = CT_SENDER_NOT_A_MEMBER;
	m->sender_reason = "someone.pki@gmail.com belongs to no member";
	clock = end;
	for (size_t i = 0; late[i]; i++, clock += 7000) {
		snprintf(evidence[t->n], sizeof(evidence[0]), "%s votes yes on SC23.", late[i]);
		add(t, clock, late[i], CT_CATEGORY_ISSUER, CT_VOTE_YES, evidence[t->n]);
	}
	return run("SC23", t, "scwg", 1, start, end, "20");
}

static const ct_render_meta sc23_meta = {
	.ballot_display = "SC23", .version = "v3", .title = "Precertificates", .post_date = INT64_MIN,
	.ballot_text = "Ballot SC23 v3: Precertificates\n\nPurpose of Ballot\n\nThis ballot clarifies "
		       "what section 4.9.10 expects for Precertificates.\n",
};

/* Two yes and two no among issuers: 50% misses two-thirds. */
static ct_tally_result *failed(struct thread *t)
{
	t->n = 0;
	int64_t start = ct_time_from_civil(2021, 3, 1, 17, 0, 0), end = start + 7 * 86400;
	add(t, start + 100, "Apple", CT_CATEGORY_CONSUMER, CT_VOTE_YES, "Apple votes yes");
	add(t, start + 200, "Google", CT_CATEGORY_CONSUMER, CT_VOTE_NO, "Google votes no");
	add(t, start + 300, "Mozilla", CT_CATEGORY_CONSUMER, CT_VOTE_YES, "Mozilla votes yes");
	add(t, start + 400, "DigiCert", CT_CATEGORY_ISSUER, CT_VOTE_YES, "DigiCert votes yes");
	add(t, start + 500, "Sectigo", CT_CATEGORY_ISSUER, CT_VOTE_NO, "Sectigo votes no");
	add(t, start + 600, "HARICA", CT_CATEGORY_ISSUER, CT_VOTE_YES, "HARICA votes yes");
	add(t, start + 700, "Buypass", CT_CATEGORY_ISSUER, CT_VOTE_NO, "Buypass votes no");
	add(t, start + 800, "Disig", CT_CATEGORY_ISSUER, CT_VOTE_ABSTAIN, "Disig abstains");
	return run("SC41", t, "scwg", 1, start, end, "12");
}

/* Thresholds met by three votes, but 20 attended: quorum 11 is not met. */
static ct_tally_result *no_quorum(struct thread *t)
{
	t->n = 0;
	int64_t start = ct_time_from_civil(2022, 6, 1, 12, 0, 0), end = start + 7 * 86400;
	add(t, start + 100, "DigiCert", CT_CATEGORY_ISSUER, CT_VOTE_YES, "yes");
	add(t, start + 200, "GlobalSign", CT_CATEGORY_ISSUER, CT_VOTE_YES, "yes");
	add(t, start + 300, "Google", CT_CATEGORY_CONSUMER, CT_VOTE_YES, "yes");
	return run("SC55", t, "scwg", 1, start, end, "20");
}

static ct_tally_result *no_period(struct thread *t)
{
	t->n = 0;
	int64_t when = ct_time_from_civil(2023, 2, 1, 12, 0, 0);
	add(t, when, "DigiCert", CT_CATEGORY_ISSUER, CT_VOTE_YES, "DigiCert votes yes");
	return run("SC60", t, "scwg", 0, 0, 0, NULL);
}

/* Names and evidence that try to become markup. */
static ct_tally_result *hostile(struct thread *t)
{
	t->n = 0;
	int64_t start = ct_time_from_civil(2020, 5, 4, 10, 0, 0), end = start + 7 * 86400;
	add(t, start + 100, "<script>alert('name')</script>", CT_CATEGORY_ISSUER, CT_VOTE_YES,
	    "Yes <script>alert(\"evidence\")</script> <img src=x onerror=alert(1)>");
	add(t, start + 200, "Evil \"quote\" & <b>bold</b>", CT_CATEGORY_CONSUMER, CT_VOTE_YES,
	    "</td></tr></table><iframe src=\"https://example.com/\"></iframe>");
	ct_tally_msg *m = add(t, start + 300, "Bad \xff\xfe UTF-8 \x01 ctl", CT_CATEGORY_ISSUER,
			      CT_VOTE_YES, "]]><!-- -->");
	m->message_id = "<x\"><script>@evil>";
	m->sender = "<svg onload=alert(1)>@example.org";
	return run("SC99", t, "scwg", 1, start, end, "4");
}

/* ---- checking the page ---- */

typedef struct parsed {
	htmlDocPtr doc;
	xmlXPathContextPtr xp;
} parsed;

static void parse(parsed *p, const ct_buf *page)
{
	p->doc = htmlReadMemory(page->buf, (int)page->len, "page.html", "UTF-8",
				HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	assert_non_null(p->doc);
	p->xp = xmlXPathNewContext(p->doc);
	assert_non_null(p->xp);
}

static void parsed_free(parsed *p)
{
	xmlXPathFreeContext(p->xp);
	xmlFreeDoc(p->doc);
}

/* Number of nodes `expr` selects. */
static int count(parsed *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, p->xp);
	assert_non_null(o);
	int n = o->nodesetval ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	return n;
}

/* The string value of `expr`, malloc'd. */
static char *str(parsed *p, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, p->xp);
	assert_non_null(o);
	xmlChar *s = xmlXPathCastToString(o);
	char *r = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	return r;
}

static void assert_str(parsed *p, const char *expr, const char *want)
{
	char *got = str(p, expr);
	if (strcmp(got, want))
		fail_msg("%s: got '%s', want '%s'", expr, got, want);
	free(got);
}

static void assert_contains(parsed *p, const char *expr, const char *want)
{
	char *got = str(p, expr);
	if (!strstr(got, want))
		fail_msg("%s: '%s' does not contain '%s'", expr, got, want);
	free(got);
}

/* What every page must be: a standalone HTML5 document that loads and runs
 * nothing. Checked on the text and, parsed back, on the elements. */
static void assert_standalone(const ct_buf *page)
{
	const char *s = page->buf;
	assert_non_null(s);
	assert_int_equal(strlen(s), page->len);
	assert_int_equal(strncmp(s, "<!DOCTYPE html>\n<html lang=\"en\">", 32), 0);
	assert_non_null(strstr(s, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(s, "name=\"viewport\""));
	assert_non_null(strstr(s, "content=\"default-src 'none'; style-src 'unsafe-inline'"));
	assert_non_null(strstr(s, "@media print"));
	assert_non_null(strstr(s, "@media (max-width:"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "@import"));
	assert_null(strstr(s, "url(http"));
	parsed p;
	parse(&p, page);
	assert_int_equal(count(&p, "//script|//link|//img|//iframe|//object|//embed|//image|//use"), 0);
	assert_int_equal(count(&p, "//*[@src]"), 0);
	/* Links stay on the page. */
	assert_int_equal(count(&p, "//*[@href][not(starts-with(@href,'#'))]"), 0);
	assert_int_equal(count(&p, "//@*[starts-with(name(),'on')]"), 0);
	assert_int_equal(count(&p, "//style"), 1);
	parsed_free(&p);
}

static void test_sc23_page(void **state)
{
	(void)state;
	struct thread t;
	ct_tally_result *r = sc23(&t);
	ct_buf out = CT_BUF_INIT;
	ct_render_html(&out, r, &sc23_meta);
	assert_standalone(&out);
	parsed p;
	parse(&p, &out);
	assert_contains(&p, "//title", "Ballot SC23 v3: Precertificates");
	assert_contains(&p, "//title", "Passed");
	assert_contains(&p, "//h1", "Ballot SC23 v3");
	assert_contains(&p, "//h1", "Precertificates");
	assert_contains(&p, "//header//p[@class='kicker']", "Server Certificate Working Group");
	assert_contains(&p, "//div[contains(@class,'outcome')]", "Passed");
	assert_int_equal(count(&p, "//div[contains(@class,'o-passed')]"), 1);
	assert_contains(&p, "//header//p[@class='sub']", "7 Nov 2019 03:00");
	assert_contains(&p, "//header//p[@class='sub']", "14 Nov 2019 03:00 UTC");
	assert_str(&p, "//header//time[1]/@datetime", "2019-11-07T03:00:00Z");

	/* Issuers: 15 yes (Disig's abstention superseded), bar and threshold line. */
	assert_str(&p, "normalize-space(//section[@id='issuers']//p[@class='counts'])",
		   "100%in favor 15 yes · 0 no · 0 abstain");
	assert_str(&p, "normalize-space(//section[@id='consumers']//p[@class='counts'])",
		   "100%in favor 4 yes · 0 no · 0 abstain");
	assert_int_equal(count(&p, "//div[@id='names-issuers']//ul[@class='chips yes']/li"), 15);
	assert_int_equal(count(&p, "//div[@id='names-consumers']//ul[@class='chips yes']/li"), 4);
	assert_int_equal(count(&p, "//div[@id='names-issuers']//ul[@class='chips yes']/li[.='Let’s Encrypt']"), 1);
	assert_int_equal(count(&p, "//div[@id='names-issuers']//ul[@class='chips yes']/li[.='Disig']"), 1);
	assert_int_equal(count(&p, "//section[@id='issuers']//svg[@class='bar votes']"), 1);
	/* Two-thirds of 15 yes+no: the line at 66.667%, 10 needed. */
	assert_str(&p, "//section[@id='issuers']//svg[@class='bar votes']/line[@class='mark-line']/@x1", "66.667%");
	assert_contains(&p, "//section[@id='issuers']//svg[@class='bar votes']", "two-thirds: 10 yes needed");
	assert_str(&p, "//section[@id='consumers']//svg[@class='bar votes']/line[@class='mark-line']/@x1", "50.000%");
	assert_contains(&p, "//section[@id='consumers']//svg[@class='bar votes']", "more than half: 3 yes needed");
	assert_contains(&p, "//section[@id='issuers']//p[@class='margin']", "met: 15 of 15 yes+no votes in favor, 10 needed");
	assert_contains(&p, "//section[@id='issuers']//p[@class='rule']", "Bylaw 2.3(6) requires two-thirds or more of yes+no");

	/* Quorum: 19 participants against 11 of 20 active. */
	assert_contains(&p, "//section[@id='quorum']//p[@class='counts']", "19 participants");
	assert_contains(&p, "//section[@id='quorum']//svg", "quorum: 11");
	assert_contains(&p, "//section[@id='quorum']//svg", "20 active");
	assert_int_equal(count(&p, "//section[@id='quorum']//span[@class='mark met']"), 1);

	/* The verdict: a checklist with margins and the rules' reasons. */
	assert_int_equal(count(&p, "//section[@id='verdict']//ul[@class='checks']/li"), 3);
	assert_int_equal(count(&p, "//section[@id='verdict']//span[@class='mark met']"), 3);
	assert_int_equal(count(&p, "//section[@id='verdict']//div[@class='reasons']/ol/li"),
			 (int)r->verdict.nreasons);
	assert_contains(&p, "//section[@id='verdict']", "quorum (Bylaw 2.3(7)): 19 participants");

	/* Late: three members and the table of their messages. */
	assert_int_equal(count(&p, "//section[@id='late']//ul[@class='chips late']/li"), 3);
	assert_int_equal(count(&p, "//section[@id='late']//tbody/tr"), 3);
	assert_contains(&p, "//section[@id='late']//tbody/tr[1]", "at the close");
	assert_contains(&p, "//section[@id='late']//tbody/tr[1]", "Actalis votes yes on SC23.");
	assert_int_equal(count(&p, "//section[@id='early']//tbody/tr"), 1);

	/* The ledger: collapsed, one row per message, statuses as words. */
	assert_int_equal(count(&p, "//details[@id='ledger']"), 1);
	assert_int_equal(count(&p, "//details[@id='ledger'][@open]"), 0);
	assert_int_equal(count(&p, "//details[@id='ledger']//table[@class='ledger']/tbody/tr"), (int)r->nledger);
	assert_int_equal(count(&p, "//table[@class='ledger']/tbody/tr[@class='st-counted']"), 19);
	assert_int_equal(count(&p, "//table[@class='ledger']/tbody/tr[@class='st-late']"), 3);
	assert_int_equal(count(&p, "//table[@class='ledger']//span[@class='status superseded']"), 1);
	assert_int_equal(count(&p, "//table[@class='ledger']//span[@class='status not-a-member']"), 1);
	assert_int_equal(count(&p, "//table[@class='ledger']//span[@class='status no-vote']"), 1);
	assert_contains(&p, "//details[@id='ledger']/summary", "19 counted");
	assert_contains(&p, "//details[@id='ledger']/summary", "3 late");
	assert_contains(&p, "//table[@class='ledger']", "someone.pki@gmail.com");
	assert_contains(&p, "//table[@class='ledger']", "<m0@lists.example.org>");

	/* Warnings and the ballot's text. */
	assert_contains(&p, "//section[@id='notes']", "charter-quorum");
	assert_contains(&p, "//details[@id='ballot-text']/pre", "Purpose of Ballot");
	/* Grey-scale cues: the no segment is hatched, abstain dotted. */
	assert_int_equal(count(&p, "//pattern[@id='ct-no']"), 1);
	assert_int_equal(count(&p, "//pattern[@id='ct-abstain']"), 1);
	parsed_free(&p);
	ct_buf_release(&out);
	ct_tally_result_free(r);
}

static void test_failed_page(void **state)
{
	(void)state;
	struct thread t;
	ct_tally_result *r = failed(&t);
	ct_render_meta meta = { .ballot_display = "SC41", .title = "Sunset of Subject:organizationalUnitName" };
	ct_buf out = CT_BUF_INIT;
	ct_render_html(&out, r, &meta);
	assert_standalone(&out);
	parsed p;
	parse(&p, &out);
	assert_int_equal(count(&p, "//div[contains(@class,'o-failed')]"), 1);
	assert_contains(&p, "//title", "Failed");
	assert_str(&p, "normalize-space(//section[@id='issuers']//p[@class='counts'])",
		   "50%in favor 2 yes · 2 no · 1 abstain");
	assert_int_equal(count(&p, "//section[@id='issuers']//span[@class='mark not-met']"), 1);
	assert_int_equal(count(&p, "//section[@id='consumers']//span[@class='mark met']"), 1);
	/* The line at two-thirds of the 4 yes+no among 5 votes cast: 53.333%. */
	assert_str(&p, "//section[@id='issuers']//svg[@class='bar votes']/line[@class='mark-line']/@x1", "53.333%");
	assert_int_equal(count(&p, "//section[@id='issuers']//svg/rect[@fill='url(#ct-no)']"), 1);
	assert_int_equal(count(&p, "//section[@id='issuers']//svg/rect[@fill='url(#ct-abstain)']"), 1);
	assert_contains(&p, "//section[@id='issuers']//p[@class='margin']", "needs 2 more yes votes");
	assert_int_equal(count(&p, "//div[@id='names-issuers']//ul[@class='chips no']/li"), 2);
	assert_int_equal(count(&p, "//div[@id='names-issuers']//ul[@class='chips abstain']/li[.='Disig']"), 1);
	assert_int_equal(count(&p, "//section[@id='late']"), 0);
	parsed_free(&p);
	ct_buf_release(&out);
	ct_tally_result_free(r);
}

static void test_no_quorum_and_no_period(void **state)
{
	(void)state;
	struct thread t;
	ct_tally_result *r = no_quorum(&t);
	ct_buf out = CT_BUF_INIT;
	ct_render_html(&out, r, NULL);
	assert_standalone(&out);
	parsed p;
	parse(&p, &out);
	assert_int_equal(count(&p, "//div[contains(@class,'o-no-quorum')]"), 1);
	assert_contains(&p, "//h1", "Ballot SC55");
	assert_contains(&p, "//section[@id='quorum']//svg", "quorum: 11");
	/* The shortfall from 3 to 11 participants is drawn hatched. */
	assert_int_equal(count(&p, "//section[@id='quorum']//svg/rect[@fill='url(#ct-short)']"), 1);
	assert_contains(&p, "//section[@id='verdict']", "3 participated; 8 more needed");
	parsed_free(&p);
	ct_buf_release(&out);
	ct_tally_result_free(r);

	r = no_period(&t);
	ct_buf_init(&out);
	ct_render_html(&out, r, NULL);
	assert_standalone(&out);
	parse(&p, &out);
	assert_int_equal(count(&p, "//div[contains(@class,'o-no-period')]"), 1);
	assert_contains(&p, "//header//p[@class='sub']", "Voting period not found");
	assert_contains(&p, "//section[@id='verdict']", "no voting period could be read");
	/* Quorum was not established: said in words, marked unknown. */
	assert_int_equal(count(&p, "//section[@id='quorum']//span[@class='mark unknown']"), 1);
	assert_contains(&p, "//section[@id='quorum']//svg", "quorum not established");
	parsed_free(&p);
	ct_buf_release(&out);
	ct_tally_result_free(r);
}

/* A name or evidence line with markup renders as that text, nothing more. */
static void test_mail_text_is_escaped(void **state)
{
	(void)state;
	struct thread t;
	ct_tally_result *r = hostile(&t);
	ct_render_meta meta = { .ballot_display = "SC99", .title = "<script>alert('title')</script>",
		.ballot_text = "</pre><script>alert('text')</script>" };
	ct_buf out = CT_BUF_INIT;
	ct_render_html(&out, r, &meta);
	assert_standalone(&out);
	assert_non_null(strstr(out.buf, "&lt;script&gt;alert('name')&lt;/script&gt;"));
	assert_non_null(strstr(out.buf, "&lt;script&gt;alert(\"evidence\")&lt;/script&gt;"));
	assert_non_null(strstr(out.buf, "&lt;img src=x onerror=alert(1)&gt;") ||
			strstr(out.buf, "&lt;img src=x onerror=alert(1)>"));
	assert_non_null(strstr(out.buf, "&lt;/pre&gt;&lt;script&gt;"));
	parsed p;
	parse(&p, &out);
	/* Parsed back, no element came from mail: no script, img, iframe, b. */
	assert_int_equal(count(&p, "//script|//img|//iframe|//b[.='bold']|//*[@onerror]|//*[@onload]"), 0);
	/* … and the text is what was written. */
	assert_int_equal(count(&p, "//div[@id='names-issuers']//li[.=\"<script>alert('name')</script>\"]"), 1);
	assert_int_equal(count(&p, "//div[@id='names-consumers']//li[.='Evil \"quote\" & <b>bold</b>']"), 1);
	assert_contains(&p, "//table[@class='ledger']", "</td></tr></table><iframe");
	assert_contains(&p, "//title", "<script>alert('title')</script>");
	assert_contains(&p, "//details[@id='ballot-text']/pre", "</pre><script>alert('text')</script>");
	assert_contains(&p, "//table[@class='ledger']", "<x\"><script>@evil>");
	/* Invalid UTF-8 became U+FFFD and the control character a space. */
	assert_int_equal(count(&p, "//div[@id='names-issuers']//li[.='Bad \xEF\xBF\xBD\xEF\xBF\xBD UTF-8   ctl']"), 1);
	assert_int_equal(count(&p, "//table[@class='ledger']/tbody/tr"), 3);
	parsed_free(&p);
	ct_buf_release(&out);
	ct_tally_result_free(r);
}

static ct_tally_result **record(struct thread *t, ct_render_meta *metas, size_t *n)
{
	ct_tally_result **v = calloc(5, sizeof(*v));
	/* Out of order on purpose: the page sorts by start of voting. */
	v[0] = no_period(&t[0]);
	metas[0] = (ct_render_meta){ .ballot_display = "SC60", .title = "Undated" };
	v[1] = failed(&t[1]);
	metas[1] = (ct_render_meta){ .ballot_display = "SC41", .title = "Sunset of OU" };
	v[2] = sc23(&t[2]);
	metas[2] = sc23_meta;
	v[3] = no_quorum(&t[3]);
	metas[3] = (ct_render_meta){ .ballot_display = "SC55", .title = "Too few" };
	*n = 4;
	return v;
}

static void test_voting_record(void **state)
{
	(void)state;
	static struct thread t[4];
	ct_render_meta metas[4];
	size_t n;
	ct_tally_result **v = record(t, metas, &n);
	ct_buf out = CT_BUF_INIT;
	ct_render_html_all(&out, (const ct_tally_result *const *)v, metas, n);
	assert_standalone(&out);
	parsed p;
	parse(&p, &out);
	assert_contains(&p, "//h1", "Voting record");
	assert_contains(&p, "//header", "4 ballots");
	assert_contains(&p, "//ul[@class='stats']", "1 passed");
	assert_contains(&p, "//ul[@class='stats']", "1 failed");
	assert_contains(&p, "//ul[@class='stats']", "1 no quorum");
	assert_contains(&p, "//ul[@class='stats']", "1 no period");

	/* Timeline: one mark per dated ballot on its lane, the undated listed. */
	assert_int_equal(count(&p, "//section[@id='timeline']//svg[@role='img']"), 3);
	assert_int_equal(count(&p, "//section[@id='timeline']//svg[@role='img']//a"), 3);
	assert_int_equal(count(&p, "//section[@id='timeline']//svg[@role='img'][1]//a[@href='#ballot-SC23']"), 1);
	assert_contains(&p, "//section[@id='timeline']//a[@href='#ballot-SC41']/title", "SC41");
	assert_contains(&p, "//section[@id='timeline']//a[@href='#ballot-SC41']/title", "Failed");
	assert_int_equal(count(&p, "//section[@id='timeline']/p//a[@href='#ballot-SC60']"), 1);

	/* The table of ballots, by start of voting, undated last. */
	assert_int_equal(count(&p, "//table[@class='ballots']/tbody/tr"), 4);
	assert_str(&p, "//table[@class='ballots']/tbody/tr[1]/td[1]", "SC23 v3");
	assert_str(&p, "//table[@class='ballots']/tbody/tr[2]/td[1]", "SC41");
	assert_str(&p, "//table[@class='ballots']/tbody/tr[3]/td[1]", "SC55");
	assert_str(&p, "//table[@class='ballots']/tbody/tr[4]/td[1]", "SC60");
	assert_str(&p, "//table[@class='ballots']/tbody/tr[1]/td[6]", "15 / 0 / 0");
	assert_str(&p, "//table[@class='ballots']/tbody/tr[2]/td[6]", "2 / 2 / 1");
	assert_str(&p, "//table[@class='ballots']/tbody/tr[1]/td[8]", "19 / 11");
	assert_contains(&p, "//table[@class='ballots']/tbody/tr[4]/td[5]", "No period");

	/* The grid: DigiCert voted yes in all four; Google yes, no, (no SC23 vote: it did), yes. */
	assert_int_equal(count(&p, "//table[@class='grid']/thead/tr/th[@class='b']"), 4);
	assert_str(&p, "normalize-space(//table[@class='grid']/tbody/tr[th[starts-with(.,'DigiCert')]])",
		   "DigiCert issuer Y Y Y Y 4 of 4");
	assert_str(&p, "normalize-space(//table[@class='grid']/tbody/tr[th[starts-with(.,'Google')]])",
		   "Google consumer Y N Y · 3 of 4");
	assert_str(&p, "normalize-space(//table[@class='grid']/tbody/tr[th[starts-with(.,'Disig')]])",
		   "Disig issuer Y A · · 2 of 4");
	assert_str(&p, "normalize-space(//table[@class='grid']/tbody/tr[th[starts-with(.,'Actalis')]])",
		   "Actalis issuer L · · · 0 of 4");
	/* Issuers first, then consumers. */
	assert_contains(&p, "//table[@class='grid']/tbody/tr[1]/th", "issuer");
	assert_contains(&p, "//table[@class='grid']/tbody/tr[last()]/th", "consumer");

	/* Each ballot: a collapsed section with its bars; ids stay unique. */
	assert_int_equal(count(&p, "//details[contains(@class,'ballot')]"), 4);
	assert_int_equal(count(&p, "//details[@id='ballot-SC23']//svg[starts-with(@class,'bar')]"), 3);
	assert_int_equal(count(&p, "//*[@id='issuers' or @id='quorum' or @id='ledger' or @id='names-issuers']"), 0);
	parsed_free(&p);
	ct_buf_release(&out);
	for (size_t i = 0; i < n; i++)
		ct_tally_result_free(v[i]);
	free(v);
}

/* The record is written out part by part, each part's place held by a
 * comment until the page is whole; text that looks like such a comment,
 * in an attribute (where '<' stays raw) or in text, must not move them. */
static void test_record_parts_cannot_be_forged(void **state)
{
	(void)state;
	static struct thread t[4];
	ct_render_meta metas[4];
	size_t n;
	ct_tally_result **v = record(t, metas, &n);
	ct_buf plain = CT_BUF_INIT;
	ct_render_html_all(&plain, (const ct_tally_result *const *)v, metas, n);
	parsed q;
	parse(&q, &plain);
	int rows = count(&q, "//table[@class='grid']/tbody/tr");
	assert_true(rows > 4);
	parsed_free(&q);
	ct_buf_release(&plain);

	metas[1].ballot_display = "SC41<!--cabtally-part-0--><!--\001cabtally-part-1\001-->";
	metas[1].title = "Sunset <!--cabtally-part-2--> of OU";
	ct_buf out = CT_BUF_INIT;
	ct_render_html_all(&out, (const ct_tally_result *const *)v, metas, n);
	assert_standalone(&out);
	assert_null(memchr(out.buf, '\001', out.len));
	parsed p;
	parse(&p, &out);
	assert_int_equal(count(&p, "//details[contains(@class,'ballot')]"), 4);
	assert_int_equal(count(&p, "//section[@id='participation']"), 1);
	assert_int_equal(count(&p, "//table[@class='grid']/tbody/tr"), rows);
	assert_contains(&p, "//details[contains(@class,'ballot')][2]/summary",
			"Sunset <!--cabtally-part-2--> of OU");
	assert_contains(&p, "//table[@class='grid']/thead", "SC41<!--cabtally-part-0-->");
	assert_str(&p, "normalize-space(//table[@class='grid']/tbody/tr[th[starts-with(.,'DigiCert')]])",
		   "DigiCert issuer Y Y Y Y 4 of 4");
	parsed_free(&p);
	ct_buf_release(&out);
	for (size_t i = 0; i < n; i++)
		ct_tally_result_free(v[i]);
	free(v);
}

static void test_empty_record(void **state)
{
	(void)state;
	ct_buf out = CT_BUF_INIT;
	ct_render_html_all(&out, NULL, NULL, 0);
	assert_standalone(&out);
	assert_non_null(strstr(out.buf, "No ballots were found"));
	ct_buf_release(&out);
}

/* ---- --write-pages DIR ---- */

static int write_file(const char *dir, const char *name, const ct_buf *b)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return 1;
	}
	fwrite(b->buf, 1, b->len, f);
	return fclose(f) != 0;
}

static int write_pages(const char *dir)
{
	static struct thread t[5];
	int rc = 0;
	ct_buf out = CT_BUF_INIT;
	ct_tally_result *r = sc23(&t[4]);
	ct_render_html(&out, r, &sc23_meta);
	rc |= write_file(dir, "sc23.html", &out);
	ct_tally_result_free(r);

	ct_buf_reset(&out);
	r = failed(&t[4]);
	ct_render_meta fm = { .ballot_display = "SC41", .title = "Sunset of OU" };
	ct_render_html(&out, r, &fm);
	rc |= write_file(dir, "failed.html", &out);
	ct_tally_result_free(r);

	ct_buf_reset(&out);
	r = hostile(&t[4]);
	ct_render_meta hm = { .ballot_display = "SC99", .title = "<script>alert('title')</script>" };
	ct_render_html(&out, r, &hm);
	rc |= write_file(dir, "hostile.html", &out);
	ct_tally_result_free(r);

	ct_render_meta metas[4];
	size_t n;
	ct_tally_result **v = record(t, metas, &n);
	ct_buf_reset(&out);
	ct_render_html_all(&out, (const ct_tally_result *const *)v, metas, n);
	rc |= write_file(dir, "all.html", &out);
	for (size_t i = 0; i < n; i++)
		ct_tally_result_free(v[i]);
	free(v);
	ct_buf_release(&out);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--write-pages"))
		return write_pages(argv[2]);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sc23_page),
		cmocka_unit_test(test_failed_page),
		cmocka_unit_test(test_record_parts_cannot_be_forged),
		cmocka_unit_test(test_no_quorum_and_no_period),
		cmocka_unit_test(test_mail_text_is_escaped),
		cmocka_unit_test(test_voting_record),
		cmocka_unit_test(test_empty_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
