"""200% text: at 1024 x 700 with fonts twice the size, no visible text is cut off
and nothing is wider than the window, on every page and view. The app's font is doubled in
process (as QT_FONT_DPI=192 does for the whole app), and every widget is checked with its
geometry and font metrics."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)

from decisionaid.gui.wizard import Step


@pytest.fixture
def large_text(qapp):
    font = qapp.font()
    big = type(font)(font)
    big.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(big)
    yield 2
    qapp.setFont(font)


def _problems(window) -> list[str]:
    out = []
    width = window.width()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        if widget.objectName().startswith("qt_") or widget.objectName() == "focusRing":
            continue
        left = widget.mapTo(window, QPoint(0, 0)).x()
        # Inside a scroll area that cannot scroll sideways, nothing may stick out of it.
        area = widget.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        limit = width
        if area is not None and area.horizontalScrollBarPolicy() == Qt.ScrollBarAlwaysOff:
            limit = area.viewport().mapTo(window, QPoint(area.viewport().width(), 0)).x()
        if isinstance(widget, (QLabel, QAbstractButton)) and left + widget.width() > limit + 2:
            out.append(f"runs off the right edge: {type(widget).__name__} {_text(widget)!r}")
            continue
        if widget.width() > width:
            out.append(f"wider than the window: {type(widget).__name__} {_text(widget)!r}")
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            rect = widget.contentsRect()
            if widget.wordWrap():
                if widget.heightForWidth(rect.width()) > widget.height() + 3:
                    out.append(f"text cut off at the bottom: {_text(widget)!r}")
            elif widget.textFormat() != Qt.RichText:
                longest = max(
                    widget.fontMetrics().horizontalAdvance(line)
                    for line in widget.text().replace("&", "").split("\n")
                )
                if longest > rect.width() + 3:
                    out.append(f"text cut off at the side: {_text(widget)!r}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.hasHeightForWidth():
                if widget.heightForWidth(widget.width()) > widget.height() + 3:
                    out.append(f"button text cut off: {_text(widget)!r}")
            elif widget.sizeHint().width() > widget.width() + 3:
                out.append(f"button text cut off: {_text(widget)!r}")
    return out


def _text(widget) -> str:
    return (widget.text() if hasattr(widget, "text") else widget.accessibleName())[:60]


def test_every_page_fits_at_200_percent_text(large_text, make_window, real_catalogue, qtbot):
    from decisionaid.answers import Answers, Budget

    window = make_window(real_catalogue)
    window.resize(1024, 700)
    ids = list(real_catalogue.treatments)
    answers = Answers(
        hair_loss_type="female_pattern",
        age=34,
        sex="female",
        budget=Budget(2000, 300),
        risk_tolerance="high",
        compare=tuple(ids[:4]),
    )
    wizard = window.wizard
    wizard.set_answers(answers, Step.WELCOME, chosen=True)
    found = {}

    def check(name):
        for _ in range(3):
            QApplication.processEvents()
        qtbot.wait(5)
        problems = _problems(window)
        if problems:
            found[name] = problems[:8]

    for step in Step:
        wizard.go_to(step)
        if step == Step.HEALTH:
            wizard.page(step).why_button.setChecked(True)
        check(step.name)
        if step == Step.RESULTS:
            page = wizard.results_page
            page.as_table.setChecked(True)
            check("table")
            page.as_cards.setChecked(True)
            page.open_detail("exosomes" if "exosomes" in ids else ids[0])
            check("detail")
            page.show_compare()
            check("compare")
            page.show_overview()
    assert not found, "\n".join(f"{k}: {p}" for k, v in found.items() for p in v)
    # The comparison grid shows its rows whole (the page scrolls, not a one-row box).
    table = wizard.results_page.compare_view.table
    assert table.height() >= table.horizontalHeader().height() + sum(
        table.rowHeight(r) for r in range(table.model().rowCount())
    )
    assert isinstance(table, QAbstractScrollArea)
