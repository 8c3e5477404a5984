#!/bin/sh
# make-artwork.sh: draws the artwork the sample playlists show, into playlists/assets/.
#
# Everything here is drawn from shapes and the DejaVu Sans font; no photographs or downloaded
# images. The "photos" on quote slides are initials and abstract figures, never real faces.
# Run it again after changing a colour or a word; the files it writes are stable from run to
# run (no dates or tool names inside them), so only real changes show up in the history.
#
#   assets/make-artwork.sh            writes into playlists/assets/ next to this folder
#   assets/make-artwork.sh OUTDIR     writes into OUTDIR instead
#
# Needs ImageMagick 6 (`convert`) and fontconfig (`fc-match`) with the DejaVu fonts.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-"$here/../playlists/assets"}
mkdir -p "$out/people"
out=$(cd "$out" && pwd)

bold=$(fc-match -f '%{file}' 'DejaVu Sans:bold')
book=$(fc-match -f '%{file}' 'DejaVu Sans')
for f in "$bold" "$book"; do
    case $f in
    *DejaVuSans*) ;;
    *) echo "make-artwork.sh: DejaVu Sans is not installed (fc-match gave '$f')" >&2; exit 1 ;;
    esac
done

# The palette: calm teals and the navy the playlists use. The lock screen runs from light_teal
# to dark_teal; social-work-week.yaml fills around it with the colour halfway, #00675F.
# White on any of them is at least 5 to 1.
light_teal='#00786F'
dark_teal='#00534C'
teal='#00A499'
mint='#CFF3EE'
navy='#003087'

# Writes PNGs without timestamps or other chunks that change from run to run.
png_opts="-strip -define png:exclude-chunks=date,time,tIME"

# --- Lock screen, 1920x1080 ---------------------------------------------------------------
# Left: the week's name and dates. Right: overlapping circles, a quiet nod to people
# connecting, and a small grid of dots. The words stay well inside the edges, so a screen
# that overscans still shows them whole; only background shapes run off the edge.
lock="$out/Social Work Week Lock Screen (Teal)-04.png"
# The three themes sit on one line with a teal dot centred in each gap; measure the words.
width() { convert -font "$bold" -pointsize 40 label:"$1" -format '%w' info:; }
gap=90
x_connect=$((226 + $(width Learn) + gap))
x_influence=$((x_connect + $(width Connect) + gap))
x_dot1=$((x_connect - gap / 2))
x_dot2=$((x_influence - gap / 2))
convert -size 1920x1080 \
    -define gradient:angle=135 "gradient:$light_teal-$dark_teal" \
    \( -size 1920x1080 xc:none \
       -fill 'rgba(255,255,255,0.06)' -draw 'circle 1540,330 1540,-130' \
       -fill 'rgba(0,164,153,0.55)' -draw 'circle 1770,930 1770,600' \
       -fill 'rgba(255,255,255,0.10)' -draw 'circle 1330,760 1330,560' \
       -fill none -stroke 'rgba(255,255,255,0.45)' -strokewidth 6 \
       -draw 'circle 1460,560 1460,400' \
       -draw 'circle 1610,640 1610,480' \
       -draw 'circle 1530,770 1530,610' \
       -stroke none -fill 'rgba(255,255,255,0.35)' \
       -draw 'circle 1650,170 1650,177' -draw 'circle 1700,170 1700,177' \
       -draw 'circle 1750,170 1750,177' -draw 'circle 1800,170 1800,177' \
       -draw 'circle 1650,220 1650,227' -draw 'circle 1700,220 1700,227' \
       -draw 'circle 1750,220 1750,227' -draw 'circle 1800,220 1800,227' \
       -draw 'circle 1650,270 1650,277' -draw 'circle 1700,270 1700,277' \
       -draw 'circle 1750,270 1750,277' -draw 'circle 1800,270 1800,277' \
    \) -composite \
    -fill "$teal" -draw 'roundrectangle 150,300 170,660 10,10' \
    -fill white -font "$bold" -pointsize 132 -annotate +220+430 'Social Work' \
    -annotate +220+590 'Week' \
    -fill "$mint" -font "$book" -pointsize 64 -annotate +224+760 '18 to 22 March 2024' \
    -fill white -font "$bold" -pointsize 40 \
    -annotate +226+880 'Learn' -annotate +"$x_connect"+880 'Connect' \
    -annotate +"$x_influence"+880 'Influence' \
    -fill "$teal" -draw "circle $x_dot1,866 $x_dot1,873" -draw "circle $x_dot2,866 $x_dot2,873" \
    $png_opts -colors 256 "PNG8:$lock"

# --- Logo, 400x120, transparent ----------------------------------------------------------
# A roundel of three linked rings beside the name. White and teal, for the dark footer.
convert -size 400x120 xc:none \
    -fill "$teal" -draw 'circle 60,60 60,8' \
    -fill none -stroke white -strokewidth 5 \
    -draw 'circle 47,50 47,30' -draw 'circle 73,50 73,30' -draw 'circle 60,74 60,54' \
    -stroke none -fill white -font "$bold" -pointsize 34 -annotate +128+56 'Social Work' \
    -fill "$mint" -font "$book" -pointsize 30 -annotate +129+94 'Week 2024' \
    $png_opts "PNG32:$out/social-work-week-logo.png"

# --- Initials "photos" for quote slides, 600x600 JPEG ------------------------------------
# initials FILE LETTERS BACKGROUND: large white initials on a soft circle pattern.
initials() {
    convert -size 600x600 \
        -define gradient:angle=160 "gradient:$3-$dark_teal" \
        -fill 'rgba(255,255,255,0.08)' -draw 'circle 470,120 470,-80' \
        -fill 'rgba(255,255,255,0.06)' -draw 'circle 90,520 90,330' \
        -fill white -font "$bold" -pointsize 220 -gravity center -annotate +0+10 "$2" \
        -strip -quality 88 -sampling-factor 4:2:0 "$out/people/$1"
}
initials andrew-barlow.jpg AB '#007A70'
initials michael-lucas.jpg ML '#1D5FA8'
initials john-sloan.jpg JS '#00786F'
initials hannah-smith.jpg HS '#005EB8'
initials hanna-roslund.jpg HR '#0B7A8A'
initials kirsty-mccarthy.jpg KM '#2C5A9E'

# --- An abstract figure for the example playlist, 600x600 JPEG ---------------------------
# figure FILE BACKGROUND: a head and shoulders made of two plain shapes. Nobody in particular.
figure() {
    convert -size 600x600 \
        -define gradient:angle=180 "gradient:$2-$navy" \
        -fill 'rgba(255,255,255,0.85)' -draw 'circle 300,230 300,120' \
        -draw 'ellipse 300,600 200,220 180,360' \
        -fill 'rgba(255,255,255,0.10)' -draw 'circle 520,80 520,-60' \
        -strip -quality 88 -sampling-factor 4:2:0 "$out/people/$1"
}
figure figure-teal.jpg "$teal"

echo "make-artwork.sh: wrote the artwork into $out"
