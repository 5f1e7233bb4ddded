#!/usr/bin/env python3
"""Draft the bundled roster (data/roster.xml) and its evidence file
(data/roster-evidence.tsv) from the hand-written member table below and the
names the published result posts list (extract.py).

Dev-time helper: run it, review the diff of data/roster.xml by hand, commit.

    python3 scripts/roster/build.py [--check]

What is decided by hand (the MEMBERS table): which printed names are one
organisation, the display name on each date, aliases, mail domains, personal
addresses (from ../shared/reference/member-domains.tsv), category changes and
the few membership ends known from the public record. What is derived from
the posts: every membership interval (see docs/roster.md, "How the bundled
roster was built").
"""
import collections, datetime, os, re, sys, unicodedata
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, os.path.dirname(__file__))
import extract  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "../..")

# Margin before the first post a member appears in (the vote took place up to
# two months before a post, which may be a review notice) and after the last.
MARGIN_BEFORE = 62
MARGIN_AFTER = 183
# Members seen in a post after this day are taken to be members still.
STILL_MEMBER = "2024-11-17"
# When each group began taking ballots (its charter ballot passing).
GROUP_START = {"forum": "2013-01-01", "scwg": "2018-07-03", "cscwg": "2019-03-09",
               "smcwg": "2020-06-15", "netsec": "2021-12-28"}
REFORM = "2018-07-03"  # Bylaws 2.0: "CA"/"browser" become Issuer/Consumer

REF = "reference/member-domains.tsv"

# id: dict(names=[(from or None, name)], aliases=[...], cat='issuer'|'consumer',
#          domains=[(domain, from, until, evidence)], addresses=[(addr, from, until, evidence)],
#          until=YYYY-MM-DD (known end, evidence in 'note'), switch=[(date, cat)])
def M(names, aliases=(), cat="issuer", domains=(), addresses=(), **kw):
    if isinstance(names, str):
        names = [(None, names)]
    doms = [d if isinstance(d, tuple) else (d, None, None, "corporate domain") for d in domains]
    adds = [a if isinstance(a, tuple) else (a, None, None, REF) for a in addresses]
    return dict(names=names, aliases=list(aliases), cat=cat, domains=doms, addresses=adds, **kw)

MEMBERS = {
    "360": M([(None, "360 Browser"), ("2016-01-01", "Qihoo 360"), ("2017-04-01", "360")],
             ["Qihoo", "Qihoo 360 Browser"], "consumer", ["360.cn"]),
    "actalis": M("Actalis", ["Actalis S.p.A."], domains=["actalis.it"]),
    "amazon": M("Amazon", ["Amazon Trust Services"],
                domains=[("amazon.com", None, None, REF), ("amzn.com", None, None, REF), "amazontrust.com"]),
    "anf": M([(None, "ANF"), ("2017-01-01", "ANF Autoridad de Certificación")],
             ["ANF AC", "ANF Autoridad de Certif.", "ANF Autoridad de Certificacion"], domains=["anf.es"]),
    "apple": M("Apple", [], "consumer", [("apple.com", None, None, REF)]),
    "asseco": M([(None, "Certum"), ("2018-07-01", "Certum (Asseco)"),
                 ("2023-01-01", "Asseco Data Systems SA (Certum)")],
                ["Asseco", "Asseco (Certum)", "Asseco Data Systems", "Certum by Asseco"],
                domains=[("assecods.pl", None, None, REF), "certum.pl", "asseco.pl"]),
    "buypass": M("Buypass", ["Buypass AS"], domains=["buypass.no"]),
    "camerfirma": M("Camerfirma", ["AC Camerfirma", "AC Camerfirma SA"], domains=["camerfirma.com"]),
    "carillon": M("Carillon Information Security Inc.", ["Carillon", "Carillon Information Security"],
                  domains=["carillon.ca"]),
    "certigna": M("Certigna (DHIMYOTIS)", ["Certigna", "DHIMYOTIS"], domains=["certigna.com", "dhimyotis.com"]),
    "certinomis": M("Certinomis", [], domains=["certinomis.com"]),
    "certsign": M("certSIGN", [], domains=["certsign.ro"]),
    "cfca": M("CFCA", ["China Financial Certification Authority"], domains=["cfca.com.cn"]),
    "chunghwa": M("Chunghwa Telecom", ["Chungwa Telecom", "Chungwha", "Chunghwa", "Chungwha Telecom"],
                  domains=["cht.com.tw"]),
    "cisco": M([(None, "Cisco"), ("2025-01-01", "Cisco Systems")], ["Cisco Systems Inc."], "consumer",
               [("cisco.com", None, None, REF)],
               [("castillar@melete.org", None, None, REF)],
               switch=[(None, "issuer"), (REFORM, "consumer")]),
    "cnnic": M("CNNIC", ["China Internet Network Information Center"], domains=["cnnic.cn"]),
    "commscope": M("CommScope", [], domains=["commscope.com"]),
    "comodo-css": M("Comodo Security Solutions", ["Comodo Group Inc.", "Comodo Group", "CSS"], "consumer",
                    [("comodo.com", "2017-10-01", None, REF)]),
    "comsign": M("Comsign", [], domains=["comsign.co.il"]),
    "cybertrust-japan": M("Cybertrust Japan", [], domains=["cybertrust.co.jp"]),
    "d-trust": M("D-TRUST", ["D-Trust", "D-TRUST GmbH"], domains=["d-trust.net", "bdr.de"]),
    "darkmatter": M("DarkMatter", [], domains=["darkmatter.ae"]),
    "digicert": M("DigiCert", ["Digicert"], domains=[("digicert.com", None, None, REF)]),
    "digidentity": M("Digidentity", [], domains=["digidentity.eu"]),
    "disig": M("Disig", ["Disig a.s."], domains=["disig.sk"]),
    "docusign-france": M([(None, "OpenTrust"), ("2017-01-01", "DocuSign France")],
                         ["Opentrust", "DocuSign"],
                         domains=[("opentrust.com", None, None, REF), "docusign.com"]),
    "e-tugra": M("E-TUGRA", ["e-Tugra", "E-Tugra", "eTugra"], domains=["e-tugra.com.tr", "e-tugra.com"]),
    "emudhra": M("eMudhra", [], domains=["emudhra.com"]),
    "entrust": M([(None, "Entrust"), ("2016-10-01", "Entrust Datacard"), ("2021-03-01", "Entrust")],
                 ["Entrust Datacard", "Entrust Corporation"],
                 domains=[("entrust.com", None, None, REF), ("entrustdatacard.com", None, None, REF), "entrust.net",
                          ("corporate.datacard.com", None, None, REF)]),
    "fastly": M("Fastly", [], domains=[("fastly.com", None, None, REF)]),
    "firmaprofesional": M("Firmaprofesional", ["Firmaprofessional", "AC Firmaprofesional",
                                               "AC Firmaprofessional SA", "AC Firmaprofesional SA"],
                          domains=["firmaprofesional.com"]),
    "gdca": M("GDCA", ["Global Digital Cybersecurity Authority"], domains=[("gdca.com.cn", None, None, REF)]),
    "globalsign": M("GlobalSign", [], domains=[("globalsign.com", None, None, REF)]),
    "globaltrust": M("GlobalTrust", [], domains=["globaltrust.eu"]),
    "godaddy": M("GoDaddy", ["GoDaddy.com", "Go Daddy", "Goddaddy"], domains=[("godaddy.com", None, None, REF)]),
    "google": M("Google", ["Google Chrome", "Chrome"], "consumer",
                [("google.com", None, None, REF), ("chromium.org", None, None, REF)]),
    "harica": M("HARICA", ["Hellenic Academic and Research Institutions Certification Authority"],
                domains=[("harica.gr", None, None, REF), ("it.auth.gr", None, None, REF)],
                addresses=[("dzacharo@yahoo.com", None, None, REF)]),
    "identrust": M("IdenTrust", [], domains=["identrust.com"]),
    "itruschina": M("iTrusChina", ["iTrus China"], domains=["itrus.com.cn"]),
    "izenpe": M("Izenpe", ["Izenpe S.A."], domains=["izenpe.eus", "izenpe.com", "izenpe.net"]),
    "jprs": M([(None, "JPRS"), ("2025-01-01", "Japan Registry Services")], ["Japan Registry Services Co., Ltd."],
              domains=["jprs.co.jp"]),
    "kamusm": M([(None, "Kamu Sertifikasyon Merkezi"), ("2018-10-01", "Kamu SM")], ["KamuSM"],
                domains=["kamusm.gov.tr"]),
    "kpn": M("KPN Corporate Market", ["KPN"], domains=["kpn.com"]),
    "letsencrypt": M([(None, "Let’s Encrypt"), ("2021-01-01", "Let’s Encrypt / ISRG")],
                     ["Let's Encrypt", "ISRG", "Internet Security Research Group", "LE"],
                     domains=[("letsencrypt.org", None, None, REF), "abetterinternet.org"]),
    "logius": M("Logius PKIoverheid", ["Logius PKI", "Logius", "PKIoverheid"], domains=["logius.nl"]),
    "microsoft": M("Microsoft", [], "consumer", [("microsoft.com", None, None, REF)]),
    "mois": M("MOIS (Ministry of Interior and Safety) of the republic of Korea",
              ["MOIS", "Ministry of Interior and Safety"], domains=["mois.go.kr"]),
    "mozilla": M("Mozilla", [], "consumer", [("mozilla.org", None, None, REF), ("mozilla.com", None, None, REF)]),
    "msc-trustgate": M([(None, "MSC Trustgate"), ("2022-06-01", "MSC Trustgate Sdn Bhd")], [],
                       domains=["msctrustgate.com"]),
    "naver": M([(None, "NAVER"), ("2023-01-01", "NAVER Cloud"), ("2025-01-01", "NAVER Cloud Trust Services")],
               ["NAVER Business Platform"], domains=["navercorp.com", "navercloudcorp.com", "naver.com"]),
    "network-solutions": M("Network Solutions", [], domains=["networksolutions.com"]),
    "oati": M("OATI", ["Open Access Technology International"], domains=["oati.net", "oati.com"]),
    "oiste": M([(None, "OISTE"), ("2024-06-01", "OISTE Foundation")],
               ["OISTE Foundation/WiseKey", "WISeKey", "OISTE WISeKey"], domains=["oiste.org", "wisekey.com"]),
    "opera": M("Opera", [], "consumer", [("opera.com", None, None, REF)]),
    "quovadis": M("QuoVadis", ["Quo Vadis"], domains=["quovadisglobal.com"]),
    "rundquadrat": M("rundQuadrat", [], "consumer", ["rundquadrat.de"]),
    "secom": M([(None, "SECOM"), ("2025-01-01", "SECOM Trust Systems")], ["SECOM Trust"],
               domains=["secomtrust.net", "secom.co.jp"]),
    "sectigo": M([(None, "Comodo"), ("2018-01-01", "Comodo CA"), ("2018-11-01", "Sectigo (former Comodo CA)"),
                  ("2020-01-01", "Sectigo")], [],
                 domains=[("sectigo.com", None, None, REF), ("comodo.com", None, "2019-01-01", REF),
                          ("comodoca.com", None, None, "corporate domain")]),
    "sheca": M("SHECA", ["Shanghai Electronic Certificate Authority"], domains=["sheca.com"]),
    "sk": M([(None, "Sertifitseerimiskeskus"), ("2017-01-01", "AS Sertifitseerimiskeskus"),
             ("2017-03-01", "Sertifitseerimiskeskus"), ("2018-06-01", "SK ID Solution")],
            ["SK ID Solutions", "Sertifit"], domains=["sk.ee", "skidsolutions.eu"]),
    "ssc": M("SSC", ["SSC Lithuania"], domains=[("ssc.lt", None, None, REF)]),
    "sslcom": M("SSL.com", [], domains=["ssl.com"]),
    "startcom": M("StartCom", [], domains=["startcomca.com", "startssl.com"]),
    "swisssign": M("SwissSign", ["SwissSign AG"], domains=["swisssign.com"]),
    "symantec": M("Symantec", [], domains=[("symantec.com", None, None, REF)], until="2017-12-01"),
    "telia": M("Telia Company", ["Telia"], domains=["teliacompany.com", "telia.com", "telia.fi"]),
    "trendmicro": M("Trend Micro", [], domains=[("trendmicro.com", None, None, REF)]),
    "trustasia": M("TrustAsia", [], domains=["trustasia.com"]),
    "trustcor": M("TrustCor", ["TrustCor Systems"], domains=["trustcor.ca", "trustcor.com"]),
    "trustis": M("Trustis", [], domains=["trustis.com"]),
    "turktrust": M("TURKTRUST", [], domains=["turktrust.com.tr"]),
    "twca": M("TWCA", ["TAIWAN-CA", "Taiwan-CA Inc."], domains=["twca.com.tw"]),
    "vikingcloud": M([(None, "Trustwave"), ("2018-12-01", "SecureTrust (former Trustwave)"),
                      ("2021-01-01", "SecureTrust"), ("2023-02-01", "VikingCloud")],
                     ["Viking Cloud"],
                     domains=[("trustwave.com", None, None, REF), ("securetrust.com", None, None, REF),
                              "vikingcloud.com"]),
    "visa": M("Visa", [], domains=["visa.com"]),
    "wosign": M("WoSign", [], domains=["wosign.com"]),
    "zertificon": M("Zertificon", ["Zertificon Solutions"], "consumer", ["zertificon.com"]),
}

# Names printed in posts that are mistakes of the post, not spellings of a
# member (also listed in tests/test_roster_corpus.c).
MISTAKES = {"SttartCom", "Buypass Chunghwa Telecom"}


def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().strip()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def all_names(m):
    return [n for _, n in m["names"]] + m["aliases"]


def index():
    idx = {}
    for mid, m in MEMBERS.items():
        for n in all_names(m):
            k = norm(n)
            if k in idx and idx[k] != mid:
                sys.exit(f"name {n!r} used by {idx[k]} and {mid}")
            idx[k] = mid
    return idx


def segment(text, idx):
    """Split glued names ('DigiCerteMudhraEntrust') by the longest known name."""
    t, out = norm(text), []
    while t:
        best = max((k for k in idx if t.startswith(k)), key=len, default=None)
        if not best:
            return None
        out.append(best)
        t = t[len(best):]
    return out


def day(s, delta=0):
    return (datetime.date.fromisoformat(s) + datetime.timedelta(days=delta)).isoformat()


def category(m, date):
    cat = m["cat"]
    for since, c in m.get("switch", []):
        if since is None or date >= since:
            cat = c
    return cat


def main():
    idx = index()
    seen = collections.defaultdict(list)   # (mid, group, cat) -> [(date, file, printed)]
    printed = collections.defaultdict(dict)  # mid -> printed name -> (date, file)
    unresolved = []
    for f in sorted(os.listdir(extract.CORPUS)):
        if not f.endswith(".md"):
            continue
        date, group, res = extract.parse_post(os.path.join(extract.CORPUS, f))
        for cat, _vote, name in res:
            if name in MISTAKES:
                continue
            mid = idx.get(norm(name))
            parts = [mid] if mid else [idx[k] for k in (segment(name, idx) or [])]
            if not parts:
                unresolved.append((f, name))
                continue
            for mid in parts:
                m = MEMBERS[mid]
                c = cat or category(m, date)
                if c != category(m, date):
                    print(f"warning: {f}: {name} listed as {c}, roster says {category(m, date)}",
                          file=sys.stderr)
                seen[(mid, group, c)].append((date, f, name))
                if mid == idx.get(norm(name)):
                    printed[mid].setdefault(norm(name), (date, f))
    for f, n in unresolved:
        print(f"unresolved: {f}: {n!r}", file=sys.stderr)
    last_post = max(d for v in seen.values() for d, _, _ in v)
    xml, ev = [], ["member\tkind\tvalue\tdate\tevidence"]
    xml.append('<?xml version="1.0" encoding="UTF-8"?>')
    xml.append("<!-- The CA/Browser Forum's voting members 2013-2025, built from the published")
    xml.append("     ballot results (scripts/roster/build.py, reviewed by hand). Evidence for every")
    xml.append("     name and membership: roster-evidence.tsv; how intervals were drawn: docs/roster.md. -->")
    xml.append('<roster>')
    for mid in sorted(MEMBERS):
        m = MEMBERS[mid]
        xml.append(f'  <member id="{mid}">')
        for since, n in m["names"]:
            attr = f' from="{since}"' if since else ""
            xml.append(f"    <name{attr}>{escape(n)}</name>")
            d, f = printed[mid].get(norm(n), ("", "not printed in a result post: " + (m.get("note") or "official name")))
            ev.append(f"{mid}\tname\t{n}\t{d}\t{f}")
        for a in m["aliases"]:
            xml.append(f"    <alias>{escape(a)}</alias>")
            if norm(a) in printed[mid]:
                d, f = printed[mid][norm(a)]
                ev.append(f"{mid}\talias\t{a}\t{d}\t{f}")
        for dom, fr, un, src in m["domains"]:
            attr = (f' from="{fr}"' if fr else "") + (f' until="{un}"' if un else "")
            xml.append(f"    <domain{attr}>{dom}</domain>")
            ev.append(f"{mid}\tdomain\t{dom}\t\t{src}")
        for a, fr, un, src in m["addresses"]:
            attr = (f' from="{fr}"' if fr else "") + (f' until="{un}"' if un else "")
            xml.append(f"    <address{attr}>{a}</address>")
            ev.append(f"{mid}\taddress\t{a}\t\t{src}")
        ms = memberships(mid, m, seen, last_post, ev)
        for g, c, fr, un in ms:
            attr = f' from="{fr}"' + (f' until="{un}"' if un else "")
            xml.append(f'    <membership group="{g}" category="{c}"{attr}/>')
        xml.append("  </member>")
    xml.append("</roster>")
    out = "\n".join(xml) + "\n"
    evs = "\n".join(ev) + "\n"
    if "--check" in sys.argv:
        cur = open(os.path.join(ROOT, "data/roster.xml"), encoding="utf-8").read()
        sys.exit(0 if cur == out else "data/roster.xml differs from the draft")
    open(os.path.join(ROOT, "data/roster.xml"), "w", encoding="utf-8").write(out)
    open(os.path.join(ROOT, "data/roster-evidence.tsv"), "w", encoding="utf-8").write(evs)


def memberships(mid, m, seen, last_post, ev):
    """One interval per group (split where the category changes), from the
    first post that lists the member to the last, with margins."""
    bygroup = collections.defaultdict(list)
    for (mm, g, c), hits in seen.items():
        if mm == mid:
            bygroup[g] += hits
    # The Forum's own membership is the union of every group's.
    allhits = sorted(h for hs in bygroup.values() for h in hs)
    if allhits:
        bygroup["forum"] = allhits
    out = []
    for g in ("forum", "scwg", "cscwg", "smcwg", "netsec"):
        hits = sorted(bygroup.get(g, []))
        if not hits:
            continue
        first, last = hits[0], hits[-1]
        fr = max(GROUP_START[g], day(first[0], -MARGIN_BEFORE))
        un = None if last[0] >= STILL_MEMBER else day(last[0], MARGIN_AFTER)
        if m.get("until") and (un is None or m["until"] < un):
            un = m["until"]
        ev.append(f"{mid}\tmembership {g} first\t{first[2]}\t{first[0]}\t{first[1]}")
        ev.append(f"{mid}\tmembership {g} last\t{last[2]}\t{last[0]}\t{last[1]}")
        cuts = [s for s, _ in m.get("switch", []) if s and fr < s and (un is None or s < un)]
        bounds = [fr] + cuts + [un]
        for a, b in zip(bounds, bounds[1:]):
            out.append((g, category(m, a), a, b))
    return out


if __name__ == "__main__":
    main()
