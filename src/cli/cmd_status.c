/* cli/cmd_status: `cabtally status` — a ballot still in its voting period: who voted, who has not, what is needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "session.h"

const char cmd_status_summary[] =
	"a ballot still in its voting period: who voted, who has not yet, what is still needed";

static const char usage_text[] =
	"usage: cabtally status --ballot ID [--now TIME] [options] ARCHIVE...\n"
	"\n"
	"For a ballot whose voting period has not ended: the votes so far (same rules\n"
	"as `tally`), the voting members of the group who have not voted yet, per\n"
	"category, the time left, and what is still needed to pass. After the close\n"
	"it says so and points to `cabtally tally`.\n"
	"\n"
	"  --ballot ID         the ballot (any spelling)\n"
	"  --now TIME          the moment to report at (ISO 8601; default: now);\n"
	"                      messages dated after it are not read\n"
	"  --format F          text (a reminder the chair can post to the list,\n"
	"                      naming those who have not voted; default) or json\n"
	"  --roster, --rules, --period, --attendance, --active, --quorum, --group,\n"
	"  --exclude, --ruling, --output, --jobs, --quiet as for `cabtally tally`\n";

typedef struct pending {
	ct_roster_entry *entries;
	size_t n;
	int *voted; /* per entry */
} pending;

static int member_voted(const ct_tally_result *r, const char *id)
{
	for (size_t i = 0; i < r->nledger; i++)
		if (r->ledger[i].status == CT_LEDGER_COUNTED && r->ledger[i].member_id &&
		    !strcmp(r->ledger[i].member_id, id))
			return 1;
	return 0;
}

static void find_pending(pending *p, const session *s, const session_ballot *sb,
			 const ct_tally_result *r)
{
	p->n = ct_roster_list(s->roster, sb->when, sb->group, 1, &p->entries);
	p->voted = ct_calloc(p->n + 1, sizeof(int));
	for (size_t i = 0; i < p->n; i++)
		p->voted[i] = member_voted(r, p->entries[i].member->id);
}

static ct_category entry_category(const ct_roster_entry *e)
{
	return e->category == CT_CAT_ISSUER ? CT_CATEGORY_ISSUER :
	       e->category == CT_CAT_CONSUMER ? CT_CATEGORY_CONSUMER : CT_CATEGORY_NONE;
}

static size_t pending_count(const pending *p, ct_category c)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += !p->voted[i] && entry_category(&p->entries[i]) == c;
	return n;
}

/* How many more "no" votes would make a category that now meets its
 * threshold fail it; 0 when it does not meet it now. */
static long nos_to_fail(const ct_tally_result *r, ct_category c)
{
	const ct_category_result *cr = &r->verdict.cat[c];
	if (!cr->threshold_met)
		return 0;
	long yes = cr->n.yes, no = cr->n.no;
	const ct_profile *b = r->rules.bylaws;
	for (long k = 1; k < 1000; k++) {
		int met = c == CT_CATEGORY_ISSUER ?
			(long long)b->issuer_den * yes >= (long long)b->issuer_num * (yes + no + k) :
			ct_reading_met(b->consumer_reading, yes, no + k);
		if (!met)
			return k;
	}
	return 0;
}

static void plural(ct_buf *b, long n, const char *one, const char *many)
{
	ct_buf_addf(b, "%ld %s", n, n == 1 ? one : many);
}

/* The "needed" lines: quorum and each category's threshold. */
static char **needs(const ct_tally_result *r, size_t *count)
{
	char **v = ct_calloc(4, sizeof(char *));
	size_t n = 0;
	const ct_quorum *q = &r->verdict.quorum;
	ct_buf b = CT_BUF_INIT;
	if (!q->established) {
		ct_buf_addstr(&b, "quorum: not established (give --attendance, --active or --quorum)");
		v[n++] = ct_buf_detach(&b);
	} else if (q->participants < q->required) {
		ct_buf_addstr(&b, "quorum: ");
		plural(&b, q->required - q->participants, "more participant", "more participants");
		v[n++] = ct_buf_detach(&b);
	}
	for (int c = 0; c < 2; c++) {
		const ct_category_result *cr = &r->verdict.cat[c];
		ct_buf_addf(&b, "%s: ", ct_rules_label(&r->rules, c));
		if (!cr->met) {
			plural(&b, cr->more_yes_needed, "more yes vote", "more yes votes");
		} else {
			long k = nos_to_fail(r, c);
			ct_buf_addstr(&b, "met");
			if (k) {
				ct_buf_addstr(&b, ", but the ballot fails if ");
				plural(&b, k, "more votes no", "more vote no");
			}
		}
		v[n++] = ct_buf_detach(&b);
	}
	*count = n;
	return v;
}

static void time_left(ct_buf *b, int64_t secs)
{
	long d = (long)(secs / 86400), h = (long)(secs % 86400 / 3600), m = (long)(secs % 3600 / 60);
	if (d)
		ct_buf_addf(b, "%ld day%s %ld hour%s", d, d == 1 ? "" : "s", h, h == 1 ? "" : "s");
	else if (h)
		ct_buf_addf(b, "%ld hour%s %ld minute%s", h, h == 1 ? "" : "s", m, m == 1 ? "" : "s");
	else
		ct_buf_addf(b, "%ld minute%s", m, m == 1 ? "" : "s");
}

static void json_names(ct_buf *out, const pending *p, ct_category c)
{
	int first = 1;
	ct_buf_addch(out, '[');
	for (size_t i = 0; i < p->n; i++) {
		if (p->voted[i] || entry_category(&p->entries[i]) != c)
			continue;
		if (!first)
			ct_buf_addstr(out, ", ");
		ct_buf_add_json_string(out, p->entries[i].name);
		first = 0;
	}
	ct_buf_addch(out, ']');
}

/* The status JSON: the tally's categories and quorum objects, plus now,
 * closes, not_yet_voted and needed (INTERFACE.md). */
static void render_json(ct_buf *out, const ct_tally_result *r, const session_ballot *sb,
			const pending *p, int64_t now, char **need, size_t nneed)
{
	ct_buf full = CT_BUF_INIT;
	ct_tally_result_to_json(&full, r, NULL);
	const char *cats = strstr(ct_buf_cstr(&full), "\"categories\": ");
	const char *late = strstr(ct_buf_cstr(&full), ",\n  \"late\": ");
	char now_s[21], closes[21];
	ct_time_format_iso(now, now_s);
	ct_time_format_iso(r->end, closes);
	ct_buf_addf(out, "{\n  \"schema_version\": 1,\n  \"ballot\": {\"id\": \"%s\", \"version\": ", sb->display);
	if (sb->version[0])
		ct_buf_add_json_string(out, sb->version);
	else
		ct_buf_addstr(out, "null");
	ct_buf_addf(out, ", \"group\": \"%s\"},\n  \"now\": \"%s\",\n  \"closes\": \"%s\",\n  ",
		    sb->group, now_s, closes);
	if (cats && late)
		ct_buf_add(out, cats, (size_t)(late - cats));
	ct_buf_addstr(out, ",\n  \"not_yet_voted\": {\"issuer\": ");
	json_names(out, p, CT_CATEGORY_ISSUER);
	ct_buf_addstr(out, ", \"consumer\": ");
	json_names(out, p, CT_CATEGORY_CONSUMER);
	ct_buf_addstr(out, "},\n  \"needed\": [");
	for (size_t i = 0; i < nneed; i++) {
		if (i)
			ct_buf_addstr(out, ", ");
		ct_buf_add_json_string(out, need[i]);
	}
	ct_buf_addstr(out, "]\n}\n");
	ct_buf_release(&full);
}

static void render_text(ct_buf *out, const ct_tally_result *r, const session_ballot *sb,
			const pending *p, int64_t now, char **need, size_t nneed)
{
	char closes[21];
	ct_time_format_iso(r->end, closes);
	ct_buf_addf(out, "Ballot %s%s%s%s%s: voting closes %.10s %.5s UTC (", sb->display,
		    sb->version[0] ? " " : "", sb->version, sb->title && *sb->title ? " – " : "",
		    sb->title ? sb->title : "", closes, closes + 11);
	time_left(out, r->end - now);
	ct_buf_addstr(out, " from now).\n\nVotes so far:\n");
	for (int c = 0; c < 2; c++) {
		const ct_category_result *cr = &r->verdict.cat[c];
		ct_buf_addf(out, "- %s: %ld yes, %ld no, %ld abstain\n", ct_rules_label(&r->rules, c),
			    cr->n.yes, cr->n.no, cr->n.abstain);
	}
	ct_buf_addstr(out, "\nStill needed:\n");
	for (size_t i = 0; i < nneed; i++)
		ct_buf_addf(out, "- %s\n", need[i]);
	ct_buf_addstr(out, "\nVoting members who have not voted yet:\n");
	for (int c = 0; c < 2; c++) {
		ct_buf_addf(out, "- %s (%zu): ", ct_rules_label(&r->rules, c), pending_count(p, c));
		int first = 1;
		for (size_t i = 0; i < p->n; i++) {
			if (p->voted[i] || entry_category(&p->entries[i]) != (ct_category)c)
				continue;
			ct_buf_addf(out, "%s%s", first ? "" : ", ", p->entries[i].name);
			first = 0;
		}
		ct_buf_addstr(out, first ? "none\n" : "\n");
	}
	ct_buf_addstr(out, "\nPlease reply on the public list, in the ballot's thread, with a clear "
			   "\"yes\", \"no\" or \"abstain\". The latest vote received from a voting "
			   "member before the close of the voting period counts.\n");
}

static int parse_now(const char *s, int64_t *out)
{
	if (!s) {
		*out = (int64_t)time(NULL);
		return 0;
	}
	return ct_time_parse_iso(s, out);
}

int cmd_status(int argc, char **argv)
{
	session_opts o;
	int rc = session_opts_parse(&o, argc, argv, usage_text, "text json");
	if (rc) {
		session_opts_release(&o);
		return rc < 0 ? EXIT_DONE : rc;
	}
	int64_t now;
	if (!o.have_ballot || parse_now(o.now, &now)) {
		cli_error(o.have_ballot ? "status: '%s' is not an ISO 8601 time" :
			  "status: --ballot ID is required", o.now);
		fputs(usage_text, stderr);
		session_opts_release(&o);
		return EXIT_USAGE;
	}
	o.cutoff = now;
	session s;
	ct_buf out = CT_BUF_INIT;
	rc = session_open(&s, &o);
	long pos = rc ? -1 : session_find_ballot(&s);
	if (!rc && pos < 0)
		rc = EXIT_DATAERR;
	ct_tally_result *r = NULL;
	session_ballot sb;
	if (!rc)
		rc = session_tally(&s, pos, &r, &sb);
	if (!rc && !r->period_known) {
		cli_error("status: the voting period of ballot %s could not be read; give --period", sb.display);
		rc = EXIT_DATAERR;
	} else if (!rc && now >= r->end) {
		char closes[21];
		ct_time_format_iso(r->end, closes);
		ct_buf_addf(&out, "The voting period of ballot %s ended at %s; "
			    "run `cabtally tally --ballot %s` for the result.\n", sb.display, closes, sb.display);
	} else if (!rc) {
		pending p;
		find_pending(&p, &s, &sb, r);
		size_t nneed;
		char **need = needs(r, &nneed);
		if (o.format == FORMAT_JSON)
			render_json(&out, r, &sb, &p, now, need, nneed);
		else
			render_text(&out, r, &sb, &p, now, need, nneed);
		for (size_t i = 0; i < nneed; i++)
			free(need[i]);
		free(need);
		free(p.entries);
		free(p.voted);
	}
	ct_tally_result_free(r);
	if (!rc)
		rc = cli_write_output(o.output, &out);
	ct_buf_release(&out);
	session_close(&s);
	session_opts_release(&o);
	return rc;
}
