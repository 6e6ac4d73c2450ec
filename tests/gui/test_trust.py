"""Trust in the app: the error handler never writes emptier answers over a fuller draft,
Forget removes every trace and says what, one instance at a time, Qt's dialog history kept
private, a bad catalogue never leaves the window waiting."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from decisionaid import session

FULL_DRAFT = {
    "format": "decisionaid-session",
    "version": 1,
    "step": 6,
    "saved": "2026-11-30T10:00:00+00:00",
    "answers": {
        "format": "decisionaid-answers",
        "version": 1,
        "hair_loss_type": "male_pattern",
        "age": 41,
        "sex": "male",
        "name": "Ana",
        "budget": {"upfront_usd": 10**400, "yearly_usd": 600},
    },
}


def test_error_before_resume_keeps_the_fuller_draft_and_says_where(
    synthetic_path, monkeypatch, messages, app_run, qapp, private_data_dir
):
    """Reproduces finding 2: an autosave with an integer too big for a float makes the resume
    step fail unexpectedly. The handler must not save the empty questionnaire over it, and its
    message must say what was (not) saved and where the old answers are."""
    from decisionaid.gui import error_dialog
    from decisionaid.gui.main_window import MainWindow

    draft = session.draft_path()
    draft.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(FULL_DRAFT)
    draft.write_text(text)
    # Whatever the loader does with this number one day, an unexpected error at this step is
    # what the handler must survive: make sure one happens.
    real = session.load_draft

    def load(*a, **k):
        try:
            real(*a, **k)  # today: OverflowError; once the loader names the field: AnswersError
        except Exception:
            pass
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(session, "load_draft", load)
    dialogs = []
    monkeypatch.setattr(error_dialog.ErrorDialog, "open", lambda self: dialogs.append(self))

    real_offer = MainWindow.offer_resume

    def offer_then_quit(window):
        try:
            real_offer(window)
        except Exception:
            sys.excepthook(*sys.exc_info())  # what Qt does with an exception in a slot
        window.wizard.page(1)  # the app is still usable
        qapp.exit(0)
        return False

    monkeypatch.setattr(MainWindow, "offer_resume", offer_then_quit)
    assert app_run(catalogue_path=synthetic_path) == 0
    assert draft.read_text() == text  # the fuller draft is untouched
    assert dialogs, "the error dialog was shown"
    message = dialogs[0].full_message
    assert "Your answers are saved" not in message
    assert "nothing was saved" in message and str(draft) in message and "unchanged" in message


def test_answers_typed_after_a_failed_resume_go_beside_the_draft(make_window, shell):
    """While last time's draft has not been offered, autosave and the handler write beside it."""
    from decisionaid.gui.errors import ErrorHandler

    draft = session.draft_path()
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(json.dumps(FULL_DRAFT))
    before = draft.read_text()
    window = make_window()
    window.draft_settled = False
    shell.walk(window.wizard, shell.PATIENTS[0], until=shell_step("BUDGET"))
    window.save_draft_now()
    assert draft.read_text() == before
    crash = draft.with_name(session.CRASH_NAME)
    assert json.loads(crash.read_text())["answers"]["age"] == shell.PATIENTS[0].age
    handler = ErrorHandler(save_answers=window.save_for_error_handler, parent=lambda: window)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        handler.handle(*sys.exc_info())
    message = handler.dialog.full_message
    handler.dialog.accept()
    assert "separate copy" in message and str(crash) in message and str(draft) in message
    assert draft.read_text() == before


def shell_step(name):
    from decisionaid.gui.wizard import Step

    return getattr(Step, name)


def test_forget_removes_every_trace_and_says_what(
    window, shell, monkeypatch, messages, private_data_dir
):
    """Forget removes the autosave, copies, temporary files, the dialog history and (if the
    person agrees) the logs, and a message names what was removed."""
    from decisionaid.gui.errors import write_log

    shell.walk(window.wizard, shell.PATIENTS[0], until=shell_step("BUDGET"))
    window.save_draft_now()
    d = private_data_dir
    (d / "autosave.json.damaged").write_text("{}")
    (d / session.CRASH_NAME).write_text("{}")
    (d / ".autosave.json.abcd1234.part").write_text('{"name": "Ana"}')
    (d / "qt-settings").mkdir()
    (d / "qt-settings" / "QtProject.conf").write_text("[FileDialog]\nlastVisited=/home/ana\n")
    write_log("details")
    answers = iter([True, True])
    monkeypatch.setattr(window, "_confirm", lambda *a, **k: next(answers))
    assert window.forget_answers()
    assert [p for p in d.rglob("*") if p.is_file()] == []
    said = messages[-1][2]
    for words in (
        "your autosaved answers",
        "damaged copy",
        "kept when something went wrong",
        "unfinished temporary copies",
        "history of folders",
        "error logs",
    ):
        assert words in said


def test_forget_keeps_logs_unless_asked(window, shell, monkeypatch, messages, private_data_dir):
    from decisionaid.gui.errors import write_log

    write_log("details")
    answers = iter([True, False])
    monkeypatch.setattr(window, "_confirm", lambda *a, **k: next(answers))
    assert window.forget_answers()
    assert list((private_data_dir / "logs").iterdir())
    assert "error logs were kept" in messages[-1][2]


def test_file_dialog_history_stays_in_the_private_folder(qapp, private_data_dir, tmp_path):
    """Qt's file dialog remembers folders in QtProject.conf: it goes into the data folder, not
    the shared ~/.config, and Forget clears it."""
    from PySide6.QtWidgets import QFileDialog

    from decisionaid import forget
    from decisionaid.gui.app import keep_qt_settings_private

    home_conf = tmp_path / "config"
    os.environ["XDG_CONFIG_HOME"] = str(home_conf)
    try:
        keep_qt_settings_private()
        dialog = QFileDialog(None, "x", str(tmp_path))
        dialog.setOption(QFileDialog.DontUseNativeDialog)
        import shiboken6

        shiboken6.delete(dialog)  # Qt writes the history when the dialog is destroyed
        conf = list((private_data_dir / "qt-settings").rglob("QtProject.conf"))
        assert conf and "lastVisited" in conf[0].read_text()
        assert not (home_conf / "QtProject.conf").exists()
        assert "the history of folders you opened and saved in" in forget.forget_everything()
        assert not list((private_data_dir / "qt-settings").rglob("QtProject.conf"))
    finally:
        os.environ.pop("XDG_CONFIG_HOME", None)


def test_data_and_log_folders_are_private(private_data_dir):
    """Data and log folders are created 0700, and an existing 0755 one is tightened."""
    from decisionaid.answers import Answers
    from decisionaid.gui.errors import logs_dir, write_log

    os.rmdir(private_data_dir)
    session.save_draft(Answers(), 0)
    write_log("x")
    assert os.stat(private_data_dir).st_mode & 0o777 == 0o700
    assert os.stat(logs_dir()).st_mode & 0o777 == 0o700
    os.chmod(logs_dir(), 0o755)
    write_log("y")
    assert os.stat(logs_dir()).st_mode & 0o777 == 0o700


def test_second_instance_says_already_open(synthetic_path, messages, app_run, qapp):
    """While one DecisionAid holds the lock, a second start says so and does not open."""
    from decisionaid.gui.app import acquire_single_instance_lock

    first = acquire_single_instance_lock()
    assert first
    try:
        assert app_run(catalogue_path=synthetic_path) == 1
        assert "already open" in messages[0][2]
        assert not [
            w
            for w in QApplication.topLevelWidgets()
            if type(w).__name__ == "MainWindow" and w.isVisible()
        ]
    finally:
        first.unlock()
    assert acquire_single_instance_lock()  # released: the next start gets it


def test_lock_of_a_dead_process_is_taken_over(private_data_dir):
    """A lock left by a crashed DecisionAid does not block the next start."""
    import socket

    (private_data_dir / "decisionaid.lock").write_text(
        f"999999999\ndecisionaid\n{socket.gethostname()}\n"
    )
    from decisionaid.gui.app import acquire_single_instance_lock

    lock = acquire_single_instance_lock()
    assert lock
    lock.unlock()


def test_catalogue_that_breaks_loading_never_leaves_the_window_waiting(
    synthetic_path, monkeypatch, messages, app_run
):
    """Any error while opening the catalogue gives the 'cannot start' message and exit 1, never a
    window stuck on 'Opening the catalogue' under 'Your answers are saved'."""
    from decisionaid.catalogue import store

    def broken(*a, **k):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(store, "open_catalogue", broken)
    monkeypatch.setattr("decisionaid.catalogue.open_catalogue", broken)
    assert app_run(catalogue_path=synthetic_path) == 1
    assert messages[0][0] == "critical" and "cannot open its catalogue" in messages[0][2]
    assert "saved" not in messages[0][2]


def test_name_the_pdf_cannot_print_is_refused_at_entry(window, shell):
    """A right-to-left or glyph-less name stops 'Next' with a plain message; control characters
    are dropped as they arrive."""
    from decisionaid.gui.wizard import Step

    shell.walk(window.wizard, shell.PATIENTS[0], until=Step.HEALTH)
    window.wizard.go_to(Step.ABOUT)
    page = window.wizard.page(Step.ABOUT)
    page.name.setText("\u05e9\u05dc\u05d5\u05dd")
    window.wizard.next_button.click()
    assert window.wizard.step == Step.ABOUT
    notice = window.wizard.problem_notice
    assert notice.isVisible()
    page.name.setText("Ana\x07\x1b")
    assert window.wizard.answers.name == "Ana"
    window.wizard.next_button.click()
    assert window.wizard.step == Step.HEALTH


def test_notes_the_pdf_cannot_print_are_named_as_typed(qtbot):
    from decisionaid.gui.decide import DecidePage

    page = DecidePage()
    qtbot.addWidget(page)
    page.notes.setPlainText("Ask about \u0633\u0644\u0627\u0645")
    assert "right-to-left" in page.notes_message.text()
    page.notes.setPlainText("Ask about\x07 PRP\nand cost")
    assert page.notes_message.text() == ""
    assert page.decision().notes == "Ask about PRP\nand cost"


@pytest.fixture
def short_folder():
    """A folder with a short path of a fixed length (pytest's own folders grow longer under
    pytest-xdist, and a long path changes what the window shows: see below)."""
    folder = tempfile.mkdtemp(prefix="da-")
    yield Path(folder)
    shutil.rmtree(folder)


@pytest.mark.parametrize(
    "sub",
    [
        "",
        "a-folder-name-long-enough-to-have-pushed-the-note-off/the-toolbar-before-it-wrapped",
    ],
    ids=["short path", "long path"],
)
def test_another_catalogue_is_named_in_the_window(make_window, synthetic_path, short_folder, sub):
    from PySide6.QtWidgets import QLabel

    from decisionaid.catalogue import open_catalogue

    path = short_folder / sub / "synthetic.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(synthetic_path, path)
    catalogue = open_catalogue(path)
    window = make_window(catalogue)
    note = f"Another catalogue: {catalogue.path}"
    assert note in window.windowTitle()
    (label,) = [w for w in window.findChildren(QLabel) if w.accessibleName() == "Catalogue in use"]
    assert label.text() == note
    assert label.isVisible()


def test_answers_kept_beside_a_damaged_draft_are_offered_next(make_window, messages):
    """After a damaged draft is set aside, the answers the handler kept beside it are offered."""
    from decisionaid.answers import Answers

    draft = session.draft_path()
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text("{ not json")
    session.save_draft(
        Answers(hair_loss_type="traction", age=30, sex="female"), 2, name=session.CRASH_NAME
    )
    window = make_window()
    asked = []
    window.ask_resume = lambda text: asked.append(text) or True
    assert window.offer_resume()
    assert "answers you entered after that were kept" in messages[0][2]
    assert window.wizard.answers.hair_loss_type == "traction" and asked
    assert not draft.with_name(session.CRASH_NAME).exists()


def test_app_start_removes_stale_temporary_files(
    synthetic_path, monkeypatch, messages, app_run, qapp, private_data_dir
):
    """A .part file left by a killed autosave is gone once the app has started."""
    from PySide6.QtCore import QTimer

    from decisionaid.gui.main_window import MainWindow

    stale = private_data_dir / ".autosave.json.k3yz_0ab.part"
    stale.write_text('{"name": "Ana"}')

    def quit_soon(window):
        QTimer.singleShot(50, lambda: qapp.exit(0))
        return False

    monkeypatch.setattr(MainWindow, "offer_resume", quit_soon)
    assert app_run(catalogue_path=synthetic_path) == 0
    assert not stale.exists()
