#!/usr/bin/env bash
# Golden tests of the result post: `cabtally tally` on our fixture archives
# must print exactly tests/golden/*.md, and that post's results section must
# equal the Forum's published one word for word (read from ../shared when it
# is there). Words are compared after removing Markdown emphasis, headings and
# list bullets and a sentence's final full stop, since the published posts
# carry the same words under varying markup ("in favor.**Voting by …");
# typographic quotes and dashes must match.
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}
GOLDEN=$(dirname "$0")/../golden
SHARED=${CABTALLY_SHARED:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

golden() { # name published-post first-words -- tally args...
	local name=$1 post=$2 first=$3
	shift 4
	if ! "$BIN" tally --quiet "$@" >"$tmp/$name.md"; then
		echo "FAIL $name: tally exited non-zero"
		fail=1
		return
	fi
	if [ "${CABTALLY_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$tmp/$name.md" "$GOLDEN/$name.md"
	fi
	if ! diff -u "$GOLDEN/$name.md" "$tmp/$name.md"; then
		echo "FAIL $name: output differs from tests/golden/$name.md"
		fail=1
	fi
	if [ -z "$SHARED" ] || [ ! -f "$SHARED/corpus/published-results/$post" ]; then
		echo "skip $name: ../shared is absent, not compared with the published post"
		return
	fi
	python3 - "$tmp/$name.md" "$SHARED/corpus/published-results/$post" "$first" <<'PY' || fail=1
import re, sys
ours = open(sys.argv[1], encoding="utf-8").read()
published = open(sys.argv[2], encoding="utf-8").read()
first = sys.argv[3]
# The Forum printed these members' names both ways within the same months;
# the roster keeps one spelling (see data/roster-evidence.tsv).
same = {"Trustcor": "TrustCor", "Viking Cloud": "VikingCloud"}
for a, b in same.items():
    published = published.replace(a, b)
def words(text):
    text = re.sub(r"[*#]", " ", text)
    out = []
    for w in text.split():
        w = w.rstrip(".") or w
        if w in ("-", "1", "2", ""):
            continue
        out.append(w)
    return out
start = published.find(first)
if start < 0:
    sys.exit(f"FAIL: '{first}' not found in {sys.argv[2]}")
# Our results section ends where the ballot's own text begins.
cut = min([i for i in (ours.find("\n**Ballot 187 v2"), ours.find("\n## Ballot SC23"),
                       ours.find("\n# Ballot Contents")) if i >= 0] or [len(ours)])
r, p = words(ours[:cut]), words(published[start:])
for i, w in enumerate(r):
    if i >= len(p) or p[i] != w:
        got = p[i] if i < len(p) else "(end)"
        ctx = " ".join(r[max(0, i - 6):i + 1])
        sys.exit(f"FAIL {sys.argv[1]}: word {i} differs: ours '{w}', published '{got}' (after: {ctx})")
print(f"{sys.argv[2].rsplit('/', 1)[-1]}: {len(r)} words equal to the published results section")
PY
}

golden ballot-187 2017-03-08-ballot-187-make-caa-checking-mandatory.md \
	"The voting period for Ballot 187" -- \
	--ballot 187 --active 20 "$FIX/ballots/ballot-187.mbox"
golden sc23 2019-11-14-ballot-sc23-v3-precertificates.md "## Ballot Results" -- \
	--ballot SC23 --attendance 20 "$FIX/ballots/sc23.mbox"
golden sc-064 2023-06-15-ballot-sc-64-temporary-moratorium-on-new-certificate-consumer-memberships.md \
	"**Voting Results**" -- \
	--ballot SC-064 --active 26 "$FIX/ballots/ballot-sc64.mbox"

# The list message: the same words without Markdown.
"$BIN" tally --quiet --format text --ballot 187 --active 20 "$FIX/ballots/ballot-187.mbox" >"$tmp/187.txt"
if grep -q '\*\*' "$tmp/187.txt" || ! grep -q '^Ballot 187 passes\.$' "$tmp/187.txt"; then
	echo "FAIL: the text post has Markdown or no verdict line"
	fail=1
fi
exit $fail
