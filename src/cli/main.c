/* cli/main: `cabtally <command>` dispatch. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* commands.inc holds CMD(name) for every src/cli/cmd_<name>.c (cli.h). */
static const struct {
	const char *name;
	cli_command_fn fn;
	const char *summary;
} commands[] = {
#define CMD(n) { #n, cmd_##n, cmd_##n##_summary },
#include "commands.inc"
#undef CMD
	{ NULL, NULL, NULL },
};

static void usage(FILE *out)
{
	fputs("usage: cabtally <command> [options] ...\n\ncommands:\n", out);
	for (size_t i = 0; commands[i].name; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'cabtally <command> --help' describes a command; 'man cabtally' all of them.\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "--version")) {
		cli_print_version(stdout);
		return EXIT_DONE;
	}
	for (size_t i = 0; commands[i].name; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	cli_error("unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
