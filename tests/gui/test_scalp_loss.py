"""Alopecia areata: the questionnaire asks how much hair is lost, in words and pictures, and
Next waits for an answer ("I'm not sure" is one). Also: the app's text entries cannot store what
could not be saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from decisionaid import session
from decisionaid.answers import Answers, parse_answers
from decisionaid.gui.questions import SCALP_LOSS_CHOICES, SCALP_LOSS_MISSING
from decisionaid.gui.wizard import Step


def _hair_loss_page(window):
    window.wizard.go_to(Step.HAIR_LOSS)
    return window.wizard.page(Step.HAIR_LOSS)


def test_the_question_appears_only_for_alopecia_areata_with_nothing_chosen(window):
    page = _hair_loss_page(window)
    assert not page.extent.isVisible()
    page.cards["male_pattern"].click()
    assert not page.extent.isVisible()
    page.cards["alopecia_areata"].click()
    assert page.extent.isVisible()
    assert page.extent.group.checkedButton() is None  # no answer is chosen for the person
    assert window.wizard.answers.scalp_loss is None


def test_next_waits_for_an_answer_and_not_sure_is_one(window, qtbot):
    wizard = window.wizard
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    wizard.next_button.click()
    assert wizard.step == Step.HAIR_LOSS
    assert wizard.problem_notice.isVisible()
    assert SCALP_LOSS_MISSING in wizard.problem_notice.body.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.extent.buttons["less_than_half"])
    page.extent.buttons[None].click()  # "I'm not sure"
    assert not wizard.problem_notice.isVisible()
    wizard.next_button.click()
    assert wizard.step == Step.ABOUT
    assert wizard.answers.scalp_loss is None  # not known: the rules treat it so


def test_each_extent_goes_into_the_answers_and_the_file(window):
    wizard = window.wizard
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    for key, *_ in SCALP_LOSS_CHOICES:
        page.extent.buttons[key].click()
        assert wizard.answers.scalp_loss == key
        assert parse_answers(wizard.answers.to_dict(), partial=True) == wizard.answers
    page.extent.buttons["total"].click()
    assert wizard.answers.to_dict()["scalp_loss"] == "total"


def test_another_kind_of_hair_loss_drops_the_extent(window):
    wizard = window.wizard
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    page.extent.buttons["half_or_more"].click()
    page.cards["alopecia_areata"].click()  # choosing it again keeps the answer
    assert wizard.answers.scalp_loss == "half_or_more"
    page.cards["telogen_effluvium"].click()
    assert wizard.answers.scalp_loss is None and not page.extent.isVisible()
    page.cards["alopecia_areata"].click()
    assert page.extent.group.checkedButton() is None  # asked again
    wizard.next_button.click()
    assert wizard.step == Step.HAIR_LOSS


def test_opened_answers_show_their_extent(window):
    wizard = window.wizard
    answers = Answers(hair_loss_type="alopecia_areata", scalp_loss="total", age=40, sex="male")
    wizard.set_answers(answers, Step.HAIR_LOSS)
    page = wizard.page(Step.HAIR_LOSS)
    assert page.extent.isVisible() and page.extent.buttons["total"].isChecked()
    wizard.next_button.click()
    assert wizard.step == Step.ABOUT


def test_a_draft_without_an_extent_asks_again(window):
    wizard = window.wizard
    wizard.set_answers(Answers(hair_loss_type="alopecia_areata"), Step.HAIR_LOSS)
    page = wizard.page(Step.HAIR_LOSS)
    assert page.extent.group.checkedButton() is None
    wizard.next_button.click()
    assert wizard.step == Step.HAIR_LOSS


def test_arrow_keys_choose_within_the_group(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    first = page.extent.buttons["less_than_half"]
    first.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    QTest.keyClick(first, Qt.Key_Space)
    assert window.wizard.answers.scalp_loss == "less_than_half"
    for key in (Qt.Key_Down, Qt.Key_Right):
        QTest.keyClick(QApplication.focusWidget(), key)
    chosen = {k for k, b in page.extent.buttons.items() if b.isChecked()}
    assert chosen and chosen != {"less_than_half"}
    assert window.wizard.answers.scalp_loss in chosen or (
        None in chosen and window.wizard.answers.scalp_loss is None
    )
    assert QApplication.focusWidget() in page.extent.buttons.values()
    assert QApplication.focusWidget().hasFocus()  # the focus is shown on the chosen control


def test_tab_reaches_the_question_then_the_warning_signs(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    qtbot.wait(10)  # the new kind's warning signs appear
    page.cards["alopecia_areata"].setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(page.cards["alopecia_areata"].hasFocus)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() in page.extent.buttons.values()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is page.sign_checks[0]  # one stop for the whole group


def test_every_choice_has_a_name_a_description_and_a_picture(window):
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    for key, words, _picture, description in SCALP_LOSS_CHOICES:
        button = page.extent.buttons[key]
        assert button.accessibleName() == words
        assert button.accessibleDescription() == description
        assert not button.icon().isNull()
    assert page.extent.accessibleName()


def test_the_choices_reflow_when_narrow_or_at_large_text(window, qtbot):
    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    qtbot.waitUntil(lambda: page.extent._columns == 2)  # 1024 wide: two columns
    window.resize(560, 700)
    qtbot.waitUntil(lambda: page.extent._columns == 1)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: page.extent._columns == 2)
    font = page.extent.font()
    font.setPointSizeF(font.pointSizeF() * 2.2)
    page.extent.setFont(font)
    qtbot.waitUntil(lambda: page.extent._columns == 1)
    assert page.extent.minimumSizeHint().width() <= page.extent.width()


def test_the_pictures_follow_the_palette(window):
    from decisionaid.gui.style import dark_palette

    page = _hair_loss_page(window)
    page.cards["alopecia_areata"].click()
    button = page.extent.buttons["less_than_half"]
    size = button.iconSize()
    light = button.icon().pixmap(size).toImage()
    page.setPalette(dark_palette())
    dark = button.icon().pixmap(size).toImage()
    assert light != dark


# --- text entries store only what can be saved ----------------------------------------------


def test_the_name_entry_drops_control_characters(window, tmp_path):
    wizard = window.wizard
    wizard.go_to(Step.ABOUT)
    page = wizard.page(Step.ABOUT)
    page.name.setText("A\x07na\x1b[31m\ud800")
    assert wizard.answers.name == "Ana"  # a terminal colour code goes whole, not just its ESC
    session.save_draft(wizard.answers, 2, tmp_path)  # would raise UnicodeEncodeError before
    assert session.load_draft(tmp_path).answers.name == "Ana"


def test_the_notes_and_leaning_keep_lines_but_drop_control_characters():
    from decisionaid.gui.decide import DecidePage

    page = DecidePage()
    try:
        page.notes.setPlainText("line one\r\nline\ttwo\x07\x0b")
        page.leaning.setEditText("Wait\x1b and \nsee")
        decision = page.decision()
        assert decision.notes == "line one\nline two"  # tabs become spaces (the PDF has none)
        assert decision.leaning == "Wait and  see"
        Answers(decision=decision).to_json().encode("utf-8")
    finally:
        page.deleteLater()


def test_opened_answers_without_an_extent_are_asked_first(window, monkeypatch, tmp_path):
    """A file (or 0.1.0 draft) with alopecia areata and no extent: the app asks before showing
    the options, then goes straight back to them; "I'm not sure" is enough."""
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "aa.json"
    path.write_text(Answers(hair_loss_type="alopecia_areata", age=30, sex="female").to_json())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    wizard = window.wizard
    window.open_answers()
    assert wizard.step == Step.HAIR_LOSS
    assert SCALP_LOSS_MISSING in wizard.problem_notice.body.text()
    assert wizard.to_results_button.isVisible()
    wizard.page(Step.HAIR_LOSS).extent.buttons[None].click()
    wizard.to_results_button.click()
    assert wizard.step == Step.RESULTS and wizard.result is not None
    assert wizard.answers.scalp_loss is None
    wizard.edit_step(Step.ABOUT)
    wizard.back_to_results()  # answered once: not asked again
    assert wizard.step == Step.RESULTS


def test_opened_answers_with_an_extent_go_straight_to_the_options(window):
    wizard = window.wizard
    answers = Answers(hair_loss_type="alopecia_areata", scalp_loss="total", age=40, sex="male")
    wizard.set_answers(answers, Step.RESULTS)
    assert wizard.step == Step.RESULTS
