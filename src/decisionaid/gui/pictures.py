"""The hand-drawn pictures (``resources/pictures/*.svg``), drawn in the palette's colours.

The SVG files use three placeholder colours that are swapped for palette colours when they are
drawn, so the same file reads well in light and dark themes.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap

from decisionaid.paths import resource_path

INK = "#1a1a1a"  # outlines  -> the palette's text colour
PAPER = "#fefefe"  # skin, background -> the palette's base colour
HAIR = "#8a8a8a"  # hair -> between the two


def picture_path(name: str) -> Path:
    return resource_path("pictures", f"{name}.svg")


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(
        round(a.red() * (1 - t) + b.red() * t),
        round(a.green() * (1 - t) + b.green() * t),
        round(a.blue() * (1 - t) + b.blue() * t),
    )


def recolour_svg(svg: str, palette: QPalette) -> str:
    ink = palette.color(QPalette.Active, QPalette.WindowText)
    paper = palette.color(QPalette.Active, QPalette.Base)
    hair = _mix(ink, paper, 0.5)
    return svg.replace(INK, ink.name()).replace(PAPER, paper.name()).replace(HAIR, hair.name())


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
            scale = (
                min(width / box.width(), height / box.height())
                if box.width() and box.height()
                else 1
            )
            w, h = box.width() * scale, box.height() * scale
            renderer.render(painter, QRectF((width - w) / 2, (height - h) / 2, w, h))
            painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def svg_icon(name: str, size: QSize, palette: QPalette, ratio: float = 1.0) -> QIcon:
    return QIcon(svg_pixmap(name, size, palette, ratio))
