"""Shared look-and-feel helpers: fonts relative to the system font, palette-aware pictures,
notices that carry meaning in words and an icon (never colour alone), and the palettes used by
the tests and screenshots.

Nothing here hard-codes a colour for text or backgrounds: everything comes from the palette, so
the app follows the system's light or dark theme and its font size.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QScrollArea, QStyle, QVBoxLayout, QWidget,
)

from decisionaid.paths import resource_path

# The hand-drawn pictures use three placeholder colours that are swapped for palette colours
# when they are drawn, so the same file reads well in light and dark themes.
INK = "#1a1a1a"      # outlines  -> the palette's text colour
PAPER = "#fefefe"    # skin, background -> the palette's base colour
HAIR = "#8a8a8a"     # hair -> between the two


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give ``widget`` a name and description for screen readers; returns it for chaining."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description or name)
    return widget


def scaled_font(base: QFont, factor: float = 1.0, bold: bool = False) -> QFont:
    """A font ``factor`` times the size of ``base`` (never a fixed pixel size)."""
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def heading(text: str, factor: float = 1.35, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setFont(scaled_font(label.font(), factor, bold=True))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def paragraph(text: str, parent: QWidget | None = None, rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.RichText if rich else Qt.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.LinksAccessibleByMouse)
    label.setOpenExternalLinks(False)
    label.setAccessibleName(text[:80] if not rich else "")
    return label


def scrolling(widget: QWidget | None = None, *, wrap: bool = False, name: str = "") -> QScrollArea:
    """Wrap long content so it still fits a 1024x700 window. ``wrap``: the content reflows to
    the width, so there is never a horizontal scroll bar."""
    area = QScrollArea()
    if widget is not None:
        area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff if wrap else Qt.ScrollBarAsNeeded)
    if name:
        area.setAccessibleName(name)
    return area


class Notice(QFrame):
    """A boxed message with an icon and a bold title: the meaning never rests on colour."""

    ICONS = {"warning": QStyle.SP_MessageBoxWarning, "info": QStyle.SP_MessageBoxInformation,
             "error": QStyle.SP_MessageBoxCritical}

    def __init__(self, kind: str, title: str, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setFrameShape(QFrame.StyledPanel)
        self.setFrameShadow(QFrame.Plain)
        self.setLineWidth(2)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.AlternateBase)
        row = QHBoxLayout(self)
        self.icon = QLabel()
        size = max(24, int(self.fontMetrics().height() * 1.8))
        self.icon.setPixmap(self.style().standardIcon(self.ICONS[kind]).pixmap(size, size))
        self.icon.setAlignment(Qt.AlignTop)
        self.icon.setAccessibleName({"warning": "Warning", "info": "Information",
                                     "error": "Problem"}[kind])
        row.addWidget(self.icon)
        texts = QVBoxLayout()
        self.title = QLabel(title)
        self.title.setFont(scaled_font(self.font(), 1.1, bold=True))
        self.title.setWordWrap(True)
        self.body = QLabel(text)
        self.body.setWordWrap(True)
        self.body.setVisible(bool(text))
        texts.addWidget(self.title)
        texts.addWidget(self.body)
        row.addLayout(texts, 1)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text or title)

    def set_text(self, title: str, text: str = "") -> None:
        self.title.setText(title)
        self.body.setText(text)
        self.body.setVisible(bool(text))
        self.setAccessibleName(title)
        self.setAccessibleDescription(text or title)


# --- pictures -----------------------------------------------------------------------------

def picture_path(name: str) -> Path:
    return resource_path("pictures", f"{name}.svg")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(round(a.red() * (1 - t) + b.red() * t), round(a.green() * (1 - t) + b.green() * t),
                  round(a.blue() * (1 - t) + b.blue() * t))


def recolour_svg(svg: str, palette: QPalette) -> str:
    ink = palette.color(QPalette.Active, QPalette.WindowText)
    paper = palette.color(QPalette.Active, QPalette.Base)
    hair = _mix(ink, paper, 0.5)
    return (svg.replace(INK, ink.name()).replace(PAPER, paper.name()).replace(HAIR, hair.name()))


@lru_cache(maxsize=64)
def _svg_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return ""


def svg_pixmap(name: str, size: QSize, palette: QPalette, ratio: float = 1.0) -> QPixmap:
    """Draw the picture ``name`` in the palette's colours; an empty pixmap if it is missing."""
    from PySide6.QtSvg import QSvgRenderer  # only the pages with pictures need it

    text = _svg_text(str(picture_path(name)))
    width, height = max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio))
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    if text:
        renderer = QSvgRenderer(QByteArray(recolour_svg(text, palette).encode("utf-8")))
        if renderer.isValid():
            painter = QPainter(image)
            painter.setRenderHint(QPainter.Antialiasing)
            box = renderer.viewBoxF()
            scale = min(width / box.width(), height / box.height()) if box.width() and box.height() else 1
            w, h = box.width() * scale, box.height() * scale
            renderer.render(painter, QRectF((width - w) / 2, (height - h) / 2, w, h))
            painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def svg_icon(name: str, size: QSize, palette: QPalette, ratio: float = 1.0) -> QIcon:
    return QIcon(svg_pixmap(name, size, palette, ratio))


# --- palettes for tests and screenshots ---------------------------------------------------

def dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.Window: "#2b2b2b", QPalette.WindowText: "#eeeeee", QPalette.Base: "#1e1e1e",
        QPalette.AlternateBase: "#333333", QPalette.ToolTipBase: "#3a3a3a",
        QPalette.ToolTipText: "#eeeeee", QPalette.Text: "#eeeeee", QPalette.Button: "#353535",
        QPalette.ButtonText: "#eeeeee", QPalette.BrightText: "#ffffff", QPalette.Link: "#8ab4f8",
        QPalette.Highlight: "#3d6fb4", QPalette.HighlightedText: "#ffffff",
        QPalette.PlaceholderText: "#9a9a9a", QPalette.Light: "#505050", QPalette.Midlight: "#424242",
        QPalette.Mid: "#2f2f2f", QPalette.Dark: "#1a1a1a", QPalette.Shadow: "#000000",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#7a7a7a"))
    return p


def light_palette() -> QPalette:
    from PySide6.QtWidgets import QApplication

    return QApplication.style().standardPalette()
