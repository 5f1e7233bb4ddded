/* post_read: the patterns that turn cleaned lines of a result post into
 * claims. One pattern family per layout the Forum used (see post.h); the
 * prose of 2013-2016 is read sentence by sentence, counts and the category
 * they belong to matched by position. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "cabtally/ballot.h"
#include "post_internal.h"

#define NUM "(?:\\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
	"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|no|none)"
#define CAT "(?:certificate\\s+issuers?|certificate\\s+consumers?|issuers?|consumers?|" \
	"browsers?|CA'?s\\b|\\bCA(?![/-]))"
#define VOTE "(?:in\\s+favou?r|\"?yes\"?|yea|affirmative|\"?no\"?|nay|against|opposed|" \
	"abstain(?:ed|ing|s)?|abstentions?)"

enum {
	RE_L1, RE_L2, RE_HEAD, RE_TOTAL, RE_TOTAL_BY, RE_PERCENT, RE_CITE, RE_REQ, RE_REQ_CAT,
	RE_QM, RE_QM_YN, RE_HALF, RE_ACTIVE, RE_QUORUM_IS, RE_QCOLON, RE_CAST, RE_ATTENDED,
	RE_RECEIVED, RE_LATE_FROM, RE_LATE_A, RE_LATE_N, RE_VERDICT, RE_END, RE_PH, RE_PH_X,
	RE_C_COUNT, RE_C_CAT, RE_C_TOTAL, RE_P_NAMES, RE_P_TAIL, RE_P_COUNTWORD, RE_START_TIME, RE_CAST_PROSE,
	RE_COUNT
};

static const struct {
	const char *pattern;
	uint32_t flags;
} patterns[RE_COUNT] = {
	[RE_L1] = { "^(?<n>" NUM ")\\s+(?:(?<n2>\\d+)\\s+)?(?:(?<cat>" CAT ")\\s+)?(?:(?:votes?|were)\\s+)?"
		"(?:(?:voting|voted)\\s+)?(?:to\\s+)?(?<v>" VOTE ")(?:\\s+(?:or|and)\\s+(?<v2>" VOTE "))?"
		"(?:\\s+votes?)?(?![a-z])(?<rest>.*)$", PCRE2_CASELESS },
	[RE_L2] = { "^(?:(?<cat>" CAT ")\\s+)?(?<lab>(?:votes?\\s+)?(?:voting\\s+)?(?:to\\s+)?(?<v>" VOTE ")"
		"(?:\\s+votes?)?(?:\\s+were)?)\\s*(?:\\((?<n>\\d+)\\))?\\s*:\\s*(?<names>.*)$", PCRE2_CASELESS },
	[RE_HEAD] = { "^(?:results\\s+)?(?:(?:voting|votes)\\s+by\\s+|(?<n>\\d+)\\s+votes\\s+by\\s+|among\\s+)?"
		"(?:the\\s+)?(?<cat>" CAT ")(?:\\s+(?:category|members))?\\s*(?<rest>.*)$", PCRE2_CASELESS },
	[RE_TOTAL] = { "(?<n>\\d+)\\s+votes?\\s+(?:in\\s+)?total(?:\\s*,?\\s*(?<m>including|plus|with)\\s+"
		"(?<a>no|\\d+)?\\s*abstentions?)?", PCRE2_CASELESS },
	[RE_TOTAL_BY] = { "^(?<n>\\d+)\\s+votes\\s+by\\s+", PCRE2_CASELESS },
	[RE_PERCENT] = { "(?<p>\\d+(?:\\.\\d+)?)\\s*%\\s+of\\s+(?:the\\s+)?(?:voting\\s+)?(?<cat>" CAT ")\\s+"
		"(?:voted|votes?)\\s+(?:in\\s+)?(?<d>favou?r|against|yes|no)", PCRE2_CASELESS },
	[RE_CITE] = { "\\bbylaws?\\s+(?:section\\s+)?(?<s>\\d+\\.\\d+)\\s*\\(\\s*(?<i>[a-z]|\\d+)\\s*\\)",
		PCRE2_CASELESS },
	[RE_REQ] = { "\\brequirements?\\s+(?:was|were|is|has\\s+been)\\s+(?:also\\s+)?(?<neg>not\\s+)?met\\b"
		"(?<tail>.*)$", PCRE2_CASELESS },
	[RE_REQ_CAT] = { "(?<neg>not\\s+)?met\\s+for\\s+(?:(?<all>both|either)|(?<cat>" CAT "))",
		PCRE2_CASELESS },
	[RE_QM] = { "(?:quorum\\s+(?:was|has\\s+been|is)\\s+(?<neg>not\\s+)?(?:met|achieved|reached)|"
		"quorum\\s+(?<neg2>not\\s+)?achieved|(?<made>made\\s+quorum)|"
		"(?<neg3>did\\s+not\\s+(?:meet|make|reach))\\s+(?:the\\s+)?quorum)", PCRE2_CASELESS },
	[RE_QM_YN] = { "^quorum\\s+met\\s*:\\s*(?<yn>yes|no)", PCRE2_CASELESS },
	[RE_HALF] = { "half\\s+of\\s+(?:the\\s+)?currently\\s+active\\s+(?:voting\\s+)?members[^0-9]*?"
		"(?:was|is)\\s+(?<h>\\d+)(?:\\s*,?\\s*so\\s+(?:the\\s+)?quorum\\s+(?:was|is)\\s+(?<q>\\d+))?",
		PCRE2_CASELESS },
	[RE_ACTIVE] = { "^currently\\s+active\\s+(?:voting\\s+)?members\\s*:\\s*(?<a>\\d+)", PCRE2_CASELESS },
	[RE_QUORUM_IS] = { "\\bquorum(?:\\s+figure)?\\s+(?:was|is)\\s+(?:currently\\s+)?(?<q>\\d+|one|two|three|"
		"four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)\\b",
		PCRE2_CASELESS },
	[RE_QCOLON] = { "^quorum\\s*:\\s*(?<q>\\d+)", PCRE2_CASELESS },
	[RE_CAST] = { "^votes\\s+cast[^:]*:\\s*(?<c>\\d+)", PCRE2_CASELESS },
	[RE_ATTENDED] = { "(?<a>\\d+)\\s+member\\s+(?:companies|organi[sz]ations)\\s+attended", PCRE2_CASELESS },
	[RE_RECEIVED] = { "^(?<c>\\d+)\\s+votes\\s+were\\s+received", PCRE2_CASELESS },
	[RE_LATE_FROM] = { "votes?\\s+(?:were|was)\\s+received\\s+from\\s+(?<names>.+?)\\s+after\\s+the\\s+"
		"(?:voting\\s+period|close|ballot)", PCRE2_CASELESS },
	[RE_LATE_A] = { "\\ba\\s+(?:\"?(?<v>yes|no|abstain)\"?\\s+)?vote\\s+(?:from|placed\\s+by|by|of)\\s+"
		"(?<names>.+?)\\s+(?:was|were)\\s+(?:sent|received|cast|placed|not\\s+received)[^.]*"
		"(?:outside|after|not\\s+received|not\\s+be\\s+counted|not\\s+counted)", PCRE2_CASELESS },
	[RE_LATE_N] = { "\\b(?<n>one|two|three|\\d+)\\s+votes?\\s+(?:was|were)\\s+not\\s+counted\\s+because",
		PCRE2_CASELESS },
	[RE_VERDICT] = { "\\b(?:ballots?|motion)\\b(?:[^.]|\\.(?! )){0,90}?\\b(?<v>passe[sd]|pass|failed|fails|fail|"
		"did\\s+not\\s+pass|was\\s+approved)\\b", PCRE2_CASELESS },
	[RE_END] = { "motion\\s+begins|ballot\\s+begins|following\\s+(?:motion|ballot)|made\\s+the\\s+following|"
		"(?:is|are|been|was)\\s+proposed\\s+by|^proposed\\s+by|^purpose\\s+of\\s+(?:the\\s+|this\\s+)?ballot|"
		"^ballot\\s+(?:contents?|text)\\b|^ballot$|reads\\s+as\\s+follows|explanation\\s+of\\s+ballot|"
		"calls\\s+the\\s+following", PCRE2_CASELESS },
	[RE_PH] = { "(?:(?<![a-z0-9])(?:x|xx+|n|nn)\\s+(?:votes?|yes|no|abstain\\w*|issuers?|consumers?|members?|"
		"cas|browsers?)\\b|\\[\\s*(?:n|x+|\\?+|tbd|number|count|date|names?|#)\\s*\\]|\\{\\{[^}]*\\}\\}|"
		"\\bTBD\\b|\\bYYYY\\b)", PCRE2_CASELESS },
	[RE_PH_X] = { "(?<![A-Za-z])X{2,}(?![A-Za-z])", 0 },
	[RE_C_COUNT] = { "(?<![\\w.])(?<n>" NUM ")\\s+(?:(?<cat>" CAT ")\\s+)?(?:(?:votes?|were|have)\\s+)?"
		"(?:(?:voting|voted|votes?)\\s+)?(?<v>" VOTE ")(?:\\s+(?:or|and)\\s+(?<v2>" VOTE "))?"
		"(?:\\s+votes?)?(?![a-z])", PCRE2_CASELESS },
	[RE_C_CAT] = { "(?<![\\w])(?:(?<pre>from|by|among|in)\\s+(?:the\\s+)?)?(?<cat>" CAT ")"
		"(?:\\s+(?:members?|category))?(?<inwhich>\\s+in\\s+which)?", PCRE2_CASELESS },
	[RE_C_TOTAL] = { "(?<![\\w.])(?<n>" NUM ")\\s+votes\\s+(?:from|by)\\s+(?:the\\s+)?(?<cat>" CAT ")\\s+in\\s+which",
		PCRE2_CASELESS },
	[RE_P_NAMES] = { "^(?:and\\s+)?(?:(?:the\\s+chair|we|the\\s+forum)\\s+)?(?:received\\s+)?"
		"(?:(?:\"?(?<v>yes|no)\"?\\s+votes?\\s+(?:were\\s+cast\\s+by|from|by))|"
		"(?:votes\\s+in\\s+favou?r\\s+from)|(?:voting\\s+in\\s+favou?r\\s+were)|"
		"(?<ab>abstentions\\s+were\\s+submitted\\s+by))\\s*:?\\s*(?<names>.+)$", PCRE2_CASELESS },
	[RE_P_TAIL] = { "^(?<names>[^0-9].*?)\\s+(?:(?<ab>abstained)|voted\\s+\"?(?<v>no|yes|against)\"?)\\s*$",
		PCRE2_CASELESS },
	[RE_P_COUNTWORD] = { "^(?<n>" NUM ")\\s+(?:votes\\s+were\\s+)?(?:voted\\s+)?in\\s+favou?r"
		"(?:\\s+of\\s+the\\s+\\w+)?\\s*(?:[-:]\\s*(?<names>.+))?$", PCRE2_CASELESS },
	[RE_START_TIME] = { "(?:^start\\s+time\\s*:|voting\\s+(?:starts|started|begins|began)\\s+at\\s+"
		"\\d{4}\\s+utc\\s+on\\s+\\w+,)\\s*(?<d>.+)$", PCRE2_CASELESS },
	[RE_CAST_PROSE] = { "\\b(?<c>\\d+)\\s+votes\\s+were\\s+cast", PCRE2_CASELESS },
};

struct post_reader {
	ct_post *p;
	pcre2_code *re[RE_COUNT];
	pcre2_match_data *md;
	int block;
	ct_category cat;          /* the category of the current block header */
	int ended;
	int ctx_rule;             /* rule the last rule sentence described, -1 none */
	ct_category ctx_cat;      /* its category, NONE for both */
	int ctx_line;
	int cite_pending;         /* index+1 of a citation waiting for its rule */
	int table_cols[3];        /* column of yes/no/abstain in a pipe table, -1 */
	int broken_table;
};

/* ---- Small helpers ---- */

static int match(post_reader *r, int re, const char *s, size_t from)
{
	size_t len = strlen(s);
	if (from > len)
		return 0;
	return pcre2_match(r->re[re], (PCRE2_SPTR)s, len, from, 0, r->md, NULL) >= 0;
}

/* Byte span of a named group of the last match; 0 when unset. */
static int group(post_reader *r, int re, const char *name, size_t *start, size_t *len)
{
	int n = pcre2_substring_number_from_name(r->re[re], (PCRE2_SPTR)name);
	if (n < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
	if (ov[2 * n] == PCRE2_UNSET)
		return 0;
	*start = ov[2 * n];
	*len = ov[2 * n + 1] - ov[2 * n];
	return 1;
}

static char *group_dup(post_reader *r, int re, const char *s, const char *name)
{
	size_t st, n;
	return group(r, re, name, &st, &n) ? ct_strndup(s + st, n) : NULL;
}

static size_t match_start(post_reader *r)
{
	return pcre2_get_ovector_pointer(r->md)[0];
}

static size_t match_end(post_reader *r)
{
	return pcre2_get_ovector_pointer(r->md)[1];
}

static const char *const number_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen", "twenty",
};

/* No vote count reaches a million; capping what a post says keeps every
 * sum and product of counts in range (a hostile "9223372036854775807 Yes
 * votes" would overflow them) and still differs from the names listed. */
#define MAX_COUNT 1000000L

static long count_of(const char *s, char **end)
{
	long v = strtol(s, end, 10);
	return v > MAX_COUNT ? MAX_COUNT : v;
}

static long parse_num(const char *s, size_t n)
{
	if (n && s[0] >= '0' && s[0] <= '9')
		return count_of(s, NULL);
	for (size_t i = 0; i < sizeof(number_words) / sizeof(number_words[0]); i++)
		if (strlen(number_words[i]) == n && !ct_strncasecmp(s, number_words[i], n))
			return (long)i;
	if (n == 6 && !ct_strncasecmp(s, "thirty", 6))
		return 30;
	if ((n == 2 && !ct_strncasecmp(s, "no", 2)) || (n == 4 && !ct_strncasecmp(s, "none", 4)))
		return 0;
	return -1;
}

static long group_num(post_reader *r, int re, const char *s, const char *name)
{
	size_t st, n;
	return group(r, re, name, &st, &n) ? parse_num(s + st, n) : -1;
}

static ct_category cat_of(const char *s, size_t n)
{
	if (ct_memcasemem(s, n, "consumer") || ct_memcasemem(s, n, "browser"))
		return CT_CATEGORY_CONSUMER;
	return CT_CATEGORY_ISSUER;
}

static ct_category group_cat(post_reader *r, int re, const char *s, const char *name)
{
	size_t st, n;
	return group(r, re, name, &st, &n) ? cat_of(s + st, n) : CT_CATEGORY_NONE;
}

static int vote_of(const char *s, size_t n)
{
	if (ct_memcasemem(s, n, "favo") || ct_memcasemem(s, n, "yes") || ct_memcasemem(s, n, "yea")
			|| ct_memcasemem(s, n, "affirm"))
		return CT_POST_YES;
	if (ct_memcasemem(s, n, "abst"))
		return CT_POST_ABSTAIN;
	return CT_POST_NO;
}

static int group_vote(post_reader *r, int re, const char *s, const char *name)
{
	size_t st, n;
	return group(r, re, name, &st, &n) ? vote_of(s + st, n) : -1;
}

static int contains(const char *s, const char *needle)
{
	return ct_memcasemem(s, strlen(s), needle) != NULL;
}

/* ---- Names ---- */

static int is_none_word(const char *s, size_t n)
{
	static const char *const words[] = { "none", "n/a", "-", "nobody", "no one" };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !ct_strncasecmp(s, words[i], n))
			return 1;
	return 0;
}

static void trim(const char **s, size_t *n)
{
	static const char junk[] = " .;:\"'";
	while (*n && strchr(junk, **s))
		(*s)++, (*n)--;
	while (*n && (strchr(junk, (*s)[*n - 1]) || ((*s)[*n - 1] == ')'
			&& !memchr(*s, '(', *n))))
		(*n)--;
	/* keep "a.s." and "S.A." whole: only a lone trailing '.' went above */
	if (*n >= 4 && !ct_strncasecmp(*s, "and ", 4))
		*s += 4, *n -= 4;
	while (*n && **s == ' ')
		(*s)++, (*n)--;
}

/* Put the names of "A, B, and C" into `l`; returns the number added. A
 * lone "None" marks an empty list that the post does state. */
static size_t add_names(ct_post_list *l, const char *s, size_t len, int line)
{
	const char *end = s + len;
	size_t added = 0;
	while (s < end && (*s == ' ' || *s == ':'))
		s++;
	if (s < end && *s == '(') { /* "(10) Actalis, …" — the count was read by the caller */
		const char *q = memchr(s, ')', (size_t)(end - s));
		if (q && q - s < 6)
			s = q + 1;
	}
	size_t rest = (size_t)(end - s);
	const char *t = s;
	trim(&t, &rest);
	if (!rest)
		return 0;
	l->has_names = 1;
	if (!l->names_line)
		l->names_line = line;
	if (is_none_word(t, rest))
		return 0;
	int depth = 0;
	const char *item = s;
	for (const char *c = s; c <= end; c++) {
		int cut = 0;
		size_t skip = 0;
		if (c == end)
			cut = 1;
		else if (*c == '(')
			depth++;
		else if (*c == ')')
			depth = depth > 0 ? depth - 1 : 0;
		else if (!depth && (*c == ',' || *c == ';'))
			cut = 1, skip = 1;
		else if (!depth && (size_t)(end - c) >= 5 && !ct_strncasecmp(c, " and ", 5))
			cut = 1, skip = 5;
		else if (!depth && (size_t)(end - c) >= 3 && !strncmp(c, " & ", 3))
			cut = 1, skip = 3;
		if (!cut)
			continue;
		const char *a = item;
		size_t n = (size_t)(c - item);
		trim(&a, &n);
		if (n && !is_none_word(a, n)) {
			post_list_add_name(l, a, n, line);
			added++;
		}
		if (c == end)
			break;
		item = c + skip;
		c += skip ? skip - 1 : 0;
	}
	return added;
}

/* ---- Claims ---- */

static ct_post_list *find_list(ct_post *p, int block, ct_category cat, int vote)
{
	for (size_t i = 0; i < p->nlists; i++)
		if (p->lists[i].block == block && p->lists[i].category == cat
				&& (int)p->lists[i].vote == vote)
			return &p->lists[i];
	return NULL;
}

/* Add a list claim (count and/or names); merges a count-only summary with a
 * names list of the same category and vote, and opens a new block when the
 * same list appears twice with names (a post reporting two ballots). */
static void add_list(post_reader *r, ct_category cat, int vote, long count, int line,
	const char *names, size_t nlen, int late, const char *text)
{
	ct_post *p = r->p;
	if (late) {
		p->late = post_grow(p->late, &p->nlate, sizeof(*p->late));
		ct_post_list *l = &p->late[p->nlate - 1];
		l->block = r->block;
		l->category = cat;
		l->vote = (ct_post_vote)vote;
		l->count = count;
		l->count_line = count >= 0 ? line : 0;
		l->count2 = -1;
		l->late = 1;
		l->text = ct_strdup(text);
		if (names)
			add_names(l, names, nlen, line);
		return;
	}
	ct_post_list probe = { 0 };
	probe.count2 = -1;
	int will_have_names = 0;
	if (names) {
		add_names(&probe, names, nlen, line);
		will_have_names = probe.has_names;
	}
	ct_post_list *l = find_list(p, r->block, cat, vote);
	if (l && l->has_names && will_have_names) {
		r->block++;
		p->nblocks = r->block + 1;
		l = NULL;
	}
	if (!l) {
		p->lists = post_grow(p->lists, &p->nlists, sizeof(*p->lists));
		l = &p->lists[p->nlists - 1];
		l->block = r->block;
		l->category = cat;
		l->vote = (ct_post_vote)vote;
		l->count = -1;
		l->count2 = -1;
		l->text = ct_strdup(text);
	}
	if (count >= 0) {
		if (l->count < 0) {
			l->count = count;
			l->count_line = line;
		} else if (l->count2 < 0 && count != l->count) {
			l->count2 = count;
			l->count2_line = line;
		}
	}
	if (will_have_names && !l->has_names) {
		l->has_names = 1;
		l->names_line = probe.names_line;
		for (size_t i = 0; i < probe.nnames; i++)
			post_list_add_name(l, probe.names[i], strlen(probe.names[i]), probe.name_lines[i]);
		if (count < 0 || l->count_line != line) {
			free(l->text);
			l->text = ct_strdup(text);
		}
	}
	for (size_t i = 0; i < probe.nnames; i++)
		free(probe.names[i]);
	free(probe.names);
	free(probe.name_lines);
}

static void add_total(post_reader *r, ct_category cat, long total, ct_post_total_mode mode,
	long abst, int line, const char *text)
{
	ct_post *p = r->p;
	/* a block that already has its total starts the next ballot's block only
	 * when lists follow; a repeated total line ("29 votes total" then "24
	 * votes total") stays in the block: both are claims about it */
	p->totals = post_grow(p->totals, &p->ntotals, sizeof(*p->totals));
	ct_post_total *t = &p->totals[p->ntotals - 1];
	t->block = r->block;
	t->category = cat;
	t->total = total;
	t->mode = mode;
	t->abstentions = abst;
	t->line = line;
	t->text = ct_strdup(text);
}

/* ---- Line families ---- */

static int read_total(post_reader *r, const char *s, int line)
{
	if (!match(r, RE_TOTAL, s, 0))
		return 0;
	size_t qs = match_start(r);
	const char *q = ct_memcasemem(s, qs, "quorum");
	if (q) /* "The quorum figure was 8 votes total" is the quorum */
		return 0;
	long n = group_num(r, RE_TOTAL, s, "n");
	ct_post_total_mode mode = CT_POST_TOTAL_UNSAID;
	long abst = -1;
	size_t st, len;
	if (group(r, RE_TOTAL, "m", &st, &len)) {
		if (!ct_strncasecmp(s + st, "including", 9))
			mode = CT_POST_TOTAL_INCLUDING;
		else if (!ct_strncasecmp(s + st, "plus", 4))
			mode = CT_POST_TOTAL_PLUS;
		else {
			mode = CT_POST_TOTAL_INCLUDING;
			abst = group(r, RE_TOTAL, "a", &st, &len) ? parse_num(s + st, len) : -1;
		}
	}
	add_total(r, r->cat, n, mode, abst, line, s);
	return 1;
}

/* A category header ("Voting by CAs – 19 votes total", "**Certificate
 * Issuers**", "### 4 votes by Certificate Consumers", "CA Votes on Ballot
 * 180:"). Returns 1 when the line is one. */
static int read_header(post_reader *r, const char *s, int line)
{
	if (!match(r, RE_HEAD, s, 0))
		return 0;
	size_t st, len;
	group(r, RE_HEAD, "rest", &st, &len);
	const char *rest = s + st;
	while (*rest == ' ' || *rest == '-' || *rest == ':' || *rest == '|')
		rest++;
	ct_category cat = group_cat(r, RE_HEAD, s, "cat");
	long n = group_num(r, RE_HEAD, s, "n");
	char *e;
	long lone = count_of(rest, &e);
	int lone_total = e != rest && (!strcmp(e, " votes") || !strcmp(e, " vote"));
	/* "Voting by browsers – x votes total": a placeholder for the number
	 * (reported as such) still opens the category */
	size_t x = 0;
	while (rest[x] == 'x' || rest[x] == 'X')
		x++;
	int ph_total = x > 0 && !ct_strncasecmp(rest + x, " vote", 5) && contains(rest, "total");
	int is_head = !*rest || (rest[0] >= '0' && rest[0] <= '9' && contains(rest, "total")) || ph_total
		|| !ct_strncasecmp(rest, "votes on", 8) || lone_total;
	if (lone_total && n < 0)
		n = lone; /* "CAs – 0 votes" */
	if (!is_head)
		return 0;
	r->cat = cat;
	if (n >= 0)
		add_total(r, cat, n, CT_POST_TOTAL_UNSAID, -1, line, s);
	else
		read_total(r, s, line);
	return 1;
}

/* Names after "…: " or " - " in the rest of a count line. */
static const char *names_after(const char *rest, size_t *len)
{
	const char *c = strchr(rest, ':');
	const char *d = strstr(rest, " - ");
	if (d && (!c || d < c))
		c = d + 2;
	if (!c)
		return NULL;
	c++;
	*len = strlen(c);
	return c;
}

static int late_words(const char *s)
{
	return contains(s, "not counted") || contains(s, "not be counted") || contains(s, "management list")
		|| contains(s, "after the") || contains(s, "outside the");
}

/* "17 Yes votes: A, B", "4 Issuers voting YES: …", "0 No votes", "Three CAs
 * voted in favor: …", "18 yes on Public list – …". */
static int read_count_line(post_reader *r, const char *s, int line)
{
	if (!match(r, RE_L1, s, 0))
		return 0;
	size_t st, len;
	group(r, RE_L1, "rest", &st, &len);
	const char *rest = s + st;
	size_t pre = strcspn(rest, ":");
	/* a second count before the names: this is prose ("6 Yes votes, 2 No…") */
	char *head = ct_strndup(rest, pre);
	int prose = 0;
	for (size_t i = 0; head[i]; i++)
		if (head[i] >= '0' && head[i] <= '9' && (i == 0 || head[i - 1] == ' ')) {
			prose = 1;
			break;
		}
	if (!prose && (contains(head, " and none") || contains(head, " and no ")
			|| contains(head, "from ") || contains(head, " by ")))
		prose = 1;
	free(head);
	if (prose)
		return 0;
	long n = group_num(r, RE_L1, s, "n");
	long n2 = group_num(r, RE_L1, s, "n2");
	if (n2 >= 0)
		n = n2; /* "4 3 Yes votes": the number next to the words (a correction) */
	ct_category cat = group_cat(r, RE_L1, s, "cat");
	if (cat == CT_CATEGORY_NONE)
		cat = r->cat;
	int vote = group_vote(r, RE_L1, s, "v");
	int vote2 = group_vote(r, RE_L1, s, "v2");
	int late = late_words(rest);
	size_t nlen = 0;
	const char *names = names_after(rest, &nlen);
	add_list(r, cat, vote, n, line, names, nlen, late, s);
	if (vote2 >= 0 && vote2 != vote)
		add_list(r, cat, vote2, n, line, NULL, 0, late, s);
	return 1;
}

/* "Yes: A, B", "CAs voting in favor (7): …", "Votes in Favor: (10) …". */
static int read_label_line(post_reader *r, const char *s, int line)
{
	if (!match(r, RE_L2, s, 0))
		return 0;
	ct_category cat = group_cat(r, RE_L2, s, "cat");
	if (cat == CT_CATEGORY_NONE)
		cat = r->cat;
	int vote = group_vote(r, RE_L2, s, "v");
	long n = group_num(r, RE_L2, s, "n");
	size_t st, len;
	group(r, RE_L2, "names", &st, &len);
	const char *names = s + st;
	if (n < 0 && names[0] == '(') {
		char *e;
		long v = count_of(names + 1, &e);
		if (e != names + 1 && *e == ')')
			n = v;
	}
	add_list(r, cat, vote, n, line, names, len, 0, s);
	return 1;
}

/* ---- Pipe tables (code-signing results, 2021-2025) ---- */

static size_t split_cells(const char *s, const char **cells, size_t *lens, size_t max)
{
	size_t n = 0;
	const char *c = s;
	if (*c == '|')
		c++;
	while (*c && n < max) {
		const char *e = strchr(c, '|');
		size_t l = e ? (size_t)(e - c) : strlen(c);
		const char *a = c;
		while (l && *a == ' ')
			a++, l--;
		while (l && a[l - 1] == ' ')
			l--;
		cells[n] = a;
		lens[n] = l;
		n++;
		if (!e)
			break;
		c = e + 1;
	}
	if (n && !lens[n - 1] && s[strlen(s) - 1] == '|')
		n--;
	return n;
}

static int read_table(post_reader *r, const char *s, int line)
{
	const char *cells[12];
	size_t lens[12];
	int piped = s[0] == '|' || (strchr(s, '|') && strlen(s) < 40);
	if (!piped)
		return 0;
	size_t n = split_cells(s, cells, lens, 12);
	int header = 0;
	for (size_t i = 0; i < n; i++) {
		int v = -1;
		if (lens[i] == 3 && !ct_strncasecmp(cells[i], "yes", 3))
			v = CT_POST_YES;
		else if (lens[i] == 2 && !ct_strncasecmp(cells[i], "no", 2))
			v = CT_POST_NO;
		else if (lens[i] == 7 && !ct_strncasecmp(cells[i], "abstain", 7))
			v = CT_POST_ABSTAIN;
		if (v >= 0) {
			if (!header)
				r->table_cols[0] = r->table_cols[1] = r->table_cols[2] = -1;
			r->table_cols[v] = (int)i;
			header = 1;
		}
	}
	if (header) {
		/* a header split over lines ("Yes |", "No |") lost its cells */
		if (n <= 2 && s[0] != '|')
			r->broken_table = 1;
		return 1;
	}
	if (n >= 2 && r->table_cols[CT_POST_YES] >= 0 && match(r, RE_HEAD, cells[0], 0)
			&& lens[0] < 30) {
		ct_category cat = cat_of(cells[0], lens[0]);
		for (int v = 0; v < 3; v++) {
			int c = r->table_cols[v];
			if (c < 0 || (size_t)c >= n)
				continue;
			add_list(r, cat, v, -1, line, cells[c], lens[c], 0, s);
			if (!lens[c]) { /* an empty cell states "nobody" */
				ct_post_list *l = find_list(r->p, r->block, cat, v);
				if (l && !l->has_names) {
					l->has_names = 1;
					l->names_line = line;
				}
			}
		}
		return 1;
	}
	/* "| Certificate Issuers |" with the names on the next line: cells lost */
	if (n >= 1 && n < 3 && match(r, RE_HEAD, cells[0], 0) && lens[0] < 30)
		r->broken_table = 1;
	return 1;
}

/* ---- Prose (2013-2016) ---- */

typedef struct cat_mention {
	size_t start, end;
	ct_category cat;
	int leading, trailing;
} cat_mention;

typedef struct count_mention {
	size_t start, end;
	long n;
	int vote, vote2;
	ct_category cat;  /* embedded ("17 CAs voted YES"), else NONE */
	int late;
} count_mention;

static size_t find_cats(post_reader *r, const char *s, cat_mention *out, size_t max)
{
	size_t n = 0, from = 0;
	while (n < max && match(r, RE_C_CAT, s, from)) {
		cat_mention *m = &out[n++];
		m->start = match_start(r);
		m->end = match_end(r);
		m->cat = group_cat(r, RE_C_CAT, s, "cat");
		size_t st, len;
		int pre = group(r, RE_C_CAT, "pre", &st, &len);
		int at_start = m->start < 3;
		int inwhich = group(r, RE_C_CAT, "inwhich", &st, &len);
		group(r, RE_C_CAT, "pre", &st, &len);
		int among = pre && (!ct_strncasecmp(s + st, "among", 5) || !ct_strncasecmp(s + st, "in", 2));
		m->leading = at_start || inwhich || among || s[m->end] == ',' || !strncmp(s + m->end, " -", 2);
		m->trailing = pre && !at_start && !among;
		from = m->end > m->start ? m->end : m->start + 1;
	}
	return n;
}

static size_t find_counts(post_reader *r, const char *s, count_mention *out, size_t max)
{
	size_t n = 0, from = 0;
	while (n < max && match(r, RE_C_COUNT, s, from)) {
		count_mention *m = &out[n];
		m->start = match_start(r);
		m->end = match_end(r);
		from = m->end;
		m->n = group_num(r, RE_C_COUNT, s, "n");
		m->vote = group_vote(r, RE_C_COUNT, s, "v");
		m->vote2 = group_vote(r, RE_C_COUNT, s, "v2");
		m->cat = group_cat(r, RE_C_COUNT, s, "cat");
		/* "(plus one yes vote on the Management list, which will not be counted)" */
		const char *open = NULL;
		for (const char *c = s + m->start; c > s; c--)
			if (c[-1] == '(' || c[-1] == ')') {
				open = c[-1] == '(' ? c - 1 : NULL;
				break;
			}
		m->late = open && late_words(open);
		n++;
	}
	return n;
}

/* The category a count belongs to: its own word; else a "from/by CAT" right
 * after it; else the category that opened the clause; else the next
 * "from/by CAT"; else the last one seen. */
static ct_category count_category(const char *s, const count_mention *c, size_t ci,
	const count_mention *counts, size_t ncounts, const cat_mention *cats, size_t ncats)
{
	if (c->cat != CT_CATEGORY_NONE)
		return c->cat;
	const cat_mention *prev = NULL, *next = NULL;
	for (size_t i = 0; i < ncats; i++) {
		if (cats[i].end <= c->start)
			prev = &cats[i];
		else if (cats[i].start >= c->end && !next)
			next = &cats[i];
	}
	/* "13 Abstentions from the CAs": the category right after the count */
	if (next && next->trailing && next->start <= c->end + 2)
		return next->cat;
	for (size_t i = ci; i-- > 0;)
		if (counts[i].cat != CT_CATEGORY_NONE && (!prev || counts[i].start > prev->start))
			return counts[i].cat;
	if (prev && prev->leading)
		return prev->cat;
	if (next && next->trailing)
		return next->cat;
	return prev ? prev->cat : CT_CATEGORY_NONE;
}

/* Names that follow a count in prose: "…from CAs (A, B and C)", "…from CA
 * members: A, B and C and 3 YES votes…", "…from CA members A, B, C." */
static const char *prose_names(const char *s, size_t from, size_t until, const cat_mention *cats,
	size_t ncats, size_t *len)
{
	for (size_t i = 0; i < ncats; i++)
		if (cats[i].start >= from && cats[i].start < until && cats[i].start - from < 26)
			from = cats[i].end;
	const char *c = s + from;
	while (*c == ' ')
		c++;
	if (*c == '(') {
		const char *e = strchr(c, ')');
		if (!e || (size_t)(e - s) > until)
			return NULL;
		*len = (size_t)(e - c - 1);
		return c + 1;
	}
	if (*c == ':' || *c == '-' || (*c >= 'A' && *c <= 'Z' && c > s + from)) {
		const char *start = (*c == ':' || *c == '-') ? c + 1 : c;
		size_t end = until;
		/* stop before the " and " that joins the next count */
		if (end < strlen(s)) {
			const char *a = s + end;
			while (a > start && a[-1] == ' ')
				a--;
			if (a - start >= 4 && !ct_strncasecmp(a - 4, " and", 4))
				a -= 4;
			end = (size_t)(a - s);
		}
		*len = end > (size_t)(start - s) ? end - (size_t)(start - s) : 0;
		return *len ? start : NULL;
	}
	return NULL;
}

static int rule_sentence(const char *s)
{
	return contains(s, "requirement") || contains(s, "require") || contains(s, "must ")
		|| contains(s, "bylaw") || contains(s, "%") || contains(s, "disqualif")
		|| contains(s, "giving us a total");
}

static void read_prose_sentence(post_reader *r, const char *s, int line)
{
	if (match(r, RE_P_NAMES, s, 0)) {
		int vote = group_vote(r, RE_P_NAMES, s, "v");
		size_t st, len;
		if (group(r, RE_P_NAMES, "ab", &st, &len))
			vote = CT_POST_ABSTAIN;
		if (vote < 0)
			vote = CT_POST_YES;
		group(r, RE_P_NAMES, "names", &st, &len);
		add_list(r, CT_CATEGORY_NONE, vote, -1, line, s + st, len, 0, s);
		return;
	}
	if (match(r, RE_P_COUNTWORD, s, 0)) {
		long n = group_num(r, RE_P_COUNTWORD, s, "n");
		size_t st, len;
		if (group(r, RE_P_COUNTWORD, "names", &st, &len))
			add_list(r, CT_CATEGORY_NONE, CT_POST_YES, n, line, s + st, len, 0, s);
		else
			add_list(r, CT_CATEGORY_NONE, CT_POST_YES, n, line, NULL, 0, 0, s);
		return;
	}
	if (rule_sentence(s))
		return;
	count_mention counts[16];
	cat_mention cats[16];
	size_t nc = find_counts(r, s, counts, 16);
	size_t nk = find_cats(r, s, cats, 16);
	if (!nc) {
		if (match(r, RE_P_TAIL, s, 0)) {
			size_t st, len;
			int vote = group(r, RE_P_TAIL, "ab", &st, &len) ? CT_POST_ABSTAIN
				: group_vote(r, RE_P_TAIL, s, "v");
			group(r, RE_P_TAIL, "names", &st, &len);
			if (len < 400 && !contains(s, "ballot"))
				add_list(r, CT_CATEGORY_NONE, vote, -1, line, s + st, len, 0, s);
		}
		return;
	}
	size_t tfrom = 0;
	while (match(r, RE_C_TOTAL, s, tfrom)) {
		tfrom = match_end(r);
		/* "24 votes from CAs in which 24 were in favor, 0 against and 2
		 * abstentions": the abstentions are among the votes */
		add_total(r, group_cat(r, RE_C_TOTAL, s, "cat"), group_num(r, RE_C_TOTAL, s, "n"),
			CT_POST_TOTAL_INCLUDING, -1, line, s);
	}
	for (size_t i = 0; i < nc; i++) {
		count_mention *c = &counts[i];
		ct_category cat = count_category(s, c, i, counts, nc, cats, nk);
		size_t until = i + 1 < nc ? counts[i + 1].start : strlen(s);
		size_t nlen = 0;
		const char *names = prose_names(s, c->end, until, cats, nk, &nlen);
		add_list(r, cat, c->vote, c->n, line, names, nlen, c->late, s);
		if (c->vote2 >= 0 && c->vote2 != c->vote)
			add_list(r, cat, c->vote2, c->n, line, NULL, 0, c->late, s);
	}
}

/* Split at ". " before an upper-case letter, a digit or a quote; "S.A.,"
 * and "a.s.," stay whole because a comma follows. */
static void for_each_sentence(post_reader *r, const char *s, int line,
	void (*fn)(post_reader *, const char *, int))
{
	size_t len = strlen(s), from = 0;
	for (size_t i = 0; i <= len; i++) {
		int cut = i == len;
		if (!cut && (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' '
				&& ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || (s[i + 2] >= '0' && s[i + 2] <= '9')
					|| s[i + 2] == '"' || s[i + 2] == '('))
			cut = !(i >= 2 && s[i - 2] == ' ' && s[i - 1] >= 'A' && s[i - 1] <= 'Z');
		if (!cut)
			continue;
		char *sent = ct_strndup(s + from, i - from);
		size_t n = strlen(sent);
		while (n && (sent[n - 1] == '.' || sent[n - 1] == ' ' || sent[n - 1] == '"'))
			sent[--n] = '\0';
		if (n)
			fn(r, sent, line);
		free(sent);
		from = i + 2;
		i++;
	}
}

/* ---- Rules, quorum, verdict ---- */

static void add_req(post_reader *r, int rule, ct_category cat, int met, int line, const char *s)
{
	ct_post *p = r->p;
	p->reqs = post_grow(p->reqs, &p->nreqs, sizeof(*p->reqs));
	ct_post_requirement *q = &p->reqs[p->nreqs - 1];
	q->rule = (ct_post_rule)rule;
	q->category = cat;
	q->met = met;
	q->line = line;
	q->text = ct_strdup(s);
}

static int rule_of(const char *s)
{
	if (contains(s, "at least one"))
		return CT_POST_RULE_ONE_YES;
	if (contains(s, "two-thirds") || contains(s, "two thirds") || contains(s, "2/3")
			|| contains(s, "50%") || contains(s, "fifty percent"))
		return CT_POST_RULE_THRESHOLD;
	if (contains(s, "quorum") || contains(s, "more than half") || contains(s, "currently active"))
		return CT_POST_RULE_QUORUM;
	return -1;
}

static ct_category cats_named(const char *s)
{
	/* "CA" only in capitals: " cas" is also the start of "cast" */
	int iss = contains(s, "issuer") || strstr(s, " CA ") || strstr(s, " CAs") || !strncmp(s, "CA", 2);
	int con = contains(s, "consumer") || contains(s, "browser");
	return iss && !con ? CT_CATEGORY_ISSUER : con && !iss ? CT_CATEGORY_CONSUMER : CT_CATEGORY_NONE;
}

static void set_quorum_met(post_reader *r, int met, int line, const char *s)
{
	ct_post_quorum *q = &r->p->quorum;
	if (q->met < 0) {
		q->met = met;
		q->met_line = line;
		if (!q->text)
			q->text = ct_strdup(s);
	}
	if (!met)
		r->p->no_quorum_said = 1;
}

static void read_rule_sentence(post_reader *r, const char *s, int line)
{
	int rule = rule_of(s);
	int is_req = match(r, RE_REQ, s, 0);
	if (rule >= 0 && !(is_req && rule == CT_POST_RULE_QUORUM && r->ctx_rule >= 0
			&& !contains(s, "more than half") && !contains(s, "quorum was")
			&& !contains(s, "quorum is"))) {
		r->ctx_rule = rule;
		r->ctx_cat = rule == CT_POST_RULE_ONE_YES ? CT_CATEGORY_NONE : cats_named(s);
		r->ctx_line = line;
	}
	if (r->cite_pending && rule >= 0) {
		ct_post_citation *c = &r->p->cites[r->cite_pending - 1];
		if (c->role < 0)
			c->role = rule;
		r->cite_pending = 0;
	}
	if (!match(r, RE_REQ, s, 0) || r->ctx_rule < 0 || line - r->ctx_line > 3)
		return;
	size_t st, len;
	int neg = group(r, RE_REQ, "neg", &st, &len);
	group(r, RE_REQ, "tail", &st, &len);
	char *tail = ct_strndup(s + st, len);
	size_t from = 0;
	int any = 0;
	/* "MET for Certificate Issuers and NOT MET for Certificate Consumers" */
	char *whole = NULL;
	if (match(r, RE_REQ, s, 0))
		whole = ct_strdup(s + (match_start(r)));
	while (whole && match(r, RE_REQ_CAT, whole, from)) {
		int n2 = group(r, RE_REQ_CAT, "neg", &st, &len);
		ct_category cat = group(r, RE_REQ_CAT, "all", &st, &len) ? CT_CATEGORY_NONE
			: group_cat(r, RE_REQ_CAT, whole, "cat");
		int all = cat == CT_CATEGORY_NONE;
		int either = all && !ct_strncasecmp(whole + st, "either", 6);
		from = match_end(r);
		if (all && r->ctx_rule != CT_POST_RULE_QUORUM) {
			/* "met for both", "not met for either": each category */
			add_req(r, r->ctx_rule, CT_CATEGORY_ISSUER, !(n2 || either), line, s);
			add_req(r, r->ctx_rule, CT_CATEGORY_CONSUMER, !(n2 || either), line, s);
		} else if (r->ctx_rule != CT_POST_RULE_QUORUM) {
			add_req(r, r->ctx_rule, cat, !n2, line, s);
		}
		any = 1;
		/* the rest of the tail may name the other category */
		if (from < strlen(whole) && ct_memcasemem(whole + from, strlen(whole + from), "met for"))
			continue;
		break;
	}
	if (!any) {
		if (r->ctx_rule == CT_POST_RULE_QUORUM)
			set_quorum_met(r, !neg, line, s);
		else
			add_req(r, r->ctx_rule, r->ctx_cat, !neg, line, s);
	}
	free(whole);
	free(tail);
}

static void read_quorum(post_reader *r, const char *s, int line)
{
	ct_post_quorum *q = &r->p->quorum;
	size_t st, len;
	if (match(r, RE_HALF, s, 0)) {
		q->half = group_num(r, RE_HALF, s, "h");
		q->half_line = line;
		if (group(r, RE_HALF, "q", &st, &len)) {
			q->quorum = parse_num(s + st, len);
			q->quorum_line = line;
		}
		free(q->text);
		q->text = ct_strdup(s);
	} else if (match(r, RE_QUORUM_IS, s, 0) && q->quorum < 0) {
		q->quorum = group_num(r, RE_QUORUM_IS, s, "q");
		q->quorum_line = line;
		if (!q->text)
			q->text = ct_strdup(s);
	}
	if (match(r, RE_ACTIVE, s, 0) || match(r, RE_ATTENDED, s, 0)) {
		int re = match(r, RE_ACTIVE, s, 0) ? RE_ACTIVE : RE_ATTENDED;
		match(r, re, s, 0);
		q->active = group_num(r, re, s, "a");
		q->active_line = line;
	}
	if (match(r, RE_QCOLON, s, 0)) {
		q->quorum = group_num(r, RE_QCOLON, s, "q");
		q->quorum_line = line;
	}
	if (match(r, RE_CAST, s, 0) || match(r, RE_RECEIVED, s, 0)) {
		int re = match(r, RE_CAST, s, 0) ? RE_CAST : RE_RECEIVED;
		match(r, re, s, 0);
		q->cast = group_num(r, re, s, "c");
		q->cast_line = line;
	} else if (match(r, RE_CAST_PROSE, s, 0)) {
		q->cast = group_num(r, RE_CAST_PROSE, s, "c");
		q->cast_line = line;
	}
	if (match(r, RE_QM_YN, s, 0)) {
		group(r, RE_QM_YN, "yn", &st, &len);
		set_quorum_met(r, !ct_strncasecmp(s + st, "yes", 3), line, s);
	} else if (match(r, RE_QM, s, 0)) {
		int neg = group(r, RE_QM, "neg", &st, &len) || group(r, RE_QM, "neg2", &st, &len)
			|| group(r, RE_QM, "neg3", &st, &len);
		set_quorum_met(r, !neg, line, s);
	}
}

static void read_verdict(post_reader *r, const char *s, int line)
{
	ct_post *p = r->p;
	if (p->outcome != CT_POST_OUTCOME_NONE || !match(r, RE_VERDICT, s, 0))
		return;
	size_t st, len;
	group(r, RE_VERDICT, "v", &st, &len);
	const char *v = s + st;
	int failed = !ct_strncasecmp(v, "fail", 4) || !ct_strncasecmp(v, "did", 3);
	/* "…must vote in favor of a ballot for the ballot to pass" is a rule */
	if (contains(s, "must ") || contains(s, "in order for") || contains(s, "requires"))
		return;
	p->outcome = failed ? CT_POST_OUTCOME_FAILED : CT_POST_OUTCOME_PASSED;
	p->outcome_line = line;
	p->outcome_text = ct_strdup(s);
}

static void read_cites(post_reader *r, const char *s, int line)
{
	size_t from = 0;
	while (match(r, RE_CITE, s, from)) {
		ct_post *p = r->p;
		p->cites = post_grow(p->cites, &p->ncites, sizeof(*p->cites));
		ct_post_citation *c = &p->cites[p->ncites - 1];
		char *sec = group_dup(r, RE_CITE, s, "s");
		char *item = group_dup(r, RE_CITE, s, "i");
		for (char *q = item; *q; q++)
			*q = (char)ct_ascii_tolower(*q);
		snprintf(c->section, sizeof(c->section), "%s(%s)", sec, item);
		free(sec);
		free(item);
		c->line = line;
		c->text = ct_strdup(s);
		size_t end = match_end(r);
		/* the rule is told by the words after the citation, up to the next one */
		const char *after = s + end;
		const char *next = ct_memcasemem(after, strlen(after), "bylaw");
		char *span = ct_strndup(after, next ? (size_t)(next - after) : strlen(after));
		char *before = ct_strndup(s + from, match_start(r) - from);
		c->role = rule_of(span);
		if (c->role < 0)
			c->role = rule_of(before);
		c->abstain_role = c->role < 0 && contains(span, "abstain");
		if (c->role < 0 && !c->abstain_role)
			r->cite_pending = (int)p->ncites;
		free(span);
		free(before);
		from = end;
	}
}

static void read_late(post_reader *r, const char *s, int line)
{
	size_t st, len;
	if (match(r, RE_LATE_FROM, s, 0)) {
		group(r, RE_LATE_FROM, "names", &st, &len);
		add_list(r, r->cat, CT_POST_YES, -1, line, s + st, len, 1, s);
	} else if (match(r, RE_LATE_A, s, 0)) {
		int vote = group_vote(r, RE_LATE_A, s, "v");
		group(r, RE_LATE_A, "names", &st, &len);
		add_list(r, r->cat, vote < 0 ? CT_POST_YES : vote, 1, line, s + st, len, 1, s);
	} else if (match(r, RE_LATE_N, s, 0)) {
		add_list(r, r->cat, CT_POST_YES, group_num(r, RE_LATE_N, s, "n"), line, NULL, 0, 1, s);
	}
}

static void read_placeholders(post_reader *r, const char *s, int line)
{
	for (int re = RE_PH; re <= RE_PH_X; re++) {
		size_t from = 0;
		while (match(r, re, s, from)) {
			ct_post *p = r->p;
			p->placeholders = post_grow(p->placeholders, &p->nplaceholders,
				sizeof(*p->placeholders));
			ct_post_placeholder *ph = &p->placeholders[p->nplaceholders - 1];
			ph->line = line;
			ph->text = ct_strndup(s + match_start(r), match_end(r) - match_start(r));
			from = match_end(r);
		}
	}
}

static void read_percent(post_reader *r, const char *s, int line)
{
	size_t from = 0;
	while (match(r, RE_PERCENT, s, from)) {
		ct_post *p = r->p;
		p->percents = post_grow(p->percents, &p->npercents, sizeof(*p->percents));
		ct_post_percent *x = &p->percents[p->npercents - 1];
		size_t st, len;
		group(r, RE_PERCENT, "p", &st, &len);
		x->value = strtod(s + st, NULL);
		const char *dot = memchr(s + st, '.', len);
		x->decimals = dot ? (int)(len - (size_t)(dot - (s + st)) - 1) : 0;
		x->category = group_cat(r, RE_PERCENT, s, "cat");
		group(r, RE_PERCENT, "d", &st, &len);
		x->against = !ct_strncasecmp(s + st, "against", 7) || !ct_strncasecmp(s + st, "no", 2);
		x->block = r->block;
		x->line = line;
		x->text = ct_strdup(s);
		from = match_end(r);
	}
}

static void read_start_time(post_reader *r, const char *s)
{
	if (r->p->voting_start != CT_RULES_NO_DATE || !match(r, RE_START_TIME, s, 0))
		return;
	size_t st, len;
	group(r, RE_START_TIME, "d", &st, &len);
	int y, m, d;
	char mon[16];
	if (sscanf(s + st, "%4d-%2d-%2d", &y, &m, &d) == 3)
		r->p->voting_start = ct_time_from_civil(y, m, d, 0, 0, 0);
	else if (sscanf(s + st, "%15s %d, %d", mon, &d, &y) == 3
			&& (m = ct_month_from_name(mon, strlen(mon))) > 0)
		r->p->voting_start = ct_time_from_civil(y, m, d, 0, 0, 0);
}

/* ---- Driver ---- */

post_reader *post_reader_new(ct_post *p)
{
	post_reader *r = ct_calloc(1, sizeof(*r));
	r->p = p;
	r->cat = CT_CATEGORY_NONE;
	r->ctx_rule = -1;
	r->table_cols[0] = r->table_cols[1] = r->table_cols[2] = -1;
	p->nblocks = 1;
	for (int i = 0; i < RE_COUNT; i++) {
		int code;
		PCRE2_SIZE off;
		r->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i].pattern, PCRE2_ZERO_TERMINATED,
			patterns[i].flags, &code, &off, NULL);
		if (!r->re[i])
			abort(); /* a pattern of ours is wrong: a bug, caught by any test */
	}
	r->md = pcre2_match_data_create(64, NULL);
	return r;
}

void post_reader_free(post_reader *r)
{
	if (!r)
		return;
	for (int i = 0; i < RE_COUNT; i++)
		pcre2_code_free(r->re[i]);
	pcre2_match_data_free(r->md);
	free(r);
}

/* Where a category header was glued to the sentence before it ("…voted in
 * favor.**Voting by Certificate Consumers – 4 votes total**" in the SC23
 * post, a lost line break): the offset of "Voting by", or 0. */
static size_t glued_header(const char *s)
{
	for (const char *v = ct_memcasemem(s, strlen(s), "voting by "); v;
			v = ct_memcasemem(v + 1, strlen(v + 1), "voting by ")) {
		const char *b = v;
		while (b > s && b[-1] == ' ')
			b--;
		if (b > s && (b[-1] == '.' || b[-1] == '!') && v[0] == 'V')
			return (size_t)(v - s);
	}
	return 0;
}

int post_reader_line(post_reader *r, const char *s, int line)
{
	ct_post *p = r->p;
	if (r->ended || !*s)
		return !r->ended;
	size_t glued = glued_header(s);
	if (glued) {
		char *head = ct_strndup(s, glued);
		int more = post_reader_line(r, head, line);
		free(head);
		return more ? post_reader_line(r, s + glued, line) : 0;
	}
	if (match(r, RE_END, s, 0) && ct_post_vote_claims(p) > 0) {
		r->ended = 1;
		p->results_end = line - 1;
		return 0;
	}
	p->results_end = line;
	read_start_time(r, s);
	read_placeholders(r, s, line);
	read_cites(r, s, line);
	for_each_sentence(r, s, line, read_rule_sentence);
	read_quorum(r, s, line);
	read_verdict(r, s, line);
	read_late(r, s, line);
	read_percent(r, s, line);
	if (match(r, RE_PERCENT, s, 0))
		return 1;
	if (read_table(r, s, line))
		return 1;
	if (read_header(r, s, line))
		return 1;
	if (match(r, RE_TOTAL_BY, s, 0))
		return 1;
	if (read_count_line(r, s, line) || read_label_line(r, s, line))
		return 1;
	if (read_total(r, s, line))
		return 1;
	if (!match(r, RE_LATE_FROM, s, 0) && !match(r, RE_LATE_A, s, 0))
		for_each_sentence(r, s, line, read_prose_sentence);
	return 1;
}

void post_reader_finish(post_reader *r)
{
	ct_post *p = r->p;
	if (ct_post_vote_claims(p) > 0)
		return;
	if (r->broken_table)
		p->no_counts_reason = ct_strdup("the results table lost its cells (names run together, "
			"no column per vote): no count or list can be read");
	else if (p->outcome != CT_POST_OUTCOME_NONE)
		p->no_counts_reason = ct_strdup("the post states the verdict but gives no vote count");
	else
		p->no_counts_reason = ct_strdup("the post gives no vote count");
}
