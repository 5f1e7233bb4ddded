#!/bin/bash
# Peer suite: CPython's own email test messages (test/test_email/data/msg_*.txt,
# Debian package libpython3.11-testsuite, installed by scripts/install-deps).
# Every message must decode without a crash, and the subject, the sender's
# address and the text/plain body (whitespace-normalized) must be what
# Python's email package (policy=email.policy.default) gives, unless the
# difference is in the reasoned allow-list below.
set -u
bin=${CABTALLY_BIN:?}
data=${CABTALLY_CPYTHON_EMAIL_DATA:-/usr/lib/python3.11/test/test_email/data}
if [ ! -d "$data" ]; then
	echo "SKIP: $data is absent (install libpython3.11-testsuite: scripts/install-deps)"
	exit 0
fi
command -v python3 >/dev/null || { echo "FAIL: python3 is needed for this test"; exit 1; }

python3 - "$bin" "$data" <<'PY'
import email, email.policy, glob, json, os, subprocess, sys

bin, data = sys.argv[1], sys.argv[2]

# (file, field): why we differ on purpose. Every entry must name a reason a
# reviewer can check against the message.
ALLOWED = {
    ("msg_43.txt", "sender"):
        "From: 'MAILER DAEMON <>' is the null address; Python prints it as '<>', "
        "we take the envelope sender of the From_ line (warning no-from)",
}

def norm(s):
    return " ".join((s or "").split())

def python_view(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    view = {}
    try:
        view["subject"] = norm(str(msg["subject"]) if msg["subject"] is not None else "")
    except Exception:
        pass  # Python cannot decode it either: nothing to compare
    try:
        addrs = msg["from"].addresses if msg["from"] is not None else ()
        view["sender"] = addrs[0].addr_spec.lower() if addrs else ""
    except Exception:
        pass
    try:
        part = msg.get_body(preferencelist=("plain",))
        if part is not None:
            view["body"] = norm(part.get_content())
    except Exception:
        pass
    return view

def our_view(path):
    p = subprocess.run([bin, "messages", "--quiet", "--full-body", "--format", "json", path],
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        return None, "exit status %d: %s" % (p.returncode, p.stderr.decode(errors="replace")[:200])
    lines = p.stdout.splitlines()
    if len(lines) != 1:
        return None, "%d records instead of 1" % len(lines)
    r = json.loads(lines[0])
    return {"subject": norm(r["subject"]), "sender": r["from"]["address"],
            "body": norm(r["body"])}, None

files = sorted(glob.glob(os.path.join(data, "msg_*.txt")))
if not files:
    print("FAIL: no msg_*.txt in", data)
    sys.exit(1)
agreed = disagreed = allowed = 0
bad = []
for path in files:
    name = os.path.basename(path)
    ours, crash = our_view(path)
    if crash:
        bad.append("%s: %s" % (name, crash))
        disagreed += 1
        continue
    py = python_view(path)
    diffs = []
    for field, want in py.items():
        got = ours[field]
        if got == want:
            continue
        if (name, field) in ALLOWED:
            allowed += 1
            print("allowed %s %s: %s" % (name, field, ALLOWED[(name, field)]))
            continue
        i = 0
        while i < min(len(got), len(want)) and got[i] == want[i]:
            i += 1
        diffs.append("%s %s differs at %d: python %r, cabtally %r" %
                     (name, field, i, want[max(0, i - 20):i + 60], got[max(0, i - 20):i + 60]))
    if diffs:
        disagreed += 1
        bad.extend(diffs)
    else:
        agreed += 1
for (name, field), why in ALLOWED.items():
    if not os.path.exists(os.path.join(data, name)):
        print("note: allow-list entry for missing %s" % name)
print("cpython email data: %d messages, %d agreed, %d disagreed, %d allowed differences"
      % (len(files), agreed, disagreed, allowed))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
