/* html: HTML mail parts to plain text with quoted parts marked "> " (html.h). */
#include "cabtally/html.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* The text being built: one pending line plus what the finished lines need. */
typedef struct emitter {
	ct_buf *out;
	ct_buf line;
	int line_content;  /* the line holds text or an &nbsp; */
	int line_depth;    /* quote depth of the pending line */
	int space_pending; /* collapsed whitespace waiting before the next word */
	int blank_pending; /* a blank line is owed before the next line */
	int blank_depth;
	size_t nlines;     /* lines written so far */
	int depth;         /* quote depth from open containers */
	int rest_quoted;   /* Outlook's reply divider was passed */
	int pre;           /* inside <pre> */
	int line_pre;      /* the pending line came from <pre>: keep its indent */
	size_t quote_start; /* nlines when the innermost quote level opened */
} emitter;

/* What entering an element changed, undone on leaving it. */
typedef struct frame {
	int depth_added;
	int pre_added;
	int paragraph;
	int block;
} frame;

static int cur_depth(const emitter *e)
{
	return e->depth + e->rest_quoted;
}

static void write_prefixed(emitter *e, int depth, const char *text, size_t len)
{
	size_t start = e->out->len;
	for (int i = 0; i < depth; i++)
		ct_buf_add(e->out, "> ", 2);
	ct_buf_add(e->out, text, len);
	size_t n = e->out->len;
	while (n > start && e->out->buf[n - 1] == ' ')
		n--;
	ct_buf_truncate(e->out, n);
	ct_buf_addch(e->out, '\n');
}

/* End the pending line. An empty line is written only when `forced` (a <br>
 * or a block holding just &nbsp;), and then only as an owed blank line, so
 * blank lines never lead, trail or repeat. */
static void flush_line(emitter *e, int forced)
{
	const char *s = ct_buf_cstr(&e->line);
	size_t len = e->line.len;
	while (len && *s == ' ' && !e->line_pre) {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	int depth = e->line_content ? e->line_depth : cur_depth(e);
	if (len == 0) {
		if ((forced || e->line_content) && e->nlines && !e->blank_pending) {
			e->blank_pending = 1;
			e->blank_depth = depth;
		}
	} else {
		if (e->blank_pending && e->nlines)
			write_prefixed(e, e->blank_depth < depth ? e->blank_depth : depth, "", 0);
		e->blank_pending = 0;
		write_prefixed(e, depth, s, len);
		e->nlines++;
	}
	ct_buf_reset(&e->line);
	e->line_content = 0;
	e->line_pre = 0;
	e->space_pending = 0;
}

/* A paragraph boundary. The margin above a paragraph that opens a quote is
 * left out: the "> " already sets it apart. */
static void want_blank(emitter *e, int opening)
{
	flush_line(e, 0);
	if (opening && cur_depth(e) > 0 && e->nlines == e->quote_start)
		return;
	if (e->nlines && !e->blank_pending) {
		e->blank_pending = 1;
		e->blank_depth = cur_depth(e);
	}
}

static void add_char(emitter *e, const char *c, size_t n)
{
	if (!e->line_content) {
		e->line_content = 1;
		e->line_depth = cur_depth(e);
		e->line_pre = e->pre > 0;
	}
	ct_buf_add(&e->line, c, n);
}

static int collapsible(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Bytes from `p` up to the next one add_text treats on its own. */
static size_t plain_run(const char *p, int pre)
{
	size_t n = 0;
	for (;; n++) {
		unsigned char c = (unsigned char)p[n];
		if (!c || (pre ? c == '\n' || c == '\r' || c == '\t' : collapsible(c)) ||
		    (c == 0xc2 && (unsigned char)p[n + 1] == 0xa0))
			return n;
	}
}

static void add_text(emitter *e, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (e->pre) {
			if (c == '\n') {
				flush_line(e, 1);
			} else if (c == '\t') {
				add_char(e, " ", 1);
			} else if (c != '\r') {
				size_t n = plain_run(p, 1);
				add_char(e, p, n ? n : 1);
				p += n ? n - 1 : 0;
			}
			continue;
		}
		if (collapsible(c)) {
			e->space_pending = 1;
		} else if (c == 0xc2 && (unsigned char)p[1] == 0xa0) {
			add_char(e, " ", 1); /* &nbsp; is not collapsed */
			e->space_pending = 0;
			p++;
		} else {
			if (e->space_pending && e->line.len && e->line.buf[e->line.len - 1] != ' ')
				add_char(e, " ", 1);
			e->space_pending = 0;
			size_t n = plain_run(p, 0);
			add_char(e, p, n);
			p += n - 1;
		}
	}
}

static int name_is(const xmlNode *n, const char *name)
{
	return n->name && ct_strcasecmp((const char *)n->name, name) == 0;
}

static int in_list(const xmlNode *n, const char *const *names)
{
	for (size_t i = 0; names[i]; i++)
		if (name_is(n, names[i]))
			return 1;
	return 0;
}

static const char *const dropped[] = { "head", "style", "script", "title", "template",
	"xml", "object", "iframe", "svg", NULL };

static const char *const blocks[] = { "address", "article", "aside", "blockquote", "body",
	"center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
	"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
	"html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
	"tbody", "thead", "tfoot", "tr", "ul", "caption", NULL };

static const char *const paragraphs[] = { "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
	NULL };

/* Is `token` one of the whitespace-separated words of attribute `attr`? */
static int attr_has_token(const xmlNode *n, const char *attr, const char *token)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	if (!v)
		return 0;
	int found = 0;
	size_t tl = strlen(token);
	for (const char *p = (const char *)v; *p && !found;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		size_t wl = strcspn(p, " \t\r\n");
		found = wl == tl && ct_strncasecmp(p, token, tl) == 0;
		p += wl;
	}
	xmlFree(v);
	return found;
}

static int attr_contains(const xmlNode *n, const char *attr, const char *needle)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	if (!v)
		return 0;
	int found = ct_memcasemem((const char *)v, strlen((const char *)v), needle) != NULL;
	xmlFree(v);
	return found;
}

/* The next node in document order after `n`'s subtree (or its first child
 * when `into`), staying below `stop`. */
static xmlNode *next_node(xmlNode *n, int into, const xmlNode *stop)
{
	if (into && n->children)
		return n->children;
	while (n && n != stop && !n->next)
		n = n->parent;
	return n && n != stop ? n->next : NULL;
}

/* Up to `max` bytes of the text from `n` onwards (its subtree when `within`,
 * else what follows it in the document), whitespace squeezed. */
static void text_ahead(const xmlNode *n, int within, ct_buf *out, size_t max)
{
	const xmlNode *stop = within ? n : NULL;
	xmlNode *cur = within ? n->children : next_node((xmlNode *)n, 0, NULL);
	while (cur && out->len < max) {
		if (cur->type == XML_ELEMENT_NODE && in_list(cur, dropped)) {
			cur = next_node(cur, 0, stop);
			continue;
		}
		if (cur->type == XML_TEXT_NODE && cur->content) {
			for (const char *p = (const char *)cur->content; *p && out->len < max; p++) {
				int sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
					 ((unsigned char)*p == 0xa0 && out->len);
				if (!sp)
					ct_buf_addch(out, *p);
				else if (out->len && out->buf[out->len - 1] != ' ')
					ct_buf_addch(out, ' ');
			}
		}
		cur = next_node(cur, 1, stop);
	}
}

/* Does the text start like an Outlook reply header ("From: …", "Sent: …")?
 * Localised labels of the versions seen on CA/B Forum lists included. */
static int starts_like_reply_header(const xmlNode *n, int within)
{
	static const char *const labels[] = { "From:", "Sent:", "De:", "De :", "Von:", "Van:",
		"Da:", "Fra:", "Från:", "Od:", "Expéditeur :", "Lähettäjä:", NULL };
	ct_buf t = CT_BUF_INIT;
	text_ahead(n, within, &t, 80);
	const char *s = ct_buf_cstr(&t);
	while (*s == ' ' || (unsigned char)*s == 0xc2 || (unsigned char)*s == 0xa0)
		s++;
	int yes = 0;
	for (size_t i = 0; labels[i] && !yes; i++)
		yes = ct_strncasecmp(s, labels[i], strlen(labels[i])) == 0;
	ct_buf_release(&t);
	return yes;
}

static int has_blockquote_below(const xmlNode *n)
{
	for (xmlNode *cur = n->children; cur; cur = next_node(cur, 1, n))
		if (cur->type == XML_ELEMENT_NODE && name_is(cur, "blockquote"))
			return 1;
	return 0;
}

static int is_quote_container(const xmlNode *n)
{
	static const char *const classes[] = { "gmail_quote", "yahoo_quoted", "protonmail_quote",
		"moz-cite-prefix", NULL };
	if (name_is(n, "blockquote"))
		return 1;
	for (size_t i = 0; classes[i]; i++)
		if (attr_has_token(n, "class", classes[i]))
			return !has_blockquote_below(n);
	return 0;
}

static int is_outlook_divider(const xmlNode *n)
{
	if (name_is(n, "hr"))
		return starts_like_reply_header(n, 0);
	if (!name_is(n, "div"))
		return 0;
	if (attr_has_token(n, "id", "divRplyFwdMsg") || attr_has_token(n, "id", "appendonsend"))
		return 1;
	if (!attr_contains(n, "style", "border-top"))
		return 0;
	if (!attr_contains(n, "style", "#E1E1E1") && !attr_contains(n, "style", "#B5C4DF"))
		return 0;
	return starts_like_reply_header(n, 1);
}

static void enter(emitter *e, const xmlNode *n, frame *f)
{
	memset(f, 0, sizeof(*f));
	if (name_is(n, "br")) {
		flush_line(e, 1);
		return;
	}
	if (name_is(n, "td") || name_is(n, "th")) {
		e->space_pending = 1;
		return;
	}
	f->block = in_list(n, blocks);
	f->paragraph = in_list(n, paragraphs) && !attr_has_token(n, "class", "MsoNormal");
	if (!e->rest_quoted && is_outlook_divider(n)) {
		flush_line(e, 0);
		e->rest_quoted = 1;
		e->quote_start = e->nlines;
	}
	if (is_quote_container(n)) {
		flush_line(e, 0);
		f->depth_added = 1;
		e->depth++;
		e->quote_start = e->nlines;
	}
	if (f->paragraph)
		want_blank(e, 1);
	else if (f->block)
		flush_line(e, 0);
	if (name_is(n, "pre")) {
		f->pre_added = 1;
		e->pre++;
	}
}

static void leave(emitter *e, const frame *f)
{
	if (f->paragraph)
		want_blank(e, 0);
	else if (f->block || f->depth_added)
		flush_line(e, 0);
	e->depth -= f->depth_added;
	e->pre -= f->pre_added;
}

static void walk(emitter *e, xmlNode *root)
{
	size_t nframes = 0, aframes = 16;
	frame *frames = ct_malloc(aframes * sizeof(*frames));
	xmlNode *cur = root;
	while (cur) {
		int descend = 0;
		if (cur->type == XML_ELEMENT_NODE && !in_list(cur, dropped)) {
			if (nframes == aframes) {
				aframes *= 2;
				frames = ct_realloc(frames, aframes * sizeof(*frames));
			}
			enter(e, cur, &frames[nframes]);
			if (cur->children) {
				nframes++;
				descend = 1;
			} else {
				leave(e, &frames[nframes]);
			}
		} else if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
			   cur->content) {
			add_text(e, (const char *)cur->content);
		}
		if (descend) {
			cur = cur->children;
			continue;
		}
		while (cur && !cur->next) {
			cur = cur->parent;
			if (!cur || cur->type != XML_ELEMENT_NODE || nframes == 0) {
				cur = NULL;
				break;
			}
			leave(e, &frames[--nframes]);
		}
		if (cur)
			cur = cur->next;
	}
	free(frames);
}

void ct_html_global_init(void)
{
	xmlInitParser();
}

int ct_html_to_text(ct_buf *out, const char *html, size_t len, const char *charset,
		    ct_error *err)
{
	if (len == 0)
		return 0;
	if (len >= 3 && memcmp(html, "\xef\xbb\xbf", 3) == 0) {
		html += 3;
		len -= 3;
	}
	/* libxml2 wraps text met outside any element in an implied <p>, which
	 * would add paragraph breaks a browser does not show; an explicit
	 * <body> in front avoids that for documents that do not have one. */
	ct_buf in = CT_BUF_INIT;
	if (!ct_memcasemem(html, len, "<body")) {
		ct_buf_addstr(&in, "<body>");
		ct_buf_add(&in, html, len);
		html = in.buf;
		len = in.len;
	}
	if (len > INT_MAX)
		len = INT_MAX;
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
		   HTML_PARSE_NOWARNING;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, charset, opts);
	ct_buf_release(&in);
	if (!doc)
		return ct_error_set(err, CT_EINVALID, "unreadable html");
	emitter e;
	memset(&e, 0, sizeof(e));
	e.out = out;
	ct_buf_init(&e.line);
	walk(&e, doc->children);
	flush_line(&e, 0);
	ct_buf_release(&e.line);
	xmlFreeDoc(doc);
	return 0;
}
