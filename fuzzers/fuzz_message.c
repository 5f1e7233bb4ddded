/* fuzz_message: decode any bytes as one raw message (headers, MIME,
 * charsets, HTML, addresses, dates, threading ids) and check the
 * invariants message.h promises. */
#include "fuzz.h"
#include "cabtally/message.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ct_message_global_init();
	return 0;
}

static void check_str(const char *s)
{
	if (!s)
		abort();
	(void)strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t last = size ? data[size - 1] : 0;
	static const char from_line[] = "From someone at example.com  Thu Mar  2 09:14:00 2017";
	ct_raw_message raw = {
		.file = "fuzz.mbox",
		.offset = 0,
		.from_line = (last & 4) ? from_line : NULL,
		.from_line_len = (last & 4) ? sizeof(from_line) - 1 : 0,
		.from_line_date = (last & 4) ? 1488445440 : CT_TIME_NONE,
		.pipermail = (last & 3) == CT_MBOX_PIPERMAIL,
		.format = (ct_mbox_format)(1 + last % 3),
		.data = (const char *)data,
		.len = size,
	};
	ct_message *m = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_message_parse(&m, &raw, &err) != 0)
		return 0;
	check_str(m->subject);
	check_str(m->subject_normalized);
	check_str(m->body);
	check_str(m->from.name);
	check_str(m->from.address);
	for (size_t i = 0; i < m->nreferences; i++)
		check_str(m->references[i]);
	for (size_t i = 0; i < m->ncc; i++)
		check_str(m->cc[i].address);
	for (size_t i = 0; i < m->warnings.count; i++)
		check_str(m->warnings.items[i].message);
	char *norm = ct_subject_normalize(m->subject);
	free(norm);
	ct_message_free(m);
	return 0;
}
