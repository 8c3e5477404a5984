#!/bin/sh
# make-corpus.sh: regenerates the fuzz seed corpora in fuzz/corpus/ (ImageMagick, python3, a fuzz build).
#
# Usage: fuzz/make-corpus.sh [BUILD_DIR]   (default build-fuzz, configured with -DCORRIDOR_FUZZ=ON)
# The seeds are committed; run this only when the playlists, the loader tests or the value forms
# change. Every picture stays under 20 KB.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build-fuzz}
C=fuzz/corpus
mkdir -p "$C/playlist" "$C/values" "$C/image"

# ---- pictures -------------------------------------------------------------------------------
I=$C/image
rm -f "$I"/*
convert -size 48x32 gradient:red-blue PNG24:"$I/rgb.png"
convert -size 48x32 xc:none -fill '#00a499' -draw 'circle 24,16 24,4' PNG32:"$I/rgba.png"
convert -size 48x32 plasma:fractal -seed 7 -colors 16 PNG8:"$I/palette.png"
convert -size 48x32 xc:none -fill navy -draw 'rectangle 8,8 40,24' PNG8:"$I/palette-transparent.png"
convert -size 48x32 gradient:white-black -type Grayscale -depth 8 "$I/grey.png"
convert -size 48x32 gradient:white-black -type Grayscale -depth 16 "$I/grey16.png"
convert -size 48x32 gradient:red-blue PNG48:"$I/rgb16.png"
convert -size 64x48 gradient:yellow-green -interlace PNG PNG24:"$I/interlaced.png"
convert -size 64x48 gradient:red-blue -quality 85 "$I/baseline.jpg"
convert -size 64x48 gradient:red-blue -interlace JPEG -quality 80 "$I/progressive.jpg"
convert -size 64x48 gradient:white-black -colorspace Gray "$I/grey.jpg"
convert -size 64x48 gradient:cyan-magenta -colorspace CMYK "$I/cmyk.jpg"
convert -size 64x48 gradient:red-blue -sampling-factor 1x1 -quality 90 "$I/444.jpg"
convert -size 40x24 gradient:red-blue -define webp:lossless=true "$I/lossless.webp"
convert -size 40x24 gradient:red-blue -quality 70 "$I/lossy.webp"
convert -size 40x24 xc:none -fill red -draw 'circle 20,12 20,2' -quality 70 "$I/alpha.webp"
convert -size 16x16 xc:red "$I/not-png.gif"
convert -size 16x16 xc:red BMP3:"$I/not-png.bmp"
# Hand-made: EXIF orientation 6 in a JPEG, a PNG cut short, headers claiming too many pixels.
python3 - "$I" <<'EOF'
import struct, sys, zlib
d = sys.argv[1]
jpg = open(d + "/baseline.jpg", "rb").read()
tiff = b"MM\x00\x2a\x00\x00\x00\x08" + b"\x00\x01" + b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00" + b"\x00\x00\x00\x00"
app1 = b"\xff\xe1" + struct.pack(">H", 2 + 6 + len(tiff)) + b"Exif\x00\x00" + tiff
open(d + "/exif-rotated.jpg", "wb").write(jpg[:2] + app1 + jpg[2:])
png = open(d + "/rgb.png", "rb").read()
open(d + "/cut.png", "wb").write(png[: len(png) // 2])
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 6, 0, 0, 0)
open(d + "/huge-header.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
ihdr = struct.pack(">IIBBBBB", 12000, 11000, 8, 2, 0, 0, 0)
open(d + "/big-header-cut.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)))
open(d + "/huge-header.jpg", "wb").write(bytes([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0xea, 0x60, 0xea, 0x60, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0, 0, 0, 0xff, 0xd9]))
EOF
for f in "$I"/*; do
    if [ "$(wc -c <"$f")" -ge 20000 ]; then
        echo "make-corpus: $f is 20 KB or more" >&2
        exit 1
    fi
done

# ---- clips: tiny ones of each container and codec a comms team may bring (ffmpeg) -----------
M=$C/video
mkdir -p "$M"
rm -f "$M"/*
clip() { ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=64x48:rate=10:duration=0.3 -pix_fmt "$@"; }
clip yuv420p -c:v libx264 "$M/h264.mp4"
clip yuv420p -c:v libx264 -movflags +faststart "$M/h264-faststart.mp4"
clip yuv420p -c:v libx265 -x265-params log-level=none "$M/hevc.mkv"
clip yuv420p10le -c:v libx265 -x265-params log-level=none "$M/hevc-10bit.mp4"
clip yuv420p -c:v mpeg4 "$M/mpeg4.avi"
clip yuv420p -c:v libvpx-vp9 "$M/vp9.webm"
clip yuv420p -c:v libx264 -f mpegts "$M/h264.ts"
clip yuv420p -c:v libx264 -f h264 "$M/raw.h264"
head -c 1500 "$M/h264.mp4" >"$M/cut.mp4"
printf 'YUV4MPEG2 W16000 H16000 F25:1 Ip A1:1 C420jpeg\nFRAME\nabc' >"$M/huge.y4m"
printf '#EXTM3U\n#EXTINF:2,\nself.mp4\n' >"$M/self.m3u8"

# ---- values: the first byte picks the parser (see fuzz_values.c) ----------------------------
V=$C/values
rm -f "$V"/*
n=0
while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" >"$V/$(printf '%03d' "$n")"
done <<'EOF'
d2024-03-19
d19 March 2024
d19 Mar 2024
dTuesday 19 March 2024
dTue 19th March 2024
d19/03/2024
d31 February 2024
d19 March
d99999-01-01
dMonday 19 March 2024
t10:00
t9:30
t9.30am
t12pm
t4.45pm
t12 noon
tmidday
t99999:00
t25:00
T24:00
Tmidnight
r9am to 4.45pm
r09:00-16:45
r9am–4.45pm
r9am - 4.45pm
r2pm to 1pm
r10pm to midnight
D2024-03-19 09:00
D19 March 2024 9am
D2024-03-19T09:00
D2024-03-19 at 24:00
u10
u10s
u1m30s
u0.8s
u1.5m
u2h
u500ms
u1e308s
u0
u-5s
u25h
u1h 30m and 15s
u10 secs
c#005EB8
c#FFF
c#00B8A9CC
cnavy
cNavyBlue
crgb(0, 94, 184)
c#12345
wmon
wMonday
wweekdays
weveryday
wdaily
wfunday
byes
boff
bmaybe
i7
i0
i99999999999999999999
EOF

# ---- playlists: the mode byte, then the text (see fuzz_playlist.c) --------------------------
P=$C/playlist
rm -f "$P"/*
for f in playlists/*.yaml; do
    b=$(basename "$f" .yaml)
    { printf 0; cat "$f"; } >"$P/$b-parse.yaml"
    { printf 7; cat "$f"; } >"$P/$b-files.yaml"
done
printf '5slides:\n  - type: image\n    file: assets/pipe.png\n  - type: image\n    file: assets/folder.png\n  - type: image\n    file: assets/outside.png\n  - type: image\n    file: assets/loop-a.png\n' >"$P/hostile-files.yaml"
printf '7slides:\n  - type: image\n    file: assets/cut.png\n  - type: quote\n    text: Hi\n    name: Jo\n    photo: assets/empty.png\n' >"$P/hostile-pictures.yaml"
printf '0a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nslides: [*c, *c]\n' >"$P/aliases.yaml"
printf '0slides: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]\n' >"$P/nested.yaml"
printf '7slides:\n  - type: sessions\n    sessions: broken-sessions.yaml\n  - type: sessions\n    sessions: training-2024.yaml\n    show: upcoming\n    days: 30\n' >"$P/session-files.yaml"
printf '4slides:\n  - type: text\n    title: Hi\npower:\n  weekdays: [07:00-12:00, 13:00-19:30]\n  friday: 18:00-02:00\n  weekends: off\n  dates:\n    24 December 2024 to 1 January 2025: 08:00-16:00\n    2024-12-25: off\n' >"$P/power.yaml"
printf '0timezone: Europe/London\nslides:\n  - type: text\n    title: Hi\npower:\n  - screens: [ward-7]\n    every day: on\n  - every day: 06:00-23:00\n    dates:\n      2024-03-31: 01:30-22:00\n' >"$P/power-screens.yaml"
cmake --build "$BUILD" --target fuzz_dump_loader_cases >/dev/null
"$BUILD/fuzz/fuzz_dump_loader_cases" "$P"
echo "make-corpus: $(ls "$P" | wc -l) playlists, $(ls "$V" | wc -l) values, $(ls "$I" | wc -l) pictures, $(ls "$M" | wc -l) clips"
