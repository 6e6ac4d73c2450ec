"""The app shell: start-up, menus, saving and opening answers, PDF export, autosave and resume
after a crash, and the top-level error handler."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog

from decisionaid import session
from decisionaid.answers import Answers, load_answers
from decisionaid.atomic import WriteError
from decisionaid.gui.wizard import Step


def _confirm_all(monkeypatch, window, answer=True):
    monkeypatch.setattr(window, "_confirm", lambda *a, **k: answer)


# --- start-up --------------------------------------------------------------------------------


def test_run_app_with_bad_catalogue_explains_and_exits_nonzero(tmp_path, messages, app_run):
    """A catalogue that cannot be opened shows a clear message, closes the window and returns 1."""
    bad = tmp_path / "broken.sqlite"
    bad.write_bytes(b"not a database at all" * 10)
    assert app_run(catalogue_path=bad) == 1
    assert messages and messages[0][0] == "critical"
    assert "cannot open its catalogue" in messages[0][2]
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if type(w).__name__ == "MainWindow" and w.isVisible()
    ]


def test_run_app_shows_the_window_first_then_finishes_starting(
    synthetic_path, monkeypatch, messages, app_run, qapp
):
    """The window is on screen before the catalogue opens (start-up feels instant); then the error
    handler, the catalogue, the icon and the offer to resume follow, and exec()'s code comes back."""
    from decisionaid.gui import app as app_module
    from decisionaid.gui.main_window import MainWindow

    seen = {}
    before = sys.excepthook
    open_catalogue = app_module.open_catalogue_or_explain

    def open_and_look(path, parent=None):
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen["window shown before the catalogue"] = bool(windows) and all(
            w.isVisible() for w in windows
        )
        seen["welcome says it is opening"] = (
            "Opening the catalogue" in windows[0].wizard.page(Step.WELCOME).facts.text()
        )
        seen["Next waits for the catalogue"] = not windows[0].wizard.next_button.isEnabled()
        seen["handler installed first"] = sys.excepthook is not before
        return open_catalogue(path, parent)

    def resume_then_quit(window):
        seen["ready"] = window.wizard.ready and window.wizard.next_button.isEnabled()
        seen["icon"] = not qapp.windowIcon().isNull()
        seen["title"] = window.windowTitle()
        qapp.exit(0)
        return False

    monkeypatch.setattr(app_module, "open_catalogue_or_explain", open_and_look)
    monkeypatch.setattr(MainWindow, "offer_resume", resume_then_quit)
    assert app_run(catalogue_path=synthetic_path) == 0
    assert seen == {
        "window shown before the catalogue": True,
        "welcome says it is opening": True,
        "Next waits for the catalogue": True,
        "handler installed first": True,
        "ready": True,
        "icon": True,
        "title": f"DecisionAid \u2014 Another catalogue: {synthetic_path}",  # not the bundled one
    }
    assert sys.excepthook is before  # uninstalled again when the app ends
    assert qapp.applicationName() == "DecisionAid" and qapp.organizationName()


def test_startup_probe_reports_paint_then_ready_then_settled():
    """DECISIONAID_STARTUP_PROBE (used by benchmarks/run.py, also in the frozen app) prints when the
    window is first painted, when it is ready for input and when start-up has settled (the Tab
    order, icon and clean-up done), in that order, then quits with 0."""
    import os
    import tempfile

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        DECISIONAID_STARTUP_PROBE="1",
        DECISIONAID_DATA_DIR=tempfile.mkdtemp(prefix="da-probe-"),
    )
    run = subprocess.run(
        [sys.executable, "-m", "decisionaid"], capture_output=True, text=True, timeout=60, env=env
    )
    assert run.returncode == 0, run.stderr
    marks = dict(
        line.split()
        for line in run.stdout.splitlines()
        if line.split()[0] in ("painted", "ready", "settled")
    )
    assert set(marks) == {"painted", "ready", "settled"}
    assert float(marks["painted"]) <= float(marks["ready"]) <= float(marks["settled"])


def test_app_icon_found_and_missing_is_harmless(monkeypatch, tmp_path, qapp):
    """The app icon loads from resources; with no icon files the app still starts."""
    from decisionaid.gui import app as app_module

    assert not app_module.app_icon().isNull()
    monkeypatch.setattr(app_module, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    assert app_module.app_icon().isNull()
    app_module.make_application()


def test_start_up_imports_stay_lean():
    """Importing the app does not load reportlab, the PDF code or sqlite-utils."""
    code = (
        "import sys, decisionaid.gui.app, decisionaid.gui.main_window, decisionaid.catalogue; "
        "bad = [m for m in sys.modules if m.startswith(('reportlab', 'sqlite_utils', "
        "'decisionaid.report.pdf'))]; print(bad); sys.exit(1 if bad else 0)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr


def test_first_window_needs_only_what_it_shows():
    """Up to the first paint, the app loads neither the catalogue (sqlite3, the data classes) nor
    the question pages, results or PDF: they come just after the window is up."""
    code = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from decisionaid.gui.app import make_application
app = make_application(icon=False)
from decisionaid.gui.main_window import MainWindow
window = MainWindow(None)
window.show()
app.processEvents()
late = ("sqlite3", "reportlab", "decisionaid.models", "decisionaid.catalogue",
        "decisionaid.rules", "decisionaid.session", "decisionaid.gui.questions", "decisionaid.gui.results",
        "decisionaid.gui.errors", "decisionaid.report")
print([m for m in sys.modules if m.startswith(late)])
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


# --- files -----------------------------------------------------------------------------------


def test_save_and_open_answers(make_window, shell, tmp_path, monkeypatch, messages):
    """Saved answers reopen in a new window exactly as they were, straight to the results."""
    window = make_window()
    shell.walk(window.wizard, shell.PATIENTS[1])
    target = tmp_path / "mine"  # no suffix: the app's own .decisionaid is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_answers()
    saved = tmp_path / "mine.decisionaid"
    assert load_answers(saved) == window.wizard.answers

    other = make_window()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    other.open_answers()
    assert other.wizard.answers == window.wizard.answers
    assert other.wizard.step == Step.RESULTS
    assert not messages


def test_open_bad_answers_file_shows_clear_message(window, tmp_path, monkeypatch, messages):
    """A broken or foreign file gives a message naming the problem; nothing changes."""
    for content in ("{not json", json.dumps({"format": "something-else"}), ""):
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
        window.open_answers()
        assert messages[-1][0] == "critical" and "bad.json" in messages[-1][2]
    assert window.wizard.answers == Answers()


def test_open_cancelled_changes_nothing(window, monkeypatch, messages):
    """Cancelling the file dialog leaves everything as it was."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    window.open_answers()
    assert window.wizard.answers == Answers() and not messages


def test_save_needs_about_you_and_reports_write_errors(
    window, shell, tmp_path, monkeypatch, messages
):
    """Saving before age and sex are given explains why; an unwritable place gives a clear message."""
    assert not window.save_answers()
    assert messages[-1][0] == "information" and "About you" in messages[-1][2]
    assert window.wizard.step == Step.ABOUT
    window.wizard.go_to(Step.WELCOME)
    shell.walk(window.wizard, shell.PATIENTS[0])
    missing = tmp_path / "no-such-folder" / "answers.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    assert not window.save_answers()
    assert messages[-1][0] == "critical" and "does not exist" in messages[-1][2]


def test_export_pdf(window, shell, tmp_path, monkeypatch, messages):
    """Export writes a real PDF; a place that cannot be written gives a clear message."""
    pytest.importorskip("decisionaid.report.pdf")
    shell.walk(window.wizard, shell.PATIENTS[0])
    target = tmp_path / "summary"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.export_pdf()
    assert (tmp_path / "summary.pdf").read_bytes()[:5] == b"%PDF-"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "nope" / "x.pdf"), "")
    )
    assert not window.export_pdf()
    assert messages[-1][0] == "critical"


def test_export_pdf_uses_the_choices_of_the_export_step(window, shell, tmp_path, monkeypatch):
    """File > Export PDF writes the paper and sections chosen in "Export my summary"."""
    pytest.importorskip("decisionaid.report.pdf")
    from pypdf import PdfReader

    shell.walk(window.wizard, shell.PATIENTS[1])
    window.wizard.go_next()
    page = window.wizard.decide_page
    page.section_boxes["references"].setChecked(False)
    page.paper.setCurrentIndex(page.paper.findData("letter"))
    target = tmp_path / "chosen.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.export_pdf()
    reader = PdfReader(str(target))
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter, not A4 (595)
    assert not any(
        o.title.endswith("References") for o in reader.outline if not isinstance(o, list)
    )


def test_export_from_results_page_signal(window, shell, tmp_path, monkeypatch, messages):
    """The results page's own 'Export PDF' button goes through the same export."""
    pytest.importorskip("decisionaid.report.pdf")
    shell.walk(window.wizard, shell.PATIENTS[2])
    target = tmp_path / "from-results.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.wizard.results_page.export_pdf.emit()
    assert target.exists()


@pytest.mark.slow  # the default run saves the PDF from this button in test_accessibility.py's
# keyboard-only walk (real catalogue) and test_decide.py's export step
def test_last_step_ends_with_export(window, shell, tmp_path, monkeypatch, messages):
    """ "Before you decide" is never a dead end: its "Export my summary" button saves the PDF."""
    pytest.importorskip("decisionaid.report.pdf")
    shell.walk(window.wizard, shell.PATIENTS[1])
    window.wizard.go_next()
    assert window.wizard.step == Step.DECIDE
    target = tmp_path / "from-decide.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    button = window.wizard.decide_page.export_button
    assert button.isVisible() and button.isEnabled()
    button.click()
    assert target.read_bytes()[:5] == b"%PDF-"


def test_export_without_pdf_module_says_not_available(window, monkeypatch, messages):
    """If the PDF code is missing, the person is told, not shown a traceback."""
    monkeypatch.setitem(sys.modules, "decisionaid.report.pdf", None)
    assert not window.export_pdf()
    assert "not available" in messages[-1][2]


def test_menus_and_dialogs(window, messages, qtbot, shown):
    """About boxes show the app and catalogue versions; the catalogue browser opens."""
    window.about_app()
    kind, title, text = messages[-1]
    assert (
        "0.1.0" in text
        and window.catalogue.meta.version in text
        and window.catalogue.meta.reviewed in text
    )
    window.about_catalogue()
    from PySide6.QtWidgets import QTextBrowser

    text = shown("About this catalogue").findChild(QTextBrowser).toPlainText()
    assert (
        window.catalogue.meta.about.strip()[:40] in text and window.catalogue.meta.version in text
    )
    window.browse_catalogue()
    assert shown("DecisionAid: the catalogue").isVisible()
    names = [a.text() for a in window.menuBar().actions()]
    assert names == ["&File", "&View", "&Help"]


def test_start_over_and_forget(window, shell, monkeypatch, messages):
    """Start over and Forget my answers ask first, then clear the answers and the autosave."""
    shell.walk(window.wizard, shell.PATIENTS[0], until=Step.BUDGET)
    window.save_draft_now()
    assert session.draft_path().exists()
    _confirm_all(monkeypatch, window, False)
    assert not window.start_over()
    assert window.wizard.answers != Answers()
    _confirm_all(monkeypatch, window, True)
    assert window.forget_answers()
    assert window.wizard.answers == Answers() and window.wizard.step == Step.WELCOME
    assert not session.draft_path().exists()
    window.wizard.go_to(Step.HAIR_LOSS)
    window.wizard.page(Step.HAIR_LOSS).cards["traction"].click()
    window.save_draft_now()
    assert window.start_over() and not session.draft_path().exists()


# --- autosave and resume ---------------------------------------------------------------------


def test_autosave_then_crash_then_resume(make_window, shell, qtbot, messages):
    """Answers autosave after each change; after a crash a new window picks up with nothing lost."""
    first = make_window()
    shell.walk(first.wizard, shell.PATIENTS[1], until=Step.RISK)
    first.wizard.page(Step.RISK).risk_buttons["high"].click()
    qtbot.waitUntil(
        lambda: (
            session.draft_path().exists()
            and json.loads(session.draft_path().read_text())["answers"]["risk_tolerance"] == "high"
        ),
        timeout=3000,
    )
    answers, step = first.wizard.answers, first.wizard.step
    # "Crash": the first window is never closed and never saves again.
    first.autosave_enabled = False

    second = make_window()
    asked = []
    second.ask_resume = lambda text: asked.append(text) or True
    assert second.offer_resume()
    assert "Pick up where you left off?" in asked[0]
    assert second.wizard.answers == answers
    assert second.wizard.step == step == Step.RISK
    assert second.wizard.page(Step.RISK).risk_buttons["high"].isChecked()


def test_resume_declined_deletes_draft(make_window, shell, qtbot, monkeypatch, messages):
    """Choosing 'Start over' at the resume question starts fresh and removes the draft."""
    first = make_window()
    shell.walk(first.wizard, shell.PATIENTS[0], until=Step.HEALTH)
    first.save_draft_now()
    first.autosave_enabled = False
    second = make_window()
    second.ask_resume = lambda text: False
    assert not second.offer_resume()
    assert second.wizard.answers == Answers()
    assert not session.draft_path().exists()


def test_resume_at_results(make_window, shell, messages):
    """A draft saved on the results screen resumes on the results screen with results shown."""
    first = make_window()
    shell.walk(first.wizard, shell.PATIENTS[3])
    first.save_draft_now()
    first.autosave_enabled = False
    second = make_window()
    second.ask_resume = lambda text: True
    assert second.offer_resume()
    assert second.wizard.step == Step.RESULTS and second.wizard.result is not None


def test_no_draft_no_question(window, messages):
    """With nothing saved there is nothing to ask."""
    assert not window.offer_resume() and not messages


def test_damaged_autosave_is_set_aside_with_a_message(window, messages):
    """A damaged autosave is kept aside, the person is told, and the app starts fresh."""
    path = session.draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '{"format": "decisionaid-session", "version": 1, "step": 2, "answers": {"age": "old"}}'
    )
    assert not window.offer_resume()
    assert messages[-1][0] == "warning" and "could not be read" in messages[-1][2]
    assert not path.exists()
    assert path.with_name(path.name + session.DAMAGED_SUFFIX).exists()
    assert window.wizard.answers == Answers()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "huge number", "duplicate key"])
def test_a_special_or_hostile_autosave_does_not_hang_start_up(window, messages, kind):
    """A FIFO autosave is refused without being opened (it would block start-up for ever); an
    autosave with a number too large to use or a key given twice is set aside, naming the field."""
    path = session.draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        age = "9" * 500 if kind == "huge number" else '30, "age": 31'
        path.write_text(
            '{"format": "decisionaid-session", "version": 1, "step": 2, '
            f'"answers": {{"format": "decisionaid-answers", "version": 1, "age": {age}}}}}'
        )
    assert not window.offer_resume()
    assert messages[-1][0] == "warning" and "could not be read" in messages[-1][2]
    assert ("pipe" if kind == "fifo" else "'age'") in messages[-1][2]
    assert window.wizard.answers == Answers()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_opening_a_fifo_or_a_device_says_so_without_freezing(
    window, monkeypatch, messages, tmp_path
):
    """File > Open answers on a FIFO or /dev/zero: a message at once, the answers unchanged."""
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    for path, words in ((fifo, "pipe"), ("/dev/zero", "device")):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, p=path, **k: (str(p), ""))
        window.open_answers()
        assert messages[-1][0] == "critical" and words in messages[-1][2]
    assert window.wizard.answers == Answers()


def test_autosave_failure_shows_once_in_status_bar(window, shell, monkeypatch, qtbot, messages):
    """If autosave cannot write, the status bar says so once: no dialogs, no repeats."""
    calls = []

    def fail(*args, **kwargs):
        calls.append(1)
        raise WriteError("There is not enough disk space to save autosave.json.")

    monkeypatch.setattr(session, "save_draft", fail)
    shown = []
    original = window.statusBar().showMessage
    monkeypatch.setattr(
        window.statusBar(), "showMessage", lambda text, *a: (shown.append(text), original(text, *a))
    )
    shell.walk(window.wizard, shell.PATIENTS[0], until=Step.BUDGET)
    for _ in range(3):
        window.save_draft_now()
    assert len(calls) >= 3
    assert len([t for t in shown if "Autosave is not working" in t]) == 1
    assert "disk space" in window.statusBar().currentMessage()
    assert not messages


def test_autosave_is_debounced(window, monkeypatch, qtbot):
    """Many quick changes produce one save after a short pause, not one per keystroke."""
    calls = []
    monkeypatch.setattr(session, "save_draft", lambda answers, step: calls.append((answers, step)))
    window.wizard.go_to(Step.ABOUT)
    for age in range(20, 40):
        window.wizard.page(Step.ABOUT).age.setValue(age)
    qtbot.waitUntil(lambda: bool(calls), timeout=2000)
    qtbot.wait(400)
    assert len(calls) == 1 and calls[0][0].age == 39 and calls[0][1] == Step.ABOUT


def test_closing_saves_pending_changes(window, monkeypatch):
    """Closing the window right after a change still saves it."""
    window.wizard.go_to(Step.ABOUT)
    window.wizard.page(Step.ABOUT).age.setValue(61)
    window.close()
    assert session.load_draft().answers.age == 61


# --- the error handler -----------------------------------------------------------------------


def _raise_in_handler(handler):
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        handler.handle(*sys.exc_info())


def test_error_handler_saves_logs_and_keeps_running(window, shell, qtbot, private_data_dir):
    """An unexpected error saves the answers first, writes a log, shows one readable dialog."""
    from decisionaid.gui.errors import ErrorHandler, logs_dir

    shell.walk(window.wizard, shell.PATIENTS[0], until=Step.BUDGET)
    handler = ErrorHandler(
        save_answers=lambda: window.save_draft_now(strict=True), parent=lambda: window
    )
    _raise_in_handler(handler)
    assert session.load_draft().answers == window.wizard.answers
    logs = list(logs_dir().glob("*.log"))
    assert len(logs) == 1 and "ZeroDivisionError: boom" in logs[0].read_text()
    assert str(private_data_dir) in str(logs[0])
    assert (
        window.wizard.answers.name == "Ana" and "Ana" not in logs[0].read_text()
    )  # no answers in logs
    dialog = handler.dialog
    assert (
        dialog.isVisible()
        and "Something went wrong. Your answers are saved." in dialog.full_message
    )
    dialog.copy_button.click()
    assert "ZeroDivisionError" in QApplication.clipboard().text()
    # A second error while the dialog is open: logged, but no second dialog.
    _raise_in_handler(handler)
    assert handler.dialog is dialog and len(list(logs_dir().glob("*.log"))) == 2
    dialog.accept()
    # The app keeps running: the questionnaire still works.
    shell.answer_step(window.wizard, Step.BUDGET, shell.PATIENTS[0])
    window.wizard.next_button.click()
    assert window.wizard.step == Step.RISK


def test_error_handler_when_answers_cannot_be_saved(window, monkeypatch):
    """If saving fails too, the dialog says so and how to keep a copy."""
    from decisionaid.gui.errors import ErrorHandler

    def fail():
        raise WriteError("The disk is full.")

    handler = ErrorHandler(save_answers=fail, parent=lambda: window)
    _raise_in_handler(handler)
    assert "could not be saved" in handler.dialog.full_message
    assert "The disk is full." in handler.dialog.full_message
    handler.dialog.accept()


def test_error_handler_install_and_uninstall(qapp):
    """install() takes over sys.excepthook; uninstall() gives it back."""
    from decisionaid.gui.errors import ErrorHandler

    before = sys.excepthook
    handler = ErrorHandler()
    handler.install()
    try:
        assert sys.excepthook == handler.handle
    finally:
        handler.uninstall()
    assert sys.excepthook is before


def test_exception_in_a_slot_reaches_the_handler(window, qtbot, monkeypatch):
    """An exception raised inside a Qt slot goes to the installed handler, and the app goes on."""
    from decisionaid.gui.errors import ErrorHandler

    handled = []
    handler = ErrorHandler(save_answers=window.save_draft_now, parent=lambda: window)
    monkeypatch.setattr(handler, "_report", lambda *exc: handled.append(exc[0]))
    with qtbot.capture_exceptions():
        monkeypatch.setattr(sys, "excepthook", handler.handle)  # as run_app installs it
        window.wizard.next_button.clicked.connect(lambda: 1 / 0)
        window.wizard.next_button.click()
    assert handled == [ZeroDivisionError]
    assert window.wizard.step == Step.HAIR_LOSS  # the real slot still ran


def test_log_folder_keeps_only_recent_logs(tmp_path):
    """Old logs are pruned so the folder does not grow forever."""
    from decisionaid.gui.errors import MAX_LOGS, write_log

    for i in range(MAX_LOGS + 5):
        write_log(f"log {i}", tmp_path)
    assert len(list(tmp_path.glob("*.log"))) == MAX_LOGS


def test_qt_critical_messages_are_logged(qapp, private_data_dir):
    """Qt's own critical messages go to the log file too; the previous handler comes back after."""
    from PySide6.QtCore import qCritical

    from decisionaid.gui.errors import ErrorHandler, logs_dir

    handler = ErrorHandler()
    handler.install()
    try:
        qCritical("a critical message from Qt")
    finally:
        handler.uninstall()
    logs = list(logs_dir().glob("*.log"))
    assert logs and "a critical message from Qt" in logs[0].read_text()


def test_no_display_gives_a_clear_message(monkeypatch):
    """On Linux with no display and no platform chosen, the app says so instead of aborting."""
    from decisionaid.gui import app as app_module

    monkeypatch.setattr(app_module.QApplication, "instance", staticmethod(lambda: None))
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(app_module.sys, "platform", "linux")
    assert "needs a desktop" in app_module.no_display_problem()
    monkeypatch.setenv("DISPLAY", ":0")
    assert app_module.no_display_problem() == ""


def test_saved_answers_are_a_document_with_open_recent(window, shell, tmp_path, monkeypatch):
    """Answers save as .decisionaid (JSON inside), open with open_file (decisionaid FILE, a
    double-click) and appear in File > Open Recent, which can be cleared."""
    import json

    shell.walk(window.wizard, shell.PATIENTS[1])
    target = tmp_path / "visit"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_answers()
    saved = tmp_path / "visit.decisionaid"
    assert json.loads(saved.read_text())["format"] == "decisionaid-answers"
    window.reset()
    assert window.open_file(saved, confirm=False)
    assert window.wizard.step == Step.RESULTS and window.wizard.answers.age == 58
    window.recent_menu.aboutToShow.emit()  # the menu fills itself as it opens
    names = [a.text() for a in window.recent_menu.actions()]
    assert names[0] == "&1 visit.decisionaid"
    window.recent_menu.actions()[-1].trigger()  # Clear this list
    assert session.read_recent() == []
    assert not session.recent_files_path().exists()


def test_resume_shows_local_time(window, shell, monkeypatch):
    """The resume question gives the save time in this computer's time, without "UTC"."""
    from datetime import datetime

    shell.walk(window.wizard, shell.PATIENTS[0], until=Step.BUDGET)
    window.save_draft_now()
    asked = []
    monkeypatch.setattr(window, "ask_resume", lambda text: asked.append(text) or True)
    assert window.offer_resume()
    saved = session.load_draft().saved
    local = datetime.fromisoformat(saved).astimezone().strftime("%Y-%m-%d %H:%M")
    assert local in asked[0] and "UTC" not in asked[0]
