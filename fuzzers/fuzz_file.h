/*
 * fuzzers/fuzz_file: the archive reader takes a path, so the archive
 * targets write each input to one private temporary file (created once,
 * removed at exit) and read it back with every ct_archive_* call a caller
 * makes: next, unescape, the prefilter's header scan, the From_ line date.
 */
#ifndef CABTALLY_FUZZ_FILE_H
#define CABTALLY_FUZZ_FILE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cabtally/archive.h"
#include "cabtally/prefilter.h"

static char fuzz_path[256];

static void fuzz_file_cleanup(void)
{
	if (fuzz_path[0])
		unlink(fuzz_path);
}

static inline void fuzz_file_init(void)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/cabtally-fuzz-XXXXXX", dir);
	int fd = mkstemp(fuzz_path);
	if (fd < 0)
		abort();
	close(fd);
	atexit(fuzz_file_cleanup);
}

static inline void fuzz_archive_run(const uint8_t *data, size_t size,
				    const ct_archive_options *o)
{
	if (!fuzz_path[0])
		fuzz_file_init();
	FILE *f = fopen(fuzz_path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	ct_archive *a = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_archive_open(&a, fuzz_path, o, &err) != 0)
		abort(); /* the file exists: opening it must work */
	ct_raw_message m;
	ct_buf text = CT_BUF_INIT;
	uint64_t last_offset = 0;
	int rc;
	while ((rc = ct_archive_next(a, &m, &err)) == 1) {
		if (!m.data || m.offset < last_offset)
			abort(); /* archive.h: data never NULL, file order */
		last_offset = m.offset;
		ct_buf_reset(&text);
		ct_raw_message_unescape(&m, &text);
		ct_raw_headers h;
		ct_raw_headers_scan(&h, m.data, m.len);
		int64_t t;
		if (m.from_line)
			ct_archive_parse_from_line_date(m.from_line, m.from_line_len, &t);
	}
	ct_buf_release(&text);
	(void)ct_archive_warnings(a);
	ct_archive_free(a);
}

#endif
