#!/usr/bin/env bash
# Hostile input (issue 10): every input of the issue's list gives a clear
# message and an exit status, never a crash or a hang. Big inputs are made
# here at test time, never committed. Each run has a time limit: a status of
# 124 (timeout) or above 128 (a signal, e.g. a sanitizer abort) fails.
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
LIMIT=${CABTALLY_HOSTILE_TIMEOUT:-120}

# run NAME EXPECTED-STATUS GREP-ERE -- cabtally args...: status and stderr
# (and stdout) must match; the output is kept in $tmp/NAME.{out,err}.
run() {
	local name=$1 want=$2 re=$3
	shift 4
	local t0=$SECONDS
	timeout "$LIMIT" "$BIN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	local rc=$?
	echo "ran $name: status $rc in $((SECONDS - t0)) s"
	if [ $rc -eq 124 ] || [ $rc -gt 128 ]; then
		echo "FAIL $name: cabtally $* crashed or hung (status $rc)"
		tail -5 "$tmp/$name.err"
		fail=1
		return
	fi
	if [ "$want" != any ] && [ $rc -ne "$want" ]; then
		echo "FAIL $name: status $rc, expected $want"
		tail -5 "$tmp/$name.err"
		fail=1
	fi
	if [ -n "$re" ] && ! grep -q -E -- "$re" "$tmp/$name.err" "$tmp/$name.out"; then
		echo "FAIL $name: no message matching /$re/; stderr was:"
		head -5 "$tmp/$name.err"
		fail=1
	fi
}

H='From: Alice <alice@digicert.com>
Date: Thu, 2 Mar 2017 09:14:00 +0000
Subject: Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory'
FROM='From alice@digicert.com Thu Mar  2 09:14:00 2017'
ANN=$FIX/hostile/nobody.mbox   # its first message announces Ballot 187

# --- archives --------------------------------------------------------------
: >"$tmp/empty.mbox"
run empty 65 'file is empty' -- tally --ballot 187 "$tmp/empty.mbox"

head -c 200000 /dev/urandom >"$tmp/garbage.bin"
printf '\x00\x01binary\xff\xfe' >>"$tmp/garbage.bin"
run garbage 65 'not found' -- tally --ballot 187 "$tmp/garbage.bin"
run garbage-messages 0 'does not start with a From_ line' -- messages "$tmp/garbage.bin"

python3 - "$FIX/ballots/ballot-187.mbox" "$tmp/cut.mbox.gz" <<'PY'
import gzip, sys
data = open(sys.argv[1], "rb").read()
z = gzip.compress(data, mtime=0)
open(sys.argv[2], "wb").write(z[: len(z) * 6 // 10])
PY
run truncated-gzip any 'gzip stream ends early' -- tally --ballot 187 --active 20 "$tmp/cut.mbox.gz"
run truncated-gzip-messages 0 'gzip stream ends early' -- messages "$tmp/cut.mbox.gz"

mkdir "$tmp/adir"
run directory 66 'adir: cannot open: Is a directory' -- tally --ballot 187 "$tmp/adir"

# A file named on the command line that is gone by the time it is read: the
# other archive is still tallied, the missing one reported, status 66.
cp "$ANN" "$tmp/vanish.mbox"
rm "$tmp/vanish.mbox"
run vanished 66 'vanish.mbox: cannot open: No such file' -- \
	tally --ballot 187 --active 20 "$ANN" "$tmp/vanish.mbox"
if ! grep -q 'DigiCert' "$tmp/vanished.out"; then
	echo "FAIL vanished: the readable archive was not tallied"
	fail=1
fi

# NUL bytes in headers and bodies, invalid UTF-8: JSON stays valid UTF-8.
{
	echo "$FROM"
	printf 'From: Al\0ice <alice@digicert.com>\nDate: Thu, 2 Mar 2017 09:14:00 +0000\n'
	printf 'Subject: Re: [cabfpub] Ballot 187 \0- Make CAA\nMessage-ID: <nul@digicert.com>\n'
	printf 'X-Nul: a\0b\n\nDigiCert votes yes\0 on Ballot 187.\n\n'
	echo "$FROM"
	printf '%s\nMessage-ID: <utf8@digicert.com>\nContent-Type: text/plain; charset=utf-8\n' "$H"
	printf 'X-Bad: \xff\xfe\xc3\x28 header\n\nDigiCert votes yes \xff\xc3\x28\xed\xa0\x80 on Ballot 187.\n'
} >"$tmp/nul.mbox"
run nul-utf8 0 'NUL' -- messages --format json "$tmp/nul.mbox"
python3 - "$tmp/nul-utf8.out" <<'PY' || fail=1
import json, sys
lines = open(sys.argv[1], "rb").read().decode("utf-8").splitlines()  # strict UTF-8
recs = [json.loads(l) for l in lines]
if len(recs) != 2 or any("\0" in json.dumps(r, ensure_ascii=False) for r in recs):
    sys.exit(f"FAIL nul-utf8: {len(recs)} records, or a NUL reached the output")
if "votes yes" not in recs[1]["body"]:
    sys.exit("FAIL nul-utf8: the body with invalid UTF-8 was lost")
PY
run nul-utf8-tally any '' -- tally --ballot 187 --active 20 "$ANN" "$tmp/nul.mbox"

# CR-only line ends (classic Mac OS): read as LF, both votes seen.
{
	printf '%s\r%s\rMessage-ID: <cr1@digicert.com>\r\rDigiCert votes yes on Ballot 187.\r\r' "$FROM" "${H//$'\n'/$'\r'}"
	printf 'From bob@harica.gr Thu Mar  2 10:14:00 2017\rFrom: Bob <bob@harica.gr>\rDate: Thu, 2 Mar 2017 10:14:00 +0000\r'
	printf 'Subject: Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory\rMessage-ID: <cr2@harica.gr>\r\rHARICA votes yes.\r'
} >"$tmp/cr.mbox"
run cr-only 0 'bare CR' -- tally --ballot 187 --active 20 --format json "$ANN" "$tmp/cr.mbox"
python3 - "$tmp/cr-only.out" <<'PY' || fail=1
import json, sys
got = json.load(open(sys.argv[1]))
ids = {e["message_id"]: e for e in got["ledger"]}
for mid in ("<cr1@digicert.com>", "<cr2@harica.gr>"):
    if mid not in ids or ids[mid]["vote"] != "yes":
        sys.exit(f"FAIL cr-only: {mid} not read as a yes vote: {ids.get(mid)}")
PY

# A 100 MB single line (the archive keeps 64 MiB, the decoder 64 KiB of it).
python3 - "$tmp/line.mbox" "$FROM" "$H" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write(sys.argv[2] + "\n" + sys.argv[3] + "\nMessage-ID: <line@digicert.com>\n\n")
    f.write("DigiCert votes yes on Ballot 187. ")
    chunk = "yes no abstain " * 4096
    for _ in range((100 << 20) // len(chunk)):
        f.write(chunk)
    f.write("\n")
PY
run long-line 0 'longer than 65536 bytes cut' -- tally --ballot 187 --active 20 "$ANN" "$tmp/line.mbox"
grep -q 'truncated' "$tmp/long-line.err" || { echo "FAIL long-line: no message-too-large warning"; fail=1; }
rm -f "$tmp/line.mbox"

# 10,000 nested multiparts, 100,000 parts side by side, 100,000 References,
# 200,000 header fields, a 20 MB header field.
python3 - "$tmp" "$FROM" "$H" <<'PY'
import sys
d, frm, h = sys.argv[1:4]
def w(name, mid, extra, body):
    with open(f"{d}/{name}", "w") as f:
        f.write(f"{frm}\n{h}\nMessage-ID: <{mid}@digicert.com>\n{extra}\n{body}")
n = 10000
body = "".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=b{i+1}\n\n" for i in range(n))
body += f"--b{n}\nContent-Type: text/plain\n\nDigiCert votes yes.\n--b{n}--\n"
body += "".join(f"--b{i}--\n" for i in range(n - 1, -1, -1))
w("nested.mbox", "nested", "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b0\n", body)
parts = "".join(f"--p\nContent-Type: text/plain\n\npart {i}\n" for i in range(100000)) + "--p--\n"
w("parts.mbox", "parts", "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=p\n", parts)
refs = " ".join(f"<r{i}@x>" for i in range(100000))
w("refs.mbox", "refs", f"References: {refs}\n", "DigiCert votes yes on Ballot 187.\n")
w("headers.mbox", "headers", "".join(f"X-H{i}: v\n" for i in range(200000)), "DigiCert votes yes.\n")
w("bigfield.mbox", "bigfield", "X-Big: " + "a" * (20 << 20) + "\n", "DigiCert votes yes.\n")
PY
run nested 0 'MIME parts' -- messages "$tmp/nested.mbox"
run parts 0 'more than 1000 MIME parts' -- messages "$tmp/parts.mbox"
run references 0 'References holds more than 1000 ids' -- messages "$tmp/refs.mbox"
run headers 0 'more than 1000 header fields' -- messages "$tmp/headers.mbox"
run big-field 0 'longer than 65536 bytes cut' -- messages "$tmp/bigfield.mbox"
for n in nested parts references headers big-field; do
	if [ "$(grep -c . "$tmp/$n.err")" -gt 20 ]; then
		echo "FAIL $n: more than 20 warning lines for one message"
		fail=1
	fi
done

# --- rosters ---------------------------------------------------------------
run roster-xml 65 'malformed.xml:[0-9]+: ' -- roster check "$FIX/roster/malformed.xml"
run roster-xml-tally 65 'malformed.xml' -- tally --ballot 187 --roster "$FIX/roster/malformed.xml" "$ANN"
run roster-schema 65 'bad-category.xml:[0-9]+: .*validate' -- roster check "$FIX/roster/bad-category.xml"
run roster-bomb 65 'entity declarations are not allowed' -- roster check "$FIX/roster/bomb.xml"
cat >"$tmp/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE roster [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<roster>
  <member id="x">
    <name>&xxe;</name>
    <domain>x.example</domain>
    <membership group="forum" category="issuer" from="2013-01-01"/>
  </member>
</roster>
XML
sed -e '2,4d' -e '1a <!DOCTYPE roster SYSTEM "file:///etc/passwd">' -e 's/&xxe;/Plain/' \
	"$tmp/xxe.xml" >"$tmp/xxe-dtd.xml"
run roster-xxe 65 'entity declarations are not allowed' -- roster check "$tmp/xxe.xml"
run roster-xxe-dtd any '' -- roster check "$tmp/xxe-dtd.xml"
for f in xxe xxe-dtd; do
	if grep -q 'root:' "$tmp/roster-$f.out" "$tmp/roster-$f.err"; then
		echo "FAIL roster-$f: /etc/passwd content in the output"
		fail=1
	fi
	# Proof that the file is never opened, where strace can run here.
	if strace -f -e trace=open,openat -o "$tmp/$f.trace" "$BIN" roster check "$tmp/$f.xml" \
		>/dev/null 2>&1 || [ -s "$tmp/$f.trace" ]; then
		if grep -q '"/etc/passwd"' "$tmp/$f.trace"; then
			echo "FAIL roster-$f: cabtally opened /etc/passwd"
			fail=1
		fi
	else
		echo "skip roster-$f: strace cannot run here; only the output was checked"
	fi
done

# --- posts -----------------------------------------------------------------
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
names = ", ".join(f"Member {i}" for i in range(10000))
with open(f"{d}/names.md", "w") as f:
    f.write("## Ballot Results\n\nThe voting period for Ballot SC23 has ended and the "
            "**Ballot has Passed**.\n\n**Voting by Certificate Issuers – 10000 votes total "
            "including abstentions**\n\n- **10000 Yes votes:** " + names + "\n- **0 No votes:**\n"
            "- **0 Abstain:**\n")
with open(f"{d}/big.md", "w") as f:
    f.write("## Ballot Results\n\nBallot SC23\n\n- **2 Yes votes:** DigiCert, HARICA\n")
    line = "Lorem ipsum dolor sit amet, yes votes no votes abstain 12 of 24. " * 15 + "\n"
    for _ in range((50 << 20) // len(line)):
        f.write(line)
PY
run post-names any '' -- check "$tmp/names.md"
run post-50mb 65 'too long for a result post' -- check "$tmp/big.md"
exit $fail
