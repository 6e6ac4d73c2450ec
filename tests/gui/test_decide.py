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
