/* fuzz_roster: load any bytes as a roster, with the bundled RELAX NG schema
 * or with the loader's own checks only, then run the look-ups on it. */
#include "fuzz.h"
#include "cabtally/roster.h"

#ifndef FUZZ_DATADIR
#define FUZZ_DATADIR "data"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t last = size ? data[size - 1] : 0;
	const char *schema = (last & 1) ? FUZZ_DATADIR "/roster.rng" : NULL;
	ct_roster *r = NULL;
	ct_warnings diags = CT_WARNINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	if (ct_roster_load_memory(&r, (const char *)data, size, "fuzz.xml", schema, &diags,
				  &err) == 0) {
		const int64_t when = 1573095600;
		for (size_t i = 0; i < ct_roster_count(r); i++) {
			const ct_member *m = ct_roster_member(r, i);
			(void)ct_member_name_on(m, when);
			(void)ct_member_membership(m, "scwg", when);
			if (ct_roster_find_id(r, m->id) != m)
				abort();
		}
		ct_resolution res;
		(void)ct_roster_resolve(r, &res, "someone@mail.example.com", "Example", when,
					"scwg");
		(void)ct_roster_find_in_text(r, "DigiCert votes yes", NULL, NULL);
		ct_roster_free(r);
	}
	ct_warnings_release(&diags);
	return 0;
}
