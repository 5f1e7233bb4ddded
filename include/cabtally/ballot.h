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

#endif
