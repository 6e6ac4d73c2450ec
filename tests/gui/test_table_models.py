"""Table models: plain rows in, text, sort values and accessible text out; no widget needed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from decisionaid import presentation as pr
from decisionaid import rules
from decisionaid.answers import Answers
from decisionaid.gui.table_models import (
    ROW_ROLE,
    SEARCH_ROLE,
    SORT_ROLE,
    CompareTableModel,
    HairLossTypesTableModel,
    OptionsTableModel,
    TreatmentsTableModel,
)


@pytest.fixture(scope="module")
def rows(synthetic_catalogue):
    result = rules.recommend(
        Answers(hair_loss_type="female_pattern", age=50, sex="female"), synthetic_catalogue
    )
    return [pr.option_row(o) for o in result.options]


def test_options_model_passes_qt_model_tester(qtmodeltester, rows):
    """The options model is a well-behaved Qt model before and after set_rows."""
    model = OptionsTableModel()
    qtmodeltester.check(model)
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows)
    assert model.columnCount() == 9


def test_set_rows_resets_the_model(qtbot, rows):
    """set_rows wraps beginResetModel/endResetModel, so views refresh."""
    model = OptionsTableModel(rows)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(rows[:3])
    assert model.rowCount() == 3


def test_display_accessible_and_row_roles(rows):
    """Each cell has display text, an accessible text naming the column, and the row dict."""
    model = OptionsTableModel(rows)
    index = model.index(0, OptionsTableModel.CERTAINTY)
    assert model.data(index) == rows[0]["certainty_words"]
    assert (
        model.data(index, Qt.AccessibleTextRole)
        == f"How sure are we?: {rows[0]['certainty_words']}"
    )
    assert model.data(index, ROW_ROLE)["id"] == rows[0]["id"]
    assert model.headerData(OptionsTableModel.COST_5, Qt.Horizontal) == "Cost over 5 years"
    assert model.data(model.index(999, 0)) is None


def test_sorting_by_cost_puts_unknown_prices_last(rows):
    """The sort role carries numbers; 'Price not known' sorts after every known price."""
    model = OptionsTableModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(OptionsTableModel.COST_5, Qt.AscendingOrder)
    texts = [proxy.data(proxy.index(r, OptionsTableModel.COST_5)) for r in range(proxy.rowCount())]
    unknown = [i for i, t in enumerate(texts) if t == "Price not known"]
    known = [i for i, t in enumerate(texts) if t != "Price not known"]
    assert unknown and known and max(known) < min(unknown)
    lows = [proxy.data(proxy.index(r, OptionsTableModel.COST_5), SORT_ROLE) for r in known]
    assert lows == sorted(lows)


def test_sorting_by_group_follows_group_order(rows):
    """Sorting the Group column gives fits, then discuss with care, then not for you."""
    model = OptionsTableModel(list(reversed(rows)))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(OptionsTableModel.GROUP)
    statuses = [proxy.data(proxy.index(r, 0), ROW_ROLE)["status"] for r in range(proxy.rowCount())]
    order = {"suitable": 0, "caution": 1, "excluded": 2}
    assert [order[s] for s in statuses] == sorted(order[s] for s in statuses)


def test_treatment_and_type_models(qtmodeltester, synthetic_catalogue):
    """The browser's models hold every treatment and kind of hair loss, with search text."""
    tmodel = TreatmentsTableModel(
        [pr.treatment_row(t, synthetic_catalogue) for t in synthetic_catalogue.treatments.values()]
    )
    qtmodeltester.check(tmodel)
    assert tmodel.rowCount() == len(synthetic_catalogue.treatments)
    assert "synthetic" in tmodel.data(tmodel.index(0, 0), SEARCH_ROLE)
    hmodel = HairLossTypesTableModel(
        [pr.hair_loss_type_row(synthetic_catalogue, h) for h in synthetic_catalogue.hair_loss_types]
    )
    qtmodeltester.check(hmodel)
    assert hmodel.rowCount() == len(synthetic_catalogue.hair_loss_types)


def test_compare_model_rows_are_questions_and_columns_options(qtmodeltester):
    """The grid model: question headers down the side, option names across the top."""
    model = CompareTableModel()
    qtmodeltester.check(model)
    model.set_rows(
        ["A", "B"], [("Does it work?", ["yes", "maybe"]), ("Is it approved?", ["no", "yes"])]
    )
    qtmodeltester.check(model)
    assert model.headerData(1, Qt.Horizontal) == "B"
    assert model.headerData(0, Qt.Vertical) == "Does it work?"
    assert model.data(model.index(1, 0)) == "no"
    assert model.data(model.index(0, 1), Qt.AccessibleTextRole) == "B, Does it work? maybe"
