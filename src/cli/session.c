/* cli/session: options, roster and scan shared by tally, votes and status; a ballot → a tally. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "version.h"

static int parse_long(const char *s, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 0)
		return -1;
	*out = v;
	return 0;
}

int session_parse_period(session_opts *o, const char *v)
{
	const char *dots = strstr(v, "..");
	if (!dots)
		return -1;
	char *a = ct_strndup(v, (size_t)(dots - v));
	int rc = ct_time_parse_iso(a, &o->period_start) || ct_time_parse_iso(dots + 2, &o->period_end);
	free(a);
	if (rc || o->period_end <= o->period_start)
		return -1;
	o->have_period = 1;
	return 0;
}

static int parse_format(session_opts *o, const char *v, const char *formats)
{
	static const struct { const char *name; enum session_format f; } names[] = {
		{ "md", FORMAT_MD }, { "text", FORMAT_TEXT }, { "json", FORMAT_JSON },
		{ "html", FORMAT_HTML }, { "tsv", FORMAT_TSV },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(v, names[i].name))
			continue;
		/* whole words of `formats` only */
		size_t n = strlen(v);
		for (const char *p = formats; (p = strstr(p, v)); p += n)
			if ((p == formats || p[-1] == ' ') && (p[n] == ' ' || !p[n])) {
				o->format = names[i].f;
				return 0;
			}
	}
	return -1;
}

static void add_ruling(session_opts *o, const ct_tally_ruling *r)
{
	o->rulings = ct_realloc(o->rulings, (o->nrulings + 1) * sizeof(*o->rulings));
	o->rulings[o->nrulings++] = *r;
}

void session_opts_init(session_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->cutoff = INT64_MAX;
	o->jobs = -1;
}

int session_opts_parse(session_opts *o, int argc, char **argv, const char *usage,
		       const char *formats)
{
	session_opts_init(o);
	o->archives = ct_calloc((size_t)argc + 1, sizeof(char *));
	const char *cmd = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		int m;
		ct_error err = CT_ERROR_INIT;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return -1;
		} else if (!strcmp(a, "--version")) {
			cli_print_version(stdout);
			return -1;
		} else if (!strcmp(a, "--all")) {
			o->all = 1;
		} else if (!strcmp(a, "--explain")) {
			o->explain = 1;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--progress")) {
			o->progress = 1;
		} else if (!strcmp(a, "--front-matter")) {
			o->front_matter = 1;
		} else if ((m = cli_opt_value(argc, argv, &i, "--ballot", &v))) {
			if (m < 0)
				goto usage;
			if (ct_ballot_id_parse(&o->ballot, v, strlen(v))) {
				cli_error("%s: '%s' is not a ballot id", cmd, v);
				goto usage;
			}
			o->have_ballot = 1;
		} else if ((m = cli_opt_value(argc, argv, &i, "--jobs", &v))) {
			if (m < 0 || cli_parse_jobs(cmd, v, &o->jobs))
				goto usage;
		} else if ((m = cli_opt_value(argc, argv, &i, "--roster", &v))) {
			if (m < 0)
				goto usage;
			o->roster_path = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--rules", &v))) {
			if (m < 0)
				goto usage;
			o->rules = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--period", &v))) {
			if (m < 0)
				goto usage;
			if (session_parse_period(o, v)) {
				cli_error("%s: '%s' is not a period START..END in ISO 8601", cmd, v);
				goto usage;
			}
		} else if ((m = cli_opt_value(argc, argv, &i, "--attendance", &v))) {
			if (m < 0)
				goto usage;
			if (ct_quorum_base_parse_attendance(&o->quorum, v, &err)) {
				cli_error("%s: %s", cmd, err.msg);
				goto usage;
			}
		} else if ((m = cli_opt_value(argc, argv, &i, "--active", &v))) {
			if (m < 0 || parse_long(v, &o->quorum.active)) {
				cli_error("%s: --active needs a whole number", cmd);
				goto usage;
			}
			o->quorum.basis = CT_QUORUM_BASIS_ACTIVE;
		} else if ((m = cli_opt_value(argc, argv, &i, "--quorum", &v))) {
			if (m < 0 || parse_long(v, &o->quorum.quorum)) {
				cli_error("%s: --quorum needs a whole number", cmd);
				goto usage;
			}
			o->quorum.basis = CT_QUORUM_BASIS_QUORUM;
		} else if ((m = cli_opt_value(argc, argv, &i, "--group", &v))) {
			ct_group g;
			if (m < 0 || ct_group_from_name(&g, v)) {
				cli_error("%s: unknown group '%s' (forum, scwg, smcwg, cscwg, netsec)", cmd,
					  v ? v : "");
				goto usage;
			}
			o->group = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--now", &v))) {
			if (m < 0)
				goto usage;
			o->now = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--format", &v))) {
			if (m < 0 || parse_format(o, v, formats)) {
				cli_error("%s: unknown format '%s' (%s)", cmd, v ? v : "", formats);
				goto usage;
			}
		} else if ((m = cli_opt_value(argc, argv, &i, "--output", &v)) ||
			   (m = cli_opt_value(argc, argv, &i, "-o", &v))) {
			if (m < 0)
				goto usage;
			o->output = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--exclude", &v)) ||
			   (m = cli_opt_value(argc, argv, &i, "--ruling", &v))) {
			if (m < 0)
				goto usage;
			ct_tally_ruling r;
			if (ct_tally_ruling_parse(&r, v, !strncmp(a, "--exclude", 9), &err)) {
				cli_error("%s: %s", cmd, err.msg);
				goto usage;
			}
			add_ruling(o, &r);
		} else if ((m = cli_opt_value(argc, argv, &i, "--layout", &v))) {
			if (m < 0)
				goto usage;
			o->layout = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--author", &v))) {
			if (m < 0)
				goto usage;
			o->author = v;
		} else if (a[0] == '-' && a[1]) {
			cli_error("%s: unknown option '%s'", cmd, a);
			goto usage;
		} else {
			o->archives[o->narchives++] = argv[i];
		}
	}
	if (!o->narchives) {
		cli_error("%s: no archive given", cmd);
		goto usage;
	}
	return 0;
usage:
	fputs(usage, stderr);
	return EXIT_USAGE;
}

void session_opts_release(session_opts *o)
{
	for (size_t i = 0; i < o->nrulings; i++)
		ct_tally_ruling_release(&o->rulings[i]);
	free(o->rulings);
	free(o->archives);
}

static int load_roster(session *s)
{
	char *bundled = NULL;
	const char *path = s->opts->roster_path;
	if (!path) {
		bundled = cli_data_path("roster.xml");
		if (!bundled) {
			cli_error("the bundled roster (roster.xml) was not found; give one with --roster");
			return EXIT_NOINPUT;
		}
		path = bundled;
	}
	char *schema = cli_data_path("roster.rng");
	ct_warnings diags = CT_WARNINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	int rc = ct_roster_load(&s->roster, path, schema, &diags, &err);
	if (rc) {
		for (size_t i = 0; i < diags.count; i++)
			cli_error("%s", diags.items[i].message);
		if (!diags.count)
			cli_error("%s", err.msg);
	}
	ct_warnings_release(&diags);
	free(schema);
	free(bundled);
	return rc ? cli_exit_code(rc) : 0;
}

int session_open(session *s, session_opts *o)
{
	memset(s, 0, sizeof(*s));
	s->opts = o;
	int rc = load_roster(s);
	if (rc)
		return rc;
	scan_opts so = {
		.archives = o->archives,
		.narchives = o->narchives,
		.ballot = o->have_ballot && !o->all ? &o->ballot : NULL,
		.quiet = o->quiet,
		.progress = o->quiet ? -1 : o->progress,
		.keep_announcements = 1,
		.hash_inputs = o->format == FORMAT_JSON,
		.threads = o->jobs,
	};
	ct_error err = CT_ERROR_INIT;
	if (scan_run(&s->scan, &so, &err)) {
		cli_error("%s", err.msg);
		return cli_exit_code(err.code);
	}
	return 0;
}

void session_close(session *s)
{
	scan_release(&s->scan);
	ct_roster_free(s->roster);
}

long session_find_ballot(session *s)
{
	long pos = ct_ballot_index_lookup(s->scan.index, &s->opts->ballot);
	if (pos < 0) {
		char id[32];
		ct_ballot_id_format(&s->opts->ballot, id, sizeof(id));
		cli_error("ballot %s not found in the archives", id);
	}
	return pos;
}

static ct_category rules_category(ct_roster_category c)
{
	return c == CT_CAT_ISSUER ? CT_CATEGORY_ISSUER :
	       c == CT_CAT_CONSUMER ? CT_CATEGORY_CONSUMER : CT_CATEGORY_NONE;
}

static ct_sender_status sender_status(ct_resolution_status s)
{
	switch (s) {
	case CT_RES_MEMBER: return CT_SENDER_VOTING;
	case CT_RES_NOT_VOTING: return CT_SENDER_NOT_VOTING;
	case CT_RES_UNCLEAR: return CT_SENDER_UNCLEAR;
	default: return CT_SENDER_NOT_A_MEMBER;
	}
}

/* The organisation the message names with its vote, if any. */
static const char *org_named(const scan_msg *m)
{
	for (size_t i = 0; i < m->nreadings; i++)
		if (m->readings[i].org)
			return m->readings[i].org;
	return NULL;
}

int session_tally(session *s, long pos, ct_tally_result **out, session_ballot *sb)
{
	const session_opts *o = s->opts;
	const ct_ballot_info *info = ct_ballot_index_get(s->scan.index, (size_t)pos);
	memset(sb, 0, sizeof(*sb));
	/* The display id without the version: the version is printed apart. */
	ct_ballot_id bare = info->id;
	bare.version = 0;
	ct_ballot_id_format(&bare, sb->display, sizeof(sb->display));
	if (info->id.version > 0)
		snprintf(sb->version, sizeof(sb->version), "v%d", info->id.version);
	sb->title = info->title;
	sb->group = o->group ? o->group : ct_group_name(info->id.group);

	int period_known = 0;
	int64_t start = 0, end = 0;
	if (o->have_period) {
		period_known = 1;
		start = o->period_start;
		end = o->period_end;
		sb->period_source = "option";
	} else if (info->has_period) {
		period_known = 1;
		start = info->period.start;
		end = info->period.end;
		sb->period_source = (info->period.flags & CT_PERIOD_FROM_QUOTED) ? "quoted" : "announcement";
	}
	if (info->announcement >= 0 && (size_t)info->announcement < s->scan.nmsgs)
		sb->announcement = s->scan.msgs[info->announcement].announcement;

	/* Membership and categories as of the start of voting; without a period
	 * or an announcement, as of each message's own date. */
	int64_t when = period_known ? start : info->announced != CT_NO_DATE ? info->announced :
		       CT_NO_DATE;
	sb->when = when != CT_NO_DATE ? when : 0;
	ct_error err = CT_ERROR_INIT;
	if (ct_rules_select(&sb->rules, sb->group, period_known ? start : CT_RULES_NO_DATE, o->rules,
			    &err)) {
		cli_error("%s", err.msg);
		return cli_exit_code(err.code);
	}

	const long *thread;
	size_t nthread = ct_ballot_index_members(s->scan.index, (size_t)pos, &thread);
	/* The thread, plus votes that name this ballot from another thread. */
	char *in_thread = ct_calloc(s->scan.nmsgs + 1, 1);
	long *members = ct_calloc(s->scan.nmsgs + 1, sizeof(long));
	size_t n = 0;
	for (size_t i = 0; i < nthread; i++) {
		in_thread[thread[i]] = 1;
		members[n++] = thread[i];
	}
	for (size_t i = 0; i < s->scan.nmsgs; i++) {
		const scan_msg *m = &s->scan.msgs[i];
		if (in_thread[i] || !m->file)
			continue;
		for (size_t k = 0; k < m->nreadings; k++)
			if (!strcmp(m->readings[k].ballot, info->id.canon)) {
				members[n++] = (long)i;
				break;
			}
	}
	free(in_thread);
	ct_tally_msg *msgs = ct_calloc(n + 1, sizeof(*msgs));
	ct_tally_reading *readings = NULL;
	size_t nread = 0;
	for (size_t i = 0; i < n; i++)
		nread += s->scan.msgs[members[i]].nreadings;
	readings = ct_calloc(nread + 1, sizeof(*readings));
	ct_resolution *res = ct_calloc(n + 1, sizeof(*res));
	size_t r = 0, kept = 0;
	for (size_t i = 0; i < n; i++) {
		const scan_msg *m = &s->scan.msgs[members[i]];
		if (m->date != CT_TIME_NONE && m->date >= o->cutoff)
			continue; /* not sent yet at the moment asked about */
		ct_tally_msg *t = &msgs[kept];
		ct_resolution *rs = &res[kept++];
		t->message_id = m->message_id;
		t->file = m->file;
		t->offset = (int64_t)m->offset;
		t->order = m->order;
		t->date = m->date;
		t->sender = m->sender;
		ct_roster_resolve(s->roster, rs, m->sender, org_named(m),
				  when != CT_NO_DATE ? when : m->date, sb->group);
		t->sender_status = sender_status(rs->status);
		t->sender_reason = rs->reason;
		t->member_id = rs->member_id;
		t->member_name = rs->name;
		t->category = rules_category(rs->category);
		t->readings = &readings[r];
		t->nreadings = m->nreadings;
		for (size_t k = 0; k < m->nreadings; k++, r++) {
			const scan_reading *sr = &m->readings[k];
			readings[r] = (ct_tally_reading){ (ct_vote)sr->vote, sr->ballot[0] ? sr->ballot : NULL,
				sr->code, sr->reason, sr->evidence };
		}
	}
	ct_tally_input in = {
		.ballot_id = info->id.canon,
		.period_known = period_known,
		.start = start,
		.end = end,
		.rules = &sb->rules,
		.quorum = o->quorum,
		.msgs = msgs,
		.nmsgs = kept,
		.rulings = o->rulings,
		.nrulings = o->nrulings,
	};
	int rc = ct_tally_run(out, &in, &err);
	free(members);
	free(msgs);
	free(readings);
	free(res);
	if (rc) {
		cli_error("%s", err.msg);
		return cli_exit_code(rc);
	}
	return 0;
}

void session_json_meta(const session *s, const session_ballot *sb, ct_tally_json_input *inputs,
		       ct_tally_meta *meta)
{
	for (size_t i = 0; i < s->scan.ninputs; i++) {
		inputs[i].file = s->scan.inputs[i].file;
		inputs[i].sha256 = s->scan.inputs[i].sha256[0] ? s->scan.inputs[i].sha256 : NULL;
		inputs[i].messages = s->scan.inputs[i].messages;
	}
	memset(meta, 0, sizeof(*meta));
	meta->tool = "cabtally " CABTALLY_VERSION;
	meta->inputs = inputs;
	meta->ninputs = s->scan.ninputs;
	meta->ballot_version = sb->version[0] ? sb->version : NULL;
	meta->ballot_title = sb->title && *sb->title ? sb->title : NULL;
	meta->group = sb->group;
	meta->period_source = sb->period_source;
}
