/* vote_resolve: from vote phrases to readings — one reading per ballot a
 * message names, conflicting values made unclear, a changed vote kept as
 * the latest, the evidence line for each (vote_int.h). */
#include "vote_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cabtally/ballot.h"

static void evidence_of(ct_buf *o, const char *src, size_t len, size_t s, size_t e)
{
	while (s > 0 && src[s - 1] != '\n')
		s--;
	while (e < len && src[e] != '\n')
		e++;
	while (s < e && (src[s] == ' ' || src[s] == '\t'))
		s++;
	while (e > s && (src[e - 1] == ' ' || src[e - 1] == '\t' || src[e - 1] == '\r'))
		e--;
	if (e - s > 300) {
		e = s + 300;
		while (e > s && ((unsigned char)src[e] & 0xC0) == 0x80)
			e--;
	}
	for (size_t i = s; i < e; i++)
		ct_buf_addch(o, src[i] == '\n' || src[i] == '\r' ? ' ' : src[i]);
}

static char *evidence_for(const source *src, const vmatch *m)
{
	ct_buf o = CT_BUF_INIT;
	if (m->in_subject)
		evidence_of(&o, src->subject, src->subject_len, 0, src->subject_len);
	else
		evidence_of(&o, src->body, src->body_len, m->s, m->e);
	return ct_buf_detach(&o);
}

static int is_vote_value(ct_vote_class v)
{
	return v == CT_VOTE_YES || v == CT_VOTE_NO || v == CT_VOTE_ABSTAIN;
}

static ct_vote_reading *new_reading(ct_vote_result *res)
{
	res->items = ct_realloc(res->items, (res->count + 1) * sizeof(*res->items));
	ct_vote_reading *rd = &res->items[res->count++];
	memset(rd, 0, sizeof(*rd));
	return rd;
}

static char *reason_text(const vmatch *m, ct_vote_reason reason, const char *thread,
			 ct_vote_class other)
{
	ct_buf o = CT_BUF_INIT;
	switch (reason) {
	case CT_VOTE_R_CONFLICT:
		ct_buf_addf(&o, "'%s' and '%s' for one ballot in one message",
			    ct_vote_class_name(m->value), ct_vote_class_name(other));
		break;
	case CT_VOTE_R_CONDITIONAL:
		ct_buf_addf(&o, "conditional vote ('%s')", m->detail[0] ? m->detail : "if");
		break;
	case CT_VOTE_R_QUESTION:
		ct_buf_addstr(&o, "a question, not a vote");
		break;
	case CT_VOTE_R_NO_OBJECTION:
		ct_buf_addstr(&o, "'no objection' is not a clear yes");
		break;
	case CT_VOTE_R_HYPOTHETICAL:
		ct_buf_addstr(&o, "says what it would vote, not what it votes");
		break;
	case CT_VOTE_R_FUTURE:
		ct_buf_addstr(&o, "announces a vote instead of casting it");
		break;
	case CT_VOTE_R_BARE_ANSWER:
		ct_buf_addf(&o, "a lone '%s' among other text may answer a question",
			    ct_vote_class_name(m->value));
		break;
	case CT_VOTE_R_WRONG_BALLOT:
		ct_buf_addf(&o, "names ballot %s, not %s", m->ballot, thread);
		break;
	case CT_VOTE_R_LOOKALIKE:
		ct_buf_addstr(&o, "vote words that are not a vote");
		break;
	default:
		break;
	}
	return o.len ? ct_buf_detach(&o) : NULL;
}

/* Turn the candidates of one ballot (indices idx[0..n)) into a reading. */
static void resolve_group(ct_vote_result *res, const source *src, const mlist *ml,
			  const size_t *idx, size_t n, const char *key, const char *thread)
{
	const vmatch *first_vote = NULL, *change = NULL, *cond = NULL, *flag = NULL,
		     *other = NULL, *bare = NULL;
	const char *org = NULL;
	int version = 0;
	for (size_t i = 0; i < n; i++) {
		const vmatch *m = &ml->v[idx[i]];
		if (!org && m->org && m->reason != CT_VOTE_R_LOOKALIKE)
			org = m->org;
		if (!version && m->version)
			version = m->version;
		if (m->change && m->reason == CT_VOTE_R_NONE)
			change = m;
		if (m->reason == CT_VOTE_R_CONDITIONAL && !cond)
			cond = m;
		if (m->reason == CT_VOTE_R_NONE && is_vote_value(m->value)) {
			if (!first_vote)
				first_vote = m;
			else if (m->value != first_vote->value && !other)
				other = m;
		} else if (m->reason == CT_VOTE_R_BARE_ANSWER && !bare) {
			bare = m;
		} else if (m->reason != CT_VOTE_R_LOOKALIKE && !flag) {
			flag = m;
		}
	}
	/* a bare answer agreeing with a clear vote is part of it; disagreeing, a conflict */
	if (first_vote && bare && bare->value != first_vote->value && !other)
		other = bare;
	if (!first_vote && bare)
		for (size_t i = 0; i < n; i++) {
			const vmatch *m = &ml->v[idx[i]];
			if (m->reason == CT_VOTE_R_BARE_ANSWER && m->value != bare->value && !other)
				other = m;
		}
	const vmatch *pick;
	ct_vote_reason reason = CT_VOTE_R_NONE;
	ct_vote_class cls;
	if (change) {
		pick = change;
		cls = change->value;
	} else if (first_vote && other) {
		pick = first_vote;
		reason = CT_VOTE_R_CONFLICT;
		cls = CT_VOTE_UNCLEAR;
	} else if (!first_vote && bare && other) {
		pick = bare;
		reason = CT_VOTE_R_CONFLICT;
		cls = CT_VOTE_UNCLEAR;
	} else if (cond) {
		pick = cond;
		reason = CT_VOTE_R_CONDITIONAL;
		cls = CT_VOTE_UNCLEAR;
	} else if (first_vote) {
		pick = first_vote;
		cls = first_vote->value;
	} else if (bare) {
		pick = bare;
		reason = CT_VOTE_R_BARE_ANSWER;
		cls = CT_VOTE_UNCLEAR;
	} else if (flag) {
		pick = flag;
		reason = flag->reason;
		/* "we would vote yes", "we will vote yes": said about a vote, not
		 * cast (the field study's post-deadline statements) */
		cls = reason == CT_VOTE_R_HYPOTHETICAL || reason == CT_VOTE_R_FUTURE ? CT_VOTE_NONE
										 : CT_VOTE_UNCLEAR;
	} else {
		return; /* only lookalikes: handled by the caller */
	}
	ct_vote_reading *rd = new_reading(res);
	rd->cls = cls;
	rd->value = reason == CT_VOTE_R_CONFLICT ? CT_VOTE_NONE : pick->value;
	if (cls != CT_VOTE_UNCLEAR && key[0] && thread && strcmp(key, thread) != 0)
		reason = CT_VOTE_R_WRONG_BALLOT;
	rd->reason = reason;
	rd->reason_text = reason_text(pick, reason, thread, other ? other->value : CT_VOTE_NONE);
	if (reason == CT_VOTE_R_WRONG_BALLOT) {
		free(rd->reason_text);
		ct_buf o = CT_BUF_INIT;
		ct_buf_addf(&o, "names ballot %s, not %s", key, thread);
		rd->reason_text = ct_buf_detach(&o);
	}
	if (reason == CT_VOTE_R_CONFLICT && other) {
		ct_buf o = CT_BUF_INIT;
		char *a = evidence_for(src, pick), *b = evidence_for(src, other);
		ct_buf_addstr(&o, a);
		if (strcmp(a, b) != 0) {
			ct_buf_addstr(&o, " | ");
			ct_buf_addstr(&o, b);
		}
		free(a);
		free(b);
		rd->evidence = ct_buf_detach(&o);
	} else {
		rd->evidence = evidence_for(src, pick);
	}
	rd->org = org ? ct_strdup(org) : NULL;
	snprintf(rd->ballot, sizeof(rd->ballot), "%s", key);
	rd->ballot_version = version;
	rd->from_subject = pick->in_subject;
}

/* The key a candidate is grouped under: its ballot, "" for the thread's. */
static const char *group_key(const vmatch *m, const char *thread)
{
	if (!m->ballot[0] || (thread && strcmp(m->ballot, thread) == 0))
		return thread ? thread : "";
	return m->ballot;
}

void vote_resolve(ct_vote_result *res, const source *src, const mlist *ml, const char *thread)
{
	size_t *idx = ct_malloc((ml->n ? ml->n : 1) * sizeof(*idx));
	char (*keys)[24] = ct_malloc((ml->n + 1) * sizeof(*keys));
	size_t nkeys = 0;
	/* the thread's ballot first, then the others in the order named */
	snprintf(keys[nkeys++], 24, "%s", thread ? thread : "");
	for (size_t i = 0; i < ml->n; i++) {
		const char *k = group_key(&ml->v[i], thread);
		size_t j = 0;
		while (j < nkeys && strcmp(keys[j], k) != 0)
			j++;
		if (j == nkeys)
			snprintf(keys[nkeys++], 24, "%s", k);
	}
	for (size_t j = 0; j < nkeys; j++) {
		size_t n = 0;
		for (size_t i = 0; i < ml->n; i++)
			if (strcmp(group_key(&ml->v[i], thread), keys[j]) == 0)
				idx[n++] = i;
		if (!n)
			continue;
		/* the reading names the ballot only when the author did */
		int named = 0;
		for (size_t i = 0; i < n; i++)
			named |= ml->v[idx[i]].ballot[0] != '\0';
		resolve_group(res, src, ml, idx, n, named ? keys[j] : "", thread);
	}
	if (res->count == 0) {
		ct_vote_reading *rd = new_reading(res);
		for (size_t i = 0; i < ml->n; i++) {
			if (ml->v[i].reason == CT_VOTE_R_LOOKALIKE) {
				rd->reason = CT_VOTE_R_LOOKALIKE;
				rd->reason_text = reason_text(&ml->v[i], rd->reason, thread, CT_VOTE_NONE);
				rd->evidence = evidence_for(src, &ml->v[i]);
				rd->from_subject = ml->v[i].in_subject;
				break;
			}
		}
	}
	free(idx);
	free(keys);
}

