/* archive: splitting real archive shapes into messages, gzip, escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cabtally/archive.h"
#include "testutil.h"

#define MAXMSG 8
#define MAXWARN 4

/* ---- reading a whole archive into plain records ------------------------ */

typedef struct rec {
	uint64_t offset;
	char *from_line; /* NULL when none */
	int64_t date;
	int pipermail;
	ct_mbox_format format;
	char *data;
	size_t len;
	char *warnings; /* "code: message\n" lines */
} rec;

typedef struct run {
	rec msgs[64];
	size_t count;
	int rc;
	char *archive_warnings;
	uint64_t bytes_read;
} run;

static char *warnings_text(const ct_warnings *w)
{
	ct_buf b = CT_BUF_INIT;
	for (size_t i = 0; i < w->count; i++)
		ct_buf_addf(&b, "%s: %s\n", w->items[i].code, w->items[i].message);
	return ct_buf_detach(&b);
}

static void read_all(run *r, const char *path, const ct_archive_options *opts)
{
	memset(r, 0, sizeof(*r));
	ct_archive *a;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_archive_open(&a, path, opts, &err), 0);
	ct_raw_message m;
	int rc;
	while ((rc = ct_archive_next(a, &m, &err)) == 1) {
		assert_true(r->count < 64);
		rec *x = &r->msgs[r->count++];
		assert_non_null(m.data);
		assert_string_equal(m.file, path);
		assert_int_equal(m.index, r->count - 1);
		x->offset = m.offset;
		x->from_line = m.from_line ? ct_strndup(m.from_line, m.from_line_len) : NULL;
		x->date = m.from_line_date;
		x->pipermail = m.pipermail;
		x->format = m.format;
		x->data = ct_strndup(m.data, m.len);
		x->len = m.len;
		x->warnings = warnings_text(m.warnings);
	}
	r->rc = rc;
	assert_int_equal(ct_archive_next(a, &m, &err), 0); /* stays finished */
	r->archive_warnings = warnings_text(ct_archive_warnings(a));
	r->bytes_read = ct_archive_bytes_read(a);
	ct_archive_free(a);
}

static void run_release(run *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->msgs[i].from_line);
		free(r->msgs[i].data);
		free(r->msgs[i].warnings);
	}
	free(r->archive_warnings);
}

/* fixtures/archive/<name> */
static char *apath(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "archive/%s", name);
	return fixture_path(rel);
}

static void read_fixture(run *r, const char *name, const ct_archive_options *opts)
{
	char *path = apath(name);
	read_all(r, path, opts);
	free(path);
}

static void assert_runs_equal(const run *x, const run *y, const char *what)
{
	if (x->count != y->count)
		fail_msg("%s: %zu messages vs %zu", what, x->count, y->count);
	for (size_t i = 0; i < x->count; i++) {
		const rec *a = &x->msgs[i], *b = &y->msgs[i];
		if (a->offset != b->offset || a->len != b->len || memcmp(a->data, b->data, a->len) ||
		    a->date != b->date || a->pipermail != b->pipermail || a->format != b->format ||
		    strcmp(a->warnings, b->warnings) || !a->from_line != !b->from_line ||
		    (a->from_line && strcmp(a->from_line, b->from_line)))
			fail_msg("%s: message %zu differs (offset %llu vs %llu, len %zu vs %zu)", what,
				 i, (unsigned long long)a->offset, (unsigned long long)b->offset,
				 a->len, b->len);
	}
	assert_string_equal(x->archive_warnings, y->archive_warnings);
}

/* ---- the fixtures, one row each --------------------------------------- */

typedef struct exp_msg {
	uint64_t offset;
	const char *date;    /* ISO UTC of the From_ line; NULL: no From_ line */
	int pipermail;
	const char *starts;  /* the data starts with this */
	const char *ends;    /* the data ends with this */
	const char *warn[MAXWARN]; /* "code" or "code@offset" */
} exp_msg;

typedef struct fixture_row {
	const char *file;
	size_t count;
	exp_msg msgs[MAXMSG];
	const char *archive_warn; /* a code expected at archive level, or NULL */
} fixture_row;

static const fixture_row fixture_rows[] = {
	{ "mboxo.mbox", 3, {
		{ 0, "2017-02-24T16:02:11Z", 0, "Return-Path: <kwilson@digicert.com>\n", "\nKate\n", { 0 } },
		{ 550, "2017-02-27T10:45:03Z", 0, "Return-Path:", "thanks to all who worked on this.\n", { 0 } },
		{ 1043, "2017-02-28T18:20:40Z", 0, "Return-Path:", "Entrust Datacard votes yes.\n", { 0 } },
	} },
	{ "mboxrd.mbox", 2, {
		{ 0, "2017-03-01T08:00:00Z", 0, "From: Morgan Hale", "\nMorgan\n", { 0 } },
		{ 359, "2017-03-01T21:12:09Z", 0, "From: Taylor Vance", ">>>From a deeper quote, escaped twice.\n", { 0 } },
	} },
	{ "2017-March.txt", 4, {
		{ 0, "2017-03-02T09:14:00Z", 1, "From: kwilson at digicert.com (Kate Wilson)\n", "attachment-0001.html>\n", { 0 } },
		{ 629, "2017-03-02T17:40:21Z", 1, "From: pnorris at mozilla.com", "\nPat\n", { 0 } },
		{ 1004, "2017-03-03T06:05:59Z", 1, "From: dkaras at harica.gr", "attachment-0001.bin>\n", { 0 } },
		{ 1589, "2017-03-03T11:59:00Z", 1, "From: bogus at does.not.exist.com ()", "cabforum.org>\n\n", { 0 } },
	} },
	{ "2017-March.txt.gz", 4, {
		{ 0, "2017-03-02T09:14:00Z", 1, "From: kwilson", "attachment-0001.html>\n", { 0 } },
		{ 629, "2017-03-02T17:40:21Z", 1, "From: pnorris", "\nPat\n", { 0 } },
		{ 1004, "2017-03-03T06:05:59Z", 1, "From: dkaras", "attachment-0001.bin>\n", { 0 } },
		{ 1589, "2017-03-03T11:59:00Z", 1, "From: bogus", "cabforum.org>\n\n", { 0 } },
	} },
	{ "crlf.mbox", 2, {
		{ 0, "2017-03-02T12:00:00Z", 0, "From: Ane Hill <ahill@buypass.no>\r\n", ">From our side no concerns.\r\n", { 0 } },
		{ 316, "2017-03-02T19:30:00Z", 0, "From: Wen Chen", "Google votes yes.\r\n", { 0 } },
	} },
	{ "from-in-body.mbox", 2, {
		{ 0, "2017-03-02T09:14:00Z", 1, "From: kwilson at digicert.com", "at issuance.\"\n",
		  { "rejected-from-line@274", "rejected-from-line@337", "rejected-from-line@454" } },
		{ 521, "2017-03-02T10:01:30Z", 1, "From: jmarsh", "From Monday the new version of our CPS applies.\n", { 0 } },
	} },
	{ "truncated.mbox.gz", 3, {
		{ 0, "2017-03-02T09:14:00Z", 1, "From: kwilson", "attachment-0001.html>\n", { 0 } },
		{ 629, "2017-03-02T17:40:21Z", 1, "From: pnorris", "\nPat\n", { 0 } },
		{ 1004, "2017-03-03T06:05:59Z", 1, "From: dkaras", "\n\nHARICA", { "truncated-gzip" } },
	} },
	{ "no-trailing-newline.mbox", 2, {
		{ 0, "2017-02-28T18:20:40Z", 0, "From: Robin Lee", "Entrust Datacard votes yes.\n", { 0 } },
		{ 254, "2017-03-01T08:00:00Z", 0, "From: Morgan Hale", "\n\nComodo votes yes.", { 0 } },
	} },
	{ "no-from-line.mbox", 2, {
		{ 0, NULL, 0, "Return-Path: <tvance@letsencrypt.org>\n", "votes yes on Ballot 187.\n", { "no-from-line@0" } },
		{ 293, "2017-03-02T17:40:21Z", 0, "From: Pat Norris", "Mozilla votes yes.\n", { 0 } },
	} },
	{ "empty.mbox", 0, { { 0 } }, "empty-archive" },
	{ "mozilla-from-dash.mbox", 2, {
		{ 0, "2017-03-02T09:14:00Z", 0, "X-Account-Key: account3\n", "DigiCert votes yes on Ballot 187.\n", { 0 } },
		{ 367, "2017-03-03T06:05:59Z", 0, "X-Account-Key:", "HARICA votes yes.\n", { 0 } },
	} },
};

static int ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* "code" or "code@offset" is among the message's warnings. */
static int has_warning(const char *warnings, const char *want)
{
	char code[64];
	const char *at = strchr(want, '@');
	size_t n = at ? (size_t)(at - want) : strlen(want);
	snprintf(code, sizeof(code), "%.*s: ", (int)n, want);
	for (const char *line = warnings; line && *line;) {
		const char *nl = strchr(line, '\n');
		if (!strncmp(line, code, strlen(code))) {
			char off[64];
			snprintf(off, sizeof(off), "offset %s:", at ? at + 1 : "");
			if (!at || ct_memcasemem(line, (size_t)(nl - line), off))
				return 1;
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void check_row(const fixture_row *row)
{
	run r;
	read_fixture(&r, row->file, NULL);
	assert_int_equal(r.rc, 0);
	if (r.count != row->count)
		fail_msg("%s: %zu messages, expected %zu", row->file, r.count, row->count);
	for (size_t i = 0; i < row->count; i++) {
		const exp_msg *e = &row->msgs[i];
		const rec *m = &r.msgs[i];
		if (m->offset != e->offset)
			fail_msg("%s #%zu: offset %llu, expected %llu", row->file, i,
				 (unsigned long long)m->offset, (unsigned long long)e->offset);
		if (e->date) {
			char iso[21];
			assert_non_null(m->from_line);
			ct_time_format_iso(m->date, iso);
			assert_string_equal(iso, e->date);
		} else {
			assert_null(m->from_line);
			assert_true(m->date == CT_TIME_NONE);
		}
		assert_int_equal(m->pipermail, e->pipermail);
		assert_int_equal(m->format, e->pipermail ? CT_MBOX_PIPERMAIL : CT_MBOX_MBOXRD);
		if (strncmp(m->data, e->starts, strlen(e->starts)))
			fail_msg("%s #%zu starts '%.40s'", row->file, i, m->data);
		if (!ends_with(m->data, m->len, e->ends))
			fail_msg("%s #%zu ends '%s'", row->file, i,
				 m->len > 40 ? m->data + m->len - 40 : m->data);
		size_t nwarn = 0;
		for (; nwarn < MAXWARN && e->warn[nwarn]; nwarn++)
			if (!has_warning(m->warnings, e->warn[nwarn]))
				fail_msg("%s #%zu: no warning %s in:\n%s", row->file, i, e->warn[nwarn],
					 m->warnings);
		if (count_lines(m->warnings) != nwarn)
			fail_msg("%s #%zu: unexpected warnings:\n%s", row->file, i, m->warnings);
		/* Every warning names the file. */
		if (nwarn)
			assert_non_null(strstr(m->warnings, row->file));
	}
	if (row->archive_warn)
		assert_true(has_warning(r.archive_warnings, row->archive_warn));
	else
		assert_string_equal(r.archive_warnings, "");
	run_release(&r);
}

static void test_fixtures(void **state)
{
	for (size_t i = 0; i < sizeof(fixture_rows) / sizeof(fixture_rows[0]); i++)
		check_row(&fixture_rows[i]);
}

/* Offsets and lengths account for every byte: each message's From_ line and
 * data are the file's bytes at that offset. */
static void test_offsets_point_at_the_bytes(void **state)
{
	static const char *plain[] = { "mboxo.mbox", "mboxrd.mbox", "2017-March.txt", "crlf.mbox",
		"from-in-body.mbox", "no-trailing-newline.mbox", "no-from-line.mbox",
		"mozilla-from-dash.mbox" };
	for (size_t f = 0; f < sizeof(plain) / sizeof(plain[0]); f++) {
		char *path = apath(plain[f]);
		size_t size;
		char *bytes = read_file(path, &size);
		assert_non_null(bytes);
		run r;
		read_all(&r, path, NULL);
		for (size_t i = 0; i < r.count; i++) {
			const rec *m = &r.msgs[i];
			size_t at = (size_t)m->offset;
			if (m->from_line) {
				size_t n = strlen(m->from_line);
				assert_memory_equal(bytes + at, m->from_line, n);
				at += n + (bytes[at + n] == '\r' ? 2 : 1);
			}
			assert_true(at + m->len <= size);
			assert_memory_equal(bytes + at, m->data, m->len);
		}
		run_release(&r);
		free(bytes);
		free(path);
	}
}

/* ---- escaping --------------------------------------------------------- */

static char *unescaped(const char *file, size_t index, ct_mbox_format format)
{
	ct_archive_options o = { .format = format };
	char *path = apath(file);
	ct_archive *a;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_archive_open(&a, path, &o, &err), 0);
	ct_raw_message m;
	for (size_t i = 0; i <= index; i++)
		assert_int_equal(ct_archive_next(a, &m, &err), 1);
	ct_buf b = CT_BUF_INIT;
	ct_buf_addstr(&b, "[");
	ct_raw_message_unescape(&m, &b);
	ct_archive_free(a);
	free(path);
	return ct_buf_detach(&b);
}

static const struct {
	const char *what;
	const char *file;
	size_t index;
	ct_mbox_format format;
	const char *present;
	const char *absent;
} unescape_rows[] = {
	{ "mboxo body line read as mboxrd", "mboxo.mbox", 0, CT_MBOX_AUTO,
	  "\nFrom the CAA side, we have been", ">From the CAA" },
	{ "mboxo body line read as mboxo", "mboxo.mbox", 0, CT_MBOX_MBOXO,
	  "\nFrom the CAA side, we have been", ">From the CAA" },
	{ "mboxrd: >>From loses one >", "mboxrd.mbox", 0, CT_MBOX_AUTO,
	  "\n>From the earlier thread I quote:\nFrom here on, CAA", ">>From" },
	{ "mboxrd: >>>From loses one >", "mboxrd.mbox", 1, CT_MBOX_AUTO,
	  "\n>>From a deeper quote", ">>>From" },
	{ "mboxrd read as mboxo keeps >>From", "mboxrd.mbox", 0, CT_MBOX_MBOXO,
	  "\n>>From the earlier thread I quote:\nFrom here on, CAA", NULL },
	{ "pipermail is never unescaped", "2017-March.txt", 0, CT_MBOX_AUTO,
	  "\n>From a quoted line that pipermail never escaped.\n", NULL },
	{ "forced pipermail keeps mboxo escapes", "mboxo.mbox", 0, CT_MBOX_PIPERMAIL,
	  "\n>From the CAA side", NULL },
	{ "forced mboxrd unescapes pipermail", "2017-March.txt", 0, CT_MBOX_MBOXRD,
	  "\nFrom a quoted line", ">From a quoted" },
	{ "CRLF becomes LF", "crlf.mbox", 0, CT_MBOX_AUTO,
	  "[From: Ane Hill <ahill@buypass.no>\nTo: public@cabforum.org\n", "\r" },
	{ "CRLF and >From together", "crlf.mbox", 0, CT_MBOX_AUTO,
	  "Ballot 187.\nFrom our side no concerns.\n", ">From" },
	{ "a final newline is added", "no-trailing-newline.mbox", 1, CT_MBOX_AUTO,
	  "\n\nComodo votes yes.\n", NULL },
};

static void test_unescape(void **state)
{
	for (size_t i = 0; i < sizeof(unescape_rows) / sizeof(unescape_rows[0]); i++) {
		char *text = unescaped(unescape_rows[i].file, unescape_rows[i].index,
				       unescape_rows[i].format);
		if (!strstr(text, unescape_rows[i].present))
			fail_msg("%s: '%s' not in:\n%s", unescape_rows[i].what,
				 unescape_rows[i].present, text);
		if (unescape_rows[i].absent && strstr(text, unescape_rows[i].absent))
			fail_msg("%s: '%s' still in:\n%s", unescape_rows[i].what,
				 unescape_rows[i].absent, text);
		assert_int_equal(text[strlen(text) - 1], '\n');
		free(text);
	}
}

static void test_unescape_edges(void **state)
{
	ct_raw_message m = { 0 };
	ct_buf b = CT_BUF_INIT;
	m.format = CT_MBOX_MBOXRD;
	m.data = "";
	ct_raw_message_unescape(&m, &b);
	assert_int_equal(b.len, 0);
	m.data = ">From x\n>>>From y\n> From z\n>Fromage\nFrom w\r\nend\r";
	m.len = strlen(m.data);
	ct_raw_message_unescape(&m, &b);
	assert_string_equal(ct_buf_cstr(&b), "From x\n>>From y\n> From z\n>Fromage\nFrom w\nend\n");
	ct_buf_reset(&b);
	m.format = CT_MBOX_MBOXO;
	ct_raw_message_unescape(&m, &b);
	assert_string_equal(ct_buf_cstr(&b), "From x\n>>>From y\n> From z\n>Fromage\nFrom w\nend\n");
	ct_buf_release(&b);
}

/* ---- streaming -------------------------------------------------------- */

static const char *all_fixtures[] = { "mboxo.mbox", "mboxrd.mbox", "2017-March.txt",
	"2017-March.txt.gz", "crlf.mbox", "from-in-body.mbox", "truncated.mbox.gz",
	"no-trailing-newline.mbox", "no-from-line.mbox", "empty.mbox", "mozilla-from-dash.mbox" };

/* Messages straddling read/inflate blocks come out the same as with one block. */
static void test_block_boundaries(void **state)
{
	static const size_t sizes[] = { 1, 2, 3, 5, 6, 7, 16, 61, 255, 4096 };
	for (size_t f = 0; f < sizeof(all_fixtures) / sizeof(all_fixtures[0]); f++) {
		run ref;
		read_fixture(&ref, all_fixtures[f], NULL);
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			ct_archive_options o = { .block_size = sizes[s] };
			run r;
			char what[128];
			snprintf(what, sizeof(what), "%s with %zu-byte blocks", all_fixtures[f], sizes[s]);
			read_fixture(&r, all_fixtures[f], &o);
			assert_runs_equal(&r, &ref, what);
			run_release(&r);
		}
		run_release(&ref);
	}
}

static void test_gzip_same_as_plain(void **state)
{
	run plain, gz;
	read_fixture(&plain, "2017-March.txt", NULL);
	read_fixture(&gz, "2017-March.txt.gz", NULL);
	assert_runs_equal(&gz, &plain, "gzip vs plain");
	assert_int_equal(plain.bytes_read, 1795);
	assert_int_equal(gz.bytes_read, 715); /* compressed bytes, for progress */
	run_release(&plain);
	run_release(&gz);
}

/* ---- synthetic archives in temporary files ----------------------------- */

static char *temp_file(const void *data, size_t len)
{
	char tmpl[] = "/tmp/cabtally-archive-XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	return ct_strdup(tmpl);
}

/* One gzip member holding data[0..len). */
static void gzip_append(ct_buf *out, const char *data, size_t len)
{
	z_stream z = { 0 };
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t bound = deflateBound(&z, len);
	ct_buf_grow(out, bound);
	z.next_in = (unsigned char *)data;
	z.avail_in = (uInt)len;
	z.next_out = (unsigned char *)out->buf + out->len;
	z.avail_out = (uInt)bound;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	out->len += bound - z.avail_out;
	deflateEnd(&z);
}

static void read_bytes(run *r, const void *data, size_t len, const ct_archive_options *o)
{
	char *path = temp_file(data, len);
	read_all(r, path, o);
	unlink(path);
	free(path);
}

/* Members cut anywhere (even inside a From_ line) read as one stream. */
static void test_gzip_concatenated_members(void **state)
{
	char *path = apath("2017-March.txt");
	size_t size;
	char *text = read_file(path, &size);
	run plain;
	read_all(&plain, path, NULL);
	static const size_t cuts[] = { 1, 5, 630, 633, 700, 1004, 1589, 1794 };
	for (size_t c = 0; c < sizeof(cuts) / sizeof(cuts[0]); c++) {
		ct_buf gz = CT_BUF_INIT;
		gzip_append(&gz, text, cuts[c]);
		gzip_append(&gz, text + cuts[c], size - cuts[c]);
		run r;
		read_bytes(&r, gz.buf, gz.len, NULL);
		assert_int_equal(r.count, plain.count);
		for (size_t i = 0; i < r.count; i++) {
			assert_int_equal(r.msgs[i].offset, plain.msgs[i].offset);
			assert_int_equal(r.msgs[i].len, plain.msgs[i].len);
			assert_memory_equal(r.msgs[i].data, plain.msgs[i].data, r.msgs[i].len);
			assert_string_equal(r.msgs[i].warnings, "");
		}
		run_release(&r);
		ct_buf_release(&gz);
	}
	/* Two whole archives back to back: the second continues the offsets. */
	ct_buf gz = CT_BUF_INIT;
	gzip_append(&gz, text, size);
	gzip_append(&gz, text, size);
	run r;
	read_bytes(&r, gz.buf, gz.len, NULL);
	assert_int_equal(r.count, 8);
	assert_int_equal(r.msgs[4].offset, size);
	assert_int_equal(r.msgs[7].offset, size + 1589);
	run_release(&r);
	ct_buf_release(&gz);
	run_release(&plain);
	free(text);
	free(path);
}

/* Cut the gzip anywhere: no crash, every message read is the real bytes at
 * a real offset, and the damage is reported on the last message (or on the
 * archive when nothing could be read). */
static void test_gzip_truncated_anywhere(void **state)
{
	char *gzpath = apath("2017-March.txt.gz");
	char *txtpath = apath("2017-March.txt");
	size_t gzlen, size;
	char *gz = read_file(gzpath, &gzlen);
	char *text = read_file(txtpath, &size);
	for (size_t cut = 2; cut < gzlen; cut++) {
		for (int small = 0; small < 2; small++) {
			ct_archive_options o = { .block_size = small ? 7 : 0 };
			run r;
			read_bytes(&r, gz, cut, &o);
			assert_int_equal(r.rc, 0);
			for (size_t i = 0; i < r.count; i++) {
				const rec *m = &r.msgs[i];
				size_t at = (size_t)m->offset + (m->from_line ? strlen(m->from_line) + 1 : 0);
				assert_true(at + m->len <= size);
				assert_memory_equal(text + at, m->data, m->len);
			}
			const char *w = r.count ? r.msgs[r.count - 1].warnings : r.archive_warnings;
			if (!has_warning(w, "truncated-gzip"))
				fail_msg("cut at %zu: no truncated-gzip warning", cut);
			run_release(&r);
		}
	}
	free(gz);
	free(text);
	free(gzpath);
	free(txtpath);
}

static void test_gzip_damage(void **state)
{
	char *gzpath = apath("2017-March.txt.gz");
	size_t gzlen;
	char *gz = read_file(gzpath, &gzlen);
	run r;

	/* A bad CRC in the trailer: all messages, then the complaint. */
	gz[gzlen - 6] ^= 0x55;
	read_bytes(&r, gz, gzlen, NULL);
	assert_int_equal(r.count, 4);
	assert_true(has_warning(r.msgs[3].warnings, "corrupt-gzip"));
	run_release(&r);
	gz[gzlen - 6] ^= 0x55;

	/* Any flipped byte ends in messages or warnings, never a crash. */
	for (size_t i = 10; i < gzlen; i++) {
		gz[i] ^= 0xa5;
		read_bytes(&r, gz, gzlen, NULL);
		assert_int_equal(r.rc, 0);
		run_release(&r);
		gz[i] ^= 0xa5;
	}

	/* Data after the last member. */
	ct_buf b = CT_BUF_INIT;
	ct_buf_add(&b, gz, gzlen);
	ct_buf_addstr(&b, "not gzip\n");
	read_bytes(&r, b.buf, b.len, NULL);
	assert_int_equal(r.count, 4);
	assert_true(has_warning(r.msgs[3].warnings, "gzip-trailing-garbage"));
	run_release(&r);
	ct_buf_release(&b);

	/* The bomb guard stops inflating and says so on the last message. */
	ct_archive_options o = { .block_size = 256, .max_inflated_size = 1000 };
	read_bytes(&r, gz, gzlen, &o);
	assert_true(r.count >= 1 && r.count < 4);
	const rec *last = &r.msgs[r.count - 1];
	assert_true(has_warning(last->warnings, "gzip-bomb"));
	/* It stops within one block of the limit. */
	assert_true(last->offset + strlen(last->from_line) + 1 + last->len <= 1000 + 256);
	run_release(&r);

	free(gz);
	free(gzpath);
}

/* An oversized message keeps its first bytes; the next one is intact. */
static void test_message_too_large(void **state)
{
	ct_buf mbox = CT_BUF_INIT;
	ct_buf_addstr(&mbox, "From kwilson@digicert.com Thu Mar  2 09:14:00 2017\n"
			     "Subject: Re: [cabfpub] Ballot 187\n\n");
	size_t body_at = mbox.len;
	for (int i = 0; i < 5000; i++)
		ct_buf_addf(&mbox, "line %05d of an enormous attachment pasted inline\n", i);
	size_t body_len = mbox.len - body_at;
	ct_buf_addstr(&mbox, "\n");
	size_t second = mbox.len;
	ct_buf_addstr(&mbox, "From rlee@entrust.com Tue Feb 28 18:20:40 2017\n"
			     "Subject: Re: [cabfpub] Ballot 187\n\nEntrust Datacard votes yes.\n");
	static const size_t blocks[] = { 0, 4096, 7 };
	for (size_t i = 0; i < 3; i++) {
		ct_archive_options o = { .block_size = blocks[i], .max_message_size = 10000 };
		run r;
		read_bytes(&r, mbox.buf, mbox.len, &o);
		assert_int_equal(r.count, 2);
		assert_int_equal(r.msgs[0].len, 10000);
		assert_memory_equal(r.msgs[0].data, mbox.buf + body_at - 35, 10000);
		char dropped[64];
		snprintf(dropped, sizeof(dropped), "(%zu bytes dropped)", body_len + 35 - 10000);
		assert_true(has_warning(r.msgs[0].warnings, "message-too-large@0"));
		assert_non_null(strstr(r.msgs[0].warnings, dropped));
		assert_int_equal(r.msgs[1].offset, second);
		assert_string_equal(r.msgs[1].data,
				    "Subject: Re: [cabfpub] Ballot 187\n\nEntrust Datacard votes yes.\n");
		assert_string_equal(r.msgs[1].warnings, "");
		run_release(&r);
	}
	ct_buf_release(&mbox);
}

/* A body full of "From " prose lists 100 of them and counts the rest. */
static void test_rejected_warnings_are_capped(void **state)
{
	ct_buf mbox = CT_BUF_INIT;
	ct_buf_addstr(&mbox, "From kwilson@digicert.com Thu Mar  2 09:14:00 2017\nSubject: x\n");
	for (int i = 0; i < 250; i++)
		ct_buf_addf(&mbox, "\nFrom here on, paragraph %d.\n", i);
	run r;
	read_bytes(&r, mbox.buf, mbox.len, NULL);
	assert_int_equal(r.count, 1);
	assert_int_equal(count_lines(r.msgs[0].warnings), 101);
	assert_true(has_warning(r.msgs[0].warnings, "rejected-from-line@63"));
	assert_non_null(strstr(r.msgs[0].warnings, "150 more rejected 'From ' lines"));
	run_release(&r);
	ct_buf_release(&mbox);
}

/* ---- From_ line judgement on small inputs ------------------------------ */

static const struct {
	const char *what;
	const char *text;
	size_t count;
	const char *warn; /* on message 0, or NULL */
} split_rows[] = {
	{ "mutt #433: comment after the address",
	  "From a@example.com Sat Jul 27 10:00:00 2013\nSubject: a\n\nx\n\n"
	  "From u2@a.invalid (comment) Sat Jul 27 10:00:00 2013\nSubject: b\n\ny\n", 2, NULL },
	{ "mutt #433: angle address",
	  "From a@example.com Sat Jul 27 10:00:00 2013\nSubject: a\n\nx\n\n"
	  "From u3 <u3@a.invalid> Mon Aug 12 10:00:00 2013\nSubject: b\n\ny\n", 2, NULL },
	{ "zone before and after the year, no seconds",
	  "From a@example.com Thu Mar  2 09:14 PST 2017\nSubject: a\n\nx\n\n"
	  "From b@example.com Thu Mar  2 09:14:00 2017 +0100\nSubject: b\n\ny\n", 2, NULL },
	{ "From_ line without a blank line before it is kept, with a warning",
	  "From a@example.com Thu Mar  2 09:14:00 2017\nSubject: a\n\nx\n"
	  "From b@example.com Thu Mar  2 09:15:00 2017\nSubject: b\n\ny\n", 1,
	  "rejected-from-line@58" },
	{ "From_ line followed by a blank line is body text",
	  "From a@example.com Thu Mar  2 09:14:00 2017\nSubject: a\n\nx\n\n"
	  "From b@example.com Thu Mar  2 09:15:00 2017\n\ny\n", 1, "rejected-from-line@59" },
	{ "From_ line followed by prose is body text",
	  "From a@example.com Thu Mar  2 09:14:00 2017\nSubject: a\n\nx\n\n"
	  "From b@example.com Thu Mar  2 09:15:00 2017\nthe ballot: passed\n", 1,
	  "rejected-from-line@59" },
	{ "two-digit year is not a From_ line",
	  "From a@example.com Thu Mar  2 09:14:00 2017\nSubject: a\n\nx\n\n"
	  "From b@example.com Thu Mar  2 09:15:00 17\nSubject: b\n", 1, "rejected-from-line@59" },
	{ "blank lines before the first From_ line are skipped",
	  "\n\r\nFrom a@example.com Thu Mar  2 09:14:00 2017\nSubject: a\n\nx\n", 1, NULL },
	{ "a lone From_ line is not a message",
	  "From a@example.com Thu Mar  2 09:14:00 2017\n", 1, "no-from-line@0" },
	{ "obsolete space before the colon still looks like a header",
	  "From a@example.com Thu Mar  2 09:14:00 2017\nSubject : a\n\nx\n", 1, NULL },
};

static void test_split_rules(void **state)
{
	for (size_t i = 0; i < sizeof(split_rows) / sizeof(split_rows[0]); i++) {
		run r;
		read_bytes(&r, split_rows[i].text, strlen(split_rows[i].text), NULL);
		if (r.count != split_rows[i].count)
			fail_msg("%s: %zu messages", split_rows[i].what, r.count);
		if (split_rows[i].warn && !has_warning(r.msgs[0].warnings, split_rows[i].warn))
			fail_msg("%s: warnings:\n%s", split_rows[i].what, r.msgs[0].warnings);
		if (!split_rows[i].warn && r.msgs[0].warnings[0])
			fail_msg("%s: unexpected warnings:\n%s", split_rows[i].what, r.msgs[0].warnings);
		run_release(&r);
	}
}

/* ---- From_ line dates -------------------------------------------------- */

static const struct {
	const char *s;
	const char *iso; /* NULL: invalid */
} date_rows[] = {
	{ "Thu Mar  2 09:14:00 2017", "2017-03-02T09:14:00Z" },
	{ "From kwilson at digicert.com  Thu Mar  2 09:14:00 2017", "2017-03-02T09:14:00Z" },
	{ "From - Mon Jan 01 00:00:00 2001", "2001-01-01T00:00:00Z" },
	{ "Thu Mar  2 09:14:00 PST 2017", "2017-03-02T17:14:00Z" },
	{ "Thu Mar  2 09:14:00 2017 +0100", "2017-03-02T08:14:00Z" },
	{ "Thu, 2 Mar 2017 09:14:00 +0000", "2017-03-02T09:14:00Z" },
	{ "Thu Mar  2 09:14 2017", "2017-03-02T09:14:00Z" },
	{ "Sat Jul 27 10:00:00 2013 remote from uucphost", "2013-07-27T10:00:00Z" },
	{ "Tue Feb 29 12:00:00 2000", "2000-02-29T12:00:00Z" },
	{ "here on, CAA checking is mandatory", NULL },
	{ "Thu Mar  2 2017", NULL },
	{ "Thu Mar 32 09:14:00 2017", NULL },
	{ "Wed Feb 29 09:14:00 2017", NULL },
	{ "Thu Mar  2 25:14:00 2017", NULL },
	{ "Thu Mar  2 09:14:00 17", NULL },
	{ "Thu Mar  2 09:14:00 2017 and more words", NULL },
	{ "", NULL },
};

static void test_from_line_dates(void **state)
{
	for (size_t i = 0; i < sizeof(date_rows) / sizeof(date_rows[0]); i++) {
		int64_t t = 0;
		int rc = ct_archive_parse_from_line_date(date_rows[i].s, strlen(date_rows[i].s), &t);
		if (!date_rows[i].iso) {
			if (rc != CT_EINVALID)
				fail_msg("'%s' parsed", date_rows[i].s);
			continue;
		}
		if (rc != 0)
			fail_msg("'%s' not parsed", date_rows[i].s);
		char iso[21];
		ct_time_format_iso(t, iso);
		assert_string_equal(iso, date_rows[i].iso);
	}
}

/* ---- errors ------------------------------------------------------------ */

/* Copies (to be decoded on another thread) keep everything after the
 * archive has moved on and is gone. */
static void test_copies_outlive_the_archive(void **state)
{
	(void)state;
	run r;
	read_fixture(&r, "from-in-body.mbox", NULL);
	char *path = apath("from-in-body.mbox");
	ct_archive *a;
	ct_error err = CT_ERROR_INIT;
	assert_int_equal(ct_archive_open(&a, path, NULL, &err), 0);
	ct_raw_message m, *copies[64];
	size_t n = 0;
	while (ct_archive_next(a, &m, &err) == 1 && n < 64)
		copies[n++] = ct_raw_message_copy(&m);
	ct_archive_free(a);
	assert_int_equal(n, r.count);
	int warned = 0;
	for (size_t i = 0; i < n; i++) {
		const ct_raw_message *c = copies[i];
		assert_int_equal(c->offset, r.msgs[i].offset);
		assert_int_equal(c->len, r.msgs[i].len);
		assert_memory_equal(c->data, r.msgs[i].data, c->len);
		assert_int_equal(c->data[c->len], '\0');
		assert_string_equal(c->file, path);
		char *fl = c->from_line ? ct_strndup(c->from_line, c->from_line_len) : NULL;
		if (fl || r.msgs[i].from_line)
			assert_string_equal(fl, r.msgs[i].from_line);
		free(fl);
		char *w = warnings_text(c->warnings);
		assert_string_equal(w, r.msgs[i].warnings);
		warned |= *w != '\0';
		free(w);
		ct_raw_message_free_copy(copies[i]);
	}
	assert_true(warned); /* the fixture's rejected From_ lines came along */
	free(path);
	run_release(&r);
}

/* on_input sees every byte read from the file, once and in order: the
 * compressed bytes of a gzip file. */
static void collect_input(void *ctx, const void *data, size_t len)
{
	ct_buf_add(ctx, data, len);
}

static void test_on_input_sees_the_file(void **state)
{
	(void)state;
	const char *names[] = { "mboxrd.mbox", "2017-March.txt.gz", "truncated.mbox.gz" };
	for (size_t k = 0; k < 3; k++) {
		char *path = apath(names[k]);
		char *file;
		size_t len;
		assert_int_equal(ct_read_file(path, &file, &len), 0);
		for (size_t block = 7; block <= 1u << 20; block <<= 7) {
			ct_buf seen = CT_BUF_INIT;
			ct_archive_options o = { .block_size = block, .on_input = collect_input,
						 .on_input_ctx = &seen };
			run r;
			read_all(&r, path, &o);
			if (seen.len != len || memcmp(seen.buf, file, len))
				fail_msg("%s, blocks of %zu: on_input saw %zu of %zu bytes", names[k],
					 block, seen.len, len);
			run_release(&r);
			ct_buf_release(&seen);
		}
		free(file);
		free(path);
	}
}

static void test_open_errors_name_the_file(void **state)
{
	ct_archive *a = (ct_archive *)1;
	ct_error err = CT_ERROR_INIT;
	char *missing = apath("no-such-2017-March.txt");
	assert_int_equal(ct_archive_open(&a, missing, NULL, &err), CT_EIO);
	assert_null(a);
	assert_non_null(strstr(err.msg, missing));
	assert_non_null(strstr(err.msg, "cannot open: No such file"));
	free(missing);

	char *dir = fixture_path("archive");
	assert_int_equal(ct_archive_open(&a, dir, NULL, &err), CT_EIO);
	assert_null(a);
	assert_non_null(strstr(err.msg, dir));
	assert_non_null(strstr(err.msg, "cannot open: Is a directory"));
	free(dir);

	/* Linux answers a read at address 0 of /proc/self/mem with EIO. */
	if (access("/proc/self/mem", R_OK) == 0) {
		assert_int_equal(ct_archive_open(&a, "/proc/self/mem", NULL, &err), CT_EIO);
		assert_string_equal(err.msg, "/proc/self/mem: cannot read: Input/output error");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures),
		cmocka_unit_test(test_offsets_point_at_the_bytes),
		cmocka_unit_test(test_unescape),
		cmocka_unit_test(test_unescape_edges),
		cmocka_unit_test(test_block_boundaries),
		cmocka_unit_test(test_gzip_same_as_plain),
		cmocka_unit_test(test_gzip_concatenated_members),
		cmocka_unit_test(test_gzip_truncated_anywhere),
		cmocka_unit_test(test_gzip_damage),
		cmocka_unit_test(test_message_too_large),
		cmocka_unit_test(test_rejected_warnings_are_capped),
		cmocka_unit_test(test_split_rules),
		cmocka_unit_test(test_from_line_dates),
		cmocka_unit_test(test_copies_outlive_the_archive),
		cmocka_unit_test(test_on_input_sees_the_file),
		cmocka_unit_test(test_open_errors_name_the_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
