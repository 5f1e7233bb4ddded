#!/usr/bin/env bash
# The benchmark's correctness check, small enough for every test run: the
# generator (tests/bench/gen.py) writes a 6 MiB synthetic archive with its
# known tallies (a 2014 pipermail-era ballot and an SC-era mboxrd one); every
# ballot tallied with --ballot and with --all, from the file and from its
# .gz, must equal the answer, and so must the Python reference; the JSON's
# sha256 must equal sha256sum's, with the x86 SHA extensions and without.
set -u
bin=${CABTALLY_BIN:?CABTALLY_BIN is not set}
here=$(cd "$(dirname "$0")/../bench" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

if ! command -v python3 >/dev/null; then
	echo "skip: python3 is not installed"
	exit 0
fi
python3 "$here/gen.py" --size 6M --seed 187 "$tmp" >/dev/null || { echo "FAIL: gen.py"; exit 1; }
a=$tmp/archive.mbox
ids=$(python3 -c "import json,sys; print(' '.join(b['id'] for b in json.load(open(sys.argv[1]))['ballots']))" "$tmp/answer.json")
[ "$(wc -w <<<"$ids")" -ge 2 ] || fail "the 6 MiB archive should hold two complete ballots, has: $ids"

for f in "$a" "$a.gz"; do
	if ! "$bin" tally --quiet --all --format json "$f" >"$tmp/all.json"; then
		fail "tally --all $f exited non-zero"
	elif ! python3 "$here/check.py" "$tmp/answer.json" "$tmp/all.json"; then
		fail "tally --all $f differs from the answer"
	fi
	for id in $ids; do
		if ! "$bin" tally --quiet --ballot "$id" --format json "$f" >"$tmp/one.json"; then
			fail "tally --ballot $id $f exited non-zero"
		elif ! python3 "$here/check.py" --ballot "$id" "$tmp/answer.json" "$tmp/one.json"; then
			fail "tally --ballot $id $f differs from the answer"
		fi
	done
done

for id in $ids; do
	python3 "$here/reftally.py" --ballot "$id" "$a" >"$tmp/ref.json" &&
		python3 "$here/check.py" --ballot "$id" "$tmp/answer.json" "$tmp/ref.json" ||
		fail "the Python reference's tally of $id differs from the answer"
done

# inputs[].sha256, with SHA-NI when the CPU has it and with GLib's code.
# The hash is fed the bytes the splitter reads; where the splitter stops
# early (garbage after the gzip stream) it must read the rest itself.
cp "$a.gz" "$tmp/trailing.mbox.gz"
head -c 3000000 /dev/urandom >>"$tmp/trailing.mbox.gz"
for f in "$a" "$a.gz" "$tmp/trailing.mbox.gz"; do
	want=$(sha256sum "$f" | cut -d' ' -f1)
	for env in "" "CABTALLY_NO_SHANI=1"; do
		got=$(env $env "$bin" tally --quiet --all --format json "$f" |
		      python3 -c "import json,sys; print(json.load(sys.stdin)[0]['inputs'][0]['sha256'])")
		[ "$got" = "$want" ] || fail "sha256 of $f ${env:-(default)}: $got, sha256sum says $want"
	done
done
# two inputs, each with its own hash, whatever the number of decoding threads
for jobs in 1 3; do
	got=$("$bin" tally --quiet --all --format json --jobs $jobs "$a" "$a.gz" |
	      python3 -c "import json,sys; print(' '.join(i['sha256'] for i in json.load(sys.stdin)[0]['inputs']))")
	want="$(sha256sum "$a" | cut -d' ' -f1) $(sha256sum "$a.gz" | cut -d' ' -f1)"
	[ "$got" = "$want" ] || fail "sha256 of two inputs with --jobs $jobs: $got, sha256sum says $want"
done

[ "$fails" -eq 0 ] && echo "ok: $(wc -w <<<"$ids") ballots, cabtally and the Python reference agree with the generator"
exit $((fails > 0))
