#!/usr/bin/env python3
"""Build the seed corpora fuzzers/corpus/<target>/seed-* from our fixtures.

Run from anywhere: python3 fuzzers/build-corpus.py. Seeds are rewritten,
every other file (crash-*, the minimized corpus a fuzzing run merged in) is
kept. Seeds are small (at most 64 KiB each) and come only from fixtures/
and tests/golden/, never from ../shared (real mail stays out of the tree).
"""
import email
import email.policy
import hashlib
import mailbox
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")
CORPUS = os.path.join(ROOT, "fuzzers", "corpus")
MAX = 64 * 1024


def files(sub, pattern=r".*"):
    d = os.path.join(FIX, sub)
    for n in sorted(os.listdir(d)):
        if re.fullmatch(pattern, n) and os.path.isfile(os.path.join(d, n)):
            yield os.path.join(d, n)


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Corpus:
    def __init__(self, target):
        self.dir = os.path.join(CORPUS, target)
        os.makedirs(self.dir, exist_ok=True)
        for n in os.listdir(self.dir):
            if n.startswith("seed-"):
                os.remove(os.path.join(self.dir, n))
        self.seen = set()

    def add(self, name, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        data = data[:MAX]
        h = hashlib.sha1(data).hexdigest()
        if h in self.seen:
            return
        self.seen.add(h)
        name = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:60]
        with open(os.path.join(self.dir, f"seed-{name}"), "wb") as f:
            f.write(data)


def mbox_messages(path):
    """(name, raw bytes) of every message, From_ line excluded."""
    data = read(path)
    parts = re.split(rb"(?:^|\n\n)(?=From \S+ .*\d\d:\d\d)", data)
    base = os.path.basename(path)
    out = []
    for i, p in enumerate(x for x in parts if x.strip()):
        if p.startswith(b"From "):
            p = p.split(b"\n", 1)[1] if b"\n" in p else b""
        out.append((f"{base}-{i:02d}", p))
    return out


def main():
    ballots = list(files("ballots", r".*\.mbox")) + list(files("ballots", r".*\.txt"))
    archives = list(files("archive"))
    mail = list(files("mail", r".*\.eml"))
    votes = list(files("votes", r".*\.txt"))

    c = Corpus("archive")
    for p in archives:
        c.add(os.path.basename(p), read(p))
    for p in ballots:
        d = read(p)
        # the first few messages keep each seed small
        cut = [m.start() for m in re.finditer(rb"\n\nFrom ", d)]
        c.add(os.path.basename(p), d[: cut[3] + 1] if len(cut) > 3 else d)
    c.add("all.mbox", read(os.path.join(FIX, "mail", "all.mbox")))

    c = Corpus("archive_gzip")
    for p in archives:
        if not p.endswith(".gz"):
            c.add(os.path.basename(p), read(p))
    c.add("all.mbox", read(os.path.join(FIX, "mail", "all.mbox")))

    c = Corpus("message")
    for p in mail:
        c.add(os.path.basename(p), read(p))
    msgs = []
    for p in files("ballots", r".*\.mbox"):
        msgs += mbox_messages(p)
    for name, raw in msgs:
        c.add(name, raw)

    c = Corpus("html")
    for name, raw in [(os.path.basename(p), read(p)) for p in mail] + msgs:
        m = email.message_from_bytes(raw, policy=email.policy.compat32)
        for i, part in enumerate(m.walk()):
            if part.get_content_type() == "text/html":
                c.add(f"{name}-{i}.html", part.get_payload(decode=True) or b"")

    c = Corpus("fresh")
    for p in votes:
        c.add(os.path.basename(p), read(p))

    c = Corpus("vote")
    subjects = ["Re: [cabfpub] Ballot 187 - Make CAA Checking Mandatory",
                "Re: [Servercert-wg] Voting Period Begins: Ballot SC23 - Precertificates",
                "RE: [Servercert-wg] [Voting Period Begins] Ballot SC-064 - Yes"]
    for i, p in enumerate(votes):
        c.add(os.path.basename(p), subjects[i % 3].encode() + b"\n" + read(p))
    for line in ["DigiCert votes yes on Ballot 187", "Yes on 194, no on 195",
                 "Microsoft: Yes", "we would vote yes, provided that it is fixed",
                 "+1", "GlobalSign Abstains.", "No comment", "Yes?"]:
        c.add(line, subjects[0] + "\n" + line + "\n")

    c = Corpus("ballot_id")
    ids = ["187", "SC23", "SC-023", "SMC08", "CSC-19", "NS-003", "FORUM-17",
           "Forum-18v3", "SMC01v3", "CSCWG-19", "Ballot [85]", "Ballot Forum 16",
           "SC-0XX", "ns1.example.com", "section 3.2.2.4", "RFC 5280",
           "Ballots CSC-21 and CSC-22", "Ballot 194 - Effective Date of Ballot 193"]
    for s in ids:
        c.add(s, s)
    for name, raw in msgs:
        m = email.message_from_bytes(raw, policy=email.policy.compat32)
        if m["Subject"]:
            c.add("subj-" + name, str(m["Subject"]))

    c = Corpus("ballot_period")
    for p in files("ballots", r"announce-.*\.txt"):
        c.add(os.path.basename(p), read(p))
    for name, raw in msgs:
        m = email.message_from_bytes(raw, policy=email.policy.compat32)
        if re.search(r"voting period", str(m["Subject"] or ""), re.I):
            for part in m.walk():
                if part.get_content_type() == "text/plain":
                    c.add(name, part.get_payload(decode=True) or b"")

    c = Corpus("date")
    dates = set()
    for name, raw in msgs + [(os.path.basename(p), read(p)) for p in mail]:
        m = email.message_from_bytes(raw, policy=email.policy.compat32)
        if m["Date"]:
            dates.add(str(m["Date"]))
    for p in ballots + archives:
        for line in read(p).split(b"\n"):
            if line.startswith(b"From "):
                dates.add(line.decode("latin-1"))
    dates |= {"2019-11-07", "2019-11-07T03:00:00Z", "2019-11-07T03:00+05:30",
              "Thu, 2 Mar 2017 09:14:00 +0000", "2 Mar 17 09:14 EST",
              "Thu Mar  2 09:14:00 2017", "Mon, 32 Feb 2017 25:61:61 -9999"}
    dates = sorted(dates)
    step = max(1, len(dates) // 60)  # a spread of forms, not every message
    for i, d in enumerate(dates[::step]):
        c.add(f"{i:03d}", d)

    c = Corpus("roster")
    for p in files("roster", r".*\.xml"):
        c.add(os.path.basename(p), read(p))

    c = Corpus("post")
    for p in files("posts"):
        c.add(os.path.basename(p), read(p))
    g = os.path.join(ROOT, "tests", "golden")
    for n in sorted(os.listdir(g)):
        c.add(n, read(os.path.join(g, n)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
