#!/bin/sh
# test_calendar.sh: exported calendars (.ics) as session files, through `corridor explain` and
# `corridor check`: per-day timetables against golden files, and damaged files as FILE:LINE errors.
# Usage: test_calendar.sh CORRIDOR_BINARY SOURCE_DIR [--update]
set -u
bin=$1
src=$2
dir=$src/tests/calendar
. "$src/tests/shell_helpers.sh"

# The ward's week around the autumn clock change (Sunday 27 October 2024 in London).
for at in "2024-10-08 08:00" "2024-10-15 08:00" "2024-10-22 10:15" "2024-10-23 10:15" \
    "2024-10-24 13:30" "2024-10-25 12:00" "2024-10-27 08:00" "2024-10-28 12:30" \
    "2024-10-29 10:05" "2024-10-30 14:30" "2024-10-31 08:00" "2024-11-01 08:00" "2024-11-07 08:00" \
    "2024-11-26 08:00" "2024-12-03 08:00"; do
    name=$(echo "$at" | tr ' :' '_-')
    TZ=UTC "$bin" explain "$dir/ward.yaml" --at "$at" >"$tmp/$name.txt" 2>"$tmp/err"
    if [ "${3:-}" = --update ]; then cp "$tmp/$name.txt" "$dir/golden/$name.txt"; fi
    if diff -u "$dir/golden/$name.txt" "$tmp/$name.txt" >&2; then ok; else bad "explain --at $at"; fi
done

# check: the counts, and the event it cannot use, at its line.
"$bin" check "$dir/ward.yaml" --at "2024-10-20 08:00" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 0 ] && ok || bad "check of ward.yaml failed"
grep -q "slide 1: outlook.ics holds 9 events (2 cancelled, 1 it cannot use: see the warnings above); 10 sessions" "$tmp/out" && ok || bad "check counts outlook.ics: $(cat "$tmp/out")"
grep -q "slide 2: google.ics holds 5 events (1 cancelled, 0 it cannot use); 12 sessions" "$tmp/out" && ok || bad "check counts google.ics"
grep -q "slide 3: office365.ics holds 2 events (0 cancelled, 0 it cannot use); 3 sessions" "$tmp/out" && ok || bad "check counts office365.ics"
grep -q "outlook.ics:122:1: warning: the event on line 122 cannot be shown: its time zone 'Mars Standard Time'" "$tmp/err" && ok || bad "unknown zone warning: $(cat "$tmp/err")"

# Damaged files: an error at the line, and the screen keeps its last good playlist.
# damaged NAME LINE MESSAGE: NAME.ics from stdin as a slide's file; check names LINE.
damaged() {
    cat >"$tmp/$1.ics"
    printf 'timezone: Europe/London\nslides:\n  - type: sessions\n    sessions: %s.ics\n' "$1" >"$tmp/$1.yaml"
    "$bin" check "$tmp/$1.yaml" >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ $code -ne 1 ]; then bad "$1: check exited $code"; return; fi
    if grep -aq "$1.ics:$2:[0-9]*: error: $3" "$tmp/err" && grep -q "keeps playing the last good" "$tmp/err"; then ok; else bad "$1: $(cat "$tmp/err")"; fi
}
head -c 2000 "$dir/outlook.ics" >"$tmp/in"
damaged cut 58 "BEGIN:VEVENT on line 58 is never closed with END:VEVENT" <"$tmp/in"
printf 'date: 2024-10-24\n' >"$tmp/in"
damaged yaml 1 "this is not an iCalendar file" <"$tmp/in"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n' >"$tmp/in"
damaged mismatched 4 "line 4: END:VTODO, but the part open here is BEGIN:VEVENT from line 2" <"$tmp/in"
{ printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:'; head -c 9000 /dev/zero | tr '\0' a; printf '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'; } >"$tmp/in"
damaged long 3 "line 3 is 9008 bytes long" <"$tmp/in"
{ printf 'BEGIN:VCALENDAR\r\n'; for i in 1 2 3 4 5 6; do printf 'BEGIN:X-DEEP\r\n'; done; } >"$tmp/in"
damaged deep 7 "line 7 opens a part 7 deep" <"$tmp/in"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\351\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$tmp/in"
damaged latin1 3 "line 3 is not UTF-8 text" <"$tmp/in"
printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis line lost its colon\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$tmp/in"
damaged colon 3 "line 3 has no ':'" <"$tmp/in"

# Bounds on what a rule may give: hourly and minutely rules give more sessions than one file may
# (a warning, the first 2000 are used); a rule every second takes more steps than corridor
# follows (the event is not shown, a warning at its line). The playlist plays.
# bounded NAME FREQ MESSAGE
bounded() {
    printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20241020T100000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=%s\r\nSUMMARY:Often\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' "$2" >"$tmp/$1.ics"
    printf 'timezone: Europe/London\nslides:\n  - type: sessions\n    sessions: %s.ics\n' "$1" >"$tmp/$1.yaml"
    "$bin" check "$tmp/$1.yaml" --at "2024-10-21 08:00" >"$tmp/out" 2>"$tmp/err"
    if [ $? -eq 0 ] && grep -q "$3" "$tmp/err"; then ok; else bad "$1: $(cat "$tmp/out" "$tmp/err")"; fi
}
bounded hourly HOURLY "warning: the calendar gives more than 2000 sessions over the days this slide can show"
bounded minutely MINUTELY "warning: the calendar gives more than 2000 sessions over the days this slide can show"
bounded secondly SECONDLY "secondly.ics:2:1: warning: the event on line 2 cannot be shown: its repeat rule (RRULE) repeats too often to follow"

echo "test_calendar: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
