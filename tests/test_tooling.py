"""The project's checks stay wired up: CI runs lint, format, types and the workflow schema, and
mypy's strict settings cover the whole Qt-free core."""

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "decisionaid"


def mypy_config() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mypy"]


def test_ci_runs_lint_format_types_and_the_workflow_schema_after_the_tests():
    """.ci/run runs ruff, mypy and check-jsonschema, each from the test extras, after pytest."""
    run = (REPO / ".ci" / "run").read_text()
    lines = [line.strip() for line in run.splitlines() if not line.lstrip().startswith("#")]
    wanted = [
        ".venv/bin/ruff check .",
        ".venv/bin/ruff format --check .",
        ".venv/bin/mypy",
        ".venv/bin/check-jsonschema --builtin-schema vendor.github-workflows "
        ".github/workflows/build.yml",
    ]
    for command in wanted:
        assert command in lines, command
    positions = [lines.index(c) for c in wanted]
    tests = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert tests < positions[0] and positions == sorted(positions)
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["test"]
    for tool in ("ruff", "mypy", "check-jsonschema"):
        assert any(re.match(rf"{tool}\b", dep) for dep in extras), tool


def test_mypy_is_strict_on_every_core_module():
    """Strict, over the whole package; only the GUI and the self-test (which drives the GUI)
    are left out, and no override loosens a core module but pdf.py's reportlab subclasses."""
    config = mypy_config()
    assert config["strict"] is True
    assert config["files"] == ["src/decisionaid"]
    excluded = [re.compile(p) for p in config.get("exclude", [])]
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(REPO).as_posix()
        left_out = any(p.search(relative) for p in excluded)
        expected = relative.startswith("src/decisionaid/gui/") or relative.endswith("selftest.py")
        assert left_out == expected, relative
    for override in config.get("overrides", []):
        modules = override["module"]
        modules = [modules] if isinstance(modules, str) else modules
        core = [m for m in modules if m.startswith("decisionaid")]
        loosened = set(override) - {"module"}
        if not core:
            assert loosened == {"ignore_missing_imports"}, override
        elif loosened == {"follow_imports"}:  # silent: the GUI, followed from the CLI
            assert all(m.startswith(("decisionaid.gui", "decisionaid.selftest")) for m in core)
        else:
            assert core == ["decisionaid.report.pdf"], override
            assert loosened == {"disallow_subclassing_any"}, override


def test_the_ci_workflow_matches_its_schema():
    """The same check as .ci/run, offline: the schema is built into check-jsonschema."""
    pytest.importorskip("check_jsonschema")
    from check_jsonschema import main

    with pytest.raises(SystemExit) as done:
        main(
            [
                "--builtin-schema",
                "vendor.github-workflows",
                str(REPO / ".github" / "workflows" / "build.yml"),
            ]
        )
    assert done.value.code == 0
