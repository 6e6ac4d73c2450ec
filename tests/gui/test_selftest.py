"""``decisionaid --self-test``: the whole flow headless, one line per step, exit 0."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from decisionaid.gui.selftest import run_self_test
from decisionaid.paths import BUNDLED_CATALOGUE


def test_self_test_passes_on_synthetic_catalogue(synthetic_path, qapp, capsys):
    """`decisionaid --self-test` walks every step and exits 0, printing one 'ok' line per step,
    and leaves the person's own answers (the autosave) alone."""
    from decisionaid import session
    from decisionaid.cli import main

    assert main(["--self-test", "--catalogue", str(synthetic_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith(("ok ", "note ")) for line in lines[:-1]), lines
    assert lines[-1].startswith("Self-test passed")
    assert any("results:" in line for line in lines)
    assert not session.draft_path().exists()


def test_self_test_reports_a_bad_catalogue(tmp_path, qapp):
    """A missing catalogue fails the self-test with the reason, not a traceback."""
    out = io.StringIO()
    assert run_self_test(tmp_path / "missing.sqlite", out=out) == 1
    assert "FAILED" in out.getvalue() and "does not exist" in out.getvalue()


@pytest.mark.slow  # a whole session in a child process
@pytest.mark.skipif(
    not BUNDLED_CATALOGUE.exists(), reason="the bundled catalogue has not been built"
)
def test_self_test_command_line():
    """`decisionaid --self-test` in a fresh process, with no display, exits 0."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    run = subprocess.run(
        [sys.executable, "-m", "decisionaid", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Self-test passed" in run.stdout
