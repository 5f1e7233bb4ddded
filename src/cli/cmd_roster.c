/* cli/roster: `cabtally roster check FILE` and `cabtally roster show [FILE]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cabtally/roster.h"
#include "cli.h"

const char cmd_roster_summary[] = "check a roster file, or show the members of a group on a date";

static const char usage_text[] =
	"usage: cabtally roster check FILE\n"
	"       cabtally roster show [FILE] [--date YYYY-MM-DD] [--group G] [--format text|json] [-o FILE]\n"
	"\n"
	"check   validate FILE against the roster schema and the loader's own rules;\n"
	"        exit 0 when valid, 65 with FILE:LINE messages when not\n"
	"show    every member with a membership in group G (default forum) on the date\n"
	"        (default today, UTC), sorted by the name it had then; without FILE\n"
	"        (or --roster FILE) the bundled roster\n";

/* Load `path` (NULL: the bundled roster), printing every problem. */
static int load(ct_roster **r, const char *path, int *exit_code)
{
	char *bundled = NULL, *schema = cli_data_path("roster.rng");
	if (!path) {
		bundled = cli_data_path("roster.xml");
		if (!bundled) {
			cli_error("the bundled roster (roster.xml) is not installed");
			free(schema);
			*exit_code = EXIT_NOINPUT;
			return -1;
		}
		path = bundled;
	}
	if (!schema)
		cli_warning("roster schema (roster.rng) not found; checking without it");
	ct_warnings diags = CT_WARNINGS_INIT;
	ct_error err = CT_ERROR_INIT;
	int rc = ct_roster_load(r, path, schema, &diags, &err);
	if (rc < 0) {
		if (diags.count)
			for (size_t i = 0; i < diags.count; i++)
				cli_error("%s", diags.items[i].message);
		else
			cli_fail(&err);
		*exit_code = cli_exit_code(err.code ? err.code : rc);
	}
	ct_warnings_release(&diags);
	free(schema);
	free(bundled);
	return rc;
}

static int roster_check(int argc, char **argv)
{
	if (argc != 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	ct_roster *r = NULL;
	int code = EXIT_DONE;
	if (load(&r, argv[1], &code) < 0)
		return code;
	printf("%s: valid roster, %zu members\n", argv[1], ct_roster_count(r));
	ct_roster_free(r);
	return EXIT_DONE;
}

static int64_t today(void)
{
	int64_t t = (int64_t)time(NULL);
	return t - (t % 86400 + 86400) % 86400;
}

static void show_text(FILE *out, const ct_roster_entry *e, size_t n, const char *day, const char *group)
{
	size_t voting = 0;
	for (size_t i = 0; i < n; i++)
		voting += e[i].status == CT_MS_VOTING;
	fprintf(out, "%s on %s: %zu members, %zu voting\n", group, day, n, voting);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%-44s %-8s %-16s %s\n", e[i].name, ct_category_str(e[i].category),
			ct_member_status_str(e[i].status), e[i].member->id);
}

static void show_json(FILE *out, const ct_roster_entry *e, size_t n, const char *day, const char *group)
{
	ct_buf b = CT_BUF_INIT;
	ct_buf_addstr(&b, "{\"schema_version\": 1, \"date\": ");
	ct_buf_add_json_string(&b, day);
	ct_buf_addstr(&b, ", \"group\": ");
	ct_buf_add_json_string(&b, group);
	ct_buf_addstr(&b, ",\n \"members\": [");
	for (size_t i = 0; i < n; i++) {
		ct_buf_addstr(&b, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
		ct_buf_add_json_string(&b, e[i].member->id);
		ct_buf_addstr(&b, ", \"name\": ");
		ct_buf_add_json_string(&b, e[i].name);
		ct_buf_addf(&b, ", \"category\": \"%s\", \"status\": \"%s\"}",
			ct_category_str(e[i].category), ct_member_status_str(e[i].status));
	}
	ct_buf_addstr(&b, n ? "\n ]}\n" : "]}\n");
	fputs(ct_buf_cstr(&b), out);
	ct_buf_release(&b);
}

static int roster_show(int argc, char **argv)
{
	const char *file = NULL, *date = NULL, *group = "forum", *format = "text", *output = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v = NULL;
		int m;
		if ((m = cli_opt_value(argc, argv, &i, "--date", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			date = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--group", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			group = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--format", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			format = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--roster", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			file = v;
		} else if ((m = cli_opt_value(argc, argv, &i, "--output", &v)) != 0 ||
			   (m = cli_opt_value(argc, argv, &i, "-o", &v)) != 0) {
			if (m < 0)
				return EXIT_USAGE;
			output = v;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("roster show: unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else if (!file) {
			file = argv[i];
		} else {
			cli_error("roster show: more than one roster file given");
			return EXIT_USAGE;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		cli_error("roster show: --format must be text or json, not '%s'", format);
		return EXIT_USAGE;
	}
	int64_t when = today();
	if (date && ct_time_parse_iso(date, &when) < 0) {
		cli_error("roster show: invalid date '%s' (use YYYY-MM-DD)", date);
		return EXIT_USAGE;
	}
	when -= (when % 86400 + 86400) % 86400;
	ct_roster *r = NULL;
	int code = EXIT_DONE;
	if (load(&r, file, &code) < 0)
		return code;
	char day[11];
	ct_time_format_date(when, day);
	ct_roster_entry *e = NULL;
	size_t n = ct_roster_list(r, when, group, 0, &e);
	FILE *out = cli_output_open(output);
	if (!out) {
		code = EXIT_IOERR;
	} else {
		if (!strcmp(format, "json"))
			show_json(out, e, n, day, group);
		else
			show_text(out, e, n, day, group);
		code = cli_output_close(out, output);
	}
	free(e);
	ct_roster_free(r);
	return code;
}

int cmd_roster(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage_text, stdout);
			return EXIT_DONE;
		}
	if (!strcmp(argv[1], "check"))
		return roster_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return roster_show(argc - 1, argv + 1);
	cli_error("roster: unknown subcommand '%s' (check or show)", argv[1]);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}
