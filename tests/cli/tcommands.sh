#!/usr/bin/env bash
# votes, ballots, status and tally --all on the bundled ballot archives, and
# their usage errors and exit codes.
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}/ballots
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # code cmd...
	local want=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: '$*' exited $got, expected $want"; cat "$tmp/err"; fail=1
	fi
}
has() { # pattern file
	grep -q -- "$1" "$2" || { echo "FAIL: '$1' not in output"; head -20 "$2"; fail=1; }
}

# ballots: every ballot with its period; JSON per INTERFACE.md.
expect 0 "$BIN" ballots --quiet "$FIX/ballot-187.mbox" "$FIX/sc23.mbox" "$FIX/ballot-sc64.mbox"
has "^187v2 *forum *2017-03-01T22:00:00Z .. 2017-03-08T22:00:00Z" "$tmp/out"
has "^SC23v3 *scwg *2019-11-07T03:00:00Z .. 2019-11-14T03:00:00Z" "$tmp/out"
expect 0 "$BIN" ballots --quiet --format json "$FIX/sc23.mbox" "$FIX/sc23-pipermail.txt"
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
b = d["ballots"]
assert d["schema_version"] == 1 and len(b) == 1, b
b = b[0]
assert (b["id"], b["version"], b["group"], b["title"]) == ("SC23", "v3", "scwg", "Precertificates"), b
assert b["period"] == {"start": "2019-11-07T03:00:00Z", "end": "2019-11-14T03:00:00Z", "source": "announcement"}, b
assert b["messages"] == 31, b  # the pipermail copy of each message is a duplicate
PY

# votes: one ledger line per message, with the reason.
expect 0 "$BIN" votes --quiet --ballot SC-023 "$FIX/sc23.mbox"
[ "$(($(wc -l <"$tmp/out") - 1))" = 31 ] || { echo "FAIL: votes printed $(wc -l <"$tmp/out") lines"; fail=1; }
has "counted	Mozilla	yes	" "$tmp/out"
has "late	Actalis	yes	" "$tmp/out"
expect 0 "$BIN" votes --quiet --format json --ballot SC23 "$FIX/sc23.mbox"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ballot"]=="SC23" and len(d["ledger"])==31' "$tmp/out" || fail=1
expect 64 "$BIN" votes "$FIX/sc23.mbox"

# status mid-ballot: votes so far, who has not voted, what is needed.
expect 0 "$BIN" status --quiet --ballot SC23 --now 2019-11-10T12:00:00Z --attendance 20 "$FIX/sc23.mbox"
has "voting closes 2019-11-14 03:00 UTC (3 days 15 hours from now)" "$tmp/out"
has "Certificate Consumers: 3 yes, 0 no, 0 abstain" "$tmp/out"
has "^- Certificate Consumers (4): 360, Apple, Cisco, Opera" "$tmp/out"
expect 0 "$BIN" status --quiet --ballot SC23 --now 2019-11-07T04:00:00Z --attendance 20 --format json "$FIX/sc23.mbox"
python3 - "$tmp/out" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["now"] == "2019-11-07T04:00:00Z" and d["closes"] == "2019-11-14T03:00:00Z", d
assert "Mozilla" in d["categories"]["consumer"]["yes"], d["categories"]
assert "Google" in d["not_yet_voted"]["consumer"], d["not_yet_voted"]
assert any(n.startswith("quorum: ") and "more participant" in n for n in d["needed"]), d["needed"]
PY
expect 0 "$BIN" status --quiet --ballot SC23 --now 2019-12-01T00:00:00Z "$FIX/sc23.mbox"
has "ended at 2019-11-14T03:00:00Z" "$tmp/out"
expect 64 "$BIN" status --ballot SC23 --now yesterday "$FIX/sc23.mbox"

# tally --all: every ballot, in each format.
expect 0 "$BIN" tally --all --quiet "$FIX/ballot-187.mbox" "$FIX/sc23.mbox" "$FIX/ballot-sc64.mbox"
has "^| 187 v2 | Make CAA Checking Mandatory | 2017-03-08 | passed (quorum not established) | 17 / 1 / 1 | 3 / 0 / 0 |" "$tmp/out"
has "^| SC64 | Temporary Moratorium on New Certificate Consumer Memberships | 2023-06-12 |" "$tmp/out"
has "^| Sectigo (former Comodo CA) | 2 | 2 | 0 | 2 | 0 | 0 |" "$tmp/out"
expect 0 "$BIN" tally --all --quiet --format json "$FIX/ballot-187.mbox" "$FIX/sc23.mbox"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x["ballot"]["id"] for x in d]==["187","SC23"], d' "$tmp/out" || fail=1
expect 0 "$BIN" tally --all --quiet --format tsv "$FIX/sc23.mbox"
has "^SC23	scwg	2019-11-07	Actalis	issuer	yes	late$" "$tmp/out"

# A vote naming the ballot from another ballot's thread counts, whether one
# ballot or all are tallied ("DigiCert votes yes on Ballot 190 and abstains on
# Ballot 191", sent to 191's thread).
CROSS=${CABTALLY_FIXTURES:?}/cross/two-ballots.mbox
expect 0 "$BIN" tally --quiet --ballot 190 --format tsv "$CROSS"
has "^190	forum	2017-04-04	DigiCert	issuer	yes	counted$" "$tmp/out"
expect 0 "$BIN" tally --quiet --all --format tsv "$CROSS"
has "^190	forum	2017-04-04	DigiCert	issuer	yes	counted$" "$tmp/out"
has "^191	forum	2017-04-04	DigiCert	issuer	abstain	counted$" "$tmp/out"

# Progress: only on a terminal unless --progress forces it, never on stdout,
# overwritten in place and cleared at the end; --quiet silences it.
"$BIN" tally --ballot SC23 --progress "$FIX/sc23.mbox" >"$tmp/out" 2>"$tmp/err"
grep -q "sc23.mbox: 1 messages" "$tmp/err" || { echo "FAIL: no progress line with --progress"; fail=1; }
grep -q "messages, " "$tmp/out" && { echo "FAIL: progress on stdout"; fail=1; }
"$BIN" tally --ballot SC23 "$FIX/sc23.mbox" >"$tmp/out" 2>"$tmp/err"
grep -q "messages, " "$tmp/err" && { echo "FAIL: progress when stderr is not a terminal"; fail=1; }
"$BIN" tally --ballot SC23 --progress --quiet "$FIX/sc23.mbox" >"$tmp/out" 2>"$tmp/err"
[ -s "$tmp/err" ] && { echo "FAIL: --quiet still wrote to stderr"; cat "$tmp/err"; fail=1; }

# A gzip cut inside a message that is not about the ballot is still reported.
{ cat "$FIX/ballot-187.mbox"
  printf 'From x@y Thu Mar  9 10:00:00 2017\nFrom: z <z@example.com>\nSubject: lunch\nDate: Thu, 9 Mar 2017 10:00:00 +0000\nMessage-ID: <lunch@x>\n\n'
  python3 -c 'import random; r=random.Random(7); print("".join(r.choice("abcdef0123456789") for _ in range(30000)))'
} | gzip -c >"$tmp/full.gz"
head -c $(( $(wc -c <"$tmp/full.gz") - 2000 )) "$tmp/full.gz" >"$tmp/cut.gz"
expect 0 "$BIN" tally --ballot 187 --active 20 "$tmp/cut.gz"
has "cut.gz: offset [0-9]* <lunch@x>: gzip stream ends early" "$tmp/err"

# Without a period or an announcement, membership is judged on each
# message's own date (not on 1970-01-01).
printf 'From x@y Tue Apr  4 13:00:00 2017\nFrom: A <a@digicert.com>\nSubject: Re: Ballot 190 - x\nDate: Tue, 4 Apr 2017 13:00:00 +0000\nMessage-ID: <m1@x>\n\nDigiCert votes yes.\n' >"$tmp/np.mbox"
expect 0 "$BIN" votes --quiet --ballot 190 "$tmp/np.mbox"
has "counted	DigiCert	yes	" "$tmp/out"

# usage and input errors
expect 64 "$BIN" tally "$FIX/sc23.mbox"
expect 64 "$BIN" tally --ballot SC23 --all "$FIX/sc23.mbox"
expect 64 "$BIN" tally --ballot 'not an id' "$FIX/sc23.mbox"
expect 64 "$BIN" tally --ballot SC23 --format pdf "$FIX/sc23.mbox"
expect 66 "$BIN" tally --ballot SC23 "$FIX/no-such-archive.mbox"
has "no-such-archive.mbox" "$tmp/err"
expect 65 "$BIN" tally --ballot SC99 --quiet "$FIX/sc23.mbox"
has "ballot SC99 not found" "$tmp/err"
printf '<roster><member id="x"></member></roster>' >"$tmp/bad.xml"
expect 65 "$BIN" tally --ballot SC23 --roster "$tmp/bad.xml" "$FIX/sc23.mbox"
# a chair's ruling is applied and echoed
expect 0 "$BIN" tally --quiet --ballot SC23 --active 20 --format json \
	--exclude '<0a1f3c2e-5d6b-4e7f-8a9b-0c1d2e3f4a5b@mozilla.com>' "$FIX/sc23.mbox"
has '"ruling": "exclude"' "$tmp/out"
exit $fail
