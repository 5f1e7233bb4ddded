/* cli/scan: one pass over the archives, decoding only what can concern a ballot. */
#include "scan.h"

#include <gmime/gmime.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "pool.h"
#include "rawtest.h"
#include "sha256.h"
#include "cabtally/fresh.h"
#include "cabtally/message.h"
#include "cabtally/prefilter.h"
#include "cabtally/vote.h"

typedef struct scanner {
	scan *s;
	const scan_opts *o;
	ct_prefilter *pf;
	pool *decoders;                 /* decodes and reads the candidates, in order */
	GMimeParserOptions *gmime_opts; /* as the message module sets them, for subjects */
	ct_buf subject;                 /* the subject being judged */
	ct_buf scratch;                 /* a base64 part decoded for judging */
	size_t order;
	int show_progress;
	double last_progress;
} scanner;

/* What a decoding thread owns: its readers and a buffer. */
typedef struct decoder {
	const scan_opts *o;
	ct_fresh *fresh;
	ct_vote_reader *votes;
	ct_buf fresh_text;
} decoder;

/* One candidate: a copy of the raw message, and what decoding made of it. */
typedef struct job {
	ct_raw_message *raw;     /* a copy (ct_raw_message_copy) */
	size_t order;
	int refs_hit;
	ct_message *m;           /* NULL when it could not be decoded (parse_error) */
	char *parse_error;
	int drop;                /* another ballot's thread, naming ours nowhere */
	ct_vote_result votes;
	char *announcement;      /* fresh text, for announcement candidates when asked */
} job;

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(scanner *sc, const char *file, const ct_archive *a, long messages, int done)
{
	if (!sc->show_progress)
		return;
	double t = now_seconds();
	if (!done && t - sc->last_progress < 0.2)
		return;
	sc->last_progress = t;
	if (done) {
		fputs("\r\033[K", stderr);
		return;
	}
	fprintf(stderr, "\r\033[Kcabtally: %s: %ld messages, %.1f MiB", file, messages,
		(double)ct_archive_bytes_read(a) / (1024.0 * 1024.0));
}

static void warn_message(const scanner *sc, const ct_message *m)
{
	if (sc->o->quiet)
		return;
	for (size_t i = 0; i < m->warnings.count; i++)
		cli_warning("%s: offset %llu %s: %s", m->file, (unsigned long long)m->offset,
			    m->message_id ? m->message_id : "(no Message-ID)",
			    m->warnings.items[i].message);
}

/* Does the text name `target` among the ballot ids it mentions? Sets *any
 * when it mentions one at all. */
static int names_ballot(const char *text, size_t len, const ct_ballot_id *target, int *any)
{
	size_t pos = 0;
	*any = 0;
	while (pos < len) {
		ct_ballot_id id;
		size_t start, end;
		if (!ct_ballot_id_find(&id, text + pos, len - pos, &start, &end))
			break;
		*any = 1;
		if (ct_ballot_id_same(&id, target))
			return 1;
		pos += end > 0 ? end : 1;
	}
	return 0;
}

/* The subject as the message decoder will read it: RFC 2047 words decoded
 * (GMime, the message module's options), folding undone, blanks squeezed.
 * Ballot ids are ASCII, so raw 8-bit bytes are judged as they are. */
static const char *subject_text(scanner *sc, const ct_raw_headers *h, size_t *len)
{
	ct_buf *b = &sc->subject;
	ct_buf_reset(b);
	int encoded = ct_memcasemem(h->subject, h->subject_len, "=?") != NULL;
	const char *s = h->subject;
	size_t n = h->subject_len;
	char *dec = NULL;
	if (encoded) {
		ct_buf_add(b, h->subject, h->subject_len);
		dec = g_mime_utils_header_decode_text(sc->gmime_opts, ct_buf_cstr(b));
		ct_buf_reset(b);
		s = dec ? dec : h->subject;
		n = dec ? strlen(dec) : h->subject_len;
	}
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
			space = b->len > 0;
			continue;
		}
		if (space)
			ct_buf_addch(b, ' ');
		space = 0;
		ct_buf_addch(b, c);
	}
	g_free(dec);
	*len = b->len;
	return ct_buf_cstr(b);
}

/* Decode this message? *refs_hit: it replies into a ballot thread. *joins:
 * its Message-ID joins the threads the prefilter follows — it replies into
 * one, or its subject names a ballot (with --ballot, the asked one). Both are
 * decided here from the raw headers, so that what is decoded does not depend
 * on how far the decoding threads have got. */
static int worth_decoding(scanner *sc, const ct_raw_message *raw, const ct_raw_headers *h,
			  int *refs_hit, int *joins)
{
	const ct_ballot_id *target = sc->o->ballot;
	ct_raw_headers refs = *h;
	refs.subject_len = 0;
	*joins = *refs_hit = ct_prefilter_match(sc->pf, &refs);
	if (*refs_hit)
		return 1;
	if (!h->subject_len || !ct_prefilter_subject_matches(h->subject, h->subject_len))
		return 0;
	size_t len;
	const char *subject = subject_text(sc, h, &len);
	if (!ct_prefilter_subject_matches(subject, len))
		return 0; /* an encoded subject that says nothing of ballots */
	int any = 0;
	if (!target) {
		ct_ballot_id id;
		if (ct_ballot_id_find(&id, subject, len, NULL, NULL))
			return *joins = 1;
		/* "vote" or "ballot" in the subject, but no ballot named: only for
		 * a vote that names one in its text */
		return raw_may_name_ballot(&sc->scratch, raw, h, subject, len, NULL);
	}
	if (names_ballot(subject, len, target, &any))
		return *joins = 1;
	/* another ballot's thread, or none: only for a vote that names ours */
	return raw_may_name_ballot(&sc->scratch, raw, h, subject, len, target);
}

static scan_msg *slot(scan *s, long pos)
{
	while ((size_t)pos >= s->alloc) {
		size_t n = s->alloc ? s->alloc * 2 : 64;
		s->msgs = ct_realloc(s->msgs, n * sizeof(*s->msgs));
		memset(s->msgs + s->alloc, 0, (n - s->alloc) * sizeof(*s->msgs));
		s->alloc = n;
	}
	if ((size_t)pos >= s->nmsgs)
		s->nmsgs = (size_t)pos + 1;
	return &s->msgs[pos];
}

static char *dup_or_null(const char *s)
{
	return s ? ct_strdup(s) : NULL;
}

static void keep_readings(scan_msg *sm, const ct_vote_result *res)
{
	sm->readings = ct_calloc(res->count + 1, sizeof(*sm->readings));
	sm->nreadings = res->count;
	for (size_t i = 0; i < res->count; i++) {
		const ct_vote_reading *rd = &res->items[i];
		scan_reading *r = &sm->readings[i];
		r->vote = (int)rd->cls;
		snprintf(r->ballot, sizeof(r->ballot), "%s", rd->ballot);
		r->code = ct_strdup(rd->reason == CT_VOTE_R_NONE ?
			(rd->cls == CT_VOTE_NONE ? "no-vote" : "clear") : ct_vote_reason_name(rd->reason));
		r->reason = dup_or_null(rd->reason_text);
		r->evidence = dup_or_null(rd->evidence);
		r->org = dup_or_null(rd->org);
	}
}

static void *decoder_new(void *ctx, ct_error *err)
{
	const scanner *sc = ctx;
	decoder *d = ct_calloc(1, sizeof(*d));
	d->o = sc->o;
	if (ct_fresh_new(&d->fresh, err) != 0 || ct_vote_reader_new(&d->votes, err) != 0) {
		ct_fresh_free(d->fresh);
		free(d);
		return NULL;
	}
	return d;
}

static void decoder_free(void *state)
{
	decoder *d = state;
	ct_fresh_free(d->fresh);
	ct_vote_reader_free(d->votes);
	ct_buf_release(&d->fresh_text);
	free(d);
}

/* A candidate to decode: the raw message copied, since the archive reuses
 * its buffer. */
static job *job_new(const ct_raw_message *raw, size_t order, int refs_hit)
{
	job *j = ct_calloc(1, sizeof(*j));
	j->raw = ct_raw_message_copy(raw);
	j->order = order;
	j->refs_hit = refs_hit;
	return j;
}

static void job_free(job *j)
{
	ct_raw_message_free_copy(j->raw);
	ct_message_free(j->m);
	free(j->parse_error);
	ct_vote_result_release(&j->votes);
	free(j->announcement);
	free(j);
}

/* In a decoding thread: decode one candidate and read its votes. */
static void decode(void *state, void *arg)
{
	decoder *d = state;
	job *j = arg;
	const scan_opts *o = d->o;
	ct_error err = CT_ERROR_INIT;
	if (ct_message_parse(&j->m, j->raw, &err) != 0) {
		j->parse_error = ct_strdup(err.msg);
		return;
	}
	const ct_message *m = j->m;
	size_t slen = strlen(m->subject);
	int any = 0;
	int names_target = o->ballot && names_ballot(m->subject, slen, o->ballot, &any);
	ct_ballot_id subject_id;
	int subject_names = ct_ballot_id_find(&subject_id, m->subject, slen, NULL, NULL);
	const char *thread = names_target ? o->ballot->canon :
			     subject_names ? subject_id.canon :
			     (o->ballot && j->refs_hit) ? o->ballot->canon : NULL;
	ct_buf_reset(&d->fresh_text);
	ct_fresh_extract(d->fresh, &d->fresh_text, m->body, strlen(m->body), NULL);
	ct_vote_read(d->votes, &j->votes, m->subject, ct_buf_cstr(&d->fresh_text),
		     d->fresh_text.len, thread);
	/* With one ballot asked for, another ballot's thread is only read for a
	 * vote that names ours. */
	if (o->ballot && any && !names_target && !j->refs_hit) {
		j->drop = 1;
		for (size_t i = 0; i < j->votes.count; i++)
			j->drop &= strcmp(j->votes.items[i].ballot, o->ballot->canon) != 0;
	}
	if (!j->drop && o->keep_announcements && ct_ballot_subject_wants_body(m->subject))
		j->announcement = ct_strdup(ct_buf_cstr(&d->fresh_text));
}

/* Back in the scanning thread, in archive order: report and index it. */
static void collect(void *ctx, void *arg)
{
	scanner *sc = ctx;
	job *j = arg;
	const ct_message *m = j->m;
	if (!m) {
		if (!sc->o->quiet)
			cli_warning("%s: offset %llu: %s", j->raw->file,
				    (unsigned long long)j->raw->offset, j->parse_error);
		job_free(j);
		return;
	}
	warn_message(sc, m);
	if (j->drop) {
		job_free(j);
		return;
	}
	ct_ballot_msg bm = {
		.message_id = m->message_id,
		.in_reply_to = m->in_reply_to,
		.references = (const char *const *)m->references,
		.n_references = m->nreferences,
		.date = m->date == CT_TIME_NONE ? CT_NO_DATE : m->date,
		.subject = m->subject,
		.body = m->body,
		.body_len = strlen(m->body),
	};
	char handle[64];
	snprintf(handle, sizeof(handle), "%zu", j->order);
	bm.handle = handle;
	ct_error err = CT_ERROR_INIT;
	long pos = ct_ballot_index_add(sc->s->index, &bm, &err);
	if (pos >= 0) {
		scan_msg *sm = slot(sc->s, pos);
		sm->file = ct_strdup(j->raw->file);
		sm->offset = j->raw->offset;
		sm->order = j->order;
		sm->message_id = dup_or_null(m->message_id);
		sm->date = m->date;
		sm->sender = ct_strdup(m->from.address);
		sm->sender_name = ct_strdup(m->from.name);
		sm->via_list = m->via_list;
		sm->subject = ct_strdup(m->subject);
		sm->announcement = j->announcement;
		j->announcement = NULL;
		keep_readings(sm, &j->votes);
	}
	job_free(j);
}

/* The candidate's own Message-ID joins the followed threads at once, read
 * from its raw header: replies to it may be next in the archive. */
static void follow(scanner *sc, const ct_raw_headers *h)
{
	if (!h->message_id_len)
		return;
	char *id = ct_message_id_parse(h->message_id, h->message_id_len);
	if (id)
		ct_prefilter_add_thread_id(sc->pf, id, strlen(id));
	free(id);
}

/* Damage to the file itself is news even in a message that is not decoded
 * (a truncated gzip ends in whatever message it cut). */
static void warn_damage(const scanner *sc, const ct_raw_message *raw, const ct_raw_headers *h)
{
	static const char *const codes[] = { "truncated-gzip", "corrupt-gzip",
		"gzip-trailing-garbage", "gzip-bomb", "message-too-large" };
	if (sc->o->quiet || !raw->warnings)
		return;
	for (size_t i = 0; i < raw->warnings->count; i++)
		for (size_t k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
			if (!strcmp(raw->warnings->items[i].code, codes[k])) {
				/* the archive's messages start with the file's name */
				const char *msg = raw->warnings->items[i].message;
				size_t fl = strlen(raw->file);
				if (!strncmp(msg, raw->file, fl) && !strncmp(msg + fl, ": ", 2))
					msg += fl + 2;
				cli_warning("%s: offset %llu %.*s: %s", raw->file,
					    (unsigned long long)raw->offset,
					    h->message_id_len ? (int)h->message_id_len : 16,
					    h->message_id_len ? h->message_id : "(no Message-ID)", msg);
			}
}

static void feed(void *ctx, const void *data, size_t len)
{
	sha256_feed_add(ctx, data, len);
}

/* Split one archive and hand its candidates to the decoders; the input
 * hash, when asked for, is fed the bytes as they are read and runs on a
 * thread of its own. */
static void scan_file(scanner *sc, scan_input *in)
{
	const scan_opts *o = sc->o;
	ct_archive *a = NULL;
	ct_error err = CT_ERROR_INIT;
	ct_archive_options ao = { 0 };
	sha256_feed *hash = NULL;
	if (o->hash_inputs) {
		hash = sha256_feed_start();
		ao.on_input = feed;
		ao.on_input_ctx = hash;
	}
	if (ct_archive_open(&a, in->file, &ao, &err) != 0) {
		cli_error("%s", err.msg);
		sc->s->failed_inputs++;
		if (hash)
			sha256_feed_finish(hash, in->file, in->sha256);
		return;
	}
	ct_raw_message raw;
	int rc;
	while ((rc = ct_archive_next(a, &raw, &err)) == 1) {
		in->messages++;
		sc->order++;
		progress(sc, in->file, a, in->messages, 0);
		ct_raw_headers h;
		ct_raw_headers_scan(&h, raw.data, raw.len);
		int refs_hit, joins;
		if (!worth_decoding(sc, &raw, &h, &refs_hit, &joins)) {
			warn_damage(sc, &raw, &h);
			continue;
		}
		in->decoded++;
		if (joins)
			follow(sc, &h);
		pool_submit(sc->decoders, job_new(&raw, sc->order, refs_hit), raw.len);
	}
	if (rc < 0) {
		cli_error("%s", err.msg);
		sc->s->failed_inputs++;
	}
	pool_wait(sc->decoders); /* this file's warnings before the next one's */
	const ct_warnings *w = ct_archive_warnings(a);
	for (size_t i = 0; !o->quiet && i < w->count; i++)
		cli_warning("%s", w->items[i].message);
	progress(sc, in->file, a, in->messages, 1);
	ct_archive_free(a);
	if (hash)
		sha256_feed_finish(hash, in->file, in->sha256);
}

int scan_run(scan *s, const scan_opts *o, ct_error *err)
{
	memset(s, 0, sizeof(*s));
	s->index = ct_ballot_index_new();
	s->inputs = ct_calloc(o->narchives + 1, sizeof(*s->inputs));
	s->ninputs = o->narchives;
	ct_message_global_init();

	scanner sc = { .s = s, .o = o };
	sc.pf = ct_prefilter_new();
	sc.gmime_opts = g_mime_parser_options_new();
	static const char *fallback[] = { "utf-8", "windows-1252", NULL };
	g_mime_parser_options_set_fallback_charsets(sc.gmime_opts, fallback);
	g_mime_parser_options_set_rfc2047_compliance_mode(sc.gmime_opts, GMIME_RFC_COMPLIANCE_LOOSE);
	sc.show_progress = !o->quiet && (o->progress > 0 || (o->progress == 0 && isatty(2)));
	static const pool_ops decoding = { decoder_new, decoder_free, decode, collect };
	sc.decoders = pool_new(&decoding, &sc, o->threads < 0 ? pool_default_threads() :
			       (size_t)o->threads, 64, 16u << 20, err);
	if (!sc.decoders) {
		ct_prefilter_free(sc.pf);
		g_mime_parser_options_free(sc.gmime_opts);
		return err->code ? err->code : CT_ERROR;
	}
	for (size_t i = 0; i < o->narchives; i++) {
		s->inputs[i].file = ct_strdup(o->archives[i]);
		scan_file(&sc, &s->inputs[i]);
	}
	pool_finish(sc.decoders);
	ct_ballot_index_finish(s->index);
	ct_buf_release(&sc.subject);
	ct_buf_release(&sc.scratch);
	g_mime_parser_options_free(sc.gmime_opts);
	ct_prefilter_free(sc.pf);
	if (o->narchives && (size_t)s->failed_inputs == o->narchives)
		return ct_error_set(err, CT_EIO, "no archive could be read");
	return 0;
}

void scan_release(scan *s)
{
	for (size_t i = 0; i < s->nmsgs; i++) {
		scan_msg *m = &s->msgs[i];
		free(m->file);
		free(m->message_id);
		free(m->sender);
		free(m->sender_name);
		free(m->subject);
		free(m->announcement);
		for (size_t k = 0; k < m->nreadings; k++) {
			free(m->readings[k].code);
			free(m->readings[k].reason);
			free(m->readings[k].evidence);
			free(m->readings[k].org);
		}
		free(m->readings);
	}
	free(s->msgs);
	for (size_t i = 0; i < s->ninputs; i++)
		free(s->inputs[i].file);
	free(s->inputs);
	ct_ballot_index_free(s->index);
	memset(s, 0, sizeof(*s));
}
