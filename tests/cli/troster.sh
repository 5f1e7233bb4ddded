#!/bin/bash
# cabtally roster check / show: exit codes, file:line messages, the JSON of
# INTERFACE.md, and the bundled roster on the date of a published ballot.
set -u
BIN=${CABTALLY_BIN:-build/cabtally}
FIX=${CABTALLY_FIXTURES:-fixtures}
DATA=${CABTALLY_DATA:-data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect CODE CMD... : run, keep stdout/stderr in $tmp/out, $tmp/err
expect() {
	local want=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	local got=$?
	if [ "$got" != "$want" ]; then
		fail "exit $got, expected $want: $*"
		sed 's/^/  stderr: /' "$tmp/err" | head -5
	fi
}

has() { # has FILE TEXT
	grep -qF -- "$2" "$1" || { fail "$1 lacks: $2"; sed 's/^/  | /' "$1" | head -8; }
}

# roster check
expect 0 "$BIN" roster check "$DATA/roster.xml"
has "$tmp/out" "valid roster"
expect 0 "$BIN" roster check "$FIX/roster/small.xml"
has "$tmp/out" "small.xml: valid roster, 9 members"
expect 65 "$BIN" roster check "$FIX/roster/bad-category.xml"
has "$tmp/err" "bad-category.xml:5: "
expect 65 "$BIN" roster check "$FIX/roster/bad-date.xml"
has "$tmp/err" "bad-date.xml:5: "
expect 65 "$BIN" roster check "$FIX/roster/overlap.xml"
has "$tmp/err" "overlap.xml:6: member 'a' has two memberships in 'scwg' at once"
has "$tmp/err" "overlap.xml:8: duplicate member id 'a' (also line 3)"
expect 65 "$BIN" roster check "$FIX/roster/bomb.xml"
has "$tmp/err" "bomb.xml:3: entity declarations are not allowed"
expect 65 "$BIN" roster check "$FIX/roster/xxe.xml"
grep -q XXE-SECRET-MARKER "$tmp/out" "$tmp/err" && fail "xxe.xml: the external entity was read"
expect 66 "$BIN" roster check "$tmp/does-not-exist.xml"
expect 64 "$BIN" roster check
expect 64 "$BIN" roster frobnicate
expect 0 "$BIN" roster --help
has "$tmp/out" "usage: cabtally roster check FILE"

# roster show: JSON as in INTERFACE.md, the SC23 vote (2019-11-14) as published
expect 0 "$BIN" roster show --date 2019-11-14 --group scwg --format json
has "$tmp/out" '{"schema_version": 1, "date": "2019-11-14", "group": "scwg",'
has "$tmp/out" '{"id": "sectigo", "name": "Sectigo (former Comodo CA)", "category": "issuer", "status": "voting"}'
has "$tmp/out" '{"id": "vikingcloud", "name": "SecureTrust (former Trustwave)", "category": "issuer", "status": "voting"}'
has "$tmp/out" '{"id": "cisco", "name": "Cisco", "category": "consumer", "status": "voting"}'
for n in Buypass CFCA "Chunghwa Telecom" D-TRUST DigiCert Disig "Entrust Datacard" GDCA GlobalSign \
	GoDaddy HARICA "Let’s Encrypt" SHECA Google Microsoft Mozilla; do
	has "$tmp/out" "\"name\": \"$n\""
done
# sorted by name (case-insensitive), as the tally's lists are
grep -o '"name": "[^"]*"' "$tmp/out" | sed 's/"name": //' >"$tmp/names"
LC_ALL=C sort -f -c "$tmp/names" 2>/dev/null || fail "show --format json is not sorted by name"

# Cisco voted with the CAs in 2017 and is a Consumer from the 2018 reform on
expect 0 "$BIN" roster show --date 2017-03-08 --format json
has "$tmp/out" '"group": "forum"'
has "$tmp/out" '{"id": "cisco", "name": "Cisco", "category": "issuer", "status": "voting"}'
has "$tmp/out" '{"id": "sectigo", "name": "Comodo", "category": "issuer", "status": "voting"}'
expect 0 "$BIN" roster show "$DATA/roster.xml" --date=2018-09-14 --group=forum --format=json
has "$tmp/out" '{"id": "cisco", "name": "Cisco", "category": "consumer", "status": "voting"}'
# renames: Trustwave → SecureTrust (former Trustwave) → VikingCloud
expect 0 "$BIN" roster show --date 2024-06-07 --group scwg
has "$tmp/out" "VikingCloud"
has "$tmp/out" "scwg on 2024-06-07:"

# a chair's own roster, text output, and the associate member listed as such
expect 0 "$BIN" roster show --roster "$FIX/roster/small.xml" --date 2019-11-14 --group scwg
has "$tmp/out" "scwg on 2019-11-14: 5 members, 4 voting"
grep -q '^CPA Canada/WebTrust  *issuer  *associate' "$tmp/out" || fail "associate not shown"
expect 0 "$BIN" roster show "$FIX/roster/small.xml" --date 2019-11-14 --group scwg -o "$tmp/show.txt"
has "$tmp/show.txt" "Sectigo (former Comodo CA)"

# defaults: today, forum
expect 0 "$BIN" roster show --format json
has "$tmp/out" "\"date\": \"$(date -u +%F)\", \"group\": \"forum\""

# usage errors
expect 64 "$BIN" roster show --date 2019-13-45
expect 64 "$BIN" roster show --format yaml
expect 64 "$BIN" roster show --bogus
expect 65 "$BIN" roster show "$FIX/roster/bad-category.xml"

if [ "$fails" -ne 0 ]; then
	echo "$fails failures"
	exit 1
fi
echo "roster cli: all checks passed"
