/* Tests of the post module against outside data: a roster (--roster:
 * `category`, `not-a-member`) and the tally of an archive (--archive:
 * `vote-differs`). The rows are built from literals (a small roster, tally
 * messages); the drafts in fixtures/posts/ are checked against the bundled
 * roster, and every published post of the corpus against the bundled roster
 * gives exactly the findings of the table below, each verified by reading
 * the post. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cabtally/post.h"
#include "testutil.h"

/* A roster of made-up members covering each standing a name can have. */
static const char roster_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<roster>\n"
	"  <member id=\"acme\"><name>Acme</name><alias>Acme Trust Services</alias>\n"
	"    <membership group=\"scwg\" category=\"issuer\" from=\"2018-07-03\"/></member>\n"
	"  <member id=\"browserco\"><name>Browserco</name>\n"
	"    <membership group=\"scwg\" category=\"consumer\" from=\"2018-07-03\"/></member>\n"
	"  <member id=\"switcher\"><name>Switcher</name>\n"
	"    <membership group=\"forum\" category=\"issuer\" from=\"2015-01-01\" until=\"2018-07-03\"/>\n"
	"    <membership group=\"scwg\" category=\"consumer\" from=\"2018-07-03\"/></member>\n"
	"  <member id=\"assoc\"><name>Associated CA</name>\n"
	"    <membership group=\"scwg\" category=\"issuer\" status=\"associate\" from=\"2018-07-03\"/></member>\n"
	"  <member id=\"newcomer\"><name>Newcomer</name>\n"
	"    <membership group=\"scwg\" category=\"issuer\" from=\"2020-01-01\"/></member>\n"
	"  <member id=\"leaver\"><name>Leaver</name>\n"
	"    <membership group=\"scwg\" category=\"issuer\" from=\"2018-07-03\" until=\"2019-11-10\"/></member>\n"
	"  <member id=\"lateco\"><name>Lateco</name><name from=\"2019-06-01\">Lateco Group</name>\n"
	"    <membership group=\"scwg\" category=\"issuer\" from=\"2018-07-03\"/></member>\n"
	"  <member id=\"hazy\"><name>Hazy</name>\n"
	"    <membership group=\"scwg\" category=\"issuer\" from=\"2018-07-03\"/></member>\n"
	"  <member id=\"punctual\"><name>Punctual</name>\n"
	"    <membership group=\"scwg\" category=\"consumer\" from=\"2018-07-03\"/></member>\n"
	"</roster>\n";

static ct_roster *roster(void)
{
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_roster_load_memory(&r, roster_xml, sizeof(roster_xml) - 1, "literal", NULL, NULL, &err))
		fail_msg("roster: %s", err.msg);
	return r;
}

static ct_post *post(const char *text)
{
	ct_post *p = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_post_parse(&p, "draft.md", text, strlen(text), &err))
		fail_msg("post: %s", err.msg);
	return p;
}

struct want {
	int line;
	const char *kind;
	const char *claim; /* a part of the claim */
	const char *holds; /* a part of what holds */
};

/* Exactly the findings `w` (in order, after sorting), else print them all. */
static void expect(ct_post_findings *f, const struct want *w, size_t n)
{
	ct_post_findings_sort(f);
	int ok = f->count == n;
	for (size_t i = 0; ok && i < n; i++)
		ok = f->items[i].line == w[i].line && !strcmp(f->items[i].kind, w[i].kind)
			&& strstr(f->items[i].claim, w[i].claim) && strstr(f->items[i].holds, w[i].holds);
	if (ok)
		return;
	for (size_t i = 0; i < f->count; i++)
		print_error("got %d: %s: %s - %s\n", f->items[i].line, f->items[i].kind, f->items[i].claim,
			f->items[i].holds);
	for (size_t i = 0; i < n; i++)
		print_error("want %d: %s: ...%s... - ...%s...\n", w[i].line, w[i].kind, w[i].claim, w[i].holds);
	fail_msg("findings differ");
}

/* Line numbers below count the front matter (lines 1-4). */
static const char roster_post[] =
	"---\n"
	"title: 'Ballot SC90: Example'\n"
	"date: 2019-11-14 10:00:00\n"
	"---\n"
	"The voting period for Ballot SC90 has ended and the ballot has **passed**. Votes were "
	"received from Lateco and Nobody Inc after the voting period had ended and were not counted.\n"
	"\n"
	"**Voting by Certificate Issuers – 6 votes total including abstentions**\n"
	"\n"
	"- **5 Yes votes:** Acme Trust Services, Associated CA, Newcomer, Leaver, Switcher\n"   /* 9 */
	"- **0 No votes:**\n"
	"- **1 Abstain:** Browserco\n"                                                        /* 11 */
	"\n"
	"**Voting by Certificate Consumers – 3 votes total including abstentions**\n"
	"\n"
	"- **3 Yes votes:** Punctual, Ghost Org, Acmee\n"                                     /* 15 */
	"- **0 No votes:**\n"
	"- **0 Abstain:**\n";

static void test_roster_standing(void **state)
{
	(void)state;
	ct_roster *r = roster();
	ct_post *p = post(roster_post);
	ct_post_findings f = CT_POST_FINDINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_post_check_roster(&f, p, r, &err), 0);
	const struct want w[] = {
		/* the late sentence: a name no member has; Lateco (its former name) is one */
		{ 5, "not-a-member", "Nobody Inc's vote was not counted", "no member of the roster is named Nobody Inc" },
		/* an alias resolves; an associate has no vote; a member from 2020 was none
		 * then; a member who left during the voting still counts (lenient window);
		 * Switcher was an issuer of the Forum, a consumer of the SCWG */
		{ 9, "category", "Switcher among the issuer yes votes", "voting consumer member of scwg" },
		{ 9, "not-a-member", "Associated CA among", "an associate member of scwg between 2019-11-07 and 2019-11-14, without a vote" },
		{ 9, "not-a-member", "Newcomer among", "had no membership of scwg" },
		{ 11, "category", "Browserco among the issuer abstain votes", "not an issuer" },
		{ 15, "not-a-member", "Acmee among the consumer yes votes", "a misspelling of Acme?" },
		{ 15, "not-a-member", "Ghost Org among", "no member of the roster is named Ghost Org" },
	};
	expect(&f, w, sizeof(w) / sizeof(w[0]));
	ct_post_findings_release(&f);
	ct_post_free(p);
	ct_roster_free(r);
}

static void test_roster_run_together(void **state)
{
	(void)state;
	ct_roster *r = roster();
	ct_post *p = post("---\ntitle: 'Ballot SC91'\ndate: 2019-11-14\n---\n"
		"Issuers voting YES (2): Acme Browserco, Lateco Group\n");
	ct_post_findings f = CT_POST_FINDINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_post_check_roster(&f, p, r, &err), 0);
	const struct want w[] = {
		{ 5, "not-a-member", "Acme Browserco", "it reads as Acme and Browserco with the comma between them missing" },
	};
	expect(&f, w, 1);
	ct_post_findings_release(&f);
	ct_post_free(p);
	assert_int_equal(ct_post_check_roster(&f, NULL, r, &err), CT_EUSAGE);
	ct_roster_free(r);
}

/* A tally from literal messages: what the archive says happened. */
#define DAY 86400
static ct_tally_result *tally(void)
{
	static const ct_tally_reading yes = { CT_VOTE_YES, "SC90", "clear-yes", NULL, "yes" };
	static const ct_tally_reading no = { CT_VOTE_NO, "SC90", "clear-no", NULL, "no" };
	static const ct_tally_reading abst = { CT_VOTE_ABSTAIN, "SC90", "clear-abstain", NULL, "abstain" };
	static const ct_tally_reading hmm = { CT_VOTE_UNCLEAR, "SC90", "conditional", "a condition", "yes if" };
	int64_t start = ct_time_from_civil(2019, 11, 7, 3, 0, 0), end = start + 7 * DAY;
	const ct_tally_msg msgs[] = {
		{ "<1@x>", "a.mbox", 0, 0, start + DAY, "a@acme.example", CT_SENDER_VOTING, NULL, "acme", "Acme", CT_CATEGORY_ISSUER, &yes, 1 },
		{ "<2@x>", "a.mbox", 1, 1, start + DAY, "l@leaver.example", CT_SENDER_VOTING, NULL, "leaver", "Leaver", CT_CATEGORY_ISSUER, &yes, 1 },
		{ "<3@x>", "a.mbox", 2, 2, start + DAY, "b@browserco.example", CT_SENDER_VOTING, NULL, "browserco", "Browserco", CT_CATEGORY_CONSUMER, &yes, 1 },
		{ "<4@x>", "a.mbox", 3, 3, start + 2 * DAY, "s@switcher.example", CT_SENDER_VOTING, NULL, "switcher", "Switcher", CT_CATEGORY_CONSUMER, &no, 1 },
		{ "<5@x>", "a.mbox", 4, 4, start + 2 * DAY, "p@punctual.example", CT_SENDER_VOTING, NULL, "punctual", "Punctual", CT_CATEGORY_CONSUMER, &abst, 1 },
		{ "<6@x>", "a.mbox", 5, 5, start + 3 * DAY, "h@hazy.example", CT_SENDER_VOTING, NULL, "hazy", "Hazy", CT_CATEGORY_ISSUER, &hmm, 1 },
		{ "<7@x>", "a.mbox", 6, 6, end + 3600, "l@lateco.example", CT_SENDER_VOTING, NULL, "lateco", "Lateco Group", CT_CATEGORY_ISSUER, &yes, 1 },
	};
	ct_rules rules;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(&rules, "scwg", start, NULL, &err), 0);
	ct_tally_input in = { .ballot_id = "SC90", .period_known = 1, .start = start, .end = end,
		.rules = &rules, .msgs = msgs, .nmsgs = sizeof(msgs) / sizeof(msgs[0]) };
	ct_tally_result *t = NULL;
	assert_int_equal(ct_tally_run(&t, &in, &err), 0);
	return t;
}

static const char tally_post[] =
	"---\n"
	"title: 'Ballot SC90: Example'\n"
	"date: 2019-11-14 10:00:00\n"
	"---\n"
	"The voting period for Ballot SC90 has ended and the ballot has **passed**. Votes were "
	"received from Punctual and Ghostly after the voting period had ended and were not counted.\n"
	"\n"
	"**Voting by Certificate Issuers – 3 votes total including abstentions**\n"
	"\n"
	"- **3 Yes votes:** Acme Trust Services, Lateco, Hazy\n"                  /* 9 */
	"- **0 No votes:**\n"
	"- **0 Abstain:**\n"
	"\n"
	"**Voting by Certificate Consumers – 2 votes total including abstentions**\n"
	"\n"
	"- **2 Yes votes:** BROWSERCO, Switcher\n"                               /* 15 */
	"- **0 No votes:**\n"                                                    /* 16 */
	"- **0 Abstain:**\n";                                                   /* 17 */

static void test_tally_differs(void **state)
{
	(void)state;
	ct_roster *r = roster();
	ct_tally_result *t = tally();
	ct_post *p = post(tally_post);
	ct_post_findings f = CT_POST_FINDINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_post_check_tally(&f, p, t, r, &err), 0);
	const struct want w[] = {
		/* the post says Punctual was late: the tally counts its abstention (and
		 * that is the one finding on Punctual); of Ghostly it holds nothing */
		{ 5, "vote-differs", "Ghostly's vote was not counted", "holds no message from Ghostly" },
		{ 5, "vote-differs", "Punctual's vote was not counted", "counts Punctual's abstain vote of 2019-11-09" },
		/* an alias is the member; a former name too (Lateco, now Lateco Group),
		 * whose vote came late; an unclear vote is no vote; Leaver is missing */
		{ 9, "vote-differs", "Hazy among the issuer yes votes", "its last message (2019-11-10T03:00:00Z) is unclear" },
		{ 9, "vote-differs", "Lateco among the issuer yes votes", "Lateco Group's yes vote came after the close (2019-11-14T04:00:00Z)" },
		{ 9, "vote-differs", "Leaver missing from the issuer yes votes", "counts Leaver's yes vote of 2019-11-08" },
		/* names compare without case; a different vote */
		{ 15, "vote-differs", "Switcher among the consumer yes votes", "counts Switcher as a consumer no vote" },
		/* a count without names against the tally's count: a claim of its own,
		 * wrong as well (Switcher's no, Punctual's abstention) */
		{ 16, "vote-differs", "0 consumer no votes", "the archive's tally counts 1: Switcher" },
		{ 17, "vote-differs", "0 consumer abstain votes", "the archive's tally counts 1: Punctual" },
	};
	expect(&f, w, sizeof(w) / sizeof(w[0]));
	ct_post_findings_release(&f);

	/* without a roster, names compare by their letters: the alias and the
	 * former name no longer find their member */
	assert_int_equal(ct_post_check_tally(&f, p, t, NULL, &err), 0);
	size_t acme = 0;
	for (size_t i = 0; i < f.count; i++)
		acme += strstr(f.items[i].claim, "Acme") != NULL;
	assert_int_equal(acme, 2); /* "Acme Trust Services" listed, "Acme" missing */
	ct_post_findings_release(&f);
	assert_int_equal(ct_post_check_tally(&f, p, NULL, r, &err), CT_EUSAGE);
	ct_post_free(p);
	ct_tally_result_free(t);
	ct_roster_free(r);
}

/* A post that agrees with the tally gives nothing. */
static void test_tally_agrees(void **state)
{
	(void)state;
	ct_roster *r = roster();
	ct_tally_result *t = tally();
	ct_post *p = post("---\ntitle: 'Ballot SC90: Example'\ndate: 2019-11-14 10:00:00\n---\n"
		"The ballot has **passed**. Votes were received from Lateco after the voting period "
		"had ended and were not counted.\n\n"
		"**Voting by Certificate Issuers – 2 votes total including abstentions**\n\n"
		"- **2 Yes votes:** Acme, Leaver\n- **0 No votes:**\n- **0 Abstain:**\n\n"
		"**Voting by Certificate Consumers – 3 votes total including abstentions**\n\n"
		"- **1 Yes votes:** Browserco\n- **1 No votes:** Switcher\n- **1 Abstain:** Punctual\n");
	ct_post_findings f = CT_POST_FINDINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_post_check_tally(&f, p, t, r, &err), 0);
	expect(&f, NULL, 0);
	ct_post_free(p);
	ct_tally_result_free(t);
	ct_roster_free(r);
}

/* ---- the bundled roster ---- */

static ct_roster *bundled(void)
{
	const char *data = getenv("CABTALLY_DATA");
	if (!data)
		return NULL;
	char path[4096];
	snprintf(path, sizeof(path), "%s/roster.xml", data);
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_roster_load(&r, path, NULL, NULL, &err))
		fail_msg("%s: %s", path, err.msg);
	return r;
}

static ct_post *load_fixture(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "posts/%s", name);
	char *path = fixture_path(rel);
	size_t len;
	char *text = read_file(path, &len);
	assert_non_null(text);
	ct_post *p = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_post_parse(&p, name, text, len, &err), 0);
	free(text);
	free(path);
	return p;
}

/* Our SC23 drafts: each one mistake of standing, found on its line. */
static void test_drafts_bundled(void **state)
{
	(void)state;
	ct_roster *r = bundled();
	if (!r) {
		print_message("[  SKIPPED ] CABTALLY_DATA is not set\n");
		skip();
	}
	static const struct {
		const char *file;
		struct want w;
		size_t n;
	} rows[] = {
		{ "sc23-clean.md", { 0, NULL, NULL, NULL }, 0 },
		{ "sc23-vote-differs.md", { 0, NULL, NULL, NULL }, 0 },
		{ "roster-not-a-member.md", { 12, "not-a-member", "Northwind Trust among the issuer yes votes",
			"no member of the roster is named Northwind Trust" }, 1 },
		{ "roster-category.md", { 12, "category", "Cisco among the issuer yes votes",
			"Cisco was a voting consumer member of scwg between 2019-11-07 and 2019-11-14" }, 1 },
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ct_post *p = load_fixture(rows[i].file);
		ct_post_findings f = CT_POST_FINDINGS_INIT;
		ct_error err = CT_ERROR_INIT;
		/* the drafts agree with themselves: only the roster speaks */
		assert_int_equal(ct_post_check(&f, p, NULL, &err), 0);
		assert_int_equal(f.count, 0);
		assert_int_equal(ct_post_check_roster(&f, p, r, &err), 0);
		expect(&f, &rows[i].w, rows[i].n);
		ct_post_findings_release(&f);
		ct_post_free(p);
	}
	ct_roster_free(r);
}

/*
 * Every published post against the bundled roster. The roster was drafted
 * from these posts, so the findings are the posts' own misspellings:
 * - 137 l17: "SttartCom" for StartCom.
 * - SMC04 l43: "Buypass Chunghwa Telecom", a comma lost (also a
 *   count-vs-names: 15 stated, 14 names as punctuated).
 */
static const struct {
	const char *file;
	int line;
	const char *kind;
} corpus_expected[] = {
	{ "2014-10-16-ballot-137-voting-process-bylaw-amendment.md", 17, "not-a-member" },
	{ "2023-12-08-ballot-smc04-addition-of-etsi-ts-119-411-6-to-audit-standards.md", 43, "not-a-member" },
};

static void test_corpus_roster(void **state)
{
	(void)state;
	char *dir = shared_path("corpus/published-results");
	DIR *d = dir ? opendir(dir) : NULL;
	ct_roster *r = d ? bundled() : NULL;
	if (!d || !r) {
		if (d)
			closedir(d);
		free(dir);
		print_message("[  SKIPPED ] ../shared/corpus/published-results or CABTALLY_DATA is absent\n");
		skip();
	}
	size_t nexp = sizeof(corpus_expected) / sizeof(corpus_expected[0]), seen[8] = { 0 };
	int failures = 0, posts = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 3, ".md"))
			continue;
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		size_t len;
		char *text = read_file(path, &len);
		assert_non_null(text);
		ct_post *p = NULL;
		ct_error err = CT_ERROR_INIT;
		assert_int_equal(ct_post_parse(&p, e->d_name, text, len, &err), 0);
		posts++;
		ct_post_findings f = CT_POST_FINDINGS_INIT;
		assert_int_equal(ct_post_check_roster(&f, p, r, &err), 0);
		for (size_t k = 0; k < f.count; k++) {
			size_t x = 0;
			while (x < nexp && (strcmp(corpus_expected[x].file, e->d_name)
					|| corpus_expected[x].line != f.items[k].line
					|| strcmp(corpus_expected[x].kind, f.items[k].kind)))
				x++;
			if (x == nexp) {
				print_error("%s:%d: unexpected %s: %s - %s\n", e->d_name, f.items[k].line,
					f.items[k].kind, f.items[k].claim, f.items[k].holds);
				failures++;
			} else {
				seen[x]++;
			}
		}
		ct_post_findings_release(&f);
		ct_post_free(p);
		free(text);
	}
	closedir(d);
	for (size_t x = 0; x < nexp; x++)
		if (seen[x] != 1) {
			print_error("%s:%d: %s reported %zu times, want once\n", corpus_expected[x].file,
				corpus_expected[x].line, corpus_expected[x].kind, seen[x]);
			failures++;
		}
	assert_true(posts >= 190);
	free(dir);
	ct_roster_free(r);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roster_standing),
		cmocka_unit_test(test_roster_run_together),
		cmocka_unit_test(test_tally_differs),
		cmocka_unit_test(test_tally_agrees),
		cmocka_unit_test(test_drafts_bundled),
		cmocka_unit_test(test_corpus_roster),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
