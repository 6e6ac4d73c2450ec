"""Fast checks that the packaging files agree with each other and with the app.

The slow part (PyInstaller, the .deb, installing it) is not a unit test: it is
packaging/build-linux.sh and packaging/test-deb.sh, and the CI workflow.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons" / "app"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project() -> dict:
    with open(REPO / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(PACKAGING / "linux" / "decisionaid.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_version_is_the_same_in_pyproject_and_package():
    """The installers take one version: pyproject.toml and decisionaid.__version__ agree."""
    import decisionaid

    assert decisionaid.__version__ == _project()["version"]


def test_every_generated_icon_file_exists():
    """make_icons.py --check finds every PNG, the .ico and the .icns committed."""
    make_icons = _load("make_icons", PACKAGING / "make_icons.py")
    missing = [p.name for p in make_icons.expected_files() if not p.exists()]
    assert missing == []


def test_icon_pngs_have_their_named_size():
    """decisionaid-N.png is N x N pixels, and decisionaid.png (what the GUI loads) is 256."""
    make_icons = _load("make_icons", PACKAGING / "make_icons.py")
    for size in make_icons.SIZES:
        assert _png_size(ICONS / f"decisionaid-{size}.png") == (size, size)
    assert _png_size(ICONS / "decisionaid.png") == (make_icons.MAIN_PNG_SIZE,) * 2


def test_ico_holds_each_small_and_large_size():
    """The Windows .ico carries 16, 32, 48 and 256 px images (Explorer and the Start menu)."""
    data = (ICONS / "decisionaid.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {(data[6 + 16 * i] or 256) for i in range(count)}
    assert {16, 32, 48, 256} <= sizes


def test_icns_is_well_formed_with_small_and_retina_slots():
    """The macOS .icns has a correct length and the 16 px, 32 px and 512@2x slots."""
    data = (ICONS / "decisionaid.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    offset, types = 8, set()
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4].decode("ascii"),
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        assert length > 8
        types.add(kind)
        offset += length
    assert offset == len(data)
    assert {"icp4", "icp5", "ic10"} <= types


def test_icon_svgs_are_valid_and_render():
    """Both SVG sources parse as XML and Qt's renderer accepts them."""
    from PySide6.QtSvg import QSvgRenderer

    for name in ("decisionaid.svg", "decisionaid-small.svg"):
        ET.parse(ICONS / name)
        assert QSvgRenderer(str(ICONS / name)).isValid(), name


def test_desktop_entry_launches_the_installed_command_with_the_icon():
    """The menu entry runs /usr/bin/decisionaid with the hicolor icon, no terminal."""
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "DecisionAid"
    assert entry["Exec"] == "decisionaid %f"  # a double-clicked answers file is opened
    assert entry["MimeType"] == "application/x-decisionaid-answers;"
    assert entry["Icon"] == "decisionaid"
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "DecisionAid"


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed"
)
def test_desktop_entry_passes_desktop_file_validate():
    """desktop-file-validate has nothing to say about the menu entry."""
    result = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / "linux" / "decisionaid.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_appstream_metadata_names_the_desktop_entry_and_the_command():
    """The software-centre metadata launches decisionaid.desktop and provides the decisionaid command."""
    root = ET.parse(PACKAGING / "linux" / "org.decisionaid.DecisionAid.metainfo.xml").getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == "org.decisionaid.DecisionAid"
    assert root.findtext("launchable") == "decisionaid.desktop"
    assert root.find("provides").findtext("binary") == "decisionaid"
    assert root.find("releases/release") is not None  # build-linux.sh sets its version and date


def test_build_script_installs_what_the_deb_ships():
    """build-linux.sh puts the bundle, command, menu entry and icons where test-deb.sh looks."""
    script = (PACKAGING / "build-linux.sh").read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in script
    for needle in (
        '"$STAGE/opt/decisionaid"',
        "ln -s /opt/decisionaid/DecisionAid",
        "usr/share/applications/decisionaid.desktop",
        "usr/share/icons/hicolor/${size}x${size}/apps/decisionaid.png",
        "scalable/apps/decisionaid.svg",
        "packaging/build_bundle.py",
        "dist/decisionaid_${DEB_VERSION}_amd64.deb",
        "Package: decisionaid",
    ):
        assert needle in script, needle
    test = (PACKAGING / "test-deb.sh").read_text(encoding="utf-8")
    for needle in (
        "dpkg -i",
        "apt-get install -f",
        "--self-test",
        "catalogue path",
        "dpkg -r decisionaid",
        "/opt/decisionaid is gone",
        "/usr/bin/decisionaid is gone",
        "upgrade in place",
    ):
        assert needle in test, needle


def test_depends_list_names_the_qt_xcb_libraries():
    """depends.txt names the libraries Qt's xcb platform plugin needs (Qt's own list)."""
    lines = (PACKAGING / "linux" / "depends.txt").read_text(encoding="utf-8").splitlines()
    packages = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert {
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-image0",
        "libxcb-render-util0",
        "libxcb-shape0",
        "libxcb-xkb1",
        "libfontconfig1",
        "libdbus-1-3",
        "libegl1",
        "libgl1",
    } <= packages


def test_spec_bundles_catalogue_and_resources_where_the_app_looks():
    """The spec puts the catalogue and resources/ where decisionaid.paths finds them when frozen."""
    spec = (PACKAGING / "decisionaid.spec").read_text(encoding="utf-8")
    assert '"decisionaid/bundled"' in spec
    assert '(str(REPO / "resources"), "decisionaid/resources")' in spec
    assert 'SPEC_DIR / "launcher.py"' in spec
    assert "exclude_binaries=True" in spec  # onedir
    assert (
        "bundle_identifier=BUNDLE_ID" in spec
        and 'BUNDLE_ID = "org.decisionaid.DecisionAid"' in spec
    )
    for key in ("NSHighResolutionCapable", "LSMinimumSystemVersion", "CFBundleShortVersionString"):
        assert key in spec
    from decisionaid import paths

    assert (
        paths.BUNDLED_CATALOGUE.relative_to(paths.PACKAGE_DIR).as_posix()
        == "bundled/catalogue.sqlite"
    )


def test_spec_drops_unused_qt_but_keeps_what_the_app_needs():
    """The spec's file filter drops QtQuick/WebEngine/Network but keeps Core/Gui/Widgets/Svg and xcb."""
    source = (PACKAGING / "decisionaid.spec").read_text(encoding="utf-8")
    namespace: dict = {"re": re}
    for name in ("QT_UNUSED_LIBS", "DROP"):
        match = re.search(rf"^{name} = .*?\n\)\n", source, re.S | re.M)
        assert match, f"{name} not found in the spec"
        exec(match.group(0), namespace)
    drop = namespace["DROP"]
    dropped = [
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
        "PySide6/Qt6Pdf.dll",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
        "PySide6/Qt/lib/QtNetwork.framework/Resources/Info.plist",
        "PySide6/opengl32sw.dll",
        "PySide6/translations/qtbase_fr.qm",
        "libQt6Network.so.6",
        "libQt6WaylandClient.so.6",
    ]
    kept = [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/lib/libQt6DBus.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt6Widgets.dll",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui",
        "PySide6/Qt/lib/QtGui.framework/Resources/Info.plist",
        "PySide6/Qt/lib/libicudata.so.73",
        "libQt6Widgets.so.6",
        "libQt6Core.so.6",
        "decisionaid/bundled/catalogue.sqlite",
        "decisionaid/resources/translations/x.qm",
        "decisionaid/resources/fonts/DejaVuSans.ttf",
        "pyphen/dictionaries/hyph_en_US.dic",
    ]
    assert [p for p in dropped if not drop.search(p)] == []
    assert [p for p in kept if drop.search(p)] == []


def test_inno_setup_installs_per_user_with_start_menu_and_uninstaller():
    """The Windows installer needs no admin rights and adds a Start-menu shortcut."""
    iss = (PACKAGING / "windows" / "decisionaid.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert r"DefaultDirName={localappdata}\Programs\{#AppName}" in iss
    assert r'Name: "{autoprograms}\{#AppName}"' in iss
    assert "OutputBaseFilename=DecisionAid-{#AppVersion}-Setup" in iss
    assert r"SetupIconFile=..\..\resources\icons\app\decisionaid.ico" in iss
    assert (
        (PACKAGING / "windows" / r"..\..\resources\icons\app\decisionaid.ico".replace("\\", "/"))
        .resolve()
        .exists()
    )
    assert re.search(r"AppId=\{\{[0-9A-F-]{36}\}", iss)


def test_macos_script_guards_signing_and_notarisation_behind_env_vars():
    """build-dmg.sh signs with --options runtime and notarises only when the secrets are set."""
    script = (PACKAGING / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    assert "codesign --force --deep --options runtime" in script
    assert "xcrun notarytool submit" in script and "--wait" in script
    assert "xcrun stapler staple" in script
    assert 'if [[ -n "$IDENTITY" ]]' in script
    assert "ln -s /Applications" in script
    ET.parse(PACKAGING / "macos" / "entitlements.plist")


def test_workflow_builds_each_platform_with_the_shared_steps():
    """The CI workflow runs the same spec and build script on Windows, both Macs and Linux."""
    workflow = (REPO / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    for runner in ("windows-latest", "macos-14", "macos-13", "ubuntu-latest"):
        assert runner in workflow
    assert (
        workflow.count("python packaging/build_bundle.py") == 2
    )  # Windows, macOS (Linux: via the script)
    for needle in (
        "bash packaging/build-linux.sh",
        "bash packaging/test-deb.sh",
        r"packaging\windows\decisionaid.iss",
        "bash packaging/macos/build-dmg.sh",
        "--self-test",
        'python-version: "3.11"',
        "actions/upload-artifact",
        "QT_QPA_PLATFORM: offscreen",
    ):
        assert needle in workflow, needle
    assert "\t" not in workflow


def test_workflow_is_valid_yaml_with_four_builds():
    """The workflow parses, and its jobs cover Linux, Windows and the two Mac runners."""
    import yaml

    workflow = yaml.safe_load(
        (REPO / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8")
    )
    jobs = workflow["jobs"]
    assert set(jobs) == {"linux", "windows", "macos"}
    runners = {inc["runner"] for inc in jobs["macos"]["strategy"]["matrix"]["include"]}
    assert runners == {"macos-14", "macos-13"}
    for job in jobs.values():
        assert any("upload-artifact" in step.get("uses", "") for step in job["steps"])


def _run_launcher(tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run packaging/launcher.py as a windowed build would: no stdout, no stderr."""
    output = tmp_path / "out.txt"
    code = (
        "import runpy, sys\n"
        "sys.stdout = None; sys.stderr = None\n"
        f"sys.argv = ['DecisionAid', *{list(args)!r}]\n"
        f"launcher = runpy.run_path({str(PACKAGING / 'launcher.py')!r})\n"
        "raise SystemExit(launcher['main']())\n"
    )
    env = dict(os.environ, DECISIONAID_OUTPUT=str(output), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    return proc.returncode, output.read_text(encoding="utf-8") if output.exists() else ""


def test_windowed_launcher_writes_version_and_exit_code_to_a_file(tmp_path):
    """With no console, --version and the exit code still reach the DECISIONAID_OUTPUT file."""
    import decisionaid

    code, text = _run_launcher(tmp_path, "--version")
    assert code == 0
    assert f"DecisionAid {decisionaid.__version__}" in text
    assert text.rstrip().endswith("exit code: 0")


def test_windowed_launcher_reports_a_failure_by_exit_code_and_file(tmp_path, synthetic_path):
    """A failing command in a windowed build still gives a non-zero exit code and a message."""
    code, text = _run_launcher(
        tmp_path, "recommend", str(tmp_path / "missing.json"), "--catalogue", str(synthetic_path)
    )
    assert code != 0
    assert "decisionaid:" in text and "Traceback" not in text
    assert text.rstrip().endswith(f"exit code: {code}")


def test_saved_answers_are_registered_as_a_document_type():
    """*.decisionaid is a MIME type of its own (shared-mime-info, installed by the .deb build,
    refreshed by postinst), a file association in the Inno Setup script, and a document type in
    the macOS Info.plist."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "linux" / "decisionaid-answers.xml").getroot()
    mime = root.find("m:mime-type", ns)
    assert mime.get("type") == "application/x-decisionaid-answers"
    assert mime.find("m:glob", ns).get("pattern") == "*.decisionaid"
    build = (PACKAGING / "build-linux.sh").read_text()
    assert "usr/share/mime/packages/decisionaid-answers.xml" in build
    assert "update-mime-database" in (PACKAGING / "linux" / "postinst").read_text()
    iss = (PACKAGING / "windows" / "decisionaid.iss").read_text()
    assert "ChangesAssociations=yes" in iss and 'Subkey: "Software\\Classes\\.decisionaid"' in iss
    assert '""%1""' in iss
    spec = (PACKAGING / "decisionaid.spec").read_text()
    assert "CFBundleDocumentTypes" in spec and '"CFBundleTypeExtensions": ["decisionaid"]' in spec
