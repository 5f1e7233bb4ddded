/*
 * cli/scan: one pass over the archives for `tally`, `votes`, `status` and
 * `ballots` — the glue of the reader stages (archive → prefilter → message
 * → fresh → vote) that feeds the ballot index.
 *
 * Only messages the prefilter lets through are decoded; of those, a compact
 * record is kept (no bodies): who sent it when, and the vote readings of its
 * fresh text. Record i is message i of the ballot index.
 */
#ifndef CABTALLY_CLI_SCAN_H
#define CABTALLY_CLI_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/archive.h"
#include "cabtally/ballot.h"
#include "cabtally/util.h"

typedef struct scan_opts {
	char **archives;
	size_t narchives;
	const ct_ballot_id *ballot; /* only this ballot's messages (NULL: every ballot) */
	int quiet;                  /* no warnings on stderr */
	int progress;               /* 1 force, 0 when stderr is a terminal, -1 never */
	int keep_announcements;     /* keep the fresh text of announcement candidates */
	int hash_inputs;            /* compute inputs[].sha256 (only JSON prints it) */
	int threads;                /* decoding threads besides the scanning one; -1: one
				     * per further processor (pool_default_threads) */
} scan_opts;

typedef struct scan_reading {
	int vote;         /* a ct_vote value */
	char ballot[24];  /* canon the author named, "" when none */
	char *code;       /* reason code */
	char *reason;     /* reason in words, or NULL */
	char *evidence;   /* the line carrying it, or NULL */
	char *org;        /* organisation the author named, or NULL */
} scan_reading;

typedef struct scan_msg {
	char *file;
	uint64_t offset;
	size_t order;        /* position in the whole scan, archive order */
	char *message_id;
	int64_t date;
	char *sender;        /* address after un-munging, "" when unknown */
	char *sender_name;
	int via_list;
	char *subject;
	char *announcement;  /* fresh text, only for announcement candidates when asked */
	scan_reading *readings;
	size_t nreadings;
} scan_msg;

typedef struct scan_input {
	char *file;
	char sha256[65];     /* hex, "" when not asked for or the file could not be hashed */
	long messages;       /* all messages of the file */
	long decoded;        /* messages decoded (prefilter candidates) */
} scan_input;

typedef struct scan {
	ct_ballot_index *index;
	scan_msg *msgs;      /* msgs[i] is index message i */
	size_t nmsgs, alloc;
	scan_input *inputs;
	size_t ninputs;
	int failed_inputs;   /* inputs that could not be read */
} scan;

/* Read every archive. Problems with single messages are warnings on stderr
 * (unless quiet) and the run goes on; an unreadable archive is reported and
 * counted in failed_inputs. Returns 0, or a negative code when nothing could
 * be read at all. Release with scan_release. */
int scan_run(scan *s, const scan_opts *o, ct_error *err);
void scan_release(scan *s);

#endif
