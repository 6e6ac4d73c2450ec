#!/usr/bin/env bash
# Install the .deb that build-linux.sh made, use the installed app headless, then remove it and
# check that nothing is left. Run as root, on a machine where removing `decisionaid` is fine.
#
#   bash packaging/test-deb.sh [dist/decisionaid_<version>_amd64.deb] [--gui]
#
# --gui  also open the installed app in a real window under Xvfb, time how long the first window
#        takes, and save a screenshot to build/deb-screenshot.png (installs xvfb, x11-utils,
#        xdotool and imagemagick with apt-get).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEB=""
GUI=0
for arg in "$@"; do
    case "$arg" in
        --gui) GUI=1 ;;
        *.deb) DEB="$arg" ;;
        *) echo "usage: $0 [file.deb] [--gui]" >&2; exit 2 ;;
    esac
done
if [[ -z "$DEB" ]]; then
    DEB="$(ls -t "$REPO"/dist/decisionaid_*_amd64.deb 2>/dev/null | head -1 || true)"
fi
[[ -f "$DEB" ]] || { echo "test-deb.sh: no .deb found (run packaging/build-linux.sh)" >&2; exit 1; }
DEB="$(readlink -f "$DEB")"

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); printf '  ok    %s\n' "$*"; }
bad() { FAIL=$((FAIL + 1)); printf '  FAIL  %s\n' "$*"; }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
say() { printf '\n== %s\n' "$*"; }

export DEBIAN_FRONTEND=noninteractive
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export DECISIONAID_DATA_DIR="$WORK/userdata"  # never touch a real person's data

say "install $(basename "$DEB") ($(du -h "$DEB" | cut -f1))"
if dpkg -s decisionaid >/dev/null 2>&1; then dpkg -r decisionaid >/dev/null; fi
if ! dpkg -i "$DEB"; then
    apt-get update -q
    apt-get install -f -y -q
fi
check "dpkg says decisionaid is installed" \
    bash -c 'dpkg -s decisionaid | grep -q "^Status: install ok installed"'
VERSION="$(dpkg-deb -f "$DEB" Version)"
check "/usr/bin/decisionaid runs the bundle" test "$(readlink -f /usr/bin/decisionaid)" = /opt/decisionaid/DecisionAid
check "menu entry installed" test -f /usr/share/applications/decisionaid.desktop
if command -v desktop-file-validate >/dev/null; then
    check "menu entry is valid (desktop-file-validate)" \
        desktop-file-validate /usr/share/applications/decisionaid.desktop
fi
check "icons installed (48 px and scalable)" test -f /usr/share/icons/hicolor/48x48/apps/decisionaid.png \
    -a -f /usr/share/icons/hicolor/scalable/apps/decisionaid.svg
check "software-centre metadata installed" test -f /usr/share/metainfo/org.decisionaid.DecisionAid.metainfo.xml
check "all the .deb's dependencies are met" bash -c '! apt-get check -q 2>&1 | grep -qi unmet'

find /opt/decisionaid | sort > "$WORK/files-before.txt"

say "use the installed app headless (QT_QPA_PLATFORM=offscreen)"
export QT_QPA_PLATFORM=offscreen
cd "$WORK"  # not the source tree: the app must find everything inside /opt/decisionaid
check "decisionaid --version says $VERSION" bash -c "decisionaid --version | grep -qx 'DecisionAid ${VERSION//\~/}'"
CATALOGUE="$(decisionaid catalogue path || true)"
check "catalogue path is inside /opt/decisionaid ($CATALOGUE)" \
    bash -c "[[ '$CATALOGUE' == /opt/decisionaid/* && -f '$CATALOGUE' ]]"
check "decisionaid catalogue list" bash -c 'decisionaid catalogue list --json > list.json && test -s list.json'
SELFTEST_LOG="$WORK/self-test.txt"
T0=$(date +%s.%N)
if decisionaid --self-test >"$SELFTEST_LOG" 2>&1; then
    ok "decisionaid --self-test ($(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'))"
    sed 's/^/        /' "$SELFTEST_LOG" | tail -15
else
    bad "decisionaid --self-test"
    sed 's/^/        /' "$SELFTEST_LOG" | tail -30
fi
# The same flow by hand: answers -> every option -> PDF summary, with the bundled catalogue.
if grep -q '"male_pattern"' list.json; then
    check "decisionaid recommend (sample answers) lists every option with a status" \
        bash -c "decisionaid recommend --json '$REPO/examples/sample-answers.json' > options.json && grep -q '\"status\": \"suitable\"' options.json && grep -q '\"status\": \"excluded\"' options.json"
    check "decisionaid export writes a PDF summary" \
        bash -c "decisionaid export '$REPO/examples/sample-answers.json' -o summary.pdf >/dev/null && head -c5 summary.pdf | grep -q '%PDF-'"
else
    echo "  skip  recommend/export: the bundled catalogue has no 'male_pattern' (synthetic catalogue?)"
fi
check "a bad answers file gives a message, not a traceback" \
    bash -c "echo '{' > bad.json; ! decisionaid recommend bad.json 2> err.txt && ! grep -q Traceback err.txt && test -s err.txt"
find /opt/decisionaid | sort > "$WORK/files-after.txt"
check "the app wrote nothing inside /opt/decisionaid" cmp -s "$WORK/files-before.txt" "$WORK/files-after.txt"

if ((GUI)); then
    say "a real window under Xvfb"
    apt-get install -y -q --no-install-recommends xvfb x11-utils xdotool imagemagick >/dev/null
    unset QT_QPA_PLATFORM
    Xvfb :57 -screen 0 1280x860x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    XVFB=$!
    export DISPLAY=:57
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    T0=$(date +%s.%N)
    decisionaid >"$WORK/gui.log" 2>&1 &
    APP=$!
    WINDOW=""
    for _ in $(seq 300); do
        WINDOW="$(xdotool search --onlyvisible --class DecisionAid 2>/dev/null | head -1 || true)"
        [[ -n "$WINDOW" ]] && break
        kill -0 "$APP" 2>/dev/null || break
        sleep 0.05
    done
    T1=$(date +%s.%N)
    if [[ -n "$WINDOW" ]]; then
        STARTUP="$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.2f", b - a }')"
        ok "first window after $STARTUP s: \"$(xdotool getwindowname "$WINDOW")\""
        sleep 2  # let it finish painting
        mkdir -p "$REPO/build"
        import -window root "$REPO/build/deb-screenshot.png"
        echo "        screenshot: build/deb-screenshot.png"
        echo "startup to first window: $STARTUP s" > "$REPO/build/deb-startup.txt"
    else
        bad "no window appeared within 15 s"
        sed 's/^/        /' "$WORK/gui.log" | tail -20
    fi
    kill "$APP" 2>/dev/null || true
    wait "$APP" 2>/dev/null || true
    kill "$XVFB" 2>/dev/null || true
    wait "$XVFB" 2>/dev/null || true
    export QT_QPA_PLATFORM=offscreen
fi

say "upgrade in place (the same files under a higher version)"
mkdir -p "$WORK/upgrade"
dpkg-deb -R "$DEB" "$WORK/upgrade/root"
sed -i "s/^Version: .*/Version: ${VERSION}+upgradetest/" "$WORK/upgrade/root/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -z1 --build "$WORK/upgrade/root" "$WORK/upgrade/new.deb" >/dev/null
check "dpkg -i of a newer version over the installed one" dpkg -i "$WORK/upgrade/new.deb"
check "dpkg now has ${VERSION}+upgradetest" \
    bash -c "dpkg-query -W -f='\${Version}' decisionaid | grep -qx '${VERSION}+upgradetest'"
find /opt/decisionaid | sort > "$WORK/files-upgraded.txt"
check "the upgrade left the bundle whole (same files as before)" cmp -s "$WORK/files-before.txt" "$WORK/files-upgraded.txt"
check "the upgraded app runs (--version)" bash -c "cd '$WORK' && decisionaid --version >/dev/null"

say "remove"
cd "$REPO"
dpkg -r decisionaid >/dev/null
check "dpkg -r decisionaid" bash -c '! dpkg -s decisionaid 2>/dev/null | grep -q "^Status: install ok installed"'
check "/opt/decisionaid is gone" test ! -e /opt/decisionaid
check "/usr/bin/decisionaid is gone" test ! -e /usr/bin/decisionaid -a ! -L /usr/bin/decisionaid
check "menu entry and icons are gone" bash -c \
    '! ls /usr/share/applications/decisionaid.desktop /usr/share/icons/hicolor/*/apps/decisionaid.* /usr/share/metainfo/org.decisionaid.DecisionAid.metainfo.xml 2>/dev/null | grep -q .'
dpkg -P decisionaid >/dev/null 2>&1 || true
check "nothing of the package is known to dpkg after purge" bash -c '! dpkg -L decisionaid >/dev/null 2>&1'

printf '\n%s passed, %s failed\n' "$PASS" "$FAIL"
((FAIL == 0))
