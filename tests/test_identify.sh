#!/bin/sh
# test_identify.sh: the identify page (`corridor --identify`, `corridor render --identify`): the
# page drawn with the addresses given, its QR code read back by zbarimg (when installed; the
# reading is skipped with a note otherwise), also from a small picture as a phone across a ward
# sees it, a wrong address refused by name, and the player showing the page for identify_for on
# its fast clock and then the playlist.
# Usage: test_identify.sh CORRIDOR_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/shell_helpers.sh"
scale=${CORRIDOR_TEST_TIME_SCALE:-1}

cat >"$tmp/wards.yaml" <<'YAML'
name: Wards and clinics
slides:
  - type: text
    title: Visiting times
    body: Every day, 2pm to 8pm
YAML
addrs="ward-12,10.20.30.41,2001:db8:20::41,dc:a6:32:01:02:03"
expected="screen ward-12
host ward-12
10.20.30.41
2001:db8:20::41
mac dc:a6:32:01:02:03
playlist $tmp/wards.yaml
corridor $("$bin" --version | awk '{print $NF}')"

has_zbar=false
if command -v zbarimg >/dev/null 2>&1; then has_zbar=true; else
    echo "note: zbarimg (zbar-tools) is not installed: the QR codes are not read back" >&2
fi
# read_qr PNG: the QR code's text, as a phone would read it.
read_qr() { zbarimg --raw -q "$1" 2>/dev/null | sed '${/^$/d}'; }

for size in 1920x1080 1080x1920 640x360; do
    out=$tmp/render-$size
    if "$bin" render "$tmp/wards.yaml" --identify --screen ward-12 --addresses "$addrs" \
        --size "$size" --out "$out" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "render --identify $size: $(cat "$tmp/err")"; fi
    [ -s "$out/00-identify.png" ] && ok || bad "no 00-identify.png at $size"
    [ ! -e "$out/01-text.png" ] && ok || bad "render --identify drew the slides too"
    if $has_zbar; then
        got=$(read_qr "$out/00-identify.png")
        [ "$got" = "$expected" ] && ok || bad "QR at $size reads '$got', not '$expected'"
    fi
done

"$bin" render "$tmp/wards.yaml" --identify --addresses "10.20.30.300" --size 640x360 \
    --out "$tmp/bad" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "a wrong address was not refused"
grep -q "corridor render: --addresses: '10.20.30.300' is not an IPv4 or IPv6 address" "$tmp/err" &&
    ok || bad "wrong address message: $(cat "$tmp/err")"

# The player, on its fast clock (a simulated minute a second, slower by the time scale under an
# emulator, so every margin below grows with it), its screenshots outside the
# playlist's folder as it asks. Stopped at 50 s, its last screenshot (at 30 s) is the page; run
# to 100 s, the page ended at 60 s and the last screenshot (at 90 s) is the playlist.
mkdir -p "$tmp/shots"
rate=$((60 / scale))
[ "$rate" -ge 1 ] || rate=1
play() { # play EXIT_AFTER LOG
    rm -f "$tmp/shots/shot.png" "$tmp/shots/play.jsonl"
    timeout $((60 * scale)) "$bin" "$tmp/wards.yaml" --window 960x540 --identify \
        --identify-for 1m --identify-addresses "$addrs" --screen ward-12 --clock-rate "$rate" \
        --exit-after "$1" --screenshot "$tmp/shots/shot.png" --screenshot-every 30s \
        --play-log "$tmp/shots/play.jsonl" \
        >"$tmp/out" 2>"$2"
}
play 50s "$tmp/log1"
[ $? -eq 0 ] && ok || bad "the player failed: $(cat "$tmp/log1")"
grep -q "identify page up: screen 'ward-12', host 'ward-12', addresses 10.20.30.41, 2001:db8:20::41" "$tmp/log1" &&
    ok || bad "no identify line in the log: $(cat "$tmp/log1")"
grep -q "identify page done" "$tmp/log1" && bad "the page ended before identify_for" || ok
# The deck waits under the page: no page is logged as shown while it is up.
grep -q "slide 1 (text 'Visiting times')" "$tmp/log1" && bad "a slide was logged under the identify page" || ok
grep -q "Visiting times" "$tmp/shots/play.jsonl" 2>/dev/null && bad "the play log counts a slide under the identify page" || ok
if $has_zbar; then
    got=$(read_qr "$tmp/shots/shot.png")
    [ "$got" = "$expected" ] && ok || bad "the player's page reads '$got'"
fi
play 100s "$tmp/log2"
[ $? -eq 0 ] && ok || bad "the player failed: $(cat "$tmp/log2")"
grep -q "identify page done after 60 s; playing the playlist" "$tmp/log2" &&
    ok || bad "the page did not end: $(cat "$tmp/log2")"
grep -q "Visiting times" "$tmp/shots/play.jsonl" && ok || bad "the play log has no slide after the identify page"
done_at=$(grep -n "identify page done" "$tmp/log2" | head -n 1 | cut -d: -f1)
first_slide=$(grep -n "slide 1 (text 'Visiting times'), page 1 of 1" "$tmp/log2" | head -n 1 | cut -d: -f1)
[ -n "$done_at" ] && [ -n "$first_slide" ] && [ "$first_slide" -gt "$done_at" ] && ok ||
    bad "the first slide is not logged after the page: $(cat "$tmp/log2")"
if $has_zbar; then
    [ -s "$tmp/shots/shot.png" ] && [ -z "$(read_qr "$tmp/shots/shot.png")" ] && ok ||
        bad "the identify page stayed past identify_for"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
