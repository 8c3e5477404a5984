#!/bin/sh
# test_cli.sh: corridor's command line: exit codes, and what goes to stdout and stderr.
# Usage: test_cli.sh CORRIDOR_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
. "$src/tests/shell_helpers.sh"

# expect_exit CODE CMD...: runs CMD with stdout in $tmp/out and stderr in $tmp/err.
expect_exit() {
    want=$1
    shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$* exited $got, expected $want"; cat "$tmp/err" >&2; fi
}
# expect_in FILE TEXT: FILE contains TEXT.
expect_in() {
    if grep -qF -- "$2" "$tmp/$1"; then ok; else bad "$1 lacks '$2'"; sed 's/^/    /' "$tmp/$1" >&2; fi
}
expect_empty() {
    if [ ! -s "$tmp/$1" ]; then ok; else bad "$1 is not empty"; sed 's/^/    /' "$tmp/$1" >&2; fi
}

expect_exit 0 "$bin" --version
expect_in out "corridor "
expect_exit 0 "$bin" --help
expect_in out "corridor check PLAYLIST"
expect_exit 2 "$bin"
expect_exit 2 "$bin" check
expect_exit 2 "$bin" check --bogus x.yaml
expect_exit 2 "$bin" explain "$src/playlists/example.yaml"
expect_exit 2 "$bin" explain "$src/playlists/example.yaml" --at "19/03/2024"
expect_in err "is not a date corridor reads"

# The samples pass.
expect_exit 0 "$bin" check "$src/playlists/social-work-week.yaml" --at "2024-03-19 10:30"
expect_in out "social-work-week.yaml: OK, 14 slides"
expect_exit 0 "$bin" check "$src/playlists/example.yaml" --at "2024-03-19 10:30"
expect_in out "OK"
expect_exit 0 "$bin" check --strict "$src/playlists/social-work-week.yaml" --at "2024-03-19 10:30"

# A broken copy: all its mistakes, positioned, on stderr; nothing on stdout; exit 1.
cat >"$tmp/broken.yaml" <<'YAML'
theme:
  background: #005EB8
slides:
  - type: qoute
    text: Hello
  - type: text
    titel: Welcome
YAML
expect_exit 1 "$bin" check "$tmp/broken.yaml"
expect_empty out
expect_in err "broken.yaml:2:14: error: 'background' has no value"
expect_in err "broken.yaml:4:11: error: 'qoute' is not a choice for 'type'"
expect_in err "broken.yaml:7:5: error: unknown key 'titel' in slide 2 (text); did you mean 'title'?"
expect_in err "        ^"
expect_in err "3 mistakes"

# Warnings: exit 0, but 1 with --strict.
cat >"$tmp/warn.yaml" <<'YAML'
slides:
  - type: text
    title: Old news
    when:
      until: 2020-01-01
YAML
expect_exit 0 "$bin" check "$tmp/warn.yaml"
expect_in out "1 warning"
expect_in err "warn.yaml:5:14: warning: the schedule of slide 1 (text) has already ended"
expect_exit 1 "$bin" check --strict "$tmp/warn.yaml"

# A playlist that does not exist.
expect_exit 1 "$bin" check "$tmp/nope.yaml"
expect_in err "does not exist"

# explain: the schedule at a moment, results on stdout.
expect_exit 0 "$bin" explain "$src/playlists/social-work-week.yaml" --at "2024-03-19 10:30"
expect_in out "At Tuesday 19 March 2024 10:30"
expect_in out "Plays, in this order"
expect_in out "\"Today's sessions\""
expect_in out "on now"
expect_exit 0 "$bin" explain "$src/playlists/social-work-week.yaml" --at "2024-04-19 10:30"
expect_in out "Skipped:"
expect_in out "ended: its schedule ran until the end of Friday 22 March 2024"
expect_exit 0 "$bin" explain "$tmp/warn.yaml" --at "2024-03-19 10:30"
expect_in out "Nothing is scheduled"
expect_exit 1 "$bin" explain "$tmp/broken.yaml" --at "2024-03-19 10:30"

# probe: the libraries SDL opens on the console, then the screen (here a copy of /sys from a
# machine with no graphics driver). Exit 1 when the screen would stay dark, with its reason.
expect_exit 1 env CORRIDOR_TEST_DRM_ROOT="$src/tests/drm/no-driver" "$bin" probe
expect_in out "probe: ok: libEGL.so.1"
expect_in out "probe: ok: libGLESv2.so.2"
expect_in out "probe: dark: no /dev/dri: no graphics driver is loaded"
expect_exit 2 "$bin" probe --bogus
expect_in err "usage: corridor probe [--libraries]"

# No screen at all (no desktop, no /dev/dri): corridor refuses SDL's invisible display and says
# what to do, within seconds, instead of playing to nobody. Where this machine has a console
# screen (/dev/dri), SDL could take it over, so the check is left out.
if [ -e /dev/dri ]; then
    echo "note: /dev/dri exists here: the no-screen refusal is not tried"
else
    start=$(date +%s)
    expect_exit 1 env -u SDL_VIDEODRIVER -u DISPLAY -u WAYLAND_DISPLAY \
        CORRIDOR_TEST_DRM_ROOT="$src/tests/drm/no-driver" \
        "$bin" "$src/playlists/social-work-week.yaml"
    if [ $(($(date +%s) - start)) -le 10 ]; then ok; else bad "the refusal took over 10 s"; fi
    expect_in err "no /dev/dri: no graphics driver is loaded"
    expect_in err "no screen to play on"
    expect_in err "Is corridor.service running (systemctl status corridor)?"
    expect_in err "corridor render PLAYLIST"
    expect_in err "set SDL_VIDEODRIVER=offscreen"
fi

# An urgent notice beside the playlist: check, explain and render show it; a mistake in
# urgent.yaml is told without failing the playlist (it fails with --strict).
mkdir -p "$tmp/urgent"
printf 'name: Ward\nslides:\n  - type: text\n    title: Welcome\n' >"$tmp/urgent/playlist.yaml"
printf 'Ward 7 closed\r\nDo not visit today\r\n' >"$tmp/urgent/urgent.txt"
expect_exit 0 "$bin" check "$tmp/urgent/playlist.yaml"
expect_in out "urgent.txt: an urgent notice 'Ward 7 closed' is up: the screen shows it instead"
expect_exit 0 "$bin" explain "$tmp/urgent/playlist.yaml" --at "2024-03-19 10:30"
expect_in out "an urgent notice 'Ward 7 closed' is up"
mkdir -p "$tmp/urgent-out"
expect_exit 0 "$bin" render "$tmp/urgent/playlist.yaml" --at "2024-03-19 10:30" --size 640x360 \
    --out "$tmp/urgent-out"
expect_in out "00-urgent.png"
printf 'title: Lift B out of order\nstyle: banner\ncolour: red\n' >"$tmp/urgent/urgent.yaml"
expect_exit 0 "$bin" check "$tmp/urgent/playlist.yaml"
expect_in out "urgent.yaml: an urgent notice 'Lift B out of order' is up as a banner"
expect_in err "urgent.yaml:3:1: \`colour\` is not an urgent notice setting"
expect_exit 1 "$bin" check --strict "$tmp/urgent/playlist.yaml"
expect_exit 0 "$bin" render "$tmp/urgent/playlist.yaml" --at "2024-03-19 10:30" --size 640x360 \
    --out "$tmp/urgent-out"
expect_in out "01-text.png"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
