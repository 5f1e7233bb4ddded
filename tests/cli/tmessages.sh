#!/bin/bash
# cabtally messages: every fixture of fixtures/mail/all.mbox decodes as
# fixtures/mail/README.md says; TSV and JSON shapes; warnings on stderr;
# exit codes.
set -u
bin=${CABTALLY_BIN:?}
fx=${CABTALLY_FIXTURES:?}/mail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # description, then a command that must succeed
	local what=$1; shift
	if ! "$@"; then echo "FAIL: $what"; fail=1; fi
}

# all.mbox is what make-mbox.sh makes from the .eml files
cp "$fx"/*.eml "$fx"/make-mbox.sh "$tmp"/
sh "$tmp/make-mbox.sh"
check "all.mbox is up to date with make-mbox.sh" cmp -s "$tmp/all.mbox" "$fx/all.mbox"

"$bin" messages --format json "$fx/all.mbox" >"$tmp/out.json" 2>"$tmp/err"
check "json run exits 0" test $? -eq 0

python3 - "$tmp/out.json" <<'PY' || fail=1
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
N187 = "Ballot 187 - Make CAA Checking Mandatory"
NSC23 = "Ballot SC23: Precertificates"
# file order of make-mbox.sh: name, address, via_list, date, date_source, vote line, normalized, warnings
want = [
 ("Pat Example", "pat.example@example-ca.com", False, "2017-03-02T09:14:00Z", "header", "Example CA votes YES on Ballot 187 \u2013 it\u2019s overdue.", N187, []),
 ("J\u00f6rg M\u00fcller", "joerg.mueller@example-trust.de", False, "2017-03-02T09:30:15Z", "header", "D-Trust votes yes on Ballot 187.", N187, []),
 ("Sam Sample", "sam@sample-trust.example", False, "2017-03-02T19:45:00Z", "header", "Sample Trust votes Yes on Ballot 187.", N187, []),
 ("Dana Demo", "dana@demo-pki.example", False, "2017-03-02T13:02:11Z", "header", "Demo PKI votes NO on Ballot 187: the effective date is too early.", N187, []),
 ("Chris Trust", "chris@trust-example.example", False, "2017-03-02T16:20:00Z", "header", "Trust Example votes yes on Ballot 187.", N187, []),
 ("Lee Labs", "lee@sample-labs.example", False, "2017-03-02T18:00:00Z", "header", "Sample Labs abstains on Ballot 187.", N187, []),
 ("Jane Doe", "jane.doe@example-ca.com", True, "2017-03-02T17:00:00Z", "header", "Example CA votes Yes on Ballot 187.", N187, []),
 ("Jos\u00e9 Mu\u00f1oz", "jose.munoz@certisign.example", False, "2017-03-02T16:10:00Z", "header", "Certisign vot\u00e9 s\u00ed: we vote yes on Ballot 187.", N187, ["unencoded-8bit-header", "bad-charset"]),
 ("Alex Example", "alex@example-ca.com", False, "2017-03-02T21:05:00Z", "from-line", "Example CA votes yes on Ballot 187 (as proposer).", N187, ["no-date"]),
 ("Fran\u00e7ois P\u00e9rez", "francois.perez@exemple-ac.example", False, "2017-03-02T14:30:00Z", "header", "Exemple AC vote oui (yes) au scrutin 187.", "Ballot 187 \u2013 Make CAA Checking Mandatory \u2713", []),
 ("Sam Sample", "sam@sample-trust.example", False, "2017-03-03T08:00:00Z", "header", "Correction: Sample Trust votes yes (not abstain) on Ballot 187.", N187, ["references-loop", "references-duplicate", "references-loop"]),
 ("Pat Example", "pat.example@example-ca.com", False, "2017-03-02T09:14:00Z", "header", "Example CA votes YES on Ballot 187.", N187, []),
 ("Robin Redmond", "robinr@microsoft.example", False, "2019-11-08T18:20:33Z", "header", "Microsoft votes yes on Ballot SC23.", NSC23, []),
 ("Ryan Roe", "rroe@google.example", False, "2019-11-07T15:31:07Z", "header", "Google votes YES on Ballot SC23.", NSC23, []),
 ("John Smith", "john.smith@sample-trust.example", True, "2019-11-08T09:15:00Z", "header", "Sample Trust votes yes on SC23.", NSC23, []),
]
bad = 0
def expect(cond, what):
    global bad
    if not cond:
        print("FAIL:", what); bad = 1
expect(len(recs) == len(want), "%d records, want %d" % (len(recs), len(want)))
keys = ["file", "offset", "message_id", "date", "date_source", "from", "via_list", "list_from",
        "subject", "subject_normalized", "in_reply_to", "references", "body", "warnings"]
last = -1
for r, w in zip(recs, want):
    mid = r.get("message_id")
    expect(list(r.keys()) == keys, "%s: keys %s" % (mid, list(r.keys())))
    expect(r["file"].endswith("all.mbox"), "%s: file %s" % (mid, r["file"]))
    expect(r["offset"] > last, "%s: offsets not increasing" % mid)
    last = r["offset"]
    got = (r["from"]["name"], r["from"]["address"], r["via_list"], r["date"], r["date_source"])
    expect(got == w[:5], "%s: got %s want %s" % (mid, got, w[:5]))
    expect(r["body"].startswith(w[5]), "%s: body starts %r" % (mid, r["body"][:80]))
    expect(r["subject_normalized"] == w[6], "%s: normalized %r" % (mid, r["subject_normalized"]))
    expect([x["code"] for x in r["warnings"]] == w[7], "%s: warnings %s" % (mid, r["warnings"]))
    expect(len(r["body"]) <= 200, "%s: body longer than 200 characters" % mid)
    expect(mid.startswith("<") and mid.endswith(">"), "message id %r" % mid)
    expect((r["list_from"] is not None) == r["via_list"], "%s: list_from %s" % (mid, r["list_from"]))
# quoted ballots are marked "> " in the HTML-only replies (within the first 200 characters)
expect("\n> On Feb 24, 2017, at 20:02" in recs[2]["body"], "apple quote not marked: %r" % recs[2]["body"])
expect("\n> On 24.02.2017 20:02" in recs[3]["body"], "thunderbird quote not marked")
expect("\n> From: Servercert-wg" in recs[12]["body"], "outlook divider not marked")
expect("wrote:\n> Ballot SC23" in recs[13]["body"], "gmail quote not marked")
expect(recs[6]["list_from"] == {"name": "Jane Doe via Public", "address": "public@cabforum.org"}, "dmarc list_from")
expect(recs[10]["references"] == ["<ballot187-start@cabforum.example>", "<reply-1@example-ca.com>", "<reply-2@demo-pki.example>"], "references %s" % recs[10]["references"])
expect(recs[10]["in_reply_to"] is None, "self in_reply_to kept")
sys.exit(bad)
PY

# warnings on stderr name file, offset and Message-ID, lower case
check "stderr warning line" grep -qE '^cabtally: .*all\.mbox: offset [0-9]+ <no-date-187@example-ca\.com>: no Date header, the From_ line date is used$' "$tmp/err"
check "no other stderr output" test "$(grep -cv '^cabtally: .*all\.mbox: offset [0-9]\+ <' "$tmp/err")" -eq 0

# --quiet: nothing on stderr; --full-body: whole bodies
"$bin" messages --quiet --full-body --format json "$fx/all.mbox" >"$tmp/full.json" 2>"$tmp/err2"
check "quiet is quiet" test ! -s "$tmp/err2"
python3 - "$tmp/full.json" <<'PY' || fail=1
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
ok = all("-- MOTION BEGINS --" in r["body"] or "SC23" in r["body"] for r in recs)
ok &= any(len(r["body"]) > 200 for r in recs)
ok &= "\n> -- MOTION BEGINS --\n" in recs[2]["body"]       # Apple Mail blockquote
ok &= "\n> Effective 8 September 2017" in recs[3]["body"]   # Thunderbird <pre> in blockquote
if not ok:
    print("FAIL: --full-body bodies"); sys.exit(1)
PY

# TSV: a header, one line per message, 14 fields each, escapes
"$bin" messages "$fx/all.mbox" >"$tmp/out.tsv" 2>/dev/null
check "tsv exit 0" test $? -eq 0
check "tsv header" test "$(head -1 "$tmp/out.tsv")" = "$(printf 'file\toffset\tmessage_id\tdate\tdate_source\tfrom_name\tfrom_address\tvia_list\tsubject\tsubject_normalized\tin_reply_to\treferences\tbody\twarnings')"
check "tsv 16 lines" test "$(wc -l <"$tmp/out.tsv")" -eq 16
check "tsv 14 fields" test "$(awk -F'\t' 'NF != 14' "$tmp/out.tsv" | wc -l)" -eq 0
check "tsv newline escaped" grep -q 'Regards,\\nPat Example' "$tmp/out.tsv"
check "tsv dmarc row" grep -qP '\tJane Doe\tjane\.doe@example-ca\.com\t1\t' "$tmp/out.tsv"

# one message file without a From_ line; options after the archive
"$bin" messages "$fx/dmarc.eml" --format json >"$tmp/one.json" 2>/dev/null
check "single .eml exit 0" test $? -eq 0
check "single .eml one record" test "$(wc -l <"$tmp/one.json")" -eq 1
check "single .eml decoded" grep -q '"address": "jane.doe@example-ca.com"}, "via_list": true' "$tmp/one.json"

# exit codes
"$bin" messages >/dev/null 2>&1; check "no archive: 64" test $? -eq 64
"$bin" messages --format xml "$fx/all.mbox" >/dev/null 2>&1; check "bad format: 64" test $? -eq 64
"$bin" messages --bogus "$fx/all.mbox" >/dev/null 2>&1; check "unknown option: 64" test $? -eq 64
"$bin" messages --format json "$tmp/missing.mbox" "$fx/dmarc.eml" >"$tmp/m.json" 2>"$tmp/m.err"
check "missing input: 66" test $? -eq 66
check "missing input: others still read" test "$(wc -l <"$tmp/m.json")" -eq 1
check "missing input: named" grep -q "missing.mbox" "$tmp/m.err"
"$bin" messages --help >"$tmp/help" 2>&1; check "help: 0" test $? -eq 0
check "help documents --full-body" grep -q -- "--full-body" "$tmp/help"
check "help says 200 characters" grep -q "200 characters" "$tmp/help"
"$bin" messages --version >"$tmp/ver" 2>&1; check "version: 0" test $? -eq 0
check "version names GMime" grep -q GMime "$tmp/ver"

# the same input gives byte-identical output
"$bin" messages --format json "$fx/all.mbox" 2>/dev/null | cmp -s - "$tmp/out.json"
check "deterministic output" test $? -eq 0

exit $fail
