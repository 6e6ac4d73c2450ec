"""Up to four options side by side, in the manner of an Option Grid.

Rows are the questions patients ask, columns are the options; every cell is plain text from
``presentation.comparison_rows`` (the PDF prints the same texts).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from decisionaid import presentation as pr
from decisionaid.gui.style import scaled_font
from decisionaid.gui.table_models import CompareTableModel
from decisionaid.rules import STATUS_WORDS, OptionResult


class PaddedDelegate(QStyledItemDelegate):
    """Word-wrapped cells with some space around the text (the size hint counts the padding)."""

    def __init__(self, pad: int, parent=None):
        super().__init__(parent)
        self.pad = pad

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        opt.rect = opt.rect.adjusted(0, 0, -2 * self.pad, 0)
        size = super().sizeHint(opt, index)
        return QSize(size.width() + 2 * self.pad, size.height() + 2 * self.pad)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            # Background and selection over the whole cell, text inside the padding.
            text = opt.text
            opt.text = ""
            style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
            opt.text = text
        inner = QStyleOptionViewItem(option)
        inner.rect = option.rect.adjusted(self.pad, self.pad, -self.pad, -self.pad)
        inner.state &= ~QStyle.State_HasFocus
        inner.backgroundBrush = Qt.NoBrush
        super().paint(painter, inner, index)


class GridView(QTableView):
    """The grid; ``current_moved(rect)`` (if set) hears where the current cell went."""

    current_moved = None

    def currentChanged(self, current, previous) -> None:
        super().currentChanged(current, previous)
        if self.current_moved is not None and current.isValid():
            self.current_moved(self.visualRect(current))


class CompareView(QWidget):
    """The comparison grid; ``set_options`` takes at most four options. ``grow``: the grid is
    as tall as its rows (the page around it scrolls), so every row is readable at any text
    size instead of one row at a time in a small box."""

    def __init__(self, parent: QWidget | None = None, grow: bool = False):
        super().__init__(parent)
        self.grow = grow
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
        self.table = GridView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.ElideNone)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.table.setAlternatingRowColors(True)
        self.table.setCornerButtonEnabled(False)
        # One Tab stop: the arrow keys move between cells, Tab and Shift+Tab leave the grid.
        self.table.setTabKeyNavigation(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setItemDelegate(
            PaddedDelegate(max(3, self.fontMetrics().height() // 4), self.table)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter | Qt.TextWordWrap)
        header.setFont(scaled_font(header.font(), 1.0, bold=True))
        vheader = self.table.verticalHeader()
        vheader.setSectionResizeMode(QHeaderView.ResizeToContents)
        vheader.setDefaultAlignment(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap)
        vheader.setFont(scaled_font(vheader.font(), 1.0, bold=True))
        # The questions wrap in a column about a quarter of the grid wide, never wider.
        vheader.setMaximumWidth(vheader.fontMetrics().averageCharWidth() * 18)
        self.table.setAccessibleName("Comparison grid")
        self.table.setAccessibleDescription(
            "Rows are questions, columns are the options you chose. "
            "Use the arrow keys to move between cells; Tab leaves the grid; Escape goes back "
            "to all options."
        )
        header.sectionResized.connect(lambda *_: QTimer.singleShot(0, self._fit_heights))
        box.addWidget(self.table, 1)
        self.options: list[OptionResult] = []
        self.set_options([])

    def set_options(self, options: list[OptionResult]) -> None:
        self.options = list(options)[: pr.MAX_COMPARE]
        names = [f"{o.treatment.name}\n({STATUS_WORDS[o.status]})" for o in self.options]
        self.model.set_rows(names, pr.comparison_rows(self.options) if self.options else [])
        if not self.options:
            self.intro.setText("Tick \u201cCompare\u201d on up to four options to see them here.")
        else:
            self.intro.setText(
                "Each column is one option; each row answers a question people "
                "often ask. The options are not ranked. The details of each option "
                "give the sources. In the grid, the arrow keys move between cells and Tab "
                "leaves it; Escape goes back to all options."
            )
        self._fit_heights()

    def _fit_heights(self) -> None:
        """Rows and the header grow to show every word (headers wrap long option names)."""
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        fm = header.fontMetrics()
        needed = fm.height()
        for col in range(self.model.columnCount()):
            width = max(20, header.sectionSize(col) - 12)
            text = self.model.headerData(col, Qt.Horizontal) or ""
            rect = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextWordWrap), text)
            needed = max(needed, rect.height())
        header.setFixedHeight(needed + fm.height() // 2 + 4)
        vheader = self.table.verticalHeader()
        vfm = vheader.fontMetrics()
        vwidth = vheader.maximumWidth() - 12
        for row in range(self.model.rowCount()):
            text = self.model.headerData(row, Qt.Vertical) or ""
            rect = vfm.boundingRect(QRect(0, 0, vwidth, 10_000), int(Qt.TextWordWrap), text)
            if rect.height() + 8 > self.table.rowHeight(row):
                self.table.setRowHeight(row, rect.height() + 8)
        if self.grow:
            self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            total = header.height() + sum(
                self.table.rowHeight(r) for r in range(self.model.rowCount())
            )
            self.table.setFixedHeight(total + 2 * self.table.frameWidth() + 2)

    def cell_text(self, row: int, column: int) -> str:
        return self.model.data(self.model.index(row, column)) or ""
