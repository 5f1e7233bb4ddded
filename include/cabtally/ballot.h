/*
 * ballot: which ballot a text talks about, when its voting period runs, and
 * which messages of an archive belong to it.
 *
 * Ballot identity
 * ---------------
 * The Forum spells one ballot many ways ("SC23", "SC-23", "SC023", "sc-023",
 * "Ballot SC-023:", "SC23v3", "SC23 v.3"). A ct_ballot_id makes them equal:
 *
 *   canon    prefix + number, no dash, no zero padding, upper case:
 *            "187" (the numbered Forum ballots 1..224 of 2005-2018),
 *            "FORUM17", "SC23", "SMC8", "CSC19", "NS3".
 *            Two spellings name the same ballot iff their canon strings are
 *            equal (strcmp). The version is NOT part of canon: SC23v2 and
 *            SC23v3 are versions of one ballot (compare `version` apart).
 *   group    follows from the prefix: none or FORUM -> forum, SC/SCWG ->
 *            scwg, SMC/SMCWG -> smcwg, CSC/CSCWG -> cscwg, NS/NSWG -> netsec.
 *            "CSCWG-3" and "CSC-3" are the same series (the Code Signing WG
 *            used both spellings for one numbering).
 *   version  0 when the text gives none; "SC23v3", "SC23 v3", "SC23 v.3",
 *            "Forum-14 version 2" -> 3 / 2.
 *
 * Display form (ct_ballot_id_format): the spelling the Forum's own result
 * titles use most for each series: "187", "FORUM-17", "SC23", "SMC08"
 * (two digits at least), "CSC-19", "NS-003" (three digits), followed by
 * "v3" when a version is known ("SC23v3", "FORUM-17v2").
 *
 * Invariants: a parsed id always has number >= 0, a non-empty NUL-terminated
 * canon, and group matching its prefix. Nothing here keeps global state.
 */
#ifndef CABTALLY_BALLOT_H
#define CABTALLY_BALLOT_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/util.h"

typedef enum ct_group {
	CT_GROUP_FORUM,
	CT_GROUP_SCWG,
	CT_GROUP_SMCWG,
	CT_GROUP_CSCWG,
	CT_GROUP_NETSEC,
} ct_group;

typedef struct ct_ballot_id {
	ct_group group;
	int number;
	int version;     /* 0 when not given */
	char canon[24];  /* "187", "FORUM17", "SC23", "SMC8", "CSC19", "NS3" */
} ct_ballot_id;

/*
 * Parse one whole token that names a ballot: "187", "Ballot 187",
 * "Ballot [85]", "Ballot #187", "SC-023", "sc23v3", "SC23 v3", "SMC-08",
 * "CSC-19", "CSCWG-3", "NS-003", "Forum-17", "FORUM 20v2",
 * "Special Ballot SC37". Surrounding blanks and a trailing ':' '.' ',' are
 * ignored. `len` bytes of `s` are read (no NUL needed).
 * Returns 0 and fills *out, or CT_EINVALID when the token is not exactly one
 * ballot id (placeholders such as "SC-0XX" and "Ballot XXX" are not).
 */
int ct_ballot_id_parse(ct_ballot_id *out, const char *s, size_t len);

/*
 * Find the first ballot id mentioned in free text (a subject or a body line).
 * Recognized: a series prefix glued or hyphenated to the number ("SC23",
 * "SC-064", "sc-64", "Forum-18v3", "NS-003", "SMC01v3", "CSCWG-19"), and a
 * bare number or a spaced prefix only after the word "Ballot"/"Ballots"
 * ("Ballot 187", "Ballot [85]", "Ballot Forum 16"). Not ids: bare numbers
 * ("section 3.2.2.4", "RFC 5280", "2019-11-07", "v1.4.1"), parts of host
 * names or addresses ("ns1.example.com"), placeholders ("SC-0XX").
 * Returns 1 and fills *out (and *start / *end, the byte span of the match,
 * when not NULL), or 0 when the text names no ballot.
 */
int ct_ballot_id_find(ct_ballot_id *out, const char *text, size_t len,
		      size_t *start, size_t *end);

/* "forum", "scwg", "smcwg", "cscwg", "netsec" (static strings). */
const char *ct_group_name(ct_group g);
/* The reverse of ct_group_name (case-insensitive). 0, or CT_EINVALID. */
int ct_group_from_name(ct_group *out, const char *name);

/* Display form (see above) into `out` of `n` bytes (24 always suffice). */
void ct_ballot_id_format(const ct_ballot_id *id, char *out, size_t n);

/* 1 when a and b name the same ballot (versions ignored), else 0. */
int ct_ballot_id_same(const ct_ballot_id *a, const ct_ballot_id *b);

/*
 * Voting period
 * -------------
 * Read from an announcement (or any text that quotes one): the forms the
 * Forum has used since 2012 -- "Start Time: 07-November 2019 03:00 UTC /
 * End Time: 14-November 2019 03:00 UTC" under a "Vote for approval" heading,
 * tables whose header says "Start time (22:00 UTC)" with dates below,
 * "the voting period will start immediately thereafter and will close at
 * 2200 UTC on 13 January 2014", "Vote for approval begins ... and ends ...",
 * "Voting will begin on ... and close on ...", "voting period: A to B",
 * "the voting period ... has started, and will continue until ...".
 *
 * How it reads: every date/time in the text is found (dates "7 November
 * 2019", "November 7, 2019", "2019-11-07", "07-November 2019", "Thursday,
 * 7 Nov 2019", "22nd August"; times "03:00", "2200 UTC", "9:45:00",
 * "2:38 PM", "noon", "midnight"; zones UTC, GMT, Z, offsets "+0200",
 * "UTC-7", PST/PDT, EST/EDT, CST/CDT, MST/MDT, CET/CEST, BST and the
 * DST-aware "Eastern", "US Eastern", "Pacific"), then labelled from the
 * words before it: the phase (voting vs discussion/review) and the role
 * (start/begin/commence/open vs end/close/conclude/until). Dates in a table
 * row take start/end by column order and the time from the column header.
 *
 * Rules (documented choices):
 * - the period is start inclusive, end exclusive: a vote sent exactly at
 *   the closing time is late (ct_period_contains);
 * - a zone abbreviation is taken literally ("EST" in July is UTC-5);
 *   "Eastern"/"Pacific" follow US daylight saving time;
 * - a time without a zone is UTC (flag ZONE_ASSUMED); a date without a time
 *   and no column header time is 00:00 (TIME_ASSUMED);
 * - "midnight" on a date is the end of that day (24:00);
 * - a date without a year takes the year that puts it nearest to hint_date;
 *   a weekday alone ("at 2200 UTC on Thursday") is the first such day on or
 *   after hint_date's day;
 * - "has started", "starts now/today", "begins immediately" make the start
 *   the message's date (hint_date, flag START_IS_DATE); "immediately
 *   thereafter" makes it the end of the discussion/review period;
 * - a start without an end: end = start + 7 days (END_DERIVED); an end
 *   without a start: start = end - 7 days (START_DERIVED) -- the Bylaws fix
 *   voting at exactly seven days;
 * - sanity: end after start and the period 1 to 30 days long, else not
 *   found with a reason.
 */
#define CT_NO_DATE INT64_MIN  /* a hint_date that is not known */

enum ct_period_flag {
	CT_PERIOD_END_DERIVED = 1u << 0,
	CT_PERIOD_START_DERIVED = 1u << 1,
	CT_PERIOD_START_IS_DATE = 1u << 2,
	CT_PERIOD_ZONE_ASSUMED = 1u << 3,
	CT_PERIOD_TIME_ASSUMED = 1u << 4,
	CT_PERIOD_YEAR_FROM_HINT = 1u << 5,
	CT_PERIOD_FROM_QUOTED = 1u << 6,  /* read from "> " quoted lines */
	CT_PERIOD_EXTENDED = 1u << 7,     /* "the voting period has been extended to ..." */
};

/* Options of ct_ballot_period_parse_opts. */
#define CT_PERIOD_READ_QUOTED 1u  /* also read "> "-quoted lines */

/* A voting period. Plain value, nothing to free. Evidence strings are the
 * source lines (trimmed, quote markers removed, cut at the buffer size). */
typedef struct ct_period {
	int64_t start;            /* UTC seconds, inclusive */
	int64_t end;              /* UTC seconds, exclusive */
	unsigned flags;           /* ct_period_flag bits */
	char start_evidence[200];
	char end_evidence[200];
	char reason[160];         /* why none was found ("" when found) */
} ct_period;

/*
 * Find the voting period in `len` bytes of `text` (plain text; quoted
 * "> " lines are skipped). `hint_date` is the message's date (or
 * CT_NO_DATE): it supplies missing years, weekday-only dates, and the start
 * for "voting has started".
 * Returns 0 with *out filled, or CT_ENOTFOUND with out->reason and `err`
 * (when not NULL) saying why.
 */
int ct_ballot_period_parse(ct_period *out, const char *text, size_t len,
			   int64_t hint_date, ct_error *err);
/* The same with options (CT_PERIOD_READ_QUOTED). */
int ct_ballot_period_parse_opts(ct_period *out, const char *text, size_t len,
				int64_t hint_date, unsigned opts, ct_error *err);

/* 1 when start <= t < end. */
int ct_period_contains(const ct_period *p, int64_t t);

/* Flag names joined by ',' ("end-derived,zone-assumed") into out (n bytes). */
void ct_period_flags_format(unsigned flags, char *out, size_t n);

/*
 * Ballot index: which messages of an archive belong to which ballot, which
 * message announced each ballot, and its voting period.
 *
 * The caller feeds message summaries in archive order (ct_ballot_msg, filled
 * from whatever decoder it uses: this module includes no message header),
 * then calls ct_ballot_index_finish() once and queries.
 *
 * Membership: a message belongs to ballot B when its subject names B
 * ("Re: [cabfpub] Ballot 187 - ..."; "Ballots CSC-21 and CSC-22" names both;
 * "Ballot 194 - Effective Date of Ballot 193" names only 194), or, when its
 * subject names no ballot, when its In-Reply-To or one of its References
 * (nearest first) leads to a message that belongs to B. Reference loops end
 * the walk; messages without a Message-ID can only join by subject; a
 * Message-ID seen twice marks the later copy a duplicate (it stays a member,
 * flagged, and is not counted in `messages`).
 *
 * Announcement: among B's messages that are not replies (no "Re:"/"AW:"/...
 * in the subject): the one with the highest ballot version; among those, a
 * subject with a voting marker ("VOTING BEGINS", "[Voting]", "Voting Period",
 * "VOTE:", "Voting starts", "Call for votes") beats a plain post, and among
 * equals the latest one whose body gives a period (so a later version, or a
 * re-announcement, restarts the period). When no such message gives a
 * period, the earliest member whose quoted text gives one is used (period
 * flag CT_PERIOD_FROM_QUOTED).
 */
typedef struct ct_ballot_msg {
	const char *handle;          /* the caller's name for it ("file:offset"); may be NULL */
	const char *message_id;      /* "<x@y>" or NULL */
	const char *in_reply_to;     /* or NULL */
	const char *const *references;
	size_t n_references;
	int64_t date;                /* UTC seconds, or CT_NO_DATE */
	const char *subject;         /* decoded subject, or NULL */
	const char *body;            /* decoded text with "> " quotes, or NULL */
	size_t body_len;
} ct_ballot_msg;

typedef struct ct_ballot_info {
	ct_ballot_id id;             /* version: of the announcement (0 when none) */
	char title[200];             /* "Precertificates"; "" when unknown */
	long announcement;           /* message index, or -1 */
	int64_t announced;           /* its date, or CT_NO_DATE */
	int has_period;
	ct_period period;            /* period.reason says why when !has_period */
	size_t messages;             /* members, duplicates not counted */
	size_t duplicates;
} ct_ballot_info;

typedef struct ct_ballot_index ct_ballot_index;

/* A new empty index; free with ct_ballot_index_free. */
ct_ballot_index *ct_ballot_index_new(void);
void ct_ballot_index_free(ct_ballot_index *ix);

/*
 * Add one message (strings are copied; the body is read now and not kept).
 * Returns the message's index (0, 1, 2, ... in the order added), or
 * CT_EUSAGE after ct_ballot_index_finish.
 */
long ct_ballot_index_add(ct_ballot_index *ix, const ct_ballot_msg *m, ct_error *err);

/* 1 when a message with this subject could be an announcement, so the
 * caller should decode and pass its body (bodies of other messages are only
 * used for the quoted-period fallback). */
int ct_ballot_subject_wants_body(const char *subject);

/* Resolve reply membership, announcements, periods and titles. Once. */
void ct_ballot_index_finish(ct_ballot_index *ix);

/* Ballots found, sorted by period start (those without a period last),
 * then group and number. Borrowed; valid until ct_ballot_index_free. */
size_t ct_ballot_index_count(const ct_ballot_index *ix);
const ct_ballot_info *ct_ballot_index_get(const ct_ballot_index *ix, size_t i);
/* The position (for _get/_members) of the ballot with id's canon, or -1. */
long ct_ballot_index_lookup(const ct_ballot_index *ix, const ct_ballot_id *id);
/* The member message indexes of ballot i, in the order added. */
size_t ct_ballot_index_members(const ct_ballot_index *ix, size_t i, const long **out);
/* A message's handle (as given), or "" */
const char *ct_ballot_index_handle(const ct_ballot_index *ix, long msg);
/* 1 when the message repeats an earlier Message-ID. */
int ct_ballot_index_is_duplicate(const ct_ballot_index *ix, long msg);
/* 1 when the message joined its ballot through a reply chain only. */
int ct_ballot_index_by_reply(const ct_ballot_index *ix, long msg);

/* The subject without list tags, reply prefixes and gateway tags
 * ("[cabfpub] [EXTERNAL]Re: ]RE: Ballot 194" -> "Ballot 194") into out;
 * returns 1 when a reply prefix was seen. */
int ct_ballot_subject_normalize(const char *subject, char *out, size_t n);

/* The title a subject gives ballot `id`: the text after its id without
 * voting markers ("Ballot SC23: Precertificates" -> "Precertificates"). */
void ct_ballot_subject_title(const char *subject, char *out, size_t n);

#endif
