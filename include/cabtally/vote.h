/*
 * vote: read a vote from a message's fresh text (see fresh.h) and subject,
 * the way a careful chair does: yes / no / abstain when the author clearly
 * cast one, "unclear" with a reason when the words look like a vote but are
 * not a clear one, and no vote otherwise.
 *
 * What counts as a clear vote (docs/votes.md has the full list):
 * - a vote sentence whose subject is an organization or "I"/"we":
 *   "DigiCert votes yes on Ballot 187", "SSC votes: \"Yes\".",
 *   "GlobalSign Abstains.", "we vote in favour", "I vote yes on behalf of
 *   Let's Encrypt", "Ballot 197 D-TRUST votes: Yes", "Our vote: yes",
 *   "we change our vote to no" (a vote change is an ordinary later vote);
 * - a value-led answer: "Yes from Microsoft", "Microsoft: Yes",
 *   "Yes on 194, no on 195" (two ballots, two readings);
 * - a lone "Yes", "YES.", "\"Yes\"", "No.", "Abstain", "+1" when it is the
 *   whole answer (only greetings and a name around it);
 * - the subject ending in the value ("Re: Ballot 187 – Yes"), used only
 *   when the body holds no vote at all (a reply keeps the subject of the
 *   message it answers, which may carry someone else's vote).
 * Unclear (never to be counted): two values for one ballot, a condition
 * ("yes, if …", "provided that"), a question ("Yes?"), "no objection" (to
 * the ballot), a lone "Yes" or "+1" with other prose around it.
 * No vote: vote words that are not a vote ("No comment", "Yes, I agree the
 * wording is odd", "please vote yes", "members may abstain", "we voted
 * yes last time", "7 Issuers voting YES: …"), and votes only talked about
 * ("we would vote yes", "we will vote yes": class NONE with reason
 * HYPOTHETICAL / FUTURE and the evidence). Whether a vote falls inside the
 * voting period is the tally's business, not this module's.
 *
 * Ballots are canonical strings as ct_ballot_id's `canon` ("187", "SC23",
 * "FORUM19", "SMC8", "CSC25"); what the author wrote is canonicalized with
 * ct_ballot_id_parse. A vote naming a ballot other than the thread's comes
 * back as a reading of its own, classed as the vote it is, with reason
 * CT_VOTE_R_WRONG_BALLOT.
 *
 * A ct_vote_reader holds compiled PCRE2 patterns (JIT when available) and
 * one match-data scratch area: build it once, reuse it, one per thread.
 */
#ifndef CABTALLY_VOTE_H
#define CABTALLY_VOTE_H

#include <stddef.h>

#include "cabtally/util.h"

typedef struct ct_vote_reader ct_vote_reader;

typedef enum ct_vote_class {
	CT_VOTE_NONE = 0, /* no vote */
	CT_VOTE_YES,
	CT_VOTE_NO,
	CT_VOTE_ABSTAIN,
	CT_VOTE_UNCLEAR,  /* looks like a vote, is not a clear one: see reason */
} ct_vote_class;

typedef enum ct_vote_reason {
	CT_VOTE_R_NONE = 0,     /* a clear vote, or plainly no vote */
	CT_VOTE_R_CONFLICT,     /* unclear: different values for one ballot */
	CT_VOTE_R_CONDITIONAL,  /* unclear: "yes, if …", "yes provided that …" */
	CT_VOTE_R_QUESTION,     /* unclear: "Yes?" */
	CT_VOTE_R_NO_OBJECTION, /* unclear: "no objection" is not a clear yes */
	CT_VOTE_R_HYPOTHETICAL, /* no vote: "we would vote yes", "would have voted yes" */
	CT_VOTE_R_FUTURE,       /* no vote: "we will vote yes" */
	CT_VOTE_R_BARE_ANSWER,  /* unclear: a lone "Yes" or "+1" with other prose around it */
	CT_VOTE_R_WRONG_BALLOT, /* a clear vote, for `ballot`, not the thread's ballot */
	CT_VOTE_R_LOOKALIKE,    /* no vote: vote words that are not a vote */
} ct_vote_reason;

/* One reading: what the message says about one ballot. */
typedef struct ct_vote_reading {
	ct_vote_class cls;
	/* What the words say, also for unclear readings (a conditional yes has
	 * value YES) and for HYPOTHETICAL / FUTURE; NONE for a conflict, "no
	 * objection" and other no-vote readings. */
	ct_vote_class value;
	ct_vote_reason reason;
	char *reason_text;  /* for the ledger, e.g. "conditional: 'provided that'"; NULL when reason is NONE */
	char *evidence;     /* the line(s) carrying it, trimmed; NULL when no vote words at all */
	char *org;          /* the organization the author names, as written; NULL when none */
	char ballot[24];    /* canon of the ballot the author names; "" when none */
	int ballot_version; /* the version the author names; 0 when none */
	int from_subject;   /* 1 when the evidence is the subject */
} ct_vote_reading;

/* All readings of one message. count >= 1 after ct_vote_read: the first is
 * about the thread's ballot when the message says anything about it (or
 * the single no-vote reading); readings for other ballots follow in the
 * order the text names them. */
typedef struct ct_vote_result {
	ct_vote_reading *items;
	size_t count;
} ct_vote_result;

#define CT_VOTE_RESULT_INIT { NULL, 0 }

/* Compile the patterns. Returns 0 and sets *out (free with
 * ct_vote_reader_free), or CT_ERROR with `err` set. */
int ct_vote_reader_new(ct_vote_reader **out, ct_error *err);
void ct_vote_reader_free(ct_vote_reader *r);

/*
 * Read `fresh` (`len` bytes of the author's own text, UTF-8) and `subject`
 * (the decoded subject, NUL-terminated, may be NULL). `thread_ballot` is
 * the canonical id of the ballot the thread is about ("187", "SC23"; other
 * spellings are canonicalized too), or NULL when unknown: then no reading
 * is WRONG_BALLOT. `out` must be empty (CT_VOTE_RESULT_INIT or released);
 * it is filled and must be released with ct_vote_result_release.
 * Returns 0, or CT_EUSAGE for NULL reader/out.
 */
int ct_vote_read(ct_vote_reader *r, ct_vote_result *out, const char *subject,
		 const char *fresh, size_t len, const char *thread_ballot);

/* Free what the readings own; `res` is empty afterwards. */
void ct_vote_result_release(ct_vote_result *res);

/* 1 when the reading is a vote to count for the thread's ballot: class yes,
 * no or abstain and reason NONE. */
int ct_vote_reading_counts(const ct_vote_reading *rd);

/* "none", "yes", "no", "abstain", "unclear" (static strings). */
const char *ct_vote_class_name(ct_vote_class c);
/* "", "conflict", "conditional", "question", "no-objection",
 * "hypothetical", "future", "bare-answer", "wrong-ballot", "lookalike". */
const char *ct_vote_reason_name(ct_vote_reason r);

#endif
