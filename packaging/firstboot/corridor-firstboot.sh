#!/bin/sh
# corridor-firstboot.sh: turns a fresh Raspberry Pi OS Lite card into a named corridor screen
# without typing on the Pi (docs/many-screens.md, "Setting up forty Pis").
#
#   sh corridor-firstboot.sh --install   put itself in place as corridor-firstboot.service;
#                                        run from Raspberry Pi Imager's firstrun.sh, offline
#   sh corridor-firstboot.sh             (the service, once the network is up) install the
#                                        package from the boot drive, apply corridor.txt, enable
#                                        the screen, and reboot into it
#
# corridor.txt (on the boot drive) is read whole and checked before anything changes: a mistake
# is said as corridor.txt:LINE with the fix, on the screen, in the journal and in
# corridor-firstboot.log beside it (readable on the PC that wrote the card), and nothing is
# applied. Running it again gives the same result: settings are replaced, not added twice.
#
# For tests, every path hangs off CORRIDOR_FIRSTBOOT_ROOT (default: /) and the boot drive is
# CORRIDOR_FIRSTBOOT_BOOT (default: ROOT/boot/firmware); apt-get, systemctl and the reboot are
# the commands found on PATH.
set -u

ROOT=${CORRIDOR_FIRSTBOOT_ROOT:-}
BOOT=${CORRIDOR_FIRSTBOOT_BOOT:-$ROOT/boot/firmware}
LIB=$ROOT/usr/local/lib/corridor-firstboot
STATE=$ROOT/var/lib/corridor-firstboot
UNIT=corridor-firstboot.service
TXT=$BOOT/corridor.txt
LOG=$BOOT/corridor-firstboot.log
CONF=$ROOT/etc/corridor/corridor.conf
SYNC=$ROOT/etc/corridor/sync.conf
CREDS=$ROOT/etc/corridor/share.credentials
MOUNT=/mnt/corridor-share
JOURNAL_DROPIN=$ROOT/etc/systemd/journald.conf.d/corridor.conf
PASSWORD_MOVED="(moved to /etc/corridor/share.credentials)"
KEYS="name, playlist, share, share_folder, share_user, share_password, share_domain, source, rotate, identify, journal"

here=$(cd "$(dirname "$0")" && pwd)

say() {
    printf 'corridor-firstboot: %s\n' "$*" >&2
    if [ -d "$BOOT" ]; then printf '%s\n' "$*" >>"$LOG" 2>/dev/null || true; fi
}

# ---- --install: from Imager's firstrun.sh, before the first real boot -----------------------

install_unit() {
    for f in corridor-firstboot.sh "$UNIT" journald-corridor.conf; do
        if [ ! -f "$here/$f" ]; then
            say "$f is missing beside corridor-firstboot.sh ($here): copy the whole firstboot folder onto the boot drive"
            exit 1
        fi
    done
    mkdir -p "$LIB" "$ROOT/etc/systemd/system/multi-user.target.wants" || exit 1
    cp "$here/corridor-firstboot.sh" "$here/journald-corridor.conf" "$LIB/" &&
        cp "$here/$UNIT" "$ROOT/etc/systemd/system/$UNIT" &&
        ln -sf "/etc/systemd/system/$UNIT" "$ROOT/etc/systemd/system/multi-user.target.wants/$UNIT" ||
        exit 1
    say "installed $UNIT: it sets the screen up at the next boot with a network"
}

# ---- reading corridor.txt --------------------------------------------------------------------

name="" playlist="" share="" share_folder="" share_user="" share_password="" share_domain=""
source="" rotate="" identify="15m" journal=""
errors=0
seen=" "

mistake() { # LINE TEXT
    say "corridor.txt:$1: $2"
    errors=$((errors + 1))
}

# Whether $1 matches the extended regular expression $2 whole.
matches() { printf '%s\n' "$1" | grep -Eqx -- "$2"; }

# Whether the path $1 matches $2 and stays inside its folder (no '..' step).
inside() {
    if matches "$1" '(.*/)?\.\.(/.*)?'; then return 1; fi
    matches "$1" "$2"
}

check_value() { # LINE KEY VALUE; sets the variable KEY when the value is right
    before=$errors
    case $2 in
    name)
        matches "$3" '[A-Za-z0-9][A-Za-z0-9._-]{0,62}' ||
            mistake "$1" "name '$3' can hold letters, digits, '-', '_' and '.' (as ward-12)" ;;
    playlist)
        inside "$3" '[A-Za-z0-9_][A-Za-z0-9 ._/-]*\.ya?ml' ||
            mistake "$1" "playlist '$3' must be a .yaml file inside the playlist folder (as wards.yaml)" ;;
    share)
        matches "$3" '//[A-Za-z0-9._-]+/[A-Za-z0-9._$-]+(/[A-Za-z0-9._-]+)*' ||
            mistake "$1" "share '$3' is not a Windows share; write it as //server/share" ;;
    share_folder)
        inside "$3" '[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*' ||
            mistake "$1" "share_folder '$3' must be a folder inside the share (as corridor or signage/wards), without spaces" ;;
    share_user | share_domain)
        matches "$3" '[A-Za-z0-9._@-]+' ||
            mistake "$1" "$2 '$3' can hold letters, digits, '.', '_', '@' and '-'" ;;
    share_password) ;;
    source)
        case $3 in
        -*) mistake "$1" "source '$3' cannot start with '-'" ;;
        *' '*) mistake "$1" "source '$3' cannot hold spaces" ;;
        esac ;;
    rotate)
        matches "$3" '0|90|180|270' || mistake "$1" "rotate '$3': write 0, 90, 180 or 270" ;;
    identify)
        matches "$3" '[0-9]+[smh]?|yes|no|off' ||
            mistake "$1" "identify '$3': write a time such as 15m or 1h, yes (until turned off) or off" ;;
    journal)
        matches "$3" 'persistent|volatile' || mistake "$1" "journal '$3': write persistent or volatile" ;;
    *)
        mistake "$1" "unknown key '$2'; the keys are $KEYS"
        return ;;
    esac
    [ "$errors" -eq "$before" ] || return
    case $seen in
    *" $2 "*) mistake "$1" "$2 is given twice; keep one line" ;;
    esac
    seen="$seen$2 "
    eval "$2=\$3"
}

read_txt() {
    if [ ! -e "$TXT" ]; then
        say "no corridor.txt on the boot drive: setting up with the defaults (name: the host name, playlist: welcome.yaml, identify page for 15 minutes)"
        return
    fi
    if [ ! -f "$TXT" ] || [ ! -r "$TXT" ]; then
        mistake 0 "corridor.txt cannot be read: is it a folder?"
        return
    fi
    size=$(wc -c <"$TXT")
    if [ "$size" -gt 65536 ]; then
        mistake 0 "corridor.txt is $size bytes: it should be a few lines of text (was another file saved under its name?)"
        return
    fi
    if [ "$(tr -d '\000' <"$TXT" | wc -c)" -ne "$size" ]; then
        mistake 0 "corridor.txt is not plain text (saved as Unicode/UTF-16, or a Word file?): in Notepad, Save As with Encoding UTF-8"
        return
    fi
    n=0
    # Windows line ends and a UTF-8 mark at the start are taken as they come.
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        line=$(printf '%s' "$line" | tr -d '\r' | sed -e '1s/^\xEF\xBB\xBF//' \
            -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
        case $line in
        '' | '#'*) continue ;;
        *=*) ;;
        *)
            line=$(printf '%s' "$line" | sed 's/[[:space:]]#.*$//')
            mistake "$n" "'$line' is not key = value (as name = ward-12)"
            continue ;;
        esac
        key=$(printf '%s' "${line%%=*}" | sed 's/[[:space:]]*$//' | tr 'A-Z-' 'a-z_')
        value=$(printf '%s' "${line#*=}" | sed 's/^[[:space:]]*//')
        case $value in
        '"'*'"'*) # quoted: kept whole, a # inside it included
            value=${value#\"}
            value=${value%%\"*} ;;
        *) value=$(printf '%s' "$value" | sed -e 's/[[:space:]]#.*$//' -e 's/^#.*$//' -e 's/[[:space:]]*$//') ;;
        esac
        if [ -z "$value" ]; then
            mistake "$n" "$key has no value; write one after '=', or put # in front of the line"
            continue
        fi
        check_value "$n" "$key" "$value"
    done <"$TXT"
    if [ -n "$share" ] && [ -n "$source" ]; then
        mistake 0 "give share or source, not both"
    fi
    if [ -n "$share_password$share_user" ] && [ -z "$share" ]; then
        mistake 0 "share_user and share_password need share = //server/share"
    fi
    if [ -n "$share" ] && { [ -z "$share_user" ] || [ -z "$share_password" ]; }; then
        mistake 0 "share needs share_user and share_password (an account that can only read the folder)"
    fi
}

# ---- applying it -----------------------------------------------------------------------------

# Sets KEY = VALUE in corridor.conf: the first line with the key (commented out or not) becomes
# it, other active lines with it go; appended when there is none.
set_conf() { # KEY VALUE
    awk -v k="$1" -v v="$2" '
        $0 ~ "^[#[:space:]]*" k "[[:space:]]*=" {
            if (!done) { print k " = " v; done = 1 }
            else if ($0 !~ /^[[:space:]]*#/) { }
            else print
            next
        }
        { print }
        END { if (!done) print k " = " v }' "$CONF" >"$CONF.new" && mv "$CONF.new" "$CONF"
}

# Comments KEY out in corridor.conf, when it is set.
unset_conf() { # KEY
    sed "s/^[[:space:]]*\($1[[:space:]]*=\)/#\1/" "$CONF" >"$CONF.new" && mv "$CONF.new" "$CONF"
}

set_sync() { # NAME VALUE, in sync.conf's NAME=value form
    awk -v k="$1" -v v="$2" '
        $0 ~ "^" k "=" { if (!done) { print k "=" v; done = 1 } next }
        { print }
        END { if (!done) print k "=" v }' "$SYNC" >"$SYNC.new" && mv "$SYNC.new" "$SYNC"
}

install_package() {
    deb=$(find "$BOOT/corridor" -maxdepth 1 -name 'corridor_*_arm64.deb' 2>/dev/null | sort | tail -n 1)
    if [ -z "$deb" ]; then
        if [ -x "$ROOT/usr/bin/corridor" ]; then
            say "no corridor_VERSION_arm64.deb in the boot drive's corridor folder; keeping the corridor installed"
            return 0
        fi
        say "no corridor_VERSION_arm64.deb in the boot drive's corridor folder ($BOOT/corridor): copy the package there"
        return 1
    fi
    say "installing $(basename "$deb") and the libraries it needs"
    if ! { apt-get update -q && apt-get install -y -q "$deb"; }; then
        say "installing $(basename "$deb") failed (no network yet?); trying again in a minute"
        return 1
    fi
}

apply() {
    if [ ! -f "$CONF" ] || [ ! -f "$SYNC" ]; then
        say "the package did not put $CONF and $SYNC in place; reinstall it"
        return 1
    fi
    set_conf playlist "/var/lib/corridor/playlist/${playlist:-welcome.yaml}"
    if [ -n "$name" ]; then set_conf screen "$name"; else unset_conf screen; fi
    if [ -n "$rotate" ]; then set_conf rotate "$rotate"; fi
    case $identify in
    no | off | 0)
        set_conf identify no
        unset_conf identify_for ;;
    yes)
        set_conf identify yes
        unset_conf identify_for ;;
    *)
        set_conf identify yes
        set_conf identify_for "$identify" ;;
    esac

    timers=""
    if [ -n "$share" ]; then
        if [ "$share_password" != "$PASSWORD_MOVED" ] || [ ! -f "$CREDS" ]; then
            if [ "$share_password" = "$PASSWORD_MOVED" ]; then
                say "corridor.txt's share_password was moved to $CREDS on an earlier boot, and that file is gone: write the password in corridor.txt again"
                return 1
            fi
            (umask 077 && printf 'username=%s\npassword=%s\n%s' "$share_user" "$share_password" \
                "${share_domain:+domain=$share_domain
}" >"$CREDS") || return 1
        fi
        mkdir -p "$ROOT$MOUNT" "$ROOT/etc"
        touch "$ROOT/etc/fstab"
        grep -v " $MOUNT cifs " "$ROOT/etc/fstab" >"$ROOT/etc/fstab.new"
        echo "$share $MOUNT cifs ro,credentials=/etc/corridor/share.credentials,x-systemd.automount,x-systemd.idle-timeout=60,_netdev,nofail 0 0" >>"$ROOT/etc/fstab.new"
        mv "$ROOT/etc/fstab.new" "$ROOT/etc/fstab"
        set_sync SOURCE "$MOUNT/${share_folder:+$share_folder/}"
        timers="corridor-sync.timer corridor-sync-urgent.timer"
    elif [ -n "$source" ]; then
        set_sync SOURCE "$source"
        timers="corridor-sync.timer corridor-sync-urgent.timer"
    fi

    case $journal in
    persistent)
        mkdir -p "$(dirname "$JOURNAL_DROPIN")" &&
            cp "$here/journald-corridor.conf" "$JOURNAL_DROPIN" || return 1 ;;
    volatile) rm -f "$JOURNAL_DROPIN" ;;
    esac

    # The password leaves the boot drive, which any PC can read.
    if [ -n "$share_password" ] && [ "$share_password" != "$PASSWORD_MOVED" ]; then
        sed "s|^\([[:space:]]*share[-_]password[[:space:]]*=\).*|\1 $PASSWORD_MOVED|I" "$TXT" >"$TXT.new" &&
            mv "$TXT.new" "$TXT"
    fi

    # tty1 is the screen's: no login prompt over the picture (ssh, or Ctrl+Alt+F2, still work).
    systemctl disable getty@tty1.service
    # shellcheck disable=SC2086 # the timers are separate words
    systemctl enable corridor.service $timers || return 1
}

run() {
    : >"$LOG" 2>/dev/null || true
    say "setting up $(cat "$ROOT/etc/hostname" 2>/dev/null || echo 'this Pi') as a corridor screen"
    read_txt
    if [ "$errors" -gt 0 ]; then
        say "$errors mistake(s) in corridor.txt: nothing was changed. Fix it on the boot drive (on any PC) and start the Pi again."
        exit 1
    fi
    install_package || exit 1
    apply || { say "setting the screen up failed; see the lines above"; exit 1; }
    mkdir -p "$STATE" && date -u '+%Y-%m-%dT%H:%M:%SZ' >"$STATE/done"
    say "done: screen '${name:-$(cat "$ROOT/etc/hostname" 2>/dev/null)}' plays ${playlist:-welcome.yaml}${share:+ from $share}${source:+ from $source}; restarting into it"
    systemctl reboot
}

case ${1:-} in
--install) install_unit ;;
'') run ;;
*)
    echo "usage: corridor-firstboot.sh [--install]" >&2
    exit 2 ;;
esac
