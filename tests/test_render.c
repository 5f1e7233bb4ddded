/* render: the result posts of Ballot 187, SC23 and SC-64, word for word
 * against the Forum's published posts (read from ../shared at test time),
 * plus the wording of failed, no-quorum and singular cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cabtally/render.h"
#include "testutil.h"

#define MAXMSG 64

struct thread {
	ct_tally_msg m[MAXMSG];
	ct_tally_reading r[MAXMSG];
	char ids[MAXMSG][32];
	size_t n;
};

static void add(struct thread *t, int64_t date, const char *member, ct_category cat, ct_vote v)
{
	assert_true(t->n < MAXMSG);
	size_t i = t->n++;
	ct_tally_msg *m = &t->m[i];
	memset(m, 0, sizeof(*m));
	snprintf(t->ids[i], sizeof(t->ids[i]), "<m%zu@example.org>", i);
	m->message_id = t->ids[i];
	m->file = "test.mbox";
	m->offset = (int64_t)i * 100;
	m->order = i;
	m->date = date;
	m->sender = "someone@example.org";
	m->sender_status = CT_SENDER_VOTING;
	m->member_id = member;
	m->member_name = member;
	m->category = cat;
	t->r[i] = (ct_tally_reading){ v, NULL, "clear", "a clear vote", "votes" };
	m->readings = &t->r[i];
	m->nreadings = 1;
}

static void add_list(struct thread *t, int64_t *clock, const char *const *names, ct_category cat,
		     ct_vote v)
{
	for (size_t i = 0; names[i]; i++) {
		add(t, *clock, names[i], cat, v);
		*clock += 600;
	}
}

static ct_tally_result *run(const char *ballot, struct thread *t, const char *group, int64_t start,
			    int64_t end, const ct_quorum_base *q, ct_rules *rules)
{
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_rules_select(rules, group, start, NULL, &err), 0);
	ct_tally_input in = { 0 };
	in.ballot_id = ballot;
	in.period_known = 1;
	in.start = start;
	in.end = end;
	in.rules = rules;
	in.quorum = *q;
	in.msgs = t->m;
	in.nmsgs = t->n;
	ct_tally_result *res;
	assert_int_equal(ct_tally_run(&res, &in, &err), 0);
	return res;
}

/* Words of a post with Markdown emphasis, headings and list bullets removed
 * and a sentence's final full stop dropped: the published posts put the same
 * words under varying markup ("in favor.**Voting by …", "**Relevant Bylaw
 * references **"). Typographic quotes and dashes stay as they are. */
static char **words(const char *text, size_t *n)
{
	char *copy = strdup(text);
	for (char *p = copy; *p; p++)
		if (*p == '*' || *p == '#')
			*p = ' ';
	size_t cap = 64;
	char **v = malloc(cap * sizeof(char *));
	*n = 0;
	for (char *tok = strtok(copy, " \t\r\n"); tok; tok = strtok(NULL, " \t\r\n")) {
		size_t len = strlen(tok);
		while (len > 1 && tok[len - 1] == '.')
			tok[--len] = '\0';
		if (!strcmp(tok, "-") || !strcmp(tok, "1.") || !strcmp(tok, "2.") || !*tok)
			continue;
		if (*n == cap)
			v = realloc(v, (cap *= 2) * sizeof(char *));
		v[(*n)++] = strdup(tok);
	}
	free(copy);
	return v;
}

static void free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Our rendering must equal the published post's words from `first_words` on,
 * word for word, for its whole length. */
static void assert_matches_published(const char *rendered, const char *post, const char *first_words)
{
	char *path = shared_path(post);
	if (!path) {
		print_message("../shared is absent: skipping the comparison with %s\n", post);
		skip();
	}
	char *published = read_file(path, NULL);
	assert_non_null(published);
	const char *start = strstr(published, first_words);
	assert_non_null(start);
	size_t nr, np;
	char **r = words(rendered, &nr);
	char **p = words(start, &np);
	assert_true(np >= nr);
	for (size_t i = 0; i < nr; i++) {
		if (strcmp(r[i], p[i])) {
			fail_msg("%s: word %zu differs: rendered '%s', published '%s'\nrendered:\n%s",
				 post, i, r[i], p[i], rendered);
		}
	}
	free_words(r, nr);
	free_words(p, np);
	free(published);
	free(path);
}

static void test_ballot_187_layout_2017(void **state)
{
	static const char *const ca_yes[] = { "Let’s Encrypt", "Izenpe", "Comodo", "GoDaddy", "HARICA",
		"GDCA", "Trustwave", "SwissSign", "Symantec", "SHECA", "CFCA", "SSC", "GlobalSign",
		"Cisco", "Buypass", "DigiCert", "Disig", NULL };
	static const char *const ca_no[] = { "Sertifitseerimiskeskus", NULL };
	static const char *const ca_abstain[] = { "Actalis", NULL };
	static const char *const browser_yes[] = { "Mozilla", "Google", "Apple", NULL };
	struct thread t = { .n = 0 };
	int64_t start = ct_time_from_civil(2017, 3, 1, 22, 0, 0);
	int64_t clock = start + 3600;
	/* The 2017 post lists names in the order the votes arrived. */
	add_list(&t, &clock, ca_yes, CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add_list(&t, &clock, browser_yes, CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add_list(&t, &clock, ca_no, CT_CATEGORY_ISSUER, CT_VOTE_NO);
	add_list(&t, &clock, ca_abstain, CT_CATEGORY_ISSUER, CT_VOTE_ABSTAIN);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	q.basis = CT_QUORUM_BASIS_ACTIVE;
	q.active = 20;
	ct_rules rules;
	ct_tally_result *res = run("187", &t, "forum", start, start + 7 * 86400, &q, &rules);
	ct_render_meta meta = { .ballot_display = "187", .post_date = INT64_MIN };
	assert_int_equal(ct_render_layout(res, &meta), CT_LAYOUT_2017);
	ct_buf out = CT_BUF_INIT;
	ct_render_md(&out, res, &meta);
	assert_non_null(strstr(out.buf, "**Voting by CAs – 19 votes total, including abstentions**"));
	assert_non_null(strstr(out.buf, "1 No vote: Sertifitseerimiskeskus"));
	assert_non_null(strstr(out.buf, "94% of voting CAs voted in favor"));
	assert_non_null(strstr(out.buf, "**Ballot 187 passes.**"));
	assert_matches_published(out.buf, "corpus/published-results/2017-03-08-ballot-187-make-caa-checking-mandatory.md",
				 "The voting period for Ballot 187");
	ct_buf_reset(&out);
	ct_render_text(&out, res, &meta);
	assert_null(strstr(out.buf, "**"));
	assert_non_null(strstr(out.buf, "Ballot 187 passes."));
	ct_buf_release(&out);
	ct_tally_result_free(res);
}

static ct_tally_result *sc23(ct_rules *rules)
{
	static const char *const issuers[] = { "Buypass", "CFCA", "Chunghwa Telecom",
		"Sectigo (former Comodo CA)", "D-TRUST", "DigiCert", "Disig", "Entrust Datacard", "GDCA",
		"GlobalSign", "GoDaddy", "HARICA", "Let’s Encrypt", "SHECA",
		"SecureTrust (former Trustwave)", NULL };
	static const char *const consumers[] = { "Mozilla", "Microsoft", "Google", "Cisco", NULL };
	static const char *const late[] = { "Actalis", "Trustcor", "Izenpe", NULL };
	static struct thread t;
	t.n = 0;
	int64_t start = ct_time_from_civil(2019, 11, 7, 3, 0, 0), end = start + 7 * 86400;
	/* Arrival order shuffled against the name order: the layout sorts. */
	int64_t clock = start + 60;
	add_list(&t, &clock, consumers, CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	for (size_t i = 15; i-- > 0;) {
		add(&t, clock, issuers[i], CT_CATEGORY_ISSUER, CT_VOTE_YES);
		clock += 600;
	}
	clock = end + 60;
	add_list(&t, &clock, late, CT_CATEGORY_ISSUER, CT_VOTE_YES);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_quorum_base_parse_attendance(&q, "20", &err), 0);
	return run("SC23", &t, "scwg", start, end, &q, rules);
}

static void test_sc23_layout_2019(void **state)
{
	ct_rules rules;
	ct_tally_result *res = sc23(&rules);
	ct_render_meta meta = { .ballot_display = "SC23", .post_date = INT64_MIN };
	assert_int_equal(ct_render_layout(res, &meta), CT_LAYOUT_2019);
	ct_buf out = CT_BUF_INIT;
	ct_render_md(&out, res, &meta);
	assert_non_null(strstr(out.buf, "Votes were received from Actalis, Trustcor, and Izenpe after"));
	assert_non_null(strstr(out.buf, "- **15 Yes votes:** Buypass, CFCA, Chunghwa Telecom, Sectigo (former Comodo CA), D-TRUST"));
	assert_non_null(strstr(out.buf, "was **10**, so quorum was **11 votes** – quorum was met."));
	assert_matches_published(out.buf, "corpus/published-results/2019-11-14-ballot-sc23-v3-precertificates.md",
				 "## Ballot Results");
	ct_buf_release(&out);
	ct_tally_result_free(res);
}

static void test_sc64_layout_2023(void **state)
{
	static const char *const yes[] = { "Actalis", "Chunghwa Telecom", "iTrusChina", "JPRS", "SECOM",
		"SSL.com", "SwissSign", NULL };
	static const char *const no[] = { "Entrust", "Fastly", "HARICA", NULL };
	static const char *const abstain[] = { "D-TRUST", "DigiCert", "GlobalSign", "GoDaddy", "Izenpe",
		"Kamu SM", "OISTE", "Telia Company", "Viking Cloud", NULL };
	static const char *const consumers[] = { "Google", "Mozilla", NULL };
	struct thread t = { .n = 0 };
	int64_t start = ct_time_from_civil(2023, 6, 5, 18, 0, 0);
	int64_t clock = start + 60;
	add_list(&t, &clock, abstain, CT_CATEGORY_ISSUER, CT_VOTE_ABSTAIN);
	add_list(&t, &clock, no, CT_CATEGORY_ISSUER, CT_VOTE_NO);
	add_list(&t, &clock, consumers, CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	add_list(&t, &clock, yes, CT_CATEGORY_ISSUER, CT_VOTE_YES);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	q.basis = CT_QUORUM_BASIS_ACTIVE;
	q.active = 26;
	ct_rules rules;
	ct_tally_result *res = run("SC64", &t, "scwg", start, start + 7 * 86400, &q, &rules);
	ct_render_meta meta = { .ballot_display = "SC-64", .post_date = INT64_MIN };
	assert_int_equal(ct_render_layout(res, &meta), CT_LAYOUT_2023);
	ct_buf out = CT_BUF_INIT;
	ct_render_md(&out, res, &meta);
	assert_non_null(strstr(out.buf, "- 9 Issuers ABSTAIN: D-TRUST, DigiCert"));
	assert_non_null(strstr(out.buf, "- 0 Consumers voting NO\n"));
	assert_matches_published(out.buf,
		"corpus/published-results/2023-06-15-ballot-sc-64-temporary-moratorium-on-new-certificate-consumer-memberships.md",
		"**Voting Results**");
	ct_buf_release(&out);
	ct_tally_result_free(res);
}

static void test_failed_and_singular_wording(void **state)
{
	struct thread t = { .n = 0 };
	int64_t start = ct_time_from_civil(2017, 3, 1, 22, 0, 0);
	add(&t, start + 10, "Alpha CA", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, start + 20, "Beta CA", CT_CATEGORY_ISSUER, CT_VOTE_NO);
	add(&t, start + 30, "Gamma CA", CT_CATEGORY_ISSUER, CT_VOTE_NO);
	add(&t, start + 40, "Browser One", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	q.basis = CT_QUORUM_BASIS_ACTIVE;
	q.active = 6;
	ct_rules rules;
	ct_tally_result *res = run("190", &t, "forum", start, start + 7 * 86400, &q, &rules);
	ct_render_meta meta = { .post_date = INT64_MIN };
	ct_buf out = CT_BUF_INIT;
	ct_render_md(&out, res, &meta);
	assert_non_null(strstr(out.buf, "1 Yes vote: Alpha CA"));
	assert_non_null(strstr(out.buf, "2 No votes: Beta CA, Gamma CA"));
	assert_non_null(strstr(out.buf, "0 Abstain:\n"));
	assert_non_null(strstr(out.buf, "33% of voting CAs voted in favor"));
	assert_non_null(strstr(out.buf, "This requirement was met for browsers but not for CAs."));
	assert_non_null(strstr(out.buf, "so quorum was 4 votes – quorum was met."));
	assert_non_null(strstr(out.buf, "**Ballot 190 fails.**"));
	ct_buf_release(&out);
	ct_tally_result_free(res);
}

static void test_no_quorum_base_is_said(void **state)
{
	struct thread t = { .n = 0 };
	int64_t start = ct_time_from_civil(2021, 3, 1, 0, 0, 0);
	add(&t, start + 10, "Alpha CA", CT_CATEGORY_ISSUER, CT_VOTE_YES);
	add(&t, start + 40, "Browser One", CT_CATEGORY_CONSUMER, CT_VOTE_YES);
	ct_quorum_base q = CT_QUORUM_BASE_INIT;
	ct_rules rules;
	ct_tally_result *res = run("SC40", &t, "scwg", start, start + 7 * 86400, &q, &rules);
	ct_render_meta meta = { .post_date = INT64_MIN, .front_matter = 1, .title = "A test",
				.author = "A Chair" };
	ct_buf out = CT_BUF_INIT;
	ct_render_md(&out, res, &meta);
	assert_non_null(strstr(out.buf, "quorum could not be established"));
	assert_non_null(strstr(out.buf, "---\naliases:\n- /2021-03-08-ballot-sc40-a-test/\n"));
	assert_non_null(strstr(out.buf, "title: \"Ballot SC40 – A test\"\n"));
	assert_non_null(strstr(out.buf, "- Server Certificates\n"));
	ct_buf_release(&out);
	ct_tally_result_free(res);
}

static void test_join(void **state)
{
	char *names[] = { "A", "B", "C" };
	ct_buf out = CT_BUF_INIT;
	ct_render_join(&out, names, 3, ", and ");
	assert_string_equal(out.buf, "A, B, and C");
	ct_buf_reset(&out);
	ct_render_join(&out, names, 2, " and ");
	assert_string_equal(out.buf, "A and B");
	ct_buf_reset(&out);
	ct_render_join(&out, names, 3, NULL);
	assert_string_equal(out.buf, "A, B, C");
	ct_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ballot_187_layout_2017),
		cmocka_unit_test(test_sc23_layout_2019),
		cmocka_unit_test(test_sc64_layout_2023),
		cmocka_unit_test(test_failed_and_singular_wording),
		cmocka_unit_test(test_no_quorum_base_is_said),
		cmocka_unit_test(test_join),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
