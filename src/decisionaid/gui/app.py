"""Start the desktop app: ``decisionaid`` with no arguments, or ``python -m decisionaid``.

Start-up stays lean: reportlab, the PDF code and sqlite-utils are not imported here (the PDF
code is imported only when exporting). Check with
``python -X importtime -c "import decisionaid.gui.app"``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from decisionaid import APP_NAME, __version__
from decisionaid.paths import resource_path

ORGANISATION = "DecisionAid"


def app_icon() -> QIcon:
    """The app icon, or an empty icon if the files are missing (never an error)."""
    icon = QIcon()
    folder = resource_path("icons", "app")
    for name in (
        "decisionaid.svg",
        "decisionaid-256.png",
        "decisionaid.png",
        "decisionaid-64.png",
        "decisionaid-32.png",
        "decisionaid-16.png",
    ):
        path = folder / name
        if path.exists():
            icon.addFile(str(path))
    return icon


class DecisionAidApplication(QApplication):
    """The app. On macOS a double-clicked document arrives as a FileOpen event, not as an
    argument: ``open_file`` (set once the window is up) receives it."""

    open_file = None
    pending: list[str] = []

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            if self.open_file is not None:
                self.open_file(event.file())
            else:
                self.pending.append(event.file())
            return True
        return super().event(event)


def make_application(argv: list[str] | None = None, icon: bool = True) -> QApplication:
    """``argv``: the program name and Qt's own options (-platform, -style...)."""
    """The QApplication with DecisionAid's names (and icon, unless ``icon`` is False: run_app sets
    it just after the first paint, as loading the icon files takes a few milliseconds)."""
    app = QApplication.instance()
    if app is None:
        program = [sys.argv[0] if sys.argv else APP_NAME]
        app = DecisionAidApplication(program + list(argv[1:]) if argv else program)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("decisionaid")
    if icon:
        set_app_icon(app)
    return app


def set_app_icon(app: QApplication) -> None:
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)


def open_catalogue_or_explain(catalogue_path: Path | str | None, parent=None):
    """The catalogue, or None after telling the person why it cannot be opened."""
    from PySide6.QtWidgets import QMessageBox

    from decisionaid.catalogue import CatalogueError, open_catalogue

    try:
        return open_catalogue(catalogue_path)
    except Exception as exc:  # anything at all: never a window left waiting for the catalogue
        from decisionaid.catalogue.store import is_bundled
        from decisionaid.paths import bundled_catalogue_path

        if not isinstance(exc, CatalogueError):
            exc = f"The catalogue has content this version cannot read ({type(exc).__name__})."
        path = catalogue_path or bundled_catalogue_path()
        advice = (
            "If you installed DecisionAid, reinstalling it usually fixes this."
            if is_bundled(path)
            else "This is not the catalogue that came with DecisionAid. Start DecisionAid "
            "without --catalogue (and without DECISIONAID_CATALOGUE) to use that one."
        )
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage("The catalogue of treatments could not be opened.")
        QMessageBox.critical(
            parent,
            f"{APP_NAME} cannot start",
            f"{APP_NAME} cannot open its catalogue of treatments, so it cannot start.\n\n{exc}\n\n"
            f"{advice}",
        )
        return None


def housekeeping() -> None:
    """At every start: Qt's dialog history kept private, and temporary files left by a write
    that was killed last time removed (only this instance writes: see the lock below)."""
    keep_qt_settings_private()
    try:
        from decisionaid.atomic import sweep_stale_temporary_files

        sweep_stale_temporary_files()
    except OSError:
        pass


LOCK_NAME = "decisionaid.lock"


def acquire_single_instance_lock():
    """A QLockFile in the data folder, or None if another DecisionAid holds it (it is checked
    by process id, so a lock left by a crashed app is taken over)."""
    from PySide6.QtCore import QLockFile

    from decisionaid.paths import ensure_private_dir, user_data_dir

    try:
        folder = ensure_private_dir(user_data_dir())
    except OSError:
        return False  # no data folder: start anyway; saving will say what is wrong
    lock = QLockFile(str(folder / LOCK_NAME))
    lock.setStaleLockTime(0)  # never stale by age: only when its process has gone
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    return False  # the lock could not be made (read-only folder): do not block start-up


ALREADY_OPEN = (
    "DecisionAid is already open on this computer. This new window will close: use the one "
    "that is already open (look for it in the taskbar or dock).\n\nOnly one DecisionAid window can run at a time, "
    "so that your answers are never saved by two windows at once."
)


def keep_qt_settings_private() -> None:
    """Qt's file dialogs remember folders in a settings file ("QtProject"). Keep that file in
    the private data folder (0700), where "Forget my answers" removes it, not in the shared
    ~/.config (on Windows and macOS Qt uses the registry or a plist: the cleaner below clears
    the file-dialog group there)."""
    from PySide6.QtCore import QSettings

    from decisionaid import forget
    from decisionaid.paths import user_data_dir

    folder = user_data_dir() / "qt-settings"
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))

    def clear_file_dialog_history() -> bool:
        settings = QSettings(QSettings.Scope.UserScope, "QtProject")
        had = "FileDialog" in settings.childGroups()
        settings.remove("FileDialog")
        settings.sync()
        return had

    forget.register_cleaner(
        "the history of folders you opened and saved in", clear_file_dialog_history
    )


def no_display_problem() -> str:
    """On Linux with no display, Qt would abort; say so plainly instead ('' if all is well)."""
    if QApplication.instance() is not None or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "DecisionAid needs a desktop to show its window, and none was found (no DISPLAY or "
            "WAYLAND_DISPLAY). Start it from your desktop, or use the command-line commands "
            "(decisionaid --help) or decisionaid --self-test."
        )
    return ""


def run_app(
    catalogue_path: Path | str | None = None,
    qt_args: list[str] | None = None,
    document: str | None = None,
) -> int:
    """Show the window first, then finish starting (error handler, catalogue, resume) from the
    event loop: the person sees the welcome page while the rest loads, a fraction of a second."""
    platform_given = any(a.split("=", 1)[0] == "-platform" for a in qt_args or [])
    problem = "" if platform_given else no_display_problem()
    if problem:
        print(f"decisionaid: {problem}", file=sys.stderr)
        return 1
    program = sys.argv[0] if sys.argv else APP_NAME
    app = make_application([program, *(qt_args or [])], icon=False)
    from decisionaid.gui.main_window import MainWindow
    from decisionaid.gui.wizard import Wizard

    Wizard.hold_tab_order = True  # made in Startup.finish, just after the first paint
    window = MainWindow(None)
    startup = Startup(app, window, catalogue_path)
    startup.document = document
    if os.environ.get(PROBE_VARIABLE):
        startup.probe = StartupProbe(app, window)
    window.show()
    startup.after_first_paint()
    try:
        return app.exec()
    finally:
        startup.uninstall()


PROBE_VARIABLE = "DECISIONAID_STARTUP_PROBE"


class Startup(QObject):
    """The start-up steps that wait until the window is on screen."""

    LATEST_MS = 500  # finish anyway if no paint comes (a window that starts minimised)

    def __init__(self, app: QApplication, window, catalogue_path):
        super().__init__(window)
        self.app, self.window, self.catalogue_path = app, window, catalogue_path
        self.handler = None
        self.probe = None
        self.document: str | None = None
        self.finished = False
        self.ended = False
        self._latest: QTimer | None = None

    def after_first_paint(self) -> None:
        """Run ``finish`` once the window has been painted (so it never delays the first frame).
        Watch the window only: a filter on the whole app would make PySide wrap every object
        that gets an event, which itself costs tens of milliseconds."""
        self.window.installEventFilter(self)
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.timeout.connect(self.finish)
        self._latest.start(self.LATEST_MS)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self.finish)
        return False

    def finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self.window.removeEventFilter(self)
        # One DecisionAid at a time, so two never write the same autosave. Taken here, after
        # the first paint (the lock file is synced to disk), and before anything is written.
        self.lock = acquire_single_instance_lock()
        if self.lock is None:
            from PySide6.QtWidgets import QMessageBox

            self.window.autosave_enabled = False
            QMessageBox.information(self.window, APP_NAME, ALREADY_OPEN)
            self.window.close()
            self.app.exit(1)
            return
        from decisionaid.gui.errors import ErrorHandler

        window = self.window
        window.draft_settled = False  # last time's draft is not overwritten until offered
        self.handler = ErrorHandler(
            save_answers=window.save_for_error_handler,
            parent=lambda: window,
            context=lambda: (
                f"Catalogue {window.catalogue.meta.version if window.catalogue else 'not open'}"
                f"; step {int(window.wizard.step)}"
            ),
        )
        self.handler.install()
        catalogue = open_catalogue_or_explain(self.catalogue_path, window)
        if catalogue is None:
            window.autosave_enabled = False
            window.close()
            self.app.exit(1)
            return
        window.set_catalogue(catalogue)
        if self.probe is not None:
            self.probe.ready()
        # What input does not wait for comes in the next turn of the event loop.
        QTimer.singleShot(0, self.settle)

    def settle(self) -> None:
        """Just after ready: the Tab order and focus ring (the walk over every widget makes
        PySide build Python types for Qt's own widgets, about 30 ms the first time), the
        window icon, the clean-up of files left by a killed write and Qt's dialog history
        kept private (before any file dialog can open); then a document to open, or the offer
        to pick up a saved draft."""
        if self.ended:
            return
        self.order_tabs()
        set_app_icon(self.app)
        housekeeping()
        window = self.window
        if self.probe is not None:  # measuring start-up: never stop to ask about a saved draft
            from decisionaid import session

            draft = session.draft_path()
            if not draft.exists() and not draft.with_name(session.CRASH_NAME).exists():
                window.offer_resume()  # nothing to ask: counted, as on a first start
            self.probe.settled()
            return
        if isinstance(self.app, DecisionAidApplication):
            self.app.open_file = window.open_file
            if self.app.pending and not self.document:
                self.document = self.app.pending.pop()
        if self.document:  # decisionaid FILE, or a double-click on saved answers
            window.open_file(self.document, confirm=False)
            return
        window.offer_resume()

    def order_tabs(self) -> None:
        """The Tab order and the focus ring, held back while the first window was built (see
        run_app)."""
        from decisionaid.gui.wizard import Wizard

        if Wizard.hold_tab_order:
            Wizard.hold_tab_order = False
            self.window.wizard.order_tabs()  # now, not one more turn later: settle is late enough
            if self.window.isVisible():  # the focus ring, also held back (Wizard.showEvent)
                from decisionaid.gui.style import FocusRing

                FocusRing.install(self.window)

    def uninstall(self) -> None:
        """The app has ended: undo what start-up did, and never finish or settle late."""
        self.finished = self.ended = True
        from decisionaid.gui.wizard import Wizard

        Wizard.hold_tab_order = False  # never left on (a test may build another window)
        if getattr(self, "lock", None):
            self.lock.unlock()
            self.lock = None
        if self._latest is not None:
            self._latest.stop()
        self.window.removeEventFilter(self)
        if self.handler is not None:
            self.handler.uninstall()


class StartupProbe(QObject):
    """For benchmarks/run.py (``DECISIONAID_STARTUP_PROBE=1``, also in the frozen app): print
    when the first window is painted, when it is ready for input (the catalogue open and the
    error handler installed) and when start-up has settled (nothing left to do), then quit."""

    def __init__(self, app: QApplication, window: QWidget):
        super().__init__(app)
        self.app, self.window = app, window
        self.painted_at = None
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            self.painted_at = time.monotonic()
            self._say(f"painted {self.painted_at:.6f}")
            self._say(f"painted_cpu {time.process_time() * 1000:.1f}")
            self.window.removeEventFilter(self)
        return False

    def ready(self) -> None:
        if self.painted_at is None:
            self.app.processEvents()  # paint first if it has not happened yet
        self._say(f"ready_cpu {time.process_time() * 1000:.1f}")
        self._say(f"ready {time.monotonic():.6f}")

    def settled(self) -> None:
        """Everything start-up does is done (the Tab order, the icon, the clean-up)."""
        self._say(f"settled_cpu {time.process_time() * 1000:.1f}")
        self._say(f"settled {time.monotonic():.6f}")
        self.window.removeEventFilter(self)
        QTimer.singleShot(0, self.app.quit)

    @staticmethod
    def _say(line: str) -> None:
        if sys.stdout is not None:  # a windowed build on Windows has no stdout
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
