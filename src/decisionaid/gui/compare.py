"""Up to four options side by side, in the manner of an Option Grid.

Rows are the questions patients ask, columns are the options; every cell is plain text from
``presentation.comparison_rows`` (the PDF prints the same texts).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from decisionaid import presentation as pr
from decisionaid.gui.style import scaled_font
from decisionaid.gui.table_models import CompareTableModel
from decisionaid.rules import STATUS_WORDS, OptionResult


class CompareView(QWidget):
    """The comparison grid; ``set_options`` takes at most four options."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel("Compare options side by side")
        self.title.setFont(scaled_font(self.title.font(), 1.35, bold=True))
        self.title.setWordWrap(True)
        box.addWidget(self.title)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        box.addWidget(self.intro)
        self.model = CompareTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.ElideNone)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.table.setAlternatingRowColors(True)
        self.table.setCornerButtonEnabled(False)
        pad = max(3, self.fontMetrics().height() // 4)
        self.table.setStyleSheet(f"QTableView::item {{ padding: {pad}px; }}")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        header.setFont(scaled_font(header.font(), 1.0, bold=True))
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeToContents)
        vheader.setDefaultAlignment(Qt.AlignLeft | Qt.AlignTop)
        vheader.setFont(scaled_font(vheader.font(), 1.0, bold=True))
        self.table.setAccessibleName("Comparison grid")
        self.table.setAccessibleDescription("Rows are questions, columns are the options you chose. "
                                            "Use the arrow keys to move between cells.")
        header.sectionResized.connect(lambda *_: QTimer.singleShot(0, self.table.resizeRowsToContents))
        box.addWidget(self.table, 1)
        self.options: list[OptionResult] = []
        self.set_options([])

    def set_options(self, options: list[OptionResult]) -> None:
        self.options = list(options)[:pr.MAX_COMPARE]
        names = [f"{o.treatment.name}\n({STATUS_WORDS[o.status]})" for o in self.options]
        self.model.set_rows(names, pr.comparison_rows(self.options) if self.options else [])
        if not self.options:
            self.intro.setText("Tick \u201cCompare\u201d on up to four options to see them here.")
        else:
            self.intro.setText("Each column is one option; each row answers a question people "
                               "often ask. The options are not ranked. The details of each option "
                               "give the sources.")
        self.table.resizeRowsToContents()

    def cell_text(self, row: int, column: int) -> str:
        return self.model.data(self.model.index(row, column)) or ""
