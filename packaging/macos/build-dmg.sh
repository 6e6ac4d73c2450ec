#!/usr/bin/env bash
# macOS: sign (when a certificate is there), pack dist/DecisionAid.app into a drag-to-Applications
# disk image, and notarise it (when Apple credentials are there).
#
#   python packaging/build_bundle.py       # makes dist/DecisionAid.app
#   bash packaging/macos/build-dmg.sh      # makes dist/DecisionAid-<version>-macOS-<arch>.dmg
#
# Signing and notarisation switch on by themselves when these are set (CI secrets), and are
# skipped with a note when they are not (the app is then ad-hoc signed: it runs on the machine
# that built it; elsewhere Gatekeeper asks the person to right-click > Open the first time):
#   MACOS_CODESIGN_IDENTITY   "Developer ID Application: Name (TEAMID)", in the keychain
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   an app-specific password for notarytool
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO"
APP="$REPO/dist/DecisionAid.app"
ENTITLEMENTS="$REPO/packaging/macos/entitlements.plist"
[[ -d "$APP" ]] || { echo "build-dmg.sh: $APP is missing: run packaging/build_bundle.py first" >&2; exit 1; }
VERSION="$(/usr/libexec/PlistBuddy -c 'Print CFBundleShortVersionString' "$APP/Contents/Info.plist")"
ARCH="$(lipo -archs "$APP/Contents/MacOS/DecisionAid" | tr ' ' '-')"
DMG="$REPO/dist/DecisionAid-$VERSION-macOS-$ARCH.dmg"
IDENTITY="${MACOS_CODESIGN_IDENTITY:-}"

say() { printf '\n== %s\n' "$*"; }

# 1. Sign the app: Developer ID with the hardened runtime when a certificate is there, else
#    ad-hoc (Apple silicon refuses to run unsigned code at all).
if [[ -n "$IDENTITY" ]]; then
    say "codesign (Developer ID, hardened runtime)"
    codesign --force --deep --options runtime --timestamp \
        --entitlements "$ENTITLEMENTS" --sign "$IDENTITY" "$APP"
else
    say "codesign: ad-hoc (MACOS_CODESIGN_IDENTITY not set)"
    codesign --force --deep --sign - "$APP"
fi
codesign --verify --deep --strict --verbose=2 "$APP"

# 2. The disk image: the app beside a link to /Applications, so the person drags one onto the
#    other. create-dmg (if installed) also lays the two icons out side by side.
say "disk image: $DMG"
rm -f "$DMG"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
if command -v create-dmg >/dev/null; then
    cp -R "$APP" "$STAGE/"
    create-dmg --volname "DecisionAid $VERSION" \
        --volicon "$REPO/resources/icons/app/decisionaid.icns" \
        --window-pos 200 120 --window-size 560 340 --icon-size 112 \
        --icon "DecisionAid.app" 140 150 --hide-extension "DecisionAid.app" \
        --app-drop-link 420 150 --no-internet-enable "$DMG" "$STAGE"
else
    cp -R "$APP" "$STAGE/"
    ln -s /Applications "$STAGE/Applications"
    hdiutil create -volname "DecisionAid $VERSION" -srcfolder "$STAGE" -fs HFS+ \
        -format UDZO -imagekey zlib-level=9 -ov "$DMG"
fi
hdiutil verify "$DMG"

# 3. Sign and notarise the image, then staple the ticket so it opens offline.
if [[ -n "$IDENTITY" ]]; then
    codesign --force --timestamp --sign "$IDENTITY" "$DMG"
fi
if [[ -n "$IDENTITY" && -n "${APPLE_ID:-}" && -n "${APPLE_TEAM_ID:-}" && -n "${APPLE_APP_PASSWORD:-}" ]]; then
    say "notarisation (xcrun notarytool)"
    xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
        --password "$APPLE_APP_PASSWORD" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
else
    echo "note: not notarised (needs MACOS_CODESIGN_IDENTITY, APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD)"
fi

say "done"
ls -l "$DMG"
