#!/usr/bin/env python3
"""Write a seeded, realistic synthetic CA/Browser Forum list archive for
benchmarks, with the known tally of every ballot in it.

usage: gen.py [--size 1G] [--seed 187] [--no-gz] OUTDIR

Writes OUTDIR/archive.mbox (about --size bytes), OUTDIR/archive.mbox.gz (the
same bytes gzipped, unless --no-gz) and OUTDIR/answer.json.

The archive is years of list traffic (2013 to 2024) from the Forum's lists:
discussion threads with replies that quote their parents, and about one
ballot thread per 500 messages. A ballot thread has the proposal (ballot ids
as the Forum spelled them in each era: "Ballot 143", "Ballot SC23",
"Ballot SC-064", "Ballot SMC03", "Ballot CSC-19", "Ballot NS-003",
"Ballot FORUM-17"), discussion, sometimes a v2, the announcement with its
voting period in the words of that era (the 2014 prose, the 2017 table, the
SC "Start Time:/End Time:" form), then votes from people at the member
domains that data/roster.xml knows for that group and date, early and late
votes, changed votes, conditional (unclear) ones and non-members. Mail comes
in the shapes real clients give it: plain, quoted-printable Outlook text,
base64, HTML only, multipart/alternative, S/MIME multipart/signed, Mailman's
DMARC rewrite ("Name via Public"), PDF attachments, RFC 2047 names and
subjects. The first years are written as Mailman 2 pipermail .txt entries
("From user at domain  <ctime>", bodies not escaped, attachments scrubbed),
the rest as mboxrd (">From " escaping).

answer.json gives, for every ballot whose thread was written completely, the
voting period and the per-category yes/no/abstain lists (the roster's
display names at the start of voting), and names a target ballot in the
middle of the file. Nothing random comes from the clock: the same seed and
size give the same bytes. Never commit the output.
"""

import argparse
import base64
import binascii
import gzip
import heapq
import json
import os
import random
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

UTC = timezone.utc
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GENERATOR_VERSION = 4  # bump when the output changes, so cached archives are rebuilt

SPAN_START = datetime(2013, 1, 7, tzinfo=UTC)
SPAN_END = datetime(2024, 12, 20, tzinfo=UTC)
PIPERMAIL_UNTIL = datetime(2014, 10, 1, tzinfo=UTC)  # Mailman 2 .txt entries before
SC_ERA = datetime(2018, 7, 3, tzinfo=UTC)            # the working groups begin
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
DAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
	     "September", "October", "November", "December"]

LISTS = {
	"forum": ("Public", "public@cabforum.org", "CA/Browser Forum Public Discussion List",
		  "public.cabforum.org", "[cabfpub]", "public"),
	"scwg": ("Servercert-wg", "servercert-wg@cabforum.org", "Server Certificate Working Group",
		 "servercert-wg.cabforum.org", "[Servercert-wg]", "servercert-wg"),
	"smcwg": ("Smcwg-public", "smcwg-public@cabforum.org", "S/MIME Certificate Working Group",
		  "smcwg-public.cabforum.org", "[Smcwg-public]", "smcwg-public"),
	"cscwg": ("Cscwg-public", "cscwg-public@cabforum.org", "Code Signing Certificate Working Group",
		  "cscwg-public.cabforum.org", "[Cscwg-public]", "cscwg-public"),
	"netsec": ("Netsec", "netsec@cabforum.org", "Network Security Working Group",
		   "netsec.cabforum.org", "[Netsec]", "netsec"),
}
GUIDELINE = {"forum": "Baseline Requirements", "scwg": "Baseline Requirements",
	     "smcwg": "S/MIME Baseline Requirements", "cscwg": "Code Signing Baseline Requirements",
	     "netsec": "Network and Certificate System Security Requirements"}

FIRST = ["Anna", "Ben", "Carla", "Dmitri", "Elif", "Farid", "Gwen", "Hiro", "Ines", "Jonas",
	 "Kemal", "Lena", "Marco", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Stefan", "Tomoko",
	 "Uwe", "Vera", "Wei", "Ximena", "Yusuf", "Zofia", "Aitor", "Bram", "Chen", "Dana",
	 "J\u00fcri", "Ren\u00e9e", "S\u00f8ren", "Zo\u00eb", "\u0141ukasz", "Ana\u00efs"]
LAST = ["Abbott", "Berg", "Castillo", "Dumont", "Eriksen", "Fischer", "Garcia", "Hale",
	"Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
	"Quinn", "Rossi", "Schmidt", "Tanaka", "Ulrich", "Varga", "Wagner", "Xu", "Yilmaz", "Zhang",
	"Etxeberria", "M\u00fcller", "Kov\u00e1\u010d", "N\u00fa\u00f1ez", "Sch\u00f6n"]
OUTSIDERS = ["gmail.com", "outlook.com", "protonmail.com", "pki-consulting.example",
	     "research.example.edu", "hotmail.com"]
TZS = ["+0000", "+0100", "+0200", "-0500", "-0700", "-0800", "+0800", "+0900", "+0530", "+0300"]

WORDS = """certificate certificates issuance validation domain CAA record records DNS
subscriber subscribers relying party parties audit auditor audits revocation OCSP CRL
profile profiles extension extensions baseline requirements guideline guidelines section
effective date policy policies practice statement browser browsers root program programs
transparency log logs precertificate precertificates key keys algorithm signature hash
lifetime validity period days months reuse data method methods agreement contract
incident report reports disclosure mis-issuance serial number entropy wildcard name names
organization identity verification EV OV DV subordinate intermediate trust anchor store
members member forum working group chair vice-chair minutes agenda teleconference
meeting face-to-face redline draft language wording clarify clarification proposal
proposed change changes text comment comments feedback review reviewed concern concerns
support supports implementation implementations timeline transition deadline sunset
phase-in risk risks security requirement clause paragraph definition defined term terms
we I the a an and or but so because which that this these those it its their our your
should must may can could would will shall not also only still already instead however
think believe agree disagree suggest prefer propose understand expect note see read
makes seems helps needs allows requires means follows covers applies remains affects
clear useful reasonable important difficult simple consistent current existing new old
automated manual practical operational technical editorial substantive minor major""".split()

OPENERS = ["Thanks for the update.", "Hi all,", "Hello everyone,", "Thanks, this is helpful.",
	   "Good point.", "Agreed.", "A few comments inline.", "Following up on the call today:",
	   "Sorry for the late reply.", "Here is the redline we discussed.", "Dear colleagues,"]

TOPICS = ["CAA issuewild handling for wildcard certificates", "OCSP response freshness",
	  "Clarifying domain validation method 3.2.2.4.7", "Certificate lifetimes and data reuse",
	  "Minutes of the teleconference", "Draft agenda for the next F2F meeting",
	  "Question on precertificate revocation", "CRL sharding and partitioned CRLs",
	  "Incident reporting template", "Proposal: sunset of legacy validation methods",
	  "Audit criteria update", "Key generation ceremony witnessing", "Linting before issuance",
	  "Organization identifiers in subject fields", "Root program requirements roundup",
	  "Network security requirements review", "Multi-perspective issuance corroboration",
	  "Subscriber agreement wording", "Test websites for root certificates",
	  "Delegated third parties and RA audits", "Internal names and reserved IP addresses",
	  "Errata for the BRs", "Recap of last week's discussion", "Proposed charter update"]
# Threads whose subject says "ballot" or "vote" without naming one: the
# prefilter must admit them, the ballot index must leave them alone.
BALLOTISH_TOPICS = ["Draft ballot on OCSP responder certificates", "Ballot process question",
		    "Voting procedure for working group members", "Thoughts on ballot numbering",
		    "Upcoming ballots for the next quarter", "Pre-ballot discussion: CRL reasons"]
TITLES = ["Make CAA Checking Mandatory", "Precertificates", "Clarify Validation Methods",
	  "Reduce Certificate Lifetimes", "Sunset of Subject Organizational Unit",
	  "OCSP and CRL Reason Codes", "Update Network Security Requirements", "Improve Linting",
	  "Define Key Compromise", "Retire Method 6", "Require Multi-Perspective Validation",
	  "Clean-up of Section 7", "Cleanups and Clarifications", "Remove Legacy Profiles",
	  "Require Audit Reports in English", "Short-lived Certificates", "Validity Periods",
	  "Revocation Timelines", "Account Security", "Logging Requirements"]

PDF_POOL = None
SIG_POOL = None


# ------------------------------------------------------------------ roster

def day(s):
	return datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=UTC)


class Member:
	def __init__(self, el):
		self.id = el.get("id")
		self.names = []  # (from, name)
		self.aliases = [a.text.strip() for a in el.findall("alias")]
		self.domains = []  # (from, until, domain)
		self.ships = []    # (group, category, status, from, until)
		for n in el.findall("name"):
			self.names.append((day(n.get("from")) if n.get("from") else None, n.text.strip()))
		for d in el.findall("domain"):
			self.domains.append((day(d.get("from")) if d.get("from") else None,
					     day(d.get("until")) if d.get("until") else None, d.text.strip().lower()))
		for m in el.findall("membership"):
			self.ships.append((m.get("group"), m.get("category"), m.get("status") or "voting",
					   day(m.get("from")) if m.get("from") else None,
					   day(m.get("until")) if m.get("until") else None))

	def name_on(self, when):
		best = None
		for f, n in self.names:
			if f is None or f <= when:
				if best is None or (f or SPAN_START.replace(year=1900)) >= best[0]:
					best = (f or SPAN_START.replace(year=1900), n)
		return best[1] if best else self.id

	def voting(self, group, when):
		for g, cat, st, f, u in self.ships:
			if g == group and st == "voting" and (f is None or f <= when) and (u is None or when < u):
				return cat
		return None

	def domains_on(self, when):
		return [d for f, u, d in self.domains if (f is None or f <= when) and (u is None or when < u)]


def load_roster(path):
	root = ET.parse(path).getroot()
	return [Member(el) for el in root.findall("member")]


def utc_day(dt):
	return dt.replace(hour=0, minute=0, second=0, microsecond=0)


VOTERS = {}


def voters(roster, group, when):
	"""Members voting in `group` on `when`, with a mail domain no other member
	claims that day: [(member, category, domain)]."""
	d = utc_day(when)
	if (group, d) not in VOTERS:
		VOTERS[(group, d)] = _voters(roster, group, d)
	return VOTERS[(group, d)]


def _voters(roster, group, d):
	global NESTED
	if NESTED is None:
		# a domain inside another member's domain would resolve to either
		alld = {dom for m in roster for _, _, dom in m.domains}
		NESTED = {x for x in alld for y in alld if x != y and (x.endswith("." + y) or y.endswith("." + x))}
	owners = {}
	for m in roster:
		for dom in m.domains_on(d):
			owners.setdefault(dom, set()).add(m.id)
	out = []
	for m in roster:
		cat = m.voting(group, d)
		if not cat:
			continue
		doms = [x for x in m.domains_on(d) if len(owners[x]) == 1 and x not in NESTED]
		if doms:
			out.append((m, cat, doms[0]))
	return out


NESTED = None


# ------------------------------------------------------------------ text

class Text:
	"""Seeded prose from a vocabulary: a pool of paragraphs built once."""

	def __init__(self, rng):
		self.rng = rng
		self.paras = [self._para() for _ in range(3000)]

	def _sentence(self):
		r = self.rng
		n = r.randrange(7, 24)
		w = [r.choice(WORDS) for _ in range(n)]
		s = " ".join(w)
		if r.random() < 0.15:
			s += " (see section %d.%d.%d)" % (r.randrange(1, 9), r.randrange(1, 9), r.randrange(1, 12))
		return s[0].upper() + s[1:] + r.choice([".", ".", ".", "?"])

	def _para(self):
		r = self.rng
		words = " ".join(self._sentence() for _ in range(r.randrange(1, 6))).split(" ")
		lines, cur = [], ""
		for w in words:
			if len(cur) + len(w) + 1 > 72:
				lines.append(cur)
				cur = w
			else:
				cur = cur + " " + w if cur else w
		lines.append(cur)
		return "\n".join(lines)

	def body(self, lo, hi):
		r = self.rng
		return "\n\n".join(r.choice(self.paras) for _ in range(r.randrange(lo, hi)))


def quote(text, limit=9000):
	if len(text) > limit:
		text = text[:limit].rsplit("\n", 1)[0]
	return "\n".join(">" + (" " + l if l and not l.startswith(">") else l) for l in text.split("\n"))


# ------------------------------------------------------------------ people

class Person:
	def __init__(self, name, addr, tz, member=None, client=None):
		self.name, self.addr, self.tz, self.member = name, addr, tz, member
		self.client = client  # preferred mail client shape


def person_for(rng, member, domain, cache):
	key = (member.id if member else "", domain)
	if key in cache and rng.random() < 0.85:
		return rng.choice(cache[key])
	first, last = rng.choice(FIRST), rng.choice(LAST)
	local = (first[0] + last if rng.random() < 0.4 else first + "." + last).lower()
	local = local.encode("ascii", "ignore").decode() or "user"
	if not member:
		local += str(rng.randrange(10, 99))
	p = Person("%s %s" % (first, last), "%s@%s" % (local, domain), rng.choice(TZS),
		   member, rng.choice(["plain", "outlook", "outlook_html", "gmail", "apple", "b64",
				       "thunderbird_alt"]))
	cache.setdefault(key, []).append(p)
	return p


# ------------------------------------------------------------------ dates

def tzinfo(tz):
	sign = 1 if tz[0] == "+" else -1
	return timezone(sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])))


def rfc2822(dt, tz):
	lt = dt.astimezone(tzinfo(tz))
	return "%s, %d %s %d %02d:%02d:%02d %s" % (DAYS[lt.weekday()], lt.day, MONS[lt.month - 1],
						 lt.year, lt.hour, lt.minute, lt.second, tz)


def ctime(dt):
	return "%s %s %2d %02d:%02d:%02d %d" % (DAYS[dt.weekday()], MONS[dt.month - 1], dt.day,
					      dt.hour, dt.minute, dt.second, dt.year)


def iso(dt):
	return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


# ------------------------------------------------------------------ messages

class Msg:
	__slots__ = ("date", "author", "subject", "msgid", "parent", "refs", "own", "thread_text",
		     "group", "ballot", "shape", "attach", "dmarc")

	def __init__(self, date, author, subject, group, own, parent=None, ballot=None):
		self.date, self.author, self.subject, self.group = date, author, subject, group
		self.own, self.parent, self.ballot = own, parent, ballot
		self.refs = (parent.refs + [parent.msgid])[-12:] if parent else []
		self.shape = author.client
		self.attach = False
		self.dmarc = False
		# what a reply to this message quotes: its own words and what it quoted
		self.thread_text = own if not parent else own + "\n\n" + quote(parent.thread_text, 6000)


def msgid_for(rng, m):
	dom = m.author.addr.split("@")[1]
	if m.shape in ("outlook", "outlook_html"):
		return "<%s@%s.namprd%02d.prod.outlook.com>" % (
			"%032X" % rng.getrandbits(128), "DM5PR%02dMB%04d" % (rng.randrange(99), rng.randrange(9999)),
			rng.randrange(20))
	if m.shape == "gmail":
		return "<CA%s@mail.gmail.com>" % base64.b64encode(rng.randbytes(30), b"-_").decode()
	return "<%08x-%04x-%04x-%012x@%s>" % (rng.getrandbits(32), rng.getrandbits(16),
					      rng.getrandbits(16), rng.getrandbits(48), dom)


def enc_word(s):
	"""RFC 2047 Q-encoding of a header text (UTF-8)."""
	b = s.encode("utf-8")
	q = "".join(chr(c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else
		    "_" if c == 32 else "=%02X" % c for c in b)
	return "=?utf-8?Q?%s?=" % q


def fmt_addr(name, addr):
	if name.isascii():
		return '"%s" <%s>' % (name, addr) if ("." in name or "," in name) else "%s <%s>" % (name, addr)
	return "%s <%s>" % (enc_word(name), addr)


def qp(text):
	return binascii.b2a_qp(text.encode("utf-8")).decode("ascii")


def b64(data):
	return base64.encodebytes(data).decode("ascii")


def html_of(text, quoted_html=""):
	paras = "".join("<p>%s</p>\n" % p.replace("&", "&amp;").replace("<", "&lt;")
			.replace(">", "&gt;").replace("\n", "<br>\n") for p in text.split("\n\n"))
	return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
		"</head>\n<body>\n%s%s</body></html>\n" % (paras, quoted_html))


def footer(group):
	name, addr, _, _, _, path = LISTS[group]
	return ("_______________________________________________\n%s mailing list\n%s\n"
		"https://lists.cabforum.org/mailman/listinfo/%s\n" % (name, addr, path))


class Writer:
	"""Turns a Msg into archive bytes in the shape of its client and era."""

	def __init__(self, rng):
		self.rng = rng
		self.bcount = 0

	def boundary(self):
		self.bcount += 1
		return "----=_Part_%d_%d.%d" % (self.bcount, self.rng.getrandbits(30), self.bcount * 7)

	def attribution(self, m):
		p = m.parent
		return "On %s, %s wrote:" % (rfc2822(p.date, p.author.tz), p.author.name)

	def outlook_block(self, m):
		p = m.parent
		lt = p.date.astimezone(tzinfo(p.author.tz))
		listname = LISTS[p.group][0]
		return ("From: %s <%s-bounces@cabforum.org> On Behalf Of %s via %s\nSent: %s, %s %d, %d "
			"%d:%02d %s\nTo: %s\nSubject: %s\n" % (
				listname, LISTS[p.group][5], p.author.name, listname, DAYS_LONG[lt.weekday()],
				MONS_LONG[lt.month - 1], lt.day, lt.year, (lt.hour % 12) or 12, lt.minute,
				"AM" if lt.hour < 12 else "PM", LISTS[p.group][2], p.subject))

	def signature(self, m):
		a = m.author
		org = a.member.name_on(m.date) if a.member else ""
		sig = "\n\n-- \n%s\n%s" % (a.name, org) if org else "\n\n%s" % a.name.split()[0]
		if a.member and self.rng.random() < 0.25:
			sig += ("\n\nThis e-mail and any attachments are confidential and intended solely for"
				"\nthe addressee. If you have received it in error, please notify the sender"
				"\nand delete it. Any unauthorised use is prohibited.")
		return sig

	# -- text forms of a reply --
	def plain_text(self, m):
		body = m.own + self.signature(m)
		if m.parent:
			body += "\n\n" + self.attribution(m) + "\n" + quote(m.parent.thread_text)
		return body + "\n"

	def outlook_text(self, m):
		body = m.own + self.signature(m)
		if m.parent:
			pt = m.parent.thread_text
			body += "\n\n" + self.outlook_block(m) + "\n" + (pt[:9000]) + "\n"
		return body + "\n"

	def quoted_html(self, m, style):
		if not m.parent:
			return ""
		inner = html_of(m.parent.thread_text[:9000]).split("<body>\n", 1)[1].rsplit("</body>", 1)[0]
		if style == "gmail":
			return ("<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">%s<br></div>"
				"<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:"
				"1px solid rgb(204,204,204);padding-left:1ex\">%s</blockquote></div>\n"
				% (self.attribution(m).replace("<", "&lt;"), inner))
		if style == "apple":
			return ("<div><br><blockquote type=\"cite\"><div>%s</div>%s</blockquote></div>\n"
				% (self.attribution(m).replace("<", "&lt;"), inner))
		blk = self.outlook_block(m).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
		return ("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\">"
			"<p class=\"MsoNormal\">%s</p></div>\n%s" % (blk.replace("\n", "<br>\n"), inner))

	# -- MIME entities: (header lines, body) --
	def leaf(self, ctype, text, cte):
		hdr = "Content-Type: %s; charset=\"utf-8\"\nContent-Transfer-Encoding: %s\n" % (ctype, cte)
		if cte == "quoted-printable":
			return hdr, qp(text)
		if cte == "base64":
			return hdr, b64(text.encode("utf-8"))
		return hdr, text

	def multipart(self, sub, parts, extra=""):
		b = self.boundary()
		out = ["This is a multi-part message in MIME format.\n"]
		for h, body in parts:
			out.append("\n--%s\n%s\n%s" % (b, h, body if body.endswith("\n") else body + "\n"))
		out.append("\n--%s--\n" % b)
		return "Content-Type: multipart/%s;%s\n\tboundary=\"%s\"\n" % (sub, extra, b), "".join(out)

	def entity(self, m):
		s, ascii_only = m.shape, m.own.isascii()
		if s == "plain":
			return self.leaf("text/plain", self.plain_text(m), "7bit" if ascii_only else "8bit")
		if s == "b64":
			return self.leaf("text/plain", self.plain_text(m), "base64")
		if s == "outlook":
			return self.leaf("text/plain", self.outlook_text(m), "quoted-printable")
		if s == "outlook_html":
			return self.leaf("text/html", html_of(m.own + self.signature(m), self.quoted_html(m, "outlook")),
					 "quoted-printable")
		if s == "apple":
			return self.leaf("text/html", html_of(m.own + self.signature(m), self.quoted_html(m, "apple")),
					 "quoted-printable")
		if s == "gmail":
			return self.multipart("alternative", [
				self.leaf("text/plain", self.plain_text(m), "quoted-printable"),
				self.leaf("text/html", html_of(m.own + self.signature(m), self.quoted_html(m, "gmail")),
					  "quoted-printable")])
		# thunderbird_alt
		return self.multipart("alternative", [
			self.leaf("text/plain", self.plain_text(m), "7bit" if ascii_only else "8bit"),
			self.leaf("text/html", html_of(m.own + self.signature(m), self.quoted_html(m, "apple")),
				  "7bit" if ascii_only else "8bit")])

	def headers(self, m):
		r = self.rng
		a = m.author
		listname, listaddr, desc, listid, tag, path = LISTS[m.group]
		dom = a.addr.split("@")[1]
		h = ["Return-Path: <%s-bounces@cabforum.org>\n" % path]
		t = m.date
		for i in range(r.randrange(2, 6)):
			h.append("Received: from mail%d.%s (mail%d.%s [198.51.100.%d])\n\tby lists.cabforum.org "
				 "(Postfix) with ESMTPS id %010X\n\tfor <%s>; %s\n" % (
					 i, dom, i, dom, r.randrange(1, 255), r.getrandbits(40), listaddr,
					 rfc2822(t, "+0000")))
		if t.year >= 2016 and r.random() < 0.7:
			h.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=selector%d;\n"
				 "\th=from:to:subject:date:message-id:references:in-reply-to;\n\tbh=%s\n\tb=%s\n" % (
					 dom, r.randrange(1, 3), base64.b64encode(r.randbytes(32)).decode(),
					 "\n\t  ".join(textwrap64(base64.b64encode(r.randbytes(256)).decode()))))
		if m.dmarc:
			h.append("From: %s <%s>\n" % (enc_word(a.name + " via " + listname) if not a.name.isascii() else '"%s via %s"' % (a.name, listname), listaddr))
			h.append("Reply-To: %s\n" % fmt_addr(a.name, a.addr))
		else:
			h.append("From: %s\n" % fmt_addr(a.name, a.addr))
		h.append("To: %s <%s>\n" % (desc, listaddr))
		subj = m.subject
		if not subj.isascii() or (m.shape in ("outlook", "outlook_html") and r.random() < 0.1):
			subj = enc_word(subj)
		h.append("Subject: %s\n" % subj)
		h.append("Date: %s\n" % rfc2822(m.date, a.tz))
		h.append("Message-ID: %s\n" % m.msgid)
		if m.parent:
			h.append("In-Reply-To: %s\n" % m.parent.msgid)
			h.append("References: %s\n" % "\n ".join(m.refs))
		if m.shape in ("outlook", "outlook_html"):
			h.append("Thread-Topic: %s\nThread-Index: %s\n" % (
				subj, base64.b64encode(r.randbytes(22 + 5 * len(m.refs))).decode()))
			if t.year >= 2017:
				for k in ("AuthSource", "AuthAs", "OriginalArrivalTime", "FromEntityHeader",
					  "Id", "TenantId", "MailboxType", "UserPrincipalName", "Network-Message-Id",
					  "CrossTenant-Id", "Transport-CrossTenantHeadersStamped"):
					h.append("X-MS-Exchange-%s: %s\n" % (k, "%x-%x" % (r.getrandbits(48), r.getrandbits(32))))
				h.append("x-ms-exchange-antispam-messagedata-0: %s\n" % base64.b64encode(
					r.randbytes(180)).decode())
		h.append("MIME-Version: 1.0\n")
		h.append("X-BeenThere: %s\nX-Mailman-Version: 2.1.%d\nPrecedence: list\n" % (listaddr, r.randrange(15, 39)))
		h.append("List-Id: %s <%s>\nList-Unsubscribe: <https://lists.cabforum.org/mailman/options/%s>,\n"
			 " <mailto:%s-request@cabforum.org?subject=unsubscribe>\nList-Archive: "
			 "<https://lists.cabforum.org/pipermail/%s/>\nList-Post: <mailto:%s>\nList-Help: "
			 "<mailto:%s-request@cabforum.org?subject=help>\nList-Subscribe: "
			 "<https://lists.cabforum.org/mailman/listinfo/%s>,\n <mailto:%s-request@cabforum.org?subject=subscribe>\n"
			 % (desc, listid, path, path, path, listaddr, path, path, path))
		if m.dmarc:
			h.append("Cc: %s\n" % fmt_addr(a.name, a.addr))
		h.append("Errors-To: %s-bounces@cabforum.org\nSender: \"%s\" <%s-bounces@cabforum.org>\n" % (
			path, listname, path))
		return "".join(h)

	def mbox(self, m):
		r = self.rng
		hdr, body = self.entity(m)
		if m.attach:
			name = "redline-%d.pdf" % r.randrange(1000)
			size = r.choice([20000, 50000, 100000, 200000])
			off = r.randrange(len(PDF_POOL) - size)
			att = ("Content-Type: application/pdf; name=\"%s\"\nContent-Transfer-Encoding: base64\n"
			       "Content-Disposition: attachment; filename=\"%s\"\n" % (name, name),
			       b64(PDF_POOL[off:off + size]))
			hdr, body = self.multipart("mixed", [(hdr, body), att])
		if m.shape in ("outlook", "outlook_html", "thunderbird_alt") and m.author.member and r.random() < 0.35:
			off = r.randrange(len(SIG_POOL) - 6000)
			sig = ("Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\n"
			       "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"smime.p7s\"\n",
			       b64(SIG_POOL[off:off + r.randrange(3000, 6000)]))
			hdr, body = self.multipart("signed", [(hdr, body), sig],
						   " protocol=\"application/pkcs7-signature\"; micalg=sha-256;")
		if r.random() < 0.5:
			# Mailman's footer: its own part after a multipart, the text's tail otherwise
			if hdr.startswith("Content-Type: multipart/"):
				hdr, body = self.multipart("mixed", [(hdr, body), self.leaf("text/plain", footer(m.group), "7bit")])
			elif ("7bit" in hdr or "8bit" in hdr) and "text/plain" in hdr:
				body = body + footer(m.group)
		text = self.headers(m) + hdr + "\n" + body
		if "From " in text:
			text = re.sub(r"(?m)^(>*From )", r">\1", text)
		fl = "From %s %s\n" % (m.author.addr if not m.dmarc else LISTS[m.group][1],
				      ctime(m.date + timedelta(seconds=r.randrange(2, 40))))
		return (fl + text + "\n").encode("utf-8")

	def pipermail(self, m):
		"""Mailman 2 .txt entry: obfuscated addresses, text only, nothing escaped."""
		a = m.author
		user, dom = a.addr.split("@")
		text = self.plain_text(m) if m.shape != "outlook" else self.outlook_text(m)
		if m.shape in ("outlook_html", "apple", "gmail", "thunderbird_alt"):
			text += ("-------------- next part --------------\nAn HTML attachment was scrubbed...\n"
				 "URL: <https://lists.cabforum.org/pipermail/%s/attachments/%s/%08x/attachment.html>\n"
				 % (LISTS[m.group][5], m.date.strftime("%Y%m%d"), self.rng.getrandbits(32)))
		h = ["From %s at %s  %s\n" % (user, dom, ctime(m.date)),
		     "From: %s at %s (%s)\n" % (user, dom, a.name),
		     "Date: %s\n" % rfc2822(m.date, a.tz),
		     "Subject: %s\n" % m.subject]
		if m.parent:
			h.append("In-Reply-To: %s\n" % m.parent.msgid)
			h.append("References: %s\n" % "\n\t".join(m.refs))
		h.append("Message-ID: %s\n\n" % m.msgid)
		return ("".join(h) + text + "\n").encode("utf-8")

	def write(self, m):
		if m.date < PIPERMAIL_UNTIL:
			return self.pipermail(m)
		return self.mbox(m)


def textwrap64(s, n=72):
	return [s[i:i + n] for i in range(0, len(s), n)]


# ------------------------------------------------------------------ ballots

class Ballot:
	def __init__(self, group, series, number, start_talk, title):
		self.group, self.series, self.number = group, series, number
		self.start_talk, self.title = start_talk, title
		self.msgs = 0
		self.written = 0
		self.votes = []  # (date, member, category, vote)

	def spelled(self, when):
		n, s = self.number, self.series
		if s == "":
			return "Ballot %d" % n
		if s == "SC":
			return "Ballot SC%d" % n if when.year < 2020 else "Ballot SC-%03d" % n
		if s == "SMC":
			return "Ballot SMC%02d" % n
		if s == "CSC":
			return "Ballot CSC-%d" % n
		if s == "NS":
			return "Ballot NS-%03d" % n
		return "Ballot FORUM-%d" % n

	def cli_id(self):
		return str(self.number) if not self.series else "%s%d" % (self.series, self.number)


def announcement(rng, text, b, spelled, version, start, end, talk_start, proposer, endorsers):
	"""The ballot text with its schedule, in the words of its era."""
	sched = start.year
	who = "The following motion has been proposed by %s of %s and endorsed by %s." % (
		proposer[0], proposer[1], " and ".join("%s of %s" % e for e in endorsers))
	head = "%s%s - %s\n\nPurpose of Ballot\n\n%s\n\n%s\n\n" % (
		spelled, " v%d" % version if version > 1 else "", b.title, text.body(1, 3), who)
	motion = "--- MOTION BEGINS ---\n\n%s\n\n--- MOTION ENDS ---\n\n" % text.body(3, 9)
	if sched < 2016:
		rs = talk_start
		sched_text = (
			"The review period for this ballot shall commence at %s UTC on %s, %d %s %d, and will "
			"close at %s UTC on %s, %d %s %d. Unless the motion is withdrawn during the review "
			"period, the voting period will start immediately thereafter and will close at %s UTC "
			"on %s, %d %s %d. Votes must be cast by posting an on-list reply to this thread.\n\n"
			% (hhmm(rs), DAYS_LONG[rs.weekday()], rs.day, MONS_LONG[rs.month - 1], rs.year,
			   hhmm(start), DAYS_LONG[start.weekday()], start.day, MONS_LONG[start.month - 1], start.year,
			   hhmm(end), DAYS_LONG[end.weekday()], end.day, MONS_LONG[end.month - 1], end.year))
	elif start < SC_ERA:
		sched_text = (
			"The procedure for approval of this Final Maintenance Guideline ballot is as follows:\n\n"
			"BALLOT %d                            Start time (%s UTC)  End time (%s UTC)\n"
			"Status: Final Maintenance Guideline\n"
			"Discussion (7 to 14 calendar days)    %s              %s\n"
			"Vote for approval (7 calendar days)   %s              %s\n"
			"Review Period (30 calendar days)      on the Chair's Review Notice, 30 days later\n\n"
			% (b.number, hhmm(start, ":"), hhmm(end, ":"), talk_start.strftime("%Y-%m-%d"),
			   start.strftime("%Y-%m-%d"), start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")))
	else:
		sched_text = (
			"This ballot proposes a Final Maintenance Guideline.\n\n"
			"The procedure for approval of this ballot is as follows:\n\n"
			"Discussion (7+ days)\n\nStart Time: %s\n\nEnd Time: %s\n\n"
			"Vote for approval (7 days)\n\nStart Time: %s\n\nEnd Time: %s\n\n"
			% (dmy(talk_start), dmy(start), dmy(start), dmy(end)))
	how = ("A vote in favor of the motion must indicate a clear 'yes' in the response. A vote "
	       "against must indicate a clear 'no' in the response. A vote to abstain must indicate a "
	       "clear 'abstain' in the response. Unclear responses will not be counted. The latest vote "
	       "received from any representative of a voting member before the close of the voting "
	       "period will be counted. Voting members are listed here: https://cabforum.org/members/\n")
	return head + motion + sched_text + how


def hhmm(dt, sep=""):
	return "%02d%s%02d" % (dt.hour, sep, dt.minute)


def dmy(dt):
	return "%02d-%s %d %02d:%02d UTC" % (dt.day, MONS_LONG[dt.month - 1], dt.year, dt.hour, dt.minute)


def vote_words(rng, org, spelled, vote):
	bid = spelled.replace("Ballot ", "")
	if vote == "abstain":
		return rng.choice(["%s abstains on Ballot %s." % (org, bid),
				   "%s abstains on %s." % (org, spelled),
				   "On behalf of %s, I abstain on Ballot %s." % (org, bid)])
	v = vote
	return rng.choice([
		"%s votes %s on Ballot %s." % (org, v, bid),
		"%s votes %s on %s." % (org, v.upper(), spelled),
		"On behalf of %s, I vote %s on Ballot %s." % (org, v, bid),
		"%s votes \"%s\" on Ballot %s." % (org, v.capitalize(), bid),
		"%s votes %s." % (org, v.capitalize()),
	])


LAST_ROOT = {}  # group -> the announcement of its latest ballot


def ballot_thread(rng, text, roster, b, people, schedule):
	"""The messages of one ballot thread, and its expected result."""
	g = b.group
	tag = LISTS[g][4]
	t0 = b.start_talk
	talk_days = rng.randrange(7, 12)
	version = 2 if rng.random() < 0.2 else 1
	start = (t0 + timedelta(days=talk_days)).replace(minute=0, second=0, microsecond=0)
	start = start.replace(hour=rng.choice([0, 3, 16, 17, 18, 22]))
	end = start + timedelta(days=7)
	b.start, b.end = start, end
	vs = voters(roster, g, start)
	if not vs:
		return []
	spelled = b.spelled(start)
	pm = rng.choice(vs)
	proposer = person_for(rng, pm[0], pm[2], people)
	ends = [rng.choice(vs) for _ in range(2)]
	endorsers = [(person_for(rng, e[0], e[2], people).name, e[0].name_on(utc_day(start))) for e in ends]
	org_of = lambda m: m.name_on(utc_day(start))
	msgs = []

	def new(date, author, subj, own, parent=None):
		m = Msg(date, author, subj, g, own, parent, b)
		m.msgid = msgid_for(rng, m)
		msgs.append(m)
		return m

	subj1 = "%s %s - %s" % (tag, spelled, b.title)
	ann1 = announcement(rng, text, b, spelled, 1, start, end, t0,
			    (proposer.name, org_of(pm[0])), endorsers)
	root = new(t0, proposer, subj1, ann1)
	root.shape = rng.choice(["plain", "outlook", "thunderbird_alt"])
	last = root
	t = t0
	for _ in range(rng.randrange(4, 14)):
		t += timedelta(minutes=rng.randrange(30, 60 * 30))
		if t >= start - timedelta(hours=12):
			break
		v = rng.choice(vs)
		p = person_for(rng, v[0], v[2], people)
		parent = rng.choice([root, last, last])
		m = new(t, p, "Re: " + parent.subject.replace("Re: ", ""), text.body(1, 4), parent)
		last = m
	vroot = root
	if version == 2:
		# a new version restarts the schedule: the voting period moves
		start2 = start + timedelta(days=rng.randrange(2, 6))
		start, end = start2, start2 + timedelta(days=7)
		b.start, b.end = start, end
		t = min(t + timedelta(hours=3), start - timedelta(hours=2))
		subj2 = "%s %s v2 - %s" % (tag, spelled, b.title)
		ann2 = announcement(rng, text, b, spelled, 2, start, end, t,
				    (proposer.name, org_of(pm[0])), endorsers)
		vroot = new(t, proposer, subj2, ann2)
		vroot.shape = root.shape
	# an early promise: not a vote that counts
	early = rng.choice(vs)
	ep = person_for(rng, early[0], early[2], people)
	new(start - timedelta(hours=rng.randrange(2, 9)), ep, "Re: " + vroot.subject,
	    "%s votes yes on Ballot %s." % (org_of(early[0]), spelled.replace("Ballot ", "")), vroot)
	# the votes, in the period
	voting = [v for v in vs if rng.random() < 0.75]
	rng.shuffle(voting)
	final = {}
	t = start + timedelta(minutes=rng.randrange(3, 90))
	span = (end - start).total_seconds()
	step = span * 0.95 / (len(voting) + 4)
	prev = vroot
	for member, cat, dom in voting:
		p = person_for(rng, member, dom, people)
		vote = rng.choices(["yes", "no", "abstain"], [0.82, 0.08, 0.10])[0]
		# aliases with full stops ("Actalis S.p.A.", "Disig a.s.") are left out: the
		# vote reader splits sentences there (a known gap, not what is measured here)
		aliases = [a for a in member.aliases if "." not in a]
		org = org_of(member) if rng.random() < 0.85 or not aliases else rng.choice(aliases)
		parent = rng.choice([vroot, vroot, prev])
		r = rng.random()
		words = vote_words(rng, org, spelled, vote)
		if r > 0.96 and LAST_ROOT.get(g):
			# sent to the previous ballot's thread: it counts here because it names this one
			parent = LAST_ROOT[g]
			words = "%s votes %s on %s." % (org, vote, spelled)
		if r < 0.05:
			# a conditional vote first (unclear), then the clear one
			new(t, p, "Re: " + parent.subject.replace("Re: ", ""),
			    "%s votes yes on Ballot %s, unless the effective date moves again." % (
				    org, spelled.replace("Ballot ", "")), parent)
			t += timedelta(seconds=step * 0.3)
		elif r < 0.10:
			# a vote changed later in the period: the later one counts
			other = "no" if vote != "no" else "yes"
			new(t, p, "Re: " + parent.subject.replace("Re: ", ""),
			    vote_words(rng, org, spelled, other), parent)
			t += timedelta(seconds=step * 0.3)
			words = "Correction: " + words
		m = new(t, p, "Re: " + parent.subject.replace("Re: ", ""), words +
			("\n\n" + text.body(1, 2) if rng.random() < 0.3 else ""), parent)
		if rng.random() < 0.08:
			m.dmarc = True
		if parent is not LAST_ROOT.get(g):
			prev = m
		final[member.id] = (org_of(member), cat, vote)
		b.votes.append((iso(t), member.id, cat, vote))
		t += timedelta(seconds=step * rng.uniform(0.5, 1.3))
		if rng.random() < 0.12:
			# discussion between votes, quoting the last vote
			q = person_for(rng, None, rng.choice(OUTSIDERS), people)
			new(t, q, "Re: " + prev.subject.replace("Re: ", ""),
			    rng.choice(["+1", "I support this ballot.", "Thanks to everyone for voting."]) +
			    "\n\n" + text.body(1, 2), prev)
			t += timedelta(seconds=step * 0.2)
	LAST_ROOT[g] = vroot
	# late votes from members who did not vote in time
	for member, cat, dom in [v for v in vs if v[0].id not in final][:rng.randrange(0, 3)]:
		lt = end + timedelta(minutes=rng.randrange(5, 600))
		new(lt, person_for(rng, member, dom, people), "Re: " + vroot.subject,
		    vote_words(rng, org_of(member), spelled, "yes"), vroot)
	# the chair's result post comes days later and quotes nothing
	res = {"issuer": {"yes": [], "no": [], "abstain": []}, "consumer": {"yes": [], "no": [], "abstain": []}}
	for name, cat, vote in final.values():
		res[cat][vote].append(name)
	for c in res.values():
		for k in c:
			c[k].sort(key=str.casefold)
	b.result = res
	b.msgs = len(msgs)
	msgs.sort(key=lambda m: m.date)
	for m in msgs:
		if m.date < PIPERMAIL_UNTIL and m.shape == "b64":
			m.shape = "plain"
	return msgs


def discussion_thread(rng, text, roster, group, t0, people, ballotish=False):
	tag = LISTS[group][4]
	topic = rng.choice(BALLOTISH_TOPICS if ballotish else TOPICS)
	vs = voters(roster, group, t0) or voters(roster, "forum", t0)
	msgs = []

	def author():
		if rng.random() < 0.15 or not vs:
			return person_for(rng, None, rng.choice(OUTSIDERS), people)
		m, cat, dom = rng.choice(vs)
		return person_for(rng, m, dom, people)

	n = rng.choices([1, 2, 3, 5, 8, 13, 21], [10, 12, 15, 20, 20, 15, 8])[0]
	t = t0
	root = None
	for i in range(n):
		parent = None if i == 0 else rng.choice([root] + msgs[-3:])
		subj = "%s %s" % (tag, topic) if not parent else rng.choice(["Re: ", "RE: ", "Re: ", "AW: "]) + \
			"%s %s" % (tag, topic)
		own = rng.choice(OPENERS) + "\n\n" + text.body(1, 7)
		if rng.random() < 0.04:
			own += "\n\nFrom my reading of the draft this is fine.\n"
		m = Msg(t, author(), subj, group, own, parent)
		m.msgid = msgid_for(rng, m)
		if rng.random() < 0.02 and m.date >= PIPERMAIL_UNTIL:
			m.attach = True
		if rng.random() < 0.05:
			m.dmarc = True
		if m.date < PIPERMAIL_UNTIL and m.shape == "b64":
			m.shape = "plain"
		msgs.append(m)
		root = root or m
		t += timedelta(minutes=rng.randrange(10, 60 * 48))
	return msgs


def era_group(rng, roster, when, counters):
	if when < SC_ERA:
		return "forum", ""
	choices = [("scwg", "SC", 60), ("forum", "FORUM", 12), ("smcwg", "SMC", 12),
		   ("cscwg", "CSC", 10), ("netsec", "NS", 6)]
	ok = []
	for g, s, w in choices:
		vs = voters(roster, g, when)
		if sum(1 for v in vs if v[1] == "issuer") >= 3:
			ok.append((g, s, w))
	g, s, _ = rng.choices(ok, [w for _, _, w in ok])[0]
	return g, s


def parse_size(s):
	m = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]?)i?B?", s.strip(), re.I)
	if not m:
		sys.exit("gen.py: bad size '%s'" % s)
	return int(float(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()])


def main():
	global PDF_POOL, SIG_POOL
	ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	ap.add_argument("outdir")
	ap.add_argument("--size", default="1G")
	ap.add_argument("--seed", type=int, default=187)
	ap.add_argument("--no-gz", action="store_true")
	ap.add_argument("--roster", default=os.path.join(ROOT, "data", "roster.xml"))
	args = ap.parse_args()
	size = parse_size(args.size)
	rng = random.Random(args.seed)
	roster = load_roster(args.roster)
	PDF_POOL = rng.randbytes(1 << 20)
	SIG_POOL = rng.randbytes(64 << 10)
	text = Text(rng)
	writer = Writer(rng)
	people = {}

	# Plan: a thread rate such that the span holds about `size` bytes, with
	# one ballot per ~500 messages. Average message size measured on a sample.
	avg = 10300.0
	n_est = max(40, size / avg)
	nballots = max(2, int(round(n_est / 500)))
	span = (SPAN_END - SPAN_START).total_seconds()
	disc_threads = max(4, int(n_est * 1.04 / 7.0))
	starts = []
	for i in range(nballots):
		frac = (i + 0.5) / nballots + rng.uniform(-0.3, 0.3) / nballots
		starts.append((SPAN_START + timedelta(seconds=span * min(max(frac, 0.0), 0.985)), "ballot"))
	for i in range(disc_threads):
		starts.append((SPAN_START + timedelta(seconds=rng.uniform(0, span)), "talk"))
	starts.sort(key=lambda x: x[0])

	os.makedirs(args.outdir, exist_ok=True)
	path = os.path.join(args.outdir, "archive.mbox")
	heap, seq, written, nmsg = [], 0, 0, 0
	ballots, counters = [], {}
	f = open(path, "wb")

	def flush(before):
		nonlocal written, nmsg
		while heap and (before is None or heap[0][0] < before):
			_, _, m = heapq.heappop(heap)
			if written >= size:
				continue
			data = writer.write(m)
			f.write(data)
			written += len(data)
			nmsg += 1
			if m.ballot is not None:
				m.ballot.written += 1

	for when, kind in starts:
		flush(when)
		if written >= size:
			break
		if kind == "ballot":
			g, series = era_group(rng, roster, when, counters)
			counters[series] = counters.get(series, 99 if series == "" else 0) + 1
			b = Ballot(g, series, counters[series], when.replace(microsecond=0),
				   rng.choice(TITLES))
			msgs = ballot_thread(rng, text, roster, b, people, None)
			if msgs:
				ballots.append(b)
		else:
			g = "forum" if when < SC_ERA else rng.choices(
				["forum", "scwg", "smcwg", "cscwg", "netsec"], [30, 45, 10, 10, 5])[0]
			if not voters(roster, g, when):
				g = "forum"  # that group does not exist yet
			msgs = discussion_thread(rng, text, roster, g, when.replace(microsecond=0), people,
						 ballotish=rng.random() < 0.06)
		for m in msgs:
			heapq.heappush(heap, (m.date, seq, m))
			seq += 1
	flush(None)
	f.close()

	complete = [b for b in ballots if b.msgs and b.written == b.msgs]
	if not complete:
		sys.exit("gen.py: no ballot thread fits in %d bytes; give a larger --size" % size)
	# the target: a complete ballot near the middle of the file, in the mbox era
	later = [b for b in complete if b.start_talk >= PIPERMAIL_UNTIL] or complete
	target = later[len(later) // 2]
	answer = {
		"generator": GENERATOR_VERSION, "seed": args.seed, "size": size,
		"bytes": written, "messages": nmsg, "target": target.cli_id(),
		"ballots": [{
			"id": b.cli_id(), "group": b.group, "title": b.title,
			"period": {"start": iso(b.start), "end": iso(b.end)},
			"messages": b.msgs, "categories": b.result,
		} for b in complete],
	}
	with open(os.path.join(args.outdir, "answer.json"), "w", encoding="utf-8") as af:
		json.dump(answer, af, ensure_ascii=False, indent=1)
		af.write("\n")
	if not args.no_gz:
		with open(path, "rb") as src, open(path + ".gz", "wb") as raw, \
				gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=6, mtime=0) as dst:
			shutil.copyfileobj(src, dst, 1 << 20)
	print("gen.py: %s: %d bytes, %d messages, %d ballots (%d complete), target ballot %s"
	      % (path, written, nmsg, len(ballots), len(complete), target.cli_id()))


if __name__ == "__main__":
	main()
