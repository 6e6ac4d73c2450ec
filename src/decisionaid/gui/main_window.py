"""The main window: menus, toolbar, status bar, autosave and resume around the questionnaire."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

# Dialog classes are used as QtWidgets.X: each Qt class costs about a millisecond the first
# time it is touched, and the first window needs none of them.
from PySide6 import QtWidgets
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from decisionaid import APP_NAME, __version__
from decisionaid.atomic import WriteError
from decisionaid.gui.steps import Step, missing_answer
from decisionaid.gui.wizard import Wizard

if TYPE_CHECKING:
    from decisionaid.models import Catalogue

# The answers and session modules are imported in the methods that use them: the first window
# is up before either is needed (see gui.app.run_app).

AUTOSAVE_DELAY_MS = 300
ANSWERS_EXTENSION = ".decisionaid"  # the app's own document type: JSON inside
ANSWERS_FILTER = "DecisionAid answers (*.decisionaid *.json);;All files (*)"
PDF_FILTER = "PDF files (*.pdf)"


def _local_time(saved: str) -> str:
    """An ISO time saved in UTC, as this computer's local time ("2026-12-01 14:05")."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(saved).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return saved[:16].replace("T", " ")


def _documents_dir() -> str:
    from PySide6.QtCore import QStandardPaths

    return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())


class MainWindow(QMainWindow):
    def __init__(
        self, catalogue: Catalogue | None, parent: QWidget | None = None, autosave: bool = True
    ):
        """``catalogue`` may be None at first and given with ``set_catalogue`` once open: the app
        shows its window before opening the catalogue (see ``gui.app.run_app``)."""
        super().__init__(parent)
        self.catalogue = None
        self.autosave_enabled = autosave
        self._autosave_problem_shown = False
        # False while a draft from last time has not been offered yet (start-up sets it): until
        # then nothing is written over that draft, only beside it (session.CRASH_NAME).
        self.draft_settled = True
        self._last_dir = ""  # the Documents folder until a file is chosen (looked up when needed)
        self._browser_window = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(800, 560)
        self.resize(1024, 700)

        self.wizard = Wizard(catalogue)
        # The central area: a banner for another catalogue (hidden for the bundled one) above
        # the wizard. The banner wraps, so a long path is always shown in full.
        central = QtWidgets.QWidget()
        column = QtWidgets.QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self._another_catalogue_label = QtWidgets.QLabel()
        self._another_catalogue_label.setObjectName("anotherCatalogue")
        self._another_catalogue_label.setAccessibleName("Catalogue in use")
        self._another_catalogue_label.setAccessibleDescription(
            "This is not the catalogue that came with DecisionAid."
        )
        self._another_catalogue_label.setWordWrap(True)
        self._another_catalogue_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self._another_catalogue_label.setStyleSheet(
            "QLabel#anotherCatalogue { font-weight: bold; padding: 6px 12px;"
            " background: #fff4ce; color: #1a1a1a; border-bottom: 1px solid #8a6d00; }"
        )
        self._another_catalogue_label.hide()
        column.addWidget(self._another_catalogue_label)
        column.addWidget(self.wizard, 1)
        self.setCentralWidget(central)
        self.wizard.answers_changed.connect(self._schedule_autosave)
        self.wizard.step_changed.connect(self._schedule_autosave)
        self.wizard.export_requested.connect(self.export_pdf)

        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.save_draft_now)

        self._build_actions()
        self._build_menus()
        self.set_catalogue(catalogue)

    def set_catalogue(self, catalogue: Catalogue | None) -> None:
        """Everything but the welcome page waits for the catalogue."""
        self.catalogue = catalogue
        self.wizard.set_catalogue(catalogue)
        for action in self._needs_catalogue:
            action.setEnabled(catalogue is not None)
        self._show_another_catalogue(catalogue)
        if catalogue is None:
            self.statusBar().showMessage("Opening the catalogue of treatments\u2026")
        else:
            self.statusBar().showMessage(
                f"Catalogue {catalogue.meta.version}, reviewed {catalogue.meta.reviewed}. "
                "Your answers stay on this computer."
            )

    def _show_another_catalogue(self, catalogue) -> None:
        """A catalogue other than the bundled one is named in the title and, always visible and
        in full, in a banner above the pages: a doctored file never passes as the official one."""
        note = ""
        if catalogue is not None:
            from decisionaid.catalogue.store import another_catalogue_note

            note = another_catalogue_note(catalogue)
        self.setWindowTitle(f"{APP_NAME} \u2014 {note}" if note else APP_NAME)
        self._another_catalogue_label.setText(note)
        self._another_catalogue_label.setVisible(bool(note))

    # --- menus ----------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(
            "&Open answers\u2026",
            self.open_answers,
            QKeySequence.Open,
            "Open answers you saved before",
        )
        self.save_action = self._action(
            "&Save answers\u2026",
            self.save_answers,
            QKeySequence.Save,
            "Save your answers to a file you choose",
        )
        self.export_action = self._action(
            "&Export PDF\u2026", self.export_pdf, "Ctrl+E", "Save a summary to take to your doctor"
        )
        self.start_over_action = self._action(
            "Start &over", self.start_over, None, "Clear all answers and start again"
        )
        self.forget_action = self._action(
            "&Forget my answers",
            self.forget_answers,
            None,
            "Delete your answers from this computer",
        )
        self.quit_action = self._action("&Quit", self.close, QKeySequence.Quit, "Close DecisionAid")
        self.browse_action = self._action(
            "&Browse the catalogue",
            self.browse_catalogue,
            "Ctrl+B",
            "See every treatment in the catalogue",
        )
        self.about_catalogue_action = self._action(
            "About this &catalogue",
            self.about_catalogue,
            None,
            "Who wrote the catalogue, how and when",
        )
        self.about_action = self._action(
            "&About DecisionAid", self.about_app, None, "Version and catalogue version"
        )
        self._needs_catalogue = (
            self.open_action,
            self.save_action,
            self.export_action,
            self.start_over_action,
            self.browse_action,
            self.about_catalogue_action,
            self.about_action,
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        for action in (self.save_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.start_over_action)
        file_menu.addAction(self.forget_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.browse_action)
        view_menu.addAction(self.about_catalogue_action)
        help_menu = bar.addMenu("&Help")
        self.glossary_action = self._action(
            "&Words used in this app",
            self.show_glossary,
            None,
            "Plain meanings of the technical words the app and the sources use",
        )
        help_menu.addAction(self.glossary_action)
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in (self.open_action, self.save_action, self.export_action, self.browse_action):
            toolbar.addAction(action)
        toolbar.setAccessibleName("Main toolbar")

    # --- autosave -------------------------------------------------------------------------
    def _schedule_autosave(self, *_):
        if self.autosave_enabled:
            self._autosave_timer.start()

    def save_draft_now(self, strict: bool = False) -> bool:
        """Save the draft at once. A problem is shown once in the status bar, never as a dialog
        (``strict``: raise it instead, for the error handler)."""
        from decisionaid import session

        self._autosave_timer.stop()
        if not self.autosave_enabled or self.wizard.answers is None:  # None: still starting
            return False
        try:
            name = self._draft_name()
            extra = {} if name == session.DRAFT_NAME else {"name": name}
            session.save_draft(self.wizard.answers, int(self.wizard.step), **extra)
        except WriteError as exc:
            if strict:
                raise
            if not self._autosave_problem_shown:
                self._autosave_problem_shown = True
                self.statusBar().showMessage(f"Autosave is not working: {exc}")
            return False
        if self._autosave_problem_shown:
            self._autosave_problem_shown = False
            self.statusBar().showMessage("Autosave is working again.", 5000)
        return True

    def _draft_name(self) -> str:
        """The autosave, or the copy beside it while last time's draft is still unanswered."""
        from decisionaid import session

        if self.draft_settled or not session.draft_path().exists():
            return session.DRAFT_NAME
        return session.CRASH_NAME

    def save_for_error_handler(self) -> tuple[str, str]:
        """Save for the error handler, never over fuller answers; say truthfully what was kept
        and where, as (headline, details). Raises WriteError if the save failed."""
        from decisionaid import answers as A
        from decisionaid import session

        draft = session.draft_path()
        kept = (
            f"Your answers from last time are kept, unchanged, in {draft}."
            if draft.exists() and not self.draft_settled
            else ""
        )
        answers = self.wizard.answers
        if not self.autosave_enabled:
            return (
                "Your answers were not saved automatically.",
                "Use File > Save answers to keep a copy.",
            )
        if answers is None or answers == A.Answers():
            return ("You had not entered any answers yet, so nothing was saved.", kept)
        self.save_draft_now(strict=True)
        path = draft.with_name(self._draft_name())
        if kept:
            return (
                "Your new answers are saved in a separate copy.",
                f"Your new answers are in {path}. {kept}",
            )
        return (
            "Your answers are saved.",
            f"They are in {path}. If something looks wrong, close DecisionAid and open it "
            "again: it will offer to pick up where you left off.",
        )

    def offer_resume(self) -> bool:
        """If a draft exists, ask to pick up where the person left off. True if resumed."""
        from decisionaid import answers as A
        from decisionaid import session

        session.promote_crash_copy()  # answers the error handler kept, when there is no draft
        try:
            draft = session.load_draft(**A.answers_for_catalogue(self.catalogue))
        except A.AnswersError as exc:
            kept = session.set_aside_damaged_draft()
            where = f" A copy was kept as {kept}." if kept else ""
            later = session.draft_path().with_name(session.CRASH_NAME).exists()
            then = (
                "but the answers you entered after that were kept: you can pick them up next"
                if later
                else "so DecisionAid is starting fresh"
            )
            self.draft_settled = True
            QtWidgets.QMessageBox.warning(
                self,
                APP_NAME,
                f"Your saved answers from last time could not be read, {then}.{where}"
                f"\n\nDetails: {exc}",
            )
            if later and session.promote_crash_copy():
                return self.offer_resume()
            return False
        if draft is None:
            self.draft_settled = True
            return False
        when = f" (saved {_local_time(draft.saved)})" if draft.saved else ""
        if self.ask_resume(
            f"You have answers saved from last time{when}.\n\n"
            'Pick up where you left off? "Start over" deletes them.'
        ):
            self.wizard.set_answers(draft.answers, draft.step)
            self.draft_settled = True
            self.statusBar().showMessage("Picked up where you left off.", 5000)
            return True
        session.forget_draft()
        self.draft_settled = True
        return False

    def ask_resume(self, text: str) -> bool:
        """Resume (True) or Start over (False). Tests replace this method."""
        Box = QtWidgets.QMessageBox
        box = Box(Box.Question, "Pick up where you left off?", text, Box.NoButton, self)
        resume = box.addButton("&Resume", Box.AcceptRole)
        box.addButton("&Start over", Box.RejectRole)
        box.setDefaultButton(resume)
        box.exec()
        return box.clickedButton() is resume

    # --- file actions ---------------------------------------------------------------------
    def _confirm(self, title: str, text: str, yes: str) -> bool:
        Box = QtWidgets.QMessageBox
        box = Box(Box.Question, title, text, Box.NoButton, self)
        ok = box.addButton(yes, Box.AcceptRole)
        box.addButton(Box.Cancel)
        box.setDefaultButton(Box.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def _start_dir(self) -> str:
        """Where file dialogs open: the last folder used, else Documents."""
        return self._last_dir or _documents_dir()

    def _answers_complete(self, doing: str) -> bool:
        if missing_answer(Step.ABOUT, self.wizard.answers):
            QtWidgets.QMessageBox.information(
                self,
                APP_NAME,
                f'Before you can {doing}, please answer the "About you" step (your age and sex).',
            )
            self.wizard.go_to(Step.ABOUT)
            return False
        return True

    def open_answers(self) -> None:
        if not self._may_replace_answers():
            return
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self, "Open answers", self._start_dir(), ANSWERS_FILTER
        )
        if path:
            self.open_file(path, confirm=False)

    def _may_replace_answers(self) -> bool:
        from decisionaid import answers as A

        return self.wizard.answers in (None, A.Answers()) or self._confirm(
            "Open answers", "Opening a file replaces the answers you have now. Go on?", "Open"
        )

    def open_file(self, path: str | Path, confirm: bool = True) -> bool:
        """Open saved answers (File > Open, Open Recent, ``decisionaid FILE``, a double-click)."""
        from decisionaid import answers as A

        if confirm and not self._may_replace_answers():
            return False
        path = str(path)
        self._last_dir = str(Path(path).parent)
        try:
            answers = A.load_answers(path, **A.answers_for_catalogue(self.catalogue))
        except A.AnswersError as exc:
            QtWidgets.QMessageBox.critical(
                self,
                "Cannot open these answers",
                f"This file cannot be opened as DecisionAid answers.\n\n{exc}",
            )
            return False
        self.wizard.set_answers(answers, Step.RESULTS)
        self._remember(path)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    def _remember(self, path: str) -> None:
        from decisionaid import session

        try:
            session.add_recent(path)
        except WriteError:
            pass  # the recent list is a convenience: never an error for the person

    def _fill_recent_menu(self) -> None:
        from decisionaid import session

        menu = self.recent_menu
        menu.clear()
        files = session.read_recent()
        for number, file in enumerate(files, 1):
            action = menu.addAction(f"&{number} {Path(file).name}")
            action.setToolTip(file)
            action.setStatusTip(file)
            action.setEnabled(self.catalogue is not None)
            action.triggered.connect(lambda _=False, f=file: self.open_file(f))
        if not files:
            menu.addAction("No recent files").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear this list")
        clear.setEnabled(bool(files))
        clear.triggered.connect(session.forget_recent)

    def save_answers(self) -> bool:
        from decisionaid import answers as A

        if not self._answers_complete("save your answers"):
            return False
        default = str(Path(self._start_dir()) / f"my-hair-loss-answers{ANSWERS_EXTENSION}")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Save answers", default, ANSWERS_FILTER
        )
        if not path:
            return False
        if not Path(path).suffix:
            path += ANSWERS_EXTENSION
        self._last_dir = str(Path(path).parent)
        try:
            A.save_answers(self.wizard.answers, path)
        except WriteError as exc:
            QtWidgets.QMessageBox.critical(self, "Cannot save your answers", str(exc))
            return False
        self._remember(path)
        self.statusBar().showMessage(f"Saved your answers to {path}", 5000)
        return True

    def export_pdf(self) -> bool:
        try:
            from decisionaid.report.pdf import write_summary_pdf
        except ImportError:
            QtWidgets.QMessageBox.information(
                self, "Export PDF", "Making a PDF summary is not available yet in this version."
            )
            return False
        if not self._answers_complete("make a summary"):
            return False
        default = str(Path(self._start_dir()) / "hair-loss-options-summary.pdf")
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, "Export PDF summary", default, PDF_FILTER
        )
        if not path:
            return False
        if Path(path).suffix.lower() != ".pdf":
            path += ".pdf"
        self._last_dir = str(Path(path).parent)
        # The paper and sections chosen in the "Export my summary" step, when it has been shown.
        page = self.wizard.decide_page
        choices = page.export_choices() if page is not None else {}
        try:
            write_summary_pdf(
                self.wizard.current_result(),
                path,
                paper=choices.get("paper"),
                sections=choices.get("sections") or None,
            )
        except WriteError as exc:
            QtWidgets.QMessageBox.critical(self, "Cannot save the PDF", str(exc))
            return False
        self.statusBar().showMessage(f"Saved the summary to {path}", 8000)
        return True

    def reset(self) -> None:
        from decisionaid import answers as A

        self._autosave_timer.stop()
        self.wizard.set_answers(A.Answers(), Step.WELCOME)
        self._autosave_timer.stop()  # nothing to keep until the next answer

    def start_over(self) -> bool:
        from decisionaid import session

        if not self._confirm(
            "Start over", "Start over? This clears all your answers.", "Start over"
        ):
            return False
        session.forget_draft()
        self.draft_settled = True
        self.reset()
        self.statusBar().showMessage("Started over.", 5000)
        return True

    def forget_answers(self) -> bool:
        from decisionaid import forget

        if not self._confirm(
            "Forget my answers",
            "Delete your answers from this computer? This clears the questionnaire and deletes "
            "everything DecisionAid keeps about you: the autosave, any copies of it, unfinished "
            "temporary files and the list of folders you used. Files you saved yourself are not "
            "touched.",
            "Forget my answers",
        ):
            return False
        include_logs = False
        if forget.has_logs():
            include_logs = self._confirm(
                "Forget my answers",
                "DecisionAid also keeps error logs, which help to report a problem. They hold no "
                "answers, only technical details. Delete them too?",
                "Delete the logs too",
            )
        self._autosave_timer.stop()
        removed = forget.forget_everything(include_logs=include_logs)
        self.draft_settled = True
        self._last_dir = ""
        self.reset()
        removed = list(dict.fromkeys(removed))
        if removed:
            text = "Deleted from this computer: " + "; ".join(removed) + "."
        else:
            text = "There was nothing saved on this computer; the questionnaire is cleared."
        if not include_logs and forget.has_logs():
            text += " The error logs were kept."
        self.forget_report = text
        QtWidgets.QMessageBox.information(self, "Forget my answers", text)
        return True

    # --- view and help --------------------------------------------------------------------
    def browse_catalogue(self) -> None:
        try:
            from decisionaid.gui.browser import CatalogueBrowser
        except ImportError:
            QtWidgets.QMessageBox.information(
                self,
                "Browse the catalogue",
                "Browsing the catalogue is not available yet in this version.",
            )
            return
        if self._browser_window is None:
            window = QtWidgets.QDialog(self)
            window.setWindowTitle(f"{APP_NAME}: the catalogue")
            layout = QtWidgets.QVBoxLayout(window)
            layout.addWidget(CatalogueBrowser(self.catalogue))
            buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
            buttons.rejected.connect(window.close)
            layout.addWidget(buttons)
            window.resize(self.size() * 0.9)
            self._browser_window = window
        self._browser_window.show()
        self._browser_window.raise_()

    def about_catalogue(self) -> None:
        meta = self.catalogue.meta
        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle("About this catalogue")
        QtWidgets.QVBoxLayout(dialog)
        text = QtWidgets.QTextBrowser()
        text.setOpenLinks(False)
        text.setPlainText(
            f"{meta.title}\nVersion {meta.version}, last reviewed {meta.reviewed}.\n"
            f"{len(self.catalogue.treatments)} options, "
            f"{len(self.catalogue.references)} sources.\n\n{meta.about.strip()}"
        )
        self._show_text_dialog(dialog, text, "About this catalogue", 45, 30)
        self._about_catalogue_dialog = dialog

    def _show_text_dialog(self, dialog, text, name: str, columns: int, lines: int) -> None:
        """Finish a read-only text dialog: named text, a Close button, a size in characters."""
        text.setAccessibleName(name)
        dialog.layout().addWidget(text)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.Close)
        buttons.rejected.connect(dialog.reject)
        dialog.layout().addWidget(buttons)
        metrics = self.fontMetrics()
        dialog.resize(metrics.horizontalAdvance("M") * columns, metrics.height() * lines)
        dialog.open()

    def show_glossary(self) -> None:
        """Help > Words used in this app: the glossary (presentation.GLOSSARY)."""
        from html import escape

        from decisionaid.presentation import GLOSSARY

        dialog = QtWidgets.QDialog(self)
        dialog.setWindowTitle("Words used in this app")
        QtWidgets.QVBoxLayout(dialog)
        text = QtWidgets.QTextBrowser()
        text.setOpenLinks(False)
        text.setHtml(
            "".join(
                f"<p><b>{escape(term)}</b>: {escape(plain)}. {escape(more)}</p>"
                for term, plain, more in sorted(GLOSSARY, key=lambda g: g[0].lower())
            )
        )
        self._show_text_dialog(dialog, text, "Words used in this app", 40, 24)
        self._glossary_dialog = dialog

    def about_app(self) -> None:
        meta = self.catalogue.meta
        QtWidgets.QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            f"<p>An offline decision aid for people losing their hair.</p>"
            f"<p>Catalogue version {meta.version}, last reviewed {meta.reviewed}.</p>"
            "<p>It does not diagnose and does not pick one best option. Your answers stay on this "
            "computer: the app never uses the internet.</p>"
            "<p>Free software under the GNU General Public License, version 3 or later. No company "
            "that sells a hair-loss treatment paid for it.</p>",
        )

    # --- closing --------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        if self._autosave_timer.isActive():
            self.save_draft_now()
        super().closeEvent(event)
