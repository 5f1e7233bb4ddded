/*
 * cli/rawtest: may a raw message (headers and body as stored, before any
 * decoding) name a ballot in its text? The scan asks it about messages it
 * would otherwise skip undecoded (another ballot's thread, a subject that
 * only says "vote"), so it errs towards "yes": text parts are searched as
 * they are (quoted-printable soft breaks read through), base64 text parts
 * after decoding them, attachments not at all, UTF-16/32 parts always pass.
 */
#ifndef CABTALLY_CLI_RAWTEST_H
#define CABTALLY_CLI_RAWTEST_H

#include <stddef.h>

#include "cabtally/archive.h"
#include "cabtally/ballot.h"
#include "cabtally/prefilter.h"
#include "cabtally/util.h"

/* 1 when the (decoded) subject or the text of `raw` may name ballot `id`,
 * or any ballot when `id` is NULL. `scratch` is a reusable buffer. */
int raw_may_name_ballot(ct_buf *scratch, const ct_raw_message *raw, const ct_raw_headers *h,
			const char *subject, size_t subject_len, const ct_ballot_id *id);

#endif
