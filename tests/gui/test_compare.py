"""The comparison grid: questions down the side, up to four options across."""

from __future__ import annotations

from decisionaid import presentation as pr
from decisionaid import rules
from decisionaid.answers import Answers
from decisionaid.gui.compare import CompareView


def test_grid_shows_the_chosen_options_as_columns(qtbot, synthetic_catalogue):
    """Columns are the options in the order chosen; rows are the seven questions; cells match the PDF texts."""
    result = rules.recommend(
        Answers(hair_loss_type="male_pattern", age=30, sex="male"), synthetic_catalogue
    )
    view = CompareView()
    qtbot.addWidget(view)
    options = list(result.options[:3])
    view.set_options(options)
    assert view.model.columnCount() == 3
    assert view.model.questions() == list(pr.COMPARE_QUESTIONS)
    expected = pr.comparison_rows(options)
    for r, (_, cells) in enumerate(expected):
        for c, cell in enumerate(cells):
            assert view.cell_text(r, c) == cell


def test_grid_never_shows_more_than_four(qtbot, synthetic_catalogue):
    """Given more than four options, only the first four are shown; none gives a hint."""
    result = rules.recommend(Answers(hair_loss_type="male_pattern"), synthetic_catalogue)
    view = CompareView()
    qtbot.addWidget(view)
    view.set_options(list(result.options[:6]))
    assert view.model.columnCount() == 4
    view.set_options([])
    assert view.model.columnCount() == 0
    assert "Compare" in view.intro.text()


def test_tab_leaves_the_grid(qtbot, synthetic_catalogue):
    """No keyboard trap: the grid is one Tab stop; arrows move inside, Tab and Shift+Tab leave."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

    result = rules.recommend(Answers(hair_loss_type="male_pattern"), synthetic_catalogue)
    holder = QWidget()
    qtbot.addWidget(holder)
    box = QVBoxLayout(holder)
    before, view, after = QPushButton("before"), CompareView(), QPushButton("after")
    for w in (before, view, after):
        box.addWidget(w)
    view.set_options(list(result.options[:4]))
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(holder.isActiveWindow)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    qtbot.keyClick(view.table, Qt.Key_Right)
    assert view.table.currentIndex().column() == 1
    qtbot.keyClick(view.table, Qt.Key_Tab)
    assert QApplication.focusWidget() is after
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key_Backtab)
    assert QApplication.focusWidget() is before
