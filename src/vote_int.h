/*
 * vote_int: between the two halves of the vote module. vote.c finds the
 * vote phrases of a text (one candidate each, with its value, reason,
 * organisation and ballot); vote_resolve.c turns the candidates into the
 * readings ct_vote_read returns: one per ballot named, conflicts and
 * changed votes settled, with the evidence line. Internal.
 */
#ifndef CABTALLY_VOTE_INT_H
#define CABTALLY_VOTE_INT_H

#include <stddef.h>

#include "cabtally/vote.h"

/* One candidate: a vote phrase vote.c found. */
typedef struct vmatch {
	ct_vote_class value;   /* YES/NO/ABSTAIN, or NONE (no objection, lookalike) */
	ct_vote_reason reason; /* NONE: clear */
	int bare;              /* a lone value line */
	int change;            /* "change our vote to" */
	char *org;
	char ballot[24];
	int version;
	size_t s, e;           /* evidence span in the text it came from */
	int in_subject;
	char detail[48];       /* the condition word, for the reason text */
} vmatch;

/* The candidates of a message, in the order found. */
typedef struct mlist {
	vmatch *v;
	size_t n, cap;
} mlist;

/* The text the candidates' spans point into. */
typedef struct source {
	const char *body;
	size_t body_len;
	const char *subject;
	size_t subject_len;
} source;

/* The readings of the candidates in `ml`, appended to `res`; `thread` is
 * the canonical id of the thread's ballot, or NULL. */
void vote_resolve(ct_vote_result *res, const source *src, const mlist *ml, const char *thread);

#endif
