/* tally_json: the JSON result of INTERFACE.md, deterministic to the byte. */
#include "cabtally/tally.h"

static void str_or_null(ct_buf *out, const char *s)
{
	if (s)
		ct_buf_add_json_string(out, s);
	else
		ct_buf_addstr(out, "null");
}

static void time_or_null(ct_buf *out, int known, int64_t t)
{
	if (!known) {
		ct_buf_addstr(out, "null");
		return;
	}
	char d[21];
	ct_time_format_iso(t, d);
	ct_buf_add_json_string(out, d);
}

static void names(ct_buf *out, const ct_name_list *l)
{
	ct_buf_addch(out, '[');
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			ct_buf_addstr(out, ", ");
		ct_buf_add_json_string(out, l->items[i]);
	}
	ct_buf_addch(out, ']');
}

static const char *tf(int b)
{
	return b ? "true" : "false";
}

static void category(ct_buf *out, const ct_tally_result *r, ct_category c)
{
	const ct_category_result *cr = &r->verdict.cat[c];
	ct_buf_addstr(out, "{\"label\": ");
	ct_buf_add_json_string(out, ct_rules_label(&r->rules, c));
	static const char *const keys[] = { "yes", "no", "abstain" };
	for (int k = 0; k < 3; k++) {
		ct_buf_addf(out, ", \"%s\": ", keys[k]);
		names(out, &r->names[c][k]);
	}
	ct_buf_addf(out, ", \"counts\": {\"yes\": %ld, \"no\": %ld, \"abstain\": %ld}",
		cr->n.yes, cr->n.no, cr->n.abstain);
	ct_buf_addstr(out, ", \"percent_yes\": ");
	if (cr->percent_yes < 0)
		ct_buf_addstr(out, "null");
	else
		ct_buf_addf(out, "%d", cr->percent_yes);
	ct_buf_addstr(out, ", \"required\": ");
	ct_buf_add_json_string(out, cr->required);
	ct_buf_addf(out, ", \"required_yes\": %ld, \"threshold_met\": %s, \"one_yes_met\": %s, "
		"\"met\": %s, \"more_yes_needed\": %ld, \"margin\": ",
		cr->required_yes, cr->threshold_na ? "null" : tf(cr->threshold_met),
		tf(cr->one_yes_met), tf(cr->met), cr->more_yes_needed);
	ct_buf_add_json_string(out, cr->margin);
	ct_buf_addch(out, '}');
}

static void ledger_entry(ct_buf *out, const ct_ledger_entry *e)
{
	char d[21];
	ct_time_format_iso(e->date, d);
	ct_buf_addstr(out, "{\"message_id\": ");
	str_or_null(out, e->message_id);
	ct_buf_addstr(out, ", \"file\": ");
	str_or_null(out, e->file);
	ct_buf_addf(out, ", \"offset\": %lld, \"date\": \"%s\", \"sender\": ", (long long)e->offset, d);
	str_or_null(out, e->sender);
	ct_buf_addstr(out, ", \"member\": ");
	str_or_null(out, e->member);
	ct_buf_addstr(out, ", \"category\": ");
	str_or_null(out, ct_category_name(e->category));
	ct_buf_addf(out, ", \"vote\": \"%s\", \"status\": \"%s\", \"reason\": ",
		ct_vote_name(e->vote), ct_ledger_status_name(e->status));
	str_or_null(out, e->reason);
	ct_buf_addstr(out, ", \"evidence\": ");
	str_or_null(out, e->evidence);
	ct_buf_addstr(out, ", \"ruling\": ");
	str_or_null(out, e->ruling);
	ct_buf_addch(out, '}');
}

static void head(ct_buf *out, const ct_tally_result *r, const ct_tally_meta *m)
{
	ct_buf_addstr(out, "{\n  \"schema_version\": 1,\n  \"tool\": ");
	str_or_null(out, m->tool);
	ct_buf_addstr(out, ",\n  \"inputs\": [");
	for (size_t i = 0; i < m->ninputs; i++) {
		ct_buf_addstr(out, i ? ", {\"file\": " : "{\"file\": ");
		str_or_null(out, m->inputs[i].file);
		ct_buf_addstr(out, ", \"sha256\": ");
		str_or_null(out, m->inputs[i].sha256);
		ct_buf_addf(out, ", \"messages\": %ld}", m->inputs[i].messages);
	}
	ct_buf_addstr(out, "],\n  \"ballot\": {\"id\": ");
	ct_buf_add_json_string(out, r->ballot_id);
	ct_buf_addstr(out, ", \"version\": ");
	str_or_null(out, m->ballot_version);
	ct_buf_addstr(out, ", \"title\": ");
	str_or_null(out, m->ballot_title);
	ct_buf_addstr(out, ", \"group\": ");
	ct_buf_add_json_string(out, m->group ? m->group : ct_rules_main(&r->rules)->group);
	ct_buf_addstr(out, "},\n  \"period\": ");
	if (!r->period_known) {
		ct_buf_addstr(out, "null");
	} else {
		ct_buf_addstr(out, "{\"start\": ");
		time_or_null(out, 1, r->start);
		ct_buf_addstr(out, ", \"end\": ");
		time_or_null(out, 1, r->end);
		ct_buf_addstr(out, ", \"source\": ");
		str_or_null(out, m->period_source);
		ct_buf_addch(out, '}');
	}
	ct_buf_addstr(out, ",\n  \"rules\": ");
	ct_rules_to_json(out, &r->rules);
}

void ct_tally_result_to_json(ct_buf *out, const ct_tally_result *r, const ct_tally_meta *meta)
{
	static const ct_tally_meta none = { 0 };
	const ct_tally_meta *m = meta ? meta : &none;
	head(out, r, m);
	ct_buf_addstr(out, ",\n  \"categories\": {\n    \"issuer\": ");
	category(out, r, CT_CATEGORY_ISSUER);
	ct_buf_addstr(out, ",\n    \"consumer\": ");
	category(out, r, CT_CATEGORY_CONSUMER);
	ct_buf_addstr(out, "\n  },\n  \"quorum\": ");
	ct_quorum_to_json(out, &r->verdict.quorum);
	ct_buf_addstr(out, ",\n  \"late\": ");
	names(out, &r->late);
	ct_buf_addstr(out, ",\n  \"early\": ");
	names(out, &r->early);
	ct_buf_addf(out, ",\n  \"outcome\": \"%s\",\n  \"provisional\": %s,\n  \"reasons\": [",
		ct_outcome_name(r->verdict.outcome), tf(r->verdict.provisional));
	for (size_t i = 0; i < r->verdict.nreasons; i++) {
		ct_buf_addstr(out, i ? ",\n    " : "\n    ");
		ct_buf_add_json_string(out, r->verdict.reasons[i]);
	}
	ct_buf_addstr(out, r->verdict.nreasons ? "\n  ],\n  \"warnings\": [" : "],\n  \"warnings\": [");
	for (size_t i = 0; i < r->warnings.count; i++) {
		ct_buf_addstr(out, i ? ",\n    {\"code\": " : "\n    {\"code\": ");
		ct_buf_add_json_string(out, r->warnings.items[i].code);
		ct_buf_addstr(out, ", \"message\": ");
		ct_buf_add_json_string(out, r->warnings.items[i].message);
		ct_buf_addch(out, '}');
	}
	ct_buf_addstr(out, r->warnings.count ? "\n  ],\n  \"rulings\": [" : "],\n  \"rulings\": [");
	for (size_t i = 0; i < r->nrulings; i++) {
		ct_buf_addstr(out, i ? ", {\"message_id\": " : "{\"message_id\": ");
		ct_buf_add_json_string(out, r->rulings[i].message_id);
		ct_buf_addstr(out, ", \"ruling\": ");
		ct_buf_add_json_string(out, r->rulings[i].ruling);
		ct_buf_addf(out, ", \"matched\": %zu}", r->rulings[i].matched);
	}
	ct_buf_addstr(out, "],\n  \"ledger\": [");
	for (size_t i = 0; i < r->nledger; i++) {
		ct_buf_addstr(out, i ? ",\n    " : "\n    ");
		ledger_entry(out, &r->ledger[i]);
	}
	ct_buf_addstr(out, r->nledger ? "\n  ]\n}\n" : "]\n}\n");
}
