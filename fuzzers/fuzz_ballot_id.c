/* fuzz_ballot_id: ballot ids parsed from a string and found in free text,
 * every id found formatted again and parsed back to the same ballot. */
#include "fuzz.h"
#include "cabtally/ballot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	ct_ballot_id id;
	char shown[24];
	if (ct_ballot_id_parse(&id, s, size) == 0) {
		ct_ballot_id_format(&id, shown, sizeof(shown));
		ct_ballot_id again;
		if (ct_ballot_id_parse(&again, shown, strlen(shown)) != 0 ||
		    !ct_ballot_id_same(&id, &again))
			abort(); /* the display form reads back as the same ballot */
	}
	size_t pos = 0;
	while (pos < size) {
		size_t start, end;
		if (!ct_ballot_id_find(&id, s + pos, size - pos, &start, &end))
			break;
		if (start > end || end > size - pos)
			abort();
		ct_ballot_id_format(&id, shown, sizeof(shown));
		pos += end > 0 ? end : 1;
	}
	char *subject = fuzz_cstr(data, size);
	char norm[256];
	ct_ballot_subject_normalize(subject, norm, sizeof(norm));
	ct_ballot_subject_title(subject, norm, sizeof(norm));
	(void)ct_ballot_subject_wants_body(subject);
	ct_group g;
	(void)ct_group_from_name(&g, subject);
	free(subject);
	return 0;
}
