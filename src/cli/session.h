/*
 * cli/session: what `tally`, `votes` and `status` share — their options,
 * the roster, one scan of the archives, and turning a ballot of the scan
 * into a tally (sender resolution through the roster, rules by group and
 * date, the quorum base, the chair's rulings).
 */
#ifndef CABTALLY_CLI_SESSION_H
#define CABTALLY_CLI_SESSION_H

#include "scan.h"
#include "cabtally/ballot.h"
#include "cabtally/roster.h"
#include "cabtally/rules.h"
#include "cabtally/tally.h"

enum session_format {
	FORMAT_DEFAULT = 0,
	FORMAT_MD,
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_HTML,
	FORMAT_TSV,
};

typedef struct session_opts {
	int have_ballot;
	ct_ballot_id ballot;
	int all;
	const char *roster_path;
	const char *rules;
	int have_period;
	int64_t period_start, period_end;
	ct_quorum_base quorum;
	const char *group;
	const char *now;
	int64_t cutoff;      /* messages dated at or after this are not read (status --now) */
	enum session_format format;
	const char *output;
	ct_tally_ruling *rulings;
	size_t nrulings;
	int explain, quiet, progress;
	int jobs;            /* decoding threads besides the scanning one; -1: the default */
	const char *layout;
	int front_matter;
	const char *author;
	char **archives;
	size_t narchives;
} session_opts;

/* Parse "START..END" (ISO 8601) into o->period_*. Returns 0 or -1. */
int session_parse_period(session_opts *o, const char *v);

/* Set every option to its default (cutoff: read every message). */
void session_opts_init(session_opts *o);

/* Parse the common options of `cmd` (argv[0]). `formats` lists the formats
 * the command offers ("md text json"). Prints the usage text on --help
 * (returns -1 then: exit 0) and on errors (returns EXIT_USAGE). */
int session_opts_parse(session_opts *o, int argc, char **argv, const char *usage,
		       const char *formats);
void session_opts_release(session_opts *o);

typedef struct session {
	session_opts *opts;
	ct_roster *roster;
	scan scan;
} session;

/* Load the roster and scan the archives. Returns an exit code (0 on success;
 * the error is printed). */
int session_open(session *s, session_opts *o);
void session_close(session *s);

/* The position of the ballot the options name in the scan's index, or -1
 * (printed: "ballot X not found in the archives"). */
long session_find_ballot(session *s);

/* What a tally needs besides the result, for the renderers and JSON. */
typedef struct session_ballot {
	char display[32];   /* "SC23" */
	char version[16];   /* "v3" or "" */
	const char *title;  /* borrowed from the index */
	const char *group;
	const char *period_source;
	const char *announcement; /* fresh text of the announcement, or NULL */
	int64_t when;       /* the day membership and categories are taken from */
	ct_rules rules;
} session_ballot;

/* Tally ballot `pos` of the index. Returns 0 and *out, or an exit code
 * (printed). */
int session_tally(session *s, long pos, ct_tally_result **out, session_ballot *sb);

/* The JSON "meta" for a result (inputs with sha256). `inputs` is a caller
 * array of s->scan.ninputs entries. */
void session_json_meta(const session *s, const session_ballot *sb, ct_tally_json_input *inputs,
		       ct_tally_meta *meta);

#endif
