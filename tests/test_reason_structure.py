"""Reasons carry structure: the rule, its source, the catalogue references and the answer behind
them, so that links to "change this answer" come from data and never from reading the words."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from decisionaid import rules
from decisionaid.answers import Answers, Budget
from decisionaid.rulebook import RULES

ANSWER_FIELDS = {f.name for f in dataclasses.fields(Answers)}


def varied_answers() -> list[Answers]:
    """Answers that reach every rule of the rulebook on the real catalogue."""
    out = []
    people = (
        dict(age=40, sex="male"),
        dict(age=16, sex="female", conditions=("pregnant",)),
        dict(age=10, sex="other"),
        dict(age=55, sex="female", conditions=("organ_transplant", "anticoagulants")),
        dict(age=30, sex="male", conditions_unknown=True),
    )
    types = (
        dict(hair_loss_type="male_pattern"),
        dict(hair_loss_type="alopecia_areata", scalp_loss="less_than_half"),
        dict(hair_loss_type="alopecia_areata", scalp_loss=None),
        dict(hair_loss_type="scarring"),
        dict(hair_loss_type="unsure", warning_signs=("Sudden patches",)),
    )
    money = (
        dict(budget=Budget()),
        dict(budget=Budget(upfront_usd=600, yearly_usd=350), risk_tolerance="low"),
        dict(budget=Budget(upfront_usd=2500, yearly_usd=30), risk_tolerance="high"),
    )
    prefs = (
        {},
        dict(
            preferences={
                "avoid_surgery": True,
                "avoid_injections": True,
                "daily_routine_ok": False,
            }
        ),
    )
    for person, kind, cost, pref in itertools.product(people, types, money, prefs):
        out.append(Answers(**person, **kind, **cost, **pref))
    return out


@pytest.fixture(scope="module")
def reasons(catalogue):
    found = []
    for answers in varied_answers():
        result = rules.recommend(answers, catalogue)
        for option in result.options:
            found.extend((answers, option, r) for r in option.reasons)
    return found


def test_every_rule_is_reached_by_the_varied_answers(reasons):
    """The answers below are varied enough: every rule of the rulebook gives some reason."""
    assert {r.rule for _, _, r in reasons} == set(RULES)


def test_every_reason_names_its_rule_source_and_answer(reasons):
    """Each reason's kind, effect, source and (default) answer are the rulebook's; the answer
    is a field of Answers, or '' only for a rule no answer can change."""
    for _, _, r in reasons:
        rule = RULES[r.rule]
        assert (r.kind, r.effect, r.source) == (rule.kind, rule.effect, rule.source), r
        assert r.source
        if r.question:
            assert r.question in ANSWER_FIELDS, r
        else:
            assert rule.question == "" and r.rule == "risk.research_only", r
        if not r.rule.startswith("contraindication."):
            assert r.question == rule.question, r


def test_contraindications_name_the_answer_that_triggered_them(catalogue, reasons):
    """Age and sex contraindications point at "age" and "sex"; stated conditions and the ones
    they imply point at "conditions"; "I don't know" at "conditions_unknown"."""
    seen = set()
    for answers, _, r in reasons:
        if r.kind != "contraindication":
            continue
        seen.add(r.question)
        if r.rule == "contraindication.unknown_health":
            assert r.question == "conditions_unknown" and answers.conditions_unknown
        elif r.rule == "contraindication.sex_unknown":
            assert r.question == "sex" and answers.sex == "other"
        elif r.question == "age":
            assert r.text.startswith(f"Because you said you are {answers.age}"), r
        elif r.question == "sex":
            assert "you are female" in r.text or "you are male" in r.text, r
        else:
            assert r.question == "conditions" and answers.conditions, r
    assert seen == {"age", "sex", "conditions", "conditions_unknown"}


def test_an_implied_condition_names_the_answer_at_the_start_of_its_chain(catalogue):
    """An organ transplant implies immune-lowering medicines: the reason names "conditions"."""
    answers = Answers(
        hair_loss_type="male_pattern", age=40, sex="male", conditions=("organ_transplant",)
    )
    found = rules.person_conditions(answers, catalogue)
    implied = [c for c in found if c not in answers.conditions and found.questions[c] != "sex"]
    assert implied, found
    assert all(found.questions[c] == "conditions" for c in implied)
    teen = rules.person_conditions(Answers(age=10, sex="female"), catalogue)
    assert teen.questions["under_12"] == teen.questions["under_18"] == "age"
    assert teen.questions["female"] == "sex"


def test_the_question_is_in_the_json_output(catalogue):
    """``recommend --json`` carries the answer behind each reason."""
    answers = Answers(hair_loss_type="male_pattern", age=16, sex="male", budget=Budget(100, 100))
    data = rules.result_to_dict(rules.recommend(answers, catalogue))
    questions = {r.get("question") for o in data["options"] for r in o["reasons"]}
    assert {"age", "budget", "hair_loss_type", "risk_tolerance"} <= questions
