/* fuzz_vote: read a vote. The first line is the subject, the rest the
 * author's text; the thread's ballot is one of a few spellings (or none).
 * The body also goes through fresh first when the size is odd, as in the
 * program. */
#include "fuzz.h"
#include "cabtally/fresh.h"
#include "cabtally/vote.h"

static ct_vote_reader *reader;
static ct_fresh *fresh;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ct_error err = CT_ERROR_INIT;
	if (ct_vote_reader_new(&reader, &err) != 0 || ct_fresh_new(&fresh, &err) != 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!reader)
		LLVMFuzzerInitialize(NULL, NULL);
	static const char *threads[] = { NULL, "187", "SC23", "SC-064", "FORUM19", "x" };
	const uint8_t *body;
	size_t len;
	char *subject = fuzz_first_line(data, size, &body, &len);
	ct_buf text = CT_BUF_INIT;
	if (size & 1)
		ct_fresh_extract(fresh, &text, (const char *)body, len, NULL);
	else
		ct_buf_add(&text, body, len);
	ct_vote_result res = CT_VOTE_RESULT_INIT;
	if (ct_vote_read(reader, &res, (size & 2) ? subject : NULL, ct_buf_cstr(&text), text.len,
			 threads[size % 6]) != 0 || res.count < 1)
		abort();
	for (size_t i = 0; i < res.count; i++) {
		const ct_vote_reading *rd = &res.items[i];
		(void)ct_vote_reading_counts(rd);
		(void)ct_vote_class_name(rd->cls);
		(void)ct_vote_reason_name(rd->reason);
		if (rd->evidence)
			(void)strlen(rd->evidence);
		if (rd->org)
			(void)strlen(rd->org);
		if (!memchr(rd->ballot, '\0', sizeof(rd->ballot)))
			abort();
	}
	ct_vote_result_release(&res);
	ct_buf_release(&text);
	free(subject);
	return 0;
}
