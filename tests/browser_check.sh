#!/usr/bin/env bash
# browser_check.sh BINARY OUTDIR: the HTML pages as a browser sees them (headless Chromium).
#
#   report    examples/qinghe-liutang-2024-clean.txt rendered with `gongkai render --to html`
#   findings  `gongkai check --format html examples/baishi-education-2024-defects.txt`
#
# Each page is loaded in headless Chromium with a small probe script appended to a copy of it (the pages
# themselves hold no script): the probe writes each cell's laid-out box into the DOM, and --dump-dom gives
# the DOM back. From it python3 reads the grid: every data-key cell's text must be `gongkai parse --json`'s
# number (empty for null), every value cell must sit under its column's header and beside its row's label,
# every merged label cell must cover exactly the rows it spans, and the failing cells of the findings page
# must be coloured. A PNG screenshot of each page (OUTDIR/report.png, OUTDIR/findings.png) is kept to look at
# (made smaller with pngquant when it is installed); nothing else is written to OUTDIR.
#
# Prints one line per check and "N passed, M failed" at the end; exit 0 when none failed. Without chromium
# (Debian package: chromium; Chinese fonts: fonts-noto-cjk) or python3 it says it skips and exits 0.
set -u

BIN=${1:?usage: browser_check.sh BINARY OUTDIR}
OUT=${2:?usage: browser_check.sh BINARY OUTDIR}
HERE=$(cd "$(dirname "$0")" && pwd)
EX=${GK_EXAMPLES:-$HERE/../examples}
case $BIN in
  */*) BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN") ;;
  *) BIN=$(command -v "$BIN") ;;
esac

CHROME=""
for c in chromium chromium-browser google-chrome; do
  if command -v "$c" >/dev/null 2>&1; then CHROME=$(command -v "$c"); break; fi
done
if [ -z "$CHROME" ]; then
  echo "browser check skipped: chromium is not installed (apt-get install chromium fonts-noto-cjk)"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "browser check skipped: python3 is not installed"
  exit 0
fi

mkdir -p "$OUT" || exit 1
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

passed=0
failed=0
ok() { echo "ok - $*"; passed=$((passed + 1)); }
bad() { echo "FAIL - $*"; failed=$((failed + 1)); }

chrome() {   # chrome ARGS... URL: one headless run with its own profile, at most 90 s
  local profile
  profile=$(mktemp -d "$WORK/profile.XXXXXX")
  timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" "$@" 2>>"$WORK/chromium.log"
}

# The probe: every table cell's box, its computed background colour, and the table it belongs to.
PROBE='<script>
for (const c of document.querySelectorAll("table.gk-table td, table.gk-table th")) {
  const b = c.getBoundingClientRect();
  c.setAttribute("data-box", [b.left, b.top, b.right, b.bottom].map(x => Math.round(x * 10) / 10).join(","));
  c.setAttribute("data-bg", getComputedStyle(c).backgroundColor);
}
document.body.setAttribute("data-probed", "1");
</script>'

# page NAME HTMLFILE JSONFILE: load, read the grid back, take the screenshot.
page() {
  local name=$1 html=$2 json=$3
  local probe="$WORK/$name-probe.html" dom="$WORK/$name.dom.html"
  python3 - "$html" "$probe" "$PROBE" <<'PY'
import sys
src, dst, probe = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(src, encoding="utf-8").read()
i = s.rfind("</body>")
open(dst, "w", encoding="utf-8").write(s[:i] + probe + s[i:] if i >= 0 else s + probe)
PY
  if chrome --dump-dom --window-size=1200,3000 "file://$probe" >"$dom" && grep -q 'data-probed' "$dom"; then
    ok "$name: chromium loaded the page and ran the probe"
  else
    bad "$name: chromium did not load the page (see its log below)"
    tail -5 "$WORK/chromium.log"
    return
  fi
  python3 - "$dom" "$json" "$name" <<'PY'
import json, sys
from html.parser import HTMLParser

dom, jpath, name = sys.argv[1], sys.argv[2], sys.argv[3]
model = json.load(open(jpath, encoding="utf-8"))
if isinstance(model, list):
    model = model[0]

class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.kids, self.text = tag, dict(attrs), parent, [], []
    def cls(self):
        return (self.attrs.get("class") or "").split()
    def all_text(self, skip_repair=True):
        out = []
        for k in self.kids:
            if isinstance(k, str):
                out.append(k)
            elif not (skip_repair and "repair" in k.cls()):
                out.append(k.all_text(skip_repair))
        return "".join(out)
    def walk(self):
        yield self
        for k in self.kids:
            if isinstance(k, Node):
                yield from k.walk()

VOID = {"meta", "link", "br", "col", "img", "hr", "input", "wbr"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root
    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n
    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent
    def handle_data(self, d):
        self.cur.kids.append(d)

p = P()
p.feed(open(dom, encoding="utf-8").read())
nodes = list(p.root.walk())
passed = failed = 0
def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok - {name}: {what}")
    else:
        failed += 1
        print(f"FAIL - {name}: {what}")

def box(n):
    b = n.attrs.get("data-box")
    return tuple(float(x) for x in b.split(",")) if b else None

def cells_of(table):
    return [n for n in table.walk() if n.tag in ("td", "th")]

# the model's numbers by key path, in template order
want = {}
for t in ("t2", "t3", "t4"):
    for row, fields in (model.get(t) or {}).items():
        for f, v in fields.items():
            want[f"{t}.{row}.{f}"] = "" if v is None else str(v)

tables = [n for n in nodes if n.tag == "table" and "gk-table" in n.cls()]
check(len(tables) == 3, f"3 statutory tables ({len(tables)})")
got = {}
for n in nodes:
    k = n.attrs.get("data-key")
    if n.tag == "td" and k:
        got[k] = n.all_text().strip()
check(len(got) == len(want), f"{len(got)} data-key cells, {len(want)} cells in `gongkai parse --json`")
wrong = [k for k in want if got.get(k) != want[k]]
check(not wrong, "every data-key cell reads as the model's number or empty"
      + (": " + ", ".join(f"{k}={got.get(k)!r} want {want[k]!r}" for k in wrong[:5]) if wrong else ""))

def cx(b): return (b[0] + b[2]) / 2
def cy(b): return (b[1] + b[3]) / 2
def inside_x(x, b): return b[0] - 0.5 <= x <= b[2] + 0.5
def inside_y(y, b): return b[1] - 0.5 <= y <= b[3] + 0.5

for table in tables:
    key = table.attrs.get("data-table")
    cells = cells_of(table)
    vals = [c for c in cells if c.attrs.get("data-key")]
    if not vals:
        continue
    # columns: one field, one column; fields left to right in the template's order
    cols = {}
    for c in vals:
        t, row, f = c.attrs["data-key"].split(".")
        cols.setdefault((row, f), box(c))
    if key in ("t3", "t4"):
        fields = list(next(iter(model[key].values())).keys())
        heads = sorted([c for c in cells if c.tag == "th" and c.attrs.get("scope") == "col"], key=lambda c: box(c)[0])
        if key == "t3":
            check(len(heads) == len(fields), f"t3: {len(heads)} column headers for {len(fields)} columns")
            misplaced = [f"{row}.{f}" for (row, f), b in cols.items()
                         if not inside_x(cx(b), box(heads[fields.index(f)]))] if len(heads) == len(fields) else ["?"]
            check(not misplaced, "t3: every value cell sits under its column header"
                  + (": " + ", ".join(misplaced[:5]) if misplaced else ""))
            rows = list(model["t3"].keys())
            labels = [c for c in cells if c.tag == "th" and c.attrs.get("scope") == "row"]
            labels.sort(key=lambda c: box(c)[1])
            check(len(labels) == len(rows), f"t3: {len(labels)} row labels for {len(rows)} rows")
            beside = [row for (row, f), b in cols.items()
                      if len(labels) == len(rows) and not inside_y(cy(b), box(labels[rows.index(row)]))]
            check(not beside, "t3: every value cell sits beside its row label")
            # merged label cells cover exactly the rows they span
            groups = [c for c in cells if c.attrs.get("scope") == "rowgroup"]
            bad_groups = []
            ys = sorted({round(cy(b), 1) for b in cols.values()})
            for g in groups:
                n_rows = sum(1 for y in ys if inside_y(y, box(g)))
                if n_rows != int(g.attrs.get("rowspan", "1")):
                    bad_groups.append(f"{g.all_text()[:12]} covers {n_rows} rows, rowspan {g.attrs.get('rowspan')}")
            check(groups and not bad_groups, f"t3: {len(groups)} merged group labels each cover their rows"
                  + (": " + "; ".join(bad_groups) if bad_groups else ""))
            note = [c for c in cells if "note" in c.cls()]
            hb = max(box(h)[3] for h in heads) if heads else 0
            check(len(note) == 1 and abs(box(note[0])[3] - hb) < 1 and box(note[0])[2] <= min(box(h)[0] for h in heads) + 1,
                  "t3: the 勾稽关系 note fills the corner over the label columns and the three header rows")
        else:
            groups = list(model["t4"].keys())
            ok_cols = len(heads) == len(groups) * len(fields)
            misplaced = []
            for (row, f), b in cols.items():
                i = groups.index(row) * len(fields) + fields.index(f)
                if not ok_cols or not inside_x(cx(b), box(heads[i])):
                    misplaced.append(f"{row}.{f}")
            check(ok_cols and not misplaced, f"t4: {len(heads)} result headers, every value under its own"
                  + (": " + ", ".join(misplaced[:5]) if misplaced else ""))
    else:
        rows_y = {}
        for (row, f), b in cols.items():
            rows_y.setdefault(row, set()).add(round(cy(b)))
        check(all(len(v) == 1 for v in rows_y.values()), "t2: each row's values on one line")
    # lines around every cell: the page draws borders (checked on the style, not the pixels)

if name == "findings":
    c = next((n for n in nodes if n.attrs.get("data-key") == "t3.granted.natural"), None)
    check(c is not None and "error" in c.cls() and c.attrs.get("data-repair") == "5",
          "t3.granted.natural marked as an error with the repair 5")
    check(c is not None and c.attrs.get("data-bg") not in (None, "rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"),
          f"the failing cell is coloured ({c.attrs.get('data-bg') if c else None})")
    note = c and next((k for k in c.walk() if "repair" in k.cls()), None)
    check(note is not None and "5" in note.all_text(False), "the repair note is in the cell")
    tip = c.attrs.get("title", "") if c else ""
    check("7" in tip and "5" in tip, "the cell's tooltip names the repair")
    marked = [n.attrs.get("data-key") for n in nodes if n.tag == "td" and ("error" in n.cls() or "warning" in n.cls())]
    check(set(marked) >= {"t3.granted.natural", "t3.granted.total", "t3.total.natural", "t4.review.total", "t3.received.total"},
          "every failing cell is marked (" + ", ".join(sorted(marked)) + ")")
    lst = [n for n in nodes if n.tag == "tr" and n.attrs.get("data-rule")]
    check(len(lst) == len(model.get("diagnostics", [])), f"the list has the {len(lst)} findings")

with open(dom + ".counts", "w") as f:
    f.write(f"{passed} {failed}\n")
PY
  if [ -f "$dom.counts" ]; then
    read -r p f <"$dom.counts"
    passed=$((passed + p))
    failed=$((failed + f))
  else
    bad "$name: the grid could not be read"
  fi
  if chrome --screenshot="$OUT/$name.png" --window-size=1200,3000 "file://$html" >/dev/null && [ -s "$OUT/$name.png" ]; then
    if command -v pngquant >/dev/null 2>&1; then
      pngquant --force --skip-if-larger --quality 40-85 --speed 1 --output "$OUT/$name.png" "$OUT/$name.png" 2>/dev/null
    fi
    ok "$name: screenshot $OUT/$name.png ($(wc -c <"$OUT/$name.png") bytes)"
  else
    bad "$name: no screenshot"
  fi
}

# run from the examples, so that the pages name the reports as people know them (no build paths)
cd "$EX" || { bad "no examples at $EX"; echo "$passed passed, $failed failed"; exit 1; }
REPORT=qinghe-liutang-2024-clean.txt
DEFECTS=baishi-education-2024-defects.txt

if "$BIN" render "$REPORT" --to html -o "$WORK/report.html" && "$BIN" parse --json "$REPORT" >"$WORK/report.json"; then
  ok "report: gongkai render --to html"
  page report "$WORK/report.html" "$WORK/report.json"
else
  bad "report: gongkai render --to html failed"
fi

"$BIN" check -q --format html "$DEFECTS" >"$WORK/findings.html"
rc=$?
"$BIN" check -q --format json "$DEFECTS" >"$WORK/findings.json"
if [ "$rc" -eq 1 ] && [ -s "$WORK/findings.html" ]; then
  ok "findings: gongkai check --format html (exit 1: error findings)"
  page findings "$WORK/findings.html" "$WORK/findings.json"
else
  bad "findings: gongkai check --format html exited $rc"
fi

# the summary page over the examples: its SVG charts and table are in the DOM, and it looks like a page
if "$BIN" summary -q . -o "$WORK/summary.html"; then
  ok "summary: gongkai summary"
  dom=$(chrome --dump-dom "file://$WORK/summary.html" 2>/dev/null)
  svgs=$(printf '%s' "$dom" | grep -o '<svg' | wc -l)
  rows=$(printf '%s' "$dom" | grep -o '<tr><td>' | wc -l)
  if [ "$svgs" -ge 3 ] && [ "$rows" -eq 4 ]; then ok "summary: $svgs SVG charts, $rows reports in the table"
  else bad "summary: $svgs SVG charts, $rows table rows (want ≥3 and 4)"; fi
  if chrome --screenshot="$OUT/summary.png" --window-size=1200,1600 "file://$WORK/summary.html" >/dev/null && [ -s "$OUT/summary.png" ]; then
    ok "summary: screenshot $OUT/summary.png"
  else
    bad "summary: no screenshot"
  fi
else
  bad "summary: gongkai summary failed"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
