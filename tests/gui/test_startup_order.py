"""Start-up (issue 15): the Tab order, a walk over every widget, is made just after the first
paint instead of before it, and is then the same as in a window built without the hold."""

from __future__ import annotations

import subprocess
import sys

from decisionaid.gui.wizard import Wizard


def test_tab_order_held_while_the_first_window_is_built_then_made(
    synthetic_path, monkeypatch, app_run, qapp, messages
):
    from decisionaid.gui import app as app_module
    from decisionaid.gui.main_window import MainWindow

    seen = {}
    open_catalogue = app_module.open_catalogue_or_explain

    def open_and_look(path, parent=None):
        seen["held while building"] = Wizard.hold_tab_order is False  # released at finish
        return open_catalogue(path, parent)

    def look_then_quit(window):
        qapp.processEvents()  # the order is made from the event loop, just after finish
        seen["order"] = [w.objectName() or type(w).__name__ for w in window.wizard.tab_stops()]
        seen["hold"] = Wizard.hold_tab_order
        qapp.exit(0)
        return False

    monkeypatch.setattr(app_module, "open_catalogue_or_explain", open_and_look)
    monkeypatch.setattr(MainWindow, "offer_resume", look_then_quit)
    assert app_run(catalogue_path=synthetic_path) == 0
    assert seen["hold"] is False and seen["held while building"]

    reference = MainWindow(None, autosave=False)  # built without the hold: ordered as it goes
    try:
        reference.wizard.order_tabs()
        expected = [w.objectName() or type(w).__name__ for w in reference.wizard.tab_stops()]
    finally:
        reference.close()
        reference.deleteLater()
    assert seen["order"] == expected
    assert seen["order"][0] == "QToolButton"  # the toolbar comes first, as in reading order


def test_probe_start_up_ends_cleanly_several_times(tmp_path):
    """Ordering after the first paint must not disturb the end of the process (a crash at exit
    was seen while this was being built)."""
    import os

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DECISIONAID_STARTUP_PROBE="1",
        DECISIONAID_DATA_DIR=str(tmp_path),
    )
    for _ in range(3):
        run = subprocess.run(
            [sys.executable, "-m", "decisionaid"],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        words = [line.split()[0] for line in run.stdout.splitlines()]
        assert words.index("painted") < words.index("ready_cpu") < words.index("ready")
