#!/usr/bin/env bash
# cabtally quorum: the derivation of "more than half of the currently active
# members" from attendance, the active count or a given quorum.
set -u
bin=${CABTALLY_BIN:?CABTALLY_BIN is not set}
fails=0

# expect NAME WANT_RC NEEDLE -- ARGS...: run, compare exit code, grep output
expect() {
	local name=$1 want=$2 needle=$3
	shift 4
	local out rc
	out=$("$bin" quorum "$@" 2>&1)
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, want $want"; echo "$out"; fails=$((fails + 1)); return
	fi
	if ! grep -qF -- "$needle" <<<"$out"; then
		echo "FAIL $name: output lacks '$needle'"; echo "$out"; fails=$((fails + 1))
	fi
}

# The published sentence of Ballot 187 and SC23.
expect ballot-187 0 "Half of currently active Members as of the start of voting was 10, so quorum was 11 votes." \
	-- --attendance 20,21,19 --date 2017-03-01T22:00Z
expect ballot-187-citation 0 "(Bylaw 2.2(g):" -- --attendance 20,21,19 --date 2017-03-01T22:00Z
expect sc23 0 "quorum: 11 participants" -- --attendance 20 --group scwg --date 2019-11-07T03:00Z
expect sc23-charter 0 "charter literal: 20 participants under SCWG charter v1.1" \
	-- --attendance 20 --group scwg --date 2019-11-07T03:00Z
# a fractional average is not rounded before halving
expect fraction 0 "active: average 65/3 ≈ 21.67 (kept exact, not rounded)" -- --attendance 21,22,22 --date 2020-01-01
expect fraction-half 0 "half: 65/6 ≈ 10.83, whole part 10" -- --attendance 21,22,22 --date 2020-01-01
expect fraction-q 0 "quorum was 11 votes" -- --attendance 21,22,22 --date 2020-01-01
expect round-up 0 "quorum was 12 votes" -- --attendance 22,22,23 --date 2020-01-01
expect active 0 "half: 21/2 ≈ 10.50, whole part 10" -- --active 21 --date 2020-01-01
expect given 0 "quorum: 16 participants (given)" -- --quorum 16 --group scwg --date 2024-03-04
expect participants 0 "participants: 10, quorum not met" -- --active 20 --participants 10 --date 2020-01-01
expect override 0 "rules: SCWG1.3+BL2.5" -- --active 20 --group scwg --rules SCWG1.3 --date 2024-03-04
expect voting-members 0 "Half of currently active Voting Members" -- --active 20 --date 2024-03-04

# JSON: exact fields
json=$("$bin" quorum --attendance 21,22,22 --date 2019-11-07T03:00Z --group scwg --format json)
for needle in '"schema_version": 1' '"profile": "SCWG1.1+BL2.2"' '"attendance": [21, 22, 22]' \
	'"active": 21.67, "active_exact": "65/3", "half": 10, "required": 11' \
	'"citation": "Bylaw 2.3(7)"' '"charter_literal": {"rule": "the average itself", "required": 22}'; do
	if ! grep -qF -- "$needle" <<<"$json"; then
		echo "FAIL json: lacks $needle"; echo "$json"; fails=$((fails + 1))
	fi
done
if command -v python3 >/dev/null && ! python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$json"; then
	echo "FAIL json: not valid JSON"; fails=$((fails + 1))
fi

# --output writes the same bytes
tmp=$(mktemp)
"$bin" quorum --active 20 --date 2020-01-01 --format json -o "$tmp"
if [ "$(cat "$tmp")" != "$("$bin" quorum --active 20 --date 2020-01-01 --format json)" ]; then
	echo "FAIL output: --output differs from stdout"; fails=$((fails + 1))
fi
rm -f "$tmp"

# usage errors
expect no-base 64 "give exactly one of --attendance, --active or --quorum" --
expect two-bases 64 "give exactly one" -- --active 20 --quorum 11
expect bad-count 64 "invalid attendance" -- --attendance 20,x
expect bad-active 64 "invalid --active" -- --active -3
expect bad-profile 64 "unknown rules profile 'BL7'" -- --active 20 --rules BL7
expect bad-group 64 "no charter of group 'scwg'" -- --active 20 --group scwg --date 2015-01-01
expect bad-date 64 "invalid date" -- --active 20 --date yesterday
expect bad-format 64 "unknown format" -- --active 20 --format xml
expect help 0 "usage: cabtally quorum" -- --help

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "tquorum: all checks passed"
