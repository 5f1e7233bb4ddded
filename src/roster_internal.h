/* roster internals shared by src/roster.c (loading) and src/roster_lookup.c. */
#ifndef CABTALLY_ROSTER_INTERNAL_H
#define CABTALLY_ROSTER_INTERNAL_H

#include "cabtally/roster.h"

/* One normalised name or alias and the member it belongs to. */
struct ct_roster_key {
	char *key;
	size_t len;
	const ct_member *member;
};

struct ct_roster {
	ct_member *members;
	size_t nmembers;
	struct ct_roster_key *keys; /* sorted by key */
	size_t nkeys;
};

/* Build the name index (after loading). Returns the index of the first key
 * that two members share, or -1; sets *a and *b to them. */
long ct_roster_index(ct_roster *r, const ct_member **a, const ct_member **b);

#endif
