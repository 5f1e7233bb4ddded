/* fuzz_fresh: the author's own words of any body, with fresh.h's output
 * invariants. One ct_fresh for the whole run, as callers use it. */
#include "fuzz.h"
#include "cabtally/fresh.h"

static ct_fresh *fresh;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ct_error err = CT_ERROR_INIT;
	if (ct_fresh_new(&fresh, &err) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fresh)
		LLVMFuzzerInitialize(NULL, NULL);
	ct_buf out = CT_BUF_INIT;
	ct_fresh_info info;
	if (ct_fresh_extract(fresh, &out, (const char *)data, size, &info) != 0)
		abort();
	if (info.stop_offset > size || info.stop_offset + info.stop_len > size)
		abort();
	if (out.len && (out.buf[out.len - 1] != '\n' || out.buf[0] == '\n'))
		abort();
	(void)ct_fresh_stop_name(info.stop);
	ct_buf_release(&out);
	return 0;
}
