/* fresh: the author's own words in a decoded body (see fresh.h). */
#include "cabtally/fresh.h"

#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

enum {
	P_ATTR,          /* "… wrote:" and the other verbs, colon at the end */
	P_ATTR_DATED,    /* verbs that put the date after them: "schrieb am …:" */
	P_ATTR_CJK,      /* 写道: のメッセージ: 작성: and Japanese Gmail dates */
	P_ATTR_OPEN,     /* how a wrapped attribution's first line starts */
	P_ATTR_VERB,     /* an attribution verb anywhere (first line of a wrap) */
	P_ATTR_OPEN_WORD, /* the openers that are words: "On", "Am", "Le", … */
	P_FROM,          /* Outlook "From:" in many languages */
	P_HDR,           /* Outlook's other header keys */
	P_HDR_ONELINE,   /* "From: x Sent: y To: z" flattened onto one line */
	P_ORIGINAL,      /* "-----Original Message-----" and translations */
	P_FORWARD,       /* forwarded-message markers */
	P_UNDERSCORES,
	P_LISTREF,       /* what a Mailman footer mentions */
	P_LIST_LINE,     /* "Public mailing list" */
	P_STUB,          /* pipermail scrub stubs */
	P_SIG,           /* "-- " and "-- Name" */
	P_MOBILE,        /* "Sent from my iPhone" and friends */
	P_SIGNOFF,
	P_DISCLAIMER,
	P_CONFIDENTIAL,  /* the word that makes a lead-in a disclaimer */
	P_BANNER,
	P_BANNER_CONT,
	NPAT
};

/* Every pattern runs in UTF mode with Unicode properties, caseless except
 * P_SIGNOFF. */
static const char *const patterns[NPAT] = {
	[P_ATTR] =
	"(?:\\b(?:wrote|writes|a\\s+écrit|escribió|escribio|escreveu|ha\\s+scritto"
	"|napisał\\(a\\)|napisała?|pisze|написал\\(а\\)|написала?|написав"
	"|napsal\\(a\\)|napsala?|napísal\\(a\\)|napísal|je\\s+napisal|napisao"
	"|yazdı|va\\s+escriure|a\\s+scris|kirjutas|rašė|rakstīja|đã\\s+viết"
	"|menulis|het\\s+volgende\\s+geschreven|geschreven|schreef|skrev|schrieb"
	"|kirjoitti|ezt\\s+írta)|έγραψε|כתב|كتب)\\s*[:：]\\s*$",
	[P_ATTR_DATED] =
	"^(?=.*\\d).*\\b(?:schrieb|skrev|kirjoitti|schreef|ezt\\s+írta"
	"|idatzi\\s+(?:zuen|du)|napisał)\\b.{0,100}[:：]\\s*$",
	[P_ATTR_CJK] =
	"(?:写道|寫道|のメッセージ|のメール|書きました|書き込みました|작성)\\s*[:：]\\s*$"
	"|^\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日.{0,160}"
	"<[^<>\\s]+@[^<>\\s]+>\\s*[:：]\\s*$",
	[P_ATTR_OPEN] =
	"^\\s*(?:On|Am|Le|El|Em|Il|Op|Den|Dne|Dana|W\\s+dniu|Στις|Στο|В|在|\\d)",
	[P_ATTR_VERB] =
	"\\b(?:wrote|schrieb|skrev|kirjoitti|schreef|escribió|escreveu|scritto"
	"|écrit|napisał|napsal|yazdı|idatzi)\\b|写道|寫道|έγραψε",
	[P_ATTR_OPEN_WORD] =
	"^\\s*(?:On|Am|Le|El|Em|Il|Op|Den|Dne|Dana|W\\s+dniu|Στις|Στο|在)\\s",
	[P_FROM] =
	"^\\s*\\*?(?:From|Von|De|Od|Van|Da|Från|Fra|Frá|Lähettäjä|Hemendik"
	"|Kimden|Feladó|Από|От|Від|Remitente|Expéditeur|差出人|发件人|發件人"
	"|寄件者|보낸\\s*사람)\\s*\\*?\\s*[:：]",
	[P_HDR] =
	"^\\s*\\*?(?:Sent|Date|To|Cc|Bcc|Subject|Reply-To|Importance"
	"|Gesendet|Datum|An|Betreff|Kopie|Antwort\\s+an"
	"|Envoyé|Date\\s+d'envoi|À|A|Objet|Cc\\s*/\\s*Cci"
	"|Enviado(?:\\s+el)?|Enviada\\s+em|Fecha|Para|Asunto|Assunto"
	"|Wysłane|Wysłano|Data|Do|DW|Temat"
	"|Verzonden|Aan|Onderwerp|Inviato|Oggetto"
	"|Skickat|Till|Ämne|Sendt|Til|Emne"
	"|Lähetetty|Vastaanottaja|Aihe|Noiz|Nori|Gaia"
	"|Gönderildi|Tarih|Kime|Konu|Elküldve|Címzett|Tárgy"
	"|Odesláno|Komu|Předmět|Στάλθηκε|Προς|Θέμα"
	"|Отправлено|Дата|Кому|Тема|Надіслано"
	"|发送时间|發送時間|日期|收件人|抄送|主题|主題|送信日時|日付|宛先|件名"
	"|寄件日期|收件者|副本|主旨|보낸\\s*날짜|받는\\s*사람|제목)\\s*\\*?\\s*[:：]",
	[P_HDR_ONELINE] =
	"^\\s*\\*?(?:From|Von|De|Van|Da|Od|Från|Fra)\\*?\\s*:.{1,300}?"
	"\\b(?:Sent|Date|Gesendet|Envoyé|Enviado|Verzonden|Inviato|Wysłane"
	"|Skickat|Sendt)\\*?\\s*:",
	[P_ORIGINAL] =
	"^\\s*-{2,}\\s*(?:Original\\s+Message|Ursprüngliche\\s+Nachricht"
	"|Message\\s+d'origine|Mensaje\\s+original|Messaggio\\s+originale"
	"|Oorspronkelijk\\s+bericht|Wiadomość\\s+oryginalna|Originalmeddelande"
	"|Oprindelig\\s+meddelelse|Opprinnelig\\s+melding|Alkuperäinen\\s+viesti"
	"|Mensagem\\s+original|Původní\\s+zpráva|Исходное\\s+сообщение"
	"|Αρχικό\\s+μήνυμα|Eredeti\\s+üzenet|Orijinal\\s+İleti|Jatorrizko\\s+mezua"
	"|原始邮件|原始郵件|元のメッセージ|원본\\s*메시지)\\s*-{2,}\\s*$",
	[P_FORWARD] =
	"^\\s*-{2,}\\s*(?:Forwarded\\s+message|Weitergeleitete\\s+Nachricht"
	"|Message\\s+transféré|Mensaje\\s+reenviado|Messaggio\\s+inoltrato"
	"|Doorgestuurd\\s+bericht|Wiadomość\\s+przekazana|Videresendt\\s+meddelelse"
	"|Vidarebefordrat\\s+meddelande|Välitetty\\s+viesti|Mensagem\\s+encaminhada"
	"|Пересылаемое\\s+сообщение|转发的邮件|転送されたメッセージ)\\s*-*\\s*$"
	"|^\\s*(?:Begin\\s+forwarded\\s+message|Anfang\\s+der\\s+weitergeleiteten"
	"\\s+(?:Nachricht|E-Mail)|Début\\s+du\\s+message\\s+(?:réexpédié|transféré)"
	"|Inicio\\s+del\\s+mensaje\\s+reenviado|Inizio\\s+messaggio\\s+inoltrato"
	"|Begin\\s+doorgestuurd\\s+bericht)\\s*:\\s*$",
	[P_UNDERSCORES] = "^\\s*_{10,}\\s*$",
	[P_LISTREF] = "mailing\\s+list|mailman|listinfo|@cabforum\\.org|\\blists\\.",
	[P_LIST_LINE] = "^\\s*[\\w.-]+\\s+mailing\\s+list\\s*$",
	[P_STUB] =
	"^\\s*(?:-{5,}\\s*next\\s+part\\s*-{5,}|An\\s+HTML\\s+attachment\\s+was\\s+scrubbed"
	"|A\\s+non-text\\s+attachment\\s+was\\s+scrubbed|More\\s+information\\s+about\\s+the\\s+"
	"\\S+\\s+mailing\\s+list|Skipped\\s+content\\s+of\\s+type)",
	[P_SIG] = "^--\\s*$|^--\\s?\\p{L}[\\p{L} .'’-]{0,30}$",
	[P_MOBILE] =
	"^\\s*(?:Sent\\s+from\\s+my\\s+\\S+(?:\\s+\\S+){0,3}|Sent\\s+from\\s+(?:Mail|Outlook|Yahoo\\s+Mail)\\b.*"
	"|Sent\\s+via\\s+.{1,40}|Get\\s+Outlook\\s+for\\s+(?:iOS|Android|Mac)"
	"|Von\\s+meinem\\s+\\S+\\s+gesendet|Envoyé\\s+de\\s+mon\\s+\\S+"
	"|Enviado\\s+desde\\s+mi\\s+\\S+|Inviato\\s+da\\s+(?:iPhone|iPad|\\S+)"
	"|Verzonden\\s+(?:vanaf|met)\\s+(?:mijn\\s+)?\\S+|Wysłane\\s+z\\s+.{1,30}"
	"|Lähetetty\\s+iPhonesta|Skickat\\s+från\\s+min\\s+\\S+)\\s*$",
	[P_SIGNOFF] =
	"^\\s*(?i:thanks(?:\\s+(?:again|all|everyone))?|thank\\s+you|many\\s+thanks|thx|ty"
	"|regards|best\\s+regards|kind\\s+regards|warm\\s+regards|warmest\\s+regards"
	"|with\\s+regards|best|all\\s+the\\s+best|best\\s+wishes|cheers|sincerely"
	"|yours(?:\\s+sincerely)?|br|brgds|rgds|greetings"
	"|mit\\s+freundlichen\\s+grü(?:ß|ss)en|freundliche\\s+grü(?:ß|ss)e"
	"|viele\\s+grü(?:ß|ss)e|beste\\s+grü(?:ß|ss)e|liebe\\s+grü(?:ß|ss)e"
	"|grü(?:ß|ss)e|gru(?:ß|ss)|mfg|cordialement|bien\\s+cordialement|salutations"
	"|bien\\s+à\\s+vous|saludos(?:\\s+cordiales)?|un\\s+saludo|atentamente"
	"|cordiali\\s+saluti|saluti|distinti\\s+saluti|pozdrawiam|z\\s+poważaniem"
	"|met\\s+vriendelijke\\s+groet(?:en)?|groeten|ystävällisin\\s+terveisin"
	"|terveisin|med\\s+vänlig\\s+hälsning|vänliga\\s+hälsningar"
	"|med\\s+venlig\\s+hilsen|med\\s+vennlig\\s+hilsen|hilsen|atenciosamente"
	"|abraços|s\\s+pozdravem|üdvözlettel|saygılarımla|с\\s+уважением"
	"|με\\s+εκτίμηση|此致|敬礼|よろしくお願いします|よろしくお願いいたします)"
	"[\\s,.!;:-]*(?:\\p{Lu}[\\p{L}.'’-]*[\\s,.]*){0,3}$",
	[P_DISCLAIMER] =
	"^\\s*(?:this\\s+(?:e-?mail|message|communication|electronic\\s+(?:mail|message)"
	"|transmission)\\b|confidentiality\\s+(?:notice|note|warning|statement)"
	"|disclaimer\\b|privileged\\s*(?:&|and)\\s*confidential|confidential\\s*:"
	"|the\\s+information\\s+(?:contained\\s+)?in\\s+this|if\\s+you\\s+(?:are\\s+not"
	"|have\\s+received\\s+this)|important\\s*(?:notice|:)|notice\\s*:"
	"|diese\\s+e-?mail|ce\\s+(?:message|courriel)|este\\s+(?:mensaje|correo)"
	"|questo\\s+messaggio|dit\\s+(?:e-?mail)?bericht|niniejsza\\s+wiadomość"
	"|tämä\\s+viesti|denna\\s+e-?post|本邮件|本郵件)",
	[P_CONFIDENTIAL] =
	"confidential|privileged|intended\\s+recipient|legally|unauthori[sz]ed"
	"|prohibited|vertraulich|confidentiel|confidencial|riservat|poufn"
	"|luottamuksellinen|konfidentiell|vertrouwelijk|保密|機密",
	[P_BANNER] =
	"^\\s*(?:\\[?(?:EXTERNAL|EXT)\\]?\\s*[:\\-]?\\s*$"
	"|(?:\\[?(?:EXTERNAL|EXT)\\]?\\s*[:\\-]?\\s*)?(?:WARNING|CAUTION|ATTENTION|NOTICE)"
	"\\s*[:\\-]\\s*(?:this\\s+(?:e-?mail|message)\\s+(?:originated|is\\s+from|came\\s+from"
	"|was\\s+sent\\s+from)|external\\s+(?:e-?mail|sender)))",
	[P_BANNER_CONT] =
	"do\\s+not\\s+click|unless\\s+you|recogni[sz]e\\s+the\\s+sender"
	"|know\\s+the\\s+content\\s+is\\s+safe|links?\\s+or\\s+(?:open\\s+)?attachments"
	"|exercise\\s+caution|outside\\s+of\\s+the\\s+organi[sz]ation",
};

struct ct_fresh {
	pcre2_code *re[NPAT];
	pcre2_match_data *md;
	ct_buf scratch;
};

typedef struct line {
	size_t off, len;  /* len: without the newline and trailing blanks */
} line;

int ct_fresh_new(ct_fresh **out, ct_error *err)
{
	ct_fresh *f = ct_calloc(1, sizeof(*f));
	for (int i = 0; i < NPAT; i++) {
		int ec;
		PCRE2_SIZE eo;
		/* The sign-off pattern tells names by their capital letter, so
		 * it is caseless only where it says so. */
		uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
		if (i != P_SIGNOFF)
			opts |= PCRE2_CASELESS;
		f->re[i] = pcre2_compile((PCRE2_SPTR)patterns[i], PCRE2_ZERO_TERMINATED,
					 opts, &ec, &eo, NULL);
		if (!f->re[i]) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(ec, msg, sizeof(msg));
			ct_fresh_free(f);
			return ct_error_set(err, CT_ERROR, "fresh: pattern %d offset %zu: %s",
					    i, (size_t)eo, (char *)msg);
		}
		/* JIT is an optimisation: the interpreter runs when it is missing. */
		(void)pcre2_jit_compile(f->re[i], PCRE2_JIT_COMPLETE);
	}
	f->md = pcre2_match_data_create(16, NULL);
	*out = f;
	return 0;
}

void ct_fresh_free(ct_fresh *f)
{
	if (!f)
		return;
	for (int i = 0; i < NPAT; i++)
		pcre2_code_free(f->re[i]);
	pcre2_match_data_free(f->md);
	ct_buf_release(&f->scratch);
	free(f);
}

const char *ct_fresh_stop_name(ct_fresh_stop stop)
{
	static const char *const names[] = {
		"end", "attribution", "outlook-header", "original-message", "divider",
		"forward", "signature", "signoff", "disclaimer", "list-footer",
	};
	if ((unsigned)stop < sizeof(names) / sizeof(names[0]))
		return names[stop];
	return "unknown";
}

static int re_match(ct_fresh *f, int p, const char *s, size_t len)
{
	return pcre2_match(f->re[p], (PCRE2_SPTR)s, len, 0, 0, f->md, NULL) >= 0;
}

static int line_match(ct_fresh *f, int p, const char *body, const line *l)
{
	return re_match(f, p, body + l->off, l->len);
}

/* Split into lines; trailing blanks (incl. CR and U+00A0) are cut. */
static line *split_lines(const char *body, size_t len, size_t *n)
{
	size_t cap = 64, cnt = 0, i = 0;
	line *v = ct_malloc(cap * sizeof(*v));
	while (i < len) {
		size_t s = i;
		while (i < len && body[i] != '\n')
			i++;
		size_t e = i;
		for (;;) {
			if (e > s && (body[e - 1] == ' ' || body[e - 1] == '\t' ||
				      body[e - 1] == '\r'))
				e--;
			else if (e >= s + 2 && (unsigned char)body[e - 2] == 0xC2 &&
				 (unsigned char)body[e - 1] == 0xA0)
				e -= 2;
			else
				break;
		}
		if (cnt == cap) {
			cap *= 2;
			v = ct_realloc(v, cap * sizeof(*v));
		}
		v[cnt].off = s;
		v[cnt].len = e - s;
		cnt++;
		if (i < len)
			i++;
	}
	*n = cnt;
	return v;
}

static size_t skip_lead(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t')
			i++;
		else if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
			 (unsigned char)s[i + 1] == 0xA0)
			i += 2;
		else if (i + 2 < len && /* U+200B and U+FEFF: removed on output, so blank */
			 (((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x8B) ||
			  ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBB &&
			   (unsigned char)s[i + 2] == 0xBF)))
			i += 3;
		else
			break;
	}
	return i;
}

static int is_blank(const char *body, const line *l)
{
	return skip_lead(body + l->off, l->len) == l->len;
}

static int is_quoted(const char *body, const line *l)
{
	size_t i = skip_lead(body + l->off, l->len);
	return i < l->len && body[l->off + i] == '>';
}

static int ends_sentence(const char *body, const line *l)
{
	if (l->len == 0)
		return 0;
	char c = body[l->off + l->len - 1];
	return c == '.' || c == '!' || c == '?';
}

/* The three attribution patterns end in a colon, ASCII or full-width, and
 * blanks: a line whose last byte that is no ASCII blank is neither ':' nor
 * part of a wider character cannot end one, and is not searched. */
static int may_end_attribution(const char *s, size_t len)
{
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
		       s[len - 1] == '\v' || s[len - 1] == '\f' || s[len - 1] == '\r'))
		len--;
	return len && (s[len - 1] == ':' || (unsigned char)s[len - 1] >= 0x80);
}

/* Lines an attribution starting at line i spans (1..3), or 0. Wrapped
 * forms must start like an attribution and hold no second opener ("On …")
 * further down, so the author's last line above an attribution is never
 * swallowed into it. */
static size_t attribution_at(ct_fresh *f, const char *body, const line *v, size_t n,
			     size_t i)
{
	for (size_t k = 1; k <= 3 && i + k <= n; k++) {
		const line *last = &v[i + k - 1];
		if (is_blank(body, last) || is_quoted(body, last))
			return 0;
		if (k > 1) {
			if (ends_sentence(body, &v[i + k - 2]))
				return 0;
			if (!line_match(f, P_ATTR_OPEN, body, &v[i]) &&
			    !line_match(f, P_ATTR_VERB, body, &v[i]))
				return 0;
			if (line_match(f, P_ATTR_OPEN_WORD, body, last))
				return 0;
		}
		size_t joined = k - 1;
		for (size_t j = i; j < i + k; j++)
			joined += v[j].len;
		if (joined > 400)
			return 0;
		if (!may_end_attribution(body + last->off, last->len))
			continue;
		ct_buf_reset(&f->scratch);
		for (size_t j = i; j < i + k; j++) {
			if (j > i)
				ct_buf_addch(&f->scratch, ' ');
			ct_buf_add(&f->scratch, body + v[j].off, v[j].len);
		}
		const char *s = ct_buf_cstr(&f->scratch);
		if (re_match(f, P_ATTR, s, f->scratch.len) ||
		    re_match(f, P_ATTR_DATED, s, f->scratch.len) ||
		    re_match(f, P_ATTR_CJK, s, f->scratch.len))
			return k;
	}
	return 0;
}

static int is_header(ct_fresh *f, const char *body, const line *l)
{
	return line_match(f, P_FROM, body, l) || line_match(f, P_HDR, body, l);
}

/* An Outlook block: header lines (at least three, one of them From:) close
 * together, starting at line i. */
static int outlook_block_at(ct_fresh *f, const char *body, const line *v, size_t n,
			    size_t i)
{
	if (line_match(f, P_HDR_ONELINE, body, &v[i]))
		return 1;
	if (!is_header(f, body, &v[i]))
		return 0;
	int headers = 0, from = 0, gap = 0;
	for (size_t j = i; j < n && j < i + 9 && gap <= 2; j++) {
		if (line_match(f, P_FROM, body, &v[j])) {
			from = 1;
			headers++;
			gap = 0;
		} else if (line_match(f, P_HDR, body, &v[j])) {
			headers++;
			gap = 0;
		} else {
			gap++;
		}
	}
	return from && headers >= 3;
}

static int mentions_list(ct_fresh *f, const char *body, const line *v, size_t n, size_t i)
{
	for (size_t j = i; j < n && j < i + 5; j++)
		if (line_match(f, P_LISTREF, body, &v[j]))
			return 1;
	return 0;
}

/* The hard stop at line i, or CT_FRESH_END when line i is not one. */
static ct_fresh_stop hard_stop_at(ct_fresh *f, const char *body, const line *v, size_t n,
				  size_t i)
{
	const line *l = &v[i];
	if (line_match(f, P_ORIGINAL, body, l))
		return CT_FRESH_ORIGINAL_MESSAGE;
	if (line_match(f, P_FORWARD, body, l))
		return CT_FRESH_FORWARD;
	if (line_match(f, P_UNDERSCORES, body, l)) {
		/* Outlook's divider sits on a header block, Mailman's on the list name */
		size_t j = i + 1;
		while (j < n && is_blank(body, &v[j]))
			j++;
		if (j < n && is_header(f, body, &v[j]))
			return CT_FRESH_DIVIDER;
		return mentions_list(f, body, v, n, j) ? CT_FRESH_LIST_FOOTER : CT_FRESH_DIVIDER;
	}
	if (line_match(f, P_STUB, body, l))
		return CT_FRESH_LIST_FOOTER;
	if (line_match(f, P_LIST_LINE, body, l) && mentions_list(f, body, v, n, i + 1))
		return CT_FRESH_LIST_FOOTER;
	if (line_match(f, P_SIG, body, l) || line_match(f, P_MOBILE, body, l))
		return CT_FRESH_SIGNATURE;
	if (outlook_block_at(f, body, v, n, i))
		return CT_FRESH_OUTLOOK_HEADER;
	return CT_FRESH_END;
}

static size_t count_words(const char *s, size_t len)
{
	size_t w = 0;
	int in = 0;
	for (size_t i = 0; i < len; i++) {
		int sp = s[i] == ' ' || s[i] == '\t';
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

/* After a sign-off, only a signature: a few short lines, no prose. */
static int short_block_after(const char *body, const line *v, const size_t *keep,
			     size_t nkeep, size_t k)
{
	size_t lines = 0;
	for (size_t j = k + 1; j < nkeep; j++) {
		const line *l = &v[keep[j]];
		if (is_blank(body, l))
			continue;
		if (++lines > 8 || l->len > 100 || count_words(body + l->off, l->len) > 12)
			return 0;
	}
	return 1;
}

static int is_disclaimer(ct_fresh *f, const char *body, const line *v, const size_t *keep,
			 size_t nkeep, size_t k)
{
	if (!line_match(f, P_DISCLAIMER, body, &v[keep[k]]))
		return 0;
	for (size_t j = k; j < nkeep && j < k + 3; j++)
		if (line_match(f, P_CONFIDENTIAL, body, &v[keep[j]]))
			return 1;
	return 0;
}

/* Append one kept line, tidied: U+00A0 as a space, U+200B/U+FEFF removed. */
static void add_line(ct_buf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
			ct_buf_addch(out, ' ');
			i++;
		} else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x8B) {
			i += 2;
		} else if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB &&
			   (unsigned char)s[i + 2] == 0xBF) {
			i += 2;
		} else {
			ct_buf_addch(out, (char)c);
		}
	}
	ct_buf_addch(out, '\n');
}

static void set_stop(ct_fresh_info *info, ct_fresh_stop stop, const line *l)
{
	info->stop = stop;
	info->stop_offset = l->off;
	info->stop_len = l->len;
}

/* Pass 1: quotes, attributions, banners and hard stops. Fills keep[] with
 * the indices of the lines that may be the author's. */
static size_t first_pass(ct_fresh *f, const char *body, const line *v, size_t n,
			 size_t *keep, ct_fresh_info *info)
{
	size_t nkeep = 0;
	for (size_t i = 0; i < n; i++) {
		const line *l = &v[i];
		if (is_quoted(body, l)) {
			info->quoted_lines++;
			continue;
		}
		if (is_blank(body, l)) {
			keep[nkeep++] = i;
			continue;
		}
		ct_fresh_stop stop = hard_stop_at(f, body, v, n, i);
		if (stop != CT_FRESH_END) {
			set_stop(info, stop, l);
			break;
		}
		size_t k = attribution_at(f, body, v, n, i);
		if (k) {
			size_t j = i + k;
			while (j < n && is_blank(body, &v[j]))
				j++;
			if (j < n && !is_quoted(body, &v[j])) {
				set_stop(info, CT_FRESH_ATTRIBUTION, l);
				break;
			}
			info->attributions += k;
			i += k - 1;
			continue;
		}
		if (line_match(f, P_BANNER, body, l)) {
			info->banner_lines++;
			while (i + 1 < n && !is_blank(body, &v[i + 1]) &&
			       line_match(f, P_BANNER_CONT, body, &v[i + 1])) {
				info->banner_lines++;
				i++;
			}
			continue;
		}
		keep[nkeep++] = i;
	}
	return nkeep;
}

/* Pass 2: a disclaimer or a sign-off with only a signature below it ends
 * the text. Returns the new count of kept lines. */
static size_t second_pass(ct_fresh *f, const char *body, const line *v, const size_t *keep,
			  size_t nkeep, ct_fresh_info *info)
{
	for (size_t k = 0; k < nkeep; k++) {
		const line *l = &v[keep[k]];
		if (is_blank(body, l))
			continue;
		if (is_disclaimer(f, body, v, keep, nkeep, k)) {
			set_stop(info, CT_FRESH_DISCLAIMER, l);
			return k;
		}
		if (line_match(f, P_SIGNOFF, body, l) &&
		    short_block_after(body, v, keep, nkeep, k)) {
			set_stop(info, CT_FRESH_SIGNOFF, l);
			return k;
		}
	}
	return nkeep;
}

int ct_fresh_extract(ct_fresh *f, ct_buf *out, const char *body, size_t len,
		     ct_fresh_info *info)
{
	ct_fresh_info dummy;
	if (!f || !out || (!body && len))
		return CT_EUSAGE;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	info->stop_offset = len;

	size_t n;
	line *v = split_lines(body ? body : "", len, &n);
	size_t *keep = ct_malloc((n ? n : 1) * sizeof(*keep));
	size_t nkeep = first_pass(f, body, v, n, keep, info);
	nkeep = second_pass(f, body, v, keep, nkeep, info);

	/* No blank line first or last, and runs of blank lines as one. */
	size_t lo = 0, hi = nkeep;
	while (lo < hi && is_blank(body, &v[keep[lo]]))
		lo++;
	while (hi > lo && is_blank(body, &v[keep[hi - 1]]))
		hi--;
	int prev_blank = 0;
	for (size_t k = lo; k < hi; k++) {
		const line *l = &v[keep[k]];
		int blank = is_blank(body, l);
		if (blank && prev_blank)
			continue;
		add_line(out, blank ? "" : body + l->off, blank ? 0 : l->len);
		prev_blank = blank;
	}
	free(keep);
	free(v);
	return 0;
}
