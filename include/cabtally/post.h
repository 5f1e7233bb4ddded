/*
 * post: read a draft ballot-result post (Markdown, plain text with bullets,
 * the 2023+ "Voting Results / Bylaws Requirements" layout, simple HTML) into
 * claims, and check each claim against the numbers the post itself gives and
 * the voting rules in force (module rules).
 *
 * Design:
 * - Reading is line based. Every line is first cleaned (HTML tags and
 *   entities, Markdown emphasis, bullets, list numbers, typographic dashes
 *   and quotes); patterns then run on the clean text, but every claim keeps
 *   the 1-based line number of the original file, front matter included.
 * - Only the results part of a post is read: reading stops at the ballot text
 *   ("Motion begins", "The following motion…", "Purpose of Ballot", "Ballot
 *   Contents"), once a vote claim has been seen. The ballot text repeats
 *   boilerplate ("quorum is currently six") that is not a result.
 * - A claim records what the post says, never what it should say: counts
 *   are -1 when the post states none, names lists are empty when it lists
 *   none (has_names tells "None" from "no list").
 * - Posts that report two ballots (two tables, "CSC-21 / CSC-22") are split
 *   into blocks; lists, totals and percentages carry their block number and
 *   are checked within it.
 * - The checker judges as the Forum does, not more strictly: a percentage
 *   passes when any sensible rounding of the counts gives it; a total passes
 *   when it matches the stated counts or the names listed, with or without
 *   abstentions when the post does not say; a citation passes when it is the
 *   right section of any Bylaws version in force between the start of
 *   voting and the post's date.
 * - Claims that need outside data are checked by the functions that take
 *   it: ct_post_check_roster (a roster: category, not-a-member) and
 *   ct_post_check_tally (a finished tally of the archive: vote-differs).
 *   Both only read plain structs; the cli loads the roster and runs the
 *   tally. Names are one member when the roster resolves them to it.
 *
 * Nothing here prints or keeps global state; compiled patterns live in the
 * parse call that uses them.
 */
#ifndef CABTALLY_POST_H
#define CABTALLY_POST_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/roster.h"
#include "cabtally/rules.h"
#include "cabtally/tally.h"
#include "cabtally/util.h"

/* What a list or count is about. */
typedef enum ct_post_vote {
	CT_POST_YES = 0,
	CT_POST_NO = 1,
	CT_POST_ABSTAIN = 2,
} ct_post_vote;

/* "yes", "no", "abstain". */
const char *ct_post_vote_name(ct_post_vote v);

/* One "N Yes votes: A, B, C" claim (or any part of it the post gives).
 * `category` is CT_CATEGORY_NONE when the post does not say (2013-2014
 * prose lists CAs and browsers together). */
typedef struct ct_post_list {
	int block;
	ct_category category;
	ct_post_vote vote;
	long count;        /* the stated count, -1 when none */
	int count_line;    /* 0 when no count */
	long count2;       /* a second stated count for the same list (a summary
	                    * line and a detailed line), -1 when none */
	int count2_line;
	char **names;      /* as written, trimmed; owned */
	int *name_lines;
	size_t nnames;
	int has_names;     /* the post lists names here (possibly "None") */
	int names_line;    /* where the names start, 0 when none */
	int late;          /* a list of votes not counted (late, wrong list) */
	char *text;        /* the claim line, cleaned; owned */
} ct_post_list;

/* "N votes total [including|plus|with no|with K] abstentions". */
typedef enum ct_post_total_mode {
	CT_POST_TOTAL_UNSAID = 0, /* the post does not say whether abstentions count */
	CT_POST_TOTAL_INCLUDING,  /* yes+no+abstain */
	CT_POST_TOTAL_PLUS,       /* yes+no ("plus abstentions") */
} ct_post_total_mode;

typedef struct ct_post_total {
	int block;
	ct_category category; /* NONE: all votes of the ballot */
	long total;
	ct_post_total_mode mode;
	long abstentions;     /* "with no abstentions" = 0, "with 7 abstentions" = 7, else -1 */
	int line;
	char *text;
} ct_post_total;

/* "94% of voting CAs voted in favor". */
typedef struct ct_post_percent {
	int block;
	ct_category category;
	double value;
	int decimals;         /* digits after the point as written */
	int against;          /* "voted against": the share of no */
	int line;
	char *text;
} ct_post_percent;

/* Which rule a "This requirement was MET" sentence speaks of. */
typedef enum ct_post_rule {
	CT_POST_RULE_THRESHOLD = 0, /* two-thirds / 50%-plus-one */
	CT_POST_RULE_ONE_YES,       /* at least one yes in each category */
	CT_POST_RULE_QUORUM,
} ct_post_rule;

typedef struct ct_post_requirement {
	ct_post_rule rule;
	ct_category category; /* NONE: the requirement as a whole */
	int met;
	int line;
	char *text;
} ct_post_requirement;

/* The quorum sentence(s). Unknown numbers are -1, `met` -1 when unsaid. */
typedef struct ct_post_quorum {
	long active; int active_line;  /* "Currently active members: 20" */
	long half; int half_line;      /* "Half of currently active Members … was 10" */
	long quorum; int quorum_line;  /* "so quorum was 11" */
	long cast; int cast_line;      /* "Votes cast (including abstentions): 21" */
	int met; int met_line;
	char *text;                    /* the sentence that gives the quorum */
} ct_post_quorum;

/* "Bylaw 2.2(f)". `role` is the rule the surrounding text describes, or -1. */
typedef struct ct_post_citation {
	char section[24];     /* "2.2(f)", "2.3(6)" */
	int role;             /* ct_post_rule, or -1 when the text does not say */
	int abstain_role;     /* the sentence is about abstentions only */
	int line;
	char *text;
} ct_post_citation;

typedef struct ct_post_placeholder {
	int line;
	char *text;           /* the placeholder as written ("x votes") */
} ct_post_placeholder;

typedef enum ct_post_outcome {
	CT_POST_OUTCOME_NONE = -1,
	CT_POST_OUTCOME_PASSED = 0,
	CT_POST_OUTCOME_FAILED = 1,
} ct_post_outcome;

/* Everything read from one post. Arrays are owned; counts may be 0. */
typedef struct ct_post {
	char *file;
	char ballot[24];      /* display form ("SC23", "187"), "" when none found */
	char group[8];        /* "forum", "scwg", … ("forum" when no id) */
	int ballot_line;      /* 0: from the front matter title */
	int64_t date;         /* the post's date (front matter, else text), or CT_RULES_NO_DATE */
	int64_t voting_start; /* "Start time: …" / "Voting starts at …", else CT_RULES_NO_DATE */
	int election;         /* officer election/confirmation: majority of those voting */
	int nblocks;

	ct_post_list *lists; size_t nlists;
	ct_post_total *totals; size_t ntotals;
	ct_post_percent *percents; size_t npercents;
	ct_post_requirement *reqs; size_t nreqs;
	ct_post_citation *cites; size_t ncites;
	ct_post_placeholder *placeholders; size_t nplaceholders;
	ct_post_list *late; size_t nlate; /* late / uncounted votes (names may be empty) */
	ct_post_quorum quorum;

	ct_post_outcome outcome; /* the verdict the post states */
	int outcome_line;
	int no_quorum_said;      /* "quorum was not met" */
	char *outcome_text;

	/* Why the post gives no vote count, when it gives none (e.g. a
	 * code-signing table whose cells ran together); NULL otherwise. */
	char *no_counts_reason;
	int results_end;         /* last line read as results */
	int nlines;
} ct_post;

/* A longer text is no result post (the Forum's longest are a few KiB). */
#define CT_POST_MAX_BYTES (4 << 20)

/*
 * Read `len` bytes of `text` (the post named `file`, for messages) into a
 * new ct_post. Returns 0 and sets *out (free with ct_post_free), or
 * CT_EINVALID when the text is not a post at all (binary data, no ballot id
 * and no vote claim, longer than CT_POST_MAX_BYTES), with `err` filled.
 */
int ct_post_parse(ct_post **out, const char *file, const char *text, size_t len,
	ct_error *err);
void ct_post_free(ct_post *p);

/* Number of vote counts or names lists read (the "did we read it" test). */
size_t ct_post_vote_claims(const ct_post *p);

/* One wrong claim: `kind` is a static string of INTERFACE.md's table. */
typedef struct ct_post_finding {
	int line;
	const char *kind;
	char *claim;  /* what the post says */
	char *holds;  /* what holds instead, and the reading taken */
} ct_post_finding;

typedef struct ct_post_findings {
	ct_post_finding *items;
	size_t count, alloc;
} ct_post_findings;

#define CT_POST_FINDINGS_INIT { NULL, 0, 0 }

void ct_post_findings_add(ct_post_findings *f, int line, const char *kind,
	const char *claim, const char *holds);
/* Sort by line, then kind (stable output). */
void ct_post_findings_sort(ct_post_findings *f);
void ct_post_findings_release(ct_post_findings *f);

typedef struct ct_post_check_options {
	const char *rules;   /* a --rules profile name, or NULL: by group and date */
} ct_post_check_options;

/*
 * Check every claim of `p` and append one finding per wrong claim to `out`.
 * Returns 0, or CT_EUSAGE when opt->rules names no profile (err filled).
 */
int ct_post_check(ct_post_findings *out, const ct_post *p,
	const ct_post_check_options *opt, ct_error *err);

/*
 * --roster: every name the post lists must be a voting member of the post's
 * group, in the category it is listed under. A name is looked up with
 * ct_roster_find_name (any current or former name or alias, without case or
 * punctuation). "Then" is any day from the start of voting (the post's
 * "Start time", else its date - 7 days) to the post's date: a membership
 * that covers any of them is enough. Findings: `not-a-member` (no member of
 * that name, or no voting membership of the group then) and `category` (a
 * voting member then, but only of the other category). Names under a list
 * without a category (2013-2014 prose) are checked for membership only;
 * names of late votes only for existence (a late vote claims no standing).
 * Returns 0, or CT_EUSAGE on NULL arguments (err filled).
 */
int ct_post_check_roster(ct_post_findings *out, const ct_post *p, const ct_roster *r,
	ct_error *err);

/*
 * --archive: compare the names of `p` with the tally `t` of the archive
 * (finding kind `vote-differs`). Names are the same member when
 * ct_roster_find_name gives the same member (`r` is the roster the tally
 * resolved senders with; may be NULL: names then compare by
 * ct_post_name_key). Reported, each once, at the line of the claim:
 * - a name listed under a vote or category the tally does not count it in;
 * - a name listed as counted whose vote the tally holds late, or not at all
 *   (the holds text gives the ledger's reason for its last message);
 * - a counted voter the post does not list, at the line of the list it
 *   belongs in (a list that gives only a count is compared by its count);
 * - a name the post says was not counted that the tally counts.
 * When the post reports several ballots (blocks), the block that agrees
 * most with the tally is compared. Late voters the post does not mention
 * are not reported (posts need not name them).
 * Returns 0, or CT_EUSAGE on NULL arguments (err filled).
 */
int ct_post_check_tally(ct_post_findings *out, const ct_post *p, const ct_tally_result *t,
	const ct_roster *r, ct_error *err);

/* Canonical form of a member name for comparisons: lower case, letters and
 * digits only ("Let’s Encrypt" = "lets encrypt" = "LetsEncrypt"). Into `out`
 * of `n` bytes. */
void ct_post_name_key(const char *name, char *out, size_t n);

#endif
