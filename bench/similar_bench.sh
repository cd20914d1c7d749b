#!/usr/bin/env bash
# gongkai similar at scale (issue 6, item 4): time and peak memory of copy-paste detection.
# usage: bench/similar_bench.sh [N_LIBRARY] [N_FILES]      (defaults 100000 and 10000)
#  1. the library on N_LIBRARY synthetic reports made in memory (tests/test_similar.c with GK_SIMILAR_REPORTS):
#     planted copies found, no false pair, boilerplate listed; read + sketch time, finish time, bytes per report;
#  2. the command on N_FILES text reports written by ../shared/bench/gen_report.py (their narratives are one
#     template: all boilerplate) plus a planted copy of an example under another agency, with --jobs 1 and 2.
# Build in $GK_BENCH_BUILD (default /tmp/build-similar-bench, RelWithDebInfo); files in $GK_BENCH_CACHE;
# gen_report.py from $GK_BENCH_SHARED (default ../shared/bench).
set -uo pipefail

N_LIB=${1:-100000}
N_FILES=${2:-10000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${GK_BENCH_BUILD:-/tmp/build-similar-bench}
CACHE=${GK_BENCH_CACHE:-/tmp/gongkai-similar-bench}
GEN=${GK_BENCH_SHARED:-$ROOT/../shared/bench}/gen_report.py

say() { printf '%s\n' "$*"; }
peak() { awk '/Maximum resident/ {printf "%.0f MB", $NF / 1024}' "$1"; }
wall() { awk '/Elapsed \(wall/ {print $NF}' "$1"; }

say "== machine: $(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null && cmake --build "$BUILD" -j"$(nproc)" >/dev/null ||
  { say "similar_bench: the build failed"; exit 1; }
G=$BUILD/gongkai
T=$(mktemp -d /tmp/similar-bench.XXXXXX)

say "== 1. library, $N_LIB synthetic reports in memory"
GK_SIMILAR_REPORTS=$N_LIB GK_EXAMPLES=$ROOT/examples /usr/bin/time -v "$BUILD/tests/test_similar" >"$T/lib.out" 2>"$T/lib.time"
rc=$?
grep -E '^\[similar\] [0-9]+ reports \(vocabulary 6000|^\[similar\] index|^\[similar\] planted' "$T/lib.out" | head -3
say "   wall $(wall "$T/lib.time"), peak $(peak "$T/lib.time") (the whole test binary), exit $rc"

if [ ! -f "$GEN" ]; then
  say "== 2. skipped: $GEN is absent"
  exit $rc
fi
say "== 2. gongkai similar on $N_FILES text reports from gen_report.py + one planted copy"
if [ ! -f "$CACHE/$N_FILES/done" ]; then
  rm -rf "${CACHE:?}/$N_FILES" && mkdir -p "$CACHE/$N_FILES"
  /usr/bin/python3 "$GEN" "$CACHE/$N_FILES/gen" "$N_FILES" --format txt >/dev/null && touch "$CACHE/$N_FILES/done"
fi
mkdir -p "$T/planted"
cp "$ROOT/examples/qinghe-liutang-2024-clean.txt" "$T/planted/"
sed -e 's/柳塘/石桥/g; s/2024/2025/g; s/312/287/g; s/老旧小区加装电梯/农贸市场改造/g' \
  "$ROOT/examples/qinghe-liutang-2024-clean.txt" >"$T/planted/shiqiao-2025.txt"
MB=$(du -sm "$CACHE/$N_FILES/gen" | cut -f1)
for j in 1 2; do
  /usr/bin/time -v "$G" similar --jobs $j -q "$CACHE/$N_FILES/gen" "$T/planted" >"$T/cli$j.out" 2>"$T/cli$j.time"
  rc2=$?
  s=$(awk '/Elapsed \(wall/ {n = split($NF, p, ":"); print (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2])}' "$T/cli$j.time")
  say "   --jobs $j: $(wall "$T/cli$j.time") wall, $(awk -v n="$N_FILES" -v s="$s" 'BEGIN {printf "%.0f reports/s", (n + 2) / (s > 0 ? s : 1)}'), peak $(peak "$T/cli$j.time"), exit $rc2 ($MB MB of text)"
done
say "   found:"
sed 's/^/     /' "$T/cli2.out" | head -12
rm -rf "$T"
