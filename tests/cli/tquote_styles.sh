#!/usr/bin/env bash
# Each quote style of fixtures/mail (plain '>', Outlook plain and HTML, Apple
# Mail, Gmail, Thunderbird, S/MIME, PGP, DMARC-munged, pipermail, top- and
# bottom-posted) read end to end — archive, MIME, HTML, fresh text, vote: the
# author's vote is read and the quoted ballot ("a clear 'yes' … 'no' …
# 'abstain'") never leaks into it (a leak reads as a conflict, i.e. unclear).
set -u
BIN=${CABTALLY_BIN:?}
MAIL=${CABTALLY_FIXTURES:?}/mail/all.mbox
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$BIN" votes --quiet --ballot 187 "$MAIL" >"$tmp/187" || exit 1
"$BIN" votes --quiet --ballot SC23 "$MAIL" >"$tmp/sc23" || exit 1
python3 - "$tmp/187" "$tmp/sc23" <<'PY'
import sys
rows = {}
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        f = line.split("\t")
        rows[(f[0], f[4])] = f[3]
expected = {
    # (date, sender): vote                                       shape
    ("2017-03-02T09:14:00Z", "pat.example@example-ca.com"): "yes",      # Outlook QP, pipermail
    ("2017-03-02T09:30:15Z", "joerg.mueller@example-trust.de"): "yes",  # base64 UTF-8, '>' quote
    ("2017-03-02T13:02:11Z", "dana@demo-pki.example"): "no",            # Thunderbird HTML
    ("2017-03-02T16:10:00Z", "jose.munoz@certisign.example"): "yes",    # mislabeled latin-1
    ("2017-03-02T16:20:00Z", "chris@trust-example.example"): "yes",     # S/MIME, Original Message
    ("2017-03-02T17:00:00Z", "jane.doe@example-ca.com"): "yes",         # DMARC, indented quote
    ("2017-03-02T18:00:00Z", "lee@sample-labs.example"): "abstain",     # PGP/MIME
    ("2017-03-02T19:45:00Z", "sam@sample-trust.example"): "yes",        # Apple Mail HTML
    ("2017-03-02T21:05:00Z", "alex@example-ca.com"): "yes",             # no Date header
    ("2017-03-03T08:00:00Z", "sam@sample-trust.example"): "yes",        # "yes (not abstain)"
    ("2019-11-07T15:31:07Z", "rroe@google.example"): "yes",             # Gmail HTML
    ("2019-11-08T09:15:00Z", "john.smith@sample-trust.example"): "yes", # DMARC via Cc
    ("2019-11-08T18:20:33Z", "robinr@microsoft.example"): "yes",        # Outlook HTML
}
bad = [f"{k}: expected {v}, got {rows.get(k)}" for k, v in expected.items() if rows.get(k) != v]
bad += [f"{k}: unclear (quoted text leaked?)" for k, v in rows.items() if v == "unclear"]
for b in bad:
    print("FAIL", b)
print(f"{len(expected)} quote styles read, {len(bad)} problems")
sys.exit(1 if bad else 0)
PY
