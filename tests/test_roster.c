/* roster: loading (schema errors with lines, hostile XML), dates, renames,
 * category changes, look-ups and every resolution rule of docs/roster.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/roster.h"
#include "testutil.h"

static char *data_path(const char *name)
{
	const char *dir = getenv("CABTALLY_DATA");
	size_t n = strlen(dir ? dir : "data") + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir ? dir : "data", name);
	return p;
}

static int64_t day(const char *s)
{
	int64_t t = 0;
	assert_int_equal(ct_time_parse_iso(s, &t), 0);
	return t;
}

/* Load a fixture with the schema; returns the rc, fills err/diags. */
static int load_fixture(const char *rel, ct_roster **r, ct_warnings *diags, ct_error *err)
{
	char *path = fixture_path(rel), *schema = data_path("roster.rng");
	int rc = ct_roster_load(r, path, schema, diags, err);
	free(path);
	free(schema);
	return rc;
}

static int setup_small(void **state)
{
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	int rc = load_fixture("roster/small.xml", &r, NULL, &err);
	if (rc)
		fprintf(stderr, "small.xml: %s\n", err.msg);
	*state = r;
	return rc;
}

static int teardown_small(void **state)
{
	ct_roster_free(*state);
	return 0;
}

/* ---- loading ------------------------------------------------------------ */

static void test_small_roster_loads(void **state)
{
	const ct_roster *r = *state;
	assert_int_equal(ct_roster_count(r), 9);
	const ct_member *m = ct_roster_find_id(r, "sectigo");
	assert_non_null(m);
	assert_int_equal(m->nnames, 3);
	assert_string_equal(m->domains[1].value, "comodo.com");
	assert_int_equal(m->domains[1].until, day("2019-01-01"));
	assert_int_equal(m->domains[1].from, -CT_ROSTER_OPEN);
}

static const struct {
	const char *file;
	const char *expect; /* a substring of the first message, file:line first */
} bad_rows[] = {
	{ "roster/bad-category.xml", "bad-category.xml:5: " },
	{ "roster/bad-date.xml", "bad-date.xml:5: " },
	{ "roster/malformed.xml", "malformed.xml:8: " },
	{ "roster/dup-name.xml", "also names 'a' (line 3)" },
	{ "roster/overlap.xml", "two memberships in 'scwg' at once" },
	{ "roster/overlap.xml", "duplicate member id 'a'" },
};

static void test_invalid_rosters_name_file_and_line(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
		ct_roster *r = (ct_roster *)1;
		ct_error err = CT_ERROR_INIT;
		ct_warnings diags = CT_WARNINGS_INIT;
		int rc = load_fixture(bad_rows[i].file, &r, &diags, &err);
		assert_int_equal(rc, CT_EINVALID);
		assert_int_equal(err.code, CT_EINVALID);
		assert_null(r);
		int seen = strstr(err.msg, bad_rows[i].expect) != NULL;
		for (size_t j = 0; j < diags.count; j++)
			seen |= strstr(diags.items[j].message, bad_rows[i].expect) != NULL;
		if (!seen)
			fail_msg("%s: no message with '%s' (first: %s)", bad_rows[i].file,
				bad_rows[i].expect, err.msg);
		ct_warnings_release(&diags);
	}
}

static void test_own_checks_hold_without_schema(void **state)
{
	(void)state;
	const char *xml = "<roster><member id='a'><name>A</name>\n"
			  "<membership group='forum' category='issuer' from='2020-01-01' until='2019-01-01'/>\n"
			  "</member></roster>";
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_roster_load_memory(&r, xml, strlen(xml), "mem.xml", NULL, NULL, &err),
		CT_EINVALID);
	assert_non_null(strstr(err.msg, "mem.xml:2: 'from' is not before 'until'"));
}

static void test_missing_file_is_eio(void **state)
{
	(void)state;
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_roster_load(&r, "/nonexistent/roster.xml", NULL, NULL, &err), CT_EIO);
	assert_non_null(strstr(err.msg, "/nonexistent/roster.xml"));
}

static int global_errors;
static void count_global(void *data, xmlErrorPtr e)
{
	(void)data, (void)e;
	global_errors++;
}

/* libxml2 reports through our context only: a handler the program installed
 * stays in place and is never called, and nothing is printed. */
static void test_errors_do_not_touch_global_handlers(void **state)
{
	(void)state;
	xmlSetStructuredErrorFunc(NULL, count_global);
	global_errors = 0;
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(load_fixture("roster/malformed.xml", &r, NULL, &err), CT_EINVALID);
	assert_int_equal(load_fixture("roster/bad-category.xml", &r, NULL, &err), CT_EINVALID);
	assert_int_equal(global_errors, 0);
	assert_ptr_equal(xmlStructuredError, count_global);
	xmlSetStructuredErrorFunc(NULL, NULL);
}

static void test_entity_bomb_is_rejected(void **state)
{
	(void)state;
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(load_fixture("roster/bomb.xml", &r, NULL, &err), CT_EINVALID);
	assert_null(r);
	assert_non_null(strstr(err.msg, "bomb.xml:3: entity declarations are not allowed"));
}

static void test_external_entity_is_never_read(void **state)
{
	(void)state;
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	ct_warnings diags = CT_WARNINGS_INIT;
	assert_int_equal(load_fixture("roster/xxe.xml", &r, &diags, &err), CT_EINVALID);
	assert_null(strstr(err.msg, "XXE-SECRET-MARKER"));
	assert_non_null(strstr(err.msg, "entity declarations are not allowed in a roster ('xxe')"));
	for (size_t i = 0; i < diags.count; i++)
		assert_null(strstr(diags.items[i].message, "XXE-SECRET-MARKER"));
	ct_warnings_release(&diags);

	const char *passwd = "<?xml version='1.0'?>\n<!DOCTYPE roster [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>\n"
			     "<roster><member id='x'><name>&x;</name></member></roster>";
	assert_int_equal(ct_roster_load_memory(&r, passwd, strlen(passwd), "passwd.xml", NULL, NULL, &err),
		CT_EINVALID);
	assert_null(strstr(err.msg, "root:"));

	/* An external DTD is not fetched either: the roster loads, untouched. */
	assert_int_equal(load_fixture("roster/xxe-dtd.xml", &r, NULL, &err), 0);
	assert_string_equal(ct_member_name_on(ct_roster_member(r, 0), 0), "Plain");
	ct_roster_free(r);
}

static void test_bundled_roster_is_valid(void **state)
{
	(void)state;
	char *path = data_path("roster.xml"), *schema = data_path("roster.rng");
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	int rc = ct_roster_load(&r, path, schema, NULL, &err);
	if (rc)
		fail_msg("%s", err.msg);
	assert_true(ct_roster_count(r) > 60);
	ct_roster_free(r);
	free(path);
	free(schema);
}

/* ---- dates, names, categories ------------------------------------------- */

static void test_interval_edges(void **state)
{
	const ct_member *m = ct_roster_find_id(*state, "digicert");
	assert_null(ct_member_membership(m, "scwg", day("2018-07-02")));
	assert_non_null(ct_member_membership(m, "scwg", day("2018-07-03")));	/* from: inclusive */
	assert_non_null(ct_member_membership(m, "scwg", day("2018-12-31T23:59:59Z")));
	assert_null(ct_member_membership(m, "scwg", day("2019-01-01")));	/* until: exclusive */
	assert_non_null(ct_member_membership(m, "forum", day("2030-01-01"))); /* open end */
	assert_null(ct_member_membership(m, "smcwg", day("2020-01-01")));
}

static const struct {
	const char *id, *date, *name;
} name_rows[] = {
	{ "sectigo", "2014-01-01", "Comodo" },		/* before any `from`: the first name */
	{ "sectigo", "2018-10-31", "Comodo" },
	{ "sectigo", "2018-11-01", "Sectigo (former Comodo CA)" },
	{ "sectigo", "2019-12-31", "Sectigo (former Comodo CA)" },
	{ "sectigo", "2020-01-01", "Sectigo" },
	{ "letsencrypt", "2020-12-31", "Let’s Encrypt" },
	{ "letsencrypt", "2021-01-01", "Let’s Encrypt / ISRG" },
};

static void test_renames(void **state)
{
	for (size_t i = 0; i < sizeof(name_rows) / sizeof(name_rows[0]); i++) {
		const ct_member *m = ct_roster_find_id(*state, name_rows[i].id);
		assert_string_equal(ct_member_name_on(m, day(name_rows[i].date)), name_rows[i].name);
	}
}

static void test_category_change(void **state)
{
	const ct_member *m = ct_roster_find_id(*state, "cisco");
	assert_int_equal(ct_member_membership(m, "forum", day("2017-03-01"))->category, CT_CAT_ISSUER);
	assert_int_equal(ct_member_membership(m, "forum", day("2018-07-02"))->category, CT_CAT_ISSUER);
	assert_int_equal(ct_member_membership(m, "forum", day("2018-07-03"))->category, CT_CAT_CONSUMER);
	assert_int_equal(ct_member_membership(m, "scwg", day("2019-11-14"))->category, CT_CAT_CONSUMER);
}

/* ---- look-ups ----------------------------------------------------------- */

static const struct {
	const char *address;
	const char *id; /* NULL: no member */
} domain_rows[] = {
	{ "jeremy@digicert.com", "digicert" },
	{ "tim@mail.digicert.com", "digicert" },	/* subdomain */
	{ "Tim@MAIL.DigiCert.COM", "digicert" },	/* case */
	{ "x@digicert.com.", "digicert" },		/* root dot */
	{ "x@evildigicert.com", NULL },			/* not on a label boundary */
	{ "x@digicert.com.example.net", NULL },		/* suffix, not the domain */
	{ "x@digicert-com.net", NULL },
	{ "x@com", NULL },
	{ "x@pki.acme.example", "acme" },
	{ "x@trust.acme.example", "gov" },		/* the most specific domain wins */
	{ "x@a.trust.acme.example", "gov" },
	{ "x@other.acme.example", "acme" },
};

static void test_domains_and_look_alikes(void **state)
{
	for (size_t i = 0; i < sizeof(domain_rows) / sizeof(domain_rows[0]); i++) {
		const ct_member *found[4];
		size_t n = ct_roster_find_domain(*state, domain_rows[i].address, day("2023-06-01"), found, 4);
		if (!domain_rows[i].id) {
			if (n)
				fail_msg("%s: matched '%s'", domain_rows[i].address, found[0]->id);
			continue;
		}
		if (n != 1)
			fail_msg("%s: %zu matches", domain_rows[i].address, n);
		assert_string_equal(found[0]->id, domain_rows[i].id);
	}
}

static void test_domain_dates(void **state)
{
	const ct_member *found[4];
	/* comodo.com: Sectigo's only before 2017-10, shared until 2019, then CSS's */
	assert_int_equal(ct_roster_find_domain(*state, "p@comodo.com", day("2017-03-01"), found, 4), 1);
	assert_string_equal(found[0]->id, "sectigo");
	assert_int_equal(ct_roster_find_domain(*state, "p@comodo.com", day("2018-08-01"), found, 4), 2);
	assert_int_equal(ct_roster_find_domain(*state, "p@comodo.com", day("2019-01-01"), found, 4), 1);
	assert_string_equal(found[0]->id, "css");
}

static const struct {
	const char *name, *id;
} alias_rows[] = {
	{ "Let's Encrypt", "letsencrypt" },		/* a former display name, ASCII apostrophe */
	{ "LET’S ENCRYPT / ISRG", "letsencrypt" },
	{ "Lets Encrypt/ISRG", "letsencrypt" },
	{ "isrg", "letsencrypt" },
	{ "The Internet Security Research Group", "letsencrypt" }, /* leading "The" */
	{ "Internet-Security-Research-Group.", "letsencrypt" },
	{ "Comodo", "sectigo" },			/* former name */
	{ "comodo ca", "sectigo" },
	{ "Sectigo", "sectigo" },
	{ "Comodo Security Solutions", "css" },		/* not Sectigo */
	{ "DigiCert, Inc.", "digicert" },
	{ "Digi", NULL },
	{ "Encrypt", NULL },
	{ "", NULL },
};

static void test_names_and_aliases(void **state)
{
	for (size_t i = 0; i < sizeof(alias_rows) / sizeof(alias_rows[0]); i++) {
		const ct_member *m = ct_roster_find_name(*state, alias_rows[i].name);
		if (!alias_rows[i].id) {
			if (m)
				fail_msg("'%s' matched '%s'", alias_rows[i].name, m->id);
			continue;
		}
		if (!m)
			fail_msg("'%s' matched nothing", alias_rows[i].name);
		assert_string_equal(m->id, alias_rows[i].id);
	}
}

static void test_names_in_text(void **state)
{
	size_t at = 0, len = 0;
	const char *t1 = "On behalf of Let’s Encrypt, we vote YES on SC23";
	const ct_member *m = ct_roster_find_in_text(*state, t1, &at, &len);
	assert_non_null(m);
	assert_string_equal(m->id, "letsencrypt");
	assert_int_equal(at, 13);
	assert_int_equal(len, strlen("Let’s Encrypt"));
	m = ct_roster_find_in_text(*state, "Comodo Security Solutions votes yes", NULL, NULL);
	assert_string_equal(m->id, "css");	/* longest name wins over "Comodo" */
	assert_null(ct_roster_find_in_text(*state, "evildigicert votes yes", NULL, NULL));
	assert_null(ct_roster_find_in_text(*state, "ciscoworks votes yes", NULL, NULL));
	m = ct_roster_find_in_text(*state, "“Cisco” votes yes", NULL, NULL);
	assert_string_equal(m->id, "cisco");
}

static void test_short_aliases_only_whole(void **state)
{
	(void)state;
	const char *xml = "<roster><member id='le'><name>Let’s Encrypt</name><alias>LE</alias>"
			  "</member></roster>";
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_roster_load_memory(&r, xml, strlen(xml), "le.xml", NULL, NULL, &err), 0);
	assert_string_equal(ct_roster_find_name(r, "LE")->id, "le");
	assert_null(ct_roster_find_in_text(r, "je vote oui pour le ballot", NULL, NULL));
	assert_string_equal(ct_roster_find_in_text(r, "Lets Encrypt: yes", NULL, NULL)->id, "le");
	ct_roster_free(r);
}

static void test_addresses(void **state)
{
	assert_string_equal(ct_roster_find_address(*state, "Castillar@Melete.org", 0)->id, "cisco");
	assert_null(ct_roster_find_address(*state, "someone@gmail.com", day("2020-12-31")));
	assert_string_equal(ct_roster_find_address(*state, "someone@gmail.com", day("2021-01-01"))->id,
		"sectigo");
	assert_null(ct_roster_find_address(*state, "gerv@example.net", day("2016-01-01")));
}

/* ---- resolution rules --------------------------------------------------- */

static const struct {
	const char *what;
	const char *address, *org, *date, *group;
	ct_resolution_status status;
	const char *id, *name;
	ct_roster_category cat;
	const char *reason; /* substring */
} res_rows[] = {
	{ "sender's domain → member", "jeremy@digicert.com", NULL, "2018-09-01", "scwg",
	  CT_RES_MEMBER, "digicert", "DigiCert", CT_CAT_ISSUER, "domain of jeremy@digicert.com" },
	{ "text names the sender's own member", "jeremy@digicert.com", "DigiCert", "2018-09-01", "scwg",
	  CT_RES_MEMBER, "digicert", "DigiCert", CT_CAT_ISSUER, NULL },
	{ "text names an alias of the sender's member", "jeremy@digicert.com", "Digicert Inc.", "2018-09-01",
	  "scwg", CT_RES_MEMBER, "digicert", "DigiCert", CT_CAT_ISSUER, NULL },
	{ "listed representative from another domain", "castillar@melete.org", NULL, "2019-11-14", "scwg",
	  CT_RES_MEMBER, "cisco", "Cisco", CT_CAT_CONSUMER, "listed representative of Cisco" },
	{ "address wins over domain", "ben.wilson@digicert.com", NULL, "2019-11-14", "scwg",
	  CT_RES_MEMBER, "mozilla", "Mozilla", CT_CAT_CONSUMER, NULL },
	{ "representative votes for the member the text names", "ben.wilson@digicert.com", "Mozilla",
	  "2019-11-14", "scwg", CT_RES_MEMBER, "mozilla", "Mozilla", CT_CAT_CONSUMER, NULL },
	{ "representative, text names someone else", "ben.wilson@digicert.com", "DigiCert", "2019-11-14",
	  "scwg", CT_RES_UNCLEAR, NULL, NULL, CT_CAT_NONE, "listed for Mozilla, but the text names DigiCert" },
	{ "domain of A, text names B", "jeremy@digicert.com", "Let's Encrypt", "2018-09-01", "scwg",
	  CT_RES_UNCLEAR, NULL, NULL, CT_CAT_NONE, "is not listed as its representative" },
	{ "no member, text names one: nothing guessed", "someone@gmail.com", "Sectigo", "2019-11-14", "scwg",
	  CT_RES_NOT_A_MEMBER, NULL, NULL, CT_CAT_NONE, "belongs to no member" },
	{ "no member", "x@evildigicert.com", NULL, "2019-11-14", "scwg",
	  CT_RES_NOT_A_MEMBER, NULL, NULL, CT_CAT_NONE, NULL },
	{ "member, but not of this group", "jeremy@digicert.com", NULL, "2023-06-01", "smcwg",
	  CT_RES_NOT_VOTING, "digicert", "DigiCert", CT_CAT_NONE, "not a member of smcwg" },
	{ "member, but not on this date", "jeremy@digicert.com", NULL, "2019-01-01", "scwg",
	  CT_RES_NOT_VOTING, "digicert", "DigiCert", CT_CAT_NONE, NULL },
	{ "associate member", "x@cpacanada.ca", NULL, "2019-11-14", "scwg",
	  CT_RES_NOT_VOTING, "webtrust", "CPA Canada/WebTrust", CT_CAT_ISSUER, "associate member of scwg" },
	{ "probationary member", "x@acme.example", NULL, "2023-06-01", "smcwg",
	  CT_RES_NOT_VOTING, "acme", "Acme Trust", CT_CAT_ISSUER, "probationary" },
	{ "shared domain, text names neither", "p@comodo.com", NULL, "2018-09-01", "scwg",
	  CT_RES_UNCLEAR, NULL, NULL, CT_CAT_NONE, "shared by" },
	{ "shared domain, text names one", "p@comodo.com", "CSS", "2018-09-01", "scwg",
	  CT_RES_MEMBER, "css", "Comodo Security Solutions", CT_CAT_CONSUMER, NULL },
	{ "shared domain, text names the other", "p@comodo.com", "Comodo CA", "2018-11-05", "scwg",
	  CT_RES_MEMBER, "sectigo", "Sectigo (former Comodo CA)", CT_CAT_ISSUER, NULL },
	{ "display name on the vote's date", "x@sectigo.com", NULL, "2020-02-01", "scwg",
	  CT_RES_MEMBER, "sectigo", "Sectigo", CT_CAT_ISSUER, NULL },
	{ "text names an organisation the roster does not know", "jeremy@digicert.com", "Quux Ltd",
	  "2018-09-01", "scwg", CT_RES_MEMBER, "digicert", "DigiCert", CT_CAT_ISSUER, NULL },
};

static void test_resolution_rules(void **state)
{
	for (size_t i = 0; i < sizeof(res_rows) / sizeof(res_rows[0]); i++) {
		ct_resolution res;
		assert_int_equal(ct_roster_resolve(*state, &res, res_rows[i].address, res_rows[i].org,
			day(res_rows[i].date), res_rows[i].group), 0);
		if (res.status != res_rows[i].status)
			fail_msg("%s: status %d, expected %d (%s)", res_rows[i].what, res.status,
				res_rows[i].status, res.reason);
		if (res_rows[i].id) {
			assert_non_null(res.member);
			assert_string_equal(res.member_id, res_rows[i].id);
			assert_string_equal(res.name, res_rows[i].name);
		} else {
			assert_null(res.member);
		}
		assert_int_equal(res.category, res_rows[i].cat);
		assert_true(res.reason[0] != '\0');
		if (res_rows[i].reason && !strstr(res.reason, res_rows[i].reason))
			fail_msg("%s: reason '%s' lacks '%s'", res_rows[i].what, res.reason, res_rows[i].reason);
	}
}

static void test_voting_list_sorted_by_name(void **state)
{
	ct_roster_entry *e = NULL;
	size_t n = ct_roster_list(*state, day("2019-11-14"), "scwg", 1, &e);
	/* DigiCert's and CSS's scwg memberships ended before that date */
	const char *want[] = { "Cisco", "Let’s Encrypt", "Mozilla", "Sectigo (former Comodo CA)" };
	assert_int_equal(n, 4);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(e[i].name, want[i]);
	free(e);
	n = ct_roster_list(*state, day("2019-11-14"), "scwg", 0, &e);
	assert_int_equal(n, 5); /* + the associate */
	free(e);
	n = ct_roster_list(*state, day("2019-11-14"), "netsec", 0, &e);
	assert_int_equal(n, 0);
	assert_null(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_small_roster_loads, setup_small, teardown_small),
		cmocka_unit_test(test_invalid_rosters_name_file_and_line),
		cmocka_unit_test(test_own_checks_hold_without_schema),
		cmocka_unit_test(test_missing_file_is_eio),
		cmocka_unit_test(test_errors_do_not_touch_global_handlers),
		cmocka_unit_test(test_entity_bomb_is_rejected),
		cmocka_unit_test(test_external_entity_is_never_read),
		cmocka_unit_test(test_bundled_roster_is_valid),
		cmocka_unit_test_setup_teardown(test_interval_edges, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_renames, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_category_change, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_domains_and_look_alikes, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_domain_dates, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_names_and_aliases, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_names_in_text, setup_small, teardown_small),
		cmocka_unit_test(test_short_aliases_only_whole),
		cmocka_unit_test_setup_teardown(test_addresses, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_resolution_rules, setup_small, teardown_small),
		cmocka_unit_test_setup_teardown(test_voting_list_sorted_by_name, setup_small, teardown_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
