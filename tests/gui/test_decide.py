"""Before you decide: the SURE questions, the score, where I am leaning and notes."""

from __future__ import annotations

import pytest

from decisionaid.answers import MAX_TEXT, SURE_KEYS, Decision
from decisionaid.gui.decide import STILL_DECIDING, DecidePage


@pytest.fixture
def page(qtbot):
    widget = DecidePage()
    qtbot.addWidget(widget)
    return widget


def test_answers_emit_a_decision_with_the_sure_answers(page, qtbot):
    """Clicking Yes/No emits a Decision with those answers; the score appears when all four are in."""
    page.set_decision(Decision(), ["Finasteride tablets", "Exosome injections"])
    got = []
    page.decision_changed.connect(got.append)
    for key in SURE_KEYS[:3]:
        page.buttons[key][True].click()
    assert got[-1].sure == {
        SURE_KEYS[0]: True,
        SURE_KEYS[1]: True,
        SURE_KEYS[2]: True,
        SURE_KEYS[3]: None,
    }
    assert page.score.text() == "Answered 3 of 4 questions"
    page.buttons[SURE_KEYS[3]][False].click()
    assert got[-1].sure_score == 3
    assert page.score.text() == "Your score: 3 of 4"
    assert "more time, information or support" in page.meaning.text()
    page.buttons[SURE_KEYS[3]][True].click()
    assert page.score.text() == "Your score: 4 of 4"
    assert isinstance(got[-1], Decision)


def test_leaning_and_notes(page, qtbot):
    """The leaning offers the options plus 'Still deciding' and accepts typed text; notes are kept."""
    page.set_decision(Decision(), ["Finasteride tablets", "Watchful waiting"])
    items = [page.leaning.itemText(i) for i in range(page.leaning.count())]
    assert items == [STILL_DECIDING, "Finasteride tablets", "Watchful waiting"]
    assert page.decision().leaning == STILL_DECIDING
    got = []
    page.decision_changed.connect(got.append)
    page.leaning.setCurrentIndex(1)
    assert got[-1].leaning == "Finasteride tablets"
    page.leaning.setEditText("Something my doctor suggested")
    assert got[-1].leaning == "Something my doctor suggested"
    page.notes.setPlainText("Ask about side effects.")
    assert got[-1].notes == "Ask about side effects."


def test_set_decision_restores_without_emitting(page, qtbot):
    """Loading a saved decision shows it and emits nothing."""
    got = []
    page.decision_changed.connect(got.append)
    saved = Decision(
        sure={SURE_KEYS[0]: False, SURE_KEYS[1]: True, SURE_KEYS[2]: None, SURE_KEYS[3]: True},
        leaning="Watchful waiting",
        notes="n",
    )
    page.set_decision(saved, ["Watchful waiting"])
    assert got == []
    assert page.decision() == saved
    assert page.buttons[SURE_KEYS[2]][None].isChecked()


def test_too_long_notes_are_cut_with_a_message(page):
    """Notes over the limit are trimmed, with a message; nothing crashes."""
    page.notes.setPlainText("x" * (MAX_TEXT + 50))
    assert len(page.notes.toPlainText()) == MAX_TEXT
    assert "up to" in page.notes_message.text()
    assert len(page.decision().notes) == MAX_TEXT


def test_questions_are_the_sure_test(page):
    """The four questions are the SURE test's, each with Yes, No and Not yet answered."""
    for key in SURE_KEYS:
        assert [b.text() for b in page.buttons[key].values()] == ["Yes", "No", "Not yet answered"]
        assert all(b.accessibleDescription() for b in page.buttons[key].values())


def test_odd_input_is_shown_safely(page):
    """Odd saved values (non-bool answers, None names, huge text) show as 'not answered' and are cut."""
    odd = Decision(sure={SURE_KEYS[0]: "maybe", SURE_KEYS[1]: 1}, leaning="y" * 1000, notes=None)
    page.set_decision(odd, None)
    assert all(page.buttons[k][None].isChecked() for k in SURE_KEYS)
    assert len(page.decision().leaning) <= 300
    assert page.decision().notes == ""
    page.set_decision(Decision(), ["", None, "A", "A", "Still deciding"])
    assert [page.leaning.itemText(i) for i in range(page.leaning.count())] == [STILL_DECIDING, "A"]


def test_export_step_writes_a_pdf_or_a_web_page_and_says_where(page, tmp_path, synthetic_catalogue):
    """'Export my summary': paper size from the locale, default sections ticked, PDF or web
    page; afterwards the page says where the file is and offers to open it."""
    from decisionaid.answers import Answers
    from decisionaid.report import DEFAULT_SECTIONS
    from decisionaid.report.paper import default_paper
    from decisionaid.rules import recommend

    answers = Answers(hair_loss_type="male_pattern", age=40, sex="male")
    page.result_provider = lambda: recommend(answers, synthetic_catalogue)
    choices = page.export_choices()
    assert choices["format"] == "pdf" and choices["paper"] == default_paper()
    assert choices["sections"] == list(DEFAULT_SECTIONS)
    assert page.export_summary(str(tmp_path / "mine"))
    assert (tmp_path / "mine.pdf").read_bytes()[:5] == b"%PDF-"
    assert str(tmp_path / "mine.pdf") in page.export_message.text()
    assert not page.open_button.isHidden()
    page.export_html.setChecked(True)
    assert not page.paper.isEnabled()
    assert page.export_summary(str(tmp_path / "mine.html"))
    assert (tmp_path / "mine.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for box in page.section_boxes.values():
        box.setChecked(False)
    assert not page.export_summary(str(tmp_path / "none.html"))
    assert "at least one section" in page.export_message.text()


def test_leaning_on_an_option_keeps_its_id(page, synthetic_catalogue):
    from decisionaid.answers import Answers
    from decisionaid.rules import recommend

    result = recommend(
        Answers(hair_loss_type="male_pattern", age=40, sex="male"), synthetic_catalogue
    )
    page.result_provider = lambda: result
    first = result.options[0]
    page.set_decision(Decision(), [o.treatment.name for o in result.options])
    page.leaning.setCurrentIndex(1)
    assert page.decision().leaning_option == first.id
    page.leaning.setCurrentIndex(0)
    assert page.decision().leaning_option is None


def test_copy_the_record_note(page, qapp, synthetic_catalogue):
    from decisionaid.answers import Answers
    from decisionaid.report.summary import record_note
    from decisionaid.rules import recommend

    result = recommend(
        Answers(hair_loss_type="male_pattern", age=40, sex="male"), synthetic_catalogue
    )
    page.result_provider = lambda: result
    note = page.copy_record_note()
    assert note == record_note(result) and qapp.clipboard().text() == note
    assert "Copied the note" in page.export_message.text()


def test_tick_up_to_three_questions_for_page_one(page, qtbot, synthetic_catalogue):
    """The questions that apply are offered as a keyboard-accessible checklist; up to three can
    be ticked (a fourth is refused with a message); the ticks are in the Decision and come back
    when a saved decision is shown."""
    from PySide6.QtCore import Qt

    from decisionaid.answers import Answers
    from decisionaid.report.summary import question_choices
    from decisionaid.rules import recommend

    result = recommend(
        Answers(hair_loss_type="male_pattern", age=40, sex="male"), synthetic_catalogue
    )
    page.result_provider = lambda: result
    page.set_decision(Decision(), [o.treatment.name for o in result.options])
    texts = [page.questions.item(i).text() for i in range(page.questions.count())]
    assert texts == question_choices(result) and len(texts) >= 4
    assert "tick up to 3" in page.questions.accessibleName()
    got = []
    page.decision_changed.connect(got.append)
    for i in range(4):
        page.questions.item(i).setCheckState(Qt.Checked)
    assert got[-1].questions == tuple(texts[:3])
    assert page.questions.item(3).checkState() == Qt.Unchecked
    assert "up to 3" in page.questions_message.text()
    page.set_decision(Decision(questions=(texts[2], "My own saved question?")), [])
    ticked = page.ticked_questions()
    assert set(ticked) == {texts[2], "My own saved question?"}
