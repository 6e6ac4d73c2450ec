"""Before you decide: the SURE test (Légaré et al. 2010), where I am leaning, and my notes.

Four yes/no questions; a score of 3 or less out of 4 suggests the person may want more time,
information or support before deciding. Every change emits a new ``answers.Decision``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from decisionaid.answers import MAX_NAME, MAX_TEXT, SURE_KEYS, Decision
from decisionaid.gui.style import KeyGroup, heading, paragraph, scaled_font, scrolling
from decisionaid.presentation import SURE_QUESTIONS, SURE_SOURCE, sure_score_text

ANSWERS = ((True, "Yes"), (False, "No"), (None, "Not yet answered"))
STILL_DECIDING = "Still deciding"
MAX_LEANING = MAX_NAME * 3


class DecidePage(QWidget):
    """``set_decision(decision, option_names)``; emits ``decision_changed(Decision)``."""

    decision_changed = Signal(object)
    export_pdf = Signal()

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

        # Never a dead end: the last step ends with the summary to take to the doctor.
        self.export_button = QPushButton("E&xport my summary\u2026")
        self.export_button.setAccessibleName("Export my summary")
        self.export_button.setAccessibleDescription(
            "Save a PDF summary of your options and these answers, to take to your doctor."
        )
        self.export_button.clicked.connect(self.export_pdf)
        end = QHBoxLayout()
        end.addWidget(paragraph("When you are ready, save a summary to take to your doctor."), 1)
        end.addWidget(self.export_button, 0, Qt.AlignTop)
        box.addLayout(end)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))
        self.set_decision(Decision(), [])

    # --- the agreed interface -----------------------------------------------------------
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
            leaning = decision.leaning if isinstance(decision.leaning, str) else ""
            notes = decision.notes if isinstance(decision.notes, str) else ""
            self.leaning.setEditText((leaning or STILL_DECIDING)[:MAX_LEANING])
            self.notes.setPlainText(notes[:MAX_TEXT])
        finally:
            self._loading = False
        self._show_score(self.decision())

    def decision(self) -> Decision:
        sure = {}
        for key in SURE_KEYS:
            checked = self.groups[key].checkedButton()
            sure[key] = next((v for v, b in self.buttons[key].items() if b is checked), None)
        leaning = self.leaning.currentText().strip()[:MAX_LEANING]
        return Decision(sure=sure, leaning=leaning, notes=self.notes.toPlainText()[:MAX_TEXT])

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
        self.decision_changed.emit(decision)
