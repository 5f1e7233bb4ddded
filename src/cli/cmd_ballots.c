/* cli/cmd_ballots: `cabtally ballots` — every ballot found in the archives, with its period. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "scan.h"

const char cmd_ballots_summary[] = "the ballots found, with group, title, voting period, message counts";

static const char usage_text[] =
	"usage: cabtally ballots [--format text|json|tsv] [--output FILE] [--jobs N] [--quiet] ARCHIVE...\n"
	"\n"
	"List every ballot found in the archives: id, version, group, title, the\n"
	"announcement's date, the voting period read from it (or why none was found),\n"
	"the number of messages in its thread and how many of them carry a vote.\n"
	"Ballots are sorted by the start of their voting period, then id.\n";

static long votes_of(const scan *s, size_t ballot)
{
	const long *members;
	size_t n = ct_ballot_index_members(s->index, ballot, &members);
	long votes = 0;
	for (size_t i = 0; i < n; i++) {
		const scan_msg *m = &s->msgs[members[i]];
		if (ct_ballot_index_is_duplicate(s->index, members[i]))
			continue;
		for (size_t k = 0; k < m->nreadings; k++)
			if (m->readings[k].vote >= 1 && m->readings[k].vote <= 3) {
				votes++;
				break;
			}
	}
	return votes;
}

static void iso_or_empty(int64_t t, char out[21])
{
	if (t == CT_NO_DATE)
		out[0] = '\0';
	else
		ct_time_format_iso(t, out);
}

static void json_ballot(ct_buf *out, const scan *s, size_t i)
{
	const ct_ballot_info *b = ct_ballot_index_get(s->index, i);
	char id[32], ann[21], st[21], en[21];
	ct_ballot_id bare = b->id;
	bare.version = 0;
	ct_ballot_id_format(&bare, id, sizeof(id));
	iso_or_empty(b->announced, ann);
	ct_buf_addstr(out, "{\"id\": ");
	ct_buf_add_json_string(out, id);
	ct_buf_addstr(out, ", \"version\": ");
	if (b->id.version > 0)
		ct_buf_addf(out, "\"v%d\"", b->id.version);
	else
		ct_buf_addstr(out, "null");
	ct_buf_addf(out, ", \"group\": \"%s\", \"title\": ", ct_group_name(b->id.group));
	ct_buf_add_json_string(out, b->title);
	ct_buf_addstr(out, ", \"announced\": ");
	if (ann[0])
		ct_buf_add_json_string(out, ann);
	else
		ct_buf_addstr(out, "null");
	ct_buf_addstr(out, ", \"period\": ");
	if (b->has_period) {
		ct_time_format_iso(b->period.start, st);
		ct_time_format_iso(b->period.end, en);
		ct_buf_addf(out, "{\"start\": \"%s\", \"end\": \"%s\", \"source\": \"%s\"}", st, en,
			    (b->period.flags & CT_PERIOD_FROM_QUOTED) ? "quoted" : "announcement");
	} else {
		ct_buf_addstr(out, "null, \"period_reason\": ");
		ct_buf_add_json_string(out, b->period.reason);
	}
	ct_buf_addf(out, ", \"messages\": %zu, \"votes\": %ld}", b->messages, votes_of(s, i));
}

static void text_ballot(ct_buf *out, const scan *s, size_t i, int tsv)
{
	const ct_ballot_info *b = ct_ballot_index_get(s->index, i);
	char id[32], st[21] = "", en[21] = "";
	ct_ballot_id_format(&b->id, id, sizeof(id));
	if (b->has_period) {
		ct_time_format_iso(b->period.start, st);
		ct_time_format_iso(b->period.end, en);
	}
	if (tsv)
		ct_buf_addf(out, "%s\t%s\t%s\t%s\t%s\t%zu\t%ld\n", id, ct_group_name(b->id.group), st, en,
			    b->title, b->messages, votes_of(s, i));
	else if (b->has_period)
		ct_buf_addf(out, "%-12s %-6s %s .. %s  %3zu messages %3ld votes  %s\n", id,
			    ct_group_name(b->id.group), st, en, b->messages, votes_of(s, i), b->title);
	else
		ct_buf_addf(out, "%-12s %-6s period not found (%s)  %3zu messages %3ld votes  %s\n", id,
			    ct_group_name(b->id.group), b->period.reason, b->messages, votes_of(s, i),
			    b->title);
}

int cmd_ballots(int argc, char **argv)
{
	int json = 0, tsv = 0, quiet = 0, threads = -1;
	const char *output = NULL;
	char **files = ct_calloc((size_t)argc + 1, sizeof(char *));
	size_t nfiles = 0;
	int rc = EXIT_DONE;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		int m;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage_text, stdout);
			free(files);
			return EXIT_DONE;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			quiet = 1;
		} else if ((m = cli_opt_value(argc, argv, &i, "--format", &v))) {
			if (m < 0 || (strcmp(v, "json") && strcmp(v, "text") && strcmp(v, "tsv"))) {
				cli_error("ballots: unknown format '%s' (text, json, tsv)", v ? v : "");
				rc = EXIT_USAGE;
				break;
			}
			json = !strcmp(v, "json");
			tsv = !strcmp(v, "tsv");
		} else if ((m = cli_opt_value(argc, argv, &i, "--jobs", &v))) {
			if (m < 0 || cli_parse_jobs("ballots", v, &threads)) {
				rc = EXIT_USAGE;
				break;
			}
		} else if ((m = cli_opt_value(argc, argv, &i, "--output", &v)) ||
			   (m = cli_opt_value(argc, argv, &i, "-o", &v))) {
			if (m < 0) {
				rc = EXIT_USAGE;
				break;
			}
			output = v;
		} else if (a[0] == '-' && a[1]) {
			cli_error("ballots: unknown option '%s'", a);
			rc = EXIT_USAGE;
			break;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (rc == EXIT_DONE && !nfiles) {
		cli_error("ballots: no archive given");
		rc = EXIT_USAGE;
	}
	if (rc) {
		fputs(usage_text, stderr);
		free(files);
		return rc;
	}
	scan s;
	scan_opts so = { .archives = files, .narchives = nfiles, .quiet = quiet,
			 .progress = quiet ? -1 : 0, .threads = threads };
	ct_error err = CT_ERROR_INIT;
	if (scan_run(&s, &so, &err)) {
		cli_error("%s", err.msg);
		rc = cli_exit_code(err.code);
	} else {
		ct_buf out = CT_BUF_INIT;
		size_t n = ct_ballot_index_count(s.index);
		if (json)
			ct_buf_addstr(&out, "{\"schema_version\": 1,\n \"ballots\": [");
		else if (tsv)
			ct_buf_addstr(&out, "id\tgroup\tstart\tend\ttitle\tmessages\tvotes\n");
		for (size_t i = 0; i < n; i++) {
			if (json) {
				ct_buf_addstr(&out, i ? ",\n  " : "\n  ");
				json_ballot(&out, &s, i);
			} else {
				text_ballot(&out, &s, i, tsv);
			}
		}
		if (json)
			ct_buf_addstr(&out, n ? "\n ]}\n" : "]}\n");
		rc = cli_write_output(output, &out);
		if (!rc && s.failed_inputs)
			rc = EXIT_NOINPUT;
		ct_buf_release(&out);
	}
	scan_release(&s);
	free(files);
	return rc;
}
