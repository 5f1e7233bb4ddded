/* render_html: tally results as standalone HTML pages — the helpers both
 * pages share (render_html_int.h) and one ballot's page; the voting record
 * is in render_html_record.c. Built with libxml2's
 * tree API, so every string from mail reaches the page as a text node or an
 * attribute value and is escaped by the serializer; only our own CSS is
 * written raw. The pages load nothing and run nothing (a Content-Security-
 * Policy says so too); charts are inline SVG sized in percentages, so they
 * follow the page width without distorting their text. */
#define _GNU_SOURCE /* memmem */
#include "render_html_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Colours pair with a second cue everywhere (hatching, dots, dashes, glyphs
 * and words), so the page reads the same printed in grey. */
static const char page_css[] =
	":root{--ink:#1c2430;--muted:#596473;--line:#dce2ea;--bg:#f2f4f7;--card:#fff;"
	"--yes:#1b7f4b;--no:#b42318;--abs:#8792a2;--q:#2c5aa0;--amber:#a15c07}\n"
	"*{box-sizing:border-box}\n"
	"html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
	"body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"
	"\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Liberation Sans\",\"DejaVu Sans\",sans-serif}\n"
	".page{max-width:1120px;margin:0 auto;padding:28px 24px 36px}\n"
	"h1{font-size:28px;line-height:1.2;margin:2px 0 6px;letter-spacing:-.01em}\n"
	"h1 .title{font-weight:400;color:var(--muted)}\n"
	"h2{font-size:17px;margin:0 0 12px}\n"
	"h3{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:16px 0 6px}\n"
	"h3 .n{color:var(--ink)}\n"
	"a{color:var(--q)}\n"
	".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
	"padding:18px 20px;margin:0 0 18px;box-shadow:0 1px 2px rgba(16,24,40,.04)}\n"
	".masthead{display:flex;gap:16px 24px;align-items:center;justify-content:space-between;flex-wrap:wrap}\n"
	".masthead>div:first-child{min-width:0;flex:1 1 440px}\n"
	".kicker{margin:0;color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.07em;font-weight:600}\n"
	".sub{margin:0;color:var(--muted)}\n"
	".outcome{display:flex;align-items:center;gap:12px;border:2px solid;border-radius:10px;"
	"padding:10px 18px;min-width:220px}\n"
	".outcome .glyph{font-size:30px;line-height:1;font-weight:700}\n"
	".outcome b{display:block;font-size:20px;letter-spacing:.04em;text-transform:uppercase}\n"
	".outcome span.why{display:block;font-size:13px}\n"
	".o-passed{color:#12603a;background:#e8f5ee;border-color:var(--yes)}\n"
	".o-failed{color:#8e1b12;background:#fdeceb;border-color:var(--no)}\n"
	".o-no-quorum{color:#7a4505;background:#fff5e3;border-color:var(--amber);border-style:dashed}\n"
	".o-no-period{color:#39424e;background:#eef0f3;border-color:var(--muted);border-style:dotted}\n"
	".o-provisional{border-style:dashed}\n"
	".cols{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:18px}\n"
	".cols>.card{margin:0}\n"
	".row{margin-bottom:18px}\n"
	".checks{list-style:none;margin:0;padding:0}\n"
	".checks li{display:grid;grid-template-columns:7.5em minmax(0,1fr);gap:2px 12px;padding:9px 0;"
	"border-top:1px solid var(--line)}\n"
	".checks li:first-child{border-top:0;padding-top:0}\n"
	".checks .what{font-weight:600}\n"
	".checks .what::first-letter{text-transform:uppercase}\n"
	".checks .detail{grid-column:2;color:var(--muted);font-size:13px}\n"
	".mark{display:inline-block;text-align:center;font-weight:700;font-size:12px;padding:2px 8px;"
	"border-radius:999px;border:1.5px solid;white-space:nowrap;align-self:start;justify-self:start;letter-spacing:.03em}\n"
	".mark.met{color:#12603a;background:#e8f5ee}\n"
	".mark.not-met{color:#8e1b12;background:#fdeceb}\n"
	".mark.unknown{color:#39424e;background:#eef0f3;border-style:dashed}\n"
	".reasons{margin:12px 0 0;font-size:13px;color:var(--muted)}\n"
	".reasons ol{margin:6px 0 0;padding-left:20px}\n"
	".cat-head{display:flex;justify-content:space-between;align-items:baseline;gap:10px;flex-wrap:wrap}\n"
	".cat-head h2{margin:0}\n"
	".cat-head h2::first-letter,.names h3.cat-name::first-letter{text-transform:uppercase}\n"
	".counts{margin:4px 0 2px;font-size:14px}\n"
	".counts strong{font-size:18px}\n"
	".pct{float:right;font-size:13px;color:var(--muted)}\n"
	".pct b{font-size:22px;color:var(--ink);margin-right:4px}\n"
	".section-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;"
	"gap:4px 16px;margin:24px 2px 10px}\n"
	".section-head h2{margin:0}\n"
	".section-head .legend{margin:0}\n"
	"dl.derivation{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 14px;margin:10px 0 0;"
	"font-size:13px}\n"
	"dl.derivation dt{color:var(--muted)}\n"
	"dl.derivation dd{margin:0}\n"
	"dl.derivation dd.wide{grid-column:1/-1}\n"
	".names h3.cat-name{font-size:15px;text-transform:none;letter-spacing:0;color:var(--ink);margin:0 0 4px}\n"
	".bar{display:block;width:100%;height:62px;overflow:visible;margin:4px 0 0}\n"
	".bar.votes{height:48px}\n"
	".bar text{font-size:12px;font-family:inherit}\n"
	".bar .in{font-weight:700;fill:#fff;paint-order:stroke;stroke-width:3px;stroke-linejoin:round}\n"
	".bar .in.yes{stroke:var(--yes)}\n"
	".bar .in.no{stroke:var(--no)}\n"
	".bar .in.abstain{fill:var(--ink);stroke:#e3e7ed}\n"
	".bar .in.part{stroke:var(--q)}\n"
	".bar .lbl{fill:var(--ink);font-weight:600}\n"
	".bar .tick{fill:var(--muted)}\n"
	".rule{margin:6px 0 0;font-size:13px;color:var(--muted)}\n"
	".margin{margin:2px 0 0;font-size:13px}\n"
	".legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:var(--muted);margin:0 0 12px;"
	"padding:0;list-style:none}\n"
	".legend li{display:flex;align-items:center;gap:6px}\n"
	".legend svg{flex:none}\n"
	".chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:5px}\n"
	".chips li{border:1px solid var(--line);border-radius:6px;padding:1px 8px;font-size:13px;background:#fafbfc}\n"
	".chips li::before{font-weight:700;margin-right:5px}\n"
	".chips.yes li::before{content:\"\\2713\";color:var(--yes)}\n"
	".chips.no li::before{content:\"\\2717\";color:var(--no)}\n"
	".chips.abstain li::before{content:\"\\2013\";color:var(--muted)}\n"
	".chips.late li{border-style:dashed;border-color:var(--amber);background:#fffaf0}\n"
	".none{margin:0;color:var(--muted);font-size:13px}\n"
	".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}\n"
	"table{border-collapse:collapse;width:100%;font-size:13px}\n"
	"th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}\n"
	"thead th{font-size:11px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);"
	"background:#f7f8fa;white-space:nowrap}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	".nowrap{white-space:nowrap}\n"
	"table.ledger{min-width:860px}\n"
	"table.ledger td.reason{min-width:260px}\n"
	"table.ledger td.from{min-width:190px}\n"
	"table.ledger tr.st-counted td:first-child{box-shadow:inset 3px 0 0 var(--yes)}\n"
	"table.ledger tr.st-late td:first-child{box-shadow:inset 3px 0 0 var(--amber)}\n"
	".from small,.msgid{display:block;color:var(--muted);font-size:11px;word-break:break-all}\n"
	".evidence{display:block;margin-top:3px;padding-left:8px;border-left:2px solid var(--line);"
	"color:var(--muted);font-style:italic}\n"
	".vote{font-weight:700;white-space:nowrap}\n"
	".vote.yes{color:var(--yes)}\n"
	".vote.no{color:var(--no)}\n"
	".vote.abstain,.vote.none{color:var(--muted)}\n"
	".vote.unclear{color:var(--amber)}\n"
	".status{display:inline-block;font-size:11px;padding:1px 7px;border-radius:999px;border:1px solid "
	"var(--line);white-space:nowrap;background:#f7f8fa}\n"
	".status.counted{background:#e8f5ee;border-color:var(--yes);color:#12603a;font-weight:700}\n"
	".status.late,.status.early{background:#fff5e3;border-color:var(--amber);border-style:dashed;color:#7a4505}\n"
	".status.superseded,.status.duplicate{text-decoration:line-through}\n"
	"details>summary{cursor:pointer;font-weight:600;list-style-position:outside}\n"
	"details.card>summary{margin:-2px 0}\n"
	"details.ballot .card{box-shadow:none;border-color:#e6eaf0;background:#fcfcfd}\n"
	"details[open].card>summary{margin-bottom:12px}\n"
	"summary .muted,.muted{color:var(--muted);font-weight:400}\n"
	"pre.ballot-text{white-space:pre-wrap;word-wrap:break-word;font:13px/1.45 ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;"
	"margin:0;max-height:none}\n"
	".notes{margin:0;padding-left:18px;font-size:13px}\n"
	".notes code{font-size:12px;background:#f0f2f5;border-radius:4px;padding:0 4px}\n"
	".stats{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:10px 0 0;padding:0}\n"
	".stats .status{font-size:13px;padding:2px 10px}\n"
	".tl{display:grid;grid-template-columns:8.5em minmax(0,1fr);align-items:center;row-gap:2px}\n"
	".tl .lane-label{font-size:13px;color:var(--muted);white-space:nowrap}\n"
	".tl svg{display:block;width:100%;height:30px;overflow:visible}\n"
	".tl svg.axis{height:24px}\n"
	".tl svg text{font-size:11px;fill:var(--muted)}\n"
	".tl .lane-bg{fill:#f5f6f8}\n"
	"table.grid{width:auto;border-collapse:separate;border-spacing:2px}\n"
	"table.grid th,table.grid td{border:0;padding:0}\n"
	"table.grid thead th{background:none;vertical-align:bottom;padding:0 0 4px}\n"
	"table.grid th.b a{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;"
	"font-size:11px;text-decoration:none;color:var(--ink);white-space:nowrap;text-transform:none;letter-spacing:0}\n"
	"table.grid th.m{position:sticky;left:0;background:var(--card);font-weight:400;white-space:nowrap;"
	"padding-right:10px;text-align:left;font-size:13px;z-index:1}\n"
	"table.grid th.m small{color:var(--muted)}\n"
	"table.grid td.v{width:22px;min-width:22px;height:22px;text-align:center;font-size:11px;font-weight:700;"
	"border-radius:3px;line-height:22px}\n"
	"table.grid td.tot{padding-left:10px;white-space:nowrap;color:var(--muted);font-size:12px;text-align:right}\n"
	".v-yes{background:var(--yes);color:#fff}\n"
	".v-no{background:repeating-linear-gradient(45deg,#b42318 0 4px,#d6645b 4px 7px);color:#fff}\n"
	".v-abstain{background:#dfe3e9;color:var(--ink);background-image:radial-gradient(#9aa3b0 1px,transparent 1.2px);"
	"background-size:5px 5px}\n"
	".v-late{background:#fff;color:#7a4505;box-shadow:inset 0 0 0 1.5px var(--amber)}\n"
	".v-none{color:#b6bec9;font-weight:400}\n"
	"footer{color:var(--muted);font-size:12px;text-align:center;margin-top:8px}\n"
	"svg.defs{position:absolute;width:0;height:0;overflow:hidden}\n"
	"@media (max-width:760px){.page{padding:14px 10px 24px}h1{font-size:22px}.cols{grid-template-columns:1fr}"
	".card{padding:14px 14px}.outcome{min-width:0;width:100%}.checks li{grid-template-columns:1fr}"
	".checks .detail{grid-column:1}.tl{grid-template-columns:6.5em minmax(0,1fr)}.pct{font-size:18px}}\n"
	"@media print{*{-webkit-print-color-adjust:exact;print-color-adjust:exact}body{background:#fff;font-size:10.5pt}"
	".page{max-width:none;padding:0}.card{box-shadow:none;break-inside:avoid;border-color:#aab2bd}"
	".scroll{overflow:visible}table.ledger{min-width:0}details::details-content{content-visibility:visible;"
	"display:contents}a{color:inherit;text-decoration:none}footer{margin-top:12px}}\n";

/* ---- Text and elements ---- */

/* Length of the valid UTF-8 sequence at p, or 0 when it is not one. */
static size_t utf8_len(const unsigned char *p)
{
	unsigned char c = p[0];
	if (c < 0x80)
		return 1;
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

/* `s` as text the serializer can write: valid UTF-8 (a bad byte becomes
 * U+FFFD) without control characters other than tab and newline. Malloc'd. */
static char *clean(const char *s)
{
	ct_buf b = CT_BUF_INIT;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		size_t n = utf8_len(p);
		if (!n) {
			ct_buf_addstr(&b, "\xEF\xBF\xBD");
			p++;
		} else if (n == 1 && ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F)) {
			ct_buf_addch(&b, ' ');
			p++;
		} else {
			ct_buf_add(&b, p, n);
			p += n;
		}
	}
	return ct_buf_detach(&b);
}

void rh_add_text(node parent, const char *s)
{
	char *c = clean(s);
	xmlAddChild(parent, xmlNewText(BAD_CAST c));
	free(c);
}

void rh_add_textf(node parent, const char *fmt, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	rh_add_text(parent, ct_buf_cstr(&b));
	ct_buf_release(&b);
}

void rh_set_attr(node n, const char *name, const char *value)
{
	char *c = clean(value);
	xmlSetProp(n, BAD_CAST name, BAD_CAST c);
	free(c);
}

void rh_set_attrf(node n, const char *name, const char *fmt, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	rh_set_attr(n, name, ct_buf_cstr(&b));
	ct_buf_release(&b);
}

/* A new child element, with a class when `cls` is not NULL. */
node rh_el(node parent, const char *name, const char *cls)
{
	node n = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (cls)
		rh_set_attr(n, "class", cls);
	return n;
}

/* A new child element holding `s` as text. */
node rh_tel(node parent, const char *name, const char *cls, const char *s)
{
	node n = rh_el(parent, name, cls);
	rh_add_text(n, s);
	return n;
}

node rh_telf(node parent, const char *name, const char *cls, const char *fmt, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	node n = rh_tel(parent, name, cls, ct_buf_cstr(&b));
	ct_buf_release(&b);
	return n;
}

/* num/den of the width as an SVG percentage ("66.667%"), in integer
 * arithmetic so no locale can put a comma in it. */
static void pct(char out[24], double frac)
{
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	long m = (long)(frac * 100000.0 + 0.5);
	snprintf(out, 24, "%ld.%03ld%%", m / 1000, m % 1000);
}

void rh_set_pct(node n, const char *name, double frac)
{
	char v[24];
	pct(v, frac);
	rh_set_attr(n, name, v);
}

/* ---- Dates ---- */

static const char *const month_abbr[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
	"Sep", "Oct", "Nov", "Dec" };

/* "7 Nov 2019 03:00" into out. */
static void when_text(char out[40], int64_t t)
{
	int y, mo, d, h, mi, s;
	ct_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(out, 40, "%d %s %d %02d:%02d", d, month_abbr[(mo - 1) % 12], y, h, mi);
}

/* "2019-11-07 03:20" into out. */
static void stamp_text(char out[40], int64_t t)
{
	int y, mo, d, h, mi, s;
	ct_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
	snprintf(out, 40, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
	if (s)
		snprintf(out + 16, 24, ":%02d", s);
}

/* A <time> element with its ISO datetime. */
static node time_el(node parent, int64_t t, int stamp)
{
	char iso[21], txt[40];
	ct_time_format_iso(t, iso);
	if (stamp)
		stamp_text(txt, t);
	else
		when_text(txt, t);
	node n = rh_tel(parent, "time", NULL, txt);
	rh_set_attr(n, "datetime", iso);
	return n;
}

/* "2 h 12 min" for a duration in seconds. */
static void duration_text(ct_buf *b, int64_t secs)
{
	int64_t m = secs / 60;
	if (secs < 60)
		ct_buf_addf(b, "%lld s", (long long)secs);
	else if (m < 60)
		ct_buf_addf(b, "%lld min", (long long)m);
	else if (m < 48 * 60)
		ct_buf_addf(b, "%lld h %lld min", (long long)(m / 60), (long long)(m % 60));
	else
		ct_buf_addf(b, "%lld days", (long long)(m / 1440));
}

/* ---- Names and words ---- */

const char *rh_display_id(const ct_tally_result *r, const ct_render_meta *meta)
{
	return meta && meta->ballot_display && *meta->ballot_display ? meta->ballot_display :
	       r->ballot_id;
}

/* "Ballot SC23 v3" */
void rh_ballot_name(ct_buf *b, const ct_tally_result *r, const ct_render_meta *meta)
{
	ct_buf_addf(b, "Ballot %s", rh_display_id(r, meta));
	if (meta && meta->version && *meta->version)
		ct_buf_addf(b, " %s", meta->version);
}

const char *rh_ballot_title(const ct_render_meta *meta)
{
	return meta && meta->title && *meta->title ? meta->title : NULL;
}

const char *rh_group_of(const ct_tally_result *r)
{
	const ct_profile *p = ct_rules_main(&r->rules);
	return p && p->group ? p->group : "forum";
}

static const char *group_words(const char *g)
{
	static const struct { const char *id, *words; } groups[] = {
		{ "forum", "CA/Browser Forum" },
		{ "scwg", "Server Certificate Working Group" },
		{ "smcwg", "S/MIME Certificate Working Group" },
		{ "cscwg", "Code Signing Certificate Working Group" },
		{ "netsec", "Network Security Working Group" },
		{ "dgwg", "Definitions and Glossary Working Group" },
	};
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (!strcmp(g, groups[i].id))
			return groups[i].words;
	return g;
}

const char *rh_group_short(const char *g)
{
	if (!strcmp(g, "forum"))
		return "Forum";
	if (!strcmp(g, "scwg"))
		return "SCWG";
	if (!strcmp(g, "smcwg"))
		return "SMCWG";
	if (!strcmp(g, "cscwg"))
		return "CSCWG";
	if (!strcmp(g, "netsec"))
		return "NetSec";
	if (!strcmp(g, "dgwg"))
		return "DGWG";
	return g;
}

static const char *cat_label(const ct_tally_result *r, int cat)
{
	const char *l = ct_rules_label(&r->rules, (ct_category)cat);
	return l ? l : cat == CT_CATEGORY_ISSUER ? "Issuers" : "Consumers";
}

outcome_look rh_outcome_of(const ct_tally_result *r)
{
	switch (r->verdict.outcome) {
	case CT_OUTCOME_PASSED:
		return (outcome_look){ "Passed", "passed", "\u2713" };
	case CT_OUTCOME_FAILED:
		return (outcome_look){ "Failed", "failed", "\u2717" };
	case CT_OUTCOME_NO_QUORUM:
		return (outcome_look){ "No quorum", "no-quorum", "\u25B3" };
	default:
		return (outcome_look){ "No period", "no-period", "?" };
	}
}

/* A pill with a glyph and a word: the shape and the word carry the meaning. */
static void mark(node parent, int state)
{
	static const char *const word[3] = { "\u2717 NOT MET", "\u2713 MET", "? UNKNOWN" };
	static const char *const cls[3] = { "mark not-met", "mark met", "mark unknown" };
	int k = state < 0 ? 2 : state ? 1 : 0;
	rh_tel(parent, "span", cls[k], word[k]);
}

/* ---- SVG ---- */

static node svg_el(node parent, const char *name, const char *cls)
{
	return rh_el(parent, name, cls);
}

node rh_svg_rect(node parent, double x, double w, const char *y, const char *h, const char *fill)
{
	node n = svg_el(parent, "rect", NULL);
	rh_set_pct(n, "x", x);
	rh_set_attr(n, "y", y);
	rh_set_pct(n, "width", w);
	rh_set_attr(n, "height", h);
	rh_set_attr(n, "fill", fill);
	return n;
}

node rh_svg_text(node parent, double x, const char *y, const char *anchor, const char *cls,
		     const char *s)
{
	node n = rh_tel(parent, "text", cls, s);
	rh_set_pct(n, "x", x);
	rh_set_attr(n, "y", y);
	rh_set_attr(n, "text-anchor", anchor);
	return n;
}

static const char *anchor_for(double x)
{
	return x < 0.2 ? "start" : x > 0.8 ? "end" : "middle";
}

/* A dashed mark across a bar at x, on a white halo so it shows on any fill. */
static void bar_line(node svg, double x)
{
	for (int k = 0; k < 2; k++) {
		node l = rh_el(svg, "line", k ? "mark-line" : "halo");
		rh_set_pct(l, "x1", x);
		rh_set_pct(l, "x2", x);
		rh_set_attr(l, "y1", "14");
		rh_set_attr(l, "y2", "48");
		rh_set_attr(l, "stroke", k ? "#1c2430" : "#fff");
		rh_set_attr(l, "stroke-width", k ? "2" : "4");
		if (k)
			rh_set_attr(l, "stroke-dasharray", "4 3");
	}
}

/* Patterns the bars share: hatched for no, dotted for abstain, hatched
 * outline for a quorum shortfall. Not display:none, which would blank them. */
static void svg_defs(node body)
{
	node svg = rh_el(body, "svg", "defs");
	rh_set_attr(svg, "aria-hidden", "true");
	rh_set_attr(svg, "focusable", "false");
	node defs = rh_el(svg, "defs", NULL);

	node p = rh_el(defs, "pattern", NULL);
	rh_set_attr(p, "id", "ct-no");
	rh_set_attr(p, "width", "7");
	rh_set_attr(p, "height", "7");
	rh_set_attr(p, "patternUnits", "userSpaceOnUse");
	rh_set_attr(p, "patternTransform", "rotate(45)");
	node r = rh_el(p, "rect", NULL);
	rh_set_attr(r, "width", "7");
	rh_set_attr(r, "height", "7");
	rh_set_attr(r, "fill", "#b42318");
	r = rh_el(p, "rect", NULL);
	rh_set_attr(r, "width", "2.5");
	rh_set_attr(r, "height", "7");
	rh_set_attr(r, "fill", "#e58a82");

	p = rh_el(defs, "pattern", NULL);
	rh_set_attr(p, "id", "ct-abstain");
	rh_set_attr(p, "width", "6");
	rh_set_attr(p, "height", "6");
	rh_set_attr(p, "patternUnits", "userSpaceOnUse");
	r = rh_el(p, "rect", NULL);
	rh_set_attr(r, "width", "6");
	rh_set_attr(r, "height", "6");
	rh_set_attr(r, "fill", "#dfe3e9");
	node c = rh_el(p, "circle", NULL);
	rh_set_attr(c, "cx", "3");
	rh_set_attr(c, "cy", "3");
	rh_set_attr(c, "r", "1.3");
	rh_set_attr(c, "fill", "#7d8796");

	p = rh_el(defs, "pattern", NULL);
	rh_set_attr(p, "id", "ct-short");
	rh_set_attr(p, "width", "6");
	rh_set_attr(p, "height", "6");
	rh_set_attr(p, "patternUnits", "userSpaceOnUse");
	rh_set_attr(p, "patternTransform", "rotate(-45)");
	r = rh_el(p, "rect", NULL);
	rh_set_attr(r, "width", "6");
	rh_set_attr(r, "height", "6");
	rh_set_attr(r, "fill", "#fff5e3");
	r = rh_el(p, "rect", NULL);
	rh_set_attr(r, "width", "1.5");
	rh_set_attr(r, "height", "6");
	rh_set_attr(r, "fill", "#a15c07");
}

/* A small square swatch for legends. */
static void swatch(node parent, const char *fill)
{
	node svg = rh_el(parent, "svg", NULL);
	rh_set_attr(svg, "width", "14");
	rh_set_attr(svg, "height", "14");
	rh_set_attr(svg, "aria-hidden", "true");
	node r = rh_el(svg, "rect", NULL);
	rh_set_attr(r, "width", "14");
	rh_set_attr(r, "height", "14");
	rh_set_attr(r, "rx", "2");
	rh_set_attr(r, "fill", fill);
}

static void legend_item(node ul, const char *fill, const char *words)
{
	node li = rh_el(ul, "li", NULL);
	swatch(li, fill);
	rh_add_text(li, words);
}

static void vote_legend(node parent)
{
	node ul = rh_el(parent, "ul", "legend");
	legend_item(ul, "#1b7f4b", "yes (solid)");
	legend_item(ul, "url(#ct-no)", "no (hatched)");
	legend_item(ul, "url(#ct-abstain)", "abstain (dotted; not counted for the threshold)");
	node li = rh_el(ul, "li", NULL);
	node svg = rh_el(li, "svg", NULL);
	rh_set_attr(svg, "width", "14");
	rh_set_attr(svg, "height", "14");
	rh_set_attr(svg, "aria-hidden", "true");
	node l = rh_el(svg, "line", NULL);
	rh_set_attr(l, "x1", "7");
	rh_set_attr(l, "x2", "7");
	rh_set_attr(l, "y1", "0");
	rh_set_attr(l, "y2", "14");
	rh_set_attr(l, "stroke", "#1c2430");
	rh_set_attr(l, "stroke-width", "2");
	rh_set_attr(l, "stroke-dasharray", "3 2");
	rh_add_text(li, "yes votes needed");
}

/* One labelled segment of a bar; the label goes inside when it fits. */
static void segment(node svg, double x, double w, const char *fill, const char *cls, long n,
		    const char *word)
{
	if (w <= 0)
		return;
	node r = rh_svg_rect(svg, x, w, "18", "26", fill);
	rh_set_attr(r, "stroke", "#fff");
	rh_set_attr(r, "stroke-width", "1");
	node t = rh_el(r, "title", NULL);
	rh_add_textf(t, "%ld %s", n, word);
	if (w >= 0.22) {
		/* From the segment's start, clear of a threshold line near its middle. */
		char s[48];
		snprintf(s, sizeof(s), "%ld %s", n, word);
		rh_set_attr(rh_svg_text(svg, x, "35.5", "start", cls, s), "dx", "8");
	} else if (w >= 0.05) {
		char s[24];
		snprintf(s, sizeof(s), "%ld", n);
		rh_svg_text(svg, x + w / 2, "35.5", "middle", cls, s);
	}
}

/* The threshold as a fraction of yes+no and in words. */
static double threshold_of(const ct_tally_result *r, int cat, const char **words)
{
	const ct_profile *b = r->rules.bylaws;
	if (cat == CT_CATEGORY_ISSUER) {
		int num = b ? b->issuer_num : 2, den = b && b->issuer_den ? b->issuer_den : 3;
		*words = num * 3 == den * 2 ? "two-thirds" : "threshold";
		return (double)num / den;
	}
	switch (b ? b->consumer_reading : CT_READING_MAJORITY) {
	case CT_READING_LITERAL:
		*words = "50% plus one";
		break;
	case CT_READING_HALF_OR_MORE:
		*words = "half or more";
		break;
	default:
		*words = "more than half";
	}
	return 0.5;
}

/* Yes, no and abstain in one bar over all votes cast; the dashed line stands
 * at the threshold's share of yes+no, so the yes segment meets the ratio
 * test exactly when it reaches the line (abstentions sit to the right). */
static void vote_bar(node parent, const ct_tally_result *r, int cat)
{
	const ct_category_result *cr = &r->verdict.cat[cat];
	long y = cr->n.yes, no = cr->n.no, a = cr->n.abstain, t = y + no + a;
	node svg = rh_el(parent, "svg", "bar votes");
	rh_set_attr(svg, "role", "img");
	rh_set_attrf(svg, "aria-label", "%s: %ld yes, %ld no, %ld abstain; %ld yes needed",
		  cat_label(r, cat), y, no, a, cr->required_yes);
	rh_svg_rect(svg, 0, 1, "18", "26", "#eef1f5");
	if (t == 0) {
		rh_svg_text(svg, 0.5, "35.5", "middle", "tick", "no votes cast");
		return;
	}
	segment(svg, 0, (double)y / t, "#1b7f4b", "in yes", y, "yes");
	segment(svg, (double)y / t, (double)no / t, "url(#ct-no)", "in no", no, "no");
	segment(svg, (double)(y + no) / t, (double)a / t, "url(#ct-abstain)", "in abstain", a, "abstain");
	if (y + no == 0) {
		rh_svg_text(svg, 0, "12", "start", "tick", "no yes or no votes: the threshold does not apply");
		return;
	}
	const char *words;
	double x = threshold_of(r, cat, &words) * (double)(y + no) / t;
	bar_line(svg, x);
	char s[96];
	snprintf(s, sizeof(s), "%s: %ld yes needed", words, cr->required_yes);
	rh_svg_text(svg, x, "10", anchor_for(x), "lbl", s);
}

/* Participants against the quorum, on a scale that also shows the active
 * count the quorum derives from. */
static void quorum_bar(node parent, const ct_tally_result *r)
{
	const ct_quorum *q = &r->verdict.quorum;
	long p = q->participants < 0 ? 0 : q->participants;
	double active = q->active_den > 0 ? (double)q->active_num / (double)q->active_den : 0;
	double scale = (double)p;
	if (q->established) {
		if (q->required > scale)
			scale = (double)q->required;
		if (active > scale)
			scale = active;
	}
	if (scale <= 0)
		scale = 1;
	node svg = rh_el(parent, "svg", "bar");
	rh_set_attr(svg, "role", "img");
	if (q->established)
		rh_set_attrf(svg, "aria-label", "%ld participants; quorum %ld", p, q->required);
	else
		rh_set_attrf(svg, "aria-label", "%ld participants; quorum not established", p);
	rh_svg_rect(svg, 0, 1, "18", "26", "#eef1f5");
	double w = p / scale;
	if (p) {
		node n = rh_svg_rect(svg, 0, w, "18", "26", "#2c5aa0");
		rh_add_textf(rh_el(n, "title", NULL), "%ld participants", p);
		char s[48];
		snprintf(s, sizeof(s), w >= 0.3 ? "%ld participants" : "%ld", p);
		if (w >= 0.06)
			rh_svg_text(svg, w / 2, "35.5", "middle", "in part", s);
	}
	if (!q->established) {
		rh_svg_text(svg, 0, "10", "start", "lbl", "quorum not established");
		return;
	}
	double qx = q->required / scale;
	if (p < q->required) {
		node n = rh_svg_rect(svg, w, qx - w, "18", "26", "url(#ct-short)");
		rh_add_textf(rh_el(n, "title", NULL), "%ld more participants needed", q->required - p);
	}
	bar_line(svg, qx);
	char s[64];
	snprintf(s, sizeof(s), "quorum: %ld", q->required);
	rh_svg_text(svg, qx, "10", anchor_for(qx), "lbl", s);
	if (active > 0 && q->basis != CT_QUORUM_BASIS_QUORUM) {
		double ax = active / scale;
		node t = rh_el(svg, "line", NULL);
		rh_set_pct(t, "x1", ax);
		rh_set_pct(t, "x2", ax);
		rh_set_attr(t, "y1", "44");
		rh_set_attr(t, "y2", "50");
		rh_set_attr(t, "stroke", "#596473");
		rh_set_attr(t, "stroke-width", "2");
		if (q->active_den == 1)
			snprintf(s, sizeof(s), "%lld active", (long long)q->active_num);
		else
			snprintf(s, sizeof(s), "%.1f active", active);
		rh_svg_text(svg, ax, "60", anchor_for(ax), "tick", s);
	}
}

/* ---- Sections of a ballot ---- */

static void name_chips(node parent, const ct_name_list *l, const char *cls)
{
	if (!l->count) {
		rh_tel(parent, "p", "none", "none");
		return;
	}
	node ul = rh_el(parent, "ul", cls);
	for (size_t i = 0; i < l->count; i++)
		rh_tel(ul, "li", NULL, l->items[i]);
}

static void category_card(node parent, const ct_tally_result *r, int cat, int full)
{
	const ct_category_result *cr = &r->verdict.cat[cat];
	node card = rh_el(parent, "section", "card cat");
	if (full)
		rh_set_attr(card, "id", cat == CT_CATEGORY_ISSUER ? "issuers" : "consumers");
	node head = rh_el(card, "div", "cat-head");
	rh_tel(head, "h2", NULL, cat_label(r, cat));
	mark(head, cr->met);
	node counts = rh_el(card, "p", "counts");
	if (cr->percent_yes >= 0) {
		node pc = rh_el(counts, "span", "pct");
		rh_telf(pc, "b", NULL, "%d%%", cr->percent_yes);
		rh_add_text(pc, "in favor");
		rh_add_text(counts, " ");
	}
	long n[3] = { cr->n.yes, cr->n.no, cr->n.abstain };
	for (int k = 0; k < 3; k++) {
		if (k)
			rh_add_text(counts, " \u00B7 ");
		rh_telf(counts, "strong", NULL, "%ld", n[k]);
		rh_add_textf(counts, " %s", k == 0 ? "yes" : k == 1 ? "no" : "abstain");
	}
	vote_bar(card, r, cat);
	rh_tel(card, "p", "margin", cr->margin);
	const char *cite = r->rules.bylaws ? r->rules.bylaws->cite_threshold : NULL;
	rh_telf(card, "p", "rule", "%s%s%s", cite ? cite : "", cite ? " requires " : "Requires ",
	     cr->required);
}

/* Who voted what, per category. */
static void names_card(node parent, const ct_tally_result *r, int full)
{
	static const char *const kind[3] = { "Yes", "No", "Abstain" };
	static const char *const chip_cls[3] = { "chips yes", "chips no", "chips abstain" };
	node card = rh_el(parent, "section", "card");
	if (full)
		rh_set_attr(card, "id", "names");
	rh_tel(card, "h2", NULL, "Who voted");
	node cols = rh_el(card, "div", "cols");
	for (int cat = 0; cat < 2; cat++) {
		node col = rh_el(cols, "div", "names");
		if (full)
			rh_set_attr(col, "id", cat == CT_CATEGORY_ISSUER ? "names-issuers" : "names-consumers");
		rh_tel(col, "h3", "cat-name", cat_label(r, cat));
		for (int k = 0; k < 3; k++) {
			node h = rh_el(col, "h3", NULL);
			rh_add_textf(h, "%s ", kind[k]);
			rh_telf(h, "span", "n", "%zu", r->names[cat][k].count);
			name_chips(col, &r->names[cat][k], chip_cls[k]);
		}
	}
}

static void quorum_card(node parent, const ct_tally_result *r, int full)
{
	const ct_quorum *q = &r->verdict.quorum;
	node card = rh_el(parent, "section", "card quorum");
	if (full)
		rh_set_attr(card, "id", "quorum");
	node head = rh_el(card, "div", "cat-head");
	rh_tel(head, "h2", NULL, "Quorum");
	mark(head, q->established ? q->met == 1 : -1);
	node counts = rh_el(card, "p", "counts");
	rh_telf(counts, "strong", NULL, "%ld", q->participants < 0 ? 0 : q->participants);
	rh_add_text(counts, " participants (yes, no and abstain)");
	if (q->established) {
		rh_add_text(counts, " \u00B7 quorum ");
		rh_telf(counts, "strong", NULL, "%ld", q->required);
	}
	quorum_bar(card, r);
	ct_buf d = CT_BUF_INIT;
	ct_quorum_describe(&d, q, &r->rules);
	/* The derivation comes as "term: words" lines. */
	node dl = rh_el(card, "dl", "derivation");
	for (char *line = d.buf; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		char *colon = strstr(line, ": ");
		if (colon) {
			*colon = '\0';
			rh_tel(dl, "dt", NULL, line);
			rh_tel(dl, "dd", NULL, colon + 2);
		} else if (*line) {
			rh_tel(dl, "dd", "wide", line);
		}
		line = end ? end + 1 : NULL;
	}
	ct_buf_release(&d);
}

static void checklist(node parent, const ct_tally_result *r)
{
	const ct_verdict *v = &r->verdict;
	node ul = rh_el(parent, "ul", "checks");
	if (!r->period_known) {
		node li = rh_el(ul, "li", NULL);
		mark(li, 0);
		rh_tel(li, "span", "what", "Voting period");
		rh_tel(li, "span", "detail", "no voting period could be read, so no vote can be judged");
	}
	for (int cat = 0; cat < 2; cat++) {
		const ct_category_result *cr = &v->cat[cat];
		node li = rh_el(ul, "li", NULL);
		mark(li, cr->met);
		node what = rh_el(li, "span", "what");
		rh_add_textf(what, "%s: ", cat_label(r, cat));
		rh_add_text(what, cr->required);
		rh_tel(li, "span", "detail", cr->margin);
	}
	const ct_quorum *q = &v->quorum;
	node li = rh_el(ul, "li", NULL);
	mark(li, q->established ? q->met == 1 : -1);
	node what = rh_el(li, "span", "what");
	if (q->established)
		rh_add_textf(what, "Quorum (%s): at least %ld participants", q->citation ? q->citation : "",
			  q->required);
	else
		rh_add_textf(what, "Quorum (%s)", q->citation ? q->citation : "");
	if (q->established && q->met == 1)
		rh_telf(li, "span", "detail", "%ld participated", q->participants);
	else if (q->established)
		rh_telf(li, "span", "detail", "%ld participated; %ld more needed", q->participants,
		     q->required - q->participants);
	else
		rh_telf(li, "span", "detail", "%ld participated; not established: no attendance, active "
		     "count or quorum was given", q->participants < 0 ? 0 : q->participants);
}

static void reasons(node parent, const ct_tally_result *r)
{
	if (!r->verdict.nreasons)
		return;
	node d = rh_el(parent, "div", "reasons");
	rh_tel(d, "span", NULL, "The rules' reasons:");
	node ol = rh_el(d, "ol", NULL);
	for (size_t i = 0; i < r->verdict.nreasons; i++)
		rh_tel(ol, "li", NULL, r->verdict.reasons[i]);
}

/* Ledger entries of `status` (late or early) with how far off they were. */
static void off_period(node parent, const ct_tally_result *r, ct_ledger_status status)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nledger; i++)
		n += r->ledger[i].status == status;
	if (!n)
		return;
	int late = status == CT_LEDGER_LATE;
	node card = rh_el(parent, "section", "card");
	rh_set_attr(card, "id", late ? "late" : "early");
	rh_tel(card, "h2", NULL, late ? "Late votes \u2014 not counted" : "Before voting opened \u2014 not counted");
	const ct_name_list *members = late ? &r->late : &r->early;
	if (members->count) {
		rh_tel(card, "p", "sub", late ? "Members whose only clear vote came at or after the close:" :
			"Members whose only clear vote came before the opening:");
		name_chips(card, members, "chips late");
	}
	node wrap = rh_el(card, "div", "scroll");
	node table = rh_el(wrap, "table", "off");
	node tr = rh_el(rh_el(table, "thead", NULL), "tr", NULL);
	rh_tel(tr, "th", NULL, "Sent (UTC)");
	rh_tel(tr, "th", NULL, late ? "After the close" : "Before the opening");
	rh_tel(tr, "th", NULL, "From");
	rh_tel(tr, "th", NULL, "Vote");
	rh_tel(tr, "th", NULL, "Their words");
	node tbody = rh_el(table, "tbody", NULL);
	for (size_t i = 0; i < r->nledger; i++) {
		const ct_ledger_entry *e = &r->ledger[i];
		if (e->status != status)
			continue;
		tr = rh_el(tbody, "tr", NULL);
		time_el(rh_el(tr, "td", "nowrap"), e->date, 1);
		ct_buf b = CT_BUF_INIT;
		int64_t off = late ? e->date - r->end : r->start - e->date;
		if (late && off == 0)
			ct_buf_addstr(&b, "at the close");
		else
			duration_text(&b, off);
		rh_tel(tr, "td", "nowrap", ct_buf_cstr(&b));
		ct_buf_release(&b);
		rh_tel(tr, "td", NULL, e->member ? e->member : e->sender ? e->sender : "");
		rh_tel(tr, "td", NULL, ct_vote_name(e->vote));
		rh_tel(tr, "td", NULL, e->evidence ? e->evidence : "");
	}
}

static void notes(node parent, const ct_tally_result *r)
{
	if (!r->warnings.count && !r->nrulings)
		return;
	node card = rh_el(parent, "section", "card");
	rh_set_attr(card, "id", "notes");
	rh_tel(card, "h2", NULL, "Notes");
	node ul = rh_el(card, "ul", "notes");
	for (size_t i = 0; i < r->nrulings; i++) {
		const ct_ruling_echo *e = &r->rulings[i];
		node li = rh_el(ul, "li", NULL);
		rh_add_textf(li, "Chair's ruling: %s ", e->ruling);
		rh_tel(li, "code", NULL, e->message_id);
		rh_add_textf(li, e->matched ? " (applied to %zu message%s)" : " (matched no message)",
			  e->matched, e->matched == 1 ? "" : "s");
	}
	for (size_t i = 0; i < r->warnings.count; i++) {
		node li = rh_el(ul, "li", NULL);
		rh_tel(li, "code", NULL, r->warnings.items[i].code);
		rh_add_text(li, " ");
		rh_add_text(li, r->warnings.items[i].message);
	}
}

#define NSTATUS (CT_LEDGER_EXCLUDED + 1)

static void ledger(node parent, const ct_tally_result *r)
{
	node det = rh_el(parent, "details", "card ledger-box");
	rh_set_attr(det, "id", "ledger");
	node sum = rh_el(det, "summary", NULL);
	rh_add_textf(sum, "Ledger: every message of the ballot (%zu)", r->nledger);
	size_t count[NSTATUS] = { 0 };
	for (size_t i = 0; i < r->nledger; i++)
		if ((unsigned)r->ledger[i].status < NSTATUS)
			count[r->ledger[i].status]++;
	ct_buf b = CT_BUF_INIT;
	for (int s = 0; s < NSTATUS; s++)
		if (count[s])
			ct_buf_addf(&b, "%s%zu %s", b.len ? ", " : " \u2014 ", count[s],
				    ct_ledger_status_name((ct_ledger_status)s));
	rh_tel(sum, "span", "muted", ct_buf_cstr(&b));
	ct_buf_release(&b);
	node wrap = rh_el(det, "div", "scroll");
	node table = rh_el(wrap, "table", "ledger");
	node tr = rh_el(rh_el(table, "thead", NULL), "tr", NULL);
	static const char *const heads[] = { "#", "Sent (UTC)", "From", "Category", "Vote", "Status",
		"Why, and the line that carries the vote" };
	for (size_t k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
		rh_tel(tr, "th", k == 0 ? "num" : NULL, heads[k]);
	node tbody = rh_el(table, "tbody", NULL);
	for (size_t i = 0; i < r->nledger; i++) {
		const ct_ledger_entry *e = &r->ledger[i];
		const char *st = ct_ledger_status_name(e->status);
		char cls[40];
		snprintf(cls, sizeof(cls), "st-%s", st);
		tr = rh_el(tbody, "tr", cls);
		rh_telf(tr, "td", "num", "%zu", i + 1);
		time_el(rh_el(tr, "td", "nowrap"), e->date, 1);
		node from = rh_el(tr, "td", "from");
		if (e->member)
			rh_tel(from, "span", NULL, e->member);
		if (e->sender)
			rh_tel(from, "small", NULL, e->sender);
		const char *cn = ct_category_name(e->category);
		rh_tel(tr, "td", NULL, cn ? cn : "\u2014");
		const char *vn = ct_vote_name(e->vote);
		snprintf(cls, sizeof(cls), "vote %s", vn);
		rh_tel(rh_el(tr, "td", NULL), "span", cls, vn);
		node sc = rh_el(tr, "td", NULL);
		snprintf(cls, sizeof(cls), "status %s", st);
		rh_tel(sc, "span", cls, st);
		if (e->ruling)
			rh_telf(sc, "small", "msgid", "ruling: %s", e->ruling);
		node why = rh_el(tr, "td", "reason");
		rh_add_text(why, e->reason ? e->reason : "");
		if (e->evidence)
			rh_tel(why, "span", "evidence", e->evidence);
		if (e->message_id)
			rh_tel(why, "span", "msgid", e->message_id);
	}
}

/* The outcome box: glyph, word and a line of why. */
static void outcome_box(node parent, const ct_tally_result *r)
{
	outcome_look o = rh_outcome_of(r);
	const ct_verdict *v = &r->verdict;
	char cls[64];
	snprintf(cls, sizeof(cls), "outcome o-%s%s", o.cls, v->provisional ? " o-provisional" : "");
	node box = rh_el(parent, "div", cls);
	rh_tel(box, "span", "glyph", o.glyph);
	node words = rh_el(box, "div", NULL);
	rh_tel(words, "b", NULL, o.word);
	const char *why;
	switch (v->outcome) {
	case CT_OUTCOME_PASSED:
		why = v->provisional ? "on the thresholds; quorum not established" :
		      "thresholds and quorum met";
		break;
	case CT_OUTCOME_FAILED:
		why = "a threshold was not met";
		break;
	case CT_OUTCOME_NO_QUORUM:
		why = "too few members participated";
		break;
	default:
		why = "no voting period could be read";
	}
	rh_tel(words, "span", "why", why);
}

/* "Voting 7 Nov 2019 03:00 – 14 Nov 2019 03:00 UTC · rules SCWG1.1+BL2.2" */
void rh_period_line(node parent, const ct_tally_result *r)
{
	node p = rh_el(parent, "p", "sub");
	if (r->period_known) {
		rh_add_text(p, "Voting ");
		time_el(p, r->start, 0);
		rh_add_text(p, " \u2013 ");
		time_el(p, r->end, 0);
		rh_add_text(p, " UTC");
	} else {
		rh_add_text(p, "Voting period not found");
	}
	ct_buf rn = CT_BUF_INIT;
	ct_rules_name(&r->rules, &rn);
	if (rn.len)
		rh_add_textf(p, " \u00B7 rules %s", ct_buf_cstr(&rn));
	ct_buf_release(&rn);
}

/* The body of one ballot: what both pages show. `full` adds the late and
 * early votes, notes and the ledger. */
void rh_ballot_body(node parent, const ct_tally_result *r, int full)
{
	node votes = rh_el(parent, "div", "section-head");
	rh_tel(votes, "h2", NULL, "Votes by category");
	vote_legend(votes);
	node cols = rh_el(parent, "div", "cols row");
	category_card(cols, r, CT_CATEGORY_ISSUER, full);
	category_card(cols, r, CT_CATEGORY_CONSUMER, full);
	quorum_card(parent, r, full);
	node verdict = rh_el(parent, "section", "card");
	if (full)
		rh_set_attr(verdict, "id", "verdict");
	rh_tel(verdict, "h2", NULL, "Verdict");
	checklist(verdict, r);
	reasons(verdict, r);
	names_card(parent, r, full);
	if (!full)
		return;
	if (r->period_known) {
		off_period(parent, r, CT_LEDGER_LATE);
		off_period(parent, r, CT_LEDGER_EARLY);
	}
	notes(parent, r);
	ledger(parent, r);
}

/* ---- Pages ---- */

void rh_page_open(page *pg, const char *title)
{
	memset(pg, 0, sizeof(*pg));
	pg->doc = htmlNewDocNoDtD(NULL, NULL);
	/* No output encoder: the tree is UTF-8 already, and with the document
	 * marked UTF-8 the serializer writes text and attributes as they are
	 * (escaping only markup) instead of as entities. */
	pg->doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlCreateIntSubset(pg->doc, BAD_CAST "html", NULL, NULL);
	node html = xmlNewDocNode(pg->doc, NULL, BAD_CAST "html", NULL);
	xmlDocSetRootElement(pg->doc, html);
	rh_set_attr(html, "lang", "en");
	pg->head = rh_el(html, "head", NULL);
	rh_set_attr(rh_el(pg->head, "meta", NULL), "charset", "utf-8");
	node m = rh_el(pg->head, "meta", NULL);
	rh_set_attr(m, "name", "viewport");
	rh_set_attr(m, "content", "width=device-width, initial-scale=1");
	/* Defence in depth: even a page someone edits cannot fetch or run anything. */
	m = rh_el(pg->head, "meta", NULL);
	rh_set_attr(m, "http-equiv", "Content-Security-Policy");
	rh_set_attr(m, "content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
	m = rh_el(pg->head, "meta", NULL);
	rh_set_attr(m, "name", "generator");
	rh_set_attr(m, "content", "cabtally");
	rh_tel(pg->head, "title", NULL, title);
	node style = rh_el(pg->head, "style", NULL);
	xmlAddChild(style, xmlNewText(BAD_CAST page_css));
	pg->body = rh_el(html, "body", NULL);
	svg_defs(pg->body);
	pg->main = rh_el(pg->body, "main", "page");
}

/* The placeholder of part k, as the serializer writes it: a comment with
 * control characters in it, which clean() keeps out of every text and
 * attribute (attribute values keep a raw '<', so a plain comment could be
 * forged by a name in a title attribute). */
static void part_mark(char out[48], size_t k)
{
	snprintf(out, 48, "<!--\001cabtally-part-%zu\001-->", k);
}

/* Write out `n`, a finished part of the page, now and free its tree; a
 * comment holds its place until page_close. HTML5 elements (section,
 * details) get no line breaks around them from libxml2's serializer, so the
 * page's bytes are those of one whole dump; only no record needs its whole
 * tree in memory at once. */
void rh_page_flush(page *pg, node n)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	htmlNodeDumpFormatOutput(ob, pg->doc, n, NULL, 1);
	ct_buf_add(&pg->parts, xmlOutputBufferGetContent(ob), xmlOutputBufferGetSize(ob));
	xmlOutputBufferClose(ob);
	pg->ends = ct_realloc(pg->ends, (pg->nparts + 1) * sizeof(*pg->ends));
	pg->ends[pg->nparts] = pg->parts.len;
	char mark[48];
	part_mark(mark, pg->nparts++);
	mark[strlen(mark) - 3] = '\0'; /* the comment's text, without "<!--" and "-->" */
	node c = xmlNewDocComment(pg->doc, BAD_CAST mark + 4);
	xmlReplaceNode(n, c);
	xmlFreeNode(n);
}

void rh_page_close(page *pg, ct_buf *out)
{
	xmlOutputBufferPtr ob = xmlAllocOutputBuffer(NULL);
	htmlDocContentDumpFormatOutput(ob, pg->doc, NULL, 1);
	const char *text = (const char *)xmlOutputBufferGetContent(ob);
	size_t len = xmlOutputBufferGetSize(ob), at = 0;
	for (size_t k = 0; k < pg->nparts; k++) {
		char mark[48];
		part_mark(mark, k);
		const char *m = memmem(text + at, len - at, mark, strlen(mark));
		if (!m)
			break; /* cannot happen: every part left its mark */
		ct_buf_add(out, text + at, (size_t)(m - (text + at)));
		size_t from = k ? pg->ends[k - 1] : 0;
		ct_buf_add(out, pg->parts.buf + from, pg->ends[k] - from);
		at = (size_t)(m - text) + strlen(mark);
	}
	ct_buf_add(out, text + at, len - at);
	xmlOutputBufferClose(ob);
	xmlFreeDoc(pg->doc);
	pg->doc = NULL;
	ct_buf_release(&pg->parts);
	free(pg->ends);
	pg->ends = NULL;
	pg->nparts = 0;
}

void rh_footer(node parent, const char *what)
{
	node f = rh_el(parent, "footer", NULL);
	rh_add_textf(f, "%s All times are UTC. This page is self-contained: no scripts, nothing loaded "
		  "from the network.", what);
}

void ct_render_html(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta)
{
	ct_buf name = CT_BUF_INIT;
	rh_ballot_name(&name, r, meta);
	const char *title = rh_ballot_title(meta);
	outcome_look o = rh_outcome_of(r);
	ct_buf t = CT_BUF_INIT;
	ct_buf_addf(&t, "%s%s%s \u2014 %s", ct_buf_cstr(&name), title ? ": " : "", title ? title : "",
		    o.word);
	page pg;
	rh_page_open(&pg, ct_buf_cstr(&t));
	ct_buf_release(&t);

	node head = rh_el(pg.main, "header", "card masthead");
	node left = rh_el(head, "div", NULL);
	rh_telf(left, "p", "kicker", "%s \u00B7 ballot result", group_words(rh_group_of(r)));
	node h1 = rh_el(left, "h1", NULL);
	rh_tel(h1, "span", "id", ct_buf_cstr(&name));
	if (title) {
		rh_add_text(h1, " ");
		rh_telf(h1, "span", "title", "\u2013 %s", title);
	}
	rh_period_line(left, r);
	outcome_box(head, r);
	ct_buf_release(&name);

	rh_ballot_body(pg.main, r, 1);
	if (meta && meta->ballot_text && *meta->ballot_text) {
		node det = rh_el(pg.main, "details", "card");
		rh_set_attr(det, "id", "ballot-text");
		rh_tel(det, "summary", NULL, "The ballot as announced");
		rh_tel(det, "pre", "ballot-text", meta->ballot_text);
	}
	ct_buf f = CT_BUF_INIT;
	ct_buf_addf(&f, "Tallied by cabtally from %zu message%s of the list archives.", r->nledger,
		    r->nledger == 1 ? "" : "s");
	rh_footer(pg.main, ct_buf_cstr(&f));
	ct_buf_release(&f);
	rh_page_close(&pg, out);
}
