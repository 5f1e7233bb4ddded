/* cli/cmd_tally: `cabtally tally` — one ballot (or --all) from the archives, as the result post. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "session.h"
#include "cabtally/render.h"

const char cmd_tally_summary[] = "tally one ballot (or --all) and render the result";

static const char usage_text[] =
	"usage: cabtally tally (--ballot ID | --all) [options] ARCHIVE...\n"
	"\n"
	"Tally a ballot from the list archives (mbox, mboxrd, pipermail .txt, plain or\n"
	"gzip) and write the result post the way the Forum publishes it.\n"
	"\n"
	"  --ballot ID         187, SC23, SC-023, SMC08, CSC-19, NS-003, FORUM-17, ...\n"
	"  --all               every ballot found, in one pass\n"
	"  --roster FILE       the member roster (default: the bundled roster)\n"
	"  --rules PROFILE     force a bylaw/charter profile (e.g. BL1.5, SCWG1.1+BL2.2)\n"
	"  --period START..END override the voting period (ISO 8601, UTC unless an offset)\n"
	"  --attendance N,N,N  participation at the previous meetings (the quorum base)\n"
	"  --active N          the number of currently active members\n"
	"  --quorum N          the quorum itself\n"
	"  --group G           forum, scwg, smcwg, cscwg or netsec, when the id does not say\n"
	"  --format F          md (the Forum's web post, default), text (the list post),\n"
	"                      json (INTERFACE.md), tsv (one row per member vote)\n"
	"  --layout L          2017, 2019, 2023 or auto (default: the era's layout)\n"
	"  --front-matter      md: write the Hugo front matter; --author NAME for it\n"
	"  --exclude MSGID     a chair's ruling: do not count this message\n"
	"  --ruling MSGID=V    a chair's ruling: read it as yes, no, abstain or none\n"
	"  --explain           print the ledger under the post\n"
	"  --output FILE, -o   write there instead of standard output\n"
	"  --quiet             no warnings or progress on standard error\n"
	"  --progress          progress on standard error even when it is not a terminal\n"
	"\n"
	"Exit status: 0 done, 64 usage, 65 bad data (an invalid roster, a ballot not\n"
	"found), 66 an input missing or unreadable, 74 output error.\n";

static void tsv_rows(ct_buf *out, const ct_tally_result *r, const session_ballot *sb)
{
	char day[11] = "";
	if (r->period_known)
		ct_time_format_date(r->start, day);
	for (size_t i = 0; i < r->nledger; i++) {
		const ct_ledger_entry *e = &r->ledger[i];
		if (e->status != CT_LEDGER_COUNTED && e->status != CT_LEDGER_LATE)
			continue;
		ct_buf_addf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", sb->display, sb->group, day,
			    e->member ? e->member : "", ct_category_name(e->category) ?
			    ct_category_name(e->category) : "", ct_vote_name(e->vote),
			    ct_ledger_status_name(e->status));
	}
}

static int render_one(session *s, long pos, ct_buf *out, int first)
{
	const session_opts *o = s->opts;
	ct_tally_result *r = NULL;
	session_ballot sb;
	int rc = session_tally(s, pos, &r, &sb);
	if (rc)
		return rc;
	ct_render_meta meta = {
		.ballot_display = sb.display,
		.version = sb.version,
		.title = sb.title,
		.front_matter = o->front_matter,
		.author = o->author,
		.post_date = INT64_MIN,
		.ballot_text = sb.announcement,
		.explain = o->explain,
	};
	if (o->layout && ct_layout_parse(&meta.layout, o->layout)) {
		cli_error("tally: unknown layout '%s' (2017, 2019, 2023, auto)", o->layout);
		ct_tally_result_free(r);
		return EXIT_USAGE;
	}
	switch (o->format) {
	case FORMAT_JSON: {
		ct_tally_json_input *inputs = ct_calloc(s->scan.ninputs + 1, sizeof(*inputs));
		ct_tally_meta jm;
		session_json_meta(s, &sb, inputs, &jm);
		if (o->all && !first)
			ct_buf_addstr(out, ",\n");
		ct_tally_result_to_json(out, r, &jm);
		if (o->all && out->len && out->buf[out->len - 1] == '\n')
			ct_buf_truncate(out, out->len - 1);
		free(inputs);
		break;
	}
	case FORMAT_TSV:
		tsv_rows(out, r, &sb);
		break;
	case FORMAT_TEXT:
		if (!first)
			ct_buf_addstr(out, "\n\n");
		ct_render_text(out, r, &meta);
		break;
	default:
		if (!first)
			ct_buf_addstr(out, "\n---\n\n");
		ct_render_md(out, r, &meta);
	}
	ct_tally_result_free(r);
	return 0;
}

int cmd_tally(int argc, char **argv)
{
	session_opts o;
	int rc = session_opts_parse(&o, argc, argv, usage_text, "md text json tsv");
	if (rc) {
		session_opts_release(&o);
		return rc < 0 ? EXIT_DONE : rc;
	}
	if (o.have_ballot == o.all) {
		cli_error("tally: give either --ballot ID or --all");
		fputs(usage_text, stderr);
		session_opts_release(&o);
		return EXIT_USAGE;
	}
	session s;
	rc = session_open(&s, &o);
	ct_buf out = CT_BUF_INIT;
	if (!rc) {
		if (o.format == FORMAT_TSV)
			ct_buf_addstr(&out, "ballot\tgroup\tdate\tmember\tcategory\tvote\tstatus\n");
		if (o.all) {
			size_t n = ct_ballot_index_count(s.scan.index);
			if (o.format == FORMAT_JSON)
				ct_buf_addstr(&out, "[\n");
			for (size_t i = 0; i < n && !rc; i++)
				rc = render_one(&s, (long)i, &out, i == 0);
			if (o.format == FORMAT_JSON)
				ct_buf_addstr(&out, n ? "\n]\n" : "]\n");
		} else {
			long pos = session_find_ballot(&s);
			rc = pos < 0 ? EXIT_DATAERR : render_one(&s, pos, &out, 1);
		}
	}
	if (!rc) {
		FILE *f = cli_output_open(o.output);
		if (!f) {
			rc = EXIT_IOERR;
		} else {
			fwrite(out.buf ? out.buf : "", 1, out.len, f);
			rc = cli_output_close(f, o.output);
		}
	}
	if (!rc && s.scan.failed_inputs)
		rc = EXIT_NOINPUT;
	ct_buf_release(&out);
	session_close(&s);
	session_opts_release(&o);
	return rc;
}
