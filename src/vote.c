/* vote: read votes from fresh text and subject (see vote.h). */
#include "cabtally/vote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "cabtally/ballot.h"
#include "vote_int.h"

/* Pieces the patterns share. Q: quotes and emphasis around a value word. */
#define Q "[\"'‘’“”«»„*_]*"
#define NB "(?![\\p{L}\\p{N}])"
#define VER "(?:\\s?(?:v\\.?\\s?|version\\s+)\\d{1,2})?"
#define ID_PREFIXED \
	"(?<![\\p{L}\\p{N}])(?:SC|SMC|CSCWG|CSC|NSWG|NS|FORUM)\\s?[-–]?\\s?\\d{1,4}" VER NB
/* A bare number is a ballot only where the grammar expects one, and never
 * the start of a date ("on 3 March", "on 2019-11-07"). */
#define ID_NUM \
	"[\\[#]?\\d{1,3}\\]?" VER "(?![\\p{L}\\p{N}]|\\s*[-/.:]\\d|\\s+(?:jan|feb|mar|apr|may" \
	"|jun|jul|aug|sep|oct|nov|dec)|(?:st|nd|rd|th)\\b)"
#define ID_ANY "(?:" ID_PREFIXED "|" ID_NUM ")"
#define ADV "(?:(?:hereby|officially|formally|also|now|therefore|thus|hence|then" \
	"|herewith|accordingly|respectfully|kindly|still)\\s+)*"
#define WANT "(?:(?:would|'d|’d)\\s+like\\s+to\\s+|wish(?:es)?\\s+to\\s+|wants?\\s+to\\s+)?"
#define VAL "(yes|no|abstain|abstention|in\\s+favou?r(?:\\s+of)?|against|to\\s+abstain" \
	"|to\\s+approve|to\\s+accept|to\\s+reject|approve|aye|nay|yea" \
	"|for(?=\\s+(?:the\\s+|this\\s+)?(?:ballot|motion|proposal)\\b" \
	"|\\s+(?:SC|SMC|CSC|NS|FORUM)\\s?-?\\s?\\d))"
#define BAREVAL "(yes|no|abstain|abstention|abstains|\\+1|aye|nay|yea)"

enum {
	R_VERB,        /* 1 verb, 2 value */
	R_ABSTAIN,     /* 1 verb */
	R_TAIL,        /* 1 id (anchored after a value) */
	R_TAIL_MORE,   /* 1 id (anchored after an id) */
	R_PREFIX_ID,   /* 1 id (anchored at a sentence start) */
	R_VAL_ON_ID,   /* 1 value, 2 id */
	R_VAL_FROM,    /* 1 value, 2 who */
	R_VAL_BEHALF,  /* 1 value, 2 who */
	R_ORG_COLON,   /* 1 who, 2 value */
	R_BARE,        /* 1 value, 2 punctuation */
	R_VAL_COND,    /* 1 value, 2 condition word */
	R_LOOK,        /* 1 value */
	R_COND,        /* 1 condition word */
	R_COND_START,  /* 1 condition word */
	R_COND_NEXT,   /* 1 condition word */
	R_NOOBJ,
	R_BEHALF,
	R_SUBJ_PREFIX,
	R_SUBJ_END,    /* 1 value */
	R_VOTEWORD,    /* a line that is more than a greeting or a name */
	R_GREETING,
	NRE
};

static const char *const patterns[NRE] = {
	[R_VERB] = ADV WANT
	"(votes?|voting|vote\\s+is|casts?\\s+(?:its|our|my|their|a)\\s+vote(?:\\s+of)?"
	"|chang(?:e|es|ed|ing)\\s+(?:its|our|my|their|the)\\s+vote(?:\\s+from\\s+" Q "\\w+" Q ")?\\s+to"
	"|switch(?:es|ed|ing)?\\s+(?:its|our|my|their)\\s+vote(?:\\s+from\\s+" Q "\\w+" Q ")?\\s+to"
	"|voted)\\s*(?:[:=\\-–—]+\\s*)?" Q VAL Q NB,
	[R_ABSTAIN] = ADV "(abstains|abstain|(?:is|are|am)\\s+abstaining|abstaining)" NB,
	[R_TAIL] =
	"\\s*" Q "\\s*(?:,\\s*)?(?:from\\s+(?:voting\\s+)?)?(?:(?:on|to|for|in|regarding|re"
	"|from|concerning|about|with\\s+respect\\s+to)\\s*:?\\s+)?(?:the\\s+)?"
	"(?:(?:special\\s+)?ballots?\\s*)?(" ID_ANY ")",
	[R_TAIL_MORE] = "\\s*(?:,|and|&|as\\s+well\\s+as)\\s*(?:(?:ballot|on)\\s+)?(" ID_ANY ")",
	[R_PREFIX_ID] =
	"\\s*(?:(?:regarding|re|on|for|about|concerning|as\\s+for|as\\s+to)\\s*:?\\s+)?"
	"(?:the\\s+)?((?:(?:special\\s+)?ballot\\s+" ID_ANY ")|" ID_PREFIXED ")\\s*[:,\\-–—]?\\s*",
	[R_VAL_ON_ID] =
	"(?:^|[,;]\\s*|\\b(?:and|also|but)\\s+)" Q "(yes|no|abstain|abstention)" Q
	"\\s*:?\\s*(?:on|to|for|in|regarding)\\s+(?:the\\s+)?(?:(?:special\\s+)?ballots?\\s+)?(" ID_ANY ")",
	[R_VAL_FROM] =
	"^\\s*" Q "(yes|no|abstain|abstention|\\+1)" Q "\\s*[,.!:]?\\s+(?:from|for)\\s+(.+?)\\s*[.!]*\\s*$",
	[R_VAL_BEHALF] =
	"^\\s*" Q "(yes|no|abstain|abstention|\\+1)" Q "\\s*[,.!:]?\\s+on\\s+behalf\\s+of\\s+(.+?)\\s*[.!]*\\s*$",
	[R_ORG_COLON] =
	"^\\s*([^:=]{1,80}?)\\s*(?::|=|\\s[-–—]+)\\s*" Q "(yes|no|abstain|abstains|abstention)" Q "\\s*[.!]*\\s*$",
	[R_BARE] = "^\\s*" Q BAREVAL Q "\\s*([.!?]*)\\s*" Q "\\s*$",
	[R_VAL_COND] =
	"^\\s*" Q "(yes|no|abstain)" Q "\\s*[,;:—–-]?\\s*(?:but\\s+)?(?:only\\s+)?(if|provided|providing"
	"|as\\s+long\\s+as|assuming|on\\s+(?:the\\s+)?condition|subject\\s+to|unless"
	"|pending|conditional(?:ly)?|contingent)\\b",
	[R_LOOK] = "^\\s*" Q "(yes|no|abstain|\\+1)" NB,
	[R_COND] =
	"(?<!even\\s)(?<!as\\s)\\b(if|provided\\s+that|providing|as\\s+long\\s+as|assuming"
	"|on\\s+(?:the\\s+)?condition|subject\\s+to|conditional(?:ly)?\\s+(?:on|upon)"
	"|contingent\\s+(?:on|upon)|unless|pending|only\\s+when)\\b",
	[R_COND_START] =
	"^\\W*(?:but\\s+|and\\s+|so\\s+)?(?:only\\s+)?(if|provided|providing|assuming"
	"|as\\s+long\\s+as|unless|in\\s+case)\\b",
	[R_COND_NEXT] =
	"^\\W*(?:but\\s+)?(only\\s+if|only\\s+when|provided\\s+that|providing\\s+that"
	"|on\\s+(?:the\\s+)?condition|as\\s+long\\s+as|assuming|conditional(?:ly)?\\s+(?:on|upon)"
	"|contingent\\s+(?:on|upon)|subject\\s+to)\\b",
	/* about the ballot, or on its own: "no objection to the timeline" is a comment */
	[R_NOOBJ] =
	"(?:\\bno\\s+objections?|\\b(?:do|does)\\s+not\\s+object|\\b(?:don|doesn)['’]t\\s+object"
	"|\\bnot\\s+opposed)\\b(?!\\s+(?:to|with|on|about|against|regarding)\\s+(?!(?:this|the)\\s+"
	"(?:ballot|motion|proposal)|ballot|(?:SC|SMC|CSC|NS|FORUM)\\s?-?\\s?\\d|\\d|it\\b))",
	[R_BEHALF] = "\\bon\\s+behalf\\s+of\\s+",
	[R_SUBJ_PREFIX] =
	"^\\s*(?:(?:re|aw|sv|vs|fw|fwd|tr|antw|odp|rif|res|enc|wg)\\s*(?:\\[\\d+\\])?\\s*[:：]\\s*"
	"|\\[[^\\]]{1,60}\\]\\s*)+",
	[R_SUBJ_END] =
	"(?:^|\\s[-–—:|]\\s*|[-–—:|]\\s+|\\(\\s*)" Q "(yes|no|abstain|abstains|abstention)" Q
	"\\s*\\)?\\s*[.!]*\\s*$",
	[R_VOTEWORD] =
	"\\b(?:yes|no|abstain\\w*|vote\\w*|ballot\\w*|agree\\w*|support\\w*|object\\w*|oppose\\w*"
	"|approve\\w*|favou?r)\\b|\\?|:\\s*$",
	[R_GREETING] =
	"^\\s*(?:hi|hello|hey|dear|all|good\\s+(?:morning|afternoon|evening)|greetings)\\b.{0,40}$",
};

struct ct_vote_reader {
	pcre2_code *re[NRE];
	pcre2_match_data *md;
};

int ct_vote_reader_new(ct_vote_reader **out, ct_error *err)
{
	ct_vote_reader *r = ct_calloc(1, sizeof(*r));
	for (int i = 0; i < NRE; i++) {
		int ec;
		PCRE2_SIZE eo;
		r->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
					 PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP |
					 PCRE2_MATCH_INVALID_UTF, &ec, &eo, NULL);
		if (!r->re[i]) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(ec, msg, sizeof(msg));
			ct_vote_reader_free(r);
			return ct_error_set(err, CT_ERROR, "vote: pattern %d offset %zu: %s", i,
					    (size_t)eo, (char *)msg);
		}
		/* JIT is an optimisation: the interpreter runs when it is missing. */
		(void)pcre2_jit_compile(r->re[i], PCRE2_JIT_COMPLETE);
	}
	r->md = pcre2_match_data_create(16, NULL);
	*out = r;
	return 0;
}

void ct_vote_reader_free(ct_vote_reader *r)
{
	if (!r)
		return;
	for (int i = 0; i < NRE; i++)
		pcre2_code_free(r->re[i]);
	pcre2_match_data_free(r->md);
	free(r);
}

const char *ct_vote_class_name(ct_vote_class c)
{
	static const char *const names[] = { "none", "yes", "no", "abstain", "unclear" };
	return (unsigned)c < 5 ? names[c] : "none";
}

const char *ct_vote_reason_name(ct_vote_reason r)
{
	static const char *const names[] = {
		"", "conflict", "conditional", "question", "no-objection", "hypothetical",
		"future", "bare-answer", "wrong-ballot", "lookalike",
	};
	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "";
}

int ct_vote_reading_counts(const ct_vote_reading *rd)
{
	return rd && rd->reason == CT_VOTE_R_NONE &&
	       (rd->cls == CT_VOTE_YES || rd->cls == CT_VOTE_NO || rd->cls == CT_VOTE_ABSTAIN);
}

/* ---- matching helpers ---- */

typedef struct span {
	size_t s, e;
} span;

/* Match pattern p in text[s, e) (from `from`, with options). Fills the
 * absolute spans of up to `ng` groups (group 0 first). Unset groups get
 * s == e == SIZE_MAX. */
static int rx(ct_vote_reader *r, int p, const char *text, size_t s, size_t e, size_t from,
	      uint32_t opts, span *g, int ng)
{
	int rc = pcre2_match(r->re[p], (PCRE2_SPTR)(text + s), e - s, from - s, opts, r->md, NULL);
	if (rc < 0)
		return 0;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
	for (int i = 0; i < ng; i++) {
		if (i < rc && ov[2 * i] != PCRE2_UNSET) {
			g[i].s = s + ov[2 * i];
			g[i].e = s + ov[2 * i + 1];
		} else {
			g[i].s = g[i].e = SIZE_MAX;
		}
	}
	return 1;
}

static int has(const span *g)
{
	return g->s != SIZE_MAX;
}

static int lower(int c)
{
	return ct_ascii_tolower(c);
}

static ct_vote_class value_of(const char *t, span g)
{
	size_t n = g.e - g.s;
	const char *s = t + g.s;
	if (n >= 2 && lower(s[0]) == 't' && lower(s[1]) == 'o') {
		/* "to abstain", "to approve", "to reject" */
		s += 2, n -= 2;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
	}
	if (!n)
		return CT_VOTE_NONE;
	switch (lower(s[0])) {
	case 'y': /* yes, yea */
	case 'i': /* in favour */
	case 'f': /* for */
	case '+': /* +1 */
		return CT_VOTE_YES;
	case 'n':
		return CT_VOTE_NO; /* no, nay */
	case 'g': /* against */
		return CT_VOTE_NO;
	case 'a':
		if (n >= 2 && lower(s[1]) == 'b')
			return CT_VOTE_ABSTAIN;
		if (n >= 2 && lower(s[1]) == 'g')
			return CT_VOTE_NO;          /* against */
		if (n >= 2 && (lower(s[1]) == 'p' || lower(s[1]) == 'c'))
			return CT_VOTE_YES;         /* approve, accept */
		return CT_VOTE_YES;                 /* aye */
	case 'r':
		return CT_VOTE_NO; /* reject */
	}
	return CT_VOTE_NONE;
}

/* ---- tokens and organization names ---- */

static int is_space_at(const char *t, size_t i, size_t e)
{
	if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')
		return 1;
	return i + 1 < e && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0;
}

static size_t space_len(const char *t, size_t i)
{
	return (unsigned char)t[i] == 0xC2 ? 2 : 1;
}

#define MAXTOK 24

/* Split t[s, e) into whitespace-separated tokens. */
static size_t tokenize(const char *t, size_t s, size_t e, span *tok, size_t max)
{
	size_t n = 0, i = s;
	while (i < e && n < max) {
		while (i < e && is_space_at(t, i, e))
			i += space_len(t, i);
		if (i >= e)
			break;
		size_t b = i;
		while (i < e && !is_space_at(t, i, e))
			i++;
		tok[n].s = b;
		tok[n].e = i;
		n++;
	}
	return n;
}

static int is_quote_byte_at(const char *t, size_t i, size_t e, size_t *len)
{
	unsigned char c = (unsigned char)t[i];
	if (c == '"' || c == '\'' || c == '*' || c == '_' || c == '(' || c == ')' || c == '[' ||
	    c == ']') {
		*len = 1;
		return 1;
	}
	/* ‘ ’ “ ” „ (E2 80 98/99/9C/9D/9E) and « » (C2 AB/BB) */
	if (c == 0xE2 && i + 2 < e && (unsigned char)t[i + 1] == 0x80) {
		unsigned char d = (unsigned char)t[i + 2];
		if (d == 0x98 || d == 0x99 || d == 0x9C || d == 0x9D || d == 0x9E) {
			*len = 3;
			return 1;
		}
	}
	if (c == 0xC2 && i + 1 < e &&
	    ((unsigned char)t[i + 1] == 0xAB || (unsigned char)t[i + 1] == 0xBB)) {
		*len = 2;
		return 1;
	}
	return 0;
}

/* The token without surrounding quotes, brackets and trailing punctuation. */
static span bare_token(const char *t, span k)
{
	size_t q;
	while (k.s < k.e && is_quote_byte_at(t, k.s, k.e, &q))
		k.s += q;
	for (;;) {
		if (k.e <= k.s)
			break;
		char c = t[k.e - 1];
		if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '.' ||
		    c == '"' || c == '\'' || c == '*' || c == '_' || c == ')' || c == ']') {
			k.e--;
			continue;
		}
		if (k.e - k.s >= 3 && (unsigned char)t[k.e - 3] == 0xE2 &&
		    (unsigned char)t[k.e - 2] == 0x80) {
			k.e -= 3;
			continue;
		}
		break;
	}
	return k;
}

static int tok_is(const char *t, span k, const char *w)
{
	k = bare_token(t, k);
	size_t n = strlen(w);
	return k.e - k.s == n && ct_strncasecmp(t + k.s, w, n) == 0;
}

static int tok_in(const char *t, span k, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (tok_is(t, k, list[i]))
			return 1;
	return 0;
}

/* Ends with "'s" or "’s": a possessive. */
static int tok_possessive(const char *t, span k)
{
	k = bare_token(t, k);
	size_t n = k.e - k.s;
	const char *s = t + k.s;
	if (n >= 3 && s[n - 2] == '\'' && lower(s[n - 1]) == 's')
		return 2;
	if (n >= 5 && (unsigned char)s[n - 4] == 0xE2 && (unsigned char)s[n - 3] == 0x80 &&
	    (unsigned char)s[n - 2] == 0x99 && lower(s[n - 1]) == 's')
		return 4;
	return 0;
}

/* Ends with a contraction suffix such as "'d", "'ll", "n't" (ASCII or ’). */
static int tok_suffix(const char *t, span k, const char *suf)
{
	k = bare_token(t, k);
	size_t n = k.e - k.s, m = strlen(suf);
	const char *s = t + k.s;
	if (n > m + 1 && s[n - m - 1] == '\'' && ct_strncasecmp(s + n - m, suf, m) == 0)
		return 1;
	if (n > m + 3 && (unsigned char)s[n - m - 3] == 0xE2 &&
	    (unsigned char)s[n - m - 2] == 0x80 && (unsigned char)s[n - m - 1] == 0x99 &&
	    ct_strncasecmp(s + n - m, suf, m) == 0)
		return 1;
	return 0;
}

static const char *const connectors[] = {
	"de", "of", "and", "&", "/", "du", "la", "der", "für", "y", "e", "del", "des", "di",
	"da", "van", "von", "-", "+", NULL,
};
/* Words that may open a sentence before the organization's name. */
static const char *const openers[] = {
	"so", "then", "hi", "hello", "dear", "all", "therefore", "thus", "also", "and", "but",
	"hence", "now", "today", "ok", "okay", "yes", "no", "finally", "accordingly", "again",
	"please", "the", "hereby", "well", "great", "thanks", "sorry", "overall", "here",
	"herewith", "good", "morning", "team", "everyone", "folks", "as", "such", "in", "on",
	"this", "that", "a", "an", "our", "my", "its", "their", "do", "does", "did", "is",
	"are", "was", "were", "can", "could", "should", "would", "will", NULL,
};
static const char *const pronouns[] = {
	"i", "we", "i'm", "we're", "i’m", "we’re", "i've", "we've", "us", "our", "my", NULL,
};
static const char *const not_voters[] = {
	"may", "might", "can", "should", "must", "to", "please", "not", "never", "cannot",
	"how", "who", "whom", "which", "that", "everyone", "everybody", "nobody", "anyone",
	"anybody", "someone", "members", "member", "they", "he", "she", "it", "people",
	"others", "you", "each", "all", "one", "those", "these", "many", "most", "some",
	"none", "if", "when", "whether", "why", "what", "let's", "let’s", "lets", "let",
	"chair", "ballot", "the", "to", "and", "or", "also", "only", "just", "issuers",
	"consumers", "cas", "browsers", "members", "votes", NULL,
};
static const char *const corp_suffix[] = {
	"inc", "ltd", "llc", "gmbh", "s.a", "ag", "corp", "b.v", "n.v", "a.s", "s.p.a", "plc",
	"co", "limited", "e.v", NULL,
};

static int name_like(const char *t, span k)
{
	k = bare_token(t, k);
	if (k.e <= k.s)
		return 0;
	unsigned char c = (unsigned char)t[k.s];
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80)
		return 1;
	for (size_t i = k.s; i < k.e; i++)
		if (t[i] >= 'A' && t[i] <= 'Z')
			return 1; /* eMudhra, certSIGN, iTrusChina */
	return 0;
}

static int ends_clause(const char *t, span k)
{
	char c = t[k.e - 1];
	return c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* Join tokens [a, b] of tok into a malloc'd name, trimming quotes and
 * trailing punctuation (a final "Inc." keeps its dot). */
static char *join_tokens(const char *t, const span *tok, size_t a, size_t b)
{
	ct_buf o = CT_BUF_INIT;
	for (size_t i = a; i <= b; i++) {
		span k = tok[i];
		if (i == a) {
			size_t q;
			while (k.s < k.e && is_quote_byte_at(t, k.s, k.e, &q) && t[k.s] != '(')
				k.s += q;
		}
		if (i == b) {
			span bt = bare_token(t, k);
			int keep_dot = bt.e < k.e && t[bt.e] == '.' && tok_in(t, k, corp_suffix);
			int paren = 0;
			for (size_t j = tok[a].s; j < bt.e; j++)
				paren += t[j] == '(' ? 1 : t[j] == ')' ? -1 : 0;
			k.e = bt.e + (keep_dot ? 1 : 0) + (paren > 0 && t[bt.e] == ')' ? 1 : 0);
		}
		if (k.e <= k.s)
			continue;
		if (o.len)
			ct_buf_addch(&o, ' ');
		ct_buf_add(&o, t + k.s, k.e - k.s);
	}
	if (!o.len) {
		ct_buf_release(&o);
		return NULL;
	}
	return ct_buf_detach(&o);
}

/* What stands before a vote verb. */
typedef enum subj_kind {
	S_EMPTY,     /* the verb opens the sentence */
	S_ORG,       /* an organization's name */
	S_PRON,      /* I / we */
	S_NOT_VOTER, /* someone else, a modal, a negation: not a vote */
} subj_kind;

typedef struct subj_info {
	subj_kind kind;
	ct_vote_reason modal; /* HYPOTHETICAL, FUTURE or NONE */
	char *org;
} subj_info;

/* Read the subject of a vote verb from t[lim, p). */
static subj_info subject_before(const char *t, size_t lim, size_t p, int sentence_start)
{
	subj_info sj = { S_EMPTY, CT_VOTE_R_NONE, NULL };
	span tok[MAXTOK];
	size_t n = tokenize(t, lim, p, tok, MAXTOK);
	while (n == MAXTOK) /* only the last words matter: move right */
		n = tokenize(t, tok[MAXTOK / 2].s, p, tok, MAXTOK);
	if (!n)
		return sj;
	size_t last = n - 1;
	/* modals and negations right before the verb */
	if (tok_is(t, tok[last], "have") && last > 0 &&
	    (tok_in(t, tok[last - 1], (const char *const[]){ "would", "could", "might", NULL }) ||
	     tok_suffix(t, tok[last - 1], "d")))
		last--;
	if (tok_in(t, tok[last], (const char *const[]){ "would", "could", "might", NULL })) {
		sj.modal = CT_VOTE_R_HYPOTHETICAL;
	} else if (tok_in(t, tok[last], (const char *const[]){ "will", "shall", NULL })) {
		sj.modal = CT_VOTE_R_FUTURE;
	} else if (tok_suffix(t, tok[last], "t") || tok_in(t, tok[last], not_voters)) {
		sj.kind = S_NOT_VOTER;
		return sj;
	} else if (tok_suffix(t, tok[last], "d")) {
		sj.modal = CT_VOTE_R_HYPOTHETICAL;
		sj.kind = S_PRON;
		return sj;
	} else if (tok_suffix(t, tok[last], "ll")) {
		sj.modal = CT_VOTE_R_FUTURE;
		sj.kind = S_PRON;
		return sj;
	} else {
		last++;
	}
	if (sj.modal != CT_VOTE_R_NONE) {
		if (last == 0) {
			sj.kind = S_NOT_VOTER;
			return sj;
		}
		last--;
	} else {
		last--;
	}
	/* now tok[last] is the word before the verb (or before the modal) */
	if (tok_in(t, tok[last], (const char *const[]){ "do", "does", "did", "is", "are", "am",
							  NULL })) {
		if (last == 0) {
			sj.kind = S_NOT_VOTER;
			return sj;
		}
		last--;
	}
	if (tok_in(t, tok[last], pronouns)) {
		sj.kind = S_PRON;
		return sj;
	}
	/* walk back over the name */
	size_t first = last + 1;
	int poss = tok_possessive(t, tok[last]);
	int depth = 0;
	for (size_t i = last + 1; i-- > 0;) {
		span k = tok[i];
		/* "Sectigo (former Comodo CA)": inside brackets any word belongs */
		int opens = memchr(t + k.s, '(', k.e - k.s) != NULL;
		int closes = memchr(t + k.s, ')', k.e - k.s) != NULL;
		if (closes && !opens)
			depth++;
		if (depth > 0) {
			if (opens)
				depth--;
			first = i;
			continue;
		}
		if (i != last && ends_clause(t, k)) {
			/* "DigiCert, Inc. votes": a lone corporate suffix reaches back */
			if (first == last && tok_in(t, tok[last], corp_suffix) && name_like(t, k)) {
				first = i;
				continue;
			}
			break;
		}
		/* "Disig a.s. votes": a lower-case corporate suffix is part of the name */
		if (i == last && tok_in(t, k, corp_suffix)) {
			first = i;
			continue;
		}
		if (name_like(t, k) || (tok_in(t, k, connectors) && first <= last)) {
			first = i;
			if (last - first >= 6)
				break;
			continue;
		}
		break;
	}
	/* drop openers and connectors at the front ("So", "Hi all", "The") */
	while (first <= last && (tok_in(t, tok[first], openers) || tok_in(t, tok[first], connectors) ||
				 tok_in(t, tok[first], pronouns)))
		first++;
	if (first > last) {
		/* a lone lower-case name opening the sentence ("digicert votes yes") */
		if (last == 0 && sentence_start && !poss && !tok_in(t, tok[0], not_voters) &&
		    !tok_in(t, tok[0], openers)) {
			sj.kind = S_ORG;
			sj.org = join_tokens(t, tok, 0, 0);
			return sj;
		}
		sj.kind = S_NOT_VOTER;
		return sj;
	}
	sj.kind = S_ORG;
	if (poss) {
		span k = tok[last];
		span bt = bare_token(t, k);
		tok[last].e = bt.e - (size_t)poss;
	}
	sj.org = join_tokens(t, tok, first, last);
	if (!sj.org)
		sj.kind = S_NOT_VOTER;
	return sj;
}

/* The organization named from t[p, e) on ("from Microsoft", "on behalf of
 * Let's Encrypt on ballot SC23"). *pron is set for "me"/"us". */
static char *org_after(const char *t, size_t p, size_t e, int *pron, size_t *end)
{
	span tok[MAXTOK];
	size_t n = tokenize(t, p, e, tok, MAXTOK);
	*pron = 0;
	if (end)
		*end = p;
	if (!n)
		return NULL;
	if (tok_in(t, tok[0], (const char *const[]){ "me", "us", "myself", "ourselves", NULL })) {
		*pron = 1;
		return NULL;
	}
	size_t last = SIZE_MAX, start = tok_is(t, tok[0], "the") ? 1 : 0;
	for (size_t i = start; i < n && i < start + 7; i++) {
		span k = tok[i];
		if (name_like(t, k) && !tok_in(t, k, openers)) {
			last = i;
		} else if (!(tok_in(t, k, connectors) && last != SIZE_MAX)) {
			break;
		}
		if (ends_clause(t, k) ||
		    (t[k.e - 1] == '.' && !tok_in(t, k, corp_suffix) && i + 1 < n))
			break;
	}
	if (last == SIZE_MAX)
		return NULL;
	if (end)
		*end = bare_token(t, tok[last]).e;
	return join_tokens(t, tok, start, last);
}

/* ---- one reading candidate per vote phrase ---- */

static vmatch *add_match(mlist *ml)
{
	if (ml->n == ml->cap) {
		ml->cap = ml->cap ? 2 * ml->cap : 8;
		ml->v = ct_realloc(ml->v, ml->cap * sizeof(*ml->v));
	}
	vmatch *m = &ml->v[ml->n++];
	memset(m, 0, sizeof(*m));
	return m;
}

static void mlist_release(mlist *ml)
{
	for (size_t i = 0; i < ml->n; i++)
		free(ml->v[i].org);
	free(ml->v);
	ml->v = NULL;
	ml->n = ml->cap = 0;
}

/* Canonicalize an id as written; "#187" and "[85]" parse after "Ballot". */
static int parse_id(ct_ballot_id *b, const char *t, span id)
{
	if (!has(&id))
		return CT_EINVALID;
	if (ct_ballot_id_parse(b, t + id.s, id.e - id.s) == 0)
		return 0;
	char tmp[48];
	if (id.e - id.s > sizeof(tmp) - 8)
		return CT_EINVALID;
	int n = snprintf(tmp, sizeof(tmp), "Ballot %.*s", (int)(id.e - id.s), t + id.s);
	return ct_ballot_id_parse(b, tmp, (size_t)n);
}

static void set_ballot(vmatch *m, const char *t, span id)
{
	ct_ballot_id b;
	if (parse_id(&b, t, id) != 0)
		return;
	snprintf(m->ballot, sizeof(m->ballot), "%s", b.canon);
	m->version = b.version;
}

static void set_detail(vmatch *m, const char *t, span g)
{
	if (!has(&g))
		return;
	size_t n = g.e - g.s;
	if (n >= sizeof(m->detail))
		n = sizeof(m->detail) - 1;
	memcpy(m->detail, t + g.s, n);
	m->detail[n] = '\0';
}

typedef struct reader_ctx {
	ct_vote_reader *r;
	const char *t;  /* the text being read (joined lines) */
	size_t len;
	int in_subject;
	mlist *ml;
} reader_ctx;

/* Ballot ids right after a vote value: "on Ballot SC23", "to SC-063 v2",
 * "on ballots SC23 and SC24". Returns the end of what was read. */
static size_t read_tail(reader_ctx *c, size_t from, size_t se, char ids[][24], int *vers,
			int *nids, int max)
{
	span g[2];
	*nids = 0;
	if (!rx(c->r, R_TAIL, c->t, from, se, from, PCRE2_ANCHORED, g, 2))
		return from;
	size_t end = g[0].e;
	for (;;) {
		ct_ballot_id b;
		if (parse_id(&b, c->t, g[1]) == 0 && *nids < max) {
			snprintf(ids[*nids], 24, "%s", b.canon);
			vers[*nids] = b.version;
			(*nids)++;
		}
		if (!rx(c->r, R_TAIL_MORE, c->t, end, se, end, PCRE2_ANCHORED, g, 2))
			break;
		end = g[0].e;
	}
	return end;
}

/* Conditions, questions: how the sentence around a vote qualifies it. */
static ct_vote_reason qualify(reader_ctx *c, size_t ss, size_t se, size_t vend, span next,
			      char *detail, size_t dn)
{
	span g[2];
	size_t i = vend;
	size_t q;
	while (i < se && (c->t[i] == ' ' || is_quote_byte_at(c->t, i, se, &q)))
		i += c->t[i] == ' ' ? 1 : q;
	if (i < se && c->t[i] == '?')
		return CT_VOTE_R_QUESTION;
	size_t j = se;
	while (j > ss && (c->t[j - 1] == ' ' || c->t[j - 1] == '\n'))
		j--;
	if (j > ss && c->t[j - 1] == '?')
		return CT_VOTE_R_QUESTION;
	if (rx(c->r, R_COND, c->t, vend, se, vend, 0, g, 2) ||
	    rx(c->r, R_COND_START, c->t, ss, se, ss, 0, g, 2) ||
	    (has(&next) && rx(c->r, R_COND_NEXT, c->t, next.s, next.e, next.s, 0, g, 2))) {
		size_t n = g[1].e - g[1].s < dn - 1 ? g[1].e - g[1].s : dn - 1;
		memcpy(detail, c->t + g[1].s, n);
		detail[n] = '\0';
		return CT_VOTE_R_CONDITIONAL;
	}
	return CT_VOTE_R_NONE;
}

static char *find_behalf(reader_ctx *c, size_t ss, size_t se, size_t *end)
{
	span g[1];
	int pron;
	if (!rx(c->r, R_BEHALF, c->t, ss, se, ss, 0, g, 1))
		return NULL;
	return org_after(c->t, g[0].e, se, &pron, end);
}

/* One vote-verb match ("X votes yes …", "we abstain") in sentence [ss, se). */
static size_t verb_vote(reader_ctx *c, size_t ss, size_t se, size_t lim, span whole,
			span verb, span val, span next, char *last_org, int coord)
{
	const char *t = c->t;
	subj_info sj;
	if (coord) {
		sj.kind = last_org ? S_ORG : S_PRON;
		sj.modal = CT_VOTE_R_NONE;
		sj.org = last_org ? ct_strdup(last_org) : NULL;
	} else {
		sj = subject_before(t, lim, whole.s, lim == ss);
	}
	int past = verb.e - verb.s == 5 && ct_strncasecmp(t + verb.s, "voted", 5) == 0;
	int change = ct_strncasecmp(t + verb.s, "chang", 5) == 0 ||
		     ct_strncasecmp(t + verb.s, "switch", 6) == 0;
	int abst = !has(&val);
	vmatch *m = add_match(c->ml);
	m->in_subject = c->in_subject;
	m->s = whole.s;
	m->value = abst ? CT_VOTE_ABSTAIN : value_of(t, val);
	m->change = change;
	size_t vend = abst ? verb.e : val.e;
	/* the noun "Vote:" / "Voting yes" / "Abstaining" may open a sentence */
	if (sj.kind == S_EMPTY) {
		int noun = 0;
		for (size_t i = verb.e; i < (abst ? verb.e : val.s); i++)
			if (t[i] == ':' || t[i] == '=' || t[i] == '-')
				noun = 1;
		int ing = verb.e - verb.s >= 3 && ct_strncasecmp(t + verb.e - 3, "ing", 3) == 0;
		if (!noun && !ing && !change)
			sj.kind = S_NOT_VOTER;
	}
	/* "we abstain" but "GlobalSign abstains"; "1 Abstain: Izenpe" is a
	 * result post's label */
	if (abst && sj.kind == S_ORG && verb.e - verb.s == 7) {
		size_t i = verb.e;
		while (i < se && t[i] == ' ')
			i++;
		if (sj.modal == CT_VOTE_R_NONE || (i < se && t[i] == ':'))
			sj.kind = S_NOT_VOTER;
	}
	/* "7 Issuers voting YES: Actalis, …" is a result post's label */
	size_t after = vend;
	size_t ql;
	while (after < se && (t[after] == ' ' || is_quote_byte_at(t, after, se, &ql)))
		after += t[after] == ' ' ? 1 : ql;
	if (after < se && t[after] == ':')
		sj.kind = S_NOT_VOTER;
	if (sj.kind == S_NOT_VOTER || (past && sj.modal != CT_VOTE_R_HYPOTHETICAL)) {
		m->value = CT_VOTE_NONE;
		m->reason = CT_VOTE_R_LOOKALIKE;
		m->e = vend;
		free(sj.org);
		return vend;
	}
	char ids[4][24];
	int vers[4], nids = 0;
	size_t end = read_tail(c, vend, se, ids, vers, &nids, 4);
	m->e = end;
	m->org = sj.org;
	size_t behalf_end = 0;
	if (!m->org && sj.kind == S_PRON)
		m->org = find_behalf(c, ss, se, &behalf_end);
	/* "I vote yes on behalf of X on ballot SC23": the ballot follows the name */
	if (!nids && m->org && behalf_end > end) {
		size_t e2 = read_tail(c, behalf_end, se, ids, vers, &nids, 4);
		if (nids)
			end = e2;
	}
	if (!m->org && sj.kind == S_PRON && last_org)
		m->org = ct_strdup(last_org);
	if (sj.modal != CT_VOTE_R_NONE)
		m->reason = sj.modal;
	else
		m->reason = qualify(c, ss, se, end, next, m->detail, sizeof(m->detail));
	if (nids) {
		snprintf(m->ballot, sizeof(m->ballot), "%s", ids[0]);
		m->version = vers[0];
	}
	/* "votes yes on ballots SC23 and SC24": one reading per ballot */
	for (int i = 1; i < nids; i++) {
		vmatch *o = add_match(c->ml);
		m = &c->ml->v[c->ml->n - 2];
		*o = *m;
		o->org = m->org ? ct_strdup(m->org) : NULL;
		snprintf(o->ballot, sizeof(o->ballot), "%s", ids[i]);
		o->version = vers[i];
	}
	return end;
}

/* Only "and", "but", "also" or commas between two vote phrases. */
static int only_glue(const char *t, size_t s, size_t e)
{
	span tok[8];
	size_t n = tokenize(t, s, e, tok, 8);
	for (size_t i = 0; i < n; i++) {
		span b = bare_token(t, tok[i]);
		if (b.e > b.s && !tok_in(t, tok[i], (const char *const[]){ "and", "but", "also",
									   "then", NULL }))
			return 0;
	}
	return n <= 3;
}

static int overlaps(const mlist *ml, size_t from, size_t s, size_t e)
{
	for (size_t i = from; i < ml->n; i++)
		if (ml->v[i].s < e && s < ml->v[i].e)
			return 1;
	return 0;
}

/* Value-led forms that fill a whole sentence. Returns 1 when one matched. */
static int value_led(reader_ctx *c, size_t ss, size_t se, span next)
{
	span g[3];
	const char *t = c->t;
	int pron = 0;
	if (rx(c->r, R_VAL_COND, t, ss, se, ss, 0, g, 3)) {
		vmatch *m = add_match(c->ml);
		m->in_subject = c->in_subject;
		m->value = value_of(t, g[1]);
		m->reason = CT_VOTE_R_CONDITIONAL;
		set_detail(m, t, g[2]);
		m->s = ss, m->e = se;
		return 1;
	}
	int p = rx(c->r, R_VAL_FROM, t, ss, se, ss, 0, g, 3) ? R_VAL_FROM
		: rx(c->r, R_VAL_BEHALF, t, ss, se, ss, 0, g, 3) ? R_VAL_BEHALF : -1;
	if (p >= 0) {
		char *org = org_after(t, g[2].s, g[2].e, &pron, NULL);
		if (!org && !pron)
			return 0;
		vmatch *m = add_match(c->ml);
		m->in_subject = c->in_subject;
		m->value = value_of(t, g[1]);
		m->org = org;
		m->s = ss, m->e = se;
		m->reason = qualify(c, ss, se, g[1].e, next, m->detail, sizeof(m->detail));
		return 1;
	}
	if (rx(c->r, R_ORG_COLON, t, ss, se, ss, 0, g, 3)) {
		/* "Microsoft: Yes", "Vote: yes", "Ballot SC23 - Yes" */
		span who = g[1];
		ct_ballot_id b;
		span tok[MAXTOK];
		size_t n = tokenize(t, who.s, who.e, tok, MAXTOK);
		int is_ballot = parse_id(&b, t, who) == 0;
		ct_ballot_id inner;
		if (!is_ballot && (n > 5 || ct_ballot_id_find(&inner, t + who.s, who.e - who.s,
							      NULL, NULL)))
			return 0;
		int is_vote = (n == 1 || (n == 2 && tok_in(t, tok[0], pronouns))) &&
			      (tok_is(t, tok[n - 1], "vote") || tok_is(t, tok[n - 1], "voting"));
		char *org = NULL;
		if (!is_ballot && !is_vote) {
			org = org_after(t, who.s, who.e, &pron, NULL);
			/* the name must fill the whole part before the colon */
			if (!org || strlen(org) + 2 < who.e - who.s || tok_in(t, tok[0], openers)) {
				free(org);
				return 0;
			}
		}
		vmatch *m = add_match(c->ml);
		m->in_subject = c->in_subject;
		m->value = value_of(t, g[2]);
		m->org = org;
		if (is_ballot) {
			snprintf(m->ballot, sizeof(m->ballot), "%s", b.canon);
			m->version = b.version;
		}
		m->s = ss, m->e = se;
		return 1;
	}
	return 0;
}

/* 1 when [ss, se) is all its line holds. */
static int whole_line(const char *t, size_t len, size_t ss, size_t se)
{
	for (size_t i = ss; i-- > 0 && t[i] != '\n';)
		if (t[i] != ' ' && t[i] != '\t')
			return 0;
	for (size_t i = se; i < len && t[i] != '\n'; i++)
		if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r')
			return 0;
	return 1;
}

/* Can any pattern read_sentence runs (or R_BARE) match in t[s, e)? Every
 * one of them needs a vote word: "vot" (the verbs), "abst", "yes", "+1",
 * "object" or "opposed" anywhere, or "no", "aye", "nay" or "yea" at the
 * start of a word. Most sentences of a reply hold none, and a dozen
 * Unicode-aware searches cost far more than this one pass. Text with bytes
 * beyond ASCII always gets the patterns: caseless Unicode matching folds
 * letters such as U+017F (long s) onto ASCII ones. */
static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int may_hold_vote(const char *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c >= 0x80)
			return 1;
		size_t left = e - i;
		int word_start = i == s || !ascii_alnum((unsigned char)t[i - 1]);
		switch (c | 0x20) {
		case 'v':
			if (left >= 3 && !ct_strncasecmp(t + i, "vot", 3))
				return 1;
			break;
		case 'a':
			if (left >= 4 && !ct_strncasecmp(t + i, "abst", 4))
				return 1;
			if (word_start && left >= 3 && !ct_strncasecmp(t + i, "aye", 3))
				return 1;
			break;
		case 'y':
			if (left >= 3 && !ct_strncasecmp(t + i, "yes", 3))
				return 1;
			if (word_start && left >= 3 && !ct_strncasecmp(t + i, "yea", 3))
				return 1;
			break;
		case 'o':
			if (left >= 6 && (!ct_strncasecmp(t + i, "object", 6) ||
					  (left >= 7 && !ct_strncasecmp(t + i, "opposed", 7))))
				return 1;
			break;
		case 'n':
			if (word_start && left >= 2 && (t[i + 1] | 0x20) == 'o')
				return 1;
			if (word_start && left >= 3 && !ct_strncasecmp(t + i, "nay", 3))
				return 1;
			break;
		case '+': /* also 0x0B | 0x20, hence the test of c */
			if (c == '+' && left >= 2 && t[i + 1] == '1')
				return 1;
			break;
		}
	}
	return 0;
}

/* Read one sentence [ss, se); `next` is the following sentence (or unset). */
static void read_sentence(reader_ctx *c, size_t ss, size_t se, span next)
{
	if (!may_hold_vote(c->t, ss, se))
		return;
	span g[3];
	const char *t = c->t;
	size_t first = c->ml->n;
	size_t prefix_end = ss;
	span prefix_id = { SIZE_MAX, SIZE_MAX };
	if (rx(c->r, R_PREFIX_ID, t, ss, se, ss, PCRE2_ANCHORED, g, 2)) {
		prefix_end = g[0].e;
		prefix_id = g[1];
	}
	int prefixed = prefix_end != ss;
	size_t lim = prefix_end;

	if (value_led(c, ss, se, next))
		return;

	/* vote verbs and "abstains", left to right */
	size_t pos = ss;
	char *last_org = NULL;
	int prev_vote = 0;
	for (;;) {
		span gv[3], ga[2];
		int hv = pos < se && rx(c->r, R_VERB, t, ss, se, pos, 0, gv, 3);
		int ha = pos < se && rx(c->r, R_ABSTAIN, t, ss, se, pos, 0, ga, 2);
		if (!hv && !ha)
			break;
		int abst = ha && (!hv || ga[0].e <= gv[0].s);
		span none = { SIZE_MAX, SIZE_MAX };
		span whole = abst ? ga[0] : gv[0];
		/* "… votes yes on 187 and abstains on 188": one subject, two verbs */
		int coord = prev_vote && only_glue(t, lim, whole.s);
		size_t end = verb_vote(c, ss, se, coord ? ss : lim, whole, abst ? ga[1] : gv[1],
				       abst ? none : gv[2], next, last_org, coord);
		vmatch *m = &c->ml->v[c->ml->n - 1];
		if (prefixed && !m->ballot[0] && m->reason != CT_VOTE_R_LOOKALIKE)
			set_ballot(m, t, prefix_id);
		if (m->org)
			last_org = m->org;
		prev_vote = m->reason != CT_VOTE_R_LOOKALIKE;
		pos = end > whole.e ? end : whole.e;
		lim = pos;
	}
	/* "Yes on 194, no on 195" and "… and no on SC24" */
	pos = ss;
	while (pos < se && rx(c->r, R_VAL_ON_ID, t, ss, se, pos, 0, g, 3)) {
		pos = g[0].e;
		if (overlaps(c->ml, first, g[1].s, g[1].e))
			continue;
		vmatch *m = add_match(c->ml);
		m->in_subject = c->in_subject;
		m->value = value_of(t, g[1]);
		m->s = g[1].s, m->e = g[2].e;
		set_ballot(m, t, g[2]);
		m->org = last_org ? ct_strdup(last_org) : NULL;
		m->reason = qualify(c, ss, se, g[2].e, next, m->detail, sizeof(m->detail));
	}
	if (rx(c->r, R_NOOBJ, t, ss, se, ss, 0, g, 1)) {
		vmatch *m = add_match(c->ml);
		m->in_subject = c->in_subject;
		m->value = CT_VOTE_NONE;
		m->reason = CT_VOTE_R_NO_OBJECTION;
		m->s = ss, m->e = se;
	}
	if (c->ml->n == first && !c->in_subject && rx(c->r, R_BARE, t, ss, se, ss, 0, g, 3) &&
	    t[g[1].s] != '+' && !whole_line(t, c->len, ss, se)) {
		/* "Yes. That is what the BRs say." */
		vmatch *m = add_match(c->ml);
		m->bare = 1;
		m->value = value_of(t, g[1]);
		m->reason = memchr(t + g[2].s, '?', g[2].e - g[2].s) ? CT_VOTE_R_QUESTION
								      : CT_VOTE_R_BARE_ANSWER;
		m->s = ss, m->e = se;
		return;
	}
	if (c->ml->n == first && rx(c->r, R_LOOK, t, ss, se, ss, 0, g, 2)) {
		vmatch *m = add_match(c->ml);
		m->in_subject = c->in_subject;
		m->value = CT_VOTE_NONE;
		m->reason = CT_VOTE_R_LOOKALIKE;
		m->s = ss, m->e = se;
	}
}

/* ---- sentences ---- */

static const char *const abbreviations[] = {
	"inc", "ltd", "co", "corp", "s.a", "e.g", "i.e", "etc", "v", "vs", "mr", "ms", "mrs",
	"dr", "st", "approx", "incl", "e.v", "b.v", "n.v", "a.s", "no", "nr", "cf", "s.p.a",
	"s.r.l", "s.l", "s.a.s", "a.g", "k.k", "gmbh", "plc", "llc", "pty", NULL,
};

/* Split t[s, e) into sentences at line breaks and at . ! ? followed by a
 * blank, except after abbreviations and initials. */
static size_t split_sentences(const char *t, size_t s, size_t e, span **out)
{
	size_t cap = 16, n = 0, b = s;
	span *v = ct_malloc(cap * sizeof(*v));
	for (size_t i = s; i <= e; i++) {
		int cut = 0;
		size_t next = i;
		if (i == e || t[i] == '\n') {
			cut = 1;
			next = i + 1;
		} else if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && i + 1 < e &&
			   (t[i + 1] == ' ' || t[i + 1] == '\t')) {
			size_t w = i;
			while (w > b && t[w - 1] != ' ' && t[w - 1] != '\t')
				w--;
			span k = { w, i };
			int abbr = t[i] == '.' && (tok_in(t, k, abbreviations) || i - w == 1);
			/* "No." alone is a sentence, not the abbreviation of "number" */
			if (abbr && tok_is(t, k, "no") && w == b)
				abbr = 0;
			if (!abbr) {
				cut = 1;
				i++;
				next = i + 1;
			}
		}
		if (!cut)
			continue;
		size_t a = b, z = i < e ? i : e;
		while (a < z && (t[a] == ' ' || t[a] == '\t'))
			a++;
		if (z > a) {
			if (n == cap) {
				cap *= 2;
				v = ct_realloc(v, cap * sizeof(*v));
			}
			v[n].s = a;
			v[n].e = z;
			n++;
		}
		b = next;
		i = next - 1;
	}
	*out = v;
	return n;
}

/* Hard-wrapped prose continues on the next line; a short line ending a
 * thought does not. Joined line breaks become spaces (same byte offsets). */
static char *join_lines(const char *f, size_t len)
{
	static const char *const glue[] = {
		"on", "to", "for", "of", "in", "the", "ballot", "that", "and", "or", "if",
		"provided", "but", "with", "a", "as", "is", "are", "votes", "vote", "from",
		"behalf", NULL,
	};
	char *t = ct_malloc(len + 1);
	memcpy(t, f, len);
	t[len] = '\0';
	size_t ls = 0;
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\r')
			t[i] = ' ';
		if (t[i] != '\n')
			continue;
		size_t le = i;
		while (le > ls && (t[le - 1] == ' ' || t[le - 1] == '\t'))
			le--;
		size_t ns = i + 1;
		while (ns < len && (t[ns] == ' ' || t[ns] == '\t'))
			ns++;
		int blank_here = le == ls, blank_next = ns >= len || t[ns] == '\n' || t[ns] == '\r';
		if (!blank_here && !blank_next) {
			size_t w = le;
			while (w > ls && t[w - 1] != ' ')
				w--;
			span k = { w, le };
			char lc = t[le - 1];
			int join = le - ls >= 60 || (t[ns] >= 'a' && t[ns] <= 'z') || lc == ',' ||
				   tok_in(t, k, glue);
			if (lc == '.' || lc == '!' || lc == '?' || lc == ':')
				join = le - ls >= 60 && t[ns] >= 'a' && t[ns] <= 'z';
			if (join)
				t[i] = ' ';
		}
		ls = i + 1;
	}
	return t;
}

/* ---- whole lines ---- */

static int trivial_line(ct_vote_reader *r, const char *f, span l)
{
	span g[1];
	if (rx(r, R_GREETING, f, l.s, l.e, l.s, 0, g, 1))
		return 1;
	span tok[8];
	size_t n = tokenize(f, l.s, l.e, tok, 8);
	if (n > 6 || l.e - l.s > 60)
		return 0;
	return !rx(r, R_VOTEWORD, f, l.s, l.e, l.s, 0, g, 1);
}

/* A lone value on its own line ("Yes", "YES.", "\"Yes\"", "+1", "No."). */
static void read_bare_lines(reader_ctx *c, const char *f, size_t len)
{
	size_t n = 0, cap = 16;
	span *lines = ct_malloc(cap * sizeof(*lines));
	for (size_t i = 0, b = 0; i <= len; i++) {
		if (i == len || f[i] == '\n') {
			span l = { b, i };
			if (n == cap) {
				cap *= 2;
				lines = ct_realloc(lines, cap * sizeof(*lines));
			}
			while (l.e > l.s && (f[l.e - 1] == ' ' || f[l.e - 1] == '\r' || f[l.e - 1] == '\t'))
				l.e--;
			while (l.s < l.e && (f[l.s] == ' ' || f[l.s] == '\t'))
				l.s++;
			if (l.e > l.s)
				lines[n++] = l;
			b = i + 1;
		}
	}
	/* a bare value is the whole answer when it is the only bare line and
	 * every other line is a greeting or a name */
	size_t nbare = 0, nontrivial = 0;
	unsigned char *bare = ct_calloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		span g[1];
		bare[i] = may_hold_vote(f, lines[i].s, lines[i].e) &&
			  rx(c->r, R_BARE, f, lines[i].s, lines[i].e, lines[i].s, 0, g, 1);
		nbare += bare[i];
	}
	/* the other lines only matter when there is one bare line */
	for (size_t i = 0; nbare == 1 && i < n; i++)
		nontrivial += !bare[i] && !trivial_line(c->r, f, lines[i]);
	for (size_t i = 0; i < n; i++) {
		span g[3];
		if (!bare[i] || !rx(c->r, R_BARE, f, lines[i].s, lines[i].e, lines[i].s, 0, g, 3))
			continue;
		int whole = nbare == 1 && nontrivial == 0;
		vmatch *m = add_match(c->ml);
		m->bare = 1;
		m->value = value_of(f, g[1]);
		m->s = lines[i].s, m->e = lines[i].e;
		if (memchr(f + g[2].s, '?', g[2].e - g[2].s))
			m->reason = CT_VOTE_R_QUESTION;
		else if (!whole)
			m->reason = CT_VOTE_R_BARE_ANSWER;
	}
	free(bare);
	free(lines);
}

static void read_text(reader_ctx *c, size_t s, size_t e)
{
	span *sent;
	size_t n = split_sentences(c->t, s, e, &sent);
	for (size_t i = 0; i < n; i++) {
		span next = { SIZE_MAX, SIZE_MAX };
		if (i + 1 < n)
			next = sent[i + 1];
		read_sentence(c, sent[i].s, sent[i].e, next);
	}
	free(sent);
}

/* Subject: list tags and "Re:" go; then a trailing value or a vote sentence. */
static void read_subject(ct_vote_reader *r, mlist *ml, const char *subject, size_t len)
{
	span g[2];
	size_t s = 0;
	if (rx(r, R_SUBJ_PREFIX, subject, 0, len, 0, PCRE2_ANCHORED, g, 1))
		s = g[0].e;
	reader_ctx c = { r, subject, len, 1, ml };
	size_t before = ml->n;
	read_sentence(&c, s, len, (span){ SIZE_MAX, SIZE_MAX });
	int found = 0;
	for (size_t i = before; i < ml->n; i++)
		found |= ml->v[i].reason != CT_VOTE_R_LOOKALIKE;
	if (!found && rx(r, R_SUBJ_END, subject, s, len, s, 0, g, 2)) {
		vmatch *m = add_match(ml);
		m->in_subject = 1;
		m->value = value_of(subject, g[1]);
		m->s = s, m->e = len;
	}
	for (size_t i = before; i < ml->n; i++)
		ml->v[i].in_subject = 1;
}

int ct_vote_read(ct_vote_reader *r, ct_vote_result *out, const char *subject,
		 const char *fresh, size_t len, const char *thread_ballot)
{
	if (!r || !out || (!fresh && len))
		return CT_EUSAGE;
	out->items = NULL;
	out->count = 0;
	char thread[24] = "";
	if (thread_ballot && thread_ballot[0]) {
		ct_ballot_id b;
		if (ct_ballot_id_parse(&b, thread_ballot, strlen(thread_ballot)) == 0)
			snprintf(thread, sizeof(thread), "%s", b.canon);
		else
			snprintf(thread, sizeof(thread), "%s", thread_ballot);
	}
	const char *th = thread[0] ? thread : NULL;
	if (!fresh)
		fresh = "";

	mlist body = { 0 }, subj = { 0 };
	char *t = join_lines(fresh, len);
	reader_ctx c = { r, t, len, 0, &body };
	read_text(&c, 0, len);
	read_bare_lines(&c, fresh, len);
	free(t);

	source src = { fresh, len, subject ? subject : "", subject ? strlen(subject) : 0 };
	int body_votes = 0;
	for (size_t i = 0; i < body.n; i++)
		body_votes |= body.v[i].reason != CT_VOTE_R_LOOKALIKE;
	/* The subject speaks only when the body holds no vote at all. */
	if (!body_votes && subject) {
		read_subject(r, &subj, subject, src.subject_len);
		for (size_t i = 0; i < subj.n; i++)
			if (subj.v[i].reason != CT_VOTE_R_LOOKALIKE) {
				mlist_release(&body);
				body = subj;
				subj = (mlist){ 0 };
				break;
			}
	}
	vote_resolve(out, &src, &body, th);
	mlist_release(&body);
	mlist_release(&subj);
	return 0;
}

void ct_vote_result_release(ct_vote_result *res)
{
	if (!res)
		return;
	for (size_t i = 0; i < res->count; i++) {
		free(res->items[i].reason_text);
		free(res->items[i].evidence);
		free(res->items[i].org);
	}
	free(res->items);
	res->items = NULL;
	res->count = 0;
}
