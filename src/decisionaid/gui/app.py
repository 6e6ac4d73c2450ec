"""Start the desktop app: ``decisionaid`` with no arguments, or ``python -m decisionaid``.

Start-up stays lean: reportlab, the PDF code and sqlite-utils are not imported here (the PDF
code is imported only when exporting). Check with
``python -X importtime -c "import decisionaid.gui.app"``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from decisionaid import APP_NAME, __version__
from decisionaid.paths import resource_path

ORGANISATION = "DecisionAid"


def app_icon() -> QIcon:
    """The app icon, or an empty icon if the files are missing (never an error)."""
    icon = QIcon()
    folder = resource_path("icons", "app")
    for name in ("decisionaid.svg", "decisionaid-256.png", "decisionaid.png",
                 "decisionaid-64.png", "decisionaid-32.png", "decisionaid-16.png"):
        path = folder / name
        if path.exists():
            icon.addFile(str(path))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0] if sys.argv else APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("decisionaid")
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def open_catalogue_or_explain(catalogue_path: Path | str | None):
    """The catalogue, or None after telling the person why it cannot be opened."""
    from decisionaid.catalogue import CatalogueError, open_catalogue

    try:
        return open_catalogue(catalogue_path)
    except CatalogueError as exc:
        QMessageBox.critical(
            None, f"{APP_NAME} cannot start",
            f"{APP_NAME} cannot open its catalogue of treatments, so it cannot start.\n\n{exc}\n\n"
            "If you installed DecisionAid, reinstalling it usually fixes this.")
        return None


def no_display_problem() -> str:
    """On Linux with no display, Qt would abort; say so plainly instead ('' if all is well)."""
    if QApplication.instance() is not None or os.environ.get("QT_QPA_PLATFORM"):
        return ""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return ("DecisionAid needs a desktop to show its window, and none was found (no DISPLAY or "
                "WAYLAND_DISPLAY). Start it from your desktop, or use the command-line commands "
                "(decisionaid --help) or decisionaid --self-test.")
    return ""


def run_app(catalogue_path: Path | str | None = None) -> int:
    problem = no_display_problem()
    if problem:
        print(f"decisionaid: {problem}", file=sys.stderr)
        return 1
    app = make_application()
    catalogue = open_catalogue_or_explain(catalogue_path)
    if catalogue is None:
        return 1
    from decisionaid.gui.errors import ErrorHandler
    from decisionaid.gui.main_window import MainWindow

    window = MainWindow(catalogue)
    handler = ErrorHandler(save_answers=lambda: window.save_draft_now(strict=True), parent=lambda: window,
                           context=lambda: f"Catalogue {catalogue.meta.version}; step {int(window.wizard.step)}")
    handler.install()
    window.show()
    window.offer_resume()
    try:
        return app.exec()
    finally:
        handler.uninstall()
