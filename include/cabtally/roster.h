/*
 * roster: who is a voting member of which group, in which category, on which
 * date, and which mail speaks for them. Owns the roster XML (docs/roster.md,
 * schema data/roster.rng), the name and address look-ups, and the rules that
 * turn a sender (and the organisation a vote names) into a member.
 *
 * Design: a roster is read once into plain arrays and never changes; every
 * look-up is a pure function of (roster, input, date). Dates are UTC day
 * starts as seconds since the epoch; `from` is inclusive, `until` exclusive,
 * CT_ROSTER_OPEN marks a missing bound. The loader treats the file as
 * untrusted: no network, no DTD, no entity declarations at all (a DOCTYPE
 * that declares one is rejected before anything is expanded or fetched), and
 * libxml2's messages are collected into ct_error / ct_warnings, never printed.
 *
 * Invariants: every member has an id (unique) and at least one name; names
 * are sorted by `from` (the first may be open); strings are NUL-terminated
 * UTF-8; domains and addresses are stored lowercase; no name or alias
 * normalises to the same key as another member's (look-ups are unambiguous);
 * memberships of one member in one group do not overlap.
 */
#ifndef CABTALLY_ROSTER_H
#define CABTALLY_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "cabtally/util.h"

/* A missing date bound: from = -CT_ROSTER_OPEN, until = CT_ROSTER_OPEN. */
#define CT_ROSTER_OPEN INT64_MAX

typedef enum ct_roster_category {
	CT_CAT_NONE = 0,
	CT_CAT_ISSUER,   /* "Certificate Issuer" ("CA" in older bylaws) */
	CT_CAT_CONSUMER, /* "Certificate Consumer" ("browser") */
} ct_roster_category;

typedef enum ct_member_status {
	CT_MS_NONE = 0,
	CT_MS_VOTING,
	CT_MS_PROBATIONARY,
	CT_MS_ASSOCIATE,
	CT_MS_INTERESTED_PARTY,
} ct_member_status;

typedef struct ct_roster_name {
	char *text;
	int64_t from; /* -CT_ROSTER_OPEN: from the beginning */
} ct_roster_name;

/* A domain or an address with its validity. */
typedef struct ct_roster_dated {
	char *value;
	int64_t from, until;
} ct_roster_dated;

typedef struct ct_roster_membership {
	char *group;
	ct_roster_category category;
	ct_member_status status;
	int64_t from, until;
} ct_roster_membership;

typedef struct ct_member {
	char *id;
	int line; /* of <member> in the file */
	ct_roster_name *names;
	size_t nnames;
	char **aliases;
	size_t naliases;
	ct_roster_dated *domains;
	size_t ndomains;
	ct_roster_dated *addresses;
	size_t naddresses;
	ct_roster_membership *memberships;
	size_t nmemberships;
} ct_member;

typedef struct ct_roster ct_roster;

/* Read and validate a roster file. `schema_path` is the RELAX NG schema
 * (the cli passes cli_data_path("roster.rng")); NULL skips the schema but
 * not the loader's own checks. Every problem found is added to `diags` (may
 * be NULL) as "FILE:LINE: message"; `err` gets the first one (and a count).
 * Returns 0 and *out (free with ct_roster_free), CT_EIO when the file cannot
 * be read, CT_EINVALID when it is not a valid roster. */
int ct_roster_load(ct_roster **out, const char *path, const char *schema_path,
	ct_warnings *diags, ct_error *err);
/* The same from memory; `name` is used in messages. */
int ct_roster_load_memory(ct_roster **out, const char *data, size_t len, const char *name,
	const char *schema_path, ct_warnings *diags, ct_error *err);
void ct_roster_free(ct_roster *r);

/* Members in file order. Borrowed; valid until ct_roster_free. */
size_t ct_roster_count(const ct_roster *r);
const ct_member *ct_roster_member(const ct_roster *r, size_t i);
const ct_member *ct_roster_find_id(const ct_roster *r, const char *id);

/* The display name on `when`: the name with the latest `from` not after it
 * (the first name before any `from`). Never NULL. */
const char *ct_member_name_on(const ct_member *m, int64_t when);
/* The membership in `group` that covers `when`, or NULL. */
const ct_roster_membership *ct_member_membership(const ct_member *m, const char *group, int64_t when);

/* The member that lists `address` (case-insensitive) as a representative on
 * `when`, or NULL. */
const ct_member *ct_roster_find_address(const ct_roster *r, const char *address, int64_t when);
/* Members whose domain, valid on `when`, is the address's domain (text after
 * '@', or the whole string) or a parent of it on a label boundary. Only the
 * most specific matching domain counts. Fills up to `max` members into
 * `found` and returns how many matched (may exceed max). */
size_t ct_roster_find_domain(const ct_roster *r, const char *address, int64_t when,
	const ct_member **found, size_t max);
/* The member one of whose names (current or former) or aliases equals
 * `name`, compared case-insensitively, ignoring punctuation, blanks and a
 * leading "The"; NULL when none. */
const ct_member *ct_roster_find_name(const ct_roster *r, const char *name);
/* The member whose name or alias occurs in `text` (on word boundaries, same
 * comparison), the longest match winning, then the earliest; NULL when none.
 * Names shorter than three letters ("LE") are only matched whole, by
 * ct_roster_find_name, never inside text.
 * *at and *len (may be NULL) get the byte span of the match in `text`. */
const ct_member *ct_roster_find_in_text(const ct_roster *r, const char *text,
	size_t *at, size_t *len);

/* Normalise a name for comparison into `out` (at least strlen(s)+1 bytes):
 * lowercase ASCII letters and digits, Latin-1 accents folded, punctuation,
 * blanks and a leading "The " dropped. Returns the length. */
size_t ct_roster_name_key(const char *s, char *out);

/* Group ids and words. */
const char *ct_category_str(ct_roster_category c);     /* "issuer", "consumer" */
const char *ct_member_status_str(ct_member_status s); /* "voting", ... */

/* ---- resolving a vote's sender ------------------------------------------ */

typedef enum ct_resolution_status {
	CT_RES_MEMBER = 0,   /* a voting member of the group on that date */
	CT_RES_NOT_A_MEMBER, /* the sender maps to no member */
	CT_RES_NOT_VOTING,   /* a member, but without a vote in that group then */
	CT_RES_UNCLEAR,      /* cannot tell which member; see reason */
} ct_resolution_status;

typedef struct ct_resolution {
	ct_resolution_status status;
	const ct_member *member;  /* NULL for NOT_A_MEMBER and most UNCLEAR */
	const char *member_id;    /* borrowed from the roster, or NULL */
	const char *name;         /* display name on that date, or NULL */
	ct_roster_category category;     /* of the membership found, else NONE */
	ct_member_status membership; /* status of the membership found, else NONE */
	char reason[320];         /* why, in words, for the audit line */
} ct_resolution;

/* Decide who a message from `address` (already un-munged) speaks for in
 * `group` on `when`. `org_named` is the organisation the vote text names
 * ("B votes yes"; may be NULL). Rules (docs/roster.md, "Resolution"):
 * a listed representative address wins over domains; a text naming another
 * member than the sender's is only followed when the sender is that member's
 * listed representative, else UNCLEAR; a domain shared by several members is
 * settled by the text, else UNCLEAR; no address or domain match is
 * NOT_A_MEMBER whatever the text says; a member without a voting membership
 * in the group on that date is NOT_VOTING. Returns 0, or CT_EUSAGE on NULL
 * arguments. */
int ct_roster_resolve(const ct_roster *r, ct_resolution *out, const char *address,
	const char *org_named, int64_t when, const char *group);

/* ---- listing ------------------------------------------------------------ */

typedef struct ct_roster_entry {
	const ct_member *member;
	const char *name; /* display name on that date */
	ct_roster_category category;
	ct_member_status status;
} ct_roster_entry;

/* Members with a membership in `group` covering `when` (only voting ones when
 * `voting_only`), sorted by display name (case-insensitive, then bytes).
 * *out is malloc'd (free() it; NULL when none); returns the count. */
size_t ct_roster_list(const ct_roster *r, int64_t when, const char *group, int voting_only,
	ct_roster_entry **out);

#endif
