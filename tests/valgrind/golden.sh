#!/usr/bin/env bash
# The golden tallies under valgrind memcheck (ctest label "valgrind"): no
# invalid read or write, no use of uninitialised memory, no leak, for
# `cabtally tally` on the three fixture ballots and `cabtally check` on a
# result post. Registered only in builds without sanitizers (cmake/Fuzzers.cmake).
#
# PCRE2's JIT compiler writes machine code valgrind cannot see into: inside
# it valgrind reports conditional jumps on "uninitialised" bytes and 16-byte
# SIMD reads past the subject's end (aligned, so never across a page). Such
# errors have no symbol and no object in any frame of their stack ("???"),
# and a suppression file cannot name them without hiding everything
# (`obj:*` matches every object). So the log is read instead: an error
# counts when any frame of its own stack (before the "Address …" or "was
# created" part) names a function — ours, glib's, GMime's, libc's — and
# every leak counts (their stacks start in malloc). Nothing of ours is ever
# hidden; only errors wholly inside JIT code are. One glibc loader false
# positive is suppressed by name in tests/valgrind/cabtally.supp.
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}
VG=${VALGRIND:-valgrind}
SUPP=$(dirname "$0")/cabtally.supp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

vg() { # name -- cabtally args...
	local name=$1
	shift 2
	"$VG" --leak-check=full --show-leak-kinds=definite,indirect --num-callers=30 \
		--suppressions="$SUPP" \
		--log-file="$tmp/$name.vg" "$BIN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	local rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL $name: cabtally exited $rc under valgrind"
		head -20 "$tmp/$name.err"
		fail=1
	fi
	python3 - "$tmp/$name.vg" "$name" <<'PY' || fail=1
import re, sys
blocks, cur = [], []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"==\d+== ?(.*)", line.rstrip("\n"))
    if not m:
        continue
    text = m.group(1)
    if not text.strip():
        if cur:
            blocks.append(cur)
        cur = []
    else:
        cur.append(text)
if cur:
    blocks.append(cur)
real, jit = [], 0
for b in blocks:
    head = b[0]
    is_error = re.search(r"(Invalid|uninitialised|Mismatched|overlap|definitely lost|"
                         r"indirectly lost|Syscall param|free\(\))", head)
    if not is_error:
        continue
    own = []
    for l in b[1:]:
        if re.match(r"\s*(Address|Uninitialised value was created|Block was alloc)", l):
            break
        own.append(l)
    if "lost" in head or any(re.search(r"(at|by) 0x[0-9A-F]+: (?!\?\?\?)", l) for l in own):
        real.append("\n".join(b))
    else:
        jit += 1
for r in real:
    print(r + "\n")
print(f"{'FAIL' if real else 'ok'} {sys.argv[2]}: {len(real)} memcheck errors"
      f" ({jit} inside PCRE2 JIT code, not ours)")
sys.exit(1 if real else 0)
PY
}

vg ballot-187 -- tally --quiet --ballot 187 --active 20 "$FIX/ballots/ballot-187.mbox"
vg sc23 -- tally --quiet --format json --ballot SC23 --attendance 20 "$FIX/ballots/sc23.mbox"
vg sc-064 -- tally --quiet --format html --ballot SC-064 --active 26 "$FIX/ballots/ballot-sc64.mbox"
vg nobody -- tally --quiet --explain --ballot 187 --active 20 "$FIX/hostile/nobody.mbox"
vg check -- check "$FIX/posts/clean.md"
exit $fail
