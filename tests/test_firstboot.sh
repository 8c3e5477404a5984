#!/bin/sh
# test_firstboot.sh: packaging/firstboot/corridor-firstboot.sh against a fake root, with apt-get,
# systemctl and the reboot replaced by stubs that record what they were asked: what --install
# puts in place, what a first boot writes from corridor.txt (Windows line ends and all), that a
# second run changes nothing, that a garbled corridor.txt is refused at its line with nothing
# applied, that a missing one gives the defaults; and shellcheck on the script when installed.
# Usage: test_firstboot.sh SOURCE_DIR
set -u
src=$1
fb=$src/packaging/firstboot
bin=none # no corridor binary: the script runs on its own
. "$src/tests/shell_helpers.sh"
has() { grep -qxF -- "$2" "$1" && ok || bad "$1 lacks the line '$2': $(cat "$1")"; }

# Stubs: apt-get "installs" the package's settings files into the fake root; systemctl records.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/apt-get" <<EOF
#!/bin/sh
echo "apt-get \$*" >>"\$CORRIDOR_FIRSTBOOT_ROOT/calls"
[ "\$1" = install ] || exit 0
mkdir -p "\$CORRIDOR_FIRSTBOOT_ROOT/etc/corridor" "\$CORRIDOR_FIRSTBOOT_ROOT/usr/bin"
[ -f "\$CORRIDOR_FIRSTBOOT_ROOT/etc/corridor/corridor.conf" ] ||
    cp "$src/packaging/corridor.conf" "$src/packaging/sync.conf" "\$CORRIDOR_FIRSTBOOT_ROOT/etc/corridor/"
printf '#!/bin/sh\n' >"\$CORRIDOR_FIRSTBOOT_ROOT/usr/bin/corridor"
chmod +x "\$CORRIDOR_FIRSTBOOT_ROOT/usr/bin/corridor"
EOF
printf '#!/bin/sh\necho "systemctl $*" >>"$CORRIDOR_FIRSTBOOT_ROOT/calls"\n' >"$tmp/bin/systemctl"
chmod +x "$tmp/bin/apt-get" "$tmp/bin/systemctl"
PATH=$tmp/bin:$PATH
export PATH

# fresh_root NAME: a card as Imager leaves it: a host name, the firstboot folder and the package
# on the boot drive.
fresh_root() {
    r=$tmp/$1
    mkdir -p "$r/etc" "$r/boot/firmware/corridor"
    echo ward-12 >"$r/etc/hostname"
    printf 'proc /proc proc defaults 0 0\n' >"$r/etc/fstab"
    cp "$fb/corridor-firstboot.sh" "$fb/corridor-firstboot.service" "$fb/journald-corridor.conf" \
        "$r/boot/firmware/corridor/"
    : >"$r/boot/firmware/corridor/corridor_0.1.0_arm64.deb"
    : >"$r/calls"
}
firstboot() { # ROOT [ARGS]: runs the script as the service does, from where --install put it
    root=$1
    shift
    CORRIDOR_FIRSTBOOT_ROOT=$root sh "$root/usr/local/lib/corridor-firstboot/corridor-firstboot.sh" "$@"
}

# ---- --install, as Imager's firstrun.sh runs it from the boot drive ----
fresh_root card
r=$tmp/card
CORRIDOR_FIRSTBOOT_ROOT=$r sh "$r/boot/firmware/corridor/corridor-firstboot.sh" --install 2>"$tmp/err" &&
    ok || bad "--install failed: $(cat "$tmp/err")"
cmp -s "$fb/corridor-firstboot.service" "$r/etc/systemd/system/corridor-firstboot.service" && ok ||
    bad "the unit is not in /etc/systemd/system"
[ "$(readlink "$r/etc/systemd/system/multi-user.target.wants/corridor-firstboot.service")" = \
    /etc/systemd/system/corridor-firstboot.service ] && ok || bad "the unit is not enabled"
[ -f "$r/usr/local/lib/corridor-firstboot/corridor-firstboot.sh" ] &&
    [ -f "$r/usr/local/lib/corridor-firstboot/journald-corridor.conf" ] && ok ||
    bad "the script and the journal settings are not in /usr/local/lib/corridor-firstboot"
grep -q "^ExecStart=/bin/sh /usr/local/lib/corridor-firstboot/corridor-firstboot.sh$" \
    "$fb/corridor-firstboot.service" && ok || bad "the unit runs another path"

# ---- the first boot: corridor.txt saved by Notepad (a UTF-8 mark, CRLF line ends) ----
printf '\357\273\277# the ward screens\r\nname = ward-12b\r\nplaylist = wards.yaml   # the shared one\r\nshare = //fileserver.example.nhs.uk/comms\r\nshare_folder = corridor\r\nShare-User = svc-signage\r\nShare_Password = "s3cret #pass#1"\r\nshare_domain = TRUST\r\nrotate = 90\r\nidentify = 15m\r\njournal = persistent\r\n' \
    >"$r/boot/firmware/corridor.txt"
firstboot "$r" 2>"$tmp/err" && ok || bad "the first boot failed: $(cat "$tmp/err")"
c=$r/etc/corridor/corridor.conf
has "$c" "playlist = /var/lib/corridor/playlist/wards.yaml"
has "$c" "screen = ward-12b"
has "$c" "rotate = 90"
has "$c" "identify = yes"
has "$c" "identify_for = 15m"
[ "$(grep -c '^playlist *=' "$c")" -eq 1 ] && ok || bad "playlist set more than once in $c"
has "$r/etc/corridor/sync.conf" "SOURCE=/mnt/corridor-share/corridor/"
has "$r/etc/fstab" "//fileserver.example.nhs.uk/comms /mnt/corridor-share cifs ro,credentials=/etc/corridor/share.credentials,x-systemd.automount,x-systemd.idle-timeout=60,_netdev,nofail 0 0"
has "$r/etc/fstab" "proc /proc proc defaults 0 0"
[ -d "$r/mnt/corridor-share" ] && ok || bad "no mount point"
printf 'username=svc-signage\npassword=s3cret #pass#1\ndomain=TRUST\n' | cmp -s - "$r/etc/corridor/share.credentials" &&
    ok || bad "share.credentials: $(cat "$r/etc/corridor/share.credentials")"
[ "$(stat -c %a "$r/etc/corridor/share.credentials")" = 600 ] && ok || bad "share.credentials is not mode 600"
grep -q "s3cret" "$r/boot/firmware/corridor.txt" && bad "the password stayed on the boot drive" || ok
grep -q "^Share_Password = (moved to /etc/corridor/share.credentials)" "$r/boot/firmware/corridor.txt" &&
    ok || bad "corridor.txt does not say where the password went: $(cat "$r/boot/firmware/corridor.txt")"
cmp -s "$fb/journald-corridor.conf" "$r/etc/systemd/journald.conf.d/corridor.conf" && ok ||
    bad "the journal is not kept"
has "$r/calls" "apt-get install -y -q $r/boot/firmware/corridor/corridor_0.1.0_arm64.deb"
has "$r/calls" "systemctl disable getty@tty1.service"
has "$r/calls" "systemctl enable corridor.service corridor-sync.timer corridor-sync-urgent.timer"
[ "$(tail -n 1 "$r/calls")" = "systemctl reboot" ] && ok || bad "no reboot at the end: $(cat "$r/calls")"
[ -s "$r/var/lib/corridor-firstboot/done" ] && ok || bad "not marked done"
grep -q "^done: screen 'ward-12b' plays wards.yaml from //fileserver.example.nhs.uk/comms; restarting into it$" \
    "$r/boot/firmware/corridor-firstboot.log" && ok || bad "the log: $(cat "$r/boot/firmware/corridor-firstboot.log")"

# ---- the same again (the service run twice, or by hand): nothing changes ----
for f in etc/corridor/corridor.conf etc/corridor/sync.conf etc/fstab etc/corridor/share.credentials \
    boot/firmware/corridor.txt; do
    cp "$r/$f" "$tmp/before-$(basename "$f")"
done
firstboot "$r" 2>"$tmp/err" && ok || bad "the second run failed: $(cat "$tmp/err")"
for f in etc/corridor/corridor.conf etc/corridor/sync.conf etc/fstab etc/corridor/share.credentials \
    boot/firmware/corridor.txt; do
    cmp -s "$r/$f" "$tmp/before-$(basename "$f")" && ok || bad "a second run changed $f: $(diff "$tmp/before-$(basename "$f")" "$r/$f")"
done

# ---- identify off, no share: the flags are put back, the timers stay off ----
printf 'identify = off\njournal = volatile\n' >"$r/boot/firmware/corridor.txt"
: >"$r/calls"
firstboot "$r" 2>"$tmp/err" && ok || bad "identify = off failed: $(cat "$tmp/err")"
has "$c" "identify = no"
grep -q '^identify_for' "$c" && bad "identify_for left set" || ok
grep -q '^screen' "$c" && bad "the name from before stayed" || ok
[ -e "$r/etc/systemd/journald.conf.d/corridor.conf" ] && bad "journal = volatile kept the drop-in" || ok
has "$r/calls" "systemctl enable corridor.service"

# ---- a garbled corridor.txt: every mistake at its line, nothing applied ----
fresh_root garbled
g=$tmp/garbled
CORRIDOR_FIRSTBOOT_ROOT=$g sh "$g/boot/firmware/corridor/corridor-firstboot.sh" --install 2>/dev/null
printf 'name = ward 12\nsourse = rsync://x/y/\nrotate = 45\njust some words\nidentify =\nplaylist = ../etc/passwd.yaml\nshare = \\\\fileserver\\comms\n' \
    >"$g/boot/firmware/corridor.txt"
firstboot "$g" 2>"$tmp/err"
[ $? -eq 1 ] && ok || bad "a garbled corridor.txt was not refused"
for want in \
    "corridor.txt:1: name 'ward 12' can hold letters, digits, '-', '_' and '.' (as ward-12)" \
    "corridor.txt:2: unknown key 'sourse'; the keys are name, playlist, share, share_folder, share_user, share_password, share_domain, source, rotate, identify, journal" \
    "corridor.txt:3: rotate '45': write 0, 90, 180 or 270" \
    "corridor.txt:4: 'just some words' is not key = value (as name = ward-12)" \
    "corridor.txt:5: identify has no value; write one after '=', or put # in front of the line" \
    "corridor.txt:6: playlist '../etc/passwd.yaml' must be a .yaml file inside the playlist folder (as wards.yaml)" \
    "corridor.txt:7: share '\\\\fileserver\\comms' is not a Windows share; write it as //server/share" \
    "7 mistake(s) in corridor.txt: nothing was changed. Fix it on the boot drive (on any PC) and start the Pi again."; do
    grep -qxF "corridor-firstboot: $want" "$tmp/err" && ok || bad "no message '$want': $(cat "$tmp/err")"
    grep -qxF "$want" "$g/boot/firmware/corridor-firstboot.log" && ok || bad "the log lacks '$want'"
done
[ -s "$g/calls" ] && bad "a refused corridor.txt still ran: $(cat "$g/calls")" || ok
[ -e "$g/etc/corridor" ] || [ -e "$g/var/lib/corridor-firstboot/done" ] && bad "a refused corridor.txt changed the card" || ok

# Saved as "Unicode" (UTF-16) by Notepad; a share without its account; a file too big.
printf '\377\376n\000a\000m\000e\000' >"$g/boot/firmware/corridor.txt"
firstboot "$g" 2>"$tmp/err"
[ $? -eq 1 ] && grep -qF "corridor.txt:0: corridor.txt is not plain text (saved as Unicode/UTF-16, or a Word file?): in Notepad, Save As with Encoding UTF-8" "$tmp/err" &&
    ok || bad "UTF-16: $(cat "$tmp/err")"
printf 'share = //fs/comms\n' >"$g/boot/firmware/corridor.txt"
firstboot "$g" 2>"$tmp/err"
[ $? -eq 1 ] && grep -qF "share needs share_user and share_password" "$tmp/err" && ok || bad "share alone: $(cat "$tmp/err")"
printf 'name = a\nname = b\n' >"$g/boot/firmware/corridor.txt"
firstboot "$g" 2>"$tmp/err"
[ $? -eq 1 ] && grep -qF "corridor.txt:2: name is given twice; keep one line" "$tmp/err" && ok || bad "twice: $(cat "$tmp/err")"
[ -s "$g/calls" ] && bad "a refused corridor.txt still ran" || ok

# ---- no corridor.txt: the defaults, said so ----
fresh_root bare
b=$tmp/bare
CORRIDOR_FIRSTBOOT_ROOT=$b sh "$b/boot/firmware/corridor/corridor-firstboot.sh" --install 2>/dev/null
firstboot "$b" 2>"$tmp/err" && ok || bad "no corridor.txt failed: $(cat "$tmp/err")"
grep -qF "no corridor.txt on the boot drive: setting up with the defaults" "$tmp/err" && ok || bad "no note of the defaults"
has "$b/etc/corridor/corridor.conf" "playlist = /var/lib/corridor/playlist/welcome.yaml"
has "$b/etc/corridor/corridor.conf" "identify_for = 15m"

# ---- no package on the card and none installed ----
fresh_root nodeb
n=$tmp/nodeb
CORRIDOR_FIRSTBOOT_ROOT=$n sh "$n/boot/firmware/corridor/corridor-firstboot.sh" --install 2>/dev/null
rm "$n/boot/firmware/corridor/corridor_0.1.0_arm64.deb"
firstboot "$n" 2>"$tmp/err"
[ $? -eq 1 ] && grep -qF "no corridor_VERSION_arm64.deb in the boot drive's corridor folder ($n/boot/firmware/corridor): copy the package there" "$tmp/err" &&
    ok || bad "no package: $(cat "$tmp/err")"

if command -v shellcheck >/dev/null 2>&1; then
    shellcheck "$fb/corridor-firstboot.sh" >&2 && ok || bad "shellcheck"
else
    echo "note: shellcheck is not installed: the script is not linted" >&2
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
