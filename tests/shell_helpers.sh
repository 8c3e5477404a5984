# shell_helpers.sh: what the shell tests of corridor's command line share. Sourced after $bin
# (the corridor binary) is set: makes $tmp (removed on exit), the pass and fail counts with ok()
# and bad(), and runs $bin through its emulator in a cross build (the arm64 suite under qemu-user).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
if [ -n "${CORRIDOR_TEST_EMULATOR:-}" ]; then
    printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$CORRIDOR_TEST_EMULATOR" "$bin" >"$tmp/corridor"
    chmod +x "$tmp/corridor"
    bin=$tmp/corridor
fi
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
