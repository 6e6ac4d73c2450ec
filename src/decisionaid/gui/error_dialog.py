"""The dialog the error handler shows: plain words, where the details are, a way to copy them.

A module of its own, imported only when an error happens: its Qt classes (QStyle above all, whose
enums PySide builds on first use) cost about 20 ms that start-up never needs to pay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class ErrorDialog(QDialog):
    """What a person sees: plain words, where the details are, and a way to copy them."""

    def __init__(self, message: str, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("DecisionAid: something went wrong")
        self.details = details
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        size = self.fontMetrics().height() * 2
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxCritical).pixmap(size, size))
        icon.setAccessibleName("Problem")
        top.addWidget(icon)
        texts = QVBoxLayout()
        head, _, rest = message.partition("\n\n")
        self.headline = QLabel(head)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.message = QLabel(message)
        self.message.setText(rest)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setAccessibleName("What happened")
        self.message.setAccessibleDescription(message)
        width = self.fontMetrics().horizontalAdvance("M") * 34
        for label in (self.headline, self.message):
            label.setMinimumWidth(width)
        texts.addWidget(self.headline)
        texts.addWidget(self.message)
        top.addLayout(texts, 1)
        layout.addLayout(top)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Technical details")
        self.text.setAccessibleDescription("The details of the problem, for a bug report.")
        self.text.hide()
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox()
        self.show_button = QPushButton("&Show details")
        self.show_button.setCheckable(True)
        self.show_button.setAccessibleName("Show details")
        self.show_button.setAccessibleDescription("Shows or hides the technical details.")
        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setAccessibleName("Copy details")
        self.copy_button.setAccessibleDescription(
            "Copies the technical details, to paste into a bug report."
        )
        close = buttons.addButton(QDialogButtonBox.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Close this message and keep using DecisionAid.")
        buttons.addButton(self.show_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        close.clicked.connect(self.accept)
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button.toggled.connect(self._show_details)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QLayout.SetMinimumSize)  # wrapped text is never cut off
        self.text.setMinimumHeight(self.fontMetrics().height() * 12)

    @property
    def full_message(self) -> str:
        return f"{self.headline.text()}\n\n{self.message.text()}"

    def _show_details(self, on: bool) -> None:
        self.text.setVisible(on)
        self.adjustSize()

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")
