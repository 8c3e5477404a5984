#!/bin/sh
# test_sync.sh: corridor-sync takes no options from its settings: hostile SOURCE values are
# refused before anything runs, and good ones reach git and rsync after `--`.
# Usage: test_sync.sh SOURCE_DIR
#
# git, rsync and corridor are stubs on PATH that write what they were given into a log, one
# argument a line, and do just enough for the script to finish.
set -u
src=$1
sync=$src/packaging/corridor-sync
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL: $*" >&2
}

mkdir -p "$tmp/bin"
for tool in git rsync corridor; do
    cat >"$tmp/bin/$tool" <<'STUB'
#!/bin/sh
{
    echo "== ${0##*/}"
    for a in "$@"; do echo "$a"; done
} >>"$STUB_LOG"
case "${0##*/} $*" in
"git --git-dir="*" rev-parse "*) echo 0123456789abcdef0123456789abcdef01234567 ;;
"git --git-dir="*" archive "*)
    mkdir -p "$STUB_LOG.tree" && echo "slides: []" >"$STUB_LOG.tree/wards.yaml"
    tar -c -C "$STUB_LOG.tree" wards.yaml
    ;;
"git init "*) mkdir -p "$5" ;;
rsync*)
    for last in "$@"; do :; done
    mkdir -p "$last" && echo "slides: []" >"$last/wards.yaml"
    ;;
esac
exit 0
STUB
    chmod +x "$tmp/bin/$tool"
done

# run NAME SOURCE [VAR=VALUE...]: runs corridor-sync with SOURCE into a fresh base folder.
run() {
    name=$1
    source=$2
    shift 2
    base=$tmp/$name
    rm -rf "$base"
    mkdir -p "$base"
    : >"$base.log"
    env PATH="$tmp/bin:$PATH" STUB_LOG="$base.log" CORRIDOR_SYNC_BASE="$base" \
        CORRIDOR_CONF=/nonexistent SOURCE="$source" CHECK=wards.yaml "$@" \
        sh "$sync" >"$base.out" 2>"$base.err"
    status=$?
}

# refused NAME SOURCE MESSAGE [VAR=VALUE...]: exit 1, MESSAGE on stderr, no tool ran.
refused() {
    name=$1
    source=$2
    message=$3
    shift 3
    run "$name" "$source" "$@"
    if [ "$status" -ne 1 ]; then bad "$name: exit $status, expected 1"; else ok; fi
    if grep -qF -- "$message" "$base.err"; then ok; else
        bad "$name: stderr lacks '$message'"
        sed 's/^/    /' "$base.err" >&2
    fi
    if [ -s "$base.log" ]; then
        bad "$name: a tool ran"
        sed 's/^/    /' "$base.log" >&2
    else ok; fi
    if [ -e "$base/playlist" ]; then bad "$name: a playlist went live"; else ok; fi
}

# The tester's variants, and their neighbours.
refused git-upload-pack 'git+--upload-pack=touch /tmp/pwned' "cannot start with -"
refused git-upload-pack-url 'git+--upload-pack=touch${IFS}x.git' "cannot start with -"
refused rsync-e '-e sh -c "touch x"' "cannot start with -"
refused rsync-rsh '--rsh=touch x' "cannot start with -"
refused dash-folder '-folder/' "cannot start with -"
refused git-ext 'git+ext::sh -c touch% x' "helpers are not a place"
refused git-scheme 'git+fd::17.git' "helpers are not a place"
refused ssh-dash-host 'git+ssh://-oProxyCommand=touch x/repo.git' "cannot start with -"
refused scp-dash-host 'signage@-oProxyCommand=x:/srv/' "cannot start with -"
refused scp-dash-user '-l x@host:/srv/' "cannot start with -"
refused scp-odd-user 'a b@host:/srv/' "is not a user name"
refused rsync-dash-host 'rsync://-x/corridor/' "cannot start with -"
refused odd-scheme 'ftp://host/corridor/' "is not a kind of address"
refused relative 'comms/corridor/' "starting with /"
refused newline "$(printf '/mnt/a\n-e x')" "more than one line"
refused dash-branch '/mnt/comms.git' "is not a branch name" GIT_BRANCH=--upload-pack=x
refused dash-check '/mnt/comms/' "name the playlist inside the folder" CHECK=--strict
refused outside-check '/mnt/comms/' "name the playlist inside the folder" CHECK=../etc/x.yaml

# accepted NAME SOURCE TOOL URL: exit 0, and TOOL got `--` and then URL as its next argument.
accepted() {
    name=$1
    tool=$3
    url=$4
    run "$1" "$2"
    if [ "$status" -eq 0 ]; then ok; else
        bad "$name: exit $status, expected 0"
        sed 's/^/    /' "$base.err" >&2
    fi
    # The tool's calls, one argument a line: `--` must come directly before URL.
    if awk -v tool="== $tool" -v url="$url" '
        /^== / { mine = ($0 == tool); prev = ""; next }
        mine && $0 == url && prev == "--" { found = 1 }
        mine { prev = $0 }
        END { exit !found }' "$base.log"; then ok; else
        bad "$name: $tool did not get -- before '$url'"
        sed 's/^/    /' "$base.log" >&2
    fi
    if [ -L "$base/playlist" ] && [ -f "$base/playlist/wards.yaml" ]; then ok; else
        bad "$name: the new folder did not go live"
    fi
}

accepted folder /mnt/comms/corridor/ rsync /mnt/comms/corridor/
accepted folder-no-slash '/mnt/comms/corridor folder' rsync '/mnt/comms/corridor folder/'
accepted rsync-daemon rsync://fileserver.example.nhs.uk/corridor/ rsync \
    rsync://fileserver.example.nhs.uk/corridor/
accepted scp signage@fileserver.example.nhs.uk:/srv/corridor/ rsync \
    signage@fileserver.example.nhs.uk:/srv/corridor/
accepted git-https git+https://git.example.nhs.uk/comms/corridor-playlists.git git \
    https://git.example.nhs.uk/comms/corridor-playlists.git
accepted git-ssh git+ssh://git@git.example.nhs.uk:2222/comms/playlists.git git \
    ssh://git@git.example.nhs.uk:2222/comms/playlists.git
accepted git-scp git@git.example.nhs.uk:comms/playlists.git git \
    git@git.example.nhs.uk:comms/playlists.git

echo "test_sync: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
