"""The domain core imports no Qt: the CLI, the GUI and the PDF share it. No import cycles."""

import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import decisionaid

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
CONTRACTS = {c["name"]: c for c in PYPROJECT["tool"]["importlinter"]["contracts"]}
QT_FREE = CONTRACTS["The domain core never imports Qt"]["source_modules"]
# The only modules that may use Qt: the GUI (with its self-test) and the command line that
# starts it.
NOT_CORE = {"decisionaid.gui", "decisionaid.cli", "decisionaid.__main__"}
# Every core module and submodule, found on disk (not a list kept by hand).
CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(decisionaid.__path__, "decisionaid.")
    if not any(m.name == n or m.name.startswith(n + ".") for n in NOT_CORE)
) + ["decisionaid.cli"]  # imports the GUI only to start it


def test_the_qt_free_contract_lists_every_core_module():
    """Every top-level module but the GUI and the command line is in the import contract, so a
    new core module cannot be forgotten."""
    top = {f"decisionaid.{m.name}" for m in pkgutil.iter_modules(decisionaid.__path__)}
    assert top - NOT_CORE == set(QT_FREE)


def test_core_modules_import_and_work_with_qt_unavailable():
    """With PySide6 made unimportable, every core module imports and the CLI recommends."""
    code = (
        "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "from decisionaid.cli import main\n"
        + f"raise SystemExit(main(['recommend', r'{REPO / 'examples' / 'sample-answers.json'}']))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_import_linter_contract_holds():
    """The import-linter contracts in pyproject.toml (no Qt in the core, no import cycles, for
    example none between gui/wizard.py and gui/questions.py) are kept."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}  # this tree, not an installed copy
    proc = subprocess.run(
        [str(lint_imports), "--no-cache"], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"{len(CONTRACTS)} kept, 0 broken" in proc.stdout
