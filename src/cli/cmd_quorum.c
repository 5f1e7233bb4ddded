/* cli/cmd_quorum: `cabtally quorum` — derive a ballot's quorum and show the arithmetic. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cabtally/rules.h"

const char cmd_quorum_summary[] = "derive the quorum from attendance or the active count";

static const char usage_text[] =
	"usage: cabtally quorum (--attendance N,N,N | --active N | --quorum N)\n"
	"                       [--participants N] [--rules PROFILE] [--date D] [--group G]\n"
	"                       [--format text|json] [--output FILE]\n"
	"\n"
	"The quorum is the smallest number of participants (yes, no and abstain of\n"
	"both categories) greater than half of the currently active members, the\n"
	"average attendance of the previous meetings kept as an exact fraction.\n"
	"\n"
	"  --attendance N,N,N  participation at the previous meetings\n"
	"  --active N          the currently active count, given directly\n"
	"  --quorum N          the quorum itself, given directly\n"
	"  --participants N    judge N participants against the quorum\n"
	"  --rules PROFILE     bylaw/charter profile (BL1.5, SCWG1.1, SCWG1.3+BL2.5, ...)\n"
	"  --date D            start of voting, YYYY-MM-DD[THH:MMZ] (default: now)\n"
	"  --group G           forum (default), scwg, smcwg, cscwg, netsec\n"
	"  --format F          text (default) or json\n"
	"  --output FILE, -o   write there instead of standard output\n";

struct opts {
	const char *attendance, *active, *quorum, *participants;
	const char *rules, *date, *group, *format, *output;
};

/* A whole number ≥ 0 from an option, or -1. */
static long count_arg(const char *name, const char *v)
{
	char *end;
	if (!v || *v < '0' || *v > '9')
		goto bad;
	long n = strtol(v, &end, 10);
	if (*end || n > 1000000)
		goto bad;
	return n;
bad:
	cli_error("invalid %s '%s': expected a whole number", name, v ? v : "");
	return -1;
}

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct { const char *name; size_t off; } table[] = {
		{ "--attendance", offsetof(struct opts, attendance) },
		{ "--active", offsetof(struct opts, active) },
		{ "--quorum", offsetof(struct opts, quorum) },
		{ "--participants", offsetof(struct opts, participants) },
		{ "--rules", offsetof(struct opts, rules) },
		{ "--date", offsetof(struct opts, date) },
		{ "--group", offsetof(struct opts, group) },
		{ "--format", offsetof(struct opts, format) },
		{ "--output", offsetof(struct opts, output) },
		{ "-o", offsetof(struct opts, output) },
	};
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return EXIT_DONE + 1000; /* done, exit 0 */
		}
		int matched = 0;
		for (size_t k = 0; k < sizeof(table) / sizeof(table[0]) && !matched; k++) {
			const char *v;
			int rc = cli_opt_value(argc, argv, &i, table[k].name, &v);
			if (rc < 0)
				return EXIT_USAGE;
			if (rc > 0) {
				*(const char **)((char *)o + table[k].off) = v;
				matched = 1;
			}
		}
		if (!matched) {
			cli_error("quorum: unknown argument '%s'", argv[i]);
			fputs(usage_text, stderr);
			return EXIT_USAGE;
		}
	}
	int bases = !!o->attendance + !!o->active + !!o->quorum;
	if (bases != 1) {
		cli_error("quorum: give exactly one of --attendance, --active or --quorum");
		return EXIT_USAGE;
	}
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json")) {
		cli_error("quorum: unknown format '%s' (text or json)", o->format);
		return EXIT_USAGE;
	}
	return EXIT_DONE;
}

static int build_base(const struct opts *o, ct_quorum_base *base, long *participants)
{
	ct_error err = CT_ERROR_INIT;
	*participants = -1;
	if (o->attendance) {
		if (ct_quorum_base_parse_attendance(base, o->attendance, &err))
			return cli_fail(&err);
	} else if (o->active) {
		base->basis = CT_QUORUM_BASIS_ACTIVE;
		if ((base->active = count_arg("--active", o->active)) < 0)
			return EXIT_USAGE;
	} else {
		base->basis = CT_QUORUM_BASIS_QUORUM;
		if ((base->quorum = count_arg("--quorum", o->quorum)) < 0)
			return EXIT_USAGE;
	}
	if (o->participants && (*participants = count_arg("--participants", o->participants)) < 0)
		return EXIT_USAGE;
	return EXIT_DONE;
}

static void render_json(ct_buf *out, const ct_rules *r, const ct_quorum *q, int64_t date)
{
	char d[21];
	ct_time_format_iso(date, d);
	ct_buf_addstr(out, "{\"schema_version\": 1, \"date\": ");
	ct_buf_add_json_string(out, d);
	ct_buf_addstr(out, ", \"group\": ");
	ct_buf_add_json_string(out, ct_rules_main(r)->group);
	ct_buf_addstr(out, ", \"rules\": ");
	ct_rules_to_json(out, r);
	ct_buf_addstr(out, ", \"quorum\": ");
	ct_quorum_to_json(out, q);
	ct_buf_addstr(out, "}\n");
}

static void render_text(ct_buf *out, const ct_rules *r, const ct_quorum *q, int64_t date)
{
	char d[11];
	ct_buf name = CT_BUF_INIT;
	ct_rules_name(r, &name);
	ct_time_format_date(date, d);
	ct_buf_addf(out, "rules: %s (%s), voting starting %s\n", ct_buf_cstr(&name),
		ct_rules_main(r)->document, d);
	ct_buf_release(&name);
	ct_quorum_describe(out, q, r);
	if (q->half >= 0)
		ct_buf_addf(out, "Half of currently active %s as of the start of voting was %ld, "
			"so quorum was %ld votes.\n", r->bylaws->members, q->half, q->required);
}

int cmd_quorum(int argc, char **argv)
{
	struct opts o = { 0 };
	int rc = parse(argc, argv, &o);
	if (rc == EXIT_DONE + 1000)
		return EXIT_DONE;
	if (rc != EXIT_DONE)
		return rc;
	ct_quorum_base base = CT_QUORUM_BASE_INIT;
	long participants;
	if ((rc = build_base(&o, &base, &participants)) != EXIT_DONE)
		return rc;
	int64_t date = (int64_t)time(NULL);
	if (o.date && ct_time_parse_iso(o.date, &date)) {
		cli_error("quorum: invalid date '%s' (YYYY-MM-DD or YYYY-MM-DDTHH:MMZ)", o.date);
		return EXIT_USAGE;
	}
	ct_rules rules;
	ct_error err = CT_ERROR_INIT;
	if (ct_rules_select(&rules, o.group, date, o.rules, &err)) {
		cli_error("quorum: %s", err.msg);
		return EXIT_USAGE;
	}
	ct_quorum q;
	ct_quorum_compute(&q, &rules, &base, participants);
	ct_buf out = CT_BUF_INIT;
	if (o.format && !strcmp(o.format, "json"))
		render_json(&out, &rules, &q, date);
	else
		render_text(&out, &rules, &q, date);
	rc = cli_write_output(o.output, &out);
	ct_buf_release(&out);
	return rc;
}
