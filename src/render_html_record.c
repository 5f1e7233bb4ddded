/* render_html_record: the voting record of `tally --all --format html` — a
 * timeline, the table of ballots, the member × ballot participation grid and
 * each ballot's card, on one page written out part by part. */
#include "render_html_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct record {
	const ct_tally_result *const *results;
	const ct_render_meta *metas; /* may be NULL */
	size_t n;
	size_t *order;               /* by start of voting; undated last */
	char **anchors;              /* element ids, unique */
} record;

static const ct_render_meta *meta_at(const record *rec, size_t i)
{
	return rec->metas ? &rec->metas[i] : NULL;
}

static void sort_order(record *rec)
{
	for (size_t k = 1; k < rec->n; k++) {
		size_t v = rec->order[k], m = k;
		while (m > 0) {
			size_t u = rec->order[m - 1];
			const ct_tally_result *x = rec->results[u], *y = rec->results[v];
			int later;
			if (x->period_known != y->period_known)
				later = !x->period_known;
			else if (x->period_known && x->start != y->start)
				later = x->start > y->start;
			else
				later = u > v;
			if (!later)
				break;
			rec->order[m] = u;
			m--;
		}
		rec->order[m] = v;
	}
}

static void record_init(record *rec, const ct_tally_result *const *results,
			const ct_render_meta *metas, size_t n)
{
	rec->results = results;
	rec->metas = metas;
	rec->n = n;
	rec->order = ct_calloc(n + 1, sizeof(size_t));
	rec->anchors = ct_calloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		rec->order[i] = i;
	sort_order(rec);
	for (size_t i = 0; i < n; i++) {
		ct_buf b = CT_BUF_INIT;
		ct_buf_addstr(&b, "ballot-");
		for (const char *p = rh_display_id(results[i], meta_at(rec, i)); p && *p; p++) {
			char c = *p;
			int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
				 c == '-' || c == '_';
			ct_buf_addch(&b, ok ? c : '_');
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(rec->anchors[j], b.buf)) {
				ct_buf_addf(&b, "-%zu", i + 1);
				break;
			}
		rec->anchors[i] = ct_buf_detach(&b);
	}
}

static void record_release(record *rec)
{
	for (size_t i = 0; i < rec->n; i++)
		free(rec->anchors[i]);
	free(rec->anchors);
	free(rec->order);
}

static void link_to(node parent, const char *anchor, const char *text)
{
	node a = rh_tel(parent, "a", NULL, text);
	rh_set_attrf(a, "href", "#%s", anchor);
}

/* Lane of the timeline a ballot belongs to: 0 passed, 1 failed, 2 no quorum. */
static int lane_of(const ct_tally_result *r)
{
	switch (r->verdict.outcome) {
	case CT_OUTCOME_PASSED:
		return 0;
	case CT_OUTCOME_FAILED:
		return 1;
	case CT_OUTCOME_NO_QUORUM:
		return 2;
	default:
		return 3;
	}
}

/* A mark at x on a lane: a filled circle (passed; hollow when provisional),
 * a cross (failed), a hollow triangle (no quorum). */
static void timeline_mark(node svg, double x, const ct_tally_result *r, const char *anchor,
			  const char *tip)
{
	node a = rh_el(svg, "a", NULL);
	rh_set_attrf(a, "href", "#%s", anchor);
	node at = rh_el(a, "svg", NULL);
	rh_set_pct(at, "x", x);
	rh_set_attr(at, "y", "15");
	rh_set_attr(at, "width", "1");
	rh_set_attr(at, "height", "1");
	rh_set_attr(at, "overflow", "visible");
	rh_tel(a, "title", NULL, tip);
	node s;
	switch (lane_of(r)) {
	case 0:
		s = rh_el(at, "circle", NULL);
		rh_set_attr(s, "r", "6");
		if (r->verdict.provisional) {
			rh_set_attr(s, "fill", "#fff");
			rh_set_attr(s, "stroke", "#1b7f4b");
			rh_set_attr(s, "stroke-width", "2.5");
		} else {
			rh_set_attr(s, "fill", "#1b7f4b");
			rh_set_attr(s, "fill-opacity", "0.85");
			rh_set_attr(s, "stroke", "#fff");
		}
		break;
	case 1:
		s = rh_el(at, "path", NULL);
		rh_set_attr(s, "d", "M-5,-5L5,5M5,-5L-5,5");
		rh_set_attr(s, "stroke", "#b42318");
		rh_set_attr(s, "stroke-width", "3");
		rh_set_attr(s, "stroke-linecap", "round");
		break;
	default:
		s = rh_el(at, "path", NULL);
		rh_set_attr(s, "d", "M0,-6L6,5H-6Z");
		rh_set_attr(s, "fill", "#fff");
		rh_set_attr(s, "stroke", "#a15c07");
		rh_set_attr(s, "stroke-width", "2.5");
		break;
	}
}

static double frac_of(int64_t t, int64_t lo, int64_t hi)
{
	return 0.02 + 0.96 * (double)(t - lo) / (double)(hi - lo);
}

static void timeline_axis(node grid, int64_t lo, int64_t hi)
{
	rh_el(grid, "span", "lane-label");
	node svg = rh_el(grid, "svg", "axis");
	rh_set_attr(svg, "aria-hidden", "true");
	int y0, y1, d;
	ct_time_to_civil(lo, &y0, &d, &d, &d, &d, &d);
	ct_time_to_civil(hi, &y1, &d, &d, &d, &d, &d);
	int step = 1;
	while ((y1 - y0 + 1) / step > 10)
		step++;
	for (int y = y0 + 1; y <= y1; y++) {
		int64_t t = ct_time_from_civil(y, 1, 1, 0, 0, 0);
		double x = frac_of(t, lo, hi);
		node l = rh_el(svg, "line", NULL);
		rh_set_pct(l, "x1", x);
		rh_set_pct(l, "x2", x);
		rh_set_attr(l, "y1", "0");
		rh_set_attr(l, "y2", "6");
		rh_set_attr(l, "stroke", "#9aa3b0");
		if ((y - y0) % step == 0 || step == 1) {
			char s[16];
			snprintf(s, sizeof(s), "%d", y);
			rh_svg_text(svg, x, "18", "middle", NULL, s);
		}
	}
	if (y0 == y1) {
		char s[16];
		snprintf(s, sizeof(s), "%d", y0);
		rh_svg_text(svg, 0.5, "18", "middle", NULL, s);
	}
}

static void timeline(node parent, const record *rec)
{
	static const char *const lane_words[3] = { "Passed", "Failed", "No quorum" };
	node card = rh_el(parent, "section", "card");
	rh_set_attr(card, "id", "timeline");
	rh_tel(card, "h2", NULL, "Timeline");
	size_t count[4] = { 0 };
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	for (size_t i = 0; i < rec->n; i++) {
		const ct_tally_result *r = rec->results[i];
		count[lane_of(r)]++;
		if (r->period_known) {
			if (r->start < lo)
				lo = r->start;
			if (r->start > hi)
				hi = r->start;
		}
	}
	if (lo <= hi) {
		/* Pad so the first and last marks are not on the edge, and a
		 * single ballot gets a range. */
		lo -= 20 * 86400;
		hi += 20 * 86400;
		node grid = rh_el(card, "div", "tl");
		for (int lane = 0; lane < 3; lane++) {
			rh_telf(grid, "span", "lane-label", "%s (%zu)", lane_words[lane], count[lane]);
			node svg = rh_el(grid, "svg", NULL);
			rh_set_attrf(svg, "aria-label", "%s: %zu ballots", lane_words[lane], count[lane]);
			rh_set_attr(svg, "role", "img");
			node bg = rh_svg_rect(svg, 0, 1, "4", "22", "#f5f6f8");
			rh_set_attr(bg, "rx", "4");
			for (size_t k = 0; k < rec->n; k++) {
				size_t i = rec->order[k];
				const ct_tally_result *r = rec->results[i];
				if (!r->period_known || lane_of(r) != lane)
					continue;
				ct_buf tip = CT_BUF_INIT;
				char day[11];
				ct_time_format_date(r->start, day);
				rh_ballot_name(&tip, r, meta_at(rec, i));
				const char *title = rh_ballot_title(meta_at(rec, i));
				if (title)
					ct_buf_addf(&tip, ": %s", title);
				ct_buf_addf(&tip, " \u2014 %s, voting from %s", rh_outcome_of(r).word, day);
				timeline_mark(svg, frac_of(r->start, lo, hi), r, rec->anchors[i], ct_buf_cstr(&tip));
				ct_buf_release(&tip);
			}
		}
		timeline_axis(grid, lo, hi);
	}
	node p = rh_el(card, "p", "sub");
	rh_add_textf(p, "No period (%zu): ", count[3]);
	if (!count[3])
		rh_add_text(p, "none \u2014 every ballot's voting period was read.");
	for (size_t k = 0, seen = 0; k < rec->n; k++) {
		size_t i = rec->order[k];
		if (lane_of(rec->results[i]) != 3)
			continue;
		if (seen++)
			rh_add_text(p, ", ");
		link_to(p, rec->anchors[i], rh_display_id(rec->results[i], meta_at(rec, i)));
	}
	node ul = rh_el(card, "ul", "legend");
	rh_set_attr(ul, "style", "margin:10px 0 0");
	rh_tel(rh_el(ul, "li", NULL), "span", NULL, "\u25CF passed (filled circle; hollow: quorum not established)");
	rh_tel(rh_el(ul, "li", NULL), "span", NULL, "\u2715 failed (cross)");
	rh_tel(rh_el(ul, "li", NULL), "span", NULL, "\u25B3 no quorum (triangle)");
}

static void counts_cell(node tr, const ct_category_result *cr)
{
	rh_telf(tr, "td", "num nowrap", "%ld / %ld / %ld", cr->n.yes, cr->n.no, cr->n.abstain);
}

static void ballots_table(node parent, const record *rec)
{
	node card = rh_el(parent, "section", "card");
	rh_set_attr(card, "id", "ballots");
	rh_tel(card, "h2", NULL, "Ballots");
	node wrap = rh_el(card, "div", "scroll");
	node table = rh_el(wrap, "table", "ballots");
	node tr = rh_el(rh_el(table, "thead", NULL), "tr", NULL);
	static const char *const heads[] = { "Ballot", "Title", "Group", "Voting opened", "Outcome",
		"Issuers Y/N/A", "Consumers Y/N/A", "Turnout / quorum" };
	for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
		rh_tel(tr, "th", k >= 5 ? "num" : NULL, heads[k]);
	node tbody = rh_el(table, "tbody", NULL);
	for (size_t k = 0; k < rec->n; k++) {
		size_t i = rec->order[k];
		const ct_tally_result *r = rec->results[i];
		const ct_render_meta *m = meta_at(rec, i);
		tr = rh_el(tbody, "tr", NULL);
		ct_buf nm = CT_BUF_INIT;
		ct_buf_addstr(&nm, rh_display_id(r, m));
		if (m && m->version && *m->version)
			ct_buf_addf(&nm, " %s", m->version);
		link_to(rh_el(tr, "td", "nowrap"), rec->anchors[i], ct_buf_cstr(&nm));
		ct_buf_release(&nm);
		const char *title = rh_ballot_title(m);
		rh_tel(tr, "td", NULL, title ? title : "");
		rh_tel(tr, "td", NULL, rh_group_short(rh_group_of(r)));
		if (r->period_known) {
			char day[11];
			ct_time_format_date(r->start, day);
			rh_tel(tr, "td", "nowrap", day);
		} else {
			rh_tel(tr, "td", "muted", "unknown");
		}
		outcome_look o = rh_outcome_of(r);
		char cls[48];
		snprintf(cls, sizeof(cls), "status o-%s", o.cls);
		rh_telf(rh_el(tr, "td", "nowrap"), "span", cls, "%s %s%s", o.glyph, o.word,
		     r->verdict.provisional ? " (quorum not established)" : "");
		counts_cell(tr, &r->verdict.cat[CT_CATEGORY_ISSUER]);
		counts_cell(tr, &r->verdict.cat[CT_CATEGORY_CONSUMER]);
		const ct_quorum *q = &r->verdict.quorum;
		if (q->established)
			rh_telf(tr, "td", "num", "%ld / %ld", q->participants, q->required);
		else
			rh_telf(tr, "td", "num", "%ld / \u2014", q->participants < 0 ? 0 : q->participants);
	}
}

/* One member's row of the participation grid. */
typedef struct grid_row {
	const char *key;  /* member id, else the name */
	const char *name; /* the latest name seen */
	int cat;
	char *cells;      /* per column of rec->order: 'Y', 'N', 'A', 'L' or 0 */
	size_t votes;
} grid_row;

static int row_cmp(const void *a, const void *b)
{
	const grid_row *x = a, *y = b;
	if (x->cat != y->cat)
		return x->cat < y->cat ? -1 : 1;
	int c = ct_strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->key, y->key);
}

static grid_row *grid_rows(const record *rec, size_t *nrows)
{
	grid_row *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t col = 0; col < rec->n; col++) {
		const ct_tally_result *r = rec->results[rec->order[col]];
		for (size_t i = 0; i < r->nledger; i++) {
			const ct_ledger_entry *e = &r->ledger[i];
			int counted = e->status == CT_LEDGER_COUNTED;
			if (!counted && e->status != CT_LEDGER_LATE)
				continue;
			if (!e->member || (e->vote != CT_VOTE_YES && e->vote != CT_VOTE_NO &&
					   e->vote != CT_VOTE_ABSTAIN))
				continue;
			const char *key = e->member_id ? e->member_id : e->member;
			size_t k = 0;
			while (k < n && strcmp(rows[k].key, key))
				k++;
			if (k == n) {
				if (n == cap) {
					cap = cap ? 2 * cap : 32;
					rows = ct_realloc(rows, cap * sizeof(*rows));
				}
				rows[n++] = (grid_row){ key, e->member, e->category, ct_calloc(rec->n + 1, 1), 0 };
			}
			grid_row *g = &rows[k];
			g->name = e->member;
			if (e->category != CT_CATEGORY_NONE)
				g->cat = e->category;
			if (counted) {
				if (!g->cells[col] || g->cells[col] == 'L')
					g->votes++;
				g->cells[col] = e->vote == CT_VOTE_YES ? 'Y' : e->vote == CT_VOTE_NO ? 'N' : 'A';
			} else if (!g->cells[col]) {
				g->cells[col] = 'L';
			}
		}
	}
	if (n)
		qsort(rows, n, sizeof(*rows), row_cmp);
	*nrows = n;
	return rows;
}

static node participation(node parent, const record *rec)
{
	node card = rh_el(parent, "section", "card");
	rh_set_attr(card, "id", "participation");
	rh_tel(card, "h2", NULL, "Participation: member \u00D7 ballot");
	size_t nrows;
	grid_row *rows = grid_rows(rec, &nrows);
	if (!nrows) {
		rh_tel(card, "p", "none", "No member's vote was counted in these ballots.");
		free(rows);
		return card;
	}
	node ul = rh_el(card, "ul", "legend");
	static const struct { const char *cls, *glyph, *words; } key[] = {
		{ "v v-yes", "Y", "yes" }, { "v v-no", "N", "no (hatched)" },
		{ "v v-abstain", "A", "abstain (dotted)" },
		{ "v v-late", "L", "late, not counted (outlined)" }, { "v v-none", "\u00B7", "no vote" },
	};
	for (size_t k = 0; k < sizeof(key) / sizeof(key[0]); k++) {
		node li = rh_el(ul, "li", NULL);
		node t = rh_el(rh_el(rh_el(li, "table", "grid"), "tr", NULL), "td", key[k].cls);
		rh_add_text(t, key[k].glyph);
		rh_add_text(li, key[k].words);
	}
	node wrap = rh_el(card, "div", "scroll");
	node table = rh_el(wrap, "table", "grid");
	node tr = rh_el(rh_el(table, "thead", NULL), "tr", NULL);
	rh_tel(tr, "th", "m", "Member");
	for (size_t col = 0; col < rec->n; col++) {
		size_t i = rec->order[col];
		node th = rh_el(tr, "th", "b");
		link_to(th, rec->anchors[i], rh_display_id(rec->results[i], meta_at(rec, i)));
	}
	rh_tel(tr, "th", "num", "Voted");
	node tbody = rh_el(table, "tbody", NULL);
	for (size_t k = 0; k < nrows; k++) {
		const grid_row *g = &rows[k];
		tr = rh_el(tbody, "tr", NULL);
		node th = rh_tel(tr, "th", "m", g->name);
		const char *cn = ct_category_name((ct_category)g->cat);
		if (cn)
			rh_telf(th, "small", NULL, " %s", cn);
		for (size_t col = 0; col < rec->n; col++) {
			char c = g->cells[col];
			const char *cls = c == 'Y' ? "v v-yes" : c == 'N' ? "v v-no" : c == 'A' ? "v v-abstain" :
					  c == 'L' ? "v v-late" : "v v-none";
			char s[2] = { c ? c : 0, 0 };
			node td = rh_tel(tr, "td", cls, c ? s : "\u00B7");
			const ct_tally_result *r = rec->results[rec->order[col]];
			rh_set_attrf(td, "title", "%s \u2014 %s: %s", g->name, rh_display_id(r, meta_at(rec, rec->order[col])),
				  c == 'Y' ? "yes" : c == 'N' ? "no" : c == 'A' ? "abstain" :
				  c == 'L' ? "late, not counted" : "no vote");
		}
		rh_telf(tr, "td", "tot", "%zu of %zu", g->votes, rec->n);
		free(g->cells);
	}
	free(rows);
	return card;
}

/* Each ballot's card, written out as soon as it is built. */
static void ballot_sections(page *pg, node parent, const record *rec)
{
	node sec = rh_el(parent, "section", NULL);
	rh_set_attr(sec, "id", "each");
	for (size_t k = 0; k < rec->n; k++) {
		size_t i = rec->order[k];
		const ct_tally_result *r = rec->results[i];
		const ct_render_meta *m = meta_at(rec, i);
		node det = rh_el(sec, "details", "card ballot");
		rh_set_attr(det, "id", rec->anchors[i]);
		node sum = rh_el(det, "summary", NULL);
		outcome_look o = rh_outcome_of(r);
		char cls[48];
		snprintf(cls, sizeof(cls), "status o-%s", o.cls);
		rh_telf(sum, "span", cls, "%s %s", o.glyph, o.word);
		ct_buf nm = CT_BUF_INIT;
		rh_ballot_name(&nm, r, m);
		rh_add_textf(sum, " %s", ct_buf_cstr(&nm));
		ct_buf_release(&nm);
		const char *title = rh_ballot_title(m);
		if (title)
			rh_telf(sum, "span", "muted", " \u2013 %s", title);
		node body = rh_el(det, "div", NULL);
		rh_period_line(body, r);
		rh_ballot_body(body, r, 0);
		rh_page_flush(pg, det);
	}
}

void ct_render_html_all(ct_buf *out, const ct_tally_result *const *results,
			const ct_render_meta *metas, size_t n)
{
	record rec;
	record_init(&rec, results, metas, n);
	page pg;
	rh_page_open(&pg, "Voting record \u2014 CA/Browser Forum ballots");
	node head = rh_el(pg.main, "header", "card masthead");
	node left = rh_el(head, "div", NULL);
	rh_tel(left, "p", "kicker", "CA/Browser Forum \u00B7 rebuilt from the mailing lists");
	rh_tel(left, "h1", NULL, "Voting record");
	node sub = rh_el(left, "p", "sub");
	size_t count[4] = { 0 }, dated = 0;
	for (size_t i = 0; i < n; i++) {
		count[lane_of(results[i])]++;
		dated += results[i]->period_known != 0;
	}
	rh_add_textf(sub, "%zu ballot%s", n, n == 1 ? "" : "s");
	if (dated) {
		char a[11], b[11];
		ct_time_format_date(results[rec.order[0]]->start, a);
		ct_time_format_date(results[rec.order[dated - 1]]->start, b);
		rh_add_textf(sub, ", voting opened from %s to %s", a, b);
	}
	node stats = rh_el(left, "ul", "stats");
	static const char *const words[4] = { "passed", "failed", "no quorum", "no period" };
	static const char *const cls[4] = { "status o-passed", "status o-failed", "status o-no-quorum",
		"status o-no-period" };
	for (int k = 0; k < 4; k++)
		rh_telf(rh_el(stats, "li", NULL), "span", cls[k], "%zu %s", count[k], words[k]);
	if (!n) {
		rh_tel(pg.main, "p", "none", "No ballots were found in the archives.");
	} else {
		timeline(pg.main, &rec);
		ballots_table(pg.main, &rec);
		rh_page_flush(&pg, participation(pg.main, &rec));
		ballot_sections(&pg, pg.main, &rec);
	}
	rh_footer(pg.main, "Tallied by cabtally; each ballot's ledger is on its own page "
	       "(cabtally tally --ballot ID --format html).");
	rh_page_close(&pg, out);
	record_release(&rec);
}
