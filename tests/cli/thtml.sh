#!/usr/bin/env bash
# The HTML pages in a real browser. The unit test's driver writes the pages
# of an SC23-like ballot, a failed one, one whose names and evidence carry
# markup, and a voting record of four ballots (test_render_html
# --write-pages); when `cabtally tally` offers --format html, the SC23 and
# --all pages of the fixture archives are added. Headless Chromium takes a
# desktop (1280x900) and a phone (390x844) screenshot of each, which must not
# be blank, and dumps the DOM, which must hold the counts and names and no
# element that came from mail.
#
# Installs nothing: uses chromium when present (scripts/install-deps installs
# it) and is skipped, with a message, only when it is absent.
# CABTALLY_UPDATE_SCREENSHOTS=1 copies the SC23 desktop screenshot to
# docs/screenshot-sc23.png.
set -u
BIN=${CABTALLY_BIN:?}
FIX=${CABTALLY_FIXTURES:?}
HERE=$(cd "$(dirname "$0")" && pwd)
DOCS=$HERE/../../docs
DRIVER=$(dirname "$BIN")/tests/test_render_html

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
	for c in /usr/bin/chromium /usr/bin/chromium-browser; do
		[ -x "$c" ] && CHROMIUM=$c && break
	done
fi
if [ -z "$CHROMIUM" ]; then
	echo "skip: chromium is not installed (scripts/install-deps installs it); the HTML pages were not rendered in a browser"
	exit 0
fi
if [ ! -x "$DRIVER" ]; then
	echo "FAIL: $DRIVER is missing (build the test_render_html target)"
	exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$DRIVER" --write-pages "$tmp" || { echo "FAIL: $DRIVER --write-pages exited non-zero"; exit 1; }
pages="sc23 failed hostile all"

# The program's own pages, once `tally` offers the format.
if "$BIN" tally --quiet --ballot SC23 --attendance 20 --format html -o "$tmp/cli-sc23.html" \
	"$FIX/ballots/sc23.mbox" 2>"$tmp/err"; then
	pages="$pages cli-sc23"
	if "$BIN" tally --quiet --all --format html -o "$tmp/cli-all.html" "$FIX"/ballots/*.mbox \
		2>"$tmp/err"; then
		pages="$pages cli-all"
	else
		echo "FAIL cli-all: tally --all --format html exited non-zero:"
		cat "$tmp/err"
		fail=1
	fi
elif grep -q "unknown format 'html'" "$tmp/err"; then
	echo "note: cabtally tally does not offer --format html yet; checking the renderer's pages only"
else
	echo "FAIL cli-sc23: tally --format html exited non-zero:"
	cat "$tmp/err"
	fail=1
fi

browser() { # args... (a fresh profile each time)
	local profile
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-quic --disable-extensions --hide-scrollbars --user-data-dir="$profile" "$@" \
		2>>"$tmp/chromium.log"
}

for page in $pages; do
	url="file://$tmp/$page.html"
	for size in desktop:1280,900 phone:390,844; do
		name=${size%%:*}
		png="$tmp/$page-$name.png"
		browser --screenshot="$png" --window-size="${size#*:}" "$url" >/dev/null
		if [ ! -s "$png" ]; then
			echo "FAIL $page $name: no screenshot"
			tail -5 "$tmp/chromium.log"
			fail=1
		fi
	done
	browser --dump-dom "$url" >"$tmp/$page.dom"
	if [ ! -s "$tmp/$page.dom" ]; then
		echo "FAIL $page: empty DOM dump"
		tail -5 "$tmp/chromium.log"
		fail=1
	fi
done

python3 - "$tmp" $pages <<'PY' || fail=1
import html, re, struct, sys, zlib

def pixels(path):
    """Width, height and the number of distinct colours of a PNG (sampled)."""
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or interlace or ctype not in (2, 6):
        raise ValueError('unexpected PNG format %r' % (hdr,))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b''.join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    seen = set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 3 == 0:
            for x in range(0, stride, bpp * 2):
                seen.add(bytes(line[x:x + 3]))
        prev = line
    return w, h, len(seen)

def text(dom):
    """The DOM's text, tags dropped and spaces collapsed."""
    t = re.sub(r'<style>.*?</style>', ' ', dom, flags=re.S)
    t = re.sub(r'<[^>]+>', ' ', t)
    return re.sub(r'\s+', ' ', html.unescape(t))

SC23_NAMES = ['Buypass', 'CFCA', 'Chunghwa Telecom', 'Sectigo (former Comodo CA)', 'D-TRUST',
              'DigiCert', 'Disig', 'Entrust Datacard', 'GDCA', 'GlobalSign', 'GoDaddy', 'HARICA',
              'Let’s Encrypt', 'SHECA', 'SecureTrust (former Trustwave)', 'Cisco', 'Google',
              'Microsoft', 'Mozilla', 'Actalis', 'TrustCor', 'Izenpe']
SC23 = {
    'text': ['Ballot SC23 v3', 'Precertificates', 'Passed', '15 yes · 0 no · 0 abstain',
             '4 yes · 0 no · 0 abstain', 'two-thirds: 10 yes needed', 'more than half: 3 yes needed',
             'quorum: 11', '19 participants', 'Late votes', 'Ledger'] + SC23_NAMES,
    'dom': [('<tr class="st-counted">', 19), ('<tr class="st-late">', None)],
}
EXPECT = {
    'sc23': SC23,
    'cli-sc23': SC23,
    'failed': {
        'text': ['Ballot SC41', 'Failed', '2 yes · 2 no · 1 abstain', 'two-thirds: 3 yes needed',
                 'NOT MET', 'needs 2 more yes votes', 'Sectigo', 'Buypass', 'Apple', 'Disig'],
        'dom': [('<tr class="st-counted">', 8)],
    },
    'hostile': {
        'text': ["<script>alert('name')</script>", 'Evil "quote" & <b>bold</b>',
                 '</td></tr></table><iframe'],
        'dom': [("&lt;script&gt;alert('name')&lt;/script&gt;", None), ('<tr class="st-counted">', 3)],
    },
    'all': {
        'text': ['Voting record', '4 ballots', 'SC23 v3', 'SC41', 'SC55', 'SC60', 'No period (1)',
                 'DigiCert issuer Y Y Y Y 4 of 4', 'Google consumer Y N Y · 3 of 4',
                 'Actalis issuer L · · · 0 of 4', '15 / 0 / 0', '19 / 11'],
        'dom': [('<details class="card ballot"', 4)],
    },
    'cli-all': {
        'text': ['Voting record', '3 ballots', '187', 'SC23', 'SC64', 'Precertificates',
                 'Make CAA Checking Mandatory', 'Mozilla', 'Google', 'Let’s Encrypt'],
        'dom': [('<details class="card ballot"', 3)],
    },
}
# Elements and attributes that load or run something; text from mail that
# looks like them is escaped, so only real tags are looked at.
FORBIDDEN_TAGS = {'script', 'iframe', 'img', 'link', 'object', 'embed', 'image', 'use', 'frame'}

tmp, pages = sys.argv[1], sys.argv[2:]
bad = 0
for page in pages:
    for name, (w, h) in (('desktop', (1280, 900)), ('phone', (390, 844))):
        try:
            pw, ph, n = pixels('%s/%s-%s.png' % (tmp, page, name))
        except Exception as e:
            print('FAIL %s %s: screenshot unreadable: %s' % (page, name, e))
            bad = 1
            continue
        if (pw, ph) != (w, h):
            print('FAIL %s %s: screenshot is %dx%d, not %dx%d' % (page, name, pw, ph, w, h))
            bad = 1
        if n < 40:
            print('FAIL %s %s: screenshot looks blank (%d distinct colours)' % (page, name, n))
            bad = 1
        else:
            print('ok %s %s: %dx%d, %d distinct colours' % (page, name, pw, ph, n))
    dom = open('%s/%s.dom' % (tmp, page), encoding='utf-8').read()
    t = text(dom)
    for want in EXPECT[page]['text']:
        if want not in t:
            print('FAIL %s: the page does not show %r' % (page, want))
            bad = 1
    for want, times in EXPECT[page]['dom']:
        got = dom.count(want)
        if (times is None and got == 0) or (times is not None and got != times):
            print('FAIL %s: %r occurs %d times in the DOM, want %s' % (page, want, got,
                  'some' if times is None else times))
            bad = 1
    for tag in re.findall(r'<[a-zA-Z][^>]*>', dom):
        name = re.match(r'<([a-zA-Z][\w-]*)', tag).group(1).lower()
        if name in FORBIDDEN_TAGS or re.search(r'\s(on\w+|src)\s*=', tag, re.I) or \
                re.search(r'href="(?!#)', tag):
            print('FAIL %s: the DOM holds the element %s' % (page, tag))
            bad = 1
sys.exit(bad)
PY

if [ "${CABTALLY_UPDATE_SCREENSHOTS:-}" = 1 ] && [ "$fail" = 0 ]; then
	src="$tmp/sc23-desktop.png"
	[ -s "$tmp/cli-sc23-desktop.png" ] && src="$tmp/cli-sc23-desktop.png"
	cp "$src" "$DOCS/screenshot-sc23.png" && echo "updated docs/screenshot-sc23.png from ${src##*/}"
fi
exit $fail
