#!/usr/bin/env bash
# Does the .deb's Depends really bring in everything the app needs? Install it with apt into a
# minimal Debian 12 that has never seen it (debootstrap --variant=minbase: no X, no Qt, no
# fonts, no Python), run the installed app's --self-test headless there, and remove it.
# test-deb.sh runs on the build machine, which already has every library; this does not.
#
#   bash packaging/test-deb-clean-root.sh [dist/decisionaid_<version>_amd64.deb]
#
# Needs root (debootstrap, chroot, mounting /proc) and Debian's package mirror. The pristine
# root is kept in build/clean-root (about 250 MB, made once, about 2 minutes); each run works on
# a fresh copy of it.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEB="${1:-$(ls -t "$REPO"/dist/decisionaid_*_amd64.deb 2>/dev/null | head -1 || true)}"
[[ -f "$DEB" ]] || { echo "test-deb-clean-root.sh: no .deb found (run packaging/build-linux.sh)" >&2; exit 1; }
DEB="$(readlink -f "$DEB")"
PRISTINE="$REPO/build/clean-root"
ROOT="$REPO/build/clean-root-run"
SUITE="${SUITE:-bookworm}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
export DEBIAN_FRONTEND=noninteractive

say() { printf '\n== %s\n' "$*"; }
XVFB=""
cleanup() {
    [[ -n "$XVFB" ]] && kill "$XVFB" 2>/dev/null || true
    mountpoint -q "$ROOT/tmp/.X11-unix" && umount "$ROOT/tmp/.X11-unix" || true
    mountpoint -q "$ROOT/proc" && umount "$ROOT/proc" || true
    rm -rf "$ROOT"
}
trap cleanup EXIT

if [[ ! -x "$PRISTINE/usr/bin/apt-get" ]]; then
    say "debootstrap a minimal Debian ($SUITE) into $PRISTINE"
    command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
    rm -rf "$PRISTINE"
    debootstrap --variant=minbase "$SUITE" "$PRISTINE" "$MIRROR"
fi
say "a fresh copy of the minimal root"
rm -rf "$ROOT"
cp -a "$PRISTINE" "$ROOT"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"
cp "$DEB" "$ROOT/tmp/decisionaid.deb"
in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }

say "apt-get install ./decisionaid.deb (dependencies from Depends only)"
in_root apt-get update -q
BEFORE=$(in_root dpkg-query -W -f='${binary:Package}\n' | wc -l)
in_root apt-get install -y -q --no-install-recommends /tmp/decisionaid.deb
AFTER=$(in_root dpkg-query -W -f='${binary:Package}\n' | wc -l)
echo "  $((AFTER - BEFORE)) packages installed with it"

say "the installed app, headless, in the minimal root"
in_root env QT_QPA_PLATFORM=offscreen DECISIONAID_DATA_DIR=/tmp/userdata decisionaid --version
in_root env QT_QPA_PLATFORM=offscreen DECISIONAID_DATA_DIR=/tmp/userdata decisionaid --self-test

say "a real window: the app in the minimal root on an X server outside it (Qt's xcb plugin)"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null && command -v import >/dev/null \
    || apt-get install -y -q --no-install-recommends xvfb xdotool imagemagick >/dev/null
Xvfb :59 -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
mkdir -p "$ROOT/tmp/.X11-unix"
sleep 1
mount --bind /tmp/.X11-unix "$ROOT/tmp/.X11-unix"
# (chroot and env exec the app, so $! is the app itself)
chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DISPLAY=:59 \
    DECISIONAID_DATA_DIR=/tmp/userdata decisionaid >"$ROOT/tmp/gui.log" 2>&1 &
APP=$!
WINDOW=""
for _ in $(seq 300); do
    WINDOW="$(DISPLAY=:59 xdotool search --onlyvisible --class DecisionAid 2>/dev/null | head -1 || true)"
    [[ -n "$WINDOW" ]] && break
    kill -0 "$APP" 2>/dev/null || break
    sleep 0.05
done
if [[ -z "$WINDOW" ]]; then
    cat "$ROOT/tmp/gui.log" >&2
    echo "test-deb-clean-root.sh: no window appeared (a library the xcb plugin needs is missing?)" >&2
    exit 1
fi
sleep 2
DISPLAY=:59 import -window root "$REPO/build/clean-root-screenshot.png"
echo "  window \"$(DISPLAY=:59 xdotool getwindowname "$WINDOW")\"; screenshot: build/clean-root-screenshot.png"
kill "$APP" 2>/dev/null || true
wait "$APP" 2>/dev/null || true
! grep -qi "could not load\|cannot load library" "$ROOT/tmp/gui.log" \
    || { cat "$ROOT/tmp/gui.log" >&2; echo "test-deb-clean-root.sh: Qt could not load a plugin" >&2; exit 1; }

say "apt-get purge decisionaid"
in_root apt-get purge -y -q decisionaid
for path in /opt/decisionaid /usr/bin/decisionaid /usr/share/applications/decisionaid.desktop; do
    if [[ -e "$ROOT$path" || -L "$ROOT$path" ]]; then
        echo "test-deb-clean-root.sh: $path is left after purge" >&2
        exit 1
    fi
done
echo "  nothing left in /opt/decisionaid, /usr/bin, /usr/share/applications"
printf '\nclean-root test passed\n'
