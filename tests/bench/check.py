#!/usr/bin/env python3
"""Compare tally results with the generator's known answer.

usage: check.py ANSWER.json RESULT.json [--ballot ID]

RESULT is the output of `cabtally tally --format json` (one object, for one
ballot) or of `cabtally tally --all --format json` (a list), or of
tests/bench/reftally.py. Every ballot of ANSWER that RESULT holds is
compared: the voting period and, per category, the yes/no/abstain lists (as
sets of names). With --ballot, that ballot must be in RESULT. Prints one
line per difference; exit 0 when all agree, 1 otherwise.
"""

import json
import sys


def canon(bid):
	"""'SC-045' / 'sc45' / 'FORUM-6' -> 'SC45' / 'FORUM6'; '187' stays."""
	s = bid.upper().replace("-", "").replace(" ", "")
	i = 0
	while i < len(s) and s[i].isalpha():
		i += 1
	head, num = s[:i], s[i:]
	v = num.find("V")
	if v >= 0:
		num = num[:v]
	return head + str(int(num)) if num.isdigit() else s


def lists(result):
	out = {}
	for cat in ("issuer", "consumer"):
		c = result.get("categories", {}).get(cat) or {}
		out[cat] = {v: sorted(c.get(v, []), key=str.casefold) for v in ("yes", "no", "abstain")}
	return out


def compare(expected, result):
	diffs = []
	bid = expected["id"]
	period = result.get("period") or {}
	for k in ("start", "end"):
		if period.get(k) != expected["period"][k]:
			diffs.append("%s: period %s is %s, expected %s" % (bid, k, period.get(k), expected["period"][k]))
	got = lists(result)
	for cat in ("issuer", "consumer"):
		for v in ("yes", "no", "abstain"):
			want = sorted(expected["categories"][cat][v], key=str.casefold)
			if got[cat][v] != want:
				missing = sorted(set(want) - set(got[cat][v]))
				extra = sorted(set(got[cat][v]) - set(want))
				diffs.append("%s: %s %s: missing %s, unexpected %s" % (bid, cat, v, missing, extra))
	return diffs


def main():
	args = sys.argv[1:]
	ballot = None
	if "--ballot" in args:
		i = args.index("--ballot")
		ballot = args[i + 1]
		del args[i:i + 2]
	if len(args) != 2:
		sys.exit(__doc__.strip().split("\n\n")[1])
	answer = json.load(open(args[0], encoding="utf-8"))
	data = json.load(open(args[1], encoding="utf-8"))
	results = data if isinstance(data, list) else [data]
	by_id = {canon(r["ballot"]["id"]): r for r in results if r.get("ballot")}
	diffs, checked = [], 0
	for exp in answer["ballots"]:
		c = canon(exp["id"])
		if ballot and c != canon(ballot):
			continue
		if c not in by_id:
			if ballot or len(results) > 1:
				diffs.append("%s: not in the result" % exp["id"])
			continue
		checked += 1
		diffs += compare(exp, by_id[c])
	for d in diffs:
		print("check: " + d)
	if not checked and not diffs:
		print("check: no ballot of the answer is in the result")
		return 1
	return 1 if diffs else 0


if __name__ == "__main__":
	sys.exit(main())
