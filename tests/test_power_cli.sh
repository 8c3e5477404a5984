#!/bin/sh
# test_power_cli.sh: the power schedule on the command line: `corridor explain --at` at night and
# by day, for a named screen and the rest, the report page, and `corridor check` on a broken
# schedule.
# Usage: test_power_cli.sh CORRIDOR_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/shell_helpers.sh"

run() { "$@" >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
expect_rc() {
    if [ "$(cat "$tmp/rc")" -eq "$1" ]; then ok; else bad "exit $(cat "$tmp/rc"), expected $1"; cat "$tmp/err" >&2; fi
}
expect_in() {
    if grep -qF -- "$2" "$tmp/$1"; then ok; else bad "$1 lacks '$2'"; sed 's/^/    /' "$tmp/$1" >&2; fi
}
expect_not_in() {
    if ! grep -qF -- "$2" "$tmp/$1"; then ok; else bad "$1 has '$2'"; sed 's/^/    /' "$tmp/$1" >&2; fi
}

cat >"$tmp/ward.yaml" <<'YAML'
timezone: Europe/London
slides:
  - type: text
    title: Visiting hours 2pm to 8pm
power:
  - screens: [ward-7]
    every day: 06:00-23:00
  - weekdays: 07:00-19:30
    weekends: off
    dates:
      25 December 2026: off
YAML

# By night: off, and when it comes on; no slide listed.
run "$bin" explain "$tmp/ward.yaml" --at "2026-12-07 22:00"
expect_rc 0
expect_in out "screen off (power: weekdays 07:00-19:30); it comes on at 07:00 on Tuesday 8 December 2026"
expect_in out "Nothing is shown while the screen is off."
expect_not_in out "Plays, in this order"
# By day: on, and when it goes off; the slides as before.
run "$bin" explain "$tmp/ward.yaml" --at "2026-12-07 12:00"
expect_rc 0
expect_in out "screen on (power: weekdays 07:00-19:30); it goes off at 19:30 on Monday 7 December 2026"
expect_in out "Plays, in this order"
# Friday evening to Monday morning, over the weekend.
run "$bin" explain "$tmp/ward.yaml" --at "2026-12-11 20:00"
expect_in out "it comes on at 07:00 on Monday 14 December 2026"
# Christmas Day, a Friday, is off; the ward's screen keeps its own hours.
run "$bin" explain "$tmp/ward.yaml" --at "2026-12-25 12:00"
expect_in out "screen off (power: 25 December 2026 off); it comes on at 07:00 on Monday 28 December 2026"
run "$bin" explain "$tmp/ward.yaml" --at "2026-12-25 12:00" --screen ward-7
expect_in out "screen on (power: every day 06:00-23:00); it goes off at 23:00 on Friday 25 December 2026"

# The report page says the same for each screen it shows.
run "$bin" preview "$tmp/ward.yaml" --out "$tmp/report" --at "2026-12-07 22:00" --size 320x180
expect_rc 0
cp "$tmp/report/index.html" "$tmp/page"
expect_in page '<p class="power">screen off (power: weekdays 07:00-19:30); it comes on at 07:00 on Tuesday 8 December 2026. While it is off it shows nothing'

# A playlist without power: explain says nothing about it.
run "$bin" explain "$src/playlists/social-work-week.yaml" --at "2024-03-19 03:00"
expect_rc 0
expect_not_in out "power"

# A broken schedule: the mistake at its line, and nothing played.
cat >"$tmp/broken.yaml" <<'YAML'
slides:
  - type: text
    title: Hello
power:
  weekdays: 7am
  weekends: off
YAML
run "$bin" check "$tmp/broken.yaml"
expect_rc 1
expect_in err "broken.yaml:5:13: error: '7am' is one time, but the screen needs the hours it is on"
run "$bin" explain "$tmp/broken.yaml" --at "2026-12-07 22:00"
expect_rc 1

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
