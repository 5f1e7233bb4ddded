/* roster look-ups: names, addresses, domains, the resolution rules, listings. */
#include "roster_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t ct_roster_count(const ct_roster *r)
{
	return r ? r->nmembers : 0;
}

const ct_member *ct_roster_member(const ct_roster *r, size_t i)
{
	return r && i < r->nmembers ? &r->members[i] : NULL;
}

const ct_member *ct_roster_find_id(const ct_roster *r, const char *id)
{
	for (size_t i = 0; r && id && i < r->nmembers; i++)
		if (!strcmp(r->members[i].id, id))
			return &r->members[i];
	return NULL;
}

const char *ct_category_str(ct_roster_category c)
{
	return c == CT_CAT_ISSUER ? "issuer" : c == CT_CAT_CONSUMER ? "consumer" : "none";
}

const char *ct_member_status_str(ct_member_status s)
{
	switch (s) {
	case CT_MS_VOTING: return "voting";
	case CT_MS_PROBATIONARY: return "probationary";
	case CT_MS_ASSOCIATE: return "associate";
	case CT_MS_INTERESTED_PARTY: return "interested-party";
	default: return "none";
	}
}

static int covers(int64_t from, int64_t until, int64_t when)
{
	return from <= when && when < until;
}

const char *ct_member_name_on(const ct_member *m, int64_t when)
{
	if (!m || !m->nnames)
		return "";
	const char *name = m->names[0].text;
	for (size_t i = 1; i < m->nnames; i++)
		if (m->names[i].from <= when)
			name = m->names[i].text;
	return name;
}

const ct_roster_membership *ct_member_membership(const ct_member *m, const char *group, int64_t when)
{
	for (size_t i = 0; m && group && i < m->nmemberships; i++) {
		const ct_roster_membership *ms = &m->memberships[i];
		if (!strcmp(ms->group, group) && covers(ms->from, ms->until, when))
			return ms;
	}
	return NULL;
}

/* ---- names -------------------------------------------------------------- */

/* Latin-1 supplement letters (U+00C0..U+00FF) without their accents. */
static const char latin1_fold[64] =
	"AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs"
	"aaaaaaaceeeeiiiidnooooo/ouuuuyty";

size_t ct_roster_name_key(const char *s, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (!ct_strncasecmp((const char *)p, "the ", 4))
		p += 4;
	size_t n = 0;
	while (*p) {
		unsigned c = *p;
		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
				out[n++] = (char)c;
			else if (c >= 'A' && c <= 'Z')
				out[n++] = (char)(c - 'A' + 'a');
			p++;
		} else if (c == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
			char f = latin1_fold[p[1] - 0x80];
			if ((f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z'))
				out[n++] = (char)ct_ascii_tolower(f);
			p += 2;
		} else if (c == 0xC2 && p[1]) {
			p += 2; /* no-break space, middle dot, ...: punctuation */
		} else if (c == 0xE2 && p[1] == 0x80 && p[2]) {
			p += 3; /* quotes, dashes, bullets, ellipsis */
		} else {
			out[n++] = (char)c; /* other scripts: kept as they are */
			p++;
		}
	}
	out[n] = '\0';
	return n;
}

static int cmp_key(const void *a, const void *b)
{
	const struct ct_roster_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	return x->member < y->member ? -1 : x->member > y->member;
}

static void add_key(ct_roster *r, const char *name, const ct_member *m)
{
	struct ct_roster_key k;
	k.key = ct_malloc(strlen(name) + 1);
	k.len = ct_roster_name_key(name, k.key);
	k.member = m;
	r->keys = ct_realloc(r->keys, (r->nkeys + 1) * sizeof(*r->keys));
	r->keys[r->nkeys++] = k;
}

long ct_roster_index(ct_roster *r, const ct_member **a, const ct_member **b)
{
	for (size_t i = 0; i < r->nmembers; i++) {
		const ct_member *m = &r->members[i];
		for (size_t j = 0; j < m->nnames; j++)
			add_key(r, m->names[j].text, m);
		for (size_t j = 0; j < m->naliases; j++)
			add_key(r, m->aliases[j], m);
	}
	if (r->nkeys)
		qsort(r->keys, r->nkeys, sizeof(*r->keys), cmp_key);
	for (size_t i = 1; i < r->nkeys; i++) {
		if (!strcmp(r->keys[i].key, r->keys[i - 1].key) &&
		    r->keys[i].member != r->keys[i - 1].member) {
			*a = r->keys[i - 1].member;
			*b = r->keys[i].member;
			if ((*a)->line > (*b)->line) {
				const ct_member *t = *a;
				*a = *b;
				*b = t;
			}
			return (long)i;
		}
	}
	return -1;
}

const ct_member *ct_roster_find_name(const ct_roster *r, const char *name)
{
	if (!r || !name || !r->nkeys)
		return NULL;
	char *key = ct_malloc(strlen(name) + 1);
	size_t len = ct_roster_name_key(name, key);
	const ct_member *found = NULL;
	size_t lo = 0, hi = r->nkeys;
	while (len && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, r->keys[mid].key);
		if (c == 0) {
			found = r->keys[mid].member;
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	free(key);
	return found;
}

static int is_alnum_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is the character that starts at (or, with `before`, ends just before)
 * byte `i` part of a word? Non-ASCII letters are; punctuation (U+0080..U+00BF
 * and U+2000..U+206F) is not. */
static int word_char_at(const char *text, size_t i, int before)
{
	const unsigned char *t = (const unsigned char *)text;
	if (before) {
		if (i == 0)
			return 0;
		i--;
		while (i > 0 && (t[i] & 0xC0) == 0x80)
			i--;
	}
	unsigned char c = t[i];
	if (!c)
		return 0;
	if (c < 0x80)
		return is_alnum_byte(c);
	return c != 0xC2 && !(c == 0xE2 && t[i + 1] == 0x80);
}

/* Normalise `text` like a name, remembering where each kept byte came from. */
static char *key_with_map(const char *text, size_t **map, size_t *klen)
{
	size_t n = strlen(text);
	char *key = ct_malloc(n + 1);
	*map = ct_malloc((n + 1) * sizeof(**map));
	size_t k = 0;
	char one[8];
	for (size_t i = 0; i < n;) {
		size_t step = 1;
		unsigned char c = (unsigned char)text[i];
		if (c >= 0xC0)
			while (i + step < n && ((unsigned char)text[i + step] & 0xC0) == 0x80 && step < 4)
				step++;
		memcpy(one, text + i, step);
		one[step] = '\0';
		/* a lone "the " is only dropped at the start of a name, not in text */
		size_t got;
		if (c < 0x80) {
			got = is_alnum_byte(c);
			one[0] = (char)ct_ascii_tolower(c);
		} else {
			got = ct_roster_name_key(one, one);
		}
		for (size_t j = 0; j < got; j++) {
			key[k] = one[j];
			(*map)[k++] = i;
		}
		i += step;
	}
	key[k] = '\0';
	(*map)[k] = n;
	*klen = k;
	return key;
}

const ct_member *ct_roster_find_in_text(const ct_roster *r, const char *text, size_t *at, size_t *len)
{
	if (!r || !text)
		return NULL;
	size_t *map, klen;
	char *key = key_with_map(text, &map, &klen);
	const ct_member *best = NULL;
	size_t best_len = 0, best_at = 0, best_end = 0;
	for (size_t i = 0; i < r->nkeys; i++) {
		const struct ct_roster_key *k = &r->keys[i];
		if (k->len < 3 || k->len < best_len)
			continue;
		for (const char *p = strstr(key, k->key); p; p = strstr(p + 1, k->key)) {
			size_t s = (size_t)(p - key), e = s + k->len;
			size_t os = map[s];
			/* the original end: just past the last kept byte's character */
			size_t oend = map[e - 1] + 1;
			while (((unsigned char)text[oend] & 0xC0) == 0x80)
				oend++;
			if (word_char_at(text, os, 1) || word_char_at(text, oend, 0))
				continue;
			if (k->len > best_len || (k->len == best_len && os < best_at)) {
				best = k->member;
				best_len = k->len;
				best_at = os;
				best_end = oend;
			}
			break;
		}
	}
	free(key);
	free(map);
	if (best) {
		if (at)
			*at = best_at;
		if (len)
			*len = best_end - best_at;
	}
	return best;
}

/* ---- addresses and domains ---------------------------------------------- */

const ct_member *ct_roster_find_address(const ct_roster *r, const char *address, int64_t when)
{
	for (size_t i = 0; r && address && i < r->nmembers; i++) {
		const ct_member *m = &r->members[i];
		for (size_t j = 0; j < m->naddresses; j++)
			if (!ct_strcasecmp(m->addresses[j].value, address) &&
			    covers(m->addresses[j].from, m->addresses[j].until, when))
				return m;
	}
	return NULL;
}

/* Is `dom` the host or a parent domain of it, on a label boundary? */
static int domain_matches(const char *host, size_t hlen, const char *dom)
{
	size_t dlen = strlen(dom);
	if (dlen > hlen || ct_strncasecmp(host + hlen - dlen, dom, dlen) != 0)
		return 0;
	return dlen == hlen || host[hlen - dlen - 1] == '.';
}

size_t ct_roster_find_domain(const ct_roster *r, const char *address, int64_t when,
	const ct_member **found, size_t max)
{
	if (!r || !address)
		return 0;
	const char *at = strrchr(address, '@');
	const char *host = at ? at + 1 : address;
	size_t hlen = strlen(host);
	while (hlen && host[hlen - 1] == '.')
		hlen--; /* a trailing root dot is the same domain */
	size_t best = 0, n = 0;
	for (size_t i = 0; i < r->nmembers; i++) {
		const ct_member *m = &r->members[i];
		for (size_t j = 0; j < m->ndomains; j++) {
			const ct_roster_dated *d = &m->domains[j];
			size_t dlen = strlen(d->value);
			if (!covers(d->from, d->until, when) || !domain_matches(host, hlen, d->value))
				continue;
			if (dlen < best)
				continue;
			if (dlen > best) {
				best = dlen;
				n = 0;
			}
			int dup = 0;
			for (size_t k = 0; k < n && k < max; k++)
				dup |= found[k] == m;
			if (dup)
				continue;
			if (n < max)
				found[n] = m;
			n++;
		}
	}
	return n;
}

/* ---- resolution --------------------------------------------------------- */

static void settle(ct_resolution *out, const ct_member *m, int64_t when, const char *group,
	const char *how)
{
	char day[11];
	ct_time_format_date(when, day);
	out->member = m;
	out->member_id = m->id;
	out->name = ct_member_name_on(m, when);
	const ct_roster_membership *ms = ct_member_membership(m, group, when);
	if (ms) {
		out->category = ms->category;
		out->membership = ms->status;
	}
	if (ms && ms->status == CT_MS_VOTING) {
		out->status = CT_RES_MEMBER;
		snprintf(out->reason, sizeof(out->reason), "%s; voting %s in %s on %s",
			how, ct_category_str(ms->category), group, day);
	} else if (ms) {
		out->status = CT_RES_NOT_VOTING;
		snprintf(out->reason, sizeof(out->reason), "%s; %s member of %s on %s, without a vote",
			how, ct_member_status_str(ms->status), group, day);
	} else {
		out->status = CT_RES_NOT_VOTING;
		snprintf(out->reason, sizeof(out->reason), "%s; '%s' is not a member of %s on %s",
			how, out->name, group, day);
	}
}

static void unclear(ct_resolution *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void unclear(ct_resolution *out, const char *fmt, ...)
{
	va_list ap;
	out->status = CT_RES_UNCLEAR;
	va_start(ap, fmt);
	vsnprintf(out->reason, sizeof(out->reason), fmt, ap);
	va_end(ap);
}

int ct_roster_resolve(const ct_roster *r, ct_resolution *out, const char *address,
	const char *org_named, int64_t when, const char *group)
{
	if (!r || !out || !address || !group)
		return CT_EUSAGE;
	memset(out, 0, sizeof(*out));
	const ct_member *named = NULL;
	if (org_named && *org_named) {
		named = ct_roster_find_name(r, org_named);
		if (!named)
			named = ct_roster_find_in_text(r, org_named, NULL, NULL);
	}
	char how[200];
	const ct_member *rep = ct_roster_find_address(r, address, when);
	if (rep) {
		if (named && named != rep) {
			unclear(out, "%s is listed for %s, but the text names %s", address,
				ct_member_name_on(rep, when), ct_member_name_on(named, when));
			return 0;
		}
		snprintf(how, sizeof(how), "%s is a listed representative of %s", address,
			ct_member_name_on(rep, when));
		settle(out, rep, when, group, how);
		return 0;
	}
	const ct_member *dom[8];
	size_t n = ct_roster_find_domain(r, address, when, dom, 8);
	if (n > 8)
		n = 8;
	if (n == 0) {
		out->status = CT_RES_NOT_A_MEMBER;
		snprintf(out->reason, sizeof(out->reason), "%s belongs to no member%s%s%s", address,
			named ? " (the text names " : "", named ? ct_member_name_on(named, when) : "",
			named ? ", but the sender is not listed as its representative)" : "");
		return 0;
	}
	const ct_member *pick = NULL;
	for (size_t i = 0; named && i < n; i++)
		if (dom[i] == named)
			pick = named;
	if (named && !pick) {
		unclear(out, "the domain of %s belongs to %s, but the text names %s and the sender "
			"is not listed as its representative", address, ct_member_name_on(dom[0], when),
			ct_member_name_on(named, when));
		return 0;
	}
	if (!pick && n > 1) {
		unclear(out, "the domain of %s is shared by %s and %s, and the text names neither",
			address, ct_member_name_on(dom[0], when), ct_member_name_on(dom[1], when));
		return 0;
	}
	if (!pick)
		pick = dom[0];
	snprintf(how, sizeof(how), "the domain of %s belongs to %s", address,
		ct_member_name_on(pick, when));
	settle(out, pick, when, group, how);
	return 0;
}

/* ---- listing ------------------------------------------------------------ */

static int cmp_entry(const void *a, const void *b)
{
	const ct_roster_entry *x = a, *y = b;
	int c = ct_strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->name, y->name);
}

size_t ct_roster_list(const ct_roster *r, int64_t when, const char *group, int voting_only,
	ct_roster_entry **out)
{
	*out = NULL;
	size_t n = 0;
	for (size_t i = 0; r && i < r->nmembers; i++) {
		const ct_member *m = &r->members[i];
		const ct_roster_membership *ms = ct_member_membership(m, group, when);
		if (!ms || (voting_only && ms->status != CT_MS_VOTING))
			continue;
		*out = ct_realloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = (ct_roster_entry){ m, ct_member_name_on(m, when), ms->category, ms->status };
	}
	if (n)
		qsort(*out, n, sizeof(**out), cmp_entry);
	return n;
}
