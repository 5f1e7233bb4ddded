#!/usr/bin/env bash
# Nobody votes who should not (issue 10): every message of
# fixtures/hostile/nobody.mbox that must not count is in the ledger with the
# status and reason a chair expects, and the result lists only the two
# genuine votes; strings from mail with markup (fixtures/hostile/script.mbox,
# roster-script.xml) render as text in the HTML page and the Markdown post.
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}/hostile
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

if ! "$BIN" tally --quiet --ballot 187 --active 20 --format json "$FIX/nobody.mbox" >"$tmp/n.json"; then
	echo "FAIL: tally on nobody.mbox exited non-zero"
	exit 1
fi
python3 - "$tmp/n.json" <<'PY' || fail=1
import json, sys
got = json.load(open(sys.argv[1]))
bad = []
# message id -> (status, words the reason must hold)
want = {
    "<control-digicert@digicert.com>": ("counted", "DigiCert"),
    "<non-member-domain@example-ca.com>": ("not-a-member", "belongs to no member"),
    "<member-name-stranger-address@gmail.com>": ("not-a-member", "belongs to no member"),
    "<lookalike-suffix@harica.gr.example.net>": ("not-a-member", "belongs to no member"),
    "<lookalike-prefix@evilharica.gr>": ("not-a-member", "belongs to no member"),
    "<lookalike-digit@d1gicert.com>": ("not-a-member", "belongs to no member"),
    "<dmarc-stranger-reply-to@evil.example>": ("not-a-member", "dana@evil.example"),
    "<quoting-reply@harica.gr>": ("no-vote", "no vote"),
    "<forwarded-vote@izenpe.com>": ("no-vote", "no vote"),
    "<late-vote@actalis.it>": ("late", "after the close"),
    "<other-ballot@symantec.com>": ("wrong-ballot", "186"),
}
entries = {}
for e in got["ledger"]:
    entries.setdefault(e["message_id"], []).append(e)
for mid, (status, words) in want.items():
    es = entries.get(mid)
    if not es:
        bad.append(f"{mid}: not in the ledger")
        continue
    e = es[0]
    if e["status"] != status:
        bad.append(f"{mid}: status {e['status']!r}, expected {status!r} ({e['reason']})")
    if words not in (e["reason"] or ""):
        bad.append(f"{mid}: reason {e['reason']!r} does not say {words!r}")
twice = entries.get("<twice@disig.sk>", [])
if sorted(e["status"] for e in twice) != ["counted", "duplicate"]:
    bad.append(f"<twice@disig.sk>: statuses {[e['status'] for e in twice]}, expected one counted, one duplicate")
elif "same Message-ID" not in [e for e in twice if e["status"] == "duplicate"][0]["reason"]:
    bad.append("<twice@disig.sk>: the duplicate's reason does not say 'same Message-ID'")
# Nobody else got into the result.
cats = got["categories"]
lists = {c: (cats[c]["yes"], cats[c]["no"], cats[c]["abstain"]) for c in cats}
if lists != {"issuer": (["DigiCert"], ["Disig"], []), "consumer": ([], [], [])}:
    bad.append(f"result lists {lists}, expected only DigiCert yes and Disig no (once)")
if got["late"] != ["Actalis"]:
    bad.append(f"late {got['late']}, expected ['Actalis']")
for b in bad:
    print("FAIL nobody.mbox:", b)
sys.exit(1 if bad else 0)
PY

# Markup from mail and from the roster renders as text.
for roster in "" "--roster=$FIX/roster-script.xml"; do
	# shellcheck disable=SC2086
	if ! "$BIN" tally --quiet --ballot 187 --active 2 --format html $roster "$FIX/script.mbox" >"$tmp/s.html"; then
		echo "FAIL: tally --format html on script.mbox ${roster:+($roster) }exited non-zero"
		fail=1
		continue
	fi
	python3 - "$tmp/s.html" "${roster:+roster}" <<'PY' || fail=1
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad, self.text = [], []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed"):
            self.bad.append(f"<{tag}> element")
        for k, v in attrs:
            if k.startswith("on") or (v or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"attribute {k}={v!r} on <{tag}>")
    def handle_data(self, d):
        self.text.append(d)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
text = "".join(p.text)
need = ['alert("evidence")', '<b>Mallory</b> votes yes', 'alert("subject")', 'alert("ballot text")']
if sys.argv[2]:
    need += ['DigiCert <script>alert("name")</script>', "Mozilla & <b>Friends</b>"]
for n in need:
    if n not in text:
        p.bad.append(f"the text {n!r} is not shown as text")
for b in p.bad:
    print(f"FAIL script.mbox html{' with roster-script.xml' if sys.argv[2] else ''}: {b}")
sys.exit(1 if p.bad else 0)
PY
done
"$BIN" tally --quiet --ballot 187 --active 2 --explain --roster "$FIX/roster-script.xml" "$FIX/script.mbox" >"$tmp/s.md"
if grep -n -i -E '<(script|b>|img|/)' "$tmp/s.md"; then
	echo "FAIL: the Markdown post carries markup from mail or the roster (lines above)"
	fail=1
fi
if ! grep -q '&lt;script>alert("evidence")' "$tmp/s.md"; then
	echo "FAIL: the Markdown ledger does not show the evidence line as text"
	fail=1
fi
exit $fail
