#!/usr/bin/env bash
# cli_test.sh: robustness and contract tests of the gongkai command line (SCHEMA.md, "The command line").
#
#   tests/cli_test.sh PATH_TO_GONGKAI_BINARY
#
# Runs from any directory. Every input it needs is made in a scratch directory removed at exit; the
# good reports are the repository's own examples/ (found from this script's location).
# Prints `ok - …` / `not ok - … (details)` per case, then `N passed, M failed`; exits 1 if any failed.
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 PATH_TO_GONGKAI_BINARY" >&2
    exit 64
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
if [ ! -x "$BIN" ] || [ -d "$BIN" ]; then
    echo "$0: $1 is not an executable file" >&2
    exit 64
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EX=$ROOT/examples
CLEAN24=$EX/qinghe-liutang-2024-clean.txt
CLEAN23=$EX/qinghe-liutang-2023-clean.txt
for f in "$CLEAN24" "$CLEAN23"; do
    [ -f "$f" ] || { echo "$0: example $f not found" >&2; exit 64; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-cli-test.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
OUT=$T/.stdout
ERR=$T/.stderr
# Inputs are named relative to $T, so that messages show exactly the names we passed.
cd "$T" || exit 1
export LC_ALL=C.UTF-8 2>/dev/null || true
unset GONGKAI_LANG

PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); echo "ok - $1"; }
fail() { FAIL=$((FAIL + 1)); echo "not ok - $1 ($2)"; }

# run LIMIT ARGS... : runs the binary with stdin from /dev/null; sets RC, output in $OUT/$ERR.
run() {
    local lim=$1
    shift
    timeout "$lim" "$BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
    RC=$?
}
# run_stdin INPUT LIMIT ARGS... : same with stdin from INPUT.
run_stdin() {
    local in=$1 lim=$2
    shift 2
    timeout "$lim" "$BIN" "$@" >"$OUT" 2>"$ERR" <"$in"
    RC=$?
}
# What an exit code means, for the failure details.
rcnote() {
    if [ "$RC" -eq 124 ]; then echo "exit 124: timed out"
    elif [ "$RC" -ge 128 ]; then echo "exit $RC: killed by signal $((RC - 128))"
    else echo "exit $RC"
    fi
}
# The first line of stderr, shortened, for the failure details.
errhead() { head -n 1 "$ERR" | cut -c 1-160; }
# Any trace of a sanitizer report or assertion on stderr.
crashtrace() { grep -qE 'AddressSanitizer|UndefinedBehaviorSanitizer|runtime error:|Assertion .* failed|Segmentation fault' "$ERR"; }

# expect_unreadable DESC FILE STRICT : after a run on FILE, the contract for an unreadable input:
# exit exactly 2, nothing on stdout, exactly one stderr line naming FILE (STRICT=1: and no other line).
expect_unreadable() {
    local desc=$1 f=$2 strict=$3 why="" n total
    [ "$RC" -eq 2 ] || why="$(rcnote), want 2"
    if [ -s "$OUT" ]; then why="${why:+$why; }stdout has $(wc -c <"$OUT") bytes, want none"; fi
    n=$(grep -cF -- "$f" "$ERR")
    [ "$n" -eq 1 ] || why="${why:+$why; }$n stderr lines name '$f', want 1"
    if [ "$strict" = 1 ]; then
        total=$(wc -l <"$ERR")
        [ "$total" -eq 1 ] || why="${why:+$why; }stderr has $total lines, want 1"
    fi
    if crashtrace; then why="${why:+$why; }sanitizer/crash trace on stderr"; fi
    if [ -z "$why" ]; then pass "$desc"; else fail "$desc" "$why; stderr: $(errhead)"; fi
}

# bad_input DESC FILE [LIMIT] : `parse FILE` (stderr must be that one line) and `check FILE`
# (one line naming the file besides the summary) must both reject it cleanly.
bad_input() {
    local desc=$1 f=$2 lim=${3:-10}
    run "$lim" parse "$f"
    expect_unreadable "parse rejects $desc with exit 2 and one line naming the file" "$f" 1
    run "$lim" check "$f"
    expect_unreadable "check rejects $desc with exit 2 and one line naming the file" "$f" 0
}

# ---------------------------------------------------------------- inputs that are not reports
: >empty.txt
bad_input "an empty file" empty.txt

printf '   \n\n \t \n        \n\n' >spaces.txt
bad_input "a file of spaces and newlines" spaces.txt

printf '\r\n\xc2\xa0\xe3\x80\x80\n\xe2\x80\x8b\r\n' >unispaces.txt   # CRLF, NBSP, U+3000, U+200B only
bad_input "a file of only NBSP/U+3000/ZWSP/CRLF white space" unispaces.txt

head -c 65536 /bin/true >true.bin
bad_input "binary bytes (first 64 KiB of /bin/true)" true.bin

printf '一、总体情况\n\000\000\000\000本年度\n' >nuls.txt
bad_input "text with embedded NUL bytes" nuls.txt

head -c 1048576 /dev/urandom >random.bin
bad_input "1 MiB of random bytes" random.bin

# A GBK sentence (no heading, no table): whether the reader rejects the encoding or decodes it as
# GB18030, it is not a report.
if ! printf '今天下午街道组织居民在社区广场开展了垃圾分类宣传活动，现场气氛热烈。\n' |
    iconv -f UTF-8 -t GBK >gbk.txt 2>/dev/null; then
    # iconv without GBK: the same kind of bytes by hand (GBK for 今天下午天气很好。)
    printf '\xbd\xf1\xcc\xec\xcf\xc2\xce\xe7\xcc\xec\xc6\xf8\xba\xdc\xba\xc3\xa1\xa3\n' >gbk.txt
fi
bad_input "GBK-encoded Chinese (invalid UTF-8)" gbk.txt

# Bytes that are neither UTF-8 nor GB18030 (0x80 and 0xFF are never valid there) in otherwise plain text.
printf 'Annual report\n\x80\x80 broken \xff\xff bytes\n\xc3\x28 and \xe2\x82 truncated\n' >badutf8.txt
bad_input "invalid UTF-8 byte sequences (0x80, 0xFF, truncated sequences)" badutf8.txt

# 6 MB on one line, Chinese text without a TAB (and with words that appear in reports)
python3 - <<'EOF' >zh-6mb.txt
import sys
unit = "政府信息公开工作年度报告本机关依法主动公开政府信息，依申请公开总体情况良好。".encode()
n = 6 * 1000 * 1000 // len(unit) + 1
sys.stdout.buffer.write(unit * n)
EOF
start=$(date +%s)
bad_input "a 6 MB single line of Chinese text (not a report)" zh-6mb.txt
elapsed=$(($(date +%s) - start))
if [ "$elapsed" -le 10 ]; then pass "the 6 MB Chinese line is handled quickly (${elapsed}s for parse+check)"
else fail "the 6 MB Chinese line is handled quickly" "${elapsed}s for parse+check"; fi

bad_input "a missing file" no-such-file.txt

mkdir adir
bad_input "a directory given as a file" adir

cat >english.txt <<'EOF'
Annual Gardening Notes

The spring was wet and cold this year, and the tomatoes went in two weeks late.
By July the beans had climbed the fence; the squash, as always, took over the path.
Next year we will plant the lettuce in the shade of the apple tree and water less often.
EOF
bad_input "plain English prose that is not a report" english.txt

# PDFs that cannot be read: no text layer (a scanned page), an encrypted one, one cut short, one that only
# starts like a PDF. (pdftotext comes with poppler-utils, which the installer adds.)
python3 - <<'PY'
def pdf(objs, trailer=b""):
    out, offs = b"%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offs.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    x = len(out); out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs: out += b"%010d 00000 n \n" % o
    return out + b"trailer << /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer, x)
cat, pages = b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
open("scanned.pdf", "wb").write(pdf([cat, pages,
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
    b"<< /Length 33 >>\nstream\nq 500 0 0 700 40 70 cm /Im1 Do Q\nendstream"]))
text = [cat, pages,
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    b"<< /Length 36 >>\nstream\nBT /F1 24 Tf 72 700 Td (Hello) Tj ET\nendstream"]
open("encrypted.pdf", "wb").write(pdf(text + [b"<< /Filter /Standard /V 1 /R 2 /O <%064d> /U <%064d> /P -44 >>" % (1, 2)],
    b"/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] "))
whole = pdf(text)
open("cut.pdf", "wb").write(whole[: len(whole) // 2])
open("startonly.pdf", "wb").write(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Kids [")
PY
if command -v pdftotext >/dev/null; then
    bad_input "a scanned PDF (no text layer)" scanned.pdf
    run 10 check scanned.pdf
    if grep -q "需要 OCR" "$ERR"; then pass "a scanned PDF is reported as needing OCR"
    else fail "a scanned PDF is reported as needing OCR" "stderr: $(errhead)"; fi
    bad_input "an encrypted PDF" encrypted.pdf
    run 10 check --lang en encrypted.pdf
    if grep -q "encrypted" "$ERR"; then pass "an encrypted PDF is reported as encrypted"
    else fail "an encrypted PDF is reported as encrypted" "stderr: $(errhead)"; fi
    bad_input "a PDF cut in half" cut.pdf
    bad_input "bytes that only start like a PDF" startonly.pdf
else
    echo "SKIP: pdftotext (poppler-utils) not installed: the PDF cases are not run"
fi

run_stdin /dev/null 10 check -
if [ "$RC" -eq 2 ] && [ ! -s "$OUT" ] && [ "$(grep -c . "$ERR")" -ge 1 ] && ! crashtrace; then
    pass "check - with empty standard input exits 2 with a reason"
else fail "check - with empty standard input exits 2 with a reason" "$(rcnote); stderr: $(errhead)"; fi

# ---------------------------------------------------------------- damaged reports
head -n 40 "$CLEAN24" >truncated.txt
run 10 check truncated.txt
desc="a truncated report (first 40 lines) exits 1 or 2 without crashing"
if [ "$RC" -eq 1 ]; then
    bad=$(grep -cvE '^truncated\.txt:[0-9]+: (error|warning): [A-Z0-9_.]+: ' "$OUT")
    lines=$(wc -l <"$OUT")
    if [ "$bad" -eq 0 ] && [ "$lines" -ge 1 ] && ! crashtrace; then
        pass "$desc (exit 1, $lines finding lines in FILE:LINE: severity: RULE: form)"
    else
        fail "$desc" "exit 1 but $bad of $lines stdout lines are not 'FILE:LINE: severity: RULE: message': $(grep -vE '^truncated\.txt:[0-9]+: (error|warning): [A-Z0-9_.]+: ' "$OUT" | head -n 1 | cut -c 1-120)"
    fi
elif [ "$RC" -eq 2 ]; then
    expect_unreadable "$desc (exit 2)" truncated.txt 0
else
    fail "$desc" "$(rcnote); stderr: $(errhead)"
fi

# One finding per line, even when the finding quotes a cell that Word broke over two lines (cell-per-line
# layout: a line without the leading TAB continues the cell above). Found by fuzz/fuzz_read_txt.
printf '二、主动公开政府信息情况\n\n\t信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数\n\n\t规章其他\n文件\n\t1\n\t0\n\t0\n' >broken-label.txt
run 10 check broken-label.txt
bad=$(grep -cvE '^broken-label\.txt:[0-9]+: (error|warning): [A-Z0-9_.]+: ' "$OUT")
if [ "$RC" -eq 1 ] && [ "$bad" -eq 0 ] && ! crashtrace; then
    pass "findings stay one per line when they quote a cell broken over lines"
else
    fail "findings stay one per line when they quote a cell broken over lines" "$(rcnote); $bad stdout lines are not 'FILE:LINE: severity: RULE: message', first: $(grep -vE '^broken-label\.txt:[0-9]+: (error|warning): [A-Z0-9_.]+: ' "$OUT" | head -n 1 | cut -c 1-80)"
fi

python3 -c 'import sys; sys.stdout.write("0\t" * (3 * 1000 * 1000))' >tabs-6mb.txt
run 20 check tabs-6mb.txt
if { [ "$RC" -eq 1 ] || [ "$RC" -eq 2 ]; } && ! crashtrace; then
    pass "a 6 MB line of tab-separated zeros finishes within 20 s (exit $RC)"
else fail "a 6 MB line of tab-separated zeros finishes within 20 s with exit 1 or 2" "$(rcnote); stderr: $(errhead)"; fi

# ---------------------------------------------------------------- usage
run 10
if [ "$RC" -eq 64 ]; then pass "no arguments exits 64"; else fail "no arguments exits 64" "$(rcnote)"; fi

run 10 --no-such-option
if [ "$RC" -eq 64 ]; then pass "unknown top-level option exits 64"; else fail "unknown top-level option exits 64" "$(rcnote)"; fi

run 10 check --no-such-option "$CLEAN24"
if [ "$RC" -eq 64 ] && [ ! -s "$OUT" ]; then pass "unknown option of check exits 64"
else fail "unknown option of check exits 64" "$(rcnote); stdout $(wc -c <"$OUT") bytes"; fi

run 10 parse --no-such-option "$CLEAN24"
if [ "$RC" -eq 64 ] && [ ! -s "$OUT" ]; then pass "unknown option of parse exits 64"
else fail "unknown option of parse exits 64" "$(rcnote); stdout $(wc -c <"$OUT") bytes"; fi

run 10 frobnicate "$CLEAN24"
if [ "$RC" -eq 64 ]; then pass "unknown command exits 64"; else fail "unknown command exits 64" "$(rcnote)"; fi

run 10 check
if [ "$RC" -eq 64 ]; then pass "check without a file exits 64"; else fail "check without a file exits 64" "$(rcnote)"; fi

for args in "--help" "parse --help" "check --help"; do
    # shellcheck disable=SC2086
    run 10 $args
    if [ "$RC" -eq 0 ] && grep -q 'gongkai' "$OUT" && grep -qiE 'usage|用法' "$OUT"; then
        pass "gongkai $args exits 0 and prints usage to stdout"
    else fail "gongkai $args exits 0 and prints usage to stdout" "$(rcnote); stdout: $(head -n 1 "$OUT" | cut -c 1-80)"; fi
done

run 10 --version
if [ "$RC" -eq 0 ] && head -n 1 "$OUT" | grep -q '^gongkai '; then pass "--version exits 0 and prints 'gongkai VERSION'"
else fail "--version exits 0 and prints 'gongkai VERSION'" "$(rcnote); stdout: $(head -n 1 "$OUT")"; fi

# --lang en: the reason for a missing file is in English. The file name itself is Chinese, so the
# check looks at the line with the name removed. CJK here = CJK punctuation, kana, ideographs and
# full-width forms (U+2E80–U+9FFF, U+F900–U+FAFF, U+FE30–U+FE4F, U+FF00–U+FFEF, U+20000 and up).
cjk_free_besides() {   # NAME: prints the offending characters of the line naming NAME, if any
    python3 - "$1" "$ERR" <<'EOF'
import sys
name, path = sys.argv[1], sys.argv[2]
lines = [l for l in open(path, encoding="utf-8", errors="replace").read().splitlines() if name in l]
if len(lines) != 1:
    print("%d lines name the file" % len(lines)); sys.exit(1)
rest = lines[0].replace(name, "<FILE>")
def cjk(c):
    o = ord(c)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF or o >= 0x20000
bad = [c for c in rest if cjk(c)]
if bad:
    print("CJK characters %s in: %s" % (" ".join("U+%04X'%s'" % (ord(c), c) for c in bad), rest[:120])); sys.exit(1)
if not any("a" <= c.lower() <= "z" for c in rest):
    print("no English words in: %s" % rest[:120]); sys.exit(1)
EOF
}
for cmd in check parse; do
    run 10 "$cmd" --lang en 缺失的年报.txt
    why=$(cjk_free_besides 缺失的年报.txt)
    if [ "$RC" -eq 2 ] && [ -z "$why" ]; then pass "$cmd --lang en: the missing-file message is English (no CJK besides the name)"
    else fail "$cmd --lang en: the missing-file message is English (no CJK besides the name)" "$(rcnote); $why"; fi
done
run 10 check --lang en english.txt
why=$(cjk_free_besides english.txt)
if [ "$RC" -eq 2 ] && [ -z "$why" ]; then pass "check --lang en: the not-a-report message is English"
else fail "check --lang en: the not-a-report message is English" "$(rcnote); $why"; fi

# ---------------------------------------------------------------- standard input and output formats
run_stdin "$CLEAN24" 10 check -
if [ "$RC" -eq 0 ] && ! crashtrace; then pass "check - < qinghe-liutang-2024-clean.txt exits 0"
else fail "check - < qinghe-liutang-2024-clean.txt exits 0" "$(rcnote); stdout: $(head -n 1 "$OUT" | cut -c 1-120); stderr: $(errhead)"; fi

run 10 parse --json "$CLEAN24"
cp "$OUT" parsed.json
if [ "$RC" -eq 0 ] && ! crashtrace; then pass "parse --json on the clean 2024 example exits 0"
else fail "parse --json on the clean 2024 example exits 0" "$(rcnote); stderr: $(errhead)"; fi
if python3 -m json.tool parsed.json >/dev/null 2>"$ERR"; then pass "parse --json output is valid JSON (python3 -m json.tool)"
else fail "parse --json output is valid JSON (python3 -m json.tool)" "$(errhead)"; fi
schema=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("schema"))' parsed.json 2>&1 | tail -n 1)
if [ "$schema" = "gongkai.report/1" ]; then pass "parse --json: \"schema\" is \"gongkai.report/1\""
else fail "parse --json: \"schema\" is \"gongkai.report/1\"" "got: $schema"; fi

run 10 parse --csv "$CLEAN24"
cp "$OUT" parsed.csv
csvwhy=$(python3 - parsed.csv <<'EOF'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
problems = []
if len(rows) != 2:
    problems.append("%d CSV records, want header + 1 row" % len(rows))
if rows and (len(rows[0]) < 8 or rows[0][7] != "t2.regulation.issued"):
    problems.append("header column 8 is %r, want 't2.regulation.issued'" % (rows[0][7] if len(rows[0]) >= 8 else None))
for i, r in enumerate(rows):
    if len(r) != 207:
        problems.append("record %d has %d columns, want 207" % (i + 1, len(r)))
print("; ".join(problems))
EOF
)
if [ "$RC" -eq 0 ] && [ -z "$csvwhy" ] && ! crashtrace; then pass "parse --csv: header + 1 row, 207 columns each, column 8 is t2.regulation.issued"
else fail "parse --csv: header + 1 row, 207 columns each, column 8 is t2.regulation.issued" "$(rcnote); $csvwhy; stderr: $(errhead)"; fi

# -o - is standard output (not a file named "-")
run 10 render "$CLEAN24" --to md -o -
if [ "$RC" -eq 0 ] && [ ! -e ./- ] && grep -q '^| ' "$OUT" && ! crashtrace; then pass "render --to md -o - writes the table to standard output, no file named -"
else fail "render --to md -o - writes the table to standard output, no file named -" "$(rcnote); file -: $([ -e ./- ] && echo made || echo none); stderr: $(errhead)"; fi
rm -f ./-

# a library loaded on first use (SQLite for --db, libxlsxwriter for XLSX) that cannot be loaded: exit 2 saying so
mkdir -p fakelib && : > fakelib/libsqlite3.so.0 && : > fakelib/libxlsxwriter.so.4
LD_LIBRARY_PATH=$T/fakelib run 10 check --db out.sqlite "$CLEAN24"
if [ "$RC" -eq 2 ] && grep -q "SQLite" "$ERR" && ! crashtrace; then pass "check --db without a loadable SQLite: exit 2 naming it"
else fail "check --db without a loadable SQLite: exit 2 naming it" "$(rcnote); stderr: $(errhead)"; fi
LD_LIBRARY_PATH=$T/fakelib run 10 render "$CLEAN24" --to xlsx -o out.xlsx
if [ "$RC" -eq 2 ] && grep -q "libxlsxwriter" "$ERR" && [ "$(wc -l < "$ERR")" -eq 1 ] && [ ! -e out.xlsx ] && ! crashtrace; then
    pass "render --to xlsx without a loadable libxlsxwriter: exit 2, one line naming it, no file"
else fail "render --to xlsx without a loadable libxlsxwriter: exit 2, one line naming it, no file" "$(rcnote); stderr: $(errhead)"; fi
LD_LIBRARY_PATH=$T/fakelib run 10 check "$CLEAN24"
if [ "$RC" -eq 0 ] && ! crashtrace; then pass "check runs with neither loadable (they are loaded only when asked for)"
else fail "check runs with neither loadable" "$(rcnote); stderr: $(errhead)"; fi

# ---------------------------------------------------------------- exit semantics over several files
run 20 check "$EX"/*.txt
if [ "$RC" -eq 1 ] && ! crashtrace; then pass "check examples/*.txt exits 1 (the defect examples have errors)"
else fail "check examples/*.txt exits 1 (the defect examples have errors)" "$(rcnote); stderr: $(errhead)"; fi

run 20 check "$CLEAN23" "$CLEAN24"
if [ "$RC" -eq 0 ] && ! crashtrace; then pass "check of the clean 2023 and 2024 examples together exits 0"
else fail "check of the clean 2023 and 2024 examples together exits 0" "$(rcnote); stdout: $(head -n 1 "$OUT" | cut -c 1-160); stderr: $(errhead)"; fi

run 20 check "$CLEAN24" no-such-file.txt
if [ "$RC" -eq 2 ] && [ "$(grep -cF no-such-file.txt "$ERR")" -eq 1 ] && ! crashtrace; then pass "check of a good file and a missing file exits 2 and names the missing one"
else fail "check of a good file and a missing file exits 2 and names the missing one" "$(rcnote); stderr: $(errhead)"; fi

run 20 parse --json "$CLEAN24" no-such-file.txt
if [ "$RC" -eq 2 ] && ! crashtrace; then pass "parse of a good file and a missing file exits 2"
else fail "parse of a good file and a missing file exits 2" "$(rcnote); stderr: $(errhead)"; fi

# ---------------------------------------------------------------- flattened scraper text, last year as a constraint
# The two-year fixture of tests/test_flat.c (year_text): this year's 二、上年结转 "112000013" reads as 11/2 or
# 1/12 from its own text; `compare` with last year's report (结转下年度 11/2/…) settles it, `check` alone cannot.
python3 - "$ROOT/tests/test_flat.c" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
body = src[src.index("year_text =") : src.index(";", src.index("year_text ="))]
text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', body)).replace("\\n", "\n")
def write(year, *runs):
    t = text.replace("%d", str(year), 2)
    for r in runs: t = t.replace("%s", r, 1)
    open("flat-%d.txt" % year, "w", encoding="utf-8").write(t)
write(2023, "122000014", "0000000", "1000001", "1000001", "112000013")
write(2024, "1000001", "112000013", "112000013", "112000013", "1000001")
PY
run 20 parse --json flat-2024.txt
if [ "$RC" -eq 1 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d["t3"]["carried_over"]["natural"] is not None)' "$OUT"; then
    pass "flattened text alone: the ambiguous 上年结转 cells stay null (exit 1)"
else fail "flattened text alone: the ambiguous 上年结转 cells stay null (exit 1)" "$(rcnote); stderr: $(errhead)"; fi
run 20 compare --format json flat-2023.txt flat-2024.txt
if [ "$RC" -eq 0 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
bad = [f["rule"] for f in d["findings"]]
ch = {c["where"]: c["after"] for c in d["changes"]}
sys.exit(bool(bad) or ch.get("t3.carried_over.natural") != 11 or ch.get("t3.carried_over.commercial") != 2)' "$OUT" && ! crashtrace; then
    pass "compare settles flattened 上年结转 with last year's 结转下年度 (11/2), no finding"
else fail "compare settles flattened 上年结转 with last year's 结转下年度 (11/2), no finding" "$(rcnote); stdout: $(head -c 300 "$OUT"); stderr: $(errhead)"; fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
