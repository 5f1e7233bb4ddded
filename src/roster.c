/* roster: read a roster XML file safely, validate it (RELAX NG + own checks). */
#include "roster_internal.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the libxml2 callbacks report into; reached through ctxt->_private or
 * the RELAX NG error data pointer, never through global state. */
struct diag_sink {
	const char *file;
	ct_warnings *diags; /* caller's, may be NULL */
	ct_buf first;
	size_t count;
	int entity_declared;
};

static void sink_add(struct diag_sink *s, int line, const char *msg, size_t len)
{
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (s->count == 0)
		ct_buf_addf(&s->first, "%s:%d: %.*s", s->file, line, (int)len, msg);
	if (s->diags)
		ct_warnings_add(s->diags, "roster", "%s:%d: %.*s", s->file, line, (int)len, msg);
	s->count++;
}

static void sink_addf(struct diag_sink *s, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void sink_addf(struct diag_sink *s, int line, const char *fmt, ...)
{
	ct_buf b = CT_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ct_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	sink_add(s, line, ct_buf_cstr(&b), b.len);
	ct_buf_release(&b);
}

static void on_parse_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = user;
	struct diag_sink *s = ctxt ? ctxt->_private : NULL;
	if (!s || !e || e->level == XML_ERR_WARNING)
		return;
	sink_add(s, e->line, e->message ? e->message : "malformed XML",
		e->message ? strlen(e->message) : 13);
}

static void on_valid_error(void *user, xmlErrorPtr e)
{
	struct diag_sink *s = user;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	sink_add(s, e->line, e->message ? e->message : "invalid",
		e->message ? strlen(e->message) : 7);
}

/* Any entity declaration stops the parser before it can be used: this is
 * what keeps "billion laughs" and external entities (file:///etc/passwd) out,
 * whatever the input encoding. */
static void on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *pub,
	const xmlChar *sys, xmlChar *content)
{
	(void)type, (void)pub, (void)sys, (void)content;
	xmlParserCtxtPtr ctxt = user;
	struct diag_sink *s = ctxt->_private;
	if (!s->entity_declared)
		sink_addf(s, xmlSAX2GetLineNumber(ctxt),
			"entity declarations are not allowed in a roster ('%s')", (const char *)name);
	s->entity_declared = 1;
	xmlStopParser(ctxt);
}

static void on_unparsed_entity_decl(void *user, const xmlChar *name, const xmlChar *pub,
	const xmlChar *sys, const xmlChar *notation)
{
	(void)notation;
	on_entity_decl(user, name, 0, pub, sys, NULL);
}

/* NONET, and deliberately neither NOENT (substitution) nor DTDLOAD/DTDVALID. */
#define SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

static xmlDocPtr parse_safely(const char *data, size_t len, struct diag_sink *s)
{
	if (len > INT32_MAX) {
		sink_addf(s, 0, "file too large");
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		sink_addf(s, 0, "out of memory");
		return NULL;
	}
	ctxt->_private = s;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->unparsedEntityDecl = on_unparsed_entity_decl;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, s->file, NULL, SAFE_OPTIONS);
	int ok = doc && ctxt->wellFormed && !s->entity_declared;
	if (doc && !ok) {
		if (s->count == 0)
			sink_addf(s, 0, "malformed XML");
		xmlFreeDoc(doc);
		doc = NULL;
	} else if (!doc && s->count == 0) {
		sink_addf(s, 0, "malformed XML");
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

static int validate_schema(xmlDocPtr doc, const char *schema_path, struct diag_sink *s, ct_error *err)
{
	char *text = NULL;
	size_t len = 0;
	if (ct_read_file(schema_path, &text, &len) < 0)
		return ct_error_set(err, CT_EIO, "%s: cannot read the roster schema", schema_path);
	struct diag_sink ss = { schema_path, NULL, CT_BUF_INIT, 0, 0 };
	xmlDocPtr sdoc = parse_safely(text, len, &ss);
	free(text);
	xmlRelaxNGParserCtxtPtr pctxt = sdoc ? xmlRelaxNGNewDocParserCtxt(sdoc) : NULL;
	xmlRelaxNGPtr schema = NULL;
	if (pctxt) {
		xmlRelaxNGSetParserStructuredErrors(pctxt, on_valid_error, &ss);
		schema = xmlRelaxNGParse(pctxt);
		xmlRelaxNGFreeParserCtxt(pctxt);
	}
	if (!schema) {
		ct_error_set(err, CT_ERROR, "%s: unusable roster schema: %s", schema_path,
			ss.count ? ct_buf_cstr(&ss.first) : "cannot compile");
		ct_buf_release(&ss.first);
		if (sdoc)
			xmlFreeDoc(sdoc);
		return CT_ERROR;
	}
	ct_buf_release(&ss.first);
	xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema);
	int rc = -1;
	if (vctxt) {
		xmlRelaxNGSetValidStructuredErrors(vctxt, on_valid_error, s);
		rc = xmlRelaxNGValidateDoc(vctxt, doc);
		xmlRelaxNGFreeValidCtxt(vctxt);
	}
	xmlRelaxNGFree(schema);
	xmlFreeDoc(sdoc);
	if (rc != 0 && s->count == 0)
		sink_addf(s, 0, "does not match the roster schema");
	return rc == 0 ? 0 : CT_EINVALID;
}

int ct_roster_load(ct_roster **out, const char *path, const char *schema_path,
	ct_warnings *diags, ct_error *err)
{
	*out = NULL;
	char *data = NULL;
	size_t len = 0;
	if (ct_read_file(path, &data, &len) < 0)
		return ct_error_set(err, CT_EIO, "%s: cannot read the roster", path);
	int rc = ct_roster_load_memory(out, data, len, path, schema_path, diags, err);
	free(data);
	return rc;
}

/* ---- from the XML tree to plain structs --------------------------------- */

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = ct_strdup((const char *)v);
	xmlFree(v);
	return s;
}

static char *text_of(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *t = v ? (const char *)v : "";
	while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
		t++;
	size_t len = strlen(t);
	while (len && (t[len - 1] == ' ' || t[len - 1] == '\t' || t[len - 1] == '\n' || t[len - 1] == '\r'))
		len--;
	char *s = ct_strndup(t, len);
	if (v)
		xmlFree(v);
	return s;
}

static int line_of(xmlNodePtr n)
{
	return (int)xmlGetLineNo(n);
}

static int is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* A YYYY-MM-DD day (attribute `name` of n), or `dflt` when absent. */
static int64_t day_attr(xmlNodePtr n, const char *name, int64_t dflt, struct diag_sink *s)
{
	char *v = attr(n, name);
	if (!v)
		return dflt;
	int64_t t = dflt;
	char back[11];
	if (strlen(v) != 10 || ct_time_parse_iso(v, &t) < 0 ||
	    (ct_time_format_date(t, back), strcmp(back, v) != 0)) {
		sink_addf(s, line_of(n), "%s=\"%s\" is not a date (YYYY-MM-DD)", name, v);
		t = dflt;
	}
	free(v);
	return t;
}

static void interval(xmlNodePtr n, int64_t *from, int64_t *until, struct diag_sink *s)
{
	*from = day_attr(n, "from", -CT_ROSTER_OPEN, s);
	*until = day_attr(n, "until", CT_ROSTER_OPEN, s);
	if (*from >= *until)
		sink_addf(s, line_of(n), "'from' is not before 'until'");
}

static void lower(char *p)
{
	for (; *p; p++)
		*p = (char)ct_ascii_tolower((unsigned char)*p);
}

#define PUSH(arr, n, item) do { \
		(arr) = ct_realloc((arr), ((n) + 1) * sizeof(*(arr))); \
		(arr)[(n)++] = (item); \
	} while (0)

static ct_roster_category category_of(const char *v)
{
	if (v && !strcmp(v, "issuer"))
		return CT_CAT_ISSUER;
	if (v && !strcmp(v, "consumer"))
		return CT_CAT_CONSUMER;
	return CT_CAT_NONE;
}

static ct_member_status status_of(const char *v)
{
	if (!v || !strcmp(v, "voting"))
		return CT_MS_VOTING;
	if (!strcmp(v, "probationary"))
		return CT_MS_PROBATIONARY;
	if (!strcmp(v, "associate"))
		return CT_MS_ASSOCIATE;
	if (!strcmp(v, "interested-party"))
		return CT_MS_INTERESTED_PARTY;
	return CT_MS_NONE;
}

static void add_membership(ct_member *m, xmlNodePtr n, struct diag_sink *s)
{
	ct_roster_membership ms = { 0 };
	ms.group = attr(n, "group");
	char *cat = attr(n, "category"), *st = attr(n, "status");
	ms.category = category_of(cat);
	ms.status = status_of(st);
	if (!ms.group || !*ms.group)
		sink_addf(s, line_of(n), "membership without a group");
	if (ms.category == CT_CAT_NONE)
		sink_addf(s, line_of(n), "membership category must be 'issuer' or 'consumer'");
	if (ms.status == CT_MS_NONE)
		sink_addf(s, line_of(n), "unknown membership status '%s'", st);
	free(cat);
	free(st);
	if (!ms.group)
		ms.group = ct_strdup("");
	interval(n, &ms.from, &ms.until, s);
	for (size_t i = 0; i < m->nmemberships; i++) {
		const ct_roster_membership *o = &m->memberships[i];
		if (!strcmp(o->group, ms.group) && ms.from < o->until && o->from < ms.until)
			sink_addf(s, line_of(n), "member '%s' has two memberships in '%s' at once",
				m->id, ms.group);
	}
	PUSH(m->memberships, m->nmemberships, ms);
}

static void add_dated(ct_roster_dated **arr, size_t *n, xmlNodePtr node, struct diag_sink *s)
{
	ct_roster_dated d;
	d.value = text_of(node);
	lower(d.value);
	interval(node, &d.from, &d.until, s);
	if (!*d.value || strchr(d.value, ' '))
		sink_addf(s, line_of(node), "empty or malformed <%s>", (const char *)node->name);
	PUSH(*arr, *n, d);
}

static int cmp_name_from(const void *a, const void *b)
{
	const ct_roster_name *x = a, *y = b;
	return x->from < y->from ? -1 : x->from > y->from;
}

static void read_member(ct_member *m, xmlNodePtr node, struct diag_sink *s)
{
	m->line = line_of(node);
	m->id = attr(node, "id");
	if (!m->id || !*m->id) {
		sink_addf(s, m->line, "member without an id");
		free(m->id);
		m->id = ct_strdup("");
	}
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (is(c, "name")) {
			ct_roster_name nm = { text_of(c), day_attr(c, "from", -CT_ROSTER_OPEN, s) };
			PUSH(m->names, m->nnames, nm);
		} else if (is(c, "alias")) {
			PUSH(m->aliases, m->naliases, text_of(c));
		} else if (is(c, "domain")) {
			add_dated(&m->domains, &m->ndomains, c, s);
		} else if (is(c, "address")) {
			add_dated(&m->addresses, &m->naddresses, c, s);
		} else if (is(c, "membership")) {
			add_membership(m, c, s);
		}
	}
	if (!m->nnames)
		sink_addf(s, m->line, "member '%s' has no name", m->id);
	if (m->nnames > 1) /* qsort(NULL, 0) is undefined */
		qsort(m->names, m->nnames, sizeof(*m->names), cmp_name_from);
	for (size_t i = 1; i < m->nnames; i++)
		if (m->names[i].from == m->names[i - 1].from)
			sink_addf(s, m->line, "member '%s' has two names from the same date", m->id);
}

static void build(ct_roster *r, xmlNodePtr root, struct diag_sink *s)
{
	if (!root || !is(root, "roster")) {
		sink_addf(s, root ? line_of(root) : 1, "the root element is not <roster>");
		return;
	}
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is(c, "member"))
			continue;
		r->members = ct_realloc(r->members, (r->nmembers + 1) * sizeof(*r->members));
		ct_member *m = &r->members[r->nmembers++];
		memset(m, 0, sizeof(*m));
		read_member(m, c, s);
		for (size_t i = 0; i + 1 < r->nmembers; i++)
			if (!strcmp(r->members[i].id, m->id))
				sink_addf(s, m->line, "duplicate member id '%s' (also line %d)",
					m->id, r->members[i].line);
	}
	const ct_member *a = NULL, *b = NULL;
	long k = ct_roster_index(r, &a, &b);
	if (k >= 0)
		sink_addf(s, b->line, "member '%s' has a name or alias that also names '%s' (line %d)",
			b->id, a->id, a->line);
	for (size_t i = 0; i < r->nkeys; i++)
		if (r->keys[i].len == 0)
			sink_addf(s, r->keys[i].member->line, "member '%s' has a name with no letters or digits",
				r->keys[i].member->id);
}

int ct_roster_load_memory(ct_roster **out, const char *data, size_t len, const char *name,
	const char *schema_path, ct_warnings *diags, ct_error *err)
{
	*out = NULL;
	struct diag_sink s = { name, diags, CT_BUF_INIT, 0, 0 };
	int rc = 0;
	xmlDocPtr doc = parse_safely(data, len, &s);
	if (!doc)
		rc = CT_EINVALID;
	if (!rc && schema_path)
		rc = validate_schema(doc, schema_path, &s, err);
	ct_roster *r = NULL;
	if (!rc) {
		r = ct_calloc(1, sizeof(*r));
		build(r, xmlDocGetRootElement(doc), &s);
		if (s.count)
			rc = CT_EINVALID;
	}
	if (rc == CT_EINVALID)
		ct_error_set(err, CT_EINVALID, "%s%s", ct_buf_cstr(&s.first),
			s.count > 1 ? " (and more problems)" : "");
	if (doc)
		xmlFreeDoc(doc);
	ct_buf_release(&s.first);
	if (rc) {
		ct_roster_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void ct_roster_free(ct_roster *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nmembers; i++) {
		ct_member *m = &r->members[i];
		free(m->id);
		for (size_t j = 0; j < m->nnames; j++)
			free(m->names[j].text);
		for (size_t j = 0; j < m->naliases; j++)
			free(m->aliases[j]);
		for (size_t j = 0; j < m->ndomains; j++)
			free(m->domains[j].value);
		for (size_t j = 0; j < m->naddresses; j++)
			free(m->addresses[j].value);
		for (size_t j = 0; j < m->nmemberships; j++)
			free(m->memberships[j].group);
		free(m->names);
		free(m->aliases);
		free(m->domains);
		free(m->addresses);
		free(m->memberships);
	}
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i].key);
	free(r->keys);
	free(r->members);
	free(r);
}
