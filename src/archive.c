/*
 * archive: stream a plain or gzip mail archive through one sliding buffer and
 * split it on From_ lines that follow a blank line, look like a From_ line and
 * are followed by a header.
 *
 * The buffer holds the message being cut (from `pos`) and whatever was read
 * past it; it grows only while one message straddles blocks. Offsets kept in
 * locals are relative to `pos`, so compaction never invalidates them.
 */
#define _GNU_SOURCE /* posix_fadvise, O_CLOEXEC */
#include "cabtally/archive.h"
#include "archive_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define DEFAULT_BLOCK ((size_t)1 << 20)
#define DEFAULT_MAX_MESSAGE ((size_t)64 << 20)
#define BOMB_FLOOR ((uint64_t)1 << 30)
#define BOMB_RATIO 1000
#define GAP_CONTEXT 16      /* bytes kept before the scan point when dropping */
#define MAX_BLOCK ((size_t)256 << 20)
#define MAX_REJECT_WARNINGS 100 /* per message; the rest are counted */

struct ct_archive {
	char *path;
	int fd;
	ct_mbox_format format;
	size_t block;
	size_t max_msg;
	uint64_t max_inflated;
	void (*on_input)(void *ctx, const void *data, size_t len);
	void *on_input_ctx;

	char *buf;
	size_t cap, len, pos; /* live bytes are buf[pos, len) */
	uint64_t base;        /* stream offset of buf[pos] */
	size_t next;          /* start of the next message, relative to pos */
	size_t gap_at, gap_len; /* bytes dropped from an oversized message */
	int started, eof, finished;
	int line_ends_known;  /* the first bytes were looked at */
	int cr_lines;         /* bare-CR line ends: CR is read as LF */

	int gz, member_done;
	z_stream zs;
	unsigned char *zin;
	uint64_t bytes_in, bytes_out;

	unsigned index;
	size_t rejected;     /* rejected From_ candidates in this message */
	ct_warnings warn;    /* the message last handed out */
	ct_warnings pending; /* stream damage, for the last message */
	ct_warnings archive_warn;
};

/* ---- input ------------------------------------------------------------ */

static int read_some(ct_archive *a, void *dst, size_t n, ct_error *err)
{
	ssize_t r;
	do
		r = read(a->fd, dst, n);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return ct_error_set(err, CT_EIO, "%s: cannot read: %s", a->path, strerror(errno));
	a->bytes_in += (uint64_t)r;
	if (r > 0 && a->on_input)
		a->on_input(a->on_input_ctx, dst, (size_t)r);
	return (int)r;
}

/* Make the compressed input non-empty (keeping what is left); 0 at its end. */
static int gz_input(ct_archive *a, ct_error *err)
{
	z_stream *zs = &a->zs;
	if (zs->avail_in > 0 && zs->next_in != a->zin)
		memmove(a->zin, zs->next_in, zs->avail_in);
	zs->next_in = a->zin;
	int r = read_some(a, a->zin + zs->avail_in, a->block, err);
	if (r > 0)
		zs->avail_in += (uInt)r;
	return r;
}

/* After one gzip member: another member, the end, or trailing garbage.
 * Returns 1 to go on inflating, 0 at the end of the stream. */
static int gz_next_member(ct_archive *a, ct_error *err)
{
	z_stream *zs = &a->zs;
	while (zs->avail_in < 2) {
		int r = gz_input(a, err);
		if (r < 0)
			return r;
		if (r == 0)
			break;
	}
	if (zs->avail_in == 0)
		return 0;
	if (zs->avail_in < 2 || zs->next_in[0] != 0x1f || zs->next_in[1] != 0x8b) {
		ct_warnings_add(&a->pending, "gzip-trailing-garbage",
				"%s: ignored data after the gzip stream at compressed offset %llu",
				a->path, (unsigned long long)(a->bytes_in - zs->avail_in));
		return 0;
	}
	inflateReset(zs);
	a->member_done = 0;
	return 1;
}

/* Record damage; `produced` is what this inflate step already wrote. */
static int gz_damage(ct_archive *a, const char *code, const char *what, size_t produced)
{
	ct_warnings_add(&a->pending, code,
			"%s: %s after %llu bytes of mail (compressed offset %llu); messages read so far are kept",
			a->path, what, (unsigned long long)(a->bytes_out + produced),
			(unsigned long long)(a->bytes_in - a->zs.avail_in));
	return 0;
}

/* Inflate up to `room` bytes into dst, setting *got. Returns 0 or CT_EIO;
 * sets a->eof at the end of the stream or on damage (recorded as a pending
 * warning for the last message). */
static int gz_fill(ct_archive *a, char *dst, size_t room, size_t *got, ct_error *err)
{
	z_stream *zs = &a->zs;
	zs->next_out = (unsigned char *)dst;
	zs->avail_out = (uInt)room;
	int rc = 0, more = 1;
	while (more && zs->avail_out == room) {
		if (a->member_done) {
			rc = gz_next_member(a, err);
			if (rc < 0)
				break;
			more = rc;
			continue;
		}
		if (zs->avail_in == 0) {
			rc = gz_input(a, err);
			if (rc < 0)
				break;
		}
		int eof_in = zs->avail_in == 0;
		int zr = inflate(zs, Z_NO_FLUSH);
		if (zr == Z_STREAM_END)
			a->member_done = 1;
		else if (zr == Z_BUF_ERROR && eof_in)
			more = gz_damage(a, "truncated-gzip", "gzip stream ends early",
					 room - zs->avail_out);
		else if (zr != Z_OK && zr != Z_BUF_ERROR)
			more = gz_damage(a, "corrupt-gzip", zs->msg ? zs->msg : "corrupt gzip data",
					 room - zs->avail_out);
	}
	*got = room - zs->avail_out;
	if (rc < 0)
		return rc;
	if (!more)
		a->eof = 1;
	return 0;
}

static int bomb(const ct_archive *a)
{
	if (a->max_inflated)
		return a->bytes_out > a->max_inflated;
	return a->bytes_out > BOMB_FLOOR && a->bytes_out / BOMB_RATIO > a->bytes_in;
}

/* Classic Mac OS files end lines with a bare CR. When the first line end
 * of the first block is one, every CR is read as LF (one byte for one, so
 * offsets stay exact). */
static void line_ends(ct_archive *a, char *p, size_t n)
{
	if (!a->line_ends_known && n) {
		a->line_ends_known = 1;
		const char *cr = memchr(p, '\r', n), *lf = memchr(p, '\n', n);
		if (cr && (!lf || cr < lf) && cr + 1 < p + n && cr[1] != '\n') {
			a->cr_lines = 1;
			ct_warnings_add(&a->archive_warn, "cr-line-ends", "%s: lines end with a bare "
					"CR (classic Mac OS): every CR is read as a line end", a->path);
		}
	}
	if (a->cr_lines)
		for (char *c = p; c < p + n; c++)
			if (*c == '\r')
				*c = '\n';
}

/* Append up to one block to the buffer, compacting or growing it first.
 * Returns 0 (a->eof set at the end) or CT_EIO. */
static int refill(ct_archive *a, ct_error *err)
{
	if (a->eof)
		return 0;
	if (a->cap - a->len < a->block + 1 && a->pos > 0) {
		memmove(a->buf, a->buf + a->pos, a->len - a->pos);
		a->len -= a->pos;
		a->pos = 0;
	}
	if (a->cap - a->len < a->block + 1) {
		size_t want = a->cap * 2;
		if (want < a->len + a->block + 1)
			want = a->len + a->block + 1;
		a->buf = ct_realloc(a->buf, want);
		a->cap = want;
	}
	size_t got = 0;
	if (a->gz) {
		int rc = gz_fill(a, a->buf + a->len, a->block, &got, err);
		if (rc < 0)
			return rc;
	} else {
		int r = read_some(a, a->buf + a->len, a->block, err);
		if (r < 0)
			return r;
		got = (size_t)r;
		if (r == 0)
			a->eof = 1;
	}
	line_ends(a, a->buf + a->len, got);
	a->len += got;
	a->bytes_out += got;
	if (a->gz && !a->eof && bomb(a)) {
		ct_warnings_add(&a->pending, "gzip-bomb",
				"%s: stopped inflating after %llu bytes from %llu compressed bytes",
				a->path, (unsigned long long)a->bytes_out, (unsigned long long)a->bytes_in);
		a->eof = 1;
	}
	return 0;
}

/* ---- splitting -------------------------------------------------------- */

static size_t avail(const ct_archive *a)
{
	return a->len - a->pos;
}

static const char *live(const ct_archive *a)
{
	return a->buf + a->pos;
}

static uint64_t stream_offset(const ct_archive *a, size_t rel)
{
	return a->base + rel + (a->gap_len && rel >= a->gap_at ? a->gap_len : 0);
}

/* Is the line that ends just before `l` (a line start) blank? `body` is the
 * first line of the message; the line before it is the From_ line. */
static int prev_blank(const char *p, size_t l, size_t body, int has_from)
{
	if (has_from && l == body)
		return 0;
	size_t k = l - 1;
	if (k > body && p[k - 1] == '\r')
		k--;
	return k == body || p[k - 1] == '\n';
}

/* Classify a From_ candidate at rel, reading more input as needed. */
static int classify_at(ct_archive *a, size_t rel, from_info *fi, const char **why,
		       ct_error *err)
{
	for (;;) {
		int r = archive_classify_from(live(a) + rel, avail(a) - rel, a->eof, fi, why);
		if (r != FROM_MORE)
			return r;
		int rc = refill(a, err);
		if (rc < 0)
			return rc;
	}
}

/* Drop the middle of an oversized message, keeping its first max_msg bytes
 * and a little context before the scan point. */
static void drop_middle(ct_archive *a, size_t body, size_t *scan)
{
	if (*scan < body + a->max_msg + 4 * GAP_CONTEXT)
		return;
	if (!a->gap_len)
		a->gap_at = body + a->max_msg;
	size_t cut = *scan - GAP_CONTEXT;
	char *p = a->buf + a->pos;
	memmove(p + a->gap_at, p + cut, avail(a) - cut);
	a->len -= cut - a->gap_at;
	a->gap_len += cut - a->gap_at;
	*scan -= cut - a->gap_at;
}

static void reject(ct_archive *a, size_t rel, int blank, const char *why)
{
	unsigned long long off = (unsigned long long)stream_offset(a, rel);
	if (a->rejected++ >= MAX_REJECT_WARNINGS)
		return;
	if (blank)
		ct_warnings_add(&a->warn, "rejected-from-line",
				"%s: offset %llu: 'From ' line after a blank line kept in the body: %s",
				a->path, off, why);
	else
		ct_warnings_add(&a->warn, "rejected-from-line",
				"%s: offset %llu: From_ line kept in the body: no blank line before it",
				a->path, off);
}

/* The first "\nFrom " wholly inside [p, end), pointing at the '\n'. Every
 * byte of every archive passes here, so on x86-64 it looks for a newline
 * followed by 'F' 32 positions at a time (SSE2, the x86-64 baseline) and
 * compares the rest only there; elsewhere a memchr for the rarer 'F'. */
static const char *find_from_bytes(const char *p, const char *end)
{
	const char *q = p + 1;
	while (q < end && (q = memchr(q, 'F', (size_t)(end - q))) != NULL) {
		if (q[-1] == '\n' && end - q >= 5 && memcmp(q, "From ", 5) == 0)
			return q - 1;
		q++;
	}
	return NULL;
}

#if defined(__SSE2__)
static const char *find_from(const char *p, const char *end)
{
	const __m128i nl = _mm_set1_epi8('\n'), f = _mm_set1_epi8('F');
	while (end - p >= 33) {
		__m128i a0 = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i b0 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
		__m128i a1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
		__m128i b1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 17));
		unsigned m0 = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a0, nl),
									 _mm_cmpeq_epi8(b0, f)));
		unsigned m1 = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a1, nl),
									 _mm_cmpeq_epi8(b1, f)));
		for (unsigned m = m0 | (m1 << 16); m; m &= m - 1) {
			const char *hit = p + __builtin_ctz(m);
			if (end - hit >= 6 && memcmp(hit + 1, "From ", 5) == 0)
				return hit;
		}
		p += 32;
	}
	return find_from_bytes(p, end);
}
#else
#define find_from find_from_bytes
#endif

/* Find where the message whose body starts at `body` ends: the start of the
 * next accepted From_ line, or the end of the stream. Sets *end. */
static int find_end(ct_archive *a, size_t body, int has_from, size_t *end, ct_error *err)
{
	size_t s = has_from ? body - 1 : body;
	for (;;) {
		size_t n = avail(a);
		const char *p = live(a);
		const char *hit = s < n ? find_from(p + s, p + n) : NULL;
		if (!hit) {
			if (a->eof) {
				*end = n;
				return 0;
			}
			if (n > s + 5)
				s = n - 5;
			drop_middle(a, body, &s);
			int rc = refill(a, err);
			if (rc < 0)
				return rc;
			continue;
		}
		size_t l = (size_t)(hit - p) + 1;
		from_info fi;
		const char *why = NULL;
		int r = classify_at(a, l, &fi, &why, err);
		if (r < 0)
			return r;
		p = live(a);
		int blank = prev_blank(p, l, body, has_from);
		if (r == FROM_VALID && blank) {
			*end = l;
			return 0;
		}
		if (blank || r == FROM_VALID)
			reject(a, l, blank, why);
		s = l;
	}
}

/* Drop blank lines before the first message (they carry nothing). */
static int skip_leading_blank(ct_archive *a, ct_error *err)
{
	for (;;) {
		while (avail(a) < 2 && !a->eof) {
			int rc = refill(a, err);
			if (rc < 0)
				return rc;
		}
		const char *p = live(a);
		size_t n = avail(a), skip = 0;
		if (n >= 1 && p[0] == '\n')
			skip = 1;
		else if (n >= 2 && p[0] == '\r' && p[1] == '\n')
			skip = 2;
		if (!skip)
			return 0;
		a->pos += skip;
		a->base += skip;
	}
}

/* The final line of [body, end) when it is blank: the separator before the
 * next From_ line (or the one an mbox writer appends at the end). */
static size_t strip_separator(const char *p, size_t body, size_t end)
{
	if (end <= body || p[end - 1] != '\n')
		return end;
	size_t e = end - 1;
	if (e > body && p[e - 1] == '\r')
		e--;
	return (e == body || p[e - 1] == '\n') ? e : end;
}

static void move_warnings(ct_warnings *to, ct_warnings *from)
{
	for (size_t i = 0; i < from->count; i++)
		ct_warnings_add(to, from->items[i].code, "%s", from->items[i].message);
	ct_warnings_release(from);
}

/* Position at the start of the next message; 0 when there is none. */
static int advance(ct_archive *a, ct_error *err)
{
	if (a->started) {
		a->base += a->next + a->gap_len;
		a->pos += a->next;
	} else {
		a->started = 1;
		int rc = skip_leading_blank(a, err);
		if (rc < 0)
			return rc;
	}
	a->next = 0;
	a->gap_at = a->gap_len = 0;
	a->rejected = 0;
	while (avail(a) == 0 && !a->eof) {
		int rc = refill(a, err);
		if (rc < 0)
			return rc;
	}
	return avail(a) > 0;
}

static void fill_message(ct_archive *a, ct_raw_message *msg, int has_from,
			 const from_info *fi, size_t body, size_t end)
{
	const char *p = live(a);
	memset(msg, 0, sizeof(*msg));
	msg->file = a->path;
	msg->offset = a->base;
	msg->index = a->index++;
	msg->from_line_date = CT_TIME_NONE;
	if (has_from) {
		msg->from_line = p;
		msg->from_line_len = fi->line_len;
		msg->from_line_date = fi->date;
		msg->pipermail = fi->pipermail;
	}
	msg->format = a->format;
	if (a->format == CT_MBOX_AUTO)
		msg->format = msg->pipermail ? CT_MBOX_PIPERMAIL : CT_MBOX_MBOXRD;
	msg->data = p + body;
	/* The dropped middle (gap) and the bytes past the cap both count. */
	size_t stripped = strip_separator(p, body, end);
	uint64_t full = (uint64_t)(stripped - body) + a->gap_len;
	msg->len = stripped - body;
	if (full > a->max_msg) {
		msg->len = a->max_msg;
		ct_warnings_add(&a->warn, "message-too-large",
				"%s: offset %llu: message longer than %zu bytes truncated (%llu bytes dropped)",
				a->path, (unsigned long long)a->base, a->max_msg,
				(unsigned long long)(full - a->max_msg));
	}
	if (a->rejected > MAX_REJECT_WARNINGS)
		ct_warnings_add(&a->warn, "rejected-from-line",
				"%s: offset %llu: %zu more rejected 'From ' lines in this message not listed",
				a->path, (unsigned long long)a->base, a->rejected - MAX_REJECT_WARNINGS);
	msg->warnings = &a->warn;
}

int ct_archive_next(ct_archive *a, ct_raw_message *msg, ct_error *err)
{
	ct_warnings_release(&a->warn);
	if (a->finished)
		return 0;
	int rc = advance(a, err);
	if (rc <= 0) {
		a->finished = 1;
		if (rc == 0 && a->index == 0)
			ct_warnings_add(&a->archive_warn, "empty-archive",
					"%s: no messages: the file is empty", a->path);
		if (a->pending.count)
			move_warnings(&a->archive_warn, &a->pending);
		return rc;
	}
	from_info fi = { 0, 0, CT_TIME_NONE, 0 };
	const char *why = NULL;
	int has_from = 0, starts_from = 0;
	if (a->index == 0) {
		while (avail(a) < 5 && !a->eof)
			if ((rc = refill(a, err)) < 0) {
				a->finished = 1;
				return rc;
			}
	}
	starts_from = avail(a) >= 5 && memcmp(live(a), "From ", 5) == 0;
	if (starts_from) {
		rc = classify_at(a, 0, &fi, &why, err);
		if (rc < 0) {
			a->finished = 1;
			return rc;
		}
		has_from = rc == FROM_VALID;
	}
	if (!has_from) {
		/* Only the first message can lack a From_ line. */
		ct_warnings_add(&a->warn, "no-from-line",
				"%s: offset %llu: the file does not start with a From_ line",
				a->path, (unsigned long long)a->base);
		if (starts_from)
			reject(a, 0, 1, why);
	}
	size_t body = has_from ? fi.next : 0, end;
	rc = find_end(a, body, has_from, &end, err);
	if (rc < 0) {
		a->finished = 1;
		return rc;
	}
	if (end == avail(a) && a->eof)
		move_warnings(&a->warn, &a->pending);
	fill_message(a, msg, has_from, &fi, body, end);
	a->next = end;
	return 1;
}

/* ---- lifecycle -------------------------------------------------------- */

static int open_error(ct_archive *a, int e, ct_error *err)
{
	int rc = ct_error_set(err, CT_EIO, "%s: cannot open: %s", a->path, strerror(e));
	ct_archive_free(a);
	return rc;
}

/* Read the first bytes and pick plain or gzip by the magic number. The
 * compressed-input buffer keeps room for a block plus a carried-over byte. */
static int detect(ct_archive *a, ct_error *err)
{
	unsigned char *head = ct_malloc(a->block + 2);
	size_t n = 0;
	while (n < 2) {
		int r = read_some(a, head + n, a->block, err);
		if (r < 0) {
			free(head);
			return r;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b) {
		memset(&a->zs, 0, sizeof(a->zs));
		if (inflateInit2(&a->zs, 16 + MAX_WBITS) != Z_OK) {
			free(head);
			return ct_error_set(err, CT_ERROR, "%s: cannot start zlib", a->path);
		}
		a->gz = 1;
		a->zin = head;
		a->zs.next_in = a->zin;
		a->zs.avail_in = (uInt)n;
		return 0;
	}
	if (a->cap < n + 1) {
		a->buf = ct_realloc(a->buf, n + 1);
		a->cap = n + 1;
	}
	memcpy(a->buf, head, n);
	line_ends(a, a->buf, n);
	a->len = n;
	a->bytes_out = n;
	if (n == 0)
		a->eof = 1;
	free(head);
	return 0;
}

int ct_archive_open(ct_archive **out, const char *path, const ct_archive_options *opts,
		    ct_error *err)
{
	*out = NULL;
	ct_archive *a = ct_calloc(1, sizeof(*a));
	a->path = ct_strdup(path);
	a->fd = -1;
	a->block = opts && opts->block_size ? opts->block_size : DEFAULT_BLOCK;
	if (a->block > MAX_BLOCK)
		a->block = MAX_BLOCK;
	a->max_msg = opts && opts->max_message_size ? opts->max_message_size : DEFAULT_MAX_MESSAGE;
	a->max_inflated = opts ? opts->max_inflated_size : 0;
	a->format = opts ? opts->format : CT_MBOX_AUTO;
	a->on_input = opts ? opts->on_input : NULL;
	a->on_input_ctx = opts ? opts->on_input_ctx : NULL;
	a->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (a->fd < 0)
		return open_error(a, errno, err);
	struct stat st;
	if (fstat(a->fd, &st) != 0)
		return open_error(a, errno, err);
	if (S_ISDIR(st.st_mode))
		return open_error(a, EISDIR, err);
#ifdef POSIX_FADV_SEQUENTIAL
	posix_fadvise(a->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	a->cap = 2 * a->block + 1;
	a->buf = ct_malloc(a->cap);
	int rc = detect(a, err);
	if (rc < 0) {
		ct_archive_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

const ct_warnings *ct_archive_warnings(const ct_archive *a)
{
	return &a->archive_warn;
}

uint64_t ct_archive_bytes_read(const ct_archive *a)
{
	return a->bytes_in;
}

void ct_archive_free(ct_archive *a)
{
	if (!a)
		return;
	if (a->fd >= 0)
		close(a->fd);
	if (a->gz)
		inflateEnd(&a->zs);
	free(a->zin);
	free(a->buf);
	free(a->path);
	ct_warnings_release(&a->warn);
	ct_warnings_release(&a->pending);
	ct_warnings_release(&a->archive_warn);
	free(a);
}

/* ---- unescaping ------------------------------------------------------- */

/* A copy and the warnings it points to, in one allocation with the message
 * first, so the message's address frees it all. */
typedef struct raw_copy {
	ct_raw_message msg;
	ct_warnings warnings;
} raw_copy;

ct_raw_message *ct_raw_message_copy(const ct_raw_message *msg)
{
	raw_copy *c = ct_calloc(1, sizeof(*c));
	c->msg = *msg;
	char *data = ct_malloc(msg->len + 1);
	if (msg->len)
		memcpy(data, msg->data, msg->len);
	data[msg->len] = '\0';
	c->msg.data = data;
	c->msg.from_line = msg->from_line ? ct_strndup(msg->from_line, msg->from_line_len) : NULL;
	c->msg.file = msg->file ? ct_strdup(msg->file) : NULL;
	for (size_t i = 0; msg->warnings && i < msg->warnings->count; i++)
		ct_warnings_add(&c->warnings, msg->warnings->items[i].code, "%s",
				msg->warnings->items[i].message);
	c->msg.warnings = &c->warnings;
	return &c->msg;
}

void ct_raw_message_free_copy(ct_raw_message *copy)
{
	if (!copy)
		return;
	raw_copy *c = (raw_copy *)(void *)copy;
	free((char *)c->msg.data);
	free((char *)c->msg.from_line);
	free((char *)c->msg.file);
	ct_warnings_release(&c->warnings);
	free(c);
}

void ct_raw_message_unescape(const ct_raw_message *msg, ct_buf *out)
{
	int unescape = msg->format != CT_MBOX_PIPERMAIL;
	int rd = msg->format != CT_MBOX_MBOXO;
	const char *p = msg->data, *end = msg->data + msg->len;
	ct_buf_grow(out, msg->len + 1);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *s = p;
		if (unescape && *s == '>') {
			const char *q = s;
			while (q < le && *q == '>')
				q++;
			if (le - q >= 5 && memcmp(q, "From ", 5) == 0 && (rd || q - s == 1))
				s++;
		}
		if (le > s && le[-1] == '\r')
			le--;
		ct_buf_add(out, s, (size_t)(le - s));
		ct_buf_addch(out, '\n');
		p = nl ? nl + 1 : end;
	}
}
