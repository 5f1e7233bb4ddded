#!/bin/bash
# cabtally check: text and JSON output, exit codes (0 clean, 1 wrong claim,
# 65 nothing readable, 66 missing, 64 usage), one line per finding; names
# against a roster (--roster) and against an archive's tally (--archive).
set -u
bin=${CABTALLY_BIN:?}
fx=${CABTALLY_FIXTURES:?}/posts
fail=0
t() { # name, expected status, command...
	local name=$1 want=$2; shift 2
	out=$("$@" 2>/tmp/tcheck.err.$$); rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, want $want"; echo "$out"; cat /tmp/tcheck.err.$$; fail=1
	fi
}
t clean 0 "$bin" check "$fx/clean.md"
[ -z "$out" ] || { echo "FAIL clean: printed '$out'"; fail=1; }

t percent 1 "$bin" check "$fx/percent.md"
case $out in
"$fx/percent.md:18: percent: 84% of issuers voted in favor — 15 of 18 is 83.33%"*) ;;
*) echo "FAIL percent line: '$out'"; fail=1 ;;
esac

t two 1 "$bin" check "$fx/clean.md" "$fx/quorum-arithmetic.md"
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || { echo "FAIL two: '$out'"; fail=1; }

t json 1 "$bin" check --format json "$fx/verdict.md" "$fx/clean.md"
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["schema_version"] == 1
p = d["posts"]
assert [x["ballot"] for x in p] == ["SC99", "SC99"], p
f = p[0]["findings"]
assert len(f) == 1 and f[0]["kind"] == "verdict" and f[0]["line"] == 8, f
assert f[0]["claim"] and f[0]["holds"]
assert p[1]["findings"] == []
' || { echo "FAIL json: $out"; fail=1; }

printf 'Dear all,\nlunch is at noon.\n' > /tmp/tcheck.$$.txt
t unreadable 65 "$bin" check /tmp/tcheck.$$.txt
case $out in *"unreadable"*) ;; *) echo "FAIL unreadable: '$out'"; fail=1 ;; esac
t unreadable-json 65 "$bin" check --format json /tmp/tcheck.$$.txt
printf '%s' "$out" | grep -q '"kind": "unreadable"' || { echo "FAIL unreadable json: $out"; fail=1; }
t unreadable-and-good 1 "$bin" check /tmp/tcheck.$$.txt "$fx/clean.md"
t missing 66 "$bin" check /nonexistent/post.md
t usage 64 "$bin" check
t usage-format 64 "$bin" check --format xml "$fx/clean.md"
t rules-bad 64 "$bin" check --rules NOPE "$fx/clean.md"
t help 0 "$bin" check --help
case $out in usage:*) ;; *) echo "FAIL help: '$out'"; fail=1 ;; esac
# forcing the Bylaws of 2021 makes a 2024 citation of 2.3(6) still right
t rules 0 "$bin" check --rules BL2.3 "$fx/clean.md"
t show 0 "$bin" check --show-claims "$fx/clean.md"
case $out in *"quorum: active -1, half 11, quorum 12"*) ;; *) echo "FAIL show: '$out'"; fail=1 ;; esac

# --roster and --archive: the SC23 drafts against the bundled roster and the
# fixture archive of SC23 (docs/check.md)
ballots=${CABTALLY_FIXTURES}/ballots
data=${CABTALLY_DATA:?}
t sc23-clean 0 "$bin" check --roster bundled --archive "$ballots/sc23.mbox" --attendance 20 "$fx/sc23-clean.md"
[ -z "$out" ] || { echo "FAIL sc23-clean: printed '$out'"; fail=1; }
# the same archive as pipermail text, and the ballot named explicitly
t sc23-clean-pipermail 0 "$bin" check --quiet --archive "$ballots/sc23-pipermail.txt" --ballot SC-023 "$fx/sc23-clean.md"
[ -z "$out" ] || { echo "FAIL sc23-clean-pipermail: printed '$out'"; fail=1; }

t vote-differs 1 "$bin" check --archive "$ballots/sc23.mbox" "$fx/sc23-vote-differs.md"
want="$fx/sc23-vote-differs.md:12: vote-differs: Actalis among the issuer yes votes — Actalis's yes vote came after the close (2019-11-14T03:00:00Z) and is not counted
$fx/sc23-vote-differs.md:20: vote-differs: Apple among the consumer yes votes — the archive holds no vote from Apple on this ballot
$fx/sc23-vote-differs.md:20: vote-differs: Google missing from the consumer yes votes — the archive's tally counts Google's yes vote of 2019-11-07T18:00:00Z"
[ "$out" = "$want" ] || { echo "FAIL vote-differs:"; diff <(echo "$want") <(echo "$out"); fail=1; }

t vote-differs-json 1 "$bin" check --format json --archive "$ballots/sc23.mbox" "$fx/sc23-vote-differs.md" "$fx/sc23-clean.md"
printf '%s' "$out" | python3 -c '
import json, sys
p = json.load(sys.stdin)["posts"]
f = p[0]["findings"]
assert [(x["line"], x["kind"]) for x in f] == [(12, "vote-differs"), (20, "vote-differs"), (20, "vote-differs")], f
assert p[1]["ballot"] == "SC23" and p[1]["findings"] == [], p[1]
' || { echo "FAIL vote-differs-json: $out"; fail=1; }

t not-a-member 1 "$bin" check --roster bundled "$fx/roster-not-a-member.md"
[ "$out" = "$fx/roster-not-a-member.md:12: not-a-member: Northwind Trust among the issuer yes votes — no member of the roster is named Northwind Trust" ] \
	|| { echo "FAIL not-a-member: '$out'"; fail=1; }
t category 1 "$bin" check --roster "$data/roster.xml" "$fx/roster-category.md"
case $out in
"$fx/roster-category.md:12: category: Cisco among the issuer yes votes — Cisco was a voting consumer member of scwg between 2019-11-07 and 2019-11-14, not an issuer") ;;
*) echo "FAIL category: '$out'"; fail=1 ;;
esac
# with --archive the roster speaks only when --roster is given
t category-archive-only 0 "$bin" check --archive "$ballots/sc23.mbox" "$fx/sc23-clean.md"

# the Forum's own posts of the three re-enacted ballots agree with the archives
corpus=${CABTALLY_SHARED:-}/corpus/published-results
if [ -n "${CABTALLY_SHARED:-}" ] && [ -d "$corpus" ]; then
	t published-187 0 "$bin" check --roster bundled --archive "$ballots/ballot-187.mbox" \
		"$corpus/2017-03-08-ballot-187-make-caa-checking-mandatory.md"
	t published-sc23 0 "$bin" check --roster bundled --archive "$ballots/sc23.mbox" --attendance 20 \
		"$corpus/2019-11-14-ballot-sc23-v3-precertificates.md"
	t published-sc64 0 "$bin" check --roster bundled --archive "$ballots/ballot-sc64.mbox" \
		"$corpus/2023-06-15-ballot-sc-64-temporary-moratorium-on-new-certificate-consumer-memberships.md"
else
	echo "skipped: the published posts (../shared is absent)"
fi

t ballot-without-archive 64 "$bin" check --ballot SC23 "$fx/sc23-clean.md"
t roster-missing 66 "$bin" check --roster /nonexistent/roster.xml "$fx/sc23-clean.md"
t archive-missing 66 "$bin" check --archive /nonexistent/list.mbox "$fx/sc23-clean.md"
t ballot-not-in-archive 65 "$bin" check --archive "$ballots/sc23.mbox" --ballot 187 "$fx/sc23-clean.md"
grep -q "ballot 187 not found" /tmp/tcheck.err.$$ || { echo "FAIL ballot-not-in-archive: no message"; fail=1; }
printf -- '---\ntitle: x\n---\n- 3 Yes votes: A, B, C\n' > /tmp/tcheck.$$.md
t no-ballot-id 64 "$bin" check --archive "$ballots/sc23.mbox" /tmp/tcheck.$$.md

rm -f /tmp/tcheck.$$.txt /tmp/tcheck.$$.md /tmp/tcheck.err.$$
exit $fail
