/* cli/cmd_votes: `cabtally votes` — the ledger of one ballot: every message and why it counted or not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "session.h"
#include "cabtally/render.h"

const char cmd_votes_summary[] = "the ledger: every message of the ballot and why it counted or not";

static const char usage_text[] =
	"usage: cabtally votes --ballot ID [options] ARCHIVE...\n"
	"\n"
	"Every message of the ballot's thread (and every vote naming the ballot) with\n"
	"its status — counted, superseded, late, early, unclear, no-vote,\n"
	"not-a-member, not-voting, wrong-ballot, duplicate, excluded — the reason,\n"
	"and the line that carries the vote.\n"
	"\n"
	"  --ballot ID         the ballot (any spelling)\n"
	"  --format F          text (default: tab-separated columns with a header),\n"
	"                      md (a table), json ({\"ballot\": …, \"ledger\": […]}), tsv\n"
	"  --roster, --rules, --period, --group, --exclude, --ruling, --output,\n"
	"  --jobs, --quiet, --progress as for `cabtally tally`\n";

static void json_ledger(ct_buf *out, const ct_tally_result *r)
{
	/* The ledger objects of the full result, so both stay one shape. */
	ct_buf full = CT_BUF_INIT;
	ct_tally_result_to_json(&full, r, NULL);
	const char *l = strstr(ct_buf_cstr(&full), "\"ledger\": ");
	ct_buf_addstr(out, "{\"schema_version\": 1, \"ballot\": ");
	ct_buf_add_json_string(out, r->ballot_id);
	ct_buf_addstr(out, ", ");
	if (l) {
		ct_buf_addstr(out, l);
		/* drop the result's closing brace: the ledger is its last member */
		while (out->len && (out->buf[out->len - 1] == '\n' || out->buf[out->len - 1] == '}'))
			ct_buf_truncate(out, out->len - 1);
		ct_buf_addstr(out, "\n}\n");
	} else {
		ct_buf_addstr(out, "\"ledger\": []}\n");
	}
	ct_buf_release(&full);
}

int cmd_votes(int argc, char **argv)
{
	session_opts o;
	int rc = session_opts_parse(&o, argc, argv, usage_text, "text md json tsv");
	if (rc) {
		session_opts_release(&o);
		return rc < 0 ? EXIT_DONE : rc;
	}
	if (!o.have_ballot) {
		cli_error("votes: --ballot ID is required");
		fputs(usage_text, stderr);
		session_opts_release(&o);
		return EXIT_USAGE;
	}
	session s;
	ct_buf out = CT_BUF_INIT;
	rc = session_open(&s, &o);
	long pos = rc ? -1 : session_find_ballot(&s);
	if (!rc && pos < 0)
		rc = EXIT_DATAERR;
	if (!rc) {
		ct_tally_result *r = NULL;
		session_ballot sb;
		rc = session_tally(&s, pos, &r, &sb);
		if (!rc) {
			if (o.format == FORMAT_JSON) {
				json_ledger(&out, r);
			} else {
				if (o.format != FORMAT_MD)
					ct_buf_addstr(&out, "date\tstatus\tmember\tvote\tsender\treason\tevidence\tmessage_id\n");
				ct_render_ledger(&out, r, o.format == FORMAT_MD);
			}
			ct_tally_result_free(r);
		}
	}
	if (!rc)
		rc = cli_write_output(o.output, &out);
	if (!rc && s.scan.failed_inputs)
		rc = EXIT_NOINPUT;
	ct_buf_release(&out);
	session_close(&s);
	session_opts_release(&o);
	return rc;
}
