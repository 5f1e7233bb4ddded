/* Tests of the post module: every published result post of the corpus is
 * read (a ballot id and a vote count, or the reason it has none) and the
 * findings on it are exactly the table below, each verified by reading the
 * post; our own drafts in fixtures/posts/ each carry one kind of mistake. */
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

struct expect {
	const char *file;
	int line;
	const char *kind;
};

/*
 * The chairs' mistakes as published, one row per finding (file, line, kind).
 * Besides the counts, totals and quorum sentences, the list holds every
 * citation of a voting section by a number the Bylaws in force did not use:
 * "Bylaw 2.2(f)/(g)" after v1.7 renumbered ballots to §2.3 (2017-07-06), and
 * "Bylaw 2.3(f)/(g)" after v2.2 numbered the items (2)…(9) (2019-05-21).
 * Notes on the others:
 * - 154/155 l16: "24 votes from CAs in which 24 were in favor, 0 against and
 *   02 abstentions" (26).
 * - 189 l19: GlobalSign twice among 21 yes names.
 * - 192 l39: "Half … is 12, so quorum was 12 votes".
 * - 205 l27: "Voting by browsers – x votes total".
 * - 207 l19: 17 total incl. abstentions, 17 yes + 1 abstain listed (the post
 *   was revised to add Trustwave's yes, the total was not).
 * - 208 l17: 14 total incl. abstentions; 13 yes, 1 no, 2 abstain.
 * - SC6 l15: "23 Yes votes" followed by 32 names.
 * - FORUM-2 l31: "Currently active members: 11 / Quorum: 12".
 * - FORUM-7 l17: "10 Yes votes" with 9 names.
 * - FORUM-8 l22: "24 Yes votes" with 23 names (reference A16).
 * - SC22 l43: threshold "met for both" while issuers were 11 yes, 20 no.
 * - SC24 l19: "29 votes total" above "24 votes total" (24 yes).
 * - CSCWG-2 l20: "Votes in Favor: (10)" with 9 names.
 * - SC42 l21: "24 Yes votes" with 26 names (the total says 26).
 * - SMC04 l43: "15 Issuers voting YES" with 14 names as punctuated
 *   ("Buypass Chunghwa Telecom" lacks its comma).
 * - FORUM-020 v2 l21: "23 votes total" for 12 issuer votes (reference A16).
 * - SMC08 l38: "19 votes total, with no abstentions", 16 yes listed.
 * - SC67 l27: "3 Consumers voting YES" with 4 names.
 * - CSC-31 l33/l57: quorum 11 "MET" with 10 participants, hence "PASSED".
 */
static const struct expect corpus_expected[] = {
	{ "2015-11-18-ballots-154-and-155-convert-to-rfc-3647-framework-and-github.md", 16, "total-vs-counts" },
	{ "2017-04-13-ballot-189-amend-section-6-1-7-baseline-requirements.md", 19, "duplicate-name" },
	{ "2017-06-28-ballot-192-notary-revision.md", 39, "quorum-arithmetic" },
	{ "2017-07-06-ballot-205-membership-related-clarifications.md", 27, "placeholder" },
	{ "2017-07-26-ballot-202-underscore-wildcard-characters.md", 37, "citation" },
	{ "2017-07-26-ballot-202-underscore-wildcard-characters.md", 41, "citation" },
	{ "2017-08-31-ballot-210-misc-changes-network-certificate-system-security-requirements.md", 38, "citation" },
	{ "2017-08-31-ballot-210-misc-changes-network-certificate-system-security-requirements.md", 40, "citation" },
	{ "2017-09-01-2494.md", 37, "citation" },
	{ "2017-09-01-2494.md", 39, "citation" },
	{ "2017-09-19-ballot-190-revised-validation-requirements.md", 37, "citation" },
	{ "2017-09-19-ballot-190-revised-validation-requirements.md", 39, "citation" },
	{ "2017-09-27-ballot-214-caa-discovery-cname-errata.md", 37, "citation" },
	{ "2017-09-27-ballot-214-caa-discovery-cname-errata.md", 39, "citation" },
	{ "2017-10-04-ballot-215-fix-ballot-190-errata.md", 35, "citation" },
	{ "2017-10-04-ballot-215-fix-ballot-190-errata.md", 37, "citation" },
	{ "2017-10-23-ballot-207-asn-1-jurisdiction-ev-guidelines.md", 19, "total-vs-counts" },
	{ "2017-10-23-ballot-207-asn-1-jurisdiction-ev-guidelines.md", 39, "citation" },
	{ "2017-10-23-ballot-207-asn-1-jurisdiction-ev-guidelines.md", 41, "citation" },
	{ "2017-10-26-ballot-208-dnqualifiers.md", 17, "total-vs-counts" },
	{ "2017-10-26-ballot-208-dnqualifiers.md", 47, "citation" },
	{ "2017-10-26-ballot-208-dnqualifiers.md", 49, "citation" },
	{ "2017-12-21-ballot-216-update-discussion-period-process.md", 35, "citation" },
	{ "2017-12-21-ballot-216-update-discussion-period-process.md", 37, "citation" },
	{ "2017-12-21-ballot-217-sunset-rfc-2527.md", 35, "citation" },
	{ "2017-12-21-ballot-217-sunset-rfc-2527.md", 37, "citation" },
	{ "2018-02-05-ballot-218-remove-validation-methods-1-5.md", 35, "citation" },
	{ "2018-02-05-ballot-218-remove-validation-methods-1-5.md", 37, "citation" },
	{ "2018-03-30-ballot-220-minor-cleanups-spring-2018.md", 37, "citation" },
	{ "2018-03-30-ballot-220-minor-cleanups-spring-2018.md", 39, "citation" },
	{ "2018-04-03-ballot-206-amendment-to-ipr-policy-bylaws-re-working-group-formation.md", 47, "citation" },
	{ "2018-04-03-ballot-206-amendment-to-ipr-policy-bylaws-re-working-group-formation.md", 49, "citation" },
	{ "2018-04-10-ballot-219-clarify-handling-of-caa-record-sets-with-no-issue-issuewild-property-tag.md", 36, "citation" },
	{ "2018-04-10-ballot-219-clarify-handling-of-caa-record-sets-with-no-issue-issuewild-property-tag.md", 38, "citation" },
	{ "2018-05-16-ballot-223-update-br-section-8-4-for-caaudit-criteria.md", 35, "citation" },
	{ "2018-05-16-ballot-223-update-br-section-8-4-for-caaudit-criteria.md", 37, "citation" },
	{ "2018-05-22-ballot-224-whois-and-rdap.md", 35, "citation" },
	{ "2018-05-22-ballot-224-whois-and-rdap.md", 37, "citation" },
	{ "2018-05-24-ballot-221-two-factor-authentication-and-password-improvements.md", 35, "citation" },
	{ "2018-05-24-ballot-221-two-factor-authentication-and-password-improvements.md", 37, "citation" },
	{ "2018-07-27-ballot-sc2-validating-certificates-via-caa-contact.md", 45, "citation" },
	{ "2018-07-27-ballot-sc2-validating-certificates-via-caa-contact.md", 49, "citation" },
	{ "2018-08-16-ballot-sc3-two-factor-authentication-and-password-improvements.md", 27, "citation" },
	{ "2018-08-16-ballot-sc3-two-factor-authentication-and-password-improvements.md", 29, "citation" },
	{ "2018-08-27-ballot-forum-1-establish-forum-infrastructure-working-group.md", 29, "citation" },
	{ "2018-08-27-ballot-forum-1-establish-forum-infrastructure-working-group.md", 31, "citation" },
	{ "2018-09-14-ballot-sc6-revocation-timeline-extension.md", 15, "count-vs-names" },
	{ "2018-09-14-ballot-sc6-revocation-timeline-extension.md", 27, "citation" },
	{ "2018-09-14-ballot-sc6-revocation-timeline-extension.md", 29, "citation" },
	{ "2018-09-20-ballot-forum-2-chair-and-vice-chair-term-extensions.md", 31, "quorum-arithmetic" },
	{ "2018-09-20-ballot-forum-2-chair-and-vice-chair-term-extensions.md", 35, "citation" },
	{ "2018-09-20-ballot-forum-2-chair-and-vice-chair-term-extensions.md", 37, "citation" },
	{ "2018-09-28-ballot-forum-4-v3-fix-mistakes-made-during-passage-of-governance-reform-ballot-206.md", 32, "citation" },
	{ "2018-09-28-ballot-forum-4-v3-fix-mistakes-made-during-passage-of-governance-reform-ballot-206.md", 34, "citation" },
	{ "2018-10-01-ballot-forum-6-update-etsi-requirements-in-the-bylaws.md", 31, "citation" },
	{ "2018-10-01-ballot-forum-6-update-etsi-requirements-in-the-bylaws.md", 33, "citation" },
	{ "2018-10-03-ballot-sc-9-establish-the-validation-subcommittee-of-the-scwg.md", 27, "citation" },
	{ "2018-10-03-ballot-sc-9-establish-the-validation-subcommittee-of-the-scwg.md", 29, "citation" },
	{ "2018-10-04-ballot-sc-10-establishing-the-network-security-subcommittee-of-the-scwg.md", 28, "citation" },
	{ "2018-10-04-ballot-sc-10-establishing-the-network-security-subcommittee-of-the-scwg.md", 30, "citation" },
	{ "2018-10-09-ballot-forum-7-update-etsi-requirements-in-scwg-charter.md", 17, "count-vs-names" },
	{ "2018-10-09-ballot-forum-7-update-etsi-requirements-in-scwg-charter.md", 28, "citation" },
	{ "2018-10-09-ballot-forum-7-update-etsi-requirements-in-scwg-charter.md", 30, "citation" },
	{ "2019-03-09-ballot-forum-8-establishment-of-a-code-signing-working-group.md", 22, "count-vs-names" },
	{ "2019-09-10-ballot-sc22-reduce-certificate-lifetimes-v2.md", 41, "citation" },
	{ "2019-09-10-ballot-sc22-reduce-certificate-lifetimes-v2.md", 43, "threshold-claim" },
	{ "2019-09-10-ballot-sc22-reduce-certificate-lifetimes-v2.md", 46, "citation" },
	{ "2019-11-12-ballot-sc24-fall-cleanup-v2.md", 19, "total-vs-counts" },
	{ "2020-03-30-ballot-sc26v2-pandoc-friendly-markdown-formatting-changes.md", 32, "citation" },
	{ "2020-03-30-ballot-sc26v2-pandoc-friendly-markdown-formatting-changes.md", 37, "citation" },
	{ "2020-05-07-ballot-sc29v3-system-configuration-management.md", 32, "citation" },
	{ "2020-05-07-ballot-sc29v3-system-configuration-management.md", 37, "citation" },
	{ "2020-07-16-ballot-sc30v2-disclosure-of-registration-incorporating-agency.md", 32, "citation" },
	{ "2020-07-16-ballot-sc30v2-disclosure-of-registration-incorporating-agency.md", 37, "citation" },
	{ "2020-07-16-ballot-sc31-browser-alignment.md", 32, "citation" },
	{ "2020-07-16-ballot-sc31-browser-alignment.md", 37, "citation" },
	{ "2020-07-21-ballot-cscwg-2-combine-baseline-and-ev-code-signing-documents.md", 20, "count-vs-names" },
	{ "2020-08-14-ballot-sc33-tls-using-alpn-method.md", 32, "citation" },
	{ "2020-08-14-ballot-sc33-tls-using-alpn-method.md", 37, "citation" },
	{ "2020-09-10-ballot-sc28-logging-and-log-retention.md", 32, "citation" },
	{ "2020-09-10-ballot-sc28-logging-and-log-retention.md", 37, "citation" },
	{ "2020-09-21-ballot-forum-15-election-of-ca-browser-forum-chair.md", 36, "citation" },
	{ "2020-09-21-ballot-forum-15-election-of-ca-browser-forum-chair.md", 41, "citation" },
	{ "2020-09-21-ballot-sc36-election-of-server-certificate-working-group-chair.md", 41, "citation" },
	{ "2020-09-21-ballot-sc36-election-of-server-certificate-working-group-chair.md", 46, "citation" },
	{ "2021-02-10-ballot-sc37-election-of-server-certificate-working-group-vice-chair.md", 34, "citation" },
	{ "2021-02-10-ballot-sc37-election-of-server-certificate-working-group-vice-chair.md", 39, "citation" },
	{ "2021-04-08-ballot-sc43-clarify-acceptable-status-codes.md", 39, "citation" },
	{ "2021-04-08-ballot-sc43-clarify-acceptable-status-codes.md", 47, "citation" },
	{ "2021-04-22-ballot-sc42-398-day-re-use-period.md", 21, "count-vs-names" },
	{ "2021-04-22-ballot-sc42-398-day-re-use-period.md", 39, "citation" },
	{ "2021-04-22-ballot-sc42-398-day-re-use-period.md", 46, "citation" },
	{ "2021-05-01-ballot-sc44-clarify-acceptable-status-codes.md", 39, "citation" },
	{ "2021-05-01-ballot-sc44-clarify-acceptable-status-codes.md", 47, "citation" },
	{ "2021-06-02-ballot-sc46-sunset-the-caa-exception-for-dns-operator.md", 41, "citation" },
	{ "2021-06-02-ballot-sc46-sunset-the-caa-exception-for-dns-operator.md", 49, "citation" },
	{ "2021-06-03-ballot-sc45-wildcard-domain-validation.md", 37, "citation" },
	{ "2021-06-03-ballot-sc45-wildcard-domain-validation.md", 45, "citation" },
	{ "2021-06-30-ballot-sc47v2-sunset-subjectorganizationalunitname.md", 39, "citation" },
	{ "2021-06-30-ballot-sc47v2-sunset-subjectorganizationalunitname.md", 47, "citation" },
	{ "2021-09-27-ballot-sc49-special-election-for-server-certificate-working-group-vice-chair.md", 35, "citation" },
	{ "2021-09-27-ballot-sc49-special-election-for-server-certificate-working-group-vice-chair.md", 42, "citation" },
	{ "2021-11-22-ballot-sc50-remove-the-requirements-of-section-4-1-1.md", 33, "citation" },
	{ "2021-11-22-ballot-sc50-remove-the-requirements-of-section-4-1-1.md", 40, "citation" },
	{ "2021-12-28-ballot-forum-17-creation-of-network-security-working-group.md", 38, "citation" },
	{ "2021-12-28-ballot-forum-17-creation-of-network-security-working-group.md", 46, "citation" },
	{ "2022-01-26-ballot-sc53-sunset-for-sha-1-ocsp-signing.md", 35, "citation" },
	{ "2022-01-26-ballot-sc53-sunset-for-sha-1-ocsp-signing.md", 42, "citation" },
	{ "2022-03-01-ballot-sc51-reduce-and-clarify-audit-log-and-records-archival-retention-requirements.md", 34, "citation" },
	{ "2022-03-01-ballot-sc51-reduce-and-clarify-audit-log-and-records-archival-retention-requirements.md", 41, "citation" },
	{ "2022-03-24-ballot-sc54-onion-cleanup.md", 33, "citation" },
	{ "2022-03-24-ballot-sc54-onion-cleanup.md", 40, "citation" },
	{ "2022-10-25-ballot-sc56-2022-cleanup.md", 33, "citation" },
	{ "2022-10-25-ballot-sc56-2022-cleanup.md", 38, "citation" },
	{ "2023-01-01-smc-001-adopt-s-mime-baseline-requirements-v1-0-0.md", 45, "citation" },
	{ "2023-01-01-smc-001-adopt-s-mime-baseline-requirements-v1-0-0.md", 48, "citation" },
	{ "2023-07-11-ballot-smc03-corrections-and-clarifications-for-s-mime-baseline-requirements.md", 55, "citation" },
	{ "2023-07-11-ballot-smc03-corrections-and-clarifications-for-s-mime-baseline-requirements.md", 61, "citation" },
	{ "2023-12-08-ballot-smc04-addition-of-etsi-ts-119-411-6-to-audit-standards.md", 43, "count-vs-names" },
	{ "2023-12-08-ballot-smc04-addition-of-etsi-ts-119-411-6-to-audit-standards.md", 57, "citation" },
	{ "2023-12-08-ballot-smc04-addition-of-etsi-ts-119-411-6-to-audit-standards.md", 60, "citation" },
	{ "2024-01-08-ballot-smc5-adoption-of-caa-for-smime.md", 36, "citation" },
	{ "2024-01-08-ballot-smc5-adoption-of-caa-for-smime.md", 39, "citation" },
	{ "2024-01-13-ballot-forum-20v2-cswg-charter.md", 21, "total-vs-counts" },
	{ "2024-07-15-smcwg-ballot-SMC08-Deprecate-Legacy-Generation-Profiles-and-Minor-Updates.md", 38, "total-vs-counts" },
	{ "2024-07-15-smcwg-ballot-SMC08-Deprecate-Legacy-Generation-Profiles-and-Minor-Updates.md", 50, "citation" },
	{ "2024-07-15-smcwg-ballot-SMC08-Deprecate-Legacy-Generation-Profiles-and-Minor-Updates.md", 54, "citation" },
	{ "2024-08-05-ballot-sc67.md", 27, "count-vs-names" },
	{ "2025-11-17-CSCWG-Ballot-CSC31.md", 33, "verdict" },
	{ "2025-11-17-CSCWG-Ballot-CSC31.md", 57, "quorum-claim" },
};

static int expected_has(const char *file, int line, const char *kind)
{
	for (size_t i = 0; i < sizeof(corpus_expected) / sizeof(corpus_expected[0]); i++)
		if (!strcmp(corpus_expected[i].file, file) && corpus_expected[i].line == line
				&& !strcmp(corpus_expected[i].kind, kind))
			return 1;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_corpus(void **state)
{
	(void)state;
	char *dir = shared_path("corpus/published-results");
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d) {
		free(dir);
		skip_msg: ;
		print_message("[  SKIPPED ] ../shared/corpus/published-results is absent\n");
		skip();
		return;
	}
	char **names = NULL;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l > 3 && !strcmp(e->d_name + l - 3, ".md")) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strdup(e->d_name);
		}
	}
	closedir(d);
	if (!n) {
		free(dir);
		free(names);
		goto skip_msg;
	}
	qsort(names, n, sizeof(*names), cmp_names);
	size_t *seen = calloc(sizeof(corpus_expected) / sizeof(corpus_expected[0]), sizeof(size_t));
	int failures = 0;
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		size_t len;
		char *text = read_file(path, &len);
		assert_non_null(text);
		ct_post *p = NULL;
		ct_error err = CT_ERROR_INIT;
		if (ct_post_parse(&p, names[i], text, len, &err) < 0) {
			print_error("%s: not read: %s\n", names[i], err.msg);
			failures++;
			free(text);
			continue;
		}
		if (!p->ballot[0]) {
			print_error("%s: no ballot id\n", names[i]);
			failures++;
		}
		if (ct_post_vote_claims(p) == 0 && !p->no_counts_reason) {
			print_error("%s: no vote count and no reason\n", names[i]);
			failures++;
		}
		ct_post_findings f = CT_POST_FINDINGS_INIT;
		assert_int_equal(ct_post_check(&f, p, NULL, &err), 0);
		for (size_t k = 0; k < f.count; k++) {
			if (!expected_has(names[i], f.items[k].line, f.items[k].kind)) {
				print_error("%s:%d: unexpected %s: %s - %s\n", names[i], f.items[k].line,
					f.items[k].kind, f.items[k].claim, f.items[k].holds);
				failures++;
				continue;
			}
			for (size_t x = 0; x < sizeof(corpus_expected) / sizeof(corpus_expected[0]); x++)
				if (!strcmp(corpus_expected[x].file, names[i])
						&& corpus_expected[x].line == f.items[k].line
						&& !strcmp(corpus_expected[x].kind, f.items[k].kind))
					seen[x]++;
		}
		ct_post_findings_release(&f);
		ct_post_free(p);
		free(text);
	}
	for (size_t x = 0; x < sizeof(corpus_expected) / sizeof(corpus_expected[0]); x++)
		if (!seen[x]) {
			print_error("%s:%d: expected %s not reported\n", corpus_expected[x].file,
				corpus_expected[x].line, corpus_expected[x].kind);
			failures++;
		}
	assert_true(n >= 190);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(seen);
	free(dir);
	assert_int_equal(failures, 0);
}

/* Our drafts: one mistake each, found with its kind on its line. */
static const struct expect drafts[] = {
	{ "placeholder.md", 22, "placeholder" },
	{ "count-vs-names.md", 14, "count-vs-names" },
	{ "total-vs-counts.md", 12, "total-vs-counts" },
	{ "duplicate-name.md", 14, "duplicate-name" },
	{ "name-in-two-lists.md", 25, "name-in-two-lists" },
	{ "percent.md", 18, "percent" },
	{ "threshold-claim.md", 33, "threshold-claim" },
	{ "verdict.md", 8, "verdict" },
	{ "quorum-arithmetic.md", 38, "quorum-arithmetic" },
	{ "quorum-claim.md", 38, "quorum-claim" },
	{ "citation.md", 30, "citation" },
	{ "prose-count-vs-names.md", 6, "count-vs-names" },
	{ "html-total-vs-counts.html", 4, "total-vs-counts" },
};

static ct_post *load(const char *name, ct_post_findings *f)
{
	char *path = fixture_path(name);
	char rel[256];
	snprintf(rel, sizeof(rel), "posts/%s", name);
	free(path);
	path = fixture_path(rel);
	size_t len;
	char *text = read_file(path, &len);
	assert_non_null(text);
	ct_post *p = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_post_parse(&p, name, text, len, &err), 0);
	assert_int_equal(ct_post_check(f, p, NULL, &err), 0);
	free(text);
	free(path);
	return p;
}

static void test_drafts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(drafts) / sizeof(drafts[0]); i++) {
		ct_post_findings f = CT_POST_FINDINGS_INIT;
		ct_post *p = load(drafts[i].file, &f);
		if (f.count != 1 || f.items[0].line != drafts[i].line
				|| strcmp(f.items[0].kind, drafts[i].kind)) {
			for (size_t k = 0; k < f.count; k++)
				print_error("%s:%d: %s: %s - %s\n", drafts[i].file, f.items[k].line,
					f.items[k].kind, f.items[k].claim, f.items[k].holds);
			fail_msg("%s: expected exactly one %s at line %d, got %zu findings",
				drafts[i].file, drafts[i].kind, drafts[i].line, f.count);
		}
		ct_post_findings_release(&f);
		ct_post_free(p);
	}
}

static void test_clean_draft(void **state)
{
	(void)state;
	ct_post_findings f = CT_POST_FINDINGS_INIT;
	ct_post *p = load("clean.md", &f);
	assert_int_equal(f.count, 0);
	assert_string_equal(p->ballot, "SC99");
	assert_string_equal(p->group, "scwg");
	/* six lists, the names under them, both totals, the quorum sentence */
	assert_int_equal(p->nlists, 6);
	assert_int_equal(p->lists[0].count, 15);
	assert_int_equal(p->lists[0].nnames, 15);
	assert_int_equal(p->lists[0].category, CT_CATEGORY_ISSUER);
	assert_string_equal(p->lists[3].names[1], "Mozilla");
	assert_int_equal(p->ntotals, 2);
	assert_int_equal(p->quorum.half, 11);
	assert_int_equal(p->quorum.quorum, 12);
	assert_int_equal(p->quorum.met, 1);
	assert_int_equal(p->outcome, CT_POST_OUTCOME_PASSED);
	/* the ballot text after "The following motion" is not read */
	assert_int_equal(p->results_end, 39);
	ct_post_findings_release(&f);
	ct_post_free(p);
}

static void test_not_a_post(void **state)
{
	(void)state;
	ct_post *p = NULL;
	ct_error err = CT_ERROR_INIT;
	const char text[] = "Dear all,\nlunch is at noon.\n";
	assert_int_equal(ct_post_parse(&p, "mail.txt", text, sizeof(text) - 1, &err), CT_EINVALID);
	assert_null(p);
	assert_non_null(strstr(err.msg, "mail.txt"));
	const char bin[] = "Ballot 12\0\1\2";
	assert_int_equal(ct_post_parse(&p, "x.bin", bin, sizeof(bin) - 1, &err), CT_EINVALID);
}

static void test_name_key(void **state)
{
	(void)state;
	char a[64], b[64];
	ct_post_name_key("Let\xe2\x80\x99s Encrypt", a, sizeof(a));
	ct_post_name_key("Lets Encrypt", b, sizeof(b));
	assert_string_equal(a, b);
	ct_post_name_key("Certificaci\xc3\xb3n", a, sizeof(a));
	assert_string_equal(a, "certificaci\xc3\xb3n"); /* letters beyond ASCII stay */
	ct_post_name_key("D-TRUST", a, sizeof(a));
	ct_post_name_key("D-Trust", b, sizeof(b));
	assert_string_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_drafts),
		cmocka_unit_test(test_clean_draft),
		cmocka_unit_test(test_not_a_post),
		cmocka_unit_test(test_name_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
