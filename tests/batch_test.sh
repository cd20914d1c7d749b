#!/usr/bin/env bash
# batch_test.sh BINARY: many reports at once: folders, --jobs, ordering, --db and the documented query,
# rollup, compare, summary. Makes its own inputs from the bundled examples (and ../shared/seeds when there).
set -u
BIN=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1 ($2)"; fail=$((fail + 1)); }

mkdir -p "$T/in/sub" "$T/empty"
cp "$ROOT"/examples/*.txt "$T/in/"
cp "$ROOT"/examples/README.md "$T/in/"
# a unit that received applications but granted none: 予以公开 moved into 部分公开, every sum still holds
python3 - "$ROOT/examples/qinghe-liutang-2024-clean.txt" "$T/in/sub/zero-granted.txt" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("青禾区柳塘街道办事处", "青禾区石桥镇人民政府")
s = s.replace("\t（一）予以公开\t9\t2\t0\t0\t1\t0\t12\t", "\t（一）予以公开\t0\t0\t0\t0\t0\t0\t0\t")
s = s.replace("\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t1\t0\t0\t0\t0\t4\t",
              "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t12\t3\t0\t0\t1\t0\t16\t")
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
if [ -d "$ROOT/../shared/seeds" ]; then cp "$ROOT"/../shared/seeds/*.txt "$T/in/sub/"; else echo "# ../shared/seeds not found: batch without the seeds"; fi

n_files=$(find "$T/in" -name '*.txt' | wc -l)

# 1. a folder, recursively, README skipped; parse --jsonl gives one line per report
lines=$("$BIN" parse --jsonl "$T/in" 2>/dev/null | wc -l)
[ "$lines" -eq "$n_files" ] && ok "parse --jsonl DIR: one line per report ($lines)" || no "parse --jsonl DIR" "$lines lines for $n_files files"

# 2. --jobs 1 and --jobs 2 give the same output, in input order
"$BIN" check -q --jobs 1 "$T/in" > "$T/j1.txt" 2>/dev/null
"$BIN" check -q --jobs 2 "$T/in" > "$T/j2.txt" 2>/dev/null
cmp -s "$T/j1.txt" "$T/j2.txt" && [ -s "$T/j1.txt" ] && ok "check --jobs 1 and --jobs 2 print the same findings in the same order" \
    || no "--jobs ordering" "outputs differ"
sort -c -t: -k1,1 -s "$T/j1.txt" 2>/dev/null && ok "findings grouped by file in input order" || no "order" "files interleaved"

# 3. the summary on standard error: reports, formats, rules
"$BIN" check --jobs 2 "$T/in" > /dev/null 2> "$T/sum.txt"
grep -q "检查了 $n_files 份报告" "$T/sum.txt" && grep -q "T3.ROW_TOTAL" "$T/sum.txt" && grep -q "2021 年版" "$T/sum.txt" \
    && ok "summary: reports read, by format, findings by rule" || no "summary" "$(head -3 "$T/sum.txt")"

# 4. --db and the documented query
rm -f "$T/out.sqlite"
"$BIN" check -q --db "$T/out.sqlite" "$T/in" > /dev/null 2>&1
reports=$(sqlite3 "$T/out.sqlite" "SELECT count(*) FROM reports WHERE readable = 1")
[ "$reports" -eq "$n_files" ] && ok "--db: $reports reports" || no "--db reports" "$reports"
cells=$(sqlite3 "$T/out.sqlite" "SELECT count(*) FROM cells")
[ "$cells" -gt $((n_files * 150)) ] && ok "--db: $cells cells" || no "--db cells" "$cells"
q=$(sqlite3 "$T/out.sqlite" "SELECT r.agency, r.year, a.value AS received FROM reports r
    JOIN cells a ON a.report_id = r.id AND a.key = 't3.received.total'
    JOIN cells g ON g.report_id = r.id AND g.key = 't3.granted.total'
    WHERE a.value > 0 AND g.value = 0 ORDER BY a.value DESC;")
[ "$q" = "青禾区石桥镇人民政府|2024|27" ] && ok "documented query finds the unit that granted nothing" || no "documented query" "got: $q"
fix=$(sqlite3 "$T/out.sqlite" "SELECT fix_key, fix_from, fix_to FROM findings WHERE rule = 'T3.ROW_TOTAL' LIMIT 1")
[ "$fix" = "t3.granted.natural|7|5" ] && ok "findings keep the repair" || no "findings repair" "$fix"

# 4b. YEAR.CARRY across a batch: 2024 says 3 natural persons were carried over, 2023 carried 1
mkdir -p "$T/carry"
cp "$ROOT/examples/qinghe-liutang-2023-clean.txt" "$T/carry/a2023.txt"
python3 - "$ROOT/examples/qinghe-liutang-2024-clean.txt" "$T/carry/b2024.txt" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace("二、上年结转政府信息公开申请数量\t\t1\t1\t0\t0\t0\t0\t2", "二、上年结转政府信息公开申请数量\t\t3\t1\t0\t0\t0\t0\t4")
s = s.replace("四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t\t4\t0\t0\t0\t0\t0\t4")
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
out=$("$BIN" check -q --jobs 2 "$T/carry" 2>/dev/null); rc=$?
n=$(printf '%s\n' "$out" | grep -c "b2024.txt:51: error: YEAR.CARRY")
[ $rc -eq 1 ] && [ "$n" -eq 2 ] && ok "YEAR.CARRY across a batch (自然人 and 总计, at the later report's line 51)" || no "YEAR.CARRY batch" "rc=$rc n=$n"
# the same pair under an agency that sorts first (甲 < 青), read after it: findings come by agency, then year
for f in a2023 b2024; do sed 's/青禾区柳塘街道办事处/甲禾区柳塘街道办事处/' "$T/carry/$f.txt" > "$T/carry/z$f.txt"; done
"$BIN" check -q --lang zh --jobs 2 "$T/carry" > "$T/carry.out" 2>/dev/null; rc=$?
order=$(sed -n 's|.*/\([a-z0-9]*\)\.txt:51: error: YEAR.CARRY: [^·]*·\([^ ]*\) .*|\1 \2|p' "$T/carry.out" | tr '\n' ' ')
[ $rc -eq 1 ] && [ "$order" = "zb2024 自然人 zb2024 总计 b2024 自然人 b2024 总计 " ] &&
  ok "YEAR.CARRY of two agencies: ordered by agency, year and column" || no "YEAR.CARRY order" "rc=$rc order=$order"

# 4c. the real corpus (when ../shared is there): every report-like file read (27 reports and the blank DOCX
# template; truth JSON, README and SOURCES.tsv skipped), the summary by format, the corpus's own defects counted,
# and the same findings in the same order with one job or two
if [ -d "$ROOT/../shared/corpus/raw" ]; then
    "$BIN" check --lang en --jobs 2 "$ROOT/../shared/corpus" > "$T/corpus2.out" 2> "$T/corpus2.err"; rc=$?
    "$BIN" check --lang en --jobs 1 "$ROOT/../shared/corpus" > "$T/corpus1.out" 2>/dev/null
    sumline=$(grep 'report(s) checked' "$T/corpus2.err")
    [ $rc -eq 1 ] && printf '%s' "$sumline" | grep -q '^gongkai: 28 report(s) checked' && ! grep -q 'could not be read' "$T/corpus2.err" &&
      grep -q '^  formats: 2021 23, 2019 3, hybrid 2$' "$T/corpus2.err" &&
      grep -Eq '^  T4.TOTAL +2$' "$T/corpus2.err" && grep -Eq '^  META.AGENCY +1$' "$T/corpus2.err" &&
      cmp -s "$T/corpus1.out" "$T/corpus2.out" &&
      ok "corpus batch: 28 read, formats 2021 23 / 2019 3 / hybrid 2, hongze's T4.TOTAL and shuyang's META.AGENCY counted, --jobs 1 = --jobs 2" ||
      no "corpus batch" "rc=$rc; $sumline; $(grep -c . "$T/corpus2.err") summary lines"
else
    echo "# ../shared/corpus not found: corpus batch skipped"
fi

# 4d. a progress bar (count, rate, time left) on a terminal, none when standard error is piped
if command -v script > /dev/null; then
    script -qec "$BIN check --lang en --jobs 2 $T/in" /dev/null > "$T/tty.out" 2>&1
    n_in=$(find "$T/in" -name '*.txt' | wc -l)
    tr '\r' '\n' < "$T/tty.out" | grep -Eq "^\[=+\] $n_in/$n_in +[0-9]+/s +ETA 0s" &&
      ok "progress bar on a terminal: $n_in/$n_in, rate and ETA" || no "progress bar" "$(tr '\r' '\n' < "$T/tty.out" | grep -a ETA | tail -1)"
    "$BIN" check --lang en --jobs 2 "$T/in" > /dev/null 2> "$T/pipe.err"
    ! grep -q $'\r' "$T/pipe.err" && ! grep -q ETA "$T/pipe.err" && ok "no progress bar when standard error is piped" ||
      no "no progress bar when piped" "$(head -c 200 "$T/pipe.err")"
else
    echo "# script(1) not found: progress bar not checked"
fi

# 5. an empty folder is an error naming it
"$BIN" check "$T/empty" > /dev/null 2> "$T/err.txt"; rc=$?
[ $rc -eq 2 ] && grep -q "empty" "$T/err.txt" && ok "empty folder: exit 2 naming it" || no "empty folder" "rc=$rc"

# 6. rollup, compare, summary
"$BIN" rollup -q "$ROOT/examples/qinghe-liutang-2024-clean.txt" "$T/in/sub/zero-granted.txt" --agency 青禾区 -o "$T/r.json"; rc=$?
python3 -c "
import json,sys
d=json.load(open('$T/r.json'))
assert d['agency']=='青禾区' and d['year']==2024, d['agency']
assert d['t3']['received']['total']==54 and d['t3']['granted']['total']==12
assert d['rollup']['incomplete']=={}
" 2>/dev/null && [ $rc -eq 0 ] && ok "rollup sums two units (54 received), none incomplete" || no "rollup" "rc=$rc"
"$BIN" rollup -q "$ROOT/examples/qinghe-liutang-2024-clean.txt" "$ROOT/examples/qinghe-market-2024-blanks.txt" -o "$T/r2.json"
python3 -c "
import json
d=json.load(open('$T/r2.json'))
assert d['t3']['received']['natural'] is None
assert d['rollup']['incomplete']['t3.received.natural']=={'partial':22,'missing_units':1}
" 2>/dev/null && ok "rollup keeps blanks honest (incomplete, partial 22, 1 unit missing)" || no "rollup blanks" "see $T/r2.json"
"$BIN" compare "$ROOT/examples/qinghe-liutang-2023-clean.txt" "$ROOT/examples/qinghe-liutang-2024-clean.txt" --format json > "$T/c.json"; rc=$?
python3 -c "
import json
d=json.load(open('$T/c.json'))
assert d['findings']==[] and len(d['changes'])>10 and 0<=d['narrative']['share']<0.5
" 2>/dev/null && [ $rc -eq 0 ] && ok "compare: consistent years, changes listed, narrative share" || no "compare" "rc=$rc"
"$BIN" summary -q "$T/in" -o "$T/s.html"; rc=$?
[ $rc -eq 0 ] && grep -q "<svg" "$T/s.html" && ! grep -q "http" "$T/s.html" && ok "summary page: SVG, self-contained" || no "summary" "rc=$rc"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
