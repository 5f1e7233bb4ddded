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
	"                      json (INTERFACE.md), tsv (one row per member vote),\n"
	"                      html (a standalone page; with --all, the voting record)\n"
	"  --layout L          2017, 2019, 2023 or auto (default: the era's layout)\n"
	"  --front-matter      md: write the Hugo front matter; --author NAME for it\n"
	"  --exclude MSGID     a chair's ruling: do not count this message\n"
	"  --ruling MSGID=V    a chair's ruling: read it as yes, no, abstain or none\n"
	"  --explain           print the ledger under the post\n"
	"  --output FILE, -o   write there instead of standard output\n"
	"  --jobs N            decode on N threads in all (default: one per processor;\n"
	"                      1: no threads); the output is the same for every N\n"
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

/* One tallied ballot of an --all run. */
typedef struct done {
	ct_tally_result *r;
	session_ballot sb;
} done;

static ct_render_meta render_meta(const session_opts *o, const session_ballot *sb)
{
	ct_render_meta meta = {
		.ballot_display = sb->display,
		.version = sb->version,
		.title = sb->title,
		.front_matter = o->front_matter,
		.author = o->author,
		.post_date = INT64_MIN,
		.ballot_text = sb->announcement,
		.explain = o->explain,
	};
	if (o->layout)
		ct_layout_parse(&meta.layout, o->layout);
	return meta;
}

static void render_one(session *s, const done *d, ct_buf *out, int first)
{
	const session_opts *o = s->opts;
	ct_render_meta meta = render_meta(o, &d->sb);
	switch (o->format) {
	case FORMAT_JSON: {
		ct_tally_json_input *inputs = ct_calloc(s->scan.ninputs + 1, sizeof(*inputs));
		ct_tally_meta jm;
		session_json_meta(s, &d->sb, inputs, &jm);
		if (o->all && !first)
			ct_buf_addstr(out, ",\n");
		ct_tally_result_to_json(out, d->r, &jm);
		if (o->all && out->len && out->buf[out->len - 1] == '\n')
			ct_buf_truncate(out, out->len - 1);
		free(inputs);
		break;
	}
	case FORMAT_TSV:
		tsv_rows(out, d->r, &d->sb);
		break;
	case FORMAT_HTML:
		ct_render_html(out, d->r, &meta);
		break;
	case FORMAT_TEXT:
		if (!first)
			ct_buf_addstr(out, "\n\n");
		ct_render_text(out, d->r, &meta);
		break;
	default:
		if (!first)
			ct_buf_addstr(out, "\n---\n\n");
		ct_render_md(out, d->r, &meta);
	}
}

static int year_of(const done *d)
{
	int y, mo, day, h, mi, sec;
	if (!d->r->period_known)
		return 0;
	ct_time_to_civil(d->r->start, &y, &mo, &day, &h, &mi, &sec);
	return y;
}

static void cell_text(ct_buf *out, const char *s)
{
	for (; s && *s; s++)
		if (*s == '|')
			ct_buf_addstr(out, "\\|");
		else if (*s != '\n')
			ct_buf_addch(out, *s);
}

typedef struct member_row {
	const char *id;
	const char *name; /* the latest name it voted under */
	long ballots, as_cat[2], votes[3];
} member_row;

static int row_cmp(const void *a, const void *b)
{
	const member_row *x = a, *y = b;
	int c = ct_strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

static member_row *row_for(member_row **rows, size_t *n, const char *id, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*rows)[i].id, id)) {
			(*rows)[i].name = name;
			return &(*rows)[i];
		}
	*rows = ct_realloc(*rows, (*n + 1) * sizeof(**rows));
	memset(&(*rows)[*n], 0, sizeof(**rows));
	(*rows)[*n].id = id;
	(*rows)[*n].name = name;
	return &(*rows)[(*n)++];
}

/* --all --format md: the voting record, one table per year, then each
 * member's participation. */
static void render_record(ct_buf *out, const done *all, size_t n)
{
	ct_buf_addstr(out, "# Voting record\n\n"
			   "Rebuilt from the list archives by cabtally: every ballot found, with its "
			   "outcome and the counted votes per category (yes / no / abstain).\n");
	int year = -1;
	for (size_t i = 0; i < n; i++) {
		const done *d = &all[i];
		int y = year_of(d);
		if (y != year) {
			year = y;
			if (y)
				ct_buf_addf(out, "\n## %d\n\n", y);
			else
				ct_buf_addstr(out, "\n## Voting period not found\n\n");
			ct_buf_addstr(out, "| Ballot | Title | Voting closed | Outcome | Issuers | Consumers |\n"
					   "|---|---|---|---|---|---|\n");
		}
		char end[11] = "—";
		if (d->r->period_known)
			ct_time_format_date(d->r->end, end);
		const ct_verdict *v = &d->r->verdict;
		ct_buf_addf(out, "| %s%s%s | ", d->sb.display, d->sb.version[0] ? " " : "", d->sb.version);
		cell_text(out, d->sb.title);
		ct_buf_addf(out, " | %s | %s%s | %ld / %ld / %ld | %ld / %ld / %ld |\n", end,
			    ct_outcome_name(v->outcome), v->provisional ? " (quorum not established)" : "",
			    v->cat[0].n.yes, v->cat[0].n.no, v->cat[0].n.abstain,
			    v->cat[1].n.yes, v->cat[1].n.no, v->cat[1].n.abstain);
	}
	member_row *rows = NULL;
	size_t nrows = 0;
	for (size_t i = 0; i < n; i++) {
		const ct_tally_result *r = all[i].r;
		for (size_t k = 0; k < r->nledger; k++) {
			const ct_ledger_entry *e = &r->ledger[k];
			if (e->status != CT_LEDGER_COUNTED || !e->member || !e->member_id ||
			    e->category == CT_CATEGORY_NONE)
				continue;
			member_row *row = row_for(&rows, &nrows, e->member_id, e->member);
			row->ballots++;
			row->as_cat[e->category]++;
			if (e->vote >= CT_VOTE_YES && e->vote <= CT_VOTE_ABSTAIN)
				row->votes[e->vote - CT_VOTE_YES]++;
		}
	}
	qsort(rows, nrows, sizeof(*rows), row_cmp);
	ct_buf_addf(out, "\n## Participation\n\nCounted votes per member over the %zu ballots above "
		    "(a renamed member under its latest name).\n\n"
		    "| Member | Ballots voted | As issuer | As consumer | Yes | No | Abstain |\n"
		    "|---|---|---|---|---|---|---|\n", n);
	for (size_t i = 0; i < nrows; i++) {
		ct_buf_addstr(out, "| ");
		cell_text(out, rows[i].name);
		ct_buf_addf(out, " | %ld | %ld | %ld | %ld | %ld | %ld |\n", rows[i].ballots,
			    rows[i].as_cat[0], rows[i].as_cat[1], rows[i].votes[0], rows[i].votes[1],
			    rows[i].votes[2]);
	}
	free(rows);
}

/* --all --format html: one page for the whole record. */
static void render_record_html(const session_opts *o, ct_buf *out, const done *all, size_t n)
{
	const ct_tally_result **results = ct_calloc(n + 1, sizeof(*results));
	ct_render_meta *metas = ct_calloc(n + 1, sizeof(*metas));
	for (size_t i = 0; i < n; i++) {
		results[i] = all[i].r;
		metas[i] = render_meta(o, &all[i].sb);
	}
	ct_render_html_all(out, results, metas, n);
	free(results);
	free(metas);
}

static int run(session *s, ct_buf *out)
{
	const session_opts *o = s->opts;
	size_t n;
	long single = -1;
	if (o->all) {
		n = ct_ballot_index_count(s->scan.index);
	} else {
		single = session_find_ballot(s);
		if (single < 0)
			return EXIT_DATAERR;
		n = 1;
	}
	done *all = ct_calloc(n + 1, sizeof(*all));
	int rc = 0;
	size_t got = 0;
	for (size_t i = 0; i < n && !rc; i++, got++)
		rc = session_tally(s, o->all ? (long)i : single, &all[i].r, &all[i].sb);
	if (!rc) {
		if (o->format == FORMAT_TSV)
			ct_buf_addstr(out, "ballot\tgroup\tdate\tmember\tcategory\tvote\tstatus\n");
		if (o->all && o->format == FORMAT_JSON)
			ct_buf_addstr(out, "[\n");
		if (o->all && (o->format == FORMAT_MD || o->format == FORMAT_DEFAULT))
			render_record(out, all, n);
		else if (o->all && o->format == FORMAT_HTML)
			render_record_html(o, out, all, n);
		else
			for (size_t i = 0; i < n; i++)
				render_one(s, &all[i], out, i == 0);
		if (o->all && o->format == FORMAT_JSON)
			ct_buf_addstr(out, n ? "\n]\n" : "]\n");
	}
	for (size_t i = 0; i < got; i++)
		ct_tally_result_free(all[i].r);
	free(all);
	return rc;
}

int cmd_tally(int argc, char **argv)
{
	session_opts o;
	int rc = session_opts_parse(&o, argc, argv, usage_text, "md text json tsv html");
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
	ct_layout layout;
	if (o.layout && ct_layout_parse(&layout, o.layout)) {
		cli_error("tally: unknown layout '%s' (2017, 2019, 2023, auto)", o.layout);
		session_opts_release(&o);
		return EXIT_USAGE;
	}
	session s;
	ct_buf out = CT_BUF_INIT;
	rc = session_open(&s, &o);
	if (!rc)
		rc = run(&s, &out);
	if (!rc)
		rc = cli_write_output(o.output, &out);
	if (!rc && s.scan.failed_inputs)
		rc = EXIT_NOINPUT;
	ct_buf_release(&out);
	session_close(&s);
	session_opts_release(&o);
	return rc;
}
