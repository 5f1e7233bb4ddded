/* fuzz_ballot_period: the voting period of an announcement text, with and
 * without a message date to lean on and with quoted lines read or not. */
#include "fuzz.h"
#include "cabtally/ballot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t last = size ? data[size - 1] : 0;
	static const int64_t hints[] = { CT_NO_DATE, 1488405600 /* 2017-03-01 22:00Z */,
					 1573095600 /* 2019-11-07 03:00Z */, 0 };
	ct_period p;
	ct_error err = CT_ERROR_INIT;
	int rc = ct_ballot_period_parse_opts(&p, (const char *)data, size, hints[last % 4],
					     (last & 4) ? CT_PERIOD_READ_QUOTED : 0, &err);
	if (!memchr(p.start_evidence, '\0', sizeof(p.start_evidence)) ||
	    !memchr(p.end_evidence, '\0', sizeof(p.end_evidence)) ||
	    !memchr(p.reason, '\0', sizeof(p.reason)))
		abort();
	if (rc == 0) {
		char flags[256];
		ct_period_flags_format(p.flags, flags, sizeof(flags));
		(void)ct_period_contains(&p, p.start);
	}
	return 0;
}
