"""The domain core imports no Qt: the CLI, the GUI and the PDF share it."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORE = [
    "decisionaid.answers",
    "decisionaid.atomic",
    "decisionaid.costs",
    "decisionaid.models",
    "decisionaid.paths",
    "decisionaid.rules",
    "decisionaid.session",
    "decisionaid.cli",
    "decisionaid.presentation",
    "decisionaid.selftest",
    "decisionaid.catalogue",
    "decisionaid.catalogue.build",
    "decisionaid.catalogue.check",
    "decisionaid.catalogue.synthetic",
    "decisionaid.report",
    "decisionaid.forget",
    "decisionaid.textsafety",
    "decisionaid.catalogue.validate",
]


def test_core_modules_import_and_work_with_qt_unavailable():
    """With PySide6 made unimportable, every core module imports and the CLI recommends."""
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "import pkgutil, decisionaid.report as r\n"
        + "[__import__(f'decisionaid.report.{m.name}') for m in pkgutil.iter_modules(r.__path__)]\n"
        + "from decisionaid.cli import main\n"
        + f"raise SystemExit(main(['recommend', r'{REPO / 'examples' / 'sample-answers.json'}']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_import_linter_contract_holds():
    """The import-linter contract in pyproject.toml (no Qt in the core) is kept."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "1 kept, 0 broken" in proc.stdout
