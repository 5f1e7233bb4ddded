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
			const ct_post_list *o = key[0] ? find_name(p, p->lists + p->nlists, l->block, key, &idx)
				: NULL;
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
