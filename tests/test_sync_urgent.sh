#!/bin/sh
# test_sync_urgent.sh: corridor-sync --urgent brings urgent.txt and urgent.yaml (and only them)
# from the source into the folder the screen plays, by rename, and takes them down when they go.
# Usage: test_sync_urgent.sh SOURCE_DIR
set -u
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
sync() { CORRIDOR_SYNC_BASE="$tmp/base" SOURCE="$tmp/share" sh "$src/packaging/corridor-sync" --urgent; }

if ! command -v rsync >/dev/null 2>&1; then
    echo "rsync is not installed: skipped"
    exit 0
fi
mkdir -p "$tmp/share" "$tmp/base/releases/r1"
printf 'name: Ward\n' >"$tmp/base/releases/r1/playlist.yaml"
ln -s releases/r1 "$tmp/base/playlist"
printf 'name: Ward, edited\n' >"$tmp/share/playlist.yaml"

if sync >"$tmp/out" 2>&1; then ok; else bad "a sync with no notice failed"; cat "$tmp/out" >&2; fi
if [ ! -e "$tmp/base/playlist/urgent.txt" ]; then ok; else bad "a notice appeared from nowhere"; fi

printf 'Ward 7 closed\r\n' >"$tmp/share/urgent.txt"
printf 'title: Lift\n' >"$tmp/share/urgent.yaml"
start=$(date +%s)
if sync >"$tmp/out" 2>&1; then ok; else bad "sync --urgent failed"; cat "$tmp/out" >&2; fi
if [ $(($(date +%s) - start)) -le 5 ]; then ok; else bad "sync --urgent took over 5 s"; fi
if cmp -s "$tmp/share/urgent.txt" "$tmp/base/playlist/urgent.txt"; then ok; else bad "urgent.txt not brought"; fi
if cmp -s "$tmp/share/urgent.yaml" "$tmp/base/playlist/urgent.yaml"; then ok; else bad "urgent.yaml not brought"; fi
if grep -q "urgent notice urgent.txt is now on this screen" "$tmp/out"; then ok; else bad "no line said so"; fi
# Only the notice: the playlist waits for the checked sync.
if grep -q "name: Ward$" "$tmp/base/playlist/playlist.yaml"; then ok; else bad "the playlist travelled too"; fi
if [ -z "$(find "$tmp/base/releases/r1" -name '.*')" ]; then ok; else bad "a temporary file was left"; fi

rm "$tmp/share/urgent.txt"
if sync >"$tmp/out" 2>&1; then ok; else bad "sync --urgent after removal failed"; fi
if [ ! -e "$tmp/base/playlist/urgent.txt" ]; then ok; else bad "urgent.txt not taken down"; fi
if [ -e "$tmp/base/playlist/urgent.yaml" ]; then ok; else bad "urgent.yaml taken down too"; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
