"""gui/steps.py: the GUI maps the answer behind each reason (``Reason.question``) to its own page;
the core knows no page numbers. Checked on real rule output, never on made-up reasons."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QPushButton

from decisionaid import rules
from decisionaid.answers import Answers
from decisionaid.gui import questions
from decisionaid.gui.detail import DetailView
from decisionaid.gui.steps import EDIT_STEPS, QUESTION_STEP, STEP_TITLES, Step, reason_step
from decisionaid.rulebook import RULES
from test_reason_structure import varied_answers  # tests/ is on the path (its conftest)


@pytest.fixture(scope="module")
def real_reasons(catalogue):
    out = []
    for answers in varied_answers():
        for option in rules.recommend(answers, catalogue).options:
            out.extend(option.reasons)
    return out


def test_every_real_reason_with_an_answer_has_a_page(real_reasons):
    """Every reason the rules give on varied answers names an answer the GUI asks on a question
    page, and every page a reason links to has a "Change" label."""
    labels = dict(EDIT_STEPS)
    assert {r.rule for r in real_reasons} == set(RULES)
    for r in real_reasons:
        step = reason_step(r)
        if r.question:
            assert step is not None and step in labels, r
            assert Step.HAIR_LOSS <= step <= Step.PRIORITIES
        else:
            assert step is None, r


def test_the_page_matches_where_the_answer_is_asked(real_reasons):
    """Age and sex reasons go to About you, conditions to Health, budget to Budget, risk and
    preferences to Risk, the kind of hair loss (and how much) to Hair loss."""
    expected = {
        "age": Step.ABOUT,
        "sex": Step.ABOUT,
        "conditions": Step.HEALTH,
        "conditions_unknown": Step.HEALTH,
        "budget": Step.BUDGET,
        "risk_tolerance": Step.RISK,
        "preferences": Step.RISK,
        "hair_loss_type": Step.HAIR_LOSS,
        "scalp_loss": Step.HAIR_LOSS,
        "warning_signs": Step.HAIR_LOSS,
    }
    seen = {r.question for r in real_reasons if r.question}
    assert seen == set(expected)
    for question in seen:
        assert QUESTION_STEP[question] == expected[question]
        # the page that asks it is the page of that step
        assert questions.PAGE_CLASSES[expected[question]].step == expected[question]


def test_every_mapped_question_is_an_answer_field():
    fields = {f.name for f in dataclasses.fields(Answers)}
    assert set(QUESTION_STEP) <= fields
    assert {rule.question for rule in RULES.values()} - {""} <= set(QUESTION_STEP)
    assert all(step in STEP_TITLES for step, _ in EDIT_STEPS)


@pytest.mark.parametrize(
    ("answers", "rule", "label", "step"),
    [
        (Answers(hair_loss_type="male_pattern", age=16, sex="male"), None, "About you", 2),
        (
            Answers(
                hair_loss_type="female_pattern", age=30, sex="female", conditions=("pregnant",)
            ),
            None,
            "Health",
            3,
        ),
        (
            Answers(hair_loss_type="male_pattern", age=40, sex="male", risk_tolerance="low"),
            "risk.regulatory",
            "Risk and preferences",
            5,
        ),
    ],
    ids=["age", "condition", "risk"],
)
def test_detail_view_change_button_goes_to_the_page_of_the_answer(
    qtbot, catalogue, answers, rule, label, step
):
    """In the detail view, the "Change" button of a real reason opens the page of its answer."""
    result = rules.recommend(answers, catalogue)
    wanted = {"About you": "age", "Health": "conditions", "Risk and preferences": "risk_tolerance"}
    option = next(
        o
        for o in result.by_status("excluded")
        if any(r.question == wanted[label] and (rule is None or r.rule == rule) for r in o.reasons)
    )
    view = DetailView()
    qtbot.addWidget(view)
    view.show_option(option, catalogue, answers.hair_loss_type)
    buttons = [
        b for b in view.scroll.widget().findChildren(QPushButton) if b.text() == f"Change: {label}"
    ]
    assert buttons
    with qtbot.waitSignal(view.edit_answers) as blocker:
        buttons[0].click()
    assert blocker.args == [step]


def test_research_only_has_no_change_button(qtbot, catalogue):
    """No answer makes a research-only option available: no "Change" button is offered for it."""
    answers = Answers(hair_loss_type="male_pattern", age=40, sex="male", risk_tolerance="high")
    result = rules.recommend(answers, catalogue)
    option = next(
        o for o in result.options if any(r.rule == "risk.research_only" for r in o.reasons)
    )
    view = DetailView()
    qtbot.addWidget(view)
    view.show_option(option, catalogue, answers.hair_loss_type)
    labels = [b.text() for b in view.scroll.widget().findChildren(QPushButton)]
    assert "Change: Risk and preferences" not in labels
