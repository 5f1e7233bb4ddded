/* rules against the Forum's published result posts (read from ../shared at
 * test time, never copied): the percentage each post prints is the one
 * ct_rules_percent gives, and the post cites the profile's section or one
 * the Forum is recorded to have used in that era. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cabtally/rules.h"
#include "testutil.h"

static const struct post {
	const char *file;
	const char *group;
	int y, mo, d;     /* start of voting (about seven days before the post) */
	long iy, in, cy, cn;
} posts[] = {
	{ "2017-03-08-ballot-187-make-caa-checking-mandatory.md", "forum", 2017, 3, 1, 17, 1, 3, 0 },
	{ "2017-05-09-ballot-199-require-commonname-root-intermediate-certificates.md", "forum", 2017, 5, 2, 14, 1, 3, 0 },
	{ "2017-07-26-ballot-202-underscore-wildcard-characters.md", "forum", 2017, 7, 19, 12, 7, 3, 0 },
	{ "2017-09-27-ballot-214-caa-discovery-cname-errata.md", "forum", 2017, 9, 20, 13, 3, 4, 0 },
	{ "2017-10-26-ballot-208-dnqualifiers.md", "forum", 2017, 10, 19, 13, 1, 2, 2 },
	{ "2018-02-05-ballot-218-remove-validation-methods-1-5.md", "forum", 2018, 1, 29, 14, 4, 5, 0 },
	{ "2018-09-28-ballot-forum-4-v3-fix-mistakes-made-during-passage-of-governance-reform-ballot-206.md", "forum", 2018, 9, 21, 13, 1, 5, 0 },
	{ "2018-11-12-ballot-sc-12-sunset-of-underscores-in-dnsnames.md", "scwg", 2018, 11, 5, 20, 2, 4, 2 },
	{ "2018-12-18-ballot-sc13-caa-contact-property-and-associated-e-mail-validation-methods.md", "scwg", 2018, 12, 11, 20, 1, 4, 0 },
	{ "2019-09-10-ballot-sc22-reduce-certificate-lifetimes-v2.md", "scwg", 2019, 9, 3, 11, 20, 7, 0 },
	{ "2019-11-14-ballot-sc23-v3-precertificates.md", "scwg", 2019, 11, 7, 15, 0, 4, 0 },
	{ "2020-07-16-ballot-sc31-browser-alignment.md", "scwg", 2020, 7, 9, 15, 4, 0, 0 },
	{ "2024-01-13-ballot-forum-20v2-cswg-charter.md", "forum", 2024, 1, 6, 11, 1, 1, 0 },
};

static char *load(const struct post *p)
{
	char rel[512];
	snprintf(rel, sizeof(rel), "corpus/published-results/%s", p->file);
	char *path = shared_path(rel);
	if (!path)
		return NULL;
	char *text = read_file(path, NULL);
	if (!text)
		fail_msg("cannot read %s", path);
	free(path);
	return text;
}

/* Does `text` cite `cite` or any of the "|"-separated `seen`? */
static int cites(const char *text, const char *cite, const char *seen)
{
	if (strstr(text, cite))
		return 1;
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", seen);
	for (char *tok = strtok(buf, "|"); tok; tok = strtok(NULL, "|"))
		if (strstr(text, tok))
			return 1;
	return 0;
}

static void published_percentages_and_citations(void **state)
{
	(void)state;
	char *probe = shared_path("corpus/published-results");
	if (!probe)
		skip();
	free(probe);
	for (size_t i = 0; i < sizeof(posts) / sizeof(posts[0]); i++) {
		const struct post *p = &posts[i];
		char *text = load(p);
		ct_rules r;
		ct_error err = CT_ERROR_INIT;
		if (ct_rules_select(&r, p->group, ct_time_from_civil(p->y, p->mo, p->d, 0, 0, 0), NULL, &err))
			fail_msg("%s: %s", p->file, err.msg);
		long yes[2] = { p->iy, p->cy }, no[2] = { p->in, p->cn };
		for (int c = 0; c < 2; c++) {
			int pct = ct_rules_percent(yes[c], yes[c] + no[c]);
			if (pct < 0)
				continue;
			char want[32];
			snprintf(want, sizeof(want), "%d%% of voting ", pct);
			if (!strstr(text, want))
				fail_msg("%s: the post does not print '%s'", p->file, want);
		}
		if (!cites(text, r.bylaws->cite_threshold, r.bylaws->seen_threshold) ||
		    !cites(text, r.bylaws->cite_quorum, r.bylaws->seen_quorum))
			fail_msg("%s: cites neither %s nor '%s'", p->file, r.bylaws->cite_threshold,
				r.bylaws->seen_threshold);
		free(text);
	}
}

/* The sentence both worked examples publish. */
static void published_quorum_sentences(void **state)
{
	(void)state;
	char *probe = shared_path("corpus/published-results");
	if (!probe)
		skip();
	free(probe);
	for (size_t i = 0; i < sizeof(posts) / sizeof(posts[0]); i++) {
		const struct post *p = &posts[i];
		if (!strstr(p->file, "ballot-187") && !strstr(p->file, "ballot-sc23"))
			continue;
		char *text = load(p);
		ct_rules r;
		ct_error err = CT_ERROR_INIT;
		assert_int_equal(ct_rules_select(&r, p->group, ct_time_from_civil(p->y, p->mo, p->d, 0, 0, 0), NULL, &err), 0);
		ct_quorum_base b = CT_QUORUM_BASE_INIT;
		b.basis = CT_QUORUM_BASIS_ACTIVE;
		b.active = 20;
		ct_quorum q;
		ct_quorum_compute(&q, &r, &b, p->iy + p->in + p->cy + p->cn + (strstr(p->file, "187") ? 1 : 0));
		char want[128];
		snprintf(want, sizeof(want), "Half of currently active Members as of the start of voting %s %s%ld%s, so quorum was %s%ld votes",
			strstr(p->file, "187") ? "is" : "was", strstr(p->file, "187") ? "" : "**", q.half,
			strstr(p->file, "187") ? "" : "**", strstr(p->file, "187") ? "" : "**", q.required);
		if (!strstr(text, want))
			fail_msg("%s: lacks '%s'", p->file, want);
		assert_int_equal(q.met, 1);
		free(text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(published_percentages_and_citations),
		cmocka_unit_test(published_quorum_sentences),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
