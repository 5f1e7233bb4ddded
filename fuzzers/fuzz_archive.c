/* fuzz_archive: split any bytes as a mail archive (plain; a gzip magic makes
 * it a damaged gzip stream). Options come from the input's size and last
 * byte so tiny blocks and message caps get exercised too. */
#include "fuzz.h"
#include "fuzz_file.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_file_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t last = size ? data[size - 1] : 0;
	ct_archive_options o = { 0 };
	o.format = (ct_mbox_format)(last % 4);
	if (size & 1)
		o.block_size = 1 + last;
	if (size & 2)
		o.max_message_size = 64 + (size_t)last * 8;
	fuzz_archive_run(data, size, &o);
	return 0;
}
