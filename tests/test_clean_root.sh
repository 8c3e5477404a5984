#!/bin/bash
# test_clean_root.sh: installs corridor's .deb into a clean Debian 12 root, as a new screen would
# (`apt install ./corridor_*.deb` on a system that has never seen a -dev package), and shows
# that every library SDL opens for KMS/DRM with OpenGL ES is there and loads.
#
#   bash tests/test_clean_root.sh DEB
#
# Needs root, debootstrap and Debian's mirror (CORRIDOR_DEBIAN_MIRROR, default
# http://deb.debian.org/debian). Without them it says why and exits 77, which CTest and CI
# report as skipped. The bare root (about 70 s to make) is kept as a tarball in
# CORRIDOR_CLEAN_ROOT_CACHE (default /var/cache/corridor-test) and reused while under a week old.
set -euo pipefail

deb=$(realpath "${1:?usage: test_clean_root.sh DEB}")
mirror=${CORRIDOR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${CORRIDOR_CLEAN_ROOT_CACHE:-/var/cache/corridor-test}
failures=0
pass() { echo "test_clean_root: ok: $*"; }
fail() {
    echo "test_clean_root: FAIL: $*" >&2
    failures=$((failures + 1))
}
skip() {
    echo "test_clean_root: skipped: $*"
    exit 77
}

[ "$(id -u)" -eq 0 ] || skip "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed (apt-get install debootstrap)"
arch=$(dpkg --print-architecture)
[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] ||
    skip "$(basename "$deb") is not for this machine's architecture ($arch)"

root=$(mktemp -d /var/tmp/corridor-clean-root.XXXXXX)
cleanup() {
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT

tarball=$cache/bookworm-$arch-minbase.tar.gz
if [ -f "$tarball" ] && [ -n "$(find "$tarball" -mtime -7)" ]; then
    tar -xzf "$tarball" -C "$root"
    echo "test_clean_root: a clean bookworm root from $tarball"
else
    if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1; then
        tail -n 5 "$root.log"
        rm -f "$root.log"
        skip "debootstrap could not make a bookworm root from $mirror (no network?)"
    fi
    rm -f "$root.log"
    mkdir -p "$cache"
    tar -czf "$tarball.tmp" -C "$root" . && mv "$tarball.tmp" "$tarball"
fi

cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    DEBIAN_FRONTEND=noninteractive "$@"; }

if ! in_root apt-get update -qq >"$root/tmp/apt.log" 2>&1; then
    cat "$root/tmp/apt.log"
    skip "apt-get update failed in the clean root (no network?)"
fi
before=$(in_root dpkg-query -W -f '${Package}\n' | wc -l)
# No recommends, as on a Pi that keeps its install small: the Depends alone must make it play.
if in_root apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" \
    >"$root/tmp/apt.log" 2>&1; then
    after=$(in_root dpkg-query -W -f '${Package}\n' | wc -l)
    pass "apt-get install $(basename "$deb") into a clean bookworm root ($((after - before)) packages)"
else
    tail -n 20 "$root/tmp/apt.log" >&2
    fail "apt-get install $(basename "$deb") into a clean bookworm root"
    exit 1
fi

for pkg in libegl1 libgles2 libgl1 libegl-mesa0 libgl1-mesa-dri libgbm1 libudev1; do
    if [ "$(in_root dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ]; then
        pass "$pkg came with the package"
    else
        fail "$pkg did not come with the package"
    fi
done

# corridor itself loads what SDL would on KMS/DRM with OpenGL ES and reports each library.
if in_root corridor probe --libraries >"$root/tmp/probe.log" 2>&1; then
    pass "corridor probe --libraries: every library SDL needs for KMS/DRM with GLES loads"
else
    fail "corridor probe --libraries"
fi
sed 's/^/test_clean_root: /' "$root/tmp/probe.log"
if in_root corridor check /var/lib/corridor/playlist/example.yaml >/dev/null 2>&1; then
    pass "corridor check passes the installed example in the clean root"
else
    fail "corridor check on the installed example in the clean root"
fi

if [ "$failures" -ne 0 ]; then
    echo "test_clean_root: $failures check(s) failed" >&2
    exit 1
fi
