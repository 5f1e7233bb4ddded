#!/usr/bin/env python3
"""A plain Python tally of one ballot: the yardstick of `make bench`.

usage: reftally.py --ballot ID [--roster data/roster.xml] ARCHIVE

What a careful script written with the standard library does: read the
mbox with `mailbox`, parse every message with `email`, keep the ballot's
thread (the subject names the ballot, or the message replies to one that
does) and votes naming the ballot from other threads, read the voting period
from the announcement, take each sender's own words (above the quote), read
yes/no/abstain, map the sender's domain to a member with the roster, and keep
each member's latest vote inside the period. Prints the result as JSON in
the shape of `cabtally tally --format json` (ballot, period, categories).

It understands the mail that tests/bench/gen.py writes (and real mail of the
same shapes), not every corner cabtally handles; it exists to measure what
the standard library costs per byte, and its answer is checked too.
"""

import argparse
import email
import email.policy
import html
import json
import mailbox
import os
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from email.utils import getaddresses, parsedate_to_datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
UTC = timezone.utc
MONTHS = {m: i + 1 for i, m in enumerate(
	["january", "february", "march", "april", "may", "june", "july", "august", "september",
	 "october", "november", "december"])}
ID = r"(?:ballot\s+)?(?:(sc|smc|csc|ns|forum)\s?[-\u2013]?\s?0*(\d{1,4})|ballot\s+#?(\d{1,3}))(?:\s?v\.?\s?\d+)?(?![\w])"
ID_RE = re.compile(r"(?<![\w])" + ID, re.I)
VOTE_RE = re.compile(r"\b(?:votes?|voting)\s*:?\s*[\"'\u2018\u201c]?(yes|no|abstain)\b|\b(abstains?)\b", re.I)
QUOTE_START = re.compile(r"^(?:>|On .* wrote:|-----Original Message-----|From: .*(?:Sent|On Behalf Of))", re.M)


def canon(series, num, bare):
	if bare:
		return str(int(bare))
	return series.upper() + str(int(num))


def ids_in(text):
	return [canon(*m.groups()) for m in ID_RE.finditer(text)]


def day(s):
	return datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=UTC) if s else None


def load_roster(path):
	members = []
	for el in ET.parse(path).getroot().findall("member"):
		members.append({
			"names": [(day(n.get("from")), n.text.strip()) for n in el.findall("name")],
			"domains": [(day(d.get("from")), day(d.get("until")), d.text.strip().lower())
				    for d in el.findall("domain")],
			"ships": [(m.get("group"), m.get("category"), m.get("status") or "voting",
				   day(m.get("from")), day(m.get("until"))) for m in el.findall("membership")],
		})
	return members


def within(f, u, when):
	return (f is None or f <= when) and (u is None or when < u)


def resolve(roster, addr, group, when):
	"""(display name, category) of the voting member this address belongs to."""
	d = when.replace(hour=0, minute=0, second=0, microsecond=0)
	dom = addr.rsplit("@", 1)[-1].lower()
	for m in roster:
		if not any(within(f, u, d) and (dom == x or dom.endswith("." + x)) for f, u, x in m["domains"]):
			continue
		for g, cat, st, f, u in m["ships"]:
			if g == group and st == "voting" and within(f, u, d):
				names = sorted((f or datetime.min.replace(tzinfo=UTC), n) for f, n in m["names"]
					       if f is None or f <= d)
				return names[-1][1], cat
	return None


def decoded(part):
	data = part.get_payload(decode=True) or b""
	text = data.decode(part.get_content_charset() or "utf-8", "replace")
	if part.get_content_type() == "text/plain":
		return text
	t = re.sub(r"(?is)<blockquote.*", "", text)
	t = re.sub(r"(?is)<div style=\"border:none;border-top.*", "", t)
	t = re.sub(r"(?i)<br\s*/?>|</p>", "\n", t)
	return html.unescape(re.sub(r"<[^>]+>", "", t))


def text_of(part):
	"""The body as a mail reader shows it: the first text part in order, the
	plain one of an alternative; HTML without its tags and quotes."""
	ct = part.get_content_type()
	if part.is_multipart():
		subs = part.get_payload()
		if ct == "multipart/alternative":
			subs = sorted(subs, key=lambda p: p.get_content_type() != "text/plain")
		for sub in subs:
			t = text_of(sub)
			if t is not None:
				return t
		return None
	if ct in ("text/plain", "text/html") and part.get_content_disposition() != "attachment":
		return decoded(part)
	return None


def own_words(text):
	m = QUOTE_START.search(text)
	return text[:m.start()] if m else text


def header_text(value):
	return str(email.header.make_header(email.header.decode_header(str(value or ""))))


def sender(msg):
	frm = getaddresses([header_text(msg.get("From", ""))])
	name, addr = frm[0] if frm else ("", "")
	if " via " in name and msg.get("Reply-To"):
		addr = getaddresses([str(msg["Reply-To"])])[0][1]
	if "@" not in addr and " at " in str(msg.get("From", "")):
		addr = str(msg["From"]).split(" (")[0].replace(" at ", "@").strip()
	return addr.lower()


def when(msg):
	try:
		return parsedate_to_datetime(str(msg["Date"])).astimezone(UTC)
	except (TypeError, ValueError):
		return None


def find_period(text):
	"""The voting period in the three forms the Forum used (see gen.py)."""
	m = re.search(r"Vote for approval \(7 days\)\s+Start Time: (\d+)-(\w+) (\d{4}) (\d\d):(\d\d) UTC\s+"
		      r"End Time: (\d+)-(\w+) (\d{4}) (\d\d):(\d\d) UTC", text)
	if m:
		g = m.groups()
		mk = lambda d, mo, y, h, mi: datetime(int(y), MONTHS[mo.lower()], int(d), int(h), int(mi), tzinfo=UTC)
		return mk(*g[:5]), mk(*g[5:])
	m = re.search(r"Start time \((\d\d):(\d\d) UTC\).*?Vote for approval[^\n]*?(\d{4})-(\d\d)-(\d\d)\s+"
		      r"(\d{4})-(\d\d)-(\d\d)", text, re.S)
	if m:
		h, mi, y1, m1, d1, y2, m2, d2 = map(int, m.groups())
		return (datetime(y1, m1, d1, h, mi, tzinfo=UTC), datetime(y2, m2, d2, h, mi, tzinfo=UTC))
	m = re.search(r"voting period will start immediately thereafter and will close at (\d\d)(\d\d) UTC "
		      r"on \w+, (\d+) (\w+) (\d{4})", text)
	r = re.search(r"review period for this ballot shall commence at \d{4} UTC on \w+, \d+ \w+ \d{4}, and "
		      r"will\s+close at (\d\d)(\d\d) UTC on \w+, (\d+) (\w+) (\d{4})", text)
	if m and r:
		h, mi, d, mo, y = r.groups()
		start = datetime(int(y), MONTHS[mo.lower()], int(d), int(h), int(mi), tzinfo=UTC)
		h, mi, d, mo, y = m.groups()
		return start, datetime(int(y), MONTHS[mo.lower()], int(d), int(h), int(mi), tzinfo=UTC)
	return None


def group_of(bid):
	for prefix, g in (("SMC", "smcwg"), ("CSC", "cscwg"), ("SC", "scwg"), ("NS", "netsec"), ("FORUM", "forum")):
		if bid.startswith(prefix):
			return g
	return "forum"


def main():
	ap = argparse.ArgumentParser()
	ap.add_argument("--ballot", required=True)
	ap.add_argument("--roster", default=os.path.join(ROOT, "data", "roster.xml"))
	ap.add_argument("archive")
	a = ap.parse_args()
	ids = ids_in("ballot " + a.ballot) or ids_in(a.ballot)
	target = ids[0] if ids else a.ballot.upper()
	group = group_of(target)
	roster = load_roster(a.roster)
	thread, votes, period, best_version = set(), [], None, -1
	for msg in mailbox.mbox(a.archive, create=False):
		subject = re.sub(r"\s+", " ", header_text(msg.get("Subject", "")))
		named = ids_in(subject)
		parents = re.findall(r"<[^>]+>", str(msg.get("In-Reply-To", "")) + " " + str(msg.get("References", "")))
		mid = str(msg.get("Message-ID", "")).strip()
		in_thread = target in named or (not named and any(p in thread for p in parents))
		text = text_of(msg) or ""
		mine = own_words(text)
		if in_thread:
			thread.add(mid)
			if not re.match(r"(?i)\s*(\[[^\]]*\]\s*)*(re|aw|fwd?):", subject):
				v = re.search(r"(?i)\bv(\d+)\b", subject)
				version = int(v.group(1)) if v else 1
				p = find_period(mine)
				if p and version >= best_version:
					period, best_version = p, version
		for sentence in re.split(r"(?<=[.!?])\s+|\n", mine):
			m = VOTE_RE.search(sentence)
			if not m:
				continue
			named_here = ids_in(sentence)
			if named_here and target not in named_here:
				continue
			if not named_here and not in_thread:
				continue
			if re.search(r"(?i)\b(unless|if|once)\b", sentence):
				continue
			vote = (m.group(1) or "abstain").lower()
			votes.append((when(msg), sender(msg), vote))
			break
	result = {"ballot": {"id": target, "group": group}, "period": None,
		  "categories": {c: {"yes": [], "no": [], "abstain": []} for c in ("issuer", "consumer")}}
	if period:
		start, end = period
		result["period"] = {"start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
				    "end": end.strftime("%Y-%m-%dT%H:%M:%SZ")}
		latest = {}
		for t, addr, vote in votes:
			if t is None or not (start <= t < end):
				continue
			who = resolve(roster, addr, group, start)
			if who and (who not in latest or latest[who][0] <= t):
				latest[who] = (t, vote)
		for (name, cat), (t, vote) in latest.items():
			result["categories"][cat][vote].append(name)
		for c in result["categories"].values():
			for v in c.values():
				v.sort(key=str.casefold)
	json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
	print()


if __name__ == "__main__":
	main()
