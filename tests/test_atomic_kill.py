"""Killing the writing process at random points never damages the previous file."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

WRITER = r"""
import json, sys
from decisionaid.answers import Answers, Decision, save_answers
path = sys.argv[1]
i = 0
while True:
    i += 1
    notes = (f"version {i} " * 400)[:4900]
    save_answers(Answers(hair_loss_type="male_pattern", age=30, sex="male",
                         decision=Decision(notes=notes)), path)
    if i == 1:
        print("ready", flush=True)
"""


@pytest.mark.slow
def test_sigkill_during_saves_leaves_a_whole_file(tmp_path):
    """SIGKILL at random moments: the answers file is always a complete, valid earlier version."""
    from decisionaid.answers import load_answers

    target = tmp_path / "answers.json"
    rng = random.Random(1234)
    for _ in range(25):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        answers = load_answers(target)  # raises if the file were torn
        assert answers.decision.notes.startswith("version ")
        json.loads(target.read_text())


AUTOSAVER = r"""
import sys
from decisionaid.answers import Answers, Decision
from decisionaid.atomic import write_bytes_atomic
from decisionaid.session import save_draft
out = sys.argv[1]
i = 0
while True:
    i += 1
    notes = (f"Ana's notes {i} " * 400)[:4900]
    save_draft(Answers(hair_loss_type="male_pattern", age=30, sex="male", name="Ana",
                       decision=Decision(notes=notes)), i % 50)
    write_bytes_atomic(out, (b"%PDF-1.4 Summary for Ana " * 4000))
    if i == 1:
        print("ready", flush=True)
"""


@pytest.mark.slow
def test_killed_autosaves_and_exports_leave_nothing_after_restart_and_forget(
    tmp_path, private_data_dir
):
    """SIGKILL during autosaves and exports: whatever .part files a kill leaves are gone after
    the next start's sweep, and Forget leaves no trace of the person in the data folder."""
    from decisionaid import atomic, forget, session

    export_dir = tmp_path / "Documents"
    export_dir.mkdir()
    rng = random.Random(99)
    for _ in range(30):
        proc = subprocess.Popen(
            [sys.executable, "-c", AUTOSAVER, str(export_dir / "summary.pdf")],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert session.load_draft() is not None  # never torn
    atomic.sweep_stale_temporary_files()  # what the app does at every start
    left = [p for p in list(private_data_dir.rglob("*")) + list(export_dir.iterdir())]
    assert not [p for p in left if p.name.endswith(".part")], left
    assert not list((private_data_dir / atomic.PENDING_DIR).iterdir())
    assert "your autosaved answers" in forget.forget_everything(include_logs=True)
    leftover = [p for p in private_data_dir.rglob("*") if p.is_file()]
    assert leftover == []
    assert [p.name for p in export_dir.iterdir()] == ["summary.pdf"]  # the person's own file
