#!/usr/bin/env python3
"""Draft helper: list the member names each published result post gives,
per category and vote. Output TSV: file date group ballot category vote name.

Dev-time only (the roster is reviewed by hand); the C test
tests/test_roster_corpus.c carries the same rules."""
import os, re, sys

CORPUS = os.environ.get("CORPUS", os.path.join(os.path.dirname(__file__),
                        "../../../shared/corpus/published-results"))

VOTE_WORDS = [("abstain", r"abstain|abstention|abstaining"),
              ("no", r"\bno\b|\bnay\b|against|opposed"),
              ("yes", r"\byes\b|\byea\b|in favou?r")]

def vote_of(label):
    l = label.lower()
    for v, pat in VOTE_WORDS:
        if re.search(pat, l):
            return v
    return None

def cat_of(text):
    l = text.lower()
    if re.search(r"\b(cas?|ca’s|ca's|issuers?)\b", l) or "certificate issuer" in l:
        return "issuer"
    if re.search(r"\b(browsers?|consumers?)\b", l):
        return "consumer"
    return None

GROUPS = {"forum": "forum", "sc": "scwg", "csc": "cscwg", "cscwg": "cscwg", "smc": "smcwg",
          "smcwg": "smcwg", "ns": "netsec", "nswg": "netsec"}

def group_of(title, fname):
    """The group of the first ballot id in the title (else the file name);
    plain numbers are Forum ballots."""
    for t in (title, fname):
        m = re.search(r"(?<![a-z])(forum|cscwg|csc|smcwg|smc|nswg|ns|sc)[ -]?0*[0-9]+", t, re.I)
        if m:
            return GROUPS[m.group(1).lower()]
    return "forum"

LABEL_WORDS = set("""yes no abstain abstains abstaining abstention abstentions abstained
yea nay vote votes voting in favor favour against opposed to ca cas ca’s ca's browser browsers
certificate issuers consumers issuer consumer members on public list were from received the we
there zero and voted one two three four five six seven eight nine ten eleven twelve""".split())

def is_vote_label(label):
    if not vote_of(label):
        return False
    words = re.sub(r"\([0-9]+\)|[0-9]+|[“”\"]", " ", label.lower()).split()
    return all(w in LABEL_WORDS for w in words)

def split_names(s):
    s = s.strip()
    s = re.sub(r"^\(\s*[0-9]+\s*\)\s*", "", s)
    out, depth, cur = [], 0, ""
    i = 0
    while i < len(s):
        c = s[i]
        if c == "(": depth += 1
        if c == ")": depth = max(0, depth - 1)
        if depth == 0 and c in ",;":
            out.append(cur); cur = ""; i += 1; continue
        if depth == 0 and s[i:i+5].lower() == " and ":
            out.append(cur); cur = ""; i += 5; continue
        cur += c; i += 1
    out.append(cur)
    names = []
    for n in out:
        n = n.strip().strip("*_").strip()
        n = re.sub(r"^(and|&)\s+", "", n)
        n = n.rstrip(".").strip()
        if not n or n.lower() in ("none", "n/a", "-"):
            continue
        names.append(n)
    return names

def clean(line):
    line = line.replace("**", "").replace("\u00a0", " ")
    line = re.sub(r"(^|\s)_|_(\s|$)", r"\1\2", line)
    line = re.sub(r"^\s*(?:(?:[-*–·•o]|[0-9]+\.)\s+)+", "", line)
    return line.strip()

PROSE = [
    # (regex, vote, category from group n or None)
    (r"received (?:[“\"]?yes[”\"]? votes|votes in favou?r) from:?\s*(.+)", "yes"),
    (r"voted in favou?r\s*[–-]\s*(.+)", "yes"),
    (r"voting in favou?r were:?\s*(.+)", "yes"),
    (r"[“\"]yes[”\"] votes were cast by\s*(.+)", "yes"),
    (r"[“\"]no[”\"] votes were cast by\s*(.+)", "no"),
    (r"[“\"]no[”\"] votes (?:by|from):?\s*(.+)", "no"),
    (r"abstentions were submitted by\s*(.+)", "abstain"),
    (r"^(.+?) abstained$", "abstain"),
    (r"^(.+?) voted [“\"]?no[”\"]?$", "no"),
]

def parse_post(path):
    text = open(path, encoding="utf-8").read()
    fm, body = {}, text
    m = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S)
    if m:
        body = m.group(2)
        for l in m.group(1).splitlines():
            mm = re.match(r"(\w+):\s*(.*)", l)
            if mm: fm[mm.group(1)] = mm.group(2).strip().strip("'\"")
    date = fm.get("date", "")
    mm = re.match(r"([0-9]{4})-([A-Za-z]+)-([0-9]{2})", date)
    if mm:
        months = ["jan","feb","mar","apr","may","jun","jul","aug","sep","oct","nov","dec"]
        date = "%s-%02d-%s" % (mm.group(1), months.index(mm.group(2)[:3].lower()) + 1, mm.group(3))
    date = date[:10]
    group = group_of(fm.get("title", ""), os.path.basename(path))
    res = []
    cat = None
    lines = body.splitlines()
    table_cols = None
    mangled = False   # a table whose cells lost their separators
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        bare = re.sub(r"[|*]", " ", line).strip()
        if re.match(r"^(yes|no|abstain)$", bare, re.I):
            mangled = True
            continue
        if mangled:
            if line.startswith("#") or re.match(r"^(the|this) ballot", bare, re.I):
                mangled = False
            elif re.match(r"^certificate (issuers|consumers)$", bare, re.I):
                cat = cat_of(bare)
                continue
            elif bare:
                for n in split_names(bare):
                    res.append((cat, None, n))
                continue
            else:
                continue
        if re.search(r"motion begins|^#+ *ballot content|^#+ *motion", line, re.I):
            cat = None
        # markdown table header with vote columns
        if raw.lstrip().startswith("|"):
            cells = [clean(c) for c in raw.strip().strip("|").split("|")]
            low = [c.lower() for c in cells]
            if "yes" in low and "abstain" in low:
                table_cols = [vote_of(c) if c else None for c in cells]
                continue
            if table_cols and len(cells) == 1 and cat_of(cells[0]):
                cat = cat_of(cells[0])
                mangled = True
                continue
            if table_cols and cells and cat_of(cells[0]) and len(cells) > 1:
                c = cat_of(cells[0])
                for i, cell in enumerate(cells[1:], 1):
                    v = table_cols[i] if i < len(table_cols) else None
                    for n in split_names(cell):
                        res.append((c, v, n))
                continue
        # "N “yes” votes from CAs (A, B) and N “no” votes from Browsers (C and D)"
        hits = re.findall(r"[“\"]?(yes|no|abstain)[”\"]? votes? from (CAs|Browsers) \(([^)]*)\)", line, re.I)
        if hits:
            for v, c, lst in hits:
                for n in split_names(lst):
                    res.append((cat_of(c), v.lower(), n))
            continue
        # "17 YES votes from CA members: A, …, W and 3 YES votes from Browser members: X, Y"
        hits = re.findall(r"(yes|no|abstain) votes? (?:were received )?from (CA|Browser) members:? (.*?)(?= and [0-9]+ (?:yes|no|abstain)|$)", line, re.I)
        if hits:
            for v, c, lst in hits:
                for n in split_names(lst):
                    res.append(("issuer" if c.lower() == "ca" else "consumer", v.lower(), n))
            continue
        # "Label: names" or "Label – names"
        m = re.match(r"^([^:–]{1,80}?)\s*(?::|\s[–-]\s)\s*(.*)$", line)
        if m and is_vote_label(m.group(1)):
            label = m.group(1)
            v = vote_of(label)
            c = cat_of(label) or cat
            for n in split_names(m.group(2)):
                res.append((c, v, n))
            continue
        if re.search(r"quorum was|votes were cast", line, re.I) and not re.search(r"abstained|voted no", line, re.I):
            pass
        # prose sentences
        for sent in re.split(r"(?<=[.!])\s+", line):
            sent = sent.strip().rstrip(".").strip()
            for pat, v in PROSE:
                mm = re.search(pat, sent, re.I)
                if mm:
                    lst = mm.group(1)
                    if re.match(r"^([0-9]+|none|there|therefore|ballot|the ballot)\b", lst.strip(), re.I) or \
                       re.search(r"\b(voted|were|was|votes)\b", lst, re.I):
                        break
                    for n in split_names(lst):
                        res.append((None if cat is None else cat, v, n))
                    break
        heads = re.findall(r"(?:voting|votes?) by (cas|browsers|certificate issuers|certificate consumers)", line, re.I)
        if heads:
            cat = cat_of(heads[-1])
            continue
        c2 = cat_of(line)
        if c2 and len(line) < 90 and not re.search(r"[0-9]+ (yes|no)", line, re.I):
            cat = c2
    return date, group, res

def main():
    files = sorted(os.listdir(CORPUS))
    for f in files:
        if not f.endswith(".md"): continue
        date, group, res = parse_post(os.path.join(CORPUS, f))
        if not res:
            print(f"{f}\t{date}\t{group}\t-\t-\t-")
        for c, v, n in res:
            print(f"{f}\t{date}\t{group}\t{c or '?'}\t{v or '?'}\t{n}")

if __name__ == "__main__":
    main()
