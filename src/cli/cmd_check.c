/* cli/cmd_check: `cabtally check` — read draft result posts into claims and
 * report every claim that does not hold (docs/check.md). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "session.h"
#include "cabtally/post.h"

const char cmd_check_summary[] = "validate draft result posts (exit 1 when a claim is wrong)";

static const char usage_text[] =
	"usage: cabtally check [--format text|json] [--rules PROFILE] [--show-claims]\n"
	"                      [--roster FILE|bundled] [--archive FILE]... [--ballot ID]\n"
	"                      [tally options] [--output FILE] POST...\n"
	"\n"
	"Read each draft result post (Markdown, plain text, the Forum's 2023+ layout,\n"
	"simple HTML) into claims: ballot id, counts and the names under them, totals,\n"
	"percentages, threshold and quorum sentences, the verdict, bylaw citations.\n"
	"Check that the post agrees with itself and with the voting rules in force\n"
	"for the ballot's group and date, and print one line per wrong claim:\n"
	"\n"
	"  FILE:LINE: KIND: what is claimed - what holds\n"
	"\n"
	"  --format F       text (default) or json (INTERFACE.md)\n"
	"  --rules PROFILE  judge under this bylaw/charter profile (e.g. BL2.2)\n"
	"  --show-claims    also list what was read from each post (text format)\n"
	"  --roster FILE    check every name is a voting member of the group, in the\n"
	"                   category it is listed under (`bundled`: the bundled roster)\n"
	"  --archive FILE   compare the names with the tally of these list archives\n"
	"                   (repeat for several files; the roster is --roster's, else\n"
	"                   the bundled one)\n"
	"  --ballot ID      the ballot to tally (default: the one each post names)\n"
	"  tally options    as for `cabtally tally`: --period START..END,\n"
	"                   --attendance N,N,N, --active N, --quorum N, --group G,\n"
	"                   --exclude MSGID, --ruling MSGID=V, --jobs N, --quiet,\n"
	"                   --progress\n"
	"  --output FILE, -o  write there instead of standard output\n"
	"  --help, --version\n"
	"\n"
	"Exit status: 0 every claim holds, 1 a claim is wrong, 64 usage, 65 no post\n"
	"could be read (or an invalid roster, a ballot not in the archives), 66 a post,\n"
	"roster or archive file is missing.\n";

struct opts {
	int json, show;
	const char *rules, *output;
	const char *roster;   /* --roster as given, NULL when not */
	session_opts tally;   /* --archive and the tally's options */
	int ballot_given;
	char **files;
	int nfiles;
};

static int parse_count(const char *v, long *out)
{
	char *end;
	long n = v ? strtol(v, &end, 10) : -1;
	if (!v || !*v || *end || n < 0)
		return -1;
	*out = n;
	return 0;
}

/* The options `check` shares with `tally`: 1 taken, 0 not ours, or an exit code. */
static int parse_tally_opt(struct opts *o, int argc, char **argv, int *i)
{
	session_opts *t = &o->tally;
	const char *v;
	int m;
	ct_error err = CT_ERROR_INIT;
	if (!strcmp(argv[*i], "--quiet") || !strcmp(argv[*i], "-q")) {
		t->quiet = 1;
		return 1;
	}
	if (!strcmp(argv[*i], "--progress")) {
		t->progress = 1;
		return 1;
	}
	if ((m = cli_opt_value(argc, argv, i, "--jobs", &v)) != 0)
		return m < 0 || cli_parse_jobs("check", v, &t->jobs) ? EXIT_USAGE : 1;
	if ((m = cli_opt_value(argc, argv, i, "--archive", &v)) != 0) {
		if (m < 0)
			return EXIT_USAGE;
		t->archives[t->narchives++] = (char *)v;
		return 1;
	}
	if ((m = cli_opt_value(argc, argv, i, "--ballot", &v)) != 0) {
		if (m < 0)
			return EXIT_USAGE;
		if (ct_ballot_id_parse(&t->ballot, v, strlen(v))) {
			cli_error("check: '%s' is not a ballot id", v);
			return EXIT_USAGE;
		}
		o->ballot_given = t->have_ballot = 1;
		return 1;
	}
	if ((m = cli_opt_value(argc, argv, i, "--period", &v)) != 0) {
		if (m < 0 || session_parse_period(t, v)) {
			cli_error("check: '%s' is not a period START..END in ISO 8601", v ? v : "");
			return EXIT_USAGE;
		}
		return 1;
	}
	if ((m = cli_opt_value(argc, argv, i, "--attendance", &v)) != 0) {
		if (m < 0 || ct_quorum_base_parse_attendance(&t->quorum, v, &err)) {
			if (m > 0)
				cli_error("check: %s", err.msg);
			return EXIT_USAGE;
		}
		return 1;
	}
	int active = 0;
	if ((m = cli_opt_value(argc, argv, i, "--quorum", &v)) != 0
			|| (active = m = cli_opt_value(argc, argv, i, "--active", &v)) != 0) {
		long *dst = active ? &t->quorum.active : &t->quorum.quorum;
		if (m < 0 || parse_count(v, dst)) {
			cli_error("check: --active and --quorum need a whole number");
			return EXIT_USAGE;
		}
		t->quorum.basis = active ? CT_QUORUM_BASIS_ACTIVE : CT_QUORUM_BASIS_QUORUM;
		return 1;
	}
	if ((m = cli_opt_value(argc, argv, i, "--group", &v)) != 0) {
		ct_group g;
		if (m < 0 || ct_group_from_name(&g, v)) {
			cli_error("check: unknown group '%s' (forum, scwg, smcwg, cscwg, netsec)", v ? v : "");
			return EXIT_USAGE;
		}
		t->group = v;
		return 1;
	}
	int exclude = 0;
	if ((m = cli_opt_value(argc, argv, i, "--ruling", &v)) != 0
			|| (exclude = m = cli_opt_value(argc, argv, i, "--exclude", &v)) != 0) {
		ct_tally_ruling r;
		if (m < 0 || ct_tally_ruling_parse(&r, v, exclude, &err)) {
			if (m > 0)
				cli_error("check: %s", err.msg);
			return EXIT_USAGE;
		}
		t->rulings = ct_realloc(t->rulings, (t->nrulings + 1) * sizeof(*t->rulings));
		t->rulings[t->nrulings++] = r;
		return 1;
	}
	return 0;
}

static int parse_args(struct opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	session_opts_init(&o->tally);
	o->files = ct_calloc((size_t)argc + 1, sizeof(char *));
	o->tally.archives = ct_calloc((size_t)argc + 1, sizeof(char *));
	for (int i = 1; i < argc; i++) {
		const char *v;
		int m;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return EXIT_DONE + 1000;
		}
		if (!strcmp(argv[i], "--version")) {
			cli_print_version(stdout);
			return EXIT_DONE + 1000;
		}
		if (!strcmp(argv[i], "--show-claims")) {
			o->show = 1;
			continue;
		}
		if ((m = parse_tally_opt(o, argc, argv, &i)) != 0) {
			if (m != 1) {
				fputs(usage_text, stderr);
				return m;
			}
			continue;
		}
		if ((m = cli_opt_value(argc, argv, &i, "--format", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			if (!strcmp(v, "json"))
				o->json = 1;
			else if (strcmp(v, "text") && strcmp(v, "md")) {
				cli_error("check: unknown format '%s' (text or json)", v);
				return EXIT_USAGE;
			}
			continue;
		}
		if ((m = cli_opt_value(argc, argv, &i, "--rules", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			o->rules = o->tally.rules = v;
			continue;
		}
		if ((m = cli_opt_value(argc, argv, &i, "--roster", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			o->roster = v;
			o->tally.roster_path = strcmp(v, "bundled") ? v : NULL;
			continue;
		}
		if ((m = cli_opt_value(argc, argv, &i, "--output", &v)) != 0
				|| (m = cli_opt_value(argc, argv, &i, "-o", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			o->output = v;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("check: unknown option '%s'", argv[i]);
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
		o->files[o->nfiles++] = argv[i];
	}
	if (!o->nfiles) {
		cli_error("check: no post given");
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (o->ballot_given && !o->tally.narchives) {
		cli_error("check: --ballot needs --archive");
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	return EXIT_DONE;
}

/* --roster without --archive: load it here (with --archive the session does). */
static int load_roster(ct_roster **out, const char *given)
{
	char *bundled = strcmp(given, "bundled") ? NULL : cli_data_path("roster.xml");
	if (!strcmp(given, "bundled") && !bundled) {
		cli_error("the bundled roster (roster.xml) was not found; give one with --roster FILE");
		return EXIT_NOINPUT;
	}
	char *schema = cli_data_path("roster.rng");
	ct_warnings diags = CT_WARNINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	int rc = ct_roster_load(out, bundled ? bundled : given, schema, &diags, &err);
	if (rc) {
		for (size_t i = 0; i < diags.count; i++)
			cli_error("%s", diags.items[i].message);
		if (!diags.count)
			cli_error("%s", err.msg);
	}
	ct_warnings_release(&diags);
	free(schema);
	free(bundled);
	return rc ? cli_exit_code(rc) : EXIT_DONE;
}

static const char *cat_name(ct_category c)
{
	return c == CT_CATEGORY_ISSUER ? "issuer" : c == CT_CATEGORY_CONSUMER ? "consumer" : "-";
}

/* --show-claims: what was read, one claim per line. */
static void show_claims(ct_buf *out, const ct_post *p)
{
	ct_buf_addf(out, "%s: ballot %s (%s)%s\n", p->file, p->ballot[0] ? p->ballot : "?", p->group,
		p->election ? ", officer election" : "");
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		ct_buf_addf(out, "%s:%d: list: block %d, %s %s, count %ld, %zu names\n", p->file,
			l->count_line ? l->count_line : l->names_line, l->block, cat_name(l->category),
			ct_post_vote_name(l->vote), l->count, l->nnames);
	}
	for (size_t i = 0; i < p->nlate; i++)
		ct_buf_addf(out, "%s:%d: not counted: %zu names\n", p->file, p->late[i].names_line
			? p->late[i].names_line : p->late[i].count_line, p->late[i].nnames);
	for (size_t i = 0; i < p->ntotals; i++)
		ct_buf_addf(out, "%s:%d: total: %s %ld\n", p->file, p->totals[i].line,
			cat_name(p->totals[i].category), p->totals[i].total);
	for (size_t i = 0; i < p->npercents; i++)
		ct_buf_addf(out, "%s:%d: percent: %s %g%s\n", p->file, p->percents[i].line,
			cat_name(p->percents[i].category), p->percents[i].value,
			p->percents[i].against ? " against" : "");
	for (size_t i = 0; i < p->nreqs; i++)
		ct_buf_addf(out, "%s:%d: requirement %d %s: %s\n", p->file, p->reqs[i].line, p->reqs[i].rule,
			cat_name(p->reqs[i].category), p->reqs[i].met ? "met" : "not met");
	const ct_post_quorum *q = &p->quorum;
	if (q->active >= 0 || q->half >= 0 || q->quorum >= 0 || q->met >= 0)
		ct_buf_addf(out, "%s:%d: quorum: active %ld, half %ld, quorum %ld, cast %ld, met %d\n",
			p->file, q->quorum_line ? q->quorum_line : q->met_line, q->active, q->half,
			q->quorum, q->cast, q->met);
	for (size_t i = 0; i < p->ncites; i++)
		ct_buf_addf(out, "%s:%d: citation: Bylaw %s\n", p->file, p->cites[i].line, p->cites[i].section);
	if (p->outcome != CT_POST_OUTCOME_NONE)
		ct_buf_addf(out, "%s:%d: verdict: %s\n", p->file, p->outcome_line,
			p->outcome == CT_POST_OUTCOME_PASSED ? "passed" : "failed");
	if (p->no_counts_reason)
		ct_buf_addf(out, "%s: no vote count: %s\n", p->file, p->no_counts_reason);
}

static void json_post(ct_buf *out, const char *file, const char *ballot, const ct_post_findings *f,
	int first)
{
	ct_buf_addstr(out, first ? "\n  {\"file\": " : ",\n  {\"file\": ");
	ct_buf_add_json_string(out, file);
	ct_buf_addstr(out, ", \"ballot\": ");
	if (ballot && *ballot)
		ct_buf_add_json_string(out, ballot);
	else
		ct_buf_addstr(out, "null");
	ct_buf_addstr(out, ",\n   \"findings\": [");
	for (size_t i = 0; i < f->count; i++) {
		ct_buf_addf(out, "%s\n    {\"line\": %d, \"kind\": ", i ? "," : "", f->items[i].line);
		ct_buf_add_json_string(out, f->items[i].kind);
		ct_buf_addstr(out, ", \"claim\": ");
		ct_buf_add_json_string(out, f->items[i].claim);
		ct_buf_addstr(out, ", \"holds\": ");
		ct_buf_add_json_string(out, f->items[i].holds);
		ct_buf_addch(out, '}');
	}
	ct_buf_addstr(out, f->count ? "\n   ]}" : "]}");
}

static void text_post(ct_buf *out, const char *file, const ct_post_findings *f)
{
	for (size_t i = 0; i < f->count; i++) {
		if (f->items[i].line > 0)
			ct_buf_addf(out, "%s:%d: %s: %s \xe2\x80\x94 %s\n", file, f->items[i].line,
				f->items[i].kind, f->items[i].claim, f->items[i].holds);
		else
			ct_buf_addf(out, "%s: %s: %s \xe2\x80\x94 %s\n", file, f->items[i].kind,
				f->items[i].claim, f->items[i].holds);
	}
}

/* The outside data a check may use. */
struct sources {
	const ct_roster *roster; /* --roster given: the names' standing */
	session *archive;        /* --archive given: the tally */
};

/* --archive: the tally of the ballot (--ballot, else the post's own id)
 * against the names of the post. Returns 0 or an exit code (printed). */
static int archive_check(const struct opts *o, session *s, const ct_post *p, ct_post_findings *f)
{
	ct_ballot_id own;
	int have_own = p->ballot[0] && !ct_ballot_id_parse(&own, p->ballot, strlen(p->ballot));
	if (!o->ballot_given) {
		if (!have_own) {
			cli_error("%s: the post names no ballot; give --ballot ID", p->file);
			return EXIT_USAGE;
		}
		s->opts->ballot = own;
	} else if (have_own && !ct_ballot_id_same(&own, &s->opts->ballot)) {
		cli_warning("%s: the post is about ballot %s; comparing it with ballot %s of the archives", p->file,
			own.canon, s->opts->ballot.canon);
	}
	long pos = session_find_ballot(s);
	if (pos < 0)
		return EXIT_DATAERR;
	ct_tally_result *r = NULL;
	session_ballot sb;
	int rc = session_tally(s, pos, &r, &sb);
	if (rc)
		return rc;
	ct_error err = CT_ERROR_INIT;
	if (ct_post_check_tally(f, p, r, s->roster, &err) < 0)
		rc = cli_fail(&err);
	ct_tally_result_free(r);
	return rc;
}

/* Check one file; returns 1 when it was read as a post, 0 when not, and
 * -1 when it is missing (exit 66). */
static int check_one(const struct opts *o, const struct sources *src, const char *path, ct_buf *out,
	ct_buf *claims, int *nfindings, int first, int *rc)
{
	ct_post_findings f = CT_POST_FINDINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	size_t len = 0;
	char *text = NULL;
	if (ct_read_file(path, &text, &len))
		text = NULL;
	ct_post *p = NULL;
	int read = 0;
	if (!text) {
		cli_error("%s: cannot read", path);
		ct_post_findings_add(&f, 0, "unreadable", "the post", "the file cannot be opened or read");
		*rc = -1;
	} else if (ct_post_parse(&p, path, text, len, &err) < 0) {
		ct_post_findings_add(&f, 0, "unreadable", "the post", err.msg);
	} else {
		read = 1;
		ct_post_check_options co = { o->rules };
		if (ct_post_check(&f, p, &co, &err) < 0)
			*rc = cli_fail(&err);
		if (!*rc && src->roster && ct_post_check_roster(&f, p, src->roster, &err) < 0)
			*rc = cli_fail(&err);
		if (!*rc && src->archive)
			*rc = archive_check(o, src->archive, p, &f);
		if (o->show)
			show_claims(claims, p);
	}
	ct_post_findings_sort(&f);
	*nfindings += (int)f.count;
	if (o->json)
		json_post(out, path, p ? p->ballot : NULL, &f, first);
	else
		text_post(out, path, &f);
	ct_post_findings_release(&f);
	ct_post_free(p);
	free(text);
	return read;
}

/* Load what --roster and --archive ask for. Returns 0 or an exit code. */
static int open_sources(struct opts *o, struct sources *src, session *s, ct_roster **own)
{
	memset(src, 0, sizeof(*src));
	*own = NULL;
	if (o->tally.narchives) {
		int rc = session_open(s, &o->tally);
		if (rc) {
			session_close(s);
			return rc;
		}
		src->archive = s;
		if (o->roster)
			src->roster = s->roster;
		return 0;
	}
	if (!o->roster)
		return 0;
	int rc = load_roster(own, o->roster);
	src->roster = *own;
	return rc;
}

int cmd_check(int argc, char **argv)
{
	struct opts o;
	int rc = parse_args(&o, argc, argv);
	if (rc == EXIT_DONE && o.rules && !ct_profile_find(o.rules)) {
		cli_error("check: unknown rules profile '%s'", o.rules);
		rc = EXIT_USAGE;
	}
	struct sources src;
	session s;
	ct_roster *own = NULL;
	if (rc == EXIT_DONE)
		rc = open_sources(&o, &src, &s, &own);
	if (rc != EXIT_DONE) {
		ct_roster_free(own);
		free(o.files);
		session_opts_release(&o.tally);
		return rc >= 1000 ? rc - 1000 : rc;
	}
	ct_buf out = CT_BUF_INIT, claims = CT_BUF_INIT;
	int nfindings = 0, nread = 0, missing = 0, failed = 0;
	if (o.json)
		ct_buf_addstr(&out, "{\"schema_version\": 1,\n \"posts\": [");
	for (int i = 0; i < o.nfiles; i++) {
		int one = 0;
		nread += check_one(&o, &src, o.files[i], &out, &claims, &nfindings, i == 0, &one);
		if (one == -1)
			missing = 1;
		else if (one > 0)
			failed = one;
	}
	if (o.json)
		ct_buf_addstr(&out, "\n ]}\n");
	if (src.archive)
		session_close(&s);
	ct_roster_free(own);
	free(o.files);
	session_opts_release(&o.tally);
	FILE *f = cli_output_open(o.output);
	if (!f) {
		ct_buf_release(&out);
		ct_buf_release(&claims);
		return EXIT_IOERR;
	}
	fwrite(claims.buf ? claims.buf : "", 1, claims.len, f);
	fwrite(out.buf ? out.buf : "", 1, out.len, f);
	rc = cli_output_close(f, o.output);
	ct_buf_release(&out);
	ct_buf_release(&claims);
	if (rc != EXIT_DONE)
		return rc;
	if (failed)
		return failed;
	if (!nread)
		return missing ? EXIT_NOINPUT : EXIT_DATAERR;
	return nfindings ? EXIT_CHECK_FAILED : EXIT_DONE;
}
