/* fuzz_date: every date parser on any string — RFC 5322 Date headers,
 * From_ line dates, ISO 8601 — and the civil-time round trip of whatever
 * they return. */
#include "fuzz.h"
#include "cabtally/archive.h"
#include "cabtally/message.h"

static void round_trip(int64_t t)
{
	int y, mo, d, h, mi, s;
	ct_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	if (ct_time_from_civil(y, mo, d, h, mi, s) != t)
		abort();
	char iso[21], day[11];
	ct_time_format_iso(t, iso);
	ct_time_format_date(t, day);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int64_t t;
	unsigned flags;
	if (ct_date_parse_rfc5322_ex(s, &t, &flags) == 0)
		round_trip(t);
	if (ct_archive_parse_from_line_date(s, size, &t) == 0)
		round_trip(t);
	if (ct_time_parse_iso(s, &t) == 0)
		round_trip(t);
	(void)ct_month_from_name(s, strlen(s));
	free(s);
	return 0;
}
