/*
 * render_html_int: what the two HTML pages share — the element helpers
 * over libxml2's tree (every string through clean(): valid UTF-8, no
 * control characters), a ballot's cards, and the page frame. The single
 * ballot's page is in render_html.c, the voting record in
 * render_html_record.c. Internal to the render module.
 */
#ifndef CABTALLY_RENDER_HTML_INT_H
#define CABTALLY_RENDER_HTML_INT_H

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "cabtally/render.h"

typedef xmlNodePtr node;

/* ---- text and elements (escaped by the serializer) ---- */
void rh_add_text(node parent, const char *s);
void rh_add_textf(node parent, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rh_set_attr(node n, const char *name, const char *value);
void rh_set_attrf(node n, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A percentage attribute ("37.5%"). */
void rh_set_pct(node n, const char *name, double frac);
/* A new child element, with a class when `cls` is not NULL; tel and telf
 * with text in it. */
node rh_el(node parent, const char *name, const char *cls);
node rh_tel(node parent, const char *name, const char *cls, const char *s);
node rh_telf(node parent, const char *name, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
node rh_svg_rect(node parent, double x, double w, const char *y, const char *h, const char *fill);
node rh_svg_text(node parent, double x, const char *y, const char *anchor, const char *cls,
		 const char *s);

/* ---- names and words ---- */
const char *rh_display_id(const ct_tally_result *r, const ct_render_meta *meta);
void rh_ballot_name(ct_buf *b, const ct_tally_result *r, const ct_render_meta *meta);
const char *rh_ballot_title(const ct_render_meta *meta);
const char *rh_group_of(const ct_tally_result *r);
const char *rh_group_short(const char *g);

/* What the outcome is called, its class suffix and glyph. */
typedef struct outcome_look {
	const char *word, *cls, *glyph;
} outcome_look;
outcome_look rh_outcome_of(const ct_tally_result *r);

/* ---- a ballot's cards ---- */
void rh_period_line(node parent, const ct_tally_result *r);
/* Bars, names, quorum, checklist and notes; `full` adds the ledger. */
void rh_ballot_body(node parent, const ct_tally_result *r, int full);

/* ---- the page ---- */
typedef struct page {
	htmlDocPtr doc;
	node head, body, main;
	ct_buf parts;     /* parts written out early, one after the other */
	size_t *ends;     /* where each ends in `parts` */
	size_t nparts;
} page;

void rh_page_open(page *pg, const char *title);
/* Write out a finished part of the page now and free its tree. */
void rh_page_flush(page *pg, node n);
/* The whole page, appended to `out`; the page is released. */
void rh_page_close(page *pg, ct_buf *out);
void rh_footer(node parent, const char *what);

#endif
