/* message dates: RFC 5322, obsolete and broken forms, to UTC ISO 8601. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cabtally/message.h"

#define OK(in, iso, fl) { in, iso, fl }
#define BAD(in) { in, NULL, 0 }

static const struct {
	const char *in;
	const char *iso; /* NULL: must be rejected */
	unsigned flags;  /* CT_DATE_ZONE_ASSUMED must match; CT_DATE_OBSOLETE when set */
} rows[] = {
	/* RFC 5322 proper */
	OK("Thu, 2 Mar 2017 09:14:00 +0000", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 02 Mar 2017 09:14:00 -0800", "2017-03-02T17:14:00Z", 0),
	OK("Fri, 8 Nov 2019 18:20:33 +0530", "2019-11-08T12:50:33Z", 0),
	OK("2 Mar 2017 09:14:00 +0100", "2017-03-02T08:14:00Z", 0),          /* no weekday */
	OK("Thu, 2 Mar 2017 09:14 +0000", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE), /* no seconds */
	OK("  Thu,\r\n 2 Mar 2017\t09:14:00\n +0000 ", "2017-03-02T09:14:00Z", 0), /* folded */
	OK("Thu, 31 Dec 2015 23:59:60 +0000", "2016-01-01T00:00:00Z", 0),     /* leap second */
	OK("Thu, 2 Mar 2017 00:30:00 +0100", "2017-03-01T23:30:00Z", 0),      /* day before */
	OK("Sun, 29 Feb 2004 12:00:00 +0000", "2004-02-29T12:00:00Z", 0),
	/* comments */
	OK("Thu, 2 Mar 2017 09:14:00 +0000 (UTC)", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 01:14:00 -0800 (PST)", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 (a (nested) comment) 09:14:00 +0000", "2017-03-02T09:14:00Z", 0),
	/* obsolete zones */
	OK("Thu, 2 Mar 2017 09:14:00 GMT", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00 UT", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00 UTC", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 04:14:00 EST", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Jun 2017 05:14:00 EDT", "2017-06-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Mar 2017 01:14:00 PST", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Jun 2017 02:14:00 PDT", "2017-06-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Mar 2017 03:14:00 CST", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Mar 2017 02:14:00 MST", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Mar 2017 10:14:00 CET", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Mar 2017 09:14:00 Z", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00 A", "2017-03-02T09:14:00Z", CT_DATE_ZONE_ASSUMED), /* military */
	OK("Thu, 2 Mar 2017 09:14:00 XYZT", "2017-03-02T09:14:00Z", CT_DATE_ZONE_ASSUMED),
	OK("Thu, 2 Mar 2017 09:14:00", "2017-03-02T09:14:00Z", CT_DATE_ZONE_ASSUMED), /* no zone */
	/* two- and three-digit years */
	OK("Thu, 2 Mar 17 09:14:00 +0000", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Tue, 2 Mar 99 09:14:00 +0000", "1999-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu, 2 Mar 117 09:14:00 +0000", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	/* broken forms seen in the wild */
	OK("Thu, 2 Mar 2017 9:14:00 +0000", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("2 Mar 2017 09:14 GMT", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thursday, March 2, 2017 9:14 AM +0000", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("Thursday, March 2, 2017 2:14 PM -0500", "2017-03-02T19:14:00Z", CT_DATE_OBSOLETE),
	OK("Thu Mar  2 09:14:00 2017", "2017-03-02T09:14:00Z", CT_DATE_ZONE_ASSUMED), /* asctime */
	OK("Thu Mar  2 09:14:00 +0100 2017", "2017-03-02T08:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00 +01:00", "2017-03-02T08:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00 GMT+0100", "2017-03-02T08:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00+0000", "2017-03-02T09:14:00Z", 0),
	OK("Thu,2 Mar 2017 09:14:00 +0000", "2017-03-02T09:14:00Z", 0),
	OK("2-Mar-2017 09:14:00 +0000", "2017-03-02T09:14:00Z", CT_DATE_OBSOLETE),
	OK("2017-03-02T09:14:00Z", "2017-03-02T09:14:00Z", 0),
	OK("2017-03-02 09:14:00 +0000", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar 2017 09:14:00.123 +0000", "2017-03-02T09:14:00Z", 0),
	OK("Thu, 2 Mar. 2017 09:14:00 +0000", "2017-03-02T09:14:00Z", 0),
	OK("Wed, 2 Mar 2017 09:14:00 +0000", "2017-03-02T09:14:00Z", 0), /* wrong weekday */
	/* rejected */
	BAD(""),
	BAD("sometime next week"),
	BAD("Thu, 2 Mar 2017"),                  /* no time */
	BAD("Thu, 32 Mar 2017 09:14:00 +0000"),
	BAD("Thu, 29 Feb 2017 09:14:00 +0000"),  /* not a leap year */
	BAD("Thu, 2 Foo 2017 09:14:00 +0000"),
	BAD("Thu, 2 Mar 2017 25:14:00 +0000"),
	BAD("Thu, 2 Mar 2017 09:61:00 +0000"),
	BAD("Thu, 2 Mar 09:14:00 +0000"),         /* no year */
	BAD("Thu, 2 Mar 2017 09:14:00 +2500"),
	BAD("0000-00-00 00:00:00"),
};

static void test_date_rows(void **state)
{
	(void)state;
	int failed = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int64_t t = 0;
		unsigned flags = 0;
		int rc = ct_date_parse_rfc5322_ex(rows[i].in, &t, &flags);
		char iso[21] = "";
		if (rc == 0)
			ct_time_format_iso(t, iso);
		int ok = rows[i].iso ? rc == 0 && !strcmp(iso, rows[i].iso) &&
			 (flags & CT_DATE_ZONE_ASSUMED) == (rows[i].flags & CT_DATE_ZONE_ASSUMED) &&
			 (!(rows[i].flags & CT_DATE_OBSOLETE) || (flags & CT_DATE_OBSOLETE)) :
			 rc == CT_EINVALID;
		if (!ok) {
			fprintf(stderr, "'%s': rc %d, %s flags %u; want %s flags %u\n", rows[i].in, rc, iso,
				flags, rows[i].iso ? rows[i].iso : "rejected", rows[i].flags);
			failed++;
		}
	}
	assert_true(sizeof(rows) / sizeof(rows[0]) >= 30);
	assert_int_equal(failed, 0);
}

static void test_date_plain_api(void **state)
{
	(void)state;
	int64_t t;
	assert_int_equal(ct_date_parse_rfc5322("Thu, 2 Mar 2017 09:14:00 +0000", &t), 0);
	assert_int_equal(t, 1488446040);
	assert_int_equal(ct_date_parse_rfc5322(NULL, &t), CT_EINVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_rows),
		cmocka_unit_test(test_date_plain_api),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
