"""The matching rules, one rule at a time, on a small hand-made catalogue.

Patient cases on the real catalogue are in test_patient_cases.py.
"""

import pytest

from decisionaid import models as m
from decisionaid.answers import Answers, Budget
from decisionaid.rules import RISK_LEVELS, result_to_dict
from decisionaid.rules import recommend as _recommend


def recommend(answers, catalogue):
    """recommend(), checking that the fast index and each option's reasons give one status."""
    result = _recommend(answers, catalogue)
    for tid in result.order:
        assert result.option(tid).status == result.statuses[tid], (tid, result.option(tid).reasons)
    return result


REFS = ("r1",)


def treatment(tid, **kw):
    base = dict(
        id=tid,
        name=tid.replace("_", " ").title(),
        category="standard",
        invasiveness="oral",
        effort="low",
        permanence="while_used",
        daily_routine=False,
        reviewed="2026-11-21",
        summary="s",
        living_with="l",
        regulatory=m.Regulatory("approved", "Approved.", "2000", REFS),
        cost=m.Cost(True, (0, 0), (100, 200), False, "", REFS),
        routine=m.Routine("daily", "3 months", "lost", "none", 3, REFS),
        evidence=(m.Evidence("male_pattern", "high", "moderate", "r", "", REFS),),
    )
    base.update(kw)
    return m.Treatment(**base)


def conditions():
    out = {
        c: m.Condition(c, c.replace("_", " ").capitalize(), "other", "why")
        for c in ("pregnant", "anticoagulants", "organ_transplant", "depression_history")
    }
    out["under_18"] = m.Condition("under_18", "Under 18", "age", "why", "age_under_18")
    out["female"] = m.Condition("female", "Female", "sex", "why", "sex_female")
    return out


def catalogue(*treatments):
    types = {
        t: m.HairLossType(
            t,
            t.replace("_", " ").capitalize(),
            i,
            "d",
            "r",
            f"Course of {t}.",
            REFS,
            ("Sudden patches",),
            "",
            REFS,
            "2026-11-21",
        )
        for i, t in enumerate(m.HAIR_LOSS_TYPES)
    }
    waiting = treatment(
        "watchful_waiting",
        category="no_treatment",
        invasiveness="none",
        regulatory=m.Regulatory("not_a_medicine", "n", "2026", REFS),
        cost=m.Cost(True, (0, 0), (0, 0), False, "", REFS),
        evidence=tuple(m.Evidence(t, "moderate", "none", "r", "", REFS) for t in m.HAIR_LOSS_TYPES),
    )
    meta = m.CatalogueMeta("test", "2026-11-21", "t", "about", 1, "x")
    items = {t.id: t for t in (waiting,) + treatments}
    refs = {"r1": m.Reference("r1", "Ref one", "trial", "2026-11-21", "None")}
    return m.Catalogue(meta, types, conditions(), items, refs)


def answers(**kw):
    base = dict(
        hair_loss_type="male_pattern",
        age=35,
        sex="male",
        budget=Budget(None, None),
        risk_tolerance="high",
    )
    base.update(kw)
    return Answers(**base)


def status(result, tid):
    return result.option(tid).status


def test_every_treatment_appears_with_a_status_and_reasons():
    """No option is ever hidden: each has a status and at least one reason."""
    cat = catalogue(treatment("a"), treatment("b", evidence=()))
    result = recommend(answers(), cat)
    assert {o.id for o in result.options} == set(cat.treatments)
    assert all(o.reasons for o in result.options)


def test_absolute_contraindication_excludes_and_cites_its_source():
    """Pregnancy + an absolute contraindication → excluded, saying which answer and citing the source."""
    fin = treatment(
        "finasteride",
        contraindications=(
            m.Contraindication("pregnant", "absolute", "It can harm a male baby.", ("label",)),
        ),
    )
    result = recommend(answers(sex="female", conditions=("pregnant",)), catalogue(fin))
    option = result.option("finasteride")
    assert option.status == "excluded"
    reason = next(r for r in option.reasons if r.kind == "contraindication")
    assert "pregnant" in reason.text and "harm a male baby" in reason.text
    assert reason.refs == ("label",) and reason.rule == "contraindication.absolute"


def test_relative_contraindication_means_discuss_with_care():
    """A relative contraindication puts the option under 'discuss with care'."""
    fin = treatment(
        "finasteride",
        contraindications=(
            m.Contraindication("depression_history", "relative", "Mood changes reported.", REFS),
        ),
    )
    result = recommend(answers(conditions=("depression_history",)), catalogue(fin))
    assert status(result, "finasteride") == "caution"


def test_age_and_sex_trigger_derived_conditions():
    """Conditions like 'under 18' and 'female' come from age and sex, saying so."""
    t = treatment(
        "t",
        contraindications=(
            m.Contraindication("under_18", "absolute", "Not tested in children.", REFS),
            m.Contraindication("female", "relative", "Not for women.", REFS),
        ),
    )
    teen = recommend(answers(age=16), catalogue(t)).option("t")
    assert teen.status == "excluded" and any("you are 16" in r.text for r in teen.reasons)
    woman = recommend(answers(sex="female"), catalogue(t)).option("t")
    assert woman.status == "caution" and any("female" in r.text for r in woman.reasons)


def test_not_used_for_this_hair_loss_type_excludes():
    """An option with no evidence row for the person's type is excluded with that reason."""
    result = recommend(answers(hair_loss_type="alopecia_areata"), catalogue(treatment("a")))
    option = result.option("a")
    assert option.status == "excluded" and option.evidence is None
    assert any(r.rule == "type.not_used" for r in option.reasons)


def test_unsure_type_explains_to_get_a_diagnosis_and_keeps_waiting():
    """'Not sure' excludes type-specific options with advice, keeps waiting, and raises a notice."""
    result = recommend(answers(hair_loss_type="unsure"), catalogue(treatment("a")))
    assert "diagnosis" in result.option("a").reasons[0].text
    assert status(result, "watchful_waiting") == "suitable"
    assert result.see_doctor_soon and result.notices


@pytest.mark.parametrize(
    "budget, expected",
    [
        (Budget(None, 300), "suitable"),
        (Budget(None, 150), "suitable"),  # only the top of the range is beyond: information only
        (Budget(None, 80), "caution"),  # cheapest price a little beyond (≤ 1.5×)
        (Budget(None, 50), "excluded"),  # cheapest price well beyond (> 1.5×)
        (Budget(None, 0), "excluded"),
    ],
)
def test_cost_rule_just_beyond_and_well_beyond(budget, expected):
    """Cost just beyond the budget → caution; well beyond (over 1.5×) → excluded."""
    result = recommend(answers(budget=budget), catalogue(treatment("a")))
    assert status(result, "a") == expected


def test_unknown_price_is_never_excluded_for_cost_but_never_fits_a_budget():
    """An unknown price is not guessed: with a budget it is 'discuss with care', saying the price
    is not known; it is never excluded for cost; with no budget limit, price does not matter."""
    t = treatment("a", cost=m.Cost(False, None, None, False, "No price.", ()))
    option = recommend(answers(budget=Budget(0, 0)), catalogue(t)).option("a")
    assert option.status == "caution"
    unknown = [r for r in option.reasons if r.rule == "cost.unknown"]
    assert unknown and unknown[0].effect == "caution"
    assert "price is not known" in unknown[0].text
    assert not any(r.rule == "cost.within" for r in option.reasons)
    free = recommend(answers(budget=Budget(None, None)), catalogue(t)).option("a")
    assert free.status == "suitable"
    assert [r.rule for r in free.reasons if r.kind == "cost"] == ["cost.no_limit"]


@pytest.mark.parametrize(
    "level, inv, reg, cert, expected",
    [
        ("low", "oral", "approved", "high", "suitable"),
        ("low", "injection", "approved", "high", "excluded"),
        ("low", "oral", "off_label", "high", "excluded"),
        ("low", "oral", "approved", "low", "excluded"),
        ("medium", "surgery", "off_label", "low", "suitable"),
        ("medium", "injection", "unapproved", "low", "excluded"),
        ("medium", "oral", "off_label", "very_low", "excluded"),
        ("high", "injection", "unapproved", "very_low", "suitable"),
        ("high", "minor_procedure", "research_only", "none", "excluded"),
    ],
)
def test_risk_levels(level, inv, reg, cert, expected):
    """Risk tolerance is defined by invasiveness, regulatory status and certainty of evidence."""
    t = treatment(
        "a",
        invasiveness=inv,
        regulatory=m.Regulatory(reg, "x", "2020", REFS),
        evidence=(m.Evidence("male_pattern", cert, "small", "r", "", REFS),),
    )
    assert status(recommend(answers(risk_tolerance=level), catalogue(t)), "a") == expected


def test_risk_levels_are_described_for_the_person():
    """Each level has a plain description with examples, shown to the user."""
    for level in RISK_LEVELS.values():
        assert "Example" in level.description and level.label


def test_preferences_exclude_needles_and_surgery_and_flag_daily_routines():
    """Avoiding needles or surgery excludes them; a hard daily routine is 'discuss with care'."""
    cat = catalogue(
        treatment("inj", invasiveness="injection"),
        treatment("op", invasiveness="surgery"),
        treatment("pill", daily_routine=True),
    )
    prefs = {"avoid_surgery": True, "avoid_injections": True, "daily_routine_ok": False}
    result = recommend(answers(preferences=prefs), cat)
    assert status(result, "inj") == "excluded" and status(result, "op") == "excluded"
    assert status(result, "pill") == "caution"


def test_watchful_waiting_is_always_there_with_the_natural_course():
    """Doing nothing is always an option, with the natural course for the chosen type."""
    for type_id in m.HAIR_LOSS_TYPES:
        option = recommend(
            answers(hair_loss_type=type_id, risk_tolerance="low", budget=Budget(0, 0)), catalogue()
        ).option("watchful_waiting")
        assert option.status == ("caution" if type_id == "scarring" else "suitable")
        assert any(f"Course of {type_id}" in r.text for r in option.reasons)


def test_warning_signs_turn_waiting_into_see_a_doctor():
    """With warning signs, waiting is flagged and the result says to see a doctor soon."""
    result = recommend(answers(warning_signs=("Sudden patches",)), catalogue())
    assert status(result, "watchful_waiting") == "caution"
    assert result.see_doctor_soon


def test_unknown_health_answers_flag_options_with_absolute_contraindications():
    """'I don't know' about health turns options with absolute contraindications into caution."""
    t = treatment(
        "a", contraindications=(m.Contraindication("organ_transplant", "absolute", "n", REFS),)
    )
    assert status(recommend(answers(conditions_unknown=True), catalogue(t)), "a") == "caution"


def test_priorities_order_within_a_status_never_across():
    """Priorities reorder options inside a group, never move one into another group."""
    cheap = treatment(
        "cheap",
        cost=m.Cost(True, (0, 0), (10, 20), False, "", REFS),
        evidence=(m.Evidence("male_pattern", "moderate", "small", "r", "", REFS),),
    )
    strong = treatment(
        "strong",
        cost=m.Cost(True, (0, 0), (1000, 2000), False, "", REFS),
        evidence=(m.Evidence("male_pattern", "high", "large", "r", "", REFS),),
    )
    blocked = treatment("blocked", invasiveness="surgery")
    cat = catalogue(cheap, strong, blocked)
    by_cost = recommend(answers(risk_tolerance="low", priorities={"cost": 5, "evidence": 1}), cat)
    by_evidence = recommend(
        answers(risk_tolerance="low", priorities={"cost": 1, "evidence": 5}), cat
    )
    order = lambda r: [o.id for o in r.by_status("suitable")]
    assert order(by_cost).index("cheap") < order(by_cost).index("strong")
    assert order(by_evidence).index("strong") < order(by_evidence).index("cheap")
    assert status(by_cost, "blocked") == status(by_evidence, "blocked") == "excluded"
    assert "importance 5" in by_cost.option("cheap").ordering_explanation()


def test_json_shape_has_the_documented_fields():
    """recommend --json carries id, name, status, reasons, evidence, regulatory, costs, summary, references."""
    data = result_to_dict(recommend(answers(), catalogue(treatment("a"))))
    assert set(data) >= {"catalogue", "options"}
    option = next(o for o in data["options"] if o["id"] == "a")
    for key in (
        "id",
        "name",
        "status",
        "reasons",
        "evidence",
        "regulatory",
        "cost_upfront_usd",
        "cost_yearly_usd",
        "summary",
        "references",
    ):
        assert key in option
    assert option["references"][0]["citation"] == "Ref one"
    assert all(set(r) >= {"kind", "text"} for r in option["reasons"])
    assert option["evidence"] in {"high", "moderate", "low", "very_low", "none"}


def test_result_never_names_a_single_best_option():
    """No field or text in the result calls an option 'best' or 'recommended'."""
    text = repr(
        result_to_dict(recommend(answers(), catalogue(treatment("a"), treatment("b"))))
    ).lower()
    assert "best option" not in text and "recommended option" not in text
