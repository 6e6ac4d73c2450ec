"""Before you decide: the SURE test (Légaré et al. 2010), where I am leaning, and my notes.

Four yes/no questions; a score of 3 or less out of 4 suggests the person may want more time,
information or support before deciding. Every change emits a new ``answers.Decision``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.answers import (
    MAX_NAME,
    MAX_QUESTION_TEXT,
    MAX_TEXT,
    MAX_TICKED_QUESTIONS,
    SURE_KEYS,
    Decision,
    clean_text,
)
from decisionaid.gui.style import (
    FlowLayout,
    KeyGroup,
    WrapCheckBox,
    WrapRadioButton,
    heading,
    paragraph,
    scaled_font,
    scrolling,
)
from decisionaid.presentation import SURE_QUESTIONS, SURE_SOURCE, sure_score_text
from decisionaid.textsafety import problem as text_problem

ANSWERS = ((True, "Yes"), (False, "No"), (None, "Not yet answered"))
STILL_DECIDING = "Still deciding"
MAX_LEANING = MAX_NAME * 3


class DecidePage(QWidget):
    """``set_decision(decision, option_names)``; emits ``decision_changed(Decision)``."""

    decision_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._loading = False
        content = QWidget()
        box = QVBoxLayout(content)
        fm = self.fontMetrics().height()
        box.setContentsMargins(fm, fm // 2, fm, fm)
        box.setSpacing(fm // 2)
        box.addWidget(heading("Before you decide", 1.5))
        box.addWidget(
            paragraph(
                "These four questions help you see if you are ready to choose. There "
                "are no wrong answers, and your answers stay on this computer."
            )
        )

        grid_frame = QFrame()
        grid_frame.setFrameShape(QFrame.StyledPanel)
        grid = QGridLayout(grid_frame)
        self.groups: dict[str, QButtonGroup] = {}
        self.buttons: dict[str, dict[object, QRadioButton]] = {}
        for row, key in enumerate(SURE_KEYS):
            question = QLabel(f"{row + 1}. {SURE_QUESTIONS[key]}")
            question.setWordWrap(True)
            grid.addWidget(question, row, 0)
            group = QButtonGroup(self)
            group.setExclusive(True)
            self.groups[key] = group
            self.buttons[key] = {}
            line = QHBoxLayout()
            for value, text in ANSWERS:
                button = QRadioButton(text)
                # The question in the name: a screen reader announces "Question 1 ...: Yes".
                button.setAccessibleName(f"Question {row + 1}, {SURE_QUESTIONS[key]} {text}")
                button.setAccessibleDescription(SURE_QUESTIONS[key])
                group.addButton(button)
                self.buttons[key][value] = button
                line.addWidget(button)
                button.toggled.connect(lambda on, _k=key: on and self._changed())
            self.keys = getattr(self, "keys", {})
            self.keys[key] = KeyGroup(list(self.buttons[key].values()), select=True, parent=self)
            holder = QWidget()
            holder.setLayout(line)
            holder.setAccessibleName(SURE_QUESTIONS[key])
            line.setContentsMargins(0, 0, 0, 0)
            grid.addWidget(holder, row, 1, Qt.AlignRight)
            question.setBuddy(self.buttons[key][True])
        grid.setColumnStretch(0, 1)
        box.addWidget(grid_frame)

        self.score = QLabel()
        self.score.setFont(scaled_font(self.score.font(), 1.2, bold=True))
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        source = QLabel(SURE_SOURCE)
        source.setWordWrap(True)
        source.setFont(scaled_font(source.font(), 0.9))
        box.addWidget(self.score)
        box.addWidget(self.meaning)
        box.addWidget(source)

        lean_label = QLabel("&Where I am leaning:")
        self.leaning = QComboBox()
        self.leaning.setEditable(True)
        self.leaning.setInsertPolicy(QComboBox.NoInsert)
        self.leaning.lineEdit().setMaxLength(MAX_LEANING)
        self.leaning.setAccessibleName("Where I am leaning")
        self.leaning.lineEdit().setAccessibleName("Where I am leaning")
        self.leaning.setAccessibleDescription(
            "Choose an option, keep \u201cStill deciding\u201d, or type your own."
        )
        lean_label.setBuddy(self.leaning)
        self.leaning.currentTextChanged.connect(lambda _t: self._changed())
        box.addWidget(lean_label)
        box.addWidget(self.leaning)

        notes_label = QLabel("&My notes and questions for my doctor:")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("My notes and questions for my doctor")
        self.notes.viewport().setAccessibleName("My notes and questions for my doctor")
        self.notes.setAccessibleDescription(
            f"Up to {MAX_TEXT:,} characters. They stay on this computer."
        )
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(fm * 5)
        notes_label.setBuddy(self.notes)
        self.notes_message = QLabel()
        self.notes_message.setWordWrap(True)
        self.notes.textChanged.connect(self._notes_changed)
        box.addWidget(notes_label)
        box.addWidget(self.notes, 1)
        box.addWidget(self.notes_message)
        box.addWidget(self._questions_box())
        # Never a dead end: the last step ends with the summary to take to the doctor.
        box.addWidget(self._export_box())

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))
        self.set_decision(Decision(), [])

    # --- what the wizard uses -----------------------------------------------------------
    def set_decision(self, decision: Decision, option_names: list[str]) -> None:
        """Show a saved decision and offer these options' names. Does not emit."""
        self._loading = True
        try:
            sure = decision.sure if isinstance(decision.sure, dict) else {}
            for key in SURE_KEYS:
                value = sure.get(key)
                value = value if value in (True, False) and isinstance(value, bool) else None
                self.buttons[key][value].setChecked(True)
                self.keys[key].update_stops()
            given = [n for n in (option_names or []) if isinstance(n, str) and n.strip()]
            names = [STILL_DECIDING] + [
                n[:MAX_LEANING] for n in dict.fromkeys(given) if n != STILL_DECIDING
            ]
            self.leaning.clear()
            self.leaning.addItems(names)
            self._option_ids = {}
            if self.result_provider is not None:  # a chosen option is kept as its id too
                self._option_ids = {o.treatment.name: o.id for o in self.result_provider().options}
            leaning = decision.leaning if isinstance(decision.leaning, str) else ""
            notes = decision.notes if isinstance(decision.notes, str) else ""
            self.leaning.setEditText((leaning or STILL_DECIDING)[:MAX_LEANING])
            self.notes.setPlainText(notes[:MAX_TEXT])
            self._fill_questions(decision)
        finally:
            self._loading = False
        self._show_score(self.decision())

    def decision(self) -> Decision:
        sure = {}
        for key in SURE_KEYS:
            checked = self.groups[key].checkedButton()
            sure[key] = next((v for v, b in self.buttons[key].items() if b is checked), None)
        # clean_text: nothing typed or pasted that could not be saved or printed is kept.
        leaning = clean_text(self.leaning.currentText()).strip()[:MAX_LEANING]
        return Decision(
            sure=sure,
            leaning=leaning,
            leaning_option=getattr(self, "_option_ids", {}).get(leaning),
            notes=clean_text(self.notes.toPlainText(), multiline=True)[:MAX_TEXT],
            questions=self.ticked_questions(),
        )

    # --- the questions I most want to ask -------------------------------------------------
    def _questions_box(self) -> QGroupBox:
        group = QGroupBox(f"Questions I most want to ask (tick up to {MAX_TICKED_QUESTIONS})")
        group.setAccessibleName("Questions I most want to ask")
        lay = QVBoxLayout(group)
        lay.addWidget(
            paragraph(
                "The ones you tick go on page 1 of your summary. If you tick none, page 1 "
                "shows three that apply to you. Use the arrow keys and Space to tick."
            )
        )
        self.questions = QListWidget()
        self.questions.setWordWrap(True)
        self.questions.setAccessibleName(
            f"Questions I most want to ask: tick up to {MAX_TICKED_QUESTIONS}"
        )
        self.questions.setMinimumHeight(self.fontMetrics().height() * 10)
        self.questions.itemChanged.connect(self._question_ticked)
        self.questions_message = QLabel()
        self.questions_message.setWordWrap(True)
        lay.addWidget(self.questions)
        lay.addWidget(self.questions_message)
        return group

    def _fill_questions(self, decision: Decision) -> None:
        """The questions that apply to this person's answers, the saved ticks kept (first)."""
        choices: list[str] = []
        if self.result_provider is not None:
            from decisionaid.report.summary import question_choices

            choices = question_choices(self.result_provider())
        saved = [q for q in getattr(decision, "questions", ()) if isinstance(q, str) and q]
        self.questions.blockSignals(True)
        self.questions.clear()
        for text in list(dict.fromkeys(saved + choices)):
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if text in saved else Qt.Unchecked)
            self.questions.addItem(item)
        self.questions.blockSignals(False)
        self.questions_message.setText("")

    def ticked_questions(self) -> tuple[str, ...]:
        out = []
        for i in range(self.questions.count()):
            item = self.questions.item(i)
            if item.checkState() == Qt.Checked:
                out.append(clean_text(item.text()).strip()[:MAX_QUESTION_TEXT])
        return tuple(q for q in out if q)[:MAX_TICKED_QUESTIONS]

    def _question_ticked(self, item: QListWidgetItem) -> None:
        ticked = sum(
            1
            for i in range(self.questions.count())
            if self.questions.item(i).checkState() == Qt.Checked
        )
        if item.checkState() == Qt.Checked and ticked > MAX_TICKED_QUESTIONS:
            self.questions.blockSignals(True)
            item.setCheckState(Qt.Unchecked)
            self.questions.blockSignals(False)
            self.questions_message.setText(
                f"You can tick up to {MAX_TICKED_QUESTIONS}. Untick one to choose another."
            )
            return
        self.questions_message.setText("")
        self._changed()

    # --- export my summary ----------------------------------------------------------------
    # The last step: paper size, sections, PDF or web page; then where the file is and a
    # button to open it. ``result_provider`` (set by the wizard) gives the current result.
    result_provider = None

    def _export_box(self) -> QGroupBox:
        from decisionaid.report import DEFAULT_SECTIONS, SECTIONS
        from decisionaid.report.paper import PAPER_NAMES, default_paper

        group = QGroupBox("Export my summary")
        group.setAccessibleName("Export my summary")
        lay = QVBoxLayout(group)
        lay.addWidget(
            paragraph(
                "Make a summary to take to your doctor. Page 1 is for today's visit. It stays "
                "on this computer until you share it."
            )
        )
        self.export_pdf = WrapRadioButton("&PDF, to print or send")
        self.export_html = WrapRadioButton("&Web page (works with screen readers)")
        self.export_pdf.setAccessibleName("Export as a PDF, to print or send")
        self.export_html.setAccessibleName("Export as a web page, for screen readers")
        self.export_pdf.setChecked(True)
        kinds = QButtonGroup(self)
        for button in (self.export_pdf, self.export_html):
            kinds.addButton(button)
            lay.addWidget(button)
        paper_row = QHBoxLayout()
        paper_label = QLabel("Paper si&ze:")
        self.paper = QComboBox()
        for key, name in PAPER_NAMES.items():
            self.paper.addItem(name, key)
        self.paper.setCurrentIndex(max(0, self.paper.findData(default_paper())))
        self.paper.setAccessibleName("Paper size")
        paper_label.setBuddy(self.paper)
        paper_row.addWidget(paper_label)
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        lay.addLayout(paper_row)
        self.export_html.toggled.connect(lambda on: self.paper.setEnabled(not on))
        lay.addWidget(QLabel("Sections:"))
        self.section_boxes: dict[str, QCheckBox] = {}
        for key, title in SECTIONS.items():
            check = WrapCheckBox(title)  # wraps at large text instead of widening the page
            check.setChecked(key in DEFAULT_SECTIONS)
            check.setAccessibleName(f"Include: {title}")
            self.section_boxes[key] = check
            lay.addWidget(check)
        self.export_button = QPushButton("&Export my summary\u2026")
        self.export_button.setAccessibleName("Export my summary")
        self.export_button.clicked.connect(lambda: self.export_summary())  # not clicked(bool)
        self.copy_note_button = QPushButton("&Copy a note for my doctor's record")
        self.copy_note_button.setAccessibleName("Copy a note for my doctor's record")
        self.copy_note_button.setAccessibleDescription(
            "Copies about ten lines of plain text: your concern, the options, flags, leaning "
            "and SURE score."
        )
        self.copy_note_button.clicked.connect(self.copy_record_note)
        buttons = FlowLayout()  # a row that wraps at large text
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.copy_note_button)
        lay.addLayout(buttons)
        self.export_message = QLabel()
        self.export_message.setMinimumWidth(0)
        self.export_message.setWordWrap(True)
        self.export_message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.open_button = QPushButton("&Open it")
        self.open_button.setAccessibleName("Open the exported summary")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open_export)
        lay.addWidget(self.export_message)
        lay.addWidget(self.open_button, 0, Qt.AlignLeft)
        self._exported = ""
        return group

    def export_choices(self) -> dict:
        return {
            "format": "html" if self.export_html.isChecked() else "pdf",
            "paper": self.paper.currentData(),
            "sections": [k for k, box in self.section_boxes.items() if box.isChecked()],
        }

    def export_summary(self, path: str | None = None) -> bool:
        """Ask where, write the summary, then say where it is and offer to open it."""
        from decisionaid.atomic import WriteError

        if self.result_provider is None:
            return False
        choices = self.export_choices()
        if not choices["sections"]:
            self.export_message.setText("Choose at least one section to include.")
            return False
        suffix = "." + choices["format"]
        if path is None:
            folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
            default = str(Path(folder or Path.home()) / f"hair-loss-options-summary{suffix}")
            wanted = "Web pages (*.html)" if suffix == ".html" else "PDF files (*.pdf)"
            path, _ = QFileDialog.getSaveFileName(self, "Export my summary", default, wanted)
            if not path:
                return False
        if Path(path).suffix.lower() != suffix:
            path += suffix
        try:
            result = self.result_provider()
            if choices["format"] == "html":
                from decisionaid.report.html import write_summary_html

                write_summary_html(result, path, sections=choices["sections"])
            else:
                from decisionaid.report.pdf import write_summary_pdf

                write_summary_pdf(
                    result, path, paper=choices["paper"], sections=choices["sections"]
                )
        except (WriteError, ValueError) as exc:
            QMessageBox.critical(self, "Cannot save the summary", str(exc))
            return False
        self._exported = path
        self.export_message.setText(f"Saved your summary to {path}")
        self.export_message.setAccessibleName(self.export_message.text())
        self.open_button.setVisible(True)
        return True

    def copy_record_note(self) -> str:
        """The summary's note for the medical record, on the clipboard."""
        from PySide6.QtWidgets import QApplication

        from decisionaid.report.summary import record_note

        if self.result_provider is None:
            return ""
        note = record_note(self.result_provider())
        QApplication.clipboard().setText(note)
        self.export_message.setText("Copied the note. Paste it into a message or a letter.")
        return note

    def _open_export(self) -> None:
        if self._exported:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._exported))

    # --- internals ----------------------------------------------------------------------
    def _show_score(self, decision: Decision) -> None:
        score, meaning = sure_score_text(decision)
        self.score.setText(score)
        self.meaning.setText(meaning)
        self.score.setAccessibleName(score)
        self.meaning.setAccessibleName(meaning)

    def _notes_changed(self) -> None:
        text = self.notes.toPlainText()
        if len(text) > MAX_TEXT:
            self._loading = True
            cursor = self.notes.textCursor()
            pos = min(cursor.position(), MAX_TEXT)
            self.notes.setPlainText(text[:MAX_TEXT])
            cursor = self.notes.textCursor()
            cursor.setPosition(pos)
            self.notes.setTextCursor(cursor)
            self._loading = False
            self.notes_message.setText(
                f"\u26a0 Notes can be up to {MAX_TEXT:,} characters; the rest was not added."
            )
        elif self.notes_message.text() and len(text) < MAX_TEXT:
            self.notes_message.clear()
        self._changed()

    def _changed(self) -> None:
        if self._loading:
            return
        decision = self.decision()
        self._show_score(decision)
        # Text the PDF cannot print (right-to-left, no glyph) is named here, as it is typed.
        problem = text_problem(decision.notes, "Your notes") or text_problem(
            decision.leaning, 'What you wrote under "Where I am leaning"'
        )
        if problem:
            self.notes_message.setText(f"\u26a0 {problem}")
        elif self.notes_message.text().startswith("\u26a0 ") and "characters;" not in (
            self.notes_message.text()
        ):
            self.notes_message.clear()
        self.decision_changed.emit(decision)
