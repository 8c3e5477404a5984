#!/bin/bash
# test_package.sh: builds corridor's .deb, inspects it, installs, upgrades, removes and purges it.
#
#   bash tests/test_package.sh BUILD_DIR
#
# BUILD_DIR must be configured with CMAKE_INSTALL_PREFIX=/usr (the default). The inspection
# runs anywhere; installing needs root and apt (CI, a container): without them the script
# stops after the inspection with status 77, which CTest reports as skipped.
set -euo pipefail

build=${1:?usage: test_package.sh BUILD_DIR}
build=$(cd "$build" && pwd)
failures=0

pass() { echo "test_package: ok: $*"; }
fail() {
    echo "test_package: FAIL: $*" >&2
    failures=$((failures + 1))
}
# check DESCRIPTION COMMAND...: runs COMMAND and records whether it succeeded.
check() {
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "test_package: $failures check(s) failed" >&2
        exit 1
    fi
    exit "${1:-0}"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- Build ---------------------------------------------------------------------------------
rm -f "$build"/corridor_*.deb
cmake --build "$build" --target package >"$tmp/build.log" 2>&1 || {
    cat "$tmp/build.log" >&2
    fail "cmake --build $build --target package"
    finish
}
deb=$(ls "$build"/corridor_*.deb)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
arch=$(dpkg --print-architecture)
check "package file name corridor_${version}_${arch}.deb" \
    test "$(basename "$deb")" = "corridor_${version}_${arch}.deb"

# --- Control fields (dpkg-deb -I) ----------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: corridor" test "$(field Package)" = corridor
check "Version: $version (from project())" test "$(field Version)" = "$version"
check "Architecture: $arch" test "$(field Architecture)" = "$arch"
maintainer=$(field Maintainer)
check "Maintainer '$maintainer' is Name <user@host.domain>, not a placeholder host" \
    grep -Eqx '[^<>@]+ <[^<>@ ]+@[^<>@ ]+\.[^<>@ ]+>' <<<"$maintainer"
check "Maintainer is not @localhost" test -z "$(grep -F localhost <<<"$maintainer" || true)"
depends=$(field Depends)
echo "test_package: Depends: $depends"
# SDL opens EGL, GLES (and GL), Mesa's EGL and drivers, GBM and libudev itself on KMS/DRM, which
# dpkg-shlibdeps cannot see; a fresh Raspberry Pi OS Lite has none of the first four.
for dep in fonts-dejavu-core fonts-noto-color-emoji libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 \
    libyaml-0-2 libfribidi0 libpng16-16 libical3 adduser libegl1 libgles2 libgl1 libegl-mesa0 libgl1-mesa-dri libgbm1 libudev1; do
    check "Depends names $dep" grep -Eq "(^|, )$dep( |,|$)" <<<"$depends"
done
check "Depends has versions from dpkg-shlibdeps" grep -q 'libc6 (>= ' <<<"$depends"
# Video slides (on where FFmpeg's libraries were found): the package depends on them.
if grep -q '^CORRIDOR_VIDEO:BOOL=ON' "$build/CMakeCache.txt"; then
    for lib in libavformat libavcodec libavutil libswscale; do
        check "Depends names $lib (video)" grep -Eq "(^|, )$lib[0-9]+( |,|$)" <<<"$depends"
    done
fi

dpkg-deb -e "$deb" "$tmp/control"
for script in postinst prerm postrm; do
    check "$script is an executable shell script" test -x "$tmp/control/$script"
    check "$script passes sh -n" sh -n "$tmp/control/$script"
done
check "conffiles lists /etc/corridor/corridor.conf" grep -qx /etc/corridor/corridor.conf \
    "$tmp/control/conffiles"
check "conffiles lists /etc/corridor/sync.conf" grep -qx /etc/corridor/sync.conf \
    "$tmp/control/conffiles"

# --- Files and modes (dpkg-deb -c) ---------------------------------------------------------
# One line per entry: "MODE OWNER PATH" (paths may hold spaces).
dpkg-deb -c "$deb" |
    awk '{ p = $6; for (i = 7; i <= NF; i++) p = p " " $i; print $1, $2, p }' >"$tmp/list"
expect() {
    check "$2 is in the package as $1 root/root" grep -qxF -e "$1 root/root ./$2" "$tmp/list"
}
expect -rwxr-xr-x usr/bin/corridor
expect -rwxr-xr-x usr/libexec/corridor/corridor-sync
expect -rw-r--r-- etc/corridor/corridor.conf
expect -rw-r--r-- etc/corridor/sync.conf
expect -rw-r--r-- lib/systemd/system/corridor.service
expect -rw-r--r-- lib/systemd/system/corridor-sync.service
expect -rw-r--r-- lib/systemd/system/corridor-sync.timer
expect -rw-r--r-- lib/systemd/system/corridor-sync-urgent.service
expect -rw-r--r-- lib/systemd/system/corridor-sync-urgent.timer
expect -rw-r--r-- usr/share/man/man1/corridor.1.gz
expect -rw-r--r-- usr/share/man/man5/corridor-playlist.5.gz
expect -rw-r--r-- usr/share/corridor/playlist.schema.json
expect -rw-r--r-- usr/share/corridor/playlists/example.yaml
expect -rw-r--r-- usr/share/corridor/playlists/social-work-week.yaml
expect -rw-r--r-- usr/share/corridor/playlists/training-2024.yaml
expect -rw-r--r-- usr/share/corridor/playlists/welcome.yaml
expect -rw-r--r-- usr/share/doc/corridor/install-raspberry-pi.md
expect -rw-r--r-- usr/share/doc/corridor/many-screens.md
expect -rw-r--r-- usr/share/doc/corridor/examples/firstboot/corridor-firstboot.sh
expect -rw-r--r-- usr/share/doc/corridor/examples/firstboot/journald-corridor.conf
expect -rw-r--r-- usr/share/doc/corridor/copyright
expect -rw-r--r-- usr/share/doc/corridor/changelog.gz
check "the example's images are in the package" \
    grep -q ' ./usr/share/corridor/playlists/assets/.*\.png$' "$tmp/list"
check "every entry is owned by root/root" \
    test -z "$(awk '$2 != "root/root"' "$tmp/list")"
check "nothing is writable by group or others" \
    test -z "$(awk 'substr($1, 1, 1) != "l" && (substr($1, 6, 1) == "w" || substr($1, 9, 1) == "w")' "$tmp/list")"
check "nothing is under /usr/local" test -z "$(grep ' ./usr/local' "$tmp/list" || true)"

dpkg-deb -x "$deb" "$tmp/root"
for page in usr/share/man/man1/corridor.1.gz usr/share/man/man5/corridor-playlist.5.gz; do
    check "$page is gzip" gzip -t "$tmp/root/$page"
    if command -v groff >/dev/null 2>&1; then
        check "$page renders without groff warnings" \
            test -z "$(zcat "$tmp/root/$page" | groff -man -ww -z 2>&1)"
    fi
done
check "the binary is stripped" \
    test -z "$(readelf -S "$tmp/root/usr/bin/corridor" 2>/dev/null | grep -F .debug_info || true)"
# Debian's hardening flags (dpkg-buildflags, hardening=+all) are in the program.
bin="$tmp/root/usr/bin/corridor"
check "the binary is linked with bindnow" grep -q BIND_NOW <(readelf -d "$bin")
check "the binary has a read-only relocation segment (relro)" grep -q GNU_RELRO <(readelf -lW "$bin")
check "the binary is built with _FORTIFY_SOURCE (__*_chk calls)" grep -q '_chk@' <(nm -D "$bin")
check "the binary is built with the stack protector" grep -q __stack_chk_fail <(nm -D "$bin")
check "the copyright file says MIT (Expat), the corridor authors" \
    grep -q '^Copyright: .*the corridor authors' "$tmp/root/usr/share/doc/corridor/copyright"
check "the changelog's first entry is version $version" \
    grep -q "^corridor ($version) " <(zcat "$tmp/root/usr/share/doc/corridor/changelog.gz")
check "corridor-sync.service runs as the corridor user" \
    grep -qx 'User=corridor' "$tmp/root/lib/systemd/system/corridor-sync.service"
if command -v lintian >/dev/null 2>&1; then
    lintian --info "$deb" >"$tmp/lintian.log" 2>&1 || true
    sed 's/^/test_package: lintian: /' "$tmp/lintian.log"
    check "lintian reports no errors or warnings" \
        test -z "$(grep -E '^(E|W): ' "$tmp/lintian.log" || true)"
else
    echo "test_package: lintian is not installed: the lintian check is skipped"
fi
check "the unit starts /usr/bin/corridor --config /etc/corridor/corridor.conf" grep -qx \
    'ExecStart=/usr/bin/corridor --config /etc/corridor/corridor.conf' \
    "$tmp/root/lib/systemd/system/corridor.service"

# --- The preview service (files) -----------------------------------------------------------
expect -rw-r--r-- etc/corridor/preview.conf
expect -rw-r--r-- lib/systemd/system/corridor-preview.service
check "conffiles lists /etc/corridor/preview.conf" grep -qx /etc/corridor/preview.conf \
    "$tmp/control/conffiles"
check "the preview unit starts corridor preview --watch" grep -qx \
    'ExecStart=/usr/bin/corridor preview ${PLAYLIST} --out ${REPORT} --watch $OPTIONS' \
    "$tmp/root/lib/systemd/system/corridor-preview.service"

# --- Install, try, upgrade, remove, purge ---------------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test_package: not root (or no apt-get): the install steps are skipped"
    finish 77
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1; then
    cat "$tmp/apt.log" >&2
    fail "apt-get install $deb"
    finish
fi
pass "apt-get install $(basename "$deb")"

check "corridor --version says $version" test "$(corridor --version)" = "corridor $version"
check "corridor check passes the installed example" \
    corridor check /usr/share/corridor/playlists/example.yaml
check "user corridor exists" getent passwd corridor
for group in video render input; do
    check "user corridor is in group $group" \
        grep -qx "$group" <(id -nG corridor | tr ' ' '\n')
done
check "the example playlist is in /var/lib/corridor/playlist" \
    test -f /var/lib/corridor/playlist/example.yaml
played=$(sed -n 's/^playlist = //p' /etc/corridor/corridor.conf)
check "corridor.conf plays welcome.yaml from the playlist folder" \
    test "$played" = /var/lib/corridor/playlist/welcome.yaml
# The demo a new screen plays must show something today and every day after: no warnings
# (an ended schedule is one), and every slide plays now and in ten years.
check "corridor check --strict passes the playlist a new screen plays" \
    corridor check --strict "$played"
for when in "$(date '+%Y-%m-%d %H:%M')" "$(($(date +%Y) + 10))-06-01 03:00"; do
    check "all of welcome.yaml's 3 slides play at $when" \
        grep -q "^   3\. " <(corridor explain "$played" --at "$when")
done
check "user corridor can read and check the playlist it will play" \
    runuser -u corridor -- corridor check /var/lib/corridor/playlist/example.yaml
check "/var/lib/corridor belongs to corridor, which corridor-sync runs as" \
    test "$(stat -c %U:%G /var/lib/corridor)" = corridor:corridor
check "the example playlist's files belong to corridor" \
    test -z "$(find /var/lib/corridor/playlist ! -user corridor)"
if command -v systemd-analyze >/dev/null 2>&1; then
    check "systemd-analyze verify accepts the installed units" systemd-analyze verify \
        /lib/systemd/system/corridor.service /lib/systemd/system/corridor-sync.service \
        /lib/systemd/system/corridor-sync.timer
    systemd-analyze security --offline=yes /lib/systemd/system/corridor.service |
        tail -n 1 | sed 's/^/test_package: /'
    check "corridor.service exposure is below 3.0" systemd-analyze security --offline=yes \
        --threshold=30 /lib/systemd/system/corridor.service >/dev/null
    systemd-analyze security --offline=yes /lib/systemd/system/corridor-sync.service |
        tail -n 1 | sed 's/^/test_package: corridor-sync: /'
    check "corridor-sync.service exposure is below 3.0" systemd-analyze security \
        --offline=yes --threshold=30 /lib/systemd/system/corridor-sync.service >/dev/null
else
    echo "test_package: systemd-analyze is not installed: unit checks skipped"
fi
# The preview service: installed, off, hardened, and its default report folder works.
check "corridor-preview.service is not enabled by the install" \
    test ! -e /etc/systemd/system/multi-user.target.wants/corridor-preview.service
if command -v systemd-analyze >/dev/null 2>&1; then
    check "systemd-analyze verify accepts corridor-preview.service" systemd-analyze verify \
        /lib/systemd/system/corridor-preview.service
    check "corridor-preview.service exposure is below 2.0" systemd-analyze security \
        --offline=yes --threshold=20 /lib/systemd/system/corridor-preview.service >/dev/null
fi
reports=$(mktemp -d)
chown nobody "$reports"
check "a report on the installed example is written by a user who may only read it" \
    runuser -u nobody -- corridor preview /var/lib/corridor/playlist/example.yaml \
    --out "$reports/report"
check "the report is index.html and a version folder" test -f "$reports/report/index.html"
rm -rf "$reports"
if command -v man >/dev/null 2>&1; then
    check "man finds corridor(1) and corridor-playlist(5)" man -w corridor corridor-playlist
fi

# Installing again is an upgrade to dpkg: the scripts must cope with what is already there.
# An older version's playlist folder had no welcome.yaml, which corridor.conf now names.
rm -f /var/lib/corridor/playlist/welcome.yaml
echo "# kept across upgrades" >>/etc/corridor/corridor.conf
check "installing again (the upgrade path) succeeds" \
    dpkg -i --force-confold "$deb" >"$tmp/dpkg.log" 2>&1
check "an edited corridor.conf survives the upgrade" \
    grep -qx "# kept across upgrades" /etc/corridor/corridor.conf
check "the upgrade puts welcome.yaml into an older playlist folder" \
    test -f /var/lib/corridor/playlist/welcome.yaml

check "apt-get remove succeeds" apt-get remove -y -qq corridor >"$tmp/apt.log" 2>&1
check "remove takes /usr/bin/corridor" test ! -e /usr/bin/corridor
check "remove keeps the conffile corridor.conf" test -f /etc/corridor/corridor.conf
check "remove keeps the playlist folder" test -d /var/lib/corridor/playlist
check "apt-get purge succeeds" apt-get purge -y -qq corridor >"$tmp/apt.log" 2>&1
check "purge takes /etc/corridor" test ! -e /etc/corridor/corridor.conf
check "purge takes /var/lib/corridor" test ! -e /var/lib/corridor

finish
