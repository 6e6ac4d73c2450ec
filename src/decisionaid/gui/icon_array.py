"""Icon arrays: 100 people in a 10 x 10 grid, the affected ones grouped first.

Affected people are filled figures, the others outlined, so the picture never relies on colour;
a caption says the numbers in words and the widget describes itself to screen readers. Every
option uses the same grid, so pictures can be compared across options.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from decisionaid import presentation
from decisionaid.models import Outcome

COLUMNS = ROWS = 10
TOTAL = COLUMNS * ROWS


class IconArray(QWidget):
    """One grid of 100 figures; ``filled`` of them (from the top left, row by row) are filled."""

    def __init__(self, filled: int = 0, description: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._filled = 0
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self.setFocusPolicy(Qt.NoFocus)
        self.set_filled(filled, description)

    # --- model ---------------------------------------------------------------------------
    def set_filled(self, filled: int, description: str = "") -> None:
        self._filled = max(0, min(TOTAL, int(filled)))
        self.setAccessibleName(f"{self._filled} in {TOTAL} people")
        self.setAccessibleDescription(
            description
            or f"A picture of {TOTAL} people; "
            f"{self._filled} filled figures, {TOTAL - self._filled} outlined."
        )
        self.update()

    def filled(self) -> int:
        return self._filled

    def cell_size(self) -> float:
        side = min(self.width(), self.height())
        return side / COLUMNS

    def cell_rect(self, index: int) -> QRectF:
        """Where figure ``index`` (0..99) is drawn, in widget coordinates."""
        cell = self.cell_size()
        side = cell * COLUMNS
        x0 = (self.width() - side) / 2
        y0 = (self.height() - side) / 2
        row, col = divmod(index, COLUMNS)
        return QRectF(x0 + col * cell, y0 + row * cell, cell, cell)

    def body_centre(self, index: int) -> QPointF:
        """A point inside figure ``index``'s body: ink there means the figure is filled."""
        r = self.cell_rect(index)
        return QPointF(r.center().x(), r.top() + r.height() * 0.7)

    # --- size ---------------------------------------------------------------------------
    def _min_cell(self) -> int:
        return max(9, int(self.fontMetrics().height() * 0.75))

    def sizeHint(self) -> QSize:
        side = int(self.fontMetrics().height() * 1.25) * COLUMNS
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = self._min_cell() * COLUMNS
        return QSize(side, side)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._min_cell() * COLUMNS, min(width, self.sizeHint().height()))

    # --- painting -----------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        ink = self.palette().color(QPalette.WindowText)
        pen = QPen(ink, max(1.0, self.cell_size() / 14))
        for i in range(TOTAL):
            r = self.cell_rect(i)
            pad = r.width() * 0.14
            figure = r.adjusted(pad, pad * 0.6, -pad, -pad * 0.3)
            head_d = figure.width() * 0.46
            head = QRectF(figure.center().x() - head_d / 2, figure.top(), head_d, head_d)
            body_top = head.bottom() + figure.height() * 0.06
            body = QPainterPath()
            body.addRoundedRect(
                QRectF(figure.left(), body_top, figure.width(), figure.bottom() - body_top),
                figure.width() * 0.35,
                figure.width() * 0.35,
            )
            p.setPen(pen)
            p.setBrush(QBrush(ink) if i < self._filled else Qt.NoBrush)
            p.drawEllipse(head)
            p.drawPath(body)
        p.end()

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.PaletteChange, QEvent.FontChange):
            self.updateGeometry()
            self.update()
        super().changeEvent(event)


class OutcomePictures(QWidget):
    """The pair of pictures for one outcome: with the treatment, and with the comparison."""

    def __init__(self, outcome: Outcome, treatment_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        counts = presentation.icon_counts(outcome)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.arrays: list[IconArray] = []
        if counts is None:
            self.caption = QLabel(presentation.NO_COMPARABLE_NUMBERS)
            self.caption.setWordWrap(True)
            grid.addWidget(self.caption, 0, 0)
            self.setAccessibleName(presentation.NO_COMPARABLE_NUMBERS)
            return
        labels = (
            f"With {presentation.lower_name(treatment_name)}",
            f"With {presentation.with_article(outcome.comparison) or 'the comparison'}",
        )
        values = (outcome.treated_per_100, outcome.comparison_per_100)
        for col, (label, count, value) in enumerate(zip(labels, counts, values)):
            title = QLabel(f"{label}: {presentation.number(value)} in 100")
            title.setWordWrap(True)
            title.setAlignment(Qt.AlignHCenter | Qt.AlignBottom)
            array = IconArray(
                count,
                f"{label}: {presentation.number(value)} in 100 people "
                f"{outcome.outcome or 'were affected'} (filled figures).",
            )
            self.arrays.append(array)
            grid.addWidget(title, 0, col)
            grid.addWidget(array, 1, col, Qt.AlignHCenter | Qt.AlignTop)
            grid.setColumnStretch(col, 1)
        text = presentation.outcome_caption(outcome, treatment_name)
        note = presentation.outcome_rounding_note(outcome)
        self.caption = QLabel(f"{text} {note}".strip())
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextSelectableByMouse)
        grid.addWidget(self.caption, 2, 0, 1, 2)
        self.setAccessibleName(text)
        self.setAccessibleDescription(presentation.icon_array_description(outcome, treatment_name))
