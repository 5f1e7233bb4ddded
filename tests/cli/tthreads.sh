#!/usr/bin/env bash
# Decoding runs on a pool of threads (--jobs); what a user sees must not
# depend on it. For a synthetic archive (both eras, all mail shapes) and for
# the fixture archives that give warnings, every command's output and its
# warnings, in their order, must be byte for byte the same with --jobs 1
# (no threads), 2 and 5 (more threads than this machine may have cores).
# `make test-tsan` runs this script under ThreadSanitizer.
set -u
bin=${CABTALLY_BIN:?CABTALLY_BIN is not set}
fix=${CABTALLY_FIXTURES:?CABTALLY_FIXTURES is not set}
here=$(cd "$(dirname "$0")/../bench" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
runs=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

archives=()
if command -v python3 >/dev/null; then
	python3 "$here/gen.py" --size 3M --seed 23 "$tmp/gen" >/dev/null || { echo "FAIL: gen.py"; exit 1; }
	archives+=("$tmp/gen/archive.mbox" "$tmp/gen/archive.mbox.gz")
fi
# warnings: rejected From_ lines, a truncated gzip, CR line ends, no From_ line
for f in from-in-body.mbox truncated.mbox.gz crlf.mbox no-from-line.mbox 2017-March.txt.gz; do
	archives+=("$fix/archive/$f")
done
for f in "$fix"/ballots/*.mbox; do
	[ -e "$f" ] && archives+=("$f")
done

# same NAME ARGS...: run the command with each --jobs, compare with --jobs 1
same() {
	local name=$1
	shift
	local status
	"$bin" "$@" --jobs 1 >"$tmp/$name.1.out" 2>"$tmp/$name.1.err"
	status=$?
	if [ $status -eq 64 ]; then
		fail "$name: usage error ($*): $(head -1 "$tmp/$name.1.err")"
		return
	fi
	for j in 2 5; do
		"$bin" "$@" --jobs $j >"$tmp/$name.$j.out" 2>"$tmp/$name.$j.err"
		local st=$?
		runs=$((runs + 1))
		[ $st -eq $status ] || fail "$name: status $st with --jobs $j, $status with --jobs 1"
		cmp -s "$tmp/$name.1.out" "$tmp/$name.$j.out" ||
			fail "$name: output with --jobs $j differs from --jobs 1 ($*)"
		cmp -s "$tmp/$name.1.err" "$tmp/$name.$j.err" ||
			fail "$name: warnings with --jobs $j differ from --jobs 1 ($*)"
		if grep -q -E "ThreadSanitizer|AddressSanitizer|runtime error" "$tmp/$name.$j.err"; then
			fail "$name: a sanitizer report with --jobs $j"
			grep -A30 -E "ThreadSanitizer|AddressSanitizer|runtime error" "$tmp/$name.$j.err" | head -40
		fi
		if [ $st -gt 128 ]; then
			fail "$name: killed by signal $((st - 128)) with --jobs $j"
			tail -20 "$tmp/$name.$j.err"
		fi
	done
}

i=0
for a in "${archives[@]}"; do
	i=$((i + 1))
	same "all-json-$i" tally --all --format json "$a"
	same "all-md-$i" tally --all "$a"
	same "ballots-$i" ballots --format json "$a"
	same "messages-$i" messages --format json "$a"
	for id in $("$bin" ballots --quiet --format json "$a" 2>/dev/null |
		    python3 -c "import json,sys; print(' '.join(b['id'] for b in json.load(sys.stdin)['ballots'][:3]))" 2>/dev/null); do
		same "tally-$i-$id" tally --ballot "$id" "$a"
		same "votes-$i-$id" votes --ballot "$id" --format json "$a"
	done
done
# all archives in one run: per-file warnings stay with their file
same "all-files" tally --all --format json "${archives[@]}"

[ $runs -gt 0 ] || fail "nothing was compared"
[ "$fails" -eq 0 ] && echo "ok: $runs runs with --jobs 2 and 5 equal to --jobs 1 (${#archives[@]} archives)"
exit $((fails > 0))
