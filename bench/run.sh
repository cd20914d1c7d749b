#!/usr/bin/env bash
# gongkai benchmarks (issue 6, item 7): speed, memory and exactness against the pandas baseline.
# usage: bench/run.sh [--quick] [--no-profile] [--no-build]      (see bench/README.md)
set -uo pipefail     # no -e: a failed measurement is reported and the run goes on

usage() { sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; }
QUICK=0 PROFILE=1 BUILD=1
for a in "$@"; do
  case $a in
    --quick) QUICK=1 ;;
    --no-profile) PROFILE=0 ;;
    --no-build) BUILD=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $a" >&2; usage >&2; exit 64 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
SHARED=${GK_BENCH_SHARED:-$(cd "$ROOT/../shared/bench" 2>/dev/null && pwd)}
BUILD_DIR=${GK_BENCH_BUILD:-/tmp/build-bench}
CACHE_ROOT=${GK_BENCH_CACHE:-/tmp/gongkai-bench-cache}
PY=/usr/bin/python3                     # Debian's: python3-pandas lives there
NPROC=$(nproc)
JOBS2=2                                 # the targets are stated for --jobs 2
W=$(mktemp -d /tmp/gongkai-bench-run.XXXXXX)
RES=$W/results
: >"$RES"
exec > >(tee "$W/output.txt") 2>&1
T_START=$(date +%s)

have() { command -v "$1" >/dev/null 2>&1; }
say() { printf '%s\n' "$*"; }
section() { printf '\n== %s   [load %s]\n' "$*" "$(cut -d' ' -f1 /proc/loadavg)"; }
die() { say "run.sh: $*"; exit 1; }
stat_() { "$PY" "$HERE/stats.py" "$@"; }
bytes_of() { # EXT DIR... : total size of the report files
  local ext=$1; shift
  find "$@" -type f -name "*.$ext" -printf '%s\n' | awk '{s += $1} END {printf "%d\n", s}'
}
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1e6}'; }
cpu_ratio() { awk -v a="$(grep "^$1.cpu " "$RES" | cut -d' ' -f2)" -v b="$(grep "^$2.cpu " "$RES" | cut -d' ' -f2)" 'BEGIN {printf "%.1f", a / b}'; }
count_of() { local ext=$1; shift; find "$@" -type f -name "*.$ext" | wc -l; }

[ -n "$SHARED" ] && [ -f "$SHARED/gen_report.py" ] || die "../shared/bench/gen_report.py not found (set GK_BENCH_SHARED)"
"$PY" -c 'import pandas, lxml' 2>/dev/null ||
  die "$PY lacks pandas/lxml: apt-get install -y python3-pandas python3-lxml python3-bs4 python3-html5lib"
have /usr/bin/time || [ -x /usr/bin/time ] || die "/usr/bin/time missing: apt-get install -y time"

if [ "$QUICK" = 1 ]; then R_FAST=3 R_SLOW=1 WARM=1; else R_FAST=5 R_SLOW=3 WARM=1; fi

# measure KEY LABEL RUNS WARMUP BYTES REPORTS CMD... : median of RUNS timed runs (hyperfine when present)
measure() {
  local key=$1 label=$2 runs=$3 warm=$4 nbytes=$5 nrep=$6; shift 6
  local out=$W/hf.$key.json
  if have hyperfine; then
    hyperfine -N -i --style none --runs "$runs" --warmup "$warm" --export-json "$out" "$*" >/dev/null 2>"$W/hf.$key.err"
  else
    stat_ time "$runs" "$warm" "$out" "$@"
  fi
  if [ -s "$out" ]; then stat_ row "$RES" "$key" "$label" "$out" $nbytes $nrep
  else say "  $label: measurement failed ($(tail -1 "$W/hf.$key.err" 2>/dev/null))"; fi
}
# peak RSS in KiB of one run: peak KEY CMD...
peak() {
  local key=$1; shift
  /usr/bin/time -v -o "$W/time.$key" "$@" >/dev/null 2>"$W/err.$key"
  local rc=$? kb
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$W/time.$key")
  local el; el=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$W/time.$key")
  stat_ put "$RES" "rss.$key" "$kb"
  printf '  %-44s %8.1f MB peak RSS   (%s wall, exit %s)\n' "$key" "$(awk -v k="$kb" 'BEGIN {print k / 1024}')" "$el" "$rc"
}
# false findings: falsefind NAME EXPECTED_REPORTS INPUT... (check --lang en, every finding counted)
falsefind() {
  local name=$1 expected=$2; shift 2
  /usr/bin/time -v -o "$W/time.ff.$name" "$GK" check --lang en --jobs "$JOBS2" "$@" >"$W/ff.$name.out" 2>"$W/ff.$name.err"
  local rc=$? ne nw nrep
  ne=$(grep -c ': error: ' "$W/ff.$name.out"); nw=$(grep -c ': warning: ' "$W/ff.$name.out")
  nrep=$(sed -n 's/.* \([0-9][0-9]*\) report(s) checked.*/\1/p' "$W/ff.$name.err" | tail -1)
  stat_ put "$RES" "falsefind.$name" "$ne,$nw,$rc,${nrep:-0},$expected"
  printf '  %-30s %6s reports checked (of %s): %s errors, %s warnings, exit %s\n' "$name" "${nrep:-?}" "$expected" "$ne" "$nw" "$rc"
  [ "$ne" = 0 ] && [ "$nw" = 0 ] || { say "    first findings:"; head -5 "$W/ff.$name.out" | sed 's/^/      /'; }
  grep -v 'report(s) checked\|formats:' "$W/ff.$name.err" | head -3 | sed 's/^/    stderr: /'
}

# ---------------------------------------------------------------------------------------------------------
section "machine"
say "  cpu:      $(lscpu | sed -n 's/^Model name: *//p' | head -1) ($(lscpu | sed -n 's/^Vendor ID: *//p' | head -1), family $(lscpu | sed -n 's/^CPU family: *//p' | head -1) model $(lscpu | sed -n 's/^Model: *//p' | head -1))"
say "  cores:    $NPROC online ($(lscpu | sed -n 's/^Core(s) per socket: *//p') per socket, $(lscpu | sed -n 's/^Thread(s) per core: *//p') thread(s) per core, $(lscpu | sed -n 's/^Socket(s): *//p') socket(s)); $(lscpu | sed -n 's/^Hypervisor vendor: *//p' | sed 's/^\(.\)/virtualised: \1/')"
say "  caches:   L1d $(lscpu | sed -n 's/^L1d cache: *//p'), L2 $(lscpu | sed -n 's/^L2 cache: *//p'), L3 $(lscpu | sed -n 's/^L3 cache: *//p')"
say "  memory:   $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
say "  os:       $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r) $(uname -m)"
say "  disk:     $(df -h /tmp | awk 'NR==2 {print $1 " (" $2 ") for /tmp"}'), $(findmnt -no FSTYPE -T /tmp 2>/dev/null)"
say "  load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) at start — other work on this machine slows wall times; CPU times are given too"
say "  tools:    $(cc --version | head -1); $(cmake --version | head -1); $(have hyperfine && hyperfine --version || echo 'no hyperfine: own median loop'); $(valgrind --version 2>/dev/null)"
say "  python:   $($PY -c 'import sys, pandas, lxml.etree as e; print("Python", sys.version.split()[0], "pandas", pandas.__version__, "lxml", ".".join(map(str, e.LXML_VERSION)))')"
say "  gongkai:  $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet HEAD -- src include CMakeLists.txt 2>/dev/null || echo ' + uncommitted changes in src/') ($ROOT)"

section "build (Release, $BUILD_DIR)"
if [ "$BUILD" = 1 ]; then
  if cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >"$W/build.log" 2>&1 &&
     cmake --build "$BUILD_DIR" -j2 --target gongkai-cli >>"$W/build.log" 2>&1; then
    say "  built $BUILD_DIR/gongkai"
  else
    tail -20 "$W/build.log"; die "build failed (log: $W/build.log)"
  fi
fi
GK=${GK_BENCH_BIN:-$BUILD_DIR/gongkai}
[ -x "$GK" ] || die "no gongkai binary at $GK"
say "  $("$GK" --version), $(grep -m1 'CMAKE_C_FLAGS_RELEASE:' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null | cut -d= -f2)"

# ---------------------------------------------------------------------------------------------------------
section "data (cached in $CACHE_ROOT; generated once per version of the generator)"
KEY=$(cat "$SHARED/gen_report.py" "$HERE/gen_set.py" | sha256sum | cut -c1-12)
C=$CACHE_ROOT/$KEY
mkdir -p "$C/txt100k"
gen_full() { # NAME FORMAT COUNT : gen_report.py itself, with truth files
  [ -f "$C/$1.done" ] && return
  rm -rf "${C:?}/$1"
  "$PY" "$SHARED/gen_report.py" "$C/$1" "$3" --format "$2" --seed 1 && touch "$C/$1.done"
}
gen_chunk() { # I : reports I*1000 .. I*1000+999 of the txt set (seed 1), no truth
  local d; d=$(printf '%s/txt100k/c%03d' "$C" "$1")
  rm -rf "$d"
  "$PY" "$HERE/gen_set.py" "$SHARED/gen_report.py" "$d" $(($1 * 1000)) $((($1 + 1) * 1000)) --format txt --seed 1 --no-truth &&
    touch "$d.done"
}
gen_chunks() { # N : make sure chunks 0..N-1 exist, several processes at once
  local missing=() i
  for ((i = 0; i < $1; i++)); do [ -f "$(printf '%s/txt100k/c%03d.done' "$C" "$i")" ] || missing+=("$i"); done
  [ ${#missing[@]} = 0 ] && return
  local t0=$SECONDS P=$((NPROC * 2))
  say "  generating ${#missing[@]} chunk(s) of 1,000 txt reports with $P processes…"
  export -f gen_chunk; export C HERE SHARED PY
  printf '%s\n' "${missing[@]}" | xargs -P "$P" -I{} bash -c 'gen_chunk {}'
  say "  … done in $((SECONDS - t0)) s"
}
chunks() { local i; for ((i = 0; i < $1; i++)); do printf '%s/txt100k/c%03d\n' "$C" "$i"; done; }

t0=$SECONDS
gen_full html300 html 300; gen_full txt300 txt 300
if [ "$QUICK" = 0 ]; then
  if [ ! -f "$C/html1000.done" ]; then
    rm -rf "$C/html1000"
    pids=() ok=1
    for s in 0 250 500 750; do
      "$PY" "$HERE/gen_set.py" "$SHARED/gen_report.py" "$C/html1000" $s $((s + 250)) --format html --seed 1 --no-truth &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || ok=0; done    # (a bare wait would also wait for the tee below)
    [ "$ok" = 1 ] && touch "$C/html1000.done"
  fi
  gen_chunks 100
else
  gen_chunks 10
fi
H300=$C/html300 T300=$C/txt300
mapfile -t C10K < <(chunks 10)
mapfile -t C2K < <(chunks 2)

# Markdown: gongkai's own rendering of the txt reports (depends on the binary, so made per run)
render_md() { # OUTDIR FILE...
  local out=$1; shift; mkdir -p "$out"
  printf '%s\n' "$@" | xargs -P "$NPROC" -I{} sh -c '"$0" render "$1" --to md -o "$2/$(basename "$1" .txt).md"' "$GK" {} "$out"
}
render_md "$W/md300" "$T300"/*.txt
if [ "$QUICK" = 0 ]; then render_md "$W/md1000" "${C10K[0]}"/*.txt; fi
say "  300 html $(bytes_of html "$H300") B, 300 txt $(bytes_of txt "$T300") B, 300 md $(bytes_of md "$W/md300") B, $(count_of txt "$C/txt100k") txt in the 100k cache ($(du -sh "$C/txt100k" | cut -f1)); ready in $((SECONDS - t0)) s"

# Is the HTML reader in?
HTML=1
"$GK" check -q --jobs 1 "$H300/report_00000.html" >/dev/null 2>"$W/html.probe"
if [ $? = 2 ]; then HTML=0; say "  HTML not read by this build ($(head -1 "$W/html.probe")): HTML measurements skipped"; fi
MD=1
[ "$(count_of md "$W/md300")" = 300 ] || { MD=0; say "  render --to md did not produce 300 files: Markdown skipped"; }

# ---------------------------------------------------------------------------------------------------------
section "(a) gongkai parse --jsonl vs pandas.read_html (extract_pandas.py, lxml) — 300 reports, seed 1, end to end"
HB=$(bytes_of html "$H300") TB=$(bytes_of txt "$T300") MB_=$(bytes_of md "$W/md300")
if [ "$HTML" = 1 ]; then
  measure a.html.j1 "gongkai parse --jsonl --jobs 1, 300 html" "$R_FAST" "$WARM" "$HB" 300 "$GK" parse --jsonl --jobs 1 "$H300"
  measure a.html.j2 "gongkai parse --jsonl --jobs $JOBS2, 300 html" "$R_FAST" "$WARM" "$HB" 300 "$GK" parse --jsonl --jobs "$JOBS2" "$H300"
fi
measure a.pandas "pandas extract_pandas.py, 300 html" "$R_SLOW" "$WARM" "$HB" 300 "$PY" "$SHARED/extract_pandas.py" "$H300"/*.html
measure a.txt.j1 "gongkai parse --jsonl --jobs 1, 300 txt" "$R_FAST" "$WARM" "$TB" 300 "$GK" parse --jsonl --jobs 1 "$T300"
measure a.txt.j2 "gongkai parse --jsonl --jobs $JOBS2, 300 txt" "$R_FAST" "$WARM" "$TB" 300 "$GK" parse --jsonl --jobs "$JOBS2" "$T300"
say "  (pandas cannot read the txt layout: read_html needs <table>; the txt row is gongkai alone)"
if [ "$HTML" = 1 ]; then
  say "  speed-up over pandas, same 300 HTML files: $(stat_ ratio "$RES" speedup.html.j2 a.pandas a.html.j2)× with --jobs $JOBS2, $(stat_ ratio "$RES" speedup.html.j1 a.pandas a.html.j1)× with --jobs 1 (target ≥ 50×)"
  c2=$(cpu_ratio a.pandas a.html.j2) c1=$(cpu_ratio a.pandas a.html.j1)
  stat_ put "$RES" speedup.html.cpu.j2 "$c2"; stat_ put "$RES" speedup.html.cpu.j1 "$c1"
  say "  by CPU time (user+sys, all threads; less sensitive to other load on the machine): $c2× (--jobs $JOBS2), $c1× (--jobs 1)"
  say "  (pandas only splits tables into DataFrames; gongkai also recognises every cell, checks every rule, writes JSON)"
fi
say "  correctness: every value of parse --jsonl against the truth files (agency, year, all 200 cells of t2/t3/t4)"
verify() { # NAME INPUT TRUTHDIR
  "$GK" parse --jsonl --jobs "$JOBS2" "$2" >"$W/$1.jsonl" 2>"$W/$1.parse.err"
  local rc=$? line
  line=$("$PY" "$HERE/verify.py" "$W/$1.jsonl" "$3" 300)
  say "    $1: $(head -1 <<<"$line") (parse exit $rc)"
  tail -n +2 <<<"$line" | sed 's/^/    /'
  stat_ put "$RES" "mismatch.$1" "$(sed -n '1s/.*values: \([0-9]*\) mismatches.*/\1/p' <<<"$line")"
  stat_ put "$RES" "values.$1" "$(sed -n '1s/.*reports, \([0-9]*\) values.*/\1/p' <<<"$line")"
}
[ "$HTML" = 1 ] && verify html300 "$H300" "$H300"
verify txt300 "$T300" "$T300"
[ "$MD" = 1 ] && verify md300 "$W/md300" "$T300"

# ---------------------------------------------------------------------------------------------------------
section "(b) throughput: gongkai check -q, --jobs 1 (one core) and --jobs $JOBS2"
if [ "$QUICK" = 1 ]; then
  SET_txt=("${C2K[@]}") SET_html=("$H300") SET_md=("$W/md300")
else
  SET_txt=("${C10K[@]}") SET_html=("$C/html1000") SET_md=("$W/md1000")
fi
for f in txt html md; do
  [ "$f" = html ] && [ "$HTML" = 0 ] && continue
  [ "$f" = md ] && [ "$MD" = 0 ] && continue
  declare -n S="SET_$f"
  nb=$(bytes_of "$f" "${S[@]}") nr=$(count_of "$f" "${S[@]}")
  stat_ put "$RES" "set.$f" "$nr files, $(mb "$nb") MB"
  say "  $f: $nr reports, $nb bytes ($((nb / nr)) B per report)"
  measure "check.$f.j1" "check -q --jobs 1, $f" "$R_FAST" "$WARM" "$nb" "$nr" "$GK" check -q --jobs 1 "${S[@]}"
  measure "check.$f.j2" "check -q --jobs $JOBS2, $f" "$R_FAST" "$WARM" "$nb" "$nr" "$GK" check -q --jobs "$JOBS2" "${S[@]}"
  say "  scaling --jobs 1 → $JOBS2: $(stat_ ratio "$RES" "scaling.$f" "check.$f.j1" "check.$f.j2")×"
  unset -n S
done

# ---------------------------------------------------------------------------------------------------------
section "(c) peak memory (/usr/bin/time -v, maximum resident set size), txt reports, --jobs $JOBS2"
peak check.1000 "$GK" check -q --jobs "$JOBS2" "${C10K[0]}"
peak check.10000 "$GK" check -q --jobs "$JOBS2" "${C10K[@]}"
peak parse.1000 "$GK" parse --jsonl --jobs "$JOBS2" "${C10K[0]}"
peak parse.10000 "$GK" parse --jsonl --jobs "$JOBS2" "${C10K[@]}"
[ "$HTML" = 1 ] && peak check.html300 "$GK" check -q --jobs "$JOBS2" "$H300"
k1=$(grep '^rss.check.1000 ' "$RES" | cut -d' ' -f2) k10=$(grep '^rss.check.10000 ' "$RES" | cut -d' ' -f2)
say "  check grows $(awk -v a="$k1" -v b="$k10" 'BEGIN {printf "%.0f", (b - a) * 1024 / 9000}') bytes per report between 1,000 and 10,000 → $(awk -v a="$k1" -v b="$k10" 'BEGIN {printf "%.0f", (a + (b - a) / 9000 * 99000) / 1024}') MB expected at 100,000 (measured in (d))"

# ---------------------------------------------------------------------------------------------------------
section "(e) no false finding on consistent reports: gongkai check --lang en --jobs $JOBS2 (every finding counted)"
[ "$HTML" = 1 ] && falsefind html300 300 "$H300"
falsefind txt300 300 "$T300"
[ "$MD" = 1 ] && falsefind md300 300 "$W/md300"
falsefind txt10000 10000 "${C10K[@]}"
if [ "$QUICK" = 0 ]; then
  [ "$HTML" = 1 ] && falsefind html1000 1000 "$C/html1000"
  [ "$MD" = 1 ] && falsefind md1000 1000 "$W/md1000"
fi

# ---------------------------------------------------------------------------------------------------------
section "(d) 100,000 txt reports: gongkai check -q --jobs $JOBS2"
if [ "$QUICK" = 1 ]; then
  say "  skipped (--quick)"; stat_ put "$RES" skip.d 1
else
  nb=$(bytes_of txt "$C/txt100k") nr=$(count_of txt "$C/txt100k")
  say "  $nr reports, $nb bytes, in 100 folders of 1,000 ($C/txt100k)"
  say "  first run: findings counted, peak memory (also warms the page cache)"
  falsefind txt100000 100000 "$C/txt100k"
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$W/time.ff.txt100000")
  stat_ put "$RES" rss.check.100000 "$kb"
  say "  peak RSS $(awk -v k="$kb" 'BEGIN {printf "%.1f", k / 1024}') MB; wall $(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$W/time.ff.txt100000")"
  measure check.txt100k.j2 "check -q --jobs $JOBS2, 100,000 txt" 3 0 "$nb" "$nr" "$GK" check -q --jobs "$JOBS2" "$C/txt100k"
  peak parse.100000 "$GK" parse --jsonl --jobs "$JOBS2" "$C/txt100k"
fi

# ---------------------------------------------------------------------------------------------------------
if [ "$PROFILE" = 1 ]; then
  section "profile: callgrind, --jobs 1, 50 txt and 50 html reports (Release + -g build, $BUILD_DIR-prof)"
  PB=$BUILD_DIR-prof
  if cmake -S "$ROOT" -B "$PB" -DCMAKE_BUILD_TYPE=Release -DGK_TESTS=OFF -DCMAKE_C_FLAGS="-g -fno-omit-frame-pointer" >"$W/prof-build.log" 2>&1 &&
     cmake --build "$PB" -j2 --target gongkai-cli >>"$W/prof-build.log" 2>&1 && have valgrind; then
    top15() { # FILE [--inclusive=yes] : the 15 biggest functions (libraries named, recursion merged)
      callgrind_annotate "$@" 2>/dev/null | awk '/^-+$/ {sep++} sep >= 4 && /[0-9] \(/' | grep -v 'PROGRAM TOTALS' |
        sed -e 's|???:\([^ ]*\) \[[^]]*/\([^]/]*\)\]$|\2:\1|' -e 's| \[[^]]*\]$||' -e "s|$ROOT/||" \
            -e 's|\./[^ :]*:|libc:|' | awk '!seen[$NF]++' | head -15 | sed 's/^/    /'
    }
    irs() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
    for f in txt html; do
      [ "$f" = html ] && [ "$HTML" = 0 ] && continue
      d=$T300; [ "$f" = html ] && d=$H300
      mapfile -t files < <(ls "$d"/*."$f" | head -50)
      nb=$(cat "${files[@]}" | wc -c)
      for cmd in check parse; do
        out=$W/callgrind.$cmd.$f.out
        if [ $cmd = check ]; then args=(check -q --jobs 1); else args=(parse --jsonl --jobs 1); fi
        valgrind --tool=callgrind --callgrind-out-file="$out" "$PB/gongkai" "${args[@]}" "${files[@]}" >/dev/null 2>"$out.log"
        valgrind --tool=callgrind --callgrind-out-file="$out.one" "$PB/gongkai" "${args[@]}" "${files[0]}" >/dev/null 2>"$out.one.log"
        ir=$(irs "$out") ir1=$(irs "$out.one")
        per=$(((ir - ir1) / 49))
        say ""
        say "  gongkai ${args[*]} on 50 $f ($nb bytes): $(printf "%'d" "$ir") instructions in all; start-up and one report $(printf "%'d" "$ir1");"
        say "    each further report $(printf "%'d" "$per") instructions = $((per * 50 / nb)) per byte"
        stat_ put "$RES" "ir.$cmd.$f" "$per"
        say "  top 15 functions by own (exclusive) instructions:"
        top15 "$out"
        if [ $cmd = check ]; then
          say "  top 15 by inclusive instructions (a function and what it calls):"
          top15 --inclusive=yes "$out"
        fi
      done
    done
    say ""
    say "  callgrind files: $W/callgrind.*.out (callgrind_annotate --auto=yes FILE for line level)"
  else
    say "  profile build or valgrind unavailable (log: $W/prof-build.log)"
  fi

  section "perf stat: check -q --jobs $JOBS2 on ${#SET_txt[@]},000 txt reports"
  if have perf; then
    perf stat -e task-clock,context-switches,cpu-migrations,page-faults,cycles,instructions,branches,branch-misses \
      "$GK" check -q --jobs "$JOBS2" "${SET_txt[@]}" 2>&1 >/dev/null | sed -n '/Performance counter/,$p' | grep -v '^ *$' |
      sed -e "s|for '.*':|for 'gongkai check -q --jobs $JOBS2 <${#SET_txt[@]} folders of 1,000 txt>':|" -e 's/^/  /'
    say "  (<not supported>: this virtual machine exposes no hardware counters; callgrind gives instruction counts)"
  else
    say "  perf not installed"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
section "summary ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg) at end, $(( $(date +%s) - T_START )) s in all)"
stat_ summary "$RES"
say ""
say "  every number and log: $W"
