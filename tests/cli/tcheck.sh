#!/bin/bash
# cabtally check: text and JSON output, exit codes (0 clean, 1 wrong claim,
# 65 nothing readable, 66 missing, 64 usage), one line per finding.
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

rm -f /tmp/tcheck.$$.txt /tmp/tcheck.err.$$
exit $fail
