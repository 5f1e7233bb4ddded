/* ballot periods: every way the Forum has stated a voting period, our own
 * sentences modelled on the reference, then the Forum's published posts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/ballot.h"
#include "testutil.h"

#define NOHINT NULL

/* start/end NULL: no period may be found. `hint` is the message date. */
static const struct {
	const char *what;
	const char *text;
	const char *hint;
	const char *start;
	const char *end;
	unsigned flags; /* flags that must be set */
} rows[] = {
	{ "SC23 style start/end under Vote for approval",
	  "Discussion (7+ days)\n\nStart Time: 3-October 2019 18:00 UTC\n\nEnd Time: 07-November 2019 03:00 UTC\n\n"
	  "Vote for approval (7 days)\n\nStart Time: 07-November 2019 03:00 UTC\n\nEnd Time: 14-November 2019 03:00 UTC\n",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "SC23 style on one line",
	  "Vote for approval (7 days) Start Time: 07-November 2019 03:00 UTC End Time: 14-November 2019 03:00 UTC",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "ISO with seconds (SC46 style)",
	  "Discussion (at least 7 days)\nStart Time: 2021-05-12 14:00:00 UTC\nEnd Time: 2021-05-26 14:00:00 UTC\n"
	  "Vote for approval (7 days)\nStart Time: 2021-05-26 18:30:00 UTC\nEnd Time: 2021-06-02 18:30:00 UTC\n",
	  NOHINT, "2021-05-26T18:30:00Z", "2021-06-02T18:30:00Z", 0 },
	{ "markdown bold labels",
	  "**Discussion (7+ days)**\n**Start Time:** 2018-05-03 19:00 UTC\n**End Time:** after 2018-05-15 19:00 UTC\n"
	  "**Vote for approval (7 days)**\n**Start Time:** 2018-05-15 19:00 UTC\n**End Time:** 2018-05-22 19:00 UTC\n",
	  NOHINT, "2018-05-15T19:00:00Z", "2018-05-22T19:00:00Z", 0 },
	{ "Eastern follows US daylight time (summer)",
	  "Vote for approval (7 days):\nStart Time: 2018-08-09 11:45 Eastern\nEnd Time: 2018-08-16 11:45 Eastern\n",
	  NOHINT, "2018-08-09T15:45:00Z", "2018-08-16T15:45:00Z", 0 },
	{ "US Eastern in winter",
	  "Voting period\nStart Time: 2019-01-10 17:00 US Eastern\nEnd Time: 2019-01-17 17:00 US Eastern\n",
	  NOHINT, "2019-01-10T22:00:00Z", "2019-01-17T22:00:00Z", 0 },
	{ "EDT with seconds",
	  "Vote for approval (7 days)\nStart Time: 2018-03-23 6:45:00 EDT\nEnd Time: 2018-03-30 6:45:00 EDT\n",
	  NOHINT, "2018-03-23T10:45:00Z", "2018-03-30T10:45:00Z", 0 },
	{ "EST literal with am",
	  "Vote for approval (7 days)\nStart Time: 2018-07-19 11:00am EST\nEnd Time: 2018-07-26 11:00am EST\n",
	  NOHINT, "2018-07-19T16:00:00Z", "2018-07-26T16:00:00Z", 0 },
	{ "PDT with PM and a UTC copy in parentheses",
	  "Vote for approval (7 days)\nStart time: 27 March 2018 8:30 PM PDT (28 March 2018 3:30 AM UTC)\n"
	  "End time:  3 April 2018 8:30 PM PDT (4 April 2018 3:30 AM)\n",
	  NOHINT, "2018-03-28T03:30:00Z", "2018-04-04T03:30:00Z", 0 },
	{ "PST in winter",
	  "Voting begins 2020-01-09 09:00 PST and ends 2020-01-16 09:00 PST.",
	  NOHINT, "2020-01-09T17:00:00Z", "2020-01-16T17:00:00Z", 0 },
	{ "Pacific follows daylight time",
	  "Voting begins June 4, 2020 at 9:00 Pacific and ends June 11, 2020 at 9:00 Pacific.",
	  NOHINT, "2020-06-04T16:00:00Z", "2020-06-11T16:00:00Z", 0 },
	{ "CET and CEST",
	  "The voting period starts on 2 March 2021 at 10:00 CET and closes on 9 March 2021 at 10:00 CET.",
	  NOHINT, "2021-03-02T09:00:00Z", "2021-03-09T09:00:00Z", 0 },
	{ "CEST",
	  "Voting will begin on 1 June 2022 at 16:00 CEST and close on 8 June 2022 at 16:00 CEST.",
	  NOHINT, "2022-06-01T14:00:00Z", "2022-06-08T14:00:00Z", 0 },
	{ "numeric offset +0200",
	  "Voting starts 2022-09-15 18:00 +0200 and ends 2022-09-22 18:00 +0200.",
	  NOHINT, "2022-09-15T16:00:00Z", "2022-09-22T16:00:00Z", 0 },
	{ "UTC-7",
	  "Voting begins 2021-04-01 10:00 UTC-7 and ends 2021-04-08 10:00 UTC-7.",
	  NOHINT, "2021-04-01T17:00:00Z", "2021-04-08T17:00:00Z", 0 },
	{ "GMT",
	  "The voting period opens at 12:00 GMT on 5 May 2015 and closes at 12:00 GMT on 12 May 2015.",
	  NOHINT, "2015-05-05T12:00:00Z", "2015-05-12T12:00:00Z", 0 },
	{ "ISO with Z",
	  "voting period: 2019-11-07T03:00:00Z to 2019-11-14T03:00:00Z",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "range with to",
	  "voting period: 2019-11-07 03:00 UTC to 2019-11-14 03:00 UTC",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "range with a dash",
	  "Voting period: 2019-11-07 03:00 UTC - 2019-11-14 03:00 UTC",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "2014 review period then immediately thereafter",
	  "The review period for this ballot shall commence at 2200 UTC on Monday, 10 March 2014, and will close at "
	  "2200 UTC on Monday, 17 March 2014. Unless the motion is withdrawn during the review period, the voting period "
	  "will start immediately thereafter and will close at 2200 UTC on Monday, 24 March 2014. Votes must be cast by "
	  "posting an on-list reply to this thread.",
	  NOHINT, "2014-03-17T22:00:00Z", "2014-03-24T22:00:00Z", 0 },
	{ "2013 review closes on a date without time, then thereafter",
	  "The review period for this ballot shall commence immediately at 2300 UTC on 30 December 2013 and will close on "
	  "6 January 2014. Unless the motion is withdrawn during the review period, the voting period will start "
	  "immediately thereafter and will close at 2300 UTC on 13 January 2014.",
	  NOHINT, "2014-01-06T23:00:00Z", "2014-01-13T23:00:00Z", CT_PERIOD_TIME_ASSUMED },
	{ "2012 style (Ballot 73)",
	  "The review period for this ballot shall commence at 21:00 UTC on April 27, 2012 and will close at 21:00 UTC on "
	  "May 4, 2012. Unless the motion is withdrawn during the review period, the voting period will start immediately "
	  "thereafter and will close at 21:00 UTC on May 11, 2012.",
	  NOHINT, "2012-05-04T21:00:00Z", "2012-05-11T21:00:00Z", 0 },
	{ "will close at 21:00 UTC on 22 February 2013",
	  "The voting period will start at 21:00 UTC on 15 February 2013 and will close at 21:00 UTC on 22 February 2013.",
	  NOHINT, "2013-02-15T21:00:00Z", "2013-02-22T21:00:00Z", 0 },
	{ "Voting starts ... The voting period will close ...",
	  "Voting starts at 2200 UTC on Monday, October 21, 2013. The voting period will close at 2200 UTC on Monday, "
	  "October 28, 2013.",
	  NOHINT, "2013-10-21T22:00:00Z", "2013-10-28T22:00:00Z", 0 },
	{ "Vote for approval begins and ends (2017)",
	  "Discussion begins now and ends September 20, 2017 22:00 UTC (7 days)\n"
	  "Vote for approval begins September 20, 2017 22:00 UTC and ends September 27, 2017 22:00 UTC (7 days)\n",
	  NOHINT, "2017-09-20T22:00:00Z", "2017-09-27T22:00:00Z", 0 },
	{ "table with the time in the header (pipes)",
	  "| BALLOT 187 Status: Maintenance Guideline | Start time (22:00 UTC) | End time (22:00 UTC) |\n"
	  "| Discussion (7 to 14 calendar days) | 2017-02-22 | 2017-03-01 |\n"
	  "| Vote for approval (7 calendar days) | 2017-03-01 | 2017-03-08 |\n",
	  NOHINT, "2017-03-01T22:00:00Z", "2017-03-08T22:00:00Z", 0 },
	{ "table with day-month dates (Ballot 188 style)",
	  "BALLOT 188\tStart time (22:00 UTC)\tEnd time (22:00 UTC)\n"
	  "Discussion (7 to 14 calendar days)\t16 Feb. 2017\t23 Feb. 2017\n"
	  "Vote for approval (7 calendar days)\t23 Feb. 2017\t2 Mar. 2017\n",
	  NOHINT, "2017-02-23T22:00:00Z", "2017-03-02T22:00:00Z", 0 },
	{ "table rows with labels first (2024 style)",
	  "| Event | Date (22:00 UTC) |\n| Start of Voting Period | 2024-06-07 |\n| End of Voting Period | 2024-06-14 |\n",
	  NOHINT, "2024-06-07T22:00:00Z", "2024-06-14T22:00:00Z", 0 },
	{ "has started and continues until (Ballot 180 style)",
	  "The voting period for Ballot 180 has started, and will continue until January 7, 2017 at 22:00 UTC.",
	  "2016-12-31T18:12:00Z", "2016-12-31T18:12:00Z", "2017-01-07T22:00:00Z", CT_PERIOD_START_IS_DATE },
	{ "starts today, concludes on a date",
	  "The voting period for FORUM-019 v.2 starts today. Voting will conclude at 16:00 UTC on 4 December 2023.",
	  "2023-11-27T15:58:00Z", "2023-11-27T15:58:00Z", "2023-12-04T16:00:00Z", CT_PERIOD_START_IS_DATE },
	{ "begins today at a time (FORUM-17 style)",
	  "The Voting Period for Ballot FORUM-98 begins today at 19:00 UTC and ends on 23-Dec-2021 at 19:00 UTC.",
	  "2021-12-16T18:40:00Z", "2021-12-16T19:00:00Z", "2021-12-23T19:00:00Z", 0 },
	{ "only an end: start derived (Ballot 193 style)",
	  "Voting will end on Friday, March 17, 2017 at 23:00 UTC.",
	  NOHINT, "2017-03-10T23:00:00Z", "2017-03-17T23:00:00Z", CT_PERIOD_START_DERIVED },
	{ "only a start: end derived",
	  "Voting begins at 2200 UTC on Thursday, 15 September 2022.",
	  NOHINT, "2022-09-15T22:00:00Z", "2022-09-22T22:00:00Z", CT_PERIOD_END_DERIVED },
	{ "weekday alone with the message date",
	  "Reminder: voting begins at 2200 UTC on Thursday and ends a week later.",
	  "2017-02-21T09:00:00Z", "2017-02-23T22:00:00Z", "2017-03-02T22:00:00Z",
	  CT_PERIOD_END_DERIVED | CT_PERIOD_YEAR_FROM_HINT },
	{ "no year: taken from the message date",
	  "The review period shall commence immediately and close at 2200 UTC on Monday 22nd August. Unless the motion "
	  "is withdrawn during the review period, the voting period will start immediately thereafter and will close at "
	  "2200 UTC on Monday 29th August.",
	  "2016-08-15T10:00:00Z", "2016-08-22T22:00:00Z", "2016-08-29T22:00:00Z", CT_PERIOD_YEAR_FROM_HINT },
	{ "no year near new year",
	  "Voting begins 28 December at 18:00 UTC and ends 4 January at 18:00 UTC.",
	  "2020-12-20T10:00:00Z", "2020-12-28T18:00:00Z", "2021-01-04T18:00:00Z", CT_PERIOD_YEAR_FROM_HINT },
	{ "noon",
	  "Voting opens at noon UTC on 3 April 2023 and closes at noon UTC on 10 April 2023.",
	  NOHINT, "2023-04-03T12:00:00Z", "2023-04-10T12:00:00Z", 0 },
	{ "midnight is the end of the day",
	  "Voting begins at midnight UTC on 2 May 2023 and ends at midnight UTC on 9 May 2023.",
	  NOHINT, "2023-05-03T00:00:00Z", "2023-05-10T00:00:00Z", 0 },
	{ "12-hour times",
	  "Voting will begin on November 7, 2019 at 3:00 am UTC and close on November 14, 2019 at 3:00 am UTC.",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "12 pm is noon",
	  "Voting begins on 7 Nov 2019 at 12 pm UTC and ends on 14 Nov 2019 at 12 pm UTC.",
	  NOHINT, "2019-11-07T12:00:00Z", "2019-11-14T12:00:00Z", 0 },
	{ "weekday with abbreviated month",
	  "Voting begins Thursday, 7 Nov 2019 03:00 UTC and ends Thursday, 14 Nov 2019 03:00 UTC.",
	  NOHINT, "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z", 0 },
	{ "time before date without 'on'",
	  "THE VOTING PERIOD STARTS 2200 UTC THURSDAY, 4 SEPTEMBER 2014 AND ENDS 2200 UTC THURSDAY, 11 SEPTEMBER 2014.",
	  NOHINT, "2014-09-04T22:00:00Z", "2014-09-11T22:00:00Z", 0 },
	{ "voting period extended",
	  "The voting period will start immediately thereafter and will close at 2200 UTC on Friday, 5 September 2014. "
	  "THE VOTING PERIOD FOR THIS BALLOT HAS BEEN EXTENDED TO 2200 UTC FRIDAY, 12 SEPTEMBER 2014.",
	  NOHINT, "2014-08-29T22:00:00Z", "2014-09-12T22:00:00Z", CT_PERIOD_START_DERIVED | CT_PERIOD_EXTENDED },
	{ "no zone: UTC assumed",
	  "Voting begins 2020-02-03 17:00 and ends 2020-02-10 17:00.",
	  NOHINT, "2020-02-03T17:00:00Z", "2020-02-10T17:00:00Z", CT_PERIOD_ZONE_ASSUMED },
	{ "year first with a month name",
	  "Vote for approval (7 days)\n- Start: 2025 Jan 23, 17:00 UTC\n- End: 2025 Jan 30, 17:00 UTC\n",
	  NOHINT, "2025-01-23T17:00:00Z", "2025-01-30T17:00:00Z", 0 },
	{ "year-month name-day",
	  "Vote for approval (7 days)\n- Start Time: 2024-April-23 16:00 UTC\n- End Time: 2024-April-30 16:00 UTC\n",
	  NOHINT, "2024-04-23T16:00:00Z", "2024-04-30T16:00:00Z", 0 },
	{ "day-month-year numbers",
	  "# Vote for approval (7 days)\n\n- Start time: 16-11-2023 18:30:00 UTC\n- End time: 23-11-2023 18:30:00 UTC\n",
	  NOHINT, "2023-11-16T18:30:00Z", "2023-11-23T18:30:00Z", 0 },
	{ "US month/day/year",
	  "Voting begins 11/16/2023 18:30 UTC and ends 11/23/2023 18:30 UTC.",
	  NOHINT, "2023-11-16T18:30:00Z", "2023-11-23T18:30:00Z", 0 },
	{ "Eastern Time (US) with a comma after the date",
	  "Vote for approval (7 days) Start Time: 2020-09-29, 1:10pm Eastern Time (US) End Time: 2020-10-06, 1:10pm Eastern Time (US)",
	  NOHINT, "2020-09-29T17:10:00Z", "2020-10-06T17:10:00Z", 0 },
	{ "time before date in bold (runs through)",
	  "The following ballot is proposed by A of B. Voting begins at **2100 UTC 30 September 2019** and runs through **2100 UTC 7 October 2019**.",
	  NOHINT, "2019-09-30T21:00:00Z", "2019-10-07T21:00:00Z", 0 },
	{ "table header with an unpadded hour",
	  "||Start time (8:00 UTC) |\tEnd time (8:00 UTC)|\n|------|------|------|\n|Discussion (at least 7 days)| \t2024-01-16 |\t2024-01-23|\n"
	  "|Expected Vote for approval (7 days)| \t2024-01-23 |\t2024-01-30|\n",
	  NOHINT, "2024-01-23T08:00:00Z", "2024-01-30T08:00:00Z", 0 },
	{ "Relevant times in a sentence",
	  "Relevant Start times and End Times are 22:00 UTC\nVote for approval: 2017-08-24 to 2017-08-31\n",
	  NOHINT, "2017-08-24T22:00:00Z", "2017-08-31T22:00:00Z", 0 },
	{ "votes in quoted lines are not read by default",
	  "Yes\n\n> Vote for approval (7 days)\n> Start Time: 07-November 2019 03:00 UTC\n> End Time: 14-November 2019 03:00 UTC\n",
	  NOHINT, NULL, NULL, 0 },
	/* not periods */
	{ "no dates at all", "DigiCert votes yes on ballot SC23.", NOHINT, NULL, NULL, 0 },
	{ "effective dates are not a voting period",
	  "This ballot amends section 4.9.1. Effective 1 March 2018, CAs SHALL check CAA records.", NOHINT, NULL, NULL, 0 },
	{ "end before start",
	  "Voting begins 2019-11-14 03:00 UTC and ends 2019-11-07 03:00 UTC.", NOHINT, NULL, NULL, 0 },
	{ "too long to be a voting period",
	  "Voting begins 2019-01-01 03:00 UTC and ends 2019-03-01 03:00 UTC.", NOHINT, NULL, NULL, 0 },
	{ "has started but no message date",
	  "The voting period for Ballot 180 has started.", NOHINT, NULL, NULL, 0 },
	{ "audit periods that start before a date",
	  "## Results of Voting\nThe ballot allows older audits to continue for audit periods which start before 1 November 2020.",
	  NOHINT, NULL, NULL, 0 },
	{ "a results post that only says voting closed",
	  "The voting period for Ballot 188 has ended. Here are the results.", NOHINT, NULL, NULL, 0 },
	{ "placeholders in a draft",
	  "Vote for approval (7 days)\n\nStart Time: 2019-06-XX 18:00 Eastern End Time: 2019-06-XX 18:00 Eastern",
	  NOHINT, NULL, NULL, 0 },
	{ "section numbers and versions",
	  "See BR section 3.2.2.4 and RFC 5280, now at v1.4.1; discussion continues.", NOHINT, NULL, NULL, 0 },
};

static int64_t iso(const char *s)
{
	int64_t t = 0;
	if (ct_time_parse_iso(s, &t) != 0)
		fail_msg("bad test time %s", s);
	return t;
}

static void test_period_rows(void **state)
{
	int failures = 0;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		ct_period p;
		ct_error err = CT_ERROR_INIT;
		int64_t hint = rows[i].hint ? iso(rows[i].hint) : CT_NO_DATE;
		int rc = ct_ballot_period_parse(&p, rows[i].text, strlen(rows[i].text), hint, &err);
		char s[21], e[21];
		ct_time_format_iso(p.start, s);
		ct_time_format_iso(p.end, e);
		if (!rows[i].start) {
			if (rc == 0) {
				print_error("%s: found %s..%s, want none\n", rows[i].what, s, e);
				failures++;
			} else if (p.reason[0] == '\0') {
				print_error("%s: no reason given\n", rows[i].what);
				failures++;
			}
			continue;
		}
		if (rc != 0) {
			print_error("%s: not found (%s)\n", rows[i].what, err.msg);
			failures++;
		} else if (p.start != iso(rows[i].start) || p.end != iso(rows[i].end)) {
			print_error("%s: got %s..%s, want %s..%s\n", rows[i].what, s, e,
				    rows[i].start, rows[i].end);
			failures++;
		} else if ((p.flags & rows[i].flags) != rows[i].flags) {
			char f[160];
			ct_period_flags_format(p.flags, f, sizeof(f));
			print_error("%s: flags %s lack %#x\n", rows[i].what, f, rows[i].flags);
			failures++;
		} else if (p.start_evidence[0] == '\0' && !(p.flags & CT_PERIOD_START_DERIVED)) {
			print_error("%s: no start evidence\n", rows[i].what);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

static void test_quoted_lines_read_when_asked(void **state)
{
	const char *t = "Yes\n\n> Vote for approval (7 days)\n> Start Time: 07-November 2019 03:00 UTC\n"
			"> End Time: 14-November 2019 03:00 UTC\n";
	ct_period p;
	assert_int_equal(ct_ballot_period_parse_opts(&p, t, strlen(t), CT_NO_DATE,
						     CT_PERIOD_READ_QUOTED, NULL), 0);
	assert_int_equal(p.start, iso("2019-11-07T03:00:00Z"));
	assert_int_equal(p.end, iso("2019-11-14T03:00:00Z"));
	assert_true(p.flags & CT_PERIOD_FROM_QUOTED);
	assert_string_equal(p.start_evidence, "Start Time: 07-November 2019 03:00 UTC");
}

static void test_edges_start_inclusive_end_exclusive(void **state)
{
	const char *t = "Vote for approval: Start Time: 2019-11-07 03:00 UTC End Time: 2019-11-14 03:00 UTC";
	ct_period p;
	assert_int_equal(ct_ballot_period_parse(&p, t, strlen(t), CT_NO_DATE, NULL), 0);
	assert_true(ct_period_contains(&p, iso("2019-11-07T03:00:00Z")));
	assert_false(ct_period_contains(&p, iso("2019-11-07T02:59:59Z")));
	assert_true(ct_period_contains(&p, iso("2019-11-14T02:59:59Z")));
	assert_false(ct_period_contains(&p, iso("2019-11-14T03:00:00Z")));
}

static void test_fixture_announcements(void **state)
{
	/* our own announcement mails in fixtures/ballots/ */
	static const struct {
		const char *file, *hint, *start, *end;
	} fx[] = {
		{ "ballots/announce-sc-style.txt", "2019-11-07T03:05:00Z", "2019-11-07T03:00:00Z", "2019-11-14T03:00:00Z" },
		{ "ballots/announce-2014-style.txt", "2014-03-10T21:40:00Z", "2014-03-17T22:00:00Z", "2014-03-24T22:00:00Z" },
		{ "ballots/announce-table.txt", "2017-02-22T20:00:00Z", "2017-03-01T22:00:00Z", "2017-03-08T22:00:00Z" },
	};
	for (size_t i = 0; i < sizeof(fx) / sizeof(fx[0]); i++) {
		char *path = fixture_path(fx[i].file);
		size_t n;
		char *text = read_file(path, &n);
		if (!text)
			fail_msg("cannot read %s", path);
		ct_period p;
		ct_error err = CT_ERROR_INIT;
		if (ct_ballot_period_parse(&p, text, n, iso(fx[i].hint), &err) != 0)
			fail_msg("%s: %s", fx[i].file, err.msg);
		assert_int_equal(p.start, iso(fx[i].start));
		assert_int_equal(p.end, iso(fx[i].end));
		free(text);
		free(path);
	}
}

/* Does the post state a voting period at all? A cheap independent check so
 * the corpus test cannot pass by finding nothing: a line that names the
 * voting period (or a vote for approval) near a year or a UTC time. */
static int states_voting_period(const char *text)
{
	const char *keys[] = { "voting period", "Vote for approval", "Voting starts", "Voting begins",
			       "Voting will", "voting will", "Start of Voting", "Voting Period", NULL };
	for (size_t k = 0; keys[k]; k++) {
		const char *p = text;
		while ((p = strstr(p, keys[k])) != NULL) {
			/* a date or a time within the next 300 bytes */
			for (size_t j = 0; j < 300 && p[j]; j++) {
				if ((p[j] == '2' && p[j + 1] == '0' && p[j + 2] >= '1' && p[j + 2] <= '2' &&
				     p[j + 3] >= '0' && p[j + 3] <= '9') ||
				    strncmp(p + j, "UTC", 3) == 0)
					return 1;
			}
			p++;
		}
	}
	return 0;
}

/* The hint: the post's date from its file name (YYYY-MM-DD-...). */
static int64_t date_from_name(const char *name)
{
	char d[11];
	int64_t t;
	snprintf(d, sizeof(d), "%s", name);
	return ct_time_parse_iso(d, &t) == 0 ? t : CT_NO_DATE;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_published_results_corpus(void **state)
{
	char *dir = shared_path("corpus/published-results");
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d) {
		print_message("../shared/corpus/published-results absent: skipped\n");
		free(dir);
		skip();
	}
	char *names[512];
	size_t nn = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL && nn < 512) {
		size_t l = strlen(de->d_name);
		if (l > 3 && strcmp(de->d_name + l - 3, ".md") == 0)
			names[nn++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, nn, sizeof(names[0]), cmp_str);
	int stated = 0, found = 0, bad = 0, week = 0;
	for (size_t i = 0; i < nn; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		size_t n;
		char *text = read_file(path, &n);
		assert_non_null(text);
		int st = states_voting_period(text);
		ct_period p;
		ct_error err = CT_ERROR_INIT;
		/* a post is published after the vote: the ballot is up to a few
		 * weeks older, so the post date is only a hint for missing years */
		int rc = ct_ballot_period_parse(&p, text, n, date_from_name(names[i]), &err);
		if (st)
			stated++;
		if (rc == 0) {
			found++;
			int64_t dur = p.end - p.start;
			if (dur >= 7 * 86400 - 3600 && dur <= 7 * 86400 + 3600)
				week++;
			if (p.end <= p.start || p.end - p.start > 30 * 86400) {
				print_error("%s: implausible period\n", names[i]);
				bad++;
			}
		} else if (st) {
			print_message("unreadable: %s: %s\n", names[i], p.reason);
		}
		free(text);
		free(names[i]);
	}
	print_message("published results: %zu posts, %d state a voting period, %d periods read, "
		      "%d of them exactly seven days\n", nn, stated, found, week);
	free(dir);
	assert_int_equal(bad, 0);
	/* the statement check is loose; at least 95% of the posts it flags must be read */
	assert_true(found * 100 >= stated * 95);
	assert_true(stated >= 100);
	/* the Bylaws fix seven days: a wrong pick (an effective date, the
	 * discussion period, a post's own date) rarely gives exactly that */
	assert_true(week * 100 >= found * 95);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_rows),
		cmocka_unit_test(test_quoted_lines_read_when_asked),
		cmocka_unit_test(test_edges_start_inclusive_end_exclusive),
		cmocka_unit_test(test_fixture_announcements),
		cmocka_unit_test(test_published_results_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
