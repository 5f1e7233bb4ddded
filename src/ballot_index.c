/*
 * ballot_index: thread membership, announcements and periods per ballot
 * (rules in include/cabtally/ballot.h). Messages are kept as small
 * summaries; bodies are read when added and only their periods are kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/ballot.h"

#define MAX_SUBJECT_IDS 4
#define MAX_CHAIN 2000  /* reply-chain depth followed before giving up */

typedef struct msg {
	char *handle;
	char *msgid;
	char *irt;
	char **refs;
	size_t nrefs;
	int64_t date;
	char *subject;
	int is_reply;
	int marker;        /* voting marker in the subject */
	int dup;
	int by_reply;
	int version;       /* of the first id in the subject */
	int nb;
	int ballots[MAX_SUBJECT_IDS];
	int state;         /* 0 unresolved, 1 resolving, 2 resolved */
	ct_period *own;    /* period from the unquoted body */
	ct_period *quoted; /* period from quoted text (fallback) */
} msg;

typedef struct ballot {
	ct_ballot_info info;
	long *members;
	size_t n, alloc;
	int has_own_period; /* a member that can be its announcement gives a period */
} ballot;

/* String -> index, open addressing. Keys are borrowed from the messages or
 * ballots that own them. */
typedef struct strmap {
	const char **keys;
	long *vals;
	size_t cap, count;
} strmap;

struct ct_ballot_index {
	msg *m;
	size_t nm, am;
	ballot *b;
	size_t nb, ab;
	size_t *order;  /* sorted positions -> b[] */
	strmap by_msgid;
	strmap by_canon;
	int finished;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static long strmap_get(const strmap *sm, const char *k)
{
	if (sm->cap == 0)
		return -1;
	for (size_t i = hash_str(k) & (sm->cap - 1);; i = (i + 1) & (sm->cap - 1)) {
		if (!sm->keys[i])
			return -1;
		if (strcmp(sm->keys[i], k) == 0)
			return sm->vals[i];
	}
}

static void strmap_put(strmap *sm, const char *k, long v);

static void strmap_grow(strmap *sm)
{
	strmap old = *sm;
	sm->cap = old.cap ? old.cap * 2 : 64;
	sm->keys = ct_calloc(sm->cap, sizeof(*sm->keys));
	sm->vals = ct_calloc(sm->cap, sizeof(*sm->vals));
	sm->count = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i])
			strmap_put(sm, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

static void strmap_put(strmap *sm, const char *k, long v)
{
	if ((sm->count + 1) * 2 > sm->cap)
		strmap_grow(sm);
	size_t i = hash_str(k) & (sm->cap - 1);
	while (sm->keys[i] && strcmp(sm->keys[i], k) != 0)
		i = (i + 1) & (sm->cap - 1);
	if (!sm->keys[i])
		sm->count++;
	sm->keys[i] = k;
	sm->vals[i] = v;
}

static void strmap_release(strmap *sm)
{
	free(sm->keys);
	free(sm->vals);
	memset(sm, 0, sizeof(*sm));
}

/* ---- subjects ---- */

static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static const char *const reply_prefixes[] = { "re", "aw", "sv", "vs", "antw", "odp", "r",
					       "fw", "fwd", "wg", "tr", NULL };

int ct_ballot_subject_normalize(const char *subject, char *out, size_t n)
{
	const char *s = subject ? subject : "";
	int reply = 0;
	for (;;) {
		while (is_space((unsigned char)*s) || *s == ']' || *s == '-' || *s == ':')
			s++;
		if (*s == '[') {
			const char *e = strchr(s, ']');
			if (!e)
				break;
			s = e + 1;
			continue;
		}
		size_t w = 0;
		while (s[w] && s[w] != ':' && !is_space((unsigned char)s[w]) && w < 5)
			w++;
		int found = 0;
		if (s[w] == ':') {
			for (size_t k = 0; reply_prefixes[k]; k++) {
				if (strlen(reply_prefixes[k]) == w &&
				    ct_strncasecmp(s, reply_prefixes[k], w) == 0) {
					found = 1;
					break;
				}
			}
		}
		if (!found)
			break;
		reply = 1;
		s += w + 1;
	}
	size_t len = strlen(s);
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	if (n > 0) {
		if (len >= n)
			len = n - 1;
		memcpy(out, s, len);
		out[len] = '\0';
	}
	return reply;
}

static const char *const markers[] = {
	"voting begins", "voting period", "[voting]", "vote:", "voting starts", "call for votes",
	"voting has begun", "voting has started", "voting is open", "start of voting",
	"voting will begin", "begin voting", NULL,
};

static int has_marker(const char *subject)
{
	for (size_t k = 0; markers[k]; k++)
		if (ct_memcasemem(subject, strlen(subject), markers[k]))
			return 1;
	return 0;
}

int ct_ballot_subject_wants_body(const char *subject)
{
	if (!subject)
		return 0;
	char norm[512];
	int reply = ct_ballot_subject_normalize(subject, norm, sizeof(norm));
	ct_ballot_id id;
	return !reply && (has_marker(norm) || ct_ballot_id_find(&id, norm, strlen(norm), NULL, NULL));
}

/* Trailing voting markers and decoration a title should not carry. */
static const char *const title_tails[] = {
	"- voting period", "- voting begins", "- voting", "voting period", "voting begins",
	"- vote", NULL,
};

static void trim(char *s)
{
	size_t a = 0, n = strlen(s);
	while (s[a] && (is_space((unsigned char)s[a]) || strchr("-:,\"'", s[a]) ||
			((unsigned char)s[a] == 0xE2 && (unsigned char)s[a + 1] == 0x80 &&
			 ((unsigned char)s[a + 2] == 0x93 || (unsigned char)s[a + 2] == 0x94 ||
			  (unsigned char)s[a + 2] == 0x9C || (unsigned char)s[a + 2] == 0x9D))))
		a += (unsigned char)s[a] == 0xE2 ? 3 : 1;
	memmove(s, s + a, n - a + 1);
	n = strlen(s);
	while (n > 0 && (is_space((unsigned char)s[n - 1]) || strchr("-:\"'", s[n - 1])))
		s[--n] = '\0';
	/* closing curly quote */
	while (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
	       ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x9C))
		s[n -= 3] = '\0';
}

void ct_ballot_subject_title(const char *subject, char *out, size_t n)
{
	char norm[512];
	ct_ballot_subject_normalize(subject, norm, sizeof(norm));
	ct_ballot_id id;
	size_t st, en;
	char buf[512];
	if (ct_ballot_id_find(&id, norm, strlen(norm), &st, &en))
		snprintf(buf, sizeof(buf), "%s", norm + en);
	else
		snprintf(buf, sizeof(buf), "%s", norm);
	for (int changed = 1; changed;) {
		changed = 0;
		trim(buf);
		size_t len = strlen(buf);
		const char *in = ct_memcasemem(buf, len, " is in the voting period");
		char *paren = strrchr(buf, '(');
		if (in) {
			buf[in - buf] = '\0';
			changed = 1;
		} else if (paren && len > 0 && buf[len - 1] == ')' &&
			   (ct_memcasemem(paren, strlen(paren), "end") ||
			    ct_memcasemem(paren, strlen(paren), "vot"))) {
			/* "(ends April 16)" and similar schedule notes */
			*paren = '\0';
			changed = 1;
		}
		for (size_t k = 0; !changed && title_tails[k]; k++) {
			size_t tl = strlen(title_tails[k]);
			if (len >= tl && ct_strcasecmp(buf + len - tl, title_tails[k]) == 0) {
				buf[len - tl] = '\0';
				changed = 1;
			}
		}
	}
	snprintf(out, n, "%s", buf);
}

/* The ballot ids a subject names: the first, and more joined to it by
 * "and", "&", "," or "/" ("Ballots CSC-21 and CSC-22"). */
static int subject_ids(const char *norm, ct_ballot_id *ids, int max)
{
	size_t len = strlen(norm), st, en, pos = 0;
	int n = 0;
	while (n < max && ct_ballot_id_find(&ids[n], norm + pos, len - pos, &st, &en)) {
		if (n > 0) {
			/* only a joined list continues */
			const char *gap = norm + pos;
			size_t g = st;
			while (g > 0 && is_space((unsigned char)gap[g - 1]))
				g--;
			size_t a = 0;
			while (a < g && is_space((unsigned char)gap[a]))
				a++;
			int joined = (g - a == 1 && strchr(",&/", gap[a])) ||
				     (g - a == 3 && ct_strncasecmp(gap + a, "and", 3) == 0);
			if (!joined)
				break;
		}
		n++;
		pos += en;
		/* "Ballots CSC-21 and CSC-22": the second may lack "Ballot" */
	}
	return n;
}

/* ---- the index ---- */

ct_ballot_index *ct_ballot_index_new(void)
{
	return ct_calloc(1, sizeof(ct_ballot_index));
}

void ct_ballot_index_free(ct_ballot_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->nm; i++) {
		msg *m = &ix->m[i];
		free(m->handle);
		free(m->msgid);
		free(m->irt);
		for (size_t r = 0; r < m->nrefs; r++)
			free(m->refs[r]);
		free(m->refs);
		free(m->subject);
		free(m->own);
		free(m->quoted);
	}
	for (size_t i = 0; i < ix->nb; i++)
		free(ix->b[i].members);
	free(ix->m);
	free(ix->b);
	free(ix->order);
	strmap_release(&ix->by_msgid);
	strmap_release(&ix->by_canon);
	free(ix);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? ct_strdup(s) : NULL;
}

static int ballot_for(ct_ballot_index *ix, const ct_ballot_id *id)
{
	long k = strmap_get(&ix->by_canon, id->canon);
	if (k >= 0)
		return (int)k;
	if (ix->nb == ix->ab) {
		ix->ab = ix->ab ? ix->ab * 2 : 16;
		ix->b = ct_realloc(ix->b, ix->ab * sizeof(*ix->b));
		/* the map borrows canon strings from b[]: re-point them */
		strmap_release(&ix->by_canon);
		for (size_t i = 0; i < ix->nb; i++)
			strmap_put(&ix->by_canon, ix->b[i].info.id.canon, (long)i);
	}
	ballot *b = &ix->b[ix->nb];
	memset(b, 0, sizeof(*b));
	b->info.id = *id;
	b->info.id.version = 0;
	b->info.announcement = -1;
	b->info.announced = CT_NO_DATE;
	strmap_put(&ix->by_canon, b->info.id.canon, (long)ix->nb);
	return (int)ix->nb++;
}

static ct_period *period_copy(const ct_period *p)
{
	ct_period *c = ct_malloc(sizeof(*c));
	*c = *p;
	return c;
}

/* A quoted period is only the fallback for a ballot whose announcement
 * gives none (choose_announcement). When every ballot the subject names
 * already has a member giving its own period, this message's quoted period
 * can never be used, and reading it (most replies quote the whole ballot)
 * is skipped. Messages that join by reply are not known yet: always read. */
static int quoted_unused(const ct_ballot_index *ix, const msg *m)
{
	for (int k = 0; k < m->nb; k++)
		if (!ix->b[m->ballots[k]].has_own_period)
			return 0;
	return m->nb > 0;
}

long ct_ballot_index_add(ct_ballot_index *ix, const ct_ballot_msg *in, ct_error *err)
{
	if (ix->finished)
		return ct_error_set(err, CT_EUSAGE, "ballot index: message added after finish");
	if (ix->nm == ix->am) {
		ix->am = ix->am ? ix->am * 2 : 64;
		ix->m = ct_realloc(ix->m, ix->am * sizeof(*ix->m));
		/* the msgid map borrows strings owned by messages; they do not move */
	}
	long idx = (long)ix->nm;
	msg *m = &ix->m[ix->nm++];
	memset(m, 0, sizeof(*m));
	m->handle = dup_or_null(in->handle);
	m->msgid = dup_or_null(in->message_id);
	m->date = in->date;
	m->subject = ct_strdup(in->subject ? in->subject : "");
	if (m->msgid) {
		if (strmap_get(&ix->by_msgid, m->msgid) >= 0)
			m->dup = 1;
		else
			strmap_put(&ix->by_msgid, m->msgid, idx);
	}
	char norm[512];
	m->is_reply = ct_ballot_subject_normalize(m->subject, norm, sizeof(norm));
	m->marker = has_marker(norm);
	ct_ballot_id ids[MAX_SUBJECT_IDS];
	int n = subject_ids(norm, ids, MAX_SUBJECT_IDS);
	for (int k = 0; k < n; k++)
		m->ballots[m->nb++] = ballot_for(ix, &ids[k]);
	m->version = n > 0 ? ids[0].version : 0;
	if (n > 0) {
		m->state = 2;
	} else {
		/* Only a message whose subject names no ballot walks its reply
		 * chain (resolve_reply), so only such a one keeps the chain: an
		 * archive's thousands of ballot replies do not hold their
		 * References. */
		m->irt = dup_or_null(in->in_reply_to);
		if (in->n_references) {
			m->refs = ct_calloc(in->n_references, sizeof(*m->refs));
			for (size_t r = 0; r < in->n_references; r++)
				if (in->references[r] && in->references[r][0])
					m->refs[m->nrefs++] = ct_strdup(in->references[r]);
		}
	}
	if (in->body && in->body_len) {
		ct_period p;
		int64_t hint = in->date;
		if (!m->is_reply && ct_ballot_period_parse(&p, in->body, in->body_len, hint, NULL) == 0)
			m->own = period_copy(&p);
		else if (!quoted_unused(ix, m) &&
			 ct_ballot_period_parse_opts(&p, in->body, in->body_len, hint,
						     CT_PERIOD_READ_QUOTED, NULL) == 0)
			m->quoted = period_copy(&p);
	}
	/* Such a member stays a candidate announcement: membership by subject
	 * is final, and only later copies of a Message-ID become duplicates. */
	if (m->own && !m->is_reply && !m->dup)
		for (int k = 0; k < m->nb; k++)
			ix->b[m->ballots[k]].has_own_period = 1;
	return idx;
}

/* Ballots of message i through its reply chain (iterative, loop-safe):
 * walk up to the first message already resolved, then hand its ballots
 * down to every message on the way. */
static void resolve_reply(ct_ballot_index *ix, size_t i)
{
	size_t *chain = NULL, depth = 0, alloc = 0, cur = i;
	while (ix->m[cur].state != 2 && depth < MAX_CHAIN) {
		msg *m = &ix->m[cur];
		m->state = 1;
		if (depth == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			chain = ct_realloc(chain, alloc * sizeof(*chain));
		}
		chain[depth++] = cur;
		long parent = -1;
		if (m->irt)
			parent = strmap_get(&ix->by_msgid, m->irt);
		for (size_t r = m->nrefs; parent < 0 && r > 0; r--)
			parent = strmap_get(&ix->by_msgid, m->refs[r - 1]);
		if (parent < 0 || ix->m[parent].state == 1)
			break; /* no known parent, or a reference loop */
		cur = (size_t)parent;
	}
	const msg *root = &ix->m[cur];
	int inherit = root->state == 2 && root->nb > 0;
	for (size_t k = 0; k < depth; k++) {
		msg *m = &ix->m[chain[k]];
		m->state = 2;
		if (inherit) {
			m->nb = root->nb;
			memcpy(m->ballots, root->ballots, sizeof(m->ballots));
			m->by_reply = 1;
		}
	}
	free(chain);
}

static void add_member(ballot *b, long i)
{
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? b->alloc * 2 : 16;
		b->members = ct_realloc(b->members, b->alloc * sizeof(*b->members));
	}
	b->members[b->n++] = i;
}

/* Better announcement: higher version, then a voting marker, then later. */
static int better(const msg *a, const msg *b)
{
	if (!b)
		return 1;
	if (a->version != b->version)
		return a->version > b->version;
	if (a->marker != b->marker)
		return a->marker > b->marker;
	return a->date >= b->date;
}

static void choose_announcement(ct_ballot_index *ix, ballot *b)
{
	const msg *best = NULL, *any = NULL;
	long best_i = -1, any_i = -1;
	for (size_t k = 0; k < b->n; k++) {
		const msg *m = &ix->m[b->members[k]];
		if (m->is_reply || m->dup || m->by_reply)
			continue;
		if (m->own && better(m, best)) {
			best = m;
			best_i = b->members[k];
		}
		if (better(m, any)) {
			any = m;
			any_i = b->members[k];
		}
	}
	ct_ballot_info *in = &b->info;
	if (best) {
		in->announcement = best_i;
		in->announced = best->date;
		in->has_period = 1;
		in->period = *best->own;
		in->id.version = best->version;
	} else if (any) {
		in->announcement = any_i;
		in->announced = any->date;
		in->id.version = any->version;
	} else {
		for (size_t k = 0; k < b->n; k++)
			if (ix->m[b->members[k]].version > in->id.version)
				in->id.version = ix->m[b->members[k]].version;
	}
	if (!in->has_period) {
		const msg *q = NULL;
		for (size_t k = 0; k < b->n; k++) {
			const msg *m = &ix->m[b->members[k]];
			if (m->quoted && (!q || m->date < q->date))
				q = m;
		}
		if (q) {
			in->has_period = 1;
			in->period = *q->quoted;
			in->period.flags |= CT_PERIOD_FROM_QUOTED;
		} else {
			memset(&in->period, 0, sizeof(in->period));
			snprintf(in->period.reason, sizeof(in->period.reason), "%s",
				 in->announcement < 0 ? "no announcement among the ballot's messages"
						      : "the announcement states no voting period");
		}
	}
	const msg *t = any ? any : best;
	if (t)
		ct_ballot_subject_title(t->subject, in->title, sizeof(in->title));
	for (size_t k = 0; !in->title[0] && k < b->n; k++)
		ct_ballot_subject_title(ix->m[b->members[k]].subject, in->title, sizeof(in->title));
}

static int cmp_ballots(const ballot *a, const ballot *b)
{
	const ct_ballot_info *x = &a->info, *y = &b->info;
	if (x->has_period != y->has_period)
		return x->has_period ? -1 : 1;
	if (x->has_period && x->period.start != y->period.start)
		return x->period.start < y->period.start ? -1 : 1;
	if (x->id.group != y->id.group)
		return x->id.group < y->id.group ? -1 : 1;
	int xf = x->id.canon[0] == 'F', yf = y->id.canon[0] == 'F';
	if (xf != yf)
		return xf - yf;
	return x->id.number - y->id.number;
}

static void sort_order(ct_ballot_index *ix)
{
	/* insertion sort: qsort would need the array in a global; ballots
	 * number in the hundreds */
	for (size_t i = 1; i < ix->nb; i++) {
		size_t v = ix->order[i], j = i;
		while (j > 0 && cmp_ballots(&ix->b[ix->order[j - 1]], &ix->b[v]) > 0) {
			ix->order[j] = ix->order[j - 1];
			j--;
		}
		ix->order[j] = v;
	}
}

void ct_ballot_index_finish(ct_ballot_index *ix)
{
	if (ix->finished)
		return;
	ix->finished = 1;
	for (size_t i = 0; i < ix->nm; i++)
		if (ix->m[i].state != 2)
			resolve_reply(ix, i);
	for (size_t i = 0; i < ix->nm; i++) {
		const msg *m = &ix->m[i];
		for (int k = 0; k < m->nb; k++) {
			ballot *b = &ix->b[m->ballots[k]];
			add_member(b, (long)i);
			if (m->dup)
				b->info.duplicates++;
			else
				b->info.messages++;
		}
	}
	for (size_t i = 0; i < ix->nb; i++)
		choose_announcement(ix, &ix->b[i]);
	ix->order = ct_calloc(ix->nb ? ix->nb : 1, sizeof(*ix->order));
	for (size_t i = 0; i < ix->nb; i++)
		ix->order[i] = i;
	sort_order(ix);
}

size_t ct_ballot_index_count(const ct_ballot_index *ix)
{
	return ix->finished ? ix->nb : 0;
}

const ct_ballot_info *ct_ballot_index_get(const ct_ballot_index *ix, size_t i)
{
	return ix->finished && i < ix->nb ? &ix->b[ix->order[i]].info : NULL;
}

long ct_ballot_index_lookup(const ct_ballot_index *ix, const ct_ballot_id *id)
{
	long k = strmap_get(&ix->by_canon, id->canon);
	if (k < 0 || !ix->finished)
		return -1;
	for (size_t i = 0; i < ix->nb; i++)
		if (ix->order[i] == (size_t)k)
			return (long)i;
	return -1;
}

size_t ct_ballot_index_members(const ct_ballot_index *ix, size_t i, const long **out)
{
	if (!ix->finished || i >= ix->nb) {
		*out = NULL;
		return 0;
	}
	const ballot *b = &ix->b[ix->order[i]];
	*out = b->members;
	return b->n;
}

const char *ct_ballot_index_handle(const ct_ballot_index *ix, long i)
{
	return i >= 0 && (size_t)i < ix->nm && ix->m[i].handle ? ix->m[i].handle : "";
}

int ct_ballot_index_is_duplicate(const ct_ballot_index *ix, long i)
{
	return i >= 0 && (size_t)i < ix->nm && ix->m[i].dup;
}

int ct_ballot_index_by_reply(const ct_ballot_index *ix, long i)
{
	return i >= 0 && (size_t)i < ix->nm && ix->m[i].by_reply;
}
