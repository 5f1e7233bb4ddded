/*
 * prefilter: decide from the raw header bytes alone whether a message can
 * belong to a ballot's thread, so that only those messages are decoded.
 * This is the hot path of every scan: no allocation per message, no
 * decoding, one pass over the header block.
 *
 * A message is a candidate when
 *   - its Subject (raw, possibly RFC 2047-encoded) mentions a ballot-like
 *     token ("ballot", "SC23", "SC-023", "SMC08", "CSC-19", "NS-003",
 *     "FORUM-17", "vote", "voting"), or is encoded (=?…?=) and so cannot be
 *     judged undecoded; or
 *   - its In-Reply-To or References name a Message-ID the caller has marked
 *     as part of a ballot thread (ct_prefilter_add_thread_id).
 * False positives only cost a decode; false negatives would lose votes, so
 * every test here errs on the side of "candidate".
 */
#ifndef CABTALLY_PREFILTER_H
#define CABTALLY_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

/* Pointers into the raw message (not NUL-terminated); len 0 when absent.
 * Folded header values span their continuation lines. */
typedef struct ct_raw_headers {
	const char *subject;
	size_t subject_len;
	const char *message_id;
	size_t message_id_len;
	const char *in_reply_to;
	size_t in_reply_to_len;
	const char *references;
	size_t references_len;
	size_t header_len; /* bytes up to and including the blank line */
} ct_raw_headers;

typedef struct ct_prefilter ct_prefilter;

/* Locate the four headers in `data` (a raw message, From_ line excluded). */
void ct_raw_headers_scan(ct_raw_headers *out, const char *data, size_t len);

/* A new prefilter with an empty thread set. Caller frees with ct_prefilter_free(). */
ct_prefilter *ct_prefilter_new(void);
void ct_prefilter_free(ct_prefilter *pf);

/* Remember a Message-ID ("<…>", or the bare id) as part of a ballot thread. */
void ct_prefilter_add_thread_id(ct_prefilter *pf, const char *id, size_t len);

/* Does the subject alone look like it concerns a ballot? */
int ct_prefilter_subject_matches(const char *subject, size_t len);

/* 1 when the message is a candidate (see above), 0 when it cannot concern a ballot. */
int ct_prefilter_match(const ct_prefilter *pf, const ct_raw_headers *h);

#endif
