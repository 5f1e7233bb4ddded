/* roster against the public record: every name a published result post
 * (../shared/corpus/published-results) lists under a category must be, in
 * the bundled roster, a voting member of the ballot's group in that category
 * on the post's date. The posts' own mistakes are listed below with reasons.
 *
 * The name extraction follows the Forum's layouts over the years (the same
 * rules as scripts/roster/extract.py, which drafted the roster):
 *   2013-15 prose     "The Chair received “yes” votes from A, B and C." "X abstained."
 *   2014 lists        "Yea: A, B" "Abstain: C"
 *   2017-22 blocks    "Voting by CAs – N votes total" / "17 Yes votes: A, B"
 *   2020-24 tables    "| Certificate Issuers | A, B | | C |", and the mangled
 *                     ones whose cells lost their separators ("DigiCerteMudhra")
 *   2022+             "N Issuers voting YES: A, B" under "Certificate Issuers"
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/roster.h"
#include "testutil.h"

/* What the posts print wrongly; each is skipped, with the reason. */
static const struct {
	const char *file;
	const char *name;
	const char *reason;
} mistakes[] = {
	{ "2014-10-16-ballot-137-voting-process-bylaw-amendment.md", "SttartCom",
	  "misspelling of StartCom" },
	{ "2023-12-08-ballot-smc04-addition-of-etsi-ts-119-411-6-to-audit-standards.md",
	  "Buypass Chunghwa Telecom", "comma missing between Buypass and Chunghwa Telecom" },
};

enum { V_NONE, V_YES, V_NO, V_ABSTAIN };

struct found {
	ct_roster_category cat;
	char *name;
};

struct post {
	char file[256];
	char date[16];
	const char *group;
	struct found *names;
	size_t n;
};

/* ---- small string helpers ----------------------------------------------- */

static int re_search(const char *pattern, const char *s, regmatch_t *m, size_t nm)
{
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_ICASE) != 0)
		fail_msg("bad regex %s", pattern);
	int hit = regexec(&re, s, nm, m, 0) == 0;
	regfree(&re);
	return hit;
}

static int re_has(const char *pattern, const char *s)
{
	return re_search(pattern, s, NULL, 0);
}

static char *dup_span(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void trim(char *s)
{
	size_t n = strlen(s), i = 0;
	while (n && strchr(" \t\r\n", s[n - 1]))
		n--;
	s[n] = '\0';
	while (s[i] && strchr(" \t\r\n", s[i]))
		i++;
	memmove(s, s + i, n - i + 1);
}

static void remove_all(char *s, const char *what)
{
	size_t w = strlen(what);
	for (char *p = strstr(s, what); p; p = strstr(p, what))
		memmove(p, p + w, strlen(p + w) + 1);
}

static void replace_all(char *s, const char *what, char with)
{
	size_t w = strlen(what);
	for (char *p = strstr(s, what); p; p = strstr(p + 1, what)) {
		*p = with;
		memmove(p + 1, p + w, strlen(p + w) + 1);
	}
}

/* Drop emphasis and list bullets ("- ", "* ", "– ", "· ", "• ", "o ", "1. "). */
static char *clean(const char *raw)
{
	char *s = strdup(raw);
	remove_all(s, "**");
	replace_all(s, "\xc2\xa0", ' ');
	for (char *p = s; *p; p++)
		if (*p == '_' && (p == s || p[-1] == ' ' || p[1] == ' ' || p[1] == '\0'))
			*p = ' ';
	trim(s);
	for (;;) {
		regmatch_t m[1];
		if (!re_search("^(-|\\*|–|·|•|o|[0-9]+\\.)[[:space:]]+", s, m, 1))
			break;
		memmove(s, s + m[0].rm_eo, strlen(s + m[0].rm_eo) + 1);
	}
	trim(s);
	return s;
}

static int vote_of(const char *label)
{
	if (re_has("abstain|abstention|abstaining", label))
		return V_ABSTAIN;
	if (re_has("(^|[^a-z])(no|nay)([^a-z]|$)|against|opposed", label))
		return V_NO;
	if (re_has("(^|[^a-z])(yes|yea)([^a-z]|$)|in favou?r", label))
		return V_YES;
	return V_NONE;
}

static ct_roster_category cat_of(const char *s)
{
	if (re_has("(^|[^a-z])(cas?|ca’s|ca's|issuers?)([^a-z]|$)|certificate issuer", s))
		return CT_CAT_ISSUER;
	if (re_has("(^|[^a-z])(browsers?|consumers?)([^a-z]|$)", s))
		return CT_CAT_CONSUMER;
	return CT_CAT_NONE;
}

static const char *const label_words[] = {
	"yes", "no", "abstain", "abstains", "abstaining", "abstention", "abstentions", "abstained",
	"yea", "nay", "vote", "votes", "voting", "in", "favor", "favour", "against", "opposed", "to",
	"ca", "cas", "ca’s", "ca's", "browser", "browsers", "certificate", "issuers", "consumers",
	"issuer", "consumer", "members", "on", "public", "list", "were", "from", "received", "the",
	"we", "there", "zero", "and", "voted", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", NULL,
};

/* "17 Yes votes", "CAs voting in favor (9)", "Votes in Favor" — and not a
 * sentence that merely mentions a vote. */
static int is_vote_label(const char *label)
{
	if (vote_of(label) == V_NONE)
		return 0;
	char *s = strdup(label);
	for (char *p = s; *p; p++)
		*p = (char)ct_ascii_tolower((unsigned char)*p);
	remove_all(s, "“");
	remove_all(s, "”");
	int ok = 1;
	for (char *tok = strtok(s, " \t\"()0123456789"); tok && ok; tok = strtok(NULL, " \t\"()0123456789")) {
		int known = 0;
		for (size_t i = 0; label_words[i]; i++)
			known |= !strcmp(tok, label_words[i]);
		ok = known;
	}
	free(s);
	return ok;
}

static void add_name(struct post *p, ct_roster_category cat, const char *name)
{
	p->names = realloc(p->names, (p->n + 1) * sizeof(*p->names));
	p->names[p->n].cat = cat;
	p->names[p->n].name = strdup(name);
	p->n++;
}

static void finish_name(struct post *p, ct_roster_category cat, char *n)
{
	trim(n);
	size_t len = strlen(n);
	while (len && (n[len - 1] == '*' || n[len - 1] == '_'))
		n[--len] = '\0';
	while (*n == '*' || *n == '_')
		memmove(n, n + 1, len--);
	trim(n);
	if (!ct_strncasecmp(n, "and ", 4))
		memmove(n, n + 4, strlen(n + 4) + 1);
	else if (!strncmp(n, "& ", 2))
		memmove(n, n + 2, strlen(n + 2) + 1);
	len = strlen(n);
	while (len && n[len - 1] == '.')
		n[--len] = '\0';
	trim(n);
	if (!*n || !ct_strcasecmp(n, "none") || !ct_strcasecmp(n, "n/a") || !strcmp(n, "-"))
		return;
	add_name(p, cat, n);
}

/* "A, B; C and D" (commas inside parentheses kept), "(9) A, B" */
static void split_names(struct post *p, ct_roster_category cat, const char *list)
{
	char *s = strdup(list);
	trim(s);
	regmatch_t m[1];
	if (re_search("^\\([[:space:]]*[0-9]+[[:space:]]*\\)[[:space:]]*", s, m, 1))
		memmove(s, s + m[0].rm_eo, strlen(s + m[0].rm_eo) + 1);
	size_t start = 0, depth = 0;
	for (size_t i = 0;; i++) {
		char c = s[i];
		if (c == '(')
			depth++;
		if (c == ')' && depth)
			depth--;
		size_t skip = 0;
		if (!c)
			skip = 1;
		else if (!depth && (c == ',' || c == ';'))
			skip = 1;
		else if (!depth && !ct_strncasecmp(s + i, " and ", 5))
			skip = 5;
		if (!skip)
			continue;
		char *n = dup_span(s + start, i - start);
		finish_name(p, cat, n);
		free(n);
		if (!c)
			break;
		i += skip - 1;
		start = i + 1;
	}
	free(s);
}

/* ---- the layouts -------------------------------------------------------- */

struct state {
	ct_roster_category cat;
	int mangled;   /* inside a table whose cells lost their separators */
	int table;     /* a "| | Yes | No | Abstain |" header was seen */
};

static int table_row(struct post *p, struct state *st, const char *raw)
{
	char *row = strdup(raw);
	trim(row);
	size_t len = strlen(row);
	while (len && row[len - 1] == '|')
		row[--len] = '\0';
	char *body = row[0] == '|' ? row + 1 : row;
	char *cells[32];
	size_t n = 0;
	for (char *c = body; n < 32;) {
		char *bar = strchr(c, '|');
		if (bar)
			*bar = '\0';
		cells[n++] = clean(c);
		if (!bar)
			break;
		c = bar + 1;
	}
	int has_yes = 0, has_abstain = 0, used = 1;
	for (size_t i = 0; i < n; i++) {
		has_yes |= !ct_strcasecmp(cells[i], "yes");
		has_abstain |= !ct_strcasecmp(cells[i], "abstain");
	}
	if (has_yes && has_abstain) {
		st->table = 1;
	} else if (st->table && n == 1 && cat_of(cells[0])) {
		st->cat = cat_of(cells[0]);
		st->mangled = 1;
	} else if (st->table && n > 1 && cat_of(cells[0])) {
		for (size_t i = 1; i < n; i++)
			split_names(p, cat_of(cells[0]), cells[i]);
	} else {
		used = 0;
	}
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(row);
	return used;
}

/* "N “yes” votes from CAs (A, B) and N “no” votes from Browsers (C and D)" */
static int from_parens(struct post *p, const char *line)
{
	const char *re = "(yes|no|abstain)(”|\")? votes? from (CAs|Browsers) \\(([^)]*)\\)";
	regmatch_t m[5];
	int hits = 0;
	for (const char *s = line; re_search(re, s, m, 5); s += m[0].rm_eo, hits++) {
		char *who = dup_span(s + m[3].rm_so, (size_t)(m[3].rm_eo - m[3].rm_so));
		char *list = dup_span(s + m[4].rm_so, (size_t)(m[4].rm_eo - m[4].rm_so));
		split_names(p, cat_of(who), list);
		free(who);
		free(list);
	}
	return hits;
}

/* "17 YES votes from CA members: A, …, W and 3 YES votes from Browser members: X" */
static int from_members(struct post *p, const char *line)
{
	const char *re = "(yes|no|abstain) votes? (were received )?from (CA|Browser) members:? ";
	regmatch_t m[4], next[1];
	int hits = 0;
	for (const char *s = line; re_search(re, s, m, 4); hits++) {
		ct_roster_category cat = ct_strncasecmp(s + m[3].rm_so, "ca", 2) ? CT_CAT_CONSUMER : CT_CAT_ISSUER;
		const char *list = s + m[0].rm_eo;
		size_t len = strlen(list);
		if (re_search(" and [0-9]+ (yes|no|abstain)", list, next, 1))
			len = (size_t)next[0].rm_so;
		char *l = dup_span(list, len);
		split_names(p, cat, l);
		free(l);
		s = list + len;
	}
	return hits;
}

/* "Label: names" or "Label – names", the label being only vote words. */
static int labelled(struct post *p, struct state *st, const char *line)
{
	const char *colon = strchr(line, ':'), *dash = strstr(line, "–"), *hyph = strstr(line, " - ");
	const char *sep = colon;
	size_t seplen = 1;
	if (dash && (!sep || dash < sep)) {
		sep = dash;
		seplen = strlen("–");
	}
	if (hyph && (!sep || hyph < sep)) {
		sep = hyph;
		seplen = 3;
	}
	if (!sep || sep == line || sep - line > 80)
		return 0;
	char *label = dup_span(line, (size_t)(sep - line));
	trim(label);
	int ok = *label && is_vote_label(label);
	if (ok) {
		ct_roster_category cat = cat_of(label);
		split_names(p, cat ? cat : st->cat, sep + seplen);
	}
	free(label);
	return ok;
}

static const char *const prose[] = {
	"received ((“|\")?yes(”|\")? votes|votes in favou?r) from:?[[:space:]]*(.+)",
	"voted in favou?r[[:space:]]*(–|-)[[:space:]]*(.+)",
	"voting in favou?r were:?[[:space:]]*(.+)",
	"(“|\")yes(”|\") votes were cast by[[:space:]]*(.+)",
	"(“|\")no(”|\") votes were cast by[[:space:]]*(.+)",
	"(“|\")no(”|\") votes (by|from):?[[:space:]]*(.+)",
	"abstentions were submitted by[[:space:]]*(.+)",
	"^(.+) abstained$",
	"^(.+) voted (“|\")?no(”|\")?$",
	NULL,
};

static void prose_sentence(struct post *p, struct state *st, char *sent)
{
	trim(sent);
	size_t len = strlen(sent);
	while (len && sent[len - 1] == '.')
		sent[--len] = '\0';
	for (size_t i = 0; prose[i]; i++) {
		regmatch_t m[6];
		if (!re_search(prose[i], sent, m, 6))
			continue;
		size_t g = 5;
		while (g && m[g].rm_so < 0)
			g--;
		char *list = dup_span(sent + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
		trim(list);
		if (!re_has("^([0-9]+|none|there|therefore|ballot|the ballot)([^a-z]|$)", list) &&
		    !re_has("(^|[^a-z])(voted|were|was|votes)([^a-z]|$)", list))
			split_names(p, st->cat, list);
		free(list);
		return;
	}
}

static void prose_line(struct post *p, struct state *st, const char *line)
{
	char *s = strdup(line);
	size_t start = 0;
	for (size_t i = 0;; i++) {
		int end = !s[i] || ((s[i] == '.' || s[i] == '!') && (s[i + 1] == ' ' || s[i + 1] == '\t'));
		if (!end)
			continue;
		char *sent = dup_span(s + start, i - start + (s[i] ? 1 : 0));
		prose_sentence(p, st, sent);
		free(sent);
		if (!s[i])
			break;
		start = i + 1;
	}
	free(s);
}

static void heading(struct state *st, const char *line)
{
	const char *re = "(voting|votes?) by (cas|browsers|certificate issuers|certificate consumers)";
	regmatch_t m[3];
	ct_roster_category last = CT_CAT_NONE;
	for (const char *s = line; re_search(re, s, m, 3); s += m[0].rm_eo) {
		char *w = dup_span(s + m[2].rm_so, (size_t)(m[2].rm_eo - m[2].rm_so));
		last = cat_of(w);
		free(w);
	}
	if (last) {
		st->cat = last;
		return;
	}
	ct_roster_category c = cat_of(line);
	if (c && strlen(line) < 90 && !re_has("[0-9]+ (yes|no)", line))
		st->cat = c;
}

static void one_line(struct post *p, struct state *st, const char *raw)
{
	char *line = clean(raw);
	if (!*line) {
		free(line);
		return;
	}
	char *bare = strdup(line);
	for (char *q = bare; *q; q++)
		if (*q == '|' || *q == '*')
			*q = ' ';
	trim(bare);
	if (re_has("^(yes|no|abstain)$", bare)) {
		st->mangled = 1;
		goto out;
	}
	if (st->mangled) {
		if (line[0] == '#' || re_has("^(the|this) ballot", bare)) {
			st->mangled = 0;
		} else {
			if (re_has("^certificate (issuers|consumers)$", bare))
				st->cat = cat_of(bare);
			else if (*bare)
				split_names(p, st->cat, bare);
			goto out;
		}
	}
	if (re_has("motion begins|^#+ *ballot content|^#+ *motion", line))
		st->cat = CT_CAT_NONE;
	const char *r = raw;
	while (*r == ' ' || *r == '\t')
		r++;
	if (*r == '|' && table_row(p, st, raw))
		goto out;
	if (from_parens(p, line) || from_members(p, line) || labelled(p, st, line))
		goto out;
	prose_line(p, st, line);
	heading(st, line);
out:
	free(bare);
	free(line);
}

static const char *group_of(const char *title, const char *file)
{
	static const struct {
		const char *prefix, *group;
	} groups[] = {
		{ "forum", "forum" }, { "cscwg", "cscwg" }, { "csc", "cscwg" }, { "smcwg", "smcwg" },
		{ "smc", "smcwg" }, { "nswg", "netsec" }, { "ns", "netsec" }, { "sc", "scwg" },
	};
	const char *texts[] = { title, file };
	for (size_t t = 0; t < 2; t++) {
		regmatch_t m[3];
		if (!re_search("(^|[^a-z])(forum|cscwg|csc|smcwg|smc|nswg|ns|sc)[ -]?0*[0-9]+", texts[t], m, 3))
			continue;
		size_t len = (size_t)(m[2].rm_eo - m[2].rm_so);
		for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
			if (strlen(groups[i].prefix) == len && !ct_strncasecmp(texts[t] + m[2].rm_so, groups[i].prefix, len))
				return groups[i].group;
	}
	return "forum";
}

/* Front matter: `date: 2019-11-14 ...` (or "2024-April-09") and `title:`. */
static char *front_matter(struct post *p, char *text)
{
	char title[512] = "";
	if (strncmp(text, "---\n", 4) != 0)
		return text;
	char *end = strstr(text + 4, "\n---\n");
	if (!end)
		return text;
	*end = '\0';
	for (char *l = strtok(text + 4, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "date:", 5)) {
			int y = 0, d = 0;
			char mon[16] = "";
			const char *v = l + 5;
			while (*v == ' ')
				v++;
			if (sscanf(v, "%4d-%15[A-Za-z]-%2d", &y, mon, &d) == 3)
				snprintf(p->date, sizeof(p->date), "%04d-%02d-%02d", y,
					ct_month_from_name(mon, strlen(mon)), d);
			else
				snprintf(p->date, sizeof(p->date), "%.10s", v);
		} else if (!strncmp(l, "title:", 6)) {
			snprintf(title, sizeof(title), "%s", l + 6);
		}
	}
	p->group = group_of(title, p->file);
	return end + 5;
}

static void parse_post(struct post *p, char *text)
{
	char *body = front_matter(p, text);
	struct state st = { CT_CAT_NONE, 0, 0 };
	for (char *l = body; l && *l;) {
		char *nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		one_line(p, &st, l);
		l = nl ? nl + 1 : NULL;
	}
}

/* ---- checking against the roster ---------------------------------------- */

/* Split glued cells ("DigiCerteMudhraEntrust") by the longest roster name
 * that starts each remainder. Returns the count (0: cannot be split). */
static size_t segment(const ct_roster *r, const char *glued, const ct_member **out, size_t max)
{
	char *key = malloc(strlen(glued) + 1);
	ct_roster_name_key(glued, key);
	size_t n = 0;
	for (const char *t = key; *t;) {
		const ct_member *best = NULL;
		size_t best_len = 0;
		for (size_t i = 0; i < ct_roster_count(r); i++) {
			const ct_member *m = ct_roster_member(r, i);
			for (size_t j = 0; j < m->nnames + m->naliases; j++) {
				const char *nm = j < m->nnames ? m->names[j].text : m->aliases[j - m->nnames];
				char *k = malloc(strlen(nm) + 1);
				size_t kl = ct_roster_name_key(nm, k);
				if (kl > best_len && !strncmp(t, k, kl)) {
					best = m;
					best_len = kl;
				}
				free(k);
			}
		}
		if (!best || n == max) {
			n = 0;
			break;
		}
		out[n++] = best;
		t += best_len;
	}
	free(key);
	return n;
}

static const char *mistake(const char *file, const char *name)
{
	for (size_t i = 0; i < sizeof(mistakes) / sizeof(mistakes[0]); i++)
		if (!strcmp(mistakes[i].file, file) && !strcmp(mistakes[i].name, name))
			return mistakes[i].reason;
	return NULL;
}

static int check_member(const struct post *p, const struct found *f, const ct_member *m,
	int64_t when, ct_buf *problems)
{
	const ct_roster_membership *ms = ct_member_membership(m, p->group, when);
	if (!ms || ms->status != CT_MS_VOTING) {
		ct_buf_addf(problems, "%s: '%s' (%s) is not a voting member of %s on %s\n", p->file,
			f->name, m->id, p->group, p->date);
		return 0;
	}
	if (f->cat && ms->category != f->cat) {
		ct_buf_addf(problems, "%s: '%s' (%s) listed as %s, roster says %s on %s\n", p->file,
			f->name, m->id, ct_category_str(f->cat), ct_category_str(ms->category), p->date);
		return 0;
	}
	return 1;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_every_published_name_is_a_voting_member(void **state)
{
	(void)state;
	char *dir = shared_path("corpus/published-results");
	DIR *d = dir ? opendir(dir) : NULL;
	if (!d) {
		print_message("skipped: ../shared/corpus/published-results is not available\n");
		free(dir);
		skip();
	}
	char *roster_path = NULL;
	{
		const char *data = getenv("CABTALLY_DATA");
		size_t n = strlen(data ? data : "data") + 32;
		roster_path = malloc(n);
		snprintf(roster_path, n, "%s/roster.xml", data ? data : "data");
	}
	char *schema = strdup(roster_path);
	strcpy(strrchr(schema, '/') + 1, "roster.rng");
	ct_roster *r = NULL;
	ct_error err = CT_ERROR_INIT;
	if (ct_roster_load(&r, roster_path, schema, NULL, &err) != 0)
		fail_msg("%s", err.msg);

	char **files = NULL;
	size_t nfiles = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t l = strlen(e->d_name);
		if (l > 3 && !strcmp(e->d_name + l - 3, ".md")) {
			files = realloc(files, (nfiles + 1) * sizeof(*files));
			files[nfiles++] = strdup(e->d_name);
		}
	}
	closedir(d);
	qsort(files, nfiles, sizeof(*files), cmp_str);

	/* CT_ROSTER_CORPUS_DUMP=FILE writes what was extracted, for review */
	FILE *dump = getenv("CT_ROSTER_CORPUS_DUMP") ? fopen(getenv("CT_ROSTER_CORPUS_DUMP"), "w") : NULL;
	ct_buf problems = CT_BUF_INIT;
	size_t checked = 0, with_names = 0, skipped = 0, bad = 0;
	for (size_t i = 0; i < nfiles; i++) {
		struct post p = { .group = "forum" };
		snprintf(p.file, sizeof(p.file), "%s", files[i]);
		size_t n = strlen(dir) + strlen(files[i]) + 2;
		char *path = malloc(n);
		snprintf(path, n, "%s/%s", dir, files[i]);
		char *text = read_file(path, NULL);
		assert_non_null(text);
		parse_post(&p, text);
		int64_t when = 0;
		if (ct_time_parse_iso(p.date, &when) != 0)
			fail_msg("%s: unreadable date '%s'", p.file, p.date);
		with_names += p.n > 0;
		if (dump)
			for (size_t k = 0; k < p.n; k++)
				fprintf(dump, "%s\t%s\t%s\t%s\t%s\n", p.file, p.date, p.group,
					p.names[k].cat ? ct_category_str(p.names[k].cat) : "?", p.names[k].name);
		for (size_t k = 0; k < p.n; k++) {
			struct found *f = &p.names[k];
			if (mistake(p.file, f->name)) {
				skipped++;
			} else {
				const ct_member *one = ct_roster_find_name(r, f->name), *parts[16];
				size_t np = one ? (parts[0] = one, 1) : segment(r, f->name, parts, 16);
				if (!np) {
					ct_buf_addf(&problems, "%s: '%s' names no member of the roster\n", p.file, f->name);
					bad++;
				}
				for (size_t j = 0; j < np; j++) {
					bad += !check_member(&p, f, parts[j], when, &problems);
					checked++;
				}
			}
			free(f->name);
		}
		free(p.names);
		free(text);
		free(path);
		free(files[i]);
	}
	free(files);
	if (dump)
		fclose(dump);
	print_message("checked %zu names from %zu of %zu posts (%zu known mistakes skipped; "
		"the other posts give counts only)\n", checked, with_names, nfiles, skipped);
	if (bad)
		fail_msg("%zu problems:\n%s", bad, ct_buf_cstr(&problems));
	assert_true(nfiles >= 190);
	assert_true(checked > 3000);
	assert_int_equal(skipped, sizeof(mistakes) / sizeof(mistakes[0]));
	ct_buf_release(&problems);
	ct_roster_free(r);
	free(roster_path);
	free(schema);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_published_name_is_a_voting_member),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
