/* post: claims of a draft result post — line cleaning, storage, the parse
 * driver (front matter, ballot id, date), findings. The line patterns are in
 * post_read.c, the checks in post_check.c. */
#include "cabtally/post.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/ballot.h"
#include "post_internal.h"

const char *ct_post_vote_name(ct_post_vote v)
{
	static const char *const names[] = { "yes", "no", "abstain" };
	return (unsigned)v < 3 ? names[v] : "?";
}

void ct_post_name_key(const char *name, char *out, size_t n)
{
	size_t j = 0;
	if (!n)
		return;
	for (const unsigned char *s = (const unsigned char *)name; *s && j + 1 < n; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[j++] = (char)*s;
		else if (*s >= 'A' && *s <= 'Z')
			out[j++] = (char)(*s - 'A' + 'a');
		else if (*s == 0xE2 && s[1] == 0x80 && s[2])
			s += 2; /* typographic punctuation (’ – “): not part of a name */
		else if (*s >= 0x80)
			out[j++] = (char)*s; /* keep non-ASCII letters as they are */
	}
	out[j] = '\0';
}

/* ---- Cleaning ---- */

/* Replacements for the typographic characters posts use. */
static const struct {
	const char *from;
	const char *to;
} utf8_map[] = {
	{ "\xe2\x80\x90", "-" }, { "\xe2\x80\x91", "-" }, { "\xe2\x80\x92", "-" },
	{ "\xe2\x80\x93", "-" }, { "\xe2\x80\x94", "-" }, { "\xe2\x80\x95", "-" },
	{ "\xe2\x88\x92", "-" },
	{ "\xe2\x80\x98", "'" }, { "\xe2\x80\x99", "'" }, { "\xe2\x80\x9c", "\"" },
	{ "\xe2\x80\x9d", "\"" }, { "\xc2\xa0", " " }, { "\xe2\x80\xa2", "- " },
	{ "\xc2\xb7", "- " }, { "\xe2\x80\xa6", "..." }, { "\xe2\x80\x8b", "" },
	{ "\xef\xbb\xbf", "" }, { "\xc2\xad", "" },
};

static const struct {
	const char *from;
	const char *to;
} entities[] = {
	{ "&amp;", "&" }, { "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" },
	{ "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" }, { "&rsquo;", "'" },
	{ "&lsquo;", "'" }, { "&ldquo;", "\"" }, { "&rdquo;", "\"" }, { "&ndash;", "-" },
	{ "&mdash;", "-" }, { "&#8211;", "-" }, { "&#8212;", "-" }, { "&#8217;", "'" },
	{ "&#8220;", "\"" }, { "&#8221;", "\"" }, { "&#160;", " " },
};

static int is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| (c & 0x80);
}

/* Tags become a space; cell and line-break tags a cell separator or blank
 * so that an HTML table row still reads as a Markdown one. */
static size_t skip_tag(const char *s, size_t i, size_t len, ct_buf *out)
{
	size_t j = i + 1;
	if (j >= len || !(s[j] == '/' || s[j] == '!' || (s[j] >= 'a' && s[j] <= 'z')
			|| (s[j] >= 'A' && s[j] <= 'Z')))
		return 0;
	while (j < len && s[j] != '>')
		j++;
	if (j >= len)
		return 0;
	if (!ct_strncasecmp(s + i, "<td", 3) || !ct_strncasecmp(s + i, "<th", 3))
		ct_buf_addstr(out, " | ");
	else
		ct_buf_addch(out, ' ');
	return j - i + 1;
}

static void decode_line(ct_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t k;
		if (s[i] == '<' && (k = skip_tag(s, i, len, out)) > 0) {
			i += k;
			continue;
		}
		int done = 0;
		if (s[i] == '&') {
			for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
				size_t n = strlen(entities[e].from);
				if (i + n <= len && !ct_strncasecmp(s + i, entities[e].from, n)) {
					ct_buf_addstr(out, entities[e].to);
					i += n;
					done = 1;
					break;
				}
			}
		} else if ((unsigned char)s[i] >= 0x80) {
			for (size_t e = 0; e < sizeof(utf8_map) / sizeof(utf8_map[0]); e++) {
				size_t n = strlen(utf8_map[e].from);
				if (i + n <= len && !memcmp(s + i, utf8_map[e].from, n)) {
					ct_buf_addstr(out, utf8_map[e].to);
					i += n;
					done = 1;
					break;
				}
			}
		}
		if (!done)
			ct_buf_addch(out, s[i++]);
	}
}

/* Drop Markdown emphasis and escapes: '*' always (it never belongs to a
 * member name), '_' and '~' only at word edges, '\' before punctuation, '`'. */
static void strip_markup(ct_buf *b)
{
	char *s = b->buf;
	size_t j = 0, len = b->len;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '*' || c == '`')
			continue;
		if (c == '\\' && i + 1 < len && !is_alnum((unsigned char)s[i + 1]))
			continue;
		if ((c == '_' || c == '~') && (i == 0 || !is_alnum((unsigned char)s[i - 1])
				|| i + 1 >= len || !is_alnum((unsigned char)s[i + 1])))
			continue;
		s[j++] = c;
	}
	b->len = j;
	s[j] = '\0';
}

static void collapse_space(ct_buf *b)
{
	char *s = b->buf;
	size_t j = 0;
	for (size_t i = 0; i < b->len; i++) {
		char c = s[i] == '\t' || s[i] == '\r' ? ' ' : s[i];
		if (c == ' ' && (j == 0 || s[j - 1] == ' '))
			continue;
		s[j++] = c;
	}
	while (j > 0 && s[j - 1] == ' ')
		j--;
	b->len = j;
	s[j] = '\0';
}

/* Leading list markers: "- ", "+ ", "o ", "> ", "#…", "1. ", "2) ". A bare
 * count ("24 Yes votes") has no '.' after it, so it stays. */
static size_t list_marker(const char *s)
{
	size_t i = 0;
	for (;;) {
		size_t k = i;
		if ((s[k] == '-' || s[k] == '+' || s[k] == '>') && s[k + 1] == ' ')
			k += 2;
		else if (s[k] == 'o' && s[k + 1] == ' ' && s[k + 2] && s[k + 2] != ' ')
			k += 2;
		else if (s[k] == '#') {
			while (s[k] == '#')
				k++;
			while (s[k] == ' ')
				k++;
		} else if (s[k] >= '0' && s[k] <= '9') {
			size_t d = k;
			while (s[d] >= '0' && s[d] <= '9' && d - k < 3)
				d++;
			if ((s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
				k = d + 2;
		}
		if (k == i)
			return i;
		i = k;
	}
}

char *post_clean_line(const char *s, size_t len)
{
	ct_buf b = CT_BUF_INIT;
	decode_line(&b, s, len);
	ct_buf_addstr(&b, "");
	strip_markup(&b);
	collapse_space(&b);
	size_t k = list_marker(b.buf);
	char *out = ct_strdup(b.buf + k);
	ct_buf_release(&b);
	return out;
}

/* ---- Storage ---- */

void *post_grow(void *arr, size_t *count, size_t size)
{
	/* Arrays grow one element at a time; posts hold tens of claims. */
	arr = ct_realloc(arr, (*count + 1) * size);
	memset((char *)arr + *count * size, 0, size);
	(*count)++;
	return arr;
}

static void list_release(ct_post_list *l)
{
	for (size_t i = 0; i < l->nnames; i++)
		free(l->names[i]);
	free(l->names);
	free(l->name_lines);
	free(l->text);
}

void post_list_add_name(ct_post_list *l, const char *name, size_t len, int line)
{
	l->names = ct_realloc(l->names, (l->nnames + 1) * sizeof(*l->names));
	l->name_lines = ct_realloc(l->name_lines, (l->nnames + 1) * sizeof(int));
	l->names[l->nnames] = ct_strndup(name, len);
	l->name_lines[l->nnames] = line;
	l->nnames++;
}

void ct_post_free(ct_post *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nlists; i++)
		list_release(&p->lists[i]);
	for (size_t i = 0; i < p->nlate; i++)
		list_release(&p->late[i]);
	for (size_t i = 0; i < p->ntotals; i++)
		free(p->totals[i].text);
	for (size_t i = 0; i < p->npercents; i++)
		free(p->percents[i].text);
	for (size_t i = 0; i < p->nreqs; i++)
		free(p->reqs[i].text);
	for (size_t i = 0; i < p->ncites; i++)
		free(p->cites[i].text);
	for (size_t i = 0; i < p->nplaceholders; i++)
		free(p->placeholders[i].text);
	free(p->lists);
	free(p->late);
	free(p->totals);
	free(p->percents);
	free(p->reqs);
	free(p->cites);
	free(p->placeholders);
	free(p->quorum.text);
	free(p->outcome_text);
	free(p->no_counts_reason);
	free(p->file);
	free(p);
}

size_t ct_post_vote_claims(const ct_post *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nlists; i++)
		if (p->lists[i].count >= 0 || p->lists[i].has_names)
			n++;
	return n + p->ntotals;
}

/* ---- Front matter and ballot identity ---- */

static char *front_value(const char *line, size_t len, const char *key)
{
	size_t k = strlen(key);
	if (len <= k || strncmp(line, key, k) != 0)
		return NULL;
	const char *v = line + k;
	size_t n = len - k;
	while (n && (*v == ' ' || *v == '\'' || *v == '"'))
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\'' || v[n - 1] == '"' || v[n - 1] == '\r'))
		n--;
	return ct_strndup(v, n);
}

static int64_t parse_front_date(const char *v)
{
	int y, m, d;
	if (!v || sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return CT_RULES_NO_DATE;
	return ct_time_from_civil(y, m, d, 0, 0, 0);
}

static void set_ballot(ct_post *p, const ct_ballot_id *id, int line)
{
	ct_ballot_id plain = *id;
	plain.version = 0; /* the result is about the ballot, whatever its version */
	ct_ballot_id_format(&plain, p->ballot, sizeof(p->ballot));
	snprintf(p->group, sizeof(p->group), "%s", ct_group_name(id->group));
	p->ballot_line = line;
}

static int looks_election(const char *s)
{
	return ct_memcasemem(s, strlen(s), "election") || ct_memcasemem(s, strlen(s), "vice chair")
		|| ct_memcasemem(s, strlen(s), "vice-chair") || ct_memcasemem(s, strlen(s), "special ballot");
}

/* Line starts and lengths of `text`. */
static size_t split_lines(const char *text, size_t len, const char ***starts, size_t **lens)
{
	size_t n = 0, cap = 64;
	*starts = ct_malloc(cap * sizeof(**starts));
	*lens = ct_malloc(cap * sizeof(**lens));
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		if (n == cap) {
			cap *= 2;
			*starts = ct_realloc(*starts, cap * sizeof(**starts));
			*lens = ct_realloc(*lens, cap * sizeof(**lens));
		}
		(*starts)[n] = text + i;
		(*lens)[n] = j - i;
		n++;
		i = j + 1;
	}
	return n;
}

int ct_post_parse(ct_post **out, const char *file, const char *text, size_t len, ct_error *err)
{
	*out = NULL;
	/* every pattern runs on every line: bound the work a hostile file costs */
	if (len > CT_POST_MAX_BYTES)
		return ct_error_set(err, CT_EINVALID, "%s: %zu bytes is too long for a result post "
				    "(at most %d)", file, len, CT_POST_MAX_BYTES);
	if (memchr(text, '\0', len))
		return ct_error_set(err, CT_EINVALID, "%s: binary data, not a post", file);
	ct_post *p = ct_calloc(1, sizeof(*p));
	p->file = ct_strdup(file);
	p->date = CT_RULES_NO_DATE;
	p->voting_start = CT_RULES_NO_DATE;
	p->outcome = CT_POST_OUTCOME_NONE;
	p->quorum.active = p->quorum.half = p->quorum.quorum = p->quorum.cast = -1;
	p->quorum.met = -1;
	snprintf(p->group, sizeof(p->group), "forum");

	const char **starts;
	size_t *lens;
	size_t nlines = split_lines(text, len, &starts, &lens);
	p->nlines = (int)nlines;
	size_t body = 0;
	if (nlines && lens[0] >= 3 && !strncmp(starts[0], "---", 3)) {
		for (size_t i = 1; i < nlines; i++) {
			if (lens[i] >= 3 && !strncmp(starts[i], "---", 3)) {
				body = i + 1;
				break;
			}
			char *v;
			if ((v = front_value(starts[i], lens[i], "date:"))) {
				p->date = parse_front_date(v);
				free(v);
			} else if ((v = front_value(starts[i], lens[i], "title:"))) {
				ct_ballot_id id;
				if (ct_ballot_id_find(&id, v, strlen(v), NULL, NULL))
					set_ballot(p, &id, (int)i + 1);
				p->election = looks_election(v);
				free(v);
			}
		}
	}

	post_reader *r = post_reader_new(p);
	for (size_t i = body; i < nlines; i++) {
		char *clean = post_clean_line(starts[i], lens[i]);
		int go_on = post_reader_line(r, clean, (int)i + 1);
		if (!p->ballot[0]) {
			ct_ballot_id id;
			if (ct_ballot_id_find(&id, clean, strlen(clean), NULL, NULL)) {
				set_ballot(p, &id, (int)i + 1);
				p->election = p->election || looks_election(clean);
			}
		}
		free(clean);
		if (!go_on)
			break;
	}
	post_reader_finish(r);
	post_reader_free(r);
	free(starts);
	free(lens);

	if (!p->ballot[0] && ct_post_vote_claims(p) == 0) {
		ct_error_set(err, CT_EINVALID, "%s: no ballot id and no vote count: not a result post", file);
		ct_post_free(p);
		return CT_EINVALID;
	}
	*out = p;
	return 0;
}

/* ---- Findings ---- */

void ct_post_findings_add(ct_post_findings *f, int line, const char *kind,
	const char *claim, const char *holds)
{
	if (f->count == f->alloc) {
		f->alloc = f->alloc ? f->alloc * 2 : 8;
		f->items = ct_realloc(f->items, f->alloc * sizeof(*f->items));
	}
	ct_post_finding *x = &f->items[f->count++];
	x->line = line;
	x->kind = kind;
	x->claim = ct_strdup(claim);
	x->holds = ct_strdup(holds);
}

static int finding_cmp(const void *a, const void *b)
{
	const ct_post_finding *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	int c = strcmp(x->kind, y->kind);
	return c ? c : strcmp(x->claim, y->claim);
}

void ct_post_findings_sort(ct_post_findings *f)
{
	if (f->count > 1)
		qsort(f->items, f->count, sizeof(*f->items), finding_cmp);
}

void ct_post_findings_release(ct_post_findings *f)
{
	for (size_t i = 0; i < f->count; i++) {
		free(f->items[i].claim);
		free(f->items[i].holds);
	}
	free(f->items);
	f->items = NULL;
	f->count = f->alloc = 0;
}
