#!/bin/sh
# fuzz.sh: builds corridor's libFuzzer targets with clang and runs each for FUZZ_SECONDS; fails on any finding.
#
# Environment: FUZZ_SECONDS (default 60) per target; FUZZ_BUILD (default build-fuzz);
# FUZZ_TARGETS (default "fuzz_playlist fuzz_values fuzz_image fuzz_urgent fuzz_ics fuzz_video").
# The growing corpora stay in fuzz/corpus-run/ (not committed) and make later runs go deeper;
# anything found is kept in fuzz/corpus-run/findings/ (crash-*, leak-*, timeout-*, oom-*), and
# reproduced with: build-fuzz/fuzz/fuzz_playlist FILE
set -eu
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
BUILD=${FUZZ_BUILD:-build-fuzz}
TARGETS=${FUZZ_TARGETS:-fuzz_playlist fuzz_values fuzz_image fuzz_urgent fuzz_ics fuzz_video}
RUN=fuzz/corpus-run
FINDINGS=$RUN/findings

# Warnings stay warnings here: clang warns about things gcc (the CI compiler) does not.
mkdir -p "$BUILD"
cmake -S . -B "$BUILD" -DCMAKE_C_COMPILER=clang -DCORRIDOR_FUZZ=ON -DCORRIDOR_SANITIZE=ON \
    -DCORRIDOR_WERROR=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$BUILD/fuzz-configure.log" 2>&1 ||
    { cat "$BUILD/fuzz-configure.log"; exit 1; }
# shellcheck disable=SC2086 # TARGETS is a list of words
cmake --build "$BUILD" -j"$(nproc)" --target $TARGETS

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
export SDL_VIDEODRIVER=dummy
mkdir -p "$FINDINGS"
status=0
for t in $TARGETS; do
    case $t in
    fuzz_playlist) seeds=playlist max_len=16384 dict=-dict=fuzz/playlist.dict ;;
    fuzz_values) seeds=values max_len=256 dict=-dict=fuzz/values.dict ;;
    fuzz_image) seeds=image max_len=65536 dict=-dict=fuzz/image.dict ;;
    fuzz_urgent) seeds=urgent max_len=4096 dict=-dict=fuzz/urgent.dict ;;
    fuzz_ics) seeds=ics max_len=16384 dict=-dict=fuzz/ics.dict ;;
    fuzz_video) seeds=video max_len=65536 dict=-dict=fuzz/video.dict ;;
    *) echo "fuzz.sh: unknown target $t" >&2; exit 2 ;;
    esac
    mkdir -p "$RUN/$t"
    log=$RUN/$t.log
    before=$(ls "$FINDINGS" | wc -l)
    echo "fuzz.sh: $t for ${SECONDS_EACH}s"
    rc=0
    "$BUILD/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len="$max_len" -rss_limit_mb=2048 \
        -timeout=10 -detect_leaks=1 -print_final_stats=1 "$dict" \
        -artifact_prefix="$FINDINGS/$t-" "$RUN/$t" "fuzz/corpus/$seeds" >"$log" 2>&1 || rc=$?
    after=$(ls "$FINDINGS" | wc -l)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz.sh: $t: ${runs:-?} runs, exit $rc, corpus $(ls "$RUN/$t" | wc -l) files"
    if [ "$rc" -ne 0 ] || [ "$after" -ne "$before" ] ||
        grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
        echo "fuzz.sh: $t FOUND A PROBLEM; the report ($log) ends:" >&2
        tail -n 60 "$log" >&2
        status=1
    fi
done
exit $status
