#!/bin/sh
# sanitize.sh: builds corridor with AddressSanitizer and UndefinedBehaviorSanitizer and runs every test under them.
#
# Environment: SANITIZE_BUILD (default build-asan); SANITIZE_CC (default: CMake's choice, gcc
# here; clang works too). The tests that run corridor under valgrind are left out (valgrind and
# the sanitizers cannot share a process). Every sanitizer report, from a test or from a program a
# test starts, is also written to $SANITIZE_BUILD/sanitizer-logs/, and any report there fails the
# run, even when the test that caused it ignored the exit status.
set -eu
cd "$(dirname "$0")/.."
BUILD=${SANITIZE_BUILD:-build-asan}
case $BUILD in
/*) LOGS=$BUILD/sanitizer-logs ;;
*) LOGS=$PWD/$BUILD/sanitizer-logs ;;
esac

cmake -S . -B "$BUILD" -DCORRIDOR_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    ${SANITIZE_CC:+-DCMAKE_C_COMPILER="$SANITIZE_CC"}
cmake --build "$BUILD" -j"$(nproc)"

rm -rf "$LOGS"
mkdir -p "$LOGS"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:log_path=$LOGS/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$LOGS/ubsan"
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
status=0
ctest --test-dir "$BUILD" -E valgrind --output-on-failure -j"$(nproc)" || status=1

if [ -n "$(ls -A "$LOGS")" ]; then
    echo "sanitize.sh: sanitizer reports:" >&2
    for f in "$LOGS"/*; do
        echo "---- $f" >&2
        cat "$f" >&2
    done
    status=1
fi
exit $status
