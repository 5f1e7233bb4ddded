/* post_check: compare each claim of a post with what its own numbers and the
 * rules in force give. Every test accepts any sensible reading of the post
 * (post.h); a finding says which reading it took. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "post_internal.h"

typedef struct tally {
	int known;          /* the post gives this category at all */
	long n[3];          /* counts by vote: stated count, else names listed */
	long alt[3];        /* names listed when they differ from the count, else n */
} tally;

static const char *cat_word(ct_category c)
{
	return c == CT_CATEGORY_ISSUER ? "issuer" : c == CT_CATEGORY_CONSUMER ? "consumer" : "all";
}

static long list_value(const ct_post_list *l)
{
	return l->count >= 0 ? l->count : l->has_names ? (long)l->nnames : -1;
}

/* Counts of one category of one block; a vote the post omits counts 0
 * once the category appears at all (posts drop "0 No votes" lines). */
static tally tally_of(const ct_post *p, int block, ct_category cat)
{
	tally t;
	memset(&t, 0, sizeof(t));
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		if (l->block != block || l->category != cat)
			continue;
		long v = list_value(l);
		if (v < 0)
			continue;
		t.known = 1;
		t.n[l->vote] = v;
		t.alt[l->vote] = l->has_names && l->count >= 0 ? (long)l->nnames : v;
	}
	/* an uncategorised "There were 0 NO votes" in a categorised post */
	return t;
}

static void add(ct_post_findings *out, int line, const char *kind, const char *claim,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add(ct_post_findings *out, int line, const char *kind, const char *claim,
	const char *fmt, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	ct_post_findings_add(out, line, kind, claim, ct_buf_cstr(&b));
	ct_buf_release(&b);
}

/* ---- Lists ---- */

static void check_lists(ct_post_findings *out, const ct_post *p)
{
	char claim[160];
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		const char *cw = l->category == CT_CATEGORY_NONE ? "" : l->category == CT_CATEGORY_ISSUER
			? " issuer" : " consumer";
		if (l->count >= 0 && l->has_names && (long)l->nnames != l->count) {
			snprintf(claim, sizeof(claim), "%ld%s %s vote%s", l->count, cw,
				ct_post_vote_name(l->vote), l->count == 1 ? "" : "s");
			add(out, l->count_line, "count-vs-names", claim, "%zu name%s listed", l->nnames,
				l->nnames == 1 ? " is" : "s are");
		}
		if (l->count2 >= 0 && l->count >= 0 && (!l->has_names || (long)l->nnames != l->count2)) {
			snprintf(claim, sizeof(claim), "%ld%s %s vote%s", l->count2, cw,
				ct_post_vote_name(l->vote), l->count2 == 1 ? "" : "s");
			add(out, l->count2_line, "count-vs-names", claim, "line %d says %ld%s", l->count_line,
				l->count, l->has_names ? "" : " and no names are listed");
		}
		for (size_t a = 0; a < l->nnames; a++) {
			char ka[128], kb[128];
			ct_post_name_key(l->names[a], ka, sizeof(ka));
			for (size_t b = 0; b < a; b++) {
				ct_post_name_key(l->names[b], kb, sizeof(kb));
				if (ka[0] && !strcmp(ka, kb)) {
					snprintf(claim, sizeof(claim), "%s listed twice among the%s %s votes",
						l->names[a], cw, ct_post_vote_name(l->vote));
					add(out, l->name_lines[a], "duplicate-name", claim,
						"one member has one vote");
					break;
				}
			}
		}
	}
}

static const ct_post_list *find_name(const ct_post *p, const ct_post_list *upto, int block,
	const char *key, size_t *idx)
{
	for (const ct_post_list *l = p->lists; l < upto; l++) {
		if (l->block != block)
			continue;
		for (size_t j = 0; j < l->nnames; j++) {
			char k[128];
			ct_post_name_key(l->names[j], k, sizeof(k));
			if (!strcmp(k, key)) {
				*idx = j;
				return l;
			}
		}
	}
	return NULL;
}

static void describe_list(char *out, size_t n, const ct_post_list *l)
{
	snprintf(out, n, "%s%s votes", l->category == CT_CATEGORY_NONE ? "" : l->category
		== CT_CATEGORY_ISSUER ? "issuer " : "consumer ", ct_post_vote_name(l->vote));
}

static void check_two_lists(ct_post_findings *out, const ct_post *p)
{
	char claim[256], here[64], there[64];
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		for (size_t j = 0; j < l->nnames; j++) {
			char key[128];
			size_t idx;
			ct_post_name_key(l->names[j], key, sizeof(key));
			const ct_post_list *o = key[0] ? find_name(p, l, l->block, key, &idx) : NULL;
			if (!o)
				continue;
			describe_list(here, sizeof(here), l);
			describe_list(there, sizeof(there), o);
			snprintf(claim, sizeof(claim), "%s among the %s", l->names[j], here);
			add(out, l->name_lines[j], "name-in-two-lists", claim,
				"line %d lists %s among the %s; a member casts one vote in one category",
				o->name_lines[idx], o->names[idx], there);
		}
	}
	for (size_t i = 0; i < p->nlate; i++) {
		const ct_post_list *l = &p->late[i];
		for (size_t j = 0; j < l->nnames; j++) {
			char key[128];
			size_t idx;
			ct_post_name_key(l->names[j], key, sizeof(key));
			/* NULL + 0 is undefined: no lists, nothing to find */
			const ct_post_list *o = key[0] && p->nlists ?
				find_name(p, p->lists + p->nlists, l->block, key, &idx) : NULL;
			if (!o)
				continue;
			describe_list(there, sizeof(there), o);
			snprintf(claim, sizeof(claim), "%s's vote was not counted", l->names[j]);
			add(out, o->name_lines[idx], "name-in-two-lists", claim,
				"it is listed among the counted %s (line %d says it was not counted)", there,
				l->names_line);
		}
	}
}

/* ---- Totals ---- */

/* Does `total` equal some reading of the counts: stated counts or names,
 * with abstentions or without as the mode allows? */
static int total_holds(long total, ct_post_total_mode mode, const tally *t, long *shown)
{
	*shown = -1;
	for (int m = 0; m < 8; m++) {
		long y = m & 1 ? t->alt[0] : t->n[0];
		long n = m & 2 ? t->alt[1] : t->n[1];
		long a = m & 4 ? t->alt[2] : t->n[2];
		long with = y + n + a, without = y + n;
		if (*shown < 0)
			*shown = mode == CT_POST_TOTAL_PLUS ? without : with;
		if (mode != CT_POST_TOTAL_PLUS && total == with)
			return 1;
		if (mode != CT_POST_TOTAL_INCLUDING && total == without)
			return 1;
	}
	return 0;
}

static tally tally_all(const ct_post *p, int block)
{
	tally all;
	memset(&all, 0, sizeof(all));
	for (int c = -1; c <= 1; c++) {
		tally t = tally_of(p, block, (ct_category)c);
		if (!t.known)
			continue;
		all.known = 1;
		for (int v = 0; v < 3; v++) {
			all.n[v] += t.n[v];
			all.alt[v] += t.alt[v];
		}
	}
	return all;
}

static void check_totals(ct_post_findings *out, const ct_post *p)
{
	char claim[160];
	for (size_t i = 0; i < p->ntotals; i++) {
		const ct_post_total *t = &p->totals[i];
		tally c = t->category == CT_CATEGORY_NONE ? tally_all(p, t->block)
			: tally_of(p, t->block, t->category);
		if (!c.known)
			continue;
		long shown;
		snprintf(claim, sizeof(claim), "%ld %svotes total%s", t->total,
			t->category == CT_CATEGORY_NONE ? "" : t->category == CT_CATEGORY_ISSUER
			? "issuer " : "consumer ", t->mode == CT_POST_TOTAL_INCLUDING
			? " including abstentions" : t->mode == CT_POST_TOTAL_PLUS ? " plus abstentions" : "");
		if (!total_holds(t->total, t->mode, &c, &shown)) {
			add(out, t->line, "total-vs-counts", claim,
				"the counts give %ld (%ld yes, %ld no, %ld abstain%s)", shown, c.n[0], c.n[1],
				c.n[2], t->mode == CT_POST_TOTAL_PLUS ? "; abstentions not included" : "");
			continue;
		}
		if (t->abstentions >= 0 && t->abstentions != c.n[2] && t->abstentions != c.alt[2]) {
			snprintf(claim, sizeof(claim), "%ld votes total, with %s abstentions", t->total,
				t->abstentions ? "some" : "no");
			add(out, t->line, "total-vs-counts", claim, "%ld abstention%s listed", c.n[2],
				c.n[2] == 1 ? " is" : "s are");
		}
	}
	const ct_post_quorum *q = &p->quorum;
	tally all = tally_all(p, 0);
	long shown;
	if (q->cast >= 0 && all.known && tally_of(p, 0, CT_CATEGORY_ISSUER).known
			== tally_of(p, 0, CT_CATEGORY_CONSUMER).known
			&& !total_holds(q->cast, CT_POST_TOTAL_INCLUDING, &all, &shown)) {
		snprintf(claim, sizeof(claim), "%ld votes cast", q->cast);
		add(out, q->cast_line, "total-vs-counts", claim,
			"the counts give %ld participants (yes, no and abstain of both categories)", shown);
	}
}

/* ---- Percentages ---- */

static int percent_holds(double stated, int decimals, long num, long den)
{
	if (den <= 0)
		return 1;
	long scale = 1;
	for (int i = 0; i < decimals && i < 6; i++)
		scale *= 10;
	long s = (long)(stated * (double)scale + 0.5);
	long whole = 100 * num * scale;
	long nearest = (2 * whole + den) / (2 * den), trunc = whole / den;
	if (s == nearest || s == trunc)
		return 1;
	return decimals == 0 && s == ct_rules_percent(num, den);
}

static void check_percents(ct_post_findings *out, const ct_post *p)
{
	char claim[160];
	for (size_t i = 0; i < p->npercents; i++) {
		const ct_post_percent *x = &p->percents[i];
		tally t = tally_of(p, x->block, x->category);
		if (!t.known)
			continue;
		int ok = 0;
		long shown_num = 0, shown_den = 0;
		for (int m = 0; m < 4 && !ok; m++) {
			long y = m & 1 ? t.alt[0] : t.n[0];
			long n = m & 2 ? t.alt[1] : t.n[1];
			long num = x->against ? n : y;
			if (m == 0) {
				shown_num = num;
				shown_den = y + n;
			}
			/* "of voting CAs" is yes/(yes+no); some posts took all who voted */
			ok = y + n == 0 || percent_holds(x->value, x->decimals, num, y + n)
				|| percent_holds(x->value, x->decimals, num, y + n + t.n[2]);
		}
		if (ok)
			continue;
		snprintf(claim, sizeof(claim), "%.*f%% of %s voted %s", x->decimals, x->value,
			x->category == CT_CATEGORY_ISSUER ? "issuers" : "consumers",
			x->against ? "against" : "in favor");
		add(out, x->line, "percent", claim,
			"%ld of %ld is %.2f%% (read as rounded to the nearest %s, or truncated)",
			shown_num, shown_den, 100.0 * (double)shown_num / (double)shown_den,
			x->decimals ? "hundredth" : "whole percent");
	}
}

/* ---- Thresholds, verdict, quorum ---- */

static int issuer_met(const ct_rules *r, long y, long n)
{
	const ct_profile *b = r->bylaws;
	return y * b->issuer_den >= b->issuer_num * (y + n);
}

static int ratio_met(const ct_rules *r, ct_category c, long y, long n)
{
	return c == CT_CATEGORY_ISSUER ? issuer_met(r, y, n)
		: ct_reading_met(r->bylaws->consumer_reading, y, n);
}

static void check_requirements(ct_post_findings *out, const ct_post *p, const ct_rules *r)
{
	tally t[2] = { tally_of(p, 0, CT_CATEGORY_ISSUER), tally_of(p, 0, CT_CATEGORY_CONSUMER) };
	for (size_t i = 0; i < p->nreqs; i++) {
		const ct_post_requirement *q = &p->reqs[i];
		if (q->rule == CT_POST_RULE_QUORUM)
			continue;
		int lo = q->category == CT_CATEGORY_NONE ? 0 : q->category;
		int hi = q->category == CT_CATEGORY_NONE ? 1 : q->category;
		int all_met = 1, any_met = 0, usable = 1;
		ct_buf why = CT_BUF_INIT;
		for (int c = lo; c <= hi; c++) {
			long y = t[c].n[0], n = t[c].n[1];
			if (!t[c].known || (q->rule == CT_POST_RULE_THRESHOLD && y + n == 0)) {
				usable = 0;
				break;
			}
			int met = q->rule == CT_POST_RULE_ONE_YES ? y >= 1 : ratio_met(r, (ct_category)c, y, n);
			all_met &= met;
			any_met |= met;
			ct_buf_addf(&why, "%s%s: %ld yes, %ld no — %s", why.len ? "; " : "",
				ct_rules_label(r, (ct_category)c), y, n, met ? "met" : "not met");
		}
		/* "met" for both must hold for each; "not met" for the pair holds when one fails */
		int wrong = usable && (q->met ? !all_met : (q->category == CT_CATEGORY_NONE && lo != hi
			? all_met : any_met));
		if (wrong) {
			char claim[160];
			snprintf(claim, sizeof(claim), "%s requirement %s%s%s",
				q->rule == CT_POST_RULE_ONE_YES ? "at-least-one-yes" : "threshold",
				q->met ? "met" : "not met", q->category == CT_CATEGORY_NONE ? "" : " for ",
				q->category == CT_CATEGORY_NONE ? "" : ct_rules_label(r, q->category));
			add(out, q->line, "threshold-claim", claim, "%s (%s)", ct_buf_cstr(&why),
				q->rule == CT_POST_RULE_ONE_YES ? "at least one yes" : q->category
				== CT_CATEGORY_CONSUMER ? ct_reading_describe(r->bylaws->consumer_reading)
				: "issuers: two-thirds or more of yes+no; consumers: more than half of yes+no");
		}
		ct_buf_release(&why);
	}
}

static long participants(const ct_post *p)
{
	tally i = tally_of(p, 0, CT_CATEGORY_ISSUER), c = tally_of(p, 0, CT_CATEGORY_CONSUMER);
	if (!i.known || !c.known)
		return -1;
	return i.n[0] + i.n[1] + i.n[2] + c.n[0] + c.n[1] + c.n[2];
}

static void check_quorum(ct_post_findings *out, const ct_post *p)
{
	const ct_post_quorum *q = &p->quorum;
	char claim[160];
	if (q->active >= 0 && q->half >= 0 && q->half != q->active / 2 && q->half != (q->active + 1) / 2) {
		snprintf(claim, sizeof(claim), "half of %ld active members is %ld", q->active, q->half);
		add(out, q->half_line, "quorum-arithmetic", claim, "half of %ld is %ld", q->active,
			q->active / 2);
	}
	if (q->half >= 0 && q->quorum >= 0 && q->quorum != q->half + 1) {
		snprintf(claim, sizeof(claim), "half is %ld, so quorum was %ld", q->half, q->quorum);
		add(out, q->quorum_line, "quorum-arithmetic", claim,
			"quorum is more than half: %ld + 1 = %ld", q->half, q->half + 1);
	} else if (q->active >= 0 && q->half < 0 && q->quorum >= 0
			&& q->quorum != ct_quorum_required(CT_QUORUM_MORE_THAN_HALF, q->active, 1)) {
		snprintf(claim, sizeof(claim), "%ld active members, quorum %ld", q->active, q->quorum);
		add(out, q->quorum_line, "quorum-arithmetic", claim,
			"more than half of %ld is %ld", q->active,
			ct_quorum_required(CT_QUORUM_MORE_THAN_HALF, q->active, 1));
	}
	long part = participants(p);
	long quorum = q->quorum >= 0 ? q->quorum : q->half >= 0 ? q->half + 1 : q->active >= 0
		? ct_quorum_required(CT_QUORUM_MORE_THAN_HALF, q->active, 1) : -1;
	if (q->met >= 0 && part >= 0 && quorum >= 0 && (part >= quorum) != q->met) {
		snprintf(claim, sizeof(claim), "quorum %s", q->met ? "was met" : "was not met");
		add(out, q->met_line, "quorum-claim", claim, "%ld participated against a quorum of %ld",
			part, quorum);
	}
}

static void check_verdict(ct_post_findings *out, const ct_post *p, const ct_rules *r)
{
	if (p->outcome == CT_POST_OUTCOME_NONE)
		return;
	tally t[2] = { tally_of(p, 0, CT_CATEGORY_ISSUER), tally_of(p, 0, CT_CATEGORY_CONSUMER) };
	if (!t[0].known || !t[1].known || p->nblocks > 1)
		return;
	ct_buf why = CT_BUF_INIT;
	int pass = 1;
	if (p->election && p->date >= ct_time_from_civil(2014, 10, 16, 0, 0, 0)) {
		/* a confirmation: a majority of those who vote, whatever the category */
		long y = t[0].n[0] + t[1].n[0], n = t[0].n[1] + t[1].n[1];
		pass = y > n;
		ct_buf_addf(&why, "an officer confirmation needs a majority of those voting: %ld yes, %ld no", y, n);
	} else {
		for (int c = 0; c < 2; c++) {
			long y = t[c].n[0], n = t[c].n[1];
			int met = y >= 1 && ratio_met(r, (ct_category)c, y, n);
			pass &= met;
			ct_buf_addf(&why, "%s%s %ld yes, %ld no: %s", c ? "; " : "", ct_rules_label(r, (ct_category)c),
				y, n, met ? "met" : "not met");
		}
	}
	long part = participants(p);
	const ct_post_quorum *q = &p->quorum;
	long quorum = q->quorum >= 0 ? q->quorum : q->half >= 0 ? q->half + 1 : -1;
	int quorum_ok = quorum >= 0 && part >= 0 ? part >= quorum : q->met;
	if (quorum_ok == 0 && !p->election)
		pass = 0;
	int wrong = p->outcome == CT_POST_OUTCOME_PASSED ? !pass
		: pass && quorum_ok == 1;
	if (wrong)
		add(out, p->outcome_line, "verdict", p->outcome == CT_POST_OUTCOME_PASSED
			? "the ballot passed" : "the ballot failed", "%s%s", ct_buf_cstr(&why),
			quorum_ok == 0 ? "; quorum not met" : "");
	ct_buf_release(&why);
}

/* ---- Citations ---- */

static int cite_is(const char *cite, const char *section)
{
	/* profile strings read "Bylaw 2.3(6)" */
	const char *s = strstr(cite ? cite : "", "Bylaw ");
	return s && !strcmp(s + 6, section);
}

static void check_cites(ct_post_findings *out, const ct_post *p)
{
	if (p->date == CT_RULES_NO_DATE || !p->ncites)
		return;
	int64_t day = 86400;
	int64_t from = p->voting_start != CT_RULES_NO_DATE ? p->voting_start : p->date - 7 * day;
	int64_t to = p->date;
	for (size_t i = 0; i < p->ncites; i++) {
		const ct_post_citation *c = &p->cites[i];
		if (strncmp(c->section, "2.", 2))
			continue; /* only the voting sections (2.2 / 2.3) change numbering */
		const char *item = strchr(c->section, '(');
		if (c->role < 0 && !c->abstain_role && !(item && strchr("efg567", item[1]) && item[2] == ')'))
			continue; /* another section (2.2(d), the voting period): not ours to judge */
		int ok = 0;
		const ct_profile *shown = NULL;
		for (size_t k = 0; k < ct_profile_count() && !ok; k++) {
			const ct_profile *b = ct_profile_at(k);
			if (strcmp(b->group, "forum") || ct_profile_until(b) <= from - day
					|| ct_profile_from(b) > to)
				continue;
			shown = b;
			if (c->role == CT_POST_RULE_THRESHOLD || c->role == CT_POST_RULE_ONE_YES)
				ok = cite_is(b->cite_threshold, c->section);
			else if (c->role == CT_POST_RULE_QUORUM)
				ok = cite_is(b->cite_quorum, c->section);
			else if (c->abstain_role)
				ok = cite_is(b->cite_abstain, c->section) || cite_is(b->cite_threshold, c->section);
			else
				ok = cite_is(b->cite_threshold, c->section) || cite_is(b->cite_quorum, c->section)
					|| cite_is(b->cite_abstain, c->section);
		}
		if (ok || !shown)
			continue;
		char claim[64], d[11];
		snprintf(claim, sizeof(claim), "Bylaw %s", c->section);
		ct_time_format_date(from, d);
		const char *right = c->role == CT_POST_RULE_QUORUM ? shown->cite_quorum
			: c->role >= 0 ? shown->cite_threshold : NULL;
		if (right)
			add(out, c->line, "citation", claim, "%s (in force when voting began, %s) puts the %s rule in %s",
				shown->document, d, c->role == CT_POST_RULE_QUORUM ? "quorum" : "threshold", right);
		else
			add(out, c->line, "citation", claim, "%s (in force when voting began, %s) numbers its voting "
				"rules %s, %s, %s", shown->document, d, shown->cite_abstain, shown->cite_threshold,
				shown->cite_quorum);
	}
}

static void check_placeholders(ct_post_findings *out, const ct_post *p)
{
	for (size_t i = 0; i < p->nplaceholders; i++) {
		char claim[96];
		snprintf(claim, sizeof(claim), "'%s'", p->placeholders[i].text);
		add(out, p->placeholders[i].line, "placeholder", claim,
			"a template placeholder was left in the post");
	}
}

/* ---- Outside data: the roster (--roster) ---- */

static ct_roster_category roster_cat(ct_category c)
{
	return c == CT_CATEGORY_ISSUER ? CT_CAT_ISSUER : c == CT_CATEGORY_CONSUMER ? CT_CAT_CONSUMER
		: CT_CAT_NONE;
}

/* The days the post speaks of: from the start of voting to the post. */
static void post_window(const ct_post *p, int64_t *from, int64_t *to)
{
	*from = p->voting_start != CT_RULES_NO_DATE ? p->voting_start
		: p->date != CT_RULES_NO_DATE ? p->date - 7 * 86400 : -CT_ROSTER_OPEN;
	*to = p->date != CT_RULES_NO_DATE ? p->date : CT_ROSTER_OPEN;
	if (*to < *from)
		*to = *from;
}

/* A membership of `m` in `group` covering some day of [from, to]; only a
 * voting one when `voting`, only of `cat` unless CT_CAT_NONE. */
static const ct_roster_membership *membership_then(const ct_member *m, const char *group,
	int64_t from, int64_t to, int voting, ct_roster_category cat)
{
	for (size_t i = 0; i < m->nmemberships; i++) {
		const ct_roster_membership *ms = &m->memberships[i];
		if (strcmp(ms->group, group) || ms->from > to || ms->until <= from)
			continue;
		if ((voting && ms->status != CT_MS_VOTING) || (cat != CT_CAT_NONE && ms->category != cat))
			continue;
		return ms;
	}
	return NULL;
}

static void describe_window(char *out, size_t n, int64_t from, int64_t to)
{
	char a[11], b[11];
	if (from == -CT_ROSTER_OPEN) {
		snprintf(out, n, "at any time");
		return;
	}
	ct_time_format_date(from, a);
	ct_time_format_date(to, b);
	if (!strcmp(a, b))
		snprintf(out, n, "on %s", a);
	else
		snprintf(out, n, "between %s and %s", a, b);
}

/* "Sectigo" or "Comodo (Sectigo)" when the roster's name then differs. */
static void member_words(char *out, size_t n, const char *written, const ct_member *m, int64_t when)
{
	const char *now = ct_member_name_on(m, when == -CT_ROSTER_OPEN ? 0 : when);
	char a[128], b[128];
	ct_post_name_key(written, a, sizeof(a));
	ct_post_name_key(now, b, sizeof(b));
	if (!strcmp(a, b))
		snprintf(out, n, "%s", written);
	else
		snprintf(out, n, "%s (%s)", written, now);
}

/* Edit distance of two short keys (bytes), capped at `cap` + 1. */
static size_t key_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), row[256];
	if (la > 255 || lb > 255 || (la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > cap)
			return cap + 1;
	}
	return row[lb];
}

/* Why a name finds no member, when the roster suggests a reason: two
 * members' names run together (a comma lost), or a near spelling. */
static void name_hint(char *out, size_t n, const ct_roster *r, const char *name, int64_t when)
{
	out[0] = '\0';
	size_t len = strlen(name);
	for (size_t i = 1; i + 1 < len; i++) {
		if (name[i] != ' ')
			continue;
		char *left = ct_strndup(name, i);
		const ct_member *a = ct_roster_find_name(r, left), *b = ct_roster_find_name(r, name + i + 1);
		if (a && b && a != b)
			snprintf(out, n, "; it reads as %s and %s with the comma between them missing",
				ct_member_name_on(a, when), ct_member_name_on(b, when));
		free(left);
		if (out[0])
			return;
	}
	char key[256], other[256];
	if (len >= sizeof(key) || ct_roster_name_key(name, key) < 4)
		return;
	size_t cap = strlen(key) < 8 ? 1 : 2, best = cap + 1;
	const ct_member *near = NULL;
	for (size_t i = 0; i < ct_roster_count(r); i++) {
		const ct_member *m = ct_roster_member(r, i);
		for (size_t k = 0; k < m->nnames + m->naliases; k++) {
			const char *cand = k < m->nnames ? m->names[k].text : m->aliases[k - m->nnames];
			if (strlen(cand) >= sizeof(other))
				continue;
			ct_roster_name_key(cand, other);
			size_t d = key_distance(key, other, cap);
			if (d < best) {
				best = d;
				near = m;
			}
		}
	}
	if (near)
		snprintf(out, n, "; a misspelling of %s?", ct_member_name_on(near, when));
}

static void roster_name(ct_post_findings *out, const ct_post *p, const ct_roster *r,
	const char *name, int line, ct_category cat, const char *claim, int standing)
{
	int64_t from, to;
	char when[64], who[300];
	post_window(p, &from, &to);
	const ct_member *m = ct_roster_find_name(r, name);
	if (!m) {
		char hint[320];
		name_hint(hint, sizeof(hint), r, name, from == -CT_ROSTER_OPEN ? 0 : from);
		add(out, line, "not-a-member", claim, "no member of the roster is named %s%s", name, hint);
		return;
	}
	if (!standing)
		return;
	const char *g = p->group;
	if (membership_then(m, g, from, to, 1, roster_cat(cat)))
		return;
	describe_window(when, sizeof(when), from, to);
	member_words(who, sizeof(who), name, m, from);
	const ct_roster_membership *ms = membership_then(m, g, from, to, 1, CT_CAT_NONE);
	if (ms) {
		add(out, line, "category", claim, "%s was a voting %s member of %s %s, not %s %s",
			who, ct_category_str(ms->category), g, when,
			cat == CT_CATEGORY_ISSUER ? "an" : "a", cat == CT_CATEGORY_ISSUER ? "issuer" : "consumer");
		return;
	}
	ms = membership_then(m, g, from, to, 0, CT_CAT_NONE);
	if (ms)
		add(out, line, "not-a-member", claim, "%s was %s member of %s %s, without a vote", who,
			ms->status == CT_MS_ASSOCIATE ? "an associate" : ms->status == CT_MS_PROBATIONARY
			? "a probationary" : ms->status == CT_MS_INTERESTED_PARTY ? "an interested-party"
			: "a non-voting", g, when);
	else
		add(out, line, "not-a-member", claim, "%s had no membership of %s %s", who, g, when);
}

int ct_post_check_roster(ct_post_findings *out, const ct_post *p, const ct_roster *r,
	ct_error *err)
{
	if (!out || !p || !r)
		return ct_error_set(err, CT_EUSAGE, "post: check against a roster needs a post and a roster");
	char claim[256], list[64];
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		describe_list(list, sizeof(list), l);
		for (size_t j = 0; j < l->nnames; j++) {
			snprintf(claim, sizeof(claim), "%s among the %s", l->names[j], list);
			roster_name(out, p, r, l->names[j], l->name_lines[j], l->category, claim, 1);
		}
	}
	for (size_t i = 0; i < p->nlate; i++) {
		const ct_post_list *l = &p->late[i];
		for (size_t j = 0; j < l->nnames; j++) {
			snprintf(claim, sizeof(claim), "%s's vote was not counted", l->names[j]);
			roster_name(out, p, r, l->names[j], l->name_lines[j], CT_CATEGORY_NONE, claim, 0);
		}
	}
	return 0;
}

/* ---- Outside data: the archive's tally (--archive) ---- */

/* A member with a clear vote in the tally: counted, or only late. */
typedef struct voter {
	const ct_ledger_entry *e;
	char key[128];
	int counted;
	int listed;
} voter;

typedef struct voters {
	voter *v;
	size_t n;
} voters;

static int same_entry_member(const ct_ledger_entry *a, const ct_ledger_entry *b)
{
	if (a->member_id && b->member_id)
		return !strcmp(a->member_id, b->member_id);
	return a->member && b->member && !strcmp(a->member, b->member);
}

static int clear_vote(ct_vote v)
{
	return v == CT_VOTE_YES || v == CT_VOTE_NO || v == CT_VOTE_ABSTAIN;
}

/* Counted voters, then members whose only clear votes came late (their
 * latest late vote), as the tally's `late` list defines them. */
static voters voters_of(const ct_tally_result *t)
{
	voters vs = { ct_calloc(t->nledger + 1, sizeof(voter)), 0 };
	for (size_t i = 0; i < t->nledger; i++)
		if (t->ledger[i].status == CT_LEDGER_COUNTED && clear_vote(t->ledger[i].vote))
			vs.v[vs.n++] = (voter){ &t->ledger[i], "", 1, 0 };
	for (size_t i = t->nledger; i-- > 0;) {
		const ct_ledger_entry *e = &t->ledger[i];
		if (e->status != CT_LEDGER_LATE || !clear_vote(e->vote) || (!e->member_id && !e->member))
			continue;
		size_t k = 0;
		while (k < vs.n && !same_entry_member(vs.v[k].e, e))
			k++;
		if (k == vs.n)
			vs.v[vs.n++] = (voter){ e, "", 0, 0 };
	}
	for (size_t i = 0; i < vs.n; i++)
		ct_post_name_key(vs.v[i].e->member ? vs.v[i].e->member : "", vs.v[i].key, sizeof(vs.v[i].key));
	return vs;
}

/* Is the post's `name` (resolved to `m`, may be NULL) the member of entry `e`? */
static int names_member(const char *name, const ct_member *m, const ct_ledger_entry *e)
{
	if (m && e->member_id)
		return !strcmp(m->id, e->member_id);
	char a[128], b[128];
	ct_post_name_key(name, a, sizeof(a));
	ct_post_name_key(e->member ? e->member : "", b, sizeof(b));
	return a[0] && !strcmp(a, b);
}

static voter *find_voter(voters *vs, const char *name, const ct_member *m)
{
	for (size_t i = 0; i < vs->n; i++)
		if (names_member(name, m, vs->v[i].e))
			return &vs->v[i];
	return NULL;
}

/* The member's last ledger entry, for the reason it has no clear vote. */
static const ct_ledger_entry *last_entry(const ct_tally_result *t, const char *name, const ct_member *m)
{
	for (size_t i = t->nledger; i-- > 0;)
		if (names_member(name, m, &t->ledger[i]))
			return &t->ledger[i];
	return NULL;
}

static const char *vote_word(ct_vote v)
{
	return ct_vote_name(v);
}

static int list_takes(const ct_post_list *l, const ct_ledger_entry *e)
{
	return (int)l->vote + 1 == (int)e->vote && (l->category == CT_CATEGORY_NONE || l->category == e->category);
}

static size_t block_agreement(const ct_post *p, int block, voters *vs, const ct_roster *r)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		if (l->block != block)
			continue;
		for (size_t j = 0; j < l->nnames; j++) {
			voter *v = find_voter(vs, l->names[j], r ? ct_roster_find_name(r, l->names[j]) : NULL);
			n += v && v->counted && list_takes(l, v->e);
		}
	}
	return n;
}

static void tally_listed_name(ct_post_findings *out, const ct_tally_result *t, voters *vs,
	const ct_roster *r, const ct_post_list *l, size_t j)
{
	char claim[256], list[64], day[21];
	const char *name = l->names[j];
	const ct_member *m = r ? ct_roster_find_name(r, name) : NULL;
	voter *v = find_voter(vs, name, m);
	describe_list(list, sizeof(list), l);
	snprintf(claim, sizeof(claim), "%s among the %s", name, list);
	if (v)
		v->listed = 1;
	if (v && v->counted && list_takes(l, v->e))
		return;
	if (v && v->counted) {
		add(out, l->name_lines[j], "vote-differs", claim, "the archive's tally counts %s as %s %s %s vote",
			v->e->member, v->e->category == CT_CATEGORY_ISSUER ? "an" : "a",
			ct_category_name(v->e->category) ? ct_category_name(v->e->category) : "",
			vote_word(v->e->vote));
		return;
	}
	if (v) {
		ct_time_format_iso(v->e->date, day);
		add(out, l->name_lines[j], "vote-differs", claim,
			"%s's %s vote came after the close (%s) and is not counted", v->e->member,
			vote_word(v->e->vote), day);
		return;
	}
	const ct_ledger_entry *e = last_entry(t, name, m);
	if (!e) {
		add(out, l->name_lines[j], "vote-differs", claim, "the archive holds no vote from %s on this ballot",
			name);
		return;
	}
	ct_time_format_iso(e->date, day);
	add(out, l->name_lines[j], "vote-differs", claim,
		"the archive's tally counts no vote from %s: its last message (%s) is %s: %s", name, day,
		ct_ledger_status_name(e->status), e->reason);
}

/* Where a missing voter belongs: its list, else a list of its category,
 * else the block's first list. */
static const ct_post_list *home_list(const ct_post *p, int block, const ct_ledger_entry *e, int *exact)
{
	const ct_post_list *cat = NULL, *any = NULL;
	*exact = 0;
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		if (l->block != block)
			continue;
		if (list_takes(l, e)) {
			*exact = 1;
			return l;
		}
		if (!cat && (l->category == e->category || l->category == CT_CATEGORY_NONE))
			cat = l;
		if (!any)
			any = l;
	}
	return cat ? cat : any;
}

static void tally_missing(ct_post_findings *out, const ct_post *p, int block, voters *vs)
{
	char claim[256], list[64], day[21];
	for (size_t i = 0; i < vs->n; i++) {
		const voter *v = &vs->v[i];
		if (!v->counted || v->listed)
			continue;
		int exact;
		const ct_post_list *l = home_list(p, block, v->e, &exact);
		if (exact && !l->has_names)
			continue; /* a count without names: compared by its count */
		ct_post_list want = { .category = v->e->category, .vote = (ct_post_vote)(v->e->vote - 1) };
		describe_list(list, sizeof(list), &want);
		snprintf(claim, sizeof(claim), "%s missing from the %s", v->e->member, list);
		ct_time_format_iso(v->e->date, day);
		int line = !l ? p->ballot_line : l->names_line ? l->names_line : l->count_line;
		add(out, line > 0 ? line : 1, "vote-differs", claim,
			"the archive's tally counts %s's %s vote of %s", v->e->member, vote_word(v->e->vote), day);
	}
}

/* Lists that give a count and no names: the count against the tally's. */
static void tally_counts(ct_post_findings *out, const ct_post *p, int block, const ct_tally_result *t)
{
	char claim[160];
	for (size_t i = 0; i < p->nlists; i++) {
		const ct_post_list *l = &p->lists[i];
		if (l->block != block || l->has_names || l->count < 0)
			continue;
		ct_buf names = CT_BUF_INIT;
		long n = 0;
		for (int c = 0; c < 2; c++) {
			if (l->category != CT_CATEGORY_NONE && l->category != c)
				continue;
			const ct_name_list *nl = &t->names[c][l->vote];
			for (size_t k = 0; k < nl->count; k++, n++)
				ct_buf_addf(&names, "%s%s", names.len ? ", " : "", nl->items[k]);
		}
		if (n != l->count) {
			char list[64];
			describe_list(list, sizeof(list), l);
			snprintf(claim, sizeof(claim), "%ld %s", l->count, list);
			add(out, l->count_line, "vote-differs", claim, "the archive's tally counts %ld%s%s", n,
				n ? ": " : "", ct_buf_cstr(&names));
		}
		ct_buf_release(&names);
	}
}

static void tally_late(ct_post_findings *out, const ct_post *p, int block, const ct_tally_result *t,
	voters *vs, const ct_roster *r)
{
	char claim[256], day[21];
	for (size_t i = 0; i < p->nlate; i++) {
		const ct_post_list *l = &p->late[i];
		if (l->block != block)
			continue;
		for (size_t j = 0; j < l->nnames; j++) {
			const char *name = l->names[j];
			const ct_member *m = r ? ct_roster_find_name(r, name) : NULL;
			voter *v = find_voter(vs, name, m);
			snprintf(claim, sizeof(claim), "%s's vote was not counted", name);
			if (v)
				v->listed = 1; /* one finding for one mistake, not a second "missing" */
			if (v && v->counted) {
				ct_time_format_iso(v->e->date, day);
				add(out, l->name_lines[j], "vote-differs", claim,
					"the archive's tally counts %s's %s vote of %s, inside the voting period",
					v->e->member, vote_word(v->e->vote), day);
			} else if (!v && !last_entry(t, name, m)) {
				add(out, l->name_lines[j], "vote-differs", claim,
					"the archive holds no message from %s on this ballot", name);
			}
		}
	}
}

int ct_post_check_tally(ct_post_findings *out, const ct_post *p, const ct_tally_result *t,
	const ct_roster *r, ct_error *err)
{
	if (!out || !p || !t)
		return ct_error_set(err, CT_EUSAGE, "post: check against a tally needs a post and a tally");
	voters vs = voters_of(t);
	int block = 0;
	size_t best = 0;
	for (int b = 0; b < p->nblocks; b++) {
		size_t n = block_agreement(p, b, &vs, r);
		if (n > best) {
			best = n;
			block = b;
		}
	}
	for (size_t i = 0; i < p->nlists; i++)
		if (p->lists[i].block == block)
			for (size_t j = 0; j < p->lists[i].nnames; j++)
				tally_listed_name(out, t, &vs, r, &p->lists[i], j);
	tally_late(out, p, block, t, &vs, r);
	tally_missing(out, p, block, &vs);
	tally_counts(out, p, block, t);
	free(vs.v);
	return 0;
}

int ct_post_check(ct_post_findings *out, const ct_post *p, const ct_post_check_options *opt,
	ct_error *err)
{
	ct_rules rules;
	int64_t start = p->voting_start != CT_RULES_NO_DATE ? p->voting_start
		: p->date != CT_RULES_NO_DATE ? p->date - 7 * 86400 : CT_RULES_NO_DATE;
	int rc = ct_rules_select(&rules, p->group, start, opt ? opt->rules : NULL, err);
	if (rc < 0 && (opt && opt->rules))
		return rc;
	if (rc < 0 && ct_rules_select(&rules, "forum", start, NULL, err) < 0
			&& ct_rules_select(&rules, "forum", CT_RULES_NO_DATE, NULL, err) < 0)
		return CT_ERROR;
	check_placeholders(out, p);
	check_lists(out, p);
	check_two_lists(out, p);
	check_totals(out, p);
	check_percents(out, p);
	check_requirements(out, p, &rules);
	check_quorum(out, p);
	check_verdict(out, p, &rules);
	check_cites(out, p);
	(void)cat_word;
	return 0;
}
