/* tally: one vote per member, a ledger line for every message, the verdict. */
#include "cabtally/tally.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char *ct_vote_name(ct_vote v)
{
	switch (v) {
	case CT_VOTE_YES: return "yes";
	case CT_VOTE_NO: return "no";
	case CT_VOTE_ABSTAIN: return "abstain";
	case CT_VOTE_UNCLEAR: return "unclear";
	default: return "none";
	}
}

int ct_vote_parse(const char *s)
{
	static const ct_vote votes[] = { CT_VOTE_YES, CT_VOTE_NO, CT_VOTE_ABSTAIN, CT_VOTE_NONE };
	for (size_t i = 0; s && i < sizeof(votes) / sizeof(votes[0]); i++)
		if (!ct_strcasecmp(s, ct_vote_name(votes[i])))
			return (int)votes[i];
	return -1;
}

const char *ct_ledger_status_name(ct_ledger_status s)
{
	static const char *const names[] = {
		"counted", "superseded", "late", "early", "unclear", "no-vote",
		"not-a-member", "not-voting", "wrong-ballot", "duplicate", "excluded",
	};
	return (size_t)s < sizeof(names) / sizeof(names[0]) ? names[s] : "unclear";
}

/* A Message-ID without its angle brackets, as a borrowed span. */
static void msgid_span(const char *id, const char **p, size_t *n)
{
	*p = id ? id : "";
	*n = strlen(*p);
	while (*n && (**p == ' ' || **p == '<')) {
		(*p)++;
		(*n)--;
	}
	while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '>'))
		(*n)--;
}

static int msgid_equal(const char *a, const char *b)
{
	const char *pa, *pb;
	size_t na, nb;
	msgid_span(a, &pa, &na);
	msgid_span(b, &pb, &nb);
	return na && na == nb && !memcmp(pa, pb, na);
}

int ct_tally_ruling_parse(ct_tally_ruling *out, const char *spec, int exclude, ct_error *err)
{
	memset(out, 0, sizeof(*out));
	const char *eq = exclude ? NULL : strrchr(spec, '=');
	if (!exclude && !eq)
		return ct_error_set(err, CT_EUSAGE, "invalid ruling '%s': expected MSGID=yes|no|abstain|none", spec);
	const char *p;
	size_t n;
	char *whole = ct_strndup(spec, eq ? (size_t)(eq - spec) : strlen(spec));
	msgid_span(whole, &p, &n);
	if (!n) {
		free(whole);
		return ct_error_set(err, CT_EUSAGE, "invalid ruling '%s': no Message-ID", spec);
	}
	if (eq) {
		int v = ct_vote_parse(eq + 1);
		if (v < 0) {
			free(whole);
			return ct_error_set(err, CT_EUSAGE, "invalid ruling '%s': the vote must be yes, no, abstain or none", spec);
		}
		out->kind = CT_RULING_VOTE;
		out->vote = (ct_vote)v;
	} else {
		out->kind = CT_RULING_EXCLUDE;
	}
	out->message_id = ct_strndup(p, n);
	free(whole);
	return 0;
}

void ct_tally_ruling_release(ct_tally_ruling *r)
{
	free(r->message_id);
	r->message_id = NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? ct_strdup(s) : NULL;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, f);
	ct_buf_vaddf(&b, f, ap);
	va_end(ap);
	return ct_buf_detach(&b);
}

/* The reading among those naming this ballot (named 1) or naming none
 * (named 0): a clear one over a NONE one; clear ones that disagree set
 * *conflict. */
static const ct_tally_reading *pick_from(const ct_tally_msg *m, const char *ballot, int named,
	int *conflict)
{
	const ct_tally_reading *pick = NULL;
	*conflict = 0;
	for (size_t i = 0; i < m->nreadings; i++) {
		const ct_tally_reading *r = &m->readings[i];
		if ((r->ballot != NULL) != named || (named && ct_strcasecmp(r->ballot, ballot)))
			continue;
		if (!pick || (pick->vote == CT_VOTE_NONE && r->vote != CT_VOTE_NONE))
			pick = r;
		else if (r->vote != CT_VOTE_NONE && r->vote != pick->vote)
			*conflict = 1;
	}
	return pick;
}

/* The reading that applies to this ballot: one naming it wins over one
 * naming no ballot. *other is the first clear reading naming another ballot
 * (for wrong-ballot). */
static const ct_tally_reading *pick_reading(const ct_tally_msg *m, const char *ballot,
	const ct_tally_reading **other, int *conflict)
{
	*other = NULL;
	for (size_t i = 0; i < m->nreadings && !*other; i++) {
		const ct_tally_reading *r = &m->readings[i];
		if (r->ballot && ct_strcasecmp(r->ballot, ballot) && r->vote != CT_VOTE_NONE)
			*other = r;
	}
	int c_named, c_unnamed;
	const ct_tally_reading *named = pick_from(m, ballot, 1, &c_named);
	const ct_tally_reading *unnamed = pick_from(m, ballot, 0, &c_unnamed);
	if (named && named->vote != CT_VOTE_NONE) {
		*conflict = c_named;
		return named;
	}
	if (unnamed && unnamed->vote != CT_VOTE_NONE) {
		*conflict = c_unnamed;
		return unnamed;
	}
	*conflict = 0;
	return named ? named : unnamed;
}

struct work {
	const ct_tally_input *in;
	ct_tally_result *res;
	const ct_tally_reading **reading; /* per message: the applied reading (or NULL) */
	ct_vote *vote;                    /* per message: after rulings */
	size_t *counted_of;               /* per message: index of the member's counted one */
};

static const ct_tally_ruling *find_ruling(const ct_tally_input *in, const char *msgid,
	ct_ruling_kind kind)
{
	const ct_tally_ruling *found = NULL;
	for (size_t i = 0; msgid && i < in->nrulings; i++)
		if (in->rulings[i].kind == kind && msgid_equal(in->rulings[i].message_id, msgid))
			found = &in->rulings[i]; /* the last one given wins */
	return found;
}

static void fill_entry(ct_ledger_entry *e, const ct_tally_msg *m)
{
	memset(e, 0, sizeof(*e));
	e->message_id = dup_or_null(m->message_id);
	e->file = dup_or_null(m->file);
	e->offset = m->offset;
	e->order = m->order;
	e->date = m->date;
	e->sender = dup_or_null(m->sender);
	e->category = CT_CATEGORY_NONE;
	if (m->sender_status == CT_SENDER_VOTING || m->sender_status == CT_SENDER_NOT_VOTING) {
		e->member_id = dup_or_null(m->member_id);
		e->member = dup_or_null(m->member_name ? m->member_name : m->member_id);
		if (m->sender_status == CT_SENDER_VOTING)
			e->category = m->category;
	}
}

/* Index of the first message in archive order with the same Message-ID, or i. */
static size_t first_with_id(const ct_tally_input *in, size_t i)
{
	const ct_tally_msg *m = &in->msgs[i];
	size_t best = i;
	if (!m->message_id)
		return i;
	for (size_t j = 0; j < in->nmsgs; j++) {
		if (j == i || !msgid_equal(in->msgs[j].message_id, m->message_id))
			continue;
		const ct_tally_msg *o = &in->msgs[j];
		const ct_tally_msg *b = &in->msgs[best];
		if (o->order < b->order || (o->order == b->order && j < best))
			best = j;
	}
	return best;
}

static void iso(int64_t t, char out[21])
{
	ct_time_format_iso(t, out);
}

/* Everything but superseded/counted: decide the status that precedes the
 * one-vote-per-member rule. Returns 1 when the message is a candidate. */
static int classify(struct work *w, size_t i)
{
	const ct_tally_input *in = w->in;
	const ct_tally_msg *m = &in->msgs[i];
	ct_ledger_entry *e = &w->res->ledger[i];
	size_t first = first_with_id(in, i);
	if (first != i) {
		const ct_tally_msg *f = &in->msgs[first];
		e->status = CT_LEDGER_DUPLICATE;
		e->reason = fmt("same Message-ID as the message at %s offset %lld, which is judged instead",
			f->file ? f->file : "?", (long long)f->offset);
		return 0;
	}
	const ct_tally_ruling *ex = find_ruling(in, m->message_id, CT_RULING_EXCLUDE);
	if (ex) {
		e->status = CT_LEDGER_EXCLUDED;
		e->ruling = ct_strdup("exclude");
		e->reason = ct_strdup("excluded by the chair's ruling");
		return 0;
	}
	const ct_tally_reading *other;
	int conflict;
	const ct_tally_reading *r = pick_reading(m, in->ballot_id, &other, &conflict);
	ct_vote v = r ? (conflict ? CT_VOTE_UNCLEAR : r->vote) : CT_VOTE_NONE;
	const ct_tally_ruling *set = find_ruling(in, m->message_id, CT_RULING_VOTE);
	char *ruled = NULL;
	if (r)
		e->evidence = dup_or_null(r->evidence);
	else if (other)
		e->evidence = dup_or_null(other->evidence);
	if (set) {
		ruled = fmt("chair's ruling: %s (read as %s); ", ct_vote_name(set->vote), ct_vote_name(v));
		e->ruling = ct_strdup(ct_vote_name(set->vote));
		v = set->vote;
		other = NULL; /* the ruling is about this ballot */
	}
	w->reading[i] = r;
	w->vote[i] = v;
	e->vote = v;
	char *why = NULL;
	int candidate = 0;
	if (v == CT_VOTE_NONE && other && !set) {
		e->status = CT_LEDGER_WRONG_BALLOT;
		e->vote = other->vote;
		why = fmt("the vote names ballot %s, not %s", other->ballot, in->ballot_id);
	} else if (v == CT_VOTE_NONE) {
		e->status = CT_LEDGER_NO_VOTE;
		why = ct_strdup(set ? "the ruling leaves no vote"
			: r && r->reason ? r->reason : "no vote in the author's own words");
	} else if (m->sender_status == CT_SENDER_NOT_A_MEMBER) {
		e->status = CT_LEDGER_NOT_A_MEMBER;
		why = m->sender_reason ? ct_strdup(m->sender_reason)
			: fmt("sender %s resolves to no member", m->sender ? m->sender : "(unknown)");
	} else if (m->sender_status == CT_SENDER_NOT_VOTING) {
		e->status = CT_LEDGER_NOT_VOTING;
		why = m->sender_reason ? ct_strdup(m->sender_reason)
			: fmt("%s has no vote in this group on this date", e->member ? e->member : "the member");
	} else if (m->sender_status != CT_SENDER_VOTING || !m->member_id ||
	           (m->category != CT_CATEGORY_ISSUER && m->category != CT_CATEGORY_CONSUMER)) {
		e->status = CT_LEDGER_UNCLEAR;
		e->category = CT_CATEGORY_NONE;
		why = m->sender_reason ? fmt("sender not attributed: %s", m->sender_reason)
			: ct_strdup("sender could not be attributed to one voting member and category");
	} else if (in->period_known && (m->date < in->start || m->date >= in->end) &&
		   v == CT_VOTE_UNCLEAR && !set) {
		/* Outside the voting period the period decides: vote-like words that
		 * are not a clear vote ("we would vote yes") are a comment. */
		char d[21];
		iso(m->date, d);
		e->status = CT_LEDGER_NO_VOTE;
		why = fmt("a comment, not a vote: sent %s, %s the voting period (%s)", d,
			m->date < in->start ? "before" : "after",
			conflict ? "reads as different votes" : r && r->reason ? r->reason : "unclear");
	} else if (in->period_known && m->date < in->start) {
		char d[21], s[21];
		iso(m->date, d);
		iso(in->start, s);
		e->status = CT_LEDGER_EARLY;
		why = fmt("sent %s, before voting opened at %s", d, s);
	} else if (in->period_known && m->date >= in->end) {
		char d[21], s[21];
		iso(m->date, d);
		iso(in->end, s);
		e->status = CT_LEDGER_LATE;
		why = fmt("sent %s, at or after the close of voting at %s", d, s);
	} else if (v == CT_VOTE_UNCLEAR) {
		e->status = CT_LEDGER_UNCLEAR;
		why = conflict ? ct_strdup("the message reads as different votes on this ballot")
			: ct_strdup(r && r->reason ? r->reason : "unclear vote");
	} else {
		candidate = 1;
	}
	if (!candidate) {
		e->reason = ruled ? fmt("%s%s", ruled, why) : why;
		if (ruled)
			free(why);
	} else {
		e->reason = ruled; /* completed once the member's latest vote is known */
		ruled = NULL;
	}
	free(ruled);
	return candidate;
}

/* Is message a later than b (date, then archive order)? */
static int later(const ct_tally_msg *a, const ct_tally_msg *b)
{
	if (a->date != b->date)
		return a->date > b->date;
	return a->order > b->order;
}

static void count_latest(struct work *w, const int *candidate)
{
	const ct_tally_input *in = w->in;
	size_t n = in->nmsgs;
	for (size_t i = 0; i < n; i++) {
		if (!candidate[i])
			continue;
		size_t best = i;
		for (size_t j = 0; j < n; j++)
			if (candidate[j] && !strcmp(in->msgs[j].member_id, in->msgs[i].member_id) &&
			    later(&in->msgs[j], &in->msgs[best]))
				best = j;
		w->counted_of[i] = best;
	}
	for (size_t i = 0; i < n; i++) {
		if (!candidate[i])
			continue;
		ct_ledger_entry *e = &w->res->ledger[i];
		size_t best = w->counted_of[i];
		char *prefix = e->reason;
		char *why;
		if (best == i) {
			e->status = CT_LEDGER_COUNTED;
			why = fmt("latest vote of %s inside the voting period", e->member);
		} else {
			const ct_tally_msg *b = &in->msgs[best];
			char d[21];
			iso(b->date, d);
			e->status = CT_LEDGER_SUPERSEDED;
			why = fmt("a later vote from %s (%s, %s) counts instead", e->member, d,
				b->message_id ? b->message_id : "no Message-ID");
		}
		e->reason = prefix ? fmt("%s%s", prefix, why) : why;
		if (prefix) {
			free(prefix);
			free(why);
		}
	}
}

static int name_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = ct_strcasecmp(x, y);
	return c ? c : strcmp(x, y);
}

static void list_add_unique(ct_name_list *l, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->items[i], name))
			return;
	l->items = ct_realloc(l->items, (l->count + 1) * sizeof(*l->items));
	l->items[l->count++] = ct_strdup(name);
}

static void list_sort(ct_name_list *l)
{
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), name_cmp);
}

static void list_free(ct_name_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

/* Names per category and vote, and the members who voted only late/early. */
static void collect(struct work *w, ct_counts counts[2])
{
	ct_tally_result *res = w->res;
	memset(counts, 0, 2 * sizeof(*counts));
	for (size_t i = 0; i < w->in->nmsgs; i++) {
		const ct_ledger_entry *e = &res->ledger[i];
		if (e->status != CT_LEDGER_COUNTED)
			continue;
		int k = e->vote == CT_VOTE_YES ? 0 : e->vote == CT_VOTE_NO ? 1 : 2;
		long *slot = k == 0 ? &counts[e->category].yes : k == 1 ? &counts[e->category].no
			: &counts[e->category].abstain;
		(*slot)++;
		list_add_unique(&res->names[e->category][k], e->member);
	}
	for (size_t i = 0; i < w->in->nmsgs; i++) {
		const ct_ledger_entry *e = &res->ledger[i];
		if ((e->status != CT_LEDGER_LATE && e->status != CT_LEDGER_EARLY) ||
		    (e->vote != CT_VOTE_YES && e->vote != CT_VOTE_NO && e->vote != CT_VOTE_ABSTAIN))
			continue;
		int has_counted = 0;
		for (size_t j = 0; j < w->in->nmsgs; j++)
			if (res->ledger[j].status == CT_LEDGER_COUNTED &&
			    !strcmp(res->ledger[j].member_id, e->member_id))
				has_counted = 1;
		if (!has_counted)
			list_add_unique(e->status == CT_LEDGER_LATE ? &res->late : &res->early, e->member);
	}
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < 3; k++)
			list_sort(&res->names[c][k]);
	list_sort(&res->late);
	list_sort(&res->early);
}

static void echo_rulings(const ct_tally_input *in, ct_tally_result *res)
{
	if (!in->nrulings)
		return;
	res->rulings = ct_calloc(in->nrulings, sizeof(*res->rulings));
	res->nrulings = in->nrulings;
	for (size_t i = 0; i < in->nrulings; i++) {
		const ct_tally_ruling *r = &in->rulings[i];
		ct_ruling_echo *e = &res->rulings[i];
		e->message_id = fmt("<%s>", r->message_id);
		e->ruling = ct_strdup(r->kind == CT_RULING_EXCLUDE ? "exclude" : ct_vote_name(r->vote));
		for (size_t j = 0; j < in->nmsgs; j++)
			if (msgid_equal(in->msgs[j].message_id, r->message_id))
				e->matched++;
		if (!e->matched)
			ct_warnings_add(&res->warnings, "ruling-unmatched",
				"the ruling %s=%s matches no message of ballot %s",
				e->message_id, e->ruling, in->ballot_id);
	}
}

static int ledger_cmp(const void *a, const void *b)
{
	const ct_ledger_entry *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	int c = strcmp(x->message_id ? x->message_id : "", y->message_id ? y->message_id : "");
	if (c)
		return c;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

int ct_tally_run(ct_tally_result **out, const ct_tally_input *in, ct_error *err)
{
	*out = NULL;
	if (!in || !in->ballot_id || !in->rules || !in->rules->bylaws)
		return ct_error_set(err, CT_EUSAGE, "tally needs a ballot id and its rules");
	if (in->nmsgs && !in->msgs)
		return ct_error_set(err, CT_EUSAGE, "tally of ballot %s: no messages given", in->ballot_id);
	ct_tally_result *res = ct_calloc(1, sizeof(*res));
	res->ballot_id = ct_strdup(in->ballot_id);
	res->period_known = in->period_known;
	res->start = in->start;
	res->end = in->end;
	res->rules = *in->rules;
	res->nledger = in->nmsgs;
	res->ledger = ct_calloc(in->nmsgs ? in->nmsgs : 1, sizeof(*res->ledger));

	struct work w = { in, res, NULL, NULL, NULL };
	size_t n = in->nmsgs ? in->nmsgs : 1;
	w.reading = ct_calloc(n, sizeof(*w.reading));
	w.vote = ct_calloc(n, sizeof(*w.vote));
	w.counted_of = ct_calloc(n, sizeof(*w.counted_of));
	int *candidate = ct_calloc(n, sizeof(*candidate));
	for (size_t i = 0; i < in->nmsgs; i++) {
		fill_entry(&res->ledger[i], &in->msgs[i]);
		candidate[i] = classify(&w, i);
	}
	count_latest(&w, candidate);
	ct_counts counts[2];
	collect(&w, counts);
	ct_rules_evaluate(&res->verdict, in->rules, counts, &in->quorum, in->period_known);
	for (size_t i = 0; i < res->verdict.warnings.count; i++)
		ct_warnings_add(&res->warnings, res->verdict.warnings.items[i].code, "%s",
			res->verdict.warnings.items[i].message);
	echo_rulings(in, res);
	if (res->nledger > 1)
		qsort(res->ledger, res->nledger, sizeof(*res->ledger), ledger_cmp);
	free(candidate);
	free(w.reading);
	free(w.vote);
	free(w.counted_of);
	*out = res;
	return 0;
}

void ct_tally_result_free(ct_tally_result *r)
{
	if (!r)
		return;
	free(r->ballot_id);
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < 3; k++)
			list_free(&r->names[c][k]);
	list_free(&r->late);
	list_free(&r->early);
	ct_verdict_release(&r->verdict);
	for (size_t i = 0; i < r->nrulings; i++) {
		free(r->rulings[i].message_id);
		free(r->rulings[i].ruling);
	}
	free(r->rulings);
	for (size_t i = 0; i < r->nledger; i++) {
		ct_ledger_entry *e = &r->ledger[i];
		free(e->message_id);
		free(e->file);
		free(e->sender);
		free(e->member_id);
		free(e->member);
		free(e->reason);
		free(e->evidence);
		free(e->ruling);
	}
	free(r->ledger);
	ct_warnings_release(&r->warnings);
	free(r);
}
