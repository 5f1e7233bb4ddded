/*
 * render: a finished tally result as the Forum publishes it — the website
 * post (Markdown with optional Hugo front matter) and the mailing-list
 * message (plain text) — in the layout of the result's era:
 *
 *   CT_LAYOUT_2017  "Voting by CAs – 19 votes total, including abstentions",
 *                   names in the order the votes arrived, Bylaw 2.2(f)/(g)
 *                   paragraphs, "**Ballot 187 passes.**" (Ballot 187);
 *   CT_LAYOUT_2019  "## Ballot Results", "Voting by Certificate Issuers – 15
 *                   votes total including abstentions", bulleted lists
 *                   sorted by name (a renamed member by its former name, as
 *                   the Forum sorted "Sectigo (former Comodo CA)"), the
 *                   "Relevant Bylaw references" (SC23);
 *   CT_LAYOUT_2023  "**Voting Results**", "N Issuers voting YES: …",
 *                   "**Bylaws Requirements**" with MET / NOT MET (SC-64).
 *
 * CT_LAYOUT_AUTO picks by the rules in force: CA/browser labels → 2017;
 * voting that starts on or after 2022-10-01 → 2023; otherwise 2019.
 *
 * The renderers only read the result; every number comes from the verdict
 * the rules computed. Output is UTF-8 with the Forum's typography (’ – “ ”).
 */
#ifndef CABTALLY_RENDER_H
#define CABTALLY_RENDER_H

#include <stdint.h>

#include "cabtally/tally.h"
#include "cabtally/util.h"

typedef enum ct_layout {
	CT_LAYOUT_AUTO = 0,
	CT_LAYOUT_2017,
	CT_LAYOUT_2019,
	CT_LAYOUT_2023,
} ct_layout;

/* What the result does not know itself. Every pointer may be NULL. */
typedef struct ct_render_meta {
	const char *ballot_display; /* "187", "SC23", "SC-064"; default: the result's id */
	const char *version;        /* "v3" */
	const char *title;          /* "Precertificates" */
	ct_layout layout;
	int front_matter;           /* md: write Hugo front matter */
	const char *author;         /* front matter author */
	int64_t post_date;          /* front matter date; INT64_MIN: the period's end */
	const char *ballot_text;    /* the announcement's own text, printed below the results */
	int explain;                /* append the ledger */
} ct_render_meta;

/* Parse "2017", "2019", "2023" or "auto". Returns 0 or CT_EUSAGE. */
int ct_layout_parse(ct_layout *out, const char *s);

/* The layout `meta` asks for, or the era's when AUTO. */
ct_layout ct_render_layout(const ct_tally_result *r, const ct_render_meta *meta);

/* Append the Forum web post (Markdown). Every '<' after the front matter
 * (from mail or the roster: the renderer writes none) is written "&lt;",
 * so no string from mail becomes raw HTML on the site. */
void ct_render_md(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta);
/* Append the mailing-list message (plain text). */
void ct_render_text(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta);
/* Append the ledger as a plain-text table (for --explain and `votes`). */
void ct_render_ledger(ct_buf *out, const ct_tally_result *r, int md);

/* Join names as the Forum does: "A, B, C" (`last` NULL or ", "), or with a
 * final conjunction (`last` ", and " / " and "). */
void ct_render_join(ct_buf *out, char *const *names, size_t n, const char *last);

/* ---- HTML pages (src/render_html.c, the record in src/render_html_record.c) ----
 *
 * Standalone UTF-8 HTML5 pages: no network, no JavaScript (a Content-
 * Security-Policy meta forbids both), inline CSS and inline SVG; readable
 * on a phone, printable, and never relying on colour alone (hatching,
 * glyphs and words carry the same meaning). Built with libxml2's tree API:
 * every string from mail becomes a text node or attribute value, so the
 * serializer escapes it ("<script>" arrives as "&lt;script&gt;"); invalid
 * UTF-8 becomes U+FFFD and control characters spaces. docs/html.md shows
 * what the pages hold.
 */

/* Append the page of one ballot: the outcome, a requirement checklist with
 * margins and the rules' reasons, per category a yes/no/abstain bar against
 * the threshold line and the names, the quorum bar, the late and early
 * votes, rulings and warnings, the ledger (a table inside <details>) and,
 * when meta->ballot_text is set, the ballot as announced. `meta` may be
 * NULL; its layout, front_matter, author, post_date and explain are not
 * used (the ledger is always on the page). */
void ct_render_html(ct_buf *out, const ct_tally_result *r, const ct_render_meta *meta);

/* Append the page of a voting record: `n` results, each with metas[i]
 * (`metas` may be NULL: the results' ids are shown). Holds a timeline by
 * start of voting (passed / failed / no quorum lanes; no-period ballots
 * listed under it), a table of ballots, a member x ballot participation
 * grid (counted yes/no/abstain and late votes, by member id), and per
 * ballot a collapsible section with its checklist and bars (the ledger is
 * left to the one-ballot page). The input order does not matter. */
void ct_render_html_all(ct_buf *out, const ct_tally_result *const *results,
	const ct_render_meta *metas, size_t n);

#endif
