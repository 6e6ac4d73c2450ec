"""Build the frozen app with PyInstaller and check that it runs: the steps every platform shares.

    python packaging/build_bundle.py            # in a venv with `pip install -e ".[build]"`

1. checks that decisionaid.__version__ and pyproject.toml agree;
2. builds the catalogue from data/ into build/catalogue/ (the committed
   src/decisionaid/bundled/catalogue.sqlite is left alone); if data/ does not build, bundles the
   committed file with a warning, or fails when STRICT_CATALOGUE=1 or when there is none;
3. runs PyInstaller on packaging/decisionaid.spec: dist/DecisionAid/ (Linux, Windows) or
   dist/DecisionAid.app (macOS);
4. runs the frozen app headless: --version, ``catalogue path`` (must be inside the bundle),
   ``catalogue check`` (which must explain that the author tools are not bundled) and --self-test. A windowed Windows exe has no console, so its output is read from the file
   named by DECISIONAID_OUTPUT (see packaging/launcher.py);
5. writes build/bundle-stats.json (version, seconds, bundle size, self-test seconds).

packaging/build-linux.sh and the CI workflow (.github/workflows/build.yml) both use it, so the
build is the same everywhere. DECISIONAID_BUNDLE_CATALOGUE=path bundles another catalogue file
(for experiments only).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "decisionaid.spec"
DIST = REPO / "dist"
WORK = REPO / "build" / "pyinstaller"
COMMITTED_CATALOGUE = REPO / "src" / "decisionaid" / "bundled" / "catalogue.sqlite"
FRESH_CATALOGUE = REPO / "build" / "catalogue" / "catalogue.sqlite"
APP_NAME = "DecisionAid"


class BuildFailed(Exception):
    pass


def say(text: str) -> None:
    print(f"\n== {text}", flush=True)


def version() -> str:
    sys.path.insert(0, str(REPO / "src"))
    import decisionaid

    with open(REPO / "pyproject.toml", "rb") as f:
        declared = tomllib.load(f)["project"]["version"]
    if decisionaid.__version__ != declared:
        raise BuildFailed(
            f"version mismatch: decisionaid.__version__ is {decisionaid.__version__}, "
            f"pyproject.toml says {declared}"
        )
    return declared


def choose_catalogue() -> Path:
    override = os.environ.get("DECISIONAID_BUNDLE_CATALOGUE")
    if override:
        say(f"catalogue: {override} (DECISIONAID_BUNDLE_CATALOGUE; not for release)")
        if not Path(override).is_file():
            raise BuildFailed(f"{override} does not exist")
        return Path(override)
    say("catalogue: decisionaid catalogue build")
    FRESH_CATALOGUE.parent.mkdir(parents=True, exist_ok=True)
    FRESH_CATALOGUE.unlink(missing_ok=True)
    built = (
        subprocess.run(
            [
                sys.executable,
                "-m",
                "decisionaid",
                "catalogue",
                "build",
                "--output",
                str(FRESH_CATALOGUE),
            ]
        ).returncode
        == 0
    )
    if built:
        if (
            COMMITTED_CATALOGUE.is_file()
            and COMMITTED_CATALOGUE.read_bytes() != FRESH_CATALOGUE.read_bytes()
        ):
            print("note: data/ differs from the committed catalogue; bundling the fresh build")
        return FRESH_CATALOGUE
    if not COMMITTED_CATALOGUE.is_file():
        raise BuildFailed(
            f"the bundled catalogue {COMMITTED_CATALOGUE} is missing and data/ "
            "does not build: run 'decisionaid catalogue check'"
        )
    if os.environ.get("STRICT_CATALOGUE") == "1":
        raise BuildFailed(
            "data/ does not build (see above) and STRICT_CATALOGUE=1: "
            "run 'decisionaid catalogue check'"
        )
    print(
        f"WARNING: data/ does not build (see above); bundling the committed "
        f"{COMMITTED_CATALOGUE.relative_to(REPO)}",
        file=sys.stderr,
    )
    return COMMITTED_CATALOGUE


def frozen_executable() -> tuple[Path, Path]:
    """(the bundle folder or .app, the executable inside it)."""
    if sys.platform == "darwin":
        app = DIST / f"{APP_NAME}.app"
        return app, app / "Contents" / "MacOS" / APP_NAME
    folder = DIST / APP_NAME
    return folder, folder / (f"{APP_NAME}.exe" if sys.platform == "win32" else APP_NAME)


def run_pyinstaller(catalogue: Path) -> float:
    say("PyInstaller")
    bundle, _exe = frozen_executable()
    shutil.rmtree(bundle, ignore_errors=True)
    env = dict(os.environ, DECISIONAID_BUNDLE_CATALOGUE=str(catalogue))
    started = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
            str(SPEC),
        ],
        check=True,
        env=env,
        cwd=REPO,
    )
    return time.monotonic() - started


def run_frozen(*args: str) -> tuple[int, str, float]:
    """Run the frozen app headless; (exit code, what it printed, seconds)."""
    _bundle, exe = frozen_executable()
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "output.txt"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            DECISIONAID_OUTPUT=str(output),
            DECISIONAID_DATA_DIR=str(Path(tmp) / "data"),
        )
        env.pop("DECISIONAID_CATALOGUE", None)
        started = time.monotonic()
        proc = subprocess.run(
            [str(exe), *args], env=env, cwd=tmp, capture_output=True, text=True, timeout=300
        )
        seconds = time.monotonic() - started
        text = proc.stdout + proc.stderr
        if output.exists():  # windowed Windows build: no console, the output is in the file
            text += output.read_text(encoding="utf-8", errors="replace")
    return proc.returncode, text, seconds


def smoke_test(version_text: str) -> float:
    say("the frozen app, headless")
    bundle, exe = frozen_executable()
    if not exe.exists():
        raise BuildFailed(f"PyInstaller made no {exe}")
    dangling = [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    if dangling:
        raise BuildFailed(
            "links to files the spec left out: "
            + ", ".join(str(p.relative_to(bundle)) for p in dangling)
        )
    code, text, _ = run_frozen("--version")
    if code != 0 or f"DecisionAid {version_text}" not in text:
        raise BuildFailed(f"DecisionAid --version failed (exit {code}):\n{text}")
    print(text.strip().splitlines()[0])
    code, text, _ = run_frozen("catalogue", "path")
    path = text.strip().splitlines()[0] if text.strip() else ""
    if code != 0 or not Path(path).resolve().is_relative_to(bundle.resolve()):
        raise BuildFailed(
            f"the frozen app's catalogue is not inside {bundle} (exit {code}):\n{text}"
        )
    print(f"catalogue: {path}")
    # The author tools are not bundled: 'catalogue check' must say so clearly, not crash.
    code, text, _ = run_frozen("catalogue", "check", "--source", str(REPO / "data"))
    if code != 1 or "decisionaid[catalogue]" not in text or "unexpected error" in text:
        raise BuildFailed(
            f"the frozen app's 'catalogue check' should explain the missing author tools "
            f"(exit {code}):\n{text}"
        )
    print("catalogue check: says the author tools are not bundled")
    code, text, seconds = run_frozen("--self-test")
    print(text.rstrip())
    if code != 0:
        raise BuildFailed(f"DecisionAid --self-test failed (exit {code})")
    return seconds


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    started = time.monotonic()
    try:
        version_text = version()
        catalogue = choose_catalogue()
        pyinstaller_seconds = run_pyinstaller(catalogue)
        self_test_seconds = smoke_test(version_text)
    except BuildFailed as exc:
        print(f"build_bundle.py: {exc}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as exc:
        print(f"build_bundle.py: {exc}", file=sys.stderr)
        return 1
    bundle, _exe = frozen_executable()
    stats = {
        "version": version_text,
        "platform": sys.platform,
        "bundle": str(bundle.relative_to(REPO)),
        "bundle_mb": round(folder_size(bundle) / 1048576, 1),
        "pyinstaller_seconds": round(pyinstaller_seconds, 1),
        "self_test_seconds": round(self_test_seconds, 2),
        "total_seconds": round(time.monotonic() - started, 1),
        "catalogue": str(catalogue),
    }
    stats_file = REPO / "build" / "bundle-stats.json"
    stats_file.parent.mkdir(parents=True, exist_ok=True)
    stats_file.write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    say("bundle built")
    for key, value in stats.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
