"""Small status icons drawn in code in the palette's text colour.

Every icon has its own shape (a tick in a circle, a triangle with "!", a crossed circle, a meter
of four bars...) and is always shown next to its words, so the meaning never rests on colour.
Drawn at run time from the palette, they follow light and dark themes and the font size.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from decisionaid.models import CERTAINTY_WORDS, REGULATORY_WORDS
from decisionaid.rules import STATUS_WORDS

CERTAINTY_BARS = {"high": 4, "moderate": 3, "low": 2, "very_low": 1, "none": 0}


def _palette(palette: QPalette | None) -> QPalette:
    return palette if palette is not None else QApplication.palette()


def _canvas(size: int, ratio: float) -> QPixmap:
    pix = QPixmap(max(1, round(size * ratio)), max(1, round(size * ratio)))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.transparent)
    return pix


def _pen(colour: QColor, size: int) -> QPen:
    pen = QPen(colour, max(1.2, size / 12))
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    return pen


def _draw(kind: str, value: str, size: int, palette: QPalette | None, ratio: float) -> QPixmap:
    pal = _palette(palette)
    ink = pal.color(QPalette.Active, QPalette.WindowText)
    paper = pal.color(QPalette.Active, QPalette.Window)
    pix = _canvas(size, ratio)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    s = float(size)
    m = s * 0.1
    box = QRectF(m, m, s - 2 * m, s - 2 * m)
    p.setPen(_pen(ink, size))
    p.setBrush(Qt.NoBrush)

    def tick():
        path = QPainterPath(QPointF(s * 0.3, s * 0.52))
        path.lineTo(s * 0.45, s * 0.67)
        path.lineTo(s * 0.72, s * 0.35)
        p.drawPath(path)

    def cross():
        p.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66))
        p.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66))

    def triangle_bang():
        path = QPainterPath(QPointF(s / 2, m))
        path.lineTo(s - m, s - m)
        path.lineTo(m, s - m)
        path.closeSubpath()
        p.drawPath(path)
        p.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62))
        p.drawPoint(QPointF(s / 2, s * 0.76))

    def filled_bang():
        p.setBrush(QBrush(ink))
        p.drawEllipse(box)
        p.setPen(_pen(paper, size))
        p.drawLine(QPointF(s / 2, s * 0.27), QPointF(s / 2, s * 0.56))
        p.drawPoint(QPointF(s / 2, s * 0.72))

    if kind == "status":
        if value == "suitable":
            p.drawEllipse(box)
            tick()
        elif value == "caution":
            triangle_bang()
        else:  # excluded
            p.drawEllipse(box)
            cross()
    elif kind == "certainty":
        filled = CERTAINTY_BARS.get(value, 0)
        gap = s * 0.06
        width = (s - 2 * m - 3 * gap) / 4
        for i in range(4):
            height = (s - 2 * m) * (i + 1) / 4
            rect = QRectF(m + i * (width + gap), s - m - height, width, height)
            p.setBrush(QBrush(ink) if i < filled else Qt.NoBrush)
            p.drawRect(rect)
    elif kind == "regulatory":
        if value == "approved":
            p.setBrush(QBrush(ink))
            p.drawEllipse(box)
            p.setPen(_pen(paper, size))
            tick()
        elif value == "cleared_device":
            p.drawRoundedRect(box, s * 0.1, s * 0.1)
            tick()
        elif value == "off_label":
            p.drawEllipse(box)
            p.setBrush(QBrush(ink))
            p.drawPie(box, 90 * 16, 180 * 16)
        elif value == "unapproved":
            triangle_bang()
        elif value == "research_only":
            path = QPainterPath(QPointF(s * 0.4, m))
            path.lineTo(s * 0.4, s * 0.42)
            path.lineTo(m, s - m)
            path.lineTo(s - m, s - m)
            path.lineTo(s * 0.6, s * 0.42)
            path.lineTo(s * 0.6, m)
            p.drawPath(path)
            p.drawLine(QPointF(s * 0.3, s * 0.7), QPointF(s * 0.7, s * 0.7))
        else:  # not a medicine
            p.drawEllipse(box)
            p.drawLine(QPointF(s * 0.3, s / 2), QPointF(s * 0.7, s / 2))
    elif kind == "notice":
        filled_bang()
    elif kind == "serious":
        triangle_bang()
    elif kind == "claim":
        # A speech bubble: "what the seller says".
        path = QPainterPath()
        path.addRoundedRect(QRectF(m, m, s - 2 * m, s * 0.6), s * 0.15, s * 0.15)
        p.drawPath(path)
        p.drawLine(QPointF(s * 0.3, m + s * 0.6), QPointF(s * 0.25, s - m))
        p.drawLine(QPointF(s * 0.25, s - m), QPointF(s * 0.5, m + s * 0.6))
    p.end()
    return pix


def pixmap(
    kind: str,
    value: str = "",
    size: int = 16,
    palette: QPalette | None = None,
    ratio: float | None = None,
) -> QPixmap:
    """``kind`` is status, certainty, regulatory, notice, serious or claim."""
    if ratio is None:
        app = QApplication.instance()
        ratio = app.devicePixelRatio() if app is not None else 1.0
    pal = _palette(palette)
    ink = pal.color(QPalette.Active, QPalette.WindowText).rgba()
    paper = pal.color(QPalette.Active, QPalette.Window).rgba()
    key = (kind, value, size, ink, paper, ratio)  # all that _draw reads
    if key not in _drawn:
        if len(_drawn) > 500:
            _drawn.clear()
        _drawn[key] = _draw(kind, value, size, palette, ratio)
    return _drawn[key]  # QPixmap is copied on write: a caller cannot change the cached one


_drawn: dict[tuple, QPixmap] = {}


def icon(kind: str, value: str = "", size: int = 16, palette: QPalette | None = None) -> QIcon:
    return QIcon(pixmap(kind, value, size, palette))


def words_for(kind: str, value: str) -> str:
    if kind == "status":
        return STATUS_WORDS.get(value, value)
    if kind == "certainty":
        return CERTAINTY_WORDS.get(value, "Not used for this kind of hair loss")
    if kind == "regulatory":
        return REGULATORY_WORDS.get(value, value)
    return value


class IconText(QWidget):
    """An icon followed by its words, e.g. four bars + "Moderate certainty".

    The icon is painted by this widget beside its label, not shown by a picture widget of its
    own: it only repeats the words, so a screen reader meets the words once, in the label (the
    icon is decorative, as WCAG 1.1.1 allows for an image next to the same text)."""

    def __init__(
        self,
        kind: str,
        value: str,
        text: str | None = None,
        prefix: str = "",
        parent: QWidget | None = None,
        wrap: bool = True,
    ):
        super().__init__(parent)
        self.kind, self.value = kind, value
        self.words = text if text is not None else words_for(kind, value)
        self._pixmap = QPixmap()
        self.row = QHBoxLayout(self)
        self.label = QLabel(f"{prefix}{self.words}")
        self.label.setWordWrap(wrap)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setAccessibleName(f"{prefix}{self.words}")
        self.row.addWidget(self.label, 1)
        self.setAccessibleName(f"{prefix}{self.words}")
        self._paint_icon()

    def sizeHint(self):
        """Wide enough for the words on one line (a wrapping label alone asks for less)."""
        hint = super().sizeHint()
        margins = self.row.contentsMargins()
        words = self.label.fontMetrics().horizontalAdvance(self.label.text()) + 4
        hint.setWidth(max(hint.width(), margins.left() + margins.right() + words))
        return hint

    def icon_size(self) -> int:
        return self.fontMetrics().height()

    def icon_pixmap(self) -> QPixmap:
        return self._pixmap

    def _paint_icon(self) -> None:
        size = self.icon_size()
        self._pixmap = pixmap(self.kind, self.value, size, self.palette())
        self.row.setContentsMargins(size + max(4, size // 3), 0, 0, 0)
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        top = self.label.y() + max(0, (self.label.fontMetrics().height() - self.icon_size()) // 2)
        painter.drawPixmap(0, top, self._pixmap)
        painter.end()

    def changeEvent(self, event) -> None:
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.PaletteChange, QEvent.FontChange, QEvent.StyleChange):
            self._paint_icon()
        super().changeEvent(event)
