"""The results page: three groups always shown, doing nothing visible, compare, signals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox

from decisionaid import rules
from decisionaid.answers import Answers, Budget
from decisionaid.gui.results import ResultsPage
from decisionaid.paths import BUNDLED_CATALOGUE

ANSWER_SETS = [
    Answers(hair_loss_type="male_pattern", age=35, sex="male"),
    Answers(
        hair_loss_type="female_pattern",
        age=52,
        sex="female",
        risk_tolerance="low",
        budget=Budget(upfront_usd=100, yearly_usd=50),
    ),
    Answers(
        hair_loss_type="unsure",
        age=16,
        sex="other",
        risk_tolerance="high",
        warning_signs=("Sudden patches",),
        conditions_unknown=True,
        preferences={"avoid_surgery": True, "avoid_injections": True, "daily_routine_ok": False},
    ),
]


@pytest.fixture
def page(qtbot):
    widget = ResultsPage()
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    return widget


@pytest.mark.parametrize("answers", ANSWER_SETS)
def test_every_group_and_every_option_is_shown(page, synthetic_catalogue, answers):
    """All three groups are visible, each option appears once, and waiting is always shown."""
    result = rules.recommend(answers, synthetic_catalogue)
    page.set_result(result)
    page.show()
    for status, group in page.groups.items():
        assert group.isVisible() and group.body.isVisible()
        assert [c.option.id for c in group.cards] == [o.id for o in result.by_status(status)]
        assert group.toggle.text().startswith(rules.STATUS_WORDS[status])
    assert sorted(c.option.id for c in page.cards()) == sorted(o.id for o in result.options)
    assert page.waiting.isVisible()
    assert "Synthetic waiting" in page.waiting_where.text()
    assert page.waiting_text.text()
    assert "not ranked" in page.not_ranked.text()


def test_card_shows_words_costs_and_reasons(page, synthetic_catalogue):
    """Each card says certainty and approval in words, 1/3/5-year costs or 'not known', and why."""
    result = rules.recommend(ANSWER_SETS[0], synthetic_catalogue)
    page.set_result(result)
    for card in page.cards():
        option = card.option
        assert option.certainty_words in card.certainty.label.text()
        assert option.regulatory_words in card.regulatory.label.text()
        assert card.certainty.icon_pixmap() is not None
        if option.costs.known:
            assert all(y in card.costs.text() for y in ("1 year", "3 years", "5 years"))
        else:
            assert "Price not known" in card.costs.text()
        assert card.why.text().startswith("Why it is here:")
        assert next(r.text for r in option.reasons) in card.why.text()


def test_notices_shown_at_top_only_when_present(page, synthetic_catalogue):
    """Warning signs give a 'see a doctor soon' notice; none when there is nothing to say."""
    page.show()
    page.set_result(rules.recommend(ANSWER_SETS[2], synthetic_catalogue))
    assert page.notices.isVisible()
    assert "doctor" in page.notices.title.text().lower()
    page.set_result(rules.recommend(ANSWER_SETS[0], synthetic_catalogue))
    assert not page.notices.isVisible()


def test_changing_the_result_updates_the_page(page, synthetic_catalogue):
    """A new result replaces the cards and keeps only ticked comparisons that still exist."""
    first = rules.recommend(ANSWER_SETS[0], synthetic_catalogue)
    page.set_result(first)
    ids = [o.id for o in first.options[:2]]
    page.set_compare_ids(ids)
    second = rules.recommend(ANSWER_SETS[1], synthetic_catalogue)
    page.set_result(second)
    assert [c.option.id for c in page.groups["suitable"].cards] == [
        o.id for o in second.by_status("suitable")
    ]
    assert page.compare_ids() == ids
    assert all(page.card(i).compare.isChecked() for i in ids)
    page.set_result(None)
    assert page.cards() == []


def test_compare_up_to_four_and_refuse_a_fifth(page, qtbot, synthetic_catalogue):
    """Ticking a fifth option is refused with a message; the grid shows the four chosen."""
    result = rules.recommend(ANSWER_SETS[0], synthetic_catalogue)
    page.set_result(result)
    cards = page.cards()
    emitted = []
    page.compare_changed.connect(emitted.append)
    for card in cards[:4]:
        card.compare.setChecked(True)
    assert page.compare_ids() == [c.option.id for c in cards[:4]]
    assert emitted[-1] == page.compare_ids()
    cards[4].compare.setChecked(True)
    assert not cards[4].compare.isChecked()
    assert len(page.compare_ids()) == 4
    assert "up to 4" in page.compare_message.text()
    page.show_compare()
    assert page.stack.currentIndex() == page.COMPARE
    model = page.compare_view.model
    assert model.columnCount() == 4
    assert [n.split("\n")[0] for n in model.names()] == [c.option.treatment.name for c in cards[:4]]
    cards[0].compare.setChecked(False)
    assert emitted[-1] == [c.option.id for c in cards[1:4]]
    assert page.compare_message.text() == ""


def test_set_compare_ids_drops_unknown_and_extra(page, synthetic_catalogue):
    """set_compare_ids ignores unknown ids and keeps at most four, without emitting."""
    result = rules.recommend(ANSWER_SETS[0], synthetic_catalogue)
    page.set_result(result)
    emitted = []
    page.compare_changed.connect(emitted.append)
    ids = [o.id for o in result.options[:6]]
    page.set_compare_ids(["nope", ids[0], ids[0], 3, *ids[1:]])
    assert page.compare_ids() == ids[:4]
    assert emitted == []


def test_signals_for_editing_and_export(page, qtbot, synthetic_catalogue):
    """'Change my answers' buttons emit their step; Export PDF emits export_pdf."""
    page.set_result(rules.recommend(ANSWER_SETS[0], synthetic_catalogue))
    for step, button in page.change_buttons.items():
        with qtbot.waitSignal(page.edit_answers) as blocker:
            qtbot.mouseClick(button, Qt.LeftButton)
        assert blocker.args == [step]
    assert sorted(page.change_buttons) == [1, 2, 3, 4, 5, 6]
    with qtbot.waitSignal(page.export_pdf):
        qtbot.mouseClick(page.export_button, Qt.LeftButton)


def test_details_open_and_come_back(page, qtbot, synthetic_catalogue):
    """'More about this option' opens the detail view; Back and Escape return to the list."""
    result = rules.recommend(ANSWER_SETS[1], synthetic_catalogue)
    page.set_result(result)
    page.show()
    card = page.groups["excluded"].cards[0]
    qtbot.mouseClick(card.details, Qt.LeftButton)
    assert page.stack.currentIndex() == page.DETAIL
    assert page.detail.treatment.id == card.option.id
    assert any(t.startswith("Why it is in") for t in page.detail.section_titles())
    qtbot.keyClick(page.detail_back, Qt.Key_Escape)
    assert page.stack.currentIndex() == page.OVERVIEW
    page.waiting_button.click()
    assert page.detail.treatment.category == "no_treatment"


def test_every_control_has_an_accessible_name(page, synthetic_catalogue):
    """Buttons and checkboxes all carry accessible names that say what they act on."""
    page.set_result(rules.recommend(ANSWER_SETS[0], synthetic_catalogue))
    for widget in page.findChildren(QAbstractButton):
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own internal buttons
        assert widget.accessibleName() or widget.text(), widget
    names = [
        c.accessibleName()
        for c in page.findChildren(QCheckBox)
        if c.accessibleName().startswith("Compare ")
    ]
    assert len(set(names)) == len(names)


def test_keyboard_tab_reaches_every_group(page, qtbot, synthetic_catalogue):
    """Tabbing from the top reaches options in every non-empty group, in order."""
    result = rules.recommend(ANSWER_SETS[1], synthetic_catalogue)
    page.set_result(result)
    page.show()
    qtbot.waitExposed(page)
    page.change_buttons[1].setFocus()
    seen = []
    for _ in range(400):
        page.focusNextChild()
        w = page.focusWidget()
        for status, group in page.groups.items():
            if w is not None and group.isAncestorOf(w) and status not in seen:
                seen.append(status)
    expected = [s for s in ("suitable", "caution", "excluded")]
    assert seen == expected


@pytest.mark.skipif(not BUNDLED_CATALOGUE.exists(), reason="the real catalogue is not built yet")
def test_real_catalogue_results(page, catalogue):
    """With the real catalogue, every option shows. (Each detail view: the slow twin below;
    the claims panel of the real regenerative options: test_detail.py.)"""
    for answers in ANSWER_SETS:
        result = rules.recommend(answers, catalogue)
        page.set_result(result)
        assert len(page.cards()) == len(catalogue.treatments)


@pytest.mark.slow  # about 0.15 s per detail view, for every treatment
@pytest.mark.skipif(not BUNDLED_CATALOGUE.exists(), reason="the real catalogue is not built yet")
def test_real_catalogue_results_and_every_detail_view(page, catalogue):
    """With the real catalogue, every option shows and each detail view builds; every
    regenerative option with claims shows the claims panel early."""
    for answers in ANSWER_SETS:
        result = rules.recommend(answers, catalogue)
        page.set_result(result)
        assert len(page.cards()) == len(catalogue.treatments)
    for option in result.options:
        page.open_detail(option.id)
        assert page.detail.treatment.id == option.id
        if option.treatment.category == "regenerative" and option.treatment.claims:
            titles = page.detail.section_titles()
            assert titles[1] == "What sellers claim, and what the evidence says", option.id


def test_switching_to_dark_redraws_icons(page, qapp, synthetic_catalogue):
    """Changing the palette at run time redraws the group and option icons from the new palette."""
    from decisionaid.gui.style import dark_palette

    page.set_result(rules.recommend(ANSWER_SETS[0], synthetic_catalogue))
    page.show()
    group = page.groups["suitable"]
    card = page.cards()[0]
    before = (group.icon.pixmap().toImage(), card.certainty.icon_pixmap().toImage())
    old = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        qapp.processEvents()
        after = (group.icon.pixmap().toImage(), card.certainty.icon_pixmap().toImage())
    finally:
        qapp.setPalette(old)
    assert before[0] != after[0] and before[1] != after[1]


def test_table_view_lists_every_option_and_opens_details(page, qtbot, synthetic_catalogue):
    """'Show as table' lists all options with their group; Enter on a row opens its details."""
    result = rules.recommend(ANSWER_SETS[2], synthetic_catalogue)
    page.set_result(result)
    page.show()
    page.as_table.click()
    assert page.views.currentIndex() == 1
    assert page.table_model.rowCount() == len(result.options)
    assert page.table_notice.isVisible()
    groups = {page.table_model.row(r)["status"] for r in range(page.table_model.rowCount())}
    assert groups == {o.status for o in result.options}
    index = page.table_proxy.index(2, 0)
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key_Return)
    assert page.stack.currentIndex() == page.DETAIL
    assert page.detail.treatment.id == page.table_proxy.data(index, Qt.UserRole + 4)
    page.show_overview()
    assert page.views.currentIndex() == 1
    page.as_cards.click()
    assert page.views.currentIndex() == 0
