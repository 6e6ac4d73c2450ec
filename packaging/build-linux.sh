#!/usr/bin/env bash
# Build the Linux app (PyInstaller, one folder) and the Debian package
# dist/decisionaid_<version>_amd64.deb, on a fresh Debian/Ubuntu machine.
#
#   bash packaging/build-linux.sh
#
# Run as root for the apt-get step (or set SKIP_APT=1 when the packages are already there).
# Environment:
#   PYTHON                        Python 3.11+ to make the build venv with (default: python3;
#                                 Debian's needs python3-dev for libpython3.11.so, installed here)
#   SKIP_APT=1                    do not apt-get install the build tools and runtime libraries
#   DECISIONAID_BUNDLE_CATALOGUE  bundle this catalogue file instead of building one from data/
#                                 (for experiments only)
#   STRICT_CATALOGUE=1            fail if data/ does not build (for a release), instead of
#                                 bundling the committed src/decisionaid/bundled/catalogue.sqlite
# Steps shared with Windows and macOS (catalogue, PyInstaller, headless self-test) are in
# packaging/build_bundle.py; this script adds the Linux parts around them.
# Outputs: dist/DecisionAid/ (the bundle), dist/decisionaid_<version>_amd64.deb,
#          build/linux-build-stats.txt (sizes and times).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
START=$(date +%s)
PYTHON="${PYTHON:-python3}"
VENV="$REPO/build/venv"
BUNDLE="$REPO/dist/DecisionAid"
STAGE="$REPO/build/deb-root"
DEPENDS_FILE="$REPO/packaging/linux/depends.txt"

say() { printf '\n== %s\n' "$*"; }
die() { printf 'build-linux.sh: %s\n' "$*" >&2; exit 1; }

mapfile -t RUNTIME_DEPS < <(grep -v '^\s*\(#\|$\)' "$DEPENDS_FILE")

# 1. System packages: build tools, and the runtime libraries (so that the bundle can be checked
#    with ldd and run headless before it is packaged).
if [[ "${SKIP_APT:-}" != 1 ]]; then
    [[ $(id -u) == 0 ]] || die "run as root for apt-get, or set SKIP_APT=1"
    say "apt-get: build tools and runtime libraries"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends \
        binutils dpkg-dev file desktop-file-utils python3 python3-venv python3-dev \
        "${RUNTIME_DEPS[@]}"
fi
for tool in objdump dpkg-deb ldd; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install binutils dpkg-dev)"
done

# 2. The build venv: the app, its dependencies and PyInstaller, from PyPI.
say "Python build venv ($VENV)"
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
    || die "$PYTHON is older than 3.11"
base_prefix() { "$1" -c 'import sys; print(sys.base_prefix)'; }
if [[ -x "$VENV/bin/python" && "$(base_prefix "$VENV/bin/python")" != "$(base_prefix "$PYTHON")" ]]; then
    rm -rf "$VENV"  # made with another Python
fi
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[build]"


# 3. The catalogue, PyInstaller and a headless run of the frozen app: the same script as on
#    Windows and macOS (packaging/build_bundle.py).
"$VENV/bin/python" packaging/build_bundle.py
VERSION="$("$VENV/bin/python" -c 'import json; print(json.load(open("build/bundle-stats.json"))["version"])')"
PYINSTALLER_SECONDS="$("$VENV/bin/python" -c 'import json; print(json.load(open("build/bundle-stats.json"))["pyinstaller_seconds"])')"
# Debian orders 1.0~rc1 before 1.0; PEP 440 writes 1.0rc1.
DEB_VERSION="$(sed -E 's/^([0-9.]+)\.?(a|b|rc|dev)/\1~\2/' <<<"$VERSION")"
DEB="$REPO/dist/decisionaid_${DEB_VERSION}_amd64.deb"

# 4. The .deb uses Debian's own copies of system libraries (X11/xcb, fontconfig, D-Bus, glib,
#    OpenSSL...) rather than copies from the build machine: PyInstaller collected them, so take
#    out each one that a Debian package provides; Depends then brings them in. What stays is
#    what Debian does not ship: Qt 6 and ICU from the PySide6 wheel, and Python itself.
say "use the system's libraries"
MULTIARCH="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)"
unbundled=()
while IFS= read -r -d '' lib; do
    name="$(basename "$lib")"
    [[ "$name" == libpython* ]] && continue  # the bundle's Python must match its stdlib
    for dir in "/usr/lib/$MULTIARCH" "/lib/$MULTIARCH"; do
        [[ -e "$dir/$name" ]] || continue
        if owner="$(dpkg -S "$dir/$name" 2>/dev/null)" && [[ -n "$owner" ]]; then
            rm -f "$lib"
            unbundled+=("$name (${owner%%:*})")
            break
        fi
    done
done < <(find "$BUNDLE/_internal" -maxdepth 1 -name 'lib*.so*' -print0)
echo "  ${#unbundled[@]} libraries now come from Debian packages"

#    Every shared library in the bundle must then resolve, and Depends must name its package:
#    dpkg-shlibdeps works that out (with version floors) from the same ELF files.
say "Depends: dpkg-shlibdeps and ldd"
ELFS=()
while IFS= read -r -d '' f; do
    [[ "$(head -c4 "$f" | tr -d '\0')" == $'\177ELF' ]] && ELFS+=("$f")
done < <(find "$BUNDLE" -type f -print0)
missing="$(for elf in "${ELFS[@]}"; do
    LD_LIBRARY_PATH="$BUNDLE/_internal" ldd "$elf" 2>/dev/null | sed -n "s|^\s*\(\S*\) => not found|\1 (needed by ${elf#"$BUNDLE"/})|p"
done | sort -u)"
if [[ -n "$missing" ]]; then
    echo "$missing" >&2
    die "the bundle links to libraries that are not installed here (add their packages to $DEPENDS_FILE)"
fi
SHLIBS="$REPO/build/shlibdeps"
rm -rf "$SHLIBS" && mkdir -p "$SHLIBS/debian"
printf 'Source: decisionaid\n\nPackage: decisionaid\nArchitecture: amd64\n' > "$SHLIBS/debian/control"
PRIVATE_DIRS=()
while IFS= read -r dir; do PRIVATE_DIRS+=("-l$dir"); done \
    < <(printf '%s\n' "${ELFS[@]}" | xargs -n1 dirname | sort -u)
SHLIBS_DEPENDS="$(cd "$SHLIBS" && dpkg-shlibdeps -O --ignore-missing-info "${PRIVATE_DIRS[@]}" \
                  "${ELFS[@]}" 2>"$SHLIBS/warnings.txt" | sed -n 's/^shlibs:Depends=//p')"
[[ -n "$SHLIBS_DEPENDS" ]] || { cat "$SHLIBS/warnings.txt" >&2; die "dpkg-shlibdeps found no dependencies"; }
#    depends.txt adds what no binary links to but the app needs (libraries Qt loads by name).
DEPENDS="$SHLIBS_DEPENDS"
for pkg in "${RUNTIME_DEPS[@]}"; do
    sed 's/ ([^)]*)//g; s/, /\n/g' <<<"$DEPENDS" | grep -Fqx "$pkg" || DEPENDS+=", $pkg"
done
echo "  Depends: $DEPENDS"

# 5. The bundle still runs, now on the system's libraries.
say "self-test on the system's libraries"
QT_QPA_PLATFORM=offscreen DECISIONAID_DATA_DIR="$(mktemp -d)" "$BUNDLE/DecisionAid" --self-test \
    >"$REPO/build/self-test-system-libs.txt" 2>&1 \
    || { cat "$REPO/build/self-test-system-libs.txt" >&2; die "the bundle fails on the system's libraries"; }
tail -1 "$REPO/build/self-test-system-libs.txt"

# 6. The Debian package.
say "dpkg-deb: $DEB"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
    "$STAGE/usr/share/doc/decisionaid"
cp -a "$BUNDLE" "$STAGE/opt/decisionaid"
ln -s /opt/decisionaid/DecisionAid "$STAGE/usr/bin/decisionaid"
install -m 644 packaging/linux/decisionaid.desktop "$STAGE/usr/share/applications/decisionaid.desktop"
# Saved answers (*.decisionaid) as a document type that opens DecisionAid on a double-click.
install -D -m 644 packaging/linux/decisionaid-answers.xml \
    "$STAGE/usr/share/mime/packages/decisionaid-answers.xml"
for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "resources/icons/app/decisionaid-$size.png" \
        "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/decisionaid.png"
done
install -D -m 644 resources/icons/app/decisionaid.svg \
    "$STAGE/usr/share/icons/hicolor/scalable/apps/decisionaid.svg"
RELEASE_DATE="$(git -C "$REPO" log -1 --format=%cs 2>/dev/null || date -u +%F)"
install -D -m 644 packaging/linux/org.decisionaid.DecisionAid.metainfo.xml \
    "$STAGE/usr/share/metainfo/org.decisionaid.DecisionAid.metainfo.xml"
sed -i -E "s|<release version=\"[^\"]*\" date=\"[^\"]*\"/>|<release version=\"$VERSION\" date=\"$RELEASE_DATE\"/>|" \
    "$STAGE/usr/share/metainfo/org.decisionaid.DecisionAid.metainfo.xml"
cat > "$STAGE/usr/share/doc/decisionaid/copyright" <<EOF
DecisionAid $VERSION: an offline decision aid for people losing their hair.
Copyright: DecisionAid developers
License: GPL-3.0-or-later (see /usr/share/common-licenses/GPL-3).
/opt/decisionaid bundles Python, Qt for Python (PySide6, LGPL-3.0), ReportLab (BSD),
Pillow (MIT-CMU), platformdirs (MIT) and the DejaVu fonts (see
/opt/decisionaid/_internal/decisionaid/resources/fonts/LICENSE.txt).
EOF
printf 'decisionaid (%s) stable; urgency=low\n\n  * Release %s. See the project history for the changes.\n\n -- DecisionAid developers <maintainers@decisionaid.invalid>  %s\n' \
    "$DEB_VERSION" "$VERSION" "$(date -u -R -d "$RELEASE_DATE" 2>/dev/null || date -u -R)" \
    | gzip -9n > "$STAGE/usr/share/doc/decisionaid/changelog.gz"
install -m 755 packaging/linux/postinst "$STAGE/DEBIAN/postinst"
install -m 755 packaging/linux/postrm "$STAGE/DEBIAN/postrm"
find "$STAGE" -type d -exec chmod 755 {} +
chmod -R go-w,a+rX "$STAGE"
find "$STAGE/opt" -type f -name '*.so*' -exec chmod 644 {} +  # libraries need no exec bit
INSTALLED_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<EOF
Package: decisionaid
Version: $DEB_VERSION
Section: science
Priority: optional
Architecture: amd64
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: fonts-dejavu-core, desktop-file-utils, hicolor-icon-theme
Maintainer: DecisionAid developers <maintainers@decisionaid.invalid>
Description: offline decision aid for people losing their hair
 DecisionAid shows every hair-loss option side by side, including doing
 nothing: how sure the evidence is (in GRADE words), what it costs over one,
 three and five years, the benefits and the harms, and why each option fits
 or not. It never diagnoses and never names one best option. Your answers
 never leave the computer: the app uses no network at all.
EOF
mkdir -p "$REPO/dist"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null
dpkg-deb --info "$DEB" | sed -n '1,12p'

SECONDS_TOTAL=$(( $(date +%s) - START ))
BUNDLE_MB=$(du -sm "$BUNDLE" | cut -f1)
DEB_MB=$(awk -v b="$(stat -c %s "$DEB")" 'BEGIN { printf "%.1f", b / 1048576 }')
mkdir -p "$REPO/build"
cat > "$REPO/build/linux-build-stats.txt" <<EOF
version: $VERSION
bundle: $BUNDLE ($BUNDLE_MB MB)
deb: $DEB ($DEB_MB MB)
installed size: $(( INSTALLED_KB / 1024 )) MB
pyinstaller seconds: $PYINSTALLER_SECONDS
total seconds: $SECONDS_TOTAL
EOF
say "done"
cat "$REPO/build/linux-build-stats.txt"
