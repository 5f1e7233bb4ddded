#!/usr/bin/env bash
# tally on the bundled ballot archives: every list, count, late vote, quorum
# number and outcome as published, and every message's ledger status as the
# fixture README says (fixtures/ballots/expected-*.json).
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

check() { # expected.json archive...
	local expected=$1; shift
	local ballot args
	ballot=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ballot"]["id"])' "$expected")
	args=$(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["quorum"]["cli"]))' "$expected")
	# shellcheck disable=SC2086
	if ! "$BIN" tally --quiet --format json --ballot "$ballot" $args "$@" >"$tmp/out.json"; then
		echo "FAIL: tally --ballot $ballot exited non-zero"
		fail=1
		return
	fi
	python3 - "$expected" "$tmp/out.json" <<'PY' || fail=1
import json, sys
exp = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))
bad = []
def eq(what, a, b):
    if a != b:
        bad.append(f"{what}: expected {a!r}, got {b!r}")
# Spellings the Forum itself printed inconsistently in the same months; the
# roster prints one of them (see tests/cli/ttally_golden.sh).
same = {"Trustcor": "TrustCor", "Viking Cloud": "VikingCloud"}
norm = lambda names: sorted((same.get(n, n) for n in names), key=str.lower)
for cat in ("issuer", "consumer"):
    e, g = exp["categories"][cat], got["categories"][cat]
    eq(f"{cat} label", e["label"], g["label"])
    for k in ("yes", "no", "abstain"):
        eq(f"{cat} {k}", norm(e[k]), norm(g[k]))
    eq(f"{cat} percent", e["percent_yes"], g["percent_yes"])
    eq(f"{cat} met", e["met"], g["met"])
eq("late", norm(exp["late"]), norm(got["late"]))
for k in ("half", "required", "participants", "met"):
    eq(f"quorum {k}", exp["quorum"][k], got["quorum"][k])
eq("outcome", exp["outcome"], got["outcome"])
eq("period start", exp["period"]["start"], got["period"]["start"])
eq("period end", exp["period"]["end"], got["period"]["end"])
eq("citations", exp["rules"]["citations"], {k: got["rules"]["citations"][k] for k in exp["rules"]["citations"]})
ledger = {e["message_id"]: e for e in got["ledger"]}
for e in exp["ledger"]:
    g = ledger.get(e["message_id"])
    if g is None:
        bad.append(f"ledger: {e['key']} ({e['message_id']}) missing")
    elif g["status"] != e["status"]:
        bad.append(f"ledger: {e['key']}: expected {e['status']}, got {g['status']} ({g['reason']})")
eq("ledger size", len(exp["ledger"]), len(got["ledger"]))
for b in bad:
    print(f"FAIL {sys.argv[1]}: {b}")
print(f"{sys.argv[1]}: {len(exp['ledger'])} ledger entries, {len(bad)} problems")
sys.exit(1 if bad else 0)
PY
}

check "$FIX/ballots/expected-ballot-187.json" "$FIX/ballots/ballot-187.mbox"
check "$FIX/ballots/expected-sc23.json" "$FIX/ballots/sc23.mbox"
check "$FIX/ballots/expected-sc23.json" "$FIX/ballots/sc23-pipermail.txt"
check "$FIX/ballots/expected-ballot-sc64.json" "$FIX/ballots/ballot-sc64.mbox"
# The same thread compressed: gzip is detected by its magic bytes.
gzip -c "$FIX/ballots/sc23.mbox" >"$tmp/servercert-wg.data"
check "$FIX/ballots/expected-sc23.json" "$tmp/servercert-wg.data"

# Byte-identical output on a second run.
"$BIN" tally --quiet --format json --ballot SC23 --active 20 "$FIX/ballots/sc23.mbox" >"$tmp/a.json"
"$BIN" tally --quiet --format json --ballot SC-023 --active 20 "$FIX/ballots/sc23.mbox" >"$tmp/b.json"
cmp -s "$tmp/a.json" "$tmp/b.json" || { echo "FAIL: output differs between runs / id spellings"; fail=1; }

exit $fail
