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
