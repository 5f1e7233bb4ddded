/* render: a tally result as the Forum's web post (Markdown) and list message (text). */
#include "cabtally/render.h"

#include <stdlib.h>
#include <string.h>

/* Voting that starts on or after this day is written in the 2023 layout. */
#define LAYOUT_2023_FROM 1664582400 /* 2022-10-01T00:00:00Z */

typedef struct ctx {
	ct_buf *out;
	const ct_tally_result *r;
	const ct_render_meta *meta;
	ct_layout layout;
	int md;
	const char *id; /* display id */
} ctx;

static const char *const vote_word[3] = { "Yes", "No", "Abstain" };

int ct_layout_parse(ct_layout *out, const char *s)
{
	static const struct { const char *name; ct_layout layout; } names[] = {
		{ "auto", CT_LAYOUT_AUTO }, { "2017", CT_LAYOUT_2017 },
		{ "2019", CT_LAYOUT_2019 }, { "2023", CT_LAYOUT_2023 },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name)) {
			*out = names[i].layout;
			return 0;
		}
	return CT_EUSAGE;
}

ct_layout ct_render_layout(const ct_tally_result *r, const ct_render_meta *meta)
{
	if (meta && meta->layout != CT_LAYOUT_AUTO)
		return meta->layout;
	const char *label = ct_rules_label(&r->rules, CT_CATEGORY_ISSUER);
	if (label && !strcmp(label, "CAs"))
		return CT_LAYOUT_2017;
	if (r->period_known && r->start >= LAYOUT_2023_FROM)
		return CT_LAYOUT_2023;
	return CT_LAYOUT_2019;
}

static void bold(ctx *c, const char *s)
{
	if (c->md)
		ct_buf_addf(c->out, "**%s**", s);
	else
		ct_buf_addstr(c->out, s);
}

static void boldf_num(ctx *c, long n, const char *suffix)
{
	if (c->md)
		ct_buf_addf(c->out, "**%ld%s**", n, suffix);
	else
		ct_buf_addf(c->out, "%ld%s", n, suffix);
}

void ct_render_join(ct_buf *out, char *const *names, size_t n, const char *last)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			ct_buf_addstr(out, (i == n - 1 && last) ? last : ", ");
		ct_buf_addstr(out, names[i]);
	}
}

/* "Sectigo (former Comodo CA)" sorts as "Comodo CA", as the Forum sorted it. */
static const char *sort_key(const char *name, size_t *len)
{
	const char *f = strstr(name, "(former ");
	if (f) {
		const char *k = f + 8;
		const char *e = strchr(k, ')');
		*len = e ? (size_t)(e - k) : strlen(k);
		return k;
	}
	*len = strlen(name);
	return name;
}

static int former_cmp(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx, ly;
	const char *kx = sort_key(x, &lx), *ky = sort_key(y, &ly);
	size_t n = lx < ly ? lx : ly;
	int c = ct_strncasecmp(kx, ky, n);
	if (!c && lx != ly)
		c = lx < ly ? -1 : 1;
	return c ? c : strcmp(x, y);
}

/* Date of the ledger entry of `status` for member `name`: the first one. */
static int64_t arrival(const ct_tally_result *r, const char *name, ct_ledger_status status)
{
	for (size_t i = 0; i < r->nledger; i++) {
		const ct_ledger_entry *e = &r->ledger[i];
		if (e->status == status && e->member && !strcmp(e->member, name))
			return e->date;
	}
	return INT64_MAX;
}

typedef struct arrival_item {
	char *name;
	int64_t date;
	size_t pos;
} arrival_item;

static int arrival_cmp(const void *a, const void *b)
{
	const arrival_item *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* The names of a list in the order the layout prints them; a malloc'd array
 * of borrowed strings. */
static char **ordered(const ct_tally_result *r, const ct_name_list *l, int by_arrival,
		      ct_ledger_status status)
{
	char **v = ct_calloc(l->count + 1, sizeof(char *));
	if (by_arrival) {
		arrival_item *items = ct_calloc(l->count + 1, sizeof(*items));
		for (size_t i = 0; i < l->count; i++)
			items[i] = (arrival_item){ l->items[i], arrival(r, l->items[i], status), i };
		qsort(items, l->count, sizeof(*items), arrival_cmp);
		for (size_t i = 0; i < l->count; i++)
			v[i] = items[i].name;
		free(items);
	} else {
		memcpy(v, l->items, l->count * sizeof(char *));
		qsort(v, l->count, sizeof(char *), former_cmp);
	}
	return v;
}

static void names(ctx *c, ct_category cat, int k, const char *last)
{
	const ct_name_list *l = &c->r->names[cat][k];
	char **v = ordered(c->r, l, c->layout == CT_LAYOUT_2017, CT_LEDGER_COUNTED);
	ct_render_join(c->out, v, l->count, last);
	free(v);
}

static long total(const ct_category_result *cr)
{
	return cr->n.yes + cr->n.no + cr->n.abstain;
}

static const char *label(ctx *c, ct_category cat)
{
	return ct_rules_label(&c->r->rules, cat);
}

static const char *singular(ctx *c, ct_category cat)
{
	return ct_rules_singular(&c->r->rules, cat);
}

static const ct_profile *bylaws(ctx *c)
{
	return c->r->rules.bylaws;
}

static void late_sentence(ctx *c)
{
	const ct_name_list *l = &c->r->late;
	if (!l->count)
		return;
	char **v = ordered(c->r, l, 1, CT_LEDGER_LATE);
	if (l->count == 1) {
		ct_buf_addf(c->out, "A vote was received from %s after the voting period had ended "
			    "and was not counted.", v[0]);
	} else {
		ct_buf_addstr(c->out, "Votes were received from ");
		ct_render_join(c->out, v, l->count, l->count > 2 ? ", and " : " and ");
		ct_buf_addstr(c->out, " after the voting period had ended and were not counted.");
	}
	free(v);
}

static void percent_line(ctx *c, ct_category cat, const char *end)
{
	const ct_category_result *cr = &c->r->verdict.cat[cat];
	if (cr->percent_yes < 0)
		ct_buf_addf(c->out, "No voting %s voted yes or no%s\n", label(c, cat), end);
	else
		ct_buf_addf(c->out, "%d%% of voting %s voted in favor%s\n", cr->percent_yes,
			    label(c, cat), end);
}

/* "This requirement was met for both CAs and browsers." and its variants. */
static void threshold_outcome(ctx *c)
{
	const ct_category_result *is = &c->r->verdict.cat[CT_CATEGORY_ISSUER];
	const ct_category_result *co = &c->r->verdict.cat[CT_CATEGORY_CONSUMER];
	const char *li = label(c, CT_CATEGORY_ISSUER), *lc = label(c, CT_CATEGORY_CONSUMER);
	if (is->threshold_met && co->threshold_met)
		ct_buf_addf(c->out, "This requirement was met for both %s and %s.", li, lc);
	else if (is->threshold_met)
		ct_buf_addf(c->out, "This requirement was met for %s but not for %s.", li, lc);
	else if (co->threshold_met)
		ct_buf_addf(c->out, "This requirement was met for %s but not for %s.", lc, li);
	else
		ct_buf_addf(c->out, "This requirement was not met for %s or %s.", li, lc);
}

static int one_yes_met(ctx *c)
{
	return c->r->verdict.cat[0].one_yes_met && c->r->verdict.cat[1].one_yes_met;
}

static void quorum_base_sentence(ctx *c)
{
	const ct_quorum *q = &c->r->verdict.quorum;
	if (q->basis != CT_QUORUM_BASIS_ATTENDANCE)
		return;
	if (q->nattendance == 1) {
		ct_buf_addf(c->out, "%ld member companies attended the last teleconference, and "
			    "quorum was updated accordingly. ", q->attendance[0]);
		return;
	}
	ct_buf_addstr(c->out, "Attendance at the previous meetings was ");
	for (int i = 0; i < q->nattendance; i++)
		ct_buf_addf(c->out, "%s%ld", i == 0 ? "" : i == q->nattendance - 1 ? " and " : ", ",
			    q->attendance[i]);
	if (q->active_den == 1)
		ct_buf_addf(c->out, ", an average of %lld. ", (long long)q->active_num);
	else
		ct_buf_addf(c->out, ", an average of %lld/%lld. ", (long long)q->active_num,
			    (long long)q->active_den);
}

static const char *quorum_met_words(const ct_quorum *q)
{
	return q->met == 1 ? "quorum was met" : "quorum was not met";
}

static void verdict_2017(ctx *c)
{
	const ct_verdict *v = &c->r->verdict;
	ct_buf b = CT_BUF_INIT;
	switch (v->outcome) {
	case CT_OUTCOME_PASSED:
		if (v->provisional)
			ct_buf_addf(&b, "Ballot %s passes the thresholds; quorum could not be established.", c->id);
		else
			ct_buf_addf(&b, "Ballot %s passes.", c->id);
		break;
	case CT_OUTCOME_FAILED:
		ct_buf_addf(&b, "Ballot %s fails.", c->id);
		break;
	case CT_OUTCOME_NO_QUORUM:
		ct_buf_addf(&b, "Ballot %s fails: quorum was not met.", c->id);
		break;
	case CT_OUTCOME_NO_PERIOD:
		ct_buf_addf(&b, "Ballot %s: the voting period could not be established.", c->id);
		break;
	}
	bold(c, b.buf);
	ct_buf_addstr(c->out, "\n");
	ct_buf_release(&b);
}

static void render_2017(ctx *c)
{
	const ct_verdict *v = &c->r->verdict;
	ct_buf_addf(c->out, "The voting period for Ballot %s has ended. Here are the results.\n\n", c->id);
	if (c->r->late.count) {
		late_sentence(c);
		ct_buf_addstr(c->out, "\n\n");
	}
	for (int cat = 0; cat < 2; cat++) {
		const ct_category_result *cr = &v->cat[cat];
		ct_buf h = CT_BUF_INIT;
		long t = total(cr);
		ct_buf_addf(&h, "Voting by %s – %ld vote%s total, including abstentions", label(c, cat), t,
			    t == 1 ? "" : "s");
		bold(c, h.buf);
		ct_buf_release(&h);
		ct_buf_addstr(c->out, "\n\n");
		long n[3] = { cr->n.yes, cr->n.no, cr->n.abstain };
		for (int k = 0; k < 3; k++) {
			ct_buf_addf(c->out, "%ld %s%s:", n[k], vote_word[k],
				    k == 2 ? "" : (n[k] == 1 ? " vote" : " votes"));
			if (n[k]) {
				ct_buf_addch(c->out, ' ');
				names(c, cat, k, NULL);
			}
			ct_buf_addstr(c->out, "\n\n");
		}
		percent_line(c, cat, "");
		ct_buf_addstr(c->out, "\n");
	}
	const ct_quorum *q = &v->quorum;
	ct_buf_addf(c->out, "Under %s, a ballot result will be considered valid only when more than "
		    "half of the number of currently active %s has participated. Votes to abstain are "
		    "counted in determining a quorum. ", bylaws(c)->cite_quorum, bylaws(c)->members);
	quorum_base_sentence(c);
	if (q->established)
		ct_buf_addf(c->out, "Half of currently active %s as of the start of voting is %ld, so "
			    "quorum was %ld votes – %s.\n\n", bylaws(c)->members, q->half, q->required,
			    quorum_met_words(q));
	else
		ct_buf_addstr(c->out, "No quorum base was given, so quorum could not be established.\n\n");

	ct_buf_addf(c->out, "%s requires a yes vote by two-thirds of %s votes and 50%%-plus-one %s "
		    "votes for approval. Votes to abstain are not counted for this purpose. ",
		    bylaws(c)->cite_threshold, singular(c, CT_CATEGORY_ISSUER),
		    singular(c, CT_CATEGORY_CONSUMER));
	threshold_outcome(c);
	ct_buf_addstr(c->out, "\n\n");
	ct_buf_addf(c->out, "At least one %s Member and one %s Member must vote in favor of a ballot "
		    "for the ballot to be adopted. This requirement was %s\n\n",
		    singular(c, CT_CATEGORY_ISSUER), singular(c, CT_CATEGORY_CONSUMER),
		    one_yes_met(c) ? "met" : "not met");
	verdict_2017(c);
}

static void render_2019(ctx *c)
{
	const ct_verdict *v = &c->r->verdict;
	if (c->md)
		ct_buf_addstr(c->out, "## Ballot Results\n\n");
	else
		ct_buf_addstr(c->out, "Ballot Results\n\n");
	ct_buf_addf(c->out, "The voting period for Ballot %s has ended", c->id);
	switch (v->outcome) {
	case CT_OUTCOME_PASSED:
		ct_buf_addstr(c->out, " and the ");
		bold(c, v->provisional ? "Ballot has Passed, subject to quorum" : "Ballot has Passed");
		break;
	case CT_OUTCOME_FAILED:
		ct_buf_addstr(c->out, " and the ");
		bold(c, "Ballot has Failed");
		break;
	case CT_OUTCOME_NO_QUORUM:
		ct_buf_addstr(c->out, " and the ");
		bold(c, "Ballot has Failed for lack of quorum");
		break;
	case CT_OUTCOME_NO_PERIOD:
		ct_buf_addstr(c->out, "; its voting period could not be established");
		break;
	}
	ct_buf_addstr(c->out, ". ");
	late_sentence(c);
	if (c->r->late.count)
		ct_buf_addch(c->out, ' ');
	ct_buf_addstr(c->out, "Here are the results:\n\n");
	for (int cat = 0; cat < 2; cat++) {
		const ct_category_result *cr = &v->cat[cat];
		ct_buf h = CT_BUF_INIT;
		long t = total(cr);
		ct_buf_addf(&h, "Voting by %s – %ld vote%s total including abstentions", label(c, cat), t,
			    t == 1 ? "" : "s");
		bold(c, h.buf);
		ct_buf_release(&h);
		ct_buf_addstr(c->out, "\n\n");
		long n[3] = { cr->n.yes, cr->n.no, cr->n.abstain };
		for (int k = 0; k < 3; k++) {
			ct_buf_addstr(c->out, "- ");
			ct_buf w = CT_BUF_INIT;
			ct_buf_addf(&w, "%ld %s%s:", n[k], vote_word[k],
				    k == 2 ? "" : (n[k] == 1 ? " vote" : " votes"));
			bold(c, w.buf);
			ct_buf_release(&w);
			if (n[k]) {
				ct_buf_addch(c->out, ' ');
				names(c, cat, k, NULL);
			}
			ct_buf_addstr(c->out, "\n");
		}
		ct_buf_addstr(c->out, "\n");
		percent_line(c, cat, ".");
		ct_buf_addstr(c->out, "\n");
	}
	bold(c, "Relevant Bylaw references");
	ct_buf_addstr(c->out, "\n\n");
	ct_buf_addf(c->out, "%s requires:\n\n", bylaws(c)->cite_threshold);
	ct_buf_addf(c->out, "- a “yes” vote by two-thirds of %s votes and 50%%-plus-one %s votes for "
		    "approval. Votes to abstain are not counted for this purpose. ",
		    singular(c, CT_CATEGORY_ISSUER), singular(c, CT_CATEGORY_CONSUMER));
	threshold_outcome(c);
	ct_buf_addstr(c->out, "\n");
	ct_buf_addf(c->out, "- at least one %s and one %s Member must vote in favor of a ballot for the "
		    "ballot to be adopted. This requirement was %s.\n\n",
		    singular(c, CT_CATEGORY_ISSUER), singular(c, CT_CATEGORY_CONSUMER),
		    one_yes_met(c) ? "also met" : "not met");
	ct_buf_addf(c->out, "Under %s, “a ballot result will be considered valid only when more than "
		    "half of the number of currently active %s has participated”. Votes to abstain "
		    "are counted in determining a quorum.\n\n", bylaws(c)->cite_quorum,
		    bylaws(c)->members);
	const ct_quorum *q = &v->quorum;
	quorum_base_sentence(c);
	if (q->established) {
		ct_buf_addf(c->out, "Half of currently active %s as of the start of voting was ",
			    bylaws(c)->members);
		boldf_num(c, q->half, "");
		ct_buf_addstr(c->out, ", so quorum was ");
		boldf_num(c, q->required, " votes");
		ct_buf_addf(c->out, " – %s.\n", quorum_met_words(q));
	} else {
		ct_buf_addstr(c->out, "No quorum base was given, so quorum could not be established.\n");
	}
}

static void met(ctx *c, int yes)
{
	ct_buf_addstr(c->out, "This requirement was ");
	bold(c, yes ? "MET" : "NOT MET");
	ct_buf_addstr(c->out, ".");
}

static void render_2023(ctx *c)
{
	const ct_verdict *v = &c->r->verdict;
	static const char *const short_label[2] = { "Issuers", "Consumers" };
	static const char *const word_2023[3] = { "voting YES", "voting NO", "ABSTAIN" };
	bold(c, "Voting Results");
	ct_buf_addstr(c->out, "\n\n");
	for (int cat = 0; cat < 2; cat++) {
		const ct_category_result *cr = &v->cat[cat];
		bold(c, label(c, cat));
		long t = total(cr);
		ct_buf_addf(c->out, "\n\n%ld vote%s total%s:\n\n", t, t == 1 ? "" : "s",
			    cr->n.abstain ? "" : ", with no abstentions");
		long n[3] = { cr->n.yes, cr->n.no, cr->n.abstain };
		for (int k = 0; k < 3; k++) {
			ct_buf_addf(c->out, "- %ld %s %s", n[k], short_label[cat], word_2023[k]);
			if (n[k]) {
				ct_buf_addstr(c->out, ": ");
				names(c, cat, k, NULL);
			}
			ct_buf_addstr(c->out, "\n");
		}
		ct_buf_addstr(c->out, "\n");
	}
	if (c->r->late.count) {
		late_sentence(c);
		ct_buf_addstr(c->out, "\n\n");
	}
	const ct_profile *b = bylaws(c);
	bold(c, "Bylaws Requirements");
	ct_buf_addstr(c->out, "\n\n");
	ct_buf_addf(c->out, "1. %s requires:\n\n", b->cite_threshold);
	ct_buf_addf(c->out, "- In order for a ballot to be adopted by the Forum, two‐thirds (2/3) or "
		    "more of the votes cast by the %s in the %s category must be in favour of the "
		    "ballot. ", b->members, singular(c, CT_CATEGORY_ISSUER));
	met(c, v->cat[CT_CATEGORY_ISSUER].threshold_met);
	ct_buf_addf(c->out, "\n- at least fifty percent (50%%) plus one (1) of the votes cast by the "
		    "%s in the %s category must be in favour of the ballot. ", b->members,
		    singular(c, CT_CATEGORY_CONSUMER));
	met(c, v->cat[CT_CATEGORY_CONSUMER].threshold_met);
	ct_buf_addstr(c->out, "\n- At least one (1) Voting Member in each category must vote in "
		      "favour of a ballot for the ballot to be adopted. ");
	met(c, one_yes_met(c));
	ct_buf_addstr(c->out, "\n\n");
	ct_buf_addf(c->out, "2. %s requires:\n\n", b->cite_quorum);
	ct_buf_addf(c->out, "- A ballot result will be considered valid only when more than half of "
		    "the number of currently active %s has participated. The number of currently "
		    "active %s is the average number of %s organizations that have participated "
		    "in the previous three (3) Forum Meetings and Forum Teleconferences.\n- ",
		    b->members, b->members,
		    !strcmp(b->members, "Voting Members") ? "Voting Member" : "Member");
	const ct_quorum *q = &v->quorum;
	quorum_base_sentence(c);
	if (q->established) {
		ct_buf_addf(c->out, "Half of the currently active members at the start of voting was "
			    "%ld, so the quorum was %ld for this ballot. ", q->half, q->required);
		met(c, q->met == 1);
	} else {
		ct_buf_addstr(c->out, "No quorum base was given, so quorum could not be established.");
	}
	ct_buf_addstr(c->out, "\n");
	if (v->outcome == CT_OUTCOME_NO_PERIOD)
		ct_buf_addstr(c->out, "\nThe voting period could not be established.\n");
}

static void slug(ct_buf *out, const char *s)
{
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			if (dash && out->len && out->buf[out->len - 1] != '/')
				ct_buf_addch(out, '-');
			ct_buf_addch(out, (char)*p);
			dash = 0;
		} else if (*p >= 'A' && *p <= 'Z') {
			if (dash && out->len && out->buf[out->len - 1] != '/')
				ct_buf_addch(out, '-');
			ct_buf_addch(out, (char)(*p + 32));
			dash = 0;
		} else if (*p < 0x80) {
			dash = 1;
		}
	}
}

static const char *group_tag(const ct_tally_result *r)
{
	const ct_profile *p = ct_rules_main(&r->rules);
	const char *g = p ? p->group : "forum";
	if (!strcmp(g, "smcwg"))
		return "S/MIME Certificates";
	if (!strcmp(g, "cscwg"))
		return "Code Signing Certificates";
	if (!strcmp(g, "netsec"))
		return "Network Security";
	if (!strcmp(g, "forum"))
		return "Forum";
	return "Server Certificates";
}

static void heading_title(ctx *c, ct_buf *t)
{
	ct_buf_addf(t, "Ballot %s", c->id);
	if (c->meta && c->meta->version && *c->meta->version)
		ct_buf_addf(t, " %s", c->meta->version);
	if (c->meta && c->meta->title && *c->meta->title)
		ct_buf_addf(t, " – %s", c->meta->title);
}

static void front_matter(ctx *c)
{
	ct_buf title = CT_BUF_INIT;
	heading_title(c, &title);
	int64_t when = c->meta->post_date != INT64_MIN ? c->meta->post_date :
		       c->r->period_known ? c->r->end : 0;
	char iso[21];
	ct_time_format_iso(when, iso);
	char day[11];
	ct_time_format_date(when, day);
	ct_buf_addstr(c->out, "---\naliases:\n- /");
	ct_buf_addstr(c->out, day);
	ct_buf_addch(c->out, '-');
	slug(c->out, title.buf);
	ct_buf_addstr(c->out, "/\n");
	if (c->meta->author)
		ct_buf_addf(c->out, "author: %s\n", c->meta->author);
	ct_buf_addf(c->out, "date: %.10s %.8s\n", iso, iso + 11);
	ct_buf_addf(c->out, "tags:\n- Ballot\n- %s\ntitle: ", group_tag(c->r));
	ct_buf_add_json_string(c->out, title.buf); /* a YAML double-quoted scalar */
	ct_buf_addstr(c->out, "\ntype: post\n---\n\n");
	ct_buf_release(&title);
}

static void ballot_text(ctx *c)
{
	if (!c->meta || !c->meta->ballot_text || !*c->meta->ballot_text)
		return;
	ct_buf t = CT_BUF_INIT;
	heading_title(c, &t);
	ct_buf_addstr(c->out, "\n");
	if (c->layout == CT_LAYOUT_2023)
		ct_buf_addstr(c->out, c->md ? "# Ballot Contents\n\n" : "Ballot Contents\n\n");
	else if (c->layout == CT_LAYOUT_2019 && c->md)
		ct_buf_addf(c->out, "## %s\n\n", t.buf);
	else {
		bold(c, t.buf);
		ct_buf_addstr(c->out, "\n\n");
	}
	ct_buf_release(&t);
	ct_buf_addstr(c->out, c->meta->ballot_text);
	if (c->out->len && c->out->buf[c->out->len - 1] != '\n')
		ct_buf_addch(c->out, '\n');
}

static void render(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta, int md)
{
	ctx c = { out, r, meta, ct_render_layout(r, meta), md,
		  meta && meta->ballot_display ? meta->ballot_display : r->ballot_id };
	if (md && meta && meta->front_matter)
		front_matter(&c);
	switch (c.layout) {
	case CT_LAYOUT_2017:
		render_2017(&c);
		break;
	case CT_LAYOUT_2023:
		render_2023(&c);
		break;
	default:
		render_2019(&c);
	}
	if (r->nrulings) {
		ct_buf_addstr(out, "\nChair's rulings applied: ");
		for (size_t i = 0; i < r->nrulings; i++)
			ct_buf_addf(out, "%s%s %s%s", i ? "; " : "", r->rulings[i].ruling,
				    r->rulings[i].message_id,
				    r->rulings[i].matched ? "" : " (matched no message)");
		ct_buf_addstr(out, ".\n");
	}
	ballot_text(&c);
	if (meta && meta->explain) {
		ct_buf_addstr(out, md ? "\n## Ledger\n\n" : "\nLedger\n\n");
		ct_render_ledger(out, r, md);
	}
}

/* Strings from mail (subjects, the ballot text, evidence, Message-IDs) and
 * from the roster reach the post; a '<' in them would be raw HTML (or an
 * autolink) on the Forum's site. The renderer writes no '<' of its own in
 * Markdown, so every one from `from` on becomes "&lt;", which Markdown shows
 * as '<'. */
static void md_escape_lt(ct_buf *out, size_t from)
{
	size_t n = 0;
	for (size_t i = from; i < out->len; i++)
		n += out->buf[i] == '<';
	if (!n)
		return;
	ct_buf esc = CT_BUF_INIT;
	ct_buf_add(&esc, out->buf, from);
	for (size_t i = from; i < out->len; i++) {
		if (out->buf[i] == '<')
			ct_buf_addstr(&esc, "&lt;");
		else
			ct_buf_addch(&esc, out->buf[i]);
	}
	ct_buf_release(out);
	*out = esc;
}

void ct_render_md(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta)
{
	size_t from = out->len;
	render(out, r, meta, 1);
	if (meta && meta->front_matter) { /* YAML strings, shown as text by Hugo */
		const char *end = strstr(ct_buf_cstr(out) + from + 3, "\n---\n");
		if (end)
			from = (size_t)(end - out->buf) + 5;
	}
	md_escape_lt(out, from);
}

void ct_render_text(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta)
{
	render(out, r, meta, 0);
}

/* A table cell: no newlines, and no '|' in Markdown. */
static void cell(ct_buf *out, const char *s, int md)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			ct_buf_addch(out, ' ');
		else if (md && *p == '|')
			ct_buf_addstr(out, "\\|");
		else if (md && *p == '<') /* no raw HTML from mail in a post */
			ct_buf_addstr(out, "&lt;");
		else
			ct_buf_addch(out, *p);
	}
}

void ct_render_ledger(ct_buf *out, const ct_tally_result *r, int md)
{
	if (md)
		ct_buf_addstr(out, "| date | status | member | vote | sender | reason | evidence | message |\n"
				   "|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->nledger; i++) {
		const ct_ledger_entry *e = &r->ledger[i];
		char iso[21];
		ct_time_format_iso(e->date, iso);
		const char *fields[8] = { iso, ct_ledger_status_name(e->status), e->member,
			ct_vote_name(e->vote), e->sender, e->reason, e->evidence, e->message_id };
		if (md)
			ct_buf_addstr(out, "| ");
		for (int k = 0; k < 8; k++) {
			if (k)
				ct_buf_addstr(out, md ? " | " : "\t");
			cell(out, fields[k] ? fields[k] : "", md);
		}
		ct_buf_addstr(out, md ? " |\n" : "\n");
	}
}
