/*
 * tally: one ballot's messages → one vote per member, a ledger line for
 * every message, and the verdict of the rules (rules.h).
 *
 * Design:
 * - The caller (cli) fills plain ct_tally_msg records: it has read the
 *   archive, decoded the message, read the vote and resolved the sender
 *   against the roster. tally does no I/O and knows no reader or roster.
 * - Every input message gets exactly one ledger entry with a status
 *   (INTERFACE.md), a reason and the evidence; nothing is dropped.
 * - Which status, in this order of precedence: a repeated Message-ID is
 *   `duplicate` (the first in archive order stands); a chair's exclusion is
 *   `excluded`; a message with no vote reading is `no-vote`; a vote that
 *   names another ballot only is `wrong-ballot`; a sender who is no member,
 *   a member without a vote, or an unattributable sender is `not-a-member`,
 *   `not-voting`, `unclear`; outside [start, end) an unclear reading is a
 *   comment, `no-vote` (the period decides: "we would vote yes" in the
 *   discussion is no vote), and a clear one is `early` or `late`
 *   (a vote stamped exactly at the close is late); an unclear reading is
 *   `unclear`; of the clear votes left, each member's latest (by UTC date,
 *   ties by archive order) is `counted` and the others `superseded`.
 *   A later unclear message never cancels an earlier clear vote.
 * - A member counts once, in the category of its counted message (the caller
 *   resolves categories as of the ballot's date, so a member that changed
 *   category is counted where it stood then).
 * - The result owns copies of every string; the input may be freed after
 *   ct_tally_run returns. The same input gives byte-identical JSON.
 * - --all: ct_tally_run is per ballot; run it once per ballot after one pass
 *   over the archives.
 */
#ifndef CABTALLY_TALLY_H
#define CABTALLY_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/rules.h"
#include "cabtally/util.h"

typedef enum ct_vote {
	CT_VOTE_NONE = 0, /* the message casts no vote */
	CT_VOTE_YES,
	CT_VOTE_NO,
	CT_VOTE_ABSTAIN,
	CT_VOTE_UNCLEAR,  /* looks like a vote, but not a clear one */
} ct_vote;

/* "none", "yes", "no", "abstain", "unclear". */
const char *ct_vote_name(ct_vote v);
/* "yes"/"no"/"abstain"/"none" (any case) → the vote; -1 for anything else. */
int ct_vote_parse(const char *s);

/* Who the sender is, as resolved by the caller against the roster. */
typedef enum ct_sender_status {
	CT_SENDER_VOTING = 0,   /* a member with a vote in this group on this date */
	CT_SENDER_NOT_A_MEMBER, /* resolves to no member */
	CT_SENDER_NOT_VOTING,   /* a member without a vote here (associate, interested party, …) */
	CT_SENDER_UNCLEAR,      /* cannot be attributed (e.g. personal mail, two candidates) */
} ct_sender_status;

/* One vote reading of a message. A message may carry several ("Yes on 194,
 * no on 195"). All strings are borrowed and may be NULL. */
typedef struct ct_tally_reading {
	ct_vote vote;
	const char *ballot;   /* canonical id the author named, NULL when none */
	const char *code;     /* the vote reader's reason code ("clear-yes", "conditional") */
	const char *reason;   /* the vote reader's reason in words */
	const char *evidence; /* the line that carries the vote */
} ct_tally_reading;

/* One message of the ballot. Strings are borrowed; only `date` and
 * `sender_status` are required. */
typedef struct ct_tally_msg {
	const char *message_id; /* may be NULL (never a duplicate then) */
	const char *file;
	int64_t offset;
	size_t order;           /* archive order index: breaks ties of `date` */
	int64_t date;           /* UTC seconds */
	const char *sender;     /* address */
	ct_sender_status sender_status;
	const char *sender_reason; /* why not voting/unclear, in words (may be NULL) */
	const char *member_id;     /* the roster id, for VOTING and NOT_VOTING */
	const char *member_name;   /* display name as of the ballot's date */
	ct_category category;      /* the member's category in this group then */
	const ct_tally_reading *readings;
	size_t nreadings;
} ct_tally_msg;

/* A chair's ruling on one message: exclude it, or replace its vote. */
typedef enum ct_ruling_kind {
	CT_RULING_EXCLUDE = 0,
	CT_RULING_VOTE,
} ct_ruling_kind;

typedef struct ct_tally_ruling {
	char *message_id; /* owned; without angle brackets */
	ct_ruling_kind kind;
	ct_vote vote;     /* CT_RULING_VOTE: yes, no, abstain or none */
} ct_tally_ruling;

/* Parse the argument of --exclude (`exclude` 1: "MSGID") or --ruling
 * (`exclude` 0: "MSGID=yes|no|abstain|none"); angle brackets are optional.
 * Returns 0 or CT_EUSAGE. Release with ct_tally_ruling_release. */
int ct_tally_ruling_parse(ct_tally_ruling *out, const char *spec, int exclude, ct_error *err);
void ct_tally_ruling_release(ct_tally_ruling *r);

/* Everything one ballot's tally needs. */
typedef struct ct_tally_input {
	const char *ballot_id;  /* canonical id ("SC23"); readings naming another id are wrong-ballot */
	int period_known;       /* 0: no period could be read; outcome no-period */
	int64_t start, end;     /* the voting period [start, end), UTC seconds */
	const ct_rules *rules;  /* from ct_rules_select */
	ct_quorum_base quorum;  /* basis NONE: quorum not established */
	const ct_tally_msg *msgs;
	size_t nmsgs;
	const ct_tally_ruling *rulings;
	size_t nrulings;
} ct_tally_input;

typedef enum ct_ledger_status {
	CT_LEDGER_COUNTED = 0,
	CT_LEDGER_SUPERSEDED,
	CT_LEDGER_LATE,
	CT_LEDGER_EARLY,
	CT_LEDGER_UNCLEAR,
	CT_LEDGER_NO_VOTE,
	CT_LEDGER_NOT_A_MEMBER,
	CT_LEDGER_NOT_VOTING,
	CT_LEDGER_WRONG_BALLOT,
	CT_LEDGER_DUPLICATE,
	CT_LEDGER_EXCLUDED,
} ct_ledger_status;

/* The INTERFACE.md name: "counted", "superseded", "late", … */
const char *ct_ledger_status_name(ct_ledger_status s);

/* One ledger line. Strings are owned by the result; NULL where unknown. */
typedef struct ct_ledger_entry {
	char *message_id;
	char *file;
	int64_t offset;
	size_t order;
	int64_t date;
	char *sender;
	char *member_id;
	char *member;        /* display name */
	ct_category category;
	ct_vote vote;        /* the reading applied to this ballot (after any ruling) */
	ct_ledger_status status;
	char *reason;        /* never NULL */
	char *evidence;
	char *ruling;        /* "exclude", "yes", … when a chair's ruling applied */
} ct_ledger_entry;

typedef struct ct_name_list {
	char **items; /* owned, sorted by name */
	size_t count;
} ct_name_list;

/* A chair's ruling as echoed in the result. */
typedef struct ct_ruling_echo {
	char *message_id;
	char *ruling;   /* "exclude", "yes", "no", "abstain", "none" */
	size_t matched; /* messages it applied to (0: warned) */
} ct_ruling_echo;

typedef struct ct_tally_result {
	char *ballot_id;
	int period_known;
	int64_t start, end;
	ct_rules rules;
	/* names[category][0 yes, 1 no, 2 abstain] */
	ct_name_list names[2][3];
	ct_verdict verdict;   /* counts, percentages, margins, quorum, outcome, reasons */
	ct_name_list late;    /* members whose only clear votes came at or after the close */
	ct_name_list early;   /* members whose only clear votes came before the opening */
	ct_ruling_echo *rulings;
	size_t nrulings;
	ct_ledger_entry *ledger; /* sorted by date, then Message-ID, then archive order */
	size_t nledger;
	ct_warnings warnings; /* the verdict's warnings and the tally's own */
} ct_tally_result;

/* Tally one ballot. Returns 0 and sets *out (free with ct_tally_result_free),
 * or CT_EUSAGE when the input is unusable (no rules, NULL ballot id). */
int ct_tally_run(ct_tally_result **out, const ct_tally_input *in, ct_error *err);
void ct_tally_result_free(ct_tally_result *r);

/* ---- JSON (INTERFACE.md "JSON result of tally --format json") ---- */

typedef struct ct_tally_json_input {
	const char *file;
	const char *sha256; /* may be NULL */
	long messages;
} ct_tally_json_input;

/* What the result does not know itself; every field may be NULL/0. */
typedef struct ct_tally_meta {
	const char *tool;           /* "cabtally 0.1.0" */
	const ct_tally_json_input *inputs;
	size_t ninputs;
	const char *ballot_version; /* "v3" */
	const char *ballot_title;
	const char *group;          /* default: the rules' group */
	const char *period_source;  /* "announcement", "option", … */
} ct_tally_meta;

/* Append the whole JSON result, newline-terminated. */
void ct_tally_result_to_json(ct_buf *out, const ct_tally_result *r, const ct_tally_meta *meta);

#endif
