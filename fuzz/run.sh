#!/bin/sh
# run.sh: a time-boxed libFuzzer run of every fuzz target (what `make fuzz` does after building).
#
#   sh fuzz/run.sh [BUILD_DIR]          (default build-fuzz; FUZZ_SECONDS=20 by default)
#
# The corpus is a scratch copy of fuzz/seeds/ (plus ../shared/seeds/*.txt when that folder exists) in a
# temporary directory, so the repository is never modified. Crash, leak and timeout inputs are kept in
# BUILD_DIR/fuzz-artifacts/. Exits non-zero when libFuzzer finds a crash (or cannot run).
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build-fuzz}
case $BUILD in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
SECS=${FUZZ_SECONDS:-20}

TARGETS=$(find "$BUILD" -type f -name 'fuzz_*' -perm -u+x 2>/dev/null | sort)
if [ -z "$TARGETS" ]; then
    echo "fuzz/run.sh: no fuzz targets under $BUILD (build with: make fuzz)" >&2
    exit 2
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$SCRATCH"' EXIT
trap 'exit 130' INT TERM
CORPUS=$SCRATCH/corpus
mkdir -p "$CORPUS"
ART=$BUILD/fuzz-artifacts
mkdir -p "$ART"

nseeds=0
for f in "$ROOT"/fuzz/seeds/*; do
    [ -f "$f" ] || continue
    cp "$f" "$CORPUS/" && nseeds=$((nseeds + 1))
done
echo "fuzz/run.sh: $nseeds seeds from fuzz/seeds/"
SHARED=$ROOT/../shared/seeds
if [ -d "$SHARED" ]; then
    nshared=0
    for f in "$SHARED"/*.txt; do
        [ -f "$f" ] || continue
        cp "$f" "$CORPUS/shared-$(basename "$f")" && nshared=$((nshared + 1))
    done
    echo "fuzz/run.sh: $nshared seeds from $(cd "$SHARED" && pwd)/*.txt"
else
    echo "fuzz/run.sh: $SHARED does not exist; fuzzing from fuzz/seeds/ only"
fi

status=0
for BIN in $TARGETS; do
echo "fuzz/run.sh: running $(basename "$BIN") for ${SECS}s (artifacts in $ART/)"
LOG=$SCRATCH/fuzz.log
rm -rf "$SCRATCH/run" && cp -r "$CORPUS" "$SCRATCH/run"
"$BIN" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -max_total_time="$SECS" -print_final_stats=1 \
    -artifact_prefix="$ART/" "$SCRATCH/run" >"$LOG" 2>&1
rc=$?

# The interesting part of the log: the seed import, the last status line, the final stats, and any report.
grep -E '^INFO: (seed corpus|-max_len)|INITED|^#[0-9]+.*(DONE|NEW|REDUCE|pulse)' "$LOG" | tail -n 3
grep -E '^stat::' "$LOG"
if [ "$rc" -ne 0 ]; then
    echo "fuzz/run.sh: libFuzzer exited with $rc — it found a problem:" >&2
    grep -nE 'ERROR: |SUMMARY: |runtime error|contract broken|Test unit written|==[0-9]+==' "$LOG" | head -n 40 >&2
    echo "--- last lines of the log ---" >&2
    tail -n 60 "$LOG" >&2
    sed -n 's/.*Test unit written to //p' "$LOG" | while read -r a; do
        echo "fuzz/run.sh: reproduce with: $BIN $a" >&2
    done
    status=1
    continue
fi
echo "fuzz/run.sh: $(basename "$BIN"): no crash in ${SECS}s"
done
exit $status
