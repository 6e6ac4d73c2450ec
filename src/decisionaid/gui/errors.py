"""The top-level error handler: a crash never loses answers and never shows a raw traceback.

``ErrorHandler.install()`` replaces ``sys.excepthook`` (PySide6 routes exceptions raised in slots
and event handlers there) and Qt's message handler. On an unexpected exception it

1. saves the draft first (the answers are the one thing a person must not lose),
2. writes a log file in ``user_data_dir()/logs/`` (no answers in it: only the traceback and
   versions),
3. shows one readable dialog ("Something went wrong. Your answers are saved.") with a
   "Copy details" button, and lets the app keep running.

A second error while the dialog is open is logged but does not open another dialog.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from decisionaid import __version__
from decisionaid.atomic import WriteError, write_text_atomic
from decisionaid.paths import ensure_private_dir, user_data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from decisionaid.gui.error_dialog import ErrorDialog

MAX_LOGS = 20


def logs_dir() -> Path:
    return user_data_dir() / "logs"


def describe_environment() -> str:
    import platform  # here, not at the top: start-up never needs it

    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {pyside_version}, Qt {qVersion()}"
    except Exception:  # pragma: no cover - Qt is always there when this runs
        qt = "Qt unknown"
    frozen = " (frozen build)" if getattr(sys, "frozen", False) else ""
    return (
        f"DecisionAid {__version__}{frozen}\nPython {platform.python_version()} on "
        f"{platform.platform()}\n{qt}"
    )


def write_log(details: str, folder: Path | None = None) -> Path:
    """Write ``details`` to a new log file and keep only the newest logs. Raises WriteError."""
    folder = folder or logs_dir()
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise WriteError(f"The log folder {folder} cannot be made: {exc.strerror or exc}.") from exc
    from datetime import datetime

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"decisionaid-error-{stamp}.log"
    write_text_atomic(path, details)
    try:
        logs = sorted(folder.glob("decisionaid-error-*.log"))
        for old in logs[:-MAX_LOGS]:
            old.unlink()
    except OSError:
        pass
    return path


class ErrorHandler:
    """Install once per app. ``save_answers`` saves the draft; ``parent`` gives the window."""

    def __init__(
        self,
        save_answers: Callable[[], None] | None = None,
        parent: Callable[[], QWidget | None] | None = None,
        context: Callable[[], str] | None = None,
    ):
        self.save_answers = save_answers
        self.parent = parent or (lambda: None)
        self.context = context or (lambda: "")
        self.dialog: ErrorDialog | None = None
        self.last_log: Path | None = None
        self._handling = False
        self._previous_hook = None
        self._previous_qt_handler = None

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self.handle
        self._previous_qt_handler = qInstallMessageHandler(self._qt_message)
        self._installed = True

    def uninstall(self) -> None:
        if not getattr(self, "_installed", False):
            return
        self._installed = False
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
        qInstallMessageHandler(self._previous_qt_handler)

    def handle(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        if self._handling:  # an error inside the handler itself: do not loop
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._handling = True
        try:
            self._report(exc_type, exc, tb)
        except Exception:  # the handler must never raise
            sys.__excepthook__(exc_type, exc, tb)
        finally:
            self._handling = False

    def _report(self, exc_type, exc, tb) -> None:
        # save_answers may return (headline, where) to say truthfully what it kept and where;
        # None keeps the old meaning ("saved"), and an exception means nothing was saved.
        saved, save_problem = True, ""
        said: tuple[str, str] | None = None
        if self.save_answers is not None:
            try:
                result = self.save_answers()
                if isinstance(result, tuple):
                    said = result
            except Exception as save_exc:
                saved, save_problem = False, str(save_exc) or type(save_exc).__name__
        import traceback
        from datetime import datetime

        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        details = (
            f"{describe_environment()}\nTime: {datetime.now().isoformat(timespec='seconds')}\n"
            f"{self.context()}\n\n{trace}"
        )
        log_note = ""
        try:
            self.last_log = write_log(details)
            log_note = f"The details were written to {self.last_log}."
        except WriteError as log_exc:
            log_note = f"The details could not be written to a log file ({log_exc})."
        sys.stderr.write(trace)
        where = ""
        if saved and said is not None:
            head, where = f"Something went wrong. {said[0]}", said[1]
        elif saved:
            head = "Something went wrong. Your answers are saved."
        else:
            head = (
                "Something went wrong, and your answers could not be saved "
                f"({save_problem}). Use File > Save answers to keep a copy."
            )
        if said is not None and saved:
            where = f"{where}\n\n" if where else ""
            message = f"{head}\n\n{where}You can keep using DecisionAid.\n\n{log_note}"
        else:
            message = (
                f"{head}\n\nYou can keep using DecisionAid. If something looks wrong, close it "
                f"and open it again: it will offer to pick up where you left off.\n\n{log_note}"
            )
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog at a time; the log has the rest
        if QApplication.instance() is None:
            return
        from decisionaid.gui.error_dialog import ErrorDialog  # only now: see that module

        self.dialog = ErrorDialog(message, details, self.parent())
        self.dialog.setModal(True)
        self.dialog.open()  # does not block: the event loop, and the app, keep running

    def _qt_message(self, mode, context, message) -> None:
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            try:
                write_log(f"{describe_environment()}\nQt {mode.name}: {message}\n")
            except WriteError:
                pass
        if mode != QtMsgType.QtDebugMsg:
            sys.stderr.write(f"Qt: {message}\n")
