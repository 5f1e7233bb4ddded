/* fuzz_archive_gzip: the input gzip-compressed, then — as its size and last
 * byte choose — cut short, or with one byte of the stream changed, and
 * split as an archive (truncated and corrupt streams, tiny inflate steps,
 * a small inflate cap for the bomb guard). */
#include <zlib.h>

#include "fuzz.h"
#include "fuzz_file.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_file_init();
	return 0;
}

static uint8_t *gzip(const uint8_t *data, size_t size, size_t *out_len)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	size_t cap = deflateBound(&zs, (uLong)size) + 64;
	uint8_t *out = malloc(cap);
	zs.next_in = (Bytef *)data;
	zs.avail_in = (uInt)size;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
		abort();
	*out_len = cap - zs.avail_out;
	deflateEnd(&zs);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	uint8_t last = size ? data[size - 1] : 0;
	size_t zlen;
	uint8_t *z = gzip(data, size, &zlen);
	switch (size % 4) {
	case 1: /* truncated stream */
		zlen = zlen * last / 256;
		break;
	case 2: /* one byte changed, never the magic */
		if (zlen > 2)
			z[2 + (size_t)last * 7919 % (zlen - 2)] ^= (uint8_t)(last | 1);
		break;
	case 3: /* trailing garbage after the stream */
		z = realloc(z, zlen + 3);
		memcpy(z + zlen, "\x1f\x8bX", 3);
		zlen += 3;
		break;
	}
	ct_archive_options o = { 0 };
	o.format = (ct_mbox_format)(last % 4);
	if (last & 1)
		o.block_size = 1 + last;
	if (last & 2)
		o.max_inflated_size = 64 + (uint64_t)last * 4;
	fuzz_archive_run(z, zlen, &o);
	free(z);
	return 0;
}
