"""Start-up: the Tab order, a walk over every widget, is made once the window is ready
(just after the first paint and the catalogue) instead of before the first paint, and is then
the same as in a window built without the hold."""

from __future__ import annotations

import subprocess
import sys

import pytest

from decisionaid.gui.wizard import Wizard


def test_tab_order_held_while_the_first_window_is_built_then_made(
    synthetic_path, monkeypatch, app_run, qapp, messages
):
    from decisionaid.gui import app as app_module
    from decisionaid.gui.main_window import MainWindow

    seen = {}
    open_catalogue = app_module.open_catalogue_or_explain

    def open_and_look(path, parent=None):
        seen["held until ready"] = Wizard.hold_tab_order  # released once ready, in settle
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
    assert seen["hold"] is False and seen["held until ready"] is True

    reference = MainWindow(None, autosave=False)  # built without the hold: ordered as it goes
    try:
        reference.wizard.order_tabs()
        expected = [w.objectName() or type(w).__name__ for w in reference.wizard.tab_stops()]
    finally:
        reference.close()
        reference.deleteLater()
    assert seen["order"] == expected
    assert seen["order"][0] == "QToolButton"  # the toolbar comes first, as in reading order


# A start-up in a child process takes most of a second: once in the default run, three times
# (the crash at exit below was intermittent) in the slow one.
@pytest.mark.parametrize("runs", [1, pytest.param(3, marks=pytest.mark.slow)])
def test_probe_start_up_ends_cleanly_several_times(tmp_path, runs):
    """Ordering after the first paint must not disturb the end of the process (a crash at exit
    was seen while this was being built)."""
    import os

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DECISIONAID_STARTUP_PROBE="1",
        DECISIONAID_DATA_DIR=str(tmp_path),
    )
    for _ in range(runs):
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
        assert words.index("ready") < words.index("settled_cpu") < words.index("settled")


def test_first_paint_has_only_the_welcome_page_and_no_focus_ring_then_the_ring_follows(
    synthetic_path, monkeypatch, app_run, qapp, messages
):
    """What the first window builds before its first paint: the welcome page only (the other
    steps on first use), and no focus ring (installed just after, ringing the focus then)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from decisionaid.gui import app as app_module
    from decisionaid.gui.main_window import MainWindow
    from decisionaid.gui.steps import Step
    from decisionaid.gui.style import FocusRing

    seen = {}
    filter_event = app_module.Startup.eventFilter

    def at_first_paint(self, watched, event):
        if event.type() == QEvent.Type.Paint and "pages" not in seen:
            seen["pages"] = list(self.window.wizard._pages)
            seen["ring"] = self.window.findChild(FocusRing, "focusRing")
        return filter_event(self, watched, event)

    def look_then_quit(window):
        for _ in range(3):
            qapp.processEvents()
        ring = window.findChild(FocusRing, "focusRing")
        seen["ring after"] = ring is not None
        focus = QApplication.focusWidget()
        if ring is not None and focus is not None:
            ring.follow()
            seen["rings the focus"] = ring.isVisible() and ring.geometry().contains(
                focus.mapTo(window, focus.rect().center())
            )
        qapp.exit(0)
        return False

    monkeypatch.setattr(app_module.Startup, "eventFilter", at_first_paint)
    monkeypatch.setattr(MainWindow, "offer_resume", look_then_quit)
    assert app_run(catalogue_path=synthetic_path) == 0
    assert seen["pages"] == [Step.WELCOME]
    assert seen["ring"] is None
    assert seen["ring after"]
    assert seen.get("rings the focus", True)


def test_every_step_can_be_reached_directly_in_a_fresh_window(make_window, qtbot):
    """Pages are built on first use: going straight to any step builds and shows it."""
    from decisionaid.gui.steps import QUESTION_STEPS, STEP_COUNT, Step

    for step in range(STEP_COUNT):
        window = make_window()
        wizard = window.wizard
        assert list(wizard._pages) == [Step.WELCOME]
        wizard.set_answers(wizard.answers, step=None, chosen=True)
        wizard._show_step(Step(step))
        qtbot.wait(1)
        assert wizard.step == step
        if step in QUESTION_STEPS:
            assert wizard.stack.currentWidget() is wizard.scroll_area(step)
            assert set(wizard._pages) == {Step.WELCOME, Step(step)}
            assert wizard.page(step).isVisible()
        else:
            holder = wizard.results_holder if step == Step.RESULTS else wizard.decide_holder
            assert wizard.stack.currentWidget() is holder and holder.isVisible()
        window.autosave_enabled = False
        window.close()
