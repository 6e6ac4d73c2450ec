"""The 100-person icon array paints filled and outlined figures, and describes itself."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from decisionaid.gui.icon_array import TOTAL, IconArray, OutcomePictures
from decisionaid.models import Outcome


def _filled_in_picture(widget: IconArray) -> int:
    image = widget.grab().toImage()
    ink = widget.palette().color(QPalette.WindowText)
    ratio = image.devicePixelRatio()
    filled = 0
    for i in range(TOTAL):
        point = widget.body_centre(i)
        colour = QColor(image.pixel(int(point.x() * ratio), int(point.y() * ratio)))
        if abs(colour.lightness() - ink.lightness()) < 40:
            filled += 1
    return filled


def test_icon_array_paints_the_filled_count(qtbot):
    """Grabbing the widget shows exactly N filled figures, grouped first."""
    widget = IconArray(48)
    qtbot.addWidget(widget)
    widget.resize(220, 220)
    assert _filled_in_picture(widget) == 48
    widget.set_filled(6)
    assert _filled_in_picture(widget) == 6
    assert widget.accessibleName() == "6 in 100 people"


def test_icon_array_clamps_bad_numbers(qtbot):
    """Out-of-range counts are clamped, never a crash."""
    widget = IconArray(250)
    qtbot.addWidget(widget)
    assert widget.filled() == 100
    widget.set_filled(-3)
    assert widget.filled() == 0


def test_icon_array_keeps_square_grid_and_scales_with_font(qtbot):
    """The grid is square and its minimum size follows the font."""
    widget = IconArray(10)
    qtbot.addWidget(widget)
    small = widget.minimumSizeHint().width()
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    widget.setFont(font)
    assert widget.minimumSizeHint().width() > small
    assert widget.hasHeightForWidth()


def test_outcome_pictures_caption_and_description(qtbot):
    """Two grids with a caption in words; no numbers gives the plain sentence and no grid."""
    outcome = Outcome(
        text="t",
        refs=(),
        outcome="had more hair",
        treated_per_100=48,
        comparison_per_100=6,
        comparison="dummy pill",
    )
    pics = OutcomePictures(outcome, "Finasteride")
    qtbot.addWidget(pics)
    assert [a.filled() for a in pics.arrays] == [48, 6]
    assert pics.caption.text().startswith(
        "48 in 100 had more hair with finasteride; 6 in 100 with a dummy pill"
    )
    assert "Filled figures" in pics.accessibleDescription()
    none = OutcomePictures(Outcome(text="t", refs=()), "X")
    qtbot.addWidget(none)
    assert none.arrays == []
    assert none.caption.text() == "No study gives comparable numbers for this."
